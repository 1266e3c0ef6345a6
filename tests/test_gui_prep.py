"""The desktop app's preparation screens, driven through their real widgets (pytest-qt,
offscreen): import a roster with an error and fix it, add a candidate, check people in by
typing and by a badge scanner, undo, print a ballot to PDF, and the worker keeps the window
responsive. A test fails if it leaves a worker thread running.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any, TypeVar

import pytest
from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication

from huanjie_desktop.app.election import create_from_definition
from huanjie_desktop.domain.definition import validate_definition
from huanjie_desktop.gui.app_window import MainWindow
from huanjie_desktop.gui.pages import load_pages
from huanjie_desktop.gui.pages.base import Page, PageRegistry
from huanjie_desktop.gui.pages.checkin import CheckinPage
from huanjie_desktop.gui.pages.overview import OverviewPage
from huanjie_desktop.gui.session import AppContext
from huanjie_desktop.gui.worker import Cancelled, JobContext, Worker
from huanjie_desktop.reports.fonts import first_unprintable
from huanjie_desktop.storage import repo
from huanjie_desktop.storage.db import open_election_file
from tests.defs import small_definition

QtBot = Any  # pytest-qt ships no type information
P = TypeVar("P", bound=Page)


def make_election(path: Path, data: dict[str, Any] | None = None) -> Path:
    v = validate_definition(data or small_definition(), first_unprintable)
    assert v.definition is not None, v.problems
    create_from_definition(path, v.definition, "测试员")
    return path


def cell(table: Any, row: int, col: int) -> str:
    item = table.item(row, col)
    return "" if item is None else str(item.text())


def type_chinese(widget: Any, text: str) -> None:
    """Type like a Chinese input method does: it commits each character (QTest's key clicks
    only know ASCII)."""
    for ch in text:
        event = QInputMethodEvent()
        event.setCommitString(ch)
        QApplication.sendEvent(widget, event)


class Harness:
    """A main window on a fresh election file, with a worker that must be stopped."""

    def __init__(self, qtbot: QtBot, tmp_path: Path) -> None:
        self.qtbot = qtbot
        self.tmp = tmp_path
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

    def idle(self, timeout: int = 10000) -> None:
        self.qtbot.waitUntil(lambda: not self.worker.busy, timeout=timeout)

    def page(self, key: str, cls: type[P]) -> P:
        """Switch to the page ``key`` and return it as its concrete class."""
        page = self.window.show_page(key)
        assert isinstance(page, cls)
        return page

    def close(self) -> None:
        self.window.close()
        assert self.worker.shutdown(10000)


@pytest.fixture
def harness(qtbot: QtBot, tmp_path: Path) -> Iterator[Harness]:
    before = {t.ident for t in threading.enumerate()}
    h = Harness(qtbot, tmp_path)
    yield h
    h.close()
    assert not h.worker.is_running(), "the worker thread was left running"
    left = [t for t in threading.enumerate() if t.ident not in before and t.is_alive()]
    assert not left, f"threads left running: {left}"


@pytest.fixture
def election(harness: Harness, tmp_path: Path) -> Path:
    path = make_election(tmp_path / "e.huanjie")
    harness.open(path)
    return path


# --- window, navigation, overview -----------------------------------------------------------


def test_empty_state_then_open_shows_overview(harness: Harness, tmp_path: Path) -> None:
    w = harness.window
    assert w.central.currentWidget() is w.welcome
    assert "尚未打开选举文件" in w.welcome.empty.title.text()
    path = make_election(tmp_path / "e.huanjie")
    harness.open(path)
    assert w.central.currentWidget() is w.workspace
    assert "测试员" in w.windowTitle()
    overview = harness.page("prep.overview", OverviewPage)
    table = overview.table
    assert table.rowCount() == 1
    assert cell(table, 0, 1) == "3"  # seats
    assert cell(table, 0, 2) == "5"  # candidates
    assert "2（66.7%）" in cell(table, 0, 3)
    assert "未达到" in cell(table, 0, 6)
    assert path.resolve() in [p.resolve() for p in harness.ctx.recent_files()]


def test_page_registry_accepts_pages_from_other_modules(harness: Harness) -> None:
    keys = [s.key for s in harness.window.registry.specs()]
    assert keys[0] == "prep.overview" and "prep.checkin" in keys


# --- check-in ---------------------------------------------------------------------------------


def test_checkin_by_typing_and_by_badge_scanner_with_undo(
    harness: Harness, election: Path, qtbot: QtBot
) -> None:
    page = harness.page("prep.checkin", CheckinPage)
    box = page.input
    assert page.expected.value.text() == "20"
    assert page.arrived.value.text() == "0"
    chip = page.quorum_chips["WY"]
    assert chip.tone == "bad"

    # search as you type: one match, Enter checks in
    type_chinese(box, "张伟")
    assert page.matches.count() == 1
    qtbot.keyClick(box, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: page.arrived.value.text() == "1", timeout=5000)
    assert "张伟" in page.banner.text() and page.banner.tone == "ok"
    assert box.text() == "" and box.hasFocus()

    # a badge scanner types digits and Enter into the window
    with open_election_file(election, "t") as db:
        badges = repo.badge_codes(db)
        codes = [p.code for p in repo.read_people(db)]
    for code in codes[3:13]:  # P003 (张伟) is already in
        qtbot.keyClicks(box, badges[code])
        qtbot.keyClick(box, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: page.arrived.value.text() == "11", timeout=5000)
    assert page.quorum_chips["WY"].tone == "ok"  # 11 > 20/2
    assert page.missing.value.text() == "9"

    # an unknown badge says so and changes nothing
    qtbot.keyClicks(box, "0000000000")
    qtbot.keyClick(box, Qt.Key.Key_Return)
    assert page.banner.tone == "bad" and "查无此人" in page.banner.text()

    # undo the last check-in: back under the quorum (the button waits for pending scans)
    qtbot.waitUntil(page.undo_last.isEnabled, timeout=5000)
    qtbot.mouseClick(page.undo_last, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.arrived.value.text() == "10", timeout=5000)
    assert page.quorum_chips["WY"].tone == "bad"
    assert "撤销" in page.banner.text()
    with open_election_file(election, "t") as db:
        events = [r[0] for r in db.con.execute("SELECT event FROM audit ORDER BY seq")]
        ops = {
            r[0] for r in db.con.execute("SELECT operator FROM audit WHERE event LIKE 'checkin%'")
        }
    assert events.count("checkin.added") == 11 and events.count("checkin.undone") == 1
    assert ops == {"测试员"}


# --- the worker ---------------------------------------------------------------------------------


def test_long_work_runs_in_the_worker_and_the_window_stays_responsive(
    harness: Harness, qtbot: QtBot
) -> None:
    ticks: list[float] = []
    timer = QTimer()
    timer.setInterval(10)
    timer.timeout.connect(lambda: ticks.append(time.monotonic()))
    timer.start()
    progress: list[tuple[int, int]] = []
    gui_thread = threading.get_ident()
    seen: list[int] = []

    def slow(jc: JobContext) -> str:
        seen.append(threading.get_ident())
        for i in range(40):
            jc.check_cancelled()
            jc.progress(i + 1, 40, "")
            time.sleep(0.01)
        return "done"

    job = harness.worker.submit("slow", slow)
    job.progress.connect(lambda d, t, _s: progress.append((d, t)))
    with qtbot.waitSignal(job.succeeded, timeout=5000) as blocker:
        pass
    timer.stop()
    assert blocker.args == ["done"]
    assert seen and seen[0] != gui_thread
    assert len(ticks) >= 10, "the GUI thread did not process events while the job ran"
    assert progress and progress[-1] == (40, 40)

    # cancel: the job stops at its next check and reports it
    def endless(jc: JobContext) -> None:
        while True:
            jc.check_cancelled()
            time.sleep(0.005)

    job2 = harness.worker.submit("endless", endless)
    QTimer.singleShot(50, job2.cancel)
    with qtbot.waitSignal(job2.cancelled, timeout=5000):
        pass
    assert job2.was_cancelled and job2.done
    assert isinstance(Cancelled("x"), Exception)
