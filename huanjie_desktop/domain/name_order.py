"""The official order of names: 姓氏笔画 (party lists) and 姓名笔画 (people's congresses).

Characters are compared by:

1. total stroke count (笔画数), fewer first;
2. the stroke sequence (笔顺), stroke by stroke, in the order 横1 竖2 撇3 点4 折5 (提 counts as
   横, 竖钩 as 竖, 捺 as 点, every turning stroke as 折);
3. the structure (字形结构): 左右 (with 左中右) first, then 上下 (with 上中下 and 品字), then
   整体 — 独体, 半包围 and 全包围 characters, i.e. those that do not split into a left and a
   right part or a top and a bottom part. This is what the published lists do (20th Congress
   delegates: 孔晓宏 before 巴才洛, 次仁顿珠 before 衣立东, 叶露中 before 申文 — 孔/巴, 次/衣
   and 叶/申 share count and sequence). Where 半包围/全包围 go is not shown by any list we
   have; putting them with 整体 follows the usual wording "先左右，再上下，后整体";
4. the order of 《通用规范汉字表》 (kTGH). Inside one level (一级 1–3500, 二级 3501–6500,
   三级 6501–8105) the table is in official stroke order, so this settles the rest; between
   levels it is only a deterministic fallback and the pair is flagged;
5. the code point (deterministic; such a pair is always flagged).

Names (姓氏笔画, `Convention.SURNAME`): a two-character name is read as surname + blank +
given name, the blank sorting before every character. So the surname decides first, then
every two-character name comes before all longer names with the same surname, whatever their
given names (the 20th Congress list: 丁宁 丁纯 丁炜 丁铭 丁小强 … 丁薛祥; 王毅 before 王一彪),
and the two-character names are ordered among themselves by the given name. Otherwise names
are compared character by character; a name that is a prefix of another comes first.

姓名笔画 (`Convention.NPC`, people's congresses): character by character, no blank (王可 王刚
王红 王志民 … 王超 王瑞贺 王毅).

Ignored for sorting (but kept in the output): the middle dots of transliterated names
(艾尔肯·吐尼亚孜), annotations in ASCII or full-width parentheses ("(女)", "（满族）",
"（女，回族）"), spaces (including the ideographic space used to pad 刘　英). Compound
surnames get no special treatment (诸葛宇杰 is 诸 葛 宇 杰).

Data: the shipped table ``resources/strokes/strokes.tsv.gz`` (built by
``tools/build_stroke_table.py`` from Unihan kTotalStrokes/kTGH and the MIT npm packages
cnchar-order / cnchar-radical). Characters of 《通用规范汉字表》 with no stroke sequence in the
data (e.g. 訚, 䶮) are placed by their neighbours in the same level of the table: the nearest
characters before and after with a known sequence bound theirs, and the neighbours also
correct a Unihan stroke count that contradicts the table's position (Unihan counts some
Ext-A simplified forms such as 䲠 with the traditional component). Characters with no data
beyond a Unihan stroke count (𠮷) come after the characters of the same count that have a
sequence. Characters without any Unihan data (Latin letters…) come last. Names containing
such characters, and every adjacent pair the data cannot settle, are returned as `Flag`s for
a person to confirm.
"""

from __future__ import annotations

import functools
import gzip
import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import NamedTuple, TypeVar

T = TypeVar("T")

# Levels of 《通用规范汉字表》 by kTGH index.
_TGH_LEVEL_ENDS = (3500, 6500, 8105)

# Structure letters of the table (cnchar-radical) → rank: 左右 0, 上下 1, 整体 2, unknown 3.
_STRUCTURE_RANK = {"a": 0, "h": 0, "b": 1, "g": 1, "f": 1, "c": 2, "d": 2, "e": 2}
_STRUCTURE_NAMES = {
    "a": "左右",
    "h": "左中右",
    "b": "上下",
    "g": "上中下",
    "f": "品字",
    "c": "独体",
    "d": "半包围",
    "e": "全包围",
}
_UNKNOWN_STRUCTURE = 3
#: The structure of level-1 characters cnchar-radical leaves out (its list skips words it
#: filters: 刀, 仇, 枪 …), where it is beyond doubt. Without it 刀 (a Dai surname: 刀述仁)
#: sorted after 力 and 乃, whose count and strokes it shares (通用规范汉字表: 刀 力 乃).
_STRUCTURE_SUPPLEMENT = {
    **dict.fromkeys("刀叉", "c"),
    **dict.fromkeys("仇刺剑弹枪棍棒淫炮炸爆狙硝赌酮钞", "a"),
    **dict.fromkeys("毒箭驽", "b"),
}
_NOT_IN_TGH = 100_000
_NO_STROKES = 1_000  # characters without Unihan data sort after every Han character
_NO_SEQUENCE = "9"  # after every real sequence (digits 1-5) of the same count

# (strokes, sequence, position relative to the sequence, structure rank, TGH index, code point)
CharKey = tuple[int, str, int, int, int, int]
#: A name's order: its characters' keys without their code points (a traditional form sorts
#: as its simplified one: 劉偉 with 刘伟, before 刘强), then the code points (only two names
#: of the same characters in other forms are told apart by them), then the text.
NameKey = tuple[tuple[tuple[int, str, int, int, int], ...], tuple[int, ...], str]

_BLANK: CharKey = (-1, "", 0, 0, 0, 0)

#: Brackets an annotation is written in after a name: （女） (满族) [女] 【正职】 〔回族〕.
OPENING = "(（[［【〔"
CLOSING = ")）]］】〕"
ANNOTATION = re.compile(r"[(（\[［【〔][^()（）\[\]［］【】〔〕]*[)）\]］】〕]")

#: Characters used in names whose simplified form for names differs from the general one
#: (《通用规范汉字表》: 鍾 in a surname or a given name is 锺, not 钟).
_NAME_FORMS = {"鍾": "锺"}
#: Variant forms one with another in print, for comparing names only (sorting and the
#: stored name keep the character as written): 兪 is 俞 with a different top (兪敏, 俞敏).
_PRINT_VARIANTS = {"兪": "俞"}
_IGNORED = re.compile(r"[\s·・•‧∙⋅･ㆍᆞ.．●\-－‐‑–—]+")


class Convention(StrEnum):
    """Which name order: 姓氏笔画 (party default) or 姓名笔画 (people's congresses)."""

    SURNAME = "surname"  # 姓氏笔画
    NPC = "npc"  # 姓名笔画


@dataclass(frozen=True)
class Flag:
    """A pair of adjacent names the data cannot settle, or (``second == ""``) a name with a
    character the data does not fully know. A person confirms the order before printing."""

    first: str
    second: str
    reason_zh: str
    reason_en: str

    def reason(self, lang: str) -> str:
        return self.reason_en if lang == "en" else self.reason_zh


@dataclass(frozen=True)
class SortResult:
    names: tuple[str, ...]
    flags: tuple[Flag, ...]


class CharInfo(NamedTuple):
    """What the table knows about one character.

    ``sequence`` is the folded stroke sequence ("" if unknown); ``structure`` a letter a-h
    ("" if unknown); ``tgh`` the 通用规范汉字表 index and ``level`` its level (1-3);
    ``simplified`` the simplified form a character outside that table is sorted as
    (馼 → 𫘜), or "". For a 通用规范汉字表 character without a sequence, ``lower`` and
    ``upper`` are the sequences of its nearest neighbours with the same count in the same
    level ("" if none): its own sequence lies between them. ``strokes`` is then the Unihan
    count, moved into the range its neighbours allow.
    """

    char: str
    strokes: int
    sequence: str
    structure: str
    tgh: int | None
    level: int | None
    simplified: str = ""
    lower: str = ""
    upper: str = ""

    @property
    def estimated(self) -> bool:
        """True when the stroke sequence comes from the 通用规范汉字表 neighbours."""
        return not self.sequence and self.tgh is not None

    @property
    def exact_sequence(self) -> str:
        """The sequence, also when both neighbours have the same one (then it is that one)."""
        if self.sequence:
            return self.sequence
        return self.lower if self.lower and self.lower == self.upper else ""


def _tgh_level(index: int | None) -> int | None:
    if index is None:
        return None
    return 1 if index <= _TGH_LEVEL_ENDS[0] else 2 if index <= _TGH_LEVEL_ENDS[1] else 3


class StrokeTable:
    """Per-character stroke data, with the 通用规范汉字表 neighbour inference applied.

    Built from the text of the shipped table (see ``tools/build_stroke_table.py``): lines
    ``char<TAB>strokes<TAB>sequence<TAB>structure<TAB>TGH index`` for the characters with
    more than a stroke count, ``=N<TAB>chars`` for all characters with only a count of N;
    ``#`` lines are comments. Lines are parsed on first use, except those of the 8,105
    characters of the 通用规范汉字表 (their neighbours place the ones without a sequence).
    """

    def __init__(self, text: str) -> None:
        self._lines: dict[str, str] = {}
        self._bare: list[tuple[int, str]] = []  # searched on a miss only (rare characters)
        for line in text.splitlines():
            if not line or line[0] == "#":
                continue
            if line[0] == "=":
                count, chars = line[1:].split("\t")
                self._bare.append((int(count), chars))
            else:
                self._lines[line[0]] = line
        self._info: dict[str, CharInfo] = {}
        self._unknown: set[str] = set()
        self._keys: dict[str, CharKey] = {}
        self._infer_from_tgh()

    @classmethod
    def from_path(cls, path: Path) -> StrokeTable:
        """Read a table written by ``tools/build_stroke_table.py`` (gzip'd or plain)."""
        data = path.read_bytes()
        if data[:2] == b"\x1f\x8b":
            data = gzip.decompress(data)
        return cls(data.decode("utf-8-sig"))

    @staticmethod
    def _parse(line: str) -> CharInfo:
        ch, strokes, seq, struct, tgh, simplified = line.split("\t")
        struct = struct or _STRUCTURE_SUPPLEMENT.get(ch, "")
        index = int(tgh) if tgh else None
        return CharInfo(ch, int(strokes), seq, struct, index, _tgh_level(index), simplified)

    def _infer_from_tgh(self) -> None:
        """Bound the unknown sequences (and fix impossible counts) of 通用规范汉字表 chars."""
        by_level: dict[int, list[CharInfo]] = {}
        for ch, line in self._lines.items():
            if line.split("\t", 5)[4]:
                info = self._info[ch] = self._parse(line)
                by_level.setdefault(info.level or 0, []).append(info)
        for members in by_level.values():
            members.sort(key=lambda i: i.tgh or 0)
            prev_known: list[CharInfo | None] = []
            last: CharInfo | None = None
            for info in members:
                prev_known.append(last)
                if info.sequence:
                    last = info
            nxt: CharInfo | None = None
            # The table is in stroke-count order: no character counts more than any after it.
            # So the bound from above is the least count up to the next known sequence — the
            # next table character's included, not only the known one's (𬯎, Unihan 12,
            # stands between 弶 and 隃, both 11 and without a sequence: the next known, 喆,
            # has 12). Unihan's wrong counts are too high (a simplified form counted with
            # the traditional component, 䲠): a too-high neighbour does not carry over.
            least_after = 10_000
            for pos in range(len(members) - 1, -1, -1):
                info = members[pos]
                if info.sequence:
                    nxt = info
                    least_after = info.strokes
                    continue
                prev = prev_known[pos]
                low = prev.strokes if prev else 0
                least_after = min(least_after, info.strokes)
                strokes = max(least_after, low)
                lower = prev.sequence if prev and prev.strokes == strokes else ""
                upper = nxt.sequence if nxt and nxt.strokes == strokes else ""
                self._info[info.char] = info._replace(strokes=strokes, lower=lower, upper=upper)

    def __contains__(self, ch: object) -> bool:
        return isinstance(ch, str) and len(ch) == 1 and self.info(ch) is not None

    def __len__(self) -> int:
        return len(self._lines) + sum(len(chars) for _, chars in self._bare)

    def info(self, ch: str) -> CharInfo | None:
        """What the table knows about ``ch``; None when it has no stroke count at all."""
        info = self._info.get(ch)
        if info is None:
            if ch in self._unknown:
                return None
            line = self._lines.get(ch)
            if line is not None:
                info = self._parse(line)
            else:
                count = next((n for n, chars in self._bare if ch in chars), None)
                if count is None:
                    self._unknown.add(ch)
                    return None
                info = CharInfo(ch, count, "", "", None, None)
            self._info[ch] = info
        return info

    def char_key(self, ch: str) -> CharKey:
        key = self._keys.get(ch)
        if key is None:
            key = self._keys[ch] = self._make_key(ch)
        return key

    def sorting_char(self, ch: str) -> str:
        """The character ``ch`` is sorted as: its simplified form if it has one (馼 → 𫘜;
        in names 鍾 → 锺)."""
        if ch in _NAME_FORMS:
            return _NAME_FORMS[ch]
        info = self.info(ch)
        return info.simplified if info is not None and info.simplified else ch

    def _make_key(self, ch: str) -> CharKey:
        form = self.sorting_char(ch)
        if form != ch:
            return (*self.char_key(form)[:5], ord(ch))
        info = self.info(ch)
        if info is None:
            return (_NO_STROKES, "", 0, _UNKNOWN_STRUCTURE, _NOT_IN_TGH, ord(ch))
        tgh = _NOT_IN_TGH if info.tgh is None else info.tgh
        rank = _STRUCTURE_RANK.get(info.structure, _UNKNOWN_STRUCTURE)
        if info.sequence:
            return (info.strokes, info.sequence, 0, rank, tgh, ord(ch))
        if info.tgh is not None:
            if info.lower and info.lower == info.upper:
                return (info.strokes, info.lower, 0, rank, tgh, ord(ch))  # known exactly
            # Just after the last known neighbour, or just before the next one; several
            # unknown characters between the same neighbours keep their table order.
            if info.lower:
                return (info.strokes, info.lower, 1, 0, tgh, ord(ch))
            if info.upper:
                return (info.strokes, info.upper, -1, 0, tgh, ord(ch))
            return (info.strokes, "", 0, 0, tgh, ord(ch))
        return (info.strokes, _NO_SEQUENCE, 0, rank, tgh, ord(ch))


@functools.lru_cache(maxsize=1)
def load_default_table() -> StrokeTable:
    """The shipped table (``resources/strokes/strokes.tsv.gz``), loaded once."""
    from huanjie_desktop.paths import resources_dir

    return StrokeTable.from_path(resources_dir() / "strokes" / "strokes.tsv.gz")


def normalize(name: str) -> str:
    """The characters that count for sorting: no annotations, no dots, no spaces."""
    previous = None
    while previous != name:
        previous, name = name, ANNOTATION.sub("", name)
    return _IGNORED.sub("", name)


def simplified(text: str, table: StrokeTable | None = None) -> str:
    """``text`` with each traditional character in the simplified form it is sorted as
    (劉偉 → 刘伟; in names 鍾 → 锺): the form two names are compared in. A voter writes
    刘伟 for a candidate printed 劉偉, a clerk searches 张国强 for the roster's 張國強.
    A variant hardly told apart in print is its usual form too (兪 → 俞)."""
    tbl = table if table is not None else load_default_table()
    return "".join(_PRINT_VARIANTS.get(ch) or tbl.sorting_char(ch) for ch in text)


def sort_key(name: str, table: StrokeTable, convention: Convention = Convention.SURNAME) -> NameKey:
    """The key that orders ``name``; ties between equal keys cannot happen (the original
    string is the last element)."""
    chars = normalize(name)
    keys = [table.char_key(ch) for ch in chars]
    if convention is Convention.SURNAME and len(keys) == 2:
        keys.insert(1, _BLANK)
    return (tuple(k[:5] for k in keys), tuple(k[5] for k in keys), name)


def sort_names(
    names: Iterable[str],
    table: StrokeTable | None = None,
    convention: Convention = Convention.SURNAME,
) -> SortResult:
    """Sort names in stroke order; flags list what a person should confirm."""
    ordered, flags = sort_items(list(names), lambda n: n, table, convention)
    return SortResult(tuple(ordered), tuple(flags))


def sort_items(
    items: Sequence[T],
    name_of: Callable[[T], str],
    table: StrokeTable | None = None,
    convention: Convention = Convention.SURNAME,
) -> tuple[list[T], list[Flag]]:
    """Sort arbitrary objects (candidates…) by the stroke order of ``name_of(item)``."""
    tbl = table if table is not None else load_default_table()
    keyed = sorted(
        ((sort_key(name_of(item), tbl, convention), i) for i, item in enumerate(items)),
    )
    ordered = [items[i] for _, i in keyed]
    flags: list[Flag] = []
    seen_rare: set[str] = set()
    for pos, (key, _) in enumerate(keyed):
        name = key[2]
        if name not in seen_rare:
            seen_rare.add(name)
            rare = _rare_flag(name, tbl)
            if rare is not None:
                flags.append(rare)
            several = _several_flag(name)
            if several is not None:
                flags.append(several)
            odd = _odd_flag(name)
            if odd is not None:
                flags.append(odd)
        if pos + 1 < len(keyed):
            pair = _pair_flag(key, keyed[pos + 1][0], tbl)
            if pair is not None:
                flags.append(pair)
    return ordered, flags


def confirmed_order(
    items: Sequence[T],
    name_of: Callable[[T], str],
    code_of: Callable[[T], str | None],
    ballots: Sequence[Sequence[str]],
    table: StrokeTable | None = None,
) -> tuple[list[T], list[Flag]]:
    """姓氏笔画 order of a list of those elected, as a person confirmed it on the ballots.

    ``ballots`` are the contest's ballot orders (candidate codes), the latest first. A
    ballot's order is the one a person confirmed before printing (the data's order with the
    names it cannot settle moved by hand, rules.md): re-sorting from the data would undo
    that. So the names on a ballot keep its relative order; a later ballot's order wins over
    an earlier one's; names on no ballot of each other's (elected in different rounds, one
    on a ballot the other is not on) and write-ins are placed by the stroke key between the
    bounds the ballots set. A write-in is on no ballot: nobody confirmed its place, so a
    place the data cannot settle, or one that disagrees with the hand order around it, is
    returned as a `Flag`.
    """
    tbl = table if table is not None else load_default_table()
    keys = [sort_key(name_of(item), tbl) for item in items]
    placed: list[int] = []  # indices into items, in the published order
    on_ballot: set[int] = set()
    for ballot in ballots:
        pos = {code: i for i, code in enumerate(ballot)}
        spot: dict[int, int] = {}  # item → its place on this ballot
        for i, item in enumerate(items):
            code = code_of(item)
            if code is not None and code in pos:
                spot[i] = pos[code]
        for i in sorted((i for i in spot if i not in on_ballot), key=spot.__getitem__):
            p = spot[i]
            lo = max((j + 1 for j, k in enumerate(placed) if spot.get(k, p) < p), default=0)
            hi = min((j for j, k in enumerate(placed) if spot.get(k, p) > p), default=len(placed))
            if hi < lo:  # (an earlier ballot's order, against a later one's: the later holds)
                lo, hi = hi, lo
            at = next((j for j in range(lo, hi) if keys[placed[j]] > keys[i]), hi)
            placed.insert(at, i)
            on_ballot.add(i)
    written = sorted((i for i in range(len(items)) if i not in on_ballot), key=lambda i: keys[i])
    for i in written:
        at = next((j for j, k in enumerate(placed) if keys[k] > keys[i]), len(placed))
        placed.insert(at, i)
    flags: list[Flag] = []
    for at, i in enumerate(placed):
        if i in on_ballot:
            continue
        name = name_of(items[i])
        rare = _rare_flag(name, tbl)
        if rare is not None:
            flags.append(rare)
        if at > 0:
            pair = _pair_flag(keys[placed[at - 1]], keys[i], tbl)
            if pair is not None:
                flags.append(pair)
        if at + 1 < len(placed):
            pair = _pair_flag(keys[i], keys[placed[at + 1]], tbl)
            if pair is not None:
                flags.append(pair)
        if any(keys[k] > keys[i] for k in placed[:at]) or any(
            keys[k] < keys[i] for k in placed[at + 1 :]
        ):
            # (the names around it were ordered by hand against the data: where the data
            # puts this one among them is a guess)
            flags.append(
                Flag(
                    name,
                    "",
                    "另选他人当选，不在选票上：按笔画数据排入名单，但名单中有按人工确认的顺序"
                    "排列、与笔画数据不一致的姓名，其位置请人工核对",
                    "elected as a write-in, on no ballot: placed by the stroke data, among names"
                    " a person ordered against the data; please confirm its place",
                )
            )
    return [items[i] for i in placed], list(dict.fromkeys(flags))  # (two write-ins side by side)


# --- flags -------------------------------------------------------------------------------


_LIST_SEPARATORS = re.compile(r"[、，,;；/／]")


def _wide(text: str) -> bool:
    """Chinese characters (a transliterated name's dots and dashes aside)?"""
    core = _IGNORED.sub("", text)
    return bool(core) and all(unicodedata.east_asian_width(ch) in "WF" for ch in core)


def _chunks(line: str) -> list[str]:
    """``line`` cut at 、，, ; and / outside brackets ('陈红（女，满族）' stays whole)."""
    out, depth, start = [], 0, 0
    for i, ch in enumerate(line):
        if ch in OPENING:
            depth += 1
        elif ch in CLOSING:
            depth = max(0, depth - 1)
        elif depth == 0 and _LIST_SEPARATORS.fullmatch(ch):
            out.append(line[start:i])
            start = i + 1
    out.append(line[start:])
    return out


_DOT_SPACED = re.compile(r"\s*([·・•‧∙⋅･ㆍᆞ．])\s*")
_DOTS_IN = re.compile(r"[·・•‧∙⋅･ㆍᆞ．]")
_DOTS_END = re.compile(r"[·・•‧∙⋅･ㆍᆞ．]$")
_DOTS_START = re.compile(r"^[·・•‧∙⋅･ㆍᆞ．]")
#: A list's numbering standing apart ('1.', '2、', '3', '（4）', '⑤').
_LIST_NUMBER = re.compile(
    r"[（(〔\[［【]?\d+[)）〕\]］】]?[.．、,，:：]?|[\u2460-\u2473\u2776-\u277f]"
)
#: ... or written on to the name it numbers ('1.王伟', '（2）李娜', '③张小明').
_NUMBER_ON = re.compile(
    r"^(?:[（(〔\[［【]\d+[)）〕\]］】][.．、,，:：]?|\d+[.．、,，:：]|[\u2460-\u2473\u2776-\u277f])"
    r"(?=[^\x00-\u2fff])"
)


_NUMBERING = re.compile(
    r"(^|\s)(?:[（(〔\[［【]\d+[)）〕\]］】][.．、,，:：]?|\d+[.．、,，:：]|[\u2460-\u2473\u2776-\u277f])"
    r"\s*(?=[^\x00-\u2fff])"
)


def unnumbered(line: str) -> str:
    """A line of a published list without the numbers before its names ('1.王伟 2.李娜',
    '（1）王伟 （2）李娜', '① 王伟'): a bracketed number is no note of the name before it."""
    return _NUMBERING.sub(r"\1", line)


def split_names(line: str) -> list[str]:
    """The names on one line of a published list: separated by 、，, ; or spaces, a name's
    annotation kept with it ('张小明（女）'), a two-character name padded with a space kept
    whole: '王　毅　王小洪　李　娜（女）' → 王毅, 王小洪, 李娜（女）. A name in Latin letters
    ('Anna Li') is not split at its spaces."""
    out: list[str] = []
    for chunk in _chunks(line):
        # (a transliterated name's dot stays with both its halves: '艾尔肯 · 吐尼亚孜'; a
        # list's numbering — '1. 王伟', '2、李娜', '3 张小明' — is no name)
        words = [
            _NUMBER_ON.sub("", w)
            for w in _DOT_SPACED.sub(r"\1", chunk).split()
            if not _LIST_NUMBER.fullmatch(w)
        ]
        merged: list[str] = []
        i = 0
        while i < len(words):
            w = words[i]
            core = ANNOTATION.sub("", w)
            if not core and merged:  # '（女）' written apart from its name
                merged[-1] += w
            elif (
                merged
                and merged[-1] in COMPOUND_SURNAMES
                and len(core) in (1, 2)
                and _wide(core)
                and core not in PERSON_WORDS
            ):
                merged[-1] += w  # '欧阳　明', '欧阳　明明': a compound surname alone is no name
            elif (
                len(core) == 1
                and core not in PERSON_WORDS
                and i + 1 < len(words)
                and _wide(core)
                and len(ANNOTATION.sub("", words[i + 1])) in (1, 2)
                and ANNOTATION.sub("", words[i + 1]) not in PERSON_WORDS
                and _wide(ANNOTATION.sub("", words[i + 1]))
            ):
                merged.append(w + words[i + 1])  # '王　伟', '王　小明'
                i += 1
            elif merged and not _wide(core) and not _wide(ANNOTATION.sub("", merged[-1])):
                merged[-1] += " " + w
            else:
                merged.append(w)
            i += 1
        out.extend(m for m in merged if m)
    return out


def _spread(words: Sequence[str]) -> bool:
    """Are these words the characters of one name spaced apart ('李 小 明': pdftotext of a
    table whose names are 分散对齐, spread to fill their cells)? Two to four words of one
    Chinese character each, a note after the last alone, none a gender."""
    cores = [ANNOTATION.sub("", w) for w in words]
    return (
        2 <= len(words) <= 4
        and all(len(c) == 1 and _wide(c) and c not in PERSON_WORDS for c in cores)
        and not any(ANNOTATION.search(w) for w in words[:-1])
    )


def spread_name(line: str) -> str | None:
    """The name a line spells with its characters spaced apart ('欧 阳 明 明' → 欧阳明明,
    '李 娜（女）' → 李娜（女）); None when it is not one."""
    words = _DOT_SPACED.sub(r"\1", line).split()
    return "".join(words) if _spread(words) else None


def spread_list(lines: Sequence[str]) -> bool:
    """Is this a list of one name a line, some with their characters spaced apart (a
    table's 分散对齐 column copied from a PDF: '王 平' / '李 小 明' / '欧 阳 明 明')? Each line
    of a name is one word or one spread name, and one at least spreads three characters:
    two-character names padded ('王　伟　李　娜') come in pairs, and a line a wrap broke ran
    to the margin, longer than one name."""
    rows = [
        _DOT_SPACED.sub(r"\1", unnumbered(line)).split()
        for line in lines
        if normalize(line) and not heading_line(line)
    ]
    return (
        bool(rows)
        and all(len(words) == 1 or _spread(words) for words in rows)
        and any(len(words) == 3 and _spread(words) for words in rows)
    )


def spread_flag(line: str) -> Flag:
    """A flag for a line whose characters are spaced apart, taken as one name, that may as
    well be part of a name a wrap broke ('李 小 明' then '王 小 平': 李小明 and 王小平, or
    李小、明王、小平?) — the lines alone cannot tell."""
    name = spread_name(line) or normalize(line)
    return Flag(
        name,
        "",
        f"“{line.strip()}”字与字之间都有空格：按一个姓名“{name}”处理（表格中分散对齐的姓名）；"
        "它也可能是被换行拆开的几个姓名（与上一行或下一行相连）：请对照原件核对",
        f"the characters of {line.strip()!r} are spaced apart: taken as one name, {name}"
        " (spread to fill a table's cell); it may instead be names a line wrap broke (with"
        " the line before or after): check against the original",
    )


def joined_lines(lines: Sequence[str], doubtful: set[int] | None = None) -> list[str]:
    """The lines of a published list, a padded name broken over two of them joined again:
    a list copied from a PDF wraps where its lines end, and '…马晓伟　王' then '宁　王　凯'
    is 王宁 (a surname alone, or a compound surname, ends the first — left over when the
    line's names are taken apart; a given name of one or two characters begins the next).
    A line of nothing but a few spaced characters ('李 小 明') may be one name spread out as
    well: it is not joined, and the indexes (in the result) of it and of the line after go
    into ``doubtful``, for a person to look at."""
    out: list[str] = []
    for line in lines:
        words = line.split()
        if out and words:
            tail = out[-1].split()
            last = ANNOTATION.sub("", tail[-1]) if tail else ""
            first = ANNOTATION.sub("", words[0])
            # A transliterated name broken at its dot ('阿不都热依木·' then '买买提…'), or
            # after one character of its last part ('古丽娜尔·艾' then '则孜…': no part of
            # such a name is one character long).
            parts = _DOT_SPACED.sub(r"\1", last).rstrip()
            if (
                _DOTS_END.search(parts)
                or _DOTS_START.match(first)
                or (
                    _DOTS_IN.search(parts)
                    and len(_DOTS_IN.split(parts)[-1]) == 1
                    and 1 <= len(first) <= 3
                    and _wide(first)
                    and first not in PERSON_WORDS
                )
            ) and not heading_line(line):
                out[-1] = out[-1].rstrip() + line.lstrip()
                continue
            if (
                (len(last) == 1 or last in COMPOUND_SURNAMES)
                and _wide(last)
                and last not in PERSON_WORDS
                and len(tail) > 1
                and len(first) in (1, 2)
                and _wide(first)
                and first not in PERSON_WORDS
                and tail[-1] == last  # (no note after the surname)
                and not heading_line(out[-1])  # ('书　记' over '陈　红')
                and not heading_line(line)
                # (left over: '王　平' ends with a name, '…马晓伟　王' with a surname)
                and split_names(out[-1])[-1:] == [tail[-1]]
            ):
                if _spread(tail):
                    # ('李 小 明' then '王 小 平': two names spread out, or 李小 明王 小平?)
                    if doubtful is not None:
                        doubtful.update((len(out) - 1, len(out)))
                    out.append(line)
                    continue
                out[-1] = out[-1].rstrip() + "　" + line.lstrip()
                continue
        out.append(line)
    return out


def name_with_word(name: str) -> str | None:
    """The word standing after a Chinese name, a space apart, that `clean_name` left apart
    ('王伟 男' → '男', '李娜 回族' → '回族', '次仁 卓玛' → '卓玛'); None when there is none."""
    core = ANNOTATION.sub("", name)
    if not re.search(r"[^\x00-\u2fff]\s+[^\x00-\u2fff]", core):
        return None
    return core.split()[-1]


#: Words pasted after a name from the next column: a gender, a post.
PERSON_WORDS = frozenset({"男", "女", "党员", "群众"})
#: A list's numbered heading: '二、农村党支部', '（三）机关' (no name begins so).
NUMBERED_HEADING = re.compile(
    r"^\s*(?:[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十]+[)）])"
)
#: A number put before a name in brackets ('（1）张三', '〔3〕赵六'): numbering, no name's.
BRACKETED_NUMBER = re.compile(r"^\s*[（(〔\[［【]\s*\d+\s*[)）〕\]］】]")
#: ... or before it, a point or a comma after ('1. 王伟', '2、李娜'): numbering too.
LEADING_NUMBER = re.compile(r"^\s*\d+\s*[.．、,，]\s*(?=\S)")
#: What heads a group of a list on a line of its own ('书　记', '常委', '候补委员'): no name.
HEADING_WORDS = frozenset(
    {
        "书记",
        "副书记",
        "常委",
        "委员",
        "常务委员",
        "候补委员",
        "纪委委员",
        "纪委常委",
        "主任",
        "副主任",
        "主席",
        "副主席",
        "秘书长",
        "副秘书长",
        "组长",
        "副组长",
        "成员",
        "代表",
        "主席团",
        "主席团成员",
        "常务主席",
        "候选人",
        "监票人",
        "总监票人",
        "计票人",
        # (a roster's sections, merged across the row: '正式党员', '预备党员')
        "正式党员",
        "预备党员",
        "正式代表",
        "候补代表",
        "列席代表",
        "列席人员",
        "特邀代表",
        "特邀人员",
    }
)
#: A list's totals row ('合计', '合　计', '以上共计', '合计人数', '总计 5人'): no name.
_TOTALS = re.compile(
    r"(?:以上|本页|全部)?(?:合计|总计|小计|共计|总共|累计|人数合计|总人数)(?:人数)?[:：]?"
    r"(?:\d+|[〇零一二三四五六七八九十百]+)?[人名]?"
)
#: What a clerk writes where no name is yet, or for "the same as above": no name.
PLACEHOLDER_NAMES = frozenset(
    {"待定", "空缺", "同上", "略", "无", "暂缺", "空", "暂无", "未定", "待补", "待填"}
)


def _bare(line: str) -> str:
    """``line`` as NFKC, without invisible characters, spaces, dots or annotations."""
    text = unicodedata.normalize("NFKC", line)
    text = "".join(ch for ch in text if unicodedata.category(ch) not in ("Cf", "Cc"))
    return normalize(text)


def totals_line(line: str) -> bool:
    """Is this a list's totals row ('合计', '合　计', '总计', '以上共计', '合计人数', '合计5人')
    — never a person's name? (A 编号 filled down by dragging gives it a code.)"""
    return bool(_TOTALS.fullmatch(_bare(line))) or bool(
        _COUNT_LINE.fullmatch(unicodedata.normalize("NFKC", line).strip())
    )


def placeholder_name(line: str) -> bool:
    """Is this what stands where no name is ('待定', '空缺', '同上', '略', '无') — no name?"""
    return _bare(line) in PLACEHOLDER_NAMES


#: A table's header over its names, copied with them ('姓名', '候选人姓名'): no name.
HEADER_WORDS = frozenset(
    {"姓名", "名字", "代表姓名", "候选人姓名", "人员姓名", "编号", "序号", "名单", "备注", "性别"}
)
#: ... or a list's title ending so ('候选人预备人选名单', '代表名单').
_LIST_ENDS = ("名单", "人选", "姓名")


def header_word(line: str) -> bool:
    """Is this line a table's header or a list's title copied with its names ('姓名',
    '候选人预备人选名单') — never a person's name?"""
    core = normalize(line)
    return core in HEADER_WORDS or (len(core) >= 4 and core.endswith(_LIST_ENDS))


#: How the name of a group of a list ends: a unit, a delegation ('第一代表团', '机关党委').
_GROUP_ENDS = ("代表团", "党委", "党组", "支部", "总支", "工委", "委员会", "系统", "机关")
#: ... a place, a sector of a list ('内蒙古自治区', '非公有制经济组织和社会组织', '离退休干部').
_PLACE_ENDS = (
    "省",
    "市",
    "自治区",
    "自治州",
    "自治县",
    "地区",
    "县",
    "组织",
    "单位",
    "企业",
    "部队",
    "干部",
    "兵团",
    "学校",
    "医院",
    "街道",
    "社区",
    "公司",
    "集团",
    "战线",
)
#: A line giving the list's size ('共 35 名', '共35人').
_COUNT_LINE = re.compile(r"共\s*(?:\d+|[一二三四五六七八九十百]+)\s*(?:名|人)[。.]?")
#: A note giving a group's size ('北京市（60名）', '候补委员（按得票多少为序）'): a heading's.
_HEADING_NOTE = re.compile(
    r"[(（〔\[［【][^)）〕\]］】]*(?:\d+\s*(?:名|人)|[一二三四五六七八九十百]+\s*(?:名|人)|为序|排列)"
)


def heading_line(line: str) -> bool:
    """Is this line of a list the heading of a group of its names, not a name: a title
    word alone ('书　记', '副书记'), a unit or delegation ('第一代表团'), a note of a
    group's size or order ('北京市（60名）', '县委委员（按姓氏笔画为序）'), a numbered
    heading ('二、农村党支部')?"""
    core = normalize(line)
    return bool(
        NUMBERED_HEADING.match(line)
        or _HEADING_NOTE.search(line)
        or _COUNT_LINE.fullmatch(line.strip())
        or core in HEADING_WORDS
        or header_word(core)
        or totals_line(line)
        or (len(core) >= 4 and core.endswith(_GROUP_ENDS + _PLACE_ENDS))
    )


#: The CJK radical symbols (U+2E80…U+2EFF) a PDF's text layer gives for some characters, each
#: followed by the character it stands for (Unicode's EquivalentUnifiedIdeograph.txt); the
#: Kangxi radicals (U+2F00…) have theirs by NFKC.
_RADICAL_PAIRS = (
    "⺁厂⺂乛⺃乚⺄乙⺅亻⺆冂⺇𠘨⺈刀⺉刂⺊卜⺋㔾⺌小⺍小⺎兀⺏尣⺐尢⺑𡯂⺒巳⺓幺⺔彑⺕\U0002b739⺖忄⺗心⺘扌⺙攵⺛旡⺜日⺝月⺞歺⺟母⺠民⺡氵"
    "⺢氺⺣灬⺤爫⺥爫⺦丬⺧牛⺨犭⺩王⺪𤴔⺫目⺬示⺭礻⺮𥫗⺯糹⺰纟⺱罓⺲罒⺳㓁⺴冗⺵𦉫⺶羊⺷𦍌⺸𦍋⺹耂⺺肀⺻聿⺼肉⺽𦥑⺾艹⺿艹⻀艹⻁虎"
    "⻂衤⻃覀⻄西⻅见⻆角⻇𧢲⻈讠⻉贝⻊𧾷⻋车⻌辶⻍辶⻎辶⻏邑⻐钅⻑長⻒镸⻓长⻔门⻕𨸏⻖阝⻗雨⻘青⻙韦⻚页⻛风⻜飞⻝食⻞𩙿⻟飠⻠饣⻡𩠐"
    "⻢马⻣骨⻤鬼⻥鱼⻦鸟⻧卤⻨麦⻩黄⻪黾⻫斉⻬齐⻭歯⻮齿⻯竜⻰龙⻱龜⻲亀⻳龟"
)
_RADICALS = {_RADICAL_PAIRS[i]: _RADICAL_PAIRS[i + 1] for i in range(0, len(_RADICAL_PAIRS), 2)}


def radical_in(name: str) -> tuple[str, str] | None:
    """The first radical symbol in ``name`` (a PDF's text layer gives them for some
    characters: '⼤' U+2F24 for 大) and the character it stands for; None when there is none."""
    for ch in name:
        if 0x2E80 <= ord(ch) <= 0x2FDF:
            return ch, _RADICALS.get(ch) or unicodedata.normalize("NFKC", ch)
    return None


#: What a program puts for a character it could not decode (U+FFFD: a GBK list opened as
#: UTF-8, or copied through a program that could not encode it): a character of the name lost.
LOST_CHAR = "\ufffd"


def lost_char_flag(name: str) -> Flag | None:
    """A flag for a name that lost a character to a wrong encoding ('赵\ufffd明'); None
    when it lost none. It is no punctuation to delete: 赵明 is another name."""
    if LOST_CHAR not in name:
        return None
    return Flag(
        name,
        "",
        f"“{LOST_CHAR}”表示这里原有一个字丢失了（文件多半是用错误的编码保存或打开的）："
        "请对照原始名单输入该字本身，不要删去它（删去就成了另一个姓名）",
        f"{LOST_CHAR!r} marks a character lost here (the file was saved or opened in the"
        " wrong encoding, most likely): type the character itself from the original list;"
        " do not delete it (without it the name is another)",
    )


#: Signs a list puts for a character its typesetter had not ('李○'): no character.
PLACEHOLDERS = "○◯□■●◎△?？"


def placeholder_char(name: str) -> str | None:
    """What stands in a Chinese name for a character that could not be typed: a sign of
    PLACEHOLDERS (the first punctuation mark, when it is one), the numeral 〇 (an input
    method's 'ling'), a bopomofo letter ('李ㄨ'), a Latin letter among Chinese characters
    ('李x', '李ｘ'); None when there is none."""
    if (mark := stray_mark(name)) and mark in PLACEHOLDERS:
        return mark
    core = normalize(name)
    han = any(unicodedata.east_asian_width(ch) in "WF" and ch.isalpha() for ch in core)
    for ch in core:
        if ch == "〇" or 0x3100 <= ord(ch) <= 0x312F or 0x31A0 <= ord(ch) <= 0x31BF:
            return ch
        if han and unicodedata.normalize("NFKC", ch).isascii() and ch.isalpha():
            return ch
    return None


#: Two-character surnames (复姓): '欧阳　明' is one name, its surname standing apart.
COMPOUND_SURNAMES = frozenset(
    [
        "欧阳",
        "司马",
        "上官",
        "诸葛",
        "东方",
        "皇甫",
        "尉迟",
        "公孙",
        "慕容",
        "令狐",
        "长孙",
        "宇文",
        "夏侯",
        "端木",
        "司徒",
        "司空",
        "独孤",
        "南宫",
        "西门",
        "闻人",
        "澹台",
        "公冶",
        "宗政",
        "濮阳",
        "淳于",
        "单于",
        "太叔",
        "申屠",
        "轩辕",
        "呼延",
        "钟离",
        "百里",
        "东郭",
        "左丘",
        "梁丘",
        "第五",
        "万俟",
        "拓跋",
        "完颜",
        "赫连",
        "鲜于",
        "闾丘",
        "仲孙",
        "叔孙",
        "巫马",
        "公西",
        "漆雕",
        "乐正",
        "公良",
        "谷梁",
        "段干",
        "司寇",
        "亓官",
        "羊舌",
        "微生",
        "东门",
        "南门",
        "呼衍",
    ]
)
#: The 56 nationalities' names (民族): pasted after a name from the next column, no name.
ETHNIC_GROUPS = frozenset(
    f"{n}族"
    for n in [
        "汉",
        "蒙古",
        "回",
        "藏",
        "维吾尔",
        "苗",
        "彝",
        "壮",
        "布依",
        "朝鲜",
        "满",
        "侗",
        "瑶",
        "白",
        "土家",
        "哈尼",
        "哈萨克",
        "傣",
        "黎",
        "傈僳",
        "佤",
        "畲",
        "高山",
        "拉祜",
        "水",
        "东乡",
        "纳西",
        "景颇",
        "柯尔克孜",
        "土",
        "达斡尔",
        "仫佬",
        "羌",
        "布朗",
        "撒拉",
        "毛南",
        "仡佬",
        "锡伯",
        "阿昌",
        "普米",
        "塔吉克",
        "怒",
        "乌孜别克",
        "俄罗斯",
        "鄂温克",
        "德昂",
        "保安",
        "裕固",
        "京",
        "塔塔尔",
        "独龙",
        "鄂伦春",
        "赫哲",
        "门巴",
        "珞巴",
        "基诺",
    ]
)
#: The Han 民族 written in Latin letters ('Han', 'Hanzu').
_LATIN_HAN = frozenset({"han", "hanzu", "hannationality", "hanchinese"})
#: Traditional forms in the 56 names, should the stroke table not give them.
_TRADITIONAL_ETHNIC = str.maketrans(
    "漢維爾壯滿東鄉納錫烏別羅溫門僳", "汉维尔壮满东乡纳锡乌别罗温门僳"
)


def ethnic_group(text: str) -> str | None:
    """The official name of the 民族 ``text`` writes, with 族 ('汉族\u200b', '汉　族', '漢族',
    '汉', 'Han' → 汉族; '回' → 回族); '' for a blank; None when it is none of the 56 as
    written (a typo, another word)."""
    core = unicodedata.normalize("NFKC", text)
    core = "".join(
        ch for ch in core if not ch.isspace() and unicodedata.category(ch) not in ("Cf", "Cc")
    )
    if not core:
        return ""
    if core.casefold().replace("-", "") in _LATIN_HAN:
        return "汉族"
    core = core.translate(_TRADITIONAL_ETHNIC)
    for form in (core, simplified(core)):
        if form in ETHNIC_GROUPS:
            return form
        if f"{form}族" in ETHNIC_GROUPS:
            return f"{form}族"
    return None


#: Dots that join the parts of a transliterated name; a hyphen and an apostrophe inside a
#: name in Latin letters.
_NAME_DOTS = "·・•‧∙⋅･ㆍᆞ．.-‐‑'’"


#: ... those only between Latin letters ('Anne-Marie'); between 汉字 a dash is typed for the dot.
_LATIN_JOINS = "-‐‑'’"
#: Marks typed for the dot of a transliterated name ('艾尔肯—吐尼亚孜', '艾尔肯-吐尼亚孜').
DASHES = "-‐‑‒–—―－~～_"


def stray_mark(name: str) -> str | None:
    """The first punctuation mark in a name that no name has ('周杰，', "'王芳"), else
    None. A transliterated name's dot and a Latin name's hyphen or apostrophe (between
    letters) are a name's own."""
    core = ANNOTATION.sub("", name)
    for i, ch in enumerate(core):
        if not unicodedata.category(ch).startswith(("P", "S")):
            continue
        if (
            ch in _NAME_DOTS
            and 0 < i < len(core) - 1
            and (ch not in _LATIN_JOINS or (core[i - 1].isascii() and core[i + 1].isascii()))
        ):
            continue
        return ch
    return None


def several_names(name: str) -> bool:
    """Does ``name`` hold several names ('刘强、陈红', '王伟　李娜', '李　娜　张小明')?"""
    return sum(1 for p in split_names(name) if ANNOTATION.sub("", p)) >= 2


def _several_flag(name: str) -> Flag | None:
    """A flag for what looks like several names in one ('丁学东　丁薛祥': a published list's
    line copied whole); a name padded with spaces ('王　伟') is one name."""
    if not several_names(name):
        return None
    word = name_with_word(name)
    if word is not None and (word in PERSON_WORDS or word.endswith("族")):
        return None  # (a gender after a name: `_odd_flag` says so)
    return Flag(
        name,
        "",
        "像是几个姓名写在了一起（以空格或顿号分开）：请一行（一格）写一个姓名"
        "（huanjie sort-names --split 可自动拆开）",
        "looks like several names in one (separated by spaces or commas): one name per line"
        " (cell), please (huanjie sort-names --split splits them)",
    )


def _odd_flag(name: str) -> Flag | None:
    """A flag for what is not a name as written: a list's numbered heading, a word pasted
    after the name, a punctuation mark, a single character."""
    if totals_line(name):
        return Flag(
            name,
            "",
            "像是名单的合计行，不是姓名：请删去这一行",
            "looks like the list's totals row, not a name: delete this line",
        )
    if placeholder_name(name):
        return Flag(
            name,
            "",
            f"“{_bare(name)}”不是姓名（占位的字）：请填上姓名，或删去这一行",
            f"{_bare(name)!r} is not a name (it holds a place): put the name in, or delete"
            " this line",
        )
    if NUMBERED_HEADING.match(name):
        return Flag(
            name,
            "",
            "像是名单里的分组标题，不是姓名：请删去这一行",
            "looks like a heading of the list, not a name: delete this line",
        )
    if number := BRACKETED_NUMBER.match(name) or LEADING_NUMBER.match(name):
        numbering = number.group(0).strip()
        return Flag(
            name,
            "",
            f"姓名前面有编号“{numbering}”：请删去编号",
            f"a number {numbering!r} stands before the name: delete it",
        )
    core = normalize(name)
    if core in ETHNIC_GROUPS or core in PERSON_WORDS:
        return Flag(
            name,
            "",
            f"“{core}”是民族或性别，不是姓名（从旁边一列粘贴过来的？）：请删去",
            f"{core!r} is an ethnicity or a gender, not a name (pasted from the next"
            " column?): delete it",
        )
    word = name_with_word(name)
    if word is not None and (
        word in PERSON_WORDS or word.endswith("族") or not several_names(name)
    ):
        return Flag(
            name,
            "",
            f"姓名后面有“{word}”（从旁边一列粘贴过来的？）：请只留姓名；少数民族姓名的两部分之间用“·”",
            f"{word!r} stands after the name (pasted from the next column?): keep the name"
            " alone; the parts of a transliterated name are joined by ·",
        )
    if radical := radical_in(name):
        ch, meant = radical
        return Flag(
            name,
            "",
            f"“{ch}”(U+{ord(ch):04X}) 是部首符号，不是汉字（从 PDF 复制的文字里常见）："
            f"请改为“{meant}”",
            f"{ch!r} (U+{ord(ch):04X}) is a radical symbol, not a character (common in"
            f" text copied from a PDF): type {meant!r} instead",
        )
    if lost := lost_char_flag(name):
        return lost
    if mark := placeholder_char(name):
        return Flag(
            name,
            "",
            f"“{mark}”是代替打不出的字的记号，不是汉字：请输入该字本身",
            f"{mark!r} stands in for a character that could not be typed: type the"
            " character itself",
        )
    if mark := stray_mark(name):
        return Flag(
            name,
            "",
            f"姓名中有标点“{mark}”：请删去",
            f"the name has the punctuation mark {mark!r} in it: delete it",
        )
    if digit := next((ch for ch in core if unicodedata.category(ch) == "Nd"), None):
        return Flag(
            name,
            "",
            f"姓名中有数字“{digit}”，不是姓名的一部分（编号？人数？）：请删去；同名的人请在备注中注明区别",
            f"the name has the digit {digit!r} in it (a number? a count?): delete it; tell"
            " people of one name apart by a note",
        )
    if len(core) == 3 and core.endswith(("省", "市", "县")):
        return Flag(
            name,
            "",
            "像是地名（名单里的分组标题？），不像姓名：请核对",
            "looks like a place (a heading of the list?), not a name: please check",
        )
    if len(core) == 1 and _wide(core):
        return Flag(
            name,
            "",
            "只有一个字，不像姓名（性别？姓名被拆开了？）：请核对",
            "a single character is no name (a gender? a name split apart?): please check",
        )
    return None


def _rare_flag(name: str, table: StrokeTable) -> Flag | None:
    """A flag for a name with a character the data does not fully know, else None."""
    zh: list[str] = []
    en: list[str] = []
    for ch in dict.fromkeys(normalize(name)):
        form = table.sorting_char(ch)
        if form != ch:
            zh.append(f"“{ch}”按简化字“{form}”排序")
            en.append(f"{ch} is sorted as its simplified form {form}")
        info = table.info(form)
        if info is None:
            zh.append(f"“{form}”(U+{ord(form):04X}) 没有笔画数据，排在最后")
            en.append(f"{form} (U+{ord(form):04X}) has no stroke data: placed last")
        elif not info.sequence and info.tgh is not None:
            zh.append(f"“{form}”缺少笔顺数据，按《通用规范汉字表》相邻字推定位置")
            en.append(f"no stroke sequence for {form}: placed by its 通用规范汉字表 neighbours")
        elif not info.sequence:
            zh.append(f"“{form}”只知笔画数（{info.strokes}画），排在同笔画数的字之后")
            en.append(
                f"only the stroke count of {form} is known ({info.strokes}): placed after "
                "the characters with the same count"
            )
    if not zh:
        return None
    return Flag(name, "", "；".join(zh) + "。请人工核对", "; ".join(en) + ". Please confirm.")


def _pair_flag(a: NameKey, b: NameKey, table: StrokeTable) -> Flag | None:
    keys_a, points_a, name_a = a
    keys_b, points_b, name_b = b
    blank = _BLANK[:5]
    for i, (ka, kb) in enumerate(zip(keys_a, keys_b, strict=False)):
        if ka == kb:
            continue
        if blank in (ka, kb):
            return None  # the blank of a two-character name settles it
        why = _unsettled_reason(chr(points_a[i]), chr(points_b[i]), table)
        if why is None:
            return None
        return Flag(name_a, name_b, why[0], why[1])
    if len(keys_a) != len(keys_b):
        return None  # a prefix comes first
    for pa, pb in zip(points_a, points_b, strict=True):
        if pa != pb:  # the same characters, in other forms (刘德 and 劉德)
            why = _unsettled_reason(chr(pa), chr(pb), table)
            if why is not None:
                return Flag(name_a, name_b, why[0], why[1])
    return Flag(
        name_a,
        name_b,
        "姓名相同（忽略注释），先后按原文排列，请人工确认",
        "same name (annotations ignored): ordered by the text as written; please confirm",
    )


def _unsettled_reason(a: str, b: str, table: StrokeTable) -> tuple[str, str] | None:
    """None when the data settles the order of two different characters, else (zh, en)."""
    fa, fb = table.sorting_char(a), table.sorting_char(b)
    if fa == fb:
        return (
            f"“{a}”“{b}”按同一个字“{fa}”排序，无法确定先后，请人工确认",
            f"{a} and {b} are both sorted as {fa}: order unknown; please confirm",
        )
    ia, ib = table.info(fa), table.info(fb)
    if ia is None or ib is None:
        missing = a if ia is None else b
        return (
            f"“{missing}”不在笔画表中，无法确定先后",
            f"{missing} is not in the stroke table: order unknown",
        )
    if ia.strokes != ib.strokes:
        return None
    seq_a, seq_b = ia.exact_sequence, ib.exact_sequence
    if seq_a and seq_b:
        if seq_a != seq_b:
            return None
        ra = _STRUCTURE_RANK.get(ia.structure, _UNKNOWN_STRUCTURE)
        rb = _STRUCTURE_RANK.get(ib.structure, _UNKNOWN_STRUCTURE)
        if _UNKNOWN_STRUCTURE not in (ra, rb):
            if ra != rb:
                return None
            if ia.level is not None and ia.level == ib.level:
                return None
        sa = _STRUCTURE_NAMES.get(ia.structure, "?")
        sb = _STRUCTURE_NAMES.get(ib.structure, "?")
        return (
            f"“{a}”“{b}”笔画数、笔顺相同（结构：{sa}/{sb}），通用规范汉字表不能定序，请人工确认",
            f"{a} and {b} have the same count and stroke sequence (structure {sa}/{sb}) and "
            "the 通用规范汉字表 does not order them; please confirm",
        )
    if ia.level is not None and ia.level == ib.level:
        return None  # the table order inside one level is the official stroke order
    for unknown, other in ((ia, ib), (ib, ia)):
        known = other.exact_sequence
        if unknown.estimated and known:
            # the unknown sequence lies between its neighbours' (lower ≤ it ≤ upper)
            low, high = unknown.lower, unknown.upper
            if (low and known < low) or (high and known > high):
                return None
    return (
        f"“{a}”“{b}”笔画数相同，但缺少笔顺数据，无法确定先后，请人工确认",
        f"{a} and {b} have the same stroke count but the stroke sequence is unknown; "
        "please confirm",
    )
