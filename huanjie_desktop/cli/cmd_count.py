"""Commands: tally, review list/decide/confirm, manual, round new, certify, report,
export-xlsx.

In a file with accounts every command but ``review list`` signs in (`common.signed_in`)
and passes the session down; the app layer checks the right (decide/overrule, confirm,
scan for manual entry, prepare for a new round, certify, export, view for tally and
report). ``--by`` may then be left out: it is the signed-in operator.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from huanjie_desktop.cli.common import (
    EXIT_OK,
    Ctx,
    pad,
    refuse,
    signed_in,
    text_width,
    usage_error,
)

if TYPE_CHECKING:
    from huanjie_desktop.app.accounts import Session
    from huanjie_desktop.app.counting import ConfirmOutcome, RoundProposal
    from huanjie_desktop.domain.tally import BoxTwice
    from huanjie_desktop.storage.db import ElectionDB


@contextmanager
def _opened(ctx: Ctx, path: str) -> Iterator[tuple[ElectionDB, Session | None]]:
    """Open the election file and sign in (when it has accounts); a counting refusal or a
    missing right becomes the command's refusal (exit 1)."""
    from huanjie_desktop.app.counting import CountingRefused

    with signed_in(ctx, path) as (db, session):
        try:
            yield db, session
        except CountingRefused as exc:
            refuse(exc.message(ctx.lang))


@contextmanager
def _viewed(ctx: Ctx, path: str) -> Iterator[ElectionDB]:
    """Open the election file for a list that changes nothing: signed in, with the right to
    view, as `tally` is (when the file has accounts). Opened without signing in, ``review
    list`` showed anyone — a wrong password, an unknown name — the doubtful ballots and who
    decided what, where every other command refused."""
    from huanjie_desktop.app.accounts import Action, require

    with _opened(ctx, path) as (db, session):
        require(db, session, Action.VIEW)
        yield db


def _round_arg(p: Any, required: bool = False) -> None:
    p.add_argument("--contest", required=True, metavar="C", help="选举事项编号 / contest code")
    p.add_argument(
        "--round",
        type=int,
        default=None,
        required=required,
        metavar="R",
        help=(
            "第几轮（必须写明：确认的是哪一轮要说清楚）/ round number (required: say which"
            " round is certified)"
            if required
            else "第几轮（默认最新一轮）/ round number (default: the latest)"
        ),
    )


def _pairs(ctx: Ctx, items: list[str] | None, what: str) -> dict[str, str]:
    out: dict[str, str] = {}
    for item in items or []:
        key, sep, value = item.partition("=")
        if not sep or not key.strip():
            refuse(
                ctx.t(
                    f"{what} 应写成 编号=值，如 c01=agree，这里是“{item}”",
                    f"{what} must look like KEY=VALUE (e.g. c01=agree), got {item!r}",
                )
            )
        key = key.strip()
        if key in out and out[key] != value:
            # ('--mark c01=agree --mark c01=disagree': the last one silently won)
            refuse(
                ctx.t(
                    f"{what} 给“{key}”写了两个不同的值（“{out[key]}”和“{value}”）：请核对选票，只写一个",
                    f"{what} gives {key!r} two different values ({out[key]!r} and {value!r}):"
                    " check the ballot and give one",
                )
            )
        out[key] = value
    return out


def _writeins(ctx: Ctx, items: list[str] | None) -> dict[int, str]:
    out: dict[int, str] = {}
    for key, value in _pairs(ctx, items, "--writein").items():
        if not key.isdigit() or int(key) < 1:
            refuse(
                ctx.t(
                    f"--writein 的栏号应为 1、2…，这里是“{key}”",
                    f"--writein column must be 1, 2, …, got {key!r}",
                )
            )
        out[int(key)] = value
    return out


def register(sub: Any) -> None:
    p = sub.add_parser("tally", help="计票结果 / count a round")
    p.add_argument("file", metavar="FILE")
    _round_arg(p)
    p.add_argument("--json", action="store_true", help="输出 JSON / print JSON")
    p.set_defaults(func=run_tally)

    p = sub.add_parser("review", help="审核可疑选票 / review doubtful sheets")
    rsub = p.add_subparsers(dest="review_command", metavar="ACTION", required=True)
    q = rsub.add_parser("list", help="待审核的选票 / sheets held for review")
    q.add_argument("file", metavar="FILE")
    q.add_argument("--contest", default=None, metavar="C")
    q.add_argument(
        "--confirmed",
        action="store_true",
        help="也列出已确认的决定（包括各分团计票机上确认、已导入的）/ the confirmed decisions"
        " too (the stations' merged in included)",
    )
    q.add_argument("--json", action="store_true")
    q.set_defaults(func=run_review_list)

    q = rsub.add_parser("decide", help="对一张选票作出决定 / decide a sheet")
    q.add_argument("file", metavar="FILE")
    q.add_argument("sheet", metavar="SHEET")
    q.add_argument(
        "--mark",
        action="append",
        metavar="CODE=MARK",
        help="候选人（或另选栏 w1）的标记：agree/disagree/abstain/unclear，可重复 / repeatable",
    )
    q.add_argument(
        "--writein",
        action="append",
        metavar="COL=NAME",
        help="另选他人第 COL 栏的姓名（或代表编号）；写了姓名但无法辨认的写 COL=?，没有姓名的写"
        " COL= / the name read in a write-in column (its code); COL=? a name written that"
        " cannot be read, COL= none",
    )
    q.add_argument("--void", default=None, metavar="REASON", help="整张作废及理由 / void, why")
    q.add_argument(
        "--accept", action="store_true", help="其余按机器识别结果 / machine read for the rest"
    )
    q.add_argument(
        "--duplicate",
        action="store_true",
        help="同一张选票的重复扫描（同一防伪码已有另一图像），不计 / another scan of the same"
        " paper (its serial is on another image): it does not count",
    )
    q.add_argument("--reason", default="", help="说明 / why (recorded)")
    q.add_argument(
        "--by",
        default="",
        metavar="PERSON",
        help="决定人（已登录时默认为登录者）/ who decides (default: the signed-in operator)",
    )
    q.add_argument("--json", action="store_true")
    q.set_defaults(func=run_review_decide)

    q = rsub.add_parser("confirm", help="监票人确认决定 / a scrutineer confirms")
    q.add_argument("file", metavar="FILE")
    q.add_argument("sheet", metavar="SHEET")
    q.add_argument(
        "--by",
        default="",
        metavar="PERSON",
        help="确认人（已登录时默认为登录者）/ who confirms (default: the signed-in operator)",
    )
    q.add_argument(
        "--decision",
        type=int,
        default=None,
        metavar="N",
        help="所看的决定编号（review list 中）；其后若又有新决定则不确认"
        " / the decision number looked at (review list); refused if another was made since",
    )
    q.add_argument("--json", action="store_true")
    q.set_defaults(func=run_review_confirm)

    q = rsub.add_parser(
        "withdraw",
        help="监票人撤出误录的手工录入或多余的选票（另一位监票人 --confirm 后生效；--restore 恢复）"
        " / a scrutineer takes a mistaken hand entry or an extra sheet out of the count"
        " (in effect once another confirms with --confirm; --restore puts it back)",
    )
    q.add_argument("file", metavar="FILE")
    q.add_argument(
        "--contest", default=None, metavar="C", help="选举事项编号（用 --label 时必须）/ contest"
    )
    q.add_argument(
        "--round",
        type=int,
        default=None,
        metavar="R",
        help="第几轮（默认最新一轮）/ round number (default: the latest)",
    )
    q.add_argument(
        "--label",
        default=None,
        metavar="L",
        help="手工录入的标签（只录入了一次的，或已计入的）/ a hand entry's label (entered once,"
        " or counted)",
    )
    q.add_argument(
        "--sheet",
        default=None,
        metavar="SHEET",
        help="选票记录的编号（扫描的选票）/ a sheet's id (a scanned sheet)",
    )
    what = q.add_mutually_exclusive_group()
    what.add_argument(
        "--confirm",
        action="store_true",
        help="确认另一位监票人提出的撤出或恢复 / confirm another scrutineer's taking out or"
        " putting back",
    )
    what.add_argument(
        "--restore",
        action="store_true",
        help="撤出有误，恢复 / the taking out was a mistake: put it back",
    )
    q.add_argument(
        "--reason",
        default="",
        help="理由（撤出时必须），如“标签打错，已按 A-02 录入” / why (required to take out)",
    )
    q.add_argument(
        "--by",
        default="",
        metavar="PERSON",
        help="监票人（已登录时默认为登录者）/ the scrutineer (default: the signed-in operator)",
    )
    q.add_argument("--json", action="store_true")
    q.set_defaults(func=run_review_withdraw)

    q = rsub.add_parser(
        "withdrawn",
        help="撤出计票的手工录入和选票（含待确认的、已恢复的）/ papers taken out of the count"
        " (proposed and put back included)",
    )
    q.add_argument("file", metavar="FILE")
    q.add_argument("--contest", default=None, metavar="C")
    q.add_argument("--json", action="store_true")
    q.set_defaults(func=run_review_withdrawn)

    p = sub.add_parser("manual", help="手工录入无法扫描的选票（两人各录一次）/ enter by hand")
    p.add_argument("file", metavar="FILE")
    _round_arg(p)
    p.add_argument(
        "--serial",
        default=None,
        metavar="SERIAL",
        help="原票上印的防伪码（能看清时用它，以后再扫描同一张票时能对上）"
        " / the serial printed on the paper, when it can be read (a later scan of the same"
        " paper is then matched with this entry)",
    )
    p.add_argument(
        "--label",
        default="",
        metavar="L",
        help="防伪码无法辨认时的标签，如票箱和序号 A-017 / a label when the serial cannot be"
        " read, e.g. box and number A-017",
    )
    p.add_argument(
        "--mark",
        action="append",
        metavar="CODE=MARK",
        help="候选人（或另选栏 w1）的标记，未给出的候选人按弃权，可重复"
        " / a candidate's (or write-in w1's) mark; candidates not given abstain; repeatable",
    )
    p.add_argument(
        "--writein",
        action="append",
        metavar="COL=NAME",
        help="另选他人第 COL 栏写的姓名（写了但无法辨认的写 COL=?），须同时用 --mark wCOL=…"
        " 给出其上方的标记 / the name in write-in column COL (COL=? a name written that cannot"
        " be read), with --mark wCOL=… for the mark above it",
    )
    p.add_argument("--void", default=None, metavar="REASON", help="废票及理由 / void, why")
    p.add_argument(
        "--by",
        default="",
        metavar="PERSON",
        help="录入人（已登录时默认为登录者）/ who enters (default: the signed-in operator)",
    )
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=run_manual)

    p = sub.add_parser("round", help="开启新一轮投票 / open the next round")
    osub = p.add_subparsers(dest="round_command", metavar="ACTION", required=True)
    q = osub.add_parser("new", help="另行选举、再次投票或重新投票 / next round")
    q.add_argument("file", metavar="FILE")
    q.add_argument("--contest", required=True, metavar="C")
    q.add_argument("--kind", required=True, choices=["supplementary", "tie", "rerun"])
    q.add_argument(
        "--yes",
        action="store_true",
        help="不再询问，直接开启 / open it without asking (in a terminal the list is shown and"
        " confirmed first)",
    )
    q.add_argument(
        "--propose",
        action="store_true",
        help="只显示建议名单，不开启 / show the proposed list only, open nothing",
    )
    q.add_argument(
        "--candidates",
        metavar="C1,C2",
        help="另行选举：主席团确定的候选人（逗号分隔）：建议名单中的编号或姓名，或主席团增加的人——"
        "代表编号（P0010）或此前各轮另选时写的姓名（须有 --decision）/ supplementary: the"
        " candidates the presidium confirmed: codes or names from the proposal, or people it"
        " adds — roster codes (P0010) or names written in in earlier rounds (with --decision)",
    )
    q.add_argument(
        "--seats",
        type=int,
        metavar="N",
        help="另行选举：主席团决定减少后的名额（0：不再另行选举）/ supplementary: the seats as"
        " reduced by decision (0: no further round)",
    )
    q.add_argument(
        "--decision",
        default="",
        metavar="TEXT",
        help="调整名单或名额的依据，记入审计日志 / the decision a change rests on (recorded)",
    )
    q.add_argument(
        "--without-station",
        action="append",
        default=[],
        metavar="NAME",
        help="不等这台分团计票机的结果包就开启下一轮（未参与计票或已损坏；记入审计日志）"
        " / open the next round without this station laptop's results package (recorded)",
    )
    q.add_argument("--json", action="store_true")
    q.set_defaults(func=run_round_new)
    q = osub.add_parser(
        "attendance",
        help="总监票人核定本轮的实到人数（投票开始的时间）/ the chief scrutineer settles a"
        " round's number present (when voting began)",
    )
    q.add_argument("file", metavar="FILE")
    _round_arg(q)
    how = q.add_mutually_exclusive_group(required=True)
    how.add_argument(
        "--voting-began",
        metavar="TIME",
        help="本机时钟上投票开始的时间（如 2026-11-30 14:30，或 14:30 指今天）：此前报到的计为实到"
        " / when voting began, on this laptop's clock (2026-11-30 14:30, or 14:30 for today):"
        " those checked in before it are present",
    )
    how.add_argument(
        "--as-fixed",
        action="store_true",
        help="核对无误，按已确定的实到人数计 / the number present as fixed is right",
    )
    q.add_argument(
        "--by", default="", metavar="NAME", help="总监票人姓名 / the chief scrutineer's name"
    )
    q.add_argument("--reason", default="", metavar="TEXT", help="依据，记入审计日志 / grounds")
    q.add_argument("--json", action="store_true")
    q.set_defaults(func=run_round_attendance)

    p = sub.add_parser("certify", help="确认并冻结计票结果 / certify and freeze a round")
    p.add_argument("file", metavar="FILE")
    _round_arg(p, required=True)
    p.add_argument(
        "--by",
        default="",
        metavar="NAMES",
        help="确认人，逗号分隔（已登录时默认为登录者）/ names (default: the signed-in operator)",
    )
    p.add_argument(
        "--without-station",
        action="append",
        default=[],
        metavar="NAME",
        help="不等这台分团计票机的结果包（未参与计票或已损坏；记入审计日志）"
        " / certify without this station's package (recorded)",
    )
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=run_certify)

    p = sub.add_parser("report", help="打印计票结果报告单、当选名单等 / result papers (PDF)")
    p.add_argument("file", metavar="FILE")
    _round_arg(p)
    p.add_argument("--out", required=True, metavar="OUT.pdf")
    p.add_argument("--attendance", action="store_true", help="清点到会人数报告单")
    p.add_argument("--ballots", action="store_true", help="发出/收回选票清点表（按票箱）")
    p.add_argument("--composition", action="store_true", help="当选人员结构分析")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=run_report)

    p = sub.add_parser("export-xlsx", help="导出全部计票结果到 Excel / export every tally")
    p.add_argument("file", metavar="FILE")
    p.add_argument("--out", required=True, metavar="OUT.xlsx")
    p.set_defaults(func=run_export)


# --- tally ------------------------------------------------------------------------------------

STATUS_ZH = {
    "provisional": "未确认（临时结果）",
    "final": "最终结果（待确认）",
    "certified": "已确认并冻结",
    "void": "本轮投票无效",
}
REASON_ZH = {
    "present_below_ballots": "实到人数少于发出/收回的选票（实到在报到结束前或按分团计票机的时钟确定），"
    "须由总监票人核定投票开始的时间",
    "pending_review": "有待审核的选票",
    "box_counts_missing": "未登记发出/收回票数",
    "sheets_differ_from_collected": "计入的选票张数与收回票数不一致，请核对",
    "collected_exceeds_issued": "收回票数多于发出票数",
    "quorum_not_met": "到会人数未达到规定",
    "serial_counted_twice": "有防伪码相同的两张选票都已计入，请审核",
    "nothing_collected": "登记的收回票数为 0，请核对各票箱的收回票数",
    "box_reported_twice": "有票箱由两个分团都报来了发出/收回票数，请总监票人选定按哪一份计",
    "stations_waiting": "还有分团计票机没有交来这一轮的全部计票结果",
}


def stations_waiting_text(doc: dict[str, Any], zh: bool) -> str:
    """What a round provisional for want of a station laptop's count waits for, by station,
    and what to do (reason ``stations_waiting``): nobody is declared elected meanwhile."""
    names = [
        str(s)
        for s in (*(doc.get("stations_silent") or []), *(doc.get("stations_unfinished") or []))
    ]
    names = list(dict.fromkeys(names))
    first = names[0] if names else "分团名"
    contest, number = doc.get("contest"), doc.get("round")
    if zh:
        return (
            f"本轮还在等分团计票机 {'、'.join(names)} 交来计票结果，现在不宣布任何人当选：请在该计票机"
            "计完后加 --done 导出结果包（huanjie results export … --done），在本机导入"
            "（huanjie results import）；如该计票机已无法使用，经总监票人同意后不等它确认"
            f"（huanjie certify 选举文件 --contest {contest} --round {number} --by 确认人"
            f" --without-station {first}，只计已收到的部分，记入审计日志）"
        )
    return (
        f"this round still waits for the count of station laptop(s) {', '.join(names)}:"
        " nobody is declared elected meanwhile. Once that laptop has counted, export its"
        " results package there with --done (huanjie results export … --done) and import it"
        " here (huanjie results import); if it cannot be used any more, certify without it"
        f" once the chief scrutineer agrees (huanjie certify FILE --contest {contest} --round"
        f" {number} --by NAMES --without-station {first}: only what has come in counts;"
        " recorded in the audit log)"
    )


WARNING_EN = {
    "writein_without_vote": "a person written in has no vote on the roster (a probationary"
    " member?) and cannot be elected: the scrutineers check the name was matched right",
    "sheets_differ_from_collected": "the sheets counted differ from the ballots collected: check",
    "issued_exceeds_present": "more ballots issued than voters present: check each box's"
    " issued count and the check-ins",
    "stations_silent": "a station laptop has sent nothing of this round yet: its ballots are"
    " not in this count (import its package before certifying or opening the next round; one"
    " with no ballots of this round exports its package with --done)",
    "stations_unfinished": "a station laptop sent this round part-way (its latest package"
    " does not state it has finished counting): ballots counted there since are not in this"
    " count (it exports again with --done once it has counted)",
    "secretary_not_standing": "a candidate of this round was not elected to the standing"
    " committee in this file: the secretary and deputies are elected from among those elected"
    " to it — the scrutineers check the list before anything is announced",
    "manual_incomplete": "ballots entered by hand once only, or twice differently, are not"
    " counted yet: a second person enters them (huanjie manual), or a scrutineer takes one"
    " entered by mistake out of the count (huanjie review withdraw)",
}
WARNING_ZH = {
    "writein_without_vote": "另选的人在代表名单中无选举权（预备党员？），不能当选：请监票人核对姓名是否对应正确",
    "sheets_differ_from_collected": "计入的选票张数与收回票数不一致，请核对",
    "issued_exceeds_present": "发出票数多于实到人数，请核对各票箱的发出票数和报到记录",
    "manual_incomplete": "有手工录入的选票只录入了一次（或两次不一致），尚未计入：请由第二人录入（huanjie manual），误录的由监票人撤出（huanjie review withdraw）",
    "secretary_not_standing": "本轮有候选人未当选本文件中的常委：书记、副书记从当选的常委中选举，宣布前请监票人核对名单",
    "stations_silent": "有分团计票机还没有交来这一轮的计票结果，那里的选票不在本结果中（确认或开启下一轮前请先导入；没有这一轮选票的计票机导出时加 --done）",
    "stations_unfinished": "有分团计票机交来的是中途的计票结果（最近的结果包没有声明计票完毕），此后那里计的选票不在本结果中（计完后加 --done 再导出）",
}


def boxes_twice(doc: dict[str, Any]) -> list[BoxTwice]:
    """The boxes a tally says were reported by more than one station (not resolved)."""
    from huanjie_desktop.domain.tally import BoxTwice

    return [
        BoxTwice(
            str(b["box"]),
            tuple((str(r["station"]), r["issued"], r["collected"]) for r in b["reports"]),
        )
        for b in doc.get("boxes_twice") or []
    ]


def warning_text(code: str, doc: dict[str, Any], zh: bool) -> str:
    """One warning of a tally, in words; a silent station by its name (guide §8: the results
    say which station laptop has not sent its package yet)."""
    silent = [str(s) for s in doc.get("stations_silent") or []]
    if code == "stations_silent" and silent:
        ahead = [str(s) for s in doc.get("stations_clock_ahead") or []]
        if zh:
            text = (
                f"分团计票机 {'、'.join(silent)} 还没有交来这一轮的计票结果，那里的选票不在本结果中"
                "（确认或开启下一轮前请先导入；没有这一轮选票的计票机导出时加 --done）"
            )
            if ahead:
                text += (
                    f"。{'、'.join(ahead)} 的结果包声明了计票完毕，但它的导出时间晚于在本机导入的时间："
                    "那台计票机的时钟比本机快，说明不了这个包是在投票开始之后导出的。请把它的时钟调准，"
                    "再加 --done 导出结果包并导入"
                )
            return text
        text = (
            f"station laptop(s) {', '.join(silent)} have sent nothing of this round yet: their"
            " ballots are not in this count (import their packages before certifying or opening"
            " the next round; one with no ballots of this round exports its package with --done)"
        )
        if ahead:
            text += (
                f". The package of {', '.join(ahead)} states it has finished counting, but is"
                " dated later than its import here: that laptop's clock is ahead, and cannot"
                " show the package was made after voting began. Set its clock right, then"
                " export its package again with --done and import it"
            )
        return text
    interim = [str(s) for s in doc.get("stations_unfinished") or []]
    if code == "stations_unfinished" and interim:
        if zh:
            return (
                f"分团计票机 {'、'.join(interim)} 交来的是中途的计票结果：最近的结果包没有声明这一轮计票完毕，"
                "此后那里计的选票不在本结果中（计完后在该计票机上加 --done 再导出结果包并导入，才能确认）"
            )
        return (
            f"station laptop(s) {', '.join(interim)} sent this round part-way: their latest"
            " package does not state they have finished counting it, and ballots counted there"
            " since are not in this count (export their package again with --done once they"
            " have counted, and import it, before certifying)"
        )
    if code == "secretary_not_standing" and (
        outside := [str(x) for x in doc.get("not_standing") or []]
    ):
        names = "、".join(outside)
        if zh:
            return (
                f"{names} 未当选本文件中的常委：书记、副书记从当选的常委中选举，宣布前请监票人核对"
            )
        return (
            f"{', '.join(outside)}: not elected to the standing committee in this file — the"
            " secretary and deputies are elected from among those elected to it; the scrutineers"
            " check the list before anything is announced"
        )
    labels = [str(x) for x in doc.get("manual_incomplete") or []]
    if code == "manual_incomplete" and labels:
        from huanjie_desktop.app.counting import hand_entries_advice

        z, e = hand_entries_advice(
            str(doc["contest"]),
            int(doc["round"]),
            labels,
            [str(x) for x in doc.get("withdrawal_proposed") or []],
        )
        return z if zh else e
    return WARNING_ZH.get(code, code) if zh else WARNING_EN.get(code, code)


def withdrawn_words(item: dict[str, Any], zh: bool) -> str:
    """One paper taken out of a count (`withdrawn_list`), in words."""
    what = (
        (f"手工录入 {item['label']}" if zh else f"hand entry {item['label']}")
        if item.get("label")
        else (f"选票 {item['sheet']}" if zh else f"sheet {item['sheet']}")
    )
    where = f"{item['contest']}/{item['round']}"
    state = str(item["state"])
    if zh:
        said = {
            "proposed": f"{item['decided_by']} 提出撤出，待另一位监票人确认",
            "withdrawn": f"已撤出计票（{item['decided_by']} 提出，{item['confirmed_by']} 确认）",
            "restore_proposed": f"已撤出（{item['decided_by']} 提出，{item['confirmed_by']} 确认）；恢复待确认",
            "restored": f"曾撤出（{item['decided_by']} 提出），已由 {item['restored_by']} 恢复",
            "held": f"撤出（{item['decided_by']} 提出，{item['confirmed_by']} 确认）与另一台计票机的认定不同，"
            "已送回审核（huanjie review list）",
        }.get(state, state)
        return f"{what}  {where}  {said}；理由：{item['reason']}"
    said = {
        "proposed": f"proposed by {item['decided_by']}, awaiting another scrutineer",
        "withdrawn": f"out of the count ({item['decided_by']}, confirmed by {item['confirmed_by']})",
        "restore_proposed": f"out of the count ({item['decided_by']}, confirmed by"
        f" {item['confirmed_by']}); putting back awaits confirmation",
        "restored": f"was taken out ({item['decided_by']}), put back by {item['restored_by']}",
        "held": f"taken out ({item['decided_by']}, confirmed by {item['confirmed_by']}) but"
        " settled otherwise on another laptop: back in review (huanjie review list)",
    }.get(state, state)
    return f"{what}  {where}  {said}; why: {item['reason']}"


def table(headers: list[str], rows: list[list[str]], right: set[int]) -> list[str]:
    widths = [max(text_width(x) for x in col) for col in zip(headers, *rows, strict=True)]
    out = []
    for row in [headers, *rows]:
        cells = [pad(x, w, i in right) for i, (x, w) in enumerate(zip(row, widths, strict=True))]
        out.append("  ".join(cells).rstrip())
    return out


def _pct(agree: int, of: int) -> str:
    """As on the paper: exact, half-up (9 of 16 is 56.3 %)."""
    from huanjie_desktop.domain.rules import percent_text

    return percent_text(agree, of)


NOT_ELIGIBLE = {
    "elected_before": ("已在前一轮当选", "elected in an earlier round"),
    "not_in_tie": ("不在再次投票范围", "not among the tied"),
    "no_vote": ("代表名单中无选举权，不能当选", "no vote on the roster: cannot be elected"),
}


def tally_lines(doc: dict[str, Any], lang: str) -> list[str]:
    from huanjie_desktop.domain.tally import void_in_doubt, void_in_doubt_text
    from huanjie_desktop.reports.words import illegible_writeins_zh

    zh = lang != "en"
    status = doc["status"]
    pre = bool(doc.get("preselection"))  # 预选: a list of formal candidates, not a seat
    lines = [
        f"{doc.get('title', doc['contest'])}  第 {doc['round']} 轮"
        if zh
        else f"{doc['contest']} round {doc['round']}",
        (
            f"应到 {doc['expected']}  实到 {doc['present']}  "
            f"{'符合' if doc['quorum_met'] else '不符合'}到会人数要求"
        )
        if zh
        else f"expected {doc['expected']}  present {doc['present']}  quorum"
        f" {'met' if doc['quorum_met'] else 'NOT met'}",
        (
            f"发出 {doc['issued']}  收回 {doc['collected']}  "
            + (
                "各票箱的发出、收回票数尚未登记完整"
                if not doc.get("boxes_entered", True)
                else ("本轮投票有效" if doc["quorum_met"] else "收回不多于发出")
                if doc["round_valid"]
                else "收回多于发出，本轮投票无效"
            )
        )
        if zh
        else f"issued {doc['issued']}  collected {doc['collected']}  "
        + (
            "not every box's issued and collected numbers are entered yet"
            if not doc.get("boxes_entered", True)
            else ("round valid" if doc["quorum_met"] else "collected not more than issued")
            if doc["round_valid"]
            else "collected more than issued: round VOID"
        ),
        (
            f"有效票 {doc['valid_ballots']}  无效票 {doc['void_ballots']}  "
            f"待审核 {doc['pending_review']}"
        )
        if zh
        else f"valid {doc['valid_ballots']}  void {doc['void_ballots']}  pending"
        f" {doc['pending_review']}",
        (
            (
                f"当选基数 {doc['base']}  再次投票：票数相等的被选举人中得票多的当选"
                "（原轮次均已过半数，本轮不再要求过半数）"
            )
            if zh
            else f"base {doc['base']}  tie re-vote: the most votes among those tied are elected"
            " (each was over half in the round they tied in; the half is not asked again)"
        )
        if doc.get("round_kind") == "tie" and not pre
        else (
            (
                "预选，再次投票：票数相等的被选举人中得票多的确定为正式候选人"
                if zh
                else "preselection, tie re-vote: the most votes among those tied are selected"
                " as formal candidates"
            )
            if doc.get("round_kind") == "tie"
            else (
                f"预选：按赞成票多少确定正式候选人 {doc['seats']} 名，不要求超过半数"
                if zh
                else f"preselection: the {doc['seats']} with the most agree votes are selected"
                " as formal candidates; no more-than-half rule"
            )
        )
        if pre
        else (f"当选基数 {doc['base']}  当选票数须达到 {doc['threshold']} 票（超过半数）")
        if zh
        else f"base {doc['base']}  threshold {doc['threshold']} (more than half)",
        "",
    ]
    # (预选: those "elected" are selected as formal candidates — 确定为正式候选人)
    chosen = ("确定为正式候选人" if zh else "selected") if pre else ("当选" if zh else "yes")
    last = ("确定为正式候选人" if pre else "当选") if zh else ("selected" if pre else "elected")
    headers = (
        ["名次", "编号", "姓名", "赞成", "不赞成", "弃权", "占有效票", "占基数", last]
        if zh
        else ["rank", "code", "name", "agree", "disagree", "abstain", "%valid", "%base", last]
    )
    tie = "票数相等" if zh else "tie"
    settled = doc["status"] in ("final", "certified")
    # (over the half, the seats gone to more votes: said as the paper says it, 过半数未当选
    # — a blank read as short of the half)
    over = ("过半数未当选" if zh else "over half, no seat left") if settled and not pre else ""
    # (printed candidates and write-in persons together, by votes: the read-out order)
    ranked: list[tuple[int, list[str]]] = []
    for c in doc["candidates"]:
        mark = chosen if c["elected"] else ""
        if any(t.get("code") == c["code"] for t in doc.get("tie", [])):
            mark = tie
        elif not mark and c.get("over_threshold"):
            mark = over
        ranked.append(
            (
                int(c["rank"]),
                [
                    str(c["rank"]),
                    c["code"],
                    c["name"],
                    str(c["agree"]),
                    str(c["disagree"]),
                    str(c["abstain"]),
                    _pct(c["agree"], doc["valid_ballots"]),
                    _pct(c["agree"], doc["base"]),
                    mark,
                ],
            )
        )
    for w in doc["writeins"]:
        tied = any(
            not t.get("code") and (t.get("person"), t.get("name")) == (w.get("person"), w["name"])
            for t in doc.get("tie", [])
        )
        ranked.append(
            (
                int(w["rank"]),
                [
                    str(w["rank"]),
                    "另选" if zh else "write-in",
                    w["name"],
                    str(w["agree"]),
                    "",
                    "",
                    _pct(w["agree"], doc["valid_ballots"]),
                    _pct(w["agree"], doc["base"]),
                    chosen
                    if w["elected"]
                    else tie
                    if tied
                    else NOT_ELIGIBLE.get(w.get("not_eligible") or "", ("", ""))[0 if zh else 1]
                    or (over if w.get("over_threshold") else ""),
                ],
            )
        )
    rows = [row for _, row in sorted(ranked, key=lambda r: r[0])]
    lines += table(headers, rows, {0, 3, 4, 5, 6, 7})
    if said := illegible_writeins_zh(doc):
        n = int(doc["writeins_illegible"])
        lines.append(said if zh else f"{n} write-in(s) whose name cannot be read: no one's vote")
    lines.append("")
    if doc["tie"]:
        names = "、".join(t["name"] for t in doc["tie"])
        lines.append(
            (
                f"票数相等：{names}，须对其再次投票确定 {doc['tie_seats']} 名正式候选人"
                if pre
                else f"票数相等：{names}，须对其再次投票决定 {doc['tie_seats']} 个名额"
            )
            if zh
            else (
                f"tie: {names}; a re-vote selects {doc['tie_seats']} formal candidate(s)"
                if pre
                else f"tie: {names}; a re-vote decides {doc['tie_seats']} seat(s)"
            )
        )
    if doc["status"] in ("final", "certified"):
        from huanjie_desktop.reports.words import seats_reduced_zh

        left = int(doc["unfilled_seats"]) - int(doc.get("tie_seats") or 0)
        reduced = doc.get("seats_reduced") if left > 0 else None
        decision = str((reduced or {}).get("decision") or "").strip()
        if pre:
            listed = doc.get("selected_as_formal_candidates") or []
            names = "、".join(str(e["name"]) for e in listed)
            lines.append(
                (f"本轮确定 {len(doc['elected'])} 名；" if doc["round"] > 1 else "")
                + f"确定为正式候选人共 {len(listed)} 名"
                + (f"，另 {doc['tie_seats']} 名待再次投票确定" if doc["tie_seats"] else "")
                + (f"，尚缺 {left} 名（预选不另行选举）" if left > 0 else "")
                + (f"（按姓氏笔画为序）：{names}" if names else "")
                if zh
                else (
                    f"selected in this round: {len(doc['elected'])}; " if doc["round"] > 1 else ""
                )
                + f"selected as formal candidates: {len(listed)}"
                + (f", {doc['tie_seats']} more by the tie re-vote" if doc["tie_seats"] else "")
                + (f", {left} place(s) short (no supplementary round)" if left > 0 else "")
                + (f" (姓氏笔画 order): {names}" if names else "")
            )
        else:
            lines.append(
                f"当选 {len(doc['elected'])} 名，空缺 {doc['unfilled_seats']} 名"
                + (f"：{seats_reduced_zh(doc, left)}" if reduced else "")
                if zh
                else f"elected {len(doc['elected'])}, unfilled seats {doc['unfilled_seats']}"
                + (
                    f": the {left} unfilled seat(s) reduced, no further round"
                    + (f" ({decision})" if decision else "")
                    if reduced
                    else ""
                )
            )
    only_by_hand = (
        0 < int(doc.get("pending_review") or 0) <= len(doc.get("manual_incomplete") or [])
    )
    reasons = [
        ("有只录入了一次的手工录入选票" if zh else "hand_entry_incomplete")
        if r == "pending_review" and only_by_hand
        else REASON_ZH.get(r, r)
        if zh
        else r
        for r in doc.get("reasons", [])
    ]
    lines.append(
        (
            f"状态：{STATUS_ZH.get(status, status)}"
            + (f"（{'；'.join(reasons)}）" if reasons else "")
        )
        if zh
        else f"status: {status}" + (f" ({'; '.join(reasons)})" if reasons else "")
    )
    if "stations_waiting" in (doc.get("reasons") or []) and not doc.get("station"):
        lines.append(("注意：" if zh else "warning: ") + stations_waiting_text(doc, zh))
    # (a station's 收回 beside its sheets is said below, as its own: whether the round would
    # be void is the main laptop's)
    if void_in_doubt(doc.get("reasons", []), status) and not doc.get("station"):
        z, e = void_in_doubt_text(
            int(doc["issued"]),
            int(doc["collected"]),
            int(doc["valid_ballots"]) + int(doc["void_ballots"]) + int(doc["pending_review"]),
        )
        lines.append(z if zh else e)
    for twice in boxes_twice(doc):
        z, e = twice.advice(str(doc["contest"]), int(doc["round"]))
        lines.append(("注意：" if zh else "warning: ") + (z if zh else e))
    for w in doc.get("warnings", []):
        lines.append(("注意：" if zh else "warning: ") + warning_text(w, doc, zh))
    for item in doc.get("withdrawn") or []:
        lines.append(
            ("撤出计票：" if zh else "taken out of the count: ") + withdrawn_words(item, zh)
        )
    for f in doc.get("elected_order_flags", []):
        pair = "、".join(n for n in (f["first"], f["second"]) if n)
        lines.append(
            f"正式候选人名单的顺序请核对（{pair}）：{f['zh']}"
            if zh and pre
            else f"当选名单的顺序请核对（{pair}）：{f['zh']}"
            if zh
            else f"check the order of the list of those elected ({pair}): {f['en']}"
        )
    if doc.get("digest"):
        lines.append(("数字摘要：" if zh else "digest: ") + str(doc["digest_short"]))
    if doc.get("station"):
        # A sub-delegation's laptop holds its own boxes and sheets, no check-ins: what it
        # would say of the round (void, no quorum) is not the round's.
        lines[1:3] = [
            f"分团计票机（{doc['station']}）：本机只有本分团的票箱和选票，没有报到记录。"
            "到会人数、本轮是否有效、谁当选，以主机合并各分团后的结果为准。"
            if zh
            else f"station laptop ({doc['station']}): only this sub-delegation's boxes and"
            " sheets are here, no check-ins. Attendance, whether the round is valid and who"
            " is elected are the main laptop's, once every station is merged.",
            f"本分团：发出 {doc['issued']}  收回 {doc['collected']}"
            if zh
            else f"this station: issued {doc['issued']}  collected {doc['collected']}",
        ]
        lines = [x for x in lines if not x.startswith(("状态：", "status: "))]
        # (what the station can check itself — its boxes against its sheets, sheets held
        # for review — is said there, as the main laptop says it once merged: 7 sheets
        # counted against 6 collected passed on the station without a word)
        own = [
            str(r) for r in doc.get("reasons", []) if r not in ("station_count", "quorum_not_met")
        ]
        if own:
            lines.append(
                "注意（本分团）：" + "；".join(REASON_ZH.get(r, r) for r in own)
                if zh
                else "warning (this station): " + "; ".join(own)
            )
    return lines


def _station_json(doc: dict[str, Any]) -> dict[str, Any]:
    """A station laptop's tally for ``--json``: provisional (``station_count`` first), never
    void for want of check-ins it does not hold — its ``quorum_met`` is null (unknown there)."""
    from huanjie_desktop.reports.words import station_view

    out = station_view(doc)
    if out is not doc:
        out["quorum_met"] = None
    return out


def contract_document(doc: dict[str, Any]) -> dict[str, Any]:
    """``tally --json`` as its contract has it: ``status`` is ``provisional`` or ``final``
    (or ``void``: 收回 > 发出, or no quorum); a certified round is ``final`` with
    ``"certified": true`` and its digest — a script waiting for ``final`` is not thrown by
    the scrutineers having signed. A round certified void is ``void`` with
    ``"certified": true`` (settled: a re-vote is due), one still void on its figures
    ``false``. On a station laptop: ``provisional``, ``station_count`` first among the
    reasons, ``quorum_met`` null (`_station_json`)."""
    out = _station_json(doc) if doc.get("station") else dict(doc)
    out["certified"] = doc.get("status") == "certified" or bool(doc.get("digest"))
    if doc.get("status") == "certified":
        out["status"] = "final"
    return out


def run_tally(ctx: Ctx) -> int:
    from huanjie_desktop.app.counting import tally

    with _opened(ctx, ctx.args.file) as (db, session):
        doc = tally(db, ctx.args.contest, ctx.args.round, operator=session)
    if ctx.args.json:
        ctx.json(contract_document(doc))
    else:
        for line in tally_lines(doc, ctx.lang):
            ctx.out(line)
    return EXIT_OK


# --- review -----------------------------------------------------------------------------------


def run_review_list(ctx: Ctx) -> int:
    from huanjie_desktop.app.counting import confirmed_list, hand_entries_waiting, review_list
    from huanjie_desktop.app.scan import back_of
    from huanjie_desktop.storage.sheets import get as stored_sheet
    from huanjie_desktop.storage.sheets import review_reasons

    with _viewed(ctx, ctx.args.file) as db:
        items = review_list(db, ctx.args.contest)
        waiting = hand_entries_waiting(db, ctx.args.contest)
        for it in items:
            if "written_back" in it["reasons"]:  # (where its back is, as the scan said)
                held = stored_sheet(db.con, str(it["sheet"]))
                it["back"] = back_of(held.reason if held else None)
            if {"station_disagrees", "serial_conflict"} & set(it["reasons"]):
                # (what each laptop made of it, or the sheet of its serial taken out of the
                # count: as the import or the scan wrote it with the hold, in the record's words)
                held = stored_sheet(db.con, str(it["sheet"]))
                said = _held_words(held.reason if held else None)
                if said:
                    it["said"] = said
        # (a hand entry and a scan of one serial: said so, not "different images")
        shown = {
            str(it["sheet"]): review_reasons(db.con, str(it["sheet"]), it["reasons"])
            for it in items
        }
        done = confirmed_list(db, ctx.args.contest) if ctx.args.confirmed else []
    if ctx.args.json:
        # (the confirmed ones after those held, each with "done": true)
        ctx.json(items + done)
        return EXIT_OK
    if not items:
        ctx.out(ctx.t("没有待审核的选票。", "No sheet is held for review."))
    else:
        _review_items(ctx, items, shown)
    for contest, number, labels, proposed in waiting:
        # (no sheet held, yet the round waits: a hand entry entered once is said here too)
        from huanjie_desktop.app.counting import hand_entries_advice

        z, e = hand_entries_advice(contest, number, labels, proposed)
        ctx.out(ctx.t(f"{contest} 第 {number} 轮：{z}。", f"{contest} round {number}: {e}."))
    if ctx.args.confirmed:
        _confirmed_items(ctx, done)
    return EXIT_OK


def _held_words(reason: str | None) -> list[str]:
    """From a held sheet's stored reason: what this laptop and a station each made of it
    (the import's words), and the sheet of its serial taken out of the count (the scan's)."""
    if not reason:
        return []
    out = []
    at = reason.find("分团“")
    if at >= 0 and "认定与本机不同" in reason[at:]:
        out.append(reason[at:])
    twin = reason.find("（这个防伪码的选票")
    if twin >= 0:
        out.append(reason[twin + 1 :].split("）；")[0].removesuffix("）"))
    return out


def _confirmed_items(ctx: Ctx, done: list[dict[str, Any]]) -> None:
    """The sheets settled by a confirmed decision: what, who, when, where (`review list
    --confirmed`) — for the chief scrutineer to look over before certifying."""
    from huanjie_desktop.app.counting import _wall_clock

    if not done:
        ctx.out(ctx.t("没有已确认的审核决定。", "No review decision has been confirmed."))
        return
    ctx.out(ctx.t(f"已确认的审核决定 {len(done)} 项：", f"{len(done)} confirmed decisions:"))
    for it in done:
        d = it["decision"]
        where = f"{it['contest'] or '?'}/{it['round'] or '?'}"
        reasons = "、".join(str(r) for r in it["reasons"]) or "—"
        ctx.out(f"{it['sheet']}  {where}  {it['file']} p{it['page']}  {reasons}")
        at = str(d.get("station") or "")
        when = _wall_clock(str(d.get("confirmed_at") or ""))
        ctx.out(
            ctx.t(
                f"    {d['decided_by']} 决定，{d['confirmed_by']} 确认（{when}）"
                + (f"，在分团计票机 {at} 上" if at else ""),
                f"    decided by {d['decided_by']}, confirmed by {d['confirmed_by']} ({when})"
                + (f", on station {at}'s laptop" if at else ""),
            )
        )
        if d.get("duplicate_of"):
            decided = ctx.t("重复扫描，不计", "another scan of the same paper: not counted")
        elif d.get("withdrawn") or d.get("restored"):
            decided = _withdraw_decided(ctx, d)
        elif d.get("valid") is False:
            decided = ctx.t("整张作废", "void") + (f"（{d['reason']}）" if d.get("reason") else "")
        else:
            decided = " ".join(f"{k}={v}" for k, v in (d.get("marks") or {}).items())
        names = _writein_words(ctx, d.get("writeins"))
        ctx.out(
            ctx.t(f"    决定（第 {d['id']} 号）：{decided}", f"    decision {d['id']}: {decided}")
            + (ctx.t(f"；{names}", f"; {names}") if names else "")
        )


def _withdraw_decided(ctx: Ctx, d: dict[str, Any]) -> str:
    """A decision taking a sheet out of the count, or putting it back, in words."""
    why = str(d.get("reason") or "")
    if d.get("withdrawn"):
        return ctx.t(
            "撤出计票（不是本轮的一张选票）", "taken out of the count (no ballot of this round)"
        ) + (f"（{why}）" if why else "")
    return ctx.t("恢复，按撤出前的情况计", "put back as it was before it was taken out") + (
        f"（{why}）" if why and why != "restored" else ""
    )


def _review_items(
    ctx: Ctx, items: list[dict[str, Any]], shown: dict[str, list[str]] | None = None
) -> None:
    for it in items:
        where = f"{it['contest'] or '?'}/{it['round'] or '?'}"
        reasons = "、".join(str(r) for r in it["reasons"]) or "—"
        waiting = ""
        if it["decision"]:
            waiting = ctx.t(
                f"  已由 {it['decision']['decided_by']} 决定，待确认",
                f"  decided by {it['decision']['decided_by']}, awaiting confirmation",
            )
        ctx.out(f"{it['sheet']}  {where}  {it['file']} p{it['page']}  {reasons}{waiting}")
        if it["reasons"]:
            # (the codes above are for scripts; the words, for the person at the desk)
            from huanjie_desktop.recognition.reasons import messages

            codes = (shown or {}).get(str(it["sheet"])) or [str(r) for r in it["reasons"]]
            ctx.out("    " + messages(codes, ctx.lang))
        for said in it.get("said") or []:
            ctx.out(f"    {said}")
        if it.get("back"):
            back = str(it["back"])
            ctx.out(
                ctx.t(
                    f"    背面：{back}",
                    "    its back: " + re.sub(r"^(.*) 第 (\d+) 页$", r"\1 page \2", back),
                )
            )
        marks = " ".join(f"{k}={v}" for k, v in it["marks"].items())
        if marks and it.get("source") == "manual":
            # (a hand entry: what the person entered, no machine reading)
            ctx.out(ctx.t(f"    手工录入：{marks}", f"    entered by hand: {marks}"))
        elif marks:
            ctx.out(ctx.t(f"    机器读数：{marks}", f"    machine read: {marks}"))
        written = _writein_words(ctx, it.get("writeins"))
        if written:
            ctx.out("    " + written)
        beside = " ".join(f"{b['candidate']} {b['name']}".strip() for b in it["beside_boxes"])
        if beside:
            ctx.out(
                ctx.t(
                    f"    方格外有笔迹（圈、叉姓名之类，对照原票认定）：{beside}",
                    f"    marked outside the box (name circled, crossed out…; see the paper): {beside}",
                )
            )
        d = it["decision"]
        if d:
            # what the confirmer would confirm, so that nobody confirms unseen
            decided = " ".join(f"{k}={v}" for k, v in (d.get("marks") or {}).items())
            if d.get("valid") is False:
                decided = ctx.t("整张作废", "void") + (
                    f"（{d['reason']}）" if d.get("reason") else ""
                )
            if d.get("withdrawn") or d.get("restored"):
                decided = _withdraw_decided(ctx, d)
            names = _writein_words(ctx, d.get("writeins"))
            ctx.out(
                ctx.t(
                    f"    决定（第 {d.get('id')} 号）：{decided or '按机器读数'}",
                    f"    decision {d.get('id')}: {decided or 'as read'}",
                )
                + (ctx.t(f"；{names}", f"; {names}") if names else "")
            )
    ctx.out(ctx.t(f"共 {len(items)} 张", f"{len(items)} sheets"))


def run_review_decide(ctx: Ctx) -> int:
    from huanjie_desktop.app.counting import decide

    a = ctx.args
    marks = _pairs(ctx, a.mark, "--mark")
    writeins = _writeins(ctx, a.writein)
    with _opened(ctx, a.file) as (db, session):
        out = decide(
            db,
            a.sheet,
            marks,
            writeins,
            a.void,
            a.accept,
            a.by,
            a.reason,
            duplicate=a.duplicate,
            operator=session,
        )
    if a.json:
        ctx.json(out.to_json())
        return EXIT_OK
    if out.duplicate_of:
        ctx.out(
            ctx.t(
                f"选票 {out.sheet}：与 {'、'.join(out.duplicate_of)} 是同一张选票的重复扫描，不计。"
                "须由另一位监票人确认（huanjie review confirm）。",
                f"sheet {out.sheet}: another scan of the paper {', '.join(out.duplicate_of)}; it"
                " does not count once a different scrutineer confirms it (huanjie review confirm).",
            )
        )
        return EXIT_OK
    verdict = (
        ctx.t("有效", "valid")
        if out.valid
        else ctx.t(f"无效（{out.void_reason}）", f"void ({out.void_reason})")
    )
    written = _writein_words(ctx, out.writeins)
    ctx.out(
        ctx.t(
            f"选票 {out.sheet}：已记录决定，{verdict}；候选人的标记与机器识别不同的 {len(out.changes)} 处"
            + ("（另选他人栏按决定列在后面）" if written else "")
            + "：",
            f"sheet {out.sheet}: decision recorded, {verdict}; {len(out.changes)} candidate mark(s)"
            " differ from the machine's reading"
            + (" (the write-in columns as decided follow)" if written else "")
            + ":",
        )
    )
    # (in words: the codes A/D/N/? read N as "no" to an English reader, and 'abstain' it is)
    words = {
        "A": ("赞成", "agree"),
        "D": ("不赞成", "disagree"),
        "N": ("弃权", "abstain"),
        "?": ("无法辨认", "unclear"),
    }
    for code, before, after in out.changes:
        was = ctx.t(*words.get(before, (before, before)))
        now = ctx.t(*words.get(after, (after, after)))
        ctx.out(f"    {code}: {was} → {now}")
    if written:
        ctx.out("    " + written)
    for w in out.writeins:
        if w.get("name") and not w.get("person"):
            # a name not found on the roster: counted as written (check the spelling)
            ctx.out(
                ctx.t(
                    f"    注意：另选他人第 {w.get('column')} 栏“{w['name']}”不在代表名单中，"
                    "按所写姓名计票；如是名单中的人写法不同，请改填其代表编号。",
                    f"    note: write-in {w.get('column')} {w['name']!r} is not on the roster and"
                    " counts as written; if it is someone on it written otherwise, give their code.",
                )
            )
    ctx.out(
        ctx.t(
            "须由另一位监票人确认后计入（huanjie review confirm）。",
            "It counts once a different scrutineer confirms it (huanjie review confirm).",
        )
    )
    return EXIT_OK


def run_review_confirm(ctx: Ctx) -> int:
    from huanjie_desktop.app.counting import confirm

    with _opened(ctx, ctx.args.file) as (db, session):
        out = confirm(db, ctx.args.sheet, ctx.args.by, operator=session, decision=ctx.args.decision)
    if ctx.args.json:
        ctx.json(
            {
                "sheet": out.sheet,
                "decision": out.decision,
                "decided_by": out.decided_by,
                "confirmed_by": out.confirmed_by,
                "valid": out.valid,
                "marks": out.marks,
                "duplicate": out.duplicate,
                "withdrawn": out.withdrawn,
                "restored": out.restored,
            }
        )
        return EXIT_OK
    if out.withdrawn or out.restored:
        ctx.out(_withdraw_said(ctx, out.sheet, "withdrawn" if out.withdrawn else "restored"))
        return EXIT_OK
    if out.duplicate:
        ctx.out(
            ctx.t(
                f"已确认选票 {out.sheet} 是同一张选票的重复扫描（{out.decided_by} 决定，"
                f"{out.confirmed_by} 确认），不计入。",
                f"sheet {out.sheet}: recorded as another scan of a paper already counted"
                f" ({out.decided_by}, confirmed by {out.confirmed_by}); it does not count.",
            )
        )
        return EXIT_OK
    what = ctx.t("无效票", "a void ballot") if not out.valid else _reading(ctx, out)
    ctx.out(
        ctx.t(
            f"已确认选票 {out.sheet} 的审核决定（{out.decided_by} 决定，{out.confirmed_by} 确认），"
            + (f"计入：{what}。" if out.valid else f"按{what}计入。"),
            f"sheet {out.sheet}: decision by {out.decided_by} confirmed by"
            f" {out.confirmed_by}; it now counts as {what}.",
        )
    )
    return EXIT_OK


def _withdraw_said(ctx: Ctx, what: str, state: str, by: str = "", confirmed: str = "") -> str:
    """What a taking out (or putting back) of a paper now is, in words."""
    if state == "proposed":
        return ctx.t(
            f"{what}：已提出撤出计票（{by}），须由另一位监票人确认后生效"
            "（huanjie review withdraw … --confirm）。",
            f"{what}: taking it out of the count proposed ({by}); in effect once another"
            " scrutineer confirms it (huanjie review withdraw … --confirm).",
        )
    if state == "restore_proposed":
        return ctx.t(
            f"{what}：已提出恢复（{by}），须由另一位监票人确认后生效（huanjie review withdraw … --confirm）。",
            f"{what}: putting it back proposed ({by}); in effect once another scrutineer"
            " confirms it (huanjie review withdraw … --confirm).",
        )
    if state == "withdrawn":
        return ctx.t(
            f"{what}：已撤出计票（不是本轮的一张选票，不计有效票、无效票，也不算收回的一张）；"
            "记录保留，huanjie review withdraw … --restore 可恢复。",
            f"{what}: taken out of the count (no ballot of this round, valid or void, and no"
            " sheet against those collected); kept on record — huanjie review withdraw …"
            " --restore puts it back.",
        )
    return ctx.t(
        f"{what}：已恢复，按撤出前的情况计。",
        f"{what}: put back; it stands as it did before it was taken out.",
    )


def run_review_withdraw(ctx: Ctx) -> int:
    from huanjie_desktop.app.counting import confirm_withdrawal, restore, withdraw

    a = ctx.args
    if a.label is None and a.sheet is None:
        usage_error(
            ctx.t(
                "请用 --label 给出手工录入的标签，或用 --sheet 给出选票记录的编号",
                "give the hand entry's label with --label, or the sheet's id with --sheet",
            )
        )
    with _opened(ctx, a.file) as (db, session):
        if a.confirm:
            out = confirm_withdrawal(
                db, a.contest, a.round, label=a.label, sheet=a.sheet, by=a.by, operator=session
            )
        else:
            act = restore if a.restore else withdraw
            out = act(
                db,
                a.contest,
                a.round,
                label=a.label,
                sheet=a.sheet,
                reason=a.reason,
                by=a.by,
                operator=session,
            )
    if a.json:
        ctx.json(out.to_json())
        return EXIT_OK
    what = (
        ctx.t(f"手工录入 {out.label}", f"hand entry {out.label}")
        if out.label
        else ctx.t(f"选票 {out.sheet}", f"sheet {out.sheet}")
    )
    if out.state == "restored" and out.sheet_status is not None:
        # (a label put back whose second entry a station made since: it has its sheet, and
        # waits for no second entry)
        if out.sheet_status == "review":
            ctx.out(
                ctx.t(
                    f"{what}：已恢复。它的第二次录入已由分团交来，选票 {out.sheet} 待审核："
                    "监票人审核决定后计入（huanjie review list / decide）。",
                    f"{what}: put back. Its second entry came from its station: sheet"
                    f" {out.sheet} is held for review and counts once decided (huanjie review"
                    " list / decide).",
                )
            )
        elif out.sheet_status == "counted":
            ctx.out(
                ctx.t(
                    f"{what}：已恢复。它已两次录入，作为选票 {out.sheet} 计入。",
                    f"{what}: put back. It was entered twice and counts as sheet {out.sheet}.",
                )
            )
        else:
            ctx.out(_withdraw_said(ctx, what, out.state))
        return EXIT_OK
    if out.state == "restored" and out.sheet is None:
        ctx.out(
            ctx.t(
                f"{what}：已恢复，重新等待第二人录入（本轮在它录入或再次撤出之前不能确认）。",
                f"{what}: put back; it awaits its second entry again (the round cannot be"
                " certified until it is entered or taken out again).",
            )
        )
        return EXIT_OK
    ctx.out(_withdraw_said(ctx, what, out.state, out.decided_by, out.confirmed_by or ""))
    return EXIT_OK


def run_review_withdrawn(ctx: Ctx) -> int:
    from huanjie_desktop.app.counting import withdrawn_list

    with _viewed(ctx, ctx.args.file) as db:
        items = withdrawn_list(db, ctx.args.contest)
    if ctx.args.json:
        ctx.json(items)
        return EXIT_OK
    if not items:
        ctx.out(ctx.t("没有撤出计票的手工录入或选票。", "Nothing has been taken out of a count."))
        return EXIT_OK
    for it in items:
        ctx.out(withdrawn_words(it, ctx.lang != "en"))
    ctx.out(ctx.t(f"共 {len(items)} 项", f"{len(items)} in all"))
    return EXIT_OK


_SIGN = {"agree": ("○", "○"), "disagree": ("×", "×"), "abstain": ("无符号", "no mark")}


def _writein_words(ctx: Ctx, writeins: Any) -> str:
    """Write-in columns in words: '另选他人第 1 栏 郭强（○）' (a machine's reading: whether a
    name is written), '' when none holds anything."""
    parts = []
    for w in writeins or []:
        if not isinstance(w, dict):
            continue
        col = w.get("column")
        mark = str(w.get("mark") or "")
        sign = _SIGN.get(mark, ("？", "?"))
        who = w.get("name") or w.get("person")
        if not who and w.get("illegible"):
            # (a person's decision: a name is there that nobody can read — a choice)
            who = ctx.t("姓名无法辨认", "name illegible")
        elif not who and "has_name" not in w and mark not in ("", "abstain"):
            # (a person's decision, not the machine's reading: the column holds no name)
            who = ctx.t("无姓名", "no name")
        if not who:
            if w.get("has_name") is None and mark in ("", "abstain"):
                continue
            if w.get("has_name") is False and mark == "abstain":
                continue
            # (the machine's reading: a name seen, none read, or it could not tell)
            seen = w.get("has_name")
            who = ctx.t(
                "写有姓名"
                if seen is True
                else "未读到姓名"
                if seen is False
                else "姓名栏看不清（请看原票）",
                "a name written"
                if seen is True
                else "no name read"
                if seen is False
                else "name box unclear (see the paper)",
            )
        parts.append(
            ctx.t(f"另选他人第 {col} 栏 {who}（{sign[0]}）", f"write-in {col} {who} ({sign[1]})")
        )
    return ctx.t("；".join(parts), "; ".join(parts))


def _reading(ctx: Ctx, out: ConfirmOutcome) -> str:
    """A confirmed sheet's marks in words, the candidates named (not the compact code)."""
    from huanjie_desktop.domain.model import Mark

    if len(out.candidates) != len(out.marks):
        return ctx.t(f"读数 {out.marks}", f"reading {out.marks}")
    groups: dict[str, list[str]] = {}
    for (code, name), m in zip(out.candidates, out.marks, strict=True):
        groups.setdefault(m, []).append(f"{code} {name}")
    words = {
        Mark.AGREE.code: ("赞成", "agree"),
        Mark.DISAGREE.code: ("不赞成", "disagree"),
        Mark.UNCLEAR.code: ("无法辨认（不计票）", "unreadable (no vote)"),
    }
    parts = [
        ctx.t(f"{zh} {'、'.join(groups[k])}", f"{en} {', '.join(groups[k])}")
        for k, (zh, en) in words.items()
        if groups.get(k)
    ]
    rest = len(groups.get(Mark.ABSTAIN.code, []))
    if rest:
        parts.append(ctx.t(f"其余 {rest} 名弃权", f"{rest} other(s) abstain"))
    written = _writein_words(ctx, out.writeins)
    if written:
        parts.append(written)
    if not parts:
        return ctx.t("有效票", "a valid ballot")
    return ctx.t("；".join(parts), "; ".join(parts))


# --- manual -----------------------------------------------------------------------------------


def run_manual(ctx: Ctx) -> int:
    from huanjie_desktop.app.counting import manual_entry

    a = ctx.args
    marks = _pairs(ctx, a.mark, "--mark")
    writeins = _writeins(ctx, a.writein)
    if not a.label and a.serial is None:
        usage_error(
            ctx.t(
                "请用 --serial 给出原票上印的防伪码；防伪码无法辨认的，用 --label 给一个标签（如票箱和序号 A-017）",
                "give the serial printed on the paper with --serial; if it cannot be read, a"
                " label with --label (e.g. box and number A-017)",
            )
        )
    with _opened(ctx, a.file) as (db, session):
        out = manual_entry(
            db,
            a.contest,
            a.round,
            a.label,
            marks,
            writeins,
            a.by,
            a.void,
            operator=session,
            serial=a.serial,
        )
    if a.json:
        ctx.json(out.to_json())
        return EXIT_OK if out.status != "mismatch" else 1
    ctx.out(ctx.t(f"录入内容：{out.recorded[0]}", f"entered: {out.recorded[1]}"))
    if out.unmatched:
        ctx.err(ctx.t("  [提示] ", "  [warning] ") + ctx.t(*out.unmatched_words()))
    if out.status == "counted":
        ctx.out(
            ctx.t(
                f"选票 {out.label} 两次录入一致，已计入。",
                f"ballot {out.label}: both entries agree; it counts.",
            )
        )
    elif out.status == "first" and out.again:
        ctx.out(
            ctx.t(
                f"选票 {out.label} 你已录入过一次，这次的录入代替了上次的；仍须由另一人再录入一次，一致后计入。",
                f"ballot {out.label}: you had entered it already; this entry replaces yours. A"
                " second person must still enter it.",
            )
        )
    elif out.status == "first":
        ctx.out(
            ctx.t(
                f"选票 {out.label} 已录入一次，须由另一人再录入一次，一致后计入。",
                f"ballot {out.label} entered once; a second person must enter it too.",
            )
        )
    else:
        ctx.out(
            ctx.t(
                f"选票 {out.label} 两次录入不一致，未计入：",
                f"ballot {out.label}: the two entries differ; it does not count:",
            )
        )
        for item, other, this in out.differences:
            ctx.out(f"    {item}: {other} ≠ {this}")
    return EXIT_OK if out.status != "mismatch" else 1


# --- rounds -----------------------------------------------------------------------------------


def _local_time(ctx: Ctx, text: str) -> str:
    """A time typed on this laptop ("2026-11-30 14:30", "14:30" for today; its local time)
    as the app writes times (UTC ISO-8601)."""
    import datetime as dt

    raw = text.strip().replace("T", " ")
    try:
        if re.fullmatch(r"\d{1,2}:\d{2}(:\d{2})?", raw):
            t = dt.time.fromisoformat(raw if raw.count(":") == 2 else raw + ":00")
            at = dt.datetime.combine(dt.date.today(), t)
        else:
            at = dt.datetime.fromisoformat(raw)
    except ValueError:
        usage_error(
            ctx.t(
                f"无法识别的时间：{text}（写成 2026-11-30 14:30 或 14:30）",
                f"not a time: {text} (write 2026-11-30 14:30, or 14:30)",
            )
        )
    local = at if at.tzinfo is not None else at.astimezone()
    return local.astimezone(dt.UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def run_round_attendance(ctx: Ctx) -> int:
    """The chief scrutineer settles a round's 实到: when voting began, or the figures as
    fixed are right (recorded in the audit log)."""
    from huanjie_desktop.app.counting import _wall_clock, settle_attendance

    a = ctx.args
    began = None if a.as_fixed else _local_time(ctx, a.voting_began)
    with _opened(ctx, a.file) as (db, session):
        r = settle_attendance(db, a.contest, a.round, a.by, began, a.reason, operator=session)
    if a.json:
        ctx.json(
            {
                "contest": r.contest,
                "round": r.round,
                "expected": r.expected,
                "present": r.present,
                "before": list(r.before) if r.before else None,
                "voting_began": r.as_of,
            }
        )
        return EXIT_OK
    was = (
        ctx.t(
            f"（此前为应到 {r.before[0]}、实到 {r.before[1]}）",
            f" (was: expected {r.before[0]}, present {r.before[1]})",
        )
        if r.before
        else ""
    )
    if r.as_of is None:
        ctx.out(
            ctx.t(
                f"{r.contest} 第 {r.round} 轮：按已确定的应到 {r.expected}、实到 {r.present} 计，已记入审计日志。",
                f"{r.contest} round {r.round}: expected {r.expected}, present {r.present} as"
                " fixed — confirmed, recorded in the audit log.",
            )
        )
    else:
        ctx.out(
            ctx.t(
                f"{r.contest} 第 {r.round} 轮：投票开始于 {_wall_clock(r.as_of)}（本机时钟），"
                f"此前报到的计为实到：应到 {r.expected}、实到 {r.present}{was}。已记入审计日志。",
                f"{r.contest} round {r.round}: voting began {_wall_clock(r.as_of)} (this"
                f" laptop's clock); those checked in before it are present: expected"
                f" {r.expected}, present {r.present}{was}. Recorded in the audit log.",
            )
        )
    return EXIT_OK


def run_round_new(ctx: Ctx) -> int:
    """Open the next round (the issue's contract: ``round new`` opens it, ready for
    ``ballots print``). In a terminal the list is shown and confirmed first, unless
    ``--yes``; ``--propose`` shows the proposal and opens nothing."""
    from huanjie_desktop.app.counting import open_round

    a = ctx.args
    if a.propose and a.yes:
        usage_error(
            ctx.t("--propose 与 --yes 不能同时使用", "--propose and --yes cannot be combined")
        )
    ask = not (a.yes or a.propose or a.json) and sys.stdin.isatty()
    with _opened(ctx, a.file) as (db, session):
        chosen = None
        if a.candidates is not None:
            chosen = [x for x in re.split(r"[,，、\s]+", a.candidates) if x]

        def propose(confirm: bool) -> RoundProposal:
            return open_round(
                db,
                a.contest,
                a.kind,
                confirm=confirm,
                operator=session,
                candidates=chosen,
                seats_decided=a.seats,
                decision=a.decision,
                without_stations=a.without_station,
            )

        p = propose(not (a.propose or ask))
        if ask:
            _say_round(ctx, p)
            question = (
                ctx.t("记录这一决定？[y/N] ", "Record this decision? [y/N] ")
                if p.seats == 0
                else ctx.t("开启这一轮？[y/N] ", "Open this round? [y/N] ")
            )
            try:
                answer = input(question)
            except EOFError:
                answer = ""
            if answer.strip().lower() not in ("y", "yes", "是", "确认"):
                ctx.out(ctx.t("未开启，什么也没有改动。", "Not opened; nothing was changed."))
                return EXIT_OK
            p = propose(True)
            _say_done(ctx, p)
            return EXIT_OK
    if a.json:
        ctx.json(p.to_json())
        return EXIT_OK
    _say_round(ctx, p)
    _say_done(ctx, p)
    return EXIT_OK


def _say_round(ctx: Ctx, p: RoundProposal) -> None:
    """A proposed (or opened) round in words: seats, candidates, ballot order, notes."""
    kind_zh = {"supplementary": "另行选举", "tie": "再次投票", "rerun": "重新投票"}
    kind = p.to_json()["kind"]
    if p.seats == 0:
        # (the presidium reduces the seats to those filled: no round to open)
        for zh, en in p.notes:
            ctx.out(ctx.t("注意：" + zh, "note: " + en))
        return
    ctx.out(
        ctx.t(
            f"{p.title} 第 {p.number} 轮（{kind_zh.get(kind, kind)}）：应选 {p.seats} 名",
            f"{p.contest} round {p.number} ({kind}): {p.seats} seat(s)",
        )
    )
    if kind == "rerun":
        # (the round before was void: its votes count for nothing and are not shown)
        ctx.out(
            ctx.t("候选人（上一轮投票无效，重新投票）：", "candidates (the round before was void):")
        )
        for k in p.candidates:
            ctx.out(f"    {k.code or ctx.t('（新增）', '(new)')}  {k.name}")
    else:
        ctx.out(
            ctx.t("候选人（按上一轮赞成票数）：", "candidates (by votes in the previous round):")
        )
        for k in p.candidates:
            when = ctx.t(f"（第 {k.round} 轮）", f" (round {k.round})") if k.round else ""
            ctx.out(f"    {k.code or ctx.t('（新增）', '(new)')}  {k.name}  {k.agree}{when}")
    ctx.out(ctx.t("选票上的顺序：", "ballot order: ") + "、".join(p.ballot_order))
    for zh, en in p.notes:
        ctx.out(ctx.t("注意：" + zh, "note: " + en))


def _say_done(ctx: Ctx, p: RoundProposal) -> None:
    if p.seats == 0:
        ctx.out(
            ctx.t("已记录：不再另行选举。", "Recorded: no further round.")
            if p.created
            else ctx.t(
                "以上为主席团的决定；不加 --propose 再运行一次即记录。",
                "This is the presidium's decision; run again without --propose to record it.",
            )
        )
    elif p.created:
        ctx.out(
            ctx.t(
                "已开启，可以印制选票（huanjie ballots print）。",
                "Opened; ballots can be printed (huanjie ballots print).",
            )
        )
    else:
        ctx.out(
            ctx.t(
                "以上为建议名单；经主席团确认后，不加 --propose 再运行一次即开启。",
                "This is the proposal; once the presidium confirms, run again without"
                " --propose to open it.",
            )
        )


def run_certify(ctx: Ctx) -> int:
    from huanjie_desktop.app.counting import certify

    a = ctx.args
    with _opened(ctx, a.file) as (db, session):
        out = certify(
            db, a.contest, a.round, a.by, operator=session, without_stations=a.without_station
        )
    if a.json:
        ctx.json(out.to_json())
        return EXIT_OK
    if out.status == "void":
        ctx.out(
            ctx.t(
                f"{out.contest} 第 {out.round} 轮已记录为无效（保留在案），请重新投票。",
                f"{out.contest} round {out.round} is recorded as void; re-run it.",
            )
        )
    else:
        ctx.out(
            ctx.t(
                f"{out.contest} 第 {out.round} 轮结果已确认并冻结。",
                f"{out.contest} round {out.round} is certified and frozen.",
            )
        )
    ctx.out(
        ctx.t(
            f"数字摘要：{out.digest_short}（huanjie verify FILE --digest {out.digest_short}）",
            f"digest: {out.digest_short} (huanjie verify FILE --digest {out.digest_short})",
        )
    )
    return EXIT_OK


def run_report(ctx: Ctx) -> int:
    from huanjie_desktop.app.counting import report

    a = ctx.args
    with _opened(ctx, a.file) as (db, session):
        out = report(
            db,
            a.contest,
            a.round,
            Path(a.out),
            a.attendance,
            a.ballots,
            a.composition,
            operator=session,
        )
    if a.json:
        ctx.json(
            {"file": str(out.path), "papers": out.papers, "pages": out.pages, "status": out.status}
        )
        return EXIT_OK
    ctx.out(ctx.t(f"已生成 {out.path}（{out.pages} 页）", f"wrote {out.path} ({out.pages} pages)"))
    if out.status == "provisional":
        ctx.out(
            ctx.t(
                "注意：结果尚未确定，报告单带有“未确认”水印。",
                "note: the result is provisional; the papers carry a PROVISIONAL mark.",
            )
        )
    return EXIT_OK


def run_export(ctx: Ctx) -> int:
    from huanjie_desktop.app.counting import export_xlsx

    with _opened(ctx, ctx.args.file) as (db, session):
        n = export_xlsx(db, Path(ctx.args.out), operator=session)
    ctx.out(
        ctx.t(f"已导出 {n} 轮计票结果到 {ctx.args.out}", f"exported {n} rounds to {ctx.args.out}")
    )
    return EXIT_OK
