"""Excel export of every tally: a summary sheet, then one sheet per contest and round.

Built from the tally JSON (``app.counting.tally``); headers are in Chinese, numbers are
numbers (not text) so that counters can add them up again in Excel.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from huanjie_desktop.reports.words import (
    outcome_zh,
    round_kind_zh,
    seats_decided_zh,
    seats_reduced_zh,
)

STATUS_ZH = {
    "provisional": "未确认",
    "final": "最终（未冻结）",
    "certified": "已确认",
    "void": "无效",
}
HEADER_FILL = PatternFill("solid", fgColor="DDDDDD")

SUMMARY_HEADERS = [
    "选举事项",
    "名称",
    "轮次",
    "类型",
    "状态",
    "应选",
    "应到",
    "实到",
    "到会人数符合规定",
    "发出",
    "收回",
    "收回不多于发出",
    "有效票",
    "无效票",
    "待审核",
    "当选基数",
    "当选票数",
    "当选人数",
    "空缺",
    "票数相等",
    "数字摘要",
]
CANDIDATE_HEADERS = [
    "名次",
    "编号",
    "姓名",
    "赞成",
    "不赞成",
    "弃权",
    "占有效票",
    "占基数",
    "超过半数",
    "当选",
]


def _sheet_title(doc: dict[str, Any], used: set[str]) -> str:
    base = f"{doc['contest']}-{doc['round']}"[:28]
    title, n = base, 2
    while title in used:
        title = f"{base}~{n}"
        n += 1
    used.add(title)
    return title


def _header(ws: Any, row: int, headers: Sequence[str]) -> None:
    for col, text in enumerate(headers, start=1):
        cell = ws.cell(row=row, column=col, value=text)
        cell.font = Font(bold=True)
        cell.fill = HEADER_FILL
        cell.alignment = Alignment(horizontal="center")


def _widths(ws: Any, widths: Sequence[int]) -> None:
    for i, w in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(i)].width = w


def _put(sh: Any, row: int, values: list[Any]) -> None:
    """A candidate's row; its shares (columns 7, 8) as numbers shown as percentages."""
    for col, v in enumerate(values, start=1):
        cell = sh.cell(row=row, column=col, value=v)
        if col in (7, 8) and isinstance(v, float):
            cell.number_format = "0.0%"


def _share(n: int, d: int) -> float | str:
    """n of d as a fraction for a percent-formatted cell ('—' when there is no base)."""
    return n / d if d else "—"


def write_tallies(out: Path, election: str, docs: Sequence[dict[str, Any]]) -> None:
    wb = Workbook()
    ws = wb.active
    ws.title = "汇总"
    ws.cell(row=1, column=1, value=f"{election} 计票结果").font = Font(bold=True, size=14)
    _header(ws, 2, SUMMARY_HEADERS)
    for r, d in enumerate(docs, start=3):
        values = [
            d["contest"],
            d.get("title", ""),
            d["round"],
            round_kind_zh(d),
            STATUS_ZH.get(str(d["status"]), d["status"]),
            d["seats"],
            d["expected"],
            d["present"],
            "是" if d["quorum_met"] else "否",
            d["issued"],
            d["collected"],
            "是" if d["round_valid"] else "否",
            d["valid_ballots"],
            d["void_ballots"],
            d["pending_review"],
            d["base"],
            d["threshold"],
            len(d["elected"]),
            d["unfilled_seats"],
            "、".join(t["name"] for t in d.get("tie", [])),
            d.get("digest_short") or "",
        ]
        for c, v in enumerate(values, start=1):
            ws.cell(row=r, column=c, value=v)
    _widths(ws, [10, 30, 6, 10, 12] + [9] * 15 + [20])
    ws.freeze_panes = "A3"

    used: set[str] = {"汇总"}
    for d in docs:
        sh = wb.create_sheet(_sheet_title(d, used))
        kind = round_kind_zh(d)
        sh.cell(row=1, column=1, value=f"{d.get('title', d['contest'])} 第{d['round']}轮（{kind}）")
        sh.cell(row=1, column=1).font = Font(bold=True, size=13)
        facts = [
            ("状态", STATUS_ZH.get(str(d["status"]), d["status"])),
            ("应到", d["expected"]),
            ("实到", d["present"]),
            ("发出", d["issued"]),
            ("收回", d["collected"]),
            ("有效票", d["valid_ballots"]),
            ("无效票", d["void_ballots"]),
            ("当选基数", d["base"]),
            (
                "当选所需赞成票",
                # (a 预选: the most votes select, no half; a tie re-vote: the most votes
                # among those tied elect, the half not asked)
                "预选，按赞成票多少确定正式候选人"
                if d.get("preselection")
                else "再次投票，得票多的当选"
                if d.get("round_kind") == "tie"
                else d["threshold"],
            ),
        ]
        for i, (k, v) in enumerate(facts):
            sh.cell(row=2, column=1 + 2 * (i % 5), value=k).font = Font(bold=True)
            sh.cell(row=2 + i // 5 * 0, column=2 + 2 * (i % 5), value=v)
            if i == 4:
                break
        for i, (k, v) in enumerate(facts[5:]):
            sh.cell(row=3, column=1 + 2 * i, value=k).font = Font(bold=True)
            sh.cell(row=3, column=2 + 2 * i, value=v)
        said: list[str] = []
        if decided := seats_decided_zh(d):
            said.append(decided)  # (the presidium's decision that opened the round)
        if d.get("seats_reduced") and int(d.get("unfilled_seats", 0)) > 0:
            # (the presidium's decision after the round: its unfilled seats stay so)
            said.append(seats_reduced_zh(d, int(d["unfilled_seats"])))
        if said:
            sh.cell(row=4, column=1, value="；".join(said))
        _header(sh, 5, CANDIDATE_HEADERS)
        valid, base = int(d["valid_ballots"]), int(d["base"])
        row = 6
        tied = {(t.get("code"), t.get("person"), t.get("name")) for t in d.get("tie", [])}

        def outcome(
            x: dict[str, Any],
            code: str | None,
            tied: set[tuple[Any, Any, Any]] = tied,
            d: dict[str, Any] = d,
        ) -> str:
            at_cut = (code, x.get("person"), x["name"]) in tied or bool(
                code and any(t[0] == code for t in tied)
            )
            return outcome_zh(d, x, at_cut)  # (as the tally sheet says it)

        for c in d["candidates"]:
            _put(
                sh,
                row,
                [
                    c["rank"],
                    c["code"],
                    c["name"],
                    c["agree"],
                    c["disagree"],
                    c["abstain"],
                    _share(c["agree"], valid),
                    _share(c["agree"], base),
                    "是" if c["over_threshold"] else "否",
                    outcome(c, c["code"]),
                ],
            )
            row += 1
        if d["writeins"]:
            # (the people written in, apart as on the tally sheet: not among the candidates)
            sh.cell(row=row, column=1, value="另选他人得票").font = Font(bold=True)
            row += 1
        for w in d["writeins"]:
            _put(
                sh,
                row,
                [
                    w["rank"],
                    "另选",
                    w["name"],
                    w["agree"],
                    None,
                    None,
                    _share(w["agree"], valid),
                    _share(w["agree"], base),
                    "是" if w["over_threshold"] else "否",
                    outcome(w, None),
                ],
            )
            row += 1
        row += 1
        heading = "正式候选人名单" if d.get("preselection") else "当选名单"
        sh.cell(row=row, column=1, value=heading).font = Font(bold=True)
        for i, e in enumerate(d.get("elected_list", []), start=1):
            sh.cell(row=row + i, column=1, value=i)
            sh.cell(row=row + i, column=2, value=e["name"])
            sh.cell(row=row + i, column=3, value=e["agree"])
        _widths(sh, [8, 10, 14, 9, 9, 9, 11, 11, 10, 8])
        sh.freeze_panes = "A6"
    # Everyone elected in each contest, all rounds together, in the published order (the
    # latest round's document holds the contest's whole list).
    latest: dict[str, dict[str, Any]] = {}
    for d in docs:
        if d["contest"] not in latest or int(d["round"]) > int(latest[d["contest"]]["round"]):
            latest[d["contest"]] = d
    el = wb.create_sheet("当选名单")
    el.cell(row=1, column=1, value=f"{election} 当选名单（各事项各轮合计）").font = Font(
        bold=True, size=13
    )
    _header(el, 2, ["选举事项", "序号", "姓名", "赞成票", "当选轮次"])
    r = 3
    for d in latest.values():
        if d.get("preselection"):
            continue  # (a 预选 elects nobody: its list is on its own sheet)
        for i, e in enumerate(d.get("contest_elected", []), start=1):
            for col, v in enumerate(
                [d.get("title", d["contest"]), i, e["name"], e["agree"], e.get("round")], start=1
            ):
                el.cell(row=r, column=col, value=v)
            r += 1
    _widths(el, [36, 6, 14, 9, 9])
    el.freeze_panes = "A3"
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(out.name + ".part")
    wb.save(str(tmp))
    tmp.replace(out)
