"""Where the shipped resources live (fonts, stroke table, translations, licences)."""

from __future__ import annotations

import sys
from pathlib import Path


def resources_dir() -> Path:
    """The `resources/` folder: beside the package in a checkout, inside a PyInstaller bundle."""
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle is not None:
        return Path(bundle) / "resources"
    return Path(__file__).resolve().parent.parent / "resources"


def font_path() -> Path:
    """The CJK font we embed in every PDF and use in the GUI (WenQuanYi Micro Hei)."""
    return resources_dir() / "fonts" / "wqy-microhei.ttc"
