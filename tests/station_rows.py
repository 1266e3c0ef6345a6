"""Writing records into an election file the way the scanner and the review desk would.

Plain SQL on the tables of storage/migrations/001_core.sql, so the station tests do not
depend on the scanning code.
"""

from __future__ import annotations

import hashlib
import json
import uuid
from dataclasses import dataclass
from pathlib import Path

from huanjie_desktop.app.stations import images_dir, local_station
from huanjie_desktop.storage.db import ElectionDB, utc_now

__all__ = ["Sheet", "add_sheets", "confirm", "count", "decide", "manual_pair", "set_box", "utc_now"]


@dataclass(frozen=True)
class Sheet:
    id: str
    serial: str
    image_sha256: str


def add_sheets(
    db: ElectionDB,
    n: int,
    *,
    contest: str = "WY",
    round_: int = 1,
    status: str = "counted",
    serials: list[str] | None = None,
    marks: str = "AANDN",
    images: bool = True,
    image_seed: str = "",
    batch: str = "batch1.pdf",
) -> list[Sheet]:
    """n scanned sheets, each with a small image file in ``<file>.images/``."""
    station = local_station(db)
    folder = images_dir(db.path)
    out = []
    rows = []
    for i in range(n):
        sid = uuid.uuid4().hex
        serial = serials[i] if serials else f"S{uuid.uuid4().hex[:9].upper()}"
        data = f"image {image_seed or sid} {serial}".encode()
        sha = hashlib.sha256(data).hexdigest()
        rel = f"{batch}-{i + 1:05d}.png"
        if images:
            folder.mkdir(parents=True, exist_ok=True)
            (folder / rel).write_bytes(data)
        reasons = '["unclear_mark"]' if status == "review" else "[]"
        final = None if status == "review" else marks
        rows.append(
            (
                sid,
                station,
                batch,
                i + 1,
                sha,
                rel,
                status,
                reasons,
                contest,
                round_,
                serial,
                1,
                marks,
                final,
                1 if final else None,
                utc_now(),
                db.operator,
            )
        )
        out.append(Sheet(sid, serial, sha))
    with db.transaction() as con:
        con.executemany(
            "INSERT INTO sheets(id, station, source_file, page, image_sha256, image_path, status,"
            " reasons, contest, round, serial, ballot_valid, marks, final_marks, final_valid,"
            " scanned_at, operator) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            rows,
        )
        db.audit("scan.batch", {"file": batch, "sheets": n})
    return out


def decide(db: ElectionDB, sheet: str, decided: str, by: str = "监票人甲") -> int:
    """A review decision on a held sheet (not yet confirmed)."""
    with db.transaction() as con:
        machine = con.execute("SELECT marks FROM sheets WHERE id = ?", (sheet,)).fetchone()[0]
        cur = con.execute(
            "INSERT INTO decisions(sheet, machine, decided, reason, decided_by, decided_at)"
            " VALUES (?,?,?,?,?,?)",
            (
                sheet,
                json.dumps({"marks": machine}),
                json.dumps({"marks": decided, "valid": True, "writeins": []}),
                "看清是赞成",
                by,
                utc_now(),
            ),
        )
        db.audit("review.decided", {"sheet": sheet})
        return int(cur.lastrowid or 0)


def confirm(db: ElectionDB, decision: int, sheet: str, by: str = "总监票人") -> None:
    with db.transaction() as con:
        decided = json.loads(
            con.execute("SELECT decided FROM decisions WHERE id = ?", (decision,)).fetchone()[0]
        )["marks"]
        con.execute(
            "UPDATE decisions SET confirmed_by = ?, confirmed_at = ? WHERE id = ?",
            (by, utc_now(), decision),
        )
        con.execute(
            "UPDATE sheets SET status = 'counted', final_marks = ?, final_valid = 1 WHERE id = ?",
            (decided, sheet),
        )
        db.audit("review.confirmed", {"sheet": sheet})


def manual_pair(db: ElectionDB, label: str, content: str, contest: str = "WY") -> None:
    with db.transaction() as con:
        for no, who in ((1, "计票人甲"), (2, "计票人乙")):
            con.execute(
                "INSERT INTO manual_entries(contest, round, label, entry_no, content, entered_by,"
                " entered_at) VALUES (?, 1, ?, ?, ?, ?, ?)",
                (contest, label, no, json.dumps({"marks": content}), who, utc_now()),
            )
        db.audit("manual.entered", {"label": label})


def set_box(
    db: ElectionDB, box: str, issued: int, collected: int, contest: str = "WY", round_: int = 1
) -> None:
    with db.transaction() as con:
        con.execute(
            "INSERT INTO box_counts(contest, round, box, station, issued, collected, updated_at,"
            " operator) VALUES (?,?,?,?,?,?,?,?) ON CONFLICT(contest, round, box, station)"
            " DO UPDATE SET issued = excluded.issued, collected = excluded.collected,"
            " updated_at = excluded.updated_at",
            (contest, round_, box, local_station(db), issued, collected, utc_now(), db.operator),
        )
        db.audit("boxes.counted", {"box": box})


def count(path: Path, table: str, where: str = "1") -> int:
    import sqlite3

    con = sqlite3.connect(str(path))
    try:
        return int(con.execute(f"SELECT count(*) FROM {table} WHERE {where}").fetchone()[0])
    finally:
        con.close()
