"""代表名单: the roster as a sortable, filterable table; edit with checks; Excel in and out.

The model reads the roster through the repository on the GUI thread's connection; every
change goes through the app layer on the worker (``app.prepare``), which checks it with the
same rules as a new election file and writes it to the audit log.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from huanjie_desktop.app import prepare
from huanjie_desktop.domain.definition import DefinitionRefused, clean_name, strip_annotation
from huanjie_desktop.domain.idnumber import check_id_number, cross_check
from huanjie_desktop.domain.model import Person, Problem, Unit
from huanjie_desktop.gui import dialogs
from huanjie_desktop.gui.dialogs import ProblemsDialog, split_where
from huanjie_desktop.gui.pages.base import Page, PageRegistry, PageSpec
from huanjie_desktop.gui.session import CHECKINS, CONTESTS, PEOPLE, UNITS, AppContext
from huanjie_desktop.gui.widgets import TONES, Banner, heading, refilter
from huanjie_desktop.reports.fonts import first_unprintable
from huanjie_desktop.storage import repo
from huanjie_desktop.storage.db import ElectionDB

ModelIndex = QModelIndex | QPersistentModelIndex
SORT_ROLE = Qt.ItemDataRole.UserRole + 10
CODE_ROLE = Qt.ItemDataRole.UserRole + 11

# (field, header source text); headers are translated in ``PeopleModel.headers``
COLUMNS = (
    "code",
    "name",
    "gender",
    "unit",
    "has_vote",
    "present",
    "issues",
    "ethnicity",
    "birth",
    "id_number",
    "education",
    "workplace",
    "category",
)


@dataclass(frozen=True)
class Issue:
    text: str
    error: bool  # False: a warning to look at


def person_issues(p: Person, name_count: dict[str, int], lang: str) -> list[Issue]:
    """What is wrong or doubtful with one roster entry (same checks as the definition)."""
    out: list[Issue] = []
    en = lang == "en"
    bad = first_unprintable(p.name)
    if bad is not None:
        out.append(
            Issue(
                f"{bad!r} (U+{ord(bad):04X}) cannot be printed with the shipped font"
                if en
                else f"“{bad}”(U+{ord(bad):04X}) 无法用随附字体打印",
                True,
            )
        )
    if name_count.get(p.name, 0) > 1:
        out.append(
            Issue(
                "same name as someone else: make sure they are different people"
                if en
                else "有同名的人，请确认是不同的人",
                False,
            )
        )
    if p.id_number:
        chk = check_id_number(p.id_number)
        if not chk.ok:
            out.append(Issue(chk.message_en if en else chk.message_zh, True))
        else:
            if chk.code == "legacy15":
                out.append(Issue(chk.message_en if en else chk.message_zh, False))
            for zh, eng in cross_check(chk, p.gender, p.birth):
                out.append(Issue(eng if en else zh, False))
    return out


class PeopleModel(QAbstractTableModel):
    """The roster rows; ``load`` replaces them all (a few thousand rows at most)."""

    def __init__(self, lang: str = "zh") -> None:
        super().__init__()
        self.lang = lang
        self.people: list[Person] = []
        self.units: dict[str, str] = {}
        self.present: set[str] = set()
        self.issues: dict[str, list[Issue]] = {}
        self.headers = [
            self.tr("编号"),
            self.tr("姓名"),
            self.tr("性别"),
            self.tr("选举单位"),
            self.tr("有选举权"),
            self.tr("报到"),
            self.tr("提示"),
            self.tr("民族"),
            self.tr("出生年月"),
            self.tr("身份证号码"),
            self.tr("学历"),
            self.tr("工作单位及职务"),
            self.tr("代表类别"),
        ]

    def load(self, people: list[Person], units: dict[str, str], present: set[str]) -> None:
        self.beginResetModel()
        self.people = people
        self.units = units
        self.present = present
        counts: dict[str, int] = {}
        for p in people:
            counts[p.name] = counts.get(p.name, 0) + 1
        self.issues = {p.code: person_issues(p, counts, self.lang) for p in people}
        self.endResetModel()

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.people)

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.headers[section]
        return None

    def person(self, row: int) -> Person:
        return self.people[row]

    def value(self, p: Person, field: str) -> str:
        if field == "unit":
            return self.units.get(p.unit or "", p.unit or "")
        if field == "has_vote":
            return self.tr("有") if p.has_vote else self.tr("无")
        if field == "present":
            return self.tr("已报到") if p.code in self.present else ""
        if field == "issues":
            return "；".join(i.text for i in self.issues.get(p.code, []))
        return str(getattr(p, field))

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        p = self.people[index.row()]
        field = COLUMNS[index.column()]
        if role in (Qt.ItemDataRole.DisplayRole, SORT_ROLE):
            return self.value(p, field)
        if role == CODE_ROLE:
            return p.code
        issues = self.issues.get(p.code, [])
        if role == Qt.ItemDataRole.ToolTipRole and issues:
            return "\n".join(i.text for i in issues)
        if role == Qt.ItemDataRole.ForegroundRole:
            if field == "issues" and issues:
                tone = "bad" if any(i.error for i in issues) else "warn"
                return QColor(TONES[tone][0])
            if field == "has_vote" and not p.has_vote:
                return QColor(TONES["warn"][0])
            if field == "present" and p.code in self.present:
                return QColor(TONES["ok"][0])
        if role == Qt.ItemDataRole.BackgroundRole and any(i.error for i in issues):
            return QColor(TONES["bad"][1])
        return None


class RosterFilter(QSortFilterProxyModel):
    """Text (name, code, ID number, workplace), unit, vote and "only with issues" filters."""

    def __init__(self) -> None:
        super().__init__()
        self.text = ""
        self.unit: str | None = None  # None: every unit; "": no unit
        self.vote: bool | None = None
        self.only_issues = False
        self.setSortRole(SORT_ROLE)
        self.setSortLocaleAware(True)

    def set_filters(
        self,
        text: str | None = None,
        unit: str | bool | None = False,
        vote: bool | str | None = "",
        only_issues: bool | None = None,
    ) -> None:
        if text is not None:
            self.text = text.strip().upper()
        if unit is not False:
            self.unit = unit if isinstance(unit, str) or unit is None else None
        if vote != "":
            self.vote = vote if isinstance(vote, bool) or vote is None else None
        if only_issues is not None:
            self.only_issues = only_issues
        refilter(self)

    def filterAcceptsRow(self, source_row: int, source_parent: ModelIndex) -> bool:
        model = self.sourceModel()
        assert isinstance(model, PeopleModel)
        p = model.person(source_row)
        if self.unit is not None and (p.unit or "") != self.unit:
            return False
        if self.vote is not None and p.has_vote != self.vote:
            return False
        if self.only_issues and not model.issues.get(p.code):
            return False
        if self.text:
            hay = " ".join(
                (p.code, p.name, p.id_number, p.workplace, model.value(p, "unit"))
            ).upper()
            return self.text in hay
        return True


FIELD_WIDGETS = (
    ("code", "编号"),
    ("name", "姓名"),
    ("gender", "性别"),
    ("ethnicity", "民族"),
    ("birth", "出生年月"),
    ("native_place", "籍贯"),
    ("id_number", "身份证号码"),
    ("education", "学历/学位"),
    ("party_join", "入党时间"),
    ("work_start", "参加工作时间"),
    ("workplace", "工作单位及职务"),
    ("category", "代表类别"),
    ("unit", "选举单位"),
    ("has_vote", "有选举权"),
)


class PersonDialog(QDialog):
    """Add or edit one person, with the ID number and name checked as you type."""

    def __init__(
        self,
        page: RosterPage,
        person: Person | None,
        units: list[Unit],
        names: dict[str, list[str]],
    ) -> None:
        super().__init__(page)
        self.page = page
        self.is_new = person is None
        self.names = names  # name → codes, for the duplicate-name warning
        self.setWindowTitle(self.tr("新增代表") if self.is_new else self.tr("修改代表信息"))
        self.setMinimumWidth(560)
        lay = QVBoxLayout(self)
        form = QFormLayout()
        self.edits: dict[str, QLineEdit] = {}
        p = person or Person("", "")
        for field, _label in FIELD_WIDGETS:
            if field in ("gender", "unit", "has_vote"):
                continue
            edit = QLineEdit(str(getattr(p, field)))
            self.edits[field] = edit
        self.edits["code"].setReadOnly(not self.is_new)
        if not self.is_new:
            self.edits["code"].setStyleSheet("background: #eeeeee; color: #555555;")
            self.edits["code"].setToolTip(self.tr("编号不能修改"))
        self.edits["birth"].setPlaceholderText(self.tr("如 1980-05"))
        self.edits["party_join"].setPlaceholderText(self.tr("如 2003-06"))
        self.edits["work_start"].setPlaceholderText(self.tr("如 2002-07"))
        self.edits["id_number"].setPlaceholderText(self.tr("18 位，末位可为 X"))
        self.gender = QComboBox()
        self.gender.addItems(["", "男", "女"])
        self.gender.setCurrentText(p.gender)
        self.unit = QComboBox()
        self.unit.addItem(self.tr("（无）"), "")
        for u in units:
            self.unit.addItem(f"{u.name}（{u.code}）", u.code)
        self.unit.setCurrentIndex(max(0, self.unit.findData(p.unit or "")))
        self.has_vote = QCheckBox(self.tr("有选举权（预备党员没有）"))
        self.has_vote.setChecked(p.has_vote)
        self.name_note = QLabel()
        self.id_note = QLabel()
        for note in (self.name_note, self.id_note):
            note.setWordWrap(True)
        labels = {
            "code": self.tr("编号"),
            "name": self.tr("姓名"),
            "gender": self.tr("性别"),
            "ethnicity": self.tr("民族"),
            "birth": self.tr("出生年月"),
            "native_place": self.tr("籍贯"),
            "id_number": self.tr("身份证号码"),
            "education": self.tr("学历/学位"),
            "party_join": self.tr("入党时间"),
            "work_start": self.tr("参加工作时间"),
            "workplace": self.tr("工作单位及职务"),
            "category": self.tr("代表类别"),
            "unit": self.tr("选举单位"),
            "has_vote": "",
        }
        for field, _label in FIELD_WIDGETS:
            widget: QWidget
            if field == "gender":
                widget = self.gender
            elif field == "unit":
                widget = self.unit
            elif field == "has_vote":
                widget = self.has_vote
            else:
                widget = self.edits[field]
            form.addRow(labels[field], widget)
            if field == "name":
                form.addRow("", self.name_note)
            if field == "id_number":
                form.addRow("", self.id_note)
        lay.addLayout(form)
        self.problems = QLabel()
        self.problems.setWordWrap(True)
        self.problems.setStyleSheet(f"color: {TONES['bad'][0]};")
        lay.addWidget(self.problems)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        lay.addWidget(self.buttons)
        for field in ("name", "id_number", "birth"):
            self.edits[field].textChanged.connect(self.check)
        self.gender.currentTextChanged.connect(self.check)
        self.original = person
        self.check()

    def person(self) -> Person:
        e = self.edits
        return Person(
            e["code"].text().strip(),
            clean_name(e["name"].text()),
            self.gender.currentText(),
            e["ethnicity"].text().strip(),
            e["birth"].text().strip(),
            e["native_place"].text().strip(),
            e["id_number"].text().strip().upper(),
            e["education"].text().strip(),
            e["party_join"].text().strip(),
            e["work_start"].text().strip(),
            e["workplace"].text().strip(),
            e["category"].text().strip(),
            str(self.unit.currentData()) or None,
            self.has_vote.isChecked(),
        )

    def _note(self, label: QLabel, issues: list[Issue]) -> None:
        if not issues:
            label.setText("")
            label.hide()
            return
        tone = "bad" if any(i.error for i in issues) else "warn"
        label.setText("\n".join(("✗ " if i.error else "⚠ ") + i.text for i in issues))
        label.setStyleSheet(f"color: {TONES[tone][0]};")
        label.show()

    def check(self) -> None:
        """Live checks while typing: printable name, duplicate name, ID number."""
        p = self.person()
        lang = self.page.ctx.lang
        en = lang == "en"
        name_issues: list[Issue] = []
        bad = first_unprintable(p.name) if p.name else None
        if bad is not None:
            name_issues.append(
                Issue(
                    f"{bad!r} (U+{ord(bad):04X}) cannot be printed with the shipped font: "
                    "it would print blank"
                    if en
                    else f"“{bad}”(U+{ord(bad):04X}) 无法用随附字体打印，选票上会是空白，请核对",
                    True,
                )
            )
        # (a note typed after the name, '王平（女）', is kept apart from it: no part of the name)
        name = strip_annotation(p.name)[0]
        twins = [c for c in self.names.get(name, []) if c != p.code]
        if name and twins:
            name_issues.append(
                Issue(
                    f"same name as {', '.join(twins)}: make sure they are different people"
                    if en
                    else f"与 {'、'.join(twins)} 同名，请确认是不同的人",
                    False,
                )
            )
        self._note(self.name_note, name_issues)
        id_issues: list[Issue] = []
        if p.id_number:
            chk = check_id_number(p.id_number)
            if not chk.ok:
                id_issues.append(Issue(chk.message_en if en else chk.message_zh, True))
            else:
                if chk.code == "legacy15":
                    id_issues.append(Issue(chk.message_en if en else chk.message_zh, False))
                for zh, eng in cross_check(chk, p.gender, p.birth):
                    id_issues.append(Issue(eng if en else zh, False))
        self._note(self.id_note, id_issues)
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        if ok is not None:
            blocking = any(i.error for i in name_issues + id_issues)
            ok.setEnabled(bool(p.code and p.name) and not blocking)

    def show_problems(self, problems: list[Problem]) -> None:
        lang = self.page.ctx.lang
        lines = []
        for p in problems:
            if p.warning:
                continue
            field = split_where(p.where)[2]
            if lang == "en":
                lines.append(f"✗ {p.message_en}")
            else:
                lines.append(f"✗ {field}：{p.message_zh}" if field else f"✗ {p.message_zh}")
        self.problems.setText("\n".join(lines))

    def save(self) -> None:
        p = self.person()
        if (
            not self.is_new
            and self.original is not None
            and self.original.name != p.name
            and self.page.printed_contests_of(p.code)
            and not dialogs.confirm(
                self,
                self.tr("选票将失效"),
                self.tr(
                    "{name} 是候选人，所在选举事项已经印制了选票。改名后已印制的选票作废"
                    "（选票校验码改变），必须重新印制。确定要改吗？"
                ).format(name=self.original.name),
            )
        ):
            return
        self.page.save_person(p, self.is_new, self)


class RosterPage(Page):
    topics = frozenset({PEOPLE, UNITS, CHECKINS, CONTESTS})

    def __init__(self, ctx: AppContext) -> None:
        super().__init__(ctx)
        self.model = PeopleModel(ctx.lang)
        self.proxy = RosterFilter()
        self.proxy.setSourceModel(self.model)
        self.last_problems: ProblemsDialog | None = None
        self.editor: PersonDialog | None = None
        self._units: list[Unit] = []

        lay = QVBoxLayout(self)
        lay.setContentsMargins(20, 16, 20, 16)
        top = QHBoxLayout()
        top.addWidget(heading(self.tr("代表名单")))
        top.addStretch(1)
        self.count = QLabel()
        top.addWidget(self.count)
        lay.addLayout(top)

        filters = QHBoxLayout()
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("查找：姓名、编号、身份证号码、单位"))
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(lambda t: self._filter(text=t))
        filters.addWidget(self.search, 3)
        self.unit_filter = QComboBox()
        self.unit_filter.currentIndexChanged.connect(self._unit_changed)
        filters.addWidget(self.unit_filter, 2)
        self.vote_filter = QComboBox()
        self.vote_filter.addItem(self.tr("有无选举权：全部"), None)
        self.vote_filter.addItem(self.tr("有选举权"), True)
        self.vote_filter.addItem(self.tr("无选举权"), False)
        self.vote_filter.currentIndexChanged.connect(
            lambda _i: self._filter(vote=self.vote_filter.currentData())
        )
        filters.addWidget(self.vote_filter, 1)
        self.issues_only = QCheckBox(self.tr("只看有提示的"))
        self.issues_only.toggled.connect(lambda on: self._filter(only_issues=on))
        filters.addWidget(self.issues_only)
        lay.addLayout(filters)

        self.view = QTableView()
        self.view.setModel(self.proxy)
        self.view.setSortingEnabled(True)
        self.view.sortByColumn(-1, Qt.SortOrder.AscendingOrder)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setAlternatingRowColors(True)
        self.view.verticalHeader().setVisible(False)
        self.view.setWordWrap(False)
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        self.view.doubleClicked.connect(lambda _i: self.edit_selected())
        lay.addWidget(self.view, 1)

        actions = QHBoxLayout()
        self.add_button = QPushButton(self.tr("新增代表…"))
        self.add_button.clicked.connect(self.add_person)
        self.edit_button = QPushButton(self.tr("修改所选…"))
        self.edit_button.clicked.connect(self.edit_selected)
        self.delete_button = QPushButton(self.tr("删除所选"))
        self.delete_button.clicked.connect(self.delete_selected)
        self.import_button = QPushButton(self.tr("从 Excel 导入…"))
        self.import_button.clicked.connect(self.ask_import)
        self.export_button = QPushButton(self.tr("导出到 Excel…"))
        self.export_button.clicked.connect(self.ask_export)
        for b in (self.add_button, self.edit_button, self.delete_button):
            actions.addWidget(b)
        actions.addStretch(1)
        actions.addWidget(self.import_button)
        actions.addWidget(self.export_button)
        lay.addLayout(actions)
        self.banner = Banner()
        lay.addWidget(self.banner)

    # --- data ---------------------------------------------------------------------------------

    def refresh(self) -> None:
        db = self.ctx.db
        self._units = repo.read_units(db)
        units = {u.code: u.name for u in self._units}
        self.model.load(repo.read_people(db), units, repo.checked_in(db))
        current = self.unit_filter.currentData()
        self.unit_filter.blockSignals(True)
        self.unit_filter.clear()
        self.unit_filter.addItem(self.tr("选举单位：全部"), None)
        for u in self._units:
            self.unit_filter.addItem(u.name, u.code)
        self.unit_filter.setCurrentIndex(max(0, self.unit_filter.findData(current)))
        self.unit_filter.blockSignals(False)
        if not self.model.people:
            self.banner.show_message(
                self.tr("名单是空的：点“从 Excel 导入…”导入代表名单，或点“新增代表…”逐个添加。"),
                "info",
            )
        self.view.resizeColumnsToContents()
        header = self.view.horizontalHeader()
        for c in range(len(COLUMNS) - 1):
            header.resizeSection(c, min(header.sectionSize(c) + 12, 240))
        self._update_count()

    def _update_count(self) -> None:
        with_issues = sum(1 for v in self.model.issues.values() if v)
        text = self.tr("共 {total} 人，显示 {shown} 人").format(
            total=self.model.rowCount(), shown=self.proxy.rowCount()
        )
        if with_issues:
            text += self.tr("；{n} 人有提示").format(n=with_issues)
        self.count.setText(text)

    def _filter(self, **kw: Any) -> None:
        self.proxy.set_filters(**kw)
        self._update_count()

    def _unit_changed(self, _index: int) -> None:
        self._filter(unit=self.unit_filter.currentData())

    def visible_codes(self) -> list[str]:
        """The codes shown, in the table's order (for tests and exports of a selection)."""
        return [
            str(self.proxy.data(self.proxy.index(r, 0), CODE_ROLE))
            for r in range(self.proxy.rowCount())
        ]

    def selected_person(self) -> Person | None:
        rows = self.view.selectionModel().selectedRows()
        if not rows:
            return None
        source = self.proxy.mapToSource(rows[0])
        return self.model.person(source.row())

    def select_code(self, code: str) -> None:
        for r in range(self.proxy.rowCount()):
            index = self.proxy.index(r, 0)
            if self.proxy.data(index, CODE_ROLE) == code:
                self.view.selectRow(r)
                self.view.scrollTo(index)
                return

    def printed_contests_of(self, person: str) -> list[str]:
        db = self.ctx.db
        return [
            c.code
            for c in repo.read_contests(db)
            if any(k.person == person for k in c.candidates) and prepare.printed_sheets(db, c.code)
        ]

    # --- editing ------------------------------------------------------------------------------

    def _names(self) -> dict[str, list[str]]:
        names: dict[str, list[str]] = {}
        for p in self.model.people:
            names.setdefault(p.name, []).append(p.code)
        return names

    def _next_code(self) -> str:
        """The next free code in the roster's own style: P020 → P021, M0152 → M0153."""
        best: tuple[int, str, int] | None = None
        for p in self.model.people:
            m = re.fullmatch(r"([A-Za-z_-]*)(\d+)", p.code)
            if m and (best is None or int(m.group(2)) > best[0]):
                best = (int(m.group(2)), m.group(1), len(m.group(2)))
        number, prefix, width = best if best is not None else (0, "P", 4)
        codes = {p.code for p in self.model.people}
        while True:
            number += 1
            code = f"{prefix}{number:0{width}d}"
            if code not in codes:
                return code

    def add_person(self) -> PersonDialog:
        dialog = PersonDialog(self, None, self._units, self._names())
        dialog.edits["code"].setText(self._next_code())
        dialog.open()
        self.editor = dialog
        return dialog

    def edit_selected(self) -> PersonDialog | None:
        p = self.selected_person()
        if p is None:
            self.banner.show_message(self.tr("请先在表中选中一个人。"), "warn")
            return None
        dialog = PersonDialog(self, p, self._units, self._names())
        dialog.open()
        self.editor = dialog
        return dialog

    def save_person(self, p: Person, is_new: bool, dialog: PersonDialog) -> None:
        op = self.ctx.account

        def work(db: ElectionDB) -> list[Problem]:
            return prepare.save_person(db, p, is_new=is_new, operator=op)

        def done(warnings: object) -> None:
            dialog.accept()
            text = self.tr("✓ 已保存 {name}（{code}）").format(name=p.name, code=p.code)
            tone = "ok"
            if isinstance(warnings, list) and warnings:
                items = " / ".join(
                    self.ctx.t(w.message_zh, w.message_en)
                    for w in warnings
                    if isinstance(w, Problem)
                )
                text += self.tr("。请核对：{items}").format(items=items)
                tone = "warn"
            self.banner.show_message(text, tone)
            self.select_code(p.code)

        def failed(exc: BaseException) -> None:
            if isinstance(exc, DefinitionRefused):
                dialog.show_problems(exc.problems)
            else:
                dialog.show_problems(
                    [Problem("", "error", self.ctx.describe(exc), self.ctx.describe(exc))]
                )

        self.ctx.run("person.save", work, topics={PEOPLE}, on_success=done, on_error=failed)

    def delete_selected(self) -> None:
        p = self.selected_person()
        if p is None:
            self.banner.show_message(self.tr("请先在表中选中一个人。"), "warn")
            return
        if not dialogs.confirm(
            self,
            self.tr("删除代表"),
            self.tr("确定从名单中删除 {name}（{code}）吗？此操作会记入审计日志。").format(
                name=p.name, code=p.code
            ),
        ):
            return
        code, op = p.code, self.ctx.account

        def work(db: ElectionDB) -> None:
            prepare.delete_person(db, code, operator=op)

        self.ctx.run(
            "person.delete",
            work,
            topics={PEOPLE},
            on_success=lambda _r: self.banner.show_message(
                self.tr("已删除 {name}（{code}）").format(name=p.name, code=code), "info"
            ),
            on_error=lambda exc: self.banner.show_message("✗ " + self.ctx.describe(exc), "bad"),
        )

    # --- Excel --------------------------------------------------------------------------------

    def ask_import(self) -> None:
        self.import_workbook()

    def ask_export(self) -> None:
        self.export_workbook()

    def import_workbook(self, path: Path | None = None, *, printed_ok: bool = False) -> None:
        """Import 选举单位 and 代表名单 from a definition workbook (all problems at once)."""
        if path is None:
            start = str(self.ctx.path.parent) if self.ctx.path else str(Path.home())
            chosen, _ = QFileDialog.getOpenFileName(
                self,
                self.tr("选择代表名单 Excel 表"),
                start,
                self.tr("Excel 工作簿 (*.xlsx *.xlsm)"),
            )
            if not chosen:
                return
            path = Path(chosen)
        source, op = path, self.ctx.account

        def work(db: ElectionDB) -> prepare.ImportSummary:
            return prepare.import_roster(db, source, operator=op, printed_ok=printed_ok)

        def done(result: object) -> None:
            assert isinstance(result, prepare.ImportSummary)
            text = self.tr(
                "✓ 已导入 {file}：新增 {added} 人，更新 {updated} 人，未变 {same} 人"
            ).format(
                file=source.name,
                added=result.added,
                updated=result.updated,
                same=result.unchanged,
            )
            if result.kept:
                text += self.tr("；文件中另有 {n} 人不在表中，保留未动").format(n=result.kept)
            if result.units_added:
                text += self.tr("；新增选举单位 {n} 个").format(n=result.units_added)
            if result.votes_changed:
                # (it moves 应到, the quorum and the base of the majority: said in the banner)
                text += self.tr("；{n} 人的“有选举权”改变，应到人数随之改变").format(
                    n=len(result.votes_changed)
                )
            self.banner.show_message(text, "ok")
            if result.warnings:
                self._problems(
                    self.tr("已导入：请核对以下提示"),
                    self.tr("名单已导入。下面的提示不妨碍使用，但请逐条核对。"),
                    list(result.warnings),
                )

        def failed(exc: BaseException) -> None:
            if isinstance(exc, DefinitionRefused):
                errors = [p for p in exc.problems if not p.warning]
                if errors and all(p.code == "ballots_printed" for p in errors):
                    # (only candidates renamed on printed ballots: asked, as the person
                    # dialog asks, and imported again if so)
                    lang = self.ctx.lang
                    names = "\n".join(
                        p.message_en if lang == "en" else p.message_zh for p in errors
                    )
                    if dialogs.confirm(
                        self,
                        self.tr("选票将失效"),
                        self.tr(
                            "导入会改动已印制选票上的候选人姓名：\n{names}\n"
                            "已印制的选票将作废（选票校验码改变），必须重新印制。确定要导入吗？"
                        ).format(names=names),
                    ):
                        self.import_workbook(source, printed_ok=True)
                    else:
                        self.banner.show_message(
                            self.tr("名单没有导入（已印制的选票不变）。"), "info"
                        )
                    return
                self.banner.show_message(
                    self.tr("✗ 表格中有 {n} 处错误，名单没有导入。").format(n=len(errors)), "bad"
                )
                self._problems(
                    self.tr("名单有问题，没有导入"),
                    self.tr(
                        "{file} 中有 {n} 处错误，名单没有导入（选举文件没有任何改动）。"
                        "请在 Excel 中按下表逐条改正，保存后再导入一次。"
                    ).format(file=source.name, n=len(errors)),
                    exc.problems,
                )
            else:
                self.banner.show_message("✗ " + self.ctx.describe(exc), "bad")

        self.ctx.run(
            "roster.import",
            work,
            topics={PEOPLE, UNITS},
            on_success=done,
            on_error=failed,
            progress_title=self.tr("正在导入代表名单"),
        )

    def _problems(self, title: str, intro: str, problems: list[Problem]) -> None:
        dialog = ProblemsDialog(title, intro, problems, self.ctx.lang, self)
        dialog.open()
        self.last_problems = dialog

    def export_workbook(self, path: Path | None = None) -> None:
        if path is None:
            base = self.ctx.path.with_suffix("") if self.ctx.path else Path.home() / "名单"
            chosen, _ = QFileDialog.getSaveFileName(
                self,
                self.tr("导出到 Excel"),
                str(base) + "-定义表.xlsx",
                self.tr("Excel 工作簿 (*.xlsx)"),
            )
            if not chosen:
                return
            path = dialogs.saved_as(chosen, ".xlsx")
        target, op = path, self.ctx.account

        def work(db: ElectionDB) -> int:
            return prepare.export_workbook(db, target, operator=op)

        self.ctx.run(
            "roster.export",
            work,
            topics={PEOPLE},
            on_success=lambda n: self.banner.show_message(
                self.tr("✓ 已导出 {n} 人到 {path}（可在 Excel 中修改后再导入）").format(
                    n=n, path=target
                ),
                "ok",
            ),
            on_error=lambda exc: self.banner.show_message("✗ " + self.ctx.describe(exc), "bad"),
            progress_title=self.tr("正在导出"),
        )


def register(pages: PageRegistry) -> None:
    pages.add(
        PageSpec(
            "prep.roster",
            "prep",
            lambda: QCoreApplication.translate("pages", "代表名单"),
            RosterPage,
            order=30,
        )
    )
