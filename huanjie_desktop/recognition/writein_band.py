"""Writing in a write-in column outside the box its name is read in (另选他人栏内, 框外).

The name reader (`marks.read_name`) looks only inside the write-in's name box, a little
inside its edges; the look beside the boxes (`elsewhere.beside_boxes`) takes that box and the
cell's printed label as print and keeps clear of the cell's rules. A name written on the rule
just under the ○ box, over the small printed 另选他人 label at the cell's foot, or on the
cell's top or bottom rule (the table's own bottom rule under the last row) falls between them:
read as no name, the column abstains — and where the contest needs no ○ over the name
(``writein_needs_mark`` off) a vote is lost without anyone seeing it.

So a write-in column read as holding no name and no mark is looked at once more, whole: its
cell (symbol style: box, rule and grey name cell; column style: the name column of its row)
grown across its top and bottom rules by ``writein_band_mm``. Writing there (as
`elsewhere.find` judges writing: the rules, long straight lines, are the paper's; ink over
them that reaches off their width is not) — or ink over the printed label beyond its own
strokes (the label drawn as printed and fitted to the scan, as `elsewhere.marks_on_names`
fits a candidate's name) — makes the name unsure: a person reads the column.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any, cast

import cv2
import numpy as np
from numpy.typing import NDArray

from huanjie_desktop.domain.layout import BallotLayout, Box
from huanjie_desktop.recognition import elsewhere
from huanjie_desktop.recognition.config import RecognitionConfig
from huanjie_desktop.recognition.marks import sample

Gray = NDArray[np.uint8]


def _meets(a: Sequence[float], b: Sequence[float]) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def writein_band(
    gray: Gray,
    hmat: NDArray[np.float64],
    lay: BallotLayout,
    column: int,
    black: float,
    cfg: RecognitionConfig,
    label_glyph: tuple[Box, NDArray[np.uint8]] | None = None,
) -> dict[str, Any] | None:
    """Writing in write-in column ``column``'s cell (grown across its rules) outside the box
    its name is read in: its ink (mm²) and where it lies (a box in mm, ``on_label``: over
    the printed label); None when there is none. ``label_glyph``: the cell's printed label
    as a mask (`reports.glyphs.writein_label_glyphs`), its strokes looked past."""
    cells: dict[str, dict[str, Any]] = lay.extra.get("cells", {})
    code = f"w{column}"
    cell = cells.get(code)
    if cell is None:
        return None
    x0, y0, x1, y1 = cell["cell"]
    if lay.style == "columns":
        # (the name column only: the row's boxes are the box reader's, a ○ beside them the
        # look beside the boxes')
        ends = [ln[0] for ln in cell.get("lines", ()) if ln[0] == ln[2] and x0 < ln[0] < x1]
        if ends:
            x1 = min(ends)
    side, grow = cfg.writein_band_side_mm, cfg.writein_band_mm
    region: Box = (x0 + side, y0 - grow, x1 - side, y1 + grow)
    w = next((wt for wt in lay.writeins if wt.column == column), None)
    own_name = w.name_box if w is not None else None
    labels = list(cell.get("print", ())[1:]) if label_glyph is not None else []
    # What is printed in the region but the name box and the rules (the label; the words of
    # the cell above or below, a heading row's 另选他人, where the band reaches them; every
    # box with what a ○ drawn in it covers — the box reader's).
    printed: list[Box] = []
    for other in cells.values():
        for b in other.get("print", ()):
            if tuple(b) != tuple(own_name or ()) and _meets(b, region):
                printed.append(tuple(b))
    for h in lay.extra.get("headings", ()):
        printed += [tuple(b) for b in h["print"] if _meets(b, region)]
    # (a box grown by what a ○ drawn a little larger than it covers — not the whole ring its
    # reader looks at: a name written between the box and the rule under it lies there)
    ring = cfg.beside_across_box_mm
    targets = [b for c in lay.candidates for b in c.boxes.values()]
    targets += [b for wt in lay.writeins for b in wt.boxes.values()]
    printed += [
        (b[0] - ring, b[1] - ring, b[2] + ring, b[3] + ring)
        for b in targets
        if _meets((b[0] - ring, b[1] - ring, b[2] + ring, b[3] + ring), region)
    ]
    # The rules across the cell are print, but only as wide as a rule: a name written on one
    # is not. Looked at in layout mm (the rules level there), each rule's ink is taken away
    # where it is no taller than a rule (``writein_rule_mm``): what of it a pen's stroke
    # crosses, or runs along widening it, stays — the name stays whole across the rule.
    rules = [y0, y1, *(ln[1] for ln in cell.get("lines", ()) if ln[1] == ln[3])]
    f = cfg.writein_band_px_per_mm
    m = cfg.writein_band_margin_mm
    ox, oy = region[0] - m, region[1] - m
    patch = sample(
        gray, hmat, ox, oy, region[2] - region[0] + 2 * m, region[3] - region[1] + 2 * m, f
    )
    patch = _without_rules(patch, [(y - oy) * f for y in rules], black, cfg)
    local = np.array([[f, 0.0, -ox * f], [0.0, f, -oy * f], [0.0, 0.0, 1.0]])
    found = elsewhere.find(patch, local, region, black, cfg, printed)
    if found is not None:
        return found
    if label_glyph is not None and labels:
        on = _over_label(gray, hmat, label_glyph, y1, black, cfg)
        if on is not None:
            return on
    return None


def _without_rules(
    patch: Gray, rows: Sequence[float], black: float, cfg: RecognitionConfig
) -> Gray:
    """``patch`` (layout-level, ``writein_band_px_per_mm``) with the rules across it at
    ``rows`` (px; each searched ``writein_rule_search_mm`` either way, the map's error) made
    paper where their ink is no taller than ``writein_rule_mm``."""
    f = cfg.writein_band_px_per_mm
    level = max(cfg.elsewhere_min_darkness, cfg.elsewhere_rel * black)
    k = max(3, round(cfg.writein_rule_search_mm * 2 * f) | 1)
    paper = cv2.dilate(patch, cv2.getStructuringElement(cv2.MORPH_RECT, (k, k)))
    ink = (patch.astype(np.float32) <= paper.astype(np.float32) * np.float32(1.0 - level)).view(
        np.uint8
    )
    tall = max(2, round(cfg.writein_rule_mm * f) + 1)
    stays = cast(Gray, cv2.morphologyEx(ink, cv2.MORPH_OPEN, np.ones((tall, 1), np.uint8)))
    # (each rule found where the map puts it, within the search: the rows most of whose
    # width is ink, a stretch of the width at a time — a sheet a little warped)
    near = np.zeros_like(ink)
    reach = cfg.writein_rule_search_mm * f
    step = max(4, round(cfg.writein_rule_stretch_mm * f))
    h, w = ink.shape
    for r in rows:
        a, b = max(0, math.floor(r - reach)), min(h, math.ceil(r + reach) + 1)
        if b - a < 2:
            continue
        for c in range(0, w, step):
            share = ink[a:b, c : c + step].mean(axis=1)
            on = np.flatnonzero(share >= 0.5)
            if on.size:
                near[max(0, a + int(on[0]) - 1) : a + int(on[-1]) + 2, c : c + step] = 1
    gone = (ink & (1 - stays) & near) > 0
    if not gone.any():
        return patch
    out = patch.copy()
    out[gone] = paper[gone]
    return out


def _over_label(
    gray: Gray,
    hmat: NDArray[np.float64],
    glyph: tuple[Box, NDArray[np.uint8]],
    foot: float,
    black: float,
    cfg: RecognitionConfig,
) -> dict[str, Any] | None:
    """Ink over the printed label (``glyph``: its mask, `reports.glyphs`) beyond its own
    strokes, as `elsewhere.marks_on_names` fits them to the scan, above the cell's bottom
    rule (at ``foot``, mm): its ink (mm²) and where it lies; None when there is none.

    The label is small and dense: a name written over it at its own size lies mostly
    within a name's growth of its strokes, so they are grown by less
    (``writein_label_grow_mm``); what a scan that makes print bold adds all round them is a
    rim a pixel or two wide, which no pen's stroke is — taken away by an opening."""
    s = cfg.names_px_per_mm
    level = cfg.beside_darkness_share * max(cfg.beside_min_darkness, cfg.strong_rel * black)
    r = max(1, round(cfg.names_search_mm * s))
    k = max(3, round(cfg.beside_paper_mm * s / 4) | 1)
    paper_k = cv2.getStructuringElement(cv2.MORPH_RECT, (k, k))
    got = elsewhere._fitted_name(gray, hmat, glyph, (0.0, 0.0), level, r, s, paper_k, cfg)
    if got is None:
        return None
    ink, placed, ox, oy = got
    g = max(1, round(cfg.writein_label_grow_mm * s))
    grown = cast(
        Gray,
        cv2.dilate(placed, cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (2 * g + 1, 2 * g + 1))),
    )
    left = ink & (1 - grown)
    # (above the cell's bottom rule only, which the label sits close over — the rule, and
    # writing across it, are the look at the whole cell's)
    left[max(0, math.floor((foot - cfg.writein_rule_mm - oy) * s)) :, :] = 0
    rim = max(2, round(cfg.writein_label_rim_mm * s) + 1)
    left = cast(Gray, cv2.morphologyEx(left, cv2.MORPH_OPEN, np.ones((rim, rim), np.uint8)))
    area = float(np.count_nonzero(left)) / (s * s)
    if area < cfg.writein_label_min_mm2:
        return None
    ys, xs = np.nonzero(left)
    return {
        "ink_mm2": round(area, 2),
        "box_mm": [
            round(ox + float(xs.min()) / s, 1),
            round(oy + float(ys.min()) / s, 1),
            round(ox + float(xs.max() + 1) / s, 1),
            round(oy + float(ys.max() + 1) / s, 1),
        ],
        "on_label": True,
    }
