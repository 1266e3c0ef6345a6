"""The Excel template round trip and its error messages (real .xlsx files via openpyxl)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

from huanjie_desktop.cli.main import main


def test_template_example_round_trip(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    book = tmp_path / "def.xlsx"
    assert main(["template", str(book), "--example"]) == 0
    wb = load_workbook(book)
    assert wb.sheetnames == [
        "填写说明",
        "选举",
        "选举单位",
        "代表名单",
        "选举事项",
        "候选人",
        "监票计票人员",
    ]
    assert [c.value for c in wb["代表名单"][1]][:3] == ["编号", "姓名", "性别"]
    f = tmp_path / "e.huanjie"
    capsys.readouterr()
    assert main(["init", str(f), "--from", str(book), "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["ok"] and out["people"] == 12 and out["contests"] == ["DB"]


def test_empty_template_is_valid_workbook(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    book = tmp_path / "t.xlsx"
    assert main(["template", str(book)]) == 0
    assert main(["init", str(tmp_path / "e.huanjie"), "--from", str(book)]) == 1
    err = capsys.readouterr().err
    assert "选举名称" in err or "选举" in err


def _example_roster(tmp_path: Path) -> tuple[Path, Any, Any]:
    """The template's example written to a file, opened, and its roster sheet."""
    book = tmp_path / "def.xlsx"
    main(["template", str(book), "--example"])
    wb = load_workbook(book)
    return book, wb, wb["代表名单"]


def test_workbook_errors_name_sheet_row_column(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    book, wb, ws = _example_roster(tmp_path)
    ws["G4"] = "430211198001011234"  # bad check digit, row 4
    ws["C6"] = "未知"  # gender, row 6
    ws["G7"] = 430211198001011234  # numeric ID number: Excel would lose digits
    wb["候选人"]["A3"] = "ZZ"  # unknown contest
    wb.save(book)
    capsys.readouterr()
    assert main(["init", str(tmp_path / "e.huanjie"), "--from", str(book)]) == 1
    err = capsys.readouterr().err
    assert "工作表“候选人” 第3行" in err
    assert not (tmp_path / "e.huanjie").exists()
    # fix the structural error: the cell-level problems are then all listed together
    wb = load_workbook(book)
    wb["候选人"]["A3"] = "DB"
    ws = wb["代表名单"]
    ws["G7"] = None
    wb.save(book)
    assert main(["init", str(tmp_path / "e.huanjie"), "--from", str(book)]) == 1
    err = capsys.readouterr().err
    assert "工作表“代表名单” 第4行 “身份证号码”列" in err
    assert "工作表“代表名单” 第6行 “性别”列" in err


def test_numeric_id_number_explained(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    book = tmp_path / "def.xlsx"
    main(["template", str(book), "--example"])
    wb = load_workbook(book)
    wb["代表名单"]["G3"] = 430211198001011234
    wb.save(book)
    capsys.readouterr()
    assert main(["init", str(tmp_path / "e.huanjie"), "--from", str(book)]) == 1
    assert "文本" in capsys.readouterr().err


def test_a_title_row_above_the_roster_is_skipped(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # A published list pasted in: its title merged across the columns above the header row.
    book, wb, ws = _example_roster(tmp_path)
    ws.insert_rows(1)
    ws["A1"] = "中国共产党测试区第一次代表大会代表名单"
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=8)
    ws["G4"] = "430211198001011234"  # a bad check digit, now on row 4 of the sheet
    wb.save(book)
    capsys.readouterr()
    assert main(["init", str(tmp_path / "e.huanjie"), "--from", str(book)]) == 1
    err = capsys.readouterr().err
    assert "缺少表头" not in err and "工作表“代表名单” 第4行 “身份证号码”列" in err
    wb = load_workbook(book)
    wb["代表名单"]["G4"] = None
    wb.save(book)
    assert main(["init", str(tmp_path / "e.huanjie"), "--from", str(book), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["people"] == 12  # as without the title


# --- rosters as offices make them ------------------------------------------------------------


def test_a_numeric_id_number_is_told_with_every_other_problem(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """An ID number Excel made a number is one cell's problem: the rest of the roster is
    still checked, and everything is told at once, row by row (it stopped the reading, so
    the clerk fixed one cell, tried again, and only then heard of the next)."""
    book, wb, ws = _example_roster(tmp_path)
    ws["G5"] = "430211198001011234"  # bad check digit, row 5
    ws["G3"] = 430211198001011234  # numeric, row 3
    ws["C7"] = "未知"  # gender, row 7
    wb.save(book)
    code, text = _init(tmp_path, book, capsys)
    assert code == 1, text
    places = ["第3行 “身份证号码”列", "第5行 “身份证号码”列", "第7行 “性别”列"]
    assert all(p in text for p in places), text
    assert [text.index(p) for p in places] == sorted(text.index(p) for p in places), text
    assert "定义中有 3 处错误" in text, text


def test_a_roster_import_tells_a_numeric_id_number_with_every_other_problem(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The same into an election file ("从 Excel 导入" / import_roster): the numeric ID
    number was the only error listed, the others heard of one round trip later."""
    from huanjie_desktop.app import prepare
    from huanjie_desktop.domain.definition import DefinitionRefused
    from huanjie_desktop.storage.db import open_election_file

    book, wb, ws = _example_roster(tmp_path)
    wb.save(book)
    code, text = _init(tmp_path, book, capsys)
    assert code == 0, text
    ws["G5"] = "430211198001011234"  # bad check digit, row 5
    ws["G3"] = 430211198001011234  # numeric, row 3
    ws["C7"] = "未知"  # gender, row 7
    wb.save(book)
    with (
        open_election_file(tmp_path / "e.huanjie", "测试员") as db,
        pytest.raises(DefinitionRefused) as e,
    ):
        prepare.import_roster(db, book)
    said = " ".join(p.message("zh") + " " + p.where for p in e.value.problems if not p.warning)
    assert "存成了数字" in said and "第5行" in said and "第7行" in said, said


def test_a_roster_row_without_a_name_is_one_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A roster row with no name is refused on its row; the candidate and the scrutineer
    who name its code are not "not on the roster" too, nor is the contest short of
    candidates for it (one slip read as four errors)."""
    book, wb, ws = _example_roster(tmp_path)
    code_of = {r: ws[f"A{r}"].value for r in range(2, ws.max_row + 1)}
    cands = wb["候选人"]
    used = {str(cands.cell(r, 4).value) for r in range(2, cands.max_row + 1)}
    row = next(r for r, c in code_of.items() if c in used)
    ws[f"B{row}"] = None
    wb.save(book)
    code, text = _init(tmp_path, book, capsys)
    assert code == 1, text
    assert f"工作表“代表名单” 第{row}行: 缺少“姓名”" in text, text
    assert "定义中有 1 处错误" in text and "不在名单中" not in text, text
    assert "至少需要候选人" not in text and "缺少候选人姓名" not in text, text


def _init(tmp_path: Path, book: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    capsys.readouterr()
    target = tmp_path / "e.huanjie"
    target.unlink(missing_ok=True)
    code = main(["init", str(target), "--from", str(book)])
    out, err = capsys.readouterr()
    return code, out + err


def _people(tmp_path: Path) -> list[tuple[Any, ...]]:
    import sqlite3

    con = sqlite3.connect(tmp_path / "e.huanjie")
    try:
        return con.execute(
            "select code, name, birth, id_number, unit, has_vote, party_join from people"
            " order by code"
        ).fetchall()
    finally:
        con.close()


def test_merged_unit_cells_give_every_row_the_unit(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # Offices merge a unit's cell down its people: each of them is in that unit.
    book, wb, ws = _example_roster(tmp_path)
    unit = ws["M8"].value
    for r in range(9, 14):
        ws[f"M{r}"] = None
    ws.merge_cells("M8:M13")
    wb.save(book)
    code, text = _init(tmp_path, book, capsys)
    assert code == 0, text
    assert [p[4] for p in _people(tmp_path)] == [unit] * 12
    assert "第8–13行是合并单元格" in text and "“选举单位”列" in text


def test_a_group_heading_merged_across_the_roster_is_one_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A list's group heading ('一、机关团体（3名）') in a cell merged across the roster's row
    gave every column its text: nine errors for one row (a bad gender, birth, code, unit, ID
    number…) and a note per column that it was "filled into every row", the one error that
    says what it is buried among them."""
    book, wb, ws = _example_roster(tmp_path)
    ws.insert_rows(5)
    ws["A5"] = "一、机关团体（3名）"
    ws.merge_cells(start_row=5, start_column=1, end_row=5, end_column=ws.max_column)
    wb.save(book)
    code, text = _init(tmp_path, book, capsys)
    assert code == 1, text
    assert "定义中有 1 处错误" in text, text
    assert "第5行 “姓名”列: “一、机关团体（3名）”像是名单里的分组标题" in text, text
    assert "合并单元格" not in text, text


def test_headers_written_otherwise_are_read(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    book, wb, ws = _example_roster(tmp_path)
    ws["E1"] = "出生\n年月（年.月）"  # a line break (Alt+Enter) and a note
    ws["G1"] = "身份证号"
    ws["M1"] = "所在选举单位"
    ws["N1"] = "是否 有选举权"
    ws["N3"] = "否"
    wb["选举事项"]["F1"] = "选举单位（留空为全体）"
    wb.save(book)
    code, text = _init(tmp_path, book, capsys)
    assert code == 0, text
    people = _people(tmp_path)
    assert all(p[2] and p[3] and p[4] for p in people)  # birth, ID number, unit kept
    without = sum(1 for r in range(2, 14) if ws[f"N{r}"].value == "否")
    assert [p[5] for p in people].count(0) == without >= 1  # 否 read from '是否 有选举权'


def test_a_two_level_header_is_read(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    book, wb, ws = _example_roster(tmp_path)
    ws.insert_rows(2)
    for col in "ABCDEFGHKLMN":
        ws[f"{col}2"] = None
    ws["I1"], ws["I2"], ws["J2"] = "时间", "入党", "参加工作"
    ws.merge_cells("I1:J1")
    wb.save(book)
    code, text = _init(tmp_path, book, capsys)
    assert code == 0, text
    assert all(p[6] for p in _people(tmp_path))  # 入党时间 read from under '时间'


def test_what_is_not_imported_is_said(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    book, wb, ws = _example_roster(tmp_path)
    ws["O1"], ws["O2"] = "联系电话", "13800000000"  # not a template column
    ws.row_dimensions[5].hidden = True
    extra = wb.create_sheet("代表名单(2)")
    extra["A1"], extra["B1"], extra["A2"], extra["B2"] = "编号", "姓名", "M0099", "周强"
    wb.save(book)
    code, text = _init(tmp_path, book, capsys)
    assert code == 0, text
    assert "O列“联系电话”" in text and "内容没有导入" in text
    assert "第5行是隐藏" in text
    assert "工作表“代表名单(2)”" in text and "没有导入" in text


def test_sheet_names_and_missing_sheets(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    book, wb, ws = _example_roster(tmp_path)
    ws.title = "代表名单 "  # a space typed after the name
    wb.save(book)
    code, text = _init(tmp_path, book, capsys)
    assert code == 0, text
    wb["代表名单 "].title = "Sheet1"
    wb.save(book)
    code, text = _init(tmp_path, book, capsys)
    assert code == 1 and "缺少此工作表" in text and "“Sheet1”" in text


def test_unit_given_by_its_name(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    book, wb, ws = _example_roster(tmp_path)
    units = wb["选举单位"]
    ws["M5"] = units["B2"].value  # the unit's name where its code belongs
    wb.save(book)
    code, text = _init(tmp_path, book, capsys)
    assert code == 0, text
    assert {p[4] for p in _people(tmp_path)} == {units["A2"].value}


def test_several_names_in_one_cell_are_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    book, wb, ws = _example_roster(tmp_path)
    ws["B4"] = "刘强、陈红"
    ws["B5"] = "李　娜　张小明"  # padded as a published list pads two-character names
    ws["B6"] = "王　伟"  # one person, padded
    wb.save(book)
    code, text = _init(tmp_path, book, capsys)
    assert code == 1
    assert "第4行 “姓名”列" in text and "第5行 “姓名”列" in text and "第6行" not in text
    assert "几个姓名" in text


def test_id_numbers_as_pasted(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    book, wb, ws = _example_roster(tmp_path)
    ids = [ws[f"G{r}"].value for r in range(2, 6)]
    ws["G2"] = f"{ids[0][:6]} {ids[0][6:14]} {ids[0][14:]}"  # spaces between the groups
    ws["G3"] = "'" + ids[1]  # Excel's text mark
    ws["G4"] = ids[2] + "\u200b"  # a zero-width space from a web page
    ws["G5"] = ids[3].translate({ord(d): ord(d) + 0xFEE0 for d in "0123456789"})  # full width
    wb.save(book)
    code, text = _init(tmp_path, book, capsys)
    assert code == 0, text
    assert [p[3] for p in _people(tmp_path)][:4] == ids
    from huanjie_desktop.domain.idnumber import check_digit

    # Excel's 15 digits, pasted back as text (one whose zeros do not make a valid number)
    zeroed = next(z for i in ids if check_digit((z := i[:15] + "000")[:17]) != "0")
    wb = load_workbook(book)
    wb["代表名单"]["G2"] = zeroed
    wb.save(book)
    code, text = _init(tmp_path, book, capsys)
    assert code == 1 and "丢掉了最后几位" in text


def test_checkin_code_in_lower_case(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    book, _wb, ws = _example_roster(tmp_path)
    code, text = _init(tmp_path, book, capsys)
    assert code == 0, text
    first = str(ws["A2"].value)
    assert main(["checkin", str(tmp_path / "e.huanjie"), "--person", first.lower()]) == 0
    assert "查无此人" not in capsys.readouterr().err
    # nobody named: a usage error (exit 2), as the contract says
    assert main(["checkin", str(tmp_path / "e.huanjie")]) == 2
    assert "--person" in capsys.readouterr().err


# --- rosters as offices bring them (an independent probe) ---------------------------------------


def test_a_stray_space_in_the_sheets_last_row_is_no_roster_row(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A space typed by mistake in row 1,048,576: every cell above it was created on
    reading — 48 s and 3.5 GB for twelve people, a MemoryError on a small laptop."""
    from huanjie_desktop.reports.workbook import _used_rows

    book, wb, ws = _example_roster(tmp_path)
    ws.cell(1_048_576, 3, " ")
    wb.save(book)
    assert len(_used_rows(load_workbook(book)["代表名单"])) == 13
    code, text = _init(tmp_path, book, capsys)
    assert code == 0, text
    assert len(_people(tmp_path)) == 12


def test_a_unit_column_headed_otherwise(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Headed 党支部 it is read as the unit; headed 所在单位 (a workplace as often as a
    unit) it is not — and the contest of that unit then had nobody expected (应到 0) with
    only a note: now refused, naming the unit and what to check."""
    book, wb, ws = _example_roster(tmp_path)
    ws["M1"] = "党支部"
    wb.save(book)
    code, text = _init(tmp_path, book, capsys)
    assert code == 0, text
    assert {p[4] for p in _people(tmp_path)} == {"U09"} or all(p[4] for p in _people(tmp_path))
    ws["M1"] = "所在单位"
    wb.save(book)
    code, text = _init(tmp_path, book, capsys)
    assert code == 1 and "没有属于“U09”、有选举权的代表" in text, text


def test_a_political_status_column_gives_the_vote(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """政治面貌: a probationary member (预备党员) has no vote; the column was left out and
    everyone counted as expected. A 是否预备党员 column is named in a note that does not
    advise renaming it 有选举权 (that would read it backwards)."""
    book, wb, ws = _example_roster(tmp_path)
    ws["N1"] = "政治面貌"
    for r in range(2, 14):
        ws[f"N{r}"] = "中共预备党员" if r in (3, 5) else "中共党员"
    wb.save(book)
    code, text = _init(tmp_path, book, capsys)
    assert code == 0, text
    assert [p[5] for p in _people(tmp_path)].count(0) == 2
    ws["N1"] = "是否预备党员"
    wb.save(book)
    code, text = _init(tmp_path, book, capsys)
    assert "预备党员没有选举权" in text and "请把表头改成" not in text, text


def test_a_birth_month_excel_kept_as_a_number(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """1980.05 typed in a cell left as a number is read as 1980-05; 1980.10 is kept by
    Excel as 1980.1 — January or October — and the message says so (it said "must be
    text")."""
    book, wb, ws = _example_roster(tmp_path)
    ws["E2"] = 1981.07
    wb.save(book)
    code, text = _init(tmp_path, book, capsys)
    assert code == 0, text
    ws["E3"] = 1953.1
    wb.save(book)
    code, text = _init(tmp_path, book, capsys)
    assert code == 1 and "1953.1（Excel 存成了数字" in text and "设为文本" in text, text


def test_two_candidates_of_one_name_need_a_note_to_tell_them_apart() -> None:
    """Two 王伟 on one ballot printed alike: neither voter nor count could tell them apart."""
    from huanjie_desktop.domain.definition import validate_definition
    from tests.defs import small_definition

    d = small_definition()
    names = {p["code"]: p["name"] for p in d["people"]}
    first = d["contests"][0]["candidates"][0]
    twin = {"code": "c99", "name": names[first["person"]]}
    d["contests"][0]["candidates"].append(twin)
    problems = [p for p in validate_definition(d).problems if not p.warning]
    assert [p.code for p in problems] == ["same_name"], problems
    twin["annotation"] = "（女）"
    assert not [p for p in validate_definition(d).problems if p.code == "same_name"]


def test_what_offices_type_is_read_or_named(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Full-width codes (Ｐ０００１, typed with the input method) are the codes; an Excel
    error value is named as such (#N/A was "several names in one cell"); a workbook with
    an opening password is named as such (it was "BadZipFile")."""
    book, wb, ws = _example_roster(tmp_path)
    code = str(ws["A2"].value)
    ws["A2"] = "".join(chr(ord(ch) + 0xFEE0) if ch.isalnum() else ch for ch in code)
    wb.save(book)
    status, text = _init(tmp_path, book, capsys)
    assert status == 0, text
    assert code in [p[0] for p in _people(tmp_path)]
    capsys.readouterr()
    assert main(["checkin", str(tmp_path / "e.huanjie"), "--person", ws["A2"].value]) == 0
    said = "".join(capsys.readouterr())
    assert "查无此人" not in said and code in said, said
    ws["B3"] = "#N/A"
    wb.save(book)
    status, text = _init(tmp_path, book, capsys)
    assert status == 1 and "Excel 的错误值“#N/A”" in text and "几个姓名" not in text, text
    locked = tmp_path / "locked.xlsx"
    locked.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504)
    status, text = _init(tmp_path, locked, capsys)
    assert status == 1 and "设了打开密码" in text, text


def test_a_candidate_given_by_name_alone_who_is_on_the_roster() -> None:
    """A candidate list pasted from a published one gives names, no codes: a name on the
    roster is pointed out (the code links them), and that person cannot be made a
    scrutineer of the contest by code while standing in it by name."""
    from huanjie_desktop.domain.definition import validate_definition
    from tests.defs import small_definition

    d = small_definition()
    contest = d["contests"][0]
    first = contest["candidates"][0]
    person = first.pop("person")
    first["name"] = next(p["name"] for p in d["people"] if p["code"] == person)
    notes = [p for p in validate_definition(d).problems if p.code == "candidate_on_roster"]
    assert len(notes) == 1 and notes[0].warning and person in notes[0].message_zh
    contest["officials"] = [{"person": person, "role": "scrutineer"}]
    errors = [p.code for p in validate_definition(d).problems if not p.warning]
    assert "scrutineer_is_candidate" in errors, errors


def test_a_scrutineer_must_have_the_vote(tmp_path: Path) -> None:
    """rules.md: scrutineers are chosen among the voters — one without the vote (a
    probationary member) was accepted, in the definition and on the contests page."""
    from huanjie_desktop.app.prepare import set_official
    from huanjie_desktop.domain.definition import DefinitionRefused, validate_definition
    from huanjie_desktop.domain.model import OfficialRole
    from huanjie_desktop.storage.db import open_election_file
    from tests.defs import small_definition
    from tests.sheet_rows import make_election

    d = small_definition()
    free = [p["code"] for p in d["people"]][-1]
    d["people"][-1]["has_vote"] = False
    d["contests"][0]["officials"] = [{"person": free, "role": "scrutineer"}]
    errors = [p for p in validate_definition(d).problems if not p.warning]
    assert [p.code for p in errors] == ["scrutineer_without_vote"], errors
    d["contests"][0]["officials"] = [{"person": free, "role": "counter"}]  # (a counter may)
    assert not [p for p in validate_definition(d).problems if not p.warning]
    path = make_election(tmp_path / "s.huanjie", d)
    with open_election_file(path, "测试员") as db:
        with pytest.raises(DefinitionRefused) as e:
            set_official(db, "WY", free, OfficialRole.CHIEF_SCRUTINEER)
        assert "无选举权" in e.value.problems[0].message_zh


def test_one_name_written_two_ways_on_the_roster_is_pointed_out() -> None:
    """阿力·马木提 and 阿力.马木提 are one name (no warning before); 王丽（女）（满族） is 王丽
    with two notes (the first note stayed in the name)."""
    from huanjie_desktop.domain.definition import strip_annotation, validate_definition
    from tests.defs import small_definition

    assert strip_annotation("王丽（女）（满族）") == ("王丽", "（女）（满族）")
    d = small_definition()
    d["people"][0]["name"] = "阿力·马木提"
    d["people"][1]["name"] = "阿力.马木提"
    for k in d["contests"][0]["candidates"]:
        k.pop("name", None)
    warned = [p for p in validate_definition(d).problems if p.code == "same_name" and p.warning]
    assert len(warned) == 1, validate_definition(d).problems


def test_a_person_code_in_lower_case_on_the_candidates_sheet() -> None:
    """p0002 typed for P0002 (check-in takes either): it was refused as not on the roster."""
    from huanjie_desktop.domain.definition import validate_definition
    from tests.defs import small_definition

    d = small_definition()
    first = d["contests"][0]["candidates"][0]
    first["person"] = first["person"].lower()
    result = validate_definition(d)
    assert [p for p in result.problems if not p.warning] == []
    assert result.definition is not None
    assert result.definition.contests[0].candidates[0].person == first["person"].upper()


def test_a_two_level_header_as_excel_merges_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The other headers merged down over both rows, as Excel makes a two-level header: their
    copies in the second row made it a row of data ("性别应为男或女，这里是“性别”")."""
    book, wb, ws = _example_roster(tmp_path)
    ws.insert_rows(2)
    for col in "ABCDEFGHKLMN":
        ws[f"{col}2"] = None
        ws.merge_cells(f"{col}1:{col}2")
    ws["I1"], ws["I2"], ws["J2"] = "时间", "入党", "参加工作"
    ws.merge_cells("I1:J1")
    wb.save(book)
    code, text = _init(tmp_path, book, capsys)
    assert code == 0, text
    people = _people(tmp_path)
    assert len(people) == 12 and all(p[6] for p in people)


def test_names_alike_but_for_their_form_are_the_same_name_on_a_ballot() -> None:
    """Two candidates whose names or notes differ only in a bracket's width, the kind of dot
    or a compatibility form of a character printed alike and got through."""
    from huanjie_desktop.domain.definition import validate_definition
    from tests.defs import small_definition

    for first, second in [
        ("王伟（女）", "王伟(女)"),
        ("艾力·买买提", "艾力•买买提"),
        ("金正", "\uf90a正"),
    ]:
        d = small_definition()
        d["contests"][0]["candidates"] += [
            {"code": "c98", "name": first},
            {"code": "c99", "name": second},
        ]
        problems = [p.code for p in validate_definition(d).problems if not p.warning]
        assert problems == ["same_name"], (first, second, problems)


def test_digits_and_radical_symbols_in_a_name_are_named() -> None:
    """王伟1 / 王伟2 (telling two people apart by a number) and ⻢ (U+2EE2, a radical symbol
    from a PDF's text) were taken — or refused as "cannot be printed"."""
    from huanjie_desktop.domain.definition import validate_definition
    from tests.defs import small_definition

    d = small_definition()
    d["contests"][0]["candidates"] += [
        {"code": "c97", "name": "王伟1"},
        {"code": "c98", "name": "⻢兴瑞"},
        {"code": "c99", "name": "⾦正"},
    ]
    errors = [p for p in validate_definition(d).problems if not p.warning]
    assert [p.code for p in errors] == ["digits", "radical", "radical"], errors
    assert "备注" in errors[0].message_zh
    assert "请改为“马”" in errors[1].message_zh and "请改为“金”" in errors[2].message_zh


def test_what_is_no_name_in_a_name_cell_is_refused_by_row() -> None:
    """A gender pasted after a name ('王伟 男' became '王伟男' on the ballot), a punctuation
    mark ('周杰，'), a placeholder for an untypeable character ('李○'), a list's numbered
    heading, a name cell holding a note alone (the roster row vanished without a word)."""
    from huanjie_desktop.domain.definition import validate_definition
    from tests.defs import small_definition

    d = small_definition()
    d["contests"][0]["candidates"] += [
        {"code": "c94", "name": "王伟\t男"},
        {"code": "c95", "name": "周杰，"},
        {"code": "c96", "name": "李○"},
        {"code": "c97", "name": "二、农村党支部"},
        {"code": "c98", "name": "次仁 卓玛"},
        {"code": "c99", "name": "欧阳　明"},  # (one name: a compound surname apart)
    ]
    d["people"][3]["name"] = "（女）"
    errors = [p for p in validate_definition(d).problems if not p.warning]
    codes = {p.where: p.code for p in errors}
    assert codes == {
        "$.people[3].name": "missing",
        "$.contests[0].candidates[5].name": "name_with_word",
        "$.contests[0].candidates[6].name": "punctuation",
        "$.contests[0].candidates[7].name": "placeholder",
        "$.contests[0].candidates[8].name": "heading",
        "$.contests[0].candidates[9].name": "several_names",
    }, errors
    by = {p.code: p.message_zh for p in errors}
    assert "性别" in by["name_with_word"] and "王伟（男）" in by["name_with_word"]
    assert "只有备注“（女）”" in by["missing"]
    assert "次仁·卓玛" in by["several_names"]
    # padded as a Word roster lines names up, the word after it a full-width space apart: the
    # name is 刘强 (the advice said to write '刘（回族）'), 王伟 — never 王伟男
    d = small_definition()
    d["contests"][0]["candidates"] += [
        {"code": "c98", "name": "刘　强　回族"},
        {"code": "c99", "name": "王　伟　男"},
        {"code": "c97", "name": "书　记"},
        {"code": "c96", "name": "北京市（六十名）"},
    ]
    errors = [p for p in validate_definition(d).problems if not p.warning]
    assert [p.code for p in errors] == ["name_with_word", "name_with_word", "heading", "heading"]
    assert "写成备注“刘强（回族）”" in errors[0].message_zh
    assert "写成备注“王伟（男）”" in errors[1].message_zh


def test_one_person_twice_on_the_roster_is_refused() -> None:
    """Two rows with one ID number (the same person typed twice, or a number copied down):
    应到, the quorum and the threshold's base were one too many."""
    from huanjie_desktop.domain.definition import validate_definition
    from tests.defs import small_definition

    d = small_definition()
    d["people"][5]["id_number"] = d["people"][2]["id_number"]
    d["people"][5]["gender"], d["people"][5]["birth"] = (
        d["people"][2]["gender"],
        d["people"][2].get("birth", ""),
    )
    errors = [p for p in validate_definition(d).problems if not p.warning]
    assert [(p.where, p.code) for p in errors] == [("$.people[5].id_number", "duplicate_id")]
    assert d["people"][2]["code"] in errors[0].message_zh


def test_a_note_in_the_name_cell_and_another_in_the_note_column() -> None:
    """Both written: the ballot prints the note column's; that is said, not done silently."""
    from huanjie_desktop.domain.definition import validate_definition
    from tests.defs import small_definition

    d = small_definition()
    d["contests"][0]["candidates"].append(
        {"code": "c99", "name": "周天（女）", "annotation": "满族"}
    )
    result = validate_definition(d)
    (warning,) = [p for p in result.problems if p.code == "two_notes"]
    assert "满族" in warning.message_zh and "（女）" in warning.message_zh
    assert result.definition is not None
    (cand,) = [k for k in result.definition.contests[0].candidates if k.code == "c99"]
    assert (cand.name, cand.annotation) == ("周天", "满族")


def test_a_plenary_contest_in_a_congress_file_is_pointed_out() -> None:
    """书记 in the congress's own file: counted over every delegate (应到 20, half 11), by
    the congress's quorum — the new committee elects its secretary, in a file of its own."""
    from huanjie_desktop.domain.definition import validate_definition
    from tests.defs import small_definition

    d = small_definition()
    d["contests"].append(
        {
            "code": "SJ",
            "title": "中国共产党测试区第一届委员会书记",
            "kind": "secretary",
            "seats": 1,
            "candidates": [{"code": "c01", "person": d["people"][0]["code"]}],
        }
    )
    found = [p for p in validate_definition(d).problems if p.code == "plenary_in_congress"]
    assert len(found) == 1 and found[0].warning and "--plenary-of" in found[0].message_zh
    d["contests"] = d["contests"][1:]  # (the plenary's own file: nothing to say)
    assert not [p for p in validate_definition(d).problems if p.code == "plenary_in_congress"]


def test_a_members_assembly_electing_its_secretary_is_told_the_quorum_differs() -> None:
    """A basic-level 党员大会 electing 委员 and 书记 in one file: 8 of 11 present voided the
    委员 vote (more than 4/5 needed) while the 书记 vote, by default more than 2/3, stood and
    elected — without a word."""
    from huanjie_desktop.domain.definition import validate_definition
    from tests.sheet_rows import definition

    secretary = {
        "code": "SJ",
        "title": "中共天元区某支部书记",
        "kind": "secretary",
        "seats": 1,
        "candidates": [{"code": "c01", "person": "P01"}],
    }
    d = definition(level="basic", extra_contests=[secretary])
    v = validate_definition(d)
    assert v.definition is not None, [p.message("en") for p in v.problems]
    found = [p for p in v.problems if p.code == "secretary_quorum_in_assembly"]
    assert len(found) == 1 and found[0].warning, [p.code for p in v.problems]
    assert "超过五分之四" in found[0].message_zh and "委员会自己的选举文件" in found[0].message_zh
    assert "4/5" in found[0].message_en and "committee's own file" in found[0].message_en
    # the assembly elects the secretary by its own quorum: nothing to say
    d["contests"][1]["quorum_rule"] = "four_fifths"
    assert not [p for p in validate_definition(d).problems if p.code.startswith("secretary_q")]
    # the committee's own file (only its secretary): nothing to say
    d = definition(level="basic", extra_contests=[secretary])
    d["contests"] = d["contests"][1:]
    assert not [p for p in validate_definition(d).problems if p.code.startswith("secretary_q")]


def test_a_list_in_two_blocks_side_by_side_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A roster laid out in two blocks (编号 姓名 … | 编号 姓名 …): the right block was lost
    without a word (a note even called its columns "not the template's")."""
    book, wb, ws = _example_roster(tmp_path)
    width = ws.max_column
    rows = list(ws.iter_rows(values_only=True))
    for r, row in enumerate(rows, start=1):  # the header again, right of the first block
        if r == 1 or r > 7:
            for j, v in enumerate(row, start=width + 2):
                ws.cell(r if r == 1 else r - 6, j, v)
    for r in range(8, len(rows) + 1):
        for j in range(1, width + 1):
            ws.cell(r, j).value = None
    wb.save(book)
    code, text = _init(tmp_path, book, capsys)
    assert code == 1 and not (tmp_path / "e.huanjie").exists(), text
    assert "工作表“代表名单” A列、" in text and "左右两栏" in text, text
    assert "不是模板中的列" not in text, text
    # ... and its right block without a header row of its own: refused too (init said
    # nothing, and seven of twelve people made the roster)
    for j in range(width + 2, 2 * width + 2):
        ws.cell(1, j).value = None
    wb.save(book)
    code, text = _init(tmp_path, book, capsys)
    assert code == 1 and not (tmp_path / "e.huanjie").exists(), text
    assert "有内容却没有表头" in text and "左右两栏" in text, text


def test_the_templates_vote_column_before_a_political_status_one(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """政治面貌 left of 有选举权: the leftmost won, a member without the vote (有选举权 否,
    under 留党察看) was given it and counted among those expected."""
    book, wb, ws = _example_roster(tmp_path)
    code, text = _init(tmp_path, book, capsys)
    without = [p[5] for p in _people(tmp_path)].count(0)
    header = [c.value for c in ws[1]]
    vote = header.index("有选举权") + 1
    ws.insert_cols(vote)
    ws.cell(1, vote, "政治面貌")
    for r in range(2, 14):
        ws.cell(r, vote, "中共党员")
    assert ws.cell(6, vote + 1).value == "是"
    ws.cell(6, vote + 1, "否")
    wb.save(book)
    code, text = _init(tmp_path, book, capsys)
    assert code == 0, text
    assert [p[5] for p in _people(tmp_path)].count(0) == without + 1
    assert "“有选举权”按" in text and "请核对两列是否一致" in text, text


def test_header_words_are_no_names(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """'姓名' and '候选人预备人选名单' pasted with the candidates became candidates (and met
    the 差额 margin); sort-names printed them as names."""
    from huanjie_desktop.domain.definition import validate_definition
    from tests.defs import small_definition

    d = small_definition()
    d["contests"][0]["candidates"] += [
        {"code": "c98", "name": "姓名"},
        {"code": "c99", "name": "候选人预备人选名单"},
    ]
    errors = [p for p in validate_definition(d).problems if not p.warning]
    assert [(p.code, "表头" in p.message_zh) for p in errors] == [("heading", True)] * 2, errors
    names = tmp_path / "n.txt"
    names.write_text("姓名\n王芳\n李娜\n代表名单\n", encoding="utf-8")
    assert main(["sort-names", str(names)]) == 0
    out, err = capsys.readouterr()
    assert out.split() == ["王芳", "李娜"] and "姓名" in err and "代表名单" in err


def test_a_dash_typed_for_the_dot_of_a_name_is_explained() -> None:
    from huanjie_desktop.domain.definition import validate_definition
    from tests.defs import small_definition

    d = small_definition()
    d["contests"][0]["candidates"] += [
        {"code": "c97", "name": "艾尔肯—吐尼亚孜"},
        {"code": "c98", "name": "买买提-吐尔逊"},
    ]
    errors = [p for p in validate_definition(d).problems if not p.warning]
    assert [p.code for p in errors] == ["punctuation"] * 2, errors
    assert "艾尔肯·吐尼亚孜" in errors[0].message_zh and "买买提·吐尔逊" in errors[1].message_zh


def test_two_sheets_named_alike_and_a_hidden_roster(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """'代表名单' and an older '代表名单 ' after it: the later one was read alone, without a
    word. A hidden 代表名单 (an old copy) read while the clerk worked on a visible one."""
    book, wb, ws = _example_roster(tmp_path)
    old = wb.copy_worksheet(ws)
    old.title = "代表名单 "
    old.delete_rows(6, 8)
    wb.save(book)
    code, text = _init(tmp_path, book, capsys)
    assert code == 1 and "有两张名为“代表名单”的工作表" in text, text
    del wb["代表名单 "]
    copy = wb.copy_worksheet(ws)
    copy.title = "代表名单 (2)"
    ws.sheet_state = "hidden"
    wb.save(book)
    code, text = _init(tmp_path, book, capsys)
    assert code == 0 and "这张工作表是隐藏的" in text and "“代表名单 (2)”" in text, text


def test_contest_codes_on_the_candidates_sheet_as_typed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Full-width ＤＢ matched no contest ("选举事项“ＤＢ”不存在", looking like DB); an empty
    cell said "选举事项“”不存在"."""
    book, wb, _ = _example_roster(tmp_path)
    cands = wb["候选人"]
    cands["A2"] = "ＤＢ"
    wb.save(book)
    code, text = _init(tmp_path, book, capsys)
    assert code == 0, text
    cands["A3"] = None
    wb.save(book)
    code, text = _init(tmp_path, book, capsys)
    assert code == 1 and "第3行" in text and "没有填写选举事项编号" in text, text


def test_a_roster_only_workbook_imports_into_a_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """从 Excel 导入 the roster the organisation department sends — one sheet, 代表名单 or
    'Sheet1' — was refused for the election's other sheets, which it never uses."""
    from openpyxl import Workbook

    from huanjie_desktop.app import prepare
    from huanjie_desktop.domain.definition import DefinitionRefused
    from huanjie_desktop.storage import repo
    from huanjie_desktop.storage.db import open_election_file

    book, _wb, ws = _example_roster(tmp_path)
    code, text = _init(tmp_path, book, capsys)
    assert code == 0, text
    header = [c.value for c in ws[1]]
    for title in ("代表名单", "Sheet1"):
        only = Workbook()
        sheet = only.active
        sheet.title = title
        sheet.append(header)
        row = [c.value for c in ws[2]]
        pcode = "N0001" if title == "代表名单" else "N0002"
        row[0], row[1], row[header.index("身份证号码")] = pcode, "王芳", None
        sheet.append(row)
        path = tmp_path / f"{title}.xlsx"
        only.save(path)
        with open_election_file(tmp_path / "e.huanjie", "测试员") as db:
            summary = prepare.import_roster(db, path)
            assert summary.added == 1, summary
            assert any(p.code == pcode for p in repo.read_people(db))
            said = [w.code for w in summary.warnings]
            assert ("sheet_as_roster" in said) == (title == "Sheet1"), said
    # a row's problem names the sheet as the workbook does ('Sheet1', not 代表名单)
    sheet.append([*row[:2], "未知", *row[3:]])
    sheet.cell(3, 1, "N0003")
    only.save(path)
    with (
        open_election_file(tmp_path / "e.huanjie", "测试员") as db,
        pytest.raises(DefinitionRefused) as refused,
    ):
        prepare.import_roster(db, path)
    wheres = [p.where for p in refused.value.problems if not p.warning]
    assert wheres and all("工作表“Sheet1” 第3行" in w for w in wheres), wheres


def test_a_candidate_renamed_on_the_roster_takes_its_stroke_place(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """张天凯 corrected to 丁天凯 on the roster kept his third place on the ballot, though 丁
    goes first; a name moved by hand stays where it was put."""
    from huanjie_desktop.app import prepare
    from huanjie_desktop.storage import repo
    from huanjie_desktop.storage.db import open_election_file

    book, wb, ws = _example_roster(tmp_path)
    code, text = _init(tmp_path, book, capsys)
    assert code == 0, text
    with open_election_file(tmp_path / "e.huanjie", "测试员") as db:
        before = repo.read_round(db, "DB", 1)
        assert before is not None
        last = before.candidates[-1]
        renamed = "丁" + last.name[1:]
        for row in ws.iter_rows(min_row=2):
            if row[0].value == last.person:
                row[1].value = renamed
        wb.save(book)
        prepare.import_roster(db, book)
        after = repo.read_round(db, "DB", 1)
        assert after is not None and after.candidates[0].name == renamed
        assert [k.code for k in after.candidates[1:]] == [k.code for k in before.candidates[:-1]]
        events = db.con.execute(
            "SELECT count(*) FROM audit WHERE event = 'candidate.order_renamed'"
        ).fetchone()
        assert tuple(events) == (1,)


def test_a_printed_text_the_fonts_cannot_print_is_named_by_sheet_row_and_column(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The election's name, a unit's, a contest's title, a candidate's note and a workplace
    with a character neither shipped font has (𠮷, 㼆) printed blank; each is refused where
    it stands in the workbook, as a name is."""
    book, wb, ws = _example_roster(tmp_path)
    wb["选举"]["B1"] = "中国共产党𠮷安县群丰镇党员大会"
    wb["选举单位"]["B2"] = "㼆祥镇"
    wb["选举事项"]["B2"] = "出席中国共产党𠮷安县第六次代表大会代表"
    wb["候选人"]["E3"] = "㼆祥镇党委书记"
    ws["K4"] = "𠮷祥镇人民政府"
    wb.save(book)
    capsys.readouterr()
    assert main(["init", str(tmp_path / "e.huanjie"), "--from", str(book)]) == 1
    err = capsys.readouterr().err
    for where, field in (
        ("工作表“选举” 第1行", "选举名称"),
        ("工作表“选举单位” 第2行 “名称”列", "选举单位名称"),
        ("工作表“选举事项” 第2行 “名称”列", "选举事项名称"),
        ("工作表“候选人” 第3行 “备注”列", "备注"),
        ("工作表“代表名单” 第4行 “工作单位及职务”列", "工作单位及职务"),
    ):
        line = next((x for x in err.splitlines() if where in x and "无法用随附字体打印" in x), "")
        assert f"{field}“" in line, (where, err)
    assert not (tmp_path / "e.huanjie").exists()


@pytest.mark.parametrize(
    ("header", "yes", "no"),
    [("有无选举权", "有", "无"), ("是否有表决权", "是", "否"), ("表决权", "有", "无")],
)
def test_a_vote_column_headed_otherwise_gives_the_vote(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], header: str, yes: str, no: str
) -> None:
    """A 有选举权 column headed 有无选举权 or 是否有表决权 was left out with the generic "not a
    template column" note, and everyone counted in 应到."""
    book, wb, ws = _example_roster(tmp_path)
    ws["N1"] = header
    for r in range(2, 14):
        ws[f"N{r}"] = no if r in (4, 9) else yes
    wb.save(book)
    code, text = _init(tmp_path, book, capsys)
    assert code == 0, text
    assert "不是模板中的列" not in text and "有选举权”列" not in text, text
    assert [p[5] for p in _people(tmp_path)].count(0) == 2


def test_a_roster_without_a_vote_column_says_everyone_is_counted(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """No 有选举权 column (or one left empty): every row read as having the vote, 应到 all of
    them, and not a word said. Now a warning names the consequence."""
    book, wb, ws = _example_roster(tmp_path)
    ws.delete_cols(14)
    wb.save(book)
    code, text = _init(tmp_path, book, capsys)
    assert code == 0, text
    assert "名单没有“有选举权”列：全部 12 人都按有选举权计算，计入应到人数（应到 12 人）" in text
    assert [p[5] for p in _people(tmp_path)].count(1) == 12
    book.unlink()
    book, wb, ws = _example_roster(tmp_path)
    for r in range(2, 14):
        ws[f"N{r}"] = None
    wb.save(book)
    code, text = _init(tmp_path, book, capsys)
    assert code == 0, text
    assert "“有选举权”列（N列）全是空的：全部 12 人都按有选举权计算" in text, text
    book.unlink()
    book, wb, ws = _example_roster(tmp_path)
    code, text = _init(tmp_path, book, capsys)
    assert code == 0 and "按有选举权计算" not in text, text


def test_a_blank_vote_on_a_row_that_attends_without_it_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A 列席代表 row with 有选举权 left blank was counted as a voter: 应到 12, not 11 (the
    quorum and a threshold on 应到 raised). Refused: only the roster's keeper knows which
    is right. 否 is taken; 是 is taken with a warning (the two disagree); a 特邀代表 holds
    the vote (invited delegates have the same rights), blank is 是 for them as for anyone."""
    book, wb, ws = _example_roster(tmp_path)
    for col, value in zip(
        "ABCDELM", ["M0013", "列席甲", "男", "汉族", "1980-01", "列席代表", "U09"], strict=True
    ):
        ws[f"{col}14"] = value
    wb.save(book)
    code, text = _init(tmp_path, book, capsys)
    assert code != 0, text
    assert "第14行" in text and "代表类别是“列席代表”（列席，没有选举权），“有选举权”却空着" in text
    assert not (tmp_path / "e.huanjie").exists()
    ws["N14"] = "否"
    wb.save(book)
    code, text = _init(tmp_path, book, capsys)
    assert code == 0 and "列席" not in text, text
    assert ("M0013", 0) in [(p[0], p[5]) for p in _people(tmp_path)]
    ws["N14"] = "是"
    wb.save(book)
    code, text = _init(tmp_path, book, capsys)
    assert code == 0, text
    assert "代表类别是“列席代表”（列席，没有选举权），“有选举权”却是“是”：此人计入应到人数" in text
    ws["N14"], ws["L14"] = None, "特邀代表"
    wb.save(book)
    code, text = _init(tmp_path, book, capsys)
    assert code == 0 and "列席" not in text, text
    assert ("M0013", 1) in [(p[0], p[5]) for p in _people(tmp_path)]
    # (no 有选举权 column at all: the same)
    book.unlink()
    book, wb, ws = _example_roster(tmp_path)
    ws.delete_cols(14)
    ws["L9"] = "列席人员"
    wb.save(book)
    code, text = _init(tmp_path, book, capsys)
    assert code != 0 and "第9行" in text and "“有选举权”却空着（或名单没有这一列）" in text, text


# --- codes Excel keeps as numbers (编号 0001 typed into a number cell) -----------------------


def test_codes_kept_as_numbers_are_read_as_excel_shows_them(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """编号 kept as numbers formatted 0000 / "M"0000 (Excel shows 0001, M0002): read as
    1, 2…, the candidates' 0001 was 'not on the roster' and 'missing a name' too."""
    book, wb, ws = _example_roster(tmp_path)
    for r in range(2, 14):
        ws.cell(r, 1).value = r - 1
        ws.cell(r, 1).number_format = "0000" if r == 2 else '"M"0000'
    wb["候选人"]["D2"] = "0001"
    wb.save(book)
    code, text = _init(tmp_path, book, capsys)
    assert code == 0, text
    codes = [p[0] for p in _people(tmp_path)]
    assert codes == ["0001"] + [f"M{i:04d}" for i in range(2, 13)], codes


def test_codes_differing_only_in_leading_zeros_are_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """1, 01 and 0001 on one roster were three people; one to whoever reads them out."""
    book, wb, ws = _example_roster(tmp_path)
    ws["A2"], ws["A3"], ws["A4"] = 1, "01", "0001"
    wb["候选人"]["D2"], wb["候选人"]["D3"], wb["候选人"]["D4"] = 1, "01", "0001"
    wb.save(book)
    code, text = _init(tmp_path, book, capsys)
    assert code != 0
    assert "工作表“代表名单” 第3行 “编号”列" in text and "“01”与“1”只差前面的 0" in text, text
    assert "工作表“代表名单” 第4行 “编号”列" in text and "“0001”与“1”只差前面的 0" in text, text
    assert not (tmp_path / "e.huanjie").exists()


def test_a_candidates_code_with_other_leading_zeros_names_the_rosters() -> None:
    """The roster's 0001 made the number 1 by Excel, the candidates sheet's typed as text:
    'not on the roster' while the sheet shows 0001 — and 'missing a name' besides."""
    from huanjie_desktop.domain.definition import validate_definition

    data = {
        "election": {"name": "测试", "date": "2026-05-20", "level": "township"},
        "units": [],
        "people": [
            {"code": "1", "name": "张军锋"},
            {"code": "2", "name": "李娜"},
            {"code": "3", "name": "王伟"},
        ],
        "contests": [
            {
                "code": "DB",
                "title": "代表",
                "kind": "delegate",
                "method": "competitive",
                "seats": 1,
                "candidates": [{"code": "c01", "person": "0001"}, {"code": "c02", "person": "2"}],
                "officials": [{"person": "03", "role": "scrutineer"}],
            }
        ],
    }
    problems = validate_definition(data).problems
    cand = [p for p in problems if p.where.startswith("$.contests[0].candidates[0]")]
    assert [p.code for p in cand] == ["unknown_person"], cand
    assert "名单中有“1”，只差前面的 0" in cand[0].message_zh
    official = [p for p in problems if p.where.startswith("$.contests[0].officials[0]")]
    assert [p.code for p in official] == ["unknown_person"], official
    assert "名单中有“3”" in official[0].message_zh


@pytest.mark.parametrize(
    "total", ["合计", "合　　计", "总计", "小计", "以上共计", "合计人数", "合计12人"]
)
def test_a_totals_row_with_a_filled_down_code_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], total: str
) -> None:
    """The 编号 column filled down by dragging through the list's 合计 row (M0013 beside
    合计, nothing else): it was taken as a thirteenth person with the vote, 应到 (and the
    quorum) raised by one without a word. Without its code, it was told only that the code
    was missing — inviting the clerk to give it one."""
    book, wb, ws = _example_roster(tmp_path)
    ws["A14"], ws["B14"] = "M0013", total
    wb.save(book)
    code, text = _init(tmp_path, book, capsys)
    assert code == 1, text
    assert "定义中有 1 处错误" in text, text
    assert "工作表“代表名单” 第14行" in text and "像是名单的合计行" in text, text
    ws["A14"] = None
    wb.save(book)
    code, text = _init(tmp_path, book, capsys)
    assert code == 1 and "定义中有 1 处错误" in text, text
    assert "第14行" in text and "像是名单的合计行" in text and "缺少“编号”" not in text, text


@pytest.mark.parametrize("placeholder", ["待定", "空缺", "同上", "略", "无"])
def test_a_placeholder_in_the_name_cell_is_no_name(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], placeholder: str
) -> None:
    """'待定' (or 空缺, 同上, 略, 无) in a roster's name cell was a person of that name."""
    book, wb, ws = _example_roster(tmp_path)
    ws["B13"] = placeholder
    wb.save(book)
    code, text = _init(tmp_path, book, capsys)
    assert code == 1, text
    assert f"第13行 “姓名”列: “{placeholder}”不是姓名" in text, text


def test_a_member_status_heading_merged_across_the_roster_is_one_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A roster in sections '正式党员' / '预备党员', each merged across its row: seven errors a
    row (its text a bad gender, birth, code, unit, ID number…), none saying it is a heading."""
    book, wb, ws = _example_roster(tmp_path)
    ws.insert_rows(2)
    ws["A2"] = "正式党员"
    ws.merge_cells(start_row=2, start_column=1, end_row=2, end_column=ws.max_column)
    ws.insert_rows(9)
    ws["A9"] = "预备党员"
    ws.merge_cells(start_row=9, start_column=1, end_row=9, end_column=ws.max_column)
    wb.save(book)
    code, text = _init(tmp_path, book, capsys)
    assert code == 1, text
    assert "定义中有 2 处错误" in text, text
    assert "第2行 “姓名”列: “正式党员”像是名单里的分组标题" in text, text
    assert "第9行 “姓名”列: “预备党员”像是名单里的分组标题" in text, text


def test_han_written_otherwise_is_no_minority(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """'汉族' with a zero-width space (copied from a web page), '汉　族' padded to line up with
    '维吾尔族', '汉 族', '漢族', 'Han': each taken as a minority, printed so on the
    composition table of those elected (5 minorities of 6 where there is 1)."""
    import datetime as dt
    import sqlite3

    from huanjie_desktop.domain.tally import Member, composition

    book, wb, ws = _example_roster(tmp_path)
    written = ["汉族\u200b", "汉　族", "汉 族", "漢族", "Han", "汉", "维吾尔族", "回", "汊族"]
    for r, value in enumerate(written, start=2):
        ws[f"D{r}"] = value
    wb.save(book)
    code, text = _init(tmp_path, book, capsys)
    assert code == 0, text
    # (a value none of the 56 is told on its row, not counted as a minority)
    assert "第10行 “民族”列: 民族“汊族”不是56个民族之一的写法" in text, text
    assert text.count("不是56个民族之一") == 1, text
    con = sqlite3.connect(tmp_path / "e.huanjie")
    try:
        rows = con.execute(
            "select code, name, gender, ethnicity, birth, education from people order by code"
        ).fetchall()
    finally:
        con.close()
    assert [r[3] for r in rows[:9]] == ["汉族"] * 6 + ["维吾尔族", "回族", "汊族"]
    comp = composition([Member(*r[1:]) for r in rows], dt.date(2026, 5, 20))
    assert comp.total == 12 and comp.minorities == 2 and comp.ethnicity_unknown == 1


def _gender_and_workplace(tmp_path: Path) -> dict[str, tuple[Any, ...]]:
    import sqlite3

    con = sqlite3.connect(tmp_path / "e.huanjie")
    try:
        rows = con.execute("select code, gender, workplace, ethnicity from people").fetchall()
        return {r[0]: r[1:] for r in rows}
    finally:
        con.close()


def test_invisible_characters_are_cleaned_from_every_cell(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A list pasted from a web page brings zero-width spaces, a byte-order mark, no-break
    spaces into every column, not the names alone: '女\\u200b', 'M0003\\u200b', 'U09\\u200b'
    were refused, quoted so that the value looked right ("性别应为“男”或“女”，这里是“女”").
    They are cleaned as a name is; what is refused still shows what cannot be seen."""
    book, wb, ws = _example_roster(tmp_path)
    code = str(ws["A4"].value)
    ws["C3"] = "女\u200b"
    ws["A4"] = code + "\u200b"
    ws["M5"] = "\ufeffU09\u200b"
    ws["E6"] = "1970-05\u200b"
    ws["N7"] = "是\u200b"
    ws["K8"] = "群丰镇\u00a0农业站\u2060"
    ws["D9"] = "汉族\u200d"
    wb.save(book)
    status, text = _init(tmp_path, book, capsys)
    assert status == 0, text
    people = {p[0]: p for p in _people(tmp_path)}
    assert code in people and code + "\u200b" not in people, people.keys()
    assert people[str(ws["A5"].value)][4] == "U09"
    assert people[str(ws["A6"].value)][2] == "1970-05"
    assert people[str(ws["A7"].value)][5] == 1
    extra = _gender_and_workplace(tmp_path)
    assert extra[str(ws["A3"].value)][0] == "女"
    assert extra[str(ws["A8"].value)][1] == "群丰镇 农业站"
    assert extra[str(ws["A9"].value)][2] == "汉族"
    # a character still refused is written out, not quoted invisibly
    ws["A10"] = "M00\u202810"
    ws["M11"] = "U\u00859"
    wb.save(book)
    status, text = _init(tmp_path, book, capsys)
    assert status == 1
    assert "编号“M00⟨U+2028⟩10”" in text, text
    assert "选举单位“U⟨U+0085⟩9”" in text, text


def test_dates_as_offices_write_them(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """'1970年5月12日' was refused, quoted as the rewritten '1970-5月12日' (1970.05.12 was
    taken); the text 197005 was refused (the number taken); full-width '１９７０．０５' too.
    A date refused is quoted as typed."""
    book, wb, ws = _example_roster(tmp_path)
    ws["E2"] = "1970年5月12日"
    ws["E3"] = "197005"
    ws["E4"] = "１９７０．０５"
    ws["E5"] = "1970年5月"
    ws["E6"] = "1970年05月12"
    ws["I7"] = "2001 .7"
    wb.save(book)
    status, text = _init(tmp_path, book, capsys)
    assert status == 0, text
    people = _people(tmp_path)
    assert [p[2] for p in people[:5]] == ["1970-05"] * 5, people
    assert people[5][6] == "2001-07", people[5]
    ws["E2"] = "1970年13月"
    ws["E3"] = "1970.02.30"
    wb.save(book)
    status, text = _init(tmp_path, book, capsys)
    assert status == 1
    assert "这里是“1970年13月”" in text and "这里是“1970.02.30”" in text, text


def test_dots_typed_for_a_names_dot(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """。 (the '.' key in a Chinese input method), ﹒, ⸱, ｡ and ․ between a name's parts were
    refused "删去标点" — done so, 阿依古丽买买提 had lost its dot; doubled dots ('··',
    '·・') were taken and printed doubled. They are the name's one middle dot; a mark that
    is no dot at all (°) is refused with the advice to use ·."""
    book, wb, ws = _example_roster(tmp_path)
    typed = {
        2: "阿依古丽。买买提",
        3: "买买提·・艾力",
        4: "艾力··买买提",
        5: "阿依古丽﹒吐尔逊",
        6: "吐尔逊⸱买买提",
        7: "古丽｡热依木",
        8: "热依木․艾力",
    }
    for r, name in typed.items():
        ws[f"B{r}"] = name
    wb.save(book)
    status, text = _init(tmp_path, book, capsys)
    assert status == 0, text
    names = {p[0]: p[1] for p in _people(tmp_path)}
    assert [names[str(ws[f"A{r}"].value)] for r in typed] == [
        "阿依古丽·买买提",
        "买买提·艾力",
        "艾力·买买提",
        "阿依古丽·吐尔逊",
        "吐尔逊·买买提",
        "古丽·热依木",
        "热依木·艾力",
    ]
    ws["B5"] = "阿依古丽°吐尔逊"
    wb.save(book)
    status, text = _init(tmp_path, book, capsys)
    assert status == 1 and "间隔号“·”" in text and "如“阿依古丽·吐尔逊”" in text, text


def test_names_a_voter_cannot_tell_apart_in_print(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """俞敏 and 兪敏 — one name in print — stood in one contest without a word; a candidate
    written 劉偉 on the candidates sheet for the roster's 刘伟 was refused "不一致" without
    saying what to do."""
    book, wb, ws = _example_roster(tmp_path)
    ws["B2"] = "俞敏"
    ws["B3"] = "兪敏"
    wb.save(book)
    status, text = _init(tmp_path, book, capsys)
    assert status == 1 and "候选人“俞敏”有 2 位" in text, text
    ws["B3"] = "刘伟"
    cs = wb["候选人"]
    row = next(r for r in range(2, cs.max_row + 1) if cs[f"D{r}"].value == ws["A3"].value)
    cs[f"C{row}"] = "劉偉"
    wb.save(book)
    status, text = _init(tmp_path, book, capsys)
    assert status == 1
    assert "候选人姓名“劉偉”与名单中" in text and "改成名单中的“刘伟”" in text, text
    # (the stored name is never folded: 兪敏 stays 兪敏)
    cs[f"C{row}"] = None
    ws["B3"] = "兪敏"
    ws["B2"] = "张军锋"
    wb.save(book)
    status, text = _init(tmp_path, book, capsys)
    assert status == 0, text
    assert "兪敏" in [p[1] for p in _people(tmp_path)]


def _contest_column(tmp_path: Path, column: str) -> Any:
    import sqlite3

    con = sqlite3.connect(tmp_path / "e.huanjie")
    try:
        return con.execute(f"select {column} from contests where code = 'DB'").fetchone()[0]
    finally:
        con.close()


def test_a_unit_written_on_each_groups_first_row_only_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """代表团 on each group's first row only (what 取消合并单元格 leaves): the file was made
    without a word, everyone below the first row in no unit — the unit's own contest had
    应到 1 (and a quorum with one person checked in). Now refused, naming the column as the
    sheet heads it, the rows and what to do; with no contest elected by unit, a note."""
    book, wb, ws = _example_roster(tmp_path)
    ws["M1"] = "代表团"
    for r in range(3, 14):
        ws[f"M{r}"] = None
    wb.save(book)
    code, text = _init(tmp_path, book, capsys)
    assert code == 1, text
    assert "工作表“代表名单” “代表团”列 第3–13行" in text, text
    assert "这 11 行的“代表团”是空的" in text and "“DB”的应到人数" in text, text
    assert "向下填满" in text and "重新合并" in text, text
    assert not (tmp_path / "e.huanjie").exists()
    # merged again: every row has the unit
    ws.merge_cells("M2:M13")
    wb.save(book)
    code, text = _init(tmp_path, book, capsys)
    assert code == 0, text
    assert {p[4] for p in _people(tmp_path)} == {"U09"}
    # no contest elected by unit: imported, and told
    ws.unmerge_cells("M2:M13")
    wb["选举事项"]["F2"] = None
    wb.save(book)
    code, text = _init(tmp_path, book, capsys)
    assert code == 0, text
    assert "第3–13行" in text and "按不属于任何选举单位导入" in text, text


@pytest.mark.parametrize(
    ("header", "full", "probationary"),
    [
        ("党员类别", "正式党员", "预备党员"),
        ("政治面貌", "正式", "预备"),
        ("政治面貌", "中共正式党员", "中共预备党员"),
        ("党员类别", "中国共产党正式党员", "预备党员"),
    ],
)
def test_a_party_status_column_gives_the_vote(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], header: str, full: str, probationary: str
) -> None:
    """党员类别 (正式党员/预备党员) was left out as not a template column — a probationary
    member counted in 应到; 政治面貌 with 正式/预备 was refused on every row as “有选举权”
    应为 是/否, a column the sheet does not have, the value unnamed."""
    book, wb, ws = _example_roster(tmp_path)
    ws["N1"] = header
    for r in range(2, 14):
        ws[f"N{r}"] = probationary if r in (3, 5) else full
    wb.save(book)
    code, text = _init(tmp_path, book, capsys)
    assert code == 0, text
    assert [p[5] for p in _people(tmp_path)].count(0) == 2
    assert f"N列“{header}”: 没有“有选举权”列，选举权按这一列判断" in text, text
    ws["N6"] = "群众"
    wb.save(book)
    code, text = _init(tmp_path, book, capsys)
    assert code == 1, text
    assert f"第6行 “有选举权”列（表头“{header}”）: “有选举权”应为 是/否，这里是“群众”" in text, text


def test_a_preselection_is_not_a_party_status(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """正式 is a full member in a 政治面貌 column; in the 预选 column it is no 是."""
    book, wb, _ = _example_roster(tmp_path)
    wb["选举事项"]["M2"] = "正式"
    wb.save(book)
    code, text = _init(tmp_path, book, capsys)
    assert code == 1 and "“预选”应为 是/否，这里是“正式”" in text, text


@pytest.mark.parametrize(
    ("value", "rule"),
    [
        ("二分之一", "half"),
        ("超过半数", "half"),
        ("过半", "half"),
        ("超过三分之二", "two_thirds"),
        ("超过五分之四", "four_fifths"),
    ],
)
def test_a_quorum_rule_in_chinese(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], value: str, rule: str
) -> None:
    """到会人数要求 written as a clerk says it was refused with “可选：half、two_thirds、
    four_fifths”."""
    book, wb, _ = _example_roster(tmp_path)
    wb["选举事项"]["J2"] = value
    wb.save(book)
    code, text = _init(tmp_path, book, capsys)
    assert code == 0, text
    assert _contest_column(tmp_path, "quorum_rule") == rule


def test_a_quorum_rule_with_yishang_is_refused_in_chinese(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """2/3以上 includes exactly two thirds; the rules' 超过 does not: refused, the Chinese
    ways of writing the rule named."""
    book, wb, _ = _example_roster(tmp_path)
    wb["选举事项"]["J2"] = "2/3以上"
    wb.save(book)
    code, text = _init(tmp_path, book, capsys)
    assert code == 1, text
    assert "工作表“选举事项” 第2行 “到会人数要求”列" in text, text
    assert "可选：超过半数（half）、超过三分之二（two_thirds）、超过五分之四（four_fifths）" in text
    assert "“以上”包括本数" in text, text
