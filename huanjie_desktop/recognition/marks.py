"""Reading one target: ○ (agree), × (disagree), nothing (abstain), or unclear.

Every box is resampled through the homography into a small patch (the box, plus a ring
around it for marks drawn larger than the box), at a fixed resolution, and measured:

1. Darkness is taken relative to the paper's white, then to the printed border's black, so
   tinted paper, dim scanners and black-and-white scans read alike.
2. The printed border is found where it really is (±``border_search_mm``) and set aside —
   except where a stroke lies on it or crosses it (the dark run across it is wider there,
   next to ink off it): those places are ink, so a ○ the size of the box stays closed.
3. Straight lines running across the whole patch are printed grid lines or folds: erased —
   unless one runs through the box in pen, which is doubtful.
4. Specks smaller than ``dust_max_mm2`` are dust. Ink that neither reaches inside the box nor
   touches its border is not this box's mark (a stray line, the name below) — unless it
   surrounds the box, which is doubtful.
5. The mark's shape:
   - a ○ encloses a hole (possibly with a small gap) seen all around from its centre, with
     nothing through that centre, and is not made of straight lines (after removing the two
     strongest lines, much ink remains — the SDAPS idea);
   - a × is two straight strokes, each near a diagonal, crossing near both their middles,
     with no hole — and nothing else: no ink kept on the printed border that they do not
     hold (a ○ drawn round them along it), no arcs all round where they cross (a small ○
     crossed out, its hole filled by them); a ✓ is two strokes meeting at an end, which is
     not a ×.
   Everything else with ink — faint strokes, a dot, a fill, a ✓, ○ with × over it, a
   scribble, a line through the box, broken (dotted) strokes — is ``unclear``: a person
   decides. A stroke that reads faint on a page reduced to be read is measured again on the
   page at twice the resolution (a fine pen's thin line is paled by the reduction); a dot
   is small both in ink and in size.
6. A box read as empty is looked at once more for a ring round its middle too faint to be
   ink (a faded copy, an erased ○), for strokes too pale to be ink, narrow (a hard
   pencil) or broad (a pale felt-tip, an erased mark's smear), and for a pale ○ the size
   of the box or a little bigger running along its printed border (the border's own
   profile taken away): ``unclear``, never abstain.

The boxes of a page are measured together (one stack of patches, one OpenCV call for many)
as far as possible; a clean ○ (closed hole, ellipse) and a clean × (two lines) are settled
before the costlier measures.

All raw numbers are returned with the call (`BoxReading.scores`), so every decision can be
explained and re-run with other thresholds.
"""

from __future__ import annotations

import dataclasses
import functools
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, NamedTuple, cast

import cv2
import numpy as np
from numpy.typing import NDArray

from huanjie_desktop.domain.layout import Box
from huanjie_desktop.domain.model import Mark
from huanjie_desktop.recognition.config import RecognitionConfig

Gray = NDArray[np.uint8]
F32 = NDArray[np.float32]
Bool = NDArray[np.bool_]


class FineImage(NamedTuple):
    """The page at a finer resolution than the image read (`load.finer`)."""

    gray: Gray
    factor: int  # how many times finer
    bilevel: bool  # a black-and-white scan's own pixels (not averaged into grey)


#: A finer image of the page, decoded on demand; None: none to be had.
Finer = Callable[[], "FineImage | None"]
#: A marked box's stroke darkness measured on the finer image: (box, the mark's pixels in a
#: crop of the box's patch, the crop's top row and left column) → darkness 0–1; None: no
#: finer image.
FinePeak = Callable[[int, Bool, int, int], "float | None"]
#: How much of a band across box ``m``'s patch (its profile along ``axis``, see
#: `_shadow_divided`) runs on across the page far beyond the box (`_band_runs_on`).
RunsOn = Callable[[int, int, F32], "float | None"]


class Call(StrEnum):
    """What one box shows."""

    EMPTY = "empty"
    CIRCLE = "circle"
    CROSS = "cross"
    MARK = "mark"  # clear ink of another shape (counts as a mark in the column style only)
    UNCLEAR = "unclear"


class Why(StrEnum):
    """Why a box is unclear (shown to the person who decides)."""

    NONE = ""
    FAINT = "faint"
    DOT = "dot"
    FILL = "fill"
    CIRCLE_CROSSED = "circle_crossed"
    OUTSIDE = "outside"
    LINE = "line"
    SHAPE = "shape"
    PLACE = "place"  # a bent sheet: where the box is could not be confirmed
    HIDDEN = "hidden"  # nothing seen, but neither the box's own printed border: covered
    STAIN = "stain"  # a mark read in a box lying in a stain (a drink's drop): its rim?
    TRACED = "traced"  # nothing in the box, but its printed border drawn over with a pen
    PALER = "paler"  # a ○ or × with another mark beside it in a paler ink (pencil, pen)
    FINER = "finer"  # a broad pen's mark with a finer pen's strokes over or beside it
    ALTERED = "altered"  # a mark in a box whose border is partly covered (correction fluid)
    TICK_CROSSED = "tick_crossed"  # a × drawn over a ✓ (its short stroke by an arm)


@dataclass(frozen=True)
class BoxReading:
    call: Call
    why: Why
    scores: dict[str, float] = field(default_factory=dict)

    def symbol_mark(self) -> Mark:
        return {Call.EMPTY: Mark.ABSTAIN, Call.CIRCLE: Mark.AGREE, Call.CROSS: Mark.DISAGREE}.get(
            self.call, Mark.UNCLEAR
        )


@dataclass(frozen=True)
class NameReading:
    has_name: bool | None  # None: unclear
    scores: dict[str, float] = field(default_factory=dict)


def sample(
    gray: Gray, hmat: NDArray[np.float64], x0: float, y0: float, w_mm: float, h_mm: float, s: float
) -> Gray:
    """The page region (x0, y0, w_mm, h_mm) in layout mm, resampled at ``s`` px/mm."""
    t = np.array([[1.0 / s, 0.0, x0], [0.0, 1.0 / s, y0], [0.0, 0.0, 1.0]])
    m = hmat @ t
    size = (max(4, round(w_mm * s)), max(4, round(h_mm * s)))
    out = cv2.warpPerspective(
        gray,
        m,
        size,
        flags=cv2.INTER_LINEAR | cv2.WARP_INVERSE_MAP,
        borderMode=cv2.BORDER_REPLICATE,
    )
    return cast(Gray, out)


def sample_many(
    gray: Gray, hmat: NDArray[np.float64], origins: NDArray[np.float64], pw: int, ph: int, s: float
) -> Gray:
    """Patches (n, ph, pw) of the page at ``s`` px/mm, patch k's top-left corner at
    ``origins[k]`` (layout mm): `sample` for many patches of one size, in one resampling
    (the source coordinates of every patch pixel, then one `cv2.remap`). The coordinates are
    computed in single precision: about one pixel in ten thousand lands on the neighbouring
    1/32-pixel step of the resampler and differs from `sample`'s by a grey level or two."""
    n = len(origins)
    per = max(1, _REMAP_MAX_ROWS // ph)  # remap takes maps of fewer than 32,767 rows
    if n > per:
        return np.concatenate(
            [sample_many(gray, hmat, origins[i : i + per], pw, ph, s) for i in range(0, n, per)]
        )
    h = hmat.astype(np.float32)
    u = np.arange(pw, dtype=np.float32) / np.float32(s)
    v = np.arange(ph, dtype=np.float32) / np.float32(s)
    xs = (origins[:, 0, None].astype(np.float32) + u[None, :])[:, None, :]  # (n, 1, pw)
    ys = (origins[:, 1, None].astype(np.float32) + v[None, :])[:, :, None]  # (n, ph, 1)
    w = np.float32(1.0) / (h[2, 0] * xs + (h[2, 1] * ys + h[2, 2]))
    mx = (h[0, 0] * xs + (h[0, 1] * ys + h[0, 2])) * w
    my = (h[1, 0] * xs + (h[1, 1] * ys + h[1, 2])) * w
    out = cv2.remap(
        gray,
        mx.reshape(n * ph, pw),
        my.reshape(n * ph, pw),
        cv2.INTER_LINEAR,
        borderMode=cv2.BORDER_REPLICATE,
    )
    return cast(Gray, out.reshape(n, ph, pw))


def quantile(values: NDArray[Any], q: float) -> float:
    """The ``q`` quantile of ``values`` (nearest rank; much cheaper than np.percentile)."""
    flat = values.ravel()
    if flat.size == 0:
        return 0.0
    k = min(flat.size - 1, max(0, round(q * (flat.size - 1))))
    return float(np.partition(flat, k)[k])


def _quantile_pair(values: NDArray[Any], q1: float, q2: float) -> tuple[float, float]:
    """`quantile` at ``q1`` and ``q2`` with one partial sort."""
    flat = values.ravel()
    if flat.size == 0:
        return 0.0, 0.0
    k1, k2 = (min(flat.size - 1, max(0, round(q * (flat.size - 1)))) for q in (q1, q2))
    part = np.partition(flat, (k1, k2) if k1 != k2 else k1)
    return float(part[k1]), float(part[k2])


def darkness(patch: Gray, page_white: float) -> tuple[F32, float]:
    """Darkness relative to the local paper white (falls back to the page's when inked)."""
    white = quantile(patch[::2, ::2], 0.9)
    if white < 0.6 * page_white:
        white = page_white
    white = max(white, 1.0)
    d = (np.float32(white) - patch.astype(np.float32)) * np.float32(1.0 / white)
    np.clip(d, 0.0, 1.0, out=d)
    return d, white


def _median_axis(a: F32, axis: int) -> F32:
    n = a.shape[axis]
    if n == 0:
        return np.zeros(a.shape[1 - axis], dtype=np.float32)
    k = n // 2
    out: F32 = np.take(np.partition(a, k, axis=axis), k, axis=axis).astype(np.float32)
    return out


def _peak(profile: F32, lo: int, hi: int) -> tuple[float, float, float]:
    """(position, height, reach) of the strongest peak of ``profile`` in [lo, hi).

    ``reach`` is how far from the peak the profile stays above a fifth of its height: the
    printed line plus its blur.
    """
    lo, hi = max(0, lo), min(len(profile), hi)
    if hi - lo < 1:
        return (float(lo), 0.0, 1.0)
    k = lo + int(np.argmax(profile[lo:hi]))
    top = float(profile[k])
    pos = float(k)
    if 0 < k < len(profile) - 1:
        a, b, c = float(profile[k - 1]), top, float(profile[k + 1])
        den = a - 2 * b + c
        if den < 0:
            pos += 0.5 * (a - c) / den
    foot = top / 5
    left = k
    while left > 0 and profile[left - 1] > foot:
        left -= 1
    right = k
    while right < len(profile) - 1 and profile[right + 1] > foot:
        right += 1
    return (pos, top, max(pos - left, right - pos) + 0.5)


def _ink_on_border(
    d: F32,
    dark: float,
    band: Bool,
    edges: tuple[float, float, float, float],
    hw: float,
    base: float,
    thicken: float,
) -> Bool:
    """Where a stroke runs on or across the printed border.

    Across the border the dark run is as wide as the printed line (with its blur), ``base``
    pixels — except where a pen stroke lies on it or crosses it: there it is wider. An opening
    with a line ``base + thicken`` long across the border keeps exactly those wider runs; those
    places of the border band are ink, so a ○ drawn over the border stays one closed stroke.
    """
    k = max(2, math.ceil(base + thicken))
    dk = (d >= dark).astype(np.uint8)
    across_v = cv2.morphologyEx(dk, cv2.MORPH_OPEN, np.ones((1, k), np.uint8))  # for | lines
    across_h = cv2.morphologyEx(dk, cv2.MORPH_OPEN, np.ones((k, 1), np.uint8))  # for — lines
    ul, ur, vt, vb = edges
    # Rows along the vertical sides, columns along the horizontal ones, away from the other
    # sides' lines (which run across).
    vert = np.zeros_like(band)
    vert[max(0, math.ceil(vt + hw)) : max(0, math.floor(vb - hw) + 1), :] = True
    horiz = np.zeros_like(band)
    horiz[:, max(0, math.ceil(ul + hw)) : max(0, math.floor(ur - hw) + 1)] = True
    out: Bool = band & (((across_v > 0) & vert) | ((across_h > 0) & horiz))
    return out


def _components(mask: Bool, conn: int = 8) -> tuple[int, NDArray[np.int32], NDArray[np.int32]]:
    n, labels, stats, _ = cv2.connectedComponentsWithStats(mask.astype(np.uint8), connectivity=conn)
    return int(n), cast(NDArray[np.int32], labels), cast(NDArray[np.int32], stats)


def _angles_covered(xs: F32, ys: F32, cx: float, cy: float, rmin: float, bins: int = 36) -> float:
    return float(np.count_nonzero(_directions(xs, ys, cx, cy, rmin, bins))) / bins


def _directions(xs: F32, ys: F32, cx: float, cy: float, rmin: float, bins: int = 36) -> Bool:
    """Which of ``bins`` directions round (cx, cy) hold points (two at least) at ``rmin`` or
    further."""
    dx, dy = xs - cx, ys - cy
    r = np.hypot(dx, dy)
    keep = r >= rmin
    if not np.any(keep):
        return np.zeros(bins, dtype=bool)
    a = np.arctan2(dy[keep], dx[keep])
    idx = ((a + math.pi) / (2 * math.pi) * bins).astype(np.int64) % bins
    counts = np.bincount(idx, minlength=bins)
    out: Bool = counts >= 2
    return out


def _bridged(ink: Bool, border: Bool) -> float:
    """The share of directions a ring covers with its ink, or hidden under the printed
    border where the border bridges a whole gap between its ink: a gap the border spans only
    in part is an opening, and the border beside it no ○'s hidden part (a ✓ whose one stroke
    meets the border, its other end short of it, closed up by the border's corner)."""
    n = ink.size
    if ink.all() or not ink.any():
        return float(np.count_nonzero(ink)) / n
    covered = ink.copy()
    start = int(np.flatnonzero(ink)[-1]) + 1  # (just past an inked direction: runs unbroken)
    run: list[int] = []
    for k in range(start, start + n + 1):
        j = k % n
        if ink[j] or k == start + n:
            if run and all(border[i] for i in run):
                covered[run] = True
            run = []
        else:
            run.append(j)
    return float(np.count_nonzero(covered)) / n


_THETA_STEP = math.radians(4)
_REMAP_MAX_ROWS = 32000
_SQUARE3 = np.ones((3, 3), np.uint8)
_SQUARE5 = np.ones((5, 5), np.uint8)
_DISCS: dict[int, NDArray[np.uint8]] = {}


def _disc(k: int) -> NDArray[np.uint8]:
    """The k×k elliptic structuring element (made once)."""
    if k not in _DISCS:
        _DISCS[k] = cast(NDArray[np.uint8], cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (k, k)))
    return _DISCS[k]


@dataclass(frozen=True)
class _Line:
    theta: float  # normal direction, radians
    rho: float
    members: Bool  # which (alive) points belong to the line
    near: Bool  # every point within the line's band, alive or not (for its gaps)
    t_lo: float
    t_hi: float
    #: how far from the line (``theta``, ``rho``) its members lie at most: its band, or for
    #: a bowed stroke (`_bent`) its band plus how far the bow takes it off that line
    reach: float


def _strongest_line(xs: F32, ys: F32, alive: Bool, band: float, bow: float = 0.0) -> _Line | None:
    """The straight line through most of the ``alive`` points (integer pixel positions); with
    ``bow`` > 0 its band is widened to ``bow`` × its length, so a hand-drawn, slightly curved
    stroke is one line. The line is found by OpenCV's Hough transform (bins half a band wide,
    4° apart), then centred on its points."""
    count = int(alive.sum())
    if count < 4:
        return None
    ix, iy = xs[alive].astype(np.int64), ys[alive].astype(np.int64)
    mask = np.zeros((int(iy.max()) + 1, int(ix.max()) + 1), dtype=np.uint8)
    mask[iy, ix] = 255
    found = cv2.HoughLines(mask, max(1.0, band / 2), _THETA_STEP, max(2, count // 20))
    if found is None or len(found) == 0:
        return None
    rho0, theta = float(found[0][0][0]), float(found[0][0][1])
    c, s = math.cos(theta), math.sin(theta)
    proj = xs * c + ys * s
    in_band = alive & (np.abs(proj - rho0) <= band)
    r_center = quantile(proj[in_band], 0.5) if in_band.any() else rho0
    dist_all = np.abs(proj - r_center)
    members = alive & (dist_all <= band)
    along = -xs * s + ys * c
    t = along[members]
    if t.size < 2:
        return None
    t_lo, t_hi = _quantile_pair(t, 0.03, 0.97)
    wide = max(band, bow * (t_hi - t_lo))
    if wide > band:
        members = alive & (dist_all <= wide)
        t_lo, t_hi = _quantile_pair(along[members], 0.03, 0.97)
    return _Line(theta, r_center, members, dist_all <= wide, t_lo, t_hi, wide)


def _bent(xs: F32, ys: F32, alive: Bool, ln: _Line, band: float, most: float) -> _Line | None:
    """The stroke ``ln`` found straight, followed as a hand bows it: a parabola fitted to
    its points (in the frame of their main axis), its points those of ``alive`` within
    ``band`` of it along its length. None when it bows more than ``most`` × its length
    (sagitta) or has too few points."""
    members = ln.members
    theta, centre = ln.theta, ln.rho
    dist: F32 = np.zeros(0, dtype=np.float32)
    for _ in range(2):
        px, py = xs[members], ys[members]
        if px.size < 6:
            return None
        mx, my, evecs = _axes(px, py)
        dx, dy = float(evecs[0, 1]), float(evecs[1, 1])  # the main axis (largest eigenvalue)
        theta = math.atan2(dx, -dy) % math.pi  # its normal, as _Line keeps it
        c, s = math.cos(theta), math.sin(theta)
        centre = mx * c + my * s
        along = -xs * s + ys * c
        across = xs * c + ys * s - centre
        t = along[members]
        coef = np.polyfit(t.astype(np.float64), across[members].astype(np.float64), 2)
        lo, hi = float(t.min()) - 2 * band, float(t.max()) + 2 * band
        dist = np.abs(across - np.polyval(coef, along)).astype(np.float32)
        members = alive & (dist <= band) & (along >= lo) & (along <= hi)
    t = along[members]
    if t.size < 6:
        return None
    t_lo, t_hi = _quantile_pair(t, 0.03, 0.97)
    if abs(float(coef[0])) * ((t_hi - t_lo) / 2) ** 2 > most * max(t_hi - t_lo, 1e-6):
        return None
    # (the parabola's furthest from the line over the stroke: at an end or at its vertex)
    at = [t_lo, t_hi]
    if coef[0] != 0 and t_lo < (vertex := -float(coef[1]) / (2 * float(coef[0]))) < t_hi:
        at.append(vertex)
    off = float(np.abs(np.polyval(coef, np.array(at))).max())
    return _Line(theta, centre, members, dist <= band, t_lo, t_hi, band + off)


def _line_pair(
    xs: F32,
    ys: F32,
    band: float,
    bow: float,
    third: bool = True,
    width: float = 1.0,
    bent: float = 0.0,
    aside: tuple[F32, F32] | None = None,
    centre_reach: float = 0.0,
    mask: Bool | None = None,
    core_margin: float = 0.0,
) -> dict[str, float]:
    """The strongest straight lines: how much ink the first two leave, how they meet, and
    whether a third straight stroke is left (a star or a hash is not a ×; where it meets
    the nearer of the two: `_third_on_arm`). With ``bent`` > 0, each of the two is followed
    as a hand bows it, by at most that share of its length (`_bent`); its direction is
    then its chord's.

    ``aside``: the mark's pixels left out of the fit (on the printed border); with them,
    ``line_residual_all`` is the share of all the ink the two lines leave. With
    ``centre_reach`` > 0 (px), ``crossing_ring`` is the share of the directions from where
    the lines cross in which ink neither holds lies within that distance; given the mark's
    pixels as a ``mask`` (the points' image), ``crossing_core`` is the radius (px) of the
    largest disc of solid ink that holds the crossing (a blot there), and
    ``crossing_ring_beyond`` the share of the directions in which such ink lies further than
    ``core_margin`` beyond that disc (`_crossing_core`)."""
    n = len(xs)
    alive = np.ones(n, dtype=bool)
    l1 = _strongest_line(xs, ys, alive, band, bow)
    if l1 is not None and bent > 0:
        l1 = _bent(xs, ys, alive, l1, band, bent)
    if l1 is None:
        return {"line_residual": 1.0}
    alive &= ~l1.members
    l2 = _strongest_line(xs, ys, alive, band, bow)
    if l2 is not None and bent > 0:
        l2 = _bent(xs, ys, alive, l2, band, bent)
    if l2 is None:
        return {"line_residual": float(alive.sum()) / n, "line1_mm": l1.t_hi - l1.t_lo}
    alive &= ~l2.members
    out = {
        "line_residual": float(alive.sum()) / n,
        "line1_share": float(l1.members.sum()) / n,
        "line2_share": float(l2.members.sum()) / n,
        "line1_mm": l1.t_hi - l1.t_lo,
        "line2_mm": l2.t_hi - l2.t_lo,
        "line_gap": max(_largest_gap(xs, ys, ln) for ln in (l1, l2)),
        # Ink per length against one stroke's width: a hatch in a wide band is "fat".
        "line_fat": max(
            float(ln.members.sum()) / max(1.0, (ln.t_hi - ln.t_lo) * width) for ln in (l1, l2)
        ),
    }
    l3 = _strongest_line(xs, ys, alive, band) if third else None
    if l3 is not None:
        out["line3_share"] = float(l3.members.sum()) / n
        out["line3_mm"] = l3.t_hi - l3.t_lo
        # (as line_fat: about 1 for a stroke, far less for stray points that happen to line up)
        out["line3_fat"] = float(l3.members.sum()) / max(1.0, (l3.t_hi - l3.t_lo) * width)
        out["line_residual3"] = float((alive & ~l3.members).sum()) / n
        out.update(_third_on_arm(l3, (l1, l2)))  # (a ✓'s short stroke under a ×?)
    else:
        out["line_residual3"] = out["line_residual"]
    angle = abs(math.degrees(l1.theta - l2.theta)) % 180
    out["line_angle"] = min(angle, 180 - angle)
    # Direction of each line (perpendicular to its normal), in degrees 0..180, page axes.
    dirs = [(math.degrees(th) + 90) % 180 for th in (l1.theta, l2.theta)]
    out["diag_dev"] = max(min(abs(d - 45), abs(d - 135)) for d in dirs)
    # ... and how far the pair is turned together off the diagonals (both lines off them the
    # same way): a + turned 16° has each line 29° off a diagonal, as a squashed × may, but
    # turned together — nearer a + than a ×
    near = [45.0 if abs(d - 45) <= abs(d - 135) else 135.0 for d in dirs]
    signed = [d - n for d, n in zip(dirs, near, strict=True)]
    out["diag_turn"] = (
        abs(signed[0] + signed[1]) / 2 if near[0] != near[1] else max(map(abs, signed))
    )
    c1, s1, c2, s2 = math.cos(l1.theta), math.sin(l1.theta), math.cos(l2.theta), math.sin(l2.theta)
    det = c1 * s2 - s1 * c2
    if abs(det) < 1e-6:
        out["cross_end_share"] = 0.0
        return out
    ix = (l1.rho * s2 - l2.rho * s1) / det
    iy = (c1 * l2.rho - c2 * l1.rho) / det
    ends = []
    for ln in (l1, l2):
        c, s = math.cos(ln.theta), math.sin(ln.theta)
        t = -ix * s + iy * c
        span = max(ln.t_hi - ln.t_lo, 1e-6)
        u = (t - ln.t_lo) / span
        ends.append(min(u, 1 - u))
    out["cross_end_share"] = min(ends)
    out["cross_x"], out["cross_y"] = ix, iy
    if centre_reach > 0:
        # Ink neither line holds about where they cross: a ×'s own hooks and bows lie along
        # its strokes, in a few directions from there; a small ○ the × was drawn through
        # (⊗, its hole filled by the strokes) leaves arcs all round.
        within = (xs - np.float32(ix)) ** 2 + (ys - np.float32(iy)) ** 2 <= np.float32(
            centre_reach * centre_reach
        )
        held_here = np.zeros_like(within)
        for ln in (l1, l2):
            held_here |= within & _along_locally(xs, ys, ln.members & within, band)
        round_ = within & ~held_here
        out["crossing_ring"] = (
            _angles_covered(xs[round_], ys[round_], float(ix), float(iy), 0.0)
            if round_.any()
            else 0.0
        )
        if mask is not None and out["crossing_ring"] > 0:
            # A pen resting where the strokes cross leaves a blot: solid ink from the
            # crossing outwards, all round and held by neither line — as a small ○'s arcs
            # are. The ○'s arcs lie beyond its hole, paper the strokes cut into pieces (the
            # largest solid disc there is the strokes' own crossing); a blot's ink does not
            # lie beyond the blot.
            core, (bx, by) = _crossing_core(mask, float(ix), float(iy), centre_reach)
            out["crossing_core"] = core
            beyond = round_ & (
                (xs - np.float32(bx)) ** 2 + (ys - np.float32(by)) ** 2
                > np.float32((core + core_margin) ** 2)
            )
            out["crossing_ring_beyond"] = (
                _angles_covered(xs[beyond], ys[beyond], float(ix), float(iy), 0.0)
                if beyond.any()
                else 0.0
            )
    if aside is not None and aside[0].size:
        # The mark's ink on the printed border (left out of the fits: the border's own
        # segments are straight): where the × crosses the border, its lines hold it; a ○
        # drawn round the × along the border runs there, and they do not.
        ax, ay = aside
        held = np.zeros(ax.size, dtype=bool)
        for ln in (l1, l2):
            c, s = math.cos(ln.theta), math.sin(ln.theta)
            on = -ax * s + ay * c
            held |= (
                (np.abs(ax * c + ay * s - ln.rho) <= ln.reach)
                & (on >= ln.t_lo - band)
                & (on <= ln.t_hi + band)
            )
        out["line_residual_all"] = float(np.count_nonzero(alive) + np.count_nonzero(~held)) / (
            n + ax.size
        )
    return out


def _line_ends(ln: _Line) -> tuple[tuple[float, float], tuple[float, float]]:
    """The ends (x, y) of line ``ln``'s stretch (``t_lo``, ``t_hi`` along it)."""
    c, s = math.cos(ln.theta), math.sin(ln.theta)
    return (
        (ln.rho * c - ln.t_lo * s, ln.rho * s + ln.t_lo * c),
        (ln.rho * c - ln.t_hi * s, ln.rho * s + ln.t_hi * c),
    )


def _third_on_arm(l3: _Line, arms: tuple[_Line, _Line]) -> dict[str, float]:
    """Where the third straight stroke ``l3`` meets the nearer of the two ``arms`` (px, deg):
    ``line3_arm_gap`` how far its nearer end lies off that arm's line, ``line3_reach`` how far
    its other end does, ``line3_arm_angle`` the angle between them, ``line3_from_end`` how
    far along the arm from its nearer end the stroke meets it (< 0: beyond the end) and
    ``line3_from_cross`` how far from where the arms cross. A ✓ under a × (its long stroke
    along an arm) leaves its short stroke so: a V with the arm, one end on it, the other
    well off it."""
    a, b = arms
    ca, sa, cb, sb = math.cos(a.theta), math.sin(a.theta), math.cos(b.theta), math.sin(b.theta)
    det = ca * sb - sa * cb
    crossing = (
        ((a.rho * sb - b.rho * sa) / det, (ca * b.rho - cb * a.rho) / det)
        if abs(det) >= 1e-6
        else None
    )
    ends = _line_ends(l3)
    best: dict[str, float] = {}
    for ln in arms:
        c, s = math.cos(ln.theta), math.sin(ln.theta)
        off = [abs(x * c + y * s - ln.rho) for x, y in ends]
        i = 0 if off[0] <= off[1] else 1
        if best and off[i] >= best["line3_arm_gap"]:
            continue
        x, y = ends[i]
        t = -x * s + y * c
        angle = abs(math.degrees(l3.theta - ln.theta)) % 180
        best = {
            "line3_arm_gap": off[i],
            "line3_reach": off[1 - i],
            "line3_arm_angle": min(angle, 180 - angle),
            "line3_from_end": min(t - ln.t_lo, ln.t_hi - t),
        }
        if crossing is not None:
            best["line3_from_cross"] = abs(t - (-crossing[0] * s + crossing[1] * c))
    return best


def _crossing_core(
    mask: Bool, ix: float, iy: float, reach: float
) -> tuple[float, tuple[float, float]]:
    """The largest disc of solid ink in ``mask`` that holds the point (``ix``, ``iy``),
    centred within ``reach`` of it: its radius and centre (px); (0, the point) if the point
    lies on paper. Where two strokes cross it is about their width; where a blot lies there,
    the blot (found whole even when it lies a little off the crossing)."""
    h, w = mask.shape
    r = math.ceil(reach) + 1
    x0, y0 = max(0, math.floor(ix) - r), max(0, math.floor(iy) - r)
    x1, y1 = min(w, math.floor(ix) + r + 1), min(h, math.floor(iy) + r + 1)
    if x1 <= x0 or y1 <= y0:
        return 0.0, (ix, iy)
    # (depth on the whole mark: a window's edge would pass for paper)
    depth = cv2.distanceTransform(mask.astype(np.uint8), cv2.DIST_L2, 3)[y0:y1, x0:x1]
    gy, gx = np.mgrid[y0:y1, x0:x1]
    dist = np.hypot(gx - ix, gy - iy).astype(np.float32)
    holds = np.where((dist <= depth) & (dist <= reach), depth, np.float32(0))
    k = int(np.argmax(holds))
    core = float(holds.flat[k])
    if core <= 0:
        return 0.0, (ix, iy)
    return core, (float(gx.flat[k]), float(gy.flat[k]))


def _axes(px: F32, py: F32) -> tuple[float, float, NDArray[np.float64]]:
    """The points' centre and their principal axes (the columns of the returned matrix, the
    smallest spread first)."""
    mx, my = float(px.mean()), float(py.mean())
    _, evecs = np.linalg.eigh(np.cov(np.stack([px - mx, py - my])))
    return mx, my, evecs


def _along_locally(xs: F32, ys: F32, part: Bool, band: float) -> Bool:
    """The points within ``band`` of the straight line through the points ``part`` (a
    stretch of a stroke, as straight there as a bowed stroke is over a short stretch)."""
    px, py = xs[part], ys[part]
    if px.size < 6:
        return part
    mx, my, evecs = _axes(px, py)
    nx, ny = float(evecs[0, 0]), float(evecs[1, 0])  # the normal (smallest eigenvalue)
    out: Bool = (
        np.abs((xs - np.float32(mx)) * np.float32(nx) + (ys - np.float32(my)) * np.float32(ny))
        <= band
    )
    return out


def _largest_gap(xs: F32, ys: F32, ln: _Line) -> float:
    """Largest gap along a line between its ink, as a share of its length (a × has none)."""
    c, s = math.cos(ln.theta), math.sin(ln.theta)
    t = np.sort((-xs * s + ys * c)[ln.near])
    t = t[(t >= ln.t_lo) & (t <= ln.t_hi)]
    if t.size < 2:
        return 1.0
    return float(np.diff(t).max()) / max(ln.t_hi - ln.t_lo, 1e-6)


def _runs(rows: list[int]) -> list[tuple[int, int]]:
    """(first, last) of each run of consecutive numbers in the sorted ``rows``."""
    runs: list[tuple[int, int]] = []
    for r in rows:
        if runs and r == runs[-1][1] + 1:
            runs[-1] = (runs[-1][0], r)
        else:
            runs.append((r, r))
    return runs


def _speck_rings(
    dust: Bool,
    dust_n: NDArray[np.int64],
    lab_on: NDArray[np.int32],
    on_idx: NDArray[np.intp],
    mass: NDArray[np.float64],
    edges: tuple[NDArray[Any], NDArray[Any], NDArray[Any], NDArray[Any]],
    shape: tuple[int, int, int],
    cfg: RecognitionConfig,
) -> dict[int, float]:
    """Boxes round which specks lie all about (covering at least ``speck_ring_cover`` of
    the directions from the box's middle) with ``speck_ring_mm2`` of ink together: a faint
    ○ (pencil, a dry pen) drawn along the printed border, which crosses it in and out — the
    border takes the crossings, the scan breaks the rest into pieces each lighter than a
    speck of dust, and the box read "abstain". Dust lies here and there; the printed
    square's own corners are four narrow directions, and a table's rule broken into dashes
    by a black-and-white scan lies further out (only specks within ``speck_ring_reach_mm`` of
    the box count). Box index → the specks' ink (mm²).

    ``dust``: which labelled components are specks; ``dust_n``: specks per box; ``lab_on``,
    ``on_idx``: the label of each mark pixel and its flat index in the (n, ph, pw) patches;
    ``mass``: each component's ink; ``edges``: each box's left, right, top and bottom
    edges (u, v)."""
    boxes = np.flatnonzero(dust_n >= 3)
    if boxes.size == 0:
        return {}
    _n, ph, pw = shape
    per = ph * pw
    # (a scan's noise, single dark pixels, is no piece of a stroke)
    on = (dust & (mass >= cfg.speck_ring_piece_mm2))[lab_on]
    idx, lab = on_idx[on], lab_on[on]
    where = idx // per
    ul, ur, vt, vb = edges
    reach = cfg.speck_ring_reach_mm * cfg.patch_px_per_mm
    out: dict[int, float] = {}
    for j in boxes.tolist():
        mine = where == j
        ys, xs = np.divmod(idx[mine] - j * per, pw)
        x0, x1, y0, y1 = float(ul[j]), float(ur[j]), float(vt[j]), float(vb[j])
        near = np.maximum(np.maximum(x0 - xs, xs - x1), np.maximum(y0 - ys, ys - y1)) <= reach
        ink = float(mass[np.unique(lab[mine][near])].sum())
        if ink < cfg.speck_ring_mm2:
            continue
        cover = _angles_covered(
            xs[near].astype(np.float32),
            ys[near].astype(np.float32),
            (x0 + x1) / 2,
            (y0 + y1) / 2,
            0.3 * min(x1 - x0, y1 - y0),
        )
        if cover >= cfg.speck_ring_cover:
            out[j] = round(ink, 3)
    return out


def _erase_spanning_lines(
    ink: Bool,
    d: F32,
    black: float,
    interior: tuple[int, int, int, int],
    cfg: RecognitionConfig,
    covers: tuple[F32, F32] | None = None,
    printed: Bool | None = None,
    bridges: Bool | None = None,
) -> tuple[Bool, float, float, float]:
    """Erase straight lines crossing the whole patch. Returns (ink, erased, pen_line_inside,
    dark_band_mm).

    A band across the whole patch wider than ``fold_max_mm`` is no printed line and no fold
    (a shadow, a smear, a dark edge of the scan): it is left, and its width returned — the
    box goes to a person, whatever else it shows (erased, it would take any mark with it).

    ``covers``: each row's and each column's inked share, measured over 5 neighbouring rows
    (columns) so a line tilted by a few degrees still covers one; computed here if not given.
    ``printed``: the box's printed border, where a faint line's crossing is never pen ink.
    ``bridges`` (the shape of ``ink``; filled in): where an erased line ran between ink on
    either side of it, a stroke crossing a fold too faint to be told from the fold there.
    Not ink, but what joins the stroke's pieces into one: a faint × cut in four by a fold
    is one faint mark, not four specks of dust.
    """
    h, w = ink.shape
    u0, v0, u1, v1 = interior
    erased = 0.0
    pen_inside = 0.0
    wide = 0.0
    band_px = cfg.fold_max_mm * cfg.patch_px_per_mm
    px_mm2 = cfg.patch_px_per_mm**2
    # A line across the whole patch covers at least half of some row or column even when
    # tilted by a few degrees; without one there is nothing to erase.
    if covers is None and (
        ink.sum(axis=1).max(initial=0) < 0.5 * w and ink.sum(axis=0).max(initial=0) < 0.5 * h
    ):
        return ink, erased, pen_inside, wide
    out = ink.copy()
    for axis in (0, 1):  # 0: horizontal lines (rows), 1: vertical lines (columns)
        m = ink if axis == 0 else ink.T
        dd = d if axis == 0 else d.T
        pen_ok = None if printed is None else ~(printed if axis == 0 else printed.T)
        if covers is not None:
            cover = covers[axis]
        else:
            thick = cv2.dilate(m.astype(np.uint8), np.ones((5, 1), np.uint8)) > 0
            cover = thick.mean(axis=1)
        rows = np.flatnonzero(cover >= cfg.fold_min_span_share)
        if rows.size == 0:
            continue
        lo_in, hi_in = (v0, v1) if axis == 0 else (u0, u1)
        for first, last in _runs(rows.tolist()):
            if last - first + 1 > band_px:
                wide = max(wide, (last - first + 1) / cfg.patch_px_per_mm)
                continue
            a, b = max(0, first - 3), min(m.shape[0], last + 4)
            keep: Bool | bool = False  # around the box (a table's line, a fold): erased whole
            if b > lo_in and a < hi_in:  # through the box
                # the line's own darkness: its typical pixel, in the columns (rows) where
                # nothing darker crosses it (a stroke of a mark, the border's sides)
                peaks = dd[first : last + 1].max(axis=0)
                alone = peaks <= 1.25 * float(np.median(peaks))
                band_ink = m[a:b][:, alone]
                strength = (
                    quantile(dd[a:b][:, alone][band_ink], 0.5) / black if band_ink.any() else 0.0
                )
                if strength >= cfg.strong_rel:  # a pen line stays (doubtful)
                    pen_inside = max(pen_inside, strength)
                    continue
                # A faint line (a fold) is erased but for pen ink on it: a ○ crossed by a
                # fold stays closed, a dot on it stays.
                lo, hi = max(0, a - 1), min(m.shape[0], b + 1)
                keep, bridge = _crossing_strokes(
                    m[lo:hi] if pen_ok is None else m[lo:hi] & pen_ok[lo:hi],
                    dd[lo:hi],
                    a - lo,
                    b - lo,
                    (strength * black, cfg.strong_rel * black),
                    cfg.dust_max_mm2 * px_mm2,
                )
                if bridges is not None and bridge is not None:
                    if axis == 0:
                        bridges[a:b, :] |= bridge
                    else:
                        bridges[:, a:b] |= bridge.T
            if axis == 0:
                out[a:b, :] &= keep
            else:
                out[:, a:b] &= np.asarray(keep).T
            erased += 1
    return out, erased, pen_inside, wide


def _crossing_strokes(
    m: Bool, dd: F32, a: int, b: int, dark: tuple[float, float], min_px: float
) -> tuple[Bool, Bool | None]:
    """Of the rows ``a:b`` of the patch (a faint line across it; ``m`` its ink), the pen ink
    on the line: pixels at least the pen's darkness seen through the line (``dark``: the
    line's and a pen's; a faint stroke over the line does not reach that), in pieces that
    cross the line (ink just above and just below it, give or take the line's width) or
    hold ``min_px`` pixels (a dot on it) — with the ink within two pixels of them (the
    stroke's blurred edge). Nothing for a line as dark as a pen (a printed line).

    Second: the line's ink where ink lies just above and just below it (something crosses
    it there, however faint), None if nowhere: what joins a faint stroke's pieces."""
    line, pen = dark
    h, w = m.shape
    if line >= pen:
        return np.zeros((b - a, w), dtype=bool), None
    crossing: Bool | None = None
    if a > 0 and b < h:
        reach = np.ones((1, 2 * (b - a) + 1), np.uint8)
        above = cv2.dilate(np.ascontiguousarray(m[a - 1 : a], dtype=np.uint8), reach)[0] > 0
        below = cv2.dilate(np.ascontiguousarray(m[b : b + 1], dtype=np.uint8), reach)[0] > 0
        crossing = above & below
    bridge = m[a:b] & crossing if crossing is not None and crossing.any() else None
    inked = ((dd[a:b] >= 1 - (1 - line) * (1 - pen)) & m[a:b]).view(np.uint8)
    n, lab, stats, _ = cv2.connectedComponentsWithStats(inked, connectivity=8)
    if n <= 1:
        return np.zeros((b - a, w), dtype=bool), bridge
    good = stats[:, cv2.CC_STAT_AREA] >= min_px
    if crossing is not None:
        good |= np.bincount(lab[:, crossing].ravel(), minlength=n) > 0
    good[0] = False
    out: Bool = (cv2.dilate(good[lab].view(np.uint8), _SQUARE5) > 0) & m[a:b]
    return out, bridge


def read_box(
    gray: Gray,
    hmat: NDArray[np.float64],
    box: Box,
    page_white: float,
    page_black: float,
    cfg: RecognitionConfig,
) -> BoxReading:
    """Measure one mark box and call it (see `read_boxes`)."""
    return read_boxes(gray, hmat, [box], page_white, page_black, cfg)[0]


def read_boxes(
    gray: Gray,
    hmat: NDArray[np.float64],
    boxes: Sequence[Box],
    page_white: float,
    page_black: float,
    cfg: RecognitionConfig,
    finer: Finer | None = None,
) -> list[BoxReading]:
    """Measure and call every box (see the module docstring), in the order given.

    ``finer``: where the page was reduced to be read, the page at a finer resolution, asked
    for only when a stroke reads faint there (`_fine_peaks`).

    ``page_white`` is the paper's grey level, ``page_black`` the darkness of solid print (the
    registration squares): ink mass is measured against it. Boxes of one size are measured
    together up to the point where one holds ink; only those are then examined one by one.
    """
    s = cfg.patch_px_per_mm
    ring = cfg.ring_mm
    out: list[BoxReading | None] = [None] * len(boxes)
    groups: dict[tuple[int, int], list[int]] = {}
    for i, b in enumerate(boxes):
        size = (round((b[2] - b[0] + 2 * ring) * s), round((b[3] - b[1] + 2 * ring) * s))
        groups.setdefault(size, []).append(i)
    for (pw, ph), idx in groups.items():
        n = len(idx)
        bw, bh = pw / s - 2 * ring, ph / s - 2 * ring
        origins = np.array([(boxes[i][0] - ring, boxes[i][1] - ring) for i in idx])
        stack = sample_many(gray, hmat, origins, pw, ph, s)
        # Darkness against each patch's own paper white.
        sub = stack[:, ::2, ::2].reshape(n, -1)
        q = round(0.9 * (sub.shape[1] - 1))
        white = np.partition(sub, q, axis=1)[:, q].astype(np.float32)
        white = np.where(white < 0.6 * page_white, np.float32(page_white), white)
        white = np.maximum(white, 1.0)[:, None, None]
        d = (white - stack.astype(np.float32)) / white
        np.clip(d, 0.0, 1.0, out=d)
        # 1. The printed border, where it really is: medians along each side (a mark crossing
        #    part of a side does not move them), peaks within border_search_mm.
        el, er, et, eb = ring * s, (ring + bw) * s, ring * s, (ring + bh) * s
        #    (only near the sides: the rest of each profile is never looked at)
        search = cfg.border_search_mm * s
        margin = math.ceil((cfg.border_max_reach_mm + cfg.border_pad_mm) * s) + 1
        #    Beside each median, the darkness three in four of the side's pixels reach: the
        #    printed line is dark all along the side (a pen's stroke over it only darkens
        #    it); a ○ drawn along the border, or just outside it, is near it over part of the
        #    side only, and there it must not be taken for the border.
        col = np.zeros((n, pw), dtype=np.float32)
        col_all = np.zeros((n, pw), dtype=np.float32)
        side_mass: list[F32] = []  # each side's line across it (mm of solid darkness)
        for c in (el, er):
            lo, hi = max(0, round(c - search) - margin), min(pw, round(c + search) + 1 + margin)
            col[:, lo:hi], col_all[:, lo:hi] = _side_profiles(
                d[:, round(et + s) : round(eb - s), lo:hi], 1
            )
            side_mass.append(_line_mass(col[:, lo:hi], s))
        row = np.zeros((n, ph), dtype=np.float32)
        row_all = np.zeros((n, ph), dtype=np.float32)
        for c in (et, eb):
            lo, hi = max(0, round(c - search)), min(ph, round(c + search) + 1)
            row[:, lo:hi], row_all[:, lo:hi] = _side_profiles(
                d[:, lo:hi, round(el + s) : round(er - s)], 2
            )
            side_mass.append(_line_mass(row[:, lo:hi], s))
        traced = _traced_borders(np.stack(side_mass, axis=1), cfg)
        left = _peaks(col, el, search, col_all)
        right = _peaks(col, er, search, col_all)
        top = _peaks(row, et, search, row_all)
        bottom = _peaks(row, eb, search, row_all)
        heights = np.stack([left[1], right[1], top[1], bottom[1]])
        found = (
            (heights.min(axis=0) >= _BORDER_MIN_HEIGHT)
            & (np.abs(right[0] - left[0] - bw * s) < 0.7 * s)
            & (np.abs(bottom[0] - top[0] - bh * s) < 0.7 * s)
        )
        ul = np.where(found, left[0], el)
        ur = np.where(found, right[0], er)
        vt = np.where(found, top[0], et)
        vb = np.where(found, bottom[0], eb)
        black = np.where(
            found, np.maximum(cfg.min_black, np.sort(heights, axis=0)[2]), cfg.min_black
        )
        reach = np.stack([left[2], right[2], top[2], bottom[2]]).max(axis=0)
        hw = np.minimum(np.where(found, reach, 0.4 * s), cfg.border_max_reach_mm * s)
        hw = (hw + cfg.border_pad_mm * s).astype(np.float32)
        band = _frames(ph, pw, ul, ur, vt, vb, hw)
        seeded: Bool = np.asarray(d >= cfg.seed_darkness)
        off_border = seeded & ~band
        has_ink: Bool = np.asarray(off_border.reshape(n, -1).any(axis=1))
        # Boxes whose only dark ink off the border is straight lines across the whole patch
        # outside the box (a table's grid lines, in the column style): as empty as the rest.
        lines_only = np.zeros(n, dtype=bool)
        widths = (2, 2)
        if has_ink.any():
            ink_j = np.flatnonzero(has_ink)
            widths = _border_widths(
                col[ink_j], ul[ink_j], hw[ink_j], black[ink_j].astype(np.float32), cfg
            )
            cand = np.flatnonzero(has_ink)
            lines_only[cand] = _only_spanning_lines(
                off_border[cand],
                (np.ceil(vt + hw)[cand], np.floor(vb - hw)[cand]),
                (np.ceil(ul + hw)[cand], np.floor(ur - hw)[cand]),
                cfg,
            )
        inked: list[int] = []
        inked_scores: list[dict[str, float]] = []
        # (rounded for the record all at once: a round() per value costs more than the rest)
        columns: dict[str, list[float]] = {
            "white": np.round(white[:, 0, 0].astype(np.float64), 1).tolist(),
            "border_found": found.astype(np.float64).tolist(),
            "black": np.round(np.asarray(black, dtype=np.float64), 3).tolist(),
            "border_dx": np.round((ul - el).astype(np.float64) / s, 2).tolist(),
            "border_dy": np.round((vt - et).astype(np.float64) / s, 2).tolist(),
            "border_hw_mm": np.round(hw.astype(np.float64) / s, 2).tolist(),
        }
        for k, i in enumerate(idx):
            scores: dict[str, float] = {name: vals[k] for name, vals in columns.items()}
            if lines_only[k]:
                scores.update({"ink_mm2": 0.0, "fill_share": 0.0, "grid_lines_only": 1.0})
                out[i] = BoxReading(Call.EMPTY, Why.NONE, scores)
            elif has_ink[k]:
                inked.append(k)
                inked_scores.append(scores)
            else:
                # Nothing dark off the printed border: an empty box (the common case).
                scores.update({"ink_mm2": 0.0, "fill_share": 0.0})
                out[i] = BoxReading(Call.EMPTY, Why.NONE, scores)
        if inked:
            j = np.array(inked)
            edges = (
                ul[j].astype(np.float32),
                ur[j].astype(np.float32),
                vt[j].astype(np.float32),
                vb[j].astype(np.float32),
            )
            base = [dict(sc) for sc in inked_scores]
            args = (col[j], edges, hw[j], black[j].astype(np.float32), page_black)
            fine = None if finer is None else _fine_peaks(finer, hmat, origins[j], pw, ph, cfg)
            done = _read_inked(
                np.ascontiguousarray(d[j]),
                band[j],
                seeded[j],
                *args,
                inked_scores,
                cfg,
                widths,
                fine,
            )
            # A box left to a person (or of no clear shape) in a shadow (a fold's, a sheet
            # not lying flat): read again with the shadow divided out; that reading stands.
            unsure = [m for m, r in enumerate(done) if r.call in (Call.UNCLEAR, Call.MARK)]
            if unsure:
                runs_on = _band_runs_on(gray, hmat, origins[j], white[j], (pw, ph), cfg)
                done = _shadow_reread(d[j], band[j], unsure, done, args, base, cfg, widths, runs_on)
            for k, r in zip(inked, done, strict=True):
                out[idx[k]] = r
        # A box read as empty may hold a ○ too faint to be ink here (a faded copy, a hard
        # pencil, an erased ○): never abstain on it without a person's look.
        empty = {k: e0 for k, i in enumerate(idx) if (e0 := out[i]) and e0.call is Call.EMPTY}
        if empty:
            e = np.array(list(empty))
            rings = _faint_rings(
                d[e], (ul[e], ur[e], vt[e], vb[e]), hw[e], black[e].astype(np.float32), cfg
            )
            for (k, e0), cover in zip(empty.items(), rings, strict=True):
                if cover is not None:
                    sc = {**e0.scores, "faint_ring": round(cover, 3)}
                    out[idx[k]] = BoxReading(Call.UNCLEAR, Why.FAINT, sc)
            # ... nor a × or a ○ in strokes too pale to be ink
            ringless = [m for m, cover in zip(empty, rings, strict=True) if cover is None]
            if ringless:
                e = np.array(ringless)
                strokes = _faint_strokes(
                    d[e], (ul[e], ur[e], vt[e], vb[e]), hw[e], black[e].astype(np.float32), cfg
                )
                for m, pale in zip(ringless, strokes, strict=True):
                    if pale is not None:
                        sc = {**empty[m].scores, **pale}
                        out[idx[m]] = BoxReading(Call.UNCLEAR, Why.FAINT, sc)
                # ... nor a pale ○ the box's size or a little bigger, hugging its printed
                # border: inside the box it leaves only short arcs by the corners (a border
                # traced over is told below)
                still = [
                    m
                    for m, pale in zip(ringless, strokes, strict=True)
                    if pale is None and traced[m] is None
                ]
                if still:
                    e = np.array(still)
                    hugging = _border_rings(
                        d[e], (ul[e], ur[e], vt[e], vb[e]), hw[e], black[e].astype(np.float32), cfg
                    )
                    for m, hug in zip(still, hugging, strict=True):
                        if hug is not None:
                            sc = {**empty[m].scores, **hug}
                            out[idx[m]] = BoxReading(Call.UNCLEAR, Why.FAINT, sc)
        # A box read as ○ or × may hold another mark in a paler ink beside it (a pencil ×
        # under a pen ○, a ○ in a paler pen round a ×): too pale to be ink here, it was
        # never looked at, and the box was read as the darker mark alone. A person decides.
        sure = [k for k, i in enumerate(idx) if (r0 := out[i]) and r0.call in _SURE]
        if sure:
            e = np.array(sure)
            paler = _paler_beside(
                d[e],
                (ul[e], ur[e], vt[e], vb[e]),
                hw[e],
                black[e].astype(np.float32),
                [out[idx[k]].call is Call.CIRCLE for k in sure],  # type: ignore[union-attr]
                cfg,
            )
            for k, pale in zip(sure, paler, strict=True):
                r0 = out[idx[k]]
                if r0 is None:
                    continue
                if pale is not None:
                    out[idx[k]] = BoxReading(Call.UNCLEAR, Why.PALER, {**r0.scores, **pale})
                elif r0.scores.get("paler_apart_mm2", 0.0) >= cfg.paler_apart_min_mm2:
                    out[idx[k]] = BoxReading(Call.UNCLEAR, Why.PALER, r0.scores)
        # A box read as empty whose printed border is heavier all round than its fellows'
        # (traced over with a pen: a square drawn on the box's square) holds a mark a
        # person must judge, not nothing.
        for k, i in enumerate(idx):
            e0, heavy = out[i], traced[k]
            if e0 is not None and e0.call is Call.EMPTY and heavy is not None:
                out[i] = BoxReading(Call.UNCLEAR, Why.TRACED, {**e0.scores, **heavy})
        # A ○ with the ends of a × sticking out round it, in line through its middle (a ×
        # covered with correction fluid, a ○ drawn on the fluid; a ○ drawn over a ×):
        # rules.md holds a ○ overwritten by a × doubtful, and the other way round too.
        ringed = [k for k, i in enumerate(idx) if (r0 := out[i]) and r0.call is Call.CIRCLE]
        if ringed:
            e = np.array(ringed)
            inner = _inside(ph, pw, (ul[e], ur[e], vt[e], vb[e]), hw[e])
            for k, within in zip(ringed, inner, strict=True):
                r0 = out[idx[k]]
                stubs = _stubs_round(d[k], within, cfg)
                if r0 is not None and stubs is not None:
                    sc = {**r0.scores, **stubs}
                    out[idx[k]] = BoxReading(Call.UNCLEAR, Why.CIRCLE_CROSSED, sc)
        # A box holding a mark whose printed border is missing along a side (correction
        # fluid or tape laid over it, the mark drawn on top: what was under it cannot be
        # seen, and rules.md holds an altered box doubtful): a person looks.
        marked = [k for k, i in enumerate(idx) if (r0 := out[i]) and r0.call is not Call.EMPTY]
        if marked:
            e = np.array(marked)
            # (a border not found is looked for where the page's registration puts it, and
            # a little further out — not in: a ○ drawn near it — where a bent sheet's lies;
            # it is as black as the page's print)
            outward = np.where(found[e], 0.0, cfg.border_gap_slack_mm * s).astype(np.float32)
            solid = np.where(found[e], black[e], max(float(page_black), cfg.min_black))
            gaps = _border_gaps(
                d[e], (ul[e], ur[e], vt[e], vb[e]), hw[e], outward, solid.astype(np.float32), cfg
            )
            for k, gap in zip(marked, gaps.tolist(), strict=True):
                r0 = out[idx[k]]
                if r0 is None or gap < cfg.border_gap_mm:
                    continue
                sc = {**r0.scores, "border_gap_mm": round(gap, 2)}
                call = r0.call if r0.call is Call.UNCLEAR else Call.UNCLEAR
                why = r0.why if r0.call is Call.UNCLEAR else Why.ALTERED
                out[idx[k]] = BoxReading(call, why, sc)
    readings = [r for r in out if r is not None]
    # A box that shows nothing must show its printed border: where it does not (a thumb, a
    # sticker, a smear of correction fluid over it), what is in it cannot be seen either —
    # a person looks; it is not read as empty.
    return [
        BoxReading(Call.UNCLEAR, Why.HIDDEN, {**r.scores, "hidden": 1.0})
        if r.call is Call.EMPTY and not r.scores.get("border_found")
        else r
        for r in readings
    ]


def _border_gaps(
    d: F32,
    edges: tuple[F32, F32, F32, F32],
    hw: F32,
    outward: F32,
    black: F32,
    cfg: RecognitionConfig,
) -> NDArray[np.float64]:
    """For each box (n, ph, pw) of darkness ``d`` with its printed border found at
    ``edges``: the longest stretch (mm) of any side along which the border is not there —
    nothing within its band across it (``hw`` each way, ``outward`` more away from the
    box's middle) reaches ``border_gap_rel`` of the border's black.
    A pen's stroke over the border only darkens it, a scan's noise does not take a whole
    line away over a millimetre; correction fluid or tape over it does."""
    s = cfg.patch_px_per_mm
    n, ph, pw = d.shape
    out = np.zeros(n, dtype=np.float64)
    level = cfg.border_gap_rel * black
    # (the corners aside: a rounded or blurred corner is paler than the line)
    trim = max(1, round(cfg.border_gap_corner_mm * s))
    for k in range(n):
        ul, ur, vt, vb = (float(e[k]) for e in edges)
        h = max(1, math.ceil(float(hw[k])))
        x0, x1 = max(0, round(ul) + trim), min(pw, round(ur) - trim + 1)
        y0, y1 = max(0, round(vt) + trim), min(ph, round(vb) - trim + 1)
        lines = []
        o = max(0, math.ceil(float(outward[k])))
        for c, lo, hi in ((ul, h + o, h), (ur, h, h + o)):
            a, b = max(0, round(c) - lo), min(pw, round(c) + hi + 1)
            lines.append(d[k, y0:y1, a:b].max(axis=1) if b > a else None)
        for c, lo, hi in ((vt, h + o, h), (vb, h, h + o)):
            a, b = max(0, round(c) - lo), min(ph, round(c) + hi + 1)
            lines.append(d[k, a:b, x0:x1].max(axis=0) if b > a else None)
        longest = 0
        for line in lines:
            if line is None or line.size == 0:
                continue
            gone = np.concatenate(([False], line < level[k], [False])).astype(np.int8)
            edge = np.flatnonzero(np.diff(gone))
            if edge.size:
                longest = max(longest, int((edge[1::2] - edge[::2]).max()))
        out[k] = longest / s
    return out


def _stubs_round(d: F32, inside: Bool, cfg: RecognitionConfig) -> dict[str, float] | None:
    """A box (``d``: its darkness; ``inside``: off its border band) read as a ○: strokes of
    its ink (``stub_*``) sticking out beyond the ring — beyond its outer edge round about,
    which a hand's ○ wobbles on slowly — by at least ``stub_min_mm``, no wider along the
    ring than ``stub_max_wide`` times that, two of them in line through the ring's middle:
    the ends of a × the ○ was drawn over (its middle hidden under correction fluid, or by
    the ○'s own stroke). The scores, or None when there are none."""
    s = cfg.patch_px_per_mm
    inked = d[(d >= cfg.seed_darkness) & inside]
    if not inked.size:
        return None
    # (the ink as dark as the ring's own: the grey edge of a dab of correction fluid round
    # it is none)
    ink = (d >= max(cfg.ink_darkness, cfg.shape_level * quantile(inked, 0.9))) & inside
    count, labels, stats, _ = cv2.connectedComponentsWithStats(ink.view(np.uint8), connectivity=8)
    if count < 2:
        return None
    ring = labels == 1 + int(np.argmax(stats[1:, cv2.CC_STAT_AREA]))
    ys, xs = np.nonzero(ring)
    if xs.size < 6:
        return None
    # (the ring as an ellipse through its pixels: a hand's ○ is seldom round, and the ×'s
    # ends joined to it are too few to move the fit)
    (ex, ey), (ea, eb), ang = cv2.fitEllipse(np.column_stack([xs, ys]).astype(np.float32))
    radius = (ea + eb) / 4
    if min(ea, eb) < 0.3 * max(ea, eb) or radius < 2 * cfg.stub_min_mm * s:
        return None  # (no ring: a blot, a scrawl)
    ay, ax = np.nonzero(ink)
    fx, fy = ax.astype(np.float32), ay.astype(np.float32)
    rho = _ellipse_rho(fx, fy, ex, ey, ea, eb, ang)
    # (how far outside the fitted ellipse, px, along the ray from its middle: a thick
    # stroke's edge lies as far off it all round, where its elliptic radius does not)
    off = np.hypot(fx - ex, fy - ey) * (1 - 1 / np.maximum(rho, 1e-3))
    t = math.radians(ang)
    u = (fx - ex) * math.cos(t) + (fy - ey) * math.sin(t)
    v = -(fx - ex) * math.sin(t) + (fy - ey) * math.cos(t)
    bins = 36
    at = ((np.arctan2(v / eb, u / ea) + math.pi) * (bins / (2 * math.pi))).astype(np.int32) % bins
    # The ring's outer edge in each tenth of a turn, and round about (the median over the
    # neighbouring 90°: a stub takes one or two of them, a wobble all) — of the tenths
    # where the ring is whole: not cut off by the border band, not where a ○ is open
    on_ring = ring[ay, ax]
    edge = np.full(bins, -np.inf)
    np.maximum.at(edge, at[on_ring], off[on_ring])
    rim = inside & ~(cv2.erode(inside.view(np.uint8), _SQUARE3) > 0)
    cut = np.zeros(bins, dtype=bool)
    cut[at[on_ring & rim[ay, ax]]] = True
    whole = np.isfinite(edge) & ~cut
    if np.count_nonzero(whole) < bins // 2:
        return None  # (too little of the ring whole to tell its edge)
    # (each tenth's neighbours, ±4: their edges where whole — the median of those seen, or of
    # all the whole ones where none is)
    around = (np.arange(bins)[:, None] + np.arange(-4, 5)[None, :]) % bins
    seen = np.where(whole[around], edge[around], np.nan)
    k = np.count_nonzero(whole[around], axis=1)
    seen[k == 0, 0] = float(np.median(edge[whole]))
    k = np.maximum(k, 1)
    seen.sort(axis=1)  # (the ones not seen, NaN, last)
    rows = np.arange(bins)
    about = (seen[rows, (k - 1) // 2] + seen[rows, k // 2]) / 2
    beyond = off - about[at]  # px beyond the ring's edge round about
    out_mask = np.zeros_like(ink)
    far = beyond > cfg.stub_clear_mm * s
    out_mask[ay[far], ax[far]] = True
    reach = np.zeros(ink.shape, dtype=np.float32)
    reach[ay, ax] = beyond
    n, lab, st, _ = cv2.connectedComponentsWithStats(out_mask.view(np.uint8), connectivity=8)
    angles: list[tuple[float, bool]] = []  # (direction, a stroke: not a speck)
    for j in range(1, n):
        area = float(st[j, cv2.CC_STAT_AREA]) / (s * s)
        if area < cfg.stub_speck_mm2:
            continue
        py, px = np.nonzero(lab == j)
        out_px = float(reach[py, px].max())
        dirs = np.arctan2(py - ey, px - ex)
        mid = math.atan2(float(np.sin(dirs).mean()), float(np.cos(dirs).mean()))
        wide = float(np.abs((dirs - mid + math.pi) % (2 * math.pi) - math.pi).max()) * 2
        if out_px < cfg.stub_min_mm * s or wide * radius > cfg.stub_max_wide * out_px:
            continue  # (not a stroke pointing outwards: a wobble, an arc of a ○ drawn twice)
        angles.append((mid, area >= cfg.stub_min_mm2))
    # Two strokes in line, or specks in two pairs in line (the ×'s four ends all but hidden:
    # a speck of dust or two beside a ○ is no ×)
    # ... not along the page's sides: a scanner's streak or a table's line across the box
    # and the ○ leaves two such pieces in line through it too
    pairs: list[tuple[float, bool]] = []
    for i, (a, big_a) in enumerate(angles):
        for b, big_b in angles[i + 1 :]:
            off = math.degrees(abs((a - b) % (2 * math.pi) - math.pi))
            tilt = math.degrees((a + b + math.pi) / 2) % 90  # (the line's, off the sides)
            if (
                off <= cfg.stub_in_line_deg
                and cfg.stub_off_sides <= tilt <= 90 - cfg.stub_off_sides
            ):
                pairs.append((off, big_a and big_b))
    if any(big for _, big in pairs) or len(pairs) >= 2:
        worst = max(off for off, _ in pairs)
        return {"stubs": float(len(angles)), "stub_in_line_deg": round(worst, 1)}
    return None


def _inside(ph: int, pw: int, edges: tuple[F32, F32, F32, F32], inset: F32) -> Bool:
    """For each box (n, ph, pw) with borders at ``edges``: its pixels ``inset`` px or more
    within them."""
    ul, ur, vt, vb = edges
    vv = np.arange(ph, dtype=np.float32)[None, :]
    uu = np.arange(pw, dtype=np.float32)[None, :]
    rows = (vv >= (vt + inset)[:, None]) & (vv <= (vb - inset)[:, None])
    cols = (uu >= (ul + inset)[:, None]) & (uu <= (ur - inset)[:, None])
    return rows[:, :, None] & cols[:, None, :]


def _faint_rings(
    d: F32,
    edges: tuple[F32, F32, F32, F32],
    hw: F32,
    black: F32,
    cfg: RecognitionConfig,
) -> list[float | None]:
    """For each box (n, ph, pw) of darkness ``d``, read as empty: the share of directions
    round its middle a faint ring covers inside it (see ``faint_ring_*`` in the
    configuration), or None when there is no such ring."""
    s = cfg.patch_px_per_mm
    n, ph, pw = d.shape
    ul, ur, vt, vb = edges
    inset = hw + cfg.faint_ring_margin_mm * s
    smooth = cv2.blur(np.ascontiguousarray(d).reshape(n * ph, pw), (3, 3)).reshape(n, ph, pw)
    level = np.maximum(cfg.faint_ring_darkness, cfg.faint_ring_rel * black)[:, None, None]
    inside = _inside(ph, pw, edges, inset)
    faint: Bool = np.asarray((smooth >= level) & inside)
    out: list[float | None] = [None] * n
    for k in np.flatnonzero(faint.reshape(n, -1).any(axis=1)).tolist():
        ys, xs = np.nonzero(faint[k])
        cx, cy = float(ul[k] + ur[k]) / 2, float(vt[k] + vb[k]) / 2
        side = float(min(ur[k] - ul[k], vb[k] - vt[k]))
        area = max(1, int(np.count_nonzero(inside[k])))
        if len(xs) > 0.5 * area:  # (a tint or a shadow over the box, not a ring)
            continue
        r = np.hypot(xs - cx, ys - cy)
        ring = r >= 0.12 * side
        if np.count_nonzero(ring) < 10:
            continue
        mid = 0.5 * float(np.median(r[ring]))
        yy, xx = np.nonzero(inside[k])
        centre = np.hypot(xx - cx, yy - cy) < mid
        if np.count_nonzero(centre) and (
            np.count_nonzero(r < mid) > cfg.faint_ring_max_centre * np.count_nonzero(centre)
        ):
            continue
        cover = _angles_covered(xs.astype(np.float32), ys.astype(np.float32), cx, cy, 0.12 * side)
        if cover >= cfg.faint_ring_cover:
            out[k] = cover
    return out


_RING_BINS = 72  # (directions round a box's middle a ring along its border is looked in)


def _border_rings(
    d: F32,
    edges: tuple[F32, F32, F32, F32],
    hw: F32,
    black: F32,
    cfg: RecognitionConfig,
) -> list[dict[str, float] | None]:
    """For each box (n, ph, pw) of darkness ``d``, read as empty with no faint ring or
    stroke inside it: a pale ○ the size of the box or a little bigger, hugging its printed
    border (``border_ring_*`` in the configuration) — its scores, or None.

    The box's pale strokes are what is darker than the paper within two millimetres or so
    (a white top-hat: a tint's, a shadow's shading is none; a pen's stroke a millimetre
    wide keeps its darkness), averaged along short lines, less the printed border's own
    profile across each side (a low quantile along the side: the line, its blur and a
    scan's ringing lie alike all along it; a ○ crosses each offset from it over a stretch
    only — a big ○ round the box, its corners poking out, runs beside a side at one
    offset over half its length or more, so not the median), its line's band left out.
    On and round the border,
    they must lie on a circle round the box's middle, seen in most directions (where the
    circle runs under the printed line, between its arcs, it is hidden, not missing) and
    in all four quarters, bending away from the border (a line parallel to a side at one
    distance from it is no ○; a crease or a streak across the box is straight)."""
    s = cfg.patch_px_per_mm
    n, ph, pw = d.shape
    ul, ur, vt, vb = edges
    out: list[dict[str, float] | None] = [None] * n
    flat = np.ascontiguousarray(d).reshape(n * ph, pw)
    k_px = max(3, round(cfg.border_ring_disc_mm * s) | 1)
    disc = cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (k_px, k_px))
    tophat = cv2.morphologyEx(flat, cv2.MORPH_TOPHAT, disc)
    looked = _along_lines(cast(F32, tophat)).reshape(n, ph, pw)
    a, b = math.ceil(float(vt.max()) + s), math.floor(float(vb.min()) - s)
    c0, c1 = math.ceil(float(ul.max()) + s), math.floor(float(ur.min()) - s)
    if b - a < 4 or c1 - c0 < 4:
        return out
    xx = np.arange(pw, dtype=np.float32)[None, :]
    yy = np.arange(ph, dtype=np.float32)[None, :]
    off_x = np.maximum(ul[:, None] - xx, xx - ur[:, None])  # (n, pw), px outside the sides
    off_y = np.maximum(vt[:, None] - yy, yy - vb[:, None])  # (n, ph)
    # (by the line, its median along the side: a black-and-white scan's ragged edge
    # covers part of the side at each offset there; further off, a low quantile)
    by_line = (hw + cfg.border_ring_by_line_mm * s)[:, None]
    lr_sorted = np.sort(looked[:, a:b, :], axis=1)
    tb_sorted = np.sort(looked[:, :, c0:c1], axis=2)
    q_lr = int(cfg.border_ring_profile_q * (b - a - 1))
    q_tb = int(cfg.border_ring_profile_q * (c1 - c0 - 1))
    across_lr = np.where(
        np.abs(off_x) <= by_line, lr_sorted[:, (b - a) // 2, :], lr_sorted[:, q_lr, :]
    )
    across_tb = np.where(
        np.abs(off_y) <= by_line, tb_sorted[:, :, (c1 - c0) // 2], tb_sorted[:, :, q_tb]
    )
    rest = looked - np.maximum(across_lr[:, None, :], across_tb[:, :, None])
    off = np.maximum(off_x[:, None, :], off_y[:, :, None])  # (signed: + outside, - inside)
    near = (off >= -cfg.border_ring_in_mm * s) & (off <= cfg.border_ring_out_mm * s)
    band = _frames(ph, pw, ul, ur, vt, vb, hw)
    level = np.maximum(cfg.border_ring_darkness, cfg.border_ring_rel * black)[:, None, None]
    pale: Bool = np.asarray((rest >= level) & near & ~band)
    least = 2 * cfg.border_ring_seen * _RING_BINS
    for k in np.flatnonzero(pale.reshape(n, -1).sum(axis=1) >= least).tolist():
        found = _ring_on_border(pale[k], off[k], (ul[k], ur[k], vt[k], vb[k]), float(hw[k]), cfg)
        if found is not None and _ring_passes(found, cfg):
            out[k] = found
    return out


def _ring_passes(f: dict[str, float], cfg: RecognitionConfig) -> bool:
    """Is the circle `_ring_on_border` found (its scores ``f``) a ○ round the box, as the
    ``border_ring_*`` thresholds ask?"""
    return (
        f["border_ring_seen"] >= cfg.border_ring_seen
        and f["border_ring"] >= cfg.border_ring_cover
        and f["border_ring_quarters"] >= 4
        and f["border_ring_bend_mm"] >= cfg.border_ring_bend_mm
        and f["border_ring_on"] >= cfg.border_ring_on_share
    )


def _ring_on_border(
    pale: Bool,
    off: F32,
    edges: tuple[Any, Any, Any, Any],
    hw: float,
    cfg: RecognitionConfig,
) -> dict[str, float] | None:
    """The circle round a box's middle (borders at ``edges``, px) its pale strokes ``pale``
    lie on in the most directions (`_border_rings`), and how: the share of directions seen
    (``border_ring_seen``), seen or hidden under the printed line between them
    (``border_ring``), the quarters round the box seen (``border_ring_quarters``), how far
    its strokes' distances from the border spread (``border_ring_bend_mm``), the share of
    the pale strokes on it (``border_ring_on``) and its radius (``border_ring_radius``,
    of the box's side); None when no circle is seen in a tenth of the directions."""
    s = cfg.patch_px_per_mm
    ul, ur, vt, vb = (float(e) for e in edges)
    ys, xs = np.nonzero(pale)
    fx, fy = xs.astype(np.float32), ys.astype(np.float32)
    side = min(ur - ul, vb - vt)
    mx, my = (ul + ur) / 2, (vt + vb) / 2
    tol = cfg.border_ring_fit_mm * s
    radii = np.arange(
        cfg.border_ring_min_radius * side, cfg.border_ring_max_radius * side + 1e-3, tol / 2
    ).astype(np.float32)
    shifts = np.linspace(-cfg.border_ring_centre, cfg.border_ring_centre, 5) * side
    rows = (np.arange(len(radii)) * _RING_BINS)[:, None]
    best: tuple[int, int, float, float, float] | None = None
    for ox in shifts:
        for oy in shifts:
            cx, cy = mx + float(ox), my + float(oy)
            r = np.hypot(fx - cx, fy - cy)
            a = np.arctan2(fy - cy, fx - cx)
            bins = ((a + math.pi) * (_RING_BINS / (2 * math.pi))).astype(np.int64) % _RING_BINS
            on = np.abs(r[None, :] - radii[:, None]) <= tol
            counts = np.bincount(
                (rows + bins[None, :])[on], minlength=len(radii) * _RING_BINS
            ).reshape(len(radii), _RING_BINS)
            seen = (counts >= 2).sum(axis=1)
            j = int(np.argmax(seen))
            key = (int(seen[j]), int(np.count_nonzero(on[j])))
            if best is None or key > best[:2]:
                best = (*key, cx, cy, float(radii[j]))
    if best is None or best[0] < _RING_BINS // 10:
        return None
    _, _, cx, cy, rad = best
    r = np.hypot(fx - cx, fy - cy)
    on_ring = np.abs(r - rad) <= tol
    seen = _directions(fx[on_ring], fy[on_ring], cx, cy, 0.0, _RING_BINS)
    angles = (np.arange(_RING_BINS) + 0.5) * (2 * math.pi / _RING_BINS) - math.pi
    px, py = cx + rad * np.cos(angles), cy + rad * np.sin(angles)
    # (where the circle runs within the border's band, give or take its fit, it is hidden
    # — and a direction further beside it: a pale ring fades into the border's blur)
    under = np.maximum(np.maximum(ul - px, px - ur), np.maximum(vt - py, py - vb))
    within = np.abs(under) <= hw + tol
    hidden: Bool = within | np.roll(within, 1) | np.roll(within, -1)
    quarters = seen.reshape(4, -1).any(axis=1)
    lo, hi = _quantile_pair(off[ys[on_ring], xs[on_ring]], 0.05, 0.95)
    # (a thick pen's stroke, its blur, spreads wider round the circle than its fit)
    on_wide = np.abs(r - rad) <= cfg.border_ring_on_mm * s
    return {
        "border_ring": round(_bridged(seen, hidden), 3),
        "border_ring_seen": round(float(np.count_nonzero(seen)) / _RING_BINS, 3),
        "border_ring_quarters": float(np.count_nonzero(quarters)),
        "border_ring_bend_mm": round((hi - lo) / s, 2),
        "border_ring_on": round(float(np.count_nonzero(on_wide)) / len(xs), 3),
        "border_ring_radius": round(rad / side, 3),
    }


_LINE_KERNELS = [
    (np.eye(5, dtype=np.float32)[::-1] if flip else np.eye(5, dtype=np.float32)) / 5
    for flip in (False, True)
] + [np.full((1, 5), 0.2, np.float32), np.full((5, 1), 0.2, np.float32)]


def _along_lines(img: F32) -> F32:
    """Each pixel's darkness averaged along a short line through it (5 px: across, down, and
    both diagonals), the largest of the four."""
    out = cv2.filter2D(img, -1, _LINE_KERNELS[0])
    for kernel in _LINE_KERNELS[1:]:
        np.maximum(out, cv2.filter2D(img, -1, kernel), out=out)
    return cast(F32, out)


_SURE = frozenset({Call.CIRCLE, Call.CROSS})


def along_page_sides(xs: NDArray[Any], ys: NDArray[Any], width: float) -> bool:
    """Do the points (px) lie on one straight line (nine in ten within ``width`` px of it)
    running along the page's sides (within 8°): a fold's crease or a scanner's streak,
    whole or broken, not a pen's stroke?"""
    line = fitted_line(xs, ys)
    if line is None:
        return False
    (vx, vy, _, _), off = line
    tilt = math.sin(math.radians(8.0))
    return float(np.quantile(off, 0.9)) <= width and min(abs(vx), abs(vy)) <= tilt


def _stroke_disc(s: float) -> NDArray[np.uint8]:
    """The disc a pale stroke is told from the paper's shading with (about 1.2 mm)."""
    k_px = max(3, round(1.2 * s) | 1)
    return cast(NDArray[np.uint8], cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (k_px, k_px)))


def _pale_strokes(dk: F32, disc: NDArray[np.uint8], level: float, inside: Bool) -> Bool:
    """A box's pixels (``dk``: its darkness) in a stroke at least ``level`` dark: darker than
    the paper round it within ``disc`` (a white top-hat: a shadow's or a tint's broad
    shading is no stroke), averaged along short lines (a pencil line a pixel wide keeps its
    darkness, the paper's grain does not); ``inside`` the box only."""
    narrow = cv2.morphologyEx(dk, cv2.MORPH_TOPHAT, disc)
    return (_along_lines(cast(F32, narrow)) >= level) & inside


def _stroke_pieces(
    faint: Bool,
    min_mm: float,
    cfg: RecognitionConfig,
    around: tuple[Bool, tuple[float, float, float, float]] | None = None,
    spans: list[NDArray[Any]] | None = None,
) -> tuple[float, float]:
    """The pieces of ``faint`` (a box's pale strokes) that are strokes: at least ``min_mm``
    long and ``faint_stroke_min_mm2`` large, as narrow as a stroke (not a smudge's band),
    not a straight line along the page's sides (a fold's crease, a streak, whole or
    broken) — the longest one's length and their area (mm; 0, 0 for none).

    With ``around`` — the patch's pale strokes everywhere, and the box's outer edges (px:
    left, right, top, bottom) — such a line is a crease only where it runs on outside the
    box, on both sides of it (`_runs_on`): a crease or a streak crosses the sheet. The arcs
    a pencil ○ round a pen × is cut into by the ×'s arms (each the flattest part of the
    ring, one along each side of the box) end inside it.

    ``spans``: each piece's extent (px: left, top, width, height) is added to it."""
    s = cfg.patch_px_per_mm
    min_px = cfg.faint_stroke_min_mm2 * s * s
    width = cfg.faint_line_width_mm * s
    count, labels, stats, cents = cv2.connectedComponentsWithStats(
        faint.view(np.uint8), connectivity=8
    )
    deep: NDArray[np.float64] | None = None  # (each piece's mean depth, px)
    longest, total = 0.0, 0.0
    for j in range(1, count):
        bw, bh, area = (int(stats[j, c]) for c in (cv2.CC_STAT_WIDTH, cv2.CC_STAT_HEIGHT, 4))
        length = max(bw, bh)
        if length < min_mm * s or area < min_px:
            continue
        if area / length > cfg.faint_stroke_max_width_mm * s:
            # A band (a smudge) — or strokes crossing, a × whose area is twice a line's over
            # its length: as wide as they are deep (a stroke w px wide lies w/4 deep on
            # average, a smudge's blot of diameter D, D/6).
            if deep is None:
                dist = cv2.distanceTransform(faint.view(np.uint8), cv2.DIST_L2, 3)
                sums = np.bincount(labels.ravel(), weights=dist.ravel(), minlength=count)
                deep = sums.astype(np.float64) / np.maximum(1, stats[:, cv2.CC_STAT_AREA])
            if 4 * float(deep[j]) > cfg.faint_stroke_max_width_mm * s:
                continue  # (a band: a smudge)
        ys, xs = np.nonzero(labels == j)
        if along_page_sides(xs, ys, width) and (
            around is None or _runs_on(around[0], around[1], bw >= bh, cents[j], width, cfg)
        ):
            continue  # (a fold's crease, a streak, whole or broken)
        longest = max(longest, length / s)
        total += area / (s * s)
        if spans is not None:
            spans.append(stats[j, :4])
    return longest, total


def _runs_on(
    strokes: Bool,
    outer: tuple[float, float, float, float],
    level: bool,
    centre: NDArray[Any],
    width: float,
    cfg: RecognitionConfig,
) -> bool:
    """Does a line along the page's sides through ``centre`` (px; ``level``: along the
    rows) run on outside the box (``outer``: its border's outer edges, px) on both sides:
    the patch's pale ``strokes`` along it over at least ``paler_crease_outside`` of the
    paper each side (a side too narrow to tell counts as showing it)?"""
    tol = max(2.0, 2 * width)
    at = float(centre[1] if level else centre[0])
    left, right, top, bottom = outer
    lo_b, hi_b = max(0, math.floor(at - tol)), math.ceil(at + tol) + 1
    band = strokes[lo_b:hi_b, :] if level else strokes[:, lo_b:hi_b].T
    on = np.asarray(band.any(axis=0))
    before, after = (left, right) if level else (top, bottom)
    sides = (on[: max(0, math.floor(before))], on[math.ceil(after) + 1 :])
    return all(
        side.size < 3 or float(np.count_nonzero(side)) >= cfg.paler_crease_outside * side.size
        for side in sides
    )


def _stroke_in_hole(
    dk: F32,
    ring: NDArray[np.uint8],
    strokes: Bool,
    level: float,
    clear: NDArray[Any],
    disc: NDArray[np.uint8],
    cfg: RecognitionConfig,
    around: Callable[[], tuple[Bool, tuple[float, float, float, float]]] | None = None,
) -> float:
    """The strokes (``strokes``, at least ``level`` dark) crossing the hole of the ○
    ``ring`` (0/1) — the hole kept ``clear`` off the ring — when they cover at least
    ``paler_hole_mm2`` of it (mm²); else 0. Not a fold's crease or a streak across it:
    straight along the page's sides, two of them crossing in it where the sheet was folded
    in four — with ``around`` (what `_stroke_pieces` takes, on demand), only where such a
    line runs on outside the box: a pencil line struck through the ○ nearly level ends in
    it."""
    s = cfg.patch_px_per_mm
    ph, pw = dk.shape
    outside = np.zeros((ph + 2, pw + 2), np.uint8)
    cv2.floodFill(ring.copy(), outside, (0, 0), 1, flags=4 | (1 << 8) | cv2.FLOODFILL_MASK_ONLY)
    hole = (outside[1:-1, 1:-1] == 0) & (ring == 0)
    hole = cv2.erode(hole.view(np.uint8), clear) > 0
    crossing = strokes & (cv2.dilate(hole.view(np.uint8), disc) > 0) & (dk >= level)
    if np.count_nonzero(crossing & hole) < cfg.paler_hole_mm2 * s * s:
        return 0.0
    c8 = crossing.view(np.uint8)
    run = max(3, round(cfg.paler_crease_mm * s))
    width = cfg.faint_line_width_mm * s
    parts: list[NDArray[np.uint8]] = []
    for shape in ((1, run), (run, 1)):
        part = cast(
            NDArray[np.uint8], cv2.morphologyEx(c8, cv2.MORPH_OPEN, np.ones(shape, np.uint8))
        )
        if around is not None and part.any():
            # (a run along the page's sides is a crease's only where it runs on beyond the box)
            strokes_all, outer = around()
            nl, lab, _, cents = cv2.connectedComponentsWithStats(part, connectivity=8)
            on = [
                j
                for j in range(1, nl)
                if _runs_on(strokes_all, outer, shape[0] == 1, cents[j], width, cfg)
            ]
            part = np.isin(lab, on).view(np.uint8) if on else np.zeros_like(part)
        parts.append(part)
    along = parts[0] | parts[1]
    crossing = crossing & ~(cv2.dilate(along, _SQUARE3) > 0)
    count, labels, stats, cents = cv2.connectedComponentsWithStats(
        crossing.view(np.uint8), connectivity=8
    )
    inked = 0
    for j in range(1, count):
        piece = labels == j
        if not (piece & hole).any():
            continue
        ys, xs = np.nonzero(piece)
        if along_page_sides(xs, ys, width) and (
            around is None
            or _runs_on(
                *around(),
                int(stats[j, cv2.CC_STAT_WIDTH]) >= int(stats[j, cv2.CC_STAT_HEIGHT]),
                cents[j],
                width,
                cfg,
            )
        ):
            continue
        inked += int(np.count_nonzero(piece & hole))
    return inked / (s * s) if inked >= cfg.paler_hole_mm2 * s * s else 0.0


def _strokes_around(
    dk: F32, disc: NDArray[np.uint8], level: float, outer: tuple[float, float, float, float]
) -> tuple[Bool, tuple[float, float, float, float]]:
    """A box's patch's pale strokes everywhere, in and around the box, and the box's outer
    edges: what `_stroke_pieces` and `_stroke_in_hole` tell a crease by (`_runs_on`)."""
    return _pale_strokes(dk, disc, level, np.ones(dk.shape, dtype=bool)), outer


def _paler_beside(
    d: F32,
    edges: tuple[F32, F32, F32, F32],
    hw: F32,
    black: F32,
    circles: Sequence[bool],
    cfg: RecognitionConfig,
) -> list[dict[str, float] | None]:
    """For each box (n, ph, pw) of darkness ``d`` read as a ○ or a ×: the strokes in it
    paler than the mark (as `_faint_strokes` finds them: the mark's shape was judged on
    what is as dark as the strokes it grows from, a paler one was never part of it) lying
    off the mark's own ink by more than ``paler_clear_mm`` (its blurred edge is the
    mark's), in pieces at least ``paler_min_mm`` long — the longest and their area (mm) —
    or None when there are none."""
    s = cfg.patch_px_per_mm
    n, ph, pw = d.shape
    inset = hw + cfg.faint_ring_margin_mm * s
    level = np.maximum(cfg.faint_stroke_darkness, cfg.faint_stroke_rel * black)
    inside = _inside(ph, pw, edges, inset)
    ul, ur, vt, vb = edges
    disc = _stroke_disc(s)
    c_px = max(1, round(cfg.paler_clear_mm * s))
    clear = cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (2 * c_px + 1, 2 * c_px + 1))
    min_px = cfg.faint_stroke_min_mm2 * s * s
    b_px = max(3, round(cfg.paler_broad_mm * s) | 1)
    broad_disc = cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (b_px, b_px))
    # (a broad × is as wide as a smudge's band where its strokes cross)
    wider = dataclasses.replace(cfg, faint_stroke_max_width_mm=cfg.paler_broad_mm)
    out: list[dict[str, float] | None] = [None] * n
    for k in range(n):
        dk = np.ascontiguousarray(d[k])
        inked = dk[(dk >= cfg.seed_darkness) & inside[k]]
        top = quantile(inked, 0.9) if inked.size else 1.0
        # (the mark as the shape was judged on: as dark as the strokes it grew from, at least
        # ``shape_level`` of the box's darkest ink — `_read_inked`'s core; a stroke a little
        # paler, a grey pencil line struck through a pen ○ or a pencil × beside it, was no
        # part of the shape judged and is looked at here)
        dark = dk >= max(cfg.seed_darkness, cfg.shape_level * top)
        mark = cv2.dilate(dark.view(np.uint8), clear) > 0
        pale = (dk >= level[k]) & ~mark & inside[k]
        rings: list[NDArray[np.uint8]] = []
        if circles[k]:
            # (a ○'s hole is paper: a stroke crossing it — a pencil × under a pen ○, parts
            # of it as dark as the ○ itself — is another mark, however near the ring)
            # The ring is what the shape was judged on: the ink at least ``shape_level`` of
            # the box's darkest (`_read_inked`'s core); and, apart, the ink at least
            # ``paler_ring_level`` of it. A soft pencil's × darker than ``dark``, or one
            # that reaches the core's level in places, would otherwise count as ring and cut
            # the hole into pieces too small to be looked in.
            for rel in (cfg.shape_level, cfg.paler_ring_level):
                core = dk >= max(cfg.ink_darkness, rel * top)
                rings.append((core & inside[k]).view(np.uint8))  # (the printed square aside)
            # ... and between the two, a pixel's gap closed (a fine pencil line struck
            # across the ○ as dark as its core: part of the ring at the first level, it
            # cuts the hole in two; the ○'s own ink is darker)
            mid = ((dk >= max(cfg.ink_darkness, cfg.paler_mid_level * top)) & inside[k]).view(
                np.uint8
            )
            rings.insert(
                1, cast(NDArray[np.uint8], cv2.morphologyEx(mid, cv2.MORPH_CLOSE, _SQUARE3))
            )
            if np.count_nonzero(pale) < min_px:
                off_ring = cv2.dilate(rings[-1], clear) == 0
                if np.count_nonzero((dk >= level[k]) & off_ring & inside[k]) < min_px:
                    continue  # (most ○: nothing paler in or beside them)
        elif np.count_nonzero(pale) < min_px:
            continue  # (most boxes: nothing paler beside the mark)
        strokes = _pale_strokes(dk, disc, float(level[k]), inside[k])
        outer = (
            float(ul[k] - hw[k]),
            float(ur[k] + hw[k]),
            float(vt[k] - hw[k]),
            float(vb[k] + hw[k]),
        )
        # (the patch's pale strokes everywhere: found once, when first asked for)
        around = functools.cache(
            functools.partial(_strokes_around, dk, disc, float(level[k]), outer)
        )
        found = 0.0
        for ring in rings:
            found = _stroke_in_hole(dk, ring, strokes, float(level[k]), clear, disc, cfg, around)
            if found:
                break
        if found:
            out[k] = {"paler_in_hole_mm2": round(found, 2)}
            continue
        faint = strokes & ~mark
        longest, total = 0.0, 0.0
        if np.count_nonzero(faint) >= min_px:
            longest, total = _stroke_pieces(faint, cfg.paler_min_mm, cfg, around())
        if not longest and np.count_nonzero(pale & (dk >= cfg.paler_broad_darkness)) >= min_px:
            # ... a broad one (a soft pencil, a pale felt-tip, a rubber's grey smear of an
            # erased mark: strokes 1–2 mm wide), which the narrow look takes for the paper's
            # shading — as dark as ink's beginnings, and within a broad pen's width
            wide = cv2.morphologyEx(dk, cv2.MORPH_TOPHAT, broad_disc)
            broad = (wide >= max(float(level[k]), cfg.paler_broad_darkness)) & inside[k] & ~mark
            if np.count_nonzero(broad) >= min_px:
                longest, total = _stroke_pieces(broad, cfg.paler_min_mm, wider, around())
        if longest:
            out[k] = {"paler_stroke_mm": round(longest, 2), "paler_mm2": round(total, 2)}
    return out


def _faint_strokes(
    d: F32,
    edges: tuple[F32, F32, F32, F32],
    hw: F32,
    black: F32,
    cfg: RecognitionConfig,
) -> list[dict[str, float] | None]:
    """For each box (n, ph, pw) of darkness ``d``, read as empty and holding no faint ring:
    its faint strokes (``faint_stroke_*`` in the configuration) — the longest piece's length
    and the pieces' area, mm — or None when there are none. A ○ or a × in a hard pencil or a
    light pen, too pale to be ink, is never abstained on without a person's look.

    A stroke is narrow: what is darker than the paper round it within a millimetre or so
    (a white top-hat), so a shadow's or a tint's broad shading is no stroke; and a straight
    line along the page's sides across most of the box is a fold's crease or a streak. The
    darkness is averaged along short lines (the best of four directions), not over a square:
    a pencil line a pixel wide keeps its darkness, the paper's grain does not.

    How pale: a share of the printed border's black; none found, where the box's paper is
    quiet, paler still (``faint_quiet_*``: a light pencil's line on clean paper, plainly
    seen, reaches less than that share of black) — a few times the paper's own noise as
    this look sees it. At that level the band along the page's sides a fold's or a shadow's
    edge leaves (up to ``faint_quiet_band_mm`` wide) is no stroke either; the key
    ``faint_level`` says a stroke was found there.

    None found, the box is looked at again for broad ones (`_BroadLook`: ``faint_broad_*``,
    the keys ``faint_broad_mm``, ``faint_broad_span_mm``, ``faint_broad_mm2``): a pale
    felt-tip's or marker's strokes, an erased pencil mark's smear, 1–2 mm wide — the look
    above tells the paper round a stroke within a millimetre, and takes them for shading."""
    s = cfg.patch_px_per_mm
    n, ph, pw = d.shape
    inset = hw + cfg.faint_ring_margin_mm * s
    smooth = _along_lines(np.ascontiguousarray(d).reshape(n * ph, pw)).reshape(n, ph, pw)
    level = np.maximum(cfg.faint_stroke_darkness, cfg.faint_stroke_rel * black)
    # (no stroke is paler than this, however quiet the paper)
    floor = np.minimum(level, cfg.faint_quiet_darkness)
    inside = _inside(ph, pw, edges, inset)
    min_px = cfg.faint_stroke_min_mm2 * s * s
    # (the look below never finds more than what is as dark, averaged along lines, unshaded)
    pale_px = (smooth >= floor[:, None, None]) & inside
    maybe = pale_px.reshape(n, -1).sum(axis=1) >= min_px
    out: list[dict[str, float] | None] = [None] * n
    if not maybe.any():
        return out
    at_ink = ((smooth >= level[:, None, None]) & inside).reshape(n, -1).sum(axis=1) >= min_px
    disc = _stroke_disc(s)
    broad = _BroadLook.of(cfg)
    ul, ur, vt, vb = edges
    for k in np.flatnonzero(maybe).tolist():
        dk = np.ascontiguousarray(d[k])
        looked = _along_lines(cast(F32, cv2.morphologyEx(dk, cv2.MORPH_TOPHAT, disc)))
        if at_ink[k]:
            faint = (looked >= level[k]) & inside[k]
            if np.count_nonzero(faint) >= min_px:
                longest, total = _stroke_pieces(faint, cfg.faint_stroke_min_mm, cfg)
                if longest:
                    out[k] = {"faint_stroke_mm": round(longest, 2), "faint_mm2": round(total, 2)}
                    continue
        quiet = _quiet_strokes(dk, looked, inside[k], float(level[k]), float(floor[k]), cfg)
        if quiet is not None:
            out[k] = quiet
            continue
        if not at_ink[k]:
            out[k] = broad.cross(dk, inside[k])
            continue
        # ... nor one drawn with a broad stroke (a pale felt-tip or marker, a rubber's grey
        # smear of an erased pencil mark: 1–2 mm wide), which the narrow look above takes
        # for the paper's shading: what is darker than the paper round it within
        # ``paler_broad_mm`` — a ridge, paper on both sides; a tint, a stain over the box,
        # a shadow's edge has none — in pieces spanning ``faint_broad_min_mm`` of the box
        outer = (
            float(ul[k] - hw[k]),
            float(ur[k] + hw[k]),
            float(vt[k] - hw[k]),
            float(vb[k] + hw[k]),
        )
        found = broad.strokes(dk, max(float(level[k]), cfg.faint_broad_darkness), inside[k], outer)
        # ... nor a soft grey × (a rubbed-out or smudged pencil ×): darkest where its strokes
        # cross, its arms paler than that look asks — as pale as a ○ the ring look catches
        out[k] = found if found is not None else broad.cross(dk, inside[k])
    return out


def _quiet_strokes(
    dk: F32, looked: F32, inside: Bool, level: float, floor: float, cfg: RecognitionConfig
) -> dict[str, float] | None:
    """A box's (``dk``: its darkness) faint strokes paler than ``level`` (the share of the
    border's black), where its paper is quiet (`_faint_strokes`; ``looked``: the box's
    darkness as that look sees it): at least ``floor`` and ``faint_quiet_noise`` times the
    paper's noise — the median of ``looked`` over the box's ``inside`` (a mark covers far
    less than half of it) — in pieces as ``faint_stroke_*`` asks; the scores, or None when
    there are none.

    What lies round ink (at least ``ink_darkness``, the 3×3 average: specks of dust the box
    was read empty with) is no pale stroke: the look's averaging spreads a speck's darkness,
    and two specks' halos join into a stroke's length. A straight band along the page's
    sides from wall to wall of the box's inside (up to ``faint_quiet_band_mm`` wide: a
    fold's blurred crease, a shadow's edge beside the printed border) is none either: paler
    than the look at the share of black sees, the paper's shading shows as such bands. An
    arc of a ○, a ×'s arms, are none."""
    s = cfg.patch_px_per_mm
    quiet = max(floor, cfg.faint_quiet_noise * float(np.median(looked[inside])))
    if quiet >= level:
        return None
    faint = (looked >= quiet) & inside
    inked = (cv2.blur(dk, (3, 3)) >= cfg.ink_darkness).view(np.uint8)
    if inked.any():
        faint &= cv2.dilate(inked, _disc(7)) == 0
    min_px = cfg.faint_stroke_min_mm2 * s * s
    if np.count_nonzero(faint) < min_px:
        return None
    count, labels, stats, _ = cv2.connectedComponentsWithStats(faint.view(np.uint8), connectivity=8)
    ys, xs = np.nonzero(inside)
    wide, tall = int(xs.max() - xs.min() + 1), int(ys.max() - ys.min() + 1)
    band = cfg.faint_quiet_band_mm * s
    reach = cfg.faint_quiet_wall_share
    bands: list[int] = []
    for j in range(1, count):
        bw, bh = int(stats[j, cv2.CC_STAT_WIDTH]), int(stats[j, cv2.CC_STAT_HEIGHT])
        if (bw >= reach * wide and bh <= band) or (bh >= reach * tall and bw <= band):
            bands.append(j)
    if bands:
        faint &= ~np.isin(labels, bands)
    longest, total = _stroke_pieces(faint, cfg.faint_stroke_min_mm, cfg)
    if not longest:
        return None
    return {
        "faint_stroke_mm": round(longest, 2),
        "faint_mm2": round(total, 2),
        "faint_level": round(quiet, 3),
    }


@dataclass(frozen=True)
class _BroadLook:
    """How a box read as empty is looked at for broad pale strokes (`_faint_strokes`): the
    disc the paper round a stroke is told within, and the configuration its pieces are
    judged with (as wide as a broad pen's, where its strokes cross; a crease's band as wide
    as such a stroke's)."""

    disc: NDArray[np.uint8]
    cfg: RecognitionConfig

    @staticmethod
    @functools.cache
    def of(cfg: RecognitionConfig) -> _BroadLook:
        s = cfg.patch_px_per_mm
        b_px = max(3, round(cfg.paler_broad_mm * s) | 1)
        disc = cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (b_px, b_px))
        wider = dataclasses.replace(
            cfg,
            faint_stroke_max_width_mm=cfg.paler_broad_mm,
            faint_line_width_mm=cfg.paler_broad_mm / 2,
        )
        return _BroadLook(cast(NDArray[np.uint8], disc), wider)

    def cross(self, dk: F32, inside: Bool) -> dict[str, float] | None:
        """A box's (``dk``: its darkness) broad pale × (``faint_cross_*``): what is darker
        than the paper within ``paler_broad_mm`` round it by ``faint_cross_darkness`` and
        ``faint_cross_noise`` times the box's paper (the lower quartile of that look over
        its ``inside``: a × covers far less), lying on two straight strokes — each at least
        ``faint_cross_min_mm`` long, off the page's sides towards the diagonals (a fold in
        four crosses the box along them), crossing at ``faint_cross_min_angle`` or more
        within their middle half, leaving at most ``faint_cross_residual`` of it. The
        scores, or None when there is no such ×."""
        cfg = self.cfg
        s = cfg.patch_px_per_mm
        soft = cast(F32, cv2.blur(dk, (3, 3)))
        wide = _along_lines(cast(F32, cv2.morphologyEx(soft, cv2.MORPH_TOPHAT, self.disc)))
        paper = quantile(wide[inside], 0.25)
        level = max(cfg.faint_cross_darkness, cfg.faint_cross_noise * paper)
        ys, xs = np.nonzero((wide >= level) & inside)
        if xs.size < cfg.faint_stroke_min_mm2 * s * s:
            return None
        pair = _line_pair(
            xs.astype(np.float32), ys.astype(np.float32), cfg.faint_cross_band_mm * s, 0.0, False
        )
        shortest = min(pair.get("line1_mm", 0.0), pair.get("line2_mm", 0.0)) / s
        if (
            shortest < cfg.faint_cross_min_mm
            or pair["line_residual"] > cfg.faint_cross_residual
            or pair.get("line_angle", 0.0) < cfg.faint_cross_min_angle
            or pair.get("diag_dev", 90.0) > 45.0 - cfg.faint_cross_off_sides
            or pair.get("cross_end_share", 0.0) < 0.25
        ):
            return None
        return {
            "faint_cross_mm": round(shortest, 2),
            "faint_cross_angle": round(pair["line_angle"], 1),
            "faint_level": round(level, 3),
        }

    def strokes(
        self, dk: F32, level: float, inside: Bool, outer: tuple[float, float, float, float]
    ) -> dict[str, float] | None:
        """The box's (``dk``: its darkness) broad pale strokes at least ``level`` dark — the
        longest piece and their area (mm) — or None when there are none."""
        cfg = self.cfg
        s = cfg.patch_px_per_mm
        # (averaged over a third of a millimetre first: the paper's grain and a scan's
        # noise are finer than a broad stroke, and do not add up along it)
        soft = cast(F32, cv2.blur(dk, (3, 3)))
        everywhere = _pale_strokes(soft, self.disc, level, np.ones(dk.shape, dtype=bool))
        found = everywhere & inside
        if np.count_nonzero(found) < cfg.faint_stroke_min_mm2 * s * s:
            return None
        spans: list[NDArray[Any]] = []
        longest, total = _stroke_pieces(
            found, cfg.faint_stroke_min_mm, cfg, (everywhere, outer), spans
        )
        if not spans:
            return None
        # (the pieces together: a × rubbed into a smear where its strokes cross is cut in
        # four there — the paper round that blot is farther than the disc reaches)
        x0, y0 = (min(int(b[i]) for b in spans) for i in (0, 1))
        x1, y1 = (max(int(b[i] + b[i + 2]) for b in spans) for i in (0, 1))
        span = max(x1 - x0, y1 - y0) / s
        if span < cfg.faint_broad_min_mm:
            return None  # (a blot smaller than a mark: a drop's stain, a speck's smudge)
        return {
            "faint_broad_mm": round(longest, 2),
            "faint_broad_span_mm": round(span, 2),
            "faint_broad_mm2": round(total, 2),
        }


def _only_spanning_lines(
    ink: Bool, rows_in: tuple[F32, F32], cols_in: tuple[F32, F32], cfg: RecognitionConfig
) -> Bool:
    """For patches (n, ph, pw) of dark ink off the border: is all of it on straight lines
    crossing the whole patch (≥ ``fold_min_span_share`` of a row or column, give or take a
    row for a slight tilt) that stay clear of the box's interior (``rows_in``/``cols_in``:
    its first and last inner row and column)? Such lines are erased by the full examination
    whatever their darkness, so those boxes are empty; anything else is examined."""
    n, ph, pw = ink.shape
    # A row (column) with its two neighbours covers at most what the three do together:
    # patches where no three neighbouring rows or columns add up to a line have none.
    u8 = ink.view(np.uint8)
    fullest = np.maximum(
        _three(u8.sum(axis=2, dtype=np.uint16)).max(axis=1) / pw,
        _three(u8.sum(axis=1, dtype=np.uint16)).max(axis=1) / ph,
    )
    maybe = fullest >= cfg.fold_min_span_share
    if not maybe.all():
        out_all = np.zeros(n, dtype=bool)
        if maybe.any():
            pick = np.flatnonzero(maybe)
            out_all[pick] = _only_spanning_lines(
                ink[pick],
                (rows_in[0][pick], rows_in[1][pick]),
                (cols_in[0][pick], cols_in[1][pick]),
                cfg,
            )
        return out_all
    zone: list[NDArray[np.bool_]] = []
    clear = np.ones(n, dtype=bool)
    for axis, (lo, hi) in ((1, rows_in), (2, cols_in)):
        m = ink if axis == 1 else ink.transpose(0, 2, 1)
        m3 = m.copy()  # each row with its neighbours: a line tilted a little still covers one
        m3[:, 1:] |= m[:, :-1]
        m3[:, :-1] |= m[:, 1:]
        lines = _share(m3.view(np.uint8), 2) >= cfg.fold_min_span_share  # (n, rows)
        clear &= ~_run_longer(lines, cfg.fold_max_mm * cfg.patch_px_per_mm)
        z = lines.copy()  # the eraser takes 3 rows either side of a line
        for k in range(1, 4):
            z[:, k:] |= lines[:, :-k]
            z[:, :-k] |= lines[:, k:]
        pos = np.arange(z.shape[1])[None, :]
        inner = (pos >= lo[:, None] - 1) & (pos <= hi[:, None] + 1)
        clear &= ~(z & inner).any(axis=1)
        zone.append(z)
    left = ink & ~zone[0][:, :, None] & ~zone[1][:, None, :]
    out: Bool = clear & zone[0].any(axis=1) | clear & zone[1].any(axis=1)
    out &= ~left.reshape(n, -1).any(axis=1)
    return out


def _run_longer(rows: Bool, length: float) -> Bool:
    """For each patch (n, rows): does it have more than ``length`` consecutive set rows?"""
    k = math.floor(length) + 1
    if rows.shape[1] < k:
        return np.zeros(rows.shape[0], dtype=bool)
    cs = np.zeros((rows.shape[0], rows.shape[1] + 1), dtype=np.int32)
    np.cumsum(rows, axis=1, out=cs[:, 1:])
    out: Bool = ((cs[:, k:] - cs[:, :-k]) == k).any(axis=1)
    return out


def _border_widths(
    col: F32, ul: NDArray[Any], hw: NDArray[Any], black: NDArray[Any], cfg: RecognitionConfig
) -> tuple[int, int]:
    """Two widths (px) the examination of marks on the border uses, measured on the boxes
    (n) with ink: the printed border's dark width across it plus ``border_thicken_mm`` (a
    stroke on the border is wider than that), and how far beside the border (the widest
    border band, plus one) ink makes a wider run there a stroke."""
    s = cfg.patch_px_per_mm
    pw = col.shape[1]
    dark = np.maximum(cfg.seed_darkness, 0.4 * black).astype(np.float32)
    base = (col >= dark[:, None]) & (np.abs(np.arange(pw)[None, :] - ul[:, None]) <= hw[:, None])
    k = max(2, math.ceil(float(np.median(base.sum(axis=1))) + cfg.border_thicken_mm * s))
    return k, max(1, math.ceil(float(hw.max()))) + 1


def _line_mass(prof: F32, s: float) -> F32:
    """Per box (n, samples across a side): the darkness of the side's median profile summed
    across it, in mm of solid black (the printed line's width times its darkness, plus any
    line drawn along it); paper's faint noise (under 0.1) left out."""
    out: F32 = np.where(prof >= 0.1, prof, 0.0).sum(axis=1).astype(np.float32) / np.float32(s)
    return out


def _traced_borders(mass: F32, cfg: RecognitionConfig) -> list[dict[str, float] | None]:
    """For boxes (n) of one size with side masses ``mass`` (n, 4: left, right, top, bottom;
    `_line_mass`): the scores of those whose border is heavier than the boxes' usual one
    (see below) on at least ``traced_min_sides`` sides — by
    ``traced_ratio`` times and ``traced_min_mm`` — or None. The usual border is the lower
    quartile of the boxes' side by side (a voter may trace several). Fewer than three boxes:
    none (nothing to compare with)."""
    n = mass.shape[0]
    out: list[dict[str, float] | None] = [None] * n
    if n < 3:
        return out
    usual = np.sort(mass, axis=0)[(n - 1) // 4][None, :]  # (the lower quartile)
    heavy = (mass >= cfg.traced_ratio * usual) & (mass - usual >= cfg.traced_min_mm)
    sides = heavy.sum(axis=1)
    for k in np.flatnonzero(sides >= cfg.traced_min_sides).tolist():
        excess = np.sort(mass[k] - usual[0])[::-1]
        out[k] = {
            "traced_sides": float(sides[k]),
            "traced_mm": round(float(excess[cfg.traced_min_sides - 1]), 3),
        }
    return out


def _three(counts: NDArray[np.uint16]) -> NDArray[np.uint16]:
    """Each row's count plus its two neighbours' (n, rows)."""
    out = counts.copy()
    out[:, 1:] += counts[:, :-1]
    out[:, :-1] += counts[:, 1:]
    return out


def _side_profiles(a: F32, axis: int) -> tuple[F32, F32]:
    """Along ``axis`` of the 3-d ``a`` (boxes, then a side's pixels across and along it):
    the median darkness, and the darkness three in four of the pixels reach (the lower
    quartile)."""
    n = a.shape[axis]
    if n == 0:
        shape = list(a.shape)
        del shape[axis]
        return np.zeros(shape, dtype=np.float32), np.zeros(shape, dtype=np.float32)
    k, q = n // 2, n // 4
    part = np.partition(a, (q, k), axis=axis)
    return np.take(part, k, axis=axis), np.take(part, q, axis=axis)


#: A side's line is the printed border only if it is at least this dark (border_found).
_BORDER_MIN_HEIGHT = 0.25


def _peaks(
    prof: F32, centre: float, search: float, along: F32 | None = None
) -> tuple[F32, F32, F32]:
    """(position, height, reach) of each row's strongest peak within ±search of centre.

    ``reach``: half the number of samples above a fifth of the peak — the printed line plus
    its blur. ``along`` (the darkness three in four of the side's pixels reach): where the
    strongest peak of ``prof`` is no line along the whole side and another, at least two
    pixels away, is (a ○ drawn over or just outside the border, with a broad pen), that one
    is the printed border — of such lines the nearest to ``centre``.
    """
    lo = max(0, round(centre - search))
    hi = min(prof.shape[1], round(centre + search) + 1)
    win = prof[:, lo:hi]
    k = np.argmax(win, axis=1)
    rows = np.arange(win.shape[0])
    if along is not None:
        aw = along[:, lo:hi]
        ka = np.argmax(aw, axis=1)
        ha = aw[rows, ka]
        moved = (np.abs(ka - k) >= 2) & (ha >= _BORDER_MIN_HEIGHT) & (aw[rows, k] < 0.5 * ha)
        if moved.any():
            # (a broad stroke beside the border may be as dark all along as the border
            # itself over a few pixels: of those, the one nearest where the border should be)
            near = np.abs(np.arange(hi - lo) - (centre - lo))[None, :]
            ka = np.argmin(np.where(aw >= 0.9 * ha[:, None], near, np.inf), axis=1)
            k = np.where(moved, ka, k)
    h = win[rows, k]
    km = np.clip(k - 1, 0, win.shape[1] - 1)
    kp = np.clip(k + 1, 0, win.shape[1] - 1)
    a, c = win[rows, km], win[rows, kp]
    den = a - 2 * h + c
    inner = (k > 0) & (k < win.shape[1] - 1) & (den < 0)
    shift = np.where(inner, 0.5 * (a - c) / np.where(den < 0, den, -1.0), 0.0)
    shift = np.clip(shift, -0.5, 0.5)  # (a moved peak need not be the profile's top)
    reach = (win > (h / 5)[:, None]).sum(axis=1) / 2.0 + 0.5
    return ((lo + k + shift).astype(np.float32), h.astype(np.float32), reach.astype(np.float32))


def _frames(ph: int, pw: int, ul: F32, ur: F32, vt: F32, vb: F32, half: F32) -> Bool:
    """Masks (n, ph, pw) of the border bands: within ``half`` of each found border line."""
    top_bottom, left_right = _sides(ph, pw, (ul, ur, vt, vb), half)
    out: Bool = top_bottom | left_right
    return out


def _sides(ph: int, pw: int, edges: tuple[F32, F32, F32, F32], half: F32) -> tuple[Bool, Bool]:
    """The border band's top and bottom sides, and its left and right sides (n, ph, pw):
    within ``half`` of each found border line. Built from per-box rows and columns (two
    small masks each), joined at full size."""
    ul, ur, vt, vb = (x[:, None] for x in edges)
    h = half[:, None]
    uu = np.arange(pw, dtype=np.float32)[None, :]
    vv = np.arange(ph, dtype=np.float32)[None, :]
    rows_tb = (np.abs(vv - vt) <= h) | (np.abs(vv - vb) <= h)
    cols_tb = (uu >= ul - h) & (uu <= ur + h)
    cols_lr = (np.abs(uu - ul) <= h) | (np.abs(uu - ur) <= h)
    rows_lr = (vv >= vt - h) & (vv <= vb + h)
    top_bottom: Bool = rows_tb[:, :, None] & cols_tb[:, None, :]
    left_right: Bool = rows_lr[:, :, None] & cols_lr[:, None, :]
    return top_bottom, left_right


def _share(m: NDArray[np.uint8], axis: int) -> NDArray[np.float64]:
    """The share of set pixels (0/1) along ``axis``: ``m.mean(axis)``, summed in small
    integers (several times cheaper than the float sum ``mean`` makes)."""
    length = m.shape[axis]
    total = m.sum(axis=axis, dtype=np.uint8 if length < 256 else np.uint32)
    out: NDArray[np.float64] = total / length
    return out


def mosaic(a: NDArray[Any], sep: int) -> NDArray[Any]:
    """Patches (n, h, w) stacked into one image with ``sep`` blank rows between them, so one
    OpenCV call (components, morphology) serves every patch without mixing them."""
    n, h, w = a.shape
    m = np.zeros((n, h + sep, w), dtype=a.dtype)
    m[:, :h] = a
    return m.reshape(n * (h + sep), w)


def unmosaic(m: NDArray[Any], n: int, h: int, sep: int) -> NDArray[Any]:
    return m.reshape(n, h + sep, -1)[:, :h]


def _read_inked(
    d: F32,
    band: Bool,
    seeded: Bool,
    col: F32,
    edges: tuple[F32, F32, F32, F32],
    hw: F32,
    black: F32,
    page_black: float,
    scores: list[dict[str, float]],
    cfg: RecognitionConfig,
    widths: tuple[int, int],
    fine: FinePeak | None = None,
) -> list[BoxReading]:
    """The full examination of the boxes (n, ph, pw) with ink off their border.

    Everything up to the shape of each mark is computed for all of them at once. ``widths``
    (see `_border_widths`) are measured on the page's boxes with ink; ``fine`` measures a
    box's stroke on a finer image of the page.
    """
    s = cfg.patch_px_per_mm
    n, ph, pw = d.shape
    ul, ur, vt, vb = edges
    vv = np.arange(ph, dtype=np.float32)[None, :, None]
    uu = np.arange(pw, dtype=np.float32)[None, None, :]

    def col3(x: NDArray[Any]) -> NDArray[Any]:  # a per-box value against each box's pixels
        return x[:, None, None]

    near = _frames(ph, pw, ul, ur, vt, vb, (hw + cfg.touch_mm * s).astype(np.float32))
    ink = d >= cfg.ink_darkness

    # Strokes on the printed border. Across the border the dark run is as wide as the printed
    # line (with its blur) — except where a pen stroke lies on it or crosses it: there it is
    # wider. An opening with a line ``base + thicken`` long across the border keeps exactly
    # those wider runs; those places of the border band are ink, so a ○ drawn over the border
    # stays one closed stroke. (base: the printed line's dark width on this page.)
    dark = np.maximum(cfg.seed_darkness, 0.4 * black).astype(np.float32)
    k, reach_px = widths
    sep = max(8, k + 2, reach_px + 3)
    dk = mosaic((d >= col3(dark)).astype(np.uint8), sep)
    across_v = unmosaic(cv2.morphologyEx(dk, cv2.MORPH_OPEN, np.ones((1, k), np.uint8)), n, ph, sep)
    across_h = unmosaic(cv2.morphologyEx(dk, cv2.MORPH_OPEN, np.ones((k, 1), np.uint8)), n, ph, sep)
    vert = (vv >= np.ceil(col3(vt + hw))) & (vv <= np.floor(col3(vb - hw)))
    horiz = (uu >= np.ceil(col3(ul + hw))) & (uu <= np.floor(col3(ur - hw)))
    wider = band & (((across_v > 0) & vert) | ((across_h > 0) & horiz))
    # ... and only next to ink off the border: the printed line alone, however thick it was
    # printed or blurred, is never taken for a stroke.
    beside = (
        unmosaic(
            cv2.dilate(
                mosaic((ink & seeded & ~band).view(np.uint8), sep),
                np.ones((2 * reach_px + 1, 2 * reach_px + 1), np.uint8),
            ),
            n,
            ph,
            sep,
        )
        > 0
    )
    on_border = wider & beside
    mark = ink & (~band | on_border)

    # Lines across the whole patch (grid lines, folds): only where a row or column is at
    # least half inked can there be one.
    iu0, iu1 = np.ceil(ul + hw), np.floor(ur - hw)
    iv0, iv1 = np.ceil(vt + hw), np.floor(vb - hw)
    pen_line = np.zeros(n, dtype=np.float32)
    erased = np.zeros(n, dtype=np.float32)
    wide = np.zeros(n, dtype=np.float32)  # a dark band across the patch: to a person
    # (three neighbouring rows together, as a line tilted by a few degrees spreads over them)
    # (a line crossing the box runs on under its printed border: there the border's sides
    # across the line count as covering it)
    across_c, across_r = _sides(ph, pw, (ul, ur, vt, vb), hw)
    mm = mosaic(mark.view(np.uint8), sep)
    mm_r = mosaic((mark | across_r).view(np.uint8), sep)
    mm_c = mosaic((mark | across_c).view(np.uint8), sep)
    cover_r = _share(unmosaic(cv2.dilate(mm_r, np.ones((5, 1), np.uint8)), n, ph, sep), 2)
    cover_c = _share(unmosaic(cv2.dilate(mm_c, np.ones((1, 5), np.uint8)), n, ph, sep), 1)
    span = cfg.fold_min_span_share
    bridges = np.zeros_like(mark)  # see `_erase_spanning_lines`
    for jj in np.flatnonzero((cover_r >= span).any(axis=1) | (cover_c >= span).any(axis=1)):
        j = int(jj)
        mark[j], erased[j], pen_line[j], wide[j] = _erase_spanning_lines(
            mark[j],
            d[j],
            # (a line is judged against the border's black; where the border could not be
            # measured, against the solid print's, not against the floor assumed for it)
            float(black[j]) if black[j] > cfg.min_black else max(page_black, cfg.min_black),
            (int(iu0[j]), int(iv0[j]), int(iu1[j]), int(iv1[j])),
            cfg,
            (cover_r[j].astype(np.float32), cover_c[j].astype(np.float32)),
            band[j],
            bridges[j],
        )

    # Dust, and ink that belongs to a box: inside it, or touching its border.
    # Hysteresis: a component is ink only if some of it is clearly dark (JPEG ringing and
    # paper texture are faint everywhere). Its mass (Σ darkness / solid black, mm²) is the same
    # at any blur, so a blurred speck stays a speck. Where it is is judged on its core (the
    # pixels at least ``shape_level`` of the box's darkest ink), so a blur halo does not touch.
    rows_in = (vv[:, :, 0] >= iv0[:, None]) & (vv[:, :, 0] <= iv1[:, None])  # (n, ph)
    cols_in = (uu[:, 0, :] >= iu0[:, None]) & (uu[:, 0, :] <= iu1[:, None])  # (n, pw)
    interior = rows_in[:, :, None] & cols_in[:, None, :]
    if erased.any():
        # (pieces of one stroke a faint line was erased between are one piece: labelled
        # across the bridges, which are no ink themselves)
        mm = mosaic((mark | bridges).view(np.uint8), sep)
    nc, labels_m = cv2.connectedComponents(mm, connectivity=8)
    labels = unmosaic(labels_m, n, ph, sep)
    # Labels are read at the pixels of sparse masks only, through their mosaic positions.
    lab_flat = labels_m.ravel()
    per, shift = ph * pw, sep * pw

    def labels_at(mask: Bool) -> tuple[NDArray[np.int32], NDArray[np.intp]]:
        idx = np.flatnonzero(mask)
        return lab_flat[idx + (idx // per) * shift], idx

    lab_on, on_idx = labels_at(mark)
    comp_box = np.zeros(nc, dtype=np.int64)  # the patch each component lies in
    comp_box[lab_on] = on_idx // per
    seeds = np.bincount(labels_at(seeded & mark)[0], minlength=nc)
    mass = np.bincount(lab_on, weights=d.ravel()[on_idx], minlength=nc) / (
        max(page_black, cfg.min_black) * s * s
    )
    top = np.ones(n, dtype=np.float32)
    ms = mark & seeded
    for j in range(n):
        vals = d[j][ms[j]]
        if vals.size:
            top[j] = quantile(vals, 0.9)
    core = mark & (d >= np.maximum(cfg.ink_darkness, cfg.shape_level * col3(top)))
    inside_counts = np.bincount(labels_at(core & interior)[0], minlength=nc)
    near_counts = np.bincount(labels_at(core & near)[0], minlength=nc)
    real = seeds > 0
    real[0] = False
    dust_c = real & (mass < cfg.dust_max_mm2)
    keep = real & ~dust_c & ((inside_counts >= 3) | (near_counts >= 2))
    lab_core, core_idx = labels_at(core)
    # A component hardly any of which reaches the core level is fainter than the box's
    # darkest ink. Beside a mark in the box (a ghost showing through, a pencil guide) it is
    # nothing; in a box with no other mark (the darkest ink a pen line outside it) it is judged
    # on all its pixels — on its core alone it would seem to lie nowhere and be dropped, and a
    # faint mark taken for nothing.
    weak = real & ~dust_c & ~keep
    apart = np.zeros(n, dtype=np.float64)  # (mm²: pale pieces of their own beside a mark)
    if weak.any():
        marked_box = np.zeros(n, dtype=bool)
        marked_box[comp_box[keep]] = True
        # (... but not one that lies in the box, as large as a stroke and fainter than its
        # mark: a grey pencil × beside a pen ○ is another mark, never the ○'s alone)
        pale_c = np.bincount(lab_core, minlength=nc) < cfg.weak_core_share * np.bincount(
            lab_on, minlength=nc
        )
        beside = weak & marked_box[comp_box] & pale_c
        if beside.any():
            beside &= np.bincount(labels_at(mark & interior)[0], minlength=nc) >= 3
            apart = np.bincount(comp_box[beside], weights=mass[beside], minlength=n).astype(
                np.float64
            )
        weak &= ~marked_box[comp_box] & pale_c
    if weak.any():
        weak &= (np.bincount(labels_at(mark & interior)[0], minlength=nc) >= 3) | (
            np.bincount(labels_at(mark & near)[0], minlength=nc) >= 2
        )
        keep |= weak
    outside = real & ~dust_c & ~keep
    mk = np.zeros(n * per, dtype=bool)
    mk[core_idx[keep[lab_core]]] = True
    if weak.any():
        mk[on_idx[weak[lab_on]]] = True
    mk = mk.reshape(n, ph, pw)
    dust_n = np.bincount(comp_box[dust_c], minlength=n)
    rings = _speck_rings(
        dust_c,
        dust_n,
        lab_on,
        on_idx,
        mass,
        (ul, ur, vt, vb),
        (n, ph, pw),
        cfg,
    )
    area = np.bincount(comp_box[keep], weights=mass[keep], minlength=n)
    fill = (mk & interior).sum(axis=(1, 2)) / np.maximum(
        1, rows_in.sum(axis=1) * cols_in.sum(axis=1)
    )
    out_boxes = set(comp_box[outside].tolist())
    # Each mark's first and last row and column (for its crop), all boxes at once.
    rows_any: Bool = np.asarray(mk.any(axis=2))
    cols_any: Bool = np.asarray(mk.any(axis=1))
    spans = [
        (int(a), ph - 1 - int(b), int(c), pw - 1 - int(e)) if has else None
        for a, b, c, e, has in zip(
            rows_any.argmax(axis=1),
            rows_any[:, ::-1].argmax(axis=1),
            cols_any.argmax(axis=1),
            cols_any[:, ::-1].argmax(axis=1),
            np.asarray(rows_any.any(axis=1)).tolist(),
            strict=True,
        )
    ]
    solid_black = max(page_black, cfg.min_black)

    results: list[BoxReading] = []
    # (on_border lies in the band; the recorded values rounded per array, not per value)
    on_border_r = np.round(on_border.sum(axis=(1, 2)) / (s * s), 3).tolist()
    erased_l, dust_l = erased.astype(np.float64).tolist(), dust_n.astype(np.float64).tolist()
    pen_r = np.round(pen_line.astype(np.float64), 3).tolist()
    area_l = area.astype(np.float64).tolist()
    area_r = np.round(area.astype(np.float64), 3).tolist()
    fill_r = np.round(fill.astype(np.float64), 4).tolist()
    for j in range(n):
        sc = scores[j]
        sc["on_border_mm2"] = on_border_r[j]
        sc["lines_erased"] = erased_l[j]
        if pen_line[j]:
            sc["pen_line"] = pen_r[j]
        if wide[j]:
            sc["dark_band_mm"] = round(float(wide[j]), 2)
        sc["dust"] = dust_l[j]
        if j in rings:
            sc["speck_ring_mm2"] = rings[j]
        area_mm2 = area_l[j]
        sc["ink_mm2"] = area_r[j]
        sc["fill_share"] = fill_r[j]
        if apart[j]:
            sc["paler_apart_mm2"] = round(float(apart[j]), 3)
        # Ink around the box that does not reach inside: does it encircle the box?
        enclosing = 0.0
        bowed = False
        if j in out_boxes:
            outs = outside & (comp_box == j)
            oy, ox = np.nonzero(outs[labels[j]] & core[j])
            enclosing = _angles_covered(
                ox.astype(np.float32),
                oy.astype(np.float32),
                float(ul[j] + ur[j]) / 2,
                float(vt[j] + vb[j]) / 2,
                0.3 * float(min(ur[j] - ul[j], vb[j] - vt[j])),
            )
            sc["outside_mm2"] = round(float(mass[outs].sum()), 3)
            sc["outside_cover"] = round(enclosing, 3)
            # (a ○ drawn round the box wide of it shows here only in arcs: not one straight
            # line, as a slip of the pen beside the box is)
            bowed = enclosing >= cfg.outside_arc_min_cover and not _one_line(ox, oy, s, cfg)
        if area_mm2 < cfg.empty_max_mm2:
            if enclosing >= 0.6 or bowed:
                results.append(BoxReading(Call.UNCLEAR, Why.OUTSIDE, sc))
            elif pen_line[j] or wide[j]:
                results.append(BoxReading(Call.UNCLEAR, Why.LINE, sc))
            elif j in rings:  # a faint ○ broken into specks: a person looks
                results.append(BoxReading(Call.UNCLEAR, Why.FAINT, sc))
            else:
                results.append(BoxReading(Call.EMPTY, Why.NONE, sc))
            continue
        results.append(
            _examine(
                mk[j],
                d[j],
                band[j],
                float(black[j]),
                solid_black,
                float(fill[j]),
                area_mm2,
                bool(pen_line[j] or wide[j]),
                (float(ul[j]), float(ur[j]), float(vt[j]), float(vb[j])),
                sc,
                cfg,
                spans[j],
                None if fine is None else functools.partial(fine, j),
            )
        )
    return results


def fitted_line(
    xs: NDArray[Any], ys: NDArray[Any]
) -> tuple[tuple[float, float, float, float], NDArray[np.float64]] | None:
    """The straight line through points (direction, a point on it: `cv2.fitLine`) and each
    point's distance from it; None for fewer than three points or no line."""
    if len(xs) < 3:
        return None
    pts = np.stack([xs, ys], axis=1).astype(np.float32)
    vx, vy, cx, cy = (float(v) for v in cv2.fitLine(pts, cv2.DIST_L2, 0, 0.01, 0.01).ravel())
    if math.isnan(vx):
        return None
    off: NDArray[np.float64] = np.abs((xs - cx) * vy - (ys - cy) * vx)
    return (vx, vy, cx, cy), off


def _one_line(xs: NDArray[np.intp], ys: NDArray[np.intp], s: float, cfg: RecognitionConfig) -> bool:
    """Do the pixels (``s`` px per mm) lie on one straight line, nine in ten of them within
    ``outside_line_mm`` of it?"""
    fit = fitted_line(xs, ys)
    return fit is None or bool(np.quantile(fit[1], 0.9) <= cfg.outside_line_mm * s)


def _fine_peaks(
    finer: Finer,
    hmat: NDArray[np.float64],
    origins: NDArray[np.float64],
    pw: int,
    ph: int,
    cfg: RecognitionConfig,
) -> FinePeak:
    """The stroke darkness of a mark in box k (patches ``pw`` × ``ph`` at ``origins``, layout
    mm) measured as on the working image (the darkest within 3 × 3 pixels, the median along
    the mark), on ``finer``'s image: each working pixel of the mark looked at where its
    centre falls there, against that box's own paper white there."""
    s = cfg.patch_px_per_mm

    def peak(k: int, mark: Bool, y0: int, x0: int) -> float | None:
        fine = finer()
        if fine is None:
            return None
        f = fine.factor
        c = (f - 1) / 2  # (a reduced pixel's centre, in the finer image's pixels)
        to_fine = np.array([[f, 0.0, c], [0.0, f, c], [0.0, 0.0, 1.0]]) @ hmat
        patch = sample_many(fine.gray, to_fine, origins[k : k + 1], pw * f, ph * f, s * f)[0]
        if fine.bilevel:
            d = _solid_strokes(patch, s * f, cfg)
        else:
            white = max(quantile(patch[::2, ::2], 0.9), 1.0)
            d = np.clip((white - patch.astype(np.float32)) / white, 0.0, 1.0)
        ridge = cv2.dilate(d, _SQUARE3)
        ys, xs = np.nonzero(mark)
        return quantile(ridge[f * (ys + y0), f * (xs + x0)], 0.5)

    return peak


def _shadow_reread(
    d: F32,
    band: Bool,
    unsure: list[int],
    done: list[BoxReading],
    args: tuple[F32, tuple[F32, F32, F32, F32], F32, F32, float],
    base: list[dict[str, float]],
    cfg: RecognitionConfig,
    widths: tuple[int, int],
    runs_on: RunsOn,
) -> list[BoxReading]:
    """``done`` with each box of ``unsure`` that lies in a shadow read again with the
    shadow divided out (see `_shadow_divided`). A pale band across the box that does not
    run on across the page beyond it (``runs_on``: a highlighter's or a broad pen's stroke
    that ends near the box, not a fold's shadow) is a mark there: the box stays with a
    person, never read as what is left with the band divided out."""
    col, (ul, ur, vt, vb), hw, black, page_black = args
    picked, flats, shades = [], [], []
    out = list(done)
    for m in unsure:
        inner = (float(ul[m]), float(ur[m]), float(vt[m]), float(vb[m]), float(hw[m]))
        got = _shadow_divided(d[m], inner, float(black[m]), cfg, functools.partial(runs_on, m))
        if isinstance(got, float):  # a band that ends near the box
            r0 = done[m]
            why = r0.why if r0.call is Call.UNCLEAR else Why.SHAPE
            out[m] = BoxReading(Call.UNCLEAR, why, {**r0.scores, "band_ends": round(got, 3)})
        elif got is not None:
            picked.append(m)
            flats.append(got[0])
            shades.append(got[1])
    if not picked:
        return out
    p = np.array(picked)
    flat = np.stack(flats)
    again = _read_inked(
        flat,
        band[p],
        flat >= cfg.seed_darkness,
        col[p],
        (ul[p], ur[p], vt[p], vb[p]),
        hw[p],
        black[p],
        page_black,
        [base[m] | {"shadow": round(sh, 3)} for m, sh in zip(picked, shades, strict=True)],
        cfg,
        widths,
    )
    for m, r in zip(picked, again, strict=True):
        out[m] = r
    return out


def _band_runs_on(
    gray: Gray,
    hmat: NDArray[np.float64],
    origins: NDArray[np.float64],
    white: F32,
    size: tuple[int, int],
    cfg: RecognitionConfig,
) -> RunsOn:
    """For the patches at ``origins`` (layout mm, ``size`` px at ``patch_px_per_mm``, of
    paper white ``white``): how much of a band across patch ``m`` — ``prof``, its darkness
    across the patch's columns (``axis`` 0: a band down the page) or rows (1: along it) —
    the page shows beyond the box on both sides, along the band, from
    ``shadow_runs_on_gap_mm`` to ``shadow_runs_on_mm`` past the patch: the smaller share of
    the two sides (0–1), None when neither side lies on the image.

    There the paper's darkness along the band is its ``shadow_paper_quantile`` (a name's
    strokes, a box's lines, a rule across are no band), over ``shadow_min_mm`` wide, let
    shift by ``shadow_tilt_mm`` (a fold not quite square with the sheet). A fold's shadow, a
    dim side, runs on over the cell and the next ones; a stroke drawn through the box ends
    a few mm past it, and there is paper."""
    s = cfg.patch_px_per_mm
    pw, ph = size
    gap, far = cfg.shadow_runs_on_gap_mm, cfg.shadow_runs_on_mm
    length = far - gap
    k = max(3, round(cfg.shadow_min_mm * s) | 1)
    tilt = max(1, round(cfg.shadow_tilt_mm * s)) * 2 + 1
    gh, gw = gray.shape
    hm = hmat.astype(np.float64)

    def on_image(x0: float, y0: float, w_mm: float, h_mm: float) -> bool:
        mm = np.array([[[x0, y0]], [[x0 + w_mm, y0]], [[x0, y0 + h_mm]], [[x0 + w_mm, y0 + h_mm]]])
        at = cv2.perspectiveTransform(mm, hm).reshape(-1, 2)
        return bool((at.min() >= 0) & (at[:, 0].max() < gw - 1) & (at[:, 1].max() < gh - 1))

    def share(m: int, axis: int, prof: F32) -> float | None:
        ox, oy = float(origins[m, 0]), float(origins[m, 1])
        wpatch, hpatch = pw / s, ph / s
        if axis == 0:  # above and below the patch
            strips = [(ox, oy - far, wpatch, length), (ox, oy + hpatch + gap, wpatch, length)]
        else:  # left and right of it
            strips = [(ox - far, oy, length, hpatch), (ox + wpatch + gap, oy, length, hpatch)]
        core = prof >= 0.5 * float(prof.max(initial=0.0))
        near = float(prof[core].mean()) if core.any() else 0.0
        if near <= 0:
            return None
        w0 = max(float(white[m].max()), 1.0)
        got: list[float] = []
        for x0, y0, w_mm, h_mm in strips:
            if not on_image(x0, y0, w_mm, h_mm):
                continue
            strip = sample(gray, hmat, x0, y0, w_mm, h_mm, s).astype(np.float32)
            dk = np.clip((w0 - strip) / w0, 0.0, 1.0)
            line = np.quantile(dk, cfg.shadow_paper_quantile, axis=axis).astype(np.float32)
            n = len(prof)
            line = cv2.resize(line[None, :], (n, 1), interpolation=cv2.INTER_LINEAR)
            broad = cv2.morphologyEx(line, cv2.MORPH_OPEN, np.ones((1, k), np.uint8))
            wide = cv2.dilate(broad, np.ones((1, tilt), np.uint8))[0]
            got.append(min(1.0, float(np.minimum(wide, prof)[core].mean()) / near))
        return min(got) if got else None

    return share


def _shadow_divided(
    d: F32,
    inner: tuple[float, float, float, float, float],
    black: float,
    cfg: RecognitionConfig,
    runs_on: Callable[[int, F32], float | None] | None = None,
) -> tuple[F32, float] | float | None:
    """The patch's darkness with a shadow across it divided out (阴影): the shadow a fold
    casts beside its crease, the dim side of a sheet that did not lie flat; with the darkest
    shadow divided out. None when there is none; the band's darkness (a float) when there
    is a band across the box that ``runs_on`` (axis, the band's profile across the patch:
    how much of it is found far beyond the box, 0–1) says ends near the box — a stroke of
    a highlighter or a broad pen, no shadow.

    A shadow across the box runs on across the paper around it: the paper's darkness along
    each column (row) is measured above the box and below it (left of it and right of it),
    a low quantile on each side, the lighter of the two (a mark reaching out of the box on
    one side is no shadow). Only its broad part is divided out: the opening over
    ``shadow_min_mm`` removes every narrower dark line, so a pen stroke or a crease line stays
    in the picture to be judged as it was (a faint crease is erased as a fold, a dark line
    sends the box to a person). A "shadow" as dark as a pen stroke (``strong_rel`` of the
    printed black) is no shadow: nothing is divided and the box stays with a person."""
    ph, pw = d.shape
    ul, ur, vt, vb, hw = inner
    k = max(3, round(cfg.shadow_min_mm * cfg.patch_px_per_mm) | 1)
    q = cfg.shadow_paper_quantile
    out, darkest = d, 0.0
    for axis in (0, 1):  # 0: a shadow down the columns (a vertical fold); 1: along the rows
        lo, hi = (vt, vb) if axis == 0 else (ul, ur)
        n = ph if axis == 0 else pw
        a, b = math.floor(lo - hw) - 1, math.ceil(hi + hw) + 2
        if a < 4 or n - b < 4:
            continue
        img = out if axis == 0 else out.T
        prof = np.minimum(np.quantile(img[:a], q, axis=0), np.quantile(img[b:], q, axis=0)).astype(
            np.float32
        )
        broad = cv2.morphologyEx(prof[None, :], cv2.MORPH_OPEN, np.ones((1, k), np.uint8))[0]
        top = float(broad.max(initial=0.0))
        if top < cfg.shadow_min_darkness:
            continue
        if top >= cfg.strong_rel * black:
            return None
        if runs_on is not None:
            # A fold's shadow, a dim side, run on across the sheet, over the cell and the
            # next ones; a stroke drawn through the box ends a few mm past it.
            share = runs_on(axis, broad)
            if share is None or share < cfg.shadow_runs_on_share:
                return top
        light = (1.0 - broad)[None, :]
        flat = np.clip(1.0 - (1.0 - img) / light, 0.0, 1.0).astype(np.float32)
        out = flat if axis == 0 else np.ascontiguousarray(flat.T)
        darkest = max(darkest, top)
    return (out, darkest) if darkest > 0 else None


def _solid_strokes(patch: Gray, s: float, cfg: RecognitionConfig) -> F32:
    """A black-and-white scan's own pixels (``s`` px/mm): 1 where they belong to a solid
    stroke — black pixels joined side by side (4-connected) over at least
    ``fine_solid_mm`` — else 0. A pen line the scanner's threshold kept is such a stroke
    however thin; a pencil stroke it dithered into dots is not (its dots touch at corners
    or not at all, until it is as dark as a pen's)."""
    black = (patch < 128).view(np.uint8)
    _, labels, stats, _ = cv2.connectedComponentsWithStats(black, connectivity=4)
    long: Bool = np.asarray(np.maximum(stats[:, 2], stats[:, 3]) >= cfg.fine_solid_mm * s)
    long[0] = False  # (the background)
    return cast(F32, long[labels].astype(np.float32))


def _examine(
    mk: Bool,
    d: F32,
    band: Bool,
    black: float,
    solid_black: float,
    inner_share: float,
    area_mm2: float,
    pen_line: bool,
    edges: tuple[float, float, float, float],
    scores: dict[str, float],
    cfg: RecognitionConfig,
    span: tuple[int, int, int, int] | None,
    fine: Callable[[Bool, int, int], float | None] | None = None,
) -> BoxReading:
    """One box's mark: strong enough, big enough, solid, then its shape. ``span``: the
    mark's first and last row and column (None: no mark pixel). ``fine``: the stroke's
    darkness on a finer image of the page (the mark's pixels in the crop, its top row and
    left column), looked at when it reads faint on this one."""
    s = cfg.patch_px_per_mm
    ph, pw = mk.shape
    ul, ur, vt, vb = edges
    if span is None:
        scores["strength"] = scores["strength_abs"] = 0.0
        return BoxReading(Call.UNCLEAR, Why.FAINT, scores)
    # The mark's own neighbourhood: the rest is measured there (cheaper than the patch).
    pad = 2
    y0, y1 = max(0, span[0] - pad), min(ph, span[1] + pad + 1)
    x0, x1 = max(0, span[2] - pad), min(pw, span[3] + pad + 1)
    crop = np.ascontiguousarray(mk[y0:y1, x0:x1])
    crop8 = crop.view(np.uint8)
    # The stroke's own darkness: along it, the darkest across it (3×3), typical value. An
    # overlap or a blot darker than the rest does not make a faint stroke strong.
    ridge = cv2.dilate(np.ascontiguousarray(d[y0:y1, x0:x1]), _SQUARE3)
    peak = quantile(ridge[crop], 0.5)
    strength = peak / black
    scores["strength"] = round(strength, 3)
    scores["strength_abs"] = round(peak / solid_black, 3)
    if strength < cfg.strong_rel or peak < cfg.strong_abs * solid_black:
        # A fine pen's line a pixel wide here is paled by the reduction: where the page was
        # scanned finer, it is looked at there. A stroke that is faint there too stays faint.
        fine_peak = fine(crop, y0, x0) if fine and strength >= cfg.fine_min_strength else None
        if fine_peak is None:
            return BoxReading(Call.UNCLEAR, Why.FAINT, scores)
        scores["strength_fine"] = round(fine_peak / black, 3)
        scores["strength_abs_fine"] = round(fine_peak / solid_black, 3)
        if fine_peak < cfg.strong_rel * black or fine_peak < cfg.strong_abs * solid_black:
            return BoxReading(Call.UNCLEAR, Why.FAINT, scores)
    elif fine is not None and peak < cfg.page_paler_max * solid_black:
        # (strong, yet short of the page's paler-mark line: a fine pen's line the reduction
        # paled reads so too — its darkness on the finer image as well, for the look at marks
        # paler than the page's others, `paler_than_page`: a 2-px black line beside a 6-px
        # one is no fainter mark)
        fine_peak = fine(crop, y0, x0)
        if fine_peak is not None:
            scores["strength_abs_fine"] = round(fine_peak / solid_black, 3)
    if pen_line:
        return BoxReading(Call.UNCLEAR, Why.LINE, scores)
    extent_mm = max(span[1] - span[0], span[3] - span[2]) / s
    if area_mm2 < cfg.mark_min_mm2 and extent_mm < cfg.dot_max_mm:
        return BoxReading(Call.UNCLEAR, Why.DOT, scores)
    # Broken strokes (pencil on a black-and-white scan, a dotted line): closing the gaps
    # between the pieces adds much; a pen stroke is already solid.
    kk = max(3, round(cfg.solid_close_mm * s) | 1)
    closed = cv2.morphologyEx(
        cv2.copyMakeBorder(crop8, kk, kk, kk, kk, cv2.BORDER_CONSTANT, value=0),
        cv2.MORPH_CLOSE,
        _disc(kk),
    )
    closed_area = int(np.count_nonzero((closed[kk:-kk, kk:-kk] > 0) & ~band[y0:y1, x0:x1]))
    # The mark's pixels (x, y), in the order of np.nonzero (row by row).
    pts = cast(NDArray[np.int32], cv2.findNonZero(crop8))
    solidity = float(len(pts)) / max(1, closed_area)
    scores["solidity"] = round(solidity, 3)
    if solidity < cfg.min_solidity:
        return BoxReading(Call.UNCLEAR, Why.FAINT, scores)
    inner = (ul - x0, vt - y0, ur - x0, vb - y0)
    crop_band = band[y0:y1, x0:x1]
    first: tuple[dict[str, float], Call, Why] | None = None
    if inner_share <= cfg.fill_max_share:
        shape = _shape(crop, pts, s, inner, crop_band, cfg)
        call, why = _decide(shape, cfg)
        if call in (Call.CIRCLE, Call.CROSS):
            # (a broad pen's clear ○ or × may carry a finer pen's stroke its shape hardly
            # shows: a line struck across a marker's ×)
            broad = shape.get("stroke_mm", 0.0) * s
            thin_ = _thinned(crop8, broad, s, cfg) if broad > cfg.broad_stroke_mm * s else None
            finer = 0.0 if thin_ is None else _finer_strokes(crop8, thin_, broad, s, cfg, inner)
            if finer:
                scores["broad_stroke_mm"] = round(broad / s, 2)
                scores["finer_stroke_mm"] = round(finer, 2)
                return _shaped(shape, Call.UNCLEAR, Why.FINER, scores)
            return _shaped(shape, call, why, scores)
        first = (shape, call, why)
    # Not a clear ○ or ×: a broad pen's mark (a felt-tip, a marker) is measured again on its
    # strokes thinned to a pen's width — its ○ is a ○ with a hole, not a fill; its × two lines.
    width = first[0]["stroke_mm"] * s if first and "stroke_mm" in first[0] else _stroke_width(crop)
    thin = _thinned(crop8, width, s, cfg)
    if thin is None:
        return BoxReading(Call.MARK, Why.FILL, scores) if first is None else _shaped(*first, scores)
    kept = cast(NDArray[np.int32], cv2.findNonZero(thin))
    scores["broad_stroke_mm"] = round(width / s, 2)
    finer = _finer_strokes(crop8, thin, width, s, cfg, inner)
    if finer:
        # (a pen's × over a marker's ○, a slash through it: thinned away with the broad
        # strokes, the ○ was left clean and read as agree — two pens, a person decides)
        scores["finer_stroke_mm"] = round(finer, 2)
        return BoxReading(Call.UNCLEAR, Why.FINER, scores)
    if inner_share * len(kept) / max(1, len(pts)) > cfg.fill_max_share:
        return BoxReading(Call.MARK, Why.FILL, scores)
    # (a broad pen's strokes thinned are no pen's line: straight lines only there)
    shape = _shape(thin.view(bool), kept, s, inner, crop_band, cfg, bowed_ok=False)
    return _shaped(shape, *_decide(shape, cfg), scores)


def _shaped(shape: dict[str, float], call: Call, why: Why, scores: dict[str, float]) -> BoxReading:
    """The reading of a measured mark, its shape measures rounded into its scores."""
    rounded = np.round(np.fromiter(shape.values(), np.float64, len(shape)), 4).tolist()
    scores.update(zip(shape, rounded, strict=True))
    return BoxReading(call, why, scores)


def _thinned(
    mark: NDArray[np.uint8], width: float, s: float, cfg: RecognitionConfig
) -> NDArray[np.uint8] | None:
    """A broad pen's mark (0/1, strokes ``width`` px wide) eroded to about
    ``cfg.broad_target_mm``; None when its strokes are a pen's width already, when it is no
    stroke at all (wider than ``broad_stroke_max_mm``: a blot, a fill) or when thinning would
    take most of it away (a blob, not strokes)."""
    if not cfg.broad_stroke_mm * s < width <= cfg.broad_stroke_max_mm * s:
        return None
    r = min(round((width - cfg.broad_target_mm * s) / 2), round(cfg.broad_max_thin_mm * s))
    if r < 1:
        return None
    thin = cast(
        NDArray[np.uint8],
        cv2.erode(mark, _disc(2 * r + 1), borderType=cv2.BORDER_CONSTANT, borderValue=0),
    )
    kept = cv2.countNonZero(thin)
    return thin if kept >= 0.25 * cv2.countNonZero(mark) else None


def _finer_strokes(
    mark: NDArray[np.uint8],
    thin: NDArray[np.uint8],
    width: float,
    s: float,
    cfg: RecognitionConfig,
    inner: tuple[float, float, float, float],
) -> float:
    """In a broad pen's mark (0/1, strokes ``width`` px wide) and its strokes ``thin``ned
    (`_thinned`), strokes of a finer pen the thinning took away whole: what of the mark lies
    beyond the thinned strokes grown back, inside the box (``inner``: its inner edges in the
    crop, px), in pieces at least ``finer_stroke_min_mm`` long — the longest (mm), or 0. A
    broad stroke's own ends and corners grow back; a pen's line across a marker's ○ does
    not. (Outside the box a big ×'s arms are cut by the printed border into pieces too short
    to outlast the thinning: not looked at.)"""
    # (grown back as far as `_thinned` took them in, and a pixel: the broad strokes again)
    r = min(round((width - cfg.broad_target_mm * s) / 2), round(cfg.broad_max_thin_mm * s))
    grow = max(1, r + 1)
    back = cv2.dilate(thin, _disc(2 * grow + 1)) > 0
    rest = (mark > 0) & ~back
    u0, v0, u1, v1 = (round(v) for v in inner)
    box = np.zeros(rest.shape, bool)
    box[max(0, v0 + 1) : max(0, v1), max(0, u0 + 1) : max(0, u1)] = True
    rest8 = cast(NDArray[np.uint8], (rest & box).view(np.uint8))
    if cv2.countNonZero(rest8) < cfg.finer_stroke_min_mm * s:
        return 0.0
    count, _labels, stats, _ = cv2.connectedComponentsWithStats(rest8, connectivity=8)
    longest = 0.0
    for j in range(1, count):
        bw, bh = int(stats[j, cv2.CC_STAT_WIDTH]), int(stats[j, cv2.CC_STAT_HEIGHT])
        longest = max(longest, math.hypot(bw, bh) / s)
    return longest if longest >= cfg.finer_stroke_min_mm else 0.0


def _shape(
    mk: Bool,
    pts: NDArray[np.int32],
    s: float,
    inner: tuple[float, float, float, float],
    band: Bool,
    cfg: RecognitionConfig,
    bowed_ok: bool = True,
) -> dict[str, float]:
    """Shape measures of the mark pixels ``mk`` (crop px, listed in ``pts`` as
    `cv2.findNonZero` gives them; lengths returned in mm).

    ``band`` is the printed border there: mark pixels on it restore the stroke's continuity
    (holes, coverage) but are left out of the fits (a border segment is straight).
    The commonest marks are settled early: a clean ○ by its closed hole and its ellipse, a
    clean × by its two lines; everything else gets every measure.
    """
    out: dict[str, float] = {}
    xs, ys = pts[:, 0, 0], pts[:, 0, 1]
    xf, yf = xs.astype(np.float32), ys.astype(np.float32)
    off = ~band[ys, xs]
    xo, yo, fit = xf[off], yf[off], pts[off]
    if xo.size < 6:
        xo, yo, fit = xf, yf, pts
    ul, vt, ur, vb = inner
    # The hull of each row's outermost pixels is the hull of them all (and far cheaper).
    ends = np.flatnonzero(ys[1:] != ys[:-1])
    hull = cv2.convexHull(np.concatenate([pts[:1], pts[ends], pts[ends + 1], pts[-1:]]))
    hull_area = max(1.0, float(cv2.contourArea(hull)))
    out["hull_density"] = float(len(xs)) / hull_area
    # Closed holes: background the ink cuts off from the crop's edge (4-connected).
    _, _, bstats, bcent = cv2.connectedComponentsWithStats((~mk).view(np.uint8), connectivity=4)
    h, w = mk.shape
    min_hole = cfg.hole_min_mm2 * s * s
    # (a few components: plain Python is quicker than array operations here)
    holes = [
        (a, k)
        for k, (x, y, bw, bh, a) in enumerate(bstats.tolist())
        if k > 0 and x > 0 and y > 0 and x + bw < w and y + bh < h and a >= min_hole
    ]
    out["holes"] = float(len(holes))
    out["hole_share"] = float(max(holes)[0]) / hull_area if holes else 0.0
    if holes:
        area, big = max(holes, key=lambda ak: ak[0])  # the first of the largest
        if _clean_circle(
            out,
            xf,
            yf,
            xo,
            yo,
            fit,
            float(area),
            float(bcent[big][0]),
            float(bcent[big][1]),
            inner,
            s,
            cfg,
        ):
            return out
    # Straight lines (the SDAPS test).
    width = _stroke_width(mk)
    lb = max(cfg.line_band_mm * s, width * 0.75)
    # (the ink on the printed border is left out of the fits, but not out of the count of
    # what they leave: a ○ drawn round a × along the border lies there)
    aside = (xf[~off], yf[~off]) if xo.size < xf.size else None
    near = cfg.cross_ring_reach_mm * s
    # (a blot where the lines cross is told from a small ○'s arcs beyond it: `_line_pair`)
    blot = cfg.cross_ring_blot_margin * width
    out.update(
        _in_mm(
            _line_pair(
                xo,
                yo,
                lb,
                cfg.line_bow_share,
                width=width,
                aside=aside,
                centre_reach=near,
                mask=mk,
                core_margin=blot,
            ),
            s,
            inner,
            "cross_in_box",
        )
    )
    out["stroke_mm"] = width / s
    if _cross_like(out, cfg) and out["holes"] == 0:
        return out  # a clean ×: nothing round to measure
    if bowed_ok and out["holes"] == 0 and cfg.cross_max_bow_share > 0:
        # A hand's × drawn in two bowed strokes: its lines followed as they bow — a second
        # chance, so held to stricter margins than the first (its two lines alike in ink,
        # crossing well inside both, near the diagonals).
        bowed = _line_pair(
            xo,
            yo,
            lb,
            cfg.line_bow_share,
            width=width,
            bent=cfg.cross_max_bow_share,
            aside=aside,
            centre_reach=near,
            mask=mk,
            core_margin=blot,
        )
        trial = {k: v for k, v in out.items() if k not in _LINE_KEYS}
        trial.update(_in_mm(bowed, s, inner, "cross_in_box"))
        if (
            _cross_like(trial, cfg)
            and min(trial.get("line1_share", 0.0), trial.get("line2_share", 0.0))
            >= cfg.cross_bowed_min_line_share
            and trial.get("cross_end_share", 0.0) >= cfg.cross_bowed_min_end_share
            and trial.get("diag_dev", 90.0) <= cfg.cross_bowed_max_diagonal_dev_deg
        ):
            trial["bowed_lines"] = 1.0
            return trial
    # Hull hole: also sees a ○ left open by a small gap.
    hull_mask = np.zeros(mk.shape, dtype=np.uint8)
    cv2.fillConvexPoly(hull_mask, hull, 1)
    hn, hlabels, hstats = _components((hull_mask > 0) & ~mk, 4)
    if hn > 1:
        hb = 1 + int(np.argmax(hstats[1:, 4]))
        area = float(hstats[hb][4])
        hy, hx = np.nonzero(hlabels == hb)
        hcx, hcy = float(hx.mean()), float(hy.mean())
    else:
        area, hcx, hcy = 0.0, float(xf.mean()), float(yf.mean())
    out["hull_hole_share"] = area / hull_area
    r_eq = math.sqrt(area / math.pi) if area > 0 else 0.0
    out["hole_diameter_mm"] = 2 * r_eq / s
    out["centre_in_box"] = float(ul <= hcx <= ur and vt <= hcy <= vb)
    if r_eq > 0:
        disc = (xf - hcx) ** 2 + (yf - hcy) ** 2 <= (0.45 * r_eq) ** 2
        out["centre_ink"] = float(disc.sum()) / max(1.0, math.pi * (0.45 * r_eq) ** 2)
    else:
        out["centre_ink"] = 1.0
    least_hole = min(cfg.circle_min_hole_share, cfg.circle_small_min_hole_share)
    if out["hull_hole_share"] >= least_hole and xo.size >= 6:
        # Only something with a hole can be a ○: fit it.
        inked = _directions(xf, yf, hcx, hcy, 0.3 * r_eq)
        out["coverage"] = float(np.count_nonzero(inked)) / inked.size
        (ex, ey), (ea, eb), eang = cv2.fitEllipse(fit)
        rho = _ellipse_rho(xo, yo, ex, ey, ea, eb, eang)
        out["ring_fit"], out["ring_rms"] = _ring_fit(rho, cfg.circle_ring_tolerance)
        out["ring_fit_thick"], out["ring_rms_thick"] = _thick_ring(
            rho, out["ring_rms"], width, ea, eb, cfg.circle_ring_tolerance
        )
        out["ring_corners"] = _ring_corners(xo, yo, rho, ex, ey, ea, eb, eang)
        # Directions where the ○ may run hidden under the printed border: the border runs
        # there along the fitted ellipse.
        by, bx = np.nonzero(band & ~mk)
        brho = _ellipse_rho(bx.astype(np.float32), by.astype(np.float32), ex, ey, ea, eb, eang)
        on = np.abs(brho - 1) <= cfg.circle_ring_tolerance / 2
        hidden = _directions(
            np.concatenate([xf, bx[on].astype(np.float32)]),
            np.concatenate([yf, by[on].astype(np.float32)]),
            hcx,
            hcy,
            0.3 * r_eq,
        )
        out["coverage_border"] = _bridged(inked, hidden)
    return out


#: What `_line_pair` measures (and `_in_mm` adds): the straight lines' measures are left
#: out of a reading of the same mark's lines followed as they bow.
_LINE_KEYS = frozenset(
    {
        "line_residual",
        "line1_share",
        "line2_share",
        "line1_mm",
        "line2_mm",
        "line_gap",
        "line_fat",
        "line3_share",
        "line3_mm",
        "line3_fat",
        "line_residual3",
        "line_angle",
        "diag_dev",
        "diag_turn",
        "cross_end_share",
        "cross_in_box",
        "line_residual_all",
        "crossing_ring",
        "crossing_ring_beyond",
        "crossing_core_mm",
        "line3_arm_angle",
        "line3_arm_gap_mm",
        "line3_reach_mm",
        "line3_from_end_mm",
        "line3_from_cross_mm",
    }
)
#: `_third_on_arm`'s lengths (px; `_in_mm` gives them in mm, as ``…_mm``).
_THIRD_ON_ARM = ("line3_arm_gap", "line3_reach", "line3_from_end", "line3_from_cross")


def _in_mm(
    lines: dict[str, float], s: float, inner: tuple[float, float, float, float], key: str
) -> dict[str, float]:
    """`_line_pair`'s measures with lengths in mm (``s`` px per mm) and, where the lines
    cross, whether that is in the box (``inner``, give or take a millimetre) as ``key``."""
    out = dict(lines)
    for k in ("line1_mm", "line2_mm", "line3_mm"):
        if k in out:
            out[k] /= s
    for k in _THIRD_ON_ARM:
        if k in out:
            out[k + "_mm"] = out.pop(k) / s
    if "crossing_core" in out:
        out["crossing_core_mm"] = out.pop("crossing_core") / s
    if "cross_x" in out:
        cx, cy = out.pop("cross_x"), out.pop("cross_y")
        ul, vt, ur, vb = inner
        out[key] = float(ul - s <= cx <= ur + s and vt - s <= cy <= vb + s)
    return out


def _clean_circle(
    out: dict[str, float],
    xf: F32,
    yf: F32,
    xo: F32,
    yo: F32,
    fit: NDArray[np.int32],
    area: float,
    hcx: float,
    hcy: float,
    inner: tuple[float, float, float, float],
    s: float,
    cfg: RecognitionConfig,
) -> bool:
    """A closed hole, nothing in its middle, ink on an ellipse all round: a ○ without doubt.

    Fills ``out`` with what it measured; True when the mark is such a ○ (with margins
    stricter than the general test's, so nothing near a boundary is settled here).
    """
    ul, vt, ur, vb = inner
    r_eq = math.sqrt(area / math.pi)
    out["hull_hole_share"] = out["hole_share"]
    out["hole_diameter_mm"] = 2 * r_eq / s
    out["centre_in_box"] = float(ul <= hcx <= ur and vt <= hcy <= vb)
    disc = (xf - hcx) ** 2 + (yf - hcy) ** 2 <= (0.45 * r_eq) ** 2
    out["centre_ink"] = float(disc.sum()) / max(1.0, math.pi * (0.45 * r_eq) ** 2)
    if (
        out["hole_share"] < cfg.circle_min_hole_share + 0.1
        or out["centre_ink"] > 0
        or not out["centre_in_box"]
        or out["hole_diameter_mm"] < cfg.circle_min_diameter_mm + 0.5
        or xo.size < 6
    ):
        return False
    (ex, ey), (ea, eb), eang = cv2.fitEllipse(fit)
    rho = _ellipse_rho(xo, yo, ex, ey, ea, eb, eang)
    out["ring_fit"], out["ring_rms"] = _ring_fit(rho, cfg.circle_ring_tolerance)
    out["ring_corners"] = _ring_corners(xo, yo, rho, ex, ey, ea, eb, eang)
    out["coverage"] = out["coverage_border"] = 1.0  # a closed hole: ink all round
    if (
        out["ring_rms"] > cfg.circle_max_ring_rms - 0.04
        or out["ring_fit"] < 0.95
        or out["ring_corners"] > cfg.circle_max_corners - 0.01
    ):
        return False
    out["clean_circle"] = 1.0
    return True


def _thick_ring(
    rho: F32, rms: float, width: float, ea: float, eb: float, tolerance: float
) -> tuple[float, float]:
    """A ring's fit and spread (`_ring_fit`) allowing for its own stroke (``width`` px; the
    fitted ellipse's axes ``ea``, ``eb`` px): a stroke spanning ±t of the radius spreads the
    points over ±t, an RMS of t/√3, however round the ring is. A small ○ drawn with a broad
    pen is such a thick ring. (share of the points within ``tolerance`` or t + 0.15 of the
    ellipse, whichever is wider; RMS beyond the stroke's own)"""
    t = width / max(1e-3, (ea + eb) / 2)
    fit = np.count_nonzero(np.abs(rho - 1) <= max(tolerance, t + 0.15)) / max(1, rho.size)
    return fit, math.sqrt(max(0.0, rms * rms - t * t / 3))


def _ring_fit(rho: F32, tolerance: float) -> tuple[float, float]:
    """(share of the points within ``tolerance`` of the ellipse, RMS distance from it), in
    elliptic radii; as ``np.mean`` computes them, without its overhead."""
    r1 = rho - 1
    n = max(1, r1.size)
    fit = np.count_nonzero(np.abs(r1) <= tolerance) / n
    rms = float(np.sqrt(np.float32(float((r1 * r1).sum()) / n)))
    return fit, rms


def _cross_like(f: dict[str, float], cfg: RecognitionConfig) -> bool:
    return (
        f.get("line_residual", 1.0) <= cfg.cross_max_line_residual
        and min(f.get("line1_share", 0.0), f.get("line2_share", 0.0)) >= cfg.cross_min_line_share
        and f.get("line3_share", 0.0) < cfg.cross_max_third_share
        and f.get("line1_mm", 0.0) >= cfg.cross_min_line_mm
        and f.get("line2_mm", 0.0) >= cfg.cross_min_line_mm
        and f.get("line_gap", 1.0) <= cfg.cross_max_gap_share
        and f.get("line_fat", 9.0) <= cfg.cross_max_line_fat
        and f.get("hull_density", 1.0) <= _cross_density_limit(f, cfg)
        and f.get("cross_end_share", 0.0) >= cfg.cross_min_end_share
        and f.get("line_angle", 0.0) >= cfg.cross_min_angle_deg
        and f.get("diag_dev", 90.0) <= cfg.cross_max_diagonal_dev_deg
        and f.get("diag_turn", 0.0) <= cfg.cross_max_turn_deg
        and f.get("cross_in_box", 0.0) > 0
    )


def _ringed(f: dict[str, float], cfg: RecognitionConfig) -> bool:
    """A × with a ○ round it: along the printed border (ink kept there that its lines do
    not hold), or a small ○ it was drawn through (arcs all round where its lines cross,
    beyond any blot there — or a blot there as big as a small ○, which could be one filled
    in)."""
    if f.get("line_residual_all", 0.0) > cfg.cross_max_residual_all:
        return True
    if f.get("crossing_ring", 0.0) < cfg.cross_ring_min_cover:
        return False
    return (
        f.get("crossing_ring_beyond", 1.0) >= cfg.cross_ring_min_cover
        or f.get("crossing_core_mm", 0.0) >= cfg.cross_ring_blot_max_mm
    )


def _ticked(f: dict[str, float], cfg: RecognitionConfig) -> bool:
    """A × drawn over a ✓: the ✓'s long stroke along one arm, its short stroke the third
    straight stroke, a V with that arm away from where the arms cross (`_third_on_arm`;
    ``tick_*``)."""
    return (
        "line3_reach_mm" in f
        and f["line3_reach_mm"] >= cfg.tick_min_reach_mm
        and f.get("line3_fat", 0.0) >= cfg.tick_min_line_fat
        and f.get("line3_arm_gap_mm", 9.0) <= cfg.tick_max_arm_gap_mm
        and f.get("line3_arm_angle", 0.0) >= cfg.tick_min_arm_angle_deg
        and f.get("line3_from_end_mm", -9.0) >= cfg.tick_min_from_end_mm
        and f.get("line3_from_cross_mm", 0.0) >= cfg.tick_min_from_cross_mm
    )


def _cross_density_limit(f: dict[str, float], cfg: RecognitionConfig) -> float:
    """How much of its hull a × may fill: ``cross_max_density``, or for a small × (its
    strokes wide for its lines' length) what two such strokes crossing fill of their hull
    (2w(L1 + L2) / (L1 L2 sin θ)) plus ``cross_small_density_margin``, at most
    ``cross_small_max_density`` (a blot fills more) — only where the strokes are a pen's
    (at most ``cross_small_max_stroke_mm``: a scribble's overlapping strokes measure
    wider)."""
    l1, l2 = f.get("line1_mm", 0.0), f.get("line2_mm", 0.0)
    sine = math.sin(math.radians(f.get("line_angle", 0.0)))
    if l1 <= 0 or l2 <= 0 or sine <= 0.1 or f.get("stroke_mm", 9.0) > cfg.cross_small_max_stroke_mm:
        return cfg.cross_max_density
    own = 2 * f.get("stroke_mm", 0.0) * (l1 + l2) / (l1 * l2 * sine)
    small = min(cfg.cross_small_max_density, own + cfg.cross_small_density_margin)
    return max(cfg.cross_max_density, small)


def _ring_corners(
    xs: F32, ys: F32, rho: F32, ex: float, ey: float, ea: float, eb: float, ang: float
) -> float:
    """How square the ring is: the amplitude of its radius's four-fold wave around the
    fitted ellipse (a drawn □ bulges at its four corners; a hand's ○ wobbles, but not so).
    0 for a true ellipse; about 0.1 for a square."""
    a, b = max(ea / 2, 1e-3), max(eb / 2, 1e-3)
    t = math.radians(ang)
    dx, dy = xs - ex, ys - ey
    u = (dx * math.cos(t) + dy * math.sin(t)) / a
    v = (-dx * math.sin(t) + dy * math.cos(t)) / b
    theta = np.arctan2(v, u)
    # Points lie along the stroke, about evenly in angle; each angle bin weighs the same so
    # an overlap or a thick stretch does not tilt the wave.
    bins = 36
    k = ((theta + math.pi) * (bins / (2 * math.pi))).astype(np.int32) % bins
    counts = np.bincount(k, minlength=bins)
    sums = np.bincount(k, weights=rho - 1, minlength=bins)
    seen = counts > 0
    if seen.sum() < bins // 2:
        return 0.0
    mean = sums[seen] / counts[seen]
    centre = (np.arange(bins)[seen] + 0.5) * (2 * math.pi / bins) - math.pi
    c4 = np.mean(mean * np.exp(-4j * centre))
    return float(2 * abs(c4))


def _ellipse_rho(xs: F32, ys: F32, ex: float, ey: float, ea: float, eb: float, ang: float) -> F32:
    """Normalised elliptic radius of points (1 on the ellipse given by cv2.fitEllipse)."""
    a, b = max(ea / 2, 1e-3), max(eb / 2, 1e-3)
    t = math.radians(ang)
    dx, dy = xs - ex, ys - ey
    u = dx * math.cos(t) + dy * math.sin(t)
    v = -dx * math.sin(t) + dy * math.cos(t)
    out: F32 = np.sqrt((u / a) ** 2 + (v / b) ** 2).astype(np.float32)
    return out


def _stroke_width(mk: Bool) -> float:
    """Typical stroke width (px): twice the median distance to the background along the
    strokes' ridges (overlaps and blots, being few, do not widen it)."""
    m8 = mk.astype(np.uint8)
    dist = cv2.distanceTransform(m8, cv2.DIST_L2, 3)
    ridge = (dist >= cv2.dilate(dist, np.ones((3, 3), np.uint8))) & mk
    vals = dist[ridge]
    return 2.0 * quantile(vals, 0.5) if vals.size else 1.0


def _decide(f: dict[str, float], cfg: RecognitionConfig) -> tuple[Call, Why]:
    if f.get("clean_circle"):
        return Call.CIRCLE, Why.NONE
    hole = max(f.get("hole_share", 0.0), f.get("hull_hole_share", 0.0))
    ring = (
        hole >= cfg.circle_min_hole_share
        and f.get("hole_diameter_mm", 0.0) >= cfg.circle_min_diameter_mm
        and f.get("ring_corners", 1.0) <= cfg.circle_max_corners
    )
    circle_like = ring and (
        (
            f.get("coverage", 0.0) >= cfg.circle_min_visible
            and f.get("coverage_border", 0.0) >= cfg.circle_min_coverage
            and f.get("line_residual", 0.0) >= cfg.circle_min_line_residual
            and f.get("ring_fit", 0.0) >= cfg.circle_min_ring_fit
            and f.get("ring_rms", 1.0) <= cfg.circle_max_ring_rms
        )
        or (  # a ○ along the box's border: two arcs that lines fit, an ellipse fits better
            f.get("coverage", 0.0) >= cfg.circle_arcs_min_visible
            and f.get("coverage_border", 0.0) >= cfg.circle_arcs_min_coverage
            and f.get("ring_fit", 0.0) >= cfg.circle_arcs_min_ring_fit
            and f.get("ring_rms", 1.0) <= cfg.circle_arcs_max_ring_rms
        )
    )
    if (
        circle_like
        and f.get("holes", 0.0) == 0
        and f.get("coverage", 0.0) < cfg.circle_crossed_own_coverage
        and f.get("cross_in_box", 0.0) > 0
        and f.get("crossing_core_mm", 0.0) > 0
        and f.get("line1_share", 0.0) + f.get("line2_share", 0.0) >= cfg.circle_crossed_line_share
    ):
        # (a ring only with the border's help, of two strokes crossing in the box: a big ×
        # drawn corner to corner with bowed arms as much as a ○ — never read as agree)
        return Call.UNCLEAR, Why.CIRCLE_CROSSED
    if circle_like and f.get("centre_ink", 1.0) <= cfg.circle_max_centre_ink:
        if f.get("centre_in_box", 0.0) > 0:
            return Call.CIRCLE, Why.NONE
        return Call.UNCLEAR, Why.OUTSIDE
    if (
        f.get("holes", 0.0) >= 1
        and f.get("hole_share", 0.0) >= cfg.circle_small_min_hole_share
        and f.get("hole_diameter_mm", 0.0) >= cfg.circle_small_min_diameter_mm
        and f.get("centre_ink", 1.0) <= cfg.circle_max_centre_ink
        and f.get("centre_in_box", 0.0) > 0
        and f.get("coverage", 0.0) >= cfg.circle_arcs_min_coverage
        and f.get("ring_fit_thick", 0.0) >= cfg.circle_small_min_ring_fit
        and f.get("ring_rms_thick", 1.0) <= cfg.circle_small_max_ring_rms
        and f.get("ring_corners", 1.0) <= cfg.circle_max_corners
    ):
        return Call.CIRCLE, Why.NONE  # a small ○: a clean closed ring
    if _cross_like(f, cfg):
        if f.get("holes", 0.0) == 0 and not _ringed(f, cfg):
            if _ticked(f, cfg):
                return Call.UNCLEAR, Why.TICK_CROSSED
            return Call.CROSS, Why.NONE
        return Call.UNCLEAR, Why.CIRCLE_CROSSED
    if hole >= cfg.circle_min_hole_share and f.get("centre_ink", 0.0) > cfg.circle_max_centre_ink:
        return Call.UNCLEAR, Why.CIRCLE_CROSSED
    return Call.MARK, Why.SHAPE


def column_call(r: BoxReading, cfg: RecognitionConfig) -> Call:
    """Column style: ``EMPTY``, ``MARK`` (a shape in ``cfg.column_accepts``) or ``UNCLEAR``."""
    if r.call is Call.EMPTY:
        return Call.EMPTY
    if str(r.call) in cfg.column_accepts:
        return Call.MARK
    return Call.UNCLEAR


_CLEAR = frozenset({Call.CIRCLE, Call.CROSS, Call.MARK})


def _stroke_strength(r: BoxReading) -> float:
    """A clear mark's stroke darkness against the page's solid black (`_examine`): on the finer
    image where it was measured there (a fine pen's line the reduction paled)."""
    return max(r.scores.get("strength_abs", 0.0), r.scores.get("strength_abs_fine", 0.0))


def paler_than_page(readings: dict[str, BoxReading], cfg: RecognitionConfig) -> list[str]:
    """The page's clear marks (○, ×, a column's mark; ``readings``: every box of the page) much
    paler than its darkest other clear mark (``page_paler_*``): made unclear in ``readings``
    (why: faint), their keys returned.

    A mark is judged strong against printed black (`_examine`); a dark scan — a driver's
    gamma or brightness slider, a scanner writing linear light — darkens a faint pencil mark's
    mid-grey past that, while the voter's pen marks beside it stay far darker. So does a
    half-erased mark, or one in a second, lighter pen. A person decides; the marks the page is
    judged by are the ones already read as clear (a sheet whose every mark is such pencil has
    none to compare with)."""
    strength = {k: _stroke_strength(r) for k, r in readings.items() if r.call in _CLEAR}
    if len(strength) < 2:
        return []
    ranked = sorted(strength.values(), reverse=True)
    paler: list[str] = []
    for k, st in strength.items():
        # (the darkest of the others: the darkest of all, unless this is it)
        ref = ranked[1] if st == ranked[0] else ranked[0]
        if st < cfg.page_paler_max and st < cfg.page_paler_share * ref:
            r = readings[k]
            share = round(st / ref, 3)
            readings[k] = BoxReading(Call.UNCLEAR, Why.FAINT, {**r.scores, "page_share": share})
            paler.append(k)
    return paler


def _erase_faint_long_lines(
    ink: Bool, d: F32, solid: float, cfg: RecognitionConfig
) -> tuple[Bool, float]:
    """Erase faint straight lines (folds, creases) running the length of a long patch even
    when tilted a few degrees. A pen line stays: crossing out a name is not nothing."""
    h, w = ink.shape
    found = cv2.HoughLines(
        ink.astype(np.uint8),
        1,
        math.pi / 360,
        max(8, int(0.8 * w)),
        min_theta=math.pi / 2 - 0.12,
        max_theta=math.pi / 2 + 0.12,
    )
    if found is None:
        return ink, 0.0
    yy, xx = np.mgrid[0:h, 0:w]
    out = ink.copy()
    erased = 0.0
    for rho, theta in found[:4, 0]:
        near_line = np.abs(xx * math.cos(theta) + yy * math.sin(theta) - rho) <= 2.5
        on = ink & near_line
        if not on.any() or quantile(d[on], 0.5) >= cfg.strong_rel * solid:
            continue
        out &= ~near_line
        erased += 1
    return out, erased


def _name_ink(d: F32, solid: float, cfg: RecognitionConfig) -> tuple[dict[str, float], Bool]:
    """The ink in a name box's darkness ``d`` once the lines across it are erased: its mass
    (mm² of solid black), the lines erased, the parts; with ``name_dark_band_mm`` when a
    dark band crosses it. And the ink erased (the lines)."""
    s = cfg.patch_px_per_mm
    found = d >= cfg.ink_darkness
    ink, erased, _, wide = _erase_spanning_lines(found, d, solid, (0, 0, 0, 0), cfg)
    ink, folds = _erase_faint_long_lines(ink, d, solid, cfg)
    erased += folds
    n, labels, _ = _components(ink)
    lab = labels.ravel()
    seeds = np.bincount(lab[(d >= cfg.seed_darkness).ravel()], minlength=n)
    on = np.flatnonzero(lab)  # (the sums over the labelled pixels only: the same, cheaper)
    mass = np.bincount(lab[on], weights=d.ravel()[on], minlength=n) / (solid * s * s)
    keep = (seeds > 0) & (mass >= cfg.dust_max_mm2)
    keep[0] = False
    scores = {
        "name_ink_mm2": round(float(mass[keep].sum()), 3),
        "name_lines_erased": erased,
        "name_parts": float(keep.sum()),
    }
    if wide:
        scores["name_dark_band_mm"] = round(wide, 2)
    return scores, found & ~ink


def read_name(
    gray: Gray,
    hmat: NDArray[np.float64],
    box: Box,
    page_white: float,
    cfg: RecognitionConfig,
    page_black: float = 0.9,
) -> NameReading:
    """Is a name written in a write-in name box? Printed lines at its edges are ignored; ink
    is judged as in the boxes (hysteresis against paper texture, mass against dust). A dark
    band across the box (a fold's shadow) is divided out as in the boxes (`_shadow_divided`,
    measured on the paper around the box); a band that stays leaves the question to a
    person."""
    s = cfg.patch_px_per_mm
    inset = 0.4
    w_mm, h_mm = box[2] - box[0] - 2 * inset, box[3] - box[1] - 2 * inset
    patch = sample(gray, hmat, box[0] + inset, box[1] + inset, w_mm, h_mm, s)
    d, _ = darkness(patch, page_white)
    solid = max(page_black, cfg.min_black)
    scores, lines = _name_ink(d, solid, cfg)
    if "name_dark_band_mm" in scores:
        # (the box with the paper around it, measured against the page's white)
        ring = cfg.ring_mm
        big = sample(
            gray,
            hmat,
            box[0] + inset - ring,
            box[1] + inset - ring,
            w_mm + 2 * ring,
            h_mm + 2 * ring,
            s,
        )
        inner = (ring * s, (ring + w_mm) * s, ring * s, (ring + h_mm) * s, 0.0)
        dbig = np.clip(1.0 - big.astype(np.float32) / max(page_white, 1.0), 0.0, 1.0)
        got = _shadow_divided(dbig, inner, solid, cfg)
        if isinstance(got, tuple):
            r0, c0 = round(ring * s), round(ring * s)
            flat = np.ascontiguousarray(got[0][r0 : r0 + d.shape[0], c0 : c0 + d.shape[1]])
            again, gone = _name_ink(flat, solid, cfg)
            if "name_dark_band_mm" not in again:
                scores, lines = {**again, "name_shadow": round(got[1], 3)}, gone
    if "name_dark_band_mm" in scores:  # nobody can tell from here
        return NameReading(None, scores)
    area = scores["name_ink_mm2"]
    if area >= cfg.name_min_mm2:
        return NameReading(True, scores)
    if area <= cfg.name_empty_max_mm2:
        # A name in a hard pencil or a light pen, too pale to be ink here (its thin strokes
        # averaged with the paper beside them): never "no name" without a person's look — a
        # name needing no ○ above it would be a vote lost.
        faint = _faint_name(d, solid, cfg, lines)
        if faint is not None:
            return NameReading(None, {**scores, **faint})
        return NameReading(False, scores)
    return NameReading(None, scores)


def _faint_name(
    d: F32, solid: float, cfg: RecognitionConfig, lines: Bool
) -> dict[str, float] | None:
    """A name box's faint strokes (as `_faint_strokes` finds them in a box: narrow, darker
    than the paper round them, not a crease along the page's sides), off the ``lines``
    erased as crossing the box (a streak, a fold: their blurred edges are no strokes),
    covering at least ``name_faint_min_mm2``: the longest piece and their area (mm); None
    when there are none."""
    s = cfg.patch_px_per_mm
    level = max(cfg.faint_stroke_darkness, cfg.faint_stroke_rel * solid)
    dk = np.ascontiguousarray(d)
    if np.count_nonzero(_along_lines(dk) >= level) < cfg.faint_stroke_min_mm2 * s * s:
        return None  # (most empty name boxes)
    near = max(1, round(cfg.paler_clear_mm * s))
    lined = cv2.dilate(lines.view(np.uint8), np.ones((2 * near + 1, 2 * near + 1), np.uint8)) > 0
    faint = _pale_strokes(dk, _stroke_disc(s), level, ~lined)
    longest, total = _stroke_pieces(faint, cfg.faint_stroke_min_mm, cfg)
    if longest < cfg.faint_stroke_min_mm or total < cfg.name_faint_min_mm2:
        return None
    return {"name_faint_mm": round(longest, 2), "name_faint_mm2": round(total, 2)}
