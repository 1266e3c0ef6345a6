"""Command: selfcheck — check this installation (fonts, stroke table, poppler, QR readers).

``huanjie selfcheck [--json]``: one line per check, and what to do for each that failed.
Exit code 0 when everything works, 1 when something is missing.
"""

from __future__ import annotations

from typing import Any

from huanjie_desktop.cli.common import EXIT_OK, EXIT_REFUSED, Ctx


def register(sub: Any) -> None:
    p = sub.add_parser("selfcheck", help="检查本机安装是否完整 / check this installation")
    p.add_argument("--json", action="store_true", help="输出 JSON / print JSON")
    p.set_defaults(func=run)


def run(ctx: Ctx) -> int:
    from huanjie_desktop.app.selfcheck import run_checks

    report = run_checks()
    if ctx.args.json:
        ctx.json(report.to_json())
        return EXIT_OK if report.ok else EXIT_REFUSED
    ctx.out(
        ctx.t(
            f"换届计票 {report.version} 自检（资源文件夹：{report.resources}）",
            f"huanjie {report.version} self-check (resources: {report.resources})",
        )
    )
    for c in report.checks:
        mark = "✓" if c.ok else ("✗" if c.essential else "!")
        ctx.out(ctx.t(f"  {mark} {c.title_zh}：{c.found}", f"  {mark} {c.title_en}: {c.found}"))
        if not c.ok:
            ctx.out("      " + ctx.t("怎么办：", "what to do: ") + ctx.t(c.fix_zh, c.fix_en))
    if report.ok:
        ctx.out(ctx.t("全部正常。", "Everything works."))
        return EXIT_OK
    essential = [c for c in report.checks if not c.ok and c.essential]
    ctx.err(
        ctx.t(
            "有必需的部分缺失或不能工作，本软件不能正常使用：请按上面的“怎么办”处理。",
            "Something essential is missing or broken; the program cannot work properly: "
            "see 'what to do' above.",
        )
        if essential
        else ctx.t(
            "必需的部分都正常；标 ! 的可选部分缺失（见上）。",
            "Everything essential works; the optional parts marked ! are missing (see above).",
        )
    )
    return EXIT_REFUSED
