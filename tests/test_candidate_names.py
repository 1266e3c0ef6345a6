"""Every path that sets a candidate's name or note checks it as `huanjie init` does: the
definition, the roster imported from Excel, the roster's person dialog (`save_person`) and
"add a candidate not on the roster" (`add_candidate`). No contest ends up with two
candidates a voter cannot tell apart on the printed ballot, a name field gets the name
checks, and a note typed after a name ('李娜（满族）') is kept apart as the note everywhere.
Real election files, the real workbook export and the ballot as it prints (pdftotext)."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

from huanjie_desktop.app import prepare
from huanjie_desktop.app.ballots import BallotRefused, print_ballots
from huanjie_desktop.app.election import create_from_definition
from huanjie_desktop.domain.definition import (
    DefinitionRefused,
    clean_name,
    validate_definition,
)
from huanjie_desktop.domain.model import Candidate
from huanjie_desktop.reports.fonts import first_unprintable
from huanjie_desktop.storage import prepare_repo, repo
from huanjie_desktop.storage.db import ElectionDB, open_election_file
from tests.ballot_fixtures import pdftotext
from tests.defs import small_definition

# small_definition: candidates c01–c05 are P001 王小明, P002 李娜, P003 张伟, P004 刘洋,
# P005 陈静; P010 吴敏 stands in nothing.


def make_file(tmp_path: Path, data: dict[str, Any] | None = None) -> Path:
    v = validate_definition(data or small_definition(), first_unprintable)
    assert v.definition is not None, v.problems
    path = tmp_path / "e.huanjie"
    create_from_definition(path, v.definition, "测试员")
    return path


def roster_with(db: ElectionDB, tmp_path: Path, names: dict[str, str]) -> Path:
    """The roster exported to Excel, name cells of ``names`` (code → cell) typed over."""
    book = tmp_path / "roster.xlsx"
    prepare.export_workbook(db, book)
    wb = load_workbook(book)
    ws = wb["代表名单"]
    for row in ws.iter_rows(min_row=2):
        if row[0].value in names:
            row[1].value = names[str(row[0].value)]
    wb.save(book)
    return book


def candidates(db: ElectionDB) -> dict[str, tuple[str, str]]:
    """person → (name, note) of the contest's candidates."""
    r = repo.read_round(db, "WY", 1)
    assert r is not None
    return {str(k.person): (k.name, k.annotation) for k in r.candidates}


def ballot_lines(db: ElectionDB, tmp_path: Path) -> list[str]:
    pdf = tmp_path / "preview.pdf"
    prepare.ballot_preview_pdf(db, "WY", None, pdf)
    return [" ".join(line.split()) for line in pdftotext(pdf).splitlines() if line.strip()]


def test_a_roster_import_that_makes_two_candidates_alike_is_refused_on_the_row(
    tmp_path: Path,
) -> None:
    """李娜 (a candidate) renamed 王小明 (another candidate) in the roster's workbook was
    imported with only a "same name" hint, and the ballot printed two 王小明. With a note
    after the name ('王小明（女）') the import took the name and dropped the note — the
    ballot again two bare 王小明, though the note had been checked as if it would print."""
    with open_election_file(make_file(tmp_path), "测试员") as db:
        book = roster_with(db, tmp_path, {"P002": "王小明"})
        with pytest.raises(DefinitionRefused) as e:
            prepare.import_roster(db, book)
        errors = [p for p in e.value.problems if not p.warning]
        assert [p.code for p in errors] == ["same_name"], errors
        assert "第3行" in errors[0].where and "“姓名”列" in errors[0].where, errors[0]
        assert "王小明（P001）" in errors[0].message_zh, errors[0]
        assert "王小明（女）" in errors[0].message_zh, errors[0]  # (what to type)
        assert "“王小明（女）”" in errors[0].message_en, errors[0]
        assert candidates(db)["P002"] == ("李娜", "")  # (nothing written)

        book = roster_with(db, tmp_path, {"P002": "王小明（女）"})
        summary = prepare.import_roster(db, book)
        assert summary.updated == 1, summary
        assert candidates(db)["P002"] == ("王小明", "（女）")
        person = repo.read_person(db, "P002")
        assert person is not None and person.name == "王小明"
        lines = ballot_lines(db, tmp_path)
        assert any("王小明 王小明" in line for line in lines), lines
        assert any(line.startswith("（女）") for line in lines), lines  # (under the 2nd)


def test_a_candidate_renamed_in_the_person_dialog_to_another_candidates_name_is_refused(
    tmp_path: Path,
) -> None:
    """The person dialog took 李娜 → 王小明 with only "someone else has the same name": the
    contest's own refusal was filtered out as not the person's. It is said on the name,
    with what to type; typed so, the note goes to the candidate, not into the name."""
    with open_election_file(make_file(tmp_path), "测试员") as db:
        p = repo.read_person(db, "P002")
        assert p is not None
        with pytest.raises(DefinitionRefused) as e:
            prepare.save_person(db, dataclasses.replace(p, name="王小明"), is_new=False)
        errors = [q for q in e.value.problems if not q.warning]
        assert [(q.where, q.code) for q in errors] == [("$.people[0].name", "same_name")]
        assert "王小明（P001）" in errors[0].message_zh and "括号" in errors[0].message_zh
        assert candidates(db)["P002"] == ("李娜", "")

        typed = clean_name("王小明 （女）")
        prepare.save_person(db, dataclasses.replace(p, name=typed), is_new=False)
        assert candidates(db)["P002"] == ("王小明", "（女）")
        saved = repo.read_person(db, "P002")
        assert saved is not None and saved.name == "王小明"


def test_notes_alike_but_for_brackets_or_spaces_do_not_tell_namesakes_apart(
    tmp_path: Path,
) -> None:
    """Two 王小明 noted '女' and '（女）' passed: the symbol ballot prints 女 / （女）, the
    column ballot '王小明（女）' twice. So did '（女 ）' beside '（女）'."""
    for first, second in [("女", "（女）"), ("（女 ）", "(女)"), (" 女", "【女】")]:
        d = small_definition()
        cands = d["contests"][0]["candidates"]
        cands[0]["annotation"] = first
        cands.append({"code": "c99", "name": "王小明", "annotation": second})
        codes = [p.code for p in validate_definition(d).problems if not p.warning]
        assert codes == ["same_name"], (first, second, codes)
    d = small_definition()
    d["contests"][0]["candidates"][0]["annotation"] = "女"
    d["contests"][0]["candidates"].append({"code": "c99", "name": "王小明", "annotation": "男"})
    assert not [p for p in validate_definition(d).problems if not p.warning]

    d = small_definition()
    d["contests"][0]["candidates"][0]["annotation"] = "（女）"
    with open_election_file(make_file(tmp_path, d), "测试员") as db:
        with pytest.raises(DefinitionRefused) as e:
            prepare.add_candidate(db, "WY", name="王小明", annotation="女")
        [problem] = e.value.problems
        assert problem.code == "same_name", problem
        # (the advice is another note than the one that told nothing)
        assert "王小明（区直机关）" in problem.message_zh, problem
        with pytest.raises(DefinitionRefused):
            prepare.add_candidate(db, "WY", name=clean_name("王小明（女 ）"))
        prepare.add_candidate(db, "WY", name=clean_name("王小明（男）"))
        assert candidates(db)["None"] == ("王小明", "（男）")  # (the outside one, no person)

    # A file that got such a pair before (written as the old checks let it): real ballots
    # are not printed for it.
    d = small_definition()
    d["contests"][0]["candidates"][0]["annotation"] = "（女）"
    (tmp_path / "older").mkdir()
    with open_election_file(make_file(tmp_path / "older", d), "测试员") as db:
        with db.transaction() as con:
            prepare_repo.insert_candidate(con, "WY", Candidate("c99", "王小明", None, "女"))
            prepare_repo.add_to_round(con, "WY", 1, "c99")
        with pytest.raises(BallotRefused) as refused:
            print_ballots(db, "WY", None, 1, tmp_path / "real.pdf")
        assert "都叫“王小明”" in refused.value.zh, refused.value.zh


def test_a_note_after_a_name_is_the_candidates_note_in_the_import_and_the_dialog(
    tmp_path: Path,
) -> None:
    """init keeps '李娜（满族）' apart, the note printed under the name. The roster import
    dropped it without a word ("unchanged") while warning that it prints; the person
    dialog stored it inside the name, and the ballot printed '李娜（满族）' with the old note
    under it. Now both keep it apart as the candidate's note, and the import says what it
    did: the note set (the one it replaced), or kept nowhere for someone who stands in
    nothing."""
    d = small_definition()
    d["contests"][0]["candidates"][1]["annotation"] = "（女）"  # c02, P002 李娜
    with open_election_file(make_file(tmp_path, d), "测试员") as db:
        book = roster_with(db, tmp_path, {"P002": "李娜（满族）", "P010": "吴敏（回族）"})
        summary = prepare.import_roster(db, book)
        assert (summary.updated, summary.added) == (1, 0), summary
        assert candidates(db)["P002"] == ("李娜", "（满族）")
        said = {p.code: p for p in summary.warnings}
        assert "原备注“（女）”" in said["note_set"].message_zh, said
        assert "第3行" in said["note_set"].where, said
        assert "没有保存" in said["note_not_kept"].message_zh, said
        assert "P010（回族）" in said["note_not_kept"].message_zh, said  # (where to type it)
        assert "第11行" in said["note_not_kept"].where, said
        for code in ("P002", "P010"):
            person = repo.read_person(db, code)
            assert person is not None and "（" not in person.name, person

        p = repo.read_person(db, "P003")
        assert p is not None
        typed = clean_name("张伟（男）")
        warnings = prepare.save_person(db, dataclasses.replace(p, name=typed), is_new=False)
        assert not [w for w in warnings if w.code == "note_not_kept"], warnings
        saved = repo.read_person(db, "P003")
        assert saved is not None and saved.name == "张伟"
        assert candidates(db)["P003"] == ("张伟", "（男）")
        lines = ballot_lines(db, tmp_path)
        assert not any("张伟（男）" in line or "李娜（" in line for line in lines), lines
        assert any("（满族）" in line and "（男）" in line for line in lines), lines

        q = repo.read_person(db, "P010")
        assert q is not None
        warnings = prepare.save_person(
            db, dataclasses.replace(q, name="吴敏（回族）"), is_new=False
        )
        assert [w.code for w in warnings] == ["note_not_kept"], warnings


@pytest.mark.parametrize(
    ("typed", "code"),
    [
        ("刘强、陈红", "several_names"),
        ("李　娜　张小明", "several_names"),
        ("王伟1", "digits"),
        ("1. 张三", "numbered"),
        ("王伟　男", "name_with_word"),
        ("二、农村党支部", "heading"),
        ("李○", "placeholder"),
        ("北京市（60名）", "heading"),
    ],
)
def test_a_candidate_not_on_the_roster_gets_the_definitions_name_checks(
    tmp_path: Path, typed: str, code: str
) -> None:
    """ "Add a candidate not on the roster" skipped every name check: '刘强、陈红', '王伟1',
    '二、农村党支部', '李○'… were added and printed as one candidate each. Refused as
    `huanjie init` refuses them, for the same reason."""
    d = small_definition()
    d["contests"][0]["candidates"].append({"code": "c99", "name": typed})
    init = [p.code for p in validate_definition(d).problems if not p.warning]
    assert init == [code], init
    with open_election_file(make_file(tmp_path), "测试员") as db:
        with pytest.raises(DefinitionRefused) as e:
            prepare.add_candidate(db, "WY", name=clean_name(typed))
        assert [(p.where, p.code) for p in e.value.problems] == [("$.candidates[0].name", code)]
        if code == "heading":  # (no "delete this row": there is no row here)
            assert "这一行" not in e.value.problems[0].message_zh, e.value.problems
        assert len(candidates(db)) == 5


def test_a_note_that_stops_the_ballot_fitting_is_said_where_it_is_typed(
    tmp_path: Path,
) -> None:
    """A note typed after a candidate's name on the roster ('王小明（…）'), too long for any
    sheet: saved without a word, the refusal came at printing. The save says it (naming
    the note and the length that fits); a note that fits says nothing of the kind."""
    path = make_file(tmp_path, small_definition(style="columns"))
    long = ("某某省某某市某某县某某镇人民政府党委委员、副镇长，某某村党支部第一书记" * 2)[:50]
    with open_election_file(path, "测试员") as db:
        p = repo.read_person(db, "P001")
        assert p is not None
        warnings = prepare.save_person(
            db, dataclasses.replace(p, name=clean_name(f"王小明（{long}）")), is_new=False
        )
        fit = [w for w in warnings if w.code == "ballot_does_not_fit"]
        assert len(fit) == 1, warnings
        assert "候选人“王小明”的备注（52 个字）太长（备注印在姓名之后" in fit[0].message_zh, fit
        assert "the note of 王小明 (52 characters) is too long" in fit[0].message_en, fit
        with pytest.raises(BallotRefused) as e:
            print_ballots(db, "WY", 1, 1, tmp_path / "b.pdf")
        assert e.value.zh == fit[0].message_zh
        warnings = prepare.save_person(
            db, dataclasses.replace(p, name=clean_name("王小明（区直机关）")), is_new=False
        )
        assert not [w for w in warnings if w.code == "ballot_does_not_fit"], warnings
