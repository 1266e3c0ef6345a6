"""姓氏笔画 / 姓名笔画 order: real published lists, the rules' examples, the CLI, the table build."""

from __future__ import annotations

import gzip
import importlib.util
import io
import itertools
import json
import random
import sys
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from huanjie_desktop.cli.main import main
from huanjie_desktop.domain.name_order import (
    Convention,
    Flag,
    StrokeTable,
    confirmed_order,
    load_default_table,
    normalize,
    sort_items,
    sort_key,
    sort_names,
)
from huanjie_desktop.paths import resources_dir

REPO = Path(__file__).resolve().parent.parent
NAMELISTS = Path(__file__).resolve().parent / "data" / "namelists"
NPM_DIR = Path("/tmp/npmx/node_modules")

# Adjacent pairs of a published list that our order puts the other way round, with the reason.
# Keep this empty unless a list is provably inconsistent; fix the algorithm instead.
KNOWN_DISAGREEMENTS: dict[str, dict[tuple[str, str], str]] = {
    "cpc20_congress_delegates.txt": {},
    "cpc20_central_committee.txt": {},
    "cpc18_presidium_excerpts.txt": {},
    "cpc19_cpc20_politburo.txt": {},
}


def read_runs(path: Path) -> list[list[str]]:
    """The contiguous runs of a namelist file (``#`` comments, ``---`` between runs)."""
    runs: list[list[str]] = [[]]
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        if line == "---":
            runs.append([])
        else:
            runs[-1].append(line)
    return [run for run in runs if run]


def char_order(
    name: str, convention: Convention = Convention.SURNAME
) -> tuple[tuple[int, str, int, int, int], ...]:
    """The part of the key that the data decides (without the code points and the text)."""
    return sort_key(name, load_default_table(), convention)[0]


# --- real published lists ------------------------------------------------------------------


@pytest.mark.parametrize("filename", sorted(KNOWN_DISAGREEMENTS))
def test_reproduces_published_list(filename: str) -> None:
    runs = read_runs(NAMELISTS / filename)
    assert runs
    disagreements: set[tuple[str, str]] = set()
    for run in runs:
        for a, b in itertools.pairwise(run):
            if char_order(a) > char_order(b):
                disagreements.add((a, b))
        # Our full order equals the published one; people with the same name (told apart
        # only by an annotation such as （河南）) may be in any order among themselves.
        ours = sort_names(run).names
        assert [normalize(n) for n in ours] == [normalize(n) for n in run]
        assert sorted(ours) == sorted(run)
    assert disagreements == set(KNOWN_DISAGREEMENTS[filename])


def test_published_lists_have_the_expected_size() -> None:
    assert sum(map(len, read_runs(NAMELISTS / "cpc20_congress_delegates.txt"))) == 2296
    assert sum(map(len, read_runs(NAMELISTS / "cpc20_central_committee.txt"))) == 205


@pytest.mark.parametrize("filename", sorted(KNOWN_DISAGREEMENTS))
def test_data_settles_every_pair_of_different_names(filename: str) -> None:
    """The only flags on the real lists: same names, and names with a rare character."""
    for run in read_runs(NAMELISTS / filename):
        for flag in sort_names(run).flags:
            if flag.second:
                assert normalize(flag.first) == normalize(flag.second), flag


def test_delegate_list_flags_the_rare_characters() -> None:
    (run,) = read_runs(NAMELISTS / "cpc20_congress_delegates.txt")
    single = {f.first for f in sort_names(run).flags if not f.second}
    assert single == {"訚柏（纳西族）", "林占熺"}


# --- rules.md examples -------------------------------------------------------------------


def shuffled(names: list[str], seed: int = 7) -> list[str]:
    out = names[:]
    random.Random(seed).shuffle(out)
    return out


def test_one_character_given_name_first() -> None:
    assert sort_names(["丁小强", "丁宁"]).names == ("丁宁", "丁小强")
    expected = ["丁宁", "丁纯", "丁炜", "丁铭", "丁小强", "丁中平", "丁薛祥"]
    assert list(sort_names(shuffled(expected)).names) == expected
    # every two-character name before the longer ones, whatever the given name
    assert sort_names(["王一彪", "王毅"]).names == ("王毅", "王一彪")
    assert sort_names(["次仁拉姆", "次落"]).names == ("次落", "次仁拉姆")


def test_structure_decides_same_count_and_sequence() -> None:
    table = load_default_table()
    for a, b in (("孔", "巴"), ("次", "衣"), ("叶", "申")):
        ia, ib = table.info(a), table.info(b)
        assert ia is not None and ib is not None
        assert (ia.strokes, ia.sequence) == (ib.strokes, ib.sequence)
    assert sort_names(["巴才洛", "孔晓宏"]).names == ("孔晓宏", "巴才洛")
    assert sort_names(["衣立东", "次仁顿珠"]).names == ("次仁顿珠", "衣立东")
    assert sort_names(["申文", "叶露中"]).names == ("叶露中", "申文")
    assert sort_names(["巴才洛", "孔晓宏"]).flags == ()


def test_stroke_sequence_folding() -> None:
    table = load_default_table()
    expected = {"王": "1121", "丁": "12", "乙": "5", "孔": "5215", "巴": "5215", "关": "431134"}
    for ch, seq in expected.items():
        info = table.info(ch)
        assert info is not None and info.sequence == seq, ch
    assert sort_names(["王", "丁"]).names == ("丁", "王")
    # same count (6): 关 点撇… before 江 点点…
    assert sort_names(["江成", "关志鸥"]).names == ("关志鸥", "江成")


def test_annotations_dots_and_spaces_are_ignored() -> None:
    table = load_default_table()
    base = sort_key("王丽", table)[0]
    for variant in ("王丽(女)", "王丽（女）", "王丽（女，满族）", "王 丽", "王　丽", " 王丽 "):
        assert sort_key(variant, table)[0] == base, variant
    assert normalize("艾尔肯·吐尼亚孜（维吾尔族）") == "艾尔肯吐尼亚孜"
    assert normalize("陈云（中央企业系统〈在京〉）") == "陈云"
    names = ["艾尔肯·吐尼亚孜（维吾尔族）", "王丽（女）", "丁宁(女)"]
    assert sort_names(names).names == ("丁宁(女)", "王丽（女）", "艾尔肯·吐尼亚孜（维吾尔族）")


def test_every_kind_of_dot_is_ignored() -> None:
    table = load_default_table()
    base = sort_key("阿力·马木提", table)[0]
    for variant in ("阿力．马木提", "阿力.马木提", "阿力•马木提", "阿力・马木提"):
        assert sort_key(variant, table)[0] == base, variant


def test_several_names_on_one_line_are_flagged() -> None:
    # A published list's line copied whole is not one name; '王　伟' (padded) is.
    result = sort_names(["丁学东　丁薛祥", "王　伟", "李娜、张伟", "刘军"])
    several = {f.first for f in result.flags if "几个姓名" in f.reason("zh")}
    assert several == {"丁学东　丁薛祥", "李娜、张伟"}
    assert all(f.second == "" for f in result.flags if f.first in several)


def test_npc_convention_documented_example() -> None:
    expected = ["王可", "王刚", "王红", "王志民", "王超", "王瑞贺", "王毅"]
    for seed in range(5):
        result = sort_names(shuffled(expected, seed), convention=Convention.NPC)
        assert list(result.names) == expected
    surname = sort_names(expected).names
    assert surname == ("王可", "王刚", "王红", "王超", "王毅", "王志民", "王瑞贺")


def test_character_without_sequence_placed_by_tgh_neighbours() -> None:
    table = load_default_table()
    info = table.info("訚")
    assert info is not None and info.estimated and info.strokes == 10
    assert info.lower < "4254111251" < info.upper  # 门 425 + 言 4111251
    names = ["浦虹（女）", "訚柏（纳西族）", "唐德智"]
    result = sort_names(names)
    assert result.names == ("唐德智", "訚柏（纳西族）", "浦虹（女）")
    assert [f.first for f in result.flags if not f.second] == ["訚柏（纳西族）"]


def test_unihan_count_corrected_by_tgh_position() -> None:
    table = load_default_table()
    info = table.info("䲠")  # Unihan: 20 (traditional 魚); the table places it with the 17s
    assert info is not None and info.strokes == 17


def test_unihan_count_corrected_by_the_next_table_character_not_only_the_next_known() -> None:
    """𬯎 (Unihan 12) stands between 弶 and 隃 in the 11-stroke block of the 通用规范汉字表,
    and 䴙 (Unihan 19) in the 18s: the correction looked only at the next character with a
    known stroke sequence (喆, 12), so 𬯎 kept 12 and sorted after 琳 (12)."""
    table = load_default_table()
    for ch, count in (("弶", 11), ("𬯎", 11), ("隃", 11), ("䴙", 18)):
        info = table.info(ch)
        assert info is not None and info.strokes == count, (ch, info)
    assert sort_names(["王琳", "王隃", "王𬯎"], table).names == ("王𬯎", "王隃", "王琳")
    # within each level the counts never go down in the table's order
    listed = [i for i in map(table.info, list(table._lines)) if i is not None and i.tgh]
    for level in (1, 2, 3):
        counts = [i.strokes for i in sorted(listed, key=lambda i: i.tgh or 0) if i.level == level]
        assert len(counts) > 1000 and counts == sorted(counts), level


def test_rare_characters_sorted_and_flagged() -> None:
    result = sort_names(["𠮷祥", "刘亮", "刘䶮", "吉祥", "刘春"])
    assert result.names == ("吉祥", "刘春", "刘䶮", "刘亮", "𠮷祥")
    rare = {f.first: f for f in result.flags if not f.second}
    assert set(rare) == {"刘䶮", "𠮷祥"}
    assert "䶮" in rare["刘䶮"].reason_zh and "通用规范汉字表" in rare["刘䶮"].reason_en
    assert "6" in rare["𠮷祥"].reason_en
    # 𠮷 (6 strokes, nothing else known) cannot be ordered against 刘 (6): flagged
    pairs = {(f.first, f.second) for f in result.flags if f.second}
    assert ("刘亮", "𠮷祥") in pairs


def test_traditional_character_sorted_as_simplified() -> None:
    result = sort_names(["马凯", "马馼（女）"])
    assert result.names == ("马馼（女）", "马凯")
    assert any("𫘜" in f.reason_zh for f in result.flags)


def test_non_han_characters_last_and_flagged() -> None:
    result = sort_names(["Anna", "王毅"])
    assert result.names == ("王毅", "Anna")
    assert any(f.first == "Anna" and not f.second for f in result.flags)


def test_same_name_is_flagged_and_deterministic() -> None:
    names = ["王刚（新疆）", "王刚（宁夏）", "王刚（黑龙江）", "王可"]
    first = sort_names(names)
    for seed in range(5):
        assert sort_names(shuffled(names, seed)) == first
    assert first.names[0] == "王可"
    same = [f for f in first.flags if f.second]
    assert len(same) == 2
    assert all(isinstance(f, Flag) for f in same)


def test_sort_items_keeps_objects() -> None:
    @dataclass(frozen=True)
    class Candidate:
        name: str
        number: int

    people = [Candidate("衣立东", 1), Candidate("次仁顿珠", 2), Candidate("丁宁", 3)]
    ordered, flags = sort_items(people, lambda c: c.name)
    assert [c.number for c in ordered] == [3, 2, 1]
    assert flags == []


def test_a_list_of_those_elected_keeps_the_order_a_person_confirmed_on_the_ballots() -> None:
    """The data cannot place 兪 (only its count is known): the operator moved 兪正声 above
    姜红 on the ballot, and the list of those elected was re-sorted from the data (胡伟 姜红
    兪正声). Names on a ballot keep its order (the latest ballot's, when two disagree); the
    others (elected in another round, written in) go by the data between them."""
    names = {"c01": "胡伟", "c02": "兪正声", "c03": "姜红", "c04": "丁一"}
    elected: list[tuple[str | None, str]] = [(code, names[code]) for code in ("c03", "c01", "c02")]
    round1 = ["c04", "c01", "c02", "c03"]  # 兪 moved above 姜 by hand
    ordered, flags = confirmed_order(elected, lambda e: e[1], lambda e: e[0], [round1])
    assert [n for _, n in ordered] == ["胡伟", "兪正声", "姜红"] and flags == []
    # The data alone (no ballot) puts 兪 last, and says it cannot be sure.
    ordered, flags = confirmed_order(elected, lambda e: e[1], lambda e: e[0], [])
    assert [n for _, n in ordered] == ["胡伟", "姜红", "兪正声"]
    assert ("姜红", "兪正声") in {(f.first, f.second) for f in flags}
    assert len(flags) == len(set(flags))
    # 胡伟 elected in round 1; 兪正声 and 姜红 in round 2, whose ballot carried only them:
    # round 1's ballot still bounds 胡伟 against them.
    round2 = ["c02", "c03"]
    ordered, flags = confirmed_order(elected, lambda e: e[1], lambda e: e[0], [round2, round1])
    assert [n for _, n in ordered] == ["胡伟", "兪正声", "姜红"] and flags == []
    # A later ballot's order, against an earlier one's: the later one holds.
    ordered, _ = confirmed_order(elected, lambda e: e[1], lambda e: e[0], [["c03", "c02"], round1])
    assert [n for _, n in ordered] == ["胡伟", "姜红", "兪正声"]
    # Write-ins are on no ballot: placed by the data, a place the data cannot settle flagged.
    written = [*elected, (None, "丁二"), (None, "俞平")]
    ordered, flags = confirmed_order(written, lambda e: e[1], lambda e: e[0], [round1])
    assert [n for _, n in ordered] == ["丁二", "胡伟", "俞平", "兪正声", "姜红"]
    assert {(f.first, f.second) for f in flags} == {("俞平", "兪正声")}
    # One whose data place lies among names ordered against the data: its place is a guess.
    ordered, flags = confirmed_order(
        [*elected, (None, "娄伟")], lambda e: e[1], lambda e: e[0], [round1]
    )
    assert "娄伟" in {f.first for f in flags}, [n for _, n in ordered]


def test_empty_input() -> None:
    assert sort_names([]) == sort_names(iter(()))
    assert sort_names([]).names == ()


def test_table_is_cached_and_complete() -> None:
    assert load_default_table() is load_default_table()
    table = load_default_table()
    assert len(table) > 90_000
    assert "王" in table and "𠮷" in table and "A" not in table


def test_three_thousand_names_sort_the_same_whatever_the_input_order() -> None:
    """Speed lives in bench/names.py; here: a big shuffled list always gives one order."""
    (run,) = read_runs(NAMELISTS / "cpc20_congress_delegates.txt")
    names = run + [n + "东" for n in run[:800]]
    first = sort_names(shuffled(names))
    second = sort_names(list(reversed(names)))
    assert len(first.names) == 3096
    assert first.names == second.names


def test_table_from_plain_text(tmp_path: Path) -> None:
    text = "# test\n王\t4\t1121\tc\t75\t\n丁\t2\t12\tc\t5\t\n=6\t𠮷\n"
    path = tmp_path / "t.tsv"
    path.write_text(text, encoding="utf-8")
    table = StrokeTable.from_path(path)
    assert sort_names(["王一", "丁一", "𠮷一"], table).names == ("丁一", "王一", "𠮷一")


# --- CLI -----------------------------------------------------------------------------------


def test_cli_sorts_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "names.txt"
    path.write_bytes("\ufeff丁小强\n\n巴才洛（藏族）\n丁宁\n孔晓宏\n刘䶮\n".encode())
    assert main(["sort-names", str(path)]) == 0
    out, err = capsys.readouterr()
    assert out.splitlines() == ["丁宁", "丁小强", "孔晓宏", "巴才洛（藏族）", "刘䶮"]
    assert "刘䶮" in err and "请人工核对" in err


def test_cli_reads_stdin_english(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(sys, "stdin", io.StringIO("王毅\n王可\n王志民\n\n王刚强\n刘䶮\n"))
    assert main(["--lang", "en", "sort-names", "--convention", "npc"]) == 0
    out, err = capsys.readouterr()
    assert out.splitlines() == ["王可", "王刚强", "王志民", "王毅", "刘䶮"]
    assert "Please confirm" in err


def test_cli_json(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(sys, "stdin", io.StringIO("\ufeff衣立东\n次仁顿珠\n𠮷祥\n"))
    assert main(["--lang", "en", "sort-names", "--json"]) == 0
    out, err = capsys.readouterr()
    data = json.loads(out)
    assert data["names"] == ["次仁顿珠", "衣立东", "𠮷祥"]
    flags = {(f["first"], f["second"]): f["reason"] for f in data["flags"]}
    assert set(flags) == {("衣立东", "𠮷祥"), ("𠮷祥", "")}
    assert "only the stroke count of 𠮷" in flags[("𠮷祥", "")]
    assert err == ""


def test_cli_a_lists_title_line_is_no_name(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A list copied from a news page brings its title: it was sorted in among the names."""
    text = "中国共产党第二十届中央委员会委员名单\n（按姓氏笔画为序）\n王毅 李强\n丁薛祥\n"
    monkeypatch.setattr(sys, "stdin", io.StringIO(text))
    assert main(["sort-names", "--split", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["names"] == ["丁薛祥", "王毅", "李强"]
    assert data["skipped"][0] == "中国共产党第二十届中央委员会委员名单"


def test_cli_missing_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["sort-names", str(tmp_path / "nope.txt")]) == 1
    out, err = capsys.readouterr()
    assert out == ""
    assert "找不到名单文件" in err and "nope.txt" in err
    assert main(["--lang", "en", "sort-names", str(tmp_path / "nope.txt")]) == 1
    assert "not found" in capsys.readouterr().err


def test_cli_reads_what_windows_saves(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # Notepad on a Chinese Windows saves GBK; Excel's "Unicode text" is UTF-16 with its BOM.
    for codec, name in (("gbk", "gbk.txt"), ("utf-16", "u16.txt")):
        path = tmp_path / name
        path.write_bytes("王毅\n丁宁\n".encode(codec))
        assert main(["sort-names", str(path)]) == 0, codec
        assert capsys.readouterr().out.split() == ["丁宁", "王毅"], codec
    path = tmp_path / "junk.txt"
    path.write_bytes(b"\x80\x80\xff")
    assert main(["sort-names", str(path)]) == 1
    assert "UTF-8" in capsys.readouterr().err
    book = tmp_path / "names.xlsx"
    book.write_bytes(b"PK\x03\x04" + bytes(40))
    assert main(["sort-names", str(book)]) == 1
    err = capsys.readouterr().err
    assert "names.xlsx" in err and "huanjie init" in err


def test_cli_tells_what_is_no_name(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Cells pasted from a table, a tab apart, stay apart and are flagged; a heading before
    its names without a colon is a heading; a list's numbered heading is skipped."""
    path = tmp_path / "list.txt"
    path.write_text(
        "张小明\t男\n王伟\t男\n纪律检查委员会委员　张又侠　何卫东\n二、农村党支部\n周杰，\n",
        encoding="utf-8",
    )
    assert main(["sort-names", "--json", str(path)]) == 0
    got = json.loads(capsys.readouterr().out)
    assert "王伟男" not in got["names"] and "王伟 男" in got["names"]
    assert "张又侠 何卫东" in got["names"]  # (one line without --split: flagged as several)
    assert "纪律检查委员会委员" in got["skipped"] and "二、农村党支部" in got["skipped"]
    reasons = {f["first"]: f["reason"] for f in got["flags"] if not f["second"]}
    assert "“男”" in reasons["王伟 男"] and "“，”" in reasons["周杰，"]
    assert main(["sort-names", "--split", "--json", str(path)]) == 0
    got = json.loads(capsys.readouterr().out)
    assert {"张又侠", "何卫东", "王伟", "张小明"} <= set(got["names"])
    assert "王伟男" not in got["names"] and "张小明男" not in got["names"]
    assert any("不是姓名" in f["reason"] for f in got["flags"] if f["first"] == "男")


def test_dao_sorts_before_li_and_nai() -> None:
    # 刀 力 乃: 2 strokes, 乛丿 both; 通用规范汉字表 order (刀 独体 like the others).
    assert sort_names(["乃文", "力军", "刀述仁"]).names == ("刀述仁", "力军", "乃文")


# --- the generator ---------------------------------------------------------------------------


def load_builder() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "build_stroke_table", REPO / "tools" / "build_stroke_table.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses need the module registered
    spec.loader.exec_module(module)
    return module


def test_builder_letter_folding() -> None:
    builder = load_builder()
    assert builder.fold("jjfj") == "1121"  # 王
    assert builder.fold("jg") == "12"  # 丁: 横 竖钩
    assert builder.fold("o") == "5"  # 乙
    assert builder.fold("egiu") == "5215"  # 孔: 横撇 竖钩 提 竖弯钩
    assert builder.fold("cfju") == "5215"  # 巴
    assert builder.fold("kisesl") == "413534"  # 次
    assert builder.fold("kjshsl") == "413534"  # 衣
    assert builder.fold("kdejg") == "44512"  # 宁


def test_builder_output_matches_shipped_table() -> None:
    if not (NPM_DIR / "cnchar-order").is_dir() or not (NPM_DIR / "cnchar-radical").is_dir():
        pytest.skip(
            "cnchar sources absent: npm install --prefix /tmp/npmx cnchar-order cnchar-radical"
        )
    builder = load_builder()
    sources = builder.Sources(
        unihan_dir=builder.DEFAULT_UNIHAN_DIR,
        order_js=NPM_DIR / "cnchar-order" / "cnchar.order.min.js",
        radical_js=NPM_DIR / "cnchar-radical" / "cnchar.radical.min.js",
    )
    built = builder.render(builder.build_lines(sources))
    shipped = (resources_dir() / "strokes" / "strokes.tsv.gz").read_bytes()
    assert gzip.decompress(built) == gzip.decompress(shipped)
    assert built == shipped  # reproducible gzip header as well


def test_cli_splits_a_list_copied_from_a_news_page(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "news.txt"
    path.write_text(
        "（按姓氏笔画为序）\n王　毅　王小洪　李　娜（女）\n刘强、陈红（女，满族）、马玉林（回族）\n"
        "艾尔肯·吐尼亚孜　欧阳　明\n",
        encoding="utf-8",
    )
    assert main(["sort-names", str(path)]) == 0
    out, err = capsys.readouterr()
    assert "（按姓氏笔画为序）" not in out and "跳过标题行" in err
    assert "几个姓名" in err and "--split" in err
    assert main(["sort-names", "--split", str(path)]) == 0
    out, err = capsys.readouterr()
    assert out.splitlines() == [
        "马玉林（回族）",
        "王毅",
        "王小洪",
        "艾尔肯·吐尼亚孜",
        "刘强",
        "李娜（女）",
        "陈红（女，满族）",
        "欧阳明",
    ]


def test_cli_splits_numbered_names_and_joins_a_name_broken_at_its_dot(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """'1.王伟  2.李娜' was one name (the number written on), '（1）王伟 （2）李娜' gave
    '王伟（2）李娜' (the number taken for a note), '①' was a name; a transliterated name a
    PDF's line broke at its dot, or after the first character of its last part, was two."""
    path = tmp_path / "list.txt"
    path.write_text(
        "1.王伟  2.李娜\n（3）张小明 （4）刘强\n⑤ 陈红 ⑥ 马玉林\n"
        "丁　宁　古丽娜尔·艾\n则孜　于海涛　阿不都热依木·\n买买提　欧阳修\n",
        encoding="utf-8",
    )
    assert main(["sort-names", "--split", str(path)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert sorted(out) == sorted(
        [
            "王伟",
            "李娜",
            "张小明",
            "刘强",
            "陈红",
            "马玉林",
            "丁宁",
            "古丽娜尔·艾则孜",
            "于海涛",
            "阿不都热依木·买买提",
            "欧阳修",
        ]
    ), out


def test_every_separator_of_a_transliterated_name_is_ignored() -> None:
    table = load_default_table()
    base = char_order("阿力·马木提")
    for sep in "-－—●•・.．":
        assert char_order(f"阿力{sep}马木提") == base, sep
    assert sort_names(["阿力木", "阿力-马木提"], table).names == ("阿力-马木提", "阿力木")


def test_a_name_in_traditional_characters_sorts_as_its_simplified_form_throughout() -> None:
    """劉偉 is 刘伟: before 刘强 (伟 6 strokes, 强 12). The code point of 劉 decided before the
    given name did, so every 劉 came after every 刘; 鍾 in a name is 锺 (通用规范汉字表),
    not 钟."""
    table = load_default_table()
    names = ["刘强", "刘德", "刘小明", "劉偉", "劉德華", "陈小", "陳一"]
    result = sort_names(names, table)
    assert result.names == ("劉偉", "刘强", "刘德", "刘小明", "劉德華", "陳一", "陈小")
    assert not [f for f in result.flags if f.second], result.flags  # the given names settle it
    same = sort_names(["劉德", "刘德"], table)
    assert same.names == ("刘德", "劉德") and [f.second for f in same.flags if f.second]
    assert sort_names(["鍾丽慧", "钟华", "蔡奇", "锺奇雄"], table).names == (
        "钟华",
        "蔡奇",
        "鍾丽慧",
        "锺奇雄",
    )


def test_notes_in_any_bracket_are_no_part_of_the_name() -> None:
    table = load_default_table()
    names = ["王毅", "王小洪", "王刚[女]", "王勇【满族】", "王晨〔回族〕"]
    assert sort_names(names, table).names == (
        "王刚[女]",
        "王勇【满族】",
        "王晨〔回族〕",
        "王毅",
        "王小洪",
    )


def test_cli_takes_names_as_the_ballot_does(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """What a web page or a PDF brings along: invisible characters (the ballot drops them,
    the command did not: 丁薛祥 came last), spaces round a transliterated name's dot (split
    into three names), a heading before a colon (the line was skipped whole, its names
    lost)."""
    path = tmp_path / "page.txt"
    path.write_text(
        "\ufeff王毅　王小洪　王\u200b刚　\ufeff丁薛祥\n"
        "中央委员会委员：李　强　赵乐际\n"
        "中央政治局委员（按姓氏笔画为序）：习近平、艾尔肯 · 吐尼亚孜\n",
        encoding="utf-8",
    )
    assert main(["sort-names", "--split", str(path)]) == 0
    out, err = capsys.readouterr()
    assert out.splitlines() == [
        "丁薛祥",
        "习近平",
        "王刚",
        "王毅",
        "王小洪",
        "艾尔肯·吐尼亚孜",
        "李强",
        "赵乐际",
    ], err
    assert "中央委员会委员：" in err


def test_cli_skips_a_lists_group_headings_and_mends_what_copying_broke(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Found sorted in as names: headings with a note of order or size ('县委委员（按姓氏笔画为
    序）', '北京市（60名）'), a post on a line of its own ('书　记'); a padded name broken over
    two lines by a PDF's wrapping ('王⏎宁' gave 马晓伟王, 宁王); a compound surname before a
    one-character given name ('欧阳　明　王　伟' gave 明王伟); numbering in brackets, and a
    gender or an ethnicity pasted as a name, passed unflagged."""
    path = tmp_path / "list.txt"
    path.write_text(
        "县委委员（按姓氏笔画为序）\n王　伟\n候补委员（按得票多少为序）\n刘　强\n书　记\n陈　红\n"
        "北京市（60名）\n丁学东　马晓伟　王\n宁　王　凯（河南）　王　勇\n第一代表团（25名）\n"
        "欧阳　明　王　毅　上官　婉　令狐　冲\n",
        encoding="utf-8",
    )
    assert main(["sort-names", "--split", "--json", str(path)]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc["names"] == [
        "丁学东",
        "上官婉",
        "马晓伟",
        "王宁",
        "王伟",
        "王凯（河南）",
        "王勇",
        "王毅",
        "令狐冲",
        "刘强",
        "陈红",
        "欧阳明",
    ]
    assert doc["skipped"] == [
        "县委委员（按姓氏笔画为序）",
        "候补委员（按得票多少为序）",
        "书记",
        "北京市（60名）",
        "第一代表团（25名）",
    ]
    assert not doc["flags"]
    odd = tmp_path / "odd.txt"
    odd.write_text("（1）张三\n〔3〕赵六\n王　伟　男\n李娜 女 汉族\n", encoding="utf-8")
    assert main(["sort-names", "--split", "--json", str(odd)]) == 0
    doc = json.loads(capsys.readouterr().out)
    flags = {f["first"]: f["reason"] for f in doc["flags"]}
    # (a list's numbers in brackets are taken off, as '1.' and '2、' are)
    assert {"张三", "赵六"} <= set(doc["names"]) and not {"（1）张三", "〔3〕赵六"} & set(flags)
    assert "不是姓名" in flags["女"] and "不是姓名" in flags["汉族"] and "不是姓名" in flags["男"]
    assert {"王伟", "李娜"} <= set(doc["names"]) and "王伟男" not in doc["names"]


def test_a_padded_name_with_a_word_after_it_and_dots_as_typed() -> None:
    """'王　伟　男' (a Word roster lined up with full-width spaces, the gender column pasted
    along) was kept as the name 王伟男 and printed so; a transliterated name's dot is kept as
    lists print it, whatever was typed; an invisible variation selector goes."""
    from huanjie_desktop.domain.definition import clean_name

    assert clean_name("王　伟　男") == "王伟 男" and clean_name("刘　强　回族") == "刘强 回族"
    assert clean_name("王　伟") == "王伟" and clean_name("李 小 明") == "李小明"
    for typed in ("艾尔肯.吐尼亚孜", "艾尔肯•吐尼亚孜", "艾尔肯・吐尼亚孜", "艾尔肯．吐尼亚孜"):
        assert clean_name(typed) == "艾尔肯·吐尼亚孜", typed
    assert clean_name("Anna.Li") == "Anna.Li"  # (a Latin name keeps its own)
    assert clean_name("王\ufe00伟") == "王伟"


def test_the_hangul_araea_typed_for_the_dot_is_the_dot() -> None:
    """ㆍ (U+318D, what a Korean input method gives for the middle dot; NFKC makes it
    U+119E) passed as a character of the name: 艾尔肯ㆍ吐尼亚孜 stood as a second candidate
    beside 艾尔肯·吐尼亚孜, sorted last with only a note on its order."""
    from huanjie_desktop.domain.definition import clean_name, validate_definition
    from huanjie_desktop.domain.tally import normalise_name
    from tests.sheet_rows import definition

    table = load_default_table()
    for typed in ("艾尔肯ㆍ吐尼亚孜", "艾尔肯ᆞ吐尼亚孜", "艾尔肯 ㆍ 吐尼亚孜"):
        assert clean_name(typed) == "艾尔肯·吐尼亚孜", typed
        assert sort_key(typed, table)[0] == sort_key("艾尔肯·吐尼亚孜", table)[0], typed
        assert normalise_name(typed) == normalise_name("艾尔肯·吐尼亚孜"), typed
    assert sort_names(["艾尔肯ㆍ吐尼亚孜"], table).flags == ()
    data = definition()
    data["people"][0]["name"] = "艾尔肯·吐尼亚孜"
    data["people"][1]["name"] = "艾尔肯ㆍ吐尼亚孜"
    result = validate_definition(data)
    assert "same_name" in {p.code for p in result.problems}, result.problems


def test_cli_drops_a_lists_numbering_and_sector_headings_and_flags_what_is_no_name(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A numbered list ('1. 王伟', '2、李娜') gave names '1.', '2', '3'; '共 35 名' gave 共,
    35 and 名; sector and place headings with no count ('内蒙古自治区', '离退休干部') came out as
    names, unflagged; a radical symbol copied from a PDF ('王⼤明') was called punctuation to
    delete — the clerk who did so lost a character of the name."""
    path = tmp_path / "list.txt"
    path.write_text(
        "共 35 名\n1. 王伟\n2、李娜\n3 张小明\n内蒙古自治区\n刘　强　陈　红\n"
        "非公有制经济组织和社会组织\n离退休干部\n北京市\n王伟1\n王\u2f24明\n",
        encoding="utf-8",
    )
    assert main(["sort-names", "--split", "--json", str(path)]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert set(doc["names"]) == {
        "王伟",
        "王伟1",
        "刘强",
        "北京市",
        "李娜",
        "张小明",
        "陈红",
        "王\u2f24明",
    }
    assert doc["skipped"] == [
        "共 35 名",
        "内蒙古自治区",
        "非公有制经济组织和社会组织",
        "离退休干部",
    ]
    flags = {f["first"]: f["reason"] for f in doc["flags"] if not f["second"]}
    assert "数字“1”" in flags["王伟1"]
    assert "地名" in flags["北京市"]
    assert "部首符号" in flags["王\u2f24明"] and "请改为“大”" in flags["王\u2f24明"]
    assert "请删去" not in flags["王\u2f24明"]


@pytest.mark.parametrize("name", ["李〇", "李ㄨ", "李ｘ", "李X"])
def test_a_letter_standing_in_for_a_character_is_refused(name: str) -> None:
    """The numeral 〇 an input method gives for 'ling', a bopomofo letter, a Latin letter
    among the characters: placeholders for a character that could not be typed, printed on
    the ballot as they were (○ and □ were refused, these passed)."""
    from huanjie_desktop.app.election import validate_source

    data = _small_definition(
        people=[{"code": "P01", "name": "王测试", "unit": "U1"}],
        contests=[_one_seat([{"code": "c01", "name": name}, {"code": "c02", "name": "王伟"}])],
    )
    result = validate_source(data, {})
    assert result.definition is None
    assert any("代替打不出的字" in p.message("zh") for p in result.errors), [
        p.message("zh") for p in result.errors
    ]


def test_a_gender_note_in_the_name_cell_that_disagrees_with_the_gender_is_pointed_out() -> None:
    """'陈红（女）' on a row whose 性别 says 男 passed without a word — the note printed under
    the name on the ballot, the roster's gender the other."""
    from huanjie_desktop.app.election import validate_source

    data = _small_definition(
        people=[
            {"code": "P01", "name": "陈红（女）", "unit": "U1", "gender": "男"},
            {"code": "P02", "name": "李娜（女）", "unit": "U1", "gender": "女"},
        ],
        contests=[],
    )
    result = validate_source(data, {})
    found = [(p.where, p.code) for p in result.problems if p.code == "gender_mismatch"]
    assert found == [("$.people[0].name", "gender_mismatch")], result.problems


def test_an_ethnicity_note_that_disagrees_with_the_column_and_a_numbered_name_are_said() -> None:
    """'王磊（回族）' on a row whose 民族 says 汉族 passed without a word (the note printed on
    the ballot, the column counted in the composition tables); '1.车建华' was told it had
    digits, 'tell namesakes apart by a note' — the number copied from a list is what to
    delete."""
    from huanjie_desktop.app.election import validate_source

    data = _small_definition(
        people=[
            {"code": "P01", "name": "王磊（回族）", "unit": "U1", "ethnicity": "汉族"},
            {"code": "P02", "name": "马强（回族）", "unit": "U1", "ethnicity": "回"},
            {"code": "P03", "name": "1.车建华", "unit": "U1"},
            {"code": "P04", "name": "（2）李娜", "unit": "U1"},
        ],
        contests=[],
    )
    result = validate_source(data, {})
    found = [(p.where, p.code) for p in result.problems if p.code == "ethnicity_mismatch"]
    assert found == [("$.people[0].name", "ethnicity_mismatch")], result.problems
    numbered = {p.where: p.message("zh") for p in result.errors if p.code == "numbered"}
    assert set(numbered) == {"$.people[2].name", "$.people[3].name"}, result.problems
    assert "编号“1.”" in numbered["$.people[2].name"] and "删去编号" in numbered["$.people[2].name"]


def test_one_person_listed_twice_as_a_candidate_is_said_once_on_the_repeating_row() -> None:
    """The same roster person on two candidate rows was said twice: on the row repeating them,
    and as "two candidates the ballot cannot tell apart" on the contest's row — a second
    error pointing at a sheet where there is nothing to mend."""
    from huanjie_desktop.app.election import validate_source

    data = _small_definition(
        people=[
            {"code": "P01", "name": "王伟", "unit": "U1"},
            {"code": "P02", "name": "李娜", "unit": "U1"},
            {"code": "P03", "name": "张强", "unit": "U1"},
        ],
        contests=[
            _one_seat(
                [
                    {"code": "c01", "name": "王伟", "person": "P01"},
                    {"code": "c02", "name": "李娜", "person": "P02"},
                    {"code": "c03", "name": "王伟", "person": "P01"},
                ]
            )
        ],
    )
    result = validate_source(data, {})
    codes = [p.code for p in result.errors]
    assert "duplicate" in codes and "same_name" not in codes, codes


def _small_definition(
    people: list[dict[str, Any]], contests: list[dict[str, Any]]
) -> dict[str, Any]:
    """A definition of one unit with these people and contests."""
    return {
        "election": {"name": "测试", "date": "2026-07-28", "level": "local"},
        "units": [{"code": "U1", "name": "第一代表团"}],
        "people": people,
        "contests": contests,
    }


def _one_seat(candidates: list[dict[str, Any]]) -> dict[str, Any]:
    """A committee contest of one seat with these candidates."""
    return {
        "code": "SY",
        "title": "委员",
        "kind": "committee",
        "method": "competitive",
        "seats": 1,
        "candidates": candidates,
    }


def test_a_character_lost_to_a_wrong_encoding_is_no_punctuation_to_delete(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """'赵\ufffd明' (U+FFFD: a GBK list opened as UTF-8) was called punctuation to delete —
    by `init` and by sort-names: the clerk who did so printed 赵明, another person. A
    character was lost: the message says so, names the row, and asks for the character."""
    from huanjie_desktop.domain.definition import validate_definition
    from tests.sheet_rows import definition

    data = definition()
    data["people"][0]["name"] = "赵\ufffd明"
    result = validate_definition(data)
    lost = [p for p in result.problems if p.code == "lost_character"]
    assert lost and lost[0].where == "$.people[0].name", result.problems
    assert (
        "丢失" in lost[0].message_zh
        and "不要删去" in lost[0].message_zh
        and "删去标点" not in lost[0].message_zh
    )
    assert "lost" in lost[0].message_en and "do not delete" in lost[0].message_en
    path = tmp_path / "list.txt"
    path.write_text("王平\n赵\ufffd明\n李娜\n", encoding="utf-8")
    assert main(["sort-names", "--json", str(path)]) == 0
    flags = [f["reason"] for f in json.loads(capsys.readouterr().out)["flags"]]
    assert any("丢失" in f and "不要删去" in f for f in flags), flags
    assert not any("请删去" in f for f in flags), flags


def test_a_utf8_list_damaged_or_cut_off_is_told_where(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A UTF-8 list with one stray byte, or cut off in the middle of its last character,
    was refused as 'not UTF-8, UTF-16 or GBK: save it as UTF-8' — it is UTF-8, and the
    message named no line. It says now which line and what is wrong."""
    good = "王平\n李娜\n张伟\n刘强\n".encode()
    stray = tmp_path / "stray.txt"
    stray.write_bytes(good[:14] + b"\xa0" + good[14:])  # (line 3, before 张)
    assert main(["sort-names", str(stray)]) == 1
    err = capsys.readouterr().err
    assert "第 3 行" in err and "UTF-8 文本" in err and "无法识别" not in err, err
    cut = tmp_path / "cut.txt"
    cut.write_bytes(good[:-2])  # (强 lost its last byte, and the line its end)
    assert main(["--lang", "en", "sort-names", str(cut)]) == 1
    err = capsys.readouterr().err
    assert "line 4" in err and "cut off" in err and "not recognised" not in err, err
    gbk = tmp_path / "gbk.txt"
    gbk.write_bytes("王平\n李娜\n张伟\n".encode("gbk"))  # (GBK is still read as GBK)
    assert main(["sort-names", str(gbk)]) == 0
    assert capsys.readouterr().out.split() == ["王平", "李娜", "张伟"]


def test_cli_split_keeps_names_spaced_out_one_a_line_whole(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A list of one name a line, its characters spaced apart (pdftotext of a table whose
    names are 分散对齐: '李 小 明' / '王 小 平'), gave with --split 小平, 李小 and 明王 — every
    line ending in one character was taken for a surname a wrap had cut off. Such a list
    is no wrapped one; where the lines cannot tell (a spaced-out name among a published
    list's long lines), the name is kept whole and flagged, and a true wrap still joins."""
    one = tmp_path / "one.txt"
    one.write_text("李 小 明\n王 小 平\n", encoding="utf-8")
    assert main(["sort-names", "--split", "--json", str(one)]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc["names"] == ["王小平", "李小明"] and not doc["flags"], doc
    five = tmp_path / "five.txt"
    five.write_text("姓　名\n王 平\n李 小 明\n张 伟\n刘 强\n欧 阳 明 明\n", encoding="utf-8")
    assert main(["sort-names", "--split", "--json", str(five)]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc["names"] == ["王平", "刘强", "李小明", "张伟", "欧阳明明"], doc
    assert not doc["flags"], doc
    mixed = tmp_path / "mixed.txt"
    mixed.write_text(
        "丁学东　马晓伟　王\n宁　王　凯（河南）　王　勇\n李 小 明\n王 小 平\n", encoding="utf-8"
    )
    assert main(["sort-names", "--split", "--json", str(mixed)]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc["names"] == [
        "丁学东",
        "马晓伟",
        "王宁",
        "王凯（河南）",
        "王勇",
        "王小平",
        "李小明",
    ], doc
    told = {f["first"]: f["reason"] for f in doc["flags"]}
    assert set(told) == {"李小明", "王小平"}, doc["flags"]
    assert "分散对齐" in told["李小明"] and "换行" in told["李小明"]


def test_cli_skips_totals_and_placeholders(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A list copied with its 合计 line, and 待定 / 同上 where no name was: sorted as names."""
    path = tmp_path / "names.txt"
    path.write_text("王伟\n合　计\n李娜\n待定\n以上共计 2人\n同上\n", encoding="utf-8")
    assert main(["sort-names", str(path)]) == 0
    out, err = capsys.readouterr()
    assert out.split() == ["王伟", "李娜"], out
    assert "跳过合计行（不是姓名）：合计" in err and "跳过合计行（不是姓名）：以上共计 2人" in err
    assert "跳过占位的字（不是姓名）：待定" in err and "跳过占位的字（不是姓名）：同上" in err
    flags = sort_names(["王伟", "合计", "无"]).flags
    assert {f.first for f in flags} >= {"合计", "无"}, flags
