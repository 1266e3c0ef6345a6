"""Command: demo — build the bundled demo elections."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from huanjie_desktop.cli.common import EXIT_OK, Ctx, refuse


def register(sub: Any) -> None:
    p = sub.add_parser("demo", help="生成演示选举 / build the demo elections")
    p.add_argument("dir", metavar="DIR")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=run)


def run(ctx: Ctx) -> int:
    from huanjie_desktop.app.demo import run_demo
    from huanjie_desktop.storage.db import ElectionFileError

    folder = Path(ctx.args.dir)
    if (folder / "district.huanjie").exists():
        refuse(
            ctx.t(
                f"{folder} 中已有演示选举（district.huanjie）。请换一个文件夹，或先删除它。",
                f"{folder} already holds a demo election (district.huanjie); use another folder or remove it.",
            )
        )
    try:
        result = run_demo(folder, ctx.operator, progress=ctx.err)
    except ElectionFileError as exc:
        refuse(exc.message(ctx.lang))
    except KeyboardInterrupt:
        # (the generic "run again to continue" would be refused: the folder holds a demo)
        ctx.err(
            ctx.t(
                f"已中断：演示选举没有建完。请删除文件夹 {folder} 后重新运行，或换一个文件夹。",
                f"Interrupted: the demo elections were not finished. Remove the folder"
                f" {folder} and run again, or use another folder.",
            )
        )
        return 130
    if ctx.args.json:
        ctx.json(
            {
                "folder": str(result.folder),
                "files": {k: str(v) for k, v in result.files.items()},
                "notes": result.notes,
            }
        )
        return EXIT_OK
    ctx.out(
        ctx.t(f"演示选举已生成在 {result.folder}：", f"Demo elections written to {result.folder}:")
    )
    for key, path in result.files.items():
        ctx.out(f"  {key:<10} {path}")
    for note in result.notes:
        ctx.out(f"  {note}")
    return EXIT_OK
