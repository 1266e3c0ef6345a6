"""Ballot sheets (选票): the layout, in mm from the page's top-left corner, and the PDF.

One computation, :func:`plan_ballot`, decides everything on the sheet: it returns the
:class:`~huanjie_desktop.domain.layout.BallotLayout` the scanner works from *and* the list of
drawing operations the PDF is made of, so the geometry that ``huanjie ballots layout`` prints
is by construction what is printed.

Sheet contract (shared with the recognition pipeline):

- Fiducials: four solid black 5×5 mm squares whose centres are 10 mm from the two nearest
  page edges (layout order TL, TR, BR, BL) and a fifth solid 5×5 mm square centred 8 mm to
  the right of the TL one (orientation cue, fifth in the list). Nothing else is printed
  within 5 mm of them.
- QR (reportlab's QR widget, EC level M) in the top-right corner below the TR fiducial,
  0.75 mm modules, a 4-module quiet zone; the layout's ``qr`` box is its outer modules.
  The sheet's serial is printed small under it.
- Mark boxes: squares of 10, 9 or 8 mm (never smaller), 0.35 mm black border, empty inside,
  at least 4 mm of blank paper around each and at least 12 mm between two boxes side by side.
- Names: never below 12 pt; a long name is first set smaller (down to 12 pt), then condensed
  to at most 80 % width (长体); if it still does not fit, the cells get wider.
- Paper: the first of A4 portrait, A4 landscape, A3 portrait, A3 landscape on which the list
  fits with the largest box (10 mm, then 9, then 8) and the widest cells.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from reportlab.graphics.barcode.qr import QrCodeWidget
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from huanjie_desktop.domain.ballot_code import BallotCode
from huanjie_desktop.domain.layout import (
    BallotLayout,
    Box,
    CandidateTargets,
    WriteinTargets,
)
from huanjie_desktop.domain.model import BallotStyle, Candidate, Contest, ContestKind, RoundKind
from huanjie_desktop.reports.fonts import NO_LINE_START, draw_runs, register_font, string_width
from huanjie_desktop.reports.words import ROUND_KIND_ZH, note_after_name

Color = tuple[float, float, float]

PT_MM = 25.4 / 72.0

# --- stated limits ---------------------------------------------------------------------------
MIN_NAME_PT = 12.0  # a candidate's name is never printed smaller
PREF_NAME_PT = 16.0
MIN_HSCALE = 0.80  # condensed (长体) names keep at least 80 % of their width
#: A candidate's annotation: under the name (symbol style) at NOTE_PT, smaller down to
#: NOTE_MIN_PT, then condensed; after the name (column style) at NOTE_SHARE of its size.
NOTE_PT = 8.5
NOTE_MIN_PT = 6.5
NOTE_SHARE = 0.6
BOX_SIZES_MM = (10.0, 9.0, 8.0)  # mark boxes, largest that fits; never below 8 mm
MIN_BOX_MM = 8.0
BOX_LINE_MM = 0.35
BOX_CLEAR_MM = 4.0  # blank paper kept around every mark box (quiet zone)
BOX_SIDE_GAP_MM = 12.0  # at least this much between two boxes side by side

# --- registration marks and code ---------------------------------------------------------------
FID_SIZE_MM = 5.0
FID_INSET_MM = 10.0  # centre from the two nearest edges
ORIENT_OFFSET_MM = 8.0  # fifth square: centre 8 mm right of the TL one
FID_CLEAR_MM = 5.0
QR_MODULE_MM = 0.75
QR_QUIET_MODULES = 4
QR_LEVEL = "M"

# --- page furniture ------------------------------------------------------------------------------
MARGIN_X = 15.0
TOP_Y = 19.0  # below the top fiducials' clear zone (12.5 + 5 mm) with room to spare
BOTTOM_CLEAR = 19.0  # content ends this far above the bottom edge (fiducials: 12.5 + 5)
#: The blank paper below the table that is looked at for writing (`_blank_below`): this far
#: from the table and from the bottom edge's clear band, this far from the sides (punch holes,
#: the corner squares); when less than BLANK_MIN_MM high is left, that narrower strip is
#: looked at still as other blank paper is (`_strip_below`, from BELOW_BLOCK_MIN_MM high).
BLANK_CLEAR_MM = 1.0  # (a name written right under the table: 3 mm missed it)
BLANK_BOTTOM_MM = 3.0
BLANK_SIDE_MM = 20.0
BLANK_MIN_MM = 12.0
SEAL_D = 28.0
TEXT_PT = 10.0
LEADING_MM = 4.7
LINE_MM = 0.3
GRID_GREY: Color = (0.25, 0.25, 0.25)
BLACK: Color = (0.0, 0.0, 0.0)
WHITE: Color = (1.0, 1.0, 1.0)
RED: Color = (0.80, 0.05, 0.05)

# Symbol style cell: [pad | box | pad] over [name | annotation/label]
NAME_H = 9.0
SUB_H = 3.5
CELL_PAD_BOTTOM = 0.5
NAME_PAD = 1.5
MAX_CELL_W = 36.0

# Columns style table
# (box, blank above and below it inside its row): the first that fits
COLUMN_CONFIGS = ((10.0, 3.0), (9.0, 3.0), (8.0, 3.0), (8.0, 2.5))
COL_HEAD_H = 7.5
WRITEIN_HEAD_H = 6.0
MAX_BLOCK_W = 130.0
BLOCK_GAP = 6.0
FRAME_MM = 0.5  # the table's frame
#: The paper below a block shorter than the one beside it is looked at for writing when at
#: least this high (`_Body.blanks`).
BELOW_BLOCK_MIN_MM = 2.0
MIN_NAME_COL = 26.0

PAPERS: tuple[tuple[str, float, float], ...] = (
    ("A4", 210.0, 297.0),
    ("A4 横向", 297.0, 210.0),
    ("A3", 297.0, 420.0),
    ("A3 横向", 420.0, 297.0),
)

KIND_COLOURS: dict[ContestKind, Color] = {
    ContestKind.COMMITTEE: (0.80, 0.10, 0.12),
    ContestKind.ALTERNATE: (0.90, 0.45, 0.00),
    ContestKind.DISCIPLINE: (0.10, 0.35, 0.72),
    ContestKind.DELEGATE: (0.13, 0.55, 0.25),
    ContestKind.STANDING: (0.50, 0.20, 0.62),
    ContestKind.SECRETARY: (0.62, 0.33, 0.08),
    ContestKind.DEPUTY_SECRETARY: (0.00, 0.52, 0.55),
    ContestKind.OTHER: (0.35, 0.35, 0.35),
}
KIND_LABELS: dict[ContestKind, str] = {
    ContestKind.COMMITTEE: "委员",
    ContestKind.ALTERNATE: "候补委员",
    ContestKind.DISCIPLINE: "纪委委员",
    ContestKind.DELEGATE: "代表",
    ContestKind.STANDING: "常委",
    ContestKind.SECRETARY: "书记",
    ContestKind.DEPUTY_SECRETARY: "副书记",
    ContestKind.OTHER: "",
}


def ballot_colour(contest: Contest) -> Color:
    """The contest's tint: by kind; a 预选's grey, whatever its kind — its ballot must not
    look like the formal contest's of the same kind, voted the same day."""
    if contest.preselection:
        return KIND_COLOURS[ContestKind.OTHER]
    return KIND_COLOURS.get(contest.kind, KIND_COLOURS[ContestKind.OTHER])


class LayoutError(Exception):
    """The list cannot be laid out within the stated limits on any supported paper."""

    def __init__(self, zh: str, en: str) -> None:
        super().__init__(zh)
        self.zh = zh
        self.en = en

    def message(self, lang: str = "zh") -> str:
        return self.en if lang == "en" else self.zh


@dataclass(frozen=True)
class BallotSpec:
    """Everything a ballot shows; gathered by the app layer from the election file."""

    contest: Contest
    round: int
    round_kind: RoundKind
    seats: int
    candidates: tuple[Candidate, ...]  # in ballot order
    test: bool = False
    #: the 选举单位 whose contest it is (its name), printed in the band: eighteen units'
    #: delegate ballots may carry one title, and the papers are sorted by unit
    unit_name: str = ""


# --- drawing operations (mm, top-left origin) ---------------------------------------------------


@dataclass(frozen=True)
class RectOp:
    box: Box
    stroke: Color | None = None
    fill: Color | None = None
    width: float = LINE_MM
    dash: tuple[float, float] | None = None


@dataclass(frozen=True)
class LineOp:
    x0: float
    y0: float
    x1: float
    y1: float
    color: Color = GRID_GREY
    width: float = LINE_MM


@dataclass(frozen=True)
class CircleOp:
    cx: float
    cy: float
    r: float
    stroke: Color
    width: float = LINE_MM
    dash: tuple[float, float] | None = None


@dataclass(frozen=True)
class TextOp:
    x: float
    y: float  # baseline
    text: str
    size: float  # pt
    anchor: str = "l"  # l, c, r
    color: Color = BLACK
    hscale: float = 1.0
    bold: bool = False
    angle: float = 0.0  # degrees, counter-clockwise, about (x, y)


Op = RectOp | LineOp | CircleOp | TextOp


@dataclass(frozen=True)
class BallotPlan:
    """The one computation: geometry for the scanner and the drawing for the printer."""

    spec: BallotSpec
    layout: BallotLayout
    ops: tuple[Op, ...]
    paper: str
    box_mm: float
    qr_version: int
    serial_at: tuple[float, float]  # centre of the serial's baseline
    name_boxes: dict[str, Box]
    name_sizes: dict[str, tuple[float, float]]  # code → (pt, horizontal scale)


# --- text helpers ---------------------------------------------------------------------------------


def text_width(text: str, size: float, hscale: float = 1.0) -> float:
    """Width in mm of ``text`` in the shipped font at ``size`` pt."""
    return string_width(text, size) * PT_MM * hscale


def _fit_name(text: str, width: float, base: float) -> tuple[float, float] | None:
    """(size, hscale) for a name in ``width`` mm: smaller first, then condensed; None if not."""
    return _fit_units(text_width(text, 1.0), width, base, MIN_NAME_PT)


def _fit_units(w1: float, width: float, base: float, smallest: float) -> tuple[float, float] | None:
    """(size, hscale) for a text ``w1`` mm wide at 1 pt in ``width`` mm: at most ``base``,
    smaller down to ``smallest``, then condensed to MIN_HSCALE; None if it does not fit."""
    if w1 <= 0:
        return (base, 1.0)
    size = min(base, width / w1)
    if size >= smallest:
        return (size, 1.0)
    hs = width / (w1 * smallest)
    if hs >= MIN_HSCALE:
        return (smallest, hs)
    return None


#: The space between a name and a note printed after it as entered, not bracketed (column
#: style), in ems of the note's size: about what a full-width opening bracket leaves.
INLINE_NOTE_GAP_EM = 0.5


def _inline_note(note: str) -> tuple[str, float]:
    """A candidate's note as printed after the name (column style), and the space before it
    in ems of its size (`words.note_after_name`)."""
    text, spaced = note_after_name(note)
    return text, INLINE_NOTE_GAP_EM if spaced else 0.0


def _inline_note_width(note: str, size: float, hscale: float = 1.0) -> float:
    """Width in mm of a note printed after the name at ``size`` pt, its space included."""
    text, gap_em = _inline_note(note)
    return text_width(text, size, hscale) + gap_em * size * PT_MM * hscale if text else 0.0


def _fit_note(text: str, width: float) -> tuple[float, float] | None:
    """(size, hscale) for a candidate's annotation ('（女，柯尔克孜族）') under the name."""
    return _fit_units(text_width(text, 1.0), width, NOTE_PT, NOTE_MIN_PT)


def wrap(text: str, size: float, width: float) -> list[str]:
    """Greedy line breaking by width; punctuation never starts a line."""
    lines: list[str] = []
    cur = ""
    for ch in text:
        if cur and text_width(cur + ch, size) > width and ch not in NO_LINE_START:
            lines.append(cur)
            cur = ch
        else:
            cur += ch
    if cur:
        lines.append(cur)
    return lines


#: Where a ballot's title breaks when it needs two lines, strongest first: after the body
#: ('…第六届委员会 / 书记选举票'), after the party's name, after a place or a term.
_TITLE_BREAKS = (
    ("委员会", "代表大会", "党员大会", "工作委员会"),
    ("中国共产党",),
    ("届", "次", "区", "市", "县", "镇", "乡", "街道"),
)


def title_lines(title: str, size: float, width: float) -> list[str]:
    """A title in lines of at most ``width`` mm, broken between its words, never inside one
    ('委员会书 / 记'); a title with no such place to break is broken by width."""
    if text_width(title, size) <= width:
        return [title]
    for words in _TITLE_BREAKS:
        cuts = {
            m.end()
            for word in words
            for m in re.finditer(re.escape(word), title)
            if 0 < m.end() < len(title)
        }
        fitting = [c for c in cuts if text_width(title[:c], size) <= width]
        if fitting:
            cut = max(fitting)
            return [title[:cut], *title_lines(title[cut:], size, width)]
    return wrap(title, size, width)


def ballot_title(contest: Contest) -> str:
    title = contest.title.strip()
    if title.endswith(("选举票", "选票", "预选票")):
        return title
    if contest.preselection:
        # (…委员候选人预选 → …委员候选人预选票, not 预选选举票)
        return title + ("票" if title.endswith("预选") else "预选票")
    return title + "选举票"


def round_subtitle(kind: RoundKind, number: int) -> str:
    if kind is RoundKind.SUPPLEMENTARY:
        return "（另行选举）"
    if kind is RoundKind.TIE:
        return "（再次投票）"
    return f"（第{number}轮）" if number > 1 else ""


def instructions(spec: BallotSpec) -> list[str]:
    """The numbered 说明 items, generated from the contest and the round."""
    n, m = spec.seats, len(spec.candidates)
    k = m - n
    if spec.contest.preselection:
        # (a 预选 fixes the formal candidates: its places are theirs, not seats)
        first = f"本次预选确定正式候选人{n}名，候选人预备人选{m}名，差额{k}名。"
    elif k > 0:
        first = f"本次选举应选{n}名，候选人{m}名，差额{k}名，实行差额选举。"
    else:
        first = f"本次选举应选{n}名，候选人{m}名，实行等额选举。"
    items = [first]
    writeins = spec.contest.writein_columns
    if spec.contest.ballot_style is BallotStyle.SYMBOL:
        items.append("对候选人，赞成的在姓名上方空格内画“○”，不赞成的画“×”，弃权的不画任何符号。")
        if writeins:
            items.append(
                "如另选他人，在“另选他人”栏内写上其姓名，并在姓名上方空格内画“○”。"
                if spec.contest.writein_needs_mark
                # (the count takes a written name without ○ as a vote: a voter told the ○ is
                # needed may spend a seat's ○ elsewhere and void the ballot, or think an
                # unmarked name is nothing — the print says what the count does)
                else "如另选他人，在“另选他人”栏内写上其姓名即为赞成，"
                "姓名上方画“○”或不画符号均可，画“×”的不计票。"
            )
    else:
        items.append(
            "对候选人，赞成的在“赞成”栏内画“○”，不赞成的在“不赞成”栏内画“○”，"
            "弃权的在“弃权”栏内画“○”；每名候选人只能在一栏内画符号。"
        )
        if writeins:
            items.append(
                "如另选他人，在“另选他人”栏内写上其姓名，并在其后“赞成”栏内画“○”。"
                if spec.contest.writein_needs_mark
                else "如另选他人，在“另选他人”栏内写上其姓名即为赞成，"
                "其后“赞成”栏内画“○”或不画符号均可。"
            )
    items.append(
        f"所选人数多于{n}名的为废票，等于或少于{n}名的为有效票。"
        if spec.contest.preselection
        else "所选人数多于应选名额的为废票，等于或少于应选名额的为有效票。"
    )
    items.append("请用黑色或蓝色钢笔、签字笔填写，符号要准确，字迹要清楚。")
    return [f"{i}．{t}" for i, t in enumerate(items, 1)]


def _tint(c: Color, share: float) -> Color:
    return (1 - share * (1 - c[0]), 1 - share * (1 - c[1]), 1 - share * (1 - c[2]))


# --- QR ----------------------------------------------------------------------------------------


def sample_payload(spec: BallotSpec) -> str:
    """A payload of exactly the length every sheet of this round will carry."""
    return BallotCode(
        "0" * 12, spec.contest.code, spec.round, spec.contest.ballot_style, spec.test, "A" * 10
    ).encode(b"\0" * 32)


def qr_matrix(
    payload: str, version: int | None = None, mask: int | None = None
) -> tuple[list[list[bool]], int]:
    """The QR modules (rows of dark/light) from reportlab's QR widget, level M, and the mask.

    With ``mask`` given, that mask pattern is used instead of trying all eight (every mask is
    valid QR; the format information tells the reader which one): a print run picks the best
    mask for its first sheet and keeps it, which makes a sheet's code ~10× faster to make.
    """
    widget = QrCodeWidget(payload, barLevel=QR_LEVEL, barBorder=0, qrVersion=version)
    qr = widget.qr
    if mask is None:
        if qr.version is None:
            qr.version = qr.calculate_version()
        mask = int(qr.getBestMaskPattern())
    qr.makeImpl(False, mask)
    return [[bool(v) for v in row] for row in qr.modules], mask


def _qr_version_for(payload: str) -> int:
    n = len(qr_matrix(payload)[0])
    return (n - 17) // 4


# --- the plan ---------------------------------------------------------------------------------


@dataclass
class _Header:
    ops: list[Op]
    body_top: float
    qr: Box
    serial_at: tuple[float, float]
    seal: Box


def _fiducials(w: float, h: float) -> tuple[Box, ...]:
    s = FID_SIZE_MM / 2

    def sq(cx: float, cy: float) -> Box:
        return (cx - s, cy - s, cx + s, cy + s)

    i = FID_INSET_MM
    return (sq(i, i), sq(w - i, i), sq(w - i, h - i), sq(i, h - i), sq(i + ORIENT_OFFSET_MM, i))


def _header(spec: BallotSpec, w: float, qr_modules: int) -> _Header:
    ops: list[Op] = []
    colour = ballot_colour(spec.contest)
    qr_size = qr_modules * QR_MODULE_MM
    quiet = QR_QUIET_MODULES * QR_MODULE_MM
    qx1 = w - FID_INSET_MM
    qr: Box = (qx1 - qr_size, TOP_Y, qx1, TOP_Y + qr_size)
    serial_at = ((qr[0] + qr[2]) / 2, qr[3] + quiet + 2.2)

    # seal (盖章) area, top left
    seal: Box = (MARGIN_X, TOP_Y, MARGIN_X + SEAL_D, TOP_Y + SEAL_D)
    ops.append(
        CircleOp(
            MARGIN_X + SEAL_D / 2,
            TOP_Y + SEAL_D / 2,
            SEAL_D / 2,
            (0.55, 0.55, 0.55),
            0.3,
            (1.6, 1.2),
        )
    )
    ops.append(
        TextOp(MARGIN_X + SEAL_D / 2, TOP_Y + SEAL_D / 2 + 1.3, "盖 章 处", 9, "c", (0.6, 0.6, 0.6))
    )

    # title, centred on the page when it clears the seal and the code, else between them
    left = seal[2] + 4.0
    right = qr[0] - quiet - 3.0
    title = ballot_title(spec.contest)
    size = 20.0
    while size > 15.0 and text_width(title, size) > right - left:
        size -= 0.5
    lines = title_lines(title, size, right - left)
    widest = max(text_width(t, size) for t in lines)
    cx = (
        w / 2
        if (w / 2 - widest / 2 >= left and w / 2 + widest / 2 <= right)
        else (left + right) / 2
    )
    y = TOP_Y + 9.0
    for line in lines:
        ops.append(TextOp(cx, y, line, size, "c", BLACK, 1.0, True))
        y += size * PT_MM * 1.35
    sub = round_subtitle(spec.round_kind, spec.round)
    if sub:
        ops.append(TextOp(cx, y, sub, 14, "c", BLACK, 1.0, True))
        y += 14 * PT_MM * 1.4
    if spec.test:
        ops.append(TextOp(cx, y, "样票 不计票", 14, "c", RED, 1.0, True))
        y += 14 * PT_MM * 1.4
    bottom = max(seal[3], serial_at[1] + 1.5, y - 3.0) + 3.0

    # colour band telling contest kinds apart
    band: Box = (MARGIN_X, bottom, w - MARGIN_X, bottom + 7.0)
    ops.append(RectOp(band, None, _tint(colour, 0.22)))
    ops.append(LineOp(band[0], band[1], band[2], band[1], colour, 0.6))
    ops.append(LineOp(band[0], band[3], band[2], band[3], colour, 0.6))
    label = KIND_LABELS.get(spec.contest.kind, "")
    if spec.contest.preselection:
        # (its first round is the 预选 itself: never "正式选举", the vote its list is for)
        parts = [f"{label}候选人预选" if label else "预选"]
        if str(spec.round_kind) != "formal":
            parts.append(ROUND_KIND_ZH[str(spec.round_kind)])
    else:
        parts = [f"{label}选举" if label else "选举", ROUND_KIND_ZH[str(spec.round_kind)]]
    if spec.round > 1:
        parts[-1] += f"（第{spec.round}轮）"
    if spec.test:
        parts.append("样票")
    if spec.unit_name:
        parts.insert(0, spec.unit_name)
    ops.append(TextOp(w / 2, band[1] + 5.0, "  ·  ".join(parts), 11, "c", colour, 1.0, True))

    # 说明
    y = band[3] + 5.5
    head = "说明："
    indent = text_width(head, TEXT_PT)
    ops.append(TextOp(MARGIN_X, y, head, TEXT_PT, "l", BLACK, 1.0, True))
    width = w - 2 * MARGIN_X - indent
    for item in instructions(spec):
        for line in wrap(item, TEXT_PT, width):
            ops.append(TextOp(MARGIN_X + indent, y, line, TEXT_PT))
            y += LEADING_MM
    return _Header(ops, y + 1.0, qr, serial_at, seal)


def _base_size(names: Sequence[str], width: float) -> float:
    """The common name size: the preferred size, or what the ordinary names fit at."""
    size = PREF_NAME_PT
    for name in names:
        if "·" in name or len(name) > 4:
            continue
        w1 = text_width(name, 1.0)
        if w1 > 0:
            size = min(size, width / w1)
    return max(size, MIN_NAME_PT)


def _fit_all(
    texts: Sequence[str], units: Sequence[float], width: float
) -> list[tuple[float, float]] | None:
    """Sizes for names (``units``: each line's width at 1 pt, mm) in ``width`` mm."""
    base = _base_size(texts, width)
    out = []
    for u in units:
        f = _fit_units(u, width, base, MIN_NAME_PT)
        if f is None:
            return None
        out.append(f)
    return out


@dataclass
class _Body:
    ops: list[Op]
    candidates: list[CandidateTargets]
    writeins: list[WriteinTargets]
    name_boxes: dict[str, Box]
    name_sizes: dict[str, tuple[float, float]]
    knockouts: list[Box]
    #: Each candidate's part of the table, for the reader to look for marks made beside
    #: the boxes (on the name, next to a box): code → {"cell": the cell (mm), "lines": the
    #: printed rules across it, "print": what is printed in it besides its boxes, "breaks":
    #: where each character of the name ends and the next begins (mm across the page)}.
    cells: dict[str, dict[str, Any]] = field(default_factory=dict)
    #: The table's heading rows (候选人姓名 赞成 不赞成 弃权; 另选他人): a ○ drawn round a
    #: heading, writing over them, is looked for there: {"box": the row inside its rules,
    #: "print": what is printed in it}.
    headings: list[dict[str, Any]] = field(default_factory=list)
    #: Blank paper within the table's span that no cell, heading nor `_blank_below` covers
    #: (below a block of the columns-style table shorter than the one beside it): writing
    #: there is looked for as in the paper below the table.
    blanks: list[Box] = field(default_factory=list)


def _name_text(
    op_x: float, y0: float, y1: float, text: str, fit: tuple[float, float], anchor: str = "c"
) -> TextOp:
    size, hs = fit
    baseline = (y0 + y1) / 2 + 0.36 * size * PT_MM
    return TextOp(op_x, baseline, text, size, anchor, BLACK, hs)


def _text_box(op: TextOp) -> Box:
    """Where a (level) text is printed (mm): its advance width, its em box's height."""
    tw = text_width(op.text, op.size, op.hscale)
    x0 = op.x - (tw / 2 if op.anchor == "c" else tw if op.anchor == "r" else 0.0)
    em = op.size * PT_MM
    return (x0, op.y - 0.88 * em, x0 + tw, op.y + 0.12 * em)


def _texts(ops: list[TextOp]) -> list[tuple[str, float, float, float, str, float]]:
    """What a cell prints as text (text, x, baseline y, size pt, anchor, hscale): where the
    reader looks for a mark drawn on the name (`reports.glyphs`)."""
    return [(t.text, t.x, t.y, t.size, t.anchor, t.hscale) for t in ops if not t.angle]


def _breaks(op: TextOp) -> list[float]:
    """Where one character of a (level) text ends and the next begins (mm, across the page):
    no printed stroke crosses these lines, a pen line struck through the name does."""
    x0 = _text_box(op)[0]
    return [x0 + text_width(op.text[:i], op.size, op.hscale) for i in range(1, len(op.text))]


def _mark_box(ops: list[Op], box: Box) -> None:
    ops.append(RectOp(box, BLACK, WHITE, BOX_LINE_MM))


def _symbol_flow(spans: Sequence[int], cols: int) -> list[tuple[int, int]]:
    """(row, column) of each cell, reading order; a cell that does not fit moves down a row."""
    out: list[tuple[int, int]] = []
    r = c = 0
    for span in spans:
        if c + span > cols:
            r, c = r + 1, 0
        out.append((r, c))
        c += span
    return out


#: A symbol grid: columns, cell width, name sizes, cells per entry, (row, column) of each,
#: annotation sizes.
_Grid = tuple[
    int,
    float,
    list[tuple[float, float]],
    list[int],
    list[tuple[int, int]],
    list[tuple[float, float] | None],
]


def _symbol_body(spec: BallotSpec, w: float, top: float, bottom: float, box: float) -> _Body | None:
    cands = spec.candidates
    nw = spec.contest.writein_columns
    n = len(cands) + nw
    if n == 0:
        return None
    content_w = w - 2 * MARGIN_X
    min_cell = box + BOX_SIDE_GAP_MM
    has_sub = nw > 0 or any(c.annotation for c in cands)
    cell_h = (
        BOX_CLEAR_MM + box + BOX_CLEAR_MM + NAME_H + (SUB_H if has_sub else 0) + CELL_PAD_BOTTOM
    )
    # Every name at one size if the sheet allows (a long name given two or three cells
    # rather than printed smaller than its neighbours); else the smallest cells that fit.
    for uniform in (True, False):
        found = _symbol_grid(spec, content_w, top, bottom, min_cell, cell_h, n, nw, uniform)
        if found is not None:
            cols, cell_w, fits, spans, flow, notes = found
            return _draw_symbol(
                spec, w, top, box, cols, cell_w, cell_h, has_sub, fits, spans, flow, notes
            )
    return None


def _symbol_grid(
    spec: BallotSpec,
    content_w: float,
    top: float,
    bottom: float,
    min_cell: float,
    cell_h: float,
    n: int,
    nw: int,
    uniform: bool,
) -> _Grid | None:
    """The grid for the names: (columns, cell width, name sizes, spans, flow, annotation
    sizes), the one with the fewest empty places; ``uniform``: every name at one size, a
    long name taking as many cells (up to three) as it needs, the largest such size first
    (None when no size from the preferred down to MIN_NAME_PT fits the sheet)."""
    first = min(n, max(1, math.floor(content_w / MAX_CELL_W)))
    last = min(n, math.floor(content_w / min_cell))
    widths = list(range(first, last + 1))
    # (one or two names, one too long for a cell: a grid of up to three cells for it to span
    # — a 书记's ballot with a long transliterated name, or a long note, could not be printed)
    wider = list(range(max(last, n) + 1, min(3, math.floor(content_w / min_cell)) + 1))
    best = _best_symbol_grid(spec, widths, content_w, top, bottom, cell_h, nw, uniform)
    if best is None and wider:
        best = _best_symbol_grid(spec, wider, content_w, top, bottom, cell_h, nw, uniform)
    return best


def _best_symbol_grid(
    spec: BallotSpec,
    widths: Sequence[int],
    content_w: float,
    top: float,
    bottom: float,
    cell_h: float,
    nw: int,
    uniform: bool,
) -> _Grid | None:
    """`_symbol_grid` over these numbers of columns."""
    cands = spec.candidates
    best: tuple[tuple[float, int], _Grid] | None = None  # (ranking key, grid)
    for cols in widths:
        cell_w = min(MAX_CELL_W, content_w / cols)
        base = _base_size([c.name for c in cands], cell_w - 2 * NAME_PAD)
        sizes = [base]
        if uniform:
            # one size for every name: the largest at which the grid fits the sheet, each
            # name in as many cells (up to three) as it needs at that size
            span3 = min(3, cols) * cell_w - 2 * NAME_PAD
            widest = max((text_width(c.name, 1.0) for c in cands), default=0.0)
            top_size = min(base, span3 / widest) if widest > 0 else base
            sizes = [top_size - 0.5 * k for k in range(int((top_size - MIN_NAME_PT) / 0.5) + 1)]
        for size in sizes:
            laid = _symbol_cells(cands, cols, cell_w, size, uniform)
            if laid is None:
                continue
            fits, spans, notes = laid
            spans = spans + [1] * nw
            flow = _symbol_flow(spans, cols)
            rows = flow[-1][0] + 1
            if rows * cell_h > bottom - top:
                continue
            used = sum(spans) if rows == 1 else cols
            waste = rows * used - sum(spans)  # empty places in the grid: fewer looks better
            key = (-size if uniform else 0.0, waste)
            if best is None or key < best[0]:
                best = (key, (used, cell_w, fits, spans, flow, notes))
            break
    return None if best is None else best[1]


def _symbol_cells(
    cands: Sequence[Candidate], cols: int, cell_w: float, base: float, uniform: bool
) -> tuple[list[tuple[float, float]], list[int], list[tuple[float, float] | None]] | None:
    """Each name's size and cells (one to three) at most ``base``; ``uniform``: exactly
    ``base``, uncondensed. None if a name does not fit."""
    fits: list[tuple[float, float]] = []
    spans: list[int] = []
    notes: list[tuple[float, float] | None] = []
    for c in cands:
        for span in range(1, min(3, cols) + 1):
            f = _fit_name(c.name, span * cell_w - 2 * NAME_PAD, base)
            note = _fit_note(c.annotation, span * cell_w - 2 * NAME_PAD) if c.annotation else None
            if uniform and f is not None and (f[0] < base - 0.01 or f[1] < 1.0):
                f = None  # smaller than the others: another cell
            if note is not None and note[1] < 1.0 and span < min(3, cols):
                note = None  # (a note squeezed narrower than its letters: another cell)
            if f is not None and (note is not None or not c.annotation):
                fits.append(f)
                notes.append(note)
                spans.append(span)
                break
        else:
            return None
    return fits, spans, notes


def _draw_symbol(
    spec: BallotSpec,
    w: float,
    top: float,
    box: float,
    cols: int,
    cell_w: float,
    cell_h: float,
    has_sub: bool,
    fits: list[tuple[float, float]],
    spans: list[int],
    flow: list[tuple[int, int]],
    notes: list[tuple[float, float] | None],
) -> _Body:
    ops: list[Op] = []
    body = _Body(ops, [], [], {}, {}, [])
    x_left = (w - cols * cell_w) / 2
    for i, ((r, col), span) in enumerate(zip(flow, spans, strict=True)):
        x0 = x_left + col * cell_w
        y0 = top + r * cell_h
        x1, y1 = x0 + span * cell_w, y0 + cell_h
        cx = (x0 + x1) / 2
        mark: Box = (cx - box / 2, y0 + BOX_CLEAR_MM, cx + box / 2, y0 + BOX_CLEAR_MM + box)
        sep = mark[3] + BOX_CLEAR_MM
        name_box: Box = (x0 + NAME_PAD, sep + 0.6, x1 - NAME_PAD, sep + NAME_H - 0.3)
        body.knockouts.append(_grow(mark, 3.0))
        body.knockouts.append(name_box)
        if i < len(spec.candidates):
            c = spec.candidates[i]
            printed = [_name_text(cx, sep, sep + NAME_H, c.name, fits[i])]
            note = notes[i]
            if c.annotation and has_sub and note is not None:
                size, hs = note
                printed.append(
                    TextOp(
                        cx,
                        sep + NAME_H + SUB_H - 1.0,
                        c.annotation,
                        size,
                        "c",
                        (0.15, 0.15, 0.15),
                        hs,
                    )
                )
            ops.extend(printed)
            body.cells[c.code] = {
                "cell": (x0, y0, x1, y1),
                "lines": [(x0, sep, x1, sep)],
                "print": [_text_box(t) for t in printed],
                "text": _texts(printed),
                "breaks": _breaks(printed[0]),
            }
            body.candidates.append(CandidateTargets(c.code, c.name, {"mark": mark}))
            body.name_boxes[c.code] = name_box
            body.name_sizes[c.code] = fits[i]
        else:
            column = i - len(spec.candidates) + 1
            ops.append(RectOp((x0, sep, x1, y1), None, (0.96, 0.96, 0.96)))
            label = TextOp(cx, y1 - CELL_PAD_BOTTOM - 0.9, "另选他人", 7.5, "c", (0.4, 0.4, 0.4))
            ops.append(label)
            body.writeins.append(WriteinTargets(column, name_box, {"mark": mark}))
            # (its cell as a candidate's: writing beside its box, over its label, is seen —
            # the name box is where the name goes, read apart, and is no such writing)
            body.cells[f"w{column}"] = {
                "cell": (x0, y0, x1, y1),
                "lines": [(x0, sep, x1, sep)],
                "print": [name_box, _text_box(label)],
                "writein": True,
                # (the label as printed: a name written over it is told from its strokes —
                # `reports.glyphs.writein_label_glyphs`)
                "text": _texts([label]),
            }
        ops.append(RectOp((x0, y0, x1, y1), GRID_GREY, None, LINE_MM))
        ops.append(LineOp(x0, sep, x1, sep))
        _mark_box(ops, mark)
    return body


def _grow(b: Box, d: float) -> Box:
    return (b[0] - d, b[1] - d, b[2] + d, b[3] + d)


def _columns_body(
    spec: BallotSpec, w: float, top: float, bottom: float, box: float, clear: float
) -> _Body | None:
    cands = spec.candidates
    nw = spec.contest.writein_columns
    rows_total = len(cands) + nw
    if rows_total == 0:
        return None
    content_w = w - 2 * MARGIN_X
    row_h = box + 2 * clear
    col_w = max(box + 2 * BOX_CLEAR_MM, 16.0)
    # (measured as printed: the annotation after the name, at NOTE_SHARE of its size)
    texts = [c.name for c in cands]
    units = [
        text_width(c.name, 1.0) + NOTE_SHARE * _inline_note_width(c.annotation, 1.0) for c in cands
    ]
    for blocks in range(1, rows_total + 1):
        block_w = min(MAX_BLOCK_W, (content_w - (blocks - 1) * BLOCK_GAP) / blocks)
        name_w = block_w - 3 * col_w
        if name_w < MIN_NAME_COL:
            return None
        per = math.ceil(rows_total / blocks)
        extra = WRITEIN_HEAD_H if nw else 0.0
        if COL_HEAD_H + per * row_h + extra > bottom - top:
            continue
        fits = _fit_all(texts, units, name_w - 2 * NAME_PAD)
        if fits is None:
            continue
        # one size for every name, as on a printed ballot: the smallest any name needs (a
        # name that is still too wide at it is condensed, never set smaller than the rest)
        common = min(size for size, _ in fits)
        same = [_fit_units(u, name_w - 2 * NAME_PAD, common, common) for u in units]
        if all(f is not None for f in same):
            fits = [f for f in same if f is not None]
        return _draw_columns(
            spec, w, top, box, clear, blocks, block_w, name_w, col_w, row_h, per, fits
        )
    return None


def _draw_columns(
    spec: BallotSpec,
    w: float,
    top: float,
    box: float,
    clear: float,
    blocks: int,
    block_w: float,
    name_w: float,
    col_w: float,
    row_h: float,
    per: int,
    fits: list[tuple[float, float]],
) -> _Body:
    ops: list[Op] = []
    body = _Body(ops, [], [], {}, {}, [])
    spans: list[tuple[float, float, float]] = []  # each block's left, right and bottom
    ncand = len(spec.candidates)
    total = ncand + spec.contest.writein_columns
    total_w = blocks * block_w + (blocks - 1) * BLOCK_GAP
    x_start = (w - total_w) / 2
    heads = ("赞成", "不赞成", "弃权")
    keys = ("agree", "disagree", "abstain")
    for b in range(blocks):
        first, last = b * per, min(total, (b + 1) * per)
        if first >= last:
            break
        x0 = x_start + b * (block_w + BLOCK_GAP)
        xs = [x0, x0 + name_w] + [x0 + name_w + (k + 1) * col_w for k in range(3)]
        y = top
        # header row
        ops.append(RectOp((x0, y, xs[-1], y + COL_HEAD_H), None, (0.92, 0.92, 0.92)))
        head_texts = [TextOp((xs[0] + xs[1]) / 2, y + 5.6, "候选人姓名", 10, "c", BLACK, 1.0, True)]
        for k in range(3):
            head_texts.append(
                TextOp((xs[k + 1] + xs[k + 2]) / 2, y + 5.6, heads[k], 10, "c", BLACK, 1.0, True)
            )
        ops.extend(head_texts)
        body.headings.append(
            {
                # (clear of the row's rules above and below it, as a sheet scanned slightly
                # askew or scaled shows them; the rules between the columns are print)
                "box": (x0 + 1.0, y + 1.3, xs[-1] - 1.0, y + COL_HEAD_H - 1.3),
                "print": [
                    *(_text_box(t) for t in head_texts),
                    *((xx - 0.3, y, xx + 0.3, y + COL_HEAD_H) for xx in xs[1:-1]),
                ],
                # (the words as printed: a ○ drawn over one, looked past with its print
                # box, is told from their strokes — `reports.glyphs.heading_glyphs`)
                "text": _texts(head_texts),
            }
        )
        rows_y = [y]
        y += COL_HEAD_H
        rows_y.append(y)
        for i in range(first, last):
            if i == ncand:
                ops.append(RectOp((x0, y, xs[-1], y + WRITEIN_HEAD_H), None, (0.92, 0.92, 0.92)))
                label = TextOp(
                    (xs[0] + xs[1]) / 2, y + 4.3, "另 选 他 人", 9.5, "c", BLACK, 1.0, True
                )
                ops.append(label)
                # (a heading row as the table's first: a ○ drawn on it, one a row too low
                # under the last candidate's box, is looked for there)
                body.headings.append(
                    {
                        "box": (x0 + 1.0, y + 1.3, xs[-1] - 1.0, y + WRITEIN_HEAD_H - 1.3),
                        "print": [
                            _text_box(label),
                            *((xx - 0.3, y, xx + 0.3, y + WRITEIN_HEAD_H) for xx in xs[1:-1]),
                        ],
                        "text": _texts([label]),
                    }
                )
                y += WRITEIN_HEAD_H
                rows_y.append(y)
            y1 = y + row_h
            boxes: dict[str, Box] = {}
            for k in range(3):
                cx = (xs[k + 1] + xs[k + 2]) / 2
                boxes[keys[k]] = (cx - box / 2, y + clear, cx + box / 2, y + clear + box)
            name_box: Box = (xs[0] + NAME_PAD, y + 1.0, xs[1] - NAME_PAD, y1 - 1.0)
            body.knockouts.append(name_box)
            if i < ncand:
                c = spec.candidates[i]
                size, hs = fits[i]
                tw = text_width(c.name, size, hs)
                note, gap_em = _inline_note(c.annotation)
                aw = _inline_note_width(c.annotation, size * NOTE_SHARE, hs)
                gap = gap_em * size * NOTE_SHARE * PT_MM * hs
                nx = (xs[0] + xs[1]) / 2 - (tw + aw) / 2
                printed = [_name_text(nx, y, y1, c.name, fits[i], "l")]
                if note:
                    base = (y + y1) / 2 + 0.36 * size * PT_MM
                    printed.append(
                        TextOp(
                            nx + tw + gap,
                            base,
                            note,
                            size * NOTE_SHARE,
                            "l",
                            (0.15, 0.15, 0.15),
                            hs,
                        )
                    )
                ops.extend(printed)
                body.cells[c.code] = {
                    "cell": (xs[0], y, xs[-1], y1),
                    "lines": [(xx, y, xx, y1) for xx in xs[1:-1]],
                    "print": [_text_box(t) for t in printed],
                    "text": _texts(printed),
                    "breaks": _breaks(printed[0]),
                }
                for key in keys:
                    _mark_box(ops, boxes[key])
                    body.knockouts.append(_grow(boxes[key], 2.5))
                body.candidates.append(CandidateTargets(c.code, c.name, boxes))
                body.name_boxes[c.code] = name_box
                body.name_sizes[c.code] = fits[i]
            else:
                _mark_box(ops, boxes["agree"])
                body.knockouts.append(_grow(boxes["agree"], 2.5))
                for k in (1, 2):
                    ops.append(RectOp((xs[k + 1], y, xs[k + 2], y1), None, (0.85, 0.85, 0.85)))
                body.writeins.append(
                    WriteinTargets(i - ncand + 1, name_box, {"agree": boxes["agree"]})
                )
                # (its row as a candidate's: writing in its grey cells is seen; the name box
                # is where the name goes, read apart)
                body.cells[f"w{i - ncand + 1}"] = {
                    "cell": (xs[0], y, xs[-1], y1),
                    "lines": [(xx, y, xx, y1) for xx in xs[1:-1]],
                    "print": [name_box],
                    "writein": True,
                }
            y = y1
            rows_y.append(y)
        # table lines
        for yy in rows_y:
            ops.append(LineOp(x0, yy, xs[-1], yy))
        for xx in xs:
            ops.append(LineOp(xx, rows_y[0], xx, rows_y[-1]))
        ops.append(RectOp((x0, rows_y[0], xs[-1], rows_y[-1]), BLACK, None, FRAME_MM))
        spans.append((x0, xs[-1], rows_y[-1]))
    # The paper below a block shorter than the one beside it, down to where the paper below
    # the whole table begins (`_blank_below`), across to the blocks beside it: a ○ drawn a
    # row too low under its last box, a word written there, lies in none of the cells.
    low = max((b for _, _, b in spans), default=0.0) + FRAME_MM / 2 + BLANK_CLEAR_MM
    for k, (left, right, bottom) in enumerate(spans):
        top = bottom + FRAME_MM / 2 + BLANK_CLEAR_MM
        if low - top < BELOW_BLOCK_MIN_MM:
            continue
        if k > 0:
            left = spans[k - 1][1] + FRAME_MM / 2 + BLANK_CLEAR_MM
        if k + 1 < len(spans):
            right = spans[k + 1][0] - FRAME_MM / 2 - BLANK_CLEAR_MM
        body.blanks.append((left, top, right, low))
    return body


def plan_ballot(spec: BallotSpec) -> BallotPlan:
    """Lay out one round's ballot: paper, boxes, names, fiducials, code, and the drawing."""
    register_font()
    version = _qr_version_for(sample_payload(spec))
    for paper, w, h in PAPERS:
        found = _lay_out(spec, w, h, 17 + 4 * version)
        if found is not None:
            head, box, body = found
            return _assemble(spec, paper, w, h, box, version, head, body)
    raise LayoutError(*_does_not_fit(spec))


def _lay_out(
    spec: BallotSpec, w: float, h: float, modules: int
) -> tuple[_Header, float, _Body] | None:
    """The header, box size and body on a paper of ``w`` × ``h`` mm, or None: no fit."""
    symbol = spec.contest.ballot_style is BallotStyle.SYMBOL
    head = _header(spec, w, modules)
    bottom = h - BOTTOM_CLEAR
    configs = [(b, BOX_CLEAR_MM) for b in BOX_SIZES_MM] if symbol else COLUMN_CONFIGS
    for box, clear in configs:
        if symbol:
            body = _symbol_body(spec, w, head.body_top, bottom, box)
        else:
            body = _columns_body(spec, w, head.body_top, bottom, box, clear)
        if body is not None:
            return head, box, body
    return None


def fits_on_paper(spec: BallotSpec) -> bool:
    """Does the round's ballot fit on A3, upright or across? (A4 either way is a part of A3
    upright: what fits there fits on A3.)"""
    register_font()
    modules = 17 + 4 * _qr_version_for(sample_payload(spec))
    return any(
        _lay_out(spec, w, h, modules) is not None
        for paper, w, h in PAPERS
        if paper.startswith("A3")
    )


def _variant(
    spec: BallotSpec,
    candidates: Sequence[Candidate] | None = None,
    writeins: int | None = None,
    style: BallotStyle | None = None,
) -> BallotSpec:
    """``spec`` as it would be with other candidates, write-in columns or style."""
    contest = spec.contest
    if writeins is not None:
        contest = replace(contest, writein_columns=writeins)
    if style is not None:
        contest = replace(contest, ballot_style=style)
    if candidates is None:
        return replace(spec, contest=contest)
    cands = tuple(candidates)
    return replace(spec, contest=contest, candidates=cands, seats=min(spec.seats, len(cands)))


def _notes_cut(spec: BallotSpec, cap: int) -> BallotSpec:
    return _variant(spec, [replace(k, annotation=k.annotation[:cap]) for k in spec.candidates])


def _longest_note_that_fits(spec: BallotSpec) -> int:
    """The most characters every note may have for the ballot to fit (``spec`` fits with no
    notes at all, not with its own)."""
    lo, hi = 0, max(len(k.annotation) for k in spec.candidates)  # lo fits, hi does not
    while hi - lo > 1:
        mid = (lo + hi) // 2
        if fits_on_paper(_notes_cut(spec, mid)):
            lo = mid
        else:
            hi = mid
    return lo


def _most_candidates_that_fit(spec: BallotSpec) -> int:
    """How many of the list, from its top, one sheet holds as the contest is set."""
    lo, hi = 0, len(spec.candidates)  # lo fits (or is none), hi does not
    while hi - lo > 1:
        mid = (lo + hi) // 2
        if fits_on_paper(_variant(spec, spec.candidates[:mid])):
            lo = mid
        else:
            hi = mid
    return lo


def _does_not_fit(spec: BallotSpec) -> tuple[str, str]:
    """Why a round's ballot cannot be laid out, and what to do (Chinese, English).

    The cause is found by trying the sheet without it — the notes cut short, one name of
    an ordinary length, fewer candidates — so that what the refusal names is what stops it:
    a note of 36 characters on an 11-name ballot was blamed on the number of candidates, and
    a 13-character name was blamed where taking it out still did not fit.
    """
    title = spec.contest.title
    cands = spec.candidates
    bare = _notes_cut(spec, 0)
    noted = any(k.annotation for k in cands)
    # The longest name, when far longer than the rest (a typing slip?), and the list with
    # it as long as the usual name.
    lengths = sorted(len(k.name) for k in cands)
    usual = lengths[len(lengths) // 2] if lengths else 0
    longest = max(cands, key=lambda k: len(k.name), default=None)
    plain_name: BallotSpec | None = None
    if longest is not None and len(longest.name) > max(10, 2 * usual):
        stand_in = replace(longest, name="王" * max(2, usual))
        plain_name = _variant(spec, [stand_in if k is longest else k for k in cands])
    zh: list[str] = []
    en: list[str] = []
    name_fix = plain_name is not None and fits_on_paper(plain_name)
    notes_of: BallotSpec | None = None
    if noted and fits_on_paper(bare):
        notes_of = spec
    elif (
        plain_name is not None
        and not name_fix
        and noted
        and fits_on_paper(_notes_cut(plain_name, 0))  # the name and the notes together
    ):
        name_fix, notes_of = True, plain_name
    if name_fix and longest is not None:
        n = len(longest.name)
        zh.append(f"请核对姓名“{longest.name}”（{n} 个字，远长于其他姓名）是否录入有误")
        en.append(
            f"check the name {longest.name!r} ({n} characters, far longer than the"
            " others): is it typed right?"
        )
    if notes_of is not None:
        cap = _longest_note_that_fits(notes_of)
        long_notes = [k for k in notes_of.candidates if len(k.annotation) > cap]
        who_zh = "、".join(f"“{k.name}”的备注（{len(k.annotation)} 个字）" for k in long_notes)
        who_en = ", ".join(
            f"the note of {k.name} ({len(k.annotation)} characters)" for k in long_notes
        )
        where_zh, where_en = (
            ("印在姓名下面", "printed under the name")
            if spec.contest.ballot_style is BallotStyle.SYMBOL
            else ("印在姓名之后", "printed after the name")
        )
        one = len(long_notes) == 1
        zh.append(
            f"候选人{who_zh}太长（备注{where_zh}，只印一行）："
            + (f"请缩短到 {cap} 个字以内" if cap else "请删去")
        )
        en.append(
            f"{who_en} {'is' if one else 'are'} too long (a note is {where_en}, on one line): "
            + (
                f"shorten {'it' if one else 'them'} to at most {cap} characters"
                if cap
                else "leave " + ("it" if one else "them") + " out"
            )
        )
    if zh:
        # (the limits the names and boxes keep are not what stops this one: not said)
        return (
            f"{title}：选票在 A3 纸上也排不下：{'；'.join(zh)}。改过后即可排下。",
            f"{title}: the ballot does not fit on A3: {'; '.join(en)}. Then it fits.",
        )
    # Too many names for one sheet as the contest is set: how many fit, and what would
    # make room — only what does.
    most = _most_candidates_that_fit(spec)
    columns = spec.contest.writein_columns
    symbol = spec.contest.ballot_style is BallotStyle.SYMBOL
    if columns:
        fewer = next(
            (k for k in range(columns - 1, -1, -1) if fits_on_paper(_variant(spec, writeins=k))),
            None,
        )
        if fewer is not None:
            zh.append(
                f"把“另选他人”栏减到 {fewer} 栏（现为 {columns} 栏）"
                if fewer
                else f"不设“另选他人”栏（现为 {columns} 栏）"
            )
            en.append(
                f"reduce the write-in columns to {fewer} (now {columns})"
                if fewer
                else f"print no write-in columns (now {columns})"
            )
    if not symbol and fits_on_paper(_variant(spec, style=BallotStyle.SYMBOL)):
        zh.append("改用符号式选票（每个姓名一个方框，能排下约多一倍的姓名）")
        en.append("use the symbol style (one box per name: about twice the names fit)")
    zh.append(
        "另行印制选票（本软件的选票是一张纸、最大 A3，候选人更多的须印多页选票），"
        "用“手工录入”（huanjie manual）计票"
    )
    en.append(
        "print the ballots otherwise (a ballot here is one sheet, at most A3: more candidates"
        " need a ballot of several pages) and count them with hand entry (huanjie manual)"
    )
    style_zh = ("符号式" if symbol else "分栏式") + (
        f"，“另选他人” {columns} 栏" if columns else "，不设“另选他人”栏"
    )
    style_en = ("symbol style" if symbol else "columns style") + (
        f", {columns} write-in columns" if columns else ", no write-in columns"
    )
    return (
        f"{title}：候选人 {len(cands)} 名，在 A3 纸上也排不下（姓名不小于 {MIN_NAME_PT:g} 磅、"
        f"方框不小于 {MIN_BOX_MM:g} 毫米）。一张 A3 选票（{style_zh}）"
        f"最多排得下 {most} 名候选人。请" + "；或".join(zh) + "。",
        f"{title}: {len(cands)} candidates do not fit on A3 with names of at least"
        f" {MIN_NAME_PT:g} pt and boxes of at least {MIN_BOX_MM:g} mm: one A3 sheet"
        f" ({style_en}) holds {most} candidates at most. "
        + en[0][:1].upper()
        + en[0][1:]
        + "".join(f"; or {e}" for e in en[1:])
        + ".",
    )


def _assemble(
    spec: BallotSpec,
    paper: str,
    w: float,
    h: float,
    box: float,
    version: int,
    head: _Header,
    body: _Body,
) -> BallotPlan:
    colour = ballot_colour(spec.contest)
    fids = _fiducials(w, h)
    quiet = QR_QUIET_MODULES * QR_MODULE_MM
    ops: list[Op] = []
    if spec.test:
        size = min(w, h) * 0.42 / PT_MM
        angle = 30.0
        # the glyphs' middle sits ~0.36 em above the baseline, perpendicular to it
        lift = 0.36 * size * PT_MM
        ox = lift * math.sin(math.radians(angle))
        oy = lift * math.cos(math.radians(angle))
        ops.append(
            TextOp(
                w / 2 + ox,
                (head.body_top + h) / 2 + oy,
                "样票",
                size,
                "c",
                (1.0, 0.80, 0.80),
                1.0,
                False,
                angle,
            )
        )
        for k in [
            *body.knockouts,
            _grow(head.qr, quiet + 1.0),
            *(_grow(f, FID_CLEAR_MM) for f in fids),
        ]:
            ops.append(RectOp(k, None, WHITE))
    ops.extend(head.ops)
    ops.extend(body.ops)
    # bottom band, the kind's colour again
    clear = FID_INSET_MM + FID_SIZE_MM / 2 + FID_CLEAR_MM + 3.0
    bar: Box = (clear, h - FID_INSET_MM - 0.8, w - clear, h - FID_INSET_MM + 0.8)
    ops.append(RectOp(bar, None, colour))
    for f in fids:
        ops.append(RectOp(f, None, BLACK))
    blank = _blank_below(body.ops, w, h)
    # (too little paper for it left above the foot: that strip, looked at all the same)
    strip = [] if blank else _strip_below(body.ops, w, h)
    # (the paper above the title and above the foot's bar, outside both the blank paper of
    # the printed area and the margins round it)
    edges = _strips_round(head.ops, body.ops, w, h, head.seal, head.qr, bar)
    blanks = [
        *body.blanks,
        *strip,
        *_blank_elsewhere(
            [*head.ops, *body.ops],
            w,
            h,
            [
                head.seal,
                head.qr,
                *(c["cell"] for c in body.cells.values()),
                *(_writein_cell(wt) for wt in body.writeins),
                *([blank] if blank else strip),
                *body.blanks,
            ],
        ),
    ]
    layout = BallotLayout(
        contest=spec.contest.code,
        round=spec.round,
        style=str(spec.contest.ballot_style),
        seats=spec.seats,
        paper_w=w,
        paper_h=h,
        candidates=tuple(body.candidates),
        writeins=tuple(body.writeins),
        qr=head.qr,
        fiducials=fids,
        extra={
            "paper": paper,
            "box_mm": box,
            "qr_version": version,
            "qr_module_mm": QR_MODULE_MM,
            "seal": head.seal,
            # (where the bar is: gone from where the image holds it, with a corner square,
            # it tells of the sheet's bottom folded under — `recognition.hidden`)
            "bar": bar,
            "name_boxes": dict(body.name_boxes),
            "cells": _with_clear_above(body.cells, [*head.ops, *body.ops]),
            "headings": body.headings,
            "blank": blank,
            "blanks": blanks,
            # (the strips above the title and the foot's bar: apart from ``blanks``, as they
            # overlap the paper beside them — a seal stamped below the table, judged there,
            # runs on into the strip — and the margins are not found clear of them: a few mm
            # high below the top margin, they would push it off)
            "edges": edges,
            "margins": _margins(
                [*head.ops, *body.ops],
                w,
                h,
                [
                    head.seal,
                    head.qr,
                    *fids,
                    # (the printed area: its blank paper is looked at as ``blank``/``blanks``)
                    (BLANK_SIDE_MM, TOP_Y, w - BLANK_SIDE_MM, h - BOTTOM_CLEAR),
                    *([blank] if blank else []),
                    *blanks,
                ],
            ),
        },
    )
    return BallotPlan(
        spec,
        layout,
        tuple(ops),
        paper,
        box,
        version,
        head.serial_at,
        dict(body.name_boxes),
        dict(body.name_sizes),
    )


def _ops_bottom(ops: list[Op]) -> float:
    """The lowest point (mm) anything of ``ops`` is drawn at (a text's descent included)."""
    low = 0.0
    for op in ops:
        if isinstance(op, RectOp):
            low = max(low, op.box[3] + op.width / 2)
        elif isinstance(op, LineOp):
            low = max(low, op.y0 + op.width / 2, op.y1 + op.width / 2)
        elif isinstance(op, CircleOp):
            low = max(low, op.cy + op.r + op.width / 2)
        else:
            low = max(low, op.y + 0.25 * op.size * PT_MM)
    return low


def _with_clear_above(cells: dict[str, dict[str, Any]], ops: list[Op]) -> dict[str, dict[str, Any]]:
    """``cells`` with, for each cell no other cell lies on (the table's top row), how much
    blank paper (mm) lies above it before anything printed (``clear_above``): a mark drawn
    above a box of that row, against the table's top rule, is looked for there when the
    sheet is read (`recognition.elsewhere.beside_boxes`)."""
    out = {code: dict(c) for code, c in cells.items()}
    boxes = [b for op in ops if (b := _op_box(op)) is not None]
    for c in out.values():
        x0, top, x1, _ = c["cell"]
        if any(
            abs(o["cell"][3] - top) < 0.5 and o["cell"][0] < x1 and o["cell"][2] > x0
            for o in cells.values()
        ):
            continue
        lowest = max(
            (b[3] for b in boxes if b[3] < top - 0.3 and b[0] < x1 and b[2] > x0), default=0.0
        )
        c["clear_above"] = round(top - lowest, 2)
    return out


def _blank_below(ops: list[Op], w: float, h: float) -> Box | None:
    """The paper left blank below the table (mm), clear of the table, the bottom bar, the
    corner squares and where punch holes go: a voter's writing there is looked for when the
    sheet is read (an identifying mark, rules.md). None when the table leaves too little."""
    top = _ops_bottom(ops) + BLANK_CLEAR_MM
    bottom = h - BOTTOM_CLEAR + BLANK_BOTTOM_MM
    if bottom - top < BLANK_MIN_MM:
        return None
    return (BLANK_SIDE_MM, top, w - BLANK_SIDE_MM, bottom)


def _strip_below(ops: list[Op], w: float, h: float) -> list[Box]:
    """The paper below the table when it is too low for `_blank_below` (under BLANK_MIN_MM:
    a table reaching nearly to the foot), as one of the ``blanks`` — the same bounds, from
    BELOW_BLOCK_MIN_MM high. Nothing else covers it (the margins begin below the foot's
    bar), and a number written there, or a ○ drawn a row too low under the last box (the
    only sign of a voter whose every ○ sits three quarters of a row low, each read for the
    candidate below), would be counted unseen."""
    top = _ops_bottom(ops) + BLANK_CLEAR_MM
    bottom = h - BOTTOM_CLEAR + BLANK_BOTTOM_MM
    if bottom - top < BELOW_BLOCK_MIN_MM:
        return []
    return [(BLANK_SIDE_MM, top, w - BLANK_SIDE_MM, bottom)]


#: Other blank paper where a voter's writing is looked for (beside the title, right of the
#: instructions, beside the table's last row): pieces at least this wide and high (mm),
#: this far from print (mm), the official seal's stamp (wider than its circle) kept clear of
#: by this (mm); at most BLANKS_MAX of them, the largest first.
BLANKS_MIN_W = 16.0
BLANKS_MIN_H = 8.0
BLANKS_CLEAR_MM = 3.0
BLANKS_SEAL_MM = 14.0
BLANKS_MAX = 6
_GRID = 2.0  # mm per cell of the free-space grid


#: How far (mm) the strips above the title and the foot's bar (`_strips_round`) reach into
#: the paper looked at beside them: a strip only a few mm high takes a pen's stroke from one
#: of its sides to the other for a crease (`recognition.elsewhere`).
STRIPS_OVERLAP_MM = 4.0


def _strips_round(
    head: list[Op], body: list[Op], w: float, h: float, seal: Box, qr: Box, bar: Box
) -> list[Box]:
    """The paper no other region covers, where a voter's writing is looked for all the
    same: above the title, between the top margin (`_margins`: MARGINS_CLEAR_MM above the
    printed area) and the title's words, clear of the seal's stamp (BLANKS_SEAL_MM round
    its circle) and the code; and above the foot's bar, between the paper below the table
    (which ends BLANK_BOTTOM_MM below the printed area) and the bar — a name or a number
    written there was counted unseen. Each BLANK_CLEAR_MM clear of the print below or
    above it (as the paper below the table is of the table), reaching STRIPS_OVERLAP_MM
    into the paper beyond it (the top margin; the paper below the table, not past the
    table itself)."""
    out: list[Box] = []
    left = max(BLANK_SIDE_MM, seal[2] + BLANKS_SEAL_MM + BLANKS_CLEAR_MM)
    right = min(w - BLANK_SIDE_MM, qr[0] - BLANKS_CLEAR_MM)
    margin = TOP_Y - MARGINS_CLEAR_MM - 1.0  # (where the top margin ends, at most)
    below = [
        b[1]
        for op in head
        if (b := _op_box(op)) is not None and b[0] < right and b[2] > left and b[1] > margin
    ]
    if below and right - left >= BLANKS_MIN_W:
        bottom = min(below) - BLANK_CLEAR_MM
        if bottom - margin >= BELOW_BLOCK_MIN_MM:
            out.append((left, margin - STRIPS_OVERLAP_MM, right, round(bottom, 2)))
    foot = h - BOTTOM_CLEAR + BLANK_BOTTOM_MM
    top = max(foot - STRIPS_OVERLAP_MM, _ops_bottom(body) + BLANK_CLEAR_MM)
    if bar[1] - BLANK_CLEAR_MM - foot >= BELOW_BLOCK_MIN_MM:
        out.append(
            (BLANK_SIDE_MM, round(top, 2), w - BLANK_SIDE_MM, round(bar[1] - BLANK_CLEAR_MM, 2))
        )
    return out


def _writein_cell(wt: WriteinTargets) -> Box:
    parts = [wt.name_box, *wt.boxes.values()]
    return (
        min(b[0] for b in parts) - 2,
        min(b[1] for b in parts) - 2,
        max(b[2] for b in parts) + 2,
        max(b[3] for b in parts) + 2,
    )


def _op_box(op: Op) -> Box | None:
    """Where ``op`` puts ink (mm), generously; None for what prints nothing (a white
    knockout)."""
    if isinstance(op, RectOp):
        if op.stroke is None and op.fill in (None, WHITE):
            return None
        g = op.width / 2
        return (op.box[0] - g, op.box[1] - g, op.box[2] + g, op.box[3] + g)
    if isinstance(op, LineOp):
        g = op.width / 2
        return (
            min(op.x0, op.x1) - g,
            min(op.y0, op.y1) - g,
            max(op.x0, op.x1) + g,
            max(op.y0, op.y1) + g,
        )
    if isinstance(op, CircleOp):
        r = op.r + op.width / 2
        return (op.cx - r, op.cy - r, op.cx + r, op.cy + r)
    size = op.size * PT_MM
    # (a Chinese character is about as wide as the type's size, a Latin one about 0.6 of it:
    # both taken a little wider)
    width = sum(1.05 if ord(ch) > 0x2E7F else 0.65 for ch in op.text) * size * op.hscale
    if op.angle:
        reach = max(width, size)
        return (op.x - reach, op.y - reach, op.x + reach, op.y + reach)
    x0 = {"l": op.x, "c": op.x - width / 2, "r": op.x - width}.get(op.anchor, op.x - width)
    return (x0, op.y - 1.0 * size, x0 + width, op.y + 0.3 * size)


def _free_grid(ops: list[Op], taken: list[Box], bounds: Box, clear: float) -> list[list[bool]]:
    """The paper within ``bounds`` (mm) in cells of _GRID mm, True where nothing printed
    (``ops``) nor ``taken`` lies within ``clear`` mm (the first of ``taken``, the seal's
    circle, by BLANKS_SEAL_MM more: the stamp is wider than its circle)."""
    left, top, right, bottom = bounds
    cols, rows = int((right - left) // _GRID), int((bottom - top) // _GRID)
    if cols <= 0 or rows <= 0:
        return []
    free = [[True] * cols for _ in range(rows)]

    def occupy(b: Box, grow: float) -> None:
        c0 = max(0, int((b[0] - grow - left) // _GRID))
        c1 = min(cols - 1, int((b[2] + grow - left) // _GRID))
        r0 = max(0, int((b[1] - grow - top) // _GRID))
        r1 = min(rows - 1, int((b[3] + grow - top) // _GRID))
        for r in range(r0, r1 + 1):
            row = free[r]
            for c in range(c0, c1 + 1):
                row[c] = False

    for op in ops:
        if (b := _op_box(op)) is not None:
            occupy(b, clear)
    for i, b in enumerate(taken):
        occupy(b, clear + (BLANKS_SEAL_MM if i == 0 else 0.0))
    return free


def _blank_elsewhere(ops: list[Op], w: float, h: float, taken: list[Box]) -> list[Box]:
    """Blank paper other than below the table, where a voter's writing is looked for when
    the sheet is read (a name beside the title, a number in an empty cell past the last
    name): the largest rectangles clear of every printed thing by BLANKS_CLEAR_MM, of the
    ``taken`` boxes (the seal's circle — by BLANKS_SEAL_MM more —, the code, the candidates'
    and write-in cells, the paper below the table), at least BLANK_SIDE_MM from the sides
    (punch holes) and inside the printed area top to bottom."""
    top = TOP_Y
    left = BLANK_SIDE_MM
    free = _free_grid(ops, taken, (left, top, w - BLANK_SIDE_MM, h - BOTTOM_CLEAR), BLANKS_CLEAR_MM)
    if not free or not free[0]:
        return []
    min_c, min_r = math.ceil(BLANKS_MIN_W / _GRID), math.ceil(BLANKS_MIN_H / _GRID)
    return _take_free(free, [(min_c, min_r)], BLANKS_MAX, (left, top), 1.0)


#: The paper round the printed area (the margins: a name written beside the table, above
#: the title, below the foot): pieces at least MARGINS_MIN_W × MARGINS_MIN_H (either way
#: round), MARGINS_EDGE_MM in from the paper's edge (a scan's dark border, a shadow),
#: MARGINS_CLEAR_MM from print and the corner squares; at most MARGINS_MAX of them.
MARGINS_MIN_W = 6.0
MARGINS_MIN_H = 14.0
MARGINS_EDGE_MM = 4.0
MARGINS_CLEAR_MM = 3.0
MARGINS_MAX = 8


def _margins(ops: list[Op], w: float, h: float, taken: list[Box]) -> list[Box]:
    """The margins where a voter's writing is looked for (`MARGINS_MIN_W`…): the largest
    free rectangles of the paper outside the printed area (``taken``: the seal's circle, by
    BLANKS_SEAL_MM more, the code, the corner squares, the printed area and its blanks)."""
    edge = MARGINS_EDGE_MM
    free = _free_grid(ops, taken, (edge, edge, w - edge, h - edge), MARGINS_CLEAR_MM)
    if not free or not free[0]:
        return []
    short, long = math.ceil(MARGINS_MIN_W / _GRID), math.ceil(MARGINS_MIN_H / _GRID)
    return _take_free(free, [(short, long), (long, short)], MARGINS_MAX, (edge, edge), 0.5)


def _take_free(
    free: list[list[bool]],
    sizes: list[tuple[int, int]],
    most: int,
    origin: tuple[float, float],
    inset: float,
) -> list[Box]:
    """Up to ``most`` of the largest free rectangles of the grid ``free`` (at least one of
    ``sizes``: columns × rows), each taken out of it in turn; in mm from ``origin`` (the
    grid's top-left corner), ``inset`` mm inside their cells."""
    out: list[Box] = []
    x0, y0 = origin
    for _ in range(most):
        found = [b for b in (_largest_free(free, c, r) for c, r in sizes) if b]
        if not found:
            break
        r0, c0, r1, c1 = max(found, key=lambda b: (b[2] - b[0] + 1) * (b[3] - b[1] + 1))
        out.append(
            (
                round(x0 + c0 * _GRID + inset, 1),
                round(y0 + r0 * _GRID + inset, 1),
                round(x0 + (c1 + 1) * _GRID - inset, 1),
                round(y0 + (r1 + 1) * _GRID - inset, 1),
            )
        )
        for r in range(r0, r1 + 1):
            for c in range(c0, c1 + 1):
                free[r][c] = False
    return out


def _largest_free(
    free: list[list[bool]], min_c: int, min_r: int
) -> tuple[int, int, int, int] | None:
    """The largest all-free rectangle (rows r0..r1, columns c0..c1) at least min_c wide
    and min_r high, by the histogram of free cells above each row."""
    cols = len(free[0])
    heights = [0] * cols
    best: tuple[int, int, int, int] | None = None
    best_area = 0
    for r, row in enumerate(free):
        for c in range(cols):
            heights[c] = heights[c] + 1 if row[c] else 0
        stack: list[int] = []
        for c in range(cols + 1):
            hgt = heights[c] if c < cols else 0
            while stack and heights[stack[-1]] >= hgt:
                top_h = heights[stack.pop()]
                start = stack[-1] + 1 if stack else 0
                width = c - start
                if top_h >= min_r and width >= min_c and top_h * width > best_area:
                    best_area = top_h * width
                    best = (r - top_h + 1, start, r, c - 1)
            stack.append(c)
    return best


def ballot_layout(spec: BallotSpec) -> BallotLayout:
    return plan_ballot(spec).layout


# --- rendering ---------------------------------------------------------------------------------


class _Painter:
    def __init__(self, c: Canvas, page_h: float, font: str) -> None:
        self.c = c
        self.h = page_h
        self.font = font

    def X(self, x: float) -> float:
        return float(x * mm)

    def Y(self, y: float) -> float:
        return float((self.h - y) * mm)

    def draw(self, op: Op) -> None:
        c = self.c
        if isinstance(op, RectOp):
            x0, y0, x1, y1 = op.box
            if op.fill is not None:
                c.setFillColorRGB(*op.fill)
            if op.stroke is not None:
                c.setStrokeColorRGB(*op.stroke)
                c.setLineWidth(op.width * mm)
                c.setDash([d * mm for d in op.dash] if op.dash else [])
            c.rect(
                self.X(x0),
                self.Y(y1),
                (x1 - x0) * mm,
                (y1 - y0) * mm,
                stroke=int(op.stroke is not None),
                fill=int(op.fill is not None),
            )
        elif isinstance(op, LineOp):
            c.setStrokeColorRGB(*op.color)
            c.setLineWidth(op.width * mm)
            c.setDash([])
            c.line(self.X(op.x0), self.Y(op.y0), self.X(op.x1), self.Y(op.y1))
        elif isinstance(op, CircleOp):
            c.setStrokeColorRGB(*op.stroke)
            c.setLineWidth(op.width * mm)
            c.setDash([d * mm for d in op.dash] if op.dash else [])
            c.circle(self.X(op.cx), self.Y(op.cy), op.r * mm, stroke=1, fill=0)
            c.setDash([])
        else:
            self.text(op)

    def text(self, op: TextOp) -> None:
        c = self.c
        width = text_width(op.text, op.size, op.hscale)
        dx = {"l": 0.0, "c": -width / 2, "r": -width}[op.anchor]
        c.saveState()
        c.setFillColorRGB(*op.color)
        c.translate(self.X(op.x), self.Y(op.y))
        if op.angle:
            c.rotate(op.angle)
        t = c.beginText(dx * mm, 0)
        t.setFont(self.font, op.size)
        if op.hscale != 1.0:
            t.setHorizScale(op.hscale * 100)
        if op.bold:
            c.setStrokeColorRGB(*op.color)
            c.setLineWidth(op.size * 0.035)
            t.setTextRenderMode(2)
        draw_runs(t, op.text, op.size)
        c.drawText(t)
        c.restoreState()


def _draw_qr(c: Canvas, page_h: float, box: Box, matrix: list[list[bool]]) -> None:
    """Dark modules as filled rectangles (horizontal runs merged), written as one path.

    The path operators are written directly: reportlab's per-number formatting is the
    slowest part of a print run otherwise.
    """
    x0, y0 = box[0], box[1]
    m = QR_MODULE_MM * mm
    ops: list[str] = []
    for r, row in enumerate(matrix):
        col = 0
        n = len(row)
        y = (page_h - y0) * mm - (r + 1) * m
        while col < n:
            if not row[col]:
                col += 1
                continue
            start = col
            while col < n and row[col]:
                col += 1
            ops.append(f"{x0 * mm + start * m:.3f} {y:.3f} {(col - start) * m:.3f} {m:.3f} re")
    c.saveState()
    c.setFillColorRGB(0, 0, 0)
    c._code.append("\n".join(ops) + " f")
    c.restoreState()


def render_ballots(
    plan: BallotPlan, payloads: Sequence[str], serials: Sequence[str], out: Path
) -> None:
    """Write one page per sheet: the static ballot once (a form), then code and serial."""
    if len(payloads) != len(serials):
        raise ValueError("one payload per serial")
    font = register_font()
    lay = plan.layout
    w, h = lay.paper_w, lay.paper_h
    out.parent.mkdir(parents=True, exist_ok=True)
    c = Canvas(str(out), pagesize=(w * mm, h * mm), initialFontName=font)
    c.setTitle(ballot_title(plan.spec.contest) + ("（样票）" if plan.spec.test else ""))
    c.setAuthor("huanjie")
    c.setCreator("huanjie 换届计票")
    c.setSubject(f"{lay.contest} round {lay.round}")
    # One ballot to a sheet: printed on both sides, a sheet would carry two ballots (two
    # serials) — a voter could vote twice, a scanner read two. A print shop's PDF asks for
    # one-sided printing; the print dialog sets it (`gui.pages.ballots`).
    c.setViewerPreference("Duplex", "Simplex")
    painter = _Painter(c, h, font)
    c.beginForm("ballot")
    for op in plan.ops:
        painter.draw(op)
    c.endForm()
    expected = len(sample_payload(plan.spec))
    mask: int | None = None
    for payload, serial in zip(payloads, serials, strict=True):
        if len(payload) != expected:
            raise ValueError("payload length differs from the planned one")
        c.doForm("ballot")
        matrix, mask = qr_matrix(payload, plan.qr_version, mask)
        _draw_qr(c, h, lay.qr, matrix)
        painter.text(
            TextOp(
                plan.serial_at[0], plan.serial_at[1], f"防伪码 {serial}", 7, "c", (0.2, 0.2, 0.2)
            )
        )
        c.showPage()
    c.save()
