"""扫描选票: the scan station. Pages come from a watched folder (the scanner's own software
writes there), from files or folders picked by hand, or on Linux straight from a SANE scanner;
the live view shows sheets per minute, the counters, the last sheet with its boxes and the
machine's calls drawn on it, and every rejected sheet with what to do about it.

Reading runs on the worker (``app.scan.scan_paths``: a pool of reader processes, each page
committed once). The job never touches widgets: it puts each page's result, and now and then
a picture of the latest sheet, into a queue that a timer on the GUI thread drains. Stopping
cancels the job at the next page; what was read is stored, and scanning the same files again
never counts a sheet twice (the app layer's guarantee).

The helpers that draw a stored sheet (:func:`render_sheet`, :class:`RoundContexts`) are also
used by the review page.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import queue
import shutil
import sys
import threading
import time
from collections import Counter, deque
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import cv2
import numpy as np
from numpy.typing import NDArray
from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QFileSystemWatcher,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QProcess,
    QSize,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QColor, QImage, QPixmap, QResizeEvent, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QFileDialog,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from huanjie_desktop.domain.layout import Box
from huanjie_desktop.domain.model import SheetStatus
from huanjie_desktop.gui.i18n import interface_lang
from huanjie_desktop.gui.pages.base import (
    Page,
    PageRegistry,
    PageSpec,
    chosen_code,
    chosen_round,
    fill_contests,
    keep_round,
)
from huanjie_desktop.gui.session import CONTESTS, COUNT, AppContext
from huanjie_desktop.gui.widgets import (
    TONES,
    Banner,
    BigNumber,
    Chip,
    EmptyState,
    MiddleElidedCombo,
    heading,
    hint,
    local_time,
)
from huanjie_desktop.gui.worker import Job, JobContext
from huanjie_desktop.storage import repo
from huanjie_desktop.storage.db import ElectionDB

ModelIndex = QModelIndex | QPersistentModelIndex
PICTURE_PX = 1400  # long side of the pictures sent to the GUI thread
FOCUS_MARGIN_MM = 13.0  # around the doubtful boxes in the zoomed picture
PICTURE_EVERY_S = 0.8  # the live picture of the latest sheet, at most this often
DRAIN_MS = 150  # how often the GUI thread takes what the scan job reported
DRAIN_MAX = 400  # results taken per tick at most (the rest wait for the next tick)
WATCH_POLL_MS = 1000  # the watched folder is also polled (watch events can be missed)
SMALL_BATCH = 24  # up to this many files are read in the worker thread (starting reader
# processes costs seconds: a watched folder delivers a few files at a time)
RATE_WINDOW_S = 60.0
LIST_LIMIT = 2000  # rejected sheets listed at most (newest first)

Gray = NDArray[np.uint8]


# The reading code (recognition, app.scan) is imported where it is used: this module is
# loaded with the main window, and a station built without it still opens the other pages.


def reason_message(code: str, lang: str = "zh") -> str:
    """A reason code (why a page was rejected or held) in words."""
    try:
        from huanjie_desktop.recognition.reasons import message
    except ImportError:  # pragma: no cover - the reading code is not installed
        return code
    return message(code, lang)


# --- words for counters ---------------------------------------------------------------------------


def status_word(status: str) -> str:
    """A sheet's status (or kind, see :func:`sheet_kind`) in a word, for its chip."""
    return {
        "counted": QCoreApplication.translate("ScanPage", "已计入"),
        "review": QCoreApplication.translate("ScanPage", "待审核"),
        "rejected": QCoreApplication.translate("ScanPage", "拒收"),
        # (one sheet: "Duplicate"; the counter above the list says "Duplicates")
        "duplicate": QCoreApplication.translate("ScanPage", "重复", "one sheet's status"),
        "back": QCoreApplication.translate("ScanPage", "选票背面"),
    }.get(status, status)


def status_tone(status: str) -> str:
    return {"counted": "ok", "review": "warn", "rejected": "bad", "duplicate": "neutral"}.get(
        status, "neutral"
    )


def sheet_kind(status: str, reasons: Iterable[str]) -> str:
    """What a stored sheet is, as the scan's counters count it: its status, or "back" for a
    ballot's back (blank, or written on: no ballot, stored as refused, counted apart — a
    blank back was labelled "Rejected" although the Rejected counter left it out)."""
    if status != "rejected":
        return status
    from huanjie_desktop.app.scan import BACK_REASONS

    return "back" if tuple(reasons) in BACK_REASONS else status


def reason_advice(code: str) -> str:
    """What the counter does about a sheet that was rejected (or held) for ``code``."""
    advice = {
        "unreadable_file": QCoreApplication.translate("ScanPage", "重新扫描这张选票。"),
        "corrupt_file": QCoreApplication.translate("ScanPage", "重新扫描这张选票。"),
        "truncated_file": QCoreApplication.translate(
            "ScanPage", "文件没写完：等扫描软件保存完毕后重新扫描这张选票。"
        ),
        "not_an_image": QCoreApplication.translate(
            "ScanPage", "不是扫描图像，可不理会；如是选票，请存为 JPEG、PNG、TIFF 或 PDF 后重扫。"
        ),
        "too_large": QCoreApplication.translate(
            "ScanPage", "把扫描设置改为 300 dpi 灰度，重新扫描。"
        ),
        "no_pdf_reader": QCoreApplication.translate(
            "ScanPage", "请安装 poppler-utils，或让扫描软件存为图像，然后重扫。"
        ),
        "blank_page": QCoreApplication.translate("ScanPage", "选票背面，无需处理。"),
        "face_down": QCoreApplication.translate(
            "ScanPage",
            "找出这张选票（看文件名和页码），把它正面朝上重新扫描；它没有计入，也不算背面。",
        ),
        "writing_on_back": QCoreApplication.translate(
            "ScanPage",
            "背面有字迹：找出这张选票（通常是前一页的扫描），在“审核”中由监票人看两面后决定是否有效。",
        ),
        "written_back": QCoreApplication.translate(
            "ScanPage",
            "背面有字迹：在“审核”中由监票人看两面（背面是紧挨着它的一页扫描）后决定是否有效。",
        ),
        "empty_file": QCoreApplication.translate(
            "ScanPage", "空文件（没有复制完）：从扫描仪的文件夹重新复制，或重新扫描这张选票。"
        ),
        "scanned_too_light": QCoreApplication.translate(
            "ScanPage",
            "把扫描仪的亮度调低（或对比度调高），重新扫描这张选票；选票本身印得太淡、仍读不出的，交监票人手工录入。",
        ),
        "flat_page": QCoreApplication.translate(
            "ScanPage", "看不到白纸（文件损坏或扫描仪故障）：打开文件看一看，找到原票重新扫描。"
        ),
        "no_registration": QCoreApplication.translate(
            "ScanPage",
            "看一看原票：是不是本次选举的选票？四角是否完整？放正后重新扫描；仍不行就交监票人手工录入。",
        ),
        "corner_off_image": QCoreApplication.translate(
            "ScanPage",
            "把这张选票放正（四角都在扫描范围内）后重新扫描；自动进纸的，检查导纸板是否夹紧。",
        ),
        "registration_implausible": QCoreApplication.translate(
            "ScanPage",
            "检查扫描设置（原始尺寸，不要缩放或裁切），放正后重新扫描。手机拍的照片（斜拍）读不准，请用扫描仪。",
        ),
        "hollow_squares": QCoreApplication.translate(
            "ScanPage",
            "扫描仪的“文字增强”或自适应黑白模式把黑色方块扫成了空心：改为灰度模式，整批重新扫描。",
        ),
        "pdf_password": QCoreApplication.translate(
            "ScanPage", "在扫描软件里把这批扫描另存为不加密码的 PDF，再读取。"
        ),
        "round_superseded": QCoreApplication.translate(
            "ScanPage", "这是已开启下一轮之前那一轮的选票：收起，交总监票人。"
        ),
        "cut_off": QCoreApplication.translate(
            "ScanPage",
            "扫描仪提前停止或裁掉了一截：检查纸张尺寸设置（A4/A3，不要自动裁切），重新扫描这张选票。",
        ),
        "part_of_ballot": QCoreApplication.translate(
            "ScanPage",
            "只扫进了选票的一部分（卡纸，或扫描中途停止）：找出这张选票（看文件名和页码），展平后重新扫描；它没有计入，也不算背面。",
        ),
        "blank_cut_off": QCoreApplication.translate(
            "ScanPage", "在“审核”中由监票人看原票下方空白处有无字迹；或重新扫描这张选票。"
        ),
        "paper_hidden": QCoreApplication.translate(
            "ScanPage",
            "在“审核”中由监票人看原票被折起或盖住的部分（多在下方或一侧）有无字迹、符号；或把选票展平、单独放好后重新扫描。",
        ),
        "boxes_misplaced": QCoreApplication.translate(
            "ScanPage", "把选票压平后重新扫描；角撕坏的，交监票人手工录入。"
        ),
        "over_vote": QCoreApplication.translate(
            "ScanPage", "所选人数多于应选名额：按无效票计入，无需处理。"
        ),
        "mirrored": QCoreApplication.translate("ScanPage", "扫描设置里关闭“镜像”，重新扫描。"),
        "code_unreadable": QCoreApplication.translate(
            "ScanPage", "二维码模糊或有污渍：重新扫描；仍不行就交监票人手工录入。"
        ),
        "code_not_ours": QCoreApplication.translate(
            "ScanPage", "不是本软件印制的选票：把原票交监票人核查。"
        ),
        "code_damaged": QCoreApplication.translate(
            "ScanPage", "二维码损坏：把原票交监票人核查，必要时手工录入。"
        ),
        "code_forged": QCoreApplication.translate(
            "ScanPage", "可能是伪造的选票，或由另一个选举文件印制：立即把原票交总监票人。"
        ),
        "unknown_round": QCoreApplication.translate(
            "ScanPage", "这张选票不属于本选举文件：把原票交监票人核查。"
        ),
        "wrong_fingerprint": QCoreApplication.translate(
            "ScanPage", "选票印制后候选人名单改过，这张票不能计入：交总监票人决定。"
        ),
        "test_ballot": QCoreApplication.translate("ScanPage", "样票不计票：收起，不要放回票箱。"),
        "round_certified": QCoreApplication.translate(
            "ScanPage", "这一轮已确认冻结，不能再计入：交总监票人。"
        ),
        "round_void": QCoreApplication.translate("ScanPage", "这一轮已记录为无效：交总监票人。"),
        "spoiled_serial": QCoreApplication.translate(
            "ScanPage", "这张选票已登记作废：收起，交监票人。"
        ),
        "unknown_serial": QCoreApplication.translate("ScanPage", "在“审核”中核实这张选票的来历。"),
        "serial_conflict": QCoreApplication.translate(
            "ScanPage", "同一防伪码出现两次（复印件？）：在“审核”中由监票人核实。"
        ),
        "serial_hand_and_scan": QCoreApplication.translate(
            "ScanPage",
            "同一防伪码既有手工录入、又有扫描：在“审核”中由监票人核对原票，是同一张纸就只保留一张。",
        ),
        "station_disagrees": QCoreApplication.translate(
            "ScanPage", "本机和分团的认定不同：在“审核”中由监票人看原票后重新决定。"
        ),
        "label_withdrawn": QCoreApplication.translate(
            "ScanPage", "这个标签已撤出计票，分团又录入了一次：在“审核”中由监票人核对原票。"
        ),
        "duplicate_image": QCoreApplication.translate(
            "ScanPage", "同一张图像已经扫描过，只计一次，无需处理。"
        ),
        "rescanned": QCoreApplication.translate("ScanPage", "这一页后来已读取完整，无需处理。"),
        "internal_error": QCoreApplication.translate(
            "ScanPage", "重新扫描这一页；仍失败请联系技术支持。"
        ),
        "images_not_saved": QCoreApplication.translate(
            "ScanPage",
            "腾出磁盘空间或改正图像文件夹的权限，再读取同一文件夹一次；纸质选票无需重扫。",
        ),
        "unclear_mark": QCoreApplication.translate("ScanPage", "在“审核”中人工决定。"),
        "writein": QCoreApplication.translate("ScanPage", "在“审核”中读出另选他人的姓名。"),
        "two_ballots": QCoreApplication.translate(
            "ScanPage", "把这两张选票分开，一张一张重新扫描。"
        ),
        "writing_elsewhere": QCoreApplication.translate(
            "ScanPage", "在“审核”中由监票人查看字迹；可识别投票人的，整张作废。"
        ),
        "mark_beside_box": QCoreApplication.translate(
            "ScanPage", "在“审核”中对照原票，按投票人意愿认定这位候选人的符号。"
        ),
        "faded_print": QCoreApplication.translate(
            "ScanPage", "在“审核”中对照原票逐个核对符号（很淡的铅笔笔迹应按“看不清”处理）。"
        ),
        "over_vote_corrected": QCoreApplication.translate(
            "ScanPage",
            "在“审核”中对照原票：投票人划掉或改正了哪一位，按其意愿认定；仍多于应选名额的，整张作废。",
        ),
    }
    return advice.get(code, QCoreApplication.translate("ScanPage", "把原票交监票人核查。"))


# --- pictures of stored sheets (built on the worker, shown on the GUI thread) --------------------


@dataclass(frozen=True)
class SheetPicture:
    """A stored page as a counter sees it: the page with the machine's calls drawn on it, the
    doubtful part zoomed, and one crop per target. QImages only: they can be made off the GUI
    thread; the GUI thread turns them into pixmaps."""

    sheet: str
    image: QImage  # the whole page (overlay if the page could be read), long side ≤ PICTURE_PX
    focus: QImage | None = None  # the doubtful boxes, zoomed
    crops: dict[str, QImage] = field(default_factory=dict)  # "c01", "w1" → its box and name
    calls: dict[str, str] = field(default_factory=dict)  # target → agree/disagree/abstain/unclear
    note: str = ""  # why there is no overlay ("" when there is one)
    file: str = ""
    status: str = ""
    reasons: tuple[str, ...] = ()
    contest: str | None = None
    round: int | None = None
    serial: str | None = None


class RoundContexts:
    """What reading one round's ballots needs (its layout, fingerprint and the key), built once
    per round on the worker and reused: re-reading a kept page draws exactly what the machine
    saw."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._cache: dict[tuple[str, str, int], Any] = {}

    def clear(self) -> None:
        with self._lock:
            self._cache.clear()

    def get(self, db: ElectionDB, contest: str, number: int) -> Any:
        """A ``ReadContext`` for one round, or None if the round has no ballot to read."""
        from huanjie_desktop.app.ballots import BallotRefused
        from huanjie_desktop.app.fingerprint import ballot_key
        from huanjie_desktop.app.scan import round_info
        from huanjie_desktop.recognition.pipeline import ReadContext

        key = (str(db.path), contest, number)
        with self._lock:
            if key in self._cache:
                return self._cache[key]
        c = repo.read_contest(db, contest)
        ctx: Any = None
        if c is not None:
            try:
                # (the printed names' and heading words' strokes, as the scan read the
                # page: a mark found on them is drawn where it was found)
                info = round_info(db, c, number)
                ctx = ReadContext(key=ballot_key(db), rounds={(contest, number): info})
            except (BallotRefused, KeyError):
                ctx = None
        with self._lock:
            self._cache[key] = ctx
        return ctx


def _qimage(img: NDArray[np.uint8]) -> QImage:
    """A QImage that owns a copy of a BGR or grey numpy image."""
    data = np.ascontiguousarray(img, dtype=np.uint8)
    h, w = data.shape[:2]
    if data.ndim == 2:
        return QImage(data.data, w, h, w, QImage.Format.Format_Grayscale8).copy()
    return QImage(data.data, w, h, 3 * w, QImage.Format.Format_BGR888).copy()


def _fit(img: NDArray[np.uint8], long_px: int) -> NDArray[np.uint8]:
    h, w = img.shape[:2]
    f = long_px / max(h, w)
    if f >= 1.0:
        return img
    size = (max(1, round(w * f)), max(1, round(h * f)))
    return np.asarray(cv2.resize(img, size, interpolation=cv2.INTER_AREA), dtype=np.uint8)


def _box_px(reg: Any, boxes: Iterable[Box], margin_mm: float) -> tuple[int, int, int, int]:
    xs: list[float] = []
    ys: list[float] = []
    for x0, y0, x1, y1 in boxes:
        for x, y in (
            (x0 - margin_mm, y0 - margin_mm),
            (x1 + margin_mm, y0 - margin_mm),
            (x1 + margin_mm, y1 + margin_mm),
            (x0 - margin_mm, y1 + margin_mm),
        ):
            px, py = reg.to_px(x, y)
            xs.append(px)
            ys.append(py)
    return (int(min(xs)), int(min(ys)), int(max(xs)) + 1, int(max(ys)) + 1)


def _crop(img: NDArray[np.uint8], rect: tuple[int, int, int, int]) -> NDArray[np.uint8] | None:
    h, w = img.shape[:2]
    x0, y0, x1, y1 = max(0, rect[0]), max(0, rect[1]), min(w, rect[2]), min(h, rect[3])
    if x1 - x0 < 4 or y1 - y0 < 4:
        return None
    return img[y0:y1, x0:x1]


def render_sheet(
    db: ElectionDB,
    sheet: str,
    image_path: str,
    contest: str | None,
    number: int | None,
    contexts: RoundContexts,
    *,
    status: str = "",
    reasons: Iterable[str] = (),
    file: str = "",
    serial: str | None = None,
    doubtful: Iterable[str] = (),
    lang: str | None = None,
) -> SheetPicture:
    """Draw a kept page: re-read it (same code, same thresholds) and draw the calls.

    ``doubtful``: targets ("c01", "w1") to zoom on; without them, every target whose call is
    unclear and every write-in column with ink. ``lang``: the note's language (None: the
    interface's). Runs on the worker (QImage only).
    """
    from huanjie_desktop.app.scan import images_dir
    from huanjie_desktop.recognition.config import DEFAULT_CONFIG
    from huanjie_desktop.recognition.load import LoadProblem, PageRef, load_page
    from huanjie_desktop.recognition.overlay import draw_overlay
    from huanjie_desktop.recognition.pipeline import finer_of, marker_look, read_image

    common: dict[str, Any] = {
        "file": file,
        "status": status,
        "reasons": tuple(reasons),
        "contest": contest,
        "round": number,
        "serial": serial,
    }
    folder = images_dir(db)
    path = folder / image_path if image_path else None
    if path is None or not path.is_file():
        # (the usual cause: the election file copied to another laptop without its images
        # folder — said by name, with what to do, as the guide's §10 says)
        if path is None:
            note = QCoreApplication.translate("ScanPage", "这一页的图像没有保存。")
        elif not folder.is_dir():
            note = QCoreApplication.translate(
                "ScanPage",
                "找不到图像文件夹 {folder}（或无法读取）：选举文件旁边应有这个文件夹。"
                "复制选举文件时，请把它一起复制，放在选举文件旁边。",
            ).format(folder=folder.name)
        else:
            note = QCoreApplication.translate(
                "ScanPage",
                "图像文件夹 {folder} 中没有这一页的图像（{image}），或无法读取："
                "请从原来的计票机把整个文件夹复制过来，放在选举文件旁边。",
            ).format(folder=folder.name, image=image_path)
        return SheetPicture(sheet, QImage(), note=note, **common)
    ctx = contexts.get(db, contest, number) if contest and number else None
    paper = ctx.paper_long_mm() if ctx is not None else 297.0
    loaded = load_page(PageRef(str(path), 1, 1), DEFAULT_CONFIG, paper)
    if isinstance(loaded, LoadProblem):
        # (in the interface's language: the English page said "不是图像或PDF文件")
        note = reason_message(loaded.code, lang or interface_lang())
        return SheetPicture(sheet, QImage(), note=note, **common)
    gray = loaded.gray
    if ctx is None:
        note = QCoreApplication.translate("ScanPage", "未能识别为本选举的选票：只显示原图。")
        return SheetPicture(sheet, _qimage(_fit(gray, PICTURE_PX)), note=note, **common)
    reading = read_image(gray, ctx, finer_of(loaded))
    if loaded.marker is not None:  # (as the scan read it: a highlighter's stroke shown)
        reading = marker_look(reading, loaded.marker, ctx.config)
    reg, lay = reading.registration, reading.layout
    if reg is None or lay is None:
        note = QCoreApplication.translate("ScanPage", "重新读取时未能定位选票：只显示原图。")
        return SheetPicture(sheet, _qimage(_fit(gray, PICTURE_PX)), note=note, **common)
    drawn = draw_overlay(gray, reading, status_text=False)  # (the reasons: said in words)
    calls = dict(reading.box_calls)
    crops: dict[str, QImage] = {}
    regions: dict[str, list[Box]] = {}
    cells = lay.extra.get("cells", {})
    for cand in lay.candidates:
        boxes = list(cand.boxes.values()) + ([cand.name_box] if cand.name_box else [])
        if cand.code in cells:  # the whole cell: the name, and a mark made beside the box
            boxes.append(tuple(cells[cand.code]["cell"]))
        regions[cand.code] = boxes
    for w in lay.writeins:
        regions[f"w{w.column}"] = [*w.boxes.values(), w.name_box]
    for key, boxes in regions.items():
        part = _crop(drawn, _box_px(reg, boxes, 1.5))
        if part is not None:
            crops[key] = _qimage(_fit(part, 260))
    focus_keys = [k for k in doubtful if k in regions] or [
        k for k, call in calls.items() if call == "unclear" and k in regions
    ]
    focus_keys += [
        f"w{w.column}"
        for w in reading.writeins
        if (w.has_name is not False or str(w.mark) != "abstain")
        and f"w{w.column}" in regions
        and f"w{w.column}" not in focus_keys
    ]
    focus_keys += [
        k for k in reading.scores.get("beside_boxes", {}) if k in regions and k not in focus_keys
    ]
    focus_boxes = [b for k in focus_keys for b in regions[k]]
    found = reading.scores.get("elsewhere")
    if found and not focus_boxes:  # only writing elsewhere on the sheet: show it
        bx = [float(v) for v in found["box_mm"]]
        focus_boxes = [(bx[0], bx[1], bx[2], bx[3])]
    focus_boxes = focus_boxes or [b for boxes in regions.values() for b in boxes]
    focus = None
    if focus_boxes:
        # wide enough to show the name printed next to (or under) a doubtful box
        part = _crop(drawn, _box_px(reg, focus_boxes, FOCUS_MARGIN_MM))
        if part is not None:
            focus = _qimage(_fit(part, 900))
    return SheetPicture(sheet, _qimage(_fit(drawn, PICTURE_PX)), focus, crops, calls, "", **common)


def render_back(db: ElectionDB, front: str, lang: str | None = None) -> tuple[QImage, QImage, str]:
    """The back with writing on it of the sheet ``front`` held for it (``written_back``), as
    scanned: the writing found there zoomed (a null image when it cannot be placed), the
    whole back, and its file and page; or null images and why there are none. Runs on the
    worker (QImage only)."""
    from huanjie_desktop.app.scan import back_sheet, images_dir
    from huanjie_desktop.recognition.config import DEFAULT_CONFIG
    from huanjie_desktop.recognition.load import LoadProblem, PageRef, load_page

    back = back_sheet(db, front)
    path = images_dir(db) / back.image_path if back is not None and back.image_path else None
    if back is None or path is None or not path.is_file():
        note = QCoreApplication.translate("ScanPage", "背面的图像没有找到：请对照原票的背面决定。")
        return QImage(), QImage(), note
    loaded = load_page(PageRef(str(path), 1, 1), DEFAULT_CONFIG, 297.0)
    if isinstance(loaded, LoadProblem):
        return QImage(), QImage(), reason_message(loaded.code, lang or interface_lang())
    where = QCoreApplication.translate("ScanPage", "背面：{file} 第{page}页").format(
        file=Path(back.source_file).name, page=back.page
    )
    gray = loaded.gray
    zoomed = QImage()
    try:
        scores = json.loads(back.scores or "{}")
        found = scores.get("back_writing") or {}
        at, extent = found.get("at_mm"), float(found.get("extent_mm", 0.0))
        # (measured on the image as read then, px_per_mm there: this one may be scaled)
        size = scores.get("size") or [gray.shape[1], gray.shape[0]]
        s = float(found.get("px_per_mm", max(size) / 297.0)) * gray.shape[1] / float(size[0])
    except (json.JSONDecodeError, AttributeError, TypeError, ValueError, IndexError):
        at, extent, s = None, 0.0, 0.0
    if isinstance(at, list) and len(at) == 2 and extent > 0 and s > 0:
        pad = FOCUS_MARGIN_MM
        x0, y0 = float(at[0]) - pad, float(at[1]) - pad
        part = gray[
            max(0, round(y0 * s)) : max(0, round((y0 + extent + 2 * pad) * s)),
            max(0, round(x0 * s)) : max(0, round((x0 + extent + 2 * pad) * s)),
        ]
        if min(part.shape) >= 4:
            zoomed = _qimage(_fit(np.ascontiguousarray(part), 900))
    return zoomed, _qimage(_fit(gray, PICTURE_PX)), where


class PictureLabel(QLabel):
    """Shows an image scaled to fit the label, keeping its proportions."""

    def __init__(self, placeholder: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._source = QPixmap()
        self._placeholder = placeholder
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setMinimumSize(QSize(120, 120))
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Ignored)
        self.setStyleSheet("QLabel { background: #8a8a8a; color: white; padding: 6px; }")
        self.setWordWrap(True)
        self.setText(placeholder)

    def set_image(self, image: QImage | None, text: str = "") -> None:
        self._source = QPixmap() if image is None or image.isNull() else QPixmap.fromImage(image)
        if self._source.isNull():
            self.setPixmap(QPixmap())
            self.setText(text or self._placeholder)
        else:
            self.setText("")
            self._rescale()

    def has_image(self) -> bool:
        return not self._source.isNull()

    def source_size(self) -> QSize:
        return self._source.size()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._rescale()

    def _rescale(self) -> None:
        if self._source.isNull():
            return
        room = self.contentsRect().size()
        if room.width() < 10 or room.height() < 10:
            return
        self.setPixmap(
            self._source.scaled(
                room, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation
            )
        )


# --- the watched folder -----------------------------------------------------------------------------


@dataclass
class _Seen:
    size: int
    mtime: float
    stable: int = 0


def _scan_files(folder: Path) -> list[Path]:
    """Files under ``folder`` to read (sub-folders too; hidden ones and kept images
    skipped): every file, as "choose a folder" reads it — an image under any name is read,
    anything else is listed as refused — except the system's and the scanner software's
    own files (their notes, their half-written .tmp/.part files)."""
    from huanjie_desktop.app.scan import not_a_page

    out: list[Path] = []
    for root, dirs, names in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and not d.endswith(".images"))
        for name in sorted(names):
            if not name.startswith(".") and not not_a_page(name):
                out.append(Path(root) / name)
    return out


def _openable(path: Path) -> bool:
    try:
        with path.open("rb") as f:
            f.read(1)
    except OSError:
        return False
    return True


class FolderWatch(QObject):
    """Reports the scan files that appear in a folder, each once and only when complete: its
    size has stayed the same across two checks and it can be opened (the scanner software
    has finished writing it). A file replaced in place after it was reported (its size or
    modification time changed: scanner software restarting its numbering, a re-scan saved
    over a refused sheet) is another scan and is reported again, once it has settled as a
    new file does. A file system watcher reacts at once; a poll catches what the watcher
    misses (network folders, some scanner drivers)."""

    ready = Signal(list)  # list[Path]

    def __init__(self, parent: QObject | None = None, poll_ms: int = WATCH_POLL_MS) -> None:
        super().__init__(parent)
        self.folder: Path | None = None
        self._seen: dict[Path, _Seen] = {}
        # size and modification time of each file when it was reported: the same path with
        # other ones holds another scan (saved over the first) and must be read too
        self._reported: dict[Path, tuple[int, float]] = {}
        self._watcher = QFileSystemWatcher(self)
        self._watcher.directoryChanged.connect(self._soon)
        self._timer = QTimer(self)
        self._timer.setInterval(poll_ms)
        self._timer.timeout.connect(self.check)
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(250)
        self._debounce.timeout.connect(self.check)

    @property
    def active(self) -> bool:
        return self.folder is not None

    def start(self, folder: Path) -> None:
        self.stop()
        self.folder = folder
        self._watcher.addPath(str(folder))
        self._timer.start()
        self.check()

    def stop(self) -> None:
        self._timer.stop()
        self._debounce.stop()
        paths = self._watcher.directories() + self._watcher.files()
        if paths:
            self._watcher.removePaths(paths)
        self.folder = None
        self._seen.clear()
        self._reported.clear()

    def pending(self) -> int:
        """Files seen but not reported yet (still being written)."""
        return len(self._seen)

    def _soon(self, _path: str) -> None:
        self._debounce.start()

    def check(self) -> None:
        folder = self.folder
        if folder is None:
            return
        if not folder.is_dir():
            return
        done: list[tuple[Path, int, float]] = []
        present = set()
        for path in _scan_files(folder):
            present.add(path)
            try:
                st = path.stat()
            except OSError:
                continue
            if self._reported.get(path) == (st.st_size, st.st_mtime):
                continue
            seen = self._seen.get(path)
            if seen is None or seen.size != st.st_size or seen.mtime != st.st_mtime:
                self._seen[path] = _Seen(st.st_size, st.st_mtime)
                continue
            seen.stable += 1
            if st.st_size > 0 and _openable(path):
                done.append((path, st.st_size, st.st_mtime))
        for path in list(self._seen):
            if path not in present:
                del self._seen[path]
        for path, size, mtime in done:
            self._seen.pop(path, None)
            self._reported[path] = (size, mtime)
        if done:
            self.ready.emit([path for path, _size, _mtime in done])


# --- the rejected list -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Rejected:
    sheet: str
    at: str  # ISO UTC, "" for live rows
    file: str
    page: int
    status: str
    reasons: tuple[str, ...]


class RejectedModel(QAbstractTableModel):
    """Rejected and duplicate sheets, newest first: when, file, page, why, what to do."""

    def __init__(self, lang: str) -> None:
        super().__init__()
        self.lang = lang
        self.rows: list[Rejected] = []
        self._ids: set[str] = set()
        self.headers = [self.tr("文件"), self.tr("原因"), self.tr("怎么办")]

    def load(self, rows: list[Rejected]) -> None:
        self.beginResetModel()
        self.rows = rows[:LIST_LIMIT]
        self._ids = {r.sheet for r in self.rows}
        self.endResetModel()

    def add(self, rows: list[Rejected]) -> None:
        """Put new rows on top (a sheet already listed is not listed twice)."""
        fresh = [r for r in reversed(rows) if r.sheet not in self._ids]
        if not fresh:
            return
        self.beginInsertRows(QModelIndex(), 0, len(fresh) - 1)
        self.rows[:0] = fresh
        self._ids.update(r.sheet for r in fresh)
        self.endInsertRows()
        if len(self.rows) > LIST_LIMIT:
            self.beginRemoveRows(QModelIndex(), LIST_LIMIT, len(self.rows) - 1)
            for r in self.rows[LIST_LIMIT:]:
                self._ids.discard(r.sheet)
            del self.rows[LIST_LIMIT:]
            self.endRemoveRows()

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.headers)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.headers[section]
        return None

    def text(self, row: int, col: int) -> str:
        r = self.rows[row]
        if col == 0:
            name = Path(r.file).name or r.file
            if r.page > 1:
                name += QCoreApplication.translate("ScanPage", " 第{n}页").format(n=r.page)
            when = local_time(r.at) if r.at else QCoreApplication.translate("ScanPage", "刚才")
            return f"{name}\n{when}"
        if col == 1:
            words = "；" if self.lang != "en" else "; "
            return words.join(reason_message(c, self.lang) for c in r.reasons) or status_word(
                r.status
            )
        return " ".join(dict.fromkeys(reason_advice(c) for c in r.reasons))

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        r = self.rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self.text(index.row(), index.column())
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{r.file}\n{self.text(index.row(), 1)}\n{self.text(index.row(), 2)}"
        if role == Qt.ItemDataRole.ForegroundRole:
            if r.status == "duplicate" or "blank_page" in r.reasons:
                return QColor("#777777")
            if index.column() == 1:
                return QColor(TONES["bad"][0])
        return None


# --- the page -----------------------------------------------------------------------------------------


@dataclass
class ScanRun:
    """One scan job and what it reported so far."""

    job: Job
    started: float
    feed: queue.SimpleQueue[Any]
    stopped: bool = False


class ScanPage(Page):
    topics = frozenset({COUNT, CONTESTS})

    def __init__(self, ctx: AppContext) -> None:
        super().__init__(ctx)
        self.contexts = RoundContexts()
        self.run: ScanRun | None = None
        self.queued: list[Path] = []  # waiting for the running job to finish
        self.counts: Counter[str] = Counter()  # this session
        self.seen: dict[str, str] = {}  # sheet → its status as counted above (this session)
        self.again = 0  # pages found already stored (scanned before)
        self.other_round = 0  # sheets of another contest/round than the one chosen
        self.times: deque[float] = deque()  # when each page of this session was done
        self.last_rate = 0.0
        self.picture: SheetPicture | None = None
        self.finished_runs = 0
        self.last_summary: dict[str, Any] | None = None
        self.sane = shutil.which("scanimage") if sys.platform.startswith("linux") else None
        self.sane_devices: list[tuple[str, str]] = []
        self.sane_process: QProcess | None = None
        self.sane_detect: QProcess | None = None
        self._sane_output = ""
        self._progress = (0, 0)
        self.last_dialog: QDialog | None = None  # (the hand-entry or withdrawal dialog)

        lay = QVBoxLayout(self)
        lay.setContentsMargins(16, 10, 16, 10)
        lay.setSpacing(8)
        top = QHBoxLayout()
        top.addWidget(heading(self.tr("扫描选票"), 1.3))
        top.addSpacing(12)
        top.addWidget(QLabel(self.tr("选举事项")))
        # (a long title shortened in the middle, its code kept, whole in the tooltip)
        self.contest = MiddleElidedCombo()
        self.contest.setMinimumWidth(300)
        self.contest.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.contest.currentIndexChanged.connect(self._contest_changed)
        top.addWidget(self.contest, 3)
        top.addWidget(QLabel(self.tr("轮次")))
        self.round = QComboBox()
        self.round.currentIndexChanged.connect(lambda _i: self._round_changed())
        top.addWidget(self.round)
        top.addStretch(1)
        lay.addLayout(top)
        # (under the header, not beside it: in English at 1024 px it was squeezed beside the
        # choosers into a column a word wide and twelve lines tall)
        self.round_totals = hint("")
        lay.addWidget(self.round_totals)

        sources = QGroupBox(self.tr("选票图像从哪里来"))
        sl = QVBoxLayout(sources)
        sl.setSpacing(6)
        row1 = QHBoxLayout()
        self.files_button = QPushButton(self.tr("选择图像文件…"))
        self.files_button.clicked.connect(self.ask_files)
        self.folder_button = QPushButton(self.tr("选择文件夹…"))
        self.folder_button.clicked.connect(self.ask_folder)
        row1.addWidget(self.files_button)
        row1.addWidget(self.folder_button)
        row1.addSpacing(18)
        row1.addWidget(QLabel(self.tr("监视文件夹：")))
        self.watch_label = QLabel(self.tr("（未选择）"))
        self.watch_label.setStyleSheet("color: #333333;")
        self.watch_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.watch_label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        row1.addWidget(self.watch_label, 1)
        self.watch_button = QPushButton(self.tr("开始监视…"))
        self.watch_button.clicked.connect(self.toggle_watch)
        row1.addWidget(self.watch_button)
        row1.addSpacing(18)
        self.sane_button = QPushButton(self.tr("从扫描仪扫描"))
        self.sane_button.clicked.connect(self.scan_from_scanner)
        row1.addWidget(self.sane_button)
        self.stop_button = QPushButton(self.tr("■ 停止"))
        self.stop_button.setMinimumWidth(110)
        self.stop_button.setToolTip(self.tr("停止读取、监视和扫描仪。已读取的选票都已保存。"))
        self.stop_button.setStyleSheet(
            "QPushButton:enabled { color: white; background: #b8352b; font-weight: bold;"
            " border-radius: 4px; padding: 4px 12px; }"
        )
        self.stop_button.clicked.connect(self.stop)
        self.stop_button.setEnabled(False)
        row1.addWidget(self.stop_button)
        for b in (
            self.files_button,
            self.folder_button,
            self.watch_button,
            self.sane_button,
            self.stop_button,
        ):
            b.setMinimumHeight(34)
        sl.addLayout(row1)
        row2 = QHBoxLayout()
        self.source_hint = hint("")
        row2.addWidget(self.source_hint, 1)
        self.progress = QProgressBar()
        self.progress.setMaximumWidth(300)
        self.progress.setMinimumWidth(200)
        self.progress.setFormat(self.tr("%v / %m 个文件"))
        self.progress.hide()
        row2.addWidget(self.progress)
        # (a ballot that cannot be scanned at all, and a paper entered by mistake: at the
        # same desk, for the contest and round chosen above)
        self.manual_button = QPushButton(self.tr("手工录入…"))
        self.manual_button.setToolTip(
            self.tr("无法扫描的选票（如严重破损）：由两个人对照原票各录入一次，一致后计入")
        )
        self.manual_button.clicked.connect(self.open_hand_entry)
        self.withdraw_button = QPushButton(self.tr("撤出计票…"))
        self.withdraw_button.setToolTip(
            self.tr("误录的手工录入或不是本轮的选票：由监票人撤出，另一位监票人确认")
        )
        self.withdraw_button.clicked.connect(self.open_withdraw)
        for b in (self.manual_button, self.withdraw_button):
            b.setMinimumHeight(30)
            row2.addWidget(b)
        sl.addLayout(row2)
        lay.addWidget(sources)

        counters = QHBoxLayout()
        self.rate = BigNumber(self.tr("每分钟张数"), 2.4)
        self.counted = BigNumber(self.tr("已计入"), 2.4)
        self.review = BigNumber(self.tr("待审核"), 2.4)
        self.rejected = BigNumber(self.tr("拒收"), 2.4)
        self.duplicate = BigNumber(self.tr("重复"), 2.4)
        for big in (self.rate, self.counted, self.review, self.rejected, self.duplicate):
            big.set_value(0)
            counters.addWidget(big, 1)
        lay.addLayout(counters)
        self.counters_hint = hint(self.tr("本次扫描的张数。已扫描过的文件再扫一次不会重复计入。"))
        lay.addWidget(self.counters_hint)
        self.banner = Banner()
        lay.addWidget(self.banner)

        split = QSplitter(Qt.Orientation.Horizontal)
        left = QWidget()
        ll = QVBoxLayout(left)
        ll.setContentsMargins(0, 0, 6, 0)
        ll.setSpacing(4)
        head = QHBoxLayout()
        head.addWidget(heading(self.tr("最近一张"), 1.1))
        self.last_chip = Chip("", "neutral")
        head.addWidget(self.last_chip)
        head.addStretch(1)
        ll.addLayout(head)
        self.last_caption = hint("")
        ll.addWidget(self.last_caption)
        pictures = QHBoxLayout()
        pictures.setSpacing(4)
        self.last_page = PictureLabel("")
        self.last_page.setToolTip(self.tr("整页"))
        self.last_image = PictureLabel(self.tr("扫描后，这里显示最近一张选票和机器的识别结果。"))
        self.last_image.setToolTip(self.tr("候选人和另选他人栏，放大显示"))
        pictures.addWidget(self.last_page, 2)
        pictures.addWidget(self.last_image, 5)
        ll.addLayout(pictures, 1)
        self.legend = hint(
            self.tr(
                "框的颜色：绿 = 赞成（○），红 = 不赞成（×），灰 = 弃权，橙 = 看不清，须人工审核。"
            )
        )
        ll.addWidget(self.legend)
        # (scrolled when its words need more height than there is: at 1024 × 768 a refused
        # sheet's long reason pushed the picture over the colour legend and cut the caption)
        self.last_scroll = QScrollArea()
        self.last_scroll.setWidget(left)
        self.last_scroll.setWidgetResizable(True)
        self.last_scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.last_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        split.addWidget(self.last_scroll)
        right = QWidget()
        rl = QVBoxLayout(right)
        rl.setContentsMargins(6, 0, 0, 0)
        rl.setSpacing(4)
        self.rejected_title = heading(self.tr("拒收和重复的选票"), 1.1)
        rl.addWidget(self.rejected_title)
        rl.addWidget(
            hint(
                self.tr(
                    "选中一行（点击，或用 ↑ ↓ 键）可在左边查看这张图像。"
                    "拒收的选票不计入，请按“怎么办”处理原票。"
                )
            )
        )
        self.model = RejectedModel(ctx.lang)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.verticalHeader().setVisible(False)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(True)
        self.table.setAlternatingRowColors(True)
        h = self.table.horizontalHeader()
        h.setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        h.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        h.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        # (a scanner's file name and the time: the words beside it need the width more)
        self.table.setColumnWidth(0, self.fontMetrics().horizontalAdvance("scan-0000.jpg") + 16)
        # (a row taller than the list — a long reason at 1024 px in English — is read whole)
        self.table.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        # three lines per row, wrapped, until a row is in view: then it grows to its words
        # (`_fit_rows`) — a face-down sheet's reason runs to five lines at 1024 px, and cut
        # with "…" it lost its "not counted"; four in English, whose advice runs longer
        lines = 4 if ctx.lang == "en" else 3
        self.table.verticalHeader().setDefaultSectionSize(
            self.fontMetrics().lineSpacing() * lines + 8
        )
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        # (the picture follows the current row, chosen by mouse or by ↑/↓; a click on the
        # current row shows it again after a newer sheet took its place)
        self.table.selectionModel().currentRowChanged.connect(
            lambda current, _previous: self._show_rejected(current)
        )
        self.table.clicked.connect(self._show_rejected)
        self._asked: str | None = None  # the sheet whose picture was asked for last
        self._asking: Job | None = None
        self._fit_timer = QTimer(self)
        self._fit_timer.setSingleShot(True)
        self._fit_timer.setInterval(30)
        self._fit_timer.timeout.connect(self._fit_rows)
        for signal in (self.model.modelReset, self.model.rowsInserted, self.model.rowsRemoved):
            signal.connect(self._fit_timer.start)
        h.sectionResized.connect(lambda *_a: self._fit_timer.start())
        self.table.verticalScrollBar().valueChanged.connect(lambda _v: self._fit_timer.start())
        rl.addWidget(self.table, 1)
        self.no_rejected = hint(self.tr("没有拒收或重复的选票。"))
        self.no_rejected.setAlignment(Qt.AlignmentFlag.AlignCenter)
        rl.addWidget(self.no_rejected, 1)
        split.addWidget(right)
        split.setStretchFactor(0, 4)
        split.setStretchFactor(1, 5)
        self._split = split
        lay.addWidget(split, 1)
        self.empty = EmptyState(
            self.tr("还没有可以扫描的选票"),
            self.tr("先在“选举事项和候选人”中添加候选人，再在“选票”中印制选票。"),
        )
        self.empty.add_button(
            self.tr("去印制选票"), lambda: ctx.page_requested.emit("prep.ballots")
        )
        lay.addWidget(self.empty, 1)
        # (the legend is in the split: it shows or hides with the sheet shown)
        self._body = [sources, self._split, self.counters_hint]

        self.watch = FolderWatch(self)
        self.watch.ready.connect(self._files_ready)
        self.drain_timer = QTimer(self)
        self.drain_timer.setInterval(DRAIN_MS)
        self.drain_timer.timeout.connect(self.drain)
        ctx.file_changed.connect(self._file_changed)
        self._update_sources()

    # --- data ----------------------------------------------------------------------------------

    def refresh(self) -> None:
        db = self.ctx.db
        contests = [c for c in repo.read_contests(db) if c.candidates]
        fill_contests(self.contest, contests)
        for w in (*self._body, self.banner):
            if not contests:
                w.hide()
            elif w is not self.banner:
                w.show()
        self.empty.setVisible(not contests)
        self._fill_rounds()
        self._load_rejected(db)

    def _file_changed(self) -> None:
        self.stop()
        self.watch.stop()
        self.contexts.clear()
        self._reset_counters()
        self.model.load([])
        self.last_image.set_image(None)
        self.last_page.set_image(None)
        self.last_caption.setText("")
        self.last_chip.set("", "neutral")
        self.legend.show()
        self._asked = None
        self._update_sources()

    def contest_code(self) -> str | None:
        return chosen_code(self.contest)

    def round_number(self) -> int | None:
        return chosen_round(self.round)

    def _contest_changed(self, _index: int = 0) -> None:
        self._fill_rounds()

    def _fill_rounds(self) -> None:
        code = self.contest_code()
        self.round.blockSignals(True)
        keep = self.round.currentData()
        before = self.round.count()
        self.round.clear()
        if code is not None and self.ctx.session is not None:
            rounds = repo.read_rounds(self.ctx.db, code)
            for r in rounds:
                text = self.tr("第 {n} 轮").format(n=r.number)
                if str(r.status) == "certified":
                    text += self.tr("（已确认）")
                elif str(r.status) == "void":
                    text += self.tr("（无效）")
                self.round.addItem(text, r.number)
            keep_round(self.round, keep, before)
        self.round.blockSignals(False)
        self._round_changed()

    def _round_changed(self) -> None:
        code, number = self.contest_code(), self.round_number()
        for b in (self.manual_button, self.withdraw_button):
            b.setEnabled(code is not None and number is not None)
        if code is None or number is None or self.ctx.session is None:
            self.round_totals.setText("")
            return
        from huanjie_desktop.storage.sheets import list_sheets

        by_status = Counter(s.status for s in list_sheets(self.ctx.db, contest=code, round=number))
        info = repo.read_round(self.ctx.db, code, number)
        text = self.tr("本轮已存：计入 {c} 张，待审核 {r} 张").format(
            c=by_status["counted"], r=by_status["review"]
        )
        if info is not None and str(info.status) == "certified":
            text = self.tr("本轮已确认冻结，不能再计入选票。") + " " + text
        self.round_totals.setText(text)

    def _load_rejected(self, db: ElectionDB) -> None:
        from huanjie_desktop.storage.sheets import list_sheets

        rows = [
            Rejected(s.id, s.scanned_at, s.source_file, s.page, s.status, tuple(s.reasons))
            for status in ("rejected", "duplicate")
            for s in list_sheets(db, status=status)
        ]
        rows.sort(key=lambda r: (r.at, r.file, r.page), reverse=True)
        self.model.load(rows)
        self._update_rejected_title()

    def _fit_rows(self) -> None:
        """Grow (or shrink) the rows in view to their wrapped words. Only the rows on screen
        are measured, again when the columns' widths change or the list scrolls: two
        thousand refused sheets stay cheap."""
        view = self.table
        if not view.isVisible() or self.model.rowCount() == 0:
            return
        height = view.viewport().height()
        row = max(0, view.rowAt(0))
        while row < self.model.rowCount() and view.rowViewportPosition(row) < height:
            view.resizeRowToContents(row)
            row += 1

    def _update_rejected_title(self) -> None:
        """The list's heading says what it holds, by kind as the counters count them (it
        said "(5)" beside 3 rejected and 1 duplicate: the fifth was a ballot's back)."""
        n = len(self.model.rows)
        kinds = Counter(sheet_kind(r.status, r.reasons) for r in self.model.rows)
        if kinds["back"]:
            text = self.tr("拒收、重复的选票和选票背面（拒收 {x}，重复 {d}，背面 {b}）")
        else:
            text = self.tr("拒收和重复的选票（拒收 {x}，重复 {d}）")
        self.rejected_title.setText(
            text.format(x=kinds["rejected"], d=kinds["duplicate"], b=kinds["back"])
        )
        self.table.setVisible(n > 0)
        self.no_rejected.setVisible(n == 0)

    # --- sources -------------------------------------------------------------------------------

    def _update_sources(self) -> None:
        running = self.run is not None
        self.stop_button.setEnabled(running or self.watch.active or self.sane_process is not None)
        self.watch_button.setText(
            self.tr("停止监视") if self.watch.active else self.tr("开始监视…")
        )
        if self.watch.folder is not None:
            self.watch_label.setText(str(self.watch.folder))
            self.watch_label.setToolTip(str(self.watch.folder))
        self.sane_button.setVisible(self.sane is not None)
        self.sane_button.setEnabled(self.sane_process is None)
        parts = []
        if self.watch.active:
            parts.append(self.tr("正在监视文件夹：扫描软件存入的每张图像写完后会自动读取。"))
        if self.sane is None:
            parts.append(
                self.tr(
                    "没有找到 SANE 扫描程序（scanimage）：请用扫描仪自带的软件把图像存入监视文件夹。"
                    "Linux 上安装 sane-utils 后可在这里直接扫描。"
                )
            )
        elif self.sane_process is not None:
            parts.append(self.tr("扫描仪正在进纸…"))
        self.source_hint.setText(" ".join(parts))

    def open_hand_entry(self) -> None:
        """The hand-entry dialog for the contest and round chosen above."""
        from huanjie_desktop.gui.hand_entry import HandEntryDialog

        code, number = self.contest_code(), self.round_number()
        if code is None or number is None:
            return
        dialog = HandEntryDialog(self.ctx, code, number, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.last_dialog = dialog
        dialog.open()

    def open_withdraw(self) -> None:
        """Taking a paper of the contest and round chosen above out of the count."""
        from huanjie_desktop.gui.hand_entry import WithdrawDialog

        code, number = self.contest_code(), self.round_number()
        if code is None or number is None:
            return
        dialog = WithdrawDialog(self.ctx, code, number, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.last_dialog = dialog
        dialog.open()

    def ask_files(self) -> None:
        start = str(self.ctx.path.parent) if self.ctx.path else str(Path.home())
        chosen, _ = QFileDialog.getOpenFileNames(
            self,
            self.tr("选择扫描的选票图像"),
            start,
            self.tr(
                "扫描图像 (*.jpg *.jpeg *.jfif *.png *.tif *.tiff *.bmp *.webp *.pdf);;所有文件 (*)"
            ),
        )
        if chosen:
            self.scan([Path(p) for p in chosen])

    def ask_folder(self) -> None:
        start = str(self.ctx.path.parent) if self.ctx.path else str(Path.home())
        chosen = QFileDialog.getExistingDirectory(self, self.tr("选择存放扫描图像的文件夹"), start)
        if chosen:
            self.scan([Path(chosen)])

    def toggle_watch(self) -> None:
        if self.watch.active:
            self.watch.stop()
            self._update_sources()
            return
        start = str(self.ctx.path.parent) if self.ctx.path else str(Path.home())
        chosen = QFileDialog.getExistingDirectory(
            self, self.tr("选择扫描软件保存图像的文件夹"), start
        )
        if chosen:
            self.watch_folder(Path(chosen))

    def watch_folder(self, folder: Path) -> None:
        """Read every complete scan file that is (or later appears) in ``folder``."""
        if not folder.is_dir():
            self.banner.show_message(
                self.tr("找不到文件夹 {path}：请检查路径，或重新选择。").format(path=folder), "bad"
            )
            return
        self.watch.start(folder)
        self._update_sources()

    def _files_ready(self, files: list[Path]) -> None:
        self.scan(files)

    # --- SANE ------------------------------------------------------------------------------------

    def scan_from_scanner(self) -> None:
        """Detect the scanner (``scanimage -L``), then feed every sheet into a session folder
        that is watched like any other."""
        if self.sane is None or self.ctx.path is None:
            return
        if self.sane_detect is not None or self.sane_process is not None:
            return
        proc = QProcess(self)
        self.sane_detect = proc
        self.source_hint.setText(self.tr("正在查找扫描仪（可能需要几秒钟）…"))
        proc.finished.connect(lambda _code, _status: self._sane_detected(proc))
        proc.errorOccurred.connect(lambda _e: self._sane_detected(proc))
        proc.start(self.sane, ["-L"])

    def _sane_detected(self, proc: QProcess) -> None:
        if self.sane_detect is not proc:
            return
        self.sane_detect = None
        text = bytes(proc.readAllStandardOutput().data()).decode("utf-8", "replace")
        proc.deleteLater()
        self.sane_devices = parse_scanimage_list(text)
        if not self.sane_devices:
            self.banner.show_message(
                self.tr(
                    "没有找到扫描仪：请检查扫描仪的电源和数据线，然后再点“从扫描仪扫描”。"
                    "也可以用扫描仪自带的软件把图像存入监视文件夹。"
                ),
                "bad",
            )
            self._update_sources()
            return
        self._start_sane(self.sane_devices[0][0])

    def _start_sane(self, device: str) -> None:
        assert self.ctx.path is not None and self.sane is not None
        stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
        folder = Path(str(self.ctx.path) + ".scanner") / stamp
        folder.mkdir(parents=True, exist_ok=True)
        self.watch_folder(folder)
        proc = QProcess(self)
        proc.setWorkingDirectory(str(folder))
        self.sane_process = proc
        self._sane_output = ""
        proc.readyReadStandardError.connect(lambda: self._sane_read(proc))
        proc.finished.connect(lambda code, _status: self._sane_finished(proc, int(code)))
        proc.errorOccurred.connect(lambda _e: self._sane_finished(proc, -1))
        proc.start(self.sane, sane_arguments(device, folder))
        self.banner.show_message(
            self.tr("扫描仪：{name}。放入选票后开始进纸；每扫完一张就自动读取。").format(
                name=dict(self.sane_devices).get(device, device)
            ),
            "info",
        )
        self._update_sources()

    def _sane_read(self, proc: QProcess) -> None:
        data = bytes(proc.readAllStandardError().data()).decode("utf-8", "replace")
        self._sane_output = (self._sane_output + data)[-2000:]

    def _sane_finished(self, proc: QProcess, code: int) -> None:
        if self.sane_process is not proc:
            return
        self.sane_process = None
        proc.deleteLater()
        self.watch.check()
        out = self._sane_output.lower()
        if code in (0, 7) or "out of documents" in out or "no more" in out:
            self.banner.show_message(self.tr("扫描仪已停止进纸。正在读取最后几张…"), "info")
        else:
            last = self._sane_output.strip().splitlines()[-1:] or [""]
            self.banner.show_message(
                self.tr(
                    "扫描仪出错停止（{detail}）：检查是否卡纸、进纸器是否放好，然后再点“从扫描仪扫描”。"
                    "已经扫描的选票都已保存。"
                ).format(detail=last[0][:120]),
                "bad",
            )
        self._update_sources()

    # --- scanning ---------------------------------------------------------------------------------

    def scan(self, paths: list[Path]) -> Job | None:
        """Read ``paths`` (files and folders) into the election file on the worker; while a
        scan runs, new paths wait and are read right after it."""
        if self.ctx.session is None or not paths:
            return None
        if self.run is not None:
            self.queued += [p for p in paths if p not in self.queued]
            return None
        feed: queue.SimpleQueue[Any] = queue.SimpleQueue()
        contexts = self.contexts
        picked = list(paths)
        account = self.ctx.account  # read on the GUI thread, used by the worker
        lang = self.ctx.lang

        def work(jc: JobContext) -> dict[str, Any]:
            from huanjie_desktop.app.scan import expand_paths, images_dir, scan_paths, summarize
            from huanjie_desktop.app.stations import local_station

            db = jc.db
            files, passed = expand_paths(picked, images_dir(db))
            workers = 1 if len(files) <= SMALL_BATCH else max(2, min(4, os.cpu_count() or 2))
            jc.progress(0, len(files), "")

            def progress(p: Any) -> None:
                jc.progress(p.files_done, p.files_total, p.current)

            results = []
            latest = None
            shown = 0.0
            for r in scan_paths(
                db,
                picked,
                station=local_station(db),
                progress=progress,
                cancel=jc.cancel_event,
                workers=workers,
                operator=account,
            ):
                results.append(r)
                feed.put(r)
                if r.status in (SheetStatus.COUNTED, SheetStatus.REVIEW) and r.image_path:
                    latest = r
                if latest is not None and time.monotonic() - shown >= PICTURE_EVERY_S:
                    feed.put(_picture_of(db, latest, contexts, lang))
                    latest = None
                    shown = time.monotonic()
            if latest is not None:
                feed.put(_picture_of(db, latest, contexts, lang))
            summary = summarize(results)
            summary["files"] = len(files)
            # (files and folders not read that may hold ballots: an archive, a hidden folder)
            summary["passed_over"] = [(str(f), code) for f, code in passed.named]
            summary["stopped"] = jc.cancelled
            return summary

        job = self.ctx.submit(
            "scan",
            work,
            topics={COUNT},
            on_success=self._finished,
            on_error=self._failed,
        )
        self.run = ScanRun(job, time.monotonic(), feed)
        job.progress.connect(self._job_progress)
        job.finished.connect(self._job_done)
        self.progress.setRange(0, 0)
        self.progress.show()
        self.drain_timer.start()
        if not self.times:
            self.banner.show_message("", "neutral")
        self._update_sources()
        return job

    def _job_progress(self, done: int, total: int, _text: str) -> None:
        self._progress = (done, total)
        if total > 0:
            self.progress.setRange(0, total)
            self.progress.setValue(min(done, total))

    def stop(self) -> None:
        """Stop reading now (what was read is kept), stop the watch and the scanner."""
        self.queued.clear()
        if self.run is not None:
            self.run.stopped = True
            self.run.job.cancel()
        self.watch.stop()
        proc = self.sane_process
        if proc is not None:
            proc.terminate()  # scanimage finishes the sheet in the feeder, then exits

            def kill() -> None:
                if proc.state() != QProcess.ProcessState.NotRunning:
                    proc.kill()

            QTimer.singleShot(3000, kill)
        self._update_sources()

    def _finished(self, result: object) -> None:
        from huanjie_desktop.recognition.reasons import passed_over

        if not isinstance(result, dict):
            return
        self.last_summary = result
        counts = result.get("counts", {})
        if result.get("stopped"):
            self.banner.show_message(
                self.tr(
                    "已停止。已读取的 {n} 页都已保存；再次扫描同一批文件时，已保存的选票不会重复计入。"
                ).format(n=sum(counts.values())),
                "warn",
            )
        elif not self.queued and not self.watch.active:
            again = int(result.get("already_stored", 0))
            text = self.tr(
                "扫描完成：{files} 个文件，计入 {c} 张，待审核 {r} 张，拒收 {x} 张，重复 {d} 张。"
            ).format(
                files=result.get("files", 0),
                c=counts.get("counted", 0),
                r=counts.get("review", 0),
                x=counts.get("rejected", 0),
                d=counts.get("duplicate", 0),
            )
            if again:
                fresh = result.get("new_counts", {})
                text = self.tr(
                    "扫描完成：{files} 个文件。其中 {n} 页以前已经扫描过，没有重复计入；"
                    "新读入的：计入 {c} 张，待审核 {r} 张，拒收 {x} 张，重复 {d} 张。"
                ).format(
                    files=result.get("files", 0),
                    n=again,
                    c=fresh.get("counted", 0),
                    r=fresh.get("review", 0),
                    x=fresh.get("rejected", 0),
                    d=fresh.get("duplicate", 0),
                )
            for where, code in result.get("passed_over", []):
                text += " " + self.tr("{path}：{why}。").format(
                    path=where, why=passed_over(code, self.ctx.lang)
                )
            if counts.get("back", 0):
                text += " " + self.tr("另有选票背面 {b} 页（不是选票，不计张数）。").format(
                    b=counts["back"]
                )
            if counts.get("review", 0):
                text += " " + self.tr("请到“审核”处理待审核的选票。")
            blank_bw = int(result.get("blank_black_and_white", 0))
            if blank_bw:
                from huanjie_desktop.app.scan import blank_bw_warning

                text += "\n" + self.ctx.t(*blank_bw_warning(blank_bw))
            self.banner.show_message(
                text, "ok" if not counts.get("rejected") and not blank_bw else "warn"
            )

    def _failed(self, exc: BaseException) -> None:
        self.banner.show_message(
            self.tr("扫描没有完成：{why}").format(why=self.ctx.describe(exc)), "bad"
        )

    def _job_done(self) -> None:
        self.drain(limit=1_000_000)
        run = self.run
        self.run = None
        self.finished_runs += 1
        if run is not None and run.stopped:
            self.queued.clear()
        self.progress.hide()
        if self.queued:
            paths, self.queued = self.queued, []
            self.scan(paths)
        else:
            self.drain_timer.stop()
        self._update_sources()

    # --- the live view -----------------------------------------------------------------------------

    def _reset_counters(self) -> None:
        self.counts.clear()
        self.seen.clear()
        self.again = 0
        self.other_round = 0
        self.times.clear()
        self.last_rate = 0.0
        self._show_counts()

    def drain(self, limit: int = DRAIN_MAX) -> None:
        """Take what the scan job reported (runs on the GUI thread, a bounded amount per tick)."""
        run = self.run
        if run is None:
            return
        from huanjie_desktop.app.scan import count_key

        fresh: list[Rejected] = []
        picture: SheetPicture | None = None
        code, number = self.contest_code(), self.round_number()
        other: Any = None
        now = time.monotonic()
        for _ in range(limit):
            try:
                item = run.feed.get_nowait()
            except queue.Empty:
                break
            if isinstance(item, SheetPicture):
                picture = item
                continue
            status = str(item.status)
            if item.already_stored:
                self.again += 1
                continue
            # (a ballot's back, blank or written on, is no rejected ballot: counted apart)
            self.counts[count_key(item)] += 1
            self.seen[item.sheet_id] = status
            for held in item.held_too:  # (counted above: its serial came again on this image)
                if self.seen.get(held) == "counted":
                    self.counts["counted"] -= 1
                    self.counts["review"] += 1
                    self.seen[held] = "review"
            self.times.append(now)
            if status in ("rejected", "duplicate"):
                fresh.append(
                    Rejected(
                        item.sheet_id, "", item.source_file, item.page, status, tuple(item.reasons)
                    )
                )
            elif item.contest and (item.contest, item.round) != (code, number):
                self.other_round += 1
                other = item
        if fresh:
            self.model.add(fresh)
            self._update_rejected_title()
        if picture is not None:
            self.show_picture(picture)
        shown = self.picture
        if (
            shown is not None
            and shown.status == "counted"
            and self.seen.get(shown.sheet) == "review"
        ):
            # (the last sheet shown was put on hold by a page after it: its serial again, or
            # writing found on its back)
            self.last_chip.set(status_word("review"), status_tone("review"))
        if other is not None:
            self._warn_other_round(other)
        while self.times and now - self.times[0] > RATE_WINDOW_S:
            self.times.popleft()
        self._show_counts()

    def _warn_other_round(self, item: Any) -> None:
        c = repo.read_contest(self.ctx.db, item.contest) if self.ctx.session else None
        title = c.title if c is not None else item.contest
        self.banner.show_message(
            self.tr(
                "注意：已有 {n} 张选票属于“{title}”第 {round} 轮，不是上面选择的事项。"
                "它们已按选票上的二维码计入所属事项；请检查票箱是否混放。"
            ).format(n=self.other_round, title=title, round=item.round),
            "warn",
        )

    def sheets_per_minute(self) -> float:
        if not self.times or self.run is None:
            return self.last_rate
        span = max(time.monotonic() - max(self.times[0], self.run.started), 1.0)
        rate = len(self.times) * 60.0 / max(span, 5.0) if len(self.times) > 1 else 0.0
        self.last_rate = rate
        return rate

    def _show_counts(self) -> None:
        self.rate.set_value(f"{self.sheets_per_minute():.0f}")
        self.counted.set_value(self.counts["counted"], "ok" if self.counts["counted"] else None)
        self.review.set_value(self.counts["review"], "warn" if self.counts["review"] else "neutral")
        self.rejected.set_value(
            self.counts["rejected"], "bad" if self.counts["rejected"] else "neutral"
        )
        self.duplicate.set_value(self.counts["duplicate"])
        if self.again:
            self.counters_hint.setText(
                self.tr("本次扫描的张数。另有 {n} 页以前已扫描过，没有重复计入。").format(
                    n=self.again
                )
            )

    def show_picture(self, picture: SheetPicture) -> None:
        self.picture = picture
        self.last_page.set_image(picture.image, "")
        self.last_page.setVisible(picture.focus is not None)
        self.last_image.set_image(picture.focus or picture.image, picture.note)
        kind = sheet_kind(picture.status, picture.reasons)
        self.last_chip.set(status_word(kind), status_tone(kind))
        # (the colours explain the boxes drawn on a sheet that was read: none on a refused
        # page shown as scanned)
        self.legend.setVisible(not picture.image.isNull() and not picture.note)
        parts = [Path(picture.file).name]
        if picture.contest:
            parts.append(
                self.tr("{contest} 第 {n} 轮").format(contest=picture.contest, n=picture.round)
            )
        if picture.serial:
            parts.append(self.tr("防伪码 {s}").format(s=picture.serial))
        reasons = [reason_message(c, self.ctx.lang) for c in picture.reasons]
        if reasons:
            parts.append(("; " if self.ctx.lang == "en" else "；").join(reasons))
        if picture.note and picture.note not in reasons:  # (said once: it is the reason)
            parts.append(picture.note)
        self.last_caption.setText("  ·  ".join(p for p in parts if p))

    def _show_rejected(self, index: QModelIndex) -> None:
        if not index.isValid() or self.ctx.session is None or index.row() >= len(self.model.rows):
            return
        row = self.model.rows[index.row()]
        shown = self.picture is not None and self.picture.sheet == row.sheet
        if row.sheet == self._asked and (shown or self._asking is not None):
            return  # (a click also makes its row current: drawn once)
        self._asked = row.sheet
        contexts = self.contexts
        lang = self.ctx.lang

        def work(db: ElectionDB) -> SheetPicture:
            from huanjie_desktop.storage.sheets import get

            s = get(db.con, row.sheet)
            if s is None:
                return SheetPicture(row.sheet, QImage(), note="", file=row.file)
            return render_sheet(
                db,
                s.id,
                s.image_path,
                s.contest,
                s.round,
                contexts,
                status=s.status,
                reasons=s.reasons,
                file=s.source_file,
                serial=s.serial,
                lang=lang,
            )

        def done(result: object) -> None:
            # (only the row chosen last: ↑/↓ held down asks for many)
            if isinstance(result, SheetPicture) and result.sheet == self._asked:
                self.show_picture(result)

        job = self.ctx.run("scan.picture", work, on_success=done)
        self._asking = job

        def finished() -> None:
            if self._asking is job:
                self._asking = None

        job.finished.connect(finished)

    # --- screen -------------------------------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        total = max(self.width(), 800)
        if not getattr(self, "_sized", False):
            self._sized = True
            self._split.setSizes([int(total * 0.45), int(total * 0.55)])
        self._fit_timer.start()  # (rows listed while the page was hidden)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_timer.start()  # (a taller list shows rows not measured yet)
        factor = 2.4 * max(1.0, min(1.35, self.height() / 700))
        for big in (self.rate, self.counted, self.review, self.rejected, self.duplicate):
            big.set_scale(factor)

    def prepare_screenshot(self) -> None:
        """For `make screenshots`: show the latest counted sheet of the file as if just read."""
        if self.ctx.session is None or self.picture is not None:
            return
        from huanjie_desktop.storage.sheets import list_sheets

        sheets = list_sheets(self.ctx.db, status="review") or list_sheets(
            self.ctx.db, status="counted"
        )
        if not sheets:
            return
        s = sheets[-1]
        index = self.contest.findData(s.contest)
        if index >= 0:
            self.contest.setCurrentIndex(index)
        contexts = self.contexts
        lang = self.ctx.lang

        def work(db: ElectionDB) -> SheetPicture:
            return render_sheet(
                db,
                s.id,
                s.image_path,
                s.contest,
                s.round,
                contexts,
                status=s.status,
                reasons=s.reasons,
                file=s.source_file,
                serial=s.serial,
                lang=lang,
            )

        self.ctx.run(
            "scan.picture",
            work,
            on_success=lambda r: self.show_picture(r) if isinstance(r, SheetPicture) else None,
        )


def _picture_of(db: ElectionDB, r: Any, contexts: RoundContexts, lang: str) -> SheetPicture:
    """The live picture of a page just read; drawing it never stops the scan."""
    try:
        return render_sheet(
            db,
            r.sheet_id,
            r.image_path,
            r.contest,
            r.round,
            contexts,
            status=str(r.status),
            reasons=r.reasons,
            file=r.source_file,
            serial=r.serial,
            lang=lang,
        )
    except Exception as exc:  # a picture is a courtesy: the sheet itself is stored
        note = QCoreApplication.translate("ScanPage", "无法显示这张图像（{error}）。").format(
            error=type(exc).__name__
        )
        return SheetPicture(
            r.sheet_id, QImage(), note=note, file=r.source_file, status=str(r.status)
        )


def parse_scanimage_list(text: str) -> list[tuple[str, str]]:
    """``scanimage -L`` output → [(device, description)].

    A line reads: device `epjitsu:libusb:001:004' is a FUJITSU ScanSnap S1500 scanner
    """
    out = []
    for line in text.splitlines():
        line = line.strip()
        if not line.startswith("device "):
            continue
        start = line.find("`")
        end = line.find("'", start + 1)
        if start < 0 or end < 0:
            continue
        device = line[start + 1 : end]
        rest = line[end + 1 :].strip()
        out.append((device, rest.removeprefix("is a ").strip() or device))
    return out


def sane_arguments(device: str, folder: Path) -> list[str]:
    """scanimage options: every sheet in the feeder, 300 dpi grey TIFF, one file per page."""
    return [
        "-d",
        device,
        f"--batch={folder / 'page-%04d.tif'}",
        "--format=tiff",
        "--resolution",
        "300",
        "--mode",
        "Gray",
    ]


def register(pages: PageRegistry) -> None:
    pages.add(
        PageSpec(
            "count.scan",
            "count",
            lambda: QCoreApplication.translate("pages", "扫描选票"),
            ScanPage,
            order=10,
        )
    )
