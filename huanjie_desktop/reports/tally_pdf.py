"""The result papers the scrutineers sign: 计票结果报告单, 当选名单, 清点到会人数报告单,
发出/收回选票清点表 and 当选人员结构分析.

Every paper is built from the tally JSON (``app.counting.tally``), so a certified round
prints exactly its frozen result. Provisional results carry a 未确认 / PROVISIONAL
watermark on every page, a final one not yet certified a line saying so at the top of each;
a certified result prints its digest and a QR code of it, which ``huanjie verify FILE
--digest X`` confirms or refutes. Pages are numbered "第 i 页 / 共 n 页", and a page a paper
runs on to is headed with its title. Wording lives here, not in Qt.
"""

from __future__ import annotations

import functools
import re
from abc import ABC, abstractmethod
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from reportlab.graphics.barcode.qr import QrCodeWidget
from reportlab.graphics.shapes import Drawing
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    KeepTogether,
    PageBreak,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)
from reportlab.platypus.doctemplate import NullActionFlowable

from huanjie_desktop.domain.rules import percent_text
from huanjie_desktop.domain.tally import void_in_doubt, void_in_doubt_text
from huanjie_desktop.paths import font_path
from huanjie_desktop.reports.fonts import (
    NO_LINE_START,
    markup,
    register_font,
    runs,
    string_width,
)
from huanjie_desktop.reports.words import (
    illegible_writeins_zh,
    note_after_name,
    outcome_zh,
    round_kind_zh,
    seats_decided_zh,
    seats_reduced_zh,
    station_view,
    station_zh,
    withdrawn_heading_zh,
    withdrawn_zh,
)

PAGE = A4
MARGIN = 18 * mm
#: The narrowest signature line (mm): room for a name written by hand.
SIGN_MIN_MM = 30
#: A table's last rows carried onto the page its paper's signatures go to, when they do not
#: fit below it: the signatures are never on a page without a figure they sign for.
TAIL_ROWS = 3
STATUS_ZH = {
    "provisional": "未确认（临时结果）",
    "final": "最终结果（尚未确认冻结）",
    "certified": "已确认并冻结",
    "void": "本轮投票无效",
}
REASON_ZH = {
    "present_below_ballots": "实到人数少于发出/收回的选票（实到在报到结束前或按分团计票机的时钟确定），"
    "须由总监票人核定投票开始的时间",
    "pending_review": "尚有待审核的选票",
    "box_counts_missing": "尚未登记发出/收回票数",
    "sheets_differ_from_collected": "计入的选票张数与收回票数不一致，请监票人核对",
    "collected_exceeds_issued": "收回选票多于发出选票",
    "quorum_not_met": "到会人数未达到规定",
    "serial_counted_twice": "有防伪码相同的两张选票都已计入，请监票人审核",
    "nothing_collected": "登记的收回票数为 0，请监票人核对各票箱的收回票数",
    "box_reported_twice": "有票箱由两个分团都报来了发出/收回票数，请总监票人选定按哪一份计",
    "station_count": "分团计票机只计本分团的选票，本轮是否有效、谁当选以主机合并各分团后的结果为准",
    "stations_waiting": "还有分团计票机没有交来这一轮的全部计票结果",
}
WARNING_ZH = {
    "writein_without_vote": "另选的人在代表名单中无选举权（预备党员？），不能当选，请监票人核对",
    "sheets_differ_from_collected": "计入的选票张数与收回票数不一致，请监票人核对",
    "issued_exceeds_present": "发出票数多于实到人数，请监票人核对发出票数和报到记录",
    "manual_incomplete": "有手工录入的选票只录入了一次（或两次不一致），尚未计入",
    "stations_silent": "有分团计票机还没有交来这一轮的计票结果，那里的选票不在本结果中",
    "stations_unfinished": "有分团计票机交来的是中途的计票结果，没有声明计票完毕，此后那里计的选票不在本结果中",
    "secretary_not_standing": "本轮有候选人未当选本文件中的常委：书记、副书记从当选的常委中选举，请监票人核对",
}
# who signs which paper: (role, label, blank lines when nobody is registered)
ALL_SIGNERS = (
    ("chief_scrutineer", "总监票人", 1),
    ("scrutineer", "监票人", 2),
    ("counter", "计票人", 2),
)
SCRUTINEERS = ALL_SIGNERS[:2]
QUORUM_ZH = {"half": "二分之一", "two_thirds": "三分之二", "four_fifths": "五分之四"}


@dataclass
class Styles:
    font: str
    title: ParagraphStyle = field(init=False)
    subtitle: ParagraphStyle = field(init=False)
    body: ParagraphStyle = field(init=False)
    small: ParagraphStyle = field(init=False)
    cell: ParagraphStyle = field(init=False)
    void: ParagraphStyle = field(init=False)
    station: ParagraphStyle = field(init=False)

    def __post_init__(self) -> None:
        f = self.font
        self.title = ParagraphStyle("t", fontName=f, fontSize=17, leading=24, alignment=TA_CENTER)
        self.subtitle = ParagraphStyle(
            "s", fontName=f, fontSize=11, leading=16, alignment=TA_CENTER
        )
        # (wordWrap "CJK": Chinese text broken between characters, punctuation kept off a
        # line's start — see `fonts.NO_LINE_START`; reportlab's default breaks at spaces and
        # cuts a longer run of characters anywhere)
        self.body = ParagraphStyle("b", fontName=f, fontSize=10.5, leading=16, wordWrap="CJK")
        self.small = ParagraphStyle("m", fontName=f, fontSize=8.5, leading=12, wordWrap="CJK")
        self.cell = ParagraphStyle("c", fontName=f, fontSize=10, leading=13, wordWrap="CJK")
        self.void = ParagraphStyle(
            "v",
            fontName=f,
            fontSize=15,
            leading=22,
            alignment=TA_CENTER,
            textColor=colors.Color(0.75, 0.1, 0.1),
            spaceBefore=2,
            spaceAfter=6,
        )
        self.station = ParagraphStyle(
            "st",
            fontName=f,
            fontSize=10.5,
            leading=15,
            wordWrap="CJK",
            textColor=colors.Color(0.75, 0.1, 0.1),
            spaceBefore=4,
        )


def _esc(text: Any) -> str:
    """Text for a Paragraph: escaped, a character only the fallback font has in that font."""
    return markup(str(text))


def _cell(value: Any, font: str) -> Any:
    """A table cell: as it is, unless it needs the fallback font (a plain string cell is
    drawn in the table's one font): then a Paragraph that switches to it."""
    if isinstance(value, str) and len(runs(value)) > 1:
        return Paragraph(markup(value), ParagraphStyle("f", fontName=font, fontSize=10, leading=12))
    return value


def _name_cell(text: str, font: str, width: float, size: float = 10.0, align: int = TA_LEFT) -> Any:
    """A name in a table cell ``width`` pt wide, set at ``size`` as the table's ``align``
    (TA_LEFT, TA_CENTER) sets its strings: as it is when it fits; else smaller (down to
    7 pt), and wrapped within its cell if even that does not fit — never over the next
    cell ('阿不都热合曼·阿不都克力木' ran across its votes). (A Paragraph — a name with a
    character of the fallback font, one made smaller — takes neither the table's font size
    nor its alignment: '冯䶮' printed at 10 pt, left, among 13 pt names centred.)"""
    room = width - 12.5  # (the cell's padding: 6 pt either side)
    wide = string_width(text, size)
    if wide <= room:
        if len(runs(text)) == 1:
            return text
        style = ParagraphStyle(
            "n", fontName=font, fontSize=size, leading=size * 1.2, alignment=align
        )
        return Paragraph(markup(text), style)
    fs = 0.97 * size * room / wide
    if fs >= 7.0:
        # (smaller, on one line: a Chinese name is one word — never broken)
        style = ParagraphStyle("n", fontName=font, fontSize=fs, leading=fs * 1.2, alignment=align)
        return Paragraph(markup(text), style)
    fs = 7.0
    parts = [p + "·" for p in text.split("·")]
    parts[-1] = parts[-1][:-1]
    if len(parts) > 1:
        # a transliterated name broken at its dots, never inside a part
        # ('阿卜杜热合曼·阿卜杜克里' over '木' read as two names)
        widest = max(string_width(p, size) for p in parts)
        fs = max(7.0, min(size, size * room / widest))
        if widest * fs / size <= room:
            style = ParagraphStyle(
                "n", fontName=font, fontSize=fs, leading=fs * 1.2, alignment=align
            )
            return Paragraph("<br/>".join(markup(p) for p in parts), style)
        fs = 7.0
    style = ParagraphStyle(
        "n", fontName=font, fontSize=fs, leading=fs * 1.2, wordWrap="CJK", alignment=align
    )
    return Paragraph(markup(text), style)


def _same_names(d: dict[str, Any]) -> set[str]:
    """Names two candidates (or write-in persons) of the round share."""
    seen: dict[str, int] = {}
    for c in [*d.get("candidates", []), *d.get("writeins", [])]:
        seen[c["name"]] = seen.get(c["name"], 0) + 1
    return {n for n, k in seen.items() if k > 1}


def _shown(e: dict[str, Any], same: set[str]) -> str:
    """A person's name as the papers print it: with the ballot's note when another of the
    round's people has the same name (two 王伟 told apart as the ballot tells them apart)."""
    name = str(e["name"])
    if name not in same:
        return name
    if e.get("annotation"):
        # (bracketed as a column-style ballot prints it after the name: '王伟' and a note
        # '男，1968年3月出生，县人民医院' printed '王伟男，1968年3月出生，…')
        note, spaced = note_after_name(str(e["annotation"]))
        return name + (" " if spaced else "") + note
    # (a write-in person: their roster code tells them apart, as nothing else on the paper can)
    return name + (f"（{e['person']}）" if e.get("person") and not e.get("code") else "")


def _names(entries: Sequence[dict[str, Any]], same: set[str]) -> str:
    """Names in a sentence, a line broken only between two of them (after the 、): set it
    with `_Sentence`, which keeps each name whole."""
    return "、 ".join(_shown(e, same) for e in entries)


#: Characters that never end a line of Chinese text (避尾): they go on with what they open.
_NO_LINE_END = frozenset("（(“‘《「『")
#: A run of Latin letters and digits ('6', '12', 'UTC'): one word, never broken.
_LATIN_RUN = re.compile(r"[0-9A-Za-z]+")


def _units(text: str, keep: Sequence[str]) -> list[str]:
    """``text`` cut into what a line may end after: each name of ``keep`` whole, a run of
    Latin letters or digits whole, else a character; punctuation that may not start a line
    (`NO_LINE_START`) stays with what is before it, an opening bracket with what follows."""
    names = sorted({k for k in keep if k}, key=len, reverse=True)
    out: list[str] = []
    glue = False  # (the last unit opened a bracket: what follows goes with it)
    i = 0
    while i < len(text):
        name = next((n for n in names if text.startswith(n, i)), None)
        if name is not None:
            unit = name
        elif latin := _LATIN_RUN.match(text, i):
            unit = latin.group(0)
        else:
            unit = text[i]
        i += len(unit)
        if out and (glue or unit in NO_LINE_START):
            out[-1] += unit
        else:
            out.append(unit)
        glue = unit in _NO_LINE_END
    return out


class _Sentence(Flowable):  # type: ignore[misc]
    """Running text naming people — the result paper's "当选的 6 名：王平、 李娜…", the
    certifiers in the digest's box — its lines broken only between names, never inside one
    (reportlab's CJK wrapping breaks between any two characters: '…买买提、 李' over '娜。'
    on a signed paper). The lines are worked out for the width the text is given, each set
    as a line of a Paragraph."""

    def __init__(self, text: str, keep: Sequence[str], style: ParagraphStyle) -> None:
        super().__init__()
        self.text, self.keep, self.style = text, list(keep), style
        self._para: Paragraph | None = None

    def lines(self, width: float) -> list[str]:
        size = float(self.style.fontSize)
        room = width - 0.5  # (what reportlab measures rounds: never let it break a line again)
        lines: list[str] = []
        line, used = "", 0.0
        for unit in _units(self.text, self.keep):
            w = string_width(unit, size)
            if line and used + w > room:
                lines.append(line.rstrip())
                line, used = "", 0.0
            if not line and unit.isspace():
                continue  # (no line starts with the space after a 、)
            line, used = line + unit, used + w
        if line.strip():
            lines.append(line.rstrip())
        return lines

    def _paragraph(self, width: float) -> Paragraph:
        text = "<br/>".join(markup(line) for line in self.lines(width))
        self._para = Paragraph(text, self.style)
        return self._para

    def wrap(self, aw: float, ah: float) -> tuple[float, float]:
        w, h = self._paragraph(aw).wrap(aw, ah)
        self.width, self.height = w, h
        return w, h

    def split(self, aw: float, ah: float) -> list[Flowable]:
        return list(self._paragraph(aw).split(aw, ah))

    def draw(self) -> None:
        assert self._para is not None  # (wrapped before it is drawn)
        self._para.drawOn(self.canv, 0, 0)


def _local_time(iso: str) -> str:
    """An ISO time (UTC) as the laptop's local time and, on a line of its own, its zone —
    Paragraph markup: the line is too long for the digest's box, and broken by width its
    opening bracket ended a line ("08:57（" / "UTC+0）")."""
    import datetime as dt

    try:
        at = dt.datetime.fromisoformat(iso.replace("Z", "+00:00"))
    except ValueError:
        return _esc(iso[:19].replace("T", " "))
    if at.tzinfo is None:
        at = at.replace(tzinfo=dt.UTC)
    local = at.astimezone()
    offset = local.utcoffset() or dt.timedelta(0)
    hours = offset.total_seconds() / 3600
    zone = "北京时间" if hours == 8 else f"UTC{hours:+g}"
    return f"{local:%Y-%m-%d %H:%M}<br/>（{zone}）"


def _table(
    rows: list[list[Any]],
    widths: Sequence[float],
    font: str,
    header_rows: int = 1,
    right_from: int = 99,
    bold_last: bool = False,
) -> Table:
    rows = [[_cell(v, font) for v in row] for row in rows]
    t = Table(rows, colWidths=list(widths), repeatRows=header_rows)
    style = [
        ("FONT", (0, 0), (-1, -1), font, 10),
        ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
        ("BACKGROUND", (0, 0), (-1, header_rows - 1), colors.Color(0.9, 0.9, 0.9)),
        ("ALIGN", (0, 0), (-1, header_rows - 1), "CENTER"),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("ALIGN", (right_from, header_rows), (-1, -1), "RIGHT"),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
    ]
    if bold_last:
        style.append(("BACKGROUND", (0, -1), (-1, -1), colors.Color(0.95, 0.95, 0.95)))
    t.setStyle(TableStyle(style))
    return t


class Paper(ABC):
    """One paper (starts on a new page)."""

    kind = "paper"

    def __init__(self, doc: dict[str, Any], officials: dict[str, list[str]]) -> None:
        # (a station laptop's papers: its own boxes and sheets, no check-ins — never a
        # verdict on the round, which the main laptop gives once every station is merged)
        self.station = str(doc.get("station") or "")
        self.doc = station_view(doc)
        self.officials = officials

    def heading(self, s: Styles, paper_title: str) -> list[Flowable]:
        d = self.doc
        election = d.get("election", {})
        kind = round_kind_zh(d)
        title = str(d.get("title", d["contest"])) + paper_title
        # One line, as the printed forms have it: shrink a long title rather than wrap it.
        width = (PAGE[0] - 2 * MARGIN - 12) * 0.98  # the frame pads 6 pt on each side
        size = min(s.title.fontSize, width / max(1.0, string_width(title, 1)))
        style = ParagraphStyle("t-fit", parent=s.title, fontSize=size, leading=size * 1.4)
        out: list[Flowable] = [
            _PaperStart(f"{title}　第 {d['round']} 轮"),
            Paragraph(_esc(election.get("name", "")), s.subtitle),
            Paragraph(_esc(title), style),
            Paragraph(
                f"第 {d['round']} 轮（{kind}）　选举日期：{election.get('date', '')}", s.subtitle
            ),
        ]
        if self.station:
            out.append(Paragraph(_esc(station_zh(self.station) + "。"), s.station))
        return [*out, Spacer(1, 4 * mm)]

    @abstractmethod
    def story(self, s: Styles) -> list[Flowable]:
        """The flowables of this paper."""

    def signatures(
        self, s: Styles, roles: Sequence[tuple[str, str, int]], width: float | None = None
    ) -> Table:
        """A signature line per official (names printed under the line), else blank lines.
        Each line is at least ``SIGN_MIN_MM`` wide: a role with more officials than fit
        across (a congress's 5–8 监票人 beside the digest's box) goes on in a second row."""
        total = width if width is not None else PAGE[0] - 2 * MARGIN
        label_w = 36 * mm
        filled = [self.officials.get(role, []) or [""] * blanks for role, _, blanks in roles]
        fit = max(1, int((total - label_w) // (SIGN_MIN_MM * mm)))
        columns = max(1, min(fit, max(len(slots) for slots in filled)))
        slot_w = (total - label_w) / columns
        # (the line as long as the slot allows, never wrapped onto a second line)
        line = "_" * max(6, int((slot_w - 10) // string_width("_", s.body.fontSize)))
        rows: list[list[Any]] = []
        for (_, label, _), slots in zip(roles, filled, strict=True):
            for k in range(0, len(slots), columns):
                chunk = slots[k : k + columns]
                cells: list[Any] = [Paragraph(f"{label}（签名）：", s.body) if k == 0 else ""]
                for name in chunk:
                    cells.append(Paragraph(f"{line}<br/><font size=8>{_esc(name)}</font>", s.body))
                rows.append(cells + [""] * (columns - len(chunk)))
        t = Table(rows, colWidths=[label_w] + [slot_w] * columns)
        t.setStyle(
            TableStyle(
                [
                    ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
                    ("TOPPADDING", (0, 0), (-1, -1), 6),
                    ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ]
            )
        )
        return t

    def closing(
        self,
        s: Styles,
        roles: Sequence[tuple[str, str, int]],
        before: Sequence[Flowable] = (),
        together: bool = True,
    ) -> list[Flowable]:
        """Signatures, with the digest and its QR code beside them once certified; kept on
        one page with ``before`` (what the signatures sign: the paper's conclusion) — or,
        ``together`` False, the same flowables for the caller to keep together."""
        d = self.doc
        digest = d.get("digest")
        full = PAGE[0] - 2 * MARGIN
        if not digest:
            note = {
                "provisional": "本结果尚未确定，不得作为正式结果公布。",
                "final": "本结果尚未确认冻结（huanjie certify）；确认后打印的报告单载有数字摘要。",
                "void": "本轮投票无效的结论尚未确认冻结（huanjie certify）；确认后打印的报告单载有"
                "数字摘要。",
            }.get(str(d["status"]), "")
            block: list[Flowable] = [*before, Spacer(1, 5 * mm), self.signatures(s, roles)]
            if note:
                block += [Spacer(1, 4 * mm), Paragraph(_esc(note), s.small)]
            return [KeepTogether(block)] if together else block
        qr = QrCodeWidget(f"HJR1.{d['contest']}.{d['round']}.{digest}")
        x0, y0, x1, y1 = qr.getBounds()
        size = 24 * mm
        drawing = Drawing(size, size, transform=[size / (x1 - x0), 0, 0, size / (y1 - y0), 0, 0])
        drawing.add(qr)
        cert = d.get("certification", {})
        side = 52 * mm
        by = [str(n) for n in cert.get("by", [])]
        # (those who certified, in a box 52 mm wide: a name is never broken over two lines)
        text: list[Flowable] = [
            Paragraph(f"数字摘要 <font size=11>{_esc(d['digest_short'])}</font>", s.small),
            _Sentence(f"确认：{'、'.join(by)}", by, s.small),
            Paragraph(
                f"确认时间：{_local_time(str(cert.get('at', '')))}<br/>"
                "可在本软件中核对此数字摘要（核验选举文件）",
                s.small,
            ),
        ]
        t = Table(
            [[self.signatures(s, roles, full - side), [drawing, *text]]],
            colWidths=[full - side, side],
        )
        t.setStyle(
            TableStyle(
                [
                    ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
                    ("LEFTPADDING", (0, 0), (-1, -1), 0),
                    ("BOX", (1, 0), (1, 0), 0.5, colors.grey),
                    ("LEFTPADDING", (1, 0), (1, 0), 4),
                ]
            )
        )
        block = [*before, Spacer(1, 5 * mm), t]
        return [KeepTogether(block)] if together else block


def _pct(n: int, d: int) -> str:
    return percent_text(n, d)


class TallySheet(Paper):
    """计票结果报告单."""

    kind = "tally"

    def story(self, s: Styles) -> list[Flowable]:
        d = self.doc
        f = s.font
        pre = bool(d.get("preselection"))  # 预选: it selects formal candidates
        out = self.heading(s, "计票结果报告单" if pre else "选举计票结果报告单")
        if d["status"] == "void":
            # (said first and plainly: the figures below decide nothing)
            why = "、".join(REASON_ZH.get(r, r) for r in d.get("reasons", []))
            out.append(Paragraph(_esc(f"本轮选举无效（{why}）"), s.void))
        out += [Paragraph(_esc(line), s.small) for line in d.get("settings_text", [])]
        out.append(Spacer(1, 3 * mm))
        quorum = QUORUM_ZH.get(str(d.get("settings", {}).get("quorum_rule", "")), "")
        quorum_text = (
            f"实到超过应到的{quorum}，符合规定" if d["quorum_met"] else "未达到规定，不能进行选举"
        )
        valid_text = (
            "发出、收回票数尚未登记完整"
            if not d.get("boxes_entered", True)
            else ("收回≤发出，本轮投票有效" if d["quorum_met"] else "收回≤发出")
            if d["round_valid"]
            else "收回多于发出，本轮投票无效"
        )
        present = str(d["present"])
        if self.station:
            # (no check-ins here: the quorum and the round's validity are the main laptop's)
            present = "—"
            quorum_text = "以主机的报到记录为准（分团计票机没有报到记录）"
            if d.get("boxes_entered", True):
                valid_text = (
                    "本分团收回≤发出；本轮是否有效以主机为准"
                    if d["round_valid"]
                    else "本分团收回多于发出，请监票人核对；本轮是否有效以主机为准"
                )
        width = (PAGE[0] - 2 * MARGIN - 12) * 0.98  # the frame pads 6 pt on each side
        rows = [
            ["应到会有选举权人数", str(d["expected"]), "实到会有选举权人数", present],
            ["到会人数", quorum_text, "", ""],
            ["发出选票", str(d["issued"]), "收回选票", str(d["collected"])],
            ["投票结果", valid_text, "", ""],
            ["有效票", str(d["valid_ballots"]), "无效票", str(d["void_ballots"])],
            [
                "确定正式候选人" if pre else "应选名额",
                str(d["seats"]),
                "基数" if pre else "当选基数",
                str(d["base"]),
            ],
            [
                "确定办法" if pre else "当选所需赞成票",
                # (the explanation smaller: a four-figure threshold stays inside its cell;
                # a longer one wraps within it)
                Paragraph(
                    # (a tie re-vote: the most votes among those tied, each over the half in
                    # the round they tied in — a threshold printed here would read as unmet)
                    (
                        "得票多的确定<font size=8>（再次投票）</font>"
                        if d.get("round_kind") == "tie"
                        else "按赞成票多少确定<font size=8>（预选，不要求过半数）</font>"
                    )
                    if pre
                    else "得票多的当选<font size=8>（再次投票，不再要求过半数）</font>"
                    if d.get("round_kind") == "tie"
                    else f"{d['threshold']} 票<font size=8>（超过基数的半数）</font>",
                    ParagraphStyle("t", fontName=f, fontSize=10, leading=12, wordWrap="CJK"),
                ),
                "待审核选票",
                str(d["pending_review"]),
            ],
        ]
        t = Table(rows, colWidths=[width * 0.24, width * 0.26, width * 0.24, width * 0.26])
        t.setStyle(
            TableStyle(
                [
                    ("FONT", (0, 0), (-1, -1), f, 10),
                    ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
                    ("SPAN", (1, 1), (3, 1)),
                    ("SPAN", (1, 3), (3, 3)),
                    ("BACKGROUND", (0, 0), (0, -1), colors.Color(0.93, 0.93, 0.93)),
                    ("BACKGROUND", (2, 0), (2, 0), colors.Color(0.93, 0.93, 0.93)),
                    ("BACKGROUND", (2, 2), (2, 2), colors.Color(0.93, 0.93, 0.93)),
                    ("BACKGROUND", (2, 4), (2, 6), colors.Color(0.93, 0.93, 0.93)),
                ]
            )
        )
        out += [t, Spacer(1, 4 * mm)]

        tied = {x.get("code") or x.get("name") for x in d.get("tie", [])}
        valid, base = int(d["valid_ballots"]), int(d["base"])

        def result(item: dict[str, Any], key: str) -> str:
            return outcome_zh(d, item, key in tied)

        header = ["名次", "姓名", "赞成", "不赞成", "弃权", "占有效票", "占基数", "结果"]
        rows = [header]
        # (the result column holds up to 不在再次投票范围: eight characters at 10 pt)
        widths = [10, 42, 15, 16, 15, 19, 19, 34]
        scale = width / sum(widths)
        same = _same_names(d)
        for c in d["candidates"]:
            rows.append(
                [
                    str(c["rank"]),
                    _name_cell(_shown(c, same), f, widths[1] * scale),
                    str(c["agree"]),
                    str(c["disagree"]),
                    str(c["abstain"]),
                    _pct(c["agree"], valid),
                    _pct(c["agree"], base),
                    result(c, c["code"]),
                ]
            )
        caption = (
            "候选人得票（本轮选举无效，以下票数不决定当选）"
            if d["status"] == "void"
            else "候选人得票（按赞成票多少为序）"
        )
        out.append(Paragraph(caption, s.body))
        last = _table(rows, [w * scale for w in widths], f, right_from=2)
        lead: list[Flowable] = []
        if d["writeins"]:
            out.append(last)
            rows = [["名次", "另选他人", "赞成", "占有效票", "占基数", "结果"]]
            widths = [11, 50, 16, 20, 20, 42]
            scale = width / sum(widths)
            for w in d["writeins"]:
                rows.append(
                    [
                        str(w["rank"]),
                        _name_cell(_shown(w, same), f, widths[1] * scale),
                        str(w["agree"]),
                        _pct(w["agree"], valid),
                        _pct(w["agree"], base),
                        result(w, w["name"]),
                    ]
                )
            lead = [Spacer(1, 3 * mm), Paragraph("另选他人得票", s.body)]
            last = _table(rows, [w * scale for w in widths], f, right_from=2)
        after: list[Flowable] = []
        if d["writeins"]:
            # (one ranking over both tables: candidates 1, 3, 4 and a write-in 2 read as a
            # misprint without it)
            after += [
                Spacer(1, 1 * mm),
                Paragraph("名次含另选他人：候选人与另选他人按赞成票多少合并排列。", s.small),
            ]
        if said := illegible_writeins_zh(d):
            # (they chose someone, counted for the over-vote rule, and are nobody's votes:
            # said, so that the write-in totals are not read as every ○ written in)
            after += [Spacer(1, 2 * mm), Paragraph(_esc(said + "。"), s.body)]
        if heading := withdrawn_heading_zh(d):
            # (what the scrutineers took out of the count is seen where they sign)
            after += [Spacer(1, 2 * mm), Paragraph(_esc(heading), s.body)]
            # (who proposed and confirmed it, and the label, never broken over two lines)
            after += [
                _Sentence(
                    f"{i}. {withdrawn_zh(w)}",
                    [str(w.get(k) or "") for k in ("decided_by", "confirmed_by", "label")],
                    s.body,
                )
                for i, w in enumerate(d["withdrawn"], 1)
            ]
        after.append(Spacer(1, 4 * mm))
        # (what is concluded stays on the page the signatures are on, and so do the table's
        # last rows: the signatures' page shows figures they sign for)
        ending: list[Flowable] = [
            _Sentence(line, self.people(), s.body) for line in self.conclusion()
        ]
        closing = self.closing(s, ALL_SIGNERS, ending, together=False)
        return [*out, _EndsOnSignedPage(last, [*after, *closing], lead=lead)]

    def people(self) -> list[str]:
        """The names the conclusion may give, as it gives them: none is broken over two
        lines."""
        d = self.doc
        same = _same_names(d)
        shown = [_shown(e, same) for e in [*d.get("candidates", []), *d.get("writeins", [])]]
        return [*shown, *(str(x) for x in d.get("not_standing") or [])]

    def conclusion(self) -> list[str]:
        d = self.doc
        status = str(d["status"])
        lines = []
        if decided := seats_decided_zh(d):
            lines.append(decided + "。")
        if status == "void":
            why = "、".join(REASON_ZH.get(r, r) for r in d.get("reasons", []))
            if d.get("reasons") == ["quorum_not_met"]:
                # (as the attendance sheet says it: the round could not be held at all)
                lines.append(
                    "到会人数未达到规定，不能进行选举，本轮投票无效；待到会人数符合规定后重新投票。"
                    "本结果保留在案。"
                )
            else:
                lines.append(f"本轮投票无效（{why}），应重新投票。本结果保留在案。")
        elif status == "provisional":
            why = "、".join(REASON_ZH.get(r, r) for r in d.get("reasons", []))
            lines.append(f"结果尚未确定（{why}），暂不宣布当选。")
            waiting = [
                str(x)
                for x in dict.fromkeys(
                    [*(d.get("stations_silent") or []), *(d.get("stations_unfinished") or [])]
                )
            ]
            if "stations_waiting" in d.get("reasons", []) and waiting:
                # (a station laptop still out: by name, with what to do — the paper was
                # printed "final", those elected on it, while its ballots were not in)
                lines.append(
                    f"本轮还在等分团计票机 {'、'.join(waiting)} 交来计票结果：请在该计票机计完后加 --done "
                    "导出结果包，在主机导入；如该计票机已无法使用，经总监票人同意后确认时加"
                    f" --without-station {waiting[0]}（只计已收到的部分，记入审计日志）。"
                )
            if void_in_doubt(d.get("reasons", []), status):
                sheets = int(d["valid_ballots"]) + int(d["void_ballots"])
                sheets += int(d.get("pending_review", 0))
                lines.append(void_in_doubt_text(int(d["issued"]), int(d["collected"]), sheets)[0])
        else:
            same = _same_names(d)
            if d.get("preselection"):
                lines += _preselection_conclusion(d, same)
            elif d["elected"]:
                names = _names(d["elected"], same)
                how = (
                    "再次投票得票多"
                    if d.get("round_kind") == "tie"
                    else "赞成票超过半数、按得票多少"
                )
                lines.append(f"{how}当选的 {len(d['elected'])} 名：{names}。")
            else:
                lines.append("本轮无人当选。")
            if d.get("tie") and not d.get("preselection"):
                names = _names(d["tie"], same)
                lines.append(
                    f"{names} 得票相等且影响当选，须对其再次投票，决定 {d['tie_seats']} 个名额。"
                )
            left = int(d["unfilled_seats"]) - int(d.get("tie_seats", 0))
            reduced = d.get("seats_reduced")
            if d.get("preselection"):
                pass  # (said above: a 预选 has no 另行选举)
            elif left > 0 and reduced:
                lines.append(seats_reduced_zh(d, left) + "。")
            elif left > 0:
                lines.append(f"空缺 {left} 个名额，可另行选举或依规定减少名额。")
        silent = "、".join(str(s) for s in d.get("stations_silent") or [])
        for w in d.get("warnings", []):
            if w == "stations_silent" and silent:
                lines.append(
                    f"注意：分团计票机 {silent} 还没有交来这一轮的计票结果，那里的选票不在本结果中。"
                )
            elif w == "stations_unfinished" and d.get("stations_unfinished"):
                interim = "、".join(str(s) for s in d["stations_unfinished"])
                lines.append(
                    f"注意：分团计票机 {interim} 交来的是中途的计票结果，没有声明这一轮计票完毕，"
                    "此后那里计的选票不在本结果中。"
                )
            elif w == "manual_incomplete" and d.get("manual_incomplete"):
                # (by their labels: the clerks look for those papers)
                labels = "、".join(str(x) for x in d["manual_incomplete"])
                lines.append(
                    f"注意：手工录入的选票 {labels} 只录入了一次（或两次不一致），尚未计入"
                )
            elif w == "secretary_not_standing" and d.get("not_standing"):
                names = "、".join(str(x) for x in d["not_standing"])
                lines.append(f"注意：{names} 未当选本文件中的常委，请监票人核对")
            else:
                lines.append("注意：" + WARNING_ZH.get(w, w))
        lines.append(f"状态：{STATUS_ZH.get(status, status)}")
        return lines


def _preselection_conclusion(d: dict[str, Any], same: set[str]) -> list[str]:
    """What a 预选's final round concludes: who is selected as a formal candidate (确定为
    正式候选人), a tie at the last place to a re-vote, places short — never an 另行选举."""
    lines = []
    if d["elected"]:
        how = "再次投票得票多" if d.get("round_kind") == "tie" else "按赞成票多少"
        lines.append(
            f"{how}确定为正式候选人的 {len(d['elected'])} 名：{_names(d['elected'], same)}。"
        )
    else:
        lines.append("本轮没有确定正式候选人。")
    if d.get("tie"):
        lines.append(
            f"{_names(d['tie'], same)} 得票相等且影响确定正式候选人，须对其再次投票，"
            f"确定 {d['tie_seats']} 名。"
        )
    left = int(d["unfilled_seats"]) - int(d.get("tie_seats", 0))
    if left > 0:
        lines.append(f"尚缺 {left} 名正式候选人（预选不另行选举）。")
    listed = d.get("selected_as_formal_candidates") or []
    if listed and (int(d.get("round", 1)) > 1 or len(listed) != len(d["elected"])):
        lines.append(
            f"确定为正式候选人共 {len(listed)} 名（按姓氏笔画为序）：{_names(listed, same)}。"
        )
    return lines


class ElectedList(Paper):
    """当选名单 (姓氏笔画; alternates by votes)."""

    kind = "elected"

    def story(self, s: Styles) -> list[Flowable]:
        d = self.doc
        kind = str(d.get("contest_kind", ""))
        order = {
            "alternate": "（按得票多少为序，票数相等的按姓氏笔画为序）",
            "secretary": "（按上级批准的顺序）",
            "deputy_secretary": "（按上级批准的顺序）",
        }.get(kind, "（按姓氏笔画为序）")
        if kind == "alternate" and len({e.get("round") for e in d.get("contest_elected", [])}) > 1:
            # (a re-vote's or a supplementary round's votes are on another ballot)
            order = "（按当选轮次，同一轮按得票多少为序，票数相等的按姓氏笔画为序）"
        pre = bool(d.get("preselection"))
        if pre:
            # (预选: the formal candidates, 姓氏笔画 whatever the contest's kind)
            kind, order = "", "（按姓氏笔画为序）"
        out = self.heading(s, "正式候选人名单" if pre else "当选名单")
        out.append(Paragraph(order, s.subtitle))
        out.append(Spacer(1, 4 * mm))
        people = d.get("contest_elected", [])
        same = _same_names(d)
        width = (PAGE[0] - 2 * MARGIN - 12) * 0.98  # the frame pads 6 pt on each side
        if d["status"] == "void":
            # (said first and plainly; those elected in earlier rounds are named as such)
            why = "、".join(REASON_ZH.get(r, r) for r in d.get("reasons", []))
            out.append(
                Paragraph(
                    f"第 {d['round']} 轮投票无效（{why}），本轮无人当选；须重新投票。", s.body
                )
            )
            if people:
                out += [Spacer(1, 3 * mm), Paragraph("此前各轮已当选：", s.body)]
        elif d["status"] == "provisional" and people:
            out += [Paragraph("本轮结果尚未确定，本轮暂无当选；此前各轮已当选：", s.body)]
        if not people:
            if d["status"] == "provisional":
                out.append(Paragraph("本轮结果尚未确定，暂无当选名单。", s.body))
            elif d["status"] != "void":
                out.append(Paragraph("无人当选。", s.body))
        elif kind == "alternate":
            rows = [["顺序", "姓名", "赞成票", "轮次"]]
            rows += [
                [
                    str(i + 1),
                    _name_cell(_shown(e, same), s.font, width * 0.45),
                    str(e["agree"]),
                    f"第 {e['round']} 轮",
                ]
                for i, e in enumerate(people)
            ]
            out.append(_table(rows, [width * x for x in (0.15, 0.45, 0.2, 0.2)], s.font))
        else:
            # as many names a row as the longest lets (five at most), none over the next
            names = [_shown(e, same) for e in people]
            longest = max(string_width(n, 13) for n in names) + 18
            per_row = max(2, min(5, int(width // longest)))
            cells: list[Any] = [
                _name_cell(n, s.font, width / per_row, 13, TA_CENTER) for n in names
            ]
            rows = [cells[i : i + per_row] for i in range(0, len(cells), per_row)]
            rows[-1] += [""] * (per_row - len(rows[-1]))
            t = Table(rows, colWidths=[width / per_row] * per_row)
            t.setStyle(
                TableStyle(
                    [
                        ("FONT", (0, 0), (-1, -1), s.font, 13),
                        ("ALIGN", (0, 0), (-1, -1), "CENTER"),
                        ("BOTTOMPADDING", (0, 0), (-1, -1), 7),
                    ]
                )
            )
            out.append(t)
        if people:
            for f in d.get("elected_order_flags", []):
                # (a write-in elected: on no ballot, so nobody confirmed its place)
                two = [str(n) for n in (f["first"], f["second"]) if n]
                said = f"注意：{'、'.join(two)} 的先后请核对——{f['zh']}"
                out.append(_Sentence(said, two, s.body))
        out.append(Spacer(1, 4 * mm))
        if pre:
            out.append(Paragraph(f"确定为正式候选人共 {len(people)} 名。", s.body))
        elif int(d.get("round", 1)) > 1 or d["status"] == "void":
            # (the list is the contest's, every round's elected together)
            out.append(Paragraph(f"本选举事项各轮当选共 {len(people)} 名。", s.body))
        else:
            out.append(Paragraph(f"共 {len(people)} 名。", s.body))
        tables = [i for i, x in enumerate(out) if isinstance(x, Table)]
        if not tables:
            return out + self.closing(s, SCRUTINEERS)
        # (the list's last rows go over with the signatures when these do not fit below it)
        i = tables[-1]
        closing = self.closing(s, SCRUTINEERS, together=False)
        return [*out[:i], _EndsOnSignedPage(out[i], [*out[i + 1 :], *closing])]


class AttendanceSheet(Paper):
    """清点到会人数报告单."""

    kind = "attendance"

    def __init__(
        self,
        doc: dict[str, Any],
        officials: dict[str, list[str]],
        rows: Sequence[tuple[str, str, int, int]],
    ) -> None:
        super().__init__(doc, officials)
        self.rows = rows

    def story(self, s: Styles) -> list[Flowable]:
        d = self.doc
        out = self.heading(s, "清点到会人数报告单")
        if self.station:
            # (no check-ins on a station laptop: a table of nobody present would be false)
            said = "本机没有报到记录：到会人数以主机打印的清点到会人数报告单为准。"
            return [*out, Paragraph(said, s.body)]
        width = (PAGE[0] - 2 * MARGIN - 12) * 0.98  # the frame pads 6 pt on each side
        table: list[list[Any]] = [["选举单位", "应到", "实到", "缺席"]]
        for code, name, expected, present in self.rows:
            table.append(
                [
                    _name_cell(name or code or "（未分配单位）", s.font, width * 0.46),
                    str(expected),
                    str(present),
                    str(expected - present),
                ]
            )
        te = sum(r[2] for r in self.rows)
        tp = sum(r[3] for r in self.rows)
        table.append(["合计", str(te), str(tp), str(te - tp)])
        out.append(
            _table(
                table,
                [width * x for x in (0.46, 0.18, 0.18, 0.18)],
                s.font,
                right_from=1,
                bold_last=True,
            )
        )
        quorum = QUORUM_ZH.get(str(d.get("settings", {}).get("quorum_rule", "")), "")
        verdict = (
            f"实到会有选举权人数 {d['present']} 人，超过应到 {d['expected']} 人的{quorum}，"
            "符合规定，可以进行选举。"
            if d["quorum_met"]
            else f"实到会有选举权人数 {d['present']} 人，未超过应到 {d['expected']} 人的{quorum}，"
            "不能进行选举。"
        )
        out += [Spacer(1, 5 * mm), Paragraph(verdict, s.body)]
        if (te, tp) != (int(d["expected"]), int(d["present"])):
            # check-ins changed after the round's numbers were taken (a certified round keeps
            # those it was certified with): the paper says which is which
            frozen = d.get("status") in ("certified", "void")
            when = "本轮结果确认时" if frozen else "本轮计票所用"
            out.append(
                Paragraph(
                    f"注：上表是现在的报到情况（应到 {te} 人，实到 {tp} 人）；{when}为应到 "
                    f"{d['expected']} 人、实到 {d['present']} 人，选举结果以此为准。",
                    s.body,
                )
            )
        return [*out, Spacer(1, 5 * mm), self.signatures(s, SCRUTINEERS)]


class BallotBoxSheet(Paper):
    """发出/收回选票清点表 (per ballot box)."""

    kind = "ballots"

    def __init__(
        self,
        doc: dict[str, Any],
        officials: dict[str, list[str]],
        boxes: Sequence[tuple[str, str, int | None, int | None]],
    ) -> None:
        super().__init__(doc, officials)
        self.boxes = boxes

    def story(self, s: Styles) -> list[Flowable]:
        out = self.heading(s, "发出、收回选票清点表")
        width = (PAGE[0] - 2 * MARGIN - 12) * 0.98  # the frame pads 6 pt on each side
        rows = [["票箱", "计票点", "发出", "收回"]]
        for box, station, issued, collected in self.boxes:
            rows.append(
                [
                    box,
                    "主计票电脑" if station == "main" else station,  # (the main laptop's own)
                    "—" if issued is None else str(issued),
                    "—" if collected is None else str(collected),
                ]
            )
        ti = sum(b[2] or 0 for b in self.boxes)
        tc = sum(b[3] or 0 for b in self.boxes)
        rows.append(["合计", "", str(ti), str(tc)])
        out.append(
            _table(
                rows,
                [width * x for x in (0.3, 0.3, 0.2, 0.2)],
                s.font,
                right_from=2,
                bold_last=True,
            )
        )
        if not self.boxes:
            verdict = "尚未登记发出/收回票数。"
        elif self.station:
            verdict = (
                f"本分团发出选票 {ti} 张，收回 {tc} 张，"
                + ("收回数不多于发出数。" if tc <= ti else "收回数多于发出数，请监票人核对。")
                + "本轮是否有效，以主机合并各分团后的结果为准。"
            )
        elif tc <= ti and not self.doc.get("quorum_met", True):
            verdict = (
                f"发出选票 {ti} 张，收回 {tc} 张，收回数不多于发出数；但到会人数未达到规定，"
                "本轮选举无效。"
            )
        elif tc <= ti:
            verdict = f"发出选票 {ti} 张，收回 {tc} 张，收回数不多于发出数，本轮投票有效。"
        else:
            verdict = (
                f"发出选票 {ti} 张，收回 {tc} 张，收回数多于发出数，本轮投票无效，应重新投票。"
            )
        out += [Spacer(1, 5 * mm), Paragraph(verdict, s.body)]
        return [*out, Spacer(1, 5 * mm), self.signatures(s, ALL_SIGNERS)]


class CompositionSheet(Paper):
    """当选人员结构分析."""

    kind = "composition"

    def story(self, s: Styles) -> list[Flowable]:
        d = self.doc
        comp = d.get("composition", {})
        total = int(comp.get("total", 0))
        pre = bool(d.get("preselection"))
        out = self.heading(s, "正式候选人结构分析" if pre else "当选人员结构分析")
        width = (PAGE[0] - 2 * MARGIN - 12) * 0.98  # the frame pads 6 pt on each side
        if d.get("status") == "void":
            out.append(
                Paragraph(
                    f"第 {d['round']} 轮投票无效，本轮无人当选。下表为本选举事项此前各轮当选的人员。",
                    s.body,
                )
            )
        elif int(d.get("round", 1)) > 1:
            out.append(Paragraph("下表为本选举事项各轮当选的全部人员。", s.body))
        rows = [["项目", "人数", "占比"]]
        if total:
            rows.append(["正式候选人总数" if pre else "当选总数", str(total), "100.0%"])
            rows.append(["女性", str(comp["women"]["count"]), comp["women"]["percent"]])
            rows.append(
                ["少数民族", str(comp["minorities"]["count"]), comp["minorities"]["percent"]]
            )
            rows.append(["35岁以下", str(comp["under_35"]["count"]), comp["under_35"]["percent"]])
            for e in comp.get("education", []):
                rows.append([f"学历：{e['level']}", str(e["count"]), e["percent"]])
        out.append(_table(rows, [width * x for x in (0.5, 0.25, 0.25)], s.font, right_from=1))
        age = comp.get("average_age")
        lines = [
            f"平均年龄（按选举日 {d.get('election', {}).get('date', '')} 计）："
            + (f"{age} 岁" if age else "—")
        ]
        if total and comp.get("ages_known", total) < total:
            lines.append(f"（{total - comp['ages_known']} 人出生年月未填写，未计入平均年龄）")
        if comp.get("gender_unknown") or comp.get("ethnicity_unknown"):
            lines.append(
                f"（性别未填写 {comp.get('gender_unknown', 0)} 人，"
                f"民族未填写或无法识别 {comp.get('ethnicity_unknown', 0)} 人）"
            )
        if not total:
            lines.append("尚无当选人员。")
        out.append(Spacer(1, 4 * mm))
        out += [Paragraph(_esc(x), s.body) for x in lines]
        out.append(Paragraph("百分比保留一位小数（四舍五入）。", s.small))
        return out


#: The provisional watermark's resolution (pixels per point: 3 is 216 dpi, smooth in print).
WATERMARK_SCALE = 3


@functools.cache
def _watermark() -> tuple[ImageReader, float, float]:
    """The diagonal 未确认 / PROVISIONAL of a provisional paper as a translucent picture (its
    size in points): 64 and 40 pt, turned 40° about the page's centre."""
    from PIL import Image, ImageDraw

    k = WATERMARK_SCALE
    w, h = 420 * k, 200 * k
    flat = Image.new("RGBA", (w, h), (0, 0, 0, 0))
    pen = ImageDraw.Draw(flat)
    ink = (217, 26, 26, round(0.16 * 255))
    # (baselines 20 pt above and 40 pt below the centre, as the text was drawn)
    pen.text((w / 2, h / 2 - 20 * k), "未确认", fill=ink, anchor="ms", font=_pil_font(64 * k))
    pen.text((w / 2, h / 2 + 40 * k), "PROVISIONAL", fill=ink, anchor="ms", font=_pil_font(40 * k))
    turned = flat.rotate(40, resample=Image.Resampling.BICUBIC, expand=True)
    return ImageReader(turned), turned.width / k, turned.height / k


def _pil_font(size: int) -> Any:
    from PIL import ImageFont

    return ImageFont.truetype(str(font_path()), size, index=0)


def _page_decorator(status: str, font: str) -> Any:
    def draw(canvas: Canvas, doc: BaseDocTemplate) -> None:
        canvas.saveState()
        if status == "final":
            # Complete, but not yet frozen: a paper signed now carries no digest to verify,
            # and a decision changed before the certification would not be on it.
            canvas.setFillColor(colors.Color(0.55, 0.35, 0.0))
            canvas.setFont(font, 9)
            canvas.drawCentredString(
                PAGE[0] / 2,
                PAGE[1] - 10 * mm,
                "尚未确认冻结 NOT YET CERTIFIED — 确认（certify）后重新打印的报告单载有数字摘要",
            )
        if status == "provisional":
            canvas.setFillColor(colors.Color(0.8, 0.1, 0.1))
            canvas.setFont(font, 9)
            canvas.drawCentredString(
                PAGE[0] / 2, PAGE[1] - 10 * mm, "未确认结果 PROVISIONAL — 不得作为正式结果公布"
            )
            # (a picture, not text: drawn as text, its letters landed inside the table's
            # rows for anything reading the paper's text — pdftotext gave "认 AL" in a row)
            picture, width, height = _watermark()
            canvas.drawImage(
                picture,
                (PAGE[0] - width) / 2,
                (PAGE[1] - height) / 2,
                width,
                height,
                mask="auto",
            )
        canvas.restoreState()

    return draw


class _EndsOnSignedPage(Flowable):  # type: ignore[misc]
    """A paper's last table and what follows it down to the signatures: all on one page when
    they fit; else the table breaks so that at least its last ``tail`` rows, under its
    heading repeated, go over with them — scrutineers never sign a page that shows none of
    the figures they sign for (a 17-name 常委 sheet had every number on page 1 and the
    signatures alone on page 2)."""

    def __init__(
        self,
        table: Table,
        block: list[Flowable],
        tail: int = TAIL_ROWS,
        lead: Sequence[Flowable] = (),
    ) -> None:
        super().__init__()
        self.table, self.block, self.tail = table, block, tail
        # (what heads the table — its caption — stays with its first rows: "另选他人得票"
        # stood alone at the foot of a page, its table on the next)
        self.lead = list(lead)
        self._sizes = (0.0, 0.0)

    def _measure(self, aw: float, ah: float) -> tuple[float, float]:
        _, h = self.table.wrap(aw, ah)
        return float(h), _height(self.block, aw, ah)

    def wrap(self, aw: float, ah: float) -> tuple[float, float]:
        self._sizes = self._measure(aw, ah)
        return aw, 0xFFFFFF  # (always split: `split` decides where the page breaks)

    def split(self, aw: float, ah: float) -> list[Flowable]:
        h, rest = self._measure(aw, ah)
        lead = _height(self.lead, aw, ah)
        if lead + h + rest <= ah:
            return [*self.lead, self.table, *self.block]
        head = int(self.table.repeatRows or 0)
        rows = len(self.table._cellvalues)
        room = ah - lead
        parts = self.table.split(aw, room) if room > 0 else []
        if len(parts) == 2 and len(parts[1]._cellvalues) - head >= self.tail:
            # (the table runs on anyway, with enough of it left for the signatures' page)
            return [*self.lead, parts[0], _EndsOnSignedPage(parts[1], self.block, self.tail)]
        if not parts or rows - self.tail <= head + 1:
            # (nothing of it fits here, or too short to break: all of it on the next page)
            return [] if not parts else self._together()
        # The table ends here but the signatures do not fit below it: its last rows go over.
        cut = float(sum(self.table._rowHeights[: rows - self.tail])) + 0.01
        first = self.table.split(aw, min(cut, room))
        if len(first) != 2:
            return self._together()
        return [*self.lead, first[0], KeepTogether([first[1], *self.block])]

    def _together(self) -> list[Flowable]:
        # (a split's first flowable must fit where it is: a KeepTogether never does, so it
        # comes second, after one that does nothing)
        return [NullActionFlowable(), KeepTogether([*self.lead, self.table, *self.block])]


def _height(flowables: Sequence[Flowable], aw: float, ah: float) -> float:
    """How tall these flowables stand one under the other, their spaces included."""
    return float(sum(f.wrap(aw, ah)[1] + f.getSpaceBefore() + f.getSpaceAfter() for f in flowables))


class _PaperStart(Flowable):  # type: ignore[misc]
    """Draws nothing; tells the canvas which paper the pages from here on belong to, so a
    page the paper runs on to is headed with its title (a loose page names its paper)."""

    def __init__(self, running_title: str) -> None:
        super().__init__()
        self.running_title = running_title
        self.width = self.height = 0

    def draw(self) -> None:
        canvas = self.canv
        canvas.hj_paper = self.running_title
        canvas.hj_paper_page = canvas.getPageNumber()


def _counted_canvas(font: str, digest_short: str) -> Any:
    """A canvas that holds its pages until the end, then numbers each "第 i 页 / 共 n 页"
    (a missing page shows) and heads every page a paper runs on to with "（续）" and the
    paper's title and round."""

    class Counted(Canvas):  # type: ignore[misc]
        hj_paper = ""
        hj_paper_page = 0

        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._held: list[dict[str, Any]] = []

        def showPage(self) -> None:
            self._held.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._held)
            for state in self._held:
                self.__dict__.update(state)
                self._furnish(total)
                super().showPage()
            super().save()

        def _furnish(self, total: int) -> None:
            self.saveState()
            self.setFont(font, 8)
            self.setFillColor(colors.grey)
            page = self.getPageNumber()
            footer = f"第 {page} 页 / 共 {total} 页"
            if digest_short:
                footer += f"　数字摘要 {digest_short}"
            self.drawCentredString(PAGE[0] / 2, 10 * mm, footer)
            if self.hj_paper and self.hj_paper_page != page:
                self.drawString(MARGIN, PAGE[1] - MARGIN + 3 * mm, f"{self.hj_paper}（续）")
            self.restoreState()

    return Counted


def render(out: Path, papers: Sequence[Paper]) -> int:
    """Write the papers to ``out`` (each on new pages); returns the number of pages."""
    if not papers:
        raise ValueError("no paper to print")
    font = register_font()
    styles = Styles(font)
    first = papers[0].doc
    status = str(first.get("status", ""))
    # (a void round not yet certified is as open as an unfrozen final one: a figure corrected
    # may make it valid — its paper says it is not certified, as theirs does)
    unfrozen_void = status == "void" and not first.get("digest")
    decorate = _page_decorator("final" if unfrozen_void else status, font)
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(out.name + ".part")
    doc = BaseDocTemplate(
        str(tmp),
        pagesize=PAGE,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN,
        bottomMargin=MARGIN + 4 * mm,
        title=f"{first.get('title', '')} 计票结果",
        author="huanjie",
        creator="huanjie",
    )
    frame = Frame(doc.leftMargin, doc.bottomMargin, doc.width, doc.height, id="body")
    doc.addPageTemplates([PageTemplate(id="page", frames=[frame], onPage=decorate)])
    story: list[Flowable] = []
    for i, paper in enumerate(papers):
        if i:
            story.append(PageBreak())
        story += paper.story(styles)
    doc.build(story, canvasmaker=_counted_canvas(font, str(first.get("digest_short") or "")))
    tmp.replace(out)
    return int(doc.page)
