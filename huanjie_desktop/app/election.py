"""Creating an election file from a definition, status per contest, and check-in (报到)."""

from __future__ import annotations

import json
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from huanjie_desktop.app.accounts import Action, Session, require
from huanjie_desktop.domain.ballot_code import new_key
from huanjie_desktop.domain.definition import (
    Definition,
    DefinitionRefused,
    Validation,
    validate_definition,
)
from huanjie_desktop.domain.model import Contest, Problem, RoundStatus
from huanjie_desktop.domain.name_order import Flag, sort_items
from huanjie_desktop.domain.rules import Margin, minimum_candidates, quorum_met
from huanjie_desktop.storage import repo
from huanjie_desktop.storage.db import ElectionDB, create_election_file


def load_definition_source(
    path: Path, notes: list[Problem] | None = None
) -> tuple[Any, dict[str, str]]:
    """Read DEF (.json or .xlsx) into the JSON shape, plus a map JSON path → sheet/row/column;
    what a workbook's reading should tell the clerk (a column left out, merged cells filled
    in) is appended to ``notes``."""
    if not path.exists():
        raise DefinitionRefused(
            [Problem(str(path), "missing_file", f"找不到文件 {path}", f"file {path} not found")]
        )
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        from huanjie_desktop.reports.workbook import read_definition_workbook

        try:
            return read_definition_workbook(path, notes)
        except DefinitionRefused as exc:
            if exc.partial is None:
                raise
            # Cells the workbook could not take (an ID number Excel made a number): said
            # together with every other problem of the definition, in the rows' order.
            more = validate_source(*exc.partial)
            errors = _in_row_order(exc.problems + more.errors)
            raise DefinitionRefused(errors + more.warnings) from None
    if path.suffix.lower() != ".json":
        raise DefinitionRefused(
            [
                Problem(
                    str(path),
                    "file_type",
                    f"不能读取 {path.suffix or '无扩展名'} 文件：选举定义请用 Excel 工作簿（.xlsx，"
                    "可用“huanjie template”生成模板；.xls 或 .csv 请先在 Excel/WPS 中另存为 .xlsx）"
                    "或 JSON 文件（.json）",
                    f"cannot read a {path.suffix or 'extension-less'} file: give the definition as"
                    " an Excel workbook (.xlsx; `huanjie template` writes one to fill in; save an"
                    " .xls or .csv as .xlsx in Excel/WPS first) or a JSON file (.json)",
                )
            ]
        )
    try:
        return json.loads(path.read_text(encoding="utf-8-sig")), {}
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise DefinitionRefused(
            [Problem(str(path), "json", f"不是有效的 JSON 文件：{exc}", f"not valid JSON: {exc}")]
        ) from None


def _in_row_order(problems: list[Problem]) -> list[Problem]:
    """Problems sheet by sheet (in the order first named), row by row."""
    import re

    def place(p: Problem) -> tuple[str, int]:
        m = re.match(r"(\S+)\s*第(\d+)行", p.where)
        return (m.group(1), int(m.group(2))) if m else (p.where, 0)

    first: dict[str, int] = {}
    for p in problems:
        first.setdefault(place(p)[0], len(first))
    return sorted(problems, key=lambda p: (first[place(p)[0]], place(p)[1]))


def validate_source(data: Any, locations: dict[str, str]) -> Validation:
    from huanjie_desktop.reports.fonts import first_unprintable

    result = validate_definition(data, first_unprintable)
    if locations:
        result.problems = [_relocate(p, locations) for p in result.problems]
    return result


def _relocate(p: Problem, locations: dict[str, str]) -> Problem:
    where = p.where
    # longest known prefix of the JSON path wins: $.people[3].id_number → 名单 第5行 身份证号码
    best = ""
    for key in locations:
        if (where == key or where.startswith((key + ".", key + "["))) and len(key) > len(best):
            best = key
    if not best:
        return p
    return Problem(
        locations[best] if best == where else locations.get(where, locations[best]),
        p.code,
        p.message_zh,
        p.message_en,
        p.warning,
    )


def ballot_order(contest: Contest) -> tuple[list[str], list[Flag]]:
    """Candidate codes in 姓氏笔画 order (书记/副书记: as given, the approved order)."""
    from huanjie_desktop.domain.model import ContestKind

    if contest.kind in (ContestKind.SECRETARY, ContestKind.DEPUTY_SECRETARY):
        return [c.code for c in contest.candidates], []
    ordered, flags = sort_items(list(contest.candidates), lambda c: c.name)
    return [c.code for c in ordered], list(flags)


@dataclass(frozen=True)
class InitResult:
    path: Path
    definition: Definition
    warnings: list[Problem]
    order_flags: dict[str, list[Flag]]


def init_election(path: Path, source: Path, operator: str) -> InitResult:
    """Create FILE.huanjie from a definition; all-or-nothing."""
    notes: list[Problem] = []
    data, locations = load_definition_source(source, notes)
    result = validate_source(data, locations)
    result.problems[:0] = notes
    if result.definition is None:
        raise DefinitionRefused(result.errors + result.warnings)
    return create_from_definition(
        path, result.definition, operator, result.warnings, source.name, check_ballots=True
    )


def create_from_definition(
    path: Path,
    d: Definition,
    operator: str,
    warnings: list[Problem] | None = None,
    source_name: str = "",
    check_ballots: bool = False,
) -> InitResult:
    """Write the election file; with ``check_ballots`` each contest's ballot is laid out as
    it will print, and one that cannot be (a note too long, too many names) is said in the
    warnings now, with what stops it, rather than on the day of printing."""
    orders: dict[str, list[str]] = {}
    flags: dict[str, list[Flag]] = {}
    for c in d.contests:
        orders[c.code], flags[c.code] = ballot_order(c)
    db = create_election_file(path, operator)
    try:
        with db.transaction():
            repo.write_definition(db, d, orders)
            db.set_meta("ballot_key", new_key().hex())
            db.audit(
                "election.created",
                {
                    "source": source_name,
                    "name": d.election.name,
                    "units": len(d.units),
                    "people": len(d.people),
                    "contests": [c.code for c in d.contests],
                },
            )
    except BaseException:
        db.close()
        path.unlink(missing_ok=True)
        for suffix in ("-wal", "-shm"):
            Path(str(path) + suffix).unlink(missing_ok=True)
        raise
    told = list(warnings or [])
    try:
        if check_ballots:
            from huanjie_desktop.app.ballots import ballot_fit_problem

            for c in d.contests:
                problem = ballot_fit_problem(db, c.code)
                if problem is not None:
                    told.append(problem)
    finally:
        db.close()
    return InitResult(path, d, told, flags)


@dataclass(frozen=True)
class ContestStatus:
    code: str
    title: str
    kind: str
    method: str
    seats: int
    candidates: int
    minimum_candidates: int
    margin: Margin
    expected: int
    present: int
    quorum_rule: str
    quorum_met: bool
    rounds: int
    latest_round: int
    latest_status: str
    #: The open round whose attendance was fixed when its ballots began to come in (the
    #: numbers above are then that round's), 0 if none; ``present_now``: check-ins now.
    fixed_round: int = 0
    present_now: int = 0
    #: A later round (另行选举, 再次投票) open now: its number, kind, seats and candidates
    #: (``seats``, ``candidates`` and ``margin`` above stay the formal list's, which the
    #: 差额 rule is about); None while round 1 is the one under way, or none is open.
    open_round: tuple[int, str, int, int] | None = None
    #: A 预选: ``seats`` is the number of formal candidates it selects.
    preselection: bool = False

    def to_json(self) -> dict[str, Any]:
        return {
            "fixed_round": self.fixed_round,
            "present_now": self.present_now,
            "open_round": None
            if self.open_round is None
            else dict(zip(("round", "kind", "seats", "candidates"), self.open_round, strict=True)),
            "contest": self.code,
            "title": self.title,
            "kind": self.kind,
            "method": self.method,
            "seats": self.seats,
            "candidates": self.candidates,
            "minimum_candidates": self.minimum_candidates,
            "margin": {
                "difference": self.margin.difference,
                "ratio": self.margin.ratio_text,
                "meets_minimum": self.margin.meets_minimum,
            },
            "expected": self.expected,
            "present": self.present,
            "quorum_rule": self.quorum_rule,
            "quorum_met": self.quorum_met,
            "rounds": self.rounds,
            "latest_round": self.latest_round,
            "latest_round_status": self.latest_status,
            **({"preselection": True} if self.preselection else {}),
        }


def contest_status(db: ElectionDB) -> list[ContestStatus]:
    out = []
    from huanjie_desktop.app.stations import is_station

    station = is_station(db)  # (no check-ins there: no round's attendance is fixed there)
    for c in repo.read_contests(db):
        expected, present = repo.expected_present(db, c)
        present_now = present
        rounds = repo.read_rounds(db, c.code)
        fixed_round = 0
        if rounds and not station:
            # (voting has begun, or the round is certified: that round's numbers are fixed —
            # a certified contest showed today's check-ins, its result the numbers it had)
            fixed = repo.round_attendance(db, c.code, rounds[-1].number)
            if fixed is not None:
                (expected, present), fixed_round = fixed, rounds[-1].number
        need = minimum_candidates(c.seats, c.margin_min_pct, c.kind, c.method)
        # (the formal list, on round 1's ballot: a write-in person who goes on to a tie
        # re-vote joins the contest's candidates to be printed, not its 差额)
        listed = len(rounds[0].candidates) if rounds else len(c.candidates)
        latest = rounds[-1] if rounds else None
        under_way = (
            (latest.number, str(latest.kind), latest.seats, len(latest.candidates))
            if latest is not None and latest.number > 1 and latest.status is RoundStatus.OPEN
            else None
        )
        out.append(
            ContestStatus(
                c.code,
                c.title,
                str(c.kind),
                str(c.method),
                c.seats,
                listed,
                need,
                Margin(c.seats, listed, need),
                expected,
                present,
                str(c.quorum_rule),
                quorum_met(present, expected, c.quorum_rule),
                len(rounds),
                rounds[-1].number if rounds else 0,
                str(rounds[-1].status) if rounds else "",
                fixed_round,
                present_now,
                under_way,
                c.preselection,
            )
        )
    return out


@dataclass(frozen=True)
class CheckinOutcome:
    token: str  # what was typed: a person code or a badge code
    person: str | None
    name: str
    status: str  # "checked_in" | "already" | "unknown" | "no_vote" | "undone" | "not_checked_in"


def rounds_under_way(db: ElectionDB) -> list[tuple[str, int, int, int]]:
    """Rounds whose ballots have begun to come in, not yet certified or void: (contest
    code, round, 应到, 实到 fixed for it). A check-in now changes none of them
    (`repo.fix_round_attendance`); the desk is told so."""
    out = []
    for c in repo.read_contests(db):
        rounds = repo.read_rounds(db, c.code)
        if not rounds or str(rounds[-1].status) != "open":
            continue
        fixed = repo.round_attendance(db, c.code, rounds[-1].number)
        if fixed is not None:
            out.append((c.code, rounds[-1].number, *fixed))
    return out


def rounds_at_stations(db: ElectionDB) -> list[tuple[str, int, list[str]]]:
    """Open rounds whose attendance is not fixed here yet while station laptops count them:
    (contest code, round, the stations). Voting may have begun there: a check-in now counts
    in such a round only if made before its first ballot record at any station — known when
    that station's package is imported here (`repo.fix_round_attendance`)."""
    from huanjie_desktop.app.stations import hearings

    out = []
    for c in repo.read_contests(db):
        rounds = repo.read_rounds(db, c.code)
        if not rounds or str(rounds[-1].status) != "open":
            continue
        number = rounds[-1].number
        if repo.round_attendance(db, c.code, number) is None:
            names = [h.station for h in hearings(db, c.code, number)]
            if names:
                out.append((c.code, number, names))
    return out


def check_in(
    db: ElectionDB, tokens: list[str], undo: bool = False, *, operator: Session | None = None
) -> list[CheckinOutcome]:
    """Check people in by person code or badge code (as typed by a badge scanner).

    Needs the ``prepare`` right (the admin at the registration desk), not ``scan``: who is
    present sets the quorum and the base the result is measured against, so the people who
    count the ballots do not also decide who was there. Refused on a station laptop (the
    attendance is kept on the main laptop)."""
    require(db, operator, Action.PREPARE)
    out = []
    for raw in tokens:
        # (a code typed with the input method's full-width letters and digits: Ｐ０００１)
        token = unicodedata.normalize("NFKC", raw).strip()
        if not token:
            continue
        typed = repo.person_typed(db, token)
        code = typed.code if typed else repo.person_by_badge(db, token)
        person = typed or (repo.read_person(db, code) if code else None)
        if person is None:
            out.append(CheckinOutcome(token, None, "", "unknown"))
            continue
        if undo:
            done = repo.remove_checkin(db, person.code)
            out.append(
                CheckinOutcome(
                    token, person.code, person.name, "undone" if done else "not_checked_in"
                )
            )
            continue
        done = repo.add_checkin(db, person.code)
        status = "checked_in" if done else "already"
        if done and not person.has_vote:
            status = "no_vote"
        out.append(CheckinOutcome(token, person.code, person.name, status))
    return out
