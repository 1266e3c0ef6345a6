"""SQL for printed ballots (print runs, sheet serials) and ballot-box counts (发出 / 收回).

Every write runs inside ``db.transaction()``; callers add the audit entry in the same
transaction.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass, field

from huanjie_desktop.storage.db import ElectionDB


@dataclass(frozen=True)
class PrintRun:
    id: int
    contest: str
    round: int
    count: int
    test: bool
    at: str
    operator: str
    serials_digest: str
    spoiled: int  # sheets of this run recorded as spoiled (作废)


@dataclass(frozen=True)
class SerialInfo:
    serial: str
    print_run: int
    contest: str
    round: int
    test: bool
    spoiled_reason: str | None
    spoiled_at: str | None

    @property
    def spoiled(self) -> bool:
        return self.spoiled_at is not None


@dataclass(frozen=True)
class BoxCount:
    box: str
    station: str
    issued: int | None
    collected: int | None
    updated_at: str
    operator: str


# --- print runs and serials --------------------------------------------------------------------


def insert_print_run(
    db: ElectionDB,
    contest: str,
    round_number: int,
    serials: Iterable[str],
    test: bool,
    at: str,
    operator: str,
    digest: str,
) -> int:
    """Record a print run and its serials; returns the run id. Serials must be new."""
    items = list(serials)
    with db.transaction() as con:
        cur = con.execute(
            "INSERT INTO print_runs(contest, round, count, test, at, operator, serials_digest)"
            " VALUES (?,?,?,?,?,?,?)",
            (contest, round_number, len(items), int(test), at, operator, digest),
        )
        run = int(cur.lastrowid or 0)
        con.executemany(
            "INSERT INTO serials(serial, print_run) VALUES (?, ?)", [(s, run) for s in items]
        )
        return run


def existing_serials(db: ElectionDB, serials: Iterable[str]) -> set[str]:
    """Which of ``serials`` are already recorded (any run)."""
    items = list(serials)
    found: set[str] = set()
    for i in range(0, len(items), 500):
        chunk = items[i : i + 500]
        marks = ",".join("?" * len(chunk))
        found.update(
            r[0]
            for r in db.con.execute(f"SELECT serial FROM serials WHERE serial IN ({marks})", chunk)
        )
    return found


def _serial(r: sqlite3.Row) -> SerialInfo:
    return SerialInfo(
        r["serial"],
        r["print_run"],
        r["contest"],
        r["round"],
        bool(r["test"]),
        r["spoiled_reason"],
        r["spoiled_at"],
    )


_SERIAL_SQL = (
    "SELECT s.serial, s.print_run, s.spoiled_reason, s.spoiled_at, p.contest, p.round, p.test"
    " FROM serials s JOIN print_runs p ON p.id = s.print_run"
)


def lookup_serial(db: ElectionDB, serial: str) -> SerialInfo | None:
    r = db.con.execute(_SERIAL_SQL + " WHERE s.serial = ?", (serial,)).fetchone()
    return None if r is None else _serial(r)


def serial_named_by(db: ElectionDB, label: str) -> SerialInfo | None:
    """The printed serial a hand-entered ballot's label names — the label, or its last part
    after a station's "<station>/", in any case — if it is one."""
    tail = label.rpartition("/")[2].strip().upper()
    return lookup_serial(db, tail) if tail else None


def serials_of_run(db: ElectionDB, run: int) -> list[SerialInfo]:
    return [
        _serial(r)
        for r in db.con.execute(_SERIAL_SQL + " WHERE s.print_run = ? ORDER BY s.rowid", (run,))
    ]


def spoiled_serials(db: ElectionDB, contest: str, round_number: int) -> list[SerialInfo]:
    return [
        _serial(r)
        for r in db.con.execute(
            _SERIAL_SQL + " WHERE p.contest = ? AND p.round = ? AND s.spoiled_at IS NOT NULL"
            " ORDER BY s.spoiled_at",
            (contest, round_number),
        )
    ]


def mark_spoiled(db: ElectionDB, serial: str, reason: str, at: str) -> bool:
    """Record a sheet as spoiled; False if it is unknown or already spoiled."""
    with db.transaction() as con:
        cur = con.execute(
            "UPDATE serials SET spoiled_reason = ?, spoiled_at = ?"
            " WHERE serial = ? AND spoiled_at IS NULL",
            (reason, at, serial),
        )
        return bool(cur.rowcount)


def _run(r: sqlite3.Row) -> PrintRun:
    return PrintRun(
        r["id"],
        r["contest"],
        r["round"],
        r["count"],
        bool(r["test"]),
        r["at"],
        r["operator"],
        r["serials_digest"],
        int(r["spoiled"]),
    )


_RUN_SQL = (
    "SELECT p.id, p.contest, p.round, p.count, p.test, p.at, p.operator, p.serials_digest,"
    " (SELECT count(*) FROM serials s WHERE s.print_run = p.id AND s.spoiled_at IS NOT NULL)"
    " AS spoiled FROM print_runs p"
)


def list_print_runs(
    db: ElectionDB, contest: str | None = None, round_number: int | None = None
) -> list[PrintRun]:
    where: list[str] = []
    args: list[object] = []
    if contest is not None:
        where.append("p.contest = ?")
        args.append(contest)
    if round_number is not None:
        where.append("p.round = ?")
        args.append(round_number)
    sql = _RUN_SQL + (" WHERE " + " AND ".join(where) if where else "") + " ORDER BY p.id"
    return [_run(r) for r in db.con.execute(sql, args)]


def read_print_run(db: ElectionDB, run: int) -> PrintRun | None:
    r = db.con.execute(_RUN_SQL + " WHERE p.id = ?", (run,)).fetchone()
    return None if r is None else _run(r)


# --- ballot boxes --------------------------------------------------------------------------------


def upsert_box_count(
    db: ElectionDB,
    contest: str,
    round_number: int,
    box: str,
    station: str,
    issued: int | None,
    collected: int | None,
    at: str,
    operator: str,
) -> None:
    """Set issued and/or collected for one box; a value given as None is left as it was."""
    with db.transaction() as con:
        con.execute(
            "INSERT INTO box_counts(contest, round, box, station, issued, collected, updated_at,"
            " operator) VALUES (?,?,?,?,?,?,?,?)"
            " ON CONFLICT(contest, round, box, station) DO UPDATE SET"
            " issued = coalesce(excluded.issued, box_counts.issued),"
            " collected = coalesce(excluded.collected, box_counts.collected),"
            " updated_at = excluded.updated_at, operator = excluded.operator",
            (contest, round_number, box, station, issued, collected, at, operator),
        )


def box_count_exists(
    db: ElectionDB, contest: str, round_number: int, box: str, station: str
) -> bool:
    return (
        db.con.execute(
            "SELECT 1 FROM box_counts WHERE contest = ? AND round = ? AND box = ? AND station = ?",
            (contest, round_number, box, station),
        ).fetchone()
        is not None
    )


def all_box_reports(db: ElectionDB, contest: str, round_number: int) -> list[BoxCount]:
    """Every box count of the round as each station reported it (a box two stations reported
    twice, a report set aside included)."""
    return [
        BoxCount(
            r["box"], r["station"], r["issued"], r["collected"], r["updated_at"], r["operator"]
        )
        for r in db.con.execute(
            "SELECT box, station, issued, collected, updated_at, operator FROM box_counts"
            " WHERE contest = ? AND round = ? ORDER BY station, box",
            (contest, round_number),
        )
    ]


@dataclass(frozen=True)
class BoxChoice:
    """Which report counts for a box two stations reported (``take`` None: every one, the
    reports being of different boxes under one label)."""

    box: str
    take: str | None
    stations: tuple[str, ...]
    decided_by: str
    decided_at: str
    reason: str


def read_box_choices(db: ElectionDB, contest: str, round_number: int) -> dict[str, BoxChoice]:
    return {
        r["box"]: BoxChoice(
            r["box"],
            r["take"],
            tuple(json.loads(r["stations"])),
            r["decided_by"],
            r["decided_at"],
            r["reason"],
        )
        for r in db.con.execute(
            "SELECT * FROM box_choices WHERE contest = ? AND round = ?", (contest, round_number)
        )
    }


def put_box_choice(
    con: sqlite3.Connection,
    contest: str,
    round_number: int,
    box: str,
    take: str | None,
    stations: Iterable[str],
    by: str,
    at: str,
    reason: str,
) -> None:
    con.execute(
        "INSERT INTO box_choices(contest, round, box, take, stations, decided_by, decided_at,"
        " reason) VALUES (?,?,?,?,?,?,?,?) ON CONFLICT(contest, round, box) DO UPDATE SET"
        " take = excluded.take, stations = excluded.stations,"
        " decided_by = excluded.decided_by, decided_at = excluded.decided_at,"
        " reason = excluded.reason",
        (contest, round_number, box, take, json.dumps(sorted(stations)), by, at, reason),
    )


@dataclass(frozen=True)
class BoxReports:
    """A round's box counts as they count: ``counted`` (what the totals add up),
    ``set_aside`` (a station's report of a box another station's report was taken for, by a
    recorded choice) and ``twice`` (box → its reports: a box reported by more than one
    station and not yet resolved — every report is in ``counted`` meanwhile, and the round
    cannot be final)."""

    counted: list[BoxCount]
    set_aside: list[BoxCount]
    twice: dict[str, list[BoxCount]]
    choices: dict[str, BoxChoice]
    # box → (the report with its 发出 only, the report with its 收回 only): one box whose two
    # numbers were entered on two laptops (the chief scrutineer typed each box's 发出 on the
    # main laptop, the station that counted it typed its 收回) — counted as one box, its
    # ``counted`` entry naming both ("main+一团")
    combined: dict[str, tuple[BoxCount, BoxCount]] = field(default_factory=dict)


def split_report(reports: list[BoxCount]) -> tuple[BoxCount, BoxCount] | None:
    """(issued-only report, collected-only report) when a box's reports are exactly two,
    from two laptops, one carrying only its 发出 and the other only its 收回 — each half of
    the one box's count, nothing said twice (else None: reports that overlap say the box
    twice, and a person decides which counts)."""
    if len(reports) != 2 or reports[0].station == reports[1].station:
        return None
    issued = [b for b in reports if b.issued is not None and b.collected is None]
    collected = [b for b in reports if b.issued is None and b.collected is not None]
    if len(issued) != 1 or len(collected) != 1:
        return None
    return issued[0], collected[0]


def box_reports(db: ElectionDB, contest: str, round_number: int) -> BoxReports:
    rows = all_box_reports(db, contest, round_number)
    choices = read_box_choices(db, contest, round_number)
    by_box: dict[str, list[BoxCount]] = {}
    for b in rows:
        by_box.setdefault(b.box, []).append(b)
    counted: list[BoxCount] = []
    set_aside: list[BoxCount] = []
    twice: dict[str, list[BoxCount]] = {}
    combined: dict[str, tuple[BoxCount, BoxCount]] = {}
    merged: dict[int, BoxCount] = {}
    for box, reports in by_box.items():
        choice = choices.get(box)
        stations = {b.station for b in reports}
        split = split_report(reports)
        if len(reports) < 2:
            counted += reports
        elif split is not None:
            # (no choice applies: --take kept half the box's numbers and --both neither
            # whole — the round stayed at "box counts missing" either way)
            half_i, half_c = split
            combined[box] = split
            one = BoxCount(
                box,
                f"{half_i.station}+{half_c.station}",
                half_i.issued,
                half_c.collected,
                max(half_i.updated_at, half_c.updated_at),
                half_c.operator,
            )
            merged[id(one)] = half_i
            counted.append(one)
        elif choice is None or set(choice.stations) != stations:
            # (not resolved, or resolved before another station reported it too)
            counted += reports
            twice[box] = reports
        elif choice.take is None:
            counted += reports
        else:
            counted += [b for b in reports if b.station == choice.take]
            set_aside += [b for b in reports if b.station != choice.take]
    key = {id(b): i for i, b in enumerate(rows)}
    counted.sort(key=lambda b: key[id(merged.get(id(b), b))])
    return BoxReports(counted, set_aside, twice, choices, combined)


def read_box_counts(db: ElectionDB, contest: str, round_number: int) -> list[BoxCount]:
    """The round's box counts that count (see `box_reports`)."""
    return box_reports(db, contest, round_number).counted


def box_sums(db: ElectionDB, contest: str, round_number: int) -> tuple[int, int]:
    """(issued, collected) summed over the round's boxes that count; a missing value counts
    as 0."""
    counted = read_box_counts(db, contest, round_number)
    return (
        sum(b.issued or 0 for b in counted),
        sum(b.collected or 0 for b in counted),
    )
