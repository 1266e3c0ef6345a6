"""Taking a mistaken hand entry or an extra sheet out of a round's count (review withdraw):
proposed by a scrutineer, in effect once another confirms, kept on record, listed and
reversible — and the round can then be certified, its sheets matching 收回."""

from __future__ import annotations

import shutil
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from huanjie_desktop.app import counting
from huanjie_desktop.app.verify import integrity_problems
from huanjie_desktop.storage.db import ElectionDB, verify_audit_chain
from tests.sheet_rows import (
    ballot_order,
    check_in,
    insert_counted,
    insert_sheet,
    make_election,
    marks,
    open_db,
    set_box,
)

CHIEF, SCRUTINEER, COUNTER = "徐明", "孙杰", "赵强"  # P12, P11, P10 of sheet_rows.definition


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_election(tmp_path_factory.mktemp("tpl") / "template.huanjie")


@pytest.fixture
def path(template: Path, tmp_path: Path) -> Path:
    target = tmp_path / "e.huanjie"
    shutil.copy(template, target)
    return target


@pytest.fixture
def db(path: Path) -> Iterator[ElectionDB]:
    d = open_db(path)
    check_in(d)
    yield d
    d.close()


def _scanned(db: ElectionDB, n: int) -> None:
    order = ballot_order(db, "WY", 1)
    insert_counted(db, "WY", 1, [marks(order, {"c01": "A", "c02": "A"})] * n, 3)


def _lone_entry(db: ElectionDB) -> None:
    """Paper 1 entered by both clerks as A-001; paper 2 labelled A-002 by one clerk and A-02
    by the other, then entered again under A-02: A-002 stays a lone entry for good."""
    set_box(db, "WY", 1, 2, 2)
    for who in ("计票甲", "计票乙"):
        counting.manual_entry(db, "WY", 1, "A-001", {"c01": "agree"}, by=who)
    counting.manual_entry(db, "WY", 1, "A-002", {"c02": "agree"}, by="计票甲")
    counting.manual_entry(db, "WY", 1, "A-02", {"c02": "agree"}, by="计票乙")
    assert counting.manual_entry(db, "WY", 1, "A-02", {"c02": "agree"}, by="计票甲").status == (
        "counted"
    )


def test_a_lone_hand_entry_is_named_with_what_to_do(db: ElectionDB) -> None:
    _lone_entry(db)
    with pytest.raises(counting.CountingRefused) as e:
        counting.certify(db, "WY", 1, SCRUTINEER)
    # (not "sheets await review": review list has none — the label, and both ways out)
    assert "A-002" in e.value.zh and "review withdraw" in e.value.zh and "manual" in e.value.zh
    assert "待审核" not in e.value.zh
    assert "A-002" in e.value.en and "--confirm" in e.value.en


def test_a_lone_hand_entry_is_withdrawn_by_two_scrutineers(db: ElectionDB) -> None:
    _lone_entry(db)
    with pytest.raises(counting.CountingRefused):  # a reason is required
        counting.withdraw(db, "WY", 1, label="A-002", by=CHIEF)
    with pytest.raises(counting.CountingRefused):  # a counter is no scrutineer
        counting.withdraw(db, "WY", 1, label="A-002", reason="标签打错", by=COUNTER)
    out = counting.withdraw(db, "WY", 1, label="A-002", reason="标签打错，已按 A-02 录入", by=CHIEF)
    assert out.state == "proposed" and out.sheet is None
    assert counting.tally(db, "WY")["status"] == "provisional"  # not in effect yet
    with pytest.raises(counting.CountingRefused):  # not by the one who proposed it
        counting.confirm_withdrawal(db, "WY", 1, label="A-002", by=CHIEF)
    done = counting.confirm_withdrawal(db, "WY", 1, label="A-002", by=SCRUTINEER)
    assert (done.state, done.confirmed_by) == ("withdrawn", SCRUTINEER)
    doc = counting.tally(db, "WY")
    assert (doc["status"], doc["pending_review"], doc["manual_incomplete"]) == ("final", 0, [])
    assert [(w["label"], w["state"]) for w in doc["withdrawn"]] == [("A-002", "withdrawn")]
    # a label taken out is entered no more (the paper counts under A-02)
    with pytest.raises(counting.CountingRefused) as e:
        counting.manual_entry(db, "WY", 1, "A-002", {"c02": "agree"}, by="计票乙")
    assert "--restore" in e.value.zh
    # put back — with its reason, as it was taken out with one —: it awaits its second
    # entry again, and the round with it
    for no_reason in ("", "  "):
        with pytest.raises(counting.CountingRefused) as e:
            counting.restore(db, "WY", 1, label="A-002", reason=no_reason, by=SCRUTINEER)
        assert "恢复的理由" in e.value.zh
    assert [(w["label"], w["state"]) for w in counting.tally(db, "WY")["withdrawn"]] == [
        ("A-002", "withdrawn")
    ]
    counting.restore(db, "WY", 1, label="A-002", reason="撤错了", by=SCRUTINEER)
    assert counting.tally(db, "WY")["manual_incomplete"] == ["A-002"]
    counting.withdraw(db, "WY", 1, label="A-002", reason="标签打错", by=SCRUTINEER)
    counting.confirm_withdrawal(db, "WY", 1, label="A-002", by=CHIEF)
    listed = counting.withdrawn_list(db, "WY")
    assert [(w["label"], w["state"]) for w in listed] == [
        ("A-002", "restored"),
        ("A-002", "withdrawn"),
    ]
    assert counting.certify(db, "WY", 1, f"{CHIEF}、{SCRUTINEER}").status == "certified"
    events = [r[0] for r in db.con.execute("SELECT event FROM audit ORDER BY seq")]
    assert events.count("manual.withdrawal_proposed") == 2
    assert events.count("manual.withdrawal_confirmed") == 2
    assert events.count("manual.withdrawal_restored") == 1
    assert verify_audit_chain(db.con) is None and integrity_problems(db) == []


def test_a_paper_scanned_and_entered_by_hand_is_taken_out(db: ElectionDB) -> None:
    # three papers scanned; one of them was also entered by hand under a label
    _scanned(db, 3)
    set_box(db, "WY", 1, 3, 3)
    for who in ("计票甲", "计票乙"):
        counting.manual_entry(db, "WY", 1, "B-7", {"c01": "agree", "c02": "agree"}, by=who)
    doc = counting.tally(db, "WY")
    assert doc["valid_ballots"] + doc["void_ballots"] == 4 and doc["status"] == "provisional"
    # voiding it (the old advice) still leaves 4 sheets against 收回 3
    counting.decide(db, "manual:WY:1:B-7", void_reason="已扫描", by=COUNTER)
    counting.confirm(db, "manual:WY:1:B-7", by=SCRUTINEER)
    assert counting.tally(db, "WY")["void_ballots"] == 1
    with pytest.raises(counting.CountingRefused) as e:
        counting.certify(db, "WY", 1, SCRUTINEER)
    assert "review withdraw" in e.value.zh  # the message says the way out
    out = counting.withdraw(db, "WY", 1, label="B-7", reason="已扫描，重复录入", by=CHIEF)
    assert (out.state, out.sheet) == ("proposed", "manual:WY:1:B-7")
    assert counting.review_list(db, "WY")[0]["decision"]["withdrawn"] is True
    counting.confirm_withdrawal(db, "WY", 1, label="B-7", by=SCRUTINEER)
    doc = counting.tally(db, "WY")
    assert (doc["valid_ballots"], doc["void_ballots"], doc["status"]) == (3, 0, "final")
    # put back (two scrutineers again): it stands as it did — a void sheet
    counting.restore(db, "WY", 1, label="B-7", reason="撤错了", by=SCRUTINEER)
    assert counting.tally(db, "WY")["pending_review"] == 1
    counting.confirm_withdrawal(db, "WY", 1, label="B-7", by=CHIEF)
    doc = counting.tally(db, "WY")
    assert (doc["valid_ballots"], doc["void_ballots"], doc["status"]) == (3, 1, "provisional")
    counting.withdraw(db, "WY", 1, sheet="manual:WY:1:B-7", reason="已扫描", by=SCRUTINEER)
    counting.confirm(db, "manual:WY:1:B-7", by=CHIEF)  # (a review decision like any)
    assert [w["state"] for w in counting.withdrawn_list(db)] == ["restored", "withdrawn"]
    assert counting.certify(db, "WY", 1, f"{CHIEF}、{SCRUTINEER}").status == "certified"
    assert integrity_problems(db) == []


def test_an_extra_scanned_sheet_is_taken_out(db: ElectionDB) -> None:
    _scanned(db, 3)
    set_box(db, "WY", 1, 2, 2)
    sheet = db.con.execute("SELECT id FROM sheets ORDER BY id LIMIT 1").fetchone()[0]
    counting.withdraw(db, "WY", None, sheet=sheet, reason="不是本轮的选票", by=SCRUTINEER)
    counting.confirm_withdrawal(db, None, None, sheet=sheet, by=CHIEF)
    doc = counting.tally(db, "WY")
    assert (doc["valid_ballots"], doc["status"]) == (2, "final")
    with pytest.raises(counting.CountingRefused):  # out of the count: no decision on it
        counting.decide(db, sheet, accept=True, by=COUNTER)
    assert integrity_problems(db) == []


def test_a_withdrawal_changed_outside_the_app_is_noticed(db: ElectionDB, path: Path) -> None:
    _lone_entry(db)
    counting.withdraw(db, "WY", 1, label="A-002", reason="标签打错", by=CHIEF)
    con = sqlite3.connect(path)
    con.execute("UPDATE withdrawals SET confirmed_by = '某人'")
    con.commit()
    con.close()
    assert any("withdrawal" in en or "taken out" in en for _, en in integrity_problems(db))


def test_a_circle_typed_with_a_chinese_input_method_is_agree(db: ElectionDB) -> None:
    """〇 (U+3007) is what most Chinese input methods give for ○: it was refused."""
    for who in ("计票甲", "计票乙"):
        out = counting.manual_entry(
            db, "WY", 1, "C-1", {"c01": "〇", "c02": "◯", "c03": "✕", "c04": "？"}, by=who
        )
    assert out.status == "counted"
    sheet = db.con.execute("SELECT final_marks FROM sheets WHERE id = 'manual:WY:1:C-1'")
    order = ballot_order(db, "WY", 1)
    got = dict(zip(order, sheet.fetchone()[0], strict=True))
    assert (got["c01"], got["c02"], got["c03"], got["c04"]) == ("A", "A", "D", "?")


# --- a paper taken out of the count and fed to the scanner again --------------------------------


def test_a_withdrawn_paper_scanned_again_is_held_not_counted(tmp_path: Path) -> None:
    """An extra paper taken out of the count ("no ballot of this round"), then fed again in
    the next batch in place of a real one: it counted at once (its serial was compared with
    counted and held sheets only), the round certified with it, the real one never counted.
    Real printed ballots, rendered, marked and scanned; the second scan is another image of
    the same paper."""
    import cv2

    from huanjie_desktop.app.scan import scan_paths
    from huanjie_desktop.domain.model import SheetStatus
    from tests.test_recognition import marked, print_all

    printed = print_all(tmp_path / "print", sheets=2)
    page = marked(printed.pages["SY"][0], printed.layouts["SY"], {"c01": "circle"})
    first, again = tmp_path / "b1", tmp_path / "b2"
    first.mkdir()
    again.mkdir()
    cv2.imwrite(str(first / "x.png"), page)
    cv2.imwrite(str(again / "x-again.jpg"), page, [cv2.IMWRITE_JPEG_QUALITY, 80])
    with open_db(printed.path) as db:
        (x,) = list(scan_paths(db, [first], workers=1))
        assert x.status is SheetStatus.COUNTED and x.sheet_id
        scrutineers = [name for _, name in counting._scrutineers(db, "SY")] or ["甲", "乙"]
        proposer, confirmer = scrutineers[-1], scrutineers[0]
        counting.withdraw(db, "SY", 1, sheet=x.sheet_id, reason="不是本轮的选票", by=proposer)
        counting.confirm_withdrawal(db, "SY", 1, sheet=x.sheet_id, by=confirmer)
        assert counting.tally(db, "SY")["valid_ballots"] == 0

        (y,) = list(scan_paths(db, [again], workers=1))
        # held for a person, as a counted paper fed again is: not counted at once
        assert y.status is SheetStatus.REVIEW and "serial_conflict" in y.reasons, y
        doc = counting.tally(db, "SY")
        assert (doc["valid_ballots"], doc["pending_review"]) == (0, 1)
        # the one taken out stays out, listed as before
        status = db.con.execute("SELECT status FROM sheets WHERE id = ?", (x.sheet_id,))
        assert status.fetchone()[0] == "duplicate"
        assert [w["state"] for w in doc["withdrawn"]] == ["withdrawn"]
        # "a duplicate scan of it" has nothing to be a duplicate of: said, with the way out
        assert y.sheet_id
        with pytest.raises(counting.CountingRefused) as e:
            counting.decide(db, y.sheet_id, duplicate=True, by=COUNTER)
        assert "taken out of the count" in e.value.en and "review withdraw" in e.value.en
        counting.withdraw(db, "SY", 1, sheet=y.sheet_id, reason="同一张多余的纸", by=proposer)
        counting.confirm_withdrawal(db, "SY", 1, sheet=y.sheet_id, by=confirmer)
        doc = counting.tally(db, "SY")
        assert (doc["valid_ballots"], doc["pending_review"]) == (0, 0)


# --- what the result papers say of papers taken out ---------------------------------------------


def _paper_text(db: ElectionDB, pdf: Path) -> str:
    """The round's result papers as printed, read back (pdftotext), spaces taken out."""
    import re

    from tests.test_counting import pdf_text

    counting.report(db, "WY", 1, pdf)
    return re.sub(r"\s+", "", pdf_text(pdf))


def test_the_result_papers_name_the_papers_taken_out_and_the_lone_entries(
    db: ElectionDB, tmp_path: Path
) -> None:
    """The papers the scrutineers sign said nothing of a paper taken out of the count (only
    `huanjie tally` and `review withdrawn` listed it), and "有手工录入的选票只录入了一次" named
    no label. Now the provisional paper names the lone entry, and it, the certified paper
    — the list certified with the result, under its digest — name what was taken out, why,
    by whom."""
    _lone_entry(db)
    text = _paper_text(db, tmp_path / "a.pdf")
    assert "手工录入的选票A-002只录入了一次" in text, text
    assert "撤出计票的选票" not in text  # (nothing taken out: nothing said)
    counting.withdraw(db, "WY", 1, label="A-002", reason="标签打错，已按A-02录入", by=CHIEF)
    text = _paper_text(db, tmp_path / "b.pdf")
    assert (
        "撤出计票的选票" in text
        and f"手工录入A-002：标签打错，已按A-02录入（{CHIEF}提出，待另一位监票人确认）" in text
    ), text
    counting.confirm_withdrawal(db, "WY", 1, label="A-002", by=SCRUTINEER)
    # and a scanned sheet that is no ballot of this round
    order = ballot_order(db, "WY", 1)
    insert_sheet(db, "s-x", "WY", 1, marks(order, {"c01": "A"}), seats=3, serial="SERIALX01")
    counting.withdraw(db, "WY", 1, sheet="s-x", reason="不是本轮的选票", by=SCRUTINEER)
    counting.confirm_withdrawal(db, "WY", 1, sheet="s-x", by=CHIEF)
    done = counting.certify(db, "WY", 1, f"{CHIEF}、{SCRUTINEER}")
    assert done.status == "certified"
    # the list is part of the certified result: its digest covers it
    (stored,) = db.con.execute("SELECT result_json FROM rounds WHERE contest = 'WY'").fetchone()
    assert "标签打错" in stored and counting.result_digest(stored) == done.digest
    assert counting.verify_results(db) == []
    doc = counting.tally(db, "WY")
    assert [(w["label"], w["sheet"]) for w in doc["withdrawn"]] == [("A-002", None), (None, "s-x")]
    assert "withdrawn_outside_digest" not in doc
    pdf = tmp_path / "c.pdf"
    text = _paper_text(db, pdf)
    assert f"1.手工录入A-002：标签打错，已按A-02录入（{CHIEF}提出，{SCRUTINEER}确认）" in text, text
    assert f"2.选票s-x（防伪码SERIALX01）：不是本轮的选票（{SCRUTINEER}提出，{CHIEF}确认）" in text
    assert "只录入了一次" not in text
