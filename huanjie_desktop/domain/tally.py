"""Counting one round (计票): ballot validity, totals, threshold, who is elected, ties,
unfilled seats, alternates' order, write-ins, the next round, and the composition of those
elected. Pure functions over plain records; the law is shared/domain/rules.md.

Every comparison is made in integers ("more than half" is ``2 * votes > base``); shares are
exact fractions and only become decimals when printed.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from fractions import Fraction
from typing import Any

from huanjie_desktop.domain.model import (
    Candidate,
    ContestKind,
    Mark,
    Method,
    QuorumRule,
    RoundKind,
    ThresholdBase,
)
from huanjie_desktop.domain.name_order import ethnic_group, simplified
from huanjie_desktop.domain.rules import exceeds_half, quorum_met, threshold_votes

MARK_CODES = frozenset("ADN?")


class ResultStatus(StrEnum):
    PROVISIONAL = "provisional"  # something pending: nobody is declared elected
    FINAL = "final"  # complete, not yet certified
    CERTIFIED = "certified"  # frozen by the scrutineers (set by the app layer)
    #: 收回 > 发出, or the quorum was not met once the vote began: must be re-run. (Short
    #: of a quorum before any ballot record is in, the round is provisional: it waits.)
    VOID = "void"


# --- ballots ------------------------------------------------------------------------------


@dataclass(frozen=True)
class WriteInVote:
    """One 另选他人 column as finally decided: the mark above it and the name a person read."""

    column: int
    mark: Mark
    name: str = ""
    person: str | None = None  # roster code when the name was matched to the roster
    #: The printed candidate the name is (this ballot's vote for them is that candidate's ○):
    #: then the column is no write-in vote of its own.
    candidate: str | None = None
    #: A name is written but nobody can read it (``name`` and ``person`` empty): it gives
    #: nobody a vote, yet the voter chose someone — a choice for the over-vote rule, where
    #: an empty column chooses nobody.
    illegible: bool = False

    @property
    def named(self) -> bool:
        return bool(self.person) or bool(self.name.strip())


@dataclass(frozen=True)
class BallotRecord:
    """What counts of one ballot sheet.

    ``marks`` holds one code per printed candidate in ballot order: A agree, D disagree,
    N abstain, ? unclear. A mark a person declared unreadable stays ``?`` and counts as no
    valid mark for that one candidate (an abstention); the rest of the ballot stands.
    ``valid`` is False for a ballot voided by a decision (identifying marks, …) or by the
    scanner (over-voted); the over-vote rule is applied here again in any case.
    """

    marks: str
    valid: bool = True
    writeins: tuple[WriteInVote, ...] = ()


def writein_is_vote(w: WriteInVote, needs_mark: bool) -> bool:
    """A written name with ○ is a vote for that person; without ○ only if the contest says so.

    A ○ over an empty column chooses nobody; × over a name is never a vote; a printed
    candidate's name written in is that candidate's ○ (``candidate``), no write-in vote.
    """
    if not w.named or w.candidate:
        return False
    if w.mark is Mark.AGREE:
        return True
    return not needs_mark and w.mark is Mark.ABSTAIN


def writein_is_choice(w: WriteInVote, needs_mark: bool) -> bool:
    """Does the column choose someone (rules: "choosing" counts the write-ins marked ○)? A
    vote, or a name nobody can read under the same marks: that one chooses a person who
    gets no vote."""
    if w.illegible and not w.named and not w.candidate:
        return w.mark is Mark.AGREE or (not needs_mark and w.mark is Mark.ABSTAIN)
    return writein_is_vote(w, needs_mark)


def illegible_choices(writeins: Iterable[WriteInVote], needs_mark: bool = True) -> int:
    """The columns of one ballot that choose someone whose name cannot be read. Each is one
    choice: two names nobody can read cannot be told to be one person."""
    return sum(
        1
        for w in writeins
        if writein_is_choice(w, needs_mark) and not writein_is_vote(w, needs_mark)
    )


def ballot_writein_votes(
    writeins: Iterable[WriteInVote], needs_mark: bool = True
) -> tuple[WriteInVote, ...]:
    """The write-ins of one ballot that are votes, one per person: a name written in two
    columns is one vote (a ballot gives a person one vote at most)."""
    seen: set[str] = set()
    out: list[WriteInVote] = []
    for w in writeins:
        if writein_is_vote(w, needs_mark):
            key = writein_key(w)
            if key not in seen:
                seen.add(key)
                out.append(w)
    return tuple(out)


def choices(ballot: BallotRecord, needs_mark: bool = True) -> int:
    """How many people the ballot chooses: ○ on printed names plus the people written in
    (a name written twice once), plus each name written that nobody can read."""
    return (
        ballot.marks.count("A")
        + len(ballot_writein_votes(ballot.writeins, needs_mark))
        + illegible_choices(ballot.writeins, needs_mark)
    )


def ballot_is_valid(ballot: BallotRecord, seats: int, needs_mark: bool = True) -> bool:
    """Void if decided void, or if it chooses more people than there are seats (多选废票).

    A ballot with no mark at all is valid: it abstains on everyone.
    """
    return ballot.valid and choices(ballot, needs_mark) <= seats


_DOTS = re.compile(r"[·・•‧∙⋅･ㆍᆞ.．]")
_ANNOTATION = re.compile(r"[(（][^()（）]*[)）]")


def normalise_name(name: str) -> str:
    """The form names are compared by (write-ins merged, matched to the roster and to the
    printed candidates, searched at check-in): NFKC, no spaces or invisible characters, no
    annotations, no dots (阿不都热依木买买提 is 阿不都热依木·买买提: a voter or a clerk
    often leaves the dot out), traditional characters in their simplified form (刘伟 is
    劉偉)."""
    text = unicodedata.normalize("NFKC", name)
    text = "".join(ch for ch in text if unicodedata.category(ch) != "Cf")
    text = _ANNOTATION.sub("", text)
    text = "".join(ch for ch in text if not ch.isspace())
    return simplified(_DOTS.sub("", text))


def shown_name(name: str) -> str:
    """A name written in, as the papers print it: spaces, invisible characters and notes left
    out and traditional characters simplified as `normalise_name` does, but its dot kept — one
    ·, whichever dot the voter or the clerk wrote (艾尔肯·吐尼亚孜 is printed so, never
    艾尔肯吐尼亚孜). Of a person's ways of writing it, the papers print the least (`writein_totals`):
    a dotted form before the same name undotted (· sorts before any Chinese character)."""
    text = unicodedata.normalize("NFKC", name)
    text = "".join(ch for ch in text if unicodedata.category(ch) != "Cf")
    text = _ANNOTATION.sub("", text)
    text = "".join(ch for ch in text if not ch.isspace())
    return simplified(re.sub(f"(?:{_DOTS.pattern})+", "·", text).strip("·"))


def writein_key(w: WriteInVote) -> str:
    """Write-ins are merged per person: the decided roster code, else the normalised name."""
    return f"person:{w.person}" if w.person else f"name:{normalise_name(w.name)}"


@dataclass(frozen=True)
class WriteInTotal:
    key: str
    name: str
    person: str | None
    agree: int


@dataclass(frozen=True)
class Counts:
    """Totals of a set of ballots over ``n`` printed candidates (positions in ballot order).

    ``abstain`` includes unreadable marks (``?``): for every candidate
    agree + disagree + abstain = valid ballots.
    """

    valid: int
    void: int
    over_voted: int  # void because they chose too many (a subset of ``void``)
    agree: tuple[int, ...]
    disagree: tuple[int, ...]
    abstain: tuple[int, ...]
    unclear: tuple[int, ...]  # of which unreadable
    writeins: tuple[WriteInTotal, ...] = ()  # sorted by key
    #: Write-in columns of the valid ballots choosing a name nobody can read (no vote).
    writeins_illegible: int = 0

    @staticmethod
    def empty(n: int) -> Counts:
        zero = (0,) * n
        return Counts(0, 0, 0, zero, zero, zero, zero, ())

    def __add__(self, other: Counts) -> Counts:
        if len(self.agree) != len(other.agree):
            raise ValueError("counts over different candidate lists cannot be added")

        def add(a: tuple[int, ...], b: tuple[int, ...]) -> tuple[int, ...]:
            return tuple(x + y for x, y in zip(a, b, strict=True))

        merged: dict[str, WriteInTotal] = {w.key: w for w in self.writeins}
        for w in other.writeins:
            old = merged.get(w.key)
            merged[w.key] = (
                w
                if old is None
                else WriteInTotal(
                    w.key, min(old.name, w.name), old.person or w.person, old.agree + w.agree
                )
            )
        return Counts(
            self.valid + other.valid,
            self.void + other.void,
            self.over_voted + other.over_voted,
            add(self.agree, other.agree),
            add(self.disagree, other.disagree),
            add(self.abstain, other.abstain),
            add(self.unclear, other.unclear),
            tuple(merged[k] for k in sorted(merged)),
            self.writeins_illegible + other.writeins_illegible,
        )


class BallotError(ValueError):
    """A ballot record that does not fit the round (wrong length, unknown mark code)."""


def writein_totals(
    writeins: Iterable[WriteInVote], needs_mark: bool = True
) -> tuple[WriteInTotal, ...]:
    """Votes per write-in person (valid ballots' write-ins only), sorted by key."""
    names: dict[str, set[str]] = {}
    people: dict[str, str | None] = {}
    votes: dict[str, int] = {}
    for w in writeins:
        if writein_is_vote(w, needs_mark):
            key = writein_key(w)
            votes[key] = votes.get(key, 0) + 1
            names.setdefault(key, set()).add(w.name.strip() if w.person else shown_name(w.name))
            people[key] = w.person
    return tuple(WriteInTotal(k, min(names[k]), people[k], votes[k]) for k in sorted(votes))


def count_ballots(
    ballots: Iterable[BallotRecord], candidates: int, seats: int, needs_mark: bool = True
) -> Counts:
    """The reference count: validity of each ballot, then totals per candidate and write-in."""
    agree = [0] * candidates
    disagree = [0] * candidates
    unclear = [0] * candidates
    valid = void = over = illegible = 0
    counted: list[WriteInVote] = []
    for b in ballots:
        if not b.valid:
            void += 1
            continue
        if len(b.marks) != candidates or not set(b.marks) <= MARK_CODES:
            raise BallotError(f"marks {b.marks!r} do not fit a round of {candidates} candidates")
        if choices(b, needs_mark) > seats:
            void += 1
            over += 1
            continue
        valid += 1
        for i, code in enumerate(b.marks):
            if code == "A":
                agree[i] += 1
            elif code == "D":
                disagree[i] += 1
            elif code == "?":
                unclear[i] += 1
        counted += ballot_writein_votes(b.writeins, needs_mark)
        illegible += illegible_choices(b.writeins, needs_mark)
    abstain = [valid - a - d for a, d in zip(agree, disagree, strict=True)]
    return Counts(
        valid,
        void,
        over,
        tuple(agree),
        tuple(disagree),
        tuple(abstain),
        tuple(unclear),
        writein_totals(counted, needs_mark),
        illegible,
    )


# --- the round --------------------------------------------------------------------------


# The box `ballots issued/collected` counts for when none is named on the main laptop (and,
# before station laptops named theirs "<station>-1", on every laptop).
DEFAULT_BOX = "1"


@dataclass(frozen=True)
class BoxTwice:
    """A ballot box of the round reported by more than one station laptop (a replacement
    laptop entered the crashed one's box again, say), not yet resolved: (station, issued,
    collected) of each report. Its figures are in the totals once per report meanwhile."""

    box: str
    reports: tuple[tuple[str, int | None, int | None], ...]

    def words(self) -> tuple[str, str]:
        def num(v: int | None) -> str:
            return "—" if v is None else str(v)

        return (
            f"票箱“{self.box}”由 {len(self.reports)} 个分团都报来了："
            + "；".join(f"{s}（发出 {num(i)}，收回 {num(c)}）" for s, i, c in self.reports),
            f"box {self.box!r} was reported by {len(self.reports)} stations: "
            + "; ".join(f"{s} (issued {num(i)}, collected {num(c)})" for s, i, c in self.reports),
        )

    @property
    def default_named(self) -> bool:
        """The box is named as the program named a box when none was typed: each station's
        is most likely a box of its own (two delegations, one default name)."""
        return self.box == DEFAULT_BOX

    def advice(self, contest: str, round_number: int) -> tuple[str, str]:
        """What the box's reports are and what to do (zh, en)."""
        zh, en = self.words()
        take = self.reports[-1][0]
        cmd = f"huanjie ballots box-resolve FILE --contest {contest} --round {round_number} --box {self.box}"
        if self.default_named:
            # (--take first dropped one delegation's real box: "1" is the name every laptop
            # gave an unnamed box, so two stations' "1" are most likely two boxes)
            return (
                f"{zh}，合计里每份都算了一次。“{self.box}”是没有写票箱名时程序默认的名称，各分团的"
                f"“{self.box}”多半是各自的票箱：对照各票箱的清点记录，如是不同的票箱，两份都计：{cmd} --both；"
                f"如确是同一个票箱（换了计票机后又登记了一次），请总监票人选定按哪一份计，另一份搁置不计："
                f"{cmd} --take {take}（都记入审计日志）",
                f"{en}; the totals count each report. {self.box!r} is the name the program gave"
                " a box when none was typed, so each station's is most likely a box of its"
                " own: check the boxes' tally sheets, and if they are different boxes, both"
                f" count: {cmd} --both; if it is truly one box (entered again on a replacement"
                " laptop), the chief scrutineer takes one report, the other set aside:"
                f" {cmd} --take {take} (recorded in the audit log)",
            )
        return (
            f"{zh}，合计里每份都算了一次。如是同一个票箱（换了计票机后又登记了一次），请总监票人对照票箱的"
            f"清点记录选定按哪一份计，另一份搁置不计：{cmd} --take {take}；如确是同名的两个票箱，两份都计："
            f"{cmd} --both（都记入审计日志）",
            f"{en}; the totals count each report. If it is one box (entered again on a"
            " replacement laptop), the chief scrutineer checks the box's tally sheet and takes"
            f" one report, the other set aside: {cmd} --take {take}; if they are two boxes"
            f" under one label, both count: {cmd} --both (recorded in the audit log)",
        )


@dataclass(frozen=True)
class RoundSetup:
    """Everything about a round except its ballots."""

    contest: str
    round: int
    kind: ContestKind
    method: Method
    seats: int
    candidates: tuple[Candidate, ...]  # in ballot order
    threshold_base: ThresholdBase
    quorum_rule: QuorumRule
    writein_needs_mark: bool
    expected: int  # 应到 with voting rights
    present: int  # 实到 with voting rights
    issued: int  # 发出, summed over boxes
    collected: int  # 收回, summed over boxes
    boxes_entered: bool = True  # False: no issued/collected count entered yet
    round_kind: RoundKind = RoundKind.FORMAL
    #: Those elected in the contest's earlier rounds: "p:<person code>" and "n:<name>"
    #: (`normalise_name`). A write-in of one of them in a later round elects nobody new:
    #: compared by roster code when the write-in has one, by name when it has none.
    elected_before: frozenset[str] = frozenset()
    #: The roster's people without the vote (预备党员, members under 留党察看: no right to
    #: be elected either), person codes: written in, they are elected by nobody's votes.
    without_vote: frozenset[str] = frozenset()
    #: Boxes reported by more than one station and not resolved: the totals are in doubt
    #: (never final, never void on them) until a person takes one report or both.
    boxes_twice: tuple[BoxTwice, ...] = ()
    #: Counted on a station laptop: its own boxes and sheets, no check-ins. The quorum is
    #: not judged there and the round is neither final nor void there (``station_count``:
    #: the main laptop decides, every station merged); what the station can check itself —
    #: its boxes' numbers against its sheets — is still said.
    station: bool = False
    #: The round's 实到 as the chief scrutineer settled it (or given from a certified
    #: record), or fixed with nobody checked in since. False: fixed when its first ballot
    #: record came in — on this laptop's clock or a station's — not confirmed since, and
    #: more checked in now: fewer present than ballots issued or collected (each voter
    #: present is given one) then shows it was taken at the wrong moment (a box's 发出
    #: typed while check-in went on, a station clock slow), and the round is neither final
    #: nor void on it (``present_below_ballots``).
    attendance_settled: bool = True
    #: A 预选 (`Contest.preselection`): the ``seats`` with the most agree votes are selected
    #: as formal candidates (确定为正式候选人), no more-than-half asked; no 另行选举.
    preselection: bool = False

    def may_be_elected(self, name: str, code: str | None, person: str | None) -> str:
        """Why a contender cannot be elected in this round ("" if they can): a write-in in
        a tie re-vote (among the tied only), a person already elected in this contest, a
        write-in the roster says has no vote (and so cannot be elected)."""
        if code is None and self.round_kind is RoundKind.TIE:
            return "not_in_tie"
        if code is None and person and person in self.without_vote:
            return "no_vote"
        if person:
            # (a roster code says who: a namesake elected before is someone else, and
            # refusing this one the seat on the name gave the round a wrong result)
            if f"p:{person}" in self.elected_before:
                return "elected_before"
        elif code is None and f"n:{normalise_name(name)}" in self.elected_before:
            # (a write-in by name alone, the name of one elected before: nothing tells them
            # apart — never a second seat on it)
            return "elected_before"
        return ""

    @property
    def base(self) -> int:
        return self.expected if self.threshold_base is ThresholdBase.EXPECTED else self.present


@dataclass(frozen=True)
class Contender:
    """A printed candidate or a write-in person, with their totals in the round."""

    key: str  # "c:<code>" for a printed candidate, else the write-in key
    name: str
    code: str | None  # candidate code; None for a write-in person
    person: str | None
    position: int  # ballot position; write-ins after every printed name
    agree: int
    disagree: int
    abstain: int
    share_valid: Fraction
    share_base: Fraction
    over_threshold: bool
    elected: bool
    tied: bool
    rank: int  # 1 = most agree votes; equal votes share a rank
    not_eligible: str = ""  # RoundSetup.may_be_elected: "not_in_tie", "elected_before", "no_vote"

    @property
    def writein(self) -> bool:
        return self.code is None


@dataclass(frozen=True)
class RoundResult:
    setup: RoundSetup
    quorum_met: bool
    round_valid: bool  # 收回 ≤ 发出
    valid_ballots: int
    void_ballots: int
    over_voted: int
    pending_review: int
    base: int
    threshold: int  # smallest number of agree votes that is more than half of the base
    contenders: tuple[Contender, ...]  # by agree votes, most first; then ballot order
    tie_seats: int  # seats left for a tie re-vote among ``tie``
    status: ResultStatus
    reasons: tuple[str, ...] = ()  # why void or provisional (reason codes)
    warnings: tuple[str, ...] = ()
    #: ○ write-ins of the valid ballots whose name nobody could read: no one's vote.
    writeins_illegible: int = 0

    @property
    def candidates(self) -> tuple[Contender, ...]:
        return tuple(c for c in self.contenders if not c.writein)

    @property
    def writeins(self) -> tuple[Contender, ...]:
        return tuple(c for c in self.contenders if c.writein)

    @property
    def elected(self) -> tuple[Contender, ...]:
        """Those elected, by agree votes."""
        return tuple(c for c in self.contenders if c.elected)

    @property
    def tie(self) -> tuple[Contender, ...]:
        return tuple(c for c in self.contenders if c.tied)

    @property
    def unfilled_seats(self) -> int:
        """Seats nobody was declared elected to (tie seats included)."""
        return self.setup.seats - len(self.elected)

    @property
    def supplementary_seats(self) -> int:
        """Unfilled seats that go to 另行选举 (not those waiting for a tie re-vote)."""
        return self.unfilled_seats - self.tie_seats


def quorum_awaited(reasons: list[str] | tuple[str, ...], status: str) -> bool:
    """Short of a quorum before the vote (no ballot record of the round yet): the round
    waits for check-in, it is not void (`decide_round`)."""
    return status == ResultStatus.PROVISIONAL and "quorum_not_met" in reasons


def void_in_doubt(reasons: list[str] | tuple[str, ...], status: str) -> bool:
    """收回 > 发出 but the sheets on record differ from 收回: not void until checked."""
    return (
        status == ResultStatus.PROVISIONAL
        and "collected_exceeds_issued" in reasons
        and "sheets_differ_from_collected" in reasons
    )


def void_in_doubt_text(issued: int, collected: int, sheets: int) -> tuple[str, str]:
    """What to check when 收回 exceeds 发出 but the sheets on record say otherwise (zh, en)."""
    return (
        f"登记的收回 {collected} 张多于发出 {issued} 张，本轮本应无效；但在案的选票只有 {sheets} 张，"
        f"与收回 {collected} 张不符。请先核对各票箱登记的收回张数是否录错（huanjie ballots"
        f" collected；界面：“发出和收回”）；如确实收回 {collected} 张，请找出尚未扫描或录入的选票。"
        "核对清楚之前不能确认本轮无效（确认无效后须重新投票，不能撤回）。",
        f"{collected} ballots are entered as collected against {issued} issued, which would"
        f" void the round; but only {sheets} sheets are on record, not {collected}. Check the"
        " collected number entered for each box first (huanjie ballots collected; window:"
        f' "Issued and collected"); if {collected} were really collected, find the sheets not'
        " scanned or entered yet. The round cannot be certified void until this is settled"
        " (a void certified forces a re-vote and cannot be undone).",
    )


def _share(n: int, d: int) -> Fraction:
    return Fraction(n, d) if d > 0 else Fraction(0)


def decide_round(
    setup: RoundSetup,
    counts: Counts,
    pending_review: int = 0,
    serials_twice: int = 0,
    stations_waiting: int = 0,
) -> RoundResult:
    """Apply the rules to the totals: validity, quorum, threshold, seats, tie at the cut-off.
    ``serials_twice``: serials carried by more than one counting sheet (a paper counted twice,
    or a copy): the result is not final until a person resolves them. ``stations_waiting``:
    station laptops (分团计票机) whose count of the round is not in yet (nothing sent, or sent
    part-way): their ballots are in nobody's count, so the result is provisional and nobody
    is declared elected until they are in (or the round is certified without them)."""
    n = len(setup.candidates)
    if len(counts.agree) != n:
        raise ValueError(f"counts cover {len(counts.agree)} candidates, the round has {n}")
    base = setup.base
    round_valid = setup.collected <= setup.issued
    quorum = quorum_met(setup.present, setup.expected, setup.quorum_rule)
    reasons: list[str] = []
    # (收回 > 发出 voids the round only once every box's two numbers are in: a box whose
    # 发出 is not entered yet is no evidence, and a void certified on it would stand)
    if not round_valid and setup.boxes_entered and not setup.boxes_twice:
        reasons.append("collected_exceeds_issued")
    if not quorum and not setup.station:
        reasons.append("quorum_not_met")
    # Short of a quorum before a single ballot record of the round is in (no box count, no
    # sheet, no hand entry): check-in may still be going on, and the round's 实到 is not
    # fixed until its first ballot record comes in (app: ``fix_round_attendance``). A void
    # certified now would stand for good and force a re-vote of a vote never held: the
    # round waits, the reason said, and is valid once enough voters have checked in.
    sheets = counts.valid + counts.void + pending_review
    quorum_pending = (
        not quorum
        and sheets == 0
        and not setup.boxes_entered
        and setup.issued == 0
        and setup.collected == 0
        and not setup.boxes_twice
    )
    warnings: list[str] = []
    if setup.present > 0 and setup.issued > setup.present:
        # (one ballot to each voter present: more issued is a slip at the box or the desk, to
        # be looked into — the rules void the round only when 收回 exceeds 发出)
        warnings.append("issued_exceeds_present")
    # A void resting on 收回 > 发出 alone, while the sheets on record (counted valid or void,
    # or waiting for review) are not that many: the typed 收回 may be a slip (15 sheets, 16
    # typed). A void certified is irreversible and forces a re-vote, so the round stays
    # provisional until the number is checked — corrected, or the missing sheets found.
    void_in_doubt = (
        reasons == ["collected_exceeds_issued"] and sheets > 0 and sheets != setup.collected
    )
    # A 实到 below the ballots themselves: one ballot is issued to each voter present, so
    # 30 issued and collected with 15 present says the 实到 was taken at the wrong moment
    # (a box's 发出 typed while check-in still went on; a station laptop's clock 25 minutes
    # slow placed voting before the late check-ins) — not that 15 voted. A void certified
    # on it stands for good and forces a re-vote of a sound vote; a round valid on it is
    # judged against a base too small (实到 the base: elected with half the votes). The
    # round waits — neither void on the quorum nor final — until the chief scrutineer
    # settles when voting began, or confirms the figure (recorded in the audit log). 收回
    # more than 发出 voids it whatever the 实到.
    present_in_doubt = (
        not setup.attendance_settled
        and not setup.station
        and max(setup.issued, setup.collected) > setup.present
        and "collected_exceeds_issued" not in reasons
    )
    if (
        reasons
        and not void_in_doubt
        and not quorum_pending
        and not present_in_doubt
        and not setup.station
    ):
        status = ResultStatus.VOID
    else:
        if present_in_doubt:
            reasons.append("present_below_ballots")
        if pending_review:
            reasons.append("pending_review")
        if stations_waiting:
            # (a station laptop still out: "final" was printed on the result paper, with
            # those elected, while one delegation's ballots were not in it)
            reasons.append("stations_waiting")
        if serials_twice:
            reasons.append("serial_counted_twice")
        if setup.boxes_twice:
            # (the totals hold a box once per station that reported it: a person says
            # which report is the box's, or that they are two boxes under one label)
            reasons.append("box_reported_twice")
        if not setup.boxes_entered:
            reasons.append("box_counts_missing")
        elif setup.collected == 0:
            # (no ballot at all came back: a 0 typed for a box, or a round opened by mistake —
            # never certified as a round in which nobody was elected without a word)
            reasons.append("nothing_collected")
        if setup.station:
            # (a station's count said "void: quorum not met" — it holds no check-ins — and
            # so never compared its sheets with its boxes: a paper of another delegation
            # fed in passed without a word there)
            reasons.insert(0, "station_count")
        status = ResultStatus.PROVISIONAL if reasons else ResultStatus.FINAL
    if (
        status is not ResultStatus.VOID
        and setup.boxes_entered
        and not setup.boxes_twice
        and counts.valid + counts.void != setup.collected
    ):
        # Every ballot collected is counted once, valid or void: a sheet missing, scanned
        # and also entered by hand, or a wrong 收回 number keeps the result from being final.
        reasons.append("sheets_differ_from_collected")
        status = ResultStatus.PROVISIONAL
    if void_in_doubt and "sheets_differ_from_collected" not in reasons:
        reasons.append("sheets_differ_from_collected")

    raw: list[tuple[str, str, str | None, str | None, int, int, int, int]] = []
    for i, cand in enumerate(setup.candidates):
        raw.append(
            (
                f"c:{cand.code}",
                cand.name,
                cand.code,
                cand.person,
                i,
                counts.agree[i],
                counts.disagree[i],
                counts.abstain[i],
            )
        )
    for j, w in enumerate(counts.writeins):
        raw.append((w.key, w.name, None, w.person, n + j, w.agree, 0, 0))
    raw.sort(key=lambda r: (-r[5], r[4]))

    elected: set[str] = set()
    tied: set[str] = set()
    tie_seats = 0
    # A tie re-vote (再次投票) is held among those who tied at the cut-off, every one of them
    # already over the half in the round they tied in: 条例 "应当就票数相等的被选举人重新
    # 投票，得票多的当选" — the most votes elect, the half is not asked again (asked, a
    # re-vote of 5 to 4 of 10 voters left the seat to a 另行选举 the rules never call for).
    # Tied again at the cut-off: another re-vote.
    revote = setup.round_kind is RoundKind.TIE
    # A 预选 fixes a list: the places go to the most agree votes, the half not asked (a
    # 预选 of 9 voters giving 6, 4, 4, 1 selects the 6 and the two 4s — not the 6 alone with
    # two places left to an 另行选举 a 预选 does not have). A tie at the last place among
    # more names than places: a re-vote among the tied, as at any cut.
    most_votes = revote or setup.preselection
    if status is ResultStatus.FINAL:
        eligible = [
            r
            for r in raw
            if (most_votes or exceeds_half(r[5], base))
            and not setup.may_be_elected(r[1], r[2], r[3])
        ]
        if len(eligible) <= setup.seats:
            elected = {r[0] for r in eligible}
        else:
            cut = eligible[setup.seats - 1][5]
            above = [r for r in eligible if r[5] > cut]
            at_cut = [r for r in eligible if r[5] == cut]
            if len(above) + len(at_cut) == setup.seats:
                elected = {r[0] for r in above + at_cut}
            else:  # the tie decides a seat: a re-vote, never lot or name order
                elected = {r[0] for r in above}
                tied = {r[0] for r in at_cut}
                tie_seats = setup.seats - len(above)

    contenders = tuple(
        Contender(
            key,
            name,
            code,
            person,
            pos,
            agree,
            disagree,
            abstain,
            _share(agree, counts.valid),
            _share(agree, base),
            exceeds_half(agree, base),
            key in elected,
            key in tied,
            1 + sum(1 for r in raw if r[5] > agree),
            setup.may_be_elected(name, code, person),
        )
        for key, name, code, person, pos, agree, disagree, abstain in raw
    )
    if any(c.not_eligible == "no_vote" for c in contenders):
        # (votes written in for someone the roster says has no vote: said, never a seat)
        warnings.append("writein_without_vote")
    return RoundResult(
        setup,
        quorum,
        round_valid,
        counts.valid,
        counts.void,
        counts.over_voted,
        pending_review,
        base,
        threshold_votes(base),
        contenders,
        tie_seats,
        status,
        tuple(reasons),
        tuple(warnings),
        counts.writeins_illegible,
    )


def tally(
    setup: RoundSetup, ballots: Iterable[BallotRecord], pending_review: int = 0
) -> RoundResult:
    """Count the ballots and decide the round."""
    counts = count_ballots(ballots, len(setup.candidates), setup.seats, setup.writein_needs_mark)
    return decide_round(setup, counts, pending_review)


# --- order of those elected ---------------------------------------------------------------

NameKey = Callable[[str], Any]


def stroke_key() -> NameKey:
    """姓氏笔画 order from the shipped stroke table."""
    from huanjie_desktop.domain.name_order import load_default_table, sort_key

    table = load_default_table()
    return lambda name: sort_key(name, table)


def elected_order(
    elected: Sequence[Contender], kind: ContestKind, name_key: NameKey | None = None
) -> list[Contender]:
    """The published order of a list of those elected (rules.md, Order of names).

    候补委员: by agree votes, most first, ties by 姓氏笔画 (the order alternates fill vacancies).
    书记/副书记: the approved order, i.e. the ballot order. Everyone else: 姓氏笔画.
    """
    if kind in (ContestKind.SECRETARY, ContestKind.DEPUTY_SECRETARY):
        return sorted(elected, key=lambda c: c.position)
    key = name_key or stroke_key()
    if kind is ContestKind.ALTERNATE:
        return sorted(elected, key=lambda c: (-c.agree, key(c.name)))
    return sorted(elected, key=lambda c: key(c.name))


# --- the next round -----------------------------------------------------------------------


@dataclass(frozen=True)
class NextRound:
    kind: RoundKind
    seats: int
    contenders: tuple[Contender, ...]  # most votes first; write-in persons have code None


class NoNextRound(ValueError):
    """The previous round gives nothing to vote on again (or is not final); zh/en message."""

    def __init__(self, code: str, zh: str, en: str) -> None:
        super().__init__(en)
        self.code = code
        self.zh = zh
        self.en = en


def next_round(previous: RoundResult, kind: RoundKind) -> NextRound:
    """另行选举: the unfilled seats, the unelected printed candidates by votes (the presidium
    confirms the list). 再次投票: the tied seats among the tied candidates (write-in persons
    included: they are then printed)."""
    if previous.status is ResultStatus.VOID:
        raise NoNextRound(
            "void",
            "上一轮投票无效，应重新投票（rerun），不是另行选举",
            "the previous round is void: re-run it instead",
        )
    if previous.status is ResultStatus.PROVISIONAL:
        why = {
            "pending_review": ("还有待审核的选票", "sheets pending review"),
            "stations_waiting": (
                "还有分团计票机没有交来这一轮的全部计票结果",
                "a station laptop has not sent all its count of the round",
            ),
            "box_counts_missing": ("票箱的发出或收回票数未登记齐", "box counts missing"),
            "sheets_differ_from_collected": (
                f"计入的选票 {previous.valid_ballots + previous.void_ballots} 张与收回的"
                f" {previous.setup.collected} 张不一致",
                f"{previous.valid_ballots + previous.void_ballots} sheets counted against"
                f" {previous.setup.collected} collected",
            ),
            "serial_counted_twice": ("有同一防伪码的选票计入了两次", "a serial counted twice"),
            "nothing_collected": ("登记的收回票数为 0", "0 ballots collected"),
            "quorum_not_met": (
                "到会人数尚未达到规定，还不能投票",
                "the quorum is not reached yet: no vote can be held",
            ),
            "box_reported_twice": (
                "有票箱由两个分团都报来了发出/收回票数",
                "a box reported by two stations",
            ),
            "present_below_ballots": (
                f"实到 {previous.setup.present} 人少于发出/收回的选票，须由总监票人核定投票开始的时间",
                f"{previous.setup.present} present, fewer than the ballots issued or collected:"
                " the chief scrutineer settles when voting began",
            ),
            "collected_exceeds_issued": (
                f"登记的收回 {previous.setup.collected} 张多于发出 {previous.setup.issued} 张，"
                "但与在案的选票张数不符，须先核对",
                f"{previous.setup.collected} collected against {previous.setup.issued} issued,"
                " not what the sheets on record say: check first",
            ),
        }
        said = [
            why[r]
            for r in previous.reasons
            if r in why
            and not (r == "quorum_not_met" and "present_below_ballots" in previous.reasons)
        ] or [
            ("还有待审核的选票或未登记发出/收回票数", "sheets pending review or box counts missing")
        ]
        raise NoNextRound(
            "provisional",
            f"上一轮结果尚未确定（{'；'.join(z for z, _ in said)}）",
            f"the previous round is not final yet ({'; '.join(e for _, e in said)})",
        )
    if kind is RoundKind.TIE:
        if not previous.tie:
            raise NoNextRound(
                "no_tie", "上一轮没有决定名额的票数相等", "the previous round has no tie"
            )
        return NextRound(kind, previous.tie_seats, previous.tie)
    if kind is RoundKind.SUPPLEMENTARY:
        if previous.setup.preselection:
            raise NoNextRound(
                "preselection",
                "预选按得票多少确定正式候选人，不另行选举（票数相等影响确定的，对票数相等的人再次投票）",
                "a preselection (预选) selects by most votes and has no supplementary round"
                " (a tie at the last place goes to a tie re-vote)",
            )
        if previous.tie:
            raise NoNextRound(
                "tie_first",
                "上一轮有票数相等的候选人，应先再次投票（tie）",
                "the previous round has a tie: hold the tie re-vote first",
            )
        seats = previous.supplementary_seats
        if seats <= 0:
            raise NoNextRound("filled", "上一轮已选满，没有空缺名额", "every seat was filled")
        rest = tuple(c for c in previous.candidates if not c.elected)
        if not rest:
            raise NoNextRound(
                "no_candidates",
                "没有未当选的候选人可供另行选举",
                "no unelected candidate is left for a supplementary round",
            )
        return NextRound(kind, seats, rest)
    raise NoNextRound("kind", "只能开启另行选举或再次投票", "only supplementary or tie rounds")


# --- composition of those elected (结构分析) -------------------------------------------------


@dataclass(frozen=True)
class Member:
    """The roster fields the published composition statistics use ("" when unknown)."""

    name: str
    gender: str = ""
    ethnicity: str = ""
    birth: str = ""  # YYYY-MM
    education: str = ""


HAN = frozenset({"汉族", "汉"})
EDUCATION_ORDER = (
    "博士研究生",
    "博士",
    "硕士研究生",
    "硕士",
    "研究生",
    "大学",
    "大学本科",
    "本科",
    "大专",
    "大学专科",
    "专科",
    "中专",
    "高中",
    "初中",
    "小学",
)


def decimal_text(numerator: int, denominator: int, places: int = 1) -> str:
    """numerator/denominator with ``places`` decimals, half-up on the exact value."""
    if denominator == 0:
        return "—"
    scale = 10**places
    q = (2 * abs(numerator) * scale + abs(denominator)) // (2 * abs(denominator))
    sign = "-" if (numerator < 0) != (denominator < 0) and q else ""
    whole, frac = divmod(q, scale)
    return f"{sign}{whole}.{frac:0{places}d}" if places else f"{sign}{whole}"


def age_on(birth: str, on: dt.date) -> int | None:
    """Age in whole years (周岁) at ``on`` from a YYYY-MM birth month; None if unknown."""
    m = re.match(r"^(\d{4})-(\d{2})", birth)
    if not m:
        return None
    year, month = int(m.group(1)), int(m.group(2))
    return on.year - year - (1 if on.month < month else 0)


@dataclass(frozen=True)
class Composition:
    total: int
    women: int
    minorities: int
    ages_known: int
    age_sum: int
    under_35: int
    education: tuple[tuple[str, int], ...]  # level, count ("" = not recorded)
    gender_unknown: int
    ethnicity_unknown: int

    @property
    def average_age(self) -> str:
        return decimal_text(self.age_sum, self.ages_known, 1)

    def to_json(self) -> dict[str, Any]:
        from huanjie_desktop.domain.rules import percent_text

        def part(n: int) -> dict[str, Any]:
            return {"count": n, "percent": percent_text(n, self.total)}

        return {
            "total": self.total,
            "women": part(self.women),
            "minorities": part(self.minorities),
            "average_age": self.average_age if self.ages_known else None,
            "ages_known": self.ages_known,
            "under_35": part(self.under_35),
            "education": [{"level": level or "未填写", **part(n)} for level, n in self.education],
            "gender_unknown": self.gender_unknown,
            "ethnicity_unknown": self.ethnicity_unknown,
        }


def composition(members: Iterable[Member], on: dt.date) -> Composition:
    """Women, minorities (民族 other than 汉族), average age at ``on``, under-35s, education."""
    people = list(members)
    ages = [a for a in (age_on(m.birth, on) for m in people) if a is not None]
    levels: dict[str, int] = {}
    for m in people:
        levels[m.education.strip()] = levels.get(m.education.strip(), 0) + 1

    def level_key(level: str) -> tuple[int, int, str]:
        if not level:
            return (2, 0, "")
        if level in EDUCATION_ORDER:
            return (0, EDUCATION_ORDER.index(level), level)
        return (1, 0, level)

    return Composition(
        total=len(people),
        women=sum(m.gender == "女" for m in people),
        # ('汉　族', '漢族', '汉族' with an invisible character are 汉族; what is none of the
        # 56 as written is not known to be a minority: counted with the unknown)
        minorities=sum(ethnic_group(m.ethnicity) not in (None, "", *HAN) for m in people),
        ages_known=len(ages),
        age_sum=sum(ages),
        under_35=sum(a < 35 for a in ages),
        education=tuple(sorted(levels.items(), key=lambda kv: level_key(kv[0]))),
        gender_unknown=sum(m.gender not in ("男", "女") for m in people),
        ethnicity_unknown=sum(not ethnic_group(m.ethnicity) for m in people),
    )


# --- JSON ---------------------------------------------------------------------------------


def round_half_up(value: Fraction, places: int = 4) -> float:
    """A share as a float rounded half-up on the exact fraction (0.97457… → 0.9746)."""
    scale: int = 10**places
    q = (2 * value.numerator * scale + value.denominator) // (2 * value.denominator)
    return q / scale


def contender_json(c: Contender) -> dict[str, Any]:
    return {"code": c.code, "name": c.name, "person": c.person, "agree": c.agree}


def result_json(result: RoundResult) -> dict[str, Any]:
    """The tally JSON of issue 5 (the app layer adds names, settings and certification)."""
    s = result.setup
    return {
        "contest": s.contest,
        "round": s.round,
        "round_kind": str(s.round_kind),
        "seats": s.seats,
        "expected": s.expected,
        "present": s.present,
        "quorum_met": result.quorum_met,
        "issued": s.issued,
        "collected": s.collected,
        "round_valid": result.round_valid,
        "boxes_entered": s.boxes_entered,
        "valid_ballots": result.valid_ballots,
        "void_ballots": result.void_ballots,
        "pending_review": result.pending_review,
        "base": result.base,
        "threshold": result.threshold,
        "candidates": [
            {
                "code": c.code,
                "name": c.name,
                "person": c.person,
                "agree": c.agree,
                "disagree": c.disagree,
                "abstain": c.abstain,
                "share_valid": round_half_up(c.share_valid),
                "share_base": round_half_up(c.share_base),
                "over_threshold": c.over_threshold,
                "elected": c.elected,
                "rank": c.rank,
                "position": c.position + 1,
            }
            for c in result.candidates
        ],
        "writeins": [
            {
                "name": c.name,
                "person": c.person,
                "agree": c.agree,
                "share_valid": round_half_up(c.share_valid),
                "share_base": round_half_up(c.share_base),
                "over_threshold": c.over_threshold,
                "elected": c.elected,
                "rank": c.rank,
                "not_eligible": c.not_eligible or None,
            }
            for c in result.writeins
        ],
        # (only when there is one: the certified results of earlier files, and their
        # digests, stay as they were)
        **({"writeins_illegible": result.writeins_illegible} if result.writeins_illegible else {}),
        "elected": [contender_json(c) for c in result.elected],
        "unfilled_seats": result.unfilled_seats,
        "tie": [contender_json(c) for c in result.tie],
        "tie_seats": result.tie_seats,
        # (only on a 预选: its "elected" are those selected as formal candidates)
        **({"preselection": True} if s.preselection else {}),
        "status": str(result.status),
        "reasons": list(result.reasons),
        "warnings": list(result.warnings),
        # (only while in doubt: a round with one is never certified, its digest never has it)
        **(
            {
                "boxes_twice": [
                    {
                        "box": b.box,
                        "reports": [
                            {"station": st, "issued": i, "collected": c} for st, i, c in b.reports
                        ],
                    }
                    for b in s.boxes_twice
                ]
            }
            if s.boxes_twice
            else {}
        ),
    }


@dataclass(frozen=True)
class Settings:
    """The rule settings printed on the result sheet, so readers know which rule applied."""

    threshold_base: ThresholdBase
    quorum_rule: QuorumRule
    margin_min_pct: int
    writein_needs_mark: bool
    method: Method
    extra: Mapping[str, str] = field(default_factory=dict)
    writein_columns: int = 1  # on this round's ballot (none in a tie re-vote)
    columns_style: bool = False  # 赞成/不赞成/弃权 boxes per name
    # a tie re-vote (再次投票): its list is those tied, no margin applies to it
    tie_revote: bool = False
    #: a 预选: the ``preselection_places`` with most agree votes are selected as formal
    #: candidates, no half asked (0: no 预选)
    preselection_places: int = 0

    @property
    def _places_zh(self) -> str:
        """What the over-vote rule counts against: the seats, or a 预选's places."""
        return "要确定的正式候选人人数" if self.preselection_places else "应选名额"

    def lines_zh(self) -> list[str]:
        base = {"expected": "应到会有选举权人数", "present": "实到会有选举权人数"}
        quorum = {
            "half": "超过应到人数的二分之一",
            "two_thirds": "超过应到人数的三分之二",
            "four_fifths": "超过应到人数的五分之四",
        }
        method = "差额选举" if self.method is Method.COMPETITIVE else "等额选举"
        return [
            f"选举方式：{method}"
            + (
                (
                    f"，最低差额比例 {self.margin_min_pct}%"
                    if self.margin_min_pct
                    # (常委, 书记: at least one more candidate than seats — "0%" read as
                    # though no margin were asked)
                    else "，候选人多于应选名额"
                )
                if self.method is Method.COMPETITIVE and not self.tie_revote
                else ""
            ),
            f"到会人数要求：实到{quorum[str(self.quorum_rule)]}",
            (
                (
                    "再次投票：在票数相等的被选举人中得票多的确定为正式候选人"
                    if self.tie_revote
                    else f"预选：按赞成票多少确定正式候选人 {self.preselection_places} 名，"
                    "不要求超过半数，不另行选举"
                )
                if self.preselection_places
                else "再次投票：在票数相等的被选举人中得票多的当选（他们在原轮次均已超过基数的半数）"
                if self.tie_revote
                else f"当选基数：{base[str(self.threshold_base)]}；"
                "赞成票须超过基数的半数（恰好半数不当选）"
            ),
            (
                "另选他人："
                + (
                    (
                        "须在其“赞成”栏内画○方为有效"
                        if self.columns_style
                        else "须在姓名上方画○方为有效"
                    )
                    if self.writein_needs_mark
                    else "写出姓名即视为赞成"
                )
                + f"；所选人数（含另选）多于{self._places_zh}的为废票"
                if self.writein_columns
                else f"本轮选票不设另选他人栏；所选人数多于{self._places_zh}的为废票"
            ),
            (
                "票数相等且影响确定正式候选人时"
                if self.preselection_places
                else "票数相等且影响当选时"
            )
            + "：对票数相等的人再次投票，不以抽签或姓名顺序决定",
        ]

    def to_json(self) -> dict[str, Any]:
        return {
            "threshold_base": str(self.threshold_base),
            "quorum_rule": str(self.quorum_rule),
            "margin_min_pct": self.margin_min_pct,
            "writein_needs_mark": self.writein_needs_mark,
            "method": str(self.method),
            "writein_cap": "total",
            "tie": "revote",
            # (in a tie re-vote the most votes elect, the half not asked again)
            "tie_revote_elects": "most_votes",
            # (only on a 预选: the most votes select, no half)
            **({"preselection": True, "selects": "most_votes"} if self.preselection_places else {}),
            **dict(self.extra),
        }
