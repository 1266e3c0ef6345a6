"""SQL for editing an election before the vote: units, people, contests, candidates, officials,
attendance per unit, print-run counts and the audit log as rows. Callers hold the transaction.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from typing import Any

from huanjie_desktop.domain.model import Candidate, Contest, OfficialRole, Unit
from huanjie_desktop.storage.db import ElectionDB, utc_now


@dataclass(frozen=True)
class AuditRow:
    seq: int
    event: str
    at: str  # ISO-8601 UTC
    operator: str
    detail: dict[str, Any]


@dataclass(frozen=True)
class UnitAttendance:
    code: str | None  # None: people without a unit
    name: str
    people: int
    voters: int  # with the vote: 应到
    present_voters: int  # with the vote and checked in: 实到
    present: int  # everyone checked in


def next_ordinal(con: sqlite3.Connection, table: str) -> int:
    if table not in ("people", "units", "contests"):
        raise ValueError(table)
    row = con.execute(f"SELECT coalesce(max(ordinal), -1) + 1 FROM {table}").fetchone()
    return int(row[0])


def upsert_unit(con: sqlite3.Connection, unit: Unit) -> bool:
    """Insert or rename a unit; True if it is new."""
    cur = con.execute("UPDATE units SET name = ? WHERE code = ?", (unit.name, unit.code))
    if cur.rowcount:
        return False
    con.execute(
        "INSERT INTO units(code, name, ordinal) VALUES (?, ?, ?)",
        (unit.code, unit.name, next_ordinal(con, "units")),
    )
    return True


def person_exists(con: sqlite3.Connection, code: str) -> bool:
    return con.execute("SELECT 1 FROM people WHERE code = ?", (code,)).fetchone() is not None


def person_references(db: ElectionDB, code: str) -> dict[str, int]:
    """How often a person appears as candidate, official and check-in."""
    out = {}
    for key, sql in (
        ("candidates", "SELECT count(*) FROM candidates WHERE person = ?"),
        ("officials", "SELECT count(*) FROM officials WHERE person = ?"),
        ("checkins", "SELECT count(*) FROM checkins WHERE person = ?"),
    ):
        out[key] = int(db.con.execute(sql, (code,)).fetchone()[0])
    return out


def delete_person(con: sqlite3.Connection, code: str) -> bool:
    return bool(con.execute("DELETE FROM people WHERE code = ?", (code,)).rowcount)


def rename_person_candidates(con: sqlite3.Connection, person: str, name: str) -> list[str]:
    """Candidates linked to ``person`` take the new name; returns their contests."""
    rows = con.execute(
        "SELECT contest FROM candidates WHERE person = ? AND name <> ?", (person, name)
    ).fetchall()
    con.execute("UPDATE candidates SET name = ? WHERE person = ?", (name, person))
    return [str(r[0]) for r in rows]


def note_person_candidates(con: sqlite3.Connection, person: str, note: str) -> list[str]:
    """Candidates linked to ``person`` take ``note`` (printed under the name: written after
    the name in the roster); returns the contests whose note changed."""
    rows = con.execute(
        "SELECT contest FROM candidates WHERE person = ? AND annotation <> ?", (person, note)
    ).fetchall()
    con.execute("UPDATE candidates SET annotation = ? WHERE person = ?", (note, person))
    return [str(r[0]) for r in rows]


def update_contest(con: sqlite3.Connection, c: Contest) -> None:
    con.execute(
        "UPDATE contests SET title=?, kind=?, method=?, seats=?, unit=?, ballot_style=?,"
        " writein_columns=?, threshold_base=?, quorum_rule=?, margin_min_pct=?,"
        " margin_reason=?, writein_needs_mark=? WHERE code=?",
        (
            c.title,
            str(c.kind),
            str(c.method),
            c.seats,
            c.unit,
            str(c.ballot_style),
            c.writein_columns,
            str(c.threshold_base),
            str(c.quorum_rule),
            c.margin_min_pct,
            c.margin_reason,
            int(c.writein_needs_mark),
            c.code,
        ),
    )
    # (预选 or not: a row of its own in ``preselections``)
    con.execute("DELETE FROM preselections WHERE contest = ?", (c.code,))
    if c.preselection:
        con.execute("INSERT INTO preselections(contest) VALUES (?)", (c.code,))


def open_first_round(con: sqlite3.Connection, contest: str, seats: int) -> None:
    con.execute(
        "INSERT INTO rounds(contest, number, kind, seats, opened_at) VALUES (?, 1, 'formal', ?, ?)",
        (contest, seats, utc_now()),
    )


def set_round_seats(con: sqlite3.Connection, contest: str, number: int, seats: int) -> None:
    con.execute(
        "UPDATE rounds SET seats = ? WHERE contest = ? AND number = ?", (seats, contest, number)
    )


def insert_candidate(con: sqlite3.Connection, contest: str, k: Candidate) -> None:
    con.execute(
        "INSERT INTO candidates(contest, code, name, person, annotation) VALUES (?,?,?,?,?)",
        (contest, k.code, k.name, k.person, k.annotation),
    )


def update_candidate(con: sqlite3.Connection, contest: str, k: Candidate) -> None:
    con.execute(
        "UPDATE candidates SET name = ?, person = ?, annotation = ? WHERE contest = ? AND code = ?",
        (k.name, k.person, k.annotation, contest, k.code),
    )


def candidate_codes(con: sqlite3.Connection, contest: str) -> set[str]:
    rows = con.execute("SELECT code FROM candidates WHERE contest = ?", (contest,))
    return {str(r[0]) for r in rows}


def add_to_round(con: sqlite3.Connection, contest: str, number: int, candidate: str) -> None:
    """Append a candidate at the end of a round's ballot order (reorder afterwards)."""
    row = con.execute(
        "SELECT coalesce(max(position), -1) + 1 FROM round_candidates WHERE contest = ? AND round = ?",
        (contest, number),
    ).fetchone()
    con.execute(
        "INSERT INTO round_candidates(contest, round, candidate, position) VALUES (?,?,?,?)",
        (contest, number, candidate, int(row[0])),
    )


def candidate_rounds(con: sqlite3.Connection, contest: str, candidate: str) -> list[int]:
    rows = con.execute(
        "SELECT round FROM round_candidates WHERE contest = ? AND candidate = ? ORDER BY round",
        (contest, candidate),
    )
    return [int(r[0]) for r in rows]


def delete_candidate(con: sqlite3.Connection, contest: str, candidate: str) -> None:
    con.execute(
        "DELETE FROM round_candidates WHERE contest = ? AND candidate = ?", (contest, candidate)
    )
    con.execute("DELETE FROM candidates WHERE contest = ? AND code = ?", (contest, candidate))


def add_official(con: sqlite3.Connection, contest: str, person: str, role: OfficialRole) -> bool:
    cur = con.execute(
        "INSERT OR IGNORE INTO officials(contest, person, role) VALUES (?,?,?)",
        (contest, person, str(role)),
    )
    return bool(cur.rowcount)


def remove_official(con: sqlite3.Connection, contest: str, person: str, role: OfficialRole) -> bool:
    cur = con.execute(
        "DELETE FROM officials WHERE contest = ? AND person = ? AND role = ?",
        (contest, person, str(role)),
    )
    return bool(cur.rowcount)


def printed_sheets(
    db: ElectionDB, contest: str, number: int | None = None, *, usable: bool = False
) -> int:
    """Sheets printed for real (test prints excluded) for a contest, or one of its rounds;
    ``usable``: without the sheets recorded as spoiled."""
    where = "p.contest = ? AND p.test = 0"
    args: tuple[Any, ...] = (contest,)
    if number is not None:
        where += " AND p.round = ?"
        args = (contest, number)
    total = int(
        db.con.execute(
            f"SELECT coalesce(sum(p.count), 0) FROM print_runs p WHERE {where}", args
        ).fetchone()[0]
    )
    if not usable:
        return total
    spoiled = int(
        db.con.execute(
            "SELECT count(*) FROM serials s JOIN print_runs p ON p.id = s.print_run"
            f" WHERE {where} AND s.spoiled_at IS NOT NULL",
            args,
        ).fetchone()[0]
    )
    return total - spoiled


def round_sheet_count(db: ElectionDB, contest: str, number: int) -> int:
    """Scanned or hand-entered sheets of a round — counted, held for review, set aside as
    duplicates — and hand entries begun: once counting started, the list is fixed. A page
    refused (rejected: not counted, e.g. an old ballot whose code carries a definition since
    changed) is no counting begun: it would shut out putting that change back."""
    row = db.con.execute(
        "SELECT (SELECT count(*) FROM sheets WHERE contest = ? AND round = ?"
        " AND status != 'rejected')"
        " + (SELECT count(*) FROM manual_entries WHERE contest = ? AND round = ?)",
        (contest, number, contest, number),
    ).fetchone()
    return int(row[0])


def attendance_by_unit(db: ElectionDB) -> list[UnitAttendance]:
    rows = db.con.execute(
        "SELECT u.code AS code, u.name AS name, count(p.code) AS people,"
        " coalesce(sum(p.has_vote), 0) AS voters,"
        " coalesce(sum(CASE WHEN c.person IS NOT NULL AND p.has_vote = 1 THEN 1 ELSE 0 END), 0)"
        "   AS present_voters,"
        " coalesce(sum(CASE WHEN c.person IS NOT NULL THEN 1 ELSE 0 END), 0) AS present"
        " FROM units u LEFT JOIN people p ON p.unit = u.code"
        " LEFT JOIN checkins c ON c.person = p.code"
        " GROUP BY u.code ORDER BY u.ordinal"
    ).fetchall()
    out = [
        UnitAttendance(
            r["code"],
            r["name"],
            int(r["people"]),
            int(r["voters"]),
            int(r["present_voters"]),
            int(r["present"]),
        )
        for r in rows
    ]
    loose = db.con.execute(
        "SELECT count(p.code), coalesce(sum(p.has_vote), 0),"
        " coalesce(sum(CASE WHEN c.person IS NOT NULL AND p.has_vote = 1 THEN 1 ELSE 0 END), 0),"
        " coalesce(sum(CASE WHEN c.person IS NOT NULL THEN 1 ELSE 0 END), 0)"
        " FROM people p LEFT JOIN checkins c ON c.person = p.code WHERE p.unit IS NULL"
    ).fetchone()
    if int(loose[0]):
        out.append(
            UnitAttendance(None, "", int(loose[0]), int(loose[1]), int(loose[2]), int(loose[3]))
        )
    return out


def checkin_times(db: ElectionDB) -> dict[str, str]:
    return {str(r[0]): str(r[1]) for r in db.con.execute("SELECT person, at FROM checkins")}


def read_audit(db: ElectionDB, limit: int | None = None) -> list[AuditRow]:
    """The audit log, newest first."""
    sql = "SELECT seq, event, at, operator, detail FROM audit ORDER BY seq DESC"
    args: tuple[int, ...] = ()
    if limit is not None:
        sql += " LIMIT ?"
        args = (limit,)
    out = []
    for r in db.con.execute(sql, args):
        try:
            detail = json.loads(r["detail"])
        except json.JSONDecodeError:
            detail = {"raw": r["detail"]}
        out.append(
            AuditRow(
                int(r["seq"]),
                str(r["event"]),
                str(r["at"]),
                str(r["operator"]),
                detail if isinstance(detail, dict) else {"value": detail},
            )
        )
    return out
