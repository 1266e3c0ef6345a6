"""Reading ballots: real sheets printed by the project, rendered by poppler, marked by "hand".

Pages are rendered at 150 dpi (the low end of what scanners give) unless resolution is the
point. Marks are drawn with the corpus generator's pens (bench/corpus.py).
"""

from __future__ import annotations

import io
import math
import subprocess
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import cv2
import numpy as np
import pytest
from numpy.typing import NDArray
from PIL import Image, ImageDraw

from bench import corpus
from huanjie_desktop.app.ballots import ballot_spec, print_ballots
from huanjie_desktop.app.fingerprint import ballot_key, round_fingerprint
from huanjie_desktop.app.scan import read_context
from huanjie_desktop.domain.ballot_code import BallotCode
from huanjie_desktop.domain.layout import BallotLayout, Box
from huanjie_desktop.domain.model import BallotStyle, Mark, SheetStatus
from huanjie_desktop.recognition import elsewhere, load, marks, register
from huanjie_desktop.recognition.config import DEFAULT_CONFIG, RecognitionConfig
from huanjie_desktop.recognition.overlay import draw_overlay
from huanjie_desktop.recognition.pipeline import (
    PageReading,
    PageResult,
    ReadContext,
    process_page,
    read_image,
)
from huanjie_desktop.reports import ballot_pdf
from huanjie_desktop.reports.ballot_pdf import PT_MM, plan_ballot, render_ballots
from huanjie_desktop.storage.db import open_election_file

Gray = NDArray[np.uint8]
DPI = 150
PPM = DPI / 25.4


def P(x: float, y: float) -> tuple[int, int]:
    """A point on the page image (px) from layout mm."""
    return round(x * PPM), round(y * PPM)


def definition() -> dict[str, Any]:
    names = ["王建国", "李丽", "张明华", "刘军", "陈秀英", "杨伟", "赵芳", "黄志强"]
    return {
        "election": {
            "name": "中国共产党测试区第六次代表大会",
            "date": "2026-07-28",
            "level": "local",
        },
        "units": [{"code": "U1", "name": "第一代表团"}],
        "people": [{"code": "P01", "name": "王测试", "unit": "U1"}],
        "contests": [
            {
                "code": "SY",
                "title": "中国共产党测试区第六届委员会委员",
                "kind": "committee",
                "method": "competitive",
                "seats": 3,
                "ballot_style": "symbol",
                "writein_columns": 2,
                "candidates": [
                    {"code": f"c{i + 1:02d}", "name": n} for i, n in enumerate(names[:6])
                ],
            },
            {
                "code": "CO",
                "title": "中国共产党测试区纪律检查委员会委员",
                "kind": "discipline",
                "method": "competitive",
                "seats": 3,
                "ballot_style": "columns",
                "writein_columns": 1,
                "candidates": [
                    {"code": f"c{i + 1:02d}", "name": n} for i, n in enumerate(names[4:8])
                ],
            },
        ],
    }


def make_election(path: Path) -> Path:
    from huanjie_desktop.app.election import create_from_definition, validate_source

    result = validate_source(definition(), {})
    assert result.definition is not None, [p.message("en") for p in result.errors]
    create_from_definition(path, result.definition, "测试员")
    return path


def render(pdf: Path, dpi: int = DPI) -> list[Gray]:
    return corpus.render_pdf(pdf, dpi)


@dataclass
class Printed:
    """An election file and rendered sheets of both contests (real and test)."""

    path: Path
    ctx: ReadContext
    pages: dict[str, list[Gray]]  # "SY", "CO", "SY-test" → rendered sheets
    pdfs: dict[str, Path]
    serials: dict[str, tuple[str, ...]]
    layouts: dict[str, BallotLayout]


def print_all(folder: Path, sheets: int = 4) -> Printed:
    path = make_election(folder / "e.huanjie")
    pages: dict[str, list[Gray]] = {}
    pdfs: dict[str, Path] = {}
    serials: dict[str, tuple[str, ...]] = {}
    layouts: dict[str, BallotLayout] = {}
    with open_election_file(path, "测试员") as db:
        for code, test in (("SY", False), ("CO", False), ("SY", True)):
            name = code + ("-test" if test else "")
            pdf = folder / f"{name}.pdf"
            res = print_ballots(db, code, 1, 1 if test else sheets, pdf, test=test)
            pages[name] = render(pdf)
            pdfs[name] = pdf
            serials[name] = res.serials
            layouts[code] = res.layout
        ctx = read_context(db, keep_images=False)
    return Printed(path, ctx, pages, pdfs, serials, layouts)


@pytest.fixture(scope="module")
def printed(tmp_path_factory: pytest.TempPathFactory) -> Printed:
    return print_all(tmp_path_factory.mktemp("printed"))


def box_px(b: Box, ppm: float = PPM) -> tuple[float, float, float, float]:
    return (b[0] * ppm, b[1] * ppm, b[2] * ppm, b[3] * ppm)


def mark_box_px(
    layout: BallotLayout, code: str, ppm: float = PPM
) -> tuple[float, float, float, float]:
    """Candidate ``code``'s (symbol-style) box, in px of a page at ``ppm``."""
    return box_px(next(c for c in layout.candidates if c.code == code).boxes["mark"], ppm)


def marked(
    page: Gray, layout: BallotLayout, kinds: dict[str, str], seed: int = 1, ppm: float = PPM
) -> Gray:
    """``kinds``: "c01" or "c01.agree" or "w1" / "w1.name" → a corpus mark kind."""
    img = page.copy()
    rng = np.random.default_rng(seed)
    for key, kind in kinds.items():
        code, _, box = key.partition(".")
        if code.startswith("w"):
            w = next(x for x in layout.writeins if x.column == int(code[1:]))
            if box == "name":
                corpus.write_name(img, box_px(w.name_box, ppm), ppm, rng)
                continue
            b = w.boxes.get(box or "mark") or next(iter(w.boxes.values()))
        else:
            c = next(x for x in layout.candidates if x.code == code)
            b = c.boxes[box or "mark"]
        corpus.draw_kind(img, kind, box_px(b, ppm), ppm, rng)
    return img


def truth_of(layout: BallotLayout, kinds: dict[str, str]) -> dict[str, Mark]:
    """What a careful counter reads in each candidate's box marked with ``kinds`` (the
    corpus's expectations; a box not in ``kinds`` is empty)."""
    return {c.code: Mark(corpus.EXPECT[kinds.get(c.code, "empty")]) for c in layout.candidates}


def read(img: Gray, ctx: ReadContext) -> PageReading:
    return read_image(img, ctx)


def marks_of(r: PageReading) -> dict[str, Mark]:
    return dict(r.marks)


# --- symbol style --------------------------------------------------------------------------------


def test_reads_circles_crosses_and_blanks(printed: Printed) -> None:
    lay = printed.layouts["SY"]
    img = marked(
        printed.pages["SY"][0],
        lay,
        {"c01": "circle", "c02": "cross", "c03": "circle", "c05": "cross_big"},
    )
    r = read(img, printed.ctx)
    assert r.status is SheetStatus.COUNTED, r.reasons
    assert r.ballot_valid is True
    assert r.code is not None and r.code.serial == printed.serials["SY"][0]
    assert marks_of(r) == {
        "c01": Mark.AGREE,
        "c02": Mark.DISAGREE,
        "c03": Mark.AGREE,
        "c04": Mark.ABSTAIN,
        "c05": Mark.DISAGREE,
        "c06": Mark.ABSTAIN,
    }
    # every target keeps its raw scores and the thresholds used
    assert set(r.scores["targets"]) >= {"c01.mark", "w1.mark", "w1.name"}
    assert r.scores["thresholds"]["strong_rel"] == DEFAULT_CONFIG.strong_rel
    assert r.scores["targets"]["c01.mark"]["call"] == "circle"


@pytest.mark.parametrize("turn", [1, 2, 3])
def test_any_orientation(printed: Printed, turn: int) -> None:
    lay = printed.layouts["SY"]
    img = marked(printed.pages["SY"][1], lay, {"c01": "cross", "c04": "circle", "c06": "oval"})
    r = read(np.ascontiguousarray(np.rot90(img, turn)), printed.ctx)
    assert r.status is SheetStatus.COUNTED, r.reasons
    assert marks_of(r)["c01"] is Mark.DISAGREE
    assert marks_of(r)["c04"] is Mark.AGREE
    assert marks_of(r)["c06"] is Mark.AGREE


def test_hand_drawn_circles_of_every_kind_agree(printed: Printed) -> None:
    lay = printed.layouts["SY"]
    kinds = {
        "c01": "circle_big",
        "c02": "circle_open",
        "c03": "oval",
        "c04": "circle_offcentre",
        "c05": "circle_big",
        "c06": "circle",
    }
    for seed in (1, 2, 3):
        r = read(marked(printed.pages["SY"][seed % 4], lay, kinds, seed), printed.ctx)
        got = marks_of(r)
        # three agrees on three seats; six would be an over-vote — so count per box here
        assert all(m is Mark.AGREE for m in got.values()), (seed, got)


def test_a_small_circle_is_agree_a_ring_too_small_to_tell_goes_to_a_person(
    printed: Printed, tmp_path: Path
) -> None:
    # A ○ a few millimetres across: its hole narrower than a larger ○'s, its ring thick for
    # its size with a broad pen (spread around its ellipse by the stroke itself). A clean
    # closed ring is a ○; a ring round a hole too small to tell from a blot is for a person.
    lay = printed.layouts["SY"]
    img = sheet_at_300_dpi(printed, 2, tmp_path)
    ppm = 300 / 25.4
    rng = np.random.default_rng(3)
    # (outer diameter mm, pen mm) per box; c06 is a ring round a hole under a millimetre
    rings = {"c01": (3.6, 0.8), "c02": (3.0, 0.5), "c03": (3.2, 0.3), "c06": (2.6, 1.0)}
    for code, (outer, pen_mm) in rings.items():
        x0, y0, x1, y1 = mark_box_px(lay, code, ppm)
        r = (outer - pen_mm) / 2 * ppm
        path = corpus.ellipse_path((x0 + x1) / 2, (y0 + y1) / 2, r, 0.95 * r, 0.4, 0.0, 6.5, rng)
        corpus.strokes(img, [path], corpus.Pen(pen_mm * ppm, 30.0, 0.0), rng)
    got = marks_of(read(img, printed.ctx))
    assert got == {
        "c01": Mark.AGREE,
        "c02": Mark.AGREE,
        "c03": Mark.AGREE,
        "c04": Mark.ABSTAIN,
        "c05": Mark.ABSTAIN,
        "c06": Mark.UNCLEAR,
    }, got


def test_a_small_cross_is_disagree_a_small_plus_or_blot_goes_to_a_person(
    printed: Printed, tmp_path: Path
) -> None:
    # A × three or four millimetres across fills much of its hull with its own two strokes
    # (an ordinary pen's are half a millimetre): as dense as a hatch by the plain limit, it
    # went to a person. Its limit is what two such strokes fill; a + and a blot stay odd.
    lay = printed.layouts["SY"]
    img = sheet_at_300_dpi(printed, 4, tmp_path)
    ppm = 300 / 25.4
    rng = np.random.default_rng(11)
    pen = corpus.Pen(0.5 * ppm, 25.0, 0.0)
    for code, arm_mm, turn in (
        ("c01", 1.6, 45),
        ("c02", 1.9, 40),
        ("c03", 1.5, 50),
        ("c05", 1.8, 0),
    ):
        x0, y0, x1, y1 = mark_box_px(lay, code, ppm)
        cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
        paths = []
        for a in (math.radians(turn), math.radians(turn + 90)):
            dx, dy = arm_mm * ppm * math.cos(a), arm_mm * ppm * math.sin(a)
            paths.append(corpus.line_path(cx - dx, cy - dy, cx + dx, cy + dy, rng, 0.0))
        corpus.strokes(img, paths, pen, rng)  # c05: turned 0°, a +
    x0, y0, x1, y1 = mark_box_px(lay, "c06", ppm)
    cv2.circle(img, (round((x0 + x1) / 2), round((y0 + y1) / 2)), round(1.5 * ppm), 25, -1)
    got = marks_of(read(img, printed.ctx))
    assert got == {
        "c01": Mark.DISAGREE,
        "c02": Mark.DISAGREE,
        "c03": Mark.DISAGREE,
        "c04": Mark.ABSTAIN,
        "c05": Mark.UNCLEAR,
        "c06": Mark.UNCLEAR,
    }, got


def test_broad_circles_over_the_box_borders_do_not_refuse_the_sheet(
    printed: Printed, tmp_path: Path
) -> None:
    # A felt-tip ○ as wide as the box, a little off its centre, is near the printed border
    # over part of each side: taken for the border, it put every such box out of place by
    # its offset and the whole sheet was refused as misregistered. The border is the line
    # dark all along the side.
    lay = printed.layouts["SY"]
    blank = sheet_at_300_dpi(printed, 3, tmp_path)
    ppm = 300 / 25.4
    offsets = [(-0.7, 0.2), (0.6, -0.3), (-0.5, -0.6), (0.7, 0.5), (0.2, 0.7), (-0.6, 0.4)]
    for wide, pen_mm in ((1.0, 1.2), (1.05, 1.0), (1.05, 1.2)):
        img = blank.copy()
        for c, (dx, dy) in zip(lay.candidates, offsets, strict=True):
            x0, y0, x1, y1 = box_px(c.boxes["mark"], ppm)
            r = (x1 - x0) / 2 * wide
            centre = (
                round(((x0 + x1) / 2 + dx * ppm) * 16),
                round(((y0 + y1) / 2 + dy * ppm) * 16),
            )
            size = (round(r * 16), round(r * 0.97 * 16))
            cv2.ellipse(img, centre, size, 0, 0, 360, 20, round(pen_mm * ppm), cv2.LINE_AA, 4)
        got = read(img, printed.ctx)
        check = got.scores["boxes_check"]
        assert got.status is not SheetStatus.REJECTED, (wide, pen_mm, got.reasons, check)
        assert set(marks_of(got).values()) <= {Mark.AGREE, Mark.UNCLEAR}, marks_of(got)
        assert check["offset_p90_mm"] <= 0.2 and check["found_share"] == 1.0, (wide, check)


def _ring_on_the_border(img: Gray, b: Box, wide: float, pen_mm: float) -> None:
    """A ○ as wide as the box or wider: its sides run along the printed border."""
    x0, y0, x1, y1 = box_px(b)
    r = (x1 - x0) / 2
    cv2.ellipse(
        img,
        (round((x0 + x1) / 2 * 16), round((y0 + y1) / 2 * 16)),
        (round(r * wide * 16), round(r * 0.9 * 16)),
        0,
        0,
        360,
        25,
        max(2, round(pen_mm * PPM)),
        cv2.LINE_AA,
        4,
    )


def _square(img: Gray, b: Box, inset_mm: float, turn_deg: float, pen_mm: float) -> None:
    """A □ drawn in the box."""
    x0, y0, x1, y1 = box_px(b)
    cx, cy, half = (x0 + x1) / 2, (y0 + y1) / 2, (x1 - x0) / 2 - inset_mm * PPM
    t = np.radians(turn_deg)
    corners = [
        (
            cx + sx * half * np.cos(t) - sy * half * np.sin(t),
            cy + sx * half * np.sin(t) + sy * half * np.cos(t),
        )
        for sx, sy in ((-1, -1), (1, -1), (1, 1), (-1, 1))
    ]
    pts = np.round(np.array(corners) * 16).astype(np.int32)
    cv2.polylines(img, [pts], True, 25, max(2, round(pen_mm * PPM)), cv2.LINE_AA, 4)


@pytest.fixture(scope="module")
def crowded(tmp_path_factory: pytest.TempPathFactory) -> tuple[ReadContext, BallotLayout, Gray]:
    """A ballot of 136 names for 113 seats (A3, 8 mm boxes), rendered as the others."""
    from huanjie_desktop.app.election import create_from_definition, validate_source

    folder = tmp_path_factory.mktemp("crowded")
    surnames, given = "王李张刘陈杨赵黄周吴徐孙", "伟芳娜敏静丽强磊军洋平勇"
    data = definition()
    data["contests"] = [
        {
            "code": "DB",
            "title": "出席中国共产党测试市第七次代表大会代表",
            "kind": "delegate",
            "method": "competitive",
            "seats": 113,
            "writein_columns": 0,
            "candidates": [
                {"code": f"c{i + 1:03d}", "name": a + "小" + b}
                for i, (a, b) in enumerate([(a, b) for a in surnames for b in given][:136])
            ],
        }
    ]
    result = validate_source(data, {})
    assert result.definition is not None, [p.message("en") for p in result.errors]
    path = folder / "e.huanjie"
    create_from_definition(path, result.definition, "测试员")
    with open_election_file(path, "测试员") as db:
        res = print_ballots(db, "DB", 1, 1, folder / "db.pdf")
        ctx = read_context(db, keep_images=False)
    box = res.layout.candidates[0].boxes["mark"]
    assert box[2] - box[0] <= 8.01  # the smallest boxes a ballot gets
    return ctx, res.layout, render(folder / "db.pdf")[0]


def test_a_circle_along_the_box_border_is_agree(
    crowded: tuple[ReadContext, BallotLayout, Gray],
) -> None:
    # Its sides hidden in the border, two arcs are left that two lines fit: still a ○
    # (on small boxes nearly every such ○ went to a person).
    ctx, lay, page = crowded
    for wide, pen_mm in ((1.03, 0.5), (1.1, 0.4), (1.2, 0.7), (1.06, 0.6)):
        img = page.copy()
        for c in lay.candidates[:30]:
            _ring_on_the_border(img, c.boxes["mark"], wide, pen_mm)
        got = marks_of(read(img, ctx))
        calls = [got[c.code] for c in lay.candidates[:30]]
        assert set(calls) <= {Mark.AGREE, Mark.UNCLEAR}, (wide, got)  # never a wrong call
        assert calls.count(Mark.AGREE) >= 27, (wide, got)  # (nearly all went to a person)
        assert all(got[c.code] is Mark.ABSTAIN for c in lay.candidates[30:])


def test_two_lines_along_the_box_border_are_no_circle(
    crowded: tuple[ReadContext, BallotLayout, Gray],
) -> None:
    # An '=' along the top and bottom of a box leaves what a ○ along its sides leaves,
    # but straight: never read as a ○.
    ctx, lay, page = crowded
    for length, gap, pen_mm in ((1.0, 0.82, 0.5), (1.3, 0.8, 0.4), (1.1, 0.7, 0.7)):
        img = page.copy()
        for c in lay.candidates[:20]:
            x0, y0, x1, y1 = box_px(c.boxes["mark"])
            cx, cy, side = (x0 + x1) / 2, (y0 + y1) / 2, x1 - x0
            for sign in (-1, 1):
                y = cy + sign * gap * side / 2
                a = (round((cx - length * side / 2) * 16), round(y * 16))
                b = (round((cx + length * side / 2) * 16), round(y * 16))
                cv2.line(img, a, b, 25, max(2, round(pen_mm * PPM)), cv2.LINE_AA, 4)
        got = marks_of(read(img, ctx))
        assert all(got[c.code] is not Mark.AGREE for c in lay.candidates[:20]), (length, got)


def test_a_check_closed_up_by_the_box_corner_is_no_circle(printed: Printed) -> None:
    # A ✓ whose short stroke meets the box's side and whose long one ends just short of its
    # top: with the border's corner the ink rings a hole, an opening left beside the part
    # the border bridges. A ○ hidden under the border is hidden from one end of its ink to
    # the other; this is no ○ (it was read as one, agree).
    lay = printed.layouts["SY"]
    base = [(0.01, 0.58), (0.38, 0.80), (0.70, 0.57), (0.80, 0.47), (0.88, 0.09)]
    for dx, dy in ((-0.04, 0.04), (0.0, 0.0), (0.0, 0.04), (0.04, 0.04)):
        img = printed.pages["SY"][0].copy()
        for c in lay.candidates:
            x0, y0, x1, _ = mark_box_px(lay, c.code)
            side = x1 - x0
            pts = [
                (u + (dx if i else 0.0), v + (dy if i < 4 else 0.0))
                for i, (u, v) in enumerate(base)
            ]
            poly = np.array(
                [[round((x0 + u * side) * 16), round((y0 + v * side) * 16)] for u, v in pts],
                np.int32,
            )
            cv2.polylines(img, [poly], False, 40, max(2, round(0.55 * PPM)), cv2.LINE_AA, 4)
        blurred = np.asarray(cv2.GaussianBlur(img, (0, 0), 0.8), dtype=np.uint8)
        got = marks_of(read(blurred, printed.ctx))
        assert all(got[c.code] is Mark.UNCLEAR for c in lay.candidates), ((dx, dy), got)


def test_a_square_drawn_in_the_box_is_no_circle(printed: Printed) -> None:
    # A □ is an odd mark: a person decides (it used to pass as a ○).
    lay = printed.layouts["SY"]
    for i, (inset, turn, pen_mm) in enumerate(((0.6, 0, 0.5), (1.2, 8, 0.4), (2.0, -5, 0.7))):
        img = printed.pages["SY"][i].copy()
        for c in lay.candidates[:3]:
            _square(img, c.boxes["mark"], inset, turn, pen_mm)
        r = read(img, printed.ctx)
        got = marks_of(r)
        assert [got[c.code] for c in lay.candidates[:3]] == [Mark.UNCLEAR] * 3, (inset, got)
        assert r.status is SheetStatus.REVIEW


def test_doubtful_marks_go_to_a_person(printed: Printed) -> None:
    lay = printed.layouts["SY"]
    kinds = {
        "c01": "check",
        "c02": "fill",
        "c03": "faint_circle",
        "c04": "circle_crossed",
        "c05": "scribble",
        "c06": "dot",
    }
    r = read(marked(printed.pages["SY"][2], lay, kinds, 5), printed.ctx)
    assert r.status is SheetStatus.REVIEW
    assert "unclear_mark" in r.reasons
    assert all(m is Mark.UNCLEAR for m in marks_of(r).values()), marks_of(r)
    whys = {k: r.scores["targets"][f"{k}.mark"].get("why") for k in kinds}
    assert whys["c03"] == "faint" and whys["c06"] == "dot"


def test_faint_pencil_is_never_abstain(printed: Printed) -> None:
    lay = printed.layouts["SY"]
    for seed in range(4):
        kinds = {
            c.code: ("faint_cross" if (i + seed) % 2 else "faint_circle")
            for i, c in enumerate(lay.candidates)
        }
        r = read(marked(printed.pages["SY"][seed % 4], lay, kinds, 10 + seed), printed.ctx)
        assert set(marks_of(r).values()) == {Mark.UNCLEAR}, (seed, marks_of(r))


def test_faint_pencil_beside_a_dark_pen_line_is_never_abstain(printed: Printed) -> None:
    # A dark pen line drawn just outside a box made the box's darkest ink a pen's: a faint
    # pencil mark inside, judged against it, had no pixel dark enough to be placed and was
    # dropped — the box read "abstain" (64 boxes in 240 before). It goes to a person.
    lay = printed.layouts["SY"]
    for seed in range(6):
        kinds = {c.code: ("faint_circle" if seed % 2 else "faint_cross") for c in lay.candidates}
        img = marked(printed.pages["SY"][seed % 4], lay, kinds, 70 + seed)
        rng = np.random.default_rng(170 + seed)
        for c in lay.candidates:
            corpus.draw_kind(img, "stray", box_px(c.boxes["mark"]), PPM, rng)
        got = marks_of(read(img, printed.ctx))
        assert set(got.values()) == {Mark.UNCLEAR}, (seed, got)


def test_faint_pencil_crossed_by_a_fold_is_never_abstain(printed: Printed) -> None:
    # A fold through the middle of a row of boxes is erased as no mark, and a faint stroke
    # crossing it, too faint to be told from it there, with it: a faint × was cut into four
    # arms, each below a speck's mass, and the box read "abstain" (bench seed 4, page 397).
    # The arms are one mark, joined across the erased fold: a person looks.
    lay = printed.layouts["SY"]
    for seed in range(4):
        kinds = {c.code: ("faint_cross" if seed % 2 else "faint_circle") for c in lay.candidates}
        img = marked(printed.pages["SY"][seed % 4], lay, kinds, 40 + seed)
        for c in lay.candidates:  # a fold along each row, through the boxes' middles
            _, y0, _, y1 = box_px(c.boxes["mark"])
            y = round((y0 + y1) / 2 + (seed - 1.5))
            cv2.line(img, (0, y), (img.shape[1], y + 1), 150, 1)
        blurred = cv2.GaussianBlur(img, (0, 0), 0.7)
        jpeg = cv2.imencode(".jpg", blurred, [cv2.IMWRITE_JPEG_QUALITY, 55])[1]
        got = marks_of(read(np.asarray(cv2.imdecode(jpeg, 0), dtype=np.uint8), printed.ctx))
        assert Mark.ABSTAIN not in got.values(), (seed, got)


def test_a_mark_too_pale_to_be_ink_is_never_abstain(printed: Printed) -> None:
    """A ○ or a × in a very hard pencil or a dry pen, grey 226–232 on white paper (a tenth
    of the print's darkness: below what the reader counts as ink), was read as no mark —
    abstain, and the sheet counted. Strokes that pale go to a person; the empty boxes stay
    empty, a pale crease through them too."""
    lay = printed.layouts["SY"]
    for seed in range(3):
        img = printed.pages["SY"][seed].copy()
        rng = np.random.default_rng(500 + seed)
        pale: dict[str, str] = {}
        for i, c in enumerate(lay.candidates):
            x0, y0, x1, y1 = box_px(c.boxes["mark"])
            if i % 3 == 2:
                continue  # (left empty)
            grey = float(rng.uniform(226, 232))
            pen = corpus.Pen(float(rng.uniform(0.3, 0.45)) * PPM, grey, 0.0)
            if i % 3 == 0:
                r = (x1 - x0) * float(rng.uniform(0.3, 0.4))
                cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
                path = corpus.ellipse_path(cx, cy, r, r * 0.95, 0.0, 0.3, 6.6, rng)
                corpus.strokes(img, [path], pen, rng)
            else:
                m = 0.2 * (x1 - x0)
                corpus.strokes(
                    img,
                    [
                        np.array([[x0 + m, y0 + m], [x1 - m, y1 - m]]),
                        np.array([[x1 - m, y0 + m], [x0 + m, y1 - m]]),
                    ],
                    pen,
                    rng,
                )
            pale[c.code] = "x" if i % 3 else "o"
        for c in lay.candidates:  # a pale crease along each row, through the boxes
            _, y0, _, y1 = box_px(c.boxes["mark"])
            y = round(y0 + 0.3 * (y1 - y0))
            cv2.line(img, (0, y), (img.shape[1], y + 2), 225, 2)
        jpeg = cv2.imencode(".jpg", img, [cv2.IMWRITE_JPEG_QUALITY, 85])[1]
        got = marks_of(read(np.asarray(cv2.imdecode(jpeg, 0), dtype=np.uint8), printed.ctx))
        assert {got[c] for c in pale} == {Mark.UNCLEAR}, (seed, got)
        assert {m for c, m in got.items() if c not in pale} == {Mark.ABSTAIN}, (seed, got)


def _pale_broad(img: Gray, b: Box, shape: str, rng: np.random.Generator) -> None:
    """In box ``b``, a pale mark drawn with a broad stroke (grey 222–229 on white, 1–2 mm: a
    yellow felt-tip or marker on a grey scan, a rubber's smear of an erased pencil mark):
    ``shape`` "o" (a ○), "x" (a ×), "/" (one line across the box) or "x~" (a × smeared)."""
    x0, y0, x1, y1 = box_px(b)
    cx, cy, side = (x0 + x1) / 2, (y0 + y1) / 2, x1 - x0
    grey = float(rng.uniform(222, 229))
    if shape == "o":
        r = side * float(rng.uniform(0.3, 0.36))
        paths = [corpus.ellipse_path(cx, cy, r, r * 0.92, 0.0, 0.5, 6.6, rng)]
        width = float(rng.uniform(1.6, 2.0))
    else:
        h = side * (0.42 if shape == "/" else 0.33)
        paths = [corpus.line_path(cx - h, cy + h, cx + h, cy - h, rng)]
        if shape != "/":
            paths.append(corpus.line_path(cx - h, cy - h, cx + h, cy + h, rng))
        width = float(rng.uniform(1.0, 1.6))
    corpus.strokes(img, paths, corpus.Pen(width * PPM, grey, 0.2 if shape == "x~" else 0.0), rng)
    if shape == "x~":  # (rubbed: softened inside the box, its printed border left as it was)
        m = round(0.12 * side)
        inner = img[round(y0) + m : round(y1) - m, round(x0) + m : round(x1) - m]
        inner[...] = cv2.GaussianBlur(inner, (0, 0), 0.4 * PPM)


def test_a_pale_mark_drawn_with_a_broad_stroke_is_never_abstain(printed: Printed) -> None:
    """A ×, a ○ or a line across the box in a pale broad stroke — grey 222–229 on white
    paper, 1–2 mm wide (a yellow or yellow-green felt-tip or marker on a grey scan, the grey
    smear an erased pencil mark leaves) — was read as no mark: abstain, and the sheet counted.
    Narrower strokes that pale went to a person; the look for them takes a stroke as wide as
    this for the paper's shading. A person looks; the other boxes read as they are."""
    lay = printed.layouts["SY"]
    shapes = ["x", "o", "/", "x~"]
    kinds = {"c05": "circle", "c06": "cross"}
    pale = ["c01", "c02", "c03", "c04"]
    box = {c.code: c.boxes["mark"] for c in lay.candidates}
    for seed in range(2):
        img = marked(printed.pages["SY"][seed], lay, kinds, 70 + seed)
        rng = np.random.default_rng(520 + seed)
        for i, code in enumerate(pale):
            _pale_broad(img, box[code], shapes[(i + seed) % 4], rng)
        jpeg = cv2.imencode(".jpg", img, [cv2.IMWRITE_JPEG_QUALITY, 85])[1]
        r = read(np.asarray(cv2.imdecode(jpeg, cv2.IMREAD_GRAYSCALE), np.uint8), printed.ctx)
        got = marks_of(r)
        assert {got[c] for c in pale} == {Mark.UNCLEAR}, (seed, got)
        assert {r.scores["targets"][f"{c}.mark"]["why"] for c in pale} == {"faint"}, seed
        assert (got["c05"], got["c06"]) == (Mark.AGREE, Mark.DISAGREE), (seed, got)
        assert [w.mark for w in r.writeins] == [Mark.ABSTAIN, Mark.ABSTAIN], seed
        assert r.status is SheetStatus.REVIEW and r.reasons == ("unclear_mark",), r.reasons


def _soft_cross(page: Gray, b: Box, sigma_mm: float, darkest: float, seed: int) -> Gray:
    """``page`` with, in box ``b``, a × rubbed out or smudged (a soft pencil's): its strokes
    blurred by ``sigma_mm``, grey ``darkest`` where they cross and paler along its arms."""
    rng = np.random.default_rng(seed)
    x0, y0, x1, y1 = box_px(b)
    cx, cy, a = (x0 + x1) / 2, (y0 + y1) / 2, (x1 - x0) * 0.35
    layer = np.full_like(page, 255)
    paths = [
        corpus.line_path(cx - a, cy - a, cx + a, cy + a, rng, 0.01),
        corpus.line_path(cx + a, cy - a, cx - a, cy + a, rng, 0.01),
    ]
    corpus.strokes(layer, paths, corpus.Pen(0.6 * PPM, 0, 0.0), rng)
    ink = 255 - cv2.GaussianBlur(layer, (0, 0), sigma_mm * PPM).astype(np.float32)
    ink *= (255 - darkest) / float(ink.max())
    return np.minimum(page, (255 - ink).astype(np.uint8))


def test_a_rubbed_out_soft_cross_is_never_abstain(printed: Printed) -> None:
    """A × in soft pencil rubbed out or smudged (blurred 0.5–0.7 mm, grey 218–228 where its
    strokes cross, 231–235 along its arms) in an otherwise empty box was read as no mark:
    abstain, and the sheet counted — a ○ that pale and soft went to a person (its ring is
    found), the ×'s arms are paler than any look asked. A person looks; the other boxes,
    and the blank ones of the sheet, read as they are."""
    lay = printed.layouts["SY"]
    kinds = {"c01": "circle", "c03": "cross"}
    box = {c.code: c.boxes["mark"] for c in lay.candidates}
    for seed, (sigma, darkest) in enumerate([(0.7, 218), (0.7, 222), (0.5, 228)]):
        img = _soft_cross(
            marked(printed.pages["SY"][seed], lay, kinds, 90 + seed),
            box["c02"],
            sigma,
            darkest,
            seed,
        )
        jpeg = cv2.imencode(".jpg", img, [cv2.IMWRITE_JPEG_QUALITY, 85])[1]
        r = read(np.asarray(cv2.imdecode(jpeg, cv2.IMREAD_GRAYSCALE), np.uint8), printed.ctx)
        got = marks_of(r)
        assert got["c02"] is Mark.UNCLEAR, (seed, got)
        assert r.scores["targets"]["c02.mark"]["why"] == "faint", seed
        want = truth_of(lay, kinds)
        assert {k: v for k, v in got.items() if k != "c02"} == {
            k: v for k, v in want.items() if k != "c02"
        }, (seed, got)
        assert r.status is SheetStatus.REVIEW and r.reasons == ("unclear_mark",), r.reasons


def _corrected(page: Gray, b: Box, old: str, new: str, cover: str, seed: int) -> Gray:
    """``page`` with, in box ``b``, an ``old`` mark ("circle", "cross") covered by ``cover``
    — "fluid" (a blob of correction fluid over most of the box and its border), "spot" (a
    smaller blob inside the border, the old mark's ends showing round it) or "tape" (a strip
    of correction tape 5 mm wide across it) — and a ``new`` mark drawn on top."""
    rng = np.random.default_rng(seed)
    img = page.copy()
    x0, y0, x1, y1 = box_px(b)
    m = 0.0 if cover == "spot" else 1.5 * PPM  # (else well inside: the fluid hides all of it)
    corpus.draw_kind(img, old, (x0 + m, y0 + m, x1 - m, y1 - m), PPM, rng)
    cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
    mask = np.zeros_like(img)
    if cover in ("fluid", "spot"):
        axes = (round(6.5 * PPM), round(6.2 * PPM)) if cover == "fluid" else (round(4.2 * PPM),) * 2
        cv2.ellipse(mask, (round(cx), round(cy)), axes, 10, 0, 360, 255, -1)
    else:
        top_left = (round(x0 - 8 * PPM), round(cy - 2.5 * PPM))
        cv2.rectangle(mask, top_left, (round(x1 + 8 * PPM), round(cy + 2.5 * PPM)), 255, -1)
    rim = cv2.morphologyEx(mask, cv2.MORPH_GRADIENT, np.ones((3, 3), np.uint8)) > 0
    img[mask > 0] = 248  # (off-white, its edge a grey line)
    img[rim] = np.minimum(img[rim], 205)
    corpus.draw_kind(img, new, (x0, y0, x1, y1), PPM, rng)
    return img


@pytest.mark.parametrize(
    ("cover", "old", "new", "why"),
    [
        ("fluid", "cross", "circle", "altered"),
        ("fluid", "circle", "cross", "altered"),
        ("tape", "cross", "circle", "altered"),
        ("spot", "cross", "circle", "circle_crossed"),
    ],
)
def test_a_mark_drawn_on_correction_fluid_over_the_box_goes_to_a_person(
    printed: Printed, cover: str, old: str, new: str, why: str
) -> None:
    """A mark covered with correction fluid or tape that hides part of the box's printed
    border, and another drawn on top, was read as the new mark and counted. An altered box
    is doubtful (rules.md: a ○ overwritten by a × is): a person looks ('altered'; a ○ on a
    smaller blob inside the border, the ×'s ends sticking out round it in line through its
    middle: 'circle_crossed'); the other boxes read as they are."""
    lay = printed.layouts["SY"]
    kinds = {"c01": "circle", "c03": "cross"}
    b = next(c for c in lay.candidates if c.code == "c02").boxes["mark"]
    img = _corrected(marked(printed.pages["SY"][2], lay, kinds, 95), b, old, new, cover, 96)
    jpeg = cv2.imencode(".jpg", img, [cv2.IMWRITE_JPEG_QUALITY, 85])[1]
    r = read(np.asarray(cv2.imdecode(jpeg, cv2.IMREAD_GRAYSCALE), np.uint8), printed.ctx)
    got = marks_of(r)
    assert got["c02"] is Mark.UNCLEAR, got
    assert r.scores["targets"]["c02.mark"]["why"] == why, r.scores["targets"]["c02.mark"]
    want = truth_of(lay, kinds)
    assert {k: v for k, v in got.items() if k != "c02"} == {
        k: v for k, v in want.items() if k != "c02"
    }, got
    assert r.status is SheetStatus.REVIEW and r.reasons == ("unclear_mark",), r.reasons


def _light_pencil(img: Gray, b: Box, shape: str, grey: float, rng: np.random.Generator) -> None:
    """In box ``b``, a ○ (``shape`` "o") or a × ("x") in a light pencil of grey ``grey`` (on
    white paper), 0.5 mm wide, its grain breaking the line up a little."""
    x0, y0, x1, y1 = box_px(b)
    cx, cy, side = (x0 + x1) / 2, (y0 + y1) / 2, x1 - x0
    if shape == "o":
        paths = [corpus.ellipse_path(cx, cy, side * 0.35, side * 0.33, 0.3, 0.5, 6.6, rng)]
    else:
        a = side * 0.3
        paths = [
            corpus.line_path(cx - a, cy - a, cx + a, cy + a, rng, 0.02),
            corpus.line_path(cx + a, cy - a, cx - a, cy + a, rng, 0.02),
        ]
    corpus.strokes(img, paths, corpus.Pen(0.5 * PPM, grey, 0.25), rng)


def _scanned(img: Gray, seed: int, paper: float = 255.0, levels_white: float = 255.0) -> Gray:
    """``img`` as a scanner gives it: on paper of grey ``paper``, with its noise (2 grey
    levels), a driver's "background removal" (``levels_white`` and lighter made white, the
    rest stretched to match), a JPEG (q90)."""
    rng = np.random.default_rng(seed)
    page = img.astype(np.float32) * np.float32(paper / 255) + rng.normal(0, 2, img.shape)
    page = page * np.float32(255 / levels_white)
    jpeg = cv2.imencode(
        ".jpg", np.clip(page, 0, 255).astype(np.uint8), [cv2.IMWRITE_JPEG_QUALITY, 90]
    )
    return np.asarray(cv2.imdecode(jpeg[1], cv2.IMREAD_GRAYSCALE), dtype=np.uint8)


#: How each light-pencil page is scanned: paper grey, the white of a "background removal",
#: and how much darker the pencil is drawn for the scan to show it about as dark as on white
#: paper (on grey paper it shows a little paler: 14-17 levels below the paper).
_LIGHT_SCANS = {
    "white paper": (255.0, 255.0, 0.0),
    "grey paper": (240.0, 255.0, 0.0),
    "background removed": (255.0, 215.0, 40.0),
}


@pytest.mark.parametrize("scan", list(_LIGHT_SCANS))
def test_a_light_pencil_mark_plainly_seen_is_never_abstain(printed: Printed, scan: str) -> None:
    """A ○ or a × in a light pencil 15-18 grey levels darker than white paper — plainly seen on
    the scan, with a scanner's noise round it — was read as no mark (abstain, the sheet
    counted): the look for strokes too pale to be ink asked for a share of the printed
    border's black (15 levels on a black border, 25 for a ring), more than a light pencil's
    grainy line reaches once averaged along it. Also on grey paper, and after a driver's
    "background removal", which whitens what is lighter than a level and stretches the rest.
    Judged against the box's own paper, quiet here: a person looks. The empty boxes, and the
    pen marks, read as they are."""
    paper, levels_white, darker = _LIGHT_SCANS[scan]
    lay = printed.layouts["SY"]
    kinds = {"c05": "circle", "c06": "cross"}
    light = {"c01": ("o", 16.0), "c02": ("x", 18.0), "c03": ("o", 15.0), "c04": ("x", 15.0)}
    box = {c.code: c.boxes["mark"] for c in lay.candidates}
    for seed in range(2):
        img = marked(printed.pages["SY"][seed], lay, kinds if seed else {}, 30 + seed)
        rng = np.random.default_rng(630 + seed)
        for code, (shape, below) in light.items():
            _light_pencil(img, box[code], shape, 255.0 - below - darker, rng)
        r = read(_scanned(img, seed, paper, levels_white), printed.ctx)
        got = marks_of(r)
        assert {got[c] for c in light} == {Mark.UNCLEAR}, (scan, seed, got)
        assert {r.scores["targets"][f"{c}.mark"]["why"] for c in light} == {"faint"}, seed
        if seed:
            assert (got["c05"], got["c06"]) == (Mark.AGREE, Mark.DISAGREE), (scan, got)
        else:
            assert (got["c05"], got["c06"]) == (Mark.ABSTAIN, Mark.ABSTAIN), (scan, got)
        assert r.status is SheetStatus.REVIEW and r.reasons == ("unclear_mark",), r.reasons


def test_a_light_pencil_ring_in_a_column_box_is_never_abstain(printed: Printed) -> None:
    """Column style: a ○ in a light pencil (15-17 grey levels below the paper) in the 不赞成
    or the 赞成 box was read as no mark — the candidate abstained on, the sheet counted.
    A person looks; the other rows read as they are."""
    lay = printed.layouts["CO"]
    box = {c.code: c.boxes for c in lay.candidates}
    for seed in range(2):
        kinds = {"c03.agree": "circle", "c04.abstain": "circle"}
        img = marked(printed.pages["CO"][seed], lay, kinds, 40 + seed)
        rng = np.random.default_rng(640 + seed)
        _light_pencil(img, box["c01"]["disagree" if seed else "agree"], "o", 240.0, rng)
        _light_pencil(img, box["c02"]["agree" if seed else "abstain"], "o", 238.0, rng)
        r = read(_scanned(img, seed), printed.ctx)
        assert marks_of(r) == {
            "c01": Mark.UNCLEAR,
            "c02": Mark.UNCLEAR,
            "c03": Mark.AGREE,
            "c04": Mark.ABSTAIN,
        }, (seed, marks_of(r))
        assert r.status is SheetStatus.REVIEW, r.reasons


#: A dark scan's tone curve: a driver's gamma or brightness slider, a scanner writing linear
#: light (grey v read as 255·(v/255)²).
_GAMMA_2 = np.array([255 * (v / 255) ** 2 for v in range(256)], dtype=np.uint8)


def test_faint_pencil_darkened_by_a_dark_scan_beside_pen_marks_is_never_counted(
    printed: Printed,
) -> None:
    """A dark scan (a gamma-2 tone curve) darkens the mid-grey of a faint pencil ○ or × past
    the strength of ink against the printed black, which it leaves as it was: the faint marks
    were read as clear, agree and disagree, and the sheet counted — while the voter's pen marks
    on the same sheet are far darker. A mark much paler than the page's other clear marks
    goes to a person; the pen marks are read."""
    lay = printed.layouts["SY"]
    for seed in range(4):
        faint = {"c01": "faint_circle", "c02": "faint_cross"}
        pen = {"c03": "circle", "c04": "cross", "c05": "circle" if seed % 2 else "cross"}
        img = marked(printed.pages["SY"][seed], lay, {**faint, **pen}, 100 + seed)
        jpeg = cv2.imencode(".jpg", cv2.LUT(img, _GAMMA_2), [cv2.IMWRITE_JPEG_QUALITY, 85])[1]
        r = read(np.asarray(cv2.imdecode(jpeg, cv2.IMREAD_GRAYSCALE), np.uint8), printed.ctx)
        got = marks_of(r)
        assert {got[c] for c in faint} == {Mark.UNCLEAR}, (seed, got)
        assert {r.scores["targets"][f"{c}.mark"]["why"] for c in faint} == {"faint"}, seed
        assert {c: got[c] for c in pen} == {c: Mark(corpus.EXPECT[k]) for c, k in pen.items()}
        assert got["c06"] is Mark.ABSTAIN and r.status is SheetStatus.REVIEW, (seed, got)


def test_a_fine_pens_line_beside_a_broad_one_is_no_paler_mark(
    printed: Printed, tmp_path: Path
) -> None:
    """One black pen, its lines 2 px wide at 300 dpi on some boxes and 7–8 px on others (a
    voter pressing harder): read at half size a 2-px line is half as dark, and the look for
    marks paler than the page's others sent each thin ○ and × to a person as faint — one
    clear mark in twelve of the plain-marks bench, and on black-and-white scans, whose ink is
    all one black, as many. Measured on the full-size page too, they are as dark as the rest:
    the sheet is counted, in grey and in black and white."""
    lay = printed.layouts["SY"]
    img = sheet_at_300_dpi(printed, 1, tmp_path)
    ppm = 300 / 25.4
    boxes = {c.code: box_px(c.boxes["mark"], ppm) for c in lay.candidates}
    page = Image.fromarray(img)
    pen = ImageDraw.Draw(page)
    for code, shape, width in (
        ("c01", "o", 2),
        ("c02", "x", 2),
        ("c03", "o", 8),
        ("c04", "x", 7),
        ("c05", "o", 3),
    ):
        x0, y0, x1, y1 = boxes[code]
        x, y, r = (x0 + x1) / 2, (y0 + y1) / 2, 0.33 * (x1 - x0)
        if shape == "o":
            pen.ellipse([x - r, y - 0.9 * r, x + r, y + 0.9 * r], outline=10, width=width)
        else:
            pen.line([x - r, y - r, x + r, y + r], fill=10, width=width)
            pen.line([x - r, y + r, x + r, y - r], fill=10, width=width)
    grey = np.asarray(page, dtype=np.uint8)
    (tmp_path / "grey.jpg").write_bytes(
        cv2.imencode(".jpg", grey, [cv2.IMWRITE_JPEG_QUALITY, 85])[1].tobytes()
    )
    Image.fromarray(np.where(grey < 140, 0, 255).astype(np.uint8)).convert("1").save(
        tmp_path / "bw.tif", compression="group4", dpi=(300, 300)
    )
    for name in ("grey.jpg", "bw.tif"):
        res = process_page(load.PageRef(str(tmp_path / name), 1, 1), printed.ctx)
        assert dict(res.marks) == {
            "c01": Mark.AGREE,
            "c02": Mark.DISAGREE,
            "c03": Mark.AGREE,
            "c04": Mark.DISAGREE,
            "c05": Mark.AGREE,
            "c06": Mark.ABSTAIN,
        }, (name, dict(res.marks), res.scores.get("targets"))
        assert res.status is SheetStatus.COUNTED, (name, res.reasons)


def test_pen_marks_of_a_sheet_as_dark_as_they_come_are_all_counted(printed: Printed) -> None:
    """The clear marks of a sheet are each judged against its darkest: a fine, grey pen's ○
    (ink at grey 75, 0.3 mm) beside a broad black one's × (grey 0, 0.9 mm) is as clear a
    mark, not paler than the page's — the sheet is counted, plain and through a dark scan."""
    lay = printed.layouts["SY"]
    box = {c.code: box_px(c.boxes["mark"]) for c in lay.candidates}
    for seed in range(2):
        img = printed.pages["SY"][seed].copy()
        rng = np.random.default_rng(660 + seed)
        for code, (shape, grey, mm) in {
            "c01": ("o", 75.0, 0.3),
            "c02": ("x", 0.0, 0.9),
            "c03": ("x", 75.0, 0.3),
            "c04": ("o", 0.0, 0.9),
        }.items():
            x0, y0, x1, y1 = box[code]
            cx, cy, side = (x0 + x1) / 2, (y0 + y1) / 2, x1 - x0
            if shape == "o":
                paths = [corpus.ellipse_path(cx, cy, side * 0.35, side * 0.33, 0.2, 0.4, 6.6, rng)]
            else:
                a = side * 0.3
                paths = [
                    corpus.line_path(cx - a, cy - a, cx + a, cy + a, rng),
                    corpus.line_path(cx + a, cy - a, cx - a, cy + a, rng),
                ]
            corpus.strokes(img, paths, corpus.Pen(mm * PPM, grey, 0.0), rng)
        for page in (img, cv2.LUT(img, _GAMMA_2)):
            r = read(np.asarray(page, dtype=np.uint8), printed.ctx)
            assert marks_of(r) == {
                "c01": Mark.AGREE,
                "c02": Mark.DISAGREE,
                "c03": Mark.DISAGREE,
                "c04": Mark.AGREE,
                "c05": Mark.ABSTAIN,
                "c06": Mark.ABSTAIN,
            }, (seed, marks_of(r))
            assert r.status is SheetStatus.COUNTED, (seed, r.reasons)


def _tinted(img: Gray, b: Box, r_mm: float, light: float, soft_mm: float) -> None:
    """A stain over box ``b``: the paper ``light`` of its white within ``r_mm`` of the box's
    middle, its edge softened over ``soft_mm``."""
    cx, cy = (b[0] + b[2]) / 2 * PPM, (b[1] + b[3]) / 2 * PPM
    yy, xx = np.mgrid[0 : img.shape[0], 0 : img.shape[1]].astype(np.float32)
    inside = (np.hypot(xx - cx, yy - cy) < r_mm * PPM).astype(np.float32)
    if soft_mm > 0:
        inside = cv2.GaussianBlur(inside, (0, 0), soft_mm * PPM / 2)
    img[...] = np.clip(img * (1 - inside * (1 - light)), 0, 255).astype(np.uint8)


def test_tints_stains_shading_and_show_through_over_empty_boxes_are_no_pale_marks(
    printed: Printed,
) -> None:
    """What darkens an empty box without a stroke in it — a stain over the box or inside it,
    tinted paper, a book's gutter shading across the sheet, the back's print showing through,
    the paper's grain, a coarse JPEG — is no pale mark: the box is empty, the sheet counted
    (a broad pale stroke is told by the paper on both its sides, `marks._faint_strokes`)."""
    lay = printed.layouts["SY"]
    kinds = {"c01": "circle", "c03": "cross", "c05": "circle"}
    truth = truth_of(lay, kinds)
    box = {c.code: c.boxes["mark"] for c in lay.candidates}
    back = np.ascontiguousarray(printed.pages["CO"][0][:, ::-1]).astype(np.float32)
    for seed in range(2):
        img = marked(printed.pages["SY"][seed], lay, kinds, 80 + seed)
        h, w = img.shape
        rng = np.random.default_rng(90 + seed)
        _tinted(img, box["c02"], 8.0, 0.86, 1.0)  # (a stain larger than the box)
        _tinted(img, box["c04"], 2.0 + seed, 0.93, 0.6)  # (a drop's stain within it)
        _tinted(img, box["c06"], 4.5, 0.9, 2.0 + seed)  # (a soft one, the box's size)
        # the back's print showing through (4 % of its darkness), the paper's grain, a
        # gutter's shading darkening the sheet towards one side, tinted paper
        page = img.astype(np.float32) * (1 - 0.04 * (1 - back[:h, :w] / 255))
        noise = cv2.GaussianBlur(rng.normal(0, 1, (h, w)).astype(np.float32), (0, 0), 0.3 * PPM)
        grain = noise * np.float32(3 / float(noise.std()))  # (3 grey levels)
        x = np.arange(w, dtype=np.float32) / w
        gutter = 1 - 0.3 * np.exp(-(x if seed else 1 - x) / 0.15)
        tint = 0.9 if seed else 1.0
        shaded = np.clip((page + grain) * gutter[None, :] * tint, 0, 255).astype(np.uint8)
        jpeg = cv2.imencode(".jpg", shaded, [cv2.IMWRITE_JPEG_QUALITY, 50])[1]
        r = read(np.asarray(cv2.imdecode(jpeg, cv2.IMREAD_GRAYSCALE), np.uint8), printed.ctx)
        assert marks_of(r) == truth, (seed, marks_of(r))
        assert r.status is SheetStatus.COUNTED, (seed, r.reasons)


def test_on_quiet_paper_shadows_creases_and_show_through_are_no_pale_marks(
    printed: Printed,
) -> None:
    """Where the paper is quiet, strokes paler than the share of black the look asks on a
    noisy page are looked for (a light pencil's): what darkens an empty box there without a
    stroke — a fold's faint shadow whose edge runs inside the box, a crease's grey line
    across it, the back's print showing through (blurred by the paper), a faint tint — is
    no pale mark: the boxes are empty, the sheet counted."""
    lay = printed.layouts["SY"]
    kinds = {"c01": "circle", "c03": "cross"}
    truth = truth_of(lay, kinds)
    box = {c.code: box_px(c.boxes["mark"]) for c in lay.candidates}
    back = cv2.GaussianBlur(
        np.ascontiguousarray(printed.pages["CO"][0][:, ::-1]).astype(np.float32), (0, 0), 0.15 * PPM
    )
    for seed in range(2):
        img = marked(printed.pages["SY"][seed], lay, kinds, 90 + seed).astype(np.float32)
        h, w = img.shape
        yy = np.mgrid[0:h, 0:w][0].astype(np.float32)
        # a fold's shadow (4 %) over the rows above an edge 1.6-2 mm inside c02's top border
        edge = box["c02"][1] + (1.6 + 0.4 * seed) * PPM
        img *= 1 - 0.02 * (1 - np.tanh((yy - edge) / np.float32(0.2 * PPM)))
        # a crease's grey line across c05's box and a paler, wider one across c06's
        y = round((box["c05"][1] + box["c05"][3]) / 2)
        cv2.line(img, (0, y), (w, y + 2), 225.0, 1)
        y = round(box["c06"][1] + 0.35 * (box["c06"][3] - box["c06"][1]))
        cv2.line(img, (0, y), (w, y - 1), 232.0, 2)
        # the back's print showing through (5 % of its darkness), a faint tint, little noise
        rng = np.random.default_rng(95 + seed)
        page = img * (1 - 0.05 * (1 - back[:h, :w] / 255)) * (0.97 if seed else 1.0)
        page = cv2.GaussianBlur(page, (0, 0), 0.5) + rng.normal(0, 1, (h, w))
        r = read(np.clip(page, 0, 255).astype(np.uint8), printed.ctx)
        assert marks_of(r) == truth, (seed, marks_of(r))
        assert r.status is SheetStatus.COUNTED, (seed, r.reasons)


def test_a_circle_too_faint_to_be_ink_on_a_faded_copy_is_never_abstain(printed: Printed) -> None:
    # A faded copy: print at 45 % of its darkness, and a ○ in one box at an eighth of the
    # print's. Even with the page stretched to a good scan's contrast, the ○ is lighter than
    # anything the reader counts as ink: the box read as empty (abstain), though a counter
    # sees the ○. A box read as empty is looked at once more for a faint ring round its
    # middle: a person looks. The empty boxes stay empty.
    lay = printed.layouts["SY"]
    page = printed.pages["SY"][2].astype(np.float32)
    faded = 255.0 - (255.0 - page) * 0.45
    img = np.asarray(np.clip(faded, 0, 255), dtype=np.uint8)
    rng = np.random.default_rng(4)
    first = lay.candidates[0]
    x0, y0, x1, y1 = box_px(first.boxes["mark"])
    r = 0.3 * (x1 - x0)
    path = corpus.ellipse_path((x0 + x1) / 2, (y0 + y1) / 2, r, r * 0.95, 0.0, 0.5, 6.5, rng)
    corpus.strokes(img, [path], corpus.Pen(0.45 * PPM, 255 - 0.12 * 0.45 * 255, 0.0), rng)
    img = np.asarray(cv2.GaussianBlur(img, (0, 0), 0.7), dtype=np.uint8)
    got = read(img, printed.ctx)
    marks = marks_of(got)
    t = got.scores["targets"][f"{first.code}.mark"]
    assert marks[first.code] is Mark.UNCLEAR and t.get("faint_ring", 0.0) >= 0.75, str(t)
    assert {m for c, m in marks.items() if c != first.code} == {Mark.ABSTAIN}, marks
    # (without the second look the ○ was read as no mark)
    blind = replace(
        printed.ctx,
        config=replace(DEFAULT_CONFIG, faint_ring_cover=1.01, faint_stroke_min_mm=1e9),
    )
    assert marks_of(read(img, blind))[first.code] is Mark.ABSTAIN


def test_a_box_whose_border_is_traced_over_is_never_abstain(
    printed: Printed, tmp_path: Path
) -> None:
    # A voter draws the box's square over with a pen instead of a ○ or a ×: nothing lies off
    # the printed border, whose band is taken away as print, and the box read as empty —
    # abstain, where a counter sees a deliberate mark. Its border, heavier all round than
    # the other boxes', sends it to a person.
    lay = printed.layouts["SY"]
    img = sheet_at_300_dpi(printed, 2, tmp_path)
    ppm = 300 / 25.4
    rng = np.random.default_rng(3)
    traced = {"c01": (0.5, 0.0), "c02": (0.7, 0.1), "c03": (0.4, -0.1), "c04": (1.0, 0.0)}
    for code, (pen_mm, shift) in traced.items():
        x0, y0, x1, y1 = mark_box_px(lay, code, ppm)
        o = shift * ppm
        pts = [(x0 + o, y0 + o), (x1 + o, y0 - o), (x1 - o, y1 + o), (x0 - o, y1), (x0 + o, y0 + o)]
        paths = [corpus.line_path(*pts[i], *pts[i + 1], rng, 0.0) for i in range(4)]
        corpus.strokes(img, paths, corpus.Pen(pen_mm * ppm, 25.0, 0.0), rng)
    r = read(img, printed.ctx)
    got = marks_of(r)
    assert got == {
        "c01": Mark.UNCLEAR,
        "c02": Mark.UNCLEAR,
        "c03": Mark.UNCLEAR,
        "c04": Mark.UNCLEAR,
        "c05": Mark.ABSTAIN,
        "c06": Mark.ABSTAIN,
    }, got
    t = r.scores["targets"]
    assert t["c04.mark"]["why"] == "traced" and t["c04.mark"]["traced_sides"] == 4.0
    assert t["c03.mark"]["traced_mm"] >= 0.12, t["c03.mark"]
    # the printed borders of a page alone are never taken for traced ones
    blank = read(sheet_at_300_dpi(printed, 3, tmp_path), printed.ctx)
    assert blank.status is SheetStatus.COUNTED and set(marks_of(blank).values()) == {Mark.ABSTAIN}
    unlooked = read(img, replace(printed.ctx, config=replace(DEFAULT_CONFIG, traced_min_sides=5)))
    assert marks_of(unlooked)["c04"] is Mark.ABSTAIN  # (what it read before the look)


def test_a_faint_circle_along_the_border_is_never_abstain(printed: Printed) -> None:
    # A faint ○ about the box's size runs in and out across the printed border: the border
    # takes the crossings and a blurred scan breaks the rest into pieces each lighter than a
    # speck of dust. They lie all round the box: a person looks (it read "abstain").
    lay = printed.layouts["SY"]
    for seed in range(4):
        img = printed.pages["SY"][seed % 4].copy()
        rng = np.random.default_rng(300 + seed)
        for c in lay.candidates:
            x0, y0, x1, y1 = box_px(c.boxes["mark"])
            r = (x1 - x0) * float(rng.uniform(0.5, 0.56))
            path = corpus.ellipse_path(
                (x0 + x1) / 2,
                (y0 + y1) / 2,
                r,
                r * 0.96,
                0.0,
                float(rng.uniform(0, 6.3)),
                6.4,
                rng,
                0.02,
            )
            corpus.strokes(img, [path], corpus.Pen(0.35 * PPM, 175.0, 0.3), rng)
        got = marks_of(
            read(np.asarray(cv2.GaussianBlur(img, (0, 0), 0.8), dtype=np.uint8), printed.ctx)
        )
        assert set(got.values()) == {Mark.UNCLEAR}, (seed, got)


def sheet_at_300_dpi(printed: Printed, page: int, folder: Path, contest: str = "SY") -> Gray:
    """Sheet ``page`` of the ``contest``'s ballots rendered by poppler at 300 dpi, grey."""
    render = ["pdftoppm", "-r", "300", "-gray", "-f", str(page), "-l", str(page), "-singlefile"]
    subprocess.run([*render, str(printed.pdfs[contest]), str(folder / "p300")], check=True)
    img = cv2.imread(str(folder / "p300.pgm"), cv2.IMREAD_GRAYSCALE)
    assert img is not None
    return np.asarray(img, dtype=np.uint8)


def _hugging_ring(
    img: Gray, b: Box, ppm: float, radius: float, width_px: int, grey: int, blur_px: float = 0.0
) -> None:
    """A ○ round box ``b`` (layout mm) of ``radius`` times its side, hugging its printed
    border (0.5: inscribed, touching it at the middle of each side; 0.6: a little bigger,
    outside it there, inside it by the corners), a line ``width_px`` wide (px at ``ppm``) of
    grey ``grey``, drawn over the page as ink is (never lighter than what is under it),
    scanned soft (a Gaussian of ``blur_px``) where ``blur_px`` is given."""
    x0, y0, x1, y1 = box_px(b, ppm)
    cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
    pad = round(0.4 * (x1 - x0) * radius + 8 * blur_px + 2 * width_px)
    ring = np.full_like(img, 255)
    r_px = radius * (x1 - x0)
    # (a line a pixel wide, as a scanner's sensor gives it: its pixels whole, not smoothed)
    smooth = cv2.LINE_AA if width_px > 1 else cv2.LINE_8
    cv2.circle(ring, (round(cx * 16), round(cy * 16)), round(r_px * 16), 0, width_px, smooth, 4)
    ink = np.asarray(grey + (255 - grey) * (ring.astype(np.float32) / 255), dtype=np.uint8)
    np.minimum(img, ink, out=img)
    if blur_px:
        ya, yb = max(0, round(cy - r_px) - pad), round(cy + r_px) + pad
        xa, xb = max(0, round(cx - r_px) - pad), round(cx + r_px) + pad
        img[ya:yb, xa:xb] = cv2.GaussianBlur(img[ya:yb, xa:xb], (0, 0), blur_px)


#: Pale ○s the size of the box or a little bigger: (radius of the side, line width at 300 dpi,
#: grey, blur σ px at 300 dpi) — a hard pencil, a thin grey line, a fine pen scanned soft.
_HUGGING = {
    "c01": (0.5, 4, 215, 0.0),
    "c02": (0.6, 3, 215, 0.0),
    "c03": (0.52, 1, 110, 0.0),
    "c04": (0.55, 1, 0, 2.0),
}


def test_a_pale_circle_hugging_the_box_border_is_never_abstain(
    printed: Printed, tmp_path: Path
) -> None:
    """A pale ○ drawn the size of the box or a little bigger — a hard pencil (grey 215, 3-4
    px at 300 dpi), a thin grey line, a fine pen's line scanned soft — runs along the printed
    border: the looks for faint rings and strokes see only the box's inside, where it leaves
    short arcs by the corners, and the box was read as empty (abstain, the sheet counted).
    Its strokes on and round the border, the border's own profile taken away, lie on a
    circle round the box's middle: a person looks. The pen ○ and the empty box read as
    they are. (A 300 dpi scan's file, read reduced to half as a scanner's pages are.)"""
    lay = printed.layouts["SY"]
    ppm = 300 / 25.4
    img = sheet_at_300_dpi(printed, 2, tmp_path)
    img = marked(img, lay, {"c05": "circle"}, 61, ppm)
    box = {c.code: c.boxes["mark"] for c in lay.candidates}
    for code, (radius, width, grey, blur) in _HUGGING.items():
        _hugging_ring(img, box[code], ppm, radius, width, grey, blur)
    f = tmp_path / "hugging.png"
    cv2.imwrite(str(f), img)
    r = process_page(load.PageRef(str(f), 1, 1), printed.ctx)
    assert r.scores["reduction"] == 2
    got = dict(r.marks)
    assert {got[c] for c in _HUGGING} == {Mark.UNCLEAR}, got
    assert (got["c05"], got["c06"]) == (Mark.AGREE, Mark.ABSTAIN), got
    t = r.scores["targets"]
    for code in _HUGGING:
        assert t[f"{code}.mark"]["why"] == "faint", t[f"{code}.mark"]
        assert t[f"{code}.mark"]["border_ring"] >= 0.75, t[f"{code}.mark"]
    assert r.status is SheetStatus.REVIEW and r.reasons == ("unclear_mark",), r.reasons
    # (without the look along the border the rings were read as no mark)
    blind = replace(printed.ctx, config=replace(DEFAULT_CONFIG, border_ring_cover=1.01))
    before = dict(process_page(load.PageRef(str(f), 1, 1), blind).marks)
    assert {before[c] for c in _HUGGING} == {Mark.ABSTAIN}, before


#: Big pale ○s drawn well round the box, its corners touching or poking out of them (radius
#: of the side), in a thick pale line — a red gel pen under a scanner's red colour dropout:
#: a millimetre wide (12 px at 300 dpi), grey 221–227 on the paper.
_BIG_PALE = {"c01": (0.62, 224), "c02": (0.68, 221), "c03": (0.72, 227), "c04": (0.75, 224)}


def test_a_pale_thick_circle_drawn_well_round_the_box_is_never_abstain(
    printed: Printed, tmp_path: Path
) -> None:
    """A ○ in a red gel pen, its red dropped by the scanner, leaves a ring a millimetre wide
    at grey 221–227, drawn round the box at 0.6–0.75 of its side. Beside each side it runs
    near the border's offset over half the side or more: taken as the border's own profile
    (its median along the side) it was taken away, a 1.2 mm top-hat thinned its wide pale
    stroke, and the box was read as empty (abstain, the sheet counted). Now a person looks;
    the pen ○ and the empty box read as they are."""
    lay = printed.layouts["SY"]
    ppm = 300 / 25.4
    img = sheet_at_300_dpi(printed, 2, tmp_path)
    img = marked(img, lay, {"c05": "circle"}, 63, ppm)
    box = {c.code: c.boxes["mark"] for c in lay.candidates}
    for code, (radius, grey) in _BIG_PALE.items():
        _hugging_ring(img, box[code], ppm, radius, 12, grey, 1.0)
    f = tmp_path / "big_pale.png"
    cv2.imwrite(str(f), img)
    r = process_page(load.PageRef(str(f), 1, 1), printed.ctx)
    got = dict(r.marks)
    assert {got[c] for c in _BIG_PALE} == {Mark.UNCLEAR}, got
    assert (got["c05"], got["c06"]) == (Mark.AGREE, Mark.ABSTAIN), got
    t = r.scores["targets"]
    for code in _BIG_PALE:
        assert t[f"{code}.mark"]["why"] == "faint", t[f"{code}.mark"]
    assert r.status is SheetStatus.REVIEW and r.reasons == ("unclear_mark",), r.reasons


def test_a_pale_circle_hugging_a_column_box_beside_a_pen_circle_goes_to_a_person(
    printed: Printed, tmp_path: Path
) -> None:
    """Column style: a pen ○ in the 不赞成 box and a hard pencil's ○ the size of the 赞成 box
    in the same row — two columns marked — was read as a confident 不赞成, the pencil ○ as
    nothing; a pale ○ alone round a box was an abstention. Both rows go to a person; the
    rows marked in pen alone read as they are."""
    lay = printed.layouts["CO"]
    ppm = 300 / 25.4
    img = sheet_at_300_dpi(printed, 1, tmp_path, "CO")
    kinds = {"c01.disagree": "circle", "c03.agree": "circle", "c04.abstain": "circle"}
    img = marked(img, lay, kinds, 62, ppm)
    box = {c.code: c.boxes for c in lay.candidates}
    _hugging_ring(img, box["c01"]["agree"], ppm, 0.5, 3, 215)
    _hugging_ring(img, box["c02"]["disagree"], ppm, 0.58, 3, 215)
    r = read(img, printed.ctx)
    assert marks_of(r) == {
        "c01": Mark.UNCLEAR,
        "c02": Mark.UNCLEAR,
        "c03": Mark.AGREE,
        "c04": Mark.ABSTAIN,
    }, marks_of(r)
    t = r.scores["targets"]
    assert (t["c01.agree"]["why"], t["c02.disagree"]["why"]) == ("faint", "faint")
    assert r.status is SheetStatus.REVIEW, r.reasons


@pytest.mark.parametrize("scan", ["blurred", "smeared", "jpeg", "turned"])
def test_a_printed_borders_blur_and_ringing_are_no_circle_along_it(
    printed: Printed, tmp_path: Path, scan: str
) -> None:
    """The printed border's own blur (a soft scan, a scanner's smear along the feed), a
    JPEG's ringing round it, a sheet turned a little (the border's edge falling differently
    on the pixels along each side) lie along the border at one distance from it, on all
    four sides alike: no ○ round the box. Every empty box stays empty."""
    img = sheet_at_300_dpi(printed, 3, tmp_path)
    if scan == "blurred":
        img = np.asarray(cv2.GaussianBlur(img, (0, 0), 2.0))
    elif scan == "smeared":
        kernel = np.full((13, 1), 1 / 13, np.float32)
        img = np.asarray(cv2.filter2D(img, -1, kernel))
    elif scan == "jpeg":
        data = cv2.imencode(".jpg", img, [cv2.IMWRITE_JPEG_QUALITY, 40])[1]
        img = np.asarray(cv2.imdecode(data, cv2.IMREAD_GRAYSCALE))
    else:
        h, w = img.shape
        turn = cv2.getRotationMatrix2D((w / 2, h / 2), 1.3, 1.0)
        img = np.asarray(cv2.warpAffine(img, turn, (w, h), borderValue=255))
    r = read(img, printed.ctx)
    assert set(marks_of(r).values()) == {Mark.ABSTAIN}, (scan, marks_of(r))
    assert not [k for k, t in r.scores["targets"].items() if "border_ring" in t], scan


def test_a_fine_pens_thin_strokes_are_clear_on_a_300_dpi_scan(
    printed: Printed, tmp_path: Path
) -> None:
    # A fine pen draws a line two pixels wide at 300 dpi; read at half that, averaged into one
    # pixel, it is half as dark and looked like pencil: every such ○ and × went to a person.
    # Looked at again on the page decoded at full resolution, it is as dark as it is. A wide
    # faint pencil stroke is faint there too and still goes to a person.
    lay = printed.layouts["SY"]
    img = sheet_at_300_dpi(printed, 1, tmp_path)
    ppm = 300 / 25.4
    boxes = {c.code: box_px(c.boxes["mark"], ppm) for c in lay.candidates}

    def centre(code: str) -> tuple[int, int]:
        x0, y0, x1, y1 = boxes[code]
        return round((x0 + x1) / 2), round((y0 + y1) / 2)

    r = round(0.33 * (boxes["c01"][2] - boxes["c01"][0]))
    # Lines exactly two pixels wide (OpenCV's thinnest but one are three), grey 85-90: a
    # fine blue ballpoint's line in a grey scan.
    page = Image.fromarray(img)
    pen = ImageDraw.Draw(page)
    (x, y) = centre("c01")
    pen.ellipse([x - r, y - r, x + r, y + r], outline=85, width=2)
    (x, y) = centre("c04")
    pen.ellipse([x - 1.3 * r, y - 0.8 * r, x + 1.3 * r, y + 0.8 * r], outline=90, width=2)
    for code in ("c02", "c05"):
        (x, y), h = centre(code), r
        pen.line([x - h, y - h, x + h, y + h], fill=85, width=2)
        pen.line([x - h, y + h, x + h, y - h], fill=85, width=2)
    img = np.asarray(page, dtype=np.uint8).copy()
    rng = np.random.default_rng(5)
    x0, y0, x1, y1 = boxes["c03"]
    path = corpus.ellipse_path((x0 + x1) / 2, (y0 + y1) / 2, r, r, 0.0, 1.0, 6.4, rng, 0.02)
    corpus.strokes(img, [path], corpus.Pen(0.5 * ppm, 180.0, 0.3), rng)
    f = tmp_path / "fine.jpg"
    f.write_bytes(cv2.imencode(".jpg", img, [cv2.IMWRITE_JPEG_QUALITY, 85])[1].tobytes())
    res = process_page(load.PageRef(str(f), 1, 1), printed.ctx)
    assert res.scores["reduction"] == 2
    got = dict(res.marks)
    assert got == {
        "c01": Mark.AGREE,
        "c02": Mark.DISAGREE,
        "c03": Mark.UNCLEAR,
        "c04": Mark.AGREE,
        "c05": Mark.DISAGREE,
        "c06": Mark.ABSTAIN,
    }, got
    targets = res.scores["targets"]
    for code in ("c01", "c02", "c04", "c05"):
        t = targets[f"{code}.mark"]
        assert t["strength"] < DEFAULT_CONFIG.strong_rel <= t["strength_fine"], (code, t)
    assert targets["c03.mark"]["why"] == "faint"
    assert targets["c03.mark"]["strength_fine"] < DEFAULT_CONFIG.strong_rel
    # Without the finer image (read as the half-size page alone) the thin strokes are faint.
    loaded = load.load_page(load.PageRef(str(f), 1, 1), DEFAULT_CONFIG, 297.0)
    assert isinstance(loaded, load.LoadedPage)
    assert set(marks_of(read(loaded.gray, printed.ctx)).values()) <= {Mark.UNCLEAR, Mark.ABSTAIN}


def test_on_a_300_dpi_black_and_white_scan_a_fine_pens_line_is_clear_and_dithered_pencil_is_not(
    printed: Printed, tmp_path: Path
) -> None:
    # A black-and-white scan read at half its resolution: a pen line two pixels wide, kept
    # solid by the scanner's threshold, became one grey pixel and went to a person. Looked at
    # on the scan's own pixels it is a solid stroke. Faint pencil that a dithering scanner
    # made into dots is no solid stroke there and still goes to a person.
    lay = printed.layouts["SY"]
    img = sheet_at_300_dpi(printed, 2, tmp_path)
    ppm = 300 / 25.4
    rng = np.random.default_rng(8)
    thin = Image.fromarray(img)
    pen = ImageDraw.Draw(thin)
    dithered = img.copy()
    for i, c in enumerate(lay.candidates):
        box = box_px(c.boxes["mark"], ppm)
        x, y, r = (box[0] + box[2]) / 2, (box[1] + box[3]) / 2, 0.33 * (box[2] - box[0])
        if i % 2 == 0:
            pen.ellipse([x - r, y - r, x + r, y + r], outline=0, width=2)
            corpus.draw_kind(dithered, "faint_circle", box, ppm, rng)
        else:
            pen.line([x - r, y - r, x + r, y + r], fill=0, width=2)
            pen.line([x - r, y + r, x + r, y - r], fill=0, width=2)
            corpus.draw_kind(dithered, "faint_cross", box, ppm, rng)
    plain = {
        c.code: Mark.AGREE if i % 2 == 0 else Mark.DISAGREE for i, c in enumerate(lay.candidates)
    }
    for name, page, want in (
        ("thin.tif", thin.point(lambda v: 255 if v > 150 else 0), plain),
        ("dithered.tif", Image.fromarray(dithered), dict.fromkeys(plain, Mark.UNCLEAR)),
    ):
        f = tmp_path / name
        page.convert("1").save(f, compression="group4", dpi=(300, 300))  # (Floyd–Steinberg)
        res = process_page(load.PageRef(str(f), 1, 1), printed.ctx)
        assert res.scores["reduction"] == 2 and res.scores.get("bilevel"), res.scores
        got = dict(res.marks)
        # (six candidates, three seats: three ○ and three × is a valid ballot)
        assert got == want, (name, got)
        looked = [t for t in res.scores["targets"].values() if "strength_fine" in t]
        assert looked, name


def test_dust_stray_lines_and_folds_are_not_marks(printed: Printed) -> None:
    lay = printed.layouts["SY"]
    img = marked(printed.pages["SY"][3], lay, {"c02": "stray", "c04": "stray", "c05": "circle"}, 7)
    # scanner dust: single dark pixels (0.17 mm) in and around two boxes
    for code in ("c01", "c03"):
        x0, y0, x1, y1 = box_px(next(c for c in lay.candidates if c.code == code).boxes["mark"])
        for fx, fy in ((0.3, 0.4), (0.7, 0.2), (0.5, 0.8), (1.15, 0.5)):
            img[round(y0 + fy * (y1 - y0)), round(x0 + fx * (x1 - x0))] = 30
    # a fold across the whole sheet, through two boxes
    c6 = box_px(next(c for c in lay.candidates if c.code == "c06").boxes["mark"])
    y = round((c6[1] + c6[3]) / 2)
    cv2.line(img, (0, y), (img.shape[1], y + 2), 200, 1)
    r = read(img, printed.ctx)
    assert r.status is SheetStatus.COUNTED, (r.reasons, marks_of(r))
    assert marks_of(r) == {
        "c01": Mark.ABSTAIN,
        "c02": Mark.ABSTAIN,
        "c03": Mark.ABSTAIN,
        "c04": Mark.ABSTAIN,
        "c05": Mark.AGREE,
        "c06": Mark.ABSTAIN,
    }


def _shaded(img: Gray, level: float, edge_share: float, soft_mm: float) -> Gray:
    """The lower part of the page below ``edge_share`` of its height in a shadow of ``level``
    (a lid left ajar, a hand over the sheet), its edge softened over about ``soft_mm``."""
    y = np.arange(img.shape[0], dtype=np.float32)
    edge = edge_share * img.shape[0]
    if soft_mm > 0:
        light = 1 - (1 - level) / (1 + np.exp(-(y - edge) / (soft_mm * PPM / 4)))
    else:
        light = np.where(y < edge, np.float32(1.0), np.float32(level))
    out: Gray = np.clip(img.astype(np.float32) * light[:, None], 0, 255).astype(np.uint8)
    return out


_SHADED_KINDS = {
    "c01": "circle",
    "c02": "cross",
    "c03": "circle_open",
    "c05": "cross_big",
    "c06": "oval",
}
_SHADED_TRUTH = {
    "c01": Mark.AGREE,
    "c02": Mark.DISAGREE,
    "c03": Mark.AGREE,
    "c04": Mark.ABSTAIN,
    "c05": Mark.DISAGREE,
    "c06": Mark.AGREE,
}


@pytest.mark.parametrize("level", [0.5, 0.58, 0.7])
def test_a_shadow_over_part_of_the_sheet_does_not_hide_marks(
    printed: Printed, level: float
) -> None:
    # The paper in the shade is darker than 0.6 of the page's white: measured against the
    # page's white, a shaded box looked full of ink and its mark was erased as "lines".
    lay = printed.layouts["SY"]
    img = marked(printed.pages["SY"][0], lay, _SHADED_KINDS, 3)
    top = min(box_px(c.boxes["mark"])[1] for c in lay.candidates) / img.shape[0]
    r = read(_shaded(img, level, top + 0.02, 10.0), printed.ctx)
    assert r.status is not SheetStatus.REJECTED, r.reasons
    # evened out before its boxes were read, or (squares in the shade) before it all
    assert r.scores.get("uneven_light", r.scores.get("second_look", {}).get("uneven_light")) < 0.9
    assert marks_of(r) == _SHADED_TRUTH


def test_a_hard_shadow_edge_across_boxes_is_never_read_as_something(printed: Printed) -> None:
    # A sharp shadow edge through the row of boxes: each box reads right or goes to a
    # person, none is called something it is not.
    lay = printed.layouts["SY"]
    img = marked(printed.pages["SY"][1], lay, _SHADED_KINDS, 4)
    for share in (0.3, 0.5, 0.7):
        _, y0, _, y1 = box_px(lay.candidates[0].boxes["mark"])
        edge = (y0 + share * (y1 - y0)) / img.shape[0]
        got = marks_of(read(_shaded(img, 0.5, edge, 0.0), printed.ctx))
        assert all(got[k] in (v, Mark.UNCLEAR) for k, v in _SHADED_TRUTH.items()), (share, got)


def test_a_dark_band_across_a_box_goes_to_a_person(printed: Printed) -> None:
    # A band down the whole sheet 3 mm wide (a smear, a scanner's dirty glass) is no
    # printed line and no fold: erasing it would erase the mark under it. Every box it
    # crosses goes to a person; the others read as they are.
    lay = printed.layouts["SY"]
    kinds = {"c02": "circle", "c05": "cross", "c06": "circle"}
    img = marked(printed.pages["SY"][2], lay, kinds, 6)
    x0, _, x1, _ = box_px(next(c for c in lay.candidates if c.code == "c02").boxes["mark"])
    left, right = round((x0 + x1) / 2 - 1.5 * PPM), round((x0 + x1) / 2 + 1.5 * PPM)
    img[:, left:right] = np.minimum(img[:, left:right], 110)
    r = read(img, printed.ctx)
    got = marks_of(r)
    crossed = set()
    for c in lay.candidates:
        b0, _, b1, _ = box_px(c.boxes["mark"])
        if b0 < right and b1 > left:
            crossed.add(c.code)
            assert got[c.code] is Mark.UNCLEAR, (c.code, got)
            assert r.scores["targets"][f"{c.code}.mark"]["dark_band_mm"] >= 2.5
    assert "c02" in crossed and len(crossed) < len(lay.candidates)
    for c in lay.candidates:
        if c.code not in crossed:
            want = {"circle": Mark.AGREE, "cross": Mark.DISAGREE}.get(kinds.get(c.code, ""))
            assert got[c.code] is (want or Mark.ABSTAIN), (c.code, got)


@pytest.mark.parametrize("cover", [110, 235])
def test_a_box_that_cannot_be_seen_is_never_read_as_empty(printed: Printed, cover: int) -> None:
    """A thumb over a box when the photo or scan was taken (dark), or a dab of correction
    fluid (white): neither the mark nor the box's printed border shows. It goes to a person
    ('the box is covered'), never read as an abstention; the other boxes read as they are."""
    lay = printed.layouts["SY"]
    kinds = {"c01": "circle", "c03": "cross", "c05": "circle"}
    img = marked(printed.pages["SY"][1], lay, kinds, 51)
    c3 = box_px(next(c for c in lay.candidates if c.code == "c03").boxes["mark"])
    cx, cy = round((c3[0] + c3[2]) / 2), round((c3[1] + c3[3]) / 2)
    cv2.ellipse(img, (cx, cy), (round(8 * PPM), round(11 * PPM)), 15, 0, 360, cover, -1)
    r = read(img, printed.ctx)
    got = marks_of(r)
    assert got["c03"] is Mark.UNCLEAR, got
    # (a dark thumb may show as a faint 'mark' instead: a person looks either way)
    assert r.scores["targets"]["c03.mark"]["why"] in ("hidden", "faint")
    want = truth_of(lay, kinds)
    assert {k: v for k, v in got.items() if k != "c03"} == {
        k: v for k, v in want.items() if k != "c03"
    }


def _drop(img: Gray, b: Box, r_mm: float, inside: float, rim: float, ppm: float = PPM) -> None:
    """A dried drink's drop over box ``b``: a tinted disc (``inside`` of the paper's light)
    with a darker, soft rim (``rim``) of r_mm about the box's middle."""
    cx, cy = (b[0] + b[2]) / 2 * ppm, (b[1] + b[3]) / 2 * ppm
    r = r_mm * ppm
    x0, y0, x1, y1 = (round(v) for v in (cx - r - 20, cy - r - 20, cx + r + 20, cy + r + 20))
    yy, xx = np.mgrid[y0:y1, x0:x1].astype(np.float32)
    d = np.hypot(xx - cx, yy - cy) / (1 + 0.04 * np.sin(5 * np.arctan2(yy - cy, xx - cx)))
    disc = cv2.GaussianBlur((d < r).astype(np.float32), (0, 0), 2)
    edge = np.exp(-0.5 * ((d - r) / (0.3 * ppm)) ** 2)
    light = (1 - disc * (1 - inside)) * (1 - edge * (1 - rim))
    img[y0:y1, x0:x1] = np.clip(img[y0:y1, x0:x1] * light, 0, 255).astype(np.uint8)


def test_a_drinks_drop_over_a_box_is_never_read_as_a_circle(
    printed: Printed, tmp_path: Path
) -> None:
    """A dried drop of tea over an empty box: its tinted middle taken for the paper, its
    darker rim round the box read as a ○ drawn larger than the box — 'agree', counted (and
    on a full ballot, a ○ too many voided it). A person looks; the other boxes read as they
    are."""
    lay = printed.layouts["SY"]
    ppm = 300 / 25.4
    page = sheet_at_300_dpi(printed, 1, tmp_path)
    kinds = {"c01": "circle", "c03": "cross", "c05": "circle"}
    for seed, (r_mm, inside, rim) in enumerate([(6.5, 0.72, 0.47), (6.0, 0.7, 0.45)]):
        img = marked(page, lay, kinds, 60 + seed, ppm)
        box = next(c for c in lay.candidates if c.code == "c02").boxes["mark"]
        _drop(img, box, r_mm, inside, rim, ppm)
        jpeg = cv2.imencode(".jpg", img, [cv2.IMWRITE_JPEG_QUALITY, 88])[1]
        r = read(np.asarray(cv2.imdecode(jpeg, cv2.IMREAD_GRAYSCALE), np.uint8), printed.ctx)
        got = marks_of(r)
        assert got["c02"] is Mark.UNCLEAR, (seed, got["c02"])
        # (the first is read as a ○ but for the stain; the second as too faint anyway)
        assert r.scores["targets"]["c02.mark"]["why"] == ("stain" if seed == 0 else "faint")
        want = truth_of(lay, kinds)
        assert {k: v for k, v in got.items() if k != "c02"} == {
            k: v for k, v in want.items() if k != "c02"
        }, seed


def test_a_scan_cut_short_is_never_read_as_paper(printed: Printed) -> None:
    """The scanner stopped early (or its page length cut the sheet short): the boxes and
    write-in names past the image's end were read from its last row — paper, abstaining —
    and the sheet counted. Boxes missing: refused, to be scanned again; only the blank paper
    below the table partly missing: held, a scrutineer looks at the paper there."""
    lay = printed.layouts["SY"]
    kinds = {"c01": "circle", "c03": "cross"}
    img = marked(printed.pages["SY"][0], lay, kinds, 70)
    last_box = max(b[3] for c in lay.candidates for b in c.boxes.values())
    last_name = max(w.name_box[3] for w in lay.writeins)
    blank = lay.extra["blank"]
    for end_mm, status, reason in [
        (last_box - 3, SheetStatus.REJECTED, "cut_off"),
        (last_name - 2, SheetStatus.REJECTED, "cut_off"),
        ((blank[1] + blank[3]) / 2, SheetStatus.REVIEW, "blank_cut_off"),
    ]:
        r = read(np.ascontiguousarray(img[: round(end_mm * PPM)]), printed.ctx)
        assert r.status is status and reason in r.reasons, (end_mm, r.status, r.reasons)
    whole = read(img, printed.ctx)
    assert whole.status is SheetStatus.COUNTED and marks_of(whole) == truth_of(lay, kinds)


def _folded(img: Gray, x_mm: float, y_mm: float, shadow: float, crease: float = 0.2) -> Gray:
    """A sheet folded in four and scanned not quite flat: along each fold a crease line
    (``crease`` darker at its middle, 0.25 mm) with a shadow on one side of the ridge
    (``shadow`` darker at the crease, fading over 4 mm) and a little light on the other."""

    def profile(dist: NDArray[np.float32]) -> NDArray[np.float32]:
        ppm = np.float32(PPM)
        shade = np.where(
            dist < 0, -shadow * np.exp(dist / (4 * ppm)), 0.35 * shadow * np.exp(-dist / (4 * ppm))
        )
        out: NDArray[np.float32] = shade - crease * np.exp(-0.5 * (dist / (0.25 * ppm)) ** 2)
        return out

    h, w = img.shape
    ys = np.arange(h, dtype=np.float32)[:, None] - np.float32(y_mm * PPM)
    xs = np.arange(w, dtype=np.float32)[None, :] - np.float32(x_mm * PPM)
    light = np.clip(1 + profile(ys) + profile(xs), 0.2, 1.25)
    folded: Gray = np.clip(img.astype(np.float32) * light, 0, 255).astype(np.uint8)
    return folded


@pytest.mark.parametrize("shadow", [0.15, 0.3])
def test_a_ballot_folded_in_four_reads_through_its_creases(printed: Printed, shadow: float) -> None:
    # Voters fold the ballot before it goes into the box. One fold runs along the row of
    # boxes, through every one of them, the other down through a box: the creases' shadows
    # are divided out, the creases erased around the strokes crossing them. (Before, each
    # box with a fold's shadow across it went to a person as "a dark band".)
    lay = printed.layouts["SY"]
    kinds = {"c01": "circle", "c02": "circle", "c03": "cross", "c05": "oval", "c06": "cross"}
    truth = truth_of(lay, kinds)
    x0, y0, x1, y1 = next(c for c in lay.candidates if c.code == "c02").boxes["mark"]
    for seed, (fx, fy) in enumerate([(0.3, 0.55), (0.6, 0.35)]):
        img = marked(printed.pages["SY"][seed], lay, kinds, 40 + seed)
        folded = _folded(img, x0 + fx * (x1 - x0), y0 + fy * (y1 - y0), shadow)
        # (fed with a slight turn: a crease square with the image would be a scanner streak)
        r = read(scanned(folded, 0.8 - 1.6 * seed, 1.0, (0, 0), pad_mm=4), printed.ctx)
        assert marks_of(r) == truth, (seed, marks_of(r))
        assert r.status is SheetStatus.COUNTED
        if shadow >= 0.3:  # (a light one leaves every box readable as it is)
            shaded = [k for k in truth if "shadow" in r.scores["targets"][f"{k}.mark"]]
            assert shaded, "no box was read with a shadow divided out"


def _broad_stroke(
    page: Gray,
    box: tuple[float, float, float, float],
    width_mm: float,
    past_mm: float,
    tilt: float,
    ppm: float = PPM,
) -> NDArray[np.float32]:
    """How much light a broad stroke (a highlighter's, a felt-tip's) drawn through the box
    takes at each pixel (0–1): ``width_mm`` wide, ``tilt`` degrees off level, ending
    ``past_mm`` beyond the box on each side."""
    cov = np.zeros(page.shape[:2], np.float32)
    x0, y0, x1, y1 = box
    cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
    half = (x1 - x0) / 2 + past_mm * ppm
    dx, dy = half * math.cos(math.radians(tilt)), half * math.sin(math.radians(tilt))
    a, b = (
        (round((cx - dx) * 16), round((cy - dy) * 16)),
        (round((cx + dx) * 16), round((cy + dy) * 16)),
    )
    cv2.line(cov, a, b, 1.0, max(1, round(width_mm * ppm)), cv2.LINE_AA, shift=4)
    return cov


@pytest.mark.parametrize(
    ("width_mm", "past_mm", "tilt"),
    [(3.0, 4.0, 0.0), (4.0, 6.0, 1.5), (5.0, 9.0, -2.5), (4.5, 12.0, 0.5)],
)
def test_a_broad_pale_stroke_through_an_empty_box_is_no_folds_shadow(
    printed: Printed, width_mm: float, past_mm: float, tilt: float
) -> None:
    # A pale broad stroke straight through an empty box (a highlighter's, a grey felt-tip's:
    # 3-5 mm wide, grey 175) was taken for a fold's shadow and divided out, and the box read
    # as a confident abstain. A fold's shadow runs on across the sheet; the stroke ends a
    # few mm past the box, with paper beyond it: a mark there, for a person.
    lay = printed.layouts["SY"]
    kinds = {"c01": "circle", "c02": "cross", "c04": "circle", "c06": "cross"}
    for k, code in enumerate(("c03", "c05")):
        img = marked(printed.pages["SY"][k], lay, kinds, 60 + k)
        cov = _broad_stroke(img, mark_box_px(lay, code), width_mm, past_mm, tilt)
        pale = np.clip(img.astype(np.float32) * (1 - cov * (1 - 175 / 255)) + 0.5, 0, 255)
        r = read(scanned(pale.astype(np.uint8), 0.4 - 0.8 * k, 1.0, (0, 0), pad_mm=4), printed.ctx)
        got = marks_of(r)
        assert got[code] is Mark.UNCLEAR, (code, got[code], r.scores["targets"][f"{code}.mark"])
        assert r.status is SheetStatus.REVIEW, r.reasons
        assert {c: got[c] for c in kinds} == {c: truth_of(lay, kinds)[c] for c in kinds}


@pytest.mark.parametrize(
    "colour",
    [(200, 150, 255), (255, 215, 140), (255, 170, 205)],
    ids=["pink", "light-blue", "violet"],
)
def test_a_pink_or_blue_highlighter_on_a_colour_scan_goes_to_a_person(
    printed: Printed, tmp_path: Path, colour: tuple[int, int, int]
) -> None:
    """A highlighter of a pen's hue (pink, light blue, violet: BGR ``colour``) — across an
    empty box, level over a name — goes to a person as a yellow one does. (It was no
    marker's ink, only yellow, green and orange were: a level band over a name was counted
    without a look, a stroke through an empty box divided out as a fold's shadow.) A pen of
    a like colour is still read as a pen: its strokes are far narrower."""
    lay = printed.layouts["SY"]
    page = sheet_at_300_dpi(printed, 2, tmp_path)
    ppm = 300 / 25.4
    kinds = {"c02": "circle", "c04": "cross"}
    strokes = marked(np.full_like(page, 255), lay, kinds, 23, ppm).astype(np.float32) / 255

    def scan(hl: NDArray[np.float32], name: str, pen: tuple[int, int, int]) -> Path:
        bgr = np.stack(
            [
                page.astype(np.float32)
                * (1 - (1 - strokes) * (1 - pen[c] / 255))
                * (1 - hl * (1 - colour[c] / 255))
                for c in range(3)
            ],
            axis=2,
        )
        f = tmp_path / name
        f.write_bytes(
            cv2.imencode(
                ".jpg", np.clip(bgr + 0.5, 0, 255).astype(np.uint8), [cv2.IMWRITE_JPEG_QUALITY, 88]
            )[1].tobytes()
        )
        return f

    # (the ○ and × drawn with a gel pen of the highlighter's colour: no marker's ink)
    none = np.zeros(page.shape, np.float32)
    gel = load.load_page(
        load.PageRef(str(scan(none, "gel.jpg", colour)), 1, 1), DEFAULT_CONFIG, 297.0
    )
    assert isinstance(gel, load.LoadedPage) and gel.marker is None
    black = (30, 30, 30)
    clean = process_page(load.PageRef(str(scan(none, "clean.jpg", black)), 1, 1), printed.ctx)
    assert clean.status is SheetStatus.COUNTED, clean.reasons
    for code, how in (("c01", "name"), ("c03", "across"), ("c06", "across")):
        if how == "across":
            past = 5.0 if code == "c03" else 8.0
            hl = _broad_stroke(page, mark_box_px(lay, code, ppm), 4.5, past, 1.0, ppm)
        else:
            hl = np.zeros(page.shape, np.float32)
            n = box_px(lay.extra["cells"][code]["print"][0], ppm)
            y = round((n[1] + n[3]) / 2)
            cv2.line(hl, (round(n[0] - ppm), y), (round(n[2] + ppm), y), 1.0, round(5 * ppm))
        r = process_page(load.PageRef(str(scan(hl, f"{code}.jpg", black)), 1, 1), printed.ctx)
        assert r.status is SheetStatus.REVIEW, (code, r.reasons)
        got = dict(r.marks or ())
        assert got["c02"] is Mark.AGREE and got["c04"] is Mark.DISAGREE, got
        held = got[code] is Mark.UNCLEAR or code in r.scores.get("beside_boxes", {})
        assert held, (code, got[code], r.reasons, r.scores.get("beside_boxes"))


@pytest.mark.parametrize("shadow", [0.3, 0.45])
def test_a_write_in_name_box_in_a_folds_shadow_is_read(printed: Printed, shadow: float) -> None:
    # A fold across the write-in names and down through the first: its shadow made a dark
    # band across both name boxes, and whether a name was written went to a person. The
    # shadow is divided out as in the boxes: a name is a name, an empty box empty.
    lay = printed.layouts["SY"]
    x0, y0, x1, y1 = lay.writeins[0].name_box
    img = marked(printed.pages["SY"][0], lay, {"w1.name": "name", "w1": "circle"}, 3)
    folded = _folded(img, x0 + 0.4 * (x1 - x0), y0 + 0.3 * (y1 - y0), shadow)
    r = read(scanned(folded, 0.7, 1.0, (0, 0), pad_mm=4), printed.ctx)
    assert [(w.column, w.has_name) for w in r.writeins] == [(1, True), (2, False)]
    assert "name_shadow" in r.scores["targets"]["w1.name"]


def test_a_pen_line_along_a_fold_still_goes_to_a_person(printed: Printed) -> None:
    # A ruled pen line along the crease, through the whole box: the crease is erased, the
    # shadow divided out, the pen line is neither (it is narrower than any shadow and as dark
    # as a pen): the box goes to a person.
    lay = printed.layouts["SY"]
    img = marked(printed.pages["SY"][1], lay, {"c01": "circle"}, 44)
    x0, y0, x1, y1 = box_px(next(c for c in lay.candidates if c.code == "c02").boxes["mark"])
    x = round(x0 + 0.45 * (x1 - x0))
    cv2.line(img, (x, round(y0 - 6 * PPM)), (x, round(y1 + 6 * PPM)), 40, 2)
    folded = _folded(img, x / PPM + 0.3, (y0 + y1) / 2 / PPM + 2.0, 0.3)
    r = read(scanned(folded, 0.7, 1.0, (0, 0), pad_mm=4), printed.ctx)
    got = marks_of(r)
    assert got["c02"] is Mark.UNCLEAR, got
    assert got["c01"] is Mark.AGREE, got


@pytest.mark.parametrize("width_mm", [(1.2, 1.8), (1.8, 2.4)])
def test_a_broad_felt_tip_pen_reads_like_a_ballpoint(
    printed: Printed, monkeypatch: pytest.MonkeyPatch, width_mm: tuple[float, float]
) -> None:
    # A felt-tip or marker draws strokes 1.2-2.4 mm wide in a 10 mm box: its ○ covered more
    # than the fill share of the box and its hole was small for its size, so two marks in
    # three went to a person. The strokes are thinned to a pen's width before the fill and
    # shape tests; a fill, a scribble and a ✓ in the same pen still go to a person.
    def felt(rng: np.random.Generator, ppm: float, faint: bool = False) -> corpus.Pen:
        return corpus.Pen(rng.uniform(*width_mm) * ppm, rng.uniform(0, 40), 0.0)

    monkeypatch.setattr(corpus, "pen", felt)
    lay = printed.layouts["SY"]
    clear = {"c01": "circle", "c02": "cross", "c03": "oval", "c04": "circle_open", "c05": "cross"}
    truth = truth_of(lay, clear)
    for seed in range(3):
        got = marks_of(read(marked(printed.pages["SY"][seed], lay, clear, 50 + seed), printed.ctx))
        assert got == truth, (seed, got)
    doubtful = {"c01": "fill", "c02": "scribble", "c03": "check", "c04": "circle_crossed"}
    got = marks_of(read(marked(printed.pages["SY"][3], lay, doubtful, 60), printed.ctx))
    assert all(got[k] is Mark.UNCLEAR for k in doubtful), got


def test_a_scanner_streak_through_the_boxes_is_healed(printed: Printed) -> None:
    """Dust on a feeder's glass draws a line down (or across) the whole image: through a box
    it looks like a ruled pen stroke. It is found, healed and the page read as without it."""
    lay = printed.layouts["SY"]
    img = marked(printed.pages["SY"][2], lay, SKEW_KINDS, 31)
    clean = read(img, printed.ctx)
    assert clean.status is SheetStatus.COUNTED, clean.reasons
    streaked = img.copy()
    c2 = box_px(next(c for c in lay.candidates if c.code == "c02").boxes["mark"])
    c5 = box_px(next(c for c in lay.candidates if c.code == "c05").boxes["mark"])
    x = round((c2[0] + c2[2]) / 2) + 3
    y = round((c5[1] + c5[3]) / 2) - 4
    streaked[:, x : x + 2] = np.minimum(streaked[:, x : x + 2], 35)  # down the whole image
    streaked[y : y + 1, :] = np.minimum(streaked[y : y + 1, :], 110)  # a grey one across
    r = read(streaked, printed.ctx)
    assert r.status is SheetStatus.COUNTED, (r.reasons, r.scores.get("streaks"))
    assert marks_of(r) == marks_of(clean) == SKEW_MARKS
    assert ["column", x, x + 1] in r.scores["streaks"]
    assert any(s[0] == "row" for s in r.scores["streaks"])


def test_a_ruled_pen_line_through_the_boxes_is_no_streak(printed: Printed) -> None:
    """A voter's line drawn with a ruler through boxes stops where the voter stopped: it is
    no scanner streak, and the boxes it crosses go to a person."""
    lay = printed.layouts["SY"]
    img = marked(printed.pages["SY"][2], lay, {"c01": "circle"}, 32)
    c3 = box_px(next(c for c in lay.candidates if c.code == "c03").boxes["mark"])
    x = round((c3[0] + c3[2]) / 2)
    img[round(c3[1] - 40 * PPM) : round(c3[3] + 60 * PPM), x : x + 2] = 30
    r = read(img, printed.ctx)
    assert r.status is SheetStatus.REVIEW, r.reasons
    assert marks_of(r)["c03"] is Mark.UNCLEAR
    assert r.scores["targets"]["c03.mark"]["why"] == "line"
    assert "streaks" not in r.scores


# --- writing elsewhere on the sheet (an identifying mark is the scrutineer's to judge) ----------


def _signed(img: Gray, lay: BallotLayout, where: Box, seed: int) -> Gray:
    """``img`` with a name written at ``where`` (mm from the blank region's top-left)."""
    x0, y0, _, _ = lay.extra["blank"]
    out = img.copy()
    box = (x0 + where[0], y0 + where[1], x0 + where[2], y0 + where[3])
    corpus.write_name(out, box_px(box), PPM, np.random.default_rng(seed))
    return out


def test_a_page_read_again_keeps_nothing_an_earlier_reading_found(printed: Printed) -> None:
    # A bent sheet is read, refused as boxes_misplaced and read again box by box; what the
    # first reading had found — writing below the table (a scanner's streak there, healed
    # before the reading that stood), a mark beside a box — stayed on the record, and the
    # review desk outlined writing no reading had found in the end (bench seed 7, page 296).
    from huanjie_desktop.recognition.pipeline import read_targets
    from huanjie_desktop.recognition.register import Overview

    lay = printed.layouts["SY"]
    img = marked(printed.pages["SY"][0], lay, {"c01": "circle"}, 4)
    good = read(img, printed.ctx)
    assert good.status is SheetStatus.COUNTED and good.registration is not None
    info = next(i for (c, _), i in printed.ctx.rounds.items() if c == "SY")
    white = Overview.of(img, DEFAULT_CONFIG, 297.0).white
    earlier: dict[str, Any] = {
        "registration": good.scores["registration"],
        "elsewhere": {"ink_mm2": 4.0, "pieces": 3, "box_mm": [137.0, 249.3, 138.0, 275.9]},
        "beside_boxes": {"c02": {"ink_mm2": 3.0, "box_mm": [0.0, 0.0, 1.0, 1.0]}},
        "targets": {"c99.mark": {"call": "circle"}},
        "boxes_check": {"found_share": 0.2, "offset_p90_mm": 0.9},
    }
    r = read_targets(img, good.registration, info, white, DEFAULT_CONFIG, earlier)
    assert r.status is SheetStatus.COUNTED and marks_of(r) == marks_of(good)
    assert "elsewhere" not in r.scores and "beside_boxes" not in r.scores
    assert "c99.mark" not in r.scores["targets"]
    assert r.scores["boxes_check"] == good.scores["boxes_check"]
    assert r.scores["registration"] == good.scores["registration"]


@pytest.mark.parametrize("where", [(60.0, 20.0, 95.0, 32.0), (0.0, 0.0, 22.0, 8.0)])
def test_a_name_written_below_the_table_holds_the_sheet_for_a_scrutineer(
    printed: Printed, where: Box
) -> None:
    """rules.md: a ballot carrying identifying marks is void, the scrutineer's decision. A
    name written in the paper below the table sends the sheet to a person; its marks are
    read as ever, and where the writing is is recorded and drawn on the sheet's picture."""
    lay = printed.layouts["SY"]
    kinds = {"c01": "circle", "c03": "cross", "c06": "circle"}
    img = _signed(marked(printed.pages["SY"][1], lay, kinds, 41), lay, where, 5)
    r = read(img, printed.ctx)
    assert r.status is SheetStatus.REVIEW and r.reasons == ("writing_elsewhere",), r.reasons
    assert marks_of(r) == truth_of(lay, kinds)
    x0, y0, _, _ = lay.extra["blank"]
    bx = r.scores["elsewhere"]["box_mm"]
    assert x0 + where[0] - 2 <= bx[0] < bx[2] <= x0 + where[2] + 2, bx
    assert y0 + where[1] - 2 <= bx[1] < bx[3] <= y0 + where[3] + 2, bx
    # the picture the reviewer sees outlines it (orange, 2 mm around it)
    drawn = draw_overlay(img, r)
    ring = drawn[
        round((bx[1] - 3) * PPM) : round((bx[3] + 3) * PPM),
        round((bx[0] - 3) * PPM) : round((bx[2] + 3) * PPM),
    ]
    assert np.count_nonzero(np.all(ring == (0, 140, 255), axis=2)) > 2 * (bx[2] - bx[0]) * PPM
    # (the app's picture: no reason codes written on it — "review: writing_elsewhere" stood
    # in English on the Chinese screen; the app says them in words beside it)
    corner = (slice(0, round(12 * PPM)), slice(0, round(90 * PPM)))
    plain = draw_overlay(img, r, status_text=False)
    assert np.count_nonzero(np.all(drawn[corner] == (0, 0, 200), axis=2)) > 50
    assert np.count_nonzero(np.all(plain[corner] == (0, 0, 200), axis=2)) == 0


@pytest.mark.parametrize("style", ["SY", "CO"])
def test_a_name_written_right_under_the_table_holds_the_sheet(printed: Printed, style: str) -> None:
    """A name four millimetres tall written right under the table's bottom rule: the paper
    looked at began three millimetres below everything printed, and the name, mostly above
    that, went unseen — the sheet counted."""
    lay = printed.layouts[style]
    table_bottom = max(c["cell"][3] for c in lay.extra["cells"].values())
    assert lay.extra["blank"][1] <= table_bottom + 1.5, (lay.extra["blank"], table_bottom)
    img = printed.pages[style][2].copy()
    box = (70 * PPM, (table_bottom + 0.8) * PPM, 100 * PPM, (table_bottom + 4.8) * PPM)
    corpus.write_name(img, box, PPM, np.random.default_rng(8))
    r = read(img, printed.ctx)
    assert r.status is SheetStatus.REVIEW and "writing_elsewhere" in r.reasons, r.reasons
    clean = read(printed.pages[style][2], printed.ctx)
    assert clean.status is SheetStatus.COUNTED, clean.reasons


def _writein_band(lay: BallotLayout, where: str) -> tuple[float, float, float, float]:
    """Where in write-in column 1's cell (mm, a band of writing) a name is written outside
    the box its name is read in: across the rule under the ○ box, over the printed label at
    the cell's foot, across the cell's bottom rule (the table's) or its top rule."""
    x0, y0, x1, y1 = lay.extra["cells"]["w1"]["cell"]
    if lay.style == "columns":
        x1 = min(ln[0] for ln in lay.extra["cells"]["w1"]["lines"])
    cx = (x0 + x1) / 2
    if where == "on_rule":
        rule = lay.extra["cells"]["w1"]["lines"][0][1]
        return (cx - 8, rule - 1.5, cx + 8, rule + 1.5)
    if where == "on_label":
        label = lay.extra["cells"]["w1"]["print"][1]
        return (cx - 8, label[1] - 1.0, cx + 8, label[3] + 0.8)
    # (a name 2.5–4 mm tall, centred on the rule: `corpus.write_name` writes 0.5–0.8 of it)
    if where == "on_top":
        return (cx - 8, y0 - 2.5, cx + 8, y0 + 2.5)
    return (cx - 8, y1 - 2.5, cx + 8, y1 + 2.5)


@pytest.mark.parametrize(
    "style,where",
    [
        ("SY", "on_rule"),
        ("SY", "on_label"),
        ("SY", "on_bottom"),
        ("SY", "on_top"),
        ("CO", "on_bottom"),
        ("CO", "on_top"),
    ],
)
@pytest.mark.parametrize("seed", [1, 3])
def test_a_name_written_in_a_writein_cell_outside_its_name_box_is_not_read_as_none(
    printed: Printed, style: str, where: str, seed: int
) -> None:
    """A small name written in a write-in column's cell but outside the box its name is read
    in — on the rule under the ○ box, over the printed 另选他人 label, across the cell's top
    or bottom rule (the table's): the name reader looked only inside that box, the look
    beside the boxes took the box, the label and the rules as print, and the blank paper
    below the table begins under its rule. Read as no name, the column abstained and the
    sheet was counted: where no ○ is needed, a vote lost. Now the name is unsure."""
    lay = printed.layouts[style]
    img = printed.pages[style][1].copy()
    corpus.write_name(img, box_px(_writein_band(lay, where)), PPM, np.random.default_rng(seed))
    r = read(img, printed.ctx)
    w1 = next(w for w in r.writeins if w.column == 1)
    assert w1.has_name is not False, (w1, r.reasons, r.scores["targets"].get("w1.name"))
    assert r.status is SheetStatus.REVIEW, r.reasons
    clean = read(printed.pages[style][1], printed.ctx)
    assert clean.status is SheetStatus.COUNTED, clean.reasons
    assert all(w.has_name is False for w in clean.writeins)


def test_a_circle_in_a_writein_rows_grey_disagree_cell_beside_a_name_is_flagged(
    printed: Printed,
) -> None:
    """Column style: a name written in a write-in row and a ○ drawn in the row's grey 不赞成
    cell (it has no box): the look beside the boxes skipped any write-in row holding a name,
    and the reader proposed the name with no mark — a person accepting that would count, where
    no ○ is needed, a vote the voter put in 不赞成. The ○ is pointed out."""
    lay = printed.layouts["CO"]
    w = lay.writeins[0]
    lines = sorted(ln[0] for ln in lay.extra["cells"]["w1"]["lines"])
    agree = w.boxes["agree"]
    img = printed.pages["CO"][2].copy()
    rng = np.random.default_rng(5)
    corpus.write_name(img, box_px(w.name_box), PPM, rng)
    grey = (lines[1] + 4.0, agree[1], lines[2] - 4.0, agree[3])
    corpus.draw_kind(img, "circle", box_px(grey), PPM, rng)
    r = read(img, printed.ctx)
    assert r.status is SheetStatus.REVIEW, r.reasons
    assert "mark_beside_box" in r.reasons and "w1" in r.scores["beside_boxes"], r.reasons
    # (the name alone: no such flag)
    named = printed.pages["CO"][2].copy()
    corpus.write_name(named, box_px(w.name_box), PPM, np.random.default_rng(5))
    alone = read(named, printed.ctx)
    assert "mark_beside_box" not in alone.reasons, alone.reasons


@pytest.mark.parametrize(
    "style,code,over", [("SY", "c01", 6.0), ("SY", "c06", 8.0), ("CO", "c02", 8.0)]
)
def test_a_name_struck_through_with_a_long_line_holds_the_sheet(
    printed: Printed, style: str, code: str, over: float
) -> None:
    """A pen line through a name running on six or eight millimetres past both its ends, out
    of its cell: taken for a fold's crease or a printed rule (those run on four millimetres
    past the name) and left out — the sheet counted as if the name stood."""
    lay = printed.layouts[style]
    x0, y0, x1, y1 = lay.extra["cells"][code]["print"][0]
    img = printed.pages[style][3].copy()
    y = (y0 + y1) / 2
    path = corpus.line_path(
        (x0 - over) * PPM,
        y * PPM,
        (x1 + over) * PPM,
        (y + 0.4) * PPM,
        np.random.default_rng(2),
        0.0,
    )
    corpus.strokes(img, [path], corpus.Pen(0.6 * PPM, 20.0, 0.0), np.random.default_rng(2))
    r = read(img, printed.ctx)
    assert r.status is SheetStatus.REVIEW and "mark_beside_box" in r.reasons, r.reasons
    assert code in r.scores["beside_boxes"], r.scores["beside_boxes"]


def test_writing_on_the_other_blank_paper_holds_the_sheet_too(printed: Printed) -> None:
    """A name beside the title, a number right of the instructions or past the last name of
    the table: counted, as only the paper below the table was looked at. Each piece of
    blank paper the ballot leaves (`ballot_pdf._blank_elsewhere`) is looked at; pencil
    there is writing too. Print, the seal's circle and the cells are no such paper."""
    lay = printed.layouts["SY"]
    blanks = lay.extra["blanks"]
    assert blanks, lay.extra
    kinds = {"c01": "circle", "c03": "cross"}
    page = marked(printed.pages["SY"][1], lay, kinds, 44)
    clean = read(page, printed.ctx)
    assert clean.status is SheetStatus.COUNTED, clean.reasons
    for k, (x0, y0, x1, y1) in enumerate(blanks):
        cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
        where = (cx - 6, cy - 3, cx + 6, cy + 3)
        img = page.copy()
        corpus.write_name(img, box_px(where), PPM, np.random.default_rng(k))
        if k == 0:  # in pencil: grey strokes (the name's alone: the print stays black)
            name = img != page
            img = np.where(name & (img < 200), np.maximum(img, 165), img).astype(np.uint8)
        r = read(img, printed.ctx)
        assert r.reasons == ("writing_elsewhere",), (k, blanks[k], r.reasons)
        bx = r.scores["elsewhere"]["box_mm"]
        assert x0 - 1 <= bx[0] < bx[2] <= x1 + 1, (k, bx)
        assert marks_of(r) == truth_of(lay, kinds)


def test_a_name_written_in_a_margin_holds_the_sheet(printed: Printed) -> None:
    """A name written in the margin beside the table, above the title or below the foot
    was counted without a word: only the paper inside the printed area was looked at. The
    margins round it (`ballot_pdf._margins`) are looked at too — not the seal's circle, the
    code or the corner squares — and a seal stamped low on the sheet whose rim runs into a
    margin is no writing there either."""
    lay = printed.layouts["SY"]
    margins = lay.extra["margins"]
    kinds = {"c01": "circle", "c03": "cross"}
    page = marked(printed.pages["SY"][2], lay, kinds, 45)
    assert read(page, printed.ctx).status is SheetStatus.COUNTED
    w, h = lay.paper_w, lay.paper_h
    wheres = {
        "left": (5.0, 140.0, 12.0, 170.0),
        "right": (w - 11.0, 140.0, w - 5.0, 170.0),
        "top": (70.0, 6.0, 110.0, 14.0),
        "bottom": (70.0, h - 10.5, 110.0, h - 5.0),
    }
    for side, where in wheres.items():
        # (the foot's margin is 5 mm high: a name there runs past it, into the paper's edge)
        inside = [m for m in margins if m[0] <= where[0] and where[2] <= m[2]]
        assert any(m[1] <= where[1] + 1 and where[3] - 1 <= m[3] for m in inside), (side, margins)
        img = page.copy()
        corpus.write_name(img, box_px(where), PPM, np.random.default_rng(len(side)))
        r = read(img, printed.ctx)
        assert r.reasons == ("writing_elsewhere",), (side, r.reasons)
        assert marks_of(r) == truth_of(lay, kinds)


def _name_strokes(img: Gray, box: Box, seed: int) -> None:
    """Two hand-drawn characters (a 张三 of strokes) filling ``box`` (mm) edge to edge."""
    x0, y0, x1, y1 = box_px(box)
    rng = np.random.default_rng(seed)
    cw, mid = (x1 - x0) / 2, (y0 + y1) / 2
    paths = []
    for i in range(2):
        gx = x0 + i * cw
        for a, b in (
            ((0.0, 0.2), (0.45, 0.2)),
            ((0.2, 0.0), (0.2, 1.0)),
            ((0.55, 0.5), (1.0, 0.5)),
        ):
            paths.append(
                corpus.line_path(
                    gx + a[0] * cw,
                    y0 + a[1] * (y1 - y0),
                    gx + b[0] * cw,
                    y0 + b[1] * (y1 - y0),
                    rng,
                    0.03,
                )
            )
        paths.append(
            corpus.line_path(gx + 0.5 * cw, mid - 0.4 * cw, gx + cw, mid + 0.4 * cw, rng, 0.03)
        )
    corpus.strokes(img, paths, corpus.Pen(0.45 * PPM, 20, 0), rng)


@pytest.mark.parametrize("code", ["SY", "CO"])
def test_a_name_in_a_margin_reaching_its_inner_side_holds_the_sheet(
    printed: Printed, code: str
) -> None:
    """A name written in the left or right margin whose strokes come within a millimetre of
    the margin's inner side was dismissed as a seal's edge running on from the blank paper
    beside it — though that paper was empty: the sheet was counted. Only ink that crosses
    the paper between them (the seal's rim, `test_specks_drops_streaks_creases_and_shadows_
    are_no_writing`) runs on from there."""
    lay = printed.layouts[code]
    first = lay.candidates[0].code
    kinds = {first: "circle"} if code == "SY" else {f"{first}.agree": "circle"}
    page = marked(printed.pages[code][1], lay, kinds, 47)
    assert read(page, printed.ctx).status is SheetStatus.COUNTED
    margins = lay.extra["margins"]
    left = max((m for m in margins if m[0] < 10), key=lambda m: m[3] - m[1])
    right = max((m for m in margins if m[2] > lay.paper_w - 10), key=lambda m: m[3] - m[1])
    y = left[3] - 50.0 if left[3] - left[1] > 60 else (left[1] + left[3]) / 2
    for side, where in (
        ("left", (left[2] - 9.0, y - 2.0, left[2] - 0.6, y + 2.0)),
        ("right", (right[0] + 0.6, y - 2.0, right[0] + 9.0, y + 2.0)),
    ):
        img = page.copy()
        _name_strokes(img, where, len(side))
        r = read(img, printed.ctx)
        assert r.reasons == ("writing_elsewhere",), (code, side, where, margins, r.reasons)


@pytest.mark.parametrize("code", ["SY", "CO"])
def test_a_name_above_the_title_or_the_foot_holds_the_sheet(printed: Printed, code: str) -> None:
    """A name written just above the title (below the top margin, which ends 3 mm above the
    printed area), or a number just above the foot's bar (below the paper left blank under
    the table, which ends 3 mm below the printed area): no region looked there, and the
    sheet was counted. Those strips are looked at too (`ballot_pdf._strips_round`), the
    title's words and the bar kept out of them; the sheet unmarked there is still counted."""
    lay = printed.layouts[code]
    first = lay.candidates[0].code
    kinds = {first: "circle"} if code == "SY" else {f"{first}.agree": "circle"}
    page = marked(printed.pages[code][2], lay, kinds, 48)
    assert read(page, printed.ctx).status is SheetStatus.COUNTED
    w, h = lay.paper_w, lay.paper_h
    for where, at in (
        ("above the title", (w / 2 - 5.0, 15.8, w / 2 + 5.0, 19.8)),
        ("above the title, left", (w / 2 - 35.0, 16.0, w / 2 - 25.0, 20.0)),
        ("above the foot", (w / 2 + 20.0, h - 15.6, w / 2 + 30.0, h - 12.2)),
    ):
        img = page.copy()
        _name_strokes(img, at, len(where))
        r = read(img, printed.ctx)
        assert r.reasons == ("writing_elsewhere",), (code, where, r.reasons)


@pytest.mark.parametrize("kind", ["check", "cross", "circle_small"])
def test_a_mark_drawn_on_a_printed_name_holds_the_sheet(printed: Printed, kind: str) -> None:
    """A ✓ or × drawn over the characters of a name whose box is empty: the look beside the
    boxes takes the name's print box as print, and the voter abstained on that candidate
    without a word. The name's own strokes are drawn as printed (`reports.glyphs`), fitted
    to the scan and taken away; what is left goes to a person. A clean name is no mark."""
    lay = printed.layouts["SY"]
    assert printed.ctx.rounds[("SY", 1)].glyphs, "the reader is given the names' strokes"
    kinds = {"c01": "circle"}
    page = marked(printed.pages["SY"][3], lay, kinds, 46)
    clean = read(page, printed.ctx)
    assert clean.status is SheetStatus.COUNTED and "beside_boxes" not in clean.scores
    cell = lay.extra["cells"]["c04"]
    x0, y0, x1, y1 = cell["print"][0]  # (the name: 4 mm on its middle character)
    cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
    img = page.copy()
    corpus.draw_kind(
        img, kind, box_px((cx - 2.0, cy - 2.0, cx + 2.0, cy + 2.0)), PPM, np.random.default_rng(7)
    )
    r = read(img, printed.ctx)
    assert r.reasons == ("mark_beside_box",), (kind, r.reasons)
    assert "c04" in r.scores["beside_boxes"], r.scores["beside_boxes"]
    assert marks_of(r) == truth_of(lay, kinds)


@pytest.mark.parametrize(
    ("code", "box", "kind", "reads"),
    [
        ("SY", "mark", "circle", Mark.AGREE),
        ("SY", "mark", "cross", Mark.DISAGREE),
        ("CO", "agree", "circle", Mark.AGREE),
        ("CO", "disagree", "circle", Mark.DISAGREE),
    ],
)
def test_a_mark_drawn_on_the_printed_name_of_a_marked_candidate_holds_the_sheet(
    printed: Printed, code: str, box: str, kind: str, reads: Mark
) -> None:
    """A clear ○ in a candidate's box (or in 赞成 / 不赞成) and a × drawn over the
    characters of the same candidate's printed name was counted as the box's mark without
    a word: only the names of candidates whose box reads empty were looked at. Which the
    voter meant — the ○, or striking the candidate out — a person decides; the box's mark
    is what is proposed (as for a name struck through beside a marked box). The boxes'
    own marks, next to clean names, are no marks on them."""
    lay = printed.layouts[code]
    target = lay.candidates[3].code
    kinds = {f"{lay.candidates[0].code}.{box}": kind, f"{target}.{box}": kind}
    page = marked(printed.pages[code][3], lay, kinds, 52)
    clean = read(page, printed.ctx)
    assert clean.status is SheetStatus.COUNTED and "beside_boxes" not in clean.scores, (
        clean.reasons,
        clean.scores.get("beside_boxes"),
    )
    x0, y0, x1, y1 = lay.extra["cells"][target]["print"][0]
    cx, cy = (x0 + x1) / 2, (y0 + y1) / 2  # (a 5 mm × over the name's middle)
    img = page.copy()
    corpus.draw_kind(
        img,
        "cross",
        box_px((cx - 2.5, cy - 2.5, cx + 2.5, cy + 2.5)),
        PPM,
        np.random.default_rng(5),
    )
    r = read(img, printed.ctx)
    assert r.status is SheetStatus.REVIEW and r.reasons == ("mark_beside_box",), r.reasons
    assert list(r.scores["beside_boxes"]) == [target], r.scores["beside_boxes"]
    assert r.scores["beside_boxes"][target].get("on_name") is True, r.scores["beside_boxes"]
    assert marks_of(r)[target] is reads


#: Candidates' notes (备注) as the definition check asks namesakes to be told apart by, and
#: long ones: printed small, at whatever size their cell leaves.
LONG_NOTES = {
    "c01": "某某县某某镇某某村党支部书记、村民委员会主任（女，维吾尔族）",
    "c03": "1971年2月出生，县教育局",
    "c06": "1975年8月出生，县财政局",
    "c08": "1971.02，县教育局",
}


@dataclass
class Noted:
    """An election whose two contests' candidates carry `LONG_NOTES`: a symbol-style ballot
    (the notes under the names) and a column-style one (after them), rendered at 200 and
    300 dpi, unmarked."""

    ctx: ReadContext
    layouts: dict[str, BallotLayout]
    pages: dict[tuple[str, int], Gray]  # (contest, dpi) → the rendered sheet


@pytest.fixture(scope="module")
def noted(tmp_path_factory: pytest.TempPathFactory) -> Noted:
    from huanjie_desktop.app.election import create_from_definition, validate_source

    folder = tmp_path_factory.mktemp("noted")
    names = [
        "丁宁",
        "于昇",
        "刘伟",
        "马喆",
        "王军",
        "刘伟",
        "王毅",
        "王一彪",
        "王小洪",
        "王犇犇",
        "王燚",
    ]
    data = definition()
    data["contests"] = [
        {
            "code": code,
            "title": "中国共产党测试区第六届委员会委员",
            "kind": "committee",
            "method": "competitive",
            "seats": 9,
            "ballot_style": style,
            "writein_columns": 2,
            "candidates": [
                {"code": f"c{i + 1:02d}", "name": n}
                | (
                    {"annotation": LONG_NOTES[f"c{i + 1:02d}"]}
                    if f"c{i + 1:02d}" in LONG_NOTES
                    else {}
                )
                for i, n in enumerate(names)
            ],
        }
        for code, style in (("SY", "symbol"), ("CO", "columns"))
    ]
    result = validate_source(data, {})
    assert result.definition is not None, [p.message("en") for p in result.errors]
    path = folder / "e.huanjie"
    create_from_definition(path, result.definition, "测试员")
    layouts: dict[str, BallotLayout] = {}
    pages: dict[tuple[str, int], Gray] = {}
    with open_election_file(path, "测试员") as db:
        for code in ("SY", "CO"):
            res = print_ballots(db, code, 1, 1, folder / f"{code}.pdf")
            layouts[code] = res.layout
            for dpi in (200, 300):
                pages[(code, dpi)] = render(folder / f"{code}.pdf", dpi)[0]
        ctx = read_context(db, keep_images=False)
    return Noted(ctx, layouts, pages)


def _note_of(lay: BallotLayout, code: str) -> tuple[str, Box, float]:
    """Candidate ``code``'s note as printed: its text, print box (mm) and size (pt)."""
    cell = lay.extra["cells"][code]
    ((i, (text, _, _, size, _, _)),) = (
        (i, t) for i, t in enumerate(cell["text"]) if str(t[0]).strip("（）") in LONG_NOTES[code]
    )
    return str(text), tuple(cell["print"][i]), float(size)


@pytest.mark.parametrize("dpi", [200, 300])
@pytest.mark.parametrize("style", ["SY", "CO"])
def test_a_long_note_by_a_name_is_print_not_a_mark(noted: Noted, style: str, dpi: int) -> None:
    """Every unmarked ballot of a contest whose candidates carry long notes (a namesake's
    '1971年2月出生，县教育局') was held as a mark beside the box: the names' strokes the look
    for a mark on a name takes away were drawn at the whole pixel size nearest the print's
    — for a small note 2 % off, a millimetre along its length — and the note's own strokes
    were left over as ink. Drawn as printed, such a ballot abstains on everyone."""
    lay = noted.layouts[style]
    # (the case: notes printed at a size a whole number of pixels misses by 1.5 % or more)
    px = [_note_of(lay, code)[2] * PT_MM * DEFAULT_CONFIG.names_px_per_mm for code in LONG_NOTES]
    assert max(abs(round(p) / p - 1) for p in px) > 0.015, px
    r = read(noted.pages[(style, dpi)], noted.ctx)
    assert r.status is SheetStatus.COUNTED and r.reasons == (), (
        r.reasons,
        r.scores.get("beside_boxes"),
    )
    assert set(marks_of(r).values()) == {Mark.ABSTAIN}


@pytest.mark.parametrize("style", ["SY", "CO"])
def test_a_ring_drawn_over_a_long_note_still_holds_the_sheet(noted: Noted, style: str) -> None:
    """A ○ drawn over a candidate's note (not the box), a few characters in it, is a mark
    beside the box still: the note's strokes are taken away, not the ink round them."""
    lay = noted.layouts[style]
    dpi = 200
    page = noted.pages[(style, dpi)]
    for code in ("c01", "c03"):
        _, (x0, y0, x1, y1), _ = _note_of(lay, code)
        cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
        img = page.copy()
        corpus.draw_kind(
            img,
            "circle",
            box_px((cx - 3.0, cy - 3.0, cx + 3.0, cy + 3.0), dpi / 25.4),
            dpi / 25.4,
            np.random.default_rng(3),
        )
        r = read(img, noted.ctx)
        assert r.reasons == ("mark_beside_box",), (style, code, r.reasons)
        assert code in r.scores["beside_boxes"], r.scores["beside_boxes"]
        assert set(marks_of(r).values()) == {Mark.ABSTAIN}


def _curled(page: Gray, mm: float, dpi: int) -> Gray:
    """``page`` curled in the scanner as `corpus.bend` curls a sheet: its middle displaced
    ``mm`` across the page, its sides where they were."""
    h, w = page.shape
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    xx -= np.float32(mm * dpi / 25.4) * np.sin(np.float32(np.pi) * xx / w)
    out = cv2.remap(page, xx, yy, cv2.INTER_LINEAR, borderMode=cv2.BORDER_REPLICATE)
    return np.asarray(out, dtype=np.uint8)


@pytest.mark.parametrize("mm", [1.9, -1.5])
@pytest.mark.parametrize("style", ["SY", "CO"])
def test_a_long_note_on_a_curled_sheet_is_print_not_a_mark(
    noted: Noted, style: str, mm: float
) -> None:
    """A sheet curled in the scanner (its middle 1.5–1.9 mm off across the page) shortens a
    long note along its length: its strokes, fitted to the scan as a whole, missed the
    print by half a millimetre at its ends, and were taken for a mark on the name — every
    such unmarked ballot held. A long name is fitted a piece at a time: no mark on it; a ○
    drawn over the note on that curled sheet still is one."""
    dpi = 300
    page = _curled(noted.pages[(style, dpi)], mm, dpi)
    for turn in (0, 2):
        r = read(np.ascontiguousarray(np.rot90(page, turn)), noted.ctx)
        assert "beside_boxes" not in r.scores, (turn, r.reasons, r.scores["beside_boxes"])
        assert "mark_beside_box" not in r.reasons
    _, (x0, y0, x1, y1), _ = _note_of(noted.layouts[style], "c01")
    cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
    img = noted.pages[(style, dpi)].copy()
    corpus.draw_kind(
        img,
        "circle",
        box_px((cx - 3.0, cy - 3.0, cx + 3.0, cy + 3.0), dpi / 25.4),
        dpi / 25.4,
        np.random.default_rng(3),
    )
    r = read(_curled(img, mm, dpi), noted.ctx)
    assert "mark_beside_box" in r.reasons, r.reasons
    assert list(r.scores["beside_boxes"]) == ["c01"], r.scores["beside_boxes"]


#: A candidate whose name has a character Micro Hei lacks, printed from the fallback font
#: (HanaMin, a Song face: its horizontal strokes hairlines), among names that print it at
#: 13.8 pt.
RARE_NAME = "王𠙶"


@dataclass
class RareNamed:
    """A symbol-style ballot with `RARE_NAME` (candidate c20) among 30 names, printed."""

    ctx: ReadContext
    layout: BallotLayout
    pdf: Path


@pytest.fixture(scope="module")
def rare_named(tmp_path_factory: pytest.TempPathFactory) -> RareNamed:
    from huanjie_desktop.app.election import create_from_definition, validate_source

    folder = tmp_path_factory.mktemp("rare_named")
    names = (
        "买买提·艾力 钱多 赵乐 孙悟 冯巩 朱熹 张喆 蒋欣 尤勇 韩信 阿不都热合曼·吐尔逊 郑和平 "
        f"沈括 卫青 秦朗 次仁罗布 吴刚 司马光明 李堃 {RARE_NAME} 努尔兰·阿不都满金 陈珺 杨光 "
        "丁一 刘昇 褚明 格桑顿珠 欧阳修远 周杰 马永"
    ).split()
    data = definition()
    for contest in data["contests"]:  # (the symbol-style one is printed)
        contest["seats"], contest["writein_columns"] = 27, 10
        contest["candidates"] = [{"code": f"c{i + 1:02d}", "name": n} for i, n in enumerate(names)]
    result = validate_source(data, {})
    assert result.definition is not None, [p.message("en") for p in result.errors]
    path = folder / "e.huanjie"
    create_from_definition(path, result.definition, "测试员")
    with open_election_file(path, "测试员") as db:
        res = print_ballots(db, "SY", 1, 1, folder / "SY.pdf")
        ctx = read_context(db, keep_images=False)
    return RareNamed(ctx, res.layout, folder / "SY.pdf")


def _saved_as_pdf(page: Gray, path: Path) -> Path:
    """``page`` (300 dpi) saved as a scanner saves a scan to PDF: a one-page PDF holding it
    as a JPEG, read back through poppler."""
    Image.fromarray(page).save(path, "PDF", resolution=300.0)
    return path


def test_a_rare_characters_hairlines_are_print_not_a_mark(
    rare_named: RareNamed, tmp_path: Path
) -> None:
    """A blank ballot scanned to a PDF at 300 dpi went to review, a mark on the name 王𠙶:
    the name's strokes drawn for the look at marks on names lost 𠙶's hairline top and
    bottom strokes (half a pixel thick, drawn across two rows neither covered enough; the
    drawing pasted through itself lightened them further), and their print was left over
    as ink on the name. Hairlines are kept: the blank ballot is counted — and a × drawn on
    the rare character is still a mark on the name."""
    lay = rare_named.layout
    cell = lay.extra["cells"]["c20"]
    ((text, x, _, size, anchor, hscale),) = cell["text"]
    assert text == RARE_NAME and anchor == "c" and size < 14.0, cell["text"]
    page = render(rare_named.pdf, 300)[0]
    clean = process_page(
        load.PageRef(str(_saved_as_pdf(page, tmp_path / "blank.pdf")), 1, 1), rare_named.ctx
    )
    assert clean.status is SheetStatus.COUNTED and clean.reasons == (), (
        clean.reasons,
        clean.scores.get("beside_boxes"),
    )
    _, y0, _, y1 = cell["print"][0]
    half = ballot_pdf.text_width(RARE_NAME, float(size), float(hscale)) / 2
    cx, cy = float(x) + half / 2, (y0 + y1) / 2  # (the middle of 𠙶, the name's right half)
    img = page.copy()
    ppm = 300 / 25.4
    corpus.draw_kind(
        img,
        "cross",
        box_px((cx - 2.0, cy - 2.0, cx + 2.0, cy + 2.0), ppm),
        ppm,
        np.random.default_rng(5),
    )
    r = process_page(
        load.PageRef(str(_saved_as_pdf(img, tmp_path / "crossed.pdf")), 1, 1), rare_named.ctx
    )
    assert r.status is SheetStatus.REVIEW and r.reasons == ("mark_beside_box",), r.reasons
    assert list(r.scores["beside_boxes"]) == ["c20"], r.scores["beside_boxes"]
    assert r.scores["beside_boxes"]["c20"].get("on_name") is True


def test_a_ring_round_a_column_heading_holds_the_sheet(printed: Printed) -> None:
    """A column-style ballot with a ○ drawn round the heading 赞成 (for everyone?) and nothing
    in the boxes was counted as abstaining on every name, the ring never looked at. The
    heading rows are looked at, their printed words looked past."""
    lay = printed.layouts["CO"]
    (heading,) = lay.extra["headings"][:1]
    page = printed.pages["CO"][0]
    assert read(page, printed.ctx).status is SheetStatus.COUNTED
    x0, y0, x1, y1 = heading["print"][1]  # (赞成)
    img = page.copy()
    cx, cy = round((x0 + x1) / 2 * PPM), round((y0 + y1) / 2 * PPM)
    cv2.ellipse(img, (cx, cy), (round(7 * PPM), round(4.5 * PPM)), 0, 0, 360, 40, 2)
    r = read(img, printed.ctx)
    assert r.reasons == ("writing_elsewhere",), r.reasons


@pytest.fixture(scope="module")
def two_blocks(tmp_path_factory: pytest.TempPathFactory) -> tuple[ReadContext, BallotLayout, Gray]:
    """A column-style ballot of 16 names and 2 write-in rows, in two blocks side by side:
    the left one (9 names) ends a row and a half above the right one (7 names, the 另选他人
    heading row, the write-in rows)."""
    from huanjie_desktop.app.election import create_from_definition, validate_source

    folder = tmp_path_factory.mktemp("two_blocks")
    data = definition()
    surnames, given = "王李张刘陈杨赵黄", "伟芳娜敏"
    data["contests"] = [
        {
            "code": "JW",
            "title": "中国共产党测试区纪律检查委员会委员",
            "kind": "discipline",
            "method": "competitive",
            "seats": 14,
            "ballot_style": "columns",
            "writein_columns": 2,
            "candidates": [
                {"code": f"c{i + 1:02d}", "name": a + "小" + b}
                for i, (a, b) in enumerate([(a, b) for a in surnames for b in given][:16])
            ],
        }
    ]
    result = validate_source(data, {})
    assert result.definition is not None, [p.message("en") for p in result.errors]
    path = folder / "e.huanjie"
    create_from_definition(path, result.definition, "测试员")
    with open_election_file(path, "测试员") as db:
        res = print_ballots(db, "JW", 1, 1, folder / "jw.pdf")
        ctx = read_context(db, keep_images=False)
    return ctx, res.layout, render(folder / "jw.pdf")[0]


def _ring_at(img: Gray, cx: float, cy: float, seed: int) -> None:
    """A voter's ○ as drawn in an 8.5 mm box (one 5–7 mm across) centred at (cx, cy), mm."""
    b = (cx - 4.25, cy - 4.25, cx + 4.25, cy + 4.25)
    corpus.draw_kind(img, "circle", box_px(b), PPM, np.random.default_rng(seed))


@pytest.mark.parametrize(
    "where", ["write-in heading, disagree", "write-in heading, abstain", "under the left block"]
)
@pytest.mark.parametrize("below", [5.0, 6.5])
def test_a_ring_outside_the_column_tables_rows_holds_the_sheet(
    two_blocks: tuple[ReadContext, BallotLayout, Gray], where: str, below: float
) -> None:
    """Column style: a whole ○ drawn on the 另选他人 heading row, or across the bottom rule of
    a block shorter than the one beside it (5–7 mm below its last box), lay in no cell,
    no heading row and no blank paper looked at: the sheet was counted without a word. A
    voter whose every ○ sits three quarters of a row low leaves just such a ○ there, the
    only sign that each of the others is read for the candidate below the one meant. Now
    held for a scrutineer (writing_elsewhere); the sheet's ordinary marks alone are counted."""
    ctx, lay, page = two_blocks
    n = len(lay.candidates)
    kinds = {
        f"{c.code}.{('disagree', 'agree', 'abstain')[i % 3]}": "circle"
        for i, c in enumerate(lay.candidates)
    }
    img = marked(page, lay, kinds, 47)
    clean = read(img, ctx)
    assert clean.status is SheetStatus.COUNTED and clean.reasons == (), clean.reasons
    left_last = lay.candidates[(n + len(lay.writeins) + 1) // 2 - 1]
    right_last = lay.candidates[-1]
    assert left_last.boxes["agree"][0] < right_last.boxes["agree"][0] - 50  # (two blocks)
    if where == "under the left block":
        x0, _, x1, y1 = left_last.boxes["agree"]
        at = ((x0 + x1) / 2, y1 + below)
    else:
        x0, _, x1, y1 = right_last.boxes[where.rpartition(" ")[2]]
        # (the heading row: 6 mm high, 3 mm below the last name's boxes)
        at = ((x0 + x1) / 2, y1 + 3.0 + below / 2)
    _ring_at(img, *at, seed=round(below))
    r = read(img, ctx)
    assert r.status is SheetStatus.REVIEW and r.reasons == ("writing_elsewhere",), (
        where,
        r.reasons,
    )
    assert marks_of(r) == marks_of(clean)


@dataclass
class NearTheFoot:
    """Ballots whose table reaches nearly to the sheet's foot (`near_the_foot`)."""

    ctx: ReadContext
    layouts: dict[str, BallotLayout]
    pages: dict[str, Gray]


@pytest.fixture(scope="module")
def near_the_foot(tmp_path_factory: pytest.TempPathFactory) -> NearTheFoot:
    """Two A4 ballots whose table leaves less than 12 mm of paper above the foot's bar — too
    little for the paper below the table (``blank``), which went unlooked at: a column-style
    one of 11 names and no write-in rows ("JW", one block, 5.8 mm left) and a symbol-style
    one of 40 names and 2 write-in columns ("WY", 3.4 mm left)."""
    from huanjie_desktop.app.election import create_from_definition, validate_source

    folder = tmp_path_factory.mktemp("near_the_foot")
    data = definition()
    names = [a + "小" + b for a in "王李张刘陈杨赵黄周吴" for b in "伟芳娜敏"]
    data["contests"] = [
        {
            "code": "JW",
            "title": "中国共产党测试区纪律检查委员会委员",
            "kind": "discipline",
            "method": "competitive",
            "seats": 8,
            "ballot_style": "columns",
            "writein_columns": 0,
            "candidates": [{"code": f"c{i + 1:02d}", "name": n} for i, n in enumerate(names[:11])],
        },
        {
            "code": "WY",
            "title": "中国共产党测试区第六届委员会委员",
            "kind": "committee",
            "method": "competitive",
            "seats": 32,
            "ballot_style": "symbol",
            "writein_columns": 2,
            "candidates": [{"code": f"c{i + 1:02d}", "name": n} for i, n in enumerate(names)],
        },
    ]
    result = validate_source(data, {})
    assert result.definition is not None, [p.message("en") for p in result.errors]
    path = folder / "e.huanjie"
    create_from_definition(path, result.definition, "测试员")
    layouts: dict[str, BallotLayout] = {}
    pages: dict[str, Gray] = {}
    with open_election_file(path, "测试员") as db:
        for code in ("JW", "WY"):
            res = print_ballots(db, code, 1, 1, folder / f"{code}.pdf")
            layouts[code], pages[code] = res.layout, render(folder / f"{code}.pdf")[0]
        ctx = read_context(db, keep_images=False)
    for lay in layouts.values():
        assert lay.extra["blank"] is None, lay.extra["blank"]
    return NearTheFoot(ctx, layouts, pages)


def _table_bottom(lay: BallotLayout) -> float:
    """The lowest box or write-in name box of ``lay`` (mm)."""
    return max(
        *(b[3] for c in lay.candidates for b in c.boxes.values()),
        *(w.name_box[3] for w in lay.writeins),
    )


def _strip_below(lay: BallotLayout) -> Box:
    """The paper below a table that reaches nearly to the foot, as looked at (mm)."""
    low = _table_bottom(lay)
    blanks: list[Box] = lay.extra["blanks"]
    return next(b for b in blanks if b[1] > low and b[3] > lay.paper_h - 20)


def _number(img: Gray, x: float, y: float, high: float, seed: int) -> None:
    """A number (777) scrawled from (x, y) mm, each digit ``high`` mm high."""
    rng = np.random.default_rng(seed)
    pen = corpus.Pen(0.45 * PPM, 20, 0)
    w = 0.8 * high
    for k in range(3):
        gx = x + 1.1 * high * k
        paths = [
            corpus.line_path(gx * PPM, y * PPM, (gx + w) * PPM, y * PPM, rng, 0.02),
            corpus.line_path(
                (gx + w) * PPM, y * PPM, (gx + 0.2 * high) * PPM, (y + high) * PPM, rng, 0.02
            ),
        ]
        corpus.strokes(img, paths, pen, rng)


_NEAR_THE_FOOT_KINDS = {
    "JW": {"c01.agree": "circle", "c05.disagree": "circle", "c11.abstain": "circle"},
    "WY": {"c01": "circle", "c17": "cross", "c40": "circle"},
}


@pytest.mark.parametrize("code", ["JW", "WY"])
def test_writing_under_a_table_reaching_nearly_to_the_foot_holds_the_sheet(
    near_the_foot: NearTheFoot, code: str
) -> None:
    """The paper below the table was looked at only when at least 12 mm of it was left above
    the foot; below that (a column-style table of 11 names, of 8 with two write-in rows, 18,
    20–24; a symbol-style one of 40 or 44 names) a number written there, under the table,
    was counted unseen — nothing else covers that strip, the margins begin below the foot's
    bar. It is looked at still, as other blank paper is: the sheet goes to a person."""
    lay, page = near_the_foot.layouts[code], near_the_foot.pages[code]
    x0, y0, _, y1 = _strip_below(lay)
    assert 2.0 <= y1 - y0 < 12.0, (y0, y1)
    kinds = _NEAR_THE_FOOT_KINDS[code]
    img = marked(page, lay, kinds, 7)
    clean = read(img, near_the_foot.ctx)
    assert clean.status is SheetStatus.COUNTED and clean.reasons == (), clean.reasons
    assert "elsewhere" not in clean.scores, clean.scores["elsewhere"]
    _number(img, x0 + 90, y0 + 0.4, min(5.0, y1 - y0 + 0.6), 6)
    r = read(img, near_the_foot.ctx)
    assert r.status is SheetStatus.REVIEW and r.reasons == ("writing_elsewhere",), r.reasons
    assert marks_of(r) == marks_of(clean)
    bx = r.scores["elsewhere"]["box_mm"]
    assert bx[1] >= y0 - 0.5 and x0 + 88 <= bx[0], bx


@pytest.mark.parametrize("seed", [1, 3])
def test_every_ring_three_quarters_of_a_row_low_holds_a_sheet_whose_table_nears_the_foot(
    near_the_foot: NearTheFoot, seed: int
) -> None:
    """Column style, the table's last row a candidate's, less than 12 mm above the foot: a
    voter who drew every ○ three quarters of a row too low has each read, confidently, for
    the candidate below the one meant, and the first candidate's vote lost; the last row's ○
    lies under the table, on paper that went unlooked at — the sheet was counted. That ○ now
    holds it for a person (writing_elsewhere)."""
    lay, page = near_the_foot.layouts["JW"], near_the_foot.pages["JW"]
    row = lay.candidates[1].boxes["agree"][1] - lay.candidates[0].boxes["agree"][1]
    img = page.copy()
    for i, c in enumerate(lay.candidates):
        x0, y0, x1, y1 = c.boxes[("agree", "disagree", "abstain")[(i + seed) % 3]]
        _ring_at(img, (x0 + x1) / 2, (y0 + y1) / 2 + 0.75 * row, seed + i)
    r = read(img, near_the_foot.ctx)
    assert r.status is SheetStatus.REVIEW and "writing_elsewhere" in r.reasons, r.reasons
    assert r.scores["elsewhere"]["box_mm"][1] >= _table_bottom(lay), r.scores["elsewhere"]


def _dashed_crease(img: Gray, lay: BallotLayout) -> Gray:
    """A crease down the sheet as a black-and-white scan shows it: dark dashes 3 mm long, 1 mm
    apart — within the low strip under the table, each too short to be judged a crease."""
    out = img.copy()
    x, y = round(123.4 * PPM), 0.0
    while y < img.shape[0]:
        out[round(y) : round(y + 3 * PPM), x : x + 2] = 60
        y += 4 * PPM
    return out


def _crossing_creases(img: Gray, lay: BallotLayout) -> Gray:
    """Pale as pencil: a crease across the strip showing in dashes (2 mm every 20 mm), one of
    them crossed by a 3 mm stub of a second crease, which shows only there."""
    out = img.copy()
    x0, y0, x1, y1 = _strip_below(lay)
    y = round((y0 + y1) / 2 * PPM)
    for k in range(int((x1 - x0) // 20) + 1):
        a = round((x0 + 20 * k) * PPM)
        out[y : y + 2, a : a + round(2 * PPM)] = np.minimum(
            out[y : y + 2, a : a + round(2 * PPM)], 170
        )
    x, half = round((x0 + 61) * PPM), round(1.5 * PPM)
    out[y - half : y + half, x : x + 2] = np.minimum(out[y - half : y + half, x : x + 2], 170)
    return out


def _crease_and_streak(img: Gray, lay: BallotLayout) -> Gray:
    """A crease down the sheet, and a faint scanner streak across the strip that shows only
    where it crosses the crease (2 mm of it, joined to the crease)."""
    out = img.copy()
    _, y0, _, y1 = _strip_below(lay)
    x, y = round(123.4 * PPM), round((y0 + 0.4 * (y1 - y0)) * PPM)
    out[:, x : x + 2] = np.minimum(out[:, x : x + 2], 150)
    out[y, x - round(2.2 * PPM) : x] = np.minimum(out[y, x - round(2.2 * PPM) : x], 160)
    return out


def _streak_along(img: Gray, lay: BallotLayout) -> Gray:
    """A grey scanner streak across the whole image, along the strip's middle."""
    out = img.copy()
    _, y0, _, y1 = _strip_below(lay)
    y = round((y0 + y1) / 2 * PPM)
    out[y : y + 2, :] = np.minimum(out[y : y + 2, :], 90)
    return out


def _fold_along(img: Gray, lay: BallotLayout) -> Gray:
    """Folded in four with one fold along the strip (its shadow over the table's foot)."""
    _, y0, _, y1 = _strip_below(lay)
    return _folded(img, lay.paper_w / 2 + 11, (y0 + y1) / 2, 0.3, 0.3)


def _foot_curled(img: Gray, lay: BallotLayout) -> Gray:
    """The sheet's foot curled on the glass: the table's bottom rule a millimetre lower than
    the corner squares' map puts it, towards the strip."""
    h, w = img.shape
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    at = _table_bottom(lay) * PPM
    yy -= np.float32(1.0 * PPM) * np.exp(-(((yy - at) / np.float32(12 * PPM)) ** 2))
    return np.asarray(cv2.remap(img, xx, yy, cv2.INTER_LINEAR, borderValue=255), dtype=np.uint8)


@pytest.mark.parametrize(
    "spoil",
    [
        _dashed_crease,
        _crossing_creases,
        _crease_and_streak,
        _streak_along,
        _fold_along,
        _foot_curled,
    ],
)
@pytest.mark.parametrize("code", ["JW", "WY"])
def test_creases_and_streaks_across_the_low_strip_under_the_table_are_no_writing(
    near_the_foot: NearTheFoot, code: str, spoil: Callable[[Gray, BallotLayout], Gray]
) -> None:
    """The strip of paper under a table that nears the foot is lower than a crease is long
    (2–12 mm): a crease down the sheet crosses it in a short piece, broken into shorter ones
    on a black-and-white scan, joined by a streak or a second crease where they cross. Those
    are no writing; nor are a streak or a fold along it, nor the table's bottom rule on a
    sheet whose foot curled."""
    lay, page = near_the_foot.layouts[code], near_the_foot.pages[code]
    r = read(spoil(marked(page, lay, _NEAR_THE_FOOT_KINDS[code], 7), lay), near_the_foot.ctx)
    assert "elsewhere" not in r.scores, r.scores["elsewhere"]
    assert "writing_elsewhere" not in r.reasons


@pytest.mark.parametrize("corner", ["bottom right", "bottom left", "top right"])
def test_a_name_signed_across_a_corner_of_the_blank_paper_is_found(
    printed: Printed, corner: str
) -> None:
    """A name signed across a corner of the paper left blank below the table, running on
    out of it: its strokes, run together up to the edge of the region looked at, were taken
    for a long line (a crease running on beyond it) and taken away — the sheet counted."""
    lay = printed.layouts["SY"]
    x0, y0, x1, y1 = lay.extra["blank"]
    box = {
        "bottom right": (x1 - 16, y1 - 6, x1 + 4, y1 + 2),
        "bottom left": (x0 - 4, y1 - 6, x0 + 16, y1 + 2),
        "top right": (x1 - 16, y0 + 3, x1 + 4, y0 + 11),
    }[corner]
    kinds = {"c01": "circle", "c04": "cross"}
    for seed in range(3):
        img = marked(printed.pages["SY"][1], lay, kinds, 41)
        corpus.write_name(img, box_px(box), PPM, np.random.default_rng(seed))
        r = read(img, printed.ctx)
        assert r.reasons == ("writing_elsewhere",), (seed, r.reasons)
        assert marks_of(r) == truth_of(lay, kinds)


@pytest.mark.parametrize("streak", [True, False])
def test_a_streak_clipping_a_corner_of_the_blank_paper_is_no_writing(
    printed: Printed, streak: bool
) -> None:
    """A scanner's streak runs down the whole scan; on a sheet fed askew it crosses the
    paper left blank below the table only at its corner, a few mm of it: a straight piece
    too short to be a line there, it was taken for writing. It runs on past the region on
    the page; a pen's straight stroke there, ending at the region's edge, is still found."""
    lay = printed.layouts["SY"]
    kinds = {"c01": "circle", "c04": "cross"}
    page = marked(printed.pages["SY"][1], lay, kinds, 41)
    h, w = page.shape
    turn = cv2.getRotationMatrix2D((w / 2, h / 2), 3.5, 1.0)
    img = np.asarray(cv2.warpAffine(page, turn, (w, h), borderValue=255), dtype=np.uint8)
    _, _, x1, y1 = lay.extra["blank"]

    def at(x: float, y: float) -> tuple[float, float]:
        px, py = turn @ np.array([x * PPM, y * PPM, 1.0])
        return float(px), float(py)

    # the column crossing the region's right edge 12 mm above its foot: a piece of it
    # within the region, down to the foot, shorter than a line must be there (25 mm)
    col, y_in = (round(v) for v in at(x1, y1 - 12))
    if streak:
        img[:, col : col + 2] = np.minimum(img[:, col : col + 2], 40)
    else:  # the same stroke, from the region's edge to its foot only
        img[y_in : y_in + round(12 * PPM), col : col + 2] = 40
    r = read(img, printed.ctx)
    assert marks_of(r) == truth_of(lay, kinds)
    if streak:
        assert "writing_elsewhere" not in r.reasons, r.scores.get("elsewhere")
    else:
        assert "writing_elsewhere" in r.reasons, r.reasons


def test_handwriting_is_no_seal_ring() -> None:
    # A seal stamped below the table is no writing: ink along a circle of a seal's size is
    # its ring, everything inside it the seal's. Strokes of a name that a big circle happens
    # to touch here and there passed for such a ring in 18 of these 20 names, and the name
    # went unseen: a ring runs on along its arc, and the ink about it lies on it.
    from huanjie_desktop.recognition.elsewhere import _seal_ring

    s = DEFAULT_CONFIG.elsewhere_px_per_mm
    for k in range(20):
        rng = np.random.default_rng(k)
        img = np.zeros((round(14 * s), round(40 * s)), np.uint8)
        for c in range(3):  # three characters of six strokes, about 8 mm each
            for _ in range(6):
                ax, ay = 3 + 10 * c + rng.uniform(0, 8), 3 + rng.uniform(0, 8)
                if rng.random() < 0.5:
                    bx, by = ax + rng.uniform(3, 6), ay + rng.uniform(-0.4, 0.4)
                else:
                    bx, by = ax + rng.uniform(-0.5, 0.5), ay + rng.uniform(3, 5)
                p, q = (round(ax * s), round(ay * s)), (round(bx * s), round(by * s))
                cv2.line(img, p, q, 1, 2)
        ys, xs = np.nonzero(img)
        assert _seal_ring(xs.astype(np.float64), ys.astype(np.float64), s, DEFAULT_CONFIG) is None


def test_an_over_voted_ballot_with_a_name_on_it_is_void_whatever_the_name(
    printed: Printed,
) -> None:
    # Void already (more chosen than seats): nothing for a scrutineer to decide.
    lay = printed.layouts["SY"]
    kinds = {c.code: "circle" for c in lay.candidates[:4]}
    r = read(
        _signed(marked(printed.pages["SY"][2], lay, kinds, 42), lay, (30, 5, 60, 15), 6),
        printed.ctx,
    )
    assert r.status is SheetStatus.COUNTED and r.reasons == ("over_vote",)
    assert r.ballot_valid is False and "elsewhere" in r.scores


# --- marks beside the boxes (a ○ round the name, a × over it, a ○ next to the box) ---------


@pytest.mark.parametrize(
    ("style", "code", "kind"),
    [
        ("SY", "c02", "ring_name"),
        ("SY", "c04", "circle_beside"),
        ("SY", "c05", "cross_name"),
        ("CO", "c03", "ring_name"),
        ("CO", "c01", "cross_name"),
    ],
)
def test_a_mark_beside_the_boxes_holds_the_sheet_for_a_person(
    printed: Printed, style: str, code: str, kind: str
) -> None:
    """Voters circle a name, cross it out, or draw their ○ next to the box instead of in it.
    Read from the boxes alone such a sheet abstains on that candidate without a word; it goes
    to a person, the candidate and the place recorded and drawn on the sheet's picture, the
    boxes read as ever."""
    lay = printed.layouts[style]
    kinds = {"c01.agree": "circle", "c04.disagree": "circle"} if style == "CO" else {}
    if style == "SY":
        kinds = {"c01": "circle", "c06": "cross"}
    img = marked(printed.pages[style][1], lay, kinds, 44)
    corpus.draw_beside(img, lay, code, kind, PPM, np.random.default_rng(0))
    r = read(img, printed.ctx)
    assert r.status is SheetStatus.REVIEW and r.reasons == ("mark_beside_box",), r.reasons
    found = r.scores["beside_boxes"]
    assert list(found) == [code], found
    x0, y0, x1, y1 = lay.extra["cells"][code]["cell"]
    bx = found[code]["box_mm"]
    assert x0 - 1 <= bx[0] < bx[2] <= x1 + 1 and y0 - 1 <= bx[1] < bx[3] <= y1 + 1, bx
    if style == "SY":
        assert marks_of(r) == truth_of(lay, kinds)
    drawn = draw_overlay(img, r)
    ring = drawn[
        round((bx[1] - 3) * PPM) : round((bx[3] + 3) * PPM),
        round((bx[0] - 3) * PPM) : round((bx[2] + 3) * PPM),
    ]
    assert np.count_nonzero(np.all(ring == (0, 140, 255), axis=2)) > 2 * (bx[2] - bx[0]) * PPM


def test_a_ring_round_a_name_out_to_the_cells_sides_is_found(printed: Printed) -> None:
    """A flat ○ round a name as wide as its cell, its arcs close to the name's characters
    and its sides to the cell's rules: a mark beside the boxes, not a rule or a fold."""
    lay = printed.layouts["SY"]
    img = marked(printed.pages["SY"][1], lay, {"c01": "circle", "c06": "cross"}, 44)
    code = "c03"
    x0, _, x1, _ = lay.extra["cells"][code]["cell"]
    _, ny0, _, ny1 = lay.extra["cells"][code]["print"][0]
    centre = (round((x0 + x1) / 2 * PPM * 16), round((ny0 + ny1) / 2 * PPM * 16))
    axes = (round(((x1 - x0) / 2 - 0.2) * PPM * 16), round(((ny1 - ny0) / 2 + 1.4) * PPM * 16))
    cv2.ellipse(img, centre, axes, 0, 0, 360, 30, round(0.5 * PPM), cv2.LINE_AA, 4)
    r = read(img, printed.ctx)
    assert r.status is SheetStatus.REVIEW and r.reasons == ("mark_beside_box",), r.reasons
    assert list(r.scores["beside_boxes"]) == [code], r.scores.get("beside_boxes")


def test_a_small_circle_drawn_just_beside_the_box_is_held(printed: Printed) -> None:
    """A ○ of 2.4 mm a millimetre to the right of an empty box — wholly in the ring the box
    reader examines, touching nothing — is a voter's ○ misplaced: held for a person."""
    lay = printed.layouts["SY"]
    img = marked(printed.pages["SY"][2], lay, {"c01": "circle"}, 46)
    _, y0, x1, y1 = next(c for c in lay.candidates if c.code == "c03").boxes["mark"]
    centre = (round((x1 + 1.2 + 1.2) * PPM), round((y0 + y1) / 2 * PPM))
    cv2.circle(img, centre, round(1.2 * PPM), 40, 2, cv2.LINE_AA)
    r = read(img, printed.ctx)
    assert r.status is SheetStatus.REVIEW and "mark_beside_box" in r.reasons, r.reasons
    assert list(r.scores["beside_boxes"]) == ["c03"]


def test_a_small_ring_touching_a_ringed_box_is_beside_it(printed: Printed) -> None:
    """A ○ drawn in the box, larger than it, and a small ○ beside it touching that ring: the
    small one is one mark with the box's, but a ring of its own outside the box — beside
    the box, to a person (the box's ○ alone was read, and the sheet counted)."""
    lay = printed.layouts["SY"]
    img = printed.pages["SY"][2].copy()
    x0, y0, x1, y1 = box_px(next(c for c in lay.candidates if c.code == "c03").boxes["mark"])
    cx, cy, side = (x0 + x1) / 2, (y0 + y1) / 2, x1 - x0
    big = 0.6 * side
    cv2.circle(img, (round(cx), round(cy)), round(big), 30, 5, cv2.LINE_AA)
    small = 2.4 * PPM
    cv2.circle(img, (round(cx + big + small - 2), round(cy)), round(small), 30, 5, cv2.LINE_AA)
    r = read(img, printed.ctx)
    assert marks_of(r)["c03"] is Mark.AGREE
    assert r.status is SheetStatus.REVIEW and "mark_beside_box" in r.reasons, r.reasons
    assert list(r.scores["beside_boxes"]) == ["c03"]


def test_a_small_ring_beside_a_ringed_box_on_a_black_and_white_scan_is_found(
    corpus_sheets: tuple[list[corpus.Template], ReadContext], tmp_path: Path
) -> None:
    """A sheet of the accuracy corpus (seed 6, page 636, 200 dpi black and white): a small
    ○ in 张丽's box, in the table's last column, and a ○ drawn close beside it. Coarsely
    reduced, the box's ○, its border, the ring and the table's edge ran together along the
    row up to where the table's picture ends, and were taken for a long line (as if running
    on beyond it) — the ring taken away with it; the sheet would have counted unseen."""
    r, truth = corpus_page(corpus_sheets, 6, 636, tmp_path)
    assert truth.beside == "c03"
    assert dict(r.marks)["c03"] is Mark.AGREE
    assert "mark_beside_box" in r.reasons and list(r.scores["beside_boxes"]) == ["c03"], (
        r.reasons,
        r.scores.get("beside_boxes"),
    )


def test_a_small_ring_against_a_rule_beside_a_ringed_box_is_found(
    corpus_sheets: tuple[list[corpus.Template], ReadContext], tmp_path: Path
) -> None:
    """A sheet of the accuracy corpus (seed 10, page 433, 400 dpi, noisy): a ○ larger than
    胡志强's box and a small ○ drawn right of it, touching it, its right side close against
    the cell's printed rule. Taking the rule out took that side with it: the small ○ no
    longer closed round a hole of its own, and the sheet would have counted, the ○ beside
    the box unseen. The ring is looked for again with the rule's ink (its hole's rim mostly
    off the rule, as a ○'s is)."""
    r, truth = corpus_page(corpus_sheets, 10, 433, tmp_path)
    assert truth.beside == "c22" and truth.candidates["c22"] == "circle_big"
    assert dict(r.marks)["c22"] is Mark.AGREE
    assert "mark_beside_box" in r.reasons and list(r.scores["beside_boxes"]) == ["c22"], (
        r.reasons,
        r.scores.get("beside_boxes"),
    )


def test_a_big_cross_with_bowed_arms_from_corner_to_corner_is_never_agree(
    corpus_sheets: tuple[list[corpus.Template], ReadContext], tmp_path: Path
) -> None:
    """A sheet of the accuracy corpus (seed 13, page 200): a big × in 曹敏's box, its arms
    bowed, running from corner to corner. Its arms and the box's printed sides close round
    the paper between them, a ring with the border's help that an ellipse fits — read as a
    ○, agree, where the voter disagreed. Two strokes crossing in the box, a ring only with
    the border's help: to a person."""
    r, truth = corpus_page(corpus_sheets, 13, 200, tmp_path)
    assert truth.candidates["c30"] == "cross_big"
    assert dict(r.marks)["c30"] in (Mark.DISAGREE, Mark.UNCLEAR), dict(r.marks)["c30"]
    for code, kind in truth.candidates.items():
        if kind == "cross_big":
            assert dict(r.marks)[code] is not Mark.AGREE, code


def test_ink_run_together_up_to_the_pictures_edge_is_no_long_line() -> None:
    """The beside look's picture holds the whole table (the writing look's, the blank
    paper): a line must be as long within it. A run of ink 30 px long ending at the
    picture's edge is no 50-px line there, though OpenCV's opening by default takes lines
    to run on past the edge."""
    mask = np.zeros((40, 120), np.uint8)
    mask[10, 90:] = 1  # ink run together up to the edge
    mask[25, 10:70] = 1  # a line 60 px long inside
    lines = elsewhere._long_lines(mask, 50)
    assert lines[25, 10:70].all() and not lines[8:13].any()
    near = cv2.dilate(mask, np.ones((5, 5), np.uint8))
    assert cv2.morphologyEx(near, cv2.MORPH_OPEN, np.ones((1, 50), np.uint8))[10, 90:].all()


@pytest.mark.parametrize("style", ["SY", "CO"])
@pytest.mark.parametrize("past", [-0.5, 1.0])
def test_a_name_struck_through_goes_to_a_person(printed: Printed, style: str, past: float) -> None:
    """A pen line struck through a candidate's name (划掉), from a little short of its ends
    to a little past them: read from the boxes alone the sheet abstained on that candidate
    without a word (the line stays within the name and the cell's border). It crosses where
    one printed character meets the next, which no printed stroke does: to a person."""
    lay = printed.layouts[style]
    img = printed.pages[style][0].copy()
    code = lay.candidates[0].code
    nx0, ny0, nx1, ny1 = lay.extra["cells"][code]["print"][0]
    cy = (ny0 + ny1) / 2
    a = (round((nx0 - past) * PPM), round((cy + 0.4) * PPM))
    b = (round((nx1 + past) * PPM), round((cy - 0.4) * PPM))
    cv2.line(img, a, b, 30, 5, cv2.LINE_AA)
    r = read(scanned(img, 0.6, 1.0, (0.5, -0.5)), printed.ctx)
    assert r.status is SheetStatus.REVIEW and "mark_beside_box" in r.reasons, r.reasons
    assert list(r.scores["beside_boxes"]) == [code]
    assert r.scores["beside_boxes"][code]["struck"] == 1.0 or past > 0


@pytest.mark.parametrize("style", ["SY", "CO"])
@pytest.mark.parametrize("before,after", [(-0.5, 9.0), (9.0, -0.5), (-0.5, 14.0)])
def test_a_name_struck_through_trailing_off_on_one_side_goes_to_a_person(
    printed: Printed, style: str, before: float, after: float
) -> None:
    """A line through a name that trails off 9–14 mm past one end (into the cell, or on
    into the next one) and stops short of the other: with the name's characters it ran on
    long enough to be taken for a crease, and the sheet counted without a look (21 of 30
    such lines). A crease or a streak runs on past the name both ways; this does not."""
    lay = printed.layouts[style]
    for c in lay.candidates:
        img = printed.pages[style][0].copy()
        nx0, ny0, nx1, ny1 = lay.extra["cells"][c.code]["print"][0]
        cy = (ny0 + ny1) / 2
        a = (round((nx0 - before) * PPM), round((cy + 0.4) * PPM))
        b = (round((nx1 + after) * PPM), round((cy - 0.4) * PPM))
        cv2.line(img, a, b, 30, 5, cv2.LINE_AA)
        r = read(scanned(img, 0.6, 1.0, (0.5, -0.5)), printed.ctx)
        assert "mark_beside_box" in r.reasons, (c.code, r.reasons)
        assert c.code in r.scores["beside_boxes"], (c.code, r.scores["beside_boxes"])


def test_an_arrow_pointing_at_a_name_in_line_with_it_is_beside_the_boxes(
    printed: Printed,
) -> None:
    """An arrow drawn after a name, its shaft in line with the name's characters: coarsely
    reduced, the shaft and the printed name ran together into 24 mm of "line" and were taken
    away as a crease — the sheet counted without a look. A line must run on ink off the
    print as long as a line must be; the name it runs into does not lengthen it."""
    lay = printed.layouts["CO"]
    for c in lay.candidates:
        img = printed.pages["CO"][0].copy()
        _, ny0, nx1, ny1 = lay.extra["cells"][c.code]["print"][0]
        y = round((ny0 + ny1) / 2 * PPM)
        tip, end, head = round((nx1 + 1) * PPM), round((nx1 + 7) * PPM), round(1.3 * PPM)
        pen = max(2, round(0.5 * PPM))
        for a, b in (((end, y), (tip, y)), ((tip, y), (tip + head, y - head))):
            cv2.line(img, a, b, 30, pen, cv2.LINE_AA)
        cv2.line(img, (tip, y), (tip + head, y + head), 30, pen, cv2.LINE_AA)
        r = read(scanned(img, 0.6, 1.0, (0.5, -0.5)), printed.ctx)
        assert "mark_beside_box" in r.reasons, (c.code, r.reasons)
        assert list(r.scores["beside_boxes"]) == [c.code], (c.code, r.scores["beside_boxes"])


def _side_by_side(lay: Any) -> list[tuple[str, str]]:
    """The candidates whose cells meet, left and right, on the symbol-style ballot."""
    cells = {k: c for k, c in lay.extra["cells"].items() if not c.get("writein")}
    return [
        (a, b)
        for a in cells
        for b in cells
        if a != b and abs(cells[a]["cell"][2] - cells[b]["cell"][0]) < 0.1
    ]


@pytest.mark.parametrize("mark", ["check", "arrow"])
@pytest.mark.parametrize("turn", [0, 1, 2])
def test_a_mark_after_a_name_across_the_border_into_the_next_cell_goes_to_a_person(
    printed: Printed, mark: str, turn: int
) -> None:
    """A ✓ or an arrow drawn just after a name, where the narrow cells of the symbol style
    leave 2.8 mm to the border: it lies across the border into the next candidate's cell.
    The bands along a cell's border were not looked at (a border bent off its place by a
    fold lies there), and the sheet counted without a look. Along a border between names
    the border's own line is now left out where it is, and what else lies there is a mark
    — the candidate's, or the neighbour's: a person decides."""
    lay = printed.layouts["SY"]
    pairs = _side_by_side(lay)
    assert len(pairs) >= 4
    pen = max(2, round(0.5 * PPM))
    for left, right in pairs:
        img = printed.pages["SY"][0].copy()
        _, ny0, nx1, ny1 = lay.extra["cells"][left]["print"][0]
        cy = (ny0 + ny1) / 2
        if mark == "check":
            x = nx1 + 1.5
            pts = [(x, cy), (x + 1.2, cy + 1.5), (x + 3.5, cy - 2)]
            cv2.polylines(img, [np.array([P(a, b) for a, b in pts])], False, 30, pen, cv2.LINE_AA)
        else:
            tip = nx1 + 1
            for a, b in (((tip + 6, cy), (tip, cy)), ((tip, cy), (tip + 1.5, cy - 1.2))):
                cv2.line(img, P(*a), P(*b), 30, pen, cv2.LINE_AA)
            cv2.line(img, P(tip, cy), P(tip + 1.5, cy + 1.2), 30, pen, cv2.LINE_AA)
        # (also scanned turned a quarter or a half: the look works in the image's own axes)
        page = np.ascontiguousarray(np.rot90(scanned(img, 0.6, 1.0, (0.5, -0.5)), turn))
        r = read(page, printed.ctx)
        assert "mark_beside_box" in r.reasons, (left, r.reasons)
        found = set(r.scores["beside_boxes"])
        assert found and found <= {left, right}, (left, right, found)


@pytest.mark.parametrize("off,turn", [(-1.4, 0), (1.0, 0), (2.2, 0), (1.0, 1), (-1.4, 3)])
def test_a_border_between_names_bent_off_its_place_is_no_mark(
    printed: Printed, off: float, turn: int
) -> None:
    """Where a fold warps the sheet, the printed border between two names lies off where
    the map puts it, bowing up to 2.2 mm aside along the names (a clean scan otherwise,
    upright or turned a quarter): only the border — no mark beside the boxes, the sheet
    counts. (Turned a quarter, the border runs along the image's rows: it was taken for
    marks at every border, as a benchmark page turned in a tight scan window showed.)"""
    lay = printed.layouts["SY"]
    cells = lay.extra["cells"]
    img = printed.pages["SY"][0].copy()
    for left, _right in _side_by_side(lay):
        x = cells[left]["cell"][2]
        _, ny0, _, ny1 = cells[left]["print"][0]
        top, bottom = ny0 - 2.5, ny1 + 2.5
        img[P(x, top)[1] : P(x, bottom)[1], P(x - 0.4, 0)[0] : P(x + 0.4, 0)[0] + 1] = 255
        ys = np.linspace(top, bottom, 30)
        bow = off * np.sin(np.pi * (ys - top) / (bottom - top))
        line = np.array([P(x + d, y) for d, y in zip(bow, ys, strict=True)])
        cv2.polylines(img, [line], False, 0, max(1, round(0.2 * PPM)), cv2.LINE_AA)
    page = np.ascontiguousarray(np.rot90(scanned(img, 0.6, 1.0, (0.5, -0.5)), turn))
    r = read(page, printed.ctx)
    assert "beside_boxes" not in r.scores, r.scores.get("beside_boxes")
    assert r.status is SheetStatus.COUNTED, r.reasons


def test_a_line_across_the_whole_table_through_the_names_strikes_none(printed: Printed) -> None:
    """A fold's crease or a scanner's streak runs straight on far past the names it crosses:
    no name was struck through."""
    lay = printed.layouts["SY"]
    img = printed.pages["SY"][0].copy()
    _, ny0, _, ny1 = lay.extra["cells"][lay.candidates[0].code]["print"][0]
    y = round((ny0 + 0.3 * (ny1 - ny0)) * PPM)
    img[y : y + 4, :] = np.minimum(img[y : y + 4, :], 40)
    r = read(img, printed.ctx)
    assert "beside_boxes" not in r.scores, r.scores.get("beside_boxes")
    assert r.status is SheetStatus.COUNTED, r.reasons


@pytest.mark.parametrize("clear_mm", [4.2, 4.8])
def test_a_ring_drawn_round_the_box_wide_of_it_is_never_abstained_on(
    printed: Printed, clear_mm: float
) -> None:
    """A ○ drawn round the box, not touching it, over 4 mm clear of it and out to the cell's
    borders: the box reader looks only 3 mm round the box and sees arcs of it in the corners
    (it read the box as empty, abstaining without a word). Ink round the box that is not one
    straight line goes to a person; a slip of the pen beside the box still does not."""
    lay = printed.layouts["SY"]
    img = printed.pages["SY"][0].copy()
    code = lay.candidates[0].code
    x0, y0, x1, y1 = lay.candidates[0].boxes["mark"]
    cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
    ry = (y1 - y0) / 2 + clear_mm
    axes = (round(1.15 * ry * PPM), round(ry * PPM))
    cv2.ellipse(img, (round(cx * PPM), round(cy * PPM)), axes, 0, 0, 360, 30, 5, cv2.LINE_AA)
    stray = lay.candidates[1].boxes["mark"]  # a slip of the pen beside the next box
    sx, sy = round((stray[2] + 1.8) * PPM), round((stray[1] - 1.0) * PPM)
    cv2.line(img, (sx, sy), (sx, sy + round(12 * PPM)), 30, 4, cv2.LINE_AA)
    r = read(img, printed.ctx)
    assert marks_of(r)[code] is Mark.UNCLEAR, r.scores["targets"][f"{code}.mark"]
    assert marks_of(r)[lay.candidates[1].code] is Mark.ABSTAIN


def test_marks_in_their_boxes_are_not_beside_them(printed: Printed) -> None:
    """A ○ larger than its box, a stroke running out of it, a slip of the pen beside it,
    dust, and the printed names and rules themselves are no marks beside the boxes."""
    lay = printed.layouts["SY"]
    kinds = {"c01": "circle_big", "c02": "cross_big", "c03": "stray", "c04": "dust"}
    kinds |= {"c05": "circle", "c06": "cross"}
    r = read(marked(printed.pages["SY"][2], lay, kinds, 45), printed.ctx)
    assert "beside_boxes" not in r.scores, r.scores.get("beside_boxes")
    assert "mark_beside_box" not in r.reasons


def _speckled(img: Gray, lay: BallotLayout) -> Gray:
    out = img.copy()
    rng = np.random.default_rng(9)
    x0, y0, x1, y1 = box_px(lay.extra["blank"])
    for _ in range(80):  # toner specks and dust, 0.2-0.9 mm
        cx, cy = int(rng.uniform(x0, x1)), int(rng.uniform(y0, y1))
        cv2.circle(out, (cx, cy), int(rng.integers(0, 3)), int(rng.integers(20, 90)), -1)
    return out


def _dropped(img: Gray, lay: BallotLayout) -> Gray:
    out = img.copy()  # a drop of coffee with its darker rim, an ink blot, a black hole
    x0, y0, _, _ = box_px(lay.extra["blank"])
    c = (round(x0 + 40 * PPM), round(y0 + 15 * PPM))
    cv2.ellipse(out, c, (round(5 * PPM), round(4 * PPM)), 20, 0, 360, 195, -1)
    cv2.ellipse(out, c, (round(5 * PPM), round(4 * PPM)), 20, 0, 360, 170, 2)
    cv2.ellipse(out, (round(x0 + 70 * PPM), round(y0 + 25 * PPM)), (12, 8), 0, 0, 360, 40, -1)
    cv2.circle(out, (round(x0 + 100 * PPM), round(y0 + 10 * PPM)), round(3 * PPM), 15, -1)
    return out


def _streaked(img: Gray, lay: BallotLayout) -> Gray:
    out = img.copy()  # a scanner streak down the whole image, a grey one across the region
    x0, y0, _, _ = box_px(lay.extra["blank"])
    out[:, round(x0 + 50 * PPM) : round(x0 + 50 * PPM) + 2] = 35
    out[round(y0 + 12 * PPM), :] = np.minimum(out[round(y0 + 12 * PPM), :], 100)
    return out


def _creased(img: Gray, lay: BallotLayout) -> Gray:
    _, y0, _, y1 = lay.extra["blank"]
    return _folded(img, lay.paper_w / 2, (y0 + y1) / 2, 0.45, 0.35)


def _half_shade(img: Gray, lay: BallotLayout) -> Gray:
    _, y0, _, y1 = lay.extra["blank"]
    return _shaded(img, 0.5, (y0 + y1) / 2 / lay.paper_h, 0.0)


def _stamped(img: Gray, lay: BallotLayout) -> Gray:
    """The presidium's seal stamped low on the sheet where there was room (a red seal reads
    about as dark as a pen): a ring broken by the stamp's grain, a star, characters."""
    out = img.copy()
    _, _, x1, y1 = lay.extra["blank"]
    cx, cy, r = round((x1 - 8) * PPM), round((y1 - 2) * PPM), round(20 * PPM)
    for start in range(0, 360, 36):  # the ring, in arcs
        cv2.ellipse(out, (cx, cy), (r, r), 0, start, start + 31, 95, round(1.0 * PPM))
    star = [
        (
            cx + (0.3 if k % 2 == 0 else 0.12) * r * math.cos(-math.pi / 2 + k * math.pi / 5),
            cy + (0.3 if k % 2 == 0 else 0.12) * r * math.sin(-math.pi / 2 + k * math.pi / 5),
        )
        for k in range(10)
    ]
    cv2.fillPoly(out, [np.round(np.array(star)).astype(np.int32)], 95)
    rng = np.random.default_rng(12)
    for k in range(14):  # characters along the rim
        a = math.radians(200 + k * 10.5)
        gx, gy = cx + 0.72 * r * math.cos(a), cy + 0.72 * r * math.sin(a)
        for _ in range(4):
            d = rng.uniform(-0.09, 0.09, 4) * r
            cv2.line(
                out,
                (round(gx + d[0]), round(gy + d[1])),
                (round(gx + d[2]), round(gy + d[3])),
                95,
                2,
            )
    return out


def _crease_in_pieces(img: Gray, lay: BallotLayout) -> Gray:
    """A faint crease down the blank paper that shows in short pieces (2 mm, 3 mm apart),
    each as pale as pencil: together one straight line, no writing."""
    out = img.copy()
    x0, y0, _, y1 = box_px(lay.extra["blank"])
    x = round(x0 + 60 * PPM)
    y = y0
    while y < y1:
        out[round(y) : round(y + 2 * PPM), x : x + 2] = np.minimum(
            out[round(y) : round(y + 2 * PPM), x : x + 2], 165
        )
        y += 5 * PPM
    return out


@pytest.mark.parametrize(
    "spoil",
    [_speckled, _dropped, _streaked, _creased, _crease_in_pieces, _half_shade, _stamped],
)
def test_specks_drops_streaks_creases_and_shadows_are_no_writing(
    printed: Printed, spoil: Callable[[Gray, BallotLayout], Gray]
) -> None:
    lay = printed.layouts["SY"]
    kinds = {"c02": "circle", "c05": "cross"}
    r = read(spoil(marked(printed.pages["SY"][0], lay, kinds, 43), lay), printed.ctx)
    assert "elsewhere" not in r.scores, r.scores["elsewhere"]
    assert "writing_elsewhere" not in r.reasons
    assert marks_of(r) == truth_of(lay, kinds)


def test_two_ballots_in_one_image_are_refused_not_one_lost(printed: Printed) -> None:
    """Two sheets on the glass side by side: reading one would lose the other without a
    word. The image is refused (scan them one at a time); one sheet alone on a glass twice
    its size still reads."""
    a = marked(printed.pages["SY"][0], printed.layouts["SY"], {"c01": "circle"}, 61)
    b = printed.pages["CO"][0]
    r = read(np.hstack([a, b]), printed.ctx)
    assert r.status is SheetStatus.REJECTED and r.reasons == ("two_ballots",)
    r = read(np.hstack([a, np.full_like(a, 250)]), printed.ctx)
    assert r.status is SheetStatus.COUNTED and marks_of(r)["c01"] is Mark.AGREE


def test_a_double_feed_or_a_sheet_under_another_is_refused_not_lost(printed: Printed) -> None:
    """A double feed: the next sheet's top, its squares and its code, shows above the one
    read, which covers most of the image — the image was counted as one sheet and the other
    lost without a word. Two sheets overlapping on the glass, the one on top hiding the
    other's code: its squares still show — the same."""
    a = marked(printed.pages["SY"][0], printed.layouts["SY"], {"c01": "circle"}, 62)
    b = printed.pages["SY"][1]
    h, w = a.shape
    lead = round(0.35 * h)  # (the other sheet 35 % of a page ahead)
    fed = np.vstack([b[:lead], a])
    r = read(fed, printed.ctx)
    assert r.status is SheetStatus.REJECTED and r.reasons == ("two_ballots",), r.reasons
    # the sheet on top covers the other's right part, its code and its right squares
    over = round(0.12 * w)
    glass = np.full((h, 2 * w - over), 250, np.uint8)
    glass[:, :w] = b
    glass[:, w - over :] = a
    r = read(glass, printed.ctx)
    assert r.status is SheetStatus.REJECTED and r.reasons == ("two_ballots",), r.reasons
    # a sheet alone with room round it still reads
    alone = np.full_like(glass, 250)
    alone[:, w - over :] = a
    ok = read(alone, printed.ctx)
    assert ok.status is SheetStatus.COUNTED and marks_of(ok)["c01"] is Mark.AGREE


@pytest.mark.parametrize("showing_mm", [13, 18])
def test_a_double_feed_in_a_scan_of_the_pages_size_is_refused(
    printed: Printed, showing_mm: int
) -> None:
    """The scan's window is one page: the other sheet of a double feed shows 13–18 mm of its
    top above the sheet read (whose foot is cut off), or below it (its own top cut off). The
    page read ran past the image, so it was taken to cover all of it and nothing else was
    looked for: one sheet counted, the other lost without a word."""
    a = marked(printed.pages["SY"][0], printed.layouts["SY"], {"c01": "circle"}, 63)
    b = printed.pages["SY"][1]
    h = a.shape[0]
    lead = round(showing_mm * PPM)
    for fed in (np.vstack([b[:lead], a[: h - lead]]), np.vstack([a[lead:], b[:lead]])):
        r = read(fed, printed.ctx)
        assert r.status is SheetStatus.REJECTED and r.reasons == ("two_ballots",), r.reasons


@pytest.mark.parametrize("lag_mm", [9.0, 11.0, 13.0])
def test_a_double_feed_lagging_a_few_millimetres_is_refused(
    printed: Printed, lag_mm: float
) -> None:
    """A double feed whose other sheet lags 9–13 mm: below this sheet's foot its bottom
    squares show cut by this sheet's edge (slivers 1.5 mm deep at 9 mm), and its bar — too
    thin, too close to the edge to pass for squares outside the page. The page was counted,
    the other ballot never read and never mentioned (from 14 mm it was refused)."""
    a = marked(printed.pages["SY"][0], printed.layouts["SY"], {"c01": "circle"}, 65)
    b = marked(printed.pages["SY"][1], printed.layouts["SY"], {"c02": "cross"}, 66)
    h, w = a.shape
    lag = round(lag_mm * PPM)
    for backing in (245, 40):  # (the lid, or a feeder's black backing past both sheets)
        fed = np.full((h + lag + round(6 * PPM), w + round(12 * PPM)), backing, np.uint8)
        x = round(6 * PPM)
        fed[lag : lag + h, x : x + w] = b  # the sheet under it
        fed[:h, x : x + w] = a
        cv2.line(fed, (x, h), (x + w, h), 200, 1)  # (this sheet's edge)
        r = read(fed, printed.ctx)
        assert r.status is SheetStatus.REJECTED and r.reasons == ("two_ballots",), r.reasons
        # alone, with the same room round it, it reads
        alone = fed.copy()
        alone[h:] = backing
        ok = read(alone, printed.ctx)
        assert ok.status is SheetStatus.COUNTED and marks_of(ok)["c01"] is Mark.AGREE


def _under(top: Gray, under: Gray, deg: float, dx_mm: float, dy_mm: float, lid: int) -> Gray:
    """``top`` straight on a flatbed's glass (25 mm of lid round it), over ``under`` turned
    ``deg`` about the glass's centre and shifted (mm); ``under`` None: ``top`` alone."""
    h, w = top.shape
    g = round(25 * PPM)
    glass = np.full((h + 2 * g, w + 2 * g), lid, np.uint8)
    glass[g : g + h, g : g + w] = under
    turn = np.asarray(cv2.getRotationMatrix2D((glass.shape[1] / 2, glass.shape[0] / 2), deg, 1.0))
    turn[:, 2] += np.array([dx_mm * PPM, dy_mm * PPM])
    glass = np.asarray(
        cv2.warpAffine(glass, turn, (glass.shape[1], glass.shape[0]), borderValue=lid), np.uint8
    )
    glass[g : g + h, g : g + w] = top
    return glass


@pytest.mark.parametrize(
    ("deg", "dx_mm", "dy_mm"), [(-5.2, 0.1, 3.0), (5.1, 0.5, -3.6), (-3.0, -4.7, -5.9)]
)
def test_a_ballot_under_another_turned_a_little_is_refused(
    printed: Printed, deg: float, dx_mm: float, dy_mm: float
) -> None:
    """Two sheets stacked on the glass, the lower one turned a few degrees and shifted a few
    millimetres: some of its squares show round the top sheet, half hidden under its edge
    (their centres 1.5–2.5 mm out), and its foot bar. The top sheet was counted and the
    other ballot was in no record. Alone on the same glass the top sheet reads."""
    lay = printed.layouts["SY"]
    a = marked(printed.pages["SY"][0], lay, {"c01": "circle"}, 67)
    b = marked(printed.pages["SY"][1], lay, {"c02": "cross"}, 68)
    r = read(_under(a, b, deg, dx_mm, dy_mm, 252), printed.ctx)
    assert r.status is SheetStatus.REJECTED and r.reasons == ("two_ballots",), r.reasons
    blank = np.full_like(a, 252)
    for lid in (252, 40):  # (a white lid, a dark one)
        ok = read(_under(a, blank, deg, dx_mm, dy_mm, lid), printed.ctx)
        assert ok.status is SheetStatus.COUNTED, ok.reasons
        assert marks_of(ok) == truth_of(lay, {"c01": "circle"})


@pytest.mark.parametrize(("lag_mm", "deg"), [(13.0, 1.5), (11.0, 3.0), (9.0, 1.5), (9.0, 3.0)])
def test_a_double_feed_lagging_askew_is_refused(
    printed: Printed, lag_mm: float, deg: float
) -> None:
    """A double feed whose other sheet lags 9–13 mm turned 1.5–3°: one of its foot squares
    shows below this sheet, the other hidden under it or past the image's edge, and its foot
    bar between them. The page was counted, the other ballot lost without a word."""
    lay = printed.layouts["SY"]
    a = marked(printed.pages["SY"][0], lay, {"c01": "circle"}, 69)
    b = marked(printed.pages["SY"][1], lay, {"c02": "cross"}, 70)
    h, w = a.shape
    m, lag = round(1 * PPM), round(lag_mm * PPM)
    for backing in (245, 40):  # (the lid, or a feeder's black backing)
        fed = np.full((h + lag + 2 * m + round(8 * PPM), w + 2 * m), backing, np.uint8)
        fed[m + lag : m + lag + h, m : m + w] = b[: fed.shape[0] - m - lag]
        turn = cv2.getRotationMatrix2D((fed.shape[1] / 2, m + lag), deg, 1.0)
        fed = np.asarray(
            cv2.warpAffine(fed, turn, (fed.shape[1], fed.shape[0]), borderValue=backing), np.uint8
        )
        alone = np.full_like(fed, backing)
        for image in (fed, alone):
            image[m : m + h, m : m + w] = a
        r = read(fed, printed.ctx)
        assert r.status is SheetStatus.REJECTED and r.reasons == ("two_ballots",), r.reasons
        ok = read(alone, printed.ctx)
        assert ok.status is SheetStatus.COUNTED, ok.reasons
        assert marks_of(ok) == truth_of(lay, {"c01": "circle"})


def test_a_ballot_lying_on_anothers_blank_half_is_refused(printed: Printed) -> None:
    """A sheet over the lower half of another: the one read goes to a person for writing
    below its table, and whoever accepted that lost the other (its code in plain sight)."""
    a = marked(printed.pages["SY"][0], printed.layouts["SY"], {"c01": "circle"}, 64)
    b = printed.pages["SY"][1]
    h = a.shape[0]
    both = a.copy()
    top = round(0.55 * h)
    both[top:] = b[: h - top]
    r = read(both, printed.ctx)
    assert r.status is SheetStatus.REJECTED and r.reasons == ("two_ballots",), r.reasons


@pytest.mark.parametrize("pale", ["cross", "circle"])
def test_a_mark_over_another_in_a_paler_ink_is_unclear(printed: Printed, pale: str) -> None:
    """A pencil × under a pen ○ (or a paler ○ round a pen ×) was read as the darker mark
    alone and counted: the box's shape is judged on what is as dark as its strokes, and the
    paler mark was never looked at. Both marks plainly show: a person decides."""
    lay = printed.layouts["SY"]
    page = marked(printed.pages["SY"][1], lay, {"c01": "circle"}, 47)
    x0, y0, x1, y1 = mark_box_px(lay, "c02")
    cx, cy, side = (x0 + x1) / 2, (y0 + y1) / 2, min(x1 - x0, y1 - y0)
    width = max(1, round(0.5 * PPM))

    def cross(img: Gray, grey: int) -> None:
        h = 3.0 * PPM / math.sqrt(2)
        for sx in (-1, 1):
            a = (round(cx - sx * h), round(cy - h))
            b = (round(cx + sx * h), round(cy + h))
            cv2.line(img, a, b, grey, width, cv2.LINE_AA)

    def circle(img: Gray, grey: int) -> None:
        cv2.circle(img, (round(cx), round(cy)), round(0.36 * side), grey, width, cv2.LINE_AA)

    dark = {"cross": circle, "circle": cross}[pale]
    alone = page.copy()
    dark(alone, 0)
    read_alone = marks_of(read(alone, printed.ctx))["c02"]
    assert read_alone is {"cross": Mark.AGREE, "circle": Mark.DISAGREE}[pale], read_alone
    both = page.copy()
    {"cross": cross, "circle": circle}[pale](both, 160)  # (a hard pencil's grey)
    dark(both, 0)
    r = read(both, printed.ctx)
    assert marks_of(r)["c02"] is Mark.UNCLEAR, r.scores["targets"]["c02.mark"]
    assert r.status is SheetStatus.REVIEW


@pytest.mark.parametrize(("grey", "grain", "width_mm"), [(140, 0.3, 0.5), (110, 0.6, 0.7)])
def test_a_soft_pencil_cross_under_a_pen_circle_is_unclear(
    printed: Printed, grey: int, grain: float, width_mm: float
) -> None:
    """A soft pencil's × under a pen ○ at less than half the pen's darkness, but darker than
    what the ○ grows from (or as dark as the ○'s core in places): it counted as the ring
    where the ○'s hole is looked in, cut the hole into pieces too small to look in, and the
    box was read as the ○ alone — a confident agree where a person sees ⊗."""
    lay = printed.layouts["SY"]
    page = marked(printed.pages["SY"][2], lay, {"c01": "circle"}, 48)
    x0, y0, x1, y1 = mark_box_px(lay, "c02")
    cx, cy, side = (x0 + x1) / 2, (y0 + y1) / 2, min(x1 - x0, y1 - y0)
    h = 3.0 * PPM / math.sqrt(2)
    rng = np.random.default_rng(grey)
    pencil = corpus.Pen(width_mm * PPM, grey, grain)
    lines = [np.array([[cx - sx * h, cy - h], [cx + sx * h, cy + h]]) for sx in (-1, 1)]
    corpus.strokes(page, lines, pencil, rng)
    cv2.circle(page, (round(cx), round(cy)), round(0.36 * side), 0, round(0.5 * PPM), cv2.LINE_AA)
    r = read(page, printed.ctx)
    assert marks_of(r)["c02"] is Mark.UNCLEAR, r.scores["targets"]["c02.mark"]
    assert marks_of(r)["c01"] is Mark.AGREE


@pytest.mark.parametrize("seed", [3, 5, 8])
def test_a_hand_drawn_pencil_ring_round_a_pen_cross_is_unclear(printed: Printed, seed: int) -> None:
    """A pencil ○ drawn round a pen ×, wide of it: the ×'s arms cut the ring into four
    arcs, one along each side of the box — each the flattest part of a hand-drawn ring, and
    taken for a fold's crease (straight along the page's sides). Read as the × alone: a
    confident disagree where a person sees ⊗. A crease runs across the whole box."""
    lay = printed.layouts["SY"]
    page = marked(printed.pages["SY"][2], lay, {"c01": "circle"}, 49)
    x0, y0, x1, y1 = mark_box_px(lay, "c03")
    cx, cy, side = (x0 + x1) / 2, (y0 + y1) / 2, min(x1 - x0, y1 - y0)
    rng = np.random.default_rng(seed)
    h = 0.36 * side
    arms = [np.array([[cx - sx * h, cy - h], [cx + sx * h, cy + h]]) for sx in (-1, 1)]
    corpus.strokes(page, arms, corpus.Pen(0.6 * PPM, 15, 0.0), rng)
    ring = corpus.ellipse_path(cx, cy, 0.43 * side, 0.42 * side, 0.0, 0.3, 2.1 * math.pi, rng, 0.05)
    corpus.strokes(page, [ring], corpus.Pen(0.35 * PPM, 165, 0.2), rng)
    r = read(page, printed.ctx)
    assert marks_of(r)["c03"] is Mark.UNCLEAR, r.scores["targets"]["c03.mark"]
    assert marks_of(r)["c01"] is Mark.AGREE


def _pen_cross(
    img: Gray, b: Box, half_share: float, pen: corpus.Pen, rng: np.random.Generator
) -> None:
    """A × of two straight strokes through the middle of the box ``b`` (page px), each arm
    ``half_share`` of the box's side across and down."""
    x0, y0, x1, y1 = b
    cx, cy, h = (x0 + x1) / 2, (y0 + y1) / 2, half_share * min(x1 - x0, y1 - y0)
    arms = [corpus.line_path(cx - h, cy - sy * h, cx + h, cy + sy * h, rng, 0.01) for sy in (1, -1)]
    corpus.strokes(img, arms, pen, rng)


def _pen_ring(
    img: Gray, cx: float, cy: float, r: float, pen: corpus.Pen, rng: np.random.Generator
) -> None:
    """A hand's ○ of radius ``r`` (px) round (cx, cy), closed with a little overlap."""
    path = corpus.ellipse_path(cx, cy, r, r, 0.0, 0.3, 2.1 * math.pi, rng, 0.02)
    corpus.strokes(img, [path], pen, rng)


@pytest.mark.parametrize(("ring", "pen_mm"), [(0.5, 0.8), (0.52, 0.65), (0.52, 0.8)])
def test_a_circle_drawn_round_a_cross_along_the_box_border_is_unclear(
    printed: Printed, tmp_path: Path, ring: float, pen_mm: float
) -> None:
    """A × with a ○ drawn round it, the ○ about as wide as the box and so running along its
    printed border: kept there as ink on the border, which the ×'s lines are not fitted to
    (the border's own segments are straight), it was left out of what the lines leave too,
    and the box read as the × alone — a confident disagree where a person sees ○ and × in
    one box (the sheet was counted). A plain × and a plain ○ in the same pen stay what they
    are."""
    lay = printed.layouts["SY"]
    img = sheet_at_300_dpi(printed, 1, tmp_path)
    ppm = 300 / 25.4
    rng = np.random.default_rng(round(ring * 100 + pen_mm * 10))
    pen = corpus.Pen(pen_mm * ppm, 20.0, 0.0)
    x0, y0, x1, y1 = b = mark_box_px(lay, "c02", ppm)
    _pen_cross(img, b, 0.28, pen, rng)
    _pen_ring(img, (x0 + x1) / 2, (y0 + y1) / 2, ring * (x1 - x0), pen, rng)
    _pen_cross(img, mark_box_px(lay, "c01", ppm), 0.3, pen, rng)
    x0, y0, x1, y1 = mark_box_px(lay, "c03", ppm)
    _pen_ring(img, (x0 + x1) / 2, (y0 + y1) / 2, 0.34 * (x1 - x0), pen, rng)
    r = read_mild_scan(img, rng, tmp_path / "ringed", printed.ctx)
    got = dict(r.marks)
    assert got["c02"] is Mark.UNCLEAR, r.scores["targets"]["c02.mark"]
    assert r.status is SheetStatus.REVIEW, r.reasons
    assert (got["c01"], got["c03"]) == (Mark.DISAGREE, Mark.AGREE), got


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_a_small_circle_crossed_out_is_unclear(printed: Printed, tmp_path: Path, seed: int) -> None:
    """A small ○ (about 3 mm across, a 2 mm hole: a ○ on its own) crossed out by a × drawn
    through it in the same pen (⊗): the strokes cut its hole into pieces too small to count
    as holes, and the ring's arcs left between the arms were too little ink to spoil the two
    lines — read as the × alone, a confident disagree. The same ○ alone and the same × alone
    stay what they are."""
    lay = printed.layouts["SY"]
    img = sheet_at_300_dpi(printed, 2, tmp_path)
    ppm = 300 / 25.4
    rng = np.random.default_rng(seed)
    pen = corpus.Pen(float(rng.uniform(0.5, 0.8)) * ppm, 20.0, 0.0)
    for code in ("c01", "c02", "c03", "c04"):
        x0, y0, x1, y1 = b = mark_box_px(lay, code, ppm)
        ox, oy = rng.normal(0, 0.2 * ppm, 2)
        r_mm = float(rng.uniform(1.3, 1.6))
        _pen_ring(img, (x0 + x1) / 2 + ox, (y0 + y1) / 2 + oy, r_mm * ppm, pen, rng)
        _pen_cross(img, b, 0.36, pen, rng)
    x0, y0, x1, y1 = mark_box_px(lay, "c05", ppm)
    _pen_ring(img, (x0 + x1) / 2, (y0 + y1) / 2, 1.5 * ppm, pen, rng)
    _pen_cross(img, mark_box_px(lay, "c06", ppm), 0.36, pen, rng)
    r = read(img, printed.ctx)
    got = marks_of(r)
    crossed_out = {k: got[k] for k in ("c01", "c02", "c03", "c04")}
    assert set(crossed_out.values()) == {Mark.UNCLEAR}, r.scores["targets"]
    assert (got["c05"], got["c06"]) == (Mark.AGREE, Mark.DISAGREE), got


@pytest.mark.parametrize("seed", [0, 1, 2, 3])
def test_a_cross_with_an_ink_blot_where_its_strokes_cross_is_a_cross(
    printed: Printed, tmp_path: Path, seed: int
) -> None:
    """A × whose pen rested where its strokes cross leaves a blot there, solid ink all round
    the crossing that neither stroke holds — taken for a small ○ crossed out (⊗) from a blot
    of radius 1.2 mm (unclear, the sheet held). The blot is solid from the crossing outwards,
    a ⊗'s arcs lie beyond its hole: the × reads as a ×, its blot a little off the crossing
    too. A blot as big as a small ○ (radius 1.7 mm: could be one filled in) and a ⊗ with a
    blot in its middle still go to a person."""
    lay = printed.layouts["SY"]
    img = sheet_at_300_dpi(printed, 3, tmp_path)
    ppm = 300 / 25.4
    rng = np.random.default_rng(seed)
    blots = {"c01": (1.0, 0.0), "c02": (1.2, 0.0), "c03": (1.25, 0.0), "c04": (1.2, 0.3)}
    for code, (r_mm, off_mm) in [*blots.items(), ("c05", (1.7, 0.0)), ("c06", (0.8, 0.0))]:
        x0, y0, x1, y1 = b = mark_box_px(lay, code, ppm)
        cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
        pen = corpus.Pen(float(rng.uniform(0.5, 0.65)) * ppm, 20.0, 0.0)  # a fine felt-tip
        if code == "c06":  # a small ○ (3 mm across) crossed out, the pen resting in it
            _pen_ring(img, cx, cy, 1.5 * ppm, pen, rng)
        _pen_cross(img, b, 0.3, pen, rng)
        at = (round(cx + off_mm * ppm), round(cy - off_mm * ppm))
        cv2.circle(img, at, round(r_mm * ppm), 20, -1, cv2.LINE_AA)
    r = read_mild_scan(img, rng, tmp_path / "blots", printed.ctx)
    got = dict(r.marks)
    assert {k: got[k] for k in blots} == dict.fromkeys(blots, Mark.DISAGREE), r.scores["targets"]
    assert (got["c05"], got["c06"]) == (Mark.UNCLEAR, Mark.UNCLEAR), got


@pytest.mark.parametrize(
    ("turn", "squash", "expected"),
    [(16, 0, Mark.UNCLEAR), (14, 0, Mark.UNCLEAR), (12, 0, Mark.DISAGREE), (0, 22, Mark.DISAGREE)],
)
def test_a_plus_turned_a_little_is_no_cross(
    printed: Printed, turn: float, squash: float, expected: Mark
) -> None:
    """A 十 turned 14–18° (each line 27–31° off a diagonal, turned together) was read as ×
    — a confident disagree; a × turned by a hand's 12°, or squashed (its lines 22° off the
    diagonals the opposite ways), is still a ×."""
    lay = printed.layouts["SY"]
    page = marked(printed.pages["SY"][3], lay, {"c01": "circle"}, 51)
    x0, y0, x1, y1 = mark_box_px(lay, "c03")
    cx, cy, side = (x0 + x1) / 2, (y0 + y1) / 2, min(x1 - x0, y1 - y0)
    half = 0.36 * side
    base = (0.0, 90.0) if expected is Mark.UNCLEAR else (45.0 + squash, 135.0 - squash)
    for b in base:
        a = math.radians(b + turn)
        dx, dy = half * math.cos(a), half * math.sin(a)
        cv2.line(
            page,
            (round(cx - dx), round(cy - dy)),
            (round(cx + dx), round(cy + dy)),
            0,
            round(0.5 * PPM),
            cv2.LINE_AA,
        )
    r = read(page, printed.ctx)
    assert marks_of(r)["c03"] is expected, r.scores["targets"]["c03.mark"]


def test_a_faded_copy_reads_like_a_good_scan(printed: Printed) -> None:
    # Grey levels squeezed into 110..245 (a faded photocopy, a scanner set too light): the
    # print is only about half as dark as on a good scan, and faint pencil fainter still.
    lay = printed.layouts["SY"]
    kinds = {"c01": "circle", "c02": "cross", "c03": "faint_circle", "c04": "faint_cross"}
    img = marked(printed.pages["SY"][3], lay, kinds, 8)
    faded = (110 + img.astype(np.float32) * (135 / 255)).astype(np.uint8)
    r = read(faded, printed.ctx)
    assert r.scores["contrast_stretch"] > 1.4
    got = marks_of(r)
    assert got["c01"] is Mark.AGREE and got["c02"] is Mark.DISAGREE
    assert got["c03"] is Mark.UNCLEAR and got["c04"] is Mark.UNCLEAR  # never abstain
    assert got["c05"] is Mark.ABSTAIN and got["c06"] is Mark.ABSTAIN


def test_no_marks_is_a_valid_ballot_abstaining_on_everyone(printed: Printed) -> None:
    r = read(printed.pages["SY"][0], printed.ctx)
    assert r.status is SheetStatus.COUNTED and r.ballot_valid is True and not r.reasons
    assert set(marks_of(r).values()) == {Mark.ABSTAIN}
    assert [w.has_name for w in r.writeins] == [False, False]


def test_over_vote_is_a_void_ballot_counted(printed: Printed) -> None:
    lay = printed.layouts["SY"]
    kinds = dict.fromkeys(("c01", "c02", "c03", "c04"), "circle")  # 4 ○ for 3 seats
    kinds["c06"] = "check"  # something unclear does not matter: void anyway
    r = read(marked(printed.pages["SY"][1], lay, kinds, 3), printed.ctx)
    assert r.status is SheetStatus.COUNTED
    assert r.ballot_valid is False
    assert r.reasons == ("over_vote",)


def test_an_over_vote_the_voter_corrected_beside_a_box_goes_to_a_person(printed: Printed) -> None:
    """4 ○ for 3 seats, and a × drawn after one of the names (or the name struck through):
    the voter most likely took that ○ back. It was void at once, the mark beside the box
    seen and set aside; a person decides (still over the seats: void)."""
    lay = printed.layouts["SY"]
    kinds = dict.fromkeys(("c01", "c02", "c03", "c04"), "circle")
    for seed, beside in enumerate(("name_struck", "name_crossed")):
        img = marked(printed.pages["SY"][seed], lay, kinds, 30 + seed)
        cell = lay.extra["cells"]["c02"]
        x0, y0, x1, y1 = cell["print"][0]  # the printed name
        rng = np.random.default_rng(seed)
        if beside == "name_struck":
            y = (y0 + y1) / 2 * PPM
            path = np.array([[(x0 - 1) * PPM, y], [(x1 + 1) * PPM, y + 1]])
            corpus.strokes(img, [path], corpus.Pen(0.5 * PPM, 20, 0.0), rng)
        else:
            big = (x0 - 2.5, y0 - 2.5, x1 + 2.5, y1 + 2.5)  # (a × over the name, past it)
            corpus.draw_kind(img, "cross_big", box_px(big), PPM, rng)
        r = read(img, printed.ctx)
        assert r.status is SheetStatus.REVIEW, (beside, r.reasons)
        assert r.reasons[:2] == ("over_vote_corrected", "mark_beside_box"), r.reasons
        assert "c02" in r.scores["beside_boxes"]
    plain = read(marked(printed.pages["SY"][2], lay, kinds, 33), printed.ctx)
    assert plain.status is SheetStatus.COUNTED and plain.reasons == ("over_vote",)


def test_writein_with_name_and_circle_goes_to_review(printed: Printed) -> None:
    lay = printed.layouts["SY"]
    img = marked(
        printed.pages["SY"][2],
        lay,
        {"c01": "circle", "w1.name": "name", "w1": "circle", "w2.name": "name"},
        4,
    )
    r = read(img, printed.ctx)
    assert r.status is SheetStatus.REVIEW and "writein" in r.reasons
    w = {x.column: x for x in r.writeins}
    assert w[1].has_name is True and w[1].mark is Mark.AGREE
    assert w[2].has_name is True and w[2].mark is Mark.ABSTAIN


@pytest.mark.parametrize("grey", [175, 195])
def test_a_name_in_faint_pencil_is_never_read_as_no_name(printed: Printed, grey: int) -> None:
    """A name written in a hard pencil (thin strokes, grey 175–195): too pale to be ink where
    the name box is read, it was "no name" — the sheet counted, and where a name needs no ○
    above it (a setting) the voter's choice was lost. Unsure: a person looks."""
    lay = printed.layouts["SY"]
    img = marked(printed.pages["SY"][1], lay, {"c01": "circle"}, 5)
    w = next(x for x in lay.writeins if x.column == 1)
    x0, y0, x1, y1 = box_px(w.name_box)
    rng = np.random.default_rng(grey)
    for i in range(2):  # two characters' strokes, a hard pencil's: a pixel or so wide
        gx, cw, cy, ch = x0 + (0.25 + 0.27 * i) * (x1 - x0), 0.22 * (x1 - x0), y0, y1 - y0
        for _ in range(6):
            ax, ay = gx + rng.uniform(0.1, 0.9) * cw, cy + rng.uniform(0.25, 0.6) * ch
            if rng.random() < 0.5:
                bx, by = ax + rng.uniform(0.4, 0.7) * cw, ay + rng.uniform(-0.03, 0.03) * ch
            else:
                bx, by = ax + rng.uniform(-0.05, 0.05) * cw, ay + rng.uniform(0.25, 0.4) * ch
            cv2.line(img, (round(ax), round(ay)), (round(bx), round(by)), grey, 1, cv2.LINE_AA)
    r = read(img, printed.ctx)
    got = {x.column: x.has_name for x in r.writeins}
    assert got[1] is not False, r.scores["targets"]["w1.name"]
    assert r.status is SheetStatus.REVIEW and got[2] is False


def test_over_the_seats_only_with_written_names_goes_to_a_person(printed: Printed) -> None:
    # 2 printed ○ and two names with ○ for 3 seats: whether that is an over-vote depends on
    # the names (the same name twice, or a circled candidate's, is one choice): not void unread.
    lay = printed.layouts["SY"]
    kinds = {
        "c01": "circle",
        "c02": "circle",
        "w1.name": "name",
        "w1": "circle",
        "w2.name": "name",
        "w2": "circle",
    }
    r = read(marked(printed.pages["SY"][2], lay, kinds, 5), printed.ctx)
    assert r.status is SheetStatus.REVIEW and "writein" in r.reasons
    assert r.ballot_valid is None and "over_vote" not in r.reasons


def test_a_doubtful_mark_in_an_empty_write_in_column_is_an_unclear_mark(printed: Printed) -> None:
    """A scribble in a write-in column's box and no name under it: the sheet said "a
    write-in column is filled in: a person reads the name" over "write-in 1: no name" — the
    desk looked for a name that is not there. It is a doubtful mark, said as such."""
    lay = printed.layouts["SY"]
    r = read(
        marked(printed.pages["SY"][1], lay, {"c01": "circle", "w1": "scribble"}, 7), printed.ctx
    )
    (w1, w2) = r.writeins
    assert (w1.has_name, w1.mark, w2.mark) == (False, Mark.UNCLEAR, Mark.ABSTAIN), r.writeins
    assert r.status is SheetStatus.REVIEW and r.reasons == ("unclear_mark",), r.reasons


# --- column style ---------------------------------------------------------------------------------


def test_column_style_chosen_box_or_unclear(printed: Printed) -> None:
    lay = printed.layouts["CO"]
    assert lay.style == "columns"
    kinds = {"c01.agree": "circle", "c02.disagree": "circle_open", "c03.abstain": "oval"}
    r = read(marked(printed.pages["CO"][0], lay, kinds, 2), printed.ctx)
    assert r.status is SheetStatus.COUNTED, r.reasons
    assert marks_of(r) == {
        "c01": Mark.AGREE,
        "c02": Mark.DISAGREE,
        "c03": Mark.ABSTAIN,
        "c04": Mark.ABSTAIN,
    }
    two = {"c01.agree": "circle", "c01.disagree": "circle", "c02.agree": "cross"}
    r = read(marked(printed.pages["CO"][1], lay, two, 3), printed.ctx)
    assert r.status is SheetStatus.REVIEW
    assert marks_of(r)["c01"] is Mark.UNCLEAR  # two boxes
    assert marks_of(r)["c02"] is Mark.UNCLEAR  # × is not the instruction's ○


# --- registration, codes, pages -------------------------------------------------------------------


@pytest.mark.parametrize("seed", [1, 3])
def test_every_ring_three_quarters_of_a_row_high_holds_the_sheet(
    printed: Printed, seed: int
) -> None:
    """Column style: a voter who drew every ○ three quarters of a row too high (between the
    rows, a little above the box meant) has each read, confidently, for the candidate above
    the one meant; the top row's ○ lies on the heading's printed words, which the look at the
    headings takes as print, box and all — the sheet was counted. The words are told from
    their strokes now: the ○ on them holds the sheet for a person (writing_elsewhere)."""
    lay = printed.layouts["CO"]
    page = printed.pages["CO"][0]
    row = lay.candidates[1].boxes["agree"][1] - lay.candidates[0].boxes["agree"][1]
    img = page.copy()
    rng = np.random.default_rng(seed)
    for i, c in enumerate(lay.candidates):
        x0, y0, x1, y1 = c.boxes[("agree", "disagree", "abstain")[(i + seed) % 3]]
        up = 0.75 * row
        corpus.draw_kind(img, "circle", box_px((x0, y0 - up, x1, y1 - up)), PPM, rng)
    r = read(img, printed.ctx)
    assert r.status is SheetStatus.REVIEW and "writing_elsewhere" in r.reasons, r.reasons
    assert "heading_word" in r.scores["elsewhere"], r.scores["elsewhere"]


@pytest.mark.parametrize("word", [(0, 1), (0, 3), (1, 0)])  # 赞成, 弃权, 另选他人
def test_a_ring_drawn_tight_round_a_heading_word_holds_the_sheet(
    printed: Printed, word: tuple[int, int]
) -> None:
    """A ○ drawn close round a heading word (赞成 — for everyone?) lies where the look at the
    headings takes the word's print box as print: the sheet was counted as abstaining on
    everyone. Told from the word's strokes, it holds the sheet (writing_elsewhere)."""
    lay = printed.layouts["CO"]
    page = printed.pages["CO"][0]
    x0, y0, x1, y1 = lay.extra["headings"][word[0]]["print"][word[1]]
    img = page.copy()
    cx, cy = (x0 + x1) / 2 * PPM, (y0 + y1) / 2 * PPM
    axes = (round(((x1 - x0) / 2 + 0.3) * PPM), round(((y1 - y0) / 2 + 0.3) * PPM))
    cv2.ellipse(img, (round(cx), round(cy)), axes, 0, 0, 360, 40, 2, cv2.LINE_AA)
    r = read(img, printed.ctx)
    assert r.reasons == ("writing_elsewhere",), r.reasons


def _creased_down(img: Gray, x_mm: float, ppm: float, side: float) -> Gray:
    """A sheet folded down the middle for the ballot box and scanned not quite flat, as the
    corpus folds it (`corpus.fold_in_four`): down it at ``x_mm`` a crease line 23 % darker at
    its middle (0.25 mm), a shadow on one side of the ridge (``side``; 19 % darker at the
    crease, fading over 4 mm) and a little light on the other."""
    d = (np.arange(img.shape[1], dtype=np.float32) - np.float32(x_mm * ppm)) * np.float32(side)
    fade = np.float32(4 * ppm)
    shade = np.where(d < 0, -0.19 * np.exp(d / fade), 0.35 * 0.19 * np.exp(-d / fade))
    light = np.clip(1 + shade - 0.23 * np.exp(-0.5 * (d / (0.25 * ppm)) ** 2), 0.2, 1.25)
    return np.asarray(np.clip(img.astype(np.float32) * light[None, :], 0, 255), dtype=np.uint8)


def _scanned_at(img: Gray, ppm: float, dpi: int, bilevel: int | None, seed: int) -> Gray:
    """``img`` (a sheet at ``ppm``, blurred as the optics do) as a scanner gives it at ``dpi``:
    fed turned 2.5°, not quite flat, with the sensor's noise; thresholded at ``bilevel``
    (a black-and-white scan) if given."""
    pad = round(10 * ppm)
    big = cv2.copyMakeBorder(img, pad, pad, pad, pad, cv2.BORDER_CONSTANT, value=255)
    h, w = big.shape
    f = dpi / 25.4 / ppm
    turn = np.vstack([cv2.getRotationMatrix2D((w / 2, h / 2), -2.5, 0.98), [0.0, 0.0, 1.0]])
    src = np.array([[0, 0], [w, 0], [w, h], [0, h]], np.float32)
    dst = src + np.array(
        [[0.003 * w, 0], [0, -0.002 * h], [0, 0], [0.002 * w, 0.003 * h]], np.float32
    )
    m = np.diag([f, f, 1.0]) @ cv2.getPerspectiveTransform(src, dst) @ turn
    out = cv2.warpPerspective(big, m, (round(w * f), round(h * f)), borderValue=245)
    noise = np.asarray(np.random.default_rng(seed).standard_normal(out.shape) * 5.5, np.int16)
    out = np.clip(out.astype(np.int16) + noise, 0, 255).astype(np.uint8)
    return out if bilevel is None else np.where(out > bilevel, 255, 0).astype(np.uint8)


@pytest.mark.parametrize("dpi,bilevel", [(150, 162), (300, None)])
def test_a_crease_down_through_the_instructions_and_a_heading_word_is_no_writing(
    printed: Printed, tmp_path: Path, dpi: int, bilevel: int | None
) -> None:
    """A ballot folded down its middle, the crease running through the printed instructions
    (画“○”) and the heading word 弃权 below them. On a 150-dpi black-and-white scan the crease
    runs into the word's strokes, with the bold print's rim, into pieces beside them that
    were taken for a mark drawn on the heading: writing found where none was written (bench
    seed 6, page 339). A thin straight line running on in line with itself far above and
    below the word is the paper's — wherever it crosses the word, its shadow either side."""
    lay = printed.layouts["CO"]
    x0, _, x1, _ = lay.extra["headings"][0]["print"][3]  # (弃权)
    ppm = 300 / 25.4
    sheet = cv2.GaussianBlur(sheet_at_300_dpi(printed, 3, tmp_path, "CO"), (0, 0), 0.92 * 300 / dpi)
    for at, side in [(a, sd) for a in (-0.7, 0.0, 0.7) for sd in (1.0, -1.0)]:
        creased = _creased_down(np.asarray(sheet), (x0 + x1) / 2 + at, ppm, side)
        r = read(_scanned_at(creased, ppm, dpi, bilevel, 3), printed.ctx)
        assert "elsewhere" not in r.scores, (at, side, r.scores["elsewhere"])
        assert "writing_elsewhere" not in r.reasons, (at, side, r.reasons)
        assert "beside_boxes" not in r.scores, (at, side, r.scores["beside_boxes"])
    # ... and a ○ drawn tight round the word, the crease through it, is still found
    ringed = sheet.copy()
    y0, y1 = lay.extra["headings"][0]["print"][3][1::2]
    axes = (round(((x1 - x0) / 2 + 0.3) * ppm), round(((y1 - y0) / 2 + 0.3) * ppm))
    centre = (round((x0 + x1) / 2 * ppm), round((y0 + y1) / 2 * ppm))
    cv2.ellipse(ringed, centre, axes, 0, 0, 360, 40, 4, cv2.LINE_AA)
    creased = _creased_down(np.asarray(ringed), (x0 + x1) / 2, ppm, -1.0)
    r = read(_scanned_at(creased, ppm, dpi, bilevel, 3), printed.ctx)
    assert "writing_elsewhere" in r.reasons, r.reasons
    assert r.scores["elsewhere"].get("heading_word") == "0.3", r.scores["elsewhere"]


@pytest.mark.parametrize("kind", ["check", "cross", "stroke"])
def test_a_mark_on_a_name_a_crease_runs_through_still_holds_the_sheet(
    printed: Printed, kind: str
) -> None:
    """A crease down the sheet through the names' column is the paper's, on every name it
    crosses; a ✓, a × or a short stroke a voter drew over a name, the crease running through
    it too, is still a mark on the name (the crease's own line is all that is taken away)."""
    lay = printed.layouts["SY"]
    kinds = {"c01": "circle"}
    page = marked(printed.pages["SY"][3], lay, kinds, 46)
    x0, y0, x1, y1 = lay.extra["cells"]["c04"]["print"][0]
    cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
    scan = cv2.GaussianBlur(page, (0, 0), 0.5)
    clean = _scanned_at(_creased_down(np.asarray(scan), cx, PPM, 1.0), PPM, DPI, 162, 5)
    r = read(clean, printed.ctx)
    assert "beside_boxes" not in r.scores and "elsewhere" not in r.scores, r.scores.get(
        "beside_boxes"
    )
    img = page.copy()
    if kind == "stroke":  # (a short pen stroke over the name, across the crease)
        a, b = P(cx - 2.0, cy - 1.6), P(cx + 2.0, cy + 1.6)
        cv2.line(img, a, b, 40, 2, cv2.LINE_AA)
    else:
        box = box_px((cx - 2.0, cy - 2.0, cx + 2.0, cy + 2.0))
        corpus.draw_kind(img, kind, box, PPM, np.random.default_rng(7))
    scan = cv2.GaussianBlur(img, (0, 0), 0.5)
    r = read(
        _scanned_at(_creased_down(np.asarray(scan), cx, PPM, 1.0), PPM, DPI, 162, 5), printed.ctx
    )
    assert r.reasons == ("mark_beside_box",), (kind, r.reasons)
    assert "c04" in r.scores["beside_boxes"], r.scores["beside_boxes"]
    assert marks_of(r) == truth_of(lay, kinds)


@pytest.mark.parametrize(
    "where,seed,side",
    [("between columns", 1, 6.0), ("between columns", 2, 6.8), ("between rows", 3, 6.0)],
)
def test_a_small_ring_on_a_rule_between_boxes_holds_the_sheet(
    printed: Printed, where: str, seed: int, side: float
) -> None:
    """Column style: a small ○ (4–5 mm across) drawn on the rule between two columns, or two
    rows, touching no box: in the ring round each box it is a short arc, too straight to
    tell from a slip of the pen, and the sheet was counted as abstaining. Looked at whole,
    it is a ○ between the boxes: a person decides (mark_beside_box)."""
    lay = printed.layouts["CO"]
    page = printed.pages["CO"][0]
    assert read(page, printed.ctx).status is SheetStatus.COUNTED
    c = lay.candidates[1]
    x0, y0, x1, y1 = c.boxes["agree"]
    if where == "between columns":
        at = ((x1 + c.boxes["disagree"][0]) / 2, (y0 + y1) / 2)
    else:
        at = ((x0 + x1) / 2, (y1 + lay.candidates[2].boxes["agree"][1]) / 2)
    img = page.copy()
    b = (at[0] - side / 2, at[1] - side / 2, at[0] + side / 2, at[1] + side / 2)
    corpus.draw_kind(img, "circle", box_px(b), PPM, np.random.default_rng(seed))
    r = read(img, printed.ctx)
    assert r.status is SheetStatus.REVIEW and "mark_beside_box" in r.reasons, r.reasons
    assert any(v.get("between_boxes") for v in r.scores["beside_boxes"].values())


@pytest.mark.parametrize("seed", range(4))
def test_rings_in_column_boxes_larger_smaller_or_off_centre_are_counted(
    printed: Printed, seed: int
) -> None:
    """The looks for a ○ between the boxes and on the heading words leave a sheet of ○s
    drawn in their boxes alone — larger than the box, small, off its centre, oval."""
    lay = printed.layouts["CO"]
    kinds = ("circle_big", "circle_small", "circle_offcentre", "oval", "circle")
    marks = {
        f"{c.code}.{('agree', 'disagree', 'abstain')[(i + seed) % 3]}": kinds[(i + seed) % 5]
        for i, c in enumerate(lay.candidates)
    }
    r = read(marked(printed.pages["CO"][seed % 4], lay, marks, 10 + seed), printed.ctx)
    assert r.status is SheetStatus.COUNTED and r.reasons == (), (
        r.reasons,
        r.scores.get("elsewhere"),
    )


def read_mild_scan(img: Gray, rng: np.random.Generator, stem: Path, ctx: ReadContext) -> PageResult:
    """``img`` through a good grey scanner (JPEG, `corpus.scan` mild), saved as ``stem`` with
    the scan's extension, and read as `huanjie scan` reads a page."""
    scan = corpus.scan(img, 300, rng, mild=True)
    path = stem.with_name(f"{stem.name}.{scan.ext}")
    path.write_bytes(scan.data)
    return process_page(load.PageRef(str(path), 1, 1), ctx)


def scanned(
    img: Gray,
    angle: float,
    scale: float,
    shift: tuple[float, float],
    perspective: float = 0.0,
    pad_mm: float = 15.0,
) -> Gray:
    pad = round(pad_mm * PPM)
    big = cv2.copyMakeBorder(img, pad, pad, pad, pad, cv2.BORDER_CONSTANT, value=255)
    h, w = big.shape
    m = np.asarray(cv2.getRotationMatrix2D((w / 2, h / 2), angle, scale), dtype=np.float64)
    m[:, 2] += np.array(shift) * PPM
    m3 = np.vstack([m, [0, 0, 1]])
    if perspective:
        src = np.array([[0, 0], [w, 0], [w, h], [0, h]], dtype=np.float32)
        dst = src + np.array(
            [[perspective * w, 0], [0, 0], [0, 0], [0, perspective * h]], dtype=np.float32
        )
        m3 = np.asarray(cv2.getPerspectiveTransform(src, dst), dtype=np.float64) @ m3
    return np.asarray(cv2.warpPerspective(big, m3, (w, h), borderValue=255), dtype=np.uint8)


def test_a_blurred_scans_code_is_read_sharpened(printed: Printed) -> None:
    # A soft 150-dpi scan (out of focus, a worn scanner): the code's modules run together
    # and no decoder read them; enlarged and sharpened they come apart again.
    lay = printed.layouts["SY"]
    kinds = {"c01": "circle", "c02": "cross", "c04": "circle_big"}
    img = marked(printed.pages["SY"][0], lay, kinds, 9)
    r = read(np.asarray(cv2.GaussianBlur(img, (0, 0), 2.6), dtype=np.uint8), printed.ctx)
    assert r.status is not SheetStatus.REJECTED, (r.reasons, r.scores["qr"])
    assert r.code is not None and r.code.serial == printed.serials["SY"][0]
    truth = truth_of(lay, kinds)
    assert all(m is truth[k] for k, m in marks_of(r).items() if m is not Mark.UNCLEAR), marks_of(r)


@pytest.mark.parametrize(
    "angle,scale,shift,persp",
    [
        (5.0, 1.0, (0.0, 0.0), 0.0),
        (-5.0, 1.04, (10.0, -10.0), 0.0),
        (2.0, 0.96, (-10.0, 10.0), 0.003),
        (178.0, 1.0, (3.0, 3.0), 0.0),
        (12.0, 1.0, (0.0, 0.0), 0.0),  # a square too turned to pass for one: from the others
        (-15.0, 1.0, (0.0, 0.0), 0.0),  # none passes: from the code's corners and the boxes
    ],
)
def test_registration_tolerates_skew_scale_shift_perspective(
    printed: Printed, angle: float, scale: float, shift: tuple[float, float], persp: float
) -> None:
    lay = printed.layouts["SY"]
    img = marked(printed.pages["SY"][0], lay, {"c02": "circle", "c03": "cross"}, 9)
    r = read(scanned(img, angle, scale, shift, persp, pad_mm=25.0), printed.ctx)
    assert r.status is SheetStatus.COUNTED, (r.reasons, r.scores.get("registration"))
    assert marks_of(r)["c02"] is Mark.AGREE and marks_of(r)["c03"] is Mark.DISAGREE


def test_a_corner_cut_off_still_reads(printed: Printed) -> None:
    img = printed.pages["SY"][1].copy()
    h, w = img.shape
    img[h - round(20 * PPM) :, w - round(20 * PPM) :] = 255  # bottom-right corner missing
    r = read(img, printed.ctx)
    assert r.status is SheetStatus.COUNTED, r.reasons
    assert r.scores["registration"]["corners_missing"] == 1.0


@pytest.mark.parametrize("corner", [0, 1, 2, 3])
def test_a_missing_corner_square_reads_the_same_or_refuses(printed: Printed, corner: int) -> None:
    """With one corner square gone the page is mapped from the other squares: it must then
    read exactly as the whole page does, or be refused — never read other marks."""
    lay = printed.layouts["SY"]
    kinds = {"c01": "circle", "c02": "cross", "c04": "circle_big", "c06": "oval"}
    img = marked(printed.pages["SY"][2], lay, kinds, 5)
    whole = read(img, printed.ctx)
    assert whole.status is SheetStatus.COUNTED, whole.reasons
    reg = whole.registration
    assert reg is not None
    x, y = reg.points[corner]
    r = round(5 * PPM)
    cut = img.copy()
    cut[max(0, round(y) - r) : round(y) + r, max(0, round(x) - r) : round(x) + r] = 255
    got = read(cut, printed.ctx)
    if got.status is SheetStatus.REJECTED:
        assert got.reasons[0] in ("registration_implausible", "no_registration", "boxes_misplaced")
    else:
        assert got.scores["registration"]["corners_missing"] == 1.0
        assert marks_of(got) == marks_of(whole)


# A sheet turned in the feeder and scanned with a window the paper's size, or A4 scanned on a
# Letter setting, loses two corner squares or more: such pages are mapped from what is left
# (the squares there are, the code's corners) and fitted to their printed boxes.
SKEW_KINDS = {"c01": "circle", "c02": "cross", "c04": "circle_big", "c05": "oval", "c06": "cross"}
SKEW_MARKS = {
    "c01": Mark.AGREE,
    "c02": Mark.DISAGREE,
    "c03": Mark.ABSTAIN,
    "c04": Mark.AGREE,
    "c05": Mark.AGREE,
    "c06": Mark.DISAGREE,
}


def test_the_squares_are_those_that_fit_the_layout_not_a_smaller_lookalike(
    printed: Printed,
) -> None:
    # A black-and-white scan's bold title and boxes holding ○ are square-ish blobs too. Five
    # of them stood as the layout's squares at half the page's size, turned 178°, nearer to
    # where the close-set top-left and orientation squares predict the far corners than the
    # real squares (their centres a pixel off at the overview's scale): the page was read
    # there and refused as "mirrored". The squares are now those the layout fits best.
    g = register.FiducialGeometry.from_layout(printed.layouts["SY"])
    s = 2.0  # overview px per mm

    def placed(scale: float, turn_deg: float, at: tuple[float, float]) -> list[register._Blob]:
        t = math.radians(turn_deg)
        c, si = math.cos(t), math.sin(t)
        return [
            register._Blob(
                at[0] + scale * (c * x - si * y), at[1] + scale * (si * x + c * y), 5 * scale
            )
            for x, y in g.centres
        ]

    real = placed(s, 0.6, (10.0, 10.0))
    tl, tr, br, bl, cue = real
    cue = replace(cue, y=cue.y + 1.0)  # (a centroid a pixel off, two squares 10 mm apart)
    real = [tl, tr, br, bl, cue]
    half = placed(s / 2, 178.0, (330.0, 420.0))  # (a lookalike: exact cue, far corners off)
    look = [half[0], *(replace(b, x=b.x + 4.0, y=b.y - 3.0) for b in half[1:4]), half[4]]
    geoms = [g]
    cfg = DEFAULT_CONFIG
    by_prediction = min(
        (f for f in register._from_top_left(real + look, geoms, cfg) if f.missing == 0),
        key=lambda f: f.error,
    )
    assert by_prediction.blobs[0] is look[0]  # (what the old ranking chose)
    found = register._match(real + look, geoms, cfg)
    assert found is not None and found.blobs == (tl, tr, br, bl, cue)
    assert register._misfit_mm(found) < 0.5


@pytest.mark.parametrize("angle", [4.5, -4.0, 6.0])
def test_a_sheet_turned_within_the_scan_window_reads_from_what_is_left(
    printed: Printed, angle: float
) -> None:
    lay = printed.layouts["SY"]
    img = marked(printed.pages["SY"][1], lay, SKEW_KINDS, 21)
    turned = scanned(img, angle, 1.0, (0.0, 0.0), pad_mm=0.0)  # the window is the paper
    reg = register.register(
        turned, printed.ctx.geometries(), DEFAULT_CONFIG
    )  # the squares alone cannot map it
    assert isinstance(reg, register.RegistrationProblem)
    r = read(turned, printed.ctx)
    assert r.status is SheetStatus.COUNTED, (r.reasons, r.scores.get("registration"))
    assert marks_of(r) == SKEW_MARKS
    got = r.scores["registration"]
    assert got["partial"] == 1.0 and got["corners_missing"] >= 2
    assert abs(got["rotation_deg"] - (-angle)) < 0.3
    assert r.scores["boxes_check"]["offset_p90_mm"] <= 0.15


def test_a4_scanned_on_a_letter_setting_reads_without_its_bottom_squares(
    printed: Printed,
) -> None:
    lay = printed.layouts["CO"]
    kinds = {"c01.agree": "circle", "c02.disagree": "circle", "c03.abstain": "circle"}
    img = marked(printed.pages["CO"][0], lay, kinds, 22)
    letter = img[: round(279.4 * PPM)]  # 11 inches of the 297 mm sheet
    r = read(letter, printed.ctx)
    assert r.status is SheetStatus.COUNTED, (r.reasons, r.scores.get("registration"))
    assert r.scores["registration"]["corners_missing"] == 2.0
    whole = read(img, printed.ctx)
    assert marks_of(r) == marks_of(whole)
    assert marks_of(r)["c01"] is Mark.AGREE and marks_of(r)["c02"] is Mark.DISAGREE


def test_a_torn_corner_on_a_sheet_seen_in_perspective_reads_from_its_code_and_boxes(
    printed: Printed,
) -> None:
    """Three squares give an affine map, which misses the boxes of a sheet not quite flat on
    the glass (refused: boxes misplaced); the code's corners and the boxes then map it."""
    lay = printed.layouts["SY"]
    img = marked(printed.pages["SY"][1], lay, SKEW_KINDS, 41)
    sc = scanned(img, 1.5, 1.0, (0.0, 0.0), 0.008, pad_mm=15.0)
    h, w = sc.shape
    leg = round(40 * PPM)
    sc[h - leg :, w - leg :] = 255  # the bottom-right corner torn off
    r = read(sc, printed.ctx)
    assert r.status is SheetStatus.COUNTED, (r.reasons, r.scores.get("registration"))
    assert r.scores["after_refusal"] == "boxes_misplaced"
    assert r.scores["registration"]["partial"] == 1.0
    assert marks_of(r) == SKEW_MARKS


def hidden_part(img: Gray, how: str) -> Gray:
    """The sheet with part of it hidden inside the image: its bottom from 246 mm folded under
    (where the flap was, the scanner's white lid — or a feeder's black backing — and the
    fold's edge a grey line), its left 22 mm under another sheet on the glass, or corners
    folded over ("corner 3 …" or "corners 0+2 …": a triangle at each with legs of ``how``'s
    last number, mm; corners counted TL, TR, BR, BL from 0)."""
    out = img.copy()
    h, w = out.shape
    if how.startswith("bottom"):
        fold = round(246 * PPM)
        out[fold:] = 30 if "black" in how else 248
        cv2.line(out, (0, fold), (w, fold), 170, 2)
    elif how == "left side under a sheet":
        x = round(22 * PPM)
        out[:, :x] = 246
        cv2.line(out, (x, 0), (x, h), 180, 2)
    else:  # "corner N": a dog-ear, the paper's blank back showing
        _, numbers, *_, legs = how.split()
        leg = round(float(legs) * PPM)
        for corner in (int(n) for n in numbers.split("+")):
            cx, cy = (0 if corner in (0, 3) else w - 1), (0 if corner in (0, 1) else h - 1)
            sx, sy = (1 if cx == 0 else -1), (1 if cy == 0 else -1)
            tri = np.array([[cx, cy], [cx + sx * leg, cy], [cx, cy + sy * leg]], dtype=np.int32)
            cv2.fillConvexPoly(out, tri, 250)
    return out


@pytest.mark.parametrize(
    "style,how",
    [
        ("SY", "bottom folded under"),
        ("SY", "bottom folded under over a black backing"),
        ("CO", "bottom folded under"),
        ("SY", "left side under a sheet"),
        ("SY", "corner 3 folded over 60"),
    ],
)
def test_paper_folded_under_or_covered_inside_the_image_goes_to_a_person(
    printed: Printed, style: str, how: str
) -> None:
    """Part of the sheet hidden inside the image — its bottom folded under, another sheet
    over its side, a corner folded far over: the scanner's lid shows where the paper was.
    The page was mapped from the squares that are left and counted, nothing said; a name
    written below the table, a × beside a box on the hidden paper, never seen. Two corners'
    squares gone where the image holds them, or a corner's square and the bar running on
    from it: held for a person."""
    lay = printed.layouts[style]
    cells = lay.extra["cells"]
    first = min(lay.candidates, key=lambda c: (cells[c.code]["cell"][1], cells[c.code]["cell"][0]))
    kinds = (
        {c.code: k for c, k in zip(lay.candidates[-2:], ("circle", "cross"), strict=True)}
        if style == "SY"
        else {"c01.agree": "circle", "c02.disagree": "circle"}
    )
    assert first.code not in kinds
    img = marked(printed.pages[style][1], lay, kinds, 61)
    if how.startswith("left"):
        # a × drawn in the first candidate's cell beside its (empty) box, at the cell's left
        bx0, by0, _, by1 = first.boxes["mark"]
        assert cells[first.code]["cell"][0] < 22  # (its cell's left covered)
        x, y, arm = bx0 - 3.5, (by0 + by1) / 2, 2.2
        rng = np.random.default_rng(3)
        paths = [
            corpus.line_path(
                (x - arm) * PPM, (y - arm) * PPM, (x + arm) * PPM, (y + arm) * PPM, rng
            ),
            corpus.line_path(
                (x + arm) * PPM, (y - arm) * PPM, (x - arm) * PPM, (y + arm) * PPM, rng
            ),
        ]
        corpus.strokes(img, paths, corpus.Pen(0.6 * PPM, 20.0, 0.0), rng)
        seen = "mark_beside_box"
    else:
        # a name signed below the table, where the paper is hidden (an identifying mark)
        at = (22.0, 262.0, 62.0, 275.0) if how.startswith("corner") else (80.0, 255.0, 130.0, 268.0)
        corpus.write_name(img, box_px(at), PPM, np.random.default_rng(4))
        seen = "writing_elsewhere"
    whole = read(img, printed.ctx)
    assert whole.status is SheetStatus.REVIEW and seen in whole.reasons, whole.reasons
    r = read(hidden_part(img, how), printed.ctx)
    assert r.status is SheetStatus.REVIEW and "paper_hidden" in r.reasons, (r.reasons, r.scores)
    assert r.ballot_valid is None
    got = r.scores["hidden_print"]
    assert got["span_mm"] >= DEFAULT_CONFIG.hidden_min_span_mm
    # (where the print is gone, outlined in orange on the picture a person sees)
    assert r.registration is not None
    x, y = r.registration.to_px(got["box_mm"][0] - 2, got["box_mm"][1] - 2)
    near = draw_overlay(hidden_part(img, how), r)[
        round(y) - 3 : round(y) + 4, round(x) - 3 : round(x) + 4
    ]
    assert (near == (0, 140, 255)).all(axis=-1).any()
    # (what can be seen is read as on the whole sheet, or left to the person)
    wanted = marks_of(whole)
    assert all(m in (wanted[k], Mark.UNCLEAR) for k, m in marks_of(r).items()), marks_of(r)


def test_an_over_voted_sheet_folded_under_goes_to_a_person_not_void(printed: Printed) -> None:
    """More ○ than seats is void without a look — unless paper is hidden: a correction
    beside a box (a × after a name) may be there, and a person decides."""
    lay = printed.layouts["SY"]
    kinds = {"c01": "circle", "c02": "circle", "c03": "circle", "c05": "circle"}
    img = marked(printed.pages["SY"][2], lay, kinds, 62)
    whole = read(img, printed.ctx)
    assert whole.status is SheetStatus.COUNTED and whole.reasons == ("over_vote",)
    r = read(hidden_part(img, "bottom folded under"), printed.ctx)
    assert r.status is SheetStatus.REVIEW and r.reasons == ("paper_hidden",), r.reasons


@pytest.mark.parametrize(
    "damage",
    [
        "corner 0 36",  # a dog-ear over the top-left and orientation squares
        "corner 1 28",  # (further, it reaches the code)
        "corner 2 40",  # the bottom corners': the square and the bar's first 10 mm
        "corner 3 44",
        "staple",
        "square inked over",
        "square rubbed out",
    ],
)
def test_one_corner_dog_eared_stapled_or_smudged_reads_without_a_person(
    printed: Printed, damage: str
) -> None:
    """What read before reads still: one corner's print gone is no paper hidden. The sheet
    seen in slight perspective (a phone's photo, a sheet not flat on the glass)."""
    lay = printed.layouts["SY"]
    img = marked(printed.pages["SY"][3], lay, SKEW_KINDS, 63)
    bl = lay.fiducials[3]
    if damage.startswith("corner"):
        img = hidden_part(img, damage)
    elif damage == "staple":  # across the bottom-left square, with its shadow
        a, b = P(bl[0] - 4, bl[1] + 6), P(bl[2] + 5, bl[1] - 2)
        cv2.line(img, a, b, 150, round(1.2 * PPM))
        cv2.line(img, a, b, 60, round(0.6 * PPM))
    elif damage == "square inked over":  # a blot of ink over it, larger than the square
        cv2.circle(img, P((bl[0] + bl[2]) / 2, (bl[1] + bl[3]) / 2), round(5 * PPM), 35, -1)
    else:  # scraped or painted out: paper where the square was
        img[
            round((bl[1] - 1) * PPM) : round((bl[3] + 1) * PPM),
            round((bl[0] - 1) * PPM) : round((bl[2] + 1) * PPM),
        ] = 245
    r = read(scanned(img, 1.0, 1.0, (0.0, 0.0), 0.006, pad_mm=10.0), printed.ctx)
    assert r.status is SheetStatus.COUNTED, (r.reasons, r.scores.get("hidden_print"))
    # (looked for: a square was missing from the map — and what is gone spans a corner)
    assert r.scores["hidden_print"]["span_mm"] < DEFAULT_CONFIG.hidden_min_span_mm
    assert marks_of(r) == SKEW_MARKS


@pytest.mark.parametrize(
    "damage",
    [
        "corners 0+2 26",  # opposite corners
        "corners 0+3 32",  # both on the left side: the table's frame between them shows
        "corners 2+3 30",  # both at the bottom, the bar between them showing
        "corners 0+1 26",  # both at the top, the code between them showing
    ],
)
def test_two_corners_dog_eared_read_without_a_person(printed: Printed, damage: str) -> None:
    """Two ordinary dog-ears are paper hidden at two places, each a corner's: the sheet
    reads as with one. (What was gone was measured over all the pieces together — two
    corners 190–280 mm apart — and the sheet was held as paper hidden: a folded-under
    bottom, a covered side, where the print between the corners is gone too, still is.)"""
    lay = printed.layouts["SY"]
    r = read(hidden_part(marked(printed.pages["SY"][3], lay, SKEW_KINDS, 64), damage), printed.ctx)
    assert r.status is SheetStatus.COUNTED, (r.reasons, r.scores.get("hidden_print"))
    got = r.scores["hidden_print"]
    assert len(got["stretches"]) == 2, got
    assert got["span_mm"] < DEFAULT_CONFIG.hidden_min_span_mm
    assert marks_of(r) == SKEW_MARKS


def bent(img: Gray, kind: str, mm: float) -> Gray:
    """A sheet bent in the feeder or on the glass: its middle displaced by ``mm`` down the
    page ("bulge": the rollers' speed varied) or across it ("curl"), or everything below the
    middle slipped by ``mm`` within a few millimetres ("slip")."""
    h, w = img.shape
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    d = mm * PPM
    if kind == "bulge":
        yy = yy - d * np.sin(np.pi * yy / h)
    elif kind == "curl":
        xx = xx - d * np.sin(np.pi * xx / w)
    else:
        yy = yy - d / (1 + np.exp(np.clip((0.5 * h - yy) / (1.5 * PPM), -50, 50)))
    return np.asarray(cv2.remap(img, xx, yy, cv2.INTER_LINEAR, borderValue=255), dtype=np.uint8)


@pytest.mark.parametrize("kind,mm", [("curl", 2.0), ("curl", -1.5)])
def test_a_sheet_bent_in_the_feeder_is_read_box_by_box(
    printed: Printed, kind: str, mm: float
) -> None:
    """The corner squares' map misses the middle of a bent sheet by more than the boxes
    check allows (it used to be refused): each box is found where it is and read there."""
    lay = printed.layouts["SY"]
    img = marked(printed.pages["SY"][0], lay, SKEW_KINDS, 43)
    r = read(scanned(bent(img, kind, mm), 0.7, 1.0, (1.0, -1.0)), printed.ctx)
    assert r.status is SheetStatus.COUNTED, (r.reasons, r.scores.get("local_shifts"))
    assert marks_of(r) == SKEW_MARKS
    local = r.scores["local_shifts"]
    assert local["max_shift_mm"] > DEFAULT_CONFIG.boxes_max_offset_mm  # the map alone missed
    assert r.scores["boxes_check"]["offset_p90_mm"] <= DEFAULT_CONFIG.boxes_max_offset_mm
    assert r.shifts is not None
    overlay = draw_overlay(img, r)  # the boxes drawn where they were read
    assert overlay.shape[:2] == img.shape


def test_a_bent_column_style_sheet_is_read_box_by_box(printed: Printed) -> None:
    lay = printed.layouts["CO"]
    kinds = {"c01.agree": "circle", "c02.disagree": "circle_open", "c03.abstain": "oval"}
    r = read(bent(marked(printed.pages["CO"][0], lay, kinds, 5), "bulge", 1.8), printed.ctx)
    assert r.status is SheetStatus.COUNTED, (r.reasons, r.scores.get("local_shifts"))
    assert r.scores["local_shifts"]["max_shift_mm"] > DEFAULT_CONFIG.boxes_max_offset_mm
    assert marks_of(r) == {
        "c01": Mark.AGREE,
        "c02": Mark.DISAGREE,
        "c03": Mark.ABSTAIN,
        "c04": Mark.ABSTAIN,
    }


def test_a_sheet_that_slipped_in_the_feeder_is_never_misread(printed: Printed) -> None:
    """Boxes where the sheet slipped are stretched: read where their own border confirms
    them, else shown to a person (never refused whole, never read wrong)."""
    lay = printed.layouts["SY"]
    img = marked(printed.pages["SY"][1], lay, SKEW_KINDS, 44)
    r = read(bent(img, "slip", 2.0), printed.ctx)
    assert r.status in (SheetStatus.COUNTED, SheetStatus.REVIEW), r.reasons
    assert "local_shifts" in r.scores
    for code, m in marks_of(r).items():
        assert m in (SKEW_MARKS[code], Mark.UNCLEAR), code


def bowed_stroke(
    a: tuple[float, float], b: tuple[float, float], sag: float, lean: float = 0.0
) -> NDArray[Any]:
    """A pen stroke from ``a`` to ``b`` (px) bowed to one side by ``sag`` × its length, its
    bow leaning towards ``b`` by ``lean`` (0: even; a hand's stroke bends most at its end)."""
    t = np.linspace(0.0, 1.0, 40)
    (ax, ay), (bx, by) = a, b
    length = math.hypot(bx - ax, by - ay)
    nx, ny = -(by - ay) / length, (bx - ax) / length
    off = sag * length * (np.sin(np.pi * t) - lean * np.sin(2 * np.pi * t))
    return np.column_stack([ax + (bx - ax) * t + nx * off, ay + (by - ay) * t + ny * off])


@pytest.mark.parametrize("sag1,sag2,lean", [(0.1, 0.09, 0.4), (0.12, -0.1, 0.3), (0.08, 0.08, 0.6)])
def test_a_cross_of_two_bowed_strokes_is_a_cross(
    printed: Printed, sag1: float, sag2: float, lean: float
) -> None:
    """A hand's × is often two bowed strokes, not two straight lines: with a fine pen the
    straight-line test left a tenth of the ink to a third "line" and sent it to a person. Its
    lines are followed as they bow; a ✓ or an open ○ drawn with such bows is still no ×."""
    lay = printed.layouts["SY"]
    img = printed.pages["SY"][0].copy()
    rng = np.random.default_rng(9)
    pen = corpus.Pen(0.4 * PPM, 20.0, 0.0)
    for code, kind in (("c01", "cross"), ("c02", "check"), ("c04", "open")):
        x0, y0, x1, y1 = box_px(next(c.boxes["mark"] for c in lay.candidates if c.code == code))
        cx, cy, a = (x0 + x1) / 2, (y0 + y1) / 2, 0.32 * (x1 - x0)
        if kind == "cross":
            paths = [
                bowed_stroke((cx - a, cy - a), (cx + a, cy + a), sag1, lean),
                bowed_stroke((cx + a, cy - a), (cx - a, cy + a), sag2, lean),
            ]
        elif kind == "check":  # two strokes meeting at the foot of the ✓
            foot = (cx - 0.2 * a, cy + a)
            paths = [
                bowed_stroke((cx - a, cy), foot, sag1, lean),
                bowed_stroke(foot, (cx + a, cy - a), sag2, lean),
            ]
        else:  # a ○ left open at the top, as two bowed halves meeting at its foot
            paths = [
                bowed_stroke((cx - 0.3 * a, cy - a), (cx, cy + a), 0.5),
                bowed_stroke((cx, cy + a), (cx + 0.3 * a, cy - a), 0.5),
            ]
        corpus.strokes(img, paths, pen, rng)
    r = read(img, printed.ctx)
    got, targets = marks_of(r), r.scores["targets"]
    assert got["c01"] is Mark.DISAGREE, targets["c01.mark"]
    assert targets["c01.mark"]["bowed_lines"] == 1.0  # the straight lines left too much
    assert got["c02"] is Mark.UNCLEAR, targets["c02.mark"]
    assert got["c04"] is not Mark.DISAGREE, targets["c04.mark"]


@pytest.fixture(scope="module")
def corpus_sheets(
    tmp_path_factory: pytest.TempPathFactory,
) -> tuple[list[corpus.Template], ReadContext]:
    """The accuracy benchmark's sheets (three of each contest, printed as it prints them):
    a page of its corpus is replayed as ``templates[page % 6]`` marked and scanned with
    ``np.random.default_rng([seed, page])``."""
    folder = tmp_path_factory.mktemp("rows")
    election = corpus.make_election(folder, 30, 16)
    templates = corpus.print_templates(election, 3, 300)
    db = open_election_file(election, "test")
    try:
        return templates, read_context(db, keep_images=False)
    finally:
        db.close()


@pytest.fixture(scope="module")
def rows_of_boxes(
    corpus_sheets: tuple[list[corpus.Template], ReadContext],
) -> tuple[corpus.Template, ReadContext]:
    """A ballot of 30 candidates in five rows of boxes (the benchmarks' election)."""
    return corpus_sheets[0][0], corpus_sheets[1]


def corpus_page(
    sheets: tuple[list[corpus.Template], ReadContext], seed: int, page: int, folder: Path
) -> tuple[PageResult, corpus.Truth]:
    """Page ``page`` of the accuracy benchmark's corpus ``seed``, scanned into ``folder`` and
    read as `bench.accuracy.run_page` reads it."""
    templates, ctx = sheets
    t = templates[page % len(templates)]
    rng = np.random.default_rng([seed, page])
    img, truth = corpus.mark_sheet(t, rng)
    scan = corpus.scan(img, t.dpi, rng, clean=t.gray)
    path = folder / f"p{page:06d}.{scan.ext}"
    path.write_bytes(scan.data)
    return process_page(load.PageRef(str(path), 1, 1), ctx), truth


@pytest.mark.parametrize("marks", [6, 12])
@pytest.mark.parametrize("sheet", [0, 3])  # symbol style, column style
def test_a_faintly_printed_ballot_marked_in_pen_is_no_back_with_writing(
    corpus_sheets: tuple[list[corpus.Template], ReadContext], sheet: int, marks: int
) -> None:
    """A ballot printed faintly (the toner running out: its print at a fifth of its
    darkness, broken by the toner's gaps) and marked in pen: the marks' ink, more than a
    blank back may hold, kept it from the look for a faintly printed ballot, and where a pen
    is the page's darkest, that look stretched from the pen and left the print too faint for
    its squares. Taken for a back with writing on it (or "scanned too light"), it dropped out
    of the count and held the ballot before it. It is read as a ballot, its marks held for a
    person (read with the contrast raised); its unmarked twin is counted, as before."""
    templates, ctx = corpus_sheets
    t = templates[sheet]
    rng = np.random.default_rng(5)
    cover = (255 - t.gray.astype(np.float32)) / 255 * 0.22
    h, w = t.gray.shape
    gaps = (rng.random((h // 2 + 1, w // 2 + 1)) > 0.3).astype(np.float32)
    cover *= 0.35 + 0.65 * np.repeat(np.repeat(gaps, 2, axis=0), 2, axis=1)[:h, :w]
    faint = (255 - cover * 255).astype(np.uint8)
    img = faint.copy()
    pen = np.random.default_rng(61)
    expect: dict[str, Mark] = {}
    for i, c in enumerate(t.layout.candidates[:marks]):
        said = ("agree", "disagree")[i % 2]
        if "mark" in c.boxes:
            kind, box = ("circle", "cross")[i % 2], c.boxes["mark"]
        else:
            kind, box = "circle", c.boxes[said]
        corpus.draw_kind(img, kind, corpus._px(box, t.ppm), t.ppm, pen)
        expect[c.code] = Mark(said)

    def scanned(page: Gray) -> Gray:
        out = cv2.GaussianBlur(page.astype(np.float32), (0, 0), 0.6).astype(np.float64)
        out = out + np.random.default_rng(10).normal(0, 2.0, out.shape)
        return np.clip(out, 0, 255).astype(np.uint8)

    r = read(scanned(img), ctx)
    assert r.code is not None and r.code.contest == t.contest, r.reasons
    if r.status is SheetStatus.COUNTED:
        # (its squares found as scanned — the election's random code drawn so that its
        # corner squares' and code's print survives the gaps: read as any ballot, no
        # contrast raised, every mark as the voter made it)
        assert "faint_print" not in r.scores and "second_look" not in r.scores
        assert dict(r.marks) == {c: expect.get(c, Mark.ABSTAIN) for c, _ in r.marks}
    else:
        assert r.status is SheetStatus.REVIEW and "faded_print" in r.reasons, r.reasons
        assert r.scores.get("faint_print") is True
        for code, got in r.marks:
            assert got in (expect.get(code, Mark.ABSTAIN), Mark.UNCLEAR), code
    plain = read(scanned(faint), ctx)
    assert plain.status is SheetStatus.COUNTED, plain.reasons
    assert all(m is Mark.ABSTAIN for _, m in plain.marks)


@pytest.mark.parametrize("sheet", [0, 3])  # symbol style, column style
def test_a_faint_streaky_marked_ballot_unread_is_refused_as_a_front_never_a_back(
    corpus_sheets: tuple[list[corpus.Template], ReadContext], sheet: int
) -> None:
    """A ballot printed faintly, broken by the toner's gaps, its right side (half its code)
    in a paler streak, and marked in pen: too faint to be read however stretched. It was
    taken for a back with writing on it — filed under "ballots' backs", the ballot before it
    held — and so dropped out of the count without a word that a ballot was not read. Its
    code, read the right way round on the page with its print evened out, says it is a
    ballot's front: refused as scanned too light, to be scanned again (never "turn it
    over"). The same page mirrored — a back with writing, its front's print showing
    through — is still a back with writing on it."""
    templates, ctx = corpus_sheets
    t = templates[sheet]
    code = read(t.gray, ctx).code
    assert code is not None
    h, w = t.gray.shape
    cover = (255 - t.gray.astype(np.float32)) / 255 * 0.22
    cover[:, round((t.layout.qr[0] + t.layout.qr[2]) / 2 * t.ppm) :] *= 0.3
    gaps = (np.random.default_rng(5).random((h // 2 + 1, w // 2 + 1)) > 0.3).astype(np.float32)
    cover *= 0.35 + 0.65 * np.repeat(np.repeat(gaps, 2, axis=0), 2, axis=1)[:h, :w]
    img = (255 - cover * 255).astype(np.uint8)
    pen = np.random.default_rng(61)
    for i, c in enumerate(t.layout.candidates[:8]):
        if "mark" in c.boxes:
            kind, box = ("circle", "cross")[i % 2], c.boxes["mark"]
        else:
            kind, box = "circle", c.boxes[("agree", "disagree")[i % 2]]
        corpus.draw_kind(img, kind, corpus._px(box, t.ppm), t.ppm, pen)
    out = cv2.GaussianBlur(img.astype(np.float32), (0, 0), 0.6).astype(np.float64)
    out = out + np.random.default_rng(10).normal(0, 2.0, out.shape)
    scan = np.clip(out, 0, 255).astype(np.uint8)
    r = read(scan, ctx)
    assert r.reasons == ("scanned_too_light",), r.reasons
    assert r.scores["too_light"] == {"serial": code.serial, "print_evened": True}
    back = read(np.ascontiguousarray(scan[:, ::-1]), ctx)
    assert back.reasons == ("writing_on_back",), back.reasons


@pytest.mark.parametrize("seed,page,code", [(2, 373, "c08"), (2, 379, "c20")])
def test_a_big_ring_running_onto_the_rule_below_its_box_is_no_mark_beside_it(
    corpus_sheets: tuple[list[corpus.Template], ReadContext],
    seed: int,
    page: int,
    code: str,
    tmp_path: Path,
) -> None:
    """Two sheets of the accuracy corpus: a ○ larger than its box whose arc runs onto the
    printed rule below it closes a sliver of paper between arc and rule — not the round hole
    of a small ○ of its own drawn beside the box (it was taken for one)."""
    r, truth = corpus_page(corpus_sheets, seed, page, tmp_path)
    assert truth.beside is None and truth.candidates[code] == "circle_big"
    assert "beside_boxes" not in r.scores, r.scores.get("beside_boxes")


@pytest.mark.parametrize("kind", ["cross", "tick", "circle"])
def test_a_mark_drawn_above_a_box_against_the_rule_over_it_is_found(
    rows_of_boxes: tuple[corpus.Template, ReadContext], kind: str, tmp_path: Path
) -> None:
    """A small ×, ✓ or ○ drawn above an empty box, in the few millimetres between the box
    and the rule over its cell, touching that rule or across it: a piece along a cell's
    border was taken for the border's (a fold's warp, a stroke poking in from the next
    cell) and the sheet counted, abstaining on that candidate without a word. Along a
    rule across the table, between two rows or over the top one, the rule's own line is
    taken away and the stroke looked at: the sheet goes to a person, the cell below named."""
    t, ctx = rows_of_boxes
    lay, ppm = t.layout, t.ppm
    cells = lay.extra["cells"]
    rows = sorted({c.boxes["mark"][1] for c in lay.candidates})
    img = t.gray.copy()
    rng = np.random.default_rng(5)
    chosen = []
    for r_i in (0, 1):  # the top row (blank paper above the table) and the second
        c = next(c for c in lay.candidates if c.boxes["mark"][1] == rows[r_i])
        chosen.append(c.code)
        x0, _, x1, _ = c.boxes["mark"]
        top = cells[c.code]["cell"][1]
        assert r_i > 0 or cells[c.code]["clear_above"] >= 3.0
        cx, cy = (x0 + x1) / 2 * ppm, (top + 1.0) * ppm  # 1 mm below the rule
        a = 1.4 * ppm
        if kind == "cross":
            paths = [
                corpus.line_path(cx - a, cy - a, cx + a, cy + a, rng, 0.0),
                corpus.line_path(cx + a, cy - a, cx - a, cy + a, rng, 0.0),
            ]
        elif kind == "tick":
            paths = [np.array([(cx - a, cy), (cx - 0.2 * a, cy + a), (cx + 1.4 * a, cy - 1.6 * a)])]
        else:
            th = np.linspace(0, 2.05 * math.pi, 80)
            paths = [np.stack([cx + a * np.cos(th), cy + a * np.sin(th)], axis=1)]
        corpus.strokes(img, paths, corpus.Pen(0.5 * ppm, 25.0, 0.0), rng)
    path = tmp_path / "p.png"
    cv2.imwrite(str(path), img)
    r = process_page(load.PageRef(str(path), 1, 1), ctx)
    assert r.status is SheetStatus.REVIEW and "mark_beside_box" in r.reasons, r.reasons
    assert set(r.scores["beside_boxes"]) == set(chosen), r.scores["beside_boxes"]
    assert all(m is Mark.ABSTAIN for m in dict(r.marks).values())


def test_a_blank_sheet_of_rows_of_boxes_has_no_mark_beside_them(
    rows_of_boxes: tuple[corpus.Template, ReadContext], tmp_path: Path
) -> None:
    """The rules across the table, over each row of cells, are print: not marks."""
    t, ctx = rows_of_boxes
    path = tmp_path / "p.png"
    cv2.imwrite(str(path), t.gray)
    r = process_page(load.PageRef(str(path), 1, 1), ctx)
    assert r.status is SheetStatus.COUNTED and "beside_boxes" not in r.scores, r.reasons


@pytest.mark.parametrize("seed,page,code", [(3, 80, "c05"), (3, 233, "c16"), (2, 796, "c11")])
def test_a_slip_of_the_pen_along_or_across_a_rule_over_a_cell_is_no_mark_beside_it(
    corpus_sheets: tuple[list[corpus.Template], ReadContext],
    seed: int,
    page: int,
    code: str,
    tmp_path: Path,
) -> None:
    """Sheets of the accuracy corpus with a stray pen line near a box, by the rule across the
    table over or under it: a felt-tip's along the rule on a sheet scanned turned (the ways
    along and across the rule were taken as on an upright sheet), one lying on the rule (its
    stubs left when the rule was taken away), one crossing it from the row above (its stub
    below the rule judged alone). A stroke is no mark beside the box: the sheet is not held
    for it."""
    r, truth = corpus_page(corpus_sheets, seed, page, tmp_path)
    assert truth.beside is None and truth.candidates.get(code) != "circle"
    assert "beside_boxes" not in r.scores, r.scores.get("beside_boxes")


def test_a_broad_pens_scribble_is_no_bowed_cross(
    corpus_sheets: tuple[list[corpus.Template], ReadContext], tmp_path: Path
) -> None:
    """A sheet of the accuracy corpus (seed 6, page 476): a felt-tip scribble whose strokes,
    thinned, passed the cross tests on lines followed as they bow (one line holding two
    thirds of the ink, crossing near an end, far off the diagonals) — a confident × on a
    scribble. Bowed lines are never looked for on a broad pen's thinned strokes, and held to
    stricter margins elsewhere: it goes to a person."""
    r, truth = corpus_page(corpus_sheets, 6, 476, tmp_path)
    assert truth.candidates["c12"] == "scribble"
    assert dict(r.marks)["c12"] is Mark.UNCLEAR, r.scores["targets"]["c12.mark"]


def test_a_scribble_of_overlapping_strokes_is_no_small_cross(
    corpus_sheets: tuple[list[corpus.Template], ReadContext], tmp_path: Path
) -> None:
    """A sheet of the accuracy corpus (seed 2, page 734): a scribble whose overlapping
    strokes measure 1.4 mm wide — by a small ×'s density limit (what its two strokes would
    fill) it passed for a confident ×. That limit holds only for strokes a pen's width."""
    r, truth = corpus_page(corpus_sheets, 2, 734, tmp_path)
    assert truth.candidates["c24"] == "scribble"
    assert dict(r.marks)["c24"] is Mark.UNCLEAR, r.scores["targets"]["c24.mark"]


@pytest.mark.parametrize("mm,at", [(1.3, 0.5), (-1.3, 0.3)])
def test_a_sheet_that_slipped_through_a_row_of_boxes_is_read(
    rows_of_boxes: tuple[corpus.Template, ReadContext], mm: float, at: float
) -> None:
    """The slip runs through the second row of boxes: they are stretched, their outlines
    match best part of the slip away from their top borders, and the sheet failed the boxes
    check (it was refused). Each box is then read where its own borders are: the sheet is
    read, and not one mark wrong."""
    t, ctx = rows_of_boxes
    lay = t.layout
    img, truth = corpus.mark_sheet(t, np.random.default_rng(3))
    row = sorted({c.boxes["mark"][1] for c in lay.candidates})[1]
    b = next(c.boxes["mark"] for c in lay.candidates if c.boxes["mark"][1] == row)
    h, w = img.shape
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    line, soft = (b[1] + at * (b[3] - b[1])) * t.ppm, 4.0 * t.ppm
    yy -= np.float32(mm * t.ppm) / (1 + np.exp(np.clip((line - yy) / soft, -60, 60)))
    slipped = cv2.remap(img, xx, yy, cv2.INTER_LINEAR, borderMode=cv2.BORDER_REPLICATE)
    r = read_image(np.asarray(slipped, dtype=np.uint8), ctx)
    assert r.status is not SheetStatus.REJECTED, (r.reasons, r.scores.get("local_shifts"))
    assert r.scores["local_shifts"]["boxes_refined"] >= 1
    assert r.scores["boxes_check"]["offset_p90_mm"] <= DEFAULT_CONFIG.boxes_max_offset_mm
    got = {code: str(m) for code, m in r.marks}
    for code, kind in truth.candidates.items():
        assert got[code] in (corpus.expected_symbol(kind), "unclear"), (code, kind)
    clear = [c for c, k in truth.candidates.items() if corpus.expected_symbol(k) != "unclear"]
    assert sum(got[c] == "unclear" for c in clear) <= 6  # the stretched row, at most


def test_without_its_code_a_sheet_missing_squares_is_refused(printed: Printed) -> None:
    lay = printed.layouts["SY"]
    img = marked(printed.pages["SY"][1], lay, SKEW_KINDS, 23)
    x0, y0, x1, y1 = (round(v * PPM) for v in lay.qr)
    img[y0 - 3 : y1 + 3, x0 - 3 : x1 + 3] = 255  # the code torn off
    r = read(scanned(img, 5.0, 1.0, (0.0, 0.0), pad_mm=0.0), printed.ctx)
    assert r.status is SheetStatus.REJECTED
    assert r.reasons[0] in ("no_registration", "code_unreadable", "corner_off_image")
    assert not r.marks


def test_a_start_map_is_fitted_to_the_boxes_or_refused(printed: Printed) -> None:
    """`boxgrid.refine` brings a start map a few millimetres off onto the printed boxes; it
    refuses a start map a whole row off (the squares it came from would move) and a page
    whose boxes cannot be seen."""
    from huanjie_desktop.recognition import boxgrid

    lay = printed.layouts["SY"]
    img = marked(printed.pages["SY"][0], lay, SKEW_KINDS, 24)
    good = read(img, printed.ctx)
    assert good.registration is not None
    reg = good.registration
    g = reg.geometry
    anchors = tuple((*g.centres[k], *reg.points[k]) for k in (0, 4))  # TL and the cue square

    def start(dx: float, dy: float, turn_deg: float) -> register.Registration:
        c, s = math.cos(math.radians(turn_deg)), math.sin(math.radians(turn_deg))
        tl = np.array([[1, 0, g.centres[0][0]], [0, 1, g.centres[0][1]], [0, 0, 1.0]])
        rot = np.array([[c, -s, dx], [s, c, dy], [0, 0, 1.0]])
        m = reg.matrix() @ tl @ rot @ np.linalg.inv(tl)
        return replace(
            reg,
            h=tuple(float(v) for v in m.ravel()),
            measured=(True, False, False, False, True),
            anchors=anchors,
        )

    def at(r: register.Registration, b: Box) -> np.ndarray:
        return np.array(r.to_px((b[0] + b[2]) / 2, (b[1] + b[3]) / 2))

    boxes = boxgrid.layout_boxes(lay)
    fitted = boxgrid.refine(img, start(0.3, 0.4, 0.6), lay, DEFAULT_CONFIG)
    assert isinstance(fitted, register.Registration), fitted
    worst = max(float(np.hypot(*(at(fitted, b) - at(reg, b)))) for b in boxes) / PPM
    assert worst < 0.2  # mm: the boxes where the whole page's map puts them
    # a start map one box along (to the neighbouring box), as a row's boxes would match
    one_along = boxes[1][0] - boxes[0][0]
    assert one_along > 10
    off = boxgrid.refine(img, start(one_along, 0.0, 0.0), lay, DEFAULT_CONFIG)
    assert isinstance(off, register.RegistrationProblem)
    blank = img.copy()
    for b in boxes:
        x0, y0, x1, y1 = (round(v) for v in box_px(b))
        blank[y0 - 4 : y1 + 4, x0 - 4 : x1 + 4] = 255
    gone = boxgrid.refine(blank, start(0.3, 0.4, 0.6), lay, DEFAULT_CONFIG)
    assert isinstance(gone, register.RegistrationProblem)
    assert gone.detail.startswith("corner squares missing")


@pytest.mark.parametrize("flip", ["left-right", "top-bottom"])
def test_a_mirrored_image_is_refused(printed: Printed, flip: str) -> None:
    lay = printed.layouts["SY"]
    img = marked(printed.pages["SY"][0], lay, {"c01": "circle", "c03": "cross"}, 3)
    mirrored = np.ascontiguousarray(np.fliplr(img) if flip == "left-right" else np.flipud(img))
    r = read(mirrored, printed.ctx)
    assert r.status is SheetStatus.REJECTED
    assert r.reasons[0] == "mirrored", r.reasons
    assert not r.marks


def test_lookalike_squares_turned_against_the_code_are_not_a_mirror(printed: Printed) -> None:
    """A sheet whose corner squares are all past the scan's window (a turned A3 column-style
    ballot in a tight window) left five square-ish pieces of print (bold headings; here,
    blots of ink) that stood as the layout's squares at about half the page's size, turned
    against the code: the page was refused as "mirrored" (图像是镜像的) and the counter sent
    to the scanner's mirror setting. The code's own size says those squares are not the
    page's: the page is read from its code and boxes, as a sheet cut by the window is."""
    lay = printed.layouts["CO"]
    kinds = {"c01.agree": "circle", "c02.disagree": "circle", "c03.abstain": "circle"}
    img = marked(printed.pages["CO"][0], lay, kinds, 7)
    g = register.FiducialGeometry.from_layout(lay)
    s, at = 0.45, (105.0, 237.0)  # the blots' scale, and their middle (mm): below the table
    mid = (g.paper_w / 2, g.paper_h / 2)
    for mx, my in g.centres:  # turned a quarter (layout x down the page, y leftwards)
        cx, cy = at[0] - s * (my - mid[1]), at[1] + s * (mx - mid[0])
        half = s * g.size_mm / 2
        x0, y0, x1, y1 = (round(v * PPM) for v in (cx - half, cy - half, cx + half, cy + half))
        img[y0:y1, x0:x1] = 0
    cut = img[round(14 * PPM) : round(283 * PPM)]  # the squares' rows past the window
    r = read(np.ascontiguousarray(cut), printed.ctx)
    assert r.reasons != ("mirrored",), r.scores.get("qr")
    # (read from its code and boxes; the blots, ink outside the table, shown to a person)
    assert r.status is SheetStatus.REVIEW, (r.reasons, r.scores.get("registration"))
    assert r.reasons == ("writing_elsewhere",), r.reasons
    assert r.scores["registration"].get("from_code") == 1.0
    assert marks_of(r) == {
        "c01": Mark.AGREE,
        "c02": Mark.DISAGREE,
        "c03": Mark.ABSTAIN,
        "c04": Mark.ABSTAIN,
    }


def test_boxes_away_from_where_the_squares_put_them_refuse_the_page(printed: Printed) -> None:
    """A map that misses the printed boxes (a wrong square, a warped sheet) is caught by the
    boxes themselves: their borders are not where it says."""
    from huanjie_desktop.recognition.pipeline import read_targets
    from huanjie_desktop.recognition.register import Overview, Registration

    lay = printed.layouts["SY"]
    img = marked(printed.pages["SY"][0], lay, {"c01": "circle", "c02": "cross"}, 4)
    good = read(img, printed.ctx)
    assert good.status is SheetStatus.COUNTED and good.registration is not None
    assert good.scores["boxes_check"]["offset_p90_mm"] <= 0.15
    reg = good.registration
    info = next(i for (c, _), i in printed.ctx.rounds.items() if c == "SY")
    white = Overview.of(img, DEFAULT_CONFIG, 297.0).white

    def shifted(dx: float, dy: float) -> Registration:  # the map moved by (dx, dy) mm
        m = reg.matrix() @ np.array([[1.0, 0, dx], [0, 1.0, dy], [0, 0, 1.0]])
        return replace(reg, h=tuple(float(v) for v in m.ravel()))

    for shift_mm in (0.8, -0.6):
        r = read_targets(img, shifted(shift_mm, shift_mm), info, white, DEFAULT_CONFIG, {})
        assert r.status is SheetStatus.REJECTED and r.reasons == ("boxes_misplaced",), r.scores.get(
            "boxes_check"
        )
    r = read_targets(img, shifted(0.1, -0.1), info, white, DEFAULT_CONFIG, {})
    assert r.status is SheetStatus.COUNTED and marks_of(r) == marks_of(good)


def test_blank_back_page_and_not_a_ballot(printed: Printed) -> None:
    rng = np.random.default_rng(1)
    blank = np.clip(rng.normal(245, 3, (1754, 1240)), 0, 255).astype(np.uint8)
    r = read(blank, printed.ctx)
    assert r.status is SheetStatus.REJECTED and r.reasons == ("blank_page",)
    photo = np.asarray(
        cv2.GaussianBlur(rng.integers(0, 255, (1200, 900)).astype(np.uint8), (0, 0), 8),
        dtype=np.uint8,
    )
    lo, hi = int(photo.min()), int(photo.max())
    photo = ((photo.astype(np.float32) - lo) * (255 / max(1, hi - lo))).astype(np.uint8)
    r = read(photo, printed.ctx)
    assert r.status is SheetStatus.REJECTED
    assert r.reasons[0] in ("no_registration", "registration_implausible", "code_unreadable")


@pytest.mark.parametrize("streak", ["column", "row", "both"])
def test_a_blank_back_with_a_scanner_streak_or_a_crease_is_a_blank_page(
    printed: Printed, streak: str
) -> None:
    """A speck on the scanner's glass draws a line down every page; a fold, one across it.
    On a blank back that line is no print: the page is skipped as a blank back, not refused as
    a ballot whose squares cannot be found."""
    rng = np.random.default_rng(4)
    blank = np.clip(rng.normal(212, 3, (1754, 1240)), 0, 255).astype(np.uint8)
    if streak in ("column", "both"):
        blank[:, 590:594] = 110
    if streak in ("row", "both"):
        blank[900:904, :] = 115
    r = read(blank, printed.ctx)
    assert r.status is SheetStatus.REJECTED and r.reasons == ("blank_page",), r.reasons
    assert "show_through" not in r.scores  # (no ballot seen in a line across it)


def test_a_blank_back_folded_in_four_and_fed_askew_is_a_blank_page(
    corpus_sheets: tuple[list[corpus.Template], ReadContext], tmp_path: Path
) -> None:
    """A blank back of the accuracy corpus (seed 11, page 519: folded in four, dark creases,
    fed 2.5° askew at 200 dpi): the creases, slanting across rows and columns and dark in
    dashes, were taken for print — neither blank nor a ballot, it was refused as one whose
    squares cannot be found. Long straight lines at any slant are no print: a blank back."""
    templates, ctx = corpus_sheets
    rng = np.random.default_rng([11, 519])
    t = templates[519 % len(templates)]
    scan = corpus.scan(np.full_like(t.gray, 255), t.dpi, rng, clean=None)
    assert scan.meta.get("folded") and abs(float(scan.meta["angle"])) > 2.0, scan.meta
    path = tmp_path / f"back.{scan.ext}"
    path.write_bytes(scan.data)
    r = process_page(load.PageRef(str(path), 1, 1), ctx)
    assert r.status is SheetStatus.REJECTED and r.reasons == ("blank_page",), r.reasons
    assert float(r.scores["dark_share"]) > ctx.config.blank_max_dark_share
    # (a ballot's front, its squares lost, with as little print as a back folded so — one
    # candidate's cell of the table left, the rest cut away — is no blank back: its name is
    # writing to the look for writing on a back; refused, never skipped)
    front = np.full_like(t.gray, 255)
    x0, y0, x1, y1 = (round(v * t.ppm) for v in t.layout.extra["cells"]["c03"]["cell"])
    front[y0:y1, x0:x1] = t.gray[y0:y1, x0:x1]
    scan = corpus.scan(front, t.dpi, np.random.default_rng([11, 519]), clean=None)
    path.write_bytes(scan.data)
    r = process_page(load.PageRef(str(path), 1, 1), ctx)
    assert r.status is SheetStatus.REJECTED and r.reasons != ("blank_page",), r.reasons


def test_a_blank_back_folded_in_four_is_blank_where_its_creases_cross(
    corpus_sheets: tuple[list[corpus.Template], ReadContext], tmp_path: Path
) -> None:
    """A blank back of the accuracy corpus (seed 15, page 119: folded in four, creases and
    shadows dark just short of a pen's, 200 dpi, turned a quarter): noise broke the creases
    into dashes, found as lines only in stretches; where the two cross, their shadows add up
    to a solid L short of a long line, and with the crease's dashes beside it it was taken for
    writing on the back — its front held for a person. What lies wholly on a crease found on
    both sides of it, running through it, is the fold: a blank back. A name written across
    the creases' crossing, or beside it, is writing all the same."""
    templates, ctx = corpus_sheets
    rng = np.random.default_rng([15, 119])
    t = templates[119 % len(templates)]
    scan = corpus.scan(np.full_like(t.gray, 255), t.dpi, rng, clean=None)
    assert scan.meta.get("folded") and scan.meta.get("dpi") == 200, scan.meta
    path = tmp_path / f"back.{scan.ext}"
    path.write_bytes(scan.data)
    r = process_page(load.PageRef(str(path), 1, 1), ctx)
    assert r.status is SheetStatus.REJECTED and r.reasons == ("blank_page",), (
        r.reasons,
        r.scores.get("back_writing"),
    )
    # (the creases are the darkest row and column away from the edges: they cross there)
    page: Gray = np.asarray(
        cv2.imdecode(np.frombuffer(scan.data, np.uint8), cv2.IMREAD_GRAYSCALE), dtype=np.uint8
    )
    h, w = page.shape
    ppm = 200 / 25.4
    cx = w // 4 + int(np.argmin(page[:, w // 4 : 3 * w // 4].mean(axis=0)))
    cy = h // 4 + int(np.argmin(page[h // 4 : 3 * h // 4].mean(axis=1)))
    for dx, dy in [(0.0, -2.5), (-6.0, 4.0)]:
        written = page.copy()
        x, y = cx + dx * ppm, cy + dy * ppm  # (a name 24 × 9 mm)
        corpus.write_name(
            written, (x - 12 * ppm, y - 4.5 * ppm, x + 12 * ppm, y + 4.5 * ppm), ppm, rng
        )
        path = tmp_path / f"written{dx}.png"
        cv2.imwrite(str(path), written)
        r = process_page(load.PageRef(str(path), 1, 1), ctx)
        assert r.status is SheetStatus.REJECTED and r.reasons == ("writing_on_back",), (
            r.reasons,
            r.scores.get("back_writing"),
        )


@pytest.mark.parametrize("level,noise", [(0.5, 3.0), (0.4, 3.0), (0.6, 0.1)])
def test_a_blank_back_in_a_shadow_is_a_blank_page(
    printed: Printed, level: float, noise: float
) -> None:
    """Half of it darker than the other: dark, not a page whose squares cannot be found —
    nor a page with no paper to be seen, even from a scanner with next to no noise (its
    shadow one flat tone: a benchmark page showed it)."""
    rng = np.random.default_rng(2)
    blank = np.clip(rng.normal(245, noise, (1754, 1240)), 0, 255).astype(np.uint8)
    r = read(_shaded(blank, level, 0.45, 12.0), printed.ctx)
    assert r.status is SheetStatus.REJECTED and r.reasons == ("blank_page",), r.reasons
    assert "show_through" not in r.scores  # (nor in a shadow)


def test_a_faded_ballot_is_not_taken_for_a_blank_back(printed: Printed) -> None:
    # Print squeezed into 125..230 and dimmed: its thin text is lighter than what makes a page
    # "not blank". Skipped as a blank back, the ballot would be lost; it is looked at again
    # with its contrast raised, and read — and held for a person, who checks its marks: the
    # stretch that brings faint print up to black brings a voter's faint pencil up with it.
    lay = printed.layouts["SY"]
    img = marked(printed.pages["SY"][3], lay, {"c01": "circle", "c02": "cross"}, 8)
    faded = ((125 + img.astype(np.float32) * (105 / 255)) * 0.85).astype(np.uint8)
    faded = np.asarray(cv2.GaussianBlur(faded, (0, 0), 1.0), dtype=np.uint8)
    r = read(faded, printed.ctx)
    assert r.status is SheetStatus.REVIEW and r.reasons == ("faded_print",), r.reasons
    assert r.scores["second_look"]["after"] == "blank_page"
    assert marks_of(r)["c01"] is Mark.AGREE and marks_of(r)["c02"] is Mark.DISAGREE


def test_a_back_page_showing_its_front_through_stays_blank(printed: Printed) -> None:
    # Duplex scanning: the back of a ballot shows the front faintly, mirrored. It is a blank
    # back (nothing to count), not a ballot to read nor a page to refuse.
    front = printed.pages["SY"][0].astype(np.float32)
    back = 245 - (245 - front[:, ::-1]) * 0.12
    rng = np.random.default_rng(2)
    page: Gray = np.clip(back + rng.normal(0, 2, back.shape), 0, 255).astype(np.uint8)
    r = read(page, printed.ctx)
    assert r.status is SheetStatus.REJECTED and r.reasons == ("blank_page",)
    # (which ballot shows through it, read from its code flipped over: the scan decides
    # from the pages around it whether this is that ballot's back or the ballot fed face down)
    assert r.scores["show_through"]["serial"] == printed.serials["SY"][0], r.scores


@pytest.mark.parametrize("contrast", [0.05, 0.035])
def test_a_front_scanned_far_too_light_is_said_so_never_face_down(
    printed: Printed, contrast: float
) -> None:
    """A ballot scanned with the scanner's brightness at its top (its print 5 % grey): too
    faint to be read, taken for a back showing a ballot through — and, that ballot being
    itself, refused as "fed face down, scan it face up": a counter turns it over and scans
    its blank back. It shows its print the right way round, as no back does: "scanned too
    light". The same print mirrored (a back) is still a back."""
    front = printed.pages["SY"][0].astype(np.float32)
    rng = np.random.default_rng(3)
    for mirrored in (False, True):
        shown = front[:, ::-1] if mirrored else front
        page = np.clip(250 - (250 - shown) * contrast + rng.normal(0, 1.5, shown.shape), 0, 255)
        r = read(page.astype(np.uint8), printed.ctx)
        assert r.status is SheetStatus.REJECTED
        if mirrored:
            assert r.reasons == ("blank_page",), r.reasons
            assert r.scores["show_through"]["serial"] == printed.serials["SY"][0], r.scores
        else:
            assert r.reasons == ("scanned_too_light",), r.reasons
            assert r.scores["too_light"]["serial"] == printed.serials["SY"][0], r.scores
            assert "show_through" not in r.scores  # (no back: never "fed face down")


@pytest.mark.parametrize(
    "part",
    ["foot 100 mm, turned over", "foot 150 mm, turned over", "top 100 mm missing", "left half"],
)
def test_part_of_a_ballot_is_refused_to_be_scanned_again_never_taken_for_a_back(
    printed: Printed, part: str
) -> None:
    """A sheet fed upside down that jams leaves an image of its foot turned over: the two
    squares and the bar, white paper between — skipped as a blank back, "not a missing
    ballot". A scan that started late loses the top with the code: the table's rules and
    marks were taken for writing on a back, and the ballot before it held as its front.
    Either shows two of a ballot's corner squares: part of a front, to be scanned again."""
    lay = printed.layouts["SY"]
    img = marked(printed.pages["SY"][2], lay, {"c01": "circle", "c02": "cross", "c04": "circle"})
    h, w = img.shape
    if part.startswith("foot"):
        got = round(int(part.split()[1]) * PPM)
        page = np.ascontiguousarray(img[h - got :][::-1, ::-1])
    elif part.startswith("top"):
        page = np.ascontiguousarray(img[round(100 * PPM) :])
    else:
        page = np.ascontiguousarray(img[:, : w // 2])
    r = read(page, printed.ctx)
    assert r.status is SheetStatus.REJECTED and r.reasons == ("part_of_ballot",), (
        r.reasons,
        r.scores.get("back_writing"),
    )
    assert not r.marks and r.code is None
    found = r.scores["ballot_part"]  # (two corner squares, as far apart as along an edge)
    assert abs(found["apart_mm"] - found["edge_mm"]) < 0.03 * found["edge_mm"], found
    assert "show_through" not in r.scores and "back_writing" not in r.scores


@pytest.mark.parametrize("through", [0.12, 0.3, 0.5])
def test_a_back_with_its_front_showing_through_strongly_is_no_part_of_a_ballot(
    printed: Printed, through: float
) -> None:
    """Thin paper shows the front's squares through it, mirrored: lighter than print, they
    make no part of a front — the page stays a back (and says which ballot shows through)."""
    front = printed.pages["SY"][0].astype(np.float32)
    back = 245 - (245 - front[:, ::-1]) * through
    rng = np.random.default_rng(6)
    page: Gray = np.clip(back + rng.normal(0, 2, back.shape), 0, 255).astype(np.uint8)
    r = read(page, printed.ctx)
    assert r.status is SheetStatus.REJECTED, r.reasons
    assert r.reasons != ("part_of_ballot",) and "ballot_part" not in r.scores
    assert r.reasons == ("blank_page",) or through > 0.2, r.reasons


@pytest.mark.parametrize("what", ["three", "ring", "hair", "dust"])
def test_a_single_number_written_big_on_a_back_is_writing_a_hair_is_not(
    printed: Printed, what: str
) -> None:
    """A '3' ten millimetres tall in pen on a ballot's back — one stroke, where writing was
    two pieces or more near each other — was a blank back, its front counted; so was a big
    ○. A hair on the scanner's glass, as long but a tenth as wide, and dust stay a blank back."""
    front = printed.pages["SY"][1].astype(np.float32)
    back = 245 - (245 - front[:, ::-1]) * 0.1
    rng = np.random.default_rng(3)
    page: Gray = np.clip(back + rng.normal(0, 2, back.shape), 0, 255).astype(np.uint8)
    cx, cy = 105 * PPM, 200 * PPM
    if what == "three":
        rad = 2.5 * PPM
        t1, t2 = (
            np.linspace(-0.8 * math.pi, math.pi / 2, 30),
            np.linspace(-math.pi / 2, 0.8 * math.pi, 30),
        )
        path = np.vstack(
            [
                np.stack([cx + rad * np.cos(t1), cy + rad + rad * np.sin(t1)], axis=1),
                np.stack([cx + rad * np.cos(t2), cy + 3 * rad + rad * np.sin(t2)], axis=1),
            ]
        )
        corpus.strokes(page, [path], corpus.Pen(0.5 * PPM, 20.0, 0.0), rng)
    elif what == "ring":
        t = np.linspace(0, 2.05 * math.pi, 80)
        path = np.stack([cx + 4 * PPM * np.cos(t), cy + 3.5 * PPM * np.sin(t)], axis=1)
        corpus.strokes(page, [path], corpus.Pen(0.5 * PPM, 20.0, 0.0), rng)
    elif what == "hair":
        t = np.linspace(0, 1, 60)
        pts = np.stack([cx + 25 * PPM * t, cy + 6 * PPM * np.sin(5 * t)], axis=1)
        cv2.polylines(page, [np.round(pts).astype(np.int32)], False, 60, 1, cv2.LINE_AA)
    else:
        for _ in range(30):
            x, y = (
                int(rng.integers(60, page.shape[1] - 60)),
                int(rng.integers(60, page.shape[0] - 60)),
            )
            cv2.circle(page, (x, y), 1, 50, -1)
    r = read(page, printed.ctx)
    want = ("writing_on_back",) if what in ("three", "ring") else ("blank_page",)
    assert r.status is SheetStatus.REJECTED and r.reasons == want, (
        r.reasons,
        r.scores.get("back_writing"),
    )


def _render_with_payload(
    printed: Printed, contest: str, payload: str, serial: str, folder: Path
) -> Gray:
    with open_election_file(printed.path, "测试员") as db:
        plan = plan_ballot(ballot_spec(db, contest, 1))
    pdf = folder / f"forged-{serial}.pdf"
    render_ballots(plan, [payload], [serial], pdf)
    return render(pdf)[0]


def test_forged_and_stale_codes_are_refused(printed: Printed, tmp_path: Path) -> None:
    with open_election_file(printed.path, "测试员") as db:
        fp = round_fingerprint(db, "SY", 1)
        key = ballot_key(db)
    forged = BallotCode(fp, "SY", 1, BallotStyle.SYMBOL, False, "ABCDEFGHIJ").encode(b"x" * 32)
    r = read(_render_with_payload(printed, "SY", forged, "ABCDEFGHIJ", tmp_path), printed.ctx)
    assert r.status is SheetStatus.REJECTED and r.reasons == ("code_forged",)
    stale = BallotCode("0" * 12, "SY", 1, BallotStyle.SYMBOL, False, "ABCDEFGHIK").encode(key)
    r = read(_render_with_payload(printed, "SY", stale, "ABCDEFGHIK", tmp_path), printed.ctx)
    assert r.status is SheetStatus.REJECTED and r.reasons == ("wrong_fingerprint",)


def test_a_ballot_of_another_file_on_other_paper_is_refused_as_that(
    printed: Printed, crowded: tuple[ReadContext, BallotLayout, Gray]
) -> None:
    """An A4 ballot printed by another election file, scanned into a file whose ballots are
    all A3, was refused as part of a ballot ('find this sheet, flatten it and scan it
    again' — and again, the same): its squares fit no paper size of the file, two of them
    as far apart as an A3 sheet's. Its code, read on the whole page, says what it is; and
    a ballot of a round this copy of the file has not got (the same key) is said to be
    that. The other way round (an A3 ballot into an A4 file) it always was."""
    a3_ctx, a3_lay, a3_page = crowded
    a4_page = printed.pages["SY"][0]
    a4_lay = printed.layouts["SY"]
    assert (a4_lay.paper_w, a4_lay.paper_h) != (a3_lay.paper_w, a3_lay.paper_h)
    assert all(
        (i.layout.paper_w, i.layout.paper_h) == (a3_lay.paper_w, a3_lay.paper_h)
        for i in a3_ctx.rounds.values()
    )
    r = read(a4_page, a3_ctx)
    assert r.status is SheetStatus.REJECTED and r.reasons == ("code_forged",), r.reasons
    r = read(a3_page, printed.ctx)
    assert r.status is SheetStatus.REJECTED and r.reasons == ("code_forged",), r.reasons
    # (a copy of the file the A4 ballot was printed by, without its round: same key)
    r = read(a4_page, replace(a3_ctx, key=printed.ctx.key))
    assert r.status is SheetStatus.REJECTED and r.reasons == ("unknown_round",), r.reasons
    assert r.code is not None and (r.code.contest, r.code.round) == ("SY", 1)


def test_test_ballot_is_read_but_refused(printed: Printed) -> None:
    lay = printed.layouts["SY"]
    r = read(marked(printed.pages["SY-test"][0], lay, {"c01": "circle"}), printed.ctx)
    assert r.status is SheetStatus.REJECTED and r.reasons == ("test_ballot",)
    assert marks_of(r)["c01"] is Mark.AGREE  # a rehearsal can still check the reading


@pytest.mark.parametrize(
    ("ink", "paper"),
    [
        ((60, 50, 225), (205, 240, 250)),  # a red pen on cream paper (BGR)
        ((170, 90, 40), (235, 235, 235)),  # a blue ballpoint on grey-white paper
        ((200, 120, 60), (150, 230, 250)),  # a blue pen on yellow paper
        ((160, 50, 30), (110, 232, 255)),  # a blue ballpoint on canary paper
        ((60, 50, 225), (228, 222, 252)),  # a red gel pen on pink paper
        ((200, 95, 60), (150, 230, 250)),  # a light-blue pen on yellow paper
        ((180, 40, 120), (248, 250, 250)),  # a violet gel pen on white paper
    ],
)
def test_colour_scan_with_coloured_ink(
    printed: Printed, tmp_path: Path, ink: tuple[int, int, int], paper: tuple[int, int, int]
) -> None:
    # A pen's colour is taken as dark as its darkest channel: a red or light-blue stroke (in
    # luminance a mid grey, which went to a person as faint) reads like a black one.
    lay = printed.layouts["SY"]
    page = printed.pages["SY"][0]
    kinds = {"c01": "circle", "c02": "cross", "c04": "circle_open", "c06": "cross_big"}
    strokes = marked(np.full_like(page, 255), lay, kinds, 9).astype(np.float32) / 255
    absorbed = 1 - strokes  # how much of the light each stroke takes
    bgr = np.stack(
        [
            page.astype(np.float32) * (paper[c] / 255) * (1 - absorbed * (1 - ink[c] / 255))
            for c in range(3)
        ],
        axis=2,
    )
    f = tmp_path / "colour.jpg"
    f.write_bytes(
        cv2.imencode(".jpg", bgr.astype(np.uint8), [cv2.IMWRITE_JPEG_QUALITY, 85])[1].tobytes()
    )
    loaded = load.load_page(load.PageRef(str(f), 1, 1), DEFAULT_CONFIG, 297.0)
    assert isinstance(loaded, load.LoadedPage)
    r = read(loaded.gray, printed.ctx)
    got = marks_of(r)
    assert got == truth_of(lay, kinds), got


def test_a_ballot_printed_in_colour_scanned_in_colour_with_a_red_pen(
    printed: Printed, tmp_path: Path
) -> None:
    """The sheet as printed — its contest's coloured bands and title included — scanned in
    colour and marked in red: read like a grey scan of a black pen."""
    out = tmp_path / "colour"
    cmd = ["pdftoppm", "-r", str(DPI), "-png", "-f", "1", "-l", "1", "-singlefile"]
    subprocess.run([*cmd, str(printed.pdfs["SY"]), str(out)], check=True)
    page = np.asarray(cv2.imread(str(out) + ".png", cv2.IMREAD_COLOR), dtype=np.float32)
    lay = printed.layouts["SY"]
    kinds = {"c01": "circle", "c02": "cross", "c04": "circle_open", "c06": "cross_big"}
    strokes = marked(np.full(page.shape[:2], 255, np.uint8), lay, kinds, 13).astype(np.float32)
    taken = 1 - strokes / 255
    red = (40, 30, 200)  # BGR
    bgr = np.stack([page[:, :, c] * (1 - taken * (1 - red[c] / 255)) for c in range(3)], axis=2)
    from PIL import Image

    jpg, pdf = tmp_path / "colour.jpg", tmp_path / "colour.pdf"
    jpg.write_bytes(
        cv2.imencode(".jpg", bgr.astype(np.uint8), [cv2.IMWRITE_JPEG_QUALITY, 80])[1].tobytes()
    )
    Image.open(jpg).save(pdf, resolution=DPI)  # a scanner's PDF: the colour JPEG in a page
    for f in (jpg, pdf):
        loaded = load.load_page(load.PageRef(str(f), 1, 1), DEFAULT_CONFIG, 297.0)
        assert isinstance(loaded, load.LoadedPage)
        r = read(loaded.gray, printed.ctx)
        assert r.status is SheetStatus.COUNTED, (f.name, r.reasons)
        assert r.code is not None and r.code.serial == printed.serials["SY"][0]
        assert marks_of(r) == truth_of(lay, kinds), f.name


def test_a_grey_page_stored_in_colour_is_read_as_the_grey_it_is(
    printed: Printed, tmp_path: Path
) -> None:
    """A PDF page of grey scans is rendered in colour, some scanners write grey as RGB: the
    same pixels as the grey image, not a colour conversion of them."""
    page = printed.pages["SY"][0]
    f = tmp_path / "grey-as-rgb.png"
    f.write_bytes(cv2.imencode(".png", cv2.cvtColor(page, cv2.COLOR_GRAY2BGR))[1].tobytes())
    loaded = load.load_page(load.PageRef(str(f), 1, 1), DEFAULT_CONFIG, 297.0)
    assert isinstance(loaded, load.LoadedPage)
    assert np.array_equal(loaded.gray, page)


def test_a_coffee_ring_in_a_box_on_a_colour_scan_is_never_a_mark(
    printed: Printed, tmp_path: Path
) -> None:
    """A dried drop of coffee or tea (a pale body, a darker rim) keeps its luminance: its
    brown is no pen's colour, so its rim never becomes a ○ however round it is."""
    lay = printed.layouts["SY"]
    page = printed.pages["SY"][0]
    kinds = {"c01": "circle", "c02": "cross"}
    strokes = marked(np.full_like(page, 255), lay, kinds, 11).astype(np.float32) / 255
    stain = np.zeros(page.shape, np.float32)
    for code in ("c03", "c05"):
        b = box_px(next(c for c in lay.candidates if c.code == code).boxes["mark"])
        centre = (round((b[0] + b[2]) / 2), round((b[1] + b[3]) / 2))
        radius = round(0.3 * (b[2] - b[0]))
        cv2.circle(stain, centre, radius, 0.12, -1, cv2.LINE_AA)  # the pale body
        cv2.circle(stain, centre, radius, 0.8, max(1, round(0.4 * PPM)), cv2.LINE_AA)  # rim
    pen, coffee = (160, 60, 40), (45, 95, 150)  # a blue ballpoint; coffee (BGR)
    bgr = np.stack(
        [
            page.astype(np.float32)
            * (1 - (1 - strokes) * (1 - pen[c] / 255))
            * (1 - stain * (1 - coffee[c] / 255))
            for c in range(3)
        ],
        axis=2,
    )
    f = tmp_path / "coffee.png"
    f.write_bytes(cv2.imencode(".png", np.clip(bgr, 0, 255).astype(np.uint8))[1].tobytes())
    loaded = load.load_page(load.PageRef(str(f), 1, 1), DEFAULT_CONFIG, 297.0)
    assert isinstance(loaded, load.LoadedPage)
    got = marks_of(read(loaded.gray, printed.ctx))
    assert got["c01"] is Mark.AGREE and got["c02"] is Mark.DISAGREE, got
    assert got["c03"] in (Mark.ABSTAIN, Mark.UNCLEAR) and got["c05"] in (Mark.ABSTAIN, Mark.UNCLEAR)


def test_a_highlighters_yellow_on_a_colour_scan_goes_to_a_person(
    printed: Printed, tmp_path: Path
) -> None:
    """A yellow highlighter's ○ in a box, its stroke across another box and over a name:
    in grey almost paper (yellow keeps its luminance, lest a stain's rim become a ○), the
    sheet was counted with those candidates abstaining. On a colour scan its colour tells it
    apart from a stain's: a person decides. The same sheet without it is counted."""
    lay = printed.layouts["SY"]
    page = printed.pages["SY"][0]
    kinds = {"c01": "circle", "c02": "cross"}
    strokes = marked(np.full_like(page, 255), lay, kinds, 21).astype(np.float32) / 255
    pen = (160, 60, 40)  # a blue ballpoint (BGR)

    def scan(hl: NDArray[np.float32], name: str) -> Path:
        yellow = (60, 235, 250)  # a highlighter's yellow (BGR)
        bgr = np.stack(
            [
                page.astype(np.float32)
                * (1 - (1 - strokes) * (1 - pen[c] / 255))
                * (1 - hl * (1 - yellow[c] / 255))
                for c in range(3)
            ],
            axis=2,
        )
        f = tmp_path / name
        f.write_bytes(
            cv2.imencode(
                ".jpg", np.clip(bgr, 0, 255).astype(np.uint8), [cv2.IMWRITE_JPEG_QUALITY, 85]
            )[1].tobytes()
        )
        return f

    clean = process_page(
        load.PageRef(str(scan(np.zeros(page.shape, np.float32), "clean.jpg")), 1, 1), printed.ctx
    )
    assert clean.status is SheetStatus.COUNTED, clean.reasons
    wide = max(1, round(2.5 * PPM))
    for code, how in (("c03", "circle"), ("c04", "across"), ("c05", "name")):
        hl = np.zeros(page.shape, np.float32)
        b = box_px(next(c for c in lay.candidates if c.code == code).boxes["mark"])
        cx, cy = round((b[0] + b[2]) / 2), round((b[1] + b[3]) / 2)
        if how == "circle":
            cv2.circle(hl, (cx, cy), round(0.35 * (b[2] - b[0])), 1.0, wide, cv2.LINE_AA)
        elif how == "across":
            cv2.line(hl, (round(b[0] - 3 * PPM), cy), (round(b[2] + 3 * PPM), cy), 1.0, wide)
        else:
            n = box_px(lay.extra["cells"][code]["print"][0])
            y = round((n[1] + n[3]) / 2)
            cv2.line(hl, (round(n[0]), y), (round(n[2]), y), 1.0, round(3 * PPM))
        r = process_page(load.PageRef(str(scan(hl, f"{code}.jpg")), 1, 1), printed.ctx)
        assert r.status is SheetStatus.REVIEW, (code, r.reasons)
        got = dict(r.marks or ())
        assert got["c01"] is Mark.AGREE and got["c02"] is Mark.DISAGREE, got
        held = got[code] is Mark.UNCLEAR or code in r.scores.get("beside_boxes", {})
        assert held, (code, got[code], r.reasons, r.scores.get("beside_boxes"))
    # (the sheet upside down on the glass: the stroke's place said in the layout's mm, as
    # the picture for a person outlines it)
    turned = tmp_path / "turned.jpg"
    img = cv2.imread(str(tmp_path / "c05.jpg"), cv2.IMREAD_COLOR)
    assert img is not None
    turned.write_bytes(cv2.imencode(".jpg", np.ascontiguousarray(img[::-1, ::-1]))[1].tobytes())
    r = process_page(load.PageRef(str(turned), 1, 1), printed.ctx)
    place = r.scores["beside_boxes"]["c05"]["box_mm"]
    cell = lay.extra["cells"]["c05"]["cell"]
    assert place[0] < place[2] and place[1] < place[3], place
    assert cell[0] - 1 <= place[0] and place[2] <= cell[2] + 1, (place, cell)


def _misregistered(bgr: NDArray[np.uint8], shift: float) -> NDArray[np.uint8]:
    """A sheet feeder's colour scan: the optics' blur, then red ``shift`` px below green
    along the feed and blue as far above it."""
    soft = cv2.GaussianBlur(bgr, (0, 0), 0.6)

    def moved(channel: Gray, dy: float) -> Gray:
        m = np.array([[1, 0, 0], [0, 1, dy]], np.float32)
        size = (channel.shape[1], channel.shape[0])
        out = cv2.warpAffine(
            channel, m, size, flags=cv2.INTER_LINEAR, borderMode=cv2.BORDER_REPLICATE
        )
        return np.asarray(out, dtype=np.uint8)

    b, g, r = (np.asarray(c, dtype=np.uint8) for c in cv2.split(soft))
    return np.asarray(cv2.merge([moved(b, -shift), g, moved(r, shift)]), dtype=np.uint8)


@pytest.mark.parametrize("shift", [0.75, 1.0, 1.5])
def test_a_scanners_colour_fringes_round_black_print_are_no_highlighter(
    printed: Printed, tmp_path: Path, shift: float
) -> None:
    """A colour scan whose red and blue sit a pixel or so off green (a sheet feeder's colour
    sensor) edges every black line with thin yellow and cyan bands, as vivid as a
    highlighter's: every candidate's box and name had "a mark beside the box", and a whole
    batch went to a person with nothing to see. Fringes along dark print are no marker; a
    highlighter's stroke on the same scan still is."""
    out = tmp_path / "colour"
    cmd = ["pdftoppm", "-r", "300", "-png", "-f", "2", "-l", "2", "-singlefile"]
    subprocess.run([*cmd, str(printed.pdfs["SY"]), str(out)], check=True)
    page = np.asarray(cv2.imread(str(out) + ".png", cv2.IMREAD_COLOR), dtype=np.uint8)
    lay = printed.layouts["SY"]
    ppm = 300 / 25.4
    kinds = {"c01": "circle", "c02": "cross", "c03": "circle", "c06": "cross"}
    strokes = marked(np.full(page.shape[:2], 255, np.uint8), lay, kinds, 17, ppm)
    black = np.minimum(page, strokes[:, :, None])  # a black ballpoint

    def scan(bgr: NDArray[np.uint8], name: str) -> PageResult:
        f = tmp_path / name
        jpeg = cv2.imencode(".jpg", _misregistered(bgr, shift), [cv2.IMWRITE_JPEG_QUALITY, 85])
        f.write_bytes(jpeg[1].tobytes())
        return process_page(load.PageRef(str(f), 1, 1), printed.ctx)

    r = scan(black, "fringed.jpg")
    assert r.status is SheetStatus.COUNTED, (r.reasons, r.scores.get("beside_boxes"))
    assert dict(r.marks or ()) == truth_of(lay, kinds)
    # a yellow highlighter's stroke across an empty box, on the same scanner
    b = mark_box_px(lay, "c04", ppm)
    cy = round((b[1] + b[3]) / 2)
    hl = np.zeros(page.shape[:2], np.float32)
    cv2.line(hl, (round(b[0] - 3 * ppm), cy), (round(b[2] + 3 * ppm), cy), 1.0, round(2.5 * ppm))
    yellow = np.array([60, 235, 250], np.float32) / 255  # BGR
    lit = black.astype(np.float32) * (1 - hl[:, :, None] * (1 - yellow))
    r = scan(np.clip(lit + 0.5, 0, 255).astype(np.uint8), "highlighted.jpg")
    assert r.status is SheetStatus.REVIEW, r.reasons
    beside = set(r.scores.get("beside_boxes", {}))
    got = dict(r.marks or ())
    assert got["c01"] is Mark.AGREE and got["c02"] is Mark.DISAGREE, got
    assert got["c04"] is Mark.UNCLEAR or "c04" in beside, (got["c04"], r.reasons)
    assert beside <= {"c04"}, beside  # (the fringes of the others' boxes and names: none)


def test_black_and_white_scan(printed: Printed) -> None:
    lay = printed.layouts["CO"]
    img = marked(printed.pages["CO"][2], lay, {"c01.agree": "circle", "c04.abstain": "circle"})
    bw = np.where(img > 150, 255, 0).astype(np.uint8)
    r = read(bw, printed.ctx)
    assert r.status is SheetStatus.COUNTED, r.reasons
    assert marks_of(r)["c01"] is Mark.AGREE and marks_of(r)["c04"] is Mark.ABSTAIN


def test_a_scanner_that_hollows_solid_print_is_named_as_the_reason(printed: Printed) -> None:
    """ "Text enhancement" (adaptive black and white) keeps only the edges of solid print: the
    squares are outlines, a filled mark a ring. Not read, and the counter is told why."""
    lay = printed.layouts["SY"]
    img = marked(printed.pages["SY"][0], lay, {"c01": "circle", "c02": "fill"}, 14)
    hollow = cv2.adaptiveThreshold(
        img, 255, cv2.ADAPTIVE_THRESH_GAUSSIAN_C, cv2.THRESH_BINARY, 15, 15
    )
    r = read(np.asarray(hollow, dtype=np.uint8), printed.ctx)
    assert r.status is SheetStatus.REJECTED and r.reasons == ("hollow_squares",), r.reasons
    # the same page thresholded plainly reads
    plain = read(np.where(img > 150, 255, 0).astype(np.uint8), printed.ctx)
    assert plain.status is not SheetStatus.REJECTED and marks_of(plain)["c01"] is Mark.AGREE


def test_a_scanner_that_hollows_filled_marks_but_not_the_squares_is_named_too(
    printed: Printed,
) -> None:
    """A "dynamic threshold" of a few millimetres (each pixel against the mean of a 3.5 mm
    window round it) leaves the 5 mm corner squares a solid rim round a small hole — they
    are still found — while a filled mark (涂黑, doubtful) wider than the window becomes a
    clean thick ring: it read as a confident ○ and the page was counted. The hole in the
    squares says what the scan did: refused, the counter told to scan in grey."""
    lay = printed.layouts["SY"]
    kinds = {"c01": "fill", "c02": "circle", "c03": "fill", "c04": "cross"}
    img = cv2.GaussianBlur(marked(printed.pages["SY"][0], lay, kinds, 3), (0, 0), 0.6)
    window = round(3.5 * PPM) | 1
    for method in (cv2.ADAPTIVE_THRESH_MEAN_C, cv2.ADAPTIVE_THRESH_GAUSSIAN_C):
        hollow = cv2.adaptiveThreshold(img, 255, method, cv2.THRESH_BINARY, window, 12)
        r = read(np.asarray(hollow, dtype=np.uint8), printed.ctx)
        assert r.status is SheetStatus.REJECTED and r.reasons == ("hollow_squares",), (
            method,
            r.status,
            r.reasons,
            r.marks and marks_of(r),
        )
    # the same page thresholded plainly (and with a white speck in a square) reads
    plain = np.where(img > 150, 255, 0).astype(np.uint8)
    x0, y0, x1, y1 = box_px(lay.fiducials[0])
    cv2.circle(plain, (round((x0 + x1) / 2), round((y0 + y1) / 2)), 1, 255, -1)
    ok = read(plain, printed.ctx)
    assert ok.status is not SheetStatus.REJECTED, ok.reasons
    assert marks_of(ok)["c02"] is Mark.AGREE and marks_of(ok)["c01"] is Mark.UNCLEAR


def test_a_dithered_black_and_white_scan_keeps_faint_pencil_for_a_person(
    printed: Printed, tmp_path: Path
) -> None:
    """A scanner in black-and-white mode with dithering prints a grey as scattered dots: read
    dot by dot, faint pencil was dust and the box "empty" (abstain). The dots are averaged
    back into a grey first."""
    from PIL import Image

    lay = printed.layouts["SY"]
    kinds = {"c01": "circle", "c02": "cross", "c03": "faint_circle", "c05": "faint_cross"}
    img = marked(printed.pages["SY"][1], lay, kinds, 12)
    f = tmp_path / "dithered.png"
    Image.fromarray(img).convert("1").save(f)  # Floyd–Steinberg
    loaded = load.load_page(load.PageRef(str(f), 1, 1), DEFAULT_CONFIG, 297.0)
    assert isinstance(loaded, load.LoadedPage)
    got = marks_of(read(loaded.gray, printed.ctx))
    assert got["c01"] is Mark.AGREE and got["c02"] is Mark.DISAGREE, got
    assert got["c03"] is Mark.UNCLEAR and got["c05"] is Mark.UNCLEAR, got


# --- loading ------------------------------------------------------------------------------------


def _g4(pages: list[Gray]) -> bytes:
    from PIL import Image

    ims = [Image.fromarray(p > 127) for p in pages]
    buf = io.BytesIO()
    ims[0].save(buf, format="TIFF", compression="group4", save_all=True, append_images=ims[1:])
    return buf.getvalue()


def test_multipage_g4_tiff_pdf_and_damaged_files(printed: Printed, tmp_path: Path) -> None:
    cfg = DEFAULT_CONFIG
    tif = tmp_path / "batch.tif"
    tif.write_bytes(_g4(printed.pages["SY"][:2]))
    refs = load.list_pages(str(tif))
    assert [r.page for r in refs] == [1, 2]
    page2 = load.load_page(refs[1], cfg, 297)
    assert isinstance(page2, load.LoadedPage) and page2.kept.ext == "png"
    pdf_refs = load.list_pages(str(printed.pdfs["SY"]))
    assert len(pdf_refs) == 4
    res = process_page(pdf_refs[2], printed.ctx)
    assert res.status is SheetStatus.COUNTED and res.serial == printed.serials["SY"][2]

    _ok, enc = cv2.imencode(".jpg", printed.pages["SY"][0], [cv2.IMWRITE_JPEG_QUALITY, 85])
    data = bytes(enc.tobytes())
    cut = tmp_path / "cut.jpg"
    cut.write_bytes(data[: len(data) // 2])
    bad = load.load_page(load.PageRef(str(cut), 1, 1), cfg, 297)
    assert isinstance(bad, load.LoadProblem) and bad.code == "truncated_file"
    assert bad.kept.data == data[: len(data) // 2]  # the file is kept as it is
    junk = tmp_path / "junk.png"
    junk.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\0" * 100)
    bad = load.load_page(load.PageRef(str(junk), 1, 1), cfg, 297)
    assert isinstance(bad, load.LoadProblem) and bad.code == "corrupt_file"
    broken_pdf = tmp_path / "broken.pdf"
    broken_pdf.write_bytes(b"%PDF-1.4\nnot really")
    res = process_page(load.list_pages(str(broken_pdf))[0], printed.ctx)
    assert res.status is SheetStatus.REJECTED and res.reasons == ("corrupt_file",)


def test_a_multipage_tiff_too_large_to_keep_whole_is_read_page_by_page(
    printed: Printed, tmp_path: Path
) -> None:
    """A feeder's batch saved as one uncompressed TIFF (26 sheets of grey at 300 dpi: 216 MB,
    over the size a file is kept whole at): every page was refused as too large, though each
    is an ordinary scan. Each is read from the file and kept as a page of its own; a page
    that cannot be read is refused with the file named, not kept (too large)."""
    from PIL import Image

    pages = [
        marked(p, printed.layouts["SY"], {"c01": "circle"}, 3) for p in printed.pages["SY"][:3]
    ]
    tif = tmp_path / "batch.tif"
    Image.fromarray(pages[0]).save(
        tif, save_all=True, append_images=[Image.fromarray(p) for p in pages[1:]]
    )
    small = replace(DEFAULT_CONFIG, max_keep_bytes=tif.stat().st_size // 2)
    refs = load.list_pages(str(tif))
    assert [r.page for r in refs] == [1, 2, 3]
    for ref in refs:
        got = load.load_page(ref, small, 297)
        assert isinstance(got, load.LoadedPage), got
        assert got.kept.ext == "png" and got.kept.data
    ctx = replace(printed.ctx, config=small)
    res = process_page(refs[1], ctx)
    assert res.status is SheetStatus.COUNTED and res.serial == printed.serials["SY"][1]
    # a page past the file's end (the file cut short after it was listed): refused, listed
    gone = load.load_page(load.PageRef(str(tif), 4, 4), small, 297)
    assert isinstance(gone, load.LoadProblem) and not gone.kept.data


def test_large_jpeg_is_decoded_reduced(tmp_path: Path) -> None:
    page = np.full((3508, 2480), 255, np.uint8)
    _ok, enc = cv2.imencode(".jpg", page)
    f = tmp_path / "a4.jpg"
    f.write_bytes(bytes(enc.tobytes()))
    assert load.jpeg_size(f.read_bytes()) == (2480, 3508)
    lp = load.load_page(load.PageRef(str(f), 1, 1), DEFAULT_CONFIG, 297)
    assert isinstance(lp, load.LoadedPage) and lp.reduction == 2 and lp.gray.shape == (1754, 1240)
    # on A3 ballots the same file keeps its resolution
    lp = load.load_page(load.PageRef(str(f), 1, 1), DEFAULT_CONFIG, 420)
    assert isinstance(lp, load.LoadedPage) and lp.reduction == 1


@pytest.mark.parametrize("bits", [12, 16])
def test_a_16_bit_png_reads_whatever_depth_its_scanner_filled(
    printed: Printed, tmp_path: Path, bits: int
) -> None:
    """A 12-bit scanner may write its values unscaled into a 16-bit PNG (white at 4095): read
    as OpenCV brings 16 bits to 8, the page was nearly black and refused."""
    lay = printed.layouts["SY"]
    img = marked(printed.pages["SY"][0], lay, {"c01": "circle", "c02": "cross"}, 51)
    deep = (img.astype(np.uint32) * ((1 << bits) - 1) // 255).astype(np.uint16)
    f = tmp_path / f"scan{bits}.png"
    _ok, enc = cv2.imencode(".png", deep)
    f.write_bytes(bytes(enc.tobytes()))
    lp = load.load_page(load.PageRef(str(f), 1, 1), DEFAULT_CONFIG, 297)
    assert isinstance(lp, load.LoadedPage)
    assert abs(int(lp.gray.max()) - int(img.max())) <= 1
    r = read(lp.gray, printed.ctx)
    assert r.status is SheetStatus.COUNTED, r.reasons
    assert marks_of(r)["c01"] is Mark.AGREE and marks_of(r)["c02"] is Mark.DISAGREE


def test_a_fourth_channel_that_hides_everything_is_no_transparency(
    printed: Printed, tmp_path: Path
) -> None:
    """A 32-bit BMP whose fourth byte is padding (0 everywhere), an RGBA file whose alpha is 0
    all over: laid over white as transparency, the ballot became a white page and was skipped
    as "a blank back, not a missing ballot" — a lost ballot. One alpha everywhere is none."""
    lay = printed.layouts["SY"]
    img = marked(printed.pages["SY"][0], lay, {"c01": "circle", "c02": "cross"}, 52)
    four = np.dstack([img, img, img, np.zeros_like(img)])
    bmp = tmp_path / "padded.bmp"
    _ok, enc = cv2.imencode(".bmp", four)
    bmp.write_bytes(bytes(enc.tobytes()))
    raw = cv2.imread(str(bmp), cv2.IMREAD_UNCHANGED)
    assert raw is not None and raw.shape[2] == 4
    lp = load.load_page(load.PageRef(str(bmp), 1, 1), DEFAULT_CONFIG, 297)
    assert isinstance(lp, load.LoadedPage)
    r = read(lp.gray, printed.ctx)
    assert r.status is SheetStatus.COUNTED, r.reasons
    assert marks_of(r)["c01"] is Mark.AGREE and marks_of(r)["c02"] is Mark.DISAGREE
    # (through Pillow too: the decoder kept for what OpenCV refuses)
    rgba = Image.fromarray(np.dstack([img, img, img, np.zeros_like(img)]), "RGBA")
    buf = io.BytesIO()
    rgba.save(buf, format="PNG")
    grey = load._pillow_page(buf.getvalue(), 0)
    assert grey is not None and np.array_equal(grey, img)
    # Real transparency stays: ink on a transparent sheet is ink on paper.
    ink = np.dstack([np.zeros_like(img)] * 3 + [255 - img])
    seen = load.grey_of(ink)
    assert seen is not None and np.abs(seen.astype(int) - img.astype(int)).max() <= 1


def test_config_is_one_documented_value() -> None:
    cfg = RecognitionConfig()
    assert cfg.digest() == DEFAULT_CONFIG.digest()
    assert replace(cfg, strong_rel=0.6).digest() != cfg.digest()
    text = Path(marks.__file__).with_name("config.py").read_text(encoding="utf-8")
    for name in cfg.to_json():
        # every parameter has a comment right above it (or shares the one above its group)
        assert f"    {name}:" in text


def test_box_reading_keeps_raw_scores(printed: Printed) -> None:
    lay = printed.layouts["SY"]
    img = marked(printed.pages["SY"][0], lay, {"c01": "circle"})
    reg = register.register(img, printed.ctx.geometries(), DEFAULT_CONFIG)
    assert isinstance(reg, register.Registration)
    b = lay.candidates[0].boxes["mark"]
    r = marks.read_box(img, reg.matrix(), b, 250.0, reg.black, DEFAULT_CONFIG)
    assert r.call is marks.Call.CIRCLE
    for key in ("ink_mm2", "strength", "coverage", "hole_share", "ring_rms", "border_found"):
        assert key in r.scores, key
    cross = marked(printed.pages["SY"][0], lay, {"c01": "cross"})
    r = marks.read_box(cross, reg.matrix(), b, 250.0, reg.black, DEFAULT_CONFIG)
    assert r.call is marks.Call.CROSS
    for key in ("line_residual", "line1_mm", "cross_end_share", "diag_dev", "holes"):
        assert key in r.scores, key


_unused: tuple[Callable[..., Any], ...] = (subprocess.run,)


def test_many_patches_are_resampled_like_one(printed: Printed) -> None:
    """All box patches of a page come from one resampling (in chunks under remap's row
    limit); they match the single-patch resampling but for a rare 1/32-pixel rounding."""
    img = printed.pages["SY"][0]
    reg = register.register(img, printed.ctx.geometries(), DEFAULT_CONFIG)
    assert isinstance(reg, register.Registration)
    rng = np.random.default_rng(2)
    origins = rng.uniform(10, 180, (220, 2))
    s = 12.0  # 220 patches of 192 rows: more rows than one remap takes
    many = marks.sample_many(img, reg.matrix(), origins, 192, 192, s)
    assert many.shape == (220, 192, 192)
    for k in (0, 150, 219):
        one = marks.sample(img, reg.matrix(), origins[k][0], origins[k][1], 16.0, 16.0, s)
        diff = np.abs(one.astype(int) - many[k].astype(int))
        assert diff.max() <= 8 and np.count_nonzero(diff) <= 0.002 * diff.size


def test_a_sheet_whose_corners_run_off_the_scan_is_told_so(printed: Printed) -> None:
    """Turned 5° on a scan window of its own size, a sheet loses two corner squares and a
    sliver of its code past the image's edge; the two left touch the edge. Nothing can be
    read (the code is cut), and the counter was told it might not be our ballot at all."""
    lay = printed.layouts["SY"]
    img = marked(printed.pages["SY"][0], lay, {"c01": "circle", "c02": "cross"})
    h, w = img.shape
    turn = cv2.getRotationMatrix2D((w / 2, h / 2), -5.0, 1.0)
    same = cv2.warpAffine(img, turn, (w, h), borderValue=255)
    r = read(np.asarray(same, dtype=np.uint8), printed.ctx)
    assert r.status is SheetStatus.REJECTED and r.reasons == ("corner_off_image",), (
        r.reasons,
        r.scores.get("registration"),
    )
    # the same turn on a window with room round the sheet reads
    pad = cv2.copyMakeBorder(img, 150, 150, 150, 150, cv2.BORDER_CONSTANT, value=255)
    ph, pw = pad.shape
    turn = cv2.getRotationMatrix2D((pw / 2, ph / 2), -5.0, 1.0)
    roomy = cv2.warpAffine(pad, turn, (pw, ph), borderValue=255)
    ok = read(np.asarray(roomy, dtype=np.uint8), printed.ctx)
    assert ok.status is not SheetStatus.REJECTED and marks_of(ok)["c01"] is Mark.AGREE


def test_writing_in_an_empty_write_in_column_outside_its_boxes_goes_to_a_person(
    printed: Printed,
) -> None:
    """A number beside an empty write-in column's box, a name in a column-style write-in
    row's grey cells: read from its boxes alone the column was empty, the sheet counted —
    an identifying mark, a meant write-in, never seen."""
    for style, seed in (("SY", 0), ("SY", 1), ("CO", 2)):
        lay = printed.layouts[style]
        w = lay.writeins[0]
        cell = lay.extra["cells"][f"w{w.column}"]
        x0, y0, x1, y1 = cell["cell"]
        box = next(iter(w.boxes.values()))
        rng = np.random.default_rng(seed)
        img = printed.pages[style][seed % 3].copy()
        if style == "CO":  # the grey 不赞成/弃权 cells of the row
            where = (box[2] + 3.0, y0 + 1.5, x1 - 2.0, y1 - 1.5)
        elif seed == 0:  # beside the box, in the white of the cell: right of it
            where = (box[2] + 1.2, box[1], min(x1 - 0.8, box[2] + 8.0), box[3])
        else:  # ... and left of it
            where = (max(x0 + 0.8, box[0] - 8.0), box[1], box[0] - 1.2, box[3])
        corpus.write_name(img, box_px(where), PPM, rng)
        r = read(img, printed.ctx)
        assert r.status is SheetStatus.REVIEW and "mark_beside_box" in r.reasons, (
            style,
            seed,
            r.reasons,
        )
        assert f"w{w.column}" in r.scores["beside_boxes"]
        clean = read(printed.pages[style][seed % 3], printed.ctx)
        assert clean.status is SheetStatus.COUNTED, clean.reasons


@pytest.mark.parametrize(
    "case", ["pale_cross_beside", "pale_circle_beside", "level_stroke_through", "dark_chord"]
)
def test_a_paler_mark_beside_or_through_a_pen_mark_is_unclear(printed: Printed, case: str) -> None:
    """Two marks in one box, one in a paler ink (a pencil or a light pen, grey 140–165):
    - a pale × beside a pen ○ (or a pale ○ beside a pen ×), a piece of its own: dropped as a
      ghost beside the mark, and the box read as the pen mark alone;
    - a pen ○ struck through by a fine pencil line nearly level, ending in the box: taken
      for a fold's crease; one at 25° as dark as the ○'s core level: part of the ring there,
      it cut the hole in two and was never looked in.
    Each a confident agree or disagree where a person sees two marks."""
    lay = printed.layouts["SY"]
    page = marked(printed.pages["SY"][1], lay, {"c01": "circle"}, 51)
    x0, y0, x1, y1 = mark_box_px(lay, "c02")
    cx, cy, side = (x0 + x1) / 2, (y0 + y1) / 2, min(x1 - x0, y1 - y0)
    rng = np.random.default_rng(len(case))
    pen = corpus.Pen(0.45 * PPM, 20, 0.0)

    def ring(x: float, r: float) -> NDArray[np.float64]:
        return corpus.ellipse_path(x, cy, r, 1.05 * r, 0.0, 0.3, 2.1 * math.pi, rng, 0.0)

    def cross(x: float, h: float) -> list[NDArray[np.float64]]:
        return [np.array([[x - sx * h, cy - h], [x + sx * h, cy + h]]) for sx in (-1, 1)]

    left, right = cx - 0.2 * side, cx + 0.22 * side
    alone = page.copy()
    if case == "pale_cross_beside":
        for img in (page, alone):
            corpus.strokes(img, [ring(left, 0.2 * side)], pen, np.random.default_rng(1))
        corpus.strokes(page, cross(right, 0.18 * side), corpus.Pen(0.4 * PPM, 165, 0.0), rng)
        expected_alone = Mark.AGREE
    elif case == "pale_circle_beside":
        for img in (page, alone):
            corpus.strokes(img, cross(right, 0.18 * side), pen, np.random.default_rng(1))
        corpus.strokes(page, [ring(left, 0.2 * side)], corpus.Pen(0.35 * PPM, 157, 0.0), rng)
        expected_alone = Mark.DISAGREE
    else:
        for img in (page, alone):
            corpus.strokes(img, [ring(cx, 0.38 * side)], pen, np.random.default_rng(1))
        turn, grey, width = (
            (-0.11, 150, 0.38) if case == "level_stroke_through" else (0.43, 141, 0.29)
        )
        reach = 0.38 * side + 0.8 * PPM
        dx, dy = reach * math.cos(turn), reach * math.sin(turn)
        line = np.array([[cx - dx, cy - dy], [cx + dx, cy + dy]])
        corpus.strokes(page, [line], corpus.Pen(width * PPM, grey, 0.0), rng)
        expected_alone = Mark.AGREE
    r = read(page, printed.ctx)
    assert marks_of(r)["c02"] is Mark.UNCLEAR, r.scores["targets"]["c02.mark"]
    assert marks_of(r)["c01"] is Mark.AGREE and r.status is SheetStatus.REVIEW
    # (the pen mark alone is read as such: the paler one makes the difference)
    assert marks_of(read(alone, printed.ctx))["c02"] is expected_alone


@pytest.mark.parametrize("with_mark", [False, True])
def test_a_faintly_printed_ballot_is_no_blank_back(printed: Printed, with_mark: bool) -> None:
    """A ballot printed at a fifth of its darkness (the toner running out, the scanner's
    brightness turned up) is as light as a blank back: unmarked, it was skipped as "a blank
    page, not a missing ballot"; with one ○ it was taken for writing on a back, and the
    ballot before it held. Its squares and code say what it is: it is read as a ballot."""
    lay = printed.layouts["SY"]
    page = printed.pages["SY"][2]
    light = (255 - (255 - page.astype(np.float32)) * 0.2).astype(np.uint8)
    if with_mark:
        light = marked(light, lay, {"c01": "circle"}, 9)
    r = read(light, printed.ctx)
    assert r.reasons not in (("blank_page",), ("writing_on_back",)), r.reasons
    assert r.code is not None and r.code.serial == printed.serials["SY"][2]
    assert r.scores.get("faint_print") is True
    # (read with its contrast raised, a voter's faint pencil would read as clear as a pen's:
    # a sheet with a mark on it is held for a person; one without, counted)
    if with_mark:
        assert r.status is SheetStatus.REVIEW and "faded_print" in r.reasons, r.reasons
    else:
        assert r.status is SheetStatus.COUNTED, r.reasons
    marks = marks_of(r)
    assert marks["c01"] in ((Mark.AGREE, Mark.UNCLEAR) if with_mark else (Mark.ABSTAIN,))
    assert all(m in (Mark.ABSTAIN, Mark.UNCLEAR) for c, m in marks.items() if c != "c01")
    # a real blank back stays one
    back = np.full_like(page, 250)
    assert read(back, printed.ctx).reasons == ("blank_page",)


def _banded(page: Gray, ppm: float, period_mm: float, band_mm: float, less_ink: float) -> Gray:
    """``page`` printed by an inkjet with clogged nozzles (打印条纹): every ``period_mm`` down
    the sheet a band ``band_mm`` wide with ``less_ink`` (a share: 1.0 a white line) less ink
    across all its print (each row of ``page``, at ``ppm``, by the share of it in a band)."""

    def banded_mm(y: NDArray[np.float64]) -> NDArray[np.float64]:  # band length above y
        k = np.floor(y / period_mm)
        return np.asarray(k * band_mm + np.minimum(y - k * period_mm, band_mm))

    edges = np.arange(page.shape[0] + 1, dtype=np.float64) / ppm
    keep = 1.0 - less_ink * np.diff(banded_mm(edges)) * ppm
    ink = (255.0 - page.astype(np.float32)) * keep.astype(np.float32)[:, None]
    return np.asarray(np.clip(255.0 - ink, 0, 255).round(), dtype=np.uint8)


#: Inkjet banding (period, band width mm, share of ink missing): white lines 0.15 mm wide
#: every 2 mm, 1 mm bands with 60 % and 50 % less ink every 3 mm.
_BANDINGS = {
    "white lines": (2.0, 0.15, 1.0),
    "pale bands 60%": (3.0, 1.0, 0.6),
    "pale bands 50%": (3.0, 1.0, 0.5),
}


@pytest.mark.parametrize("contest", ["SY", "CO"])
@pytest.mark.parametrize("banding", list(_BANDINGS))
def test_a_ballot_printed_with_banding_is_read(
    printed: Printed, tmp_path: Path, banding: str, contest: str
) -> None:
    """An inkjet with clogged nozzles prints light lines or paler bands across the sheet,
    every 2-3 mm: a person reads every page, but the lines cut each corner square (and the
    code) into strips — no square was found, or one too small, or no code, and every sheet
    of the batch was refused. The squares and the code are found again on the print mended
    (its thin light gaps closed, its pale print made solid); the marks are read as scanned,
    each as it is drawn or held for a person, never another mark."""
    period, band, less = _BANDINGS[banding]
    ppm = 300 / 25.4
    lay = printed.layouts[contest]
    page = sheet_at_300_dpi(printed, 2, tmp_path, contest)
    if contest == "SY":
        kinds = {"c01": "circle", "c02": "cross", "c03": "circle_big", "c05": "oval"}
        truth = truth_of(lay, kinds)
    else:
        kinds = {"c01.agree": "circle", "c02.disagree": "circle", "c03.abstain": "oval"}
        truth = {"c01": Mark.AGREE, "c02": Mark.DISAGREE, "c03": Mark.ABSTAIN}
        truth["c04"] = Mark.ABSTAIN
    sheet = marked(_banded(page, ppm, period, band, less), lay, kinds, 5, ppm)
    scan = _scanned(np.asarray(cv2.GaussianBlur(sheet, (0, 0), 0.7), dtype=np.uint8), 5)
    r = read(scan, printed.ctx)
    assert r.status is not SheetStatus.REJECTED, (r.reasons, r.scores.get("registration"))
    assert r.code is not None and r.code.serial == printed.serials[contest][1]
    assert r.scores["banding"]["after"] in ("no_registration", "registration_implausible")
    got = marks_of(r)
    assert set(got) == set(truth)
    wrong = {c: m for c, m in got.items() if m not in (truth[c], Mark.UNCLEAR)}
    assert not wrong, (wrong, truth)
    assert sum(got[c] is truth[c] for c in truth) >= len(truth) - 1, got
    # (a page read as it is never looks at its print mended)
    unbanded = np.asarray(cv2.GaussianBlur(marked(page, lay, kinds, 5, ppm), (0, 0), 0.7), np.uint8)
    clean = read(_scanned(unbanded, 5), printed.ctx)
    assert clean.status is SheetStatus.COUNTED and "banding" not in clean.scores
    assert marks_of(clean) == truth


def test_a_pdf_page_whose_size_says_nothing_of_the_paper_is_drawn_to_the_ballots(
    printed: Printed, tmp_path: Path
) -> None:
    """A scan saved as a PDF at a declared 36 dpi (an image library's default of 72, or
    less) is a page of a metre and more: drawn at 300 dpi it took 18–35 s and gigabytes a
    page. It is drawn to the ballot's paper size, and read."""
    from PIL import Image

    page = marked(printed.pages["SY"][1], printed.layouts["SY"], {"c01": "circle"}, 4)
    pdf = tmp_path / "huge.pdf"
    Image.fromarray(page).save(pdf, resolution=36)
    ref = load.list_pages(str(pdf))[0]
    got = load.load_page(ref, DEFAULT_CONFIG, 297)
    assert isinstance(got, load.LoadedPage), got
    assert max(got.gray.shape) * got.reduction <= 1.05 * 297 / 25.4 * DEFAULT_CONFIG.pdf_dpi
    res = process_page(ref, printed.ctx)
    assert res.status is SheetStatus.COUNTED and res.serial == printed.serials["SY"][1]
    assert dict(res.marks)["c01"] is Mark.AGREE


@pytest.mark.parametrize("case", ["pen_cross_over_marker_circle", "pen_line_across_marker_cross"])
def test_a_finer_pens_stroke_over_a_marker_mark_is_unclear(printed: Printed, case: str) -> None:
    """A felt-tip's ○ crossed out with a pen's × (⊗), a pen's line struck across a
    felt-tip's ×: the broad mark is measured on its strokes thinned to a pen's width, and the
    thinning took the pen's strokes away whole — a clean ○ read as agree, a × as disagree,
    where a person sees a correction."""
    lay = printed.layouts["SY"]
    page = marked(printed.pages["SY"][2], lay, {"c01": "circle"}, 52)
    x0, y0, x1, y1 = mark_box_px(lay, "c02")
    cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
    rng = np.random.default_rng(3)
    marker, pen = corpus.Pen(1.7 * PPM, 15, 0.0), corpus.Pen(0.45 * PPM, 20, 0.0)
    alone = page.copy()
    h = 2.6 * PPM
    if case == "pen_cross_over_marker_circle":
        ring = corpus.ellipse_path(cx, cy, 3.3 * PPM, 3.1 * PPM, 0.0, 0.3, 2.1 * math.pi, rng, 0.0)
        for img in (page, alone):
            corpus.strokes(img, [ring], marker, np.random.default_rng(1))
        arms = [np.array([[cx - sx * h, cy - h], [cx + sx * h, cy + h]]) for sx in (-1, 1)]
        corpus.strokes(page, arms, pen, rng)
        expected_alone = Mark.AGREE
    else:
        arms = [np.array([[cx - sx * h, cy - h], [cx + sx * h, cy + h]]) for sx in (-1, 1)]
        for img in (page, alone):
            corpus.strokes(img, arms, marker, np.random.default_rng(1))
        line = np.array([[cx - 3.5 * PPM, cy], [cx + 3.5 * PPM, cy]])
        corpus.strokes(page, [line], pen, rng)
        expected_alone = Mark.DISAGREE
    assert marks_of(read(alone, printed.ctx))["c02"] is expected_alone
    r = read(page, printed.ctx)
    assert marks_of(r)["c02"] is Mark.UNCLEAR, r.scores["targets"]["c02.mark"]
    assert marks_of(r)["c01"] is Mark.AGREE and r.status is SheetStatus.REVIEW


@pytest.mark.parametrize("grey", [185, 205])
@pytest.mark.parametrize("under", ["cross", "circle"])
def test_a_broad_pale_mark_under_a_pen_mark_is_unclear(
    printed: Printed, grey: int, under: str
) -> None:
    """A pale mark drawn broad (a soft pencil's, a pale felt-tip's, a rubber's grey smear of an
    erased mark: strokes 1.2–1.6 mm wide) under a pen ○ or × was taken for the paper's
    shading — the look at paler strokes tells a stroke from shading within about a
    millimetre — and the box read as the pen mark alone."""
    lay = printed.layouts["SY"]
    page = marked(printed.pages["SY"][3], lay, {"c01": "circle"}, 53)
    x0, y0, x1, y1 = mark_box_px(lay, "c02")
    cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
    rng = np.random.default_rng(grey)
    pale, pen = corpus.Pen(1.6 * PPM, grey, 0.0), corpus.Pen(0.45 * PPM, 20, 0.0)
    ring = corpus.ellipse_path(cx, cy, 3.5 * PPM, 3.3 * PPM, 0.0, 0.3, 2.1 * math.pi, rng, 0.0)
    h = 0.5 * (x1 - x0) - 2.0 * PPM
    arms = [np.array([[cx - sx * h, cy - h], [cx + sx * h, cy + h]]) for sx in (-1, 1)]
    alone = page.copy()
    pen_strokes = [ring] if under == "cross" else arms
    corpus.strokes(alone, pen_strokes, pen, np.random.default_rng(1))
    corpus.strokes(page, arms if under == "cross" else [ring], pale, rng)
    corpus.strokes(page, pen_strokes, pen, np.random.default_rng(1))
    expected = Mark.AGREE if under == "cross" else Mark.DISAGREE
    assert marks_of(read(alone, printed.ctx))["c02"] is expected
    r = read(page, printed.ctx)
    assert marks_of(r)["c02"] is Mark.UNCLEAR, r.scores["targets"]["c02.mark"]


def _bold_scan(sheet: Gray, seed: int, threshold: int = 166) -> Gray:
    """A 300-dpi grey rendering ``sheet`` as a black-and-white scanner set dark gives it at
    150 dpi (bench seed 7, page 441): the paper tinted (0.82 of white), the optics' blur
    wide (1.1 px at 150 dpi), thresholded at ``threshold`` — the tint and the blur make every
    printed stroke black well beyond its printed edge: names and headings come out bold."""
    tinted = cv2.convertScaleAbs(sheet, alpha=0.817)
    blurred = np.asarray(cv2.GaussianBlur(tinted, (0, 0), 1.09 * 2), dtype=np.uint8)
    return _scanned_at(blurred, 300 / 25.4, 150, threshold, seed)


def test_print_made_bold_by_a_dark_black_and_white_scan_is_no_mark(
    printed: Printed, tmp_path: Path
) -> None:
    """A tinted sheet blurred and thresholded by a black-and-white scanner set dark: every
    printed name and heading word comes out much bolder than printed, and their thickened
    strokes were taken for marks drawn on them — writing on a heading word, marks beside the
    boxes on most names (bench seed 7, page 441): a person sent to look at nothing on every
    such sheet. How far the page's print reaches past its printed shape is measured on its
    names and words, and looked past: no mark."""
    for contest in ("CO", "SY"):
        sheet = sheet_at_300_dpi(printed, 3, tmp_path, contest)
        for seed, threshold in ((1, 166), (2, 166), (1, 180)):
            r = read(_bold_scan(sheet, seed, threshold), printed.ctx)
            where = (contest, seed, threshold)
            assert "elsewhere" not in r.scores, (where, r.scores["elsewhere"])
            assert "beside_boxes" not in r.scores, (where, r.scores["beside_boxes"])
            if threshold == 166:  # (darker still, the boxes' print reads unclear: a person's)
                assert r.status is SheetStatus.COUNTED, (where, r.reasons)


@pytest.mark.parametrize("kind", ["check", "cross", "circle_small", "stroke"])
def test_a_mark_on_a_name_on_a_scan_that_makes_print_bold_holds_the_sheet(
    printed: Printed, tmp_path: Path, kind: str
) -> None:
    """On that dark black-and-white scan, the print's growth looked past, a ✓, a ×, a small
    ○ or a short stroke a voter drew over a name whose box is empty is still a mark on the
    name — and a ○ drawn tight round a heading word still writing on the sheet."""
    ppm = 300 / 25.4
    # (the column-style name's ✓ drawn this size lies mostly on its strokes, found on no
    # scan: a ✓ is looked at on the symbol-style name alone)
    for contest, code in (("SY", "c04"), ("CO", "c02"))[: 1 if kind == "check" else 2]:
        lay = printed.layouts[contest]
        sheet = sheet_at_300_dpi(printed, 3, tmp_path, contest)
        x0, y0, x1, y1 = lay.extra["cells"][code]["print"][0]
        cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
        img = sheet.copy()
        if kind == "stroke":
            a = (round((cx - 2.0) * ppm), round((cy - 1.6) * ppm))
            b = (round((cx + 2.0) * ppm), round((cy + 1.6) * ppm))
            cv2.line(img, a, b, 40, 4, cv2.LINE_AA)
        else:
            box = box_px((cx - 2.0, cy - 2.0, cx + 2.0, cy + 2.0), ppm)
            corpus.draw_kind(img, kind, box, ppm, np.random.default_rng(7))
        for seed in (1, 2):
            r = read(_bold_scan(img, seed), printed.ctx)
            # (that mark, and nothing else: no writing on the bold heading words)
            assert r.reasons == ("mark_beside_box",), (contest, kind, seed, r.reasons)
            assert set(r.scores["beside_boxes"]) == {code}, r.scores["beside_boxes"]
    if kind != "circle_small":
        return
    lay = printed.layouts["CO"]
    sheet = sheet_at_300_dpi(printed, 3, tmp_path, "CO")
    for word in ((0, 1), (0, 3), (1, 0)):  # 赞成, 弃权, 另选他人
        x0, y0, x1, y1 = lay.extra["headings"][word[0]]["print"][word[1]]
        img = sheet.copy()
        axes = (round(((x1 - x0) / 2 + 0.3) * ppm), round(((y1 - y0) / 2 + 0.3) * ppm))
        centre = (round((x0 + x1) / 2 * ppm), round((y0 + y1) / 2 * ppm))
        cv2.ellipse(img, centre, axes, 0, 0, 360, 40, 4, cv2.LINE_AA)
        r = read(_bold_scan(img, 1), printed.ctx)
        assert r.reasons == ("writing_elsewhere",), (word, r.reasons)


def _tick_under_cross(
    img: Gray,
    b: Box,
    along: float,
    short_mm: float,
    pen: corpus.Pen,
    rng: np.random.Generator,
    ppm: float,
) -> None:
    """A ✓ drawn first in box ``b`` (page px), then a × over it (arms 0.32 of the box's side
    across and down): the ✓'s corner on the × arm from lower left to upper right, ``along``
    of the way from the middle to that arm's lower end, its long stroke up along the arm
    past the middle, its short stroke ``short_mm`` long up and to the left."""
    x0, y0, x1, y1 = b
    cx, cy, h = (x0 + x1) / 2, (y0 + y1) / 2, 0.32 * min(x1 - x0, y1 - y0)
    vx, vy = cx - along * h, cy + along * h
    up_left, long_ = math.radians(130), 1.1 * along * h * math.sqrt(2)
    tick = np.array(
        [
            [vx + short_mm * ppm * math.cos(up_left), vy - short_mm * ppm * math.sin(up_left)],
            [vx, vy],
            [vx + long_ / math.sqrt(2), vy - long_ / math.sqrt(2)],
        ]
    )
    corpus.strokes(img, [tick], pen, rng)
    arms = [corpus.line_path(cx - h, cy - sy * h, cx + h, cy + sy * h, rng, 0.01) for sy in (1, -1)]
    corpus.strokes(img, arms, pen, rng)


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_a_tick_with_a_cross_drawn_over_it_is_unclear(
    printed: Printed, tmp_path: Path, seed: int
) -> None:
    """A ✓ with a × drawn over it, the ✓'s long stroke along the × arm from lower left to
    upper right, its short stroke (2.5–3.5 mm) and its corner plain to see: the short stroke
    was taken for a flourish of the × (a third straight stroke too small for a star) and
    the box read disagree, the sheet counted. A ✓ is doubtful, and so is a mark drawn over
    another (domain/rules.md): a person decides (why: tick_crossed). A plain × and a ○ beside
    them stay what they are."""
    lay = printed.layouts["SY"]
    img = sheet_at_300_dpi(printed, 1 + seed, tmp_path)
    ppm = 300 / 25.4
    rng = np.random.default_rng(seed)
    pen = corpus.Pen(0.5 * ppm, 20.0, 0.0)
    ticks = {"c01": (0.9, 2.5), "c02": (0.9, 3.0), "c03": (0.9, 3.5), "c04": (0.5, 2.5)}
    for code, (along, short_mm) in ticks.items():
        _tick_under_cross(img, mark_box_px(lay, code, ppm), along, short_mm, pen, rng, ppm)
    _pen_cross(img, mark_box_px(lay, "c05", ppm), 0.32, pen, rng)
    x0, y0, x1, y1 = mark_box_px(lay, "c06", ppm)
    _pen_ring(img, (x0 + x1) / 2, (y0 + y1) / 2, 0.3 * (x1 - x0), pen, rng)
    r = read_mild_scan(img, rng, tmp_path / "ticked", printed.ctx)
    got = dict(r.marks)
    targets = r.scores["targets"]
    assert {k: got[k] for k in ticks} == dict.fromkeys(ticks, Mark.UNCLEAR), targets
    # (the ✓'s corner at the arm's lower end: nothing else to tell it by; a short stroke
    # further in may hold enough ink to spoil the × as a shape)
    whys = {k: targets[f"{k}.mark"]["why"] for k in ticks}
    assert {whys[k] for k in ("c01", "c02", "c03")} == {"tick_crossed"}, (whys, targets)
    assert r.status is SheetStatus.REVIEW, r.reasons
    assert (got["c05"], got["c06"]) == (Mark.DISAGREE, Mark.AGREE), got
