"""Speed of the ballot reader on 300-dpi A4 JPEG pages, next to the cost of merely decoding them.

``python -m bench.recognition [--pages N] [--rounds R]``

Pages are real ballots printed by the project, rendered at 300 dpi, marked (○, ×, blanks as
on real ballots) and saved as JPEG q85 by a good scanner simulation (see bench/corpus.py).
In the same run, alternately:
- decode: ``cv2.imread(path, cv2.IMREAD_GRAYSCALE)`` of every file (one thread);
- read, one core: the whole per-page work of a scan worker (``pipeline.process_page``: read
  the file, hash it, keep a copy, decode, find the marks, decode the QR, read every target);
- read, two cores: the same through a two-process pool (the one ``huanjie scan`` uses).
The best round of each is kept (the machine may be busy with other work).

Targets: one-core read ≤ 2 × decode per page; two cores ≥ 1.6 × one core (near-linear).
Exits 1 if a target is missed.
"""

from __future__ import annotations

import argparse
import multiprocessing
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

import cv2
import numpy as np

from bench import corpus
from huanjie_desktop.recognition.load import PageRef
from huanjie_desktop.recognition.pipeline import PageResult, ReadContext, process_page

#: Marks as they come on real ballots: mostly ○, × and blanks.
TYPICAL = {"circle": 40.0, "cross": 25.0, "empty": 30.0, "circle_big": 2.0, "oval": 3.0}

_CTX: list[ReadContext] = []


def _init(ctx: ReadContext) -> None:
    cv2.setNumThreads(1)
    _CTX[:] = [ctx]


def _read(path: str) -> PageResult:
    return process_page(PageRef(path, 1, 1), _CTX[0])


def make_pages(folder: Path, pages: int, seed: int = 7) -> tuple[list[Path], ReadContext]:
    from huanjie_desktop.app.scan import read_context
    from huanjie_desktop.storage.db import open_election_file

    election = corpus.make_election(folder)
    templates = corpus.print_templates(election, 2, 300)
    db = open_election_file(election, "bench")
    try:
        ctx = read_context(db)
    finally:
        db.close()
    rng = np.random.default_rng(seed)
    files = []
    saved = dict(corpus.WEIGHTS)
    corpus.WEIGHTS.clear()
    corpus.WEIGHTS.update(TYPICAL)
    try:
        for i in range(pages):
            img, _ = corpus.mark_sheet(templates[i % len(templates)], rng)
            s = corpus.scan(img, 300, rng, mild=True)
            path = folder / f"page{i:04d}.jpg"
            path.write_bytes(s.data)
            files.append(path)
    finally:
        corpus.WEIGHTS.clear()
        corpus.WEIGHTS.update(saved)
    return files, ctx


def measure(pages: int = 40, rounds: int = 3, out: Any = sys.stdout) -> dict[str, Any]:
    cv2.setNumThreads(1)
    with tempfile.TemporaryDirectory(prefix="hj-speed-") as tmp:
        files, ctx = make_pages(Path(tmp), pages)
        paths = [str(f) for f in files]
        _init(ctx)
        decode, one = [], []
        statuses: dict[str, int] = {}
        for _ in range(rounds):
            t = time.perf_counter()
            for p in paths:
                cv2.imread(p, cv2.IMREAD_GRAYSCALE)
            decode.append((time.perf_counter() - t) / len(paths))
            t = time.perf_counter()
            for p in paths:
                r = _read(p)
                statuses[str(r.status)] = statuses.get(str(r.status), 0) + 1
            one.append((time.perf_counter() - t) / len(paths))
        two = []
        mp = multiprocessing.get_context("spawn")
        with ProcessPoolExecutor(2, mp_context=mp, initializer=_init, initargs=(ctx,)) as pool:
            list(pool.map(_read, paths[:4]))  # start both workers before timing
            for _ in range(rounds):
                t = time.perf_counter()
                list(pool.map(_read, paths, chunksize=2))
                two.append((time.perf_counter() - t) / len(paths))
    d, o, w = min(decode), min(one), min(two)
    ratio = o / d
    speedup = o / w
    out.write(
        f"{pages} pages of 300-dpi A4 JPEG, best of {rounds} rounds; pages read: {statuses}\n"
    )
    out.write(f"decode only (cv2.imread grey):  {d * 1000:7.1f} ms/page  {1 / d:6.1f} pages/s\n")
    out.write(
        f"read, one core:                 {o * 1000:7.1f} ms/page  {1 / o:6.1f} pages/s"
        f"   = {ratio:.2f} × decode   (target ≤ 2)\n"
    )
    out.write(
        f"read, two cores:                {w * 1000:7.1f} ms/page  {1 / w:6.1f} pages/s"
        f"   = {speedup:.2f} × one core (target ≥ 1.6)\n"
    )
    ok = ratio <= 2.0 and speedup >= 1.6
    return {
        "ok": ok,
        "decode_ms": d * 1000,
        "one_ms": o * 1000,
        "two_ms": w * 1000,
        "ratio": ratio,
        "speedup": speedup,
        "statuses": statuses,
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(
        prog="python -m bench.recognition", description=__doc__.splitlines()[0]
    )
    ap.add_argument("--pages", type=int, default=40)
    ap.add_argument("--rounds", type=int, default=3)
    a = ap.parse_args(argv)
    result = measure(a.pages, a.rounds)
    print("PASS" if result["ok"] else "FAIL: a target was missed")
    return 0 if result["ok"] else 1


if __name__ == "__main__":
    raise SystemExit(main())
