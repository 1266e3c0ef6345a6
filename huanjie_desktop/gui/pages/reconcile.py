"""发出和收回: ballots issued and collected per ballot box (or sub-delegation), and the round's
verdict in big words: collected ≤ issued, the round is valid; more collected than issued, the
round is void and must be run again (the void round stays on record).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from huanjie_desktop.gui.fonts import scaled
from huanjie_desktop.gui.pages.base import (
    Page,
    PageRegistry,
    PageSpec,
    chosen_code,
    chosen_round,
    fill_contests,
    keep_round,
)
from huanjie_desktop.gui.session import CHECKINS, CONTESTS, COUNT, AppContext
from huanjie_desktop.gui.widgets import (
    TONES,
    Banner,
    BigNumber,
    EmptyState,
    MiddleElidedCombo,
    heading,
    hint,
    local_time,
    tone_style,
)
from huanjie_desktop.storage import repo
from huanjie_desktop.storage.db import ElectionDB

BOX_ROLE = Qt.ItemDataRole.UserRole + 50
MAX_COUNT = 100000


class ReconcilePage(Page):
    topics = frozenset({COUNT, CONTESTS, CHECKINS})

    def __init__(self, ctx: AppContext) -> None:
        super().__init__(ctx)
        self.closed = False
        self.verdict_tone = "neutral"
        self._filling = False
        lay = QVBoxLayout(self)
        lay.setContentsMargins(16, 10, 16, 10)
        lay.setSpacing(8)
        top = QHBoxLayout()
        top.addWidget(heading(self.tr("发出和收回的选票"), 1.3))
        top.addSpacing(12)
        top.addWidget(QLabel(self.tr("选举事项")))
        # (a long title shortened in the middle, its code kept, whole in the tooltip)
        self.contest = MiddleElidedCombo()
        self.contest.setMinimumWidth(320)
        self.contest.currentIndexChanged.connect(lambda _i: self._fill_rounds())
        top.addWidget(self.contest, 2)
        top.addWidget(QLabel(self.tr("轮次")))
        self.round = QComboBox()
        self.round.currentIndexChanged.connect(lambda _i: self.show_round())
        top.addWidget(self.round)
        top.addStretch(1)
        lay.addLayout(top)

        self.verdict = QLabel()
        self.verdict.setWordWrap(True)
        self.verdict.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.verdict.setFont(scaled(self.font(), 1.7, bold=True))
        self.verdict.setMinimumHeight(72)
        lay.addWidget(self.verdict)

        numbers = QHBoxLayout()
        self.issued = BigNumber(self.tr("发出（合计）"), 2.6)
        self.collected = BigNumber(self.tr("收回（合计）"), 2.6)
        self.scanned = BigNumber(self.tr("已扫描计入"), 2.6)
        self.pending = BigNumber(self.tr("待审核"), 2.6)
        for big in (self.issued, self.collected, self.scanned, self.pending):
            numbers.addWidget(big, 1)
        lay.addLayout(numbers)
        self.compare = hint("")
        lay.addWidget(self.compare)

        body = QHBoxLayout()
        boxes = QGroupBox(self.tr("各票箱（或代表团）"))
        bl = QVBoxLayout(boxes)
        self.table = QTableWidget(0, 4)
        self.table.setHorizontalHeaderLabels(
            [self.tr("票箱"), self.tr("发出"), self.tr("收回"), self.tr("登记人 · 时间")]
        )
        self.table.verticalHeader().setVisible(False)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        self.table.setFont(scaled(self.font(), 1.15))
        h = self.table.horizontalHeader()
        # (the box's name whole — at 1024 px in English it was cut to "1…" under a header cut
        # to "llot b": who entered it, and when, gives the width, shortened with "…" and
        # whole in its tooltip)
        h.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        h.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        h.setTextElideMode(Qt.TextElideMode.ElideRight)
        who = self.table.horizontalHeaderItem(3)
        if who is not None:
            who.setToolTip(who.text())
        self.table.verticalHeader().setDefaultSectionSize(36)
        self.table.itemChanged.connect(self._cell_edited)
        self.table.itemSelectionChanged.connect(self._row_selected)
        bl.addWidget(self.table, 1)
        bl.addWidget(hint(self.tr("双击“发出”或“收回”可直接修改；每次修改都记入审计日志。")))
        body.addWidget(boxes, 3)

        form_box = QGroupBox(self.tr("登记一个票箱"))
        fl = QVBoxLayout(form_box)
        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("票箱")))
        self.box = QLineEdit()
        self.box.setPlaceholderText(self.tr("如：1号票箱、第一代表团"))
        row.addWidget(self.box, 1)
        fl.addLayout(row)
        row2 = QHBoxLayout()
        row2.addWidget(QLabel(self.tr("发出")))
        self.issued_in = QSpinBox()
        self.issued_in.setRange(0, MAX_COUNT)
        self.issued_in.setSuffix(self.tr(" 张"))
        row2.addWidget(self.issued_in, 1)
        row2.addWidget(QLabel(self.tr("收回")))
        self.collected_in = QSpinBox()
        self.collected_in.setRange(0, MAX_COUNT)
        self.collected_in.setSuffix(self.tr(" 张"))
        row2.addWidget(self.collected_in, 1)
        fl.addLayout(row2)
        self.save_button = QPushButton(self.tr("登记"))
        self.save_button.setMinimumHeight(36)
        self.save_button.clicked.connect(self.save)
        # Enter in either number saves, as the button does (a clerk types and presses Enter).
        # Only a number the clerk typed is saved: the other keeps what was entered before
        # (issued now, collected when the box is opened), never the form's leftover value.
        self._touched: set[str] = set()
        self._loading = False
        for key, spin in (("issued", self.issued_in), ("collected", self.collected_in)):
            edit = spin.lineEdit()
            if edit is not None:
                edit.returnPressed.connect(self.save)
            spin.valueChanged.connect(lambda _v, k=key: self._typed(k))
        self.box.returnPressed.connect(self.save)
        self.box.textEdited.connect(self._box_named)
        self.add_button = QPushButton(self.tr("添加票箱"))
        self.add_button.setMinimumHeight(36)
        self.add_button.clicked.connect(self.new_box)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.save_button, 1)
        fl.addLayout(buttons)
        fl.addWidget(
            hint(
                self.tr(
                    "发出：发给投票人的选票张数；收回：开箱清点的选票张数（含空白票和废票）。"
                    "由监票人清点后当众报告，在这里登记。"
                )
            )
        )
        fl.addStretch(1)
        self.banner = Banner()
        fl.addWidget(self.banner)
        body.addWidget(form_box, 2)
        self._body = QWidget()
        self._body.setLayout(body)
        lay.addWidget(self._body, 1)
        self.empty = EmptyState(
            self.tr("还没有选举事项"), self.tr("先在“选举事项和候选人”中添加选举事项。")
        )
        lay.addWidget(self.empty, 1)

    # --- data -----------------------------------------------------------------------------------

    def refresh(self) -> None:
        db = self.ctx.db
        contests = repo.read_contests(db)
        fill_contests(self.contest, contests)
        for w in (self._body, self.verdict, self.compare):
            w.setVisible(bool(contests))
        self.empty.setVisible(not contests)
        self._fill_rounds()

    def contest_code(self) -> str | None:
        return chosen_code(self.contest)

    def round_number(self) -> int | None:
        return chosen_round(self.round)

    def _fill_rounds(self) -> None:
        code = self.contest_code()
        keep = self.round.currentData()
        self.round.blockSignals(True)
        before = self.round.count()
        self.round.clear()
        if code is not None and self.ctx.session is not None:
            rounds = repo.read_rounds(self.ctx.db, code)
            for r in rounds:
                self.round.addItem(self.tr("第 {n} 轮").format(n=r.number), r.number)
            keep_round(self.round, keep, before)
        self.round.blockSignals(False)
        self.show_round()

    def show_round(self) -> None:
        code, number = self.contest_code(), self.round_number()
        if code is None or number is None or self.ctx.session is None:
            return
        from huanjie_desktop.app.ballots import box_totals

        db = self.ctx.db
        totals = box_totals(db, code, number)
        info = repo.read_round(db, code, number)
        latest = repo.latest_round(db, code) or number
        # (a round the next was opened on takes no more counts: its result is what that
        # round was opened on)
        superseded = info is not None and str(info.status) == "open" and latest > number
        self.closed = superseded or (info is not None and str(info.status) in ("certified", "void"))
        self._fill_table(totals.boxes)
        entered = bool(totals.boxes) and all(
            b.issued is not None and b.collected is not None for b in totals.boxes
        )
        self.issued.set_value(totals.issued if totals.boxes else "—")
        self.collected.set_value(totals.collected if totals.boxes else "—")
        if not entered:
            text = self.tr("尚未登记完各票箱的发出和收回张数")
            tone = "neutral"
            if totals.boxes:
                missing = [b.box for b in totals.boxes if b.issued is None or b.collected is None]
                sep = ", " if self.ctx.lang == "en" else "、"
                text += self.tr("（{boxes} 还缺）").format(boxes=sep.join(missing))
        elif totals.collected_exceeds_issued:
            text = self.tr("收回 {c} 张，多于发出 {i} 张：本轮投票无效，须重新投票").format(
                c=totals.collected, i=totals.issued
            )
            tone = "bad"
        else:
            text = self.tr("收回 {c} 张，不多于发出 {i} 张：本轮投票有效").format(
                c=totals.collected, i=totals.issued
            )
            tone = "ok"
        excess, station = self._show_scanned(
            db, code, number, totals.collected if entered else None
        )
        if station and entered:
            # (this station's boxes alone, and no check-ins here: whether the round is
            # valid is the main laptop's to say, once every station is merged)
            if totals.collected_exceeds_issued:
                text = self.tr(
                    "本分团收回 {c} 张，多于发出 {i} 张：请核对各票箱的张数（本轮是否有效以主机为准）"
                )
            else:
                text = self.tr("本分团收回 {c} 张，不多于发出 {i} 张（本轮是否有效以主机为准）")
            text = text.format(c=totals.collected, i=totals.issued)
            tone = "warn" if totals.collected_exceeds_issued else "ok"
        if excess > 0 and tone == "ok":
            # (valid by its box counts, but more sheets read than collected: not a green
            # "valid" over a contradiction said in small print below)
            text = self.tr(
                "收回 {c} 张，不多于发出 {i} 张；但已扫描计入的比收回的多 {d} 张：请先核对（见下方）"
            ).format(c=totals.collected, i=totals.issued, d=excess)
            tone = "warn"
        elif excess < 0 and tone == "ok":
            # (collected sheets not counted yet — a refused one not rescanned, say: the
            # count is not complete; said first and in amber, not under a green "valid"
            # with the missing sheet in small grey print below)
            text = self.tr(
                "还有 {d} 张收回的选票没有计入：收回 {c} 张，只扫描了 {s} 张（见下方）；"
                "收回不多于发出 {i} 张"
            ).format(d=-excess, c=totals.collected, s=totals.collected + excess, i=totals.issued)
            tone = "warn"
        if info is not None and str(info.status) == "certified":
            text += "\n" + self.tr("（本轮结果已确认冻结，票数不能再改）")
        elif info is not None and str(info.status) == "void":
            text += "\n" + self.tr("（本轮已记录为无效）")
        elif superseded:
            text += "\n" + self.tr("（已开启第 {n} 轮，本轮票数不能再改）").format(n=latest)
        self.verdict.setText(text)
        self.verdict.setStyleSheet(tone_style(tone, radius=10, pad="12px 16px"))
        self.verdict_tone = tone
        for w in (self.box, self.issued_in, self.collected_in, self.save_button, self.add_button):
            w.setEnabled(not self.closed)

    def _show_scanned(
        self, db: ElectionDB, code: str, number: int, collected: int | None
    ) -> tuple[int, str]:
        """Show the sheets read against those collected. Returns how many more were read
        than collected (fewer: below 0; 0 when as many or not known) and the station laptop
        this is ("" on the main laptop)."""
        from huanjie_desktop.app import counting

        try:
            doc = counting.tally(db, code, number, operator=self.ctx.account)
        except Exception as exc:  # not signed in, or records that do not fit: say so
            self.scanned.set_value("—")
            self.pending.set_value("—")
            self.compare.setText(self.ctx.describe(exc))
            return 0, ""
        station = str(doc.get("station") or "")
        counted = int(doc.get("valid_ballots", 0)) + int(doc.get("void_ballots", 0))
        pending = int(doc.get("pending_review", 0))
        self.scanned.set_value(counted, "neutral")  # (warn below when more than collected)
        self.pending.set_value(pending, "warn" if pending else "neutral")
        if collected is None:
            self.compare.setText(
                self.tr("已计入 {n} 张（有效 {v}，无效 {x}）。").format(
                    n=counted, v=doc.get("valid_ballots", 0), x=doc.get("void_ballots", 0)
                )
            )
            return 0, station
        seen = counted + pending
        if seen == collected:
            self.compare.setText(
                self.tr("扫描的张数与收回的张数相同（{n} 张）。").format(n=collected)
            )
        elif seen < collected:
            self.compare.setText(
                self.tr(
                    "收回 {c} 张，已扫描 {s} 张：还有 {d} 张没有计入。"
                    "请查看“扫描选票”中的拒收选票，重扫或交监票人手工录入。"
                ).format(c=collected, s=seen, d=collected - seen)
            )
            self.scanned.set_value(counted, "warn")
            return seen - collected, station
        else:
            self.compare.setText(
                self.tr(
                    "已扫描 {s} 张，比收回的 {c} 张多 {d} 张：请核对收回张数，"
                    "并检查是否混入了其他票箱或其他事项的选票。"
                ).format(c=collected, s=seen, d=seen - collected)
            )
            self.scanned.set_value(counted, "warn")
            return seen - collected, station
        return 0, station

    def _fill_table(self, boxes: list[Any]) -> None:
        self._filling = True
        self.table.setRowCount(len(boxes))
        for r, b in enumerate(boxes):
            cells = [
                b.box + (f"（{b.station}）" if b.station not in ("", "main") else ""),
                "" if b.issued is None else str(b.issued),
                "" if b.collected is None else str(b.collected),
                f"{b.operator} · {local_time(b.updated_at)}",
            ]
            for c, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(BOX_ROLE, b.box)
                if c in (0, 3):
                    item.setToolTip(text)
                flags = item.flags()
                if c in (1, 2) and not self.closed:
                    item.setFlags(flags | Qt.ItemFlag.ItemIsEditable)
                    item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                else:
                    item.setFlags(flags & ~Qt.ItemFlag.ItemIsEditable)
                if c in (1, 2) and not text:
                    item.setBackground(QColor(TONES["warn"][1]))
                self.table.setItem(r, c, item)
        self._filling = False

    # --- editing --------------------------------------------------------------------------------

    def _typed(self, key: str) -> None:
        if not self._loading:
            self._touched.add(key)

    def _load_form(self, row: int | None) -> None:
        """The form showing box ``row`` of the table (None: a new box), nothing typed yet."""
        self._loading = True
        for col, spin in ((1, self.issued_in), (2, self.collected_in)):
            cell = self.table.item(row, col) if row is not None else None
            text = cell.text() if cell is not None else ""
            spin.setValue(int(text) if text.isdigit() else 0)
        self._loading = False
        self._touched.clear()

    def _box_named(self, text: str) -> None:
        """A box's name typed: an existing box brings its numbers into the form."""
        name = text.strip()
        for r in range(self.table.rowCount()):
            it = self.table.item(r, 0)
            if it is not None and str(it.data(BOX_ROLE)) == name:
                self._load_form(r)
                return
        self._load_form(None)

    def _row_selected(self) -> None:
        row = self.table.currentRow()
        item = self.table.item(row, 0) if row >= 0 else None
        if item is None:
            return
        self.box.setText(str(item.data(BOX_ROLE)))
        self._load_form(row)

    def new_box(self) -> None:
        """Suggest the next box name ("3号票箱") and put the cursor in the form."""
        taken = {
            str(it.data(BOX_ROLE))
            for r in range(self.table.rowCount())
            if (it := self.table.item(r, 0)) is not None
        }
        n = 1
        while self.tr("{n}号票箱").format(n=n) in taken:
            n += 1
        self.table.clearSelection()
        self.box.setText(self.tr("{n}号票箱").format(n=n))
        self._load_form(None)
        self.issued_in.setFocus()
        self.issued_in.selectAll()

    def _cell_edited(self, item: QTableWidgetItem) -> None:
        if self._filling or item.column() not in (1, 2):
            return
        text = item.text().strip()
        box = str(item.data(BOX_ROLE))
        if not text.isdigit():
            self.banner.show_message(
                self.tr("“{text}”不是张数：请输入 0 或正整数。").format(text=text), "bad"
            )
            self.show_round()
            return
        value = int(text)
        if item.column() == 1:
            self.record(box, issued=value)
        else:
            self.record(box, collected=value)

    def save(self) -> None:
        box = self.box.text().strip()
        if not box:
            self.banner.show_message(self.tr("请填写票箱的名称，如“1号票箱”。"), "bad")
            self.box.setFocus()
            return
        issued = self.issued_in.value() if "issued" in self._touched else None
        collected = self.collected_in.value() if "collected" in self._touched else None
        if issued is None and collected is None:
            self.banner.show_message(
                self.tr("没有输入新的张数：请输入“发出”或“收回”的张数，再按回车或“登记”。"), "warn"
            )
            self.issued_in.setFocus()
            return
        self._touched.clear()
        self.record(box, issued=issued, collected=collected)

    def record(self, box: str, issued: int | None = None, collected: int | None = None) -> None:
        code, number = self.contest_code(), self.round_number()
        if code is None or number is None:
            return
        op = self.ctx.account

        def work(db: ElectionDB) -> Any:
            from huanjie_desktop.app.ballots import record_box_count

            return record_box_count(
                db, code, number, box, issued=issued, collected=collected, operator=op
            )

        def done(_result: object) -> None:
            parts = []
            if issued is not None:
                parts.append(self.tr("发出 {n} 张").format(n=issued))
            if collected is not None:
                parts.append(self.tr("收回 {n} 张").format(n=collected))
            self.banner.show_message(
                self.tr("✓ 已登记 {box}：{what}").format(box=box, what=self.tr("，").join(parts)),
                "ok",
            )

        self.ctx.run(
            "boxes.count",
            work,
            topics={COUNT},
            on_success=done,
            on_error=lambda exc: self.banner.show_message("✗ " + self.ctx.describe(exc), "bad"),
        )

    def prepare_screenshot(self) -> None:
        """For `make screenshots`: show a contest that has been counted."""
        if self.ctx.session is None:
            return
        from huanjie_desktop.storage.sheets import list_sheets

        counted = {s.contest for s in list_sheets(self.ctx.db, status="counted") if s.contest}
        for i in range(self.contest.count()):
            if self.contest.itemData(i) in counted:
                self.contest.setCurrentIndex(i)
                break


def register(pages: PageRegistry) -> None:
    pages.add(
        PageSpec(
            "count.reconcile",
            "count",
            lambda: QCoreApplication.translate("pages", "发出和收回"),
            ReconcilePage,
            order=30,
        )
    )
