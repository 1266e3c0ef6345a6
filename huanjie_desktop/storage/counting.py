"""SQL for counting: the tally input (fast), sheets held for review, review decisions,
ballots entered by hand, new rounds and certification.

The tally reads a round's counted sheets in one pass: SQLite concatenates the compact
``final_marks`` strings of the plain ballots (no write-ins) and numpy counts them per
position, so 100,000 ballots are never turned into Python objects. The few ballots with
write-ins are counted the same way; only their write-in totals are Python objects
(``domain.tally.writein_totals``). The result is tested to equal the reference count of
``domain.tally.count_ballots``.

Every write runs inside ``db.transaction()``; the app layer adds the audit entry in the same
transaction.
"""

from __future__ import annotations

import json
import sqlite3
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from huanjie_desktop.domain.model import Mark
from huanjie_desktop.domain.tally import (
    BallotRecord,
    Counts,
    WriteInVote,
    ballot_writein_votes,
    illegible_choices,
    normalise_name,
    writein_totals,
)
from huanjie_desktop.storage.db import ElectionDB

_A, _D, _N, _Q, _COMMA = (ord(c) for c in "ADN?,")


class SheetDataError(ValueError):
    """Counted sheets whose final record does not fit their round (listed by id)."""

    def __init__(self, sheets: list[str]) -> None:
        super().__init__(", ".join(sheets))
        self.sheets = sheets


# --- sheets ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class SheetRow:
    id: str
    station: str
    source_file: str
    page: int
    image_path: str
    status: str
    reasons: list[Any]
    contest: str | None
    round: int | None
    serial: str | None
    ballot_valid: int | None
    marks: str | None
    writeins: list[dict[str, Any]]
    final_marks: str | None
    final_valid: int | None
    final_writeins: list[dict[str, Any]]
    source: str


_SHEET_COLUMNS = (
    "id, station, source_file, page, image_path, status, reason, reasons, contest, round,"
    " serial, ballot_valid, marks, writeins, final_marks, final_valid, final_writeins, source"
)


def _loads(text: str | None, default: Any) -> Any:
    if not text:
        return default
    try:
        return json.loads(text)
    except json.JSONDecodeError:
        return default


def _sheet(r: sqlite3.Row) -> SheetRow:
    reasons = _loads(r["reasons"], [])
    if not isinstance(reasons, list):
        reasons = [reasons]
    if not reasons and r["reason"]:
        reasons = [r["reason"]]
    writeins = _loads(r["writeins"], [])
    final_writeins = _loads(r["final_writeins"], [])
    return SheetRow(
        r["id"],
        r["station"],
        r["source_file"],
        r["page"],
        r["image_path"],
        r["status"],
        reasons,
        r["contest"],
        r["round"],
        r["serial"],
        r["ballot_valid"],
        r["marks"],
        writeins if isinstance(writeins, list) else [],
        r["final_marks"],
        r["final_valid"],
        final_writeins if isinstance(final_writeins, list) else [],
        r["source"],
    )


def read_sheet(db: ElectionDB, sheet: str) -> SheetRow | None:
    r = db.con.execute(f"SELECT {_SHEET_COLUMNS} FROM sheets WHERE id = ?", (sheet,)).fetchone()
    return None if r is None else _sheet(r)


def review_sheets(db: ElectionDB, contest: str | None = None) -> list[SheetRow]:
    """Sheets held for review, and counted sheets with a decision awaiting confirmation."""
    return _sheets_where(
        db,
        "(s.status = 'review' OR EXISTS (SELECT 1 FROM decisions d WHERE d.sheet = s.id"
        " AND d.confirmed_by IS NULL AND d.superseded = 0))",
        contest,
    )


def _sheets_where(db: ElectionDB, where: str, contest: str | None) -> list[SheetRow]:
    """The sheets (``s``) ``where`` holds, of ``contest`` if given, in the order they are
    listed for review."""
    sql = f"SELECT {_SHEET_COLUMNS} FROM sheets s WHERE {where}"
    args: tuple[Any, ...] = ()
    if contest is not None:
        sql += " AND s.contest = ?"
        args = (contest,)
    sql += " ORDER BY s.contest, s.round, s.station, s.source_file, s.page, s.id"
    return [_sheet(r) for r in db.con.execute(sql, args)]


def set_sheet_final(
    db: ElectionDB, sheet: str, marks: str, valid: bool, writeins: list[dict[str, Any]]
) -> None:
    """What counts of a sheet after a confirmed decision; the sheet then counts."""
    with db.transaction() as con:
        con.execute(
            "UPDATE sheets SET final_marks = ?, final_valid = ?, final_writeins = ?,"
            " status = 'counted' WHERE id = ?",
            (marks, int(valid), json.dumps(writeins, ensure_ascii=False), sheet),
        )


def sheet_with_serial(db: ElectionDB, contest: str, round_: int, serial: str) -> str | None:
    """A scanned sheet of the round carrying ``serial`` (any case), if one is stored."""
    row = db.con.execute(
        "SELECT id FROM sheets WHERE contest = ? AND round = ? AND serial IS NOT NULL"
        " AND upper(serial) = upper(?) AND source != 'manual' LIMIT 1",
        (contest, round_, serial.strip()),
    ).fetchone()
    return None if row is None else str(row[0])


def manual_sheet_for_label(db: ElectionDB, contest: str, round_: int, label: str) -> str | None:
    """The hand-entered sheet of the round entered under ``label`` (this laptop's, or a
    station's as "<station>/<label>"), if it counts or was ever counted."""
    row = db.con.execute(
        "SELECT id FROM sheets WHERE source = 'manual' AND contest = ? AND round = ?"
        " AND (source_file = ? OR station || '/' || source_file = ?) ORDER BY id LIMIT 1",
        (contest, round_, label, label),
    ).fetchone()
    return None if row is None else str(row[0])


def withdrawal_decisions(db: ElectionDB, contest: str | None = None) -> list[Decision]:
    """Review decisions taking a sheet out of the count, or putting one back, oldest first."""
    sql = (
        # (the decisions are few, the sheets many: read them first — CROSS JOIN keeps that
        # order — and each one's sheet by its id, not the round's every sheet)
        "SELECT d.* FROM decisions d CROSS JOIN sheets s ON s.id = d.sheet"
        " WHERE (d.decided LIKE '%\"withdrawn\":true%' OR d.decided LIKE '%\"restored\":true%')"
    )
    args: tuple[Any, ...] = ()
    if contest is not None:
        sql += " AND s.contest = ?"
        args = (contest,)
    return [_decision(r) for r in db.con.execute(sql + " ORDER BY d.id", args)]


def manual_sheet_with_serial(db: ElectionDB, serial: str) -> str | None:
    """A hand-entered sheet carrying ``serial``, if one is stored."""
    row = db.con.execute(
        "SELECT id FROM sheets WHERE serial = ? AND source = 'manual' LIMIT 1", (serial,)
    ).fetchone()
    return None if row is None else str(row[0])


def serials_counted_twice(db: ElectionDB, contest: str, round_: int) -> list[str]:
    """Serials that two or more counting sheets of the round carry (a paper counted twice
    unless a person finds the copies are different papers, which a serial rules out)."""
    rows = db.con.execute(
        "SELECT serial FROM sheets WHERE contest = ? AND round = ? AND serial IS NOT NULL"
        " AND serial != '' AND status = 'counted' AND final_valid IS NOT NULL"
        " GROUP BY serial HAVING count(*) > 1 ORDER BY serial",
        (contest, round_),
    ).fetchall()
    return [str(r[0]) for r in rows]


def same_serial(db: ElectionDB, sheet: str, serial: str) -> list[tuple[str, str]]:
    """(id, status) of the other sheets that carry ``serial`` (not rejected ones)."""
    return [
        (str(r[0]), str(r[1]))
        for r in db.con.execute(
            "SELECT id, status FROM sheets WHERE serial = ? AND id <> ? AND status <> 'rejected'"
            " ORDER BY id",
            (serial, sheet),
        )
    ]


def set_sheet_duplicate(db: ElectionDB, sheet: str) -> None:
    """After a confirmed decision: the sheet is another scan of a paper already here."""
    with db.transaction() as con:
        con.execute("UPDATE sheets SET status = 'duplicate' WHERE id = ?", (sheet,))


def insert_manual_sheet(
    db: ElectionDB,
    sheet: str,
    contest: str,
    round_number: int,
    label: str,
    marks: str,
    valid: bool,
    writeins: list[dict[str, Any]],
    digest: str,
    at: str,
    operator: str,
    serial: str | None = None,
) -> None:
    """A ballot entered by hand twice in agreement: it counts like a scanned one (with the
    serial printed on it, when its label names one)."""
    final = json.dumps(writeins, ensure_ascii=False)
    machine = json.dumps(
        [
            # (a name nobody can read is a name there all the same)
            {
                "column": w["column"],
                "has_name": bool(w.get("name") or w.get("illegible")),
                "mark": w["mark"],
            }
            for w in writeins
        ],
        ensure_ascii=False,
    )
    with db.transaction() as con:
        con.execute(
            "INSERT INTO sheets(id, station, source_file, page, image_sha256, image_path, status,"
            " reason, reasons, contest, round, serial, ballot_valid, marks, writeins, scores,"
            " final_marks, final_valid, final_writeins, source, scanned_at, operator)"
            " VALUES (?, 'manual', ?, 1, ?, '', 'counted', NULL, '[]', ?, ?, ?, ?, ?, ?, '{}',"
            " ?, ?, ?, 'manual', ?, ?)",
            (
                sheet,
                label,
                digest,
                contest,
                round_number,
                serial,
                int(valid),
                marks,
                machine,
                marks,
                int(valid),
                final,
                at,
                operator,
            ),
        )


# --- the tally input --------------------------------------------------------------------------


def writein_votes(items: Any) -> tuple[WriteInVote, ...]:
    """final_writeins JSON → write-in votes (an unknown mark reads as unclear)."""
    out = []
    for w in items if isinstance(items, list) else []:
        if not isinstance(w, dict):
            continue
        try:
            mark = Mark(w.get("mark", "abstain"))
        except ValueError:
            mark = Mark.UNCLEAR
        out.append(
            WriteInVote(
                int(w.get("column", 0)),
                mark,
                str(w.get("name") or ""),
                w.get("person"),
                w.get("candidate"),
                w.get("illegible") is True,
            )
        )
    return tuple(out)


def round_counts(
    db: ElectionDB, contest: str, round_number: int, n: int, seats: int, needs_mark: bool = True
) -> Counts:
    """Totals of a round's counted sheets (see the module docstring for how)."""
    return round_counts_and_serials(db, contest, round_number, n, seats, needs_mark)[0]


def round_counts_and_serials(
    db: ElectionDB, contest: str, round_number: int, n: int, seats: int, needs_mark: bool = True
) -> tuple[Counts, list[str]]:
    """Totals of a round's counted sheets (see the module docstring for how), and the
    serials two or more of them carry (as `serials_counted_twice`).

    One pass: SQLite joins the mark strings of the plain valid ballots with a separator, and
    those with write-ins apart, and the serials (read in the same pass, not in a second one
    over the round's every row: the costliest part of a tally of 100,000 sheets). A sheet
    whose final record does not fit the round (NULL, wrong length, unknown code) shifts the
    separators or the totals and is reported by id.
    """
    total, void, plain, special, serials = db.con.execute(
        "SELECT count(*), total(final_valid = 0),"
        " group_concat(final_marks, ',')"
        "   FILTER (WHERE final_valid = 1 AND final_writeins = '[]'),"
        " group_concat(final_marks || char(31) || final_writeins, char(30))"
        "   FILTER (WHERE final_valid = 1 AND final_writeins <> '[]'),"
        " group_concat(serial, char(30))"
        "   FILTER (WHERE final_valid IS NOT NULL AND serial IS NOT NULL AND serial != '')"
        " FROM sheets WHERE contest = ? AND round = ? AND status = 'counted'",
        (contest, round_number),
    ).fetchone()
    carried = str(serials).split("\x1e") if serials else []
    twice = (
        []
        if len(set(carried)) == len(carried)
        else sorted(k for k, v in Counter(carried).items() if v > 1)
    )
    try:
        counts, _ = _count_grid(plain or "", n, seats)
        if special:
            marks, votes = [], []
            for item in special.split("\x1e"):
                m, _, w = item.partition("\x1f")
                marks.append(m)
                votes.append(writein_votes(_loads(w, [])))
            per = [ballot_writein_votes(ws, needs_mark) for ws in votes]
            # (a name nobody can read chooses someone too: the over-vote rule counts it)
            unread = [illegible_choices(ws, needs_mark) for ws in votes]
            more, kept = _count_grid(
                ",".join(marks), n, seats, [len(ws) + u for ws, u in zip(per, unread, strict=True)]
            )
            counted = [w for ws, keep in zip(per, kept, strict=True) if keep for w in ws]
            counts = counts + Counts(
                more.valid,
                more.void,
                more.over_voted,
                more.agree,
                more.disagree,
                more.abstain,
                more.unclear,
                writein_totals(counted, needs_mark),
                sum(u for u, keep in zip(unread, kept, strict=True) if keep),
            )
    except (ValueError, UnicodeEncodeError):
        raise SheetDataError(bad_sheets(db, contest, round_number, n)) from None
    counts = Counts(
        counts.valid,
        counts.void + int(void),
        counts.over_voted,
        counts.agree,
        counts.disagree,
        counts.abstain,
        counts.unclear,
        counts.writeins,
        counts.writeins_illegible,
    )
    if counts.valid + counts.void != int(total):  # NULL final_valid or final_marks
        raise SheetDataError(bad_sheets(db, contest, round_number, n))
    return counts, twice


def _count_grid(
    joined: str, n: int, seats: int, extra: Sequence[int] | None = None
) -> tuple[Counts, list[bool]]:
    """Count comma-joined mark strings of ``n`` codes each; ``extra`` adds each row's
    write-in choices to the over-vote test. Returns the counts (no write-ins) and which rows
    were valid. Raises ValueError when the strings do not all have ``n`` known codes."""
    if not joined:
        return Counts.empty(n), []
    grid = np.frombuffer((joined + ",").encode("ascii"), dtype=np.uint8)
    if n == 0 or grid.size % (n + 1) or not bool(np.all(grid[n :: n + 1] == _COMMA)):
        raise ValueError("mark strings do not fit the round")
    grid = grid.reshape(-1, n + 1)[:, :n]
    chosen = np.count_nonzero(grid == _A, axis=1)
    if extra is not None:
        chosen = chosen + np.asarray(extra, dtype=np.int64)
    keep = chosen <= seats
    n_over = int(keep.size - np.count_nonzero(keep))
    if n_over:
        grid = grid[keep]
    rows = grid.shape[0]
    by_column = np.ascontiguousarray(grid.T)  # counting along contiguous rows is fast
    agree, disagree, unclear, plain_abstain = (
        (by_column == code).sum(axis=1) for code in (_A, _D, _Q, _N)
    )
    if bool(np.any(agree + disagree + unclear + plain_abstain != rows)):
        raise ValueError("unknown mark code")
    abstain = rows - agree - disagree

    def ints(a: Any) -> tuple[int, ...]:
        return tuple(int(x) for x in a)

    counts = Counts(rows, n_over, n_over, ints(agree), ints(disagree), ints(abstain), ints(unclear))
    return counts, [bool(k) for k in keep]


def bad_sheets(db: ElectionDB, contest: str, round_number: int, n: int) -> list[str]:
    """Counted sheets whose final record does not fit a round of ``n`` candidates."""
    return [
        r[0]
        for r in db.con.execute(
            "SELECT id FROM sheets WHERE contest = ? AND round = ? AND status = 'counted'"
            " AND (final_valid IS NULL OR (final_valid = 1 AND (final_marks IS NULL"
            " OR length(final_marks) <> ? OR final_marks GLOB '*[^ADN?]*')))"
            " ORDER BY id LIMIT 50",
            (contest, round_number, n),
        )
    ]


def counted_records(db: ElectionDB, contest: str, round_number: int) -> Iterator[BallotRecord]:
    """Every counted sheet of a round as a ballot record (the slow reference path)."""
    for r in db.con.execute(
        "SELECT final_marks, final_valid, final_writeins FROM sheets"
        " WHERE contest = ? AND round = ? AND status = 'counted'",
        (contest, round_number),
    ):
        yield BallotRecord(r[0] or "", bool(r[1]), writein_votes(_loads(r[2], [])))


def pending_count(db: ElectionDB, contest: str, round_number: int) -> int:
    """Sheets of the round held for review, plus counted ones with an unconfirmed decision."""
    held = db.con.execute(
        "SELECT count(*) FROM sheets WHERE contest = ? AND round = ? AND status = 'review'",
        (contest, round_number),
    ).fetchone()[0]
    undecided = db.con.execute(
        # CROSS JOIN keeps decisions (few) as the outer loop instead of scanning the sheets
        "SELECT count(DISTINCT s.id) FROM decisions d CROSS JOIN sheets s ON s.id = d.sheet"
        # (a sheet taken out of the count whose putting back awaits confirmation too)
        " WHERE s.contest = ? AND s.round = ? AND s.status IN ('counted', 'duplicate')"
        " AND d.confirmed_by IS NULL AND d.superseded = 0",
        (contest, round_number),
    ).fetchone()[0]
    return int(held) + int(undecided)


def manual_incomplete(db: ElectionDB, contest: str, round_number: int) -> list[str]:
    """Labels of the round entered by hand whose ballot is not counted: entered once only
    (the second person has not entered it yet), or twice without agreeing — those taken out
    of the count by a confirmed withdrawal (`withdrawals`) left out."""
    return [
        r[0]
        for r in db.con.execute(
            "SELECT DISTINCT m.label FROM manual_entries m WHERE m.contest = ? AND m.round = ?"
            " AND NOT EXISTS (SELECT 1 FROM sheets s WHERE s.source = 'manual'"
            " AND s.contest = m.contest AND s.round = m.round"
            " AND (s.source_file = m.label OR s.station || '/' || s.source_file = m.label))"
            " AND NOT EXISTS (SELECT 1 FROM withdrawals w WHERE w.contest = m.contest"
            " AND w.round = m.round AND w.label = m.label AND w.confirmed_by IS NOT NULL"
            " AND w.restored_by IS NULL)"
            " ORDER BY m.label",
            (contest, round_number),
        )
    ]


# --- hand entries taken out of the count --------------------------------------------------------


@dataclass(frozen=True)
class Withdrawal:
    """A lone hand entry's label taken out of the count (see migration 007): in effect once
    confirmed, until restored."""

    id: int
    contest: str
    round: int
    label: str
    reason: str
    decided_by: str
    decided_at: str
    confirmed_by: str | None
    confirmed_at: str | None
    restored_by: str | None
    restored_at: str | None
    restore_reason: str | None

    @property
    def standing(self) -> bool:
        """Proposed or in effect: not put back."""
        return self.restored_by is None


def _withdrawal(r: sqlite3.Row) -> Withdrawal:
    return Withdrawal(
        r["id"],
        r["contest"],
        r["round"],
        r["label"],
        r["reason"],
        r["decided_by"],
        r["decided_at"],
        r["confirmed_by"],
        r["confirmed_at"],
        r["restored_by"],
        r["restored_at"],
        r["restore_reason"],
    )


def withdrawals(
    db: ElectionDB, contest: str | None = None, round_number: int | None = None
) -> list[Withdrawal]:
    """Every withdrawal of a hand entry (standing and put back), oldest first."""
    sql, args = "SELECT * FROM withdrawals WHERE 1", list[Any]()
    if contest is not None:
        sql += " AND contest = ?"
        args.append(contest)
    if round_number is not None:
        sql += " AND round = ?"
        args.append(round_number)
    return [_withdrawal(r) for r in db.con.execute(sql + " ORDER BY id", args)]


def standing_withdrawal(
    db: ElectionDB, contest: str, round_number: int, label: str
) -> Withdrawal | None:
    """The withdrawal of ``label`` proposed or in effect (not put back), if any."""
    r = db.con.execute(
        "SELECT * FROM withdrawals WHERE contest = ? AND round = ? AND label = ?"
        " AND restored_by IS NULL ORDER BY id DESC LIMIT 1",
        (contest, round_number, label),
    ).fetchone()
    return None if r is None else _withdrawal(r)


def insert_withdrawal(
    db: ElectionDB, contest: str, round_number: int, label: str, reason: str, by: str, at: str
) -> int:
    with db.transaction() as con:
        cur = con.execute(
            "INSERT INTO withdrawals(contest, round, label, reason, decided_by, decided_at)"
            " VALUES (?, ?, ?, ?, ?, ?)",
            (contest, round_number, label, reason, by, at),
        )
        return int(cur.lastrowid or 0)


def confirm_withdrawal(db: ElectionDB, withdrawal: int, by: str, at: str) -> None:
    with db.transaction() as con:
        con.execute(
            "UPDATE withdrawals SET confirmed_by = ?, confirmed_at = ? WHERE id = ?"
            " AND confirmed_by IS NULL AND restored_by IS NULL",
            (by, at, withdrawal),
        )


def restore_withdrawal(db: ElectionDB, withdrawal: int, by: str, at: str, reason: str) -> None:
    with db.transaction() as con:
        con.execute(
            "UPDATE withdrawals SET restored_by = ?, restored_at = ?, restore_reason = ?"
            " WHERE id = ? AND restored_by IS NULL",
            (by, at, reason, withdrawal),
        )


def set_sheet_status(db: ElectionDB, sheet: str, status: str) -> None:
    """After a confirmed decision putting a withdrawn sheet back: the status it had (counted
    or held for review; what counts of it, ``final_*``, was never touched)."""
    with db.transaction() as con:
        con.execute("UPDATE sheets SET status = ? WHERE id = ?", (status, sheet))


# --- decisions --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Decision:
    id: int
    sheet: str
    machine: dict[str, Any]
    decided: dict[str, Any]
    reason: str
    decided_by: str
    decided_at: str
    confirmed_by: str | None
    confirmed_at: str | None
    superseded: bool


def _decision(r: sqlite3.Row) -> Decision:
    return Decision(
        r["id"],
        r["sheet"],
        _loads(r["machine"], {}),
        _loads(r["decided"], {}),
        r["reason"],
        r["decided_by"],
        r["decided_at"],
        r["confirmed_by"],
        r["confirmed_at"],
        bool(r["superseded"]),
    )


def insert_decision(
    db: ElectionDB,
    sheet: str,
    machine: dict[str, Any],
    decided: dict[str, Any],
    reason: str,
    by: str,
    at: str,
) -> int:
    """Record a decision; an older one still awaiting confirmation is superseded."""
    with db.transaction() as con:
        con.execute(
            "UPDATE decisions SET superseded = 1 WHERE sheet = ? AND confirmed_by IS NULL"
            " AND superseded = 0",
            (sheet,),
        )
        cur = con.execute(
            "INSERT INTO decisions(sheet, machine, decided, reason, decided_by, decided_at)"
            " VALUES (?, ?, ?, ?, ?, ?)",
            (sheet, _canonical(machine), _canonical(decided), reason, by, at),
        )
        return int(cur.lastrowid or 0)


def open_decision(db: ElectionDB, sheet: str) -> Decision | None:
    """The decision on a sheet that awaits confirmation, if any."""
    r = db.con.execute(
        "SELECT * FROM decisions WHERE sheet = ? AND confirmed_by IS NULL AND superseded = 0"
        " ORDER BY id DESC LIMIT 1",
        (sheet,),
    ).fetchone()
    return None if r is None else _decision(r)


def confirmed_sheets(db: ElectionDB, contest: str | None = None) -> list[SheetRow]:
    """Sheets with a confirmed review decision (this laptop's, or a station's merged in)."""
    return _sheets_where(
        db,
        "EXISTS (SELECT 1 FROM decisions d WHERE d.sheet = s.id AND d.confirmed_by IS NOT NULL)",
        contest,
    )


def decisions_for(db: ElectionDB, sheet: str) -> list[Decision]:
    return [
        _decision(r)
        for r in db.con.execute("SELECT * FROM decisions WHERE sheet = ? ORDER BY id", (sheet,))
    ]


def confirm_decision(db: ElectionDB, decision: int, by: str, at: str) -> None:
    with db.transaction() as con:
        con.execute(
            "UPDATE decisions SET confirmed_by = ?, confirmed_at = ? WHERE id = ?",
            (by, at, decision),
        )


# --- manual entries -----------------------------------------------------------------------------


@dataclass(frozen=True)
class ManualEntry:
    entry_no: int
    content: dict[str, Any]
    entered_by: str
    entered_at: str


def manual_labels(db: ElectionDB, contest: str, round_number: int) -> list[str]:
    """Every label of the round entered by hand at least once, or taken out of the count."""
    return [
        str(r[0])
        for r in db.con.execute(
            "SELECT label FROM manual_entries WHERE contest = ? AND round = ?"
            " UNION SELECT label FROM withdrawals WHERE contest = ? AND round = ?"
            " ORDER BY label",
            (contest, round_number, contest, round_number),
        )
    ]


def manual_entries(
    db: ElectionDB, contest: str, round_number: int, label: str
) -> list[ManualEntry]:
    return [
        ManualEntry(r["entry_no"], _loads(r["content"], {}), r["entered_by"], r["entered_at"])
        for r in db.con.execute(
            "SELECT entry_no, content, entered_by, entered_at FROM manual_entries"
            " WHERE contest = ? AND round = ? AND label = ? ORDER BY entry_no",
            (contest, round_number, label),
        )
    ]


def put_manual_entry(
    db: ElectionDB,
    contest: str,
    round_number: int,
    label: str,
    entry_no: int,
    content: dict[str, Any],
    by: str,
    at: str,
) -> None:
    """Store entry 1 or 2 of a label (replacing what was in that slot: the audit log keeps it)."""
    with db.transaction() as con:
        con.execute(
            "INSERT INTO manual_entries(contest, round, label, entry_no, content, entered_by,"
            " entered_at) VALUES (?, ?, ?, ?, ?, ?, ?)"
            " ON CONFLICT(contest, round, label, entry_no) DO UPDATE SET"
            " content = excluded.content, entered_by = excluded.entered_by,"
            " entered_at = excluded.entered_at",
            (contest, round_number, label, entry_no, _canonical(content), by, at),
        )


# --- rounds -------------------------------------------------------------------------------------


def insert_round(
    db: ElectionDB, contest: str, number: int, kind: str, seats: int, order: Sequence[str], at: str
) -> None:
    with db.transaction() as con:
        con.execute(
            "INSERT INTO rounds(contest, number, kind, seats, opened_at) VALUES (?, ?, ?, ?, ?)",
            (contest, number, kind, seats, at),
        )
        con.executemany(
            "INSERT INTO round_candidates(contest, round, candidate, position) VALUES (?,?,?,?)",
            [(contest, number, code, pos) for pos, code in enumerate(order)],
        )


def candidate_codes(db: ElectionDB, contest: str) -> set[str]:
    return {
        r[0] for r in db.con.execute("SELECT code FROM candidates WHERE contest = ?", (contest,))
    }


def insert_candidate(
    db: ElectionDB, contest: str, code: str, name: str, person: str | None
) -> None:
    """A write-in person who goes on to a tie re-vote is printed from then on."""
    with db.transaction() as con:
        con.execute(
            "INSERT INTO candidates(contest, code, name, person) VALUES (?, ?, ?, ?)",
            (contest, code, name, person),
        )


def set_round_status(db: ElectionDB, contest: str, number: int, status: str) -> None:
    with db.transaction() as con:
        con.execute(
            "UPDATE rounds SET status = ? WHERE contest = ? AND number = ?",
            (status, contest, number),
        )


def freeze_round(
    db: ElectionDB,
    contest: str,
    number: int,
    status: str,
    at: str,
    by: str,
    digest: str,
    result_json: str,
) -> None:
    """Certify (or record as void) a round with its result and digest; only an open round."""
    with db.transaction() as con:
        cur = con.execute(
            "UPDATE rounds SET status = ?, certified_at = ?, certified_by = ?,"
            " result_digest = ?, result_json = ? WHERE contest = ? AND number = ?"
            " AND status = 'open'",
            (status, at, by, digest, result_json, contest, number),
        )
        if cur.rowcount != 1:
            raise sqlite3.IntegrityError(f"round {contest}/{number} is not open")


@dataclass(frozen=True)
class FrozenRound:
    contest: str
    number: int
    status: str
    certified_at: str | None
    certified_by: str | None
    digest: str | None
    result_json: str | None


def _frozen(r: sqlite3.Row) -> FrozenRound:
    return FrozenRound(
        r["contest"],
        r["number"],
        r["status"],
        r["certified_at"],
        r["certified_by"],
        r["result_digest"],
        r["result_json"],
    )


_FROZEN = "SELECT contest, number, status, certified_at, certified_by, result_digest, result_json"


def frozen_round(db: ElectionDB, contest: str, number: int) -> FrozenRound | None:
    r = db.con.execute(
        f"{_FROZEN} FROM rounds WHERE contest = ? AND number = ?", (contest, number)
    ).fetchone()
    return None if r is None else _frozen(r)


def frozen_rounds(db: ElectionDB) -> list[FrozenRound]:
    """Every round with a stored result (certified, or recorded as void)."""
    return [
        _frozen(r)
        for r in db.con.execute(
            f"{_FROZEN} FROM rounds WHERE result_digest IS NOT NULL ORDER BY contest, number"
        )
    ]


def rounds_with_digest(db: ElectionDB, prefix: str) -> list[FrozenRound]:
    return [
        _frozen(r)
        for r in db.con.execute(
            f"{_FROZEN} FROM rounds WHERE result_digest IS NOT NULL"
            " AND substr(result_digest, 1, ?) = ? ORDER BY contest, number",
            (len(prefix), prefix),
        )
    ]


# --- people -----------------------------------------------------------------------------------


def people_named(db: ElectionDB, name: str) -> list[tuple[str, str, str | None]]:
    """(code, name, unit) of roster entries with this name, compared as write-ins are
    merged (`normalise_name`: '李 娜' is '李娜', an annotation or a kind of dot does not count)."""
    key = normalise_name(name)
    return [
        (r[0], r[1], r[2])
        for r in db.con.execute("SELECT code, name, unit FROM people ORDER BY ordinal")
        if normalise_name(r[1]) == key
    ]


def _canonical(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def seats_reduced(db: ElectionDB, contest: str) -> dict[str, Any] | None:
    """The presidium's decision to reduce a contest's unfilled seats to none (no further
    round), as recorded (``contest.seats_reduced``: the round after which, the decision, the
    seats it left unfilled); None when there is none."""
    for found in _audit_details(db, "contest.seats_reduced"):
        if found.get("contest") == contest:
            return found
    return None


def _audit_details(db: ElectionDB, event: str) -> Iterator[dict[str, Any]]:
    """The details of the audit entries of ``event``, newest first (unreadable ones left
    out)."""
    for (detail,) in db.con.execute(
        "SELECT detail FROM audit WHERE event = ? ORDER BY seq DESC", (event,)
    ):
        try:
            found = json.loads(detail)
        except (TypeError, ValueError):
            continue
        if isinstance(found, dict):
            yield found


def round_seats_decided(db: ElectionDB, contest: str, number: int) -> dict[str, Any] | None:
    """The presidium's decision that opened round ``number`` for fewer seats than were left
    unfilled (``round.opened`` with ``seats_reduced_from``): the decision, the seats before
    and after; None when the round was opened for all of them."""
    for found in _audit_details(db, "round.opened"):
        if found.get("contest") == contest and found.get("round") == number:
            before = found.get("seats_reduced_from")
            if before is None or before == found.get("seats"):
                return None
            return {
                "decision": found.get("decision", ""),
                "from": before,
                "to": found.get("seats"),
            }
    return None
