"""The shipped CJK font: registration with reportlab and the character map check.

reportlab prints a character the font lacks as blank without any warning, so every name is
checked against the font's character map when it is entered.
"""

from __future__ import annotations

import functools

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from huanjie_desktop.paths import font_path

FONT_NAME = "WQYMicroHei"


@functools.lru_cache(maxsize=1)
def register_font() -> str:
    """Register WenQuanYi Micro Hei (subfont 0) with reportlab; returns the font name."""
    pdfmetrics.registerFont(TTFont(FONT_NAME, str(font_path()), subfontIndex=0))
    return FONT_NAME


@functools.lru_cache(maxsize=1)
def font_codepoints() -> frozenset[int]:
    register_font()
    font = pdfmetrics.getFont(FONT_NAME)
    cmap: dict[int, int] = font.face.charToGlyph
    return frozenset(cmap)


_IGNORED = set(" ·•・()（）")


def first_unprintable(text: str) -> str | None:
    """The first character of ``text`` that the shipped font cannot print, or None."""
    cps = font_codepoints()
    for ch in text:
        if ch in _IGNORED:
            continue
        if ord(ch) not in cps:
            return ch
    return None
