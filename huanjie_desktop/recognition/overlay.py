"""Debug overlays: the page with the registration marks, every target and the decisions drawn.

Colours: green ○ agree, red × disagree, grey abstain, orange unclear (and writing found
elsewhere on the sheet, marks beside the boxes, printed squares and bar gone where paper is
hidden); blue the registration marks and the code's box. The sheet-level status and reasons are written at the top.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

import cv2
import numpy as np
from numpy.typing import NDArray

from huanjie_desktop.domain.layout import Box

if TYPE_CHECKING:
    from huanjie_desktop.recognition.pipeline import PageReading

_COLOURS = {
    "agree": (40, 170, 40),
    "disagree": (40, 40, 220),
    "abstain": (150, 150, 150),
    "unclear": (0, 140, 255),
}
_BLUE = (220, 120, 0)
#: The decision written beside each candidate's boxes: O agree (○), X disagree (×),
#: - abstain, ? for a person (one letter each: "A" would be both agree and abstain).
_LABELS = {"agree": "O", "disagree": "X", "abstain": "-", "unclear": "?"}


def draw_overlay(
    gray: NDArray[np.uint8], reading: PageReading, status_text: bool = True
) -> NDArray[np.uint8]:
    """A colour copy of ``gray`` with the reading drawn on it; ``status_text``: the status and
    reason codes written at the top (for `scan --overlay`'s files; the app says them in
    words beside the picture)."""
    img = cast(NDArray[np.uint8], cv2.cvtColor(gray, cv2.COLOR_GRAY2BGR))
    scale = max(1, round(min(gray.shape) / 1200))
    reg = reading.registration
    if reg is not None:
        for x, y in reg.points:
            cv2.circle(img, (round(x), round(y)), 12 * scale, _BLUE, 2 * scale)
    lay = reading.layout
    if reg is not None and lay is not None:
        shifts = reading.shifts

        def poly(b: Box, colour: tuple[int, int, int], width: int) -> tuple[int, int]:
            if shifts is not None and b is not lay.qr:  # each box where it was read
                b = shifts.moved(b)
            pts = [
                reg.to_px(x, y) for x, y in ((b[0], b[1]), (b[2], b[1]), (b[2], b[3]), (b[0], b[3]))
            ]
            arr = np.array([[round(px), round(py)] for px, py in pts], dtype=np.int32)
            cv2.polylines(img, [arr], True, colour, width)
            return int(arr[:, 0].max()), int(arr[:, 1].min())

        poly(lay.qr, _BLUE, scale)
        for cand in lay.candidates:
            call = reading.box_calls.get(cand.code, "")
            colour = _COLOURS.get(call, _BLUE)
            for b in cand.boxes.values():
                x, y = poly(b, colour, 2 * scale)
            cv2.putText(
                img,
                _LABELS.get(call, "-"),
                (x + 2 * scale, y + 10 * scale),
                cv2.FONT_HERSHEY_SIMPLEX,
                0.5 * scale,
                colour,
                scale,
            )
        for w in lay.writeins:
            call = reading.box_calls.get(f"w{w.column}", "")
            colour = _COLOURS.get(call, _BLUE)
            poly(w.name_box, colour, scale)
            for b in w.boxes.values():
                x, y = poly(b, colour, 2 * scale)
            cv2.putText(
                img,
                _LABELS.get(call, "-"),
                (x + 2 * scale, y + 10 * scale),
                cv2.FONT_HERSHEY_SIMPLEX,
                0.5 * scale,
                colour,
                scale,
            )
        found = reading.scores.get("elsewhere")
        # writing elsewhere on the sheet, marks beside the boxes: where they are, for a person
        places = [found] if found else []
        places += list(reading.scores.get("beside_boxes", {}).values())
        hidden = reading.scores.get("hidden_print")
        if "paper_hidden" in reading.reasons and isinstance(hidden, dict) and "box_mm" in hidden:
            places.append(hidden)  # (the printed pieces gone: where the paper is hidden)
        for place in places:
            x0, y0, x1, y1 = (float(v) for v in place["box_mm"])
            pad = 2.0
            poly((x0 - pad, y0 - pad, x1 + pad, y1 + pad), _COLOURS["unclear"], 2 * scale)
    if not status_text:
        return img
    text = f"{reading.status}: {', '.join(reading.reasons) or 'ok'}"
    cv2.putText(
        img,
        text,
        (10 * scale, 24 * scale),
        cv2.FONT_HERSHEY_SIMPLEX,
        0.7 * scale,
        (0, 0, 200),
        2 * scale,
    )
    return img
