"""Sentences the papers and the spreadsheet say alike (neither pulls in the other's library)."""

from __future__ import annotations

from typing import Any

from huanjie_desktop.domain.name_order import OPENING


def note_after_name(note: str) -> tuple[str, bool]:
    """A candidate's note as printed right after their name (a column-style ballot, the
    result papers' namesakes), and whether a space sets it apart. In brackets, so that '王伟'
    with the note '区直机关' does not read as one name '王伟区直机关'; a note that begins with
    brackets as it is; one with brackets of its own further on as entered — bracketed again
    it read '刘伟（城关镇中心小学教师（女，满族））' — after a space, as the symbol-style ballot
    prints it under the name."""
    note = note.strip()
    if not note or note[0] in OPENING:
        return note, False
    if any(ch in OPENING for ch in note):
        return note, True
    return f"（{note}）", False


def illegible_writeins_zh(doc: dict[str, Any]) -> str | None:
    """The ○ write-ins of the valid ballots whose name nobody could read (the tally's
    ``writeins_illegible``: each chose someone and is nobody's vote), without a full stop;
    None when there is none."""
    n = int(doc.get("writeins_illegible") or 0)
    return f"另选他人栏中写了姓名但无法辨认的 {n} 处，不计任何人的票" if n else None


#: A round's kind as the ballots and the papers name it.
ROUND_KIND_ZH = {"formal": "正式选举", "supplementary": "另行选举", "tie": "再次投票"}


def round_kind_zh(doc: dict[str, Any]) -> str:
    """The kind of round a tally is of, as the papers name it: 正式选举, 另行选举, 再次投票;
    a round held again after a void one (the tally's ``rerun``) adds "重新投票". A 预选's first
    round is its 预选 (no 正式选举: that is the vote its list is for)."""
    round_kind = str(doc.get("round_kind", "formal"))
    if doc.get("preselection") and round_kind == "formal":
        kind = "预选"
    else:
        kind = ROUND_KIND_ZH.get(round_kind, "")
    return f"{kind}·重新投票" if doc.get("rerun") else kind


def seats_decided_zh(doc: dict[str, Any]) -> str | None:
    """What a round opened for fewer seats than were unfilled says of it (the tally's
    ``seats_decided``), without a full stop; None for any other round."""
    decided = doc.get("seats_decided")
    if not decided:
        return None
    # (the decision as recorded names who decided: '主席团第二次会议决定')
    return (
        f"本轮应选名额由空缺的 {decided.get('from')} 名减为 {decided.get('to')} 名"
        f"（{decided.get('decision', '')}）"
    )


def seats_reduced_zh(doc: dict[str, Any], left: int) -> str:
    """What a round whose ``left`` unfilled seats were given up by decision (the tally's
    ``seats_reduced``) says of them, without a full stop (the decision as recorded, often
    '主席团第四次会议决定减少名额', in brackets after it, not run into the sentence)."""
    decision = str((doc.get("seats_reduced") or {}).get("decision", "")).strip()
    return f"空缺的 {left} 个名额减少，不再另行选举" + (f"（{decision}）" if decision else "")


def outcome_zh(doc: dict[str, Any], item: dict[str, Any], tied: bool) -> str:
    """A candidate's (or a person written in) outcome in the round, as the tally sheet's
    last column says it: "—" until the result is final; ``tied``: at the cut-off."""
    if doc["status"] not in ("final", "certified"):
        return "—"
    if item["elected"]:
        return "确定为正式候选人" if doc.get("preselection") else "当选"
    if tied:
        return "票数相等"
    said = {
        "elected_before": "已在前轮当选",
        "not_in_tie": "不在再次投票范围",
        "no_vote": "无选举权，不能当选",
    }.get(str(item.get("not_eligible")))
    if said:
        return said
    if doc.get("preselection"):
        return "未入选"  # (no half in a 预选: nobody is "over half, not elected")
    # (over the half, the seats gone to more votes: not "未当选" alone, as though short of
    # the half — the results page says "过半数，但名额已满")
    return "过半数未当选" if item.get("over_threshold") else "未当选"


def station_zh(station: str) -> str:
    """What a station laptop's count is, as ``huanjie tally`` says it there (no full stop)."""
    return (
        f"分团计票机（{station}）：本机只有本分团的票箱和选票，没有报到记录。"
        "到会人数、本轮是否有效、谁当选，以主机合并各分团后的结果为准"
    )


def station_view(doc: dict[str, Any]) -> dict[str, Any]:
    """A station laptop's tally (its ``station`` set) as it may be shown or printed there.

    The station holds its own boxes and sheets and no check-ins: the tally finds no quorum
    and would call the round void. Whether the round is valid and who is elected are the
    main laptop's to say once every station is merged — here the result is provisional for
    that reason (``station_count``, first), and the quorum is no reason at all. What the
    station can check itself (sheets pending review, its boxes' counts) stays. Any other
    tally is returned as it is."""
    if not doc.get("station") or doc.get("status") == "certified":
        return doc
    out = dict(doc)
    # (the count itself now says station_count: shown once, first)
    reasons = [
        str(r) for r in doc.get("reasons", []) if r not in ("quorum_not_met", "station_count")
    ]
    out["status"] = "provisional"
    out["reasons"] = ["station_count", *reasons]
    out["elected"] = []
    out["tie"] = []
    return out


def withdrawn_heading_zh(doc: dict[str, Any]) -> str | None:
    """The heading of the list of papers taken out of the round's count (review withdraw),
    as the result papers print it where the scrutineers sign; None when there are none."""
    if not doc.get("withdrawn"):
        return None
    said = "撤出计票的选票（不计有效票、无效票，也不算收回的选票）"
    if doc.get("withdrawn_outside_digest"):
        # (certified by a version that did not certify the list with the result)
        said += "，据选举文件的记录列出，不在数字摘要之内"
    return said + "："


def withdrawn_zh(item: dict[str, Any]) -> str:
    """One paper taken out of the round's count (`counting.withdrawn_list`), in a line of a
    result paper: which paper (a hand entry's label, else the sheet and its serial), why,
    who proposed and who confirmed it."""
    if item.get("label"):
        what = f"手工录入 {item['label']}"
    else:
        what = f"选票 {item['sheet']}"
        if item.get("serial"):
            what += f"（防伪码 {item['serial']}）"
    by, second = item.get("decided_by") or "", item.get("confirmed_by") or ""
    state = str(item.get("state") or "")
    who = {
        "proposed": f"{by} 提出，待另一位监票人确认",
        "restore_proposed": f"{by} 提出，{second} 确认；已提出恢复，待确认",
        "held": f"{by} 提出，{second} 确认；与另一台计票机的认定不同，已送回审核",
    }.get(state, f"{by} 提出，{second} 确认")
    return f"{what}：{item.get('reason') or ''}（{who}）"
