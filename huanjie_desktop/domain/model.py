"""The election's types: event, units, people, contests, candidates, rounds, marks.

Terms (see shared glossary): 选举单位 unit, 代表名单 roster, 选举事项 contest, 候选人 candidate,
应选名额 seats, 差额/等额 competitive/uncontested, 另选他人 write-in.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum


class Level(StrEnum):
    """地方组织 (local: district congress) or 基层组织 (basic: members' assembly)."""

    LOCAL = "local"
    BASIC = "basic"


class ContestKind(StrEnum):
    COMMITTEE = "committee"  # 委员
    ALTERNATE = "alternate"  # 候补委员
    DISCIPLINE = "discipline"  # 纪委委员
    DELEGATE = "delegate"  # 党代表 / 出席上级党代会代表
    STANDING = "standing"  # 常委
    SECRETARY = "secretary"  # 书记
    DEPUTY_SECRETARY = "deputy_secretary"  # 副书记
    OTHER = "other"


class Method(StrEnum):
    COMPETITIVE = "competitive"  # 差额
    UNCONTESTED = "uncontested"  # 等额


class BallotStyle(StrEnum):
    SYMBOL = "symbol"  # one box per name: ○ agree, × disagree, blank abstain
    COLUMNS = "columns"  # 赞成 / 不赞成 / 弃权 boxes per name


class ThresholdBase(StrEnum):
    EXPECTED = "expected"  # 应到会有选举权人数
    PRESENT = "present"  # 实到会有选举权人数


class QuorumRule(StrEnum):
    """Share of expected voters that must be present, strictly exceeded."""

    HALF = "half"  # 党代会: > 1/2
    TWO_THIRDS = "two_thirds"  # 全委会: > 2/3
    FOUR_FIFTHS = "four_fifths"  # 党员大会: > 4/5

    @property
    def fraction(self) -> tuple[int, int]:
        return {"half": (1, 2), "two_thirds": (2, 3), "four_fifths": (4, 5)}[self.value]


class RoundKind(StrEnum):
    FORMAL = "formal"  # 正式选举
    SUPPLEMENTARY = "supplementary"  # 另行选举
    TIE = "tie"  # 再次投票


class RoundStatus(StrEnum):
    OPEN = "open"
    VOID = "void"  # 收回 > 发出: kept on record, must be re-run
    CERTIFIED = "certified"


class Mark(StrEnum):
    """What one target says: 赞成 / 不赞成 / 弃权, or unclear (a person must decide)."""

    AGREE = "agree"
    DISAGREE = "disagree"
    ABSTAIN = "abstain"
    UNCLEAR = "unclear"

    @property
    def code(self) -> str:
        """One-letter code used in compact per-sheet mark strings."""
        return _MARK_CODES[self]

    @staticmethod
    def from_code(code: str) -> Mark:
        return _CODE_MARKS[code]


_MARK_CODES = {Mark.AGREE: "A", Mark.DISAGREE: "D", Mark.ABSTAIN: "N", Mark.UNCLEAR: "?"}
_CODE_MARKS = {v: k for k, v in _MARK_CODES.items()}


class SheetStatus(StrEnum):
    COUNTED = "counted"
    REVIEW = "review"
    REJECTED = "rejected"
    DUPLICATE = "duplicate"


class OfficialRole(StrEnum):
    CHIEF_SCRUTINEER = "chief_scrutineer"  # 总监票人
    SCRUTINEER = "scrutineer"  # 监票人
    COUNTER = "counter"  # 计票人


@dataclass(frozen=True)
class Election:
    name: str
    date: dt.date
    level: Level


@dataclass(frozen=True)
class Unit:
    code: str
    name: str


@dataclass(frozen=True)
class Person:
    """One roster entry (代表名单). Optional fields are empty strings when unknown."""

    code: str
    name: str
    gender: str = ""  # 男 / 女
    ethnicity: str = ""  # 民族
    birth: str = ""  # YYYY-MM
    native_place: str = ""  # 籍贯
    id_number: str = ""  # 身份证号码
    education: str = ""  # 学历/学位
    party_join: str = ""  # 入党时间 YYYY-MM
    work_start: str = ""  # 参加工作时间 YYYY-MM
    workplace: str = ""  # 工作单位及职务
    category: str = ""  # 代表类别/构成
    unit: str | None = None  # 选举单位 code
    has_vote: bool = True  # 有选举权


@dataclass(frozen=True)
class Candidate:
    code: str
    name: str
    person: str | None = None  # roster code, None for an outside person
    annotation: str = ""  # e.g. (女) (满族): printed, ignored for sorting


@dataclass(frozen=True)
class Contest:
    code: str
    title: str
    kind: ContestKind
    method: Method
    seats: int
    unit: str | None  # None: the congress as a whole
    ballot_style: BallotStyle
    writein_columns: int
    threshold_base: ThresholdBase
    quorum_rule: QuorumRule
    margin_min_pct: int  # minimum 差额比例 in percent
    margin_reason: str = ""  # why a smaller margin is allowed, if it is
    writein_needs_mark: bool = True  # a written name without ○ is not a vote
    candidates: tuple[Candidate, ...] = field(default_factory=tuple)
    #: 预选: a preliminary vote whose outcome is a list — the ``seats`` people with the most
    #: agree votes become the formal candidates (确定为正式候选人) of a later contest. No
    #: more-than-half rule and no 另行选举; a tie at the last place goes to a re-vote.
    preselection: bool = False


@dataclass(frozen=True)
class Problem:
    """An expected failure as a value: where, what, and a message a clerk understands."""

    where: str  # e.g. "roster sheet, row 12, column 身份证号码" or "$.people[3].id_number"
    code: str  # stable reason code, e.g. "id_checksum"
    message_zh: str
    message_en: str
    warning: bool = False

    def message(self, lang: str = "zh") -> str:
        text = self.message_en if lang == "en" else self.message_zh
        return f"{self.where}: {text}" if self.where else text


def round_writein_columns(contest: Contest, kind: RoundKind, seats: int | None = None) -> int:
    """The write-in columns of a round's ballot: none in a tie re-vote (再次投票), which is
    among the tied candidates only; the contest's setting otherwise, but no more than the
    round's ``seats`` (a supplementary round for one seat has one column: more could only
    over-vote)."""
    if kind is RoundKind.TIE:
        return 0
    if seats is not None and kind is not RoundKind.FORMAL:
        return min(contest.writein_columns, max(0, seats))
    return contest.writein_columns
