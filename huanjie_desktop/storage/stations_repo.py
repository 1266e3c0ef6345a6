"""SQL for stations, packages, imported records, the stations' audit logs and accounts.

Rows go in and out as plain dicts keyed by column name; the meaning lives in
app/stations.py, app/accounts.py and domain/package.py.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from huanjie_desktop.storage.db import (
    SEAL_FUNCTION,
    ElectionDB,
    row_seal,
    seal_breaks,
    utc_now,
    verify_audit_chain,
)

# What a station needs to recreate the election (copied row by row, in this order).
DEFINITION_TABLES = (
    "election",
    "units",
    "people",
    "contests",
    "preselections",
    "candidates",
    "rounds",
    "round_candidates",
    "officials",
    "print_runs",
    "serials",
)

# Record kind → (table, ORDER BY) for the records a station exports.
RECORD_TABLES = {
    "sheet": ("sheets", "scanned_at, id"),
    "decision": ("decisions", "id"),
    "manual_entry": ("manual_entries", "id"),
    "box_count": ("box_counts", "contest, round, box, station"),
    "audit": ("audit", "seq"),
}


def table_columns(con: sqlite3.Connection, table: str) -> list[str]:
    return [str(r[1]) for r in con.execute(f"PRAGMA table_info({table})")]


def read_rows(db: ElectionDB, table: str, order: str = "rowid") -> list[dict[str, Any]]:
    """A table's rows as records travel in packages (a row's seal stays on its own laptop:
    the laptop it lands on seals it again)."""
    rows = db.con.execute(f"SELECT * FROM {table} ORDER BY {order}")
    return [row for row in map(_unsealed, rows) if row is not None]


def dump_tables(db: ElectionDB, tables: Sequence[str]) -> dict[str, list[dict[str, Any]]]:
    return {t: read_rows(db, t) for t in tables}


def insert_rows(con: sqlite3.Connection, table: str, rows: Sequence[Mapping[str, Any]]) -> None:
    """Insert rows as given; a column this table does not have is an error (newer writer)."""
    if not rows:
        return
    known = set(table_columns(con, table))
    cols = sorted({c for r in rows for c in r})
    unknown = [c for c in cols if c not in known]
    if unknown:
        raise ValueError(f"{table}: unknown columns {unknown}")
    con.executemany(
        f"INSERT INTO {table}({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})",
        [tuple(r.get(c) for c in cols) for r in rows],
    )


# --- identity and registered keys ---------------------------------------------------------


@dataclass(frozen=True)
class Identity:
    role: str
    name: str
    public_key: str
    private_key: str
    created_at: str


@dataclass(frozen=True)
class StationKey:
    public_key: str
    name: str
    role: str
    fingerprint: str
    registered_at: str
    registered_by: str
    revoked: bool


def read_identity(db: ElectionDB) -> Identity | None:
    r = db.con.execute(
        "SELECT role, name, public_key, private_key, created_at FROM station_identity WHERE id = 1"
    ).fetchone()
    return None if r is None else Identity(r[0], r[1], r[2], r[3], r[4])


def write_identity(
    con: sqlite3.Connection, role: str, name: str, public_key: str, private_key: str
) -> None:
    con.execute(
        "INSERT INTO station_identity(id, role, name, public_key, private_key, created_at)"
        " VALUES (1, ?, ?, ?, ?, ?)",
        (role, name, public_key, private_key, utc_now()),
    )


def register_key(
    con: sqlite3.Connection, public_key: str, name: str, role: str, fingerprint: str, by: str
) -> None:
    con.execute(
        "INSERT INTO stations(public_key, name, role, fingerprint, registered_at, registered_by)"
        " VALUES (?, ?, ?, ?, ?, ?)",
        (public_key, name, role, fingerprint, utc_now(), by),
    )


def put_back_key(con: sqlite3.Connection, k: StationKey) -> None:
    """Register a key again as it was (a restore keeps the stations made after its backup)."""
    con.execute(
        "INSERT INTO stations(public_key, name, role, fingerprint, registered_at, registered_by,"
        " revoked) VALUES (?, ?, ?, ?, ?, ?, ?)",
        (
            k.public_key,
            k.name,
            k.role,
            k.fingerprint,
            k.registered_at,
            k.registered_by,
            int(k.revoked),
        ),
    )


def put_back_identity(con: sqlite3.Connection, i: Identity) -> None:
    con.execute(
        "INSERT INTO station_identity(id, role, name, public_key, private_key, created_at)"
        " VALUES (1, ?, ?, ?, ?, ?)",
        (i.role, i.name, i.public_key, i.private_key, i.created_at),
    )


def _key(r: sqlite3.Row) -> StationKey:
    return StationKey(
        r["public_key"],
        r["name"],
        r["role"],
        r["fingerprint"],
        r["registered_at"],
        r["registered_by"],
        bool(r["revoked"]),
    )


def read_keys(db: ElectionDB, name: str | None = None) -> list[StationKey]:
    sql = "SELECT * FROM stations"
    args: tuple[str, ...] = ()
    if name is not None:
        sql += " WHERE name = ?"
        args = (name,)
    return [_key(r) for r in db.con.execute(sql + " ORDER BY registered_at, name", args)]


def read_key(db: ElectionDB, public_key: str) -> StationKey | None:
    r = db.con.execute("SELECT * FROM stations WHERE public_key = ?", (public_key,)).fetchone()
    return None if r is None else _key(r)


# --- imported packages and records --------------------------------------------------------


@dataclass(frozen=True)
class ImportedPackage:
    digest: str
    station: str
    public_key: str
    exported_at: str
    audit_seq: int
    at: str
    operator: str
    manifest: str
    signature: str
    added: int
    updated: int


def _package(r: sqlite3.Row) -> ImportedPackage:
    return ImportedPackage(*(r[k] for k in ImportedPackage.__dataclass_fields__))


def read_package(db: ElectionDB, digest: str) -> ImportedPackage | None:
    r = db.con.execute("SELECT * FROM imported_packages WHERE digest = ?", (digest,)).fetchone()
    return None if r is None else _package(r)


def read_packages(db: ElectionDB, station: str | None = None) -> list[ImportedPackage]:
    sql = "SELECT * FROM imported_packages"
    args: tuple[str, ...] = ()
    if station is not None:
        sql += " WHERE station = ?"
        args = (station,)
    return [_package(r) for r in db.con.execute(sql + " ORDER BY station, audit_seq, at", args)]


def packages_in_audit(db: ElectionDB) -> list[tuple[str, str]]:
    """(station, package digest) of every import this file's audit log records."""
    out = []
    for (detail,) in db.con.execute("SELECT detail FROM audit WHERE event = 'results.imported'"):
        try:
            said = json.loads(detail)
        except (TypeError, ValueError):
            continue
        if isinstance(said, dict) and said.get("package"):
            out.append((str(said.get("station", "")), str(said["package"])))
    return out


def last_audit_seq(db: ElectionDB, station: str) -> int:
    r = db.con.execute(
        "SELECT max(audit_seq) FROM imported_packages WHERE station = ?", (station,)
    ).fetchone()
    return 0 if r is None or r[0] is None else int(r[0])


def insert_package(con: sqlite3.Connection, p: ImportedPackage) -> None:
    con.execute(
        "INSERT INTO imported_packages(digest, station, public_key, exported_at, audit_seq, at,"
        " operator, manifest, signature, added, updated) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
        (
            p.digest,
            p.station,
            p.public_key,
            p.exported_at,
            p.audit_seq,
            p.at,
            p.operator,
            p.manifest,
            p.signature,
            p.added,
            p.updated,
        ),
    )


@dataclass(frozen=True)
class ImportedRecord:
    station: str
    kind: str
    key: str
    local_id: str
    digest: str
    state: dict[str, Any]
    flags: list[str]
    package: str


def _imported(r: sqlite3.Row) -> ImportedRecord:
    return ImportedRecord(
        r["station"],
        r["kind"],
        r["key"],
        r["local_id"],
        r["digest"],
        json.loads(r["state"]),
        json.loads(r["flags"]),
        r["package"],
    )


def read_imported(db: ElectionDB, station: str | None = None) -> list[ImportedRecord]:
    sql = "SELECT * FROM imported_records"
    args: tuple[str, ...] = ()
    if station is not None:
        sql += " WHERE station = ?"
        args = (station,)
    return [_imported(r) for r in db.con.execute(sql + " ORDER BY station, kind, key", args)]


def imported_for_local(db: ElectionDB, kind: str, local_id: str) -> ImportedRecord | None:
    r = db.con.execute(
        "SELECT * FROM imported_records WHERE kind = ? AND local_id = ?", (kind, local_id)
    ).fetchone()
    return None if r is None else _imported(r)


def decision_stations(db: ElectionDB) -> dict[int, str]:
    """The review decisions merged in from stations' results packages: their id in this
    file → the station that made them (decided and, where so, confirmed there)."""
    return {
        int(r["local_id"]): str(r["station"])
        for r in db.con.execute(
            "SELECT local_id, station FROM imported_records WHERE kind = 'decision'"
        )
    }


def insert_imported_many(con: sqlite3.Connection, records: Iterable[ImportedRecord]) -> None:
    con.executemany(
        "INSERT INTO imported_records(station, kind, key, local_id, digest, state, flags, package)"
        " VALUES (?,?,?,?,?,?,?,?)",
        [
            (
                r.station,
                r.kind,
                r.key,
                r.local_id,
                r.digest,
                json.dumps(r.state, ensure_ascii=False, sort_keys=True),
                json.dumps(r.flags, ensure_ascii=False),
                r.package,
            )
            for r in records
        ],
    )


def update_imported(
    con: sqlite3.Connection,
    station: str,
    kind: str,
    key: str,
    state: Mapping[str, Any] | None = None,
    flags: Sequence[str] | None = None,
    digest_package: tuple[str, str] | None = None,
) -> None:
    if state is not None:
        con.execute(
            "UPDATE imported_records SET state = ? WHERE station = ? AND kind = ? AND key = ?",
            (json.dumps(dict(state), ensure_ascii=False, sort_keys=True), station, kind, key),
        )
    if flags is not None:
        con.execute(
            "UPDATE imported_records SET flags = ? WHERE station = ? AND kind = ? AND key = ?",
            (json.dumps(list(flags), ensure_ascii=False), station, kind, key),
        )
    if digest_package is not None:
        con.execute(
            "UPDATE imported_records SET digest = ?, package = ?"
            " WHERE station = ? AND kind = ? AND key = ?",
            (*digest_package, station, kind, key),
        )


def read_station_audit(db: ElectionDB, station: str) -> list[dict[str, Any]]:
    return [
        dict(r)
        for r in db.con.execute(
            "SELECT seq, event, at, operator, detail, prev_hash, hash FROM station_audit"
            " WHERE station = ? ORDER BY seq",
            (station,),
        )
    ]


def audit_stations(db: ElectionDB) -> list[str]:
    return [r[0] for r in db.con.execute("SELECT DISTINCT station FROM station_audit ORDER BY 1")]


def insert_station_audit(
    con: sqlite3.Connection, station: str, entries: Iterable[Mapping[str, Any]], package: str
) -> None:
    con.executemany(
        "INSERT INTO station_audit(station, seq, event, at, operator, detail, prev_hash, hash,"
        " package) VALUES (?,?,?,?,?,?,?,?,?)",
        [
            (
                station,
                e["seq"],
                e["event"],
                e["at"],
                e["operator"],
                e["detail"],
                e["prev_hash"],
                e["hash"],
                package,
            )
            for e in entries
        ],
    )


# --- the records themselves on the receiving side -----------------------------------------


def sheet_refs(db: ElectionDB) -> list[tuple[str, str, str | None, str, str, str, str]]:
    """(id, station, serial, image_sha256, source, status, source_file) of every sheet in
    the file (a hand-entered sheet's source_file is its label)."""
    return [
        (r[0], r[1], r[2], r[3], r[4], r[5], r[6])
        for r in db.con.execute(
            "SELECT id, station, serial, image_sha256, source, status, source_file FROM sheets"
        )
    ]


def _unsealed(row: sqlite3.Row | None) -> dict[str, Any] | None:
    """A row as a record: without the seal this laptop keeps on it (see read_rows)."""
    return None if row is None else {k: v for k, v in dict(row).items() if k != "seal"}


def read_sheet(db: ElectionDB, sheet_id: str) -> dict[str, Any] | None:
    return _unsealed(db.con.execute("SELECT * FROM sheets WHERE id = ?", (sheet_id,)).fetchone())


def read_decision(db: ElectionDB, decision_id: int) -> dict[str, Any] | None:
    return _unsealed(
        db.con.execute("SELECT * FROM decisions WHERE id = ?", (decision_id,)).fetchone()
    )


def read_manual_entry(db: ElectionDB, entry_id: int) -> dict[str, Any] | None:
    return _unsealed(
        db.con.execute("SELECT * FROM manual_entries WHERE id = ?", (entry_id,)).fetchone()
    )


def read_box_count(
    db: ElectionDB, contest: str, round_: int, box: str, station: str
) -> dict[str, Any] | None:
    r = db.con.execute(
        "SELECT * FROM box_counts WHERE contest = ? AND round = ? AND box = ? AND station = ?",
        (contest, round_, box, station),
    ).fetchone()
    return _unsealed(r)


def update_row(
    con: sqlite3.Connection, table: str, where: Mapping[str, Any], values: Mapping[str, Any]
) -> None:
    if not values:
        return
    sets = ", ".join(f"{k} = ?" for k in values)
    cond = " AND ".join(f"{k} = ?" for k in where)
    con.execute(f"UPDATE {table} SET {sets} WHERE {cond}", (*values.values(), *where.values()))


def insert_returning_id(con: sqlite3.Connection, table: str, row: Mapping[str, Any]) -> int:
    cols = list(row)
    cur = con.execute(
        f"INSERT INTO {table}({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})",
        tuple(row.values()),
    )
    return int(cur.lastrowid or 0)


def round_statuses(db: ElectionDB) -> dict[tuple[str, int], str]:
    return {
        (r[0], int(r[1])): str(r[2])
        for r in db.con.execute("SELECT contest, number, status FROM rounds")
    }


# --- reconciliation -----------------------------------------------------------------------


def box_count_rows(db: ElectionDB) -> list[dict[str, Any]]:
    return [
        dict(r)
        for r in db.con.execute(
            "SELECT station, contest, round, box, issued, collected FROM box_counts"
            " ORDER BY station, contest, round, box"
        )
    ]


def sheet_status_counts(
    db: ElectionDB,
) -> list[tuple[str, str | None, int | None, str, str, int]]:
    """(station, contest, round, status, source, count) of the sheets held."""
    return [
        (r[0], r[1], r[2], r[3], r[4], int(r[5]))
        for r in db.con.execute(
            "SELECT station, contest, round, status, source, count(*) FROM sheets"
            " GROUP BY station, contest, round, status, source ORDER BY 1, 2, 3, 4, 5"
        )
    ]


# --- accounts -----------------------------------------------------------------------------


@dataclass(frozen=True)
class AccountRow:
    name: str
    role: str
    password_hash: str
    failed_attempts: int
    locked_until: str | None
    created_at: str
    created_by: str
    updated_at: str


def count_accounts(db: ElectionDB) -> int:
    return int(db.con.execute("SELECT count(*) FROM accounts").fetchone()[0])


def read_account(db: ElectionDB, name: str) -> AccountRow | None:
    r = db.con.execute("SELECT * FROM accounts WHERE name = ?", (name,)).fetchone()
    return None if r is None else AccountRow(*(r[k] for k in AccountRow.__dataclass_fields__))


def read_accounts(db: ElectionDB) -> list[AccountRow]:
    return [
        AccountRow(*(r[k] for k in AccountRow.__dataclass_fields__))
        for r in db.con.execute("SELECT * FROM accounts ORDER BY name")
    ]


def insert_account(
    con: sqlite3.Connection, name: str, role: str, password_hash: str, by: str
) -> None:
    now = utc_now()
    con.execute(
        "INSERT INTO accounts(name, role, password_hash, created_at, created_by, updated_at)"
        " VALUES (?, ?, ?, ?, ?, ?)",
        (name, role, password_hash, now, by, now),
    )


def set_password(con: sqlite3.Connection, name: str, password_hash: str) -> None:
    con.execute(
        "UPDATE accounts SET password_hash = ?, failed_attempts = 0, locked_until = NULL,"
        " updated_at = ? WHERE name = ?",
        (password_hash, utc_now(), name),
    )


def set_failures(
    con: sqlite3.Connection, name: str, failed_attempts: int, locked_until: str | None
) -> None:
    con.execute(
        "UPDATE accounts SET failed_attempts = ?, locked_until = ? WHERE name = ?",
        (failed_attempts, locked_until, name),
    )


# --- backups: reading a file that is not open, copying a whole file -----------------------


@dataclass(frozen=True)
class FileFacts:
    """What `restore` needs to know about a backup before it trusts it."""

    app: str | None
    version: int
    intact: bool  # PRAGMA integrity_check
    chain_break: tuple[str, str] | None  # (zh, en) of the first audit chain break
    identity: tuple[str | None, str, str]  # (ballot key, role, station name)
    altered: int = 0  # rows whose contents no longer match their seals (changed elsewhere)


def file_identity(con: sqlite3.Connection) -> tuple[str | None, str, str]:
    """(ballot key, role, station name): the same for a file and every backup of it."""

    def meta(key: str) -> str | None:
        r = con.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return None if r is None else str(r[0])

    return meta("ballot_key"), meta("role") or "main", meta("station_name") or ""


def read_file_facts(path: Path) -> FileFacts | None:
    """Facts about an election file opened read-only; None if SQLite cannot read it."""
    try:
        con = sqlite3.connect(f"file:{path.resolve()}?mode=ro", uri=True)
    except sqlite3.Error:
        return None
    try:
        version = int(con.execute("PRAGMA user_version").fetchone()[0])
        app = con.execute("SELECT value FROM meta WHERE key = 'app'").fetchone()
        if app is None:
            return FileFacts(None, version, False, None, (None, "", ""))
        intact = con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        brk = verify_audit_chain(con)
        con.create_function(SEAL_FUNCTION, -1, row_seal, deterministic=True)
        return FileFacts(
            str(app[0]),
            version,
            intact,
            None if brk is None else (brk.reason_zh, brk.reason_en),
            file_identity(con),
            len(seal_breaks(con)) if intact else 0,
        )
    except sqlite3.Error:
        return None
    finally:
        con.close()


def frozen_rounds_in(path: Path) -> dict[tuple[str, int], str]:
    """(contest, round) → digest of every certified or void-recorded round of the file at
    ``path`` (read-only); {} if it cannot be read."""
    try:
        con = sqlite3.connect(f"file:{path.resolve()}?mode=ro", uri=True)
    except sqlite3.Error:
        return {}
    try:
        return {
            (str(c), int(n)): str(d or s)
            for c, n, s, d in con.execute(
                "SELECT contest, number, status, result_digest FROM rounds"
                " WHERE status IN ('certified', 'void')"
            )
        }
    except sqlite3.Error:
        return {}
    finally:
        con.close()


def copy_file_into(source: Path, dest: sqlite3.Connection) -> None:
    """Overwrite the database behind `dest` with the file at `source` (backup API)."""
    src = sqlite3.connect(f"file:{source.resolve()}?mode=ro", uri=True)
    try:
        src.backup(dest)
    finally:
        src.close()


def copy_file_to(source: Path, target: Path) -> None:
    dest = sqlite3.connect(str(target))
    try:
        copy_file_into(source, dest)
    finally:
        dest.close()


def only_connection(con: sqlite3.Connection) -> bool:
    """Is ``con`` the only connection to its file? (Leaving WAL mode needs the file to
    itself: another window's or process's connection keeps it in WAL.) The file is left
    in WAL mode."""
    try:
        mode = str(con.execute("PRAGMA journal_mode = DELETE").fetchone()[0]).lower()
    except sqlite3.Error:
        return False
    if mode == "wal":
        return False
    con.execute("PRAGMA journal_mode = WAL")
    return True


def history_length(path: Path) -> int:
    """How far the file's history goes (its audit log's last entry; read-only), -1 when it
    cannot be read: a later copy of one file has the longer history, whatever the clock."""
    try:
        con = sqlite3.connect(f"file:{path.resolve()}?mode=ro", uri=True)
    except sqlite3.Error:
        return -1
    try:
        return int(con.execute("SELECT coalesce(max(seq), 0) FROM audit").fetchone()[0])
    except sqlite3.Error:
        return -1
    finally:
        con.close()


def audit_count(db: ElectionDB) -> int:
    return int(db.con.execute("SELECT count(*) FROM audit").fetchone()[0])


def last_seq_of(db: ElectionDB, event: str) -> int:
    """The audit log's last entry of ``event`` (its seq; 0: none)."""
    r = db.con.execute("SELECT max(seq) FROM audit WHERE event = ?", (event,)).fetchone()
    return 0 if r is None or r[0] is None else int(r[0])


def last_seq(db: ElectionDB) -> int:
    r = db.con.execute("SELECT max(seq) FROM audit").fetchone()
    return 0 if r is None or r[0] is None else int(r[0])


def data_version(db: ElectionDB) -> int:
    """Changes whenever another connection commits to the file (not for our own commits)."""
    return int(db.con.execute("PRAGMA data_version").fetchone()[0])


def schema_version(db: ElectionDB) -> int:
    return int(db.con.execute("PRAGMA user_version").fetchone()[0])


def set_package_counts(con: sqlite3.Connection, digest: str, added: int, updated: int) -> None:
    con.execute(
        "UPDATE imported_packages SET added = ?, updated = ? WHERE digest = ?",
        (added, updated, digest),
    )


def rounds_held(
    db: ElectionDB, contest: str, number: int
) -> dict[str, dict[tuple[str, int], dict[str, int]]]:
    """station → (contest, round) → how many sheets, hand-entered ballots (by label) and box
    counts this file holds from it, of round ``number`` of ``contest``. A station's packages
    are cumulative and nothing of a station is ever deleted here, so this is what its latest
    package carries too."""
    out: dict[str, dict[tuple[str, int], dict[str, int]]] = {}

    def add(station: str, kind: str, n: int) -> None:
        got = out.setdefault(station, {}).setdefault(
            (contest, number), {"sheet": 0, "manual_entry": 0, "box_count": 0}
        )
        got[kind] += n

    where = (contest, number)
    for station, n in db.con.execute(
        "SELECT station, count(*) FROM sheets WHERE contest = ? AND round = ? GROUP BY 1", where
    ):
        add(str(station), "sheet", int(n))
    for station, n in db.con.execute(
        "SELECT station, count(*) FROM box_counts WHERE contest = ? AND round = ? GROUP BY 1",
        where,
    ):
        add(str(station), "box_count", int(n))
    # (a station's hand entries come labelled "<station>/<label>": no station column)
    for (label,) in db.con.execute(
        "SELECT DISTINCT label FROM manual_entries"
        " WHERE contest = ? AND round = ? AND instr(label, '/') > 0",
        where,
    ):
        add(str(label).split("/", 1)[0], "manual_entry", 1)
    return out


def round_opened_at(db: ElectionDB, contest: str, number: int) -> str | None:
    r = db.con.execute(
        "SELECT opened_at FROM rounds WHERE contest = ? AND number = ?", (contest, number)
    ).fetchone()
    return None if r is None else str(r[0])


@dataclass(frozen=True)
class OwnRecords:
    """What a laptop recorded itself (not brought by a station's package): sheet ids
    (scanned or entered by hand), hand-entered ballots (contest, round, label) and box
    counts (contest, round, box, station, issued, collected)."""

    sheets: frozenset[str]
    manual: frozenset[tuple[str, int, str]]
    boxes: frozenset[tuple[str, int, str, str, int | None, int | None]]


def own_records(db: ElectionDB, stations: Iterable[str]) -> OwnRecords:
    """This laptop's own records: those not of the station laptops named (their records come
    with their packages)."""
    others = set(stations)
    sheets = frozenset(
        str(i) for i, s in db.con.execute("SELECT id, station FROM sheets") if s not in others
    )
    manual = frozenset(
        (str(c), int(n), str(label))
        for c, n, label in db.con.execute(
            "SELECT DISTINCT contest, round, label FROM manual_entries"
        )
        if str(label).partition("/")[0] not in others or "/" not in str(label)
    )
    boxes = frozenset(
        (str(c), int(n), str(b), str(s), i, k)
        for c, n, b, s, i, k in db.con.execute(
            "SELECT contest, round, box, station, issued, collected FROM box_counts"
        )
        if s not in others
    )
    return OwnRecords(sheets, manual, boxes)
