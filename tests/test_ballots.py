"""Ballots and delegate cards: real PDFs, rendered by poppler, read back by both QR readers."""

from __future__ import annotations

import hashlib
import itertools
import json
import re
import shutil
import subprocess
import time
from dataclasses import dataclass, replace
from pathlib import Path

import cv2
import numpy as np
import numpy.typing as npt
import pytest
import zxingcpp
from pyzbar.pyzbar import ZBarSymbol
from pyzbar.pyzbar import decode as zbar_decode

from huanjie_desktop.app import ballots as app
from huanjie_desktop.app.fingerprint import ballot_key, round_fingerprint
from huanjie_desktop.cli.main import main
from huanjie_desktop.domain import ballot_code
from huanjie_desktop.domain.layout import BallotLayout, Box
from huanjie_desktop.domain.model import (
    BallotStyle,
    Candidate,
    Contest,
    ContestKind,
    Method,
    QuorumRule,
    RoundKind,
    ThresholdBase,
)
from huanjie_desktop.reports import ballot_pdf
from huanjie_desktop.storage import ballots as store
from huanjie_desktop.storage import repo
from huanjie_desktop.storage.db import open_election_file
from tests.ballot_fixtures import (
    GIVEN,
    PX_PER_MM,
    RARE,
    SURNAMES,
    add_round,
    crop,
    make_election,
    pdffonts,
    pdftotext,
    render_page,
    set_round_status,
)

CONTESTS = ("S3", "WY", "S60", "JW", "C60")


@pytest.fixture(scope="module")
def election(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One election file with every contest, and a round 2 (另行选举) for WY."""
    path = make_election(tmp_path_factory.mktemp("ballots") / "e.huanjie")
    with open_election_file(path, "测试员") as db:
        add_round(db, "WY", "supplementary", 3, ["c05", "c01", "c10", "c11", "c12", "c13"])
    return path


@pytest.fixture
def fresh(election: Path, tmp_path: Path) -> Path:
    """A private copy of the election file for tests that write to it."""
    copy = tmp_path / "copy.huanjie"
    shutil.copy(election, copy)
    return copy


@dataclass(frozen=True)
class Printed:
    pdf: Path
    result: app.PrintResult
    names: list[str]
    fingerprint: str
    key: bytes


# (contest, round, test): symbol and columns, 3 to 60 names, a round-2 and two test ballots
CASES = [
    ("S3", 1, False),
    ("WY", 1, False),
    ("S60", 1, False),
    ("JW", 1, False),
    ("C60", 1, False),
    ("WY", 2, False),
    ("JW", 1, True),
    ("S3", 1, True),
]


@pytest.fixture(scope="module")
def printed(election: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Printed]:
    out = tmp_path_factory.mktemp("pdf")
    own = out / "printed.huanjie"  # the other tests start from a file without print runs
    shutil.copy(election, own)
    found: dict[str, Printed] = {}
    with open_election_file(own, "测试员") as db:
        key = ballot_key(db)
        for contest, rnd, test in CASES:
            name = f"{contest}-r{rnd}{'-test' if test else ''}"
            res = app.print_ballots(db, contest, rnd, 2, out / f"{name}.pdf", test=test)
            info = repo.read_round(db, contest, rnd)
            assert info is not None
            found[name] = Printed(
                res.path,
                res,
                [c.name for c in info.candidates],
                round_fingerprint(db, contest, rnd),
                key,
            )
    return found


def _case_id(case: tuple[str, int, bool]) -> str:
    contest, rnd, test = case
    return f"{contest}-r{rnd}{'-test' if test else ''}"


@pytest.fixture(scope="module")
def pages(
    printed: dict[str, Printed], tmp_path_factory: pytest.TempPathFactory
) -> dict[str, npt.NDArray[np.uint8]]:
    """Page 2 of each PDF at 200 dpi, grayscale (rendered once)."""
    out = tmp_path_factory.mktemp("png")
    return {name: render_page(p.pdf, 2, out) for name, p in printed.items()}


# --- rendered ballots ------------------------------------------------------------------------


@pytest.mark.parametrize("case", CASES, ids=_case_id)
def test_qr_reads_back_with_both_readers_and_authenticates(
    case: tuple[str, int, bool],
    printed: dict[str, Printed],
    pages: dict[str, npt.NDArray[np.uint8]],
) -> None:
    name = _case_id(case)
    p, img = printed[name], pages[name]
    z = zxingcpp.read_barcodes(img, formats=zxingcpp.BarcodeFormats(zxingcpp.BarcodeFormat.QRCode))
    assert len(z) == 1, "zxing-cpp must find exactly one QR code"
    b = zbar_decode(img, symbols=[ZBarSymbol.QRCODE])
    assert len(b) == 1, "zbar must find exactly one QR code"
    text = z[0].text
    assert b[0].data.decode("utf-8") == text
    code = ballot_code.decode(text, p.key)
    assert isinstance(code, ballot_code.BallotCode), code
    contest, rnd, test = case
    assert (code.contest, code.round, code.test) == (contest, rnd, test)
    assert code.fingerprint == p.fingerprint
    assert code.serial == p.result.serials[1]  # page 2 carries the second serial
    assert code.style is BallotStyle(p.result.layout.style)
    # another election's key refuses it; so does a changed character
    assert ballot_code.decode(text, b"\x01" * 32) is ballot_code.CodeProblem.FORGED
    # the code is where the layout says (outer modules), modules of at least 0.6 mm
    qr = p.result.layout.qr
    pos = z[0].position
    assert abs(pos.top_left.x / PX_PER_MM - qr[0]) < 1.0
    assert abs(pos.top_left.y / PX_PER_MM - qr[1]) < 1.0
    assert abs(pos.bottom_right.x / PX_PER_MM - qr[2]) < 1.0
    assert abs(pos.bottom_right.y / PX_PER_MM - qr[3]) < 1.0
    modules = 17 + 4 * int(p.result.layout.extra["qr_version"])
    assert (qr[2] - qr[0]) / modules >= 0.6


@pytest.mark.parametrize("case", CASES, ids=_case_id)
def test_text_fonts_and_serial(case: tuple[str, int, bool], printed: dict[str, Printed]) -> None:
    p = printed[_case_id(case)]
    text = pdftotext(p.pdf, 2, 2)
    missing = [n for n in p.names if n not in text]
    assert not missing, f"names not found in the PDF's text: {missing}"
    assert p.result.serials[1] in text
    assert p.result.serials[0] not in text
    if case[2]:
        assert "样票 不计票" in text
    if case[1] == 2:
        assert "（另行选举）" in text
        assert "应选3名，候选人6名，差额3名" in text
    fonts = pdffonts(p.pdf)
    assert fonts, "the ballot has text, so it must list a font"
    for row in fonts:
        assert row[-5] == "yes", f"font not embedded: {row}"


def _fiducial_centres(img: npt.NDArray[np.uint8]) -> list[tuple[float, float]]:
    """Centres (mm) of solid dark squares of about 5 × 5 mm."""
    _, dark = cv2.threshold(img, 128, 255, cv2.THRESH_BINARY_INV)
    n, _, stats, centroids = cv2.connectedComponentsWithStats(dark)
    side = 5.0 * PX_PER_MM
    out = []
    for i in range(1, n):
        _, _, w, h, area = stats[i]
        if abs(w - side) < 4 and abs(h - side) < 4 and area > 0.9 * w * h:
            out.append((float(centroids[i][0]) / PX_PER_MM, float(centroids[i][1]) / PX_PER_MM))
    return out


def _centre(b: Box) -> tuple[float, float]:
    return ((b[0] + b[2]) / 2, (b[1] + b[3]) / 2)


@pytest.mark.parametrize("case", CASES, ids=_case_id)
def test_fiducials_and_boxes_are_where_the_layout_says(
    case: tuple[str, int, bool],
    printed: dict[str, Printed],
    pages: dict[str, npt.NDArray[np.uint8]],
) -> None:
    name = _case_id(case)
    lay, img = printed[name].result.layout, pages[name]
    assert img.shape[1] == pytest.approx(lay.paper_w * PX_PER_MM, abs=2)
    assert img.shape[0] == pytest.approx(lay.paper_h * PX_PER_MM, abs=2)
    found = _fiducial_centres(img)
    assert len(lay.fiducials) == 5
    for fid in lay.fiducials:
        cx, cy = _centre(fid)
        near = [f for f in found if abs(f[0] - cx) < 3 and abs(f[1] - cy) < 3]
        assert len(near) == 1, f"fiducial at {cx:.1f},{cy:.1f} not found exactly once"
        assert abs(near[0][0] - cx) <= 0.5 and abs(near[0][1] - cy) <= 0.5
    assert len(found) == 5, f"only the five fiducials are solid 5 mm squares: {found}"
    # nothing else is printed within 5 mm of a fiducial
    for fid in lay.fiducials:
        zone = crop(img, _grow(fid, 5.0)).copy()
        for other in lay.fiducials:
            x0, y0, x1, y1 = _grow(other, 0.4)
            gx, gy = fid[0] - 5.0, fid[1] - 5.0
            r0, r1 = max(0, round((y0 - gy) * PX_PER_MM)), max(0, round((y1 - gy) * PX_PER_MM))
            c0, c1 = max(0, round((x0 - gx) * PX_PER_MM)), max(0, round((x1 - gx) * PX_PER_MM))
            zone[r0:r1, c0:c1] = 255
        assert int((zone < 200).sum()) == 0, f"ink within 5 mm of fiducial {fid}"
    # every mark box: empty inside, a dark border exactly on the layout's outline
    boxes = [b for c in lay.candidates for b in c.boxes.values()]
    boxes += [b for w in lay.writeins for b in w.boxes.values()]
    for b in boxes:
        inside = crop(img, b, 0.6)
        assert inside.min() > 200, f"mark box {b} is not empty inside"
        for edge in (
            (b[0] - 0.3, b[1], b[0] + 0.3, b[3]),
            (b[2] - 0.3, b[1], b[2] + 0.3, b[3]),
            (b[0], b[1] - 0.3, b[2], b[1] + 0.3),
            (b[0], b[3] - 0.3, b[2], b[3] + 0.3),
        ):
            assert crop(img, edge).mean() < 140, f"mark box {b}: no border at {edge}"
        ring = crop(img, (b[0] - 2.0, b[1] - 2.0, b[2] + 2.0, b[3] + 2.0))
        inner = crop(img, (b[0] - 0.6, b[1] - 0.6, b[2] + 0.6, b[3] + 0.6))
        # quiet zone: 2 mm around the box holds no ink beyond the box's own border
        assert int((ring < 128).sum()) == int((inner < 128).sum()), f"ink near box {b}"


@pytest.mark.parametrize("case", [c for c in CASES if c[0] in ("S3", "WY", "JW")], ids=_case_id)
def test_rare_characters_print(
    case: tuple[str, int, bool],
    printed: dict[str, Printed],
    pages: dict[str, npt.NDArray[np.uint8]],
) -> None:
    name = _case_id(case)
    lay, img = printed[name].result.layout, pages[name]
    boxes = lay.extra["name_boxes"]
    rare = [c for c in lay.candidates if c.name in RARE]
    assert rare
    for c in rare:
        dark = int((crop(img, boxes[c.code]) < 128).sum())
        # a printed CJK character at >= 12 pt has hundreds of dark pixels at 200 dpi
        assert dark > 150 * len(c.name), f"{c.name} looks blank ({dark} dark pixels)"
    for w in lay.writeins:  # a write-in cell is blank
        assert int((crop(img, w.name_box, 0.5) < 128).sum()) == 0


def test_test_ballot_carries_a_watermark(
    printed: dict[str, Printed], pages: dict[str, npt.NDArray[np.uint8]]
) -> None:
    real, test = pages["JW-r1"], pages["JW-r1-test"]
    tinted_real = int(((real > 150) & (real < 245)).sum())
    tinted_test = int(((test > 150) & (test < 245)).sum())
    assert tinted_test > tinted_real + 50_000  # the big light 样票 across the sheet


# --- geometry, without rendering --------------------------------------------------------------


def _gap(a: Box, b: Box) -> float:
    dx = max(b[0] - a[2], a[0] - b[2], 0.0)
    dy = max(b[1] - a[3], a[1] - b[3], 0.0)
    return float(np.hypot(dx, dy))


def _grow(b: Box, d: float) -> Box:
    return (b[0] - d, b[1] - d, b[2] + d, b[3] + d)


@pytest.mark.parametrize("contest", CONTESTS)
def test_geometry_rules(election: Path, contest: str) -> None:
    with open_election_file(election, "测试员") as db:
        spec = app.ballot_spec(db, contest, 1)
    plan = ballot_pdf.plan_ballot(spec)
    lay = plan.layout
    w, h = lay.paper_w, lay.paper_h
    tl, tr, br, bl, orient = (_centre(f) for f in lay.fiducials)
    assert tl == pytest.approx((10, 10)) and tr == pytest.approx((w - 10, 10))
    assert br == pytest.approx((w - 10, h - 10)) and bl == pytest.approx((10, h - 10))
    assert orient == pytest.approx((18, 10))
    for f in lay.fiducials:
        assert f[2] - f[0] == pytest.approx(5) and f[3] - f[1] == pytest.approx(5)
    boxes = [b for c in lay.candidates for b in c.boxes.values()]
    boxes += [b for wi in lay.writeins for b in wi.boxes.values()]
    expected = len(spec.candidates) * (1 if spec.contest.ballot_style is BallotStyle.SYMBOL else 3)
    assert len(boxes) == expected + spec.contest.writein_columns
    for b in boxes:
        assert b[2] - b[0] >= ballot_pdf.MIN_BOX_MM and b[3] - b[1] == pytest.approx(b[2] - b[0])
        assert b[0] > 0 and b[2] < w and b[1] > 0 and b[3] < h
    for a, b in itertools.combinations(boxes, 2):
        # a ○ drawn up to 2 mm larger than its box does not reach another box
        assert _gap(a, b) >= 5.0, (a, b)
    quiet = ballot_pdf.QR_QUIET_MODULES * ballot_pdf.QR_MODULE_MM
    others = [*boxes, *plan.name_boxes.values(), *(wi.name_box for wi in lay.writeins), lay.qr]
    for f in lay.fiducials:
        for o in others:
            assert _gap(f, o) >= 5.0, f"{o} is within 5 mm of fiducial {f}"
        assert _gap(f, _grow(lay.qr, quiet)) > 0  # the code's quiet zone stays blank
    for o in [*boxes, *(wi.name_box for wi in lay.writeins)]:
        assert _gap(o, _grow(lay.qr, quiet)) > 0
    # names: never below the minimum size, condensed at most to 80 %, inside their cell
    for c in spec.candidates:
        size, hs = plan.name_sizes[c.code]
        assert size >= ballot_pdf.MIN_NAME_PT and hs >= ballot_pdf.MIN_HSCALE
        nb = plan.name_boxes[c.code]
        assert ballot_pdf.text_width(c.name, size, hs) <= nb[2] - nb[0] + 0.01
    if len(spec.candidates) >= 7:  # four-character and "·" names are among them
        assert {"阿不都热合曼·买买提", "欧阳春晓"} <= {c.name for c in spec.candidates}


def test_paper_follows_the_list(election: Path) -> None:
    with open_election_file(election, "测试员") as db:
        papers = {c: app.layout_for(db, c).extra["paper"] for c in CONTESTS}
    assert papers["S3"] == "A4" and papers["JW"] == "A4" and papers["WY"] == "A4"
    assert papers["S60"].startswith("A3") and papers["C60"].startswith("A3")


def test_a_list_too_long_for_any_paper_is_refused() -> None:
    cands = tuple(Candidate(f"c{i}", f"王{i:03d}号") for i in range(400))
    contest = Contest(
        "X",
        "测试",
        ContestKind.DELEGATE,
        Method.COMPETITIVE,
        300,
        None,
        BallotStyle.COLUMNS,
        4,
        ThresholdBase.EXPECTED,
        QuorumRule.HALF,
        20,
        candidates=cands,
    )
    spec = ballot_pdf.BallotSpec(contest, 1, RoundKind.FORMAL, 300, cands)
    with pytest.raises(ballot_pdf.LayoutError) as e:
        ballot_pdf.plan_ballot(spec)
    zh = e.value.message("zh")
    # (fewer write-in columns or the symbol style would not make room for 400: not advised)
    assert "A3" in zh and "最多排得下 62 名候选人" in zh, zh
    assert "“另选他人”栏减到" not in zh and "不设“另选他人”栏" not in zh and "改用" not in zh, zh
    assert "手工录入" in zh and "huanjie manual" in e.value.message("en")
    assert "选举单位" not in zh  # (a committee's list cannot lawfully be split by unit)
    # no write-in columns to reduce, the symbol style: the advice still reads as a sentence
    sym = replace(contest, ballot_style=BallotStyle.SYMBOL, writein_columns=0)
    with pytest.raises(ballot_pdf.LayoutError) as e:
        ballot_pdf.plan_ballot(ballot_pdf.BallotSpec(sym, 1, RoundKind.FORMAL, 300, cands))
    zh = e.value.message("zh")
    assert "请或" not in zh and "。请另行印制选票" in zh, zh


def test_a_column_list_the_symbol_style_would_hold_is_advised_it() -> None:
    spec = _annotated_spec(BallotStyle.COLUMNS, 80, {})
    zh, en = _refusal(spec)
    assert "请改用符号式选票" in zh and "Use the symbol style" in en, (zh, en)
    assert _fits(ballot_pdf._variant(spec, style=BallotStyle.SYMBOL))
    assert "另选他人”栏减到" not in zh and not _fits(ballot_pdf._variant(spec, writeins=0)), zh


def test_one_name_far_too_long_is_named_when_a_ballot_does_not_fit() -> None:
    """Ten candidates, one of them typed as 40 characters: the refusal names that name
    (it blamed the number of candidates and advised splitting a ten-person contest)."""
    long = "阿" * 40
    cands = tuple(Candidate(f"c{i}", long if i == 3 else f"王{i}明") for i in range(10))
    contest = Contest(
        "X",
        "测试",
        ContestKind.COMMITTEE,
        Method.COMPETITIVE,
        8,
        None,
        BallotStyle.SYMBOL,
        0,
        ThresholdBase.EXPECTED,
        QuorumRule.HALF,
        20,
        candidates=cands,
    )
    with pytest.raises(ballot_pdf.LayoutError) as e:
        ballot_pdf.plan_ballot(ballot_pdf.BallotSpec(contest, 1, RoundKind.FORMAL, 8, cands))
    assert f"核对姓名“{long}”（40 个字" in e.value.message("zh")
    assert "40 characters" in e.value.message("en")


def _annotated(
    style: BallotStyle, n: int, notes: dict[int, str], names_at: dict[int, str] | None = None
) -> ballot_pdf.BallotPlan:
    return ballot_pdf.plan_ballot(_annotated_spec(style, n, notes, names_at))


def _annotated_spec(
    style: BallotStyle,
    n: int,
    notes: dict[int, str],
    names_at: dict[int, str] | None = None,
    writeins: int = 2,
) -> ballot_pdf.BallotSpec:
    names = [f"{SURNAMES[i % len(SURNAMES)]}{GIVEN[i % len(GIVEN)]}" for i in range(n)]
    names = [(names_at or {}).get(i, name) for i, name in enumerate(names)]
    cands = tuple(
        Candidate(f"c{i:02d}", name, None, notes.get(i, "")) for i, name in enumerate(names)
    )
    contest = Contest(
        "X",
        "中国共产党测试区第一届委员会委员",
        ContestKind.COMMITTEE,
        Method.COMPETITIVE,
        max(1, n - 2),
        None,
        style,
        writeins,
        ThresholdBase.EXPECTED,
        QuorumRule.HALF,
        20,
        candidates=cands,
    )
    return ballot_pdf.BallotSpec(contest, 1, RoundKind.FORMAL, max(1, n - 2), cands)


def _refusal(spec: ballot_pdf.BallotSpec) -> tuple[str, str]:
    with pytest.raises(ballot_pdf.LayoutError) as e:
        ballot_pdf.plan_ballot(spec)
    return e.value.message("zh"), e.value.message("en")


def _fits(spec: ballot_pdf.BallotSpec) -> bool:
    try:
        ballot_pdf.plan_ballot(spec)
    except ballot_pdf.LayoutError:
        return False
    return True


LONG_NOTE = (
    "某某省某某市某某县某某镇人民政府党委委员、副镇长，某某村党支部第一书记、驻村工作队队长"
    "（女，土家族，1985年11月出生）"
)


@pytest.mark.parametrize(
    ("style", "length", "where"),
    [(BallotStyle.COLUMNS, 36, "印在姓名之后"), (BallotStyle.SYMBOL, 61, "印在姓名下面")],
)
def test_a_note_too_long_for_the_sheet_is_what_the_refusal_names(
    style: BallotStyle, length: int, where: str
) -> None:
    """One note of 36 characters (columns) or 61 (symbol) on an 11-name ballot: the refusal
    said the 11 candidates did not fit and advised fewer write-in columns, the symbol style
    or hand counting — never the note. It names the candidate whose note it is and the
    length that fits (checked: the note cut to it prints, one character more does not)."""
    note = LONG_NOTE[:length]
    spec = _annotated_spec(style, 11, {2: note, 5: "（女）"})
    name = spec.candidates[2].name
    zh, en = _refusal(spec)
    found = re.search(
        rf"候选人“{name}”的备注（{length} 个字）太长（备注{where}，只印一行）：请缩短到 (\d+) 个字以内",
        zh,
    )
    assert found, zh
    cap = int(found[1])
    assert f"the note of {name} ({length} characters) is too long" in en, en
    assert f"at most {cap} characters" in en, en
    assert _fits(_annotated_spec(style, 11, {2: note[:cap], 5: "（女）"}))
    assert not _fits(_annotated_spec(style, 11, {2: note[: cap + 1], 5: "（女）"}))
    # (the short note stands; nothing else is blamed)
    for word in ("（女）", "另选他人", "符号式", "手工录入", "候选人 11 名"):
        assert word not in zh, (word, zh)
    # two notes too long: both named, one length for both
    zh, en = _refusal(_annotated_spec(style, 11, {2: note, 7: note + "等"}))
    two = spec.candidates[7].name
    assert f"“{name}”的备注（{length} 个字）、“{two}”的备注（{length + 1} 个字）太长" in zh, zh
    assert f"请缩短到 {cap} 个字以内" in zh and "are too long" in en, (zh, en)


def test_init_warns_of_a_ballot_that_will_not_fit(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The election was created without a word about the note that stops its ballot; the
    refusal came only at printing. ``init`` lays each ballot out and says it then, as the
    printing will (the file is still made: the note can be shortened there)."""
    from tests.defs import small_definition

    d = small_definition(style="columns", n_people=20, seats=9, candidates=11)
    d["contests"][0]["candidates"][2]["annotation"] = LONG_NOTE[:36]
    src, f = tmp_path / "d.json", tmp_path / "e.huanjie"
    src.write_text(json.dumps(d, ensure_ascii=False), encoding="utf-8")
    assert main(["init", str(f), "--from", str(src)]) == 0
    err = capsys.readouterr().err
    said = re.search(r"\[提示\] (.*选票在 A3 纸上也排不下：候选人“.+”的备注（36 个字）太长.*)", err)
    assert said, err
    argv = ["ballots", "print", str(f), "--contest", "WY", "--count", "1"]
    assert main([*argv, "--out", str(tmp_path / "b.pdf")]) == 1
    assert said[1] in capsys.readouterr().err
    # a file whose ballots fit: no such warning
    ok = tmp_path / "ok.json"
    ok.write_text(json.dumps(small_definition(style="columns"), ensure_ascii=False), "utf-8")
    assert main(["init", str(tmp_path / "ok.huanjie"), "--from", str(ok)]) == 0
    assert "排不下" not in capsys.readouterr().err


def test_a_long_name_is_named_only_when_it_is_what_does_not_fit() -> None:
    """130 names on a symbol ballot with five write-in columns, one of them 13 characters:
    the refusal asked to check that name, though the list without it does not fit either
    (122 fit). It says how many fit, checked against the layout, and names no name."""
    long_name = "阿不都热依木·阿不都克力木"
    spec = _annotated_spec(BallotStyle.SYMBOL, 130, {}, {3: long_name}, writeins=5)
    zh, en = _refusal(spec)
    assert long_name not in zh and long_name not in en, zh
    found = re.search(r"最多排得下 (\d+) 名候选人", zh)
    assert found and "候选人 130 名" in zh, zh
    most = int(found[1])
    assert f"holds {most} candidates at most" in en, en
    cands = spec.candidates
    for n, fits in ((most, True), (most + 1, False)):
        assert _fits(replace(spec, candidates=cands[:n], seats=min(spec.seats, n))) is fits, n
    assert "手工录入" in zh and "huanjie manual" in en
    # the advice to reduce the write-in columns is given as far as it makes room
    columns = re.search(r"把“另选他人”栏减到 (\d+) 栏（现为 5 栏）|不设“另选他人”栏", zh)
    assert columns, zh
    fewer = int(columns[1] or 0)
    assert _fits(ballot_pdf._variant(spec, writeins=fewer))
    if fewer < 4:
        assert not _fits(ballot_pdf._variant(spec, writeins=fewer + 1))


def test_a_long_annotation_stays_in_its_cell() -> None:
    # '（女，柯尔克孜族）' at a fixed 8.5 pt was 27 mm wide in a 24 mm cell of a long list.
    plan = _annotated(BallotStyle.SYMBOL, 64, {5: "（女，柯尔克孜族）", 9: "（女，维吾尔族）"})
    notes = [
        op
        for op in plan.ops
        if isinstance(op, ballot_pdf.TextOp)
        and op.text in ("（女，柯尔克孜族）", "（女，维吾尔族）")
    ]
    assert len(notes) == 2
    for op in notes:
        code = "c05" if "柯" in op.text else "c09"
        nb = plan.name_boxes[code]
        width = ballot_pdf.text_width(op.text, op.size, op.hscale)
        assert op.x - width / 2 >= nb[0] - 0.01 and op.x + width / 2 <= nb[2] + 0.01, op
        assert op.size >= ballot_pdf.NOTE_MIN_PT and op.hscale >= ballot_pdf.MIN_HSCALE


def test_every_name_on_a_symbol_ballot_prints_at_one_size() -> None:
    # Long transliterated names were squeezed into one cell at a smaller size than their
    # neighbours (a name printed bigger or smaller than the others stands out on a ballot).
    long_names = dict(
        enumerate(
            ["阿不都克热木·沙吾提", "伊力哈木·依沙克", "买买提明·玉素甫", "努尔买买提·司马义"]
        )
    )
    plan = _annotated(BallotStyle.SYMBOL, 40, {}, long_names)
    sizes = {size for size, hs in plan.name_sizes.values()}
    assert len(sizes) == 1 and min(hs for _, hs in plan.name_sizes.values()) == 1.0, sizes
    # so does a column ballot: one size, the longest name condensed if it must be
    columns = _annotated(BallotStyle.COLUMNS, 20, {}, {3: long_names[0], 7: long_names[2]})
    assert len({size for size, _ in columns.name_sizes.values()}) == 1
    # a list that cannot keep one size still prints (the long names smaller)
    crowded = _annotated(BallotStyle.SYMBOL, 110, {}, {i * 3: n for i, n in long_names.items()})
    assert len(crowded.name_sizes) == 110


def test_a_column_ballot_measures_the_annotation_as_it_prints_it() -> None:
    # One '乌云其木格（女，蒙古族）' among 13 names sent the ballot to A3: the annotation was
    # measured at the name's size, though printed at 60 % of it.
    long_name = {3: "乌云其木格"}
    assert _annotated(BallotStyle.COLUMNS, 13, {}, long_name).paper == "A4"
    plan = _annotated(BallotStyle.COLUMNS, 13, {3: "（女，蒙古族）"}, long_name)
    assert plan.paper == "A4"
    size, hs = plan.name_sizes["c03"]
    nb = plan.name_boxes["c03"]
    printed = ballot_pdf.text_width("乌云其木格", size, hs) + ballot_pdf.text_width(
        "（女，蒙古族）", size * ballot_pdf.NOTE_SHARE, hs
    )
    assert printed <= nb[2] - nb[0] + 0.01


@pytest.mark.parametrize(
    "style,counts",
    [
        (BallotStyle.COLUMNS, (6, 7, 8, 11, 16, 18, 20, 21, 24, 34, 60)),
        (BallotStyle.SYMBOL, (30, 38, 40, 44, 64)),
    ],
)
def test_the_paper_under_the_table_is_looked_at_however_low_the_table_ends(
    style: BallotStyle, counts: tuple[int, ...]
) -> None:
    # Less than BLANK_MIN_MM of paper left between the table and the foot (8 names with two
    # write-in rows, 18, 20–24; 40 or 44 on a symbol ballot; 34 or 60 on A3) left none of it
    # looked at for writing: ``blank`` was None and the margins begin below the foot's bar.
    # Whatever is left is looked at: as ``blank``, or as one of the ``blanks``.
    for n in counts:
        plan = _annotated(style, n, {})
        lay, h, w = plan.layout, plan.layout.paper_h, plan.layout.paper_w
        low = max(
            *(b[3] for c in lay.candidates for b in c.boxes.values()),
            *(wt.name_box[3] for wt in lay.writeins),
            *(c["cell"][3] for c in lay.extra["cells"].values()),
        )
        foot = h - ballot_pdf.BOTTOM_CLEAR + ballot_pdf.BLANK_BOTTOM_MM
        side = ballot_pdf.BLANK_SIDE_MM
        under = [
            b
            for b in ([lay.extra["blank"]] if lay.extra["blank"] else []) + lay.extra["blanks"]
            if b[0] <= side and b[2] >= w - side and b[1] <= low + 1.5 and b[3] >= foot
        ]
        assert len(under) == 1, (n, low, foot, lay.extra["blank"], lay.extra["blanks"])


def test_a_column_ballot_brackets_a_note_printed_after_the_name() -> None:
    # '王伟' with the note '区直机关' printed right after it read as one name 王伟区直机关.
    plan = _annotated(BallotStyle.COLUMNS, 13, {3: "区直机关", 5: "（女）"})
    texts = [op.text for op in plan.ops if isinstance(op, ballot_pdf.TextOp)]
    assert "（区直机关）" in texts and "（女）" in texts and "区直机关" not in texts


def test_a_note_with_brackets_of_its_own_prints_as_entered_on_both_styles(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A column ballot bracketed every note printed after the name, one holding brackets
    of its own too: '刘伟（城关镇中心小学教师（女，满族））'. It prints as entered, as under
    the name on a symbol ballot, apart from the name; a note without brackets is still
    bracketed there (read back from the PDF with pdftotext)."""
    from tests.defs import small_definition

    texts: dict[str, str] = {}
    for style in ("columns", "symbol"):
        d = small_definition(style=style)
        cands = d["contests"][0]["candidates"]
        cands[0]["annotation"] = "城关镇中心小学教师（女，满族）"
        cands[1]["annotation"] = "区直机关"
        src = tmp_path / f"{style}.json"
        src.write_text(json.dumps(d, ensure_ascii=False), encoding="utf-8")
        f, pdf = tmp_path / f"{style}.huanjie", tmp_path / f"{style}.pdf"
        assert main(["init", str(f), "--from", str(src)]) == 0
        argv = ["ballots", "print", str(f), "--contest", "WY", "--count", "1", "--out", str(pdf)]
        assert main([*argv, "--test"]) == 0
        texts[style] = pdftotext(pdf)
    capsys.readouterr()
    for style, text in texts.items():
        assert "城关镇中心小学教师（女，满族）" in text, (style, text)
        assert "（城关镇" not in text and "满族））" not in text, (style, text)
    columns = texts["columns"]
    assert "王小明 城关镇中心小学教师（女，满族）" in columns, columns  # (set apart: a space)
    assert "李娜（区直机关）" in columns and "（区直机关）" not in texts["symbol"], columns


@pytest.mark.parametrize(
    ("name", "note"),
    [("阿不都热依木·买买提艾力", ""), ("胡浩飞", "（女，回族，区人民医院党委书记、院长）")],
)
def test_one_candidate_with_a_long_name_or_note_prints(name: str, note: str) -> None:
    """A 书记's ballot (one name, no write-in column) whose name or note is longer than a
    cell: refused as "not even on A3 — count by hand" (a grid for one name had one cell)."""
    cands = (Candidate("c1", name, None, note),)
    contest = Contest(
        "SJ",
        "中国共产党测试区第六届委员会书记",
        ContestKind.SECRETARY,
        Method.UNCONTESTED,
        1,
        None,
        BallotStyle.SYMBOL,
        0,
        ThresholdBase.EXPECTED,
        QuorumRule.TWO_THIRDS,
        0,
        candidates=cands,
    )
    plan = ballot_pdf.plan_ballot(ballot_pdf.BallotSpec(contest, 1, RoundKind.FORMAL, 1, cands))
    assert plan.paper == "A4"
    nb = plan.name_boxes["c1"]
    texts = [op for op in plan.ops if isinstance(op, ballot_pdf.TextOp) and op.text in (name, note)]
    assert {op.text for op in texts} == {name} | ({note} if note else set())
    for op in texts:
        width = ballot_pdf.text_width(op.text, op.size, op.hscale)
        assert op.x - width / 2 >= nb[0] - 0.01 and op.x + width / 2 <= nb[2] + 0.01, op


def test_instructions_follow_contest_and_round() -> None:
    cands = tuple(Candidate(f"c{i}", n) for i, n in enumerate(["王一", "李二", "张三"]))
    contest = Contest(
        "SJ",
        "中国共产党测试区第六届委员会书记",
        ContestKind.SECRETARY,
        Method.UNCONTESTED,
        1,
        None,
        BallotStyle.SYMBOL,
        0,
        ThresholdBase.EXPECTED,
        QuorumRule.TWO_THIRDS,
        0,
        candidates=cands[:1],
    )
    spec = ballot_pdf.BallotSpec(contest, 1, RoundKind.FORMAL, 1, cands[:1])
    text = "".join(ballot_pdf.instructions(spec))
    assert "应选1名，候选人1名，实行等额选举" in text
    assert "另选他人" not in text and "所选人数多于应选名额的为废票" in text
    assert "请用黑色或蓝色钢笔、签字笔填写" in text
    assert "赞成的在姓名上方空格内画“○”，不赞成的画“×”，弃权的不画任何符号" in text
    assert ballot_pdf.ballot_title(contest) == "中国共产党测试区第六届委员会书记选举票"
    tie = ballot_pdf.BallotSpec(contest, 3, RoundKind.TIE, 1, cands[:2])
    assert "差额1名" in "".join(ballot_pdf.instructions(tie))
    assert ballot_pdf.round_subtitle(RoundKind.TIE, 3) == "（再次投票）"


def test_a_units_ballot_carries_the_units_name(tmp_path: Path, printed: dict[str, Printed]) -> None:
    # Eighteen units' delegate ballots may all carry one title: the papers are sorted, and
    # counted, by unit — each names its own in the band under the title.
    from tests.defs import small_definition

    data = small_definition()
    data["contests"][0].update(
        kind="delegate", unit="U02", title="出席中国共产党测试市第七次代表大会代表"
    )
    path = make_election(tmp_path / "unit.huanjie", data)
    with open_election_file(path, "测试员") as db:
        res = app.print_ballots(db, "WY", 1, 1, tmp_path / "unit.pdf")
    band = [line for line in pdftotext(res.path, 1, 1).splitlines() if "正式选举" in line]
    assert len(band) == 1 and "第二代表团" in band[0], band
    assert "第一代表团" not in pdftotext(res.path, 1, 1)
    congress = pdftotext(printed["WY-r1"].pdf, 1, 1)  # (a contest of the whole congress)
    assert "代表团" not in congress


@pytest.mark.parametrize("style", ["symbol", "columns"])
def test_the_printed_write_in_instruction_says_what_the_count_takes(
    style: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """With '另选他人须画○' off the count takes a written name without ○ as a vote, yet every
    ballot said to write the name *and* draw ○: a voter who had drawn ○ on every seat and
    wrote a name with ○ too, as told, voided the ballot. The print (first round and 另行选举
    alike: read back from the real PDFs) says what the contest counts."""
    from tests.defs import small_definition

    texts: dict[tuple[bool, int], str] = {}
    for needs_mark in (True, False):
        d = small_definition(style=style)
        d["contests"][0]["writein_needs_mark"] = needs_mark
        src = tmp_path / f"{needs_mark}.json"
        src.write_text(json.dumps(d, ensure_ascii=False), encoding="utf-8")
        f = tmp_path / f"{needs_mark}.huanjie"
        assert main(["init", str(f), "--from", str(src)]) == 0
        with open_election_file(f, "测试员") as db:
            add_round(db, "WY", "supplementary", 1, ["c04", "c05"])
            add_round(db, "WY", "tie", 1, ["c04", "c05"])
        for rnd in (1, 2, 3):
            pdf = tmp_path / f"{needs_mark}-{rnd}.pdf"
            argv = ["ballots", "print", str(f), "--contest", "WY", "--round", str(rnd)]
            assert main([*argv, "--count", "1", "--out", str(pdf)]) == 0
            texts[needs_mark, rnd] = re.sub(r"\s+", "", pdftotext(pdf))
    capsys.readouterr()
    with_mark = (
        "写上其姓名，并在姓名上方空格内画“○”。"
        if style == "symbol"
        else "写上其姓名，并在其后“赞成”栏内画“○”。"
    )
    without_mark = (
        "写上其姓名即为赞成，姓名上方画“○”或不画符号均可，画“×”的不计票。"
        if style == "symbol"
        else "写上其姓名即为赞成，其后“赞成”栏内画“○”或不画符号均可。"
    )
    for rnd in (1, 2):
        assert with_mark in texts[True, rnd] and without_mark not in texts[True, rnd]
        assert without_mark in texts[False, rnd], texts[False, rnd]
        assert with_mark not in texts[False, rnd] and "并在" not in texts[False, rnd]
    # (a 再次投票 is among those tied only: its ballot has no write-in column to explain)
    assert "另选他人" not in texts[True, 3] and "另选他人" not in texts[False, 3]


def test_a_long_title_breaks_between_words() -> None:
    # Greedy breaking by width made '…第十二届委员会书 / 记选举票'.
    width = ballot_pdf.text_width("中国共产党乌鲁木齐市沙依巴克区第十二届委员会", 18) + 1
    for title, second in (
        ("中国共产党乌鲁木齐市沙依巴克区第十二届委员会书记选举票", "书记选举票"),
        (
            "中国共产党乌鲁木齐市沙依巴克区第十二届委员会常务委员会委员选举票",
            "常务委员会委员选举票",
        ),
    ):
        lines = ballot_pdf.title_lines(title, 18, width)
        assert lines == ["中国共产党乌鲁木齐市沙依巴克区第十二届委员会", second]
    assert ballot_pdf.title_lines("短标题选举票", 18, width) == ["短标题选举票"]
    assert "".join(ballot_pdf.title_lines("一" * 60, 18, width)) == "一" * 60  # no word: by width


# --- print runs, serials, spoil ----------------------------------------------------------------


def test_print_run_records_distinct_serials(fresh: Path, tmp_path: Path) -> None:
    out = tmp_path / "wy.pdf"
    with open_election_file(fresh, "张三") as db:
        res = app.print_ballots(db, "WY", None, 25, out)
        assert res.round == 2  # the latest round by default
        assert len(set(res.serials)) == 25
        runs = store.list_print_runs(db, "WY")
        assert [(r.id, r.count, r.test, r.operator) for r in runs] == [(res.run, 25, False, "张三")]
        digest = hashlib.sha256("\n".join(sorted(res.serials)).encode()).hexdigest()
        assert runs[0].serials_digest == digest == res.digest
        assert {s.serial for s in store.serials_of_run(db, res.run)} == set(res.serials)
        info = store.lookup_serial(db, res.serials[7])
        assert info is not None and (info.contest, info.round, info.test) == ("WY", 2, False)
        event = db.con.execute(
            "SELECT event, detail FROM audit ORDER BY seq DESC LIMIT 1"
        ).fetchone()
        assert event["event"] == "ballots.printed"
        assert json.loads(event["detail"])["serials_digest"] == digest
    assert pdftotext(out).count("防伪码") == 25
    assert not out.with_name(out.name + ".part").exists()
    # one ballot to a sheet: the PDF asks a print shop's printer for one side only (on both,
    # a sheet would carry two ballots, two serials)
    assert re.search(rb"/Duplex\s*/Simplex", out.read_bytes())


def test_printing_300_sheets_takes_seconds(fresh: Path, tmp_path: Path) -> None:
    with open_election_file(fresh, "测试员") as db:
        start = time.perf_counter()
        res = app.print_ballots(db, "WY", 1, 300, tmp_path / "many.pdf")
        elapsed = time.perf_counter() - start
    assert len(set(res.serials)) == 300
    assert elapsed < 20, f"300 sheets took {elapsed:.1f} s"


def test_real_ballots_wait_for_a_list_the_rules_accept(fresh: Path, tmp_path: Path) -> None:
    """A 差额 contest set to as many seats as candidates was saved (the page said "候选人不足")
    and 40 real ballots printed "实行等额选举"; two candidates both "张伟" with no note printed
    as two identical columns. Real ballots wait; sample ballots print."""
    with open_election_file(fresh, "测试员") as db:
        (n,) = db.con.execute(
            "SELECT count(*) FROM round_candidates WHERE contest='WY' AND round=1"
        ).fetchone()
        seats = db.con.execute("SELECT seats FROM contests WHERE code='WY'").fetchone()[0]
        db.con.execute("UPDATE contests SET seats = ? WHERE code = 'WY'", (n,))
        db.con.execute("UPDATE rounds SET seats = ? WHERE contest = 'WY' AND number = 1", (n,))
        with pytest.raises(app.BallotRefused, match="候选人不足"):
            app.print_ballots(db, "WY", 1, 1, tmp_path / "x.pdf")
        assert app.print_ballots(db, "WY", 1, 1, tmp_path / "t.pdf", test=True).test
        db.con.execute("UPDATE contests SET seats = ? WHERE code = 'WY'", (seats,))
        db.con.execute("UPDATE rounds SET seats = ? WHERE contest = 'WY' AND number = 1", (seats,))
        first = db.con.execute(
            "SELECT name FROM candidates WHERE contest='WY' AND code='c01'"
        ).fetchone()[0]
        db.con.execute(
            "UPDATE candidates SET name = ?, annotation = '' WHERE contest='WY' AND code='c02'",
            (first,),
        )
        db.con.execute("UPDATE candidates SET annotation = '' WHERE contest='WY' AND code='c01'")
        with pytest.raises(app.BallotRefused, match="无法区分"):
            app.print_ballots(db, "WY", 1, 1, tmp_path / "x.pdf")
        assert len(store.list_print_runs(db)) == 1  # (the sample run only)
    assert not (tmp_path / "x.pdf").exists()


def test_certified_and_void_rounds_refuse_printing(fresh: Path, tmp_path: Path) -> None:
    with open_election_file(fresh, "测试员") as db:
        printed = app.print_ballots(db, "S3", 1, 1, tmp_path / "before.pdf", test=True)
        set_round_status(db, "JW", 1, "certified")
        set_round_status(db, "S3", 1, "void")
        # a round recorded void is frozen like a certified one: its box counts are what the
        # void verdict rests on (they were taken, and verify then said the file was altered)
        with pytest.raises(app.BallotRefused, match="已宣布无效"):
            app.record_box_count(db, "S3", 1, "1", collected=3)
        with pytest.raises(app.BallotRefused, match="已宣布无效"):
            app.spoil(db, printed.serials[0], "写错")
        assert store.read_box_counts(db, "S3", 1) == []
        assert not store.lookup_serial(db, printed.serials[0]).spoiled  # type: ignore[union-attr]
        with pytest.raises(app.BallotRefused, match="冻结"):
            app.print_ballots(db, "JW", 1, 1, tmp_path / "x.pdf")
        with pytest.raises(app.BallotRefused, match="无效"):
            app.print_ballots(db, "S3", None, 1, tmp_path / "x.pdf", test=True)
        with pytest.raises(app.BallotRefused, match="冻结"):
            app.record_box_count(db, "JW", 1, "1", issued=3)
        with pytest.raises(app.BallotRefused):
            app.print_ballots(db, "NOPE", None, 1, tmp_path / "x.pdf")
        with pytest.raises(app.BallotRefused, match="第 9 轮"):
            app.layout_for(db, "WY", 9)
        assert len(store.list_print_runs(db)) == 1  # (the test run printed before)
    assert not (tmp_path / "x.pdf").exists()


def test_spoil_through_the_cli(
    fresh: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "s3.pdf"
    assert (
        main(
            [
                "ballots",
                "print",
                str(fresh),
                "--contest",
                "S3",
                "--count",
                "3",
                "--out",
                str(out),
                "--json",
            ]
        )
        == 0
    )
    serials = json.loads(capsys.readouterr().out)["serials"]
    assert main(["ballots", "spoil", str(fresh), "--serial", "ZZZZZZZZZZ", "--reason", "写错"]) == 1
    err = capsys.readouterr().err
    assert "ZZZZZZZZZZ" in err and "找不到" in err
    assert (
        main(
            [
                "--lang",
                "en",
                "ballots",
                "spoil",
                str(fresh),
                "--serial",
                "ZZZZZZZZZZ",
                "--reason",
                "x",
            ]
        )
        == 1
    )
    assert "no ballot with serial" in capsys.readouterr().err
    assert (
        main(
            [
                "ballots",
                "spoil",
                str(fresh),
                "--serial",
                serials[1].lower(),
                "--reason",
                "选民填错后换票",
            ]
        )
        == 0
    )
    assert serials[1] in capsys.readouterr().out
    assert main(["ballots", "spoil", str(fresh), "--serial", serials[1], "--reason", "again"]) == 1
    assert "已于" in capsys.readouterr().err
    assert main(["ballots", "runs", str(fresh), "--json"]) == 0
    runs = json.loads(capsys.readouterr().out)
    assert [(r["contest"], r["count"], r["spoiled"]) for r in runs] == [("S3", 3, 1)]
    with open_election_file(fresh, "测试员") as db:
        events = [r[0] for r in db.con.execute("SELECT event FROM audit ORDER BY seq")]
        assert events[-2:] == ["ballots.printed", "ballots.spoiled"]


def test_layout_json_through_the_cli(election: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for contest, targets in (("WY", {"mark"}), ("JW", {"agree", "disagree", "abstain"})):
        assert main(["ballots", "layout", str(election), "--contest", contest, "--round", "1"]) == 0
        data = json.loads(capsys.readouterr().out)
        # (blank: room below the table; blanks: other blank paper; headings: the heading
        # rows; bar: the bar printed along the bottom, between the bottom squares)
        assert set(data) - {"blank", "blanks", "headings", "bar"} == {
            "contest",
            "round",
            "style",
            "seats",
            "paper",
            "candidates",
            "writeins",
            "qr",
            "fiducials",
            "cells",
        }
        assert data["contest"] == contest and data["round"] == 1
        # each candidate's cell holds its boxes and its printed name (what the reader
        # looks at for a mark made beside the boxes), each write-in column's its box and
        # its name box (writing beside them is seen too)
        assert set(data["cells"]) == {c["code"] for c in data["candidates"]} | {
            f"w{w['column']}" for w in data["writeins"]
        }
        for w in data["writeins"]:
            cell = data["cells"][f"w{w['column']}"]
            x0, y0, x1, y1 = cell["cell"]
            inside = [*w["boxes"].values(), w["name_box"]]
            assert all(x0 <= b[0] < b[2] <= x1 and y0 <= b[1] < b[3] <= y1 for b in inside)
            assert cell["writein"] is True and w["name_box"] in cell["print"]
        for c in data["candidates"]:
            cell = data["cells"][c["code"]]
            x0, y0, x1, y1 = cell["cell"]
            inside = [*c["boxes"].values(), *cell["print"]]
            assert all(x0 <= b[0] < b[2] <= x1 and y0 <= b[1] < b[3] <= y1 for b in inside)
            assert len(cell["print"]) >= 1
        assert set(data["paper"]) == {"width_mm", "height_mm"}
        assert data["paper"] == {"width_mm": 210, "height_mm": 297}
        for c in data["candidates"]:
            assert set(c) == {"code", "name", "boxes"} and set(c["boxes"]) == targets
            for b in c["boxes"].values():
                assert len(b) == 4 and b[0] < b[2] and b[1] < b[3]
        for wi in data["writeins"]:
            assert set(wi) == {"column", "name_box", "boxes"}
        assert [wi["column"] for wi in data["writeins"]] == list(
            range(1, len(data["writeins"]) + 1)
        )
        assert len(data["qr"]) == 4 and len(data["fiducials"]) == 5
        bl, br = data["fiducials"][3], data["fiducials"][2]
        assert bl[2] < data["bar"][0] < data["bar"][2] < br[0]
        assert data["bar"][1] < (bl[1] + bl[3]) / 2 < data["bar"][3]
        assert BallotLayout.from_json(data).to_json() == data
    assert main(["ballots", "layout", str(election), "--contest", "WY"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["round"] == 2 and data["seats"] == 3 and len(data["candidates"]) == 6
    # (--json taken, as every command whose output is data takes it: it was a usage error)
    assert main(["ballots", "layout", str(election), "--contest", "WY", "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == data
    assert main(["ballots", "layout", str(election), "--contest", "NOPE"]) == 1
    assert "NOPE" in capsys.readouterr().err


def test_issued_and_collected(fresh: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # (JW: WY has a round 2 here, opened on round 1's result, which is then fixed)
    base = ["--contest", "JW", "--round", "1"]
    assert main(["ballots", "issued", str(fresh), *base, "--box", "1", "7"]) == 0
    assert main(["ballots", "issued", str(fresh), *base, "--box", "2", "4"]) == 0
    assert main(["ballots", "collected", str(fresh), *base, "--box", "1", "6"]) == 0
    capsys.readouterr()
    assert main(["ballots", "collected", str(fresh), *base, "--box", "2", "4", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert (data["issued"], data["collected"]) == (11, 10)
    assert data["collected_exceeds_issued"] is False
    assert [(b["box"], b["issued"], b["collected"]) for b in data["boxes"]] == [
        ("1", 7, 6),
        ("2", 4, 4),
    ]
    # a correction replaces the box's figure; another station adds its own box
    assert main(["ballots", "issued", str(fresh), *base, "--box", "1", "8"]) == 0
    assert "发出 12 张，收回 10 张" in capsys.readouterr().out
    with open_election_file(fresh, "测试员") as db:
        totals = app.record_box_count(db, "JW", 1, "1", issued=2, collected=5, station="分会场")
        issued, collected, boxes = totals
        assert (issued, collected, len(boxes)) == (14, 15, 3)
        assert totals.collected_exceeds_issued
        assert app.box_totals(db, "WY", 2) == (0, 0, [])
        with pytest.raises(app.BallotRefused):
            app.record_box_count(db, "JW", 1, "1")
        with pytest.raises(app.BallotRefused):
            app.record_box_count(db, "JW", 1, "1", issued=-1)
        # (a box holds not twice as many ballots as there are voters, 12 in JW: a count typed
        # with a digit too many ended in a traceback, or was stored and broke every tally)
        for issued_, collected_ in ((35, None), (None, 10**20), (2**63 - 1, None)):
            with pytest.raises(app.BallotRefused) as refused:
                app.record_box_count(db, "JW", 1, "9", issued=issued_, collected=collected_)
            assert "12 voters with the vote in JW" in refused.value.en, refused.value.en
        assert app.record_box_count(db, "JW", 1, "9", issued=12, collected=12).issued == 26
        # ... but more than its voters it may hold — ballots never issued put in it, which
        # void the round: they are recorded
        assert app.record_box_count(db, "JW", 1, "9", collected=30).collected == 45
        n = db.con.execute("SELECT count(*) FROM audit WHERE event = 'boxes.counted'").fetchone()
        assert n[0] == 8
    assert (
        main(
            [
                "ballots",
                "collected",
                str(fresh),
                "--contest",
                "JW",
                "--round",
                "1",
                "--box",
                "2",
                "9",
            ]
        )
        == 0
    )
    assert "收回票数多于发出票数" in capsys.readouterr().err


# --- delegate cards ------------------------------------------------------------------------------


def test_badges_for_a_unit(fresh: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "badges.pdf"
    assert main(["badges", str(fresh), "--unit", "U01", "--out", str(out)]) == 0
    assert "7" in capsys.readouterr().out
    text = pdftotext(out)
    with open_election_file(fresh, "测试员") as db:
        mine = repo.read_people(db, "U01")
        others = repo.read_people(db, "U02")
        codes = repo.badge_codes(db)
        assert db.con.execute("SELECT event FROM audit ORDER BY seq DESC").fetchone()[0] == (
            "badges.printed"
        )
    for p in mine:
        assert p.name in text
    for p in others:
        assert p.name not in text
    assert "机关代表团" in text and "中国共产党测试区第六次代表大会" in text
    for row in pdffonts(out):
        assert row[-5] == "yes"
    img = render_page(out, 1, tmp_path)
    read = {
        r.text
        for r in zxingcpp.read_barcodes(
            img, formats=zxingcpp.BarcodeFormats(zxingcpp.BarcodeFormat.Code128)
        )
    }
    assert read == {codes[p.code] for p in mine}
    assert main(["badges", str(fresh), "--out", str(tmp_path / "all.pdf")]) == 0
    assert "12" in capsys.readouterr().out
    assert main(["badges", str(fresh), "--unit", "U99", "--out", str(out)]) == 1
    assert "U99" in capsys.readouterr().err


def test_a_card_says_whether_its_holder_votes(fresh: Path, tmp_path: Path) -> None:
    """Everyone on the roster got a 代表证, a probationary member without the vote the same
    card as a voter (the card is what a ballot is handed out on); at a members' assembly
    there are no delegates at all."""
    with open_election_file(fresh, "测试员") as db:
        people = repo.read_people(db)
        guest = people[-1]
        with db.transaction() as con:
            con.execute("UPDATE people SET has_vote = 0 WHERE code = ?", (guest.code,))
    out = tmp_path / "b.pdf"
    assert main(["badges", str(fresh), "--out", str(out)]) == 0
    text = re.sub(r"\s+", "", pdftotext(out))
    assert text.count("代表证") == len(people) - 1 and text.count("列席证（无表决权）") == 1
    with open_election_file(fresh, "测试员") as db, db.transaction() as con:
        con.execute("UPDATE election SET level = 'basic'")
    assert main(["badges", str(fresh), "--out", str(out)]) == 0
    text = re.sub(r"\s+", "", pdftotext(out))
    assert "代表证" not in text and text.count("出席证") == len(people) - 1


def test_missing_file_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["ballots", "runs", str(tmp_path / "none.huanjie")]) == 1
    assert "找不到选举文件" in capsys.readouterr().err


def test_a_name_with_a_character_micro_hei_lacks_prints_in_the_fallback(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # 䶮 and 𫘜 are in 《通用规范汉字表》 (三级字, kept for names) but not in Micro Hei: they
    # print in the fallback font, the rest of the name in Micro Hei — on the ballot, the
    # 代表证 and the result sheet; before, such a name was refused.
    from tests.defs import small_definition

    d = small_definition()
    d["people"][0]["name"] = "刘䶮"
    d["people"][1]["name"] = "马𫘜"
    src = tmp_path / "def.json"
    src.write_text(json.dumps(d, ensure_ascii=False), encoding="utf-8")
    f = tmp_path / "e.huanjie"
    assert main(["init", str(f), "--from", str(src)]) == 0
    ballot, badges, sheet = tmp_path / "b.pdf", tmp_path / "c.pdf", tmp_path / "r.pdf"
    assert (
        main(["ballots", "print", str(f), "--contest", "WY", "--count", "1", "--out", str(ballot)])
        == 0
    )
    assert main(["badges", str(f), "--out", str(badges)]) == 0
    assert main(["report", str(f), "--contest", "WY", "--out", str(sheet)]) == 0
    capsys.readouterr()
    for pdf in (ballot, badges, sheet):
        text = pdftotext(pdf)
        assert "刘䶮" in text and "马𫘜" in text, pdf.name
        fonts = " ".join(" ".join(row) for row in pdffonts(pdf))
        assert "HanaMinA" in fonts and "MicroHei" in fonts, pdf.name
    # the rare character is drawn (ink where it stands), not a blank
    with open_election_file(f, "测试员") as db:
        plan = ballot_pdf.plan_ballot(app.ballot_spec(db, "WY", 1))
    code = next(c.code for c in plan.spec.candidates if c.name == "刘䶮")
    x0, y0, x1, y1 = plan.name_boxes[code]
    size, hs = plan.name_sizes[code]
    right = (x0 + x1) / 2 + ballot_pdf.text_width("刘䶮", size, hs) / 2  # 䶮 is the right half
    img = render_page(ballot, 1, tmp_path)
    part = crop(img, ((x0 + x1) / 2 + 0.5, y0, right, y1))
    assert np.count_nonzero(part < 128) > 30


def test_a_plenarys_cards_are_attendance_cards(tmp_path: Path) -> None:
    """A committee's plenary (常委, 书记, 副书记) has members, no delegates: its cards said
    代表证."""
    from tests.sheet_rows import definition, make_election

    data = definition(kind="standing", seats=2, candidates=3)
    path = make_election(tmp_path / "plenary.huanjie", data)
    out = tmp_path / "cards.pdf"
    assert main(["badges", str(path), "--out", str(out)]) == 0
    text = pdftotext(out)
    assert "出席证" in text.replace(" ", "") and "代表证" not in text.replace(" ", ""), text[:200]


def _words_outside_their_card(pdf: Path) -> list[str]:
    """Words (pdftotext -bbox) that run past the card their middle is on."""
    from huanjie_desktop.reports import badges

    html = subprocess.run(
        ["pdftotext", "-bbox", str(pdf), "-"], check=True, capture_output=True, text=True
    ).stdout
    pt = 72 / 25.4
    out = []
    for m in re.finditer(
        r'<word xMin="([\d.]+)" yMin="[\d.]+" xMax="([\d.]+)" yMax="[\d.]+">([^<]*)</word>', html
    ):
        x0, x1 = float(m[1]) / pt, float(m[2]) / pt
        col = int(((x0 + x1) / 2 - badges.MARGIN_X) // badges.CARD_W)
        left = badges.MARGIN_X + col * badges.CARD_W
        if x0 < left + 3 or x1 > left + badges.CARD_W - 3:
            out.append(m[3])
    return out


def test_namesakes_cards_say_which_of_them_each_is(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Two 刘伟 of one unit got cards alike but for the barcode's digits: handed out the
    wrong way round, the check-in was recorded against the other one. Each namesake's card
    carries the note that tells them apart — on the whole roster, not only the unit: the
    candidate's note as the ballot prints it, else gender and birth year, else the
    workplace when those are alike — after the name; nobody else's card has one."""
    from tests.defs import namesakes_definition

    src = tmp_path / "def.json"
    src.write_text(json.dumps(namesakes_definition(), ensure_ascii=False), encoding="utf-8")
    f = tmp_path / "e.huanjie"
    assert main(["init", str(f), "--from", str(src)]) == 0
    unit, cards = tmp_path / "u02.pdf", tmp_path / "all.pdf"
    assert main(["badges", str(f), "--unit", "U02", "--out", str(unit)]) == 0
    assert main(["badges", str(f), "--out", str(cards)]) == 0
    capsys.readouterr()
    # (the 刘伟 of 第一代表团 is not on the U02 cards, yet makes theirs need a note)
    text = re.sub(r"\s+", "", pdftotext(unit))
    assert "刘伟（区财政局副局长）" in text and "刘伟（区教育局科员）" in text, text
    assert "区委办" not in text
    text = re.sub(r"\s+", "", pdftotext(cards))
    assert "刘伟（区委办）" in text  # as the ballot prints it
    assert "阿依古丽·买买提艾力·热合曼（男，1975年）" in text, text
    assert "阿依古丽·买买提艾力·热合曼（女，1977年）" in text
    assert text.count("（") == 5, text  # no note for anyone else
    assert _words_outside_their_card(cards) == []


def test_namesake_notes_go_on_until_they_tell_people_apart() -> None:
    from huanjie_desktop.domain.model import Person
    from huanjie_desktop.domain.namesakes import namesake_notes

    a = Person("P1", "王 伟", "男", birth="1970-03")
    b = Person("P2", "王伟", "男", birth="1970-11")
    c = Person("P3", "王芳", "女", birth="1970-03")
    # the same gender and year, no workplace: the month
    assert namesake_notes([a, b, c]) == {"P1": "（男，1970年3月）", "P2": "（男，1970年11月）"}
    # nothing on the roster tells them apart: the codes
    twin = Person("P4", "王伟", "男", birth="1970-03")
    assert namesake_notes([a, twin]) == {"P1": "（P1）", "P4": "（P4）"}
    # two candidate notes alike (two contests): the roster's instead
    got = namesake_notes([a, Person("P5", "王伟", "女")], {"P1": "（区委）", "P5": "区委"})
    assert got == {"P1": "（男，1970年）", "P5": "（女）"}
