"""选举概况: each contest's seats, candidates, margin, quorum, rounds and what is still to do."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from huanjie_desktop.app.prepare import ContestReadiness, readiness
from huanjie_desktop.gui.fonts import scaled
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
from huanjie_desktop.gui.widgets import TONES, BigNumber, Chip, EmptyState, heading, hint
from huanjie_desktop.storage import prepare_repo, repo


class ContestCard(QFrame):
    """One contest at a glance: the numbers that matter and what it still needs."""

    def __init__(self, page: OverviewPage, row: ContestReadiness) -> None:
        super().__init__()
        self.setObjectName("ContestCard")
        self.setStyleSheet(
            "QFrame#ContestCard { background: white; border: 1px solid #d6d6d6;"
            " border-radius: 10px; }"
        )
        s = row.status
        self.code = s.code
        lay = QVBoxLayout(self)
        lay.setContentsMargins(16, 12, 16, 12)
        lay.setSpacing(6)
        top = QHBoxLayout()
        title = QLabel(s.title)
        title.setFont(scaled(self.font(), 1.15, bold=True))
        title.setWordWrap(True)
        top.addWidget(title, 1)
        missing = [c for c in row.checks if not c.ok]
        if s.latest_status == "certified":  # preparation is history: say where it stands
            self.ready = Chip(self.tr("✓ 结果已确认"), "ok")
        elif not missing:
            self.ready = Chip(self.tr("✓ 已就绪"), "ok")
        else:
            self.ready = Chip(self.tr("还差 {n} 项").format(n=len(missing)), "warn")
        top.addWidget(self.ready, 0, Qt.AlignmentFlag.AlignTop)
        lay.addLayout(top)
        numbers = QGridLayout()
        numbers.setHorizontalSpacing(18)
        self.values: dict[str, str] = {}
        margin_tone = "ok" if s.margin.meets_minimum else "bad"
        quorum_tone = "ok" if s.quorum_met else "bad"
        cells = [
            ("seats", self.tr("应选"), str(s.seats), "neutral"),
            ("candidates", self.tr("候选人"), str(s.candidates), margin_tone),
            (
                "margin",
                self.tr("差额（比例）"),
                f"{s.margin.difference}（{s.margin.ratio_text}）",
                margin_tone,
            ),
            ("present", self.tr("实到 / 应到"), f"{s.present} / {s.expected}", quorum_tone),
        ]
        for col, (key, caption, value, tone) in enumerate(cells):
            cap = QLabel(caption)
            cap.setStyleSheet("color: #666666;")
            val = QLabel(value)
            val.setFont(scaled(self.font(), 1.6, bold=True))
            if tone != "neutral":
                val.setStyleSheet(f"color: {TONES[tone][0]};")
            numbers.addWidget(cap, 0, col)
            numbers.addWidget(val, 1, col)
            self.values[key] = value
        numbers.setColumnStretch(len(cells), 1)
        lay.addLayout(numbers)
        rule = hint(
            self.tr("至少 {need} 名候选人 · 到会须{rule} · {rounds}").format(
                need=s.minimum_candidates,
                rule=quorum_label(s.quorum_rule),
                rounds=self._round_text(s.latest_round, s.latest_status),
            )
        )
        lay.addWidget(rule)
        self.checks: list[tuple[bool, str]] = []
        for check in row.checks:
            line = QHBoxLayout()
            text = page.ctx.t(check.zh, check.en)
            mark = QLabel(("✓  " if check.ok else "✗  ") + text)
            mark.setStyleSheet(f"color: {TONES['ok' if check.ok else 'bad'][0]};")
            mark.setWordWrap(True)
            line.addWidget(mark, 1)
            if not check.ok:
                go = QPushButton(self.tr("去处理 →"))
                go.setFlat(True)
                go.setCursor(Qt.CursorShape.PointingHandCursor)
                go.setStyleSheet(f"color: {TONES['info'][0]}; text-align: right;")
                target = check.page
                go.clicked.connect(lambda _c=False, t=target: page.ctx.page_requested.emit(t))
                line.addWidget(go)
            lay.addLayout(line)
            self.checks.append((check.ok, text))
        lay.addStretch(1)

    def _round_text(self, number: int, status: str) -> str:
        if not number:
            return self.tr("尚未开始投票")
        text = self.tr("第 {n} 轮").format(n=number)
        if status == "certified":
            text += self.tr("（结果已确认）")
        elif status == "void":
            text += self.tr("（已宣布无效）")
        return text


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
        lay.addSpacing(4)
        head = QHBoxLayout()
        head.addWidget(heading(self.tr("选举事项"), 1.15))
        head.addStretch(1)
        self.summary = QLabel()
        head.addWidget(self.summary)
        lay.addLayout(head)
        self.scroll_area = QScrollArea()
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFrameShape(QFrame.Shape.NoFrame)
        self.grid_host = QWidget()
        self.grid = QGridLayout(self.grid_host)
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.grid.setSpacing(12)
        self.scroll_area.setWidget(self.grid_host)
        lay.addWidget(self.scroll_area, 1)
        self.no_contests = EmptyState(
            self.tr("还没有选举事项"),
            self.tr("在“选举事项和候选人”中添加要选举的事项（如委员、纪委委员、代表）。"),
        )
        self.no_contests.add_button(
            self.tr("去添加选举事项"), lambda: ctx.page_requested.emit("prep.contests")
        )
        lay.addWidget(self.no_contests, 1)
        self.rows: list[ContestReadiness] = []
        self.cards: dict[str, ContestCard] = {}

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
        self.n_voters.set_value(sum(a.voters for a in att))
        self.n_present.set_value(sum(a.present_voters for a in att))

        self.rows = readiness(db)
        while self.grid.count():
            taken = self.grid.takeAt(0)
            w = taken.widget() if taken is not None else None
            if w is not None:
                w.deleteLater()
        self.cards = {}
        columns = 1 if len(self.rows) == 1 else 2
        for i, row in enumerate(self.rows):
            card = ContestCard(self, row)
            self.cards[row.status.code] = card
            self.grid.addWidget(card, i // columns, i % columns)
        self.grid.setRowStretch(max(1, (len(self.rows) + columns - 1) // columns), 1)
        self.scroll_area.setVisible(bool(self.rows))
        self.no_contests.setVisible(not self.rows)
        ready = sum(1 for r in self.rows if r.ready)
        self.summary.setText(
            self.tr("{ready} / {total} 个事项已准备就绪").format(ready=ready, total=len(self.rows))
            if self.rows
            else ""
        )


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
