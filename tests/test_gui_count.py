"""The counting room, driven through its real widgets (pytest-qt, offscreen): scan a folder of
marked ballots, decide the doubtful sheets and confirm them as another person, enter the
ballot-box counts, read the result, certify and print the tally sheet to PDF. And the window
stays responsive while a thousand pages are read. A test fails if it leaves a thread running.
"""

from __future__ import annotations

import itertools
import random
import shutil
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

import cv2
import numpy as np
import pytest
from PySide6.QtCore import QSettings, QTimer

from huanjie_desktop.app.demo_count import make_scans
from huanjie_desktop.app.election import check_in, create_from_definition
from huanjie_desktop.domain.definition import validate_definition
from huanjie_desktop.gui.app_window import MainWindow
from huanjie_desktop.gui.pages import load_pages
from huanjie_desktop.gui.pages.base import Page, PageRegistry
from huanjie_desktop.gui.pages.scan import FolderWatch, ScanPage, parse_scanimage_list
from huanjie_desktop.gui.session import AppContext
from huanjie_desktop.gui.worker import Worker
from huanjie_desktop.reports.fonts import first_unprintable
from huanjie_desktop.storage import repo
from huanjie_desktop.storage.db import open_election_file
from huanjie_desktop.storage.sheets import list_sheets
from tests.defs import small_definition

QtBot = Any  # pytest-qt ships no type information
P = TypeVar("P", bound=Page)

# recognition/register.py calls np.cross on 2-D vectors (deprecated in NumPy 2); the pages
# re-read kept sheets in this process to draw them, where pytest turns warnings into errors.
pytestmark = pytest.mark.filterwarnings(
    "ignore:Arrays of 2-dimensional vectors are deprecated:DeprecationWarning"
)


@dataclass(frozen=True)
class Fixture:
    election: Path  # a pristine election file: copy it, never change it
    scans: Path  # 14 scanned JPEGs of marked ballots of its contest WY, round 1


@pytest.fixture(scope="module")
def counted_room(tmp_path_factory: pytest.TempPathFactory) -> Fixture:
    """A small election (20 voters, WY: 3 seats, 5 candidates, everyone checked in) and 14
    synthetic scans: one with a ✓ (held), one with a write-in (held), one over-voted, one blank."""
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
        qtbot.addWidget(self.window)
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
        self.window.close()
        assert self.worker.shutdown(30000)


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
    scan_and_wait(harness, page, [counted_room.scans, junk])
    assert page.counts["counted"] == 12 and page.counts["review"] == 2
    assert page.counts["rejected"] == 1 and page.counts["duplicate"] == 1
    assert page.counted.value.text() == "12" and page.review.value.text() == "2"
    assert "计入 12 张" in page.banner.text() and "审核" in page.banner.text()
    # the last sheet, drawn with its calls
    qtbot.waitUntil(lambda: page.picture is not None, timeout=10000)
    assert page.picture is not None and not page.picture.image.isNull()
    assert page.picture.calls and page.last_image.has_image()
    # rejected sheets in words, with what to do
    texts = [page.model.text(r, 1) + page.model.text(r, 2) for r in range(page.model.rowCount())]
    assert any("文件不完整" in t and "重新扫描" in t for t in texts)
    assert any("完全相同" in t for t in texts)
    assert "本轮已存：计入 12 张，待审核 2 张" in page.round_totals.text()

    # scanning the same folder again counts nothing twice
    scan_and_wait(harness, page, [counted_room.scans])
    assert page.again == 14 and page.counts["counted"] == 12
    assert "以前已经扫描过" in page.banner.text()
    with open_election_file(election, "t") as db:
        assert len(list_sheets(db, status="counted")) == 12


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
        assert len(list_sheets(db, status="counted")) == 12
    assert page.model.rowCount() == 986
