"""Reading the ballot's QR code: where it should be first, then the whole page.

Order (each step only when the one before found nothing):
1. zxing-cpp, QR format only, on the crop where the layout puts the code, after a 3×3 median;
2. zxing-cpp on the same crop unfiltered, then enlarged (helps at 150–200 dpi);
3. pyzbar on the crop (a second, independent decoder);
4. zxing-cpp on the crop enlarged and sharpened (a blurred scan);
5. zxing-cpp on the whole page.
The decoded text is only read here; checking it (MAC, fingerprint) is the pipeline's job.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, cast

import cv2
import numpy as np
from numpy.typing import NDArray

Gray = NDArray[np.uint8]


@dataclass(frozen=True)
class QrRead:
    text: str | None
    method: str  # which step read it ("" when nothing was read)
    codes_found: int = 1
    #: How the code is turned in the image (degrees, as zxing-cpp reports it: 0 upright, 90
    #: turned clockwise); None when the decoder that read it does not say.
    orientation: float | None = None


def _zxing_codes(img: Gray) -> list[Any]:
    """The QR codes zxing-cpp reads in ``img`` (valid, with text)."""
    import zxingcpp

    try:
        found = zxingcpp.read_barcodes(
            img, formats=zxingcpp.BarcodeFormats(zxingcpp.BarcodeFormat.QRCode)
        )
    except (ValueError, RuntimeError):
        return []
    return [b for b in found if b.valid and b.text]


def _zxing(img: Gray) -> list[tuple[str, float | None]]:
    return [(str(b.text), float(b.orientation)) for b in _zxing_codes(img)]


def _zbar(img: Gray) -> list[tuple[str, float | None]]:
    return [(t, None) for t in _zbar_texts(img)]


def _zbar_texts(img: Gray) -> list[str]:
    try:
        from pyzbar import pyzbar
    except ImportError:  # libzbar missing: the first decoder still ran
        return []
    try:
        found = pyzbar.decode(img, symbols=[pyzbar.ZBarSymbol.QRCODE])
    except (ValueError, TypeError, OSError):
        return []
    out = []
    for s in found:
        try:
            out.append(s.data.decode("utf-8"))
        except UnicodeDecodeError:
            continue
    return out


def _sharpened(region: Gray, px_per_mm: float) -> Gray:
    """``region`` enlarged to about 18 px per mm (three times at 150 dpi; not at all from
    about 450 dpi on) and sharpened by an unsharp mask of a blur as wide as one of its
    original pixels."""
    f = max(1, round(18 / max(px_per_mm, 1.0)))
    big = region if f == 1 else cv2.resize(region, None, fx=f, fy=f, interpolation=cv2.INTER_CUBIC)
    soft = cv2.GaussianBlur(big, (0, 0), float(f))
    return cast(Gray, cv2.addWeighted(big, 3.0, soft, -2.0, 0))


def read_qr(gray: Gray, crop: tuple[int, int, int, int] | None, px_per_mm: float) -> QrRead:
    """Decode the code inside ``crop`` = (x0, y0, x1, y1) of ``gray``, else anywhere."""
    if crop is not None:
        x0, y0, x1, y1 = crop
        h, w = gray.shape
        x0, y0, x1, y1 = max(0, x0), max(0, y0), min(w, x1), min(h, y1)
        if x1 - x0 > 8 and y1 - y0 > 8:
            region = np.ascontiguousarray(gray[y0:y1, x0:x1])
            steps: list[tuple[str, Callable[[], list[tuple[str, float | None]]]]] = [
                ("zxing_median", lambda: _zxing(cast(Gray, cv2.medianBlur(region, 3)))),
                ("zxing_crop", lambda: _zxing(region)),
            ]
            if px_per_mm < 9:
                big = cast(
                    Gray, cv2.resize(region, None, fx=2, fy=2, interpolation=cv2.INTER_CUBIC)
                )
                steps.append(("zxing_enlarged", lambda: _zxing(big)))
            steps.append(("zbar_crop", lambda: _zbar(region)))
            # A blurred scan (out of focus, a soft 150-dpi one) melts the modules together:
            # enlarged and sharpened (unsharp mask) they come apart again.
            steps.append(("zxing_sharpened", lambda: _zxing(_sharpened(region, px_per_mm))))
            for name, step in steps:
                found = step()
                if found:
                    return QrRead(found[0][0], name, len({t for t, _ in found}), found[0][1])
    found = _zxing(gray)
    if found:
        return QrRead(found[0][0], "zxing_page", len({t for t, _ in found}), found[0][1])
    return QrRead(None, "", 0)


def codes_with_corners(gray: Gray) -> list[tuple[str, NDArray[np.float64]]]:
    """Every QR code zxing-cpp reads on the whole page, with its four corners in the image
    (4 × 2: the code's own top-left, top-right, bottom-right, bottom-left): where a page's
    squares do not give its map, the code is where the map can start from."""
    out = []
    for b in _zxing_codes(gray):
        p = b.position
        corners = [(c.x, c.y) for c in (p.top_left, p.top_right, p.bottom_right, p.bottom_left)]
        out.append((str(b.text), np.array(corners, dtype=np.float64)))
    return out
