"""Commands: template, init, status, checkin, verify.

``checkin`` signs in when the file has accounts (`common.signed_in`) and needs the
``prepare`` right; ``status`` and ``verify`` only read and need no sign-in.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from huanjie_desktop.cli.common import (
    EXIT_OK,
    EXIT_REFUSED,
    Ctx,
    open_file,
    output_problem,
    pad,
    refuse,
    signed_in,
    text_width,
    usage_error,
)
from huanjie_desktop.storage.db import ElectionFileError


def register(sub: Any) -> None:
    p = sub.add_parser(
        "template", help="写出选举定义 Excel 模板 / write the definition workbook template"
    )
    p.add_argument("out", metavar="OUT.xlsx")
    p.add_argument("--example", action="store_true", help="filled with a small example election")
    p.add_argument(
        "--plenary-of",
        metavar="FILE.huanjie",
        help="全委会（选举常委、书记、副书记）：名单为该文件中 --contest 选出的委员 / the new"
        " committee's plenary: its roster the members --contest elected in that file",
    )
    p.add_argument("--contest", metavar="C", help="with --plenary-of: the committee's contest")
    p.set_defaults(func=run_template)

    p = sub.add_parser(
        "init", help="由定义文件新建选举文件 / create an election file from a definition"
    )
    p.add_argument("file", metavar="FILE.huanjie")
    p.add_argument(
        "--from",
        dest="source",
        required=True,
        metavar="DEF",
        help="definition: .xlsx workbook (huanjie template) or .json",
    )
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=run_init)

    p = sub.add_parser("status", help="各选举事项的应到、实到、法定人数、差额 / per-contest status")
    p.add_argument("file", metavar="FILE")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=run_status)

    p = sub.add_parser("checkin", help="代表报到 / check voters in")
    p.add_argument("file", metavar="FILE")
    p.add_argument(
        "--person",
        nargs="+",
        action="extend",
        default=[],
        metavar="CODE",
        help="person codes or badge codes",
    )
    p.add_argument("--unit", help="with --all: everyone of this unit")
    p.add_argument("--all", action="store_true")
    p.add_argument(
        "--scanner",
        action="store_true",
        help="read codes typed by a badge scanner from stdin, one per line",
    )
    p.add_argument("--undo", action="store_true", help="undo these check-ins")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=run_checkin)

    p = sub.add_parser("verify", help="检查选举文件是否被改动 / check a file for tampering")
    p.add_argument("file", metavar="FILE")
    p.add_argument("--digest", help="confirm or refute a certified result digest")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=run_verify)


def run_template(ctx: Ctx) -> int:
    from huanjie_desktop.reports.workbook import write_template

    example = None
    if (problem := output_problem(Path(ctx.args.out), new_only=True)) is not None:
        refuse(ctx.t(*problem))  # (a filled-in workbook replaced by a blank one)
    if ctx.args.plenary_of:
        return _plenary_template(ctx)
    if ctx.args.example:
        from huanjie_desktop.app.demo import small_example_definition

        example = small_example_definition()
    out = Path(ctx.args.out)
    write_template(out, example)
    ctx.out(ctx.t(f"已写出模板：{out}", f"template written: {out}"))
    return EXIT_OK


def _plenary_template(ctx: Ctx) -> int:
    """The plenary's definition workbook, its roster those the congress elected."""
    from huanjie_desktop.app.plenary import PlenaryRefused, plenary_definition
    from huanjie_desktop.reports.workbook import write_template

    if not ctx.args.contest:
        usage_error(
            ctx.t(
                "请用 --contest 指定选出委员会的选举事项（如 WY）",
                "give the committee's contest with --contest (e.g. WY)",
            )
        )
    with signed_in(ctx, ctx.args.plenary_of) as (db, session):
        try:
            plenary = plenary_definition(db, ctx.args.contest, session)
        except PlenaryRefused as exc:
            refuse(ctx.t(exc.zh, exc.en))
    out = Path(ctx.args.out)
    write_template(out, plenary.definition)
    name = plenary.definition["election"]["name"]
    ctx.out(
        ctx.t(
            f"已写出全委会的定义模板：{out}（{name}，代表名单为当选的 {plenary.members} 名委员）。"
            "请在“选举事项”“候选人”中填写常委、书记、副书记的选举，再用 huanjie init 新建选举文件。",
            f"the plenary's definition workbook is written: {out} ({name}, its roster the"
            f" {plenary.members} members elected). Fill in the contests (standing committee,"
            " secretary, deputies) and their candidates, then create the file with huanjie init.",
        )
    )
    if plenary.unfilled:
        ctx.err(
            ctx.t(
                f"注意：该选举事项还有 {plenary.unfilled} 个名额空缺。",
                f"note: the contest left {plenary.unfilled} seats unfilled.",
            )
        )
    if not plenary.final:
        ctx.err(
            ctx.t(
                "注意：该选举事项的结果尚未确认（certify）；名单以确认后的结果为准。",
                "note: the contest's result is not certified yet; the certified one stands.",
            )
        )
    return EXIT_OK


def run_init(ctx: Ctx) -> int:
    from huanjie_desktop.app.election import init_election
    from huanjie_desktop.domain.definition import DefinitionRefused

    try:
        result = init_election(Path(ctx.args.file), Path(ctx.args.source), ctx.operator)
    except DefinitionRefused as exc:
        errors = [p for p in exc.problems if not p.warning]
        if ctx.args.json:
            ctx.json(
                {
                    "ok": False,
                    "problems": [
                        {
                            "where": p.where,
                            "code": p.code,
                            "message": p.message(ctx.lang),
                            "warning": p.warning,
                        }
                        for p in exc.problems
                    ],
                }
            )
        else:
            ctx.err(
                ctx.t(
                    f"定义中有 {len(errors)} 处错误，未创建选举文件。请逐条改正后重试：",
                    f"The definition has {len(errors)} error(s); no file was created. Fix each and try again:",
                )
            )
            for p in exc.problems:
                tag = ctx.t("提示", "warning") if p.warning else ctx.t("错误", "error")
                ctx.err(f"  [{tag}] {p.message(ctx.lang)}")
        return EXIT_REFUSED
    except ElectionFileError as exc:
        refuse(exc.message(ctx.lang))
    d = result.definition
    if ctx.args.json:
        ctx.json(
            {
                "ok": True,
                "file": str(result.path),
                "units": len(d.units),
                "people": len(d.people),
                "contests": [c.code for c in d.contests],
                "warnings": [p.message(ctx.lang) for p in result.warnings],
                "order_flags": {
                    k: [[f.first, f.second] for f in v] for k, v in result.order_flags.items() if v
                },
                # (the same flags with why each is to be confirmed)
                "order_notes": {
                    k: [
                        {"first": f.first, "second": f.second, "reason": f.reason(ctx.lang)}
                        for f in v
                    ]
                    for k, v in result.order_flags.items()
                    if v
                },
            }
        )
        return EXIT_OK
    ctx.out(
        ctx.t(
            f"已创建选举文件 {result.path}：{len(d.units)} 个选举单位，{len(d.people)} 名代表，{len(d.contests)} 个选举事项。",
            f"Created {result.path}: {len(d.units)} units, {len(d.people)} people, {len(d.contests)} contests.",
        )
    )
    for p in result.warnings:
        ctx.err(ctx.t("  [提示] ", "  [warning] ") + p.message(ctx.lang))
    for code, flags in result.order_flags.items():
        for f in flags:
            who = f"{f.first} / {f.second}" if f.second else f.first
            ctx.err(
                ctx.t(
                    f"  [请人工确认顺序] {code}：{who}：{f.reason_zh}",
                    f"  [confirm order] {code}: {who}: {f.reason_en}",
                )
            )
    return EXIT_OK


def run_status(ctx: Ctx) -> int:
    from huanjie_desktop.app.election import contest_status
    from huanjie_desktop.app.stations import is_station
    from huanjie_desktop.domain.rules import Margin
    from huanjie_desktop.storage import repo

    with open_file(ctx, ctx.args.file) as db:
        election = repo.read_election(db)
        rows = contest_status(db)
        station = is_station(db)
    if ctx.args.json:
        ctx.json(
            {
                "election": election.name,
                "date": election.date.isoformat(),
                "contests": [r.to_json() for r in rows],
            }
        )
        return EXIT_OK
    ctx.out(f"{election.name}  {election.date.isoformat()}")
    if station:
        ctx.out(
            ctx.t(
                "分团计票机：本机没有报到记录，到会人数和法定人数以主机为准。",
                "station laptop: no check-ins here; attendance and the quorum are the main"
                " laptop's.",
            )
        )
    head = ctx.t(
        "事项      应选 候选 差额  差额比例  应到  实到  法定人数",
        "contest   seats cands diff  margin  expected present quorum",
    )
    ctx.out(head)
    for r in rows:
        q = ctx.t("已达到" if r.quorum_met else "未达到", "met" if r.quorum_met else "NOT met")
        if station:  # (no check-ins here: the main laptop's attendance decides)
            q = "—"
        margin = r.margin
        warn = (
            ""
            if r.margin.meets_minimum
            else ctx.t(
                f"  ⚠ 候选人不足（至少{r.minimum_candidates}）",
                f"  ⚠ too few candidates (min {r.minimum_candidates})",
            )
        )
        if r.open_round is not None:
            # (the round under way: round 2's 3 seats and 4 candidates, not round 1's 9 and
            # 11 still — the 差额 minimum is the formal list's, checked before round 1)
            number, kind, seats, listed = r.open_round
            margin = Margin(seats, listed, 0)
            # (a later round of kind "formal" is a void round voted again)
            zh_kind = {"supplementary": "另行选举", "tie": "再次投票"}.get(kind, "重新投票")
            en_kind = {"supplementary": "supplementary", "tie": "tie re-vote"}.get(kind, "re-run")
            warn = ctx.t(
                f"  （第 {number} 轮{zh_kind}；第 1 轮应选 {r.seats}、候选 {r.candidates}）",
                f"  (round {number}, {en_kind}; round 1: {r.seats} seats, {r.candidates}"
                " candidates)",
            )
        fixed = (
            ctx.t(
                f"  （第 {r.fixed_round} 轮投票开始时确定；现已报到 {r.present_now}）",
                f"  (fixed for round {r.fixed_round} when voting began; checked in now"
                f" {r.present_now})",
            )
            if r.fixed_round
            else ""
        )
        if r.preselection:
            # (its "seats" are the formal candidates it selects)
            warn += ctx.t("  （预选：确定正式候选人）", "  (preselection: formal candidates)")
        ctx.out(
            f"{r.code:<8} {margin.seats:>5} {margin.candidates:>4} {margin.difference:>4} {margin.ratio_text:>8} {r.expected:>5} {r.present:>5}  {q}{warn}  {r.title}{fixed}"
        )
    return EXIT_OK


def run_checkin(ctx: Ctx) -> int:
    from huanjie_desktop.app.election import check_in
    from huanjie_desktop.storage import repo

    a = ctx.args
    with signed_in(ctx, a.file) as (db, session):
        tokens: list[str] = list(a.person)
        if a.all:
            if not a.unit:
                usage_error(ctx.t("--all 需要同时指定 --unit", "--all needs --unit"))
            units = repo.read_units(db)
            # (a unit by its code, or by its name as the definition allows)
            by_name = [u.code for u in units if u.name.strip() == a.unit.strip()]
            codes = {u.code for u in units}
            unit: str | None = a.unit if a.unit in codes else None
            if unit is None and len(by_name) == 1:
                unit = by_name[0]
            if unit is None:
                refuse(
                    ctx.t(
                        f"选举单位“{a.unit}”不存在（可用编号或名称：{'、'.join(u.code + ' ' + u.name for u in units)}）",
                        f"unit {a.unit!r} does not exist (by code or name:"
                        f" {', '.join(u.code + ' ' + u.name for u in units)})",
                    )
                )
            tokens += [p.code for p in repo.read_people(db, unit)]
        if a.scanner:
            tokens += [line.strip() for line in sys.stdin if line.strip()]
        if not tokens:
            say = usage_error if not (a.person or a.all or a.scanner) else refuse
            say(
                ctx.t(
                    "没有要报到的人：请给出 --person、--unit U --all 或 --scanner",
                    "nobody to check in: give --person, --unit U --all or --scanner",
                )
            )
        outcomes = check_in(db, tokens, undo=a.undo, operator=session)
        totals = {}
        from huanjie_desktop.app.election import (
            contest_status,
            rounds_at_stations,
            rounds_under_way,
        )

        for s in contest_status(db):
            totals[s.code] = (s.expected, s.present, s.quorum_met)
        under_way = rounds_under_way(db)
        at_stations = (
            rounds_at_stations(db)
            if any(o.status in ("checked_in", "undone") for o in outcomes)
            else []
        )
        # (a name typed where a code goes: said with the codes of those of that name)
        from huanjie_desktop.storage.counting import people_named

        named = {o.token: people_named(db, o.token) for o in outcomes if o.status == "unknown"}
        # (two of one name told apart as their cards tell them: the clerk sees who was done)
        notes = repo.namesake_notes(db)
    unknown = [o for o in outcomes if o.status == "unknown"]
    if a.json:
        ctx.json(
            {
                "results": [
                    {**o.__dict__, "note": notes.get(o.person or "", "")} for o in outcomes
                ],
                "contests": {
                    k: {"expected": e, "present": p, "quorum_met": q}
                    for k, (e, p, q) in totals.items()
                },
            }
        )
    else:
        words = {
            "checked_in": ("已报到", "checked in"),
            "already": ("此前已报到", "already checked in"),
            "unknown": ("查无此人，请核对代表证或编号", "unknown code: check the badge or code"),
            "no_vote": (
                "已报到（无选举权，不计入实到）",
                "checked in (no vote: not counted as present)",
            ),
            "undone": ("已撤销报到", "check-in undone"),
            "not_checked_in": ("此人尚未报到", "was not checked in"),
        }
        # (names padded by the columns they take: a Chinese character is two)
        shown = {o.person: o.name + notes.get(o.person, "") for o in outcomes if o.person}
        wide = max([8, *(text_width(shown.get(o.person or "", o.name)) for o in outcomes)])
        # (the code as the roster has it — 'p0002' typed is P0002 — else what was typed)
        code_w = max([12, *(text_width(o.person or o.token) for o in outcomes)])
        for o in outcomes:
            zh, en = words[o.status]
            if named.get(o.token):
                # (a name found on the roster is no unknown code: said so, its codes below)
                zh, en = "是姓名，未报到", "a name: not checked in"
            name = shown.get(o.person or "", o.name)
            line = f"{pad(o.person or o.token, code_w)} {pad(name, wide)} {ctx.t(zh, en)}"
            # (a code nobody has goes where a script sees trouble, with the exit code)
            (ctx.err if o.status == "unknown" else ctx.out)(line)
            if named.get(o.token):
                who = "、".join(
                    f"{code}（{unit or '—'}{'，' + notes[code][1:-1] if code in notes else ''}）"
                    for code, _, unit in named[o.token]
                )
                who_en = ", ".join(
                    f"{code} ({unit or '-'}{', ' + notes[code][1:-1] if code in notes else ''})"
                    for code, _, unit in named[o.token]
                )
                ctx.err(
                    ctx.t(
                        f"  “{o.token}”是姓名：报到要用代表编号或代表证——名单中这个姓名是 {who}",
                        f"  {o.token!r} is a name: check-in takes the code or the badge —"
                        f" the roster has {who_en} of that name",
                    )
                )
        for k, (e, p, q) in totals.items():
            ctx.out(
                ctx.t(
                    f"{k}: 应到 {e} 实到 {p} {'已达到' if q else '未达到'}法定人数",
                    f"{k}: expected {e} present {p} quorum {'met' if q else 'NOT met'}",
                )
            )
        for k, number, e, p in under_way:
            ctx.err(
                ctx.t(
                    f"注意：{k} 第 {number} 轮已开始计票，其应到 {e}、实到 {p} 已在投票开始时确定；"
                    "现在报到或撤销报到只算入以后的轮次。",
                    f"note: {k} round {number} is being counted; its expected {e} and present"
                    f" {p} were fixed when voting began — checking in (or undoing it) now counts"
                    " for later rounds only.",
                )
            )
        for k, number, names in at_stations:
            # (the stations' ballot records are not here yet: if voting has begun there, the
            # round's attendance will be taken as of it when their package comes in)
            ctx.err(
                ctx.t(
                    f"注意：{k} 第 {number} 轮由分团计票机 {'、'.join(names)} 计票：如那里已开始投票，"
                    "现在报到或撤销报到不算入这一轮（这一轮的实到以任何一处第一条选票记录的时间为准，"
                    "导入其结果包时确定），只算入以后的轮次。",
                    f"note: station laptop(s) {', '.join(names)} count {k} round {number}: if"
                    " voting has begun there, checking in (or undoing it) now does not count in"
                    " that round (its attendance is taken as of its first ballot record"
                    " anywhere, when that package is imported), only in later rounds.",
                )
            )
    if unknown and len(unknown) < len(outcomes) and not a.json:
        as_names = sum(1 for o in unknown if named.get(o.token))
        as_codes = len(unknown) - as_names
        ctx.err(
            ctx.t(
                "；".join(
                    ([f"{as_codes} 个编号查无此人"] if as_codes else [])
                    + ([f"{as_names} 个是姓名，未报到"] if as_names else [])
                )
                + "（其余的已办理）：请核对后只重办这几个。",
                ", ".join(
                    ([f"{as_codes} code(s) not found"] if as_codes else [])
                    + ([f"{as_names} name(s) not checked in"] if as_names else [])
                )
                + " (the others were done): check them and redo only those.",
            )
        )
    return EXIT_REFUSED if unknown else EXIT_OK


def run_verify(ctx: Ctx) -> int:
    import re

    from huanjie_desktop.app.verify import verify_file

    digest = ctx.args.digest
    if digest is not None and not re.fullmatch(r"[0-9a-fA-F]{8,64}", digest.strip()):
        # (a slip of the keyboard is no sign of tampering: said as what to type again)
        usage_error(
            ctx.t(
                f"--digest “{digest}” 不像数字摘要：请照报告单上印的 16 位字符（0–9、a–f）重新输入。",
                f"--digest {digest!r} is not a digest: type again the 16 characters (0–9, a–f)"
                " printed on the paper.",
            )
        )
    with open_file(ctx, ctx.args.file) as db:
        report = verify_file(db, ctx.args.digest)
    if ctx.args.json:
        ctx.json(report.to_json(ctx.lang))
    else:
        for line in report.lines(ctx.lang):
            ctx.out(line)
    return EXIT_OK if report.ok else EXIT_REFUSED
