"""The desktop app's preparation screens, driven through their real widgets (pytest-qt,
offscreen): import a roster with an error and fix it, add a candidate, check people in by
typing and by a badge scanner, undo, print a ballot to PDF, and the worker keeps the window
responsive. A test fails if it leaves a worker thread running.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any, TypeVar

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import QSettings, Qt, QTimer, QTranslator
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QLabel

from huanjie_desktop.app.election import create_from_definition
from huanjie_desktop.domain.definition import validate_definition
from huanjie_desktop.domain.model import BallotStyle
from huanjie_desktop.gui import dialogs
from huanjie_desktop.gui.app_window import MainWindow
from huanjie_desktop.gui.i18n import PseudoTranslator
from huanjie_desktop.gui.main import has_display
from huanjie_desktop.gui.main import main as gui_main
from huanjie_desktop.gui.pages import load_pages
from huanjie_desktop.gui.pages.audit import AuditPage
from huanjie_desktop.gui.pages.ballots import BallotsPage
from huanjie_desktop.gui.pages.base import Page, PageRegistry
from huanjie_desktop.gui.pages.checkin import CheckinPage
from huanjie_desktop.gui.pages.contests import ContestsPage
from huanjie_desktop.gui.pages.overview import OverviewPage
from huanjie_desktop.gui.pages.roster import RosterPage
from huanjie_desktop.gui.pages.units import UnitsPage
from huanjie_desktop.gui.session import AppContext
from huanjie_desktop.gui.translations_build import tool, unfinished
from huanjie_desktop.gui.worker import Cancelled, JobContext, Worker
from huanjie_desktop.paths import resources_dir
from huanjie_desktop.reports.fonts import first_unprintable
from huanjie_desktop.storage import repo
from huanjie_desktop.storage.db import open_election_file
from tests.defs import id_number, small_definition
from tests.gui_answers import scripted_confirm

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


#: Set HUANJIE_SHOTS=DIR to keep pictures of some screens (for a person to look at).
SHOTS = Path(os.environ["HUANJIE_SHOTS"]) if os.environ.get("HUANJIE_SHOTS") else None


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
    card = overview.cards["WY"]
    assert card.values["seats"] == "3"
    assert card.values["candidates"] == "5"
    assert card.values["margin"] == "2（66.7%）"
    assert card.values["present"] == "0 / 20"
    assert (False, "到会人数未达到法定人数：实到 0，至少需要 11") in card.checks
    assert (False, "尚未印制选票") in card.checks
    assert (True, "已指定总监票人和监票人 1 名") in card.checks
    assert path.resolve() in [p.resolve() for p in harness.ctx.recent_files()]


def test_page_registry_accepts_pages_from_other_modules(harness: Harness) -> None:
    keys = [s.key for s in harness.window.registry.specs()]
    assert keys[:6] == [
        "prep.overview",
        "prep.units",
        "prep.roster",
        "prep.contests",
        "prep.checkin",
        "prep.ballots",
    ]
    assert keys[-1] == "records.audit"


# --- check-in ---------------------------------------------------------------------------------


def test_a_day_of_check_in_searches_does_not_wear_out_the_interpreter(
    harness: Harness, election: Path, qtbot: QtBot
) -> None:
    """PySide6 6.12.0 took a reference off Python's None at every Qt call that returns
    nothing; on Python 3.11 the desktop app aborted ("none_dealloc") after a few dozen
    check-in searches, each listing up to 60 people. A day's searching leaves None's count
    where it was (on Python 3.12 and later None is immortal and the count never moves)."""
    import sys

    page = harness.page("prep.checkin", CheckinPage)
    unit = page.entries[0].unit
    page.input.setText(unit)
    page._search(unit)
    before = sys.getrefcount(None)
    for i in range(300):
        text = unit if i % 2 else page.entries[i % len(page.entries)].name
        page.input.setText(text)
        page._search(text)
    assert sys.getrefcount(None) >= before - 50, (before, sys.getrefcount(None))


def test_a_check_in_after_voting_began_is_said_at_the_desk(
    harness: Harness, election: Path, qtbot: QtBot
) -> None:
    """A round's attendance is fixed when its ballots begin to come in: a person checked
    in afterwards counts for later rounds only, and the banner says so (not a plain ✓)."""
    from huanjie_desktop.app.ballots import record_box_count
    from huanjie_desktop.storage.db import open_election_file

    with open_election_file(election, "测试员") as db:
        record_box_count(db, "WY", 1, "1", issued=3)
    page = harness.page("prep.checkin", CheckinPage)
    # (the navigation is as wide as its longest entry: never a horizontal scroll bar)
    nav = harness.window.nav
    widest = max(
        nav.fontMetrics().horizontalAdvance(nav.item(i).text()) for i in range(nav.count())
    )
    assert nav.minimumWidth() >= widest + 28
    assert nav.horizontalScrollBarPolicy() == Qt.ScrollBarPolicy.ScrollBarAlwaysOff
    type_chinese(page.input, "张伟")
    qtbot.keyClick(page.input, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: page.arrived.value.text() == "1", timeout=5000)
    assert "张伟" in page.banner.text() and "只计入以后的轮次" in page.banner.text()
    assert page.banner.tone == "warn"
    # the quorum table shows the round's fixed numbers, and says they are
    harness.idle()
    labels = [w for w in page.findChildren(QLabel) if "（第1轮）" in w.text()]
    assert {w.text() for w in labels} == {"0 / 20（第1轮）"}, (
        labels
    )  # (an old grid may await deletion)
    assert all("第 1 轮开始计票时确定" in w.toolTip() for w in labels)
    if SHOTS:
        harness.window.grab().save(str(SHOTS / "checkin-late.png"))


def test_checkin_lists_namesakes_with_the_note_their_cards_carry(
    harness: Harness, tmp_path: Path, qtbot: QtBot
) -> None:
    """Two 刘伟 of 第二代表团: the search listed the same name and unit twice, the codes alone
    telling them apart; each now shows the note on their card, and so does the banner."""
    from tests.defs import namesakes_definition

    harness.open(make_election(tmp_path / "n.huanjie", namesakes_definition()))
    page = harness.page("prep.checkin", CheckinPage)
    type_chinese(page.input, "刘伟")
    listed = sorted(cell(page.matches, r, 0) for r in range(page.matches.rowCount()))
    assert listed == ["刘伟（区委办）", "刘伟（区教育局科员）", "刘伟（区财政局副局长）"]
    page.input.clear()
    type_chinese(page.input, "张伟")  # nobody else of that name: no note
    assert [cell(page.matches, r, 0) for r in range(page.matches.rowCount())] == ["张伟"]
    page.input.clear()
    page.input.setText("P004")
    qtbot.keyClick(page.input, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: page.arrived.value.text() == "1", timeout=5000)
    assert "刘伟（区教育局科员）（第二代表团） 报到成功" in page.banner.text(), page.banner.text()


def test_checkin_of_codes_differing_only_in_case_in_a_file_from_before(
    harness: Harness, tmp_path: Path, qtbot: QtBot
) -> None:
    """A file made before such codes were refused, with P001 and p001: the desk found codes
    by their upper case, the later entry winning — P001 typed checked in p001."""
    import dataclasses

    from huanjie_desktop.app.election import validate_source
    from tests.ballot_fixtures import ballot_definition

    d = validate_source(ballot_definition(), {}).definition
    assert d is not None
    twin = dataclasses.replace(d.people[-1], code="p001", name="欧阳明", id_number="")
    path = tmp_path / "case.huanjie"
    create_from_definition(path, dataclasses.replace(d, people=(*d.people, twin)), "测试员")
    harness.open(path)
    page = harness.page("prep.checkin", CheckinPage)
    for typed, count in (("P001", "1"), ("p001", "2")):
        page.input.setText(typed)
        qtbot.keyClick(page.input, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda n=count: page.arrived.value.text() == n, timeout=5000)
    with open_election_file(path, "t") as db:
        who = sorted(r[0] for r in db.con.execute("SELECT person FROM checkins"))
    assert who == ["P001", "p001"], who


def test_a_badge_scanned_after_a_namesakes_name_replaces_it(
    harness: Harness, tmp_path: Path, qtbot: QtBot
) -> None:
    """A name three people share typed, Enter: the page asks to choose among them — and the
    name stayed in the box, so the next badge scanned was appended to it ("刘伟1756652867":
    查无此人). It is selected: the badge replaces it. The same after several matches."""
    from tests.defs import namesakes_definition

    path = make_election(tmp_path / "n.huanjie", namesakes_definition())
    with open_election_file(path, "t") as db:
        badges = repo.badge_codes(db)
        codes = [p.code for p in repo.read_people(db)]
    harness.open(path)
    page = harness.page("prep.checkin", CheckinPage)
    type_chinese(page.input, "刘伟")
    qtbot.keyClick(page.input, Qt.Key.Key_Return)
    assert "同名的 刘伟 有 3 位" in page.banner.text(), page.banner.text()
    qtbot.keyClicks(page.input, badges[codes[0]])
    qtbot.keyClick(page.input, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: page.arrived.value.text() == "1", timeout=5000)
    assert "查无此人" not in page.banner.text() and page.banner.tone == "ok"

    unit = page.entries[5].unit  # several people match a unit's name
    page.input.setText(unit)
    qtbot.keyClick(page.input, Qt.Key.Key_Return)
    assert "请用 ↑ ↓ 选出" in page.banner.text(), page.banner.text()
    qtbot.keyClicks(page.input, badges[codes[1]])
    qtbot.keyClick(page.input, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: page.arrived.value.text() == "2", timeout=5000)


def test_checkin_by_typing_and_by_badge_scanner_with_undo(
    harness: Harness, election: Path, qtbot: QtBot
) -> None:
    page = harness.page("prep.checkin", CheckinPage)
    box = page.input
    assert page.expected.value.text() == "20"
    assert page.arrived.value.text() == "0"
    chip = page.quorum_chips["WY"]
    assert chip.tone == "bad"

    # a name typed with a space or another dot finds the person (compared as names)
    assert [e.code for e in page.matching("张 伟")] == ["P003"]
    assert [e.code for e in page.matching("张　伟")] == ["P003"]
    # a longer name listed first (张伟民) does not come before the name typed in full
    import dataclasses

    longer = dataclasses.replace(page.entries[0], code="P999", name="张伟民")
    page.entries.insert(0, longer)
    assert [e.code for e in page.matching("张伟")][:2] == ["P003", "P999"]
    page.entries.remove(longer)
    # a roster name in traditional form, or with the dot, found as the clerk types it
    others = [
        dataclasses.replace(page.entries[0], code="P998", name="張國強"),
        dataclasses.replace(page.entries[0], code="P997", name="阿不都热依木·买买提"),
    ]
    page.entries[:0] = others
    assert [e.code for e in page.matching("张国强")] == ["P998"]
    assert [e.code for e in page.matching("阿不都热依木买买提")] == ["P997"]
    for e in others:
        page.entries.remove(e)

    # several people match a unit's name: Enter checks nobody in until one is chosen
    unit = page.entries[0].unit
    assert len(page.matching(unit)) > 1
    page.input.setText(unit)
    page._search(unit)
    arrived = page.arrived.value.text()
    qtbot.keyClick(box, Qt.Key.Key_Return)
    harness.idle()
    assert page.arrived.value.text() == arrived and "请用 ↑ ↓ 选出" in page.banner.text()
    page.input.clear()

    # part of a name only one person matches ('张伟' typed as far as '张'... here: the
    # given name's first character): Enter asks once — it checked that person in at once
    partial = "伟"
    assert [e.code for e in page.matching(partial)] == ["P003"], page.matching(partial)
    type_chinese(box, partial)
    qtbot.keyClick(box, Qt.Key.Key_Return)
    harness.idle()
    assert page.arrived.value.text() == "0" and "再按一次回车" in page.banner.text(), (
        page.banner.text()
    )
    box.clear()

    # two people of the name typed in full: Enter checked the first of them in (the other
    # may be the one at the desk); it checks nobody in until one is chosen
    namesake = dataclasses.replace(page.entries[3], code="P998", name="张伟", unit="第二代表团")
    page.entries.append(namesake)
    type_chinese(box, "张伟")
    assert page.matches.rowCount() == 2
    qtbot.keyClick(box, Qt.Key.Key_Return)
    harness.idle()
    assert "同名的 张伟 有 2 位" in page.banner.text(), page.banner.text()
    assert page.arrived.value.text() == "0"
    page.entries.remove(namesake)
    box.clear()

    # search as you type: one match, the name in full, Enter checks in
    type_chinese(box, "张伟")
    assert page.matches.rowCount() == 1
    qtbot.keyClick(box, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: page.arrived.value.text() == "1", timeout=5000)
    assert "张伟" in page.banner.text() and page.banner.tone == "ok"
    assert box.text() == "" and box.hasFocus()

    # a badge scanner types digits and Enter into the window
    with open_election_file(election, "t") as db:
        badges = repo.badge_codes(db)
        codes = [p.code for p in repo.read_people(db)]
    # ... the first with the focus on the navigation (a Tab pressed): its digits and its
    # Enter went to the list and were lost without a word; they land in the input line
    nav = harness.window.nav
    nav.setFocus()
    qtbot.keyClicks(nav, badges[codes[3]])
    qtbot.keyClick(nav, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: page.arrived.value.text() == "2", timeout=5000)
    assert box.hasFocus() or not page.isActiveWindow()
    for code in codes[4:13]:  # P003 (张伟) and P004 are in
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


# --- roster -------------------------------------------------------------------------------------


def test_roster_import_reports_every_problem_then_imports_the_fixed_workbook(
    harness: Harness, election: Path, tmp_path: Path, qtbot: QtBot
) -> None:
    page = harness.page("prep.roster", RosterPage)
    assert page.proxy.rowCount() == 20
    book = tmp_path / "roster.xlsx"
    page.export_workbook(book)
    harness.idle()
    assert book.exists() and "已导出 20 人" in page.banner.text()

    wb = load_workbook(book)
    ws = wb["代表名单"]
    header = [c.value for c in ws[1]]
    col = {name: header.index(name) + 1 for name in ("编号", "姓名", "身份证号码", "选举单位")}
    new_row = ws.max_row + 1  # row 22: a new delegate with a mistyped ID number
    good_id = id_number("19850315", male=True, seq=41)
    bad_id = good_id[:-1] + ("0" if good_id[-1] != "0" else "1")
    ws.cell(new_row, col["编号"], "P021")
    ws.cell(new_row, col["姓名"], "欧阳明")
    ws.cell(new_row, col["身份证号码"], bad_id)
    ws.cell(new_row, col["选举单位"], "U01")
    ws.cell(3, col["选举单位"], "U99")  # row 3: an electoral unit that does not exist
    wb.save(book)

    page.import_workbook(book)
    qtbot.waitUntil(lambda: page.last_problems is not None, timeout=10000)
    dialog = page.last_problems
    assert dialog is not None and dialog.isVisible()
    rows = dialog.rows()
    assert ("错误", "代表名单", str(new_row), "身份证号码") in [r[:4] for r in rows]
    assert ("错误", "代表名单", "3", "选举单位") in [r[:4] for r in rows]
    assert any("校验位" in r[4] for r in rows)
    assert "没有导入" in page.banner.text()
    assert page.model.rowCount() == 20  # nothing was written
    dialog.close()

    wb = load_workbook(book)
    ws = wb["代表名单"]
    ws.cell(new_row, col["身份证号码"], good_id)
    ws.cell(3, col["选举单位"], "U01")  # P002 moves from U02 to U01
    ws.cell(2, col["姓名"], "王晓明")  # and a rename of P001, a candidate
    wb.save(book)
    page.last_problems = None
    page.import_workbook(book)
    qtbot.waitUntil(lambda: "已导入" in page.banner.text(), timeout=10000)
    assert "新增 1 人" in page.banner.text() and "更新 2 人" in page.banner.text()
    qtbot.waitUntil(lambda: page.model.rowCount() == 21, timeout=5000)
    page.search.setText("欧阳")
    assert page.visible_codes() == ["P021"]
    with open_election_file(election, "t") as db:
        contest = repo.read_contest(db, "WY")
        assert contest is not None
        assert "王晓明" in [k.name for k in contest.candidates]  # candidates follow the roster
        ops = db.con.execute(
            "SELECT operator FROM audit WHERE event = 'roster.imported'"
        ).fetchall()
    assert [r[0] for r in ops] == ["测试员"]


def test_roster_import_renaming_a_candidate_on_printed_ballots_asks_first(
    harness: Harness, election: Path, tmp_path: Path, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    """As the person dialog asks before renaming a candidate whose ballots are printed, so
    does the import (it renamed them silently: every printed ballot then refused)."""
    from huanjie_desktop.app.ballots import print_ballots
    from tests.gui_answers import scripted_confirm

    with open_election_file(election, "t") as db:
        print_ballots(db, "WY", 1, 2, tmp_path / "b.pdf")
    page = harness.page("prep.roster", RosterPage)
    book = tmp_path / "roster.xlsx"
    page.export_workbook(book)
    harness.idle()
    wb = load_workbook(book)
    ws = wb["代表名单"]
    assert ws.cell(2, 1).value == "P001"
    ws.cell(2, 2, "王晓明")  # P001, a candidate of WY
    wb.save(book)
    asked = scripted_confirm(monkeypatch, [False, True])
    page.import_workbook(book)
    qtbot.waitUntil(lambda: "没有导入" in page.banner.text(), timeout=10000)
    assert len(asked) == 1 and "王晓明" in asked[0] and "作废" in asked[0], asked
    with open_election_file(election, "t") as db:
        assert repo.read_person(db, "P001").name != "王晓明"  # type: ignore[union-attr]
    page.import_workbook(book)
    qtbot.waitUntil(lambda: "已导入" in page.banner.text(), timeout=10000)
    assert len(asked) == 2
    with open_election_file(election, "t") as db:
        assert repo.read_person(db, "P001").name == "王晓明"  # type: ignore[union-attr]


def test_roster_import_says_how_many_votes_it_changed(
    harness: Harness, election: Path, tmp_path: Path, qtbot: QtBot
) -> None:
    """A vote changed by import moves 应到 (the quorum, the base of the majority): said in
    the banner, not only among the notes."""
    page = harness.page("prep.roster", RosterPage)
    book = tmp_path / "roster.xlsx"
    page.export_workbook(book)
    harness.idle()
    wb = load_workbook(book)
    ws = wb["代表名单"]
    header = [c.value for c in ws[1]]
    ws.cell(3, header.index("有选举权") + 1, "否")
    wb.save(book)
    page.import_workbook(book)
    qtbot.waitUntil(lambda: "已导入" in page.banner.text(), timeout=10000)
    assert "1 人的“有选举权”改变" in page.banner.text(), page.banner.text()


def test_person_editor_checks_id_number_and_font_as_you_type(
    harness: Harness, election: Path, qtbot: QtBot
) -> None:
    page = harness.page("prep.roster", RosterPage)
    dialog = page.add_person()
    assert dialog.edits["code"].text() == "P021"
    save = dialog.buttons.button(QDialogButtonBox.StandardButton.Save)
    assert save is not None
    dialog.edits["name"].setText("王小明")  # same name as P001
    assert "同名" in dialog.name_note.text() and save.isEnabled()
    dialog.edits["id_number"].setText("430211198001011234")
    assert "校验位" in dialog.id_note.text() and not save.isEnabled()
    dialog.edits["name"].setText("王\U00030000")  # a character the shipped font lacks
    assert "无法用随附字体打印" in dialog.name_note.text()
    dialog.edits["name"].setText("王小强")
    dialog.edits["id_number"].setText(id_number("19800101", male=True, seq=23))
    dialog.gender.setCurrentText("女")
    assert "性别" in dialog.id_note.text() and save.isEnabled()  # a warning only
    dialog.gender.setCurrentText("男")
    qtbot.mouseClick(save, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=5000)
    qtbot.waitUntil(lambda: page.model.rowCount() == 21, timeout=5000)
    assert "已保存 王小强" in page.banner.text()


# --- contests and candidates -------------------------------------------------------------------


def test_a_later_rounds_ballot_shows_its_doubtful_pairs_and_a_move_is_recorded(
    harness: Harness, tmp_path: Path, qtbot: QtBot
) -> None:
    """After round 1 (兪正声 moved above 姜红 by hand: the data cannot place 兪) a 另行选举
    was opened: the page showed round 1's list and asked only round 1's flags, and the
    round's ballot could not be reordered. It shows round 2's ballot (the hand order kept),
    its doubtful pair, and a move is made and recorded; the list itself stays fixed."""
    from huanjie_desktop.app import counting, prepare
    from tests import sheet_rows as rows

    data = rows.definition()
    names = {"P01": "胡伟", "P02": "兪正声", "P03": "姜红"}
    for p in data["people"]:
        p["name"] = names.get(p["code"], p["name"])
    v = validate_definition(data, first_unprintable)
    assert v.definition is not None, v.problems
    path = tmp_path / "r.huanjie"
    create_from_definition(path, v.definition, "测试员")
    with open_election_file(path, "测试员") as db:
        prepare.move_candidate(db, "WY", "c02", -1)
        rows.check_in(db)
        order = rows.ballot_order(db, "WY", 1)
        rows.insert_counted(db, "WY", 1, [rows.marks(order, {"c01": "A"})] * 12, 3)
        rows.set_box(db, "WY", 1, 12, 12)
        counting.open_round(db, "WY", "supplementary", confirm=True)
    harness.open(path)
    page = harness.page("prep.contests", ContestsPage)
    assert page.current == "WY"
    shown = page.ballot_names()
    assert len(shown) == 4 and shown.index("兪正声") + 1 == shown.index("姜红"), shown
    assert page.round_note.isVisible() and "第 2 轮" in page.round_note.text()
    assert page.flag_note.isVisible() and "姜红 / 兪正声" in page.flag_note.text()
    assert not page.pick.isEnabled() and not page.reset.isEnabled()
    # the header says round 2's seats and ballot (it said round 1's "应选 3 名 · 候选人 5 名 ·
    # 差额 2 名" above round 2's table), round 1's figures after them
    said = page.margin.text()
    assert said.startswith("第 2 轮（另行选举）：应选 2 名 · 候选人 4 名"), said
    assert "第 1 轮：应选 3 名 · 候选人 5 名" in said and "差额" not in said, said
    assert page.margin_chip.isHidden()
    page.table.selectRow(shown.index("兪正声"))
    qtbot.mouseClick(page.down, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.ballot_names().index("姜红") < page.ballot_names().index("兪正声"))
    assert page.banner.tone == "ok"
    with open_election_file(path, "t") as db:
        row = db.con.execute(
            "SELECT operator, detail FROM audit WHERE event = 'round.order_moved'"
        ).fetchone()
    assert row[0] == "测试员" and "兪正声" in row[1] and '"round":2' in row[1]


def test_add_candidate_updates_order_and_margin_and_moves_are_recorded(
    harness: Harness, election: Path, qtbot: QtBot
) -> None:
    page = harness.page("prep.contests", ContestsPage)
    assert page.current == "WY"
    assert page.ballot_names() == ["王小明", "刘洋", "李娜", "张伟", "陈静"]  # 姓氏笔画
    assert "差额 2 名（66.7%）" in page.margin.text()
    assert page.margin_chip.tone == "ok"

    # from the roster, by typing a code and Enter: 高 (10 strokes) goes last
    page.pick.setText("P015")  # 高峰
    qtbot.keyClick(page.pick, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: len(page.ballot_names()) == 6, timeout=5000)
    assert page.ballot_names() == ["王小明", "刘洋", "李娜", "张伟", "陈静", "高峰"]
    assert "差额 3 名（100.0%）" in page.margin.text()
    # an outside person: 丁 (2 strokes) comes first
    page.outside.setText("丁一（女）")
    qtbot.keyClick(page.outside, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: len(page.ballot_names()) == 7, timeout=5000)
    assert page.ballot_names()[0] == "丁一"

    # the margin follows the seats as they are typed, before saving
    page.tabs.setCurrentIndex(1)
    page.f_seats.setValue(7)
    assert "✗" in page.margin_chip.text() and page.margin_chip.tone == "bad"
    page.f_seats.setValue(3)
    assert page.margin_chip.tone == "ok"

    # a manual move, recorded with the operator
    page.tabs.setCurrentIndex(0)
    page.table.selectRow(6)  # 高峰
    qtbot.mouseClick(page.up, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.ballot_names()[5] == "高峰", timeout=5000)
    moved = page.table.item(5, 4)
    assert moved is not None and "手工调整" in moved.text()
    with open_election_file(election, "t") as db:
        row = db.con.execute(
            "SELECT operator, detail FROM audit WHERE event = 'candidate.order_moved'"
        ).fetchone()
    assert row[0] == "测试员" and "高峰" in row[1]

    # a scrutineer cannot become a candidate: refused in words
    page.pick.setText("P020")  # the chief scrutineer in small_definition
    qtbot.keyClick(page.pick, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: page.banner.tone == "bad", timeout=5000)
    assert "监票人" in page.banner.text()

    # a namesake the ballot could not tell apart: refused, saying to give a note; with a
    # note typed after the person (roster) or the name (outside), added — two columns
    # reading "张伟" were printed on real ballots
    page.banner.show_message("", "neutral")
    page.outside.setText("张伟")
    qtbot.keyClick(page.outside, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: page.banner.tone == "bad", timeout=5000)
    assert "备注" in page.banner.text() and "无法区分" in page.banner.text()
    page.outside.setText("张伟（区直机关）")
    qtbot.keyClick(page.outside, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: page.ballot_names().count("张伟") == 2, timeout=5000)
    page.pick.setText("P016（女）")
    qtbot.keyClick(page.pick, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: len(page.ballot_names()) == 9, timeout=5000)
    with open_election_file(election, "t") as db:
        notes = dict(db.con.execute("SELECT person, annotation FROM candidates").fetchall())
    assert notes.get("P016") == "（女）", notes


def test_a_ballot_that_stops_fitting_is_said_where_the_list_is_edited(
    harness: Harness, election: Path, qtbot: QtBot
) -> None:
    """A note too long for any sheet was accepted without a word, and a style its list no
    longer fits saved as fine: the refusal came on the day of printing. Both are said on the
    contests page when done, naming the note and the length that fits."""
    page = harness.page("prep.contests", ContestsPage)
    # a note that fits: added, nothing said about the sheet
    page.outside.setText("丁二（女）")
    qtbot.keyClick(page.outside, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: page.banner.tone == "ok", timeout=10000)
    assert "丁二" in page.ballot_names() and "排不下" not in page.banner.text()
    note = ("某某省某某市某某县某某镇人民政府党委委员、副镇长，某某村党支部第一书记" * 3)[:70]
    page.outside.setText(f"丁一（{note}）")
    qtbot.keyClick(page.outside, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "丁一" in page.ballot_names(), timeout=10000)
    qtbot.waitUntil(lambda: page.banner.tone == "warn", timeout=10000)
    said = page.banner.text()
    assert "已添加名单外候选人 丁一" in said and "但选票排不下" in said, said
    # (the note as printed, its brackets counted)
    assert "候选人“丁一”的备注（72 个字）太长" in said and "请缩短到" in said, said
    # the rules saved with the column style: still saved, the sheet's trouble said
    page.tabs.setCurrentIndex(1)
    page.f_style.setCurrentIndex(page.f_style.findData(BallotStyle.COLUMNS.value))
    page.banner.show_message("", "neutral")
    qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.banner.tone == "warn", timeout=10000)
    assert "已保存选举事项" in page.banner.text(), page.banner.text()
    assert "“丁一”的备注（72 个字）太长（备注印在姓名之后" in page.banner.text()


def test_a_text_that_would_print_blank_is_refused_where_it_is_edited(
    harness: Harness, election: Path, qtbot: QtBot
) -> None:
    """A unit's name, a contest's title and a candidate's note are printed (the cards, the
    ballot): with a character neither shipped font has (㼆, 𠮷) they printed blank. Refused
    on the page that edits them, naming the character, as ``init`` refuses them."""
    units = harness.page("prep.units", UnitsPage)
    units.start_new()
    units.code.setText("U03")
    units.name.setText("㼆祥镇代表团")
    qtbot.mouseClick(units.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: units.banner.tone == "bad", timeout=5000)
    assert "“㼆”(U+3F06) 无法用随附字体打印" in units.banner.text(), units.banner.text()
    page = harness.page("prep.contests", ContestsPage)
    page.tabs.setCurrentIndex(1)
    page.f_title.setText("中国共产党𠮷安县第一届委员会委员")
    qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(page.rules_problems.text()), timeout=5000)
    assert "选举事项名称" in page.rules_problems.text()
    assert "U+20BB7" in page.rules_problems.text(), page.rules_problems.text()
    page.f_title.setText("中国共产党测试区第一届委员会委员")
    page.tabs.setCurrentIndex(0)
    page.banner.show_message("", "neutral")
    page.outside.setText("丁一（㼆祥镇）")
    qtbot.keyClick(page.outside, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: page.banner.tone == "bad", timeout=5000)
    assert "备注“（㼆祥镇）”" in page.banner.text(), page.banner.text()
    with open_election_file(election, "t") as db:
        assert [u.code for u in repo.read_units(db)] == ["U01", "U02"]
        contest = repo.read_contest(db, "WY")
        assert contest is not None and "𠮷" not in contest.title
        assert "丁一" not in [k.name for k in contest.candidates]


def test_new_contest_with_rule_defaults(harness: Harness, election: Path, qtbot: QtBot) -> None:
    page = harness.page("prep.contests", ContestsPage)
    page.start_new()
    page.f_code.setText("JW")
    page.f_title.setText("中国共产党测试区纪律检查委员会委员")
    page.f_kind.setCurrentIndex(page.f_kind.findData("discipline"))
    page.apply_defaults()
    assert page.f_margin.value() == 10 and page.f_quorum.currentData() == "half"
    page.f_seats.setValue(5)
    page.f_margin.setValue(5)  # below the rule without a reason: refused
    qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(page.rules_problems.text()), timeout=5000)
    assert "低于规定" in page.rules_problems.text()
    page.f_margin.setValue(10)
    qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.current == "JW" and page.list.count() == 2, timeout=5000)
    assert "候选人不足" in page.margin_chip.text()  # 5 seats, no candidates yet


def test_a_contest_marked_as_a_preselection_on_the_rules_page(
    harness: Harness, election: Path, qtbot: QtBot
) -> None:
    """预选 could be set only in a definition file or the workbook: the rules page showed no
    mark, and saving a contest kept whatever it was. Now a new contest is saved as a 预选
    (the margin line says how many formal candidates it selects), the mark shows when it is
    opened again, and unticking it makes it an ordinary contest."""
    page = harness.page("prep.contests", ContestsPage)
    page.start_new()
    assert not page.f_preselection.isChecked()
    page.f_code.setText("YX")
    page.f_title.setText("中国共产党测试区第一届委员会委员候选人预选")
    page.f_seats.setValue(3)
    page.f_preselection.setChecked(True)
    assert "确定正式候选人 3 名" in page.margin.text(), page.margin.text()
    qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.current == "YX", timeout=5000)
    with open_election_file(election, "t") as db:
        yx = repo.read_contest(db, "YX")
        assert yx is not None and yx.preselection and yx.seats == 3
        wy = repo.read_contest(db, "WY")
        assert wy is not None and not wy.preselection
    page.select_contest("WY")
    assert not page.f_preselection.isChecked()
    page.select_contest("YX")
    assert page.f_preselection.isChecked() and page.unsaved() is None
    page.f_preselection.setChecked(False)
    assert page.unsaved() is not None  # (a change of the mark is a change to save)
    page.banner.show_message("", "neutral")  # (the first save's "saved" is still shown)
    qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.banner.tone == "ok", timeout=5000)
    assert page.unsaved() is None
    with open_election_file(election, "t") as db:
        yx = repo.read_contest(db, "YX")
        assert yx is not None and not yx.preselection


def test_rules_changed_and_not_saved_are_not_dropped_without_a_word(
    harness: Harness, election: Path, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The seats changed on the rules tab (the header already shows them) were thrown away
    without a word on going to another page or closing the file."""
    window = harness.window
    page = window.show_page("prep.contests")
    assert isinstance(page, ContestsPage)
    seats = page.f_seats.value()
    try:
        _rules_kept_or_dropped(window, page, seats, monkeypatch, harness)
    finally:
        page.f_seats.setValue(seats)  # (nothing left unsaved for the window's closing)


def _rules_kept_or_dropped(
    window: Any, page: ContestsPage, seats: int, monkeypatch: pytest.MonkeyPatch, harness: Harness
) -> None:
    page.f_seats.setValue(seats + 2)
    asked = scripted_confirm(monkeypatch, [False, True])
    assert window.show_page("prep.ballots") is page  # kept: stays on the rules
    assert page.f_seats.value() == seats + 2 and "没有保存" in asked[0]
    assert window.current_page_key() == "prep.contests"
    assert window.show_page("prep.ballots") is not page  # dropped
    window.show_page("prep.contests")
    assert page.f_seats.value() == seats  # as stored
    assert page.unsaved() is None and len(asked) == 2
    page.f_seats.setValue(seats + 1)
    monkeypatch.setattr(dialogs, "confirm", lambda *_a: False)
    window.close_file()
    assert harness.ctx.session is not None  # not closed: the change is kept to be saved


# --- ballots ------------------------------------------------------------------------------------


def test_test_ballots_then_the_real_count_again(harness: Harness, election: Path) -> None:
    """A few test sheets, then the real ballots: unticking "test" kept the 3 typed for the
    test run, and 3 real ballots would have been printed for a room of twenty."""
    page = harness.page("prep.ballots", BallotsPage)
    suggested = page.count.value()
    assert suggested > 3
    page.test.setChecked(True)
    page.count.setValue(3)
    page.test.setChecked(False)
    assert page.count.value() == suggested
    page.count.setValue(suggested + 10)  # more than suggested, typed for the real ones: kept
    page.test.setChecked(True)
    page.test.setChecked(False)
    assert page.count.value() == suggested + 10


def test_ballot_preview_print_to_pdf_and_changes_warn_afterwards(
    harness: Harness, election: Path, tmp_path: Path, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    page = harness.page("prep.ballots", BallotsPage)
    qtbot.waitUntil(lambda: page.preview_info is not None, timeout=15000)
    pixmap = page.image.pixmap()
    assert not pixmap.isNull() and pixmap.width() > 300
    assert page.preview_info is not None and page.preview_info.preview.candidates == 5

    out = tmp_path / "ballots.pdf"
    page.count.setValue(3)
    page.save_pdf(out)
    qtbot.waitUntil(lambda: page.last_pdf is not None, timeout=20000)
    assert out.exists() and "已印制第 1 轮选票 3 张" in page.banner.text()
    text = subprocess.run(
        ["pdftotext", "-layout", str(out), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert text.count("中国共产党测试区第一届委员会委员") >= 3
    for name in ("王小明", "刘洋", "李娜", "张伟", "陈静"):
        assert name in text
    qtbot.waitUntil(lambda: page.runs.rowCount() == 1, timeout=5000)
    assert cell(page.runs, 0, 2) == "3"

    # after printing, changing the candidates warns that the printed ballots become invalid
    asked: list[str] = []

    def answer_no(_parent: object, _title: str, text: str) -> bool:
        asked.append(text)
        return False

    monkeypatch.setattr(dialogs, "confirm", answer_no)
    contests = harness.page("prep.contests", ContestsPage)
    assert "已印制选票 3 张" in contests.printed_note.text()
    contests.outside.setText("丁一")
    qtbot.keyClick(contests.outside, Qt.Key.Key_Return)
    assert asked and "作废" in asked[0]
    harness.idle()
    assert len(contests.ballot_names()) == 5  # the user said no: nothing changed

    # spoil a printed sheet
    ballots = harness.page("prep.ballots", BallotsPage)
    with open_election_file(election, "t") as db:
        serial = db.con.execute("SELECT serial FROM serials LIMIT 1").fetchone()[0]
    ballots.serial.setText(serial)
    ballots.reason.setText("印刷污损")
    qtbot.mouseClick(ballots.spoil_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "已登记作废" in ballots.banner.text(), timeout=5000)
    qtbot.waitUntil(lambda: cell(ballots.runs, 0, 4) == "1", timeout=5000)


def test_changing_candidates_after_station_packages_says_they_will_be_refused(
    harness: Harness, election: Path, tmp_path: Path, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Ballots printed and 一团's station package made: adding a candidate voids the printed
    ballots — and 一团's results, counted against the old list, are refused at import. The
    question said only the first."""
    from huanjie_desktop.app.ballots import print_ballots
    from huanjie_desktop.app.stations import export_station

    db = harness.ctx.db
    print_ballots(db, "WY", 1, 3, tmp_path / "b.pdf")
    export_station(db, "一团", tmp_path / "一团.station")
    asked = scripted_confirm(monkeypatch, [False])
    contests = harness.page("prep.contests", ContestsPage)
    contests.outside.setText("丁一")
    qtbot.keyClick(contests.outside, Qt.Key.Key_Return)
    harness.idle()
    assert len(asked) == 1 and "作废" in asked[0], asked
    assert "一团" in asked[0] and "导入时会被拒收" in asked[0], asked
    assert len(contests.ballot_names()) == 5  # (the user said no: nothing changed)


# --- audit log ----------------------------------------------------------------------------------


def test_audit_log_filters_and_verifies(harness: Harness, election: Path, qtbot: QtBot) -> None:
    checkin = harness.page("prep.checkin", CheckinPage)
    checkin.input.setText("P001")
    qtbot.keyClick(checkin.input, Qt.Key.Key_Return)
    harness.idle()
    page = harness.page("records.audit", AuditPage)
    assert page.model.rowCount() >= 2
    page.event_box.setCurrentIndex(page.event_box.findData("checkin.added"))
    assert page.proxy.rowCount() == 1
    shown = page.proxy.data(page.proxy.index(0, 4))
    assert "P001 王小明" in str(shown)
    qtbot.mouseClick(page.verify_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.report is not None, timeout=5000)
    assert page.report is not None and page.report.ok
    assert "文件完好" in page.result.text()


# --- entry point, operator, translations --------------------------------------------------------


def test_make_run_without_a_screen_runs_the_demo_headless(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "demo"
    make_election(folder / "district.huanjie")  # already built: the demo is not rebuilt
    for var in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"):
        monkeypatch.delenv(var, raising=False)
    assert not has_display() or sys.platform in ("win32", "darwin")
    code = gui_main(["--or-headless-demo", str(folder), str(folder / "district.huanjie")])
    out = capsys.readouterr().out
    assert code == 0
    assert "没有可用的屏幕" in out and "No screen is available" in out
    assert "中国共产党测试区第一次代表大会" in out and "应选   3" in out
    assert str(folder.resolve()) in out and "district.huanjie" in out
    # started without a screen and without make run's demo: said in words, exit 1 (Qt
    # aborted with its own words about platform plugins)
    if sys.platform not in ("win32", "darwin"):
        code = gui_main([str(folder / "district.huanjie")])
        err = capsys.readouterr().err
        assert code == 1 and "No screen is available" in err and "没有可用的屏幕" in err


def test_operator_is_shown_and_recorded(harness: Harness, election: Path, qtbot: QtBot) -> None:
    assert "操作员：测试员" in harness.window.operator_button.text()
    harness.ctx.set_operator("李四")
    assert "李四" in harness.window.windowTitle()
    page = harness.page("prep.checkin", CheckinPage)
    page.input.setText("P002")
    qtbot.keyClick(page.input, Qt.Key.Key_Return)
    harness.idle()
    with open_election_file(election, "t") as db:
        who = db.con.execute("SELECT operator FROM audit WHERE event = 'checkin.added'").fetchone()
    assert who[0] == "李四"


def test_english_translation_is_complete_and_pseudo_stretches(tmp_path: Path, qtbot: QtBot) -> None:
    ts = resources_dir() / "i18n" / "huanjie_en.ts"
    assert unfinished(ts) == [], "strings without English in huanjie_en.ts"
    qm = tmp_path / "huanjie_en.qm"
    subprocess.run(
        [tool("pyside6-lrelease"), str(ts), "-qm", str(qm)], check=True, capture_output=True
    )
    english = QTranslator()
    assert english.load(str(qm))
    assert english.translate("pages", "选举概况") == "Overview"
    assert english.translate("CheckinPage", "未到") == "Absent"
    pseudo = PseudoTranslator()
    stretched = pseudo.translate("pages", "选举概况")
    assert stretched.startswith("⟦选举概况") and len(stretched) > len("选举概况") + 2


def test_new_election_from_excel_lists_every_problem_then_opens(
    harness: Harness, tmp_path: Path, qtbot: QtBot
) -> None:
    from huanjie_desktop.reports.workbook import write_template

    data = small_definition()
    data["people"][4]["gender"] = "M"  # row 6 of 代表名单
    data["contests"][0]["candidates"] = data["contests"][0]["candidates"][:3]  # no margin
    book = tmp_path / "def.xlsx"
    write_template(book, data)
    target = tmp_path / "new.huanjie"
    harness.window.new_from_workbook(book, target)
    qtbot.waitUntil(lambda: harness.window.last_problems is not None, timeout=10000)
    dialog = harness.window.last_problems
    assert dialog is not None
    rows = [r[:4] for r in dialog.rows()]
    assert ("错误", "代表名单", "6", "性别") in rows
    assert any(r[1] == "选举事项" for r in rows)
    assert not target.exists()
    dialog.close()

    write_template(book, small_definition())
    harness.window.new_from_workbook(book, target)
    qtbot.waitUntil(lambda: harness.ctx.session is not None, timeout=10000)
    assert target.exists() and harness.ctx.path == target
    assert harness.window.central.currentWidget() is harness.window.workspace


def test_a_file_that_is_not_an_election_is_refused_in_words(
    harness: Harness, tmp_path: Path, qtbot: QtBot
) -> None:
    junk = tmp_path / "notes.huanjie"
    junk.write_text("shopping list", encoding="utf-8")
    harness.window.open_file(junk)
    qtbot.waitUntil(lambda: harness.window.last_message is not None, timeout=5000)
    box = harness.window.last_message
    assert box is not None and "不是选举文件" in box.text()
    assert harness.ctx.session is None
    assert harness.window.central.currentWidget() is harness.window.welcome


def test_printing_through_qprinter_paints_every_sheet_off_the_gui_thread(
    harness: Harness, election: Path, tmp_path: Path, qtbot: QtBot
) -> None:
    page = harness.page("prep.ballots", BallotsPage)
    printer = QPrinter()
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)  # a "printer" we can read back
    out = tmp_path / "printed.pdf"
    printer.setOutputFileName(str(out))
    page.count.setValue(2)
    page.print_to(printer)
    qtbot.waitUntil(lambda: page.last_pdf is not None, timeout=30000)
    info = subprocess.run(["pdfinfo", str(out)], capture_output=True, text=True, check=True)
    assert re.search(r"^Pages:\s+2$", info.stdout, re.MULTILINE)
    qtbot.waitUntil(lambda: page.runs.rowCount() == 1, timeout=5000)


def test_audit_entries_read_as_words(qtbot: QtBot) -> None:
    # The log's content column said 'by: ["袁超涛"]' and 'decided: {"accept": true, …}'.
    from huanjie_desktop.gui.pages.audit import _keys, detail_text

    text = detail_text(
        {
            "by": ["袁超涛", "陈刚平"],
            "decided": {"accept": True, "marks": "AAADAND", "valid": True, "writeins": []},
            "counts": {"counted": 11, "review": 3},
            "person": "P0001",
        },
        {"P0001": "王小明"},
        _keys(),
    )
    assert "经手人：袁超涛、陈刚平" in text
    assert "决定：其余按机器读数 是，标记 AAADAND，有效 是，另选他人 —" in text
    assert "各类张数：计入 11，待审核 3" in text and "代表：P0001 王小明" in text
    assert "{" not in text and "[" not in text
    # (a results package stating its station has finished; a restore's records lost here)
    text = detail_text(
        {"done": ["WY/1"], "lost_here": {"sheets": 3, "manual_entries": 1, "box_counts": 2}},
        {},
        _keys(),
    )
    assert "声明计票完毕的轮次：WY/1" in text, text
    assert "本机记录的、已不在文件中的：选票 3，手工录入 1，票箱张数 2" in text, text


def test_audit_codes_are_shown_in_words(qtbot: QtBot) -> None:
    # The log in Chinese said 'status：provisional', '原因 mark_beside_box', '报告单：tally、
    # elected', '计票机：main' and 'reason：accept': the app's codes, not words.
    from huanjie_desktop.gui.pages.audit import _keys, detail_text

    text = detail_text(
        {
            "papers": ["tally", "elected"],
            "status": "provisional",
            "station": "main",
            "reason": "accept",
            "was": "counted",
            "machine": {"marks": "AD", "reasons": ["mark_beside_box"]},
        },
        {},
        _keys(),
    )
    assert "报告单：计票结果报告单、当选名单" in text, text
    assert "状态：暂定" in text and "计票机：本机（主计票机）" in text, text
    assert "原因：按机器读数" in text and "原状态：已计入" in text, text
    assert "mark_beside_box" not in text and "原因 候选人格内方格外有笔迹" in text, text
    # (a note a person typed is shown as typed)
    assert "原因：多出的一张" in detail_text({"reason": "多出的一张"}, {}, _keys())
