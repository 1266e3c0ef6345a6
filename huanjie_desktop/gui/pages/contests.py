"""选举事项和候选人: contests with their rule settings, candidates in 姓氏笔画 order, scrutineers.

The candidate list is shown in ballot order. Pairs the stroke data cannot settle are
highlighted for a person to confirm; a name moved by hand is recorded in the audit log. The
margin (差额) is recomputed as you type. Changing a contest whose ballots were printed asks
first: those ballots become invalid (the round's fingerprint changes).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QStringListModel, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QCompleter,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from huanjie_desktop.app import prepare, stations
from huanjie_desktop.domain.definition import DefinitionRefused, clean_name, strip_annotation
from huanjie_desktop.domain.model import (
    BallotStyle,
    Contest,
    ContestKind,
    Method,
    OfficialRole,
    Person,
    Problem,
    QuorumRule,
    ThresholdBase,
)
from huanjie_desktop.domain.name_order import Flag
from huanjie_desktop.domain.rules import Margin, minimum_candidates
from huanjie_desktop.gui import dialogs
from huanjie_desktop.gui.fonts import scaled
from huanjie_desktop.gui.labels import (
    base_label,
    kind_label,
    method_label,
    quorum_label,
    role_label,
    style_label,
)
from huanjie_desktop.gui.pages.base import Page, PageRegistry, PageSpec
from huanjie_desktop.gui.session import BALLOTS, CONTESTS, PEOPLE, UNITS, AppContext
from huanjie_desktop.gui.widgets import TONES, Banner, Chip, EmptyState, heading, hint
from huanjie_desktop.storage import repo
from huanjie_desktop.storage.db import ElectionDB

CODE_ROLE = Qt.ItemDataRole.UserRole + 20


def _combo(items: list[tuple[str, str]]) -> QComboBox:
    box = QComboBox()
    for value, label in items:
        box.addItem(label, value)
    return box


def _rules(c: Contest) -> tuple[object, ...]:
    """What the rules form edits of a contest."""
    return (
        c.title,
        c.kind,
        c.method,
        c.seats,
        c.unit,
        c.ballot_style,
        c.writein_columns,
        c.threshold_base,
        c.quorum_rule,
        c.margin_min_pct,
        c.margin_reason,
        c.writein_needs_mark,
        c.preselection,
    )


def _set(box: QComboBox, value: str | None) -> None:
    box.setCurrentIndex(max(0, box.findData(value)))


class ContestsPage(Page):
    topics = frozenset({CONTESTS, PEOPLE, UNITS, BALLOTS})

    def __init__(self, ctx: AppContext) -> None:
        super().__init__(ctx)
        self.contests: list[Contest] = []
        self.people: dict[str, Person] = {}
        self.current: str | None = None
        self.is_new = False
        self.order: list[
            tuple[str, str, str | None, str, bool]
        ] = []  # code, name, person, ann, moved
        self.flags: list[Flag] = []
        self.round_number = 1  # the round whose ballot the candidates tab shows (the latest)
        self.first_count = 0  # the contest's candidates (the first round's list): the margin
        self.round_seats = 0  # the seats of the round shown (a later round's: fewer)
        self.round_kind = "formal"

        outer = QHBoxLayout(self)
        outer.setContentsMargins(12, 12, 12, 12)
        split = QSplitter(Qt.Orientation.Horizontal)
        outer.addWidget(split)

        left = QWidget()
        ll = QVBoxLayout(left)
        ll.setContentsMargins(6, 4, 6, 4)
        ll.addWidget(heading(self.tr("选举事项"), 1.2))
        self.list = QListWidget()
        self.list.setWordWrap(True)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.setStyleSheet(
            "QListWidget::item { padding: 6px 4px; border-bottom: 1px solid #e2e2e2; }"
            "QListWidget::item:selected { background: #f6dcd8; color: black;"
            " border-left: 4px solid #b8352b; }"
        )
        self.list.currentItemChanged.connect(self._picked)
        ll.addWidget(self.list, 1)
        self.new_button = QPushButton(self.tr("＋ 新增选举事项"))
        self.new_button.setMinimumHeight(36)
        self.new_button.clicked.connect(self.start_new)
        ll.addWidget(self.new_button)
        split.addWidget(left)

        right = QWidget()
        rl = QVBoxLayout(right)
        rl.setContentsMargins(10, 4, 6, 4)
        self.title = heading("", 1.3)
        rl.addWidget(self.title)
        margin_row = QHBoxLayout()
        self.margin = QLabel()
        self.margin.setFont(scaled(self.font(), 1.2, bold=True))
        self.margin.setWordWrap(True)
        self.margin_chip = Chip()
        margin_row.addWidget(self.margin, 1)
        margin_row.addWidget(self.margin_chip)
        rl.addLayout(margin_row)
        self.printed_note = Banner()
        rl.addWidget(self.printed_note)
        self.tabs = QTabWidget()
        self.tabs.addTab(self._candidates_tab(), self.tr("候选人（选票顺序）"))
        self.tabs.addTab(self._rules_tab(), self.tr("选举规则"))
        self.tabs.addTab(self._officials_tab(), self.tr("监票人和计票人"))
        rl.addWidget(self.tabs, 1)
        self.banner = Banner()
        rl.addWidget(self.banner)
        self.empty = EmptyState(
            self.tr("还没有选举事项"),
            self.tr("点左下角“新增选举事项”，例如“委员”“纪委委员”“出席上级党代会代表”。"),
        )
        rl.addWidget(self.empty, 1)
        split.addWidget(right)
        split.setStretchFactor(0, 1)
        split.setStretchFactor(1, 4)
        split.setSizes([260, 900])

    # --- building the tabs --------------------------------------------------------------------

    def _candidates_tab(self) -> QWidget:
        tab = QWidget()
        lay = QHBoxLayout(tab)
        col = QVBoxLayout()
        self.round_note = hint("")
        self.round_note.hide()
        col.addWidget(self.round_note)
        self.table = QTableWidget(0, 5)
        self.table.setHorizontalHeaderLabels(
            [self.tr("序"), self.tr("姓名"), self.tr("备注"), self.tr("来源"), self.tr("顺序")]
        )
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        h = self.table.horizontalHeader()
        h.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        h.setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        col.addWidget(self.table, 1)
        self.flag_note = QLabel()
        self.flag_note.setWordWrap(True)
        self.flag_note.setStyleSheet(
            f"color: {TONES['warn'][0]}; background: {TONES['warn'][1]}; padding: 6px;"
        )
        col.addWidget(self.flag_note)
        lay.addLayout(col, 3)

        side = QVBoxLayout()
        side.addWidget(QLabel(self.tr("调整顺序（会记入审计日志）")))
        self.up = QPushButton(self.tr("↑ 上移"))
        self.up.clicked.connect(lambda: self.move_selected(-1))
        self.down = QPushButton(self.tr("↓ 下移"))
        self.down.clicked.connect(lambda: self.move_selected(1))
        self.reset = QPushButton(self.tr("恢复姓氏笔画顺序"))
        self.reset.clicked.connect(self.reset_order)
        self.remove = QPushButton(self.tr("删除所选候选人"))
        self.remove.clicked.connect(self.delete_selected)
        for b in (self.up, self.down, self.reset, self.remove):
            side.addWidget(b)
        side.addSpacing(16)
        side.addWidget(QLabel(self.tr("从名单添加候选人")))
        self.pick = QLineEdit()
        self.pick.setPlaceholderText(self.tr("输入姓名或编号查找"))
        self.completer_model = QStringListModel()
        completer = QCompleter(self.completer_model, self)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setMaxVisibleItems(12)
        self.pick.setCompleter(completer)
        self.pick.returnPressed.connect(self.add_from_roster)
        side.addWidget(self.pick)
        self.pick_button = QPushButton(self.tr("添加"))
        self.pick_button.clicked.connect(self.add_from_roster)
        side.addWidget(self.pick_button)
        side.addSpacing(12)
        side.addWidget(QLabel(self.tr("添加名单以外的人员")))
        self.outside = QLineEdit()
        self.outside.setPlaceholderText(self.tr("姓名，可带备注如“张三（女）”"))
        self.outside.returnPressed.connect(self.add_outside)
        side.addWidget(self.outside)
        self.outside_button = QPushButton(self.tr("添加名单外人员"))
        self.outside_button.clicked.connect(self.add_outside)
        side.addWidget(self.outside_button)
        side.addStretch(1)
        lay.addLayout(side, 1)
        return tab

    def _rules_tab(self) -> QWidget:
        tab = QScrollArea()
        tab.setWidgetResizable(True)
        body = QWidget()
        form = QFormLayout(body)
        self.f_code = QLineEdit()
        self.f_code.setPlaceholderText(self.tr("如 WY（字母、数字）"))
        self.f_title = QLineEdit()
        self.f_title.setPlaceholderText(self.tr("如 中国共产党××区第六届委员会委员"))
        self.f_kind = _combo([(k.value, kind_label(k)) for k in ContestKind])
        self.f_method = _combo([(m.value, method_label(m)) for m in Method])
        self.f_seats = QSpinBox()
        self.f_seats.setRange(1, 999)
        self.f_unit = QComboBox()
        self.f_style = _combo([(s.value, style_label(s)) for s in BallotStyle])
        self.f_writeins = QSpinBox()
        self.f_writeins.setRange(0, 12)
        self.f_base = _combo([(b.value, base_label(b)) for b in ThresholdBase])
        self.f_quorum = _combo([(q.value, quorum_label(q)) for q in QuorumRule])
        self.f_margin = QSpinBox()
        self.f_margin.setRange(0, 500)
        self.f_margin.setSuffix(" %")
        self.f_reason = QLineEdit()
        self.f_reason.setPlaceholderText(self.tr("仅当最低差额比例低于规定时填写理由"))
        self.f_needs_mark = QCheckBox(self.tr("另选他人须在姓名上方画 ○ 才算一票"))
        self.f_preselection = QCheckBox(self.tr("预选：得票多者为正式候选人，不要求过半数"))
        self.f_preselection.setToolTip(
            self.tr(
                "预选的结果是正式候选人名单：应选名额即正式候选人人数，"
                "得票多者当选为正式候选人，不另行选举；最后一名票数相等时再次投票。正式选举事项可从预选结果取得候选人"
                "（huanjie contest candidates … --candidates-from）。"
            )
        )
        form.addRow(self.tr("编号"), self.f_code)
        form.addRow(self.tr("名称"), self.f_title)
        form.addRow(self.tr("类别"), self.f_kind)
        form.addRow(self.tr("选举方式"), self.f_method)
        form.addRow(self.tr("应选名额"), self.f_seats)
        form.addRow(self.tr("选举人"), self.f_unit)
        form.addRow(self.tr("选票样式"), self.f_style)
        form.addRow(self.tr("另选他人栏数"), self.f_writeins)
        form.addRow(self.tr("当选基数"), self.f_base)
        form.addRow(self.tr("到会人数要求"), self.f_quorum)
        form.addRow(self.tr("最低差额比例"), self.f_margin)
        form.addRow(self.tr("差额比例说明"), self.f_reason)
        form.addRow("", self.f_needs_mark)
        form.addRow("", self.f_preselection)
        buttons = QHBoxLayout()
        self.defaults_button = QPushButton(self.tr("按选举条例填入默认值"))
        self.defaults_button.clicked.connect(self.apply_defaults)
        self.save_button = QPushButton(self.tr("保存选举规则"))
        self.save_button.setDefault(True)
        self.save_button.clicked.connect(self.save_rules)
        buttons.addWidget(self.defaults_button)
        buttons.addStretch(1)
        buttons.addWidget(self.save_button)
        form.addRow(buttons)
        self.rules_problems = QLabel()
        self.rules_problems.setWordWrap(True)
        self.rules_problems.setStyleSheet(f"color: {TONES['bad'][0]};")
        form.addRow(self.rules_problems)
        for spin in (self.f_seats, self.f_margin):
            spin.valueChanged.connect(self.update_margin)
        self.f_method.currentIndexChanged.connect(self.update_margin)
        self.f_preselection.toggled.connect(self.update_margin)
        tab.setWidget(body)
        return tab

    def _officials_tab(self) -> QWidget:
        tab = QWidget()
        lay = QVBoxLayout(tab)
        lay.addWidget(
            hint(
                self.tr(
                    "总监票人 1 名、监票人若干名，须是不是本事项候选人的选举人；"
                    "计票人在监票人监督下工作。计票结果报告单上为每人留签名栏。"
                )
            )
        )
        self.officials = QTableWidget(0, 4)
        self.officials.setHorizontalHeaderLabels(
            [self.tr("职务"), self.tr("姓名"), self.tr("编号"), self.tr("选举单位")]
        )
        self.officials.verticalHeader().setVisible(False)
        self.officials.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.officials.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.officials.horizontalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.ResizeToContents
        )
        self.officials.horizontalHeader().setStretchLastSection(True)
        lay.addWidget(self.officials, 1)
        row = QGridLayout()
        self.o_person = QLineEdit()
        self.o_person.setPlaceholderText(self.tr("输入姓名或编号查找"))
        completer = QCompleter(self.completer_model, self)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.o_person.setCompleter(completer)
        self.o_role = _combo([(r.value, role_label(r)) for r in OfficialRole])
        self.o_add = QPushButton(self.tr("指定"))
        self.o_add.clicked.connect(self.add_official)
        self.o_remove = QPushButton(self.tr("撤销所选"))
        self.o_remove.clicked.connect(self.remove_official)
        row.addWidget(self.o_person, 0, 0)
        row.addWidget(self.o_role, 0, 1)
        row.addWidget(self.o_add, 0, 2)
        row.addWidget(self.o_remove, 0, 3)
        row.setColumnStretch(0, 1)
        lay.addLayout(row)
        return tab

    # --- loading ------------------------------------------------------------------------------

    def refresh(self) -> None:
        db = self.ctx.db
        self.contests = repo.read_contests(db)
        self.people = {p.code: p for p in repo.read_people(db)}
        units = {u.code: u.name for u in repo.read_units(db)}
        self.completer_model.setStringList(
            [f"{p.name}  {p.code}  {units.get(p.unit or '', '')}" for p in self.people.values()]
        )
        self.f_unit.clear()
        self.f_unit.addItem(self.tr("全体有选举权的人（大会选举）"), None)
        for code, name in units.items():
            self.f_unit.addItem(self.tr("选举单位：{name}").format(name=name), code)
        self.list.blockSignals(True)
        self.list.clear()
        for c in self.contests:
            item = QListWidgetItem(f"{c.title}\n{kind_label(c.kind)} · {c.code}")
            item.setData(CODE_ROLE, c.code)
            self.list.addItem(item)
        self.list.blockSignals(False)
        has = bool(self.contests) or self.is_new
        self.tabs.setVisible(has)
        self.empty.setVisible(not has)
        if self.is_new:
            return
        codes = [c.code for c in self.contests]
        if self.current not in codes:
            self.current = codes[0] if codes else None
        if self.current is not None:
            self.select_contest(self.current)
        else:
            self.title.setText("")
            self.margin.setText("")
            self.margin_chip.hide()
            self.printed_note.show_message("", "neutral")

    def contest(self) -> Contest | None:
        return next((c for c in self.contests if c.code == self.current), None)

    def select_contest(self, code: str) -> None:
        self.current = code
        self.is_new = False
        for i in range(self.list.count()):
            item = self.list.item(i)
            if item is not None and item.data(CODE_ROLE) == code:
                self.list.blockSignals(True)
                self.list.setCurrentRow(i)
                self.list.blockSignals(False)
        self._load_contest()

    def _picked(self, item: QListWidgetItem | None, prev: QListWidgetItem | None) -> None:
        if item is None:
            return
        if prev is not None and item is not prev and not self.may_leave():
            self.list.blockSignals(True)
            self.list.setCurrentItem(prev)
            self.list.blockSignals(False)
            return
        self.banner.show_message("", "neutral")
        self.select_contest(str(item.data(CODE_ROLE)))

    def unsaved(self) -> str | None:
        """The rules form changed and not saved (a new contest: once given a code or title)."""
        if self.is_new:
            started = self.f_code.text().strip() or self.f_title.text().strip()
            return self.tr("新选举事项") if started else None
        c = self.contest()
        if c is None or not self.tabs.isVisible():
            return None
        if _rules(self.form_contest()) == _rules(c):
            return None
        return self.tr("选举事项 {title} 的选举规则的修改").format(title=c.title)

    def _load_contest(self) -> None:
        c = self.contest()
        if c is None:
            return
        db = self.ctx.db
        self.tabs.setVisible(True)
        self.empty.setVisible(False)
        self.title.setText(c.title)
        self.tabs.setTabEnabled(0, True)
        self.tabs.setTabEnabled(2, True)
        # rules form
        self.f_code.setText(c.code)
        self.f_code.setReadOnly(True)
        self.f_title.setText(c.title)
        _set(self.f_kind, c.kind.value)
        _set(self.f_method, c.method.value)
        self.f_seats.setValue(c.seats)
        _set(self.f_unit, c.unit)
        _set(self.f_style, c.ballot_style.value)
        self.f_writeins.setValue(c.writein_columns)
        _set(self.f_base, c.threshold_base.value)
        _set(self.f_quorum, c.quorum_rule.value)
        self.f_margin.setValue(c.margin_min_pct)
        self.f_reason.setText(c.margin_reason)
        self.f_needs_mark.setChecked(c.writein_needs_mark)
        self.f_preselection.setChecked(c.preselection)
        self.rules_problems.setText("")
        # candidates in ballot order: the latest round's (a later round's list was fixed
        # when it was opened, its order is still a person's to confirm until it is printed)
        self.round_number = repo.latest_round(db, c.code) or 1
        r = repo.read_round(db, c.code, self.round_number)
        cands = list(r.candidates) if r else list(c.candidates)
        moved = set(r.overridden) if r else set()
        self.order = [(k.code, k.name, k.person, k.annotation, k.code in moved) for k in cands]
        self.first_count = len(c.candidates)
        self.round_seats = r.seats if r else c.seats
        self.round_kind = str(r.kind) if r else "formal"
        self.flags = prepare.order_flags(db, c.code, self.round_number)
        later = self.round_number > 1
        if later:
            self.round_note.setText(
                self.tr(
                    "第 {n} 轮的选票顺序。本轮候选人名单在开启本轮时已确定；"
                    "印制本轮选票之前，仍可用“上移/下移”调整顺序。"
                ).format(n=self.round_number)
            )
        self.round_note.setVisible(later)
        self._list_editable(not later)
        self._fill_candidates()
        self._fill_officials(c)
        printed = prepare.printed_sheets(db, c.code)
        if printed:
            self.printed_note.show_message(
                self.tr(
                    "本事项已印制选票 {n} 张。修改候选人或选举规则后，已印制的选票作废，须重新印制。"
                ).format(n=printed),
                "warn",
            )
        else:
            self.printed_note.show_message("", "neutral")
        self.update_margin()

    def _list_editable(self, on: bool) -> None:
        """Adding, deleting, back to stroke order: the first round's list only."""
        for w in (
            self.reset,
            self.remove,
            self.pick,
            self.pick_button,
            self.outside,
            self.outside_button,
        ):
            w.setEnabled(on)

    def _fill_candidates(self) -> None:
        flagged: dict[str, list[str]] = {}
        for f in self.flags:
            why = self.ctx.t(f.reason_zh, f.reason_en)
            for name in (f.first, f.second):
                if name:
                    flagged.setdefault(name, []).append(why)
        self.table.setRowCount(len(self.order))
        for r, (code, name, person, ann, moved) in enumerate(self.order):
            source = self.tr("名单 {code}").format(code=person) if person else self.tr("名单外人员")
            note = self.tr("手工调整") if moved else ""
            if name in flagged:
                note = (note + " · " if note else "") + self.tr("⚠ 请人工核对顺序")
            cells = [str(r + 1), name, ann, source, note]
            for c, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(CODE_ROLE, code)
                if name in flagged:
                    item.setBackground(QColor(TONES["warn"][1]))
                    item.setToolTip("\n".join(flagged[name]))
                self.table.setItem(r, c, item)
        self.table.resizeRowsToContents()
        if self.flags:
            lines = [
                (f"{f.first} / {f.second}：" if f.second else f"{f.first}：")
                + self.ctx.t(f.reason_zh, f.reason_en)
                for f in self.flags
            ]
            self.flag_note.setText(
                self.tr("以下姓名的笔画顺序请人工核对，必要时用“上移/下移”调整：")
                + "\n"
                + "\n".join(lines)
            )
            self.flag_note.show()
        else:
            self.flag_note.hide()

    def _fill_officials(self, c: Contest) -> None:
        rank = {r: i for i, r in enumerate(OfficialRole)}  # chief, scrutineers, counters
        officials = sorted(repo.read_officials(self.ctx.db, c.code), key=lambda o: rank[o.role])
        units = {u.code: u.name for u in repo.read_units(self.ctx.db)}
        self.officials.setRowCount(len(officials))
        for r, o in enumerate(officials):
            p = self.people.get(o.person)
            cells = [
                role_label(o.role),
                p.name if p else o.person,
                o.person,
                units.get(p.unit or "", "") if p else "",
            ]
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(CODE_ROLE, f"{o.person}|{o.role.value}")
                self.officials.setItem(r, col, item)

    # --- the margin, live ---------------------------------------------------------------------

    def candidate_count(self) -> int:
        # (a later round's ballot holds fewer: the contest's margin is its first list's)
        return self.first_count if self.round_number > 1 else len(self.order)

    def update_margin(self) -> None:
        if self.current is None and not self.is_new:
            return
        if self.round_number > 1 and not self.is_new:
            # A later round (另行选举, 再次投票) is shown: its seats and its ballot's list, as
            # fixed when it was opened — not the first round's figures above its table. The
            # margin was the first list's to meet; the first round's are said after.
            kind = {
                "supplementary": self.tr("另行选举"),
                "tie": self.tr("再次投票"),
            }.get(self.round_kind, self.tr("正式选举"))
            self.margin.setText(
                self.tr(
                    "第 {r} 轮（{kind}）：应选 {seats} 名 · 候选人 {n} 名"
                    "（第 1 轮：应选 {first_seats} 名 · 候选人 {first} 名）"
                ).format(
                    r=self.round_number,
                    kind=kind,
                    seats=self.round_seats,
                    n=len(self.order),
                    first_seats=self.f_seats.value(),
                    first=self.first_count,
                )
            )
            self.margin_chip.hide()
            return
        seats = self.f_seats.value()
        method = Method(str(self.f_method.currentData()))
        kind = ContestKind(str(self.f_kind.currentData()))
        need = minimum_candidates(seats, self.f_margin.value(), kind, method)
        n = self.candidate_count()
        m = Margin(seats, n, need)
        text = self.tr(
            "应选 {seats} 名 · 候选人 {n} 名 · 差额 {diff} 名（{ratio}）· 至少需要 {need} 名"
        ).format(seats=seats, n=n, diff=m.difference, ratio=m.ratio_text, need=need)
        ok = m.meets_minimum and (method is Method.COMPETITIVE or n == seats)
        if method is Method.UNCONTESTED:
            text = self.tr("等额选举：应选 {seats} 名 · 候选人 {n} 名").format(seats=seats, n=n)
        if self.f_preselection.isChecked():
            text = self.tr(
                "预选：确定正式候选人 {seats} 名 · 候选人 {n} 名 · 差额 {diff} 名（{ratio}）"
                "· 至少需要 {need} 名"
            ).format(seats=seats, n=n, diff=m.difference, ratio=m.ratio_text, need=need)
        self.margin.setText(text)
        self.margin_chip.show()
        if ok:
            self.margin_chip.set(self.tr("✓ 符合要求"), "ok")
        elif method is Method.UNCONTESTED:
            self.margin_chip.set(self.tr("✗ 人数须相等"), "bad")
        else:
            self.margin_chip.set(self.tr("✗ 候选人不足"), "bad")

    # --- changes ------------------------------------------------------------------------------

    def _confirm_change(self) -> bool:
        """Ask before changing a contest whose ballots were printed."""
        if self.current is None:
            return True
        printed = prepare.printed_sheets(self.ctx.db, self.current)
        if not printed:
            return True
        text = self.tr(
            "本事项已印制选票 {n} 张。修改后这些选票全部作废：它们的校验码与新的"
            "候选人名单和规则不再相符，扫描时会被拒收，必须重新印制。"
        ).format(n=printed)
        made = stations.station_laptops(self.ctx.db)
        if made:
            # (their results were counted against the old definition: refused at import)
            text += "\n\n" + self.tr(
                "已为分团 {names} 导出分团包。修改后，这些分团交回的计票结果在导入时会被"
                "拒收；须为它们重新导出分团包（使用新的分团名称）。"
            ).format(names="、".join(made))
        return dialogs.confirm(
            self,
            self.tr("已印制的选票将作废"),
            text + "\n\n" + self.tr("确定要修改吗？"),
        )

    def _failed(self, exc: BaseException) -> None:
        if isinstance(exc, DefinitionRefused):
            text = " / ".join(self.ctx.t(p.message_zh, p.message_en) for p in exc.problems)
        else:
            text = self.ctx.describe(exc)
        self.banner.show_message("✗ " + text, "bad")

    def _run(self, name: str, fn: object, done_text: str) -> None:
        assert callable(fn)
        self.ctx.run(
            name,
            fn,
            topics={CONTESTS},
            on_success=lambda _r: self.banner.show_message(done_text, "ok"),
            on_error=self._failed,
        )

    def selected_candidate(self) -> str | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return None
        item = self.table.item(rows[0].row(), 0)
        return str(item.data(CODE_ROLE)) if item is not None else None

    def move_selected(self, delta: int) -> None:
        code = self.selected_candidate()
        contest = self.current
        if code is None or contest is None:
            self.banner.show_message(self.tr("请先在表中选中一名候选人。"), "warn")
            return
        # (a later round's ballot: moved only before any of it is printed, else refused)
        if self.round_number == 1 and not self._confirm_change():
            return
        name = next(n for c, n, *_ in self.order if c == code)
        op = self.ctx.account

        def work(db: ElectionDB) -> list[str]:
            return prepare.move_candidate(db, contest, code, delta, operator=op)

        def done(_r: object) -> None:
            self.banner.show_message(
                self.tr("已把 {name} {way}（已记入审计日志）").format(
                    name=name, way=self.tr("上移") if delta < 0 else self.tr("下移")
                ),
                "ok",
            )
            self._reselect(code)

        self.ctx.run(
            "candidate.move", work, topics={CONTESTS}, on_success=done, on_error=self._failed
        )

    def _reselect(self, code: str) -> None:
        for r in range(self.table.rowCount()):
            item = self.table.item(r, 0)
            if item is not None and item.data(CODE_ROLE) == code:
                self.table.selectRow(r)
                return

    def reset_order(self) -> None:
        contest = self.current
        if contest is None or not self._confirm_change():
            return
        op = self.ctx.account

        def work(db: ElectionDB) -> list[str]:
            return prepare.reset_order(db, contest, operator=op)

        self._run("candidate.reset", work, self.tr("已恢复姓氏笔画顺序（已记入审计日志）"))

    def delete_selected(self) -> None:
        code = self.selected_candidate()
        contest = self.current
        if code is None or contest is None:
            self.banner.show_message(self.tr("请先在表中选中一名候选人。"), "warn")
            return
        name = next(n for c, n, *_ in self.order if c == code)
        if not dialogs.confirm(
            self,
            self.tr("删除候选人"),
            self.tr("确定把 {name} 从本事项的候选人中删除吗？").format(name=name),
        ):
            return
        if not self._confirm_change():
            return
        op = self.ctx.account

        def work(db: ElectionDB) -> None:
            prepare.delete_candidate(db, contest, code, operator=op)

        self._run("candidate.delete", work, self.tr("已删除候选人 {name}").format(name=name))

    def resolve_person(self, text: str) -> str | None:
        """A roster code from what was typed or picked ("王小明  P0001  区直机关", a code, a
        unique name)."""
        t = text.strip()
        if not t:
            return None
        for token in t.split():
            if token in self.people:
                return token
        same = [p.code for p in self.people.values() if p.name == t]
        return same[0] if len(same) == 1 else None

    def add_from_roster(self) -> None:
        contest = self.current
        # (a note typed after the person, in brackets — "P0008（女）": tells namesakes apart
        # on the ballot, printed under the name)
        picked, note = strip_annotation(self.pick.text().strip())
        person = self.resolve_person(picked)
        if contest is None:
            return
        if person is None:
            self.banner.show_message(
                self.tr("没有找到“{text}”：请从下拉列表中选一个人（同名时按编号区分）。").format(
                    text=self.pick.text().strip()
                ),
                "warn",
            )
            return
        if not self._confirm_change():
            return
        name = self.people[person].name
        op = self.ctx.account

        def work(db: ElectionDB) -> object:
            prepare.add_candidate(db, contest, person=person, annotation=note, operator=op)
            return prepare.ballot_fit_problem(db, contest)

        def done(fit: object) -> None:
            self.pick.clear()
            text = self.tr("✓ 已添加候选人 {name}，已按姓氏笔画排入").format(name=name)
            self._added(text, fit)

        self.ctx.run(
            "candidate.add", work, topics={CONTESTS}, on_success=done, on_error=self._failed
        )

    def add_outside(self) -> None:
        contest = self.current
        name = clean_name(self.outside.text())
        if contest is None or not name:
            return
        if not self._confirm_change():
            return
        op = self.ctx.account

        def work(db: ElectionDB) -> object:
            prepare.add_candidate(db, contest, name=name, operator=op)
            return prepare.ballot_fit_problem(db, contest)

        def done(fit: object) -> None:
            self.outside.clear()
            self._added(self.tr("✓ 已添加名单外候选人 {name}").format(name=name), fit)

        self.ctx.run(
            "candidate.add", work, topics={CONTESTS}, on_success=done, on_error=self._failed
        )

    def _added(self, text: str, fit: object) -> None:
        """Said after a candidate is added: done, and whether the ballot still fits a sheet
        (a long note found only when the ballots were to be printed)."""
        if isinstance(fit, Problem):
            text += self.tr("。但选票排不下：{why}").format(
                why=self.ctx.t(fit.message_zh, fit.message_en)
            )
            self.banner.show_message(text, "warn")
        else:
            self.banner.show_message(text, "ok")

    # --- rules --------------------------------------------------------------------------------

    def start_new(self) -> None:
        self.is_new = True
        self.current = None
        self.list.clearSelection()
        self.tabs.setVisible(True)
        self.empty.setVisible(False)
        self.title.setText(self.tr("新增选举事项"))
        self.order = []
        self.flags = []
        self.round_number = 1
        self.first_count = 0
        self.round_note.hide()
        self._list_editable(True)
        self._fill_candidates()
        self.officials.setRowCount(0)
        self.tabs.setTabEnabled(0, False)
        self.tabs.setTabEnabled(2, False)
        self.tabs.setCurrentIndex(1)
        self.f_code.setReadOnly(False)
        self.f_code.clear()
        self.f_title.clear()
        _set(self.f_kind, ContestKind.COMMITTEE.value)
        self.f_seats.setValue(1)
        _set(self.f_unit, None)
        _set(self.f_style, BallotStyle.SYMBOL.value)
        self.f_writeins.setValue(1)
        self.f_reason.clear()
        self.f_needs_mark.setChecked(True)
        self.f_preselection.setChecked(False)
        self.apply_defaults()
        self.printed_note.show_message("", "neutral")
        self.rules_problems.setText("")
        self.f_code.setFocus()

    def apply_defaults(self) -> None:
        """Fill method, quorum, threshold base and minimum margin from the election rules."""
        level = self.ctx.session.election.level if self.ctx.session else None
        if level is None:
            return
        d = prepare.contest_defaults(level, ContestKind(str(self.f_kind.currentData())))
        _set(self.f_method, d.method.value)
        _set(self.f_quorum, d.quorum_rule.value)
        _set(self.f_base, d.threshold_base.value)
        self.f_margin.setValue(d.margin_min_pct)
        self.f_writeins.setValue(min(self.f_seats.value(), 4))
        self.update_margin()

    def form_contest(self) -> Contest:
        unit = self.f_unit.currentData()
        return Contest(
            self.f_code.text().strip(),
            self.f_title.text().strip(),
            ContestKind(str(self.f_kind.currentData())),
            Method(str(self.f_method.currentData())),
            self.f_seats.value(),
            str(unit) if unit else None,
            BallotStyle(str(self.f_style.currentData())),
            self.f_writeins.value(),
            ThresholdBase(str(self.f_base.currentData())),
            QuorumRule(str(self.f_quorum.currentData())),
            self.f_margin.value(),
            self.f_reason.text().strip(),
            self.f_needs_mark.isChecked(),
            preselection=self.f_preselection.isChecked(),
        )

    def save_rules(self) -> None:
        c = self.form_contest()
        is_new = self.is_new
        if not is_new and not self._confirm_change():
            return
        op = self.ctx.account

        def work(db: ElectionDB) -> list[Problem]:
            return prepare.save_contest(db, c, is_new=is_new, operator=op)

        def done(warnings: object) -> None:
            self.is_new = False
            self.current = c.code
            self.rules_problems.setText("")
            text = self.tr("✓ 已保存选举事项 {title}").format(title=c.title)
            if isinstance(warnings, list) and warnings:
                items = " / ".join(
                    self.ctx.t(w.message_zh, w.message_en)
                    for w in warnings
                    if isinstance(w, Problem)
                )
                text += self.tr("。请核对：{items}").format(items=items)
            stops = isinstance(warnings, list) and any(
                isinstance(w, Problem) and w.code == "ballot_does_not_fit" for w in warnings
            )
            self.banner.show_message(text, "warn" if stops else "ok")
            self.tabs.setTabEnabled(0, True)
            self.tabs.setTabEnabled(2, True)
            if is_new:
                self.tabs.setCurrentIndex(0)
            self.mark_dirty()  # the refresh before this ran while the form was still "new"

        def failed(exc: BaseException) -> None:
            if isinstance(exc, DefinitionRefused):
                self.rules_problems.setText(
                    "\n".join("✗ " + self.ctx.t(p.message_zh, p.message_en) for p in exc.problems)
                )
                self.banner.show_message(self.tr("✗ 未保存：请按选举规则页中的提示修改。"), "bad")
            else:
                self._failed(exc)

        self.ctx.run("contest.save", work, topics={CONTESTS}, on_success=done, on_error=failed)

    # --- officials ----------------------------------------------------------------------------

    def add_official(self) -> None:
        contest = self.current
        person = self.resolve_person(self.o_person.text())
        if contest is None:
            return
        if person is None:
            self.banner.show_message(self.tr("请从下拉列表中选一个人。"), "warn")
            return
        role = OfficialRole(str(self.o_role.currentData()))
        name = self.people[person].name
        op = self.ctx.account

        def work(db: ElectionDB) -> None:
            prepare.set_official(db, contest, person, role, operator=op)

        def done(_r: object) -> None:
            self.o_person.clear()
            self.banner.show_message(
                self.tr("✓ 已指定 {name} 为{role}").format(name=name, role=role_label(role)), "ok"
            )

        self.ctx.run(
            "official.save", work, topics={CONTESTS}, on_success=done, on_error=self._failed
        )

    def remove_official(self) -> None:
        contest = self.current
        rows = self.officials.selectionModel().selectedRows()
        if contest is None or not rows:
            self.banner.show_message(self.tr("请先在表中选中一人。"), "warn")
            return
        item = self.officials.item(rows[0].row(), 0)
        if item is None:
            return
        person, role_value = str(item.data(CODE_ROLE)).split("|")
        role = OfficialRole(role_value)
        op = self.ctx.account

        def work(db: ElectionDB) -> None:
            prepare.remove_official(db, contest, person, role, operator=op)

        self._run("official.remove", work, self.tr("已撤销"))

    # --- for tests and screenshots ------------------------------------------------------------

    def screenshot_variants(self) -> list[tuple[str, Callable[[], None]]]:
        """The other two tabs, for `make screenshots` ("" puts the first tab back)."""
        return [
            ("rules", lambda: self.tabs.setCurrentIndex(1)),
            ("officials", lambda: self.tabs.setCurrentIndex(2)),
            ("", lambda: self.tabs.setCurrentIndex(0)),
        ]

    def ballot_names(self) -> list[str]:
        return [name for _c, name, *_rest in self.order]


def register(pages: PageRegistry) -> None:
    pages.add(
        PageSpec(
            "prep.contests",
            "prep",
            lambda: QCoreApplication.translate("pages", "选举事项和候选人"),
            ContestsPage,
            order=40,
        )
    )
