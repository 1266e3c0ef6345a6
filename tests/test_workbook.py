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
