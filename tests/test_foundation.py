"""The election file, definitions, rosters, check-in, status, verify — through the real CLI."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from huanjie_desktop.cli.main import main
from huanjie_desktop.domain.idnumber import check_id_number
from huanjie_desktop.domain.model import ContestKind, Method, QuorumRule
from huanjie_desktop.domain.rules import minimum_candidates, percent_text, quorum_met
from huanjie_desktop.storage.db import (
    SEALED_TABLES,
    ElectionFileError,
    latest_version,
    open_election_file,
    seal_breaks,
)
from tests.defs import small_definition


def write_def(tmp_path: Path, data: dict[str, Any]) -> Path:
    p = tmp_path / "def.json"
    p.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return p


def init(tmp_path: Path, data: dict[str, Any], *extra: str) -> tuple[int, Path]:
    f = tmp_path / "e.huanjie"
    return main(["init", str(f), "--from", str(write_def(tmp_path, data)), *extra]), f


def test_init_creates_file_and_status(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, f = init(tmp_path, small_definition())
    assert code == 0 and f.exists()
    capsys.readouterr()
    assert main(["checkin", str(f), "--unit", "U01", "--all"]) == 0
    # (one line a person, their status in one column however long their name: padded by
    # the columns a name takes, a Chinese character two)
    from huanjie_desktop.cli.common import text_width

    lines = [x for x in capsys.readouterr().out.splitlines() if "已报到" in x]
    assert len(lines) == 10
    assert len({text_width(x[: x.index("已报到")]) for x in lines}) == 1, lines
    assert main(["status", str(f), "--json"]) == 0
    status = json.loads(capsys.readouterr().out)
    wy = status["contests"][0]
    assert wy["expected"] == 20 and wy["present"] == 10
    assert wy["quorum_met"] is False  # 10 of 20 is not more than half
    assert wy["seats"] == 3 and wy["candidates"] == 5
    assert wy["margin"] == {"difference": 2, "ratio": "66.7%", "meets_minimum": True}
    assert main(["checkin", str(f), "--person", "P002"]) == 0
    capsys.readouterr()
    main(["status", str(f), "--json"])
    assert json.loads(capsys.readouterr().out)["contests"][0]["quorum_met"] is True
    # a unit by its name, as the definition allows (it said the unit does not exist)
    second = small_definition()["units"][1]
    assert main(["checkin", str(f), "--unit", second["name"], "--all"]) == 0
    capsys.readouterr()
    main(["status", str(f), "--json"])
    assert json.loads(capsys.readouterr().out)["contests"][0]["present"] == 20
    assert main(["checkin", str(f), "--unit", "第九代表团", "--all"]) == 1
    assert "U01" in capsys.readouterr().err
    # (--all without --unit, or --unit without --all: a command written wrong — usage, 2)
    assert main(["--lang", "en", "checkin", str(f), "--all"]) == 2
    assert "--all needs --unit" in capsys.readouterr().err
    assert main(["checkin", str(f), "--unit", "U01"]) == 2


def test_every_problem_reported_at_once_and_nothing_written(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    d = small_definition()
    d["people"][2]["id_number"] = d["people"][2]["id_number"][:-1] + (
        "0" if d["people"][2]["id_number"][-1] != "0" else "1"
    )
    d["people"][4]["gender"] = "M"
    d["people"][5]["colour"] = "red"
    d["people"][6]["unit"] = "U99"
    d["contests"][0]["candidates"][1]["person"] = "P999"
    d["contests"][0]["seats"] = 0
    code, f = init(tmp_path, d, "--json")
    assert code == 1
    assert not f.exists()
    out = json.loads(capsys.readouterr().out)
    wheres = {p["where"] for p in out["problems"]}
    assert "$.people[2].id_number" in wheres
    assert "$.people[4].gender" in wheres
    assert "$.people[5].colour" in wheres
    assert "$.people[6].unit" in wheres
    assert "$.contests[0].candidates[1].person" in wheres
    assert "$.contests[0].seats" in wheres


def test_margin_below_rule_refused_unless_reason(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    d = small_definition(seats=5, candidates=5)
    code, _ = init(tmp_path, d)
    assert code == 1
    assert "至少需要候选人 6 名" in capsys.readouterr().err
    d["contests"][0]["margin_min_pct"] = 0
    code, _ = init(tmp_path, d)
    assert code == 1
    assert "写明理由" in capsys.readouterr().err
    d["contests"][0]["margin_reason"] = "经上级党组织批准"
    d["contests"][0]["candidates"].append({"code": "c06", "person": "P006"})
    code, _ = init(tmp_path, d)
    assert code == 0, capsys.readouterr().err


def test_the_rules_on_who_is_elected_how_are_kept_unless_a_reason_is_given() -> None:
    """A committee set 等额 got round the 10 % margin without a word; a standing committee
    of 3 seats took 6 candidates (the rule: 1–2 more); a 书记 was elected 差额; a 书记
    candidate who is not among the 常委 candidates was not pointed out."""
    from huanjie_desktop.domain.definition import validate_definition

    def problems(d: dict[str, Any]) -> dict[str, bool]:
        return {p.code: p.warning for p in validate_definition(d).problems}

    d = small_definition(seats=5, candidates=5)
    d["contests"][0]["method"] = "uncontested"
    assert problems(d).get("uncontested_against_rule") is False
    d["contests"][0]["margin_reason"] = "经上级党组织批准"
    assert "uncontested_against_rule" not in problems(d)

    plenary = small_definition(seats=3, candidates=6)
    cw = plenary["contests"][0]
    cw.update(code="CW", title="常务委员会委员", kind="standing")
    sj = {
        **cw,
        "code": "SJ",
        "title": "书记",
        "kind": "secretary",
        "seats": 1,
        "method": "competitive",
        "candidates": [{"code": "s1", "person": "P001"}, {"code": "s2", "person": "P009"}],
    }
    plenary["contests"].append(sj)
    said = problems(plenary)
    assert said.get("standing_margin") is False and said.get("competitive_against_rule") is False
    assert said.get("secretary_not_standing") is True  # (P009 is no 常委 candidate: a warning)
    cw["candidates"] = cw["candidates"][:5]  # 3 seats, 5 candidates: 2 more
    sj.update(method="uncontested", candidates=[{"code": "s1", "person": "P001"}])
    assert validate_definition(plenary).problems == []


def test_unprintable_name_refused_naming_the_character(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    d = small_definition()
    d["people"][3]["name"] = "王𠮷"
    code, _ = init(tmp_path, d, "--lang", "zh")
    assert code == 1
    err = capsys.readouterr().err
    assert "𠮷" in err and "U+20BB7" in err and "$.people[3].name" in err


def test_every_printed_text_the_fonts_cannot_print_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Names alone were checked: 𠮷 (U+20BB7) — or 㼆, 䂙 of Ext-A, neither font has them —
    in the election's name, a unit's, a contest's title or a candidate's note was taken
    without a word and printed blank on the ballot's title, under the name, on the 代表证.
    Every text the papers print is checked as a name is, the row and field said."""
    d = small_definition()
    d["election"]["name"] = "中国共产党𠮷安县第一次代表大会"
    d["units"][0]["name"] = "㼆祥镇代表团"
    d["contests"][0]["title"] = "中国共产党䂙安县第一届委员会委员"
    d["contests"][0]["candidates"][0]["annotation"] = "𠮷祥镇党委书记"
    d["contests"][0]["candidates"][1]["name"] = "李娜（㼆祥镇）"  # (the note in the name cell)
    d["people"][2]["name"] = "张伟（䂙安县）"  # (a roster note: the ballot's, if they stand)
    d["people"][4]["workplace"] = "𠮷祥镇人民政府"  # (on a namesake's card)
    d["people"][6]["education"] = "𠮷大学"  # (in the composition table)
    d["people"][8]["native_place"] = "𠮷安县"  # (printed nowhere: not refused)
    code, f = init(tmp_path, d, "--lang", "zh")
    assert code == 1 and not f.exists()
    err = capsys.readouterr().err
    said = {
        line.split(": ", 1)[0].split("] ")[-1]: line for line in err.splitlines() if ": " in line
    }
    expected = {
        "$.election.name": ("选举名称", "𠮷"),
        "$.units[0].name": ("选举单位名称", "㼆"),
        "$.contests[0].title": ("选举事项名称", "䂙"),
        "$.contests[0].candidates[0].annotation": ("备注", "𠮷"),
        "$.contests[0].candidates[1].name": ("姓名后的备注", "㼆"),
        "$.people[2].name": ("姓名后的备注", "䂙"),
        "$.people[4].workplace": ("工作单位及职务", "𠮷"),
        "$.people[6].education": ("学历/学位", "𠮷"),
    }
    for where, (field, ch) in expected.items():
        line = said.get(where, "")
        assert field in line and f"“{ch}”(U+{ord(ch):04X})" in line, (where, err)
        assert "无法用随附字体打印" in line and "空白" in line, line
    assert "$.people[8].native_place" not in said, err
    # the same in English, naming the field
    code, _ = init(tmp_path, d, "--lang", "en")
    err = capsys.readouterr().err
    assert "in the contest's title '中国共产党䂙安县第一届委员会委员'" in err, err
    assert "U+20BB7" in err and "would print blank on the ballot" in err, err
    # (the fallback font's characters print: a title or note with 䶮 is taken)
    d = small_definition()
    d["contests"][0]["title"] = "中国共产党䶮安县第一届委员会委员"
    d["contests"][0]["candidates"][0]["annotation"] = "㑇祥镇党委书记"
    assert init(tmp_path, d)[0] == 0


def test_clean_name() -> None:
    from huanjie_desktop.domain.definition import clean_name

    cases = {
        "王　伟": "王伟",  # a published list's padding
        " 王 伟（女） ": "王伟（女）",
        "\ufeff王五": "王五",  # a byte-order mark copied with the list
        "李\u200b娜": "李娜",
        "王\n伟": "王伟",
        "李娜 （女）": "李娜（女）",
        "阿不都热合曼  买买提": "阿不都热合曼 买买提",  # a long name keeps one space
        "John   Smith": "John Smith",
        "": "",
        "李 小 明": "李小明",  # every character spaced
        "王 小明": "王小明",
        "欧阳　明": "欧阳明",  # a compound surname standing apart
        "欧阳 明明": "欧阳明明",
        "王伟 李娜": "王伟 李娜",  # (two names: kept apart, refused by the validation)
        # A word pasted after a name from the next column is no padding: kept apart (and
        # refused by the validation), never run into the name as '王伟男'.
        "王伟 男": "王伟 男",
        "李娜\t女": "李娜 女",
        "刘强\n女": "刘强 女",
        "王　伟\t男": "王伟 男",
        "张三\n回族": "张三 回族",
        "刘强\n（女）": "刘强（女）",
    }
    for raw, kept in cases.items():
        assert clean_name(raw) == kept, raw


def test_names_are_kept_clean_and_compared_as_names(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from huanjie_desktop.storage import repo

    d = small_definition()
    d["people"][0]["name"] = "\ufeff王小明"
    d["people"][5]["name"] = "张　伟"  # P003 is 张伟
    d["people"][4]["name"] = "陈静（女，回族）"  # an annotation in the roster's name cell
    d["contests"][0]["candidates"][4] = {"code": "c05", "person": "P005", "name": "陈静"}
    d["contests"][0]["candidates"][3] = {"code": "c04", "person": "P004"}
    code, f = init(tmp_path, d, "--lang", "zh")
    err = capsys.readouterr().err
    assert code == 0, err
    assert "与 P003 同名“张伟”" in err
    with open_election_file(f, "测试员") as db:
        assert [repo.read_person(db, c).name for c in ("P001", "P006", "P005")] == [  # type: ignore[union-attr]
            "王小明",
            "张伟",
            "陈静",
        ]
        cands = {c.code: c for c in repo.read_contest(db, "WY").candidates}  # type: ignore[union-attr]
    assert cands["c05"].name == "陈静" and cands["c05"].annotation == "（女，回族）"


def test_a_name_in_traditional_form_is_a_namesake(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # 劉偉 and 刘伟 are one name to a voter writing simplified characters and to the count:
    # on the roster a namesake to confirm; two candidates of the contest, a note each.
    d = small_definition()
    d["people"][0]["name"] = "刘伟"
    d["people"][1]["name"] = "劉偉"
    d["contests"][0]["candidates"][0] = {"code": "c01", "person": "P001"}
    d["contests"][0]["candidates"][1] = {"code": "c02", "person": "P002"}
    code, _ = init(tmp_path, d, "--lang", "zh")
    err = capsys.readouterr().err
    assert code != 0 and "与 P001 同名“劉偉”" in err, err
    assert "候选人“刘伟”有 2 位（c01、c02）" in err, err


def test_unit_codes_differing_only_in_case_and_unit_names_used_twice_are_said(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """'u01' beside 'U01', and a second unit named 第一代表团, were saved without a word: two
    units a clerk cannot tell apart on the page, nor by name at check-in."""
    from huanjie_desktop.app import prepare
    from huanjie_desktop.app.election import validate_source
    from huanjie_desktop.domain.definition import DefinitionRefused
    from huanjie_desktop.domain.model import Unit

    d = small_definition()
    d["units"] += [{"code": "u01", "name": "小写团"}, {"code": "U09", "name": "第一代表团"}]
    result = validate_source(d, {})
    codes = {(p.where, p.code) for p in result.problems}
    assert ("$.units[2].code", "duplicate") in codes, result.problems
    assert ("$.units[3].name", "same_name") in codes, result.problems
    _, f = init(tmp_path, small_definition())
    with open_election_file(f, "测试员") as db:
        for unit in (Unit("u01", "小写团"), Unit("U09", "第一代表团")):
            with pytest.raises(DefinitionRefused) as e:
                prepare.save_unit(db, unit, is_new=True)
            assert "U01" in e.value.problems[0].message("zh"), e.value.problems
        prepare.save_unit(db, Unit("U09", "第九代表团"), is_new=True)
        prepare.save_unit(db, Unit("U09", "第九代表团"), is_new=False)  # (its own name)


def test_a_definition_in_another_format_is_refused_naming_the_formats(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    src = tmp_path / "名单.csv"
    src.write_text("姓名\n王伟\n", encoding="utf-8")
    assert main(["init", str(tmp_path / "e.huanjie"), "--from", str(src), "--lang", "zh"]) == 1
    err = capsys.readouterr().err
    assert ".csv" in err and ".xlsx" in err and "JSON" in err


def test_scrutineer_may_not_be_candidate(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    d = small_definition()
    d["contests"][0]["officials"].append({"person": "P001", "role": "scrutineer"})
    code, _ = init(tmp_path, d)
    assert code == 1
    assert "不能担任监票人" in capsys.readouterr().err


def test_unknown_top_level_key_and_english(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    d = small_definition()
    d["extra"] = 1
    f = tmp_path / "e.huanjie"
    assert main(["--lang", "en", "init", str(f), "--from", str(write_def(tmp_path, d))]) == 1
    assert "unknown key 'extra'" in capsys.readouterr().err


def test_usage_error_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["init"])
    assert exc.value.code == 2


def test_missing_file_exit_1(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["status", str(tmp_path / "nope.huanjie")]) == 1
    assert "找不到选举文件" in capsys.readouterr().err


def test_id_numbers() -> None:
    assert check_id_number("11010519491231002X").ok
    assert check_id_number("11010519491231002x").ok
    bad = check_id_number("110105194912310021")
    assert not bad.ok and bad.code == "checksum"
    assert check_id_number("110105194902300021").code == "date"
    legacy = check_id_number("110105491231002")
    assert legacy.ok and legacy.code == "legacy15"
    assert check_id_number("1101051949").code == "length"


def test_id_mismatch_is_a_warning(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    d = small_definition()
    d["people"][0]["gender"] = "女"  # the ID number says male
    d["people"][1]["birth"] = "1999-12"
    code, _ = init(tmp_path, d)
    assert code == 0
    err = capsys.readouterr().err
    assert "身份证号码显示性别为男" in err and "出生年月" in err


def test_integer_rules() -> None:
    assert minimum_candidates(7, 20, ContestKind.DELEGATE, Method.COMPETITIVE) == 9
    assert minimum_candidates(35, 10, ContestKind.COMMITTEE, Method.COMPETITIVE) == 39
    assert minimum_candidates(5, 0, ContestKind.STANDING, Method.COMPETITIVE) == 6
    assert percent_text(8, 11) == "72.7%"
    assert percent_text(1, 8) == "12.5%"
    assert percent_text(1, 16) == "6.3%"  # 6.25 rounds half up
    assert not quorum_met(124, 248, QuorumRule.HALF)
    assert quorum_met(125, 248, QuorumRule.HALF)
    assert not quorum_met(20, 30, QuorumRule.TWO_THIRDS)
    assert quorum_met(21, 30, QuorumRule.TWO_THIRDS)
    assert not quorum_met(120, 150, QuorumRule.FOUR_FIFTHS)
    assert quorum_met(121, 150, QuorumRule.FOUR_FIFTHS)


def test_checkin_by_badge_code_and_undo(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import io

    _, f = init(tmp_path, small_definition())
    con = sqlite3.connect(f)
    badge = con.execute("SELECT badge_code FROM people WHERE code='P004'").fetchone()[0]
    con.close()
    capsys.readouterr()
    monkeypatch.setattr("sys.stdin", io.StringIO(f"{badge}\n0000000000\n"))
    # (one badge nobody has: the others are checked in, and the exit code says not all was
    # well — it said 0 as long as one code worked)
    assert main(["checkin", str(f), "--scanner", "--json"]) == 1
    out = json.loads(capsys.readouterr().out)
    assert [r["status"] for r in out["results"]] == ["checked_in", "unknown"]
    assert out["results"][0]["person"] == "P004"
    assert main(["checkin", str(f), "--person", "P004", "--undo"]) == 0
    capsys.readouterr()
    main(["status", str(f), "--json"])
    assert json.loads(capsys.readouterr().out)["contests"][0]["present"] == 0
    # typed as the card prints it, in groups (a barcode that will not scan): the same number
    grouped = f"{badge[:4]} {badge[4:8]} {badge[8:]}"
    assert main(["checkin", str(f), "--person", grouped, "--json"]) == 0, capsys.readouterr()
    assert "P004" in capsys.readouterr().out


def test_checkin_takes_every_person_given_and_points_a_name_to_its_code(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # --person given twice: the first was dropped without a word (a clerk checking in a
    # row of people by hand believed them checked in)
    _, f = init(tmp_path, small_definition())
    capsys.readouterr()
    assert main(["checkin", str(f), "--person", "P001", "--person", "P002", "P003", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert [r["person"] for r in out["results"]] == ["P001", "P002", "P003"]
    # a name where a code goes: the codes of that name are said
    con = sqlite3.connect(f)
    name = con.execute("SELECT name FROM people WHERE code='P004'").fetchone()[0]
    con.close()
    assert main(["checkin", str(f), "--person", name, "--lang", "zh"]) == 1
    err = capsys.readouterr().err
    assert f"“{name}”是姓名" in err and "P004" in err, err
    # (a name found is no unknown code: it was said "查无此人", and counted among the
    # codes not found; a code typed in lower case was echoed so, not as the roster has it)
    assert "查无此人" not in err and "是姓名，未报到" in err, err
    args = ["checkin", str(f), "--person", "p005", name, "P999", "--lang", "zh"]
    assert main(args) == 1
    said = capsys.readouterr()
    assert said.out.startswith("P005 "), said.out
    assert "P999" in said.err and "查无此人" in said.err, said.err
    assert "1 个编号查无此人；1 个是姓名，未报到（其余的已办理）" in said.err, said.err


def test_checkin_says_which_of_two_namesakes_was_checked_in(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Two 刘伟 of one unit: the desk sees the note their cards carry ("刘伟（区教育局科员）"),
    not the same name twice — a card handed to the wrong one shows at once."""
    from tests.defs import namesakes_definition

    _, f = init(tmp_path, namesakes_definition())
    capsys.readouterr()
    assert main(["checkin", str(f), "--person", "P004", "--person", "P003", "--lang", "zh"]) == 0
    out = capsys.readouterr().out
    assert "刘伟（区教育局科员）" in out and "区财政局副局长" not in out, out
    assert "张伟 " in out and "张伟（" not in out  # nobody else of that name
    assert main(["checkin", str(f), "--person", "P002", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["results"][0]["note"] == "（区财政局副局长）"
    # a name typed where the code goes: each of that name with their note
    assert main(["checkin", str(f), "--person", "刘伟", "--lang", "zh"]) == 1
    err = capsys.readouterr().err
    assert "P002（U02，区财政局副局长）" in err and "P004（U02，区教育局科员）" in err, err
    assert "P001（U01，区委办）" in err


def test_verify_detects_edits_behind_the_apps_back(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _, f = init(tmp_path, small_definition())
    main(["checkin", str(f), "--person", "P001", "P002", "P003"])
    capsys.readouterr()
    assert main(["verify", str(f)]) == 0
    capsys.readouterr()
    con = sqlite3.connect(f)
    con.execute("DROP TRIGGER audit_no_update")
    con.execute("UPDATE audit SET operator = 'mallory' WHERE seq = 2")
    con.commit()
    con.close()
    assert main(["verify", str(f), "--json"]) == 1
    report = json.loads(capsys.readouterr().out)
    assert not report["ok"] and "第 2 条" in report["problems"][0]


def test_verify_detects_a_sheet_a_box_count_or_a_name_changed_with_another_tool(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Rows written by the app carry a seal over their contents; sqlite3 (or any other tool)
    changing a ballot's marks, a box's count or a name leaves the seal stale, and verify says
    which record — also before any round is certified."""
    from huanjie_desktop.app.ballots import record_box_count
    from tests.sheet_rows import ballot_order, insert_counted, marks

    _, f = init(tmp_path, small_definition())
    with open_election_file(f, "测试员") as db:
        order = ballot_order(db, "WY", 1)
        insert_counted(db, "WY", 1, [marks(order, {"c01": "A"})] * 3, 3)
        record_box_count(db, "WY", None, "1", 3, 3)
        sheet = db.con.execute("SELECT id FROM sheets LIMIT 1").fetchone()[0]
    main(["checkin", str(f), "--person", "P001"])
    capsys.readouterr()
    assert main(["verify", str(f)]) == 0  # what the app wrote, and its own later changes
    capsys.readouterr()
    con = sqlite3.connect(f)
    con.execute("UPDATE sheets SET final_marks = 'NNNNN' WHERE id = ?", (sheet,))
    con.execute("UPDATE box_counts SET collected = 2")
    con.execute("UPDATE people SET name = '改名' WHERE code = 'P005'")
    con.commit()
    con.close()
    assert main(["verify", str(f), "--json", "--lang", "en"]) == 1
    problems = " ".join(json.loads(capsys.readouterr().out)["problems"])
    assert f"ballot sheet {sheet} (serial none, batch-main.pdf page 1) was changed" in problems
    assert "box count WY/1/1/main" in problems and "roster entry P005" in problems


def test_verify_detects_the_ballot_order_rules_and_check_ins_changed_with_another_tool(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Two candidates' places on the ballot swapped (their votes swap with them: marks are
    stored by place), a contest's seats, a check-in's time, a check-in deleted (实到 one
    less): `verify` said the file was intact."""
    _, f = init(tmp_path, small_definition())
    main(["checkin", str(f), "--person", "P001", "P002", "P003"])
    capsys.readouterr()
    assert main(["verify", str(f)]) == 0
    con = sqlite3.connect(f)
    place = dict(con.execute("SELECT candidate, position FROM round_candidates").fetchall())
    con.execute("UPDATE round_candidates SET position = 999 WHERE candidate = 'c01'")
    con.execute("UPDATE round_candidates SET position = ? WHERE candidate = 'c02'", (place["c01"],))
    con.execute("UPDATE round_candidates SET position = ? WHERE candidate = 'c01'", (place["c02"],))
    con.execute("UPDATE contests SET seats = seats + 1 WHERE code = 'WY'")
    con.execute("UPDATE checkins SET at = '2020-01-01T00:00:00Z' WHERE person = 'P001'")
    con.execute("DELETE FROM checkins WHERE person = 'P002'")
    con.commit()
    con.close()
    capsys.readouterr()
    assert main(["verify", str(f), "--json", "--lang", "en"]) == 1
    problems = " ".join(json.loads(capsys.readouterr().out)["problems"])
    assert "ballot order of the candidates (whom each mark counts for) WY/1/c01" in problems
    assert "contest rules (seats, base, quorum…) WY" in problems
    assert "check-in (the number present) P001" in problems
    assert "missing from the file: P002" in problems
    capsys.readouterr()
    assert main(["verify", str(f)]) == 1
    assert "不要签署或公布" in capsys.readouterr().out


def test_verify_detects_removed_newest_entries(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _, f = init(tmp_path, small_definition())
    main(["checkin", str(f), "--person", "P001", "P002"])
    con = sqlite3.connect(f)
    con.execute("DROP TRIGGER audit_no_delete")
    con.execute("DELETE FROM audit WHERE seq = (SELECT max(seq) FROM audit)")
    con.commit()
    con.close()
    capsys.readouterr()
    assert main(["verify", str(f)]) == 1
    assert "被删除" in capsys.readouterr().out


def test_audit_log_is_append_only(tmp_path: Path) -> None:
    _, f = init(tmp_path, small_definition())
    con = sqlite3.connect(f)
    with pytest.raises(sqlite3.DatabaseError, match="append-only"):
        con.execute("DELETE FROM audit")
    con.close()


def test_newer_file_refused(tmp_path: Path) -> None:
    _, f = init(tmp_path, small_definition())
    con = sqlite3.connect(f)
    con.execute(f"PRAGMA user_version = {latest_version() + 1}")
    con.commit()
    con.close()
    before = f.read_bytes()
    with pytest.raises(ElectionFileError) as exc:
        open_election_file(f, "x")
    assert "更新版本" in exc.value.zh
    assert f.read_bytes() == before


def test_an_upgrade_does_not_seal_over_a_change_made_before_it(tmp_path: Path) -> None:
    """A format-4 file (its sheets, box counts, roster and candidates sealed) with a
    candidate renamed by another tool: the upgrade to format 5 sealed every row as it stood,
    blessing the change. Only the tables that get seals now are sealed as they stand."""
    _, f = init(tmp_path, small_definition())
    con = sqlite3.connect(f)
    con.execute("DROP TABLE box_choices")  # (format 6)
    con.execute("DROP TABLE withdrawals")  # (format 7)
    con.execute("DROP TABLE preselections")  # (format 8)
    for t in SEALED_TABLES[4:]:  # (the tables format 5 seals)
        if t not in ("box_choices", "withdrawals", "preselections"):
            con.execute(f"ALTER TABLE {t} DROP COLUMN seal")
    con.execute("PRAGMA user_version = 4")
    con.execute("UPDATE candidates SET name = '改名' WHERE code = 'c01'")
    con.commit()
    con.close()
    db = open_election_file(f, "升级员")
    try:
        assert db.con.execute("PRAGMA user_version").fetchone()[0] == latest_version()
        assert seal_breaks(db.con) == [("candidates", "WY/c01")]
    finally:
        db.close()


def test_older_file_is_backed_up_then_upgraded(tmp_path: Path) -> None:
    """A file written before the stations migration (format 1) opens after a backup."""
    _, f = init(tmp_path, small_definition())
    con = sqlite3.connect(f)
    tables = [
        r[0]
        for r in con.execute(
            "SELECT name FROM sqlite_master WHERE type='table' AND name IN "
            "('station_identity','stations','imported_packages','imported_records','station_audit','accounts',"
            "'box_choices','withdrawals','preselections')"
        )
    ]
    for t in tables:
        con.execute(f"DROP TABLE {t}")
    for t in SEALED_TABLES:  # (seals came with formats 4 and 5)
        if t not in tables:
            con.execute(f"ALTER TABLE {t} DROP COLUMN seal")
    con.execute("PRAGMA user_version = 1")
    con.commit()
    con.close()
    db = open_election_file(f, "升级员")
    try:
        assert db.con.execute("PRAGMA user_version").fetchone()[0] == latest_version()
        assert db.con.execute("SELECT count(*) FROM accounts").fetchone()[0] == 0
        event = db.con.execute(
            "SELECT event, detail FROM audit ORDER BY seq DESC LIMIT 1"
        ).fetchone()
        assert event[0] == "election.migrated"
        assert seal_breaks(db.con) == []  # every row sealed as it stood
    finally:
        db.close()
    backups = list(tmp_path.glob("e.huanjie.before-v*.bak"))
    assert len(backups) == 1
    old = sqlite3.connect(backups[0])
    assert old.execute("PRAGMA user_version").fetchone()[0] == 1
    old.close()


def test_schema_conventions(tmp_path: Path) -> None:
    """Every table is STRICT; enum-like columns carry CHECKs (architecture.md)."""
    _, f = init(tmp_path, small_definition())
    con = sqlite3.connect(f)
    for name, sql in con.execute("SELECT name, sql FROM sqlite_master WHERE type='table'"):
        assert sql.rstrip().endswith("STRICT"), f"table {name} is not STRICT"
    assert con.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    con.close()


def test_not_an_election_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bogus = tmp_path / "x.huanjie"
    bogus.write_bytes(b"hello world, not sqlite" * 100)
    assert main(["status", str(bogus)]) == 1
    assert "不是选举文件" in capsys.readouterr().err


def test_a_place_that_cannot_be_written_is_said_not_traced(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # (a "folder" that is a file: as a folder without permission or a read-only stick)
    (tmp_path / "a-file").write_text("x")
    nowhere = tmp_path / "a-file" / "sub"
    _, f = init(tmp_path, small_definition())
    capsys.readouterr()
    for argv in (
        ["template", str(nowhere / "t.xlsx")],
        ["backup", str(f), "--to", str(nowhere / "b.huanjie")],
        [
            "init",
            str(nowhere / "e.huanjie"),
            "--from",
            str(write_def(tmp_path, small_definition())),
        ],
    ):
        assert main(argv) == 1, argv
        err = capsys.readouterr().err
        assert "无法读写文件" in err and "Traceback" not in err, argv


def test_opening_another_kind_of_file_says_so_and_a_damaged_one_says_restore(
    tmp_path: Path,
) -> None:
    from huanjie_desktop.storage.db import ElectionFileError, open_election_file

    book = tmp_path / "definition.xlsx"
    book.write_bytes(b"PK\x03\x04" + b"\x00" * 200)  # a workbook picked by mistake
    with pytest.raises(ElectionFileError) as e:
        open_election_file(book, "测试员")
    assert "not an election file" in e.value.en and "restore" not in e.value.en.lower()
    broken = tmp_path / "e.huanjie"
    broken.write_bytes(b"SQLite format 3\x00" + b"\xff" * 300)  # its pages lost
    with pytest.raises(ElectionFileError) as e:
        open_election_file(broken, "测试员")
    assert "damaged" in e.value.en and "huanjie restore" in e.value.en
    # another program's database, sound: not ours, nothing damaged (it said "restore")
    other = tmp_path / "other.huanjie"
    con = sqlite3.connect(other)
    con.execute("CREATE TABLE t(x)")
    con.commit()
    con.close()
    with pytest.raises(ElectionFileError) as e:
        open_election_file(other, "测试员")
    assert "not a huanjie election file" in e.value.en and "restore" not in e.value.en.lower()


def test_a_file_damaged_inside_says_restore_not_a_traceback(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Pages in the middle of the file overwritten (a bad sector, a copy cut short): it
    opens, and the first read of those pages raised a traceback in every command."""
    _, f = init(tmp_path, small_definition())
    for side in ("-wal", "-shm"):
        Path(f"{f}{side}").unlink(missing_ok=True)
    data = bytearray(f.read_bytes())
    data[12288 : 12288 + 4096] = b"\xa5" * 4096  # (a page status reads, not the header)
    f.write_bytes(bytes(data))
    capsys.readouterr()
    code = main(["--lang", "en", "status", str(f)])
    err = capsys.readouterr().err
    assert code == 1 and "damaged" in err and "Traceback" not in err, err
    assert "huanjie restore" in err


def test_the_systems_refusals_in_chinese(tmp_path: Path) -> None:
    import errno

    from huanjie_desktop.app.oserrors import why_en, why_zh

    with pytest.raises(OSError) as raised:
        (tmp_path / "no" / "such" / "folder" / "x.pdf").open("rb")
    assert why_zh(raised.value) == "文件夹或文件不存在" and "No such file" in why_en(raised.value)
    assert why_zh(OSError(errno.ENOSPC, "No space left on device")) == "磁盘已满"
    assert why_zh(OSError(9999, "Odd")) == "Odd"  # an unknown case: the system's own words
    # SQLite's own "database or disk is full" (no errno): a real one
    con = sqlite3.connect(tmp_path / "small.db")
    con.execute("PRAGMA max_page_count = 2")
    with pytest.raises(sqlite3.OperationalError) as full:
        con.execute("CREATE TABLE t (x)")
        con.execute("CREATE TABLE u (x)")
        con.execute("CREATE TABLE v (x)")
    con.close()
    assert why_zh(full.value) == "磁盘已满" and why_en(full.value) == "the disk is full"


def test_a_basic_level_committee_plenary_needs_two_thirds_by_default() -> None:
    """A 5-member branch committee electing its secretary, 4 present: more than 2/3 by
    default (rules.md: by contest kind), was 4/5 — a valid round pronounced void."""
    from huanjie_desktop.domain.model import Level
    from huanjie_desktop.domain.rules import default_quorum_rule

    assert default_quorum_rule(Level.BASIC, ContestKind.SECRETARY) is QuorumRule.TWO_THIRDS
    assert default_quorum_rule(Level.BASIC, ContestKind.STANDING) is QuorumRule.TWO_THIRDS
    assert default_quorum_rule(Level.BASIC, ContestKind.COMMITTEE) is QuorumRule.FOUR_FIFTHS
    assert default_quorum_rule(Level.LOCAL, ContestKind.DELEGATE) is QuorumRule.HALF
    assert quorum_met(4, 5, QuorumRule.TWO_THIRDS) and not quorum_met(4, 5, QuorumRule.FOUR_FIFTHS)


# --- the command line's outputs and inputs ---------------------------------------------------


def test_no_command_writes_its_output_over_an_election_file_or_a_filled_workbook(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """report and export-xlsx --out FILE wrote a PDF / a workbook over the election file
    itself (exit 0: the election gone), ballots print and badges over another one, template
    over a filled-in workbook or an election file."""
    _, f = init(tmp_path, small_definition())
    other = tmp_path / "other.huanjie"
    other.write_bytes(f.read_bytes())
    before = f.read_bytes()
    for argv in (
        ["report", str(f), "--contest", "WY", "--out", str(f)],
        ["export-xlsx", str(f), "--out", str(f)],
        ["ballots", "print", str(f), "--contest", "WY", "--count", "1", "--out", str(other)],
        ["badges", str(f), "--out", str(other)],
        ["template", str(other)],
        ["report", str(f), "--contest", "WY", "--out", str(tmp_path)],
    ):
        capsys.readouterr()
        assert main(["--lang", "en", *argv]) == 1, argv
        said = capsys.readouterr().err
        assert "Give the output another name" in said or "is a folder" in said, (argv, said)
    assert f.read_bytes() == before and other.read_bytes() == before
    book = tmp_path / "def.xlsx"
    assert main(["template", str(book), "--example"]) == 0
    filled = book.read_bytes()
    assert main(["--lang", "en", "template", str(book)]) == 1
    assert "already exists" in capsys.readouterr().err and book.read_bytes() == filled
    # no print run is recorded for ballots nobody has (the PDF could not take its place)
    assert main(["ballots", "runs", str(f), "--json"]) == 0
    assert json.loads(capsys.readouterr().out) in ([], {"runs": []})


def test_an_empty_file_is_no_election_and_stays_empty(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """verify and status of a 0-byte .huanjie wrote an SQLite header into it and sent the
    clerk to backups that do not exist."""
    empty = tmp_path / "empty.huanjie"
    empty.write_bytes(b"")
    for command in ("verify", "status"):
        capsys.readouterr()
        assert main(["--lang", "en", command, str(empty)]) == 1
        assert "is empty (0 bytes)" in capsys.readouterr().err
    assert empty.stat().st_size == 0


def test_a_mistyped_digest_is_a_usage_error_not_an_alarm(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _, f = init(tmp_path, small_definition())
    capsys.readouterr()
    assert main(["--lang", "en", "verify", str(f), "--digest", "XYZ"]) == 2
    said = capsys.readouterr()
    assert "type again the 16 characters" in said.err and "tamper" not in said.out + said.err


def test_output_in_a_locale_without_chinese_is_no_traceback(tmp_path: Path) -> None:
    """A GBK or Latin-1 terminal (or a file redirect on Windows) stopped every command that
    prints a name with a UnicodeEncodeError half-way through."""
    import os
    import subprocess
    import sys

    _, f = init(tmp_path, small_definition())
    env = {**os.environ, "PYTHONIOENCODING": "ascii"}
    run = subprocess.run(
        [sys.executable, "-m", "huanjie_desktop.cli.main", "status", str(f)],
        capture_output=True,
        env=env,
        check=False,
    )
    assert run.returncode == 0, run.stderr
    assert b"Traceback" not in run.stderr and b"WY" in run.stdout


def test_scan_and_sort_names_refuse_arguments_that_mean_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """scan --workers 0 and --station "" were taken silently (a blank station name wrote
    an image already counted as a new, duplicate record); sort-names given a folder said
    the list was not found."""
    _, f = init(tmp_path, small_definition())
    capsys.readouterr()
    assert main(["--lang", "en", "scan", str(f), str(tmp_path), "--workers", "0"]) == 2
    assert "at least 1 worker" in capsys.readouterr().err
    assert main(["--lang", "en", "scan", str(f), str(tmp_path), "--station", " "]) == 2
    assert "--station cannot be empty" in capsys.readouterr().err
    assert main(["--lang", "en", "sort-names", str(tmp_path)]) == 1
    assert "is a folder" in capsys.readouterr().err


def test_a_read_only_database_is_said_in_words() -> None:
    """A write-protected stick's election file gave SQLite's own words ("attempt to write a
    readonly database") in the refusal."""
    from huanjie_desktop.app.oserrors import why_en, why_zh

    exc = sqlite3.OperationalError("attempt to write a readonly database")
    assert "read-only" in why_en(exc) and "readonly database" not in why_en(exc)
    assert "只读" in why_zh(exc)
