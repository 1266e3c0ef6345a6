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
from PIL import Image, ImageDraw, ImageFont

from huanjie_desktop.domain.layout import BallotLayout, Box
from huanjie_desktop.paths import fallback_font_path, font_path
from huanjie_desktop.reports.ballot_pdf import PT_MM, text_width
from huanjie_desktop.reports.fonts import FALLBACK_NAME, runs

Glyphs = dict[str, tuple[Box, NDArray[np.uint8]]]


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
        canvas.paste(img, at, img)
    return (x0, y0, x1, y1), (np.asarray(canvas) > 96).astype(np.uint8)
