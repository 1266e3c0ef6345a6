"""Importing scanned ballots into the election file: every page accounted for, exactly once.

``scan_paths`` expands files and folders (folders sorted, recursively), reads the pages in a
pool of worker processes (each does load → keep the image → register → QR → marks) and
writes the results here, in the parent, on the one connection, in small transactions in
input order. It yields one `PageResult` per page as soon as its row is committed.

Exactly once, whatever happens:
- the page image is kept (content-addressed, fsync'd, renamed into place) by the worker
  *before* the parent writes the row that points to it;
- a row's id is derived from (station, source file, page, image hash): re-running over the
  same folder after Ctrl-C, ``kill -9`` or a power cut finds the rows already written and
  only adds the missing ones;
- the same image under another name is a ``duplicate`` (listed, counted once); the same
  serial on a different image holds both sheets for review (``serial_conflict``).

Decisions that need the election's records are made here: a certified or void round, a
spoiled or unknown serial, duplicates and serial conflicts. Blank back pages are recorded as
``rejected`` with the reason ``blank_page``: listed, never counted as a missing ballot. A
back showing a ballot through the paper is a back only next to that ballot's front (the
page before it, or, a sheet fed face down into a duplex scanner, the page after it);
otherwise it is that ballot fed face down, its front never read: ``face_down``, refused.

The row (table ``sheets``), as the counting code reads it:
- ``id``: UUIDv5 of (station, source file's absolute path, page, image hash) — stable;
- ``image_sha256``: SHA-256 of the kept image file's bytes (the scanned file itself for a
  one-page JPEG/PNG/TIFF; a lossless PNG of the page for multi-page TIFF and PDF), so
  ``sha256sum`` of ``<election file>.images/<image_path>`` proves what was read;
- ``reasons``: JSON list of stable codes (recognition/reasons.py); ``reason``: their Chinese
  messages joined — a counter reads the list without the software;
- ``marks``: A/D/N/? per candidate of the round in ballot order; ``writeins``: one object per
  write-in column ``{"column", "has_name" (true/false/null = unclear), "mark"}``;
- ``scores``: every target's raw measures, the registration, the code reading and the
  thresholds used (``RecognitionConfig``), as JSON;
- a ``counted`` sheet has ``final_marks``/``final_valid`` = the machine read (``final_valid``
  0 for an over-vote) and ``final_writeins`` ``[]`` (a sheet with anything in a write-in column
  is held for review); a held sheet has them NULL / ``[]`` until a person decides.
"""

from __future__ import annotations

import contextlib
import ctypes
import multiprocessing
import os
import re
import signal
import stat
import sys
import threading
import time
from collections import Counter, deque
from collections.abc import Callable, Generator, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from huanjie_desktop.app.accounts import Action, Session, require
from huanjie_desktop.app.backup import auto_backup
from huanjie_desktop.app.fingerprint import ballot_key, round_fingerprint
from huanjie_desktop.app.half_written import another_scan, supersede_completed
from huanjie_desktop.app.stations import WrongStation, assert_may_write_as, local_station
from huanjie_desktop.domain.model import Contest, Mark, RoundStatus, SheetStatus
from huanjie_desktop.recognition.config import DEFAULT_CONFIG, RecognitionConfig
from huanjie_desktop.recognition.load import PageRef, list_pages
from huanjie_desktop.recognition.pipeline import (
    OVERLAY_MARK,
    PageResult,
    ReadContext,
    RoundInfo,
    WriteinRead,
    process_page,
    scores_json,
)
from huanjie_desktop.recognition.reasons import message, messages
from huanjie_desktop.storage import ballots as ballot_store
from huanjie_desktop.storage import repo
from huanjie_desktop.storage import sheets as store
from huanjie_desktop.storage.db import ElectionDB, utc_now

_NOT_IMAGES = frozenset(
    {
        "blank_page",
        "unreadable_file",
        "corrupt_file",
        "truncated_file",
        "not_an_image",
        "pdf_password",
        "too_large",
        "no_pdf_reader",
        "internal_error",
        "images_not_saved",
    }
)

#: Pages written per transaction (and per ``scan.batch`` audit entry) at most ...
BATCH_PAGES = 16
#: ... and a batch is committed at least this often, so progress is saved while scanning.
BATCH_SECONDS = 1.0


class ScanRefused(Exception):
    """Nothing was scanned; the message says why (zh, en)."""

    def __init__(self, zh: str, en: str) -> None:
        super().__init__(zh)
        self.zh = zh
        self.en = en

    def message(self, lang: str = "zh") -> str:
        return self.en if lang == "en" else self.zh


class ImagesNotSaved(ScanRefused):
    """A page's image could not be kept (the images folder full or not writable): the scan
    stopped there, that page listed (``images_not_saved``) — every page after it would have
    been refused alike, each a "scan this page again" for a sheet that was fine."""

    def __init__(self, r: PageResult) -> None:
        from huanjie_desktop.app.oserrors import why_en, why_zh

        folder = str(r.scores.get("images_dir") or "")
        error = str(r.scores.get("error") or "")
        code = r.scores.get("errno")
        cause = OSError(code, error) if isinstance(code, int) else OSError(error)
        zh_why = why_zh(cause) if isinstance(code, int) else error
        super().__init__(
            f"扫描已停止：{Path(r.source_file).name} 第 {r.page} 页的图像无法存入图像文件夹 {folder}"
            f"（{zh_why}；{error}）。请腾出磁盘空间或改正这个文件夹的权限，然后对同一文件夹再运行一次"
            "扫描：已读入的页不会重复计入，这一页和其后各页会读入，纸质选票无需重新扫描。",
            f"scan stopped: the image of {Path(r.source_file).name} page {r.page} could not be"
            f" saved in the images folder {folder} ({why_en(cause)}; {error}). Free disk space or"
            " fix the folder's permissions, then scan the same folder again: pages stored are not"
            " counted twice, this page and the ones after it are read; no need to scan the paper"
            " again.",
        )


@dataclass(frozen=True)
class ScanProgress:
    """Reported after every page (for a progress bar: files_done / files_total)."""

    pages_done: int
    files_done: int
    files_total: int
    current: str
    counts: dict[str, int] = field(default_factory=dict)


def images_dir(db: ElectionDB) -> Path:
    """The kept page images: ``<election file>.images/`` beside the election file."""
    return Path(str(db.path) + ".images")


def round_info(
    db: ElectionDB, contest: Contest, number: int, config: RecognitionConfig = DEFAULT_CONFIG
) -> RoundInfo:
    """What the reader needs of one round: its layout, fingerprint, write-in rule and the
    printed names' and heading words' strokes (a mark on them is told from their print).
    Raises `BallotRefused` for a round whose ballot cannot be laid out."""
    from huanjie_desktop.app.ballots import layout_for
    from huanjie_desktop.reports.glyphs import (
        heading_glyphs,
        name_glyphs,
        writein_label_glyphs,
    )

    layout = layout_for(db, contest.code, number)
    return RoundInfo(
        layout,
        round_fingerprint(db, contest.code, number),
        contest.writein_needs_mark,
        name_glyphs(layout, config.names_px_per_mm, config.names_pad_mm),
        heading_glyphs(layout, config.names_px_per_mm, config.names_pad_mm),
        writein_label_glyphs(layout, config.names_px_per_mm, config.names_pad_mm),
    )


def read_context(
    db: ElectionDB,
    config: RecognitionConfig = DEFAULT_CONFIG,
    overlay_dir: Path | None = None,
    keep_images: bool = True,
) -> ReadContext:
    """Layouts, fingerprints and the key of every round that has ballots to read."""
    from huanjie_desktop.app.ballots import BallotRefused

    rounds: dict[tuple[str, int], RoundInfo] = {}
    for contest in repo.read_contests(db):
        for r in repo.read_rounds(db, contest.code):
            if not r.candidates:
                continue
            try:
                rounds[(contest.code, r.number)] = round_info(db, contest, r.number, config)
            except BallotRefused:
                continue
    return ReadContext(
        key=ballot_key(db),
        rounds=rounds,
        config=config,
        images_dir=str(images_dir(db)) if keep_images else None,
        overlay_dir=str(overlay_dir) if overlay_dir is not None else None,
    )


#: Files a scan folder holds besides pages (the system's, the scanner software's notes):
#: not read, not listed.
_NOT_PAGES = frozenset({"thumbs.db", "desktop.ini", "ehthumbs.db"})
_NOT_PAGE_EXTENSIONS = frozenset(
    {
        ".db",
        ".ini",
        ".log",
        ".txt",
        ".xml",
        ".json",
        ".csv",
        ".md",
        ".huanjie",
        ".bak",
        ".tmp",
        ".part",
        ".lnk",
        ".url",
        ".sha256",
        ".md5",
    }
)


def not_a_page(name: str) -> bool:
    low = name.lower()
    return low in _NOT_PAGES or Path(low).suffix in _NOT_PAGE_EXTENSIONS or ".huanjie" in low


def scan_order(name: str) -> tuple[tuple[int, int, str], ...]:
    """The order a scanner's files were made in: numbers in a name by their value (scan_2
    before scan_10, "Scan (2)" before "Scan (10)", "Scan" before both), the rest as text,
    the name's ending last. Text order put scan_10 right after scan_1, and a sheet's back
    beside another's front."""
    # (the name without its ending first: "Scan.jpg" is the first of "Scan (2).jpg" …)
    stem, ending = Path(name).stem, Path(name).suffix
    return (
        *(
            (1, int(part), part) if part.isdigit() else (0, 0, part.casefold())
            for part in re.split(r"(\d+)", stem)
            if part
        ),
        (2, 0, ending.casefold()),
    )


@dataclass
class PassedOver:
    """What the scanned folders hold that is not read. ``ignored``: the system's and the
    scanner software's own files (`not_a_page`), only counted; ``named``: files and folders
    not read for a reason a counter must see (path, code of `reasons.PASSED_OVER`) — an
    archive of scans, a hidden folder, a marked-up picture. The election's own images
    folder is passed over without a word."""

    ignored: int = 0
    named: list[tuple[Path, str]] = field(default_factory=list)


#: ZIP's first bytes (a file, an empty archive, a spanned one), 7-Zip's and RAR's.
_ARCHIVE_MAGIC = (
    b"PK\x03\x04",
    b"PK\x05\x06",
    b"PK\x07\x08",
    b"7z\xbc\xaf\x27\x1c",
    b"Rar!\x1a\x07",
)
#: Documents that are ZIP archives inside: no scans in them to unpack (listed as today,
#: a page that is no image).
_ZIP_DOCUMENTS = frozenset({".docx", ".xlsx", ".pptx", ".odt", ".ods", ".odp", ".epub", ".ofd"})


def not_to_read(path: Path) -> str:
    """Why a file is not read as pages (a code of `reasons.PASSED_OVER`), by its first bytes:
    an archive of scans (unpack it: refused as "not an image", the ballots in it were left
    out of the count to reconcile), a picture this software drew. "": read it (a file that
    cannot be opened is read, and refused on record)."""
    try:
        if not stat.S_ISREG(path.stat().st_mode):  # (a pipe's opening waits for a writer)
            return ""
        with path.open("rb") as f:
            head = f.read(512)
    except OSError:
        return ""
    if head.startswith(_ARCHIVE_MAGIC) and path.suffix.lower() not in _ZIP_DOCUMENTS:
        return "archive"
    if head.startswith(b"\xff\xd8") and OVERLAY_MARK in head:
        return "overlay_picture"
    return ""


def expand_paths(
    paths: Iterable[Path], skip: Path | None = None, overlay: Path | None = None
) -> tuple[list[Path], PassedOver]:
    """Files to read, in order: files as given, folders sorted and recursive (numbers in
    names by their value: `scan_order`).

    Every file a folder holds is read, whatever its name's ending (an image saved as .jfif
    is an image; a file that is none is a refused page on record), except the system's and
    the scanner software's own files (`not_a_page`), counted, and the files and folders
    passed over with a word (`PassedOver.named`: an archive, a picture this software drew,
    a hidden folder, ``overlay`` — this run's marked-up pictures —, another election file's
    images folder). ``skip``, the election's own images folder, is passed over silently.
    """
    files: list[Path] = []
    ignored: set[str] = set()
    named: dict[str, tuple[Path, str]] = {}

    def cannot_open(exc: OSError) -> None:
        # A folder that cannot be opened (no permission): on record as a page that cannot
        # be read, never passed over without a word.
        if exc.filename:
            files.append(Path(exc.filename))

    def same(a: Path, b: Path | None) -> bool:
        return b is not None and os.path.realpath(a) == os.path.realpath(b)

    def said(f: Path, code: str) -> None:
        named.setdefault(os.path.realpath(f), (f, code))

    def holds_files(d: Path) -> bool:
        return any(names for _, _, names in os.walk(d))

    def take(f: Path) -> None:
        if why := not_to_read(f):
            said(f, why)
        else:
            files.append(f)

    for p in paths:
        if p.is_dir():
            # (a folder linked into the one given is read as the folder it is — skipped, its
            # pages were gone without a word —, each folder once however often linked: a link
            # back up the tree is no endless walk)
            walked = {os.path.realpath(p)}

            def first_time(d: Path, walked: set[str] = walked) -> bool:
                real = os.path.realpath(d)
                if real in walked:
                    return False
                walked.add(real)
                return True

            for root, dirs, names in os.walk(p, onerror=cannot_open, followlinks=True):
                rootp = Path(root)
                kept = []
                for d in dirs:
                    full = rootp / d
                    if same(full, skip):
                        continue  # (the election's own kept images)
                    if same(full, overlay):
                        said(full, "overlay_folder")
                    elif d.startswith("."):
                        # (.git, .Trash: not read; said when it holds files — ballots, maybe)
                        if holds_files(full):
                            said(full, "hidden_folder")
                    elif d.endswith(".images") and (rootp / d[: -len(".images")]).is_file():
                        said(full, "other_images_folder")
                    elif first_time(full):
                        kept.append(d)
                dirs[:] = sorted(kept, key=scan_order)
                for name in sorted(names, key=scan_order):
                    if name.startswith(".") or not_a_page(name):  # (.DS_Store, ._x.jpg)
                        ignored.add(os.path.realpath(rootp / name))
                    else:  # an image under another name is read; anything else is listed
                        take(rootp / name)
        elif p.exists():
            take(p)
        else:
            raise ScanRefused(f"找不到 {p}。请检查路径。", f"{p} not found. Check the path.")
    # (a file named twice — on its own and in its folder, a folder given twice, a link to a
    # file read already — is read once: one sheet, one page on record)
    once: list[Path] = []
    seen: set[str] = set()
    for f in files:
        key = os.path.realpath(f)
        if key not in seen:
            seen.add(key)
            once.append(f)
    return once, PassedOver(len(ignored), list(named.values()))


# --- workers -------------------------------------------------------------------------------------

# The context of this worker process, set once by the pool's initializer (a process pool
# cannot pass it with every page without pickling it every time).
_WORKER_CTX: ReadContext | None = None


def _init_worker(ctx: ReadContext, parent: int | None = None) -> None:
    """Set up a worker (``parent``: the scanning process's id, for a pool's worker)."""
    global _WORKER_CTX  # noqa: PLW0603 - one per worker process, set once
    _WORKER_CTX = ctx
    prepare_reader_process()
    if parent is not None:
        # (Ctrl-C in a terminal reaches the whole process group: the scanning process stops
        # the run and shuts its pool down. A worker interrupted too could die holding the
        # result queue's lock — the other worker then waited on it for ever, and the scan
        # with it: a Ctrl-C that hung the scan instead of stopping it)
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        threading.Thread(target=_end_with, args=(parent,), daemon=True).start()


def _end_with(parent: int) -> None:
    """A pool's worker ends when the process that started it is gone (killed with kill -9,
    a power button held down): left on, it would wait for pages for ever, holding its
    memory and the terminal's output open (a `huanjie scan … | tee` would never end)."""
    while True:
        time.sleep(1.0)
        if os.getppid() != parent:
            os._exit(3)


def prepare_reader_process() -> None:
    """Set up a process that reads pages one after another (a scan worker).

    One OpenCV thread (one page per process; the pool uses the cores), decoders' warnings
    silenced (the result says it all), and freed memory kept for the next page: every page
    needs the same large buffers (the decoded image, the patches), and by default the C
    allocator returns them to the system and takes them back page after page, each time
    paying for thousands of fresh pages (a sixth of a page's reading time on a virtual
    machine). Kept, the process's memory stays at its size after the first page."""
    import cv2

    cv2.setNumThreads(1)
    quiet_decoders()
    _keep_freed_memory()


def quiet_decoders() -> None:
    """The decoders' own words off — OpenCV's log lines (a TIFF cut short, counted for its
    pages in the scanning process), Pillow's warnings (its EXIF cut short): raw English in the
    middle of the progress, when the page's refusal says it in its place, in words."""
    import warnings

    import cv2

    with contextlib.suppress(AttributeError):
        cv2.utils.logging.setLogLevel(cv2.utils.logging.LOG_LEVEL_SILENT)
    warnings.filterwarnings("ignore", module=r"PIL\.")


def _keep_freed_memory() -> None:
    """glibc: serve large blocks from the heap (up to its limit of 32 MiB) and keep up to
    256 MiB of freed memory instead of trimming it (other C libraries: nothing to do)."""
    if not sys.platform.startswith("linux"):
        return
    try:
        libc = ctypes.CDLL(None)
        mallopt = libc.mallopt
    except (OSError, AttributeError):  # not glibc (e.g. musl has no mallopt)
        return
    m_trim_threshold, m_mmap_threshold = -1, -3
    mallopt(m_mmap_threshold, 32 * 1024 * 1024)
    mallopt(m_trim_threshold, 256 * 1024 * 1024)


def _work(ref: PageRef) -> PageResult:
    if _WORKER_CTX is None:
        raise RuntimeError("worker not initialised")
    return process_page(ref, _WORKER_CTX)


def _pages(files: list[Path], on_file: Callable[[Path], None]) -> Iterator[PageRef]:
    for f in files:
        on_file(f)
        try:
            where = f.resolve()
            if not where.exists():  # a link to nothing: listed under its own name
                where = f.absolute()
        except (OSError, RuntimeError):  # a loop of symbolic links: a page that cannot be read
            where = f.absolute()
        yield from list_pages(str(where))


def display_path(path: str) -> str:
    """A file's path as it is stored and shown. A name whose bytes are not UTF-8 (written
    on a USB stick by a computer set to GBK, say) is read as GB18030 where it can be, else
    its odd bytes are shown as \\xNN — never a crash that stops the whole batch."""
    try:
        path.encode("utf-8")
        return path
    except UnicodeEncodeError:
        pass
    parts = []
    for part in os.fsencode(path).split(b"/"):
        try:
            parts.append(part.decode("utf-8"))
        except UnicodeDecodeError:
            try:
                parts.append(part.decode("gb18030"))
            except UnicodeDecodeError:
                parts.append(part.decode("utf-8", "backslashreplace"))
    return "/".join(parts)


def _run_pool(
    refs: Iterator[PageRef], ctx: ReadContext, workers: int, cancel: threading.Event | None
) -> Generator[PageResult, None, None]:
    """Results in input order; a crashed worker's pages are retried once, then rejected."""
    if workers <= 1:
        _init_worker(ctx)
        for ref in refs:
            if cancel is not None and cancel.is_set():
                return
            yield _work(ref)
        return
    window = workers * 4
    mp = multiprocessing.get_context("spawn")
    me = os.getpid()
    pool = ProcessPoolExecutor(
        max_workers=workers, mp_context=mp, initializer=_init_worker, initargs=(ctx, me)
    )
    pending: deque[tuple[PageRef, Future[PageResult], int]] = deque()
    try:
        exhausted = False
        while True:
            while not exhausted and len(pending) < window and not (cancel and cancel.is_set()):
                nxt = next(refs, None)
                if nxt is None:
                    exhausted = True
                    break
                pending.append((nxt, pool.submit(_work, nxt), 0))
            if not pending:
                return
            ref, fut, tries = pending.popleft()
            try:
                yield fut.result()
            except BrokenProcessPool:
                # A worker died (out of memory, a crash in native code): start a new pool and
                # retry the pages that were in flight; a page that breaks it twice is listed.
                pool.shutdown(wait=False, cancel_futures=True)
                pool = ProcessPoolExecutor(
                    max_workers=workers, mp_context=mp, initializer=_init_worker, initargs=(ctx, me)
                )
                retry = [(ref, tries)] + [(r, t) for r, _, t in pending]
                pending.clear()
                for r, t in retry:
                    if t >= 1:
                        pending.append((r, _failed_future(r), t))
                    else:
                        pending.append((r, pool.submit(_work, r), t + 1))
            if cancel is not None and cancel.is_set():
                return
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _failed_future(ref: PageRef) -> Future[PageResult]:
    fut: Future[PageResult] = Future()
    fut.set_result(
        PageResult(
            ref.path,
            ref.page,
            "",
            "",
            SheetStatus.REJECTED,
            ("internal_error",),
            scores={"error": "the worker process crashed on this page"},
        )
    )
    return fut


# --- recording ----------------------------------------------------------------------------------


#: A refused page the file, read whole later, does not have.
_NO_SUCH_PAGE = "（该文件完整时只有 {pages} 页，没有这一页）"
#: Where a held front's back is, as its reason text says it (`back_of` reads it again).
_BACK_AT = "（背面：{where}）"
#: A page held because its serial is a sheet's taken out of the count, as its reason says it.
_WITHDRAWN_TWIN = (
    "（这个防伪码的选票 {sheets} 已撤出计票：如是同一张纸，由监票人把这一张也撤出"
    "（huanjie review withdraw），如确是本轮的选票则按它的符号决定）"
)


def back_of(reason: str | None) -> str | None:
    """The file and page of the back a sheet held as ``written_back`` has, from its reason."""
    found = re.search(r"（背面：([^）]*)）", reason or "")
    return found.group(1) if found else None


def back_sheet(db: ElectionDB, front: str) -> store.SheetRecord | None:
    """The page refused as a back with writing on it (``writing_on_back``) for which the sheet
    ``front`` is held (``written_back``): the page after it in its file, or the first page of
    a file in the same folder (or, the sheet fed face down, the page before it), at the file
    and page its hold names. None: none such stored."""
    rec = store.get(db.con, front)
    where = back_of(rec.reason if rec is not None else None)
    found = re.fullmatch(r"(.*) 第 (\d+) 页", where or "")
    if rec is None or found is None:
        return None
    name, page = found.group(1), int(found.group(2))
    folder = Path(rec.source_file).parent
    for back in store.written_backs(db.con, rec.station, page):
        if Path(back.source_file).name != name:
            continue
        # (the page after the front; or before it, the sheet fed face down, back first)
        if back.source_file == rec.source_file and abs(back.page - rec.page) == 1:
            return back
        if (
            back.source_file != rec.source_file
            and (page == 1 or rec.page == 1)
            and Path(back.source_file).parent == folder
        ):
            return back
    return None


def _follows(first: PageResult, then: PageResult) -> bool:
    """Is ``then`` the page scanned right after ``first``: the next page of its file, or,
    ``then`` being a file's first page, in a file after ``first``'s in the same folder (a
    scanner that saves each page as a file of its own)?"""
    if first.source_file == then.source_file:
        return then.page == first.page + 1
    return then.page == 1 and Path(first.source_file).parent == Path(then.source_file).parent


#: Refusals of a page that may be a sheet's back: blank, with writing on it, or (a name
#: written large) too dark for a blank page and without squares.
_BACK_LIKE = frozenset({("blank_page",), ("writing_on_back",), ("no_registration",)})


#: Refusals of a page read as a ballot's front whose serial could not be had (its squares
#: found; its code smudged, cut, another election's): the page a back after it belongs to.
_FRONT_REFUSALS = frozenset(
    {
        "code_unreadable",
        "code_not_ours",
        "code_damaged",
        "code_forged",
        "unknown_round",
        "wrong_fingerprint",
        "cut_off",
        "part_of_ballot",
        "boxes_misplaced",
        "two_ballots",
        "corner_off_image",
        "hollow_squares",
        "registration_implausible",
    }
)


def _shown(r: PageResult) -> dict[str, Any] | None:
    """The ballot seen through a page taken for a back (`pipeline.show_through`), if any."""
    shown = r.scores.get("show_through")
    if r.status is SheetStatus.REJECTED and tuple(r.reasons) in _BACK_LIKE:
        return shown if isinstance(shown, dict) else None
    return None


def _back_side(back: PageResult, before: PageResult | None, after: PageResult | None) -> str:
    """Whose back a page showing a ballot through it is: ``"before"``, the ballot scanned
    just before it (its serial the one seen through, or, that code unreadable, any ballot);
    ``"after"``, the ballot scanned just after it, of the serial seen through (a sheet fed
    face down into a scanner reading both sides: its back comes first); ``""``: neither —
    the ballot itself, fed face down into a scanner reading one side, its front unread."""
    serial = (_shown(back) or {}).get("serial")
    front = before is not None and (
        bool(before.serial) or bool(set(before.reasons) & _FRONT_REFUSALS)
    )
    if (
        before is not None
        and front
        and _follows(before, back)
        and (serial is None or before.serial in (None, serial))
    ):
        # (a front refused without a serial — its code smudged, another election's — is
        # still the page this back belongs to: a second refusal for one sheet sent the desk
        # looking for a face-down ballot that was never there)
        return "before"
    if serial and after is not None and after.serial == serial and _follows(back, after):
        return "after"
    return ""


def _front_of(back: PageResult, before: PageResult | None) -> PageResult | None:
    """The ballot whose back ``back`` is, scanned both sides: the page before it in its file,
    or, the back being a file's first page, the last page of the file before it in the same
    folder — if that page is a ballot in the count (counted, or held for review), and the
    ballot seen through the back, if one is, is that one."""
    if before is None or not before.sheet_id or not before.serial:
        return None
    if before.status not in (SheetStatus.COUNTED, SheetStatus.REVIEW):
        return None
    shown = _shown(back)
    if shown is not None and shown.get("back_of") != "before":
        return None
    return before if _follows(before, back) else None


def _written_back_before(front: PageResult, before: PageResult | None) -> PageResult | None:
    """The page just before the ballot ``front`` that is its back with writing on it, the
    sheet fed face down into a scanner reading both sides (its back scanned first)."""
    if before is None or not front.serial or tuple(before.reasons) != ("writing_on_back",):
        return None
    shown = _shown(before)
    if shown is None or shown.get("back_of") != "after" or shown.get("serial") != front.serial:
        return None
    return before if _follows(before, front) else None


def _as_stored(db: ElectionDB, r: PageResult, old: store.SheetRecord) -> PageResult:
    """A page stored by an earlier run, as the election file now holds it: its status and
    reasons, and — counted — its marks, validity and write-ins as they count (as a confirmed
    review decision settled them, else as read); held or set aside, as read, no valid ballot.
    (The fresh reading's marks beside the stored status printed a sheet decided void as
    counted with its unclear mark, and a held one as a valid ballot.)"""
    from huanjie_desktop.app.counting import _standing_decision
    from huanjie_desktop.storage import counting as count_store

    status = SheetStatus(old.status)
    counted = status is SheetStatus.COUNTED
    codes = (old.final_marks if counted else None) or old.marks or ""
    names = [code for code, _ in r.marks]
    if old.contest and old.round and len(names) != len(codes):
        info = repo.read_round(db, old.contest, old.round)
        names = [c.code for c in info.candidates] if info is not None else []
    marks = (
        tuple((n, Mark.from_code(c)) for n, c in zip(names, codes, strict=True))
        if len(names) == len(codes) and all(c in "AND?" for c in codes)
        else ()
    )
    writeins = tuple(
        WriteinRead(int(w["column"]), w.get("has_name"), Mark(str(w["mark"])))
        for w in old.writeins
        if isinstance(w, dict) and "column" in w and str(w.get("mark")) in set(Mark)
    )
    decision: dict[str, Any] | None = None
    row = count_store.read_sheet(db, old.id)
    # (held again since — its serial on another image —: no decision stands for it now)
    d = (
        _standing_decision(row, count_store.decisions_for(db, old.id))
        if row is not None and status is not SheetStatus.REVIEW
        else None
    )
    if d is not None:
        decision = {
            "id": d.id,
            "decided_by": d.decided_by,
            "confirmed_by": d.confirmed_by,
            "valid": d.decided.get("valid"),
            "reason": d.reason or None,
            **({"withdrawn": True} if d.decided.get("withdrawn") else {}),
            **(
                {"duplicate_of": d.decided["duplicate_of"]} if d.decided.get("duplicate_of") else {}
            ),
        }
    return replace(
        r,
        sheet_id=old.id,
        already_stored=True,
        status=status,
        reasons=tuple(old.reasons),
        contest=old.contest,
        round=old.round,
        serial=old.serial,
        ballot_valid=bool(old.final_valid) if counted and old.final_valid is not None else None,
        marks=marks,
        writeins=writeins,
        decided_writeins=tuple(old.final_writeins) if counted and decision else None,
        decision=decision,
        held_too=(),
    )


def _record(
    db: ElectionDB,
    station: str,
    r: PageResult,
    now: str,
    before: PageResult | None = None,
    after: PageResult | None = None,
) -> PageResult:
    """Decide what the page means for the election's records and write its row. ``before``:
    the page recorded just before it in this run (a blank back's front); ``after``: the page
    read just after it, not yet recorded (asked of a page showing a ballot through it)."""
    con = db.con
    sid = store.sheet_id(station, r.source_file, r.page, r.image_sha256)
    old = store.get(con, sid)
    # (a page refused for a cause since gone — its code's definition put back as it was —
    # is read afresh, not shown as the refusal already stored: `store.STALE`)
    if old is not None and not store.retried(old.status, old.reasons, r.reasons):
        return _as_stored(db, r, old)
    status, reasons = r.status, list(r.reasons)
    held: list[str] = []
    withdrawn_at = ""
    why_held = "serial_conflict"
    if (shown := _shown(r)) is not None:
        # A page taken for a back, a ballot seen through it: the back of the ballot beside
        # it — or that ballot itself, fed face down, its front never read. Skipped as a back,
        # it would be a ballot lost without a word: refused, to be scanned again face up.
        side = _back_side(r, before, after)
        seen = shown.get("serial")
        if (
            not side
            and seen
            and any(x.status in ("counted", "review") for x in store.by_serial(con, str(seen)))
        ):
            # (its front read already, in this run or an earlier one: a back scanned apart
            # from it — a scanner saving fronts and backs under names of their own)
            side = "read"
        r = replace(r, scores={**r.scores, "show_through": {**shown, "back_of": side}})
        if not side:
            status, reasons = SheetStatus.REJECTED, ["face_down"]
    # The same image again is a duplicate — not a blank back (they all look alike) nor a file
    # that could not be decoded (its pages share the file's bytes).
    if r.image_sha256 and r.image_path and not set(reasons) & _NOT_IMAGES:
        twins = [s for s in store.by_image(con, r.image_sha256) if s.id != sid]
        if twins:
            status, reasons = SheetStatus.DUPLICATE, ["duplicate_image"]
    if status in (SheetStatus.COUNTED, SheetStatus.REVIEW) and r.contest and r.round:
        rs = store.round_status(con, r.contest, r.round)
        if rs == RoundStatus.CERTIFIED:
            status, reasons = SheetStatus.REJECTED, ["round_certified"]
        elif rs == RoundStatus.VOID:
            status, reasons = SheetStatus.REJECTED, ["round_void"]
        elif (store.latest_round(con, r.contest) or r.round) > r.round:
            status, reasons = SheetStatus.REJECTED, ["round_superseded"]
    if status in (SheetStatus.COUNTED, SheetStatus.REVIEW) and r.serial:
        info = ballot_store.lookup_serial(db, r.serial)
        if info is not None and info.spoiled:
            status, reasons = SheetStatus.REJECTED, ["spoiled_serial"]
        else:
            if info is None:
                status = SheetStatus.REVIEW
                reasons.append("unknown_serial")
            others = [
                s
                for s in store.by_serial(con, r.serial)
                if s.id != sid
                and s.status in ("counted", "review")
                and s.image_sha256 != r.image_sha256
            ]
            if others:
                status = SheetStatus.REVIEW
                reasons.append("serial_conflict")
                held = [s.id for s in others]
            # A paper taken out of the count (review withdraw: no ballot of this round, an
            # extra sheet) and fed again: another image of its serial, held for a person as
            # when a counted paper is fed again — counted at once, the withdrawal was undone
            # without a word and the round certified with that paper in place of another.
            # (The sheet taken out stays out: what it counted as is kept for its putting back.)
            out = sorted(
                x.id
                for x in store.by_serial(con, r.serial)
                if x.id != sid
                and x.status == "duplicate"
                and x.image_sha256 != r.image_sha256
                and store.taken_out(con, x.id)
            )
            if out:
                status = SheetStatus.REVIEW
                if "serial_conflict" not in reasons:
                    reasons.append("serial_conflict")
                withdrawn_at = _WITHDRAWN_TWIN.format(sheets="、".join(out))
    if status is SheetStatus.REJECTED and reasons == ["writing_on_back"]:
        front = _front_of(r, before)
        if front is not None:  # its front does not count until a person has seen both
            held, why_held = [front.sheet_id], "written_back"
    back_at = ""
    if status in (SheetStatus.COUNTED, SheetStatus.REVIEW) and (
        back := _written_back_before(r, before)
    ):
        # (its back, with writing on it, scanned just before it: it waits for a person)
        status = SheetStatus.REVIEW
        reasons.append("written_back")
        back_at = _BACK_AT.format(where=f"{Path(back.source_file).name} 第 {back.page} 页")
    counted = status is SheetStatus.COUNTED
    marks = r.mark_codes()
    record = store.SheetRecord(
        id=sid,
        station=station,
        source_file=r.source_file,
        page=r.page,
        image_sha256=r.image_sha256,
        image_path=r.image_path,
        status=str(status),
        reason=(messages(reasons) + back_at + withdrawn_at) if reasons else None,
        reasons=reasons,
        contest=r.contest,
        round=r.round,
        serial=r.serial,
        ballot_valid=None if r.ballot_valid is None else int(r.ballot_valid),
        marks=marks,
        writeins=[w.to_json() for w in r.writeins],
        scores=scores_json(r.scores),
        final_marks=marks if counted else None,
        final_valid=(None if r.ballot_valid is None else int(r.ballot_valid)) if counted else None,
        final_writeins=[],
        scanned_at=now,
        operator=db.operator,
    )
    if old is not None:
        store.replace_failed(con, record)
    else:
        store.insert(con, record)
    if not set(reasons) & store.LOAD_FAILURES:
        was_another = another_scan(images_dir(db), r.source_file)
        store.supersede_refused(
            con, station, r.source_file, r.page, sid, message("rescanned"), another_file=was_another
        )
        if r.pages and r.page == r.pages:
            # (read to its end: a page listed beyond it while the file was cut short — one
            # more than it held — is a page it does not have)
            store.supersede_refused(
                con,
                station,
                r.source_file,
                r.page,
                sid,
                message("rescanned") + _NO_SUCH_PAGE.format(pages=r.pages),
                beyond=True,
                another_file=was_another,
            )
        supersede_completed(db, station, r.source_file, r.page, r.pages, sid, images_dir(db))
    for other in held:
        text = message(why_held)
        if why_held == "written_back":
            text += _BACK_AT.format(where=f"{Path(r.source_file).name} 第 {r.page} 页")
        store.hold_for_conflict(con, other, why_held, text)
    # (a page held here — another image of its serial, an unknown serial — is no valid
    # ballot until a person decides: `ballot_valid` said true of it in the JSON)
    return replace(
        r,
        sheet_id=sid,
        status=status,
        reasons=tuple(reasons),
        held_too=tuple(held),
        ballot_valid=r.ballot_valid if status is SheetStatus.COUNTED else None,
    )


def scan_paths(
    db: ElectionDB,
    paths: Iterable[Path],
    station: str | None = None,
    progress: Callable[[ScanProgress], None] | None = None,
    cancel: threading.Event | None = None,
    overlay_dir: Path | None = None,
    workers: int = 2,
    config: RecognitionConfig = DEFAULT_CONFIG,
    *,
    operator: Session | None = None,
) -> Generator[PageResult, None, None]:
    """Read and store every page under ``paths``; yields each page once it is committed.

    ``cancel`` (a threading.Event) stops after the pages in flight; what was yielded is
    stored. ``workers`` ≤ 1 reads in this process (tests, tiny batches). The right to scan is
    checked here, before anything is read; the station defaults to this laptop's own name.
    A rolling backup of the election file is made after a run that stored new sheets.
    """
    require(db, operator, Action.SCAN)
    station = (station or "").strip() or local_station(db)
    try:
        assert_may_write_as(db, station, "扫描选票", "scan ballots")
    except WrongStation as exc:
        raise ScanRefused(exc.zh, exc.en) from None
    return _scan_paths(db, paths, station, progress, cancel, overlay_dir, workers, config)


def _scan_paths(
    db: ElectionDB,
    paths: Iterable[Path],
    station: str,
    progress: Callable[[ScanProgress], None] | None,
    cancel: threading.Event | None,
    overlay_dir: Path | None,
    workers: int,
    config: RecognitionConfig,
) -> Generator[PageResult, None, None]:
    files, _ = expand_paths([Path(p) for p in paths], images_dir(db), overlay_dir)
    quiet_decoders()  # (the pages are counted here: `list_pages`)
    ctx = read_context(db, config, overlay_dir)
    if not ctx.rounds:
        raise ScanRefused(
            "本选举文件中还没有可以计票的选票（没有任何一轮有候选人）。",
            "this election file has no ballots to read yet (no round with candidates)",
        )
    images_dir(db).mkdir(parents=True, exist_ok=True)
    counts: Counter[str] = Counter()
    files_started = 0

    def on_file(_: Path) -> None:
        nonlocal files_started
        files_started += 1

    buffer: list[PageResult] = []
    previous: list[PageResult] = []  # the page recorded last (a blank back's front)
    counted_here: set[str] = set()  # sheets this run recorded as counted (and not held since)
    last = time.monotonic()
    done = 0

    def flush(end: str = "") -> list[PageResult]:
        """Record the pages read so far. ``end``: "" (more pages come), "done" (no more),
        "stopped" (cancelled, or an error: pages may have been read that never come)."""
        # A page showing a ballot through it is the back of the page before it or after it,
        # or a ballot fed face down: the batch waits for the page after it (pages come in
        # input order, whatever the workers' timing) — the run done, none comes. Stopped
        # early, it stays unrecorded: read again next time, with its neighbour.
        waits = bool(buffer) and end != "done" and _shown(buffer[-1]) is not None
        if waits and not end:
            return []
        upto = len(buffer) - int(waits)
        if upto <= 0:
            return []
        out: list[PageResult] = []
        now = utc_now()
        with db.transaction():
            for i, r in enumerate(buffer[:upto]):
                after = buffer[i + 1] if i + 1 < len(buffer) else None
                out.append(_record(db, station, r, now, previous[0] if previous else None, after))
                previous[:] = out[-1:]
            new = [r for r in out if not r.already_stored]
            for contest, number in sorted(
                {
                    (r.contest, r.round)
                    for r in new
                    if r.contest
                    and r.round
                    and r.status in (SheetStatus.COUNTED, SheetStatus.REVIEW)
                }
            ):
                repo.fix_round_attendance(db, contest, number)
            if new:
                tally = Counter(count_key(r) for r in new)
                counted_here.update(r.sheet_id for r in new if r.status is SheetStatus.COUNTED)
                # (a front this run counted that a later page held — in this batch or an
                # earlier one: held, as the page says; the run's entries add up to its totals)
                held = [h for r in new for h in r.held_too]
                for h in held:
                    if h in counted_here:
                        counted_here.discard(h)
                        tally["counted"] -= 1
                        tally["review"] += 1
                db.audit(
                    "scan.batch",
                    {
                        "station": station,
                        "pages": len(new),
                        "counts": {k: v for k, v in sorted(tally.items()) if v},
                        "sheets": [r.sheet_id for r in new],
                        "files": sorted({Path(r.source_file).name for r in new}),
                        **({"held_for_review": held} if held else {}),
                    },
                )
        del buffer[:upto]
        return out

    results = _run_pool(_pages(files, on_file), ctx, workers, cancel)

    stored_new = 0
    # Pages committed and not yet handed on: every page a run stores it yields, Ctrl-C
    # included — one stored and never printed is printed by the next run as
    # "already_stored", in no run's new lines (a tool adding them up lost it).
    unsent: deque[PageResult] = deque()

    def emit(batch: list[PageResult]) -> Iterator[PageResult]:
        nonlocal done, stored_new
        unsent.extend(batch)
        while unsent:
            out = unsent[0]
            try:
                yield out
            finally:
                # (handed on once the yield is reached — an interrupt thrown in at it comes
                # after the caller has the page; one before it leaves the page to be sent)
                unsent.popleft()
                done += 1
                stored_new += not out.already_stored
                counts[str(out.status)] += 1
                if progress is not None:
                    progress(
                        ScanProgress(done, files_started, len(files), out.source_file, dict(counts))
                    )

    not_saved: PageResult | None = None
    try:
        for r in results:
            if r.source_file != (shown := display_path(r.source_file)):
                r = replace(r, source_file=shown)
            buffer.append(r)
            if "images_not_saved" in r.reasons:
                not_saved = r  # (the folder full: every page after it would fail alike)
                break
            if cancel is not None and cancel.is_set():
                break
            if len(buffer) >= BATCH_PAGES or time.monotonic() - last >= BATCH_SECONDS:
                last = time.monotonic()
                yield from emit(flush())
    except GeneratorExit:
        # Stopped early by the caller (it takes no more pages): what was read is still
        # stored (but a page showing a ballot through it whose neighbour was not read).
        results.close()
        flush("stopped")
        raise
    except BaseException:
        # Ctrl-C (raised in the reading, or thrown in here by a caller interrupted while it
        # handled a page), the reading's workers killed with it, an error: what was read is
        # stored (but a page showing a ballot through it whose neighbour was not read:
        # `flush`) and handed on — with any stored earlier and not yet handed on — before
        # the stop goes on.
        results.close()
        stored = flush("stopped")
        yield from emit(stored)
        raise
    results.close()
    stopped = not_saved is not None or (cancel is not None and cancel.is_set())
    yield from emit(flush("stopped" if stopped else "done"))
    if not_saved is not None:
        raise ImagesNotSaved(not_saved)
    if stored_new:
        auto_backup(db, "scan")


#: What a refused page that is a ballot's back (blank, or with writing that holds its front)
#: is counted as: no ballot, so no "rejected" one — 计入 + 待审核 + 拒收 is what was collected.
BACK = "back"
BACK_REASONS = (("blank_page",), ("writing_on_back",))


def count_key(r: PageResult) -> str:
    """What a page counts as in a run's totals: its status, or ``BACK`` for a ballot's back."""
    if r.status is SheetStatus.REJECTED and tuple(r.reasons) in BACK_REASONS:
        return BACK
    return str(r.status)


def summarize(results: Iterable[PageResult]) -> dict[str, Any]:
    """Counts by status (and how many pages were already stored by an earlier run), a
    ballot's back counted apart (``back``). A sheet read as counted that a later page of the
    run put on hold (its serial again, on another image; writing on its back) is counted as
    held."""
    c: Counter[str] = Counter()
    new: Counter[str] = Counter()
    again = blank_bw = 0
    seen: dict[str, PageResult] = {}
    for r in results:
        c[count_key(r)] += 1
        again += int(r.already_stored)
        if not r.already_stored:
            new[count_key(r)] += 1
            blank_bw += int(r.blank_in_black_and_white())
        for held in r.held_too:
            was = seen.get(held)
            if was is not None and was.status is SheetStatus.COUNTED:
                seen[held] = replace(was, status=SheetStatus.REVIEW)
                for tally in (c, new) if not was.already_stored else (c,):
                    tally["counted"] -= 1
                    tally["review"] += 1
                blank_bw -= int(not was.already_stored and was.blank_in_black_and_white())
        if r.sheet_id:
            seen[r.sheet_id] = r
    return {
        "counts": dict(c),
        "already_stored": again,
        "new_counts": dict(new),
        "blank_black_and_white": blank_bw,
    }


def blank_bw_warning(n: int) -> tuple[str, str]:
    """What to say of ``n`` ballots read with no mark at all from black-and-white scans."""
    return (
        f"注意：{n} 张黑白扫描的选票上没有读到任何标记（按全部弃权计入）。如投票人用的是彩色笔"
        "（红、蓝、绿等），扫描仪的黑白模式可能把笔迹当成白纸丢掉：请对照原票核对；"
        "如确有标记，请把扫描仪改为灰度后重新扫描这些选票。",
        f"Note: {n} ballot(s) scanned in black and white were read with no mark at all (counted"
        " as abstaining on everyone). If voters used a coloured pen (red, blue, green), the"
        " scanner's black-and-white mode may have dropped their strokes as white paper: check"
        " the paper ballots, and if they are marked, scan them again in grey.",
    )
