"""SQL for scanned sheets: idempotent inserts, look-ups by image and serial, listing.

One row per scanned page (see 001_core.sql). The row id is derived from
(station, source file, page, image hash), so scanning the same pages again finds the rows it
wrote before instead of adding new ones. Callers run these inside ``db.transaction()``.
"""

from __future__ import annotations

import json
import sqlite3
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from huanjie_desktop.storage.db import ElectionDB

# Sheet ids are UUIDv5 in this namespace (fixed forever: ids must stay stable across runs).
SHEET_NAMESPACE = uuid.UUID("7c1e3b52-5f0e-4b8a-9a55-2d1b8c6e4f10")

_COLUMNS = (
    "id",
    "station",
    "source_file",
    "page",
    "image_sha256",
    "image_path",
    "status",
    "reason",
    "reasons",
    "contest",
    "round",
    "serial",
    "ballot_valid",
    "marks",
    "writeins",
    "scores",
    "final_marks",
    "final_valid",
    "final_writeins",
    "source",
    "scanned_at",
    "operator",
)


def sheet_id(station: str, source_file: str, page: int, image_sha256: str) -> str:
    """The stable id of one scanned page."""
    return str(
        uuid.uuid5(SHEET_NAMESPACE, "\x1f".join((station, source_file, str(page), image_sha256)))
    )


@dataclass(frozen=True)
class SheetRecord:
    """One row of ``sheets`` as the scanner writes it."""

    id: str
    station: str
    source_file: str
    page: int
    image_sha256: str
    image_path: str
    status: str
    reason: str | None
    reasons: list[str]
    contest: str | None
    round: int | None
    serial: str | None
    ballot_valid: int | None
    marks: str | None
    writeins: list[dict[str, Any]]
    scores: str  # JSON text, kept as written
    final_marks: str | None
    final_valid: int | None
    final_writeins: list[dict[str, Any]]
    scanned_at: str
    operator: str
    source: str = "scan"


def _row(r: sqlite3.Row) -> SheetRecord:
    def load(text: str | None, default: Any) -> Any:
        try:
            return json.loads(text) if text else default
        except json.JSONDecodeError:
            return default

    return SheetRecord(
        r["id"],
        r["station"],
        r["source_file"],
        r["page"],
        r["image_sha256"],
        r["image_path"],
        r["status"],
        r["reason"],
        load(r["reasons"], []),
        r["contest"],
        r["round"],
        r["serial"],
        r["ballot_valid"],
        r["marks"],
        load(r["writeins"], []),
        r["scores"],
        r["final_marks"],
        r["final_valid"],
        load(r["final_writeins"], []),
        r["scanned_at"],
        r["operator"],
        r["source"],
    )


def insert(con: sqlite3.Connection, s: SheetRecord) -> bool:
    """Insert a sheet unless its id is already there; True when a row was added."""
    cur = con.execute(
        f"INSERT OR IGNORE INTO sheets({', '.join(_COLUMNS)})"
        f" VALUES ({', '.join('?' * len(_COLUMNS))})",
        (
            s.id,
            s.station,
            s.source_file,
            s.page,
            s.image_sha256,
            s.image_path,
            s.status,
            s.reason,
            json.dumps(s.reasons),
            s.contest,
            s.round,
            s.serial,
            s.ballot_valid,
            s.marks,
            json.dumps(s.writeins, ensure_ascii=False),
            s.scores,
            s.final_marks,
            s.final_valid,
            json.dumps(s.final_writeins, ensure_ascii=False),
            s.source,
            s.scanned_at,
            s.operator,
        ),
    )
    return cur.rowcount > 0


#: Refusals a re-run replaces (same id): an internal error, the page's image not saved (the
#: images folder full or not writable) — nothing wrong with the page.
RETRIED = ("internal_error", "images_not_saved")

#: Refusals a re-run replaces (same id) once their cause is gone: the ballot's code carried
#: another definition of its round (a candidate added after the ballots were printed) and
#: the definition was put back as it was — read again, the page is no longer refused.
#: Still refused for it, the stored refusal stands ("already stored").
STALE = ("wrong_fingerprint",)


def retried(status: str, reasons: list[str], now: Iterable[str] | None = None) -> bool:
    """Is this a row a re-run reads again and replaces (`RETRIED`; `STALE` when ``now``, the
    page's reasons as read again, no longer holds that refusal)?"""
    if status != "rejected" or len(reasons) != 1:
        return False
    if reasons[0] in RETRIED:
        return True
    return reasons[0] in STALE and now is not None and reasons[0] not in set(now)


def replace_failed(con: sqlite3.Connection, s: SheetRecord) -> bool:
    """Overwrite a row that an internal error or an image not saved left rejected (a re-run
    may now read it), or one refused for a cause since gone (`STALE`)."""
    codes = (*RETRIED, *STALE)
    cur = con.execute(
        "DELETE FROM sheets WHERE id = ? AND status = 'rejected'"
        f" AND reasons IN ({', '.join('?' * len(codes))})"
        " AND NOT EXISTS (SELECT 1 FROM decisions d WHERE d.sheet = sheets.id)",
        (s.id, *(json.dumps([r]) for r in codes)),
    )
    return cur.rowcount > 0 and insert(con, s)


def get(con: sqlite3.Connection, sheet: str) -> SheetRecord | None:
    r = con.execute(f"SELECT {', '.join(_COLUMNS)} FROM sheets WHERE id = ?", (sheet,)).fetchone()
    return None if r is None else _row(r)


def by_image(con: sqlite3.Connection, image_sha256: str) -> list[SheetRecord]:
    return [
        _row(r)
        for r in con.execute(
            f"SELECT {', '.join(_COLUMNS)} FROM sheets WHERE image_sha256 = ? ORDER BY scanned_at, id",
            (image_sha256,),
        )
    ]


def by_serial(con: sqlite3.Connection, serial: str) -> list[SheetRecord]:
    return [
        _row(r)
        for r in con.execute(
            f"SELECT {', '.join(_COLUMNS)} FROM sheets WHERE serial = ? ORDER BY scanned_at, id",
            (serial,),
        )
    ]


def taken_out(con: sqlite3.Connection, sheet: str | None = None) -> set[str]:
    """Sheets out of their round's count by a confirmed withdrawal (review withdraw): set
    aside (status duplicate) with the last confirmed decision on them, not superseded,
    taking them out. ``sheet``: that one only (an empty set if it is not)."""
    sql = (
        "SELECT s.id, (SELECT d.decided FROM decisions d WHERE d.sheet = s.id"
        " AND d.confirmed_by IS NOT NULL AND d.superseded = 0 ORDER BY d.id DESC LIMIT 1)"
        " FROM sheets s WHERE s.status = 'duplicate'"
        " AND EXISTS (SELECT 1 FROM decisions w WHERE w.sheet = s.id"
        " AND w.decided LIKE '%\"withdrawn\":true%')"
    )
    args: tuple[Any, ...] = ()
    if sheet is not None:
        sql += " AND s.id = ?"
        args = (sheet,)
    out = set()
    for sid, decided in con.execute(sql, args):
        if decided and json.loads(decided).get("withdrawn"):
            out.add(str(sid))
    return out


def withdrawal_decisions(con: sqlite3.Connection, sheet: str) -> list[dict[str, Any]]:
    """The decisions taking ``sheet`` out of the count (review withdraw), oldest first."""
    return [
        dict(r)
        for r in con.execute(
            "SELECT * FROM decisions WHERE sheet = ? AND decided LIKE '%\"withdrawn\":true%'"
            " ORDER BY id",
            (sheet,),
        )
    ]


def written_backs(con: sqlite3.Connection, station: str, page: int) -> list[SheetRecord]:
    """The pages of ``station`` at page number ``page`` of their file refused as a back with
    writing on it (``writing_on_back``), oldest first."""
    return [
        _row(r)
        for r in con.execute(
            f"SELECT {', '.join(_COLUMNS)} FROM sheets WHERE station = ? AND page = ?"
            " AND reasons = '[\"writing_on_back\"]' ORDER BY scanned_at, id",
            (station, page),
        )
    ]


#: Why a page's file could not be read (no image of a ballot was seen): a refusal for one of
#: these is superseded when the same file is read whole later (`supersede_refused`). A PDF
#: refused for its password and saved again without one, a file too large saved again
#: smaller, a PDF read before its reader was installed are read whole then too.
LOAD_FAILURES = frozenset(
    {
        "truncated_file",
        "corrupt_file",
        "empty_file",
        "unreadable_file",
        "not_an_image",
        "pdf_password",
        "too_large",
        "no_pdf_reader",
    }
)


def supersede_refused(
    con: sqlite3.Connection,
    station: str,
    source_file: str,
    page: int,
    by: str,
    message: str,
    *,
    beyond: bool = False,
    another_file: Callable[[str], bool] | None = None,
) -> list[str]:
    """Earlier records of this file's page refused because the file could not be read (cut
    short while still being copied, say) are superseded by ``by``, the page read whole
    later: recorded as duplicates of it, so that counted + review + rejected still adds up
    to the ballots. ``beyond``: ``page`` is the file's last page, read whole — refusals of
    pages after it are of pages the file does not have (a file cut short lists one more
    than it holds). ``another_file`` (a refusal's kept image → True when its bytes prove
    it another scan than the file now read, not its beginning): a file cut short, then a
    different sheet's scan saved over it (scanner software restarting its numbering) — the
    refusal stands: that sheet was never read and is to be scanned again. Returns their
    ids."""
    out = []
    for r in con.execute(
        "SELECT id, reasons, image_path FROM sheets WHERE station = ? AND source_file = ?"
        f" AND page {'>' if beyond else '='} ? AND status = 'rejected' AND id != ?",
        (station, source_file, page, by),
    ).fetchall():
        reasons = set(json.loads(r["reasons"] or "[]"))
        if not reasons or not reasons <= LOAD_FAILURES:
            continue
        if (
            another_file is not None
            and reasons <= CUT_SHORT
            and r["image_path"]
            and another_file(str(r["image_path"]))
        ):
            continue
        mark_rescanned(con, str(r["id"]), message)
        out.append(str(r["id"]))
    return out


#: Refusals of a file caught while it was being written (its kept bytes the part written):
#: only the file they begin supersedes them at the same path (`supersede_refused`).
CUT_SHORT = frozenset({"truncated_file", "corrupt_file"})


def mark_rescanned(con: sqlite3.Connection, sheet: str, message: str) -> None:
    """A refusal of a file that could not be read whole no longer counts: the file was
    read whole later (``message`` says where)."""
    con.execute(
        "UPDATE sheets SET status = 'duplicate', reasons = ?, reason = ? WHERE id = ?",
        (json.dumps(["rescanned"]), message, sheet),
    )


def refused_unread(
    con: sqlite3.Connection, station: str, pages: Iterable[int], beyond: int | None
) -> list[SheetRecord]:
    """This station's refusals, still standing, of files that could not be read (kept
    bytes on record), of one of ``pages`` or of a page after ``beyond``."""
    wanted = sorted(set(pages))
    where = f"page IN ({','.join('?' * len(wanted))})" if wanted else "0"
    if beyond is not None:
        where = f"({where} OR page > ?)"
    # (a file that could not be read is refused for that one reason: matched in SQL, as
    # this is asked for every page read — never the thousand other refusals decoded)
    alone = sorted(json.dumps([code]) for code in LOAD_FAILURES)
    rows = con.execute(
        f"SELECT {', '.join(_COLUMNS)} FROM sheets WHERE station = ? AND status = 'rejected'"
        f" AND reasons IN ({','.join('?' * len(alone))})"
        f" AND COALESCE(image_path, '') != '' AND {where} ORDER BY scanned_at, id",
        (station, *alone, *wanted, *(() if beyond is None else (beyond,))),
    ).fetchall()
    return [_row(r) for r in rows]


def hand_and_scan(con: sqlite3.Connection, sheet: str) -> bool:
    """Is ``sheet``'s serial held against sheets of the other kind only — a hand entry
    (手工录入, no image) against scans, or a scan against hand entries — not another image
    of its serial (a photocopy, a second scan)? Its same image (a duplicate) aside."""
    me = con.execute(
        "SELECT serial, source, image_sha256 FROM sheets WHERE id = ?", (sheet,)
    ).fetchone()
    if me is None or not me["serial"]:
        return False
    others = {
        str(r[0])
        for r in con.execute(
            "SELECT source FROM sheets WHERE serial = ? AND id != ? AND image_sha256 != ?"
            " AND status != 'rejected'",
            (me["serial"], sheet, me["image_sha256"]),
        )
    }
    return bool(others) and str(me["source"]) not in others


def review_reasons(con: sqlite3.Connection, sheet: str, reasons: Iterable[str]) -> list[str]:
    """A held sheet's reason codes as shown to a person: "serial_conflict" said as
    "serial_hand_and_scan" where its serial's other sheet is of the other kind
    (`hand_and_scan`). The stored codes (and the JSON) are unchanged."""
    codes = [str(r) for r in reasons]
    if "serial_conflict" in codes and hand_and_scan(con, sheet):
        codes = ["serial_hand_and_scan" if c == "serial_conflict" else c for c in codes]
    return codes


def hold_for_conflict(con: sqlite3.Connection, sheet: str, code: str, message: str) -> bool:
    """Hold an earlier sheet for review (its serial turned up on another image).

    A counted sheet stops counting (final_* cleared) until a person decides; the reason
    code is added to its list. False if the sheet already carried the code.
    """
    r = con.execute("SELECT status, reasons FROM sheets WHERE id = ?", (sheet,)).fetchone()
    if r is None:
        return False
    reasons = json.loads(r["reasons"] or "[]")
    if code in reasons and r["status"] == "review":
        return False
    if code not in reasons:
        reasons.append(code)
    con.execute(
        "UPDATE sheets SET status = 'review', reasons = ?,"
        " reason = CASE WHEN reason IS NULL OR reason = '' THEN ? ELSE reason || '；' || ? END,"
        " final_marks = NULL, final_valid = NULL, final_writeins = '[]' WHERE id = ?",
        (json.dumps(reasons), message, message, sheet),
    )
    return True


def latest_round(con: sqlite3.Connection, contest: str) -> int | None:
    """The contest's last round opened (None: no round)."""
    r = con.execute("SELECT max(number) FROM rounds WHERE contest = ?", (contest,)).fetchone()
    return None if r is None or r[0] is None else int(r[0])


def round_status(con: sqlite3.Connection, contest: str, number: int) -> str | None:
    r = con.execute(
        "SELECT status FROM rounds WHERE contest = ? AND number = ?", (contest, number)
    ).fetchone()
    return None if r is None else str(r["status"])


def list_sheets(
    db: ElectionDB,
    *,
    station: str | None = None,
    contest: str | None = None,
    round: int | None = None,
    status: str | None = None,
) -> list[SheetRecord]:
    """Sheets in scan order, optionally filtered."""
    where: list[str] = []
    args: list[Any] = []
    for col, val in (
        ("station", station),
        ("contest", contest),
        ("round", round),
        ("status", status),
    ):
        if val is not None:
            where.append(f"{col} = ?")
            args.append(val)
    sql = f"SELECT {', '.join(_COLUMNS)} FROM sheets"
    if where:
        sql += " WHERE " + " AND ".join(where)
    sql += " ORDER BY scanned_at, source_file, page, id"
    return [_row(r) for r in db.con.execute(sql, args)]


def status_counts(db: ElectionDB, station: str | None = None) -> dict[str, int]:
    sql = "SELECT status, count(*) FROM sheets"
    args: tuple[Any, ...] = ()
    if station is not None:
        sql += " WHERE station = ?"
        args = (station,)
    return {r[0]: int(r[1]) for r in db.con.execute(sql + " GROUP BY status", args)}
