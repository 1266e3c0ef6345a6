"""The machine-readable code on every ballot sheet (QR) and the definition fingerprint.

Payload (text, QR byte mode): ``HJ1.<fingerprint>.<contest>.<round>.<style>.<T|R>.<serial>.<mac>``

- fingerprint: 12 hex digits of the SHA-256 of the round's definition (election, contest
  settings, the candidates in ballot order). A changed definition makes older ballots invalid.
- style: S (symbol) or C (columns); T = test ballot (样票), R = real.
- serial: 10 random base32 characters per sheet, never recorded against a person.
- mac: 16 hex digits of HMAC-SHA256 over everything before it, keyed with the election
  file's secret key, so a forged sheet or one of another election is refused.
No votes and nothing about the voter are ever in the code.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import secrets
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from huanjie_desktop.domain.model import BallotStyle

FORMAT = "HJ1"
_STYLE_CODE = {BallotStyle.SYMBOL: "S", BallotStyle.COLUMNS: "C"}
_CODE_STYLE = {v: k for k, v in _STYLE_CODE.items()}


class CodeProblem(StrEnum):
    """Why a ballot code is refused (reason codes shown to counters via messages)."""

    NOT_OURS = "not_ours"  # not a huanjie code at all
    FORMAT = "format"  # damaged or from an unknown version
    FORGED = "forged"  # MAC does not match: forged, or another election's key


@dataclass(frozen=True)
class BallotCode:
    fingerprint: str
    contest: str
    round: int
    style: BallotStyle
    test: bool
    serial: str

    def body(self) -> str:
        return ".".join(
            [
                FORMAT,
                self.fingerprint,
                self.contest,
                str(self.round),
                _STYLE_CODE[self.style],
                "T" if self.test else "R",
                self.serial,
            ]
        )

    def encode(self, key: bytes) -> str:
        return f"{self.body()}.{mac(key, self.body())}"


def mac(key: bytes, body: str) -> str:
    return hmac.new(key, body.encode("utf-8"), hashlib.sha256).hexdigest()[:16]


def new_serial() -> str:
    """10 base32 characters (50 random bits): unique per sheet, meaningless to a reader."""
    return base64.b32encode(secrets.token_bytes(7)).decode("ascii")[:10]


def new_key() -> bytes:
    return secrets.token_bytes(32)


def decode(text: str, key: bytes) -> BallotCode | CodeProblem:
    """Parse and authenticate a scanned code. Returns the code or the reason it is refused."""
    parts = text.strip().split(".")
    if not parts or parts[0] != FORMAT:
        return CodeProblem.NOT_OURS
    if len(parts) != 8:
        return CodeProblem.FORMAT
    _, fp, contest, rnd, style, flag, serial, tag = parts
    if not rnd.isdigit() or style not in _CODE_STYLE or flag not in ("T", "R"):
        return CodeProblem.FORMAT
    body = ".".join(parts[:7])
    if not hmac.compare_digest(mac(key, body), tag.lower()):
        return CodeProblem.FORGED
    return BallotCode(fp, contest, int(rnd), _CODE_STYLE[style], flag == "T", serial)


def canonical_json(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def round_fingerprint(definition: dict[str, Any]) -> str:
    """12 hex digits identifying one round's ballot definition (see module docstring)."""
    return hashlib.sha256(canonical_json(definition).encode("utf-8")).hexdigest()[:12]


def round_definition(
    election: Any,
    contest: Any,
    round_number: int,
    round_kind: str,
    seats: int,
    candidates: list[Any],
) -> dict[str, Any]:
    """What a round's fingerprint covers: election, the contest's rules, the ballot's names.

    ``election`` is a model.Election, ``contest`` a model.Contest, ``candidates`` the round's
    model.Candidate list in ballot order.
    """
    return {
        "election": {
            "name": election.name,
            "date": election.date.isoformat(),
            "level": str(election.level),
        },
        "contest": {
            "code": contest.code,
            "title": contest.title,
            "kind": str(contest.kind),
            "method": str(contest.method),
            "style": str(contest.ballot_style),
            "writein_columns": contest.writein_columns,
            "threshold_base": str(contest.threshold_base),
        },
        "round": {"number": round_number, "kind": round_kind, "seats": seats},
        "candidates": [[c.code, c.name, c.annotation] for c in candidates],
    }
