"""Writing on a blank back (背面字迹), and part of a ballot's front taken for a back.

A ballot scanned on both sides gives a blank back page after each front; the blank test
(`register.dark_share`) looks at the middle of the page and forgives a little ink, as a
back shows the front's print through the paper and gathers dust. A voter's name or number
written small on the back, or in its margins, passes that test — and the front, carrying
an identifying mark, would count unseen. Here the whole back (but a band along its edges,
where a scanner shows the lid or the sheet's own edge) is looked at for pen strokes:
pieces of ink dark as a pen's, thin as a stroke (not a solid block of print showing
through, not a speck of dust), together enough to be writing — or one such stroke alone,
large and as wide as a pen's (a number written big, '3').

A page holding only part of a ballot's front — a sheet that jammed in the feeder (upside
down: its foot, turned over), a scan that started late (its top missing) — is as light as a
back, or has too few squares to be read: skipped as a back it would be a ballot lost without
a word, and with writing found on it, the ballot before it held as if this were its back.
It shows what no back shows: two of the ballot's corner squares, solid and black as print,
as far apart as along one of its edges (`ballot_part`).
"""

from __future__ import annotations

import math
from typing import Any

import cv2
import numpy as np
from numpy.typing import NDArray

from huanjie_desktop.recognition.config import RecognitionConfig
from huanjie_desktop.recognition.register import (
    FiducialGeometry,
    Overview,
    refined_square,
    square_candidates,
)

Gray = NDArray[np.uint8]


def writing_on_back(
    gray: Gray,
    white: float,
    px_per_mm: float,
    cfg: RecognitionConfig,
    scanned: tuple[Gray, float] | None = None,
) -> dict[str, Any] | None:
    """What was found written on the blank page ``gray`` (paper grey ``white``, about
    ``px_per_mm``), or None when nothing written is there. ``scanned``: the page as scanned
    and its paper grey, when ``gray`` was evened out (the scanner's dark background round
    the sheet is found there: evening lightens it)."""
    s = px_per_mm
    edge = round(cfg.back_edge_mm * s)
    h, w = gray.shape
    if h <= 2 * edge or w <= 2 * edge:
        return None
    inner = gray[edge : h - edge, edge : w - edge]
    dark = (inner < white * (1.0 - cfg.back_dark)).view(np.uint8)
    if not dark.any():
        return None
    # What runs off the page is no writing on it: the scanner's dark background round a
    # sheet placed askew or a small one, the lid's shadow, a dark edge. (Writing there would
    # run into it; a person sees such a page's front anyway if it were so.)
    if scanned is not None and scanned[0].shape == gray.shape:
        page, paper = scanned
        frame = (page[edge : h - edge, edge : w - edge] < paper * (1.0 - cfg.back_dark)).view(
            np.uint8
        )
    else:
        frame = dark
    n, labels, stats, _ = cv2.connectedComponentsWithStats(frame, connectivity=8)
    hh, ww = dark.shape
    x0, y0 = stats[:, cv2.CC_STAT_LEFT], stats[:, cv2.CC_STAT_TOP]
    x1, y1 = x0 + stats[:, cv2.CC_STAT_WIDTH], y0 + stats[:, cv2.CC_STAT_HEIGHT]
    off = (x0 == 0) | (y0 == 0) | (x1 == ww) | (y1 == hh)
    off[0] = False
    if off.any():
        # ... and a band along it as wide as the page's own edge band: where the paper meets
        # the background, lit unevenly or evened out, its edge breaks into dark slivers
        outside = off[labels].view(np.uint8)
        reach = 2 * edge + 1
        shore = cv2.dilate(outside, cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (reach, reach)))
        dark[shore > 0] = 0
    # (a streak of the scanner's glass or a crease runs along most of the page: no writing)
    dark[:, dark.mean(axis=0) > 0.6] = 0
    dark[dark.mean(axis=1) > 0.6, :] = 0
    # Long straight lines — a fold's creases, crossing, a sheet's edge askew — go with a band
    # round them: what lies on them is no writing (no hand writes a straight line this long).
    lines = cv2.HoughLinesP(
        dark,
        1,
        np.pi / 360,
        threshold=round(cfg.back_line_min_mm * s),
        minLineLength=cfg.back_line_min_mm * s,
        maxLineGap=cfg.back_line_max_width_mm * s,
    )
    if lines is not None:
        band = max(1, round(cfg.back_line_max_width_mm * s))
        for xa, ya, xb, yb in lines[:, 0]:
            cv2.line(dark, (int(xa), int(ya)), (int(xb), int(yb)), 0, band)
    # Solid print showing through (a square, a block) is what an opening wider than a pen's
    # stroke keeps: taken away, strokes are left (its rim is a hair's width).
    k = max(3, round(cfg.back_max_stroke_mm * s) | 1)
    solid = cv2.morphologyEx(
        dark, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (k, k))
    )
    dark[solid > 0] = 0
    n, labels, stats, _ = cv2.connectedComponentsWithStats(dark, connectivity=8)
    if n <= 1:
        return None
    st = stats[1:].astype(np.float64)
    area = st[:, cv2.CC_STAT_AREA] / (s * s)  # mm²
    long_side = np.maximum(st[:, cv2.CC_STAT_WIDTH], st[:, cv2.CC_STAT_HEIGHT]) / s  # mm
    strokes = (area >= cfg.back_min_piece_mm2) & (long_side >= cfg.back_min_piece_mm)
    # A long straight line is a fold's crease or a sheet's edge askew, not writing.
    for j in np.flatnonzero(strokes & (long_side >= cfg.back_line_min_mm)):
        ys, xs = np.nonzero(labels == j + 1)
        (_, _), (rw, rh), _ = cv2.minAreaRect(np.column_stack([xs, ys]).astype(np.float32))
        if min(rw, rh) <= cfg.back_line_max_width_mm * s:
            strokes[j] = False
    best = _writing(labels, stats, strokes, area, long_side, s, edge, cfg)
    if best is None:
        return None
    # Where two creases cross, their shadows add up to a pen's dark: an L or a cross, its arms
    # along the creases, lighter beyond but running on across the sheet. A piece lying wholly
    # on such a line (no hand writes along a crease beyond what it wrote) is no writing.
    pixels = stats[1:, cv2.CC_STAT_AREA]
    for _ in range(3):  # (and the next largest, when that was a crossing too)
        creased = _on_creases(inner, labels, pixels, strokes, best["box_px"], s, cfg)
        if not creased.any():
            break
        strokes = strokes & ~creased
        best = _writing(labels, stats, strokes, area, long_side, s, edge, cfg)
        if best is None:
            return None
    del best["box_px"]
    return best


def _writing(
    labels: NDArray[Any],
    stats: NDArray[Any],
    strokes: NDArray[np.bool_],
    area: NDArray[np.float64],
    long_side: NDArray[np.float64],
    s: float,
    edge: int,
    cfg: RecognitionConfig,
) -> dict[str, Any] | None:
    """The largest group of the pieces ``strokes`` (of ``labels``, their ``stats``) that is
    writing (`writing_on_back`), with the box round it in pixels ("box_px"), or None."""
    if not strokes.any():
        return None
    n = len(stats)
    st = stats[1:].astype(np.float64)
    # Writing is strokes close together (a character's, a name's): pieces within
    # ``back_near_mm`` of each other are one group; the largest group is looked at.
    keep = np.zeros(n, dtype=np.uint8)
    keep[1:][strokes] = 1
    pieces_mask = keep[labels]
    near = max(3, round(cfg.back_near_mm * s) | 1)
    grown = cv2.dilate(pieces_mask, cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (near, near)))
    _, groups = cv2.connectedComponents(grown, connectivity=8)
    # (a piece's group: the group of any of its pixels, the growing keeps them all inside)
    ys, xs = np.nonzero(pieces_mask)
    owners, at = np.unique(labels[ys, xs] - 1, return_index=True)
    group = np.full(n - 1, -1, dtype=np.int64)
    group[owners] = groups[ys[at], xs[at]]
    best: dict[str, Any] | None = None
    for g in np.unique(group[group > 0]):
        members = group == g
        ink = float(area[members].sum())
        count = int(np.count_nonzero(members))
        if ink < cfg.back_min_ink_mm2:
            continue
        if count < 2:
            # One stroke alone is writing when it is large and as wide as a pen's: a digit,
            # a ○ or a ✓ drawn big (a hair on the glass is as long, but a tenth as wide).
            one = int(np.flatnonzero(members)[0])
            if long_side[one] < cfg.back_single_min_mm or area[one] < (
                cfg.back_single_min_width_mm * long_side[one]
            ):
                continue
        x0m = float(st[members, cv2.CC_STAT_LEFT].min())
        y0m = float(st[members, cv2.CC_STAT_TOP].min())
        x1m = float((st[members, cv2.CC_STAT_LEFT] + st[members, cv2.CC_STAT_WIDTH]).max())
        y1m = float((st[members, cv2.CC_STAT_TOP] + st[members, cv2.CC_STAT_HEIGHT]).max())
        found = {
            "ink_mm2": round(ink, 1),
            "pieces": count,
            "extent_mm": round(max(x1m - x0m, y1m - y0m) / s, 1),
            "at_mm": [round((x0m + edge) / s, 1), round((y0m + edge) / s, 1)],
            "px_per_mm": round(s, 4),  # (of the image read: where it is, to show it)
            "box_px": (round(x0m), round(y0m), round(x1m), round(y1m)),
        }
        if best is None or ink > best["ink_mm2"]:
            best = found
    return best


def _on_creases(
    inner: Gray,
    labels: NDArray[Any],
    pixels: NDArray[Any],
    strokes: NDArray[np.bool_],
    box: tuple[int, int, int, int],
    s: float,
    cfg: RecognitionConfig,
) -> NDArray[np.bool_]:
    """Which of the pieces ``strokes`` (of ``labels``, ``pixels`` each) lie wholly on a crease
    running through ``box`` (what was taken for writing, in pixels): a straight line in what
    is ``back_crease_dark`` darker than the paper beside it, found ``back_line_min_mm``
    long or more on both sides of the box — and not in it: writing there makes no line
    beyond it — in one line through it."""
    out = np.zeros(len(strokes), dtype=np.bool_)
    x0, y0, x1, y1 = box
    reach = round(2 * cfg.back_line_min_mm * s)
    hh, ww = inner.shape
    wx0, wy0 = max(0, x0 - reach), max(0, y0 - reach)
    wx1, wy1 = min(ww, x1 + reach), min(hh, y1 + reach)
    # (darker than the paper round it, a few millimetres — a shadow over the sheet or its
    # tint is no crease —, the paper's lightest smoothed a little: the scanner's noise is none)
    near = inner[wy0:wy1, wx0:wx1]
    k = max(3, round(2 * cfg.back_line_max_width_mm * s) | 1)
    paper = cv2.dilate(cv2.blur(near, (3, 3)), cv2.getStructuringElement(cv2.MORPH_RECT, (k, k)))
    faint = (near < paper * (1.0 - cfg.back_crease_dark)).view(np.uint8)
    if faint.mean() > 0.1:  # (a page dark all over there: no line to be told from it)
        return out
    gap = round(cfg.back_line_max_width_mm * s)
    bx0, by0, bx1, by1 = x0 - wx0 - gap, y0 - wy0 - gap, x1 - wx0 + gap, y1 - wy0 + gap
    faint[max(0, by0) : max(0, by1), max(0, bx0) : max(0, bx1)] = 0
    lines = cv2.HoughLinesP(
        faint,
        1,
        np.pi / 360,
        threshold=round(cfg.back_line_min_mm * s),
        minLineLength=cfg.back_line_min_mm * s,
        maxLineGap=gap,
    )
    if lines is None:
        return out
    band = np.zeros_like(faint)
    rect = (bx0, by0, bx1 - bx0, by1 - by0)
    for (xa, ya), (xb, yb) in _line_spans(lines[:, 0], max(1, gap)):
        # (a line found on both sides of the box: the joined span crosses it)
        if cv2.clipLine(rect, (xa, ya), (xb, yb))[0]:
            cv2.line(band, (xa, ya), (xb, yb), 1, max(1, gap))
    if not band.any():
        return out
    on = np.bincount(labels[wy0:wy1, wx0:wx1][band > 0], minlength=len(strokes) + 1)[1:]
    return strokes & (on >= 0.9 * pixels)


def _line_spans(
    segments: NDArray[Any], near: float
) -> list[tuple[tuple[int, int], tuple[int, int]]]:
    """The stretches of straight line ``segments`` (x0, y0, x1, y1) that lie on one line —
    each end of either within ``near`` of the other's line, and as slanted — joined: for
    each such line of two stretches or more, its two ends farthest apart."""
    seg = segments.astype(np.float64)
    a, b = seg[:, :2], seg[:, 2:]
    d = b - a
    length = np.hypot(d[:, 0], d[:, 1])
    # (the longest few hundred: a blank page's lines are few, and the cost stays small)
    ok = np.flatnonzero(length > 0)
    ok = ok[np.argsort(-length[ok], kind="stable")[:300]]
    a, b, d, length = a[ok], b[ok], d[ok], length[ok]
    count = len(a)
    if count < 2:
        return []
    u = d / length[:, None]
    normal = np.stack([-u[:, 1], u[:, 0]], axis=1)
    # (distance of each end of j from i's line; same slant within a few degrees)
    off_a = np.abs(((a[None, :, :] - a[:, None, :]) * normal[:, None, :]).sum(axis=2))
    off_b = np.abs(((b[None, :, :] - a[:, None, :]) * normal[:, None, :]).sum(axis=2))
    on = (off_a <= near) & (off_b <= near)
    on &= on.T
    on &= np.abs((u[:, None, :] * u[None, :, :]).sum(axis=2)) >= math.cos(math.radians(3.0))
    owner = np.arange(count)
    for i in range(count):  # (few lines: joined one by one)
        for j in np.flatnonzero(on[i, i + 1 :]) + i + 1:
            ri, rj = owner[i], owner[j]
            if ri != rj:
                owner[owner == rj] = ri
    spans: list[tuple[tuple[int, int], tuple[int, int]]] = []
    for r in np.unique(owner):
        members = np.flatnonzero(owner == r)
        if len(members) < 2:
            continue
        ends = np.vstack([a[members], b[members]])
        along = ends @ u[members[np.argmax(length[members])]]
        p, q = ends[int(np.argmin(along))], ends[int(np.argmax(along))]
        spans.append(((int(p[0]), int(p[1])), (int(q[0]), int(q[1]))))
    return spans


def ballot_part(
    gray: Gray, geometries: list[FiducialGeometry], cfg: RecognitionConfig, overview: Overview
) -> dict[str, Any] | None:
    """Two corner squares of a ballot along one of its edges on the page ``gray`` (its
    ``overview``): the page is (part of) a ballot's front, whatever else it lacks; None when
    no two such squares are there.

    Solid squares dark as print (the overview's square candidates, their darkness against
    the paper round them at least ``part_min_black``: a front showing through a back is far
    lighter), each measured on the page as a registration square is; two of them
    alike in size and as far apart, at the scale their size gives, as two corner squares of
    a layout along one edge (top, foot or a side), that edge along the image's rows or columns
    (a sheet in a feeder is turned a few degrees at most). The scale comes from the squares
    alone: a page cut short says nothing of it by its size."""
    f = overview.factor
    squares: list[tuple[float, float, float]] = []
    for x, y, side in square_candidates(overview, cfg):
        got = refined_square(gray, x / f, y / f, side / f)
        # (as dark as print: a front showing through a back, however thin the paper, is
        # half as dark at most)
        if got is not None and got[3] >= cfg.part_min_black:
            squares.append(got[:3])
    if len(squares) < 2:
        return None
    longest = max(gray.shape)
    for g in geometries:
        tl, tr, br, bl = g.centres[:4]
        # (top, foot, left and right: a part turned over shows its foot where a top would be)
        edges = [math.dist(tl, tr), math.dist(bl, br), math.dist(tl, bl), math.dist(tr, br)]
        for i, (xa, ya, sa) in enumerate(squares):
            for xb, yb, sb in squares[i + 1 :]:
                if max(sa, sb) > cfg.part_side_spread * min(sa, sb):
                    continue
                per_mm = (sa + sb) / 2 / g.size_mm
                # (the image no larger than a sheet of that paper at this scale, and a half:
                # a small square far from another in a large image is no ballot's)
                if longest > 1.5 * max(g.paper_w, g.paper_h) * per_mm:
                    continue
                dx, dy = abs(xb - xa), abs(yb - ya)
                angle = math.degrees(math.atan2(min(dx, dy), max(dx, dy)))
                if angle > cfg.part_max_tilt_deg:
                    continue
                apart = math.hypot(dx, dy) / per_mm
                for length in edges:
                    if abs(apart - length) <= cfg.part_distance_tolerance * length:
                        return {
                            "apart_mm": round(apart, 1),
                            "edge_mm": round(length, 1),
                            "squares_px": [
                                [round(xa, 1), round(ya, 1)],
                                [round(xb, 1), round(yb, 1)],
                            ],
                            "px_per_mm": round(per_mm, 3),
                        }
    return None
