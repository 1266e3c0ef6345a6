"""The election definition (选举定义): parse and validate a whole definition at once.

Input is the JSON shape of `huanjie init --from DEF.json` (the Excel workbook is turned into the
same shape by the reports layer). Every problem is collected with its JSON path; nothing is
accepted unless the whole definition is valid. Unknown keys are refused.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from huanjie_desktop.domain.idnumber import check_id_number, clean_id_number, cross_check
from huanjie_desktop.domain.model import (
    BallotStyle,
    Candidate,
    Contest,
    ContestKind,
    Election,
    Level,
    Method,
    OfficialRole,
    Person,
    Problem,
    QuorumRule,
    ThresholdBase,
    Unit,
)
from huanjie_desktop.domain.name_order import (
    ANNOTATION,
    BRACKETED_NUMBER,
    CLOSING,
    COMPOUND_SURNAMES,
    DASHES,
    ETHNIC_GROUPS,
    LEADING_NUMBER,
    LOST_CHAR,
    OPENING,
    PERSON_WORDS,
    ethnic_group,
    header_word,
    heading_line,
    name_with_word,
    normalize,
    placeholder_char,
    placeholder_name,
    radical_in,
    several_names,
    simplified,
    stray_mark,
    totals_line,
)
from huanjie_desktop.domain.rules import (
    default_margin_pct,
    default_method,
    default_quorum_rule,
    default_threshold_base,
    minimum_candidates,
)

CODE_RE = re.compile(r"^[A-Za-z0-9_-]{1,24}$")
MONTH_RE = re.compile(r"^(\d{4})-(\d{2})$")
MAX_WRITEIN_COLUMNS = 12

ELECTION_KEYS = {"name", "date", "level"}
UNIT_KEYS = {"code", "name"}
PERSON_KEYS = {
    "code",
    "name",
    "gender",
    "ethnicity",
    "birth",
    "native_place",
    "id_number",
    "education",
    "party_join",
    "work_start",
    "workplace",
    "category",
    "unit",
    "has_vote",
}
#: rules.md: "Standing committee: 1–2 more than seats".
STANDING_MAX_EXTRA = 2
#: Kinds the rules elect 差额 (rules.md, "Margins").
_COMPETITIVE_KINDS = frozenset(
    {ContestKind.COMMITTEE, ContestKind.ALTERNATE, ContestKind.DISCIPLINE, ContestKind.DELEGATE}
)
#: How the rules' messages name a kind of contest (zh, en plural or title).
_KIND_WORDS = {
    ContestKind.COMMITTEE: ("委员", "committee members"),
    ContestKind.ALTERNATE: ("候补委员", "alternate members"),
    ContestKind.DISCIPLINE: ("纪委委员", "discipline commission members"),
    ContestKind.DELEGATE: ("代表", "delegates"),
    ContestKind.STANDING: ("常委", "standing committee members"),
    ContestKind.SECRETARY: ("书记", "secretary"),
    ContestKind.DEPUTY_SECRETARY: ("副书记", "deputy secretary"),
    ContestKind.OTHER: ("本事项", "this contest's members"),
}

CONTEST_KEYS = {
    "code",
    "title",
    "kind",
    "method",
    "seats",
    "unit",
    "ballot_style",
    "writein_columns",
    "threshold_base",
    "quorum_rule",
    "margin_min_pct",
    "margin_reason",
    "writein_needs_mark",
    "preselection",
    "candidates_from",
    "candidates",
    "officials",
}
CANDIDATE_KEYS = {"code", "name", "person", "annotation"}
OFFICIAL_KEYS = {"person", "role"}
TOP_KEYS = {"election", "units", "people", "contests"}

#: The Chinese words of an enum's values, named beside them when a value is refused.
_ENUM_WORDS: dict[str, dict[str, str]] = {
    "quorum_rule": {
        "half": "超过半数",
        "two_thirds": "超过三分之二",
        "four_fifths": "超过五分之四",
    },
}

FIELD_ZH = {
    "name": "姓名",
    "code": "编号",
    "gender": "性别",
    "ethnicity": "民族",
    "birth": "出生年月",
    "native_place": "籍贯",
    "id_number": "身份证号码",
    "education": "学历/学位",
    "party_join": "入党时间",
    "work_start": "参加工作时间",
    "workplace": "工作单位及职务",
    "category": "代表类别",
    "unit": "选举单位",
    "has_vote": "有选举权",
    "title": "名称",
    "kind": "类别",
    "method": "选举方式",
    "seats": "应选名额",
    "ballot_style": "选票样式",
    "writein_columns": "另选他人栏数",
    "threshold_base": "当选基数",
    "quorum_rule": "到会人数要求",
    "margin_min_pct": "最低差额比例",
    "margin_reason": "差额比例说明",
    "date": "日期",
    "level": "层级",
    "person": "对应代表",
    "annotation": "备注",
    "role": "职务",
    "writein_needs_mark": "另选人须画○",
    "preselection": "预选",
    "candidates_from": "候选人取自预选",
}


class DefinitionRefused(Exception):
    """The definition has errors; nothing was written.

    ``partial``: the definition as read, when what was refused lies in single cells (the
    rest can still be checked, so that every problem is told at once)."""

    def __init__(
        self, problems: list[Problem], partial: tuple[Any, dict[str, str]] | None = None
    ) -> None:
        super().__init__(f"{len(problems)} problems")
        self.problems = problems
        self.partial = partial


@dataclass(frozen=True)
class Official:
    contest: str
    person: str
    role: OfficialRole


@dataclass(frozen=True)
class Definition:
    election: Election
    units: tuple[Unit, ...]
    people: tuple[Person, ...]
    contests: tuple[Contest, ...]
    officials: tuple[Official, ...] = ()


@dataclass
class Validation:
    definition: Definition | None
    problems: list[Problem] = field(default_factory=list)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if not p.warning]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.warning]


def clean_cell(text: str) -> str:
    """A cell's text as it is read (every cell, as `clean_name` a name): lists copied from a
    web page or a document bring invisible characters — a zero-width space, a byte-order
    mark, other format characters, variation selectors — which go; a no-break space (and
    the other fixed-width spaces) is a space; the ends are trimmed. 'P0003\u200b' is P0003,
    '女\u200b' is 女."""
    text = "".join(
        " " if ch in _FIXED_SPACES else ch
        for ch in text
        if unicodedata.category(ch) != "Cf" and not _VARIATION.fullmatch(ch)
    )
    return text.strip()


#: Spaces of a fixed width, read as a space (the ideographic space U+3000 stays: it is
#: typed to line names up, and `clean_name` reads it so).
_FIXED_SPACES = frozenset(
    "\u00a0\u2007\u202f\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2008\u2009\u200a\u205f"
)


def shown(value: Any) -> str:
    """A value as a message quotes it: a character nobody can see (a control character, a
    line break, a format character left in) is written out, 'P0003⟨U+200B⟩' — quoted as it
    looks, a refused value would look right."""
    return "".join(
        f"⟨U+{ord(ch):04X}⟩"
        if unicodedata.category(ch) in ("Cc", "Cf", "Zl", "Zp", "Co", "Cn")
        or (unicodedata.category(ch) == "Zs" and ch not in " \u3000")
        or _VARIATION.fullmatch(ch)
        else ch
        for ch in str(value)
    )


class _Collector:
    def __init__(self) -> None:
        self.problems: list[Problem] = []

    def error(self, where: str, code: str, zh: str, en: str) -> None:
        self.problems.append(Problem(where, code, zh, en))

    def warn(self, where: str, code: str, zh: str, en: str) -> None:
        self.problems.append(Problem(where, code, zh, en, warning=True))

    def unknown_keys(self, where: str, obj: dict[str, Any], allowed: set[str]) -> None:
        for key in sorted(set(obj) - allowed):
            self.error(
                f"{where}.{key}",
                "unknown_key",
                f"无法识别的项目“{key}”，请删除或改正拼写",
                f"unknown key {key!r}: remove it or correct the spelling",
            )

    def text(self, where: str, obj: dict[str, Any], key: str, required: bool = False) -> str:
        value = obj.get(key)
        if value is None or value == "":
            if required:
                # (a unit's or the election's name is its 名称, a person's 姓名)
                label = (
                    "名称"
                    if key == "name" and where.startswith(("$.units", "$.election"))
                    else FIELD_ZH.get(key, key)
                )
                self.error(f"{where}.{key}", "missing", f"缺少“{label}”", f"{key} is missing")
            return ""
        if isinstance(value, bool) or not isinstance(value, str | int):
            self.error(
                f"{where}.{key}",
                "type",
                f"“{FIELD_ZH.get(key, key)}”应为文字",
                f"{key} must be text",
            )
            return ""
        return clean_cell(str(value))

    def enum(self, where: str, obj: dict[str, Any], key: str, kind: type[Any], default: Any) -> Any:
        value = obj.get(key)
        if isinstance(value, str):
            value = clean_cell(value)
        if value is None or value == "":
            return default
        try:
            return kind(value)
        except ValueError:
            words = _ENUM_WORDS.get(key, {})
            allowed = "、".join(
                f"{words[m.value]}（{m.value}）" if m.value in words else m.value for m in kind
            )
            zh = f"“{FIELD_ZH.get(key, key)}”的值“{shown(value)}”无效，可选：{allowed}"
            en = f"{key} {shown(value)!r} is not one of: {', '.join(m.value for m in kind)}"
            if key == "quorum_rule" and "以上" in str(value):
                # (以上 includes the number itself: at exactly two thirds present it says
                # quorate where the rules' “超过” does not — not read as either)
                zh += "（“以上”包括本数，规定是“超过”：请写“超过三分之二”这样的说法）"
                en += " (以上 includes the number itself; the rule is 超过, strictly more than)"
            self.error(f"{where}.{key}", "enum", zh, en)
            return default

    def integer(
        self, where: str, obj: dict[str, Any], key: str, default: int | None, lo: int, hi: int
    ) -> int | None:
        value = obj.get(key)
        if value is None or value == "":
            if default is None:
                self.error(
                    f"{where}.{key}",
                    "missing",
                    f"缺少“{FIELD_ZH.get(key, key)}”",
                    f"{key} is missing",
                )
            return default
        if isinstance(value, bool) or not isinstance(value, int):
            self.error(
                f"{where}.{key}",
                "type",
                f"“{FIELD_ZH.get(key, key)}”应为整数",
                f"{key} must be a whole number",
            )
            return default
        if not lo <= value <= hi:
            self.error(
                f"{where}.{key}",
                "range",
                f"“{FIELD_ZH.get(key, key)}”应在 {lo} 到 {hi} 之间，这里是 {value}",
                f"{key} must be between {lo} and {hi}, got {value}",
            )
            return default
        return int(value)

    def code_format(self, where: str, code: str) -> None:
        """Codes appear in ballot QR codes and file names: letters, digits, - and _ only."""
        if code and not CODE_RE.match(code):
            self.error(
                where,
                "code",
                f"编号“{shown(code)}”只能用字母、数字、- 和 _，最长24位",
                f"code {shown(code)!r} may only use letters, digits, - and _ (max 24)",
            )

    def boolean(self, where: str, obj: dict[str, Any], key: str, default: bool) -> bool:
        value = obj.get(key)
        if value is None or value == "":
            return default
        if isinstance(value, bool):
            return value
        # (the value quoted: a 政治面貌 column's 群众 or 共青团员 is told as what it is)
        also_zh = "；政治面貌可填 正式党员/预备党员" if key == "has_vote" else ""
        also_en = " (or, as a party status, 正式党员/预备党员)" if key == "has_vote" else ""
        self.error(
            f"{where}.{key}",
            "type",
            f"“{FIELD_ZH.get(key, key)}”应为 是/否，这里是“{shown(value)}”{also_zh}",
            f"{key} must be true or false (是/否){also_en}, got {shown(value)!r}",
        )
        return default


_LEADING_ZEROS = re.compile(r"(?<![0-9])0+(?=[0-9])")


def code_without_zeros(code: str) -> str:
    """A code with the zeros before each of its numbers left out ('0001' → '1', 'P0012' →
    'P12'): codes alike so are one person to whoever reads them out or types them at the
    check-in desk, and Excel makes 0001 the number 1 unless the column is text."""
    return _LEADING_ZEROS.sub("", code)


def _attends_without_vote(category: str) -> bool:
    """Whether a roster's 代表类别 says the person attends without the vote: 列席代表,
    列席人员, 旁听. (Not 特邀代表: invited delegates of a congress hold the same rights as
    elected ones, the vote included.)"""
    return "列席" in category or "旁听" in category


def clean_name(text: str) -> str:
    """A name as it is kept. Lists copied from a document or a web page bring invisible
    characters (a byte-order mark, zero-width spaces) and padding: published lists line up
    two-character names with a full-width space ('王　伟'), some space every character
    ('李 小 明'). Invisible characters go; a Chinese name of up to three characters padded
    so (its surname stands alone) loses its inner spaces ('王　伟（女）' → '王伟（女）');
    otherwise a run of spaces (a line break included) becomes one space, none before an
    annotation ('李娜 （女）' → '李娜（女）'), as in a name in Latin letters. A word after a
    name ('王伟 男', a gender pasted from the next column) is no padding: it stays apart, and
    `name_with_word` says so."""
    # (NFC: a CJK compatibility ideograph of an old encoding, 金 U+F90A, is its unified 金)
    text = unicodedata.normalize("NFC", text)
    # (and variation selectors: invisible, a font shows the character as it is anyway)
    text = "".join(
        ch for ch in text if unicodedata.category(ch) != "Cf" and not _VARIATION.fullmatch(ch)
    )
    # A transliterated name's dot as typed ('艾尔肯.吐尼亚孜', '买买提•艾力', a katakana or a
    # full-width dot, the Hangul ㆍ a Korean input method gives for it, the 。 a Chinese
    # input method gives for the '.' key), doubled by a paste ('··', '·・'): the one printed
    # lists use, the middle dot, once.
    text = _NAME_DOT.sub("·", text)
    # A tab parts cells pasted together ('李娜\t女'), and so does a line break before a
    # gender or an ethnicity ('刘强\n女'): never a name's padding. (A name wrapped in its
    # cell, '王\n伟', is one; a note on a line of its own joins its name: '刘强\n（女）'.)
    pieces = [_clean_words(p) for p in _cell_breaks(text)]
    out = ""
    for piece in (p for p in pieces if p):
        out += ("" if not out or piece[0] in OPENING else " ") + piece
    return out


def _cell_breaks(text: str) -> list[str]:
    """``text`` cut where cells pasted together meet (see `clean_name`)."""
    out: list[str] = []
    for cell in text.split("\t"):
        lines = _LINE_BREAK.split(cell)
        for k, line in enumerate(lines):
            word = line.strip()
            if k and out and word and (word in PERSON_WORDS or word.endswith("族")):
                out.append(line)
            elif k and out:
                out[-1] += " " + line
            else:
                out.append(line)
    return out


_VARIATION = re.compile("[\ufe00-\ufe0f\U000e0100-\U000e01ef]")
#: Dots typed between the parts of a transliterated name ('。' and '｡': the '.' key in a
#: Chinese input method; '﹒' small, '⸱' word-separator, '․' one-dot leader, 'ꞏ' sinological,
#: 'ᐧ' syllabics middle dot — each looks like the middle dot)
_DOTS = ".．•・‧∙⋅･ㆍᆞ·。｡﹒⸱․ꞏᐧ"
_NAME_DOT = re.compile(
    rf"(?<=[^\x00-\u2fff{_DOTS}\s])\s*[{_DOTS}](?:\s*[{_DOTS}])*\s*(?=[^\x00-\u2fff{_DOTS}\s])"
)
#: Marks between a name's parts that are no dot of `_DOTS` but stand for it (advised: use ·).
_DOT_LIKE = "°∘᛫"
_LINE_BREAK = re.compile(r"[\n\r\v\f\x1c-\x1e\x85\u2028\u2029]+")


def _clean_words(text: str) -> str:
    """`clean_name` of text with no cell break in it."""
    parts = text.split()
    if not parts:
        return ""
    last = ANNOTATION.sub("", parts[-1])
    if len(parts) >= 3 and (last in PERSON_WORDS or last in ETHNIC_GROUPS):
        # '王　伟　男': a padded name and the gender pasted after it, a space apart — no
        # name '王伟男' (`name_with_word` says so)
        return f"{_clean_words(' '.join(parts[:-1]))} {parts[-1]}"
    core = ANNOTATION.sub("", "".join(parts))
    first = ANNOTATION.sub("", parts[0])
    wide = all(unicodedata.east_asian_width(ch) in "WF" for ch in core)
    padded = wide and (
        (len(core) <= 3 and (len(first) == 1 or first in COMPOUND_SURNAMES))
        # ('欧阳　明明': a compound surname set apart is no name of its own)
        or (first in COMPOUND_SURNAMES and len(parts) == 2 and len(core) <= 4)
    )
    out = parts[0]
    for part in parts[1:]:
        out += ("" if padded or part[0] in OPENING else " ") + part
    return out


def strip_annotation(name: str) -> tuple[str, str]:
    """Split '张三（女）' into ('张三', '（女）'), '王丽（女）（满族）' into ('王丽', '（女）（满族）'),
    '王刚【正职】' into ('王刚', '【正职】'). Annotations are printed but not part of the name."""
    m = re.match(rf"^(.*?)\s*((?:{ANNOTATION.pattern}\s*)+)$", name)
    if m:
        return m.group(1).strip(), "".join(m.group(2).split())
    return name.strip(), ""


def identity(text: str) -> str:
    """What tells two names (or two annotations) apart for a voter: not the width of a
    bracket, the kind of dot or the spaces, nor a compatibility form of a character
    ('王伟（女）' is '王伟(女)', '艾力·买买提' is '艾力•买买提', '劉偉' is '刘伟')."""
    folded = unicodedata.normalize("NFKC", text)
    folded = folded.translate(
        str.maketrans(OPENING + CLOSING, "(" * len(OPENING) + ")" * len(CLOSING))
    )
    return "".join(
        simplified(normalize(part)) if part[:1] != "(" else part
        for part in re.split(r"(\([^()]*\))", folded)
    )


def note_identity(note: str) -> str:
    """What tells two notes apart for a voter, as the ballots print them: the symbol ballot
    prints a note as written under the name ('女'), the column ballot brackets a bare one
    ('王伟（女）'), so brackets, their width and spaces tell nothing — '女', '（女）' and
    '(女 )' are one note."""
    folded = unicodedata.normalize("NFKC", note)
    bare = "".join(ch for ch in folded if not ch.isspace() and ch not in OPENING + CLOSING)
    return identity(bare)


def printed_identity(name: str, note: str) -> tuple[str, str]:
    """A candidate as the voter tells them from the others on the ballot: name and note."""
    return identity(name), note_identity(note)


def namesakes(candidates: Sequence[Candidate]) -> list[list[Candidate]]:
    """Groups of candidates of one contest the printed ballot cannot tell apart (one name,
    notes alike as printed — `printed_identity`); one person listed twice is no such
    group (it is said where the person is repeated). Every path that sets a candidate's name
    or note checks this: the definition, the roster's dialog and import, adding a candidate."""
    alike: dict[tuple[str, str], list[Candidate]] = {}
    for k in candidates:
        alike.setdefault(printed_identity(k.name, k.annotation), []).append(k)
    out = []
    for group in alike.values():
        persons = {k.person for k in group}
        if len(group) > 1 and not (len(persons) == 1 and None not in persons):
            out.append(group)
    return out


def namesakes_words(group: Sequence[Candidate]) -> tuple[str, str]:
    """The definition's words (zh, en) for a group of `namesakes`: who, and what to do."""
    codes = [k.code for k in group]
    twin = group[0].name
    noted = next((k.annotation for k in group if k.annotation), "")
    if noted:
        # ('女' under one, '（女）' under the other: one note to the voter)
        return (
            f"候选人“{twin}”有 {len(codes)} 位（{'、'.join(codes)}），备注“{noted}”也相同"
            "（括号、空格不算区别），选票上无法区分：请在“备注”中分别注明不同的内容（如性别、"
            "出生年月或工作单位），备注会印在姓名下面",
            f"{len(codes)} candidates are called {twin!r} ({', '.join(codes)}) with the same"
            f" note {noted!r} (brackets and spaces tell nothing apart) and the ballot cannot"
            " tell them apart: give each a different note (gender, birth, workplace); it is"
            " printed under the name",
        )
    return (
        f"候选人“{twin}”有 {len(codes)} 位（{'、'.join(codes)}），选票上无法区分：请在“备注”中"
        "分别注明（如性别、出生年月或工作单位），备注会印在姓名下面",
        f"{len(codes)} candidates are called {twin!r} ({', '.join(codes)}) and the"
        " ballot cannot tell them apart: give each a note (gender, birth, workplace);"
        " it is printed under the name",
    )


#: A year and month as offices write them (after NFKC, spaces out): 1980-05, 1980.5,
#: 1980/05, 1980.05., 1980.5月, 1980.05.12, 1980-05-12 00:00:00, 1980年5月, 1980年5月12日,
#: 1980年5月12 — a day given is left out.
_MONTH_FORMS = re.compile(
    r"(\d{4})(?:[-./](\d{1,2})月?(?:[-./](?:(\d{1,2})日?(?:\d{1,2}:\d{2}(?::\d{2})?)?)?)?"
    r"|年(\d{1,2})(?:月(?:(\d{1,2})日?)?)?)"
)


def month_text(text: str) -> str | None:
    """``text`` as year-month '1980-05' when it is a date written so (`_MONTH_FORMS`, full-
    width digits and dots included, or six digits 198005 as a number cell gives them), else
    None. The month and a day given must be ones the calendar has."""
    plain = "".join(unicodedata.normalize("NFKC", text).split())
    if m := re.fullmatch(r"(\d{4})(\d{2})", plain):
        year, month, day = m.group(1), m.group(2), None
    elif m := _MONTH_FORMS.fullmatch(plain):
        year, month, day = m.group(1), m.group(2) or m.group(4), m.group(3) or m.group(5)
    else:
        return None
    try:
        dt.date(int(year), int(month), int(day or 1))
    except ValueError:
        return None
    return f"{year}-{int(month):02d}"


def _month(c: _Collector, where: str, value: str, key: str) -> str:
    """The year-month ``value`` gives ('1980-05'), or ``value`` refused as it was typed."""
    if not value:
        return value
    month = month_text(value) or value
    m = MONTH_RE.match(month)
    if not m or not 1 <= int(m.group(2)) <= 12 or not 1900 <= int(m.group(1)) <= 2100:
        c.error(
            f"{where}.{key}",
            "month",
            f"“{FIELD_ZH.get(key, key)}”应写成 年-月，如 1980-05，这里是“{shown(value)}”",
            f"{key} must be year-month like 1980-05, got {shown(value)!r}",
        )
        return value
    return month


#: Excel's error values as a cell caches them (#N/A of a VLOOKUP that found nothing), their
#: trailing '!', '?', '/0' and 'A' taken off.
_EXCEL_ERRORS = frozenset(
    {"#N", "#REF", "#VALUE", "#NAME", "#DIV", "#NULL", "#NUM", "#SPILL", "#CALC"}
)


@dataclass(frozen=True)
class PrintedField:
    """A text of the definition, other than a name, that the papers print: what it is and
    where it is printed (zh, en)."""

    zh: str
    en: str
    on_zh: str
    on_en: str


ELECTION_NAME = PrintedField(
    "选举名称", "election's name", "代表证和各报告单", "the delegate cards and the result papers"
)
UNIT_NAME = PrintedField(
    "选举单位名称",
    "unit's name",
    "代表证和清点到会人数报告单",
    "the delegate cards and the attendance sheet",
)
CONTEST_TITLE = PrintedField(
    "选举事项名称", "contest's title", "选票和各报告单", "the ballot and the result papers"
)
NOTE = PrintedField("备注", "note", "选票", "the ballot")
NAME_NOTE = PrintedField("姓名后的备注", "note after the name", "选票", "the ballot")
WORKPLACE = PrintedField(
    "工作单位及职务",
    "workplace",
    "代表证（与同名的人区分时）",
    "the delegate card (where it tells namesakes apart)",
)
EDUCATION = PrintedField("学历/学位", "education", "当选人员结构分析", "the composition table")


#: What a totals row is told (zh, en).
_TOTALS_ROW = (
    "这一行像是名单的合计行，不是一位代表：请删去这一行（计入名单会多算一人应到）",
    "this looks like the list's totals row, not a person: delete it (on the roster it would"
    " count one more among those expected)",
)


def unprintable_text(
    where: str, text: str, what: PrintedField, can_print: Callable[[str], str | None]
) -> Problem | None:
    """The problem with a printed text holding a character the shipped fonts lack (it prints
    blank without a word, as in a name — the ballot's title, the note under a name, the
    delegate card), or None. Spaces and line breaks print as space: not looked at."""
    if not text:
        return None
    bad = can_print("".join(ch for ch in text if not ch.isspace()))
    if bad is None:
        return None
    return Problem(
        where,
        "unprintable",
        f"{what.zh}“{text}”中的字“{bad}”(U+{ord(bad):04X}) 无法用随附字体打印，"
        f"{what.on_zh}上会显示为空白。请核对该字，或改用可打印的写法",
        f"the character {bad!r} (U+{ord(bad):04X}) in the {what.en} {text!r} cannot be"
        f" printed with the shipped font and would print blank on {what.on_en}; check the"
        " character or use a printable form",
    )


def validate_definition(
    data: Any, can_print: Callable[[str], str | None] | None = None
) -> Validation:
    """Validate a whole definition. ``can_print(text)`` returns the first character the
    shipped fonts cannot print, or None; a name — and every other text the papers print: the
    election's name, a unit's, a contest's title, a note, a workplace — with such a character
    is refused (reportlab prints it blank without a word).
    """
    c = _Collector()
    if not isinstance(data, dict):
        c.error(
            "$", "type", "定义文件的最外层应为一个对象 {…}", "the definition must be a JSON object"
        )
        return Validation(None, c.problems)
    c.unknown_keys("$", data, TOP_KEYS)

    def check_name(where: str, name: str, note: str = "") -> None:
        if name.startswith("#") and name.rstrip("!?/0A").upper() in _EXCEL_ERRORS:
            c.error(
                where,
                "excel_error",
                f"单元格里是 Excel 的错误值“{name}”（多半是公式没有找到要找的内容）：请改成实际的姓名",
                f"the cell holds Excel's error value {name!r} (a formula that found nothing,"
                " most likely): put the actual name in",
            )
            return
        if totals_line(name + note):
            c.error(where, "totals_row", *_TOTALS_ROW)
            return
        if placeholder_name(name):
            c.error(
                where,
                "not_a_name",
                f"“{name}”不是姓名（占位的字）：请填上姓名，或删去这一行",
                f"{name!r} is not a name (it holds a place): put the name in, or delete this row",
            )
            return
        if radical := radical_in(name):
            ch, meant = radical
            c.error(
                where,
                "radical",
                f"姓名“{name}”中的“{ch}”(U+{ord(ch):04X}) 是部首符号，不是汉字（从 PDF 复制的文字里常见）："
                f"请改为“{meant}”后重新输入",
                f"{ch!r} (U+{ord(ch):04X}) in {name!r} is a radical symbol, not a character"
                f" (common in text copied from a PDF): type {meant!r} instead",
            )
            return
        numbered = LEADING_NUMBER.match(name) or BRACKETED_NUMBER.match(name)
        if numbered and name[numbered.end() :].strip():
            number = numbered.group(0).strip()
            c.error(
                where,
                "numbered",
                f"姓名“{name}”前面有编号“{number}”（从名单里复制来的）：这一格只写姓名，请删去编号",
                f"{name!r} begins with the number {number!r} (copied from a list): give the"
                " name alone — delete the number",
            )
            return
        if any(unicodedata.category(ch) == "Nd" for ch in name):
            c.error(
                where,
                "digits",
                f"姓名“{name}”中有数字：这一格只写姓名。同名的人请在“备注”中注明区别（如性别、出生年月、"
                "工作单位），备注印在选票上姓名的下面",
                f"{name!r} has digits in it: give the name alone. Tell people of one name apart"
                " by a note (gender, birth, workplace), printed under the name on the ballot",
            )
            return
        if header_word(name):
            c.error(
                where,
                "heading",
                f"“{name}”是表头或名单的标题，不是姓名：请删去这一行",
                f"{name!r} is a header or a list's title copied with the names, not a name:"
                " delete this row",
            )
            return
        if heading_line(name + note):  # ('北京市（60名）': the note says so)
            c.error(
                where,
                "heading",
                f"“{name}”像是名单里的分组标题，不是姓名：请删去这一行（分组可写在“选举单位”或“类别”一栏）",
                f"{name!r} looks like a heading of the list, not a name: delete this row (put"
                " groups in the unit or category column)",
            )
            return
        word = name_with_word(name)
        if word is not None and (word in PERSON_WORDS or word.endswith("族")):
            # (the name itself, without the word: '刘 强 回族' → 刘强)
            first = _clean_words(ANNOTATION.sub("", name).rsplit(maxsplit=1)[0])
            c.error(
                where,
                "name_with_word",
                f"姓名“{name}”后面的“{word}”不是姓名的一部分（多半是从旁边一列粘贴过来的）："
                f"性别、民族请写在各自的一栏；要印在选票上的，写成备注“{first}（{word}）”",
                f"{word!r} after the name in {name!r} is not part of it (pasted from the next"
                f" column, most likely): put gender and ethnicity in their columns, or write"
                f" a note to print, {first}（{word}）",
            )
            return
        if several_names(name):
            c.error(
                where,
                "several_names",
                f"“{name}”像是几个姓名写在了一格里（以顿号、逗号或空格分开）：请一格写一个姓名；"
                "如果这是一个人的姓名，请去掉其中的空格（少数民族姓名的两部分之间用间隔号“·”，"
                "如“次仁·卓玛”）",
                f"{name!r} looks like several names in one cell (separated by commas or spaces):"
                " one name per cell; if it is one person's name, remove the spaces in it (the"
                " parts of a transliterated name are joined by the middle dot ·, as 次仁·卓玛)",
            )
            return
        if word is not None:
            c.error(
                where,
                "inner_space",
                f"姓名“{name}”中间有空格：如果是一个人的姓名，请去掉空格（少数民族姓名的两部分之间用"
                "间隔号“·”，如“次仁·卓玛”）；如果后面是别的内容，请写在它自己的一栏",
                f"the name {name!r} has a space in it: if it is one person's name, remove it (the"
                " parts of a transliterated name are joined by the middle dot ·, as 次仁·卓玛);"
                " anything else belongs in its own column",
            )
            return
        if LOST_CHAR in name:
            # (no punctuation to delete: 赵\ufffd明 without it is 赵明, another name)
            c.error(
                where,
                "lost_character",
                f"姓名“{name}”中的“{LOST_CHAR}”表示这里原有一个字丢失了（名单文件多半是用错误的编码"
                "保存或打开的）：请对照原始名单输入该字本身，不要删去它（删去就成了另一个姓名）",
                f"{LOST_CHAR!r} in {name!r} marks a character lost (the list was saved or opened"
                " in the wrong encoding, most likely): type the character itself from the"
                " original list; do not delete it (without it the name is another)",
            )
            return
        if mark := placeholder_char(name):
            c.error(
                where,
                "placeholder",
                f"姓名“{name}”中的“{mark}”是代替打不出的字的记号，不是汉字：请输入该字本身"
                "（输入法打不出的字，可从别处复制，或用 Windows 的“字符映射表”查找）",
                f"{mark!r} in {name!r} stands in for a character that could not be typed: type"
                " the character itself (copy it from elsewhere, or find it in a character map)",
            )
            return
        if (
            (mark := stray_mark(name))
            and mark in DASHES + _DOT_LIKE
            and 0 < name.find(mark) < len(name) - 1
        ):
            c.error(
                where,
                "punctuation",
                f"姓名“{name}”中有“{mark}”：少数民族姓名的各部分之间用间隔号“·”，"
                f"如“{name.replace(mark, '·')}”，请改正后重新输入",
                f"the name {name!r} has {mark!r} in it: the parts of a transliterated name are"
                f" joined by the middle dot ·, as {name.replace(mark, '·')!r}",
            )
            return
        if mark:
            c.error(
                where,
                "punctuation",
                f"姓名“{name}”中有标点“{mark}”：这一格只写姓名，请删去标点后重新输入",
                f"the name {name!r} has the punctuation mark {mark!r} in it: give the name"
                " alone, without it",
            )
            return
        if can_print is None or not name:
            return
        bad = can_print(name)
        if bad is not None:
            c.error(
                where,
                "unprintable",
                f"姓名“{name}”中的字“{bad}”(U+{ord(bad):04X}) 无法用随附字体打印，选票上会显示为空白。请核对该字，或改用可打印的写法",
                f"the character {bad!r} (U+{ord(bad):04X}) in {name!r} cannot be printed with the shipped font"
                " and would print blank; check the character or use a printable form",
            )

    def check_printed(where: str, text: str, what: PrintedField) -> None:
        if can_print is not None and (problem := unprintable_text(where, text, what, can_print)):
            c.problems.append(problem)

    # election
    e = data.get("election")
    election: Election | None = None
    if not isinstance(e, dict):
        c.error(
            "$.election",
            "missing",
            "缺少选举基本信息（名称、日期、层级）",
            "the election block (name, date, level) is missing",
        )
    else:
        c.unknown_keys("$.election", e, ELECTION_KEYS)
        name = c.text("$.election", e, "name", required=True)
        date_text = c.text("$.election", e, "date", required=True)
        level = c.enum("$.election", e, "level", Level, Level.LOCAL)
        check_printed("$.election.name", name, ELECTION_NAME)
        date: dt.date | None = None
        if date_text:
            try:
                date = dt.date.fromisoformat(date_text)
            except ValueError:
                c.error(
                    "$.election.date",
                    "date",
                    f"日期应写成 2026-07-28 这样，这里是“{date_text}”",
                    f"the date must look like 2026-07-28, got {date_text!r}",
                )
        if name and date:
            election = Election(name, date, level)
    level_v: Level = election.level if election else Level.LOCAL

    # units
    units: list[Unit] = []
    unit_codes: set[str] = set()
    raw_units = data.get("units", [])
    if not isinstance(raw_units, list):
        c.error("$.units", "type", "选举单位应为列表", "units must be a list")
        raw_units = []
    for i, u in enumerate(raw_units):
        where = f"$.units[{i}]"
        if not isinstance(u, dict):
            c.error(where, "type", "每个选举单位应为一个对象", "each unit must be an object")
            continue
        c.unknown_keys(where, u, UNIT_KEYS)
        code = c.text(where, u, "code", required=True)
        name = c.text(where, u, "name", required=True)
        c.code_format(f"{where}.code", code)
        check_printed(f"{where}.name", name, UNIT_NAME)
        if code in unit_codes:
            c.error(
                f"{where}.code",
                "duplicate",
                f"选举单位编号“{code}”重复",
                f"unit code {code!r} is used twice",
            )
        elif code and code.casefold() in {x.casefold() for x in unit_codes}:
            # ('u01' beside 'U01': two units a clerk cannot tell apart on the page)
            other = next(x for x in unit_codes if x.casefold() == code.casefold())
            c.error(
                f"{where}.code",
                "duplicate",
                f"选举单位编号“{code}”与“{other}”只有大小写不同：请改用不同的编号",
                f"unit code {code!r} differs from {other!r} only in case: give another code",
            )
        if name and any(u.name == name for u in units):
            twin = next(u.code for u in units if u.name == name)
            c.warn(
                f"{where}.name",
                "same_name",
                f"选举单位名称“{name}”与 {twin} 相同：请确认是两个单位（按名称找单位时会无法区分）",
                f"unit name {name!r} is the same as {twin}'s: make sure they are two units"
                " (found by name, they cannot be told apart)",
            )
        unit_codes.add(code)
        if code and name:
            units.append(Unit(code, name))

    # A unit given by its name where its code belongs ('群丰镇' for U09): when that name is
    # one unit's alone and no unit's code.
    by_name: dict[str, list[str]] = {}
    for u in units:
        by_name.setdefault(u.name, []).append(u.code)
    unit_named = {n: cs[0] for n, cs in by_name.items() if len(cs) == 1 and n not in unit_codes}

    # people
    people: dict[str, Person] = {}
    names_seen: dict[str, str] = {}
    notes: dict[str, str] = {}  # person → the annotation written after the name
    # Codes of roster rows refused for want of a name: their error is said once, on their
    # own row; a candidate or an official naming them is not "not on the roster" too.
    nameless: set[str] = set()
    ids_seen: dict[str, str] = {}  # ID number → the roster row's code that gave it first
    folded_codes: dict[str, str] = {}  # casefolded code → the first roster code so written
    unpadded: dict[str, str] = {}  # `code_without_zeros` → the first roster code so written
    raw_people = data.get("people", [])
    if not isinstance(raw_people, list):
        c.error("$.people", "type", "代表名单应为列表", "people must be a list")
        raw_people = []
    for i, p in enumerate(raw_people):
        where = f"$.people[{i}]"
        if not isinstance(p, dict):
            c.error(where, "type", "每位代表应为一个对象", "each person must be an object")
            continue
        c.unknown_keys(where, p, PERSON_KEYS)
        # A list's totals row ('合计', its 编号 filled down by dragging through it): said once,
        # as what it is — counted, it would raise 应到 (the quorum) by one.
        if any(isinstance(p.get(k), str) and totals_line(p[k]) for k in ("name", "code")):
            c.error(f"{where}.name", "totals_row", *_TOTALS_ROW)
            continue
        # A group's heading across the whole row (a merged cell: every column holds it) is
        # said once, as what it is — not as a bad gender, birth, code, unit… besides.
        filled = {
            unicodedata.normalize("NFKC", v).strip()
            for v in p.values()
            if isinstance(v, str) and v.strip()
        }
        if len(filled) == 1 and heading_line(next(iter(filled))):
            heading = p["name"] if isinstance(p.get("name"), str) else next(iter(filled))
            c.error(
                f"{where}.name",
                "heading",
                f"“{heading}”像是名单里的分组标题，不是一位代表：请删去这一行"
                "（分组可写在“选举单位”或“类别”一栏）",
                f"{heading!r} looks like a heading of the list, not a person: delete this row"
                " (put groups in the unit or category column)",
            )
            continue
        code = c.text(where, p, "code", required=True)
        # (an annotation written into the roster's name cell: kept apart, as a candidate's)
        raw_name = clean_name(c.text(where, p, "name", required=True))
        name, note = strip_annotation(raw_name)
        gender = c.text(where, p, "gender")
        if gender not in ("", "男", "女"):
            c.error(
                f"{where}.gender",
                "gender",
                f"性别应为“男”或“女”，这里是“{shown(gender)}”",
                f"gender must be 男 or 女, got {shown(gender)!r}",
            )
            gender = ""
        birth = _month(c, where, c.text(where, p, "birth"), "birth")
        party_join = _month(c, where, c.text(where, p, "party_join"), "party_join")
        work_start = _month(c, where, c.text(where, p, "work_start"), "work_start")
        id_number = clean_id_number(c.text(where, p, "id_number"))
        unit = unit_named.get(c.text(where, p, "unit"), c.text(where, p, "unit")) or None
        has_vote = c.boolean(where, p, "has_vote", True)
        category = c.text(where, p, "category")
        if _attends_without_vote(category):
            if p.get("has_vote") in (None, ""):
                # Refused, not guessed: a blank 有选举权 reads as 是 (the template's default),
                # the category says 列席 — no vote. Counted, they would raise 应到 (the quorum,
                # and a threshold on 应到, rules.md); left out, a voter would be missing from
                # it. Which is right only the roster's keeper knows.
                c.error(
                    f"{where}.has_vote",
                    "vote_blank_attendee",
                    f"代表类别是“{category}”（列席，没有选举权），“有选举权”却空着（或名单没有这一列），"
                    "空着会按有选举权计入应到人数：请填“否”；如确有选举权，填“是”并核对代表类别",
                    f"the category is {category!r} (attends without the vote) but 有选举权 is"
                    " blank (or the roster has no such column), which would count them as"
                    " having the vote, in 应到: fill in 否 — or 是, and check the category, if"
                    " they do have the vote",
                )
            elif has_vote:
                c.warn(
                    f"{where}.has_vote",
                    "vote_attendee",
                    f"代表类别是“{category}”（列席，没有选举权），“有选举权”却是“是”：此人计入应到人数。"
                    "请核对哪一个是对的",
                    f"the category is {category!r} (attends without the vote) but 有选举权 says"
                    " 是: they are counted in 应到. Check which is right",
                )
        c.code_format(f"{where}.code", code)
        if code in people:
            c.error(
                f"{where}.code",
                "duplicate",
                f"代表编号“{code}”重复",
                f"person code {code!r} is used twice",
            )
        elif code and code.casefold() in folded_codes:
            # ('m0001' beside 'M0001': one person at the check-in desk, which finds codes
            # whatever their case, and two on the roster — the later would win there)
            other = folded_codes[code.casefold()]
            c.error(
                f"{where}.code",
                "code_case",
                f"代表编号“{code}”与“{other}”只有大小写不同：报到时无法区分，请改用不同的编号",
                f"person code {code!r} differs from {other!r} only in case: the check-in desk"
                " cannot tell them apart; give another code",
            )
        elif code and code_without_zeros(code) in unpadded:
            # ('1', '01' and '0001' on one roster: one person to the check-in desk's clerk;
            # and Excel turns a typed 0001 into 1 unless the cell is text)
            other = unpadded[code_without_zeros(code)]
            c.error(
                f"{where}.code",
                "code_zeros",
                f"代表编号“{code}”与“{other}”只差前面的 0：报到时无法区分（Excel 还会把 0001 存成数字 1）。"
                "如果是同一个人，请删去重复的一行；否则请改用不同的编号",
                f"person code {code!r} differs from {other!r} only in leading zeros: the"
                " check-in desk cannot tell them apart (and Excel stores 0001 as the number 1)."
                " If it is the same person, delete the repeated row; otherwise give another code",
            )
        if code:
            folded_codes.setdefault(code.casefold(), code)
            unpadded.setdefault(code_without_zeros(code), code)
        if unit is not None and unit not in unit_codes:
            c.error(
                f"{where}.unit",
                "unknown_unit",
                f"选举单位“{shown(unit)}”不在选举单位表中",
                f"unit {shown(unit)!r} is not among the units",
            )
        check_name(f"{where}.name", name, note)
        # (the note written after the name is the ballot's note when they stand; the
        # workplace tells namesakes apart on their cards; the education is in the
        # composition table)
        check_printed(f"{where}.name", note, NAME_NOTE)
        workplace = c.text(where, p, "workplace")
        education = c.text(where, p, "education")
        check_printed(f"{where}.workplace", workplace, WORKPLACE)
        check_printed(f"{where}.education", education, EDUCATION)
        told = {g for g in ("男", "女") if re.search(f"[（(，,、 ]{g}[）)，,、 ]", note)}
        if gender and len(told) == 1 and gender not in told:
            # ('陈红（女）' on a row whose 性别 says 男: one of them is wrong, and the note is
            # printed under the name on the ballot)
            c.warn(
                f"{where}.name",
                "gender_mismatch",
                f"姓名后的备注“{note}”与性别“{gender}”不一致：请核对（备注会印在选票上姓名的下面）",
                f"the note {note!r} after the name disagrees with the gender {gender!r}: please"
                " check (the note is printed under the name on the ballot)",
            )
        written_ethnicity = c.text(where, p, "ethnicity")
        ethnicity = ethnic_group(written_ethnicity)
        if ethnicity is None:
            # (counted as a minority it would be printed so on the composition table)
            c.warn(
                f"{where}.ethnicity",
                "ethnicity_unknown",
                f"民族“{written_ethnicity}”不是56个民族之一的写法：请核对改正（结构统计不把它算作少数民族，"
                "按民族不明计）",
                f"the ethnicity {written_ethnicity!r} is none of the 56 as written: check and"
                " correct it (the composition table does not count it as a minority, but as"
                " unknown)",
            )
            ethnicity = written_ethnicity
        noted = {g for g in ETHNIC_GROUPS if g in note}
        told_as = ethnicity if ethnicity.endswith("族") else f"{ethnicity}族"
        if ethnicity and len(noted) == 1 and told_as not in noted:
            # ('王磊（回族）' on a row whose 民族 says 汉族: the ballot prints the note, the
            # composition tables count the column)
            c.warn(
                f"{where}.name",
                "ethnicity_mismatch",
                f"姓名后的备注“{note}”与民族“{ethnicity}”不一致：请核对（备注会印在选票上姓名的下面，"
                "结构统计按“民族”一栏计算）",
                f"the note {note!r} after the name disagrees with the ethnicity {ethnicity!r}:"
                " please check (the note is printed under the name on the ballot; the"
                " composition tables count the ethnicity column)",
            )
        if id_number:
            chk = check_id_number(id_number)
            if not chk.ok:
                c.error(f"{where}.id_number", f"id_{chk.code}", chk.message_zh, chk.message_en)
            else:
                if chk.code == "legacy15":
                    c.warn(f"{where}.id_number", "id_legacy15", chk.message_zh, chk.message_en)
                for zh, en in cross_check(chk, gender, birth):
                    c.warn(f"{where}.id_number", "id_mismatch", zh, en)
            if id_number in ids_seen:
                c.error(
                    f"{where}.id_number",
                    "duplicate_id",
                    f"身份证号与 {ids_seen[id_number]} 相同：同一个人在名单里只能有一行，"
                    "请删去重复的一行，或核对身份证号",
                    f"the ID number is the same as {ids_seen[id_number]}'s: one person has"
                    " one row on the roster — delete the repeated row, or check the number",
                )
            else:
                ids_seen[id_number] = code or where
        if name:
            # ('阿力.马木提' is '阿力·马木提', '王 丽' is '王丽', '劉偉' is '刘伟')
            key = simplified(normalize(name))
            if key in names_seen:
                c.warn(
                    f"{where}.name",
                    "same_name",
                    f"与 {names_seen[key]} 同名“{name}”，请确认是不同的人",
                    f"same name {name!r} as {names_seen[key]}; make sure they are different people",
                )
            else:
                names_seen[key] = f"{code or where}"
        if raw_name and not name:
            c.error(
                f"{where}.name",
                "missing",
                f"“姓名”一格里只有备注“{note}”，没有姓名：请填上姓名",
                f"the name cell holds only the note {note!r}, no name: fill in the name",
            )
        if code and not name:
            nameless.add(code)
        if code and name and code not in people:
            if note:
                notes[code] = note
            people[code] = Person(
                code,
                name,
                gender,
                ethnicity,
                birth,
                c.text(where, p, "native_place"),
                id_number,
                education,
                party_join,
                work_start,
                workplace,
                category,
                unit,
                has_vote,
            )

    # contests
    contests: list[Contest] = []
    # (where, contest, the 预选 it takes its candidates from, candidates it needs)
    formal_lists: list[tuple[str, str, str, int]] = []
    officials: list[Official] = []
    contest_codes: set[str] = set()
    raw_contests = data.get("contests", [])
    if not isinstance(raw_contests, list):
        c.error("$.contests", "type", "选举事项应为列表", "contests must be a list")
        raw_contests = []
    by_upper: dict[str, list[str]] = {}
    for pc in people:
        by_upper.setdefault(pc.upper(), []).append(pc)

    by_unpadded: dict[str, list[str]] = {}
    for pc in people:
        by_unpadded.setdefault(code_without_zeros(pc), []).append(pc)

    def unknown_person(where: str, person: str, zh: str, en: str) -> None:
        """A code not on the roster — and the roster's code it is with other leading zeros
        ('0001' for the roster's 1: Excel made the typed 0001 the number 1)."""
        alike = [pc for pc in by_unpadded.get(code_without_zeros(person), []) if pc != person]
        if alike:
            zh += (
                f"；名单中有“{alike[0]}”，只差前面的 0：如果是同一个人，请在两处写同样的编号"
                "（Excel 会把 0001 存成数字 1：请把编号列设为文本后重新输入）"
            )
            en += (
                f"; the roster has {alike[0]!r}, which differs only in leading zeros: if it is"
                " the same person, write the same code in both places (Excel stores 0001 as the"
                " number 1: make the code column text and type it again)"
            )
        c.error(where, "unknown_person", zh, en)

    def known_code(code: str) -> str:
        """A person code as the roster has it: p0002 typed for P0002 (check-in takes either)."""
        if code in people or not code:
            return code
        same = by_upper.get(code.upper(), [])
        return same[0] if len(same) == 1 else code

    for i, k in enumerate(raw_contests):
        where = f"$.contests[{i}]"
        if not isinstance(k, dict):
            c.error(where, "type", "每个选举事项应为一个对象", "each contest must be an object")
            continue
        c.unknown_keys(where, k, CONTEST_KEYS)
        code = c.text(where, k, "code", required=True)
        title = c.text(where, k, "title", required=True)
        kind = c.enum(where, k, "kind", ContestKind, ContestKind.OTHER)
        method = c.enum(where, k, "method", Method, default_method(kind))
        seats = c.integer(where, k, "seats", None, 1, 999)
        unit = unit_named.get(c.text(where, k, "unit"), c.text(where, k, "unit")) or None
        style = c.enum(where, k, "ballot_style", BallotStyle, BallotStyle.SYMBOL)
        writeins = c.integer(
            where, k, "writein_columns", min(seats or 1, 4), 0, MAX_WRITEIN_COLUMNS
        )
        base = c.enum(where, k, "threshold_base", ThresholdBase, default_threshold_base(level_v))
        quorum = c.enum(where, k, "quorum_rule", QuorumRule, default_quorum_rule(level_v, kind))
        legal_margin = default_margin_pct(level_v, kind, method)
        margin = c.integer(where, k, "margin_min_pct", legal_margin, 0, 500)
        reason = c.text(where, k, "margin_reason")
        needs_mark = c.boolean(where, k, "writein_needs_mark", True)
        preselection = c.boolean(where, k, "preselection", False)
        # (the formal contest of a 预选: no candidate until the 预选 is held, its list then
        # taken with `huanjie contest candidates --candidates-from`)
        candidates_from = c.text(where, k, "candidates_from")
        if preselection and method is Method.UNCONTESTED:
            # (a 预选 chooses among more people than it keeps: with as many as its places,
            # there is nothing to choose)
            c.error(
                f"{where}.method",
                "uncontested_preselection",
                "预选是差额的：候选人应多于要确定的正式候选人人数（应选名额）",
                "a preselection (预选) is competitive: more candidates than the formal"
                " candidates it selects (seats)",
            )
        c.code_format(f"{where}.code", code)
        check_printed(f"{where}.title", title, CONTEST_TITLE)
        if code in contest_codes:
            c.error(
                f"{where}.code",
                "duplicate",
                f"选举事项编号“{code}”重复",
                f"contest code {code!r} is used twice",
            )
        contest_codes.add(code)
        if unit is not None and unit not in unit_codes:
            c.error(
                f"{where}.unit",
                "unknown_unit",
                f"选举单位“{shown(unit)}”不在选举单位表中",
                f"unit {shown(unit)!r} is not among the units",
            )
        elif (
            unit is not None
            and people
            and not any(p.unit == unit and p.has_vote for p in people.values())
        ):
            # (a roster whose unit column went unread — headed otherwise, left empty — would
            # give this contest nobody expected: 应到 0)
            c.error(
                f"{where}.unit",
                "unit_without_voters",
                f"选举事项“{code}”由选举单位“{unit}”选举，但代表名单中没有属于“{unit}”、有选举权的代表："
                "请检查代表名单的“选举单位”列（表头是否写成了别的名称、单元格是否空着）",
                f"contest {code!r} is elected by unit {unit!r}, but no one on the roster with a"
                f" vote belongs to {unit!r}: check the roster's unit column (is its header"
                " written otherwise, are its cells empty?)",
            )
        rule_margin = default_margin_pct(level_v, kind, Method.COMPETITIVE)
        if method is Method.UNCONTESTED and kind in _COMPETITIVE_KINDS and not reason:
            # (委员, 候补委员, 纪委委员 and delegates are elected 差额: 等额 would get round
            # the margin rule without a word)
            zh_kind, en_kind = _KIND_WORDS[kind]
            c.error(
                f"{where}.method",
                "uncontested_against_rule",
                f"{zh_kind}按规定差额选举（最低差额比例 {rule_margin}%）；如确需等额选举，"
                "请在“差额比例说明”中写明理由",
                f"{en_kind} are elected competitively by the rules (a margin of at least"
                f" {rule_margin}%); to hold it uncontested, state the reason in margin_reason",
            )
        if (
            method is Method.COMPETITIVE
            and kind in (ContestKind.SECRETARY, ContestKind.DEPUTY_SECRETARY)
            and not reason
        ):
            zh_kind, en_kind = _KIND_WORDS[kind]
            c.error(
                f"{where}.method",
                "competitive_against_rule",
                f"{zh_kind}按规定等额选举；如确需差额选举，请在“差额比例说明”中写明理由",
                f"the {en_kind} is elected uncontested by the rules; to hold it"
                " competitively, state the reason in margin_reason",
            )
        if margin is not None and margin < legal_margin and not reason:
            c.error(
                f"{where}.margin_min_pct",
                "margin_below_rule",
                f"最低差额比例 {margin}% 低于规定的 {legal_margin}%；如确需降低，请在“差额比例说明”中写明理由",
                f"minimum margin {margin}% is below the rule's {legal_margin}%; state a reason in margin_reason to override",
            )
        # candidates
        cands: list[Candidate] = []
        cand_codes: set[str] = set()
        cand_people: set[str] = set()
        incomplete = False  # a candidate left out for an error said on the roster's row
        raw_c = k.get("candidates", [])
        if not isinstance(raw_c, list):
            c.error(f"{where}.candidates", "type", "候选人应为列表", "candidates must be a list")
            raw_c = []
        for j, cd in enumerate(raw_c):
            cw = f"{where}.candidates[{j}]"
            if not isinstance(cd, dict):
                c.error(cw, "type", "每位候选人应为一个对象", "each candidate must be an object")
                continue
            c.unknown_keys(cw, cd, CANDIDATE_KEYS)
            ccode = c.text(cw, cd, "code") or f"c{j + 1:02d}"
            person = known_code(c.text(cw, cd, "person")) or None
            raw_name = clean_name(c.text(cw, cd, "name"))
            annotation = c.text(cw, cd, "annotation")
            name, ann = strip_annotation(raw_name)
            if annotation and ann and identity(annotation) != identity(ann):
                c.warn(
                    f"{cw}.name",
                    "two_notes",
                    f"姓名格里写了注释“{ann}”，“备注”列又写了“{annotation}”：选票上只印备注"
                    f"“{annotation}”。两者都要印的，请都写进“备注”",
                    f"the name cell has the note {ann!r} and the note column {annotation!r}:"
                    f" the ballot prints {annotation!r} only; put both in the note column if"
                    " both are meant",
                )
            # (the note the ballot prints: the note column's, else the name cell's — the
            # roster's note is checked on its own row)
            if annotation:
                check_printed(f"{cw}.annotation", annotation, NOTE)
            else:
                check_printed(f"{cw}.name", ann, NAME_NOTE)
            annotation = annotation or ann or notes.get(person or "", "")
            if person is not None and person in nameless and person not in people:
                incomplete = True
                continue
            if person is not None:
                if person not in people:
                    unknown_person(
                        f"{cw}.person",
                        person,
                        f"候选人对应的代表编号“{shown(person)}”不在名单中",
                        f"person {shown(person)!r} is not on the roster",
                    )
                    if not name:
                        continue  # (the name comes from the roster row: said above)
                else:
                    if not name or normalize(name) == normalize(people[person].name):
                        name = people[person].name  # ('阿力．马木提' is '阿力·马木提')
                    elif name != people[person].name:
                        listed = people[person].name
                        if simplified(normalize(name)) == simplified(normalize(listed)):
                            # (劉偉 for the roster's 刘伟: one name to the voter, two on paper)
                            zh = (
                                f"候选人姓名“{name}”与名单中 {person} 的姓名“{listed}”写法不同"
                                "（繁体、异体字）：请把两处改成同一写法——按身份证上的写法改正"
                                f"名单，或把候选人姓名改成名单中的“{listed}”（也可以空着，"
                                "按名单填入）"
                            )
                            en = (
                                f"candidate name {name!r} is written otherwise than the"
                                f" roster's {listed!r} for {person} (a traditional or variant"
                                " form): write both the same — correct the roster to the ID"
                                f" card's spelling, or give the candidate the roster's {listed!r}"
                                " (or leave the name blank: the roster's is taken)"
                            )
                        else:
                            zh = (
                                f"候选人姓名“{name}”与名单中 {person} 的姓名“{listed}”不一致："
                                "请核对代表编号；如是同一人，把两处改成同一写法（候选人姓名"
                                "也可以空着，按名单填入）"
                            )
                            en = (
                                f"candidate name {name!r} differs from the roster's {listed!r}"
                                f" for {person}: check the code; if it is that person, write"
                                " the name the same in both (or leave the candidate's name"
                                " blank: the roster's is taken)"
                            )
                        c.error(f"{cw}.name", "name_mismatch", zh, en)
                    if person in cand_people:
                        c.error(
                            f"{cw}.person",
                            "duplicate",
                            f"{person} 在同一选举事项中被列为候选人两次",
                            f"{person} is a candidate twice in this contest",
                        )
                    cand_people.add(person)
            if not name:
                c.error(f"{cw}.name", "missing", "缺少候选人姓名", "candidate name is missing")
                continue
            if person is None:
                # A candidate given by name alone who is on the roster (a list pasted from a
                # published one): unlinked, they could scrutinise their own contest, and
                # their gender, age and ethnicity are missing from the composition tables.
                key = simplified(normalize(name))
                same = [q.code for q in people.values() if simplified(normalize(q.name)) == key]
                if same:
                    c.warn(
                        f"{cw}.person",
                        "candidate_on_roster",
                        f"候选人“{name}”只写了姓名，代表名单中有同名的 {'、'.join(same)}：如是同一人，请在"
                        f"“代表编号”列填 {same[0]}（这样不能兼任本事项的监票人，当选后计入结构统计）",
                        f"candidate {name!r} is given by name alone, and the roster has {', '.join(same)}"
                        f" of that name: if it is that person, give the code {same[0]} (so they cannot"
                        " scrutinise this contest, and count in the composition tables if elected)",
                    )
            check_name(f"{cw}.name", name, ann)
            c.code_format(f"{cw}.code", ccode)
            if ccode in cand_codes:
                c.error(
                    f"{cw}.code",
                    "duplicate",
                    f"候选人编号“{ccode}”重复",
                    f"candidate code {ccode!r} is used twice",
                )
            cand_codes.add(ccode)
            cands.append(Candidate(ccode, name, person, annotation))
        # Two candidates of one name the ballot cannot tell apart (同名): neither could the
        # voter, nor the count.
        for group in namesakes(cands):
            c.error(f"{where}.candidates", "same_name", *namesakes_words(group))
        if candidates_from:
            if cands:
                c.error(
                    f"{where}.candidates",
                    "candidates_and_preselection",
                    f"选举事项“{code}”的候选人取自预选“{candidates_from}”，不应另列候选人",
                    f"contest {code!r} takes its candidates from the preselection"
                    f" {candidates_from!r}: list none of its own",
                )
            if seats is not None and margin is not None:
                need = minimum_candidates(seats, margin, kind, method)
                formal_lists.append((where, code, candidates_from, need))
        elif seats is not None and not incomplete:
            n = len(cands)
            if method is Method.UNCONTESTED and n != seats:
                c.error(
                    f"{where}.candidates",
                    "uncontested_count",
                    f"等额选举的候选人数应等于应选名额 {seats}，这里有 {n} 人",
                    f"an uncontested contest needs exactly {seats} candidates, has {n}",
                )
            if (
                method is Method.COMPETITIVE
                and kind is ContestKind.STANDING
                and n - seats > STANDING_MAX_EXTRA
                and not reason
            ):
                c.error(
                    f"{where}.candidates",
                    "standing_margin",
                    f"常委按规定差额 1 至 {STANDING_MAX_EXTRA} 名：应选 {seats} 名，候选人至多"
                    f" {seats + STANDING_MAX_EXTRA} 名，现有 {n} 名；如确需更多，请在“差额比例说明”中写明理由",
                    f"the standing committee's candidates are 1 to {STANDING_MAX_EXTRA} more than"
                    f" its seats by the rules: {seats} seats allow at most"
                    f" {seats + STANDING_MAX_EXTRA}, have {n}; to allow more, state the reason in"
                    " margin_reason",
                )
            if method is Method.COMPETITIVE and margin is not None:
                need = minimum_candidates(seats, margin, kind, method)
                if n < need:
                    c.error(
                        f"{where}.candidates",
                        "margin",
                        f"差额选举应选 {seats} 名，按最低差额比例 {margin}% 至少需要候选人 {need} 名，现有 {n} 名",
                        f"competitive: {seats} seats at a minimum margin of {margin}% need at least {need} candidates, have {n}",
                    )
        # officials
        raw_o = k.get("officials", [])
        if not isinstance(raw_o, list):
            c.error(
                f"{where}.officials", "type", "监票人/计票人应为列表", "officials must be a list"
            )
            raw_o = []
        for j, o in enumerate(raw_o):
            ow = f"{where}.officials[{j}]"
            if not isinstance(o, dict):
                c.error(ow, "type", "应为一个对象", "must be an object")
                continue
            c.unknown_keys(ow, o, OFFICIAL_KEYS)
            person = known_code(c.text(ow, o, "person", required=True))
            role = c.enum(ow, o, "role", OfficialRole, OfficialRole.SCRUTINEER)
            if person and person not in people and person not in nameless:
                unknown_person(
                    f"{ow}.person",
                    person,
                    f"代表编号“{shown(person)}”不在名单中",
                    f"person {shown(person)!r} is not on the roster",
                )
                continue
            if person and person not in people:
                continue  # (its roster row has no name: said there)
            if role is not OfficialRole.COUNTER and (
                person in cand_people
                or any(
                    k2.person is None and normalize(k2.name) == normalize(people[person].name)
                    for k2 in cands
                )
            ):
                c.error(
                    f"{ow}.person",
                    "scrutineer_is_candidate",
                    f"{people[person].name}（{person}）是本事项的候选人，不能担任监票人",
                    f"{people[person].name} ({person}) is a candidate in this contest and cannot be a scrutineer",
                )
            if person and role is not OfficialRole.COUNTER and not people[person].has_vote:
                c.error(
                    f"{ow}.person",
                    "scrutineer_without_vote",
                    f"监票人须从有选举权的人中推选：{people[person].name}（{person}）在代表名单中无选举权",
                    f"scrutineers are chosen among those with the vote: {people[person].name}"
                    f" ({person}) has no vote on the roster",
                )
            if person:
                officials.append(Official(code, person, role))
        if code and title and seats is not None and writeins is not None and margin is not None:
            contests.append(
                Contest(
                    code,
                    title,
                    kind,
                    method,
                    seats,
                    unit,
                    style,
                    writeins,
                    base,
                    quorum,
                    margin,
                    reason,
                    needs_mark,
                    tuple(cands),
                    preselection,
                )
            )
    for where, code, source, need in formal_lists:
        pre = next((k for k in contests if k.code == source), None)
        if pre is None or not pre.preselection:
            c.error(
                f"{where}.candidates_from",
                "not_a_preselection",
                f"“{source}”不是本定义中的预选事项（preselection）",
                f"{source!r} is no preselection (预选) contest of this definition",
            )
        elif pre.seats < need:
            c.error(
                f"{where}.candidates_from",
                "preselection_too_few",
                f"预选“{source}”确定正式候选人 {pre.seats} 名，少于选举事项“{code}”所需的候选人 {need} 名",
                f"the preselection {source!r} selects {pre.seats} formal candidates, fewer than"
                f" the {need} contest {code!r} needs",
            )
    # 常委, 书记, 副书记 are elected by the new committee, not by the congress that elects it:
    # in the congress's file their 应到, quorum and half would be the delegates'.
    congress = {ContestKind.COMMITTEE, ContestKind.ALTERNATE, ContestKind.DISCIPLINE}
    plenary = {ContestKind.STANDING, ContestKind.SECRETARY, ContestKind.DEPUTY_SECRETARY}
    if (
        election is not None
        and election.level is Level.LOCAL
        and any(k.kind in congress for k in contests)
    ):
        for k in contests:
            if k.kind in plenary and k.unit is None:
                c.warn(
                    "$.contests",
                    "plenary_in_congress",
                    f"“{k.title}”由新一届委员会全体会议选举（应到为委员人数，到会须超过三分之二），"
                    "不由党代会全体代表选举：请在委员选举确认后，用 huanjie template --plenary-of"
                    " 为全委会另建选举文件",
                    f"{k.title!r} is elected by the new committee's plenary (应到 its members,"
                    " more than 2/3 to meet), not by the congress: once the committee election"
                    " is certified, make the plenary a file of its own (huanjie template"
                    " --plenary-of)",
                )
    quorum_words = {
        QuorumRule.HALF: ("超过二分之一", "more than 1/2"),
        QuorumRule.TWO_THIRDS: ("超过三分之二", "more than 2/3"),
        QuorumRule.FOUR_FIFTHS: ("超过五分之四", "more than 4/5"),
    }
    # A members' assembly (基层) that elects its committee and, in the same file, a 书记 or
    # 副书记: by default these take a committee's 2/3, the assembly's contests 4/5 — 8 of 11
    # present voided the committee vote for want of a quorum and elected the secretary.
    if election is not None and election.level is Level.BASIC:
        assembly = {k.quorum_rule for k in contests if k.kind not in plenary and k.unit is None}
        for k in contests:
            if (
                k.kind in (ContestKind.SECRETARY, ContestKind.DEPUTY_SECRETARY)
                and k.unit is None
                and assembly
                and k.quorum_rule not in assembly
            ):
                c.warn(
                    "$.contests",
                    "secretary_quorum_in_assembly",
                    f"“{k.title}”的到会人数要求（{quorum_words[k.quorum_rule][0]}）与本党员大会"
                    "其他选举事项的不同：如由党员大会直接选举书记、副书记，请把它的到会人数要求"
                    "设为超过五分之四（four_fifths）；如由新一届委员会选举，请在委员会自己的选举"
                    "文件中进行（huanjie template --plenary-of）",
                    f"{k.title!r} has another quorum ({quorum_words[k.quorum_rule][1]}) than"
                    " the assembly's other contests: if the assembly itself elects the"
                    " secretary, set its quorum to more than 4/5 (four_fifths); if the new"
                    " committee elects it, run it in the committee's own file (huanjie template"
                    " --plenary-of)",
                )
    # 书记 and 副书记 are elected from among the 常委 (a plenary elects the standing
    # committee first): a candidate who is not on its list cannot be one.
    standing = {
        k2.person for k in contests if k.kind is ContestKind.STANDING for k2 in k.candidates
    }
    if standing:
        for k in contests:
            if k.kind not in (ContestKind.SECRETARY, ContestKind.DEPUTY_SECRETARY):
                continue
            outside = [k2.name for k2 in k.candidates if k2.person not in standing]
            if outside:
                c.warn(
                    "$.contests",
                    "secretary_not_standing",
                    f"“{k.title}”的候选人 {'、'.join(outside)} 不在常委候选人名单中："
                    f"{_KIND_WORDS[k.kind][0]}从当选的常委中选举，请核对",
                    f"{', '.join(outside)}, candidate(s) for {k.title!r}, are not among the standing"
                    f" committee's candidates: the {_KIND_WORDS[k.kind][1]} is elected from among"
                    " the standing committee; please check",
                )
    chiefs: dict[str, int] = {}
    for o in officials:
        if o.role is OfficialRole.CHIEF_SCRUTINEER:
            chiefs[o.contest] = chiefs.get(o.contest, 0) + 1
    for code, n in chiefs.items():
        if n > 1:
            c.error(
                "$.contests",
                "two_chiefs",
                f"选举事项 {code} 只能有一名总监票人，这里有 {n} 名",
                f"contest {code} may have one chief scrutineer, has {n}",
            )

    if c.problems and any(not p.warning for p in c.problems):
        return Validation(None, c.problems)
    assert election is not None
    return Validation(
        Definition(
            election, tuple(units), tuple(people.values()), tuple(contests), tuple(officials)
        ),
        c.problems,
    )
