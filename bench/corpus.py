"""Corpus generator: real ballots printed by the project, marked by "hand", scanned badly.

Pipeline: an election file with a symbol-style and a columns-style contest → sheets printed
with ``app.ballots.print_ballots`` → rendered by poppler (``pdftoppm``) → hand-like marks
drawn into the targets (○ open, overlapping, oval, off-centre, larger than the box; ×; ✓;
fills; scribbles; dots; faint pencil; stray lines; dust; on some sheets a broad felt-tip)
→ a simulated scanner (skew ±4°,
shift, scale ±4 %, perspective, blur, noise, JPEG q50–90, black-and-white thresholding,
150–400 dpi, upside down, tinted paper, dust, folds, a torn corner, a shadow or a dim side,
a faded copy, a sheet turned in a window the paper's size, a scanner streak, a sheet bent in
the feeder or curled on the glass, a ballot folded in four with its creases' shadows) → a
file, with the ground truth of every target.

Every mark kind has a truth: what a careful counter reads, and so what the machine must say
(``EXPECT``). A kind whose truth is ``unclear`` must go to a person; any confident call on
it is wrong.

``python -m bench.corpus OUT --pages N [--seed S]`` writes N page files and ``truth.jsonl``.
"""

from __future__ import annotations

import argparse
import copy
import io
import json
import math
import subprocess
import sys
import tempfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import cv2
import numpy as np
from numpy.typing import NDArray

from huanjie_desktop.domain.layout import BallotLayout

Gray = NDArray[np.uint8]
Rng = np.random.Generator

# Kinds drawn in symbol-style boxes, and what the machine must say for each.
EXPECT: dict[str, str] = {
    "empty": "abstain",
    "dust": "abstain",
    "stray": "abstain",
    "circle": "agree",
    "circle_open": "agree",
    "circle_big": "agree",
    "oval": "agree",
    "circle_offcentre": "agree",
    "circle_small": "agree",
    "cross": "disagree",
    "cross_big": "disagree",
    "check": "unclear",
    "fill": "unclear",
    "scribble": "unclear",
    "dot": "unclear",
    "faint_circle": "unclear",
    "faint_cross": "unclear",
    "circle_crossed": "unclear",
}

# How often each kind is drawn (clear marks dominate, as on real ballots).
WEIGHTS: dict[str, float] = {
    "empty": 14,
    "dust": 4,
    "stray": 3,
    "circle": 14,
    "circle_open": 5,
    "circle_big": 5,
    "oval": 5,
    "circle_offcentre": 5,
    "cross": 14,
    "cross_big": 5,
    "check": 3,
    "fill": 3,
    "scribble": 3,
    "dot": 3,
    "faint_circle": 3,
    "faint_cross": 3,
    "circle_crossed": 3,
}


@dataclass(frozen=True)
class Pen:
    width_px: float
    ink: float  # grey level of the ink (0 black)
    grain: float  # 0: solid; up to 1: pencil-like broken coverage


def pen(rng: Rng, ppm: float, faint: bool = False) -> Pen:
    if faint:
        return Pen(
            rng.uniform(0.3, 0.6) * ppm, 255 * (1 - rng.uniform(0.22, 0.4)), rng.uniform(0.1, 0.4)
        )
    lo, hi = (1.2, 2.0) if _BROAD_PEN else (0.3, 0.9)
    return Pen(rng.uniform(lo, hi) * ppm, rng.uniform(0, 75), rng.uniform(0, 0.15))


#: Share of sheets marked with a broad felt-tip or marker (strokes 1.2-2 mm wide).
BROAD_PEN_SHARE = 0.04
_BROAD_PEN: list[bool] = []  # non-empty while such a sheet is marked


def _composite(img: Gray, cov: NDArray[np.float32], ink: float, x0: int, y0: int) -> None:
    h, w = cov.shape
    region = img[y0 : y0 + h, x0 : x0 + w].astype(np.float32)
    cov = cov[: region.shape[0], : region.shape[1]]
    out = region - (region - ink) * np.clip(cov, 0, 1) * (region > ink)
    img[y0 : y0 + region.shape[0], x0 : x0 + region.shape[1]] = np.clip(out, 0, 255).astype(
        np.uint8
    )


def strokes(
    img: Gray, paths: list[NDArray[np.float64]], p: Pen, rng: Rng, filled: bool = False
) -> None:
    """Draw polylines (page px) with a pen: antialiased, optional pencil grain."""
    allp = np.concatenate(paths)
    pad = int(p.width_px * 2 + 4)
    x0 = max(0, int(allp[:, 0].min()) - pad)
    y0 = max(0, int(allp[:, 1].min()) - pad)
    x1 = min(img.shape[1], int(allp[:, 0].max()) + pad)
    y1 = min(img.shape[0], int(allp[:, 1].max()) + pad)
    if x1 <= x0 or y1 <= y0:
        return
    canvas = np.zeros((y1 - y0, x1 - x0), np.uint8)
    th = max(1, round(p.width_px))
    for path in paths:
        q = np.round((path - [x0, y0]) * 16).astype(np.int32)
        if filled:
            cv2.fillPoly(canvas, [q], 255, cv2.LINE_AA, shift=4)
        else:
            cv2.polylines(canvas, [q], False, 255, th, cv2.LINE_AA, shift=4)
    cov: NDArray[np.float32] = canvas.astype(np.float32) * np.float32(1 / 255)
    if p.grain > 0:
        grain = cv2.GaussianBlur(
            rng.uniform(1 - p.grain, 1.0, cov.shape).astype(np.float32), (3, 3), 0.8
        )
        cov = cov * np.asarray(grain, dtype=np.float32)
    _composite(img, cov, p.ink, x0, y0)


def _wobble(n: int, amp: float, rng: Rng) -> NDArray[np.float64]:
    k = np.arange(n) / max(1, n - 1)
    out = np.zeros(n)
    for f in (1, 2, 3):
        out += rng.normal(0, amp / f) * np.sin(2 * math.pi * f * k + rng.uniform(0, 6.3))
    return out


def ellipse_path(
    cx: float,
    cy: float,
    rx: float,
    ry: float,
    rot: float,
    start: float,
    sweep: float,
    rng: Rng,
    wobble: float = 0.04,
    drift: float = 0.0,
) -> NDArray[np.float64]:
    n = max(24, int(abs(sweep) / (2 * math.pi) * 90))
    t = start + np.linspace(0, sweep, n)
    w = 1 + _wobble(n, wobble, rng) + np.linspace(0, drift, n)
    x = rx * w * np.cos(t)
    y = ry * w * np.sin(t)
    c, s = math.cos(rot), math.sin(rot)
    return np.column_stack([cx + c * x - s * y, cy + s * x + c * y])


def line_path(
    ax: float, ay: float, bx: float, by: float, rng: Rng, bow: float = 0.04
) -> NDArray[np.float64]:
    n = 16
    t = np.linspace(0, 1, n)
    length = math.hypot(bx - ax, by - ay)
    nx, ny = -(by - ay) / max(length, 1e-6), (bx - ax) / max(length, 1e-6)
    off = rng.normal(0, bow) * length * np.sin(math.pi * t) + _wobble(n, 0.01 * length, rng)
    return np.column_stack([ax + (bx - ax) * t + nx * off, ay + (by - ay) * t + ny * off])


def draw_kind(
    img: Gray, kind: str, box: tuple[float, float, float, float], ppm: float, rng: Rng
) -> None:
    """Draw one kind of mark into ``box`` (page px); ``ppm`` = px per mm of ``img``."""
    x0, y0, x1, y1 = box
    side = min(x1 - x0, y1 - y0)
    cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
    if kind in ("empty",):
        return
    if kind == "circle_small":
        # Drawn with the numbers a ○ of the usual size draws (its pen's grain draws more the
        # larger it is): that ○ is drawn too, on a copy, to use them up, so every later mark
        # of the sheet stays what it was.
        twin = copy.deepcopy(rng)
        draw_kind(img.copy(), "circle", box, ppm, rng)
        rng = twin
    if kind == "dust":
        for _ in range(rng.integers(1, 5)):
            r = rng.uniform(0.05, 0.22) * ppm
            px, py = (
                rng.uniform(x0 - 2 * ppm, x1 + 2 * ppm),
                rng.uniform(y0 - 2 * ppm, y1 + 2 * ppm),
            )
            cv2.circle(
                img,
                (round(px), round(py)),
                max(1, round(r)),
                int(rng.uniform(0, 90)),
                -1,
                cv2.LINE_AA,
            )
        return
    if kind == "stray":
        p0 = pen(rng, ppm)
        gap = rng.uniform(1.1, 2.4) * ppm + p0.width_px / 2
        length = side + rng.uniform(2, 8) * ppm
        side_pick = rng.integers(0, 4)
        along = rng.uniform(-2, 2) * ppm
        if side_pick == 0:
            a, b = (cx - length / 2 + along, y0 - gap), (cx + length / 2 + along, y0 - gap)
        elif side_pick == 1:
            a, b = (cx - length / 2 + along, y1 + gap), (cx + length / 2 + along, y1 + gap)
        elif side_pick == 2:
            a, b = (x0 - gap, cy - length / 2 + along), (x0 - gap, cy + length / 2 + along)
        else:
            a, b = (x1 + gap, cy - length / 2 + along), (x1 + gap, cy + length / 2 + along)
        path = line_path(a[0], a[1], b[0], b[1], rng, 0.0)
        strokes(img, [path], p0, rng)
        return
    if kind in (
        "circle",
        "circle_open",
        "circle_big",
        "oval",
        "circle_offcentre",
        "circle_small",
        "faint_circle",
    ):
        r = side * rng.uniform(0.28, 0.42)
        aspect = rng.uniform(0.85, 1.18)
        ox, oy = rng.normal(0, 0.35 * ppm, 2)
        sweep = 2 * math.pi * (1 + rng.uniform(0.0, 0.15))
        if kind == "circle_open":
            sweep = 2 * math.pi * (1 - rng.uniform(0.05, 0.12))
        elif kind == "circle_big":
            r = side * rng.uniform(0.55, 0.72)
        elif kind == "circle_small":  # a small ○, a few millimetres across
            r *= 0.55
        elif kind == "oval":
            aspect = rng.uniform(1.35, 1.7) if rng.random() < 0.5 else 1 / rng.uniform(1.35, 1.7)
        elif kind == "circle_offcentre":
            r = side * rng.uniform(0.26, 0.34)
            ang = rng.uniform(0, 2 * math.pi)
            off = rng.uniform(1.2, 2.0) * ppm
            ox, oy = off * math.cos(ang), off * math.sin(ang)
        rx, ry = r * math.sqrt(aspect), r / math.sqrt(aspect)
        path = ellipse_path(
            cx + ox,
            cy + oy,
            rx,
            ry,
            rng.uniform(0, math.pi),
            rng.uniform(0, 2 * math.pi),
            sweep * (1 if rng.random() < 0.8 else -1),
            rng,
            rng.uniform(0.01, 0.05),
            rng.uniform(-0.08, 0.08),
        )
        strokes(img, [path], pen(rng, ppm, faint=kind == "faint_circle"), rng)
        return
    if kind in ("cross", "cross_big", "faint_cross", "circle_crossed"):
        paths = []
        scale = rng.uniform(0.55, 0.85) if kind != "cross_big" else rng.uniform(1.0, 1.35)
        ox, oy = rng.normal(0, 0.3 * ppm, 2)
        for base in (45.0, 135.0):
            th = math.radians(base + rng.uniform(-16, 16))
            half = (
                side
                * scale
                / 2
                * rng.uniform(0.9, 1.1)
                / max(abs(math.cos(th)), abs(math.sin(th)), 0.7)
            )
            shift = rng.uniform(-0.15, 0.15) * half
            dx, dy = math.cos(th), math.sin(th)
            ax, ay = cx + ox + dx * (-half + shift), cy + oy + dy * (-half + shift)
            bx, by = cx + ox + dx * (half + shift), cy + oy + dy * (half + shift)
            paths.append(line_path(ax, ay, bx, by, rng, rng.uniform(0, 0.05)))
        p = pen(rng, ppm, faint=kind == "faint_cross")
        if kind == "circle_crossed":
            r = side * rng.uniform(0.3, 0.42)
            paths.append(ellipse_path(cx, cy, r, r, 0, rng.uniform(0, 6.3), 2.1 * math.pi, rng))
        strokes(img, paths, p, rng)
        return
    if kind == "check":
        vx, vy = cx + rng.uniform(-0.15, 0.05) * side, cy + rng.uniform(0.1, 0.3) * side
        a1 = math.radians(rng.uniform(200, 240))
        a2 = math.radians(rng.uniform(290, 320))
        l1, l2 = side * rng.uniform(0.25, 0.45), side * rng.uniform(0.55, 0.9)
        path = np.concatenate(
            [
                line_path(vx + l1 * math.cos(a1), vy + l1 * math.sin(a1), vx, vy, rng, 0.03),
                line_path(vx, vy, vx + l2 * math.cos(a2), vy + l2 * math.sin(a2), rng, 0.05),
            ]
        )
        strokes(img, [path], pen(rng, ppm), rng)
        return
    if kind == "fill":
        r = side * rng.uniform(0.33, 0.5)
        path = ellipse_path(
            cx, cy, r * rng.uniform(0.85, 1.15), r, rng.uniform(0, 3), 0, 2 * math.pi, rng, 0.06
        )
        strokes(img, [path], pen(rng, ppm), rng, filled=True)
        return
    if kind == "scribble":
        if rng.random() < 0.5:  # a scrawl: many random turns
            n = int(rng.integers(10, 18))
            pts = np.column_stack(
                [
                    rng.uniform(x0 + 0.12 * side, x1 - 0.12 * side, n),
                    rng.uniform(y0 + 0.12 * side, y1 - 0.12 * side, n),
                ]
            )
        else:  # crossing out: a zigzag back and forth
            n = int(rng.integers(6, 12))
            ang = rng.uniform(0, math.pi)
            u = np.array([math.cos(ang), math.sin(ang)])
            v = np.array([-u[1], u[0]])
            half = side * rng.uniform(0.25, 0.4)
            pts = np.array(
                [
                    [cx, cy]
                    + u * half * (1 if k % 2 else -1)
                    + v * half * (2 * k / (n - 1) - 1)
                    + rng.normal(0, 0.04 * side, 2)
                    for k in range(n)
                ]
            )
        strokes(img, [pts.astype(np.float64)], pen(rng, ppm), rng)
        return
    if kind == "dot":
        r = rng.uniform(0.45, 0.8) * ppm
        px, py = cx + rng.uniform(-0.25, 0.25) * side, cy + rng.uniform(-0.25, 0.25) * side
        path = ellipse_path(px, py, r, r * rng.uniform(0.8, 1.2), 0, 0, 2 * math.pi, rng, 0.05)
        strokes(img, [path], pen(rng, ppm), rng, filled=True)
        return
    raise ValueError(kind)


def write_name(img: Gray, box: tuple[float, float, float, float], ppm: float, rng: Rng) -> None:
    """Scrawl a hand-written-looking name (a few character-like stroke groups)."""
    x0, y0, x1, y1 = box
    h = (y1 - y0) * rng.uniform(0.5, 0.8)
    n = int(rng.integers(2, 4))
    cw = min(h, (x1 - x0) * 0.8 / n)
    start = (x0 + x1) / 2 - n * cw / 2
    cy = (y0 + y1) / 2
    p = pen(rng, ppm)
    for i in range(n):
        gx = start + i * cw
        paths = []
        for _ in range(int(rng.integers(3, 7))):
            ax, ay = gx + rng.uniform(0.1, 0.9) * cw, cy + rng.uniform(-0.45, 0.45) * h
            horizontal = rng.random() < 0.5
            bx = ax + (rng.uniform(0.3, 0.7) * cw if horizontal else rng.uniform(-0.1, 0.1) * cw)
            by = ay + (rng.uniform(-0.05, 0.05) * h if horizontal else rng.uniform(0.3, 0.6) * h)
            bx = min(max(bx, gx), gx + cw)
            by = min(max(by, cy - h / 2), cy + h / 2)
            paths.append(line_path(ax, ay, bx, by, rng, 0.03))
        strokes(img, paths, p, rng)


# In the column style a ○ in one box chooses it (the printed instruction); any other ink in a
# box — ×, ✓, a fill — is for a person to judge (a × in the 赞成 column may mean "no").
COLUMN_MARKS = frozenset({"circle", "circle_open", "oval", "circle_offcentre", "circle_small"})
COLUMN_UNCLEAR = frozenset(
    {"dot", "faint_circle", "faint_cross", "circle_crossed", "cross", "check", "fill", "scribble"}
)
COLUMN_EMPTY = frozenset({"empty", "dust", "stray"})
FAINT = frozenset({"faint_circle", "faint_cross"})


# --- the election and its printed sheets ----------------------------------------------------------

SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程"
)
GIVEN = ["建国", "丽", "明华", "军", "秀英", "伟", "芳", "志强", "敏", "海燕", "磊", "静", "永红"]


def definition(symbol_candidates: int = 30, column_candidates: int = 16) -> dict[str, Any]:
    def names(n: int, offset: int) -> list[dict[str, Any]]:
        out = []
        for j in range(n):
            i = j + offset
            out.append(
                {
                    "code": f"c{j + 1:02d}",
                    "name": SURNAMES[i % len(SURNAMES)]
                    + GIVEN[(i * 7) % len(GIVEN)]
                    + ("" if i < len(SURNAMES) else "一"),
                }
            )
        return out

    return {
        "election": {
            "name": "中国共产党基准区第六次代表大会",
            "date": "2026-07-28",
            "level": "local",
        },
        "units": [{"code": "U1", "name": "第一代表团"}],
        "people": [{"code": "P01", "name": "王测试", "unit": "U1"}],
        "contests": [
            {
                "code": "SYM",
                "title": "中国共产党基准区第六届委员会委员",
                "kind": "committee",
                "method": "competitive",
                "seats": symbol_candidates - 3,
                "ballot_style": "symbol",
                "writein_columns": 4,
                "candidates": names(symbol_candidates, 0),
            },
            {
                "code": "COL",
                "title": "中国共产党基准区纪律检查委员会委员",
                "kind": "discipline",
                "method": "competitive",
                "seats": column_candidates - 2,
                "ballot_style": "columns",
                "writein_columns": 2,
                "candidates": names(column_candidates, 7),
            },
        ],
    }


@dataclass(frozen=True)
class Template:
    """One printed sheet rendered by poppler: the page image and its layout."""

    contest: str
    gray: Gray
    layout: BallotLayout
    dpi: int

    @property
    def ppm(self) -> float:
        return self.dpi / 25.4


def make_election(folder: Path, symbol_candidates: int = 30, column_candidates: int = 16) -> Path:
    from huanjie_desktop.app.election import create_from_definition, validate_source

    path = folder / "corpus.huanjie"
    result = validate_source(definition(symbol_candidates, column_candidates), {})
    if result.definition is None:
        raise RuntimeError([p.message("en") for p in result.errors])
    create_from_definition(path, result.definition, "bench")
    return path


def render_pdf(pdf: Path, dpi: int) -> list[Gray]:
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(["pdftoppm", "-r", str(dpi), "-gray", str(pdf), f"{tmp}/p"], check=True)
        pages = sorted(Path(tmp).glob("p-*.pgm"))
        out = []
        for p in pages:
            img = cv2.imread(str(p), cv2.IMREAD_GRAYSCALE)
            if img is None:
                raise RuntimeError(f"cannot read {p}")
            out.append(np.ascontiguousarray(img, dtype=np.uint8))
        return out


def print_templates(
    election: Path, sheets: int = 4, dpi: int = 300, test: bool = False
) -> list[Template]:
    """Print ``sheets`` of each contest with the project and render them with poppler."""
    from huanjie_desktop.app.ballots import print_ballots
    from huanjie_desktop.storage.db import open_election_file

    out: list[Template] = []
    db = open_election_file(election, "bench")
    try:
        for contest in ("SYM", "COL"):
            pdf = election.with_name(f"{contest}{'-test' if test else ''}.pdf")
            res = print_ballots(db, contest, 1, sheets, pdf, test=test)
            out += [Template(contest, g, res.layout, dpi) for g in render_pdf(pdf, dpi)]
    finally:
        db.close()
    return out


# --- marking a sheet ---------------------------------------------------------------------------------


@dataclass
class Truth:
    """What was drawn on a page, target by target."""

    contest: str
    candidates: dict[str, str] = field(default_factory=dict)  # code → kind (symbol)
    columns: dict[str, dict[str, str]] = field(default_factory=dict)  # code → {box: kind}
    writeins: dict[int, dict[str, Any]] = field(default_factory=dict)  # column → name, kind
    scanner: dict[str, Any] = field(default_factory=dict)
    broad_pen: bool = False  # marked with a felt-tip or marker
    signed: bool = False  # a name written below the table (see `sign`)
    beside: str | None = None  # the candidate a mark was made beside the boxes of (`beside`)

    def to_json(self) -> dict[str, Any]:
        return {
            "contest": self.contest,
            "broad_pen": self.broad_pen,
            "signed": self.signed,
            "beside": self.beside,
            "candidates": self.candidates,
            "columns": self.columns,
            "writeins": {str(k): v for k, v in self.writeins.items()},
            "scanner": self.scanner,
        }


def _px(box: tuple[float, float, float, float], ppm: float) -> tuple[float, float, float, float]:
    return (box[0] * ppm, box[1] * ppm, box[2] * ppm, box[3] * ppm)


def _pick(rng: Rng, weights: dict[str, float]) -> str:
    kinds = list(weights)
    w = np.array([weights[k] for k in kinds], dtype=np.float64)
    return str(rng.choice(kinds, p=w / w.sum()))


def mark_sheet(t: Template, rng: Rng) -> tuple[Gray, Truth]:
    """A copy of the template with hand-like marks in every target, and the truth."""
    img = t.gray.copy()
    truth = Truth(t.contest)
    ppm = t.ppm
    lay = t.layout
    # (a broad pen on a share of sheets: chosen by a generator seeded apart, and drawing as
    # many numbers as a pen does, so every other sheet stays what it was)
    key = json.dumps(rng.bit_generator.state, sort_keys=True).encode()
    truth.broad_pen = bool(
        np.random.default_rng(zlib.crc32(key) ^ 0xF17).random() < BROAD_PEN_SHARE
    )
    _BROAD_PEN[:] = [True] if truth.broad_pen else []
    try:
        small = np.random.default_rng(zlib.crc32(key) ^ 0x5A11)
        _mark_targets(img, truth, lay, ppm, rng, small)
    finally:
        _BROAD_PEN.clear()
    sign(img, truth, lay, ppm, np.random.default_rng(zlib.crc32(key) ^ 0x5161))
    beside(img, truth, lay, ppm, np.random.default_rng(zlib.crc32(key) ^ 0xBE51))
    return img, truth


#: The share of ○ drawn small: a few millimetres across (`draw_kind`'s ``circle_small``).
SMALL_CIRCLE_SHARE = 0.3
#: The share of sheets a voter wrote a name on, below the table (an identifying mark).
SIGNED_SHARE = 0.03
#: The share of sheets with a mark beside a candidate's boxes (see `beside`).
BESIDE_SHARE = 0.04


def sign(img: Gray, truth: Truth, lay: BallotLayout, ppm: float, rng: Rng) -> None:
    """For a share of sheets (`SIGNED_SHARE`, drawn by ``rng``, a generator of their own): a
    name written somewhere in the paper the ballot leaves blank below its table."""
    blank = lay.extra.get("blank")
    if not blank or float(rng.random()) >= SIGNED_SHARE:
        return
    x0, y0, x1, y1 = blank
    w, h = float(rng.uniform(18, 40)), float(rng.uniform(7, min(14, y1 - y0)))
    bx, by = float(rng.uniform(x0, x1 - w)), float(rng.uniform(y0, y1 - h))
    write_name(img, _px((bx, by, bx + w, by + h), ppm), ppm, rng)
    truth.signed = True


def beside(img: Gray, truth: Truth, lay: BallotLayout, ppm: float, rng: Rng) -> None:
    """For a share of sheets (`BESIDE_SHARE`, drawn by ``rng``, a generator of their own): a
    mark made beside one candidate's boxes (`draw_beside`)."""
    cells = {k: c for k, c in (lay.extra.get("cells") or {}).items() if not c.get("writein")}
    if not cells or float(rng.random()) >= BESIDE_SHARE:
        return
    code = sorted(cells)[int(rng.integers(0, len(cells)))]
    kinds = (
        list(BESIDE_KINDS) if lay.style == "symbol" else ["ring_name", "cross_name", "strike_name"]
    )
    draw_beside(img, lay, code, kinds[int(rng.integers(0, len(kinds)))], ppm, rng)
    truth.beside = code


#: Marks voters make beside a candidate's boxes rather than in them.
BESIDE_KINDS = ("ring_name", "cross_name", "circle_beside", "strike_name")


def draw_beside(img: Gray, lay: BallotLayout, code: str, kind: str, ppm: float, rng: Rng) -> None:
    """A mark beside candidate ``code``'s boxes: ``ring_name`` a ○ round the printed name,
    ``cross_name`` a × over it (both reaching past it), ``strike_name`` a line struck through
    it (from a little short of its ends to a little past them), ``circle_beside`` (symbol
    style) a ○ drawn next to the box, clear of it, instead of in it."""
    nx0, ny0, nx1, ny1 = lay.extra["cells"][code]["print"][0]
    cx, cy = (nx0 + nx1) / 2, (ny0 + ny1) / 2
    p = pen(rng, ppm)
    if kind == "ring_name":
        rx = (nx1 - nx0) / 2 + float(rng.uniform(1.5, 3.0))
        ry = (ny1 - ny0) / 2 + float(rng.uniform(1.2, 2.2))
        paths = [
            ellipse_path(
                cx * ppm,
                cy * ppm,
                rx * ppm,
                ry * ppm,
                float(rng.uniform(-0.1, 0.1)),
                float(rng.uniform(0, 6.3)),
                2 * math.pi * float(rng.uniform(0.95, 1.1)),
                rng,
            )
        ]
    elif kind == "strike_name":
        over = (nx1 - nx0) / 2 + float(rng.uniform(-0.3, 2.0))
        tilt = float(rng.uniform(-0.8, 0.8))
        paths = [
            line_path(
                (cx - over) * ppm,
                (cy + tilt) * ppm,
                (cx + over) * ppm,
                (cy - tilt) * ppm,
                rng,
                float(rng.uniform(0.0, 0.03)),
            )
        ]
    elif kind == "cross_name":
        dx = (nx1 - nx0) / 2 + float(rng.uniform(1.5, 3.0))
        dy = (ny1 - ny0) / 2 + float(rng.uniform(1.0, 2.0))
        paths = [
            line_path((cx - dx) * ppm, (cy - dy) * ppm, (cx + dx) * ppm, (cy + dy) * ppm, rng),
            line_path((cx - dx) * ppm, (cy + dy) * ppm, (cx + dx) * ppm, (cy - dy) * ppm, rng),
        ]
    else:
        bx0, by0, bx1, by1 = next(c.boxes["mark"] for c in lay.candidates if c.code == code)
        cx0, _, cx1, _ = lay.extra["cells"][code]["cell"]
        # on the side with more room, within the cell (a ○ across the cell's border is
        # beside two candidates)
        side = 1.0 if cx1 - bx1 >= bx0 - cx0 else -1.0
        room = (cx1 - bx1 if side > 0 else bx0 - cx0) - 1.0
        r = min(float(rng.uniform(2.2, 3.2)), (room - 1.8) / 2)
        gap = min(float(rng.uniform(1.8, 2.8)), room - 2 * r)
        ox = (bx0 + bx1) / 2 + side * ((bx1 - bx0) / 2 + gap + r)
        paths = [
            ellipse_path(
                ox * ppm,
                (by0 + by1) / 2 * ppm,
                r * ppm,
                r * float(rng.uniform(0.85, 1.15)) * ppm,
                0.0,
                float(rng.uniform(0, 6.3)),
                2 * math.pi * float(rng.uniform(0.95, 1.1)),
                rng,
            )
        ]
    strokes(img, paths, p, rng)


def _mark_targets(
    img: Gray, truth: Truth, lay: BallotLayout, ppm: float, rng: Rng, small: Rng
) -> None:
    """Every target of the sheet marked. A share of the ○ (`SMALL_CIRCLE_SHARE`, chosen by
    ``small``, a generator of their own) are drawn small, with as many numbers drawn from
    ``rng``: every other mark stays what it was."""

    def sized(kind: str) -> str:
        return "circle_small" if kind == "circle" and small.random() < SMALL_CIRCLE_SHARE else kind

    for cand in lay.candidates:
        if lay.style == "symbol":
            kind = sized(_pick(rng, WEIGHTS))
            draw_kind(img, kind, _px(cand.boxes["mark"], ppm), ppm, rng)
            truth.candidates[cand.code] = kind
        else:
            kinds = dict.fromkeys(cand.boxes, "empty")
            r = rng.random()
            keys = list(cand.boxes)
            if r < 0.72:
                kinds[keys[int(rng.integers(0, len(keys)))]] = sized(
                    _pick(rng, {k: v for k, v in WEIGHTS.items() if k in COLUMN_MARKS})
                )
            elif r < 0.76:
                a, b = rng.choice(len(keys), 2, replace=False)
                kinds[keys[int(a)]] = "circle"
                kinds[keys[int(b)]] = _pick(rng, {"circle": 1, "cross": 1, "check": 1})
            elif r < 0.88:
                kinds[keys[int(rng.integers(0, len(keys)))]] = _pick(
                    rng, {k: v for k, v in WEIGHTS.items() if k in COLUMN_UNCLEAR}
                )
            elif r < 0.94:
                kinds[keys[int(rng.integers(0, len(keys)))]] = _pick(rng, {"dust": 1, "stray": 1})
            for k, kind in kinds.items():
                draw_kind(img, kind, _px(cand.boxes[k], ppm), ppm, rng)
            truth.columns[cand.code] = kinds
    for w in lay.writeins:
        named = bool(rng.random() < 0.2)
        if named:
            write_name(img, _px(w.name_box, ppm), ppm, rng)
        box_key = "mark" if "mark" in w.boxes else "agree"
        kind = (
            _pick(rng, {"circle": 6, "empty": 10, "cross": 1})
            if named
            else _pick(rng, {"empty": 20, "circle": 1, "dust": 2})
        )
        draw_kind(img, kind, _px(w.boxes[box_key], ppm), ppm, rng)
        truth.writeins[w.column] = {"name": named, "kind": kind}


def expected_symbol(kind: str) -> str:
    return EXPECT[kind]


def expected_column(kinds: dict[str, str]) -> str:
    """The truth of one column-style row: the chosen box, abstain, or unclear."""
    if any(k in COLUMN_UNCLEAR for k in kinds.values()):
        return "unclear"
    marked = [box for box, k in kinds.items() if k in COLUMN_MARKS]
    if len(marked) > 1:
        return "unclear"
    return marked[0] if marked else "abstain"


# --- the scanner --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Scanned:
    data: bytes
    ext: str
    meta: dict[str, Any]


#: Share of (not mild) scans with a corner torn off: such a page is read exactly or refused.
TORN_SHARE = 0.04
#: Shares of (not mild, grey) scans lit unevenly (a shadow over part of the sheet, or one
#: side dimmer) and faded (print squeezed into a narrow range of grey, as a worn copy).
UNEVEN_SHARE = 0.06
FADED_SHARE = 0.04
#: Share of (not mild) scans of a sheet turned in a scan window the paper's size.
TIGHT_SHARE = 0.04
#: Share of (not mild) scans with a scanner streak down or across the whole image.
STREAK_SHARE = 0.05
#: Share of (not mild) scans of a sheet bent in the feeder or curled on the glass.
BENT_SHARE = 0.04
#: Share of (not mild) scans of a ballot folded in four, scanned not quite flat.
FOLDED_SHARE = 0.05
#: Share of (not mild) scans made in colour: tinted paper, a pen of some colour (BGR).
COLOUR_SHARE = 0.06
PAPERS = [
    (248, 250, 250),  # white
    (205, 240, 250),  # cream
    (150, 230, 250),  # yellow
    (228, 222, 252),  # pink
    (215, 245, 225),  # light green
    (245, 230, 210),  # light blue
    (205, 210, 210),  # recycled grey
]
PENS = [
    (25, 25, 25),  # black
    (140, 50, 25),  # blue ballpoint
    (200, 95, 60),  # light blue
    (40, 30, 200),  # red
    (60, 50, 225),  # red gel
    (180, 40, 120),  # violet gel
]


#: The faint kinds on a colour scan: neutral, as dark as they are on a grey one (how much
#: light they take is already their faintness).
GRAPHITE = (8, 8, 8)


def coloured(
    marked: Gray, clean: Gray, rng: Rng, ppm: float
) -> tuple[NDArray[np.uint8], list[int]] | None:
    """For a share of scans (`COLOUR_SHARE`): the marked sheet in colour — printed in black
    on tinted paper, marked with a pen of some colour (each pixel's ink taken from how much
    darker ``marked`` is than the ``clean`` print there; the faint kinds in a pencil's grey). None for the other scans. Drawn from
    a generator seeded by the page's own (``rng``, left as it is), so every other page stays
    what it was."""
    key = json.dumps(rng.bit_generator.state, sort_keys=True).encode()
    r = np.random.default_rng(zlib.crc32(key) ^ 0xC010)
    if float(r.random()) >= COLOUR_SHARE:
        return None
    paper = PAPERS[int(r.integers(0, len(PAPERS)))]
    pen = PENS[int(r.integers(0, len(PENS)))]
    c = clean.astype(np.float32)
    taken = np.clip((c - marked.astype(np.float32)) / np.maximum(c, 1.0), 0.0, 1.0)
    # The pen's strokes are those that take most of the light somewhere (and their soft
    # edges); the faint kinds are a pencil's neutral grey, as on a grey scan.
    side = max(3, round(ppm) | 1)
    strong = cv2.dilate((taken > 0.5).astype(np.uint8), np.ones((side, side), np.uint8)) > 0
    out = np.stack(
        [
            c
            * (paper[k] / 255)
            * (1 - taken * (1 - np.where(strong, pen[k], GRAPHITE[k]).astype(np.float32) / 255))
            for k in range(3)
        ],
        axis=2,
    )
    return np.clip(out + 0.5, 0, 255).astype(np.uint8), [*paper, *pen]


def light_and_fade(out: Gray, ppm: float, meta: dict[str, Any]) -> Gray:
    """Uneven light or fading for a share of grey scans (`UNEVEN_SHARE`, `FADED_SHARE`).

    Drawn from a generator seeded by the scan's own settings (``meta``), not from the page's
    stream, so every other page of a corpus stays what it was before these were added."""
    r = np.random.default_rng(zlib.crc32(json.dumps(meta, sort_keys=True).encode()))
    u = float(r.random())
    h, w = out.shape
    if u < UNEVEN_SHARE:
        level = float(r.uniform(0.5, 0.85))
        along_x = bool(r.random() < 0.5)
        n = w if along_x else h
        pos = np.arange(n, dtype=np.float32)
        if r.random() < 0.5:  # a shadow over part of the sheet, its edge soft or sharp
            edge = float(r.uniform(0.3, 0.7)) * n
            soft = float(r.uniform(2, 30)) * ppm / 4
            light = 1 - (1 - level) / (1 + np.exp(np.clip(-(pos - edge) / soft, -60, 60)))
            meta["shadow"] = round(level, 2)
        else:  # one side dimmer
            light = 1 - (1 - level) * pos / max(1, n - 1)
            meta["dim_side"] = round(level, 2)
        if r.random() < 0.5:
            light = light[::-1]
        gain = light[None, :] if along_x else light[:, None]
        lit: Gray = np.clip(out.astype(np.float32) * gain, 0, 255).astype(np.uint8)
        return lit
    if u < UNEVEN_SHARE + FADED_SHARE:
        lo, hi = float(r.uniform(70, 120)), float(r.uniform(225, 248))
        meta["faded"] = [round(lo), round(hi)]
        return (lo + out.astype(np.float32) * ((hi - lo) / 255)).astype(np.uint8)
    return out


def streak(out: Gray, meta: dict[str, Any]) -> Gray:
    """For a share of scans (`STREAK_SHARE`): a line the scanner draws down the whole image
    (dust on a feeder's glass; one in five across it, a feed hiccup), 1–3 px, grey to black.
    Drawn from a generator seeded by the scan's own settings, so every other page stays what
    it was."""
    r = np.random.default_rng(zlib.crc32(json.dumps(meta, sort_keys=True).encode()) ^ 0x5EED)
    if float(r.random()) >= STREAK_SHARE:
        return out
    out = np.array(out, dtype=np.uint8, copy=True)
    width, grey = int(r.integers(1, 4)), int(r.uniform(20, 150))
    vertical = bool(r.random() < 0.8)
    n = out.shape[1] if vertical else out.shape[0]
    at = int(r.uniform(0.1, 0.9) * n)
    if vertical:
        out[:, at : at + width] = np.minimum(out[:, at : at + width], grey)
    else:
        out[at : at + width, :] = np.minimum(out[at : at + width, :], grey)
    meta["streak"] = ["column" if vertical else "row", at, width, grey]
    return out


def tight_window(angle: float, scale: float, shift: list[float], blur: float) -> float | None:
    """For a share of scans (`TIGHT_SHARE`): the sheet turned 3.5–6.5° in the feeder of a
    scanner whose window is the paper's size, so that corners (and their squares, sometimes
    the code) fall outside the image; the angle, or None. Drawn from a generator seeded by
    the scan's own settings, so every other page stays what it was."""
    key = json.dumps([round(angle, 6), round(scale, 6), [round(v, 3) for v in shift], blur])
    r = np.random.default_rng(zlib.crc32(key.encode()))
    if float(r.random()) >= TIGHT_SHARE:
        return None
    return float(r.uniform(3.5, 6.5)) * (1.0 if angle >= 0 else -1.0)


def fold_in_four(work: Any, ppm: float, key: str) -> tuple[Any, list[Any] | None]:
    """For a share of scans (`FOLDED_SHARE`): the ballot folded in four for the ballot box
    and scanned not quite flat — across and down the sheet near its middle a crease line
    (10-30 % darker at its middle, 0.25 mm) with a shadow on one side of the ridge (5-30 %
    darker at the crease, fading over 3-5 mm) and a little light on the other. The page and
    what was done, or None. Drawn from a generator seeded by the scan's own settings
    (``key``), so every other page stays what it was."""
    r = np.random.default_rng(zlib.crc32(key.encode()) ^ 0xF01D)
    if float(r.random()) >= FOLDED_SHARE:
        return work, None
    h, w = work.shape[:2]
    crease, shadow = float(r.uniform(0.1, 0.3)), float(r.uniform(0.05, 0.3))
    fade = float(r.uniform(3.0, 5.0)) * ppm
    at = (float(r.uniform(0.4, 0.6)) * w, float(r.uniform(0.4, 0.6)) * h)
    sides = (1.0 if r.random() < 0.5 else -1.0, 1.0 if r.random() < 0.5 else -1.0)

    def profile(d: NDArray[np.float32], side: float) -> NDArray[np.float32]:
        d = d * np.float32(side)
        shade = np.where(d < 0, -shadow * np.exp(d / fade), 0.35 * shadow * np.exp(-d / fade))
        out: NDArray[np.float32] = (shade - crease * np.exp(-0.5 * (d / (0.25 * ppm)) ** 2)).astype(
            np.float32
        )
        return out

    xs = profile(np.arange(w, dtype=np.float32) - np.float32(at[0]), sides[0])
    ys = profile(np.arange(h, dtype=np.float32) - np.float32(at[1]), sides[1])
    light = np.clip(1 + ys[:, None] + xs[None, :], 0.2, 1.25)
    if work.ndim == 3:
        light = light[:, :, None]
    out = np.clip(work.astype(np.float32) * light, 0, 255).astype(np.uint8)
    return out, [round(crease, 2), round(shadow, 2)]


def bend(work: Gray, ppm: float, key: str) -> tuple[Gray, list[Any] | None]:
    """For a share of scans (`BENT_SHARE`): the sheet bent in the feeder or not flat on the
    glass — its middle displaced 0.8–2 mm down the page (the rollers' speed varied) or across
    it (curled), or everything below a line slipped 0.5–1.5 mm within a few millimetres. The
    page and what was done, or None. Drawn from a generator seeded by the scan's own settings
    (``key``), so every other page stays what it was."""
    r = np.random.default_rng(zlib.crc32(key.encode()) ^ 0xBE7D)
    if float(r.random()) >= BENT_SHARE:
        return work, None
    h, w = work.shape[:2]
    kind = str(r.choice(["bulge", "curl", "slip"]))
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    if kind == "slip":
        mm = float(r.uniform(0.5, 1.5)) * (1 if r.random() < 0.5 else -1)
        at, soft = float(r.uniform(0.3, 0.7)) * h, float(r.uniform(1.5, 5.0)) * ppm
        yy -= np.float32(mm * ppm) / (1 + np.exp(np.clip((at - yy) / soft, -60, 60)))
    else:
        mm = float(r.uniform(0.8, 2.0)) * (1 if r.random() < 0.5 else -1)
        if kind == "bulge":
            yy -= np.float32(mm * ppm) * np.sin(np.float32(np.pi) * yy / h)
        else:
            xx -= np.float32(mm * ppm) * np.sin(np.float32(np.pi) * xx / w)
    out = cv2.remap(work, xx, yy, cv2.INTER_LINEAR, borderMode=cv2.BORDER_REPLICATE)
    return np.asarray(out, dtype=np.uint8), [kind, round(mm, 2)]


def scan(
    img: Gray, dpi: int, rng: Rng, *, mild: bool = False, clean: Gray | None = None
) -> Scanned:
    """Simulate a document scanner on a rendered page (``dpi``): returns the encoded file.

    ``mild``: a good scanner (small skew and shift, grey, JPEG q85, same resolution).
    ``clean``: the sheet as printed, before it was marked (a share of scans is then made in
    colour, see `coloured`).
    """
    ppm = dpi / 25.4
    meta: dict[str, Any] = {}
    work: Any = img
    colour = coloured(img, clean, rng, ppm) if clean is not None and not mild else None
    if colour is not None:
        work, meta["colour"] = colour
    fill: Any = (255, 255, 255) if colour is not None else 255
    if not mild and rng.random() < TORN_SHARE:  # a corner torn off, with its square, or part of it
        work = np.array(work, dtype=np.uint8, copy=True)
        h, w = work.shape[:2]
        leg = round(float(rng.uniform(12, 24)) * ppm)
        corner = int(rng.integers(0, 4))
        cx, cy = (0 if corner in (0, 3) else w - 1), (0 if corner in (0, 1) else h - 1)
        sx, sy = (1 if cx == 0 else -1), (1 if cy == 0 else -1)
        tri = np.array([[cx, cy], [cx + sx * leg, cy], [cx, cy + sy * leg]], dtype=np.int32)
        cv2.fillConvexPoly(work, tri, fill)
        meta["torn"] = corner
    if not mild and rng.random() < 0.2:
        tint = float(rng.uniform(0.8, 0.95))
        work = cv2.convertScaleAbs(work, alpha=tint)
        meta["tint"] = round(tint, 3)
    if not mild and rng.random() < 0.15:  # a fold in the paper: a faint line across the sheet
        work = np.array(work, dtype=np.uint8, copy=True)
        grey = int(rng.uniform(150, 215))
        thick = max(1, round(float(rng.uniform(0.1, 0.25)) * ppm))
        line: Any = (grey, grey, grey) if colour is not None else grey
        if rng.random() < 0.5:
            y = int(rng.uniform(0.2, 0.8) * work.shape[0])
            cv2.line(work, (0, y), (work.shape[1], y + int(rng.uniform(-3, 3))), line, thick)
        else:
            x = int(rng.uniform(0.2, 0.8) * work.shape[1])
            cv2.line(work, (x, 0), (x + int(rng.uniform(-3, 3)), work.shape[0]), line, thick)
        meta["fold"] = grey
    target = int(rng.choice([300, 300, 200, 200, 150, 400])) if not mild else dpi
    f = target / dpi
    # Optics first (blur at the paper), then sampling at the scanner's resolution.
    blur = float(rng.uniform(0.3, 1.1)) if not mild else 0.5
    sigma = blur / f
    work = cv2.GaussianBlur(work, (0, 0), sigma)
    pad = round(20 * ppm) if not mild else 0  # a good scanner: the paper's size
    bg = (
        int(rng.uniform(30, 60))
        if (not mild and rng.random() < 0.1)
        else int(rng.uniform(235, 255))
    )
    angle = float(rng.uniform(-4, 4)) if not mild else float(rng.uniform(-0.5, 0.5))
    scale = float(rng.uniform(0.96, 1.04)) if not mild else 1.0
    shift = rng.uniform(-10, 10, 2) * ppm if not mild else rng.uniform(-1, 1, 2) * ppm
    if not mild:
        tight = tight_window(angle, float(scale), [float(v) for v in shift], blur)
        if tight is not None:  # the sheet turned in a window the paper's size
            pad, angle, scale, shift = 0, tight, 1.0, shift * 0.2
            meta["tight_window"] = round(angle, 2)
        else:
            key = [round(angle, 6), round(float(scale), 6), [round(float(v), 3) for v in shift]]
            work, bent = bend(work, ppm, json.dumps([*key, blur]))
            if bent is not None:
                meta["bent"] = bent
            work, folded = fold_in_four(work, ppm, json.dumps([*key, blur, "fold"]))
            if folded is not None:
                meta["folded"] = folded
    h, w = work.shape[:2]
    ph, pw = h + 2 * pad, w + 2 * pad
    m = np.asarray(cv2.getRotationMatrix2D((pw / 2, ph / 2), angle, scale), dtype=np.float64)
    m[:, 2] += shift
    m3 = np.vstack([m, [0, 0, 1]]) @ np.array(
        [[1, 0, pad], [0, 1, pad], [0, 0, 1]], dtype=np.float64
    )
    if not mild and rng.random() < 0.3:
        src = np.array([[0, 0], [pw, 0], [pw, ph], [0, ph]], dtype=np.float32)
        dst = src + rng.uniform(-0.004, 0.004, (4, 2)).astype(np.float32) * np.array(
            [pw, ph], dtype=np.float32
        )
        m3 = np.asarray(cv2.getPerspectiveTransform(src, dst), dtype=np.float64) @ m3
        meta["perspective"] = True
    m3 = np.diag([f, f, 1.0]) @ m3
    out = cv2.warpPerspective(
        work,
        m3,
        (round(pw * f), round(ph * f)),
        flags=cv2.INTER_LINEAR,
        borderMode=cv2.BORDER_CONSTANT,
        borderValue=(bg, bg, bg) if colour is not None else bg,
    )
    meta.update({"angle": round(angle, 2), "scale": round(scale, 3), "dpi": target})
    turn = int(rng.choice([0, 0, 0, 0, 0, 1, 2, 2, 3])) if not mild else 0
    if turn:
        out = np.ascontiguousarray(np.rot90(out, turn))
        meta["turned"] = 90 * turn
    tppm = target / 25.4
    noise = float(rng.uniform(0, 6)) if not mild else 2.0
    if noise > 0.5:
        n16 = np.asarray(rng.standard_normal(out.shape, dtype=np.float32) * noise, dtype=np.int16)
        out = np.clip(out.astype(np.int16) + n16, 0, 255).astype(np.uint8)
    if not mild:
        for _ in range(int(rng.integers(0, 40))):  # dust specks
            x, y = int(rng.integers(0, out.shape[1])), int(rng.integers(0, out.shape[0]))
            r = max(1, round(float(rng.uniform(0.04, 0.12)) * tppm))
            v = int(rng.uniform(0, 80))
            cv2.circle(out, (x, y), r, (v, v, v) if colour is not None else v, -1)
    meta.update({"blur": round(blur, 2), "noise": round(noise, 1)})
    if not mild:
        out = streak(out, meta)
    if not mild and rng.random() < 0.15 and colour is None:
        thr = float(rng.uniform(130, 170))
        bw = np.where(out > thr, 255, 0).astype(np.uint8)
        meta["bilevel"] = round(thr)
        if rng.random() < 0.5:
            return Scanned(_g4(bw), "tif", meta)
        _ok, enc = cv2.imencode(".png", bw)
        return Scanned(bytes(enc.tobytes()), "png", meta)
    pick = float(rng.random())
    if not mild and colour is None:
        out = light_and_fade(out, tppm, meta)
    if mild or pick < 0.75:
        q = int(rng.integers(50, 91)) if not mild else 85
        _ok, enc = cv2.imencode(".jpg", out, [cv2.IMWRITE_JPEG_QUALITY, q])
        meta["jpeg"] = q
        return Scanned(bytes(enc.tobytes()), "jpg", meta)
    if pick < 0.9:
        _ok, enc = cv2.imencode(".png", out, [cv2.IMWRITE_PNG_COMPRESSION, 1])
        return Scanned(bytes(enc.tobytes()), "png", meta)
    _ok, enc = cv2.imencode(".tif", out)
    return Scanned(bytes(enc.tobytes()), "tif", meta)


def _g4(bw: Gray) -> bytes:
    """A bilevel CCITT G4 TIFF, as office scanners write in black-and-white mode."""
    from PIL import Image

    buf = io.BytesIO()
    Image.fromarray(bw > 0).save(buf, format="TIFF", compression="group4")
    return buf.getvalue()


# --- a corpus on disk ----------------------------------------------------------------------------------


def generate(out: Path, pages: int, seed: int = 1, dpi: int = 300) -> Iterator[tuple[Path, Truth]]:
    """Write ``pages`` marked, scanned pages (and the election file they belong to)."""
    out.mkdir(parents=True, exist_ok=True)
    election = make_election(out)
    templates = print_templates(election, 3, dpi)
    rng = np.random.default_rng(seed)
    for i in range(pages):
        t = templates[i % len(templates)]
        img, truth = mark_sheet(t, rng)
        s = scan(img, dpi, rng)
        truth.scanner = s.meta
        path = out / f"page{i:05d}.{s.ext}"
        path.write_bytes(s.data)
        yield path, truth


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m bench.corpus", description=__doc__.splitlines()[0])
    ap.add_argument("out", type=Path, help="an empty folder (the election file is kept there)")
    ap.add_argument("--pages", type=int, default=20)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--dpi", type=int, default=300, help="rendering resolution of the sheets")
    a = ap.parse_args(argv)
    if (a.out / "corpus.huanjie").exists():
        print(f"{a.out} already holds a corpus; choose an empty folder", file=sys.stderr)
        return 2
    a.out.mkdir(parents=True, exist_ok=True)
    with (a.out / "truth.jsonl").open("w", encoding="utf-8") as f:
        for path, truth in generate(a.out, a.pages, a.seed, a.dpi):
            f.write(json.dumps({"file": path.name, **truth.to_json()}, ensure_ascii=False) + "\n")
    print(f"{a.pages} pages in {a.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
