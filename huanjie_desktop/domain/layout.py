"""Ballot geometry shared by printing and recognition (`huanjie ballots layout`).

All coordinates are millimetres from the page's top-left corner: (x0, y0, x1, y1).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

Box = tuple[float, float, float, float]

SYMBOL_TARGETS = ("mark",)
COLUMN_TARGETS = ("agree", "disagree", "abstain")


@dataclass(frozen=True)
class CandidateTargets:
    code: str
    name: str
    boxes: dict[str, Box]
    name_box: Box | None = None


@dataclass(frozen=True)
class WriteinTargets:
    column: int
    name_box: Box
    boxes: dict[str, Box]


@dataclass(frozen=True)
class BallotLayout:
    contest: str
    round: int
    style: str  # "symbol" | "columns"
    seats: int
    paper_w: float
    paper_h: float
    candidates: tuple[CandidateTargets, ...]
    writeins: tuple[WriteinTargets, ...]
    qr: Box
    fiducials: tuple[Box, ...]  # registration marks, in a fixed order (TL, TR, BR, BL, …)
    extra: dict[str, Any] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        def b(box: Box) -> list[float]:
            return [round(v, 2) for v in box]

        return {
            "contest": self.contest,
            "round": self.round,
            "style": self.style,
            "seats": self.seats,
            "paper": {"width_mm": round(self.paper_w, 2), "height_mm": round(self.paper_h, 2)},
            "candidates": [
                {"code": c.code, "name": c.name, "boxes": {k: b(v) for k, v in c.boxes.items()}}
                | ({"name_box": b(c.name_box)} if c.name_box else {})
                for c in self.candidates
            ],
            "writeins": [
                {
                    "column": w.column,
                    "name_box": b(w.name_box),
                    "boxes": {k: b(v) for k, v in w.boxes.items()},
                }
                for w in self.writeins
            ],
            "qr": b(self.qr),
            "fiducials": [b(f) for f in self.fiducials],
        } | _reader_extras(self.extra, b)

    @staticmethod
    def from_json(data: dict[str, Any]) -> BallotLayout:
        def t(v: list[float]) -> Box:
            return (float(v[0]), float(v[1]), float(v[2]), float(v[3]))

        return BallotLayout(
            contest=data["contest"],
            round=int(data["round"]),
            style=data["style"],
            seats=int(data["seats"]),
            paper_w=float(data["paper"]["width_mm"]),
            paper_h=float(data["paper"]["height_mm"]),
            candidates=tuple(
                CandidateTargets(
                    c["code"],
                    c["name"],
                    {k: t(v) for k, v in c["boxes"].items()},
                    t(c["name_box"]) if c.get("name_box") else None,
                )
                for c in data["candidates"]
            ),
            writeins=tuple(
                WriteinTargets(
                    int(w["column"]), t(w["name_box"]), {k: t(v) for k, v in w["boxes"].items()}
                )
                for w in data["writeins"]
            ),
            qr=t(data["qr"]),
            fiducials=tuple(t(f) for f in data["fiducials"]),
            extra=_reader_extras(data, t),
        )


def _reader_extras(extra: dict[str, Any], box: Callable[[Any], Any]) -> dict[str, Any]:
    """What the reader also looks at, each box passed through ``box`` (rounded for the JSON,
    made a tuple from it): the blank paper below the table (writing there is held for a
    scrutineer), the bar printed along the sheet's bottom (`recognition.hidden`) and each
    candidate's cell, with the rules across it and where its name is
    printed (a mark there, off the box, is held for a person)."""
    out: dict[str, Any] = {}
    if extra.get("blank"):
        out["blank"] = box(extra["blank"])
    if extra.get("blanks"):
        out["blanks"] = [box(b) for b in extra["blanks"]]
    if extra.get("bar"):
        out["bar"] = box(extra["bar"])
    if extra.get("headings"):
        out["headings"] = [
            {"box": box(h["box"]), "print": [box(x) for x in h.get("print", ())]}
            for h in extra["headings"]
        ]
    if extra.get("cells"):
        out["cells"] = {
            code: {
                "cell": box(c["cell"]),
                "lines": [box(x) for x in c.get("lines", ())],
                "print": [box(x) for x in c.get("print", ())],
                **({"writein": True} if c.get("writein") else {}),
            }
            for code, c in extra["cells"].items()
        }
    return out
