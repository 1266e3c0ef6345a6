"""The app font: the shipped CJK font, so the app looks the same on every machine."""

from __future__ import annotations

from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

from huanjie_desktop.paths import fallback_font_path, font_path

BASE_POINT_SIZE = 11  # a little larger than the desktop default: clerks read it at arm's length


def load_app_font() -> str:
    """Register WenQuanYi Micro Hei with Qt; returns its family ("" if it could not load)."""
    font_id = QFontDatabase.addApplicationFont(str(font_path()))
    if font_id < 0:
        return ""
    families = QFontDatabase.applicationFontFamilies(font_id)
    proportional = [f for f in families if "Mono" not in f]
    return (proportional or families or [""])[0]


def load_fallback_font() -> str:
    """Register the fallback for the standard characters Micro Hei lacks (reports.fonts);
    returns its family ("" if it could not load)."""
    font_id = QFontDatabase.addApplicationFont(str(fallback_font_path()))
    families = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
    return families[0] if families else ""


def install_app_font(app: QApplication, point_size: int = BASE_POINT_SIZE) -> QFont:
    """Make the shipped font the application's font (falls back to the system's), with Qt's
    Fusion style, so that screens look alike on Windows and Linux."""
    app.setStyle("Fusion")
    family = load_app_font()
    font = QFont(family, point_size) if family else QFont(app.font().family(), point_size)
    fallback = load_fallback_font()
    if fallback:  # a name's rare character (㑇, 䶮 …) in the font that has it
        font.setFamilies([font.family(), fallback])
    font.setStyleStrategy(QFont.StyleStrategy.PreferAntialias)
    app.setFont(font)
    return font


def scaled(base: QFont, factor: float, bold: bool = False) -> QFont:
    """A copy of ``base`` ``factor`` times as large (big counters, headings)."""
    font = QFont(base)
    font.setPointSizeF(base.pointSizeF() * factor)
    font.setBold(bold)
    return font
