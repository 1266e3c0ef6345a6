"""`huanjie selfcheck`: is everything this installation needs present and working?

Run after installing on a counting laptop (install-linux.sh and the smoke test run it too).
Each check says what it found; a failed one says what to do. Nothing is fetched: the checks
only look inside the program folder and run poppler on a page made here.

- the font (reportlab embeds it in every PDF), the stroke table (姓氏笔画 order), the English
  translation, the licences and the icon;
- SQLite new enough for the election file (STRICT tables);
- OpenCV reading JPEG, PNG and TIFF (scans);
- poppler's pdftoppm and pdfinfo (ballot previews, printing, PDF scans, the demo): a one-page
  PDF with a QR code and Chinese text is rendered;
- both QR readers (zxing-cpp, and zbar through pyzbar) decoding that code.
"""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import tempfile
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from huanjie_desktop import __version__
from huanjie_desktop.paths import (
    POPPLER_TOOLS,
    bundle_dir,
    find_tool,
    poppler_missing,
    resources_dir,
)

#: The test code's text: ASCII like a ballot code (zbar misreads UTF-8 as Shift JIS).
QR_TEXT = "HUANJIE-SELFCHECK-0123456789"
MIN_SQLITE = (3, 37, 0)  # STRICT tables


@dataclass(frozen=True)
class Check:
    """One check: what it is, whether it passed, what was found, what to do if it failed.

    ``essential`` checks stop the app from working; the others lose one feature (the English
    interface, the second QR reader)."""

    key: str
    title_zh: str
    title_en: str
    ok: bool
    essential: bool
    found: str
    fix_zh: str = ""
    fix_en: str = ""

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class Report:
    version: str
    program: str
    resources: str
    bundled: bool
    checks: list[Check]

    @property
    def ok(self) -> bool:
        return all(c.ok for c in self.checks)

    def to_json(self) -> dict[str, Any]:
        return {
            "version": self.version,
            "program": self.program,
            "resources": self.resources,
            "bundled": self.bundled,
            "ok": self.ok,
            "checks": [c.to_json() for c in self.checks],
        }


REINSTALL_ZH = "程序文件不完整：请用完整的安装包重新安装本软件。"
REINSTALL_EN = "The program's files are incomplete: reinstall it from the complete package."


def _file_check(
    key: str, zh: str, en: str, path: Path, essential: bool = True, min_bytes: int = 1
) -> Check:
    ok = path.is_file() and path.stat().st_size >= min_bytes
    found = f"{path} ({path.stat().st_size} bytes)" if ok else f"{path}: missing"
    return Check(key, zh, en, ok, essential, found, "" if ok else REINSTALL_ZH, REINSTALL_EN)


def _guard(key: str, zh: str, en: str, essential: bool, fn: Callable[[], str]) -> Check:
    """Run ``fn`` (returns what it found); an exception is a failed check, in words."""
    try:
        return Check(key, zh, en, True, essential, fn())
    except Exception as exc:
        return Check(
            key,
            zh,
            en,
            False,
            essential,
            f"{type(exc).__name__}: {exc}",
            REINSTALL_ZH,
            REINSTALL_EN,
        )


def _font() -> str:
    from huanjie_desktop.reports.fonts import first_unprintable, register_font

    name = register_font()
    bad = first_unprintable("王小明李建国欧阳晓燕")
    if bad is not None:
        raise ValueError(f"the font cannot print {bad!r}")
    return f"{name}: {resources_dir() / 'fonts'}"


def _strokes() -> str:
    from huanjie_desktop.domain.name_order import load_default_table, sort_names

    table = load_default_table()
    order = list(sort_names(["王五", "丁一", "李四"], table).names)
    if order != ["丁一", "王五", "李四"]:
        raise ValueError(f"unexpected order {order}")
    return f"{len(table)} characters; 丁一 王五 李四"


def _sqlite() -> str:
    if sqlite3.sqlite_version_info < MIN_SQLITE:
        raise ValueError(f"SQLite {sqlite3.sqlite_version} is older than 3.37 (STRICT tables)")
    return f"SQLite {sqlite3.sqlite_version}"


def _opencv() -> str:
    import cv2
    import numpy as np

    img = np.zeros((40, 60), np.uint8)
    img[10:30, 20:40] = 255
    for ext in (".jpg", ".png", ".tif"):
        ok, data = cv2.imencode(ext, img)
        back = cv2.imdecode(data, cv2.IMREAD_GRAYSCALE) if ok else None
        if back is None or back.shape != img.shape:
            raise ValueError(f"OpenCV cannot write and read {ext}")
    return f"OpenCV {cv2.__version__}: JPEG, PNG, TIFF"


def _qr_image() -> Any:
    """The test code drawn directly (8 px a module, 4-module quiet zone), no poppler."""
    import numpy as np

    from huanjie_desktop.reports.ballot_pdf import qr_matrix

    modules, _ = qr_matrix(QR_TEXT)
    n = len(modules)
    img = np.full(((n + 8) * 8, (n + 8) * 8), 255, np.uint8)
    for y, row in enumerate(modules):
        for x, dark in enumerate(row):
            if dark:
                img[(y + 4) * 8 : (y + 5) * 8, (x + 4) * 8 : (x + 5) * 8] = 0
    return img


def _test_pdf(folder: Path) -> Path:
    """One A6 page: the test code at 1 mm a module and a line of Chinese in the shipped font."""
    from reportlab.lib.units import mm
    from reportlab.pdfgen.canvas import Canvas

    from huanjie_desktop.reports.ballot_pdf import qr_matrix
    from huanjie_desktop.reports.fonts import register_font

    modules, _ = qr_matrix(QR_TEXT)
    pdf = folder / "selfcheck.pdf"
    c = Canvas(str(pdf), pagesize=(105 * mm, 148 * mm))
    c.setFont(register_font(), 14)
    c.drawString(10 * mm, 130 * mm, "换届计票 自检")
    top = 110 * mm
    for y, row in enumerate(modules):
        for x, dark in enumerate(row):
            if dark:
                c.rect(20 * mm + x * mm, top - (y + 1) * mm, mm, mm, stroke=0, fill=1)
    c.showPage()
    c.save()
    return pdf


def _render(pdf: Path, folder: Path) -> Any:
    import cv2

    exe = find_tool("pdftoppm")
    if exe is None:
        raise FileNotFoundError("pdftoppm")
    prefix = folder / "page"
    done = subprocess.run(
        [exe, "-r", "150", "-gray", "-png", "-singlefile", str(pdf), str(prefix)],
        capture_output=True,
        timeout=60,
        check=False,
    )
    if done.returncode != 0:
        raise RuntimeError(done.stderr.decode("utf-8", "replace").strip()[:200])
    img = cv2.imread(str(prefix.with_suffix(".png")), cv2.IMREAD_GRAYSCALE)
    if img is None:
        raise RuntimeError("pdftoppm wrote no image")
    return img


def _tool_check(tool: str) -> Check:
    exe = find_tool(tool)
    if exe is None:
        zh, en = poppler_missing(tool)
        return Check(tool, tool, tool, False, True, "not found", zh, en)
    return _guard(tool, tool, tool, True, lambda: f"{exe}: {_tool_version(exe)}")


def _tool_version(exe: str) -> str:
    done = subprocess.run([exe, "-v"], capture_output=True, timeout=30, check=False)
    text = (done.stderr or done.stdout).decode("utf-8", "replace").strip().splitlines()
    return text[0] if text else "?"


def _zxing(img: Any) -> list[str]:
    import zxingcpp

    return [str(b.text) for b in zxingcpp.read_barcodes(img) if b.text]


def _zbar(img: Any) -> list[str]:
    from pyzbar import pyzbar

    return [s.data.decode("utf-8") for s in pyzbar.decode(img)]


def _decoder_check(
    key: str, zh: str, en: str, essential: bool, decode: Callable[[Any], list[str]], img: Any
) -> Check:
    def run() -> str:
        texts = decode(img)
        if QR_TEXT not in texts:
            raise ValueError(f"the test code was not read (read {texts!r})")
        return "OK"

    check = _guard(key, zh, en, essential, run)
    if not check.ok and key == "zbar" and sys.platform.startswith("linux") and bundle_dir() is None:
        return Check(
            key,
            zh,
            en,
            False,
            essential,
            check.found,
            "请安装 libzbar0（sudo apt install libzbar0）。",
            "Install libzbar0 (sudo apt install libzbar0).",
        )
    return check


def run_checks() -> Report:
    """Every check, in the order they are shown."""
    res = resources_dir()
    checks: list[Check] = [
        _guard("font", "字体（文泉驿微米黑）", "font (WenQuanYi Micro Hei)", True, _font),
        _guard("strokes", "姓氏笔画表", "stroke table (姓氏笔画 order)", True, _strokes),
        _file_check(
            "translations",
            "英文界面翻译",
            "English interface translation",
            res / "i18n" / "huanjie_en.qm",
            essential=False,
            min_bytes=1024,
        ),
        _guard("licences", "许可证文件", "licences", False, lambda: _licences(res)),
        _file_check("icon", "程序图标", "application icon", res / "icons" / "huanjie.png", False),
        _guard("sqlite", "数据库（SQLite）", "database (SQLite)", True, _sqlite),
        _guard("opencv", "图像读取（OpenCV）", "image reading (OpenCV)", True, _opencv),
    ]
    checks += [_tool_check(tool) for tool in POPPLER_TOOLS]
    with tempfile.TemporaryDirectory(prefix="huanjie-selfcheck-") as tmp:
        checks += _pdf_and_qr_checks(Path(tmp))
    program = str(Path(sys.executable).resolve()) if bundle_dir() else str(Path(__file__).parent)
    return Report(__version__, program, str(res), bundle_dir() is not None, checks)


def _pdf_and_qr_checks(folder: Path) -> list[Check]:
    """Render the test page with poppler (when present) and read its code with both readers;
    without poppler the code is drawn directly, so the readers are still checked."""
    out: list[Check] = []
    img = None
    if find_tool("pdftoppm") is not None:
        rendered = _guard(
            "render",
            "PDF 渲染（选票预览、PDF 扫描件）",
            "PDF rendering (ballot preview, PDF scans)",
            True,
            lambda: _describe_render(folder),
        )
        out.append(rendered)
        if rendered.ok:
            img = _render(folder / "selfcheck.pdf", folder)
    if img is None:
        try:
            img = _qr_image()
        except Exception as exc:  # then the ballots' QR code cannot be made either
            found = f"{type(exc).__name__}: {exc}"
            out.append(
                Check("qr", "二维码生成", "QR code", False, True, found, REINSTALL_ZH, REINSTALL_EN)
            )
            return out
    out.append(
        _decoder_check(
            "zxing", "二维码识别（zxing-cpp）", "QR reader (zxing-cpp)", True, _zxing, img
        )
    )
    out.append(
        _decoder_check(
            "zbar", "第二个二维码识别（zbar）", "second QR reader (zbar)", False, _zbar, img
        )
    )
    return out


def _describe_render(folder: Path) -> str:
    pdf = _test_pdf(folder)
    img = _render(pdf, folder)
    h, w = img.shape[:2]
    return f"{w}×{h} px at 150 dpi"


def _licences(res: Path) -> str:
    folder = res / "licenses"
    files = [p for p in folder.rglob("*") if p.is_file()] if folder.is_dir() else []
    if not files:
        raise FileNotFoundError(f"{folder}: no licence files")
    return f"{len(files)} files in {folder}"
