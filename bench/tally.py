"""Tally benchmark: ``python -m bench.tally [--sheets N] [--candidates K] [--seats S]``.

Builds an election file with N counted sheets × K candidates (default 100,000 × 40, with a
few void ballots and write-ins, as the scanner writes them), then times, in the same run and
best of 3:

- ``app.counting.tally`` (the whole use case: contest, round, attendance, box counts,
  pending reviews, the count, the rules, names in stroke order, composition);
- one SQL aggregate over the same rows (``count(*)``, ``sum(length(final_marks))``).

Prints both and the ratio; checks the tally's totals against the numbers the generator
knows; exits 1 if the totals are wrong, the ratio is above 3 or the tally takes 1 s or more
(``--no-gate`` skips the two speed gates, for small smoke runs).
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np

from huanjie_desktop.app import counting
from huanjie_desktop.app.election import create_from_definition
from huanjie_desktop.domain.definition import validate_definition
from huanjie_desktop.storage.db import ElectionDB, open_election_file, utc_now

MAX_RATIO = 3.0
MAX_SECONDS = 1.0
CONTEST = "WY"
SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍"


def _definition(candidates: int, seats: int) -> dict[str, Any]:
    people = [
        {
            "code": f"P{i:05d}",
            "name": SURNAMES[i % len(SURNAMES)] + GIVEN[(i * 7) % len(GIVEN)] + GIVEN[i % 5],
            "gender": "女" if i % 3 == 0 else "男",
            "birth": f"{1965 + i % 30}-0{1 + i % 9}",
            "education": "大学",
        }
        for i in range(candidates + 10)
    ]
    return {
        "election": {"name": "基准测试选举", "date": "2021-07-28", "level": "local"},
        "units": [],
        "people": people,
        "contests": [
            {
                "code": CONTEST,
                "title": "委员",
                "kind": "committee",
                "seats": seats,
                "writein_columns": 2,
                "margin_min_pct": 0,
                "margin_reason": "benchmark",
                "candidates": [
                    {"code": f"c{i + 1:02d}", "person": f"P{i:05d}"} for i in range(candidates)
                ],
            }
        ],
    }


def build(path: Path, sheets: int, candidates: int, seats: int, seed: int = 1) -> dict[str, Any]:
    """Write the election file; returns what the tally must find."""
    result = validate_definition(_definition(candidates, seats))
    if result.definition is None:
        raise SystemExit("; ".join(p.message("en") for p in result.problems))
    create_from_definition(path, result.definition, "bench")
    db = open_election_file(path, "bench")
    rng = np.random.default_rng(seed)
    # each voter agrees with about seats-4 names, disagrees with a few, abstains on the rest;
    # 1% choose everyone (voided by the scanner), a few write in a name; ballots that still
    # choose more than the seats are voided by the tally
    codes = np.full((sheets, candidates), ord("N"), dtype=np.uint8)
    scores = rng.random((sheets, candidates))
    codes[scores < (seats - 4) / candidates] = ord("A")
    codes[(scores > 0.97)] = ord("D")
    over = rng.random(sheets) < 0.01
    codes[over] = ord("A")
    writein = rng.random(sheets) < 0.005
    chosen = (codes == ord("A")).sum(axis=1) + writein
    void = over | (chosen > seats)  # the scanner voids the 1%; the tally finds the rest
    text = codes.tobytes().decode("ascii")
    marks = [text[i * candidates : (i + 1) * candidates] for i in range(sheets)]
    now = utc_now()
    score_json = json.dumps({"fill": [round(float(x), 3) for x in scores[0]]})
    person_writein = json.dumps([{"column": 1, "name": "赵强", "person": None, "mark": "agree"}])

    def rows() -> Any:
        for i in range(sheets):
            valid = 0 if over[i] else 1
            final_w = person_writein if writein[i] else "[]"
            yield (
                f"S{i:07d}",
                "main",
                f"scan-{i // 500:04d}.pdf",
                i % 500 + 1,
                f"{i:064x}",
                f"images/{i:07d}.png",
                CONTEST,
                f"SER{i:07d}",
                valid,
                marks[i],
                score_json,
                marks[i],
                valid,
                final_w,
                now,
            )

    with db.transaction() as con:
        con.executemany(
            "INSERT INTO sheets(id, station, source_file, page, image_sha256, image_path,"
            " status, reasons, contest, round, serial, ballot_valid, marks, writeins, scores,"
            " final_marks, final_valid, final_writeins, source, scanned_at, operator)"
            " VALUES (?,?,?,?,?,?, 'counted', '[]', ?, 1, ?, ?, ?, '[]', ?, ?, ?, ?, 'scan', ?,"
            " 'bench')",
            rows(),
        )
        con.executemany(
            "INSERT INTO checkins(person, at, operator) VALUES (?, ?, 'bench')",
            [(r[0], now) for r in con.execute("SELECT code FROM people")],
        )
        con.execute(
            "INSERT INTO box_counts(contest, round, box, station, issued, collected, updated_at,"
            " operator) VALUES (?, 1, '1', 'main', ?, ?, ?, 'bench')",
            (CONTEST, sheets, sheets, now),
        )
    con = db.con
    con.execute("ANALYZE")
    db.close()
    valid_rows = ~void
    order = [
        r[0]
        for r in _read(
            path,
            "SELECT candidate FROM round_candidates WHERE contest = ? AND round = 1"
            " ORDER BY position",
            (CONTEST,),
        )
    ]
    agree = (codes[valid_rows] == ord("A")).sum(axis=0)
    return {
        "valid": int(valid_rows.sum()),
        "void": int(void.sum()),
        "writeins": int((writein & ~void).sum()),
        "agree": {code: int(agree[pos]) for pos, code in enumerate(order)},
    }


def _read(path: Path, sql: str, args: tuple[Any, ...]) -> list[Any]:
    db = open_election_file(path, "bench")
    try:
        return list(db.con.execute(sql, args))
    finally:
        db.close()


def best_of(n: int, fn: Callable[[], Any]) -> tuple[float, Any]:
    best, value = float("inf"), None
    for _ in range(n):
        t0 = time.perf_counter()
        value = fn()
        best = min(best, time.perf_counter() - t0)
    return best, value


def measure(path: Path, repeat: int = 3) -> tuple[float, float, dict[str, Any]]:
    db: ElectionDB = open_election_file(path, "bench")
    try:
        aggregate = (
            "SELECT count(*), sum(length(final_marks)) FROM sheets"
            " WHERE contest = ? AND round = 1 AND status = 'counted'"
        )
        db.con.execute(aggregate, (CONTEST,)).fetchone()  # warm the page cache for both
        sql_s, _ = best_of(repeat, lambda: db.con.execute(aggregate, (CONTEST,)).fetchone())
        tally_s, doc = best_of(repeat, lambda: counting.tally(db, CONTEST))
        return tally_s, sql_s, doc
    finally:
        db.close()


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m bench.tally", description=__doc__)
    ap.add_argument("--sheets", type=int, default=100_000)
    ap.add_argument("--candidates", type=int, default=40)
    ap.add_argument("--seats", type=int, default=35)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--keep", type=Path, default=None, help="write the election file here")
    ap.add_argument("--no-gate", action="store_true", help="report speed without failing")
    ap.add_argument("--json", action="store_true")
    a = ap.parse_args(argv)
    if a.keep is not None and a.keep.exists():
        print(f"{a.keep} exists; choose another --keep path", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as tmp:
        path = a.keep or Path(tmp) / "bench.huanjie"
        t0 = time.perf_counter()
        truth = build(path, a.sheets, a.candidates, a.seats)
        build_s = time.perf_counter() - t0
        tally_s, sql_s, doc = measure(path, a.repeat)
    ratio = tally_s / sql_s if sql_s > 0 else float("inf")
    agree = {c["code"]: c["agree"] for c in doc["candidates"]}
    wrong = []
    if doc["valid_ballots"] != truth["valid"] or doc["void_ballots"] != truth["void"]:
        wrong.append(f"ballots {doc['valid_ballots']}/{doc['void_ballots']} != {truth}")
    if agree != truth["agree"]:
        wrong.append("agree votes differ from the generated ones")
    if sum(w["agree"] for w in doc["writeins"]) != truth["writeins"]:
        wrong.append("write-in votes differ from the generated ones")
    report = {
        "sheets": a.sheets,
        "candidates": a.candidates,
        "build_s": round(build_s, 3),
        "tally_s": round(tally_s, 4),
        "sql_aggregate_s": round(sql_s, 4),
        "ratio": round(ratio, 2),
        "status": doc["status"],
        "correct": not wrong,
    }
    if a.json:
        print(json.dumps(report))
    else:
        print(f"sheets × candidates   {a.sheets:,} × {a.candidates}  (built in {build_s:.1f} s)")
        print(f"app.counting.tally    {tally_s * 1000:8.1f} ms  (best of {a.repeat})")
        print(f"SQL aggregate         {sql_s * 1000:8.1f} ms  (best of {a.repeat})")
        print(
            f"ratio                 {ratio:8.2f}   (gate: ≤ {MAX_RATIO}, tally < {MAX_SECONDS} s)"
        )
        print(f"totals                {'correct' if not wrong else 'WRONG: ' + '; '.join(wrong)}")
    if wrong:
        return 1
    if not a.no_gate and (ratio > MAX_RATIO or tally_s >= MAX_SECONDS):
        print("FAIL: the tally is too slow", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
