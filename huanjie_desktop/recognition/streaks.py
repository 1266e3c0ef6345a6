"""Scanner streaks (扫描条纹): a line the scanner itself draws down or across the image.

A speck of dust or a scratch on the glass of a sheet feeder draws a thin dark line down the
whole image, at the same place on every page; a feed hiccup can draw one across it. Through a
box such a line looks like a pen stroke drawn with a ruler, and the box goes to a person —
on a dirty scanner, one box in every row of a column on every sheet.

What tells a streak from anything on the paper is where it runs: along the image's own axis,
from one edge of the image to the other (top margin, title, boxes, bottom margin alike),
a few pixels wide. Printed lines and a voter's strokes lie on the paper — they stop at its
margins, and a sheet fed with the slightest turn makes even a long printed rule drift across
the image's columns. A streak is healed by filling it from the image on either side of it: a
stroke crossing it is dark on both sides and stays, the paper around it closes over it.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from huanjie_desktop.recognition.config import RecognitionConfig

Gray = NDArray[np.uint8]


@dataclass(frozen=True)
class Streak:
    vertical: bool  # down the image (a column); else across it (a row)
    first: int  # first and last column (row) of the working image
    last: int

    def to_json(self) -> list[object]:
        return ["column" if self.vertical else "row", self.first, self.last]


def find(gray: Gray, white: float, px_per_mm: float, cfg: RecognitionConfig) -> list[Streak]:
    """Columns (rows) of the image darker than the paper (by ``streak_darkness``) along at
    least ``streak_min_share`` of their length, in runs no wider than ``streak_max_mm``.

    Looked for on every eighth row (column) first; only the lines dark there are counted in
    full (a page with none costs a fraction of a millisecond)."""
    level = np.uint8(max(0.0, min(255.0, white * (1 - cfg.streak_darkness))))
    out: list[Streak] = []
    widest = max(1, round(cfg.streak_max_mm * px_per_mm))
    for vertical in (True, False):
        img = gray if vertical else gray.T
        sampled = np.count_nonzero(img[::_STEP] < level, axis=0)
        maybe = np.flatnonzero(sampled >= cfg.streak_min_share * len(img[::_STEP]))
        if maybe.size == 0:
            continue
        counts = np.count_nonzero(img[:, maybe] < level, axis=0)
        lines = maybe[counts >= cfg.streak_min_share * img.shape[0]]
        if lines.size == 0:
            continue
        runs = np.split(lines, np.flatnonzero(np.diff(lines) > 1) + 1)
        out += [Streak(vertical, int(r[0]), int(r[-1])) for r in runs if r[-1] - r[0] + 1 <= widest]
    return out


#: Every this many rows (columns) are looked at first.
_STEP = 8


def heal(gray: Gray, streaks: list[Streak]) -> Gray:
    """The image with each streak (and one pixel of its blur either side) filled, pixel by
    pixel, with the lighter of the two pixels just beside it."""
    out = gray.copy()
    for s in streaks:
        img = out if s.vertical else out.T
        n = img.shape[1]
        a, b = max(0, s.first - 1), min(n - 1, s.last + 1)
        left = img[:, a - 1] if a >= 1 else img[:, b + 1 if b + 1 < n else b]
        right = img[:, b + 1] if b + 1 < n else left
        img[:, a : b + 1] = np.maximum(left, right)[:, None]
    return out
