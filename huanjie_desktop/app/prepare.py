"""Preparing an election after the file exists: edit units, people, contests, candidates and
scrutineers; import the roster again from Excel and export it; and what each contest still
needs before the vote. Every change is checked by the same rules as ``huanjie init`` (all
problems at once, as values) and written to the audit log under the operator's name.

Rights: every function that changes the definition first refuses on a station laptop
(`assert_definition_editable`) and then asks for the ``prepare`` right of the signed-in
``operator`` (`accounts.require`; ``operator=None`` is fine while the file has no account).
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from huanjie_desktop.app.accounts import Action, Session, require
from huanjie_desktop.app.election import ContestStatus, contest_status, validate_source
from huanjie_desktop.app.stations import assert_definition_editable
from huanjie_desktop.domain.definition import (
    CODE_RE,
    UNIT_NAME,
    DefinitionRefused,
    clean_name,
    code_without_zeros,
    namesakes,
    namesakes_words,
    note_identity,
    strip_annotation,
    unprintable_text,
)
from huanjie_desktop.domain.idnumber import clean_id_number
from huanjie_desktop.domain.layout import BallotLayout
from huanjie_desktop.domain.model import (
    Candidate,
    Contest,
    ContestKind,
    Level,
    Method,
    OfficialRole,
    Person,
    Problem,
    QuorumRule,
    ThresholdBase,
    Unit,
)
from huanjie_desktop.domain.name_order import OPENING, Flag, sort_items
from huanjie_desktop.domain.rules import (
    default_margin_pct,
    default_method,
    default_quorum_rule,
    default_threshold_base,
)
from huanjie_desktop.storage import prepare_repo, repo
from huanjie_desktop.storage.db import ElectionDB

# Problems that describe a contest still being filled in; shown live and in readiness, they
# do not stop anyone from saving the settings or a roster entry.
_IN_PROGRESS = {"margin", "uncontested_count", "unit_without_voters"}
_MANUAL_ORDER_KINDS = {ContestKind.SECRETARY, ContestKind.DEPUTY_SECRETARY}
# Warnings that a note after a name disagrees with the gender or ethnicity column, "printed
# under the name on the ballot".
_NOTE_AGAINST_COLUMN = {"gender_mismatch", "ethnicity_mismatch"}


def _refuse(where: str, code: str, zh: str, en: str) -> DefinitionRefused:
    return DefinitionRefused([Problem(where, code, zh, en)])


# --- the file as a definition ---------------------------------------------------------------


def definition_json(db: ElectionDB, *, candidate_names: bool = True) -> dict[str, Any]:
    """The open file in the JSON shape of ``huanjie init`` (and of the Excel workbook)."""
    election = repo.read_election(db)
    officials = repo.read_officials(db)
    contests = []
    for c in repo.read_contests(db):
        contests.append(
            {
                "code": c.code,
                "title": c.title,
                "kind": str(c.kind),
                "method": str(c.method),
                "seats": c.seats,
                "unit": c.unit,
                "ballot_style": str(c.ballot_style),
                "writein_columns": c.writein_columns,
                "threshold_base": str(c.threshold_base),
                "quorum_rule": str(c.quorum_rule),
                "margin_min_pct": c.margin_min_pct,
                "margin_reason": c.margin_reason,
                "writein_needs_mark": c.writein_needs_mark,
                **({"preselection": True} if c.preselection else {}),
                "candidates": [_candidate_json(k, candidate_names) for k in c.candidates],
                "officials": [
                    {"person": o.person, "role": str(o.role)}
                    for o in officials
                    if o.contest == c.code
                ],
            }
        )
    return {
        "election": {
            "name": election.name,
            "date": election.date.isoformat(),
            "level": str(election.level),
        },
        "units": [{"code": u.code, "name": u.name} for u in repo.read_units(db)],
        "people": [person_json(p) for p in repo.read_people(db)],
        "contests": contests,
    }


def _candidate_json(k: Candidate, with_name: bool) -> dict[str, Any]:
    out: dict[str, Any] = {"code": k.code}
    if with_name or k.person is None:
        out["name"] = k.name
    if k.person is not None:
        out["person"] = k.person
    if k.annotation:
        out["annotation"] = k.annotation
    return out


def person_json(p: Person) -> dict[str, Any]:
    out: dict[str, Any] = {"code": p.code, "name": p.name, "has_vote": p.has_vote}
    for key in (
        "gender",
        "ethnicity",
        "birth",
        "native_place",
        "id_number",
        "education",
        "party_join",
        "work_start",
        "workplace",
        "category",
    ):
        value = getattr(p, key)
        if value:
            out[key] = value
    if p.unit is not None:
        out["unit"] = p.unit
    return out


def _under(problem: Problem, path: str) -> bool:
    return problem.where == path or problem.where.startswith((path + ".", path + "["))


# --- readiness --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Check:
    """One thing a contest needs before the vote; ``page`` is where to fix it."""

    key: str  # candidates | officials | quorum | ballots
    ok: bool
    zh: str
    en: str
    page: str


@dataclass(frozen=True)
class ContestReadiness:
    status: ContestStatus
    checks: tuple[Check, ...]
    chief: str  # the chief scrutineer's name, "" if none
    scrutineers: int
    counters: int
    printed: int  # usable sheets printed for real for the latest round (spoiled ones left out)

    @property
    def ready(self) -> bool:
        return all(c.ok for c in self.checks)


def readiness(db: ElectionDB) -> list[ContestReadiness]:
    out = []
    names = {p.code: p.name for p in repo.read_people(db)}
    for s in contest_status(db):
        officials = repo.read_officials(db, s.code)
        chiefs = [o for o in officials if o.role is OfficialRole.CHIEF_SCRUTINEER]
        scrut = sum(1 for o in officials if o.role is OfficialRole.SCRUTINEER)
        counters = sum(1 for o in officials if o.role is OfficialRole.COUNTER)
        printed = prepare_repo.printed_sheets(db, s.code, s.latest_round or None, usable=True)
        checks = []
        if s.margin.meets_minimum and (s.method != "uncontested" or s.candidates == s.seats):
            checks.append(
                Check(
                    "candidates",
                    True,
                    f"候选人 {s.candidates} 名，符合要求",
                    f"{s.candidates} candidates: enough",
                    "prep.contests",
                )
            )
        elif s.method == "uncontested":
            checks.append(
                Check(
                    "candidates",
                    False,
                    f"等额选举需候选人 {s.seats} 名，现有 {s.candidates} 名",
                    f"uncontested: needs {s.seats} candidates, has {s.candidates}",
                    "prep.contests",
                )
            )
        else:
            checks.append(
                Check(
                    "candidates",
                    False,
                    f"候选人不足：至少需要 {s.minimum_candidates} 名，现有 {s.candidates} 名",
                    f"too few candidates: needs {s.minimum_candidates}, has {s.candidates}",
                    "prep.contests",
                )
            )
        if chiefs and scrut:
            checks.append(
                Check(
                    "officials",
                    True,
                    f"已指定总监票人和监票人 {scrut} 名",
                    f"chief scrutineer and {scrut} scrutineer(s) appointed",
                    "prep.contests",
                )
            )
        else:
            missing_zh = "总监票人" if not chiefs else "监票人"
            missing_en = "chief scrutineer" if not chiefs else "scrutineers"
            checks.append(
                Check(
                    "officials",
                    False,
                    f"尚未指定{missing_zh}",
                    f"no {missing_en} appointed yet",
                    "prep.contests",
                )
            )
        num, den = QuorumRule(s.quorum_rule).fraction
        if s.quorum_met:
            checks.append(
                Check(
                    "quorum",
                    True,
                    f"到会人数已达到法定人数（实到 {s.present}，应到 {s.expected}）",
                    f"quorum met ({s.present} present of {s.expected})",
                    "prep.checkin",
                )
            )
        else:
            need = s.expected * num // den + 1
            checks.append(
                Check(
                    "quorum",
                    False,
                    f"到会人数未达到法定人数：实到 {s.present}，至少需要 {need}",
                    f"quorum not met: {s.present} present, at least {need} needed",
                    "prep.checkin",
                )
            )
        if s.fixed_round and printed >= s.present > 0:
            # (voting has begun or is over: ballots go to those present — a certified
            # contest was "not ready", 240 printed for 248 expected with 240 present)
            checks.append(
                Check(
                    "ballots",
                    True,
                    f"已印制选票 {printed} 张（第 {s.fixed_round} 轮实到 {s.present} 人）",
                    f"{printed} ballots printed ({s.present} present for round {s.fixed_round})",
                    "prep.ballots",
                )
            )
        elif printed >= s.expected > 0:
            checks.append(
                Check(
                    "ballots",
                    True,
                    f"已印制选票 {printed} 张（应到 {s.expected} 人）",
                    f"{printed} ballots printed ({s.expected} expected voters)",
                    "prep.ballots",
                )
            )
        elif printed:
            checks.append(
                Check(
                    "ballots",
                    False,
                    f"已印制选票 {printed} 张，少于应到人数 {s.expected}",
                    f"{printed} ballots printed: fewer than the {s.expected} expected voters",
                    "prep.ballots",
                )
            )
        else:
            checks.append(
                Check("ballots", False, "尚未印制选票", "no ballots printed yet", "prep.ballots")
            )
        out.append(
            ContestReadiness(
                s,
                tuple(checks),
                names.get(chiefs[0].person, chiefs[0].person) if chiefs else "",
                scrut,
                counters,
                printed,
            )
        )
    return out


# --- units ----------------------------------------------------------------------------------


def save_unit(db: ElectionDB, unit: Unit, *, is_new: bool, operator: Session | None = None) -> None:
    assert_definition_editable(db)
    require(db, operator, Action.PREPARE)
    code, name = unit.code.strip(), unit.name.strip()
    problems = []
    if not CODE_RE.match(code):
        problems.append(
            Problem(
                "$.units.code",
                "code",
                f"编号“{code}”只能用字母、数字、- 和 _，最长24位",
                f"code {code!r} may only use letters, digits, - and _ (max 24)",
            )
        )
    if not name:
        problems.append(Problem("$.units.name", "missing", "缺少“名称”", "name is missing"))
    from huanjie_desktop.reports.fonts import first_unprintable

    # (checked as the definition's units are: the cards and the attendance sheet print it)
    if blank := unprintable_text("$.units.name", name, UNIT_NAME, first_unprintable):
        problems.append(blank)
    units = repo.read_units(db)
    known = {u.code for u in units}
    if is_new and code not in known:
        other = next((k for k in known if k.casefold() == code.casefold()), None)
        if other is not None:
            problems.append(
                Problem(
                    "$.units.code",
                    "duplicate",
                    f"选举单位编号“{code}”与“{other}”只有大小写不同：请改用不同的编号",
                    f"unit code {code!r} differs from {other!r} only in case: give another code",
                )
            )
    twin = next((u.code for u in units if u.name == name and u.code != code), None)
    if name and twin is not None:
        problems.append(
            Problem(
                "$.units.name",
                "same_name",
                f"选举单位名称“{name}”已由 {twin} 使用：请用不同的名称（按名称找单位时会无法区分）",
                f"the unit name {name!r} is already {twin}'s: give another name (found by"
                " name, they could not be told apart)",
            )
        )
    if is_new and code in known:
        problems.append(
            Problem(
                "$.units.code",
                "duplicate",
                f"选举单位编号“{code}”已存在",
                f"unit code {code!r} already exists",
            )
        )
    if not is_new and code not in known:
        problems.append(
            Problem("$.units.code", "unknown_unit", f"没有选举单位“{code}”", f"no unit {code!r}")
        )
    if problems:
        raise DefinitionRefused(problems)
    with db.transaction() as con:
        new = prepare_repo.upsert_unit(con, Unit(code, name))
        db.audit("unit.saved", {"code": code, "name": name, "new": new})


# --- people -----------------------------------------------------------------------------------


def check_person(db: ElectionDB, p: Person, *, is_new: bool) -> list[Problem]:
    """Every problem with one roster entry (errors and warnings), paths like $.people[i].id_number."""
    data = definition_json(db, candidate_names=False)
    people = data["people"]
    codes = [q["code"] for q in people]
    problems: list[Problem] = []
    if is_new:
        if p.code in codes:
            problems.append(
                Problem(
                    "$.people[0].code",
                    "duplicate",
                    f"代表编号“{p.code}”已被 {people[codes.index(p.code)]['name']} 使用",
                    f"person code {p.code!r} is already used by {people[codes.index(p.code)]['name']}",
                )
            )
            return problems
        people.append(person_json(p))
        index = len(people) - 1
    else:
        if p.code not in codes:
            return [Problem("$.people[0].code", "unknown", f"名单中没有 {p.code}", f"no {p.code}")]
        index = codes.index(p.code)
        people[index] = person_json(p)
    # A note typed after the name ('李娜（满族）') is kept apart, as `huanjie init` keeps it:
    # the name is 李娜, the note is printed under it on the ballots of the person's contests
    # (`save_person`). Checked as it will print.
    name, note = strip_annotation(p.name)
    if note:
        for k in (k for c in data["contests"] for k in c["candidates"]):
            if k.get("person") == p.code:
                k["annotation"] = note
    mine = f"$.people[{index}]"
    result = validate_source(data, {})
    problems += [
        dataclasses.replace(q, where=q.where.replace(mine, "$.people[0]", 1))
        for q in result.problems
        if _under(q, mine)
        and q.code != "same_name"
        # (a code kept as it was — a file made before codes differing only in case, or in
        # leading zeros, were refused: its people can still be corrected)
        and not (q.code in ("code_case", "code_zeros") and not is_new)
    ]
    # (a candidate renamed to another candidate's name: the contest's own problem, not the
    # roster row's — said here, on the name, with what to type)
    problems += _person_namesakes(db, p.code, name, note)
    if note and not any(k.person == p.code for c in repo.read_contests(db) for k in c.candidates):
        # (a note kept nowhere: that it disagrees with the gender, "printed under the name",
        # is no longer true; that it is not kept is)
        problems = [q for q in problems if q.code not in _NOTE_AGAINST_COLUMN]
        problems.append(_note_not_kept("$.people[0].name", p.code, name, note))
    twins = [q for q in people if q["name"] == name and q["code"] != p.code]
    if twins:
        others = "、".join(f"{q['code']}" for q in twins)
        problems.append(
            Problem(
                "$.people[0].name",
                "same_name",
                f"名单中已有同名的人（{others}），请确认是不同的人",
                f"someone else has the same name ({others}); make sure they are different people",
                warning=True,
            )
        )
    return problems


def _person_namesakes(db: ElectionDB, person: str, name: str, note: str) -> list[Problem]:
    """Errors on the roster entry's name when, renamed ``name`` (and noted ``note``, if
    given), a candidate ``person`` could not be told apart on some contest's ballot from
    another candidate (`namesakes`)."""
    out = []
    for c in repo.read_contests(db):
        cands = [
            dataclasses.replace(k, name=name, annotation=note or k.annotation)
            if k.person == person
            else k
            for k in c.candidates
        ]
        for group in namesakes(cands):
            if not any(k.person == person for k in group):
                continue
            mine = next(k for k in group if k.person == person)
            zh, en = _namesakes_told(c, mine, group)
            one, two = _note_examples(group)
            out.append(
                Problem(
                    "$.people[0].name",
                    "same_name",
                    f"{zh}：请在姓名后用括号注明区别，如“{name}{one}”或“{name}{two}”"
                    "（括号里的备注不算姓名，印在选票上姓名的下面），或核对姓名",
                    f"{en}: give a note in brackets after the name to tell them apart, e.g."
                    f" “{name}{one}” or “{name}{two}” (the note is no part of the name;"
                    " it is printed under it on the ballot), or check the name",
                )
            )
    return out


def _namesakes_told(c: Contest, mine: Candidate, group: list[Candidate]) -> tuple[str, str]:
    """Who ``mine`` cannot be told apart from on ``c``'s ballot (zh, en), without the advice."""
    others = [k for k in group if k is not mine]
    zh_others = "、".join(
        f"{k.name}{_bracketed(k.annotation)}（{k.person or k.code}）" for k in others
    )
    en_others = ", ".join(
        f"{k.name}{_bracketed(k.annotation)} ({k.person or k.code})" for k in others
    )
    if mine.annotation:
        return (
            f"“{c.title}”的候选人 {zh_others} 与 {mine.name}{_bracketed(mine.annotation)} 姓名相同，"
            "备注也相同（括号、空格不算区别），选票上无法区分",
            f"{c.title!r} has the candidate(s) {en_others}: the same name and the same note as"
            f" {mine.name}{_bracketed(mine.annotation)} (brackets and spaces tell nothing"
            " apart), and the ballot cannot tell them apart",
        )
    return (
        f"“{c.title}”已有同名的候选人 {zh_others}，选票上无法区分",
        f"{c.title!r} already has the candidate(s) {en_others} of the same name, and the"
        " ballot cannot tell them apart",
    )


def _note_examples(group: list[Candidate]) -> tuple[str, str]:
    """Two notes to suggest to tell a candidate apart from ``group`` (whose notes are alike):
    not theirs (suggesting '（女）' to tell apart from a '女' told nothing)."""
    taken = note_identity(group[0].annotation)
    one, two, *_ = [n for n in ("（女）", "（区直机关）", "（男）") if note_identity(n) != taken]
    return one, two


def _bracketed(note: str) -> str:
    """A note as a name's column prints it: in brackets."""
    if not note or note[:1] in OPENING:
        return note
    return f"（{note}）"


def _note_not_kept(where: str, person: str, name: str, note: str) -> Problem:
    """The warning for a note after the name of someone who stands in no contest."""
    return Problem(
        where,
        "note_not_kept",
        f"姓名后的备注“{note}”没有保存：备注只印在候选人的选票上，{name}（{person}）目前不是"
        f"候选人。列为候选人时，在选举事项页的选人框中连同备注写上，如“{person}{note}”",
        f"the note {note!r} after the name was not kept: notes are printed only under a"
        f" candidate's name on the ballot, and {name} ({person}) is not a candidate; when"
        f" making them one, type the note in the contests page's picker, e.g. “{person}{note}”",
        warning=True,
    )


def save_person(
    db: ElectionDB, p: Person, *, is_new: bool, operator: Session | None = None
) -> list[Problem]:
    """Add or change one roster entry; returns the warnings. Candidates linked to the person
    take the new name (the ballots of their contests change), and the note typed after it
    in brackets ('李娜（满族）': kept apart from the name, as `huanjie init` keeps it), if
    any, as theirs."""
    assert_definition_editable(db)
    require(db, operator, Action.PREPARE)
    p = dataclasses.replace(
        p, code=p.code.strip(), name=p.name.strip(), id_number=p.id_number.strip().upper()
    )
    problems = check_person(db, p, is_new=is_new)
    name, note = strip_annotation(p.name)
    if not is_new:
        # (a candidate's name is in the round's check code: once counting began, the
        # ballots still to scan would all be refused; the dialog asks about printed ones)
        problems += _ballots_renamed(
            db,
            repo.read_contests(db),
            {p.code: p},
            {p.code: (0, name, note)},
            {},
            printed_ok=True,
        )
    before = None if is_new else repo.read_person(db, p.code)
    if before is not None:
        problems += _person_replaced(db, before, p, name)
    if any(not q.warning for q in problems):
        raise DefinitionRefused(problems)
    p = dataclasses.replace(p, name=name)
    with db.transaction() as con:
        noted: list[str] = []
        if is_new:
            repo.insert_person(con, p, prepare_repo.next_ordinal(con, "people"))
            renamed: list[str] = []
        else:
            repo.update_person(con, p)
            renamed = prepare_repo.rename_person_candidates(con, p.code, p.name)
            _replace_renamed(db, renamed, p.code)
            if note:
                noted = prepare_repo.note_person_candidates(con, p.code, note)
        changed = (
            sorted(k for k, v in person_json(p).items() if person_json(before).get(k) != v)
            if before is not None
            else []
        )
        if before is not None:
            changed += sorted(set(person_json(before)) - set(person_json(p)))
        db.audit(
            "person.saved",
            {
                "code": p.code,
                "name": p.name,
                **({"was": before.name} if before is not None and before.name != p.name else {}),
                "new": is_new,
                "changed": changed,  # field names only: no ID numbers in the log
                "candidate_in": renamed,
                **({"note": note, "candidate_noted_in": noted} if noted else {}),
            },
        )
    told = [q for q in problems if q.warning]
    # (a longer name or note on the ballots of the person's contests: do they still fit?)
    for contest in sorted(set(renamed) | set(noted)):
        fit = ballot_fit_problem(db, contest)
        if fit is not None:
            told.append(fit)
    return told


def _person_replaced(db: ElectionDB, before: Person, p: Person, name: str) -> list[Problem]:
    """The person dialog's entry ``before`` made someone else (`_another_person`): the
    replacement delegate typed over the departed one. An error when the code is in use
    (`_in_use`: the check-in, card and candidacies would become the newcomer's), else a
    warning."""
    by = _another_person(before, name, p.id_number, p.birth)
    if by is None:
        return []
    code = before.code
    why = _in_use(db, before, _badge_units(db))
    head_zh = f"{code} 原来是 {before.name}，改成的 {name} 姓名和{by[0]}都不同：是另一个人。"
    head_en = f"{code} is {before.name}; {name} has another name and {by[1]}: another person. "
    advice_zh = (
        f"如果 {before.name} 出缺、由 {name} 替补，请把 {name} 作为新代表添加（新的编号），"
        f"并把 {before.name} 的“有选举权”改为否"
    )
    advice_en = (
        f"If {before.name} left and {name} replaces them, add {name} as a new delegate (a"
        f" new code) and set {before.name}'s 'has vote' to no"
    )
    if why:
        return [
            Problem(
                "$.people[0].name",
                "person_replaced",
                head_zh
                + f"{before.name}（{code}）{'、'.join(z for z, _ in why)}，保存后这些都会归到"
                f" {name} 名下，没有保存。" + advice_zh,
                head_en + f"{before.name} ({code}) {' and '.join(e for _, e in why)}: saved, this"
                f" would all belong to {name}; nothing was saved. " + advice_en,
            )
        ]
    return [
        Problem(
            "$.people[0].name",
            "person_replaced",
            head_zh + f"保存后 {code} 就是 {name}，请核对。" + advice_zh,
            head_en + f"Saved, {code} is {name}; please check. " + advice_en,
            warning=True,
        )
    ]


def delete_person(db: ElectionDB, code: str, *, operator: Session | None = None) -> None:
    assert_definition_editable(db)
    require(db, operator, Action.PREPARE)
    person = repo.read_person(db, code)
    if person is None:
        raise _refuse("$.people", "unknown", f"名单中没有 {code}", f"no {code} on the roster")
    refs = prepare_repo.person_references(db, code)
    if any(refs.values()):
        raise _refuse(
            "$.people",
            "in_use",
            f"{person.name}（{code}）是候选人、监票计票人员或已报到，不能删除；"
            "可把“有选举权”改为否",
            f"{person.name} ({code}) is a candidate, an official or checked in and cannot be "
            "deleted; set 'has vote' to no instead",
        )
    with db.transaction() as con:
        prepare_repo.delete_person(con, code)
        db.audit("person.deleted", {"code": code, "name": person.name})


# --- roster import / export -------------------------------------------------------------------


@dataclass(frozen=True)
class ImportSummary:
    added: int
    updated: int
    unchanged: int
    kept: int  # in the file but not in the workbook: left as they were
    units_added: int
    warnings: tuple[Problem, ...]
    # codes of people already in the file whose 有选举权 the import changed: it moves
    # 应到 (the quorum) and the base of the majority (also told in `warnings`)
    votes_changed: tuple[str, ...] = ()


def import_roster(
    db: ElectionDB,
    workbook: Path,
    *,
    operator: Session | None = None,
    printed_ok: bool = False,
) -> ImportSummary:
    """Read 选举单位 and 代表名单 from a definition workbook into this file: new codes are
    added, known codes updated; nobody is deleted. All problems at once, with sheet/row/column;
    nothing is written unless every row is valid.

    A column the sheet lacks leaves what the file has for it; a blank 有选举权 or 选举单位
    cell leaves an existing person's vote or unit as it is (told). Refused: unit cells left
    blank down a group while a contest is elected by unit (`units_left_blank`); a code that
    now names another person (`_identity_moves`); a candidate renamed once counting of
    their contest began; a candidate renamed after their contest's ballots are printed,
    unless ``printed_ok`` (the person was asked, as the person dialog asks)."""
    assert_definition_editable(db)
    require(db, operator, Action.PREPARE)
    from huanjie_desktop.reports.workbook import COLUMNS_KEY, SHEET_PEOPLE, read_definition_workbook

    if workbook.suffix.lower() not in (".xlsx", ".xlsm"):
        raise _refuse(
            str(workbook),
            "xlsx",
            "请选择 Excel 工作簿（.xlsx），即“写出空白 Excel 定义表”或“导出到 Excel”得到的文件",
            "choose an Excel workbook (.xlsx) made by the template or the export",
        )
    if not workbook.exists():
        raise _refuse(
            str(workbook), "missing_file", f"找不到文件 {workbook}", f"{workbook} not found"
        )
    notes: list[Problem] = []
    cells: list[Problem] = []
    current = definition_json(db, candidate_names=False)
    # (the file's contests elected by a unit: unit cells left blank down a group are refused)
    by_unit = [str(c["code"]) for c in current["contests"] if c.get("unit")]
    try:
        wb_data, locations = read_definition_workbook(
            workbook, notes, roster_only=True, unit_contests=by_unit
        )
    except DefinitionRefused as exc:
        if exc.partial is None:
            raise
        # (cells the workbook could not take — an ID number Excel made a number: said with
        # every other problem of the rows, not alone, the rest found only after it is fixed)
        (wb_data, locations), cells = exc.partial, list(exc.problems)
    wb_units = [u for u in wb_data.get("units", []) if isinstance(u, dict)]
    wb_people = [p for p in wb_data.get("people", []) if isinstance(p, dict)]
    columns = locations.get(f"{COLUMNS_KEY}{SHEET_PEOPLE}")
    present = set(columns.split()) if columns is not None else None
    vote_kept = _fill_from_file(wb_people, current["people"], present, locations)
    wb_unit_codes = {str(u.get("code", "")) for u in wb_units}
    wb_codes = {str(p.get("code", "")) for p in wb_people}
    units = wb_units + [u for u in current["units"] if u["code"] not in wb_unit_codes]
    people = wb_people + [p for p in current["people"] if p["code"] not in wb_codes]
    # A note written after a name ('李娜（满族）') is kept apart from it, as `huanjie init`
    # keeps it: the note of the person's candidacies, printed under the name. It is checked
    # as it will print (the namesakes it tells apart), and written so; a note in no cell
    # leaves the candidates' notes as they are (the export writes none in the name cells).
    rows: dict[str, tuple[int, str, str]] = {}  # code → (index, name, note) of a roster row
    for i, row in enumerate(wb_people):
        if isinstance(row.get("name"), str) and isinstance(row.get("code"), str):
            rows[row["code"].strip()] = (i, *strip_annotation(clean_name(row["name"])))
    for k in (k for c in current["contests"] for k in c["candidates"]):
        if k.get("person") in rows and rows[k["person"]][2]:
            k["annotation"] = rows[k["person"]][2]
    data = {
        "election": current["election"],
        "units": units,
        "people": people,
        "contests": current["contests"],
    }
    keep = {k: v for k, v in locations.items() if k.startswith(("$.people", "$.units"))}
    result = validate_source(data, keep)
    problems = [
        _at_file_person(q, wb_people, people, keep)
        for q in result.problems
        if not (q.code in _IN_PROGRESS and q.where.startswith("$.contests"))
        # (said below on the workbook's row, not on the file's person it resembles)
        and q.code not in ("code_case", "code_zeros")
        # (said below on the roster's rows that made them alike)
        and not (q.code == "same_name" and q.where.startswith("$.contests"))
    ]
    contests = repo.read_contests(db)
    problems += _roster_namesakes(contests, rows, keep)
    existing = {p.code: p for p in repo.read_people(db)}
    by_zeros = _codes_by_case(wb_people, existing, keep)
    # (a row refused for a file's code with other leading zeros is that person: not also
    # told it has their name)
    refused_at = {q.where.rsplit(" ", 1)[0] for q in by_zeros if q.code == "code_zeros"}
    problems = [
        q
        for q in problems
        if not (q.code == "same_name" and q.where.rsplit(" ", 1)[0] in refused_at)
    ]
    problems += by_zeros
    moves = _identity_moves(db, existing, wb_people, present, keep)
    problems += moves
    problems += _people_replaced(db, existing, wb_people, present, keep, {q.where for q in moves})
    problems += _ballots_renamed(db, contests, existing, rows, keep, printed_ok=printed_ok)
    # (what the reading says of the contests' sheets does not concern a roster import)
    other = tuple(f"工作表“{n}”" for n in ("选举事项", "候选人", "监票计票人员", "选举"))
    problems[:0] = cells + [q for q in notes if not q.where.startswith(other)]
    if any(not q.warning for q in problems):
        raise DefinitionRefused(problems)
    if not wb_people:
        raise _refuse(
            "工作表“代表名单”",
            "empty",
            "工作表“代表名单”中没有任何人，未导入",
            "the roster sheet is empty; nothing was imported",
        )
    told = _roster_notes_told(contests, rows, keep)
    # (a note kept nowhere: see `check_person`)
    dropped = {q.where for q in told if q.code == "note_not_kept"}
    problems = [
        q for q in problems if not (q.code in _NOTE_AGAINST_COLUMN and q.where in dropped)
    ] + told
    validated = _people_from(result.definition.people if result.definition else ())
    votes_changed = [
        code
        for code in (str(p["code"]) for p in wb_people)
        if code in existing and existing[code].has_vote != validated[code].has_vote
    ]
    problems += vote_kept + [
        _vote_changed(keep, rows[code][0] if code in rows else 0, existing[code])
        for code in votes_changed
    ]
    added = updated = unchanged = 0
    units_added = 0
    # who changed, for the audit log: code, name (and the name before, when it changed),
    # field names only — no ID numbers in the log (as `save_person` logs)
    changed: list[dict[str, Any]] = []
    with db.transaction() as con:
        for u in wb_units:
            if prepare_repo.upsert_unit(con, Unit(str(u["code"]), str(u["name"]))):
                units_added += 1
        for code in [str(p["code"]) for p in wb_people]:
            person = validated[code]
            before = existing.get(code)
            note = rows[code][2] if code in rows else ""
            if before is None:
                repo.insert_person(con, person, prepare_repo.next_ordinal(con, "people"))
                added += 1
                continue
            noted = prepare_repo.note_person_candidates(con, code, note) if note else []
            if before != person:
                repo.update_person(con, person)
                renamed = prepare_repo.rename_person_candidates(con, code, person.name)
                _replace_renamed(db, renamed, code)
                was, now = person_json(before), person_json(person)
                changed.append(
                    {
                        "code": code,
                        "name": person.name,
                        **({"was": before.name} if before.name != person.name else {}),
                        "fields": sorted(
                            k for k in set(was) | set(now) if was.get(k) != now.get(k)
                        ),
                    }
                )
            if before != person or noted:
                updated += 1
            else:
                unchanged += 1
        kept = len(existing) - updated - unchanged
        db.audit(
            "roster.imported",
            {
                "source": workbook.name,
                "added": added,
                "updated": updated,
                "unchanged": unchanged,
                "kept": kept,
                "units_added": units_added,
                **({"votes_changed": votes_changed} if votes_changed else {}),
                **({"changed": changed} if changed else {}),
            },
        )
    return ImportSummary(
        added,
        updated,
        unchanged,
        kept,
        units_added,
        tuple(q for q in problems if q.warning),
        tuple(votes_changed),
    )


def _codes_by_case(
    wb_people: list[dict[str, Any]], existing: dict[str, Person], keep: dict[str, str]
) -> list[Problem]:
    """Rows whose code differs only in case from another's (in the file or the sheet): one
    person at the check-in desk, which finds codes whatever their case, two on the roster."""
    seen = {code.casefold(): code for code in existing}
    out = _codes_by_zeros(wb_people, existing, keep)
    for i, row in enumerate(wb_people):
        code = str(row.get("code", ""))
        other = seen.setdefault(code.casefold(), code)
        if not code or other == code or code in existing:
            continue  # (a pair the file has from before this check: its rows may be updated)
        out.append(
            Problem(
                keep.get(f"$.people[{i}].code") or _row_where(keep, i),
                "code_case",
                f"编号“{code}”与{'文件中' if other in existing else '表中'}的“{other}”只有大小写"
                f"不同：报到时无法区分。如果是同一个人，请照原样写“{other}”；否则请改用不同的编号",
                f"code {code!r} differs from {other!r}"
                f" {'in the file' if other in existing else 'in the sheet'} only in case: the"
                f" check-in desk cannot tell them apart. If it is the same person, write"
                f" {other!r} as it is; otherwise give another code",
            )
        )
    return out


def _codes_by_zeros(
    wb_people: list[dict[str, Any]], existing: dict[str, Person], keep: dict[str, str]
) -> list[Problem]:
    """Rows whose code differs only in leading zeros (`code_without_zeros`) from a code in
    the file or another row's: '1' for the file's 0001 is the list sent back with 编号 made
    numbers by Excel — imported, it would be a second person beside 0001 (应到 counted twice,
    the update not made); '1' and '0001' on one sheet are one person to the check-in desk."""
    in_file: dict[str, str] = {}
    for code in existing:
        in_file.setdefault(code_without_zeros(code), code)
    in_sheet: dict[str, int] = {}  # `code_without_zeros` → the first row of the sheet with it
    out = []
    for i, row in enumerate(wb_people):
        code = str(row.get("code", ""))
        if not code:
            continue
        key = code_without_zeros(code)
        first = in_sheet.setdefault(key, i)
        where = keep.get(f"$.people[{i}].code") or _row_where(keep, i)
        if code in existing:
            continue  # (a pair the file has from before this check: its rows may be updated)
        other_code = in_file.get(key)
        if other_code is not None:
            person = existing[other_code]
            out.append(
                Problem(
                    where,
                    "code_zeros",
                    f"编号“{code}”与文件中 {person.name} 的编号“{other_code}”只差前面的 0，未导入"
                    f"（否则会多出一个人）。如果是同一个人，请照原样写“{other_code}”：Excel 多半把这一格的"
                    f"“{other_code}”存成了数字 {code}，请把编号列设为文本后重新输入，或把这些单元格的格式"
                    f"设为自定义“{'0' * len(other_code)}”；否则请改用不同的编号",
                    f"code {code!r} differs from {other_code!r} ({person.name}, in the file)"
                    f" only in leading zeros; nothing was imported (it would be a second"
                    f" person). If it is the same person, write {other_code!r} as it is: Excel"
                    f" likely stored it as the number {code} — make the code column text and type it again, or"
                    f" give those cells the custom format {'0' * len(other_code)!r}; otherwise"
                    " give another code",
                )
            )
            continue
        other = str(wb_people[first].get("code", ""))
        if first != i and other != code:
            there = keep.get(f"$.people[{first}]") or f"$.people[{first}]"
            out.append(
                Problem(
                    where,
                    "code_zeros",
                    f"编号“{code}”与{there}的“{other}”只差前面的 0：报到时无法区分（Excel 还会把"
                    " 0001 存成数字 1）。如果是同一个人，请删去重复的一行；否则请改用不同的编号",
                    f"code {code!r} differs from {other!r} ({there}) only in leading zeros: the"
                    " check-in desk cannot tell them apart (and Excel stores 0001 as the number"
                    " 1). If it is the same person, delete the repeated row; otherwise give"
                    " another code",
                )
            )
    return out


def _at_file_person(
    q: Problem, wb_people: list[dict[str, Any]], people: list[dict[str, Any]], keep: dict[str, str]
) -> Problem:
    """A problem the check placed on a person of the file the sheet does not list (after
    the sheet's rows in what is checked, so at `$.people[N]` with no cell): said on the
    sheet's row it concerns when it names one (a namesake), else on that person by name."""
    m = re.match(r"\$\.people\[(\d+)\]", q.where)
    if m is None or int(m.group(1)) < len(wb_people) or int(m.group(1)) >= len(people):
        return q
    person = people[int(m.group(1))]
    who = f"选举文件中的 {person.get('name', '')}（{person.get('code', '')}，不在这张表中）"
    if q.code == "same_name":
        codes = [str(p.get("code", "")) for p in wb_people]
        row = next(
            (i for i, c in enumerate(codes) if q.message_zh.startswith(f"与 {c} 同名")), None
        )
        if row is not None:
            return Problem(
                _row_where(keep, row),
                q.code,
                f"与{who}同名“{person.get('name', '')}”，请确认是不同的人",
                f"same name as {person.get('name', '')} ({person.get('code', '')}) in the"
                " election file; make sure they are different people",
                q.warning,
            )
    return Problem(who, q.code, q.message_zh, q.message_en, q.warning)


def _fill_from_file(
    rows: list[dict[str, Any]],
    people: list[dict[str, Any]],
    present: set[str] | None,
    locations: dict[str, str],
) -> list[Problem]:
    """Complete the workbook's rows of people already in the file (in place): a column the
    sheet lacks keeps the file's value (an office's list of 编号/姓名/选举单位 blanks nobody's
    ID number, nor gives a probationary member a vote); so does a blank 有选举权 cell — the
    vote moves 应到 and the base of the majority, and a blank says nothing — and a blank
    选举单位 cell of someone in a unit (a unit contest's 应到 counts its people). Returns the
    warnings of the votes and units kept so."""
    by_code = {str(p["code"]): p for p in people}
    told = []
    for i, row in enumerate(rows):
        before = by_code.get(str(row.get("code", "")))
        if before is None:
            continue
        if present is not None:
            for key, value in before.items():
                if key not in present and key not in row:
                    row[key] = value
        if (present is None or "has_vote" in present) and row.get("has_vote") is None:
            row["has_vote"] = before["has_vote"]
            told.append(
                Problem(
                    f"{locations.get(f'$.people[{i}]', f'$.people[{i}]')} “有选举权”列",
                    "vote_blank",
                    f"{before['name']}（{before['code']}）的“有选举权”是空的，保留原来的"
                    f"“{'是' if before['has_vote'] else '否'}”；如要改，请填写是或否后重新导入",
                    f"{before['name']} ({before['code']}): the 有选举权 cell is blank; the"
                    f" vote was kept as it was ({'yes' if before['has_vote'] else 'no'}); to"
                    " change it, write 是 or 否 and import again",
                    warning=True,
                )
            )
        if (
            (present is None or "unit" in present)
            and row.get("unit") is None
            and before.get("unit")
        ):
            row["unit"] = before["unit"]
            told.append(
                Problem(
                    f"{locations.get(f'$.people[{i}]', f'$.people[{i}]')} “选举单位”列",
                    "unit_kept",
                    f"{before['name']}（{before['code']}）的选举单位是空的，保留原来的"
                    f"“{before['unit']}”；如要改，请填写新的选举单位后重新导入",
                    f"{before['name']} ({before['code']}): the unit cell is blank; the unit was"
                    f" kept as it was ({before['unit']}); to change it, write the new unit and"
                    " import again",
                    warning=True,
                )
            )
    return told


def _vote_changed(keep: dict[str, str], index: int, before: Person) -> Problem:
    """The warning that an import changed an existing person's vote."""
    where = keep.get(f"$.people[{index}].has_vote") or _row_where(keep, index)
    was, now = ("是", "否") if before.has_vote else ("否", "是")
    return Problem(
        where,
        "vote_changed",
        f"{before.name}（{before.code}）的“有选举权”由“{was}”改为“{now}”：应到人数和"
        "当选所需票数的基数随之改变，请核对",
        f"{before.name} ({before.code}): 'has vote' changed from"
        f" {'yes' if before.has_vote else 'no'} to {'no' if before.has_vote else 'yes'};"
        " the number expected and the base of the majority change with it; please check",
        warning=True,
    )


def _identity(row: dict[str, Any], present: set[str] | None) -> tuple[str, Any] | None:
    """Who a workbook row says the person is, by what the sheet itself gives (not the
    values kept from the file): the ID number, else name and birth month, else the name."""

    def given(key: str) -> str:
        v = row.get(key)
        return str(v).strip() if v is not None and (present is None or key in present) else ""

    id_number = clean_id_number(given("id_number"))
    if id_number:
        return ("id", id_number)
    name = strip_annotation(clean_name(given("name")))[0]
    if not name:
        return None
    birth = given("birth")
    return ("birth", (name, birth)) if birth else ("name", name)


def _identity_of(p: Person, kind: str) -> Any:
    if kind == "id":
        return p.id_number.strip().upper() or None
    if kind == "birth":
        return (p.name, p.birth) if p.birth else None
    return p.name


def _in_use(db: ElectionDB, p: Person, badge_units: set[str | None]) -> list[tuple[str, str]]:
    """What ties a roster code to the person who has it (zh, en): candidacies, official
    posts, check-ins, a printed delegate card."""
    refs = prepare_repo.person_references(db, p.code)
    out = []
    if refs["candidates"]:
        out.append(("是候选人", "is a candidate"))
    if refs["officials"]:
        out.append(("是监票计票人员", "is an official"))
    if refs["checkins"]:
        out.append(("已报到", "is checked in"))
    if None in badge_units or p.unit in badge_units:
        out.append(("代表证已印制", "has a printed card"))
    return out


def _badge_units(db: ElectionDB) -> set[str | None]:
    """The units whose delegate cards were printed (None: everyone's)."""
    import json

    return {
        json.loads(r[0]).get("unit")
        for r in db.con.execute("SELECT detail FROM audit WHERE event = 'badges.printed'")
    }


def _identity_moves(
    db: ElectionDB,
    existing: dict[str, Person],
    wb_people: list[dict[str, Any]],
    present: set[str] | None,
    keep: dict[str, str],
) -> list[Problem]:
    """Rows whose code now names someone the file knows under another code: a list re-sent
    with a person inserted and 编号 renumbered in list order. Updated as it reads, every
    check-in, printed card and candidacy would belong to somebody else. An error on each such
    row when either code is in use (candidate, official, checked in, card printed), else a
    warning. The person is known by the ID number, else name and birth month, else a name
    nobody else on the roster has; a move only when the other code no longer says so."""
    owners: dict[tuple[str, Any], list[str]] = {}
    for p in existing.values():
        for kind in ("id", "birth", "name"):
            key = _identity_of(p, kind)
            if key is not None:
                owners.setdefault((kind, key), []).append(p.code)
    sheet = {str(r.get("code", "")): r for r in wb_people}
    badge_units = _badge_units(db)
    out = []
    for i, row in enumerate(wb_people):
        code = str(row.get("code", ""))
        said = _identity(row, present)
        if said is None:
            continue
        holders = owners.get(said, [])
        if code in holders or len(holders) != 1:
            continue  # (theirs already, or a name several people have: nothing to tell)
        other = existing[holders[0]]
        if other.code not in sheet or _identity(sheet[other.code], present) == said:
            # (the other code keeps them: a duplicate, which the definition's checks tell)
            continue
        kind = said[0]
        mine = existing.get(code)
        concerned = [q for q in (other, mine) if q is not None]
        uses = [
            (
                f"{q.name}（{q.code}）{'、'.join(z for z, _ in why)}",
                f"{q.name} ({q.code}) {' and '.join(e for _, e in why)}",
            )
            for q in concerned
            if (why := _in_use(db, q, badge_units))
        ]
        # (the name stayed with the code, only the ID number or birth moved: a correction
        # of swapped ID numbers, more likely than a renumbering — told, not refused)
        name = strip_annotation(clean_name(str(row.get("name") or "")))[0]
        corrected = mine is not None and kind != "name" and name == mine.name
        by = {
            "id": ("身份证号码", "ID number"),
            "birth": ("姓名和出生年月", "name and birth month"),
            "name": ("姓名", "name"),
        }[kind]
        was_zh = f"，原来的 {code} 是 {mine.name}" if mine is not None else ""
        was_en = f"; {code} is {mine.name} in the file" if mine is not None else ""
        why_zh = "；".join(z for z, _ in uses)
        why_en = "; ".join(e for _, e in uses)
        out.append(
            Problem(
                _row_where(keep, i),
                "identity_moved",
                f"编号 {code} 这一行是 {other.name}（{by[0]}与文件中的 {other.code} 相同）{was_zh}："
                "编号对应的人变了（名单重新编号了？）。"
                + (
                    f"其中{why_zh}，导入后报到、代表证和候选人都会归到别人名下，没有导入。"
                    if uses and not corrected
                    else "导入后编号所指的人将改变，请核对。"
                )
                + f"请保留原来的编号（{other.name} 仍用 {other.code}），新增的人用新的编号",
                f"the row of code {code} is {other.name} (the same {by[1]} as {other.code} in"
                f" the file){was_en}: the codes now name other people (was the list"
                " renumbered?). "
                + (
                    f"Of those concerned, {why_en}: imported, their check-ins, cards and"
                    " candidacies would belong to someone else; nothing was imported. "
                    if uses and not corrected
                    else "Imported, the code would name another person; please check. "
                )
                + f"Keep the old codes ({other.name} stays {other.code}) and give new people"
                " new codes",
                warning=not uses or corrected,
            )
        )
    return out


def _another_person(
    before: Person, name: str, id_number: str, birth: str
) -> tuple[str, str] | None:
    """What tells that ``name`` with ``id_number`` and ``birth`` (as given: blank is not
    given) is someone other than ``before`` — (zh, en) of the ID number, else the birth
    month — when the name and that both differ; None when it may be the same person (the
    name kept, or corrected under the same ID number, or nothing to tell them apart by)."""
    if not name or name == before.name:
        return None
    id_number = clean_id_number(id_number)
    if id_number and before.id_number.strip():
        if id_number != before.id_number.strip().upper():
            return ("身份证号码", "ID number")
        return None
    if birth and before.birth and birth != before.birth:
        return ("出生年月", "birth month")
    return None


def _people_replaced(
    db: ElectionDB,
    existing: dict[str, Person],
    wb_people: list[dict[str, Any]],
    present: set[str] | None,
    keep: dict[str, str],
    told: set[str],
) -> list[Problem]:
    """Rows whose code the file has but which are another person: the name and the ID
    number (else the birth month) both differ from the file's — a replacement delegate
    (替补) typed into the departed one's row. Updated as it reads, the old person's check-in
    (实到), printed card and candidacies would become the new one's. An error when the code
    is in use (`_in_use`), else a warning; the rows `_identity_moves` told of (``told``: a
    person the file has under another code) are not told twice. A changed name with the
    same ID number, or nothing to tell the two apart by, is a correction: not told here."""

    def given(row: dict[str, Any], key: str) -> str:
        v = row.get(key)
        return str(v).strip() if v is not None and (present is None or key in present) else ""

    badge_units = _badge_units(db)
    out = []
    for i, row in enumerate(wb_people):
        before = existing.get(str(row.get("code", "")))
        where = _row_where(keep, i)
        if before is None or where in told:
            continue
        name = strip_annotation(clean_name(given(row, "name")))[0]
        by = _another_person(before, name, given(row, "id_number"), given(row, "birth"))
        if by is None:
            continue
        code = before.code
        why = _in_use(db, before, badge_units)
        head_zh = (
            f"编号 {code} 在选举文件中是 {before.name}，这一行却是 {name}（姓名和{by[0]}都不同）："
            "编号对应的人变了。"
        )
        head_en = (
            f"code {code} is {before.name} in the election file, but this row is {name} (the"
            f" name and the {by[1]} both differ): the code now names another person. "
        )
        advice_zh = (
            f"如果 {before.name} 出缺、由 {name} 替补，请给 {name} 一个新的编号（新增一行），"
            f"{before.name}（{code}）这一行保留原来的姓名和身份证号码，“有选举权”改为否"
        )
        advice_en = (
            f"If {before.name} left and {name} replaces them, give {name} a new code (a new"
            f" row) and keep the row of {before.name} ({code}) as it was, with 'has vote'"
            " set to 否 (no)"
        )
        if why:
            out.append(
                Problem(
                    where,
                    "person_replaced",
                    head_zh
                    + f"{before.name}（{code}）{'、'.join(z for z, _ in why)}，导入后这些都会"
                    f"归到 {name} 名下，没有导入。" + advice_zh,
                    head_en + f"{before.name} ({code}) {' and '.join(e for _, e in why)}: imported,"
                    f" this would all belong to {name}; nothing was imported. " + advice_en,
                )
            )
        else:
            out.append(
                Problem(
                    where,
                    "person_replaced",
                    head_zh + f"导入后 {code} 就是 {name}，请核对。" + advice_zh,
                    head_en + f"Imported, {code} is {name}; please check. " + advice_en,
                    warning=True,
                )
            )
    return out


def _counting_begun(db: ElectionDB, contest: str) -> bool:
    return any(
        str(r.status) != "open" or prepare_repo.round_sheet_count(db, contest, r.number)
        for r in repo.read_rounds(db, contest)
    )


def _ballots_renamed(
    db: ElectionDB,
    contests: list[Contest],
    existing: dict[str, Person],
    rows: dict[str, tuple[int, str, str]],
    keep: dict[str, str],
    *,
    printed_ok: bool,
) -> list[Problem]:
    """Candidates the import renames (or notes anew) on the ballots of their contest: the
    name is in the round's fingerprint, so every ballot printed is refused on scanning.
    Refused once counting began; once ballots are printed, refused unless ``printed_ok``
    (code ``ballots_printed``: the GUI asks, as the person dialog asks, and imports again)."""
    out = []
    for c in contests:
        for k in c.candidates:
            if k.person not in rows or k.person not in existing:
                continue
            i, name, note = rows[k.person]
            if not name or (name == k.name and (not note or note == k.annotation)):
                continue
            if _counting_begun(db, c.code):
                out.append(
                    Problem(
                        _row_where(keep, i),
                        "counting",
                        f"{k.name}（{k.person}）是“{c.title}”的候选人，该事项已开始计票，"
                        f"姓名不能再改为“{name}{note}”：请在表中恢复原来的姓名后重新导入",
                        f"{k.name} ({k.person}) is a candidate of {c.title!r}, whose counting"
                        f" has begun: the name can no longer change to {name + note!r}; put"
                        " back the old name in the sheet and import again",
                    )
                )
            elif printed_sheets(db, c.code) and not printed_ok:
                out.append(
                    Problem(
                        _row_where(keep, i),
                        "ballots_printed",
                        f"{k.name}（{k.person}）是“{c.title}”的候选人，该事项已经印制了选票："
                        f"改为“{name}{note}”后已印制的选票作废（选票校验码改变），必须重新印制",
                        f"{k.name} ({k.person}) is a candidate of {c.title!r}, whose ballots"
                        f" are printed: renamed {name + note!r}, every printed ballot is void"
                        " (its check code changes) and must be printed again",
                    )
                )
    return out


def _row_where(keep: dict[str, str], index: int) -> str:
    """Where a roster row's name cell is in the workbook (its JSON path if unknown)."""
    path = f"$.people[{index}]"
    return keep.get(f"{path}.name") or keep.get(path) or f"{path}.name"


def _roster_namesakes(
    contests: list[Contest], rows: dict[str, tuple[int, str, str]], keep: dict[str, str]
) -> list[Problem]:
    """Candidates an imported roster would make alike on a ballot (`namesakes`): an error
    on each row that made them so (renamed, or noted alike), else on each of their rows in
    the workbook, else on the contest."""
    out = []
    for c in contests:
        cands = [
            dataclasses.replace(
                k, name=rows[k.person][1], annotation=rows[k.person][2] or k.annotation
            )
            if k.person in rows and rows[k.person][1]
            else k
            for k in c.candidates
        ]
        for group in namesakes(cands):
            before = {k.code: k for k in c.candidates}
            changed = [k for k in group if k != before[k.code]]
            blamed = changed or [k for k in group if k.person in rows]
            if not blamed:
                out.append(Problem(f"选举事项 {c.code}", "same_name", *namesakes_words(group)))
            for k in blamed:
                assert k.person is not None
                zh, en = _namesakes_told(c, k, group)
                one, two = _note_examples(group)
                out.append(
                    Problem(
                        _row_where(keep, rows[k.person][0]),
                        "same_name",
                        f"{zh}：请在这一格的姓名后用括号注明区别，如“{k.name}{one}”或"
                        f"“{k.name}{two}”（括号里的备注不算姓名，印在选票上姓名的下面），"
                        "或核对姓名",
                        f"{en}: write a note in brackets after the name in this cell to tell"
                        f" them apart, e.g. “{k.name}{one}” or “{k.name}{two}” (the note"
                        " is no part of the name; it is printed under it on the ballot), or"
                        " check the name",
                    )
                )
    return out


def _roster_notes_told(
    contests: list[Contest], rows: dict[str, tuple[int, str, str]], keep: dict[str, str]
) -> list[Problem]:
    """What an import does with the notes written after the names (warnings to read): a
    candidate's note it sets or replaces, a note it keeps nowhere."""
    out = []
    for code, (i, name, note) in rows.items():
        if not note or not name:
            continue
        mine = [(c, k) for c in contests for k in c.candidates if k.person == code]
        if not mine:
            out.append(_note_not_kept(_row_where(keep, i), code, name, note))
            continue
        for c, k in mine:
            if k.annotation == note:
                continue
            was_zh = f"（原备注“{k.annotation}”）" if k.annotation else ""
            was_en = f" (its note was {k.annotation!r})" if k.annotation else ""
            out.append(
                Problem(
                    _row_where(keep, i),
                    "note_set",
                    f"姓名后的备注“{note}”已作为 {name}（{code}）在“{c.title}”的候选人备注，"
                    f"印在选票上姓名的下面{was_zh}，请核对",
                    f"the note {note!r} after the name is now {name} ({code})'s note as a"
                    f" candidate in {c.title!r}, printed under the name on the ballot{was_en};"
                    " please check",
                    warning=True,
                )
            )
    return out


def _replace_renamed(db: ElectionDB, contests: list[str], person: str) -> None:
    """A candidate renamed through the roster (张天凯 corrected to 丁天凯) takes the place
    姓氏笔画 order gives the new name on the ballot — unless a person moved that name by
    hand (the move stands). Recorded; called inside the renaming transaction."""
    for contest in contests:
        c = repo.read_contest(db, contest)
        if c is None or c.kind in _MANUAL_ORDER_KINDS:
            continue
        try:
            number = _editable_round(db, contest)
        except DefinitionRefused:
            continue
        r = repo.read_round(db, contest, number)
        if r is None:
            continue
        moved = [k for k in r.candidates if k.person == person and k.code not in r.overridden]
        if not moved:
            continue
        before = [k.code for k in r.candidates]
        current = [k for k in r.candidates if k not in moved]
        for k in moved:
            current = [
                next(x for x in r.candidates if x.code == code)
                for code in _stroke_insert(current, k)
            ]
        order = [k.code for k in current]
        if order == before:
            continue
        repo.set_round_order(db, contest, number, order, set(r.overridden))
        for k in moved:
            db.audit(
                "candidate.order_renamed",
                {
                    "contest": contest,
                    "round": number,
                    "candidate": k.code,
                    "name": k.name,
                    "from": before.index(k.code) + 1,
                    "to": order.index(k.code) + 1,
                },
            )


def _people_from(people: tuple[Person, ...]) -> dict[str, Person]:
    return {p.code: p for p in people}


def export_workbook(db: ElectionDB, out: Path, *, operator: Session | None = None) -> int:
    """Write the file's definition (units, roster, contests, candidates, officials) as the
    Excel workbook; returns the number of people written. The roster carries ID numbers: it
    needs the export right."""
    require(db, operator, Action.EXPORT)
    from huanjie_desktop.reports.workbook import write_template

    data = definition_json(db)
    write_template(out, data)
    db.audit("export.xlsx", {"file": out.name, "people": len(data["people"])})
    return len(data["people"])


# --- contests ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class ContestDefaults:
    method: Method
    quorum_rule: QuorumRule
    threshold_base: ThresholdBase
    margin_min_pct: int


def contest_defaults(
    level: Level, kind: ContestKind, method: Method | None = None
) -> ContestDefaults:
    """The election rules' defaults for a new contest of ``kind`` (see domain.rules)."""
    m = method or default_method(kind)
    return ContestDefaults(
        m,
        default_quorum_rule(level, kind),
        default_threshold_base(level),
        default_margin_pct(level, kind, m),
    )


def _editable_round(db: ElectionDB, contest: str) -> int:
    """The round whose candidate list may still change (1), or a refusal."""
    rounds = repo.read_rounds(db, contest)
    if len(rounds) > 1:
        raise _refuse(
            "$.contests",
            "rounds",
            "本事项已进行到第2轮或以后，候选人名单不能再改",
            "this contest has later rounds; its candidate list can no longer change",
        )
    if rounds and (
        str(rounds[0].status) != "open" or prepare_repo.round_sheet_count(db, contest, 1)
    ):
        raise _refuse(
            "$.contests",
            "counting",
            "本事项已开始计票，候选人名单和选举规则不能再改",
            "counting has started for this contest; its candidates and rules can no longer change",
        )
    return 1


def orderable_round(db: ElectionDB, contest: str) -> int:
    """The round whose ballot order may still be set by hand, or a refusal: the first round
    while its list may change; a later round until a ballot of it is printed (its list was
    fixed when it was opened, not the order of names the stroke data cannot settle: a person
    confirms those on every ballot, rules.md)."""
    number = repo.latest_round(db, contest)
    if number is None or number == 1:
        return _editable_round(db, contest)
    r = repo.read_round(db, contest, number)
    if r is None or str(r.status) != "open" or prepare_repo.round_sheet_count(db, contest, number):
        raise _refuse(
            "$.contests",
            "counting",
            f"本事项第 {number} 轮已开始计票，选票上的顺序不能再改",
            f"counting has started for round {number} of this contest; its ballot order can no"
            " longer change",
        )
    printed = prepare_repo.printed_sheets(db, contest, number)
    if printed:
        raise _refuse(
            "$.contests",
            "printed",
            f"本事项第 {number} 轮的选票已印制 {printed} 张，选票上的顺序不能再改",
            f"{printed} ballots of round {number} of this contest are printed; its ballot order"
            " can no longer change",
        )
    return number


def check_contest(db: ElectionDB, c: Contest, *, is_new: bool) -> list[Problem]:
    """Problems with a contest's settings (paths like $.contests[0].seats); too few
    candidates is not one of them here: it is shown live and in the readiness list."""
    data = definition_json(db, candidate_names=False)
    codes = [k["code"] for k in data["contests"]]
    body: dict[str, Any] = {
        "code": c.code,
        "title": c.title,
        "kind": str(c.kind),
        "method": str(c.method),
        "seats": c.seats,
        "unit": c.unit,
        "ballot_style": str(c.ballot_style),
        "writein_columns": c.writein_columns,
        "threshold_base": str(c.threshold_base),
        "quorum_rule": str(c.quorum_rule),
        "margin_min_pct": c.margin_min_pct,
        "margin_reason": c.margin_reason,
        "writein_needs_mark": c.writein_needs_mark,
        **({"preselection": True} if c.preselection else {}),
        "candidates": [],
        "officials": [],
    }
    if is_new:
        if c.code in codes:
            return [
                Problem(
                    "$.contests[0].code",
                    "duplicate",
                    f"选举事项编号“{c.code}”已存在",
                    f"contest code {c.code!r} already exists",
                )
            ]
        data["contests"].append(body)
        index = len(codes)
    else:
        if c.code not in codes:
            return [Problem("$.contests[0].code", "unknown", f"没有 {c.code}", f"no {c.code}")]
        index = codes.index(c.code)
        old = data["contests"][index]
        body["candidates"], body["officials"] = old["candidates"], old["officials"]
        data["contests"][index] = body
    mine = f"$.contests[{index}]"
    result = validate_source(data, {})
    return [
        dataclasses.replace(q, where=q.where.replace(mine, "$.contests[0]", 1))
        for q in result.problems
        if _under(q, mine) and q.code not in _IN_PROGRESS
    ]


def save_contest(
    db: ElectionDB, c: Contest, *, is_new: bool, operator: Session | None = None
) -> list[Problem]:
    """Add a contest (with its first round) or change its rule settings; returns warnings."""
    assert_definition_editable(db)
    require(db, operator, Action.PREPARE)
    c = dataclasses.replace(c, code=c.code.strip(), title=c.title.strip())
    problems = check_contest(db, c, is_new=is_new)
    if any(not q.warning for q in problems):
        raise DefinitionRefused(problems)
    if not is_new:
        _editable_round(db, c.code)
    with db.transaction() as con:
        if is_new:
            repo.insert_contest(con, c, prepare_repo.next_ordinal(con, "contests"))
            prepare_repo.open_first_round(con, c.code, c.seats)
        else:
            prepare_repo.update_contest(con, c)
            prepare_repo.set_round_seats(con, c.code, 1, c.seats)
        db.audit(
            "contest.saved",
            {
                "code": c.code,
                "title": c.title,
                "new": is_new,
                "kind": str(c.kind),
                "method": str(c.method),
                "seats": c.seats,
                "unit": c.unit,
                "ballot_style": str(c.ballot_style),
                "writein_columns": c.writein_columns,
                "threshold_base": str(c.threshold_base),
                "quorum_rule": str(c.quorum_rule),
                "margin_min_pct": c.margin_min_pct,
                "margin_reason": c.margin_reason,
            },
        )
    told = [q for q in problems if q.warning]
    # (a style or write-in columns the list no longer fits with: said now, not at printing)
    fit = ballot_fit_problem(db, c.code)
    return [*told, fit] if fit is not None else told


def ballot_fit_problem(db: ElectionDB, contest: str) -> Problem | None:
    """Does the contest's ballot still fit a sheet (`ballots.ballot_fit_problem`)?"""
    from huanjie_desktop.app.ballots import ballot_fit_problem as fit

    return fit(db, contest)


def printed_sheets(db: ElectionDB, contest: str) -> int:
    """Ballots printed for real for the contest; changing it makes them invalid."""
    return prepare_repo.printed_sheets(db, contest)


# --- candidates and their order ---------------------------------------------------------------


def order_flags(db: ElectionDB, contest: str, number: int = 1) -> list[Flag]:
    """Names the stroke data cannot place for sure: a person confirms them before printing."""
    r = repo.read_round(db, contest, number)
    c = repo.read_contest(db, contest)
    if r is None or c is None or c.kind in _MANUAL_ORDER_KINDS:
        return []
    _ordered, flags = sort_items(list(r.candidates), lambda k: k.name)
    return flags


def _stroke_insert(current: list[Candidate], new: Candidate) -> list[str]:
    """Put ``new`` right after its stroke-order predecessor; everyone else keeps their place
    (manual moves survive)."""
    ordered, _ = sort_items([*current, new], lambda k: k.name)
    at = [k.code for k in ordered].index(new.code)
    codes = [k.code for k in current]
    if at == 0:
        return [new.code, *codes]
    before = ordered[at - 1].code
    i = codes.index(before) + 1
    return [*codes[:i], new.code, *codes[i:]]


def add_candidate(
    db: ElectionDB,
    contest: str,
    *,
    name: str = "",
    person: str | None = None,
    annotation: str = "",
    operator: Session | None = None,
) -> Candidate:
    """Add a candidate from the roster (``person``) or an outside person (``name``), placed in
    姓氏笔画 order (书记/副书记: at the end, their order is set by hand)."""
    assert_definition_editable(db)
    require(db, operator, Action.PREPARE)
    c = repo.read_contest(db, contest)
    if c is None:
        raise _refuse("$.contests", "unknown", f"没有选举事项 {contest}", f"no contest {contest}")
    number = _editable_round(db, contest)
    name, ann = strip_annotation(name)
    annotation = (annotation or ann).strip()
    where = "$.candidates[0]"
    if person is not None:
        p = repo.read_person(db, person)
        if p is None:
            raise _refuse(
                f"{where}.person",
                "unknown_person",
                f"名单中没有 {person}",
                f"{person} is not on the roster",
            )
        if name and name != p.name:
            raise _refuse(
                f"{where}.name",
                "name_mismatch",
                f"姓名“{name}”与名单中 {person} 的“{p.name}”不一致",
                f"{name!r} differs from the roster's {p.name!r}",
            )
        name = p.name
        if any(k.person == person for k in c.candidates):
            raise _refuse(
                f"{where}.person",
                "duplicate",
                f"{p.name}（{person}）已是本事项的候选人",
                f"{p.name} ({person}) is already a candidate in this contest",
            )
        roles = {
            o.role
            for o in repo.read_officials(db, contest)
            if o.person == person and o.role is not OfficialRole.COUNTER
        }
        if roles:
            raise _refuse(
                f"{where}.person",
                "scrutineer_is_candidate",
                f"{p.name} 是本事项的监票人，不能同时是候选人；请先撤销其监票人职务",
                f"{p.name} is a scrutineer in this contest and cannot be a candidate; remove that first",
            )
    if not name:
        raise _refuse(
            f"{where}.name", "missing", "缺少候选人姓名", "the candidate's name is missing"
        )
    # The checks `huanjie init` makes of a candidate's name and note (several names in one,
    # digits, a number, a heading, ○ for a missing character, a character that prints
    # blank…): the file with this candidate added, validated.
    mine = Candidate("", name, person, annotation)
    problems = _candidate_problems(db, c, mine, where)
    # Two of one name the ballot cannot tell apart (notes compared as printed): the
    # definition refuses it; adding one here did not — and ballots printed two "张伟".
    for group in namesakes([*c.candidates, mine]):
        if not any(k is mine for k in group):
            continue
        zh, en = _namesakes_told(c, mine, group)
        typed = person or name
        one, two = _note_examples(group)
        box_zh, box_en = ("选人框", "picker") if person else ("输入框", "box")
        problems.append(
            Problem(
                f"{where}.annotation",
                "same_name",
                f"{zh}：请给这一位注明区别，如在{box_zh}中写“{typed}{one}”或“{typed}{two}”"
                "（括号里的备注印在姓名下面）",
                f"{en}: give this one a note to tell them apart, e.g. type “{typed}{one}” or"
                f" “{typed}{two}” in the {box_en} (the note in brackets is printed under the"
                " name)",
            )
        )
    if problems:
        raise DefinitionRefused(problems)
    with db.transaction() as con:
        taken = prepare_repo.candidate_codes(con, contest)
        n = len(taken) + 1
        while f"c{n:02d}" in taken:
            n += 1
        cand = Candidate(f"c{n:02d}", name, person, annotation)
        r = repo.read_round(db, contest, number)
        current = list(r.candidates) if r is not None else []
        overridden = set(r.overridden) if r is not None else set()
        prepare_repo.insert_candidate(con, contest, cand)
        prepare_repo.add_to_round(con, contest, number, cand.code)
        if c.kind in _MANUAL_ORDER_KINDS:
            order = [k.code for k in current] + [cand.code]
        else:
            order = _stroke_insert(current, cand)
        repo.set_round_order(db, contest, number, order, overridden)
        db.audit(
            "candidate.saved",
            {
                "contest": contest,
                "code": cand.code,
                "name": name,
                "person": person,
                "annotation": annotation,
                "position": order.index(cand.code) + 1,
            },
        )
    return cand


def _candidate_problems(db: ElectionDB, c: Contest, new: Candidate, where: str) -> list[Problem]:
    """The errors the definition's checks find in candidate ``new`` added to contest ``c``
    (paths under ``where``); the contest's own state (too few candidates…) is not one."""
    data = definition_json(db, candidate_names=False)
    index = next(i for i, k in enumerate(data["contests"]) if k["code"] == c.code)
    taken = {k.code for k in c.candidates}
    code = next(f"new{n}" for n in range(len(taken) + 1) if f"new{n}" not in taken)
    body: dict[str, Any] = {"code": code, "annotation": new.annotation}
    if new.person is not None:
        body["person"] = new.person
    elif new.annotation[:1] in OPENING:
        # (a note typed after the name is checked with it: '北京市（60名）' is a heading)
        body.update(name=new.name + new.annotation, annotation="")
    else:
        body["name"] = new.name
    cands = data["contests"][index]["candidates"]
    cands.append(body)
    mine = f"$.contests[{index}].candidates[{len(cands) - 1}]"
    out = []
    for q in validate_source(data, {}).problems:
        if q.warning or not _under(q, mine):
            continue
        q = dataclasses.replace(q, where=q.where.replace(mine, where, 1))
        if q.code == "heading":
            # (the definition's advice is for a table's row: delete it)
            q = dataclasses.replace(
                q,
                message_zh=f"“{new.name}”像是名单的标题或分组标题，不是姓名：这里只输入一位候选人的姓名",
                message_en=f"{new.name!r} looks like a list's title or heading, not a name:"
                " type one candidate's name here",
            )
        out.append(q)
    return out


def delete_candidate(
    db: ElectionDB, contest: str, code: str, *, operator: Session | None = None
) -> None:
    assert_definition_editable(db)
    require(db, operator, Action.PREPARE)
    number = _editable_round(db, contest)
    r = repo.read_round(db, contest, number)
    current = list(r.candidates) if r is not None else []
    victim = next((k for k in current if k.code == code), None)
    if victim is None or r is None:
        raise _refuse("$.candidates", "unknown", f"没有候选人 {code}", f"no candidate {code}")
    with db.transaction() as con:
        prepare_repo.delete_candidate(con, contest, code)
        order = [k.code for k in current if k.code != code]
        repo.set_round_order(db, contest, number, order, set(r.overridden) - {code})
        db.audit("candidate.deleted", {"contest": contest, "code": code, "name": victim.name})


def move_candidate(
    db: ElectionDB, contest: str, code: str, delta: int, *, operator: Session | None = None
) -> list[str]:
    """Move a name up (delta < 0) or down on the ballot by hand; recorded as an override.
    The latest round's ballot (see `orderable_round`)."""
    assert_definition_editable(db)
    require(db, operator, Action.PREPARE)
    number = orderable_round(db, contest)
    r = repo.read_round(db, contest, number)
    if r is None:
        raise _refuse("$.candidates", "unknown", f"没有 {contest}", f"no {contest}")
    order = [k.code for k in r.candidates]
    if code not in order:
        raise _refuse("$.candidates", "unknown", f"没有候选人 {code}", f"no candidate {code}")
    i = order.index(code)
    j = max(0, min(len(order) - 1, i + delta))
    if i == j:
        return order
    order.insert(j, order.pop(i))
    name = next(k.name for k in r.candidates if k.code == code)
    with db.transaction():
        repo.set_round_order(db, contest, number, order, set(r.overridden) | {code})
        db.audit(
            "candidate.order_moved" if number == 1 else "round.order_moved",
            {
                "contest": contest,
                "round": number,
                "candidate": code,
                "name": name,
                "from": i + 1,
                "to": j + 1,
            },
        )
    return order


def reset_order(db: ElectionDB, contest: str, *, operator: Session | None = None) -> list[str]:
    """Back to plain 姓氏笔画 order, forgetting the manual moves (recorded)."""
    assert_definition_editable(db)
    require(db, operator, Action.PREPARE)
    number = _editable_round(db, contest)
    r = repo.read_round(db, contest, number)
    c = repo.read_contest(db, contest)
    if r is None or c is None:
        raise _refuse("$.candidates", "unknown", f"没有 {contest}", f"no {contest}")
    if c.kind in _MANUAL_ORDER_KINDS:
        return [k.code for k in r.candidates]
    ordered, _ = sort_items(list(r.candidates), lambda k: k.name)
    order = [k.code for k in ordered]
    with db.transaction():
        repo.set_round_order(db, contest, number, order, set())
        db.audit(
            "candidate.order_moved",
            {"contest": contest, "round": number, "reset": True, "order": order},
        )
    return order


# --- scrutineers and counters -----------------------------------------------------------------

ROLE_ZH = {
    OfficialRole.CHIEF_SCRUTINEER: "总监票人",
    OfficialRole.SCRUTINEER: "监票人",
    OfficialRole.COUNTER: "计票人",
}


def set_official(
    db: ElectionDB,
    contest: str,
    person: str,
    role: OfficialRole,
    *,
    operator: Session | None = None,
) -> None:
    assert_definition_editable(db)
    require(db, operator, Action.PREPARE)
    c = repo.read_contest(db, contest)
    p = repo.read_person(db, person)
    if c is None or p is None:
        raise _refuse(
            "$.officials",
            "unknown",
            "选举事项或代表不存在",
            "the contest or the person does not exist",
        )
    if role is not OfficialRole.COUNTER and any(k.person == person for k in c.candidates):
        raise _refuse(
            "$.officials.person",
            "scrutineer_is_candidate",
            f"{p.name}（{person}）是本事项的候选人，不能担任{ROLE_ZH[role]}",
            f"{p.name} ({person}) is a candidate in this contest and cannot be a scrutineer",
        )
    if role is not OfficialRole.COUNTER and not p.has_vote:
        raise _refuse(
            "$.officials.person",
            "scrutineer_without_vote",
            f"{ROLE_ZH[role]}须从有选举权的人中推选：{p.name}（{person}）在代表名单中无选举权",
            f"scrutineers are chosen among those with the vote: {p.name} ({person}) has no vote"
            " on the roster",
        )
    officials = repo.read_officials(db, contest)
    if role is OfficialRole.CHIEF_SCRUTINEER:
        chief = next(
            (
                o
                for o in officials
                if o.role is OfficialRole.CHIEF_SCRUTINEER and o.person != person
            ),
            None,
        )
        if chief is not None:
            other = repo.read_person(db, chief.person)
            who = other.name if other else chief.person
            raise _refuse(
                "$.officials.role",
                "two_chiefs",
                f"本事项已有总监票人 {who}，请先撤销",
                f"this contest already has a chief scrutineer ({who}); remove them first",
            )
    with db.transaction() as con:
        if prepare_repo.add_official(con, contest, person, role):
            db.audit(
                "official.saved",
                {"contest": contest, "person": person, "name": p.name, "role": str(role)},
            )


def remove_official(
    db: ElectionDB,
    contest: str,
    person: str,
    role: OfficialRole,
    *,
    operator: Session | None = None,
) -> None:
    assert_definition_editable(db)
    require(db, operator, Action.PREPARE)
    with db.transaction() as con:
        if prepare_repo.remove_official(con, contest, person, role):
            db.audit("official.removed", {"contest": contest, "person": person, "role": str(role)})


# --- ballot preview ---------------------------------------------------------------------------


@dataclass(frozen=True)
class BallotPreview:
    contest: str
    round: int
    paper: str
    candidates: int
    layout: BallotLayout


def ballot_preview_pdf(
    db: ElectionDB, contest: str, number: int | None, out: Path
) -> BallotPreview:
    """One sheet of a round's ballot exactly as it will print, for the on-screen preview.

    Nothing is recorded: no print run, no serial. The code on it is a placeholder that no
    count accepts (all-zero fingerprint and key)."""
    from huanjie_desktop.app.ballots import BallotRefused, ballot_spec
    from huanjie_desktop.reports.ballot_pdf import (
        LayoutError,
        plan_ballot,
        render_ballots,
        sample_payload,
    )

    spec = ballot_spec(db, contest, number)
    try:
        plan = plan_ballot(spec)
    except LayoutError as e:
        raise BallotRefused(e.zh, e.en) from None
    render_ballots(plan, [sample_payload(spec)], ["0000000000"], out)
    return BallotPreview(contest, spec.round, plan.paper, len(spec.candidates), plan.layout)


def candidates_from_preselection(
    db: ElectionDB, contest: str, preselection: str, *, operator: Session | None = None
) -> list[Candidate]:
    """The formal contest's candidates from a 预选's list: those its certified result selected
    as formal candidates (确定为正式候选人, every round of it), added in 姓氏笔画 order.

    Refused unless ``preselection`` is a 预选 whose latest round is certified and leaves no
    tie to re-vote, and ``contest`` is another contest that has no candidate yet (the list
    is the whole of its candidates, not added to others)."""
    from huanjie_desktop.app import counting

    assert_definition_editable(db)
    require(db, operator, Action.PREPARE)
    where = "$.contests[0].candidates"
    source = repo.read_contest(db, preselection)
    if source is None or not source.preselection:
        raise _refuse(
            where,
            "not_a_preselection",
            f"{preselection} 不是预选事项：正式候选人只能取自预选的结果",
            f"{preselection} is no preselection (预选): formal candidates come from one",
        )
    target = repo.read_contest(db, contest)
    if target is None:
        raise _refuse(where, "unknown", f"没有选举事项 {contest}", f"no contest {contest}")
    if target.code == source.code or target.preselection:
        raise _refuse(
            where,
            "not_formal",
            f"{contest} 不是正式选举的事项",
            f"{contest} is not a formal contest",
        )
    if target.candidates:
        raise _refuse(
            where,
            "has_candidates",
            f"{contest} 已有 {len(target.candidates)} 名候选人：预选确定的名单是它的全部候选人，"
            "请用一个还没有候选人的选举事项",
            f"{contest} has {len(target.candidates)} candidate(s) already: the preselection's"
            " list is all of its candidates; use a contest that has none yet",
        )
    doc = counting.tally(db, preselection, operator=operator)
    if doc.get("status") != "certified":
        raise _refuse(
            where,
            "not_certified",
            f"预选 {preselection} 第 {doc.get('round')} 轮的结果尚未确认（huanjie certify）："
            "确认后才能据此确定正式候选人",
            f"round {doc.get('round')} of the preselection {preselection} is not certified"
            " yet (huanjie certify): its list is taken once it is",
        )
    if doc.get("tie"):
        raise _refuse(
            where,
            "tie",
            f"预选 {preselection} 最后一名票数相等，须先再次投票（huanjie round new … --kind tie）",
            f"the preselection {preselection} has a tie at the last place: hold the tie"
            " re-vote first (huanjie round new … --kind tie)",
        )
    listed = list(doc.get("selected_as_formal_candidates") or [])
    if not listed:
        raise _refuse(
            where,
            "empty",
            f"预选 {preselection} 没有确定任何正式候选人",
            f"the preselection {preselection} selected nobody",
        )
    added = []
    with db.transaction():  # (the whole list or nothing: one refused, none is added)
        for entry in listed:
            person = entry.get("person")
            added.append(
                add_candidate(
                    db,
                    contest,
                    name="" if person else str(entry["name"]),
                    person=str(person) if person else None,
                    annotation=str(entry.get("annotation") or ""),
                    operator=operator,
                )
            )
        db.audit(
            "candidates.from_preselection",
            {
                "contest": contest,
                "preselection": preselection,
                "candidates": [k.code for k in added],
            },
        )
    return added
