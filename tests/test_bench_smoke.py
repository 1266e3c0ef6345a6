"""The tally benchmark runs at a small size (so it cannot rot) and its totals are right."""

from __future__ import annotations

import json

import pytest

from bench import tally as bench_tally


def test_tally_bench_small(capsys: pytest.CaptureFixture[str]) -> None:
    # speed gates only mean something at full size; correctness is checked at any size
    code = bench_tally.main(
        [
            "--sheets",
            "2000",
            "--candidates",
            "12",
            "--seats",
            "9",
            "--repeat",
            "1",
            "--no-gate",
            "--json",
        ]
    )
    report = json.loads(capsys.readouterr().out)
    assert code == 0 and report["correct"] and report["status"] == "final"
    assert report["tally_s"] > 0 and report["sql_aggregate_s"] > 0
