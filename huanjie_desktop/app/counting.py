"""Counting use cases: tally, review decisions, ballots entered by hand, later rounds,
certification, verification, result papers and the Excel export.

- ``tally(db, contest, round)`` → the tally JSON (issue 5), with names, settings, the list of
  those elected in published order and the composition statistics; a certified round gives
  its frozen result;
- ``review_list`` / ``decide`` / ``confirm``: a doubtful sheet counts only after a decision
  is confirmed by a different person (a registered scrutineer when the contest has some);
- ``manual_entry``: a sheet that cannot be scanned counts when two people's entries agree;
- ``open_round``: 另行选举 (supplementary), 再次投票 (tie) or a re-run of a void round;
- ``certify``: freezes a round with a SHA-256 digest of its result; ``assert_round_open`` is
  the guard every other writer calls; ``verify_results`` / ``verify_digest`` re-check them;
- ``report`` / ``export_xlsx``: the papers the scrutineers sign and the spreadsheet.

Refusals are :class:`CountingRefused` with a Chinese and an English message.

Rights: each use case takes ``operator``, the signed-in `accounts.Session` (None while the
file has no account, single-desk mode), and checks it first with `accounts.require`:
``decide`` (``overrule`` when the sheet already has a confirmed decision), ``confirm``,
``scan`` for manual entry, ``prepare`` for a new round (refused on a station laptop),
``certify``, ``export`` for the Excel export, ``view`` for the tally and the papers.

Who acts (``by``): with a signed-in operator, ``by`` may be left empty and is then the
operator's name; if given it must name the same person (the same roster person, or the
same name), otherwise NotAllowed: one signed-in person cannot decide or enter as another,
or "a different person confirms" would mean nothing. Without accounts ``by`` is required
as before. ``certify``'s list of names defaults to the operator and must include them.
"""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from dataclasses import replace as dataclass_replace
from pathlib import Path
from typing import Any

from huanjie_desktop.app.accounts import Action, NotAllowed, Session, require
from huanjie_desktop.app.oserrors import why_en, why_zh
from huanjie_desktop.app.stations import (
    WrongStation,
    assert_definition_editable,
    assert_may_write_as,
    clock_ahead_stations,
    is_station,
    local_station,
    station_laptops,
    unfinished_stations,
)
from huanjie_desktop.app.stations import silent_stations as stations_silent_for
from huanjie_desktop.domain.model import (
    BallotStyle,
    Candidate,
    Contest,
    ContestKind,
    Mark,
    Method,
    OfficialRole,
    RoundKind,
    RoundStatus,
    round_writein_columns,
)
from huanjie_desktop.domain.name_order import Flag, confirmed_order, sort_items
from huanjie_desktop.domain.tally import (
    BallotRecord,
    BoxTwice,
    Contender,
    Member,
    NextRound,
    NoNextRound,
    ResultStatus,
    RoundResult,
    RoundSetup,
    Settings,
    WriteInVote,
    ballot_is_valid,
    composition,
    decide_round,
    elected_order,
    next_round,
    normalise_name,
    result_json,
    stroke_key,
    void_in_doubt,
    void_in_doubt_text,
    writein_is_vote,
)
from huanjie_desktop.storage import ballots as box_store
from huanjie_desktop.storage import counting as store
from huanjie_desktop.storage import repo
from huanjie_desktop.storage import sheets as sheet_store
from huanjie_desktop.storage import stations_repo as srepo
from huanjie_desktop.storage.db import ElectionDB, utc_now, wall_clock

DIGEST_SHOWN = 16  # hex digits of the result digest printed on the papers


class CountingRefused(Exception):
    """The request cannot be carried out; the message says why (zh, en)."""

    def __init__(self, zh: str, en: str) -> None:
        super().__init__(en)
        self.zh = zh
        self.en = en

    def message(self, lang: str = "zh") -> str:
        return self.en if lang == "en" else self.zh


class RoundClosed(CountingRefused):
    """The round is certified or void: no more scans, decisions, box counts or edits."""


class WrongConfirmer(CountingRefused):
    """A confirmation refused for who gives it (they made the decision, or are not a
    scrutineer of the contest), not for what was decided: another person may confirm it."""


# --- lookups ------------------------------------------------------------------------------------


def _contest(db: ElectionDB, code: str) -> Contest:
    contest = repo.read_contest(db, code)
    if contest is None:
        known = "、".join(c.code for c in repo.read_contests(db)) or "—"
        raise CountingRefused(
            f"没有编号为“{code}”的选举事项。现有：{known}",
            f"there is no contest {code!r}; known: {known}",
        )
    return contest


def _round(db: ElectionDB, contest: str, number: int | None) -> repo.RoundInfo:
    latest = repo.latest_round(db, contest)
    if number is None:
        number = latest
    info = None if number is None else repo.read_round(db, contest, number)
    if info is None:
        raise CountingRefused(
            f"选举事项 {contest} 没有第 {number} 轮（最新为第 {latest} 轮）。",
            f"contest {contest} has no round {number} (latest: {latest})",
        )
    return info


def _wall_clock(iso: str) -> str:
    """An ISO-8601 UTC time as this computer's wall-clock time ('2026-11-29 15:17')."""
    return wall_clock(iso)


def assert_round_open(db: ElectionDB, contest: str, round: int, *, later_ok: bool = False) -> None:
    """Refuse (RoundClosed) to change a round that is certified or void, or (unless
    ``later_ok``: certifying it) one the contest's next round has been opened after — its
    result is what that round was opened on (who was elected, how many seats were left).

    Scanning, review decisions, manual entries and box counts call this before writing.
    """
    c = _contest(db, contest)
    r = _round(db, contest, round)
    latest = repo.latest_round(db, contest) or r.number
    if not later_ok and latest > r.number and r.status is RoundStatus.OPEN:
        raise RoundClosed(
            f"{c.title} 已开启第 {latest} 轮：第 {r.number} 轮的结果是开启它的依据，"
            "不能再扫描、审核、录入或修改（其结果仍可确认）。",
            f"{c.title} round {latest} has been opened: round {r.number}'s result is what it"
            " was opened on and cannot change any more — no scans, decisions, entries or"
            " edits (it can still be certified).",
        )
    if r.status is RoundStatus.CERTIFIED:
        at = _wall_clock(str(r.certified_at or ""))
        raise RoundClosed(
            f"{c.title} 第 {r.number} 轮的结果已于 {at} 由 {r.certified_by} 确认并冻结，"
            "不能再扫描、审核、录入或修改。",
            f"{c.title} round {r.number} was certified on {at} by {r.certified_by}"
            " and is frozen: no more scans, decisions, entries or edits.",
        )
    if r.status is RoundStatus.VOID:
        raise RoundClosed(
            f"{c.title} 第 {r.number} 轮已记录为无效，不能再修改；请开启新一轮投票。",
            f"{c.title} round {r.number} is recorded as void and cannot change; open a new round.",
        )


# --- tally --------------------------------------------------------------------------------------


def round_setup(
    db: ElectionDB,
    contest: Contest,
    info: repo.RoundInfo,
    attendance: tuple[int, int] | None = None,
    earlier: list[dict[str, Any]] | None = None,
) -> RoundSetup:
    """Everything about a round but its ballots. ``attendance`` = frozen (应到, 实到);
    ``earlier``: those elected in the contest's earlier rounds, when the caller has them."""
    if earlier is None and info.number > 1:
        earlier = _earlier_elected(db, contest, info.number)
    expected, present = (
        attendance
        or repo.round_attendance(db, contest.code, info.number)
        or repo.expected_present(db, contest)
    )
    reports = box_store.box_reports(db, contest.code, info.number)
    boxes = reports.counted
    issued = sum(b.issued or 0 for b in boxes)
    collected = sum(b.collected or 0 for b in boxes)
    entered = bool(boxes) and all(b.issued is not None and b.collected is not None for b in boxes)
    return RoundSetup(
        contest.code,
        info.number,
        contest.kind,
        contest.method,
        info.seats,
        info.candidates,
        contest.threshold_base,
        contest.quorum_rule,
        contest.writein_needs_mark,
        expected,
        present,
        issued,
        collected,
        entered,
        info.kind,
        _elected_keys(earlier or []),
        frozenset(p.code for p in repo.read_people(db) if not p.has_vote),
        tuple(
            BoxTwice(box, tuple((b.station, b.issued, b.collected) for b in twice))
            for box, twice in sorted(reports.twice.items())
        ),
        is_station(db),
        attendance is not None or repo.round_attendance_settled(db, contest.code, info.number),
        preselection=contest.preselection,
    )


@dataclass(frozen=True)
class AttendanceSettled:
    contest: str
    round: int
    expected: int
    present: int
    before: tuple[int, int] | None
    as_of: str | None  # when voting began, as settled (None: the figures confirmed)


def settle_attendance(
    db: ElectionDB,
    contest: str,
    round: int | None,
    by: str,
    voting_began: str | None = None,
    reason: str = "",
    *,
    operator: Session | None = None,
) -> AttendanceSettled:
    """The chief scrutineer settles a round's 实到 (main laptop): ``voting_began`` (an ISO
    time, this laptop's clock) — who was checked in just before it is present — or, with
    it None, the figures as fixed are confirmed. Needed when the 实到 as fixed (when the
    round's first ballot record came in: a box's 发出 typed before check-in closed, a
    station laptop's clock) is below the ballots issued or collected
    (``present_below_ballots``: the round is then neither final nor void). Recorded in the
    audit log; may be settled again while the round is open."""
    require(db, operator, Action.CERTIFY)
    if is_station(db):
        raise CountingRefused(
            "分团计票机没有报到记录：本轮的实到人数在主机上核定。",
            "a station laptop keeps no check-ins: the round's number present is settled on"
            " the main laptop.",
        )
    who = _acting(db, operator, by)
    c = _contest(db, contest)
    # (the 实到 decides the quorum — a round valid or void: settled by whom may certify it,
    # never by one who stands in it)
    _as_scrutineer(db, c, who, "核定本轮的实到人数", "settle the round's number present")
    info = _round(db, contest, round)
    assert_round_open(db, contest, info.number)
    past = None
    if voting_began is not None:
        past = _check_voting_began(db, contest, info.number, voting_began, reason)
        _check_present_then(db, c, info, voting_began)
    before = repo.round_attendance(db, contest, info.number)
    with db.transaction():
        expected, present = repo.settle_round_attendance(
            db, c, info.number, voting_began, who, reason.strip(), after_first_record=past
        )
    return AttendanceSettled(contest, info.number, expected, present, before, voting_began)


def _check_voting_began(
    db: ElectionDB, contest: str, number: int, voting_began: str, reason: str
) -> str | None:
    """Refuse a time voting cannot have begun at: later than the round's first ballot
    record in this file (ballots exist only once voting has begun), or later than now.
    Either would count as present those checked in after voting began — a round void for
    want of quorum made valid by late arrivals (rules.md: the quorum is judged before the
    vote). An earlier time stands: the command is for a 实到 fixed at the wrong moment.

    One exception: that first record, and every one up to the time given, a box's 发出
    typed on this laptop as the ballots went out while voters still checked in (a 实到 of
    2 frozen with 10 to come) — no ballot collected, scanned or entered yet, nothing from a
    station (`repo.first_ballot_cast_at`). A later time stands then, only with a
    ``reason`` (recorded in the audit log with those it makes present); returns the first
    record's moment then, else None."""
    import datetime as dt

    when = repo.instant(voting_began)
    if when is None:
        raise CountingRefused(
            f"无法识别的时间：{voting_began}", f"not a time this program can read: {voting_began}"
        )
    shown = when.astimezone().strftime("%Y-%m-%d %H:%M:%S")
    first = repo.first_ballot_record_at(db, contest, number)
    first_at = None if first is None else repo.instant(first)
    past: str | None = None
    if first is not None and first_at is not None and when > first_at:
        cast = repo.first_ballot_cast_at(db, contest, number)
        cast_at = None if cast is None else repo.instant(cast)
        limit = first_at
        if not repo.round_has_station_records(db, contest, number):
            # (only 发出 typed here before the time given: the 实到 may have been frozen
            # while check-in went on — bounded by the first ballot cast)
            limit = cast_at if cast_at is not None else when
            past = first
        if when > limit:
            at = limit.astimezone().strftime("%Y-%m-%d %H:%M:%S")
            raise CountingRefused(
                f"投票开始的时间 {shown} 晚于本文件记录的本轮第一份选票记录（{at}，本机时钟）："
                "有了选票记录，投票必定已经开始，此后报到的人不计入本轮实到。"
                f"请填写 {at} 或更早的时间（以会议记录为准）；如实到人数无误，请用 --as-fixed。",
                f"voting cannot have begun at {shown}: this file records the round's first"
                f" ballot record at {at} (this laptop's clock), and ballots exist only once"
                " voting has begun; those checked in after it are not present for the round."
                f" Give {at} or an earlier time (as the meeting's record has it), or --as-fixed"
                " if the number present is right.",
            )
    now = dt.datetime.now(dt.UTC)
    if when > now:
        at = now.astimezone().strftime("%Y-%m-%d %H:%M:%S")
        raise CountingRefused(
            f"投票开始的时间 {shown} 还没有到（本机时钟现在是 {at}）：请填写投票实际开始的时间。",
            f"voting cannot have begun at {shown}: it is {at} now on this laptop's clock."
            " Give the time voting did begin.",
        )
    if past is not None and first_at is not None and not reason.strip():
        at = first_at.astimezone().strftime("%Y-%m-%d %H:%M:%S")
        raise CountingRefused(
            f"投票开始的时间 {shown} 晚于本轮实到人数确定的时刻（{at}：登记发出张数，当时还没有一张"
            "选票收回、扫描或录入）。在报到结束前就登记了发出张数的，可以这样更正，但须用 --reason"
            " 写明依据（如“发出张数在报到结束前登记，投票于此时开始，见会议记录”），记入审计日志。",
            f"{shown} is after the moment the round's number present was fixed ({at}: a box's"
            " issued count, before any ballot was collected, scanned or entered). A box count"
            " typed before check-in closed may be corrected so, but only with --reason giving"
            ' the grounds ("issued typed before check-in closed; voting began then, as the'
            ' minutes say"): it is recorded in the audit log.',
        )
    return past


def _check_present_then(
    db: ElectionDB, c: Contest, info: repo.RoundInfo, voting_began: str
) -> None:
    """Refuse a time voting began at which fewer were checked in than the round's ballots
    issued or collected: one ballot goes to each voter present, so such a time is not when
    voting began (a time typed as hh:mm, read hh:mm:00, before the check-ins it meant to
    count). Settled, the round would be judged on it — void for want of quorum, a sound
    vote thrown away, or a majority counted on too small a base — and the warning of more
    ballots than present no longer said. Told: how many were checked in then, how many
    ballots, when that many were checked in, and ``--as-fixed``."""
    when = repo.instant(voting_began)
    if when is None:
        return
    setup = round_setup(db, c, info)
    ballots = max(setup.issued, setup.collected)
    present = len(set(repo.voters(db, c)) & repo.checked_in_as_of(db, when))
    if ballots <= present:
        return
    shown = when.astimezone().strftime("%Y-%m-%d %H:%M:%S")
    reached = repo.present_reached_at(db, c, ballots)
    reached_at = None if reached is None else repo.instant(reached)
    counts_zh = f"发出 {setup.issued} 张、收回 {setup.collected} 张"
    counts_en = f"{setup.issued} ballots issued and {setup.collected} collected"
    cmd = f"huanjie round attendance FILE --contest {c.code} --round {info.number}"
    if reached_at is not None:
        at = reached_at.astimezone().strftime("%Y-%m-%d %H:%M:%S")
        later_zh = f"报到人数到 {at} 才达到 {ballots} 人，请核对会议记录，填写这以后的时间"
        later_en = (
            f"{ballots} were checked in only at {at}: check the meeting's record and give a"
            " time after it"
        )
    else:
        later_zh = f"报到记录中从未有 {ballots} 人同时报到，请核对报到记录和各票箱的发出、收回张数"
        later_en = (
            f"the check-ins never reached {ballots}: check them and the boxes' issued and"
            " collected counts"
        )
    raise CountingRefused(
        f"投票开始的时间 {shown}（本机时钟）之前只有 {present} 人报到，而本轮{counts_zh}"
        "（每位到会者领一张）：投票不可能在那时开始（只写时:分的，按该分钟的 0 秒计），未核定。"
        f"{later_zh}；如核对后本轮已确定的实到人数确实无误，请用 {cmd} --as-fixed --by 姓名 确认；"
        "发出或收回张数录错的，请先更正。",
        f"voting cannot have begun at {shown} (this laptop's clock): only {present} were"
        f" checked in before it, and the round has {counts_en} (one to each voter present)"
        " (a time given as HH:MM is read at :00 seconds); nothing was settled."
        f" {later_en[0].upper()}{later_en[1:]}; if the round's number present as fixed is"
        f" truly right, confirm it with {cmd} --as-fixed --by NAME; a box count typed wrong"
        " is corrected first.",
    )


def _elected_keys(entries: list[dict[str, Any]]) -> frozenset[str]:
    """`RoundSetup.elected_before` of those elected in earlier rounds."""
    keys = {f"n:{normalise_name(str(e['name']))}" for e in entries}
    return frozenset(keys | {f"p:{e['person']}" for e in entries if e.get("person")})


def tally_result(
    db: ElectionDB,
    contest: str,
    round: int | None = None,
    attendance: tuple[int, int] | None = None,
) -> RoundResult:
    """Count a round from the election file (live, even for a certified round)."""
    c = _contest(db, contest)
    info = _round(db, contest, round)
    return _live_result(db, c, info, attendance)


def _live_result(
    db: ElectionDB,
    c: Contest,
    info: repo.RoundInfo,
    attendance: tuple[int, int] | None = None,
    earlier: list[dict[str, Any]] | None = None,
    without: Sequence[str] = (),
) -> RoundResult:
    """The round's result from its records. Not yet frozen, it is provisional while a
    station laptop it waits for has sent nothing of it, or sent it part-way (reason
    ``stations_waiting``), unless that station is named in ``without`` (certified, or the
    next round opened, without it by decision)."""
    setup = round_setup(db, c, info, attendance, earlier)
    try:
        counts, serials_twice = store.round_counts_and_serials(
            db, c.code, info.number, len(info.candidates), info.seats, c.writein_needs_mark
        )
    except store.SheetDataError as e:
        raise CountingRefused(
            f"{c.title} 第 {info.number} 轮有记录不完整的选票（与本轮候选人数不符）：{e}",
            f"{c.title} round {info.number} has sheet records that do not fit the round: {e}",
        ) from None
    # (a ballot entered by hand once, or twice differently, is in nobody's count until a
    # second person's entry agrees: pending as a held sheet is — "final" and certified
    # without it, when the sheets counted still matched the ballots collected)
    incomplete = store.manual_incomplete(db, c.code, info.number)
    silent: list[str] = []
    interim: list[str] = []
    if info.status is not RoundStatus.CERTIFIED:
        silent = silent_stations(db, c.code, info.number)
        interim = unfinished_stations(db, c.code, info.number)
    # (a station laptop still out — nothing sent, a package exported part-way, or one whose
    # clock ahead keeps its --done from speaking for the round: counted among the silent —
    # keeps the round provisional, nobody elected: "final" with those elected was printed
    # on the result paper while one delegation's ballots were not in it)
    waiting = {s for s in (*silent, *interim) if s not in without}
    if info.status is RoundStatus.VOID:
        waiting = set()  # (recorded void: frozen, as a certified round is)
    result = decide_round(
        setup,
        counts,
        store.pending_count(db, c.code, info.number) + len(incomplete),
        len(serials_twice),
        len(waiting),
    )
    if incomplete:
        result = dataclass_replace(result, warnings=(*result.warnings, "manual_incomplete"))
    if silent:
        # (a station laptop that has sent nothing: its ballots are in nobody's count yet —
        # "final" said of the rest led to the next round, and shut them out for good)
        result = dataclass_replace(result, warnings=(*result.warnings, "stations_silent"))
    if interim:
        # (a station laptop whose latest package was exported part-way: what it counted
        # afterwards is in nobody's count — "final" was certified with 3 ballots gone)
        result = dataclass_replace(result, warnings=(*result.warnings, "stations_unfinished"))
    if c.kind in (ContestKind.SECRETARY, ContestKind.DEPUTY_SECRETARY) and not_standing(db, info):
        # (书记/副书记 are elected from among the 常委 elected: one who was not, after the
        # standing committee's count, was printed, elected and certified without a word)
        result = dataclass_replace(result, warnings=(*result.warnings, "secretary_not_standing"))
    return result


def not_standing(db: ElectionDB, info: repo.RoundInfo) -> list[str]:
    """The candidates of a 书记/副书记 round whom the standing committee's count in this file
    did not elect (nobody, before that count has elected anyone)."""
    elected: set[str] = set()
    for k in repo.read_contests(db):
        if k.kind is ContestKind.STANDING:
            elected |= {
                str(e["person"]) for e in _earlier_elected(db, k, 1 << 30) if e.get("person")
            }
    if not elected:
        return []
    return [k.name for k in info.candidates if k.person not in elected]


def silent_stations(db: ElectionDB, contest: str, number: int) -> list[str]:
    """The station laptops made from this file that round ``number`` of ``contest`` has
    heard nothing of (stations.silent_stations; none on a station laptop itself)."""
    return stations_silent_for(db, contest, number)


def _stations_made(db: ElectionDB) -> list[str]:
    """The station laptops made from this file (not revoked), by name."""
    return sorted({k.name for k in srepo.read_keys(db) if k.role == "station" and not k.revoked})


def _counted_result(
    db: ElectionDB, c: Contest, info: repo.RoundInfo, without: Sequence[str] = ()
) -> RoundResult:
    """A round's result from its sheets; a frozen round with the attendance it was frozen with
    (check-ins are not per round and may change afterwards)."""
    frozen = store.frozen_round(db, c.code, info.number)
    attendance = None
    if frozen is not None and frozen.result_json:
        stored = json.loads(frozen.result_json)
        attendance = (int(stored["expected"]), int(stored["present"]))
    return _live_result(db, c, info, attendance, without=without)


def tally(
    db: ElectionDB, contest: str, round: int | None = None, *, operator: Session | None = None
) -> dict[str, Any]:
    """The tally JSON of a round (the latest if none is given).

    A certified (or recorded-void) round gives its frozen result, with its digest.
    """
    require(db, operator, Action.VIEW)
    return _tally(db, contest, round)


def _tally(db: ElectionDB, contest: str, round: int | None = None) -> dict[str, Any]:
    c = _contest(db, contest)
    info = _round(db, contest, round)
    # (a decision after the round: its unfilled seats are not to be filled — said with it,
    # outside the certified result and its digest)
    reduced = store.seats_reduced(db, contest)
    after = reduced if reduced is not None and reduced.get("round") == info.number else None
    # (... and one that opened this round for fewer seats than were unfilled: said with it)
    opened = store.round_seats_decided(db, contest, info.number) if info.number > 1 else None
    # (papers taken out of the count, or proposed for it, each once as it stands: listed
    # with the result — and, once certified, part of the certified result and its digest:
    # the result papers print them where the scrutineers sign)
    out = round_withdrawn(db, contest, info.number)
    frozen = store.frozen_round(db, contest, info.number)
    if frozen is not None and frozen.result_json:
        doc = _frozen_document(frozen)
        if after is not None:
            doc["seats_reduced"] = after
        if opened is not None:
            doc["seats_decided"] = opened
        if out and "withdrawn" not in doc:
            # (certified by a version that kept them out of the certified result: listed
            # from the file's records, said to be outside the digest)
            doc["withdrawn"] = out
            doc["withdrawn_outside_digest"] = True
        return doc
    earlier = _earlier_elected(db, c, info.number)  # (counted once, for both)
    doc = _document(db, c, info, _live_result(db, c, info, earlier=earlier), earlier)
    if after is not None:
        doc["seats_reduced"] = after
    if opened is not None:
        doc["seats_decided"] = opened
    if out:
        doc["withdrawn"] = out
        proposed = _proposed_withdrawals(db, contest, info.number)
        if proposed:
            doc["withdrawal_proposed"] = proposed
    if is_station(db):
        doc["station"] = local_station(db)  # (its own boxes only: the main laptop decides)
    return doc


def _frozen_document(frozen: store.FrozenRound) -> dict[str, Any]:
    doc: dict[str, Any] = json.loads(frozen.result_json or "{}")
    doc["status"] = (
        str(ResultStatus.CERTIFIED) if frozen.status == "certified" else str(ResultStatus.VOID)
    )
    doc["digest"] = frozen.digest
    doc["digest_short"] = (frozen.digest or "")[:DIGEST_SHOWN]
    return doc


def round_method(c: Contest, info: repo.RoundInfo) -> Method:
    """How this round elects: the contest's method in its formal round; a later round is
    差额 only with more candidates on its ballot than its seats (an 另行选举 of one
    candidate for one seat is 等额, whatever the formal round was)."""
    if info.kind is RoundKind.FORMAL:
        return c.method
    return Method.COMPETITIVE if len(info.candidates) > info.seats else Method.UNCONTESTED


def _settings(c: Contest, info: repo.RoundInfo) -> Settings:
    return Settings(
        c.threshold_base,
        c.quorum_rule,
        c.margin_min_pct,
        c.writein_needs_mark,
        round_method(c, info),
        writein_columns=round_writein_columns(c, info.kind, info.seats),
        columns_style=c.ballot_style is BallotStyle.COLUMNS,
        tie_revote=info.kind is RoundKind.TIE,
        preselection_places=info.seats if c.preselection else 0,
    )


def _elected_entry(e: Contender, round_number: int) -> dict[str, Any]:
    return {
        "code": e.code,
        "name": e.name,
        "person": e.person,
        "agree": e.agree,
        "round": round_number,
    }


def _document(
    db: ElectionDB,
    c: Contest,
    info: repo.RoundInfo,
    result: RoundResult,
    earlier: list[dict[str, Any]] | None = None,
) -> dict[str, Any]:
    election = repo.read_election(db)
    doc = result_json(result)
    # (a 预选's list is the formal candidates: 姓氏笔画, whatever the contest's kind — a
    # 候补委员 预选 gives candidates, not alternates in their order of succession)
    kind = ContestKind.OTHER if c.preselection else c.kind
    this_round = [_elected_entry(e, info.number) for e in elected_order(result.elected, kind)]
    if earlier is None:
        earlier = _earlier_elected(db, c, info.number)
    # (the ballots' orders as a person confirmed them, this round's first: the names the
    # stroke data cannot settle were placed by hand there, and the lists keep that)
    ballots = [
        [k.code for k in r.candidates]
        for r in reversed(repo.read_rounds(db, c.code))
        if r.number <= info.number
    ]
    everyone, order_flags = _published_order(earlier + this_round, kind, ballots)
    if kind not in (ContestKind.SECRETARY, ContestKind.DEPUTY_SECRETARY):
        this_round = [e for e in everyone if any(e is x for x in this_round)]
    members = [_member(db, e) for e in everyone]
    settings = _settings(c, info)
    doc.update(
        {
            "election": {"name": election.name, "date": election.date.isoformat()},
            "title": c.title,
            "contest_kind": str(c.kind),
            "method": str(settings.method),
            "contest_method": str(c.method),
            "rerun": _is_rerun(db, c, info),
            "manual_incomplete": store.manual_incomplete(db, c.code, info.number),
            "stations_silent": silent_stations(db, c.code, info.number)
            if "stations_silent" in result.warnings
            else [],
            # (of those silent: the ones whose --done cannot speak for the round because
            # their clock is ahead of this laptop's — said, with the remedy)
            "stations_clock_ahead": clock_ahead_stations(db, c.code, info.number)
            if "stations_silent" in result.warnings
            else [],
            "stations_unfinished": unfinished_stations(db, c.code, info.number)
            if "stations_unfinished" in result.warnings
            else [],
            "not_standing": not_standing(db, info)
            if "secretary_not_standing" in result.warnings
            else [],
            "unit": c.unit,
            "settings": settings.to_json(),
            "settings_text": settings.lines_zh(),
            "elected_list": this_round,
            "contest_elected": everyone,
            # (a write-in's place among them: nobody confirmed it on a ballot)
            "elected_order_flags": [
                {"first": f.first, "second": f.second, "zh": f.reason_zh, "en": f.reason_en}
                for f in order_flags
            ],
            "composition": composition(members, election.date).to_json(),
        }
    )
    if c.preselection:
        # (预选: those "elected" are selected as formal candidates — the list, every round
        # of the contest so far, 姓氏笔画 order; the formal contest is held on it)
        doc["outcome"] = {"zh": "确定为正式候选人", "en": "selected as formal candidates"}
        doc["selected_as_formal_candidates"] = everyone
    # Each candidate's note (as the ballot prints it under the name): two people of one
    # name are told apart by it on the papers too.
    notes = {k.code: k.annotation for k in (*c.candidates, *info.candidates) if k.annotation}
    for entry in (*doc["candidates"], *doc["elected"], *doc["tie"], *this_round, *everyone):
        if entry.get("code") in notes:
            entry["annotation"] = notes[entry["code"]]
    return doc


def _is_rerun(db: ElectionDB, c: Contest, info: repo.RoundInfo) -> bool:
    """Is the round held again after a void one (收回多于发出, no quorum): the round before
    it of the same kind and void."""
    before = [r for r in repo.read_rounds(db, c.code) if r.number == info.number - 1]
    return bool(before) and before[0].kind is info.kind and before[0].status is RoundStatus.VOID


def _earlier_elected(db: ElectionDB, c: Contest, number: int) -> list[dict[str, Any]]:
    """Those elected in the contest's earlier rounds (frozen results, else counted live)."""
    out: list[dict[str, Any]] = []
    for earlier in repo.read_rounds(db, c.code):
        if earlier.number >= number:
            break
        frozen = store.frozen_round(db, c.code, earlier.number)
        if frozen is not None and frozen.result_json:
            doc = json.loads(frozen.result_json)
            if doc.get("status") == "final":
                out += [{**e, "round": earlier.number} for e in doc.get("elected", [])]
            continue
        result = _counted_result(db, c, earlier)
        out += [_elected_entry(e, earlier.number) for e in result.elected]
    return out


def _published_order(
    entries: list[dict[str, Any]], kind: ContestKind, ballots: Sequence[Sequence[str]] = ()
) -> tuple[list[dict[str, Any]], list[Flag]]:
    """姓氏笔画 as the ballots confirmed it (``ballots``: candidate codes, the latest round's
    first; see `confirmed_order`), with the flags of what nobody confirmed (a write-in's
    place); 候补委员 by agree votes, most first, ties in that order (rules.md: the order in
    which alternates later fill vacancies) — round by round: whoever a round elected comes
    before whoever a later one did (a re-vote's or a supplementary round's votes are counted
    on another ballot, among those the earlier round left behind); 书记/副书记 as elected."""
    if kind in (ContestKind.SECRETARY, ContestKind.DEPUTY_SECRETARY):
        return entries, []
    ordered, flags = confirmed_order(entries, lambda e: e["name"], lambda e: e.get("code"), ballots)
    if kind is ContestKind.ALTERNATE:
        rank = {id(e): i for i, e in enumerate(ordered)}
        ordered = sorted(entries, key=lambda e: (e["round"], -e["agree"], rank[id(e)]))
    return ordered, flags


def _member(db: ElectionDB, entry: Mapping[str, Any]) -> Member:
    person = repo.read_person(db, entry["person"]) if entry.get("person") else None
    if person is None:
        return Member(entry["name"])
    return Member(person.name, person.gender, person.ethnicity, person.birth, person.education)


# --- review -------------------------------------------------------------------------------------

_MARK_WORDS: dict[str, Mark] = {
    word: mark
    for mark, words in {
        # (〇 U+3007 is the circle most Chinese input methods give for ○ U+25CB; ◯ the
        # large circle; ✕ ✗ ╳ crosses — a clerk copying the paper types what the keyboard has)
        Mark.AGREE: ("agree", "a", "yes", "赞成", "同意", "○", "〇", "◯", "o"),
        Mark.DISAGREE: ("disagree", "d", "no", "不赞成", "反对", "×", "✕", "✗", "╳", "x"),
        Mark.ABSTAIN: ("abstain", "n", "none", "弃权", "blank"),
        Mark.UNCLEAR: ("unclear", "?", "无法辨认", "illegible"),
    }.items()
    for word in words
}


def parse_mark(text: str) -> Mark | None:
    """agree/disagree/abstain/unclear, their one-letter codes, or 赞成/不赞成/弃权/无法辨认,
    or the signs ○/× (as typed: full-width letters and ？ as their ASCII forms)."""
    return _MARK_WORDS.get(unicodedata.normalize("NFKC", text).strip().casefold())


def _marks_json(codes: str | None, candidates: Sequence[Candidate]) -> dict[str, str]:
    if not codes or len(codes) != len(candidates):
        return {}
    out = {}
    for cand, code in zip(candidates, codes, strict=True):
        try:
            out[cand.code] = str(Mark.from_code(code))
        except KeyError:
            out[cand.code] = code
    return out


def _beside_boxes(
    db: ElectionDB, sheet: store.SheetRow, candidates: Sequence[Candidate]
) -> list[dict[str, str]]:
    """The candidates a mark was found beside the boxes of (a ○ round the name, a × over it):
    code and name, for the person deciding."""
    if "mark_beside_box" not in sheet.reasons:
        return []
    rec = sheet_store.get(db.con, sheet.id)
    try:
        found = json.loads(rec.scores).get("beside_boxes", {}) if rec is not None else {}
    except (json.JSONDecodeError, AttributeError):
        found = {}
    names = {c.code: c.name for c in candidates}

    def name_of(code: str) -> str:
        if code in names:
            return names[code]
        return f"另选他人第 {code[1:]} 栏" if code.startswith("w") else ""

    return [{"candidate": code, "name": name_of(code)} for code in sorted(found)]


def _sheet_item(
    db: ElectionDB,
    s: store.SheetRow,
    rounds: dict[tuple[str, int], tuple[Candidate, ...]],
) -> tuple[dict[str, Any], tuple[Candidate, ...]]:
    """A sheet as `review_list` and `confirmed_list` give it (its decision aside), and its
    round's candidates (``rounds``: those read so far, by contest and round)."""
    cands: tuple[Candidate, ...] = ()
    if s.contest is not None and s.round is not None:
        key = (s.contest, s.round)
        if key not in rounds:
            info = repo.read_round(db, s.contest, s.round)
            rounds[key] = info.candidates if info else ()
        cands = rounds[key]
    item = {
        "sheet": s.id,
        "file": s.source_file,
        "page": s.page,
        "station": s.station,
        "contest": s.contest,
        "round": s.round,
        "status": s.status,
        "serial": s.serial,
        "image": s.image_path,
        "source": s.source,  # "manual": entered by hand (no machine reading, no image)
        "reasons": s.reasons,
        "marks": _marks_json(s.marks, cands),
        "writeins": s.writeins,
        "beside_boxes": _beside_boxes(db, s, cands),
    }
    return item, cands


def review_list(db: ElectionDB, contest: str | None = None) -> list[dict[str, Any]]:
    """Every sheet held for review (and every decision awaiting confirmation), with why."""
    if contest is not None:
        _contest(db, contest)
    rounds: dict[tuple[str, int], tuple[Candidate, ...]] = {}
    out = []
    for s in store.review_sheets(db, contest):
        item, cands = _sheet_item(db, s, rounds)
        pending = store.open_decision(db, s.id)
        item["decision"] = (
            None
            if pending is None
            else {
                "id": pending.id,
                "decided_by": pending.decided_by,
                "decided_at": pending.decided_at,
                "marks": _marks_json(pending.decided.get("marks"), cands),
                "valid": pending.decided.get("valid"),
                "writeins": pending.decided.get("writeins", []),
                "reason": pending.reason,
                # (taken out of the count, or put back: no reading of marks)
                "withdrawn": bool(pending.decided.get("withdrawn")),
                "restored": bool(pending.decided.get("restored")),
            }
        )
        out.append(item)
    return out


def _standing_decision(
    s: store.SheetRow, decisions: Sequence[store.Decision]
) -> store.Decision | None:
    """The confirmed decision ``s`` counts by: the last confirmed one that says what the
    sheet now counts as (a station's merged in after this file confirmed its own is on
    record, not applied), else the last confirmed one."""
    confirmed = [d for d in decisions if d.confirmed_by]
    standing = [d for d in confirmed if not d.superseded] or confirmed

    def applied(d: store.Decision) -> bool:
        if d.decided.get("duplicate_of") or d.decided.get("withdrawn"):
            return s.status == "duplicate"
        return (
            str(d.decided.get("marks") or "") == (s.final_marks or "")
            and bool(d.decided.get("valid")) == bool(s.final_valid)
            and list(d.decided.get("writeins") or []) == s.final_writeins
        )

    return next((d for d in reversed(standing) if applied(d)), standing[-1] if standing else None)


def confirmed_list(db: ElectionDB, contest: str | None = None) -> list[dict[str, Any]]:
    """Every sheet a confirmed review decision settled — this laptop's and the stations'
    (merged in with their results packages) — newest confirmation first: what was decided,
    who decided and who confirmed, and at which station (``station``: None for this file's
    own). The chief scrutineer looks them over before certifying. A sheet held again, or
    with a decision awaiting confirmation, is in `review_list` instead."""
    if contest is not None:
        _contest(db, contest)
    at_station = srepo.decision_stations(db)
    held = {s.id for s in store.review_sheets(db, contest)}
    rounds: dict[tuple[str, int], tuple[Candidate, ...]] = {}
    out: list[dict[str, Any]] = []
    for s in store.confirmed_sheets(db, contest):
        if s.id in held:
            continue
        d = _standing_decision(s, store.decisions_for(db, s.id))
        if d is None:
            continue
        item, cands = _sheet_item(db, s, rounds)
        item["done"] = True
        item["decision"] = {
            "id": d.id,
            "decided_by": d.decided_by,
            "decided_at": d.decided_at,
            "confirmed_by": d.confirmed_by,
            "confirmed_at": d.confirmed_at,
            "station": at_station.get(d.id),
            "marks": _marks_json(d.decided.get("marks"), cands),
            "valid": d.decided.get("valid"),
            "duplicate_of": d.decided.get("duplicate_of") or [],
            "withdrawn": bool(d.decided.get("withdrawn")),
            "restored": bool(d.decided.get("restored")),
            "writeins": d.decided.get("writeins", []),
            "reason": d.reason,
        }
        out.append(item)
    out.sort(key=lambda i: str(i["decision"]["confirmed_at"] or ""), reverse=True)
    return out


def _identity(db: ElectionDB, who: str) -> str:
    """Who someone is, as far as the roster tells: a person code (typed in any case), else
    the name as written, spaces and case aside ('张 三', '张三 ', 'B o b' are one)."""
    text = who.strip()
    typed = repo.person_typed(db, text)
    if typed is not None:
        return f"person:{typed.code}"
    named = store.people_named(db, text)
    if len(named) == 1:
        return f"person:{named[0][0]}"
    return f"text:{normalise_name(text).casefold()}"


def _candidate_identities(db: ElectionDB, c: Contest) -> dict[str, str]:
    """identity → name of everyone standing in the contest (any of its rounds)."""
    out: dict[str, str] = {}
    for info in repo.read_rounds(db, c.code):
        for k in info.candidates:
            out[_identity(db, k.name)] = k.name
            if k.person:
                out[f"person:{k.person}"] = k.name
    for k in c.candidates:
        out.setdefault(_identity(db, k.name), k.name)
        if k.person:
            out.setdefault(f"person:{k.person}", k.name)
    return out


def _not_a_candidate(db: ElectionDB, c: Contest, who: str, doing_zh: str, doing_en: str) -> None:
    """Refuse ``who`` when they stand in the contest (rules.md: scrutineers are voters who
    are not candidates; nobody rules on ballots that may elect them)."""
    name = _candidate_identities(db, c).get(_identity(db, who))
    if name is not None:
        raise NotAllowed(
            f"{who} 是“{c.title}”的候选人（{name}），不能{doing_zh}。请由不是候选人的监票人、计票人办理。",
            f"{who} stands in {c.title} ({name}) and cannot {doing_en}; a scrutineer or counter"
            " who is not a candidate must do it.",
        )


def _require_person(who: str) -> str:
    who = who.strip()
    if not who:
        raise CountingRefused(
            "请用 --by 写明是谁（姓名或代表编号）。", "say who you are with --by (name or code)"
        )
    return who


def _same_person(db: ElectionDB, a: str, b: str) -> bool:
    return a.strip() == b.strip() or _identity(db, a) == _identity(db, b)


def _acting(db: ElectionDB, operator: Session | None, by: str) -> str:
    """Who acts: ``by``; with a signed-in operator, ``by`` defaults to them and must be them."""
    if operator is None:
        return _require_person(by)
    who = by.strip()
    if not who:
        return operator.name
    if not _same_person(db, who, operator.name):
        raise NotAllowed(
            f"您以“{operator.name}”登录，不能以“{who}”的名义操作：请 {who} 本人登录，或不写 --by。",
            f"you are signed in as {operator.name!r} and cannot act as {who!r}: {who} must"
            " sign in themselves (or leave --by out).",
        )
    return who


#: What a person types for a name written in a column that nobody can read (``--writein
#: 1=?``): no vote for anyone, but a choice for the over-vote rule — where an empty column
#: (``--writein 1=``) chooses nobody.
ILLEGIBLE_NAME = frozenset({"?", "？"})


@dataclass(frozen=True)
class _Namesake:
    """One person a written name can be: a roster person (printed on the ballot or not), or
    a printed candidate who is none of them (given by name only, from outside the roster)."""

    code: str  # what a person types to say it is them: the roster code, else the candidate's
    name: str  # as the roster (or the ballot) has it
    person: str | None  # roster code
    candidate: int | None  # ballot position when printed on this ballot
    zh: str  # what tells them apart, for a message: a unit, "not on the roster"
    en: str
    on_roster: bool  # found on the roster by the name (else a candidate printed so)

    def said(self, en: bool = False) -> str:
        """Who they are, as a message names them among others of the name."""
        if en:
            kind = "roster" if self.on_roster else "candidate"
            return f"{kind} {self.code} {self.name} ({self.en})"
        kind = "名单中的" if self.on_roster else "本票候选人"
        return f"{kind} {self.code} {self.name}（{self.zh}）"


def _namesakes(db: ElectionDB, name: str, cands: Sequence[Candidate]) -> list[_Namesake]:
    """Everyone ``name`` can be, compared as write-ins are merged (`normalise_name`): the
    roster's people of that name, then the ballot's candidates of it not among them."""
    key = normalise_name(name)
    if not key:
        return []
    found: list[_Namesake] = []
    roster = store.people_named(db, name)
    units = {u.code: u.name for u in repo.read_units(db)} if roster else {}
    for code, roster_name, unit in roster:
        pos = next((i for i, k in enumerate(cands) if k.person == code), None)
        where = units.get(unit or "", unit or "") or "—"
        zh_printed = "" if pos is None else f"，本票候选人 {cands[pos].code}"
        en_printed = "" if pos is None else f", candidate {cands[pos].code} on this ballot"
        found.append(
            _Namesake(
                code,
                roster_name,
                code,
                pos,
                where + zh_printed,
                where + en_printed,
                True,
            )
        )
    for i, k in enumerate(cands):
        if normalise_name(k.name) != key or any(n.candidate == i for n in found):
            continue
        # (a candidate given by name only is not the roster's person of that name — the
        # definition gives a roster person's code, and init warns of the namesake — so he
        # is one more person the name can be)
        found.append(
            _Namesake(
                k.code,
                k.name,
                k.person,
                i,
                "不在名单上" if k.person is None else k.person,
                "not on the roster" if k.person is None else k.person,
                False,
            )
        )
    return found


def _resolve_writein(
    db: ElectionDB, column: int, text: str, cands: Sequence[Candidate]
) -> tuple[str, str | None, int | None]:
    """A write-in as read by a person: a roster code, a name (matched to the roster and to
    the ballot's candidates) or ''. Returns the name, the roster code and, when it is a
    candidate printed on this ballot, their position. A name two people bear is refused
    with their codes: a person says which (rules.md: same name, different people — ask).
    (An illegible name, ``?``, is the caller's: see `ILLEGIBLE_NAME`.)"""
    text = text.strip()
    if not text:
        return "", None, None
    person = repo.person_typed(db, text)  # ('p13' for P13)
    if person is not None:
        # (a roster code says who, whoever else bears the name — a candidate of that name
        # from outside the roster included)
        pos = next((i for i, k in enumerate(cands) if k.person == person.code), None)
        return person.name, person.code, pos
    typed = next((i for i, k in enumerate(cands) if k.code.casefold() == text.casefold()), None)
    if typed is not None:
        k = cands[typed]
        if len(_namesakes(db, k.name, cands)) > 1:
            # (the answer to "which 周强?" when it is a candidate from outside the roster:
            # his name cannot say it, his code on the ballot does)
            return k.name, k.person, typed
        # (a candidate's code is no name a voter writes: taken for one, it made a person
        # called "c02" — one more choice, and a ballot void for nothing)
        raise CountingRefused(
            f"另选他人第 {column} 栏填的“{text}”是本票候选人 {k.name} 的编号，不是票上写的姓名。"
            f"这一栏请照原票填写所写的姓名（或名单编号）：写的就是“{k.name}”的，填"
            f" --writein {column}={k.name}（按对这位候选人赞成计，与其名下的○合计只算一票）；"
            f"这一栏没有写姓名的，填 --writein {column}= ，候选人名下框里的标记用"
            f" --mark {k.code}=… 录入。",
            f"write-in column {column}: {text!r} is the code of candidate {k.name} on this"
            f" ballot, not a name written on it. Give the column what is written there (a"
            f" name, or a roster code): if it is {k.name}, --writein {column}={k.name} (it"
            f" counts as agreeing to that candidate, one vote with a ○ in the box); if the"
            f" column holds no name, --writein {column}= and give the candidate's box with"
            f" --mark {k.code}=…",
        )
    named = _namesakes(db, text, cands)
    if len(named) > 1 and all(n.on_roster for n in named):
        who = "、".join(f"{n.code}（{n.zh}）" for n in named)
        raise CountingRefused(
            f"名单中有 {len(named)} 人叫“{text}”：{who}。请用编号写明是哪一位，"
            f"如 --writein {column}={named[0].code}",
            f"{len(named)} people on the roster are named {text!r}:"
            f" {', '.join(f'{n.code} ({n.en})' for n in named)}. Give the code, e.g. --writein"
            f" {column}={named[0].code}",
        )
    if len(named) > 1:
        # (a candidate from outside the roster and a roster person of one name: taken for
        # the candidate, a vote for the delegate went to someone else without a word)
        raise CountingRefused(
            f"另选他人第 {column} 栏写的“{text}”可以是 {len(named)} 个不同的人："
            f"{'；'.join(n.said() for n in named)}。请对照原票，由监票人确定是哪一位，"
            f"在这一栏填写其编号（{'、'.join(n.code for n in named)}），"
            f"如 --writein {column}={named[0].code}",
            f"write-in column {column}: {text!r} can be {len(named)} different people:"
            f" {'; '.join(n.said(en=True) for n in named)}. Look at the paper and let a"
            f" scrutineer say which; give their code ({', '.join(n.code for n in named)}), e.g."
            f" --writein {column}={named[0].code}",
        )
    if named:
        name, person_code, pos = (
            (named[0].name if named[0].person else text),
            named[0].person,
            named[0].candidate,
        )
    else:
        name, person_code, pos = text, None, None
    if person_code is None:
        # (a roster person's name is the roster's, checked when it was entered)
        _assert_printable_writein(db, column, name)
    return name, person_code, pos


def _assert_printable_writein(db: ElectionDB, column: int, name: str) -> None:
    """A write-in's name as typed is what the 当选名单 and the 计票结果报告单 print: a
    character the shipped fonts lack prints blank there without a word (an elected
    '𠮷祥' certified as ' 祥'). Refused, as a roster name with one is at ``init``: the
    person's roster code gives the roster's name; a person not on it is written as the
    scrutineers agree, with characters that print."""
    from huanjie_desktop.reports.fonts import first_unprintable

    bad = first_unprintable(name)
    if bad is None:
        return
    # (the roster's people whose name is this one but for the characters that do not print:
    # most likely the person meant, the clerk having typed a variant)
    blank = {ch for ch in name if first_unprintable(ch) is not None}
    like = [
        p
        for p in repo.read_people(db)
        if len(p.name) == len(name)
        and all(a == b or b in blank for a, b in zip(p.name, name, strict=True))
        and any(a == b for a, b in zip(p.name, name, strict=True))
    ][:3]
    seen_zh = (
        f"（名单上有 {'、'.join(f'{p.name}（{p.code}）' for p in like)}，请核对是否此人）"
        if like
        else ""
    )
    seen_en = (
        f" (the roster has {', '.join(f'{p.name} ({p.code})' for p in like)}: is it them?)"
        if like
        else ""
    )
    raise CountingRefused(
        f"另选他人第 {column} 栏的姓名“{name}”中的字“{bad}”(U+{ord(bad):04X}) 无法用随附字体打印，"
        "当选名单和计票结果报告单上会显示为空白。此人在代表名单上的，请在这一栏改填其代表编号"
        f"（命令行：--writein {column}=代表编号），报告单印名单上的姓名{seen_zh}；"
        "不在名单上的，请由监票人商定用可打印的字写出这个姓名，每张选票都按商定的写法录入",
        f"write-in column {column}: the character {bad!r} (U+{ord(bad):04X}) in {name!r} cannot"
        " be printed with the shipped font and would print blank on the elected list and the"
        " tally sheet. If the person is on the roster, give their roster code in this column"
        f" (at the command line: --writein {column}=CODE): the papers print the roster's"
        f" name{seen_en}. If not, the scrutineers agree how to write the name with characters"
        " that print, and every ballot is entered that way",
    )


@dataclass(frozen=True)
class BallotContent:
    marks: str
    writeins: list[dict[str, Any]]
    valid: bool
    void_reason: str | None

    def record(self) -> BallotRecord:
        return BallotRecord(self.marks, self.valid, store.writein_votes(self.writeins))

    def to_json(self) -> dict[str, Any]:
        return {
            "marks": self.marks,
            "writeins": self.writeins,
            "valid": self.valid,
            "void_reason": self.void_reason,
        }


def _build_content(
    db: ElectionDB,
    c: Contest,
    info: repo.RoundInfo,
    start: str,
    machine_writeins: list[dict[str, Any]],
    marks: Mapping[str, str],
    writeins: Mapping[int, str],
    void_reason: str | None,
    must_resolve: bool,
    beside: Sequence[Mapping[str, str]] = (),
) -> tuple[BallotContent, list[tuple[str, str, str]]]:
    """Apply what a person decided to a starting read; returns the content and the changes.
    ``beside``: the candidates (and write-in columns) with a mark in their cell outside the
    box (`_beside_boxes`), whose marks must be given, not taken as the machine read them."""
    cands = info.candidates
    codes = list(start if len(start) == len(cands) else "?" * len(cands))
    by_code = {k.code: i for i, k in enumerate(cands)}
    by_name: dict[str, list[int]] = {}
    for i, k in enumerate(cands):
        by_name.setdefault(normalise_name(k.name), []).append(i)
    explicit: set[int] = set()
    wi_marks: dict[int, Mark] = {}
    for key, value in marks.items():
        mark = parse_mark(value)
        if mark is None:
            raise CountingRefused(
                f"无法识别的标记“{value}”：请用 agree/disagree/abstain/unclear"
                "（赞成/不赞成/弃权/无法辨认）",
                f"unknown mark {value!r}: use agree, disagree, abstain or unclear",
            )
        key = key.strip()
        # (w1, w2 … are the write-in columns — unless a candidate has that very code: a
        # person written in and standing in a later round is printed as w01, and a mark
        # given for that code is theirs)
        wm = None if key in by_code else re.fullmatch(r"[wW](\d+)", key)
        if wm:
            wi_marks[int(wm.group(1))] = mark
            continue
        named = by_name.get(normalise_name(key), [])
        if key not in by_code and len(named) > 1:
            same = "、".join(f"{cands[i].code}={cands[i].name}" for i in named)
            raise CountingRefused(
                f"本轮有 {len(named)} 位候选人名叫“{key}”（{same}）：请用候选人编号。",
                f"{len(named)} candidates in this round are called {key!r} ({same}): use the"
                " candidate's code.",
            )
        pos = by_code.get(key, named[0] if named else None)
        if pos is None:
            known = "、".join(f"{k.code}={k.name}" for k in cands)
            raise CountingRefused(
                f"本轮没有候选人“{key}”。候选人：{known}；另选他人栏用 w1、w2…",
                f"no candidate {key!r} in this round. Candidates: {known}; write-in columns:"
                " w1, w2, …",
            )
        codes[pos] = mark.code
        explicit.add(pos)
    if must_resolve and void_reason is None:
        left = [i for i, code in enumerate(codes) if code == "?" and i not in explicit]
        if left:
            names = "、".join(f"{cands[i].code} {cands[i].name}" for i in left)
            raise CountingRefused(
                f"以下候选人的标记机器无法确定，请逐一决定：{names}。用 --mark 编号=agree|disagree|abstain；"
                "确实无法辨认的用 =unclear（该人按无有效标记计）",
                f"the machine could not read the mark for: {names}. Decide each with --mark"
                " CODE=agree|disagree|abstain, or =unclear if it cannot be read (counts as no mark)",
            )

        # A name circled or struck through, a ✓ on it, a ○ beside the box: the box alone
        # read empty (or as it was), and the machine's "abstain" is no reading of what the
        # voter meant. Taken "as read" with --accept, the candidate's choice was lost without
        # anyone saying so: each is decided, as an unclear mark is.
        def said(key: str) -> bool:
            if key in by_code:
                return by_code[key] in explicit
            column = re.fullmatch(r"w(\d+)", key)
            return column is None or int(column.group(1)) in wi_marks

        unsaid = [b for b in beside if not said(b["candidate"])]
        if unsaid:
            names = "、".join(f"{b['candidate']} {b['name']}".strip() for b in unsaid)
            raise CountingRefused(
                f"以下候选人格内方格外有笔迹（如圈了姓名、划了姓名、在姓名上打了勾），"
                f"机器只读方格，读出的不一定是投票人的意愿：{names}。请对照原票逐一决定，"
                "用 --mark 编号=agree|disagree|abstain；确实无法辨认的用 =unclear"
                "（--accept 只用于其余候选人）",
                f"there is a mark in the cell of {names} outside the box (the name circled,"
                " struck through or ticked, say): the machine reads only the box, and what it"
                " read need not be what the voter meant. Look at the paper and decide each with"
                " --mark CODE=agree|disagree|abstain, or =unclear if it cannot be read"
                " (--accept covers only the other candidates)",
            )
    # write-ins: the machine saw marks and whether a name is there; a person reads the name
    machine = {int(w.get("column", 0)): w for w in machine_writeins if isinstance(w, dict)}
    columns = sorted(set(machine) | set(writeins) | set(wi_marks))
    final_writeins: list[dict[str, Any]] = []
    printed: dict[int, int] = {}  # write-in column → the candidate it names (their position)
    n_columns = round_writein_columns(c, info.kind, info.seats)
    for col in columns:
        if not 1 <= col <= n_columns:
            raise CountingRefused(
                f"本选票只有 {n_columns} 个另选他人栏，没有第 {col} 栏",
                f"the ballot has {n_columns} write-in columns, not {col}",
            )
        seen = machine.get(col, {})
        if col in wi_marks:
            mark = wi_marks[col]
        elif seen:
            try:
                mark = Mark(seen.get("mark", "abstain"))
            except ValueError:
                mark = Mark.UNCLEAR
        elif col in writeins and writeins[col].strip() and not must_resolve:
            # A name entered by hand says nothing of the mark above it: a name with no ○ is
            # no vote (rules), a ○ is — the clerk says which, never a default.
            typed = writeins[col].strip()
            held = ("一个无法辨认的姓名", "a name nobody can read")
            zh_what, en_what = held if typed in ILLEGIBLE_NAME else (f"“{typed}”", repr(typed))
            raise CountingRefused(
                f"另选他人第 {col} 栏写了{zh_what}：请再用 --mark w{col}=agree"
                f"（姓名上方画了○）、w{col}=disagree（画了×）或 w{col}=abstain（没有符号）"
                "说明其上方的标记",
                f"write-in column {col} holds {en_what}: say what is marked above"
                f" the name with --mark w{col}=agree (a ○), w{col}=disagree (a ×) or"
                f" w{col}=abstain (no mark)",
            )
        else:
            mark = Mark.UNCLEAR
        illegible = col in writeins and writeins[col].strip() in ILLEGIBLE_NAME
        if illegible:
            name, person = "", None
        elif col in writeins:
            name, person, pos = _resolve_writein(db, col, writeins[col], cands)
            if pos is not None:
                printed[col] = pos
        else:
            name, person = "", None
            # (a name the machine saw, or could not tell whether there is one: a person
            # reads the paper — "accepted" as read, an unsure column was taken for empty and
            # the voter's choice lost)
            seen_name = seen.get("has_name", False) if seen else False
            if seen_name is not False and void_reason is None and must_resolve:
                vote_like = mark in (Mark.AGREE, Mark.UNCLEAR) or (
                    not c.writein_needs_mark and mark is not Mark.DISAGREE
                )
                if vote_like and seen_name:
                    raise CountingRefused(
                        f"另选他人第 {col} 栏写有姓名：请读出姓名并用 --writein {col}=姓名 记录"
                        f"（写了姓名但无法辨认的写 --writein {col}=?，确实没有姓名的写"
                        f" --writein {col}=）",
                        f"write-in column {col} has a name: read it and give --writein"
                        f" {col}=NAME (--writein {col}=? if a name is written but cannot be"
                        f" read; --writein {col}= if there is none after all)",
                    )
                if vote_like:
                    raise CountingRefused(
                        f"另选他人第 {col} 栏的姓名栏机器看不清：请对照原票，写有姓名的用"
                        f" --writein {col}=姓名 记录，写了姓名但无法辨认的写 --writein {col}=?，"
                        f"没有姓名的写 --writein {col}=",
                        f"the machine could not tell whether write-in column {col} holds a name:"
                        f" look at the paper and give --writein {col}=NAME, --writein {col}=? if"
                        f" a name is written but cannot be read, or --writein {col}= if there"
                        " is none",
                    )
        if mark is Mark.UNCLEAR and (name or person or illegible) and void_reason is None:
            raise CountingRefused(
                f"另选他人第 {col} 栏上方的标记需要决定：--mark w{col}=agree|disagree|abstain",
                f"decide the mark above write-in column {col}: --mark w{col}=agree|disagree|abstain",
            )
        if not name and not person and mark is not Mark.AGREE and col not in writeins:
            continue  # an empty column with no mark says nothing
        entry: dict[str, Any] = {"column": col, "name": name, "person": person, "mark": str(mark)}
        if illegible:
            # (said only when so: the records and digests made before keep their form)
            entry["illegible"] = True
        final_writeins.append(entry)
    _writein_candidates(cands, codes, final_writeins, printed, c.writein_needs_mark)
    content = BallotContent("".join(codes), final_writeins, void_reason is None, void_reason)
    if content.valid and not ballot_is_valid(content.record(), info.seats, c.writein_needs_mark):
        content = BallotContent(content.marks, content.writeins, False, "over_vote")
    changes = [
        (cands[i].code, start[i] if i < len(start) else "?", codes[i])
        for i in range(len(cands))
        if i >= len(start) or start[i] != codes[i]
    ]
    return content, changes


def _writein_candidates(
    cands: Sequence[Candidate],
    codes: list[str],
    final_writeins: list[dict[str, Any]],
    printed: Mapping[int, int],
    needs_mark: bool,
) -> None:
    """A printed candidate's name written in (their roster code, or the very name of a
    candidate from outside the roster) is that candidate's ○: one person, one vote, whether
    or not their box is marked ○ too. Their box marked × as well says two things: a person
    decides. ``printed``: the candidate each column names, as `_resolve_writein` found
    them. Changes ``codes`` and marks those columns with the candidate's code."""
    for w in final_writeins:
        vote = WriteInVote(int(w["column"]), Mark(w["mark"]), str(w["name"]), w["person"])
        if not writein_is_vote(vote, needs_mark):
            continue
        key = normalise_name(vote.name)
        pos = printed.get(vote.column)
        if pos is None:
            # (a roster person is a candidate by their code only: a candidate of the same
            # name from outside the roster is someone else)
            pos = next(
                (
                    i
                    for i, k in enumerate(cands)
                    if (
                        k.person == vote.person
                        if vote.person
                        else bool(key) and normalise_name(k.name) == key
                    )
                ),
                None,
            )
        if pos is None:
            continue
        k = cands[pos]
        if codes[pos] == "D":
            col = vote.column
            raise CountingRefused(
                f"另选他人第 {col} 栏写的“{vote.name}”就是本票的候选人 {k.code} {k.name}，"
                f"而其名下的框里是“×”：请对照原票决定（--mark {k.code}=agree|disagree|abstain），"
                f"并清空这一栏（--writein {col}=）",
                f"write-in column {col} names {vote.name!r}, who is candidate {k.code} {k.name}"
                f" on this ballot, whose box holds a ×: decide from the paper (--mark"
                f" {k.code}=agree|disagree|abstain) and clear the column (--writein {col}=)",
            )
        codes[pos] = "A"
        w["candidate"] = k.code


@dataclass(frozen=True)
class DecisionOutcome:
    decision: int
    sheet: str
    contest: str
    round: int
    machine: str
    decided: str
    valid: bool
    void_reason: str | None
    changes: list[tuple[str, str, str]]  # (candidate, machine code, decided code)
    writeins: list[dict[str, Any]]
    duplicate_of: list[str] = field(default_factory=list)  # a duplicate scan of these

    def to_json(self) -> dict[str, Any]:
        return {
            "duplicate_of": self.duplicate_of,
            "decision": self.decision,
            "sheet": self.sheet,
            "contest": self.contest,
            "round": self.round,
            "machine": self.machine,
            "decided": self.decided,
            "valid": self.valid,
            "void_reason": self.void_reason,
            "changes": [{"candidate": k, "machine": a, "decided": b} for k, a, b in self.changes],
            "writeins": self.writeins,
            "awaiting_confirmation": True,
        }


def _sheet_for_review(db: ElectionDB, sheet: str, set_aside_ok: bool = False) -> store.SheetRow:
    """The sheet a decision is about; ``set_aside_ok``: one taken out of the count too (whose
    putting back is confirmed)."""
    s = store.read_sheet(db, sheet)
    if s is None:
        raise CountingRefused(f"没有编号为 {sheet} 的选票记录。", f"there is no sheet {sheet!r}")
    if s.status == "duplicate" and _withdrawn_by(store.decisions_for(db, s.id)) is not None:
        if set_aside_ok:
            return s
        raise CountingRefused(
            f"选票 {sheet} 已撤出计票。如撤出有误，请先恢复（huanjie review withdraw … --restore）。",
            f"sheet {sheet} was taken out of the count. If that was a mistake, put it back first"
            " (huanjie review withdraw … --restore).",
        )
    if s.status not in ("review", "counted"):
        why = "、".join(str(r) for r in s.reasons) or s.status
        raise CountingRefused(
            f"选票 {sheet} 已被拒收（{why}），不能计入。如确是本轮的真实选票，请手工录入（huanjie manual）。",
            f"sheet {sheet} was rejected ({why}) and cannot count. If it is a real ballot of"
            " this round, enter it by hand (huanjie manual).",
        )
    if s.contest is None or s.round is None:
        raise CountingRefused(
            f"选票 {sheet} 无法确定属于哪个选举事项，请手工录入（huanjie manual）。",
            f"sheet {sheet} cannot be placed in a contest; enter it by hand (huanjie manual).",
        )
    return s


def decide(
    db: ElectionDB,
    sheet: str,
    marks: Mapping[str, str] | None = None,
    writeins: Mapping[int, str] | None = None,
    void_reason: str | None = None,
    accept: bool = False,
    by: str = "",
    reason: str = "",
    *,
    duplicate: bool = False,
    operator: Session | None = None,
) -> DecisionOutcome:
    """Record a decision on a doubtful sheet: machine read → decided, who, when, why.

    ``marks`` maps candidate codes (or w1, w2… for write-in columns) to a mark; ``writeins``
    maps write-in columns to the name read (or a roster code). ``accept`` takes the machine
    read as it is for every mark not given. ``duplicate``: a sheet held because another
    image carries its serial is another scan of that same paper (scanned twice, at two
    stations): it does not count at all — neither a ballot nor a void one. A decision counts
    once a different person confirms it. Deciding again on a sheet whose decision was
    already confirmed needs ``overrule``.
    """
    require(db, operator, Action.DECIDE)
    by = _acting(db, operator, by)
    marks = dict(marks or {})
    writeins = dict(writeins or {})
    s = _sheet_for_review(db, sheet)
    if any(d.confirmed_by for d in store.decisions_for(db, s.id)):
        require(db, operator, Action.OVERRULE)
    assert s.contest is not None and s.round is not None
    c = _contest(db, s.contest)
    info = _round(db, s.contest, s.round)
    assert_round_open(db, s.contest, s.round)
    _not_a_candidate(db, c, by, "审核本事项的选票", "decide this contest's ballots")
    void = (void_reason or "").strip() or None
    if void_reason is not None and void is None:
        raise CountingRefused("请写明作废的理由（--void 理由）。", "give the reason for --void")
    if void and (accept or marks or writeins):
        raise CountingRefused(
            "--void 不能与 --accept、--mark 或 --writein 同时使用。",
            "--void cannot be combined with --accept, --mark or --writein",
        )
    if duplicate and (void or accept or marks or writeins):
        raise CountingRefused(
            "--duplicate 不能与 --accept、--mark、--writein 或 --void 同时使用。",
            "--duplicate cannot be combined with --accept, --mark, --writein or --void",
        )
    if not (void or accept or marks or writeins or duplicate):
        raise CountingRefused(
            "没有决定任何内容：请给出 --mark、--writein、--void、--duplicate 或 --accept。",
            "nothing decided: give --mark, --writein, --void, --duplicate or --accept",
        )
    if duplicate:
        return _decide_duplicate(db, s, by, reason)
    content, changes = _build_content(
        db,
        c,
        info,
        s.marks or "",
        s.writeins,
        marks,
        writeins,
        void,
        must_resolve=True,
        beside=_beside_boxes(db, s, info.candidates),
    )
    if content.valid and "serial_conflict" in s.reasons and s.serial:
        # (both images of one serial kept as valid ballots count one paper twice: the
        # second is a duplicate scan or a copy — said now, not after both were confirmed)
        counting = _valid_twins(db, s)
        if counting:
            # (named as the review list names them, by file and page; the record's id after)
            twins_zh = "、".join(_sheet_where(db, t, "zh") for t in counting)
            twins_en = ", ".join(_sheet_where(db, t, "en") for t in counting)
            raise CountingRefused(
                f"防伪码 {s.serial} 的另一张图像（{twins_zh}）已作为有效票计入或已决定计入："
                "这一张如是同一张选票的重复扫描，请记为重复扫描（审核页按 D；命令行 --duplicate）；"
                "如是复印件，请整张作废并写明理由。若这一张才是原票，请先改正另一张的决定。",
                f"the other image of serial {s.serial} ({twins_en}) already"
                " counts, or is decided to count, as a valid ballot: if this is another scan of"
                " the same paper, record it as a duplicate scan (D on the review page;"
                " --duplicate); if it is a copy, void it with the reason. If this one is the"
                " original, correct the other's decision first.",
            )
    decided = {**content.to_json(), "accept": accept}
    why = void or reason.strip() or ("accept" if accept and not changes else "")
    decision = _record_decision(db, s, decided, why, by)
    return DecisionOutcome(
        decision,
        s.id,
        s.contest,
        s.round,
        s.marks or "",
        content.marks,
        content.valid,
        content.void_reason,
        changes,
        content.writeins,
    )


@dataclass(frozen=True)
class ConfirmOutcome:
    decision: int
    sheet: str
    decided_by: str
    confirmed_by: str
    valid: bool
    marks: str
    duplicate: bool = False  # another scan of a paper already counted: it does not count
    withdrawn: bool = False  # taken out of the count: no ballot of this round
    restored: bool = False  # put back into the count (or held for review again) as it was
    candidates: tuple[tuple[str, str], ...] = ()  # (code, name) in ballot order, as ``marks``
    writeins: tuple[dict[str, Any], ...] = ()  # the write-in columns as decided


def _scrutineers(db: ElectionDB, contest: str) -> list[tuple[str, str]]:
    """(identity, name) of the contest's registered 总监票人 and 监票人."""
    out = []
    for o in repo.read_officials(db, contest):
        if o.role in (OfficialRole.CHIEF_SCRUTINEER, OfficialRole.SCRUTINEER):
            p = repo.read_person(db, o.person)
            out.append((f"person:{o.person}", p.name if p else o.person))
    return out


ROLE_WORDS = {
    OfficialRole.CHIEF_SCRUTINEER: ("总监票人", "chief scrutineer"),
    OfficialRole.SCRUTINEER: ("监票人", "scrutineer"),
    OfficialRole.COUNTER: ("计票人", "counter"),
}


def _officials_standing(
    db: ElectionDB, contest: str, people: Sequence[tuple[str, str | None]]
) -> list[tuple[str, str, OfficialRole]]:
    """(person code, name, role) of the contest's 总监票人, 监票人 and 计票人 among ``people``
    ((name, person code or None)): a write-in who reached a tie or a supplementary list."""
    standing: set[str] = set()
    for name, person in people:
        if person:
            standing.add(f"person:{person}")
        if name:
            standing.add(_identity(db, name))
    out = []
    for o in repo.read_officials(db, contest):
        if f"person:{o.person}" in standing:
            p = repo.read_person(db, o.person)
            out.append((o.person, p.name if p else o.person, o.role))
    return out


def _round_contenders(doc: dict[str, Any]) -> list[tuple[str, str | None]]:
    """(name, person) of those a round's papers are about: its printed candidates, and the
    write-in persons it elected or sent to a tie re-vote."""
    out = [(str(k.get("name", "")), k.get("person")) for k in doc.get("candidates", [])]
    for k in (*doc.get("elected", []), *doc.get("tie", [])):
        out.append((str(k.get("name", "")), k.get("person")))
    return out


def _record_decision(
    db: ElectionDB, s: store.SheetRow, decided: dict[str, Any], why: str, by: str
) -> int:
    """Store a decision on ``s`` (what the machine read → ``decided``) and audit it."""
    machine = {
        "marks": s.marks,
        "valid": s.ballot_valid,
        "writeins": s.writeins,
        "reasons": s.reasons,
    }
    with db.transaction():
        decision = store.insert_decision(db, s.id, machine, decided, why, by, utc_now())
        db.audit(
            "review.decided",
            {
                "sheet": s.id,
                "contest": s.contest,
                "round": s.round,
                "decision": decision,
                "machine": machine,
                "decided": decided,
                "reason": why,
                "by": by,
            },
        )
    return decision


def _twins(db: ElectionDB, s: store.SheetRow) -> list[str]:
    """The other sheets with this sheet's serial that may be the paper it is a scan of
    (not themselves confirmed as duplicate scans); refused when there is none."""
    if "serial_conflict" not in s.reasons or not s.serial:
        raise CountingRefused(
            f"选票 {s.id} 不是因“同一防伪码出现在不同的图像上”而待审，不能记为重复扫描。",
            f"sheet {s.id} is not held for a serial seen on another image: it cannot be a"
            " duplicate scan.",
        )
    twins = [sid for sid, status in store.same_serial(db, s.id, s.serial) if status != "duplicate"]
    others = {sid for sid, _ in store.same_serial(db, s.id, s.serial)}
    out = sorted(sheet_store.taken_out(db.con) & others)
    if not twins and out:
        # (the other image is of a paper taken out of the count: "a duplicate of it" would
        # have nothing to be a duplicate of — this one is taken out the same way, or counts)
        raise CountingRefused(
            f"防伪码 {s.serial} 的另一张选票 {'、'.join(out)} 已撤出计票，不能把这一张记为它的重复扫描。"
            "这一张如是同一张纸，由监票人同样撤出（huanjie review withdraw 选举文件 --sheet"
            f" {s.id} --reason 理由 --by 监票人，另一位监票人加 --confirm 确认）；如它确是本轮的选票，"
            "请按它的符号决定。",
            f"the other sheet of serial {s.serial} ({', '.join(out)}) was taken out of the"
            " count: this one cannot be a duplicate scan of it. If this is the same paper, a"
            " scrutineer takes it out the same way (huanjie review withdraw FILE --sheet"
            f" {s.id} --reason WHY --by SCRUTINEER, and another confirms with --confirm); if it"
            " is a ballot of this round after all, decide its marks.",
        )
    if not twins:
        raise CountingRefused(
            f"防伪码 {s.serial} 没有另一张可计的选票记录（另一张已记为重复扫描）：这一张就是那张选票，"
            "请按它的符号决定。",
            f"serial {s.serial} has no other sheet that counts (the other was recorded as a"
            " duplicate scan): this one is the ballot; decide its marks.",
        )
    return twins


def _sheet_where(db: ElectionDB, sheet: str, lang: str) -> str:
    """A sheet as people see it listed: its file and page (a station's, said), then its
    record id, shortened ("scan-0002.jpg 第 1 页，记录 8389eaa1")."""
    row = store.read_sheet(db, sheet)
    short = sheet.split("-", maxsplit=1)[0] if len(sheet) > 12 else sheet
    if row is None:
        return f"选票 {sheet}" if lang != "en" else f"sheet {sheet}"
    name = Path(row.source_file).name or row.source_file
    if lang == "en":
        where = f"{name} page {row.page}"
        at = f", station {row.station}" if row.station != "main" else ""
        return f"{where}{at}, record {short}"
    at = f"，分团计票机 {row.station}" if row.station != "main" else ""
    return f"{name} 第 {row.page} 页{at}，记录 {short}"


def _valid_twins(db: ElectionDB, s: store.SheetRow) -> list[str]:
    """The other sheets of ``s``'s serial that count as a valid ballot, or whose latest
    decision says they will."""
    assert s.serial is not None
    out = []
    for sid, status in store.same_serial(db, s.id, s.serial):
        if status == "duplicate":
            continue
        decisions = store.decisions_for(db, sid)
        if decisions:
            last = decisions[-1].decided
            if not last.get("duplicate_of") and not last.get("withdrawn") and last.get("valid"):
                out.append(sid)
            continue
        twin = store.read_sheet(db, sid)
        if status == "counted" and twin is not None and twin.final_valid:
            out.append(sid)
    return out


def _decide_duplicate(db: ElectionDB, s: store.SheetRow, by: str, reason: str) -> DecisionOutcome:
    """The decision that ``s`` is another scan of a paper already here (see `decide`)."""
    assert s.contest is not None and s.round is not None
    twins = _twins(db, s)
    decided = {"duplicate_of": twins, "marks": s.marks or "", "valid": False, "writeins": []}
    decision = _record_decision(db, s, decided, reason.strip() or "duplicate_scan", by)
    return DecisionOutcome(
        decision,
        s.id,
        s.contest,
        s.round,
        s.marks or "",
        s.marks or "",
        False,
        None,
        [],
        [],
        twins,
    )


def confirm(
    db: ElectionDB,
    sheet: str,
    by: str = "",
    *,
    operator: Session | None = None,
    decision: int | None = None,
) -> ConfirmOutcome:
    """A second person confirms the open decision on a sheet; the sheet then counts.
    ``decision``: the decision the confirmer looked at (its number in `review_list`); if
    another has been made since, nothing is confirmed."""
    require(db, operator, Action.CONFIRM)
    by = _acting(db, operator, by)
    s = _sheet_for_review(db, sheet, set_aside_ok=True)
    assert s.contest is not None and s.round is not None
    assert_round_open(db, s.contest, s.round)
    d = store.open_decision(db, s.id)
    if s.status == "duplicate" and (d is None or not d.decided.get("restored")):
        _sheet_for_review(db, sheet)  # (taken out of the count: says so)
    every = store.decisions_for(db, s.id)
    standing = [x for x in every if x.confirmed_by and not x.superseded]
    if d is None and standing and any(x.superseded for x in every):
        # (this file's decision, overtaken by a station's confirmed one merged in since —
        # made before or after the station's, which may have been confirmed only later)
        x = standing[-1]
        raise CountingRefused(
            f"选票 {sheet} 已按一项确认过的决定计入（{x.decided_by} 作出，{x.confirmed_by} 确认）："
            "本机先前的决定已不适用。如仍有不同意见，请重新作出决定（须有改判权限）。",
            f"sheet {sheet} counts by a confirmed decision ({x.decided_by}, confirmed by"
            f" {x.confirmed_by}): the decision made here before no longer applies. If you"
            " still disagree, decide again (overrule).",
        )
    if d is None:
        raise CountingRefused(
            f"选票 {sheet} 没有等待确认的审核决定。先用 huanjie review decide 作出决定。",
            f"sheet {sheet} has no decision awaiting confirmation; decide it first"
            " (huanjie review decide)",
        )
    if decision is not None and d.id != decision:
        raise CountingRefused(
            f"选票 {sheet} 的决定已改变：您看的是第 {decision} 号决定，现在待确认的是第 {d.id} 号"
            f"（{d.decided_by} 作出）。请重新查看（huanjie review list）后再确认。",
            f"the decision on sheet {sheet} changed: you looked at decision {decision}, the one"
            f" awaiting confirmation is {d.id} (by {d.decided_by}). Look again (review list)"
            " and confirm that.",
        )
    later = [x for x in store.decisions_for(db, s.id) if x.id > d.id and x.confirmed_by]
    if later:
        # (a station's confirmed decision on this sheet came in with its package meanwhile)
        x = later[-1]
        raise CountingRefused(
            f"这项决定作出之后，选票 {sheet} 又有一项决定已被确认（{x.decided_by} 作出，{x.confirmed_by} 确认），"
            "现在按那项计入：这一项已不适用。如仍有不同意见，请重新作出决定（须有改判权限）。",
            f"after this decision was made, another decision on sheet {sheet} was confirmed"
            f" ({x.decided_by}, confirmed by {x.confirmed_by}) and the sheet counts by it: this"
            " one no longer applies. If you still disagree, decide again (overrule).",
        )
    _not_a_candidate(
        db, _contest(db, s.contest), by, "确认本事项的审核决定", "confirm decisions in it"
    )
    me = _identity(db, by)
    if me == _identity(db, d.decided_by):
        raise WrongConfirmer(
            f"该决定由 {d.decided_by} 作出，须由另一位监票人确认，不能本人确认。",
            f"{d.decided_by} made this decision; a different scrutineer must confirm it.",
        )
    scrutineers = _scrutineers(db, s.contest)
    if scrutineers and me not in {ident for ident, _ in scrutineers}:
        names = [name for _, name in scrutineers]
        raise WrongConfirmer(
            f"{by} 不是本选举事项的监票人。可以确认的有：{'、'.join(names)}",
            f"{by} is not a scrutineer of this contest. Those who can confirm: {', '.join(names)}",
        )
    at = utc_now()
    decided = d.decided
    if decided.get("duplicate_of"):
        _twins(db, s)  # (the other may meanwhile have been confirmed as the duplicate)
    with db.transaction():
        store.confirm_decision(db, d.id, by, at)
        if decided.get("duplicate_of") or decided.get("withdrawn"):
            # (no ballot of the round, valid or void: set aside like another scan of a
            # paper; its record, and what it counted as, are kept)
            store.set_sheet_duplicate(db, s.id)
        elif decided.get("restored"):
            # (what counts of it was never touched: it counts again as it did, or is held)
            store.set_sheet_status(db, s.id, str(decided.get("status") or "counted"))
        else:
            store.set_sheet_final(
                db,
                s.id,
                str(decided.get("marks") or ""),
                bool(decided.get("valid")),
                list(decided.get("writeins") or []),
            )
        db.audit(
            "review.confirmed",
            {
                "sheet": s.id,
                "contest": s.contest,
                "round": s.round,
                "decision": d.id,
                "decided_by": d.decided_by,
                "by": by,
            },
        )
    return ConfirmOutcome(
        d.id,
        s.id,
        d.decided_by,
        by,
        bool(decided.get("valid")),
        str(decided.get("marks")),
        bool(decided.get("duplicate_of")),
        bool(decided.get("withdrawn")),
        bool(decided.get("restored")),
        tuple((k.code, k.name) for k in _round(db, s.contest, s.round).candidates),
        tuple(w for w in decided.get("writeins") or [] if isinstance(w, dict)),
    )


# --- ballots entered by hand ------------------------------------------------------------------


@dataclass(frozen=True)
class ManualOutcome:
    status: str  # "first" (waiting for a second entry) | "counted" | "mismatch"
    label: str
    sheet: str | None
    differences: list[tuple[str, str, str]] = field(default_factory=list)  # (what, other, this)
    #: What this entry recorded, in words (赞成 3、不赞成 1、弃权 26; 另选他人…): said back to
    #: the clerk, who checks it against the paper.
    recorded: tuple[str, str] = ("", "")
    #: This person had entered this ballot before: their entry was replaced (the second
    #: entry must still come from someone else).
    again: bool = False
    #: The label is no printed serial: a later scan of the same paper cannot be matched
    #: with this entry (it would count as a ballot of its own) — said to the clerk.
    unmatched: bool = False

    def unmatched_words(self) -> tuple[str, str]:
        """What the clerk is told of a label that is no printed serial (zh, en)."""
        return (
            f"标签 {self.label} 不是选票上印的防伪码：这张选票以后如果又被扫描，软件认不出它就是这张手工录入的票，"
            "会多计一张。请把原票与待扫描的选票分开保管；原票上的防伪码能看清的，请改用 --serial 防伪码 录入。",
            f"label {self.label} is not a printed serial: if the same paper is scanned later,"
            " the program cannot tell it is this hand-entered ballot and it would count twice."
            " Keep the paper apart from the ballots still to be scanned; if the serial printed"
            " on it can be read, enter it with --serial SERIAL instead.",
        )

    def to_json(self) -> dict[str, Any]:
        return {
            "again": self.again,
            "unmatched": self.unmatched,
            "unmatched_warning": self.unmatched_words()[1] if self.unmatched else None,
            "status": self.status,
            "label": self.label,
            "sheet": self.sheet,
            "differences": [{"item": k, "other": a, "this": b} for k, a, b in self.differences],
            "recorded": self.recorded[1],
            "recorded_zh": self.recorded[0],
        }


def _recorded(cands: Sequence[Candidate], content: BallotContent) -> tuple[str, str]:
    """A hand entry's content in words, Chinese and English."""
    if content.void_reason and not content.marks.strip("N"):
        return f"废票（{content.void_reason}）", f"void ({content.void_reason})"
    marks = content.marks
    count = {m: sum(1 for ch in marks if ch == m) for m in "ADN?"}
    named = {
        m: "、".join(k.name for k, ch in zip(cands, marks, strict=False) if ch == m) for m in "AD?"
    }
    zh = [f"赞成 {count['A']}" + (f"（{named['A']}）" if 0 < count["A"] <= 8 else "")]
    en = [f"agree {count['A']}" + (f" ({named['A']})" if 0 < count["A"] <= 8 else "")]
    zh.append(f"不赞成 {count['D']}" + (f"（{named['D']}）" if 0 < count["D"] <= 8 else ""))
    en.append(f"disagree {count['D']}" + (f" ({named['D']})" if 0 < count["D"] <= 8 else ""))
    zh.append(f"弃权 {count['N']}")
    en.append(f"abstain {count['N']}")
    if count["?"]:
        zh.append(f"无法辨认 {count['?']}（{named['?']}）")
        en.append(f"unreadable {count['?']} ({named['?']})")
    sign = {"agree": "○", "disagree": "×", "abstain": "无符号", "unclear": "?"}
    sign_en = {"agree": "○", "disagree": "×", "abstain": "no mark", "unclear": "?"}
    for w in content.writeins:
        who = str(w.get("name") or w.get("person") or "")
        # (a name nobody can read is a choice, an empty column none: said apart)
        who_zh = who or ("姓名无法辨认" if w.get("illegible") else "无姓名")
        who_en = who or ("name illegible" if w.get("illegible") else "no name")
        zh.append(f"另选他人第 {w['column']} 栏 {who_zh}（{sign.get(str(w['mark']), '?')}）")
        en.append(f"write-in {w['column']} {who_en} ({sign_en.get(str(w['mark']), '?')})")
    if not content.valid:
        over = content.void_reason == "over_vote"  # (the one reason the count itself gives)
        zh.append(f"废票：{'所选人数多于应选名额（多选废票）' if over else content.void_reason}")
        en.append(f"void: {'more chosen than seats' if over else content.void_reason}")
    return "，".join(zh), ", ".join(en)


def _differences(
    cands: Sequence[Candidate], a: Mapping[str, Any], b: Mapping[str, Any]
) -> list[tuple[str, str, str]]:
    out = []
    ma, mb = str(a.get("marks", "")), str(b.get("marks", ""))
    for i, k in enumerate(cands):
        x = ma[i] if i < len(ma) else ""
        y = mb[i] if i < len(mb) else ""
        if x != y:
            out.append((f"{k.code} {k.name}", _mark_word(x), _mark_word(y)))
    wa = {w["column"]: w for w in a.get("writeins", [])}
    wb = {w["column"]: w for w in b.get("writeins", [])}
    for col in sorted(set(wa) | set(wb)):
        x_w, y_w = wa.get(col), wb.get(col)
        if x_w != y_w:
            out.append((f"另选第{col}栏", _writein_text(x_w), _writein_text(y_w)))
    if a.get("void_reason") != b.get("void_reason"):
        out.append(("作废", str(a.get("void_reason") or "—"), str(b.get("void_reason") or "—")))
    return out


def _mark_word(code: str) -> str:
    try:
        return str(Mark.from_code(code))
    except KeyError:
        return code or "—"


def _writein_text(w: Mapping[str, Any] | None) -> str:
    if w is None:
        return "—"
    who = w.get("name") or ("姓名无法辨认" if w.get("illegible") else "无姓名")
    return f"{who}{'/' + w['person'] if w.get('person') else ''} {w['mark']}"


def _label_key(label: str) -> str:
    """A label as two clerks may type one paper's: full-width or half, either case, spaces
    anywhere (ａ－017, a-017, A - 017)."""
    return "".join(unicodedata.normalize("NFKC", label).casefold().split())


def _refuse_label_alike(db: ElectionDB, contest: str, number: int, label: str) -> None:
    """Refuse a label that differs from one already entered in the round only as `_label_key`
    forgives: typed so, two clerks' entries of one paper each waited for a second one for
    good — or, each entered twice, counted the paper twice."""
    key = _label_key(label)
    alike = [
        x for x in store.manual_labels(db, contest, number) if x != label and _label_key(x) == key
    ]
    if alike:
        raise CountingRefused(
            f"已有手工录入的标签“{alike[0]}”，与“{label}”只差大小写、全角半角或空格。"
            f"同一张原票请照“{alike[0]}”录入；确是另一张原票，请用一个明显不同的标签。",
            f"a hand entry labelled {alike[0]!r} exists, differing from {label!r} only in case,"
            f" width or spaces. For the same paper, enter it as {alike[0]!r}; for another paper,"
            " give a clearly different label.",
        )


def _printed_serial(db: ElectionDB, contest: str, number: int, label: str) -> str | None:
    """The serial a hand-entered ballot's label names (the label, or its last part after a
    station's "<station>/"), when that is a serial printed for this round: the sheet then
    carries it, so that a scan of the same paper — here, or on another laptop merged in
    later — is a serial on two sheets (both held for a person), never a second vote."""
    info = box_store.serial_named_by(db, label)
    if info is None or (info.contest, info.round) != (contest, number):
        return None
    return info.serial


# What a serial looks like (ballot_code.new_serial: 10 base32 characters): a label like it
# that is no serial printed for the round is a misread serial, not a label of one's own.
_SERIAL_LIKE = re.compile(r"[A-Z2-7]{10}")


def _check_label_serial(db: ElectionDB, contest: str, number: int, label: str, given: bool) -> bool:
    """Refuse a label that is (``given``: was typed as) a serial not printed for this round;
    True when the label is no serial at all (a later scan of the paper cannot be matched)."""
    tail = label.rpartition("/")[2].strip().upper()
    named = box_store.serial_named_by(db, label)
    if named is not None and (named.contest, named.round) != (contest, number):
        raise CountingRefused(
            f"{tail} 是 {named.contest} 第 {named.round} 轮选票的防伪码，不是 {contest} 第 {number} 轮的："
            "请核对选举事项、轮次和原票上的防伪码。",
            f"{tail} is the serial of a {named.contest} round {named.round} ballot, not of"
            f" {contest} round {number}: check the contest, the round and the serial on the"
            " paper.",
        )
    if named is None and (given or _SERIAL_LIKE.fullmatch(tail)):
        station_note = (
            "（分团包导出之后才印的选票，本分团计票机不知道它的防伪码：请交主机录入）"
            if is_station(db)
            else ""
        )
        raise CountingRefused(
            f"本文件没有印过防伪码为 {tail} 的 {contest} 第 {number} 轮选票{station_note}：请对照原票逐个字符核对"
            "防伪码（看错一个字符，这张票以后再被扫描时就对不上，会多计一张）。防伪码确实无法辨认的，"
            "请用票箱和序号作标签录入（--label，如 A-017）。",
            f"no {contest} round {number} ballot with serial {tail} was printed from this file"
            + (
                " (one printed after the station package was made is unknown to this station:"
                " enter it on the main laptop)"
                if is_station(db)
                else ""
            )
            + ": check the serial against the paper character by character (one misread"
            " character and a later scan of the paper cannot be matched: it would count"
            " twice). If the serial cannot be read, label it by box and number (--label, e.g."
            " A-017).",
        )
    return named is None


def manual_entry(
    db: ElectionDB,
    contest: str,
    round: int | None,
    label: str,
    marks: Mapping[str, str],
    writeins: Mapping[int, str] | None = None,
    by: str = "",
    void_reason: str | None = None,
    *,
    operator: Session | None = None,
    serial: str | None = None,
) -> ManualOutcome:
    """Enter a ballot that cannot be scanned. It counts when two entries by two different
    people agree; a mismatch says which candidates differ (the latest two entries are kept).

    ``serial`` is the serial printed on the paper, read by the clerk: it becomes the label,
    and the sheet carries it, so that a later scan of the same paper is a serial on two
    sheets (both held for a person), never a second vote. It must be a serial printed for
    the round, and so must a label that looks like one; a label that is no serial (box and
    number, "A-017") is taken, and the outcome says a scan of the paper cannot be matched."""
    require(db, operator, Action.SCAN)
    by = _acting(db, operator, by)
    label = label.strip()
    if serial is not None:
        typed = serial.strip().upper()
        if not typed:
            raise CountingRefused(
                "请写明原票上印的防伪码（--serial）。",
                "give the serial printed on the paper (--serial)",
            )
        if label and label.rpartition("/")[2].strip().upper() != typed:
            raise CountingRefused(
                f"标签 {label} 与防伪码 {typed} 不同：有防伪码的选票以防伪码为标签，只给 --serial 即可。",
                f"label {label} differs from serial {typed}: a ballot whose serial can be read"
                " is labelled by it; give --serial alone.",
            )
        label = label or typed
    if not label:
        raise CountingRefused(
            "请写明原票上印的防伪码（--serial）；防伪码无法辨认的，给这张选票一个标签（--label），"
            "如票箱和序号 A-017。",
            "give the serial printed on the paper (--serial); if it cannot be read, give the"
            " ballot a label (--label), e.g. box and number A-017",
        )
    prefix, slash, _ = label.partition("/")
    if slash and not is_station(db) and prefix in station_laptops(db):
        # (a station's hand entries come with its package, labelled "<station>/…")
        try:
            assert_may_write_as(db, prefix, "手工录入选票", "enter ballots by hand")
        except WrongStation as exc:
            raise CountingRefused(exc.zh, exc.en) from None
    c = _contest(db, contest)
    info = _round(db, contest, round)
    assert_round_open(db, contest, info.number)
    _not_a_candidate(db, c, by, "录入本事项的选票", "enter this contest's ballots")
    if void_reason is not None and not void_reason.strip():
        raise CountingRefused("请写明作废的理由（--void 理由）。", "give the reason for --void")
    if void_reason and (marks or writeins):
        raise CountingRefused(
            "--void 不能与 --mark 或 --writein 同时使用。",
            "--void cannot be combined with --mark or --writein",
        )
    scanned = store.sheet_with_serial(db, contest, info.number, label)
    if scanned is not None:
        raise CountingRefused(
            f"标签 {label} 是已扫描选票 {scanned} 的防伪码：这张选票已经扫描过，不能再手工录入。"
            "如扫描的读数有误，请在“审核”中更正；手上这张若是另一张印着同一防伪码的纸（复印件？），"
            "请把两张都交总监票人。",
            f"label {label} is the serial of scanned sheet {scanned}: that ballot was scanned"
            " and cannot be entered by hand as well. Correct its reading under review; if the"
            " paper in hand is another one bearing the same serial (a photocopy?), give both"
            " to the chief scrutineer.",
        )
    unmatched = _check_label_serial(db, contest, info.number, label, serial is not None)
    _refuse_label_alike(db, contest, info.number, label)
    serial = _printed_serial(db, contest, info.number, label)
    if serial is not None:
        twin = store.manual_sheet_with_serial(db, serial)
        if twin is not None and twin != f"manual:{contest}:{info.number}:{label}":
            raise CountingRefused(
                f"防伪码 {serial} 的选票已在手工录入中计入（{twin}）：同一张选票不能录入两次。",
                f"the ballot with serial {serial} was already entered by hand ({twin}): one"
                " paper cannot be entered twice.",
            )
    sheet_id = f"manual:{contest}:{info.number}:{label}"
    before = store.read_sheet(db, sheet_id)
    if before is not None and before.status == "duplicate":
        raise CountingRefused(
            f"标签为 {label} 的手工录入选票已撤出计票（huanjie review withdrawn 列出）。"
            "如撤出有误，由监票人恢复（huanjie review withdraw … --restore）。",
            f"the hand-entered ballot {label} was taken out of the count (huanjie review"
            " withdrawn lists it). If that was a mistake, a scrutineer puts it back (huanjie"
            " review withdraw … --restore).",
        )
    if before is not None:
        raise CountingRefused(
            f"标签为 {label} 的手工录入选票已经计入。",
            f"the hand-entered ballot {label} already counts",
        )
    out = store.standing_withdrawal(db, contest, info.number, label)
    if out is not None:
        # (a label taken out is no ballot: entering it again would count a paper already
        # entered under the other label)
        raise CountingRefused(
            f"标签 {label} 的手工录入"
            + ("已撤出计票" if out.confirmed_by else f"已由 {out.decided_by} 提出撤出计票，待确认")
            + f"（{out.reason}）。如撤出有误，由监票人恢复（huanjie review withdraw … --label {label}"
            " --restore）后再录入。",
            f"hand entry {label} "
            + (
                "was taken out of the count"
                if out.confirmed_by
                else f"is proposed by {out.decided_by} for taking out of the count"
            )
            + f" ({out.reason}). If that is a mistake, a scrutineer puts it back (huanjie review"
            f" withdraw … --label {label} --restore) before it is entered.",
        )
    start = "N" * len(info.candidates)  # no mark is an abstention
    void = (void_reason or "").strip() or None
    content, _ = _build_content(
        db, c, info, start, [], marks, writeins or {}, void, must_resolve=False
    )
    doc = content.to_json()
    me = _identity(db, by)
    at = utc_now()
    entries = store.manual_entries(db, contest, info.number, label)
    match = next(
        (e for e in entries if e.content == doc and _identity(db, e.entered_by) != me), None
    )
    disputed = len(entries) == 2 and entries[0].content != entries[1].content
    if match is not None and disputed and me not in {_identity(db, e.entered_by) for e in entries}:
        # Two clerks read the paper differently: a third reading alike with one of them is
        # no settling of it — the scrutineers decide a doubtful ballot (rules.md).
        scrutineers = _scrutineers(db, contest)
        if me not in {i for i, _ in scrutineers}:
            listed = "、".join(name for _, name in scrutineers)
            raise CountingRefused(
                f"{label} 的两次录入不一致：请两位录入人对照原票更正各自的录入"
                + (f"，或由本事项的监票人（{listed}）录入，作为决定。" if listed else "。"),
                f"the two entries of {label} disagree: the two clerks correct their own"
                " entries against the paper"
                + (
                    f", or a scrutineer of this contest ({listed}) enters it, as the decision."
                    if listed
                    else "."
                ),
            )
    with db.transaction():
        if match is not None:
            slot = 2 if match.entry_no == 1 else 1
            store.put_manual_entry(db, contest, info.number, label, slot, doc, by, at)
            # (what was entered, for which contest and round under which label: clerks start
            # their labels afresh for each contest and round, and two such ballots marked
            # alike are two sheets)
            entered = {"contest": contest, "round": info.number, "label": label, "content": doc}
            digest = hashlib.sha256(
                json.dumps(entered, sort_keys=True, ensure_ascii=False).encode("utf-8")
            ).hexdigest()
            store.insert_manual_sheet(
                db,
                sheet_id,
                contest,
                info.number,
                label,
                content.marks,
                content.valid,
                content.writeins,
                digest,
                at,
                by,
                serial,
            )
            outcome = ManualOutcome(
                "counted",
                label,
                sheet_id,
                recorded=_recorded(info.candidates, content),
                unmatched=unmatched,
            )
        else:
            mine = next((e for e in entries if _identity(db, e.entered_by) == me), None)
            if mine is not None:
                slot = mine.entry_no  # a person corrects their own entry
            elif len(entries) < 2:
                slot = 1 if not entries or entries[0].entry_no == 2 else 2
            else:
                slot = 2
            others = [e for e in entries if e.entry_no != slot]
            diffs = _differences(info.candidates, others[0].content, doc) if others else []
            store.put_manual_entry(db, contest, info.number, label, slot, doc, by, at)
            outcome = ManualOutcome(
                "mismatch" if others else "first",
                label,
                None,
                diffs,
                _recorded(info.candidates, content),
                again=mine is not None,
                unmatched=unmatched,
            )
        repo.fix_round_attendance(db, contest, info.number)
        db.audit(
            "manual.entered",
            {
                "contest": contest,
                "round": info.number,
                "label": label,
                # (the printed serial the sheet carries; none: a later scan of the paper
                # cannot be matched with this entry, and the clerk was told so)
                "serial": serial,
                "content": doc,
                "by": by,
                "outcome": outcome.status,
                "differences": [list(d) for d in outcome.differences],
            },
        )
    return outcome


def manual_preview(
    db: ElectionDB,
    contest: str,
    round: int | None,
    marks: Mapping[str, str],
    writeins: Mapping[int, str] | None = None,
    void_reason: str | None = None,
) -> tuple[str, str]:
    """What a hand entry would record, in words (zh, en), before anything is stored — said
    back to the clerk, who checks it against the paper (the desktop app asks before it
    enters). Refused as `manual_entry` refuses such content (no candidate of that name, a
    written name that is two people, a name without the mark above it said …); who enters
    it, and under which label, `manual_entry` checks."""
    c = _contest(db, contest)
    info = _round(db, contest, round)
    assert_round_open(db, contest, info.number)
    if void_reason is not None and not void_reason.strip():
        raise CountingRefused("请写明作废的理由（--void 理由）。", "give the reason for --void")
    if void_reason and (marks or writeins):
        raise CountingRefused(
            "--void 不能与 --mark 或 --writein 同时使用。",
            "--void cannot be combined with --mark or --writein",
        )
    content, _ = _build_content(
        db,
        c,
        info,
        "N" * len(info.candidates),
        [],
        marks,
        writeins or {},
        (void_reason or "").strip() or None,
        must_resolve=False,
    )
    return _recorded(info.candidates, content)


def hand_entries(db: ElectionDB, contest: str, round: int | None = None) -> list[dict[str, Any]]:
    """The round's hand entries by label, for a desk choosing one (to enter it again, to take
    it out of the count): who entered it and when, and ``state`` — "once" (awaiting its
    second entry), "differ" (two entries that disagree), "counted", "review" (its sheet held
    for review), "out" (its sheet taken out of the count) or "none" (a label taken out with no
    entry here); ``withdrawal``: a lone entry's standing withdrawal ("proposed" or
    "withdrawn", with reason and who), ``sheet_pending``: a taking out ("withdrawn") or a
    putting back ("restored") of its sheet awaiting confirmation."""
    _contest(db, contest)
    info = _round(db, contest, round)
    out: list[dict[str, Any]] = []
    for label in store.manual_labels(db, contest, info.number):
        entries = store.manual_entries(db, contest, info.number, label)
        sheet_id = store.manual_sheet_for_label(db, contest, info.number, label)
        s = store.read_sheet(db, sheet_id) if sheet_id else None
        pending = None
        if s is not None:
            state = {"duplicate": "out"}.get(s.status, s.status)
            d = store.open_decision(db, s.id)
            if d is not None and d.decided.get("withdrawn"):
                pending = "withdrawn"
            elif d is not None and d.decided.get("restored"):
                pending = "restored"
        elif len(entries) == 2 and entries[0].content != entries[1].content:
            state = "differ"
        else:
            state = "once" if entries else "none"
        w = store.standing_withdrawal(db, contest, info.number, label)
        out.append(
            {
                "contest": contest,
                "round": info.number,
                "label": label,
                "state": state,
                "sheet": sheet_id,
                "entries": [
                    {"entry": e.entry_no, "by": e.entered_by, "at": e.entered_at} for e in entries
                ],
                "withdrawal": None
                if w is None
                else {
                    "state": "withdrawn" if w.confirmed_by else "proposed",
                    "reason": w.reason,
                    "decided_by": w.decided_by,
                    "confirmed_by": w.confirmed_by,
                },
                "sheet_pending": pending,
            }
        )
    return out


def sheet_of_serial(db: ElectionDB, contest: str, round: int | None, serial: str) -> str:
    """The scanned sheet of the round carrying the printed ``serial`` (a desk naming the
    paper in hand by it, to take it out of the count). Refused when none does, or when
    more than one does (another scan of the same paper: the review page shows each)."""
    c = _contest(db, contest)
    info = _round(db, contest, round)
    typed = serial.strip().upper()
    if not typed:
        raise CountingRefused("请写明原票上印的防伪码。", "give the serial printed on the paper")
    found = store.sheet_with_serial(db, contest, info.number, typed)
    if found is None:
        raise CountingRefused(
            f"{c.title} 第 {info.number} 轮没有扫描过防伪码为 {typed} 的选票：请对照原票逐个字符核对"
            "防伪码（手工录入的选票按标签撤出）。",
            f"no {contest} round {info.number} sheet with serial {typed} was scanned: check"
            " the serial against the paper character by character (a hand entry is taken out"
            " by its label).",
        )
    stored = store.read_sheet(db, found)
    others = store.same_serial(db, found, stored.serial or typed) if stored else []
    if others:
        listed = "、".join([found, *(o for o, _ in others)])
        raise CountingRefused(
            f"防伪码 {typed} 在多张选票记录上（{listed}）：请在“审核”中看过图像，选定要撤出的那一张。",
            f"serial {typed} is on several sheets ({listed}): look at their images under"
            " review and choose the one to take out there.",
        )
    return found


# --- taking a hand entry or a sheet out of the count ----------------------------------------


@dataclass(frozen=True)
class WithdrawOutcome:
    """A withdrawal proposed, confirmed or put back (see `withdraw`)."""

    contest: str
    round: int
    label: str | None  # the hand entry's label (a lone one, or a counted hand entry's)
    sheet: str | None  # the sheet taken out; None: a lone hand entry (no sheet)
    # "proposed" (awaiting a second scrutineer) | "withdrawn" (in effect) |
    # "restore_proposed" (a sheet's putting back awaiting a second scrutineer) | "restored"
    state: str
    reason: str
    decided_by: str
    confirmed_by: str | None = None
    decision: int | None = None  # a sheet's review decision
    # a label put back that has its sheet already (its second entry made at a station since
    # it was taken out): "counted" or "review" — it waits for no second entry
    sheet_status: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "contest": self.contest,
            "round": self.round,
            "label": self.label,
            "sheet": self.sheet,
            "state": self.state,
            "reason": self.reason,
            "decided_by": self.decided_by,
            "confirmed_by": self.confirmed_by,
            "decision": self.decision,
            **({"sheet_status": self.sheet_status} if self.sheet_status else {}),
        }


@dataclass(frozen=True)
class _Target:
    contest: Contest
    round: repo.RoundInfo
    label: str | None
    sheet: store.SheetRow | None


def _withdraw_target(
    db: ElectionDB, contest: str | None, round: int | None, label: str | None, sheet: str | None
) -> _Target:
    """What is to be taken out (or put back): a sheet (by its id, or a counted hand entry by
    its label) or a hand entry entered once only (by its label)."""
    label = (label or "").strip() or None
    sheet = (sheet or "").strip() or None
    if (label is None) == (sheet is None):
        raise CountingRefused(
            "请给出要撤出的手工录入的标签（--label），或选票记录的编号（--sheet），二者取一。",
            "give the hand entry's label (--label) or the sheet's id (--sheet), one of them",
        )
    if sheet is not None:
        s = store.read_sheet(db, sheet)
        if s is None:
            raise CountingRefused(
                f"没有编号为 {sheet} 的选票记录。", f"there is no sheet {sheet!r}"
            )
        if s.contest is None or s.round is None:
            raise CountingRefused(
                f"选票 {sheet} 不属于任何选举事项，本来就不计入，无须撤出。",
                f"sheet {sheet} belongs to no contest: it does not count, nothing to take out",
            )
        if contest is not None and contest != s.contest:
            raise CountingRefused(
                f"选票 {sheet} 属于 {s.contest}，不是 {contest}。",
                f"sheet {sheet} is of {s.contest}, not {contest}",
            )
        info = _round(db, s.contest, s.round)
        if round is not None and round != info.number:
            raise CountingRefused(
                f"选票 {sheet} 属于第 {info.number} 轮，不是第 {round} 轮。",
                f"sheet {sheet} is of round {info.number}, not round {round}",
            )
        return _Target(
            _contest(db, s.contest), info, s.source_file if s.source == "manual" else None, s
        )
    assert label is not None
    if contest is None:
        raise CountingRefused("请用 --contest 写明选举事项。", "say which contest with --contest")
    c = _contest(db, contest)
    info = _round(db, contest, round)
    found = store.manual_sheet_for_label(db, contest, info.number, label)
    if found is not None:
        s = store.read_sheet(db, found)
        assert s is not None
        return _Target(c, info, label, s)
    if not store.manual_entries(db, contest, info.number, label):
        waiting = store.manual_incomplete(db, contest, info.number)
        raise CountingRefused(
            f"{c.title} 第 {info.number} 轮没有标签为 {label} 的手工录入"
            + (f"（只录入了一次的有：{'、'.join(waiting)}）。" if waiting else "。"),
            f"{contest} round {info.number} has no hand entry labelled {label}"
            + (f" (entered once only: {', '.join(waiting)})." if waiting else "."),
        )
    return _Target(c, info, label, None)


def _as_scrutineer(db: ElectionDB, c: Contest, by: str, doing_zh: str, doing_en: str) -> None:
    """Refuse ``by`` unless a registered 总监票人 or 监票人 of the contest (when it has any),
    and no candidate in it: taking a paper out of the count is the scrutineers' decision."""
    _not_a_candidate(db, c, by, doing_zh, doing_en)
    scrutineers = _scrutineers(db, c.code)
    if scrutineers and _identity(db, by) not in {ident for ident, _ in scrutineers}:
        names = "、".join(name for _, name in scrutineers)
        raise WrongConfirmer(
            f"{by} 不是本选举事项的监票人，不能{doing_zh}。可以办理的有：{names}",
            f"{by} is not a scrutineer of this contest and cannot {doing_en}. Those who can:"
            f" {names}",
        )


def _what(t: _Target) -> tuple[str, str]:
    """The paper, as the counting room knows it (zh, en)."""
    if t.label is not None:
        return f"手工录入的选票 {t.label}", f"hand entry {t.label}"
    assert t.sheet is not None
    return f"选票 {t.sheet.id}", f"sheet {t.sheet.id}"


def _withdrawn_by(decisions: Sequence[store.Decision]) -> store.Decision | None:
    """The confirmed withdrawal a sheet is set aside by (the last confirmed decision, when it
    is one)."""
    confirmed = [d for d in decisions if d.confirmed_by and not d.superseded]
    if confirmed and confirmed[-1].decided.get("withdrawn"):
        return confirmed[-1]
    return None


def withdraw(
    db: ElectionDB,
    contest: str | None,
    round: int | None,
    *,
    label: str | None = None,
    sheet: str | None = None,
    reason: str = "",
    by: str = "",
    operator: Session | None = None,
) -> WithdrawOutcome:
    """A scrutineer proposes to take out of the round's count a paper that is no ballot of
    it: a hand entry entered once only that nobody will enter again (its label mistyped,
    the paper entered again under another), a paper both scanned and entered by hand, a
    sheet that is no ballot of this round. Another scrutineer confirms it
    (`confirm_withdrawal`); it is then out of the count — no ballot, valid or void, and no
    sheet against the ballots collected — but kept, listed (`withdrawn_list`) and put back
    with `restore`. A sheet's is a review decision (``{"withdrawn": true}``), a lone hand
    entry's a row of ``withdrawals``; both are in the audit log."""
    require(db, operator, Action.CONFIRM)
    by = _acting(db, operator, by)
    why = reason.strip()
    if not why:
        raise CountingRefused(
            "请写明撤出的理由（--reason），如“标签打错，已按 A-02 录入”“已扫描，重复录入”。",
            "give the reason (--reason), e.g. 'label mistyped, entered as A-02' or 'also"
            " scanned: entered twice'",
        )
    t = _withdraw_target(db, contest, round, label, sheet)
    c, info = t.contest, t.round
    assert_round_open(db, c.code, info.number)
    _as_scrutineer(db, c, by, "撤出本事项的选票", "take this contest's papers out of the count")
    zh, en = _what(t)
    if t.sheet is not None:
        s = t.sheet
        decisions = store.decisions_for(db, s.id)
        if s.status == "duplicate":
            done = _withdrawn_by(decisions)
            raise CountingRefused(
                f"{zh} 已撤出计票"
                + (
                    f"（{done.decided_by} 提出，{done.confirmed_by} 确认）"
                    if done
                    else "（记为重复扫描）"
                )
                + "。",
                f"{en} is out of the count already"
                + (
                    f" ({done.decided_by}, confirmed by {done.confirmed_by})"
                    if done
                    else " (a duplicate scan)"
                )
                + ".",
            )
        if s.status not in ("counted", "review"):
            raise CountingRefused(
                f"{zh} 已被拒收，本来就不计入，无须撤出。",
                f"{en} was rejected: it does not count, nothing to take out",
            )
        if any(d.confirmed_by for d in decisions):
            require(db, operator, Action.OVERRULE)
        decided = {
            "withdrawn": True,
            "was": s.status,
            "marks": s.marks or "",
            "valid": False,
            "writeins": [],
        }
        decision = _record_decision(db, s, decided, why, by)
        return WithdrawOutcome(
            c.code, info.number, t.label, s.id, "proposed", why, by, None, decision
        )
    assert t.label is not None
    if is_station(db):
        raise CountingRefused(
            f"{zh} 只录入了一次：撤出要在主计票机上办理（分团计票机的录入随结果包交到主机，"
            "标签前加分团名）。这里也可以由第二人录入它。",
            f"{en} was entered once only: it is taken out on the main laptop (a station's"
            " entries come in with its package, the label prefixed with the station's name);"
            " or a second person enters it here.",
        )
    standing = store.standing_withdrawal(db, c.code, info.number, t.label)
    if standing is not None:
        if standing.confirmed_by:
            raise CountingRefused(
                f"{zh} 已撤出计票（{standing.decided_by} 提出，{standing.confirmed_by} 确认）。",
                f"{en} is out of the count already ({standing.decided_by}, confirmed by"
                f" {standing.confirmed_by}).",
            )
        raise CountingRefused(
            f"{zh} 的撤出已由 {standing.decided_by} 提出，待另一位监票人确认（huanjie review"
            f" withdraw … --label {t.label} --confirm）。",
            f"{standing.decided_by} has proposed taking {en} out already: another scrutineer"
            f" confirms it (huanjie review withdraw … --label {t.label} --confirm).",
        )
    at = utc_now()
    with db.transaction():
        number = store.insert_withdrawal(db, c.code, info.number, t.label, why, by, at)
        db.audit(
            "manual.withdrawal_proposed",
            {
                "contest": c.code,
                "round": info.number,
                "label": t.label,
                "withdrawal": number,
                "reason": why,
                "entries": [
                    {"entry": e.entry_no, "by": e.entered_by, "content": e.content}
                    for e in store.manual_entries(db, c.code, info.number, t.label)
                ],
                "by": by,
            },
        )
    return WithdrawOutcome(c.code, info.number, t.label, None, "proposed", why, by)


def confirm_withdrawal(
    db: ElectionDB,
    contest: str | None,
    round: int | None,
    *,
    label: str | None = None,
    sheet: str | None = None,
    by: str = "",
    operator: Session | None = None,
) -> WithdrawOutcome:
    """A second scrutineer confirms taking a paper out of the count (or a sheet's putting
    back): only then is it in effect."""
    require(db, operator, Action.CONFIRM)
    by = _acting(db, operator, by)
    t = _withdraw_target(db, contest, round, label, sheet)
    c, info = t.contest, t.round
    zh, en = _what(t)
    if t.sheet is not None:
        d = store.open_decision(db, t.sheet.id)
        if d is None or not (d.decided.get("withdrawn") or d.decided.get("restored")):
            raise CountingRefused(
                f"{zh} 没有待确认的撤出或恢复。",
                f"{en} has no taking out or putting back awaiting confirmation",
            )
        _as_scrutineer(
            db, c, by, "确认撤出本事项的选票", "confirm taking this contest's papers out"
        )
        out = confirm(db, t.sheet.id, by, operator=operator, decision=d.id)
        return WithdrawOutcome(
            c.code,
            info.number,
            t.label,
            t.sheet.id,
            "restored" if d.decided.get("restored") else "withdrawn",
            d.reason,
            out.decided_by,
            out.confirmed_by,
            d.id,
        )
    assert t.label is not None
    assert_round_open(db, c.code, info.number)
    standing = store.standing_withdrawal(db, c.code, info.number, t.label)
    if standing is None or standing.confirmed_by:
        raise CountingRefused(
            f"{zh} 没有待确认的撤出"
            + (f"（已由 {standing.confirmed_by} 确认）" if standing is not None else "")
            + "。",
            f"{en} has no taking out awaiting confirmation"
            + (f" (confirmed by {standing.confirmed_by} already)" if standing is not None else "")
            + ".",
        )
    _as_scrutineer(db, c, by, "确认撤出本事项的选票", "confirm taking this contest's papers out")
    if _identity(db, by) == _identity(db, standing.decided_by):
        raise WrongConfirmer(
            f"撤出由 {standing.decided_by} 提出，须由另一位监票人确认，不能本人确认。",
            f"{standing.decided_by} proposed it; a different scrutineer must confirm it.",
        )
    at = utc_now()
    with db.transaction():
        store.confirm_withdrawal(db, standing.id, by, at)
        db.audit(
            "manual.withdrawal_confirmed",
            {
                "contest": c.code,
                "round": info.number,
                "label": t.label,
                "withdrawal": standing.id,
                "decided_by": standing.decided_by,
                "by": by,
            },
        )
    return WithdrawOutcome(
        c.code, info.number, t.label, None, "withdrawn", standing.reason, standing.decided_by, by
    )


def restore(
    db: ElectionDB,
    contest: str | None,
    round: int | None,
    *,
    label: str | None = None,
    sheet: str | None = None,
    reason: str = "",
    by: str = "",
    operator: Session | None = None,
) -> WithdrawOutcome:
    """Put back what was taken out of the count (a withdrawal found mistaken). A sheet: a
    review decision that it counts as it did before (or is held for review again), in
    effect once another scrutineer confirms it. A lone hand entry: at once — it counts for
    nothing, it only waits for its second entry again, and the round with it. A withdrawal
    still awaiting confirmation is dropped the same way."""
    require(db, operator, Action.CONFIRM)
    by = _acting(db, operator, by)
    why = reason.strip()
    if not why:
        # (as taking out: the record says why — a label put back by one scrutineer alone
        # was the only step of the withdrawal with no word of why)
        raise CountingRefused(
            "请写明恢复的理由（--reason），如：撤出有误，这张是本轮的选票。",
            "give the reason for putting it back (--reason), e.g. taken out by mistake: it is"
            " a ballot of this round",
        )
    t = _withdraw_target(db, contest, round, label, sheet)
    c, info = t.contest, t.round
    assert_round_open(db, c.code, info.number)
    _as_scrutineer(db, c, by, "恢复本事项撤出的选票", "put this contest's papers back")
    zh, en = _what(t)
    if t.sheet is not None:
        s = t.sheet
        decisions = store.decisions_for(db, s.id)
        pending = store.open_decision(db, s.id)
        done = _withdrawn_by(decisions)
        if pending is not None and pending.decided.get("withdrawn"):
            # (proposed, not confirmed: dropped by a decision that it stays as it is)
            was = str(pending.decided.get("was") or s.status)
        elif s.status == "duplicate" and done is not None:
            require(db, operator, Action.OVERRULE)
            was = str(done.decided.get("was") or "counted")
        elif s.source == "manual" and _label_withdrawal(db, s) is not None:
            # (a label taken out here as entered once only, whose second entry a station
            # made since — the sheet held, then decided to count: the label is put back)
            return _restore_label(db, c, info, _label_withdrawal(db, s), by, why, s)
        else:
            raise CountingRefused(
                f"{zh} 没有撤出计票，无须恢复。",
                f"{en} is not out of the count: nothing to put back",
            )
        decided = {
            "restored": True,
            "status": was,
            "marks": s.final_marks or "",
            "valid": None if s.final_valid is None else bool(s.final_valid),
            "writeins": s.final_writeins,
        }
        decision = _record_decision(db, s, decided, why or "restored", by)
        return WithdrawOutcome(
            c.code, info.number, t.label, s.id, "restore_proposed", why, by, None, decision
        )
    assert t.label is not None
    standing = store.standing_withdrawal(db, c.code, info.number, t.label)
    if standing is None:
        raise CountingRefused(
            f"{zh} 没有撤出计票，无须恢复。", f"{en} is not out of the count: nothing to put back"
        )
    return _restore_label(db, c, info, standing, by, why)


def _label_withdrawal(db: ElectionDB, s: store.SheetRow) -> store.Withdrawal | None:
    """The standing withdrawal of a hand-entered sheet's label as a lone entry (made before
    its second entry came in from a station), if any."""
    if s.contest is None or s.round is None or s.source_file is None:
        return None
    mine = s.station == local_station(db)
    label = s.source_file if mine else f"{s.station}/{s.source_file}"
    return store.standing_withdrawal(db, s.contest, s.round, label)


def _restore_label(
    db: ElectionDB,
    c: Contest,
    info: repo.RoundInfo,
    standing: store.Withdrawal | None,
    by: str,
    why: str,
    sheet: store.SheetRow | None = None,
) -> WithdrawOutcome:
    """Put back a lone hand entry's label (at once: it counts for nothing by itself) — or
    one whose second entry a station made since (``sheet``): it stands as that sheet does."""
    assert standing is not None
    at = utc_now()
    with db.transaction():
        store.restore_withdrawal(db, standing.id, by, at, why)
        db.audit(
            "manual.withdrawal_restored",
            {
                "contest": c.code,
                "round": info.number,
                "label": standing.label,
                "withdrawal": standing.id,
                "reason": why,
                "by": by,
            },
        )
    return WithdrawOutcome(
        c.code,
        info.number,
        standing.label,
        None if sheet is None else sheet.id,
        "restored",
        why,
        by,
        sheet_status=None if sheet is None else sheet.status,
    )


def withdrawn_list(db: ElectionDB, contest: str | None = None) -> list[dict[str, Any]]:
    """Every paper taken out of a count, or proposed for it, and every one put back: what,
    why, who proposed and who confirmed, when; ``state`` "proposed", "withdrawn",
    "restore_proposed" (a sheet), "restored" or "held" (a sheet taken out on one laptop and
    settled otherwise on another: back in review); oldest first. A hand entry's label taken
    out as entered once only, whose second entry a station made since, and whose sheet was
    then taken out too, is one paper: listed once, as its sheet (the label's withdrawal with
    it, under ``label_withdrawals``)."""
    if contest is not None:
        _contest(db, contest)
    here = local_station(db)
    sheets_out: list[dict[str, Any]] = []
    by_sheet: dict[str, list[store.Decision]] = {}
    for d in store.withdrawal_decisions(db, contest):
        by_sheet.setdefault(d.sheet, []).append(d)
    for sid, ds in by_sheet.items():
        s = store.read_sheet(db, sid)
        if s is None:
            continue
        decisions = store.decisions_for(db, sid)
        taken = [
            d
            for d in ds
            if d.decided.get("withdrawn") and not (d.superseded and not d.confirmed_by)
        ]
        # (a sheet this laptop and a station settled differently, one taking it out, is back
        # in review until a person decides: its last withdrawal neither out nor put back —
        # one taken out and put back before it stays as it was)
        held = s.status == "review" and "station_disagrees" in s.reasons
        last_confirmed = max((d.id for d in taken if d.confirmed_by), default=None)
        label = None
        if s.source == "manual" and s.source_file:
            # (a station's hand entry by the label the main laptop knows it by)
            label = s.source_file if s.station in (None, here) else f"{s.station}/{s.source_file}"
        pending_back = store.open_decision(db, sid)  # (one a sheet, not one a withdrawal)
        for d in taken:
            back = next(
                (
                    x
                    for x in decisions
                    if x.id > d.id and x.decided.get("restored") and x.confirmed_by
                ),
                None,
            )
            if back is None and d.confirmed_by and s.status != "duplicate" and not held:
                # (in the count again though never put back: a person settled it otherwise
                # since — a sheet held because a station took it out, decided here to count.
                # Listed as out, the result paper named it "taken out" while it counted.)
                back = next(
                    (
                        x
                        for x in decisions
                        if x.id > d.id
                        and x.confirmed_by
                        and not x.superseded
                        and not x.decided.get("withdrawn")
                    ),
                    None,
                )
            state = (
                "held"
                if held and d.confirmed_by and d.id == last_confirmed
                else "restored"
                if back is not None
                else "restore_proposed"
                if d.confirmed_by
                and pending_back is not None
                and pending_back.decided.get("restored")
                else "withdrawn"
                if d.confirmed_by
                else "proposed"
            )
            sheets_out.append(
                {
                    "contest": s.contest,
                    "round": s.round,
                    "label": label,
                    "sheet": sid,
                    "serial": s.serial,
                    "state": state,
                    "reason": d.reason,
                    "decided_by": d.decided_by,
                    "decided_at": d.decided_at,
                    "confirmed_by": d.confirmed_by,
                    "confirmed_at": d.confirmed_at,
                    "restored_by": back.decided_by if back else None,
                    "restored_at": back.confirmed_at if back else None,
                    "restore_reason": back.reason if back else None,
                    "at": d.decided_at,
                }
            )
    # (labels whose sheet has a confirmed withdrawal of its own: the same paper)
    as_sheets: dict[tuple[str, int, str], dict[str, Any]] = {}
    for x in sheets_out:
        if x["label"] is not None and x["confirmed_by"]:
            as_sheets[(str(x["contest"]), int(x["round"]), str(x["label"]))] = x
    out: list[dict[str, Any]] = []
    for w in store.withdrawals(db, contest):
        item = {
            "contest": w.contest,
            "round": w.round,
            "label": w.label,
            "sheet": None,
            "state": "restored" if w.restored_by else "withdrawn" if w.confirmed_by else "proposed",
            "reason": w.reason,
            "decided_by": w.decided_by,
            "decided_at": w.decided_at,
            "confirmed_by": w.confirmed_by,
            "confirmed_at": w.confirmed_at,
            "restored_by": w.restored_by,
            "restored_at": w.restored_at,
            "restore_reason": w.restore_reason,
            "at": w.decided_at,
        }
        sheet = as_sheets.get((w.contest, w.round, w.label))
        if sheet is not None:
            sheet.setdefault("label_withdrawals", []).append(
                {k: v for k, v in item.items() if k not in ("contest", "round", "label", "sheet")}
            )
            continue
        out.append(item)
    out += sheets_out
    out.sort(key=lambda x: (str(x["contest"]), int(x["round"] or 0), str(x["at"])))
    return out


def round_withdrawn(db: ElectionDB, contest: str, number: int) -> list[dict[str, Any]]:
    """The round's papers out of the count, or proposed or held for it — each paper once, as
    it stands (its latest withdrawal; one put back is not listed)."""
    latest: dict[tuple[str | None, str | None], dict[str, Any]] = {}
    for w in withdrawn_list(db, contest):
        if w["round"] == number:
            latest[(w["sheet"], w["label"] if w["sheet"] is None else None)] = w
    return [w for w in latest.values() if w["state"] != "restored"]


# --- later rounds -------------------------------------------------------------------------------


@dataclass(frozen=True)
class ProposedCandidate:
    code: str | None  # None: a write-in person who will be added as a candidate
    name: str
    person: str | None
    agree: int  # agree votes in the previous round
    #: the round those votes were cast in, when not the previous one (a supplementary
    #: round after a tie re-vote lists the unelected of the round the tie came from too)
    round: int | None = None


@dataclass(frozen=True)
class RoundProposal:
    contest: str
    title: str
    previous: int
    number: int
    kind: RoundKind
    rerun: bool
    seats: int
    candidates: tuple[ProposedCandidate, ...]  # most votes first (the list to confirm)
    ballot_order: tuple[str, ...]  # names in the order they will be printed
    created: bool
    notes: tuple[tuple[str, str], ...] = ()  # (zh, en)

    def to_json(self) -> dict[str, Any]:
        return {
            "contest": self.contest,
            "previous_round": self.previous,
            "round": self.number,
            "kind": "rerun" if self.rerun else str(self.kind),
            "round_kind": str(self.kind),
            "seats": self.seats,
            "candidates": [
                {"code": k.code, "name": k.name, "person": k.person, "agree_previous": k.agree}
                for k in self.candidates
            ],
            "ballot_order": list(self.ballot_order),
            "created": self.created,
            "notes": [zh for zh, _ in self.notes],
        }


def _added_person(
    db: ElectionDB, c: Contest, prev: repo.RoundInfo, item: str, unelected: str
) -> ProposedCandidate:
    """Someone the presidium puts on a supplementary round's list who is not among the
    unelected candidates (rules.md: the unelected are the default list, the presidium
    confirms it): a roster person by code, or a person written in in an earlier round, by
    name. Never one already elected in the contest, one without the vote, or one of the
    contest's 总监票人, 监票人 or 计票人."""
    text = item.strip()
    person = repo.person_typed(db, text)
    votes, voted_in = 0, None
    written: list[tuple[int, Contender]] = []
    for r in repo.read_rounds(db, c.code):
        if r.number <= prev.number:
            result = _counted_result(db, c, r)
            written += [(r.number, w) for w in result.writeins if w.agree > 0]
    if person is None:
        key = normalise_name(text)
        named = [(n, w) for n, w in written if normalise_name(w.name) == key]
        if not named:
            chosen = next(
                (
                    e
                    for e in _earlier_elected(db, c, prev.number + 1)
                    if normalise_name(str(e.get("name", ""))) == key
                ),
                None,
            )
            if chosen is not None:
                raise CountingRefused(
                    f"“{item}”不在另行选举的候选人范围内：{chosen['name']} 已在{c.title}中当选。",
                    f"{item!r} is not among the candidates a supplementary round may have:"
                    f" {chosen['name']} is already elected in {c.title}.",
                )
            raise CountingRefused(
                f"“{item}”不在另行选举的候选人范围内：既不是{c.title}未当选的候选人（{unelected}），"
                "也不是代表名单上的代表编号或此前各轮另选的人。主席团决定增加的人，请写代表编号"
                "（如 P0010）或此前另选时写的姓名，并写明依据（主席团的决定；命令行：--candidates、"
                "--decision）。",
                f"{item!r} is not among the candidates a supplementary round may have: not one"
                f" of {c.title}'s unelected ({unelected}), nor a roster code or a person written"
                " in in an earlier round. Someone the presidium adds is named by roster code"
                " (e.g. P0010) or by the name written in earlier, with the decision it rests on"
                " (at the command line: --candidates, --decision).",
            )
        codes = {w.person for _, w in named if w.person}
        if not codes:
            codes = {code for code, _, _ in store.people_named(db, text)}
        if len(codes) != 1:
            raise CountingRefused(
                f"此前另选的“{item}”"
                + ("没有对应到代表名单上的人" if not codes else "在代表名单上有同名的几个人")
                + "：请写其代表编号（--candidates P…）。",
                f"{item!r}, written in earlier, "
                + ("is not matched to anyone on the roster" if not codes else "has namesakes")
                + ": give their roster code (--candidates P…).",
            )
        person = repo.read_person(db, codes.pop())
        assert person is not None
    mine = [(n, w) for n, w in written if w.person == person.code] or [
        (n, w)
        for n, w in written
        if not w.person and normalise_name(w.name) == normalise_name(person.name)
    ]
    if mine:
        voted_in, best = max(mine, key=lambda x: x[0])
        votes = best.agree
    elected = _elected_keys(_earlier_elected(db, c, prev.number + 1))
    if f"p:{person.code}" in elected:
        raise CountingRefused(
            f"{person.name}（{person.code}）已在{c.title}中当选，不能再列为另行选举的候选人。",
            f"{person.name} ({person.code}) is already elected in {c.title} and cannot stand"
            " in the supplementary round.",
        )
    if not person.has_vote:
        raise CountingRefused(
            f"{person.name}（{person.code}）在代表名单中无选举权，不能列为候选人。",
            f"{person.name} ({person.code}) has no vote on the roster and cannot stand.",
        )
    for _, name, role in _officials_standing(db, c.code, [(person.name, person.code)]):
        zh, en = ROLE_WORDS[role]
        raise CountingRefused(
            f"{name}（{person.code}）是{c.title}的{zh}，不能列为本事项的候选人"
            f"（先由主席团另行指定{zh}，再在选举定义中去掉其{zh}身份）。",
            f"{name} ({person.code}) is a {en} of {c.title} and cannot stand in it (the"
            f" presidium appoints another {en} and the role is removed from the definition"
            " first).",
        )
    code = next(
        (
            k.code
            for k in (
                *c.candidates,
                *(k for r in repo.read_rounds(db, c.code) for k in r.candidates),
            )
            if k.person == person.code
        ),
        None,
    )
    return ProposedCandidate(
        code,
        person.name,
        person.code,
        votes,
        voted_in if voted_in is not None and voted_in != prev.number else None,
    )


def _as_proposed(candidates: Sequence[str], proposed: tuple[ProposedCandidate, ...]) -> bool:
    """Do ``candidates`` (codes or names) name the proposed list, every one and no other?"""
    pool = {k.code: k for k in proposed if k.code} | {normalise_name(k.name): k for k in proposed}
    named = [pool.get(item.strip()) or pool.get(normalise_name(item)) for item in candidates]
    return all(k is not None for k in named) and {id(k) for k in named} == {id(k) for k in proposed}


def _presidium(
    db: ElectionDB,
    c: Contest,
    prev: repo.RoundInfo,
    kind: RoundKind,
    rerun: bool,
    proposed: tuple[ProposedCandidate, ...],
    seats: int,
    candidates: Sequence[str] | None,
    seats_decided: int | None,
    decision: str,
) -> tuple[tuple[ProposedCandidate, ...], int, dict[str, Any]]:
    """The list and seats as the presidium decided them, and what to record of it."""
    if rerun or kind is not RoundKind.SUPPLEMENTARY:
        raise CountingRefused(
            "只有另行选举可以由主席团调整候选人名单或减少名额（再次投票、重新投票的名单和名额是定的）。",
            "only a supplementary round's list or seats may be changed by the presidium (a tie"
            " re-vote's and a re-run's are fixed)",
        )
    if not decision.strip():
        raise CountingRefused(
            '调整候选人名单或减少名额须写明依据（如 --decision "主席团第三次会议决定"），它将记入审计日志。',
            "changing the list or the seats needs the decision it rests on (e.g. --decision"
            ' "presidium, third meeting"); it is recorded in the audit log',
        )
    recorded: dict[str, Any] = {"decision": decision.strip()}
    if candidates is not None:
        pool = {k.code: k for k in proposed if k.code} | {
            normalise_name(k.name): k for k in proposed
        }
        chosen: list[ProposedCandidate] = []
        added: list[ProposedCandidate] = []
        known = "、".join(f"{k.code or '—'} {k.name}" for k in proposed) or "—"
        for item in candidates:
            k = pool.get(item.strip()) or pool.get(normalise_name(item))
            if k is None:
                # (not among the unelected: someone the presidium adds)
                k = _added_person(db, c, prev, item, known)
                same = next(
                    (x for x in (*proposed, *added) if x.person and x.person == k.person), None
                )
                if same is None:
                    added.append(k)
                k = same or k
            if k not in chosen:
                chosen.append(k)
        order = {id(k): i for i, k in enumerate(proposed)}
        # (the unelected by their votes, then those added, by their votes as written in)
        proposed = tuple(
            sorted(
                chosen,
                key=lambda k: (0, order[id(k)], 0) if id(k) in order else (1, 0, -k.agree),
            )
        )
        recorded["candidates_decided"] = [k.code or k.person or k.name for k in proposed]
        if added:
            recorded["candidates_added"] = [
                {"name": k.name, "person": k.person, "code": k.code} for k in proposed if k in added
            ]
    if seats_decided is not None:
        if not 0 <= seats_decided <= seats:
            raise CountingRefused(
                f"名额只能减少：另行选举空缺 {seats} 名，可决定为 0 至 {seats} 名"
                f"（0：不再另行选举），不能是 {seats_decided} 名。",
                f"seats can only be reduced: {seats} unfilled, so 0 to {seats} (0: no further"
                f" round), not {seats_decided}",
            )
        recorded["seats_reduced_from"] = seats
        seats = seats_decided
    if seats and len(proposed) < seats:
        raise CountingRefused(
            f"候选人 {len(proposed)} 名少于应选名额 {seats} 名：请增加候选人或减少名额"
            "（主席团决定增加的人，用 --candidates 写上代表编号或此前另选时写的姓名，"
            "减少名额用 --seats，都要写明 --decision）。",
            f"{len(proposed)} candidates for {seats} seats: add candidates or reduce the seats"
            " (someone the presidium adds: --candidates with their roster code or the name"
            " written in earlier; fewer seats: --seats; either with --decision).",
        )
    return proposed, seats, recorded


def _after_tie(
    db: ElectionDB, c: Contest, prev: repo.RoundInfo, losers: Sequence[ProposedCandidate]
) -> tuple[list[ProposedCandidate], int]:
    """另行选举 after a tie re-vote: those who lost the re-vote (by its votes), then the
    others left unelected in the round the tie came from (by their votes there) — they are
    unelected candidates too. Returns them and that round's number."""
    rounds = {r.number: r for r in repo.read_rounds(db, c.code)}
    source = prev
    while source.kind is RoundKind.TIE and source.number - 1 in rounds:
        source = rounds[source.number - 1]
    later = [
        _counted_result(db, c, r)
        for n, r in sorted(rounds.items())
        if source.number < n <= prev.number
    ]
    elected_later = {key for r in later for e in r.elected for key in (e.code, e.person) if key}
    taken = {k.code for k in losers if k.code} | {k.person for k in losers if k.person}
    rest = [
        ProposedCandidate(k.code, k.name, k.person, k.agree, source.number)
        for k in _counted_result(db, c, source).candidates
        if not k.elected
        and k.code not in taken
        and k.code not in elected_later
        and not (k.person and (k.person in taken or k.person in elected_later))
    ]
    return [*losers, *rest], source.number


def open_round(
    db: ElectionDB,
    contest: str,
    kind: str,
    confirm: bool = False,
    *,
    operator: Session | None = None,
    candidates: Sequence[str] | None = None,
    seats_decided: int | None = None,
    decision: str = "",
    without_stations: Sequence[str] = (),
) -> RoundProposal:
    """Propose (and with ``confirm`` create) the next round of a contest.

    Creating it is refused while a station laptop has not sent its count of the round before
    — nothing of it (stations.silent_stations), or a package exported part-way
    (stations.unfinished_stations) — and that round is not certified (its ballots would be
    shut out of that round for good), unless the station is named in ``without_stations``
    (recorded in the audit log).

    ``supplementary`` (另行选举): the unfilled seats, the unelected candidates, most votes
    first (after a tie re-vote: its losers, then the others left unelected in the round the
    tie came from); ``tie`` (再次投票): the tied seats among the tied; ``rerun``: a void
    round again. The presidium may confirm a shorter list (``candidates``: codes or names
    from the proposal) or reduce the seats (``seats_decided``); either needs its
    ``decision`` (e.g. 主席团第三次会议决定), recorded with the round.
    """
    assert_definition_editable(db)
    require(db, operator, Action.PREPARE)
    c = _contest(db, contest)
    prev = _round(db, contest, None)
    reduced = store.seats_reduced(db, contest)
    if reduced is not None and reduced.get("round") == prev.number:
        raise CountingRefused(
            f"{c.title} 已决定减少名额、不再另行选举（{reduced.get('decision', '')}）。",
            f"{c.title}: the seats were reduced and no further round is held"
            f" ({reduced.get('decision', '')}).",
        )
    without = sorted({w.strip() for w in without_stations if w.strip()})
    result = _counted_result(db, c, prev, without)
    if "stations_waiting" in result.reasons:
        # (a station laptop still out keeps the round provisional: opening the next round is
        # refused by name, with what to do — its package, or --without-station for a broken
        # laptop; the proposal, shown before that question is asked, is the count without it)
        if confirm:
            _all_stations_reported(db, c, prev.number, without, opening=True)
        out = [*silent_stations(db, c.code, prev.number)]
        out += unfinished_stations(db, c.code, prev.number)
        result = _counted_result(db, c, prev, [*without, *out])
    rerun = kind == "rerun"
    notes: list[tuple[str, str]] = []
    if rerun:
        if void_in_doubt(result.reasons, result.status):
            sheets = result.valid_ballots + result.void_ballots + result.pending_review
            z, e = void_in_doubt_text(result.setup.issued, result.setup.collected, sheets)
            raise CountingRefused(
                f"{c.title} 第 {prev.number} 轮：{z}", f"{c.title} round {prev.number}: {e}"
            )
        if result.status is not ResultStatus.VOID and prev.status is not RoundStatus.VOID:
            raise CountingRefused(
                f"{c.title} 第 {prev.number} 轮不是无效轮次，无需重新投票。",
                f"{c.title} round {prev.number} is not void; nothing to re-run",
            )
        seats = prev.seats
        round_kind = prev.kind
        proposed = tuple(ProposedCandidate(k.code, k.name, k.person, 0) for k in prev.candidates)
    else:
        try:
            round_kind = RoundKind(kind)
            nxt = next_round(result, round_kind)
        except ValueError as e:
            if not isinstance(e, NoNextRound):
                raise CountingRefused(
                    f"未知的轮次类型“{kind}”：可选 supplementary（另行选举）、tie（再次投票）、rerun（重新投票）",
                    f"unknown round kind {kind!r}: supplementary, tie or rerun",
                ) from None
            if e.code != "no_candidates":
                raise CountingRefused(e.zh, e.en) from None
            if candidates is None:
                raise CountingRefused(
                    e.zh + "（主席团可决定增加候选人：--candidates 代表编号或此前另选的姓名，"
                    "并写明 --decision）",
                    e.en + " (the presidium may add candidates: --candidates with roster codes"
                    " or names written in earlier, and --decision)",
                ) from None
            # (every printed candidate elected, seats still unfilled: the presidium names
            # those who stand — checked in `_presidium`)
            nxt = NextRound(round_kind, result.supplementary_seats, ())
        seats = nxt.seats
        proposed = tuple(
            ProposedCandidate(k.code, k.name, k.person, k.agree) for k in nxt.contenders
        )
        if round_kind is RoundKind.SUPPLEMENTARY and prev.kind is RoundKind.TIE:
            pool, source = _after_tie(db, c, prev, proposed)
            if len(pool) > len(proposed):
                notes.append(
                    (
                        f"名单含第 {source} 轮未当选、未参加再次投票的候选人（按第 {source} 轮得票）",
                        f"the list includes round {source}'s unelected candidates who were not"
                        f" in the tie re-vote (by their round {source} votes)",
                    )
                )
            proposed = tuple(pool)
    decided: dict[str, Any] = {}
    if not decision.strip():
        # (the list or the seats as proposed, written out: nothing the presidium changed)
        if candidates is not None and _as_proposed(candidates, proposed):
            candidates = None
        if seats_decided == seats:
            seats_decided = None
    if candidates is not None or seats_decided is not None:
        before = seats
        proposed, seats, decided = _presidium(
            db, c, prev, round_kind, rerun, proposed, seats, candidates, seats_decided, decision
        )
        fewer = f"，名额由 {before} 名减为 {seats} 名" if seats != before else ""
        fewer_en = f"; seats reduced from {before} to {seats}" if seats != before else ""
        notes.append(
            (
                f"主席团决定（{decided['decision']}）：候选人 {len(proposed)} 名{fewer}",
                f"decided by the presidium ({decided['decision']}): {len(proposed)}"
                f" candidate(s){fewer_en}",
            )
        )
        if decided.get("candidates_added"):
            added = decided["candidates_added"]
            notes.append(
                (
                    "主席团决定增加的候选人（不是上一轮未当选的候选人）："
                    + "、".join(f"{a['name']}（{a['person']}）" for a in added),
                    "added by the presidium (not among the previous round's unelected): "
                    + ", ".join(f"{a['name']} ({a['person']})" for a in added),
                )
            )
    if seats == 0:
        notes.append(
            (
                "名额减为 0：不再另行选举，空缺的名额不再选出（确认后记入审计日志，报告单上注明）",
                "seats reduced to 0: no further round, the unfilled seats stay unfilled (recorded"
                " in the audit log once confirmed, and said on the papers)",
            )
        )
    elif round_kind is RoundKind.SUPPLEMENTARY and not rerun and len(proposed) <= seats:
        notes.append(
            (
                f"候选人 {len(proposed)} 名不多于应选名额 {seats} 名：将是等额选举，"
                "或由主席团决定调整名单/减少名额",
                f"{len(proposed)} candidates for {seats} seats: uncontested, unless the"
                " presidium changes the list or reduces the seats",
            )
        )
    if seats > 0:
        # (rules.md: 总监票人 and 监票人 are voters who are not candidates in the contest; a
        # write-in who reached the tie or the list now stands: another must be appointed)
        number = prev.number + 1
        for _, name, role in _officials_standing(
            db, contest, [(k.name, k.person) for k in proposed]
        ):
            zh, en = ROLE_WORDS[role]
            notes.append(
                (
                    f"{name} 是本选举事项的{zh}，现为第 {number} 轮的候选人：候选人不能担任{zh}，"
                    f"请主席团另行指定一名{zh}。第 {number} 轮的报告单不再印 {name} 的签名栏，"
                    f"{name} 也不能审核、录入或确认本事项的选票和结果",
                    f"{name} is a {en} of this contest and stands in round {number}: a"
                    f" candidate cannot be a {en}; the presidium must appoint another {en}."
                    f" Round {number}'s papers leave {name} off the signature lines, and"
                    f" {name} cannot review, enter or certify this contest's ballots and result",
                )
            )
    silent, interim = (
        (silent_stations(db, contest, prev.number), unfinished_stations(db, contest, prev.number))
        if prev.status is not RoundStatus.CERTIFIED
        else ([], [])
    )
    if silent and seats > 0:
        notes.append(
            (
                f"分团计票机“{'、'.join(silent)}”还没有交来第 {prev.number} 轮的任何计票结果（选票、"
                f"手工录入、票箱数，或计票完毕的声明）：开启下一轮之后，第 {prev.number}"
                " 轮不再接收它的选票。请先导入它的结果包",
                f"station laptop(s) {', '.join(silent)} have sent nothing of round {prev.number}"
                " (no sheet, hand entry or box count, and no statement that they have finished"
                f" counting): once the next round is opened, round {prev.number} takes none of"
                " their ballots. Import their package first",
            )
        )
    if interim and seats > 0:
        notes.append(
            (
                f"分团计票机“{'、'.join(interim)}”交来的第 {prev.number} 轮计票结果是中途导出的（没有声明"
                f"计票完毕）：开启下一轮之后，第 {prev.number} 轮不再接收它后来计的选票。请先在该计票机"
                "计完后加 --done 导出结果包并导入",
                f"station laptop(s) {', '.join(interim)} sent round {prev.number} part-way (no"
                " statement that they have finished counting): once the next round is opened,"
                f" round {prev.number} takes none of what they counted since. Export their"
                " package with --done once they have counted, and import it, first",
            )
        )
    earlier = [r for r in reversed(repo.read_rounds(db, contest)) if r.number <= prev.number]
    order = _ballot_order(c, earlier, proposed)
    if seats > 0 and c.kind not in (ContestKind.SECRETARY, ContestKind.DEPUTY_SECRETARY):
        # (the names the stroke data cannot settle: a person confirms them on this ballot
        # too, as on the first round's; they can be moved until a ballot of it is printed)
        _ordered, flags = sort_items(order, lambda p: p.name)
        if flags:
            pairs = [
                ((f"{f.first} / {f.second}：" if f.second else f"{f.first}："), f) for f in flags
            ]
            notes.append(
                (
                    f"第 {prev.number + 1} 轮选票上以下姓名的笔画顺序请人工核对（已按此前各轮"
                    "确认的顺序排列）；开启后、印制本轮选票之前，可在“选举事项和候选人”页上移/下移："
                    + "；".join(w + f.reason_zh for w, f in pairs),
                    f"check the stroke order of these names on round {prev.number + 1}'s ballot"
                    " (placed as the earlier rounds confirmed them); once opened, and before a"
                    ' ballot of it is printed, move them on the "contests and candidates" page: '
                    + "; ".join(w.replace("：", ": ") + f.reason_en for w, f in pairs),
                )
            )
    proposal = RoundProposal(
        contest,
        c.title,
        prev.number,
        prev.number + 1,
        round_kind,
        rerun,
        seats,
        proposed,
        tuple(p.name for p in order),
        False,
        tuple(notes),
    )
    if not confirm:
        return proposal
    if seats > 0 and prev.status is not RoundStatus.CERTIFIED:
        _all_stations_reported(db, c, prev.number, without, opening=True)
    if without:
        decided = {**decided, "without_stations": without}
    at = utc_now()
    if seats == 0:
        # (no round: the decision is recorded, the contest ends with the seats it filled)
        with db.transaction():
            db.audit(
                "contest.seats_reduced",
                {"contest": contest, "round": prev.number, "seats": 0, **decided},
            )
        return dataclass_replace(proposal, created=True)
    with db.transaction():
        if rerun and prev.status is RoundStatus.OPEN:
            store.set_round_status(db, contest, prev.number, str(RoundStatus.VOID))
            db.audit(
                "round.voided",
                {"contest": contest, "round": prev.number, "reasons": list(result.reasons)},
            )
        codes = _assign_codes(db, contest, order)
        store.insert_round(db, contest, prev.number + 1, str(round_kind), seats, codes, at)
        # (a name moved by hand before keeps its mark: its place is a person's, not the data's)
        moved = set().union(*(r.overridden for r in earlier)) & set(codes)
        if moved:
            repo.set_round_order(db, contest, prev.number + 1, codes, moved)
        db.audit(
            "round.opened",
            {
                "contest": contest,
                "round": prev.number + 1,
                "kind": proposal.to_json()["kind"],
                "seats": seats,
                "candidates": codes,
                "previous": prev.number,
                **decided,
            },
        )
    return RoundProposal(
        proposal.contest,
        proposal.title,
        proposal.previous,
        proposal.number,
        proposal.kind,
        proposal.rerun,
        proposal.seats,
        proposal.candidates,
        proposal.ballot_order,
        True,
        proposal.notes,
    )


def _ballot_order(
    c: Contest, earlier: Sequence[repo.RoundInfo], proposed: Sequence[ProposedCandidate]
) -> list[ProposedCandidate]:
    """Ballots are printed in 姓氏笔画 order as a person confirmed it on the earlier rounds'
    ballots (``earlier``: the latest first): a name the stroke data cannot place, moved by
    hand there, keeps its place among the names carried over; someone the presidium added
    or a write-in goes by the data (and is flagged when the data cannot settle it).
    书记/副书记: the previous ballot order."""
    if c.kind in (ContestKind.SECRETARY, ContestKind.DEPUTY_SECRETARY):
        # (someone the presidium added, not on the previous ballot: after its names, in
        # 姓氏笔画 order among themselves)
        position = {k.code: i for i, k in enumerate(earlier[0].candidates)}
        strokes = stroke_key()
        return sorted(
            proposed,
            key=lambda p: (position.get(p.code or "", len(position)), strokes(p.name)),
        )
    ballots = [[k.code for k in r.candidates] for r in earlier]
    ordered, _flags = confirmed_order(proposed, lambda p: p.name, lambda p: p.code, ballots)
    return ordered


def _assign_codes(db: ElectionDB, contest: str, order: Sequence[ProposedCandidate]) -> list[str]:
    """Candidate codes in ballot order; a write-in person in a tie becomes a candidate."""
    used = store.candidate_codes(db, contest)
    codes = []
    n = 1
    for p in order:
        if p.code is not None:
            codes.append(p.code)
            continue
        while f"w{n:02d}" in used:
            n += 1
        code = f"w{n:02d}"
        used.add(code)
        store.insert_candidate(db, contest, code, p.name, p.person)
        codes.append(code)
    return codes


# --- certification ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Certified:
    contest: str
    round: int
    status: str  # "certified" | "void"
    digest: str
    certified_at: str
    certified_by: list[str]

    @property
    def digest_short(self) -> str:
        return self.digest[:DIGEST_SHOWN]

    def to_json(self) -> dict[str, Any]:
        return {
            "contest": self.contest,
            "round": self.round,
            "status": self.status,
            "digest": self.digest,
            "digest_short": self.digest_short,
            "certified_at": self.certified_at,
            "certified_by": self.certified_by,
        }


def split_names(names: str | Sequence[str]) -> list[str]:
    parts = re.split(r"[,，、;；]+", names) if isinstance(names, str) else list(names)
    return [p.strip() for p in parts if p.strip()]


def result_digest(result_text: str) -> str:
    """SHA-256 of the canonical result JSON as stored."""
    return hashlib.sha256(result_text.encode("utf-8")).hexdigest()


def _canonical(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def certify(
    db: ElectionDB,
    contest: str,
    round: int,
    by_names: str | Sequence[str] = "",
    *,
    operator: Session | None = None,
    without_stations: Sequence[str] = (),
) -> Certified:
    """Freeze a round: its result, who certified it and when, and the digest over them.

    Refused while anything is pending or if already certified. A void round is recorded as
    void (kept on record, to be re-run). With a signed-in operator the names default to the
    operator's and must include them (others may co-sign). On the main laptop, refused
    while a station laptop made for this file has not sent its count of this round — nothing
    of it (stations.silent_stations), or records of it without stating it has finished
    counting (stations.unfinished_stations: a package exported part-way) — its ballots would
    be shut out for good, unless it is named in ``without_stations`` — a decision recorded
    with the certification."""
    require(db, operator, Action.CERTIFY)
    names = split_names(by_names)
    if operator is not None:
        if not names:
            names = [operator.name]
        elif not any(_same_person(db, n, operator.name) for n in names):
            raise NotAllowed(
                f"您以“{operator.name}”登录：确认人名单中须有您本人（--by）。",
                f"you are signed in as {operator.name!r}: the names certifying (--by) must"
                " include you.",
            )
    if not names:
        raise CountingRefused(
            "请用 --by 写明确认人的姓名（多人用逗号分隔）。",
            "give the names of those certifying with --by (comma-separated)",
        )
    c = _contest(db, contest)
    info = _round(db, contest, round)
    assert_round_open(db, contest, info.number, later_ok=True)
    assert_unaltered(db, contest, info.number)
    for name in names:
        _not_a_candidate(db, c, name, "确认本事项的结果", "certify its result")
    scrutineers = _scrutineers(db, contest)
    if scrutineers and not {_identity(db, n) for n in names} & {i for i, _ in scrutineers}:
        listed = "、".join(name for _, name in scrutineers)
        raise NotAllowed(
            f"确认人中须有本选举事项的总监票人或监票人（{listed}）。",
            f"those certifying must include the contest's chief scrutineer or a scrutineer"
            f" ({listed}).",
        )
    without = sorted({w.strip() for w in without_stations if w.strip()})
    _all_stations_reported(db, c, info.number, without)
    earlier = _earlier_elected(db, c, info.number)
    result = _live_result(db, c, info, earlier=earlier, without=without)
    for name in names:
        # (a write-in person is no candidate of the round, but one it elects, or sends to a
        # re-vote, does not sign for it either)
        who = _identity(db, name)
        for k in (*result.elected, *result.tie):
            if who == (f"person:{k.person}" if k.person else _identity(db, k.name)):
                raise NotAllowed(
                    f"{name} 在“{c.title}”第 {info.number} 轮被另选"
                    f"{'当选' if k.elected else '且得票相等、须再次投票'}（{k.name}），"
                    "不能确认本轮结果。请由不是候选人、也未被另选的监票人确认。",
                    f"{name} was written in on {c.title} round {info.number} and"
                    f" {'is elected' if k.elected else 'is in the tie re-vote'} ({k.name}):"
                    " they cannot certify that round; a scrutineer who neither stands nor was"
                    " written in must do it.",
                )
    if result.status is ResultStatus.PROVISIONAL:
        raise CountingRefused(
            *_provisional_messages(
                c,
                info.number,
                result,
                store.manual_incomplete(db, c.code, info.number),
                _proposed_withdrawals(db, c.code, info.number),
            )
        )
    # (certified without a station by decision — recorded with the certification —, the
    # frozen result does not go on saying that station has sent nothing)
    result = dataclass_replace(
        result,
        warnings=tuple(
            w for w in result.warnings if w not in ("stations_silent", "stations_unfinished")
        ),
    )
    doc = _document(db, c, info, result, earlier)
    # (the papers taken out of the round's count are printed on the papers the scrutineers
    # sign: certified with the result, under its digest — a round without any keeps the
    # form it had)
    taken_out = round_withdrawn(db, c.code, info.number)
    if taken_out:
        doc["withdrawn"] = taken_out
    at = utc_now()
    status = "certified" if result.status is ResultStatus.FINAL else "void"
    typed = names
    names, persons = _signers(db, typed)
    doc["certification"] = {"at": at, "by": names, "status": status}
    if without:
        doc["certification"]["without_stations"] = without
    text = _canonical(doc)
    digest = result_digest(text)
    with db.transaction():
        store.freeze_round(db, contest, info.number, status, at, "、".join(names), digest, text)
        db.audit(
            "round.certified" if status == "certified" else "round.voided",
            {
                "contest": contest,
                "round": info.number,
                "digest": digest,
                "by": names,
                # (who they are on the roster, and what was typed for them: 'P14' is kept)
                "persons": persons,
                **({"typed": typed} if typed != names else {}),
                "elected": [e["code"] or e["name"] for e in doc["elected"]],
                "reasons": list(result.reasons),
                **({"without_stations": without} if without else {}),
            },
        )
    return Certified(contest, info.number, status, digest, at, names)


def _signers(db: ElectionDB, typed: Sequence[str]) -> tuple[list[str], list[str | None]]:
    """Those certifying as the result papers print them, and their person codes (None for
    someone the roster does not tell). A roster person's code typed to ``--by`` ('P14') is
    printed as their name — as the papers' 监票人 lines name the officials the definition
    gives by code —, with the note telling them from a namesake ("刘伟（女，1975年）");
    a name is printed as typed. One person given twice (by code and by name) signs once."""
    notes: dict[str, str] | None = None
    names: list[str] = []
    persons: list[str | None] = []
    for who in typed:
        person = repo.person_typed(db, who)
        shown = who
        if person is not None:
            if notes is None:
                notes = repo.namesake_notes(db)
            shown = person.name + notes.get(person.code, "")
        identity = _identity(db, who)
        code = identity.removeprefix("person:") if identity.startswith("person:") else None
        if code is not None and code in persons:
            continue
        names.append(shown)
        persons.append(code)
    return names, persons


class StationsNotReported(CountingRefused):
    """Certifying waits for these station laptops' results packages (``stations``)."""

    def __init__(self, zh: str, en: str, stations: list[str]) -> None:
        super().__init__(zh, en)
        self.stations = stations


def _all_stations_reported(
    db: ElectionDB, c: Contest, number: int, without: list[str], opening: bool = False
) -> None:
    """Refuse while a station laptop made from this file has not sent its count of the
    round: nothing of it, or records of it in a package that does not state the station has
    finished counting (exported part-way). Once the round is frozen (``opening``: once the
    next round is opened) its package is refused, and its ballots with it."""
    if is_station(db):
        return
    made = _stations_made(db)
    unknown = [w for w in without if w not in made]
    if unknown:
        raise CountingRefused(
            f"没有名为“{'、'.join(unknown)}”的分团计票机（有：{'、'.join(made) or '无'}）。",
            f"no station laptop is called {', '.join(unknown)} (there are:"
            f" {', '.join(made) or 'none'}).",
        )
    silent = [name for name in silent_stations(db, c.code, number) if name not in without]
    interim = [name for name in unfinished_stations(db, c.code, number) if name not in without]
    if not silent and not interim:
        return
    when_zh = (
        "开启下一轮之后，这一轮不再接收它的结果包"
        if opening
        else "结果确认冻结之后，它的结果包会被拒收"
    )
    when_en = (
        "Once the next round is opened, this round" if opening else "Once the round is certified,"
    )
    doing_zh = "开启下一轮" if opening else "确认"
    doing_en = "open the next round" if opening else "certify"
    zh: list[str] = []
    en: list[str] = []
    if silent:
        names = "、".join(silent)
        zh.append(
            f"分团计票机“{names}”还没有交来 {c.title} 第 {number} 轮的任何计票结果（选票、手工录入、"
            f"票箱数，或计票完毕的声明；huanjie results reconcile 列出它交来了什么）。{when_zh}，"
            "那里的选票就计不进来了。请在该计票机计完后加 --done 导出结果包（huanjie results export …"
            " --done），在本机导入（huanjie results import）；该计票机没有这一轮的选票的，同样加 --done"
            "导出（声明计票完毕）；"
            f"如该计票机没有参与这一轮的计票又无法导出，或已无法使用，经总监票人同意后加"
            f" --without-station {silent[0]} {doing_zh}（记入审计日志）。"
        )
        en.append(
            f"station laptop(s) {', '.join(silent)} have sent nothing of {c.code} round {number}"
            " yet (no sheet, hand entry or box count, and no statement that they have finished"
            " counting; huanjie results reconcile shows what they have sent)."
            f" {when_en} their package is refused, and the ballots counted there with it. Once"
            " that laptop has counted, export its results package there with --done (huanjie"
            " results export … --done) and import it here (huanjie results import); a laptop"
            " that had no ballots of this round exports it with --done too (it has finished"
            f" counting); if it took no part in counting {c.code} round {number} and cannot"
            f" export, or cannot be used any more, {doing_en} with --without-station {silent[0]}"
            " once the chief scrutineer agrees (recorded in the audit log)."
        )
    if interim:
        names = "、".join(interim)
        zh.append(
            f"分团计票机“{names}”交来的 {c.title} 第 {number} 轮计票结果是中途导出的：它最近的结果包"
            "没有声明计票完毕（导出时没有加 --done），此后那里计的选票不在本机（huanjie results"
            f" reconcile 列出已收到的）。{when_zh}，那里后来计的选票就计不进来了。请在该计票机计完"
            "这一轮的全部选票后，加 --done 再导出结果包（huanjie results export … --done），在本机导入"
            "（huanjie results import）；如该计票机已无法使用，经总监票人同意后加"
            f" --without-station {interim[0]} {doing_zh}（只计已收到的部分，记入审计日志）。"
        )
        en.append(
            f"station laptop(s) {', '.join(interim)} sent {c.code} round {number} part-way:"
            " their latest package does not state that they have finished counting (it was"
            " exported without --done), and what was counted there since is not here"
            " (huanjie results reconcile shows what has come in)."
            f" {when_en} their package is refused, and the ballots counted there later with"
            " it. Once that laptop has counted every ballot of the round, export its results"
            " package there again with --done (huanjie results export … --done) and import it"
            " here (huanjie results import); if it cannot be used any more,"
            f" {doing_en} with --without-station {interim[0]} once the chief scrutineer agrees"
            " (only what has come in counts; recorded in the audit log)."
        )
    raise StationsNotReported("".join(zh), " ".join(en), silent + interim)


def hand_entries_advice(
    contest: str, number: int, incomplete: Sequence[str], proposed: Sequence[str] = ()
) -> tuple[str, str]:
    """What to do about hand entries not counted (``incomplete``: entered once only, or twice
    differently; ``proposed``: those among them whose taking out awaits a second scrutineer)
    — by label (zh, en)."""
    waiting = [x for x in incomplete if x not in proposed]
    zh: list[str] = []
    en: list[str] = []
    if waiting:
        shown = waiting[:8]
        more_zh = f"等 {len(waiting)} 张" if len(waiting) > len(shown) else ""
        more_en = f" and {len(waiting) - len(shown)} more" if len(waiting) > len(shown) else ""
        one = shown[0]
        zh.append(
            f"手工录入的选票 {'、'.join(shown)}{more_zh} 只录入了一次（或两次录入不一致），尚未计入："
            f"请由第二人录入（对照原票；huanjie manual 选举文件 --contest {contest} --round {number}"
            f" --label {one} …）；如是误录（标签打错、这张选票已在另一个标签下录入或已经扫描），"
            f"由监票人撤出：huanjie review withdraw 选举文件 --contest {contest} --round {number}"
            f" --label {one} --reason 理由 --by 监票人，再由另一位监票人加 --confirm 确认"
        )
        en.append(
            f"ballots {', '.join(shown)}{more_en} were entered by hand once only (or twice"
            f" differently) and do not count yet: a second person enters each against the paper"
            f" (huanjie manual FILE --contest {contest} --round {number} --label {one} …); one"
            " entered by mistake (its label mistyped, the paper entered under another label or"
            " scanned) a scrutineer takes out of the count: huanjie review withdraw FILE"
            f" --contest {contest} --round {number} --label {one} --reason WHY --by SCRUTINEER,"
            " and another scrutineer confirms it with --confirm"
        )
    asked = [x for x in incomplete if x in proposed]
    if asked:
        zh.append(
            f"手工录入的选票 {'、'.join(asked[:8])} 的撤出待另一位监票人确认（huanjie review withdraw"
            f" 选举文件 --contest {contest} --round {number} --label {asked[0]} --confirm --by 监票人）"
        )
        en.append(
            f"taking hand entries {', '.join(asked[:8])} out of the count awaits another"
            f" scrutineer's confirmation (huanjie review withdraw FILE --contest {contest}"
            f" --round {number} --label {asked[0]} --confirm --by SCRUTINEER)"
        )
    return "；".join(zh), "; ".join(en)


def hand_entries_waiting(
    db: ElectionDB, contest: str | None = None
) -> list[tuple[str, int, list[str], list[str]]]:
    """(contest, round, labels, labels whose taking out awaits confirmation) of every open
    round with hand entries not counted: entered once only, or twice differently."""
    out = []
    for c in repo.read_contests(db):
        if contest is not None and c.code != contest:
            continue
        for info in repo.read_rounds(db, c.code):
            if info.status is not RoundStatus.OPEN:
                continue
            labels = store.manual_incomplete(db, c.code, info.number)
            if labels:
                out.append(
                    (c.code, info.number, labels, _proposed_withdrawals(db, c.code, info.number))
                )
    return out


def _proposed_withdrawals(db: ElectionDB, contest: str, number: int) -> list[str]:
    """Labels of the round whose taking out of the count awaits confirmation."""
    return [
        w.label
        for w in store.withdrawals(db, contest, number)
        if w.restored_by is None and w.confirmed_by is None
    ]


def _provisional_messages(
    c: Contest,
    number: int,
    result: RoundResult,
    incomplete: Sequence[str] = (),
    proposed: Sequence[str] = (),
) -> tuple[str, str]:
    """Why a round cannot be certified yet, and what to do (zh, en); ``incomplete``: the
    labels of hand entries not counted, ``proposed``: those awaiting their withdrawal's
    confirmation."""
    zh, en = [], []
    if "present_below_ballots" in result.reasons:
        # (the 实到 was fixed before check-in ended — a box's 发出 typed as the ballots went
        # out, a station laptop's clock slow — and is fewer than the ballots: never final
        # or certified void on it; the chief scrutineer says when voting began, or that
        # the figure is right)
        s = result.setup
        cmd = f"huanjie round attendance FILE --contest {c.code} --round {number}"
        zh.append(
            f"本轮的实到 {s.present} 人（应到 {s.expected}）少于发出 {s.issued}、收回 {s.collected}"
            " 张选票（每位到会者领一张）：实到是在本轮第一条选票记录进来时确定的，那时报到多半还没有"
            "结束（如在报到结束前就登记了发出张数），或分团计票机的时钟不准，本轮不能据此确认为最终结果"
            "或无效。请总监票人核对报到记录和会议记录，核定投票开始的时间"
            f"（{cmd} --voting-began 时:分 --by 姓名 --reason 依据），此前报到的计为实到；"
            f"如核对后实到人数确实如此，用 {cmd} --as-fixed --by 姓名 确认；发出或收回张数录错的，"
            "请更正（都记入审计日志）"
        )
        en.append(
            f"the round's {s.present} present (of {s.expected} expected) are fewer than the"
            f" {s.issued} ballots issued and {s.collected} collected (one to each voter"
            " present): the number present was fixed when the round's first ballot record"
            " came in, most likely before check-in ended (a box's issued count typed while"
            " voters still checked in) or by a station laptop's clock that is wrong, and the"
            " round is neither final nor void on it. The chief scrutineer checks the"
            " check-ins and the meeting's record and settles when voting began on this"
            f" laptop's clock ({cmd} --voting-began HH:MM --by NAME --reason GROUNDS): those"
            " checked in before it are present; if the number present is truly so, confirm it"
            f" with {cmd} --as-fixed --by NAME; a box count typed wrong is corrected (all"
            " recorded in the audit log)"
        )
    if "quorum_not_met" in result.reasons and "present_below_ballots" not in result.reasons:
        # (before any ballot record of the round: check-in goes on, the round waits — never
        # certified void on a count of those present taken while they were still arriving)
        s = result.setup
        zh.append(
            f"到会人数（实到 {s.present}，应到 {s.expected}）尚未达到规定，还不能投票：请继续报到，"
            "到会人数符合规定后再发票投票（本轮的实到人数在第一条选票记录进来时确定）"
        )
        en.append(
            f"attendance ({s.present} present of {s.expected} expected) is below the quorum,"
            " no vote can be held yet: go on checking voters in and issue the ballots once the"
            " quorum is reached (the round's attendance is fixed when its first ballot record"
            " comes in)"
        )
    if "pending_review" in result.reasons:
        # (a hand entry entered once is no sheet held for review: "review list" showed
        # nothing to do — it is named, with what to do about it)
        held = result.pending_review - len(incomplete)
        if held > 0:
            zh.append(f"还有 {held} 张选票待审核或待确认（huanjie review list）")
            en.append(f"{held} sheets await review or confirmation (review list)")
        if incomplete:
            z, e = hand_entries_advice(c.code, number, incomplete, proposed)
            zh.append(z)
            en.append(e)
    if "box_counts_missing" in result.reasons:
        zh.append(
            "尚未登记各票箱的发出/收回票数（在“发出和收回”页登记；命令行：huanjie ballots"
            " issued/collected）"
        )
        en.append(
            'the issued/collected counts per box are not entered (on the "Issued and collected"'
            " page; command line: huanjie ballots issued/collected)"
        )
    for twice in result.setup.boxes_twice:
        z, e = twice.advice(c.code, number)
        zh.append(z)
        en.append(e)
    if "nothing_collected" in result.reasons:
        zh.append(
            "登记的收回票数为 0（没有收回任何选票）：请核对各票箱的收回张数（huanjie ballots collected）"
        )
        en.append("0 ballots are entered as collected: check each box's collected count")
    if "serial_counted_twice" in result.reasons:
        zh.append(
            "有防伪码相同的两张选票都已计入（同一张选票扫描两次，或复印的选票）：请在“审核”中把重复的一张"
            "记为重复扫描，或作废复印件"
        )
        en.append(
            "two counted sheets carry one serial (one paper scanned twice, or a photocopy):"
            " under review, record the second as a duplicate scan or void the copy"
        )
    in_doubt = void_in_doubt(result.reasons, result.status)
    if in_doubt:
        sheets = result.valid_ballots + result.void_ballots + result.pending_review
        z, e = void_in_doubt_text(result.setup.issued, result.setup.collected, sheets)
        zh.append(z)
        en.append(e)
    if "sheets_differ_from_collected" in result.reasons and not in_doubt:
        counted = result.valid_ballots + result.void_ballots
        zh.append(
            f"计入的选票 {counted} 张与收回的 {result.setup.collected} 张不一致：请查找漏扫、"
            "重复录入的选票，或核对登记的收回张数（同一张选票既扫描又手工录入的、不是本轮选票的，"
            "由监票人撤出其中多余的一份：huanjie review withdraw，撤出的不算一张选票）"
        )
        en.append(
            f"{counted} sheets are counted but {result.setup.collected} were collected: look for"
            " sheets not scanned or entered twice, or check the collected number entered (a"
            " paper both scanned and entered by hand, or a sheet that is no ballot of this"
            " round: a scrutineer takes the extra one out of the count, huanjie review"
            " withdraw; one taken out is no sheet of the round)"
        )
    return (
        f"{c.title} 第 {number} 轮结果尚未确定，不能确认：" + "；".join(zh),
        f"{c.title} round {number} is not final and cannot be certified: " + "; ".join(en),
    )


# --- verification -------------------------------------------------------------------------------


@dataclass(frozen=True)
class DigestCheck:
    ok: bool
    zh: str
    en: str
    contest: str | None = None
    round: int | None = None


_TOTAL_FIELDS = {
    "valid_ballots": ("有效票", "valid ballots"),
    "void_ballots": ("无效票", "void ballots"),
    "issued": ("发出", "issued"),
    "collected": ("收回", "collected"),
}


def _totals(doc: Mapping[str, Any]) -> dict[str, Any]:
    """What a certified result asserts, keyed so that two results can be compared."""
    out: dict[str, Any] = {k: doc.get(k) for k in _TOTAL_FIELDS}
    for k in doc.get("candidates", []):
        out[f"c:{k['code']} {k['name']}"] = (k["agree"], k["disagree"], k["abstain"])
    # (write-ins and the elected by the form names are compared in: a result certified when
    # the papers printed a written-in name without its dot is the same result)
    for w in doc.get("writeins", []):
        name = normalise_name(w["name"])
        out[f"w:{name}{'/' + w['person'] if w['person'] else ''}"] = w["agree"]
    out["elected"] = sorted(normalise_name(e["name"]) for e in doc.get("elected", []))
    return out


def _describe(differences: list[tuple[str, Any, Any]]) -> tuple[str, str]:
    zh, en = [], []
    for key, then, now in differences[:6]:
        if key in _TOTAL_FIELDS:
            zh.append(f"{_TOTAL_FIELDS[key][0]} 确认时 {then}，现为 {now}")
            en.append(f"{_TOTAL_FIELDS[key][1]} {then} then, {now} now")
        elif key.startswith("c:"):
            fmt = "—" if then is None else "赞成{}/不赞成{}/弃权{}".format(*then)
            cur = "—" if now is None else "赞成{}/不赞成{}/弃权{}".format(*now)
            zh.append(f"{key[2:]} 确认时 {fmt}，现为 {cur}")
            en.append(f"{key[2:]} {then} then, {now} now (agree, disagree, abstain)")
        elif key.startswith("w:"):
            zh.append(f"另选 {key[2:]} 确认时 {then or 0} 票，现为 {now or 0} 票")
            en.append(f"write-in {key[2:]} {then or 0} then, {now or 0} now")
        else:
            zh.append(f"当选人 确认时 {'、'.join(then or [])}，现为 {'、'.join(now or [])}")
            en.append(f"elected {then} then, {now} now")
    if len(differences) > 6:
        zh.append(f"等共 {len(differences)} 处")
        en.append(f"{len(differences)} differences in all")
    return "；".join(zh), "; ".join(en)


def _check_frozen(db: ElectionDB, fr: store.FrozenRound) -> list[tuple[str, str]]:
    where_zh = f"{fr.contest} 第 {fr.number} 轮"
    where_en = f"{fr.contest} round {fr.number}"
    text = fr.result_json or ""
    if result_digest(text) != fr.digest:
        return [
            (
                f"{where_zh}：保存的已确认结果与其数字摘要不符（结果被改动）",
                f"{where_en}: the stored certified result does not match its digest (altered)",
            )
        ]
    if is_station(db):
        # (a station's file holds its own sheets at most, never the whole round the main
        # laptop certified — a package made after it carries the result, none of the sheets:
        # only the result's own digest can be checked here)
        return []
    stored = json.loads(text)
    try:
        live = tally_result(
            db, fr.contest, fr.number, (int(stored["expected"]), int(stored["present"]))
        )
    except CountingRefused as e:
        return [(f"{where_zh}：{e.zh}", f"{where_en}: {e.en}")]
    then, now = _totals(stored), _totals(result_json(live))
    diffs = [(k, then.get(k), now.get(k)) for k in {**then, **now} if then.get(k) != now.get(k)]
    if diffs:
        zh, en = _describe(diffs)
        return [
            (
                f"{where_zh}：已确认的计票结果与现有选票记录不一致：{zh}",
                f"{where_en}: the certified totals differ from the sheet records: {en}",
            )
        ]
    return []


class FileAltered(CountingRefused):
    """The election file was changed outside the app: nothing is certified or printed."""


def assert_unaltered(db: ElectionDB, contest: str, number: int) -> None:
    """Refuse (FileAltered) when the file was changed outside the app — what `huanjie
    verify` finds in this laptop's records — or when the round's frozen result no longer
    matches its digest: papers printed then would be signed for numbers nobody counted."""
    from huanjie_desktop.app.verify import integrity_problems

    # (the kept images too: the evidence a review or a dispute looks at, replaced, and the
    # papers were signed over ballots nobody can show)
    problems = integrity_problems(db, images=True)
    fr = store.frozen_round(db, contest, number)
    if fr is not None and fr.digest:
        problems = _check_frozen(db, fr) + problems
    if not problems:
        return
    shown = problems[:3]
    more_zh = f"（共 {len(problems)} 处）" if len(problems) > 3 else ""
    more_en = f" ({len(problems)} in all)" if len(problems) > 3 else ""
    raise FileAltered(
        "选举文件在本软件之外被改动过，不能确认或打印供签署的结果："
        + "；".join(z for z, _ in shown)
        + more_zh
        + "。请交总监票人，用 huanjie verify 查看全部问题。",
        "the election file was changed outside the app; no result is certified or printed to"
        " sign: "
        + "; ".join(e for _, e in shown)
        + more_en
        + ". Hand it to the chief scrutineer; huanjie verify lists every problem.",
    )


def verify_results(db: ElectionDB) -> list[tuple[str, str]]:
    """Problems (zh, en) with certified results: digest mismatch, or totals ≠ sheet records."""
    problems: list[tuple[str, str]] = []
    for fr in store.frozen_rounds(db):
        problems += _check_frozen(db, fr)
    return problems + _rounds_as_audited(db)


def _rounds_as_audited(db: ElectionDB) -> list[tuple[str, str]]:
    """Rounds whose state differs from what the audit log says was done to them: certified
    or voided, with which digest, by whom (a round 'un-certified', or its signers changed,
    behind the app's back)."""
    out: list[tuple[str, str]] = []
    rows = db.con.execute(
        "SELECT event, detail FROM audit WHERE event IN ('round.certified', 'round.voided')"
        " ORDER BY seq"
    ).fetchall()
    for event, detail in rows:
        d = json.loads(detail)
        contest, number = str(d.get("contest")), int(d.get("round") or 0)
        fr = store.frozen_round(db, contest, number)
        want = "certified" if event == "round.certified" else "void"
        done_zh = "已确认" if want == "certified" else "已记为无效"
        if fr is None or fr.status != want:
            out.append(
                (
                    f"{contest} 第 {number} 轮：审计日志记载{done_zh}，而文件中的状态是"
                    f"“{fr.status if fr else '不存在'}”",
                    f"{contest} round {number}: the audit log records it {want}, but the file"
                    f" says {fr.status if fr else 'no such round'!r}",
                )
            )
            continue
        if "digest" in d and (
            fr.digest != d["digest"] or (fr.certified_by or "") != "、".join(d.get("by") or [])
        ):
            out.append(
                (
                    f"{contest} 第 {number} 轮：确认的数字摘要或确认人与审计日志记载的不同",
                    f"{contest} round {number}: its digest or those who certified it differ from"
                    " what the audit log records",
                )
            )
    return out


def verify_digest(db: ElectionDB, digest: str) -> DigestCheck:
    """Find the certified round with this digest (the 16 printed hex digits are enough) and
    confirm that its result still equals what the sheet records give."""
    prefix = digest.strip().lower()
    if not re.fullmatch(r"[0-9a-f]{8,64}", prefix):
        return DigestCheck(
            False,
            f"数字摘要“{digest}”格式不对：应为报告单上印的 16 位十六进制字符",
            f"digest {digest!r} is malformed: give the 16 hex digits printed on the paper",
        )
    found = store.rounds_with_digest(db, prefix)
    if not found:
        return DigestCheck(
            False,
            f"本选举文件中没有数字摘要为 {prefix} 的已确认结果：该报告单不是由此文件确认的，或已被改动",
            f"no certified result in this file has digest {prefix}: the paper was not certified"
            " from this file, or it was altered",
        )
    if len(found) > 1:
        return DigestCheck(False, f"数字摘要 {prefix} 过短，对应多个结果", f"{prefix} is ambiguous")
    fr = found[0]
    problems = _check_frozen(db, fr)
    if problems:
        return DigestCheck(False, problems[0][0], problems[0][1], fr.contest, fr.number)
    return DigestCheck(
        True,
        f"数字摘要 {prefix[:DIGEST_SHOWN]} 对应 {fr.contest} 第 {fr.number} 轮，"
        f"于 {fr.certified_at} 由 {fr.certified_by} 确认；与现有选票记录一致",
        f"digest {prefix[:DIGEST_SHOWN]} is {fr.contest} round {fr.number}, certified"
        f" {fr.certified_at} by {fr.certified_by}; it matches the sheet records",
        fr.contest,
        fr.number,
    )


# --- papers and export --------------------------------------------------------------------------


@dataclass(frozen=True)
class ReportOutcome:
    path: Path
    papers: list[str]
    pages: int
    status: str


def report(
    db: ElectionDB,
    contest: str,
    round: int | None,
    out: Path,
    attendance: bool = False,
    ballots: bool = False,
    composition_sheet: bool = False,
    *,
    operator: Session | None = None,
) -> ReportOutcome:
    """Print a round's papers. Without options: the 计票结果报告单 and the 当选名单; with
    options: just the papers asked for (attendance, ballots per box, composition)."""
    from huanjie_desktop.reports import tally_pdf
    from huanjie_desktop.reports.words import station_view

    require(db, operator, Action.VIEW)
    c = _contest(db, contest)
    info = _round(db, contest, round)
    assert_unaltered(db, contest, info.number)
    doc = _tally(db, contest, info.number)
    officials = _official_names(db, contest, _round_contenders(doc))
    papers: list[tally_pdf.Paper] = []
    if not (attendance or ballots or composition_sheet):
        papers += [tally_pdf.TallySheet(doc, officials), tally_pdf.ElectedList(doc, officials)]
    if attendance:
        # (as the round's attendance was fixed when its first ballot record came in)
        rows = repo.round_attendance_units(db, c, info.number)
        papers.append(tally_pdf.AttendanceSheet(doc, officials, rows))
    if ballots:
        boxes = [
            (b.box, b.station, b.issued, b.collected)
            for b in box_store.read_box_counts(db, contest, info.number)
        ]
        papers.append(tally_pdf.BallotBoxSheet(doc, officials, boxes))
    if composition_sheet:
        papers.append(tally_pdf.CompositionSheet(doc, officials))
    try:
        pages = tally_pdf.render(out, papers)
    except OSError as e:
        raise CountingRefused(
            f"无法写入 {out}：{why_zh(e)}", f"cannot write {out}: {why_en(e)}"
        ) from None
    names = [p.kind for p in papers]
    # (as printed: a station laptop's papers are provisional, not void for want of the
    # check-ins it never holds — `station_view`)
    status = str(station_view(doc)["status"])
    db.audit(
        "report.printed",
        {
            "contest": contest,
            "round": info.number,
            "papers": names,
            "file": out.name,
            "status": status,
            "digest": doc.get("digest"),
        },
    )
    return ReportOutcome(out, names, pages, status)


def _official_names(
    db: ElectionDB, contest: str, standing: Sequence[tuple[str, str | None]] = ()
) -> dict[str, list[str]]:
    """Names for the signature lines by role. An official among ``standing`` (the round's
    candidates and write-ins it elected or tied) signs nothing of that round: their line is
    left blank, for the one the presidium appoints in their place."""
    out: dict[str, list[str]] = {str(r): [] for r in OfficialRole}
    off = {code for code, _, _ in _officials_standing(db, contest, standing)}
    # (two people of one name on the roster: the line says which one signs, as the
    # certification box beside it does)
    notes = repo.namesake_notes(db)
    for o in repo.read_officials(db, contest):
        p = repo.read_person(db, o.person)
        name = (p.name + notes.get(o.person, "")) if p else o.person
        out[str(o.role)].append("" if o.person in off else name)
    return out


def all_tallies(db: ElectionDB, *, operator: Session | None = None) -> list[dict[str, Any]]:
    """Every round of every contest, in contest order."""
    require(db, operator, Action.VIEW)
    return _all_tallies(db)


def _all_tallies(db: ElectionDB) -> list[dict[str, Any]]:
    docs = []
    for c in repo.read_contests(db):
        for r in repo.read_rounds(db, c.code):
            docs.append(_tally(db, c.code, r.number))
    return docs


def export_xlsx(db: ElectionDB, out: Path, *, operator: Session | None = None) -> int:
    """Every contest's tally, every round, into one workbook; returns the number of rounds."""
    from huanjie_desktop.reports import xlsx_export

    require(db, operator, Action.EXPORT)
    docs = _all_tallies(db)
    election = repo.read_election(db)
    try:
        xlsx_export.write_tallies(out, election.name, docs)
    except OSError as e:
        raise CountingRefused(
            f"无法写入 {out}：{why_zh(e)}", f"cannot write {out}: {why_en(e)}"
        ) from None
    db.audit("export.xlsx", {"file": out.name, "rounds": len(docs)})
    return len(docs)


__all__ = [
    "DIGEST_SHOWN",
    "BallotContent",
    "Certified",
    "ConfirmOutcome",
    "CountingRefused",
    "DecisionOutcome",
    "DigestCheck",
    "ManualOutcome",
    "ReportOutcome",
    "RoundClosed",
    "RoundProposal",
    "all_tallies",
    "assert_round_open",
    "certify",
    "confirm",
    "decide",
    "export_xlsx",
    "manual_entry",
    "open_round",
    "parse_mark",
    "report",
    "result_digest",
    "review_list",
    "round_setup",
    "tally",
    "tally_result",
    "verify_digest",
    "verify_results",
]
