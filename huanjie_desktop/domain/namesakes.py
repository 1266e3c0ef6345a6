"""Notes that tell namesakes (同名) apart where a person is shown on their own — the
delegate card, the check-in desk — as the ballots and result sheets tell two candidates of
one name apart by the note printed with the name ("刘伟（女，1975年）").

Two cards that differ only in their barcode digits get handed to the wrong person, and the
check-in is then recorded against the other one (实到 changes when one has no vote). So a
person whose name another person of the whole roster shares (not only of their unit) gets a
note: their candidate note when the ballots print one (what they will see by their name),
else gender and birth year, else what the roster says of their workplace and post, else
the birth month; the person code when the roster tells them apart by nothing else.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

from huanjie_desktop.domain.model import Person
from huanjie_desktop.domain.tally import normalise_name

_OPENING = "(（[［【〔"
_CLOSING = ")）]］】〕"


def _bare(note: str) -> str:
    """A note without its brackets ('（女，1975年）' → '女，1975年')."""
    note = note.strip()
    if note[:1] in _OPENING and note[-1:] in _CLOSING:
        note = note[1:-1].strip()
    return note


def _year(p: Person) -> str:
    return f"{p.birth[:4]}年" if p.birth[:4].isdigit() else ""


def _gender_year(p: Person) -> str:
    return "，".join(x for x in (p.gender.strip(), _year(p)) if x)


def _workplace(p: Person) -> str:
    return p.workplace.strip()


def _gender_year_workplace(p: Person) -> str:
    return "，".join(x for x in (_gender_year(p), _workplace(p)) if x)


def _birth_month(p: Person) -> str:
    month = p.birth[5:7]
    if not (_year(p) and month.isdigit() and 1 <= int(month) <= 12):
        return ""
    return "，".join(x for x in (p.gender.strip(), f"{_year(p)}{int(month)}月") if x)


def _code(p: Person) -> str:
    return p.code


#: What a note is made of, first the shortest that tells the people of one name apart.
_LEVELS: tuple[Callable[[Person], str], ...] = (
    _gender_year,
    _workplace,
    _gender_year_workplace,
    _birth_month,
    _code,
)


def namesake_notes(
    people: Sequence[Person], annotations: Mapping[str, str] | None = None
) -> dict[str, str]:
    """person code → the note (in full-width brackets) for everyone whose name, compared as
    the check-in desk compares names (`normalise_name`), another person on the roster
    shares; nobody else is in it. ``annotations``: person code → their candidate note.

    Every person of one name gets a note made the same way (one level for the group), each
    note different from the others' — one that left two of them alike would be no note."""
    notes = annotations or {}
    groups: dict[str, list[Person]] = {}
    for p in people:
        groups.setdefault(normalise_name(p.name), []).append(p)
    out: dict[str, str] = {}
    for group in groups.values():
        if len(group) < 2:
            continue
        # (the candidate notes first — the person sees that note by their name on the
        # ballot —, then without them, should two candidate notes be alike)
        for use_notes in (True, False):
            found = _first_telling_apart(group, notes if use_notes else {})
            if found is not None:
                out.update({code: f"（{note}）" for code, note in found.items()})
                break
    return out


def _first_telling_apart(
    group: Sequence[Person], notes: Mapping[str, str]
) -> dict[str, str] | None:
    for level in _LEVELS:
        made = {p.code: _bare(notes.get(p.code, "")) or level(p) for p in group}
        texts = [normalise_note(t) for t in made.values()]
        if all(texts) and len(set(texts)) == len(texts):
            return made
    return None


def normalise_note(note: str) -> str:
    """A note as compared: brackets, spaces and the kind of comma aside."""
    return "".join(ch for ch in _bare(note) if not ch.isspace()).replace(",", "，")
