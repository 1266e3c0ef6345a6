"""Accuracy of the ballot reader on plainly drawn marks: a second corpus, drawn otherwise.

``python -m bench.plain_marks [--pages N] [--seed S] [--workers W] [--keep DIR]``

bench/accuracy draws hand-like strokes with the corpus's own pen (antialiased, 0.3–0.9 mm
wide, wobbling) and its own scanner. A reader tuned on one way of drawing can fail on
another, so this bench draws marks as a drawing program would: PIL's outlines of an exact
width, 2–10 pixels at 300 dpi (0.17–0.85 mm: a fine ballpoint to a felt-tip), perfect
circles and ovals, small ones (4 mm across, a hole of 1.6 mm at least) and ones larger than the box, × of every size,
in ink from black to a blue ballpoint's grey (grey 90), and in blue, red and black on colour
scans. The odd marks a person must look at (✓, a blot, a +, a □, a dash) are drawn too.
Each page is then scanned one plain way: grey JPEG at 300 dpi, colour JPEG on tinted paper,
black-and-white (thresholded, G4 TIFF) at 300 dpi, 600-dpi PNG, 200-dpi JPEG, upside down, skewed 6–9°, on a scanner's dark background.

Prints confident wrong calls (target 0), the share of clear marks (○, ×, the chosen column)
sent to review (target ≤ 1 %), pages refused (target 0), and a table by kind of mark and by
scan. Exits 1 if a target is missed.
"""

from __future__ import annotations

import argparse
import io
import multiprocessing
import random
import shutil
import sys
import tempfile
import time
from collections import Counter, defaultdict
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
from PIL import Image, ImageDraw

from bench import corpus
from huanjie_desktop.domain.layout import Box
from huanjie_desktop.recognition.load import PageRef
from huanjie_desktop.recognition.pipeline import PageResult, ReadContext, process_page

#: Symbol-style kinds: what a careful counter reads.
SYMBOL: dict[str, str] = {
    "circle": "agree",
    "circle_small": "agree",
    "circle_big": "agree",
    "oval": "agree",
    "cross": "disagree",
    "cross_small": "disagree",
    "empty": "abstain",
    "check": "unclear",
    "blot": "unclear",
    "plus": "unclear",
    "square": "unclear",
    "dash": "unclear",
}
SYMBOL_WEIGHTS = {k: (2.0 if k in ("circle", "cross", "empty") else 1.0) for k in SYMBOL}
#: Column-style rows: a ○ in one column (that column), none (abstain), two (unclear), a × in
#: one (the instructions ask for a ○: a person looks).
COLUMN_KINDS = ("one", "one", "one_big", "none", "two", "cross")
SCANS = ("grey300", "colour300", "bw300", "png600", "jpeg200", "upside_down", "skew", "dark_back")
PENS = ((20, 40, 160), (40, 70, 190), (180, 20, 30), (15, 15, 15), (60, 60, 200))

_CTX: list[ReadContext] = []


@dataclass(frozen=True)
class Target:
    label: str  # "circle_small", "col/two", ...
    expected: str
    got: str
    scan: str
    why: str = ""  # the reader's reason for a call of unclear (its scores)


def _init(ctx: ReadContext) -> None:
    from huanjie_desktop.app.scan import prepare_reader_process

    prepare_reader_process()
    _CTX[:] = [ctx]


def _read(path: str) -> PageResult:
    return process_page(PageRef(path, 1, 1), _CTX[0])


def _centre(box: Box, ppm: float, jitter: float, rnd: random.Random) -> tuple[float, float, float]:
    x0, y0, x1, y1 = (v * ppm for v in box)
    return (
        (x0 + x1) / 2 + rnd.uniform(-jitter, jitter),
        (y0 + y1) / 2 + rnd.uniform(-jitter, jitter),
        x1 - x0,
    )


def draw(
    dr: ImageDraw.ImageDraw, kind: str, box: Box, ppm: float, ink: Any, rnd: random.Random
) -> None:
    """One mark of ``kind`` in ``box`` (layout mm) on a page at ``ppm`` px/mm."""
    cx, cy, side = _centre(box, ppm, 0.6 * ppm, rnd)  # (up to 0.6 mm off-centre)
    w = rnd.randint(2, 6) if rnd.random() < 0.85 else rnd.randint(7, 10)
    if kind in ("circle", "circle_small", "circle_big", "oval"):
        r = (
            side
            * {
                "circle": rnd.uniform(0.25, 0.4),
                "circle_small": rnd.uniform(0.18, 0.22),
                "circle_big": rnd.uniform(0.55, 0.7),
                "oval": rnd.uniform(0.25, 0.32),
            }[kind]
        )
        if kind == "circle_small":  # (4 mm across, its hole never under 1.6 mm: a ○, not a blot;
            r = max(r, 0.8 * ppm + w)  # PIL draws the outline inside the ellipse's bounds)
        squash = 1.0 if kind == "circle_small" else rnd.uniform(0.85, 1.0)
        rx, ry = (r * 1.4, r * 0.8) if kind == "oval" else (r, r * squash)
        dr.ellipse([cx - rx, cy - ry, cx + rx, cy + ry], outline=ink, width=w)
    elif kind in ("cross", "cross_small"):
        h = side * (0.2 if kind == "cross_small" else rnd.uniform(0.28, 0.45))
        dr.line([cx - h, cy - h, cx + h, cy + h], fill=ink, width=w)
        dr.line([cx - h, cy + h, cx + h, cy - h], fill=ink, width=w)
    elif kind == "check":
        h = side * 0.3
        dr.line([cx - h, cy, cx - 0.3 * h, cy + h, cx + h, cy - 1.2 * h], fill=ink, width=w)
    elif kind == "blot":
        r = side * rnd.uniform(0.2, 0.35)
        dr.ellipse([cx - r, cy - r, cx + r, cy + r], fill=ink)
    elif kind == "plus":
        h = side * 0.33
        dr.line([cx - h, cy, cx + h, cy], fill=ink, width=w)
        dr.line([cx, cy - h, cx, cy + h], fill=ink, width=w)
    elif kind == "square":
        h = side * 0.3
        dr.rectangle([cx - h, cy - h, cx + h, cy + h], outline=ink, width=w)
    elif kind == "dash":
        h = side * 0.33
        dr.line([cx - h, cy, cx + h, cy + rnd.uniform(-2, 2)], fill=ink, width=w)


def mark_page(
    t: corpus.Template, scan: str, rnd: random.Random
) -> tuple[Image.Image, list[tuple[str, str, str]]]:
    """The template marked in every target: (image, [(target, kind label, expected)])."""
    colour = scan == "colour300"
    img = Image.fromarray(t.gray).convert("RGB" if colour else "L")
    dr = ImageDraw.Draw(img)
    ink: Any = rnd.choice(PENS) if colour else rnd.randint(0, 90)
    truth: list[tuple[str, str, str]] = []
    lay = t.layout
    for cand in lay.candidates:
        if lay.style == "symbol":
            kinds = list(SYMBOL_WEIGHTS)
            kind = rnd.choices(kinds, [SYMBOL_WEIGHTS[k] for k in kinds])[0]
            if kind != "empty":
                draw(dr, kind, cand.boxes["mark"], t.ppm, ink, rnd)
            truth.append((cand.code, kind, SYMBOL[kind]))
            continue
        kind = rnd.choice(COLUMN_KINDS)
        cols = list(cand.boxes)
        pick = rnd.choice(cols)
        if kind in ("one", "one_big"):
            draw(
                dr,
                "circle_big" if kind == "one_big" else "circle",
                cand.boxes[pick],
                t.ppm,
                ink,
                rnd,
            )
            expected = pick
        elif kind == "two":
            for c in rnd.sample(cols, 2):
                draw(dr, "circle", cand.boxes[c], t.ppm, ink, rnd)
            expected = "unclear"
        elif kind == "cross":
            draw(dr, "cross", cand.boxes[pick], t.ppm, ink, rnd)
            expected = "unclear"
        else:
            expected = "abstain"
        truth.append((cand.code, f"col/{kind}", expected))
    return img, truth


def scanned(img: Image.Image, scan: str, rnd: random.Random) -> tuple[bytes, str]:
    """The marked page as a scanner of kind ``scan`` would file it: (bytes, extension)."""
    if scan == "colour300":
        tint = np.array([rnd.uniform(0.95, 1.0), rnd.uniform(0.93, 0.98), rnd.uniform(0.85, 0.95)])
        a = (np.asarray(img).astype(np.float32) * tint).astype(np.uint8)
        img = Image.fromarray(a).rotate(
            rnd.uniform(-2, 2), Image.Resampling.BICUBIC, fillcolor=(245, 235, 220)
        )
        return _jpeg(img, rnd.randint(70, 90)), "jpg"
    angle = rnd.uniform(-2, 2)
    if scan == "upside_down":
        angle += 180
    if scan == "skew":
        img = img.rotate(
            rnd.choice((-1, 1)) * rnd.uniform(6, 9),
            Image.Resampling.BICUBIC,
            expand=True,
            fillcolor=255,
        )
        angle = 0.0
    if scan == "dark_back":
        a = np.asarray(img)
        back = np.full((a.shape[0] + 160, a.shape[1] + 160), 25, np.uint8)
        back[80:-80, 80:-80] = a
        img = Image.fromarray(back)
        return _jpeg(img.rotate(angle, Image.Resampling.BICUBIC, fillcolor=25), 80), "jpg"
    if angle:
        img = img.rotate(angle, Image.Resampling.BICUBIC, fillcolor=255)
    if scan == "bw300":  # a black-and-white scan: thresholded, CCITT G4 TIFF
        out = io.BytesIO()
        bw = img.point(lambda v: 255 if v > 150 else 0).convert("1")
        bw.save(out, "TIFF", compression="group4", dpi=(300, 300))
        return out.getvalue(), "tif"
    if scan == "png600":
        img = img.resize((img.width * 2, img.height * 2), Image.Resampling.BICUBIC)
        out = io.BytesIO()
        img.save(out, "PNG", dpi=(600, 600), compress_level=1)
        return out.getvalue(), "png"
    if scan == "jpeg200":
        img = img.resize((img.width * 2 // 3, img.height * 2 // 3), Image.Resampling.LANCZOS)
        return _jpeg(img, 75), "jpg"
    return _jpeg(img, rnd.randint(60, 90)), "jpg"


def _jpeg(img: Image.Image, quality: int) -> bytes:
    out = io.BytesIO()
    img.save(out, "JPEG", quality=quality)
    return out.getvalue()


def evaluate(
    pages: int = 140,
    seed: int = 1,
    workers: int = 2,
    out: Any = sys.stdout,
    symbol_candidates: int = 30,
    column_candidates: int = 16,
    keep: Path | None = None,
) -> dict[str, Any]:
    """``keep``: a folder the pages with a wrong call or refused are copied to."""
    rnd = random.Random(seed)
    t0 = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="hj-plain-") as tmp:
        folder = Path(tmp)
        from huanjie_desktop.app.scan import read_context
        from huanjie_desktop.storage.db import open_election_file

        election = corpus.make_election(folder, symbol_candidates, column_candidates)
        templates = corpus.print_templates(election, 2, 300)
        db = open_election_file(election, "bench")
        try:
            ctx = read_context(db)
        finally:
            db.close()
        files: list[str] = []
        truths: list[tuple[str, list[tuple[str, str, str]]]] = []
        for i in range(pages):
            scan = SCANS[i % len(SCANS)]
            img, truth = mark_page(templates[rnd.randrange(len(templates))], scan, rnd)
            data, ext = scanned(img, scan, rnd)
            path = folder / f"p{i:04d}-{scan}.{ext}"
            path.write_bytes(data)
            files.append(str(path))
            truths.append((scan, truth))
        mp = multiprocessing.get_context("spawn")
        with ProcessPoolExecutor(
            workers, mp_context=mp, initializer=_init, initargs=(ctx,)
        ) as pool:
            results = list(pool.map(_read, files, chunksize=2))
        if keep is not None:
            for f, r, (_scan, truth) in zip(files, results, truths, strict=True):
                got = dict(r.marks)
                if not got or any(
                    str(got[code]) not in ("unclear", exp) for code, _label, exp in truth
                ):
                    keep.mkdir(parents=True, exist_ok=True)
                    shutil.copy(f, keep)
    targets: list[Target] = []
    refused: list[tuple[str, tuple[str, ...]]] = []
    for f, r, (scan, truth) in zip(files, results, truths, strict=True):
        if not r.marks:
            refused.append((Path(f).name, r.reasons))
            continue
        got = dict(r.marks)
        boxes = r.scores.get("targets", {})
        for code, label, expected in truth:
            why = "; ".join(
                f"{k.partition('.')[2] or k}: {v.get('why')}"
                + (f" (strength {v['strength']})" if "strength" in v else "")
                for k, v in boxes.items()
                if k.partition(".")[0] == code and v.get("call") in ("unclear", "mark")
            )
            targets.append(Target(label, expected, str(got[code]), scan, why))
    wrong = [t for t in targets if t.got not in ("unclear", t.expected)]
    clear = [t for t in targets if t.expected not in ("abstain", "unclear")]
    to_review = [t for t in clear if t.got == "unclear"]
    share = len(to_review) / max(1, len(clear))
    out.write(
        f"pages {pages}, target positions {len(targets)}, {time.perf_counter() - t0:.1f} s\n"
        f"confident wrong calls:            {len(wrong)}   (target 0)\n"
        f"clear marks (○/×/chosen) to review: {len(to_review)} of {len(clear)} = {100 * share:.2f} %"
        "   (target ≤ 1 %)\n"
        f"pages refused:                    {len(refused)}   (target 0)\n"
    )
    table: dict[str, Counter[str]] = defaultdict(Counter)
    for t in targets:
        table[t.label][t.got] += 1
    calls = sorted({t.got for t in targets} | {"agree", "disagree", "abstain", "unclear"})
    out.write(f"{'kind':16s} {'truth':10s} " + " ".join(f"{c:>9s}" for c in calls) + "\n")
    expect = {t.label: t.expected for t in targets}
    for label in sorted(table):
        shown = expect[label] if not label.startswith("col/one") else "the column"
        out.write(
            f"{label:16s} {shown:10s} " + " ".join(f"{table[label][c]:9d}" for c in calls) + "\n"
        )
    by_scan: dict[str, list[int]] = {scan: [0, 0] for scan, _ in truths}
    for t in clear:
        by_scan[t.scan][0] += 1
        by_scan[t.scan][1] += t.got == "unclear"
    out.write(
        "clear marks to review by scan: "
        + ", ".join(f"{s} {v[1]}/{v[0]}" for s, v in sorted(by_scan.items()))
        + "\n"
    )
    for t in wrong[:20]:
        out.write(f"  wrong: {t.label} ({t.scan}): {t.expected} → {t.got}\n")
    for t in to_review[:20]:
        out.write(f"  to review: {t.label} ({t.scan}): {t.why}\n")
    for name, reasons in refused[:20]:
        out.write(f"  refused: {name}: {', '.join(reasons)}\n")
    ok = not wrong and share <= 0.01 and not refused
    return {
        "ok": ok,
        "wrong": len(wrong),
        "review_share": share,
        "refused": len(refused),
        "positions": len(targets),
        "table": {k: dict(v) for k, v in table.items()},
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(
        prog="python -m bench.plain_marks", description=__doc__.splitlines()[0]
    )
    ap.add_argument("--pages", type=int, default=140)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument(
        "--keep", type=Path, default=None, metavar="DIR", help="copy refused or misread pages here"
    )
    a = ap.parse_args(argv)
    result = evaluate(a.pages, a.seed, a.workers, keep=a.keep)
    print("PASS" if result["ok"] else "FAIL: a target was missed")
    return 0 if result["ok"] else 1


if __name__ == "__main__":
    raise SystemExit(main())
