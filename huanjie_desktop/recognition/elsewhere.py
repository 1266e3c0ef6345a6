"""Writing elsewhere on a ballot (选票空白处的字迹): a name, a number, a signature; and marks
made beside the boxes (标记不在方格内: a ○ round a name, a × over it, a ○ next to a box —
`beside_boxes`).

rules.md: a ballot carrying numbering or identifying marks is void, and that is the
scrutineer's decision. A reader that looks only at the boxes would count a sheet signed below
its table without anyone seeing it; so the paper the ballot leaves blank below its table
(``layout.extra["blank"]``, mm, see `reports.ballot_pdf._blank_below`; a strip of it too low for
that, under a table reaching nearly to the foot, is among the ``blanks``) is looked at once, at a
coarse resolution, and pen writing there holds the sheet for a person, the place recorded.

What is writing: ink as dark as a pen's against the paper around it (a shadow, a gradient or a
fold's darkening is the paper's own level, taken out by a closing of the grey image), in
strokes (not a blot, a coffee drop, a punch hole: those are solid far from their edge),
together at least a few mm² of ink in pieces each at least a couple of mm long (toner specks
and dust are smaller). A straight line running a long way (a scanner's streak, a crease, a
hard shadow's edge) is not writing.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Callable, Sequence
from typing import Any, cast

import cv2
import numpy as np
from numpy.typing import NDArray

from huanjie_desktop.domain.layout import Box
from huanjie_desktop.recognition.config import RecognitionConfig
from huanjie_desktop.recognition.marks import (
    along_page_sides,
    fitted_line,
    mosaic,
    sample,
    sample_many,
    unmosaic,
)

Gray = NDArray[np.uint8]
Rect = tuple[float, float, float, float]  # x0, y0, x1, y1

#: How far apart (mm) the two sides of a ○ drawn across a low region lie (`_find_at`): a ○
#: drawn in a box or a little larger, up to one of a row's height; and how low the region
#: (mm): across more than this a ○'s side bows more than a crease.
RING_SIDES_MM = (3.0, 14.0)
RING_SIDES_SPAN_MM = 6.0
_SQUARE3 = np.ones((3, 3), np.uint8)


def find(
    gray: Gray,
    hmat: NDArray[np.float64],
    blank: Box,
    black: float,
    cfg: RecognitionConfig,
    printed: Sequence[Box] = (),
) -> dict[str, Any] | None:
    """Pen writing in the ``blank`` region (mm) of the page ``gray`` (``hmat``: mm → px);
    None when there is none. ``black``: the print's darkness on this page (0–1);
    ``printed``: what is printed in the region (mm; a table heading's words), looked past.

    Looked for as dark as a pen's stroke (strong_rel of the print's black), then as pale as
    pencil (``elsewhere_rel``): at a pen's level a fingerprint's ridges stay apart (strokes);
    at pencil's they may run together into a blot, which is no writing.

    Found: its ink (mm²), its pieces, their extent (mm) and where they lie (a box in mm)."""
    pale = max(cfg.elsewhere_min_darkness, cfg.elsewhere_rel * black)
    strong = max(pale, cfg.strong_rel * black)
    s = cfg.elsewhere_px_per_mm
    x0, y0, x1, y1 = blank
    # Most sheets carry nothing there: their darkest pixel in the region is paper (judged
    # against its lightest, which no paper level around a pixel exceeds) — done.
    corners = np.array([[x0, y0, 1.0], [x1, y0, 1.0], [x1, y1, 1.0], [x0, y1, 1.0]]) @ hmat.T
    px = corners[:, :2] / corners[:, 2:]
    h, w = gray.shape
    cx0, cy0 = (max(0, int(v)) for v in px.min(axis=0))
    cx1, cy1 = min(w, int(px[:, 0].max()) + 1), min(h, int(px[:, 1].max()) + 1)
    if cx1 - cx0 < 2 or cy1 - cy0 < 2:
        return None
    inside = np.zeros((cy1 - cy0, cx1 - cx0), np.uint8)  # the region, turned as the page is
    cv2.fillConvexPoly(inside, np.round(px - (cx0, cy0)).astype(np.int32), 1)
    lo, hi, _, _ = cv2.minMaxLoc(gray[cy0:cy1, cx0:cx1], inside)
    if lo > hi * (1.0 - pale):
        return None
    # (sampled twice as finely, then reduced: resampling a finer scan at this coarse step
    # may fall beside a thin pen stroke and pale it into the paper)
    patch = _darkest_of(sample(gray, hmat, x0, y0, x1 - x0, y1 - y0, 2 * s), 2)
    if printed:
        # (the printed words, grown by a stroke's blur, are paper here: a ○ drawn round a
        # heading lies outside them, writing over them runs out of them)
        patch = patch.copy()
        light = int(patch.max())
        g = 0.8  # mm: the words' blur and what the map may be off by
        for b in printed:
            px0, py0 = max(0, round((b[0] - g - x0) * s)), max(0, round((b[1] - g - y0) * s))
            px1, py1 = round((b[2] + g - x0) * s), round((b[3] + g - y0) * s)
            patch[py0:py1, px0:px1] = light
    # The paper's own level around each pixel: a closing wider than a pen's stroke.
    k = max(3, round(cfg.elsewhere_paper_mm * s) | 1)
    paper = cast(Gray, cv2.dilate(patch, cv2.getStructuringElement(cv2.MORPH_RECT, (k, k))))
    found = None
    runs_on = _runs_on_beyond(gray, hmat, blank, cfg)
    if lo <= hi * (1.0 - strong):
        found = _find_at(patch, paper, blank, strong, cfg, runs_on=runs_on)
    if found is None and pale < strong:
        found = _find_at(patch, paper, blank, pale, cfg, pale=True, runs_on=runs_on)
    return found


def ink_across(
    gray: Gray,
    hmat: NDArray[np.float64],
    strip: Box,
    down: bool,
    black: float,
    cfg: RecognitionConfig,
) -> bool:
    """Does ink run unbroken across the paper ``strip`` (mm) from one of its sides to the
    other — left to right, or top to bottom (``down``)? The gap between a
    margin and the blank paper beside it: a seal stamped there, looked at already where it
    begins, crosses it; a name written in the margin close to its inner side leaves it
    empty. Ink at pencil's level (`find`), joined across a millimetre's break (a stamp's
    grain)."""
    pale = max(cfg.elsewhere_min_darkness, cfg.elsewhere_rel * black)
    s = cfg.elsewhere_px_per_mm
    grow = cfg.elsewhere_paper_mm / 2  # (the paper's level is judged round the strip too)
    x0, y0, x1, y1 = strip
    patch = _darkest_of(
        sample(gray, hmat, x0 - grow, y0 - grow, x1 - x0 + 2 * grow, y1 - y0 + 2 * grow, 2 * s), 2
    )
    k = max(3, round(cfg.elsewhere_paper_mm * s) | 1)
    paper = cv2.dilate(patch, cv2.getStructuringElement(cv2.MORPH_RECT, (k, k)))
    dark = np.float32(1.0) - np.divide(patch, np.maximum(paper, 1), dtype=np.float32)
    g = round(grow * s)
    inner = dark[g : g + round((y1 - y0) * s), g : g + round((x1 - x0) * s)]
    if inner.size == 0:
        return False
    ink = (inner >= pale).astype(np.uint8)
    if down:
        ink = np.ascontiguousarray(ink.T)
    ink = cast(Gray, cv2.dilate(ink, _SQUARE3))
    n, labels = cv2.connectedComponents(ink, connectivity=8)
    if n <= 1:
        return False
    ends = max(1, round(0.5 * s))  # (px: within half a millimetre of either side)
    first = set(np.unique(labels[:, :ends])) - {0}
    last = set(np.unique(labels[:, -ends:])) - {0}
    return bool(first & last)


#: Does a straight line found in a region (direction and a point on it, in the region's
#: px at ``elsewhere_px_per_mm``) run on past the region, dark at a level (0–1)?
RunsOn = Callable[[tuple[float, float, float, float], float], bool]


def _runs_on_beyond(
    gray: Gray, hmat: NDArray[np.float64], blank: Box, cfg: RecognitionConfig
) -> RunsOn:
    """`RunsOn` for the region ``blank`` of the page ``gray``: the line looked along on the
    page itself, ``elsewhere_line_mm`` either way from the middle of what was found. A
    scanner's streak or a fold's crease runs on past the region (a streak across the
    whole scan, clipping the region's corner on a sheet fed askew, shows there only a few
    mm: no writing); a stroke of a pen ends."""
    s = cfg.elsewhere_px_per_mm
    tilt = math.sin(math.radians(4.0))  # (as `_across` follows lines: along the sides)
    reach = cfg.elsewhere_line_mm

    def runs_on(line: tuple[float, float, float, float], level: float) -> bool:
        vx, vy, cx, cy = line
        if abs(vx) > tilt and abs(vy) > tilt:
            return False
        mx, my = blank[0] + cx / s, blank[1] + cy / s
        side = reach * tilt + 2.0  # (mm across the line each way: its tilt over the reach)
        if abs(vx) <= tilt:
            x0, y0, w, h = mx - side, my - reach, 2 * side, 2 * reach
        else:
            x0, y0, w, h = mx - reach, my - side, 2 * reach, 2 * side
        strip = _darkest_of(sample(gray, hmat, x0, y0, w, h, 2 * s), 2)
        k = max(3, round(cfg.elsewhere_paper_mm * s) | 1)
        paper = cv2.dilate(strip, cv2.getStructuringElement(cv2.MORPH_RECT, (k, k)))
        dark = np.float32(1.0) - np.divide(strip, np.maximum(paper, 1), dtype=np.float32)
        at = (vx, vy, (mx - x0) * s, (my - y0) * s)
        return _across(at, dark, cfg.elsewhere_crease_darkness * level) >= (
            cfg.elsewhere_crease_share
        )

    return runs_on


def _straight_band(mask: NDArray[np.bool_], axis: int, s: float) -> bool:
    """Does this piece run straight (a crease, a streak, with its shadow): its middle across
    (``axis`` 1: each row's mean column; 0: each column's mean row) moving by no more than
    0.6 mm along it? An arc of a ○ bows more.

    A few rows where it is much wider than along the rest are looked past: a fainter line
    across it (a scanner's streak along a narrow strip of paper, pale but where the two meet)
    joins it there and would bend its middle — up to a fifth of its length."""
    counts = mask.sum(axis=axis)
    along = np.flatnonzero(counts)
    if along.size < 2:
        return True
    idx = np.arange(mask.shape[axis], dtype=np.float64)
    weights = mask.astype(np.float64)
    means = (weights @ idx if axis == 1 else idx @ weights)[along] / counts[along]
    wide = counts[along] > 2 * float(np.median(counts[along])) + 1
    if np.count_nonzero(wide) <= 0.2 * along.size:
        means = means[~wide]
    return float(np.ptp(means)) <= 0.6 * s


def _drop_rim(mask: NDArray[np.bool_], patch: Gray, paper: Gray) -> bool:
    """Is this piece a dried drop's rim: a ring round a tinted middle (a written 口 or
    ○ holds paper)?"""
    h, w = mask.shape
    if h < 3 or w < 3:
        return False
    filled = np.zeros((h + 2, w + 2), np.uint8)
    filled[1:-1, 1:-1] = mask
    outside = filled.copy()
    cv2.floodFill(outside, None, (0, 0), 1)
    hole = (outside[1:-1, 1:-1] == 0) & ~mask
    if np.count_nonzero(hole) < 0.3 * h * w:
        return False
    tint = 1.0 - patch[hole].astype(np.float32) / np.maximum(paper[hole], 1).astype(np.float32)
    return float(np.median(tint)) >= 0.08


def _find_at(
    patch: Gray,
    paper: Gray,
    blank: Box,
    level: float,
    cfg: RecognitionConfig,
    pale: bool = False,
    runs_on: RunsOn | None = None,
) -> dict[str, Any] | None:
    """`find` in the region's picture ``patch`` (``paper``: the paper's level around each
    pixel) with ink at least ``level`` darker than the paper around it; ``pale``: at
    pencil's level, where a dried drop's rim is ink too (and is no writing). ``runs_on``:
    does a straight line found run on past the region (then it is the paper's)?"""
    s = cfg.elsewhere_px_per_mm
    x0, y0, _, _ = blank
    # darkness = (paper - px) / paper ≥ level  ⇔  px ≤ paper · (1 - level)
    limit = (paper.astype(np.float32) * np.float32(1.0 - level)).astype(np.int16)
    ink = (patch.astype(np.int16) <= limit).view(np.uint8)
    if not ink.any():
        return None
    # Long lines along the page's sides (creases, a scanner's streaks, shadows' edges) go
    # first, so writing they cross is judged without them; tilted a little they still go.
    # (the picture is the region: a line is as long within it — writing run together up to
    # its edge, a name signed across its corner, is not taken to run on beyond it)
    line_min = cfg.elsewhere_line_mm * s
    lines = _long_lines(ink, max(3, round(line_min)))
    # (what is left within a couple of mm of them — where two creases' shadows meet — is
    # theirs, unless it reaches further: writing a crease runs through)
    by_line: Gray | None = None
    if lines.any():
        ink &= 1 - lines
        r = max(1, round(cfg.elsewhere_line_reach_mm * s))
        by_line = cast(Gray, cv2.dilate(lines, np.ones((2 * r + 1, 2 * r + 1), np.uint8)))
    n, labels, stats, centres = cv2.connectedComponentsWithStats(ink, connectivity=8)
    px_mm2 = 1.0 / (s * s)
    piece_min = cfg.elsewhere_piece_mm * s
    dist: NDArray[np.float32] | None = None
    dark: NDArray[np.float32] | None = None
    crease_min = cfg.elsewhere_crease_piece_mm * s
    kept: list[int] = []
    through: list[tuple[int, int, float]] = []  # (piece, the way it runs, where across)
    for j in range(1, n):
        x, y, w, h, _ = (int(v) for v in stats[j])
        if max(w, h) < piece_min:
            continue  # a speck
        if dist is None:
            dist = cast(NDArray[np.float32], cv2.distanceTransform(ink, cv2.DIST_L2, 3))
        mask = labels[y : y + h, x : x + w] == j
        # Solid far from its edge: a blot, a drop, a hole — not a pen's stroke.
        # (half a pixel more: the darkest-of-2 × 2 sampling widens a stroke by that much)
        if float(np.quantile(dist[y : y + h, x : x + w][mask], 0.9)) > (
            cfg.elsewhere_stroke_mm * s / 2 + 0.5
        ):
            continue
        line = _line_of(mask, x, y, s, cfg) if max(w, h) >= crease_min else None
        if line is not None and max(w, h) >= line_min:
            continue
        # (a narrow band from one side of a small region to the other: a crease or a streak
        # through it, with its shadow, however short the region)
        band = 3 * s
        if h >= 0.9 * ink.shape[0] and w <= band and _straight_band(mask, 1, s):
            through.append((j, 1, x + w / 2))
            continue
        if w >= 0.9 * ink.shape[1] and h <= band and _straight_band(mask, 0, s):
            through.append((j, 0, y + h / 2))
            continue
        if pale and _drop_rim(mask, patch[y : y + h, x : x + w], paper[y : y + h, x : x + w]):
            continue
        # A straight piece on a line that shows across the whole region, fainter in parts:
        # a crease or a streak, broken where it is lighter than ink.
        if line is not None:
            if dark is None:
                dark = np.float32(1.0) - np.divide(patch, np.maximum(paper, 1), dtype=np.float32)
            if _across(line, dark, cfg.elsewhere_crease_darkness * level) >= (
                cfg.elsewhere_crease_share
            ):
                continue
        if by_line is not None:
            off = np.count_nonzero(mask & (by_line[y : y + h, x : x + w] == 0))
            if off * px_mm2 < cfg.elsewhere_off_line_mm2:
                continue
        kept.append(j)
    # ... but two such bands side by side a ring's width apart, where no long line runs, are
    # the sides of a ○ drawn across a region lower than it (a heading row 3 mm high): within
    # so little height an arc bows no more than a crease.
    if by_line is None and len(through) >= 2:
        lo, hi = (v * s for v in RING_SIDES_MM)
        for a, way, at in through:
            if ink.shape[1 - way] <= RING_SIDES_SPAN_MM * s and any(
                b != a and way == way_b and lo <= abs(at - at_b) <= hi for b, way_b, at_b in through
            ):
                kept.append(a)
    if not kept:
        return None
    # At pencil's level a crease shows as a row of short pieces on one straight line (each
    # too short to be taken for a line): together they are that line, no writing — nor is
    # what lies off such a line as long as a crease, when it is less ink than writing needs:
    # the stub of a second crease crossing it (a sheet folded in four, its creases crossing
    # in a narrow strip of paper), showing only near the crossing. At a pen's level, so are
    # pieces on one line that shows across the whole region (`_across`), each too short to
    # be judged by itself: a crease down a strip of paper lower than a stroke is long.
    ky, kx = np.nonzero(np.isin(labels, kept))
    fit = fitted_line(kx, ky)
    if fit is not None:
        straight = max(1.5, cfg.elsewhere_straight_mm * s)
        if float(np.quantile(fit[1], 0.95)) <= straight:
            if pale:
                return None
            if dark is None:
                dark = np.float32(1.0) - np.divide(patch, np.maximum(paper, 1), dtype=np.float32)
            if _across(fit[0], dark, cfg.elsewhere_crease_darkness * level) >= (
                cfg.elsewhere_crease_share
            ):
                return None
            if runs_on is not None and runs_on(fit[0], level):
                return None
        elif pale:
            on = fit[1] <= straight
            vx, vy, _, _ = fit[0]
            run = kx[on] * vx + ky[on] * vy
            if (
                run.size
                and float(np.ptp(run)) >= line_min
                and np.count_nonzero(~on) * px_mm2 < cfg.elsewhere_min_mm2
            ):
                return None
    # An official seal stamped here (where there was room): its ring, and all inside it
    # (the star, the characters along the rim), are no voter's writing.
    on_y, on_x = np.nonzero(np.isin(labels, kept))
    ring = _seal_ring(on_x.astype(np.float64), on_y.astype(np.float64), s, cfg)
    if ring is not None:
        sx, sy, sr = ring
        reach = sr + cfg.elsewhere_seal_fit_mm * s
        kept = [j for j in kept if math.hypot(centres[j][0] - sx, centres[j][1] - sy) > reach]
        if not kept:
            return None
    area_mm2 = float(stats[kept, cv2.CC_STAT_AREA].sum()) * px_mm2
    if area_mm2 < cfg.elsewhere_min_mm2:
        return None
    bx0 = int(stats[kept, cv2.CC_STAT_LEFT].min())
    by0 = int(stats[kept, cv2.CC_STAT_TOP].min())
    bx1 = int((stats[kept, cv2.CC_STAT_LEFT] + stats[kept, cv2.CC_STAT_WIDTH]).max())
    by1 = int((stats[kept, cv2.CC_STAT_TOP] + stats[kept, cv2.CC_STAT_HEIGHT]).max())
    return {
        "ink_mm2": round(area_mm2, 2),
        "pieces": len(kept),
        "extent_mm": round(max(bx1 - bx0, by1 - by0) / s, 1),
        "box_mm": [
            round(x0 + bx0 / s, 1),
            round(y0 + by0 / s, 1),
            round(x0 + bx1 / s, 1),
            round(y0 + by1 / s, 1),
        ],
    }


def _seal_ring(
    xs: NDArray[np.float64], ys: NDArray[np.float64], s: float, cfg: RecognitionConfig
) -> tuple[float, float, float] | None:
    """(centre x, y, radius) in px of a seal's ring among these ink pixels, or None.

    A seal's ring is a circle of a seal's radius; its grain breaks it into arcs, and the
    region may show only part of it: circles through three pixels at a time (RANSAC, seeded:
    the same page gives the same answer) are scored by the pixels within a stroke of them,
    and the best is a ring when those cover a good part of its circumference."""
    n = len(xs)
    if n < 3:
        return None
    step = max(1, n // 3000)
    px, py = xs[::step], ys[::step]
    m = len(px)
    rng = np.random.default_rng(0)
    tries = rng.integers(0, m, (cfg.elsewhere_seal_tries, 3))
    lo, hi = (v * s for v in cfg.elsewhere_seal_radius_mm)
    tol = cfg.elsewhere_seal_fit_mm * s
    best: tuple[int, float, float, float] | None = None
    for a, b, c in tries:
        # the circle through three pixels: centre where the perpendicular bisectors meet
        ax, ay, bx, by, cx, cy = px[a], py[a], px[b], py[b], px[c], py[c]
        det = 2 * (ax * (by - cy) + bx * (cy - ay) + cx * (ay - by))
        if abs(det) < 1e-6:
            continue
        a2, b2, c2 = ax * ax + ay * ay, bx * bx + by * by, cx * cx + cy * cy
        ux = (a2 * (by - cy) + b2 * (cy - ay) + c2 * (ay - by)) / det
        uy = (a2 * (cx - bx) + b2 * (ax - cx) + c2 * (bx - ax)) / det
        r = math.hypot(ax - ux, ay - uy)
        if not lo <= r <= hi:
            continue
        count = int(np.count_nonzero(np.abs(np.hypot(px - ux, py - uy) - r) <= tol))
        if best is None or count > best[0]:
            best = (count, float(ux), float(uy), r)
    if best is None:
        return None
    _, ux, uy, r = best
    on = np.abs(np.hypot(px - ux, py - uy) - r) <= tol
    bins = np.floor(np.degrees(np.arctan2(py[on] - uy, px[on] - ux)) / 5).astype(int) % 72
    covered = np.bincount(bins, minlength=72) >= 2
    # The ring runs on along its arc, broken only by the stamp's grain (a gap of a bin): a
    # few strokes of handwriting that a big circle happens to touch here and there are no
    # seal — everything inside such a circle was being taken for the seal's, writing too.
    joined = covered | (np.roll(covered, 1) & np.roll(covered, -1))
    if _longest_run(joined) * 5 < cfg.elsewhere_seal_arc_deg:
        return None
    # ... and it is a ring: the ink about it lies on it, not spread either side as writing is.
    about = np.abs(np.hypot(px - ux, py - uy) - r) <= 3 * tol
    if np.count_nonzero(on) < cfg.elsewhere_seal_ring_share * np.count_nonzero(about):
        return None
    return ux, uy, r


def _long_lines(mask: Gray, long: int, own: Gray | None = None) -> Gray:
    """Where straight lines at least ``long`` px long run in ``mask`` (0/1) along the
    image's rows or columns, tilted a little as they may be: the pixels within two of them
    (``mask`` dilated 5 × 5, opened along each way).

    A line must be ``long`` long within the picture: the picture holds the whole of what
    lines are looked for in, and ink run together up to its edge is no line (a small ○ beside
    a box in the table's last column, with the box's ○, its border and the table's edge; a
    name signed across a corner of the paper left blank below the table). (OpenCV's opening
    by default takes what lies outside the picture to be set: half ``long`` inside it,
    touching its edge, would be a line.)

    ``own`` (0/1): print that makes no line of what runs on into it (the printed names). A
    line must then run ``long`` along its way on ink off that print too: a pen's stroke in
    line with a printed name (an arrow after it) is no line for the characters it runs
    into."""
    along, down = _lines_each_way(mask, long, own)
    return cast(Gray, cv2.bitwise_or(along, down))


def _lines_each_way(
    mask: Gray, long: int, own: Gray | None = None, across: Gray | None = None
) -> tuple[Gray, Gray]:
    """`_long_lines`, the lines along the rows and those down the columns apart.
    ``across`` (0/1): print that makes no line along the rows either (the borders between
    names standing level in a row, which such a line crosses)."""
    near = cv2.dilate(mask, np.ones((5, 5), np.uint8))
    out = cv2.BORDER_CONSTANT
    along = cv2.morphologyEx(
        near, cv2.MORPH_OPEN, np.ones((1, long), np.uint8), borderType=out, borderValue=0
    )
    down = cv2.morphologyEx(
        near, cv2.MORPH_OPEN, np.ones((long, 1), np.uint8), borderType=out, borderValue=0
    )
    if own is not None:
        free = cast(Gray, cv2.bitwise_and(mask, 1 - own))
        by_row = free if across is None else cast(Gray, mask & (across == 0).view(np.uint8))
        along = _reaching(cast(Gray, along), by_row, long, 2)
        down = _reaching(cast(Gray, down), free, long, 3)
    return cast(Gray, along), cast(Gray, down)


def _reaching(band: Gray, free: Gray, long: int, side: int) -> Gray:
    """The pieces of ``band`` (0/1) whose ``free`` pixels (0/1) span at least ``long`` px
    across their bounding box's width (``side`` 2) or height (3)."""
    n, labels = cv2.connectedComponents(band, connectivity=8)
    if n <= 1:
        return band
    extent = _boxes_of(np.where(free > 0, labels, 0).astype(np.int32), n)[:, side]
    keep = extent >= long
    keep[0] = False
    return cast(Gray, keep[labels].view(np.uint8))


def _longest_run(flags: NDArray[np.bool_]) -> int:
    """The longest run of True in a circular sequence."""
    if flags.all():
        return int(flags.size)
    start = int(np.argmin(flags))  # a False: the sequence read from there has no wrap-around
    best = run = 0
    for f in np.roll(flags, -start).tolist():
        run = run + 1 if f else 0
        best = max(best, run)
    return best


def _line_of(
    mask: NDArray[np.bool_], x: int, y: int, s: float, cfg: RecognitionConfig
) -> tuple[float, float, float, float] | None:
    """The straight line (direction, a point; region px) this piece is, its pixels within a
    stroke's width of it; None when it is no straight line."""
    ys, xs = np.nonzero(mask)
    fit = fitted_line(xs, ys)
    if fit is None or float(np.quantile(fit[1], 0.95)) > max(1.5, cfg.elsewhere_straight_mm * s):
        return None
    vx, vy, cx, cy = fit[0]
    return vx, vy, cx + x, cy + y


def _across(
    line: tuple[float, float, float, float],
    dark: NDArray[np.float32],
    level: float,
    own: Gray | None = None,
) -> float:
    """How much of the region the line runs across has some darkness along it (0–1): a
    crease or a streak shows all the way, broken into pieces; a pen's stroke only where it
    is. Only for lines along the page's sides (within 4°); others 0. ``own`` (0/1): print
    that tells nothing (the printed names, dark whatever runs through them): only the
    paper off it is looked along — an arrow drawn after a name, in line with the names of
    its row, is no crease for them."""
    vx, vy, cx, cy = line
    h, w = dark.shape
    tilt = math.sin(math.radians(4.0))
    reach = np.arange(-2, 3)
    if abs(vx) <= tilt:  # down the region
        t = np.arange(h)
        at = np.rint(cx + (t - cy) * vx / vy).astype(np.intp)
        cols = np.clip(at[:, None] + reach[None, :], 0, w - 1)
        along = dark[t[:, None], cols].max(axis=1)
        printed = None if own is None else own[t[:, None], cols].max(axis=1)
    elif abs(vy) <= tilt:  # across it
        t = np.arange(w)
        at = np.rint(cy + (t - cx) * vy / vx).astype(np.intp)
        rows = np.clip(at[:, None] + reach[None, :], 0, h - 1)
        along = dark[rows, t[:, None]].max(axis=1)
        printed = None if own is None else own[rows, t[:, None]].max(axis=1)
    else:
        return 0.0
    if printed is not None and printed.any():
        along = along[printed == 0]
        if along.size == 0:
            return 0.0
    return float(np.count_nonzero(along >= level)) / len(along)


def beside_boxes(
    gray: Gray,
    hmat: NDArray[np.float64],
    cells: dict[str, dict[str, Any]],
    targets: dict[str, list[Box]],
    black: float,
    cfg: RecognitionConfig,
    shifts: dict[str, tuple[float, float]] | None = None,
    bent: bool = False,
) -> dict[str, dict[str, Any]]:
    """Pen marks in a candidate's part of the table that lie outside its boxes (标记不在
    方格内): a ○ drawn round the name instead of in the box, a × over the name, a line
    struck through it reaching past it, a ○ beside the box. A reader that looks only in the
    boxes reads such a sheet as abstaining on that candidate; a person decides what the
    voter meant.

    ``cells`` (layout mm, see `reports.ballot_pdf`): each candidate's cell, the printed rules
    across it and the boxes of what is printed in it; ``targets``: each candidate's boxes;
    ``shifts``: how far (mm) each candidate's boxes were found from where the map puts them
    (its cell, rules and name are moved with them: a sheet a little warped); ``bent``: the
    sheet is bent, its boxes placed one by one (`boxgrid.local_shifts`) — a cell's rules and
    name may lie off its boxes' place by more, and are kept clear of twice as widely.

    Not such marks:
    - ink touching a box (a ○ larger than its box, a stroke running out of it, and the
      pieces it breaks into nearby): the box reader's; so is a straight stroke in the ring round a
      box that reader examines (a slip of the pen);
    - the printed name and rules (the name's box grown by ``beside_print_mm``, the rules by
      ``beside_rule_mm``, the cell's border by ``beside_edge_mm``), and pieces that stay
      along a cell's border (not reaching ``beside_inner_mm`` into it: the border where a
      fold warps the sheet, a stroke poking in from the next cell);
    - long straight lines across the table (a fold, a scanner's streak), and specks.

    The table is looked at in the image's own axes (a scanner's streak runs along them),
    reduced to about ``elsewhere_px_per_mm``, each pixel the darkest of those it stands for
    (a thin pen stroke stays as dark as it is).

    Found: candidate code → its ink (mm²) there and where it lies (a box in mm)."""
    if not cells:
        return {}
    codes = list(cells)
    moved = shifts or {}
    # Every rectangle needed, in layout mm, moved with its candidate's boxes:
    # (kind, cell index, rectangle); kind 0 the cell (shrunk), 1 a rule, 2 the name, 3 a box
    # with the ring round it, 4 a box, 5 the cell well inside its border.
    rects: list[tuple[int, int, tuple[float, float, float, float]]] = []
    wide = 2.0 if bent else 1.0
    rule_mm, print_mm, edge_mm = (
        wide * cfg.beside_rule_mm,
        wide * cfg.beside_print_mm,
        wide * cfg.beside_edge_mm,
    )
    for i, code in enumerate(codes):
        dx, dy = moved.get(code, (0.0, 0.0))
        parts: list[tuple[int, Sequence[float], float]] = [
            (0, cells[code]["cell"], -edge_mm),
            (5, cells[code]["cell"], -cfg.beside_inner_mm),
            *((1, rule, rule_mm) for rule in cells[code].get("lines", ())),
            *((2, box, print_mm) for box in cells[code].get("print", ())),
            *((3, box, cfg.ring_mm + cfg.beside_rule_mm) for box in targets.get(code, ())),
            *((4, box, cfg.beside_box_mm) for box in targets.get(code, ())),
            # (9: a box and what a ○ drawn larger than it covers, kept out of the bands
            # along the rules across the table — the box reader's, and most pages' only ink)
            *((9, box, cfg.beside_across_box_mm) for box in targets.get(code, ())),
        ]
        for kind, b, grow in parts:
            rects.append(
                (kind, i, (b[0] + dx - grow, b[1] + dy - grow, b[2] + dx + grow, b[3] + dy + grow))
            )
    # The borders between two candidates' cells side by side, along their names: a mark drawn
    # after a name may lie across one (kind 6: the band left of the border, 8: right of it;
    # 7: the border's own line); and those between a cell and the one below it: a mark
    # drawn above a box may lie across the rule over it (6: the band above, 8: below).
    seams = _seams(cells, codes, moved, cfg)
    for k, (band_l, band_r, border, _, _, _) in enumerate(seams):
        rects.extend([(6, k, band_l), (8, k, band_r), (7, k, border)])
    mm = np.array([r[2] for r in rects], dtype=np.float64)
    corners = np.stack(
        [mm[:, [0, 1]], mm[:, [2, 1]], mm[:, [2, 3]], mm[:, [0, 3]]], axis=1
    ).reshape(-1, 1, 2)
    at = cv2.perspectiveTransform(corners, hmat).reshape(-1, 4, 2)
    # The table's part of the image, reduced.
    px_per_mm = math.sqrt(abs(float(np.linalg.det(hmat[:2, :2] / hmat[2, 2]))))
    f = max(1, round(px_per_mm / cfg.elsewhere_px_per_mm))
    s = px_per_mm / f
    gh, gw = gray.shape
    lo = np.floor(at.reshape(-1, 2).min(axis=0)).astype(int) - 2
    hi = np.ceil(at.reshape(-1, 2).max(axis=0)).astype(int) + 2
    ax0, ay0 = max(0, int(lo[0])), max(0, int(lo[1]))
    ax1, ay1 = min(gw, int(hi[0])), min(gh, int(hi[1]))
    if ax1 - ax0 < 4 * f or ay1 - ay0 < 4 * f:
        return {}
    # (whole multiples of the factor: the reduction's fast path)
    ax1, ay1 = ax0 + (ax1 - ax0) // f * f, ay0 + (ay1 - ay0) // f * f
    crop = gray[ay0:ay1, ax0:ax1]
    patch = _darkest_of(crop, f)
    h, w = patch.shape
    poly = np.round((at - (ax0, ay0)) / f).astype(np.int32)
    zone = np.zeros((h, w), np.uint16)  # index of the cell + 1; 0 elsewhere
    theirs = np.zeros((h, w), np.uint8)  # 1: the ring the box reader looks at; 2: the box
    inner = np.zeros((h, w), np.uint8)  # well inside a cell, clear of its border
    names = np.zeros((h, w), np.uint8)  # the printed names
    for (kind, i, _), pts in zip(rects, poly, strict=True):
        if kind == 0:
            cv2.fillConvexPoly(zone, pts, i + 1)
        elif kind == 3:
            cv2.fillConvexPoly(theirs, pts, 1)
        elif kind == 5:
            cv2.fillConvexPoly(inner, pts, 1)
        elif kind == 7:
            # (the border between two names: see below; 3: between a cell and the next below)
            cv2.fillConvexPoly(names, pts, 3 if seams[i][5] else 2)
    seam = np.zeros((h, w), np.uint16)  # along a border between names: its index + 1
    for (kind, i, _), pts in zip(rects, poly, strict=True):
        if kind in (6, 8) and not seams[i][5]:
            cv2.fillConvexPoly(seam, pts, i + 1)
    for (kind, _i, _), pts in zip(rects, poly, strict=True):
        if kind in (1, 2, 3):
            cv2.fillConvexPoly(seam, pts, 0)
    # ... and along one across the table (a cell's top): the ring round the box below it is
    # seam too — a mark drawn above the box, against the rule, is looked at there.
    across_seam = np.zeros((h, w), np.uint8)
    if any(sm[5] for sm in seams):
        for (kind, i, _), pts in zip(rects, poly, strict=True):
            if kind in (6, 8) and seams[i][5]:
                cv2.fillConvexPoly(seam, pts, i + 1)
                cv2.fillConvexPoly(across_seam, pts, 1)
        for (kind, _j, _), pts in zip(rects, poly, strict=True):
            if kind == 9:
                cv2.fillConvexPoly(seam, pts, 0)
                cv2.fillConvexPoly(across_seam, pts, 0)
    for (kind, _i, _), pts in zip(rects, poly, strict=True):
        if kind in (1, 2):
            cv2.fillConvexPoly(zone, pts, 0)
            cv2.fillConvexPoly(seam, pts, 0)
            cv2.fillConvexPoly(across_seam, pts, 0)
            if kind == 2:
                cv2.fillConvexPoly(names, pts, 1)
        elif kind == 4:
            cv2.fillConvexPoly(theirs, pts, 2)
    # Ink: as dark as writing against the paper nearby (a pen's stroke is narrow, a fold's
    # shadow broad), in the cells, off their rules and names.
    level = cfg.beside_darkness_share * max(cfg.beside_min_darkness, cfg.strong_rel * black)
    k = max(3, round(cfg.beside_paper_mm * s) | 1)
    paper = cv2.dilate(patch, cv2.getStructuringElement(cv2.MORPH_RECT, (k, k)))
    limit = (paper.astype(np.float32) * np.float32(1.0 - level)).astype(np.int16)
    everywhere = (patch.astype(np.int16) <= limit).view(np.uint8)
    ink = everywhere & (zone > 0).view(np.uint8)
    # Ink along the borders between names, but for the borders' own printed lines.
    crossed = None
    # (most sheets: no ink along those borders but their printed lines — nothing to look at)
    off_line = everywhere & (seam > 0).view(np.uint8) & (names < 2).view(np.uint8)
    if seams and off_line.any():
        which = (np.unique(seam[off_line > 0]) - 1).tolist()
        on = [j for j, r in enumerate(rects) if r[0] == 7]
        # (each border's two ends: its rectangle's top and bottom sides' middles; for a
        # border across the table, its left and right sides')
        level_ = np.array([sm[5] for sm in seams], dtype=bool)[:, None, None]
        ends = np.where(
            level_,
            (at[on][:, [0, 1]] + at[on][:, [3, 2]]) / 2,
            (at[on][:, [0, 3]] + at[on][:, [1, 2]]) / 2,
        )
        ends = (ends - (ax0, ay0)) / f
        bands = np.array(
            [[p for (kind, _, _), p in zip(rects, poly, strict=True) if kind in (6, 8)]]
        )
        bands = bands.reshape(len(seams), 8, 2)  # (each border's two bands' corners)
        lo, hi = bands.min(axis=1), bands.max(axis=1) + 1
        spans = np.hstack([np.maximum(lo, 0), np.minimum(hi, (w, h))])
        rule = wide * cfg.beside_rule_mm * s
        crossed = _across_borders(everywhere, seam, spans, ends, rule, which)
        # (which borders run along the image's rows: a sheet may be scanned turned)
        d_ = np.abs(ends[:, 1] - ends[:, 0])
        rowwise = np.r_[False, d_[:, 0] > d_[:, 1]][seam].view(np.uint8)
    # Most sheets: whatever ink the cells hold is in their boxes — done.
    if not (ink & (theirs != 2).view(np.uint8)).any() and crossed is None:
        return {}
    # Long straight lines (the table's rules where the sheet is not quite where the map puts
    # it, a fold, a scanner's streak) are the paper's, not a voter's; tilted a little they
    # still go. (Found on all the ink, and on ink half as dark: a rule runs on outside the
    # cells, a crease shows fainter in parts. The picture holds the whole table: a line is as
    # long within it — ink run together up to its edge is not taken to run on beyond.)
    long = max(3, round(cfg.elsewhere_line_mm * s))
    faint = patch.astype(np.int16) <= (paper * np.float32(1.0 - level / 2)).astype(np.int16)
    # (a pen's stroke in line with a printed name is not lengthened by it into a line: an
    # arrow pointing at the name; a crease over the rules and boxes is a line as ever)
    # (nor by the borders between the names, which it crosses)
    along, down = _lines_each_way(
        faint.view(np.uint8), long, (names == 1).view(np.uint8), np.where(names == 3, 0, names)
    )
    lines = along | down
    # Ink touching a box is its mark's (a ○ larger than the box, a stroke running out of it):
    # the box reader's — judged before the lines are taken out (a broad stroke crossing one
    # stays whole) — and so are the pieces such a stroke breaks into (within
    # ``beside_join_mm`` of it). (Not a piece beyond a rule it runs on across: a ○ round the
    # name below may touch the same rule; a sheet held once too often is better than a vote
    # lost without a word.)
    n_whole, whole = cv2.connectedComponents(ink, connectivity=8)
    boxed = np.zeros(n_whole, dtype=bool)
    boxed[whole[theirs == 2]] = True
    boxed[0] = False
    boxes_ink = boxed[whole].view(np.uint8)
    k = 2 * max(1, round(cfg.beside_join_mm * s)) + 1
    by_box = cv2.dilate(boxes_ink, np.ones((k, k), np.uint8))
    rest = ink & (1 - boxes_ink) & (1 - lines)
    if crossed is not None:
        # (along a border between names, a line down it is taken away but at the border's
        # own place, where a pen's stroke crossing it would go with it: the border's line is
        # already left out there)
        # (the lines across a border are taken away, those along it but at its own line:
        # which are which as the border runs in the image)
        strip = (names >= 2).view(np.uint8)
        rest = np.where(
            seam > 0,
            np.where(
                rowwise > 0,
                crossed & (1 - down) & (1 - (along & (1 - strip))),
                crossed & (1 - along) & (1 - (down & (1 - strip))),
            ),
            rest,
        )
    # ... all but a ring closing round a hole of its own outside the box: a small ○ drawn
    # beside a box already ringed, touching that ring, is a mark beside the box.
    box_only = (theirs == 2).view(np.uint8)
    ruled = cast(Gray, everywhere & lines & faint.view(np.uint8))
    past = _rings_of_their_own(
        everywhere & (1 - ruled),
        box_only,
        zone,
        boxes_ink & (1 - box_only),
        s,
        cfg,
        ruled,
    )
    if not rest.any() and past is None:
        return {}
    n, labels = cv2.connectedComponents(rest, connectivity=8)
    stats = _boxes_of(labels, n)
    drop = np.zeros(n, dtype=bool)
    drop[labels[by_box > 0]] = True
    piece_min = cfg.beside_piece_mm * s
    big = np.maximum(stats[:, 2], stats[:, 3]) >= piece_min
    keep = big & ~drop
    keep[0] = False
    crease_min = cfg.elsewhere_crease_piece_mm * s
    dark: NDArray[np.float32] | None = None
    own = (names > 0).view(np.uint8)
    whole_off: NDArray[np.int32] | None = None  # (see below)
    for j in np.flatnonzero(keep).tolist():
        x, y, bw, bh = (int(v) for v in stats[j])
        mine = labels[y : y + bh, x : x + bw] == j
        # A piece that stays along a cell's border is no voter's mark there: the border
        # itself where the sheet is warped (a fold), a stroke from the next cell poking in.
        # (Along a border between names, the border's own line is already left out: what
        # lies there besides — a ✓ after a name, across the border — is a mark; not a piece
        # running on along the cell's top or bottom, which only passes there.)
        if (
            not (mine & (inner[y : y + bh, x : x + bw] > 0)).any()
            and not (
                crossed is not None
                and np.count_nonzero(mine & (seam[y : y + bh, x : x + bw] > 0))
                >= cfg.beside_border_share * np.count_nonzero(mine)
                # (along a rule across the table, a mark drawn against it reaches well off its
                # line; what stays on it is the rule's, thickened by a stroke drawn along it)
                and not (
                    np.count_nonzero(mine & (across_seam[y : y + bh, x : x + bw] > 0))
                    >= cfg.beside_border_share * np.count_nonzero(mine)
                    and np.count_nonzero(mine & (names[y : y + bh, x : x + bw] != 3))
                    < cfg.beside_off_rule_share * np.count_nonzero(mine)
                )
            )
        ):
            keep[j] = False
            continue
        # Along a rule across the table, a stroke drawn beside it (a slip of the pen above
        # or below a box) is no mark either: judged whole, as the ink off the rule's line
        # shows it (the rule's removal may have cut it into stubs).
        if (mine & (across_seam[y : y + bh, x : x + bw] > 0)).any():
            if whole_off is None:
                # (the ink off the rules, joined across a rule where a stroke crosses it)
                whole = everywhere & (names < 2).view(np.uint8)
                if crossed is not None:
                    whole = whole | (crossed & (names >= 2).view(np.uint8))
                whole_off = cast(NDArray[np.int32], cv2.connectedComponents(whole)[1])
            off_lab: NDArray[np.int32] = whole_off
            ids = np.unique(off_lab[y : y + bh, x : x + bw][mine])
            ids = ids[ids > 0]
            if ids.size:
                py, px_ = np.nonzero(np.isin(off_lab, ids))
                _, sides, _ = cv2.minAreaRect(np.stack([px_, py], axis=1).astype(np.float32))
                if max(sides) >= cfg.beside_stroke_ratio * max(1.0, min(sides)):
                    keep[j] = False
                    continue
        # So is a straight stroke in the ring round a box that the box reader examines (a
        # slip of the pen beside the box is no mark); anything else there — a ○ drawn next
        # to the box — is beside it.
        if (mine & (theirs[y : y + bh, x : x + bw] == 1)).any():
            py, px_ = np.nonzero(mine)
            _, sides, _ = cv2.minAreaRect(np.stack([px_, py], axis=1).astype(np.float32))
            if max(sides) >= cfg.beside_stroke_ratio * max(1.0, min(sides)):
                keep[j] = False  # long and thin: a stroke
            elif max(bw, bh) < cfg.beside_ring_piece_mm * s:
                keep[j] = False  # the stub of one (a ○ there is larger)
            if not keep[j]:
                continue
        # So is a straight piece along the page's sides, on a line that shows across the
        # table fainter in parts: a crease or a streak, broken where it is lighter than ink
        # (see `find`).
        if max(bw, bh) < crease_min:
            continue
        line = _line_of(mine, x, y, s, cfg)
        if line is None:
            continue
        if dark is None:
            dark = np.float32(1.0) - np.divide(patch, np.maximum(paper, 1), dtype=np.float32)
        if _across_turned(line, dark, cfg.elsewhere_crease_darkness * level, own) >= (
            cfg.elsewhere_crease_share
        ):
            keep[j] = False
    beside = keep[labels]
    if past is not None:
        beside |= past > 0
    if not beside.any():
        return {}
    # Whose a pixel is: its cell's, and either side of a border between names, that side's.
    owner = zone
    if crossed is not None:
        owner = zone.copy()
        for (kind, i, _), pts in zip(rects, poly, strict=True):
            if kind in (6, 8):
                _, _, _, left, right, _ = seams[i]
                cv2.fillConvexPoly(owner, pts, (left if kind == 6 else right) + 1)
    ys, xs = np.nonzero(beside)
    whose = owner[ys, xs].astype(np.int64)
    area = np.bincount(whose, minlength=len(codes) + 1) / (s * s)
    back = np.linalg.inv(hmat)
    out: dict[str, dict[str, Any]] = {}
    for i in np.flatnonzero(area[1:] >= cfg.beside_min_mm2).tolist():
        its = whose == i + 1
        ends = np.array(
            [[xs[its].min(), ys[its].min()], [xs[its].max() + 1, ys[its].max() + 1]],
            dtype=np.float64,
        )
        where = cv2.perspectiveTransform((ends * f + (ax0, ay0)).reshape(-1, 1, 2), back)
        where = where.reshape(-1, 2)
        out[codes[i]] = {
            "ink_mm2": round(float(area[i + 1]), 2),
            "box_mm": [
                round(float(where[:, 0].min()), 1),
                round(float(where[:, 1].min()), 1),
                round(float(where[:, 0].max()), 1),
                round(float(where[:, 1].max()), 1),
            ],
        }
    return out


def _seams(
    cells: dict[str, dict[str, Any]],
    codes: list[str],
    moved: dict[str, tuple[float, float]],
    cfg: RecognitionConfig,
) -> list[tuple[Rect, Rect, Rect, int, int, bool]]:
    """The borders between two candidates' cells side by side whose names stand level, and
    between a cell and the one right below it (`beside_boxes`; layout mm, moved with the
    cells' boxes): the band ``beside_inner_mm`` wide left of (above) the border and right of
    (below) it, the border's printed line (``beside_rule_mm`` either side of where it
    should be), the left (upper) cell's index, the right (lower) one's, and whether the
    border runs across the table. The bands beside a border between names reach
    ``beside_border_reach_mm`` above and below the names; those of a border across the
    table stay ``beside_edge_mm`` clear of the cells' sides (all within the cells' borders)."""
    half, rule = cfg.beside_inner_mm, cfg.beside_rule_mm
    out: list[tuple[Rect, Rect, Rect, int, int, bool]] = []
    for at, lo, hi, i, j, across in _seam_places(cells, codes, cfg):
        (dxa, dya), (dxb, dyb) = moved.get(codes[i], (0.0, 0.0)), moved.get(codes[j], (0.0, 0.0))
        dx, dy = (dxa + dxb) / 2, (dya + dyb) / 2
        if across:
            y, x0, x1 = at + dy, lo + dx, hi + dx
            # (above the table's top row: as far as the paper is blank)
            up = half if i != j else min(half, cells[codes[i]]["clear_above"] - rule)
            out.append(
                (
                    (x0, y - up, x1, y),
                    (x0, y, x1, y + half),
                    (x0, y - rule, x1, y + rule),
                    i,
                    j,
                    True,
                )
            )
            continue
        x, top, bottom = at + dx, lo + dy, hi + dy
        out.append(
            (
                (x - half, top, x, bottom),
                (x, top, x + half, bottom),
                (x - rule, top, x + rule, bottom),
                i,
                j,
                False,
            )
        )
    return out


SeamPlace = tuple[float, float, float, int, int, bool]

#: `_seam_places` of the layouts seen (a worker reads many pages of a few layouts).
_SEAM_PLACES: dict[tuple[int, int], tuple[Any, Any, list[SeamPlace]]] = {}


def _seam_places(
    cells: dict[str, dict[str, Any]], codes: list[str], cfg: RecognitionConfig
) -> list[SeamPlace]:
    """`_seams` where the layout puts them: each border's place (x; y across the table), the
    bands' ends (top and bottom; left and right), the two cells' indexes, across or not."""
    key = (id(cells), id(cfg))
    seen = _SEAM_PLACES.get(key)
    if seen is not None and seen[0] is cells and seen[1] is cfg:
        return seen[2]
    out: list[SeamPlace] = []
    edge, reach, rule = cfg.beside_edge_mm, cfg.beside_border_reach_mm, cfg.beside_rule_mm
    starting: dict[int, list[int]] = {}  # cells by where their left side is (whole mm)
    topping: dict[int, list[int]] = {}  # ... by where their top is
    for j, b in enumerate(codes):
        starting.setdefault(round(cells[b]["cell"][0]), []).append(j)
        topping.setdefault(round(cells[b]["cell"][1]), []).append(j)
    for i, a in enumerate(codes):
        ca, pa = cells[a]["cell"], cells[a].get("print") or ()
        if cells[a].get("clear_above", 0.0) >= rule + reach:
            # the table's top rule over a cell of its top row, blank paper above it
            out.append((ca[1], ca[0] + edge, ca[2] - edge, i, i, True))
        below = round(ca[3])
        for j in topping.get(below - 1, []) + topping.get(below, []) + topping.get(below + 1, []):
            cb = cells[codes[j]]["cell"]
            if i == j or abs(ca[3] - cb[1]) > 0.5:
                continue
            x0, x1 = max(ca[0], cb[0]) + edge, min(ca[2], cb[2]) - edge
            if x1 - x0 >= 2 * reach:
                out.append(((ca[3] + cb[1]) / 2, x0, x1, i, j, True))
        if not pa:
            continue
        at = round(ca[2])
        for j in starting.get(at - 1, []) + starting.get(at, []) + starting.get(at + 1, []):
            cb, pb = cells[codes[j]]["cell"], cells[codes[j]].get("print") or ()
            if i == j or not pb or abs(ca[2] - cb[0]) > 0.5:
                continue
            top = max(min(r[1] for r in pa), min(r[1] for r in pb)) - reach
            bottom = min(max(r[3] for r in pa), max(r[3] for r in pb)) + reach
            top, bottom = (
                max(top, ca[1] + edge, cb[1] + edge),
                min(bottom, ca[3] - edge, cb[3] - edge),
            )
            if bottom - top >= 2 * reach:  # (else the names do not stand level)
                out.append(((ca[2] + cb[0]) / 2, top, bottom, i, j, False))
    if len(_SEAM_PLACES) > 64:
        _SEAM_PLACES.clear()
    _SEAM_PLACES[key] = (cells, cfg, out)
    return out


def _across_borders(
    ink: Gray,
    seam: NDArray[np.uint16],
    spans: NDArray[np.int32],
    ends: NDArray[np.float64],
    rule: float,
    which: list[int],
) -> Gray | None:
    """The ink (0/1) along the borders between names (``seam``: a border's index + 1 in the
    bands either side of it) but for each border's own printed line, or None when there is
    none. ``spans``: each border's bands' bounds (x0, y0, x1, y1: patch px); ``ends``: each
    border's two ends (x, y); ``rule``: how far (px) the printed line may lie from where the
    map puts it; ``which``: the borders to look along (their indexes).

    A sheet warped by a fold bends a border's line off its place, and a thin scan breaks it,
    so the line is not taken away where it should be but where it is: across the border,
    line by line of pixels (rows, or columns on a sheet scanned turned a quarter), the run
    of ink nearest where the border should be, unless it is wider than such runs are along
    that border (a pen's stroke crossing the line there: kept whole)."""
    out: Gray | None = None
    for k in which:
        x0, y0, x1, y1 = (int(v) for v in spans[k])
        if x1 - x0 < 2 or y1 - y0 < 2:
            continue
        sub = ink[y0:y1, x0:x1] & (seam[y0:y1, x0:x1] == k + 1).view(np.uint8)
        (ax, ay), (bx, by) = ends[k] - (x0, y0)
        turned = abs(bx - ax) > abs(by - ay)  # the border runs along the image's rows
        if turned:
            sub = np.ascontiguousarray(sub.T)
            ax, ay, bx, by = ay, ax, by, bx
        if abs(by - ay) < 1e-6:
            continue
        n, m = sub.shape
        at = ax + (np.arange(n) - ay) * (bx - ax) / (by - ay)  # the border's place, line by line
        off = np.abs(np.arange(m)[None, :] - at[:, None])
        if not (sub & (off > rule)).any():
            continue  # nothing but the border's own line
        flags = np.zeros((n, m + 2), np.int8)
        flags[:, 1:-1] = sub
        step = np.diff(flags, axis=1)
        rows, starts = np.nonzero(step == 1)
        _, stops = np.nonzero(step == -1)  # (line by line, in order: each start's stop)
        widths = stops - starts
        dist = np.abs((starts + stops - 1) / 2 - at[rows])
        order = np.lexsort((dist, rows))
        first = order[np.r_[True, rows[order][1:] != rows[order][:-1]]]  # each line's nearest
        thin = float(np.median(widths[first])) + 1
        gone = first[widths[first] <= thin]
        for r, a, b in zip(
            rows[gone].tolist(), starts[gone].tolist(), stops[gone].tolist(), strict=True
        ):
            sub[r, a:b] = 0
        if not sub.any():
            continue
        if out is None:
            out = np.zeros_like(ink)
        out[y0:y1, x0:x1] |= sub.T if turned else sub
    return out


def struck_names(
    gray: Gray,
    hmat: NDArray[np.float64],
    cells: dict[str, dict[str, Any]],
    black: float,
    cfg: RecognitionConfig,
    shifts: dict[str, tuple[float, float]] | None = None,
) -> dict[str, dict[str, Any]]:
    """Candidates whose printed name was struck through (划掉): read from the boxes alone
    such a sheet abstains on them without a word; a person decides what the voter meant.

    ``cells`` as for `beside_boxes`; a cell whose layout says where the name's characters
    meet ("breaks") is looked at. There no printed stroke crosses from one character into
    the next: ink as dark as ``strike_darkness_share`` of the solid print (``black``, a
    darkness) in one piece reaching ``strike_reach_em`` of an em past such a place on both
    sides along a straight line ``strike_line_em`` long or longer is a pen's line through the
    name (or a × over it) — where the print runs thick, two characters' strokes may touch,
    but they join at a corner, not along a line through both — unless
    it runs on straight far past the name both ways (a fold's crease, a scanner's streak, a
    printed rule the map puts a little off). Only the name's em box and ``strike_pad_mm``
    above and below it are looked at, at ``patch_px_per_mm``; ``shifts`` as for
    `beside_boxes`.

    Found: candidate code → the piece's ink (mm²) and where the name is (a box in mm)."""
    named = [
        (code, c["print"][0], c["breaks"])
        for code, c in cells.items()
        if c.get("breaks") and c.get("print")
    ]
    if not named:
        return {}
    pad = cfg.strike_pad_mm
    moved = shifts or {}
    boxes = np.array([b for _, b, _ in named], dtype=np.float64)
    offsets = np.array([moved.get(code, (0.0, 0.0)) for code, _, _ in named], dtype=np.float64)
    boxes += np.hstack([offsets, offsets])
    half = (boxes[:, 2] - boxes[:, 0]) / 2
    h_mm = float((boxes[:, 3] - boxes[:, 1]).max()) + 2 * pad
    out: dict[str, dict[str, Any]] = {}
    # (the table's sides: a rule runs on to them, no farther)
    table = (
        min(float(c["cell"][0]) for c in cells.values()),
        max(float(c["cell"][2]) for c in cells.values()),
    )
    for k in _crossing(gray, hmat, boxes, named, 0.0, h_mm, black, cfg):
        # Crossing the name: a pen's line, or a line running on far past it both ways (to
        # the table's side where that is nearer)?
        side = float(half[k]) + cfg.strike_past_mm + 3.0
        reach = (
            min(cfg.strike_past_mm, float(boxes[k, 0]) - table[0] - 1.0),
            min(cfg.strike_past_mm, table[1] - float(boxes[k, 2]) - 1.0),
        )
        again = _crossing(
            gray,
            hmat,
            boxes[k : k + 1],
            [named[k]],
            side,
            h_mm,
            black,
            cfg,
            float(half[k]),
            reach,
        )
        if again:
            out[named[k][0]] = {
                "ink_mm2": round(again[0], 2),
                "box_mm": [round(float(v), 1) for v in boxes[k]],
                "struck": 1.0,
            }
    return out


def _crossing(
    gray: Gray,
    hmat: NDArray[np.float64],
    boxes: NDArray[np.float64],
    named: list[tuple[str, Any, Any]],
    side: float,
    h_mm: float,
    black: float,
    cfg: RecognitionConfig,
    half: float = 0.0,
    reach: tuple[float, float] | None = None,
) -> dict[int, float]:
    """`struck_names` for names (``boxes``, layout mm, moved; ``named``: code, box, breaks):
    the names a dark piece crosses from one character into the next in, and its ink (mm²).
    With ``side`` > 0, each name is looked at in a strip reaching ``side`` mm either side of
    its middle (``half``: half its width), and straight lines running on past the name by
    ``strike_past_mm`` both ways (or ``reach``: mm left and right) are left out first."""
    s = cfg.patch_px_per_mm
    pad = cfg.strike_pad_mm
    n = len(boxes)
    widths = boxes[:, 2] - boxes[:, 0]
    if side > 0:
        w_mm = 2 * side
        origins = np.stack([boxes[:, 0] + widths / 2 - side, boxes[:, 1] - pad], axis=1)
        start = np.full(n, side - half)
    else:
        w_mm = float(widths.max()) + 2 * pad
        origins = boxes[:, :2] - pad
        start = np.full(n, pad)
    pw, ph = max(4, round(w_mm * s)), max(4, round(h_mm * s))
    stack = sample_many(gray, hmat, origins, pw, ph, s)
    sub = stack[:, ::2, ::2].reshape(n, -1)
    q = round(0.9 * (sub.shape[1] - 1))
    white = np.maximum(np.partition(sub, q, axis=1)[:, q].astype(np.float32), 1.0)
    dark = cfg.strike_darkness_share * max(black, cfg.min_black)
    ink = stack <= (white * np.float32(1.0 - dark))[:, None, None]
    if side > 0:
        # Straight lines running on far past the name both ways (found on ink half as dark:
        # a crease shows fainter in parts), a little tilted as they may be: left out. A
        # voter's line through the name that trails off far on one side only stays.
        faint = (stack <= (white * np.float32(1.0 - dark / 2))[:, None, None]).view(np.uint8)
        sep = 6
        near = unmosaic(cv2.dilate(mosaic(faint, sep), np.ones((5, 5), np.uint8)), n, ph, sep)
        left, right = reach or (cfg.strike_past_mm, cfg.strike_past_mm)
        span = (round((start[0] - left) * s), round((start[0] + 2 * half + right) * s))
        ink &= ~_runs_through(near > 0, max(0, span[0]), min(pw - 1, span[1]))
    else:
        # (each patch holds its own name only: past its end lies the next cell)
        ends = np.round((widths + 2 * pad) * s)
        ink &= (np.arange(pw)[None, :] < ends[:, None])[:, None, :]
    sep = 2
    _, labels, stats, _ = cv2.connectedComponentsWithStats(
        mosaic(ink.view(np.uint8), sep), connectivity=8
    )
    ems = (boxes[:, 3] - boxes[:, 1]) * s
    wide = np.flatnonzero(stats[:, cv2.CC_STAT_WIDTH] >= 2 * cfg.strike_reach_em * ems.min())
    out: dict[int, float] = {}
    for j in wide[wide > 0].tolist():
        x, y, bw, bh, area = (int(v) for v in stats[j, :5])
        k = y // (ph + sep)
        _, b, breaks = named[k]
        reach = cfg.strike_reach_em * ems[k]
        at = [(br - b[0] + start[k]) * s for br in breaks]
        across = [a for a in at if x <= a - reach and x + bw - 1 >= a + reach]
        if not across:
            continue
        # ... along a straight line through it (two printed characters whose strokes touch
        # where the print runs thick join at a corner: no straight line runs on through both).
        piece = (labels[y : y + bh, x : x + bw] == j).view(np.uint8)
        half_line = cfg.strike_line_em * ems[k] / 2
        if any(_straight_through(piece, a - x, half_line, cfg.strike_line_cover) for a in across):
            out[k] = out.get(k, 0.0) + area / (s * s)
    return out


def _runs_through(near: NDArray[np.bool_], a: int, b: int) -> NDArray[np.bool_]:
    """In each row of ``near`` (…, rows, columns) whose pixels are set all the way from
    column ``a`` to column ``b``: that run of set pixels, as far as it goes either way."""
    through = near[..., a : b + 1].all(axis=-1, keepdims=True)
    out = np.zeros_like(near)
    # (from ``a`` leftwards and from ``b`` rightwards, while the row stays set)
    out[..., : a + 1] = np.cumprod(near[..., a::-1], axis=-1, dtype=np.uint8)[..., ::-1] > 0
    out[..., b:] = np.cumprod(near[..., b:], axis=-1, dtype=np.uint8) > 0
    out[..., a : b + 1] = True
    return out & through


def _straight_through(piece: Gray, at: float, half: float, cover: float) -> bool:
    """Does a straight line cross column ``at`` of ``piece`` (0/1), from ``half`` px before
    it to ``half`` px after (at a slope of up to 45° or so), with ink along at least the
    share ``cover`` of it?"""
    h, w = piece.shape
    x0, x1 = round(at - half), round(at + half)
    if x0 < 0 or x1 >= w or x1 <= x0:
        return False
    xs = np.arange(x0, x1 + 1)
    t = (xs - x0) / (x1 - x0)
    ends = np.arange(h, dtype=np.float64)
    ys = np.rint(ends[:, None, None] + (ends[None, :, None] - ends[:, None, None]) * t)
    return bool(piece[ys.astype(np.intp), xs].mean(axis=2).max() >= cover)


def _rings_of_their_own(
    ink: Gray,
    box: Gray,
    cells: NDArray[np.uint16],
    out: Gray,
    s: float,
    cfg: RecognitionConfig,
    ruled: Gray | None = None,
) -> Gray | None:
    """Rings drawn touching a box's mark, outside the box: a small ○ beside a box already
    ringed. ``ink`` (0/1): the ink of the page's table off its printed rules; ``box`` (0/1):
    the boxes; ``cells``: the cells' zones (`beside_boxes`); ``out`` (0/1): the ink of marks
    touching a box, outside the boxes, in the cells — only there is a ring looked for. A ring
    is the ink, outside the boxes, of a mark touching a box that closes round a hole of its
    own at least ``circle_min_diameter_mm`` wide, lying in a cell (not in a printed name). A
    ○ larger than its box pokes out of it in arcs that close round nothing but the box.
    ``ruled`` (0/1): the ink taken out of ``ink`` as the printed rules' (a line and the
    pixels next to it): a small ○ drawn against a rule loses its side along it there, and is
    looked for again with it (see `_ring_in`). None: no ring."""
    ys, xs = np.nonzero(out)
    if ys.size == 0:
        return None
    h, w = ink.shape
    pad = round(cfg.ring_mm * s)
    found: Gray | None = None
    owner = cells[ys, xs]
    for c in np.unique(owner).tolist():
        its = owner == c
        y0, y1 = max(0, int(ys[its].min()) - pad), min(h, int(ys[its].max()) + pad + 1)
        x0, x1 = max(0, int(xs[its].min()) - pad), min(w, int(xs[its].max()) + pad + 1)
        win = (slice(y0, y1), slice(x0, x1))
        ring = _ring_in(ink[win], box[win], cells[win], s, cfg)
        if ring is None and ruled is not None and ruled[win].any():
            ring = _ring_in(ink[win] | ruled[win], box[win], cells[win], s, cfg, ruled[win])
        if ring is not None:
            if found is None:
                found = np.zeros((h, w), np.uint8)
            found[y0:y1, x0:x1] |= ring
    return found


def _ring_in(
    ink: Gray,
    box: Gray,
    cells: NDArray[np.uint16],
    s: float,
    cfg: RecognitionConfig,
    ruled: Gray | None = None,
) -> Gray | None:
    """`_rings_of_their_own` in one window of the table. ``ruled`` (0/1): the printed rules'
    part of ``ink``: a hole whose rim lies on them for more than ``beside_ring_rule_share``
    is no ○'s (a segment a larger ○ closes against a rule), and they are no part of a ring."""
    n, labels = cv2.connectedComponents(ink, connectivity=8)
    touching = np.zeros(n, dtype=bool)
    touching[labels[(box > 0) & (ink > 0)]] = True
    touching[0] = False
    outside = touching[labels].view(np.uint8) & (1 - box)
    if not outside.any():
        return None
    nh, holes, stats, _ = cv2.connectedComponentsWithStats(1 - outside, connectivity=4)
    h, w = ink.shape
    x, y = stats[:, cv2.CC_STAT_LEFT], stats[:, cv2.CC_STAT_TOP]
    x1, y1 = x + stats[:, cv2.CC_STAT_WIDTH], y + stats[:, cv2.CC_STAT_HEIGHT]
    area = stats[:, cv2.CC_STAT_AREA]
    hole = (x > 0) & (y > 0) & (x1 < w) & (y1 < h)
    hole &= area >= math.pi / 4 * (cfg.circle_min_diameter_mm * s) ** 2
    # (round, as a ○'s is: not the sliver between a ○'s arc and a printed rule it touches)
    sides = stats[:, cv2.CC_STAT_WIDTH : cv2.CC_STAT_HEIGHT + 1]
    hole &= sides.min(axis=1) >= 0.5 * sides.max(axis=1)
    if not hole.any():
        return None
    hole[np.unique(holes[box > 0])] = False  # (round a box: a ○ in it, larger than it)
    hole &= np.bincount(holes[cells > 0], minlength=nh) >= 0.5 * area  # in a cell, not a name
    hole[0] = False
    if not hole.any():
        return None
    if ruled is not None:
        # (each hole's rim: the pixels next to it, and how many of them are a rule's)
        for j in np.flatnonzero(hole).tolist():
            mine = (holes == j).view(np.uint8)
            rim = cv2.dilate(mine, np.ones((3, 3), np.uint8)) & (1 - mine)
            if np.count_nonzero(rim & ruled) > cfg.beside_ring_rule_share * np.count_nonzero(rim):
                hole[j] = False
        if not hole.any():
            return None
    k = 2 * max(1, round(s)) + 1  # the ring: its ink within a millimetre of the hole
    near = cv2.dilate(hole[holes].view(np.uint8), np.ones((k, k), np.uint8))
    ring = outside & near & (cells > 0).view(np.uint8)
    if ruled is not None:
        ring &= 1 - ruled
    return ring if ring.any() else None


def marks_on_names(
    gray: Gray,
    hmat: NDArray[np.float64],
    glyphs: dict[str, tuple[Box, NDArray[np.uint8]]],
    codes: Sequence[str],
    black: float,
    cfg: RecognitionConfig,
    shifts: dict[str, tuple[float, float]] | None = None,
    clear: Sequence[Box] = (),
    grow_mm: float | None = None,
    min_mm2: float | None = None,
    clear_of: tuple[float, float] | None = None,
    usual_growth_mm: float | None = None,
) -> dict[str, dict[str, Any]]:
    """Pen marks drawn on the printed names of the candidates ``codes`` (a ✓ or × over the
    characters, a small ○ on one): read from the boxes alone such a voter abstains. The look
    beside the boxes leaves the names' print boxes alone (the print is there); here each
    name's own strokes (``glyphs``: its mask at ``names_px_per_mm`` over its print grown by
    ``names_pad_mm``, from `reports.glyphs`) are fitted to the scan and taken away, and what
    ink is left — not a long straight line (the rules above and below the name) — is a mark.

    ``clear`` (layout mm): printed rules near the names, looked past (a heading word's
    region, `reports.glyphs.heading_glyphs`, may reach the rules between the table's
    columns, or its side); ``grow_mm``, ``min_mm2``: the print's blur and the least ink of a
    mark there, if not ``names_grow_mm`` and ``names_min_mm2`` (bold words blur wider);
    ``clear_of`` (mm, mm²): of that ink, this much must lie this far from the strokes (a
    black-and-white scan thickens bold print all round: a rim, a stroke's width from it);
    ``usual_growth_mm``: how far the print's strokes usually reach past their printed shape
    on a scan, if not ``names_usual_growth_mm``.

    How far this page's print reaches past its printed shape is measured on all the
    ``glyphs`` (the middle of them: a voter's mark over one or two does not move it): a
    black-and-white scan of tinted paper, blurred, blackens the print well past its edge —
    every word bold. What it reaches farther than ``usual_growth_mm`` (up to
    ``names_growth_max_mm``) is the print's too: the strokes are grown by it and ``clear_of``
    lies that much farther off them.

    Found: candidate code → its ink (mm²) and where it lies (a box in mm)."""
    s = cfg.names_px_per_mm
    level = cfg.beside_darkness_share * max(cfg.beside_min_darkness, cfg.strong_rel * black)
    r = max(1, round(cfg.names_search_mm * s))
    k = max(3, round(cfg.beside_paper_mm * s / 4) | 1)
    paper_k = cv2.getStructuringElement(cv2.MORPH_RECT, (k, k))
    moved = shifts or {}
    wanted = [code for code in codes if code in glyphs]
    if not wanted:
        return {}
    fitted: dict[str, tuple[Gray, Gray, float, float]] = {}
    for code in wanted:
        got = _fitted_name(
            gray, hmat, glyphs[code], moved.get(code, (0.0, 0.0)), level, r, s, paper_k, cfg
        )
        if got is not None:
            fitted[code] = got
    base_grow = cfg.names_grow_mm if grow_mm is None else grow_mm
    least = cfg.names_min_mm2 if min_mm2 is None else min_mm2

    def judge(extra: float) -> dict[str, dict[str, Any]]:
        g = max(1, round((base_grow + extra) * s))
        far = None if clear_of is None else (clear_of[0] + extra, clear_of[1])
        grow = cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (2 * g + 1, 2 * g + 1))
        out: dict[str, dict[str, Any]] = {}
        for code in wanted:
            if code not in fitted:
                continue
            ink, placed, ox, oy = fitted[code]
            dx, dy = moved.get(code, (0.0, 0.0))
            h, w = glyphs[code][1].shape
            left = ink & (1 - cast(Gray, cv2.dilate(placed, grow)))
            left[:r, :] = 0  # (only over the name's own place)
            left[r + h :, :] = 0
            left[:, :r] = 0
            left[:, r + w :] = 0
            for c0, c1, c2, c3 in clear:
                a0 = max(0, math.floor((c0 + dx - ox) * s))
                b0 = max(0, math.floor((c1 + dy - oy) * s))
                a1, b1 = math.ceil((c2 + dx - ox) * s), math.ceil((c3 + dy - oy) * s)
                if a1 > a0 and b1 > b0:
                    left[b0:b1, a0:a1] = 0
            if not left.any():
                continue
            found = _ink_off_name(left, placed, (h, w), s, cfg, least, far)
            if found is not None:
                # (a fold's crease or a scanner's streak through the name, run together with
                # the strokes it crosses into pieces beside them — on a black-and-white
                # scan, the print's rim with them: a thin straight line running on in line
                # with itself far past the name both ways, on the paper above and below it,
                # is the paper's; a mark it crosses is judged without it)
                band = _creases_through(gray, hmat, (ox, oy), left.shape, level, paper_k, cfg)
                if band is not None:
                    found = _ink_off_name(left & (1 - band), placed, (h, w), s, cfg, least, far)
            if found is None:
                continue
            area, (sx0, sy0, sx1, sy1) = found
            out[code] = {
                "ink_mm2": round(area / (s * s), 2),
                "box_mm": [
                    round(ox + sx0 / s, 1),
                    round(oy + sy0 / s, 1),
                    round(ox + sx1 / s, 1),
                    round(oy + sy1 / s, 1),
                ],
                "on_name": True,
            }
            if extra > 0:
                out[code]["print_growth_mm"] = round(extra, 2)
        return out

    # The print's growth only ever takes ink away (the strokes grown more, ``clear_of``
    # farther): with none found at the usual growth, none would be at this page's — its
    # measure on every name (most of this look's time) is taken only when something is.
    found_usual = judge(0.0)
    if not found_usual:
        return {}
    reach: list[float] = []
    for code, glyph in glyphs.items():
        got = fitted.get(code) if code in wanted else None
        if got is None and code not in wanted:
            got = _fitted_name(
                gray, hmat, glyph, moved.get(code, (0.0, 0.0)), level, r, s, paper_k, cfg
            )
        if got is None:
            continue
        reach.append(_print_reach(got[0], got[1], s))
    usual = cfg.names_usual_growth_mm if usual_growth_mm is None else usual_growth_mm
    extra = (
        min(cfg.names_growth_max_mm, max(0.0, float(np.median(reach)) - usual)) if reach else 0.0
    )
    return judge(extra) if extra > 0 else found_usual


def _fitted_name(
    gray: Gray,
    hmat: NDArray[np.float64],
    glyph: tuple[Box, NDArray[np.uint8]],
    shift: tuple[float, float],
    level: float,
    r: int,
    s: float,
    paper_k: NDArray[Any],
    cfg: RecognitionConfig,
) -> tuple[Gray, Gray, float, float] | None:
    """`marks_on_names`: a name (``glyph``: its box, layout mm, and mask at ``s`` px/mm)
    on the page, its boxes found ``shift`` (mm) off the map's place: the ink round it (0/1,
    ``level`` darker than the paper, the rules across it left out), its mask where it fits
    that ink (0/1, the same patch: ``r`` px more each side than the mask) and the patch's
    top-left corner (layout mm); None when the name is not found there."""
    (x0, y0, _, _), mask = glyph
    dx, dy = shift
    h, w = mask.shape
    m = r / s
    patch = sample(gray, hmat, x0 + dx - m, y0 + dy - m, w / s + 2 * m, h / s + 2 * m, s)
    patch = patch[: h + 2 * r, : w + 2 * r]
    if patch.shape != (h + 2 * r, w + 2 * r):
        return None
    # (the paper's level round each pixel, a fold's shadow its own: the lightest within
    # a few millimetres, found on the patch reduced — the characters are no wider)
    small = cv2.resize(patch, None, fx=0.25, fy=0.25, interpolation=cv2.INTER_AREA)
    paper = cv2.resize(
        cv2.dilate(small, paper_k),
        (patch.shape[1], patch.shape[0]),
        interpolation=cv2.INTER_LINEAR,
    )
    ink = (patch.astype(np.int16) <= (paper * np.float32(1.0 - level)).astype(np.int16)).view(
        np.uint8
    )
    # (the rules across the cell, above and below the name, where the map puts them off
    # by a little: long straight lines are the paper's — those running on past the name's
    # place, to the patch's side: a word's strokes run together across it where the print is
    # made bold, and are no rule)
    # (the opening runs along the rows alone: only rows with that much ink can hold such a
    # run — half of it touching the patch's side, as OpenCV's opening takes beyond the side
    # to be ink — and the rest are left out of it; the lines' pieces are then told apart in
    # the band of rows that holds them)
    long = max(3, (w * 3) // 5)
    rows = np.flatnonzero(np.count_nonzero(ink, axis=1) >= (long + 1) // 2)
    if rows.size:
        opened = cv2.morphologyEx(ink[rows], cv2.MORPH_OPEN, np.ones((1, long), np.uint8))
        if opened.any():
            lines = np.zeros_like(ink)
            lines[rows] = opened
            top, bottom = int(rows[0]), int(rows[-1]) + 1
            _, labels, stats, _ = cv2.connectedComponentsWithStats(
                lines[top:bottom], connectivity=8
            )
            past = (stats[:, 0] < r) | (stats[:, 0] + stats[:, 2] > r + w)
            past[0] = False
            ink[top:bottom] &= 1 - past[labels].view(np.uint8)
    if np.count_nonzero(ink) <= np.count_nonzero(mask) // 4:
        return None  # (the name not found where it should be: the look beside the boxes')
    # The name's strokes where the scan has them (the map may be off by a millimetre,
    # more where the sheet is bent).
    fit = cv2.matchTemplate(ink.astype(np.float32), mask.astype(np.float32), cv2.TM_CCORR)
    _, _, _, (bx, by) = cv2.minMaxLoc(fit)
    placed = np.zeros_like(ink)
    piece = round(cfg.names_fit_piece_mm * s)
    if w < 4 * piece:
        placed[by : by + h, bx : bx + w] = mask
    else:
        _fit_pieces(ink, mask, (bx, by), piece, round(cfg.names_fit_piece_search_mm * s), placed)
    return ink, placed, x0 + dx - m, y0 + dy - m


def _fit_pieces(
    ink: Gray, mask: Gray, at: tuple[int, int], piece: int, q: int, placed: Gray
) -> None:
    """`_fitted_name`: a long name's ``mask`` (0/1), fitted as a whole to ``ink`` at ``at``
    (its top-left corner, px), placed again about ``piece`` px at a time into ``placed``
    (0/1, as ``ink``). The pieces are cut where the mask has the fewest strokes near each
    cut (between characters); each is fitted within ``q`` px of the whole's place, and
    each is put where the straight line through those fits (the middle of the slopes
    between them, robust to one piece pulled towards a voter's mark over it) puts it: a
    sheet curled or bent shifts a name's print along its length smoothly."""
    bx, by = at
    h, w = mask.shape
    n = max(1, round(w / piece))
    cols = mask.sum(axis=0)
    cuts = [0]
    for i in range(1, n):
        mid, reach = i * w // n, piece // 4
        lo, hi = max(cuts[-1] + 1, mid - reach), min(w - 1, mid + reach)
        cuts.append(lo + int(np.argmin(cols[lo : hi + 1])) if hi > lo else mid)
    cuts.append(w)
    big_h, big_w = ink.shape
    spans = list(itertools.pairwise(cuts))
    seen: list[tuple[float, int, int]] = []  # (the piece's middle, its fit's shift x, y)
    for a, b in spans:
        part = mask[:, a:b]
        px, py = bx + a, by
        l0, t0 = max(0, px - q), max(0, py - q)
        l1, t1 = min(big_w, px + (b - a) + q), min(big_h, py + h + q)
        if not part.any() or l1 - l0 < b - a or t1 - t0 < h:
            continue
        fit = cv2.matchTemplate(
            ink[t0:t1, l0:l1].astype(np.float32), part.astype(np.float32), cv2.TM_CCORR
        )
        _, best, _, (fx, fy) = cv2.minMaxLoc(fit)
        if best > fit[py - t0, px - l0]:  # (else it stays where the whole put it)
            seen.append(((a + b) / 2, l0 + fx - px, t0 + fy - py))
        else:
            seen.append(((a + b) / 2, 0, 0))
    line = [_theil_sen([m for m, _, _ in seen], [d[k] for d in seen]) for k in (1, 2)]
    for a, b in spans:
        mid = (a + b) / 2
        sx, sy = (max(-q, min(q, round(c + k * mid))) for c, k in line)
        x, y = max(0, bx + a + sx), max(0, by + sy)
        part = mask[:, a:b][: big_h - y, : big_w - x]
        placed[y : y + part.shape[0], x : x + part.shape[1]] |= part


def _theil_sen(xs: Sequence[float], ys: Sequence[float]) -> tuple[float, float]:
    """The line (intercept, slope) through the points (``xs``, ``ys``): the middle of the
    slopes between every two, through the middle of the points off it; (0, 0) without
    two."""
    if len(xs) < 2:
        return (float(ys[0]) if ys else 0.0), 0.0
    slopes = [
        (ys[j] - ys[i]) / (xs[j] - xs[i])
        for i in range(len(xs))
        for j in range(i + 1, len(xs))
        if xs[j] != xs[i]
    ]
    k = float(np.median(slopes)) if slopes else 0.0
    return float(np.median([y - k * x for x, y in zip(xs, ys, strict=True)])), k


def _print_reach(ink: Gray, placed: Gray, s: float) -> float:
    """`marks_on_names`: how far (mm) the ink ``ink`` (0/1) reaches past a name's strokes
    ``placed`` (0/1, fitted to it; ``s`` px/mm): the share of each ring of pixels one more
    pixel off the strokes that is ink, summed — the print's edge blurred darker, or a
    black-and-white scan's blackening past it, is ink all along the strokes' edge; a
    voter's stroke across the name fills but a little of each ring."""
    if not placed.any():
        return 0.0
    off = cv2.distanceTransform((1 - placed).astype(np.uint8), cv2.DIST_L2, 5)
    rings = np.ceil(off[(off > 0) & (off <= s)]).astype(np.intp)
    inked = np.ceil(off[(off > 0) & (off <= s) & (ink > 0)]).astype(np.intp)
    n = np.bincount(rings, minlength=int(s) + 2)
    k = np.bincount(inked, minlength=n.size)
    return float(np.sum(k[1:] / np.maximum(n[1:], 1))) / s


def _ink_off_name(
    left: Gray,
    placed: Gray,
    name: tuple[int, int],
    s: float,
    cfg: RecognitionConfig,
    least: float,
    clear_of: tuple[float, float] | None,
) -> tuple[int, tuple[int, int, int, int]] | None:
    """`marks_on_names`: is the ink ``left`` (0/1) off a name's strokes (``placed``, 0/1, the
    name's mask where it was fitted; ``name``: the mask's height and width, px) a mark? Its
    ink (px) and extent (px: x0, y0, x1, y1); None when it is none."""
    h, w = name
    # (a stroke drawn over the characters is cut into pieces by their strokes: judged
    # together, specks aside)
    _, labels, stats, _ = cv2.connectedComponentsWithStats(left, connectivity=8)
    bw, bh = stats[1:, 2], stats[1:, 3]
    thin = cfg.names_line_width_mm * s
    # (a border between two names where a fold bows it into the name's place: a thin
    # line along the cell, as a rule above or below the name is across it)
    along = ((bw <= thin) & (bh >= h / 2)) | ((bh <= thin) & (bw >= w / 2))
    real = (np.maximum(bw, bh) >= cfg.names_speck_mm * s) & ~along
    if not real.any():
        return None
    keep = np.flatnonzero(real) + 1
    sx0 = int(stats[keep, 0].min())
    sy0 = int(stats[keep, 1].min())
    sx1 = int((stats[keep, 0] + stats[keep, 2]).max())
    sy1 = int((stats[keep, 1] + stats[keep, 3]).max())
    area = int(stats[keep, 4].sum())
    if max(sx1 - sx0, sy1 - sy0) < cfg.names_piece_mm * s or area < least * s * s:
        return None
    # (a fold's crease across the name, broken where it is lighter: its pieces on one
    # straight line along the page's sides)
    ys, xs = np.nonzero(np.isin(labels, keep))
    if along_page_sides(xs, ys, cfg.faint_line_width_mm * s):
        return None
    if clear_of is not None:
        f = 2 * max(1, round(clear_of[0] * s)) + 1
        near = cv2.dilate(placed, cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (f, f)))
        if np.count_nonzero(near[ys, xs] == 0) < clear_of[1] * s * s:
            return None
    return area, (sx0, sy0, sx1, sy1)


def _creases_through(
    gray: Gray,
    hmat: NDArray[np.float64],
    origin: tuple[float, float],
    shape: tuple[int, int],
    level: float,
    paper_k: NDArray[Any],
    cfg: RecognitionConfig,
) -> Gray | None:
    """`marks_on_names`: the creases of a fold and a scanner's streaks through the patch of
    the page whose top-left corner is at ``origin`` (layout mm), ``shape`` px at
    ``names_px_per_mm`` — thin straight lines along the page's sides (within
    ``names_crease_tilt_deg``) that run on in line with themselves ``names_crease_past_mm``
    past it both ways. The band (0/1, the patch's px) within ``names_crease_band_mm`` of
    each; None when there is none.

    Looked for down the page and across it, on those two stretches of paper beyond the
    patch: ink at least ``names_crease_darkness`` of ``level`` darker than the paper round it
    (found as `marks_on_names` finds it: a fold's shadow is the paper's level) along the line
    (or a pixel beside it), where it runs thin, along ``names_crease_share`` of each stretch.
    Where it crosses printed strokes (ink on both sides ``names_line_width_mm`` off it) the
    print tells nothing and is looked past; at least half of each stretch must be seen off
    print."""
    s = cfg.names_px_per_mm
    ph, pw = shape
    past = max(1, round(cfg.names_crease_past_mm * s))
    x0, y0 = origin
    off = max(2, round(cfg.names_line_width_mm * s))  # (beside a thin line: paper)
    half = max(1, round(cfg.names_crease_band_mm * s))
    tilt = math.tan(math.radians(cfg.names_crease_tilt_deg))
    band = np.zeros(shape, np.uint8)
    for down in (True, False):
        if down:  # (the patch and the paper above and below it)
            strip = sample(gray, hmat, x0, y0 - past / s, pw / s, ph / s + 2 * past / s, s)
        else:  # (... left and right of it: turned, its lines running down)
            strip = sample(gray, hmat, x0 - past / s, y0, pw / s + 2 * past / s, ph / s, s).T
        strip = np.ascontiguousarray(strip)
        small = cv2.resize(strip, None, fx=0.25, fy=0.25, interpolation=cv2.INTER_AREA)
        paper = cv2.resize(
            cv2.dilate(small, paper_k),
            (strip.shape[1], strip.shape[0]),
            interpolation=cv2.INTER_LINEAR,
        )
        limit = (paper * np.float32(1.0 - cfg.names_crease_darkness * level)).astype(np.int16)
        faint = strip.astype(np.int16) <= limit
        rows, width = faint.shape
        wide = np.zeros_like(faint)
        wide[:, off:-off] = faint[:, : -2 * off] & faint[:, 2 * off :]
        near = faint.copy()
        near[:, 1:] |= faint[:, :-1]
        near[:, :-1] |= faint[:, 1:]
        thin = near & ~wide
        seen = ~wide
        y = np.arange(rows)
        ends = (y < past) | (y >= rows - past)
        y, first = y[ends], (y[ends] < past)
        lean = np.arange(-math.ceil(rows / 2 * tilt), math.ceil(rows / 2 * tilt) + 1)
        middle = (rows - 1) / 2
        found: list[tuple[float, int, int]] = []  # (the least share, lean, column)
        for j in lean.tolist():
            shift = np.rint((y - middle) * (j / max(1.0, middle))).astype(np.intp)
            cols = np.arange(width)[None, :] + shift[:, None]
            inside = (cols >= 0) & (cols < width)
            cols = np.clip(cols, 0, width - 1)
            on = thin[y[:, None], cols] & inside
            looked = seen[y[:, None], cols] & inside
            share = np.ones(width)
            for part in (first, ~first):
                n_seen = looked[part].sum(axis=0)
                share = np.minimum(share, on[part].sum(axis=0) / np.maximum(n_seen, 1))
                share[n_seen < 0.5 * past] = 0.0
            found += [
                (float(share[c]), j, int(c))
                for c in np.flatnonzero(share >= cfg.names_crease_share)
            ]
        # (one line each: a crease is found at a few columns and leans beside its own)
        along, across = (ph, pw) if down else (pw, ph)
        yy = np.arange(along) + past  # (the line over the patch, between the stretches)
        taken: list[int] = []
        for _, j, c in sorted(found, reverse=True):
            if any(abs(c - t) <= 2 * half + 1 for t in taken):
                continue
            taken.append(c)
            at = c + np.rint((yy - middle) * (j / max(1.0, middle))).astype(np.intp)
            for d in range(-half, half + 1):
                xx = at + d
                good = (xx >= 0) & (xx < across)
                if down:
                    band[yy[good] - past, xx[good]] = 1
                else:
                    band[xx[good], yy[good] - past] = 1
    return band if band.any() else None


def rings_between_boxes(
    gray: Gray,
    hmat: NDArray[np.float64],
    cells: dict[str, dict[str, Any]],
    targets: dict[str, list[Box]],
    printed: Sequence[Box],
    black: float,
    cfg: RecognitionConfig,
    shifts: dict[str, tuple[float, float]] | None = None,
) -> dict[str, dict[str, Any]]:
    """Column style: a ○ drawn between the boxes — on the rule between two columns or two
    rows, touching no box (a voter who put the ○ between two choices, or between two
    candidates). Read from the boxes alone such a sheet abstains; in the ring round each
    box, where `beside_boxes` looks, such a ○ shows as a short arc, too straight to tell
    from a slip of the pen. Here the boxes' columns of the table are looked at as a whole:
    the print (the rules, the boxes' sides: straight ink along the page's axes) taken away,
    what is left close together is one mark — a ○ cut in two by the rule it was drawn on is
    one again — and a mark whose ink lies on a small circle all round an empty middle is
    such a ○ (see ``between_*`` in the config).

    ``cells`` (layout mm): each row's cell and the rules across it (`beside_boxes`); only
    cells with rules between columns are looked at, from the first such rule to the cell's
    right side. ``targets``: each row's boxes (ink touching one is the box reader's);
    ``printed``: print boxes (names, heading words) looked past; ``shifts`` as for
    `beside_boxes`.

    Found: the code of the row whose cell holds the ○'s centre → its ink (mm²) and where it
    lies (a box in mm)."""
    moved = shifts or {}
    reach = cfg.between_reach_mm
    areas: list[tuple[str, Rect]] = []
    for code, cell in cells.items():
        rules = cell.get("lines") or ()
        if not rules or code not in targets:
            continue
        dx, dy = moved.get(code, (0.0, 0.0))
        _, cy0, cx1, cy1 = cell["cell"]
        left = min(r[0] for r in rules)
        areas.append((code, (left + dx, cy0 + dy, cx1 + dx, cy1 + dy)))
    if not areas:
        return {}
    s = cfg.between_px_per_mm
    x0 = min(a[0] for _, a in areas) - reach
    y0 = min(a[1] for _, a in areas) - reach
    x1 = max(a[2] for _, a in areas) + reach
    y1 = max(a[3] for _, a in areas) + reach
    patch = sample(gray, hmat, x0, y0, x1 - x0, y1 - y0, s)
    h, w = patch.shape

    def fill(mask: Gray, b: Sequence[float], grow: float, value: int) -> None:
        a0, b0 = max(0, round((b[0] - grow - x0) * s)), max(0, round((b[1] - grow - y0) * s))
        a1, b1 = round((b[2] + grow - x0) * s), round((b[3] + grow - y0) * s)
        if a1 > a0 and b1 > b0:
            mask[b0:b1, a0:a1] = value

    look = np.zeros((h, w), np.uint8)
    for _, a in areas:
        fill(look, a, reach, 1)
    for b in printed:
        fill(look, b, cfg.beside_print_mm, 0)
    boxes = np.zeros((h, w), np.uint8)
    for code, _ in areas:
        dx, dy = moved.get(code, (0.0, 0.0))
        for b in targets[code]:
            fill(boxes, (b[0] + dx, b[1] + dy, b[2] + dx, b[3] + dy), cfg.between_box_clear_mm, 1)
    # Ink: as dark as a pen's against the paper round it (the lightest within a few mm).
    level = cfg.beside_darkness_share * max(cfg.beside_min_darkness, cfg.strong_rel * black)
    k = max(3, round(cfg.beside_paper_mm * s / 4) | 1)
    small = cv2.resize(patch, None, fx=0.25, fy=0.25, interpolation=cv2.INTER_AREA)
    paper = cv2.resize(
        cv2.dilate(small, cv2.getStructuringElement(cv2.MORPH_RECT, (k, k))),
        (w, h),
        interpolation=cv2.INTER_LINEAR,
    )
    ink = (patch.astype(np.int16) <= (paper * np.float32(1.0 - level)).astype(np.int16)).view(
        np.uint8
    )
    # The print: straight runs along the page's axes (the rules, the boxes' sides), with
    # their blurred edges.
    n = max(3, round(cfg.between_line_mm * s))
    down = cast(Gray, cv2.morphologyEx(ink, cv2.MORPH_OPEN, np.ones((n, 1), np.uint8)))
    along = cast(Gray, cv2.morphologyEx(ink, cv2.MORPH_OPEN, np.ones((1, n), np.uint8)))
    lines = cast(Gray, cv2.dilate(down | along, _SQUARE3)) & ink
    rest = ink & (1 - lines) & look
    if not rest.any():
        return {}
    # (from here on only the part of the picture holding such ink is looked at: the same
    # components, found on a few per cent of the pixels)
    ox, oy, ow, oh = cv2.boundingRect(rest)
    rest, boxes = rest[oy : oy + oh, ox : ox + ow], boxes[oy : oy + oh, ox : ox + ow]
    # (ink touching a box, or in one, is the box reader's: a ○ larger than its box)
    count, labels = cv2.connectedComponents(rest, connectivity=8)
    touching = np.zeros(count, dtype=bool)
    touching[labels[boxes > 0]] = True
    touching[0] = True
    rest = np.where(touching[labels], 0, rest).astype(np.uint8)
    if not rest.any():
        return {}
    j = 2 * max(1, round(cfg.between_join_mm * s)) + 1
    # (what is left, with room round it for the joining: as on the whole picture)
    bx, by, bw, bh = cv2.boundingRect(rest)
    px0, py0 = max(0, ox + bx - j), max(0, oy + by - j)
    px1, py1 = min(w, ox + bx + bw + j), min(h, oy + by + bh + j)
    part = np.zeros((py1 - py0, px1 - px0), np.uint8)
    part[oy + by - py0 : oy + by + bh - py0, ox + bx - px0 : ox + bx + bw - px0] = rest[
        by : by + bh, bx : bx + bw
    ]
    rest, lines = part, lines[py0:py1, px0:px1]
    x0, y0 = x0 + px0 / s, y0 + py0 / s  # (the part's corner, mm)
    joined = cv2.dilate(rest, np.ones((j, j), np.uint8))
    ng, groups, stats, _ = cv2.connectedComponentsWithStats(joined, connectivity=8)
    rmin, rmax = (v * s for v in cfg.between_radius_mm)
    out: dict[str, dict[str, Any]] = {}
    for g in range(1, ng):
        gx, gy, gw, gh, _ = (int(v) for v in stats[g])
        if not (2 * rmin <= max(gw, gh) and min(gw, gh) <= 2 * rmax + j):
            continue
        mine = (groups[gy : gy + gh, gx : gx + gw] == g) & (rest[gy : gy + gh, gx : gx + gw] > 0)
        ys, xs = np.nonzero(mine)
        if ys.size < cfg.between_min_mm2 * s * s:
            continue
        ring = _small_ring(
            xs.astype(np.float64),
            ys.astype(np.float64),
            lines[gy : gy + gh, gx : gx + gw],
            (rmin, rmax),
            cfg,
        )
        if ring is None:
            continue
        cx, cy = x0 + (gx + ring[0]) / s, y0 + (gy + ring[1]) / s
        owner = next(
            (c for c, a in areas if a[0] <= cx <= a[2] and a[1] <= cy <= a[3]),
            min(areas, key=lambda ca: _distance(ca[1], cx, cy))[0],
        )
        if owner in out:
            continue
        out[owner] = {
            "ink_mm2": round(ys.size / (s * s), 2),
            "box_mm": [
                round(x0 + (gx + int(xs.min())) / s, 1),
                round(y0 + (gy + int(ys.min())) / s, 1),
                round(x0 + (gx + int(xs.max()) + 1) / s, 1),
                round(y0 + (gy + int(ys.max()) + 1) / s, 1),
            ],
            "between_boxes": True,
        }
    return out


def _distance(b: Rect, x: float, y: float) -> float:
    """How far (mm) the point (x, y) lies from the rectangle ``b``."""
    return math.hypot(max(b[0] - x, 0.0, x - b[2]), max(b[1] - y, 0.0, y - b[3]))


def _small_ring(
    xs: NDArray[np.float64],
    ys: NDArray[np.float64],
    print_: Gray,
    radius: tuple[float, float],
    cfg: RecognitionConfig,
) -> tuple[float, float] | None:
    """The centre (px) of the circle the ink pixels (``xs``, ``ys``) lie on, when they make a
    small ○ (`rings_between_boxes`): None otherwise. ``print_`` (0/1, the same window):
    the print taken away, where the ○ may run under a rule it crosses."""
    # (the circle that fits them best, algebraically: x² + y² = a x + b y + c)
    a_ = np.stack([xs, ys, np.ones_like(xs)], axis=1)
    try:
        (a, b, c), *_ = np.linalg.lstsq(a_, xs * xs + ys * ys, rcond=None)
    except np.linalg.LinAlgError:
        return None
    cx, cy = a / 2, b / 2
    r2 = c + cx * cx + cy * cy
    if r2 <= 0:
        return None
    r = math.sqrt(r2)
    if not radius[0] <= r <= radius[1]:
        return None
    rho = np.hypot(xs - cx, ys - cy)
    if float(np.std(rho)) > cfg.between_max_spread * r:
        return None
    if np.count_nonzero(rho < 0.45 * r) > 0:
        return None  # (ink in its middle: a blot, a ×, not a ○)
    # All round: its ink and the print under it where it runs on the circle.
    py, px_ = np.nonzero(print_)
    prho = np.hypot(px_ - cx, py - cy)
    band = max(1.5, 0.25 * r)
    on = np.abs(prho - r) <= band
    ax = np.concatenate([xs, px_[on].astype(np.float64)])
    ay = np.concatenate([ys, py[on].astype(np.float64)])
    bins = 36

    def cover(x: NDArray[np.float64], y: NDArray[np.float64]) -> int:
        idx = ((np.arctan2(y - cy, x - cx) + math.pi) / (2 * math.pi) * bins).astype(np.int64)
        return int(np.count_nonzero(np.bincount(idx % bins, minlength=bins)))

    # (the print fills only the gaps where the ○ crosses it: the ink itself runs most of the
    # way round — a fold's shadow boxed in by the rules is no ○)
    if cover(xs, ys) < cfg.between_min_own_cover * bins or cover(ax, ay) < (
        cfg.between_min_cover * bins
    ):
        return None
    return cx, cy


def _darkest_of(img: Gray, f: int) -> Gray:
    """``img`` reduced ``f`` times (its last rows and columns short of a whole ``f`` left
    out), each pixel the darkest of the f × f it stands for: a thin pen stroke keeps its
    darkness, where averaging would pale it into the paper."""
    if f == 1:
        return img.copy()
    h, w = img.shape[0] // f * f, img.shape[1] // f * f
    out = cv2.erode(img[:h, :w], np.ones((f, f), np.uint8), anchor=(0, 0))[::f, ::f]
    return np.ascontiguousarray(out)


def _boxes_of(labels: NDArray[np.int32], n: int) -> NDArray[np.int64]:
    """Each label's bounding box (x, y, width, height), as `connectedComponentsWithStats`
    gives it, for a sparse label image (several times quicker than that call there); label 0
    (the background) and labels not present get an empty box."""
    ys, xs = np.nonzero(labels)
    out = np.zeros((n, 4), dtype=np.int64)
    if ys.size == 0:
        return out
    lab = labels[ys, xs]
    order = np.argsort(lab, kind="stable")
    lab, xs, ys = lab[order], xs[order], ys[order]
    starts = np.flatnonzero(np.concatenate([[True], lab[1:] != lab[:-1]]))
    which = lab[starts]
    x0, y0 = np.minimum.reduceat(xs, starts), np.minimum.reduceat(ys, starts)
    x1, y1 = np.maximum.reduceat(xs, starts), np.maximum.reduceat(ys, starts)
    out[which] = np.stack([x0, y0, x1 - x0 + 1, y1 - y0 + 1], axis=1)
    return out


def _across_turned(
    line: tuple[float, float, float, float],
    dark: NDArray[np.float32],
    level: float,
    own: Gray | None = None,
) -> float:
    """`_across` for the line through the same point turned by up to 4° either way, the
    most: a short piece's own direction is too rough to follow a streak or a crease across
    the whole table."""
    vx, vy, cx, cy = line
    best = 0.0
    for deg in np.arange(-4.0, 4.01, 0.5):
        t = math.radians(float(deg))
        c, s = math.cos(t), math.sin(t)
        best = max(best, _across((vx * c - vy * s, vx * s + vy * c, cx, cy), dark, level, own))
    return best
