"""Finding the registration marks and mapping the page to the layout (millimetres).

Every ballot carries four solid squares near the corners (TL, TR, BR, BL in the layout) and a
fifth one beside the top-left one, on the TL→TR edge: it tells which corner is which, so the
page may be scanned in any of the four orientations. The squares are found on a reduced copy,
refined on the working image, and the four corner centres give a homography from layout
millimetres to working-image pixels. The fifth square then checks the result: if it is not
where the homography puts it, or the sides disagree with one scale, the page is refused with
the reason rather than read wrongly.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any, cast

import cv2
import numpy as np
from numpy.typing import NDArray

from huanjie_desktop.domain.layout import BallotLayout
from huanjie_desktop.recognition.config import RecognitionConfig

Gray = NDArray[np.uint8]
Point = tuple[float, float]


@dataclass(frozen=True)
class FiducialGeometry:
    """Where a family of layouts prints its squares: centres TL, TR, BR, BL, cue (mm)."""

    paper_w: float
    paper_h: float
    centres: tuple[Point, Point, Point, Point, Point]
    size_mm: float

    @staticmethod
    def from_layout(layout: BallotLayout) -> FiducialGeometry:
        if len(layout.fiducials) < 5:
            raise ValueError("a layout needs five fiducials (TL, TR, BR, BL, orientation)")
        c = [((b[0] + b[2]) / 2, (b[1] + b[3]) / 2) for b in layout.fiducials[:5]]
        size = sum((b[2] - b[0] + b[3] - b[1]) / 2 for b in layout.fiducials[:5]) / 5
        return FiducialGeometry(
            layout.paper_w, layout.paper_h, (c[0], c[1], c[2], c[3], c[4]), size
        )

    @property
    def top_mm(self) -> float:
        return math.dist(self.centres[0], self.centres[1])

    @property
    def left_mm(self) -> float:
        return math.dist(self.centres[0], self.centres[3])

    @property
    def cue_mm(self) -> float:
        return math.dist(self.centres[0], self.centres[4])


@dataclass(frozen=True)
class Registration:
    """Page → layout mapping. ``h`` maps layout mm to working-image pixels (row-major 3×3)."""

    h: tuple[float, ...]
    geometry: FiducialGeometry
    px_per_mm: float
    rotation_deg: float
    points: tuple[Point, ...]  # measured centres, TL TR BR BL cue (working-image px)
    black: float  # darkness of the solid squares (0..1): what solid print looks like here
    scores: dict[str, float] = field(default_factory=dict)
    #: Which of ``points`` were measured, for a `partial` map (empty for the others) ...
    measured: tuple[bool, ...] = ()
    #: ... and what that map was made from: (layout x, y mm, image x, y px) of each point.
    anchors: tuple[tuple[float, float, float, float], ...] = ()

    def matrix(self) -> NDArray[np.float64]:
        return np.array(self.h, dtype=np.float64).reshape(3, 3)

    def to_px(self, x_mm: float, y_mm: float) -> Point:
        m = self.matrix()
        v = m @ np.array([x_mm, y_mm, 1.0])
        return (float(v[0] / v[2]), float(v[1] / v[2]))


@dataclass(frozen=True)
class RegistrationProblem:
    code: str  # "no_registration" | "registration_implausible" | "mirrored"
    detail: str
    scores: dict[str, float] = field(default_factory=dict)


@dataclass(frozen=True)
class _Blob:
    x: float
    y: float
    side: float


def reduce_for_search(gray: Gray, cfg: RecognitionConfig, min_long_mm: float) -> tuple[Gray, float]:
    """A copy at about ``find_px_per_mm`` (assuming the page is the smallest paper)."""
    h, w = gray.shape
    # An integer reduction: box filtering by a whole factor is several times cheaper.
    k = max(1, round(max(h, w) / (cfg.find_px_per_mm * min_long_mm)))
    if k == 1:
        return gray, 1.0
    if 3 <= k <= 15 and k <= min(h, w):
        return _block_means(gray, k), 1.0 / k
    nw, nh = max(1, w // k), max(1, h // k)
    small = cast(Gray, cv2.resize(gray[: nh * k, : nw * k], (nw, nh), interpolation=cv2.INTER_AREA))
    return small, 1.0 / k


def _block_means(gray: Gray, k: int) -> Gray:
    """The mean of each whole k×k block: the same pixels as ``cv2.resize`` with ``INTER_AREA``.

    For a whole factor other than 2, OpenCV sums each block in a scalar loop and rounds
    ``sum * (1/k²)`` (single precision) to the nearest integer, ties to even. Summing the
    rows of a block, then its columns, in 16 bits (255·15² fits) takes about a third of the
    time, and ``convertScaleAbs`` rounds the same product the same way. Factor 2 stays with
    OpenCV: its vector path there rounds ties up.
    """
    nh, nw = gray.shape[0] // k, gray.shape[1] // k
    img = gray[: nh * k, : nw * k]
    rows = img[0::k].astype(np.uint16)
    for i in range(1, k):
        rows += img[i::k]
    sums = rows[:, 0::k] + rows[:, 1::k]
    for i in range(2, k):
        sums += rows[:, i::k]
    return cast(Gray, cv2.convertScaleAbs(sums, alpha=1.0 / (k * k)))


def paper_white(img: Gray, q: float = 0.95) -> float:
    """Grey level of the paper: the ``q`` quantile of the histogram (fast)."""
    hist = cv2.calcHist([img], [0], None, [256], [0, 256]).ravel()
    cum = np.cumsum(hist)
    idx = int(np.searchsorted(cum, q * cum[-1]))
    return float(max(idx, 1))


def paper_light(small: Gray, px_per_mm: float, span_mm: float) -> Gray:
    """The paper's grey level around each place of the overview ``small`` (at ``px_per_mm``),
    at a quarter of its resolution: block means (print lowers a block's mean) closed over
    ``span_mm`` (the brightest block nearby is the paper there: print, boxes and squares
    smaller than that are gone; a shadow or a dim side of the scan stays)."""
    k = 4
    if min(small.shape) < 2 * k:
        return small
    coarse = _block_means(small, k)
    size = max(3, round(span_mm * px_per_mm / k) | 1)
    return cast(
        Gray,
        cv2.morphologyEx(
            coarse,
            cv2.MORPH_CLOSE,
            cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (size, size)),
            borderType=cv2.BORDER_REPLICATE,
        ),
    )


def flattened(gray: Gray, light: Gray, white: float) -> Gray:
    """``gray`` evened out: each pixel scaled by ``white`` over the paper's grey level there
    (``light``, from `paper_light`, stretched over the whole image)."""
    h, w = gray.shape
    lh, lw = light.shape
    fx, fy = w / lw, h / lh
    k = min(fx, fy)  # whole blocks: the map covers the image's top-left, the rest is its edge
    up = cv2.resize(
        light, (min(w, round(lw * k)), min(h, round(lh * k))), interpolation=cv2.INTER_LINEAR
    )
    up = cv2.copyMakeBorder(up, 0, h - up.shape[0], 0, w - up.shape[1], cv2.BORDER_REPLICATE)
    gain = np.float32(white) / np.maximum(up.astype(np.float32), np.float32(1.0))
    return cast(Gray, np.clip(gray.astype(np.float32) * gain, 0, 255).astype(np.uint8))


def stretched(gray: Gray, white: float, black: float, target: float) -> Gray:
    """``gray`` with its contrast raised so that print of darkness ``black`` (relative to the
    paper's ``white``) reads ``target``: a faded copy, a scanner set too light."""
    g = target / max(black, 1e-3)
    levels = np.arange(256, dtype=np.float64)
    lut = np.clip(np.rint(white - (white - levels) * g), 0, 255).astype(np.uint8)
    return cast(Gray, cv2.LUT(gray, lut))


def mended_print(
    gray: Gray, white: float, black: float, px_per_mm: float, cfg: RecognitionConfig
) -> Gray:
    """``gray`` with its print made whole where an inkjet's clogged nozzles broke it into
    bands (打印条纹): print at least ``banding_ink_share`` as dark as ``black`` (the darkness
    of the page's solid print, relative to the paper's ``white``) made solid, then light
    gaps up to ``banding_gap_mm`` wide closed (a grey opening: dark print keeps its size).
    For finding the squares and reading the code only: a voter's marks are read as scanned."""
    solid = stretched(gray, white, max(cfg.banding_ink_share * black, 0.05), 1.0)
    k = max(2, round(cfg.banding_gap_mm * px_per_mm))
    kernel = cv2.getStructuringElement(cv2.MORPH_RECT, (k, k))
    return cast(Gray, cv2.morphologyEx(solid, cv2.MORPH_OPEN, kernel))


def dark_share(small: Gray, white: float, darkness: float) -> float:
    """Share of dark pixels in the middle of the scan (its edges may show the scanner's lid
    or a dark background around the sheet), leaving out the rows and columns dark along
    most of it: a scanner's streak (a speck on its glass) or a crease across a blank back is
    no print."""
    kept = _dark_middle(small, white, darkness)
    return float(np.count_nonzero(kept)) / float(max(1, kept.size))


def _dark_middle(small: Gray, white: float, darkness: float) -> Gray:
    """The dark pixels (0/1) of the middle of the scan, less the rows and columns dark along
    most of it (`dark_share`)."""
    h, w = small.shape
    mid = small[round(0.15 * h) : round(0.85 * h), round(0.15 * w) : round(0.85 * w)]
    dark = (mid < white * (1.0 - darkness)).view(np.uint8)
    if not dark.any():
        return dark
    cols = dark.mean(axis=0) <= _STREAK_SHARE
    rows = dark.mean(axis=1) <= _STREAK_SHARE
    return np.ascontiguousarray(dark[rows][:, cols])


#: A row or column of the page's middle dark along more than this share of it is a line
#: across the page (a streak, a crease), not print (`dark_share`).
_STREAK_SHARE = 0.6


def dark_share_off_lines(
    small: Gray, white: float, darkness: float, px_per_mm: float, long_mm: float, wide_mm: float
) -> float:
    """`dark_share` leaving out long straight lines at any slant too: at least ``long_mm``
    long (``px_per_mm`` on ``small``), taken away ``wide_mm`` wide — the creases of a blank
    back folded in four, fed a little askew, and the shadows along them, are no print (along
    the image's rows and columns `dark_share` already leaves them out). A crease shows dark
    in dashes (its shadow just at the darkness looked for): a line may be broken by gaps
    up to half its least length, and be dark along half of it."""
    kept = _dark_middle(small, white, darkness)
    if not kept.any():
        return 0.0
    long = max(3, round(long_mm * px_per_mm))
    lines = cv2.HoughLinesP(
        kept, 1, np.pi / 360, threshold=long // 2, minLineLength=long, maxLineGap=long / 2
    )
    if lines is not None:
        band = max(1, round(wide_mm * px_per_mm))
        for xa, ya, xb, yb in lines[:, 0]:
            cv2.line(kept, (int(xa), int(ya)), (int(xb), int(yb)), 0, band)
    return float(np.count_nonzero(kept)) / float(max(1, kept.size))


#: A hollowed square (its outline only) fills at most this share of its box at the
#: overview's scale (about 0.4 for a 5 mm square); a glyph's or a box's loop, filled, ~0.6.
_HOLLOW_MAX_FILL = 0.5


def _hollow_squares(
    overview: Overview, geometries: list[FiducialGeometry], cfg: RecognitionConfig
) -> bool:
    """Would the squares be found if what the ink encloses were ink too? A scanner's
    "text enhancement" (adaptive black and white) keeps only the edges of solid print: the
    squares come out as outlines (and filled marks as rings). Only holes no larger than the
    largest square a layout prints are filled, so the printed boxes stay boxes."""
    binary = _dark(overview.small, overview.white)
    _, labels, stats, _ = cv2.connectedComponentsWithStats(
        np.ascontiguousarray(1 - binary), connectivity=4, ltype=cv2.CV_32S
    )
    h, w = binary.shape
    x, y, bw, bh, area = (stats[:, k] for k in range(5))
    # (the scale is not known yet: at most the image's long side over the paper's)
    per_mm = max(h, w) / min(max(g.paper_w, g.paper_h) for g in geometries)
    side = 1.2 * max(g.size_mm for g in geometries) * per_mm
    hole = (x > 0) & (y > 0) & (x + bw < w) & (y + bh < h) & (area <= side * side)
    hole[0] = False
    if not hole.any():
        return False
    filled = np.where(hole[labels], np.uint8(1), binary).astype(np.uint8)
    found = _match(_candidates_in(filled, cfg), geometries, cfg)
    if found is None:
        return False
    # ... and they were found because they were hollow (not a glyph's filled loop)
    hollow = 0
    for b in found.blobs:
        if b is None:
            continue
        r = b.side / 2
        y0, x0 = max(0, round(b.y - r)), max(0, round(b.x - r))
        patch = binary[y0 : round(b.y + r) + 1, x0 : round(b.x + r) + 1]
        hollow += int(patch.size > 0 and float(patch.mean()) < _HOLLOW_MAX_FILL)
    return hollow >= 3


def square_candidates(
    overview: Overview, cfg: RecognitionConfig, at_edge: bool = False
) -> list[tuple[float, float, float]]:
    """The overview's solid square-ish pieces (candidates for corner squares): centre x, y
    and side, in the overview's px; ``at_edge``: those touching the image's edge too (a
    square a pixel from the edge touches it at the overview's scale)."""
    binary = _dark(overview.small, overview.white)
    return [(b.x, b.y, b.side) for b in _candidates_in(binary, cfg, at_edge)]


def squares_at_edge(
    overview: Overview, geometries: list[FiducialGeometry], cfg: RecognitionConfig
) -> int:
    """How many corner squares the image's edge cuts: solid dark pieces touching the edge,
    near a corner of the image, as long as a square of the layouts is at the scale of a page
    filling the image, and at least a third as wide. A sheet turned or shifted on the glass
    loses its corners past the scan's window: then that is what to tell the counter."""
    binary = _dark(overview.small, overview.white)
    _, _, stats, _ = cv2.connectedComponentsWithStats(binary, connectivity=8)
    h, w = binary.shape
    x, y, bw, bh, area = (stats[1:, k].astype(np.int64) for k in range(5))
    edge = (x == 0) | (y == 0) | (x + bw == w) | (y + bh == h)
    cx, cy = x + bw / 2, y + bh / 2
    corner = (np.minimum(cx, w - cx) < 0.15 * w) & (np.minimum(cy, h - cy) < 0.15 * h)
    long_side, short_side = np.maximum(bw, bh), np.minimum(bw, bh)
    found = np.zeros(len(x), dtype=bool)
    for g in geometries:
        side = g.size_mm * max(h, w) / max(g.paper_w, g.paper_h)
        found |= (
            (long_side >= 0.6 * side)
            & (long_side <= 1.4 * side)
            & (short_side >= side / 3)
            & (area >= cfg.fid_min_fill * bw * bh)
        )
    return int(np.count_nonzero(found & edge & corner))


def _blobs(overview: Overview, cfg: RecognitionConfig) -> list[_Blob]:
    """The square candidates of the overview (`_candidates_in`)."""
    return _candidates_in(_dark(overview.small, overview.white), cfg)


def _dark(small: Gray, white: float) -> Gray:
    """Pixels darker than half the paper, ``small < white / 2`` (1, else 0)."""
    # For whole grey levels that is ``small <= ceil(white / 2) - 1``, which OpenCV's threshold
    # (a table lookup) marks with 1 several times faster than numpy's comparison.
    _, binary = cv2.threshold(small, math.ceil(white * 0.5) - 1, 1, cv2.THRESH_BINARY_INV)
    return cast(Gray, binary)


def _candidates_in(binary: Gray, cfg: RecognitionConfig, at_edge: bool = False) -> list[_Blob]:
    """The square-ish components of ``binary`` (1: dark), the 60 largest at most (a page full
    of square-ish ink would make matching them slow); not touching the image's edge unless
    ``at_edge``."""
    # Block-based (BBDT) labelling numbers the components in the same order as the default
    # (Spaghetti) one and gives the same statistics, with the statistics pass much cheaper.
    _, _, stats, cents = cv2.connectedComponentsWithStatsWithAlgorithm(
        binary, 8, cv2.CV_32S, cv2.CCL_BBDT
    )
    h, w = binary.shape
    x, y, bw, bh, area = (stats[:, k].astype(np.int64) for k in range(5))
    ok = (bw >= 3) & (bh >= 3) & (bw <= w // 6) & (bh <= h // 6)
    if not at_edge:  # touching the scan's edge: a shadow, not a printed square
        ok &= (x > 0) & (y > 0) & (x + bw < w) & (y + bh < h)
    ok &= (bw * 10 >= bh * 6) & (bw * 6 <= bh * 10) & (area >= cfg.fid_min_fill * bw * bh)
    ok[0] = False
    blobs = [
        _Blob(float(cents[i][0]), float(cents[i][1]), math.sqrt(float(area[i])))
        for i in np.flatnonzero(ok)
    ]
    return sorted(blobs, key=lambda b: -b.side)[:60] if len(blobs) > 60 else blobs


@dataclass(frozen=True)
class _Found:
    """Blobs assigned to TL, TR, BR, BL, cue (None: that corner is missing)."""

    geometry: FiducialGeometry
    blobs: tuple[_Blob | None, _Blob | None, _Blob | None, _Blob | None, _Blob]
    error: float

    @property
    def missing(self) -> int:
        return sum(b is None for b in self.blobs)


def _pairs(blobs: list[_Blob], spread: float, lo: float, hi: float) -> list[tuple[int, int]]:
    """The ordered pairs (i, j), i ≠ j, of blobs whose sizes are within ``spread`` and whose
    distance over their mean side may lie in [lo, hi], in the order of a double loop over
    ``blobs``.

    A sieve, vectorised because the double loop in Python was most of the matching time: the
    caller makes the exact tests again on each pair, and the margin of 1e-9 covers any
    last-bit difference between numpy's and Python's arithmetic, so the pairs that pass are
    exactly those the plain double loop would have passed, in the same order.
    """
    xs = np.array([b.x for b in blobs], dtype=np.float64)
    ys = np.array([b.y for b in blobs], dtype=np.float64)
    sides = np.array([b.side for b in blobs], dtype=np.float64)
    ok = np.maximum.outer(sides, sides) <= spread * (1 + 1e-9) * np.minimum.outer(sides, sides)
    d = np.hypot(xs[np.newaxis, :] - xs[:, np.newaxis], ys[np.newaxis, :] - ys[:, np.newaxis])
    mean = (sides[:, np.newaxis] + sides[np.newaxis, :]) / 2
    ok &= (d >= lo * (1 - 1e-9) * mean) & (d <= hi * (1 + 1e-9) * mean)
    np.fill_diagonal(ok, False)
    ii, jj = np.nonzero(ok)
    return list(zip(ii.tolist(), jj.tolist(), strict=True))


def _close_pairs(
    blobs: list[_Blob], spread: float, lo: float, hi: float
) -> Iterator[tuple[int, int, float, float]]:
    """Ordered pairs (i, j) of squares of compatible sizes, sieved by `_pairs`, with their
    distance (from i to j) and mean side."""
    for i, j in _pairs(blobs, spread, lo, hi):
        a, b = blobs[i], blobs[j]
        if max(a.side, b.side) / min(a.side, b.side) > spread:
            continue
        yield i, j, math.hypot(b.x - a.x, b.y - a.y), (a.side + b.side) / 2


def _nearest(
    blobs: list[_Blob],
    same: list[int],
    want: tuple[float, float],
    reach: float,
    side: float,
    used: set[int],
    cfg: RecognitionConfig,
) -> tuple[int | None, float]:
    """The blob of a compatible size nearest to ``want`` within ``reach`` (its index).

    ``same[k]`` is the first index of a blob equal to blob k, and ``used`` holds those of
    the blobs already taken: a blob equal to a taken one counts as taken too.
    """
    best: int | None = None
    dist = reach
    for k, b in enumerate(blobs):
        if same[k] in used or max(b.side, side) / min(b.side, side) > cfg.fid_size_spread:
            continue
        e = math.hypot(b.x - want[0], b.y - want[1])
        if e <= dist:
            best, dist = k, e
    return best, (dist / reach if best is not None else 1.0)


def _match(
    blobs: list[_Blob], geometries: list[FiducialGeometry], cfg: RecognitionConfig
) -> _Found | None:
    """Best assignment of the squares, by relative position error.

    First with the top-left square and the orientation square beside it (the other corners
    predicted from them); a corner cut off the scan or torn may be missing. Then, if the
    top-left square itself is missing, from the orientation square and the top-right one.
    """
    # Ranked by how well the squares fit the layout's (a similarity fitted to them all), not
    # by how near they lie to where the top-left and orientation squares alone predict them:
    # those two are close together, their prediction for the far corners is rough, and a
    # page full of square-ish ink (a black-and-white scan's bold title, boxes with ○ in
    # them) can hold five blobs that match it better at half the page's size.
    found = [f for f in _from_top_left(blobs, geometries, cfg) if f.missing <= 1]
    if not found:
        found = [f for f in _from_top_right(blobs, geometries, cfg) if f.missing == 1]
    if not found:
        return None
    least = min(f.missing for f in found)
    return min((f for f in found if f.missing == least), key=_misfit_mm)


def _misfit_mm(found: _Found) -> float:
    """How far (mm, root mean square) the squares found lie from the layout's squares
    placed on them by the similarity (turn, scale, shift) that fits them best."""
    ref, img = [], []
    for (mx, my), b in zip(found.geometry.centres, found.blobs, strict=True):
        if b is not None:
            ref.append((mx, my))
            img.append((b.x, b.y))
    r = np.array(ref, dtype=np.float64)
    m = np.array(img, dtype=np.float64)
    # x' = a·x − b·y + tx, y' = b·x + a·y + ty
    n = len(r)
    lhs = np.zeros((2 * n, 4))
    lhs[0::2] = np.column_stack([r[:, 0], -r[:, 1], np.ones(n), np.zeros(n)])
    lhs[1::2] = np.column_stack([r[:, 1], r[:, 0], np.zeros(n), np.ones(n)])
    sol = np.linalg.lstsq(lhs, m.reshape(-1), rcond=None)[0]
    scale = math.hypot(float(sol[0]), float(sol[1]))
    if scale <= 0:
        return math.inf
    rms = math.sqrt(float(np.mean((lhs @ sol - m.reshape(-1)) ** 2)) * 2)
    return rms / scale


def _dims(
    geometries: list[FiducialGeometry],
) -> list[tuple[FiducialGeometry, float, float, float, float]]:
    """Per layout: cue distance / side, top, left, cue distance (mm)."""
    return [(g, g.cue_mm / g.size_mm, g.top_mm, g.left_mm, g.cue_mm) for g in geometries]


def _same(blobs: list[_Blob]) -> list[int]:
    """``same[k]``: the first index of a blob equal to blob k."""
    first: dict[tuple[float, float, float], int] = {}
    return [first.setdefault((b.x, b.y, b.side), k) for k, b in enumerate(blobs)]


def _pick(
    blobs: list[_Blob],
    same: list[int],
    wants: list[tuple[float, float]],
    reach: list[float],
    side: float,
    used: set[int],
    cfg: RecognitionConfig,
) -> tuple[list[_Blob | None], float]:
    """The blob nearest to each wanted place (within its reach; None: none there), each
    blob used once, and the sum of their relative errors."""
    picked: list[_Blob | None] = []
    err = 0.0
    for w, r in zip(wants, reach, strict=True):
        k, e = _nearest(blobs, same, w, r, side, used, cfg)
        picked.append(None if k is None else blobs[k])
        err += e
        if k is not None:
            used.add(same[k])
    return picked, err


def _from_top_left(
    blobs: list[_Blob], geometries: list[FiducialGeometry], cfg: RecognitionConfig
) -> Iterator[_Found]:
    """Every assignment that starts from a pair (top-left square, orientation square) and
    takes the other corners where that pair predicts them (any of them may be missing)."""
    spread = cfg.fid_size_spread
    same = _same(blobs)
    dims = _dims(geometries)
    lo = min((0.7 * ratio for _, ratio, _, _, _ in dims), default=0.0)
    hi = max((1.35 * ratio for _, ratio, _, _, _ in dims), default=0.0)
    for i, j, d, side in _close_pairs(blobs, spread, lo, hi):
        x, q = blobs[i], blobs[j]
        for g, ratio, top_mm, left_mm, cue_mm in dims:
            if not 0.7 * ratio <= d / side <= 1.35 * ratio:
                continue
            s = d / cue_mm  # px per mm, from the cue distance
            ux, uy = (q.x - x.x) / d, (q.y - x.y) / d
            nx, ny = -uy, ux  # page "down" in image coordinates
            top, left = top_mm * s, left_mm * s
            wants = [
                (x.x + ux * top, x.y + uy * top),
                (x.x + ux * top + nx * left, x.y + uy * top + ny * left),
                (x.x + nx * left, x.y + ny * left),
            ]
            reach = [0.2 * math.hypot(w[0] - x.x, w[1] - x.y) for w in wants]
            picked, err = _pick(blobs, same, wants, reach, side, {same[i], same[j]}, cfg)
            yield _Found(g, (x, picked[0], picked[1], picked[2], q), err)


def _from_top_right(
    blobs: list[_Blob], geometries: list[FiducialGeometry], cfg: RecognitionConfig
) -> Iterator[_Found]:
    """Every assignment without the top-left square: from the orientation square and the
    top-right one, the bottom corners where they predict them (either may be missing)."""
    spread = cfg.fid_size_spread
    same = _same(blobs)
    spans = [
        (g, g.top_mm - g.cue_mm, left_mm, cue_mm) for g, _, _, left_mm, cue_mm in _dims(geometries)
    ]
    lo = min((0.85 * span / g.size_mm for g, span, _, _ in spans), default=0.0)
    hi = max((1.2 * span / g.size_mm for g, span, _, _ in spans), default=0.0)
    for i, j, d, side in _close_pairs(blobs, spread, lo, hi):
        q, t = blobs[i], blobs[j]
        for g, span, left_mm, cue_mm in spans:
            if not 0.85 * span / g.size_mm <= d / side <= 1.2 * span / g.size_mm:
                continue
            s = d / span
            ux, uy = (t.x - q.x) / d, (t.y - q.y) / d
            nx, ny = -uy, ux
            left = left_mm * s
            tlx, tly = q.x - ux * cue_mm * s, q.y - uy * cue_mm * s
            wants = [(t.x + nx * left, t.y + ny * left), (tlx + nx * left, tly + ny * left)]
            picked, err = _pick(
                blobs, same, wants, [0.15 * left] * 2, side, {same[i], same[j]}, cfg
            )
            yield _Found(g, (None, t, picked[0], picked[1], q), err)


_SQUARE3 = np.ones((3, 3), np.uint8)  # grows a mask by one pixel, diagonals included


def _refine(
    gray: Gray, x: float, y: float, side: float
) -> tuple[float, float, float, float] | None:
    """Centre, side (px) and darkness of the solid square near (x, y) on the working image."""
    h, w = gray.shape
    r = max(4, round(side * 1.3))
    x0, y0 = max(0, round(x) - r), max(0, round(y) - r)
    x1, y1 = min(w, round(x) + r + 1), min(h, round(y) + r + 1)
    win = gray[y0:y1, x0:x1]
    if win.size == 0:
        return None
    flat = win.ravel()
    k5, k95 = round(0.05 * (flat.size - 1)), round(0.95 * (flat.size - 1))
    part = np.partition(flat, (k5, k95))
    lo, hi = float(part[k5]), float(part[k95])
    if hi - lo < 30:
        return None
    binary = (win < (lo + hi) / 2).view(np.uint8)
    n, labels, stats, cents = cv2.connectedComponentsWithStatsWithAlgorithm(
        binary, 8, cv2.CV_32S, cv2.CCL_BBDT
    )
    if n < 2:
        return None
    cx, cy = x - x0, y - y0
    best = min(
        range(1, n),
        key=lambda k: math.hypot(cents[k][0] - cx, cents[k][1] - cy) - 0.01 * float(stats[k][4]),
    )
    # Intensity-weighted centroid over the square and its edge pixels: unbiased under blur.
    # (The weights are computed in place, in the same single-precision steps as
    # ``clip((hi - win) / (hi - lo), 0, 1) * grow``: no temporary images.)
    grow = cv2.dilate((labels == best).view(np.uint8), _SQUARE3).view(np.bool_)
    wts = win.astype(np.float32)
    np.subtract(hi, wts, out=wts)
    wts /= hi - lo
    np.clip(wts, 0.0, 1.0, out=wts)
    wts *= grow
    total = float(wts.sum())
    if total <= 0:
        return None
    mx = float(wts.sum(axis=0) @ np.arange(win.shape[1])) / total
    my = float(wts.sum(axis=1) @ np.arange(win.shape[0])) / total
    return (x0 + mx, y0 + my, math.sqrt(total), (hi - lo) / max(hi, 1.0))


#: A hole in a found square of at least this area (mm², a spot about 0.35 mm across: three
#: pixels at 150 dpi, a speck's one) in its middle says the scan hollowed it (`hollowed`).
_HOLE_MIN_MM2 = 0.1
#: ... its centre at most this share of the square's side from the square's.
_HOLE_OFF_CENTRE = 0.15


def hollowed(gray: Gray, reg: Registration) -> bool:
    """Did the scan hollow the corner squares? A scanner's "text enhancement" or "dynamic
    threshold" (adaptive black and white: each pixel against the mean round it) keeps only
    the edges of print wider than its window: with a window of about 2.5-4.5 mm (a mean; a
    Gaussian's up to 6 mm and more) the 5 mm squares keep a solid rim round a white hole in
    their middle and are found, while a filled mark (涂黑, wider) comes out a clean ring —
    a ○ where the voter filled the box. At least three of the five squares with such a hole,
    where the map puts them (a map from the code or from fewer squares too: hollowed more,
    squares are not found). A window as wide as the squares leaves them solid: not seen."""
    side = reg.geometry.size_mm * reg.px_per_mm
    least = _HOLE_MIN_MM2 * reg.px_per_mm**2
    return sum(_square_hole(gray, x, y, side) >= least for x, y in reg.points) >= 3


def _square_hole(gray: Gray, x: float, y: float, side: float) -> int:
    """The white hole (px) in the middle of the solid square near (x, y) (about ``side`` px
    wide, on the working image): 0 for a printed square (a white speck near its edge, a
    nick in it, are no such hole), the area of the one a hollowing scan leaves (`hollowed`)."""
    h, w = gray.shape
    r = max(4, round(side * 0.9))
    x0, y0 = max(0, round(x) - r), max(0, round(y) - r)
    win = gray[y0 : min(h, round(y) + r + 1), x0 : min(w, round(x) + r + 1)]
    if win.size == 0:
        return 0
    flat = win.ravel()
    k5, k95 = round(0.05 * (flat.size - 1)), round(0.95 * (flat.size - 1))
    part = np.partition(flat, (k5, k95))
    lo, hi = float(part[k5]), float(part[k95])
    if hi - lo < 30:
        return 0
    cx, cy = x - x0, y - y0
    q = max(1, round(0.25 * side))  # (a printed square is dark all round its middle: done)
    mid = win[max(0, round(cy) - q) : round(cy) + q + 1, max(0, round(cx) - q) : round(cx) + q + 1]
    if mid.size == 0 or float(mid.max()) < (lo + hi) / 2:
        return 0
    binary = (win < (lo + hi) / 2).view(np.uint8)
    n, labels, stats, cents = cv2.connectedComponentsWithStatsWithAlgorithm(
        binary, 8, cv2.CV_32S, cv2.CCL_BBDT
    )
    if n < 2:
        return 0
    best = min(
        range(1, n),
        key=lambda k: math.hypot(cents[k][0] - cx, cents[k][1] - cy) - 0.01 * float(stats[k][4]),
    )
    bx, by, bw, bh = (int(v) for v in stats[best][:4])
    # what the square's ink encloses: the paper round it (4-connected) flooded from outside
    out = np.pad((labels[by : by + bh, bx : bx + bw] != best).view(np.uint8), 1, constant_values=1)
    cv2.floodFill(out, None, (0, 0), 0, flags=4)
    if not out.any():
        return 0
    _, _, hstats, hcents = cv2.connectedComponentsWithStats(out, connectivity=4)
    k = 1 + int(np.argmax(hstats[1:, cv2.CC_STAT_AREA]))
    hx, hy = bx + float(hcents[k][0]) - 1, by + float(hcents[k][1]) - 1
    off = math.hypot(hx - float(cents[best][0]), hy - float(cents[best][1]))
    return int(hstats[k, cv2.CC_STAT_AREA]) if off <= _HOLE_OFF_CENTRE * side else 0


def refined_square(
    gray: Gray, x: float, y: float, side: float
) -> tuple[float, float, float, float] | None:
    """Centre, side (px) and darkness of the solid square near (x, y) (px, about ``side``
    wide) on the working image, as a registration square is measured; None: none there."""
    return _refine(gray, x, y, side)


@dataclass(frozen=True)
class Overview:
    """A reduced copy of the page for finding the squares, and the paper's grey level."""

    small: Gray
    factor: float  # small px per working px
    white: float

    @staticmethod
    def of(gray: Gray, cfg: RecognitionConfig, min_long_mm: float) -> Overview:
        small, f = reduce_for_search(gray, cfg, min_long_mm)
        return Overview(small, f, paper_white(small))


def register(
    gray: Gray,
    geometries: list[FiducialGeometry],
    cfg: RecognitionConfig,
    overview: Overview | None = None,
) -> Registration | RegistrationProblem:
    """Find the five squares and map layout mm → working px, or say why not."""
    if not geometries:
        return RegistrationProblem("no_registration", "no ballot layout in this election file")
    if overview is None:
        overview = Overview.of(gray, cfg, min(max(g.paper_w, g.paper_h) for g in geometries))
    f = overview.factor
    blobs = _blobs(overview, cfg)
    found = _match(blobs, geometries, cfg)
    if found is None:
        if _hollow_squares(overview, geometries, cfg):  # (said if nothing else reads it)
            return RegistrationProblem(
                "no_registration",
                "the corner squares are outlines only: the scanner hollowed solid print",
                {"candidates": float(len(blobs)), "hollow": 1.0},
            )
        at_edge = squares_at_edge(overview, geometries, cfg)
        return RegistrationProblem(
            "no_registration",
            f"{len(blobs)} square candidates"
            + (f", {at_edge} cut by the image's edge" if at_edge else ""),
            {"candidates": float(len(blobs)), **({"at_edge": float(at_edge)} if at_edge else {})},
        )
    g = found.geometry
    pts: list[tuple[float, float, float, float] | None] = []
    for b in found.blobs:
        if b is None:
            pts.append(None)
            continue
        r = _refine(gray, b.x / f, b.y / f, b.side / f)
        if r is None:
            return RegistrationProblem("no_registration", "a registration mark is unclear")
        pts.append(r)
    result = _solve(g, pts, cfg)
    if (
        isinstance(result, RegistrationProblem)
        and result.code == "registration_implausible"
        and all(p is not None for p in pts)
    ):
        # A corner square torn off or inked over can be stood in for by something square
        # near where it should be (a QR finder pattern, a filled box). Without it, the other
        # four may still fit: the map from them passes every check or the page is refused.
        fits = [
            alt
            for k in range(4)
            if isinstance(
                alt := _solve(g, [None if i == k else p for i, p in enumerate(pts)], cfg),
                Registration,
            )
        ]
        if fits:  # the one whose squares agree best with it
            return min(fits, key=lambda r: r.scores.get("cue_error_mm", 0.0))
    return result


def partial(
    gray: Gray,
    geometries: list[FiducialGeometry],
    cfg: RecognitionConfig,
    overview: Overview,
) -> list[Registration]:
    """Coarse maps for a page on which the squares do not give one: a sheet skewed in the
    feeder or cut by the scan window loses two corner squares or more.

    Every way of reading the squares that are left as the orientation square with the
    top-left or the top-right one (and any other corner where those two put it) gives a map,
    the likeliest first (most corners, least error), at most ``partial_max_maps``. Such a map
    is only a start: `boxgrid.refine` fits it to the printed boxes, and the boxes confirm it.
    """
    f = overview.factor
    blobs = _blobs(overview, cfg)
    founds = sorted(
        [*_from_top_left(blobs, geometries, cfg), *_from_top_right(blobs, geometries, cfg)],
        key=lambda fd: (fd.missing, fd.error),
    )
    out: list[Registration] = []
    seen: set[tuple[tuple[float, float] | None, ...]] = set()
    for fd in founds:
        key = tuple(None if b is None else (b.x, b.y) for b in fd.blobs)
        if key in seen:
            continue
        seen.add(key)
        pts: list[tuple[float, float, float, float] | None] = []
        for b in fd.blobs:
            r = None if b is None else _refine(gray, b.x / f, b.y / f, b.side / f)
            pts.append(r)
        reg = _coarse(fd.geometry, pts, cfg)
        if reg is not None:
            out.append(reg)
            if len(out) >= cfg.partial_max_maps:
                break
    return out


def _coarse(
    g: FiducialGeometry,
    pts: list[tuple[float, float, float, float] | None],
    cfg: RecognitionConfig,
) -> Registration | None:
    """The map from the squares there are (None: missing; the orientation square and at
    least one other needed): turn, shift and one scale from squares in a line, an affine map
    when they span the page both ways. None when that map would mirror or shear the page."""
    have = [k for k in range(5) if pts[k] is not None]
    if pts[4] is None or len(have) < 2:
        return None
    src = np.array([g.centres[k] for k in have], dtype=np.float64)
    dst = np.array([pts[k][:2] for k in have if pts[k] is not None], dtype=np.float64)  # type: ignore[index]
    centred = src - src.mean(axis=0)
    minor = float(np.linalg.svd(centred, compute_uv=False)[-1]) if len(have) >= 3 else 0.0
    if minor >= cfg.partial_affine_spread_mm:
        affine = _affine(src, dst)
        if affine is None:
            return None
        hm = affine
    else:
        z = src[:, 0] + 1j * src[:, 1]
        w = dst[:, 0] + 1j * dst[:, 1]
        zc, wc = z - z.mean(), w - w.mean()
        a = complex((wc * np.conj(zc)).sum() / max(1e-9, float((np.abs(zc) ** 2).sum())))
        b = complex(w.mean() - a * z.mean())
        hm = np.array([[a.real, -a.imag, b.real], [a.imag, a.real, b.imag], [0.0, 0.0, 1.0]])
    a1, a2 = hm[:2, 0], hm[:2, 1]
    det = float(a1[0] * a2[1] - a1[1] * a2[0])
    shear = abs(float(a1 @ a2)) / max(1e-9, float(np.linalg.norm(a1) * np.linalg.norm(a2)))
    if det <= 0 or shear > cfg.max_shear:
        return None
    scale = math.sqrt(det)

    def to_px(k: int) -> Point:
        v = hm @ np.array([g.centres[k][0], g.centres[k][1], 1.0])
        return (float(v[0]), float(v[1]))

    points = tuple((p[0], p[1]) if (p := pts[k]) is not None else to_px(k) for k in range(5))
    black = float(np.median([p[3] for p in pts if p is not None]))
    scores = {
        "partial": 1.0,
        "corners_missing": float(sum(p is None for p in pts[:4])),
        "px_per_mm": round(scale, 4),
        "rotation_deg": round(math.degrees(math.atan2(float(a1[1]), float(a1[0]))), 2),
        "black": round(black, 3),
    }
    return Registration(
        tuple(float(v) for v in hm.ravel()),
        g,
        scale,
        scores["rotation_deg"],
        points,
        black,
        scores,
        tuple(p is not None for p in pts),
        tuple((*g.centres[k], p[0], p[1]) for k, p in enumerate(pts) if p is not None),
    )


def from_code(
    gray: Gray,
    g: FiducialGeometry,
    code_box: tuple[float, float, float, float],
    corners: NDArray[np.float64],
    cfg: RecognitionConfig,
    overview: Overview,
) -> Registration | None:
    """A coarse map from the QR code's corners (``corners``: the code's top-left, top-right,
    bottom-right, bottom-left in the image; ``code_box``: where the layout prints it), then
    from the corner squares found where that map puts them, with the code's corners.

    For a page on which too few squares are left to tell which is which: the code is read
    anywhere on the page and is itself a printed square of known size and place. None when
    the code's corners would mirror the page.
    """
    x0, y0, x1, y1 = code_box
    src = np.array([(x0, y0), (x1, y0), (x1, y1), (x0, y1)], dtype=np.float64)
    hm = _affine(src, corners)
    if hm is None:
        return None
    scale = math.sqrt(float(np.linalg.det(hm[:2, :2])))
    f = overview.factor
    blobs = _blobs(overview, cfg)
    pts: list[tuple[float, float, float, float] | None] = []
    taken: set[int] = set()
    for k in range(5):
        want = hm @ np.array([g.centres[k][0], g.centres[k][1], 1.0])
        side = g.size_mm * scale
        best, dist = None, cfg.partial_search_mm * scale
        for i, b in enumerate(blobs):
            bs = b.side / f
            if i in taken or max(bs, side) / max(1e-9, min(bs, side)) > cfg.fid_size_spread:
                continue
            e = math.hypot(b.x / f - want[0], b.y / f - want[1])
            if e <= dist:
                best, dist = i, e
        r = None
        if best is not None:
            taken.add(best)
            b = blobs[best]
            r = _refine(gray, b.x / f, b.y / f, b.side / f)
        pts.append(r)
    have = [k for k in range(5) if pts[k] is not None]
    all_src = np.vstack([src, np.array([g.centres[k] for k in have]).reshape(-1, 2)])
    all_dst = np.vstack(
        [corners, np.array([pts[k][:2] for k in have if pts[k] is not None]).reshape(-1, 2)]  # type: ignore[index]
    )
    hm2 = _affine(all_src, all_dst)
    if hm2 is None:
        return None
    a1 = hm2[:2, 0]
    scale = math.sqrt(float(np.linalg.det(hm2[:2, :2])))
    rotation = math.degrees(math.atan2(float(a1[1]), float(a1[0])))

    def to_px(k: int) -> Point:
        v = hm2 @ np.array([g.centres[k][0], g.centres[k][1], 1.0])
        return (float(v[0]), float(v[1]))

    blacks = [p[3] for p in pts if p is not None]
    if not blacks:  # no square: solid print is as dark as the code's dark modules
        bx0, by0 = np.floor(corners.min(axis=0)).astype(int)
        bx1, by1 = np.ceil(corners.max(axis=0)).astype(int)
        region = gray[max(0, by0) : max(0, by1), max(0, bx0) : max(0, bx1)]
        if region.size:
            lo, hi = (float(v) for v in np.percentile(region, (5, 95)))
            blacks = [(hi - lo) / max(hi, 1.0)]
    black = float(np.median(blacks)) if blacks else cfg.min_black
    scores = {
        "partial": 1.0,
        "from_code": 1.0,
        "corners_missing": float(sum(p is None for p in pts[:4])),
        "px_per_mm": round(scale, 4),
        "rotation_deg": round(rotation, 2),
        "black": round(black, 3),
    }
    return Registration(
        tuple(float(v) for v in hm2.ravel()),
        g,
        scale,
        rotation,
        tuple((p[0], p[1]) if (p := pts[k]) is not None else to_px(k) for k in range(5)),
        black,
        scores,
        tuple(p is not None for p in pts),
        tuple(
            (float(a), float(b), float(c), float(d))
            for (a, b), (c, d) in zip(all_src, all_dst, strict=True)
        ),
    )


def _affine(src: NDArray[np.float64], dst: NDArray[np.float64]) -> NDArray[np.float64] | None:
    """The least-squares affine map (3 × 3) from ``src`` to ``dst``; None if it mirrors."""
    sol, *_ = np.linalg.lstsq(np.hstack([src, np.ones((len(src), 1))]), dst, rcond=None)
    hm: NDArray[np.float64] = np.vstack([sol.T, [0.0, 0.0, 1.0]])
    return hm if float(np.linalg.det(hm[:2, :2])) > 0 else None


def _solve(
    g: FiducialGeometry,
    pts: list[tuple[float, float, float, float] | None],
    cfg: RecognitionConfig,
) -> Registration | RegistrationProblem:
    """The map from the refined squares (None: missing), and the checks on it."""
    have = [k for k in range(5) if pts[k] is not None]
    src = np.array([g.centres[k] for k in have], dtype=np.float64)
    dst = np.array([(pts[k][0], pts[k][1]) for k in have if pts[k] is not None], dtype=np.float64)  # type: ignore[index]
    if len(have) == 5:
        hm = cv2.getPerspectiveTransform(src[:4].astype(np.float32), dst[:4].astype(np.float32))
    else:
        # A corner is missing: an affine map fitted to the four squares there are.
        a_mat = np.hstack([src, np.ones((len(have), 1))])
        sol, *_ = np.linalg.lstsq(a_mat, dst, rcond=None)
        hm = np.vstack([sol.T, [0.0, 0.0, 1.0]])

    def to_px(k: int) -> np.ndarray:
        v = hm @ np.array([g.centres[k][0], g.centres[k][1], 1.0])
        return np.array([v[0] / v[2], v[1] / v[2]])

    corners = [np.array(pts[k][:2]) if pts[k] is not None else to_px(k) for k in range(4)]  # type: ignore[index]
    tl, tr, br, bl = corners
    u, v = tr - tl, bl - tl
    cross = float(u[0] * v[1] - u[1] * v[0])
    if cross <= 0:
        return RegistrationProblem("mirrored", "the page is mirrored")
    sides = [
        float(np.linalg.norm(tr - tl)) / g.top_mm,
        float(np.linalg.norm(br - bl)) / g.top_mm,
        float(np.linalg.norm(bl - tl)) / g.left_mm,
        float(np.linalg.norm(br - tr)) / g.left_mm,
    ]
    scale = sum(sides) / 4
    shape_err = max(abs(s / scale - 1) for s in sides)
    measured = [p for p in pts if p is not None]
    size_scale = sum(p[2] for p in measured) / len(measured) / g.size_mm
    size_err = abs(size_scale / scale - 1)
    # The check: where the map puts the squares (the orientation square, when the map was
    # made from the four corners) against where they were found.
    check = [4] if len(have) == 5 else have
    found_at = {k: (p[0], p[1]) for k, p in enumerate(pts) if p is not None}
    fit_err = max(math.dist(tuple(to_px(k)), found_at[k]) for k in check) / scale
    rotation = math.degrees(math.atan2(float(tr[1] - tl[1]), float(tr[0] - tl[0])))
    scores = {
        "px_per_mm": round(scale, 4),
        "shape_error": round(shape_err, 4),
        "size_error": round(size_err, 4),
        "cue_error_mm": round(fit_err, 3),
        "rotation_deg": round(rotation, 2),
        "corners_missing": float(5 - len(have)),
    }
    if len(have) < 5:
        axes = hm[:2, :2]
        a1, a2 = axes[:, 0], axes[:, 1]
        shear = abs(float(a1 @ a2)) / max(1e-9, float(np.linalg.norm(a1) * np.linalg.norm(a2)))
        scores["shear"] = round(shear, 4)
        if shear > cfg.max_shear:
            return RegistrationProblem(
                "registration_implausible", "the squares would shear the page", scores
            )
    if shape_err > cfg.shape_tolerance:
        return RegistrationProblem("registration_implausible", "sides disagree", scores)
    if size_err > cfg.fid_size_tolerance:
        return RegistrationProblem("registration_implausible", "mark size disagrees", scores)
    if fit_err > cfg.cue_max_error_mm:
        return RegistrationProblem("registration_implausible", "orientation mark misplaced", scores)
    black = float(np.median([p[3] for p in measured]))
    scores["black"] = round(black, 3)
    cue = pts[4]
    cue_point = (cue[0], cue[1]) if cue is not None else (float(to_px(4)[0]), float(to_px(4)[1]))
    points = (*((float(c[0]), float(c[1])) for c in corners), cue_point)
    return Registration(
        tuple(float(v) for v in hm.ravel()),
        g,
        scale,
        rotation,
        points,
        black,
        scores,
    )


def with_geometry(
    reg: Registration, g: FiducialGeometry, cfg: RecognitionConfig
) -> Registration | RegistrationProblem:
    """The same measured squares mapped to another layout's fiducials (another paper)."""
    if g == reg.geometry:
        return reg
    src = np.array([g.centres[k] for k in range(4)], dtype=np.float32)
    dst = np.array(reg.points[:4], dtype=np.float32)
    hm = cv2.getPerspectiveTransform(src, dst)
    scale = math.dist(reg.points[0], reg.points[1]) / g.top_mm
    cue = hm @ np.array([g.centres[4][0], g.centres[4][1], 1.0])
    err = math.dist((float(cue[0] / cue[2]), float(cue[1] / cue[2])), reg.points[4]) / scale
    if abs(scale / reg.px_per_mm - 1) > cfg.scale_tolerance or err > cfg.cue_max_error_mm:
        return RegistrationProblem("registration_implausible", "the code's layout does not fit")
    return Registration(
        tuple(float(v) for v in hm.ravel()),
        g,
        scale,
        reg.rotation_deg,
        reg.points,
        reg.black,
        {**reg.scores, "cue_error_mm": round(err, 3)},
    )


def describe(reg: Registration) -> dict[str, Any]:
    return {"points": [[round(a, 1), round(b, 1)] for a, b in reg.points], **reg.scores}
