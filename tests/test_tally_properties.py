"""The counting rules (rules.md) as properties and as one example per rule."""

from __future__ import annotations

import datetime as dt
from fractions import Fraction

from hypothesis import given, settings
from hypothesis import strategies as st

from huanjie_desktop.domain.model import (
    Candidate,
    ContestKind,
    Mark,
    Method,
    QuorumRule,
    RoundKind,
    ThresholdBase,
)
from huanjie_desktop.domain.rules import percent_text
from huanjie_desktop.domain.tally import (
    BallotRecord,
    Member,
    NoNextRound,
    ResultStatus,
    RoundSetup,
    WriteInVote,
    ballot_is_valid,
    choices,
    composition,
    count_ballots,
    decimal_text,
    elected_order,
    next_round,
    normalise_name,
    result_json,
    round_half_up,
    tally,
)

NAMES = [
    "王伟",
    "李娜",
    "张敏",
    "刘洋",
    "陈静",
    "杨磊",
    "赵强",
    "黄丽",
    "周军",
    "吴芳",
    "徐明",
    "孙杰",
]


def setup_for(
    n: int,
    seats: int,
    expected: int = 100,
    present: int | None = None,
    issued: int | None = None,
    collected: int | None = None,
    base: ThresholdBase = ThresholdBase.EXPECTED,
    kind: ContestKind = ContestKind.COMMITTEE,
    needs_mark: bool = True,
) -> RoundSetup:
    present = expected if present is None else present
    issued = present if issued is None else issued
    collected = issued if collected is None else collected
    cands = tuple(
        Candidate(f"c{i + 1:02d}", NAMES[i % len(NAMES)] + ("" if i < 12 else str(i)))
        for i in range(n)
    )
    method = Method.COMPETITIVE if n > seats else Method.UNCONTESTED
    return RoundSetup(
        "WY",
        1,
        kind,
        method,
        seats,
        cands,
        base,
        QuorumRule.HALF,
        needs_mark,
        expected,
        present,
        issued,
        collected,
    )


def ballots_of(rows: list[str]) -> list[BallotRecord]:
    return [BallotRecord(r) for r in rows]


# --- strategies ----------------------------------------------------------------------------

WRITEIN = st.builds(
    lambda col, mark, name, person: WriteInVote(col, mark, name, person if name else None),
    st.integers(1, 2),
    st.sampled_from(list(Mark)),
    st.sampled_from(["张三", "李四", " 张 三", "王五", ""]),
    st.sampled_from([None, "P1"]),
)


@st.composite
def random_rounds(draw: st.DrawFn) -> tuple[RoundSetup, list[BallotRecord]]:
    n = draw(st.integers(1, 8))
    seats = draw(st.integers(1, n))
    # full ballots (agree on exactly `seats` names) make people pass the threshold
    full = st.permutations(["A"] * seats + ["N"] * (n - seats)).map("".join)
    marks = st.text(alphabet="AAADN?", min_size=n, max_size=n) | full
    ballot = st.builds(
        BallotRecord,
        marks,
        st.sampled_from([True] * 5 + [False]),
        st.lists(WRITEIN, max_size=2).map(tuple),
    )
    # voters repeat a few patterns, as real electorates do
    pool = draw(st.lists(ballot, min_size=1, max_size=4))
    ballots = pool * draw(st.integers(0, 8)) + draw(
        st.lists(st.sampled_from(pool) | ballot, max_size=8)
    )
    k = len(ballots)
    expected = draw(st.integers(max(k, 1), max(k, 1) + 3))
    setup = setup_for(
        n,
        seats,
        expected=expected,
        present=expected,
        issued=k,
        collected=k,
        base=draw(st.sampled_from(list(ThresholdBase))),
    )
    return setup, ballots


@st.composite
def crowded_rounds(draw: st.DrawFn) -> tuple[RoundSetup, list[BallotRecord]]:
    """More people over the threshold than seats: every voter fills the ballot, rotating
    through the names, plus a few other ballots; ties at the cut-off are common."""
    seats = draw(st.integers(2, 5))
    n = seats + draw(st.integers(1, 2))
    pattern = "A" * seats + "N" * (n - seats)
    rotations = [pattern[i:] + pattern[:i] for i in range(n)]
    extra = st.permutations(list(pattern)).map("".join)
    rows = rotations * draw(st.integers(1, 4)) + draw(st.lists(extra, max_size=4))
    k = len(rows)
    setup = setup_for(n, seats, expected=k, issued=k, collected=k)
    return setup, ballots_of(rows)


def rounds() -> st.SearchStrategy[tuple[RoundSetup, list[BallotRecord]]]:
    return random_rounds() | crowded_rounds()


# --- properties ----------------------------------------------------------------------------


@settings(max_examples=100, deadline=None)
@given(rounds())
def test_never_more_elected_than_seats(case: tuple[RoundSetup, list[BallotRecord]]) -> None:
    setup, ballots = case
    r = tally(setup, ballots)
    assert len(r.elected) + r.unfilled_seats == setup.seats
    assert len(r.elected) <= setup.seats
    assert r.tie_seats <= r.unfilled_seats


@settings(max_examples=100, deadline=None)
@given(rounds())
def test_nobody_elected_at_or_below_half(case: tuple[RoundSetup, list[BallotRecord]]) -> None:
    setup, ballots = case
    r = tally(setup, ballots)
    for c in r.elected:
        assert 2 * c.agree > r.base
        assert c.agree >= r.threshold
    for c in r.tie:
        assert 2 * c.agree > r.base


@settings(max_examples=100, deadline=None)
@given(rounds())
def test_each_candidate_adds_up_to_valid_ballots(
    case: tuple[RoundSetup, list[BallotRecord]],
) -> None:
    setup, ballots = case
    r = tally(setup, ballots)
    assert r.valid_ballots + r.void_ballots == len(ballots)
    for c in r.candidates:
        assert c.agree + c.disagree + c.abstain == r.valid_ballots


@settings(max_examples=100, deadline=None)
@given(rounds(), st.randoms(use_true_random=False))
def test_result_does_not_depend_on_sheet_order(
    case: tuple[RoundSetup, list[BallotRecord]], rnd: object
) -> None:
    import random

    setup, ballots = case
    shuffled = list(ballots)
    assert isinstance(rnd, random.Random)
    rnd.shuffle(shuffled)
    assert result_json(tally(setup, ballots)) == result_json(tally(setup, shuffled))


@settings(max_examples=100, deadline=None)
@given(rounds())
def test_counts_of_parts_add_up(case: tuple[RoundSetup, list[BallotRecord]]) -> None:
    """Counting in parts (as the fast path does) gives the same totals as counting at once."""
    setup, ballots = case
    n, seats = len(setup.candidates), setup.seats
    half = len(ballots) // 2
    whole = count_ballots(ballots, n, seats)
    parts = count_ballots(ballots[:half], n, seats) + count_ballots(ballots[half:], n, seats)
    assert whole == parts


@settings(max_examples=100, deadline=None)
@given(rounds())
def test_tie_only_when_it_decides_a_seat(case: tuple[RoundSetup, list[BallotRecord]]) -> None:
    setup, ballots = case
    r = tally(setup, ballots)
    if r.tie:
        votes = {c.agree for c in r.tie}
        assert len(votes) == 1
        assert len(r.tie) > r.tie_seats > 0
        assert all(e.agree > next(iter(votes)) for e in r.elected)


# --- examples, one per rule ----------------------------------------------------------------


def test_exact_half_is_not_enough() -> None:
    # base 10 (expected): 5 agree is exactly half → not elected; 6 → elected
    setup = setup_for(3, 2, expected=10, present=10, issued=10, collected=10)
    rows = ["AAN"] * 5 + ["DAN"] * 1 + ["NNN"] * 4
    r = tally(setup, ballots_of(rows))
    by = {c.code: c for c in r.candidates}
    assert r.threshold == 6
    assert by["c01"].agree == 5 and not by["c01"].elected
    assert by["c02"].agree == 6 and by["c02"].elected
    assert r.unfilled_seats == 1 and r.supplementary_seats == 1


def test_threshold_on_present_for_basic_level() -> None:
    setup = setup_for(
        2, 1, expected=20, present=17, issued=17, collected=17, base=ThresholdBase.PRESENT
    )
    r = tally(setup, ballots_of(["AN"] * 9 + ["NN"] * 8))
    assert r.base == 17 and r.threshold == 9
    assert [c.code for c in r.elected] == ["c01"]


def test_tie_at_cut_off_goes_to_revote() -> None:
    setup = setup_for(4, 2, expected=12)
    # c01 10 votes; c02 and c03 7 each (threshold 7); c04 none: seat 2 is tied
    rows = ["AANN"] * 5 + ["ANAN"] * 5 + ["NAAN"] * 2
    r = tally(setup, ballots_of(rows))
    assert [c.agree for c in r.candidates] == [10, 7, 7, 0]
    assert [c.code for c in r.elected] == ["c01"]
    assert sorted(c.code or "" for c in r.tie) == ["c02", "c03"]
    assert r.tie_seats == 1 and r.unfilled_seats == 1 and r.supplementary_seats == 0
    nxt = next_round(r, RoundKind.TIE)
    assert nxt.seats == 1 and {c.code for c in nxt.contenders} == {"c02", "c03"}
    try:
        next_round(r, RoundKind.SUPPLEMENTARY)
    except NoNextRound as exc:
        assert exc.code == "tie_first"
    else:
        raise AssertionError("supplementary round allowed despite a tie")


def test_tie_that_fills_exactly_the_seats_elects_both() -> None:
    setup = setup_for(3, 2, expected=10)
    r = tally(setup, ballots_of(["AAN"] * 7 + ["NND"] * 3))
    assert {c.code for c in r.elected} == {"c01", "c02"} and not r.tie


def test_tie_below_threshold_does_not_matter() -> None:
    setup = setup_for(3, 1, expected=10)
    r = tally(setup, ballots_of(["ANN"] * 8 + ["NAA"] * 2))
    assert [c.code for c in r.elected] == ["c01"] and not r.tie


def test_a_void_the_sheets_contradict_stays_provisional() -> None:
    """发出 10, 10 sheets counted, 收回 typed 11: the round was void (certifiable, forcing a
    re-vote) without a word that only 10 sheets exist."""
    setup = setup_for(2, 1, expected=10, issued=10, collected=11)
    r = tally(setup, ballots_of(["AN"] * 10))
    assert r.status is ResultStatus.PROVISIONAL and not r.elected
    assert r.reasons == ("collected_exceeds_issued", "sheets_differ_from_collected")
    try:
        next_round(r, RoundKind.SUPPLEMENTARY)
    except NoNextRound as exc:
        assert exc.code == "provisional" and "11" in exc.zh and "核对" in exc.zh
    else:
        raise AssertionError
    # no sheet on record yet: the boxes alone say void
    assert tally(setup, []).status is ResultStatus.VOID
    # no quorum: void whatever the sheets say
    short = setup_for(2, 1, expected=10, present=4, issued=10, collected=11)
    assert tally(short, ballots_of(["AN"] * 10)).status is ResultStatus.VOID


def test_more_collected_than_issued_voids_the_round() -> None:
    setup = setup_for(2, 1, expected=10, issued=10, collected=11)
    r = tally(setup, ballots_of(["AN"] * 11))
    assert not r.round_valid and r.status is ResultStatus.VOID
    assert not r.elected and r.unfilled_seats == 1
    assert "collected_exceeds_issued" in r.reasons
    try:
        next_round(r, RoundKind.SUPPLEMENTARY)
    except NoNextRound as exc:
        assert exc.code == "void"
    else:
        raise AssertionError


def test_quorum_not_met_voids() -> None:
    setup = setup_for(2, 1, expected=10, present=5, issued=5, collected=5)
    r = tally(setup, ballots_of(["AN"] * 5))
    assert not r.quorum_met and r.status is ResultStatus.VOID


def test_no_quorum_before_any_ballot_record_waits() -> None:
    """Short of a quorum with no box count and no sheet yet (check-in going on): the round
    waits, the reason said, never void; with a box count or a sheet, void as before."""
    from dataclasses import replace

    before = replace(setup_for(2, 1, expected=10, present=4, issued=0), boxes_entered=False)
    r = tally(before, [])
    assert r.status is ResultStatus.PROVISIONAL and "quorum_not_met" in r.reasons
    assert not r.elected
    try:
        next_round(r, RoundKind.FORMAL)
    except NoNextRound as exc:
        assert exc.code == "provisional" and "到会人数尚未达到规定" in exc.zh
    else:
        raise AssertionError
    assert tally(before, ballots_of(["AN"])).status is ResultStatus.VOID  # a sheet is in
    issued = setup_for(2, 1, expected=10, present=4, issued=4, collected=0)
    assert tally(replace(issued, boxes_entered=False), []).status is ResultStatus.VOID
    assert tally(setup_for(2, 1, expected=10, present=4, issued=0), []).status is ResultStatus.VOID


def test_over_vote_voids_the_whole_ballot() -> None:
    setup = setup_for(3, 2, expected=4)
    over = BallotRecord("AAA")
    with_writein = BallotRecord("AAN", True, (WriteInVote(1, Mark.AGREE, "张三"),))
    blank_column_circle = BallotRecord("AAN", True, (WriteInVote(1, Mark.AGREE, ""),))
    assert not ballot_is_valid(over, 2)
    assert not ballot_is_valid(with_writein, 2)
    assert ballot_is_valid(blank_column_circle, 2)
    r = tally(setup, [over, with_writein, blank_column_circle, BallotRecord("ANN")])
    assert r.void_ballots == 2 and r.over_voted == 2 and r.valid_ballots == 2


def test_a_name_nobody_can_read_is_a_choice_and_no_vote() -> None:
    """rules.md: "choosing" counts the write-ins marked ○. A name written that nobody can
    read chooses someone (over-vote) and gives nobody a vote; an empty column chooses
    nobody; × above it, or no ○ where the contest asks for one, chooses nobody."""

    def unread(mark: Mark, column: int = 1) -> WriteInVote:
        return WriteInVote(column, mark, illegible=True)

    setup = setup_for(3, 2, expected=10)
    over = BallotRecord("AAN", True, (unread(Mark.AGREE),))
    two = BallotRecord("ANN", True, (unread(Mark.AGREE, 1), unread(Mark.AGREE, 2)))
    fits = BallotRecord("ANN", True, (unread(Mark.AGREE),))
    crossed = BallotRecord("AAN", True, (unread(Mark.DISAGREE),))
    unmarked = BallotRecord("AAN", True, (unread(Mark.ABSTAIN),))
    assert [choices(b) for b in (over, two, fits, crossed, unmarked)] == [3, 3, 2, 2, 2]
    r = tally(setup, [over, two, fits, crossed, unmarked])
    assert (r.valid_ballots, r.over_voted) == (3, 2)
    assert r.writeins == () and r.writeins_illegible == 1
    assert "writeins_illegible" in result_json(r)
    # where a name counts without ○, so does one nobody can read
    assert not ballot_is_valid(unmarked, 2, needs_mark=False)
    # (a tally with none says nothing of them: results certified before keep their form)
    assert "writeins_illegible" not in result_json(tally(setup, [crossed]))


def test_blank_ballot_is_valid_and_abstains() -> None:
    setup = setup_for(2, 1, expected=3)
    r = tally(setup, ballots_of(["NN", "AN", "AN"]))
    assert r.valid_ballots == 3
    assert r.candidates[0].abstain == 1 and r.candidates[1].abstain == 3


def test_unreadable_mark_counts_as_no_mark_for_that_candidate_only() -> None:
    setup = setup_for(2, 1, expected=3)
    r = tally(setup, ballots_of(["?A", "AN", "AN"]))
    by = {c.code: c for c in r.candidates}
    assert r.valid_ballots == 3
    assert by["c01"].agree == 2 and by["c01"].abstain == 1
    assert by["c02"].agree == 1


def test_decided_void_counts_as_void() -> None:
    setup = setup_for(2, 1, expected=3)
    r = tally(setup, [BallotRecord("AN", valid=False), BallotRecord("AN"), BallotRecord("AN")])
    assert r.void_ballots == 1 and r.over_voted == 0


def test_pending_review_is_provisional_and_elects_nobody() -> None:
    setup = setup_for(2, 1, expected=3)
    r = tally(setup, ballots_of(["AN", "AN", "AN"]), pending_review=1)
    assert r.status is ResultStatus.PROVISIONAL and not r.elected
    assert "pending_review" in r.reasons


def test_writein_elected_and_merged_per_person() -> None:
    setup = setup_for(2, 2, expected=5)
    ws = [
        BallotRecord("DN", True, (WriteInVote(1, Mark.AGREE, "张三", "P7"),)),
        BallotRecord("DN", True, (WriteInVote(1, Mark.AGREE, "张三", "P7"),)),
        BallotRecord("AN", True, (WriteInVote(1, Mark.AGREE, "张 三"),)),
        BallotRecord("AN", True, (WriteInVote(1, Mark.AGREE, "张三"),)),
        BallotRecord("AN", True, (WriteInVote(1, Mark.AGREE, "李四", "P8"),)),
        # a name without ○ is not a vote (default setting)
        BallotRecord("AN", True, (WriteInVote(1, Mark.ABSTAIN, "张三", "P7"),)),
    ]
    setup = setup_for(2, 2, expected=6)
    r = tally(setup, ws)
    by = {(w.person, w.name): w.agree for w in r.writeins}
    assert by == {("P7", "张三"): 2, (None, "张三"): 2, ("P8", "李四"): 1}
    # give P7 one more vote and the same person passes the threshold
    ws.append(BallotRecord("NN", True, (WriteInVote(1, Mark.AGREE, "张三", "P7"),)))
    ws.append(BallotRecord("NN", True, (WriteInVote(1, Mark.AGREE, "张三", "P7"),)))
    setup = setup_for(2, 2, expected=8)
    r = tally(setup, ws)
    elected = [(c.code, c.person, c.agree) for c in r.elected]
    assert (None, "P7", 4) not in elected  # 4 of 8 is exactly half
    ws.append(BallotRecord("NN", True, (WriteInVote(1, Mark.AGREE, "张三", "P7"),)))
    setup = setup_for(2, 2, expected=9)
    r = tally(setup, ws)
    assert (None, "P7", 5) in [(c.code, c.person, c.agree) for c in r.elected]
    assert normalise_name(" 张 三（女）") == "张三"


def test_writein_without_mark_counts_when_the_contest_says_so() -> None:
    setup = setup_for(1, 1, expected=3, needs_mark=False)
    ballots = [BallotRecord("N", True, (WriteInVote(1, Mark.ABSTAIN, "张三"),))] * 2
    ballots.append(BallotRecord("N", True, (WriteInVote(1, Mark.DISAGREE, "张三"),)))
    r = tally(setup, ballots)
    assert [(w.name, w.agree, w.elected) for w in r.writeins] == [("张三", 2, True)]


def test_uncontested_round() -> None:
    setup = setup_for(2, 2, expected=6)
    assert setup.method is Method.UNCONTESTED
    rows = ["AA", "AA", "AD", "AN", "DA", "NN"]
    r = tally(setup, ballots_of(rows))
    assert {c.code for c in r.elected} == {"c01"}  # 4 of 6; c02 has 3: exactly half
    assert r.candidates[1].agree == 3 and not r.candidates[1].elected
    r = tally(setup, ballots_of(["AA", "AA", "DD", "NN", "DA", "DA"]))
    assert {c.code for c in r.elected} == {"c02"}
    assert next_round(r, RoundKind.SUPPLEMENTARY).seats == 1


def test_supplementary_round_takes_the_unelected_by_votes() -> None:
    setup = setup_for(5, 3, expected=10)
    rows = ["AANNN"] * 6 + ["NNAAN"] * 1 + ["NNNAA"] * 3
    r = tally(setup, ballots_of(rows))
    assert {c.code for c in r.elected} == {"c01", "c02"}
    nxt = next_round(r, RoundKind.SUPPLEMENTARY)
    assert nxt.seats == 1
    assert [(c.code, c.agree) for c in nxt.contenders] == [("c04", 4), ("c05", 3), ("c03", 1)]


def test_alternates_by_votes_then_strokes() -> None:
    setup = setup_for(4, 3, expected=10, kind=ContestKind.ALTERNATE)
    # c01 王伟 8, c02 李娜 8, c03 张敏 9, c04 刘洋 1
    rows = ["AAAN"] * 7 + ["AANA"] + ["NNAN"] * 2
    r = tally(setup, ballots_of(rows))
    order = elected_order(r.elected, ContestKind.ALTERNATE)
    assert [c.name for c in order] == ["张敏", "王伟", "李娜"]  # 王 (4) before 李 (7)
    committee = elected_order(r.elected, ContestKind.COMMITTEE)
    assert [c.name for c in committee] == ["王伟", "李娜", "张敏"]
    secretary = elected_order(r.elected, ContestKind.SECRETARY)
    assert [c.code for c in secretary] == ["c01", "c02", "c03"]


def test_shares_are_exact_and_rounded_half_up() -> None:
    setup = setup_for(1, 1, expected=248, present=240, issued=240, collected=239)
    rows = ["A"] * 230 + ["D"] * 4 + ["N"] * 2
    r = tally(setup, ballots_of(rows) + [BallotRecord("A", valid=False)] * 3)
    c = r.candidates[0]
    assert c.share_valid == Fraction(230, 236) and c.share_base == Fraction(230, 248)
    j = result_json(r)
    assert j["candidates"][0]["share_valid"] == 0.9746
    assert j["candidates"][0]["share_base"] == 0.9274
    assert j["threshold"] == 125 and j["valid_ballots"] == 236 and j["void_ballots"] == 3
    assert j["status"] == "final" and j["candidates"][0]["elected"]
    assert round_half_up(Fraction(1, 8), 2) == 0.13  # 0.125 → 0.13 (half-up)


def test_percentages_half_up() -> None:
    assert percent_text(8, 11) == "72.7%"
    assert decimal_text(1, 8, 2) == "0.13" and decimal_text(25, 2, 1) == "12.5"


def test_composition_of_those_elected() -> None:
    on = dt.date(2021, 7, 28)
    members = [
        Member(
            f"p{i}",
            "女" if i < 8 else "男",
            "汉族" if i else "回族",
            "1990-08" if i == 0 else "1970-01",
            "大学",
        )
        for i in range(11)
    ]
    comp = composition(members, on)
    j = comp.to_json()
    assert j["women"] == {"count": 8, "percent": "72.7%"}
    assert j["minorities"]["count"] == 1
    assert j["under_35"]["count"] == 1  # born 1990-08: 30 on 2021-07-28
    assert j["average_age"] == decimal_text(30 + 51 * 10, 11, 1) == "49.1"
    assert j["education"] == [{"level": "大学", "count": 11, "percent": "100.0%"}]


def test_the_settings_say_a_margin_of_one_candidate_not_zero_percent() -> None:
    """A standing committee's 差额 is 1 to 2 more candidates than seats, no percentage: its
    paper said "最低差额比例 0%", as though no margin were asked."""
    from huanjie_desktop.domain.tally import Settings

    def first(pct: int) -> str:
        s = Settings(ThresholdBase.EXPECTED, QuorumRule.TWO_THIRDS, pct, True, Method.COMPETITIVE)
        return s.lines_zh()[0]

    assert first(0) == "选举方式：差额选举，候选人多于应选名额"
    assert first(10) == "选举方式：差额选举，最低差额比例 10%"
