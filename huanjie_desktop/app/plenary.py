"""The new committee's first plenary (全委会): its roster from those the congress elected.

常委, 书记 and 副书记 are elected by the new committee, not by the congress: its 应到 is the
number of committee members, its quorum more than two thirds of them, and more than half of
them elect (rules.md). That is an election of its own, with its own file: this module writes
its definition workbook with the roster filled in — the members elected in a contest of a
congress's file, with what that file holds of each — for the staff to add the contests and
their candidates and create the file with ``huanjie init``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from huanjie_desktop.app import counting
from huanjie_desktop.app.accounts import Session
from huanjie_desktop.app.prepare import person_json
from huanjie_desktop.domain.model import ContestKind
from huanjie_desktop.storage import repo
from huanjie_desktop.storage.db import ElectionDB

#: The congress's contests whose members hold a plenary.
_COMMITTEES = frozenset({ContestKind.COMMITTEE, ContestKind.DISCIPLINE})


class PlenaryRefused(Exception):
    def __init__(self, zh: str, en: str) -> None:
        super().__init__(en)
        self.zh = zh
        self.en = en


@dataclass(frozen=True)
class Plenary:
    definition: dict[str, Any]  # the JSON shape of a definition, contests left to fill in
    members: int
    unfilled: int  # seats the contest left unfilled
    final: bool  # the contest's latest round certified (else: final, not yet certified)


def plenary_title(committee_title: str) -> str:
    """'中国共产党××区第六届委员会委员' → '中国共产党××区第六届委员会第一次全体会议'."""
    body = committee_title.strip()
    for tail in ("委员", "成员"):
        if body.endswith(tail) and len(body) > len(tail):
            body = body[: -len(tail)]
            break
    return f"{body}第一次全体会议"


def plenary_definition(db: ElectionDB, contest: str, operator: Session | None = None) -> Plenary:
    """The plenary's definition: its roster the members ``contest`` elected (every round),
    each with what this file's roster holds of them; no units, no contests yet. Refused
    while the contest's result is not final, or for a contest that elects no committee;
    reading the result needs ``operator``'s right to see it (a file with accounts)."""
    c = repo.read_contest(db, contest)
    if c is None:
        raise PlenaryRefused(f"没有选举事项“{contest}”", f"no contest {contest!r}")
    if c.kind not in _COMMITTEES:
        raise PlenaryRefused(
            f"“{c.title}”选出的不是委员会（全委会由委员会委员或纪委委员组成）",
            f"{c.title!r} elects no committee (a plenary is of committee members)",
        )
    doc = counting.tally(db, contest, operator=operator)
    if doc["status"] not in ("final", "certified"):
        raise PlenaryRefused(
            f"“{c.title}”第 {doc['round']} 轮结果尚未确定：计票结束并确认后再生成全委会名单",
            f"{c.title!r} round {doc['round']} is not final: count and certify it first",
        )
    people: list[dict[str, Any]] = []
    for i, e in enumerate(doc.get("contest_elected", []), start=1):
        person = repo.read_person(db, e["person"]) if e.get("person") else None
        if person is not None:
            entry = person_json(person)
            entry.pop("unit", None)  # (the plenary has no units)
        else:  # (a write-in not on the roster: the name only, the rest to fill in)
            entry = {"code": f"W{i:03d}", "name": e["name"]}
        entry["has_vote"] = True
        people.append(entry)
    if not people:
        # (a roster of no one: nothing for a plenary to be of)
        raise PlenaryRefused(
            f"“{c.title}”没有人当选：全委会无从组成，不能生成其定义表"
            "（空缺的名额另行选举，或由主席团决定）",
            f"no one was elected in {c.title!r}: there is no plenary to define (hold a"
            " supplementary election for the unfilled seats, or the presidium decides)",
        )
    election = repo.read_election(db)
    definition = {
        "election": {
            "name": plenary_title(c.title),
            "date": election.date.isoformat(),
            "level": str(election.level),
        },
        "units": [],
        "people": people,
        "contests": [],
    }
    return Plenary(
        definition, len(people), int(doc.get("unfilled_seats", 0)), doc["status"] == "certified"
    )
