"""The counting room, driven through its real widgets (pytest-qt, offscreen): scan a folder of
marked ballots, decide the doubtful sheets and confirm them as another person, enter the
ballot-box counts, read the result, certify and print the tally sheet to PDF. And the window
stays responsive while a thousand pages are read. A test fails if it leaves a thread running.
"""

from __future__ import annotations

import hashlib
import itertools
import os
import random
import re
import shutil
import sqlite3
import subprocess
import threading
import time
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

import cv2
import numpy as np
import pytest
from PySide6.QtCore import QRect, QRectF, QSettings, Qt, QTimer
from PySide6.QtGui import QColor, QFontMetrics, QImage
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QDialogButtonBox, QLabel, QStyle

from huanjie_desktop.app.demo_count import make_scans
from huanjie_desktop.app.election import check_in, create_from_definition
from huanjie_desktop.domain.definition import validate_definition
from huanjie_desktop.gui import dialogs
from huanjie_desktop.gui.app_window import MainWindow
from huanjie_desktop.gui.hand_entry import HandEntryDialog, WithdrawDialog
from huanjie_desktop.gui.operator_dialog import OperatorDialog
from huanjie_desktop.gui.pages import load_pages
from huanjie_desktop.gui.pages.base import Page, PageRegistry
from huanjie_desktop.gui.pages.papers import PapersPage
from huanjie_desktop.gui.pages.reconcile import ReconcilePage
from huanjie_desktop.gui.pages.results import ResultsPage
from huanjie_desktop.gui.pages.review import SHEET_ROLE, ReviewPage
from huanjie_desktop.gui.pages.scan import FolderWatch, ScanPage, parse_scanimage_list
from huanjie_desktop.gui.session import AppContext
from huanjie_desktop.gui.worker import Worker
from huanjie_desktop.reports.fonts import first_unprintable
from huanjie_desktop.storage import counting as count_store
from huanjie_desktop.storage import repo
from huanjie_desktop.storage.db import open_election_file
from huanjie_desktop.storage.sheets import list_sheets
from tests.defs import small_definition
from tests.gui_answers import scripted_confirm
from tests.sheet_rows import (
    ballot_order,
    insert_counted,
    insert_sheet,
    marks,
    person_name,
    set_box,
)
from tests.sheet_rows import definition as rows_definition

QtBot = Any  # pytest-qt ships no type information
P = TypeVar("P", bound=Page)


@dataclass(frozen=True)
class Fixture:
    election: Path  # a pristine election file: copy it, never change it
    scans: Path  # 14 scanned JPEGs of marked ballots of its contest WY, round 1


@pytest.fixture(scope="module")
def counted_room(tmp_path_factory: pytest.TempPathFactory) -> Fixture:
    """A small election (20 voters, WY: 3 seats, 5 candidates, everyone checked in) and 14
    synthetic scans: one with a ✓ (held), one with a write-in (held), one over-voted, one blank
    (its voter signed below the table: held)."""
    folder = tmp_path_factory.mktemp("room")
    v = validate_definition(small_definition(), first_unprintable)
    assert v.definition is not None
    path = folder / "template.huanjie"
    create_from_definition(path, v.definition, "测试员")
    with open_election_file(path, "测试员") as db:
        check_in(db, [p.code for p in repo.read_people(db)])
        made = make_scans(db, "WY", 14, folder, random.Random(3), lambda _m: None)
    return Fixture(path, Path(made["scans"]))


def copy_election(source: Path, target: Path) -> Path:
    with open_election_file(source, "测试员", migrate=False) as db:
        db.backup_to(target)
    return target


class Harness:
    """A main window with a worker that must be stopped."""

    def __init__(self, qtbot: QtBot, tmp_path: Path) -> None:
        self.qtbot = qtbot
        self.settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
        self.worker = Worker()
        self.ctx = AppContext(self.worker, self.settings, "zh", "测试员")
        self.window = MainWindow(self.ctx, load_pages(PageRegistry()))
        self._answer = dialogs.confirm
        qtbot.addWidget(self.window, before_close_func=self._drop_unsaved)
        self.window.resize(1366, 768)
        self.window.show()

    def open(self, path: Path) -> None:
        self.window.open_file(path)
        self.qtbot.waitUntil(lambda: self.ctx.session is not None, timeout=10000)

    def idle(self, timeout: int = 20000) -> None:
        self.qtbot.waitUntil(lambda: not self.worker.busy, timeout=timeout)

    def page(self, key: str, cls: type[P]) -> P:
        page = self.window.show_page(key)
        assert isinstance(page, cls)
        return page

    def close(self) -> None:
        self._drop_unsaved(self.window)
        try:
            self.window.close()
        finally:
            dialogs.confirm = self._answer
        assert self.worker.shutdown(30000)

    def _drop_unsaved(self, _window: object) -> None:
        """The test is over: choices left unrecorded (on the review page, say) are dropped —
        the question the window asks on closing, unanswered offscreen, would hold the test
        for ever. (pytest-qt closes the window first; `close` puts the answer back.)"""
        dialogs.confirm = lambda *_a: True


@pytest.fixture
def harness(qtbot: QtBot, tmp_path: Path) -> Iterator[Harness]:
    before = {t.ident for t in threading.enumerate()}
    h = Harness(qtbot, tmp_path)
    yield h
    h.close()
    assert not h.worker.is_running(), "the worker thread was left running"
    deadline = time.monotonic() + 5
    left: list[threading.Thread] = []
    while time.monotonic() < deadline:
        left = [
            t
            for t in threading.enumerate()
            if t.ident not in before and t.is_alive() and type(t).__name__ != "_DummyThread"
        ]
        if not left:
            break
        time.sleep(0.05)
    assert not left, f"threads left running: {left}"


def scan_and_wait(
    harness: Harness, page: ScanPage, paths: list[Path], timeout: int = 60000
) -> None:
    runs = page.finished_runs
    page.scan(paths)
    harness.qtbot.waitUntil(lambda: page.run is None and page.finished_runs > runs, timeout=timeout)
    assert page.banner.tone != "bad", page.banner.text()


# --- scan ---------------------------------------------------------------------------------------


def test_scan_a_folder_shows_counts_last_sheet_and_rejected_sheets(
    harness: Harness, counted_room: Fixture, tmp_path: Path, qtbot: QtBot
) -> None:
    election = copy_election(counted_room.election, tmp_path / "e.huanjie")
    harness.open(election)
    page = harness.page("count.scan", ScanPage)
    assert page.contest_code() == "WY" and page.round_number() == 1
    junk = tmp_path / "junk"
    junk.mkdir()
    (junk / "notes.jpg").write_bytes(b"not a picture")
    shutil.copy(counted_room.scans / "scan-0001.jpg", junk / "again.jpg")
    # (a ZIP of scans and a hidden folder with a scan in it: not read, and said — a zip was
    # "not an image: ignore it", the hidden folder passed over without a word)
    with zipfile.ZipFile(junk / "batch.zip", "w") as z:
        z.write(counted_room.scans / "scan-0002.jpg", "scan-0002.jpg")
    (junk / ".box").mkdir()
    shutil.copy(counted_room.scans / "scan-0003.jpg", junk / ".box" / "x.jpg")
    ticks: list[float] = []
    timer = QTimer()
    timer.setInterval(20)
    timer.timeout.connect(lambda: ticks.append(time.monotonic()))
    timer.start()
    scan_and_wait(harness, page, [counted_room.scans, junk])  # a small batch: read in-thread
    timer.stop()
    assert max(b - a for a, b in itertools.pairwise(ticks)) < 0.5
    # (held: a ✓, a write-in, a sheet a voter signed below the table)
    assert page.counts["counted"] == 11 and page.counts["review"] == 3
    assert page.counts["rejected"] == 1 and page.counts["duplicate"] == 1
    assert page.counted.value.text() == "11" and page.review.value.text() == "3"
    assert "计入 11 张" in page.banner.text() and "审核" in page.banner.text()
    assert f"{junk / 'batch.zip'}：压缩文件，未读取：其中如有选票，请先解压" in page.banner.text()
    assert f"{junk / '.box'}：隐藏的文件夹" in page.banner.text()
    # the last sheet, drawn with its calls
    qtbot.waitUntil(lambda: page.picture is not None, timeout=10000)
    assert page.picture is not None and not page.picture.image.isNull()
    assert page.picture.calls and page.last_image.has_image()
    # rejected sheets in words, with what to do
    texts = [page.model.text(r, 1) + page.model.text(r, 2) for r in range(page.model.rowCount())]
    assert any("不是图像" in t for t in texts)  # a text file named .jpg: not an image
    assert any("完全相同" in t for t in texts)
    assert "本轮已存：计入 11 张，待审核 3 张" in page.round_totals.text()

    # scanning the same folder again counts nothing twice
    scan_and_wait(harness, page, [counted_room.scans])
    assert page.again == 14 and page.counts["counted"] == 11
    assert "以前已经扫描过" in page.banner.text()
    assert "新读入的：计入 0 张，待审核 0 张" in page.banner.text()  # nothing new, in words
    with open_election_file(election, "t") as db:
        assert len(list_sheets(db, status="counted")) == 11


def test_a_plain_copy_of_the_open_file_after_a_scan_has_the_sheets(
    harness: Harness, counted_room: Fixture, tmp_path: Path
) -> None:
    """The app holds the file open all session (its window's and its worker's connections):
    the sheets a scan stored stayed in NAME.huanjie-wal, and the clerk's copy of the election
    file to a USB stick, made with the app open as the guide has it, had none of them."""
    election = copy_election(counted_room.election, tmp_path / "e.huanjie")
    harness.open(election)
    page = harness.page("count.scan", ScanPage)
    scan_and_wait(harness, page, [counted_room.scans])
    harness.idle()
    assert page.counts["counted"] == 11
    stick = tmp_path / "usb" / "e.huanjie"
    stick.parent.mkdir()
    stick.write_bytes(election.read_bytes())  # the file alone, the app still open
    con = sqlite3.connect(stick)
    try:
        counted = "SELECT count(*) FROM sheets WHERE status = 'counted'"
        assert con.execute(counted).fetchone()[0] == 11
    finally:
        con.close()


def test_a_face_down_sheets_reason_is_shown_in_full_with_not_counted(
    harness: Harness, counted_room: Fixture, tmp_path: Path, qtbot: QtBot
) -> None:
    """A ballot fed face down is refused; its reason ("… 未读取，未计入") and what to do were
    cut with "…" in rows of a fixed height at 1366 and 1024 px: the rows in view grow to
    their words."""
    from tests.test_scan import seen_through

    election = copy_election(counted_room.election, tmp_path / "e.huanjie")
    folder = tmp_path / "few"
    folder.mkdir()
    for name in ("scan-0001.jpg", "scan-0002.jpg"):
        shutil.copy(counted_room.scans / name, folder / name)
    front = np.asarray(
        cv2.imread(str(counted_room.scans / "scan-0003.jpg"), cv2.IMREAD_GRAYSCALE), np.uint8
    )
    cv2.imwrite(str(folder / "scan-0003.jpg"), seen_through(front, 0.3, upside_down=True))
    harness.open(election)
    page = harness.page("count.scan", ScanPage)
    scan_and_wait(harness, page, [folder])
    (row,) = [r for r, x in enumerate(page.model.rows) if x.reasons == ("face_down",)]
    assert "未计入" in page.model.text(row, 1)
    for width in (1366, 1024):
        harness.window.resize(width, 768)
        qtbot.waitUntil(
            lambda: page.table.rowHeight(row) >= page.table.sizeHintForRow(row), timeout=3000
        )
        rect = page.table.visualRect(page.model.index(row, 1))
        assert rect.bottom() <= page.table.viewport().height()  # (in view, not cut)


def test_a_sheet_held_by_a_later_image_of_it_leaves_the_counted_tally(
    harness: Harness, counted_room: Fixture, tmp_path: Path
) -> None:
    """A ballot and, later in the same batch, another image of it (a photocopy): both are
    held for review. The first was shown as counted when it was read; the page's counts
    move it to review when the second holds it (they said "counted 1, review 1")."""
    election = copy_election(counted_room.election, tmp_path / "e.huanjie")
    harness.open(election)
    page = harness.page("count.scan", ScanPage)
    batch = tmp_path / "batch"
    batch.mkdir()
    shutil.copy(counted_room.scans / "scan-0001.jpg", batch / "a.jpg")
    img = cv2.imread(str(counted_room.scans / "scan-0001.jpg"), cv2.IMREAD_GRAYSCALE)
    assert img is not None
    cv2.imwrite(str(batch / "b.png"), img)  # the same sheet, another image
    scan_and_wait(harness, page, [batch])
    assert (page.counts["counted"], page.counts["review"]) == (0, 2), page.counts
    assert page.counted.value.text() == "0" and page.review.value.text() == "2"
    assert "计入 0 张，待审核 2 张" in page.banner.text(), page.banner.text()


def test_watched_folder_reads_a_file_only_once_it_is_complete(
    harness: Harness, counted_room: Fixture, tmp_path: Path, qtbot: QtBot
) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    watch = FolderWatch(poll_ms=60000)  # driven by hand below
    got: list[Path] = []
    watch.ready.connect(got.extend)
    watch.start(inbox)
    data = (counted_room.scans / "scan-0002.jpg").read_bytes()
    part = inbox / "scan-a.jpg"
    with part.open("wb") as f:  # the scanner software is still writing
        f.write(data[: len(data) // 3])
        f.flush()
        watch.check()
        f.write(data[len(data) // 3 : 2 * len(data) // 3])
        f.flush()
        watch.check()
        assert got == []  # the size changed between the checks
        f.write(data[2 * len(data) // 3 :])
    watch.check()
    assert got == []  # one check with the final size is not enough
    watch.check()
    assert got == [part]
    watch.check()
    assert got == [part]  # reported once
    (inbox / "readme.txt").write_text("x", encoding="utf-8")
    watch.check()
    watch.check()
    assert got == [part]  # not a scan file
    watch.stop()

    # through the page: the file is read into the election
    election = copy_election(counted_room.election, tmp_path / "e.huanjie")
    harness.open(election)
    page = harness.page("count.scan", ScanPage)
    page.watch.start(inbox)
    page._update_sources()
    assert page.stop_button.isEnabled() and "正在监视" in page.source_hint.text()
    qtbot.waitUntil(lambda: page.counts["counted"] == 1, timeout=20000)
    page.stop()
    assert not page.watch.active


def test_watched_folder_reads_a_file_again_when_another_scan_is_saved_over_it(
    harness: Harness, counted_room: Fixture, tmp_path: Path, qtbot: QtBot
) -> None:
    """Scanner software restarting its numbering, or a re-scan of a refused sheet saved over
    the bad file: the same name holds another scan. It was never read (the path had been
    reported once), so that ballot was silently left out of the count."""
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    watch = FolderWatch(poll_ms=60000)  # driven by hand below
    got: list[Path] = []
    watch.ready.connect(got.extend)
    watch.start(inbox)
    target = inbox / "scan-001.jpg"
    shutil.copy(counted_room.scans / "scan-0002.jpg", target)
    watch.check()
    watch.check()
    assert got == [target]
    watch.check()
    assert got == [target]  # unchanged: reported once
    shutil.copy(counted_room.scans / "scan-0004.jpg", target)  # saved over it
    os.utime(target, (time.time() + 5, time.time() + 5))  # whatever the clock's resolution
    watch.check()
    assert got == [target]  # just changed: it may still be being written
    watch.check()
    assert got == [target, target]  # settled: reported again
    watch.check()
    assert got == [target, target]
    watch.stop()

    # through the page: both scans saved under that one name are read into the election
    election = copy_election(counted_room.election, tmp_path / "e.huanjie")
    harness.open(election)
    page = harness.page("count.scan", ScanPage)
    shutil.copy(counted_room.scans / "scan-0002.jpg", target)
    page.watch_folder(inbox)
    qtbot.waitUntil(lambda: sum(page.counts.values()) == 1, timeout=20000)
    harness.idle(20000)
    shutil.copy(counted_room.scans / "scan-0004.jpg", target)
    os.utime(target, (time.time() + 10, time.time() + 10))
    page.watch.check()
    page.watch.check()
    qtbot.waitUntil(lambda: sum(page.counts.values()) == 2, timeout=20000)
    page.stop()
    harness.idle(20000)
    with open_election_file(election, "t") as db:
        sheets = list_sheets(db)
    assert len(sheets) == 2
    assert {s.image_sha256 for s in sheets} == {
        hashlib.sha256((counted_room.scans / n).read_bytes()).hexdigest()
        for n in ("scan-0002.jpg", "scan-0004.jpg")
    }


def test_every_reason_a_sheet_is_refused_or_held_for_has_its_own_advice(
    qtbot: QtBot,
) -> None:
    """The scan page tells the counter what to do for each reason on record; a reason
    without its own words fell back to "hand it to a scrutineer" (an empty file, a page
    with no paper to be seen are the counter's to deal with, not a scrutineer's)."""
    from huanjie_desktop.gui.pages.scan import reason_advice
    from huanjie_desktop.recognition.reasons import REASONS

    fallback = reason_advice("no such reason")
    missing = [code for code in REASONS if reason_advice(code) == fallback]
    assert missing == [], missing


def test_scanner_list_and_options() -> None:
    devices = parse_scanimage_list(
        "device `epjitsu:libusb:001:004' is a FUJITSU ScanSnap S1500 scanner\n"
        "device `net:10.0.0.3:hpaio:/net/hp' is a Hewlett-Packard MFP flatbed scanner\n"
    )
    assert devices[0] == ("epjitsu:libusb:001:004", "FUJITSU ScanSnap S1500 scanner")
    assert len(devices) == 2
    assert parse_scanimage_list("No scanners were identified.") == []


def test_no_sane_hides_the_scanner_button_and_says_why(
    harness: Harness, counted_room: Fixture, tmp_path: Path
) -> None:
    harness.open(copy_election(counted_room.election, tmp_path / "e.huanjie"))
    page = harness.page("count.scan", ScanPage)
    page.sane = None
    page._update_sources()
    assert page.sane_button.isHidden()
    assert "scanimage" in page.source_hint.text() and "监视文件夹" in page.source_hint.text()


# --- responsiveness -----------------------------------------------------------------------------


def test_window_never_freezes_while_a_thousand_pages_are_read(
    harness: Harness, counted_room: Fixture, tmp_path: Path, qtbot: QtBot
) -> None:
    """1,000 files: 10 copies of each of the 14 real scans (the copies are duplicates) and 860
    small images that are no ballot (rejected). Stopped at about a third and started again:
    nothing is counted twice. A timer on the GUI thread measures the longest gap."""
    pile = tmp_path / "pile"
    pile.mkdir()
    scans = sorted(counted_room.scans.glob("*.jpg"))
    n = 0
    for copy in range(10):
        for s in scans:
            n += 1
            shutil.copy(s, pile / f"{n:04d}-{copy}.jpg")
    rng = np.random.default_rng(5)
    while n < 1000:
        n += 1
        noise = rng.integers(0, 255, (60, 80), dtype=np.uint8)
        cv2.imwrite(str(pile / f"{n:04d}-x.png"), noise)
    election = copy_election(counted_room.election, tmp_path / "e.huanjie")
    harness.open(election)
    page = harness.page("count.scan", ScanPage)

    ticks: list[float] = []
    timer = QTimer()
    timer.setInterval(20)
    timer.timeout.connect(lambda: ticks.append(time.monotonic()))
    timer.start()
    started = time.monotonic()
    page.scan([pile])
    qtbot.waitUntil(lambda: sum(page.counts.values()) >= 300, timeout=60000)
    page.stop()
    qtbot.waitUntil(lambda: page.run is None, timeout=30000)
    assert "已停止" in page.banner.text()
    first = sum(page.counts.values())
    assert first < 1000
    scan_and_wait(harness, page, [pile], timeout=90000)
    timer.stop()
    took = time.monotonic() - started
    gaps = [b - a for a, b in itertools.pairwise(ticks)]
    print(f"longest gap {max(gaps):.3f} s over {took:.1f} s, {len(ticks)} ticks")
    assert max(gaps) < 0.5, f"the window froze for {max(gaps):.2f} s"
    assert len(ticks) > took / 0.02 * 0.5

    assert sum(page.counts.values()) == 1000  # every page once, none twice
    assert page.again == first
    assert page.counts["counted"] + page.counts["review"] == 14
    assert page.counts["duplicate"] == 126 and page.counts["rejected"] == 860
    with open_election_file(election, "t") as db:
        assert len(list_sheets(db)) == 1000
        assert len(list_sheets(db, status="counted")) == 11
    assert page.model.rowCount() == 986


# --- the count of a round, end to end ---------------------------------------------------------


def cell(table: Any, row: int, col: int) -> str:
    item = table.item(row, col)
    return "" if item is None else str(item.text())


def pdf_text(path: Path) -> str:
    return subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


def test_a_mark_the_reviewer_also_finds_illegible_is_recorded_with_key_4(
    harness: Harness, counted_room: Fixture, tmp_path: Path, qtbot: QtBot
) -> None:
    """The guide's "4 illegible" on a box the machine could not read either: refused as
    "still undecided — press 4", the cell still saying ？请决定; the person's 4 is a decision."""
    election = copy_election(counted_room.election, tmp_path / "e.huanjie")
    harness.open(election)
    scan = harness.page("count.scan", ScanPage)
    scan_and_wait(harness, scan, [counted_room.scans])
    review = harness.page("count.review", ReviewPage)
    assert review.current is not None and "unclear_mark" in review.current["reasons"]
    row = review.table.currentRow()
    target = review.targets[row]
    assert target.machine == "unclear"
    qtbot.keyClick(review.table, Qt.Key.Key_Return)  # nothing decided yet: refused
    qtbot.waitUntil(lambda: "没有决定" in review.banner.text(), timeout=10000)
    review.table.selectRow(row)
    qtbot.keyClick(review.table, Qt.Key.Key_4)
    assert review.decided[target.key] == "unclear"
    assert cell(review.table, row, 3) == "无法辨认", cell(review.table, row, 3)
    qtbot.keyClick(review.table, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "已记录" in review.banner.text(), timeout=10000)
    harness.idle()
    assert review.confirm_chip.text() == "待确认 1 张"


def test_illegible_decided_on_every_doubtful_box_is_shown_back_as_decided(
    harness: Harness, counted_room: Fixture, tmp_path: Path, qtbot: QtBot
) -> None:
    """4 (illegible) on every box the machine could not read: the decided marks equal the
    machine's, yet the decision is the counter's. Shown again (to the scrutineer), each box
    said ？请决定 and step two "按机器读出的计入" — it says 无法辨认, decided by whom."""
    election = copy_election(counted_room.election, tmp_path / "e.huanjie")
    harness.open(election)
    scan = harness.page("count.scan", ScanPage)
    scan_and_wait(harness, scan, [counted_room.scans])
    review = harness.page("count.review", ReviewPage)
    assert review.current is not None
    sheet = str(review.current["sheet"])
    rows = [i for i, t in enumerate(review.targets) if t.machine == "unclear" and not t.writein]
    assert rows and not any(t.writein for t in review.targets)
    for row in rows:
        review.table.selectRow(row)
        qtbot.keyClick(review.table, Qt.Key.Key_4)
    qtbot.keyClick(review.table, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "已记录" in review.banner.text(), timeout=10000)
    harness.idle()
    # the sheet read again from the file, as the scrutineer sees it
    assert review.current is not None and review.current["sheet"] != sheet
    _show_sheet(review, sheet)
    assert review.current["sheet"] == sheet
    for row in rows:
        assert cell(review.table, row, 3) == "无法辨认", cell(review.table, row, 3)
        item = review.table.item(row, 3)
        assert item is not None and "测试员 的决定" in item.toolTip()
    pending = review.pending.text()
    assert "按机器读出的计入" not in pending, pending
    name = review.targets[rows[0]].label
    assert f"{name} ？看不清 → 无法辨认" in pending, pending
    # and so the decision history, once confirmed
    review.ctx.set_operator("罗兰")
    review.confirm()
    harness.idle()
    assert "已确认" in review.banner.text(), review.banner.text()
    review.show_done.setChecked(True)
    harness.idle()
    _show_sheet(review, sheet)
    assert cell(review.table, rows[0], 3) == "无法辨认"
    history = review.history.item(0).text()
    assert f"{name} ？看不清 → 无法辨认" in history and "按机器读出的计入" not in history, history


def test_count_a_round_end_to_end_through_the_widgets(
    harness: Harness,
    counted_room: Fixture,
    tmp_path: Path,
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    election = copy_election(counted_room.election, tmp_path / "e.huanjie")
    harness.open(election)

    # (before any ballot is counted the chart draws no bars: every one said "not over half:
    # not elected", the more-than-half line through them)
    unscanned = harness.page("count.results", ResultsPage)
    assert unscanned.doc is not None and unscanned.chart.bars == []
    # (nor "0 issued, 0 collected" for counts not entered: a dash, as the boxes page has it)
    assert unscanned.doc["boxes_entered"] is False
    assert "发出 — 张，收回 — 张" in unscanned.summary.text()

    # 1. scan the folder
    scan = harness.page("count.scan", ScanPage)
    scan_and_wait(harness, scan, [counted_room.scans])
    assert dict(scan.counts) == {"counted": 11, "review": 3}

    # 2. decide the three held sheets from the keyboard
    review = harness.page("count.review", ReviewPage)
    assert len(review.items) == 3 and review.todo_chip.text() == "待决定 3 张"
    assert review.current is not None and "unclear_mark" in review.current["reasons"]
    row = review.table.currentRow()
    target = review.targets[row]
    assert target.machine == "unclear" and target.label == "王小明"  # the ✓
    qtbot.waitUntil(lambda: review.picture is not None, timeout=10000)
    assert review.picture is not None and review.picture.focus is not None
    qtbot.keyClick(review.table, Qt.Key.Key_3)  # abstain
    assert review.decided[target.key] == "abstain"
    qtbot.keyClick(review.table, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "已记录" in review.banner.text(), timeout=10000)
    harness.idle()
    assert review.confirm_chip.text() == "待确认 1 张"

    review.queue.setCurrentRow(1)  # a voter's name below the table: void, with the reason
    assert review.current is not None and review.current["reasons"] == ["writing_elsewhere"]
    # (the list says each reason by its head; the whole is beside the sheet and in a tooltip)
    listed = review.queue.item(1)
    assert listed is not None and "选票空白处有字迹" in listed.text()
    assert "请监票人查看" not in listed.text() and "请监票人查看" in listed.toolTip()
    assert "可识别投票人" in review.why.text()
    qtbot.waitUntil(lambda: review.picture is not None, timeout=10000)
    assert review.picture is not None and review.picture.focus is not None  # the writing
    qtbot.keyClick(review.table, Qt.Key.Key_V)
    assert review.void.isChecked() and review.void_reason.isEnabled()
    review.void_reason.setCurrentIndex(0)  # 有可识别投票人的记号
    qtbot.keyClick(review.table, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: review.confirm_chip.text() == "待确认 2 张", timeout=10000)

    # back on the first: the table shows the decision waiting to be confirmed (it showed
    # the machine's "？请决定" under a note saying the sheet was decided "abstain")
    review.queue.setCurrentRow(0)
    harness.idle()
    first_row = next(i for i, t in enumerate(review.targets) if t.label == "王小明")
    assert cell(review.table, first_row, 3) == "弃权", cell(review.table, first_row, 3)

    review.queue.setCurrentRow(2)  # the write-in
    assert review.current is not None and "writein" in review.current["reasons"]
    qtbot.keyClick(review.table, Qt.Key.Key_W)
    edit = review.name_edits[1]
    assert edit.hasFocus() or not review.isActiveWindow()
    entry = next(n for n in review.roster_names if "P006" in n)  # 杨帆, from the roster
    edit.setText(entry)
    qtbot.keyClick(edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: review.confirm_chip.text() == "待确认 3 张", timeout=10000)
    assert "杨帆（P006）" in review.pending.text() and "测试员" in review.pending.text()
    # the last sheet decided, it stays shown: Enter again records nothing more (it recorded
    # a second decision replacing the first, noise in the sheet's history)
    harness.idle()
    with open_election_file(election, "t") as db:
        before = len(count_store.decisions_for(db, str(review.current["sheet"])))
    qtbot.keyClick(review.table, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "正等待另一位监票人确认" in review.banner.text(), timeout=10000)
    harness.idle()
    with open_election_file(election, "t") as db:
        assert len(count_store.decisions_for(db, str(review.current["sheet"]))) == before
    assert "另一位监票人" in review.pending.text()  # the one who decided is at the desk

    # 3. confirm: the one who decided cannot (the button says so: its click passed
    # "checked" in as the operator to go back to, and the refusal was never shown); the chief
    # scrutineer can
    qtbot.mouseClick(review.confirm_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: review.banner.tone == "bad", timeout=10000)
    assert "须由另一位监票人确认" in review.banner.text()
    assert harness.ctx.operator == "测试员"
    review.switch_and_confirm()  # the chief scrutineer takes the desk and confirms
    switch = review.last_dialog
    assert isinstance(switch, OperatorDialog)
    # (it asked "请输入您的姓名" and said to change the operator in the menu)
    assert "监票人" in switch.windowTitle() + "".join(w.text() for w in switch.findChildren(QLabel))
    assert "交还给 测试员" in "".join(w.text() for w in switch.findChildren(QLabel))
    switch.name.setCurrentText("罗兰")
    switch.accept()
    qtbot.waitUntil(lambda: "已确认" in review.banner.text(), timeout=10000)
    harness.idle()
    assert harness.ctx.operator == "罗兰" and "罗兰" in review.confirm_button.text()
    assert review.hand_back_button.isVisibleTo(review)
    assert "交还给 测试员" in review.hand_back_button.text()
    review.banner.show_message("", "neutral")
    for _ in range(2):
        review.banner.show_message("", "neutral")
        qtbot.mouseClick(review.confirm_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: "已确认" in review.banner.text(), timeout=10000)
        harness.idle()
    qtbot.waitUntil(lambda: not review.items, timeout=10000)
    # the confirmations done, the desk goes back to the clerk in one click (the scrutineer
    # stayed the operator, and the clerk's next decisions were recorded under their name)
    # (from the page as it now stands: no sheet is shown, step two with its button went
    # with it, and the desk stayed under the scrutineer's name)
    assert review.empty.isVisibleTo(review) and review.empty_hand_back.isVisibleTo(review)
    assert "交还给 测试员" in review.empty_hand_back.text()
    qtbot.mouseClick(review.empty_hand_back, Qt.MouseButton.LeftButton)
    assert harness.ctx.operator == "测试员" and not review.empty_hand_back.isVisibleTo(review)
    assert not review.hand_back_button.isVisibleTo(review)
    review.show_done.setChecked(True)
    assert len(review.done_items) == 3
    assert review.history.count() == 1
    decision = review.history.item(0)
    assert decision is not None and "✓ 罗兰" in decision.text() and "测试员" in decision.text()
    review.show_done.setChecked(False)

    # 4. issued and collected
    reconcile = harness.page("count.reconcile", ReconcilePage)
    assert "尚未登记" in reconcile.verdict.text()
    reconcile.box.setText("1号票箱")
    reconcile.issued_in.setValue(14)
    reconcile.collected_in.setValue(15)
    qtbot.keyClick(reconcile.collected_in, Qt.Key.Key_Return)  # Enter saves, as the button
    qtbot.waitUntil(lambda: reconcile.verdict_tone == "bad", timeout=10000)
    assert "本轮投票无效" in reconcile.verdict.text()
    collected = reconcile.table.item(0, 2)
    assert collected is not None
    # fewer collected than the 14 read: not the green "valid" over small print saying so
    collected.setText("12")
    qtbot.waitUntil(lambda: reconcile.verdict_tone == "warn", timeout=10000)
    assert "比收回的多 2 张" in reconcile.verdict.text(), reconcile.verdict.text()
    collected = reconcile.table.item(0, 2)
    assert collected is not None
    collected.setText("14")  # corrected in the table
    qtbot.waitUntil(lambda: reconcile.verdict_tone == "ok", timeout=10000)
    assert "收回 14 张，不多于发出 14 张：本轮投票有效" in reconcile.verdict.text()
    assert "相同" in reconcile.compare.text()
    # a number left in the form from another box is never saved with this one: typing a
    # box's name brings its own numbers, and only the number typed is saved
    reconcile.box.setText("2号票箱")  # (typed: the text and the signal typing gives)
    reconcile.box.textEdited.emit("2号票箱")
    reconcile.issued_in.setValue(5)  # begun, not saved
    reconcile.box.setText("1号票箱")
    reconcile.box.textEdited.emit("1号票箱")
    assert (reconcile.issued_in.value(), reconcile.collected_in.value()) == (14, 14)
    reconcile.collected_in.setValue(14)
    qtbot.keyClick(reconcile.collected_in, Qt.Key.Key_Return)
    qtbot.waitUntil(
        lambda: "✓ 已登记 1号票箱：收回 14 张" in reconcile.banner.text(), timeout=10000
    )
    issued = reconcile.table.item(0, 1)
    assert reconcile.table.rowCount() == 1 and issued is not None and issued.text() == "14"

    # 5. the result
    results = harness.page("count.results", ResultsPage)
    assert results.doc is not None and results.doc["status"] == "final"
    assert results.status_chip.text() == "最终结果（待确认）"
    elected = [b.name for b in results.chart.bars if b.state == "elected"]
    assert len(elected) == 3
    assert any(b.name == "杨帆" and b.writein for b in results.chart.bars)
    assert results.next_button.isHidden() and "全部选出" in results.next_text.text()

    # 6. certify, then print the tally sheet to PDF
    papers = harness.page("count.papers", PapersPage)
    qtbot.waitUntil(lambda: papers.preview is not None, timeout=20000)
    assert papers.signers.text() == "罗兰、马超"
    asked: list[str] = []

    def yes(_parent: object, _title: str, text: str) -> bool:
        asked.append(text)
        return True

    monkeypatch.setattr(dialogs, "confirm", yes)
    qtbot.mouseClick(papers.certify_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: papers.certified is not None, timeout=10000)
    assert asked and "不能撤销" in asked[0] and "罗兰、马超" in asked[0]
    assert papers.certified is not None and papers.certified.status == "certified"
    harness.idle()
    assert papers.status_chip.text() == "已确认（冻结）"
    assert not papers.certify_button.isEnabled()
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    out = tmp_path / "tally.pdf"
    printer.setOutputFileName(str(out))
    papers.print_to(printer)
    qtbot.waitUntil(lambda: papers.last_pdf == out, timeout=20000)
    text = pdf_text(out)
    assert "计票结果报" in text and "中国共产党测试区第一届委员会委员" in text
    assert papers.certified.digest_short in text.replace(" ", "")
    for name in elected:
        assert name in text
    with open_election_file(election, "t") as db:
        events = [r[0] for r in db.con.execute("SELECT event FROM audit ORDER BY seq")]
    assert events.count("review.decided") == 3 and events.count("review.confirmed") == 3
    assert "round.certified" in events and "report.printed" in events

    # a certified round takes no more scans
    scan = harness.page("count.scan", ScanPage)
    assert "已确认冻结" in scan.round_totals.text()


def test_certify_asks_before_leaving_out_a_station_that_sent_nothing(
    harness: Harness, tmp_path: Path, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Station 二团 sent no results package: the papers page does not certify without a
    word (its package would then be refused); it says so and certifies without it only
    when the person at the desk agrees — recorded in the audit log."""
    import json

    from tests import station_rows as rows
    from tests.test_stations import do_import, export, init_main, make_station

    m = init_main(tmp_path)
    a, _b = make_station(tmp_path, m, "一团"), make_station(tmp_path, m, "二团")
    with open_election_file(a, "计票人") as db:
        rows.add_sheets(db, 2)
        rows.set_box(db, "1", 2, 2)
    do_import(m, export(a, tmp_path / "ra.zip"))
    harness.open(m)
    papers = harness.page("count.papers", PapersPage)
    asked = scripted_confirm(monkeypatch, [False, True])
    papers.certify(["罗兰"])
    qtbot.waitUntil(lambda: len(asked) == 1 and "二团" in papers.banner.text(), timeout=10000)
    assert "二团" in asked[0] and papers.certified is None  # declined: nothing frozen
    papers.certify(["罗兰"])
    qtbot.waitUntil(lambda: papers.certified is not None, timeout=10000)
    with open_election_file(m, "t") as db:
        (detail,) = [
            json.loads(r[0])
            for r in db.con.execute(
                "SELECT detail FROM audit WHERE event IN ('round.certified', 'round.voided')"
            )
        ]
    assert detail["without_stations"] == ["二团"]


def test_a_round_waiting_for_a_station_can_still_be_certified_without_it(
    harness: Harness, tmp_path: Path, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A station laptop still out makes the round provisional (nobody elected): the papers
    page names it, and — waiting for it alone — still offers to certify, which asks before
    leaving the broken laptop out (a provisional round's button is otherwise off)."""
    from huanjie_desktop.app import counting
    from huanjie_desktop.cli.main import main
    from tests import station_rows as rows
    from tests.test_stations import do_import, export, init_main, make_station

    m = init_main(tmp_path)
    for u in ("U01", "U02"):
        assert main(["checkin", str(m), "--unit", u, "--all"]) == 0
    a, _b = make_station(tmp_path, m, "一团"), make_station(tmp_path, m, "二团")
    with open_election_file(a, "计票人") as db:
        rows.add_sheets(db, 12)
        rows.set_box(db, "1", 12, 12)
    do_import(m, export(a, tmp_path / "ra.zip"))
    harness.open(m)
    papers = harness.page("count.papers", PapersPage)
    qtbot.waitUntil(lambda: "二团" in papers.cert_state.text(), timeout=10000)
    assert papers.certify_button.isEnabled(), papers.cert_state.text()
    asked = scripted_confirm(monkeypatch, [True])
    papers.certify(["罗兰"])
    qtbot.waitUntil(lambda: papers.certified is not None, timeout=10000)
    assert "二团" in asked[0]
    with open_election_file(m, "t") as db:
        doc = counting.tally(db, "WY")
    assert doc["certification"]["without_stations"] == ["二团"] and len(doc["elected"]) == 2


def test_a_station_laptop_gives_no_verdict_on_the_round_and_offers_no_certify(
    harness: Harness, tmp_path: Path, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A station laptop holds its own boxes and sheets and no check-ins. Its results page
    said the round was void for lack of a quorum, offered 重新投票… and an enabled
    确认并冻结结果… that asked the irreversible void question before being refused; its
    papers printed 本轮选举无效. It says what `huanjie tally` says there: the main laptop
    decides, once every station is merged."""
    from huanjie_desktop.gui.pages.papers import preview_pdf
    from tests import station_rows as rows
    from tests.test_stations import init_main, make_station

    station = make_station(tmp_path, init_main(tmp_path), "一团")
    with open_election_file(station, "计票人") as db:
        rows.add_sheets(db, 3)
        rows.set_box(db, "1", 3, 3)
    harness.open(station)
    page = harness.page("count.results", ResultsPage)
    assert page.doc is not None and page.doc["station"] == "一团"
    said = " ".join(
        [page.status_chip.text(), page.summary.text(), page.banner.text(), page.next_text.text()]
    )
    assert "以主机合并各分团后的结果为准" in said, said
    void_words = ("本轮无效", "投票无效", "选举无效", "重新投票", "不能进行选举")
    assert not [w for w in void_words if w in said], said
    assert "法定人数" not in said and "实到 0" not in said, said
    assert page.next_button.isHidden() and page.next_kind is None
    assert "名额已满" not in {cell(page.table, r, 6) for r in range(page.table.rowCount())}
    reconcile = harness.page("count.reconcile", ReconcilePage)
    said = reconcile.verdict.text()
    assert "本分团收回 3 张" in said and "以主机为准" in said, said
    assert not [w for w in void_words if w in said] and "本轮投票有效" not in said, said

    papers = harness.page("count.papers", PapersPage)
    asked = scripted_confirm(monkeypatch, [True])
    assert not papers.certify_button.isEnabled()
    assert "主机" in papers.cert_state.text()
    assert not [w for w in void_words if w in papers.cert_state.text()]
    qtbot.mouseClick(papers.certify_button, Qt.MouseButton.LeftButton)
    assert asked == []  # (never the irreversible question)

    with open_election_file(station, "计票人") as db:
        for kind in ("tally", "attendance", "ballots"):
            out = tmp_path / f"{kind}.pdf"
            preview_pdf(db, "WY", 1, kind, out, None)
            text = pdf_text(out).replace("\n", "")
            assert not [w for w in void_words if w in text], (kind, text)
            assert "以主机合并各分团后的结果为准" in text, (kind, text)
        # ... and `huanjie report` there says and records the papers as printed: provisional
        import json

        from huanjie_desktop.app import counting as app_counting

        outcome = app_counting.report(db, "WY", 1, tmp_path / "r.pdf")
        recorded = db.con.execute(
            "SELECT detail FROM audit WHERE event = 'report.printed' ORDER BY seq DESC"
        ).fetchone()[0]
    assert outcome.status == "provisional", outcome
    assert json.loads(recorded)["status"] == "provisional", recorded

    # (a paper of another delegation fed in: 4 sheets against 3 collected — said there, as
    # the main laptop says it once merged; the quorum no longer voids the round first)
    with open_election_file(station, "计票人") as db:
        rows.add_sheets(db, 1, batch="other.pdf")
    harness.open(station)
    page = harness.page("count.results", ResultsPage)
    said = " ".join([page.summary.text(), page.banner.text(), page.next_text.text()])
    assert "计入的选票张数与收回张数不一致" in said, said
    assert not [w for w in void_words if w in said], said


def test_the_main_laptop_shows_the_decisions_a_station_confirmed(
    harness: Harness, tmp_path: Path, qtbot: QtBot
) -> None:
    """Two held sheets decided and confirmed on 一团's laptop, its results merged here: the
    review page with 也显示已确认的 listed none of them (it read this file's own audit
    log), and the chief scrutineer could not look them over before certifying. Listed
    now, each with who decided, who confirmed and the station; shown, the decision as
    made there."""
    from huanjie_desktop.app import counting as app_counting
    from tests import station_rows as rows
    from tests.test_stations import do_import, export, init_main, make_station

    m = init_main(tmp_path)
    a = make_station(tmp_path, m, "一团")
    with open_election_file(a, "计票人") as db:
        sheets = rows.add_sheets(db, 2, status="review", marks="A?NDN")
        second = repo.read_round(db, "WY", 1).candidates[1]  # type: ignore[union-attr]
        for s in sheets:
            app_counting.decide(db, s.id, {second.code: "disagree"}, accept=True, by="张华")
            app_counting.confirm(db, s.id, by="罗兰")
    do_import(m, export(a, tmp_path / "r.zip"))
    harness.open(m)
    review = harness.page("count.review", ReviewPage)
    harness.idle()
    review.show_done.setChecked(True)
    harness.idle()
    listed = [review.queue.item(i).data(SHEET_ROLE) for i in range(review.queue.count())]
    assert sorted(listed) == sorted(f"一团/{s.id}" for s in sheets), listed
    text = review.queue.item(0).text()
    assert "分团计票机（一团）" in text and "张华 决定，罗兰 确认" in text, text
    review.queue.setCurrentRow(0)
    assert review.current is not None and review.current.get("done")
    assert "张华 决定，罗兰 于" in review.pending.text(), review.pending.text()
    assert "分团计票机（一团）" in review.pending.text(), review.pending.text()
    row = next(i for i, t in enumerate(review.targets) if t.key == second.code)
    assert cell(review.table, row, 3) == "不赞成 ×"
    history = review.history.item(0).text()
    assert "张华" in history and "罗兰" in history and "分团计票机（一团）" in history, history
    assert not review.confirm_button.isEnabled() and not review.record_button.isEnabled()


def test_the_next_round_waits_for_a_silent_station_unless_the_desk_decides(
    harness: Harness, tmp_path: Path, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Station 二团 sent no results package: opening the next round would shut its ballots
    out of this one for good. The results page says so and opens the round without it only
    when the person at the desk agrees — recorded in the audit log."""
    import json

    from huanjie_desktop.app import counting as app_counting
    from tests import station_rows as rows
    from tests.test_stations import do_import, export, init_main, make_station

    m = init_main(tmp_path)
    a, _b = make_station(tmp_path, m, "一团"), make_station(tmp_path, m, "二团")
    with open_election_file(a, "计票人") as db:
        rows.add_sheets(db, 2)
        rows.set_box(db, "1", 2, 2)
    do_import(m, export(a, tmp_path / "ra.zip"))
    with open_election_file(m, "t") as db:
        status = app_counting.tally(db, "WY")["status"]
    kind = "supplementary" if status == "final" else "rerun"
    harness.open(m)
    page = harness.page("count.results", ResultsPage)
    asked = scripted_confirm(monkeypatch, [False, True])
    page.open_next_round("WY", kind)
    qtbot.waitUntil(lambda: len(asked) == 1 and "二团" in page.banner.text(), timeout=10000)
    assert "二团" in asked[0]  # declined: nothing opened
    with open_election_file(m, "t") as db:
        assert not db.con.execute("SELECT 1 FROM audit WHERE event = 'round.opened'").fetchall()
    page.open_next_round("WY", kind)
    qtbot.waitUntil(lambda: len(asked) == 2, timeout=10000)
    with open_election_file(m, "t") as db:
        qtbot.waitUntil(
            lambda: bool(
                db.con.execute("SELECT 1 FROM audit WHERE event = 'round.opened'").fetchall()
            ),
            timeout=10000,
        )
        (detail,) = [
            json.loads(r[0])
            for r in db.con.execute("SELECT detail FROM audit WHERE event = 'round.opened'")
        ]
    assert detail["without_stations"] == ["二团"]


def test_a_paper_scanned_twice_is_recorded_as_a_duplicate_scan(
    harness: Harness, counted_room: Fixture, tmp_path: Path, qtbot: QtBot
) -> None:
    """Its serial on two images (scanned here and at a station): the reviewer marks one as
    another scan of the same paper (D) — it will count as nothing, not as a void ballot."""
    from huanjie_desktop.storage.sheets import hold_for_conflict
    from tests.sheet_rows import insert_sheet

    election = copy_election(counted_room.election, tmp_path / "e.huanjie")
    harness.open(election)
    scan = harness.page("count.scan", ScanPage)
    scan_and_wait(harness, scan, [counted_room.scans])
    with open_election_file(election, "t") as db:
        first = next(s for s in list_sheets(db, status="counted") if s.serial)
        with db.transaction() as con:
            hold_for_conflict(con, first.id, "serial_conflict", "同一防伪码")
        insert_sheet(
            db,
            "second-scan",
            "WY",
            1,
            first.marks,
            status="review",
            reasons=["serial_conflict"],
            serial=first.serial,
            station="一团",
        )
    review = harness.page("count.review", ReviewPage)
    review.refresh()
    qtbot.waitUntil(lambda: review.item_for("second-scan") is not None, timeout=10000)
    row = next(
        i
        for i in range(review.queue.count())
        if review.queue.item(i).data(SHEET_ROLE) == "second-scan"
    )
    review.queue.setCurrentRow(row)
    assert review.duplicate.isVisibleTo(review)
    qtbot.keyClick(review.table, Qt.Key.Key_D)
    assert review.duplicate.isChecked() and not review.table.isEnabled()
    qtbot.keyClick(review.table, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "已记录" in review.banner.text(), timeout=10000)
    assert "重复扫描" in review.banner.text()
    harness.idle()
    # decided: the desk moves on to the next sheet waiting for a decision
    assert review.current is not None and review.current["sheet"] != "second-scan"
    assert review.current["decision"] is None
    _show_sheet(review, "second-scan")
    assert "同一张选票的重复扫描" in review.pending.text()
    # a sheet held for another reason has no such choice
    other = next(
        i
        for i in range(review.queue.count())
        if "serial_conflict"
        not in (review.item_for(str(review.queue.item(i).data(SHEET_ROLE))) or {}).get(
            "reasons", []
        )
    )
    review.queue.setCurrentRow(other)
    assert not review.duplicate.isVisibleTo(review)


def test_a_duplicate_is_recorded_with_d_then_enter_from_the_keyboard_alone(
    harness: Harness, counted_room: Fixture, tmp_path: Path, qtbot: QtBot
) -> None:
    """Guide 3.5: D, then Enter records. D disables the candidate table; the focus was left on
    the 整张作废 check box, which dropped Enter: nothing recorded, nothing said — and the
    "✓ 已记录" of the sheet before still on screen. The message names the sheet it is about and
    goes once the desk works on another sheet."""
    from PySide6.QtWidgets import QApplication

    from huanjie_desktop.storage.sheets import hold_for_conflict
    from tests.sheet_rows import insert_sheet

    election = copy_election(counted_room.election, tmp_path / "e.huanjie")
    harness.open(election)
    scan = harness.page("count.scan", ScanPage)
    scan_and_wait(harness, scan, [counted_room.scans])
    with open_election_file(election, "t") as db:
        first = next(s for s in list_sheets(db, status="counted") if s.serial)
        with db.transaction() as con:
            hold_for_conflict(con, first.id, "serial_conflict", "同一防伪码")
        insert_sheet(
            db,
            "second-scan",
            "WY",
            1,
            first.marks,
            status="review",
            reasons=["serial_conflict"],
            serial=first.serial,
            station="一团",
        )
    review = harness.page("count.review", ReviewPage)
    harness.window.activateWindow()
    review.refresh()
    qtbot.waitUntil(lambda: review.item_for("second-scan") is not None, timeout=10000)
    _show_sheet(review, "second-scan")
    review.table.setFocus()
    qtbot.keyClick(review.table, Qt.Key.Key_D)
    assert review.duplicate.isChecked() and not review.table.isEnabled()
    focus = QApplication.focusWidget()
    assert focus is review.duplicate, focus
    qtbot.keyClick(focus, Qt.Key.Key_Return)  # the key goes where the focus is
    qtbot.waitUntil(lambda: "已记录" in review.banner.text(), timeout=10000)
    harness.idle()
    recorded = review.item_for("second-scan")
    assert recorded is not None and recorded["decision"] is not None
    # on to the next sheet waiting: the message says which sheet it was about
    assert review.current is not None and review.current["sheet"] != "second-scan"
    assert "batch-一团.pdf" in review.banner.text(), review.banner.text()
    # ... and what confirming it will do: set aside, never "counted" (it said 才计入)
    said = review.banner.text()
    assert "不计入" in said and "才计入" not in said, said
    # and goes as soon as this sheet is worked on: it is not this sheet's decision
    review.table.setFocus()
    qtbot.keyClick(review.table, Qt.Key.Key_3)
    assert review.banner.text() == "" and not review.banner.isVisibleTo(review)


def test_review_at_1024_keeps_the_name_box_and_the_machines_reading_readable(
    harness: Harness, counted_room: Fixture, tmp_path: Path, qtbot: QtBot
) -> None:
    """At 1024 × 768 the write-in name box was some 40 px wide (two characters) and the
    column of what the machine read cut to a character or cut off at the bottom: the name
    box goes under its label when narrow, the decision side keeps the table's columns, and a
    row grows to its reading."""
    election = copy_election(counted_room.election, tmp_path / "e.huanjie")
    harness.open(election)
    scan_and_wait(harness, harness.page("count.scan", ScanPage), [counted_room.scans])
    review = harness.page("count.review", ReviewPage)
    harness.idle()
    (held,) = [i for i in review.items if "writein" in (i.get("reasons") or [])]
    review.queue.setCurrentRow(review.items.index(held))
    qtbot.waitUntil(lambda: bool(review.name_edits), timeout=10000)
    fm = review.fontMetrics()
    for width in (1366, 1024):
        harness.window.resize(width, 768)
        qtbot.wait(100)
        (edit,) = review.name_edits.values()
        assert edit.width() >= fm.horizontalAdvance("欧阳文忠（区委办）"), (width, edit.width())
        table = review.table
        assert table.columnWidth(2) >= fm.horizontalAdvance("○ 圈，墨迹"), width
        rows = range(table.rowCount())
        qtbot.waitUntil(
            lambda: all(table.rowHeight(r) >= table.sizeHintForRow(r) for r in rows),  # noqa: B023
            timeout=3000,
        )


def test_a_name_nobody_can_read_is_ticked_and_chooses_someone(
    harness: Harness,
    counted_room: Fixture,
    tmp_path: Path,
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """3 seats, ○ on three printed names and ○ above a name nobody can read. The name left
    empty, the page asked "record it as 姓名无法辨认?" and recorded an empty column: three
    chosen, a valid ballot. rules.md: four chosen, void. The box 姓名无法辨认 records the
    name as written and unread; an empty field is asked about as an empty column."""
    from tests.sheet_rows import insert_sheet

    election = copy_election(counted_room.election, tmp_path / "e.huanjie")
    with open_election_file(election, "t") as db:
        order = ballot_order(db, "WY", 1)
        insert_sheet(
            db,
            "unread-name",
            "WY",
            1,
            marks(order, {"c01": "A", "c02": "A", "c03": "A"}),
            status="review",
            reasons=["writein"],
            writeins=[{"column": 1, "has_name": True, "mark": "agree"}],
        )
    review = _open_on_sheet(harness, qtbot, election, "unread-name")
    assert review.over_hint.isVisible() and "多于应选 3 名" in review.over_hint.text()
    asked = scripted_confirm(monkeypatch, [False])
    review.table.setFocus()
    qtbot.keyClick(review.table, Qt.Key.Key_Return)  # no name typed: asked, No goes back
    assert asked and "确实没有写姓名吗" in asked[0] and "姓名无法辨认" in asked[0], asked
    harness.idle()
    with open_election_file(election, "t") as db:
        assert count_store.open_decision(db, "unread-name") is None
    unread = review.illegible_boxes[1]
    assert unread.text() == "姓名无法辨认"
    review.name_edits[1].setText("看不清")
    unread.setChecked(True)
    assert review.name_edits[1].text() == "" and not review.name_edits[1].isEnabled()
    assert review.over_hint.isVisible()
    review.table.setFocus()
    qtbot.keyClick(review.table, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "已记录" in review.banner.text(), timeout=10000)
    harness.idle()
    assert "整张作废" in review.banner.text(), review.banner.text()
    with open_election_file(election, "t") as db:
        decision = count_store.open_decision(db, "unread-name")
        assert decision is not None
        assert decision.decided["void_reason"] == "over_vote"
        assert decision.decided["writeins"] == [
            {"column": 1, "name": "", "person": None, "mark": "agree", "illegible": True}
        ]
    _show_sheet(review, "unread-name")
    pending = review.pending.text()
    assert "另选第1栏：（姓名无法辨认） 赞成" in pending, pending
    assert "所选多于应选名额，整张作废" in pending, pending


def test_a_name_shared_by_a_candidate_from_outside_the_roster_is_asked_about_in_review(
    harness: Harness, counted_room: Fixture, tmp_path: Path, qtbot: QtBot
) -> None:
    """c05 陈静 printed by name only (from outside the roster); P005 陈静 on the roster is
    another person. The bare name typed in review went to c05 as a ○, and P005 picked from
    the roster list as well: the name is asked about, the roster pick stays P005's."""
    from tests.sheet_rows import insert_sheet

    election = copy_election(counted_room.election, tmp_path / "e.huanjie")
    with open_election_file(election, "t") as db:
        db.con.execute("UPDATE candidates SET person = NULL WHERE code = 'c05'")
        order = ballot_order(db, "WY", 1)
        insert_sheet(
            db,
            "namesake",
            "WY",
            1,
            marks(order, {"c01": "A"}),
            status="review",
            reasons=["writein"],
            writeins=[{"column": 1, "has_name": True, "mark": "agree"}],
        )
    review = _open_on_sheet(harness, qtbot, election, "namesake")
    qtbot.waitUntil(lambda: 1 in review.name_edits, timeout=10000)
    _enter_name(review, qtbot, "陈静")
    qtbot.waitUntil(lambda: "✗" in review.banner.text(), timeout=10000)
    said = review.banner.text()
    assert "P005" in said and "c05" in said and "不在名单上" in said, said
    harness.idle()
    with open_election_file(election, "t") as db:
        assert count_store.open_decision(db, "namesake") is None
    (picked,) = [n for n in review.roster_names if "P005" in n]
    _enter_name(review, qtbot, picked)
    qtbot.waitUntil(lambda: "已记录" in review.banner.text(), timeout=10000)
    harness.idle()
    with open_election_file(election, "t") as db:
        decision = count_store.open_decision(db, "namesake")
        assert decision is not None
        assert decision.decided["writeins"] == [
            {"column": 1, "name": "陈静", "person": "P005", "mark": "agree"}
        ]
        assert decision.decided["marks"][order.index("c05")] != "A"


def test_a_writein_name_that_would_print_blank_is_refused_in_review(
    harness: Harness, counted_room: Fixture, tmp_path: Path, qtbot: QtBot
) -> None:
    """'𠮷祥' typed for a name written in (𠮷, U+20BB7: neither shipped font has it) was
    recorded; elected, the certified 当选名单 printed ' 祥'. The desk says so, naming the
    character and what to do; picked from the roster, the roster's name is recorded."""
    from tests.sheet_rows import insert_sheet

    election = copy_election(counted_room.election, tmp_path / "e.huanjie")
    with open_election_file(election, "t") as db:
        order = ballot_order(db, "WY", 1)
        insert_sheet(
            db,
            "rare",
            "WY",
            1,
            marks(order, {"c01": "A"}),
            status="review",
            reasons=["writein"],
            writeins=[{"column": 1, "has_name": True, "mark": "agree"}],
        )
    review = _open_on_sheet(harness, qtbot, election, "rare")
    qtbot.waitUntil(lambda: 1 in review.name_edits, timeout=10000)
    _enter_name(review, qtbot, "𠮷祥")
    qtbot.waitUntil(lambda: "✗" in review.banner.text(), timeout=10000)
    said = review.banner.text()
    assert "“𠮷”(U+20BB7) 无法用随附字体打印" in said and "代表编号" in said, said
    harness.idle()
    with open_election_file(election, "t") as db:
        assert count_store.open_decision(db, "rare") is None
    (picked,) = [n for n in review.roster_names if "P010" in n]  # (no candidate)
    _enter_name(review, qtbot, picked)
    qtbot.waitUntil(lambda: "已记录" in review.banner.text(), timeout=10000)
    harness.idle()
    with open_election_file(election, "t") as db:
        decision = count_store.open_decision(db, "rare")
        assert decision is not None and decision.decided["writeins"][0]["person"] == "P010"


def test_a_confirmation_refused_for_what_was_decided_does_not_ask_for_another_person(
    harness: Harness, counted_room: Fixture, tmp_path: Path, qtbot: QtBot
) -> None:
    """Both images of one paper recorded as the duplicate scan: the second confirmation is
    refused for the decision (decide it by its marks) — the banner also said "请由作出决定者以外
    的监票人确认：点“换人确认…”", wrong here. Refused for who confirms, it still says it."""
    from huanjie_desktop.app import counting
    from huanjie_desktop.storage.sheets import hold_for_conflict
    from tests.sheet_rows import insert_sheet

    election = copy_election(counted_room.election, tmp_path / "e.huanjie")
    harness.open(election)
    scan = harness.page("count.scan", ScanPage)
    scan_and_wait(harness, scan, [counted_room.scans])
    with open_election_file(election, "t") as db:
        first = next(s for s in list_sheets(db, status="counted") if s.serial)
        with db.transaction() as con:
            hold_for_conflict(con, first.id, "serial_conflict", "同一防伪码")
        insert_sheet(
            db,
            "second-scan",
            "WY",
            1,
            first.marks,
            status="review",
            reasons=["serial_conflict"],
            serial=first.serial,
            station="一团",
        )
        for sheet in (first.id, "second-scan"):
            counting.decide(db, sheet, by="测试员", duplicate=True)
        counting.confirm(db, first.id, "罗兰")
    review = harness.page("count.review", ReviewPage)
    review.refresh()
    qtbot.waitUntil(lambda: review.item_for("second-scan") is not None, timeout=10000)
    _show_sheet(review, "second-scan")
    other = "请由作出决定者以外的监票人确认"
    review.confirm()  # by the one who decided: refused for who confirms
    harness.idle()
    assert "不能本人确认" in review.banner.text() and other in review.banner.text()
    review.ctx.set_operator("罗兰")
    review.confirm()  # by a scrutineer: refused for the decision
    harness.idle()
    said = review.banner.text()
    assert said.startswith("✗ ") and "没有另一张可计的选票记录" in said, said
    assert other not in said and "换人确认" not in said, said


def twelve_voters(path: Path, ballots: list[dict[str, str]], collected: int) -> Path:
    """An election file of 12 voters checked in, 3 seats, 5 candidates, and round 1 counted:
    ``ballots`` (candidate code → A/D/N), ``collected`` of them in the box."""
    data = rows_definition(people=12, seats=3, candidates=5)
    v = validate_definition(data, first_unprintable)
    assert v.definition is not None
    create_from_definition(path, v.definition, "测试员")
    with open_election_file(path, "测试员") as db:
        check_in(db, [p.code for p in repo.read_people(db)])
        order = ballot_order(db, "WY", 1)
        insert_counted(db, "WY", 1, [marks(order, b) for b in ballots], seats=3)
        set_box(db, "WY", 1, issued=collected, collected=collected)
    return path


def tie_election(path: Path) -> Path:
    """12 voters, 3 seats; agree votes 8, 8, 7, 7, 0 on ten ballots: a tie for the last seat."""
    groups = [
        (("c01", "c02", "c03"), 3),
        (("c01", "c02", "c04"), 3),
        (("c01", "c03", "c04"), 2),
        (("c02", "c03", "c04"), 2),
    ]
    codes = [f"c0{i}" for i in range(1, 6)]
    ballots = [
        {c: ("A" if c in chosen else "D") for c in codes} for chosen, n in groups for _ in range(n)
    ]
    return twelve_voters(path, ballots, 10)


def test_results_chart_marks_a_tie_and_opens_the_re_vote(
    harness: Harness, tmp_path: Path, qtbot: QtBot
) -> None:
    harness.open(tie_election(tmp_path / "tie.huanjie"))
    page = harness.page("count.results", ResultsPage)
    assert page.doc is not None and page.doc["status"] == "final"
    states = {b.name: b.state for b in page.chart.bars}
    assert sorted(states.values()) == ["elected", "elected", "not", "tie", "tie"]
    assert page.chart.threshold == 7 and page.chart.base == 12
    assert "至少 7 票" in page.summary.text()
    assert page.next_kind == "tie" and not page.next_button.isHidden()
    assert "得票相等" in page.next_text.text()
    tied = [cell(page.table, r, 6) for r in range(page.table.rowCount())]
    assert tied.count("得票相等，须再次投票") == 2
    page.chart.grab()  # paints without error

    assert harness.page("count.scan", ScanPage).round_number() == 1
    assert harness.page("count.reconcile", ReconcilePage).round_number() == 1
    page = harness.page("count.results", ResultsPage)
    qtbot.mouseClick(page.next_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.last_dialog is not None, timeout=10000)
    dialog = page.last_dialog
    assert dialog is not None and dialog.proposal.seats == 1
    assert len(dialog.proposal.candidates) == 2 and not dialog.proposal.created
    dialog.accept()
    qtbot.waitUntil(lambda: page.round_number() == 2, timeout=10000)
    assert "已开启第 2 轮" in page.banner.text()
    assert page.doc is not None and page.doc["seats"] == 1
    assert page.status_chip.text() == "临时结果"  # nothing counted yet
    outcomes = {cell(page.table, r, 6) for r in range(page.table.rowCount())}
    assert outcomes == {"尚未计票"}, outcomes  # (not "not over half" for everyone)
    # the pages that showed round 1 follow to the new round (round 1 is done with)
    scan = harness.page("count.scan", ScanPage)
    assert scan.round_number() == 2
    reconcile = harness.page("count.reconcile", ReconcilePage)
    assert reconcile.round_number() == 2
    # round 1, looked at again: its counts are what round 2 was opened on, fixed
    reconcile.round.setCurrentIndex(reconcile.round.findData(1))
    qtbot.waitUntil(lambda: "已开启第 2 轮" in reconcile.verdict.text(), timeout=10000)
    assert not reconcile.save_button.isEnabled() and not reconcile.issued_in.isEnabled()


def test_a_tie_re_vote_result_says_the_most_votes_elect(harness: Harness, tmp_path: Path) -> None:
    """A tie re-vote elects the most votes among those tied (each over the half in the round
    they tied in): 6 of 12 elects there; the page said it needed 7 and the loser was "not
    over half"."""
    from huanjie_desktop.app import counting

    path = tie_election(tmp_path / "tie.huanjie")
    with open_election_file(path, "测试员") as db:
        counting.open_round(db, "WY", "tie", confirm=True)
        order = ballot_order(db, "WY", 2)
        ballots = [{"c03": "A"}] * 6 + [{"c04": "A"}] * 4
        insert_counted(db, "WY", 2, [marks(order, b) for b in ballots], seats=1)
        set_box(db, "WY", 2, issued=10, collected=10)
    harness.open(path)
    page = harness.page("count.results", ResultsPage)
    assert page.round_number() == 2
    assert page.doc is not None and page.doc["status"] == "final"
    assert sorted(b.state for b in page.chart.bars) == ["elected", "fewer"]
    assert "得票多的当选" in page.summary.text() and "至少 7 票" not in page.summary.text()
    assert "再次投票不再要求过半数" in page.chart.threshold_text()
    outcomes = sorted(cell(page.table, r, 6) for r in range(page.table.rowCount()))
    assert outcomes == sorted(["当选", "再次投票得票较少，未当选"]), outcomes
    assert "未过半数" not in page.legend.text()
    page.chart.grab()  # paints without error


def test_a_preselection_result_says_selected_as_formal_candidates(
    harness: Harness, tmp_path: Path
) -> None:
    """预选: 6/4/4/1 of 9 for three places selects the three with most votes — no half
    line, no "未过半数，未当选", no 另行选举 offered (it showed one name elected and offered
    an 另行选举 of two seats)."""
    from tests.test_preselection import preselection_file, vote

    path = preselection_file(tmp_path, present=11)
    three = {"c01": "agree", "c02": "agree", "c03": "agree"}
    vote(path, [three] * 4 + [{"c01": "agree"}] * 2 + [{"c04": "agree"}] + [{}] * 2)
    harness.open(path)
    page = harness.page("count.results", ResultsPage)
    assert page.doc is not None and page.doc["status"] == "final"
    assert sorted(b.state for b in page.chart.bars) == ["selected"] * 3 + ["unselected"]
    outcomes = sorted(cell(page.table, r, 6) for r in range(page.table.rowCount()))
    assert outcomes == ["未入选"] + ["确定为正式候选人"] * 3, outcomes
    assert "预选" in page.summary.text() and "至少" not in page.summary.text()
    assert "不要求过半数" in page.chart.threshold_text()
    assert "过半数" not in page.legend.text() and "确定为正式候选人" in page.legend.text()
    assert page.next_kind is None and page.next_button.isHidden()
    assert "王小明、李娜、张伟" in page.next_text.text()
    page.chart.grab()  # paints without error


def test_a_provisional_result_says_nobody_is_decided_not_that_the_seats_are_full(
    harness: Harness, tmp_path: Path
) -> None:
    """10 of 11 collected sheets counted: the tally elects nobody, yet the two candidates over
    the line were labelled "过半数，但名额已满" and the rest "未过半数，未当选", as though the
    seats had been filled. A void round said the same."""
    ballot = {"c01": "A", "c02": "A", "c03": "D", "c04": "D", "c05": "D"}
    path = twelve_voters(tmp_path / "p.huanjie", [ballot] * 10, 11)
    harness.open(path)
    page = harness.page("count.results", ResultsPage)
    assert page.doc is not None and page.doc["status"] == "provisional"
    assert page.doc["elected"] == []
    outcomes = sorted(cell(page.table, r, 6) for r in range(page.table.rowCount()))
    assert outcomes == ["暂未过半数"] * 3 + ["过半数，暂不宣布当选"] * 2, outcomes
    assert {b.state for b in page.chart.bars} == {"over_so_far", "below_so_far"}
    legend = page.legend.text()
    assert "暂不宣布当选" in legend and "名额已满" not in legend and "未当选" not in legend
    page.chart.grab()  # paints without error

    # the same sheets with 发出 9, 收回 10: a void round, where nothing is decided either
    with open_election_file(path, "测试员") as db:
        set_box(db, "WY", 1, issued=9, collected=10)
    page.show_round()
    assert page.doc is not None and page.doc["status"] == "void"
    outcomes = [cell(page.table, r, 6) for r in range(page.table.rowCount())]
    assert set(outcomes) == {"本轮无效，不决定当选"}, outcomes


def test_results_say_to_check_a_collected_number_the_sheets_contradict(
    harness: Harness, tmp_path: Path
) -> None:
    """10 sheets counted, 收回 typed 11 against 发出 10: the page said the round was void and
    must be re-run."""
    path = twelve_voters(tmp_path / "typo.huanjie", [{"c01": "A"}] * 10, 10)
    with open_election_file(path, "测试员") as db:
        set_box(db, "WY", 1, issued=10, collected=11)
    harness.open(path)
    page = harness.page("count.results", ResultsPage)
    assert page.doc is not None and page.doc["status"] == "provisional"
    said = page.banner.text()
    assert "在案的选票只有 10 张" in said and "须重新投票" not in said, said
    assert page.status_chip.text() == "临时结果"


def test_reconcile_leads_with_a_collected_sheet_not_counted_in_amber(
    harness: Harness, tmp_path: Path
) -> None:
    """发出 11, 收回 10, 9 sheets counted (one refused, not rescanned yet): the verdict was a
    big green "收回 10 张，不多于发出 11 张：本轮投票有效", the missing sheet only in small
    grey print below — unlike the opposite case, more read than collected, said in amber."""
    path = twelve_voters(tmp_path / "m.huanjie", [{"c01": "A"}] * 9, 10)
    with open_election_file(path, "测试员") as db:
        set_box(db, "WY", 1, issued=11, collected=10)
    harness.open(path)
    page = harness.page("count.reconcile", ReconcilePage)
    said = page.verdict.text()
    assert said.startswith("还有 1 张收回的选票没有计入"), said
    assert "只扫描了 9 张" in said and "本轮投票有效" not in said, said
    assert page.verdict_tone == "warn"


def test_results_say_a_round_short_of_the_quorum_before_the_vote_waits(
    harness: Harness, tmp_path: Path
) -> None:
    """Check-in going on, nothing issued or counted: the page said 本轮投票无效 in red."""
    data = rows_definition(people=12, seats=3, candidates=5)
    v = validate_definition(data, first_unprintable)
    assert v.definition is not None
    path = tmp_path / "q.huanjie"
    create_from_definition(path, v.definition, "测试员")
    with open_election_file(path, "测试员") as db:
        check_in(db, ["P01", "P02", "P03"])
    harness.open(path)
    page = harness.page("count.results", ResultsPage)
    assert page.doc is not None and page.doc["status"] == "provisional"
    said = page.banner.text()
    assert "（实到 3，应到 12）尚未达到法定人数，还不能投票" in said, said
    assert "本轮投票无效" not in said and page.status_chip.text() == "临时结果"


def short_election(path: Path) -> Path:
    """12 voters, 3 seats; c01 elected with 12 votes, nobody else over half: 2 unfilled."""
    picks = [("c01", "c02")] * 6 + [("c01", "c03")] * 4 + [("c01", "c04")] * 2
    return twelve_voters(path, [dict.fromkeys(pick, "A") for pick in picks], 12)


def test_the_presidium_shortens_the_list_and_reduces_the_seats_of_a_supplementary_round(
    harness: Harness, tmp_path: Path, qtbot: QtBot
) -> None:
    """rules.md: the 另行选举 list is confirmed by the presidium, or the seats reduced by
    decision (recorded). The dialog offered the proposal as it was, or nothing."""
    harness.open(short_election(tmp_path / "short.huanjie"))
    page = harness.page("count.results", ResultsPage)
    assert page.next_kind == "supplementary"
    qtbot.mouseClick(page.next_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.last_dialog is not None, timeout=10000)
    dialog = page.last_dialog
    assert dialog is not None and dialog.proposal.seats == 2
    assert [k.code for k in dialog.proposal.candidates] == ["c02", "c03", "c04", "c05"]
    last = dialog.table.item(3, 0)
    assert last is not None
    assert last.text() in dialog.order.text()
    last.setCheckState(Qt.CheckState.Unchecked)  # c05, no vote: the presidium leaves them out
    assert last.text() not in dialog.order.text()  # (the ballot's order, as it will print)
    dialog.seats.setValue(1)
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    assert ok is not None
    qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
    assert dialog.isVisible() and "依据" in dialog.problem.text()  # the decision is needed
    dialog.decision.setText("主席团第三次会议决定")
    qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.round_number() == 2, timeout=10000)
    assert page.doc is not None and page.doc["seats"] == 1
    assert sorted(c["code"] for c in page.doc["candidates"]) == ["c02", "c03", "c04"]
    event = harness.ctx.db.con.execute(
        "SELECT detail FROM audit WHERE event = 'round.opened'"
    ).fetchone()
    assert "主席团第三次会议决定" in event[0] and '"seats_reduced_from":2' in event[0]


def test_the_presidium_adds_a_roster_person_to_a_supplementary_round(
    harness: Harness, tmp_path: Path, qtbot: QtBot
) -> None:
    """rules.md: the unelected are the default 另行选举 list, confirmed by the presidium. The
    dialog could only leave candidates out: nobody could be added."""
    harness.open(short_election(tmp_path / "short.huanjie"))
    page = harness.page("count.results", ResultsPage)
    qtbot.mouseClick(page.next_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.last_dialog is not None, timeout=10000)
    dialog = page.last_dialog
    assert dialog is not None and dialog.added.isVisibleTo(dialog)
    dialog.added.setText("P07")  # 赵强, on the roster, no candidate
    assert "另加主席团增加的候选人" in dialog.order.text()
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    assert ok is not None
    qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
    assert dialog.isVisible() and "依据" in dialog.problem.text()  # the decision is needed
    dialog.decision.setText("主席团第三次会议决定")
    # a name that is nobody's: the dialog closed, and the refusal came on the page, all that
    # was typed gone — it comes back, as typed, the reason in it
    dialog.added.setText("P07，不存在的人")
    qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "不存在的人" in dialog.problem.text(), timeout=10000)
    assert dialog.isVisible() and dialog.decision.text() == "主席团第三次会议决定"
    assert page.round_number() == 1
    dialog.added.setText("P07")
    qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.round_number() == 2, timeout=10000)
    assert page.doc is not None
    assert "赵强" in [c["name"] for c in page.doc["candidates"]]
    event = harness.ctx.db.con.execute(
        "SELECT detail FROM audit WHERE event = 'round.opened'"
    ).fetchone()
    assert '"candidates_added"' in event[0] and "P07" in event[0]


@pytest.fixture
def english(qtbot: QtBot) -> Iterator[None]:
    """The interface in English (the pages made after this speak it)."""
    from PySide6.QtWidgets import QApplication

    from huanjie_desktop.gui.i18n import install_translators

    app = QApplication.instance()
    assert isinstance(app, QApplication)
    installed = install_translators(app, "en")
    yield
    for t in installed:
        app.removeTranslator(t)


@pytest.fixture
def app_font(qtbot: QtBot) -> Iterator[None]:
    """The app's own font and style, as it runs (what fits on a screen depends on them)."""
    from PySide6.QtWidgets import QApplication

    from huanjie_desktop.gui.fonts import install_app_font

    app = QApplication.instance()
    assert isinstance(app, QApplication)
    font, style = app.font(), app.style().name()
    install_app_font(app)
    yield
    app.setFont(font)
    app.setStyle(style)


def test_results_table_shows_each_outcome_in_full_in_english(
    english: None, harness: Harness, tmp_path: Path
) -> None:
    """On a laptop's screen the outcome column's English words ("Not over half: not
    elected") were cut short while the chart beside the table had room to spare: the table
    takes the width its words need (up to 55 % of the page)."""
    harness.window.resize(1200, 768)
    harness.open(tie_election(tmp_path / "tie.huanjie"))
    page = harness.page("count.results", ResultsPage)
    assert page.doc is not None and page.table.rowCount() == 5
    outcomes = [cell(page.table, r, 6) for r in range(page.table.rowCount())]
    assert all(t and not any("\u4e00" <= ch <= "\u9fff" for ch in t) for t in outcomes), outcomes
    assert page.table.columnWidth(6) >= page.table.sizeHintForColumn(6)
    assert page.split.sizes()[0] >= 0.45 * sum(page.split.sizes())  # the chart keeps its room


def test_the_results_outcomes_wrap_whole_at_1024_in_english(
    english: None, app_font: None, harness: Harness, tmp_path: Path
) -> None:
    """At 1024 × 768 in English the outcome column was cut to "Not over half: not …" (the
    table had its 65 % of the page, the chart beside it the rest): the words go on to a
    second line and the row grows — every outcome is there whole, none cut (a count of 248
    voters with a person written in: the widths of the demo election's)."""
    harness.window.resize(1024, 768)
    harness.open(crowded_election(tmp_path / "crowded.huanjie"))
    page = harness.page("count.results", ResultsPage)
    table = page.table
    assert page.doc is not None and table.rowCount() == 23
    harness.qtbot.wait(100)
    margin = table.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, table) + 1
    room = table.columnWidth(6) - 2 * margin
    for r in range(table.rowCount()):
        item = table.item(r, 6)
        assert item is not None and item.text() and not has_chinese(item.text())
        need = QFontMetrics(item.font()).boundingRect(
            QRect(0, 0, room, 10000), int(Qt.TextFlag.TextWordWrap), item.text()
        )
        assert need.width() <= room, (item.text(), need.width(), room)
        assert need.height() <= table.rowHeight(r), (item.text(), need, table.rowHeight(r))


def test_the_review_header_and_list_are_whole_at_1024(
    english: None,
    app_font: None,
    harness: Harness,
    counted_room: Fixture,
    tmp_path: Path,
    qtbot: QtBot,
) -> None:
    """At 1024 × 768 in English the review page's title ran to three lines and "Show
    confirmed" and "Take out of count…" were cut at the right edge; the list of doubtful
    sheets was some 90 px wide, each file name cut to "scan-0016…". Now the contest and its
    counts go under the title when the line is too short, and the list keeps a file name's
    width (a longer name shortened in the middle, whole in the entry's tooltip)."""
    harness.ctx.lang = "en"
    election = copy_election(counted_room.election, tmp_path / "e.huanjie")
    harness.open(election)
    scan_and_wait(harness, harness.page("count.scan", ScanPage), [counted_room.scans])
    review = harness.page("count.review", ReviewPage)
    harness.idle()
    assert review.queue.count() > 0
    for width in (1024, 1366):
        harness.window.resize(width, 768)
        qtbot.wait(100)
        title = review.title
        assert title.width() >= title.fontMetrics().horizontalAdvance(title.text()), width
        for w in (review.show_done, review.withdraw_button, review.todo_chip, review.contest):
            assert w.width() >= w.minimumSizeHint().width(), (width, w)
            right = w.mapTo(review, w.rect().topRight()).x()
            assert right <= review.contentsRect().right(), (width, w, right)
        fm = review.queue.fontMetrics()
        room = review.queue.viewport().width()
        for i in range(review.queue.count()):
            entry = review.queue.item(i)
            name = Path(str((review.items + review.done_items)[i].get("file"))).name
            assert fm.horizontalAdvance(name) <= room, (width, name, room)
            assert name in entry.toolTip()


def crowded_election(path: Path) -> Path:
    """248 voters checked in and 28 ballots counted: 22 candidates for 19 seats, every one
    far below the line, and a person written in — the count the chart's labels were cut on
    ("24 (half of 248)" for "above 124 (half of 248)")."""
    data = rows_definition(people=248, seats=19, candidates=22)
    v = validate_definition(data, first_unprintable)
    assert v.definition is not None
    create_from_definition(path, v.definition, "测试员")
    codes = [f"c{i + 1:02d}" for i in range(22)]
    with open_election_file(path, "测试员") as db:
        check_in(db, [p.code for p in repo.read_people(db)])
        order = ballot_order(db, "WY", 1)
        for j in range(28):
            chosen = {codes[(j + t) % 22]: "A" for t in range(18 if j == 0 else 19)}
            ws = (
                [{"column": 1, "name": person_name(29), "person": "P30", "mark": "agree"}]
                if j == 0
                else []
            )
            insert_sheet(
                db, f"s1-{j:04d}", "WY", 1, marks(order, chosen), seats=19, final_writeins=ws
            )
        set_box(db, "WY", 1, issued=28, collected=28)
    return path


def chart_labels_apart(page: ResultsPage) -> None:
    """Every text of the results chart is whole, inside the chart and clear of the others."""
    from PySide6.QtGui import QFont, QFontMetrics

    chart = page.chart
    plan = chart.plan(chart.width(), chart.height())
    assert chart.height() >= plan.height  # (the scroll area holds it all)
    inside = QRectF(chart.rect())
    (threshold,) = [t for t in plan.texts if t.kind == "threshold"]
    # (whole: broken after its colon, if at all — "124" with the words before it)
    assert (
        re.sub(
            r"(:|：)\n", lambda m: m.group(1) + (" " if m.group(1) == ":" else ""), threshold.text
        )
        == chart.threshold_text()
    )
    assert any(t.kind == "seats" for t in plan.texts)
    assert len([t for t in plan.texts if t.kind == "votes"]) == len(chart.bars) == 23
    for i, t in enumerate(plan.texts):
        assert inside.contains(t.rect), (t.kind, t.text, t.rect, inside)
        font = QFont(chart.font())
        font.setBold(t.bold)
        wanted = QFontMetrics(font).boundingRect(0, 0, int(t.rect.width()), 100000, t.flags, t.text)
        assert wanted.width() <= t.rect.width() + 0.5, (t.text, wanted, t.rect)
        assert wanted.height() <= t.rect.height() + 0.5, (t.text, wanted, t.rect)
        for u in plan.texts[i + 1 :]:
            assert not t.rect.intersects(u.rect), (t.text, t.rect, u.text, u.rect)


def chart_at_screen_widths(harness: Harness, tmp_path: Path) -> None:
    harness.open(crowded_election(tmp_path / "crowded.huanjie"))
    page = harness.page("count.results", ResultsPage)
    assert page.doc is not None and page.doc["base"] == 248 and page.doc["threshold"] == 125
    for width in (1366, 1024):
        harness.window.resize(width, 768)
        harness.idle()
        harness.qtbot.wait(50)
        chart_labels_apart(page)
        # (the table given the most it takes: the chart at its narrowest)
        total = sum(page.split.sizes())
        page.split.setSizes([int(total * 0.35), total - int(total * 0.35)])
        harness.qtbot.wait(50)
        chart_labels_apart(page)
    page.chart.grab()  # paints without error


def test_the_results_charts_labels_are_whole_and_apart_in_chinese(
    app_font: None, harness: Harness, tmp_path: Path
) -> None:
    """At 1024 px the more-than-half line's label was centred on the line at a negative x —
    "过半数线：" cut off; the "↑ 应选 19 名" cut-off label was drawn over the words of the
    bar above it; the outcome beside the bars was cut at the chart's edge."""
    chart_at_screen_widths(harness, tmp_path)


def test_the_results_charts_labels_are_whole_and_apart_in_english(
    english: None, app_font: None, harness: Harness, tmp_path: Path
) -> None:
    """English, 1024 px: "…24 (half of 248), i.e. at least 125 votes" — the words before it
    and the "1" of 124 cut off, and "Not over half:" cut at the chart's edge."""
    chart_at_screen_widths(harness, tmp_path)


def test_the_contest_chooser_keeps_a_long_titles_code_in_view(
    english: None, harness: Harness, tmp_path: Path
) -> None:
    """English Papers page at 1366: the contest chooser cut a long title at its end
    ("…第六届委员会候补委员（"), its code hidden. Shortened in the middle, the code stays."""
    data = rows_definition(people=12, seats=3, candidates=5)
    data["contests"][0]["title"] = "中国共产党株洲市天元区第六届委员会候补委员会委员选举"
    v = validate_definition(data, first_unprintable)
    assert v.definition is not None
    path = tmp_path / "long.huanjie"
    create_from_definition(path, v.definition, "测试员")
    harness.open(path)
    for key in ("count.papers", "count.results", "count.review"):
        page = harness.window.show_page(key)
        assert isinstance(page, PapersPage | ResultsPage | ReviewPage)
        harness.idle()
        combo = page.contest
        combo.setCurrentIndex(combo.findData("WY"))  # (the review page: all contests first)
        harness.idle()
        # (as narrow as the box was on the screen: the room it gets depends on the fonts)
        combo.setFixedWidth(300)
        full = combo.currentText()
        assert full.endswith("（WY）"), full
        # (as the box shows it: a plain combo box shows it all, or cut at its end)
        shown = getattr(combo, "shown_text", combo.currentText)()
        assert shown.endswith("（WY）") and shown.startswith("中国共产党"), (key, shown)
        fits = combo.fontMetrics().horizontalAdvance(shown) <= combo.width() - 20
        assert fits, (key, shown, combo.width())
        combo.repaint()
        assert combo.toolTip() == full  # (the whole title, on pointing at it)


def test_the_english_scan_banner_counts_one_ballot_back(
    english: None, harness: Harness, counted_room: Fixture, tmp_path: Path
) -> None:
    """The banner said "Also 1 ballot backs"."""
    folder = tmp_path / "duplex"
    folder.mkdir()
    front = sorted(counted_room.scans.glob("*.jpg"))[0]
    shutil.copy(front, folder / "0001.jpg")
    page = cv2.imread(str(front), cv2.IMREAD_GRAYSCALE)
    assert page is not None
    cv2.imwrite(str(folder / "0002.png"), np.full(page.shape, 250, np.uint8))  # a blank back
    harness.open(copy_election(counted_room.election, tmp_path / "e.huanjie"))
    scan = harness.page("count.scan", ScanPage)
    scan_and_wait(harness, scan, [folder])
    said = scan.banner.text()
    assert "Also 1 ballot back(s): pages that are no ballot" in said, said
    assert "ballot backs" not in said, said


def troubled_batch(counted_room: Fixture, folder: Path) -> Path:
    """Two good sheets, the first again (a duplicate), a text file named .jpg, a sheet fed
    face down (its long reason), a blank back."""
    from tests.test_scan import seen_through

    folder.mkdir()
    for name in ("scan-0001.jpg", "scan-0002.jpg"):
        shutil.copy(counted_room.scans / name, folder / name)
    shutil.copy(counted_room.scans / "scan-0001.jpg", folder / "y-again.jpg")
    (folder / "notes.jpg").write_bytes(b"not a picture")
    front = np.asarray(
        cv2.imread(str(counted_room.scans / "scan-0003.jpg"), cv2.IMREAD_GRAYSCALE), np.uint8
    )
    cv2.imwrite(str(folder / "facedown.jpg"), seen_through(front, 0.3, upside_down=True))
    # (the back of scan-0002, scanned after it)
    cv2.imwrite(str(folder / "scan-0002b.png"), np.full(front.shape, 250, np.uint8))
    return folder


def has_chinese(text: str) -> bool:
    return any("\u4e00" <= ch <= "\u9fff" for ch in text)


def test_the_rejected_list_says_what_it_holds_and_follows_the_current_row(
    english: None,
    app_font: None,
    harness: Harness,
    counted_room: Fixture,
    tmp_path: Path,
    qtbot: QtBot,
) -> None:
    """English scan page: a text file named .jpg showed "not an image or PDF file · 不是图像或
    PDF文件" (the picture's note was always Chinese; in Chinese the reason came twice); the
    list's heading said "(5)" beside 3 rejected and 1 duplicate — the fifth a blank back,
    labelled "Rejected" when shown; and only a mouse click showed a row's picture: ↑/↓
    left the previous sheet's."""
    harness.ctx.lang = "en"
    harness.window.resize(1024, 768)
    harness.open(copy_election(counted_room.election, tmp_path / "e.huanjie"))
    page = harness.page("count.scan", ScanPage)
    scan_and_wait(harness, page, [troubled_batch(counted_room, tmp_path / "batch")])
    assert page.counts["rejected"] == 2 and page.counts["duplicate"] == 1
    assert page.counts["back"] == 1
    title = page.rejected_title.text()
    assert "rejected: 2, duplicates: 1, backs: 1" in title, title
    files = [Path(r.file).name for r in page.model.rows]
    assert sorted(files) == ["facedown.jpg", "notes.jpg", "scan-0002b.png", "y-again.jpg"]

    def shows(sheet: str) -> None:
        qtbot.waitUntil(
            lambda: page.picture is not None and page.picture.sheet == sheet, timeout=10000
        )

    def choose(name: str) -> None:
        row = files.index(name)
        page.table.setCurrentIndex(page.model.index(row, 0))
        shows(page.model.rows[row].sheet)

    choose("notes.jpg")
    caption = page.last_caption.text()
    assert caption.count("not an image or PDF file") == 1, caption
    assert not has_chinese(caption) and not has_chinese(page.last_image.text()), caption
    assert page.last_chip.text() == "Rejected"
    choose("scan-0002b.png")
    assert page.last_chip.text() == "Ballot back"  # (not "Rejected": it is no ballot)
    choose("y-again.jpg")
    assert page.last_chip.text() == "Duplicate"
    # ↑/↓ from the keyboard: the picture follows the current row
    page.table.setFocus()
    first = page.table.currentIndex().row()
    keys = (Qt.Key.Key_Up, Qt.Key.Key_Down) if first > 0 else (Qt.Key.Key_Down, Qt.Key.Key_Up)
    for key in (*keys, keys[0]):
        before = page.table.currentIndex().row()
        qtbot.keyClick(page.table, key)
        row = page.table.currentIndex().row()
        assert row != before
        shows(page.model.rows[row].sheet)


def test_the_last_sheets_words_and_picture_never_cover_each_other_at_1024(
    english: None,
    app_font: None,
    harness: Harness,
    counted_room: Fixture,
    tmp_path: Path,
    qtbot: QtBot,
) -> None:
    """English, 1024 × 768: a sheet fed face down (a reason of six lines) — its picture
    covered the colour legend and the caption was cut. The caption is shown whole, the
    picture below it and the legend (shown only for a sheet read, whose boxes are coloured)
    below that; when the words need more room than there is, the pane scrolls."""
    from dataclasses import replace

    harness.ctx.lang = "en"
    harness.window.resize(1024, 768)
    harness.open(copy_election(counted_room.election, tmp_path / "e.huanjie"))
    page = harness.page("count.scan", ScanPage)
    scan_and_wait(harness, page, [troubled_batch(counted_room, tmp_path / "batch")])
    qtbot.waitUntil(lambda: bool(page.picture and page.picture.calls), timeout=10000)
    read = page.picture
    assert read is not None

    def laid_out_apart() -> None:
        harness.idle()
        qtbot.wait(50)  # (the layout settles)
        caption, picture, legend = page.last_caption, page.last_image, page.legend
        assert caption.height() >= caption.heightForWidth(caption.width()), caption.text()
        assert caption.geometry().bottom() < picture.geometry().top()
        assert picture.height() >= picture.minimumHeight()
        if legend.isVisible():
            assert picture.geometry().bottom() < legend.geometry().top()
            assert legend.height() >= legend.heightForWidth(legend.width())

    row = [Path(r.file).name for r in page.model.rows].index("facedown.jpg")
    page.table.scrollTo(page.model.index(row, 0))
    rect = page.table.visualRect(page.model.index(row, 0))
    qtbot.mouseClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.waitUntil(
        lambda: page.picture is not None and "facedown" in page.picture.file, timeout=10000
    )
    assert "not counted" in page.last_caption.text()
    laid_out_apart()
    assert not page.legend.isVisible()  # (no boxes drawn on a page shown as scanned)
    # a sheet read, its boxes coloured, with many reasons: the legend is shown, and kept clear
    many = ("unclear_mark", "writein", "writing_elsewhere", "mark_beside_box", "faded_print")
    page.show_picture(replace(read, reasons=many))
    assert page.legend.isVisible()
    laid_out_apart()


def test_a_void_reason_chosen_in_english_is_recorded_in_chinese(
    english: None, harness: Harness, counted_room: Fixture, tmp_path: Path, qtbot: QtBot
) -> None:
    """A reason offered, picked in the English interface, was stored as its English words and
    shown so in the Chinese records (整张作废（Marks that identify the voter）): it is stored in
    Chinese and said back in English here; a reason typed is kept as typed."""
    election = copy_election(counted_room.election, tmp_path / "e.huanjie")
    harness.open(election)
    scan = harness.page("count.scan", ScanPage)
    scan_and_wait(harness, scan, [counted_room.scans])
    review = harness.page("count.review", ReviewPage)
    assert review.current is not None and len(review.items) >= 2
    sheets = [str(review.current["sheet"])]
    qtbot.keyClick(review.table, Qt.Key.Key_V)
    review.void_reason.setCurrentIndex(0)
    assert review.void_reason.currentText() == "Marks that identify the voter"
    review.record()
    qtbot.waitUntil(lambda: "recorded" in review.banner.text(), timeout=10000)
    harness.idle()
    assert review.current is not None and review.current["sheet"] != sheets[0]
    sheets.append(str(review.current["sheet"]))
    qtbot.keyClick(review.table, Qt.Key.Key_V)
    line = review.void_reason.lineEdit()
    assert line is not None
    line.setText("Torn in two")
    review.record()
    qtbot.waitUntil(lambda: "recorded" in review.banner.text(), timeout=10000)
    harness.idle()
    with open_election_file(election, "t", migrate=False) as db:
        stored = [count_store.open_decision(db, sheet) for sheet in sheets]
    assert [d.decided.get("void_reason") if d else None for d in stored] == [
        "有可识别投票人的记号",
        "Torn in two",
    ]
    _show_sheet(review, sheets[0])
    assert "void sheet (Marks that identify the voter)" in review.pending.text()


def test_review_explains_a_dark_band_as_a_shadow_not_a_pen_line(qtbot: Any) -> None:
    from huanjie_desktop.gui.pages.review import explain_target

    targets = {
        "c01.mark": {"call": "unclear", "why": "line", "ink_mm2": 30.0, "dark_band_mm": 3.5},
        "c02.mark": {"call": "unclear", "why": "line", "ink_mm2": 4.0, "pen_line": 0.9},
    }
    band, raw = explain_target(targets, "c01")
    line, _ = explain_target(targets, "c02")
    assert "深色带" in band and "dark_band_mm" in raw
    assert "深色带" not in line and "只有一条线" in line


def test_review_explains_a_box_whose_place_a_bent_sheet_hid(qtbot: Any) -> None:
    from huanjie_desktop.gui.pages.review import explain_target

    targets = {"c03.mark": {"call": "unclear", "why": "place", "place_unconfirmed": 1.0}}
    text, raw = explain_target(targets, "c03")
    assert "纸张变形，方框位置未能确认" in text and "place_unconfirmed" in raw


def test_review_says_a_box_was_read_again_in_a_folds_shadow(qtbot: Any) -> None:
    from huanjie_desktop.gui.pages.review import explain_target

    targets = {
        "c04.mark": {"call": "unclear", "why": "faint", "ink_mm2": 1.1, "shadow": 0.15},
        "c05.mark": {"call": "circle", "ink_mm2": 12.0, "shadow": 0.15},
    }
    doubtful, raw = explain_target(targets, "c04")
    read_, _ = explain_target(targets, "c05")
    assert "折痕的阴影" in doubtful and '"shadow": 0.15' in raw
    assert "折痕的阴影" not in read_


def test_a_back_with_writing_holds_its_front_on_the_scan_page(
    harness: Harness, tmp_path: Path
) -> None:
    """Duplex: the back of the second ballot has a name written on it. The page lists the
    back with what to do, the cards count its front as held, and the last sheet shown (that
    front, counted when it was read) says 待审核 — it said 已计入."""
    from PIL import Image

    from bench import corpus
    from tests.test_recognition import PPM, print_all

    printed = print_all(tmp_path / "p", sheets=3)
    rng = np.random.default_rng(5)
    h, w = printed.pages["SY"][0].shape
    blank = np.full((h, w), 248, np.uint8)
    back = blank.copy()
    corpus.write_name(back, (150 * PPM, 268 * PPM, 174 * PPM, 277 * PPM), PPM, rng)
    sheets = [printed.pages["SY"][0], blank, printed.pages["SY"][1], back]
    pages = [Image.fromarray(x) for x in sheets]
    folder = tmp_path / "scans"
    folder.mkdir()
    pages[0].save(folder / "scan.pdf", save_all=True, append_images=pages[1:], resolution=150)
    harness.open(printed.path)
    page = harness.page("count.scan", ScanPage)
    scan_and_wait(harness, page, [folder])
    assert (page.counts["counted"], page.counts["review"]) == (1, 1)
    # (the two backs are no rejected ballots: counted + review + rejected = collected)
    assert (page.counts["rejected"], page.counts["back"]) == (0, 2)
    assert "选票背面 2 页" in page.banner.text()
    assert page.last_chip.text() == "待审核"
    reasons = [r.reasons for r in page.model.rows]
    assert ("writing_on_back",) in reasons and ("blank_page",) in reasons
    review = harness.page("count.review", ReviewPage)
    harness.idle()
    assert "背面有字迹" in review.why.text() and "scan.pdf 第 4 页" in review.why.text()
    # The back itself, as scanned, a key away: the scrutineer decides on what is written there.
    assert review.back_button.isVisible() and not review.back_button.isChecked()
    front = review.focus.source_size()
    assert review.handle_key(Qt.Key.Key_B)
    harness.qtbot.waitUntil(lambda: review.back is not None, timeout=10000)
    harness.idle()
    assert review.back is not None and not review.back[0].isNull()
    zoomed, whole, caption = review.back
    assert "scan.pdf 第4页" in caption and review.focus.has_image()

    def dark_share(img: QImage) -> float:
        g = img.convertToFormat(QImage.Format.Format_Grayscale8)
        seen = [
            QColor(g.pixel(x, y)).value() < 128
            for y in range(0, g.height(), 3)
            for x in range(0, g.width(), 3)
        ]
        return sum(seen) / len(seen)

    # the whole back: a page with a name written on it and no ballot, nearly all paper; the
    # zoomed part is that name, the page's corner round it (written 150–174 mm across)
    assert dark_share(whole) < 0.01 < dark_share(zoomed)
    assert whole.height() > whole.width() and zoomed.width() < 0.5 * whole.width() * 900 / 1400
    assert review.focus.source_size() == zoomed.size() and review.page_image.has_image()
    assert review.handle_key(Qt.Key.Key_B) and not review.back_button.isChecked()
    assert review.focus.source_size() == front


def test_an_over_vote_the_voter_corrected_is_said_before_it_is_recorded(
    harness: Harness, tmp_path: Path
) -> None:
    """4 ○ for 3 seats and a × over one name: held for a person. Enter recorded the
    machine's reading — void — and said so only afterwards; now the page says it while the
    decision stands so, and stops saying it once the crossed-out name is set to abstain."""
    from bench import corpus
    from tests.test_recognition import PPM, box_px, marked, print_all

    printed = print_all(tmp_path / "p", sheets=1)
    lay = printed.layouts["SY"]
    kinds = dict.fromkeys(("c01", "c02", "c03", "c04"), "circle")
    img = marked(printed.pages["SY"][0], lay, kinds, 5)
    x0, y0, x1, y1 = lay.extra["cells"]["c02"]["print"][0]
    big = (x0 - 2.5, y0 - 2.5, x1 + 2.5, y1 + 2.5)
    corpus.draw_kind(img, "cross_big", box_px(big), PPM, np.random.default_rng(1))
    folder = tmp_path / "scans"
    folder.mkdir()
    _ok, data = cv2.imencode(".png", img)
    (folder / "s.png").write_bytes(data.tobytes())
    harness.open(printed.path)
    page = harness.page("count.scan", ScanPage)
    scan_and_wait(harness, page, [folder])
    assert page.counts["review"] == 1
    review = harness.page("count.review", ReviewPage)
    harness.idle()
    assert review.over_hint.isVisible() and "多于应选 3 名" in review.over_hint.text()
    row = next(i for i, t in enumerate(review.targets) if t.key == "c02")
    review.set_mark("abstain", row)
    assert not review.over_hint.isVisible()


def test_a_name_circled_instead_of_its_box_waits_for_a_decision_before_enter_records(
    harness: Harness, tmp_path: Path, qtbot: QtBot
) -> None:
    """The voter circled 张明华's name and left the box empty: held as a mark beside a box.
    The page's 决定 column said 弃权 as if decided, one Enter recorded it, and the scrutineer
    was shown "按机器读出的计入". Now the row says ？请决定, Enter is refused until the
    person says the mark (3, abstain, here), and the scrutineer is shown that decision."""
    from bench import corpus
    from tests.test_recognition import PPM, marked, print_all

    printed = print_all(tmp_path / "p", sheets=1)
    lay = printed.layouts["SY"]
    img = marked(printed.pages["SY"][0], lay, {"c01": "circle", "c02": "circle"}, 5)
    corpus.draw_beside(img, lay, "c03", "ring_name", PPM, np.random.default_rng(0))
    folder = tmp_path / "scans"
    folder.mkdir()
    _ok, data = cv2.imencode(".png", img)
    (folder / "s.png").write_bytes(data.tobytes())
    harness.open(printed.path)
    scan_and_wait(harness, harness.page("count.scan", ScanPage), [folder])
    review = harness.page("count.review", ReviewPage)
    harness.idle()
    assert review.current is not None and "mark_beside_box" in review.current["reasons"]
    sheet = str(review.current["sheet"])
    row = next(i for i, t in enumerate(review.targets) if t.key == "c03")
    assert review.targets[row].machine == "abstain"
    assert review.table.currentRow() == row  # (the desk starts on it)
    assert cell(review.table, row, 3) == "？请决定", cell(review.table, row, 3)
    qtbot.keyClick(review.table, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "没有决定" in review.banner.text(), timeout=10000)
    assert "张明华" in review.banner.text(), review.banner.text()
    harness.idle()
    with open_election_file(printed.path, "t", migrate=False) as db:
        assert count_store.open_decision(db, sheet) is None
    review.table.selectRow(row)
    qtbot.keyClick(review.table, Qt.Key.Key_3)
    assert cell(review.table, row, 3) == "弃权"
    qtbot.keyClick(review.table, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "已记录" in review.banner.text(), timeout=10000)
    harness.idle()
    with open_election_file(printed.path, "t", migrate=False) as db:
        d = count_store.open_decision(db, sheet)
    assert d is not None and d.decided["valid"]
    # the scrutineer at the desk: what they confirm names the circled name's decision
    review.ctx.set_operator("罗兰")
    assert review.current is not None and review.current["sheet"] == sheet
    pending = review.pending.text()
    assert "按机器读出的计入" not in pending, pending
    assert "张明华 弃权（方格外有笔迹） → 弃权" in pending, pending
    assert cell(review.table, row, 3) == "弃权"


def test_the_results_page_writes_the_plenary_workbook(harness: Harness, tmp_path: Path) -> None:
    """A committee elected: the results page writes the workbook of the new committee's
    plenary (常委, 书记), its roster the members elected — the command line only did."""
    from huanjie_desktop.reports.workbook import read_definition_workbook
    from tests.sheet_rows import (
        ballot_order,
        check_in,
        insert_counted,
        make_election,
        marks,
        open_db,
        set_box,
    )

    path = make_election(tmp_path / "c.huanjie")
    db = open_db(path)
    try:
        check_in(db)
        order = ballot_order(db, "WY", 1)
        rows = [{"c01": "A", "c02": "A", "c03": "A"}] * 9 + [{"c04": "A"}] * 3
        insert_counted(db, "WY", 1, [marks(order, r) for r in rows], 3)
        set_box(db, "WY", 1, 12, 12)
    finally:
        db.close()
    harness.open(path)
    page = harness.page("count.results", ResultsPage)
    harness.idle()
    assert page.plenary_button.isVisible()
    out = tmp_path / "plenary.xlsx"
    page.save_plenary("WY", out)
    harness.idle()
    assert "全委会定义表" in page.banner.text() and out.exists()
    data, _ = read_definition_workbook(out)
    assert len(data["people"]) == 3 and data["election"]["name"].endswith("第一次全体会议")


def test_the_results_page_names_a_station_that_sent_its_count_part_way(qtbot: QtBot) -> None:
    """A station whose latest package does not state it has finished counting: the results
    said "final" and nothing of the ballots counted there since (3 of them certified away)."""
    from huanjie_desktop.gui.pages.results import reason_words

    doc = {
        "contest": "WY",
        "round": 1,
        "status": "final",
        "reasons": [],
        "warnings": ["stations_unfinished"],
        "stations_unfinished": ["一团"],
    }
    said = " ".join(reason_words(doc, "/data/e.huanjie"))
    assert "分团计票机“一团”交来的是中途的计票结果" in said and "--done" in said, said


def test_the_results_page_says_a_round_waiting_for_a_station_elects_nobody(qtbot: QtBot) -> None:
    """A station laptop still out keeps the round provisional (``stations_waiting``): the
    results page says which station, that nobody is elected meanwhile, and what to do — its
    package, or certifying without a broken laptop."""
    from huanjie_desktop.gui.pages.results import reason_words, status_words

    doc = {
        "contest": "WY",
        "round": 1,
        "status": "provisional",
        "reasons": ["stations_waiting"],
        "warnings": ["stations_silent", "stations_unfinished"],
        "stations_silent": ["二团"],
        "stations_unfinished": ["一团"],
    }
    said = " ".join(reason_words(doc, "/data/e.huanjie"))
    assert "本轮还在等分团计票机“二团、一团”交来计票结果" in said, said
    assert "不宣布任何人当选" in said and "huanjie results import" in said, said
    assert "--contest WY --round 1" in said and "--without-station 二团" in said, said
    assert status_words(doc)[1] == "warn"


def test_the_results_page_says_a_silent_station_s_clock_is_ahead(qtbot: QtBot) -> None:
    """A station whose --done package was dated later than its import (its clock ahead):
    the results page named it silent without saying why, nor what sets it right."""
    from huanjie_desktop.gui.pages.results import reason_words

    doc = {
        "contest": "WY",
        "round": 1,
        "status": "provisional",
        "reasons": [],
        "warnings": ["stations_silent"],
        "stations_silent": ["三团"],
        "stations_clock_ahead": ["三团"],
    }
    said = " ".join(reason_words(doc, "/data/e.huanjie"))
    assert "“三团”的结果包声明了计票完毕" in said and "时钟比本机快" in said, said


def test_a_box_reported_twice_is_said_with_the_command_as_it_runs(qtbot: QtBot) -> None:
    """The results page's words on a box two stations reported gave a command that failed as
    written (no election file, no --contest), and the figures without saying which was
    issued and which collected."""
    from huanjie_desktop.gui.pages.results import reason_words

    doc = {
        "contest": "WY",
        "round": 1,
        "status": "provisional",
        "reasons": ["box_reported_twice"],
        "boxes_twice": [
            {
                "box": "箱1",
                "reports": [
                    {"station": "一团", "issued": 4, "collected": 4},
                    {"station": "一团-2", "issued": 4, "collected": 3},
                ],
            }
        ],
    }
    said = " ".join(reason_words(doc, "/data/e.huanjie"))
    assert 'box-resolve "/data/e.huanjie" --contest WY --round 1 --box 箱1' in said, said
    assert "一团-2 发出 4 张、收回 3 张" in said, said
    assert said.index("--take") < said.index("--both"), said
    # the name an unnamed box was given, from two delegations: two boxes most likely, and
    # --both is said first (--take first dropped one delegation's real box)
    doc["boxes_twice"] = [
        {
            "box": "1",
            "reports": [
                {"station": "一团", "issued": 4, "collected": 4},
                {"station": "二团", "issued": 3, "collected": 3},
            ],
        }
    ]
    said = " ".join(reason_words(doc, "/data/e.huanjie"))
    assert "默认的名称" in said and said.index("--both") < said.index("--take"), said


def _show_sheet(review: ReviewPage, sheet: str) -> None:
    """Select ``sheet`` in the review page's queue, as a click on it does."""
    review.queue.setCurrentRow(
        next(
            i for i in range(review.queue.count()) if review.queue.item(i).data(SHEET_ROLE) == sheet
        )
    )


def _open_on_sheet(harness: Harness, qtbot: QtBot, election: Path, sheet: str) -> ReviewPage:
    """The election opened on its review page, ``sheet`` listed and shown."""
    harness.open(election)
    review = harness.page("count.review", ReviewPage)
    review.refresh()
    qtbot.waitUntil(lambda: review.item_for(sheet) is not None, timeout=10000)
    _show_sheet(review, sheet)
    return review


def _enter_name(review: ReviewPage, qtbot: QtBot, name: str) -> None:
    """A name typed in the first write-in column, and Return pressed on the table."""
    review.name_edits[1].setText(name)
    review.table.setFocus()
    qtbot.keyClick(review.table, Qt.Key.Key_Return)


def test_the_review_page_shows_a_proposed_withdrawal_and_confirms_it(
    harness: Harness, counted_room: Fixture, tmp_path: Path, qtbot: QtBot
) -> None:
    """A sheet a scrutineer proposed to take out of the count (`huanjie review withdraw`)
    waits on the review page for another: shown as a withdrawal, not a reading of marks, and
    confirmed there it is out of the count."""
    from huanjie_desktop.app import counting
    from tests.sheet_rows import insert_sheet

    election = copy_election(counted_room.election, tmp_path / "e.huanjie")
    with open_election_file(election, "t") as db:
        order = ballot_order(db, "WY", 1)
        insert_sheet(db, "extra", "WY", 1, marks(order, {"c01": "A"}), status="counted")
        counting.withdraw(db, "WY", 1, sheet="extra", reason="多出的一张", by="马超")
    review = _open_on_sheet(harness, qtbot, election, "extra")
    pending = review.pending.text()
    assert "撤出计票" in pending and "马超" in pending and "多出的一张" in pending, pending
    review.ctx.set_operator("罗兰")
    review.confirm()
    harness.idle()
    said = review.banner.text()
    assert "罗兰" in said and "撤出计票" in said, said
    with open_election_file(election, "t") as db:
        assert [w["state"] for w in counting.withdrawn_list(db)] == ["withdrawn"]


# --- hand entry and taking a paper out of the count -------------------------------------------


@pytest.fixture(scope="module")
def hand_room(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A small election (WY: 3 seats, 5 candidates, two write-in columns; scrutineers 罗兰
    and 马超), everyone checked in, nothing scanned."""
    path = tmp_path_factory.mktemp("hand") / "template.huanjie"
    v = validate_definition(small_definition(), first_unprintable)
    assert v.definition is not None
    create_from_definition(path, v.definition, "测试员")
    with open_election_file(path, "测试员") as db:
        check_in(db, [p.code for p in repo.read_people(db)])
    return path


def _hand_entry(harness: Harness, election: Path) -> HandEntryDialog:
    """The election opened on the scan page, its hand-entry dialog open."""
    harness.open(election)
    page = harness.page("count.scan", ScanPage)
    page.manual_button.click()
    dialog = page.last_dialog
    assert isinstance(dialog, HandEntryDialog)
    return dialog


def _enter(harness: Harness, dialog: HandEntryDialog, label: str, marks: dict[str, str]) -> None:
    """Ballot ``label`` (a label of one's own) entered with ``marks`` by candidate name, the
    entry said back accepted."""
    dialog.clear()
    dialog.by_label.setChecked(True)
    dialog.label.setText(label)
    for row, k in enumerate(dialog.candidates):
        dialog.set_mark(row, marks.get(k.name, "abstain"))
    dialog.enter_button.click()
    harness.idle()


def test_keys_after_a_click_mark_the_clicked_row_and_a_typed_ballot_is_not_closed_unasked(
    harness: Harness, hand_room: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """1 on the first row (the keys move on to the second), a click on 不赞成 in the fourth,
    then 2: the 2 marks the row after the clicked one, never the second row the clerk did
    not touch. Esc on a ballot typed and not entered asks before the form is thrown away."""
    election = copy_election(hand_room, tmp_path / "e.huanjie")
    dialog = _hand_entry(harness, election)
    table = dialog.table
    table.setFocus()
    table.selectRow(0)
    QTest.keyClick(table, Qt.Key.Key_1)
    assert table.currentRow() == 1
    clicked = dialog.groups[3].button(1)
    assert clicked is not None
    QTest.mouseClick(clicked, Qt.MouseButton.LeftButton)
    assert table.currentRow() == 3
    QTest.keyClick(dialog.table, Qt.Key.Key_2)
    marks = [g.checkedId() for g in dialog.groups]
    # (agree first row; the second untouched: abstain; the fourth disagree, then 2 there)
    assert marks[0] == 0 and marks[1] == 2 and marks[3] == 1, marks
    assert table.currentRow() == 4
    asked = scripted_confirm(monkeypatch, [False, True])
    QTest.keyClick(dialog, Qt.Key.Key_Escape)
    assert dialog.isVisible() and len(asked) == 1 and "还没有录入" in asked[0]
    QTest.keyClick(dialog, Qt.Key.Key_Escape)
    assert not dialog.isVisible() and len(asked) == 2
    again = _hand_entry(harness, election)
    again.reject()  # (nothing typed: closed without a question)
    assert not again.isVisible() and len(asked) == 2


def test_a_columns_ballots_write_in_mark_is_asked_for_after_the_name(
    harness: Harness, tmp_path: Path
) -> None:
    """On a columns-style ballot a write-in's mark is in the boxes after the name, not above
    it: the dialog says so, and asks for it so."""
    v = validate_definition(small_definition(style="columns"), first_unprintable)
    assert v.definition is not None
    path = tmp_path / "columns.huanjie"
    create_from_definition(path, v.definition, "测试员")
    dialog = _hand_entry(harness, path)
    words = [label.text() for label in dialog.findChildren(QLabel)]
    assert "其后：" in words and "其上方：" not in words
    dialog.by_label.setChecked(True)
    dialog.label.setText("B-1")
    dialog.writeins[0].name.setText("周强")
    dialog.enter_button.click()
    harness.idle()
    assert "请选其后的标记（赞成栏画○、不赞成栏画○ 或没有符号）" in dialog.banner.text()


def test_a_ballot_entered_twice_in_the_dialog_counts(
    harness: Harness, hand_room: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Two clerks at the desk enter one paper (a label of their own, a write-in name with its
    ○): each entry is said back in the app's words before it is stored, the first waits for
    the second, and the second, alike, makes it count in the app's tally."""
    from huanjie_desktop.app import counting

    election = copy_election(hand_room, tmp_path / "e.huanjie")
    dialog = _hand_entry(harness, election)
    asked = scripted_confirm(monkeypatch, [True, True])
    dialog.by_label.setChecked(True)
    assert dialog.label_warning.isVisible()  # a label is no serial: a later scan is not matched
    dialog.label.setText("A-017")
    dialog.set_mark(0, "agree")
    dialog.set_mark(1, "disagree")
    first, second = dialog.candidates[0].name, dialog.candidates[1].name
    dialog.writeins[0].name.setText("周强")
    dialog.enter_button.click()
    harness.idle()
    # (a name without the mark above it said: asked for, nothing stored)
    assert "请选其上方的标记" in dialog.banner.text() and asked == []
    dialog.writeins[0].marks.buttons()[0].setChecked(True)
    dialog.enter_button.click()
    harness.idle()
    said = f"赞成 1（{first}），不赞成 1（{second}），弃权 3，另选他人第 1 栏 周强（○）"
    assert said in asked[0] and "测试员" in asked[0], asked
    text = dialog.banner.text()
    assert "A-017 已由 测试员 录入一次" in text and "另一人" in text, text
    assert "会多计一张" in text  # (the label's warning, said again)
    assert dialog.label.text() == ""  # cleared for the next ballot
    harness.ctx.set_operator("计票乙")
    assert "计票乙" in dialog.who.text()
    dialog.by_label.setChecked(True)
    dialog.label.setText("A-017")
    dialog.set_mark(0, "agree")
    dialog.set_mark(1, "disagree")
    dialog.writeins[0].name.setText("周强")
    dialog.writeins[0].marks.buttons()[0].setChecked(True)
    dialog.enter_button.click()
    harness.idle()
    assert said in asked[1]
    assert "A-017 两次录入一致，已计入" in dialog.banner.text(), dialog.banner.text()
    assert dialog.banner.tone == "ok"
    with open_election_file(election, "t") as db:
        doc = counting.tally(db, "WY")
    agree = {c["name"]: c["agree"] for c in doc["candidates"]}
    assert agree[first] == 1 and doc["manual_incomplete"] == []
    assert doc["valid_ballots"] == 1, doc["valid_ballots"]


def test_a_second_entry_that_differs_is_shown_with_what_to_do(
    harness: Harness, hand_room: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from huanjie_desktop.app import counting

    election = copy_election(hand_room, tmp_path / "e.huanjie")
    dialog = _hand_entry(harness, election)
    scripted_confirm(monkeypatch, [True, True])
    name = dialog.candidates[2].name
    _enter(harness, dialog, "B-1", {name: "agree"})
    harness.ctx.set_operator("计票乙")
    _enter(harness, dialog, "B-1", {name: "disagree"})
    text = dialog.banner.text()
    assert dialog.banner.tone == "bad" and "两次录入不一致，未计入" in text, text
    assert f"{name}：另一次 赞成，这一次 不赞成" in text, text
    assert "监票人录入" in text  # what to do
    # (the entry stays on the form, to be corrected against the paper)
    assert dialog.label.text() == "B-1" and dialog.groups[2].checkedId() == 1
    with open_election_file(election, "t") as db:
        assert counting.tally(db, "WY")["manual_incomplete"] == ["B-1"]


def test_a_serial_not_printed_is_refused_in_the_dialog_and_nothing_is_lost(
    harness: Harness, hand_room: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    election = copy_election(hand_room, tmp_path / "e.huanjie")
    dialog = _hand_entry(harness, election)
    asked = scripted_confirm(monkeypatch, [True])
    assert dialog.by_serial.isChecked()  # the serial printed on the paper comes first
    dialog.serial.setText("kwita37cgn")
    dialog.set_mark(3, "agree")
    dialog.enter_button.click()
    harness.idle()
    text = dialog.banner.text()
    assert dialog.banner.tone == "bad"
    assert "本文件没有印过防伪码为 KWITA37CGN 的 WY 第 1 轮选票" in text, text
    assert dialog.serial.text() == "kwita37cgn" and dialog.groups[3].checkedId() == 0
    with open_election_file(election, "t") as db:
        assert count_store.manual_labels(db, "WY", 1) == []
    assert len(asked) == 1  # (said back, then refused by the app: nothing stored)


def test_a_label_is_withdrawn_by_one_scrutineer_and_confirmed_by_another(
    harness: Harness, hand_room: Path, tmp_path: Path
) -> None:
    """A label entered once by mistake (the paper counts under another) is taken out in the
    withdrawal dialog: proposed by 马超 with the reason, refused to him as the confirmer,
    confirmed by 罗兰 — the round's tally then waits for it no more."""
    from huanjie_desktop.app import counting

    election = copy_election(hand_room, tmp_path / "e.huanjie")
    with open_election_file(election, "t") as db:
        for who in ("计票甲", "计票乙"):
            counting.manual_entry(db, "WY", 1, "A-02", {"c02": "agree"}, by=who)
        counting.manual_entry(db, "WY", 1, "A-002", {"c02": "agree"}, by="计票甲")
    harness.open(election)
    page = harness.page("count.scan", ScanPage)
    page.withdraw_button.click()
    dialog = page.last_dialog
    assert isinstance(dialog, WithdrawDialog)

    def cell(row: int, col: int) -> str:
        item = dialog.table.item(row, col)
        return item.text() if item is not None else ""

    assert [cell(r, 0) for r in range(dialog.table.rowCount())] == ["A-002", "A-02"]
    assert "只录入了一次" in cell(0, 2)
    dialog.select_label("A-002")
    harness.ctx.set_operator("马超")
    dialog.propose_button.click()
    harness.idle()
    assert "请写明撤出的理由" in dialog.banner.text()  # required
    dialog.reason.setText("标签打错，已按 A-02 录入")
    dialog.propose_button.click()
    harness.idle()
    assert "马超 已提出撤出计票" in dialog.banner.text(), dialog.banner.text()
    assert "待另一位监票人确认" in cell(0, 2)
    dialog.confirm_button.click()  # by the one who proposed it: refused
    harness.idle()
    assert dialog.banner.tone == "bad" and "另一位监票人确认" in dialog.banner.text()
    harness.ctx.set_operator("罗兰")
    dialog.confirm_button.click()
    harness.idle()
    said = dialog.banner.text()
    assert "已撤出计票（马超 提出，罗兰 确认）" in said, said
    with open_election_file(election, "t") as db:
        doc = counting.tally(db, "WY")
        assert doc["manual_incomplete"] == []
        assert [(w["label"], w["state"]) for w in doc["withdrawn"]] == [("A-002", "withdrawn")]


def test_a_scanned_sheet_is_taken_out_by_its_serial_and_confirmed_on_the_review_page(
    harness: Harness, hand_room: Path, tmp_path: Path, qtbot: QtBot
) -> None:
    """A sheet that is no ballot of the round, named in the withdrawal dialog by the serial
    printed on it: a wrong serial is refused with the app's words, the right one proposed by
    马超; the review page then shows it awaiting confirmation, its own 撤出计票… opens on it,
    and 罗兰 confirms it there."""
    from huanjie_desktop.app import counting

    election = copy_election(hand_room, tmp_path / "e.huanjie")
    with open_election_file(election, "t") as db:
        order = ballot_order(db, "WY", 1)
        insert_sheet(
            db, "extra", "WY", 1, marks(order, {"c01": "A"}), status="counted", serial="QWERTY2345"
        )
    harness.open(election)
    page = harness.page("count.scan", ScanPage)
    page.withdraw_button.click()
    dialog = page.last_dialog
    assert isinstance(dialog, WithdrawDialog)
    assert not dialog.table.isVisible() and dialog.no_entries.isVisible()  # no hand entries
    harness.ctx.set_operator("马超")
    dialog.sheet.setText("QWERTY2344")
    dialog.by_sheet.setChecked(True)
    dialog.reason.setText("多出的一张")
    dialog.propose_button.click()
    harness.idle()
    assert "没有扫描过防伪码为 QWERTY2344 的选票" in dialog.banner.text(), dialog.banner.text()
    dialog.sheet.setText("qwerty2345")
    dialog.propose_button.click()
    harness.idle()
    assert "选票 extra：马超 已提出撤出计票（多出的一张）" in dialog.banner.text()
    dialog.close()
    review = _open_on_sheet(harness, qtbot, election, "extra")
    assert "撤出计票" in review.pending.text() and "多出的一张" in review.pending.text()
    review.withdraw_button.click()
    opened = review.last_dialog
    assert isinstance(opened, WithdrawDialog)
    # (named by the serial printed on the paper, not the record's id)
    assert opened.by_sheet.isChecked() and opened.sheet.text() == "QWERTY2345"
    harness.ctx.set_operator("罗兰")
    opened.confirm_button.click()
    harness.idle()
    assert "已撤出计票（马超 提出，罗兰 确认）" in opened.banner.text(), opened.banner.text()
    with open_election_file(election, "t") as db:
        assert [w["state"] for w in counting.withdrawn_list(db)] == ["withdrawn"]
        assert counting.tally(db, "WY")["valid_ballots"] == 0


# --- choices on screen not yet recorded -------------------------------------------------------


def _two_held_sheets(election: Path) -> None:
    """Two sheets held (a ✓ on 候选人 c01; a write-in with a name) in ``election``."""
    with open_election_file(election, "t") as db:
        order = ballot_order(db, "WY", 1)
        insert_sheet(
            db,
            "first",
            "WY",
            1,
            marks(order, {"c01": "?"}),
            status="review",
            reasons=["mark_unclear"],
        )
        insert_sheet(
            db,
            "second",
            "WY",
            1,
            marks(order, {"c02": "A"}),
            status="review",
            reasons=["writein"],
            writeins=[{"column": 1, "has_name": True, "mark": "agree"}],
            page=2,
        )


def test_a_void_chosen_and_not_recorded_is_kept_while_another_sheet_is_looked_at(
    harness: Harness,
    counted_room: Fixture,
    tmp_path: Path,
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """V and a reason on one sheet, a click on another sheet and back: the void and its
    reason were gone without a word, and Enter recorded the sheet as valid ("按机器读出的
    计入"). They are kept for the sheet while the page lives; Enter records the void."""
    monkeypatch.setattr(dialogs, "confirm", lambda *_a: True)  # (closing, if it fails)
    election = copy_election(counted_room.election, tmp_path / "e.huanjie")
    _two_held_sheets(election)
    review = _open_on_sheet(harness, qtbot, election, "first")
    review.table.setFocus()
    qtbot.keyClick(review.table, Qt.Key.Key_V)
    review.void_reason.setCurrentIndex(0)
    assert "batch-main.pdf" in (review.unsaved() or "")
    _show_sheet(review, "second")
    assert not review.void.isChecked()  # (that sheet's own choices: none)
    _show_sheet(review, "first")
    assert review.void.isChecked() and review.void_reason.currentText() == "有可识别投票人的记号"
    review.table.setFocus()
    qtbot.keyClick(review.void, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "已记录" in review.banner.text(), timeout=10000)
    harness.idle()
    assert "整张作废" in review.banner.text(), review.banner.text()
    with open_election_file(election, "t") as db:
        decision = count_store.open_decision(db, "first")
        assert decision is not None and decision.decided["void_reason"] == "有可识别投票人的记号"
    # recorded: nothing unrecorded is left to ask about
    assert review.unsaved() is None


def test_closing_the_window_asks_before_dropping_a_typed_write_in_name(
    harness: Harness,
    counted_room: Fixture,
    tmp_path: Path,
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A write-in name typed and not recorded, then the window closed: it went without a
    question. The close check asks, and No keeps the window and the name."""
    election = copy_election(counted_room.election, tmp_path / "e.huanjie")
    _two_held_sheets(election)
    review = _open_on_sheet(harness, qtbot, election, "second")
    review.name_edits[1].setText("欧阳文忠")
    _show_sheet(review, "first")  # (looked at another sheet meanwhile)
    asked = scripted_confirm(monkeypatch, [False])
    harness.window.close()
    assert asked and "第2页" in asked[0] and "还没有保存" in asked[0], asked
    assert harness.window.isVisible()
    _show_sheet(review, "second")
    assert review.name_edits[1].text() == "欧阳文忠"
    scripted_confirm(monkeypatch, [True])  # (the harness closes the window at the end)


def test_a_duplicate_set_aside_and_confirmed_is_said_not_counted_and_no_code_is_shown(
    harness: Harness, counted_room: Fixture, tmp_path: Path, qtbot: QtBot
) -> None:
    """A second scan set aside with D and confirmed: step two and its history said "罗兰 于 …
    确认，已计入" — it counts for nothing. And the app's notes for a decision with none
    typed were shown as codes: "（说明：duplicate_scan）", "（说明：accept）"."""
    from huanjie_desktop.app import counting
    from huanjie_desktop.storage.sheets import hold_for_conflict

    election = copy_election(counted_room.election, tmp_path / "e.huanjie")
    with open_election_file(election, "t") as db:
        order = ballot_order(db, "WY", 1)
        insert_sheet(
            db, "paper", "WY", 1, marks(order, {"c01": "A"}), status="counted", serial="QWERTY2345"
        )
        with db.transaction() as con:
            hold_for_conflict(con, "paper", "serial_conflict", "同一防伪码")
        insert_sheet(
            db,
            "again",
            "WY",
            1,
            marks(order, {"c01": "A"}),
            status="review",
            reasons=["serial_conflict"],
            serial="QWERTY2345",
        )
        counting.decide(db, "again", duplicate=True, by="马超")
        counting.confirm(db, "again", "罗兰")
        counting.decide(db, "paper", accept=True, by="马超")
    review = _open_on_sheet(harness, qtbot, election, "paper")
    pending = review.pending.text()
    assert "马超" in pending and "accept" not in pending and "说明" not in pending, pending
    review.show_done.setChecked(True)
    qtbot.waitUntil(lambda: review.item_for("again") is not None, timeout=10000)
    _show_sheet(review, "again")
    said = review.pending.text()
    assert "罗兰" in said and "不计入" in said and "已计入" not in said, said
    history = "\n".join(review.history.item(i).text() for i in range(review.history.count()))
    assert "不计入" in history and "已计入" not in history, history
    assert "duplicate_scan" not in history and "说明" not in history, history


def test_a_number_key_in_the_void_reason_picks_an_offered_reason_and_one_typed_is_refused(
    harness: Harness,
    counted_room: Fixture,
    tmp_path: Path,
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """V puts the cursor in the reason box; a counter used to 1–4 for marks pressed 1 and
    Enter, and "整张作废（1）（说明：1）" was recorded. 1 picks the first reason offered; a
    reason of one character, or digits only, is refused with what to do."""
    monkeypatch.setattr(dialogs, "confirm", lambda *_a: True)  # (closing, if it fails)
    election = copy_election(counted_room.election, tmp_path / "e.huanjie")
    _two_held_sheets(election)
    review = _open_on_sheet(harness, qtbot, election, "first")
    review.table.setFocus()
    qtbot.keyClick(review.table, Qt.Key.Key_V)
    line = review.void_reason.lineEdit()
    assert line is not None and line.hasFocus()
    qtbot.keyClick(line, Qt.Key.Key_1)
    assert review.void_reason.currentText() == "有可识别投票人的记号"
    # (a key sent to the box, its focus, as well: the line's filter does not see it)
    review.void_reason.setEditText("")
    qtbot.keyClick(review.void_reason, Qt.Key.Key_2)
    assert review.void_reason.currentText() == "所选人数多于应选名额"
    # a typed reason of a digit (or one character): refused, nothing recorded
    review.void_reason.setEditText("")
    qtbot.keyClicks(line, "x")
    qtbot.keyClicks(line, "7")
    assert review.void_reason.currentText() == "x7"
    review.void_reason.setEditText("17")
    qtbot.keyClick(line, Qt.Key.Key_Return)
    harness.idle()
    assert "不是理由" in review.banner.text(), review.banner.text()
    with open_election_file(election, "t") as db:
        assert count_store.open_decision(db, "first") is None
    review.void_reason.setEditText("票面被撕破")
    qtbot.keyClick(line, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "已记录" in review.banner.text(), timeout=10000)
    harness.idle()
    with open_election_file(election, "t") as db:
        decision = count_store.open_decision(db, "first")
        assert decision is not None and decision.decided["void_reason"] == "票面被撕破"


def test_a_photocopy_refused_names_the_other_image_by_file_and_page(
    harness: Harness, counted_room: Fixture, tmp_path: Path, qtbot: QtBot
) -> None:
    """Accepting the second image of a serial already counted is refused; the refusal named
    "另一张图像（选票 8389eaa1-bca6-…）" while the list shows file names and pages."""
    from huanjie_desktop.app import counting
    from huanjie_desktop.storage.sheets import hold_for_conflict

    election = copy_election(counted_room.election, tmp_path / "e.huanjie")
    with open_election_file(election, "t") as db:
        order = ballot_order(db, "WY", 1)
        paper = "8389eaa1-bca6-5c97-aaae-056f1d95455f"
        insert_sheet(
            db, paper, "WY", 1, marks(order, {"c01": "A"}), status="counted", serial="QWERTY2345"
        )
        with db.transaction() as con:
            hold_for_conflict(con, paper, "serial_conflict", "同一防伪码")
        insert_sheet(
            db,
            "copy",
            "WY",
            1,
            marks(order, {"c01": "A"}),
            status="review",
            reasons=["serial_conflict"],
            serial="QWERTY2345",
            page=3,
        )
        counting.decide(db, paper, accept=True, by="马超")  # (the original: it counts)
    review = _open_on_sheet(harness, qtbot, election, "copy")
    review.table.setFocus()
    qtbot.keyClick(review.table, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "✗" in review.banner.text(), timeout=10000)
    said = review.banner.text()
    assert "batch-main.pdf 第 1 页" in said and paper not in said, said


def test_an_election_file_copied_without_its_images_folder_says_so_by_name(
    harness: Harness, counted_room: Fixture, tmp_path: Path, qtbot: QtBot
) -> None:
    """The election file copied to another laptop alone: review said "这一页的图像没有保存
    （文件无法读取）". It names the images folder missing and says to copy it beside."""
    election = copy_election(counted_room.election, tmp_path / "e.huanjie")
    harness.open(election)
    scan_and_wait(harness, harness.page("count.scan", ScanPage), [counted_room.scans])
    harness.window.close_file()
    harness.idle()
    moved = tmp_path / "usb"
    moved.mkdir()
    alone = copy_election(election, moved / "e.huanjie")  # (its .images folder left behind)
    harness.open(alone)
    review = harness.page("count.review", ReviewPage)
    review.refresh()
    qtbot.waitUntil(lambda: review.current is not None, timeout=10000)
    qtbot.waitUntil(lambda: "e.huanjie.images" in review.focus.text(), timeout=10000)
    said = review.focus.text()
    assert "找不到图像文件夹" in said and "一起复制" in said, said


def test_the_english_refusal_of_a_non_scrutineer_lists_who_can_confirm_with_commas(
    counted_room: Fixture, tmp_path: Path
) -> None:
    """ "Those who can confirm: 罗兰、马超": the Chinese list comma in an English sentence."""
    from huanjie_desktop.app import counting

    election = copy_election(counted_room.election, tmp_path / "e.huanjie")
    with open_election_file(election, "t") as db:
        order = ballot_order(db, "WY", 1)
        insert_sheet(
            db, "held", "WY", 1, marks(order, {"c01": "?"}), status="review", reasons=["x"]
        )
        counting.decide(db, "held", marks={"c01": "agree"}, by="路人甲")
        with pytest.raises(counting.WrongConfirmer) as refused:
            counting.confirm(db, "held", "路人乙")
    en = refused.value.message("en")
    assert "Those who can confirm: " in en and "、" not in en, en
    assert ", " in en.split("Those who can confirm: ")[1], en
    assert "、" in refused.value.message("zh")
