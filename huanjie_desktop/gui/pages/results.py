"""计票结果: the live tally of a round (provisional until nothing is pending), a bar chart of
agree votes with the more-than-half line and the seats cut-off, elected / not elected / tie
marked in words and colour, and the next round (另行选举 or 再次投票) when seats are unfilled
or tied — proposed first, opened only after a confirmation.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QCoreApplication, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QSpinBox,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from huanjie_desktop.app import counting
from huanjie_desktop.domain.rules import percent_text
from huanjie_desktop.domain.tally import DEFAULT_BOX, quorum_awaited, void_in_doubt
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
    Chip,
    EmptyState,
    MiddleElidedCombo,
    heading,
    hint,
)
from huanjie_desktop.reports.words import station_view
from huanjie_desktop.storage import repo
from huanjie_desktop.storage.db import ElectionDB

BAR_MIN = 22  # px per bar at least (the chart scrolls beyond that)
BAR_MAX = 40
COLOURS = {
    "elected": QColor("#2e8b57"),
    "tie": QColor("#e08a00"),
    "over": QColor("#7aa6d8"),
    "not": QColor("#a8a8a8"),
    "elected_before": QColor("#a8a8a8"),
    "not_in_tie": QColor("#a8a8a8"),
    "no_vote": QColor("#c0504d"),
    # (while the result is provisional or void, nobody is elected and no seat is filled)
    "over_so_far": QColor("#7aa6d8"),
    "below_so_far": QColor("#a8a8a8"),
    "void": QColor("#a8a8a8"),
    "fewer": QColor("#a8a8a8"),
    "revote_so_far": QColor("#a8a8a8"),
    # (预选: the list of formal candidates, no half)
    "selected": QColor("#2e8b57"),
    "unselected": QColor("#a8a8a8"),
    "selection_so_far": QColor("#a8a8a8"),
}


@dataclass(frozen=True)
class Bar:
    name: str
    agree: int
    # elected | tie | over | not | elected_before | not_in_tie | no_vote — and, while the
    # result is not decided, over_so_far | below_so_far (provisional) or void (a void round)
    state: str
    writein: bool = False


def state_word(state: str, provisional: bool) -> str:
    if state == "elected":
        return (
            QCoreApplication.translate("ResultsPage", "暂列当选")
            if provisional
            else QCoreApplication.translate("ResultsPage", "当选")
        )
    return {
        "tie": QCoreApplication.translate("ResultsPage", "得票相等，须再次投票"),
        "over": QCoreApplication.translate("ResultsPage", "过半数，但名额已满"),
        "not": QCoreApplication.translate("ResultsPage", "未过半数，未当选"),
        "elected_before": QCoreApplication.translate("ResultsPage", "已在前一轮当选"),
        "not_in_tie": QCoreApplication.translate("ResultsPage", "不在再次投票范围"),
        "no_vote": QCoreApplication.translate("ResultsPage", "代表名单中无选举权，不能当选"),
        # (as the tally sheet says it: "暂不宣布当选" — over the line, yet no seat is filled
        # and none is "full" until nothing is pending)
        "over_so_far": QCoreApplication.translate("ResultsPage", "过半数，暂不宣布当选"),
        "below_so_far": QCoreApplication.translate("ResultsPage", "暂未过半数"),
        "fewer": QCoreApplication.translate("ResultsPage", "再次投票得票较少，未当选"),
        "revote_so_far": QCoreApplication.translate("ResultsPage", "再次投票，暂不宣布当选"),
        "void": QCoreApplication.translate("ResultsPage", "本轮无效，不决定当选"),
        "selected": QCoreApplication.translate("ResultsPage", "确定为正式候选人"),
        "unselected": QCoreApplication.translate("ResultsPage", "未入选"),
        "selection_so_far": QCoreApplication.translate("ResultsPage", "结果未定，暂不确定"),
    }.get(state, state)


def station_words(station: str) -> str:
    """What a station laptop's count is (as ``huanjie tally`` says it there)."""
    return QCoreApplication.translate(
        "ResultsPage",
        "分团计票机（{station}）：本机只有本分团的票箱和选票，没有报到记录。"
        "到会人数、本轮是否有效、谁当选，以主机合并各分团后的结果为准。",
    ).format(station=station)


def status_words(doc: dict[str, Any]) -> tuple[str, str]:
    """(chip text, tone) for the tally's status."""
    status = str(doc.get("status", ""))
    if doc.get("station") and status != "certified":
        return QCoreApplication.translate("ResultsPage", "分团计票（以主机为准）"), "warn"
    if status == "certified":
        return QCoreApplication.translate("ResultsPage", "已确认（冻结）"), "ok"
    if status == "final":
        return QCoreApplication.translate("ResultsPage", "最终结果（待确认）"), "info"
    if status == "void":
        return QCoreApplication.translate("ResultsPage", "本轮无效"), "bad"
    return QCoreApplication.translate("ResultsPage", "临时结果"), "warn"


def reason_words(doc: dict[str, Any], path: str = "FILE") -> list[str]:
    """Why the result is provisional or void, and what to do, in words."""
    out = []
    reasons = [str(r) for r in doc.get("reasons", [])]
    in_doubt = void_in_doubt(reasons, str(doc.get("status", "")))
    for code in reasons:
        if code == "station_count":
            out.append(station_words(str(doc.get("station", ""))))
            continue
        if code == "quorum_not_met" and "present_below_ballots" in reasons:
            continue  # (said with present_below_ballots: the 实到 itself is in doubt)
        if code == "present_below_ballots":
            # (the command line settles it: the chief scrutineer's recorded word)
            out.append(
                QCoreApplication.translate(
                    "ResultsPage",
                    "实到 {p} 人少于发出 {i}、收回 {c} 张选票：实到是在本轮第一条选票记录进来时确定的，"
                    "那时报到多半还没有结束（如在报到结束前就登记了发出张数），或分团计票机的时钟不准，"
                    "本轮不能据此确认为最终结果或无效。请总监票人核对报到记录和会议记录，按本机时钟核定"
                    '投票开始的时间（在命令行中运行）：huanjie round attendance "{path}" --contest'
                    " {contest} --round {round} --voting-began 时:分 --by 总监票人姓名 --reason 依据；"
                    "如实到人数确实如此，把 --voting-began 时:分 换成 --as-fixed。",
                ).format(
                    p=doc.get("present"),
                    i=doc.get("issued"),
                    c=doc.get("collected"),
                    path=path,
                    contest=doc.get("contest"),
                    round=doc.get("round"),
                )
            )
            continue
        if doc.get("station") and code == "collected_exceeds_issued":
            # (this station's boxes alone: whether the round is void is the main laptop's)
            out.append(
                QCoreApplication.translate(
                    "ResultsPage",
                    "本分团登记的收回 {c} 张多于发出 {i} 张：请到“发出和收回”核对本分团各票箱的张数。",
                ).format(c=doc.get("collected"), i=doc.get("issued"))
            )
            continue
        if doc.get("station") and code == "sheets_differ_from_collected" and in_doubt:
            continue  # (said with collected_exceeds_issued)
        if in_doubt and code == "sheets_differ_from_collected":
            continue  # (said with collected_exceeds_issued)
        if in_doubt and code == "collected_exceeds_issued":
            sheets = int(doc.get("valid_ballots", 0)) + int(doc.get("void_ballots", 0))
            sheets += int(doc.get("pending_review", 0))
            out.append(
                QCoreApplication.translate(
                    "ResultsPage",
                    "登记的收回 {c} 张多于发出 {i} 张，本轮本应无效；但在案的选票只有 {n} 张。"
                    "请先到“发出和收回”核对各票箱的收回张数是否录错；如确实收回 {c} 张，"
                    "请找出尚未扫描或录入的选票。核对清楚之前不能确认本轮无效。",
                ).format(c=doc.get("collected"), i=doc.get("issued"), n=sheets)
            )
        elif code == "pending_review":
            # (the hand entries not counted are in it, and the review page lists none of
            # them: they are said on their own, with where to enter or take them out)
            sheets = int(doc.get("pending_review") or 0) - len(doc.get("manual_incomplete") or [])
            if sheets > 0:
                out.append(
                    QCoreApplication.translate(
                        "ResultsPage", "还有 {n} 张选票待审核或待确认：到“审核”处理。"
                    ).format(n=sheets)
                )
        elif code == "stations_waiting":
            # (a station laptop still out: by name, with what to do — nobody is elected
            # until its count is in, or the round is certified without it by decision)
            waiting = [
                str(x)
                for x in dict.fromkeys(
                    [*(doc.get("stations_silent") or []), *(doc.get("stations_unfinished") or [])]
                )
            ]
            out.append(
                QCoreApplication.translate(
                    "ResultsPage",
                    "本轮还在等分团计票机“{names}”交来计票结果，现在不宣布任何人当选：请在该计票机计完后"
                    "加 --done 导出结果包（huanjie results export … --done），在本机导入（huanjie"
                    " results import）；如该计票机已无法使用，经总监票人同意后可不等它确认：点"
                    "“确认并冻结结果…”时会问是否不等它（只计已收到的部分，记入审计日志；命令行："
                    'huanjie certify "{path}" --contest {contest} --round {round} --by 确认人'
                    " --without-station {first}）。",
                ).format(
                    names="、".join(waiting),
                    path=path,
                    contest=doc.get("contest"),
                    round=doc.get("round"),
                    first=waiting[0] if waiting else "",
                )
            )
        elif code == "box_counts_missing":
            out.append(
                QCoreApplication.translate(
                    "ResultsPage", "尚未登记各票箱的发出和收回张数：到“发出和收回”登记。"
                )
            )
        elif code == "nothing_collected":
            out.append(
                QCoreApplication.translate(
                    "ResultsPage",
                    "登记的收回票数为 0（没有收回任何选票）：到“发出和收回”核对各票箱的收回张数。",
                )
            )
        elif code == "collected_exceeds_issued":
            out.append(
                QCoreApplication.translate(
                    "ResultsPage",
                    "收回 {c} 张多于发出 {i} 张：本轮投票无效，须重新投票（本轮记录保留）。",
                ).format(c=doc.get("collected"), i=doc.get("issued"))
            )
        elif code == "sheets_differ_from_collected":
            out.append(
                QCoreApplication.translate(
                    "ResultsPage",
                    "注意：计入的选票张数与收回张数不一致，请在“发出和收回”核对。",
                )
            )
        elif code == "serial_counted_twice":
            out.append(
                QCoreApplication.translate(
                    "ResultsPage",
                    "有防伪码相同的两张选票都已计入：到“审核”把重复扫描的一张记为重复，或作废复印件。",
                )
            )
        elif code == "box_reported_twice":
            for b in doc.get("boxes_twice") or []:
                # (a box named "1", the name an unnamed box was given, reported by two
                # stations is most likely two boxes: --both is said first; --take first
                # dropped one delegation's real box)
                text = (
                    QCoreApplication.translate(
                        "ResultsPage",
                        "票箱“{box}”由两个分团都报来了发出/收回票数（{reports}），合计里每份都算了一次。"
                        "“{box}”是没有写票箱名时程序默认的名称，各分团的“{box}”多半是各自的票箱：对照清点记录，"
                        "如是不同的票箱，两份都计（在命令行中运行）：huanjie ballots"
                        ' box-resolve "{path}" --contest {contest} --round {round} --box {box}'
                        " --both --by 总监票人姓名；如确是同一个票箱，把 --both 换成 --take 分团名，"
                        "按那个分团报来的计。",
                    )
                    if b.get("box") == DEFAULT_BOX
                    else QCoreApplication.translate(
                        "ResultsPage",
                        "票箱“{box}”由两个分团都报来了发出/收回票数（{reports}），合计里每份都算了一次。"
                        "如是同一个票箱，请总监票人选定按哪一份计（在命令行中运行）：huanjie ballots"
                        ' box-resolve "{path}" --contest {contest} --round {round} --box {box}'
                        " --take 分团名 --by 总监票人姓名；如确是同名的两个票箱，把 --take 分团名"
                        " 换成 --both。",
                    )
                )
                out.append(
                    text.format(
                        box=b.get("box"),
                        path=path,
                        contest=doc.get("contest"),
                        round=doc.get("round"),
                        reports="；".join(
                            QCoreApplication.translate(
                                "ResultsPage", "{station} 发出 {issued} 张、收回 {collected} 张"
                            ).format(
                                station=r.get("station"),
                                issued=r.get("issued"),
                                collected=r.get("collected"),
                            )
                            for r in b.get("reports") or []
                        ),
                    )
                )
        elif code == "quorum_not_met" and quorum_awaited(reasons, str(doc.get("status", ""))):
            # (before the round's first ballot record: it waits for check-in, not void)
            out.append(
                QCoreApplication.translate(
                    "ResultsPage",
                    "到会人数（实到 {p}，应到 {e}）尚未达到法定人数，还不能投票：请继续报到，"
                    "达到法定人数后再发票。",
                ).format(p=doc.get("present"), e=doc.get("expected"))
            )
        elif code == "quorum_not_met":
            out.append(
                QCoreApplication.translate(
                    "ResultsPage",
                    "到会人数（实到 {p}，应到 {e}）未达到法定人数：本轮投票无效。",
                ).format(p=doc.get("present"), e=doc.get("expected"))
            )
        else:
            out.append(str(code))
    for code in doc.get("warnings", []):
        if code == "writein_without_vote":
            out.append(
                QCoreApplication.translate(
                    "ResultsPage",
                    "注意：另选的人在代表名单中无选举权（预备党员？），不能当选：请监票人核对另选姓名是否对应正确。",
                )
            )
        if code == "issued_exceeds_present":
            out.append(
                QCoreApplication.translate(
                    "ResultsPage",
                    "注意：发出票数（{i}）多于实到人数（{p}）：请核对各票箱的发出票数和报到记录。",
                ).format(i=doc.get("issued"), p=doc.get("present"))
            )
        if code == "stations_silent":
            out.append(
                QCoreApplication.translate(
                    "ResultsPage",
                    "注意：分团计票机“{names}”还没有交来这一轮的计票结果（选票、手工录入、票箱数，"
                    "或计票完毕的声明），那里的选票不在本结果中。确认结果或开启下一轮之前，请先导入"
                    "它的结果包；没有这一轮选票的计票机，导出结果包时加 --done。",
                ).format(names="、".join(str(x) for x in doc.get("stations_silent", [])))
            )
            if ahead := doc.get("stations_clock_ahead"):
                # (its --done was dated after its import: the clock ahead, so nothing shows
                # the package was made after voting began — a stick test, perhaps)
                out.append(
                    QCoreApplication.translate(
                        "ResultsPage",
                        "“{names}”的结果包声明了计票完毕，但它的导出时间晚于在本机导入的时间：那台计票机的"
                        "时钟比本机快，说明不了这个包是在投票开始之后导出的。请把它的时钟调准，再加 --done"
                        "导出结果包并导入。",
                    ).format(names="、".join(str(x) for x in ahead))
                )
        if code == "stations_unfinished":
            out.append(
                QCoreApplication.translate(
                    "ResultsPage",
                    "注意：分团计票机“{names}”交来的是中途的计票结果：最近的结果包没有声明这一轮计票完毕，"
                    "此后那里计的选票不在本结果中。请在该计票机计完后加 --done 再导出结果包"
                    "（huanjie results export … --done）并导入，才能确认结果或开启下一轮。",
                ).format(names="、".join(str(x) for x in doc.get("stations_unfinished", [])))
            )
        if code == "secretary_not_standing":
            out.append(
                QCoreApplication.translate(
                    "ResultsPage",
                    "注意：{names} 未当选本文件中的常委：书记、副书记从当选的常委中选举，宣布前请监票人核对名单。",
                ).format(names="、".join(str(x) for x in doc.get("not_standing", [])))
            )
        if code == "manual_incomplete":
            labels = [str(x) for x in doc.get("manual_incomplete", [])]
            out.append(
                QCoreApplication.translate(
                    "ResultsPage",
                    "注意：手工录入的选票 {labels} 只录入了一次（或两次不一致），尚未计入：请由第二人"
                    "对照原票录入（“扫描选票”页的“手工录入…”）；误录的（标签打错、已在另一个标签下录入"
                    "或已经扫描），由监票人写明理由撤出（“扫描选票”或“审核”页的“撤出计票…”），"
                    "再由另一位监票人在同一处确认。（命令行：huanjie manual、huanjie review withdraw）",
                ).format(labels="、".join(labels[:8]) + ("…" if len(labels) > 8 else ""))
            )
        if code == "sheets_differ_from_collected":
            out.append(
                QCoreApplication.translate(
                    "ResultsPage",
                    "注意：计入的选票张数与收回张数不一致，请在“发出和收回”核对。",
                )
            )
    if doc.get("writeins_illegible"):
        # (each chose someone — counted for the over-vote rule — and is nobody's vote)
        out.append(
            QCoreApplication.translate(
                "ResultsPage",
                "另选他人栏中写了姓名但无法辨认的 {n} 处：不计任何人的票（每处算作选了一人）。",
            ).format(n=doc["writeins_illegible"])
        )
    return out


def bars_of(doc: dict[str, Any]) -> list[Bar]:
    """Candidates and write-in persons by agree votes, most first, with their outcome.

    While the result is provisional (or the round void) the tally elects nobody, so being
    over the line without a seat says nothing of the seats being full: those states say
    that nothing is decided."""
    status = str(doc.get("status", ""))
    undecided = {
        "over": "void" if status == "void" else "over_so_far",
        "not": "void" if status == "void" else "below_so_far",
        "fewer": "void" if status == "void" else "revote_so_far",
    }
    # (a tie re-vote: the most votes elect, the half not asked again — a loser there has
    # fewer votes than the winners, whatever the half)
    revote = doc.get("round_kind") == "tie"
    tied_codes = {t.get("code") for t in doc.get("tie", []) if t.get("code")}
    tied_names = {(t.get("name"), t.get("person")) for t in doc.get("tie", []) if not t.get("code")}
    bars: list[Bar] = []
    for c in doc.get("candidates", []):
        if c.get("elected"):
            state = "elected"
        elif c.get("code") in tied_codes:
            state = "tie"
        elif revote:
            state = "fewer"
        elif c.get("over_threshold"):
            state = "over"
        else:
            state = "not"
        bars.append(Bar(str(c.get("name", "")), int(c.get("agree", 0)), state))
    for w in doc.get("writeins", []):
        if w.get("elected"):
            state = "elected"
        elif (w.get("name"), w.get("person")) in tied_names:
            state = "tie"
        elif w.get("not_eligible") in ("elected_before", "not_in_tie", "no_vote"):
            state = str(w["not_eligible"])  # (what keeps them from the seat, said)
        elif w.get("over_threshold"):
            state = "over"
        else:
            state = "not"
        bars.append(Bar(str(w.get("name", "")), int(w.get("agree", 0)), state, writein=True))
    if doc.get("preselection"):
        # (预选: the most votes select, no half — nobody is "over" or "under" it)
        bars = [Bar(b.name, b.agree, _selection(b.state, status), b.writein) for b in bars]
    elif status in ("provisional", "void"):
        bars = [Bar(b.name, b.agree, undecided.get(b.state, b.state), b.writein) for b in bars]
    bars.sort(key=lambda b: -b.agree)
    return bars


def _selection(state: str, status: str) -> str:
    """A bar's state in a 预选: selected as a formal candidate, tied, or not — never over or
    under a half it does not have; nothing decided while provisional or void."""
    if status == "void":
        return "void"
    if status == "provisional":
        return "selection_so_far"
    if state in ("over", "not", "fewer"):
        return "unselected"
    return "selected" if state == "elected" else state


@dataclass(frozen=True)
class PlacedText:
    """A text of the chart and the box it is drawn in (whole: the box is measured for it)."""

    kind: str  # threshold | seats | name | votes
    text: str
    rect: QRectF
    flags: int
    bold: bool = False
    state: str = ""  # a bar's outcome (its words' colour)


@dataclass(frozen=True)
class ChartPlan:
    """Where everything of the chart goes at one size: every text gets a box of its own that
    holds it whole, inside the widget and clear of the others (``AgreeChart.plan``)."""

    top: float  # the first bar's row starts here
    bar: float  # a bar's thickness
    rows: list[tuple[float, float]]  # each bar's row: top, height (a wrapped one is taller)
    left: float  # the bars start here
    width: float  # the bar of ``scale_max`` votes is this long
    scale_max: int
    cut_y: float | None  # the seats cut-off line (a band of its own below the last seat)
    texts: list[PlacedText]
    height: float  # what the whole chart needs


class AgreeChart(QWidget):
    """Horizontal bars of agree votes, most first; the more-than-half line; the seats cut-off."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.bars: list[Bar] = []
        self.base = 0
        self.threshold = 0
        self.seats = 0
        self.provisional = False
        self.revote = False  # a tie re-vote: the most votes elect, the half not asked again
        self.preselection = False  # 预选: the most votes select, no half line
        policy = QSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        # (its height follows its width: a narrow chart wraps its labels onto more lines)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)

    def set_data(
        self, bars: list[Bar], base: int, threshold: int, seats: int, provisional: bool
    ) -> None:
        self.bars = bars
        self.base = base
        self.threshold = threshold
        self.seats = seats
        self.provisional = provisional
        self.updateGeometry()
        self.update()

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return math.ceil(self.plan(width, 0).height)

    def sizeHint(self) -> QSize:
        return QSize(640, self.heightForWidth(640))

    def minimumSizeHint(self) -> QSize:
        return QSize(200, self.heightForWidth(max(200, self.width())))

    def threshold_text(self) -> str:
        if self.preselection:
            return self.tr("预选：按赞成票多少确定正式候选人 {n} 名，不要求过半数").format(
                n=self.seats
            )
        if self.revote:
            return self.tr(
                "过半数线 {t} 票：再次投票不再要求过半数，票数相等的被选举人中得票多的当选"
            ).format(t=self.threshold)
        return self.tr("过半数线：须超过 {half}（{base} 的一半），即至少 {t} 票").format(
            half=_half(self.base), base=self.base, t=self.threshold
        )

    def plan(self, w: float, h: float) -> ChartPlan:
        """Place the chart's texts at ``w`` × ``h`` px. Nothing is cut or drawn over another:
        the bars are scaled so that each bar's votes and outcome fit beside it, and where
        even short bars leave too little room the words wrap and their row grows; the
        more-than-half line's label wraps to the width (centred on the line, it was placed
        at a negative x: its start and the "1" of 124 were cut off); the seats cut-off has
        a band of its own (its label sat over the words of the bar above it). Lines break
        between words: a number is never split."""
        fm = QFontMetrics(self.font())
        bold = QFont(self.font())
        bold.setBold(True)
        bfm = QFontMetrics(bold)
        ls = fm.lineSpacing()
        wrap = int(Qt.TextFlag.TextWordWrap)
        w = max(float(w), 120.0)

        def lines_of(f: QFontMetrics, width: float, text: str) -> int:
            r = f.boundingRect(0, 0, max(1, int(width)), 100000, wrap, text)
            return max(1, math.ceil(r.height() / f.lineSpacing()))

        # the more-than-half line's label: on one line if it fits, else broken after its
        # colon and wrapped
        label, label_h = "", 0
        if self.bars and self.base > 0:
            label = self.threshold_text()
            if fm.horizontalAdvance(label) > w - 8:
                label = _break_after_colon(label)
            label_h = lines_of(fm, w - 8, label) * ls
        top = float(max(ls, label_h) + 18)
        n = len(self.bars)
        if not n:
            return ChartPlan(top, 0, [], 0, 0, 1, None, [], top + 40)
        # the names' column: a write-in's "(write-in)" goes onto a line of its own rather
        # than take a narrow chart's room (a name itself is never broken)
        names = [self._label(b) for b in self.bars]
        plain = max(fm.horizontalAdvance(b.name) for b in self.bars)
        widest = max(fm.horizontalAdvance(s) for s in names)
        name_w = max(plain, min(widest, int(w * 0.3))) + 14
        names = [
            f"{b.name}\n{s[len(b.name) :].strip()}" if fm.horizontalAdvance(s) > name_w - 14 else s
            for b, s in zip(self.bars, names, strict=True)
        ]
        left = name_w + 6
        words = [f"{b.agree}  {state_word(b.state, self.provisional)}" for b in self.bars]
        fonts = [bfm if b.state in ("elected", "tie", "selected") else fm for b in self.bars]
        need = [f.horizontalAdvance(t) + 6 for f, t in zip(fonts, words, strict=True)]
        scale_max = max(self.base, *(b.agree for b in self.bars), 1)
        room = max(40.0, w - left - 8)
        # the bars as long as they can be with each bar's words beside it (a bar ends at
        # left + width · votes / scale_max; then a 4 px gap, the words' box, a 4 px margin)
        width = room
        for b, nd in zip(self.bars, need, strict=True):
            if b.agree > 0:
                width = min(width, (w - left - 8 - nd) * scale_max / b.agree)
        width = max(width, min(room, 60.0))

        def x_of(votes: float) -> float:
            return left + width * votes / scale_max

        boxes: list[tuple[float, float, int]] = []  # each bar's words: x, width, lines
        for i, (b, nd, f, t, name) in enumerate(
            zip(self.bars, need, fonts, list(words), names, strict=True)
        ):
            x = x_of(b.agree) + 4
            avail = max(20.0, w - 4 - x)
            lines = lines_of(fm, name_w, name)
            if nd > avail:  # (wrapped: the box as wide as its longest line)
                t = words[i] = _break_after_colon(t)
                r = f.boundingRect(0, 0, int(avail - 6), 100000, wrap, t)
                boxes.append(
                    (x, min(avail, r.width() + 6.0), max(lines, lines_of(f, avail - 6, t)))
                )
            else:
                boxes.append((x, nd, lines))
        # each row tall enough for its lines (the words' box is 0.76 of the row); the rows
        # share the height there is, up to BAR_MAX each
        needs = [math.ceil(max(float(BAR_MIN), k * ls / 0.76 + 2)) for _x, _w, k in boxes]
        cut = 0 < self.seats < n
        band = ls + 8.0 if cut else 0.0
        bottom = 16.0
        free = h - top - bottom - band
        base_row = max(BAR_MAX, min(needs))
        while base_row > min(needs) and sum(max(base_row, k) for k in needs) > free:
            base_row -= 1
        rows: list[tuple[float, float]] = []
        y = top
        for i, k in enumerate(needs):
            if cut and i == self.seats:
                y += band
            rows.append((y, float(max(base_row, k))))
            y += max(base_row, k)
        texts: list[PlacedText] = []
        if label:
            x = x_of(self.base / 2)
            lw = min(max(fm.horizontalAdvance(s) for s in label.split("\n")) + 2.0, w - 8)
            lx = min(max(4.0, x - lw / 2), w - 4 - lw)
            flags = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignBottom) | wrap
            texts.append(PlacedText("threshold", label, QRectF(lx, 6, lw, label_h), flags))
        right = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter) | wrap
        centre = int(Qt.AlignmentFlag.AlignCenter) | wrap
        left_wrapped = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter) | wrap
        for b, name, t, (x, bw, _k), (ry, rh) in zip(
            self.bars, names, words, boxes, rows, strict=True
        ):
            texts.append(PlacedText("name", name, QRectF(0, ry, name_w, rh), right))
            box = QRectF(x, ry + rh * 0.12, bw, rh * 0.76)
            strong = b.state in ("elected", "tie", "selected")
            flags = centre if "\n" not in t else left_wrapped
            texts.append(PlacedText("votes", t, box, flags, strong, b.state))
        cut_y = None
        if cut:
            cut_y = rows[self.seats][0] - band + 2
            mark = (
                self.tr("↑ 确定正式候选人 {n} 名")
                if self.preselection
                else self.tr("↑ 应选 {n} 名")
            ).format(n=self.seats)
            mw = fm.horizontalAdvance(mark) + 6
            rect = QRectF(w - 4 - mw, cut_y + 2, mw, ls + 2)
            texts.append(PlacedText("seats", mark, rect, int(Qt.AlignmentFlag.AlignCenter)))
        return ChartPlan(
            top, base_row * 0.64, rows, left, width, scale_max, cut_y, texts, y + bottom
        )

    def paintEvent(self, _event: QPaintEvent) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.fillRect(self.rect(), QColor("white"))
        if not self.bars:
            p.setPen(QColor("#666666"))
            p.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, self.tr("还没有计入的选票。"))
            p.end()
            return
        plan = self.plan(self.width(), self.height())
        bold = QFont(self.font())
        bold.setBold(True)

        def x_of(votes: float) -> float:
            return plan.left + plan.width * votes / plan.scale_max

        # the more-than-half line (at half the base: a bar must go beyond it), under the bars
        if self.base > 0 and not self.preselection:
            x = x_of(self.base / 2)
            p.setPen(QPen(QColor("#c0392b"), 2, Qt.PenStyle.DashLine))
            p.drawLine(QPointF(x, plan.top - 6), QPointF(x, plan.height - 12))
        if plan.cut_y is not None:
            p.setPen(QPen(QColor("#1d4f91"), 2, Qt.PenStyle.DotLine))
            p.drawLine(QPointF(4, plan.cut_y), QPointF(self.width() - 4, plan.cut_y))
        # the bars, then every text (on white, so the lines never hide a word)
        p.setPen(Qt.PenStyle.NoPen)
        for b, (y, h) in zip(self.bars, plan.rows, strict=True):
            p.setBrush(COLOURS[b.state])
            length = max(1.5, x_of(b.agree) - plan.left)
            p.drawRoundedRect(QRectF(plan.left, y + (h - plan.bar) / 2, length, plan.bar), 3, 3)
        tones = {"threshold": QColor("#c0392b"), "seats": QColor("#1d4f91")}
        for t in plan.texts:
            if t.kind != "name":
                p.fillRect(t.rect, QColor("white"))
            p.setFont(bold if t.bold else self.font())
            if t.kind == "votes":
                p.setPen(COLOURS[t.state].darker(150))
            else:
                p.setPen(tones.get(t.kind, QColor("#222222")))
            p.drawText(t.rect, t.flags, t.text)
        p.end()

    def _label(self, b: Bar) -> str:
        return b.name + (self.tr("（另选）") if b.writein else "")


def legend_html(status: str = "final", revote: bool = False, preselection: bool = False) -> str:
    """The colours of the chart, in words (colour is never the only signal): the states a
    round of that status can show (``revote``: a tie re-vote's; ``preselection``: a 预选's)."""
    states = {
        "provisional": ("revote_so_far",) if revote else ("over_so_far", "below_so_far"),
        "void": ("void",),
    }.get(status, ("elected", "tie", "fewer") if revote else ("elected", "tie", "over", "not"))
    if preselection:
        states = {"provisional": ("selection_so_far",), "void": ("void",)}.get(
            status, ("selected", "tie", "unselected")
        )
    parts = [
        f'<span style="color:{COLOURS[s].name()}">■</span> {state_word(s, False)}' for s in states
    ]
    return "&nbsp;&nbsp;&nbsp;".join(parts)


def _break_after_colon(text: str) -> str:
    """A line break after the first colon or comma: a label that must wrap breaks where its
    words do ("过半数线：" / "须超过 124…", "未过半数，" / "未当选")."""
    return re.sub(r"(：|，|: |, )", lambda m: m.group(1).strip() + "\n", text, count=1)


def _half(base: int) -> str:
    return str(base // 2) if base % 2 == 0 else f"{base / 2:.1f}"


class ProposalDialog(QDialog):
    """The next round as the app proposes it: kind, seats, candidates; confirm to open it."""

    def __init__(self, proposal: counting.RoundProposal, lang: str, parent: QWidget) -> None:
        super().__init__(parent)
        self.proposal = proposal
        kind = {
            "supplementary": self.tr("另行选举"),
            "tie": self.tr("再次投票（得票相等者）"),
            "formal": self.tr("重新投票"),
        }.get(str(proposal.kind), str(proposal.kind))
        if proposal.rerun:
            kind = self.tr("重新投票（上一轮无效）")
        self.setWindowTitle(self.tr("开启第 {n} 轮：{kind}").format(n=proposal.number, kind=kind))
        self.resize(560, 520)
        lay = QVBoxLayout(self)
        title = QLabel(
            self.tr("{title}\n第 {n} 轮 · {kind} · 应选 {seats} 名").format(
                title=proposal.title, n=proposal.number, kind=kind, seats=proposal.seats
            )
        )
        title.setFont(scaled(title.font(), 1.2, bold=True))
        title.setWordWrap(True)
        lay.addWidget(title)
        lay.addWidget(
            hint(
                self.tr(
                    "候选人名单（按上一轮得票，多者在前）须经主席团确认。"
                    "开启后可在“选票”中印制本轮选票（按姓氏笔画排列）。"
                )
            )
        )
        table = QTableWidget(len(proposal.candidates), 2)
        table.setHorizontalHeaderLabels([self.tr("候选人"), self.tr("上一轮赞成票")])
        table.verticalHeader().setVisible(False)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        # (its heading in full: "Agree votes in the previous round" was cut to "es in the previ")
        table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        # 另行选举: the presidium may confirm fewer of them, or fewer seats (rules.md)
        self.may_change = str(proposal.kind) == "supplementary" and not proposal.rerun
        # (rules.md: the unelected are the default list; the presidium may put others on it —
        # a roster person by code, one written in earlier by name; the app checks each)
        self.added = QLineEdit()
        self.added.setPlaceholderText(self.tr("代表编号或此前另选的姓名，逗号分隔"))
        self.added.textChanged.connect(lambda _text: self._show_order())
        for r, k in enumerate(proposal.candidates):
            item = QTableWidgetItem(k.name)
            if self.may_change:
                item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                item.setCheckState(Qt.CheckState.Checked)
            table.setItem(r, 0, item)
            table.setItem(r, 1, QTableWidgetItem(str(k.agree)))
        self.table = table
        lay.addWidget(table, 1)
        self.order = hint("")
        lay.addWidget(self.order)
        self._show_order()
        table.itemChanged.connect(lambda _item: self._show_order())
        self.seats = QSpinBox()
        # (0: the presidium reduces the seats to those filled — no further round)
        self.seats.setRange(0, max(1, proposal.seats))
        self.seats.setValue(proposal.seats)
        self.seats.setSpecialValueText(self.tr("0（不再另行选举）"))
        self.decision = QLineEdit()
        self.decision.setPlaceholderText(self.tr("如：主席团第三次会议决定"))
        self.problem = QLabel()
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet(f"color: {TONES['bad'][0]};")
        if self.may_change:
            lay.addWidget(
                hint(
                    self.tr(
                        "主席团调整名单（去掉勾选）或决定减少名额时，须填写依据，它记入审计日志。"
                    )
                )
            )
            row = QHBoxLayout()
            row.addWidget(QLabel(self.tr("应选名额")))
            row.addWidget(self.seats)
            row.addSpacing(12)
            row.addWidget(QLabel(self.tr("依据")))
            row.addWidget(self.decision, 1)
            lay.addLayout(row)
            more = QHBoxLayout()
            more.addWidget(QLabel(self.tr("主席团增加的候选人")))
            more.addWidget(self.added, 1)
            lay.addLayout(more)
            lay.addWidget(self.problem)
        for zh, en in proposal.notes:
            note = QLabel("⚠ " + (en if lang == "en" else zh))
            note.setWordWrap(True)
            note.setStyleSheet(f"color: {TONES['warn'][0]};")
            lay.addWidget(note)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        if ok is not None:
            ok.setText(self.tr("确认开启第 {n} 轮").format(n=proposal.number))
        self.buttons.accepted.connect(self._accept_if_decided)
        self.buttons.rejected.connect(self.reject)
        lay.addWidget(self.buttons)

    def _show_order(self) -> None:
        """The ballot's order of the names kept (the proposal's order is 姓氏笔画 already)."""
        kept = set(self.chosen() or [k.code or k.name for k in self.proposal.candidates])
        by_name = {k.name: k.code or k.name for k in self.proposal.candidates}
        names = [n for n in self.proposal.ballot_order if by_name.get(n, n) in kept]
        text = self.tr("选票上的顺序：{names}").format(names="、".join(names))
        if self.added_items():
            text += self.tr("（另加主席团增加的候选人，开启时按姓氏笔画排入）")
        self.order.setText(text)

    def added_items(self) -> list[str]:
        """Those the presidium adds (roster codes or names written in earlier), as typed."""
        if not self.may_change:
            return []
        return [x.strip() for x in re.split(r"[,，、;；\s]+", self.added.text()) if x.strip()]

    def chosen(self) -> list[str] | None:
        """The candidates kept (codes, or names of persons written in), None: all of them."""
        if not self.may_change:
            return None
        kept = []
        for r, k in enumerate(self.proposal.candidates):
            item = self.table.item(r, 0)
            if item is None or item.checkState() == Qt.CheckState.Checked:
                kept.append(k.code or k.name)
        added = self.added_items()
        if len(kept) == len(self.proposal.candidates) and not added:
            return None
        return kept + added

    def seats_decided(self) -> int | None:
        if not self.may_change or self.seats.value() == self.proposal.seats:
            return None
        return self.seats.value()

    def _accept_if_decided(self) -> None:
        changed = self.chosen() is not None or self.seats_decided() is not None
        if self.may_change and changed and not self.decision.text().strip():
            self.problem.setText(self.tr("名单或名额有改动：请填写依据（主席团的决定）。"))
            self.decision.setFocus()
            return
        self.accept()


class ResultsPage(Page):
    topics = frozenset({COUNT, CONTESTS, CHECKINS})

    def __init__(self, ctx: AppContext) -> None:
        super().__init__(ctx)
        self.doc: dict[str, Any] | None = None
        self.next_kind: str | None = None
        self.last_dialog: ProposalDialog | None = None
        lay = QVBoxLayout(self)
        lay.setContentsMargins(16, 10, 16, 10)
        lay.setSpacing(8)
        top = QHBoxLayout()
        top.addWidget(heading(self.tr("计票结果"), 1.3))
        top.addSpacing(12)
        top.addWidget(QLabel(self.tr("选举事项")))
        self.contest = MiddleElidedCombo()
        self.contest.setMinimumWidth(180)
        self.contest.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.contest.setMinimumContentsLength(14)
        self.contest.currentIndexChanged.connect(lambda _i: self._fill_rounds())
        top.addWidget(self.contest, 2)
        top.addWidget(QLabel(self.tr("轮次")))
        self.round = QComboBox()
        self.round.currentIndexChanged.connect(lambda _i: self.show_round())
        top.addWidget(self.round)
        self.status_chip = Chip("", "neutral")
        self.status_chip.setFont(scaled(self.font(), 1.15, bold=True))
        top.addWidget(self.status_chip)
        top.addStretch(1)
        lay.addLayout(top)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setFont(scaled(self.font(), 1.1))
        lay.addWidget(self.summary)
        self.banner = Banner()
        lay.addWidget(self.banner)

        self.split = QSplitter(Qt.Orientation.Horizontal)
        chart_box = QWidget()
        cb = QVBoxLayout(chart_box)
        cb.setContentsMargins(0, 0, 0, 0)
        cb.setSpacing(2)
        self.legend = QLabel(legend_html())
        self.legend.setWordWrap(True)  # (on one line, in English, it kept the chart side wide)
        cb.addWidget(self.legend)
        self.chart = AgreeChart()
        self.chart_scroll = QScrollArea()
        self.chart_scroll.setWidget(self.chart)
        self.chart_scroll.setWidgetResizable(True)
        self.chart_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        cb.addWidget(self.chart_scroll, 1)
        self.split.addWidget(chart_box)
        self.table = QTableWidget(0, 7)
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("名次"),
                self.tr("姓名"),
                self.tr("赞成"),
                self.tr("不赞成"),
                self.tr("弃权"),
                # (the share of what election is measured against: a share of the valid
                # ballots, 100 % beside "not over half", read as a contradiction)
                self.tr("占基数"),
                self.tr("结果"),
            ]
        )
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setAlternatingRowColors(True)
        th = self.table.horizontalHeader()
        th.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        th.setSectionResizeMode(6, QHeaderView.ResizeMode.Stretch)
        # (where the outcome's words cannot have a line — English at 1024 px: "Not over half:
        # not …" — they go on to a second line and the row grows, rather than be cut)
        self.table.setWordWrap(True)
        rows = self.table.verticalHeader()
        rows.setMinimumSectionSize(rows.defaultSectionSize())  # (a line's row as it was)
        rows.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.split.addWidget(self.table)
        self.split.setStretchFactor(0, 3)
        self.split.setStretchFactor(1, 2)
        lay.addWidget(self.split, 1)

        bottom = QHBoxLayout()
        self.next_text = QLabel()
        self.next_text.setWordWrap(True)
        self.next_text.setFont(scaled(self.font(), 1.05, bold=True))
        bottom.addWidget(self.next_text, 1)
        self.next_button = QPushButton()
        self.next_button.setMinimumHeight(38)
        self.next_button.clicked.connect(self.propose_next_round)
        bottom.addWidget(self.next_button)
        # (a committee elected: its plenary, which elects 常委/书记, is a file of its own)
        self.plenary_button = QPushButton(self.tr("全委会定义表…"))
        self.plenary_button.setMinimumHeight(38)
        self.plenary_button.setToolTip(
            self.tr(
                "为新一届委员会全体会议（选举常委、书记、副书记）写出定义表，代表名单为当选的委员"
            )
        )
        self.plenary_button.clicked.connect(self.ask_save_plenary)
        self.plenary_button.hide()
        bottom.addWidget(self.plenary_button)
        self.papers_button = QPushButton(self.tr("报告单和确认…"))
        self.papers_button.setMinimumHeight(38)
        self.papers_button.clicked.connect(lambda: ctx.page_requested.emit("count.papers"))
        bottom.addWidget(self.papers_button)
        self._bottom = QWidget()
        self._bottom.setLayout(bottom)
        lay.addWidget(self._bottom)
        self.empty = EmptyState(
            self.tr("还没有选举事项"), self.tr("先在“选举事项和候选人”中添加选举事项。")
        )
        lay.addWidget(self.empty, 1)
        self._sized = False

    # --- data -----------------------------------------------------------------------------------

    def refresh(self) -> None:
        db = self.ctx.db
        contests = repo.read_contests(db)
        fill_contests(self.contest, contests)
        for w in (self.split, self._bottom, self.summary):
            w.setVisible(bool(contests))
        self.empty.setVisible(not contests)
        self._fill_rounds()

    def contest_code(self) -> str | None:
        return chosen_code(self.contest)

    def round_number(self) -> int | None:
        return chosen_round(self.round)

    def _fill_rounds(self, select_latest: bool = False) -> None:
        code = self.contest_code()
        keep = None if select_latest else self.round.currentData()
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
        db = self.ctx.db
        try:
            doc = counting.tally(db, code, number, operator=self.ctx.account)
        except Exception as exc:  # not signed in, or sheet records that do not fit
            self.doc = None
            self.banner.show_message(self.ctx.describe(exc), "bad")
            self.chart.set_data([], 0, 0, 0, True)
            self.table.setRowCount(0)
            self.next_button.hide()
            self.next_text.setText("")
            return
        # (a station laptop's count: no verdict on the round, see `station_view`)
        doc = station_view(doc)
        self.doc = doc
        chip, tone = status_words(doc)
        self.status_chip.set(chip, tone)
        provisional = doc.get("status") == "provisional"
        self.summary.setText(self._summary(doc))
        reasons = reason_words(doc, str(self.ctx.path) if self.ctx.path else "FILE")
        if doc.get("status") == "certified":
            cert = doc.get("certification", {})
            reasons.insert(
                0,
                self.tr("已由 {who} 确认冻结，数字摘要 {digest}。").format(
                    who="、".join(cert.get("by", [])), digest=doc.get("digest_short", "")
                ),
            )
        self.banner.show_message(
            "\n".join(reasons),
            "bad" if doc.get("status") == "void" else ("warn" if provisional else "info"),
        )
        bars = bars_of(doc)
        self.legend.setText(
            legend_html(
                str(doc.get("status", "")),
                revote=doc.get("round_kind") == "tie",
                preselection=bool(doc.get("preselection")),
            )
        )
        counted = int(doc.get("valid_ballots") or 0) + int(doc.get("void_ballots") or 0)
        self.chart.revote = doc.get("round_kind") == "tie"
        self.chart.preselection = bool(doc.get("preselection"))
        self.chart.set_data(
            # (no bars while no ballot is counted: each said "not over half: not elected")
            bars if counted else [],
            int(doc.get("base", 0)),
            int(doc.get("threshold", 0)),
            int(doc.get("seats", 0)),
            provisional,
        )
        self._fill_table(doc, bars, provisional)
        self._show_next(db, code, number, doc)

    def _summary(self, doc: dict[str, Any]) -> str:
        if doc.get("station"):
            # (no check-ins here: nobody is "present"; the boxes are this station's alone)
            return self.tr(
                "应选 {seats} 名 · 本分团：发出 {i} 张，收回 {c} 张 · 有效票 {v} 张，无效票 {x} 张"
                " · 当选须得赞成票至少 {t} 票（各分团合计）"
            ).format(
                seats=doc.get("seats"),
                i=doc.get("issued") if doc.get("boxes_entered", True) else "—",
                c=doc.get("collected") if doc.get("boxes_entered", True) else "—",
                v=doc.get("valid_ballots"),
                x=doc.get("void_ballots"),
                t=doc.get("threshold"),
            )
        facts = {
            "seats": doc.get("seats"),
            "e": doc.get("expected"),
            "p": doc.get("present"),
            # (not entered yet: a dash, as the issued-and-collected page shows — "0 issued,
            # 0 collected, 16 valid" read as sixteen valid out of none)
            "i": doc.get("issued") if doc.get("boxes_entered", True) else "—",
            "c": doc.get("collected") if doc.get("boxes_entered", True) else "—",
            "v": doc.get("valid_ballots"),
            "x": doc.get("void_ballots"),
        }
        if doc.get("preselection"):
            # (预选: a list of formal candidates by most votes, no half)
            return self.tr(
                "预选：确定正式候选人 {seats} 名 · 应到 {e} 人，实到 {p} 人 · 发出 {i} 张，"
                "收回 {c} 张 · 有效票 {v} 张，无效票 {x} 张 · 按赞成票多少确定，不要求过半数"
            ).format(**facts)
        if doc.get("round_kind") == "tie":
            # (a tie re-vote: the most votes elect, the half not asked again)
            return self.tr(
                "应选 {seats} 名 · 应到 {e} 人，实到 {p} 人 · 发出 {i} 张，收回 {c} 张 · "
                "有效票 {v} 张，无效票 {x} 张 · 再次投票：票数相等的被选举人中得票多的当选"
                "（他们在原轮次均已过半数）"
            ).format(**facts)
        base_word = (
            self.tr("应到")
            if doc.get("settings", {}).get("threshold_base", "expected") == "expected"
            else self.tr("实到")
        )
        return self.tr(
            "应选 {seats} 名 · 应到 {e} 人，实到 {p} 人 · 发出 {i} 张，收回 {c} 张 · "
            "有效票 {v} 张，无效票 {x} 张 · 当选须得赞成票超过{bw}人数 {b} 的一半，即至少 {t} 票"
        ).format(**facts, bw=base_word, b=doc.get("base"), t=doc.get("threshold"))

    def _fill_table(self, doc: dict[str, Any], bars: list[Bar], provisional: bool) -> None:
        rows: list[tuple[dict[str, Any], Bar]] = []
        by_name: dict[tuple[str, bool], Bar] = {(b.name, b.writein): b for b in bars}
        for c in doc.get("candidates", []):
            rows.append((c, by_name[(str(c.get("name", "")), False)]))
        for w in doc.get("writeins", []):
            rows.append((w, by_name[(str(w.get("name", "")), True)]))
        rows.sort(key=lambda cb: -cb[1].agree)
        self.table.setRowCount(len(rows))
        for r, (c, bar) in enumerate(rows):
            name = bar.name + (self.tr("（另选）") if bar.writein else "")
            share = c.get("share_valid")
            cells = [
                str(c.get("rank", "")),
                name,
                str(c.get("agree", 0)),
                "—" if bar.writein else str(c.get("disagree", 0)),
                "—" if bar.writein else str(c.get("abstain", 0)),
                percent_text(int(c.get("agree", 0)), int(doc.get("base", 0)))
                if isinstance(share, int | float)
                else "",
                # (a round with no ballot counted yet says nothing of anyone's outcome)
                state_word(bar.state, provisional)
                if int(doc.get("valid_ballots", 0)) or not provisional
                else QCoreApplication.translate("ResultsPage", "尚未计票"),
            ]
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if col in (0, 2, 3, 4, 5):
                    item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                if col == 6:
                    item.setToolTip(text)
                    item.setForeground(COLOURS[bar.state].darker(150))
                    if bar.state in ("elected", "tie", "selected"):
                        font = item.font()
                        font.setBold(True)
                        item.setFont(font)
                self.table.setItem(r, col, item)
        self._fit_table()

    def _fit_table(self) -> None:
        """Widen the table to what its words need (the outcome's too: in English they are
        long), up to 65 % of the page; the chart beside it gives the width. Never narrowed: a
        width the clerk chose by dragging the divider stays."""
        sizes = self.split.sizes()
        total = sum(sizes)
        if total <= 0 or len(sizes) != 2:
            return  # not laid out yet (`showEvent` sizes it first)
        th = self.table.horizontalHeader()
        last = self.table.columnCount() - 1  # (the outcome's column stretches; the rest fit)
        want = sum(th.sectionSize(i) for i in range(last))
        want += max(self.table.sizeHintForColumn(last), th.sectionSizeHint(last))
        want += 2 * self.table.frameWidth() + self.table.verticalScrollBar().sizeHint().width() + 4
        width = min(want, int(total * 0.65))
        if width > sizes[1]:
            self.split.setSizes([total - width, width])

    # --- the next round ---------------------------------------------------------------------------

    def _show_next(self, db: ElectionDB, code: str, number: int, doc: dict[str, Any]) -> None:
        latest = repo.latest_round(db, code)
        status = str(doc.get("status", ""))
        self.next_kind = None
        text = ""
        if number != latest:
            text = self.tr("这不是最新一轮：第 {n} 轮已经开启。").format(n=latest)
        elif doc.get("station"):
            text = self.tr("分团计票机：下一轮在主机上开启（之后由主机为本分团导出新的分团包）。")
        elif status == "void":
            self.next_kind = "rerun"
            text = self.tr("本轮无效：须重新投票。")
        elif status == "provisional":
            if doc.get("unfilled_seats") or doc.get("tie"):
                text = self.tr("结果确定后，才能开启下一轮。")
        elif doc.get("tie"):
            self.next_kind = "tie"
            names = "、".join(str(t.get("name")) for t in doc.get("tie", []))
            text = self.tr("{names} 得票相等，争 {n} 个名额：须对他们再次投票。").format(
                names=names, n=doc.get("tie_seats")
            )
        elif doc.get("preselection"):
            # (预选: its outcome is the list — no 另行选举, whatever is short)
            listed = doc.get("selected_as_formal_candidates") or []
            text = self.tr("确定为正式候选人 {n} 名（按姓氏笔画为序）：{names}").format(
                n=len(listed), names="、".join(str(e.get("name")) for e in listed)
            )
            if int(doc.get("unfilled_seats", 0)) > 0:
                text += self.tr("；尚缺 {n} 名（预选不另行选举）").format(
                    n=doc.get("unfilled_seats")
                )
        elif int(doc.get("unfilled_seats", 0)) > 0 and doc.get("seats_reduced"):
            text = self.tr("空缺的 {n} 个名额减少，不再另行选举（{decision}）。").format(
                n=doc.get("unfilled_seats"), decision=doc["seats_reduced"].get("decision", "")
            )
        elif int(doc.get("unfilled_seats", 0)) > 0:
            self.next_kind = "supplementary"
            text = self.tr("还有 {n} 个名额没有选出：可另行选举（或由大会决定减少名额）。").format(
                n=doc.get("unfilled_seats")
            )
        elif status in ("final", "certified"):
            text = self.tr("名额已全部选出。")
        self.next_text.setText(text)
        labels = {
            "rerun": self.tr("重新投票…"),
            "tie": self.tr("开启再次投票…"),
            "supplementary": self.tr("开启另行选举…"),
        }
        self.next_button.setVisible(self.next_kind is not None)
        self.plenary_button.setVisible(
            number == latest
            and str(doc.get("contest_kind")) in ("committee", "discipline")
            and status in ("final", "certified")
        )
        if self.next_kind is not None:
            self.next_button.setText(labels[self.next_kind])

    def propose_next_round(self) -> None:
        """Ask the app for the proposal (nothing is written), show it, open it on OK."""
        code, kind = self.contest_code(), self.next_kind
        if code is None or kind is None:
            return
        op = self.ctx.account

        def work(db: ElectionDB) -> counting.RoundProposal:
            return counting.open_round(db, code, kind, confirm=False, operator=op)

        def show(result: object) -> None:
            if not isinstance(result, counting.RoundProposal):
                return
            dialog = ProposalDialog(result, self.ctx.lang, self)
            dialog.accepted.connect(
                lambda: self.open_next_round(
                    code,
                    kind,
                    dialog.chosen(),
                    dialog.seats_decided(),
                    dialog.decision.text().strip(),
                )
            )
            dialog.open()
            self.last_dialog = dialog

        self.ctx.run(
            "round.propose",
            work,
            on_success=show,
            on_error=lambda exc: self.banner.show_message("✗ " + self.ctx.describe(exc), "bad"),
        )

    def ask_save_plenary(self) -> None:
        from PySide6.QtWidgets import QFileDialog

        from huanjie_desktop.gui import dialogs

        code = self.contest_code()
        if code is None:
            return
        base = self.ctx.path.parent if self.ctx.path else None
        default = str((base / f"{code}-全委会.xlsx") if base else f"{code}-全委会.xlsx")
        chosen, _ = QFileDialog.getSaveFileName(
            self, self.tr("全委会定义表另存为"), default, self.tr("Excel 文件 (*.xlsx)")
        )
        if chosen:
            self.save_plenary(code, dialogs.saved_as(chosen, ".xlsx"))

    def save_plenary(self, code: str, out: Any) -> None:
        """Write the plenary's definition workbook (`app.plenary`) to ``out``."""
        from huanjie_desktop.app.plenary import PlenaryRefused, plenary_definition
        from huanjie_desktop.reports.workbook import write_template

        op = self.ctx.account

        def work(db: ElectionDB) -> int:
            plenary = plenary_definition(db, code, op)
            write_template(out, plenary.definition)
            return plenary.members

        def done(result: object) -> None:
            self.banner.show_message(
                self.tr(
                    "✓ 已写出全委会定义表：{path}（代表名单为当选的 {n} 名委员）。"
                    "填写选举事项和候选人后，用“文件 → 由 Excel 定义表新建…”新建选举文件。"
                ).format(path=out, n=result),
                "ok",
            )

        def failed(exc: BaseException) -> None:
            said = (
                (exc.en if self.ctx.lang == "en" else exc.zh)
                if isinstance(exc, PlenaryRefused)
                else self.ctx.describe(exc)
            )
            self.banner.show_message("✗ " + said, "bad")

        self.ctx.run("results.plenary", work, on_success=done, on_error=failed)

    def open_next_round(
        self,
        code: str,
        kind: str,
        candidates: list[str] | None = None,
        seats: int | None = None,
        decision: str = "",
        without: list[str] | None = None,
    ) -> None:
        op = self.ctx.account

        def work(db: ElectionDB) -> counting.RoundProposal:
            return counting.open_round(
                db,
                code,
                kind,
                confirm=True,
                operator=op,
                candidates=candidates,
                seats_decided=seats,
                decision=decision,
                without_stations=without or [],
            )

        def failed(exc: BaseException) -> None:
            if isinstance(exc, counting.StationsNotReported) and not without:
                # A station laptop has not sent its count: the round before would take none of
                # its ballots once the next is open — only by a decision taken here.
                from huanjie_desktop.gui import dialogs

                text = self.tr(
                    "分团计票机“{stations}”还没有交来这一轮计完的计票结果（没有交来，或最近的结果包"
                    "没有声明计票完毕）。\n\n"
                    "开启下一轮之后，这一轮不再接收它的结果包，那里计的选票就计不进来了。"
                    "通常应先在该计票机上计完后加 --done 导出结果包（没有计票也这样导出一个），在本机导入。\n\n"
                    "只有该计票机确实没有参与本轮计票或已无法使用，并经总监票人同意，"
                    "才不等它的结果包而开启下一轮（只计已收到的，记入审计日志）。现在不等它，开启下一轮？"
                ).format(stations="、".join(exc.stations))
                if dialogs.confirm(self, self.tr("有分团计票机未交结果"), text):
                    self.open_next_round(code, kind, candidates, seats, decision, exc.stations)
                    return
            dialog = self.last_dialog
            if (
                isinstance(exc, counting.CountingRefused)
                and dialog is not None
                and dialog.result() == QDialog.DialogCode.Accepted
                and not dialog.isVisible()
            ):
                # (the list as typed is refused — a name the presidium added that is nobody:
                # the dialog comes back with all that was typed, the reason in it)
                dialog.problem.setText("✗ " + self.ctx.describe(exc))
                dialog.open()
                return
            self.banner.show_message("✗ " + self.ctx.describe(exc), "bad")

        def done(result: object) -> None:
            if isinstance(result, counting.RoundProposal) and result.seats == 0:
                self._fill_rounds(select_latest=True)
                self.banner.show_message(
                    self.tr("✓ 已记录：减少名额，不再另行选举（{decision}）。").format(
                        decision=decision
                    ),
                    "ok",
                )
            elif isinstance(result, counting.RoundProposal):
                self._fill_rounds(select_latest=True)
                self.banner.show_message(
                    self.tr(
                        "✓ 已开启第 {n} 轮（应选 {seats} 名，候选人 {k} 名）。"
                        "请到“选票”印制本轮选票。"
                    ).format(n=result.number, seats=result.seats, k=len(result.candidates)),
                    "ok",
                )

        self.ctx.run(
            "round.open",
            work,
            topics={COUNT, CONTESTS},
            on_success=done,
            on_error=failed,
        )

    def showEvent(self, event: Any) -> None:
        if not self._sized:
            self._sized = True
            total = max(self.width(), 900)
            self.split.setSizes([int(total * 0.58), int(total * 0.42)])
            self._fit_table()
        super().showEvent(event)

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
            "count.results",
            "count",
            lambda: QCoreApplication.translate("pages", "计票结果"),
            ResultsPage,
            order=40,
        )
    )
