"""Entry point of the `huanjie` command. Each command lives in a `cmd_*.py` module with a
``register(subparsers)`` function; heavy modules are imported inside the command, not here.
"""

from __future__ import annotations

import argparse
import getpass
import importlib
import os
import sqlite3
import sys
from pathlib import Path

from huanjie_desktop.app.oserrors import why_en, why_zh
from huanjie_desktop.cli.common import (
    EXIT_OK,
    EXIT_REFUSED,
    EXIT_USAGE,
    Ctx,
    Refused,
    UsageRefused,
    check_output,
)
from huanjie_desktop.storage.db import ElectionFileError

# Command modules, in the order `huanjie --help` lists them.
COMMAND_MODULES = [
    "huanjie_desktop.cli.cmd_election",
    "huanjie_desktop.cli.cmd_contest",
    "huanjie_desktop.cli.cmd_sort_names",
    "huanjie_desktop.cli.cmd_ballots",
    "huanjie_desktop.cli.cmd_scan",
    "huanjie_desktop.cli.cmd_count",
    "huanjie_desktop.cli.cmd_stations",
    "huanjie_desktop.cli.cmd_demo",
    "huanjie_desktop.cli.cmd_selfcheck",
]


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        print(f"{self.prog}: 用法错误 / usage error: {message}", file=sys.stderr)
        sys.exit(EXIT_USAGE)


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="huanjie", description="换届计票 — huanjie offline ballot counting")
    parser.add_argument(
        "--lang",
        choices=["zh", "en"],
        default=os.environ.get("HUANJIE_LANG", "zh"),
        help="message language / 提示语言 (zh, en)",
    )
    parser.add_argument(
        "--operator",
        default=None,
        help="who is working (recorded in the audit log); default: the login name",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    for name in COMMAND_MODULES:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name == name:
                continue  # command not built yet in this checkout
            raise
        module.register(sub)
    return parser


def _hoist_globals(argv: list[str]) -> list[str]:
    """Let --lang and --operator stand anywhere on the line, not only before the command."""
    front: list[str] = []
    rest: list[str] = []
    i = 0
    while i < len(argv):
        a = argv[i]
        if a in ("--lang", "--operator") and i + 1 < len(argv):
            front += [a, argv[i + 1]]
            i += 2
            continue
        if a.startswith(("--lang=", "--operator=")):
            front.append(a)
        else:
            rest.append(a)
        i += 1
    return front + rest


def _safe_streams() -> None:
    """Output in a locale that cannot write every character (GBK, Latin-1, ASCII: a rare
    name's 䶮, Chinese text in an English locale): the character is replaced, never a
    traceback half-way through a list."""
    for stream in (sys.stdout, sys.stderr):
        encoding = str(getattr(stream, "encoding", "") or "").lower().replace("-", "")
        reconfigure = getattr(stream, "reconfigure", None)
        if encoding not in ("utf8", "utf8sig") and reconfigure is not None:
            reconfigure(errors="replace")


def main(argv: list[str] | None = None) -> int:
    _safe_streams()
    parser = build_parser()
    args = parser.parse_args(_hoist_globals(sys.argv[1:] if argv is None else argv))
    if not getattr(args, "func", None):
        parser.print_help(sys.stderr)
        return EXIT_USAGE
    operator = args.operator or os.environ.get("HUANJIE_OPERATOR") or _login_name()
    ctx = Ctx(args=args, lang=args.lang, operator=operator)
    try:
        if isinstance(getattr(args, "out", None), str):
            # (a report, a workbook, ballots or cards written over the election file, or over
            # another one, lost it without a word)
            check_output(ctx, args.out, getattr(args, "file", None))
        code: int = args.func(ctx)
    except Refused as exc:
        for m in exc.messages:
            print(m, file=sys.stderr)
        return EXIT_USAGE if isinstance(exc, UsageRefused) else EXIT_REFUSED
    except ElectionFileError as exc:  # e.g. NotAllowed from a command that does not catch it
        print(exc.message(ctx.lang), file=sys.stderr)
        return EXIT_REFUSED
    except BrokenPipeError:
        # (the output piped into a reader that stopped reading, `| head`: nothing is wrong;
        # Python's own flush at exit would complain again, so stdout goes to nowhere)
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return EXIT_OK
    except (OSError, sqlite3.OperationalError) as exc:
        # A file or folder that cannot be written or read (no such folder, no permission, a
        # full disk, a read-only medium): say which and what to do, no traceback.
        where = getattr(exc, "filename", None) or ""
        if isinstance(exc, sqlite3.OperationalError):  # (SQLite does not say which file)
            where = str(getattr(args, "file", "") or "")
        print(
            ctx.t(
                f"无法读写文件{f' {where}' if where else ''}：{why_zh(exc)}。请检查路径是否存在、是否有写入权限、"
                "磁盘是否已满或只读，换一个位置后再试。",
                f"cannot read or write{f' {where}' if where else ''}: {why_en(exc)}. Check that the"
                " folder exists and can be written to, and that the disk is not full or"
                " read-only; try another place.",
            ),
            file=sys.stderr,
        )
        return EXIT_REFUSED
    except sqlite3.DatabaseError as exc:
        # A file damaged inside (a bad sector, a copy cut in the middle): SQLite finds out
        # only when it reads that part — said as the damage it is, never a traceback.
        where = str(getattr(args, "file", "") or "")
        name = Path(where).name if where else ""
        print(
            ctx.t(
                f"选举文件{f' {where}' if where else ''}已损坏（{exc}）。请从备份恢复（huanjie restore"
                f" 文件 备份）：本文件的备份在 {name}.backups 文件夹里，用 backup --to 复制到别处的"
                "备份也可以。",
                f"the election file{f' {where}' if where else ''} is damaged ({exc}). Restore it"
                f" from a backup (huanjie restore FILE BACKUP): this file's backups are in the"
                f" folder {name}.backups; a copy made elsewhere with backup --to will do too.",
            ),
            file=sys.stderr,
        )
        return EXIT_REFUSED
    except KeyboardInterrupt:
        print(
            ctx.t(
                "已中断。已保存的内容不会丢失，再次运行即可继续。",
                "Interrupted. What was saved is kept; run again to continue.",
            ),
            file=sys.stderr,
        )
        return 130
    return code if code is not None else EXIT_OK


def _login_name() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "operator"


if __name__ == "__main__":
    sys.exit(main())
