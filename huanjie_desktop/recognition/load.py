"""Loading scanned pages: PNG, JPEG, BMP, TIFF (multi-page, bilevel G4 included) and PDF.

Each page becomes a grey working image plus the bytes of the image that is kept as evidence.
A colour scan is balanced to its paper and read in its luminance, except that a pen's colour
(red, violet, blue) is taken as dark as its darkest channel (`colour_to_grey`): not every
colour, as a coffee stain's ring, in an empty box, would then read as a ○. A transparent part
is white paper, 16-bit channels are brought to 8. A black-and-white scan's dots are averaged
back into grey (a dithered faint stroke is not dust).

- a single-page raster file (JPEG, PNG, BMP, one-page TIFF) is kept byte for byte;
- a page of a multi-page TIFF, or a PDF page rendered by poppler (``pdftoppm``), is kept as a
  lossless PNG of exactly the pixels that were read.

``image_sha256`` is the SHA-256 of the kept bytes, so ``sha256sum`` of the kept file proves
it is the image that was read; the same file scanned twice has the same hash (a duplicate).

A file that cannot be read is not an exception: `load_page` returns a `LoadProblem` with a
reason code, and its bytes are still kept so the page is listed and can be looked at.
"""

from __future__ import annotations

import hashlib
import math
import os
import re
import shutil
import stat
import subprocess
import sys
import tempfile
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Literal, cast

import cv2
import numpy as np
from numpy.typing import NDArray

from huanjie_desktop.recognition.config import RecognitionConfig
from huanjie_desktop.recognition.marks import FineImage

Gray = NDArray[np.uint8]

RASTER_EXTENSIONS = frozenset(
    {".png", ".jpg", ".jpeg", ".jpe", ".jfif", ".bmp", ".tif", ".tiff", ".webp"}
)
PDF_EXTENSIONS = frozenset({".pdf"})
SCAN_EXTENSIONS = RASTER_EXTENSIONS | PDF_EXTENSIONS
_TIFF = frozenset({".tif", ".tiff"})
_JPEG = frozenset({".jpg", ".jpeg", ".jpe", ".jfif"})


@dataclass(frozen=True)
class PageRef:
    """One page of one file. ``page`` counts from 1; ``pages`` is the file's page count."""

    path: str
    page: int
    pages: int


@dataclass(frozen=True)
class Kept:
    """The bytes kept as evidence for a page, and their hash."""

    data: bytes
    ext: str  # without the dot: "jpg", "png", "bin"
    sha256: str


@dataclass(frozen=True)
class LoadedPage:
    """A decoded page. ``gray`` is reduced by the integer ``reduction`` from the kept image."""

    gray: Gray
    reduction: int
    full_size: tuple[int, int]  # (width, height) of the kept image in pixels
    kept: Kept
    bilevel: bool = False  # a black-and-white scan (a coloured pen may have been dropped)
    damage: str = ""  # what the decoder said was wrong with the page, if it was drawn anyway
    #: A colour scan's marker ink (`_colour_planes`), as ``gray`` is reduced; None for a grey
    #: scan, or a colour one without any.
    marker: Gray | None = None


@dataclass(frozen=True)
class LoadProblem:
    """The page could not be decoded: ``code`` is a reason code (see reasons.py)."""

    code: str
    detail: str
    kept: Kept


def path_name(path: str) -> str:
    return Path(path).name


def _kept(data: bytes, ext: str) -> Kept:
    return Kept(data, ext, hashlib.sha256(data).hexdigest())


def _not_kept(path: str, why: str) -> Kept:
    """Nothing could be kept (unreadable, too large): a stand-in hash naming the file, so two
    such files are not taken for the same image."""
    return Kept(b"", "bin", hashlib.sha256(f"not kept\x1f{why}\x1f{path}".encode()).hexdigest())


def _ext_of(path: str) -> str:
    ext = Path(path).suffix.lower().lstrip(".")
    return ext if re.fullmatch(r"[a-z0-9]{1,5}", ext) else "bin"


def _format_of(path: str) -> str:
    """What a file holds by its first bytes, whatever its name ends in: "pdf", "tiff",
    "jpeg", "other"; "" when it is no regular file (a pipe or a device: never opened, it
    could wait for ever) or cannot be read. (A scanner's multi-page TIFF saved without an
    ending, a PDF renamed .png: read as what they are.)"""
    try:
        if not stat.S_ISREG(Path(path).stat().st_mode):
            return ""
        with Path(path).open("rb") as f:
            head = f.read(1024)
    except OSError:
        return ""
    if head[:4] in (b"II*\x00", b"MM\x00*", b"II+\x00", b"MM\x00+"):  # (classic, BigTIFF)
        return "tiff"
    if head[:2] == b"\xff\xd8":
        return "jpeg"
    if b"%PDF-" in head:  # (a PDF may start a little way in)
        return "pdf"
    return "other"


def list_pages(path: str) -> list[PageRef]:
    """The pages of one file. A file whose pages cannot be counted is one (broken) page; a
    multi-page file cut short lists one page more than it still holds, so that the loss is
    a refused page on record ("the file is damaged"), never pages missing without a word."""
    kind = _format_of(path)
    n = 1
    try:
        if kind == "tiff":
            n = max(1, int(cv2.imcount(path)))
            chained = _tiff_directories(path)
            if chained is not None and chained[1]:  # a page runs past the file's end
                n = max(n, chained[0] + 1)
            # (a reduced copy of a page some capture software adds, marked as such: no page)
            small = _tiff_thumbnails(path)
            if small and len(small) < n:
                return [PageRef(path, i, n) for i in range(1, n + 1) if i - 1 not in small]
        elif kind == "pdf":
            n = max(1, _pdf_page_count(path))
    except (cv2.error, OSError, ValueError, subprocess.SubprocessError):
        n = 1
    return [PageRef(path, i, n) for i in range(1, n + 1)]


@dataclass(frozen=True)
class _Ifd:
    """One image directory of a TIFF: its entries (tag, type, count, where its value or the
    offset of its values is) and whether it runs past the file's end."""

    entries: tuple[tuple[int, int, int, int], ...]
    cut: bool


def _tiff_ifds(data: bytes) -> tuple[list[_Ifd], bool] | None:
    """The image directories of a TIFF, classic or BigTIFF, in order, and whether the chain
    of directories points past the file's end (a file cut short); None for what is no TIFF."""
    if len(data) < 8 or data[:2] not in (b"II", b"MM"):
        return None
    order: Literal["little", "big"] = "little" if data[:2] == b"II" else "big"

    def number(at: int, size: int) -> int:
        return int.from_bytes(data[at : at + size], order)

    version = number(2, 2)
    if version == 42:
        first, count_size, entry_size, offset_size = number(4, 4), 2, 12, 4
    elif version == 43 and len(data) >= 16:  # BigTIFF: 8-byte counts and offsets
        first, count_size, entry_size, offset_size = number(8, 8), 8, 20, 8
    else:
        return None
    out: list[_Ifd] = []
    at, seen = first, set()
    while at and at not in seen and len(out) < 100_000:
        seen.add(at)
        if at + count_size > len(data):
            return out, True
        entries = number(at, count_size)
        end = at + count_size + entry_size * entries + offset_size
        if end > len(data):
            return out, True
        items = []
        for k in range(entries):
            e = at + count_size + entry_size * k
            n_at = e + 4
            items.append(
                (number(e, 2), number(e + 2, 2), number(n_at, offset_size), n_at + offset_size)
            )
        out.append(_Ifd(tuple(items), False))
        at = number(end - offset_size, offset_size)
    return out, False


#: Bytes of one value of a TIFF field type (SHORT, LONG, LONG8, IFD8): the ones read here.
_TIFF_SIZES = {3: 2, 4: 4, 16: 8, 18: 8}


def _tiff_directories(path: str) -> tuple[int, bool] | None:
    """(image directories whose entries lie within the file, whether the chain of
    directories points past the file's end: a file cut short); None for what is no TIFF."""
    data = Path(path).read_bytes()
    found = _tiff_ifds(data)
    if found is None:
        return None
    ifds, cut = found
    order: Literal["little", "big"] = "little" if data[:2] == b"II" else "big"
    inline = 8 if data[2:4] in (b"+\x00", b"\x00+") else 4

    def number(at: int, size: int) -> int:
        return int.from_bytes(data[at : at + size], order)

    for count, ifd in enumerate(ifds):
        values: dict[int, list[int]] = {}
        for tag, kind, n_values, field in ifd.entries:  # the strips or tiles must be there too
            if tag in (273, 279, 324, 325) and n_values:  # strip/tile offsets and sizes
                size = _TIFF_SIZES.get(kind, 4)
                where = field if n_values * size <= inline else number(field, inline)
                if where + n_values * size > len(data):
                    return count, True
                values[tag] = [number(where + i * size, size) for i in range(n_values)]
        for offsets, sizes in ((273, 279), (324, 325)):
            if any(
                o + c > len(data)
                for o, c in zip(values.get(offsets, []), values.get(sizes, []), strict=False)
            ):
                return count, True
    return len(ifds), cut


def _tiff_thumbnails(path: str) -> set[int]:
    """The image directories (0-based) of a TIFF marked as a reduced-resolution copy of
    another image (NewSubfileType bit 0, or the old SubfileType 2): a thumbnail."""
    data = Path(path).read_bytes()
    found = _tiff_ifds(data)
    if found is None:
        return set()
    order: Literal["little", "big"] = "little" if data[:2] == b"II" else "big"
    out: set[int] = set()
    for index, ifd in enumerate(found[0]):
        for tag, kind, _, field in ifd.entries:
            value = int.from_bytes(data[field : field + (2 if kind == 3 else 4)], order)
            if (tag == 254 and value & 1) or (tag == 255 and value == 2):
                out.add(index)
    return out


def _pdf_page_count(path: str) -> int:
    pdfinfo = shutil.which("pdfinfo")
    if pdfinfo is not None:
        out = subprocess.run([pdfinfo, path], capture_output=True, timeout=60, check=False)
        m = re.search(rb"^Pages:\s+(\d+)", out.stdout, re.MULTILINE)
        if m:
            return int(m.group(1))
    # A damaged PDF (cut short, its index lost): its pages counted in the file itself, so
    # that each is tried, and each that cannot be read is on record — by its page objects,
    # or its images (a scanner's page is one image; a page tree written at the end of the
    # file is lost with it), and one more where the file is cut short: the cut may have
    # taken a page whose every trace was after it.
    data = Path(path).read_bytes()
    pages = len(re.findall(rb"/Type\s*/Page(?![a-zA-Z])", data))
    images = len(re.findall(rb"/Subtype\s*/Image(?![a-zA-Z])", data))
    counts = [int(n) for n in re.findall(rb"/Count\s+(\d{1,5})", data)]
    if counts:  # (the page tree's count survived the cut: it says how many there were)
        return max([pages, images, *counts])
    return max(pages, images, 1) + (1 if pdf_cut_short(data) else 0)


def _pdf_page_long_in(path: str, page: int) -> float | None:
    """The long side (inches) of a PDF's page as it declares it; None when unknown."""
    pdfinfo = shutil.which("pdfinfo")
    if pdfinfo is None:
        return None
    try:
        out = subprocess.run(
            [pdfinfo, "-f", str(page), "-l", str(page), path],
            capture_output=True,
            timeout=60,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired):
        return None
    m = re.search(rb"^Page\s+\d+\s+size:\s+([\d.]+)\s+x\s+([\d.]+)\s+pts", out.stdout, re.M)
    if m is None:
        return None
    return max(float(m.group(1)), float(m.group(2))) / 72.0


def pdf_cut_short(data: bytes) -> bool:
    """Does this PDF end before its end (objects in it, but no %%EOF in its last kilobyte):
    an incomplete copy or transfer?"""
    return b" obj" in data and b"%%EOF" not in data[-1024:]


def image_size(data: bytes) -> tuple[int, int] | None:
    """(width, height) from a PNG's, BMP's, WebP's or TIFF's header (its first page),
    without decoding it; None for what it cannot tell."""
    if data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) >= 24:
        return int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")
    if data[:2] == b"BM" and len(data) >= 26:
        return (
            int.from_bytes(data[18:22], "little", signed=True),
            abs(int.from_bytes(data[22:26], "little", signed=True)),
        )
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP" and len(data) >= 30:
        chunk = data[12:16]
        if chunk == b"VP8X":
            return 1 + int.from_bytes(data[24:27], "little"), 1 + int.from_bytes(
                data[27:30], "little"
            )
        if chunk == b"VP8 ":
            return (
                int.from_bytes(data[26:28], "little") & 0x3FFF,
                int.from_bytes(data[28:30], "little") & 0x3FFF,
            )
        if chunk == b"VP8L":
            bits = int.from_bytes(data[21:25], "little")
            return 1 + (bits & 0x3FFF), 1 + ((bits >> 14) & 0x3FFF)
        return None
    if data[:4] in (b"II*\x00", b"MM\x00*") and len(data) >= 8:
        order: Literal["little", "big"] = "little" if data[:2] == b"II" else "big"
        at = int.from_bytes(data[4:8], order)
        if at + 2 > len(data):
            return None
        found: dict[int, int] = {}
        for k in range(int.from_bytes(data[at : at + 2], order)):
            e = at + 2 + 12 * k
            if e + 12 > len(data):
                break
            tag, kind = (
                int.from_bytes(data[e : e + 2], order),
                int.from_bytes(data[e + 2 : e + 4], order),
            )
            if tag in (256, 257):
                size = 2 if kind == 3 else 4
                found[tag] = int.from_bytes(data[e + 8 : e + 8 + size], order)
        return (found[256], found[257]) if 256 in found and 257 in found else None
    return None


def jpeg_size(data: bytes) -> tuple[int, int] | None:
    """(width, height) from a JPEG's frame header, without decoding it."""
    info = jpeg_frame(data)
    return None if info is None else (info[0], info[1])


def jpeg_frame(data: bytes) -> tuple[int, int, int] | None:
    """(width, height, colour components) from a JPEG's frame header, without decoding it."""
    if data[:2] != b"\xff\xd8":
        return None
    i = 2
    n = len(data)
    while i + 9 < n:
        if data[i] != 0xFF:
            i += 1
            continue
        marker = data[i + 1]
        if marker in (0xD8, 0x01) or 0xD0 <= marker <= 0xD7 or marker == 0xFF:
            i += 1 if marker == 0xFF else 2
            continue
        seg = int.from_bytes(data[i + 2 : i + 4], "big")
        if marker in (0xC0, 0xC1, 0xC2, 0xC3, 0xC5, 0xC6, 0xC7, 0xC9, 0xCA, 0xCB, 0xCD, 0xCE, 0xCF):
            h = int.from_bytes(data[i + 5 : i + 7], "big")
            w = int.from_bytes(data[i + 7 : i + 9], "big")
            return (w, h, data[i + 9] if i + 9 < n else 1) if w > 0 and h > 0 else None
        i += 2 + seg
    return None


def tiff_damage(ref: PageRef, kept: Kept) -> str:
    """What libtiff (through Pillow) says is wrong with a TIFF page's coded data ('' if
    nothing, or if it cannot tell): OpenCV decodes a page whose strips are damaged without
    an error — noise, or a flat band, where the damage is — read as part of a ballot ("a
    paper jam"), when the file is what is damaged. Only a decoder's own error counts: a TIFF
    Pillow does not support at all says nothing of damage."""
    import io

    from PIL import Image

    if kept.ext in ("tif", "tiff") and kept.data:
        source: io.BytesIO | str = io.BytesIO(kept.data)
        index = 0
    elif ref.pages > 1 and _format_of(ref.path) == "tiff":
        source, index = ref.path, ref.page - 1  # (a page of a feeder's batch, kept as PNG)
    else:
        return ""
    sys.stderr.flush()
    with tempfile.TemporaryFile() as told:
        saved = os.dup(2)  # (libtiff says what is wrong on standard error: read, not shown)
        try:
            os.dup2(told.fileno(), 2)
            with Image.open(source) as opened:
                opened.seek(index)
                opened.load()
        except OSError as exc:
            said = str(exc)
            if not (said.startswith("decoder error") or "truncated" in said):
                return ""
        except Exception:  # (Pillow fails in many ways on what it does not support)
            return ""
        else:
            return ""
        finally:
            os.dup2(saved, 2)
            os.close(saved)
        told.seek(0)
        libtiff = told.read().decode("utf-8", "replace").replace("tempfile.tif: ", "").strip()
    return f"TIFF page {index + 1}: {said}{f' ({libtiff[:160]})' if libtiff else ''}"


def jpeg_damage(data: bytes) -> str:
    """What libjpeg says is wrong with a JPEG's coded data as it decodes it ('' if nothing):
    it decodes a damaged file without an error — the rest of the page one flat tone — and
    says so only on the process's standard error, which is read here. (Its note of
    "extraneous bytes" before a marker, which some scanners' files have, is no damage.)"""
    sys.stderr.flush()
    with tempfile.TemporaryFile() as said:
        saved = os.dup(2)
        try:
            os.dup2(said.fileno(), 2)
            cv2.imdecode(np.frombuffer(data, np.uint8), cv2.IMREAD_REDUCED_GRAYSCALE_8)
        finally:
            os.dup2(saved, 2)
            os.close(saved)
        said.seek(0)
        text = said.read().decode("utf-8", "replace")
    for line in re.split(r"(?=Corrupt JPEG data)|\n", text):
        if "Corrupt JPEG data" in line and "extraneous bytes" not in line:
            return line.strip()[:200]
    return ""


def jpeg_complete(data: bytes) -> bool:
    """A JPEG ends with its end-of-image marker (scanners may pad a few zero bytes; a phone
    or an editor may put its own data after it, which is no part of the image)."""
    return data.rstrip(b"\x00").endswith(b"\xff\xd9") or _jpeg_end(data) is not None


def _jpeg_end(data: bytes) -> int | None:
    """Where a JPEG's end-of-image marker is, found by walking its segments and the coded
    data after each start of scan (a marker inside them is stuffed, or a restart marker);
    None when the data ends first (a file cut short)."""
    i, n = 2, len(data)
    while i + 4 <= n:
        if data[i] != 0xFF:
            return None
        marker = data[i + 1]
        if marker == 0xFF:  # (fill bytes before a marker)
            i += 1
            continue
        if marker == 0xD9:
            return i
        if 0xD0 <= marker <= 0xD7 or marker == 0x01:
            i += 2
            continue
        i += 2 + int.from_bytes(data[i + 2 : i + 4], "big")
        if marker != 0xDA:
            continue
        while True:  # the coded data: up to the next marker that is not stuffed or a restart
            i = data.find(b"\xff", i)
            if i < 0 or i + 1 >= n:
                return None
            nxt = data[i + 1]
            if nxt == 0x00 or 0xD0 <= nxt <= 0xD7 or nxt == 0xFF:
                i += 1 if nxt == 0xFF else 2
                continue
            break
    return None


def reduction_for(long_side_px: int, paper_long_mm: float, cfg: RecognitionConfig) -> int:
    """Largest factor in (1, 2, 4, 8) keeping ≥ work_min_px_per_mm even on the largest paper."""
    k = 1
    for cand in (2, 4, 8):
        if long_side_px / (cand * paper_long_mm) >= cfg.work_min_px_per_mm:
            k = cand
    return k


def load_page(
    ref: PageRef, cfg: RecognitionConfig, paper_long_mm: float
) -> LoadedPage | LoadProblem:
    """Decode one page. ``paper_long_mm`` is the longest paper side of the election's ballots.
    What a file holds is told by its first bytes (`_format_of`), then by its name."""
    ext = Path(ref.path).suffix.lower()
    kind = _format_of(ref.path)
    try:
        if not kind:
            mode = Path(ref.path).stat().st_mode
            if stat.S_ISDIR(mode):  # (a folder that could not be opened to list)
                next(Path(ref.path).iterdir(), None)  # (raises what stopped it being opened)
            if not stat.S_ISREG(mode):
                what = "a folder" if stat.S_ISDIR(mode) else "a pipe, a device or a socket"
                return LoadProblem(
                    "unreadable_file", f"not a file ({what})", _not_kept(ref.path, "not a file")
                )
            Path(ref.path).read_bytes()  # (raises what stopped it being read)
        if kind == "pdf":
            return _load_pdf_page(ref, cfg, paper_long_mm)
        size = Path(ref.path).stat().st_size
        if kind == "tiff" and ref.pages > 1:
            # (a feeder's batch in one file, each page read from the file itself: a file too
            # large to keep whole — 26 sheets of uncompressed grey, 216 MB — is no reason to
            # refuse its pages; each is kept as a page of its own)
            return _load_tiff_page(ref, size, cfg, paper_long_mm)
        if size > cfg.max_keep_bytes:
            return LoadProblem("too_large", f"{size} bytes", _not_kept(ref.path, str(size)))
        data = Path(ref.path).read_bytes()
    except OSError as exc:
        return LoadProblem("unreadable_file", str(exc), _not_kept(ref.path, "unreadable"))
    if not data:
        return LoadProblem("empty_file", "0 bytes", _not_kept(ref.path, "empty"))
    dims = image_size(data) if kind != "jpeg" else None  # (a JPEG is decoded reduced)
    if dims is not None and dims[0] * dims[1] > cfg.max_pixels:
        # (a few MB of PNG can hold an image of gigabytes: decoded, it would take the
        # laptop's memory from under the count)
        return LoadProblem(
            "too_large", f"{dims[0]} × {dims[1]} pixels", _kept(data, _ext_of(ref.path))
        )
    if kind == "jpeg":
        return _load_raster(
            data, "jpg" if ext not in _JPEG else _ext_of(ref.path), True, cfg, paper_long_mm
        )
    if ext not in RASTER_EXTENSIONS:
        # (an image saved under a name the scanner software chose: tried, then refused)
        found = _load_raster(data, _ext_of(ref.path), False, cfg, paper_long_mm)
        if isinstance(found, LoadedPage):
            return found
        return LoadProblem(
            "not_an_image", ext or path_name(ref.path), _kept(data, _ext_of(ref.path))
        )
    return _load_raster(data, _ext_of(ref.path), ext in _JPEG, cfg, paper_long_mm)


def _load_raster(
    data: bytes, ext: str, is_jpeg: bool, cfg: RecognitionConfig, paper_long_mm: float
) -> LoadedPage | LoadProblem:
    kept = _kept(data, ext)
    buf = np.frombuffer(data, np.uint8)
    if is_jpeg and not data.startswith(b"\xff\xd8"):
        is_jpeg = False  # not a JPEG, whatever its name says: decoded as what it is, or refused
    if is_jpeg:
        if not jpeg_complete(data):
            return LoadProblem("truncated_file", "JPEG without end marker", kept)
        frame = jpeg_frame(data)
        if frame is None:
            return LoadProblem("corrupt_file", "no JPEG frame header", kept)
        size = (frame[0], frame[1])
        k = reduction_for(max(size), paper_long_mm, cfg)
        # (a colour scan: decoded in colour, made grey by `grey_of`)
        got = _decode(buf, _JPEG_FLAGS[k, frame[2] == 3])
        if got is None:
            return LoadProblem("corrupt_file", "JPEG could not be decoded", kept)
        return LoadedPage(got[0], k, size, kept, marker=got[1])
    got = _decode(buf, cv2.IMREAD_UNCHANGED)
    if got is None and _looks_like_image(data):
        img = _pillow_page(data, 0)  # (a depth OpenCV does not read: 4-bit grey, say)
        got = None if img is None else (img, None)
    if got is None:
        if not _looks_like_image(data):
            return LoadProblem("not_an_image", f"no image data in this .{ext} file", kept)
        return LoadProblem("corrupt_file", f"{ext} could not be decoded", kept)
    return _reduced(got[0], kept, cfg, paper_long_mm, got[1])


def _tiff_page_size(path: str, index: int) -> tuple[int, int] | None:
    """Width and height of page ``index`` of a TIFF file (its directory alone is read), or
    None when Pillow cannot tell."""
    from PIL import Image

    try:
        with Image.open(path) as opened:
            opened.seek(index)
            return int(opened.size[0]), int(opened.size[1])
    except Exception:  # (the page is then tried, and refused as it fails)
        return None


def _pillow_page(data: bytes | str, index: int) -> Gray | None:
    """Page ``index`` of an image file (its bytes, or its path) as grey through Pillow, for
    what OpenCV's decoders refuse though it is sound (a TIFF of 4-bit grey, a scanner's "16
    levels"); None when Pillow cannot read it either."""
    import io

    from PIL import Image

    try:
        with Image.open(io.BytesIO(data) if isinstance(data, bytes) else data) as opened:
            opened.seek(index)
            im: Image.Image = opened
            if im.mode in ("RGBA", "LA", "PA") and _one_alpha(im):
                im = im.convert("RGB")  # (no transparency: see `_grey_planes`)
            elif im.mode in ("RGBA", "LA", "PA") or "transparency" in im.info:
                back = Image.new("RGBA", im.size, (255, 255, 255, 255))
                back.alpha_composite(im.convert("RGBA"))
                im = back
            if im.mode in ("I;16", "I;16B", "I;16L", "I", "F"):
                arr = np.asarray(im, dtype=np.float64)
                top = float(arr.max()) if arr.size else 0.0
                if im.mode == "F" and top <= 1.0:  # (floating-point samples from 0 to 1)
                    grey = np.clip(arr * 255.0 + 0.5, 0, 255).astype(np.uint8)
                else:
                    bits = next((b for b in (8, 10, 12, 14, 16) if top < (1 << b)), 16)
                    grey = np.clip(arr * (255.0 / ((1 << bits) - 1)), 0, 255).astype(np.uint8)
            elif im.mode in ("1", "L", "P", "LA", "PA") or im.mode.startswith("I;"):
                grey = np.asarray(im.convert("L"), dtype=np.uint8)
            else:
                bgr = np.asarray(im.convert("RGB"), dtype=np.uint8)[:, :, ::-1]
                return grey_of(np.ascontiguousarray(bgr))
    except Exception:  # (Pillow's decoders fail in many ways: the file is refused as before)
        return None
    return np.ascontiguousarray(grey) if grey.size else None


#: The decoding flag for a JPEG reduced by 1, 2, 4 or 8, grey or in colour.
_JPEG_FLAGS = {
    (1, False): cv2.IMREAD_GRAYSCALE,
    (2, False): cv2.IMREAD_REDUCED_GRAYSCALE_2,
    (4, False): cv2.IMREAD_REDUCED_GRAYSCALE_4,
    (8, False): cv2.IMREAD_REDUCED_GRAYSCALE_8,
    (1, True): cv2.IMREAD_COLOR,
    (2, True): cv2.IMREAD_REDUCED_COLOR_2,
    (4, True): cv2.IMREAD_REDUCED_COLOR_4,
    (8, True): cv2.IMREAD_REDUCED_COLOR_8,
}


def finer(page: LoadedPage) -> FineImage | None:
    """The page decoded again from its kept bytes at twice the resolution it is read at, for
    a second look at a thin stroke the reduction paled (a fine pen's line, a pixel or two
    wide on a 300-dpi scan, is half as dark once four pixels are averaged into one). A
    black-and-white scan read at half its resolution is given as it was scanned, its own
    black and white pixels (`marks._solid_strokes` tells a pen's line from dithered dots
    there). None: nothing finer to be had — the page is read at the resolution it was
    scanned at, or it is a black-and-white scan reduced further."""
    k = page.reduction
    data = page.kept.data
    if k < 2 or not data or (page.bilevel and k != 2):
        return None
    f = k // 2
    buf = np.frombuffer(data, np.uint8)
    frame = jpeg_frame(data) if data.startswith(b"\xff\xd8") else None
    if frame is not None:
        img = _decode_grey(buf, _JPEG_FLAGS[f, frame[2] == 3])
    else:
        img = _decode_grey(buf, cv2.IMREAD_UNCHANGED)
        if img is not None and f > 1:
            h, w = img.shape
            img = cast(Gray, cv2.resize(img, (w // f, h // f), interpolation=cv2.INTER_AREA))
    if img is None:
        return None
    h, w = page.gray.shape
    if abs(img.shape[0] - 2 * h) > 2 or abs(img.shape[1] - 2 * w) > 2:
        return None  # (not the page that was read: never measured against)
    return FineImage(img, 2, page.bilevel)


#: How image files begin (JPEG, PNG, TIFF either way, BMP, WebP's RIFF, GIF).
_IMAGE_MAGIC = (b"\xff\xd8", b"\x89PNG", b"II*\x00", b"MM\x00*", b"BM", b"RIFF", b"GIF8")


def _looks_like_image(data: bytes) -> bool:
    return data.startswith(_IMAGE_MAGIC)


def _decode(buf: NDArray[np.uint8], flag: int) -> tuple[Gray, Gray | None] | None:
    """The grey image in ``buf`` (colour: see `grey_of`) and its marker ink (`_colour_planes`);
    with IMREAD_UNCHANGED, a grey image of more than 8 bits is decoded again as OpenCV makes
    it 8-bit grey."""
    img = _decoded(buf, flag)
    return None if img is None else _grey_and_marker(img)


def _decode_grey(buf: NDArray[np.uint8], flag: int) -> Gray | None:
    """`_decode`'s grey alone."""
    img = _decoded(buf, flag)
    return None if img is None else grey_of(img)


def _decoded(buf: NDArray[np.uint8], flag: int) -> NDArray[Any] | None:
    try:
        img = cv2.imdecode(buf, flag)
        if img is not None and img.ndim == 2 and img.dtype == np.uint16:
            img = to_8bit(img)
        elif img is not None and img.ndim == 2 and img.dtype != np.uint8:
            img = cv2.imdecode(buf, cv2.IMREAD_GRAYSCALE)
    except cv2.error:
        return None
    if img is None or img.size == 0:
        return None
    return img


def _grey_and_marker(img: NDArray[Any]) -> tuple[Gray, Gray | None] | None:
    grey, marker = _grey_planes(img)
    return None if grey is None else (grey, marker)


def _grey_in_colour(img: NDArray[np.uint8]) -> bool:
    """A grey image stored as colour (a PDF page of grey scans is rendered so)?"""
    sample = img[::16, ::16]
    return bool(
        np.array_equal(sample[:, :, 0], sample[:, :, 1])
        and np.array_equal(sample[:, :, 1], sample[:, :, 2])
    )


def to_8bit(img: NDArray[Any]) -> NDArray[np.uint8]:
    """A 16-bit image brought to 8 bits. Scanners with 10-, 12- or 14-bit sensors often write
    their values unscaled into 16-bit files (white paper at 4095, not 65535): the image is
    scaled by the smallest of those depths that holds its brightest pixel, so such a page is
    not read as nearly black."""
    top = int(img.max()) if img.size else 0
    bits = next((b for b in (10, 12, 14) if top < (1 << b)), 16)
    return cast(NDArray[np.uint8], cv2.convertScaleAbs(img, alpha=255.0 / ((1 << bits) - 1)))


def grey_of(img: NDArray[Any]) -> Gray | None:
    """A decoded image as the grey the reader works on: grey as it is; colour as
    `colour_to_grey` makes it, over white where it is transparent, 16-bit channels brought
    to 8."""
    return _grey_planes(img)[0]


def _grey_planes(img: NDArray[Any]) -> tuple[Gray | None, Gray | None]:
    """`grey_of`'s grey, and a colour scan's marker ink (`_colour_planes`)."""
    if img.ndim == 2:
        grey = np.ascontiguousarray(img, dtype=np.uint8) if img.dtype == np.uint8 else None
        return grey, None
    if img.ndim != 3 or img.shape[2] not in (3, 4):
        return None, None
    if img.dtype == np.uint16:
        img = to_8bit(img)
    elif img.dtype != np.uint8:
        return None, None
    if img.shape[2] == 4 and _uniform(img[:, :, 3]):
        # (one alpha everywhere — all 0 in a 32-bit BMP whose fourth byte is padding, a
        # TIFF's "unspecified" extra sample: no transparency, or the page would be white)
        img = img[:, :, :3]
    elif img.shape[2] == 4:  # transparent parts are paper
        bgr = img[:, :, :3].astype(np.float32)
        alpha = img[:, :, 3:].astype(np.float32) * np.float32(1 / 255)
        img = (bgr * alpha + np.float32(255.0) * (1 - alpha) + 0.5).astype(np.uint8)
    if _grey_in_colour(img):  # (read as grey)
        return np.ascontiguousarray(img[:, :, 0]), None
    return _colour_planes(img)


def _one_alpha(im: Any) -> bool:
    """A Pillow image whose alpha is one value all over (`_uniform`)?"""
    lo, hi = im.getchannel("A").getextrema()
    return bool(lo == hi)


def _uniform(plane: NDArray[np.uint8]) -> bool:
    """One value all over ``plane``?"""
    lo, hi, _, _ = cv2.minMaxLoc(plane)
    return bool(lo == hi)


def _balanced(bgr: NDArray[np.uint8]) -> NDArray[np.uint8]:
    """``bgr`` with each channel scaled to the paper's white in it (the 90th percentile in
    the middle of the image: around the sheet may be the scanner's lid, whiter than it)."""
    h, w = bgr.shape[:2]
    sub = bgr[h // 5 : h - h // 5 : 8, w // 5 : w - w // 5 : 8].reshape(-1, 3)
    q = round(0.9 * (len(sub) - 1))
    white = np.partition(sub, q, axis=0)[q]
    return cast(
        NDArray[np.uint8],
        cv2.merge(
            [
                cv2.convertScaleAbs(c, alpha=255.0 / max(float(wc), 32.0))
                for c, wc in zip(cv2.split(bgr), white, strict=True)
            ]
        ),
    )


def colour_to_grey(bgr: NDArray[np.uint8]) -> Gray:
    """A colour scan as the grey the reader works on (`_colour_planes`)."""
    return _colour_planes(bgr)[0]


def _colour_planes(bgr: NDArray[np.uint8]) -> tuple[Gray, Gray | None]:
    """A colour scan as the grey the reader works on (彩色扫描转灰度), and where it shows a
    marker's ink (荧光笔, 0/255; None when there is hardly any).

    Each channel is first scaled to the paper's white in it (the 90th percentile in the
    middle of the image), so tinted paper becomes white. The grey is then the luminance,
    except where the colour is a pen's: a saturated red, magenta, violet or blue is taken as
    dark as it is in its darkest channel (a red or light-blue stroke reads as strong as a
    black one, where luminance makes it a mid grey that would go to a person as faint).
    Orange, brown, yellow, green and cyan (a coffee or tea stain, a tinted sheet, a colour
    fringe) keep their luminance: a dried drop's darker rim never becomes a ○. The change is
    gradual over ``_PEN_CHROMA`` (the spread between the brightest and the darkest channel),
    so a stroke's soft edge keeps its shape.

    The marker's ink: a light colour of those hues (yellow, green, orange), as vivid as a
    highlighter's and never a stain's, a tint's or a scanner's colour fringe (a thin band
    along dark print: `_without_fringes`); and a light, vivid colour of a pen's hues (a
    pink, light-blue or violet highlighter) in a band broader than a pen's line. A stroke of
    it across a candidate's part of the table is a mark a person looks at
    (`pipeline.marker_look`), though in grey it is almost paper."""
    h, w = bgr.shape[:2]
    balanced = _balanced(bgr)
    lum = cv2.cvtColor(balanced, cv2.COLOR_BGR2GRAY)
    hue = cv2.cvtColor(balanced, cv2.COLOR_BGR2HSV)[:, :, 0]  # 0–179, two degrees a step
    b, g, r = cv2.split(balanced)
    low = cv2.min(cv2.min(b, g), r)
    chroma = cv2.subtract(cv2.max(cv2.max(b, g), r), low)
    # (all in 8 bits with OpenCV: a page in colour costs a few milliseconds more, not tens)
    pen = cv2.LUT(chroma, _PEN_WEIGHT)  # 0–255: how much the colour is a pen's
    stain_hues = cv2.inRange(hue, *_STAIN_HUES)
    pen = cv2.bitwise_and(pen, cv2.bitwise_not(stain_hues))
    darker = cv2.multiply(cv2.subtract(lum, low), pen, scale=1 / 255)
    grey = cv2.subtract(lum, darker)
    # A highlighter's yellow (or any colour of those hues as vivid as a marker's, never a
    # stain's or a tint's): in luminance almost paper, a ○ drawn with it read as nothing.
    # It is made as dark as faint pencil, so that a person looks at what it marks.
    marker = cv2.bitwise_and(cv2.LUT(chroma, _MARKER_WEIGHT), stain_hues)
    floor = cv2.subtract(np.full_like(lum, 255), cv2.LUT(marker, _MARKER_DARK))
    light = cv2.inRange(lum, _MARKER_MIN_LUMA, 255)
    ink = cv2.bitwise_and(cv2.inRange(marker, 1, 255), light)
    # A highlighter of a pen's hue (pink, light blue, violet): as light as a yellow one and
    # vivid, but of the hues a pen's ink has, so known from a pen's stroke (a light-blue or
    # pink gel pen's too) only by its breadth — a band some mm wide where a pen's line is
    # under one. Its grey stays as dark as a pen's makes it; here it is marked as ink of a
    # marker, so that a stroke of it across a candidate's box or name goes to a person as a
    # yellow one does.
    pale = cv2.bitwise_and(cv2.inRange(chroma, _PALE_MARKER_CHROMA, 255), light)
    pale = cv2.bitwise_and(pale, cv2.bitwise_not(stain_hues))
    a4 = (h * w) / (3508 * 2480)
    if cv2.countNonZero(pale) >= _MARKER_MIN_PIXELS * a4:
        side = max(3, round(_PALE_MARKER_MIN_MM * 300 / 25.4 * math.sqrt(a4)))
        broad = cv2.morphologyEx(pale, cv2.MORPH_OPEN, np.ones((side, side), np.uint8))
        ink = cv2.bitwise_or(ink, broad)
    found: Gray | None = None
    least = _MARKER_MIN_PIXELS * a4
    if cv2.countNonZero(ink) >= least:
        ink = _without_fringes(ink, lum)
        if cv2.countNonZero(ink) >= least:
            found = np.ascontiguousarray(ink, dtype=np.uint8)
    return np.ascontiguousarray(cv2.min(grey, floor), dtype=np.uint8), found


def _without_fringes(ink: NDArray[Any], lum: NDArray[Any]) -> Gray:
    """``ink`` (a colour scan's marker ink, 0/255) without what lies along the edges of
    dark print or pen strokes: a colour fringe, not a marker.

    A scanner whose colour channels do not quite line up (a sheet feeder's colour sensor
    reads red, green and blue a pixel or so apart along the feed) edges every black line
    with a band of vivid yellow, orange or cyan as wide as the misregistration: a
    highlighter's colour to ``_MARKER_CHROMA``, round every box and name of the table, and
    the whole batch went to a person with nothing to see. A highlighter's stroke is
    millimetres wide, a yellow pen's ○ a line of its own in the box: they lose only their
    edge along the print (``_FRINGE_REACH`` pixels) and are still found. (The dark is taken
    in luminance: a light-coloured marker, pink or blue as well, is never dark print.)"""
    dark = cv2.inRange(lum, 0, _FRINGE_DARK_LUMA)
    near = cv2.dilate(dark, _FRINGE_KERNEL)
    return cast(Gray, cv2.bitwise_and(ink, cv2.bitwise_not(near)))


#: Spread between a pixel's brightest and darkest channel (0–255, on paper-balanced colour)
#: from which its colour starts to be, and fully is, taken for a pen's.
_PEN_CHROMA = (20.0, 60.0)
#: Hues (OpenCV's 0–179 scale: 22°–188°, orange, yellow, green and cyan) that are not taken
#: for a pen's: stains, tinted paper, and the green and cyan fringes of a scanner whose
#: colour channels do not quite line up. (A green pen is read in its luminance.)
_STAIN_HUES = (11, 94)
#: Spread (as ``_PEN_CHROMA``) from which a colour of ``_STAIN_HUES`` starts to be, and fully
#: is, a marker's (a yellow highlighter's is 150–220; a coffee stain's, a tinted sheet's and a
#: scanner's colour fringe stay well below): it is then at least ``_MARKER_DARKNESS`` dark
#: (0–1), as faint pencil is.
_MARKER_CHROMA = (100.0, 150.0)
_MARKER_DARKNESS = 0.3
#: ... and is looked for (`_colour_planes`) where it is at least this light (0–255: a
#: highlighter's yellow is about 225, its green and orange 180–200; a brown stain is darker,
#: and dark enough in grey to be seen there).
_MARKER_MIN_LUMA = 150
#: A highlighter of a pen's hue (pink, light blue, violet; outside ``_STAIN_HUES``): a light
#: colour (``_MARKER_MIN_LUMA``) at least this vivid (as ``_PEN_CHROMA``: a pink or
#: light-blue highlighter's is 90–120) ...
_PALE_MARKER_CHROMA = 60
#: ... in a band at least this broad (mm: a highlighter's stroke is 3–5 mm wide, a pen's —
#: a light gel pen's too — well under 1 mm, a scanner's colour fringe a pixel or two).
_PALE_MARKER_MIN_MM = 2.0
#: Fewer pixels of it than this on an A4 page at 300 dpi (about 2 mm²): none.
_MARKER_MIN_PIXELS = 300
#: A colour fringe (`_without_fringes`) lies within this many pixels of print or a pen's
#: stroke darker than ``_FRINGE_DARK_LUMA`` (luminance, 0–255): a scan's channels 1.5 px
#: apart, blurred by its optics and stored as JPEG, fringe black print up to 2.9 px out from
#: where it is darker than 140; a highlighter's yellow, green, pink or blue is lighter.
_FRINGE_REACH = 3
_FRINGE_DARK_LUMA = 140
_FRINGE_KERNEL = cv2.getStructuringElement(
    cv2.MORPH_ELLIPSE, (2 * _FRINGE_REACH + 1, 2 * _FRINGE_REACH + 1)
)
_MARKER_WEIGHT = np.round(
    255
    * np.clip((np.arange(256) - _MARKER_CHROMA[0]) / (_MARKER_CHROMA[1] - _MARKER_CHROMA[0]), 0, 1)
).astype(np.uint8)
_MARKER_DARK = np.round(np.arange(256) * _MARKER_DARKNESS).astype(np.uint8)
_PEN_WEIGHT = np.round(
    255 * np.clip((np.arange(256) - _PEN_CHROMA[0]) / (_PEN_CHROMA[1] - _PEN_CHROMA[0]), 0, 1)
).astype(np.uint8)


def _reduced(
    img: Gray,
    kept: Kept,
    cfg: RecognitionConfig,
    paper_long_mm: float,
    marker: Gray | None = None,
) -> LoadedPage:
    h, w = img.shape
    k = reduction_for(max(h, w), paper_long_mm, cfg)
    bilevel = _bilevel(img)
    work = img
    if k > 1:
        work = cast(Gray, cv2.resize(img, (w // k, h // k), interpolation=cv2.INTER_AREA))
        if marker is not None:
            marker = cast(Gray, cv2.resize(marker, (w // k, h // k), interpolation=cv2.INTER_AREA))
    if bilevel:
        # A black-and-white scan: its dots averaged over a few pixels, so that a grey the
        # scanner dithered (faint pencil, a tinted sheet) is grey again, not a spray of dust.
        work = cast(Gray, cv2.GaussianBlur(work, (3, 3), 0))
    return LoadedPage(work, k, (w, h), kept, bilevel, marker=marker)


def _bilevel(img: Gray) -> bool:
    """Only black and white in the image (a sample of its pixels)?"""
    sub = np.ascontiguousarray(img[::5, ::5])
    return bool(cv2.countNonZero(cv2.inRange(sub, 1, 254)) == 0)


def _png(img: Gray) -> bytes:
    bilevel = bool(np.all((img == 0) | (img == 255)))
    params = [cv2.IMWRITE_PNG_COMPRESSION, 3]
    if bilevel:
        params += [cv2.IMWRITE_PNG_BILEVEL, 1]
    ok, enc = cv2.imencode(".png", img, params)
    if not ok:
        raise ValueError("PNG encoding failed")
    return bytes(enc.tobytes())


def _load_tiff_page(
    ref: PageRef, size: int, cfg: RecognitionConfig, paper_long_mm: float
) -> LoadedPage | LoadProblem:
    """Page ``ref.page`` of a multi-page TIFF of ``size`` bytes, read from the file; what
    is kept of a page refused is the whole file (when it is not too large to keep)."""

    def whole() -> Kept:
        if size > cfg.max_keep_bytes:
            return _not_kept(ref.path, f"{size} bytes, page {ref.page}")
        return _kept(Path(ref.path).read_bytes(), "tif")

    dims = _tiff_page_size(ref.path, ref.page - 1)
    if dims is not None and dims[0] * dims[1] > cfg.max_pixels:
        return LoadProblem("too_large", f"{dims[0]} × {dims[1]} pixels", whole())
    try:
        ok, mats = cv2.imreadmulti(ref.path, ref.page - 1, 1, flags=cv2.IMREAD_UNCHANGED)
        if ok and mats and mats[0] is not None and mats[0].ndim == 2:
            if mats[0].dtype == np.uint16:  # 12 bits in 16, say: as a one-page file is
                mats = [to_8bit(mats[0])]
            elif mats[0].dtype != np.uint8:
                ok, mats = cv2.imreadmulti(ref.path, ref.page - 1, 1, flags=cv2.IMREAD_GRAYSCALE)
    except cv2.error:
        ok, mats = False, []
    got = _grey_and_marker(mats[0]) if ok and mats and mats[0] is not None else None
    grey, marker = got if got is not None else (None, None)
    if grey is None:
        grey = _pillow_page(ref.path, ref.page - 1)  # (a depth OpenCV does not read)
    if grey is None:
        detail = f"TIFF page {ref.page}"
        if ref.page == ref.pages and (_tiff_directories(ref.path) or (0, False))[1]:
            detail += ": the file is cut short (incomplete copy or transfer); pages are lost"
            return LoadProblem("truncated_file", detail, whole())
        return LoadProblem("corrupt_file", detail, whole())
    img = grey
    return _reduced(img, _kept(_png(img), "png"), cfg, paper_long_mm, marker)


def _load_pdf_page(
    ref: PageRef, cfg: RecognitionConfig, paper_long_mm: float
) -> LoadedPage | LoadProblem:
    exe = shutil.which("pdftoppm")
    if exe is None:
        data = Path(ref.path).read_bytes()
        return LoadProblem("no_pdf_reader", "pdftoppm not found", _kept(data, "pdf"))
    size = ["-r", str(cfg.pdf_dpi)]
    long_in = _pdf_page_long_in(ref.path, ref.page)
    want_in = paper_long_mm / 25.4
    if long_in is not None and not 0.5 * want_in <= long_in <= 1.6 * want_in:
        # (a page whose size says nothing of the paper: an image saved as a PDF at 72 or 50
        # dpi is a page of a metre — at 300 dpi, 18 s and 2.5 GB a page. Drawn to the
        # ballot's size: a scan is a sheet)
        size = ["-scale-to", str(round(want_in * cfg.pdf_dpi))]
    cmd = [
        exe,
        *size,
        "-f",
        str(ref.page),
        "-l",
        str(ref.page),
        "-singlefile",
        ref.path,
    ]
    try:
        out = subprocess.run(cmd, capture_output=True, timeout=120, check=False)
    except subprocess.TimeoutExpired:
        out = None
    got = None
    if out is not None and out.returncode == 0 and out.stdout:
        got = _decode(np.frombuffer(out.stdout, np.uint8), cv2.IMREAD_UNCHANGED)
    if got is None:
        data = Path(ref.path).read_bytes()
        err = out.stderr if out is not None else b""
        if b"password" in err.lower():
            code, detail = "pdf_password", f"PDF page {ref.page}: protected by a password"
        elif pdf_cut_short(data):
            code = "truncated_file"
            detail = f"PDF page {ref.page}: the file is cut short; pages are lost"
        else:
            code, detail = "corrupt_file", f"PDF page {ref.page}"
        if len(data) > cfg.max_keep_bytes:
            data = b""
        return LoadProblem(code, detail, _kept(data, "pdf"))
    img = got[0]
    page = _reduced(img, _kept(_png(img), "png"), cfg, paper_long_mm, got[1])
    damage = _pdf_damage(out.stderr if out is not None else b"")
    return replace(page, damage=f"PDF page {ref.page}: {damage}") if damage else page


#: poppler's complaints that say nothing of what a page shows (a damaged index, which it
#: rebuilds): not damage to the page.
_PDF_HARMLESS = re.compile(rb"xref|hint|trailer|Invalid least number|Couldn't read", re.I)


def _pdf_damage(stderr: bytes) -> str:
    """The first of poppler's errors in drawing a page that may have left part of it
    undrawn (an image it could not decode — libjpeg's "Corrupt JPEG data" —, an object it
    could not find), or ''."""
    for line in stderr.splitlines():
        if (b"Error" in line or b"Corrupt" in line) and not _PDF_HARMLESS.search(line):
            return line.decode("utf-8", "replace").strip()[:200]
    return ""


def keep_copy(folder: Path, kept: Kept) -> str:
    """Store the kept bytes content-addressed under ``folder``; returns the relative path.

    Written to a temporary file, flushed to disk, then renamed: a crash leaves either no file
    or the whole file, never a partial one under the final name.
    """
    if not kept.data:
        return ""
    rel = f"{kept.sha256[:2]}/{kept.sha256}.{kept.ext}"
    target = folder / rel
    if target.exists() and target.stat().st_size == len(kept.data):
        return rel
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".part-", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(kept.data)
            f.flush()
            os.fsync(f.fileno())
        Path(tmp).replace(target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return rel
