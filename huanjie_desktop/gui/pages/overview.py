"""选举概况: each contest's seats, candidates, margin, quorum, rounds and what is still to do."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QListWidget,
    QListWidgetItem,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from huanjie_desktop.app.prepare import ContestReadiness, readiness
from huanjie_desktop.gui.labels import level_label, quorum_label
from huanjie_desktop.gui.pages.base import Page, PageRegistry, PageSpec
from huanjie_desktop.gui.session import (
    BALLOTS,
    CHECKINS,
    CONTESTS,
    COUNT,
    PEOPLE,
    UNITS,
    AppContext,
)
from huanjie_desktop.gui.widgets import TONES, BigNumber, EmptyState, fit_height, heading, hint
from huanjie_desktop.storage import prepare_repo, repo

PAGE_ROLE = Qt.ItemDataRole.UserRole + 2


class OverviewPage(Page):
    topics = frozenset({PEOPLE, UNITS, CONTESTS, CHECKINS, BALLOTS, COUNT})

    def __init__(self, ctx: AppContext) -> None:
        super().__init__(ctx)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(20, 16, 20, 16)
        self.title = heading("", 1.5)
        self.subtitle = hint("")
        lay.addWidget(self.title)
        lay.addWidget(self.subtitle)
        numbers = QHBoxLayout()
        self.n_units = BigNumber(self.tr("选举单位"), 2.0)
        self.n_people = BigNumber(self.tr("名单人数"), 2.0)
        self.n_voters = BigNumber(self.tr("有选举权（应到）"), 2.0)
        self.n_present = BigNumber(self.tr("已报到（实到）"), 2.0)
        for w in (self.n_units, self.n_people, self.n_voters, self.n_present):
            numbers.addWidget(w)
        lay.addLayout(numbers)
        lay.addSpacing(6)
        lay.addWidget(heading(self.tr("选举事项"), 1.15))
        self.table = QTableWidget(0, 9)
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("选举事项"),
                self.tr("应选"),
                self.tr("候选人"),
                self.tr("差额（比例）"),
                self.tr("到会要求"),
                self.tr("应到 / 实到"),
                self.tr("法定人数"),
                self.tr("轮次"),
                self.tr("准备情况"),
            ]
        )
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setAlternatingRowColors(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for c in range(1, 9):
            header.setSectionResizeMode(c, QHeaderView.ResizeMode.ResizeToContents)
        self.table.cellDoubleClicked.connect(
            lambda _r, _c: ctx.page_requested.emit("prep.contests")
        )
        lay.addWidget(self.table)
        self.no_contests = EmptyState(
            self.tr("还没有选举事项"),
            self.tr("在“选举事项和候选人”中添加要选举的事项（如委员、纪委委员、代表）。"),
        )
        self.no_contests.add_button(
            self.tr("去添加选举事项"), lambda: ctx.page_requested.emit("prep.contests")
        )
        lay.addWidget(self.no_contests, 3)
        lay.addWidget(heading(self.tr("还需完成"), 1.15))
        lay.addWidget(hint(self.tr("双击一项，转到处理它的页面。")))
        self.todo = QListWidget()
        self.todo.itemActivated.connect(self._go)
        lay.addWidget(self.todo, 2)
        self.rows: list[ContestReadiness] = []

    def refresh(self) -> None:
        db = self.ctx.db
        election = repo.read_election(db)
        self.title.setText(election.name)
        self.subtitle.setText(
            self.tr("{date} · {level} · 文件：{path}").format(
                date=election.date.isoformat(),
                level=level_label(election.level),
                path=self.ctx.path,
            )
        )
        att = prepare_repo.attendance_by_unit(db)
        units = [a for a in att if a.code is not None]
        self.n_units.set_value(len(units))
        self.n_people.set_value(sum(a.people for a in att))
        voters = sum(a.voters for a in att)
        present = sum(a.present_voters for a in att)
        self.n_voters.set_value(voters)
        self.n_present.set_value(present)

        self.rows = readiness(db)
        self.table.setRowCount(len(self.rows))
        self.table.setVisible(bool(self.rows))
        self.no_contests.setVisible(not self.rows)
        self.todo.clear()
        for r, row in enumerate(self.rows):
            s = row.status
            margin_tone = "ok" if s.margin.meets_minimum else "bad"
            min_text = self.tr("至少 {n} 人").format(n=s.minimum_candidates)
            quorum_tone = "ok" if s.quorum_met else "bad"
            quorum_text = self.tr("✓ 已达到") if s.quorum_met else self.tr("✗ 未达到")
            missing = [c for c in row.checks if not c.ok]
            ready_text = (
                self.tr("✓ 已就绪")
                if not missing
                else self.tr("还差 {n} 项").format(n=len(missing))
            )
            cells: list[tuple[str, str | None, str]] = [
                (s.title, None, ""),
                (str(s.seats), None, ""),
                (str(s.candidates), margin_tone, min_text),
                (f"{s.margin.difference}（{s.margin.ratio_text}）", margin_tone, min_text),
                (quorum_label(s.quorum_rule), None, ""),
                (f"{s.expected} / {s.present}", None, ""),
                (quorum_text, quorum_tone, ""),
                (
                    self.tr("第 {n} 轮").format(n=s.latest_round) if s.latest_round else "—",
                    None,
                    "",
                ),
                (ready_text, "ok" if not missing else "warn", ""),
            ]
            for c, (text, tone, tip) in enumerate(cells):
                item = QTableWidgetItem(text)
                if c in (1, 2, 5):
                    item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                if tone is not None:
                    fg, bg = TONES[tone]
                    item.setForeground(QColor(fg))
                    item.setBackground(QColor(bg))
                if tip:
                    item.setToolTip(tip)
                self.table.setItem(r, c, item)
            for check in missing:
                todo = QListWidgetItem(f"✗  {s.title}：{self.ctx.t(check.zh, check.en)}")
                todo.setData(PAGE_ROLE, check.page)
                self.todo.addItem(todo)
        self.table.resizeRowsToContents()
        fit_height(self.table, 10)
        if self.rows and self.todo.count() == 0:
            done = QListWidgetItem(self.tr("✓ 所有选举事项都已准备就绪。"))
            done.setForeground(QColor(TONES["ok"][0]))
            self.todo.addItem(done)

    def _go(self, item: QListWidgetItem) -> None:
        key = item.data(PAGE_ROLE)
        if isinstance(key, str):
            self.ctx.page_requested.emit(key)


def register(pages: PageRegistry) -> None:
    pages.add(
        PageSpec(
            "prep.overview",
            "prep",
            lambda: QCoreApplication.translate("pages", "选举概况"),
            OverviewPage,
            order=10,
        )
    )
