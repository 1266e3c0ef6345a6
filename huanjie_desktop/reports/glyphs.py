"""Where the printed names' strokes are: each candidate's name (and its note) drawn as the
ballot prints it — the same fonts, size, place and horizontal scale — into a mask in layout
millimetres, for the reader to tell a ✓ or × drawn on a name from the name's own strokes
(``recognition.elsewhere.marks_on_names``).

Drawn with FreeType (Pillow) from the shipped font files, a run at a time as `fonts.runs`
splits the text between Micro Hei and the fallback; placed by the advance widths reportlab
prints with (`ballot_pdf.text_width`).
"""

from __future__ import annotations

import functools
import math
from typing import Any

import numpy as np
from numpy.typing import NDArray
from PIL import Image, ImageChops, ImageDraw, ImageFont

from huanjie_desktop.domain.layout import BallotLayout, Box
from huanjie_desktop.paths import fallback_font_path, font_path
from huanjie_desktop.reports.ballot_pdf import PT_MM, text_width
from huanjie_desktop.reports.fonts import FALLBACK_NAME, runs

Glyphs = dict[str, tuple[Box, NDArray[np.uint8]]]

#: A pixel more than this covered (of 255) by a character is its stroke's (61 %: the cut
#: the reader's look at marks on names is measured with); a fallback character's hairline's,
#: this much (`_with_hairlines`).
_COVERED = 156
_HAIRLINE = 32


@functools.lru_cache(maxsize=32)
def _font(name: str, px: float) -> ImageFont.FreeTypeFont:
    if name == FALLBACK_NAME:
        return ImageFont.truetype(str(fallback_font_path()), px)
    return ImageFont.truetype(str(font_path()), px, index=0)


def _draw(text: str, size_pt: float, hscale: float, s: float) -> tuple[Image.Image, float]:
    """``text`` white on black at ``s`` px/mm, and its baseline's row (px from the top).

    At the size printed, not the nearest whole pixel size, and each character where the
    ballot prints it (reportlab's advance widths): a note under a name is printed small, at
    any size its cell leaves (7.63 pt: 21.5 px here) — drawn a whole pixel larger or smaller
    it drifted a millimetre off the print along a long note, whose own strokes were then
    taken for a mark on the name."""
    px = max(4.0, size_pt * PT_MM * s)
    width = text_width(text, size_pt, 1.0) * s
    baseline = 1.2 * px
    img = Image.new("L", (math.ceil(width) + 8, math.ceil(1.6 * px) + 4), 0)
    draw = ImageDraw.Draw(img)
    done = ""
    for font, piece in runs(text):
        f = _font(font, px)
        for ch in piece:
            pen = 4.0 + text_width(done, size_pt, 1.0) * s
            if font == FALLBACK_NAME:
                # (a Song face's hairlines drawn whole: `_with_hairlines`)
                one = Image.new("L", img.size, 0)
                ImageDraw.Draw(one).text((pen, baseline), ch, font=f, fill=255, anchor="ls")
                img = ImageChops.lighter(img, _with_hairlines(one))
                draw = ImageDraw.Draw(img)
            else:
                draw.text((pen, baseline), ch, font=f, fill=255, anchor="ls")
            done += ch
    if hscale != 1.0:
        img = img.resize((max(1, round(img.width * hscale)), img.height), Image.Resampling.BILINEAR)
    return img, baseline


def name_glyphs(layout: BallotLayout, s: float, pad: float) -> Glyphs:
    """Each candidate's printed name (and note) as a mask (1: the strokes) at ``s`` px/mm
    over its print boxes grown by ``pad`` mm, with that region (mm)."""
    out: Glyphs = {}
    cells: dict[str, dict[str, Any]] = layout.extra.get("cells", {})
    for code, cell in cells.items():
        texts = cell.get("text") or []
        if cell.get("writein") or not texts:
            continue
        out[code] = _mask(texts, cell["print"], s, pad)
    return out


def writein_label_glyphs(layout: BallotLayout, s: float, pad: float) -> Glyphs:
    """Each symbol-style write-in cell's printed label (另选他人, at the cell's foot) as
    `name_glyphs` gives a name, keyed by the cell ("w1"): a name written over it lies where
    the look beside the boxes takes the label's box as print
    (``recognition.writein_band``)."""
    out: Glyphs = {}
    cells: dict[str, dict[str, Any]] = layout.extra.get("cells", {})
    for code, cell in cells.items():
        texts = cell.get("text") or []
        boxes = cell.get("print") or []
        if cell.get("writein") and texts and len(boxes) > 1:
            out[code] = _mask(texts, boxes[1:], s, pad)
    return out


def heading_glyphs(layout: BallotLayout, s: float, pad: float) -> Glyphs:
    """Each word printed in the column-style table's heading rows (赞成, 不赞成, 弃权, 另选他人)
    as `name_glyphs` gives a name, keyed "heading.word" (their indexes): a ○ drawn over one
    lies where the look for writing on the headings takes the print's box as print
    (``recognition.elsewhere.marks_on_names``)."""
    out: Glyphs = {}
    for i, heading in enumerate(layout.extra.get("headings", ())):
        texts = heading.get("text") or ()
        # (the words' print boxes come first, the rules' after them)
        for j, (text, box) in enumerate(zip(texts, heading["print"][: len(texts)], strict=True)):
            out[f"{i}.{j}"] = _mask([text], [box], s, pad)
    return out


def _mask(
    texts: list[Any], boxes: list[Box], s: float, pad: float
) -> tuple[Box, NDArray[np.uint8]]:
    """``texts`` (text, x, baseline y, size pt, anchor, hscale) drawn as printed into a mask
    at ``s`` px/mm over their print ``boxes`` grown by ``pad`` mm, with that region (mm)."""
    x0 = min(b[0] for b in boxes) - pad
    y0 = min(b[1] for b in boxes) - pad
    x1 = max(b[2] for b in boxes) + pad
    y1 = max(b[3] for b in boxes) + pad
    canvas = Image.new("L", (max(1, round((x1 - x0) * s)), max(1, round((y1 - y0) * s))), 0)
    for text, x, y, size, anchor, hscale in texts:
        img, baseline = _draw(str(text), float(size), float(hscale), s)
        tw = text_width(str(text), float(size), float(hscale))
        left = float(x) - (tw / 2 if anchor == "c" else tw if anchor == "r" else 0.0)
        at = (round((left - x0) * s - 4 * float(hscale)), round((float(y) - y0) * s - baseline))
        # (each pixel the darker of the two: pasted through itself as its own mask, a
        # pixel's coverage c became c² — cut at 96, the strokes' cut was ``_COVERED``)
        layer = Image.new("L", canvas.size, 0)
        layer.paste(img, at)
        canvas = ImageChops.lighter(canvas, layer)
    return (x0, y0, x1, y1), (np.asarray(canvas) > _COVERED).astype(np.uint8)


def _with_hairlines(drawn: Image.Image) -> Image.Image:
    """A character of the fallback font drawn (coverage 0–255) with its hairlines made
    whole (255). HanaMin is a Song (Mincho) face: its horizontal strokes are hairlines,
    about half a pixel here — drawn across two rows, each under ``_COVERED``, and the mask
    lost them (their print left on the name, taken for a mark on it). A hairline is a run
    of pixels at least ``_HAIRLINE`` covered, each as covered as both its neighbours across
    the run (up and down, or left and right), one of them under half as covered: the edge
    of a wider stroke has the stroke on one side, and a stroke's rounded end is one such
    pixel, no run. (Micro Hei, a sans face, has none: its names are drawn as they were.)"""
    c = np.asarray(drawn).astype(np.int16)
    p = np.pad(c, 1)
    up, down = p[:-2, 1:-1], p[2:, 1:-1]
    left, right = p[1:-1, :-2], p[1:-1, 2:]
    strong = c >= _HAIRLINE
    across_rows = strong & (c >= up) & (c >= down) & (2 * np.minimum(up, down) < c)
    across_cols = strong & (c >= left) & (c >= right) & (2 * np.minimum(left, right) < c)
    hair = (across_rows & _runs_on(across_rows, along_rows=True)) | (
        across_cols & _runs_on(across_cols, along_rows=False)
    )
    return Image.fromarray(np.where(hair, 255, c).astype(np.uint8))


def _runs_on(ridge: NDArray[np.bool_], along_rows: bool) -> NDArray[np.bool_]:
    """Where ``ridge`` has a neighbour along a row (``along_rows``: left or right, a row up
    or down) or a column (up or down, a column either side)."""
    p = np.pad(ridge, 1)
    h, w = ridge.shape
    got = np.zeros_like(ridge)
    for d in (-1, 0, 1):
        if along_rows:
            got |= p[1 + d : 1 + d + h, 0:w] | p[1 + d : 1 + d + h, 2 : 2 + w]
        else:
            got |= p[0:h, 1 + d : 1 + d + w] | p[2 : 2 + h, 1 + d : 1 + d + w]
    return got
