"""Test helpers for counting: a small real election file, and sheet rows written with SQL the
way the scanner writes them (see the contract in app/counting.py's tests)."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from huanjie_desktop.app.election import create_from_definition
from huanjie_desktop.domain.definition import validate_definition
from huanjie_desktop.storage.db import ElectionDB, open_election_file, utc_now

SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗"
GIVEN = ["伟", "娜", "敏", "洋", "静", "磊", "强", "丽", "军", "芳", "明", "杰", "华", "平"]


def person_name(i: int) -> str:
    return SURNAMES[i % len(SURNAMES)] + GIVEN[i % len(GIVEN)] + ("" if i < 14 else "一")


def definition(
    people: int = 12,
    seats: int = 3,
    candidates: int = 5,
    kind: str = "committee",
    writein_columns: int = 2,
    officials: bool = True,
    level: str = "local",
    extra_contests: Sequence[dict[str, Any]] = (),
) -> dict[str, Any]:
    roster = []
    for i in range(people):
        roster.append(
            {
                "code": f"P{i + 1:02d}",
                "name": person_name(i),
                "gender": "女" if i % 3 == 0 else "男",
                "ethnicity": "回族" if i == 1 else "汉族",
                "birth": f"{1960 + i * 3 % 60}-0{1 + i % 9}",
                "education": "大学" if i % 2 else "研究生",
                "unit": "U1" if i < people // 2 else "U2",
            }
        )
    contest: dict[str, Any] = {
        "code": "WY",
        "title": "中共天元区第六届委员会委员",
        "kind": kind,
        "seats": seats,
        "writein_columns": writein_columns,
        "candidates": [
            {"code": f"c{i + 1:02d}", "person": f"P{i + 1:02d}"} for i in range(candidates)
        ],
    }
    if officials:
        contest["officials"] = [
            {"person": f"P{people:02d}", "role": "chief_scrutineer"},
            {"person": f"P{people - 1:02d}", "role": "scrutineer"},
            {"person": f"P{people - 2:02d}", "role": "counter"},
        ]
    return {
        "election": {
            "name": "中国共产党天元区第六次代表大会",
            "date": "2021-07-28",
            "level": level,
        },
        "units": [{"code": "U1", "name": "第一代表团"}, {"code": "U2", "name": "第二代表团"}],
        "people": roster,
        "contests": [contest, *extra_contests],
    }


def make_election(path: Path, data: dict[str, Any] | None = None) -> Path:
    result = validate_definition(data or definition())
    assert result.definition is not None, [p.message("en") for p in result.problems]
    create_from_definition(path, result.definition, "tester")
    return path


def open_db(path: Path, operator: str = "tester") -> ElectionDB:
    return open_election_file(path, operator)


def check_in(db: ElectionDB, codes: Sequence[str] | None = None) -> None:
    """Check people in as the app does (a row and an audit entry each: `huanjie verify`
    replays the check-ins from the audit log)."""
    with db.transaction() as con:
        rows = codes or [r[0] for r in con.execute("SELECT code FROM people WHERE has_vote = 1")]
        for code in rows:
            cur = con.execute(
                "INSERT OR IGNORE INTO checkins(person, at, operator) VALUES (?, ?, 'tester')",
                (code, utc_now()),
            )
            if cur.rowcount:
                db.audit("checkin.added", {"person": code})


def set_box(
    db: ElectionDB, contest: str, round_number: int, issued: int, collected: int, box: str = "1"
) -> None:
    with db.transaction() as con:
        con.execute(
            "INSERT INTO box_counts(contest, round, box, station, issued, collected, updated_at,"
            " operator) VALUES (?, ?, ?, 'main', ?, ?, ?, 'tester')"
            " ON CONFLICT(contest, round, box, station) DO UPDATE SET issued = excluded.issued,"
            " collected = excluded.collected",
            (contest, round_number, box, issued, collected, utc_now()),
        )


def insert_sheet(
    db: ElectionDB,
    sheet: str,
    contest: str | None,
    round_number: int | None,
    marks: str | None,
    *,
    status: str = "counted",
    writeins: Sequence[dict[str, Any]] = (),
    final_writeins: Sequence[dict[str, Any]] = (),
    reasons: Sequence[str] = (),
    seats: int | None = None,
    serial: str | None = None,
    station: str = "main",
    page: int = 1,
) -> None:
    """A sheet as the scanner writes it: final_* equal the machine read for a counted sheet
    (final_valid 0 when over-voted), NULL for a sheet held for review."""
    valid = 1
    if seats is not None and marks is not None:
        chosen = marks.count("A") + sum(
            1 for w in writeins if w.get("mark") == "agree" and w.get("has_name")
        )
        valid = int(chosen <= seats)
    counted = status == "counted"
    image = hashlib.sha256(f"{sheet}".encode()).hexdigest()
    with db.transaction() as con:
        con.execute(
            "INSERT INTO sheets(id, station, source_file, page, image_sha256, image_path, status,"
            " reason, reasons, contest, round, serial, ballot_valid, marks, writeins, scores,"
            " final_marks, final_valid, final_writeins, source, scanned_at, operator)"
            " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?, 'scan', ?, 'scanner')",
            (
                sheet,
                station,
                f"batch-{station}.pdf",
                page,
                image,
                f"images/{sheet}.png",
                status,
                reasons[0] if reasons else None,
                json.dumps(list(reasons)),
                contest,
                round_number,
                serial,
                valid,
                marks,
                json.dumps(list(writeins)),
                json.dumps({"c01": [0.31, 0.02]}),
                marks if counted else None,
                valid if counted else None,
                json.dumps(list(final_writeins), ensure_ascii=False),
                utc_now(),
            ),
        )


def ballot_order(db: ElectionDB, contest: str, round_number: int) -> list[str]:
    return [
        r[0]
        for r in db.con.execute(
            "SELECT candidate FROM round_candidates WHERE contest = ? AND round = ?"
            " ORDER BY position",
            (contest, round_number),
        )
    ]


def marks(order: Sequence[str], by_code: dict[str, str]) -> str:
    """The compact mark string in ballot order from {code: 'A'|'D'|'N'|'?'} (default N)."""
    return "".join(by_code.get(code, "N") for code in order)


def insert_counted(
    db: ElectionDB,
    contest: str,
    round_number: int,
    rows: Sequence[str],
    seats: int,
    prefix: str = "s",
) -> None:
    for i, marks in enumerate(rows):
        insert_sheet(
            db,
            f"{prefix}{round_number}-{i:04d}",
            contest,
            round_number,
            marks,
            seats=seats,
            page=i + 1,
        )
