"""Registration from the printed boxes, when corner squares are missing (缺角定位).

A sheet skewed by a few degrees in the feeder, or scanned with a window smaller than the
paper (A4 on a Letter setting), loses two corner squares or more: the four-corner map of
`register` cannot be made. What is left — the orientation square and at least one other —
gives a coarse map (`register.partial`). Every printed box of the layout is a square outline
at a known place: each is looked for near where the coarse map puts it, by the correlation of
its outline (compared only along the outline: a mark inside, a filled box even, leaves it), and the map is fitted to the boxes found.

The coarse map is good near the squares it comes from and worse far from them, so the boxes
are taken in rings, nearest the squares first, and the map is fitted again after each ring
before the next is looked for. A box is never looked for further than 0.4 of the distance to
its neighbour: a box can never be taken for the next one, and a map a whole row off cannot
arise. The final map must fit the found boxes within ``partial_max_residual_mm`` for at least
``partial_min_boxes_share`` of the layout's boxes, and the page is then read like any other,
boxes check included (`pipeline.read_targets`).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field, replace
from typing import Any

import cv2
import numpy as np
from numpy.typing import NDArray

from huanjie_desktop.domain.layout import BallotLayout, Box
from huanjie_desktop.recognition import marks as mk
from huanjie_desktop.recognition.config import RecognitionConfig
from huanjie_desktop.recognition.register import Registration, RegistrationProblem

Gray = NDArray[np.uint8]
F64 = NDArray[np.float64]

#: The template's white margin round the printed outline (mm).
_MARGIN_MM = 1.0
#: The printed box line (mm): reports.ballot_pdf.BOX_LINE_MM.
_LINE_MM = 0.35
#: The outline is compared within this distance of its line (mm).
_BAND_MM = 0.8


def layout_boxes(lay: BallotLayout) -> list[Box]:
    """Every mark box of the layout (candidates', then write-in columns')."""
    boxes = [b for c in lay.candidates for b in c.boxes.values()]
    boxes += [b for w in lay.writeins for b in w.boxes.values()]
    return boxes


def _centres_and_reach(boxes: list[Box], search_mm: float, share: float) -> tuple[F64, float]:
    """The boxes' centres (mm), and how far each may be looked for: ``search_mm``, but never
    more than ``share`` of the distance between the two nearest boxes."""
    centres = np.array([((b[0] + b[2]) / 2, (b[1] + b[3]) / 2) for b in boxes])
    gaps = np.hypot(*(centres[:, None, :] - centres[None, :, :]).transpose(2, 0, 1))
    np.fill_diagonal(gaps, np.inf)
    return centres, min(search_mm, share * float(gaps.min()))


def refine(
    gray: Gray, reg: Registration, lay: BallotLayout, cfg: RecognitionConfig
) -> Registration | RegistrationProblem:
    """The map of ``reg`` (a coarse one, from the squares that are left) fitted to the
    layout's printed boxes, or why that could not be done."""
    boxes = layout_boxes(lay)
    if len(boxes) < 3:
        return RegistrationProblem("no_registration", "too few printed boxes to map the page")
    centres, reach = _centres_and_reach(boxes, cfg.partial_search_mm, 0.4)
    g = reg.geometry
    measured = [k for k in range(5) if reg.measured[k]] if reg.measured else [0, 1, 2, 3, 4]
    anchors = np.array(reg.anchors, dtype=np.float64).reshape(-1, 4)
    anchors_src, anchors_dst = anchors[:, :2], anchors[:, 2:]
    if len(anchors) == 0:
        return RegistrationProblem("no_registration", "nothing to start the page's map from")
    hm = reg.matrix()
    found_src: list[tuple[float, float]] = []
    found_dst: list[tuple[float, float]] = []
    todo = np.ones(len(boxes), dtype=bool)
    known = anchors_src
    limit = cfg.partial_ring_mm
    while todo.any():
        # The boxes near what is known (the squares, the boxes found): the map is good there.
        near = np.min(
            np.hypot(*(centres[:, None, :] - known[None, :, :]).transpose(2, 0, 1)), axis=1
        )
        batch = np.flatnonzero(todo & (near <= limit))
        if batch.size == 0:
            limit += cfg.partial_ring_mm
            continue
        todo[batch] = False
        got = locate(gray, hm, [boxes[i] for i in batch], reach, cfg)
        for k, (x, y) in got.items():
            i = int(batch[k])
            px = hm @ np.array([x, y, 1.0])
            found_src.append((float(centres[i][0]), float(centres[i][1])))
            found_dst.append((float(px[0] / px[2]), float(px[1] / px[2])))
        if not got:
            limit += cfg.partial_ring_mm
            continue
        limit = cfg.partial_ring_mm
        known = np.vstack([anchors_src, np.array(found_src)])
        fitted = _fit(anchors_src, anchors_dst, np.array(found_src), np.array(found_dst), reg, cfg)
        if fitted is not None:
            hm = fitted
    src, dst = np.array(found_src).reshape(-1, 2), np.array(found_dst).reshape(-1, 2)
    share = len(src) / len(boxes)
    scale = math.sqrt(abs(float(np.linalg.det(hm[:2, :2]))))
    if len(src) >= 3:
        res = np.hypot(*(_apply(hm, src) - dst).T) / scale
        fits = res <= cfg.partial_max_residual_mm
        share = float(fits.sum()) / len(boxes)
        p90 = float(np.sort(res)[int(0.9 * (len(res) - 1))])
    else:
        p90 = math.inf
    # What the map was started from (squares, the code's corners) must stay where it was
    # measured: boxes matched a whole row off would move the map away from it.
    anchor_off = float((np.hypot(*(_apply(hm, anchors_src) - anchors_dst).T) / scale).max())
    # ... and a scanner turns and scales a sheet, it does not shear or stretch it: a map that
    # does has bent itself to fit boxes matched to their neighbours.
    shear, stretch = _distortion(hm)
    a1 = hm[:2, 0]
    scores = {
        **reg.scores,
        "boxes_found": float(len(src)),
        "boxes_fitted_share": round(share, 3),
        "boxes_residual_p90_mm": round(p90, 3) if math.isfinite(p90) else -1.0,
        "anchors_residual_max_mm": round(anchor_off, 3),
        "shear": round(shear, 4),
        "stretch": round(stretch, 4),
    }
    if (
        share < cfg.partial_min_boxes_share
        or anchor_off > cfg.partial_anchor_max_mm
        or shear > cfg.max_shear
        or stretch > cfg.shape_tolerance
    ):
        return RegistrationProblem(
            "no_registration",
            "corner squares missing and the printed boxes do not confirm the rest",
            scores,
        )
    rotation = math.degrees(math.atan2(float(a1[1]), float(a1[0])))
    points = tuple(reg.points[k] if k in measured else _to_px(hm, g.centres[k]) for k in range(5))
    return replace(
        reg,
        h=tuple(float(v) for v in hm.ravel()),
        px_per_mm=scale,
        rotation_deg=rotation,
        points=points,
        scores={**scores, "px_per_mm": round(scale, 4), "rotation_deg": round(rotation, 2)},
    )


#: A box's place, when its outline is not found, is said by this many nearest found boxes.
_NEIGHBOURS = 4


@dataclass(frozen=True)
class Shifts:
    """Where a sheet's printed boxes really are, box by box (layout mm), on a sheet the
    page's map misses unevenly: bent or slipped in the feeder, curled on the glass (纸张变形).

    ``found``: each found box's offset from where the map puts it (its outline matched);
    ``placed``: the offset of each other box, as its nearest found neighbours say, and
    ``unsure`` those of them whose neighbours disagree (their own printed border must then
    confirm the place when they are read). Any other box of the layout — a write-in name
    box — is placed as its nearest found boxes say (`offset`)."""

    found: dict[Box, tuple[float, float]]
    placed: dict[Box, tuple[float, float]]
    unsure: frozenset[Box]
    scores: dict[str, float] = field(default_factory=dict)

    def offset(self, box: Box) -> tuple[float, float]:
        if box in self.found:
            return self.found[box]
        if box in self.placed:
            return self.placed[box]
        return _from_neighbours(self.found, ((box[0] + box[2]) / 2, (box[1] + box[3]) / 2))[0]

    def moved(self, box: Box) -> Box:
        dx, dy = self.offset(box)
        return (box[0] + dx, box[1] + dy, box[2] + dx, box[3] + dy)

    def refined(self, seen: dict[Box, tuple[float, float]], most_mm: float) -> Shifts | None:
        """These shifts moved by where each box's printed border was then seen, ``seen``
        (box → its border's offset, mm, from where these shifts put it), each move at most
        ``most_mm``. A box straddling the line a sheet slipped along is stretched: its outline
        matches best between its two borders, and its top border is seen half the slip away.
        None when no box moves."""
        found = dict(self.found)
        placed = dict(self.placed)
        unsure = set(self.unsure)
        moved = 0
        for b, (dx, dy) in seen.items():
            if (dx, dy) == (0.0, 0.0) or max(abs(dx), abs(dy)) > most_mm:
                continue
            ox, oy = self.offset(b)
            found[b] = (ox + dx, oy + dy)
            placed.pop(b, None)
            unsure.discard(b)
            moved += 1
        if not moved:
            return None
        return Shifts(
            found, placed, frozenset(unsure), {**self.scores, "boxes_refined": float(moved)}
        )


def local_shifts(
    gray: Gray, hm: F64, lay: BallotLayout, cfg: RecognitionConfig
) -> Shifts | RegistrationProblem:
    """Each of the layout's boxes where its printed outline is, looked for within
    ``local_search_mm`` of where ``hm`` puts it — never more than a quarter of the distance to
    its neighbour: a box is never taken for the next, even where the map is off by more than
    half that distance. A found box that its nearest found neighbours contradict by more than
    ``local_max_dev_mm`` (and ``local_max_slope`` per mm to the nearest of them) is taken as
    not found; a box not found is placed as its nearest found neighbours say. None of this is
    trusted alone: the page is then read at these places and must pass the boxes check
    (`pipeline.read_targets`)."""
    boxes = layout_boxes(lay)
    if len(boxes) < 3:
        return RegistrationProblem("boxes_misplaced", "too few printed boxes to place")
    centres, reach = _centres_and_reach(boxes, cfg.local_search_mm, 0.25)
    got = locate(gray, hm, boxes, reach, cfg)
    offsets = {boxes[i]: (x - centres[i][0], y - centres[i][1]) for i, (x, y) in got.items()}
    # A box its neighbours contradict was matched on something else (a mark over its
    # outline): left out, then placed like a box not found.
    found: dict[Box, tuple[float, float]] = {}
    worst = 0.0
    for b, off in offsets.items():
        others = {k: v for k, v in offsets.items() if k != b}
        at = ((b[0] + b[2]) / 2, (b[1] + b[3]) / 2)
        said, _ = _from_neighbours(others, at)
        # (a bend may change the offset by up to local_max_slope per mm to the nearest one)
        nearest = min(
            (math.hypot((k[0] + k[2]) / 2 - at[0], (k[1] + k[3]) / 2 - at[1]) for k in others),
            default=math.inf,
        )
        dev = math.hypot(off[0] - said[0], off[1] - said[1])
        if dev <= cfg.local_max_dev_mm + cfg.local_max_slope * nearest:
            found[b] = off
            worst = max(worst, dev)
    scores = {
        "search_mm": round(reach, 2),
        "boxes_found": float(len(found)),
        "boxes_contradicted": float(len(offsets) - len(found)),
        "max_shift_mm": round(max((math.hypot(*o) for o in found.values()), default=0.0), 2),
        "max_dev_mm": round(worst, 2),
        "median_shift_mm": round(
            float(np.median([math.hypot(*o) for o in found.values()])) if found else 0.0, 2
        ),
    }
    if len(found) < max(3, cfg.local_min_found_share * len(boxes)):
        return RegistrationProblem(
            "boxes_misplaced", "too few printed boxes found where the sheet is bent", scores
        )
    placed: dict[Box, tuple[float, float]] = {}
    unsure: set[Box] = set()
    for b in boxes:
        if b in found:
            continue
        placed[b], spread = _from_neighbours(found, ((b[0] + b[2]) / 2, (b[1] + b[3]) / 2))
        if spread > cfg.local_max_spread_mm:
            unsure.add(b)
    scores["boxes_unsure"] = float(len(unsure))
    return Shifts(found, placed, frozenset(unsure), scores)


def _from_neighbours(
    offsets: dict[Box, tuple[float, float]], at: tuple[float, float]
) -> tuple[tuple[float, float], float]:
    """The offset at ``at`` (mm) as the ``_NEIGHBOURS`` nearest boxes of ``offsets`` say it,
    and how far it may be wrong (mm). With three of them or more: the plane through their
    offsets (weighted by nearness; along a row of boxes, the line), and its largest miss at
    them — a sheet bent smoothly is near a plane locally, one bent sharply (slipped) is not.
    With fewer: their weighted mean, and how far they disagree."""
    if not offsets:
        return (0.0, 0.0), math.inf
    keys = list(offsets)
    c = np.array([((b[0] + b[2]) / 2, (b[1] + b[3]) / 2) for b in keys])
    o = np.array([offsets[b] for b in keys])
    dist = np.hypot(c[:, 0] - at[0], c[:, 1] - at[1])
    near = np.argsort(dist, kind="stable")[:_NEIGHBOURS]
    w = 1.0 / (dist[near] + 1.0) ** 2
    if len(near) < 3:
        said = (o[near] * w[:, None]).sum(axis=0) / w.sum()
        spread = float(np.ptp(o[near], axis=0).max()) if len(near) > 1 else math.inf
        return (float(said[0]), float(said[1])), spread
    cn = c[near]
    mid = (cn * w[:, None]).sum(axis=0) / w.sum()
    d = cn - mid
    d[:, np.ptp(cn, axis=0) < 1.0] = 0.0  # (boxes in a row: no slope across it)
    design = np.hstack([np.ones((len(near), 1)), d]) * np.sqrt(w)[:, None]
    coef, *_ = np.linalg.lstsq(design, o[near] * np.sqrt(w)[:, None], rcond=1e-9)
    fitted = np.hstack([np.ones((len(near), 1)), d]) @ coef
    q = np.array([1.0, at[0] - mid[0], at[1] - mid[1]])
    q[1:][np.ptp(cn, axis=0) < 1.0] = 0.0
    said = q @ coef
    miss = float(np.abs(fitted - o[near]).max())
    return (float(said[0]), float(said[1])), miss


def locate(
    gray: Gray, hm: F64, boxes: list[Box], reach: float, cfg: RecognitionConfig
) -> dict[int, tuple[float, float]]:
    """Where each box's printed outline is (layout mm as ``hm`` maps them: the box's centre
    as found), looked for within ``reach`` mm of where ``hm`` puts it; boxes whose outline
    matches less than ``partial_min_match`` are left out."""
    s = cfg.patch_px_per_mm
    side = reach + _MARGIN_MM
    groups: dict[tuple[int, int], list[int]] = {}
    for i, b in enumerate(boxes):
        groups.setdefault((round((b[2] - b[0]) * s), round((b[3] - b[1]) * s)), []).append(i)
    out: dict[int, tuple[float, float]] = {}
    for idx in groups.values():
        b0 = boxes[idx[0]]
        bw, bh = b0[2] - b0[0], b0[3] - b0[1]
        pw, ph = round((bw + 2 * side) * s), round((bh + 2 * side) * s)
        origins = np.array([(boxes[i][0] - side, boxes[i][1] - side) for i in idx])
        stack = mk.sample_many(gray, hm, origins, pw, ph, s)
        tmpl, band = _outline(bw, bh, s)
        for k, i in enumerate(idx):
            res = cv2.matchTemplate(stack[k], tmpl, cv2.TM_CCOEFF_NORMED, mask=band)
            np.nan_to_num(res, copy=False, nan=-1.0, posinf=-1.0, neginf=-1.0)
            _, best, _, (u, v) = cv2.minMaxLoc(res)
            if not best >= cfg.partial_min_match:
                continue
            du, dv = (
                _vertex(res[v, max(0, u - 1) : u + 2], u),
                _vertex(res[max(0, v - 1) : v + 2, u], v),
            )
            b = boxes[i]
            dx = (u + du) / s + _MARGIN_MM - side
            dy = (v + dv) / s + _MARGIN_MM - side
            out[i] = ((b[0] + b[2]) / 2 + dx, (b[1] + b[3]) / 2 + dy)
    return out


def _outline(bw: float, bh: float, s: float) -> tuple[Gray, Gray]:
    """A printed box outline (``bw`` × ``bh`` mm, line ``_LINE_MM``) on white with
    ``_MARGIN_MM`` round it, at ``s`` px/mm: pixel q is at (q / s − margin) mm from the
    box's top-left corner, as `marks.sample_many` samples the page; and the mask of the band
    within ``_BAND_MM`` of the line, where alone it is compared (a mark inside the box, a
    filled box even, leaves the outline as it is)."""
    w, h = round((bw + 2 * _MARGIN_MM) * s), round((bh + 2 * _MARGIN_MM) * s)
    x = np.arange(w, dtype=np.float64)[None, :] / s - _MARGIN_MM
    y = np.arange(h, dtype=np.float64)[:, None] / s - _MARGIN_MM
    inside = np.minimum(np.minimum(x, bw - x), np.minimum(y, bh - y))
    ox = np.maximum(np.maximum(-x, x - bw), 0.0)
    oy = np.maximum(np.maximum(-y, y - bh), 0.0)
    dist = np.where(inside >= 0, inside, np.hypot(ox, oy))
    dark = np.clip(1.0 - (dist - _LINE_MM / 2) * s, 0.0, 1.0)
    tmpl: Gray = np.round(255.0 - 200.0 * dark).astype(np.uint8)
    band: Gray = (dist <= _BAND_MM).astype(np.uint8)
    return tmpl, band


def _vertex(three: NDArray[Any], at: int) -> float:
    """Sub-pixel offset of a peak from its value and its two neighbours (0 at an edge)."""
    if three.size != 3 or at == 0:
        return 0.0
    a, b, c = (float(v) for v in three)
    den = a - 2 * b + c
    return 0.5 * (a - c) / den if den < 0 else 0.0


def _fit(
    anchors_src: F64,
    anchors_dst: F64,
    src: F64,
    dst: F64,
    reg: Registration,
    cfg: RecognitionConfig,
) -> F64 | None:
    """An affine map (3 × 3) from the squares and the boxes found so far, robust to a box
    matched wrongly (RANSAC, 0.5 mm); None with too few points, or when the map would shear
    or stretch the sheet more than a scanner does."""
    all_src = np.vstack([anchors_src, src.reshape(-1, 2)])
    all_dst = np.vstack([anchors_dst, dst.reshape(-1, 2)])
    if len(all_src) < 4:
        return None
    m, inliers = cv2.estimateAffine2D(
        all_src.astype(np.float32),
        all_dst.astype(np.float32),
        method=cv2.RANSAC,
        ransacReprojThreshold=0.5 * reg.px_per_mm,
        refineIters=20,
    )
    if m is None or inliers is None or int(inliers.sum()) < 4:
        return None
    keep = inliers.ravel().astype(bool)
    # The inliers' least-squares affine map (RANSAC's own is refined only by LM on them) ...
    a_mat = np.hstack([all_src[keep], np.ones((int(keep.sum()), 1))])
    sol, *_ = np.linalg.lstsq(a_mat, all_dst[keep], rcond=None)
    out: F64 = np.vstack([sol.T, [0.0, 0.0, 1.0]])
    # ... or, once they cover the sheet both ways, the homography through them (a sheet not
    # quite flat on the glass is seen in perspective, as the four-corner map allows).
    g = reg.geometry
    spread = np.ptp(all_src[keep], axis=0) if keep.sum() else np.zeros(2)
    if keep.sum() >= 8 and spread[0] >= 0.4 * g.paper_w and spread[1] >= 0.4 * g.paper_h:
        hom, _ = cv2.findHomography(all_src[keep], all_dst[keep], 0)
        if hom is not None and abs(float(hom[2, 2])) > 1e-12:
            out = np.asarray(hom, dtype=np.float64) / float(hom[2, 2])
    shear, stretch = _distortion(out)
    if np.linalg.det(out[:2, :2]) <= 0 or shear > cfg.max_shear or stretch > cfg.shape_tolerance:
        return None
    return out


def _distortion(hm: F64) -> tuple[float, float]:
    """How far the map's axes are from square (|cos| of their angle) and from one scale
    (for a homography: its linear part, perspective being slight)."""
    a1, a2 = hm[:2, 0], hm[:2, 1]
    n1, n2 = float(np.linalg.norm(a1)), float(np.linalg.norm(a2))
    return abs(float(a1 @ a2)) / max(1e-9, n1 * n2), abs(n1 / max(1e-9, n2) - 1)


def _apply(hm: F64, pts: F64) -> F64:
    v = np.hstack([pts, np.ones((len(pts), 1))]) @ hm.T
    out: F64 = v[:, :2] / v[:, 2:]
    return out


def _to_px(hm: F64, p: tuple[float, float]) -> tuple[float, float]:
    v = hm @ np.array([p[0], p[1], 1.0])
    return (float(v[0] / v[2]), float(v[1] / v[2]))
