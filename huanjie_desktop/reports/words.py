"""Sentences the papers and the spreadsheet say alike (neither pulls in the other's library)."""

from __future__ import annotations

from typing import Any


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
