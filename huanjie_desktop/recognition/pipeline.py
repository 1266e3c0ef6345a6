"""One page in, one `PageResult` out: load, keep, register, decode, read every target.

`process_page` is what each worker process runs; it never raises for a bad page (every
expected failure is a result with a reason code) and never touches the election file: the
parent process decides what the page means for the election's records (duplicates, serials,
certified rounds) and writes it. The page-level status proposed here is one of
``counted`` / ``review`` / ``rejected``.
"""

from __future__ import annotations

import functools
import json
import math
import time
import traceback
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import cv2
import numpy as np
from numpy.typing import NDArray

from huanjie_desktop.domain.ballot_code import BallotCode, CodeProblem, decode
from huanjie_desktop.domain.layout import BallotLayout, Box
from huanjie_desktop.domain.model import Mark, SheetStatus
from huanjie_desktop.recognition import boxgrid, elsewhere, streaks
from huanjie_desktop.recognition import marks as mk
from huanjie_desktop.recognition.backs import ballot_part, writing_on_back
from huanjie_desktop.recognition.config import DEFAULT_CONFIG, RecognitionConfig
from huanjie_desktop.recognition.hidden import hidden_print
from huanjie_desktop.recognition.load import (
    LoadedPage,
    LoadProblem,
    PageRef,
    finer,
    jpeg_damage,
    keep_copy,
    load_page,
    tiff_damage,
)
from huanjie_desktop.recognition.qr import codes_with_corners, read_qr
from huanjie_desktop.recognition.register import (
    FiducialGeometry,
    Overview,
    Registration,
    RegistrationProblem,
    dark_share,
    dark_share_off_lines,
    flattened,
    from_code,
    hollowed,
    mended_print,
    paper_light,
    partial,
    refined_square,
    register,
    square_candidates,
    squares_at_edge,
    stretched,
    with_geometry,
)
from huanjie_desktop.recognition.writein_band import writein_band

Gray = NDArray[np.uint8]

_CODE_REASONS = {
    CodeProblem.NOT_OURS: "code_not_ours",
    CodeProblem.FORMAT: "code_damaged",
    CodeProblem.FORGED: "code_forged",
}


@dataclass(frozen=True)
class RoundInfo:
    """What reading a round's ballots needs (built by the app layer from the election)."""

    layout: BallotLayout
    fingerprint: str
    writein_needs_mark: bool = True
    #: each candidate's printed name as a mask (`reports.glyphs.name_glyphs`): a mark
    #: drawn on a name is told from its strokes (`elsewhere.marks_on_names`)
    glyphs: dict[str, tuple[Box, NDArray[np.uint8]]] = field(default_factory=dict)
    #: the column-style table's heading words as masks (`reports.glyphs.heading_glyphs`):
    #: a ○ drawn over one is told from their strokes
    heading_glyphs: dict[str, tuple[Box, NDArray[np.uint8]]] = field(default_factory=dict)
    #: each symbol-style write-in cell's printed label as a mask
    #: (`reports.glyphs.writein_label_glyphs`): a name written over it is told from its strokes
    label_glyphs: dict[str, tuple[Box, NDArray[np.uint8]]] = field(default_factory=dict)


@dataclass(frozen=True)
class ReadContext:
    """Everything a worker needs, sent once per worker (picklable)."""

    key: bytes
    rounds: dict[tuple[str, int], RoundInfo]
    config: RecognitionConfig = DEFAULT_CONFIG
    images_dir: str | None = None  # where page images are kept; None: not kept
    overlay_dir: str | None = None

    def geometries(self) -> list[FiducialGeometry]:
        out: list[FiducialGeometry] = []
        for info in self.rounds.values():
            g = FiducialGeometry.from_layout(info.layout)
            if g not in out:
                out.append(g)
        return out

    def paper_long_mm(self) -> float:
        if not self.rounds:
            return 297.0
        return max(max(i.layout.paper_w, i.layout.paper_h) for i in self.rounds.values())


@dataclass(frozen=True)
class WriteinRead:
    column: int
    has_name: bool | None  # None: unclear
    mark: Mark

    def to_json(self) -> dict[str, Any]:
        return {"column": self.column, "has_name": self.has_name, "mark": str(self.mark)}


@dataclass(frozen=True)
class PageResult:
    """The reading of one page. ``status``/``reasons`` are final once the app layer has
    checked the election's records (``sheet_id`` is then set)."""

    source_file: str
    page: int
    image_sha256: str
    image_path: str
    status: SheetStatus
    reasons: tuple[str, ...] = ()
    contest: str | None = None
    round: int | None = None
    serial: str | None = None
    test: bool | None = None
    ballot_valid: bool | None = None
    marks: tuple[tuple[str, Mark], ...] = ()
    writeins: tuple[WriteinRead, ...] = ()
    scores: dict[str, Any] = field(default_factory=dict)
    sheet_id: str = ""
    already_stored: bool = False  # found in the election file from an earlier run
    #: Sheets stored before this one that it put on hold (the same serial on another image):
    #: read as counted, they now wait for a person too.
    held_too: tuple[str, ...] = ()
    #: A page already stored: the write-ins as a confirmed review decision recorded them
    #: (``column``, ``name``, ``person``, ``mark``), in place of the machine's reading ...
    decided_writeins: tuple[dict[str, Any], ...] | None = None
    #: ... and that decision (who decided and confirmed, valid, why), for the JSON.
    decision: dict[str, Any] | None = None
    #: How many pages the file was listed with when this page was read (0: not known). A
    #: file cut short lists one page more than it holds (`load.list_pages`): the last page
    #: read whole says the file was read to its end.
    pages: int = 0

    def blank_in_black_and_white(self) -> bool:
        """A ballot counted with no mark at all from a black-and-white scan: a scanner in
        that mode drops a red, blue or green pen's strokes as white paper."""
        return (
            self.status is SheetStatus.COUNTED
            and self.ballot_valid is True
            and bool(self.scores.get("bilevel"))
            and bool(self.marks)
            and all(m is Mark.ABSTAIN for _, m in self.marks)
            and not any(w.has_name or w.mark is not Mark.ABSTAIN for w in self.writeins)
        )

    def mark_codes(self) -> str | None:
        """Compact marks in ballot order (A/D/N/?), or None when nothing was read."""
        if not self.marks:
            return None
        return "".join(m.code for _, m in self.marks)

    def to_json(self, lang: str = "zh") -> dict[str, Any]:
        from huanjie_desktop.recognition.reasons import messages

        return {
            "file": self.source_file,
            "page": self.page,
            "status": str(self.status),
            "reason": messages(self.reasons, lang) if self.reasons else None,
            "reasons": list(self.reasons),
            "contest": self.contest,
            "round": self.round,
            "serial": self.serial,
            "ballot_valid": self.ballot_valid,
            "marks": {code: str(m) for code, m in self.marks},
            "writeins": (
                [w.to_json() for w in self.writeins]
                if self.decided_writeins is None
                else [
                    {
                        "column": w.get("column"),
                        "has_name": bool(w.get("name") or w.get("person") or w.get("illegible")),
                        **w,
                    }
                    for w in self.decided_writeins
                ]
            ),
            "image_sha256": self.image_sha256,
            "sheet": self.sheet_id or None,
            **({"held_too": list(self.held_too)} if self.held_too else {}),
            # (stored by an earlier run: printed as the file holds it, counted there once —
            # a tool adding up the counted lines of two runs must not count it again)
            **({"already_stored": True} if self.already_stored else {}),
            **({"decision": self.decision} if self.decision is not None else {}),
        }


@dataclass(frozen=True)
class PageReading:
    """What the image says, before the file it came from is known."""

    status: SheetStatus
    reasons: tuple[str, ...]
    scores: dict[str, Any]
    code: BallotCode | None = None
    ballot_valid: bool | None = None
    marks: tuple[tuple[str, Mark], ...] = ()
    writeins: tuple[WriteinRead, ...] = ()
    registration: Registration | None = None
    layout: BallotLayout | None = None
    box_calls: dict[str, str] = field(default_factory=dict)  # target → call, for overlays
    shifts: boxgrid.Shifts | None = None  # the boxes read where they were found, box by box


def _rejected(reason: str, scores: dict[str, Any], **kw: Any) -> PageReading:
    return PageReading(SheetStatus.REJECTED, (reason,), scores, **kw)


def _qr_crop(
    reg: Registration, layouts: list[BallotLayout], margin: float
) -> tuple[int, int, int, int]:
    xs: list[float] = []
    ys: list[float] = []
    for lay in layouts:
        x0, y0, x1, y1 = lay.qr
        for x, y in (
            (x0 - margin, y0 - margin),
            (x1 + margin, y0 - margin),
            (x1 + margin, y1 + margin),
            (x0 - margin, y1 + margin),
        ):
            px, py = reg.to_px(x, y)
            xs.append(px)
            ys.append(py)
    return (math.floor(min(xs)), math.floor(min(ys)), math.ceil(max(xs)), math.ceil(max(ys)))


#: Refusals that a page lit unevenly or a faded copy can cause: such a page is evened out
#: and looked at once more. (A faded ballot's thin print can look like a blank back's.)
_SECOND_LOOK = frozenset(
    {
        "blank_page",
        "no_registration",
        "registration_implausible",
        "boxes_misplaced",
        "mirrored",  # squares matched wrongly in the shade: the code turns otherwise
        "code_unreadable",
    }
)


def read_image(gray: Gray, ctx: ReadContext, finer: mk.Finer | None = None) -> PageReading:
    """Read one page image (grey, any resolution the loader chose).

    A page refused because its squares or boxes were not found where they should be is,
    when it is lit unevenly or faded, evened out (`evened`) and read once more; the second
    reading stands only if it is not refused, or finds a blank page (a blank back in a
    shadow): then its scores say so (``second_look``). ``finer``: the page at a finer
    resolution than ``gray``, on demand (`load.finer`), for a second look at thin strokes."""
    first = _read_image(gray, ctx, finer)
    looked = gray
    if first.status is SheetStatus.REJECTED and set(first.reasons) & _SECOND_LOOK:
        even = evened(gray, ctx)
        if even is not None:
            second = _read_image(even[0], ctx, finer)
            # (a blank back in a shadow is dark, not a page that cannot be registered)
            if second.status is not SheetStatus.REJECTED or second.reasons == ("blank_page",):
                second.scores["second_look"] = {"after": first.reasons[0], **even[1]}
                first = second
                if "uneven_light" in even[1]:
                    # (writing is looked for on the page evened out, never stretched: a
                    # stretch would darken the front's print showing through like ink)
                    looked = flat[0] if (flat := evened(gray, ctx, stretch=False)) else gray
    if first.status is SheetStatus.REJECTED and first.reasons[0] in _BANDING_LOOK:
        banded = _banded_look(gray, ctx, first.reasons[0], finer)
        if banded is not None:
            first = banded
    cfg = ctx.config
    min_long = min((max(g.paper_w, g.paper_h) for g in ctx.geometries()), default=297.0)
    # (the page reduced once for every look at a page with no squares found or taken for blank)
    unread = first.reasons in (("blank_page",), ("no_registration",))
    ov = Overview.of(gray, cfg, min_long) if unread else None
    if ov is not None:
        # Part of a ballot's front (a sheet jammed in the feeder, a scan started late): two of
        # its corner squares are there, its code is not. Skipped as a back it is a ballot lost
        # without a word; taken for a back with writing on it, it holds the ballot before it.
        # Refused, to be scanned again — a front refused, never a back.
        part = ballot_part(gray, ctx.geometries(), cfg, ov)
        if part is not None:
            first.scores["ballot_part"] = part
            return replace(first, reasons=("part_of_ballot",))
    nearly_blank = (
        first.reasons == ("no_registration",)
        and float(first.scores.get("dark_share", 1.0)) < cfg.back_max_dark_share
    )
    if not (first.reasons == ("blank_page",) or nearly_blank):
        ov = None  # (a page with print on it, not a back: the looks below are not its)
    marked_faint = (
        None
        if ov is None
        else _faint_marked_ballot(gray, ctx, ov, dict(first.scores), finer, not nearly_blank)
    )
    if marked_faint is not None:
        # (a ballot printed faintly and marked, read — before any look for a back: its pen
        # strokes taken for writing on a back, it was held as one, or refused "fed face down")
        marked_faint.scores["second_look"]["after"] = first.reasons[0]
        first = marked_faint
    elif ov is not None:
        # A name or a number written on the back of a ballot (larger writing makes the
        # back too dark for a blank page, and it has no squares): a person looks at its front.
        white = ov.white if looked is gray else Overview.of(looked, cfg, min_long).white
        scanned = None if looked is gray else (gray, ov.white)
        written = writing_on_back(looked, white, max(looked.shape) / min_long, cfg, scanned)
        # A ballot seen through it, flipped over: the back of the page before it, or a
        # ballot fed face down — which of the two, the pages around it say (`app.scan`).
        if (shown := show_through(gray, ctx)) is not None:
            if (front := _light_front(gray, ctx, float(shown["stretch"]))) is not None:
                # (not a back: the ballot's own front, its print showing the right way round —
                # scanned far too light to be read; taken for a back it was "fed face down")
                first.scores["too_light"] = {"serial": front, "stretch": shown["stretch"]}
                return replace(first, reasons=("scanned_too_light",))
            first.scores["show_through"] = shown
        if written is not None:
            first.scores["back_writing"] = written
            if (serial := _faint_front(gray, ctx, ov.white)) is not None:
                # (not a back: a ballot's front, marked, printed too faintly in streaks to
                # be read — its code read the right way round on it: refused, not read;
                # taken for a back it dropped out of the count, holding the ballot before it)
                first.scores["too_light"] = {"serial": serial, "print_evened": True}
                return replace(first, reasons=("scanned_too_light",))
            return replace(first, reasons=("writing_on_back",))
        if nearly_blank:
            # A blank back folded in four and fed askew: its creases' shadows, slanting, are
            # dark enough to be taken for print — the page is not blank by `dark_share`, and
            # has no squares. With the long straight lines left out it is: a blank back (after
            # the same look for a ballot printed faintly as any blank page gets).
            off_lines = dark_share_off_lines(
                ov.small,
                ov.white,
                cfg.blank_dark,
                max(ov.small.shape) / min_long,
                cfg.back_line_min_mm,
                cfg.back_line_max_width_mm,
            )
            if off_lines < cfg.blank_max_dark_share:
                faint = _faint_ballot(gray, ctx, ov, dict(first.scores), finer)
                if faint is None:
                    first.scores["dark_share_off_lines"] = round(off_lines, 5)
                    return replace(first, reasons=("blank_page",))
                first = faint
    if first.status is not SheetStatus.REJECTED and _another_ballot(gray, first, ctx):
        # Two sheets on the glass, or two pages in one image: one would be read, the other
        # lost without a word. Neither counts from this image.
        return replace(first, status=SheetStatus.REJECTED, reasons=("two_ballots",))
    return _faded_held(first)


#: Refusals after which the page is looked at once more with its print mended where an
#: inkjet's banding broke it (`_banded_look`).
_BANDING_LOOK = frozenset({"no_registration", "registration_implausible", "code_unreadable"})


def _banded_look(
    gray: Gray, ctx: ReadContext, after: str, finer: mk.Finer | None
) -> PageReading | None:
    """A page refused (``after``) because its squares or its code were not found whole,
    read with them found on its print mended (`register.mended_print`): an inkjet's clogged
    nozzles (打印条纹) leave white lines or paler bands across all its print, which cut every
    square and the code into strips. The marks are read on the page as scanned; the map
    must pass every check, the code's seal too. None: the mended page gives no such map."""
    cfg = ctx.config
    geoms = ctx.geometries()
    min_long = min((max(g.paper_w, g.paper_h) for g in geoms), default=297.0)
    ov = Overview.of(gray, cfg, min_long)
    black = print_black(ov.small, ov.white)
    if black < cfg.contrast_min_black:
        # (no print dark enough to be mended; print this faint all over — the toner running
        # out, a pale copy — is the faint looks': stretched, any mark held for a person)
        return None
    mended = mended_print(gray, ov.white, black, max(gray.shape) / min_long, cfg)
    reg = register(mended, geoms, cfg, Overview.of(mended, cfg, min_long))
    if not isinstance(reg, Registration):
        return None
    # (the mended squares are solid: how dark the print is, the squares as scanned say)
    side = reg.geometry.size_mm * reg.px_per_mm
    blacks = [r[3] for x, y in reg.points if (r := refined_square(gray, x, y, side)) is not None]
    if blacks:
        reg = replace(reg, black=float(np.median(blacks)))
    scores: dict[str, Any] = {
        "config": cfg.digest(),
        "size": [int(gray.shape[1]), int(gray.shape[0])],
        "dark_share": round(dark_share(ov.small, ov.white, cfg.blank_dark), 5),
        "paper_white": round(ov.white, 1),
        "banding": {"after": after},
    }
    reading = _read_registered(gray, ctx, ov, reg, scores, finer=finer, code_image=mended)
    if reading.reasons == ("boxes_misplaced",):
        before = {k: v for k, v in scores.items() if k not in _READ_KEYS}
        reading = _read_registered(
            gray, ctx, ov, reg, before, bent=True, finer=finer, code_image=mended
        )
    if reading.status is SheetStatus.REJECTED and reading.reasons[0] in _PARTIAL_WRONG:
        return None
    return reading


def _faded_held(reading: PageReading) -> PageReading:
    """A page read with its contrast raised (printed faintly, the toner running out, or
    scanned too light: `evened`, `_faint_ballot`) holding any mark: held for a person. The
    stretch that brings the print up to black brings a voter's faint pencil up with it — a ○
    a person would call too faint to count reads clear there."""
    look = reading.scores.get("second_look")
    stretched_by = look.get("contrast_stretch") if isinstance(look, dict) else None
    if (
        not stretched_by
        or reading.status is SheetStatus.REJECTED
        or "faded_print" in reading.reasons
        or not any(
            m in (Mark.AGREE, Mark.DISAGREE)
            for m in (*(m for _, m in reading.marks), *(w.mark for w in reading.writeins))
        )
    ):
        return reading
    return replace(reading, status=SheetStatus.REVIEW, reasons=(*reading.reasons, "faded_print"))


def _mirror_image(gray: Gray, ctx: ReadContext, ov: Overview) -> str | None:
    """The serial of the ballot the page is a mirror image of (a scanner set to mirror, a
    back with its front showing through), its squares and code read on the image flipped
    over; None when it is none. Only asked of a page refused as unregistered."""
    flipped = Overview(np.ascontiguousarray(ov.small[:, ::-1]), ov.factor, ov.white)
    return _serial_in_place(np.ascontiguousarray(gray[:, ::-1]), flipped, ctx)


def _serial_in_place(image: Gray, ov: Overview, ctx: ReadContext) -> str | None:
    """The serial of the ballot ``image`` shows: its squares found, its code read where they
    put it and its seal checked; None when any of it fails."""
    reg = register(image, ctx.geometries(), ctx.config, ov)
    if not isinstance(reg, Registration):
        return None
    same_paper = [
        i.layout
        for i in ctx.rounds.values()
        if FiducialGeometry.from_layout(i.layout) == reg.geometry
    ]
    crop = _qr_crop(reg, same_paper, ctx.config.qr_margin_mm)
    text = read_qr(image, crop, reg.px_per_mm).text
    code = decode(text, ctx.key) if text is not None else None
    return None if code is None or isinstance(code, CodeProblem) else code.serial


def _light_front(gray: Gray, ctx: ReadContext, black: float) -> str | None:
    """The serial of the ballot whose front the page ``gray`` is, taken for a back (`show_through`
    found a ballot on it flipped over): its squares found and its code read where it should be
    on the page as it is, its contrast stretched from print of darkness ``black``. A back
    shows its ballot mirrored — found flipped over only; a front scanned far too light (the
    scanner's brightness at its top) shows it the right way round. None: a back."""
    cfg = ctx.config
    geoms = ctx.geometries()
    min_long = min((max(g.paper_w, g.paper_h) for g in geoms), default=297.0)
    ov = Overview.of(gray, cfg, min_long)
    image = stretched(gray, max(ov.white, 1.0), black, cfg.contrast_target_black)
    return _serial_in_place(image, Overview.of(image, cfg, min_long), ctx)


def _faint_front(gray: Gray, ctx: ReadContext, white: float) -> str | None:
    """The serial of the ballot whose front the page ``gray`` is, printed too faintly and
    unevenly to be read (the toner running out in streaks: its code half lost in one), taken
    for a back: its code, with a seal that checks, read the right way round on the page with
    its print evened out (each place's darkness over the darkest print within
    ``faint_front_reach_mm``: a streak's print as dark as the rest). A back shows its
    front's code mirrored: read, it lies across the page (a mirror turns a code upright on
    the page a quarter turn, as the decoder sees it). None: no such code. Only asked of a
    page about to be taken for a back with something on it (``white``: its paper's)."""
    cfg = ctx.config
    min_long = min((max(g.paper_w, g.paper_h) for g in ctx.geometries()), default=297.0)
    white = max(white, 1.0)
    # (at some 6 px/mm: a code's modules, half a millimetre, 3 px)
    half = max(1, int(max(gray.shape) / min_long / 6.0))
    small = gray[::half, ::half] if half > 1 else gray
    px_per_mm = max(small.shape) / min_long
    dark = np.clip(1.0 - small.astype(np.float32) / np.float32(white), 0.0, 1.0)
    for blur_mm in cfg.faint_front_blur_mm:
        d = cv2.GaussianBlur(dark, (0, 0), blur_mm * px_per_mm) if blur_mm else dark
        k = max(3, round(cfg.faint_front_reach_mm * px_per_mm) | 1)
        near = cv2.dilate(d, np.ones((k, k), np.uint8))
        near = cv2.blur(near, (k, k))  # (smoothed: no step where the darkest drops out)
        even = np.clip(d / np.maximum(near, np.float32(cfg.faint_print_min_black)), 0.0, 1.0)
        image = np.ascontiguousarray((255.0 * (1.0 - even)).astype(np.uint8))
        for text, orientation in _codes_turned(image):
            code = decode(text, ctx.key)
            if isinstance(code, CodeProblem) or (code.contest, code.round) not in ctx.rounds:
                continue
            lay = ctx.rounds[(code.contest, code.round)].layout
            # (upright or upside down on a page the paper's way round; a quarter turn on a
            # page scanned sideways; otherwise mirrored)
            page_across = (small.shape[1] > small.shape[0]) != (lay.paper_w > lay.paper_h)
            if (round(orientation / 90.0) % 2 == 1) == page_across:
                return code.serial
    return None


def _codes_turned(image: Gray) -> list[tuple[str, float]]:
    """Every QR code zxing-cpp reads in ``image``, with how it is turned (degrees)."""
    import zxingcpp

    try:
        found = zxingcpp.read_barcodes(
            image, formats=zxingcpp.BarcodeFormats(zxingcpp.BarcodeFormat.QRCode)
        )
    except (ValueError, RuntimeError):
        return []
    return [(str(b.text), float(b.orientation)) for b in found if b.valid and b.text]


def show_through(gray: Gray, ctx: ReadContext) -> dict[str, Any] | None:
    """The ballot whose front shows through the page ``gray``, taken for a blank back: its
    squares found, and its code read where it can be, on the page flipped over (the front's
    print shows through mirrored) with its contrast stretched; None when no ballot shows.

    A back after its front shows that front; a ballot fed face down into a scanner that
    reads one side shows its own front — the ballot itself, never read. ``serial`` (None:
    the squares were found, the code could not be read), ``stretch``: the darkness
    stretched to black."""
    cfg = ctx.config
    geoms = ctx.geometries()
    min_long = min((max(g.paper_w, g.paper_h) for g in geoms), default=297.0)
    ov = Overview.of(gray, cfg, min_long)
    white = max(ov.white, 1.0)
    # (the darkest print lighter than a pen's, a fold's, the scanner's background round
    # the sheet: what shows through)
    lit = ov.small[ov.small > white * (1.0 - cfg.show_through_max_dark)]
    own = 1.0 - mk.quantile(lit, 0.002) / white if lit.size else 0.0
    flipped = np.ascontiguousarray(gray[:, ::-1])
    tried: list[float] = []
    squares: dict[str, Any] | None = None
    for black in (own, *cfg.show_through_blacks):
        if black < cfg.show_through_min_black or any(
            abs(black - t) < cfg.show_through_step for t in tried
        ):
            continue
        tried.append(black)
        image = stretched(flipped, white, black, cfg.contrast_target_black)
        reg = register(image, geoms, cfg, Overview.of(image, cfg, min_long))
        texts: list[str] = []
        if isinstance(reg, Registration):
            squares = squares or {"serial": None, "stretch": round(black, 3)}
            same_paper = [
                i.layout
                for i in ctx.rounds.values()
                if FiducialGeometry.from_layout(i.layout) == reg.geometry
            ]
            text = read_qr(image, _qr_crop(reg, same_paper, cfg.qr_margin_mm), reg.px_per_mm).text
            texts = [text] if text is not None else []
        if not texts:  # (the squares not found, or not all: the code may still be read)
            texts = [t for t, _ in codes_with_corners(image)]
        for text in texts:
            code = decode(text, ctx.key)
            if not isinstance(code, CodeProblem):  # (only a code whose seal checks)
                return {
                    "serial": code.serial,
                    "contest": code.contest,
                    "round": code.round,
                    "stretch": round(black, 3),
                }
    return squares


#: A page read with one of these reasons may be a sheet lying over another (the other's
#: code seen where the paper should be blank, or its top below this one's table), or under
#: one (a sheet over its side): the whole image is searched for another ballot code,
#: whatever share of it the page covers.
_OVERLAP_SIGNS = frozenset({"writing_elsewhere", "blank_cut_off", "paper_hidden"})


def _another_ballot(gray: Gray, reading: PageReading, ctx: ReadContext) -> bool:
    """Does the image hold another ballot beside the page that was read: a ballot code of
    ours outside it (or, anywhere, one of another serial), or corner squares of its size
    outside it (a sheet under it whose code it hides; turned a little, its squares half
    hidden under this one's edge: two placed as one sheet's squares, `_squares_of_one_sheet`,
    or one beyond the end of its foot bar, `_foot_of_another_sheet`)? The squares are looked
    for where the page leaves some of the image (the part of its paper inside the image is
    what counts: a double feed's top sheet runs past the scan's window); the whole image is
    searched for codes where the page leaves much of it, or where its reading shows signs
    of a sheet over another (`_OVERLAP_SIGNS`)."""
    reg, lay = reading.registration, reading.layout
    if reg is None or lay is None:
        return False
    cfg = ctx.config
    # (the paper's grey as the reading measured it — on this image, unless it was read again
    # evened out)
    white = None if "second_look" in reading.scores else reading.scores.get("paper_white")
    if _squares_under_edge(gray, reg, lay, ctx, float(white) if white else None):
        return True
    w, h = lay.paper_w, lay.paper_h
    page = np.array([reg.to_px(x, y) for x, y in ((0, 0), (w, 0), (w, h), (0, h))], np.float32)
    rows, cols = gray.shape
    image = np.array([(0, 0), (cols, 0), (cols, rows), (0, rows)], np.float32)
    if cv2.contourArea(page, oriented=True) < 0:
        page = page[::-1].copy()
    inside, _ = cv2.intersectConvexConvex(page, image)
    covered = float(inside) / (rows * cols)
    if covered < cfg.other_page_share:
        # (squares of the page's size wholly outside it, their centres ``other_page_out_mm``
        # or more from its edge; one a pixel from the image's edge touches it at the
        # overview's scale, and is as good as any)
        ov = Overview.of(gray, cfg, max(w, h))
        side = reg.geometry.size_mm * reg.px_per_mm * ov.factor
        outside = 0
        near: list[tuple[float, float]] = []  # (a sheet under this one: partly hidden)
        for bx, by, bside in square_candidates(ov, cfg, at_edge=True):
            if not 0.7 * side <= bside <= 1.3 * side:
                continue
            at = (bx / ov.factor, by / ov.factor)
            out = -cv2.pointPolygonTest(page, at, True) / reg.px_per_mm
            if out > cfg.other_page_out_mm:
                outside += 1
            if out >= cfg.other_sheet_out_mm:
                near.append(at)
        if outside >= cfg.other_page_squares:
            return True
        if _squares_of_one_sheet(near, reg, cfg) or _foot_of_another_sheet(
            ov, page, near, reg, lay, cfg
        ):
            return True
    if covered >= cfg.other_code_share and not set(reading.reasons) & _OVERLAP_SIGNS:
        return False
    own = reading.code.serial if reading.code is not None else None
    for text, corners in codes_with_corners(gray):
        code = decode(text, ctx.key)
        if isinstance(code, CodeProblem):
            continue
        mid = corners.mean(axis=0)
        if (
            code.serial == own
            and cv2.pointPolygonTest(page, (float(mid[0]), float(mid[1])), False) >= 0
        ):
            continue
        return True
    return False


def _squares_of_one_sheet(
    squares: list[tuple[float, float]], reg: Registration, cfg: RecognitionConfig
) -> bool:
    """Are two of ``squares`` (centres in image px, outside the page) where two corner squares
    of one other sheet would be: as far apart as two of a sheet's squares
    (± ``other_sheet_spacing_mm`` and ``other_sheet_spacing_share``), in their direction turned
    by at most ``other_sheet_max_turn_deg`` (or a quarter turn more or less)? A sheet under
    this one, turned a little, whatever it shows of its squares round this one's edges."""
    if len(squares) < 2:
        return False
    inverse = np.linalg.inv(reg.matrix())
    at = cv2.perspectiveTransform(np.array(squares, np.float64).reshape(-1, 1, 2), inverse)
    mm = [(float(x), float(y)) for x, y in at.reshape(-1, 2)]
    centres = reg.geometry.centres
    quarter = math.pi / 2
    max_turn = math.radians(cfg.other_sheet_max_turn_deg)
    for i, (ax, ay) in enumerate(mm):
        for bx, by in mm[i + 1 :]:
            apart = math.hypot(bx - ax, by - ay)
            direction = math.atan2(by - ay, bx - ax)
            for k, (cx, cy) in enumerate(centres):
                for ex, ey in centres[k + 1 :]:
                    printed = math.hypot(ex - cx, ey - cy)
                    tolerance = cfg.other_sheet_spacing_mm + cfg.other_sheet_spacing_share * printed
                    if abs(apart - printed) > tolerance:
                        continue
                    turn = (direction - math.atan2(ey - cy, ex - cx)) % quarter
                    if min(turn, quarter - turn) <= max_turn:
                        return True
    return False


def _foot_of_another_sheet(
    ov: Overview,
    page: NDArray[np.float32],
    squares: list[tuple[float, float]],
    reg: Registration,
    lay: BallotLayout,
    cfg: RecognitionConfig,
) -> bool:
    """Is one of ``squares`` (centres in image px, outside the page) a foot square of another
    sheet, beyond the end of that sheet's foot bar: a straight solid piece of print outside
    the page (``page``: its corners, image px) as thick as the layout's bar, at least
    ``other_sheet_bar_min_mm`` long and no longer than the bar, near the page's sides'
    direction, the square on its line as far beyond its end as the layout's foot squares are
    from the bar's? A double feed lagging askew, its other foot square hidden under this
    sheet or past the image's edge."""
    bar = lay.extra.get("bar")
    if not squares or not bar:
        return False
    x0, y0, x1, y1 = (float(v) for v in bar)
    along_x = x1 - x0 >= y1 - y0
    length, thick = (x1 - x0, y1 - y0) if along_x else (y1 - y0, x1 - x0)
    line = (y0 + y1) / 2 if along_x else (x0 + x1) / 2
    gaps = [
        max(lo - c, c - hi)
        for cx, cy in reg.geometry.centres
        for c, across, lo, hi in [(cx, cy, x0, x1) if along_x else (cy, cx, y0, y1)]
        if abs(across - line) <= thick
    ]
    if not gaps:
        return False
    gap = min(gaps)
    scale = reg.px_per_mm * ov.factor  # overview px per mm
    dark = (ov.small < ov.white * 0.5).astype(np.uint8)
    cv2.fillPoly(dark, [np.round(page * ov.factor).astype(np.int32)], 0)
    n, labels, stats, _ = cv2.connectedComponentsWithStats(dark, connectivity=8)
    ux, uy = np.subtract(reg.to_px(1.0, 0.0), reg.to_px(0.0, 0.0))
    page_angle = math.atan2(float(uy), float(ux))
    quarter = math.pi / 2
    max_turn = math.radians(cfg.other_sheet_max_turn_deg)
    tol = cfg.other_sheet_spacing_mm
    for i in range(1, n):
        left, top, wide, high, area = (int(v) for v in stats[i])
        if math.hypot(wide, high) < cfg.other_sheet_bar_min_mm * scale:
            continue
        ys, xs = np.nonzero(labels[top : top + high, left : left + wide] == i)
        pts = np.column_stack([xs + left, ys + top]).astype(np.float32)
        (mx, my), (rw, rh), angle = cv2.minAreaRect(pts)
        rw, rh = rw + 1.0, rh + 1.0  # (pixel centres: one pixel more each way)
        long_mm, short_mm = max(rw, rh) / scale, min(rw, rh) / scale
        if not (
            cfg.other_sheet_bar_min_mm <= long_mm <= length + tol
            and abs(short_mm - thick) <= cfg.other_sheet_bar_width_share * thick
            and area >= cfg.other_sheet_bar_min_fill * rw * rh
        ):
            continue
        a = math.radians(angle if rw >= rh else angle + 90.0)
        turn = (a - page_angle) % quarter
        if min(turn, quarter - turn) > max_turn:
            continue
        dx, dy = math.cos(a), math.sin(a)
        half = long_mm / 2
        for sx, sy in squares:
            rx, ry = sx * ov.factor - mx, sy * ov.factor - my
            off = abs(rx * dy - ry * dx) / scale
            beyond = abs(rx * dx + ry * dy) / scale
            if (
                off <= cfg.other_sheet_bar_off_mm
                and beyond - half >= gap - tol
                and beyond + half <= length + gap + tol
            ):
                return True
    return False


def _squares_under_edge(
    gray: Gray, reg: Registration, lay: BallotLayout, ctx: ReadContext, white: float | None = None
) -> bool:
    """Does another sheet under this one show the ends of two corner squares beyond one of
    its sides — a double feed whose other sheet lags a few millimetres, its squares cut by
    this sheet's edge (slivers, too thin and too close to pass for squares outside it)?
    Each side's strip of the image outside the page is looked at (``other_edge_*``).
    ``white``: the paper's grey as the page's reading measured it (else measured here)."""
    cfg = ctx.config
    geoms = ctx.geometries()
    s = 4.0  # px/mm
    out, piece = cfg.other_edge_strip_mm, cfg.other_edge_piece_mm
    w, h = lay.paper_w, lay.paper_h
    sizes = [g.size_mm for g in geoms]
    spacings = [d for g in geoms for d in (g.top_mm, g.left_mm, g.top_mm - g.cue_mm)]
    # Each side's strip (layout mm): where it starts, which way runs along the side (its
    # length, 5 mm past both ends) and which way away from the page: its columns run along
    # the side, its rows away from it.
    sides = [
        ((-5.0, h), (1.0, 0.0), (0.0, 1.0), w + 10.0),  # below
        ((-5.0, 0.0), (1.0, 0.0), (0.0, -1.0), w + 10.0),  # above
        ((w, -5.0), (0.0, 1.0), (1.0, 0.0), h + 10.0),  # right
        ((0.0, -5.0), (0.0, 1.0), (-1.0, 0.0), h + 10.0),  # left
    ]
    hm = reg.matrix()
    rows, cols = gray.shape
    near = round(cfg.other_edge_near_mm * s)
    for (ox, oy), (ax, ay), (dx, dy), length in sides:
        # (only where the image holds some of the strip deeper than a piece must be: none of
        # it on a scan of the paper's size)
        far = np.array(
            [
                (ox + ax * t + dx * d, oy + ay * t + dy * d)
                for t in (0.0, length)
                for d in (piece, out)
            ]
        )
        xy = cv2.perspectiveTransform(far.reshape(-1, 1, 2), hm).reshape(-1, 2)
        if (
            (xy[:, 0] < 0).all()
            or (xy[:, 1] < 0).all()
            or (xy[:, 0] >= cols).all()
            or (xy[:, 1] >= rows).all()
        ):
            continue
        if white is None:
            min_long = min((max(g.paper_w, g.paper_h) for g in geoms), default=297.0)
            white = Overview.of(gray, cfg, min_long).white
        to_mm = np.array([[ax / s, dx / s, ox], [ay / s, dy / s, oy], [0.0, 0.0, 1.0]])
        strip = cv2.warpPerspective(
            gray,
            hm @ to_mm,
            (round(length * s), round(out * s)),
            flags=cv2.INTER_LINEAR | cv2.WARP_INVERSE_MAP,
            borderMode=cv2.BORDER_CONSTANT,
            borderValue=255,  # (past the image: no print)
        )
        # (a line along the edge — its shadow, a crease — taken away; a piece stays)
        k = max(1, round(0.8 * s))
        dark = cv2.morphologyEx(
            (strip < white * 0.5).astype(np.uint8), cv2.MORPH_OPEN, np.ones((k, 1), np.uint8)
        )
        if not dark.any():  # (paper, the lid: most scans)
            continue
        n, _, stats, cents = cv2.connectedComponentsWithStats(dark, connectivity=8)
        pieces: list[tuple[float, float]] = []  # (along the side, nearest the page), mm
        for i in range(1, n):
            _, top, wide_px, deep_px, area = (int(v) for v in stats[i])
            wide, deep = wide_px / s, deep_px / s
            if (
                top <= near
                and deep >= piece
                and area >= 0.7 * wide_px * deep_px
                and any(0.7 * z <= wide <= 1.3 * z and deep <= 1.3 * z for z in sizes)
            ):
                pieces.append((float(cents[i][0]) / s, top / s))
        for i, (a, ea) in enumerate(pieces):
            for b, eb in pieces[i + 1 :]:
                if abs(ea - eb) <= 1.5 and any(
                    abs(abs(a - b) - d) <= cfg.other_edge_spacing_mm for d in spacings
                ):
                    return True
    return False


def print_black(small: Gray, white: float) -> float:
    """How dark a page's solid print is, relative to its paper's ``white``: the squares and
    the code are solid print, the darkest 0.2 % of the page (``small``: its overview)."""
    return 1.0 - mk.quantile(small, 0.002) / max(white, 1.0)


def evened(
    gray: Gray, ctx: ReadContext, stretch: bool = True
) -> tuple[Gray, dict[str, float]] | None:
    """The page evened out where its light is uneven over its middle (a shadow, a dim side)
    and stretched where its darkest print is lighter than ``contrast_min_black`` (a faded
    copy), before anything is known of where the ballot lies on it, with what was done
    (``uneven_light``: the dimmest paper over the page's white; ``contrast_stretch``, unless
    not ``stretch``); None: neither was needed."""
    cfg = ctx.config
    min_long = min((max(g.paper_w, g.paper_h) for g in ctx.geometries()), default=297.0)
    ov = Overview.of(gray, cfg, min_long)
    light = paper_light(ov.small, cfg.find_px_per_mm, cfg.light_span_mm)
    h, w = light.shape
    middle = light[h // 10 : h - h // 10, w // 10 : w - w // 10]
    out = None
    done: dict[str, float] = {}
    small = ov.small
    if middle.size and float(middle.min()) < cfg.light_min_share * ov.white:
        out = flattened(gray, light, ov.white)
        small = flattened(ov.small, light, ov.white)
        done["uneven_light"] = round(float(middle.min()) / max(ov.white, 1.0), 3)
    black = print_black(small, ov.white)
    if stretch and cfg.contrast_min_print <= black < cfg.contrast_min_black:
        out = stretched(gray if out is None else out, ov.white, black, cfg.contrast_target_black)
        done["contrast_stretch"] = round(cfg.contrast_target_black / black, 3)
    return None if out is None else (out, done)


def _faint_ballot(
    gray: Gray,
    ctx: ReadContext,
    ov: Overview,
    scores: dict[str, Any],
    finer: mk.Finer | None,
    black: float | None = None,
) -> PageReading | None:
    """A page as light as a blank back read as a ballot printed faintly — as it is, or its
    contrast stretched as `evened` stretches a faded page, however faint — when its squares
    are found and its code read; else None (a blank back). ``black``: the print's darkness
    to stretch from, measured apart from a pen's ink (`_print_under_ink`); the page is then
    read stretched only (as it is, it was read already)."""
    geoms = ctx.geometries()
    if black is None:
        found = register(gray, geoms, ctx.config, ov)
        if isinstance(found, Registration):
            tried = _read_registered(gray, ctx, ov, found, dict(scores), finer=finer)
            if tried.code is not None:
                tried.scores["faint_print"] = True
                return tried
        black = print_black(ov.small, ov.white)
    # (only a code whose seal checks makes the page a ballot: stretched however faint)
    cfg = ctx.config
    if black < cfg.faint_print_min_black or black >= cfg.contrast_min_black:
        return None
    min_long = min((max(g.paper_w, g.paper_h) for g in geoms), default=297.0)
    for tone in (black, black * cfg.faint_print_harder):
        even = stretched(gray, ov.white, tone, cfg.contrast_target_black)
        ov2 = Overview.of(even, cfg, min_long)
        found = register(even, geoms, cfg, ov2)
        if not isinstance(found, Registration):
            return None
        tried = _read_registered(even, ctx, ov2, found, dict(scores), finer=finer)
        if tried.code is not None:
            break
        # (the squares found, the code not read: stretched harder once)
    else:
        return None
    black = tone
    tried.scores["faint_print"] = True
    tried.scores["second_look"] = {
        "after": "blank_page",
        "contrast_stretch": round(cfg.contrast_target_black / black, 3),
    }
    return tried


def _print_under_ink(small: Gray, white: float, cfg: RecognitionConfig) -> float | None:
    """How dark a faintly printed page's print is when a pen's ink is its darkest: the
    darkest 0.2 % of what is lighter than ``blank_dark`` (the page has next to nothing
    darker: `dark_share`), as `print_black` measures the whole page; None when that is no
    lighter than `print_black` by ``show_through_step`` (nothing darker than the print: the
    page's own darkest is its print, tried already)."""
    white = max(white, 1.0)
    lit = small[small > white * (1.0 - cfg.blank_dark)]
    if not lit.size:
        return None
    black = 1.0 - mk.quantile(lit, 0.002) / white
    if print_black(small, white) - black < cfg.show_through_step:
        return None
    return black


def _faint_marked_ballot(
    gray: Gray,
    ctx: ReadContext,
    ov: Overview,
    scores: dict[str, Any],
    finer: mk.Finer | None,
    blank: bool,
) -> PageReading | None:
    """A page with no squares found, next to no dark ink on it, read as a ballot printed
    faintly (the toner running out, a pale copy) that the voter marked, before it is taken
    for a back with writing on it (its ballot lost): stretched from its print's own
    darkness — the pen's ○ and × may be the darkest of the page (`_print_under_ink`),
    where `evened` and `_faint_ballot` stretch from its darkest and leave the print as
    faint as it was — and read when its squares are found and its code read; else None.
    ``blank``: the page was taken for a blank one (`_faint_ballot` looked at it already,
    stretched from its darkest); else its ink, a few marks' worth, kept it from that look.
    ``ov``: the page reduced."""
    cfg = ctx.config
    black = _print_under_ink(ov.small, ov.white, cfg)
    if black is None:
        if blank:
            return None
        black = print_black(ov.small, ov.white)
    return _faint_ballot(gray, ctx, ov, scores, finer, black)


def _read_image(gray: Gray, ctx: ReadContext, finer: mk.Finer | None) -> PageReading:
    cfg = ctx.config
    geoms = ctx.geometries()
    scores: dict[str, Any] = {
        "config": cfg.digest(),
        "size": [int(gray.shape[1]), int(gray.shape[0])],
    }
    if min(gray.shape) < cfg.min_page_px:
        return _rejected("no_registration", scores)
    min_long = min((max(g.paper_w, g.paper_h) for g in geoms), default=297.0)
    ov = Overview.of(gray, cfg, min_long)
    share = dark_share(ov.small, ov.white, cfg.blank_dark)
    scores["dark_share"] = round(share, 5)
    scores["paper_white"] = round(ov.white, 1)
    if share < cfg.blank_max_dark_share:
        if ov.white < cfg.blank_min_white:  # no paper to be seen: no blank back
            return _rejected("flat_page", scores)
        # A ballot printed faintly (the toner running out, the scanner's brightness turned
        # up) is as light as a blank back: its squares and code say what it is — never a
        # blank page skipped, a ballot not counted.
        tried = _faint_ballot(gray, ctx, ov, scores, finer)
        if tried is not None:
            return tried
        return _rejected("blank_page", scores)
    reg = register(gray, geoms, cfg, ov)
    if isinstance(reg, RegistrationProblem):
        scores["registration"] = {"detail": reg.detail, **reg.scores}
        if reg.scores.get("hollow"):  # the scanner's "text enhancement": tell the counter
            # (before any map from fewer squares or the code: it would read the page, every
            # filled mark hollowed into a ring read as a ○)
            return _rejected("hollow_squares", scores)
        return _unregistered(gray, ctx, ov, scores, finer, reg.code, reg.scores.get("at_edge"))
    reading = _read_registered(gray, ctx, ov, reg, scores, finer=finer)
    if reading.reasons == ("registration_implausible",) and "code_px_per_mm" in scores["qr"]:
        # The code's size says the squares were lookalikes at another scale (turned with the
        # code the other way round): no map from the squares, as if none had been found.
        at_edge = squares_at_edge(ov, geoms, cfg)
        return _unregistered(gray, ctx, ov, scores, finer, reading.reasons[0], at_edge)
    if reading.reasons == ("boxes_misplaced",):
        # The squares' map misses the boxes (a square dropped as implausible and the sheet
        # seen in slight perspective, say): a map from the code and the boxes may not.
        before = {k: v for k, v in scores.items() if k not in _READ_KEYS}
        tried = _read_partial(gray, ctx, ov, dict(before), finer)
        if tried is not None and tried.status is not SheetStatus.REJECTED:
            tried.scores["after_refusal"] = "boxes_misplaced"
            return tried
        # ... nor any one map: the sheet is bent (in the feeder, on the glass).
        return _read_registered(gray, ctx, ov, reg, before, bent=True, finer=finer)
    return reading


def _unregistered(
    gray: Gray,
    ctx: ReadContext,
    ov: Overview,
    scores: dict[str, Any],
    finer: mk.Finer | None,
    reason: str,
    at_edge: float | None,
) -> PageReading:
    """`_read_image`: a page its squares give no map of (``reason``: why; ``at_edge``: how
    many corner squares the image's edge cuts) — read from a map of fewer squares or of its
    code, or refused, with the likeliest cause said."""
    if reason in _PARTIAL_AFTER:
        codes: list[BallotCode | CodeProblem] = []
        tried = _read_partial(gray, ctx, ov, scores, finer, codes)
        if tried is not None:
            return tried
        if (unusable := _unusable_code(codes, ctx)) is not None:
            # A code read on the page that no ballot of this file carries (another
            # election file's: its seal fails; a round this file has not got): what the
            # sheet is, said plainly. Its squares fit none of this file's paper sizes —
            # an A4 ballot among A3 ones — and taken for part of one of ours it was
            # refused to be found, flattened and scanned again, forever the same.
            return _rejected(unusable[0], scores, **unusable[1])
    if at_edge:  # a corner of the sheet past the scan's window
        return _rejected("corner_off_image", scores)
    if (serial := _mirror_image(gray, ctx, ov)) is not None:
        # (the squares matched no way round, and do the other way round: said plainly,
        # not "the marks do not fit the ballot's size"; the serial, for the record)
        scores["mirror_serial"] = serial
        return _rejected("mirrored", scores)
    return _rejected(reason, scores)


#: What a reading of the targets records (`read_targets`; `_read_registered` adds the last
#: two): a page read again starts without them, so nothing a first reading found (writing
#: below the table on an image since healed of a streak, say) stays on the record of the
#: reading that stands.
_TARGET_KEYS = (
    "targets",
    "boxes_check",
    "thresholds",
    "elsewhere",
    "beside_boxes",
    "hidden_print",
)
_READ_KEYS = frozenset((*_TARGET_KEYS, "streaks", "local_shifts"))

#: Refusals after which the page is mapped from the squares that are left and its boxes.
_PARTIAL_AFTER = frozenset({"no_registration", "registration_implausible"})
#: Refusals of such a map that mean it was the wrong one (the next is tried).
_PARTIAL_WRONG = frozenset(
    {
        "no_registration",
        "registration_implausible",
        "mirrored",
        "code_unreadable",
        "boxes_misplaced",
    }
)


def _read_partial(
    gray: Gray,
    ctx: ReadContext,
    ov: Overview,
    scores: dict[str, Any],
    finer: mk.Finer | None,
    codes: list[BallotCode | CodeProblem] | None = None,
) -> PageReading | None:
    """The page read from a map made of fewer than four corner squares, or of its code and
    the squares near where the code puts them, fitted to the printed boxes
    (`register.partial`, `register.from_code`, `boxgrid.refine`): the first map that is not
    wrong stands. None: no such map (the page is refused as the squares alone said).
    ``codes``: given, the codes read on the whole page (if looked for) are added to it."""
    for reg in _partial_maps(gray, ctx, ov, codes):
        reading = _read_registered(gray, ctx, ov, reg, dict(scores), finer=finer)
        if not (reading.status is SheetStatus.REJECTED and reading.reasons[0] in _PARTIAL_WRONG):
            return reading
    return None


def _partial_maps(
    gray: Gray,
    ctx: ReadContext,
    ov: Overview,
    codes: list[BallotCode | CodeProblem] | None = None,
) -> Iterator[Registration]:
    """Start maps, likeliest first: from the squares that are left, then (decoding the
    code on the whole page only if those fail) from each of our codes' corners. ``codes``:
    given, each code decoded there is added to it."""
    yield from partial(gray, ctx.geometries(), ctx.config, ov)
    for text, corners in codes_with_corners(gray):
        code = decode(text, ctx.key)
        if codes is not None:
            codes.append(code)
        info = None if isinstance(code, CodeProblem) else ctx.rounds.get((code.contest, code.round))
        if info is None:
            continue
        g = FiducialGeometry.from_layout(info.layout)
        coded = from_code(gray, g, info.layout.qr, corners, ctx.config, ov)
        if coded is not None:
            yield coded


def _unusable_code(
    codes: Sequence[BallotCode | CodeProblem], ctx: ReadContext
) -> tuple[str, dict[str, Any]] | None:
    """`_read_image`: of the codes read on a page no map of this file's paper sizes fits, one
    no ballot of this file carries — the reason to refuse the page with (as a page mapped
    gives it: `_read_registered`) and its code, if it has one; None when none such was read,
    or when one of ours was (the page may be part of that ballot: said so as ever). A code
    not made by this software at all (any QR code on any paper) is not taken to say what
    the page is."""
    if any(isinstance(c, BallotCode) and (c.contest, c.round) in ctx.rounds for c in codes):
        return None
    for c in codes:
        if isinstance(c, BallotCode):
            return "unknown_round", {"code": c}
    for c in codes:
        if isinstance(c, CodeProblem) and c in (CodeProblem.FORGED, CodeProblem.FORMAT):
            return _CODE_REASONS[c], {}
    return None


def _code_px_per_mm(gray: Gray, text: str, ctx: ReadContext) -> float | None:
    """The scale (px per mm) of the page the code ``text`` is printed on, from the code's
    corners as read on the whole page and the size its ballot's layout prints it at; None
    when it is not read there or is not the code of a ballot of this file."""
    code = decode(text, ctx.key)
    info = None if isinstance(code, CodeProblem) else ctx.rounds.get((code.contest, code.round))
    if info is None:
        return None
    x0, y0, x1, y1 = info.layout.qr
    for found, c in codes_with_corners(gray):
        if found == text:
            side = [float(np.linalg.norm(c[k] - c[(k + 1) % 4])) for k in range(4)]
            return ((side[0] + side[2]) / (x1 - x0) + (side[1] + side[3]) / (y1 - y0)) / 4
    return None


def _read_registered(
    gray: Gray,
    ctx: ReadContext,
    ov: Overview,
    reg: Registration,
    scores: dict[str, Any],
    bent: bool = False,
    finer: mk.Finer | None = None,
    code_image: Gray | None = None,
) -> PageReading:
    """The page read with its map from layout to image known (for a `partial` map: fitted
    to the printed boxes once the code has said which layout the page is). ``bent``: if the
    map misses the boxes, each box is looked for where it is (`boxgrid.local_shifts`).
    ``code_image``: the page with its print mended (`_banded_look`), where the code is read
    if it is not read on ``gray``."""
    cfg = ctx.config
    scores["registration"] = {
        "points": [[round(a, 1), round(b, 1)] for a, b in reg.points],
        **reg.scores,
    }
    same_paper = [
        i.layout
        for i in ctx.rounds.values()
        if FiducialGeometry.from_layout(i.layout) == reg.geometry
    ]
    crop = _qr_crop(reg, same_paper, cfg.qr_margin_mm)
    qr = read_qr(gray, crop, reg.px_per_mm)
    mended = False
    if qr.text is None and code_image is not None:
        qr = read_qr(code_image, crop, reg.px_per_mm)
        mended = qr.text is not None
    scores["qr"] = {"method": qr.method, "codes": qr.codes_found}
    if mended:
        scores["qr"]["mended"] = True
    if qr.text is None:
        return _rejected("code_unreadable", scores, registration=reg)
    if qr.orientation is not None:
        # The code turns with the page; a mirrored image fools the squares, not the code.
        turn = (qr.orientation - reg.rotation_deg + 180.0) % 360.0 - 180.0
        scores["qr"]["turn_vs_page_deg"] = round(turn, 1)
        if abs(turn) > cfg.qr_max_turn_deg:
            # ... unless the code's size says the squares were not the page's: lookalikes at
            # another scale (a column's bold heading, boxes holding ○) matched on a sheet
            # whose own squares are cut off — a wrong map, not a mirrored page.
            scale = _code_px_per_mm(gray, qr.text, ctx)
            if scale is not None and abs(scale / reg.px_per_mm - 1) > cfg.qr_max_scale_error:
                scores["qr"]["code_px_per_mm"] = round(scale, 3)
                return _rejected("registration_implausible", scores, registration=reg)
            return _rejected("mirrored", scores, registration=reg)
    code = decode(qr.text, ctx.key)
    if isinstance(code, CodeProblem):
        return _rejected(_CODE_REASONS[code], scores, registration=reg)
    info = ctx.rounds.get((code.contest, code.round))
    if info is None:
        return _rejected("unknown_round", scores, code=code, registration=reg)
    if code.fingerprint != info.fingerprint or str(code.style) != info.layout.style:
        return _rejected("wrong_fingerprint", scores, code=code, registration=reg)
    if reg.scores.get("partial"):  # a partial map: fitted to the boxes of this layout
        if FiducialGeometry.from_layout(info.layout) != reg.geometry:
            return _rejected("registration_implausible", scores, code=code, registration=reg)
        reg2 = boxgrid.refine(gray, reg, info.layout, cfg)
        scores["registration"].update(
            reg2.scores
            if isinstance(reg2, Registration)
            else {"detail": reg2.detail, **reg2.scores}
        )
    else:
        reg2 = with_geometry(reg, FiducialGeometry.from_layout(info.layout), cfg)
    if isinstance(reg2, RegistrationProblem):
        return _rejected(reg2.code, scores, code=code, registration=reg)
    if hollowed(gray, reg):
        # The scanner's "text enhancement" left a hole in the middle of the squares: it
        # hollowed every filled mark (涂黑) into a ring, a clean ○ — not read, said why.
        return _rejected("hollow_squares", scores, code=code, registration=reg)
    small = ov.small
    if reg2.black < cfg.contrast_min_black:
        # A faded copy or a scanner set too light: raised to the contrast of a good scan, so
        # that faint marks are judged as faint marks are on one (never lost under the dust).
        scores["contrast_stretch"] = round(cfg.contrast_target_black / reg2.black, 3)
        gray = stretched(gray, ov.white, reg2.black, cfg.contrast_target_black)
        small = stretched(small, ov.white, reg2.black, cfg.contrast_target_black)
        reg2 = replace(reg2, black=cfg.contrast_target_black)
    stains = stained_boxes(small, ov.factor, reg2.matrix(), info.layout, reg2.px_per_mm, cfg)
    light = paper_light(small, reg2.px_per_mm * ov.factor, cfg.light_span_mm)
    dimmest = _light_at_targets(light, ov.factor / 4, reg2.matrix(), info.layout)
    if dimmest < cfg.light_min_share * ov.white:
        # A shadow or a dim side over some targets: the page is evened out first, so every
        # box is judged against the paper around it (a box in the shade is not "inked").
        scores["uneven_light"] = round(dimmest / max(ov.white, 1.0), 3)
        gray = flattened(gray, light, ov.white)
    first_scores = dict(scores)
    reading = read_targets(gray, reg2, info, ov.white, cfg, scores, finer=finer, stains=stains)
    shifts: boxgrid.Shifts | None = None
    if bent and reading.reasons == ("boxes_misplaced",):
        # The map misses the boxes: if the sheet is only bent (in the feeder, on the glass),
        # each box is found where it is and read there — and must pass the same check.
        local = boxgrid.local_shifts(gray, reg2.matrix(), info.layout, cfg)
        if isinstance(local, boxgrid.Shifts):
            again = {**first_scores, "local_shifts": local.scores}
            shifted = read_targets(
                gray, reg2, info, ov.white, cfg, again, local, finer, stains=stains
            )
            refined = (
                local.refined(_borders_seen(info.layout, shifted.scores), cfg.border_search_mm)
                if shifted.reasons == ("boxes_misplaced",)
                else None
            )
            if refined is not None:
                # A box the slip runs through is stretched: read where its borders are.
                again = {**first_scores, "local_shifts": refined.scores}
                shifted = read_targets(
                    gray, reg2, info, ov.white, cfg, again, refined, finer, stains=stains
                )
                local = refined
            if shifted.status is not SheetStatus.REJECTED:
                reading, shifts, first_scores = shifted, local, again
            else:
                reading.scores["local_shifts"] = {
                    **local.scores,
                    "refused": 1.0,
                    "boxes_check": shifted.scores.get("boxes_check", {}),
                }
        else:
            reading.scores["local_shifts"] = {"detail": local.detail, **local.scores}
    if reading.status is SheetStatus.REVIEW and _lines_in_boxes(reading.scores):
        # A line the scanner drew down or across the image looks like a ruled pen stroke
        # through every box it crosses: healed, and the page read again.
        found = streaks.find(gray, ov.white, reg2.px_per_mm, cfg)
        if found:
            again = {**first_scores, "streaks": [s.to_json() for s in found]}
            healed = read_targets(
                streaks.heal(gray, found),
                reg2,
                info,
                ov.white,
                cfg,
                again,
                shifts,
                finer,
                stains=stains,
            )
            if healed.status is not SheetStatus.REJECTED:
                reading = healed
    return (
        replace(reading, code=code)
        if not code.test
        else replace(reading, code=code, status=SheetStatus.REJECTED, reasons=("test_ballot",))
    )


def _borders_seen(lay: BallotLayout, scores: dict[str, Any]) -> dict[Box, tuple[float, float]]:
    """Each box of ``lay`` whose printed border a reading of its targets (``scores``) found:
    how far (mm) from where that reading looked for it."""
    targets = scores.get("targets", {})
    named = [(f"{c.code}.{k}", b) for c in lay.candidates for k, b in c.boxes.items()]
    named += [(f"w{w.column}.{k}", b) for w in lay.writeins for k, b in w.boxes.items()]
    out: dict[Box, tuple[float, float]] = {}
    for key, b in named:
        t = targets.get(key, {})
        if t.get("border_found"):
            out[b] = (float(t.get("border_dx", 0.0)), float(t.get("border_dy", 0.0)))
    return out


def _lines_in_boxes(scores: dict[str, Any]) -> bool:
    """Does a box show a straight line across it (erased, or left for a person), or a mark
    of no clear shape (a ○ a line runs through)? Only then can a streak matter."""
    for t in scores.get("targets", {}).values():
        if (
            t.get("lines_erased")
            or t.get("pen_line")
            or t.get("dark_band_mm")
            or t.get("why") in ("line", "shape")
        ):
            return True
    return False


def _box_scores(r: mk.BoxReading) -> dict[str, Any]:
    return {"call": str(r.call), **({"why": str(r.why)} if r.why else {}), **r.scores}


def _share_in_image(
    shape: tuple[int, ...], hm: NDArray[np.float64], rects: Sequence[Box], n: int = 5
) -> list[float]:
    """For each rectangle (layout mm): the share of it the image holds (its grid of n × n
    points that map inside the image, 1 px in from its edge)."""
    if not rects:
        return []
    t = np.linspace(0.0, 1.0, n)
    u, v = np.meshgrid(t, t)
    pts = np.concatenate(
        [
            np.stack([b[0] + u * (b[2] - b[0]), b[1] + v * (b[3] - b[1])], axis=-1).reshape(-1, 2)
            for b in rects
        ]
    ).reshape(-1, 1, 2)
    xy = cv2.perspectiveTransform(pts.astype(np.float64), hm).reshape(len(rects), -1, 2)
    h, w = shape[0], shape[1]
    inside = (xy[..., 0] >= 1) & (xy[..., 0] <= w - 2) & (xy[..., 1] >= 1) & (xy[..., 1] <= h - 2)
    return [float(x) for x in inside.mean(axis=1)]


def stained_boxes(
    small: Gray,
    factor: float,
    hm: NDArray[np.float64],
    lay: BallotLayout,
    px_per_mm: float,
    cfg: RecognitionConfig,
) -> dict[str, float]:
    """The boxes (target keys, 'c07.mark') lying in a stain, with how much darker their
    paper is than the paper around (see ``stain_min_tint``). ``small``: the overview, at
    ``factor`` of the working image ``hm`` maps into (``px_per_mm`` there).

    The paper at a place is the lightest of the overview within a few mm (print, a box's
    border, a mark's strokes are narrower than that): at the box, within 3 mm of its middle;
    ``stain_reach_mm`` above, below, left and right of it, within 4 mm."""
    keys: list[str] = []
    centres: list[tuple[float, float]] = []
    for cand in lay.candidates:
        for k, b in cand.boxes.items():
            keys.append(f"{cand.code}.{k}")
            centres.append(((b[0] + b[2]) / 2, (b[1] + b[3]) / 2))
    for w in lay.writeins:
        for k, b in w.boxes.items():
            keys.append(f"w{w.column}.{k}")
            centres.append(((b[0] + b[2]) / 2, (b[1] + b[3]) / 2))
    if not keys or min(small.shape) < 8:
        return {}
    per_mm = px_per_mm * factor
    near = cv2.dilate(small, np.ones((2 * round(3 * per_mm) + 1,) * 2, np.uint8))
    far = cv2.dilate(small, np.ones((2 * round(4 * per_mm) + 1,) * 2, np.uint8))
    d = cfg.stain_reach_mm
    pts = np.array(
        [
            (x + dx, y + dy)
            for x, y in centres
            for dx, dy in ((0.0, 0.0), (-d, 0.0), (d, 0.0), (0.0, -d), (0.0, d))
        ],
        dtype=np.float64,
    ).reshape(-1, 1, 2)
    xy = cv2.perspectiveTransform(pts, hm).reshape(len(keys), 5, 2) * factor
    h, w = small.shape
    ix = np.rint(xy[..., 0]).astype(np.intp)
    iy = np.rint(xy[..., 1]).astype(np.intp)
    inside = (ix >= 0) & (ix < w) & (iy >= 0) & (iy < h)
    ixc, iyc = np.clip(ix, 0, w - 1), np.clip(iy, 0, h - 1)
    at = near[iyc[:, 0], ixc[:, 0]].astype(np.float32)
    # (a side off the image is no paper: the box is not called stained on it)
    around = np.where(inside[:, 1:], far[iyc[:, 1:], ixc[:, 1:]], 0).min(axis=1)
    tint = 1.0 - at / np.maximum(around.astype(np.float32), 1.0)
    found = np.flatnonzero(inside[:, 0] & (tint >= cfg.stain_min_tint))
    return {keys[i]: round(float(tint[i]), 3) for i in found.tolist()}


def _light_at_targets(
    light: Gray, per_px: float, hm: NDArray[np.float64], lay: BallotLayout
) -> float:
    """The dimmest paper (grey level, `register.paper_light` at ``per_px`` of its pixels per
    working pixel) at any target of the layout: its boxes and write-in name boxes."""
    boxes = [b for c in lay.candidates for b in c.boxes.values()]
    boxes += [b for w in lay.writeins for b in (*w.boxes.values(), w.name_box)]
    if not boxes:
        return 255.0
    mm = np.array([((b[0] + b[2]) / 2, (b[1] + b[3]) / 2, 1.0) for b in boxes]) @ hm.T
    xy = mm[:, :2] / mm[:, 2:] * per_px
    h, w = light.shape
    x = np.clip(np.rint(xy[:, 0]).astype(np.intp), 0, w - 1)
    y = np.clip(np.rint(xy[:, 1]).astype(np.intp), 0, h - 1)
    return float(light[y, x].min())


def read_targets(
    gray: Gray,
    reg: Registration,
    info: RoundInfo,
    white: float,
    cfg: RecognitionConfig,
    scores: dict[str, Any],
    shifts: boxgrid.Shifts | None = None,
    finer: mk.Finer | None = None,
    stains: dict[str, float] | None = None,
) -> PageReading:
    """Every target of the layout, then the ballot-level decision (rules.md). With
    ``shifts``, every box is read where they place it (a sheet bent in the feeder); with
    ``finer``, a thin stroke that reads faint is looked at again on the page at a finer
    resolution (`marks.read_boxes`); ``stains`` (`stained_boxes`): boxes in a stain, where
    a mark read goes to a person."""
    lay = info.layout
    hm = reg.matrix()
    for key in _TARGET_KEYS:
        scores.pop(key, None)  # (what an earlier reading of the page found)

    def at(b: Box) -> Box:
        return b if shifts is None else shifts.moved(b)

    targets: dict[str, Any] = {}
    calls: dict[str, str] = {}
    marks: list[tuple[str, Mark]] = []

    # Every box of the page at once (the empty ones cost almost nothing).
    keys: list[str] = []
    boxes: list[Box] = []
    unsure: list[str] = []
    for cand in lay.candidates:
        for k, b in cand.boxes.items():
            keys.append(f"{cand.code}.{k}")
            boxes.append(at(b))
            if shifts is not None and b in shifts.unsure:
                unsure.append(keys[-1])
    for w in lay.writeins:
        for k, b in w.boxes.items():
            keys.append(f"w{w.column}.{k}")
            boxes.append(at(b))
            if shifts is not None and b in shifts.unsure:
                unsure.append(keys[-1])
    # A target the image does not hold (the scanner stopped early, cut the page short):
    # read there, the image's edge would be read as paper — an abstention never made.
    names = [at(w.name_box) for w in lay.writeins]
    missing = [
        key
        for key, inside in zip(
            [*keys, *(f"w{w.column}.name" for w in lay.writeins)],
            _share_in_image(gray.shape, hm, [*boxes, *names]),
            strict=True,
        )
        if inside < 1.0
    ]
    if missing:
        scores["cut_off"] = missing[:12]
        return PageReading(
            SheetStatus.REJECTED, ("cut_off",), scores, registration=reg, layout=lay, shifts=shifts
        )
    got = mk.read_boxes(gray, hm, boxes, white, reg.black, cfg, finer)
    readings = dict(zip(keys, got, strict=True))
    check = _boxes_confirm(list(readings.values()), cfg)
    # A box placed by neighbours that disagree (the sheet bent sharply there) is read only
    # where its own printed border shows: else a person looks at it.
    unconfirmed = [k for k in unsure if not _border_confirms(readings[k], cfg)]
    for k in unconfirmed:
        readings[k] = mk.BoxReading(
            mk.Call.UNCLEAR, mk.Why.PLACE, {**readings[k].scores, "place_unconfirmed": 1.0}
        )
    for k, tint in (stains or {}).items():
        r = readings.get(k)
        if r is not None and r.call in (mk.Call.CIRCLE, mk.Call.CROSS, mk.Call.MARK):
            readings[k] = mk.BoxReading(
                mk.Call.UNCLEAR, mk.Why.STAIN, {**r.scores, "stain_tint": tint}
            )
    # A clear mark far paler than the page's other clear marks (a faint pencil mark a dark
    # scan pushed past the strength of ink, a half-erased mark): a person decides.
    mk.paler_than_page(readings, cfg)
    if shifts is not None:
        check["unconfirmed"] = float(len(unconfirmed))
    for key, r in readings.items():
        targets[key] = _box_scores(r)
    scores["boxes_check"] = check
    if (
        check["found_share"] < cfg.boxes_min_found_share
        or check["offset_p90_mm"] > cfg.boxes_max_offset_mm
    ):
        # Reading boxes where they are not would read the wrong ink: refuse the page.
        scores["targets"] = targets
        return PageReading(
            SheetStatus.REJECTED,
            ("boxes_misplaced",),
            scores,
            registration=reg,
            layout=lay,
            shifts=shifts,
        )

    for cand in lay.candidates:
        if lay.style == "symbol":
            m = readings[f"{cand.code}.mark"].symbol_mark()
        else:
            m = _column_mark(
                {k: mk.column_call(readings[f"{cand.code}.{k}"], cfg) for k in cand.boxes}
            )
        calls[cand.code] = str(m)
        marks.append((cand.code, m))
    writeins: list[WriteinRead] = []
    banded: set[str] = set()  # (columns whose name is unsure for writing outside its box)
    for w in lay.writeins:
        name = mk.read_name(gray, hm, at(w.name_box), white, cfg, reg.black)
        targets[f"w{w.column}.name"] = {"has_name": name.has_name, **name.scores}
        if lay.style == "symbol" and "mark" in w.boxes:
            wm = readings[f"w{w.column}.mark"].symbol_mark()
        else:
            wm = _column_mark(
                {k: mk.column_call(readings[f"w{w.column}.{k}"], cfg) for k in w.boxes}
            )
        calls[f"w{w.column}"] = str(wm)
        has_name = name.has_name
        if has_name is False and wm is Mark.ABSTAIN:
            # (writing in the column outside the name box — on a rule, over the label: read
            # as no name it would abstain, a vote lost where no ○ is needed; a person reads it)
            band = writein_band(
                gray, hm, lay, w.column, reg.black, cfg, info.label_glyphs.get(f"w{w.column}")
            )
            if band is not None:
                has_name = None
                banded.add(f"w{w.column}")
                targets[f"w{w.column}.name"] = {
                    **targets[f"w{w.column}.name"],
                    "has_name": None,
                    "band": band,
                }
        writeins.append(WriteinRead(w.column, has_name, wm))
    scores["targets"] = targets
    scores["thresholds"] = cfg.to_json()

    # (a write-in column with no name and only a doubtful mark in its box is an unclear mark,
    # not a name for a person to read: "filled in" over "no name" confused the desk)
    unclear = any(m is Mark.UNCLEAR for _, m in marks) or any(
        w.has_name is False and w.mark is Mark.UNCLEAR for w in writeins
    )
    writein_ink = any(
        w.has_name is not False or w.mark not in (Mark.ABSTAIN, Mark.UNCLEAR) for w in writeins
    )
    common: dict[str, Any] = {
        "marks": tuple(marks),
        "writeins": tuple(writeins),
        "registration": reg,
        "layout": lay,
        "box_calls": calls,
        "shifts": shifts,
    }
    # Writing elsewhere on the sheet (a name, a number): the scrutineer decides (rules.md).
    blank = lay.extra.get("blank")
    found = None
    # (below the table first; then the other blank paper: beside the title, right of the
    # instructions, beside the table's last row)
    regions: list[tuple[Box, list[Box]]] = [(blank, [])] if blank else []
    regions += [(b, []) for b in lay.extra.get("blanks", ())]
    # (... the strips above the title and above the foot's bar, between those and the
    # margins)
    edges = list(lay.extra.get("edges", ()))
    regions += [(b, []) for b in edges]
    # (... and the margins round the printed area: beside the table, above the title, below
    # the foot)
    margins = list(lay.extra.get("margins", ()))
    regions += [(b, []) for b in margins]
    # (the table's heading rows: a ○ round 赞成, writing over the headings — only where the
    # map puts the printed boxes where they are, within half a millimetre: the headings'
    # words are looked past where the map says they are, and a sheet bent or curled there
    # would show their edges as writing)
    headings_seen = shifts is None and check["offset_p90_mm"] <= cfg.headings_max_offset_mm
    if headings_seen:
        regions += [(h["box"], list(h["print"])) for h in lay.extra.get("headings", ())]
    for region, printed in regions:
        found = elsewhere.find(gray, hm, region, reg.black, cfg, printed)
        if (
            found
            and region in margins
            and _runs_in(found["box_mm"], region, lay, gray, hm, reg.black, cfg)
        ):
            # (ink in a margin that runs on from the printed area's side: the edge of a seal
            # stamped there, writing already looked at where it begins — not a margin's own)
            found = None
        if (
            found
            and region in edges
            and _crosses_in(found["box_mm"], region, lay, gray, hm, reg.black, cfg)
        ):
            found = None
        if found:
            scores["elsewhere"] = found
            break
    if not found and headings_seen and info.heading_glyphs:
        # (... and the headings' words themselves, which that look takes as print, box and
        # all: a ○ drawn tight round 赞成, or over it — the top row's ○ of a sheet whose
        # every ○ sits three quarters of a row high, each read for the candidate above the
        # one meant — is told from their strokes)
        on_words = elsewhere.marks_on_names(
            gray,
            hm,
            info.heading_glyphs,
            list(info.heading_glyphs),
            reg.black,
            cfg,
            clear=_heading_rules(lay, cfg.beside_rule_mm),
            grow_mm=cfg.heading_grow_mm,
            min_mm2=cfg.heading_min_mm2,
            clear_of=(cfg.heading_clear_mm, cfg.heading_clear_mm2),
            usual_growth_mm=cfg.heading_usual_growth_mm,
        )
        if on_words:
            key = min(on_words)
            found = {**on_words[key], "heading_word": key}
            scores["elsewhere"] = found
    # (the blank paper below the table only partly in the image: what is written on the rest
    # cannot be seen — a turned sheet's corner cut off by the scanner's window is not that)
    # (its edges' last 3 mm aside: an A4 sheet scanned on a Letter setting loses 1.6 mm of
    # it, where no name fits)
    inset = (blank[0] + 3, blank[1] + 3, blank[2] - 3, blank[3] - 3) if blank else None
    blank_seen = _share_in_image(gray.shape, hm, [inset], 9)[0] if inset else 1.0
    if blank_seen < cfg.blank_min_seen:
        scores["blank_seen"] = round(blank_seen, 3)
    # Paper hidden inside the image (the bottom folded under, another sheet over a side: the
    # scanner's lid shows there), its squares and bar gone where the image holds them: what
    # is written or marked there cannot be seen. (Looked for only on a page the squares did
    # not all map: one whose corners all show has none folded or covered.)
    mapped = scores.get("registration", {})
    hidden = False
    if mapped.get("partial") or float(mapped.get("corners_missing", 0.0)) > 0:
        seen = hidden_print(gray, hm, lay, cfg)
        scores["hidden_print"] = seen
        hidden = seen["span_mm"] >= cfg.hidden_min_span_mm
    # Marks in a candidate's cell outside its boxes (a ○ round the name, a line through it):
    # read from the boxes alone such a sheet abstains on them; a person decides. (Each cell
    # is looked at where its boxes were found: on a bent sheet, where they were placed.)
    found_shifts = _found_shifts(lay, readings, shifts)
    beside = elsewhere.beside_boxes(
        gray,
        hm,
        lay.extra.get("cells", {}),
        {c.code: list(c.boxes.values()) for c in lay.candidates}
        | {f"w{w.column}": list(w.boxes.values()) for w in lay.writeins},
        reg.black,
        cfg,
        found_shifts,
        bent=shifts is not None,
    )
    # (a write-in column with a name or a mark in it is a person's anyway, the whole column
    # shown: ink round its name is the name's)
    # (not one made unsure only by writing outside its name box: that writing is what the
    # look beside the boxes points a person at — a number beside the box)
    filled = {
        f"w{w.column}" for w in writeins if w.has_name is not False or w.mark is not Mark.ABSTAIN
    } - banded
    # (... but on a column-style ballot, not ink past the name's column: a ○ drawn in the
    # row's grey 不赞成 cell, where no box is, beside a name that needs no ○ — proposed as
    # the name's vote, a person accepting it would count a vote the voter put in 不赞成)
    past_name = _past_name_column(lay, cfg)
    beside = {k: v for k, v in beside.items() if k not in filled or past_name(k, v)}
    if lay.style == "columns":
        # A ○ drawn on the rule between two columns or two rows, touching no box: in the
        # ring round each box it is a short arc, too straight to tell from a slip of the pen
        # (the look above passes it); looked at whole, a ○ between the choices. A person
        # decides which box the voter meant.
        cells = lay.extra.get("cells", {})
        between = elsewhere.rings_between_boxes(
            gray,
            hm,
            cells,
            {c.code: list(c.boxes.values()) for c in lay.candidates}
            | {f"w{w.column}": list(w.boxes.values()) for w in lay.writeins},
            [
                *(b for c in cells.values() for b in c.get("print", ())),
                *(
                    b
                    for h in lay.extra.get("headings", ())
                    for b in h["print"][: len(h.get("text") or ())]
                ),
            ],
            reg.black,
            cfg,
            found_shifts,
        )
        beside = {
            **{
                k: v
                for k, v in between.items()
                if (k not in filled or past_name(k, v)) and k not in beside
            },
            **beside,
        }
    # A name struck through (划掉), wholly within its printed extent: the same, a person decides.
    struck = elsewhere.struck_names(
        gray, hm, lay.extra.get("cells", {}), reg.black, cfg, found_shifts
    )
    beside = {**struck, **beside}
    # A ✓ or × drawn on a candidate's printed name (over its characters, where the look
    # beside the boxes takes the print's box as print): read from the box alone the voter
    # abstains on them — or, beside a ○ or × in the box, the mark there is counted as if the
    # name were clean, though the voter may have struck the candidate out. A person decides.
    # (A ○ drawn larger than its box, a stroke running out of it, reaches the name only
    # across the rule or the column between them: a mark that far out of its box is held
    # too, as the look beside the boxes holds a piece run on past a rule.)
    looked = [code for code, m in marks if m is not Mark.UNCLEAR and code not in beside]
    if looked and info.glyphs:
        on_names = elsewhere.marks_on_names(
            gray, hm, info.glyphs, looked, reg.black, cfg, found_shifts
        )
        beside = {**on_names, **beside}
    if beside:
        scores["beside_boxes"] = beside
    printed_agrees = sum(1 for _, m in marks if m is Mark.AGREE)
    if printed_agrees > lay.seats and not beside and not hidden:
        # (writing elsewhere too: a name below the table would void it as well; paper
        # hidden is not: a correction beside a box may be under it)
        return PageReading(
            SheetStatus.COUNTED, ("over_vote",), scores, ballot_valid=False, **common
        )
    if printed_agrees > lay.seats and beside:
        # A ○ too many, and a mark beside a box (a × after a name, a name struck through, a
        # word beside it): the voter may have corrected the ballot. A person decides what
        # the voter meant (a ballot still over the seats is void).
        return PageReading(
            SheetStatus.REVIEW,
            ("over_vote_corrected", "mark_beside_box")
            + (("writing_elsewhere",) if found else ())
            + (("paper_hidden",) if hidden else ()),
            scores,
            **common,
        )
    # Over the seats only with the write-ins: what their names say decides (a name written
    # twice is one choice, a printed candidate's name is their ○): a person reads them.
    reasons = (
        (("unclear_mark",) if unclear else ())
        + (("writein",) if writein_ink else ())
        + (("writing_elsewhere",) if found else ())
        + (("blank_cut_off",) if blank_seen < cfg.blank_min_seen else ())
        + (("paper_hidden",) if hidden else ())
        + (("mark_beside_box",) if beside else ())
    )
    if reasons:
        return PageReading(SheetStatus.REVIEW, reasons, scores, **common)
    return PageReading(SheetStatus.COUNTED, (), scores, ballot_valid=True, **common)


def _past_name_column(
    lay: BallotLayout, cfg: RecognitionConfig
) -> Callable[[str, dict[str, Any]], bool]:
    """Does ink found beside the boxes of a column-style write-in row (its code, what was
    found: ``box_mm``) reach past the row's name column into its boxes' columns, beyond the
    rule between them (``beside_rule_mm``)? Always no on a symbol-style ballot."""
    cells: dict[str, dict[str, Any]] = lay.extra.get("cells", {})

    def past(code: str, found: dict[str, Any]) -> bool:
        cell = cells.get(code)
        if lay.style != "columns" or cell is None or not cell.get("writein"):
            return False
        x0, _, x1, _ = cell["cell"]
        ends = [ln[0] for ln in cell.get("lines", ()) if ln[0] == ln[2] and x0 < ln[0] < x1]
        box = found.get("box_mm")
        return bool(ends) and box is not None and float(box[2]) > min(ends) + cfg.beside_rule_mm

    return past


def _heading_rules(lay: BallotLayout, grow: float) -> list[Box]:
    """The rules printed down the column-style table's heading rows (between its columns,
    and its sides: `reports.ballot_pdf` leaves the heading's box 1 mm clear of them), grown
    by ``grow`` mm, in layout mm."""
    out: list[Box] = []
    for h in lay.extra.get("headings", ()):
        x0, y0, x1, y1 = h["box"]
        words = len(h.get("text") or ())
        sides = [(x0 - 1.3, y0 - 1.3, x0 - 0.7, y1 + 1.3), (x1 + 0.7, y0 - 1.3, x1 + 1.3, y1 + 1.3)]
        for b in [*h["print"][words:], *sides]:
            out.append((b[0] - grow, b[1] - grow, b[2] + grow, b[3] + grow))
    return out


def _runs_in(
    found: Sequence[float],
    region: Box,
    lay: BallotLayout,
    gray: Gray,
    hm: NDArray[np.float64],
    black: float,
    cfg: RecognitionConfig,
    reach: float = 1.0,
) -> bool:
    """Does ink found in a margin ``region`` (its box, mm) run on from blank paper beside it
    that was looked at already (``blank``, ``blanks``: a seal stamped there and judged no
    writing, reaching into the margin): it reaches the region's side facing that paper
    (within ``reach`` mm), the paper no more than ``gap`` mm beyond, alongside it — and ink
    crosses the paper between them (`elsewhere.ink_across`)? A name written in the margin
    close to its inner side, with nothing beyond, is the margin's own writing."""
    gap = 6.0
    x0, y0, x1, y1 = region
    fx0, fy0, fx1, fy1 = found[:4]
    near = [b for b in (lay.extra.get("blank"), *lay.extra.get("blanks", ())) if b]
    for b in near:
        along_y = b[1] < fy1 and fy0 < b[3]
        along_x = b[0] < fx1 and fx0 < b[2]
        # (the paper between the region's side and the blank's, a millimetre into each,
        # alongside what was found)
        ys = (max(fy0, b[1]) - 1.0, min(fy1, b[3]) + 1.0)
        xs = (max(fx0, b[0]) - 1.0, min(fx1, b[2]) + 1.0)
        strips: list[tuple[Box, bool]] = []  # (the strip, crossed top to bottom)
        if along_y and fx0 - x0 <= reach and 0 <= x0 - b[2] <= gap:
            strips.append(((b[2] - 1.0, ys[0], x0 + 1.0, ys[1]), False))
        if along_y and x1 - fx1 <= reach and 0 <= b[0] - x1 <= gap:
            strips.append(((x1 - 1.0, ys[0], b[0] + 1.0, ys[1]), False))
        if along_x and fy0 - y0 <= reach and 0 <= y0 - b[3] <= gap:
            strips.append(((xs[0], b[3] - 1.0, xs[1], y0 + 1.0), True))
        if along_x and y1 - fy1 <= reach and 0 <= b[1] - y1 <= gap:
            strips.append(((xs[0], y1 - 1.0, xs[1], b[1] + 1.0), True))
        if any(elsewhere.ink_across(gray, hm, st, down, black, cfg) for st, down in strips):
            return True
    return False


def _crosses_in(
    found: Sequence[float],
    region: Box,
    lay: BallotLayout,
    gray: Gray,
    hm: NDArray[np.float64],
    black: float,
    cfg: RecognitionConfig,
    reach: float = 1.0,
) -> bool:
    """Does ink found in a strip ``region`` (`ballot_pdf._strips_round`: reaching into the
    blank paper beside it) run on from that paper, looked at already — across the paper's
    top or bottom side where it lies inside the strip (`elsewhere.ink_across`, from 2 mm
    inside that paper to a millimetre beyond it)? A seal stamped below the table, judged no
    writing there, whose star and rim run on down into the strip above the foot's bar; a
    name written in the strip, short of that side, does not."""
    x0, y0, x1, y1 = region
    fx0, fy0, fx1, fy1 = found[:4]
    for b in (lay.extra.get("blank"), *lay.extra.get("blanks", ())):
        if not b or not (b[0] < fx1 and fx0 < b[2]):
            continue
        xs = (max(fx0, b[0], x0) - 1.0, min(fx1, b[2], x1) + 1.0)
        for side in (b[1], b[3]):
            if y0 < side < y1 and fy0 - reach <= side <= fy1 + reach:
                # (from 2 mm inside that paper: a stroke written just beside its side, in
                # the strip, is the strip's own)
                into = -2.0 if side == b[3] else 2.0
                band = (xs[0], min(side + into, side - 1.0), xs[1], max(side + into, side + 1.0))
                if elsewhere.ink_across(gray, hm, band, True, black, cfg):
                    return True
    return False


def _found_shifts(
    lay: BallotLayout, readings: dict[str, mk.BoxReading], shifts: boxgrid.Shifts | None = None
) -> dict[str, tuple[float, float]]:
    """Each candidate's boxes: how far (mm, mean) their printed borders were found from
    where the map puts them (candidates none of whose borders was found: only where
    ``shifts``, a bent sheet's, placed them)."""
    out: dict[str, tuple[float, float]] = {}
    for cand in lay.candidates:
        base = [shifts.offset(b) for b in cand.boxes.values()] if shifts is not None else []
        bx = sum(o[0] for o in base) / len(base) if base else 0.0
        by = sum(o[1] for o in base) / len(base) if base else 0.0
        found = [
            readings[f"{cand.code}.{k}"].scores
            for k in cand.boxes
            if readings[f"{cand.code}.{k}"].scores.get("border_found")
        ]
        if found:
            out[cand.code] = (
                bx + sum(sc.get("border_dx", 0.0) for sc in found) / len(found),
                by + sum(sc.get("border_dy", 0.0) for sc in found) / len(found),
            )
        elif base:
            out[cand.code] = (bx, by)
    return out


def _boxes_confirm(readings: list[mk.BoxReading], cfg: RecognitionConfig) -> dict[str, float]:
    """Do the printed boxes stand where the registration puts them? The share of boxes whose
    border was found within its search distance, and how far (mm) nine in ten of the found
    borders are from where they should be. A page registered on the wrong squares, or warped
    between them, shows it here; a good scan shows about 0.1 mm."""
    found = [r for r in readings if r.scores.get("border_found")]
    share = len(found) / max(1, len(readings))
    off = sorted(
        max(abs(r.scores.get("border_dx", 0.0)), abs(r.scores.get("border_dy", 0.0))) for r in found
    )
    return {
        "found_share": round(share, 3),
        "offset_p90_mm": off[int(0.9 * (len(off) - 1))] if off else 0.0,
    }


def _border_confirms(r: mk.BoxReading, cfg: RecognitionConfig) -> bool:
    """Was the box's printed border found where it was looked for (within the check's
    distance)?"""
    sc = r.scores
    return (
        bool(sc.get("border_found"))
        and max(abs(sc.get("border_dx", 0.0)), abs(sc.get("border_dy", 0.0)))
        <= cfg.boxes_max_offset_mm
    )


def _column_mark(chosen: dict[str, mk.Call]) -> Mark:
    """Column style: one box marked and the others empty chooses it; none is abstain."""
    if any(c is mk.Call.UNCLEAR for c in chosen.values()):
        return Mark.UNCLEAR
    marked = [k for k, c in chosen.items() if c is mk.Call.MARK]
    if not marked:
        return Mark.ABSTAIN
    if len(marked) > 1:
        return Mark.UNCLEAR
    return {"agree": Mark.AGREE, "disagree": Mark.DISAGREE, "abstain": Mark.ABSTAIN}.get(
        marked[0], Mark.UNCLEAR
    )


#: What a reading says is not in the image — what a damaged file's page shows too.
_PART_MISSING = frozenset({"part_of_ballot", "cut_off", "blank_cut_off", "paper_hidden"})


def _damage(loaded: LoadedPage, ref: PageRef) -> str:
    """What is wrong with a page's file though it was decoded (asked of pages that look
    blank only: the check reads the whole file)."""
    if loaded.damage:
        return loaded.damage
    if loaded.kept.ext in ("jpg", "jpeg", "jpe", "jfif") and (
        said := jpeg_damage(loaded.kept.data)
    ):
        return f"JPEG: {said}"
    return tiff_damage(ref, loaded.kept)


def process_page(ref: PageRef, ctx: ReadContext) -> PageResult:
    """Load, keep, read one page; never raises (a failure is a rejected result)."""
    t0 = time.perf_counter()
    kept_path = ""
    sha = ""
    try:
        loaded = load_page(ref, ctx.config, ctx.paper_long_mm())
        sha = loaded.kept.sha256
        if ctx.images_dir is not None:
            try:
                kept_path = keep_copy(Path(ctx.images_dir), loaded.kept)
            except OSError as exc:
                # (the images folder full or not writable: the page is fine, the scan stops —
                # `scan._scan_paths` — and is run again once there is room)
                return PageResult(
                    ref.path,
                    ref.page,
                    sha,
                    "",
                    SheetStatus.REJECTED,
                    ("images_not_saved",),
                    scores={
                        "error": "".join(traceback.format_exception_only(type(exc), exc)).strip(),
                        "errno": exc.errno,
                        "images_dir": ctx.images_dir,
                    },
                )
        if isinstance(loaded, LoadProblem):
            return PageResult(
                ref.path,
                ref.page,
                sha,
                kept_path,
                SheetStatus.REJECTED,
                (loaded.code,),
                scores={"load": loaded.detail},
                pages=ref.pages,
            )
        reading = read_image(loaded.gray, ctx, finer_of(loaded))
        if loaded.marker is not None:
            reading = marker_look(reading, loaded.marker, ctx.config)
        if (
            reading.reasons in (("blank_page",), ("writing_on_back",))
            or set(reading.reasons) & _PART_MISSING
        ) and (damage := _damage(loaded, ref)):
            # (a page the PDF reader could not draw in full, a JPEG or TIFF whose coded data
            # is damaged, comes out white, flat or noise: no blank back — and what was drawn
            # of a ballot is part of one, or a part of it looks covered or cut off, because
            # the file is damaged: that is what to say; the image is no ballot to decide on)
            reading = replace(
                reading, status=SheetStatus.REJECTED, reasons=("corrupt_file",), ballot_valid=None
            )
            reading.scores["load"] = damage
        reading.scores["reduction"] = loaded.reduction
        if loaded.bilevel:
            reading.scores["bilevel"] = True
        reading.scores["ms"] = round((time.perf_counter() - t0) * 1000, 1)
        if ctx.overlay_dir is not None:
            _write_overlay(ctx.overlay_dir, ref, loaded, reading)
        return _result(ref, sha, kept_path, reading)
    except Exception as exc:  # a bug must not lose the sheet: it is listed, with the error
        detail = "".join(traceback.format_exception_only(type(exc), exc)).strip()
        return PageResult(
            ref.path,
            ref.page,
            sha,
            kept_path,
            SheetStatus.REJECTED,
            ("internal_error",),
            scores={"error": detail, "trace": traceback.format_exc()[-2000:]},
            pages=ref.pages,
        )


def marker_look(reading: PageReading, marker: Gray, cfg: RecognitionConfig) -> PageReading:
    """A colour scan's marker ink (`load._colour_planes`: a highlighter's yellow, almost paper in
    grey) in a candidate's part of the table — across their box, over their name — is a
    mark the voter made there: a person decides (``mark_beside_box``), as for a mark beside
    the boxes. ``marker``: 0–255, as the page's grey is reduced."""
    lay, reg = reading.layout, reading.registration
    if reading.status is SheetStatus.REJECTED or lay is None or reg is None:
        return reading
    hm = reg.matrix()
    px_per_mm = math.sqrt(abs(float(np.linalg.det(hm[:2, :2] / hm[2, 2]))))
    h, w = marker.shape
    filled = {
        f"w{wr.column}"
        for wr in reading.writeins
        if wr.has_name is not False or wr.mark is not Mark.ABSTAIN
    }
    found: dict[str, dict[str, Any]] = {}
    for code, cell in lay.extra.get("cells", {}).items():
        if code in filled:
            continue
        x0, y0, x1, y1 = cell["cell"]
        mm = np.array([[[x0, y0]], [[x1, y0]], [[x1, y1]], [[x0, y1]]], dtype=np.float64)
        at = cv2.perspectiveTransform(mm, hm).reshape(-1, 2)
        lo = np.maximum(np.floor(at.min(axis=0)).astype(int), 0)
        hi = np.minimum(np.ceil(at.max(axis=0)).astype(int) + 1, (w, h))
        if hi[0] <= lo[0] or hi[1] <= lo[1]:
            continue
        inside = np.zeros((int(hi[1] - lo[1]), int(hi[0] - lo[0])), np.uint8)
        cv2.fillConvexPoly(inside, np.round(at - lo).astype(np.int32), 1)
        part = marker[lo[1] : hi[1], lo[0] : hi[0]]
        area = float(np.sum(part, where=inside > 0, dtype=np.float64)) / 255 / px_per_mm**2
        if area >= cfg.marker_min_mm2:
            ys, xs = np.nonzero((part > 0) & (inside > 0))
            px0, py0 = xs.min() + lo[0], ys.min() + lo[1]
            px1, py1 = xs.max() + lo[0], ys.max() + lo[1]
            corners = np.array(
                [[[px0, py0]], [[px1, py0]], [[px1, py1]], [[px0, py1]]], dtype=np.float64
            )
            back = cv2.perspectiveTransform(corners, np.linalg.inv(hm)).reshape(-1, 2)
            # (in layout mm, whichever way round the sheet lay on the glass)
            (bx0, by0), (bx1, by1) = back.min(axis=0), back.max(axis=0)
            found[code] = {
                "ink_mm2": round(area, 2),
                "box_mm": [round(float(v), 1) for v in (bx0, by0, bx1, by1)],
                "marker": True,
            }
    if not found:
        return reading
    scores = {**reading.scores}
    scores["beside_boxes"] = {**found, **scores.get("beside_boxes", {})}
    if reading.status is SheetStatus.COUNTED and reading.reasons == ("over_vote",):
        # (a ○ too many and a mark made elsewhere: the voter may have corrected the ballot)
        reasons: tuple[str, ...] = ("over_vote_corrected", "mark_beside_box")
    elif "mark_beside_box" in reading.reasons:
        reasons = reading.reasons
    else:
        reasons = (*reading.reasons, "mark_beside_box")
    return replace(
        reading, status=SheetStatus.REVIEW, reasons=reasons, scores=scores, ballot_valid=None
    )


def finer_of(loaded: LoadedPage) -> mk.Finer:
    """The page at a finer resolution (`load.finer`), decoded only when first asked for and
    then kept for the rest of the page's reading."""
    return functools.cache(lambda: finer(loaded))


def _result(ref: PageRef, sha: str, kept_path: str, r: PageReading) -> PageResult:
    code = r.code
    return PageResult(
        ref.path,
        ref.page,
        sha,
        kept_path,
        r.status,
        r.reasons,
        contest=code.contest if code else None,
        round=code.round if code else None,
        serial=code.serial if code else None,
        test=code.test if code else None,
        ballot_valid=r.ballot_valid,
        marks=r.marks,
        writeins=r.writeins,
        scores=r.scores,
        pages=ref.pages,
    )


def _write_overlay(folder: str, ref: PageRef, loaded: LoadedPage, reading: PageReading) -> None:
    import cv2

    from huanjie_desktop.recognition.overlay import draw_overlay

    out = Path(folder)
    out.mkdir(parents=True, exist_ok=True)
    name = f"{Path(ref.path).stem}-p{ref.page}-{loaded.kept.sha256[:8]}.jpg"
    img = draw_overlay(loaded.gray, reading)
    ok, enc = cv2.imencode(".jpg", img, [cv2.IMWRITE_JPEG_QUALITY, 85])
    if ok:
        (out / name).write_bytes(overlay_marked(bytes(enc.tobytes())))


#: The note in a marked-up picture (a JPEG comment), by which a scan knows it for no ballot
#: (`app.scan.not_to_read`) — one saved among the scans was read back as a second image
#: of every sheet it showed, each held for a serial conflict.
OVERLAY_MARK = b"huanjie overlay picture: not a scan"


def overlay_marked(jpeg: bytes) -> bytes:
    """A JPEG with `OVERLAY_MARK` as a comment, right after its JFIF header (where a scan
    reads its first bytes)."""
    at = 2
    if jpeg[2:4] == b"\xff\xe0":  # (APP0, JFIF: stays first)
        at = 4 + int.from_bytes(jpeg[4:6], "big")
    comment = b"\xff\xfe" + (len(OVERLAY_MARK) + 2).to_bytes(2, "big") + OVERLAY_MARK
    return jpeg[:at] + comment + jpeg[at:]


def scores_json(scores: dict[str, Any]) -> str:
    return json.dumps(
        scores, ensure_ascii=False, sort_keys=True, separators=(",", ":"), default=str
    )
