"""`huanjie demo` end to end at a small size: definitions, ballots, scans, review, certified
result and papers, all through the real pipeline."""

from __future__ import annotations

import json
import sqlite3
import subprocess
from pathlib import Path

import pytest

from huanjie_desktop.app.demo import run_demo
from huanjie_desktop.cli.main import main


@pytest.mark.slow
def test_demo_goes_all_the_way(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    result = run_demo(tmp_path / "demo", "演示员", voters_limit=14)
    district = result.files["district"]
    assert district.exists() and result.files["assembly"].exists()
    assert (tmp_path / "demo" / "district-definition.xlsx").exists()
    for code in ("WY", "JW", "SD", "HB"):
        assert (tmp_path / "demo" / "ballots" / f"{code}-round1.pdf").exists()
    assert main(["status", str(district), "--json"]) == 0
    status = json.loads(capsys.readouterr().out)
    expected = {c["contest"]: c["expected"] for c in status["contests"]}
    assert expected == {"WY": 248, "HB": 248, "JW": 248, "SD": 248}
    assert main(["tally", str(district), "--contest", "HB", "--json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    # (certified: ``final`` as the contract names a complete result, and said certified)
    assert doc["status"] == "final" and doc["certified"] is True and doc["digest"]
    assert doc["valid_ballots"] + doc["void_ballots"] == 14
    assert doc["void_ballots"] >= 2  # the over-voted sheet, the sheet a voter signed
    con = sqlite3.connect(district)
    signed = con.execute(
        "SELECT count(*), min(final_valid) FROM sheets WHERE reasons LIKE '%writing_elsewhere%'"
    ).fetchone()
    con.close()
    assert signed == (1, 0)
    assert doc["pending_review"] == 0
    # nobody can be elected with 14 ballots on a base of 248: seats stay unfilled
    assert doc["unfilled_seats"] == 6
    paper = tmp_path / "demo" / "papers" / "HB-计票结果报告单.pdf"
    text = subprocess.run(
        ["pdftotext", "-layout", str(paper), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "计票结果报" in text and "监票人" in text
    assert main(["verify", str(district)]) == 0
