"""A file refused because it was caught half-written, then completed under another name or
in another folder (moved to a "done" sub-folder, renamed by the scanner software): its
refusal said "scan this page again" for ever, though the ballot was read, and counted +
review + rejected was one over the ballots collected.

The refusal keeps the file's exact bytes as they were read. When a file read whole later
begins with those bytes, it is that same file, completed: the refusal is superseded, its
record saying where the file was read whole. Only a proof that cannot hold for two
different scans is taken: enough bytes, and bytes of coded image data — two scans by one
scanner share their headers (a few kilobytes at most: tables, Exif, PDF preamble) and may
share long runs of white paper in a file stored uncompressed, never kilobytes of
compressed image.
"""

from __future__ import annotations

import zlib
from collections.abc import Callable
from pathlib import Path

from huanjie_desktop.recognition.reasons import message
from huanjie_desktop.storage import sheets as store
from huanjie_desktop.storage.db import ElectionDB

#: The least of a refused file's kept bytes that proves a complete file the same one: well
#: past any header two scans of one scanner could share.
MIN_PROOF_BYTES = 16 * 1024
#: ... and they must be coded image data: deflate saves little on them (it shrinks a run of
#: white paper, or a pattern, to a fraction — those two different scans may share).
MIN_PROOF_INCOMPRESSIBLE = 0.6

_WHERE = "（同一文件后来已完整读取：{where}；它的开头与这里留存的不完整文件逐字节相同）"


def _proves(kept: bytes) -> bool:
    if len(kept) < MIN_PROOF_BYTES:
        return False
    return len(zlib.compress(kept, 6)) >= MIN_PROOF_INCOMPRESSIBLE * len(kept)


def supersede_completed(
    db: ElectionDB, station: str, source_file: str, page: int, pages: int, by: str, images: Path
) -> list[str]:
    """Refusals (the file could not be read) of page ``page`` of another file whose kept
    bytes begin the file ``source_file``, just read whole at that page — and, when ``page``
    is its last of ``pages``, of the pages after it — are superseded by ``by``. Returns
    their ids."""
    beyond = page if pages and page == pages else None
    found = [
        s
        for s in store.refused_unread(db.con, station, [page], beyond)
        if s.source_file != source_file  # (the same path: `store.supersede_refused`)
    ]
    if not found:
        return []
    try:
        size = Path(source_file).stat().st_size
    except OSError:
        return []
    out = []
    for s in found:
        kept_at = images / s.image_path
        try:
            if not MIN_PROOF_BYTES <= kept_at.stat().st_size < size:
                continue
            kept = kept_at.read_bytes()
            with Path(source_file).open("rb") as f:
                head = f.read(len(kept))
        except OSError:
            continue
        if head != kept or not _proves(kept):
            continue
        where = f"{source_file} 第 {page} 页"
        store.mark_rescanned(db.con, s.id, message("rescanned") + _WHERE.format(where=where))
        out.append(s.id)
    return out


def another_scan(images: Path, source_file: str) -> Callable[[str], bool]:
    """For `store.supersede_refused`: does a refusal's kept image (its path under
    ``images``) prove it a scan other than the file ``source_file`` now read whole at the same
    path? Its bytes (less a tail of zeros: a file made full size before it is written) are
    then not the file's beginning, though the two begin alike (the same kind of file, kept
    as it was read — a page of a many-page file kept on its own, or a header the writer
    fills in last, proves nothing either way). Unreadable: no proof."""

    def proves(image_path: str) -> bool:
        try:
            kept = (images / image_path).read_bytes().rstrip(b"\0")
            if len(kept) < 8:
                return False
            with Path(source_file).open("rb") as f:
                head = f.read(len(kept))
        except OSError:
            return False
        return head[:8] == kept[:8] and head != kept

    return proves
