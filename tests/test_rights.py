"""Who may do what, enforced in the app layer: every use case refuses the wrong role with
NotAllowed and lets the right one through, directly and through the command line; a station
laptop refuses definition edits; a file without accounts needs no sign-in; the desktop app
signs in with a password and shows a refusal in a dialog."""

from __future__ import annotations

import dataclasses
import json
import shutil
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt

from huanjie_desktop.app import accounts as acc
from huanjie_desktop.app import ballots, counting, election, prepare
from huanjie_desktop.app.accounts import NotAllowed, Role
from huanjie_desktop.app.stations import DefinitionReadOnly
from huanjie_desktop.cli.main import main
from huanjie_desktop.domain.model import OfficialRole, Unit
from huanjie_desktop.gui.pages.checkin import CheckinPage
from huanjie_desktop.storage import counting as store
from huanjie_desktop.storage import repo
from huanjie_desktop.storage.db import ElectionDB, open_election_file
from tests.sheet_rows import (
    ballot_order,
    check_in,
    insert_counted,
    insert_sheet,
    make_election,
    marks,
)
from tests.test_gui_prep import Harness
from tests.test_stations import make_station

QtBot = Any  # pytest-qt ships no type information
PW = "secret 123"
# Account names are roster names (tests/sheet_rows.py): 吴芳 P10 is the contest's counter,
# 徐明 P11 its scrutineer, 孙杰 P12 its chief scrutineer.
NAMES = {
    Role.ADMIN: "admin",
    Role.COUNTER: "吴芳",
    Role.SCRUTINEER: "徐明",
    Role.CHIEF_SCRUTINEER: "孙杰",
}
EVERYONE = frozenset(Role)
A, C, S, H = Role.ADMIN, Role.COUNTER, Role.SCRUTINEER, Role.CHIEF_SCRUTINEER


def add_accounts(path: Path) -> None:
    with open_election_file(path, "setup") as db:
        acc.add_account(db, "admin", Role.ADMIN, PW, None)
        admin = acc.authenticate(db, "admin", PW)
        for role, name in NAMES.items():
            if role is not Role.ADMIN:
                acc.add_account(db, name, role, PW, admin)


def hold_r1(db: ElectionDB) -> None:
    """Eight ballots for c01 and c02, and one sheet held for review (c02 unclear)."""
    order = ballot_order(db, "WY", 1)
    insert_counted(db, "WY", 1, [marks(order, {"c01": "A", "c02": "A"})] * 8, 3)
    insert_sheet(
        db,
        "r1",
        "WY",
        1,
        marks(order, {"c01": "A", "c02": "?"}),
        status="review",
        reasons=["unclear_mark"],
        writeins=[{"column": 1, "has_name": True, "mark": "agree"}],
    )


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An election with accounts and people P01–P08 checked in."""
    path = make_election(tmp_path_factory.mktemp("rights") / "template.huanjie")
    with open_election_file(path, "setup") as db:
        check_in(db, [f"P{i:02d}" for i in range(1, 9)])
    add_accounts(path)
    return path


@pytest.fixture
def path(template: Path, tmp_path: Path) -> Path:
    target = tmp_path / "e.huanjie"
    shutil.copy(template, target)
    return target


@pytest.fixture
def db(path: Path) -> Iterator[ElectionDB]:
    d = open_election_file(path, "tester")
    yield d
    d.close()


@pytest.fixture
def who(db: ElectionDB) -> dict[Role, acc.Session]:
    return {role: acc.authenticate(db, name, PW) for role, name in NAMES.items()}


def check(
    who: dict[Role, acc.Session],
    allowed: frozenset[Role] | set[Role],
    call: Callable[[acc.Session], object],
    what: str,
) -> None:
    """Every role outside ``allowed`` is refused (NotAllowed); the first allowed role (in
    admin, counter, scrutineer, chief order) succeeds; the other allowed ones are not refused
    for their role (they may be refused for another reason: the work is done already)."""
    first = True
    for role in Role:
        session = who[role]
        if role not in allowed:
            with pytest.raises(NotAllowed):
                call(session)
            continue
        if first:
            call(session)
            first = False
            continue
        try:
            call(session)
        except NotAllowed as exc:
            raise AssertionError(f"{what}: {role} refused: {exc.en}") from None
        except Exception:
            pass


# --- the app layer ------------------------------------------------------------------------


def test_preparation_needs_the_admin(
    db: ElectionDB, who: dict[Role, acc.Session], tmp_path: Path
) -> None:
    p01 = repo.read_person(db, "P01")
    wy = repo.read_contest(db, "WY")
    assert p01 is not None and wy is not None
    book = tmp_path / "roster.xlsx"
    admin = {A}
    check(who, {A, H}, lambda s: prepare.export_workbook(db, book, operator=s), "export")
    cases: list[tuple[str, Callable[[acc.Session], object]]] = [
        (
            "save_unit",
            lambda s: prepare.save_unit(db, Unit("U9", "第九团"), is_new=True, operator=s),
        ),
        (
            "save_person",
            lambda s: prepare.save_person(
                db, dataclasses.replace(p01, workplace="区委办"), is_new=False, operator=s
            ),
        ),
        ("delete_person", lambda s: prepare.delete_person(db, "P09", operator=s)),
        ("import_roster", lambda s: prepare.import_roster(db, book, operator=s)),
        (
            "save_contest",
            lambda s: prepare.save_contest(
                db, dataclasses.replace(wy, title="委员"), is_new=False, operator=s
            ),
        ),
        ("add_candidate", lambda s: prepare.add_candidate(db, "WY", name="欧阳修", operator=s)),
        ("move_candidate", lambda s: prepare.move_candidate(db, "WY", "c01", 1, operator=s)),
        ("reset_order", lambda s: prepare.reset_order(db, "WY", operator=s)),
        ("delete_candidate", lambda s: prepare.delete_candidate(db, "WY", "c06", operator=s)),
        (
            "set_official",
            lambda s: prepare.set_official(db, "WY", "P08", OfficialRole.COUNTER, operator=s),
        ),
        (
            "remove_official",
            lambda s: prepare.remove_official(db, "WY", "P08", OfficialRole.COUNTER, operator=s),
        ),
        ("check_in", lambda s: election.check_in(db, ["P08"], undo=True, operator=s)),
        (
            "print_ballots",
            lambda s: ballots.print_ballots(db, "WY", 1, 2, tmp_path / "b.pdf", operator=s),
        ),
        ("print_badges", lambda s: ballots.print_badges(db, "U1", tmp_path / "c.pdf", operator=s)),
    ]
    for what, call in cases:
        check(who, admin, call, what)
    serial = db.con.execute("SELECT serial FROM serials LIMIT 1").fetchone()[0]
    check(who, admin, lambda s: ballots.spoil(db, serial, "污损", operator=s), "spoil")
    events = [r[0] for r in db.con.execute("SELECT event FROM audit")]
    for event in ("unit.saved", "person.deleted", "candidate.deleted", "ballots.spoiled"):
        assert event in events
    assert "U9" in {u.code for u in repo.read_units(db)}
    assert [c.title for c in repo.read_contests(db)] == ["委员"]


def test_counting_rights_and_who_acts(
    db: ElectionDB, who: dict[Role, acc.Session], tmp_path: Path
) -> None:
    hold_r1(db)

    def decide(s: acc.Session, by: str = "") -> counting.DecisionOutcome:
        return counting.decide(db, "r1", {"c02": "agree"}, {1: ""}, by=by, operator=s)

    # scan: box counts and manual entry, everyone; the station is this laptop by default
    check(
        who,
        EVERYONE,
        lambda s: ballots.record_box_count(db, "WY", 1, "1", 9, 9, operator=s),
        "box",
    )
    assert {b.station for b in ballots.box_totals(db, "WY", 1).boxes} == {"main"}
    roles = list(Role)
    for n, role in enumerate(roles):
        out = counting.manual_entry(db, "WY", 1, f"M-{role}", {"c01": "agree"}, operator=who[role])
        assert out.status == "first"
        entry = store.manual_entries(db, "WY", 1, f"M-{role}")[0]
        assert entry.entered_by == NAMES[role]  # by defaults to the signed-in operator
        # (the second entry, another person's: a ballot entered once is pending, and the
        # round is not final until it counts)
        second = roles[(n + 1) % len(roles)]
        again = counting.manual_entry(
            db, "WY", 1, f"M-{role}", {"c01": "agree"}, operator=who[second]
        )
        assert again.status == "counted"
    # (in a box of their own: a box holds no more ballots than the 12 voters)
    ballots.record_box_count(db, "WY", 1, "2", len(roles), len(roles), operator=who[A])
    # decide: not the admin; by is the operator, and must be
    check(who, {C, S, H}, decide, "decide")
    with pytest.raises(NotAllowed) as e:
        decide(who[C], by="徐明")
    assert "cannot act as" in e.value.en
    decide(who[C], by="P10")  # 吴芳's own roster code
    assert store.open_decision(db, "r1") is not None
    # confirm: a scrutineer, not the counter or the admin (and not the one who decided)
    check(who, {S, H}, lambda s: counting.confirm(db, "r1", operator=s), "confirm")
    assert store.read_sheet(db, "r1") is not None
    assert store.open_decision(db, "r1") is None
    # the decision is confirmed: changing it is an overrule, the chief's alone
    check(who, {H}, decide, "overrule")
    counting.confirm(db, "r1", operator=who[S])
    # view and export
    check(who, EVERYONE, lambda s: counting.tally(db, "WY", operator=s), "tally")
    check(
        who,
        EVERYONE,
        lambda s: counting.report(db, "WY", 1, tmp_path / f"{s.name}.pdf", operator=s),
        "report",
    )
    check(who, {A, H}, lambda s: counting.export_xlsx(db, tmp_path / "t.xlsx", operator=s), "xlsx")
    # a new round is preparation (only a proposal here: nothing is created)
    check(
        who,
        {A},
        lambda s: counting.open_round(db, "WY", "supplementary", operator=s),
        "open_round",
    )
    # certify: the chief, who must be among the names
    with pytest.raises(NotAllowed) as e:
        counting.certify(db, "WY", 1, "徐明", operator=who[H])
    assert "must include you" in e.value.en
    check(who, {H}, lambda s: counting.certify(db, "WY", 1, operator=s), "certify")
    frozen = store.frozen_round(db, "WY", 1)
    assert frozen is not None and frozen.certified_by == "孙杰"


def test_a_station_laptop_refuses_definition_edits(tmp_path: Path) -> None:
    main_file = make_election(tmp_path / "main.huanjie")
    station = make_station(tmp_path, main_file, "一团")
    with open_election_file(station, "分团管理员") as db:
        with pytest.raises(DefinitionReadOnly):
            prepare.save_unit(db, Unit("U9", "第九团"), is_new=True)
        with pytest.raises(DefinitionReadOnly):
            prepare.add_candidate(db, "WY", name="欧阳修")
        with pytest.raises(DefinitionReadOnly):
            ballots.print_ballots(db, "WY", 1, 1, tmp_path / "b.pdf")
        with pytest.raises(DefinitionReadOnly):
            counting.open_round(db, "WY", "supplementary")
        with pytest.raises(NotAllowed):
            election.check_in(db, ["P01"])
        with pytest.raises(NotAllowed):
            counting.certify(db, "WY", 1, "孙杰")
        # counting-room work is done here, under the station's name
        ballots.record_box_count(db, "WY", 1, "1", issued=5)
        assert [b.station for b in ballots.box_totals(db, "WY", 1).boxes] == ["一团"]
        counting.manual_entry(db, "WY", 1, "M-1", {"c01": "agree"}, by="吴芳")


def test_a_station_made_from_a_file_with_accounts_checks_them_too(
    path: Path, tmp_path: Path
) -> None:
    """The station file had no accounts (single desk): anyone there could confirm a
    decision "by 孙杰" without a password, and the main laptop counted it. The package
    brings the main laptop's accounts; rights are checked on the station as here, nobody
    adds an account there, and anyone signed in there may export its results."""
    from huanjie_desktop.app.stations import export_results, export_station, open_station_package

    with open_election_file(path, "admin") as db:
        admin = acc.authenticate(db, "admin", PW)
        export_station(db, "一团", tmp_path / "st.zip", operator=admin)
    station = tmp_path / "一团.huanjie"
    open_station_package(tmp_path / "st.zip", station, "分团")
    with open_election_file(station, "分团") as db:
        assert acc.has_accounts(db)
        hold_r1(db)
        with pytest.raises(NotAllowed):
            counting.decide(db, "r1", marks={"c02": "agree"}, writeins={1: ""}, by="孙杰")
        who = {role: acc.authenticate(db, name, PW) for role, name in NAMES.items()}
        with pytest.raises(NotAllowed):
            acc.add_account(db, "冒名", Role.CHIEF_SCRUTINEER, PW, who[Role.ADMIN])
        counting.decide(
            db, "r1", marks={"c02": "agree"}, writeins={1: ""}, operator=who[Role.COUNTER]
        )
        with pytest.raises(NotAllowed):  # (the counter who decided cannot also confirm)
            counting.confirm(db, "r1", "", operator=who[Role.COUNTER])
        counting.confirm(db, "r1", "", operator=who[Role.SCRUTINEER])
        export_results(db, tmp_path / "r.zip", operator=who[Role.COUNTER])


def test_single_desk_needs_no_operator(tmp_path: Path) -> None:
    path = make_election(tmp_path / "e.huanjie")
    with open_election_file(path, "tester") as db:
        assert not acc.has_accounts(db)
        prepare.save_unit(db, Unit("U9", "第九团"), is_new=True)
        election.check_in(db, ["P01"])
        ballots.record_box_count(db, "WY", 1, "1", issued=5)
        counting.tally(db, "WY")
        with pytest.raises(counting.CountingRefused):  # without accounts, --by is needed
            counting.manual_entry(db, "WY", 1, "M-1", {"c01": "agree"})


# --- the command line -----------------------------------------------------------------------


def cli(capsys: pytest.CaptureFixture[str], role: Role | None, *argv: str) -> tuple[int, str]:
    who = ["--operator", NAMES[role]] if role is not None else []
    code = main(["--lang", "en", *who, *argv])
    out = capsys.readouterr()
    return code, out.out + out.err


def test_cli_signs_in_and_refuses_the_wrong_role(
    path: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setenv("HUANJIE_PASSWORD", PW)
    f = str(path)
    with open_election_file(path, "t") as db:
        hold_r1(db)

    def refused_then_done(wrong: Role, right: Role, *argv: str) -> str:
        code, text = cli(capsys, wrong, *argv)
        assert code == 1, (argv, text)
        assert "may not" in text and "Sign in as someone with that right" in text, text
        code, text = cli(capsys, right, *argv)
        assert code == 0, (argv, text)
        return text

    refused_then_done(C, A, "checkin", f, "--person", "P09")
    refused_then_done(C, A, "badges", f, "--out", str(tmp_path / "cards.pdf"))
    pdf = tmp_path / "ballots.pdf"
    refused_then_done(
        C, A, "ballots", "print", f, "--contest", "WY", "--count", "2", "--out", str(pdf)
    )
    with open_election_file(path, "t") as db:
        serial = db.con.execute("SELECT serial FROM serials LIMIT 1").fetchone()[0]
    refused_then_done(C, A, "ballots", "spoil", f, "--serial", serial, "--reason", "torn")
    for which in ("issued", "collected"):
        code, text = cli(capsys, C, "ballots", which, f, "--contest", "WY", "9")
        assert code == 0, text
    decide = ["review", "decide", f, "r1", "--mark", "c02=agree", "--writein", "1="]
    refused_then_done(A, C, *decide)
    code, text = cli(capsys, C, *decide, "--by", "徐明")
    assert code == 1 and "cannot act as" in text
    refused_then_done(C, S, "review", "confirm", f, "r1")
    code, text = cli(capsys, S, *decide)
    assert code == 1 and "overrule" in text  # confirmed already: the chief's alone
    code, text = cli(
        capsys, A, "manual", f, "--contest", "WY", "--label", "M1", "--mark", "c01=agree"
    )
    assert code == 0 and "entered once" in text, text
    code, text = cli(capsys, C, "tally", f, "--contest", "WY", "--json")
    # (entered once: pending until a second person enters it)
    assert code == 0 and json.loads(text)["status"] == "provisional"
    code, text = cli(
        capsys, C, "manual", f, "--contest", "WY", "--label", "M1", "--mark", "c01=agree"
    )
    assert code == 0, text
    for which in ("issued", "collected"):
        code, text = cli(capsys, C, "ballots", which, f, "--contest", "WY", "10")
        assert code == 0, text
    code, text = cli(capsys, C, "tally", f, "--contest", "WY", "--json")
    assert code == 0 and json.loads(text)["status"] == "final", text
    out = refused_then_done(
        C, A, "round", "new", f, "--contest", "WY", "--kind", "supplementary", "--propose"
    )
    assert "proposal" in out
    refused_then_done(S, H, "certify", f, "--contest", "WY", "--round", "1")
    refused_then_done(C, H, "export-xlsx", f, "--out", str(tmp_path / "t.xlsx"))
    code, text = cli(capsys, C, "report", f, "--contest", "WY", "--out", str(tmp_path / "r.pdf"))
    assert code == 0, text
    # the plenary's workbook reads the result as any signed-in person may (it asked no one)
    plenary = ["template", str(tmp_path / "p.xlsx"), "--plenary-of", f, "--contest", "WY"]
    code, text = cli(capsys, None, *plenary)
    assert code == 1 and "sign in" in text, text
    code, text = cli(capsys, C, *plenary)
    assert code == 0 and (tmp_path / "p.xlsx").exists(), text
    # a wrong password, and no password at all, are refused before anything is done
    monkeypatch.setenv("HUANJIE_PASSWORD", "wrong")
    code, text = cli(capsys, H, "tally", f, "--contest", "WY")
    assert code == 1 and "wrong name or password" in text
    monkeypatch.delenv("HUANJIE_PASSWORD")
    monkeypatch.setattr("sys.stdin.isatty", lambda: False, raising=False)
    code, text = cli(capsys, H, "tally", f, "--contest", "WY")
    assert code == 1 and "HUANJIE_PASSWORD" in text
    with open_election_file(path, "t") as db:
        who = {
            r[0]
            for r in db.con.execute("SELECT operator FROM audit WHERE event = 'round.certified'")
        }
        assert who == {"孙杰"}


def test_cli_without_accounts_asks_no_password(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.delenv("HUANJIE_PASSWORD", raising=False)
    f = str(make_election(tmp_path / "e.huanjie"))
    code, text = cli(capsys, None, "checkin", f, "--person", "P01")
    assert code == 0, text
    code, text = cli(capsys, None, "ballots", "issued", f, "--contest", "WY", "3")
    assert code == 0, text
    code, text = cli(capsys, None, "tally", f, "--contest", "WY")
    assert code == 0, text
    code, text = cli(capsys, None, "manual", f, "--contest", "WY", "--label", "M1")
    assert code == 1 and "--by" in text  # without accounts nobody is signed in to default to


# --- the desktop app ----------------------------------------------------------------------------


@pytest.fixture
def harness(qtbot: QtBot, tmp_path: Path) -> Iterator[Harness]:
    before = {t.ident for t in threading.enumerate()}
    h = Harness(qtbot, tmp_path)
    yield h
    h.close()
    left = [t for t in threading.enumerate() if t.ident not in before and t.is_alive()]
    assert not left, f"threads left running: {left}"


def signed_in_as(ctx: Any) -> tuple[str, Role] | None:
    account: acc.Session | None = ctx.account
    return None if account is None else (account.name, account.role)


def test_gui_signs_in_with_a_password_and_shows_a_refusal(
    harness: Harness, path: Path, qtbot: QtBot
) -> None:
    w, ctx = harness.window, harness.ctx
    harness.open(path)
    qtbot.waitUntil(lambda: w.last_sign_in is not None, timeout=5000)
    dialog = w.last_sign_in
    assert dialog is not None and dialog.with_password and dialog.password.isVisible()
    assert ctx.account is None and "未登录" in w.operator_button.text()
    # a wrong password: said in the dialog, which stays open
    dialog.name.setCurrentText("吴芳")
    dialog.password.setText("wrong")
    dialog.accept()
    qtbot.waitUntil(dialog.problem.isVisible, timeout=5000)
    assert "用户名或密码错误" in dialog.problem.text() and dialog.isVisible()
    dialog.password.setText(PW)
    dialog.accept()
    qtbot.waitUntil(lambda: ctx.account is not None, timeout=5000)
    assert signed_in_as(ctx) == ("吴芳", Role.COUNTER)
    assert not dialog.isVisible()
    assert "吴芳（计票人）" in w.operator_button.text() and "吴芳（计票人）" in w.windowTitle()
    # a counter may not check people in: the refusal is shown in a dialog
    page = harness.page("prep.checkin", CheckinPage)
    page.input.setText("P09")
    qtbot.keyClick(page.input, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: w.last_message is not None, timeout=5000)
    box = w.last_message
    assert box is not None
    assert box.windowTitle() == "无权进行此操作"
    assert "只有管理员可以" in box.text() and "操作员" in box.text()
    harness.idle()
    box.close()
    with open_election_file(path, "t") as db:
        assert db.con.execute("SELECT 1 FROM checkins WHERE person = 'P09'").fetchone() is None
    # the admin signs in through the operator menu and may
    w.change_operator()
    again = w.last_sign_in
    assert again is not None and again is not dialog
    again.name.setCurrentText("admin")
    again.password.setText(PW)
    again.accept()
    qtbot.waitUntil(lambda: signed_in_as(ctx) == ("admin", Role.ADMIN), timeout=5000)
    page.input.setText("P09")
    qtbot.keyClick(page.input, Qt.Key.Key_Return)
    harness.idle()
    with open_election_file(path, "t") as db:
        row = db.con.execute(
            "SELECT operator FROM audit WHERE event = 'checkin.added' ORDER BY seq DESC"
        ).fetchone()
    assert row is not None and row[0] == "admin"


def test_scanning_needs_a_signed_in_operator_and_names_the_station(
    db: ElectionDB, who: dict[Role, acc.Session], tmp_path: Path
) -> None:
    """Every role may scan; nobody unsigned may, once the file has accounts. A scan run that
    stores sheets leaves a rolling backup behind."""
    from huanjie_desktop.app.backup import list_backups
    from huanjie_desktop.app.scan import scan_paths

    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "not-a-ballot.png").write_bytes(b"\x89PNG\r\n\x1a\n broken")
    with pytest.raises(NotAllowed):
        scan_paths(db, [folder], workers=1)
    results = list(scan_paths(db, [folder], workers=1, operator=who[Role.COUNTER]))
    assert [str(r.status) for r in results] == ["rejected"]
    station = db.con.execute("SELECT station FROM sheets").fetchone()[0]
    assert station == "main"
    assert any(b.kind == "auto" for b in list_backups(db.path))
