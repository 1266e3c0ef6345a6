"""Shared CLI plumbing: language, JSON output, exit codes, messages, signing in.

Exit codes: 0 done, 1 input refused, 2 usage.

Signing in: while an election file has no account it runs in single-desk mode and nobody
signs in (no prompt). Once it has accounts, every command that reads results or changes the
file signs in as ``--operator NAME`` with the password from the HUANJIE_PASSWORD environment
variable or, on a terminal, a prompt; passwords are never taken from the command line.
`open_session(ctx, db)` does that; `signed_in(ctx, path)` opens the file, signs in and turns
a refusal of the app layer (NotAllowed: the operator lacks the right; DefinitionReadOnly: a
station laptop) into the command's refusal (exit 1) saying whose right it is and what to do.
"""

from __future__ import annotations

import argparse
import getpass
import json
import os
import sys
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

if TYPE_CHECKING:
    from huanjie_desktop.app.accounts import NotAllowed, Session
    from huanjie_desktop.storage.db import ElectionDB

EXIT_OK = 0
EXIT_REFUSED = 1
EXIT_USAGE = 2


@dataclass(frozen=True)
class Ctx:
    """What every command gets: the parsed args, the language and the operator's name."""

    args: argparse.Namespace
    lang: str
    operator: str

    def t(self, zh: str, en: str) -> str:
        return en if self.lang == "en" else zh

    def out(self, text: str) -> None:
        print(text)

    def err(self, text: str) -> None:
        print(text, file=sys.stderr)

    def json(self, data: Any) -> None:
        print(json.dumps(data, ensure_ascii=False, indent=2))


class Refused(Exception):
    """Input refused: the command prints the message(s) and exits 1."""

    def __init__(self, *messages: str) -> None:
        super().__init__("\n".join(messages))
        self.messages = messages


def refuse(*messages: str) -> NoReturn:
    raise Refused(*messages)


class UsageRefused(Refused):
    """The command was called wrongly (what to give is missing): exit code 2."""


def usage_error(*messages: str) -> NoReturn:
    raise UsageRefused(*messages)


# --- where a command writes -------------------------------------------------------------


def output_problem(
    out: Path, election: Path | None = None, new_only: bool = False
) -> tuple[str, str] | None:
    """Why ``out`` must not be written (zh, en), or None: it is a folder, the election file
    itself, another election file (an SQLite file: a report, a workbook or a template
    written over it would lose the election), or — ``new_only`` — any file already there
    (a filled-in workbook)."""
    if out.is_dir():
        return (
            f"{out} 是一个文件夹：请给出要写入的文件名（如 {out / '结果.pdf'}）。",
            f"{out} is a folder: give the name of the file to write (e.g. {out / 'result.pdf'}).",
        )
    if election is not None and out.exists() and election.exists():
        try:
            same = out.samefile(election)
        except OSError:
            same = False
        if same:
            return (
                f"{out} 就是选举文件本身：写入会毁掉选举。请给输出另取一个文件名。",
                f"{out} is the election file itself: writing there would destroy the"
                " election. Give the output another name.",
            )
    if out.is_file():
        try:
            with out.open("rb") as f:
                head = f.read(16)
        except OSError:
            head = b""
        if head.startswith(b"SQLite format 3"):
            return (
                f"{out} 是一个选举文件（或其备份）：写入会毁掉它。请给输出另取一个文件名。",
                f"{out} is an election file (or a backup of one): writing there would destroy"
                " it. Give the output another name.",
            )
        if new_only:
            return (
                f"文件 {out} 已存在（可能是已填写的定义表）：为避免覆盖，请换一个文件名，或先删除它。",
                f"{out} already exists (perhaps a filled-in workbook): to keep it, choose"
                " another name, or delete it first.",
            )
    return None


def check_output(ctx: Ctx, out: str | Path, election: str | Path | None = None) -> None:
    """Refuse (exit 1) an output `output_problem` finds fault with."""
    problem = output_problem(Path(out), Path(election) if election else None)
    if problem is not None:
        refuse(ctx.t(*problem))


# --- opening a file and signing in --------------------------------------------------------


def open_file(ctx: Ctx, path: str | Path) -> ElectionDB:
    """Open an election file; a file that cannot be opened is refused in words."""
    from huanjie_desktop.storage.db import ElectionFileError, open_election_file

    try:
        return open_election_file(Path(path), ctx.operator)
    except ElectionFileError as exc:
        refuse(exc.message(ctx.lang))


def read_password(ctx: Ctx, prompt_zh: str, prompt_en: str) -> str:
    """HUANJIE_PASSWORD, else a prompt on a terminal; refused when neither is possible."""
    env = os.environ.get("HUANJIE_PASSWORD")
    if env is not None:
        return env
    if not sys.stdin.isatty():
        refuse(
            ctx.t(
                "需要密码：请设置环境变量 HUANJIE_PASSWORD，或在终端中运行以输入密码。",
                "a password is needed: set HUANJIE_PASSWORD, or run in a terminal to type it.",
            )
        )
    return getpass.getpass(ctx.t(prompt_zh, prompt_en))


def open_session(ctx: Ctx, db: ElectionDB) -> Session | None:
    """Sign the operator in if the file has accounts (None in single-desk mode, no prompt).

    A wrong name or password, or a locked account, refuses the command (exit 1)."""
    from huanjie_desktop.app import accounts

    if not accounts.has_accounts(db):
        return None
    name = ctx.operator
    password = read_password(ctx, f"{name} 的密码：", f"password for {name}: ")
    try:
        return accounts.authenticate(db, name, password)
    except accounts.LoginFailed as exc:
        hint = (
            ""
            if getattr(ctx.args, "operator", None)
            else ctx.t(
                "（本文件已设账户：请用 --operator 姓名 登录）",
                " (this file has accounts: sign in with --operator NAME)",
            )
        )
        refuse(exc.message(ctx.lang) + hint)


def refuse_not_allowed(ctx: Ctx, exc: NotAllowed, session: Session | None) -> NoReturn:
    """The app layer refused the operator: its message names the role needed; say what to do."""
    from huanjie_desktop.app.accounts import WeakPassword

    lines = [exc.message(ctx.lang)]
    if session is not None and not isinstance(exc, WeakPassword):
        lines.append(
            ctx.t(
                "请改由有此权限的人登录后再试：huanjie --operator 姓名 …"
                "（密码取自环境变量 HUANJIE_PASSWORD，或在终端中输入）。"
                "账户与角色见 huanjie account list FILE。",
                "Sign in as someone with that right and try again: huanjie --operator NAME …"
                " (password from HUANJIE_PASSWORD, or typed at the prompt)."
                " Accounts and roles: huanjie account list FILE.",
            )
        )
    refuse(*lines)


@contextmanager
def signed_in(ctx: Ctx, path: str | Path) -> Iterator[tuple[ElectionDB, Session | None]]:
    """Open FILE and sign in (when it has accounts); yields (db, session).

    Inside, NotAllowed and other election-file refusals (e.g. a station laptop's read-only
    definition) become the command's refusal (exit 1); the file is closed either way."""
    from huanjie_desktop.app.accounts import NotAllowed
    from huanjie_desktop.storage.db import ElectionFileError

    db = open_file(ctx, path)
    try:
        session = open_session(ctx, db)
        try:
            yield db, session
        except NotAllowed as exc:
            refuse_not_allowed(ctx, exc, session)
        except ElectionFileError as exc:
            refuse(exc.message(ctx.lang))
    finally:
        db.close()


def text_width(text: str) -> int:
    """Columns ``text`` takes in a terminal (a Chinese character two)."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def pad(text: str, width: int, right: bool = False) -> str:
    """``text`` padded with spaces to ``width`` terminal columns (right-aligned if asked)."""
    gap = " " * max(0, width - text_width(text))
    return gap + text if right else text + gap
