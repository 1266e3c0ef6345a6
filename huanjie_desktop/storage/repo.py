"""Reading and writing the election model. SQL lives here and nowhere above this layer."""

from __future__ import annotations

import datetime as dt
import json
import secrets
import sqlite3
from collections import Counter
from dataclasses import dataclass
from typing import Any

from huanjie_desktop.domain import namesakes
from huanjie_desktop.domain.definition import Definition, Official
from huanjie_desktop.domain.idnumber import badge_key
from huanjie_desktop.domain.model import (
    BallotStyle,
    Candidate,
    Contest,
    ContestKind,
    Election,
    Level,
    Method,
    OfficialRole,
    Person,
    QuorumRule,
    RoundKind,
    RoundStatus,
    ThresholdBase,
    Unit,
)
from huanjie_desktop.storage.db import ElectionDB, utc_now

PERSON_COLUMNS = (
    "code",
    "name",
    "gender",
    "ethnicity",
    "birth",
    "native_place",
    "id_number",
    "education",
    "party_join",
    "work_start",
    "workplace",
    "category",
    "unit",
    "has_vote",
)


@dataclass(frozen=True)
class RoundInfo:
    contest: str
    number: int
    kind: RoundKind
    seats: int
    status: RoundStatus
    candidates: tuple[Candidate, ...]  # in ballot order
    overridden: frozenset[str]  # candidates moved by hand
    certified_at: str | None = None
    certified_by: str | None = None
    result_digest: str | None = None


def new_badge_code() -> str:
    """A code printed on a delegate card; a keyboard-wedge scanner types it (digits only)."""
    return "".join(secrets.choice("0123456789") for _ in range(10))


def write_definition(db: ElectionDB, d: Definition, ballot_order: dict[str, list[str]]) -> None:
    """Store a validated definition; ``ballot_order[contest]`` lists candidate codes in order."""
    now = utc_now()
    with db.transaction() as con:
        con.execute(
            "INSERT INTO election(id, name, date, level) VALUES (1, ?, ?, ?)",
            (d.election.name, d.election.date.isoformat(), str(d.election.level)),
        )
        con.executemany(
            "INSERT INTO units(code, name, ordinal) VALUES (?, ?, ?)",
            [(u.code, u.name, i) for i, u in enumerate(d.units)],
        )
        for i, p in enumerate(d.people):
            insert_person(con, p, i)
        for i, c in enumerate(d.contests):
            insert_contest(con, c, i)
            con.executemany(
                "INSERT INTO candidates(contest, code, name, person, annotation) VALUES (?,?,?,?,?)",
                [(c.code, k.code, k.name, k.person, k.annotation) for k in c.candidates],
            )
            con.execute(
                "INSERT INTO rounds(contest, number, kind, seats, opened_at)"
                " VALUES (?, 1, 'formal', ?, ?)",
                (c.code, c.seats, now),
            )
            order = ballot_order.get(c.code, [k.code for k in c.candidates])
            con.executemany(
                "INSERT INTO round_candidates(contest, round, candidate, position) VALUES (?,1,?,?)",
                [(c.code, code, pos) for pos, code in enumerate(order)],
            )
        con.executemany(
            "INSERT INTO officials(contest, person, role) VALUES (?,?,?)",
            [(o.contest, o.person, str(o.role)) for o in d.officials],
        )


def insert_person(con: sqlite3.Connection, p: Person, ordinal: int) -> None:
    for _ in range(20):
        try:
            con.execute(
                f"INSERT INTO people({', '.join(PERSON_COLUMNS)}, badge_code, ordinal)"
                f" VALUES ({', '.join('?' * (len(PERSON_COLUMNS) + 2))})",
                (
                    p.code,
                    p.name,
                    p.gender,
                    p.ethnicity,
                    p.birth,
                    p.native_place,
                    p.id_number,
                    p.education,
                    p.party_join,
                    p.work_start,
                    p.workplace,
                    p.category,
                    p.unit,
                    int(p.has_vote),
                    new_badge_code(),
                    ordinal,
                ),
            )
            return
        except sqlite3.IntegrityError as exc:
            if "badge_code" not in str(exc):
                raise
    raise RuntimeError("could not draw a unique badge code")


def update_person(con: sqlite3.Connection, p: Person) -> None:
    con.execute(
        "UPDATE people SET name=?, gender=?, ethnicity=?, birth=?, native_place=?, id_number=?,"
        " education=?, party_join=?, work_start=?, workplace=?, category=?, unit=?, has_vote=?"
        " WHERE code=?",
        (
            p.name,
            p.gender,
            p.ethnicity,
            p.birth,
            p.native_place,
            p.id_number,
            p.education,
            p.party_join,
            p.work_start,
            p.workplace,
            p.category,
            p.unit,
            int(p.has_vote),
            p.code,
        ),
    )


def insert_contest(con: sqlite3.Connection, c: Contest, ordinal: int) -> None:
    con.execute(
        "INSERT INTO contests(code, title, kind, method, seats, unit, ballot_style,"
        " writein_columns, threshold_base, quorum_rule, margin_min_pct, margin_reason,"
        " writein_needs_mark, ordinal) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
        (
            c.code,
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
            ordinal,
        ),
    )
    if c.preselection:
        con.execute("INSERT INTO preselections(contest) VALUES (?)", (c.code,))


def read_election(db: ElectionDB) -> Election:
    row = db.con.execute("SELECT name, date, level FROM election WHERE id = 1").fetchone()
    return Election(row["name"], dt.date.fromisoformat(row["date"]), Level(row["level"]))


def read_units(db: ElectionDB) -> list[Unit]:
    return [
        Unit(r["code"], r["name"])
        for r in db.con.execute("SELECT code, name FROM units ORDER BY ordinal")
    ]


def _person(r: sqlite3.Row) -> Person:
    return Person(
        r["code"],
        r["name"],
        r["gender"],
        r["ethnicity"],
        r["birth"],
        r["native_place"],
        r["id_number"],
        r["education"],
        r["party_join"],
        r["work_start"],
        r["workplace"],
        r["category"],
        r["unit"],
        bool(r["has_vote"]),
    )


def read_people(db: ElectionDB, unit: str | None = None) -> list[Person]:
    sql = f"SELECT {', '.join(PERSON_COLUMNS)} FROM people"
    args: tuple[str, ...] = ()
    if unit is not None:
        sql += " WHERE unit = ?"
        args = (unit,)
    return [_person(r) for r in db.con.execute(sql + " ORDER BY ordinal", args)]


def read_person(db: ElectionDB, code: str) -> Person | None:
    r = db.con.execute(
        f"SELECT {', '.join(PERSON_COLUMNS)} FROM people WHERE code = ?", (code,)
    ).fetchone()
    return None if r is None else _person(r)


def person_typed(db: ElectionDB, text: str) -> Person | None:
    """The person whose code was typed, in any case ('m0001' for M0001); the exact code
    first, should two codes differ only in case."""
    code = text.strip()
    return read_person(db, code) or read_person(db, code.upper())


def person_by_badge(db: ElectionDB, badge: str) -> str | None:
    """The person whose badge number this is, typed as printed ('1857 4081 63') or scanned."""
    r = db.con.execute(
        "SELECT code FROM people WHERE badge_code = ?", (badge_key(badge),)
    ).fetchone()
    return None if r is None else str(r["code"])


def namesake_notes(db: ElectionDB) -> dict[str, str]:
    """person code → the note telling them apart from others of their name on the whole
    roster ("（女，1975年）"), for the cards and the check-in desk (`namesakes`): a
    candidate's note as the ballots print it comes first."""
    annotations: dict[str, str] = {}
    for c in read_contests(db):
        for k in c.candidates:
            if k.person and k.annotation.strip():
                annotations.setdefault(k.person, k.annotation)
    return namesakes.namesake_notes(read_people(db), annotations)


def badge_codes(db: ElectionDB) -> dict[str, str]:
    return {
        r["code"]: r["badge_code"] for r in db.con.execute("SELECT code, badge_code FROM people")
    }


def _contest(db: ElectionDB, r: sqlite3.Row) -> Contest:
    cands = tuple(
        Candidate(k["code"], k["name"], k["person"], k["annotation"])
        for k in db.con.execute(
            "SELECT code, name, person, annotation FROM candidates WHERE contest = ? ORDER BY rowid",
            (r["code"],),
        )
    )
    return Contest(
        r["code"],
        r["title"],
        ContestKind(r["kind"]),
        Method(r["method"]),
        r["seats"],
        r["unit"],
        BallotStyle(r["ballot_style"]),
        r["writein_columns"],
        ThresholdBase(r["threshold_base"]),
        QuorumRule(r["quorum_rule"]),
        r["margin_min_pct"],
        r["margin_reason"],
        bool(r["writein_needs_mark"]),
        cands,
        bool(r["preselection"]),
    )


#: A contest's row with whether it is a 预选 (a row in the sealed table ``preselections``).
_CONTESTS = (
    "SELECT c.*, EXISTS (SELECT 1 FROM preselections p WHERE p.contest = c.code) AS preselection"
    " FROM contests c"
)


def read_contests(db: ElectionDB) -> list[Contest]:
    return [_contest(db, r) for r in db.con.execute(f"{_CONTESTS} ORDER BY c.ordinal")]


def read_contest(db: ElectionDB, code: str) -> Contest | None:
    r = db.con.execute(f"{_CONTESTS} WHERE c.code = ?", (code,)).fetchone()
    return None if r is None else _contest(db, r)


def read_officials(db: ElectionDB, contest: str | None = None) -> list[Official]:
    sql = "SELECT contest, person, role FROM officials"
    args: tuple[str, ...] = ()
    if contest is not None:
        sql += " WHERE contest = ?"
        args = (contest,)
    return [
        Official(r["contest"], r["person"], OfficialRole(r["role"]))
        for r in db.con.execute(sql + " ORDER BY contest, role, person", args)
    ]


def read_rounds(db: ElectionDB, contest: str) -> list[RoundInfo]:
    numbers = [
        r[0]
        for r in db.con.execute(
            "SELECT number FROM rounds WHERE contest = ? ORDER BY number", (contest,)
        )
    ]
    out = []
    for n in numbers:
        info = read_round(db, contest, n)
        if info is not None:
            out.append(info)
    return out


def latest_round(db: ElectionDB, contest: str) -> int | None:
    r = db.con.execute("SELECT max(number) FROM rounds WHERE contest = ?", (contest,)).fetchone()
    return None if r is None or r[0] is None else int(r[0])


def read_round(db: ElectionDB, contest: str, number: int) -> RoundInfo | None:
    r = db.con.execute(
        "SELECT * FROM rounds WHERE contest = ? AND number = ?", (contest, number)
    ).fetchone()
    if r is None:
        return None
    rows = db.con.execute(
        "SELECT k.code, k.name, k.person, k.annotation, rc.order_override FROM round_candidates rc"
        " JOIN candidates k ON k.contest = rc.contest AND k.code = rc.candidate"
        " WHERE rc.contest = ? AND rc.round = ? ORDER BY rc.position",
        (contest, number),
    ).fetchall()
    return RoundInfo(
        contest,
        number,
        RoundKind(r["kind"]),
        r["seats"],
        RoundStatus(r["status"]),
        tuple(Candidate(k["code"], k["name"], k["person"], k["annotation"]) for k in rows),
        frozenset(k["code"] for k in rows if k["order_override"]),
        r["certified_at"],
        r["certified_by"],
        r["result_digest"],
    )


def set_round_order(
    db: ElectionDB, contest: str, number: int, order: list[str], overridden: set[str]
) -> None:
    with db.transaction() as con:
        con.execute(
            "UPDATE round_candidates SET position = position + 100000 WHERE contest = ? AND round = ?",
            (contest, number),
        )
        for pos, code in enumerate(order):
            con.execute(
                "UPDATE round_candidates SET position = ?, order_override = ?"
                " WHERE contest = ? AND round = ? AND candidate = ?",
                (pos, int(code in overridden), contest, number, code),
            )


# --- check-in (报到) -------------------------------------------------------------------------


def checked_in(db: ElectionDB) -> set[str]:
    return {r[0] for r in db.con.execute("SELECT person FROM checkins")}


def add_checkin(db: ElectionDB, person: str) -> bool:
    """Record a check-in; False if the person was already checked in."""
    with db.transaction() as con:
        cur = con.execute(
            "INSERT OR IGNORE INTO checkins(person, at, operator) VALUES (?,?,?)",
            (person, utc_now(), db.operator),
        )
        if cur.rowcount:
            db.audit("checkin.added", {"person": person})
        return bool(cur.rowcount)


def remove_checkin(db: ElectionDB, person: str) -> bool:
    with db.transaction() as con:
        cur = con.execute("DELETE FROM checkins WHERE person = ?", (person,))
        if cur.rowcount:
            db.audit("checkin.undone", {"person": person})
        return bool(cur.rowcount)


def voters(db: ElectionDB, contest: Contest) -> list[str]:
    """Codes of those with the vote in this contest (the unit's, or everyone's)."""
    if contest.unit is None:
        rows = db.con.execute("SELECT code FROM people WHERE has_vote = 1 ORDER BY ordinal")
    else:
        rows = db.con.execute(
            "SELECT code FROM people WHERE has_vote = 1 AND unit = ? ORDER BY ordinal",
            (contest.unit,),
        )
    return [r[0] for r in rows]


def instant(text: str) -> dt.datetime | None:
    """An ISO-8601 time as the app writes it ('2026-11-30T09:08:23.176Z'), or None."""
    try:
        at = dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return None
    return at if at.tzinfo is not None else at.replace(tzinfo=dt.UTC)


def _fixed_attendance_entry(
    db: ElectionDB, contest: str, number: int
) -> tuple[dict[str, Any], str] | None:
    """The audit entry (``round.attendance``) that fixed a round's attendance, and the moment
    it is taken as of, or None. Of several, the one as of the earliest moment (``as_of``,
    else when it was written): a station's package may show, when it comes in, that voting
    began there before the moment this file had fixed it at."""
    best: tuple[dt.datetime, dict[str, Any], str] | None = None
    settled: tuple[dict[str, Any], str] | None = None
    for at, detail in db.con.execute(
        "SELECT at, detail FROM audit WHERE event = 'round.attendance'"
        " AND json_extract(detail, '$.contest') = ? AND json_extract(detail, '$.round') = ?"
        " ORDER BY seq",
        (contest, number),
    ):
        d = dict(json.loads(detail))
        moment = str(d.get("as_of") or at)
        when = instant(moment)
        if when is None:
            moment, when = str(at), instant(str(at))
        if d.get("settled_by"):
            # (the chief scrutineer's word on when voting began, the latest: it stands over
            # every moment a clock placed it at — `settle_round_attendance`)
            settled = (d, moment)
            continue
        if when is not None and (best is None or when < best[0]):
            best = (when, d, moment)
    if settled is not None:
        return settled
    return None if best is None else (best[1], best[2])


def _fixed_attendance(db: ElectionDB, contest: str, number: int) -> dict[str, Any] | None:
    """The audit entry (``round.attendance``) that fixed a round's attendance, or None."""
    entry = _fixed_attendance_entry(db, contest, number)
    return None if entry is None else entry[0]


def first_ballot_record_at(db: ElectionDB, contest: str, number: int) -> str | None:
    """When this file's first ballot record of the round came in (a sheet, a hand entry, a
    box's count, a station's package), on this laptop's clock — the round's attendance was
    fixed then (``round.attendance``; the chief scrutineer's settlings aside) — or None
    while none has. Voting had begun by then: ballots exist only once it has."""
    row = db.con.execute(
        "SELECT min(at) FROM audit WHERE event = 'round.attendance'"
        " AND json_extract(detail, '$.contest') = ? AND json_extract(detail, '$.round') = ?"
        " AND json_extract(detail, '$.settled_by') IS NULL",
        (contest, number),
    ).fetchone()
    return None if row is None or row[0] is None else str(row[0])


def first_ballot_cast_at(db: ElectionDB, contest: str, number: int) -> str | None:
    """The earliest record made on this laptop, by its clock, that a ballot of the round had
    been cast by then — a sheet scanned here, a hand entry, a box's 收回 typed — or None. A
    box's 发出 alone is not one: it may be typed as the ballots go out, while voters still
    check in (`first_ballot_record_at` counts it). Records from stations: see
    `round_has_station_records`."""
    moments: list[str] = []
    for sql in (
        "SELECT min(s.scanned_at) FROM sheets s WHERE s.contest = ? AND s.round = ?"
        " AND NOT EXISTS (SELECT 1 FROM imported_records r"
        " WHERE r.kind = 'sheet' AND r.local_id = s.id)",
        "SELECT min(at) FROM audit WHERE event = 'manual.entered'"
        " AND json_extract(detail, '$.contest') = ? AND json_extract(detail, '$.round') = ?",
        "SELECT min(at) FROM audit WHERE event = 'boxes.counted'"
        " AND json_extract(detail, '$.contest') = ? AND json_extract(detail, '$.round') = ?"
        " AND json_extract(detail, '$.collected') IS NOT NULL",
    ):
        row = db.con.execute(sql, (contest, number)).fetchone()
        if row is not None and row[0] is not None:
            moments.append(str(row[0]))
    known = [(when, m) for m in moments if (when := instant(m)) is not None]
    return min(known)[1] if known else None


def round_has_station_records(db: ElectionDB, contest: str, number: int) -> bool:
    """Whether a station laptop's package brought a record of the round (a sheet, a hand
    entry, a box count) or fixed its attendance by the station's clock."""
    row = db.con.execute(
        "SELECT 1 FROM audit WHERE event = 'round.attendance'"
        " AND json_extract(detail, '$.contest') = ? AND json_extract(detail, '$.round') = ?"
        " AND json_extract(detail, '$.station') IS NOT NULL"
        " UNION ALL SELECT 1 FROM imported_records r JOIN sheets s"
        " ON r.kind = 'sheet' AND s.id = r.local_id WHERE s.contest = ? AND s.round = ?"
        " UNION ALL SELECT 1 FROM imported_records r JOIN manual_entries m"
        " ON r.kind = 'manual_entry' AND CAST(m.id AS TEXT) = r.local_id"
        " WHERE m.contest = ? AND m.round = ?"
        " UNION ALL SELECT 1 FROM box_counts WHERE contest = ? AND round = ?"
        " AND station <> 'main' LIMIT 1",
        (contest, number) * 4,
    ).fetchone()
    return row is not None


def round_attendance_settled(db: ElectionDB, contest: str, number: int) -> bool:
    """Whether the round's 实到 stands without doubt from the check-ins: settled or confirmed
    by the chief scrutineer (`settle_round_attendance`), not fixed yet (the check-ins as they
    stand), or fixed with nobody checked in since. False while it rests on the moment its
    first ballot record came in — on this laptop's clock or a station's — and more are
    checked in now than it counted: it may have been taken before check-in ended (a box's
    发出 typed as the ballots went out, a station clock slow), and fewer present than
    ballots issued or collected then keeps the round from being final or void on it
    (`decide_round`, ``present_below_ballots``). With nobody checked in since, more ballots
    than voters present is a slip at a box or the desk (``issued_exceeds_present``)."""
    d = _fixed_attendance(db, contest, number)
    if d is None or d.get("settled_by"):
        return True
    c = read_contest(db, contest)
    return c is None or expected_present(db, c)[1] <= int(d["present"])


def round_attendance(db: ElectionDB, contest: str, number: int) -> tuple[int, int] | None:
    """(应到, 实到) fixed for a round when its first ballot record came in (audit event
    ``round.attendance``), or None while none has."""
    d = _fixed_attendance(db, contest, number)
    return None if d is None else (int(d["expected"]), int(d["present"]))


def checked_in_as_of(db: ElectionDB, moment: dt.datetime) -> set[str]:
    """Who was checked in just before ``moment``: the audit log's check-ins and undoings
    replayed (an undone check-in leaves no row in ``checkins``; verify holds the two equal)."""
    present: dict[str, bool] = {}
    for event, at, detail in db.con.execute(
        "SELECT event, at, detail FROM audit"
        " WHERE event IN ('checkin.added', 'checkin.undone') ORDER BY seq"
    ):
        when = instant(str(at))
        if when is None or when >= moment:
            continue
        present[str(json.loads(detail).get("person"))] = event == "checkin.added"
    return {p for p, on in present.items() if on}


def present_reached_at(db: ElectionDB, contest: Contest, count: int) -> str | None:
    """The moment (as the audit log has it) of the check-in that first made ``count`` of
    those with the vote in ``contest`` checked in (the audit log's check-ins and undoings
    replayed), or None if they never were; a time just after it counts them present."""
    vote = set(voters(db, contest))
    present: set[str] = set()
    for event, at, detail in db.con.execute(
        "SELECT event, at, detail FROM audit"
        " WHERE event IN ('checkin.added', 'checkin.undone') ORDER BY seq"
    ):
        person = str(json.loads(detail).get("person"))
        if person not in vote:
            continue
        if event == "checkin.added":
            present.add(person)
        else:
            present.discard(person)
        if len(present) >= count:
            return str(at)
    return None


def checkins_between(db: ElectionDB, start: str, end: str) -> list[str]:
    """Who was checked in (or had a check-in undone) from ``start`` to ``end``, in order."""
    low, high = instant(start), instant(end)
    out: dict[str, None] = {}
    if low is None or high is None:
        return []
    for at, detail in db.con.execute(
        "SELECT at, detail FROM audit"
        " WHERE event IN ('checkin.added', 'checkin.undone') ORDER BY seq"
    ):
        when = instant(str(at))
        if when is not None and low <= when <= high:
            out[str(json.loads(detail).get("person"))] = None
    return list(out)


@dataclass(frozen=True)
class AttendanceFixed:
    """A round's attendance fixed as of a moment before now (voting began at a station):
    ``before`` what it had been fixed at here until then (None: not yet); ``late`` those with
    the vote in the contest checked in after that moment (not counted in the round), ``undone``
    those whose check-in was undone after it (counted)."""

    contest: str
    round: int
    as_of: str
    expected: int
    present: int
    before: tuple[int, int] | None
    late: tuple[str, ...]
    undone: tuple[str, ...]


def fix_round_attendance(
    db: ElectionDB,
    contest: str,
    number: int,
    as_of: str | None = None,
    source: str | None = None,
) -> AttendanceFixed | None:
    """Fix the round's (应到, 实到), unless fixed already: called when its first ballot record
    comes in (a sheet, a hand entry, a box's count). Voting has begun by then; whoever checks
    in afterwards is not of that round's 实到 (rules.md: the quorum is judged before the
    vote), nor of its base — a later check-in swung a round from void to valid.

    Without ``as_of``: as the check-ins stand now. With it (a station's package: voting began
    there at ``as_of``, ``source`` names the station): as they stood just before that moment,
    replayed from the audit log — and again, if it was fixed here as of a later moment (the
    earliest moment voting began anywhere decides). Returns what was fixed so with ``as_of``.
    Check-ins are kept on the main laptop only: a station fixes nothing."""
    if db.meta("role") == "station":
        return None  # (a station keeps no check-ins: the main laptop's attendance is the round's)
    entry = _fixed_attendance_entry(db, contest, number)
    fixed = None if entry is None else entry[0]
    if as_of is None:
        if fixed is not None:
            return None
        c = read_contest(db, contest)
        if c is None:
            return None
        expected, present = expected_present(db, c)
        db.audit(
            "round.attendance",
            {
                "contest": contest,
                "round": number,
                "expected": expected,
                "present": present,
                "units": [list(r) for r in attendance_by_unit(db, c.unit)],
            },
        )
        return None
    moment = instant(as_of)
    c = read_contest(db, contest)
    info = read_round(db, contest, number)
    if moment is None or c is None or info is None or info.status is not RoundStatus.OPEN:
        return None  # (a frozen round keeps the attendance it was certified with)
    if entry is not None:
        then = instant(entry[1])
        if then is not None and then <= moment:
            return None  # (voting had begun by then already: fixed as of the earlier moment)
    there = checked_in_as_of(db, moment)
    now = checked_in(db)
    order = voters(db, c)
    vote = set(order)
    unit_of = {str(r[0]): r[1] or "" for r in db.con.execute("SELECT code, unit FROM people")}
    per_unit = Counter(unit_of.get(p, "") for p in vote & there)
    units = [[u, name, e, per_unit.get(u, 0)] for u, name, e, _ in attendance_by_unit(db, c.unit)]
    expected = len(vote)
    present = len(vote & there)
    before = None if fixed is None else (int(fixed["expected"]), int(fixed["present"]))
    db.audit(
        "round.attendance",
        {
            "contest": contest,
            "round": number,
            "expected": expected,
            "present": present,
            "units": units,
            "as_of": as_of,
            **({"station": source} if source else {}),
            **({"before": list(before)} if before else {}),
        },
    )
    return AttendanceFixed(
        contest,
        number,
        as_of,
        expected,
        present,
        before,
        tuple(p for p in order if p in now and p not in there),
        tuple(p for p in order if p in there and p not in now),
    )


def settle_round_attendance(
    db: ElectionDB,
    contest: Contest,
    number: int,
    as_of: str | None,
    by: str,
    reason: str,
    *,
    after_first_record: str | None = None,
) -> tuple[int, int]:
    """Record the chief scrutineer's word on a round's 实到: as the check-ins stood just
    before ``as_of`` (when voting began, on this laptop's clock), or with ``as_of`` None the
    figures as fixed (confirmed). Stands over every earlier fixing; returns (应到, 实到).
    ``after_first_record``: ``as_of`` is later than the round's first ballot record (a box's
    发出 typed before check-in closed), at that moment — recorded with those it makes
    present who checked in after it."""
    entry = _fixed_attendance_entry(db, contest.code, number)
    if as_of is None:
        if entry is None:
            expected, present = expected_present(db, contest)
            units = [list(r) for r in attendance_by_unit(db, contest.unit)]
            moment = utc_now()
        else:
            d, moment = entry
            expected, present = int(d["expected"]), int(d["present"])
            units = d.get("units") or []
    else:
        when = instant(as_of)
        if when is None:
            raise ValueError(as_of)
        there = checked_in_as_of(db, when)
        vote = set(voters(db, contest))
        unit_of = {str(r[0]): r[1] or "" for r in db.con.execute("SELECT code, unit FROM people")}
        per_unit = Counter(unit_of.get(p, "") for p in vote & there)
        units = [
            [u, name, e, per_unit.get(u, 0)]
            for u, name, e, _ in attendance_by_unit(db, contest.unit)
        ]
        expected, present, moment = len(vote), len(vote & there), as_of
    before = None if entry is None else [int(entry[0]["expected"]), int(entry[0]["present"])]
    db.audit(
        "round.attendance",
        {
            "contest": contest.code,
            "round": number,
            "expected": expected,
            "present": present,
            "units": units,
            "as_of": moment,
            "settled_by": by,
            "confirmed": as_of is None,
            "reason": reason,
            **({"before": before} if before else {}),
            **(
                {
                    "after_first_record": after_first_record,
                    "present_since": _present_since(db, contest, after_first_record, as_of),
                }
                if after_first_record and as_of
                else {}
            ),
        },
        by,
    )
    return expected, present


def _present_since(db: ElectionDB, contest: Contest, start: str, end: str) -> list[str]:
    """Those with the vote in ``contest`` checked in just before ``end`` but not before
    ``start``, in roster order."""
    low, high = instant(start), instant(end)
    if low is None or high is None:
        return []
    then, now = checked_in_as_of(db, low), checked_in_as_of(db, high)
    return [p for p in voters(db, contest) if p in now and p not in then]


def round_attendance_units(
    db: ElectionDB, contest: Contest, number: int
) -> list[tuple[str, str, int, int]]:
    """`attendance_by_unit` for a round: as it stood when the round's attendance was fixed,
    else as it stands now."""
    d = _fixed_attendance(db, contest.code, number)
    units = None if d is None else d.get("units")
    if not isinstance(units, list):
        return attendance_by_unit(db, contest.unit)
    return [(str(u[0]), str(u[1]), int(u[2]), int(u[3])) for u in units]


def attendance_by_unit(db: ElectionDB, unit: str | None) -> list[tuple[str, str, int, int]]:
    """(unit code, unit name, 应到, 实到) with voting rights, per unit; '' for no unit."""
    where = "p.has_vote = 1" + ("" if unit is None else " AND p.unit = ?")
    args: tuple[str, ...] = () if unit is None else (unit,)
    return [
        (r[0] or "", r[1] or "", int(r[2]), int(r[3]))
        for r in db.con.execute(
            "SELECT p.unit, u.name, count(*), count(c.person) FROM people p"
            " LEFT JOIN units u ON u.code = p.unit LEFT JOIN checkins c ON c.person = p.code"
            f" WHERE {where} GROUP BY p.unit ORDER BY min(coalesce(u.ordinal, 1e9)), p.unit",
            args,
        )
    ]


def expected_present(db: ElectionDB, contest: Contest) -> tuple[int, int]:
    """(应到, 实到) with voting rights for a contest."""
    where = "p.has_vote = 1" + ("" if contest.unit is None else " AND p.unit = ?")
    args: tuple[str, ...] = () if contest.unit is None else (contest.unit,)
    expected = db.con.execute(f"SELECT count(*) FROM people p WHERE {where}", args).fetchone()[0]
    present = db.con.execute(
        f"SELECT count(*) FROM people p JOIN checkins c ON c.person = p.code WHERE {where}", args
    ).fetchone()[0]
    return int(expected), int(present)
