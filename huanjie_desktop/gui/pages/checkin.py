"""报到: check voters in by name search or by a badge scanner, with big counters and quorum.

A keyboard-wedge badge scanner "types" the badge's digits and presses Enter; the input line
keeps the focus so that a scan works whatever the operator clicked last.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt
from PySide6.QtGui import QColor, QHideEvent, QKeyEvent, QResizeEvent, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QAbstractSpinBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from huanjie_desktop.app.election import (
    CheckinOutcome,
    check_in,
    contest_status,
    rounds_under_way,
)
from huanjie_desktop.domain.idnumber import badge_key
from huanjie_desktop.domain.tally import normalise_name
from huanjie_desktop.gui.fonts import scaled
from huanjie_desktop.gui.labels import quorum_label
from huanjie_desktop.gui.pages.base import Page, PageRegistry, PageSpec
from huanjie_desktop.gui.session import CHECKINS, CONTESTS, PEOPLE, UNITS, AppContext
from huanjie_desktop.gui.widgets import (
    TONES,
    Banner,
    BigNumber,
    Chip,
    ElidedLabel,
    heading,
    hint,
    local_time,
    short_contest_names,
)
from huanjie_desktop.storage import prepare_repo, repo
from huanjie_desktop.storage.db import ElectionDB

#: The roster's names as searched (compared in `normalise_name`'s form), each made once.
_name_key = functools.lru_cache(maxsize=8192)(normalise_name)

CODE_ROLE = Qt.ItemDataRole.UserRole + 3
MAX_MATCHES = 60
RECENT = 15


@dataclass(frozen=True)
class Entry:
    code: str
    name: str
    unit: str  # unit name
    badge: str
    has_vote: bool
    # what tells them from another person of their name ("（女，1975年）"), as their card
    # prints it: two 刘伟 of one unit are otherwise told apart by their codes alone
    note: str = ""


class CheckinPage(Page):
    topics = frozenset({PEOPLE, UNITS, CONTESTS, CHECKINS})

    def __init__(self, ctx: AppContext) -> None:
        super().__init__(ctx)
        self.entries: list[Entry] = []
        self.by_code: dict[str, Entry] = {}
        self.by_exact: dict[str, Entry] = {}
        self.by_badge: dict[str, Entry] = {}
        self.present: dict[str, str] = {}  # person → check-in time (UTC ISO)
        self.undo_stack: list[str] = []
        self.busy = 0

        lay = QVBoxLayout(self)
        lay.setContentsMargins(20, 14, 20, 14)
        top = QHBoxLayout()
        self.expected = BigNumber(self.tr("应到（有选举权）"))
        self.arrived = BigNumber(self.tr("实到"))
        self.missing = BigNumber(self.tr("未到"))
        for w in (self.expected, self.arrived, self.missing):
            w.setMinimumWidth(130)
            top.addWidget(w, 2)
        self.quorum_box = QFrame()
        self.quorum_box.setFrameShape(QFrame.Shape.StyledPanel)
        self.quorum_grid = QGridLayout(self.quorum_box)
        self.quorum_grid.setContentsMargins(10, 8, 10, 8)
        self.quorum_grid.setHorizontalSpacing(8)
        self.quorum_grid.setVerticalSpacing(4)
        top.addWidget(self.quorum_box, 6)
        lay.addLayout(top)

        split = QSplitter(Qt.Orientation.Horizontal)
        left = QWidget()
        ll = QVBoxLayout(left)
        ll.setContentsMargins(0, 8, 8, 0)
        ll.addWidget(heading(self.tr("报到"), 1.2))
        self.input = QLineEdit()
        self.input.setPlaceholderText(self.tr("刷代表证或输入姓名/编号，回车报到"))
        self.input.setFont(scaled(self.font(), 1.5))
        self.input.setMinimumHeight(52)
        self.input.setClearButtonEnabled(True)
        self.input.textChanged.connect(self._search)
        self.input.returnPressed.connect(self._enter)
        self.input.installEventFilter(self)
        ll.addWidget(self.input)
        self.banner = Banner(factor=1.5)
        ll.addWidget(self.banner)
        self.matches_hint = hint("")
        ll.addWidget(self.matches_hint)
        self.matches = QTableWidget(0, 4)
        self.matches.setHorizontalHeaderLabels(
            [self.tr("姓名"), self.tr("编号"), self.tr("选举单位"), self.tr("报到")]
        )
        self.matches.verticalHeader().setVisible(False)
        self.matches.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.matches.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.matches.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.matches.setShowGrid(False)
        self.matches.setWordWrap(False)
        self.matches.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.matches.setFont(scaled(self.font(), 1.15))
        mh = self.matches.horizontalHeader()
        mh.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        mh.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        # (the first of several matches is only pre-selected: Enter checks it in only when it
        # is the name typed in full, or a person chose it with ↑ ↓ or a click)
        self._auto_first = False
        self._confirm_partial = ""  # part of a name one person matches, Enter pressed once
        self.matches.itemSelectionChanged.connect(self._picked)
        self.matches.itemDoubleClicked.connect(lambda _i: self._enter())
        self.matches.itemClicked.connect(lambda _i: self.input.setFocus())
        ll.addWidget(self.matches, 1)
        buttons = QHBoxLayout()
        self.checkin_button = QPushButton(self.tr("为所选的人报到"))
        self.checkin_button.clicked.connect(self._enter)
        self.undo_selected = QPushButton(self.tr("撤销所选的人的报到"))
        self.undo_selected.clicked.connect(self._undo_selected)
        self.undo_last = QPushButton(self.tr("撤销上一次报到"))
        self.undo_last.clicked.connect(self.undo)
        for b in (self.checkin_button, self.undo_selected, self.undo_last):
            b.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            b.setMinimumHeight(36)
            buttons.addWidget(b)
        ll.addLayout(buttons)
        split.addWidget(left)

        right = QWidget()
        rl = QVBoxLayout(right)
        rl.setContentsMargins(8, 8, 0, 0)
        rl.addWidget(heading(self.tr("各选举单位"), 1.2))
        self.units = QTableWidget(0, 4)
        self.units.setHorizontalHeaderLabels(
            [self.tr("选举单位"), self.tr("应到"), self.tr("实到"), self.tr("到会比例")]
        )
        self.units.verticalHeader().setVisible(False)
        self.units.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.units.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.units.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.units.setFont(scaled(self.font(), 1.1))
        self.units.setWordWrap(False)
        h = self.units.horizontalHeader()
        h.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for c in (1, 2):
            h.setSectionResizeMode(c, QHeaderView.ResizeMode.ResizeToContents)
        h.setSectionResizeMode(3, QHeaderView.ResizeMode.Fixed)
        self.units.setColumnWidth(3, 96)
        rl.addWidget(self.units, 1)
        # (wide enough for the units' names next to the three numbers in either language)
        right.setMinimumWidth(self.fontMetrics().horizontalAdvance("M") * 30)
        split.addWidget(right)
        split.setStretchFactor(0, 5)
        split.setStretchFactor(1, 4)
        lay.addWidget(split, 1)
        self.quorum_chips: dict[str, Chip] = {}

    # --- data -----------------------------------------------------------------------------------

    def refresh(self) -> None:
        db = self.ctx.db
        unit_names = {u.code: u.name for u in repo.read_units(db)}
        badges = repo.badge_codes(db)
        notes = repo.namesake_notes(db)
        self.entries = [
            Entry(
                p.code,
                p.name,
                unit_names.get(p.unit or "", ""),
                badges.get(p.code, ""),
                p.has_vote,
                notes.get(p.code, ""),
            )
            for p in repo.read_people(db)
        ]
        # Codes are found whatever the case typed — unless two differ only in case (a file
        # made before such codes were refused): then only as written, never the later one.
        folded: dict[str, list[Entry]] = {}
        for e in self.entries:
            folded.setdefault(e.code.upper(), []).append(e)
        self.by_code = {k: v[0] for k, v in folded.items() if len(v) == 1}
        self.by_exact = {e.code: e for e in self.entries}
        self.by_badge = {e.badge: e for e in self.entries if e.badge}
        self.present = prepare_repo.checkin_times(db)
        self._refresh_counts(db)
        self._search(self.input.text())
        self.undo_last.setEnabled(bool(self.undo_stack) and not self.busy)

    def _refresh_counts(self, db: ElectionDB) -> None:
        att = prepare_repo.attendance_by_unit(db)
        voters = sum(a.voters for a in att)
        present = sum(a.present_voters for a in att)
        self.expected.set_value(voters)
        self.arrived.set_value(present, "ok" if present else "neutral")
        self.missing.set_value(voters - present, "warn" if voters - present else "ok")
        self.units.setRowCount(len(att))
        for r, a in enumerate(att):
            name = a.name or self.tr("（未分配选举单位）")
            cells = [name, str(a.voters), str(a.present_voters)]
            for c, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if c:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                if c == 2 and a.voters and a.present_voters == a.voters:
                    item.setForeground(QColor(TONES["ok"][0]))
                self.units.setItem(r, c, item)
            bar = QProgressBar()
            bar.setRange(0, max(a.voters, 1))
            bar.setValue(a.present_voters)
            bar.setFormat(f"{a.present_voters}/{a.voters}")
            bar.setTextVisible(True)
            self.units.setCellWidget(r, 3, bar)
        self.units.resizeRowsToContents()
        # quorum per contest
        while self.quorum_grid.count():
            taken = self.quorum_grid.takeAt(0)
            w = taken.widget() if taken is not None else None
            if w is not None:
                w.deleteLater()
        self.quorum_chips = {}
        head = QLabel(self.tr("法定人数（各选举事项）"))
        head.setFont(scaled(self.font(), 1.05, bold=True))
        self.quorum_grid.addWidget(head, 0, 0, 1, 4)
        statuses = contest_status(db)
        if not statuses:
            self.quorum_grid.addWidget(hint(self.tr("还没有选举事项。")), 1, 0, 1, 4)
        shown = short_contest_names(statuses)
        if statuses:
            for col, text in enumerate(
                (self.tr("选举事项"), self.tr("实到 / 应到"), self.tr("要求"), "")
            ):
                label = QLabel(text)
                label.setStyleSheet("color: palette(mid);")
                self.quorum_grid.addWidget(label, 1, col)
        for i, (s, short) in enumerate(zip(statuses, shown, strict=True), start=2):
            title = ElidedLabel(short, Qt.TextElideMode.ElideRight)
            title.setToolTip(s.title)
            counts = QLabel(f"{s.present} / {s.expected}")
            if s.fixed_round:  # (the round under way: its numbers were fixed as voting began)
                counts.setText(
                    # (short: the panel is narrow; the tooltip says what it means)
                    self.tr("{p} / {e}（第{n}轮）").format(
                        p=s.present, e=s.expected, n=s.fixed_round
                    )
                )
                counts.setToolTip(
                    self.tr("第 {n} 轮开始计票时确定；现已报到 {now} 人，计入以后的轮次").format(
                        n=s.fixed_round, now=s.present_now
                    )
                )
            rule = QLabel(quorum_label(s.quorum_rule, short=True))
            rule.setToolTip(quorum_label(s.quorum_rule))
            chip = Chip()
            if s.quorum_met:
                chip.set(self.tr("✓ 已达到"), "ok")
            else:
                chip.set(self.tr("✗ 未达到"), "bad")
            self.quorum_chips[s.code] = chip
            self.quorum_grid.addWidget(title, i, 0)
            self.quorum_grid.addWidget(counts, i, 1)
            self.quorum_grid.addWidget(rule, i, 2)
            self.quorum_grid.addWidget(chip, i, 3)
        self.quorum_grid.setColumnStretch(0, 1)

    # --- search ----------------------------------------------------------------------------------

    def matching(self, text: str) -> list[Entry]:
        t = text.strip()
        if not t:
            return []
        if (badge := badge_key(t)) in self.by_badge:  # (typed as printed: in groups)
            return [self.by_badge[badge]]
        if badge.isdigit() and len(badge) >= 6:
            return []  # a (partial) badge number: no fuzzy matches
        upper = t.upper()
        exact = self._code(t)
        found = [exact] if exact else []
        key = normalise_name(t)  # '李 娜' finds 李娜, '王伟' finds a roster's '王　伟'
        # the name typed in full first (刘鹏 before 刘鹏毅): Enter checks in the first one
        found += [e for e in self.entries if e is not exact and key and _name_key(e.name) == key]
        for e in self.entries:
            if e is exact or e in found:
                continue
            if (
                (key and key in _name_key(e.name))
                or e.code.upper().startswith(upper)
                or (len(t) >= 2 and t in e.unit)
            ):
                found.append(e)
                if len(found) >= MAX_MATCHES:
                    break
        return found

    def _search(self, text: str) -> None:
        self.matches.setRowCount(0)
        if not text.strip():
            self._show_recent()
            return
        found = self.matching(text)
        self.matches_hint.setText(
            self.tr("符合的人：{n} 位。有多人时用 ↑ ↓ 选择，再按回车。").format(n=len(found))
        )
        for e in found:
            self._add_row(e)
        if self.matches.rowCount():
            self.matches.selectRow(0)
            self._auto_first = True

    def _picked(self) -> None:
        self._auto_first = False

    def _add_row(self, e: Entry) -> None:
        at = self.present.get(e.code)
        state = self.tr("✓ 已报到 {time}").format(time=local_time(at)) if at else self.tr("未报到")
        name = e.name + e.note + ("" if e.has_vote else self.tr("（无选举权）"))
        row = self.matches.rowCount()
        self.matches.insertRow(row)
        for col, text in enumerate((name, e.code, e.unit, state)):
            item = QTableWidgetItem(text)
            item.setData(CODE_ROLE, e.code)
            if at and col == 3:
                item.setForeground(QColor(TONES["ok"][0]))
            self.matches.setItem(row, col, item)

    def _show_recent(self) -> None:
        """With nothing typed, the list shows the latest check-ins (newest first)."""
        latest = sorted(self.present.items(), key=lambda kv: kv[1], reverse=True)[:RECENT]
        self.matches_hint.setText(
            self.tr("最近报到（最新的在上面）：") if latest else self.tr("还没有人报到。")
        )
        for code, _at in latest:
            e = self._code(code)
            if e is not None:
                self._add_row(e)
        self.matches.clearSelection()
        self.matches.setCurrentCell(-1, -1)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            watched is not self.input
            and event.type() == QEvent.Type.KeyPress
            and isinstance(watched, QWidget)
            and self._strays_from_the_window(watched, event)
        ):
            # A badge scanned while the focus is on the navigation (a Tab pressed, a click
            # on the list): its digits went there, and its Enter with them — lost without a
            # word. They land in the input line, as on this page.
            assert isinstance(event, QKeyEvent)
            self.input.setFocus()
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self._enter()
            else:
                self.input.insert(event.text())
            return True
        if watched is self.input and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            key = event.key()
            rows = self.matches.rowCount()
            if key in (Qt.Key.Key_Up, Qt.Key.Key_Down) and rows:
                row = self.matches.currentRow() + (1 if key == Qt.Key.Key_Down else -1)
                self.matches.selectRow(max(0, min(rows - 1, row)))
                self._auto_first = False  # a person chose
                return True
            if key == Qt.Key.Key_Escape:
                self.input.clear()
                return True
        return super().eventFilter(watched, event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        # A scan while the focus is elsewhere on this page still lands in the input line.
        if event.text() and event.text().isprintable() and not self.input.hasFocus():
            self.input.setFocus()
            self.input.insert(event.text())
            return
        super().keyPressEvent(event)

    def _strays_from_the_window(self, watched: QWidget, event: QEvent) -> bool:
        """A key typed into this window outside this page, where no text is typed (the
        navigation list, a button): a badge scanner's digits and Enter, most likely."""
        assert isinstance(event, QKeyEvent)
        if watched.isAncestorOf(self):
            return False  # (a key a widget here let go on to its parents: Enter in the line)
        if (
            not self.isVisible()
            or watched.window() is not self.window()
            or self.isAncestorOf(watched)
        ):
            return False
        if isinstance(watched, (QLineEdit, QAbstractSpinBox, QTextEdit, QPlainTextEdit)):
            return False
        if event.modifiers() & ~(
            Qt.KeyboardModifier.ShiftModifier | Qt.KeyboardModifier.KeypadModifier
        ):
            return False  # (a shortcut: Ctrl+… and Alt+… keep their meaning)
        text = event.text()
        typed = bool(text) and text.isprintable() and not text.isspace()
        return typed or (
            event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and bool(self.input.text())
        )

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        app = QCoreApplication.instance()
        if app is not None:
            app.installEventFilter(self)
        self.input.setFocus()

    def hideEvent(self, event: QHideEvent) -> None:
        app = QCoreApplication.instance()
        if app is not None:
            app.removeEventFilter(self)
        super().hideEvent(event)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        # the counters grow with the window: on a 1080p screen they read from across the room
        # (capped: above ~64 px Qt draws glyphs as paths and loses the synthetic bold)
        factor = 3.2 * max(1.0, min(1.3, self.height() / 700))
        for big in (self.expected, self.arrived, self.missing):
            big.set_scale(factor)

    # --- actions ---------------------------------------------------------------------------------

    def _selected(self) -> Entry | None:
        item = self.matches.currentItem()
        code = item.data(CODE_ROLE) if item is not None else None
        return self._code(str(code)) if code else None

    def _code(self, code: str) -> Entry | None:
        """The roster entry of a person code, as written or in any case (`refresh`)."""
        return self.by_exact.get(code) or self.by_code.get(code.upper())

    def _enter(self) -> None:
        token = self.input.text().strip()
        if not token and self.matches.currentItem() is None:
            return
        direct = self.by_badge.get(badge_key(token)) or self._code(token)
        found = self.matching(token)
        exact = [p for p in found if _name_key(p.name) == normalise_name(token)]
        if direct is None and len(exact) > 1 and self._auto_first:
            # namesakes: the first of them is no more likely than the other to be the one
            # standing at the desk
            self.banner.show_message(
                self.tr(
                    "同名的 {name} 有 {n} 位：请用 ↑ ↓ 按单位选出要报到的人，再按回车。"
                ).format(name=exact[0].name, n=len(exact)),
                "warn",
            )
            # (the name is whole: selected, the next badge scanned replaces it — its digits
            # were appended, "王小明1756652867", and nobody was found)
            self.input.selectAll()
            self.input.setFocus()
            return
        if direct is None and len(found) > 1 and self._auto_first and not exact:
            # several people match what was typed (a unit's name, part of a name): nobody is
            # checked in until the right one is chosen
            self.banner.show_message(
                self.tr("符合的人有 {n} 位：请用 ↑ ↓ 选出要报到的人，再按回车。").format(
                    n=len(found)
                ),
                "warn",
            )
            self.input.selectAll()  # (as for namesakes: a badge scanned next replaces it)
            self.input.setFocus()
            return
        if (
            direct is None
            and len(found) == 1
            and self._auto_first
            and _name_key(found[0].name) != normalise_name(token)
            and self._confirm_partial != token
        ):
            # part of a name that one person's matches ('高' → 高峰): the clerk may be still
            # typing, or looking for someone not on the roster — Enter again checks them in
            self._confirm_partial = token
            self.banner.show_message(
                self.tr("只有 {name} 符合“{token}”：是这位就再按一次回车报到。").format(
                    name=found[0].name, token=token
                ),
                "warn",
            )
            self.input.setFocus()
            return
        self._confirm_partial = ""
        if direct is None and len(exact) == 1 and self._auto_first:
            target: Entry | None = exact[0]  # (高峰 typed whole, 高峰林 listed after)
        else:
            target = direct or (found[0] if len(found) == 1 else self._selected())
        if target is None:
            if not found:
                self.banner.show_message(
                    self.tr("✗ 查无此人：“{token}”。请核对代表证或姓名。").format(token=token),
                    "bad",
                )
                self.input.selectAll()
            self.input.setFocus()
            return
        self.check_in(target.code)

    def check_in(self, code: str, undo: bool = False) -> None:
        """Check ``code`` in (or undo) on the worker; the banner and counters follow."""
        self.busy += 1
        self.undo_last.setEnabled(False)  # the last check-in is known once pending ones land
        op = self.ctx.account

        def work(db: ElectionDB) -> tuple[list[CheckinOutcome], list[tuple[str, int]]]:
            done = check_in(db, [code], undo=undo, operator=op)
            titles = {c.code: c.title for c in repo.read_contests(db)}
            return done, [(titles.get(c, c), n) for c, n, _, _ in rounds_under_way(db)]

        self.ctx.run(
            "checkin", work, topics={CHECKINS}, on_success=self._done, on_error=self._failed
        )
        self.input.clear()
        self.input.setFocus()

    def _done(self, result: object) -> None:
        self.busy -= 1
        if not isinstance(result, tuple) or not result[0]:
            return
        outcomes, under_way = result
        outcome = outcomes[0]
        assert isinstance(outcome, CheckinOutcome)
        # (a round whose ballots have begun to come in has its attendance fixed: said)
        rounds = self.tr("、").join(
            self.tr("{title} 第 {n} 轮").format(title=t, n=n) for t, n in under_way
        )
        late = ""
        if under_way and outcome.status == "checked_in":
            late = self.tr("（{rounds}已开始计票：这次报到只计入以后的轮次）").format(rounds=rounds)
        elif under_way and outcome.status == "undone":
            late = self.tr("（{rounds}已开始计票：撤销只影响以后的轮次）").format(rounds=rounds)
        e = self._code(outcome.person or "")
        who = outcome.name + (e.note if e is not None else "")
        who += f"（{e.unit}）" if e is not None and e.unit else ""
        if outcome.status == "checked_in":
            self.undo_stack.append(outcome.person or "")
            self.banner.show_message(
                self.tr("✓ {who} 报到成功").format(who=who) + late, "warn" if late else "ok"
            )
        elif outcome.status == "no_vote":
            self.undo_stack.append(outcome.person or "")
            self.banner.show_message(
                self.tr("✓ {who} 已报到（无选举权，不计入实到）").format(who=who), "info"
            )
        elif outcome.status == "already":
            at = local_time(self.present.get(outcome.person or "", ""))
            self.banner.show_message(
                self.tr("{who} 此前已报到（{time}），无需重复报到").format(who=who, time=at),
                "warn",
            )
        elif outcome.status == "undone":
            self.banner.show_message(self.tr("已撤销 {who} 的报到").format(who=who) + late, "info")
        elif outcome.status == "not_checked_in":
            self.banner.show_message(self.tr("{who} 尚未报到，无需撤销").format(who=who), "warn")
        else:
            self.banner.show_message(
                self.tr("✗ 查无此人：“{token}”。").format(token=outcome.token), "bad"
            )
        self.undo_last.setEnabled(bool(self.undo_stack) and not self.busy)

    def _failed(self, exc: BaseException) -> None:
        self.busy -= 1
        self.undo_last.setEnabled(bool(self.undo_stack) and not self.busy)
        self.banner.show_message(
            self.tr("✗ 未能报到：{why}").format(why=self.ctx.describe(exc)), "bad"
        )

    def undo(self) -> None:
        """Undo the last check-in made on this screen."""
        if self.busy:
            return  # check-ins still landing: the button is disabled until they have
        while self.undo_stack:
            code = self.undo_stack.pop()
            if code in self.present:
                self.check_in(code, undo=True)
                break
        self.input.setFocus()

    def _undo_selected(self) -> None:
        e = self._selected()
        if e is not None:
            if e.code in self.undo_stack:
                self.undo_stack.remove(e.code)
            self.check_in(e.code, undo=True)

    def screenshot_variants(self) -> list[tuple[str, Callable[[], None]]]:
        """A search in progress, for `make screenshots` (typing only: nothing is written)."""

        def search() -> None:
            self.input.setText("王")
            self.banner.show_message(
                self.tr("✓ {who} 报到成功").format(who="王小明（区直机关）"), "ok"
            )

        def clear() -> None:
            self.input.clear()
            self.banner.show_message("", "neutral")

        return [("search", search), ("", clear)]


def register(pages: PageRegistry) -> None:
    pages.add(
        PageSpec(
            "prep.checkin",
            "prep",
            lambda: QCoreApplication.translate("pages", "报到"),
            CheckinPage,
            order=50,
        )
    )
