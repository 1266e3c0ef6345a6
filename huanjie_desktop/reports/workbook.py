"""The Excel definition workbook: `huanjie template` writes it, `huanjie init` reads it.

Reading turns the workbook into the JSON shape of the definition, plus a map from JSON paths to
"sheet, row, column" so that every problem names the cell a clerk has to fix.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from pathlib import Path
from typing import Any

from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from huanjie_desktop.domain.definition import DefinitionRefused, clean_cell, month_text
from huanjie_desktop.domain.model import Problem
from huanjie_desktop.domain.name_order import totals_line

SHEET_HELP = "填写说明"
SHEET_ELECTION = "选举"
SHEET_UNITS = "选举单位"
SHEET_PEOPLE = "代表名单"
SHEET_CONTESTS = "选举事项"
SHEET_CANDIDATES = "候选人"
SHEET_OFFICIALS = "监票计票人员"

#: locations key ``COLUMNS_KEY + sheet`` → the keys of the columns the sheet has, space-separated
COLUMNS_KEY = "columns:"
UNIT_COLS = [("code", "编号"), ("name", "名称")]
PEOPLE_COLS = [
    ("code", "编号"),
    ("name", "姓名"),
    ("gender", "性别"),
    ("ethnicity", "民族"),
    ("birth", "出生年月"),
    ("native_place", "籍贯"),
    ("id_number", "身份证号码"),
    ("education", "学历/学位"),
    ("party_join", "入党时间"),
    ("work_start", "参加工作时间"),
    ("workplace", "工作单位及职务"),
    ("category", "代表类别"),
    ("unit", "选举单位"),
    ("has_vote", "有选举权"),
]
CONTEST_COLS = [
    ("code", "编号"),
    ("title", "名称"),
    ("kind", "类别"),
    ("method", "选举方式"),
    ("seats", "应选名额"),
    ("unit", "选举单位"),
    ("ballot_style", "选票样式"),
    ("writein_columns", "另选他人栏数"),
    ("threshold_base", "当选基数"),
    ("quorum_rule", "到会人数要求"),
    ("margin_min_pct", "最低差额比例(%)"),
    ("margin_reason", "差额比例说明"),
    ("preselection", "预选"),
    ("candidates_from", "候选人取自预选"),
]
CANDIDATE_COLS = [
    ("contest", "选举事项编号"),
    ("code", "候选人编号"),
    ("name", "姓名"),
    ("person", "代表编号"),
    ("annotation", "备注"),
]
OFFICIAL_COLS = [("contest", "选举事项编号"), ("person", "代表编号"), ("role", "职务")]

# Chinese labels accepted for enum values (English values are accepted too).
LABELS: dict[str, dict[str, str]] = {
    "level": {
        "地方": "local",
        "地方组织": "local",
        "党代会": "local",
        "基层": "basic",
        "基层组织": "basic",
        "党员大会": "basic",
    },
    "kind": {
        "委员": "committee",
        "候补委员": "alternate",
        "纪委委员": "discipline",
        "代表": "delegate",
        "党代表": "delegate",
        "出席上级党代会代表": "delegate",
        "常委": "standing",
        "书记": "secretary",
        "副书记": "deputy_secretary",
        "其他": "other",
    },
    "method": {
        "差额": "competitive",
        "差额选举": "competitive",
        "等额": "uncontested",
        "等额选举": "uncontested",
    },
    "ballot_style": {
        "符号式": "symbol",
        "画符号": "symbol",
        "分栏式": "columns",
        "三栏": "columns",
    },
    "threshold_base": {
        "应到": "expected",
        "应到会有选举权人数": "expected",
        "实到": "present",
        "实到会有选举权人数": "present",
    },
    # (each strictly exceeded, as the rules say: “超过”. Not “三分之二以上” — 以上 includes
    # the number itself, another rule at exactly two thirds present)
    "quorum_rule": {
        "过半数": "half",
        "超过半数": "half",
        "过半": "half",
        "二分之一": "half",
        "超过二分之一": "half",
        "1/2": "half",
        "超过1/2": "half",
        "三分之二": "two_thirds",
        "超过三分之二": "two_thirds",
        "2/3": "two_thirds",
        "超过2/3": "two_thirds",
        "五分之四": "four_fifths",
        "超过五分之四": "four_fifths",
        "4/5": "four_fifths",
        "超过4/5": "four_fifths",
    },
    "role": {"总监票人": "chief_scrutineer", "监票人": "scrutineer", "计票人": "counter"},
}
YES = {"是", "有", "Y", "YES", "TRUE", "1", "√", "✓"}
NO = {"否", "无", "N", "NO", "FALSE", "0", "×"}
#: A 政治面貌 or 党员类别 column read as 有选举权 (its words, after a leading 中共 or
#: 中国共产党): a full member has the vote, a probationary member (预备党员) has not. Only
#: for 有选举权 — “正式” in the 预选 column is no yes.
MEMBER_YES = {"党员", "正式党员", "正式"}
MEMBER_NO = {"预备党员", "预备"}
#: The headers of a party-status column read as 有选举权 (a note says so).
STATUS_HEADERS = ("政治面貌", "党员类别")


def _yes_no(value: Any, key: str) -> Any:
    """A 是/否 cell as True/False; for 有选举权 also a party status (正式党员 → True,
    中共预备党员 → False); anything else as it is (refused by the check, quoted)."""
    s = "".join(unicodedata.normalize("NFKC", str(value)).split()).upper()
    if s in YES:
        return True
    if s in NO:
        return False
    if key == "has_vote":
        for prefix in ("中国共产党", "中共"):
            if s.startswith(prefix) and len(s) > len(prefix):
                s = s[len(prefix) :]
                break
        if s in MEMBER_YES:
            return True
        if s in MEMBER_NO:
            return False
    return value


HELP_LINES = [
    "换届计票 选举定义表 填写说明",
    "",
    "1. 每个工作表第一行是表头，请勿修改表头；从第二行起每行填写一条。",
    "2. “选举”表填写选举名称、日期（如 2026-07-28）和层级（地方 / 基层）。",
    "3. “选举单位”表：编号（字母数字，如 U01）和名称。",
    "4. “代表名单”表：编号唯一（如 P0001）；性别填 男/女；出生年月、入党时间、参加工作时间写成 1980-05；",
    "   身份证号码请设为“文本”格式，避免 Excel 把它变成科学计数法；有选举权填 是/否（预备党员填 否）。",
    "   选举单位每人一行都要填写（或把一组的单元格合并），不要只填每组第一行。",
    "5. “选举事项”表：类别填 委员/候补委员/纪委委员/代表/常委/书记/副书记/其他；选举方式填 差额/等额；",
    "   选举单位留空表示全体代表参加选举；选票样式填 符号式（画○×）或 分栏式（赞成/不赞成/弃权三栏）；",
    "   当选基数填 应到 或 实到（地方党代会默认应到，基层党员大会默认实到）；",
    "   到会人数要求填 超过半数 / 超过三分之二 / 超过五分之四（不填按规定）；",
    "   最低差额比例留空按规定（代表20%，委员、候补委员、纪委委员10%）；如需低于规定，须在“差额比例说明”写明理由。",
    "   预选（确定正式候选人）填 是：应选名额即要确定的正式候选人人数，按得票多少确定，不要求过半数；",
    "   正式选举的候选人由预选确定的，在“候选人取自预选”填预选事项的编号，该事项在“候选人”表中不列候选人。",
    "6. “候选人”表：每行一名候选人，填选举事项编号和姓名；是名单中的代表时填代表编号。",
    "   候选人顺序由软件按姓氏笔画自动排列；书记、副书记除外：按本表中行的先后（即上级批准的顺序）印在选票和当选名单上，请按批准的顺序填写。",
    "   姓名后的（女）（满族）等备注可写在备注栏。",
    "7. “监票计票人员”表：总监票人、监票人须为不是该事项候选人的代表；计票人可以不是代表。",
    "8. 导入时软件一次列出所有问题（工作表、行、列），全部改正后才会创建选举文件。",
]


#: A table's header row is looked for in this many rows from the top of its sheet.
HEADER_SEARCH_ROWS = 12


def write_template(path: Path, example: dict[str, Any] | None = None) -> None:
    """Write the definition workbook (empty, or filled with ``example`` in the JSON shape)."""
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = SHEET_HELP
    for i, line in enumerate(HELP_LINES, start=1):
        ws.cell(row=i, column=1, value=line)
    ws["A1"].font = Font(bold=True, size=14)
    ws.column_dimensions["A"].width = 120

    head_font = Font(bold=True)
    head_fill = PatternFill("solid", fgColor="FFE7D7C1")

    def table(title: str, cols: list[tuple[str, str]], rows: list[dict[str, Any]]) -> Any:
        sh = wb.create_sheet(title)
        for j, (_, label) in enumerate(cols, start=1):
            cell = sh.cell(row=1, column=j, value=label)
            cell.font = head_font
            cell.fill = head_fill
            cell.alignment = Alignment(horizontal="center")
            sh.column_dimensions[get_column_letter(j)].width = max(10, 2.2 * len(label) + 4)
        for i, row in enumerate(rows, start=2):
            for j, (key, _) in enumerate(cols, start=1):
                value = row.get(key)
                if isinstance(value, bool):
                    value = "是" if value else "否"
                cell = sh.cell(row=i, column=j, value=value)
                cell.number_format = "@" if isinstance(value, str) else "General"
        sh.freeze_panes = "A2"
        return sh

    ex = example or {}
    el = ex.get("election", {})
    sh = wb.create_sheet(SHEET_ELECTION)
    for i, (label, key) in enumerate(
        [("选举名称", "name"), ("选举日期", "date"), ("层级", "level")], 1
    ):
        sh.cell(row=i, column=1, value=label).font = head_font
        value = el.get(key)
        if key == "level" and value:
            value = "地方" if value == "local" else "基层"
        sh.cell(row=i, column=2, value=value).number_format = "@"
    sh.column_dimensions["A"].width = 14
    sh.column_dimensions["B"].width = 60

    table(SHEET_UNITS, UNIT_COLS, ex.get("units", []))
    people = table(SHEET_PEOPLE, PEOPLE_COLS, ex.get("people", []))
    id_col = get_column_letter(7)
    for r in range(2, 2001):
        people[f"{id_col}{r}"].number_format = "@"
    dv = DataValidation(type="list", formula1='"男,女"', allow_blank=True)
    people.add_data_validation(dv)
    dv.add("C2:C2000")
    dv2 = DataValidation(type="list", formula1='"是,否"', allow_blank=True)
    people.add_data_validation(dv2)
    dv2.add("N2:N2000")
    contests = []
    candidates = []
    officials = []
    rev = {k: {v: lab for lab, v in labels.items()} for k, labels in LABELS.items()}
    for c in ex.get("contests", []):
        row = dict(c)
        if "preselection" in row:
            row["preselection"] = "是" if row["preselection"] else ""
        for key in ("kind", "method", "ballot_style", "threshold_base", "quorum_rule"):
            if row.get(key):
                row[key] = rev[key].get(row[key], row[key])
        contests.append(row)
        for k in c.get("candidates", []):
            candidates.append({"contest": c["code"], **k})
        for o in c.get("officials", []):
            officials.append(
                {
                    "contest": c["code"],
                    "person": o["person"],
                    "role": rev["role"].get(o.get("role", ""), o.get("role")),
                }
            )
    table(SHEET_CONTESTS, CONTEST_COLS, contests)
    table(SHEET_CANDIDATES, CANDIDATE_COLS, candidates)
    table(SHEET_OFFICIALS, OFFICIAL_COLS, officials)
    path.parent.mkdir(parents=True, exist_ok=True)
    wb.save(str(path))


class WorkbookError(Exception):
    def __init__(self, zh: str, en: str) -> None:
        super().__init__(zh)
        self.zh = zh
        self.en = en


#: A number format that pads a whole number with zeros, with a fixed text before or after it:
#: ``0000``, ``000000``, ``"P"0000``, ``\\P0000`` (the first section: what a number ≥ 0 shows).
_PADDED = re.compile(r'^((?:"[^"]*"|\\.)*)(#*0+)((?:"[^"]*"|\\.)*)$')
_LITERAL = re.compile(r'"([^"]*)"|\\(.)')


def shown_number(value: Any, number_format: Any) -> Any:
    """A whole number as Excel shows it when its cell's number format pads it with zeros
    (0001 kept as the number 1 formatted ``0000``, the organisation department's list): the
    text the clerk sees, not ``1`` — a code read as 1 is another person than 0001. Any other
    value, or format, is returned as it is (a format that adds nothing changes nothing)."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return value
    if isinstance(value, float) and not value.is_integer():
        return value
    if not isinstance(number_format, str) or value < 0:
        return value
    m = _PADDED.match(number_format.split(";")[0].strip())
    if m is None:
        return value
    prefix = "".join(a or b for a, b in _LITERAL.findall(m.group(1)))
    suffix = "".join(a or b for a, b in _LITERAL.findall(m.group(3)))
    digits = str(int(value)).rjust(m.group(2).count("0"), "0")
    text = f"{prefix}{digits}{suffix}"
    return text if text != str(int(value)) else value


def _text(value: Any) -> Any:
    if value is None:
        return None
    if isinstance(value, dt.datetime | dt.date):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str):
        # (every cell as a name is: 'P0003\u200b' pasted from a web page is P0003)
        v = clean_cell(value)
        return v if v else None
    return value


#: Other headers offices write for the template's columns (compared after `header_key`:
#: without spaces, line breaks and bracketed notes such as （年.月）).
SYNONYMS: dict[str, tuple[str, ...]] = {
    "编号": ("代表编号", "人员编号"),
    "名称": ("选举事项名称", "选举单位名称", "单位名称"),
    "姓名": ("代表姓名", "候选人姓名"),
    "出生年月": ("出生日期", "出生年月日", "出生时间", "出生年份"),
    "身份证号码": ("身份证号", "公民身份号码", "公民身份证号码", "身份证"),
    "学历/学位": ("学历", "学历学位", "学历（学位）", "文化程度", "学位"),
    "入党时间": ("入党年月", "入党日期"),
    "参加工作时间": ("参加工作年月", "参加工作日期", "工作时间"),
    "工作单位及职务": ("工作单位和职务", "单位及职务", "工作单位及职务职称", "工作单位"),
    "代表类别": ("代表构成", "类别"),
    "选举单位": (
        "所在选举单位",
        "所属选举单位",
        "选举单位编号",
        "选举单位名称",
        "代表团",
        "所在代表团",
        "所属代表团",
        "党支部",
        "所在党支部",
        "所属党支部",
    ),
    # (表决权: the word a congress uses for the same right — 列席 attendees have neither)
    "有选举权": (
        "是否有选举权",
        "有无选举权",
        "选举权",
        "有表决权",
        "是否有表决权",
        "有无表决权",
        "表决权",
        "政治面貌",
        "党员类别",
    ),
    "应选名额": ("应选人数", "名额"),
    "当选基数": ("当选票数基数", "基数"),
    "另选他人栏数": ("另选他人", "另选人栏数"),
    "候选人编号": (),
    "选举事项编号": ("选举事项",),
}
#: Headers that carry nothing to import and need no word (a row number).
IGNORED_HEADERS = frozenset({"序号", "备注说明", ""})

_BRACKETED = re.compile(r"[(（][^()（）]*[)）]")


def header_key(text: Any) -> str:
    """A header as compared: spaces and line breaks (Alt+Enter) removed, and a bracketed
    note after it ('出生年月（年.月）', '选举单位（留空为全体）')."""
    if text is None:
        return ""
    plain = "".join(str(text).split())
    return _BRACKETED.sub("", plain) or plain


def _columns(cols: list[tuple[str, str]]) -> dict[str, str]:
    """header_key → key, for the template's labels and their synonyms."""
    out: dict[str, str] = {}
    for key, label in cols:
        out.setdefault(header_key(label), key)
    for key, label in cols:
        for other in SYNONYMS.get(label, ()):
            out.setdefault(header_key(other), key)
    return out


def _note(notes: list[Problem] | None, where: str, code: str, zh: str, en: str) -> None:
    if notes is not None:
        notes.append(Problem(where, code, zh, en, warning=True))


def _used_rows(ws: Any) -> list[list[Any]]:
    """The sheet's rows of values up to the last row holding anything but blanks: a space
    typed by mistake in the sheet's last row (1,048,576) made every cell above it be
    created — 48 s and 3.5 GB for a roster of twenty people. (The cells the sheet holds are
    read where openpyxl keeps them; any other sheet is read row by row.)"""
    cells = getattr(ws, "_cells", None)
    if not isinstance(cells, dict):
        return [[shown_number(c.value, c.number_format) for c in r] for r in ws.iter_rows()]
    by_row: dict[int, dict[int, Any]] = {}
    last = 0
    for (r, c), cell in cells.items():
        value = shown_number(cell.value, cell.number_format)
        if value is None:
            continue
        by_row.setdefault(r, {})[c] = value
        if not (isinstance(value, str) and not value.strip()):
            last = max(last, r)
    rows: list[list[Any]] = []
    for r in range(1, last + 1):
        cols = by_row.get(r)
        row: list[Any] = [None] * max(cols) if cols else []
        for c, value in (cols or {}).items():
            row[c - 1] = value
        rows.append(row)
    return rows


def _sheet_values(ws: Any) -> tuple[list[list[Any]], dict[tuple[int, int], tuple[int, int, int]]]:
    """The sheet's values, a merged range's value in every cell it covers; and for each such
    filled cell (0-based row, column) the range's (first row, last row, first column), 1-based."""
    rows = _used_rows(ws)
    filled: dict[tuple[int, int], tuple[int, int, int]] = {}
    for rng in ws.merged_cells.ranges:
        first = ws.cell(rng.min_row, rng.min_col)
        value = shown_number(first.value, first.number_format)
        for r in range(rng.min_row, rng.max_row + 1):
            while len(rows) < r:
                rows.append([])
            row = rows[r - 1]
            for c in range(rng.min_col, rng.max_col + 1):
                while len(row) < c:
                    row.append(None)
                if (r, c) != (rng.min_row, rng.min_col):
                    row[c - 1] = value
                    filled[(r - 1, c - 1)] = (rng.min_row, rng.max_row, rng.min_col)
    return rows, filled


def _row_spans(rows: list[int], most: int = 10) -> str:
    """Sheet rows as spans: [3, 4, 5, 9] → '3–5、9' (the first ``most`` spans, then '…')."""
    spans: list[tuple[int, int]] = []
    for r in rows:
        if spans and r == spans[-1][1] + 1:
            spans[-1] = (spans[-1][0], r)
        else:
            spans.append((r, r))
    text = "、".join(f"{a}–{b}" if b > a else str(a) for a, b in spans[:most])
    return text + ("…" if len(spans) > most else "")


def units_left_blank(rows: list[tuple[int, dict[str, Any]]]) -> list[int]:
    """The roster's rows whose unit cell is blank below a row that has one: what Excel and
    WPS leave of a unit merged down its people after 取消合并单元格, or a list typed with
    the unit on each group's first row only (同上 left unsaid). (A 合计 row is no person.)"""
    blank: list[int] = []
    seen = False
    for r, rec in rows:
        if rec.get("unit") is not None:
            seen = True
        elif seen and not any(
            isinstance(rec.get(k), str) and totals_line(rec[k]) for k in ("name", "code")
        ):
            blank.append(r)
    return blank


def read_definition_workbook(
    path: Path,
    notes: list[Problem] | None = None,
    *,
    roster_only: bool = False,
    unit_contests: list[str] | None = None,
) -> tuple[dict[str, Any], dict[str, str]]:
    """Workbook → (definition in the JSON shape, JSON path → 'sheet 表, 第N行, 列名').

    Read as offices make their sheets: a title above the table, headers written a little
    differently ('身份证号', '出生年月（年.月）', a line break inside), a two-level header,
    merged cells (a unit's code merged down its people: every row gets it). What is read in
    a way the clerk should check, or left out (a column or a sheet the template does not
    have, hidden rows, merged cells filled in), is appended to ``notes`` as warnings.

    ``roster_only``: the roster is what is wanted (an import of the 代表名单 into a file
    made already): the other sheets may be missing, and a workbook of one sheet under
    another name ('Sheet1', as the organisation department sends it) is the roster.

    ``unit_contests``: the codes of the contests elected by a unit (those whose 应到 counts
    the roster's unit column), when the election file has them already; else read from the
    workbook's 选举事项. Unit cells left blank below a filled one (`units_left_blank`) are
    refused when there is any: a person in no unit is expected at none of them."""
    try:
        with Path(path).open("rb") as f:
            head = f.read(8)
    except OSError:
        head = b""
    if head == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" and Path(path).suffix.lower() == ".xlsx":
        # (an .xlsx with an opening password is stored as an encrypted compound file)
        raise DefinitionRefused(
            [
                Problem(
                    str(path),
                    "xlsx_password",
                    "这个 Excel 文件设了打开密码（或其实是旧的 .xls 格式）：请在 Excel 或 WPS 中打开，"
                    "取消密码后另存为 .xlsx，再导入",
                    "this Excel file has an opening password (or is an old .xls): open it in Excel"
                    " or WPS, remove the password, save it as .xlsx and import that",
                )
            ]
        )
    try:
        wb = load_workbook(str(path), data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a damaged file
        raise DefinitionRefused(
            [
                Problem(
                    str(path),
                    "xlsx",
                    f"无法读取 Excel 文件（{type(exc).__name__}）：请确认是 .xlsx 格式且没有损坏",
                    f"cannot read the Excel file ({type(exc).__name__}); make sure it is an undamaged .xlsx",
                )
            ]
        ) from None
    loc: dict[str, str] = {}
    data: dict[str, Any] = {}
    missing: list[str] = []
    # A sheet's name as the clerk may have typed it (a space after it).
    sheets: dict[str, str] = {}
    clashes: list[Problem] = []  # problems of the sheets' layout, told with the others
    for n in wb.sheetnames:
        plain = "".join(n.split())
        if plain in sheets:
            # ('代表名单' and an older '代表名单 ' kept beside it: which is the roster?)
            clashes.append(
                Problem(
                    f"工作表“{sheets[plain]}”和“{n}”",
                    "sheet_twice",
                    f"有两张名为“{plain}”的工作表（只差空格）：请删去或改名不用的那一张，再导入",
                    f"two sheets are named {plain} (they differ only in spaces): delete or"
                    " rename the one not to be used, and import again",
                )
            )
            continue
        sheets[plain] = n
    as_roster = None  # (a sheet under another name read as the roster)
    if roster_only and SHEET_PEOPLE not in sheets:
        filled = [
            n
            for n in wb.sheetnames
            if "".join(n.split()) != SHEET_HELP
            and any(v is not None for row in wb[n].iter_rows(values_only=True) for v in row)
        ]
        if len(filled) == 1:
            sheets[SHEET_PEOPLE] = as_roster = filled[0]
            _note(
                notes,
                f"工作表“{filled[0]}”",
                "sheet_as_roster",
                "工作簿中只有这一张工作表，已按代表名单导入",
                "the workbook has only this sheet; it was imported as the roster",
            )
    known_sheets = {
        SHEET_HELP,
        SHEET_ELECTION,
        SHEET_UNITS,
        SHEET_PEOPLE,
        SHEET_CONTESTS,
        SHEET_CANDIDATES,
        SHEET_OFFICIALS,
    }

    # sheet → key → the column's header as the sheet writes it ('政治面貌' for 有选举权)
    heads: dict[str, dict[str, str]] = {}

    def sheet_rows(name: str, cols: list[tuple[str, str]]) -> list[tuple[int, dict[str, Any]]]:
        if name not in sheets:
            if not roster_only or name == SHEET_PEOPLE:
                missing.append(name)
            return []
        ws = wb[sheets[name]]
        if ws.sheet_state != "visible":
            # (an old copy hidden, the clerk working on a visible '代表名单 (2)')
            _note(
                notes,
                f"工作表“{sheets[name]}”",
                "hidden_sheet",
                "这张工作表是隐藏的，已按它导入：请确认它就是要用的那一张（不是旧的副本）",
                "this sheet is hidden and was imported: make sure it is the one to use, not"
                " an old copy",
            )
        rows, merged = _sheet_values(ws)
        if not rows:
            return []
        # The header row: the first row, or one of the next few when a title sits above the
        # table (a published list's '中国共产党…代表名单' merged across the columns).
        columns = _columns(cols)

        def known(row: list[Any]) -> int:
            return len({columns[k] for h in row if (k := header_key(h)) in columns})

        top = max(range(min(HEADER_SEARCH_ROWS, len(rows))), key=lambda i: (known(rows[i]), -i))
        header = [header_key(h) for h in rows[top]]
        first = top + 1
        # A two-level header ('时间' over '入党' and '参加工作'): the row below names columns
        # the first does not.
        if first < len(rows):
            below = [header_key(h) for h in rows[first]]
            header = header + [""] * (len(below) - len(header))
            extra: dict[int, str] = {}
            for j, k in enumerate(below):
                if not k or header[j] in columns:
                    continue
                # '入党' under '时间' is '入党时间'
                for joined in (k, k + header[j], header[j] + k):
                    if joined in columns:
                        extra[j] = joined
                        break
            # (the other headers merged down over both rows, as Excel makes such a header,
            # show again in the second: copies, not a row of data)
            copied = {j for j in range(len(below)) if merged.get((first, j), (0,))[0] == top + 1}
            if extra and not any(
                k in columns for j, k in enumerate(below) if j not in extra and j not in copied
            ):
                for j, joined in extra.items():
                    header[j] = joined
                first += 1
        # Each field from one column: the template's own header before another name for it
        # ('有选举权' before '政治面貌'); two columns of one header (a list laid out in two
        # blocks side by side) are refused, never half of it read.
        exact = {header_key(label): key for key, label in cols}
        index: dict[str, int] = {}
        also: dict[str, list[int]] = {}
        for j, h in enumerate(header):
            key = columns.get(h)
            if key is None:
                continue
            if key not in index:
                index[key] = j
            elif exact.get(h) == key and exact.get(header[index[key]]) != key:
                also.setdefault(key, []).insert(0, index[key])
                index[key] = j
            else:
                also.setdefault(key, []).append(j)
        sheet = sheets[name]

        def filled(j: int) -> int:
            """How many of the table's rows hold something in column ``j``."""
            return sum(1 for v in rows[first:] if j < len(v) and _text(v[j]) is not None)

        labels = dict(cols)
        for key, others in also.items():
            others = [j for j in others if filled(j)]
            if not others:
                continue
            chosen = index[key]
            letters = "、".join(get_column_letter(j + 1) + "列" for j in sorted([chosen, *others]))
            same = [j for j in others if header[j] == header[chosen]]
            if same or exact.get(header[chosen]) != key:
                clashes.append(
                    Problem(
                        f"工作表“{sheet}” {letters}",
                        "column_twice",
                        f"这几列都是“{labels[key]}”：一行只能写一个人。如果名单排成了左右两栏，"
                        "请把右边一栏移到左边一栏的下面；否则请删去多余的列，再导入",
                        f"these columns are all {labels[key]}: a row holds one person. If the"
                        " list is laid out in two blocks side by side, move the right one under"
                        " the left one; otherwise delete the extra columns, and import again",
                    )
                )
            else:
                for j in others:
                    letter = get_column_letter(j + 1)
                    _note(
                        notes,
                        f"工作表“{sheet}” {letter}列“{header[j]}”",
                        "column_ignored",
                        f"“{labels[key]}”按 {get_column_letter(chosen + 1)}列（模板的表头）"
                        "导入，这一列没有导入：请核对两列是否一致",
                        f"{labels[key]} was read from column {get_column_letter(chosen + 1)}"
                        " (the template's header); this column was not: check they agree",
                    )
        if "has_vote" in index and exact.get(header[index["has_vote"]]) != "has_vote":
            h = header[index["has_vote"]]
            if h in STATUS_HEADERS:
                _note(
                    notes,
                    f"工作表“{sheet}” {get_column_letter(index['has_vote'] + 1)}列“{h}”",
                    "vote_from_status",
                    "没有“有选举权”列，选举权按这一列判断：正式党员有，预备党员没有。请核对",
                    "no 有选举权 column: the vote was taken from this one (full members have"
                    " it, probationary members do not); check it",
                )
        # (which columns the sheet has at all: an import leaves what a column it lacks
        # would say as the file has it — a list of 编号/姓名/选举单位 blanks nobody's ID)
        loc[f"{COLUMNS_KEY}{name}"] = " ".join(sorted(index))
        heads[name] = {key: header[j] for key, j in index.items()}
        out = []
        hidden: list[int] = []
        merged_cols: dict[int, set[tuple[int, int, int]]] = {}
        for r, values in enumerate(rows[first:], start=first + 1):
            rec: dict[str, Any] = {}
            for key, col in index.items():
                v = _text(values[col]) if col < len(values) else None
                if v is not None:
                    rec[key] = v
                    # (a cell merged down over rows; one merged across a row alone — a
                    # heading's — gives its value to no other row)
                    if (r - 1, col) in merged and merged[(r - 1, col)][1] > merged[(r - 1, col)][0]:
                        merged_cols.setdefault(col, set()).add(merged[(r - 1, col)])
            if rec:
                out.append((r, rec))
                if ws.row_dimensions[r].hidden:
                    hidden.append(r)
        vote_col = index.get("has_vote")
        if cols is PEOPLE_COLS and out and (vote_col is None or not filled(vote_col)):
            # (a blank 有选举权 is read as 是, the template's default: without the column, or
            # with it left empty, every probationary member and 列席 attendee would be counted
            # in 应到 — the quorum and a threshold on 应到 raised — and nothing said so)
            count = len(out)
            what_zh = (
                "名单没有“有选举权”列"
                if vote_col is None
                else f"“有选举权”列（{get_column_letter(vote_col + 1)}列）全是空的"
            )
            what_en = (
                "the roster has no 有选举权 column"
                if vote_col is None
                else f"the 有选举权 column ({get_column_letter(vote_col + 1)}) is empty"
            )
            # (a roster imported into an election adds to those already there: its own count
            # is not the whole 应到)
            total_zh = "" if roster_only else f"（应到 {count} 人）"
            total_en = "" if roster_only else f": 应到 {count}"
            _note(
                notes,
                f"工作表“{sheet}”",
                "no_vote_column",
                f"{what_zh}：全部 {count} 人都按有选举权计算，计入应到人数{total_zh}。"
                "预备党员、列席人员没有选举权：请在“有选举权”列填 是/否，再导入",
                f"{what_en}: all {count} people are counted as having the vote{total_en}."
                " Probationary members and 列席 attendees have no vote: fill in a 有选举权"
                " column with 是/否 and import again",
            )
        used = set(index.values()) | {j for js in also.values() for j in js}
        # Columns holding data under no header at all (a second block of the list laid out
        # beside the first without its headers: half the roster read without a word).
        width = max((len(v) for v in rows[first:]), default=0)
        bare = [
            j
            for j in range(width)
            if j not in used and (j >= len(header) or not header[j]) and filled(j) >= 2
        ]
        if len(bare) >= 2:
            letters = "、".join(get_column_letter(j + 1) + "列" for j in bare[:12]) + (
                "…" if len(bare) > 12 else ""
            )
            clashes.append(
                Problem(
                    f"工作表“{sheet}” {letters}",
                    "columns_without_header",
                    "这几列有内容却没有表头，没有导入。如果名单排成了左右两栏，请把右边一栏移到左边一栏的"
                    "下面；否则请给这些列加上模板的表头，或删去它们，再导入",
                    "these columns hold data under no header and were not imported. If the list"
                    " is laid out in two blocks side by side, move the right one under the left"
                    " one; otherwise give them the template's headers or delete them, and import"
                    " again",
                )
            )
        elif bare:
            _note(
                notes,
                f"工作表“{sheet}” {get_column_letter(bare[0] + 1)}列",
                "column_ignored",
                "这一列有内容却没有表头，没有导入：如果它有用，请加上模板的表头后重新导入",
                "this column holds data under no header and was not imported; if it matters,"
                " give it the template's header and import again",
            )
        for j, h in enumerate(header):
            if j in used or h in IGNORED_HEADERS:
                continue
            if filled(j):
                letter = get_column_letter(j + 1)
                if "预备" in h:
                    # (renamed 有选举权 it would read backwards: 是 there means no vote)
                    _note(
                        notes,
                        f"工作表“{sheet}” {letter}列“{h}”",
                        "column_ignored",
                        "这一列没有导入：预备党员没有选举权。请增加“有选举权”列，正式党员填“是”，"
                        "预备党员填“否”，否则预备党员也算进应到人数",
                        "this column was not imported: probationary members have no vote. Add a"
                        " 有选举权 column, 是 for full members and 否 for probationary ones, or"
                        " they are counted among those expected",
                    )
                    continue
                _note(
                    notes,
                    f"工作表“{sheet}” {letter}列“{h}”",
                    "column_ignored",
                    "这一列不是模板中的列，内容没有导入。"
                    + (
                        "如果它就是“"
                        + "”“".join(label for _, label in cols if _ not in index)
                        + "”之一，请把表头改成模板的写法后重新导入"
                        if any(key not in index for key, _ in cols)
                        else "模板的各列都已找到，这一列多半是额外的内容"
                    ),
                    "this column is not one of the template's, and was not imported; if it is one"
                    " of the template's columns, give it the template's header and import again",
                )
        for col, ranges in sorted(merged_cols.items()):
            key = next(k for k, j in index.items() if j == col)
            spans = "、".join(f"第{a}–{b}行" for a, b, _ in sorted(ranges))
            _note(
                notes,
                f"工作表“{sheet}” “{labels[key]}”列",
                "merged_filled",
                f"{spans}是合并单元格：其内容已填入合并的每一行，请核对",
                "merged cells: their value was given to every row they cover; check it",
            )
        if hidden:
            rows_text = "、".join(str(r) for r in hidden[:20]) + ("…" if len(hidden) > 20 else "")
            _note(
                notes,
                f"工作表“{sheet}”",
                "hidden_rows",
                f"第{rows_text}行是隐藏（或被筛选掉）的行，也已导入；如不应导入，请删除这些行",
                f"rows {rows_text} are hidden (or filtered out) and were imported too; delete"
                " them if they should not be",
            )
        for key, label in cols:
            if key not in index and key in ("code", "name", "title", "contest"):
                loc[f"#missing-{name}-{label}"] = f"工作表“{sheet}”缺少表头“{label}”"
        return out

    def where(sheet: str, row: int, label: str, key: str = "") -> str:
        # (the sheet as the workbook names it: 'Sheet1' read as the roster, '代表名单 '; a
        # column headed otherwise as the sheet heads it too: '“有选举权”列（表头“政治面貌”）')
        head = heads.get(sheet, {}).get(key, "")
        also = f"（表头“{head}”）" if head and head != header_key(label) else ""
        return f"工作表“{sheets.get(sheet, sheet)}” 第{row}行 “{label}”列{also}"

    # election
    if SHEET_ELECTION in sheets:
        ws = wb[sheets[SHEET_ELECTION]]
        el: dict[str, Any] = {}
        for r, values in enumerate(ws.iter_rows(values_only=True), start=1):
            if not values or values[0] is None:
                continue
            label = str(values[0]).strip()
            value = _text(values[1]) if len(values) > 1 else None
            key = {
                "选举名称": "name",
                "名称": "name",
                "选举日期": "date",
                "日期": "date",
                "层级": "level",
            }.get(label)
            if key is None:
                continue
            if isinstance(value, dt.datetime | dt.date):
                value = value.strftime("%Y-%m-%d")
            if key == "level" and isinstance(value, str):
                value = LABELS["level"].get(value, value)
            if value is not None:
                el[key] = value
            loc[f"$.election.{key}"] = where(SHEET_ELECTION, r, label)
        data["election"] = el
        loc["$.election"] = f"工作表“{SHEET_ELECTION}”"
    elif not roster_only:
        missing.append(SHEET_ELECTION)

    def convert(
        rec: dict[str, Any], sheet: str, row: int, cols: list[tuple[str, str]], base: str
    ) -> dict[str, Any]:
        labels = dict(cols)
        for key in list(rec):
            loc[f"{base}.{key}"] = where(sheet, row, labels[key], key)
            v = rec[key]
            if key in LABELS and isinstance(v, str):
                rec[key] = LABELS[key].get(v, v)
            if key in ("birth", "party_join", "work_start"):
                if isinstance(v, dt.datetime | dt.date):
                    rec[key] = v.strftime("%Y-%m")
                elif isinstance(v, int):
                    s = str(v)
                    rec[key] = f"{s[:4]}-{s[4:6]}" if len(s) == 6 else s
                elif isinstance(v, float):
                    # 1980.05 typed in a cell left as a number: Excel keeps 1980.05, and
                    # 1980.10 as 1980.1 — January or October, it cannot tell
                    year, _, frac = repr(v).partition(".")
                    if len(year) == 4 and (len(frac) == 2 or (len(frac) == 1 and frac != "1")):
                        rec[key] = f"{year}-{int(frac):02d}"
                    else:
                        rec[key] = (
                            f"{v!r}（Excel 存成了数字，1980.10 会变成 1980.1：请把这一列设为文本后重新输入）"
                        )
                elif isinstance(v, str):
                    # ('1980.05', '1980年5月12日', '１９８０．０５', '198005'; else as typed:
                    # refused so, quoted as the clerk sees it)
                    rec[key] = month_text(v) or v
            if key == "id_number" and isinstance(v, int | float):
                rec[key] = f"#NUMERIC:{v}"
            if key in ("has_vote", "preselection"):
                rec[key] = _yes_no(v, key)
            if key in (
                "code",
                "unit",
                "person",
                "contest",
                "name",
                "title",
                "gender",
                "candidates_from",
            ) and isinstance(v, int):
                rec[key] = str(v)
            if key in ("code", "unit", "person", "contest") and isinstance(v, str):
                # (codes typed with the input method's full-width letters and digits: Ｐ０００１)
                rec[key] = unicodedata.normalize("NFKC", v).strip()
            if key in ("margin_min_pct",) and isinstance(v, str) and v.rstrip("%").isdigit():
                rec[key] = int(v.rstrip("%"))
            if key in ("seats", "writein_columns") and isinstance(v, str) and v.isdigit():
                rec[key] = int(v)
        loc[base] = f"工作表“{sheets.get(sheet, sheet)}” 第{row}行"
        return rec

    data["units"] = [
        convert(rec, SHEET_UNITS, r, UNIT_COLS, f"$.units[{i}]")
        for i, (r, rec) in enumerate(sheet_rows(SHEET_UNITS, UNIT_COLS))
    ]
    people_rows = sheet_rows(SHEET_PEOPLE, PEOPLE_COLS)
    data["people"] = [
        convert(rec, SHEET_PEOPLE, r, PEOPLE_COLS, f"$.people[{i}]")
        for i, (r, rec) in enumerate(people_rows)
    ]
    contests: list[dict[str, Any]] = []
    by_code: dict[str, dict[str, Any]] = {}
    for i, (r, rec) in enumerate(sheet_rows(SHEET_CONTESTS, CONTEST_COLS)):
        c = convert(rec, SHEET_CONTESTS, r, CONTEST_COLS, f"$.contests[{i}]")
        c["candidates"] = []
        c["officials"] = []
        contests.append(c)
        by_code.setdefault(str(c.get("code", "")), c)
    orphans: list[tuple[str, str]] = []  # (where, the contest code given)
    for r, rec in sheet_rows(SHEET_CANDIDATES, CANDIDATE_COLS):
        code = unicodedata.normalize("NFKC", str(rec.pop("contest", ""))).strip()
        target = by_code.get(code)
        if target is None:
            orphans.append((where(SHEET_CANDIDATES, r, "选举事项编号"), code))
            continue
        idx = contests.index(target)
        convert(
            rec,
            SHEET_CANDIDATES,
            r,
            CANDIDATE_COLS,
            f"$.contests[{idx}].candidates[{len(target['candidates'])}]",
        )
        target["candidates"].append(rec)
    for r, rec in sheet_rows(SHEET_OFFICIALS, OFFICIAL_COLS):
        code = unicodedata.normalize("NFKC", str(rec.pop("contest", ""))).strip()
        target = by_code.get(code)
        if target is None:
            orphans.append((where(SHEET_OFFICIALS, r, "选举事项编号"), code))
            continue
        idx = contests.index(target)
        convert(
            rec,
            SHEET_OFFICIALS,
            r,
            OFFICIAL_COLS,
            f"$.contests[{idx}].officials[{len(target['officials'])}]",
        )
        target["officials"].append(rec)
    data["contests"] = contests
    present = "、".join(f"“{n}”" for n in wb.sheetnames)
    for n in wb.sheetnames:
        if (
            "".join(n.split()) not in known_sheets
            and n != as_roster
            and any(v is not None for row in wb[n].iter_rows(values_only=True) for v in row)
        ):
            _note(
                notes,
                f"工作表“{n}”",
                "sheet_ignored",
                "这张工作表没有导入：只读取模板中的工作表（"
                + "、".join(sorted(known_sheets - {SHEET_HELP}))
                + "）。如果其中有代表或候选人，请把它们移到相应的工作表",
                "this sheet was not imported: only the template's sheets are read; move any"
                " people or candidates on it to the sheet they belong on",
            )
    wb.close()
    problems = [
        Problem(
            f"工作表“{m}”",
            "missing_sheet",
            f"缺少此工作表（这个文件里的工作表是：{present}）。请用 huanjie template 生成的模板，"
            "或把相应的工作表改成这个名称",
            f"this sheet is missing (the workbook has: {present}); start from the workbook"
            " made by huanjie template, or give the sheet this name",
        )
        for m in missing
        if m != SHEET_OFFICIALS
    ]
    problems += clashes
    problems += [
        Problem(
            at,
            "unknown_contest",
            f"选举事项“{code}”不存在：请填写“选举事项”工作表中的编号"
            if code
            else "没有填写选举事项编号：请填写“选举事项”工作表中的编号",
            f"there is no contest {code!r}: give a code from the contests sheet"
            if code
            else "no contest code given: give a code from the contests sheet",
        )
        for at, code in orphans
    ]
    problems += [
        Problem(
            v,
            "missing_header",
            f"缺少必需的表头（只在前 {HEADER_SEARCH_ROWS} 行中找表头）"
            + (
                "：请增加“编号”一列，每人一个不重复的编号（如 P0001、P0002…；“序号”不能代替，"
                "名单重排后序号会变）"
                if k.endswith("-编号")
                else "：请按模板的写法填写这一列的表头"
            ),
            f"a required header is missing (headers are looked for in the first"
            f" {HEADER_SEARCH_ROWS} rows)"
            + (
                ": add a 编号 column giving everyone a code of their own (P0001, P0002…; a"
                " row number 序号 changes when the list is re-sorted)"
                if k.endswith("-编号")
                else ": give the column the template's header"
            ),
        )
        for k, v in loc.items()
        if k.startswith("#missing-")
    ]
    cells: list[Problem] = []  # problems of one cell only (the rest still checked)
    blank_units = units_left_blank(people_rows)
    if blank_units:
        by_unit = (
            unit_contests
            if unit_contests is not None
            else [str(c.get("code", "")) for c in contests if c.get("unit") not in (None, "")]
        )
        unit_head = heads.get(SHEET_PEOPLE, {}).get("unit", "选举单位")
        at = f"工作表“{sheets.get(SHEET_PEOPLE, SHEET_PEOPLE)}” “{unit_head}”列 第{_row_spans(blank_units)}行"
        count = len(blank_units)
        seen_zh = (
            f"这 {count} 行的“{unit_head}”是空的，它们上面的行却填了：多半是取消合并单元格后只剩每组第一行"
            "有内容，或只在每组第一行填写。"
        )
        seen_en = (
            f"these {count} rows have a blank {unit_head} (unit) cell below rows that have one: what"
            " unmerging cells leaves, or a list with the unit on each group's first row only."
        )
        fix_zh = "请把这一列向下填满（每人一行都写上选举单位），或把每组的单元格重新合并，再导入"
        fix_en = (
            "fill the column down (the unit on every person's row), or merge each group's"
            " cells again, and import again"
        )
        if by_unit:
            # (refused, not filled down: a blank may as well be a person of no unit listed
            # last, whom filling down would put in the group above — 应到 wrong either way)
            problems.append(
                Problem(
                    at,
                    "unit_blank_below",
                    seen_zh
                    + "空着的人不属于任何选举单位，不计入按选举单位选举的"
                    + "、".join(f"“{c}”" for c in by_unit)
                    + f"的应到人数。{fix_zh}",
                    f"{seen_en} Whoever is left blank belongs to no unit and is not counted"
                    f" among those expected at {', '.join(by_unit)}, elected by unit: {fix_en}",
                )
            )
            cells.append(problems[-1])
        else:
            _note(
                notes,
                at,
                "unit_blank_below",
                seen_zh
                + (
                    "选举文件中已有的人保留原来的选举单位，新增的人按不属于任何选举单位导入。"
                    if roster_only
                    else "这些人按不属于任何选举单位导入。"
                )
                + f"如果他们属于上面一组，{fix_zh}",
                seen_en
                + (
                    " Those in the election file already keep their unit; anyone new was"
                    " imported as belonging to no unit."
                    if roster_only
                    else " They were imported as belonging to no unit."
                )
                + f" If they belong to the group above, {fix_en}",
            )
    for i, p in enumerate(data["people"]):
        v = p.get("id_number")
        if isinstance(v, str) and v.startswith("#NUMERIC:"):
            problems.append(
                Problem(
                    loc.get(f"$.people[{i}].id_number", ""),
                    "id_numeric",
                    "身份证号码被 Excel 存成了数字（可能丢失末位或X），请把该列设为“文本”格式后重新输入",
                    "Excel stored the ID number as a number (digits may be lost); format the column as text and retype it",
                )
            )
            p.pop("id_number")
            cells.append(problems[-1])
    if problems:
        located = {k: v for k, v in loc.items() if not k.startswith("#")}
        # (only cells refused: the rest of the definition is checked too, all told at once)
        rest = (data, located) if len(cells) == len(problems) else None
        raise DefinitionRefused(problems, rest)
    return data, {k: v for k, v in loc.items() if not k.startswith("#")}
