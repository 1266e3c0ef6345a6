"""Draw the application icon (a red seal-like square with 换届 and a ballot tick box).

Run: `python -m tools.make_icon` → resources/icons/huanjie.png (256 px) and huanjie.ico.
Kept in the repo so the icon can be remade; the outputs are committed.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontDatabase, QGuiApplication, QImage, QPainter, QPen

ROOT = Path(__file__).resolve().parent.parent


def draw(size: int) -> QImage:
    img = QImage(size, size, QImage.Format.Format_ARGB32)
    img.fill(Qt.GlobalColor.transparent)
    p = QPainter(img)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    s = size / 256
    p.setBrush(QColor("#b7211d"))
    p.setPen(Qt.PenStyle.NoPen)
    p.drawRoundedRect(QRectF(8 * s, 8 * s, 240 * s, 240 * s), 36 * s, 36 * s)
    fid = QFontDatabase.addApplicationFont(str(ROOT / "resources/fonts/wqy-microhei.ttc"))
    family = QFontDatabase.applicationFontFamilies(fid)[0] if fid >= 0 else "Sans"
    font = QFont(family)
    font.setPixelSize(int(92 * s))
    font.setBold(True)
    p.setFont(font)
    p.setPen(QColor("#fff6e0"))
    p.drawText(QRectF(0, 18 * s, 256 * s, 110 * s), Qt.AlignmentFlag.AlignCenter, "换届")
    # a ballot box with a ○ mark
    p.setPen(QPen(QColor("#fff6e0"), 8 * s))
    p.setBrush(Qt.BrushStyle.NoBrush)
    p.drawRect(QRectF(78 * s, 138 * s, 100 * s, 92 * s))
    p.drawEllipse(QRectF(100 * s, 156 * s, 56 * s, 56 * s))
    p.end()
    return img


def main() -> int:
    _app = QGuiApplication(sys.argv)
    out = ROOT / "resources/icons"
    out.mkdir(parents=True, exist_ok=True)
    draw(256).save(str(out / "huanjie.png"))
    draw(64).save(str(out / "huanjie-64.png"))
    draw(256).save(str(out / "huanjie.ico"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
