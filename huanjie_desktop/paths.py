"""Where the shipped resources live (fonts, stroke table, translations, licences), and the
poppler programs (pdftoppm, pdfinfo) the app runs to render PDFs.

In a PyInstaller bundle everything is under ``sys._MEIPASS`` (the bundle's ``_internal``
folder). A Windows bundle also carries poppler there, in ``_internal/poppler/bin``; a Linux
bundle uses the system's poppler-utils package (packaging/windows.md, docs/guide.*.md).
"""

from __future__ import annotations

import os
import shutil
import sys
from collections.abc import MutableMapping
from pathlib import Path
from typing import TextIO

#: The poppler programs the app runs: ballot previews and printing, PDF scans, the demo.
POPPLER_TOOLS = ("pdftoppm", "pdfinfo")


def bundle_dir() -> Path | None:
    """The bundle's ``_internal`` folder when running from a PyInstaller bundle, else None."""
    bundle = getattr(sys, "_MEIPASS", None)
    return Path(bundle) if bundle is not None else None


def resources_dir() -> Path:
    """The `resources/` folder: beside the package in a checkout, inside a PyInstaller bundle."""
    bundle = bundle_dir()
    if bundle is not None:
        return bundle / "resources"
    return Path(__file__).resolve().parent.parent / "resources"


def font_path() -> Path:
    """The CJK font we embed in every PDF and use in the GUI (WenQuanYi Micro Hei)."""
    return resources_dir() / "fonts" / "wqy-microhei.ttc"


def fallback_font_path() -> Path:
    """The standard characters Micro Hei lacks, cut from HanaMin A (see reports.fonts)."""
    return resources_dir() / "fonts" / "hanazono-names.ttf"


def bundled_tools_dir() -> Path | None:
    """``_internal/poppler/bin`` of a bundle that carries poppler (Windows), else None."""
    bundle = bundle_dir()
    if bundle is None:
        return None
    folder = bundle / "poppler" / "bin"
    return folder if folder.is_dir() else None


def restore_system_library_path(env: MutableMapping[str, str] | None = None) -> None:
    """Linux bundle: give programs we start (pdftoppm, pdfinfo, scanimage) the system's
    libraries, not ours. The bundle's launcher points LD_LIBRARY_PATH at the bundle and keeps
    the original in LD_LIBRARY_PATH_ORIG; the running program no longer needs it (the loader
    read it at start-up), but a system program inheriting it would load the bundle's copies
    of libfreetype, libjpeg, liblcms2… and can fail on a system whose versions differ.
    (Importing cv2 later prepends a ``lib64`` folder that does not exist in the bundle:
    harmless, and the smoke test checks that ``_internal`` itself stays off the path.)"""
    env = os.environ if env is None else env
    if bundle_dir() is None or not sys.platform.startswith("linux"):
        return
    original = env.pop("LD_LIBRARY_PATH_ORIG", None)
    if original:
        env["LD_LIBRARY_PATH"] = original
    else:
        env.pop("LD_LIBRARY_PATH", None)


def add_bundled_tools_to_path() -> None:
    """Put the bundle's own poppler first on PATH, so every ``shutil.which("pdftoppm")`` and
    every child process finds it. Called by the bundle's entry points; does nothing else."""
    folder = bundled_tools_dir()
    if folder is None:
        return
    current = os.environ.get("PATH", "")
    if str(folder) not in current.split(os.pathsep):
        os.environ["PATH"] = os.pathsep.join([str(folder), current]) if current else str(folder)


def find_tool(name: str) -> str | None:
    """The full path of a poppler program (the bundle's first, then PATH), or None."""
    folder = bundled_tools_dir()
    if folder is not None:
        found = shutil.which(name, path=str(folder))
        if found is not None:
            return found
    return shutil.which(name)


def poppler_missing(tool: str = "pdftoppm") -> tuple[str, str]:
    """What to tell the user when a poppler program is missing (zh, en), for this system."""
    if sys.platform == "win32":
        return (
            f"找不到 {tool}（poppler）。它本应随本软件一起安装，在程序文件夹的"
            " _internal\\poppler\\bin 中；请用完整的安装包重新安装本软件。",
            f"{tool} (poppler) was not found. It ships with this program, in the"
            " _internal\\poppler\\bin folder: reinstall the program from the complete"
            " installer.",
        )
    return (
        f"找不到 {tool}（poppler-utils 软件包）。请让管理员安装 poppler-utils"
        "（如 sudo apt install poppler-utils，或 sudo yum install poppler-utils），然后重新启动本软件。",
        f"{tool} (the poppler-utils package) was not found. Have an administrator install"
        " poppler-utils (e.g. sudo apt install poppler-utils, or sudo yum install"
        " poppler-utils), then start this program again.",
    )


def log_dir() -> Path:
    """Where a program without a console writes what it would print (Windows' windowed
    huanjie-desktop.exe): %LOCALAPPDATA%\\huanjie, else ~/.local/state/huanjie."""
    local = os.environ.get("LOCALAPPDATA")
    if sys.platform == "win32" and local:
        return Path(local) / "huanjie"
    state = os.environ.get("XDG_STATE_HOME") or str(Path.home() / ".local" / "state")
    return Path(state) / "huanjie"


def open_log(name: str, folder: Path | None = None, keep_bytes: int = 1_000_000) -> TextIO:
    """Append to ``folder/name`` (the previous one is kept as ``name.1`` once it is larger
    than ``keep_bytes``): line-buffered UTF-8, for sys.stdout/sys.stderr of a windowed build,
    so that start-up times and error details reach technical support."""
    folder = log_dir() if folder is None else folder
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    if path.exists() and path.stat().st_size > keep_bytes:
        path.replace(path.with_name(name + ".1"))
    return path.open("a", encoding="utf-8", buffering=1)
