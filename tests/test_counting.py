"""Counting on real election files: tally, review, manual entry, rounds, certification,
verification, papers (read back with pdftotext, rendered with pdftoppm) and the Excel export."""

from __future__ import annotations

import itertools
import json
import random
import re
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from huanjie_desktop.app import counting
from huanjie_desktop.app.accounts import NotAllowed
from huanjie_desktop.cli.main import main
from huanjie_desktop.domain.model import ContestKind, Method, QuorumRule, ThresholdBase
from huanjie_desktop.domain.tally import RoundSetup, count_ballots
from huanjie_desktop.storage import counting as store
from huanjie_desktop.storage.db import ElectionDB, verify_audit_chain
from tests.sheet_rows import (
    ballot_order,
    check_in,
    definition,
    insert_counted,
    insert_sheet,
    make_election,
    marks,
    open_db,
    set_box,
)

ISSUE_KEYS = {
    "contest",
    "round",
    "expected",
    "present",
    "quorum_met",
    "issued",
    "collected",
    "round_valid",
    "valid_ballots",
    "void_ballots",
    "pending_review",
    "base",
    "threshold",
    "candidates",
    "writeins",
    "unfilled_seats",
    "tie",
    "status",
}
CANDIDATE_KEYS = {
    "code",
    "name",
    "agree",
    "disagree",
    "abstain",
    "share_valid",
    "share_base",
    "elected",
    "rank",
}


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


def votes(db: ElectionDB, rows: list[dict[str, str]], round_number: int = 1) -> list[str]:
    order = ballot_order(db, "WY", round_number)
    return [marks(order, r) for r in rows]


A3 = {"c01": "A", "c02": "A", "c03": "A"}  # a full ballot for c01..c03


def counted_round(db: ElectionDB, rows: list[dict[str, str]], boxes: bool = True) -> None:
    insert_counted(db, "WY", 1, votes(db, rows), 3)
    if boxes:
        set_box(db, "WY", 1, len(rows), len(rows))


def events(db: ElectionDB) -> list[str]:
    return [r[0] for r in db.con.execute("SELECT event FROM audit ORDER BY seq")]


# --- tally ---------------------------------------------------------------------------------------


def test_tally_json_has_the_issue_shape(db: ElectionDB) -> None:
    counted_round(db, [A3] * 8 + [{"c04": "A", "c01": "D"}] * 3 + [{}])
    doc = counting.tally(db, "WY")
    assert set(doc) >= ISSUE_KEYS
    assert all(set(c) >= CANDIDATE_KEYS for c in doc["candidates"])
    assert (doc["expected"], doc["present"], doc["quorum_met"]) == (12, 12, True)
    assert (doc["issued"], doc["collected"], doc["round_valid"]) == (12, 12, True)
    assert (doc["valid_ballots"], doc["void_ballots"], doc["pending_review"]) == (12, 0, 0)
    assert (doc["base"], doc["threshold"], doc["status"]) == (12, 7, "final")
    by = {c["code"]: c for c in doc["candidates"]}
    assert by["c01"] == {**by["c01"], "agree": 8, "disagree": 3, "abstain": 1, "elected": True}
    assert by["c01"]["share_valid"] == round(8 / 12, 4)
    assert [c["agree"] for c in doc["candidates"]] == sorted(
        (c["agree"] for c in doc["candidates"]), reverse=True
    )
    assert [e["code"] for e in doc["elected"]] == ["c01", "c02", "c03"]
    assert doc["unfilled_seats"] == 0 and doc["tie"] == []
    # published order: 姓氏笔画 (王 李 张)
    assert [e["name"] for e in doc["elected_list"]] == ["王伟", "李娜", "张敏"]
    assert doc["composition"]["total"] == 3
    assert doc["settings"]["threshold_base"] == "expected"
    json.dumps(doc)  # serialisable


def test_provisional_until_box_counts_and_reviews_are_done(db: ElectionDB) -> None:
    counted_round(db, [A3] * 9, boxes=False)
    doc = counting.tally(db, "WY")
    assert doc["status"] == "provisional" and doc["reasons"] == ["box_counts_missing"]
    assert not doc["elected"] and doc["elected_list"] == []
    set_box(db, "WY", 1, 10, 10)
    order = ballot_order(db, "WY", 1)
    insert_sheet(
        db, "held", "WY", 1, marks(order, {"c01": "?"}), status="review", reasons=["unclear_mark"]
    )
    doc = counting.tally(db, "WY")
    assert doc["status"] == "provisional" and doc["pending_review"] == 1
    assert not any(c["elected"] for c in doc["candidates"])


def test_collected_more_than_issued_voids_the_round(db: ElectionDB) -> None:
    counted_round(db, [A3] * 10, boxes=False)
    set_box(db, "WY", 1, 9, 10)
    doc = counting.tally(db, "WY")
    assert doc["round_valid"] is False and doc["status"] == "void"
    assert doc["elected"] == [] and doc["unfilled_seats"] == 3


def test_fast_count_equals_the_reference_count(db: ElectionDB) -> None:
    rnd = random.Random(7)
    order = ballot_order(db, "WY", 1)
    illegible = over = 0
    for round_number in range(2, 14):  # sheets need no round row: use spare round numbers
        for i in range(rnd.randint(0, 60)):
            m = "".join(rnd.choice("AAADN?") for _ in order)
            ws: list[dict[str, Any]] = []
            if rnd.random() < 0.2:
                ws = [
                    {
                        "column": 1,
                        "name": rnd.choice(["张三", "李四", ""]),
                        "person": rnd.choice([None, "P07"]),
                        "mark": rnd.choice(["agree", "abstain"]),
                    }
                ]
            if rnd.random() < 0.2:  # a name nobody can read: a choice, no vote
                ws.append(
                    {
                        "column": 2,
                        "name": "",
                        "person": None,
                        "mark": rnd.choice(["agree", "abstain", "disagree"]),
                        "illegible": True,
                    }
                )
            insert_sheet(
                db, f"x{round_number}-{i}", "WY", round_number, m, seats=3, final_writeins=ws
            )
            if rnd.random() < 0.1:  # a decided-void sheet
                db.con.execute(
                    "UPDATE sheets SET final_valid = 0 WHERE id = ?", (f"x{round_number}-{i}",)
                )
        fast = store.round_counts(db, "WY", round_number, len(order), 3)
        slow = count_ballots(store.counted_records(db, "WY", round_number), len(order), 3)
        assert fast == slow, round_number
        illegible += fast.writeins_illegible
        over += fast.over_voted
    assert illegible and over  # (the draws did hold both)


def test_sheet_with_a_wrong_mark_string_is_refused(db: ElectionDB) -> None:
    insert_sheet(db, "bad", "WY", 1, "AAN", seats=3)
    with pytest.raises(counting.CountingRefused) as e:
        counting.tally(db, "WY")
    assert "bad" in e.value.en


# --- review --------------------------------------------------------------------------------------


def held(db: ElectionDB, sheet: str = "r1", **marks_by_code: str) -> None:
    order = ballot_order(db, "WY", 1)
    insert_sheet(
        db,
        sheet,
        "WY",
        1,
        marks(order, marks_by_code),
        status="review",
        reasons=["unclear_mark"],
        writeins=[{"column": 1, "has_name": True, "mark": "agree"}],
    )


def test_review_list_json(db: ElectionDB) -> None:
    held(db, c01="A", c02="?")
    insert_sheet(db, "lost", None, None, None, status="review", reasons=["no_code"])
    items = counting.review_list(db)
    assert [i["sheet"] for i in items] == ["lost", "r1"] or [i["sheet"] for i in items] == [
        "r1",
        "lost",
    ]
    r1 = next(i for i in items if i["sheet"] == "r1")
    assert {"sheet", "file", "page", "contest", "round", "reasons", "marks"} <= set(r1)
    assert r1["marks"]["c02"] == "unclear" and r1["marks"]["c01"] == "agree"
    assert r1["reasons"] == ["unclear_mark"] and r1["decision"] is None
    assert [i["sheet"] for i in counting.review_list(db, "WY")] == ["r1"]


def test_decide_refuses_what_is_not_decided(db: ElectionDB) -> None:
    held(db, c01="A", c02="?")
    cases: list[tuple[dict[str, Any], str]] = [
        ({"accept": True}, "c02"),  # the unclear mark must be decided
        ({"marks": {"c02": "agree"}}, "write-in column 1"),  # the name must be read
        ({"marks": {"c99": "agree"}}, "no candidate"),
        ({"marks": {"c02": "maybe"}}, "unknown mark"),
        ({}, "nothing decided"),
        ({"void_reason": "x", "accept": True}, "--void cannot"),
        ({"marks": {"c02": "agree"}, "writeins": {1: "", 3: "张三"}}, "2 write-in columns"),
    ]
    for kwargs, text in cases:
        with pytest.raises(counting.CountingRefused) as e:
            counting.decide(db, "r1", by="徐明", **kwargs)
        assert text in e.value.en, (kwargs, e.value.en)
    with pytest.raises(counting.CountingRefused):
        counting.decide(db, "nope", accept=True, by="徐明")
    with pytest.raises(counting.CountingRefused):
        counting.decide(db, "r1", accept=True, by="  ")


def test_decision_counts_only_after_a_different_scrutineer_confirms(db: ElectionDB) -> None:
    counted_round(db, [A3] * 8, boxes=False)
    set_box(db, "WY", 1, 9, 9)
    held(db, c01="A", c02="?")
    out = counting.decide(db, "r1", marks={"c02": "disagree"}, writeins={1: "赵强"}, by="徐明")
    assert out.changes == [("c02", "?", "D")]
    assert out.writeins == [{"column": 1, "name": "赵强", "person": "P07", "mark": "agree"}]
    doc = counting.tally(db, "WY")
    assert doc["status"] == "provisional" and doc["valid_ballots"] == 8
    listed = counting.review_list(db)[0]
    assert listed["decision"]["decided_by"] == "徐明"
    # the same person, under their roster code: refused
    with pytest.raises(counting.CountingRefused) as e:
        counting.confirm(db, "r1", by="P11")
    assert "different" in e.value.en
    # not a registered scrutineer of the contest: refused
    with pytest.raises(counting.CountingRefused) as e:
        counting.confirm(db, "r1", by="赵强")
    assert "not a scrutineer" in e.value.en
    # a candidate of the contest, whatever else they are: refused
    with pytest.raises(NotAllowed) as na:
        counting.confirm(db, "r1", by="王 伟")
    assert "stands in" in na.value.en
    done = counting.confirm(db, "r1", by="孙杰")
    assert done.valid and done.confirmed_by == "孙杰"
    doc = counting.tally(db, "WY")
    assert doc["status"] == "final" and doc["valid_ballots"] == 9
    assert doc["writeins"][0]["person"] == "P07" and doc["writeins"][0]["agree"] == 1
    assert counting.review_list(db) == []
    sheet = store.read_sheet(db, "r1")
    assert sheet is not None and sheet.status == "counted"
    assert events(db)[-2:] == ["review.decided", "review.confirmed"]
    d = store.decisions_for(db, "r1")[0]
    assert d.machine["marks"] == sheet.marks and d.decided["marks"] == sheet.final_marks
    assert d.decided_by == "徐明" and d.confirmed_by == "孙杰" and d.decided_at


def test_a_new_decision_supersedes_an_unconfirmed_one(db: ElectionDB) -> None:
    held(db, c01="A", c02="?")
    counting.decide(db, "r1", marks={"c02": "agree"}, writeins={1: ""}, by="徐明")
    counting.decide(db, "r1", marks={"c02": "abstain"}, writeins={1: ""}, by="徐明")
    ds = store.decisions_for(db, "r1")
    assert [d.superseded for d in ds] == [True, False]
    counting.confirm(db, "r1", by="孙杰")
    sheet = store.read_sheet(db, "r1")
    assert sheet is not None and sheet.final_marks is not None
    order = ballot_order(db, "WY", 1)
    assert sheet.final_marks[order.index("c02")] == "N"
    # the ○ over an illegible name is recorded, but it is nobody's vote
    assert sheet.final_writeins == [{"column": 1, "name": "", "person": None, "mark": "agree"}]
    assert counting.tally(db, "WY")["writeins"] == []


def test_candidates_rule_on_no_ballot_of_their_contest(db: ElectionDB) -> None:
    # rules.md: scrutineers are voters who are not candidates; nobody decides, confirms,
    # enters or certifies ballots that may elect them — however the name is written.
    counted_round(db, [A3] * 8, boxes=False)
    set_box(db, "WY", 1, 9, 9)
    held(db, c01="A", c02="?")
    for who in ("王伟", "王 伟", "p01"):
        with pytest.raises(NotAllowed) as e:
            counting.decide(db, "r1", accept=True, by=who)
        assert "stands in" in e.value.en
        with pytest.raises(NotAllowed):
            counting.manual_entry(db, "WY", 1, "H-1", {"c01": "agree"}, by=who)
    counting.decide(db, "r1", marks={"c02": "abstain"}, writeins={1: "赵强"}, by="赵强")
    with pytest.raises(NotAllowed):
        counting.confirm(db, "r1", by="李娜")
    counting.confirm(db, "r1", by="孙杰")
    with pytest.raises(NotAllowed) as e:
        counting.certify(db, "WY", 1, "孙杰、王伟")
    assert "stands in" in e.value.en
    with pytest.raises(NotAllowed) as e:  # no scrutineer among those certifying
        counting.certify(db, "WY", 1, "赵强")
    assert "scrutineer" in e.value.en
    assert counting.certify(db, "WY", 1, "徐明、赵强").status == "certified"


def test_one_person_is_one_person_however_written(db: ElectionDB) -> None:
    counted_round(db, [A3] * 8, boxes=False)
    set_box(db, "WY", 1, 9, 9)
    held(db, c01="A", c02="?")
    counting.decide(db, "r1", marks={"c02": "abstain"}, writeins={1: "赵强"}, by="徐明")
    for same in ("p11", "徐 明", " 徐明 "):  # the decider's code in lower case, spaced name
        with pytest.raises(counting.CountingRefused) as e:
            counting.confirm(db, "r1", by=same)
        assert "different" in e.value.en, same
    # names not on the roster: spaces and case do not make two people
    counting.manual_entry(db, "WY", 1, "H-2", {"c01": "agree"}, by="Bob Li")
    again = counting.manual_entry(db, "WY", 1, "H-2", {"c01": "agree"}, by="bob  li")
    assert again.status == "first"  # the same person correcting their entry, not a check


def test_hand_entry_refusals(db: ElectionDB) -> None:
    insert_sheet(db, "s-x", "WY", 1, "ANNNN", serial="ZAES6B2L63")
    with pytest.raises(counting.CountingRefused) as e:  # a scanned ballot entered again
        counting.manual_entry(db, "WY", 1, "zaes6b2l63", {"c01": "agree"}, by="赵强")
    assert "was scanned" in e.value.en
    with pytest.raises(counting.CountingRefused) as e:
        counting.manual_entry(db, "WY", 1, "V-1", {}, None, by="赵强", void_reason=" ")
    assert "reason" in e.value.en
    with pytest.raises(counting.CountingRefused) as e:
        counting.manual_entry(db, "WY", 1, "V-1", {"c01": "agree"}, None, "赵强", "写了名字")
    assert "--void cannot" in e.value.en


def test_one_serial_counted_twice_keeps_the_result_provisional(db: ElectionDB) -> None:
    counted_round(db, [A3] * 6, boxes=False)
    insert_sheet(db, "s-a", "WY", 1, "ANNNN", serial="SAME0001", page=90)
    insert_sheet(db, "s-b", "WY", 1, "NANNN", serial="SAME0001", page=91)
    set_box(db, "WY", 1, 8, 8)
    doc = counting.tally(db, "WY")
    assert doc["status"] == "provisional" and "serial_counted_twice" in doc["reasons"]
    with pytest.raises(counting.CountingRefused) as e:
        counting.certify(db, "WY", 1, "孙杰")
    assert "one serial" in e.value.en


def test_verify_finds_a_count_no_decision_explains(db: ElectionDB) -> None:
    # A reading changed so that its seal still holds (as a station importing rows, or a
    # tool resealing them, would leave it): no confirmed decision explains it.
    from huanjie_desktop.app.verify import verify_file

    counted_round(db, [A3] * 4)
    assert verify_file(db).ok
    sid = db.con.execute("SELECT id FROM sheets ORDER BY id LIMIT 1").fetchone()[0]
    db.con.execute("UPDATE sheets SET final_marks = 'NNNAA' WHERE id = ?", (sid,))
    report = verify_file(db)
    assert not report.ok
    assert any(sid in en and "no confirmed review decision" in en for _, en in report.problems)


def test_verify_finds_review_decisions_deleted_outside_the_app(db: ElectionDB) -> None:
    """`DELETE FROM decisions` went unnoticed: verify said intact and the round was
    certified, the sheets counting as decided with no decision behind them."""
    from huanjie_desktop.app.verify import verify_file

    counted_round(db, [A3] * 8, boxes=False)
    set_box(db, "WY", 1, 9, 9)
    held(db, c01="A", c02="?")
    counting.decide(db, "r1", marks={"c02": "disagree"}, writeins={1: "赵强"}, by="徐明")
    counting.confirm(db, "r1", by="孙杰")
    assert verify_file(db).ok
    db.con.execute("DELETE FROM decisions")
    report = verify_file(db)
    assert any(
        "review decision #1 on ballot sheet r1" in en and "deleted outside the app" in en
        for _, en in report.problems
    ), report.problems
    with pytest.raises(counting.FileAltered) as e:
        counting.certify(db, "WY", 1, "徐明、赵强")
    assert "审核决定 #1" in e.value.zh


def test_verify_finds_a_round_uncertified_or_resigned(db: ElectionDB) -> None:
    from huanjie_desktop.app.verify import verify_file

    counted_round(db, [A3] * 8)
    counting.certify(db, "WY", 1, "孙杰")
    assert verify_file(db).ok
    db.con.execute("UPDATE rounds SET certified_by = '孙杰、徐明' WHERE contest = 'WY'")
    assert any("those who certified" in en for _, en in verify_file(db).problems)
    db.con.execute(
        "UPDATE rounds SET status = 'open', result_json = NULL, result_digest = NULL,"
        " certified_at = NULL, certified_by = NULL WHERE contest = 'WY'"
    )
    assert any("records it certified" in en for _, en in verify_file(db).problems)


def test_void_and_over_vote_decisions(db: ElectionDB) -> None:
    order = ballot_order(db, "WY", 1)
    insert_sheet(db, "dup", "WY", 1, marks(order, A3), status="review", reasons=["serial_conflict"])
    counting.decide(db, "dup", void_reason="与另一张选票防伪码相同", by="徐明")
    counting.confirm(db, "dup", by="孙杰")
    s = store.read_sheet(db, "dup")
    assert s is not None and s.final_valid == 0 and s.status == "counted"
    held(db, "r2", c01="A", c02="?", c03="A")
    out = counting.decide(db, "r2", marks={"c02": "agree"}, writeins={1: "李四"}, by="徐明")
    assert not out.valid and out.void_reason == "over_vote"  # 3 printed + 1 write-in > 3 seats
    doc_before = counting.tally(db, "WY")
    counting.confirm(db, "r2", by="孙杰")
    doc = counting.tally(db, "WY")
    assert doc["void_ballots"] == doc_before["void_ballots"] + 1 == 2


def test_serial_conflict_accepted_as_is(db: ElectionDB) -> None:
    order = ballot_order(db, "WY", 1)
    insert_sheet(db, "dup", "WY", 1, marks(order, A3), status="review", reasons=["serial_conflict"])
    counting.decide(db, "dup", accept=True, by="徐明")
    counting.confirm(db, "dup", by="孙杰")
    assert counting.tally(db, "WY")["valid_ballots"] == 1


def test_ambiguous_writein_name_asks_for_the_code(db: ElectionDB) -> None:
    db.con.execute("UPDATE people SET name = '赵强' WHERE code = 'P08'")
    held(db, c02="N")
    with pytest.raises(counting.CountingRefused) as e:
        counting.decide(db, "r1", accept=True, writeins={1: "赵强"}, by="徐明")
    assert "P07" in e.value.zh and "P08" in e.value.zh
    out = counting.decide(db, "r1", accept=True, writeins={1: "P08"}, by="徐明")
    assert out.writeins[0]["person"] == "P08"


def test_a_writein_finds_the_roster_name_written_another_way(db: ElectionDB) -> None:
    # The roster's '阿力·马木提' written in with another dot, '李 娜' with a space: one person.
    db.con.execute("UPDATE people SET name = '阿力·马木提' WHERE code = 'P08'")
    held(db, c02="N")
    out = counting.decide(db, "r1", accept=True, writeins={1: "阿力．马木提"}, by="徐明")
    assert out.writeins[0]["person"] == "P08"
    li = db.con.execute("SELECT code FROM people WHERE name = '李娜'").fetchone()[0]
    held(db, "r2", c02="N")
    out = counting.decide(db, "r2", accept=True, writeins={1: "李 娜"}, by="徐明")
    assert out.writeins[0]["person"] == li


def test_a_writein_name_the_fonts_cannot_print_is_refused_at_entry(
    path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """'𠮷祥' (U+20BB7, neither shipped font has it) written in was taken without a word by
    hand entry and by review; elected, the certified 当选名单 printed ' 祥'. Refused when
    entered, as a roster name is at init: the roster code gives the roster's name, a person
    not on it is written as the scrutineers agree."""
    db = open_db(path)
    check_in(db)
    db.con.execute("UPDATE people SET name = '吉祥' WHERE code = 'P08'")
    held(db, c02="N")
    with pytest.raises(counting.CountingRefused) as e:
        counting.decide(db, "r1", accept=True, writeins={1: "𠮷祥"}, by="徐明")
    zh, en = e.value.zh, e.value.en
    assert "另选他人第 1 栏" in zh and "“𠮷”(U+20BB7) 无法用随附字体打印" in zh, zh
    assert "代表编号" in zh and "--writein 1=" in zh and "监票人商定" in zh, zh
    assert "吉祥（P08）" in zh, zh  # (the roster's person of that name but for 𠮷)
    assert "roster code" in en and "the scrutineers agree" in en, en
    assert store.decisions_for(db, "r1") == []
    # by the roster code: the roster's name, which prints
    out = counting.decide(db, "r1", accept=True, writeins={1: "P08"}, by="徐明")
    assert out.writeins[0]["name"] == "吉祥" and out.writeins[0]["person"] == "P08"
    # (a rare character the fallback font prints is taken as written)
    held(db, "r2", c02="N")
    out = counting.decide(db, "r2", accept=True, writeins={1: "冯䶮"}, by="徐明")
    assert out.writeins[0]["name"] == "冯䶮" and out.writeins[0]["person"] is None
    db.close()
    # by hand, at the command line: refused for each clerk, nothing recorded
    f = str(path)
    marks = ["--mark", "c01=agree", "--mark", "w1=agree", "--writein", "1=𠮷祥"]
    for by in ("吴芳", "孙杰"):
        code, _, err = run(
            capsys, "manual", f, "--contest", "WY", "--label", "H-1", *marks, "--by", by
        )
        assert code == 1 and "“𠮷”(U+20BB7) 无法用随附字体打印" in err, err
    code, _, err = run(
        capsys, "review", "decide", f, "r2", "--accept", "--writein", "1=𠮷", "--by", "徐明"
    )
    assert code == 1 and "U+20BB7" in err, err
    db = open_db(path)
    assert db.con.execute("SELECT COUNT(*) FROM manual_entries").fetchone()[0] == 0
    assert counting.tally(db, "WY")["writeins"] == []
    db.close()


def test_a_writein_column_the_machine_could_not_read_asks_for_the_name(db: ElectionDB) -> None:
    """A ○ over a write-in column whose name box the machine could not tell (a faint pencil
    name, one written over the cell's edge): accepted as read, the column was taken for empty
    and the voter's choice was lost once confirmed. A person reads the paper first."""
    order = ballot_order(db, "WY", 1)
    insert_sheet(
        db,
        "u1",
        "WY",
        1,
        marks(order, {"c01": "A"}),
        status="review",
        reasons=["writein"],
        writeins=[{"column": 1, "has_name": None, "mark": "agree"}],
    )
    with pytest.raises(counting.CountingRefused) as e:
        counting.decide(db, "u1", accept=True, by="徐明")
    assert "看不清" in e.value.zh and "--writein 1=" in e.value.zh
    out = counting.decide(db, "u1", accept=True, writeins={1: "赵强"}, by="徐明")
    assert out.writeins[0]["name"] == "赵强"
    # (no name on the paper after all: said so, and the column counts for nobody)
    insert_sheet(
        db,
        "u2",
        "WY",
        1,
        marks(order, {"c01": "A"}),
        status="review",
        reasons=["writein"],
        writeins=[{"column": 1, "has_name": None, "mark": "agree"}],
    )
    out = counting.decide(db, "u2", accept=True, writeins={1: ""}, by="徐明")
    assert not any(w.get("name") for w in out.writeins)


def test_a_name_written_that_nobody_can_read_is_a_choice(
    path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Three seats: ○ on three printed names and ○ above a name written that nobody can
    read. The only way to say so was ``--writein 1=`` (as the program's own messages
    said), an empty column, so the ballot chose three and counted valid. rules.md: the
    write-ins marked ○ are choices: four, void as a whole. ``--writein 1=?`` says a name
    is there that cannot be read: no one's vote, a choice; ``1=`` stays an empty column."""
    db = open_db(path)
    check_in(db)
    order = ballot_order(db, "WY", 1)
    insert_sheet(  # a scanned sheet: a name seen in column 1, ○ above it
        db,
        "s1",
        "WY",
        1,
        marks(order, A3),
        status="review",
        reasons=["writein"],
        writeins=[{"column": 1, "has_name": True, "mark": "agree"}],
    )
    with pytest.raises(counting.CountingRefused) as e:
        counting.decide(db, "s1", accept=True, by="徐明")
    assert "--writein 1=?" in e.value.zh and "--writein 1=?" in e.value.en
    db.close()
    f = str(path)
    four = ["--mark", "c01=agree", "--mark", "c02=agree", "--mark", "c03=agree"]
    four += ["--mark", "w1=agree", "--writein", "1=?"]
    for by in ("吴芳", "孙杰"):
        code, out, _ = run(
            capsys, "manual", f, "--contest", "WY", "--label", "H-1", *four, "--by", by
        )
        assert code == 0
        assert "另选他人第 1 栏 姓名无法辨认（○）" in out, out
        assert "废票：所选人数多于应选名额（多选废票）" in out, out
    assert "两次录入一致，已计入" in out, out
    # two choices and a name nobody can read: valid, the name gets nobody a vote
    two = ["--mark", "c01=agree", "--mark", "c02=agree", "--mark", "w1=agree"]
    run(
        capsys,
        "manual",
        f,
        "--contest",
        "WY",
        "--label",
        "H-2",
        *two,
        "--writein",
        "1=?",
        "--by",
        "吴芳",
    )
    # the second clerk read an empty column: two entries that differ, said in words
    code, out, _ = run(
        capsys,
        "manual",
        f,
        "--contest",
        "WY",
        "--label",
        "H-2",
        *two,
        "--writein",
        "1=",
        "--by",
        "孙杰",
    )
    assert "另选第1栏: 姓名无法辨认 agree ≠ 无姓名 agree" in out, out
    code, out, _ = run(
        capsys,
        "manual",
        f,
        "--contest",
        "WY",
        "--label",
        "H-2",
        *two,
        "--writein",
        "1=?",
        "--by",
        "孙杰",
    )
    assert code == 0 and "两次录入一致，已计入" in out, out
    # the same in review: the scanned sheet decided with the name illegible, then confirmed
    code, out, _ = run(
        capsys, "review", "decide", f, "s1", "--accept", "--writein", "1=?", "--by", "徐明"
    )
    assert (
        code == 0 and "无效（over_vote）" in out and "另选他人第 1 栏 姓名无法辨认（○）" in out
    ), out
    code, out, _ = run(capsys, "review", "list", f)
    assert "另选他人第 1 栏 姓名无法辨认（○）" in out, out
    assert run(capsys, "review", "confirm", f, "s1", "--by", "孙杰")[0] == 0
    db = open_db(path)
    try:
        doc = counting.tally(db, "WY")
        assert (doc["valid_ballots"], doc["void_ballots"]) == (1, 2), doc
        assert doc["writeins"] == [] and doc["writeins_illegible"] == 1
        agree_of = {c["code"]: c["agree"] for c in doc["candidates"]}
        assert (agree_of["c01"], agree_of["c02"], agree_of["c03"]) == (1, 1, 0)
        stored = [
            json.loads(r[0])
            for r in db.con.execute("SELECT final_writeins FROM sheets ORDER BY id")
        ]
        assert all(w == [{**w[0], "illegible": True, "name": "", "person": None}] for w in stored)
        # the fast count is the reference count
        n = len(ballot_order(db, "WY", 1))
        fast = store.round_counts(db, "WY", 1, n, 3)
        assert fast == count_ballots(store.counted_records(db, "WY", 1), n, 3)
        assert fast.writeins_illegible == 1
        # said on the tally and on the result paper: no one's vote
        from huanjie_desktop.cli.cmd_count import tally_lines

        said = "另选他人栏中写了姓名但无法辨认的 1 处，不计任何人的票"
        assert said in "\n".join(tally_lines(doc, "zh"))
        pdf = tmp_path / "t.pdf"
        counting.report(db, "WY", 1, pdf)
        assert said.replace(" ", "") in re.sub(r"\s+", "", pdf_text(pdf))
    finally:
        db.close()


def test_an_empty_write_in_column_is_still_no_choice(db: ElectionDB) -> None:
    """``--writein 1=`` (no name on the paper) chooses nobody, ○ or not; its record and the
    tally carry nothing new (certified results and their digests keep their form)."""
    _both(db, "E-0", {"c01": "agree", "c02": "agree", "c03": "agree"}, {1: ""})
    set_box(db, "WY", 1, 1, 1)
    doc = counting.tally(db, "WY")
    assert (doc["valid_ballots"], doc["void_ballots"]) == (1, 0)
    assert "writeins_illegible" not in doc
    (row,) = db.con.execute("SELECT final_writeins FROM sheets").fetchall()
    assert "illegible" not in row[0]


def test_review_list_says_a_name_box_the_machine_could_not_read(
    db: ElectionDB, capsys: pytest.CaptureFixture[str]
) -> None:
    # ("无姓名" was said of it: the reviewer took the column for empty)
    order = ballot_order(db, "WY", 1)
    for sheet, seen in (("u3", None), ("u4", False)):
        insert_sheet(
            db,
            sheet,
            "WY",
            1,
            marks(order, {"c01": "A"}),
            status="review",
            reasons=["writein"],
            writeins=[{"column": 1, "has_name": seen, "mark": "agree"}],
        )
    f = str(db.path)
    db.close()
    code, out, _ = run(capsys, "review", "list", f)
    assert code == 0 and "另选他人第 1 栏 姓名栏看不清（请看原票）（○）" in out, out
    assert "另选他人第 1 栏 未读到姓名（○）" in out and "无姓名" not in out


def test_a_writein_in_simplified_or_without_the_dot_finds_the_person(db: ElectionDB) -> None:
    # The roster's 張國強 (traditional form) written in as 张国强, its 阿不都热依木·买买提
    # without the dot: the same people — left unlinked, a vote for them was split off
    # without a word.
    db.con.execute("UPDATE people SET name = '張國強' WHERE code = 'P08'")
    db.con.execute("UPDATE people SET name = '阿不都热依木·买买提' WHERE code = 'P07'")
    held(db, c02="N")
    out = counting.decide(db, "r1", accept=True, writeins={1: "张国强"}, by="徐明")
    assert out.writeins[0]["person"] == "P08"
    held(db, "r2", c02="N")
    out = counting.decide(db, "r2", accept=True, writeins={1: "阿不都热依木买买提"}, by="徐明")
    assert out.writeins[0]["person"] == "P07"


def test_a_name_written_in_keeps_its_dot_on_the_result(db: ElectionDB) -> None:
    """A write-in nobody on the roster, 艾尔肯·吐尼亚孜: the tally and the papers printed
    艾尔肯吐尼亚孜 — its dot dropped by the form names are compared in. Written with the
    dot, a ・ or without one, it is one person, printed with the dot."""
    for i, written in enumerate(["艾尔肯·吐尼亚孜", "艾尔肯・吐尼亚孜", "艾尔肯吐尼亚孜"]):
        for clerk in ("吴芳", "孙杰"):  # (two clerks enter each ballot)
            counting.manual_entry(db, "WY", 1, f"W-{i}", {"w1": "agree"}, {1: written}, by=clerk)
    doc = counting.tally(db, "WY")
    assert [(w["name"], w["agree"]) for w in doc["writeins"]] == [("艾尔肯·吐尼亚孜", 3)]
    # A result certified when the name was printed without its dot is the same result: what
    # `verify` compares of it and of the count now (its write-ins, those elected) is alike.
    set_box(db, "WY", 1, 3, 3)
    counting.certify(db, "WY", 1, "徐明、赵强")
    assert counting.verify_results(db) == []
    (text,) = db.con.execute("SELECT result_json FROM rounds WHERE contest = 'WY'").fetchone()
    assert "艾尔肯·吐尼亚孜" in text
    before = json.loads(text.replace("艾尔肯·吐尼亚孜", "艾尔肯吐尼亚孜"))
    assert counting._totals(before) == counting._totals(json.loads(text))


def test_a_printed_candidates_name_in_simplified_form_is_their_vote(db: ElectionDB) -> None:
    # Printed 劉偉, written in 刘伟 by a voter who writes simplified characters: their ○.
    db.con.execute("UPDATE candidates SET name = '劉偉' WHERE code = 'c01'")
    _both(db, "T-1", {}, {1: "刘伟"})
    doc = counting.tally(db, "WY")
    first = next(c for c in doc["candidates"] if c["code"] == "c01")
    assert first["agree"] == 1 and doc["writeins"] == []


def test_a_mark_by_name_is_refused_when_two_candidates_share_it(db: ElectionDB) -> None:
    name = db.con.execute("SELECT name FROM candidates WHERE code = 'c01'").fetchone()[0]
    db.con.execute("UPDATE candidates SET name = ? WHERE code = 'c02'", (name,))
    with pytest.raises(counting.CountingRefused) as e:
        counting.manual_entry(db, "WY", 1, "D-1", {name: "agree"}, by="吴芳")
    assert "c01" in e.value.zh and "c02" in e.value.zh and "编号" in e.value.zh
    first = counting.manual_entry(db, "WY", 1, "D-1", {"c02": "agree"}, by="吴芳")
    assert first.status == "first"


def test_a_paper_scanned_twice_counts_once(db: ElectionDB) -> None:
    # The same serial on two images (scanned at two stations, or twice here): both held.
    # One is the ballot; the other, recorded as a duplicate scan, counts as nothing at all —
    # not as a second ballot, not as a void one.
    order = ballot_order(db, "WY", 1)
    for sid in ("s1", "s2"):
        insert_sheet(
            db,
            sid,
            "WY",
            1,
            marks(order, {"c01": "A"}),
            status="review",
            reasons=["serial_conflict"],
            serial="ABCDEFGHJK",
        )
    insert_sheet(
        db, "s3", "WY", 1, marks(order, {"c02": "A"}), status="review", reasons=["unclear_mark"]
    )
    with pytest.raises(counting.CountingRefused) as e:
        counting.decide(db, "s3", by="徐明", duplicate=True)
    assert "不能记为重复扫描" in e.value.zh
    with pytest.raises(counting.CountingRefused):
        counting.decide(db, "s2", {"c01": "agree"}, by="徐明", duplicate=True)
    out = counting.decide(db, "s2", by="徐明", duplicate=True)
    assert out.duplicate_of == ["s1"] and not out.valid
    counting.confirm(db, "s2", by="孙杰")
    # the other cannot be a duplicate scan too: it is the ballot
    with pytest.raises(counting.CountingRefused) as e:
        counting.decide(db, "s1", by="徐明", duplicate=True)
    assert "这一张就是那张选票" in e.value.zh
    counting.decide(db, "s1", accept=True, by="徐明")
    counting.confirm(db, "s1", by="孙杰")
    set_box(db, "WY", 1, 1, 1)
    doc = counting.tally(db, "WY")
    assert (doc["valid_ballots"], doc["void_ballots"]) == (1, 0)
    assert next(c for c in doc["candidates"] if c["code"] == "c01")["agree"] == 1
    assert store.read_sheet(db, "s2").status == "duplicate"  # type: ignore[union-attr]


def test_both_images_of_a_serial_cannot_be_kept_as_valid_ballots(db: ElectionDB) -> None:
    """Enter on each of the two held images (the machine's reading kept), both confirmed: one
    paper counted twice, and the results page's advice ("record one as a duplicate scan")
    led nowhere — a confirmed sheet cannot be re-decided on the review page. The second
    valid decision is refused, saying what to do."""
    order = ballot_order(db, "WY", 1)
    for sid in ("t1", "t2"):
        insert_sheet(
            db,
            sid,
            "WY",
            1,
            marks(order, {"c01": "A"}),
            status="review",
            reasons=["serial_conflict"],
            serial="KLMNPQRSTU",
        )
    counting.decide(db, "t1", accept=True, by="徐明")
    with pytest.raises(counting.CountingRefused) as e:
        counting.decide(db, "t2", accept=True, by="徐明")
    assert "t1" in e.value.zh and "重复扫描" in e.value.zh and "作废" in e.value.zh
    counting.confirm(db, "t1", by="孙杰")
    with pytest.raises(counting.CountingRefused):
        counting.decide(db, "t2", {"c01": "agree"}, by="徐明")
    # a copy voided, or the second scan recorded as such: as before
    out = counting.decide(db, "t2", void_reason="复印的选票", by="徐明")
    assert not out.valid
    out = counting.decide(db, "t2", by="徐明", duplicate=True)
    assert out.duplicate_of == ["t1"]


def test_rejected_sheet_cannot_be_decided(db: ElectionDB) -> None:
    insert_sheet(db, "rej", None, None, None, status="rejected", reasons=["forged"])
    with pytest.raises(counting.CountingRefused) as e:
        counting.decide(db, "rej", accept=True, by="徐明")
    assert "manual" in e.value.en


# --- manual entry --------------------------------------------------------------------------------


def test_manual_entry_counts_when_two_people_agree(db: ElectionDB) -> None:
    first = counting.manual_entry(
        db, "WY", 1, "A-017", {"c01": "agree", "c02": "disagree"}, by="吴芳"
    )
    assert first.status == "first"
    again = counting.manual_entry(db, "WY", 1, "A-017", {"c01": "agree"}, by="吴芳")
    assert again.status == "first"  # a person may correct their own entry; it is not a check
    other = counting.manual_entry(db, "WY", 1, "A-017", {"c01": "agree", "c02": "agree"}, by="徐明")
    assert other.status == "mismatch"
    assert [d[0] for d in other.differences] == ["c02 李娜"]
    done = counting.manual_entry(db, "WY", 1, "A-017", {"c01": "agree"}, by="孙杰")
    assert done.status == "counted" and done.sheet
    s = store.read_sheet(db, done.sheet)
    assert s is not None and s.source == "manual" and s.status == "counted"
    assert counting.tally(db, "WY")["valid_ballots"] == 1
    with pytest.raises(counting.CountingRefused):
        counting.manual_entry(db, "WY", 1, "A-017", {"c01": "agree"}, by="赵强")
    assert events(db).count("manual.entered") == 4


def test_a_label_alike_but_for_case_width_or_spaces_is_refused(db: ElectionDB) -> None:
    # Two clerks typing one paper's label a-017 and A-017 made two ballots: each waited for a
    # second entry for good, or — each entered twice — the paper counted twice.
    counting.manual_entry(db, "WY", 1, "A-017", {"c01": "agree"}, by="吴芳")
    for typed in ("a-017", "Ａ－017", "A - 017", " a-017 "):
        with pytest.raises(counting.CountingRefused) as refused:
            counting.manual_entry(db, "WY", 1, typed, {"c01": "agree"}, by="徐明")
        assert "“A-017”" in refused.value.zh and "只差大小写" in refused.value.zh, typed
    done = counting.manual_entry(db, "WY", 1, "A-017", {"c01": "agree"}, by="徐明")
    assert done.status == "counted"
    other = counting.manual_entry(db, "WY", 1, "A-018", {"c01": "agree"}, by="徐明")
    assert other.status == "first"  # (another paper: another label)
    assert counting.tally(db, "WY")["valid_ballots"] == 1


def test_two_hand_entries_that_disagree_are_settled_by_a_scrutineer(db: ElectionDB) -> None:
    """Two clerks read a paper differently; a third clerk's reading, alike with one of them,
    counted it as 'two entries agree' (2 of 3) — the doubtful ballot never reached the
    scrutineers. Now the two correct their own entries, or a scrutineer enters it."""
    counting.manual_entry(db, "WY", 1, "D-1", {"c01": "agree"}, by="吴芳")
    counting.manual_entry(db, "WY", 1, "D-1", {"c03": "agree"}, by="赵强")
    with pytest.raises(counting.CountingRefused) as e:
        counting.manual_entry(db, "WY", 1, "D-1", {"c01": "agree"}, by="李小明")
    assert "两次录入不一致" in e.value.zh and "徐明" in e.value.zh
    assert counting.tally(db, "WY")["valid_ballots"] == 0
    done = counting.manual_entry(db, "WY", 1, "D-1", {"c01": "agree"}, by="徐明")
    assert done.status == "counted"
    # (a clerk correcting their own entry to agree settles it, as before)
    counting.manual_entry(db, "WY", 1, "D-2", {"c01": "agree"}, by="吴芳")
    counting.manual_entry(db, "WY", 1, "D-2", {"c02": "agree"}, by="赵强")
    assert counting.manual_entry(db, "WY", 1, "D-2", {"c01": "agree"}, by="赵强").status == (
        "counted"
    )


def test_manual_writein_and_void(db: ElectionDB) -> None:
    # A name entered without the mark above it was taken as a ○ (the help said marks not
    # given abstain): a name with no ○ is no vote, so the clerk must say which.
    with pytest.raises(counting.CountingRefused, match="w1=agree"):
        counting.manual_entry(db, "WY", 1, "B-1", {}, {1: "赵强"}, by="吴芳")
    counting.manual_entry(db, "WY", 1, "B-1", {"w1": "agree"}, {1: "赵强"}, by="吴芳")
    out = counting.manual_entry(db, "WY", 1, "B-1", {"w1": "agree"}, {1: "P07"}, by="孙杰")
    assert out.status == "counted"
    assert "另选他人第 1 栏 赵强（○）" in out.recorded[0] and "abstain" in out.recorded[1]
    counting.manual_entry(db, "WY", 1, "B-3", {"w1": "abstain"}, {1: "赵强"}, by="吴芳")
    out = counting.manual_entry(db, "WY", 1, "B-3", {"w1": "abstain"}, {1: "赵强"}, by="孙杰")
    assert out.status == "counted" and "赵强（无符号）" in out.recorded[0]
    counting.manual_entry(db, "WY", 1, "B-2", {}, by="吴芳", void_reason="有标记")
    counting.manual_entry(db, "WY", 1, "B-2", {}, by="孙杰", void_reason="有标记")
    doc = counting.tally(db, "WY")
    assert doc["writeins"][0]["agree"] == 1 and doc["void_ballots"] == 1
    # a ballot choosing more than the seats is read back in words (it said "废票：over_vote")
    four = dict.fromkeys(["c01", "c02", "c03", "c04"], "agree")
    out = counting.manual_entry(db, "WY", 1, "B-4", four, by="吴芳")
    assert "废票：所选人数多于应选名额（多选废票）" in out.recorded[0], out.recorded
    assert "void: more chosen than seats" in out.recorded[1] and "over_vote" not in out.recorded[1]


def test_a_ballot_entered_by_hand_once_only_is_said_on_the_tally(
    db: ElectionDB, path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Entered once and never by a second person, a ballot was in nobody's count while the
    tally said 待审核 0 and 最终结果, and review list said there was nothing to do."""
    counted_round(db, [A3] * 11)
    counting.manual_entry(db, "WY", 1, "H-7", {"c01": "agree"}, by="吴芳")
    doc = counting.tally(db, "WY")
    assert "manual_incomplete" in doc["warnings"] and doc["manual_incomplete"] == ["H-7"]
    # (pending, as a held sheet is: it was "final", and certified without that ballot)
    assert doc["status"] == "provisional" and doc["pending_review"] == 1, doc
    with pytest.raises(counting.CountingRefused) as e:
        counting.certify(db, "WY", 1, "孙杰")
    assert "第二人录入" in e.value.zh, e.value.zh
    capsys.readouterr()
    assert main(["--lang", "en", "tally", str(path), "--contest", "WY"]) == 0
    assert "entered by hand once only" in capsys.readouterr().out
    pdf = tmp_path / "t.pdf"
    counting.report(db, "WY", 1, pdf)
    assert "只录入了一次" in pdf_text(pdf)
    counting.manual_entry(db, "WY", 1, "H-7", {"c01": "agree"}, by="孙杰")
    assert "manual_incomplete" not in counting.tally(db, "WY")["warnings"]


def test_the_same_person_entering_a_ballot_twice_is_told_so(
    db: ElectionDB, capsys: pytest.CaptureFixture[str]
) -> None:
    """A clerk entering the same ballot again was told only "entered once; a second person
    must enter it too" — as if nothing had been entered before."""
    first = counting.manual_entry(db, "WY", 1, "R-1", {"c01": "agree"}, by="吴芳")
    again = counting.manual_entry(db, "WY", 1, "R-1", {"c02": "agree"}, by="吴芳")
    assert (first.status, first.again) == ("first", False)
    assert (again.status, again.again) == ("first", True)
    out = counting.manual_entry(db, "WY", 1, "R-1", {"c02": "agree"}, by="孙杰")
    assert out.status == "counted"


def test_one_label_in_two_contests_and_two_rounds_is_two_ballots(tmp_path: Path) -> None:
    """Clerks start their labels afresh for each contest and each round: A-001 entered alike
    in two contests, and again in a later round, is three ballots (the second crashed the
    entry with the file's uniqueness error: the stored digest covered the marks alone)."""
    data = definition()
    second = json.loads(json.dumps(data["contests"][0]))
    second["code"], second["title"] = "JW", "中国共产党测试区纪律检查委员会委员"
    data["contests"].append(second)
    d = open_db(make_election(tmp_path / "two.huanjie", data))
    try:
        check_in(d)
        for contest in ("WY", "JW"):
            counting.manual_entry(d, contest, 1, "A-001", {"c01": "agree"}, by="吴芳")
            out = counting.manual_entry(d, contest, 1, "A-001", {"c01": "agree"}, by="孙杰")
            assert out.status == "counted", (contest, out)
            set_box(d, contest, 1, 0, 1)  # collected more than issued: the round is void
        assert counting.tally(d, "JW")["round_valid"] is False
        assert counting.open_round(d, "JW", "rerun", confirm=True).number == 2
        counting.manual_entry(d, "JW", 2, "A-001", {"c01": "agree"}, by="吴芳")
        out = counting.manual_entry(d, "JW", 2, "A-001", {"c01": "agree"}, by="孙杰")
        assert out.status == "counted"
        assert [counting.tally(d, c)["valid_ballots"] for c in ("WY", "JW")] == [1, 1]
        assert len({out.sheet, "manual:WY:1:A-001", "manual:JW:1:A-001"}) == 3
        assert all(store.read_sheet(d, f"manual:{c}:1:A-001") for c in ("WY", "JW"))
    finally:
        d.close()


def test_a_check_in_after_voting_began_does_not_change_the_round(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """rules.md: the quorum is judged before the vote. The round's 应到 and 实到 followed the
    check-ins until it was certified: one more person checking in after the vote turned a
    round void for want of a quorum into a valid one that elected (and a later check-in
    raised the base and unelected someone). They are fixed when the round's first ballot
    record comes in; a check-in afterwards counts for later rounds, and the desk is told."""
    from huanjie_desktop.app.ballots import record_box_count

    path = make_election(tmp_path / "q.huanjie")
    d = open_db(path)
    try:
        present = ["P01", "P02", "P03", "P04", "P05"]
        check_in(d, present)
        before = counting.tally(d, "WY")
        assert before["present"] == 5 and before["quorum_met"] is False
        record_box_count(d, "WY", 1, "1", issued=5)  # (voting has begun)
        check_in(d)  # everybody else arrives late
        after = counting.tally(d, "WY")
        assert (after["expected"], after["present"]) == (before["expected"], 5)
        assert after["quorum_met"] is False
        # the attendance paper's table is the round's too, not today's check-ins
        pdf = tmp_path / "att.pdf"
        counting.report(d, "WY", 1, pdf, attendance=True)
        text = pdf_text(pdf)
        assert "上表是现在的报到情况" not in text and "实到会有选举权人数 5 人" in text, text
        from huanjie_desktop.app.election import contest_status

        (status,) = [s for s in contest_status(d) if s.code == "WY"]
        assert (status.present, status.fixed_round, status.quorum_met) == (5, 1, False)
        assert status.present_now > 5
    finally:
        d.close()
    capsys.readouterr()
    assert main(["checkin", str(path), "--person", "P06"]) == 0
    assert "第 1 轮已开始计票" in capsys.readouterr().err


def test_more_ballots_issued_than_voters_present_is_said(tmp_path: Path) -> None:
    """19 issued and collected with 17 present was a plain 'final' (a candidate at 111.8 %
    of the base): a slip at a box or the desk to look into, said on the tally and papers."""
    from huanjie_desktop.cli.cmd_count import tally_lines

    d = open_db(make_election(tmp_path / "i.huanjie"))
    try:
        check_in(d)
        present = counting.tally(d, "WY")["present"]
        set_box(d, "WY", 1, present + 2, 0)
        doc = counting.tally(d, "WY")
        assert "issued_exceeds_present" in doc["warnings"]
        assert "发出票数多于实到人数" in "\n".join(tally_lines(doc, "zh"))
        assert "more ballots issued than voters present" in "\n".join(tally_lines(doc, "en"))
        set_box(d, "WY", 1, present, 0)
        assert counting.tally(d, "WY")["warnings"] == []
    finally:
        d.close()


def test_a_round_with_no_ballot_collected_is_not_final(tmp_path: Path) -> None:
    """0 entered as collected (a slip, or a round opened by mistake) was a 'valid' round,
    final and certifiable, every seat unfilled, and a supplementary round offered at 0."""
    d = open_db(make_election(tmp_path / "z.huanjie"))
    try:
        check_in(d)
        set_box(d, "WY", 1, 12, 0)
        doc = counting.tally(d, "WY")
        assert doc["status"] == "provisional" and "nothing_collected" in doc["reasons"]
        with pytest.raises(counting.CountingRefused) as e:
            counting.certify(d, "WY", 1, "徐明")
        assert "收回票数为 0" in e.value.zh
        set_box(d, "WY", 1, 0, 0)
        assert "nothing_collected" in counting.tally(d, "WY")["reasons"]
    finally:
        d.close()


def test_a_round_without_a_quorum_is_not_called_valid(tmp_path: Path) -> None:
    """Too few present: the tally must not say 本轮投票有效 beside 收回 ≤ 发出 and only
    later that the round is void (read at midnight, the first line is the one believed)."""
    from huanjie_desktop.cli.cmd_count import tally_lines

    d = open_db(make_election(tmp_path / "q.huanjie"))
    try:
        check_in(d, ["P01", "P02", "P03"])
        set_box(d, "WY", 1, 3, 3)
        doc = counting.tally(d, "WY")
        assert doc["quorum_met"] is False and doc["round_valid"] is True
        zh, en = "\n".join(tally_lines(doc, "zh")), "\n".join(tally_lines(doc, "en"))
        assert "本轮投票有效" not in zh and "收回不多于发出" in zh, zh
        assert "round valid" not in en and "NOT met" in en, en
    finally:
        d.close()


def test_a_round_short_of_a_quorum_before_the_vote_waits_for_check_in(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Check-in still going on, no ballot issued, collected or counted: a round short of the
    quorum said ``void, quorum_not_met`` and certify recorded it void for good (a re-vote
    of a vote never held; the rest checking in changed nothing). It is provisional until
    its first ballot record fixes the attendance, the reason said; certify refuses it; it
    is valid once enough have checked in. Short of the quorum once the vote began: void."""
    from huanjie_desktop.app.ballots import record_box_count
    from huanjie_desktop.app.election import rounds_under_way

    path = make_election(tmp_path / "q.huanjie")
    d = open_db(path)
    try:
        check_in(d, ["P01", "P02", "P03", "P04", "P05"])  # 5 of 12: check-in goes on
        doc = counting.tally(d, "WY")
        assert (doc["present"], doc["quorum_met"]) == (5, False)
        assert doc["status"] == "provisional", doc["status"]
        assert "quorum_not_met" in doc["reasons"]
        assert rounds_under_way(d) == []  # (nothing fixed the attendance yet)
    finally:
        d.close()
    capsys.readouterr()
    assert main(["certify", str(path), "--contest", "WY", "--round", "1", "--by", "徐明"]) != 0
    err = capsys.readouterr().err
    assert "尚未达到规定，还不能投票" in err and "实到 5，应到 12" in err, err
    d = open_db(path)
    try:
        assert counting.tally(d, "WY")["status"] == "provisional"  # (nothing recorded)
        assert "round.voided" not in events(d)
    finally:
        d.close()
    # everybody arrives; the vote is held: a valid round, elected as counted
    assert main(["checkin", str(path), "--person", *[f"P{i:02d}" for i in range(6, 13)]]) == 0
    d = open_db(path)
    try:
        doc = counting.tally(d, "WY")
        assert (doc["present"], doc["quorum_met"]) == (12, True)
        assert "quorum_not_met" not in doc["reasons"] and doc["status"] == "provisional"
        counted_round(d, [A3] * 12)
        doc = counting.tally(d, "WY")
        assert doc["status"] == "final", doc["reasons"]
        assert sorted(e["code"] for e in doc["elected"]) == ["c01", "c02", "c03"]
    finally:
        d.close()
    # short of the quorum when the first ballot record came in: void, as before
    d = open_db(make_election(tmp_path / "v.huanjie"))
    try:
        check_in(d, ["P01", "P02", "P03", "P04", "P05"])
        record_box_count(d, "WY", 1, "1", issued=5)
        doc = counting.tally(d, "WY")
        assert doc["status"] == "void" and doc["reasons"] == ["quorum_not_met"]
        check_in(d)  # (late: the round's attendance stays as it was fixed)
        assert counting.tally(d, "WY")["status"] == "void"
        assert counting.certify(d, "WY", 1, "徐明").status == "void"
    finally:
        d.close()


def test_a_box_without_its_issued_number_voids_nothing(tmp_path: Path) -> None:
    """Box 2's 收回 entered before its 发出: the sums said 收回 > 发出 and the round was
    certified void at once (with box 2's 发出 of 5 it was valid)."""
    from huanjie_desktop.app.ballots import record_box_count
    from huanjie_desktop.cli.cmd_count import tally_lines

    d = open_db(make_election(tmp_path / "b.huanjie"))
    try:
        check_in(d)
        record_box_count(d, "WY", 1, "1", issued=11, collected=11)
        totals = record_box_count(d, "WY", 1, "2", collected=5)
        assert not totals.entered and not totals.collected_exceeds_issued
        doc = counting.tally(d, "WY")
        assert doc["status"] == "provisional" and doc["boxes_entered"] is False, doc["status"]
        assert "box_counts_missing" in doc["reasons"]
        assert "尚未登记完整" in "\n".join(tally_lines(doc, "zh"))
        with pytest.raises(counting.CountingRefused):
            counting.certify(d, "WY", 1, "徐明、赵强")
        record_box_count(d, "WY", 1, "2", issued=4)  # now 收回 16 > 发出 15: void
        assert counting.tally(d, "WY")["status"] == "void"
    finally:
        d.close()


def _both(db: ElectionDB, label: str, marks: dict[str, str], writeins: dict[int, str]) -> str:
    """A ballot entered by hand by two people (it counts when they agree); a name written in
    has a ○ above it unless ``marks`` says otherwise."""
    marks = {**{f"w{col}": "agree" for col in writeins}, **marks}
    counting.manual_entry(db, "WY", 1, label, marks, writeins, by="吴芳")
    out = counting.manual_entry(db, "WY", 1, label, marks, writeins, by="孙杰")
    assert out.status == "counted", out
    return str(out.sheet)


def test_a_name_written_in_twice_on_one_ballot_is_one_vote(db: ElectionDB) -> None:
    # Three seats: ○ on two printed names and the same person in both write-in columns
    # chooses three people, not four, and gives that person one vote.
    _both(db, "E-1", {"c01": "agree", "c02": "agree"}, {1: "赵强", 2: "赵强"})
    _both(db, "E-2", {}, {1: "赵强", 2: "赵 强"})
    doc = counting.tally(db, "WY")
    assert doc["valid_ballots"] == 2 and doc["void_ballots"] == 0
    assert [(w["name"], w["agree"]) for w in doc["writeins"]] == [("赵强", 2)]


def test_a_printed_candidates_name_written_in_is_their_vote(db: ElectionDB) -> None:
    # Written in instead of (or as well as) the ○ in their box: one vote for the candidate,
    # never a second contender of the same name (a tie with oneself, a re-vote printing
    # them twice).
    c01 = db.con.execute("SELECT name FROM candidates WHERE code = 'c01'").fetchone()[0]
    _both(db, "F-1", {}, {1: c01})
    _both(db, "F-2", {"c01": "agree"}, {1: c01})
    doc = counting.tally(db, "WY")
    first = next(c for c in doc["candidates"] if c["code"] == "c01")
    assert first["agree"] == 2 and doc["writeins"] == []
    # ○ on three printed names and a fourth person's... no: the candidate again is no 4th choice
    _both(db, "F-3", {"c01": "agree", "c02": "agree", "c03": "agree"}, {1: c01})
    assert counting.tally(db, "WY")["void_ballots"] == 0
    # × in their box and their name written in: two things said, a person decides
    with pytest.raises(counting.CountingRefused) as e:
        counting.manual_entry(
            db, "WY", 1, "F-4", {"c01": "disagree", "w1": "agree"}, {1: c01}, by="吴芳"
        )
    assert "c01" in e.value.zh and "×" in e.value.zh


def test_a_delegate_written_in_is_not_a_candidate_of_his_name_from_outside_the_roster(
    db: ElectionDB,
) -> None:
    # c05 赵强 is printed by name only (from outside the roster); the roster's P07 赵强 is
    # another man. His code written in went to the candidate as a ○, and his bare name too,
    # without a word: the code stays with P07, the bare name is asked about.
    db.con.execute("UPDATE candidates SET person = NULL, name = '赵强' WHERE code = 'c05'")
    _both(db, "G-1", {}, {1: "P07"})
    with pytest.raises(counting.CountingRefused) as e:
        counting.manual_entry(db, "WY", 1, "G-2", {"w1": "agree"}, {1: "赵强"}, by="吴芳")
    assert "P07" in e.value.zh and "c05" in e.value.zh and "不在名单上" in e.value.zh
    assert "P07" in e.value.en and "c05" in e.value.en and "not on the roster" in e.value.en
    # the answer: a code — the candidate's own when it is him
    _both(db, "G-2", {}, {1: "c05"})
    # the same in review, which the review page records through
    held(db, c05="N")
    with pytest.raises(counting.CountingRefused, match="c05"):
        counting.decide(db, "r1", accept=True, writeins={1: "赵强"}, by="徐明")
    out = counting.decide(db, "r1", accept=True, writeins={1: "P07"}, by="徐明")
    assert out.writeins == [{"column": 1, "name": "赵强", "person": "P07", "mark": "agree"}]
    counting.confirm(db, "r1", by="孙杰")
    doc = counting.tally(db, "WY")
    c05 = next(c for c in doc["candidates"] if c["code"] == "c05")
    assert c05["agree"] == 1
    assert [(w["person"], w["agree"]) for w in doc["writeins"]] == [("P07", 2)]


def test_a_candidates_code_is_no_name_written_in(db: ElectionDB) -> None:
    # ○ on c01–c03 and 李娜 (c02) written in with a ○: three chosen. The clerk typing c02
    # for the name made a person called "c02", a fourth choice: the ballot void.
    c02 = db.con.execute("SELECT name FROM candidates WHERE code = 'c02'").fetchone()[0]
    three = dict.fromkeys(["c01", "c02", "c03"], "agree")
    with pytest.raises(counting.CountingRefused) as e:
        counting.manual_entry(db, "WY", 1, "H-1", {**three, "w1": "agree"}, {1: "c02"}, by="吴芳")
    assert "第 1 栏" in e.value.zh and c02 in e.value.zh and "姓名" in e.value.zh
    assert "column 1" in e.value.en and c02 in e.value.en
    with pytest.raises(counting.CountingRefused, match="C02"):  # (any case)
        counting.manual_entry(db, "WY", 1, "H-1", {"w1": "agree"}, {1: "C02"}, by="吴芳")
    held(db, c02="A")
    with pytest.raises(counting.CountingRefused, match=c02):
        counting.decide(db, "r1", accept=True, writeins={1: "c02"}, by="徐明")
    _both(db, "H-1", three, {1: c02})
    doc = counting.tally(db, "WY")
    assert doc["valid_ballots"] == 1 and doc["void_ballots"] == 0 and doc["writeins"] == []


# --- later rounds --------------------------------------------------------------------------------


#: Round 1 of three seats that fills two: c01 and c02 pass (8 and 7 of 12), c03 has 6
#: (exactly half), c04 4, c05 1.
ONE_SHORT = (
    [{"c01": "A", "c02": "A", "c03": "A"}] * 6
    + [{"c01": "A", "c02": "A"}]
    + [{"c01": "A", "c04": "A"}]
    + [{"c04": "A", "c05": "A"}]
    + [{"c04": "A"}] * 2
    + [{}]
)


def test_supplementary_round(db: ElectionDB) -> None:
    counted_round(db, ONE_SHORT)
    doc = counting.tally(db, "WY")
    assert [e["code"] for e in doc["elected"]] == ["c01", "c02"] and doc["unfilled_seats"] == 1
    proposal = counting.open_round(db, "WY", "supplementary")
    assert not proposal.created and proposal.seats == 1
    assert [(k.code, k.agree) for k in proposal.candidates] == [("c03", 6), ("c04", 4), ("c05", 1)]
    assert counting.tally(db, "WY")["round"] == 1  # nothing created without confirmation
    made = counting.open_round(db, "WY", "supplementary", confirm=True)
    assert made.created and made.number == 2
    assert ballot_order(db, "WY", 2) == ["c04", "c03", "c05"]  # 刘 张 陈: stroke order
    insert_counted(db, "WY", 2, [marks(ballot_order(db, "WY", 2), {"c03": "A"})] * 7, 1)
    set_box(db, "WY", 2, 7, 7)
    two = counting.tally(db, "WY")
    assert two["round"] == 2 and two["round_kind"] == "supplementary"
    assert [e["code"] for e in two["elected"]] == ["c03"]
    assert [e["name"] for e in two["contest_elected"]] == ["王伟", "李娜", "张敏"]
    assert "round.opened" in events(db)


def test_tie_round_and_refusals(db: ElectionDB) -> None:
    # seats 3: c01 12, c02 and c03 and c04 8 each → 2 seats tied among 3
    rows = (
        [{"c01": "A", "c02": "A", "c03": "A"}] * 4
        + [{"c01": "A", "c02": "A", "c04": "A"}] * 4
        + [{"c01": "A", "c03": "A", "c04": "A"}] * 4
    )
    counted_round(db, rows)
    doc = counting.tally(db, "WY")
    assert [e["code"] for e in doc["elected"]] == ["c01"]
    assert sorted(t["code"] for t in doc["tie"]) == ["c02", "c03", "c04"]
    assert doc["tie_seats"] == 2
    with pytest.raises(counting.CountingRefused) as e:
        counting.open_round(db, "WY", "supplementary")
    assert "tie" in e.value.en
    p = counting.open_round(db, "WY", "tie", confirm=True)
    assert p.seats == 2 and sorted(k.code or "" for k in p.candidates) == ["c02", "c03", "c04"]


def test_a_tie_re_vote_has_no_write_ins(db: ElectionDB) -> None:
    rows = (
        [{"c01": "A", "c02": "A", "c03": "A"}] * 4
        + [{"c01": "A", "c02": "A", "c04": "A"}] * 4
        + [{"c01": "A", "c03": "A", "c04": "A"}] * 4
    )
    counted_round(db, rows)
    counting.open_round(db, "WY", "tie", confirm=True)
    from huanjie_desktop.app.ballots import ballot_spec

    spec = ballot_spec(db, "WY", 2)
    assert spec.contest.writein_columns == 0  # among the tied only: nothing to write in
    assert ballot_spec(db, "WY", 1).contest.writein_columns > 0
    with pytest.raises(counting.CountingRefused) as e:
        counting.manual_entry(db, "WY", 2, "T-1", {}, {1: "王伟"}, by="吴芳")
    assert "0 个另选他人栏" in e.value.zh


def test_a_written_in_person_standing_in_the_re_vote_is_marked_by_their_code(
    db: ElectionDB, path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A person written in who ties stands in the re-vote as candidate w01, the code the
    tally prints. A mark given for w01 is theirs — it was read as write-in column 1
    (refused in the re-vote, which has none; in a later 另行选举 with a column, a silent ○
    over an empty column and no vote for them)."""
    order = ballot_order(db, "WY", 1)
    both = {"c01": "agree"}
    ballots: list[tuple[dict[str, str], dict[int, str]]] = [
        ({**both, "c02": "agree", "c03": "agree"}, {})
    ] * 4 + [
        ({**both, "c02": "agree"}, {1: "周七"}),
        ({**both, "c03": "agree"}, {1: "周七"}),
    ] * 4
    for i, (chosen, writeins) in enumerate(ballots):
        for by in ("吴芳", "孙杰"):
            counting.manual_entry(
                db,
                "WY",
                1,
                f"R-{i}",
                {
                    **dict.fromkeys(order, "abstain"),
                    **chosen,
                    **{f"w{k}": "agree" for k in writeins},
                },
                writeins,
                by=by,
            )
    set_box(db, "WY", 1, 12, 12)
    one = counting.tally(db, "WY", 1)
    assert sorted(t["name"] for t in one["tie"]) == ["周七", "张敏", "李娜"], one["tie"]
    # the read-out table: the write-in person among the candidates by votes, labelled tied
    capsys.readouterr()
    assert main(["tally", str(path), "--contest", "WY", "--round", "1"]) == 0
    rows = [line.split() for line in capsys.readouterr().out.splitlines()]
    ranks = [int(r[0]) for r in rows if r and r[0].isdigit() and len(r) > 3]
    assert ranks == sorted(ranks) and len(ranks) == 6, rows
    assert next(r for r in rows if "周七" in r)[-1] == "票数相等", rows
    counting.open_round(db, "WY", "tie", confirm=True)
    two = {c["code"]: c["name"] for c in counting.tally(db, "WY", 2)["candidates"]}
    assert two.get("w01") == "周七", two
    # the contest's 差额 is its formal list's still (it said 6 candidates, 3 over the seats)
    from huanjie_desktop.app.election import contest_status

    wy = next(c for c in contest_status(db) if c.code == "WY")
    assert wy.candidates == 5 and wy.margin.difference == 2, wy
    for i in range(8):
        for by in ("吴芳", "孙杰"):
            counting.manual_entry(db, "WY", 2, f"T-{i}", {"w01": "agree", "c02": "agree"}, by=by)
    set_box(db, "WY", 2, 8, 8)
    by_code = {c["code"]: c for c in counting.tally(db, "WY", 2)["candidates"]}
    assert by_code["w01"]["agree"] == 8 and by_code["c02"]["agree"] == 8


def test_a_round_the_next_was_opened_on_cannot_change(db: ElectionDB) -> None:
    """Round 2 (另行选举 for the seat left) was opened on round 1's final result; round 1
    then took a box-count correction and a late hand entry (收回 > 发出), was certified void,
    and round 2 stood for one seat of two, the re-vote refused. Round 1 is fixed once the
    next round is opened on it: it can be certified, not changed."""
    from huanjie_desktop.app.ballots import BallotRefused, record_box_count

    counted_round(db, ONE_SHORT)
    assert counting.tally(db, "WY")["status"] == "final"
    counting.open_round(db, "WY", "supplementary", confirm=True)
    with pytest.raises(BallotRefused, match="已开启第 2 轮"):
        record_box_count(db, "WY", 1, "1", issued=11)
    with pytest.raises(counting.RoundClosed, match="round 2 has been opened"):
        counting.manual_entry(db, "WY", 1, "L-1", {"c03": "agree"}, by="吴芳")
    assert counting.tally(db, "WY", 1)["status"] == "final"
    assert counting.certify(db, "WY", 1, "徐明、赵强").status == "certified"
    record_box_count(db, "WY", 2, "1", issued=12, collected=12)  # (round 2 is open)


def test_someone_elected_earlier_is_not_elected_again_by_write_in(db: ElectionDB) -> None:
    counted_round(db, ONE_SHORT)
    first = counting.tally(db, "WY")
    winner = first["elected"][0]  # c01, elected in round 1
    counting.open_round(db, "WY", "supplementary", confirm=True)
    order = ballot_order(db, "WY", 2)
    for i in range(8):  # 8 of 12 write in the one already elected
        for by in ("吴芳", "孙杰"):
            counting.manual_entry(
                db,
                "WY",
                2,
                f"S-{i}",
                {**dict.fromkeys(order, "abstain"), "w1": "agree"},
                {1: winner["name"]},
                by=by,
            )
    set_box(db, "WY", 2, 8, 8)
    two = counting.tally(db, "WY")
    (w,) = two["writeins"]
    assert w["agree"] == 8 and w["over_threshold"] and not w["elected"]
    assert w["not_eligible"] == "elected_before"
    assert two["elected"] == [] and two["unfilled_seats"] == 1
    names = [e["name"] for e in two["contest_elected"]]
    assert names.count(winner["name"]) == 1


def test_a_namesake_of_someone_elected_earlier_can_be_elected_by_write_in(
    db: ElectionDB,
) -> None:
    # c01 (P01) is elected in round 1; P09 bears the same name. Written in by his code in
    # the 另行选举, P09 was refused the seat as 已在前轮当选 — on the other man's name.
    counted_round(db, ONE_SHORT)
    winner = counting.tally(db, "WY")["elected"][0]
    assert winner["code"] == "c01"
    db.con.execute("UPDATE people SET name = ? WHERE code = 'P09'", (winner["name"],))
    counting.open_round(db, "WY", "supplementary", confirm=True)
    order = ballot_order(db, "WY", 2)
    for i in range(8):  # 8 of 12 write in P09
        for by in ("吴芳", "孙杰"):
            counting.manual_entry(
                db,
                "WY",
                2,
                f"S-{i}",
                {**dict.fromkeys(order, "abstain"), "w1": "agree"},
                {1: "P09"},
                by=by,
            )
    set_box(db, "WY", 2, 8, 8)
    two = counting.tally(db, "WY")
    (w,) = two["writeins"]
    assert w["person"] == "P09" and w["agree"] == 8 and w["over_threshold"]
    assert w["elected"] and not w.get("not_eligible")
    assert [e["person"] for e in two["elected"]] == ["P09"] and two["unfilled_seats"] == 0
    # the name alone is two people now: asked, never a seat on it (nor a denial)
    with pytest.raises(counting.CountingRefused, match="P01"):
        counting.manual_entry(db, "WY", 2, "S-9", {"w1": "agree"}, {1: winner["name"]}, by="吴芳")


def test_a_name_alone_of_someone_elected_earlier_is_never_a_second_seat() -> None:
    # A write-in with no roster code (a name the roster does not hold, as a station's
    # package or an older record may carry) bearing the name of one elected before: nothing
    # tells them apart, so no seat on it; a roster code is compared by code alone.
    setup = RoundSetup(
        "WY",
        2,
        ContestKind.COMMITTEE,
        Method.COMPETITIVE,
        1,
        (),
        ThresholdBase.EXPECTED,
        QuorumRule.TWO_THIRDS,
        True,
        12,
        12,
        12,
        12,
        elected_before=frozenset({"n:王伟", "p:P01", "n:周强"}),
    )
    assert setup.may_be_elected("王 伟", None, None) == "elected_before"
    assert setup.may_be_elected("周强", None, None) == "elected_before"
    assert setup.may_be_elected("王伟", None, "P01") == "elected_before"
    assert setup.may_be_elected("王伟", None, "P09") == ""
    assert setup.may_be_elected("周强", None, "P10") == ""


def test_a_write_in_without_the_vote_is_not_elected(db: ElectionDB) -> None:
    """A probationary member (no vote on the roster: no right to be elected either) written
    in with ○ on 8 of 12 ballots was elected, printed 当选, without a word."""
    from huanjie_desktop.storage import repo

    with db.transaction() as con:
        con.execute("UPDATE people SET has_vote = 0 WHERE code = 'P12'")
    person = repo.read_person(db, "P12")
    assert person is not None
    order = ballot_order(db, "WY", 1)
    for i in range(12):
        for by in ("吴芳", "孙杰"):
            counting.manual_entry(
                db,
                "WY",
                1,
                f"W-{i}",
                {**dict.fromkeys(order, "abstain"), **({"w1": "agree"} if i < 8 else {})},
                {1: person.name} if i < 8 else {},
                by=by,
            )
    set_box(db, "WY", 1, 12, 12)
    doc = counting.tally(db, "WY")
    (w,) = doc["writeins"]
    assert w["person"] == "P12" and w["agree"] == 8 and w["over_threshold"]
    assert not w["elected"] and w["not_eligible"] == "no_vote"
    assert doc["elected"] == [] and "writein_without_vote" in doc["warnings"]
    from huanjie_desktop.cli.cmd_count import tally_lines

    text = "\n".join(tally_lines(doc, "zh"))
    assert "无选举权" in text


def test_sheets_counted_must_match_those_collected(db: ElectionDB) -> None:
    rows = [A3] * 4
    insert_counted(db, "WY", 1, votes(db, rows), 3)
    set_box(db, "WY", 1, 5, 3)  # 4 sheets counted, 3 collected
    doc = counting.tally(db, "WY")
    assert doc["status"] == "provisional" and "sheets_differ_from_collected" in doc["reasons"]
    with pytest.raises(counting.CountingRefused) as e:
        counting.certify(db, "WY", 1, "孙杰")
    assert "计入的选票 4 张与收回的 3 张不一致" in e.value.zh
    set_box(db, "WY", 1, 5, 4)
    assert counting.tally(db, "WY")["status"] == "final"


def test_rerun_of_a_void_round(db: ElectionDB, tmp_path: Path) -> None:
    counted_round(db, [A3] * 5, boxes=False)
    set_box(db, "WY", 1, 4, 5)
    with pytest.raises(counting.CountingRefused):
        counting.open_round(db, "WY", "supplementary")
    p = counting.open_round(db, "WY", "rerun", confirm=True)
    assert p.number == 2 and p.seats == 3 and len(p.candidates) == 5
    assert counting.tally(db, "WY", 1)["status"] == "void"
    with pytest.raises(counting.RoundClosed):
        counting.assert_round_open(db, "WY", 1)
    assert "round.voided" in events(db)
    # its papers say it is the vote held again (they said 正式选举, as round 1's did)
    doc = counting.tally(db, "WY", 2)
    assert doc["round_kind"] == "formal" and doc["rerun"] is True
    assert counting.tally(db, "WY", 1)["rerun"] is False
    pdf = tmp_path / "rerun.pdf"
    counting.report(db, "WY", 2, pdf)
    assert "第 2 轮（正式选举·重新投票）" in pdf_text(pdf)


def test_a_supplementary_round_of_one_candidate_for_one_seat_is_uncontested(
    db: ElectionDB, tmp_path: Path
) -> None:
    """The formal round was 差额; its 另行选举 of one candidate for the one seat left was
    printed "选举方式：差额选举，最低差额比例 10%"."""
    counted_round(db, ONE_SHORT)
    counting.open_round(
        db, "WY", "supplementary", confirm=True, candidates=["c03"], decision="主席团第三次会议决定"
    )
    doc = counting.tally(db, "WY", 2)
    assert doc["method"] == "uncontested" and doc["contest_method"] == "competitive"
    pdf = tmp_path / "r2.pdf"
    counting.report(db, "WY", 2, pdf)
    text = pdf_text(pdf)
    assert "选举方式：等额选举" in text and "差额选举" not in text, text
    assert counting.tally(db, "WY", 1)["method"] == "competitive"


def test_more_than_half_without_a_seat_is_said_on_the_paper(db: ElectionDB, tmp_path: Path) -> None:
    """c04 has more than half (7 of 12) but the three seats went to 8, 8 and 8: the paper's
    result column said only 未当选, as of a candidate short of the half."""
    counted_round(
        db,
        [{"c01": "A", "c02": "A", "c03": "A"}] * 4
        + [{"c01": "A", "c02": "A", "c04": "A"}] * 4
        + [{"c03": "A", "c04": "A"}] * 3
        + [{"c03": "A"}],
    )
    doc = counting.tally(db, "WY")
    c04 = next(c for c in doc["candidates"] if c["code"] == "c04")
    assert c04["over_threshold"] and not c04["elected"], doc
    pdf = tmp_path / "r1.pdf"
    counting.report(db, "WY", 1, pdf)
    assert "过半数未当选" in pdf_text(pdf)


def test_next_round_needs_a_final_previous_round(db: ElectionDB) -> None:
    counted_round(db, [A3] * 5, boxes=False)
    with pytest.raises(counting.CountingRefused) as e:
        counting.open_round(db, "WY", "supplementary")
    assert "not final" in e.value.en


# --- certification and verification ---------------------------------------------------------------


def certified(db: ElectionDB) -> counting.Certified:
    counted_round(db, [A3] * 8 + [{"c04": "A"}] * 4)
    return counting.certify(db, "WY", 1, "孙杰，徐明")


def test_certify_freezes_the_round(db: ElectionDB) -> None:
    held(db, c01="?")
    counted_round(db, [A3] * 8)
    with pytest.raises(counting.CountingRefused) as e:
        counting.certify(db, "WY", 1, "孙杰")
    assert "review" in e.value.en
    counting.decide(db, "r1", marks={"c01": "agree"}, writeins={1: ""}, by="徐明")
    counting.confirm(db, "r1", by="孙杰")
    set_box(db, "WY", 1, 9, 9)
    out = counting.certify(db, "WY", 1, "孙杰，徐明")
    assert out.status == "certified" and len(out.digest) == 64
    assert out.certified_by == ["孙杰", "徐明"]
    doc = counting.tally(db, "WY", 1)
    assert doc["status"] == "certified" and doc["digest_short"] == out.digest[:16]
    with pytest.raises(counting.RoundClosed):
        counting.certify(db, "WY", 1, "孙杰")
    with pytest.raises(counting.RoundClosed) as closed:
        counting.assert_round_open(db, "WY", 1)
    # (when, as the clock on the wall says it: it read 2026-11-29T15:17:14.377Z)
    assert re.search(r"已于 \d{4}-\d\d-\d\d \d\d:\d\d 由", closed.value.zh), closed.value.zh
    held(db, "r9", c01="?")
    with pytest.raises(counting.RoundClosed):
        counting.decide(db, "r9", marks={"c01": "agree"}, by="徐明")
    with pytest.raises(counting.RoundClosed):
        counting.manual_entry(db, "WY", 1, "late", {}, by="徐明")
    assert "round.certified" in events(db)
    assert verify_audit_chain(db.con) is None


def test_verify_digest_and_tampering(db: ElectionDB) -> None:
    out = certified(db)
    assert counting.verify_results(db) == []
    ok = counting.verify_digest(db, out.digest_short)
    assert ok.ok and ok.contest == "WY" and ok.round == 1
    assert not counting.verify_digest(db, "0123456789abcdef").ok
    assert not counting.verify_digest(db, "not hex").ok
    # a sheet changed behind the app's back: the certified totals no longer match
    db.con.execute(
        "UPDATE sheets SET final_marks = replace(final_marks, 'A', 'D') WHERE id = 's1-0000'"
    )
    problems = counting.verify_results(db)
    assert problems and "differ" in problems[0][1]
    assert not counting.verify_digest(db, out.digest_short).ok
    # the stored result altered: the digest no longer matches
    db.con.execute(
        "UPDATE sheets SET final_marks = replace(final_marks, 'D', 'A') WHERE id = 's1-0000'"
    )
    assert counting.verify_results(db) == []
    row = db.con.execute("SELECT result_json FROM rounds WHERE number = 1").fetchone()
    db.con.execute(
        "UPDATE rounds SET result_json = ? WHERE number = 1",
        (row[0].replace('"valid_ballots":12', '"valid_ballots":13'),),
    )
    assert "altered" in counting.verify_results(db)[0][1]


def test_certified_result_survives_later_check_in_changes(db: ElectionDB) -> None:
    certified(db)
    db.con.execute("DELETE FROM checkins")
    assert counting.verify_results(db) == []
    assert counting.tally(db, "WY")["present"] == 12


def test_void_round_is_recorded_as_void(db: ElectionDB) -> None:
    counted_round(db, [A3] * 5, boxes=False)
    set_box(db, "WY", 1, 4, 5)
    out = counting.certify(db, "WY", 1, "孙杰")
    assert out.status == "void"
    assert counting.tally(db, "WY", 1)["status"] == "void"
    assert "round.voided" in events(db)


def test_a_void_the_sheets_contradict_is_not_certified_void(
    db: ElectionDB, path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """发出 5, 5 sheets counted, 收回 typed 6: the round was void and certified void
    (irreversible, a re-vote) with no word that only 5 sheets exist."""
    counted_round(db, [A3] * 5, boxes=False)
    set_box(db, "WY", 1, 5, 6)
    doc = counting.tally(db, "WY")
    assert doc["status"] == "provisional" and not doc["elected"]
    assert doc["reasons"] == ["collected_exceeds_issued", "sheets_differ_from_collected"]
    with pytest.raises(counting.CountingRefused) as e:
        counting.certify(db, "WY", 1, "孙杰")
    assert "收回 6 张多于发出 5 张" in e.value.zh and "只有 5 张" in e.value.zh, e.value.zh
    assert "huanjie ballots collected" in e.value.zh
    assert "only 5 sheets are on record" in e.value.en, e.value.en
    with pytest.raises(counting.CountingRefused, match="only 5 sheets"):
        counting.open_round(db, "WY", "rerun", confirm=True, decision="重新投票")
    assert main(["tally", str(path), "--contest", "WY"]) == 0
    out = capsys.readouterr().out
    assert "在案的选票只有 5 张" in out and "核对各票箱登记的收回张数" in out, out
    assert main(["--lang", "en", "tally", str(path), "--contest", "WY"]) == 0
    assert "only 5 sheets are on record" in capsys.readouterr().out
    pdf = path.with_suffix(".pdf")
    counting.report(db, "WY", 1, pdf)
    assert "在案的选票只有" in re.sub(r"\s+", "", pdf_text(pdf))
    # the typed number corrected: the round stands
    set_box(db, "WY", 1, 5, 5)
    assert counting.tally(db, "WY")["status"] == "final"
    # a sixth sheet found: the void stands and is certified void
    set_box(db, "WY", 1, 5, 6)
    insert_counted(db, "WY", 1, votes(db, [A3]), 3, prefix="late")
    assert counting.tally(db, "WY")["status"] == "void"
    assert counting.certify(db, "WY", 1, "孙杰").status == "void"


def test_a_round_recorded_void_takes_no_more_box_counts(
    db: ElectionDB, path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A round certified void (收回 16 > 发出 15) still took `ballots collected … 15` and
    `ballots issued … 20` (exit 0, counts changed), and verify then said the file was altered;
    `manual` on the same round was refused."""
    from huanjie_desktop.app import ballots as ballots_app

    counted_round(db, [A3] * 5, boxes=False)
    set_box(db, "WY", 1, 4, 5)
    capsys.readouterr()
    assert main(["tally", str(path), "--contest", "WY", "--json"]) == 0
    doc = json.loads(capsys.readouterr().out)  # (void on its figures, not yet settled)
    assert (doc["status"], doc["certified"]) == ("void", False)
    assert counting.certify(db, "WY", 1, "孙杰").status == "void"
    assert main(["tally", str(path), "--contest", "WY", "--json"]) == 0
    doc = json.loads(capsys.readouterr().out)  # (certified void: settled, a re-vote is due)
    assert (doc["status"], doc["certified"]) == ("void", True)
    for which, n in (("collected", "4"), ("issued", "20")):
        assert main(["ballots", which, str(path), "--contest", "WY", n]) == 1
        err = capsys.readouterr().err
        assert "已宣布无效" in err and "修改发出/收回票数" in err, err
    with pytest.raises(ballots_app.BallotRefused, match="无效"):
        ballots_app.record_box_count(db, "WY", 1, "2", issued=1, collected=1)
    assert (
        ballots_app.box_totals(db, "WY", 1).issued,
        ballots_app.box_totals(db, "WY", 1).collected,
    ) == (4, 5)
    assert counting.verify_results(db) == []


# --- papers --------------------------------------------------------------------------------------


def pdf_text(pdf: Path, page: int | None = None) -> str:
    pages = ["-f", str(page), "-l", str(page)] if page else []
    return subprocess.run(
        ["pdftotext", "-layout", *pages, str(pdf), "-"], check=True, capture_output=True, text=True
    ).stdout


def test_papers_of_a_round_without_a_quorum_call_it_void(tmp_path: Path) -> None:
    """The ballots paper said 本轮投票有效 when too few were present (looking at 收回 ≤ 发出
    alone), while the tally sheet said the round was void."""
    d = open_db(make_election(tmp_path / "q.huanjie"))
    try:
        check_in(d, ["P01", "P02", "P03"])
        set_box(d, "WY", 1, 3, 3)
        pdf = tmp_path / "q.pdf"
        counting.report(d, "WY", 1, pdf, ballots=True)
        text = pdf_text(pdf)
        said = ""
        for attendance in (False, True):
            other = tmp_path / f"q{attendance}.pdf"
            counting.report(d, "WY", 1, other, attendance=attendance)
            said += re.sub(r"\s+", "", pdf_text(other))
    finally:
        d.close()
    assert "到会人数未达到规定，本轮选举无效" in text, text
    assert "本轮投票有效" not in text
    # the tally sheet and the attendance sheet say it alike: the round could not be held
    # (the one said 本轮投票无效…应重新投票, the other 不能进行选举)
    assert "不能进行选举，本轮投票无效" in said and "不能进行选举。" in said, said


def test_a_code_given_to_certify_prints_as_the_persons_name(tmp_path: Path) -> None:
    """`certify --by P12` printed "确认：P12" on the papers: a roster person's code is printed
    as their name (the 监票人 lines name the officials given by code the same way), the
    code kept in the audit record; one person given by code and by name signs once; a
    name that is nobody's code prints as typed."""
    d = open_db(make_election(tmp_path / "c.huanjie"))
    try:
        check_in(d)
        counted_round(d, [A3] * 12)
        done = counting.certify(d, "WY", 1, "p12、孙杰、徐明、计票员甲")
        pdf = tmp_path / "c.pdf"
        counting.report(d, "WY", 1, pdf)
        detail = json.loads(
            d.con.execute("SELECT detail FROM audit WHERE event = 'round.certified'").fetchone()[0]
        )
        frozen = store.frozen_round(d, "WY", 1)
        assert counting.verify_results(d) == []
    finally:
        d.close()
    assert done.certified_by == ["孙杰", "徐明", "计票员甲"]
    assert frozen is not None and frozen.certified_by == "孙杰、徐明、计票员甲"
    assert detail["by"] == ["孙杰", "徐明", "计票员甲"]
    assert detail["persons"] == ["P12", "P11", None]
    assert detail["typed"] == ["p12", "孙杰", "徐明", "计票员甲"]
    text = re.sub(r"\s+", "", pdf_text(pdf, 1))
    assert "确认：孙杰、徐明、计票员甲" in text and "P12" not in text, text


def test_a_namesakes_code_given_to_certify_prints_with_their_note(tmp_path: Path) -> None:
    """Two 孙杰 on the roster: the code given says which one certified; the paper says it
    with the note their cards carry, not a bare name either of them could be."""
    data = definition()
    data["people"][0]["name"] = "孙杰"  # P01, a woman born in 1960 (candidate c01)
    d = open_db(make_election(tmp_path / "n.huanjie", data))
    try:
        check_in(d)
        counted_round(d, [A3] * 12)
        done = counting.certify(d, "WY", 1, "P12")
        pdf = tmp_path / "n.pdf"
        counting.report(d, "WY", 1, pdf)
    finally:
        d.close()
    assert done.certified_by == ["孙杰（男，1993年）"]
    # ... and so does the 总监票人's signature line (P12), not a bare 孙杰
    text = pdf_text(pdf, 1)
    line = re.search(r"总监票人（签名）：\s*(\S+)", text)
    assert line is not None and line.group(1) == "孙杰（男，1993年）", text


def test_a_tally_sheet_says_its_ranks_count_the_write_ins(db: ElectionDB, tmp_path: Path) -> None:
    """Candidates ranked 1, 1, 4 … and a write-in 3 in the table below read as a misprint:
    the sheet says the one ranking runs over both tables (the command line's table lists
    them together, by rank)."""
    insert_counted(db, "WY", 1, votes(db, [A3] * 2), 3)
    for i in range(10):  # (entered by hand, each by two people: a write-in's name is read)
        for who in ("吴芳", "徐明"):
            counting.manual_entry(
                db,
                "WY",
                1,
                f"H-{i}",
                {"c01": "agree", "c03": "agree", "w1": "agree"},
                {1: "赵强"},
                by=who,
            )
    set_box(db, "WY", 1, 12, 12)
    doc = counting.tally(db, "WY")
    assert [w["rank"] for w in doc["writeins"]] == [3]
    assert sorted(c["rank"] for c in doc["candidates"])[:3] == [1, 1, 4]
    pdf = tmp_path / "w.pdf"
    counting.report(db, "WY", 1, pdf)
    text = re.sub(r"\s+", "", pdf_text(pdf, 1))
    assert text.index("另选他人得票") < text.index("名次含另选他人"), text


def test_the_threshold_cell_holds_a_four_figure_threshold(tmp_path: Path) -> None:
    """'当选所需赞成票 | 125 票（超过基数的半数）' touched its cell's right border; a
    congress of 2000 (threshold 1001) ran over it."""
    d = open_db(make_election(tmp_path / "big.huanjie", definition(people=2000)))
    try:
        check_in(d)
        insert_counted(d, "WY", 1, votes(d, [A3] * 5), 3)
        set_box(d, "WY", 1, 5, 5)
        pdf = tmp_path / "big.pdf"
        counting.report(d, "WY", 1, pdf)
    finally:
        d.close()
    html = subprocess.run(
        ["pdftotext", "-bbox", "-f", "1", "-l", "1", str(pdf), "-"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    words = [
        (float(m[1]), float(m[2]), float(m[3]), m[4])
        for m in re.finditer(
            r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="[\d.]+">([^<]*)</word>',
            html,
        )
    ]
    number = next(w for w in words if w[3] == "1001")
    after = next(w for w in words if w[3] == "待审核选票")
    row = [w for w in words if abs(w[1] - number[1]) < 6 and number[0] <= w[0] < after[0]]
    assert "".join(w[3] for w in row) == "1001票（超过基数的半数）", row
    # (the next cell's text starts 6 pt inside it: this cell's text ends 3 pt before its line)
    assert max(w[2] for w in row) <= after[0] - 6 - 3, (row, after)


def test_a_tie_re_vote_paper_states_no_margin(db: ElectionDB, tmp_path: Path) -> None:
    """A tie re-vote's list is those tied: '最低差额比例 10%' does not apply to it."""
    rows = (
        [{"c01": "A", "c02": "A", "c03": "A"}] * 4
        + [{"c01": "A", "c02": "A", "c04": "A"}] * 4
        + [{"c01": "A", "c03": "A", "c04": "A"}] * 4
    )
    counted_round(db, rows)
    counting.open_round(db, "WY", "tie", confirm=True)
    order = ballot_order(db, "WY", 2)
    insert_counted(db, "WY", 2, [marks(order, {"c02": "A", "c03": "A"})] * 12, 2)
    set_box(db, "WY", 2, 12, 12)
    papers = {}
    for number in (1, 2):
        papers[number] = tmp_path / f"r{number}.pdf"
        counting.report(db, "WY", number, papers[number])
    assert "最低差额比例 10%" in pdf_text(papers[1], 1)
    again = pdf_text(papers[2], 1)
    assert "再次投票" in again and "选举方式：差额选举" in again
    assert "差额比例" not in again, again
    assert "最低差额比例" not in "".join(counting.tally(db, "WY", 2)["settings_text"])
    # (the most votes elect there: no "7 票（超过基数的半数）" for a reader to hold it to)
    flat = again.replace(" ", "").replace("\n", "")
    assert "得票多的当选" in flat and "（超过基数的半数）" not in flat, again
    assert "再次投票得票多当选的" in flat and "赞成票超过半数、按得票多少当选" not in flat
    assert "超过基数的半数" in pdf_text(papers[1], 1).replace(" ", "")


HAND_ORDER_NAMES = {"P01": "胡伟", "P02": "兪正声", "P03": "姜红"}


def hand_ordered_election(path: Path, more: dict[str, str] | None = None) -> ElectionDB:
    """胡伟, 兪正声, 姜红 stand: the data cannot place 兪 (flagged), and the operator moves
    兪正声 above 姜红 by hand (兪 is 俞, 丿 first; 姜 begins with 丶)."""
    from huanjie_desktop.app import prepare

    data = definition()
    for p in data["people"]:
        p["name"] = {**HAND_ORDER_NAMES, **(more or {})}.get(p["code"], p["name"])
    d = open_db(make_election(path, data))
    assert next((f.first, f.second) for f in prepare.order_flags(d, "WY")) == ("姜红", "兪正声")
    prepare.move_candidate(d, "WY", "c02", -1)
    assert ballot_order(d, "WY", 1)[2:] == ["c01", "c02", "c03"]
    check_in(d)
    return d


def test_the_lists_of_those_elected_keep_the_order_confirmed_on_the_ballot(
    tmp_path: Path,
) -> None:
    """The tally's lists and the printed 当选名单 said 胡伟 姜红 兪正声: re-sorted from the
    stroke data, undoing the order a person confirmed on the ballot."""
    d = hand_ordered_election(tmp_path / "h.huanjie")
    try:
        insert_counted(d, "WY", 1, votes(d, [A3] * 12), 3)
        set_box(d, "WY", 1, 12, 12)
        doc = counting.tally(d, "WY")
        pdf = tmp_path / "h.pdf"
        counting.report(d, "WY", 1, pdf)
    finally:
        d.close()
    assert doc["status"] == "final"
    assert [e["name"] for e in doc["elected_list"]] == ["胡伟", "兪正声", "姜红"]
    assert [e["name"] for e in doc["contest_elected"]] == ["胡伟", "兪正声", "姜红"]
    assert doc["elected_order_flags"] == []  # (every name confirmed on the ballot)
    text = pdf_text(pdf)
    listed = text[text.index("当选名单") :]
    assert re.search(r"胡伟\s+兪正声\s+姜红", listed), listed


def test_a_write_in_elected_among_names_ordered_by_hand_is_flagged_on_the_list(
    tmp_path: Path,
) -> None:
    """A write-in is on no ballot: nobody confirmed where it goes among the names the data
    cannot settle. It is placed by the data and the list says to check it (the tally, the
    command line and the printed 当选名单)."""
    d = hand_ordered_election(tmp_path / "w.huanjie", {"P07": "娄伟"})
    try:
        order = ballot_order(d, "WY", 1)
        chosen = {**dict.fromkeys(order, "abstain"), "c01": "agree", "c02": "agree"}
        for i in range(12):
            for by in ("吴芳", "孙杰"):
                counting.manual_entry(
                    d, "WY", 1, f"W-{i}", {**chosen, "w1": "agree"}, {1: "娄伟"}, by=by
                )
        set_box(d, "WY", 1, 12, 12)
        doc = counting.tally(d, "WY")
        pdf = tmp_path / "w.pdf"
        counting.report(d, "WY", 1, pdf)
    finally:
        d.close()
    assert doc["status"] == "final"
    assert {e["name"] for e in doc["contest_elected"]} == {"胡伟", "兪正声", "娄伟"}
    assert next(e["name"] for e in doc["contest_elected"]) == "胡伟"
    flagged = {(f["first"], f["second"]) for f in doc["elected_order_flags"]}
    assert ("娄伟", "兪正声") in flagged or ("娄伟", "") in flagged, flagged
    from huanjie_desktop.cli.cmd_count import tally_lines

    assert any(x.startswith("当选名单的顺序请核对（娄伟") for x in tally_lines(doc, "zh"))
    listed = re.sub(r"\s+", "", pdf_text(pdf)[pdf_text(pdf).index("当选名单") :])
    assert "注意：娄伟" in listed and "的先后请核对" in listed, listed


def test_a_later_round_keeps_the_hand_order_says_its_doubtful_pairs_and_moves_until_printed(
    tmp_path: Path,
) -> None:
    """Round 2 (另行选举) was opened with its ballot in the data's order, 兪正声 back below
    姜红 after the move on round 1's; the pair was said nowhere (notes: []), and moving a name
    on round 2's ballot was refused (its list is fixed). It keeps the order confirmed on
    round 1's ballot, says the pair, and a name may be moved (recorded) until a ballot of
    the round is printed; the lists of those elected over both rounds keep that order."""
    from huanjie_desktop.app import ballots as ballots_app
    from huanjie_desktop.app import prepare
    from huanjie_desktop.domain.definition import DefinitionRefused
    from huanjie_desktop.storage import repo

    d = hand_ordered_election(tmp_path / "r.huanjie")
    try:
        insert_counted(d, "WY", 1, votes(d, [{"c01": "A"}] * 12), 3)
        set_box(d, "WY", 1, 12, 12)
        made = counting.open_round(d, "WY", "supplementary", confirm=True)
        names = list(made.ballot_order)
        assert names.index("兪正声") < names.index("姜红"), names
        said = " ".join(zh for zh, _ in made.notes)
        assert "第 2 轮选票上" in said and "姜红 / 兪正声" in said, made.notes
        r2 = repo.read_round(d, "WY", 2)
        assert r2 is not None and "c02" in r2.overridden  # (placed by a person, still shown)
        assert ("姜红", "兪正声") in {(f.first, f.second) for f in prepare.order_flags(d, "WY", 2)}
        # moved on round 2's ballot, and back: each recorded with its round
        order = ballot_order(d, "WY", 2)
        prepare.move_candidate(d, "WY", "c02", 1)
        assert ballot_order(d, "WY", 2).index("c02") == order.index("c02") + 1
        prepare.move_candidate(d, "WY", "c02", -1)
        assert ballot_order(d, "WY", 2) == order
        moves = [
            json.loads(r[0])
            for r in d.con.execute("SELECT detail FROM audit WHERE event = 'round.order_moved'")
        ]
        assert [(m["round"], m["candidate"]) for m in moves] == [(2, "c02"), (2, "c02")]
        assert ballot_order(d, "WY", 1)[2:] == ["c01", "c02", "c03"]  # round 1's untouched
        # once a ballot of round 2 is printed its order is settled
        ballots_app.print_ballots(d, "WY", 2, 1, tmp_path / "b2.pdf")
        printed = pdf_text(tmp_path / "b2.pdf")
        assert printed.index("兪正声") < printed.index("姜红")
        with pytest.raises(DefinitionRefused) as refused:
            prepare.move_candidate(d, "WY", "c02", 1)
        assert refused.value.problems[0].code == "printed"
        assert ballot_order(d, "WY", 2) == order
        # round 2 elects both: the contest's list keeps the order confirmed on the ballots
        insert_counted(d, "WY", 2, [marks(order, {"c02": "A", "c03": "A"})] * 12, 2)
        set_box(d, "WY", 2, 12, 12)
        doc = counting.tally(d, "WY", 2)
    finally:
        d.close()
    assert doc["status"] == "final"
    assert [e["name"] for e in doc["elected_list"]] == ["兪正声", "姜红"]
    assert [(e["name"], e["round"]) for e in doc["contest_elected"]] == [
        ("胡伟", 1),
        ("兪正声", 2),
        ("姜红", 2),
    ]


def test_a_tally_sheet_with_nobody_over_half_says_nobody_was_elected(
    db: ElectionDB, tmp_path: Path
) -> None:
    """It said "赞成票超过半数、按得票多少当选的 0 名：无。"."""
    counted_round(db, [{"c01": "A"}] * 3 + [{}] * 9)
    assert counting.tally(db, "WY")["elected"] == []
    pdf = tmp_path / "none.pdf"
    counting.report(db, "WY", 1, pdf)
    text = pdf_text(pdf)
    assert "本轮无人当选。" in text and "当选的 0 名" not in text, text


def test_the_elected_list_of_a_void_later_round_says_nobody_was_elected_in_it(
    db: ElectionDB, tmp_path: Path
) -> None:
    """Round 2 (另行选举) void (收回 > 发出): its 当选名单 printed round 1's winners under the
    heading 第 2 轮 without a word that the round was void."""
    counted_round(db, ONE_SHORT)
    counting.certify(db, "WY", 1, "孙杰，徐明")
    counting.open_round(db, "WY", "supplementary", confirm=True)
    set_box(db, "WY", 2, 9, 10)
    pdf = tmp_path / "r2.pdf"
    counting.report(db, "WY", 2, pdf)
    text = pdf_text(pdf)
    assert "第 2 轮投票无效（" in text and "本轮无人当选" in text, text
    assert "此前各轮已当选" in text and "本选举事项各轮当选共 2 名" in text, text


def render_png(pdf: Path) -> list[Path]:
    prefix = pdf.with_suffix("")
    subprocess.run(["pdftoppm", "-r", "40", "-png", str(pdf), str(prefix)], check=True)
    return sorted(pdf.parent.glob(prefix.name + "-*.png"))


def test_tally_sheet_and_elected_list(db: ElectionDB, tmp_path: Path) -> None:
    out = certified(db)
    pdf = tmp_path / "wy.pdf"
    rep = counting.report(db, "WY", 1, pdf)
    assert rep.papers == ["tally", "elected"] and rep.status == "certified"
    text = pdf_text(pdf)
    for needle in [
        "计票结果报告单",
        "当选名单",
        "中国共产党天元区第六次代表大会",
        "应到会有选举权人数",
        "发出选票",
        "有效票",
        "当选基数",
        "总监票人",
        "监票人",
        "计票人",
        "孙杰",
        out.digest[:16],
        "按姓氏笔画为序",
        "赞成",
        "不赞成",
        "弃权",
        "66.7%",
    ]:
        assert needle in text, needle
    assert "PROVISIONAL" not in text
    # the 当选名单 lists 王 李 张 in stroke order
    listing = text[text.index("当选名单") :]
    assert listing.index("王伟") < listing.index("李娜") < listing.index("张敏")
    pngs = render_png(pdf)
    assert len(pngs) == rep.pages == 2 and all(p.stat().st_size > 2000 for p in pngs)
    assert "report.printed" in events(db)
    # the QR code beside the signatures carries the full digest
    import cv2
    import zxingcpp

    subprocess.run(
        ["pdftoppm", "-r", "150", "-f", "1", "-l", "1", "-png", str(pdf), str(tmp_path / "hi")],
        check=True,
    )
    page = cv2.imread(str(next(tmp_path.glob("hi*.png"))), cv2.IMREAD_GRAYSCALE)
    qr = zxingcpp.BarcodeFormats(zxingcpp.BarcodeFormat.QRCode)
    codes = zxingcpp.read_barcodes(page, formats=qr)
    assert [c.text for c in codes] == [f"HJR1.WY.1.{out.digest}"]


def test_a_paper_running_on_to_another_page_is_headed_and_the_pages_counted(
    tmp_path: Path,
) -> None:
    """A tally sheet of 40 candidates runs to a second page: that page said only "第 2 页",
    so a loose page named neither its paper nor how many pages there were."""
    d = open_db(make_election(tmp_path / "long.huanjie", definition(50, 35, 40)))
    try:
        check_in(d)
        pdf = tmp_path / "long.pdf"
        rep = counting.report(d, "WY", 1, pdf)
        pages = [pdf_text(pdf, i + 1) for i in range(rep.pages)]
    finally:
        d.close()
    assert rep.pages == 3 and rep.papers == ["tally", "elected"], rep
    for i, text in enumerate(pages):
        assert re.search(rf"第\s*{i + 1}\s*页\s*/\s*共\s*3\s*页", text), text
    # the page the tally sheet runs on to names it; each paper's own first page does not
    assert re.search(r"委员会委员选举计票结果报告单\s+第 1 轮（续）", pages[1]), pages[1]
    assert "（续）" not in pages[0] and "（续）" not in pages[2]


def test_provisional_papers_are_watermarked(db: ElectionDB, tmp_path: Path) -> None:
    counted_round(db, [A3] * 3, boxes=False)
    pdf = tmp_path / "p.pdf"
    counting.report(db, "WY", None, pdf)
    text = pdf_text(pdf)
    assert "PROVISIONAL" in text and "未确认" in text and "数字摘要：" not in text


def test_final_papers_not_yet_certified_say_so_on_every_page(
    db: ElectionDB, tmp_path: Path
) -> None:
    """A complete count printed before it is certified carries no watermark (the result is
    final) but a line at the top of every page: a paper signed then has no digest to check."""
    counted_round(db, [A3] * 8 + [{"c04": "A"}] * 4)
    pdf = tmp_path / "f.pdf"
    rep = counting.report(db, "WY", None, pdf)
    assert rep.status == "final"
    pages = [pdf_text(pdf, page) for page in range(1, rep.pages + 1)]
    assert all("尚未确认冻结 NOT YET CERTIFIED" in t for t in pages), pages
    assert not any("PROVISIONAL" in t for t in pages)
    counting.certify(db, "WY", 1, "孙杰，徐明")
    counting.report(db, "WY", 1, pdf)
    assert "NOT YET CERTIFIED" not in pdf_text(pdf)


def test_a_void_paper_not_yet_certified_says_so(db: ElectionDB, tmp_path: Path) -> None:
    """收回 > 发出, printed before certify: the paper said 本轮选举无效 with the signatures and
    nothing of its not being certified — while a corrected box count may still make the round
    valid. It says so as an unfrozen final paper does; once certified it does not."""
    counted_round(db, [A3] * 8 + [{"c04": "A"}] * 4, boxes=False)
    set_box(db, "WY", 1, 11, 12)
    pdf = tmp_path / "v.pdf"
    rep = counting.report(db, "WY", None, pdf)
    assert rep.status == "void"
    pages = [pdf_text(pdf, page) for page in range(1, rep.pages + 1)]
    assert all("尚未确认冻结 NOT YET CERTIFIED" in t for t in pages), pages
    assert "本轮投票无效的结论尚未确认冻结" in pdf_text(pdf)
    counting.certify(db, "WY", 1, "孙杰，徐明")
    counting.report(db, "WY", 1, pdf)
    assert "NOT YET CERTIFIED" not in pdf_text(pdf) and "尚未确认" not in pdf_text(pdf)


def test_attendance_ballots_and_composition_papers(db: ElectionDB, tmp_path: Path) -> None:
    certified(db)
    set_box(db, "WY", 1, 0, 0, box="2")
    pdf = tmp_path / "x.pdf"
    rep = counting.report(db, "WY", 1, pdf, attendance=True, ballots=True, composition_sheet=True)
    assert rep.papers == ["attendance", "ballots", "composition"]
    text = pdf_text(pdf)
    for needle in [
        "清点到会人数报告单",
        "第一代表团",
        "第二代表团",
        "缺席",
        "符合规定",
        "发出、收回选票清点表",
        "票箱",
        "本轮投票有效",
        "当选人员结构分析",
        "女性",
        "少数民族",
        "平均年龄",
        "35岁以下",
        "学历",
    ]:
        assert needle in text, needle
    assert "上表是现在的报到情况" not in text  # the same numbers as the certified result
    render_png(pdf)
    # a check-in undone after certification: the paper says which numbers the result used
    from huanjie_desktop.storage import repo

    first = db.con.execute("SELECT min(person) FROM checkins").fetchone()[0]
    repo.remove_checkin(db, first)
    counting.report(db, "WY", 1, pdf, attendance=True)
    text = " ".join(pdf_text(pdf).split())
    assert "上表是现在的报到情况" in text and "本轮结果确认时" in text


def test_long_tables_repeat_their_header(tmp_path: Path) -> None:
    data = definition(people=80, seats=30, candidates=60, writein_columns=0)
    db = open_db(make_election(tmp_path / "big.huanjie", data))
    check_in(db)
    order = ballot_order(db, "WY", 1)
    rnd = random.Random(3)
    rows = []
    for _ in range(80):
        chosen = rnd.sample(order, 25)
        rows.append("".join("A" if c in chosen else "N" for c in order))
    insert_counted(db, "WY", 1, rows, 30)
    set_box(db, "WY", 1, 80, 80)
    pdf = tmp_path / "big.pdf"
    rep = counting.report(db, "WY", 1, pdf)
    text = pdf_text(pdf)
    assert rep.pages >= 3 and text.count("占有效票") >= 2
    db.close()


def test_export_xlsx(db: ElectionDB, tmp_path: Path) -> None:
    from openpyxl import load_workbook

    counted_round(db, [A3] * 6 + [{"c01": "A", "c02": "A"}] * 2 + [{"c04": "A"}] * 4)
    # one more ballot, writing in 赵强 (P07): his row came after the candidates' without a
    # word, and an unelected candidate's outcome was left blank
    for by in ("吴芳", "孙杰"):
        counting.manual_entry(db, "WY", 1, "W-1", {"w1": "agree"}, {1: "P07"}, by=by)
    set_box(db, "WY", 1, 13, 13)
    counting.certify(db, "WY", 1, "孙杰")
    counting.open_round(db, "WY", "supplementary", confirm=True)
    out = tmp_path / "all.xlsx"
    assert counting.export_xlsx(db, out) == 2
    wb = load_workbook(out)
    assert wb.sheetnames == ["汇总", "WY-1", "WY-2", "当选名单"]
    summary = wb["汇总"]
    assert summary.cell(row=2, column=1).value == "选举事项"
    assert summary.cell(row=3, column=5).value == "已确认"
    # (the column says what it checks: a round with no quorum is void whatever it says —
    # headed 本轮有效, its 是 contradicted the 状态 无效 beside it and the certified sheet)
    headers = [summary.cell(row=2, column=c).value for c in range(1, summary.max_column + 1)]
    assert "本轮有效" not in headers and summary.cell(row=3, column=12).value == "是"
    assert headers[11] == "收回不多于发出"
    sheet = wb["WY-1"]
    assert sheet.cell(row=5, column=3).value == "姓名"
    column = [sheet.cell(row=r, column=1).value for r in range(1, sheet.max_row + 1)]
    at = column.index("另选他人得票") + 1
    assert sheet.cell(row=at + 1, column=3).value == "赵强", at
    outcomes = [sheet.cell(row=r, column=10).value for r in range(6, 11)]
    assert outcomes[:2] == ["当选", "当选"] and "未当选" in outcomes, outcomes
    assert sheet.cell(row=6, column=4).value == 8 and isinstance(
        sheet.cell(row=6, column=4).value, int
    )
    # shares are numbers shown as percentages (a spreadsheet computes with them)
    share = sheet.cell(row=6, column=7)
    assert share.value == pytest.approx(8 / 13) and share.number_format == "0.0%"
    # everyone elected in the contest, every round together
    elected = wb["当选名单"]
    names = [elected.cell(row=r, column=3).value for r in range(3, elected.max_row + 1)]
    assert names and len(names) == len(counting.tally(db, "WY", 2)["contest_elected"])
    assert "export.xlsx" in events(db)


# --- command line --------------------------------------------------------------------------------


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(["--operator", "tester", *argv])
    out = capsys.readouterr()
    return code, out.out, out.err


def test_cli_round_trip(path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = open_db(path)
    check_in(db)
    counted_round(db, [A3] * 8 + [{"c04": "A"}] * 3)
    held(db, c01="A", c02="?")
    set_box(db, "WY", 1, 12, 12)  # the held sheet was collected too
    db.close()
    f = str(path)
    code, out, _ = run(capsys, "review", "list", f, "--json")
    assert code == 0 and json.loads(out)[0]["sheet"] == "r1"
    code, said, err = run(
        capsys,
        "review",
        "decide",
        f,
        "r1",
        "--mark",
        "c02=弃权",
        "--writein",
        "1=赵强",
        "--by",
        "徐明",
    )
    assert code == 0, err
    # (read back in words: it said "机器识别 A?NNN → 决定 ANNNN", N read as "no")
    assert "c02: 无法辨认 → 弃权" in said and "→ 决定" not in said, said
    code, out, _ = run(capsys, "review", "list", f)  # the confirmer sees what they confirm
    assert code == 0 and "机器读数：" in out and "决定（第" in out and "c02=abstain" in out
    assert "另选他人第 1 栏 赵强（○）" in out
    code, out, _ = run(capsys, "review", "list", f, "--json")
    looked_at = json.loads(out)[0]["decision"]["id"]
    # a decision made after the one looked at: confirming the one looked at is refused
    code, _, err = run(capsys, "review", "confirm", f, "r1", "--by", "孙杰", "--decision", "999")
    assert code == 1 and "决定已改变" in err
    code, _, err = run(capsys, "review", "confirm", f, "r1", "--by", "徐明")
    assert code == 1 and "另一位" in err
    code, out, err = run(
        capsys,
        "--lang",
        "en",
        "review",
        "confirm",
        f,
        "r1",
        "--by",
        "孙杰",
        "--decision",
        str(looked_at),
    )
    assert code == 0, err
    assert "it now counts as agree c" in out and "other(s) abstain" in out, out
    code, out, _ = run(capsys, "tally", f, "--contest", "WY", "--json")
    doc = json.loads(out)
    assert doc["status"] == "final" and doc["valid_ballots"] == 12
    assert doc["certified"] is False
    code, out, _ = run(capsys, "tally", f, "--contest", "WY")
    assert code == 0 and "张敏" in out and "当选" in out and "最终结果" in out
    code, out, _ = run(capsys, "certify", f, "--contest", "WY", "--round", "1", "--by", "孙杰")
    assert code == 0 and "数字摘要" in out
    code, out, _ = run(capsys, "tally", f, "--contest", "WY", "--json")
    doc = json.loads(out)  # (still ``final`` as the contract has it, and said certified)
    assert (doc["status"], doc["certified"]) == ("final", True) and len(doc["digest"]) == 64
    code, out, _ = run(capsys, "round", "new", f, "--contest", "WY", "--kind", "supplementary")
    assert code == 1 or "另行选举" in out
    code, out, err = run(capsys, "report", f, "--contest", "WY", "--out", str(tmp_path / "r.pdf"))
    assert code == 0 and (tmp_path / "r.pdf").exists(), err
    code, out, err = run(capsys, "export-xlsx", f, "--out", str(tmp_path / "r.xlsx"))
    assert code == 0 and (tmp_path / "r.xlsx").exists(), err
    code, out, err = run(
        capsys,
        "manual",
        f,
        "--contest",
        "WY",
        "--label",
        "M1",
        "--mark",
        "c01=agree",
        "--by",
        "吴芳",
    )
    assert code == 1 and "冻结" in err
    # one box given two values: refused, naming both (the last one silently won)
    code, out, err = run(
        capsys,
        "manual",
        f,
        "--contest",
        "WY",
        "--label",
        "M2",
        "--mark",
        "c01=agree",
        "--mark",
        "c01=disagree",
        "--by",
        "吴芳",
    )
    assert code == 1 and "“agree”和“disagree”" in err, err
    code, _, err = run(capsys, "tally", str(tmp_path / "missing.huanjie"), "--contest", "WY")
    assert code == 1 and err
    code, _, err = run(capsys, "review", "decide", f, "r1", "--mark", "c02", "--by", "x")
    assert code == 1 and "--mark" in err


def test_a_write_in_not_on_the_roster_is_pointed_out(
    path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = open_db(path)
    held(db, "r9", c01="A", c02="?")
    db.close()
    code, out, err = run(
        capsys,
        "review",
        "decide",
        str(path),
        "r9",
        "--mark",
        "c02=abstain",
        "--writein",
        "1=路人甲",
        "--by",
        "徐明",
    )
    assert code == 0, err
    assert "“路人甲”不在代表名单中" in out
    code, out, _ = run(
        capsys,
        "review",
        "decide",
        str(path),
        "r9",
        "--mark",
        "c02=abstain",
        "--writein",
        "1=赵强",
        "--by",
        "徐明",
    )
    assert code == 0 and "不在代表名单中" not in out


def test_alternates_elected_over_rounds_are_listed_round_by_round_then_by_votes() -> None:
    """候补委员 are listed by agree votes, most first, ties by 姓氏笔画 (rules.md: the order
    in which they later fill vacancies) — round by round: a tie re-vote's winner with 11
    votes on the re-vote's ballot had tied for the last seat below two with 8 on the first
    round's, and was listed first, in line for the first vacancy."""
    from huanjie_desktop.app.counting import _published_order
    from huanjie_desktop.domain.model import ContestKind

    entries = [
        {"name": "赵敏超", "agree": 8, "round": 1},
        {"name": "王伟", "agree": 8, "round": 1},
        {"name": "胡强", "agree": 11, "round": 2},
        {"name": "丁一", "agree": 5, "round": 3},
    ]
    alternates, _ = _published_order(entries, ContestKind.ALTERNATE)
    assert [e["name"] for e in alternates] == ["王伟", "赵敏超", "胡强", "丁一"]
    committee, _ = _published_order(entries, ContestKind.COMMITTEE)
    assert [e["name"] for e in committee] == ["丁一", "王伟", "赵敏超", "胡强"]


TIED_THREE = (
    [{"c01": "A", "c02": "A", "c03": "A"}] * 4
    + [{"c01": "A", "c02": "A", "c04": "A"}] * 4
    + [{"c01": "A", "c03": "A", "c04": "A"}] * 4
)  # c01 12; c02, c03, c04 8 each for the 2 seats left; c05 none


def _tie_re_vote(db: ElectionDB, marked: list[dict[str, str]]) -> dict[str, Any]:
    """Round 1 of TIED_THREE counted, the tie re-vote opened and counted: ``marked`` and
    blank ballots to 12 of them; its tally."""
    counted_round(db, TIED_THREE)
    counting.open_round(db, "WY", "tie", confirm=True)
    rows = marked + [{}] * (12 - len(marked))
    insert_counted(db, "WY", 2, votes(db, rows, 2), 3)
    set_box(db, "WY", 2, 12, 12)
    return counting.tally(db, "WY", 2)


def test_a_tie_re_vote_elects_the_most_votes_without_asking_the_half_again(
    db: ElectionDB, path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """条例: "应当就票数相等的被选举人重新投票，得票多的当选" — those tied were each over the
    half in the round they tied in; the re-vote elects the most votes. It asked the half
    again: c03's 6 of 12 (the most after c02) elected nobody, and the seat was left to a
    另行选举 the rules never call for. Tied again at the cut-off: another re-vote."""
    two = _tie_re_vote(db, [{"c02": "A", "c03": "A"}] * 6 + [{"c02": "A", "c04": "A"}] * 2)
    assert two["status"] == "final" and two["threshold"] == 7
    assert [e["code"] for e in two["elected"]] == ["c02", "c03"], two["elected"]
    assert two["unfilled_seats"] == 0 and two["tie"] == []
    assert two["settings"]["tie_revote_elects"] == "most_votes"
    assert any("得票多的当选" in line for line in two["settings_text"])
    assert not any("赞成票须超过基数的半数" in line for line in two["settings_text"])
    with pytest.raises(counting.CountingRefused):
        counting.open_round(db, "WY", "supplementary")  # (every seat filled)
    db.close()
    assert main(["tally", str(path), "--contest", "WY", "--round", "2"]) == 0
    out = capsys.readouterr().out
    assert "得票多的当选" in out and "当选票数须达到 7 票" not in out, out


def test_a_tie_re_vote_tied_again_goes_to_another_re_vote(db: ElectionDB) -> None:
    """Two seats among c02, c03, c04: c02 8 elected, c03 and c04 4 each for the last seat —
    neither elected, and the next round is another re-vote between those two."""
    two = _tie_re_vote(db, [{"c02": "A", "c03": "A"}] * 4 + [{"c02": "A", "c04": "A"}] * 4)
    assert [e["code"] for e in two["elected"]] == ["c02"]
    assert sorted(t["code"] for t in two["tie"]) == ["c03", "c04"] and two["tie_seats"] == 1
    with pytest.raises(counting.CountingRefused):
        counting.open_round(db, "WY", "supplementary")
    p = counting.open_round(db, "WY", "tie", confirm=True)
    assert p.seats == 1 and sorted(k.code or "" for k in p.candidates) == ["c03", "c04"]


def test_the_presidium_confirms_a_shorter_list_or_reduces_the_seats(
    db: ElectionDB, path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """rules.md: the 另行选举 list is confirmed by the presidium, or the seats are reduced
    by decision (recorded). There was no way to do either."""
    counted_round(db, [{"c01": "A", "c02": "A"}] * 6 + [{"c01": "A", "c03": "A"}] * 6)
    assert counting.tally(db, "WY")["unfilled_seats"] == 2  # c01 only: 12 of 12
    with pytest.raises(counting.CountingRefused) as e:
        counting.open_round(db, "WY", "supplementary", candidates=["c02", "c04"])
    assert "依据" in e.value.zh  # a decision is needed
    # (the list as proposed, written out — by code or name, in any order — changes nothing:
    # no decision is asked for, none is recorded)
    same = counting.open_round(
        db, "WY", "supplementary", candidates=["c05", "c04", "张敏", "c02"], seats_decided=2
    )
    assert not same.created and [k.code for k in same.candidates] == ["c02", "c03", "c04", "c05"]
    assert not any("主席团决定" in n[0] for n in same.notes), same.notes
    with pytest.raises(counting.CountingRefused) as e:
        counting.open_round(db, "WY", "supplementary", seats_decided=3, decision="主席团决定")
    assert "只能减少" in e.value.zh
    with pytest.raises(counting.CountingRefused) as e:
        counting.open_round(db, "WY", "supplementary", candidates=["王伟"], decision="主席团决定")
    assert "不在另行选举的候选人范围内" in e.value.zh  # 王伟 (c01) was elected
    db.close()
    capsys.readouterr()
    args = ["round", "new", str(path), "--contest", "WY", "--kind", "supplementary"]
    decided = ["--candidates", "c02,c04", "--seats", "1", "--decision", "主席团第三次会议决定"]
    assert main([*args, *decided, "--yes", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["seats"] == 1 and [k["code"] for k in out["candidates"]] == ["c02", "c04"]
    assert any("名额由 2 名减为 1 名" in n for n in out["notes"]), out["notes"]
    with open_db(path) as again:
        (detail,) = [
            json.loads(r[0])
            for r in again.con.execute("SELECT detail FROM audit WHERE event = 'round.opened'")
        ]
        assert detail["decision"] == "主席团第三次会议决定"
        assert detail["seats_reduced_from"] == 2 and detail["candidates_decided"] == ["c02", "c04"]


def test_round_new_opens_the_round_as_the_contract_says(
    db: ElectionDB, path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`huanjie round new FILE --contest C --kind supplementary` opens the next round, ready
    for `ballots print` (it only proposed one without --yes: the next command found no round
    2); --propose shows the list and opens nothing."""
    from huanjie_desktop.storage import repo

    counted_round(db, ONE_SHORT)
    db.close()
    f = str(path)
    args = ["round", "new", f, "--contest", "WY", "--kind", "supplementary"]
    code, out, _ = run(capsys, *args, "--propose")
    assert code == 0 and "不加 --propose 再运行一次即开启" in out
    with open_db(path) as again:
        assert repo.read_rounds(again, "WY")[-1].number == 1
    code, out, err = run(capsys, *args)
    assert code == 0 and "已开启" in out, err
    with open_db(path) as again:
        assert repo.read_rounds(again, "WY")[-1].number == 2


def test_nothing_is_certified_or_printed_to_sign_from_an_altered_file(
    db: ElectionDB, path: Path, tmp_path: Path
) -> None:
    """A sheet's marks changed with sqlite3: tally showed the new numbers as final, certify
    froze them and report printed papers to sign; only a separate verify said so. A frozen
    result edited in the file was printed under its genuine digest."""
    counted_round(db, [A3] * 8 + [{"c04": "A"}] * 4)
    import sqlite3

    raw = sqlite3.connect(path)
    raw.execute("UPDATE sheets SET final_marks = 'NNNNN' WHERE rowid = 1")
    raw.commit()
    with pytest.raises(counting.FileAltered) as e:
        counting.certify(db, "WY", 1, "孙杰，徐明")
    assert "本软件之外被改动" in e.value.zh and "huanjie verify" in e.value.zh
    with pytest.raises(counting.FileAltered):
        counting.report(db, "WY", 1, tmp_path / "p.pdf")
    assert not (tmp_path / "p.pdf").exists()
    # put back as the app wrote it: certify, then alter the frozen result itself
    raw.execute("UPDATE sheets SET final_marks = marks WHERE rowid = 1")
    raw.commit()
    assert not store_seal_breaks(db)
    counting.certify(db, "WY", 1, "孙杰，徐明")
    frozen = raw.execute("SELECT result_json FROM rounds WHERE contest = 'WY'").fetchone()[0]
    raw.execute(
        "UPDATE rounds SET result_json = ? WHERE contest = 'WY' AND number = 1",
        (frozen.replace('"agree":8', '"agree":9', 1),),
    )
    raw.commit()
    raw.close()
    with pytest.raises(counting.FileAltered) as e:
        counting.report(db, "WY", 1, tmp_path / "p.pdf")
    assert "数字摘要不符" in e.value.zh


def store_seal_breaks(db: ElectionDB) -> list[tuple[str, str]]:
    from huanjie_desktop.storage.db import seal_breaks

    return seal_breaks(db.con)


def test_the_new_committee_s_plenary_gets_a_file_of_its_own(
    db: ElectionDB, path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """常委 and 书记 are elected by the new committee (应到 its members, more than 2/3 to
    meet): `template --plenary-of` writes the plenary's workbook, its roster those the
    contest elected; with a secretary contest added it makes a file whose 应到 is theirs."""
    from huanjie_desktop.reports.workbook import read_definition_workbook

    counted_round(db, [A3] * 8 + [{"c04": "A"}] * 4)
    elected = counting.tally(db, "WY")["contest_elected"]
    assert len(elected) == 3
    out = tmp_path / "plenary.xlsx"
    assert main(["template", str(out), "--plenary-of", str(path), "--contest", "WY"]) == 0
    assert "尚未确认" in capsys.readouterr().err  # (final, not certified: written, noted)
    counting.certify(db, "WY", 1, "徐明")
    capsys.readouterr()
    # (written again under the same name: refused, it may have been filled in since)
    assert main(["template", str(out), "--plenary-of", str(path), "--contest", "WY"]) == 1
    assert "已存在" in capsys.readouterr().err
    out.unlink()
    assert main(["template", str(out), "--plenary-of", str(path), "--contest", "WY"]) == 0
    said = capsys.readouterr()
    assert "当选的 3 名委员" in said.out and "huanjie init" in said.out
    data, _ = read_definition_workbook(out)
    assert data["election"]["name"].endswith("委员会第一次全体会议")
    assert sorted(p["name"] for p in data["people"]) == sorted(e["name"] for e in elected)
    first = data["people"][0]["code"]
    data["contests"] = [
        {
            "code": "SJ",
            "title": data["election"]["name"].removesuffix("第一次全体会议") + "书记",
            "kind": "secretary",
            "seats": 1,
            "candidates": [{"code": "c01", "person": first}],
        }
    ]
    made = tmp_path / "plenary.huanjie"
    (tmp_path / "plenary.json").write_text(json.dumps(data, ensure_ascii=False), "utf-8")
    assert main(["init", str(made), "--from", str(tmp_path / "plenary.json")]) == 0
    capsys.readouterr()
    assert main(["status", str(made), "--json"]) == 0
    (sj,) = json.loads(capsys.readouterr().out)["contests"]
    assert sj["expected"] == 3 and sj["quorum_rule"] == "two_thirds"
    # a contest that elects no committee has no plenary
    assert main(["template", str(out), "--plenary-of", str(path), "--contest", "NOPE"]) != 0


def test_papers_tell_two_people_of_one_name_apart_and_keep_names_whole(tmp_path: Path) -> None:
    """Two candidates named 王伟, told apart on the ballot by their notes, were both '王伟'
    on the result paper and the 当选名单 (which got 98 votes?); a long name ran over its
    votes; a name was broken over two lines in the list of those elected; the signatures
    could stand on a page of their own, away from what they sign; a void round's paper
    said so only under its table."""
    data = definition(people=14, seats=3, candidates=5)
    data["people"][2]["name"] = "周光明"
    data["people"][3]["name"] = "周光明"
    data["people"][4]["name"] = "阿卜杜热合曼·阿卜杜克里木"
    cands = data["contests"][0]["candidates"]
    cands[2]["annotation"] = "（某某镇党委书记）"
    cands[3]["annotation"] = "（某某乡乡长）"
    d = open_db(make_election(tmp_path / "n.huanjie", data))
    try:
        check_in(d)
        counted_round(d, [{"c03": "A", "c05": "A", "c01": "A"}] * 8 + [{"c04": "A"}] * 4)
        # a void round says so at its top (12 collected, 11 issued)
        set_box(d, "WY", 1, 11, 12)
        void = tmp_path / "v.pdf"
        counting.report(d, "WY", 1, void)
        top = pdf_text(void, 1)
        assert top.index("本轮选举无效") < top.index("应到会有选举权人数")
        set_box(d, "WY", 1, 12, 12)
        counting.certify(d, "WY", 1, "朱平、胡华")
        doc = counting.tally(d, "WY")
        assert {c.get("annotation") for c in doc["candidates"] if c["name"] == "周光明"} == {
            "（某某镇党委书记）",
            "（某某乡乡长）",
        }
        pdf = tmp_path / "n.pdf"
        counting.report(d, "WY", 1, pdf)
        first = pdf_text(pdf, 1)
        squeezed = re.sub(r"\s+", "", first)
        assert "周光明（某某镇党委书记）" in squeezed and "周光明（某某乡乡长）" in squeezed
        # (a long name in its cell: made smaller, on one line — it was broken by the letter,
        # the cell's padding not reckoned with, '…阿不都克力' over '木')
        lines = [line for line in first.splitlines() if "阿卜杜热合曼" in line]
        assert len(lines) == 2 and all("阿卜杜热合曼·阿卜杜克里木" in line for line in lines), lines
        assert "总监票人" in first and "赞成票超过半数" in first  # (one page)
        conclusion = first[first.index("赞成票超过半数") : first.index("状态")]
        assert not re.search(r"\n\s*、", conclusion)  # (no line begins with 、)
        listing = re.sub(r"\s+", "", pdf_text(pdf, 2))
        assert "周光明（某某镇党委书记）" in listing and "阿卜杜热合曼·阿卜杜克里木" in listing
    finally:
        d.close()


def test_the_presidium_may_reduce_the_seats_to_those_filled(
    db: ElectionDB, path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """rules.md: unfilled seats go to 另行选举, or the seats are reduced by decision. A
    reduction to the seats already filled (no further round) could not be recorded: the
    contest stayed 'seats unfilled, hold a supplementary election' for ever."""
    counted_round(db, ONE_SHORT)
    assert counting.tally(db, "WY")["unfilled_seats"] == 1
    counting.certify(db, "WY", 1, "孙杰，徐明")
    with pytest.raises(counting.CountingRefused, match="decision it rests on"):
        counting.open_round(db, "WY", "supplementary", confirm=True, seats_decided=0)
    p = counting.open_round(
        db, "WY", "supplementary", confirm=True, seats_decided=0, decision="主席团第三次会议决定"
    )
    assert p.seats == 0 and p.created
    assert "contest.seats_reduced" in events(db)
    doc = counting.tally(db, "WY")
    assert doc["round"] == 1 and doc["seats_reduced"]["decision"] == "主席团第三次会议决定"
    with pytest.raises(counting.CountingRefused, match="no further round"):
        counting.open_round(db, "WY", "supplementary")
    pdf = tmp_path / "r.pdf"
    counting.report(db, "WY", 1, pdf)
    said = "空缺的1个名额减少，不再另行选举（主席团第三次会议决定）。"
    assert said in re.sub(r"\s+", "", pdf_text(pdf))
    from openpyxl import load_workbook

    xlsx = tmp_path / "r.xlsx"
    counting.export_xlsx(db, xlsx)
    cells = [str(c.value) for ws in load_workbook(xlsx).worksheets for row in ws for c in row]
    assert any("空缺的 1 个名额减少，不再另行选举（主席团第三次会议决定）" in c for c in cells)


def test_a_round_for_fewer_seats_than_were_unfilled_says_so_on_its_paper(
    db: ElectionDB, tmp_path: Path
) -> None:
    """The presidium reduced two unfilled seats to one for the 另行选举: the round's paper
    said 应选名额 1 and nothing more — its readers could not tell a seat had been cut, nor
    on what decision."""
    counted_round(db, [{"c01": "A"}] * 7 + [{"c02": "A"}] * 2 + [{}] * 3)
    assert counting.tally(db, "WY")["unfilled_seats"] == 2
    counting.certify(db, "WY", 1, "孙杰，徐明")
    p = counting.open_round(
        db, "WY", "supplementary", confirm=True, seats_decided=1, decision="主席团第二次会议决定"
    )
    assert p.created and p.seats == 1
    doc = counting.tally(db, "WY", 2)
    assert doc["seats_decided"] == {"decision": "主席团第二次会议决定", "from": 2, "to": 1}
    assert "seats_decided" not in counting.tally(db, "WY", 1)
    pdf = tmp_path / "r2.pdf"
    counting.report(db, "WY", 2, pdf)
    text = re.sub(r"\s+", "", pdf_text(pdf))
    assert "本轮应选名额由空缺的2名减为1名（主席团第二次会议决定）" in text
    from openpyxl import load_workbook

    xlsx = tmp_path / "r.xlsx"
    counting.export_xlsx(db, xlsx)
    second = load_workbook(xlsx)["WY-2"]
    assert "本轮应选名额由空缺的 2 名减为 1 名（主席团第二次会议决定）" in str(
        second.cell(row=4, column=1).value
    )


def test_no_plenary_workbook_of_a_committee_no_one_was_elected_to(
    db: ElectionDB, path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A committee certified with none of its seats filled: the plenary workbook was
    written, "its roster the 0 members elected", and said done."""
    counted_round(db, [{"c01": "A"}] * 4 + [{}] * 8)
    assert counting.tally(db, "WY")["contest_elected"] == []
    counting.certify(db, "WY", 1, "徐明")
    out = tmp_path / "plenary.xlsx"
    capsys.readouterr()
    assert main(["template", str(out), "--plenary-of", str(path), "--contest", "WY"]) == 1
    assert "没有人当选" in capsys.readouterr().err and not out.exists()


def test_a_certified_contest_shows_the_attendance_of_its_result(tmp_path: Path) -> None:
    """Check-in's quorum panel showed a certified contest today's check-ins (241 / 248)
    beside a result and a signed paper saying 240: its round's numbers stay its own."""
    from huanjie_desktop.app.ballots import record_box_count
    from huanjie_desktop.app.election import contest_status

    d = open_db(make_election(tmp_path / "c.huanjie"))
    try:
        check_in(d, ["P01", "P02", "P03", "P04", "P05", "P06", "P07", "P08"])
        from huanjie_desktop.app.ballots import print_ballots
        from huanjie_desktop.app.prepare import readiness

        print_ballots(d, "WY", 1, 8, tmp_path / "b.pdf")
        record_box_count(d, "WY", 1, "1", issued=8)
        counted_round(d, [A3] * 8)
        counting.certify(d, "WY", 1, "孙杰")
        certified = counting.tally(d, "WY")
        check_in(d)  # late arrivals, after the result
        (status,) = [s for s in contest_status(d) if s.code == "WY"]
        assert (status.present, status.fixed_round) == (certified["present"], 1)
        assert status.present_now > status.present
        # (nor is it "not ready" for ballots printed for those present, fewer than expected)
        (ready,) = [r for r in readiness(d) if r.status.code == "WY"]
        ballots = next(c for c in ready.checks if c.key == "ballots")
        assert ballots.ok and "实到 8 人" in ballots.zh, ballots
    finally:
        d.close()


# --- a scrutineer written in ----------------------------------------------------------------------


def written_in(db: ElectionDB, rows: list[tuple[dict[str, str], bool]]) -> None:
    """Round 1's ballots entered by hand (two people each): (marks by code, 徐明 — WY's 监票人,
    P11 — written in with ○ or not)."""
    for i, (by_code, xu) in enumerate(rows):
        picks = {code: "agree" for code, m in by_code.items() if m == "A"}
        _both(db, f"X-{i}", picks, {1: "徐明"} if xu else {})
    set_box(db, "WY", 1, len(rows), len(rows))


def signature_names(pdf: Path, label: str) -> str:
    """The names printed under a paper's signature lines for ``label`` (e.g. 监票人)."""
    text = pdf_text(pdf)
    at = text.rindex(f"{label}（签名）")
    return text[at : at + 400]


def test_a_scrutineer_written_in_is_told_and_signs_nothing_of_their_round(
    db: ElectionDB, path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """徐明, a 监票人 of WY, written in and tied at the cut-off: round new --kind tie printed
    徐明 on the re-vote ballot without a word, and the papers of the re-vote that elected
    徐明 printed 徐明 on the 监票人 signature line. rules.md: scrutineers are not candidates in
    the contest."""
    written_in(
        db,
        [({"c01": "A", "c02": "A", "c03": "A"}, False)] * 5
        + [({"c01": "A", "c02": "A"}, True)] * 5
        + [({"c03": "A"}, True)] * 2,
    )
    one = counting.tally(db, "WY")
    assert sorted(t["name"] for t in one["tie"]) == ["张敏", "徐明"], one["tie"]
    # 徐明 is in round 1's tie: does not certify it
    with pytest.raises(NotAllowed) as e:
        counting.certify(db, "WY", 1, "徐明，孙杰")
    assert "徐明" in e.value.zh and "再次投票" in e.value.zh, e.value.zh
    p = counting.open_round(db, "WY", "tie")
    said = [zh for zh, _ in p.notes]
    assert any("徐明 是本选举事项的监票人" in n and "另行指定" in n for n in said), said
    assert (
        main(
            [
                "--lang",
                "en",
                "round",
                "new",
                str(path),
                "--contest",
                "WY",
                "--kind",
                "tie",
                "--propose",
            ]
        )
        == 0
    )
    out = capsys.readouterr().out
    assert "徐明 is a scrutineer of this contest" in out and "appoint another" in out, out
    counting.open_round(db, "WY", "tie", confirm=True)
    order = ballot_order(db, "WY", 2)
    codes = {
        k: c for c, k in db.con.execute("SELECT code, name FROM candidates WHERE contest = 'WY'")
    }
    rows = [{codes["徐明"]: "A"}] * 8 + [{codes["张敏"]: "A"}] * 4
    insert_counted(db, "WY", 2, [marks(order, r) for r in rows], 1)
    set_box(db, "WY", 2, 12, 12)
    assert [e["name"] for e in counting.tally(db, "WY", 2)["elected"]] == ["徐明"]
    counting.certify(db, "WY", 2, "孙杰")
    pdf = tmp_path / "r2.pdf"
    counting.report(db, "WY", 2, pdf)
    lines = signature_names(pdf, "监票人")
    assert "徐明" not in lines and "孙杰" in signature_names(pdf, "总监票人"), lines
    # round 1's papers: 徐明 tied in it, and signs nothing of it either
    counting.report(db, "WY", 1, tmp_path / "r1.pdf")
    assert "徐明" not in signature_names(tmp_path / "r1.pdf", "监票人")


def test_a_scrutineer_elected_by_write_in_does_not_certify_the_round(
    db: ElectionDB, tmp_path: Path
) -> None:
    """徐明, a 监票人 of WY, elected by write-in in round 1, certified that round
    (certify --by 徐明,孙杰 was accepted)."""
    written_in(
        db,
        [({"c01": "A", "c02": "A"}, True)] * 8
        + [({"c01": "A", "c02": "A", "c03": "A"}, False)] * 4,
    )
    assert "徐明" in [e["name"] for e in counting.tally(db, "WY")["elected"]]
    with pytest.raises(NotAllowed) as e:
        counting.certify(db, "WY", 1, "徐明，孙杰")
    assert "另选当选" in e.value.zh and "is elected" in e.value.en, e.value.zh
    with pytest.raises(NotAllowed):
        counting.certify(db, "WY", 1, "孙杰,P11")
    counting.certify(db, "WY", 1, "孙杰")
    pdf = tmp_path / "r1.pdf"
    counting.report(db, "WY", 1, pdf)
    assert "徐明" not in signature_names(pdf, "监票人")


# --- the presidium adds to a supplementary round's list -----------------------------------------


def test_the_presidium_adds_a_roster_person_or_a_write_in_to_a_supplementary_round(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """rules.md: the unelected are only the default list of a 另行选举, the presidium confirms
    it. Only the failed candidates could be put on it: a person written in (4 votes), a roster
    person and any new nominee were refused ("not among the candidates a supplementary round
    may have"), while the refusal for too few candidates said to add some."""
    from huanjie_desktop.storage import repo

    data = definition(people=12)
    data["people"][7]["has_vote"] = False  # P08 黄丽: no vote
    path = make_election(tmp_path / "add.huanjie", data)
    db = open_db(path)
    try:
        check_in(db)
        rows: list[tuple[dict[str, str], dict[int, str]]] = (
            [({"c01": "agree", "c02": "agree"}, {})] * 5
            + [({"c01": "agree"}, {1: "赵强"})] * 4  # P07, no candidate
            + [({"c01": "agree"}, {})] * 2
        )
        for i, (picks, writeins) in enumerate(rows):
            _both(db, f"A-{i}", picks, writeins)
        set_box(db, "WY", 1, 11, 11)
        one = counting.tally(db, "WY")
        assert [e["code"] for e in one["elected"]] == ["c01"] and one["unfilled_seats"] == 2
        sup = "supplementary"
        # the default list cannot be added to without the decision it rests on
        with pytest.raises(counting.CountingRefused) as e:
            counting.open_round(db, "WY", sup, candidates=["c02", "P09"])
        assert "依据" in e.value.zh
        for who, said in (
            ("王伟", "已在中共天元区第六届委员会委员中当选"),  # c01, elected
            ("P01", "已在中共天元区第六届委员会委员中当选"),
            ("P08", "无选举权"),
            ("P11", "监票人"),  # 徐明
            ("P10", "计票人"),  # 吴芳
            ("张三", "代表编号"),  # nobody: the message says how to add someone
        ):
            with pytest.raises(counting.CountingRefused) as e:
                counting.open_round(db, "WY", sup, candidates=[who], decision="主席团决定")
            assert said in e.value.zh, (who, e.value.zh)
        with pytest.raises(counting.CountingRefused) as e:
            counting.open_round(db, "WY", sup, candidates=["赵强"], decision="主席团决定")
        assert "少于应选名额" in e.value.zh and "--candidates" in e.value.zh, e.value.zh
        p = counting.open_round(
            db, "WY", sup, candidates=["c02", "赵强", "p09"], decision="主席团第三次会议决定"
        )
        assert [(k.code, k.name, k.person, k.agree) for k in p.candidates] == [
            ("c02", "李娜", "P02", 5),
            (None, "赵强", "P07", 4),
            (None, "周军", "P09", 0),
        ]
        assert list(p.ballot_order) == ["李娜", "周军", "赵强"]  # 姓氏笔画: 李 7, 周 8, 赵 9
    finally:
        db.close()
    args = ["round", "new", str(path), "--contest", "WY", "--kind", sup]
    decided = ["--candidates", "c02,赵强,P09", "--decision", "主席团第三次会议决定"]
    assert main([*args, *decided, "--yes", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert any("主席团决定增加的候选人" in n and "赵强（P07）" in n for n in out["notes"]), out
    with open_db(path) as again:
        two = repo.read_round(again, "WY", 2)
        assert two is not None
        assert sorted((k.name, k.person) for k in two.candidates) == [
            ("周军", "P09"),
            ("李娜", "P02"),
            ("赵强", "P07"),
        ]
        (detail,) = [
            json.loads(r[0])
            for r in again.con.execute("SELECT detail FROM audit WHERE event = 'round.opened'")
        ]
        assert detail["decision"] == "主席团第三次会议决定"
        assert [a["person"] for a in detail["candidates_added"]] == ["P07", "P09"]


def test_a_secretary_candidate_the_standing_committee_did_not_elect_is_pointed_out(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A plenary's 书记 candidate whom its 常委 count left unelected was printed, elected and
    certified without a word: 书记/副书记 are elected from among the 常委 elected."""
    standing = {
        "code": "CW",
        "title": "常务委员会委员",
        "kind": "standing",
        "seats": 2,
        "writein_columns": 0,
        "candidates": [{"code": f"c{i:02d}", "person": f"P{i:02d}"} for i in (1, 2, 3)],
        "officials": [
            {"person": "P12", "role": "chief_scrutineer"},
            {"person": "P11", "role": "scrutineer"},
        ],
    }
    secretary = {
        **standing,
        "code": "SJ",
        "title": "书记",
        "kind": "secretary",
        "seats": 1,
        "method": "uncontested",
        "candidates": [{"code": "c01", "person": "P03"}],
    }
    data = definition(people=12, extra_contests=[standing, secretary])
    data["contests"] = data["contests"][1:]  # (a plenary: 常委 and 书记 only)
    path = make_election(tmp_path / "plenary.huanjie", data)
    db = open_db(path)
    try:
        check_in(db)
        assert not counting.tally(db, "SJ")["warnings"]  # (before the 常委 count: nothing)
        order = ballot_order(db, "CW", 1)
        insert_counted(db, "CW", 1, [marks(order, {"c01": "A", "c02": "A", "c03": "D"})] * 10, 2)
        set_box(db, "CW", 1, 10, 10)
        insert_counted(db, "SJ", 1, ["A"] * 10, 1, prefix="j")
        set_box(db, "SJ", 1, 10, 10)
        doc = counting.tally(db, "SJ")
        name = db.con.execute("SELECT name FROM people WHERE code = 'P03'").fetchone()[0]
        assert "secretary_not_standing" in doc["warnings"] and doc["not_standing"] == [name]
    finally:
        db.close()
    capsys.readouterr()
    assert main(["tally", str(path), "--contest", "SJ"]) == 0
    assert f"{name} 未当选本文件中的常委" in capsys.readouterr().out


@pytest.mark.parametrize("candidates", [4, 7, 10, 13, 17, 21, 25])
def test_the_signatures_page_shows_figures_and_many_scrutineers_sign_on_whole_lines(
    tmp_path: Path, candidates: int
) -> None:
    """A certified sheet of 10–21 names had every figure on page 1 and the signatures alone
    on page 2 (the closing block, 75 mm with the digest's box, moved whole); with five
    监票人 each signature line wrapped, a stray "_" under each. The table's last rows now go
    over with the signatures, and lines that do not fit across go on in a second row."""
    data = definition(40, candidates, candidates, kind="standing", writein_columns=0)
    data["contests"][0]["method"] = "uncontested"
    data["contests"][0]["officials"] = [
        {"person": "P40", "role": "chief_scrutineer"},
        *({"person": f"P{39 - i:02d}", "role": "scrutineer"} for i in range(5)),
        {"person": "P34", "role": "counter"},
    ]
    d = open_db(make_election(tmp_path / "p.huanjie", data))
    try:
        check_in(d)
        codes = [f"c{i + 1:02d}" for i in range(candidates)]
        rows = [dict.fromkeys(codes[: candidates - i % 3], "A") for i in range(20)]
        insert_counted(d, "WY", 1, votes(d, rows), candidates)
        set_box(d, "WY", 1, 20, 20)
        counting.certify(d, "WY", 1, "罗杰一")  # (P40, the chief scrutineer)
        pdf = tmp_path / "p.pdf"
        rep = counting.report(d, "WY", 1, pdf)
        pages = [pdf_text(pdf, i + 1) for i in range(rep.pages)]
        last = counting.tally(d, "WY")["candidates"][-1]["name"]
    finally:
        d.close()
    signed = [t for t in pages if "总监票人（签名）" in t and "计票结果报告单" in t]
    assert len(signed) == 1, pages
    # the page signed carries the table's last rows: the last name and its figures
    assert re.search(rf"{last}\s+\d+\s+\d+\s+\d+\s+[\d.]+%", signed[0]), signed[0]
    # every scrutineer's line whole: no line wrapped into a stub of underscores
    assert not re.search(r"(?m)^\s*_{1,5}\s*$", signed[0]), signed[0]
    assert signed[0].count("______") >= 7, signed[0]


def test_paper_paragraphs_never_start_a_line_with_a_comma(tmp_path: Path) -> None:
    """reportlab broke a result paper's Chinese paragraphs anywhere (the body, the notes, the
    table cells: at spaces, then a long run of characters wherever it overflowed) and its CJK
    breaking knows only Japanese closing marks: a line began with "，" or "；". Each style the
    papers use, for one run of text and for a text with a name in the fallback font (several
    runs), read back from a real PDF: the punctuation stays at the end of the line before."""
    from reportlab.platypus import Paragraph, SimpleDocTemplate

    from huanjie_desktop.reports.fonts import markup, register_font, string_width
    from huanjie_desktop.reports.tally_pdf import Styles

    styles = Styles(register_font())
    lines: list[str] = []
    for name in ("body", "small", "cell", "station"):
        style = getattr(styles, name)
        # a frame ten characters wide (reportlab's frame pads 6 pt each side): the eleventh, a
        # comma, falls at a line's start
        ten = string_width("甲" * 10, style.fontSize) + 0.5
        pdf = tmp_path / f"{name}.pdf"
        doc = SimpleDocTemplate(str(pdf), pagesize=(ten + 52, 400), leftMargin=20, rightMargin=20)
        doc.build(
            [
                Paragraph(markup(text), style)
                for text in ("甲乙丙丁戊己庚辛壬癸，子丑寅卯", "甲乙丙丁戊己庚辛壬㑇；子丑寅卯")
            ]
        )
        lines += [ln.strip() for ln in pdf_text(pdf).splitlines() if ln.strip()]
    assert len(lines) == 16, lines
    assert not [ln for ln in lines if ln[0] in "，；"], lines


def test_the_write_in_table_keeps_its_heading(db: ElectionDB, tmp_path: Path) -> None:
    """ "另选他人得票" stood alone at the foot of page 1, its table at the top of page 2. The
    tally sheet of a real round with a write-in, its candidates' table made longer name by
    name (as a contest with more candidates prints it) until the write-ins' table runs over:
    on every length the heading is on the page its table starts on."""
    from huanjie_desktop.reports import tally_pdf

    ws = [{"column": 1, "name": "赵强", "person": "P07", "mark": "agree"}]
    two = votes(db, [{"c01": "A", "c02": "A"}])[0]
    for i in range(4):
        insert_sheet(db, f"w-{i}", "WY", 1, two, seats=3, final_writeins=ws if i else ())
    set_box(db, "WY", 1, 4, 4)
    doc = counting.tally(db, "WY")
    assert [w["name"] for w in doc["writeins"]] == ["赵强"]
    last = doc["candidates"][-1]
    moved = False
    for extra in range(0, 30, 2):
        grown = json.loads(json.dumps(doc))
        grown["candidates"] += [
            {
                **last,
                "code": f"x{k:02d}",
                "name": f"候选人{k:02d}",
                "rank": len(doc["candidates"]) + k,
            }
            for k in range(extra)
        ]
        pdf = tmp_path / f"t{extra}.pdf"
        pages = tally_pdf.render(pdf, [tally_pdf.TallySheet(grown, {})])
        texts = [pdf_text(pdf, p + 1) for p in range(pages)]
        heading = [t for t in texts if "另选他人得票" in t]
        assert len(heading) == 1, (extra, texts)
        assert re.search(r"赵强\s+3\s", heading[0]), (extra, heading[0])
        moved |= "另选他人得票" not in texts[0]
    assert moved  # (the lengths tried did carry the write-ins' table over to a later page)


def test_a_name_in_the_fallback_font_prints_as_the_other_names_on_the_elected_list(
    tmp_path: Path,
) -> None:
    """On the 当选名单 every name is 13 pt, centred in its column; a name with a character
    only the fallback font has (䶮, 㑇, 𫖮 — 《通用规范汉字表》's, for names) was a 10 pt
    paragraph at its cell's left edge."""
    data = definition(people=20, seats=6, candidates=7)
    names = ["周昶", "郑㑇", "赵乐际", "姜𫖮", "袁家军", "冯䶮", "万里鹏"]
    for p, name in zip(data["people"], names, strict=False):
        p["name"] = name
    d = open_db(make_election(tmp_path / "fb.huanjie", data))
    try:
        check_in(d)
        order = ballot_order(d, "WY", 1)
        insert_counted(d, "WY", 1, ["A" * 6 + "D"] * 18, 6)  # the first six on the ballot
        set_box(d, "WY", 1, 18, 18)
        doc = counting.tally(d, "WY")
        elected = [e["name"] for e in doc["elected_list"]]
        assert len(elected) == 6 and {n for n in elected if n in names} == set(elected), order
        pdf = tmp_path / "fb.pdf"
        counting.report(d, "WY", 1, pdf)
    finally:
        d.close()
    pages = int(
        re.findall(
            r"Pages:\s+(\d+)",
            subprocess.run(
                ["pdfinfo", str(pdf)], check=True, capture_output=True, text=True
            ).stdout,
        )[0]
    )
    html = subprocess.run(
        ["pdftotext", "-bbox", "-f", str(pages), "-l", str(pages), str(pdf), "-"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    boxes = {
        m[5]: (float(m[1]), float(m[2]), float(m[3]), float(m[4]))
        for m in re.finditer(
            r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>',
            html,
        )
    }
    listed = [boxes[n] for n in elected]  # (in the list's order: five a row)
    heights = {round(b[3] - b[1], 1) for b in listed}
    assert len(heights) == 1, {
        n: round(b[3] - b[1], 1) for n, b in zip(elected, listed, strict=True)
    }
    centres = [(b[0] + b[2]) / 2 for b in listed]
    steps = [b - a for a, b in itertools.pairwise(centres[:5])]
    assert max(steps) - min(steps) < 1.0, (elected, centres)  # columns equally apart
    assert abs(centres[5] - centres[0]) < 1.0, (elected, centres)  # 2nd row, 1st column
    assert len({round(b[1]) for b in listed[:5]}) == 1, listed  # one baseline a row


def test_namesakes_notes_print_on_the_papers_as_the_column_ballot_prints_them(
    tmp_path: Path,
) -> None:
    """Two 王伟 are told apart on the papers by their ballot notes, appended to the name as
    entered: '王伟男，1968年3月出生' read as one name. Printed as a column-style ballot prints
    them after the name: bracketed, or as entered after a space when the note has brackets of
    its own."""
    data = definition(people=12, seats=3, candidates=5)
    for p in data["people"][:2]:
        p["name"] = "王伟"
    cands = data["contests"][0]["candidates"]
    cands[0]["annotation"] = "男，1968年生"
    cands[1]["annotation"] = "教师（女）"
    d = open_db(make_election(tmp_path / "ns.huanjie", data))
    try:
        check_in(d)
        order = ballot_order(d, "WY", 1)
        rows = [marks(order, {"c01": "A", "c02": "A", "c03": "A"})] * 12
        insert_counted(d, "WY", 1, rows, 3)
        set_box(d, "WY", 1, 12, 12)
        pdf = tmp_path / "ns.pdf"
        counting.report(d, "WY", 1, pdf)
    finally:
        d.close()
    text = pdf_text(pdf)
    assert "王伟（男，1968年生）" in text and "王伟 教师（女）" in text, text
    assert "王伟男" not in text and "王伟教师" not in text, text


def test_a_mark_beside_a_box_is_decided_not_taken_as_read(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Real ballots, printed and read: one voter circled 张明华's name (their box empty), one
    struck 李丽's name through (their box ○), both held as a mark beside a box. ``review
    decide --accept`` took the machine's abstain and ○ for them — the voters' marks decided
    by nobody, the scrutineer confirming "as read". Refused now, naming them; said, each
    is recorded."""
    import cv2
    import numpy as np

    from bench import corpus
    from huanjie_desktop.app.scan import scan_paths
    from huanjie_desktop.storage.db import open_election_file
    from tests.test_recognition import PPM, marked, print_all

    printed = print_all(tmp_path / "p", sheets=2)
    lay = printed.layouts["SY"]
    folder = tmp_path / "scans"
    folder.mkdir()
    drawn = {"c03": ("ring_name", {"c01": "circle"}), "c02": ("strike_name", {"c02": "circle"})}
    for n, (code, (kind, kinds)) in enumerate(drawn.items()):
        img = marked(printed.pages["SY"][n], lay, kinds, 7 + n)
        corpus.draw_beside(img, lay, code, kind, PPM, np.random.default_rng(n))
        _ok, data = cv2.imencode(".png", img)
        (folder / f"s{n}.png").write_bytes(data.tobytes())
    with open_election_file(printed.path, "测试员") as db:
        list(scan_paths(db, [folder], workers=1))
        held = {
            b["candidate"]: i["sheet"]
            for i in counting.review_list(db, "SY")
            for b in i["beside_boxes"]
        }
    assert set(held) == set(drawn), held
    f = str(printed.path)
    for code, sheet in held.items():
        status, _out, err = run(capsys, "review", "decide", f, sheet, "--accept", "--by", "徐明")
        assert status != 0 and code in err, err
        assert "方格外有笔迹" in err and "--mark" in err, err
    with open_election_file(printed.path, "测试员") as db:
        with pytest.raises(counting.CountingRefused) as e:
            counting.decide(db, held["c03"], accept=True, by="徐明")
        assert "c03 张明华" in e.value.en and "outside the box" in e.value.en, e.value.en
        assert store.open_decision(db, held["c03"]) is None
        # (said: the machine's own reading of the box may be the decision)
        out = counting.decide(db, held["c03"], {"c03": "abstain"}, accept=True, by="徐明")
        assert out.valid and out.changes == []
        out = counting.decide(db, held["c02"], {"李丽": "disagree"}, accept=True, by="徐明")
        assert [(k, b, a) for k, b, a in out.changes] == [("c02", "A", "D")]
        # (a void sheet decides no box: nothing beside one to say)
        counting.decide(db, held["c02"], void_reason="有记号", by="徐明")


def test_the_certified_time_keeps_its_zone_whole(db: ElectionDB, tmp_path: Path) -> None:
    """The digest's box said "确认时间：2026-11-30 08:57（" and "UTC+0）" on the next line: the
    time with its zone is too long for the box, and broken by width its bracket ended a
    line. The zone now stands on a line of its own, its brackets whole."""
    counted_round(db, [A3] * 8 + [{"c04": "A"}] * 4)
    counting.certify(db, "WY", 1, "孙杰，徐明")
    pdf = tmp_path / "c.pdf"
    counting.report(db, "WY", 1, pdf)
    lines = [ln.strip() for ln in pdf_text(pdf).splitlines() if "确认时间" in ln]
    assert lines and all(re.search(r"确认时间：\d{4}-\d\d-\d\d \d\d:\d\d$", ln) for ln in lines), (
        lines
    )
    assert re.search(r"（(北京时间|UTC[+-]\d+(\.\d+)?)）", pdf_text(pdf))


def test_no_name_is_broken_over_two_lines_of_the_signed_result_paper(
    db: ElectionDB, tmp_path: Path
) -> None:
    """The sentence naming those elected was set with reportlab's CJK wrapping, which breaks
    between any two characters: '…阿不都热合曼·买买提、 李' over '娜。' on the certified
    paper; the certifiers in the digest's box (52 mm wide) likewise. The names made longer
    one character at a time, so that each place of the line's end is tried: a line ends
    only after a 、, every name whole on one line."""
    from huanjie_desktop.reports import tally_pdf

    counted_round(db, [A3] * 12)
    certifiers = ["热依拉·阿不都克力木", "帕尔哈提·吐尔逊江", "司马相如", "诸葛孔明"]
    counting.certify(db, "WY", 1, "孙杰，徐明")
    doc = counting.tally(db, "WY")
    doc["certification"]["by"] = certifiers  # (as the paper prints them: long names)
    assert doc["digest"] and [e["code"] for e in doc["elected"]] == ["c01", "c02", "c03"]
    wrapped = 0
    for k in range(1, 13):
        names = {
            "c01": "欧阳" + "明" * k,
            "c02": "阿不都热合曼·买买提·吐尔逊",
            "c03": "古丽娜尔·艾则孜",
        }
        grown = json.loads(json.dumps(doc))
        for e in [*grown["candidates"], *grown["elected"]]:
            e["name"] = names.get(e["code"], e["name"])
        pdf = tmp_path / f"k{k}.pdf"
        pages = tally_pdf.render(pdf, [tally_pdf.TallySheet(grown, {})])
        text = subprocess.run(
            ["pdftotext", "-raw", str(pdf), "-"], check=True, capture_output=True, text=True
        ).stdout
        start = text.index("按得票多少当选的")
        sentence = text[start : text.index("。", start)].splitlines()
        wrapped += len(sentence) > 1
        assert all(line.rstrip().endswith("、") for line in sentence[:-1]), (k, sentence)
        lines = [re.sub(r"\s+", "", line) for line in text.splitlines()]
        for name in [*names.values(), *certifiers]:
            assert any(name in line for line in lines), (k, name, pages, text)
    assert wrapped >= 8  # (the names were long enough to run over a line)


def test_the_tally_text_says_over_half_no_seat_and_seats_reduced(
    db: ElectionDB, path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The PDF says 过半数未当选 of one over the half with no seat left, and that the unfilled
    seats were reduced by decision; `huanjie tally` left the first blank ("short of half")
    and said only 空缺 1 名 of the second."""
    rows = [{"c01": "A", "c02": "A", "c03": "A"}] * 5 + [{"c01": "A", "c02": "A", "c04": "A"}] * 4
    counted_round(db, rows + [{"c01": "A", "c03": "A", "c04": "A"}] * 3)
    doc = counting.tally(db, "WY")
    assert [c["code"] for c in doc["candidates"] if c["over_threshold"] and not c["elected"]] == [
        "c04"
    ]
    capsys.readouterr()
    assert main(["tally", str(path), "--contest", "WY"]) == 0
    row = next(x for x in capsys.readouterr().out.splitlines() if " c04 " in x)
    assert row.rstrip().endswith("过半数未当选"), row
    assert main(["--lang", "en", "tally", str(path), "--contest", "WY"]) == 0
    row = next(x for x in capsys.readouterr().out.splitlines() if " c04 " in x)
    assert row.rstrip().endswith("over half, no seat left"), row


def test_the_tally_text_says_the_seats_were_reduced(
    db: ElectionDB, path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    counted_round(db, ONE_SHORT)
    counting.certify(db, "WY", 1, "孙杰，徐明")
    counting.open_round(
        db, "WY", "supplementary", confirm=True, seats_decided=0, decision="主席团第三次会议决定"
    )
    capsys.readouterr()
    assert main(["tally", str(path), "--contest", "WY", "--round", "1"]) == 0
    out = capsys.readouterr().out
    assert "空缺 1 名：空缺的 1 个名额减少，不再另行选举（主席团第三次会议决定）" in out, out
    assert main(["--lang", "en", "tally", str(path), "--contest", "WY", "--round", "1"]) == 0
    assert "reduced, no further round" in capsys.readouterr().out


def test_a_provisional_paper_reads_back_as_text_without_its_watermark(
    db: ElectionDB, tmp_path: Path
) -> None:
    """The diagonal 未确认 / PROVISIONAL was text: pdftotext put its letters inside the
    table's rows ("认 AL"), and tools reading the provisional paper misread it."""
    counted_round(db, [A3] * 8 + [{"c04": "A", "c01": "D"}] * 3)
    held(db, c01="A", c02="?")
    assert counting.tally(db, "WY")["status"] == "provisional"
    pdf = tmp_path / "p.pdf"
    counting.report(db, "WY", 1, pdf)
    text = pdf_text(pdf, 1)
    assert "不得作为正式结果公布" in text  # (the line at the top is text, as it was)
    row = re.compile(r"^\s*\d+\s+\S+\s+\d+\s+\d+\s+\d+\s+[\d.]+%\s+[\d.]+%\s+—$")
    rows = [x.rstrip() for x in text.splitlines() if re.match(r"^\s*\d+\s+\S+\s+\d+\s+\d", x)]
    assert len(rows) == 5 and all(row.match(x) for x in rows), rows
    assert text.count("PROVISIONAL") == 1 and "确 " not in text, text
