"""Paper hidden inside the image: part of the sheet folded under, or another sheet lying over it.

A scan cut short loses paper past the image's edge (`pipeline` says ``cut_off`` or
``blank_cut_off``). A sheet whose bottom is folded under, or with another sheet lying over its
side on the glass, loses paper *inside* the image: the scanner's lid (white, or a feeder's
black backing) shows where the paper was. The page is still mapped — from the squares that
are left, the code and the boxes — and every box may be in sight, yet writing on the hidden
paper (a name below the table: an identifying mark) or a mark beside a box there cannot be
seen. Only printed matter tells: the corner squares, and the bar printed between the bottom
ones, each where the map puts it inside the image and not there.

Paper is hidden in one place — a stretch: a corner's square gone, with what runs on from it
gone too (the orientation square beside the top-left one, the bar from a bottom corner), and
two corners on one side of the sheet one stretch when nothing printed between them along
that side is seen (the bar along the bottom; along the left and right sides the table's
frame, when it lies near the side; along the top the code's finder squares): the side folded
under or covered. A stretch over less than ``hidden_min_span_mm`` is a dog-ear, a staple, a
square torn or inked over — one at each of two corners, too: the page reads as it always
has. A stretch over more — the bottom folded under, a sheet over a side, a corner folded far
over — is paper hidden: the sheet goes to a person, who looks at the paper.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import NDArray

from huanjie_desktop.domain.layout import BallotLayout, Box
from huanjie_desktop.recognition.config import RecognitionConfig
from huanjie_desktop.recognition.marks import sample

Gray = NDArray[np.uint8]

#: Resolution (px/mm) the printed pieces are looked at.
_PX_PER_MM = 4.0


@dataclass(frozen=True)
class _Piece:
    name: str
    box: Box  # the printed piece (layout mm)
    grow: tuple[float, float]  # how far round it is looked (mm, across and down)


#: The sheet's sides and the corners at their ends.
_SIDES = {"top": ("tl", "tr"), "right": ("tr", "br"), "bottom": ("bl", "br"), "left": ("tl", "bl")}


def _pieces(
    lay: BallotLayout, cfg: RecognitionConfig
) -> tuple[list[_Piece], list[_Piece], dict[str, list[_Piece]]]:
    """The corner squares (TL, TR, BR, BL, orientation), the bar's pieces, left to right
    (none when the layout does not say where its bar is), and what is printed along each
    side between its corners (`_between`)."""
    g = cfg.hidden_search_mm
    names = ("tl", "tr", "br", "bl", "cue")
    squares = [_Piece(n, b, (g, g)) for n, b in zip(names, lay.fiducials[:5], strict=False)]
    bar = lay.extra.get("bar")
    pieces: list[_Piece] = []
    if bar:
        x0, y0, x1, y1 = bar
        pieces = [
            _Piece(f"bar{k}", (a, y0, b, y1), (0.0, cfg.hidden_bar_search_mm))
            for k, (a, b) in enumerate(_cut(x0, x1, cfg.hidden_bar_piece_mm))
        ]
    return squares, pieces, {"bottom": pieces, **_between(lay, cfg)}


def _cut(a: float, b: float, piece: float) -> list[tuple[float, float]]:
    """[a, b] cut into pieces about ``piece`` long."""
    n = max(1, round((b - a) / piece))
    step = (b - a) / n
    return [(a + k * step, a + (k + 1) * step) for k in range(n)]


def _between(lay: BallotLayout, cfg: RecognitionConfig) -> dict[str, list[_Piece]]:
    """What is printed along the top, left and right sides between their corners: seen
    there, the paper along that side is not all hidden. Along the left and right sides the
    table's frame (the outer edges of its outermost cells), where it lies at most
    ``hidden_side_print_mm`` from the side, in pieces; along the top the code's two upper
    finder squares (7 modules, a dark ring round a dark core)."""
    out: dict[str, list[_Piece]] = {"top": [], "left": [], "right": []}
    g = cfg.hidden_frame_search_mm
    cells = [c["cell"] for c in lay.extra.get("cells", {}).values() if "cell" in c]
    if cells:
        # (the frame's line, 0.3–0.5 mm: the piece is its middle, looked at across it)
        line = 0.3
        for side, x in (("left", min(c[0] for c in cells)), ("right", max(c[2] for c in cells))):
            if (x if side == "left" else lay.paper_w - x) > cfg.hidden_side_print_mm:
                continue
            edge = [c for c in cells if abs((c[0] if side == "left" else c[2]) - x) < 0.01]
            y0, y1 = min(c[1] for c in edge), max(c[3] for c in edge)
            out[side] = [
                _Piece(f"{side}{k}", (x - line / 2, a, x + line / 2, b), (g, 0.0))
                for k, (a, b) in enumerate(_cut(y0, y1, cfg.hidden_bar_piece_mm))
            ]
    if lay.extra.get("qr_module_mm"):
        # (looked at a module round: the code's own white separator, and the map is fitted
        # to the code)
        m = float(lay.extra["qr_module_mm"])
        x0, y0, x1, _ = lay.qr
        out["top"] = [
            _Piece("code_l", (x0, y0, x0 + 7 * m, y0 + 7 * m), (m, m)),
            _Piece("code_r", (x1 - 7 * m, y0, x1, y0 + 7 * m), (m, m)),
        ]
    return out


def _state(gray: Gray, hm: NDArray[np.float64], p: _Piece, cfg: RecognitionConfig) -> str:
    """The piece's state: "print", "gone" (no print where the piece is: paper, the lid, a
    black backing all of one level), "outside" (the image does not hold all of the place
    looked at) or "unsure" (some ink, too little or too much for the piece: a smudge, a
    staple)."""
    x0, y0, x1, y1 = p.box
    gx, gy = p.grow
    wx0, wy0, wx1, wy1 = x0 - gx, y0 - gy, x1 + gx, y1 + gy
    corners = np.array([[wx0, wy0, 1.0], [wx1, wy0, 1.0], [wx1, wy1, 1.0], [wx0, wy1, 1.0]])
    xy = corners @ hm.T
    xy = xy[:, :2] / xy[:, 2:]
    h, w = gray.shape
    if xy[:, 0].min() < 1 or xy[:, 1].min() < 1 or xy[:, 0].max() > w - 2 or xy[:, 1].max() > h - 2:
        return "outside"
    s = _PX_PER_MM
    win = sample(gray, hm, wx0, wy0, wx1 - wx0, wy1 - wy0, s)
    # (the paper round the piece is its own reference: a shadow, tinted paper, and the lid's
    # or a black backing's one level where the paper is hidden — then nothing is darker)
    paper = float(np.percentile(win, 95))
    ink = float(np.count_nonzero(win < paper * (1.0 - cfg.hidden_dark))) / (s * s)
    area = (x1 - x0) * (y1 - y0)
    if ink <= cfg.hidden_gone_share * area:
        return "gone"
    if cfg.hidden_print_share[0] * area <= ink <= cfg.hidden_print_share[1] * area:
        return "print"
    return "unsure"


def hidden_print(
    gray: Gray, hm: NDArray[np.float64], lay: BallotLayout, cfg: RecognitionConfig
) -> dict[str, Any]:
    """What of the sheet's printed squares and bar is gone where the image holds it
    (``hm``: layout mm → px of ``gray``): each piece's state, the pieces taken as hidden
    paper, its stretches (pieces gone in one place) and how far the longest spans (mm).

    A stretch starts at a corner whose square is gone; the orientation square beside the
    top-left one joins that corner's; the bar joins a bottom corner's as a run from its end
    (a fold reaches in from the sheet's edge), and only where it shows somewhere (a scanner
    that drops its colour, a black-and-white scan's threshold, loses all of it). Two corners
    on one side are one stretch unless something printed between them along that side
    shows: with nothing seen there (nothing printed near it, or all of it gone), the side
    may be folded under or covered from one to the other."""
    squares, bar, between = _pieces(lay, cfg)
    states = {p.name: _state(gray, hm, p, cfg) for p in (*squares, *bar)}
    gone = {p.name for p in squares if states[p.name] == "gone"}
    stretch: dict[str, list[_Piece]] = {p.name: [p] for p in squares if p.name in gone}
    if "cue" in stretch and "tl" in stretch:
        stretch["tl"] += stretch.pop("cue")
    if any(states[p.name] == "print" for p in bar):
        for corner, run in (("bl", bar), ("br", bar[::-1])):
            if corner not in gone:
                continue
            for p in run:
                if states[p.name] != "gone":
                    break
                stretch[corner].append(p)
    # (each corner's stretch by name; joined ones share one list)
    for side, (a, b) in _SIDES.items():
        if a not in stretch or b not in stretch or stretch[a] is stretch[b]:
            continue
        shown = False
        for p in between.get(side, []):
            states[p.name] = _state(gray, hm, p, cfg)
            shown = shown or states[p.name] == "print"
        if not shown:
            joined = stretch[a] + stretch[b]
            for k, v in list(stretch.items()):
                if v is stretch[a] or v is stretch[b]:
                    stretch[k] = joined
    runs: list[list[_Piece]] = []
    for v in stretch.values():
        if not any(v is r for r in runs):
            runs.append(v)
    out: dict[str, Any] = {
        # (the pieces not printed as they should be: most pages show them all)
        "states": {k: v for k, v in states.items() if v != "print"},
        "hidden": [p.name for r in runs for p in r],
        "stretches": [[p.name for p in r] for r in runs],
        "span_mm": 0.0,
    }
    if runs:
        spans = [(_span(r), r) for r in runs]
        span, longest = max(spans, key=lambda sr: sr[0])
        x0, y0, x1, y1 = _box(longest)
        out["span_mm"] = round(span, 1)
        out["box_mm"] = [round(v, 1) for v in (x0, y0, x1, y1)]  # (outlined for a person)
    return out


def _box(pieces: list[_Piece]) -> Box:
    """The box round ``pieces`` (layout mm)."""
    return (
        min(p.box[0] for p in pieces),
        min(p.box[1] for p in pieces),
        max(p.box[2] for p in pieces),
        max(p.box[3] for p in pieces),
    )


def _span(pieces: list[_Piece]) -> float:
    """How far ``pieces`` span: the diagonal of the box round them (mm)."""
    x0, y0, x1, y1 = _box(pieces)
    return math.hypot(x1 - x0, y1 - y0)
