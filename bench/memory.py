"""Memory of the reader over many pages: ``python -m bench.memory [--pages N] [--distinct D]``.

Prints D real ballots (marked, scanned as 300-dpi JPEG, as in bench/recognition.py) and has
the two-process pool of ``huanjie scan`` (``app.scan._run_pool``: the same workers, set up
the same way) read N pages, the D files again and again (default 10,000 pages of 40 files).
The resident memory (RSS) of the main process and of the workers is sampled as the results
come in. The results are consumed and dropped (storing them is SQLite's business; the reader
is where memory could pile up: OpenCV's and NumPy's caches, the decoders, the kept buffers).

Target: flat — from the first tenth of the pages to the end the total grows by at most 5 %
and at most 25 MB. Exits 1 if not (or if any page was not read).
"""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any, TextIO

from bench.recognition import make_pages
from huanjie_desktop.app.scan import _run_pool
from huanjie_desktop.recognition.load import PageRef

_PAGE = os.sysconf("SC_PAGE_SIZE") if hasattr(os, "sysconf") else 4096


_PROC = Path("/proc")


def _rss_mb(pid: int) -> float:
    return int((_PROC / str(pid) / "statm").read_text("ascii").split()[1]) * _PAGE / 2**20


def _children(pid: int) -> list[int]:
    out = []
    for entry in _PROC.iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text("ascii", errors="replace")
            except OSError:
                continue  # gone meanwhile
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                out.append(int(entry.name))
    return out


def sample() -> tuple[float, float]:
    """(main process, sum of its child processes) RSS in MB."""
    me = os.getpid()
    kids = 0.0
    for pid in _children(me):
        with contextlib.suppress(OSError):  # gone meanwhile
            kids += _rss_mb(pid)
    return _rss_mb(me), kids


def measure(
    pages: int = 10_000, distinct: int = 40, workers: int = 2, out: TextIO = sys.stdout
) -> dict[str, Any]:
    if not _PROC.is_dir():
        raise SystemExit("bench.memory reads /proc (Linux)")
    with tempfile.TemporaryDirectory(prefix="hj-memory-") as tmp:
        files, ctx = make_pages(Path(tmp), distinct)

        def refs() -> Iterator[PageRef]:
            for i in range(pages):
                yield PageRef(str(files[i % len(files)]), 1, 1)

        marks = sorted({max(1, pages // 10), pages // 4, pages // 2, 3 * pages // 4, pages})
        samples: dict[int, tuple[float, float]] = {}
        statuses: Counter[str] = Counter()
        t0 = time.perf_counter()
        done = 0
        for r in _run_pool(refs(), ctx, workers, None):
            done += 1
            statuses[str(r.status)] += 1
            if done in marks:
                samples[done] = sample()
        elapsed = time.perf_counter() - t0
    first, last = samples[marks[0]], samples[marks[-1]]
    growth = sum(last) - sum(first)
    share = growth / max(1e-9, sum(first))
    ok = done == pages and "rejected" not in statuses and growth <= 25.0 and share <= 0.05
    out.write(
        f"{done} pages ({distinct} distinct 300-dpi JPEG ballots, read again and again) by"
        f" {workers} worker processes in {elapsed:.0f} s ({done / elapsed:.1f} pages/s);"
        f" pages read: {dict(statuses)}\n"
    )
    out.write("resident memory (MB) after " + "".join(f"{m:>9,}" for m in marks) + " pages\n")
    out.write("  main process           " + "".join(f"{samples[m][0]:9.1f}" for m in marks) + "\n")
    out.write("  worker processes (sum) " + "".join(f"{samples[m][1]:9.1f}" for m in marks) + "\n")
    out.write(
        f"growth from {marks[0]:,} to {marks[-1]:,} pages: {growth:+.1f} MB ({share:+.1%});"
        " target: at most +5 % and +25 MB\n"
    )
    return {"ok": ok, "pages": done, "growth_mb": growth, "share": share, "samples": samples}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m bench.memory", description=__doc__.splitlines()[0])
    ap.add_argument("--pages", type=int, default=10_000)
    ap.add_argument("--distinct", type=int, default=40)
    ap.add_argument("--workers", type=int, default=2)
    a = ap.parse_args(argv)
    result = measure(a.pages, a.distinct, a.workers)
    print("PASS" if result["ok"] else "FAIL: memory grew, or a page was not read")
    return 0 if result["ok"] else 1


if __name__ == "__main__":
    raise SystemExit(main())
