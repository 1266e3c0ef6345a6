"""`huanjie contest`: a contest's candidates taken from a 预选 (a preliminary vote whose
outcome is the formal candidate list)."""

from __future__ import annotations

from typing import Any

from huanjie_desktop.cli.common import EXIT_OK, EXIT_REFUSED, Ctx, signed_in


def register(sub: Any) -> None:
    p = sub.add_parser("contest", help="选举事项 / contests")
    actions = p.add_subparsers(dest="action", metavar="ACTION", required=True)
    q = actions.add_parser(
        "candidates",
        help="以预选确定的正式候选人作为本事项的候选人 / a contest's candidates from a"
        " preselection's list",
    )
    q.add_argument("file", metavar="FILE")
    q.add_argument("--contest", required=True, metavar="C", help="正式选举的事项 / the contest")
    q.add_argument(
        "--candidates-from",
        required=True,
        metavar="CODE",
        help="预选事项的编号（其最后一轮须已确认）/ the preselection (its last round certified)",
    )
    q.add_argument("--json", action="store_true")
    q.set_defaults(func=run_candidates)


def run_candidates(ctx: Ctx) -> int:
    from huanjie_desktop.app.prepare import candidates_from_preselection
    from huanjie_desktop.domain.definition import DefinitionRefused

    a = ctx.args
    with signed_in(ctx, a.file) as (db, session):
        try:
            added = candidates_from_preselection(db, a.contest, a.candidates_from, operator=session)
        except DefinitionRefused as exc:
            if a.json:
                ctx.json(
                    {
                        "ok": False,
                        "problems": [
                            {"code": p.code, "message": p.message(ctx.lang)} for p in exc.problems
                        ],
                    }
                )
            for p in exc.problems:
                ctx.err(p.message_en if ctx.lang == "en" else p.message_zh)
            return EXIT_REFUSED
    if a.json:
        ctx.json(
            {
                "ok": True,
                "contest": a.contest,
                "candidates_from": a.candidates_from,
                "candidates": [{"code": k.code, "name": k.name, "person": k.person} for k in added],
            }
        )
    else:
        ctx.out(
            ctx.t(
                f"{a.contest} 的候选人（预选 {a.candidates_from} 确定的正式候选人，按姓氏笔画为序）："
                + "、".join(k.name for k in added),
                f"{a.contest}'s candidates (the formal candidates preselection"
                f" {a.candidates_from} selected, 姓氏笔画 order): "
                + ", ".join(k.name for k in added),
            )
        )
    return EXIT_OK
