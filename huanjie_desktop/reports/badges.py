"""Delegate cards (代表证): ten 90 × 54 mm cards per A4 sheet, with cut marks.

Each card shows the election, the person's name and unit, and the person's badge code as a
Code 128 barcode with its digits underneath; a keyboard-wedge scanner types the code + Enter
at check-in. All text is in the embedded CJK font (the barcode's own human-readable line,
which would use a non-embedded font, is switched off and drawn by us).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from reportlab.graphics.barcode.code128 import Code128
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from huanjie_desktop.reports.ballot_pdf import text_width
from huanjie_desktop.reports.fonts import draw_runs, register_font

PAGE_W, PAGE_H = 210.0, 297.0
CARD_W, CARD_H = 90.0, 54.0
COLS, ROWS = 2, 5
CARDS_PER_PAGE = COLS * ROWS
MARGIN_X = (PAGE_W - COLS * CARD_W) / 2
MARGIN_Y = (PAGE_H - ROWS * CARD_H) / 2
CUT_LEN = 5.0
CUT_GAP = 1.5
BAND: tuple[float, float, float] = (0.78, 0.08, 0.10)
NO_VOTE_BAND: tuple[float, float, float] = (0.45, 0.45, 0.45)  # 列席: grey, not the voters' red
BAR_MODULE_MM = 0.33
BAR_HEIGHT_MM = 9.0


@dataclass(frozen=True)
class BadgeCard:
    name: str
    unit: str  # the unit's name, "" for none
    code: str  # digits a scanner types
    title: str = "代表证"  # 代表证 (a congress), 出席证 (a members' assembly), 列席证
    voting: bool = True  # False: attends without the vote (a grey band, 无表决权)
    # what tells the holder from another person of their name ("（女，1975年）"), printed
    # after the name: two cards alike but for the barcode are handed out the wrong way round
    note: str = ""


def _fit(text: str, size: float, width: float, minimum: float) -> float:
    while size > minimum and text_width(text, size) > width:
        size -= 0.5
    return size


def _text(
    c: Canvas,
    font: str,
    x: float,
    y: float,
    text: str,
    size: float,
    color: tuple[float, float, float] = (0, 0, 0),
    bold: bool = False,
    hscale: float = 1.0,
    left: bool = False,
) -> None:
    """Centred text (``left``: starting at x); (x, y) in mm from the page's top-left, y the
    baseline."""
    w = 0.0 if left else text_width(text, size, hscale)
    c.saveState()  # the text render mode is graphics state: keep a bold line from leaking
    t = c.beginText((x - w / 2) * mm, (PAGE_H - y) * mm)
    t.setFont(font, size)
    if hscale != 1.0:
        t.setHorizScale(hscale * 100)
    c.setFillColorRGB(*color)
    if bold:
        c.setStrokeColorRGB(*color)
        c.setLineWidth(size * 0.035)
        t.setTextRenderMode(2)
    draw_runs(t, text, size)
    c.drawText(t)
    c.restoreState()


def _card(c: Canvas, font: str, x0: float, y0: float, card: BadgeCard, election: str) -> None:
    cx = x0 + CARD_W / 2
    # light frame (the cut runs along it), red band with the card's title
    c.setStrokeColorRGB(0.75, 0.75, 0.75)
    c.setLineWidth(0.2)
    c.rect(x0 * mm, (PAGE_H - y0 - CARD_H) * mm, CARD_W * mm, CARD_H * mm, stroke=1, fill=0)
    c.setFillColorRGB(*(BAND if card.voting else NO_VOTE_BAND))
    c.rect((x0 + 3) * mm, (PAGE_H - y0 - 11) * mm, (CARD_W - 6) * mm, 8 * mm, stroke=0, fill=1)
    title = " ".join(card.title) + ("（无表决权）" if not card.voting else "")
    _text(c, font, cx, y0 + 8.9, title, 14 if card.voting else 12, (1, 1, 1), True)
    size = _fit(election, 8.5, CARD_W - 8, 6.0)
    hs = min(1.0, (CARD_W - 8) / max(text_width(election, size), 0.01))
    _text(c, font, cx, y0 + 15.6, election, size, (0.2, 0.2, 0.2), hscale=hs)
    _name_line(c, font, cx, y0 + 25.5, card)
    if card.unit:
        size = _fit(card.unit, 9.5, CARD_W - 10, 6.5)
        hs = min(1.0, (CARD_W - 10) / max(text_width(card.unit, size), 0.01))
        _text(c, font, cx, y0 + 31.5, card.unit, size, (0.15, 0.15, 0.15), hscale=hs)
    bar = Code128(
        card.code,
        barWidth=BAR_MODULE_MM * mm,
        barHeight=BAR_HEIGHT_MM * mm,
        humanReadable=False,
        quiet=True,
    )
    c.setFillColorRGB(0, 0, 0)
    bar.drawOn(c, cx * mm - bar.width / 2, (PAGE_H - y0 - 34.0 - BAR_HEIGHT_MM) * mm)
    _text(c, font, cx, y0 + 34.0 + BAR_HEIGHT_MM + 3.6, " ".join(_groups(card.code)), 9)


def _name_line(c: Canvas, font: str, cx: float, y: float, card: BadgeCard) -> None:
    """The name, large and bold; a namesake's note after it, smaller and plain, the two
    centred together on one line."""
    room = CARD_W - 10
    if not card.note:
        size = _fit(card.name, 22, room, 12)
        hs = min(1.0, room / max(text_width(card.name, size), 0.01))
        _text(c, font, cx, y, card.name, size, (0, 0, 0), True, hs)
        return
    note_size = _fit(card.note, 11, room * 0.6, 7)
    while True:
        note_w = text_width(card.note, note_size)
        size = _fit(card.name, 22, room - note_w - 1, 12)
        # (a long name squeezed: its note steps back, the name stays the larger)
        if note_size <= 7 or note_size <= size * 0.7:
            break
        note_size -= 0.5
    name_w = text_width(card.name, size)
    hs = min(1.0, room / (name_w + 1 + note_w))
    x = cx - (name_w + 1 + note_w) * hs / 2
    _text(c, font, x, y, card.name, size, (0, 0, 0), True, hs, left=True)
    x += (name_w + 1) * hs
    _text(c, font, x, y, card.note, note_size, (0.1, 0.1, 0.1), hscale=hs, left=True)


def _groups(code: str) -> list[str]:
    return [code[i : i + 4] for i in range(0, len(code), 4)] if code.isdigit() else [code]


def _cut_marks(c: Canvas) -> None:
    c.setStrokeColorRGB(0, 0, 0)
    c.setLineWidth(0.25)
    x_end = MARGIN_X + COLS * CARD_W
    y_end = MARGIN_Y + ROWS * CARD_H
    for i in range(COLS + 1):
        x = (MARGIN_X + i * CARD_W) * mm
        c.line(
            x, (PAGE_H - MARGIN_Y + CUT_GAP) * mm, x, (PAGE_H - MARGIN_Y + CUT_GAP + CUT_LEN) * mm
        )
        c.line(x, (PAGE_H - y_end - CUT_GAP) * mm, x, (PAGE_H - y_end - CUT_GAP - CUT_LEN) * mm)
    for j in range(ROWS + 1):
        y = (PAGE_H - MARGIN_Y - j * CARD_H) * mm
        c.line((MARGIN_X - CUT_GAP) * mm, y, (MARGIN_X - CUT_GAP - CUT_LEN) * mm, y)
        c.line((x_end + CUT_GAP) * mm, y, (x_end + CUT_GAP + CUT_LEN) * mm, y)


def render_badges(cards: Sequence[BadgeCard], election: str, out: Path) -> int:
    """Write the cards to ``out`` (ten per A4 page); returns the number of pages."""
    font = register_font()
    out.parent.mkdir(parents=True, exist_ok=True)
    c = Canvas(str(out), pagesize=(PAGE_W * mm, PAGE_H * mm), initialFontName=font)
    c.setTitle(f"{election} {cards[0].title if cards else '代表证'}")
    c.setAuthor("huanjie")
    c.setCreator("huanjie 换届计票")
    pages = 0
    for start in range(0, len(cards), CARDS_PER_PAGE):
        for k, card in enumerate(cards[start : start + CARDS_PER_PAGE]):
            row, col = divmod(k, COLS)
            _card(c, font, MARGIN_X + col * CARD_W, MARGIN_Y + row * CARD_H, card, election)
        _cut_marks(c)
        c.showPage()
        pages += 1
    c.save()
    return pages
