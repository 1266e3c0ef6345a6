"""Commands: ballots print / spoil / layout / issued / collected / runs, and badges.

In a file with accounts the commands that write sign in (`common.signed_in`): print, spoil
and badges need ``prepare``; issued/collected need ``scan``. layout and runs only read.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from huanjie_desktop.cli.common import EXIT_OK, Ctx, open_file, refuse, signed_in


def _round_arg(p: Any) -> None:
    p.add_argument("--contest", required=True, metavar="C", help="选举事项编号 / contest code")
    p.add_argument(
        "--round",
        type=int,
        default=None,
        metavar="R",
        help="第几轮（默认最新一轮）/ round number (default: the latest)",
    )


def register(sub: Any) -> None:
    p = sub.add_parser("ballots", help="印制选票、作废、版面、发出/收回票数 / ballots")
    bsub = p.add_subparsers(dest="ballots_command", metavar="ACTION", required=True)

    q = bsub.add_parser("print", help="印制选票 / print ballots (PDF)")
    q.add_argument("file", metavar="FILE")
    _round_arg(q)
    q.add_argument("--count", type=int, required=True, metavar="N", help="张数 / sheets")
    q.add_argument("--out", required=True, metavar="OUT.pdf")
    q.add_argument(
        "--test",
        action="store_true",
        help="印制样票（标有“样票”，正式计票时拒收）/ sample ballots a real count refuses",
    )
    q.add_argument("--json", action="store_true")
    q.set_defaults(func=run_print)

    q = bsub.add_parser("spoil", help="登记作废选票 / record a spoiled sheet")
    q.add_argument("file", metavar="FILE")
    q.add_argument("--serial", required=True, metavar="S", help="防伪码 / the sheet's serial")
    q.add_argument("--reason", required=True, help="作废原因 / why")
    q.add_argument("--json", action="store_true")
    q.set_defaults(func=run_spoil)

    q = bsub.add_parser("layout", help="选票版面（JSON，毫米）/ ballot geometry as JSON (mm)")
    q.add_argument("file", metavar="FILE")
    _round_arg(q)
    q.add_argument(
        "--json",
        action="store_true",
        help="（总是 JSON；与其他命令一致）/ (always JSON; accepted as every data command takes it)",
    )
    q.set_defaults(func=run_layout)

    for name, zh, en in (("issued", "发出", "issued"), ("collected", "收回", "collected")):
        q = bsub.add_parser(name, help=f"登记{zh}票数 / enter ballots {en} for a box")
        q.add_argument("file", metavar="FILE")
        _round_arg(q)
        q.add_argument(
            "--box",
            default=None,
            metavar="B",
            help="票箱（默认：主机为 1，分团机为 分团名-1）/ ballot box (default: 1 on the main"
            " laptop, STATION-1 on a station laptop)",
        )
        q.add_argument(
            "--station",
            default=None,
            help="计票点（默认本机：主机为 main，分团机为分团名）/ station (default: this laptop)",
        )
        q.add_argument("n", type=int, metavar="N", help=f"{zh}张数 / number {en}")
        q.add_argument("--json", action="store_true")
        q.set_defaults(func=run_box_count, which=name)

    q = bsub.add_parser(
        "box-resolve",
        help="两个分团都报来的票箱：选定按哪一份计 / a box two stations reported: which report counts",
    )
    q.add_argument("file", metavar="FILE")
    _round_arg(q)
    q.add_argument("--box", required=True, metavar="B", help="票箱 / ballot box")
    which = q.add_mutually_exclusive_group(required=True)
    which.add_argument(
        "--take",
        metavar="STATION",
        help="按这个分团报来的计，其余搁置不计 / count this station's report, set the others aside",
    )
    which.add_argument(
        "--both",
        action="store_true",
        help="是同名的不同票箱：每份都计 / different boxes under one label: every report counts",
    )
    q.add_argument("--by", default="", metavar="NAME", help="决定人（总监票人）/ who decides")
    q.add_argument("--reason", default="", help="依据 / why (e.g. the box's tally sheet)")
    q.add_argument("--json", action="store_true")
    q.set_defaults(func=run_box_resolve)

    q = bsub.add_parser("runs", help="印制记录 / list print runs")
    q.add_argument("file", metavar="FILE")
    q.add_argument("--contest", default=None, metavar="C")
    q.add_argument("--json", action="store_true")
    q.set_defaults(func=run_runs)

    p = sub.add_parser("badges", help="印制代表证 / print delegate cards (PDF)")
    p.add_argument("file", metavar="FILE")
    p.add_argument(
        "--unit",
        default=None,
        metavar="U",
        help="选举单位编号（默认全部）/ unit code (default: everyone)",
    )
    p.add_argument("--out", required=True, metavar="OUT.pdf")
    p.set_defaults(func=run_badges)


def run_print(ctx: Ctx) -> int:
    from huanjie_desktop.app.ballots import BallotRefused, print_ballots

    a = ctx.args
    with signed_in(ctx, a.file) as (db, session):
        try:
            res = print_ballots(
                db, a.contest, a.round, a.count, Path(a.out), test=a.test, operator=session
            )
        except BallotRefused as e:
            refuse(e.message(ctx.lang))
    if a.json:
        ctx.json(
            {
                "run": res.run,
                "contest": res.contest,
                "round": res.round,
                "count": res.count,
                "test": res.test,
                "file": str(res.path),
                "paper": res.paper,
                "serials_digest": res.digest,
                "fingerprint": res.fingerprint,
                "serials": list(res.serials),
            }
        )
        return EXIT_OK
    kind = ctx.t("样票", "sample ballots") if res.test else ctx.t("选票", "ballots")
    ctx.out(
        ctx.t(
            f"已印制 {res.contest} 第 {res.round} 轮{kind} {res.count} 张（{res.paper}）→ {res.path}",
            f"printed {res.count} {kind} for {res.contest} round {res.round} ({res.paper}) → {res.path}",
        )
    )
    ctx.out(
        ctx.t(
            f"印制批次 {res.run}，防伪码摘要 {res.digest[:16]}…",
            f"print run {res.run}, serials digest {res.digest[:16]}…",
        )
    )
    return EXIT_OK


def run_spoil(ctx: Ctx) -> int:
    from huanjie_desktop.app.ballots import BallotRefused, spoil

    a = ctx.args
    with signed_in(ctx, a.file) as (db, session):
        try:
            info = spoil(db, a.serial, a.reason, operator=session)
        except BallotRefused as e:
            refuse(e.message(ctx.lang))
    if a.json:
        ctx.json(
            {
                "serial": info.serial,
                "contest": info.contest,
                "round": info.round,
                "run": info.print_run,
                "test": info.test,
                "reason": info.spoiled_reason,
                "spoiled_at": info.spoiled_at,
            }
        )
        return EXIT_OK
    ctx.out(
        ctx.t(
            f"已登记作废：{info.serial}（{info.contest} 第 {info.round} 轮，原因：{info.spoiled_reason}）",
            f"spoiled: {info.serial} ({info.contest} round {info.round}, reason: {info.spoiled_reason})",
        )
    )
    return EXIT_OK


def run_layout(ctx: Ctx) -> int:
    from huanjie_desktop.app.ballots import BallotRefused, layout_for

    a = ctx.args
    with open_file(ctx, a.file) as db:
        try:
            layout = layout_for(db, a.contest, a.round)
        except BallotRefused as e:
            refuse(e.message(ctx.lang))
    ctx.json(layout.to_json())
    return EXIT_OK


def run_box_count(ctx: Ctx) -> int:
    from huanjie_desktop.app.ballots import (
        BallotRefused,
        default_box,
        record_box_count,
        resolve_round,
    )
    from huanjie_desktop.app.stations import is_station

    a = ctx.args
    issued = a.n if a.which == "issued" else None
    collected = a.n if a.which == "collected" else None
    with signed_in(ctx, a.file) as (db, session):
        try:
            rnd = resolve_round(db, a.contest, a.round)
            box = a.box if a.box is not None else default_box(db, a.contest, rnd, a.station)
            totals = record_box_count(
                db, a.contest, rnd, box, issued, collected, a.station, operator=session
            )
            station = is_station(db)
        except BallotRefused as e:
            refuse(e.message(ctx.lang))
    if a.json:
        ctx.json(
            {
                "contest": a.contest,
                "round": rnd,
                "issued": totals.issued,
                "collected": totals.collected,
                "collected_exceeds_issued": totals.collected_exceeds_issued,
                "boxes": [
                    {
                        "box": b.box,
                        "station": b.station,
                        "issued": b.issued,
                        "collected": b.collected,
                    }
                    for b in totals.boxes
                ],
            }
        )
        return EXIT_OK
    for b in totals.boxes:
        i = "—" if b.issued is None else str(b.issued)
        c = "—" if b.collected is None else str(b.collected)
        ctx.out(
            ctx.t(
                f"  票箱 {b.box}（{b.station}）：发出 {i}，收回 {c}",
                f"  box {b.box} ({b.station}): issued {i}, collected {c}",
            )
        )
    ctx.out(
        ctx.t(
            f"{a.contest} 第 {rnd} 轮合计：发出 {totals.issued} 张，收回 {totals.collected} 张",
            f"{a.contest} round {rnd} total: issued {totals.issued}, collected {totals.collected}",
        )
    )
    if not totals.entered:
        missing = "、".join(b.box for b in totals.boxes if b.issued is None or b.collected is None)
        ctx.out(
            ctx.t(
                f"（还缺票箱 {missing} 的发出或收回张数：登记齐后才能判定）",
                f"(box {missing} still lacks its issued or collected number: no verdict until"
                " every box has both)",
            )
        )
    elif totals.collected_exceeds_issued and station:
        ctx.err(
            ctx.t(
                "注意：本机登记的收回票数多于发出票数，请核对；本轮是否有效，以主机合并各分团后的合计为准。",
                "Note: more collected than issued in the boxes entered here: check them; whether"
                " the round is valid is decided on the main laptop's totals of every station.",
            )
        )
    elif totals.collected_exceeds_issued:
        ctx.err(
            ctx.t(
                "注意：收回票数多于发出票数，本轮选举无效，应重新投票。",
                "Note: more ballots collected than issued: this round is void and must be re-run.",
            )
        )
    return EXIT_OK


def run_box_resolve(ctx: Ctx) -> int:
    from huanjie_desktop.app.ballots import BallotRefused, resolve_box

    a = ctx.args
    with signed_in(ctx, a.file) as (db, session):
        try:
            r = resolve_box(
                db,
                a.contest,
                a.round,
                a.box,
                None if a.both else a.take,
                a.by,
                a.reason,
                operator=session,
            )
        except BallotRefused as e:
            refuse(e.message(ctx.lang))
    if a.json:
        ctx.json(
            {
                "ok": True,
                "contest": r.contest,
                "round": r.round,
                "box": r.box,
                "take": r.take,
                "set_aside": list(r.set_aside),
                "issued": r.totals.issued,
                "collected": r.totals.collected,
            }
        )
        return EXIT_OK
    for b in r.reports:
        i = "—" if b.issued is None else str(b.issued)
        c = "—" if b.collected is None else str(b.collected)
        aside = b.station in r.set_aside
        ctx.out(
            ctx.t(
                f"  票箱 {b.box}（{b.station}）：发出 {i}，收回 {c}"
                + ("——搁置，不计" if aside else "——计入"),
                f"  box {b.box} ({b.station}): issued {i}, collected {c}"
                + (" — set aside, not counted" if aside else " — counted"),
            )
        )
    ctx.out(
        ctx.t(
            f"已记入审计日志。{r.contest} 第 {r.round} 轮合计：发出 {r.totals.issued} 张，收回 {r.totals.collected} 张。",
            f"Recorded in the audit log. {r.contest} round {r.round} total: issued"
            f" {r.totals.issued}, collected {r.totals.collected}.",
        )
    )
    return EXIT_OK


def run_runs(ctx: Ctx) -> int:
    from huanjie_desktop.app.ballots import BallotRefused, print_runs

    a = ctx.args
    with open_file(ctx, a.file) as db:
        try:
            runs = print_runs(db, a.contest)
        except BallotRefused as e:
            refuse(e.message(ctx.lang))
    if a.json:
        ctx.json(
            [
                {
                    "run": r.id,
                    "contest": r.contest,
                    "round": r.round,
                    "count": r.count,
                    "test": r.test,
                    "at": r.at,
                    "operator": r.operator,
                    "serials_digest": r.serials_digest,
                    "spoiled": r.spoiled,
                }
                for r in runs
            ]
        )
        return EXIT_OK
    if not runs:
        ctx.out(ctx.t("还没有印制过选票。", "no ballots printed yet"))
        return EXIT_OK
    for r in runs:
        kind = ctx.t("样票", "test") if r.test else ctx.t("正式", "real")
        ctx.out(
            ctx.t(
                f"{r.id:>4}  {r.contest} 第{r.round}轮  {kind}  {r.count} 张  作废 {r.spoiled}"
                f"  {r.at}  {r.operator}  {r.serials_digest[:12]}",
                f"{r.id:>4}  {r.contest} round {r.round}  {kind}  {r.count} sheets"
                f"  spoiled {r.spoiled}  {r.at}  {r.operator}  {r.serials_digest[:12]}",
            )
        )
    return EXIT_OK


def run_badges(ctx: Ctx) -> int:
    from huanjie_desktop.app.ballots import BallotRefused, print_badges

    a = ctx.args
    with signed_in(ctx, a.file) as (db, session):
        try:
            n = print_badges(db, a.unit, Path(a.out), operator=session)
        except BallotRefused as e:
            refuse(e.message(ctx.lang))
    ctx.out(ctx.t(f"已印制代表证 {n} 张 → {a.out}", f"printed {n} delegate cards → {a.out}"))
    return EXIT_OK
