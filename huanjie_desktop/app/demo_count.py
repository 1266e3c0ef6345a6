"""The counting half of `huanjie demo`: printed ballots, synthetic scans of marked ballots, a
counted round with review decisions confirmed by a scrutineer, a certified result and its papers.

The scans are made the way a counting room makes them: the project prints the ballots, poppler
renders them, hand-like pen marks are drawn into the boxes of the layout, and the pages go
through the real scanner pipeline into the election file.
"""

from __future__ import annotations

import random
import subprocess
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any, Protocol

import cv2
import numpy as np

from huanjie_desktop.domain.layout import BallotLayout, Box
from huanjie_desktop.paths import find_tool, poppler_missing
from huanjie_desktop.storage import repo
from huanjie_desktop.storage.db import ElectionDB, open_election_file

DPI = 150
Progress = Callable[[str], None]


class _Result(Protocol):
    folder: Path
    files: dict[str, Path]
    notes: list[str]


def _px(mm: float) -> int:
    return round(mm / 25.4 * DPI)


def _draw_circle(img: Any, box: Box, rng: random.Random) -> None:
    x0, y0, x1, y1 = box
    cx = (x0 + x1) / 2 + rng.uniform(-0.8, 0.8)
    cy = (y0 + y1) / 2 + rng.uniform(-0.8, 0.8)
    rx = (x1 - x0) * rng.uniform(0.30, 0.40)
    ry = (y1 - y0) * rng.uniform(0.28, 0.40)
    start = rng.uniform(0, 360)
    ink = rng.randint(20, 70)
    cv2.ellipse(
        img,
        (_px(cx), _px(cy)),
        (_px(rx), _px(ry)),
        rng.uniform(-20, 20),
        start,
        start + rng.uniform(340, 380),
        ink,
        rng.choice([2, 2, 3]),
        cv2.LINE_AA,
    )


def _draw_cross(img: Any, box: Box, rng: random.Random) -> None:
    x0, y0, x1, y1 = box
    w, h = x1 - x0, y1 - y0
    m = rng.uniform(0.18, 0.26)
    ink = rng.randint(20, 70)
    t = rng.choice([2, 2, 3])

    def j() -> float:
        return rng.uniform(-0.5, 0.5)

    cv2.line(
        img,
        (_px(x0 + w * m + j()), _px(y0 + h * m + j())),
        (_px(x1 - w * m + j()), _px(y1 - h * m + j())),
        ink,
        t,
        cv2.LINE_AA,
    )
    cv2.line(
        img,
        (_px(x1 - w * m + j()), _px(y0 + h * m + j())),
        (_px(x0 + w * m + j()), _px(y1 - h * m + j())),
        ink,
        t,
        cv2.LINE_AA,
    )


def _draw_tick(img: Any, box: Box, rng: random.Random) -> None:
    x0, y0, x1, y1 = box
    w, h = x1 - x0, y1 - y0
    pts = np.array(
        [
            [_px(x0 + w * 0.22), _px(y0 + h * 0.55)],
            [_px(x0 + w * 0.42), _px(y0 + h * 0.78)],
            [_px(x0 + w * 0.8), _px(y0 + h * 0.2)],
        ],
        dtype=np.int32,
    )
    cv2.polylines(img, [pts], False, rng.randint(20, 60), 2, cv2.LINE_AA)


def _scribble_name(img: Any, box: Box, rng: random.Random) -> None:
    """Two or three hand-written-looking characters (strokes) in a write-in name cell."""
    x0, y0, x1, y1 = box
    n = 3
    cw = (x1 - x0) * 0.7 / n
    for k in range(n):
        left = x0 + (x1 - x0) * 0.15 + k * cw
        for _ in range(5):
            a = (_px(left + rng.uniform(0, cw * 0.8)), _px(y0 + (y1 - y0) * rng.uniform(0.3, 0.7)))
            b = (_px(left + rng.uniform(0, cw * 0.8)), _px(y0 + (y1 - y0) * rng.uniform(0.3, 0.7)))
            cv2.line(img, a, b, 40, 2, cv2.LINE_AA)


def _votes(rng: random.Random, seats: int, support: list[float]) -> list[str]:
    """One voter's choices: agree / disagree / abstain per candidate, at most ``seats`` agrees."""
    marks = []
    for p in support:
        r = rng.random()
        marks.append("agree" if r < p else ("disagree" if r < p + (1 - p) * 0.7 else "abstain"))
    agrees = [i for i, m in enumerate(marks) if m == "agree"]
    while len(agrees) > seats:  # a careful voter crosses someone out rather than over-vote
        drop = min(agrees, key=lambda i: support[i] + rng.random() * 0.2)
        marks[drop] = "disagree"
        agrees.remove(drop)
    return marks


def _render(pdf: Path, out_dir: Path) -> list[Path]:
    out_dir.mkdir(parents=True, exist_ok=True)
    exe = find_tool("pdftoppm") or "pdftoppm"
    subprocess.run(
        [exe, "-r", str(DPI), "-gray", "-png", str(pdf), str(out_dir / "p")],
        check=True,
        capture_output=True,
    )
    return sorted(out_dir.glob("p-*.png"))


def _degrade(img: Any, rng: random.Random) -> Any:
    """What a document scanner does: a little skew and shift, noise, JPEG later."""
    h, w = img.shape
    angle = rng.uniform(-1.5, 1.5)
    m = cv2.getRotationMatrix2D((w / 2, h / 2), angle, 1.0)
    m[0, 2] += rng.uniform(-8, 8)
    m[1, 2] += rng.uniform(-8, 8)
    img = cv2.warpAffine(img, m, (w, h), borderValue=255)
    noise = np.random.default_rng(rng.randint(0, 2**31)).normal(0, 4, img.shape)
    return np.clip(img.astype(np.float32) + noise, 0, 255).astype(np.uint8)


def make_scans(
    db: ElectionDB, contest: str, voters: int, folder: Path, rng: random.Random, say: Progress
) -> dict[str, Any]:
    """Print ``voters`` ballots of round 1, mark them like voters would, write scanner JPEGs."""
    from huanjie_desktop.app.ballots import layout_for, print_ballots

    c = repo.read_contest(db, contest)
    assert c is not None
    info = repo.read_round(db, contest, 1)
    assert info is not None
    pdf = folder / "ballots" / f"{contest}-round1.pdf"
    pdf.parent.mkdir(parents=True, exist_ok=True)
    say(f"{contest}: 印制 {voters} 张选票 / printing {voters} ballots")
    print_ballots(db, contest, 1, voters, pdf)
    layout: BallotLayout = layout_for(db, contest, 1)
    n = len(layout.candidates)
    support = [rng.uniform(0.86, 0.99) for _ in range(n)]
    for k in rng.sample(range(n), max(1, n - c.seats)):  # those who fall short
        support[k] = rng.uniform(0.35, 0.55)
    scans = folder / "scans" / contest
    scans.mkdir(parents=True, exist_ok=True)
    special = {3: "tick", 7: "writein", 11: "overvote", 5: "blank", 15: "circled"}
    signed = 5  # the voter of the blank ballot wrote their name below the table
    with tempfile.TemporaryDirectory() as tmp:
        say(f"{contest}: 模拟扫描 / simulating the scanner")
        for i, page in enumerate(_render(pdf, Path(tmp))):
            img = cv2.imread(str(page), cv2.IMREAD_GRAYSCALE)
            kind = special.get(i, "")
            to_circle = kind == "circled" and bool(layout.extra.get("cells"))
            marks = ["abstain"] * n if kind == "blank" else _votes(rng, c.seats, support)
            if kind == "overvote":
                marks = ["agree"] * n
            if kind == "tick":
                marks[0] = "abstain"  # the ✓ goes into an otherwise empty box
            for cand, mark in zip(layout.candidates, marks, strict=True):
                if to_circle and mark == "agree":
                    # the voter's ○ drawn round the name, not in its box (held for a person)
                    x0, y0, x1, y1 = layout.extra["cells"][cand.code]["print"][0]
                    _draw_circle(img, (x0 - 4.0, y0 - 3.0, x1 + 4.0, y1 + 3.0), rng)
                    to_circle = False
                    continue
                if layout.style == "symbol":
                    box = cand.boxes["mark"]
                    if mark == "agree":
                        _draw_circle(img, box, rng)
                    elif mark == "disagree":
                        _draw_cross(img, box, rng)
                elif mark != "abstain" or rng.random() < 0.5:
                    _draw_circle(img, cand.boxes[mark], rng) if rng.random() < 0.5 else _draw_cross(
                        img, cand.boxes[mark], rng
                    )
            if kind == "tick":
                _draw_tick(
                    img,
                    layout.candidates[0].boxes.get(
                        "mark", layout.candidates[0].boxes.get("agree", (0, 0, 1, 1))
                    ),
                    rng,
                )
            if kind == "writein" and layout.writeins:
                w = layout.writeins[0]
                _scribble_name(img, w.name_box, rng)
                _draw_circle(img, w.boxes.get("mark", w.boxes.get("agree", w.name_box)), rng)
            blank = layout.extra.get("blank")
            if i == signed and blank:  # (drawn with a generator of its own: the others stay)
                x0, y0, _, _ = blank
                _scribble_name(img, (x0 + 30, y0 + 4, x0 + 75, y0 + 14), random.Random(i))
            img = _degrade(img, rng)
            cv2.imwrite(str(scans / f"scan-{i + 1:04d}.jpg"), img, [cv2.IMWRITE_JPEG_QUALITY, 85])
    return {"pdf": pdf, "scans": scans}


def count_contest(
    db: ElectionDB, contest: str, voters: int, folder: Path, rng: random.Random, say: Progress
) -> list[str]:
    """Print, mark, scan, review, reconcile, certify and print the papers of one contest."""
    from huanjie_desktop.app import counting
    from huanjie_desktop.app.ballots import record_box_count
    from huanjie_desktop.app.scan import scan_paths, summarize

    made = make_scans(db, contest, voters, folder, rng, say)
    say(f"{contest}: 扫描识别 / reading the scans")
    results = list(scan_paths(db, [made["scans"]], station="main"))
    summary = summarize(results)
    officials = repo.read_officials(db, contest)
    names = {p.code: p.name for p in repo.read_people(db)}
    chief = next((names[o.person] for o in officials if o.role == "chief_scrutineer"), "总监票人")
    counter = next((names[o.person] for o in officials if o.role == "counter"), "计票人")
    scrutineers = [
        names[o.person] for o in officials if o.role in ("chief_scrutineer", "scrutineer")
    ]
    people = repo.read_people(db)
    for item in counting.review_list(db, contest):
        # What a counter does at the review desk: read the paper, decide each doubtful mark
        # (here: an odd mark counts as abstain), read the written-in name; a scrutineer confirms.
        marks = {code: "abstain" for code, m in item["marks"].items() if m == "unclear"}
        writeins = {}
        if any("writein" in str(r) for r in item.get("reasons", [])):
            writeins = {1: rng.choice(people).name}
        # (a name circled instead of its box: the voter's ○, read as agree)
        marks |= {b["candidate"]: "agree" for b in item.get("beside_boxes", [])}
        # (a voter's name written on the sheet identifies them: the whole ballot is void)
        signed = "writing_elsewhere" in item.get("reasons", [])
        counting.decide(
            db,
            item["sheet"],
            marks={} if signed else marks,
            writeins={} if signed else writeins,
            void_reason="有可识别投票人的记号" if signed else None,
            accept=not signed,
            by=counter,
            reason="演示：计票人核对原票 / demo: checked against the paper",
        )
        counting.confirm(db, item["sheet"], by=chief)
    record_box_count(db, contest, 1, "1号票箱", issued=voters, collected=voters)
    doc = counting.tally(db, contest, 1)
    counts = summary.get("counts", {})
    notes = [
        f"{contest}: 扫描 {sum(counts.values())} 页，计票 {counts.get('counted', 0)}，"
        f"待审 {counts.get('review', 0)}（已由演示的计票人审核）"
        f" / scanned {sum(counts.values())} pages, counted {counts.get('counted', 0)},"
        f" review {counts.get('review', 0)} (reviewed by the demo's counters)"
    ]
    if doc.get("status") == "final":
        counting.certify(db, contest, 1, scrutineers or [chief])
        papers = folder / "papers"
        papers.mkdir(exist_ok=True)
        counting.report(db, contest, 1, papers / f"{contest}-计票结果报告单.pdf")
        counting.report(
            db, contest, 1, papers / f"{contest}-清点到会人数报告单.pdf", attendance=True
        )
        counting.report(db, contest, 1, papers / f"{contest}-发出收回选票.pdf", ballots=True)
        counting.report(
            db, contest, 1, papers / f"{contest}-当选人员结构.pdf", composition_sheet=True
        )
        notes.append(f"{contest}: 已确认 / certified, papers in {papers}")
    else:
        notes.append(f"{contest}: {doc.get('status')}")
    return notes


def run(result: _Result, operator: str, say: Progress, voters_limit: int | None = None) -> None:
    """Extend the demo: count HB in the district and DB in the members' assembly; print the
    other contests' ballots."""
    from huanjie_desktop.app.ballots import print_ballots

    rng = random.Random(11)
    plan = {"district": ("HB", ["WY", "JW", "SD"]), "assembly": ("DB", [])}
    can_scan = find_tool("pdftoppm") is not None  # the synthetic scans are rendered by poppler
    for key, (counted, printed_only) in plan.items():
        path = result.files.get(key)
        if path is None:
            continue
        with open_election_file(path, operator) as db:
            for code in printed_only:
                out = result.folder / "ballots" / f"{code}-round1.pdf"
                out.parent.mkdir(parents=True, exist_ok=True)
                c = repo.read_contest(db, code)
                assert c is not None
                _, present = repo.expected_present(db, c)
                print_ballots(db, code, 1, min(present, voters_limit or present), out)
            if not can_scan:
                continue
            c = repo.read_contest(db, counted)
            assert c is not None
            _, present = repo.expected_present(db, c)
            n = min(present, voters_limit) if voters_limit else present
            result.notes += count_contest(db, counted, n, result.folder, rng, say)
    if not can_scan:
        zh, en = poppler_missing("pdftoppm")
        result.notes.append(f"没有模拟扫描和计票：{zh}\nNo simulated scans or count: {en}")
