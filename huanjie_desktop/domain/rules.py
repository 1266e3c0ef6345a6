"""Rule defaults and the integer checks that come before voting: margin (差额) and quorum.

Every comparison is done in integers: "exceed half" is ``2 * n > base``, never a float.
"""

from __future__ import annotations

from dataclasses import dataclass

from huanjie_desktop.domain.model import ContestKind, Level, Method, QuorumRule, ThresholdBase

_PLENARY_KINDS = {ContestKind.STANDING, ContestKind.SECRETARY, ContestKind.DEPUTY_SECRETARY}


def default_quorum_rule(level: Level, kind: ContestKind) -> QuorumRule:
    """党代会 > 1/2; 全委会 (常委/书记/副书记, a basic-level committee's too) > 2/3; 党员大会
    > 4/5 (rules.md: by contest kind; a branch whose assembly elects its secretary itself
    sets 4/5 on that contest)."""
    if kind in _PLENARY_KINDS:
        return QuorumRule.TWO_THIRDS
    if level is Level.BASIC:
        return QuorumRule.FOUR_FIFTHS
    return QuorumRule.HALF


def default_threshold_base(level: Level) -> ThresholdBase:
    """Local congresses count on 应到 (expected), basic-level assemblies on 实到 (present)."""
    return ThresholdBase.EXPECTED if level is Level.LOCAL else ThresholdBase.PRESENT


def default_method(kind: ContestKind) -> Method:
    if kind in (ContestKind.SECRETARY, ContestKind.DEPUTY_SECRETARY):
        return Method.UNCONTESTED
    return Method.COMPETITIVE


def default_margin_pct(level: Level, kind: ContestKind, method: Method) -> int:
    """Minimum 差额比例 in percent: delegates 20%, committee/alternate/discipline 10% (local).

    Basic-level committees use 20%. Standing committees use "at least one more" (see
    ``minimum_candidates``), so their percentage is 0. Uncontested contests need none.
    """
    if method is Method.UNCONTESTED:
        return 0
    if kind is ContestKind.DELEGATE:
        return 20
    if kind in (ContestKind.STANDING, ContestKind.SECRETARY, ContestKind.DEPUTY_SECRETARY):
        return 0
    return 10 if level is Level.LOCAL else 20


def minimum_candidates(seats: int, margin_pct: int, kind: ContestKind, method: Method) -> int:
    """ceil(seats × (1 + margin)), in integers. 7 seats at 20% → 9.

    A competitive contest always needs at least one more candidate than seats.
    """
    if method is Method.UNCONTESTED:
        return seats
    need = seats + (seats * margin_pct + 99) // 100
    return max(need, seats + 1)


@dataclass(frozen=True)
class Margin:
    seats: int
    candidates: int
    minimum: int

    @property
    def difference(self) -> int:
        """差额数."""
        return self.candidates - self.seats

    @property
    def ratio_text(self) -> str:
        """差额比例 with one decimal, rounded half-up, e.g. '20.0%'."""
        if self.seats <= 0:
            return "—"
        return percent_text(self.difference, self.seats)

    @property
    def meets_minimum(self) -> bool:
        return self.candidates >= self.minimum


def percent_text(numerator: int, denominator: int) -> str:
    """numerator/denominator as a percentage with one decimal, half-up on exact decimals.

    8 of 11 → '72.7%'. Exact integer arithmetic: no float rounding surprises.
    """
    if denominator == 0:
        return "—"
    sign = "-" if (numerator < 0) != (denominator < 0) and numerator != 0 else ""
    n, d = abs(numerator), abs(denominator)
    tenths = (n * 1000 * 2 + d) // (2 * d)  # round half up
    return f"{sign}{tenths // 10}.{tenths % 10}%"


def quorum_met(present: int, expected: int, rule: QuorumRule) -> bool:
    """实到 must strictly exceed the rule's share of 应到: ``den * present > num * expected``."""
    num, den = rule.fraction
    return den * present > num * expected


def threshold_votes(base: int) -> int:
    """The smallest number of agree votes that is more than half of ``base``."""
    return base // 2 + 1


def exceeds_half(votes: int, base: int) -> bool:
    return 2 * votes > base
