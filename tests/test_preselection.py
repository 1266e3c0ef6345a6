"""预选: a preliminary vote whose outcome is a list (rules.md) — the places go to the most
agree votes, no more-than-half rule, a tie at the last place to a re-vote, never an 另行选举.
Through the real CLI: an election file made from a definition, check-ins, ballots entered
by hand by two clerks, box counts, ``tally``, ``round new`` and the result paper read back
with pdftotext."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from huanjie_desktop.cli.main import main
from tests.ballot_fixtures import pdftotext
from tests.defs import small_definition

TITLE = "中国共产党测试区第一届委员会委员候选人预选"


def preselection_file(tmp_path: Path, present: int = 12, **contest: Any) -> Path:
    """Four names (c01 王小明, c02 李娜, c03 张伟, c04 刘洋) for three formal candidates;
    20 voters expected, ``present`` of them checked in."""
    d = small_definition(candidates=4)
    d["contests"][0].update(
        {"title": TITLE, "kind": "other", "writein_columns": 0, "preselection": True, **contest}
    )
    source = tmp_path / "def.json"
    source.write_text(json.dumps(d, ensure_ascii=False), encoding="utf-8")
    path = tmp_path / "yx.huanjie"
    assert main(["init", str(path), "--from", str(source)]) == 0
    people = [f"P{i:03d}" for i in range(1, present + 1)]
    assert main(["checkin", str(path), "--person", *people]) == 0
    return path


def vote(path: Path, rows: list[dict[str, str]], round_number: int = 1) -> None:
    """Each ballot entered by two clerks, then the box's issued and collected numbers."""
    for i, marks in enumerate(rows):
        args = ["manual", str(path), "--contest", "WY", "--label", f"R{round_number}-{i + 1}"]
        args += ["--round", str(round_number)]
        for code, mark in marks.items():
            args += ["--mark", f"{code}={mark}"]
        for clerk in ("计票甲", "计票乙"):
            assert main([*args, "--by", clerk]) == 0
    for what in ("issued", "collected"):
        args = ["ballots", what, str(path), "--contest", "WY", "--round", str(round_number)]
        assert main([*args, str(len(rows))]) == 0


def tally(path: Path, capsys: pytest.CaptureFixture[str], round_number: int) -> dict[str, Any]:
    capsys.readouterr()
    args = ["tally", str(path), "--contest", "WY", "--round", str(round_number), "--json"]
    assert main(args) == 0
    doc: dict[str, Any] = json.loads(capsys.readouterr().out)
    return doc


A = "agree"
ALL_FOUR = {"c01": A, "c02": A, "c03": A, "c04": A}  # four chosen for three places: void


def test_a_preselection_selects_the_most_votes_without_the_half(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """3 places, 4 names, 6/4/4/1 of 12 valid-or-void ballots, 20 expected: nobody has more
    than half of 20, yet the list is the three with most votes. It elected nobody (the
    half asked) and proposed an 另行选举 of the three places, which a 预选 does not have."""
    path = preselection_file(tmp_path)
    three = {"c01": A, "c02": A, "c03": A}
    vote(path, [three] * 4 + [{"c01": A}] * 2 + [{"c04": A}] + [ALL_FOUR] + [{}] * 4)
    doc = tally(path, capsys, 1)
    assert doc["status"] == "final" and doc["preselection"] is True
    # (the over-vote rule still applies: four chosen for three places)
    assert doc["valid_ballots"] == 11 and doc["void_ballots"] == 1
    assert [e["code"] for e in doc["elected"]] == ["c01", "c02", "c03"]
    assert doc["unfilled_seats"] == 0 and doc["tie"] == []
    assert doc["outcome"] == {"zh": "确定为正式候选人", "en": "selected as formal candidates"}
    # 姓氏笔画: 王 (4 strokes), 李 and 张 (7: 李 begins 横, 张 折)
    listed = doc["selected_as_formal_candidates"]
    assert [e["name"] for e in listed] == ["王小明", "李娜", "张伟"]
    assert doc["settings"]["preselection"] is True
    text = "".join(doc["settings_text"])
    assert "确定正式候选人 3 名" in text and "赞成票须超过基数的半数" not in text

    assert main(["tally", str(path), "--contest", "WY"]) == 0
    out = capsys.readouterr().out
    assert "确定为正式候选人 3 名" not in out  # (the contest's count, not a round's: "共")
    assert "确定为正式候选人共 3 名（按姓氏笔画为序）：王小明、李娜、张伟" in out, out
    assert "当选" not in out and "当选票数须达到" not in out, out
    assert main(["--lang", "en", "tally", str(path), "--contest", "WY"]) == 0
    assert "selected as formal candidates: 3" in capsys.readouterr().out

    # no 另行选举 after a 预选
    args = ["round", "new", str(path), "--contest", "WY", "--kind", "supplementary"]
    assert main([*args, "--propose"]) != 0
    assert "不另行选举" in capsys.readouterr().err

    paper = tmp_path / "yx.pdf"
    assert main(["report", str(path), "--contest", "WY", "--out", str(paper)]) == 0
    sheet = pdftotext(paper, 1, 1)
    flat = sheet.replace(" ", "").replace("\n", "")
    assert f"{TITLE}计票结果报告单" in flat
    # (the cell wraps: its words read back on two lines)
    assert "按赞成票多少确定（预选，" in flat and "不要求过半数）" in flat, sheet
    assert "按赞成票多少确定为正式候选人的3名：王小明、李娜、张伟。" in flat, sheet
    assert "未入选" in flat and "当选" not in flat, sheet
    assert "所选人数多于要确定的正式候选人人数的为废票" in flat
    assert "第1轮（预选）" in flat and "正式选举" not in flat, sheet
    names = pdftotext(paper, 2, 2).replace(" ", "")
    assert f"{TITLE}正式候选人名单" in names and "当选" not in names, names
    assert "确定为正式候选人共3名。" in names

    # the spreadsheet: the round's sheet lists them as formal candidates; the 当选名单 of
    # the whole election does not hold them (nobody is elected in a 预选)
    import openpyxl

    book = tmp_path / "results.xlsx"
    assert main(["export-xlsx", str(path), "--out", str(book)]) == 0
    wb = openpyxl.load_workbook(book)
    cells = [
        str(v)
        for name in wb.sheetnames
        if name != "当选名单"
        for row in wb[name].iter_rows(values_only=True)
        for v in row
        if v is not None
    ]
    assert "正式候选人名单" in cells and cells.count("确定为正式候选人") == 3
    listed = [v for row in wb["当选名单"].iter_rows(min_row=3, values_only=True) for v in row]
    assert "王小明" not in listed, listed


def test_a_tie_at_the_last_place_goes_to_a_re_vote_among_the_tied(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """6/5/3/3 for three places: 张伟 and 刘洋 tie for the last — never by lot or name order,
    and no 另行选举: a re-vote between them; its most votes complete the list."""
    path = preselection_file(tmp_path)
    rows = [{"c01": A, "c02": A, "c03": A}] * 3 + [{"c01": A, "c02": A, "c04": A}] * 2
    vote(path, [*rows, {"c01": A, "c04": A}, {"c02": A}] + [{}] * 5)
    one = tally(path, capsys, 1)
    assert [e["code"] for e in one["elected"]] == ["c01", "c02"]
    assert sorted(t["code"] for t in one["tie"]) == ["c03", "c04"] and one["tie_seats"] == 1
    new = ["round", "new", str(path), "--contest", "WY"]
    assert main([*new, "--kind", "supplementary", "--yes"]) != 0
    capsys.readouterr()
    assert main([*new, "--kind", "tie", "--yes"]) == 0
    # (one place: choosing both voids the ballot)
    vote(path, [{"c04": A}] * 6 + [{"c03": A}] * 3 + [{"c03": A, "c04": A}] + [{}] * 2, 2)
    two = tally(path, capsys, 2)
    assert two["status"] == "final" and two["void_ballots"] == 1
    assert [e["code"] for e in two["elected"]] == ["c04"] and two["tie"] == []
    listed = [e["name"] for e in two["selected_as_formal_candidates"]]
    assert listed == ["王小明", "刘洋", "李娜"]  # 王 4, 刘 6, 李 7 strokes
    paper = tmp_path / "r2.pdf"
    assert main(["report", str(path), "--contest", "WY", "--out", str(paper)]) == 0
    flat = pdftotext(paper, 1, 1).replace(" ", "").replace("\n", "")
    assert "再次投票得票多确定为正式候选人的1名：刘洋。" in flat
    assert "确定为正式候选人共3名（按姓氏笔画为序）：王小明、刘洋、李娜。" in flat


def test_the_quorum_still_applies_to_a_preselection(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """10 of 20 present is not more than half: the round is void, nobody selected."""
    path = preselection_file(tmp_path, present=10)
    vote(path, [{"c01": A}] * 10)
    doc = tally(path, capsys, 1)
    assert doc["status"] == "void" and "quorum_not_met" in doc["reasons"]
    assert doc["elected"] == [] and doc["selected_as_formal_candidates"] == []


def test_an_uncontested_preselection_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A 预选 chooses among more names than places; as an ordinary contest the same is
    taken (with a reason for 等额)."""
    with pytest.raises(AssertionError):
        preselection_file(tmp_path, method="uncontested", seats=4, margin_reason="试")
    assert not (tmp_path / "yx.huanjie").exists()
    assert "预选是差额的" in capsys.readouterr().err
    preselection_file(
        tmp_path, method="uncontested", seats=4, margin_reason="试", preselection=False
    )


def test_a_station_laptop_knows_the_contest_is_a_preselection(tmp_path: Path) -> None:
    """The station package carries the mark (its file's fingerprint must match the main
    laptop's, and its papers must not say 当选)."""
    from huanjie_desktop.app.fingerprint import election_fingerprint
    from huanjie_desktop.storage import repo
    from huanjie_desktop.storage.db import open_election_file
    from tests.test_stations import make_station

    path = preselection_file(tmp_path)
    station = make_station(tmp_path, path, "一团")
    with open_election_file(path, "管理员") as db:
        fingerprint = election_fingerprint(db)
    with open_election_file(station, "分团管理员") as db:
        contest = repo.read_contest(db, "WY")
        assert contest is not None and contest.preselection
        assert election_fingerprint(db) == fingerprint


def formal_and_preselection(tmp_path: Path, **formal: Any) -> Path:
    """YX: the 预选 of 3 formal candidates among 4 names; WY: the formal contest, 2 seats,
    its candidates to be taken from YX (none in the definition)."""
    d = small_definition(candidates=4)
    pre = d["contests"][0]
    pre.update(code="YX", title=TITLE, kind="other", writein_columns=0, preselection=True)
    wy = {
        **{k: v for k, v in pre.items() if k != "preselection"},
        "code": "WY",
        "title": "中国共产党测试区第一届委员会委员",
        "kind": "committee",
        "seats": 2,
        "candidates": [],
        "candidates_from": "YX",
        **formal,
    }
    d["contests"].append(wy)
    source = tmp_path / "def.json"
    source.write_text(json.dumps(d, ensure_ascii=False), encoding="utf-8")
    path = tmp_path / "e.huanjie"
    assert main(["init", str(path), "--from", str(source)]) == 0
    return path


def test_the_formal_contest_takes_the_certified_list_in_stroke_order(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = formal_and_preselection(tmp_path)
    assert main(["checkin", str(path), "--person", *[f"P{i:03d}" for i in range(1, 13)]]) == 0
    rows = [{"c01": A, "c03": A, "c04": A}] * 4 + [{"c02": A}] * 2
    for i, marks in enumerate(rows):
        args = ["manual", str(path), "--contest", "YX", "--label", f"Y{i}"]
        for code, mark in marks.items():
            args += ["--mark", f"{code}={mark}"]
        for clerk in ("计票甲", "计票乙"):
            assert main([*args, "--by", clerk]) == 0
    for what in ("issued", "collected"):
        assert main(["ballots", what, str(path), "--contest", "YX", str(len(rows))]) == 0
    take = ["contest", "candidates", str(path), "--contest", "WY", "--candidates-from", "YX"]
    capsys.readouterr()
    assert main(take) == 1  # (not certified yet)
    assert "尚未确认" in capsys.readouterr().err
    assert main(["certify", str(path), "--contest", "YX", "--round", "1", "--by", "罗兰,马超"]) == 0
    capsys.readouterr()
    assert main([*take, "--json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    # 王小明 (c01), 张伟 (c03), 刘洋 (c04) selected; 姓氏笔画: 王 4, 刘 6, 张 7 strokes
    assert [k["name"] for k in doc["candidates"]] == ["王小明", "刘洋", "张伟"]
    assert main(["ballots", "layout", str(path), "--contest", "WY"]) == 0
    layout = json.loads(capsys.readouterr().out)
    assert "王小明" in json.dumps(layout, ensure_ascii=False)
    assert main(["status", str(path), "--json"]) == 0
    status = {c["contest"]: c for c in json.loads(capsys.readouterr().out)["contests"]}
    assert status["WY"]["candidates"] == 3 and "preselection" not in status["WY"]
    assert status["YX"]["preselection"] is True
    assert main(take) == 1  # (taken once: the list is all of its candidates)
    assert "已有 3 名候选人" in capsys.readouterr().err


def test_candidates_from_must_name_a_preselection_that_selects_enough(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """3 seats 差额 need at least 4 candidates: a 预选 of 3 cannot give them."""
    with pytest.raises(AssertionError):
        formal_and_preselection(tmp_path, seats=3)
    assert "少于选举事项“WY”所需的候选人 4 名" in capsys.readouterr().err
    with pytest.raises(AssertionError):
        formal_and_preselection(tmp_path, candidates_from="WY")
    assert "不是本定义中的预选事项" in capsys.readouterr().err


def test_a_preselection_ballot_says_what_it_selects(tmp_path: Path) -> None:
    """Its title is 预选票 (not 预选选举票), its 说明 count formal candidates, not seats."""
    path = preselection_file(tmp_path)
    pdf = tmp_path / "b.pdf"
    args = ["ballots", "print", str(path), "--contest", "WY", "--count", "1", "--test"]
    assert main([*args, "--out", str(pdf)]) == 0
    text = pdftotext(pdf, 1, 1).replace(" ", "")
    assert f"{TITLE}票" in text and "预选选举票" not in text, text
    assert "本次预选确定正式候选人3名，候选人预备人选4名，差额1名。" in text, text
    assert "所选人数多于3名的为废票" in text and "应选" not in text, text
    # (its band names it a 预选, never 正式选举 — the vote its list is for)
    assert "正式选举" not in text and "预选·样票" in text, text


def test_the_definition_workbook_carries_the_preselection(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """预选 是 and 候选人取自预选 in the 选举事项 sheet, as the JSON's keys."""
    from huanjie_desktop.reports.workbook import write_template

    made = formal_and_preselection(tmp_path)
    capsys.readouterr()
    assert main(["status", str(made), "--json"]) == 0
    before = json.loads(capsys.readouterr().out)["contests"]
    d = json.loads((tmp_path / "def.json").read_text(encoding="utf-8"))
    book = tmp_path / "def.xlsx"
    write_template(book, d)
    path = tmp_path / "x.huanjie"
    assert main(["init", str(path), "--from", str(book)]) == 0
    capsys.readouterr()
    assert main(["status", str(path), "--json"]) == 0
    after = json.loads(capsys.readouterr().out)["contests"]
    assert [c.get("preselection") for c in after] == [True, None]
    assert [c["candidates"] for c in after] == [c["candidates"] for c in before] == [4, 0]
