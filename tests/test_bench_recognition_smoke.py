"""The recognition benchmarks in tiny versions, so they cannot rot (no speed or accuracy gate
here: the full runs are `python -m bench.accuracy`, `python -m bench.plain_marks` and
`python -m bench.recognition`)."""

from __future__ import annotations

import io
import json
from pathlib import Path

from bench import accuracy, corpus, memory, plain_marks, recognition


def test_corpus_writes_pages_and_truth(tmp_path: Path) -> None:
    assert corpus.main([str(tmp_path / "c"), "--pages", "2", "--seed", "3", "--dpi", "150"]) == 0
    truth = [
        json.loads(x) for x in (tmp_path / "c" / "truth.jsonl").read_text("utf-8").splitlines()
    ]
    assert len(truth) == 2
    assert {t["contest"] for t in truth} <= {"SYM", "COL"}
    for t in truth:
        assert (tmp_path / "c" / t["file"]).is_file()
        assert t["candidates"] or t["columns"]


def test_accuracy_runs_and_reports() -> None:
    buf = io.StringIO()
    result = accuracy.evaluate(
        40, seed=5, workers=1, sheets=1, symbol_candidates=6, column_candidates=4, out=buf, dpi=200
    )
    text = buf.getvalue()
    assert "confident wrong calls" in text and "kind" in text
    assert result["positions"] >= 40
    assert result["rejected"] == 0


def test_plain_marks_bench_runs_and_reads_every_scan() -> None:
    buf = io.StringIO()
    n = len(plain_marks.SCANS)
    result = plain_marks.evaluate(
        n, seed=2, workers=1, out=buf, symbol_candidates=8, column_candidates=4
    )
    text = buf.getvalue()
    assert "confident wrong calls" in text and "by scan" in text
    assert result["refused"] == 0 and result["wrong"] == 0, text
    assert result["positions"] >= n * 4
    assert all(s in text for s in plain_marks.SCANS), text


def test_recognition_speed_runs_and_reports() -> None:
    buf = io.StringIO()
    result = recognition.measure(pages=1, rounds=1, workers=1, out=buf)
    assert result["decode_ms"] > 0 and result["one_ms"] > 0
    assert result["decode_plain_process_ms"] > 0
    assert "pages/s" in buf.getvalue() and "fresh process" in buf.getvalue()


def test_memory_bench_runs_and_reports() -> None:
    buf = io.StringIO()
    result = memory.measure(pages=12, distinct=3, workers=2, out=buf)
    assert result["pages"] == 12
    assert len(result["samples"]) >= 2 and all(w > 0 for _, w in result["samples"].values())
    assert "resident memory" in buf.getvalue()
