"""手工录入 and 撤出计票 at the desk: a ballot that cannot be scanned entered by hand (twice,
by two people: it counts when both agree), and a paper taken out of a round's count by a
scrutineer, confirmed by another (or put back).

Both dialogs call the same app functions as the command line (`counting.manual_entry`,
`manual_preview`, `withdraw`, `confirm_withdrawal`, `restore`, `hand_entries`) on the worker,
as the operator at the desk; the app checks everything and its refusals (zh/en) are shown in
the dialog, with what was typed kept.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QStringListModel, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QCheckBox,
    QCompleter,
    QDialog,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from huanjie_desktop.app import counting
from huanjie_desktop.domain.model import BallotStyle, round_writein_columns
from huanjie_desktop.gui import dialogs
from huanjie_desktop.gui.session import COUNT, AppContext
from huanjie_desktop.gui.widgets import TONES, Banner, ReasonBox, heading, hint
from huanjie_desktop.storage import repo
from huanjie_desktop.storage.db import ElectionDB

MARKS = ("agree", "disagree", "abstain", "unclear")
KEY_MARKS = {Qt.Key.Key_1: 0, Qt.Key.Key_2: 1, Qt.Key.Key_3: 2, Qt.Key.Key_4: 3}
_ROSTER_ENTRY = re.compile(r"^(?P<name>.+?)（(?P<code>[^（）]+?)[，,）]")


def mark_words(columns: bool) -> list[str]:
    """The four choices for a candidate, as the paper shows them (symbol: ○ / × / nothing;
    columns style: the box marked)."""
    if columns:
        return [
            QCoreApplication.translate("HandEntry", "赞成栏"),
            QCoreApplication.translate("HandEntry", "不赞成栏"),
            QCoreApplication.translate("HandEntry", "弃权栏或未划"),
            QCoreApplication.translate("HandEntry", "无法辨认"),
        ]
    return [
        QCoreApplication.translate("HandEntry", "○ 赞成"),
        QCoreApplication.translate("HandEntry", "× 不赞成"),
        QCoreApplication.translate("HandEntry", "无符号（弃权）"),
        QCoreApplication.translate("HandEntry", "无法辨认"),
    ]


def said_mark(value: str) -> str:
    """A mark as the app's differences name it ('agree', '张三/P003 agree'), in words."""
    words = {
        "agree": QCoreApplication.translate("HandEntry", "赞成"),
        "disagree": QCoreApplication.translate("HandEntry", "不赞成"),
        "abstain": QCoreApplication.translate("HandEntry", "弃权"),
        "unclear": QCoreApplication.translate("HandEntry", "无法辨认"),
    }
    head, _, last = value.rpartition(" ")
    if value in words:
        return words[value]
    if last in words:
        return f"{head} {words[last]}"
    return value


def take_desk(
    ctx: AppContext, parent: QWidget, heading_text: str, note: str, then: Callable[[], None]
) -> QDialog:
    """Another person takes the desk (signs in, where the file has accounts), then ``then``."""
    from huanjie_desktop.gui.operator_dialog import OperatorDialog

    dialog = OperatorDialog(ctx.settings, "", parent, ctx=ctx, heading=heading_text, note=note)

    def accepted() -> None:
        if not dialog.with_password:
            ctx.set_operator(dialog.operator())
        then()

    dialog.accepted.connect(accepted)
    dialog.open()
    return dialog


@dataclass
class WriteinRow:
    column: int
    name: QLineEdit
    illegible: QCheckBox
    marks: QButtonGroup  # ids 0 agree, 1 disagree, 2 abstain; none chosen: not said


class HandEntryDialog(QDialog):
    """One ballot entered by hand for a contest's round: the serial printed on the paper (or a
    label of one's own), each candidate's mark, the write-in columns; said back in words
    before it is stored; the outcome (entered once / both agree: counts / they differ)."""

    def __init__(self, ctx: AppContext, contest: str, number: int, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.contest = contest
        self.number = number
        db = ctx.db
        c = repo.read_contest(db, contest)
        info = repo.read_round(db, contest, number)
        if c is None or info is None:
            raise ValueError(f"no round {contest} {number}")
        self.candidates = info.candidates
        self.columns_style = c.ballot_style is BallotStyle.COLUMNS
        self.n_writeins = round_writein_columns(c, info.kind, info.seats)
        self.last_outcome: counting.ManualOutcome | None = None
        self.last_dialog: QDialog | None = None
        self.setWindowTitle(self.tr("手工录入选票"))
        lay = QVBoxLayout(self)
        lay.setSpacing(6)
        lay.addWidget(
            heading(
                self.tr("{title} · 第 {n} 轮").format(title=c.title, n=number),
                1.15,
            )
        )
        lay.addWidget(
            hint(
                self.tr(
                    "无法扫描的选票（如严重破损）由两个人对照原票各录入一次：两次一致才计入。"
                    "录入前会把录入的内容念给您核对。"
                )
            )
        )
        who_row = QHBoxLayout()
        self.who = QLabel()
        who_row.addWidget(self.who, 1)
        self.switch_button = QPushButton(self.tr("换人录入…"))
        self.switch_button.setToolTip(
            self.tr("第二次录入须由另一人：请他/她在这里以自己的名义登录后录入。")
        )
        self.switch_button.clicked.connect(self.switch_person)
        who_row.addWidget(self.switch_button)
        lay.addLayout(who_row)

        # which paper
        paper = QGroupBox(self.tr("这张选票"))
        pl = QGridLayout(paper)
        pl.setColumnStretch(1, 1)
        self.by_serial = QRadioButton(self.tr("原票上印的防伪码"))
        self.by_label = QRadioButton(self.tr("防伪码无法辨认：自编标签"))
        self.by_serial.setChecked(True)
        self.serial = QLineEdit()
        self.serial.setPlaceholderText(self.tr("如 KWITA37CGN（10 个字符）"))
        self.label = QLineEdit()
        self.label.setPlaceholderText(self.tr("如票箱和序号 A-017"))
        self.label.setEnabled(False)
        # (one above the other: side by side, at 1024 px in English the label's example was
        # cut to "e.g. box and num…")
        pl.addWidget(self.by_serial, 0, 0)
        pl.addWidget(self.serial, 0, 1)
        pl.addWidget(self.by_label, 1, 0)
        pl.addWidget(self.label, 1, 1)
        self.label_warning = QLabel(
            self.tr(
                "自编标签不是原票上印的防伪码：这张选票以后如果又被扫描，软件认不出它就是这张"
                "手工录入的票，会多计一张。请把原票与待扫描的选票分开保管。"
            )
        )
        self.label_warning.setWordWrap(True)
        self.label_warning.setStyleSheet(
            f"color: {TONES['warn'][0]}; background: {TONES['warn'][1]}; padding: 4px 8px;"
            " border-radius: 4px;"
        )
        # (three lines kept: squeezed, the English one lost its last line at 1024 × 768)
        self.label_warning.setMinimumHeight(self.fontMetrics().lineSpacing() * 3 + 10)
        self.label_warning.setVisible(False)
        pl.addWidget(self.label_warning, 2, 0, 1, 2)
        self.by_label.toggled.connect(self._paper_kind)
        lay.addWidget(paper)

        # the marks
        words = mark_words(self.columns_style)
        self.table = QTableWidget(len(self.candidates), 1 + len(words))
        self.table.setHorizontalHeaderLabels([self.tr("候选人"), *words])
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setTabKeyNavigation(False)
        th = self.table.horizontalHeader()
        th.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for col in range(1, 1 + len(words)):
            th.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        self.groups: list[QButtonGroup] = []
        for r, k in enumerate(self.candidates):
            name = k.name + (f"（{k.annotation}）" if k.annotation else "")
            self.table.setItem(r, 0, QTableWidgetItem(name))
            group = QButtonGroup(self)
            # (a click marks its row the one the keys act on next, and leaves the keys with
            # the table: 1–4 pressed after a click on row 4 went to the row the keys had last
            # reached, one the clerk never touched)
            group.idClicked.connect(lambda _i, row=r: self._row_clicked(row))
            for i in range(len(words)):
                button = QRadioButton()
                button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
                button.setAccessibleName(f"{k.name} {words[i]}")
                group.addButton(button, i)
                holder = QWidget()
                hl = QHBoxLayout(holder)
                hl.setContentsMargins(0, 0, 0, 0)
                hl.addWidget(button, 0, Qt.AlignmentFlag.AlignCenter)
                self.table.setCellWidget(r, 1 + i, holder)
            self.groups.append(group)
        self.table.installEventFilter(self)
        rows_h = self.table.verticalHeader().defaultSectionSize()
        self.table.setMinimumHeight(min(len(self.candidates), 4) * rows_h + 32)
        lay.addWidget(
            hint(
                self.tr(
                    "每行选一项；没有符号的是弃权。也可以用 ↑↓ 选行，按 1 赞成、2 不赞成、"
                    "3 弃权、4 无法辨认。"
                )
            )
        )
        lay.addWidget(self.table, 1)

        # the write-in columns
        self.writeins: list[WriteinRow] = []
        self.completer = QCompleter(self)
        people = repo.read_people(db)
        units = {u.code: u.name for u in repo.read_units(db)}
        self.roster_names = [
            f"{p.name}（{p.code}，{units.get(p.unit or '', '') or '—'}）" for p in people
        ]
        self.completer.setModel(QStringListModel(self.roster_names, self))
        self.completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.completer.setFilterMode(Qt.MatchFlag.MatchContains)
        if self.n_writeins:
            box = QGroupBox(self.tr("另选他人栏"))
            wl = QGridLayout(box)
            wl.setColumnStretch(1, 1)
            for col in range(1, self.n_writeins + 1):
                edit = QLineEdit()
                edit.setPlaceholderText(self.tr("写的姓名；没写的留空"))
                edit.setToolTip(self.tr("原票上写的姓名：从名单中选择，或照写。没有写姓名的留空。"))
                edit.setCompleter(self.completer)
                illegible = QCheckBox(self.tr("姓名无法辨认"))
                illegible.setToolTip(
                    self.tr(
                        "写了姓名，但认不出是谁：不计任何人的票，但算作选了一人"
                        "（所选人数多于应选名额的，整张作废）。"
                    )
                )
                illegible.toggled.connect(lambda on, e=edit: self._illegible(e, on))
                group = QButtonGroup(self)
                marks_row = QHBoxLayout()
                # (a columns-style ballot's write-in row marks its name in the boxes after it)
                where = self.tr("其后：") if self.columns_style else self.tr("其上方：")
                marks_row.addWidget(QLabel(where))
                agree_word = self.tr("赞成栏画○") if self.columns_style else self.tr("画了○")
                disagree_word = self.tr("不赞成栏画○") if self.columns_style else self.tr("画了×")
                for i, text in enumerate((agree_word, disagree_word, self.tr("没有符号"))):
                    b = QRadioButton(text)
                    group.addButton(b, i)
                    marks_row.addWidget(b)
                # (one line a column: with four columns and a long list the dialog outgrew
                # a 768-pixel screen)
                wl.addWidget(QLabel(self.tr("第 {n} 栏").format(n=col)), col - 1, 0)
                wl.addWidget(edit, col - 1, 1)
                wl.addWidget(illegible, col - 1, 2)
                wl.addLayout(marks_row, col - 1, 3)
                self.writeins.append(WriteinRow(col, edit, illegible, group))
            lay.addWidget(box)

        void_row = QHBoxLayout()
        self.void = QCheckBox(self.tr("整张作废"))
        self.void_reason = ReasonBox(
            (
                ("有可识别投票人的记号", self.tr("有可识别投票人的记号")),
                ("不是本轮的正式选票", self.tr("不是本轮的正式选票")),
            ),
            self.tr("作废的理由（必填）"),
        )
        self.void.toggled.connect(self._void_toggled)
        void_row.addWidget(self.void)
        void_row.addWidget(self.void_reason, 1)
        lay.addLayout(void_row)

        self.banner = Banner()
        self.banner.setMaximumHeight(self.fontMetrics().lineSpacing() * 9 + 24)
        lay.addWidget(self.banner)
        buttons = QHBoxLayout()
        self.clear_button = QPushButton(self.tr("清空，录入下一张"))
        self.clear_button.clicked.connect(self.clear)
        buttons.addWidget(self.clear_button)
        buttons.addStretch(1)
        self.enter_button = QPushButton(self.tr("核对并录入…"))
        self.enter_button.setDefault(True)
        self.enter_button.setMinimumHeight(34)
        self.enter_button.clicked.connect(self.check_and_enter)
        buttons.addWidget(self.enter_button)
        close = QPushButton(self.tr("关闭"))
        close.setMinimumHeight(34)
        close.clicked.connect(self.reject)
        buttons.addWidget(close)
        lay.addLayout(buttons)
        self.clear()
        self._show_who()
        # (a method, not a lambda: the connection goes with the dialog when it is deleted)
        ctx.operator_changed.connect(self._show_who)
        # (as tall as the screen allows, a long list of candidates in view; 700 at 768)
        screen = self.screen().availableGeometry().height() if self.screen() else 768
        tall = max(self.sizeHint().height(), 900)
        self.resize(min(900, max(760, self.sizeHint().width())), min(tall, screen - 60))

    # --- the form -------------------------------------------------------------------------------

    def _show_who(self, _name: str = "") -> None:
        who = self.ctx.operator or self.tr("（未填写）")
        self.who.setText(self.tr("录入人：{who}").format(who=who))

    def _paper_kind(self, by_label: bool) -> None:
        self.serial.setEnabled(not by_label)
        self.label.setEnabled(by_label)
        self.label_warning.setVisible(by_label)
        (self.label if by_label else self.serial).setFocus()

    def _illegible(self, edit: QLineEdit, on: bool) -> None:
        if on:
            edit.clear()
        edit.setEnabled(not on)

    def _void_toggled(self, on: bool) -> None:
        self.void_reason.setEnabled(on)
        self.table.setEnabled(not on)
        for w in self.writeins:
            for widget in (w.name, w.illegible, *w.marks.buttons()):
                widget.setEnabled(not on and not (widget is w.name and w.illegible.isChecked()))
        if on:
            self.void_reason.setFocus()

    def clear(self) -> None:
        """An empty form for the next ballot (every candidate: no mark, abstain)."""
        self.serial.clear()
        self.label.clear()
        for g in self.groups:
            button = g.button(2)
            if button is not None:
                button.setChecked(True)
        for w in self.writeins:
            w.illegible.setChecked(False)
            w.name.clear()
            w.marks.setExclusive(False)
            for b in w.marks.buttons():
                b.setChecked(False)
            w.marks.setExclusive(True)
        self.void.setChecked(False)
        self.void_reason.setCurrentIndex(-1)
        (self.label if self.by_label.isChecked() else self.serial).setFocus()

    def _row_clicked(self, row: int) -> None:
        self.table.selectRow(row)
        self.table.setFocus()

    def dirty(self) -> bool:
        """Has anything been typed or marked that is not yet entered?"""
        return bool(
            self.serial.text().strip()
            or self.label.text().strip()
            or self.void.isChecked()
            or any(g.checkedId() not in (-1, 2) for g in self.groups)
            or any(
                w.name.text().strip() or w.illegible.isChecked() or w.marks.checkedId() != -1
                for w in self.writeins
            )
        )

    def reject(self) -> None:
        # (Esc, or 关闭, on a ballot typed but not entered: a slip of a key lost it unasked)
        if self.dirty() and not dialogs.confirm(
            self,
            self.tr("放弃这张选票？"),
            self.tr("这张选票已经填写但还没有录入。关闭后填写的内容不保留。确定关闭吗？"),
        ):
            return
        super().reject()

    def set_mark(self, row: int, mark: str) -> None:
        button = self.groups[row].button(MARKS.index(mark))
        if button is not None:
            button.setChecked(True)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            watched is self.table
            and isinstance(event, QKeyEvent)
            and event.type() == QEvent.Type.KeyPress
            and event.key() in KEY_MARKS
        ):
            row = self.table.currentRow()
            if 0 <= row < len(self.groups):
                button = self.groups[row].button(KEY_MARKS[Qt.Key(event.key())])
                if button is not None:
                    button.setChecked(True)
                if row + 1 < len(self.groups):
                    self.table.selectRow(row + 1)
            return True
        return super().eventFilter(watched, event)

    def _writein_text(self, w: WriteinRow) -> str:
        if w.illegible.isChecked():
            return "?"  # (counting.ILLEGIBLE_NAME)
        text = w.name.text().strip()
        m = _ROSTER_ENTRY.match(text)
        if m and text in self.roster_names:
            return m.group("code")
        return text

    def entry(self) -> tuple[str, str | None, dict[str, str], dict[int, str], str | None] | None:
        """(label, serial, marks, writeins, void reason) as typed; None (said in the banner)
        when something must be given first."""
        serial: str | None = None
        label = ""
        if self.by_serial.isChecked():
            serial = self.serial.text().strip().upper()
            if not serial:
                self._refused(self.tr("请写明原票上印的防伪码；防伪码无法辨认的，选“自编标签”。"))
                self.serial.setFocus()
                return None
        else:
            label = self.label.text().strip()
            if not label:
                self._refused(self.tr("请给这张选票一个标签，如票箱和序号 A-017。"))
                self.label.setFocus()
                return None
        if self.void.isChecked():
            reason = self.void_reason.reason()
            problem = self.void_reason.problem()
            if problem is not None:
                self._refused(problem)
                self.void_reason.setFocus()
                return None
            return label, serial, {}, {}, reason
        marks: dict[str, str] = {}
        for k, g in zip(self.candidates, self.groups, strict=True):
            chosen = MARKS[max(0, g.checkedId())]
            if chosen != "abstain":
                marks[k.code] = chosen
        writeins: dict[int, str] = {}
        for w in self.writeins:
            text = self._writein_text(w)
            mark = w.marks.checkedId()
            if text and mark < 0:
                # (a name says nothing of the mark above it: the clerk says which, never a
                # default — no mark makes it no vote)
                self._refused(
                    (
                        self.tr(
                            "另选他人第 {n} 栏写了姓名：请选其后的标记"
                            "（赞成栏画○、不赞成栏画○ 或没有符号）。"
                        )
                        if self.columns_style
                        else self.tr(
                            "另选他人第 {n} 栏写了姓名：请选其上方的标记（画了○、画了× 或没有符号）。"
                        )
                    ).format(n=w.column)
                )
                return None
            if text:
                writeins[w.column] = text
            if mark >= 0 and (text or mark != 2):
                marks[f"w{w.column}"] = ("agree", "disagree", "abstain")[mark]
        return label, serial, marks, writeins, None

    # --- entering ---------------------------------------------------------------------------

    def _refused(self, text: str) -> None:
        self.banner.show_message("✗ " + text, "bad")

    def check_and_enter(self) -> None:
        """Say the entry back in words (the app's), ask, then enter it as the operator."""
        typed = self.entry()
        if typed is None:
            return
        if not self.ctx.operator:
            self._refused(self.tr("请先在“操作员”菜单中填写您的姓名：录入会记下是谁录入的。"))
            return
        label, serial, marks, writeins, void = typed
        contest, number = self.contest, self.number
        self.enter_button.setEnabled(False)

        def preview(db: ElectionDB) -> tuple[str, str]:
            return counting.manual_preview(db, contest, number, marks, writeins, void)

        def said(result: object) -> None:
            self.enter_button.setEnabled(True)
            assert isinstance(result, tuple)
            words = self.ctx.t(str(result[0]), str(result[1]))
            paper = serial or label
            question = self.tr(
                "选票 {paper}，录入人 {who}：\n\n{words}\n\n与原票一致吗？一致请点“是”录入；不一致请点“否”改正。"
            ).format(paper=paper, who=self.ctx.operator, words=words)
            if not dialogs.confirm(self, self.tr("核对录入内容"), question):
                self.banner.show_message(self.tr("没有录入：请对照原票改正后再录入。"), "info")
                return
            self._enter(label, serial, marks, writeins, void)

        self.ctx.run("manual.preview", preview, on_success=said, on_error=self._failed)

    def _failed(self, exc: BaseException) -> None:
        self.enter_button.setEnabled(True)
        self._refused(self.ctx.describe(exc))

    def _enter(
        self,
        label: str,
        serial: str | None,
        marks: dict[str, str],
        writeins: dict[int, str],
        void: str | None,
    ) -> None:
        contest, number = self.contest, self.number
        by, op = self.ctx.operator, self.ctx.account
        self.enter_button.setEnabled(False)

        def work(db: ElectionDB) -> counting.ManualOutcome:
            return counting.manual_entry(
                db,
                contest,
                number,
                label,
                marks,
                writeins,
                by,
                void,
                operator=op,
                serial=serial,
            )

        def done(result: object) -> None:
            self.enter_button.setEnabled(True)
            assert isinstance(result, counting.ManualOutcome)
            self.last_outcome = result
            self.show_outcome(result, by)
            if result.status != "mismatch":
                self.clear()  # (the next ballot; the outcome stays said above)

        self.ctx.run("manual.enter", work, topics={COUNT}, on_success=done, on_error=self._failed)

    def show_outcome(self, out: counting.ManualOutcome, by: str) -> None:
        lines = [
            self.tr("录入内容：{words}").format(words=self.ctx.t(*out.recorded)),
        ]
        if out.status == "counted":
            lines.insert(
                0, self.tr("✓ 选票 {label} 两次录入一致，已计入。").format(label=out.label)
            )
            tone = "ok"
        elif out.status == "first":
            lines.insert(
                0,
                (
                    self.tr(
                        "✓ 选票 {label}：{who} 已录入过一次，这次的录入代替了上次的。"
                        "仍须由另一人对照原票再录入一次，一致后计入。"
                    )
                    if out.again
                    else self.tr(
                        "✓ 选票 {label} 已由 {who} 录入一次：须由另一人对照原票再录入一次"
                        "（点“换人录入…”），一致后计入。"
                    )
                ).format(label=out.label, who=by),
            )
            tone = "info"
        else:
            lines.insert(
                0, self.tr("✗ 选票 {label} 两次录入不一致，未计入：").format(label=out.label)
            )
            for item, other, this in out.differences:
                column = re.fullmatch(r"另选第(\d+)栏", item)
                lines.append(
                    self.tr("    {item}：另一次 {other}，这一次 {this}").format(
                        item=self.tr("另选第{n}栏").format(n=column.group(1))
                        if column
                        else self.tr("作废")
                        if item == "作废"
                        else item,
                        other=said_mark(other),
                        this=said_mark(this),
                    )
                )
            lines.append(
                self.tr(
                    "请对照原票：这一次录错了，改正后再点“核对并录入…”（代替您这一次的录入）；"
                    "另一次录错了，请那一位对照原票改正自己的录入；也可由本事项的监票人录入，作为决定。"
                )
            )
            tone = "bad"
        if out.unmatched:
            lines.append(self.label_warning.text())
        self.banner.show_message("\n".join(lines), tone)

    def switch_person(self) -> None:
        """The second clerk takes the desk (signs in) to enter the same paper again."""
        before = self.ctx.operator
        self.last_dialog = take_desk(
            self.ctx,
            self,
            self.tr("请第二位录入人输入账户名和密码")
            if self.ctx.has_accounts()
            else self.tr("请第二位录入人输入姓名"),
            self.tr(
                "同一张选票须由两个人各录入一次，一致才计入；录入人的姓名记入审计日志。"
                "录完后，请在“操作员”菜单中换回 {name}。"
            ).format(name=before or self.tr("原操作员")),
            self._show_who,
        )


# --- taking a paper out of the count ----------------------------------------------------------


def state_words(item: dict[str, Any]) -> str:
    """Where a hand entry stands (`counting.hand_entries`), in words."""
    state = str(item.get("state"))
    text = {
        "once": QCoreApplication.translate("HandEntry", "只录入了一次，未计入"),
        "differ": QCoreApplication.translate("HandEntry", "两次录入不一致，未计入"),
        "counted": QCoreApplication.translate("HandEntry", "两次一致，已计入"),
        "review": QCoreApplication.translate("HandEntry", "待审核"),
        "out": QCoreApplication.translate("HandEntry", "已撤出计票"),
        "none": QCoreApplication.translate("HandEntry", "没有录入"),
    }.get(state, state)
    w = item.get("withdrawal")
    if isinstance(w, dict) and state not in ("counted", "review", "out"):
        if w.get("state") == "withdrawn":
            text = QCoreApplication.translate(
                "HandEntry", "已撤出计票（{why}；{a} 提出，{b} 确认）"
            ).format(why=w.get("reason"), a=w.get("decided_by"), b=w.get("confirmed_by"))
        else:
            # (the reason, which the confirming scrutineer judges it by)
            text = QCoreApplication.translate(
                "HandEntry", "{a} 提出撤出（{why}），待另一位监票人确认"
            ).format(why=w.get("reason"), a=w.get("decided_by"))
    pending = item.get("sheet_pending")
    if pending == "withdrawn":
        text += QCoreApplication.translate("HandEntry", "；撤出待确认")
    elif pending == "restored":
        text += QCoreApplication.translate("HandEntry", "；恢复待确认")
    return text


class WithdrawDialog(QDialog):
    """A scrutineer takes a paper out of the round's count (a hand entry by its label, or a
    scanned sheet), with the reason; another confirms it; either puts it back. The app
    checks who may do which (scrutineers of the contest, the confirmer not the proposer)."""

    def __init__(
        self,
        ctx: AppContext,
        contest: str,
        number: int,
        parent: QWidget | None,
        sheet: str | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.contest = contest
        self.number = number
        self.items: list[dict[str, Any]] = []
        self.last_dialog: QDialog | None = None
        c = repo.read_contest(ctx.db, contest)
        self.setWindowTitle(self.tr("撤出计票"))
        lay = QVBoxLayout(self)
        lay.setSpacing(6)
        lay.addWidget(
            heading(
                self.tr("{title} · 第 {n} 轮").format(title=c.title if c else contest, n=number),
                1.15,
            )
        )
        lay.addWidget(
            hint(
                self.tr(
                    "误录的手工录入（标签打错、已在另一个标签下录入、已经扫描），或不是本轮的一张选票，"
                    "由一位监票人写明理由提出撤出，另一位监票人确认后生效：不计有效票、无效票，也不算"
                    "收回的一张。记录保留，印在计票结果上，可以恢复。"
                )
            )
        )
        who_row = QHBoxLayout()
        self.who = QLabel()
        who_row.addWidget(self.who, 1)
        self.switch_button = QPushButton(self.tr("换人确认…"))
        self.switch_button.setToolTip(self.tr("由另一位监票人登录，确认所选的撤出或恢复"))
        self.switch_button.clicked.connect(self.switch_and_confirm)
        who_row.addWidget(self.switch_button)
        lay.addLayout(who_row)

        self.by_label = QRadioButton(self.tr("手工录入的选票（按标签）"))
        self.by_sheet = QRadioButton(self.tr("扫描的选票"))
        lay.addWidget(self.by_label)
        self.table = QTableWidget(0, 3)
        self.table.setHorizontalHeaderLabels([self.tr("标签"), self.tr("录入人"), self.tr("情况")])
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setWordWrap(True)
        th = self.table.horizontalHeader()
        th.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        th.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        th.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.table.itemSelectionChanged.connect(self._target_changed)
        self.table.itemClicked.connect(lambda _i: self.by_label.setChecked(True))
        self.no_entries = hint(self.tr("本轮还没有手工录入的选票。"))
        lay.addWidget(self.table, 1)
        lay.addWidget(self.no_entries)
        lay.addWidget(self.by_sheet)
        sheet_row = QHBoxLayout()
        sheet_row.addSpacing(24)
        self.sheet = QLineEdit()
        self.sheet.setPlaceholderText(self.tr("原票上印的防伪码，或“审核”中的选票记录编号"))
        self.sheet.textEdited.connect(lambda _t: self.by_sheet.setChecked(True))
        sheet_row.addWidget(self.sheet, 1)
        lay.addLayout(sheet_row)
        self.by_label.toggled.connect(self._target_changed)
        reason_row = QHBoxLayout()
        reason_row.addWidget(QLabel(self.tr("理由")))
        self.reason = QLineEdit()
        self.reason.setPlaceholderText(
            self.tr("必填，如：标签打错，已按 A-02 录入；已扫描，重复录入；多出的一张")
        )
        reason_row.addWidget(self.reason, 1)
        lay.addLayout(reason_row)
        self.state = QLabel()
        self.state.setWordWrap(True)
        lay.addWidget(self.state)
        self.banner = Banner()
        lay.addWidget(self.banner)
        buttons = QHBoxLayout()
        self.propose_button = QPushButton(self.tr("提出撤出"))
        self.propose_button.clicked.connect(self.propose)
        self.confirm_button = QPushButton(self.tr("确认撤出或恢复"))
        self.confirm_button.setToolTip(
            self.tr("确认另一位监票人提出的撤出（或恢复）：须由提出者以外的监票人确认")
        )
        self.confirm_button.clicked.connect(self._confirm_clicked)
        self.restore_button = QPushButton(self.tr("恢复…"))
        self.restore_button.clicked.connect(self.put_back)
        close = QPushButton(self.tr("关闭"))
        close.clicked.connect(self.reject)
        for b in (self.propose_button, self.confirm_button, self.restore_button, close):
            b.setMinimumHeight(34)
        buttons.addWidget(self.propose_button)
        buttons.addWidget(self.confirm_button)
        buttons.addWidget(self.restore_button)
        buttons.addStretch(1)
        buttons.addWidget(close)
        lay.addLayout(buttons)
        if sheet:
            self.sheet.setText(sheet)
            self.by_sheet.setChecked(True)
        else:
            self.by_label.setChecked(True)
        # (a method, not a lambda: the connection goes with the dialog when it is deleted)
        ctx.operator_changed.connect(self._show_who)
        self.load()
        self._show_who()
        self.resize(760, 600)

    def _show_who(self, _name: str = "") -> None:
        who = self.ctx.operator or self.tr("（未填写）")
        self.who.setText(self.tr("操作的监票人：{who}").format(who=who))

    def load(self) -> None:
        """The round's hand entries, the one chosen kept."""
        keep = self.chosen_label()
        self.items = counting.hand_entries(self.ctx.db, self.contest, self.number)
        self.table.setRowCount(len(self.items))
        for r, item in enumerate(self.items):
            by = "、".join(str(e["by"]) for e in item["entries"])
            cells = [str(item["label"]), by, state_words(item)]
            for col, text in enumerate(cells):
                cell = QTableWidgetItem(text)
                if col == 2 and item["state"] in ("once", "differ"):
                    cell.setForeground(Qt.GlobalColor.darkRed)
                self.table.setItem(r, col, cell)
        self.table.resizeRowsToContents()
        self.no_entries.setVisible(not self.items)
        self.table.setVisible(bool(self.items))
        if keep is not None:
            self.select_label(keep)
        self._target_changed()

    def select_label(self, label: str) -> None:
        for r, item in enumerate(self.items):
            if item["label"] == label:
                self.by_label.setChecked(True)
                self.table.selectRow(r)
                return

    def chosen_label(self) -> str | None:
        rows = self.table.selectionModel().selectedRows() if self.table.selectionModel() else []
        if not rows or not self.items:
            return None
        r = rows[0].row()
        return str(self.items[r]["label"]) if 0 <= r < len(self.items) else None

    def _item(self) -> dict[str, Any] | None:
        label = self.chosen_label()
        return next((i for i in self.items if i["label"] == label), None)

    def _target_changed(self) -> None:
        item = self._item() if self.by_label.isChecked() else None
        self.state.setText(
            self.tr("{label}：{state}").format(label=item["label"], state=state_words(item))
            if item is not None
            else ""
        )

    def target(self) -> tuple[str | None, str | None] | None:
        """(label, sheet text) chosen; None (said in the banner) when nothing is."""
        if self.by_label.isChecked():
            label = self.chosen_label()
            if label is None:
                self._refused(self.tr("请在上面的列表中选一张手工录入的选票。"))
                return None
            return label, None
        text = self.sheet.text().strip()
        if not text:
            self._refused(self.tr("请写明原票上印的防伪码，或选票记录的编号。"))
            self.sheet.setFocus()
            return None
        return None, text

    def _refused(self, text: str) -> None:
        self.banner.show_message("✗ " + text, "bad")

    def _run(self, name: str, act: Callable[[ElectionDB, str | None, str | None], Any]) -> None:
        chosen = self.target()
        if chosen is None:
            return
        if not self.ctx.operator:
            self._refused(self.tr("请先在“操作员”菜单中填写您的姓名。"))
            return
        label, text = chosen
        contest, number = self.contest, self.number

        def work(db: ElectionDB) -> Any:
            sheet = None
            if text is not None:
                # (a sheet by its id as the review page names it, else by the serial)
                from huanjie_desktop.storage import counting as count_store

                sheet = (
                    text
                    if count_store.read_sheet(db, text) is not None
                    else counting.sheet_of_serial(db, contest, number, text)
                )
            return act(db, label, sheet)

        def done(result: object) -> None:
            assert isinstance(result, counting.WithdrawOutcome)
            self.banner.show_message(self.outcome_words(result), "ok")
            self.load()

        def failed(exc: BaseException) -> None:
            said = self.ctx.describe(exc)
            if isinstance(exc, counting.WrongConfirmer):
                said += "\n" + self.tr("请由另一位监票人点“换人确认…”，以自己的名义确认。")
            self._refused(said)

        self.ctx.run(name, work, topics={COUNT}, on_success=done, on_error=failed)

    def outcome_words(self, out: counting.WithdrawOutcome) -> str:
        what = (
            self.tr("手工录入 {label}").format(label=out.label)
            if out.label
            else self.tr("选票 {sheet}").format(sheet=out.sheet)
        )
        if out.state == "proposed":
            return self.tr(
                "✓ {what}：{who} 已提出撤出计票（{why}），须由另一位监票人确认后生效"
                "（点“换人确认…”）。"
            ).format(what=what, who=out.decided_by, why=out.reason)
        if out.state == "restore_proposed":
            return self.tr(
                "✓ {what}：{who} 已提出恢复，须由另一位监票人确认后生效（点“换人确认…”）。"
            ).format(what=what, who=out.decided_by)
        if out.state == "withdrawn":
            return self.tr(
                "✓ {what}：已撤出计票（{a} 提出，{b} 确认）。不计有效票、无效票，也不算收回的一张；"
                "记录保留，可以恢复。"
            ).format(what=what, a=out.decided_by, b=out.confirmed_by)
        if out.sheet_status == "review":
            return self.tr(
                "✓ {what}：已恢复。它的第二次录入已由分团交来，选票 {sheet} 待审核。"
            ).format(what=what, sheet=out.sheet)
        if out.sheet_status == "counted" or out.sheet is not None:
            return self.tr("✓ {what}：已恢复，按撤出前的情况计。").format(what=what)
        return self.tr(
            "✓ {what}：已恢复，重新等待第二人录入（本轮在它录入或再次撤出之前不能确认）。"
        ).format(what=what)

    def propose(self) -> None:
        why = self.reason.text().strip()
        if not why:
            self._refused(self.tr("请写明撤出的理由。"))
            self.reason.setFocus()
            return
        by, op = self.ctx.operator, self.ctx.account
        contest, number = self.contest, self.number
        self._run(
            "withdraw.propose",
            lambda db, label, sheet: counting.withdraw(
                db, contest, number, label=label, sheet=sheet, reason=why, by=by, operator=op
            ),
        )

    def _confirm_clicked(self) -> None:
        self.confirm()

    def confirm(self) -> None:
        by, op = self.ctx.operator, self.ctx.account
        contest, number = self.contest, self.number
        self._run(
            "withdraw.confirm",
            lambda db, label, sheet: counting.confirm_withdrawal(
                db, contest, number, label=label, sheet=sheet, by=by, operator=op
            ),
        )

    def put_back(self) -> None:
        why = self.reason.text().strip()
        if not why:
            self._refused(self.tr("请在“理由”一栏写明恢复的理由。"))
            self.reason.setFocus()
            return
        if not dialogs.confirm(
            self,
            self.tr("恢复"),
            self.tr("把所选的选票恢复计票（撤出有误）？理由写在“理由”一栏。"),
        ):
            return
        by, op = self.ctx.operator, self.ctx.account
        contest, number = self.contest, self.number
        self._run(
            "withdraw.restore",
            lambda db, label, sheet: counting.restore(
                db, contest, number, label=label, sheet=sheet, reason=why, by=by, operator=op
            ),
        )

    def switch_and_confirm(self) -> None:
        """Another scrutineer takes the desk, then confirms what is chosen."""
        self.last_dialog = take_desk(
            self.ctx,
            self,
            self.tr("请确认的监票人输入账户名和密码")
            if self.ctx.has_accounts()
            else self.tr("请确认的监票人输入姓名"),
            self.tr(
                "撤出计票须由提出者以外的监票人确认，确认人的姓名记入审计日志。"
                "确认完毕，请在“操作员”菜单中换回原操作员。"
            ),
            self.confirm,
        )
