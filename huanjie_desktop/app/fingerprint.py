"""Fingerprints and the ballot key: what printing and scanning must agree on."""

from __future__ import annotations

import hashlib

from huanjie_desktop.domain.ballot_code import canonical_json, round_definition
from huanjie_desktop.domain.ballot_code import round_fingerprint as _fp
from huanjie_desktop.storage import repo
from huanjie_desktop.storage.db import ElectionDB


def ballot_key(db: ElectionDB) -> bytes:
    """The election file's secret HMAC key (created at init, never printed)."""
    value = db.meta("ballot_key")
    if value is None:
        raise RuntimeError("this election file has no ballot key")
    return bytes.fromhex(value)


def round_fingerprint(db: ElectionDB, contest: str, number: int) -> str:
    """12 hex digits over the election, the contest's rules and the round's ballot names."""
    c = repo.read_contest(db, contest)
    r = repo.read_round(db, contest, number)
    if c is None or r is None:
        raise KeyError(f"{contest} round {number}")
    election = repo.read_election(db)
    return _fp(round_definition(election, c, number, str(r.kind), r.seats, list(r.candidates)))


def election_fingerprint(db: ElectionDB) -> str:
    """SHA-256 over the whole definition (election, units, roster, contests, rounds' lists).

    Check-ins, scans and decisions do not change it; any change to what was defined does.
    """
    election = repo.read_election(db)
    body = {
        "election": [election.name, election.date.isoformat(), str(election.level)],
        "units": [[u.code, u.name] for u in repo.read_units(db)],
        "people": [[p.code, p.name, p.unit, p.has_vote] for p in repo.read_people(db)],
        "contests": {
            c.code: {
                "rules": [
                    c.title,
                    str(c.kind),
                    str(c.method),
                    c.seats,
                    c.unit,
                    str(c.ballot_style),
                    c.writein_columns,
                    str(c.threshold_base),
                    str(c.quorum_rule),
                    c.margin_min_pct,
                    c.writein_needs_mark,
                    # (only on a 预选: every other file's fingerprint stays as it was)
                    *(["preselection"] if c.preselection else []),
                ],
                "rounds": [
                    [r.number, str(r.kind), r.seats, [k.code for k in r.candidates]]
                    for r in repo.read_rounds(db, c.code)
                ],
                "candidates": [[k.code, k.name, k.person, k.annotation] for k in c.candidates],
            }
            for c in repo.read_contests(db)
        },
    }
    return hashlib.sha256(canonical_json(body).encode("utf-8")).hexdigest()
