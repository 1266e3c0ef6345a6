"""The shipped CJK fonts: registration with reportlab and the character map check.

Everything is printed in WenQuanYi Micro Hei; the 276 characters of 《通用规范汉字表》 it lacks
(mostly 三级字, kept for names: 㑇, 䶮 …) are printed in a small fallback font cut from HanaMin A
(``tools/build_fallback_font.py``): `runs` splits a text into the pieces each font prints,
`string_width` measures them, `draw_runs` writes them, `markup` marks them for a Paragraph.
reportlab prints a character no font has as blank without any warning, so every name is
checked against both character maps when it is entered.
"""

from __future__ import annotations

import functools
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib import textsplit
from reportlab.pdfbase import pdfmetrics, ttfonts
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import paragraph

from huanjie_desktop.paths import fallback_font_path, font_path

FONT_NAME = "WQYMicroHei"
FALLBACK_NAME = "HanazonoNames"


def _to_unicode_cmap(fontname: str, subset: list[int]) -> str:
    """reportlab's ToUnicode CMap of a font subset, with a character beyond U+FFFF (𫘜, a
    name's 三级字) written as its UTF-16 pair as the PDF format wants: reportlab writes its
    code point's hex digits (five of them), and a PDF reader extracts another character."""
    cmap = str(_REPORTLAB_CMAP(fontname, subset))
    if all(v <= 0xFFFF for v in subset):
        return cmap
    for i, v in enumerate(subset):
        if v > 0xFFFF:
            utf16 = chr(v).encode("utf-16-be").hex().upper()
            cmap = cmap.replace(f"<{i:02X}> <{v:04X}>", f"<{i:02X}> <{utf16}>", 1)
    return cmap


_REPORTLAB_CMAP = ttfonts.makeToUnicodeCMap
ttfonts.makeToUnicodeCMap = _to_unicode_cmap

#: Punctuation that never starts a line of Chinese text (避头点): it stays at the end of the
#: line before.
NO_LINE_START = frozenset("，。；：、）”’！？》」』%")

# reportlab's CJK line breaking (a Paragraph's wordWrap="CJK") keeps Japanese closing marks
# off a line's start, not the Chinese full-width ones: a line of a result paper's note began
# with "，". Its lists are read when a paragraph is broken into lines (one text run's by
# textsplit, several runs' — a name in the fallback font — by paragraph).
for _module in (textsplit, paragraph):
    _module.ALL_CANNOT_START += "".join(sorted(NO_LINE_START - set(_module.ALL_CANNOT_START)))


@functools.lru_cache(maxsize=1)
def register_font() -> str:
    """Register WenQuanYi Micro Hei (subfont 0) with reportlab; returns the font name."""
    pdfmetrics.registerFont(TTFont(FONT_NAME, str(font_path()), subfontIndex=0))
    return FONT_NAME


@functools.lru_cache(maxsize=1)
def register_fallback() -> str:
    """Register the fallback font (the standard characters Micro Hei lacks); its name."""
    pdfmetrics.registerFont(TTFont(FALLBACK_NAME, str(fallback_font_path())))
    return FALLBACK_NAME


@functools.lru_cache(maxsize=1)
def font_codepoints() -> frozenset[int]:
    register_font()
    font = pdfmetrics.getFont(FONT_NAME)
    cmap: dict[int, int] = font.face.charToGlyph
    return frozenset(cmap)


@functools.lru_cache(maxsize=1)
def fallback_codepoints() -> frozenset[int]:
    """What the fallback font prints that Micro Hei does not."""
    register_fallback()
    cmap: dict[int, int] = pdfmetrics.getFont(FALLBACK_NAME).face.charToGlyph
    return frozenset(cmap) - font_codepoints()


def runs(text: str) -> list[tuple[str, str]]:
    """``text`` as (font name, piece) runs: Micro Hei, and the fallback where only it has the
    character. A text that needs no fallback is one run (the common case, checked first)."""
    extra = fallback_codepoints()
    main = register_font()
    if not any(ord(ch) in extra for ch in text):
        return [(main, text)]
    out: list[tuple[str, str]] = []
    for ch in text:
        font = FALLBACK_NAME if ord(ch) in extra else main
        if out and out[-1][0] == font:
            out[-1] = (font, out[-1][1] + ch)
        else:
            out.append((font, ch))
    return out


def string_width(text: str, size: float) -> float:
    """Width of ``text`` at ``size`` pt, in points, each run in its own font."""
    return sum(float(pdfmetrics.stringWidth(piece, font, size)) for font, piece in runs(text))


def draw_runs(t: Any, text: str, size: float) -> None:
    """Write ``text`` into the reportlab text object ``t`` at ``size``, switching fonts by run
    (its font is left at Micro Hei)."""
    for font, piece in runs(text):
        t.setFont(font, size)
        t.textOut(piece)
    t.setFont(register_font(), size)


def markup(text: str) -> str:
    """``text`` escaped for a reportlab Paragraph, the fallback's runs in a <font> tag."""
    return "".join(
        escape(piece) if font != FALLBACK_NAME else f'<font name="{font}">{escape(piece)}</font>'
        for font, piece in runs(text)
    )


_IGNORED = set(" ·•・()（）")


def first_unprintable(text: str) -> str | None:
    """The first character of ``text`` that the shipped fonts cannot print, or None."""
    cps, extra = font_codepoints(), fallback_codepoints()
    for ch in text:
        if ch in _IGNORED:
            continue
        if ord(ch) not in cps and ord(ch) not in extra:
            return ch
    return None
