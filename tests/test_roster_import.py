"""Importing the roster again ("从 Excel 导入…", `prepare.import_roster`) into a file in use:
what a re-sent list must not do silently (real .xlsx files, real election files)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook, load_workbook

from huanjie_desktop.app import prepare
from huanjie_desktop.app.ballots import print_ballots
from huanjie_desktop.app.election import check_in
from huanjie_desktop.cli.main import main
from huanjie_desktop.domain.definition import DefinitionRefused
from huanjie_desktop.domain.model import Person
from huanjie_desktop.storage import repo
from huanjie_desktop.storage.db import open_election_file


def _election(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> tuple[Path, Any]:
    """The template's example made an election file; returns it and the workbook."""
    book = tmp_path / "def.xlsx"
    assert main(["template", str(book), "--example"]) == 0
    assert main(["init", str(tmp_path / "e.huanjie"), "--from", str(book)]) == 0
    capsys.readouterr()
    return tmp_path / "e.huanjie", load_workbook(book)


def _rows(wb: Any) -> tuple[list[Any], list[list[Any]]]:
    ws = wb["代表名单"]
    values = [list(r) for r in ws.iter_rows(values_only=True) if any(v is not None for v in r)]
    return values[0], values[1:]


def _roster(path: Path, header: list[Any], rows: list[list[Any]]) -> Path:
    """A one-sheet roster as an office sends it."""
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "代表名单"
    ws.append(header)
    for r in rows:
        ws.append(r)
    wb.save(path)
    return path


def _people(f: Path) -> dict[str, Person]:
    with open_election_file(f, "测试员") as db:
        return {p.code: p for p in repo.read_people(db)}


def test_a_renumbered_roster_is_refused_naming_the_rows(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """One person inserted at row 3 and 编号 renumbered in list order: imported as 'updated
    10', every check-in, card and candidacy then belonged to someone else, without a word."""
    f, wb = _election(tmp_path, capsys)
    header, rows = _rows(wb)
    with open_election_file(f, "测试员") as db:
        check_in(db, ["M0001", "M0002", "M0003"])
    before = _people(f)
    new = list(rows[0])
    new[1], new[header.index("身份证号码")] = "新来人", "430211199003071228"
    renumbered = [r[:] for r in rows]
    renumbered.insert(2, new)
    for i, r in enumerate(renumbered):
        r[0] = f"M{i + 1:04d}"
    book = _roster(tmp_path / "renumbered.xlsx", header, renumbered)
    with open_election_file(f, "测试员") as db, pytest.raises(DefinitionRefused) as refused:
        prepare.import_roster(db, book)
    moved = [p for p in refused.value.problems if p.code == "identity_moved"]
    errors = [p for p in moved if not p.warning]
    # M0003 (checked in, a candidate) is now the row of M0004: refused on that row
    assert any("第5行" in p.where and "M0003" in p.message_zh for p in errors), errors
    assert all("保留原来的编号" in p.message_zh for p in moved), moved
    assert _people(f) == before  # nothing written

    # the same list keeping the old codes, the new person under a new code: imported
    kept = [r[:] for r in rows] + [[*new[:1], *new[1:]]]
    kept[-1][0] = "M0100"
    book = _roster(tmp_path / "kept.xlsx", header, kept)
    with open_election_file(f, "测试员") as db:
        summary = prepare.import_roster(db, book)
    assert (summary.added, summary.updated) == (1, 0), summary
    assert not [w for w in summary.warnings if w.code == "identity_moved"], summary.warnings


def test_a_renumbering_of_people_in_no_use_is_a_warning(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Two people nobody has checked in, no candidates, no cards: swapped codes are told."""
    f, wb = _election(tmp_path, capsys)
    header, rows = _rows(wb)
    a, b = rows[-1], rows[-2]  # M0012, M0011: no candidates, no officials
    a[0], b[0] = b[0], a[0]
    book = _roster(tmp_path / "swapped.xlsx", header, rows)
    with open_election_file(f, "测试员") as db:
        summary = prepare.import_roster(db, book)
    told = [w for w in summary.warnings if w.code == "identity_moved"]
    assert len(told) == 2, summary.warnings


def test_a_renumbering_of_people_with_printed_cards_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A delegate card printed before the import (its badge number tied to the code) would
    check in whoever the code names after it."""
    from huanjie_desktop.app.ballots import print_badges

    f, wb = _election(tmp_path, capsys)
    header, rows = _rows(wb)
    with open_election_file(f, "测试员") as db:
        print_badges(db, None, tmp_path / "cards.pdf")
    a, b = rows[-1], rows[-2]
    a[0], b[0] = b[0], a[0]
    book = _roster(tmp_path / "swapped.xlsx", header, rows)
    with open_election_file(f, "测试员") as db, pytest.raises(DefinitionRefused) as refused:
        prepare.import_roster(db, book)
    errors = [p for p in refused.value.problems if not p.warning]
    assert len(errors) == 2 and all("代表证已印制" in p.message_zh for p in errors), errors


def test_swapped_id_numbers_corrected_are_told_not_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Two ID numbers typed on each other's rows, corrected: the names stay with their codes
    (a renumbering moves the names too), so it is a note, even for people checked in."""
    f, wb = _election(tmp_path, capsys)
    header, rows = _rows(wb)
    with open_election_file(f, "测试员") as db:
        check_in(db, ["M0001", "M0002"])
    j = header.index("身份证号码")
    rows[0][j], rows[1][j] = rows[1][j], rows[0][j]
    for col in ("性别", "出生年月"):  # (so the numbers agree with the rows they now stand in)
        k = header.index(col)
        rows[0][k], rows[1][k] = rows[1][k], rows[0][k]
    book = _roster(tmp_path / "ids.xlsx", header, rows)
    with open_election_file(f, "测试员") as db:
        summary = prepare.import_roster(db, book)
    assert summary.updated == 2, summary
    assert len([w for w in summary.warnings if w.code == "identity_moved"]) == 2


def test_a_partial_roster_leaves_the_columns_it_lacks(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A list of 编号/姓名/选举单位 only "updated" everyone: ID numbers, sex and birth
    blanked, and the no-vote M0008 given a vote (应到 moved)."""
    f, wb = _election(tmp_path, capsys)
    header, rows = _rows(wb)
    before = _people(f)
    assert not before["M0008"].has_vote
    cols = [header.index(h) for h in ("编号", "姓名", "选举单位")]
    book = _roster(
        tmp_path / "partial.xlsx",
        ["编号", "姓名", "选举单位"],
        [[r[j] for j in cols] for r in rows],
    )
    with open_election_file(f, "测试员") as db:
        summary = prepare.import_roster(db, book)
    assert (summary.updated, summary.unchanged) == (0, 12), summary
    assert _people(f) == before


def test_a_blank_vote_cell_keeps_the_vote_and_changes_are_listed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A blank 有选举权 cell turned 否 into 是 (应到 and 实到 moved after check-in, silently);
    a vote the import does change is listed."""
    f, wb = _election(tmp_path, capsys)
    header, rows = _rows(wb)
    vote = header.index("有选举权")
    m8 = next(r for r in rows if r[0] == "M0008")
    m8[vote] = None
    book = _roster(tmp_path / "blank.xlsx", header, rows)
    with open_election_file(f, "测试员") as db:
        summary = prepare.import_roster(db, book)
    assert not _people(f)["M0008"].has_vote
    assert any(w.code == "vote_blank" and "M0008" in w.message_zh for w in summary.warnings)
    assert summary.votes_changed == ()

    m8[vote] = "是"
    m1 = next(r for r in rows if r[0] == "M0001")
    m1[vote] = "否"
    book = _roster(tmp_path / "changed.xlsx", header, rows)
    with open_election_file(f, "测试员") as db:
        summary = prepare.import_roster(db, book)
    assert summary.votes_changed == ("M0001", "M0008"), summary
    changed = [w for w in summary.warnings if w.code == "vote_changed"]
    assert len(changed) == 2 and "应到" in changed[0].message_zh, changed


def _rename_candidate(wb: Any, tmp_path: Path) -> tuple[Path, str]:
    header, rows = _rows(wb)
    r = next(r for r in rows if r[0] == "M0003")  # candidate c03, 张天凯
    r[1] = "丁天凯"
    return _roster(tmp_path / "renamed.xlsx", header, rows), "M0003"


def test_renaming_a_candidate_on_printed_ballots_needs_a_yes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Renamed by import after the ballots were printed, the round's check code changed and
    every printed sheet was then refused on scanning, without a word."""
    f, wb = _election(tmp_path, capsys)
    book, code = _rename_candidate(wb, tmp_path)
    with open_election_file(f, "测试员") as db:
        print_ballots(db, "DB", 1, 2, tmp_path / "b.pdf")
        with pytest.raises(DefinitionRefused) as refused:
            prepare.import_roster(db, book)
        assert [p.code for p in refused.value.problems if not p.warning] == ["ballots_printed"]
        assert repo.read_person(db, code).name == "张天凯"  # type: ignore[union-attr]
        prepare.import_roster(db, book, printed_ok=True)
        assert repo.read_person(db, code).name == "丁天凯"  # type: ignore[union-attr]


def test_renaming_a_candidate_after_counting_began_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """After a ballot of the contest was counted the rename was still taken (by import and
    by the person dialog), and the ballots still to scan were then all refused."""
    from huanjie_desktop.app import counting

    f, wb = _election(tmp_path, capsys)
    book, code = _rename_candidate(wb, tmp_path)
    with open_election_file(f, "测试员") as db:
        # (a hand-entered ballot counts once two people enter it alike)
        for who in ("甲", "乙"):
            counting.manual_entry(db, "DB", 1, "H-1", {"c01": "agree"}, by=who)
        assert prepare.printed_sheets(db, "DB") == 0  # (no ballot printed: counting alone)
        with pytest.raises(DefinitionRefused) as refused:
            prepare.import_roster(db, book, printed_ok=True)
        assert [p.code for p in refused.value.problems if not p.warning] == ["counting"]
        person = repo.read_person(db, code)
        assert person is not None
        with pytest.raises(DefinitionRefused):
            prepare.save_person(db, Person(**{**person.__dict__, "name": "丁天凯"}), is_new=False)
        assert repo.read_person(db, code) == person


def test_codes_differing_only_in_case_are_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """m0001 beside M0001: two people on the roster, one at the check-in desk (which finds
    codes whatever their case: the later won)."""
    f, wb = _election(tmp_path, capsys)
    header, rows = _rows(wb)
    # the init
    ws = wb["代表名单"]
    ws["A7"] = "m0001"
    wb["监票计票人员"].delete_rows(2, 1)  # (its official was M0006, now m0001)
    book = tmp_path / "case.xlsx"
    wb.save(book)
    assert main(["init", str(tmp_path / "c.huanjie"), "--from", str(book)]) == 1
    assert "只有大小写不同" in capsys.readouterr().err
    # the import
    lower = [r[:] for r in rows]
    for r in lower:
        r[0] = str(r[0]).lower()
    book = _roster(tmp_path / "lower.xlsx", header, lower)
    with open_election_file(f, "测试员") as db, pytest.raises(DefinitionRefused) as refused:
        prepare.import_roster(db, book)
    case = [p for p in refused.value.problems if p.code == "code_case"]
    assert len(case) == 12 and "第2行" in case[0].where, case
    assert "M0001" in case[0].message_zh
    # the person dialog
    with open_election_file(f, "测试员") as db:
        with pytest.raises(DefinitionRefused) as refused:
            prepare.save_person(db, Person("m0002", "王芳"), is_new=True)
        assert any(p.code == "code_case" for p in refused.value.problems)


def _numbered(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    """An election whose codes were typed as text 0001…0005."""
    book = tmp_path / "def.xlsx"
    assert main(["template", str(book), "--example"]) == 0
    wb = load_workbook(book)
    ws = wb["代表名单"]
    for r in range(2, ws.max_row + 1):
        if ws.cell(r, 1).value is not None:
            ws.cell(r, 1).value = f"{r - 1:04d}"
    for sheet, col in (("候选人", 4), ("监票计票人员", 2)):
        for r in range(2, wb[sheet].max_row + 1):
            value = wb[sheet].cell(r, col).value
            if isinstance(value, str) and value.startswith("M"):
                wb[sheet].cell(r, col).value = value[1:]
    wb.save(book)
    assert main(["init", str(tmp_path / "e.huanjie"), "--from", str(book)]) == 0
    capsys.readouterr()
    return tmp_path / "e.huanjie"


def _numeric_list(path: Path, people: dict[str, Person], number_format: str) -> Path:
    """The organisation department's list sent back: 编号 kept as numbers."""
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "Sheet1"
    ws.append(["编号", "姓名", "性别", "选举单位"])
    for p in people.values():
        ws.append([int(p.code), p.name, "女" if p.code == "0002" else p.gender, p.unit])
        ws.cell(ws.max_row, 1).number_format = number_format
    wb.save(path)
    return path


def test_a_list_sent_back_with_codes_as_numbers_updates_its_people(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """编号 kept as numbers formatted 0000 (Excel shows 0001…): read as 1…12, the list was
    'added 12' — 应到 doubled, the quorum with it — and the update was not made."""
    f = _numbered(tmp_path, capsys)
    before = _people(f)
    book = _numeric_list(tmp_path / "back.xlsx", before, "0000")
    with open_election_file(f, "测试员") as db:
        summary = prepare.import_roster(db, book)
    assert (summary.added, summary.updated) == (0, 1), summary
    after = _people(f)
    assert after.keys() == before.keys()
    assert after["0002"].gender == "女"


def test_a_code_with_other_leading_zeros_than_the_files_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The same list with the numbers shown as 1, 2…: refused on each row, naming the
    file's code — not twelve new people, nor namesake notes at '$.people[12].name'."""
    f = _numbered(tmp_path, capsys)
    before = _people(f)
    book = _numeric_list(tmp_path / "back.xlsx", before, "General")
    with open_election_file(f, "测试员") as db, pytest.raises(DefinitionRefused) as refused:
        prepare.import_roster(db, book)
    problems = refused.value.problems
    zeros = [p for p in problems if p.code == "code_zeros"]
    assert len(zeros) == len(before), problems
    assert zeros[0].where == "工作表“Sheet1” 第2行 “编号”列", zeros[0]
    assert "“1”与文件中 张军锋 的编号“0001”只差前面的 0" in zeros[0].message_zh
    assert not [p for p in problems if "$." in p.where], problems
    assert _people(f) == before  # nothing written


def test_codes_alike_but_for_zeros_in_one_list_and_a_namesake_are_told_by_row(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    f = _numbered(tmp_path, capsys)
    book = _roster(
        tmp_path / "new.xlsx",
        ["编号", "姓名", "性别", "有选举权"],
        [["0100", "张军锋", "男", "是"], ["7", "孙七", "男", "是"], ["007", "周八", "男", "是"]],
    )
    with open_election_file(f, "测试员") as db, pytest.raises(DefinitionRefused) as refused:
        prepare.import_roster(db, book)
    problems = refused.value.problems
    # 7 and 007 beside the file's 0007: each told against the file's person
    assert [p.where for p in problems if p.code == "code_zeros"] == [
        "工作表“代表名单” 第3行 “编号”列",
        "工作表“代表名单” 第4行 “编号”列",
    ], problems
    same = [p for p in problems if p.code == "same_name"]
    assert [p.where for p in same] == ["工作表“代表名单” 第2行 “姓名”列"], problems
    assert "选举文件中的 张军锋（0001" in same[0].message_zh
    book = _roster(
        tmp_path / "new2.xlsx",
        ["编号", "姓名", "性别", "有选举权"],
        [["0100", "孙七", "男", "是"], ["100", "周八", "男", "是"]],
    )
    with open_election_file(f, "测试员") as db, pytest.raises(DefinitionRefused) as refused:
        prepare.import_roster(db, book)
    zeros = [p for p in refused.value.problems if p.code == "code_zeros"]
    assert [p.where for p in zeros] == ["工作表“代表名单” 第3行 “编号”列"], refused.value.problems
    assert "工作表“代表名单” 第2行的“0100”" in zeros[0].message_zh
    # the person dialog: a new 7 beside the file's 0007 is refused too
    with open_election_file(f, "测试员") as db:
        with pytest.raises(DefinitionRefused) as refused:
            prepare.save_person(db, Person("7", "孙七"), is_new=True)
        assert any(p.code == "code_zeros" for p in refused.value.problems)


def test_a_roster_pasted_from_a_web_page_updates_the_same_people(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Zero-width spaces pasted with the list into the code, unit and vote columns: the
    import refused 'M0003\\u200b' as a bad code (quoted so it looked right); cleaned, it is
    M0003 updated, no one added; a birth '1970年5月12日' is 1970-05."""
    f, wb = _election(tmp_path, capsys)
    header, rows = _rows(wb)
    rows[2][0] = f"{rows[2][0]}\u200b"
    rows[2][header.index("出生年月")] = "1970年5月12日"
    rows[3][header.index("选举单位")] = "U09\ufeff"
    rows[4][header.index("有选举权")] = "\u200b是"
    book = _roster(tmp_path / "pasted.xlsx", header, rows)
    with open_election_file(f, "测试员") as db:
        summary = prepare.import_roster(db, book)
    assert (summary.added, summary.updated) == (0, 1), summary
    people = _people(f)
    assert people["M0003"].birth == "1970-05"
    assert people["M0004"].unit == "U09" and people["M0005"].has_vote


def test_a_unit_on_each_groups_first_row_only_is_refused_on_reimport(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The roster sent again with 代表团 on its first row only (cells unmerged): imported as
    'updated 11', each of them taken out of U09 — the unit's contest DB then expected one
    person. Now refused, nothing written."""
    f, wb = _election(tmp_path, capsys)
    header, rows = _rows(wb)
    j = header.index("选举单位")
    header[j] = "代表团"
    for r in rows[1:]:
        r[j] = None
    book = _roster(tmp_path / "first_row.xlsx", header, rows)
    before = _people(f)
    with open_election_file(f, "测试员") as db, pytest.raises(DefinitionRefused) as refused:
        prepare.import_roster(db, book)
    errors = [p for p in refused.value.problems if not p.warning]
    assert [p.code for p in errors] == ["unit_blank_below"], errors
    assert "“代表团”列 第3–13行" in errors[0].where and "“DB”" in errors[0].message_zh
    assert _people(f) == before


def test_a_blank_unit_cell_keeps_the_unit_on_reimport(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A blank unit cell erased an existing person's unit without a word (their unit's
    contest then expected one person fewer): the unit is kept, and said so."""
    f, wb = _election(tmp_path, capsys)
    header, rows = _rows(wb)
    rows[0][header.index("选举单位")] = None  # (the first row: no filled cell above it)
    book = _roster(tmp_path / "blank.xlsx", header, rows)
    with open_election_file(f, "测试员") as db:
        summary = prepare.import_roster(db, book)
    assert _people(f)["M0001"].unit == "U09"
    kept = [w for w in summary.warnings if w.code == "unit_kept"]
    assert len(kept) == 1 and "第2行" in kept[0].where and "保留原来的“U09”" in kept[0].message_zh


def _replaced(rows: list[list[Any]], header: list[Any], index: int) -> list[list[Any]]:
    """The roster with another person typed into row ``index`` under its code: a
    replacement delegate (替补) given the departed one's 编号 — their own name, sex, birth
    month and ID number."""
    out = [r[:] for r in rows]
    row = out[index]
    for col, value in (
        ("姓名", "新来人"),
        ("性别", "女"),
        ("出生年月", "1990-03"),
        ("身份证号码", "430211199003071228"),
    ):
        row[header.index(col)] = value
    return out


def test_a_new_person_typed_into_a_checked_in_persons_code_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """吕莉菲 (M0012) checked in; the list re-sent with M0012 now 新来人 (another name,
    another ID number) was imported as 'updated 1': the check-in desk then said 新来人 had
    checked in, 吕莉菲's attendance was gone, the audit entry held only counts. The code is
    in use: refused, naming the row, the code, both people and what to do instead."""
    f, wb = _election(tmp_path, capsys)
    header, rows = _rows(wb)
    with open_election_file(f, "测试员") as db:
        check_in(db, ["M0012"])
    before = _people(f)
    book = _roster(tmp_path / "replaced.xlsx", header, _replaced(rows, header, -1))
    with open_election_file(f, "测试员") as db, pytest.raises(DefinitionRefused) as refused:
        prepare.import_roster(db, book)
    (error,) = [p for p in refused.value.problems if not p.warning]
    assert error.code == "person_replaced" and "第13行" in error.where, error
    zh = error.message_zh
    assert "编号 M0012 在选举文件中是 吕莉菲，这一行却是 新来人" in zh, zh
    assert "吕莉菲（M0012）已报到" in zh and "没有导入" in zh, zh
    assert "请给 新来人 一个新的编号" in zh and "“有选举权”改为否" in zh, zh
    assert "give 新来人 a new code" in error.message_en, error.message_en
    assert _people(f) == before  # nothing written
    capsys.readouterr()
    assert main(["checkin", str(f), "--person", "M0012"]) == 0
    assert "吕莉菲" in capsys.readouterr().out

    # done as told: 吕莉菲 kept (without the vote), 新来人 under a new code — imported
    fixed = [r[:] for r in rows] + [_replaced(rows, header, -1)[-1]]
    fixed[-1][0] = "M0100"
    fixed[-2][header.index("有选举权")] = "否"
    book = _roster(tmp_path / "fixed.xlsx", header, fixed)
    with open_election_file(f, "测试员") as db:
        summary = prepare.import_roster(db, book)
    assert (summary.added, summary.updated) == (1, 1), summary
    assert not [w for w in summary.warnings if w.code == "person_replaced"], summary.warnings
    people = _people(f)
    assert people["M0012"].name == "吕莉菲" and people["M0100"].name == "新来人", people


def test_a_new_person_typed_into_a_code_in_no_use_is_told_and_audited(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Nobody checked in, no candidacy, no card: the code naming another person is
    accepted with a note saying so, and the audit log records whose entry changed (names
    and fields, not the ID numbers). A name corrected under the same ID number is no other
    person: not told."""
    import json

    f, wb = _election(tmp_path, capsys)
    header, rows = _rows(wb)
    replaced = _replaced(rows, header, -1)
    replaced[-2][header.index("姓名")] = "曹晨"  # M0011 曹晨斌's name corrected, same ID number
    book = _roster(tmp_path / "replaced.xlsx", header, replaced)
    with open_election_file(f, "测试员") as db:
        summary = prepare.import_roster(db, book)
    assert summary.updated == 2, summary
    (told,) = [w for w in summary.warnings if w.code == "person_replaced"]
    assert "编号 M0012 在选举文件中是 吕莉菲，这一行却是 新来人" in told.message_zh, told
    assert "请核对" in told.message_zh and "第13行" in told.where, told
    assert _people(f)["M0012"].name == "新来人"
    with open_election_file(f, "测试员") as db:
        (detail,) = [
            json.loads(r[0])
            for r in db.con.execute("SELECT detail FROM audit WHERE event = 'roster.imported'")
        ]
    changed = {c["code"]: c for c in detail["changed"]}
    assert changed["M0012"]["was"] == "吕莉菲" and changed["M0012"]["name"] == "新来人"
    assert changed["M0012"]["fields"] == ["birth", "id_number", "name"], changed
    assert changed["M0011"] == {
        "code": "M0011",
        "name": "曹晨",
        "was": "曹晨斌",
        "fields": ["name"],
    }
    assert "430211199003071228" not in json.dumps(detail)


def test_a_new_person_typed_over_a_checked_in_person_in_the_dialog_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The person dialog ("双击一行修改", `prepare.save_person`) took the replacement
    delegate typed over 吕莉菲 (checked in) without a word: her check-in became his. Refused
    now, saying what to do; for someone in no use, saved with a note, the former name in the
    audit log."""
    import dataclasses
    import json

    f, _ = _election(tmp_path, capsys)
    with open_election_file(f, "测试员") as db:
        check_in(db, ["M0012"])
    before = _people(f)
    for code in ("M0012", "M0011"):
        newcomer = dataclasses.replace(
            before[code],
            name="新来人",
            gender="女",
            birth="1990-03",
            id_number="430211199003071228",
        )
        with open_election_file(f, "测试员") as db:
            if code == "M0012":
                with pytest.raises(DefinitionRefused) as refused:
                    prepare.save_person(db, newcomer, is_new=False)
                (error,) = [p for p in refused.value.problems if not p.warning]
                assert error.code == "person_replaced", error
                assert "吕莉菲（M0012）已报到" in error.message_zh, error
                assert "请把 新来人 作为新代表添加" in error.message_zh, error
            else:
                told = prepare.save_person(db, newcomer, is_new=False)
                assert [w.code for w in told] == ["person_replaced"], told
                (detail,) = [
                    json.loads(r[0])
                    for r in db.con.execute("SELECT detail FROM audit WHERE event = 'person.saved'")
                ]
                assert (detail["name"], detail["was"]) == ("新来人", "曹晨斌"), detail
    people = _people(f)
    assert people["M0012"] == before["M0012"] and people["M0011"].name == "新来人"
