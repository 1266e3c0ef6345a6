"""Paper hidden inside the image: part of the sheet folded under, or another sheet lying over it.

A scan cut short loses paper past the image's edge (`pipeline` says ``cut_off`` or
``blank_cut_off``). A sheet whose bottom is folded under, or with another sheet lying over its
side on the glass, loses paper *inside* the image: the scanner's lid (white, or a feeder's
black backing) shows where the paper was. The page is still mapped — from the squares that
are left, the code and the boxes — and every box may be in sight, yet writing on the hidden
paper (a name below the table: an identifying mark) or a mark beside a box there cannot be
seen. Only printed matter tells: the corner squares, and the bar printed between the bottom
ones, each where the map puts it inside the image and not there.

One corner's print gone is a dog-ear, a staple, a square torn or inked over: the page reads
as it always has. Print gone over more than ``hidden_min_span_mm`` — squares at two corners,
or a corner square and the bar running on from it — is paper hidden: the sheet goes to a
person, who looks at the paper.
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


def _pieces(lay: BallotLayout, cfg: RecognitionConfig) -> tuple[list[_Piece], list[_Piece]]:
    """The corner squares (TL, TR, BR, BL, orientation) and the bar's pieces, left to right
    (none when the layout does not say where its bar is)."""
    g = cfg.hidden_search_mm
    names = ("tl", "tr", "br", "bl", "cue")
    squares = [_Piece(n, b, (g, g)) for n, b in zip(names, lay.fiducials[:5], strict=False)]
    bar = lay.extra.get("bar")
    pieces: list[_Piece] = []
    if bar:
        x0, y0, x1, y1 = bar
        n = max(1, round((x1 - x0) / cfg.hidden_bar_piece_mm))
        step = (x1 - x0) / n
        pieces = [
            _Piece(
                f"bar{k}",
                (x0 + k * step, y0, x0 + (k + 1) * step, y1),
                (0.0, cfg.hidden_bar_search_mm),
            )
            for k in range(n)
        ]
    return squares, pieces


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
    paper and how far they span (mm). The bar counts only where it shows somewhere (a
    scanner that drops its colour, a black-and-white scan's threshold, loses all of it) and
    only as a run from an end whose corner square is gone too (a fold reaches in from the
    sheet's edge)."""
    squares, bar = _pieces(lay, cfg)
    states = {p.name: _state(gray, hm, p, cfg) for p in (*squares, *bar)}
    hidden = [p for p in squares if states[p.name] == "gone"]
    gone = {p.name for p in hidden}
    if any(states[p.name] == "print" for p in bar):
        for corner, run in (("bl", bar), ("br", bar[::-1])):
            if corner not in gone:
                continue
            for p in run:
                if states[p.name] != "gone":
                    break
                hidden.append(p)
    out: dict[str, Any] = {
        # (the pieces not printed as they should be: most pages show them all)
        "states": {k: v for k, v in states.items() if v != "print"},
        "hidden": [p.name for p in hidden],
        "span_mm": 0.0,
    }
    if hidden:
        x0 = min(p.box[0] for p in hidden)
        y0 = min(p.box[1] for p in hidden)
        x1 = max(p.box[2] for p in hidden)
        y1 = max(p.box[3] for p in hidden)
        out["span_mm"] = round(math.hypot(x1 - x0, y1 - y0), 1)
        out["box_mm"] = [round(v, 1) for v in (x0, y0, x1, y1)]  # (outlined for a person)
    return out
