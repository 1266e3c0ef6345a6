"""Opening election files: connection settings, numbered migrations, backups, audit chain.

One connection per thread. Migrations back the file up first and refuse a file written by a
newer version. Nothing is ever reset silently.
"""

from __future__ import annotations

import datetime as dt
import errno
import hashlib
import json
import os
import sqlite3
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from huanjie_desktop.domain.events import event

APP_ID = "huanjie"
GENESIS_HASH = "0" * 64


class ElectionFileError(Exception):
    """The file cannot be used; the message says why and what to do (zh, en)."""

    def __init__(self, zh: str, en: str) -> None:
        super().__init__(zh)
        self.zh = zh
        self.en = en

    def message(self, lang: str = "zh") -> str:
        return self.en if lang == "en" else self.zh


def disk_full(exc: BaseException) -> bool:
    """No room left where a file was being written: SQLite's SQLITE_FULL ("database or disk
    is full"), or the system's ENOSPC (or a quota's EDQUOT). The file written to is short of
    room, not damaged: SQLite undoes the unfinished write."""
    if isinstance(exc, OSError):
        return exc.errno in (errno.ENOSPC, errno.EDQUOT)
    code = getattr(exc, "sqlite_errorcode", None)
    # (the primary code is the low byte of an extended one)
    return (
        isinstance(exc, sqlite3.Error)
        and isinstance(code, int)
        and code & 0xFF == sqlite3.SQLITE_FULL
    )


def utc_now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def wall_clock(iso: str) -> str:
    """A time this program stored (`utc_now`) as this computer's wall-clock time, as people
    read it ('2026-11-29 15:17'); anything else as it is."""
    try:
        at = dt.datetime.fromisoformat(iso.replace("Z", "+00:00"))
    except ValueError:
        return iso
    return at.astimezone().strftime("%Y-%m-%d %H:%M")


def _migrations() -> list[tuple[int, str, str]]:
    folder = resources.files("huanjie_desktop.storage") / "migrations"
    out = []
    for item in folder.iterdir():
        name = item.name
        if name.endswith(".sql") and name[:3].isdigit():
            out.append((int(name[:3]), name, item.read_text(encoding="utf-8")))
    return sorted(out)


def latest_version() -> int:
    return max(v for v, _, _ in _migrations())


#: The tables whose rows carry a seal: the ballots, the box counts, the roster and the
#: candidates (migration 004); the election, its units, contests, rounds and their ballot
#: order, officials, check-ins, review decisions, hand entries, printed serials and the
#: accounts (005); which report counts for a box two stations reported (006); the hand entries
#: taken out of the count (007), the contests that are a 预选 (008) — what a count and its papers rest on.
SEALED_TABLES = (
    "sheets",
    "box_counts",
    "people",
    "candidates",
    "election",
    "units",
    "contests",
    "rounds",
    "round_candidates",
    "officials",
    "checkins",
    "decisions",
    "manual_entries",
    "print_runs",
    "serials",
    "accounts",
    "box_choices",
    "withdrawals",
    "preselections",
)
SEAL_FUNCTION = "hj_seal"


def row_seal(*values: Any) -> str:
    """The seal of a row: a hash of its values (every column but ``seal``, in order)."""
    body = json.dumps(values, ensure_ascii=False, separators=(",", ":"), default=str)
    return hashlib.sha256(body.encode("utf-8")).hexdigest()[:32]


def _sealed_columns(con: sqlite3.Connection, table: str) -> list[str]:
    return [str(r[1]) for r in con.execute(f"PRAGMA main.table_info({table})") if r[1] != "seal"]


def _has_seals(con: sqlite3.Connection) -> bool:
    return _sealed(con, "sheets")


def _sealed(con: sqlite3.Connection, table: str) -> bool:
    """Does ``table`` carry seals in this file (an older format has fewer sealed tables)?"""
    return any(r[1] == "seal" for r in con.execute(f"PRAGMA main.table_info({table})"))


def _sealed_tables(con: sqlite3.Connection) -> list[str]:
    return [t for t in SEALED_TABLES if _sealed(con, t)]


def _install_seals(con: sqlite3.Connection) -> None:
    """On this connection only (TEMP triggers): every row written to a sealed table gets its
    seal. Another tool's connection has no such triggers, so what it changes keeps a stale
    seal and `seal_breaks` finds it."""
    con.create_function(SEAL_FUNCTION, -1, row_seal, deterministic=True)
    if not _has_seals(con):
        return  # an older file not upgraded (opened to be copied or checked)
    for table in _sealed_tables(con):
        cols = _sealed_columns(con, table)
        new = ", ".join(f"NEW.{c}" for c in cols)
        body = (
            f"BEGIN UPDATE {table} SET seal = {SEAL_FUNCTION}({new}) WHERE rowid = NEW.rowid; END"
        )
        con.execute(
            f"CREATE TEMP TRIGGER IF NOT EXISTS {table}_sealed_insert"
            f" AFTER INSERT ON main.{table} {body}"
        )
        con.execute(
            f"CREATE TEMP TRIGGER IF NOT EXISTS {table}_sealed_update"
            f" AFTER UPDATE OF {', '.join(cols)} ON main.{table} {body}"
        )


def reseal(con: sqlite3.Connection, tables: Iterable[str] | None = None) -> None:
    """Seal every row as it stands of ``tables`` (default: every sealed table) — those a file
    upgraded to seals has just had them added to."""
    for table in _sealed_tables(con) if tables is None else tables:
        cols = ", ".join(_sealed_columns(con, table))
        con.execute(f"UPDATE main.{table} SET seal = {SEAL_FUNCTION}({cols})")


def seal_breaks(con: sqlite3.Connection) -> list[tuple[str, str]]:
    """(table, row key) of every row whose contents no longer match its seal: changed (or
    added) by another tool than this app."""
    if not _has_seals(con):
        return []
    out = []
    for table in _sealed_tables(con):
        cols = _sealed_columns(con, table)
        keys = [str(r[1]) for r in con.execute(f"PRAGMA main.table_info({table})") if r[5]]
        key = " || '/' || ".join(keys) if keys else "rowid"
        for r in con.execute(
            f"SELECT {key} FROM main.{table}"
            f" WHERE seal IS NULL OR seal <> {SEAL_FUNCTION}({', '.join(cols)})"
        ):
            out.append((table, str(r[0])))
    return out


#: How long a connection waits for another one's lock before it gives up (milliseconds).
BUSY_TIMEOUT_MS = 30000
#: How long `_settle` waits, at most, for a reader of an older snapshot to finish (a GUI
#: refresh takes milliseconds) before it leaves the rest to the next commit (milliseconds).
SETTLE_WAIT_MS = 500


def _connect(path: Path) -> sqlite3.Connection:
    con = sqlite3.connect(
        str(path), timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None, check_same_thread=True
    )
    con.row_factory = sqlite3.Row
    con.execute("PRAGMA foreign_keys = ON")
    # WAL lets the GUI thread (and `huanjie` run beside the app) read while a long write goes
    # on. But SQLite keeps committed pages in NAME.huanjie-wal until it checkpoints them, and
    # the app holds its connections open all session: a plain copy of the .huanjie file alone
    # (the clerk's copy to a USB stick) then lacked the latest work, and looked sound. So
    # every commit is checkpointed at once (wal_autocheckpoint = 1 page; `_settle` after
    # each transaction also empties the -wal).
    con.execute("PRAGMA journal_mode = WAL")
    con.execute("PRAGMA synchronous = NORMAL")
    con.execute("PRAGMA wal_autocheckpoint = 1")
    con.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    return con


def _settle(con: sqlite3.Connection, wait_ms: int = SETTLE_WAIT_MS) -> bool:
    """Copy every committed page from the -wal into the election file itself and empty the
    -wal, so that the .huanjie file alone holds all that is committed: a plain copy of it is
    complete, and a -wal left by a killed app has nothing to lay over a file copied back by
    hand. Never waits long: first without waiting, then for at most ``wait_ms`` for readers
    of an older snapshot (whose pages cannot be overwritten yet). True when settled; when a
    reader holds on longer, what is left goes in at the next commit (or when the last
    connection closes)."""
    if con.in_transaction:
        return False
    try:
        for wait in (0, wait_ms) if wait_ms > 0 else (0,):
            con.execute(f"PRAGMA busy_timeout = {wait}")
            row = con.execute("PRAGMA main.wal_checkpoint(TRUNCATE)").fetchone()
            # (busy, frames in the -wal, frames copied): -1 frames when not in WAL mode
            if row is None or (int(row[0]) == 0 and int(row[1]) == int(row[2])):
                return True
        return False
    except sqlite3.Error:
        return False  # (a failed checkpoint loses nothing: the pages stay in the -wal)
    finally:
        con.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")


@dataclass
class ElectionDB:
    """An open election file. Use `transaction()` for every write; log with `audit()`."""

    path: Path
    con: sqlite3.Connection
    operator: str
    #: How long a commit waits, at most, to settle the -wal into the file (`_settle`): 0 for
    #: the desktop app's own window, which must never stop answering for a reader elsewhere
    #: (what is left goes in at the next commit — the scan worker's — or when it closes).
    settle_wait_ms: int = SETTLE_WAIT_MS

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """BEGIN IMMEDIATE … COMMIT; rolls back on any exception. Nested calls join the outer."""
        if self.con.in_transaction:
            yield self.con
            return
        self.con.execute("BEGIN IMMEDIATE")
        try:
            yield self.con
        except BaseException:
            self.con.execute("ROLLBACK")
            raise
        self.con.execute("COMMIT")
        _settle(self.con, self.settle_wait_ms)

    def audit(self, event_id: str, detail: dict[str, Any], operator: str | None = None) -> int:
        """Append one hash-chained audit entry (inside the caller's transaction)."""
        event(event_id)  # refuse undeclared events
        with self.transaction() as con:
            row = con.execute("SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1").fetchone()
            prev = row["hash"] if row else GENESIS_HASH
            seq = (row["seq"] + 1) if row else 1
            at = utc_now()
            who = operator or self.operator
            body = json.dumps(detail, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
            digest = audit_hash(seq, event_id, at, who, body, prev)
            con.execute(
                "INSERT INTO audit(seq, event, at, operator, detail, prev_hash, hash)"
                " VALUES (?,?,?,?,?,?,?)",
                (seq, event_id, at, who, body, prev, digest),
            )
            # The head is kept apart so that removing the newest entries is noticed too.
            con.execute(
                "INSERT INTO meta(key, value) VALUES ('audit_head', ?)"
                " ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                (f"{seq}:{digest}",),
            )
            return seq

    def meta(self, key: str) -> str | None:
        row = self.con.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return None if row is None else str(row["value"])

    def set_meta(self, key: str, value: str) -> None:
        with self.transaction() as con:
            con.execute(
                "INSERT INTO meta(key, value) VALUES (?, ?)"
                " ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                (key, value),
            )

    def backup_to(self, target: Path, check: str | None = None) -> str | None:
        """A consistent copy through SQLite's online backup API. ``check``
        ("integrity_check" or "quick_check"): what that check finds wrong in the copy (its
        first line), None when it finds nothing."""
        target.parent.mkdir(parents=True, exist_ok=True)
        dest = sqlite3.connect(str(target))
        try:
            self.con.backup(dest)
            if check is None:
                return None
            assert check in ("integrity_check", "quick_check")
            try:
                first = dest.execute(f"PRAGMA {check}").fetchone()
            except sqlite3.DatabaseError as exc:
                if disk_full(exc):  # no room for the check's temporary data: not damage
                    raise
                return str(exc)
            return None if first is not None and first[0] == "ok" else str(first and first[0])
        finally:
            dest.close()

    def close(self) -> None:
        self.con.close()

    def __enter__(self) -> ElectionDB:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def audit_hash(seq: int, event_id: str, at: str, operator: str, detail: str, prev: str) -> str:
    h = hashlib.sha256()
    for part in (str(seq), event_id, at, operator, detail, prev):
        h.update(part.encode("utf-8"))
        h.update(b"\x1f")
    return h.hexdigest()


def create_election_file(path: Path, operator: str) -> ElectionDB:
    """Create a new, empty election file with the latest schema. Refuses to overwrite."""
    if path.exists():
        raise ElectionFileError(
            f"文件 {path} 已存在。为避免覆盖已有选举，请换一个文件名或先移走旧文件。",
            f"{path} already exists. To avoid overwriting an election, choose another name or move the old file.",
        )
    path.parent.mkdir(parents=True, exist_ok=True)
    con = _connect(path)
    con.execute(f"PRAGMA application_id = {int.from_bytes(b'HJ01', 'big')}")
    db = ElectionDB(path, con, operator)
    with db.transaction():
        for version, _, sql in _migrations():
            _run_script(con, sql)
            con.execute(f"PRAGMA user_version = {version}")
        db.set_meta("app", APP_ID)
    _install_seals(con)
    return db


def _run_script(con: sqlite3.Connection, sql: str) -> None:
    """Run a migration script statement by statement inside the open transaction."""
    buf = ""
    for line in sql.splitlines(keepends=True):
        if line.lstrip().startswith("--") and not buf.strip():
            continue
        buf += line
        if sqlite3.complete_statement(buf):
            con.execute(buf)
            buf = ""
    if buf.strip():
        con.execute(buf)


def _writable(path: Path) -> bool:
    """Can this file, and its folder (SQLite writes its journal beside it), be written?"""
    return os.access(path, os.W_OK) and os.access(path.parent, os.W_OK)


def open_election_file(path: Path, operator: str, *, migrate: bool = True) -> ElectionDB:
    """Open an existing election file, upgrading it (after a backup) if it is older."""
    if not path.exists():
        raise ElectionFileError(
            f"找不到选举文件 {path}。请检查路径，或用 huanjie init 新建。",
            f"Election file {path} not found. Check the path, or create one with huanjie init.",
        )
    if path.is_dir():
        raise ElectionFileError(
            f"{path} 是一个文件夹，不是选举文件：请选择文件夹里的 .huanjie 文件。",
            f"{path} is a folder, not an election file: choose the .huanjie file in it.",
        )
    if path.stat().st_size == 0:
        # (SQLite would take an empty file for a new database and write into it)
        raise ElectionFileError(
            f"{path} 是空文件（0 字节），不是选举文件：可能是没有复制完成的副本。"
            "请从原处重新复制，或从备份恢复（huanjie restore 文件 备份）。",
            f"{path} is empty (0 bytes), not an election file: perhaps a copy that did not"
            " finish. Copy it again from where it came from, or restore it from a backup"
            " (huanjie restore FILE BACKUP).",
        )
    try:
        con = _connect(path)
        version = int(con.execute("PRAGMA user_version").fetchone()[0])
        app = con.execute("SELECT value FROM meta WHERE key='app'").fetchone()
    except sqlite3.DatabaseError as exc:
        if not _writable(path) or "readonly" in str(exc).lower():
            # (a write-protected stick, a read-only folder: nothing is damaged, and restoring
            # a backup over it would lose what was done since)
            raise ElectionFileError(
                f"选举文件 {path} 所在的位置不能写入（U 盘写保护、只读文件或只读文件夹）。"
                "请取消写保护，或把选举文件连同同名的 .images 文件夹复制到本机硬盘后再打开。"
                "文件本身没有损坏，也未被改动。",
                f"Election file {path} is where nothing can be written (a write-protected USB"
                " stick, a read-only file or folder). Remove the write protection, or copy the"
                " file with its .images folder to the laptop's disk and open it there. The file"
                " itself is not damaged and was not changed.",
            ) from None
        try:
            with path.open("rb") as f:
                head = f.read(16)
        except OSError:
            head = b""
        if head.startswith(b"SQLite format 3") and "no such table: meta" in str(exc):
            # (another program's database, sound: nothing of ours is damaged)
            raise ElectionFileError(
                f"{path} 不是换届计票的选举文件。", f"{path} is not a huanjie election file."
            ) from None
        if not head.startswith(b"SQLite format 3"):
            # another kind of file picked (a workbook, a scan, a PDF): nothing is damaged
            raise ElectionFileError(
                f"{path} 不是选举文件（选举文件以 .huanjie 结尾）：请选择选举文件。"
                "如要由定义表新建选举，请用“新建选举”（huanjie init）。",
                f"{path} is not an election file (those end in .huanjie): choose an election"
                " file. To create an election from a definition workbook use New election"
                " (huanjie init).",
            ) from None
        raise ElectionFileError(
            f"{path} 是选举文件，但已损坏。请从备份恢复（huanjie restore 文件 备份）："
            f"本文件的备份在 {path.name}.backups 文件夹里，用 backup --to 复制到别处的备份也可以。",
            f"{path} is an election file but it is damaged. Restore it from a backup (huanjie"
            f" restore FILE BACKUP): this file's backups are in the folder {path.name}.backups;"
            " a copy made elsewhere with backup --to will do too.",
        ) from None
    if app is None or app[0] != APP_ID:
        con.close()
        raise ElectionFileError(
            f"{path} 不是换届计票的选举文件。", f"{path} is not a huanjie election file."
        )
    latest = latest_version()
    if version > latest:
        con.close()
        raise ElectionFileError(
            f"{path} 由更新版本的软件写入（格式 {version}，本软件支持到 {latest}）。请升级软件后再打开；文件未被改动。",
            f"{path} was written by a newer version (format {version}; this version knows up to {latest}). "
            "Update the software to open it; the file was not changed.",
        )
    db = ElectionDB(path, con, operator)
    if version < latest and migrate:
        backup = path.with_name(
            f"{path.name}.before-v{latest}-{dt.datetime.now():%Y%m%d%H%M%S}.bak"
        )
        db.backup_to(backup)
        with db.transaction():
            # (only the tables that get their seals now are sealed as they stand: a row
            # sealed before and changed since keeps its stale seal through the upgrade)
            unsealed = [t for t in SEALED_TABLES if not _sealed(con, t)]
            for v, _name, sql in _migrations():
                if v > version:
                    _run_script(con, sql)
                    con.execute(f"PRAGMA user_version = {v}")
            con.create_function(SEAL_FUNCTION, -1, row_seal, deterministic=True)
            reseal(con, [t for t in unsealed if _sealed(con, t)])
            db.audit("election.migrated", {"from": version, "to": latest, "backup": backup.name})
    _install_seals(con)
    _settle(con)  # (what a killed app left committed in the -wal goes into the file now)
    return db


@dataclass(frozen=True)
class ChainBreak:
    seq: int
    reason_zh: str
    reason_en: str


def verify_audit_chain(con: sqlite3.Connection) -> ChainBreak | None:
    """The first audit entry that was altered, removed or inserted behind the app's back."""
    prev = GENESIS_HASH
    expected_seq = 1
    for row in con.execute(
        "SELECT seq, event, at, operator, detail, prev_hash, hash FROM audit ORDER BY seq"
    ):
        seq = int(row[0])
        if seq != expected_seq:
            return ChainBreak(
                expected_seq,
                f"审计日志第 {expected_seq} 条缺失（被删除）",
                f"audit entry {expected_seq} is missing (removed)",
            )
        if row[5] != prev:
            return ChainBreak(
                seq,
                f"审计日志第 {seq} 条之前的记录被改动或删除",
                f"the entry before audit entry {seq} was altered or removed",
            )
        if audit_hash(seq, row[1], row[2], row[3], row[4], row[5]) != row[6]:
            return ChainBreak(seq, f"审计日志第 {seq} 条被改动", f"audit entry {seq} was altered")
        prev = row[6]
        expected_seq += 1
    head = con.execute("SELECT value FROM meta WHERE key = 'audit_head'").fetchone()
    last = expected_seq - 1
    if head is not None and head[0] != f"{last}:{prev}":
        return ChainBreak(
            last + 1,
            f"审计日志第 {last} 条之后的记录被删除",
            f"audit entries after {last} were removed",
        )
    return None
