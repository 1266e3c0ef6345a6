"""Scanning into the election file: every page accounted for, exactly once.

Real sheets printed by the project, rendered by poppler at 150 dpi, written as the files a
scanner leaves in a folder, then read by ``scan_paths`` / ``huanjie scan`` into a real
election file. Includes a real killed process (SIGKILL) and a re-run.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import shutil
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import cv2
import numpy as np
import pytest

from bench import corpus
from huanjie_desktop.app.ballots import spoil
from huanjie_desktop.app.scan import ScanProgress, ScanRefused, images_dir, scan_paths
from huanjie_desktop.cli.main import main
from huanjie_desktop.domain.model import SheetStatus
from huanjie_desktop.recognition.pipeline import PageResult
from huanjie_desktop.storage import sheets as store
from huanjie_desktop.storage.db import open_election_file
from tests.test_recognition import PPM, Gray, Printed, marked, print_all

REPO = Path(__file__).resolve().parent.parent


def png(img: Gray) -> bytes:
    ok, enc = cv2.imencode(".png", img, [cv2.IMWRITE_PNG_COMPRESSION, 1])
    assert ok
    return bytes(enc.tobytes())


def jpg(img: Gray, q: int = 85) -> bytes:
    ok, enc = cv2.imencode(".jpg", img, [cv2.IMWRITE_JPEG_QUALITY, q])
    assert ok
    return bytes(enc.tobytes())


@pytest.fixture
def printed(tmp_path: Path) -> Printed:
    """A fresh election file per test (the tests write sheets into it)."""
    return print_all(tmp_path / "print", sheets=4)


def images_dir_of(path: Path) -> Path:
    return Path(str(path) + ".images")


def rows(path: Path) -> list[store.SheetRecord]:
    with open_election_file(path, "测试员") as db:
        return store.list_sheets(db)


def scan(p: Printed, *paths: Path, **kw: object) -> list[PageResult]:
    with open_election_file(p.path, "测试员") as db:
        return list(scan_paths(db, list(paths), workers=1, **kw))  # type: ignore[arg-type]


def test_a_folder_of_ballots_is_counted_and_kept(printed: Printed, tmp_path: Path) -> None:
    lay = printed.layouts["SY"]
    folder = tmp_path / "scans"
    folder.mkdir()
    (folder / "001.png").write_bytes(
        png(marked(printed.pages["SY"][0], lay, {"c01": "circle", "c02": "cross"}))
    )
    (folder / "002.jpg").write_bytes(jpg(marked(printed.pages["SY"][1], lay, {"c03": "check"})))
    (folder / "sub").mkdir()
    (folder / "sub" / "003.png").write_bytes(png(printed.pages["SY-test"][0]))
    (folder / "notes.txt").write_text("not a scan")
    progress: list[ScanProgress] = []
    out = scan(printed, folder, progress=progress.append)
    assert [(Path(r.source_file).name, r.status) for r in out] == [
        ("001.png", SheetStatus.COUNTED),
        ("002.jpg", SheetStatus.REVIEW),
        ("003.png", SheetStatus.REJECTED),
    ]
    assert out[2].reasons == ("test_ballot",)
    assert progress[-1].pages_done == 3 and progress[-1].files_total == 3
    db_rows = {Path(r.source_file).name: r for r in rows(printed.path)}
    first = db_rows["001.png"]
    assert first.status == "counted" and first.contest == "SY" and first.round == 1
    assert first.serial == printed.serials["SY"][0]
    assert first.final_marks == first.marks and first.final_valid == 1
    assert first.final_writeins == []
    assert db_rows["002.jpg"].final_marks is None and db_rows["002.jpg"].final_valid is None
    assert "unclear_mark" in db_rows["002.jpg"].reasons
    assert db_rows["003.png"].reason == "样票，不计入正式计票"
    # marks string in ballot order; raw scores and thresholds kept
    order = [c.code for c in lay.candidates]
    assert first.marks == "".join({"c01": "A", "c02": "D"}.get(c, "N") for c in order)
    scores = json.loads(first.scores)
    assert "thresholds" in scores and "c01.mark" in scores["targets"]
    # the kept image is the scanned file itself, content-addressed
    with open_election_file(printed.path, "测试员") as db:
        kept = images_dir(db) / first.image_path
        audit = [
            json.loads(r[0])
            for r in db.con.execute("SELECT detail FROM audit WHERE event = 'scan.batch'")
        ]
    assert kept.read_bytes() == (folder / "001.png").read_bytes()
    assert hashlib.sha256(kept.read_bytes()).hexdigest() == first.image_sha256
    assert sum(a["pages"] for a in audit) == 3
    # the same folder again: nothing new
    again = scan(printed, folder)
    assert all(r.already_stored for r in again) and len(rows(printed.path)) == 3


def test_a_name_circled_instead_of_its_box_is_listed_for_review_with_the_candidate(
    printed: Printed, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The sheet is held (not counted as abstaining on that candidate), and `review list`
    names the candidate whose name was circled, in words and in its JSON."""
    lay = printed.layouts["SY"]
    img = marked(printed.pages["SY"][0], lay, {"c01": "circle", "c03": "cross"})
    corpus.draw_beside(img, lay, "c02", "ring_name", PPM, np.random.default_rng(0))
    folder = tmp_path / "scans"
    folder.mkdir()
    (folder / "001.jpg").write_bytes(jpg(img))
    out = scan(printed, folder)
    assert out[0].status is SheetStatus.REVIEW and out[0].reasons == ("mark_beside_box",)
    name = next(c.name for c in lay.candidates if c.code == "c02")
    assert main(["review", "list", str(printed.path), "--json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert listed[0]["beside_boxes"] == [{"candidate": "c02", "name": name}]
    assert main(["review", "list", str(printed.path)]) == 0
    text = capsys.readouterr().out
    assert f"方格外有笔迹（圈、叉姓名之类，对照原票认定）：c02 {name}" in text
    assert "    候选人格内方格外有笔迹（如圈了姓名、划了姓名）：请按投票人意愿认定" in text  # words
    assert [r.reason for r in rows(printed.path)] == [
        "候选人格内方格外有笔迹（如圈了姓名、划了姓名）：请按投票人意愿认定"
    ]


def test_duplicates_and_serial_conflicts(printed: Printed, tmp_path: Path) -> None:
    lay = printed.layouts["SY"]
    a = tmp_path / "a"
    b = tmp_path / "b"
    a.mkdir()
    b.mkdir()
    page = marked(printed.pages["SY"][0], lay, {"c01": "circle"})
    (a / "x.png").write_bytes(png(page))
    (b / "copy-of-x.png").write_bytes(png(page))  # the same image twice
    (b / "photocopy.jpg").write_bytes(jpg(page, 70))  # another image of the same sheet
    first = scan(printed, a)
    assert first[0].status is SheetStatus.COUNTED
    out = scan(printed, b)
    by_name = {Path(r.source_file).name: r for r in out}
    assert by_name["copy-of-x.png"].status is SheetStatus.DUPLICATE
    assert by_name["photocopy.jpg"].status is SheetStatus.REVIEW
    assert "serial_conflict" in by_name["photocopy.jpg"].reasons
    stored = {Path(r.source_file).name: r for r in rows(printed.path)}
    # the sheet counted first is held for review too, and no longer counts
    assert stored["x.png"].status == "review" and "serial_conflict" in stored["x.png"].reasons
    assert stored["x.png"].final_marks is None
    assert stored["copy-of-x.png"].status == "duplicate"
    counted = [r for r in rows(printed.path) if r.status == "counted"]
    assert counted == []
    # ... and the reading that put it on hold says so (it was printed as counted before)
    assert by_name["photocopy.jpg"].held_too == (first[0].sheet_id,)
    assert by_name["photocopy.jpg"].to_json()["held_too"] == [first[0].sheet_id]


def test_a_paper_entered_by_hand_then_scanned_is_not_two_votes(
    printed: Printed, tmp_path: Path
) -> None:
    """A ballot entered by hand under its printed serial, and later its paper scanned after
    all: the scan found no sheet with that serial (a hand-entered sheet kept it only as a
    label) and counted the paper a second time. Both are now held for a person."""
    from huanjie_desktop.app import counting

    serial = printed.serials["SY"][0]
    with open_election_file(printed.path, "测试员") as db:
        for by in ("甲", "乙"):
            out = counting.manual_entry(db, "SY", 1, serial.lower(), {"c01": "agree"}, by=by)
        assert out.status == "counted"
        with pytest.raises(counting.CountingRefused) as e:  # the same paper, another label
            counting.manual_entry(db, "SY", 1, f"A-1/{serial}", {"c01": "agree"}, by="甲")
        assert serial in e.value.zh
    folder = tmp_path / "later"
    folder.mkdir()
    (folder / "p.png").write_bytes(
        png(marked(printed.pages["SY"][0], printed.layouts["SY"], {"c01": "circle"}))
    )
    (r,) = scan(printed, folder)
    assert r.status is SheetStatus.REVIEW and "serial_conflict" in r.reasons, r.reasons
    assert r.held_too == (out.sheet,)
    stored = {x.id: x for x in rows(printed.path)}
    assert stored[str(out.sheet)].status == "review"


def test_a_hand_entry_takes_the_printed_serial_and_checks_it(
    printed: Printed, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A torn sheet entered by hand with a label of its own ("A-017", as the guide and the
    messages showed), its paper later scanned after all: counted twice, caught only by the
    round's "sheets differ from collected", naming no sheet. The clerk gives the printed
    serial (huanjie manual --serial): it is checked against the serials printed for the
    round, and the later scan is held with the entry for a person. A label that is no serial
    is still taken, with a warning that a later scan of that paper cannot be matched."""
    serial = printed.serials["SY"][0]
    f = str(printed.path)

    def manual(*args: str) -> tuple[int, str, str]:
        code = main(["--lang", "en", "manual", f, "--contest", "SY", "--mark", "c01=agree", *args])
        said = capsys.readouterr()
        return code, said.out, said.err

    capsys.readouterr()
    wrong = serial[:-1] + ("A" if serial[-1] != "A" else "B")
    code, _, err = manual("--serial", wrong, "--by", "甲")
    assert code != 0 and f"no SY round 1 ballot with serial {wrong} was printed" in err, err
    code, _, err = manual("--label", wrong.lower(), "--by", "甲")  # (looks like a serial)
    assert code != 0 and f"serial {wrong} was printed" in err, err
    other = printed.serials["CO"][0]
    code, _, err = manual("--serial", other, "--by", "甲")
    assert code != 0 and f"{other} is the serial of a CO round 1 ballot" in err, err
    code, _, err = manual("--serial", serial, "--label", "A-017", "--by", "甲")
    assert code != 0 and f"label A-017 differs from serial {serial}" in err, err
    code, _, err = manual("--by", "甲")
    assert code == 2 and "--serial" in err, err

    for by in ("甲", "乙"):
        code, out, err = manual("--serial", serial.lower(), "--by", by)
        assert code == 0 and "not a printed serial" not in err, err
    assert f"ballot {serial}: both entries agree; it counts." in out, out
    for by in ("甲", "乙"):
        code, out, err = manual("--label", "A-017", "--by", by)
        assert code == 0, err
        assert "[warning] label A-017 is not a printed serial" in err, err
    assert main(["manual", f, "--contest", "SY", "--label", "A-018", "--by", "甲", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["unmatched"] is True

    folder = tmp_path / "later"
    folder.mkdir()
    (folder / "p.png").write_bytes(
        png(marked(printed.pages["SY"][0], printed.layouts["SY"], {"c01": "circle"}))
    )
    (r,) = scan(printed, folder)
    assert r.status is SheetStatus.REVIEW and "serial_conflict" in r.reasons, r.reasons
    assert r.held_too == (f"manual:SY:1:{serial}",)
    with open_election_file(printed.path, "测试员") as db:
        (detail,) = [
            json.loads(d)
            for (d,) in db.con.execute(
                "SELECT detail FROM audit WHERE event = 'manual.entered'"
                " AND json_extract(detail, '$.outcome') = 'counted'"
                " AND json_extract(detail, '$.label') = ?",
                (serial,),
            )
        ]
        assert detail["serial"] == serial


def test_spoiled_unknown_certified(printed: Printed, tmp_path: Path) -> None:
    folder = tmp_path / "s"
    folder.mkdir()
    for i in range(3):
        (folder / f"{i}.png").write_bytes(png(printed.pages["SY"][i]))
    (folder / "co.png").write_bytes(png(printed.pages["CO"][0]))
    with open_election_file(printed.path, "测试员") as db:
        spoil(db, printed.serials["SY"][0], "印错")
        db.con.execute("DELETE FROM serials WHERE serial = ?", (printed.serials["SY"][1],))
        db.con.execute("UPDATE rounds SET status = 'certified' WHERE contest = 'CO'")
    out = {Path(r.source_file).name: r for r in scan(printed, folder)}
    assert out["0.png"].status is SheetStatus.REJECTED and out["0.png"].reasons == (
        "spoiled_serial",
    )
    assert out["1.png"].status is SheetStatus.REVIEW and out["1.png"].reasons == ("unknown_serial",)
    assert out["2.png"].status is SheetStatus.COUNTED
    assert out["co.png"].status is SheetStatus.REJECTED
    assert out["co.png"].reasons == ("round_certified",)
    # a sheet scanned as cast is no spoiled one: recording it so was taken, and it still
    # counted (the runs listed it spoiled, the tally counted it valid)
    from huanjie_desktop.app.ballots import BallotRefused

    with open_election_file(printed.path, "测试员") as db:
        with pytest.raises(BallotRefused) as e:
            spoil(db, printed.serials["SY"][2], "印错")
        assert "已经扫描入票" in e.value.zh and out["2.png"].sheet_id in e.value.zh
        assert store.by_serial(db.con, printed.serials["SY"][2])[0].status == "counted"


def test_pdf_with_blank_backs_corrupt_and_truncated_files(printed: Printed, tmp_path: Path) -> None:
    from PIL import Image

    folder = tmp_path / "batch"
    folder.mkdir()
    front = Image.fromarray(printed.pages["SY"][2])
    back = Image.fromarray(np.full_like(printed.pages["SY"][2], 250))
    front.save(folder / "duplex.pdf", save_all=True, append_images=[back], resolution=150)
    data = jpg(printed.pages["SY"][3])
    (folder / "cut.jpg").write_bytes(data[: len(data) // 3])
    (folder / "junk.tif").write_bytes(b"II*\x00" + os.urandom(200))
    out = scan(printed, folder)
    got = {(Path(r.source_file).name, r.page): r for r in out}
    assert got[("duplex.pdf", 1)].status is SheetStatus.COUNTED
    assert got[("duplex.pdf", 2)].status is SheetStatus.REJECTED
    assert got[("duplex.pdf", 2)].reasons == ("blank_page",)
    assert got[("cut.jpg", 1)].reasons == ("truncated_file",)
    assert got[("junk.tif", 1)].reasons == ("corrupt_file",)
    with open_election_file(printed.path, "测试员") as db:
        for r in out:  # every page listed, every image kept
            assert (images_dir(db) / r.image_path).is_file(), r


def test_a_pdf_cut_short_with_its_page_tree_at_the_end_loses_no_page_silently(
    printed: Printed, tmp_path: Path
) -> None:
    """reportlab (as many scanners' drivers) writes the page tree at the end of the file:
    cut short, a 3-sheet PDF gave one record ("damaged") and two sheets vanished. Now each
    image in it is a page on record, one more for what the cut took, and the reason says
    the file is incomplete."""
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen.canvas import Canvas

    pdf = tmp_path / "three.pdf"
    c = Canvas(str(pdf), pagesize=(595, 842))
    for i in range(3):
        png = tmp_path / f"p{i}.png"
        cv2.imwrite(str(png), printed.pages["SY"][i])
        c.drawImage(ImageReader(str(png)), 0, 0, 595, 842)
        c.showPage()
    c.save()
    data = pdf.read_bytes()
    folder = tmp_path / "cut"
    folder.mkdir()
    (folder / "cut.pdf").write_bytes(data[: len(data) // 2])
    out = scan(printed, folder)
    assert len(out) >= 3, [(r.page, r.reasons) for r in out]
    assert all(r.status is SheetStatus.REJECTED for r in out)
    assert {r.reasons for r in out} == {("truncated_file",)}


def test_a_page_refused_while_still_being_copied_and_read_whole_later_counts_once(
    printed: Printed, tmp_path: Path
) -> None:
    """A file scanned while the scanner was still writing it (refused: incomplete), then
    scanned again complete at the same path: both records stayed, the refusal still saying
    to scan that sheet again, and counted + review + rejected was one over the ballots."""
    folder = tmp_path / "copying"
    folder.mkdir()
    data = jpg(printed.pages["SY"][3])
    (folder / "0004.jpg").write_bytes(data[: len(data) // 4])
    (first,) = scan(printed, folder)
    assert first.reasons == ("truncated_file",)
    (folder / "0004.jpg").write_bytes(data)
    (second,) = scan(printed, folder)
    assert second.status is SheetStatus.COUNTED
    stored = {r.id: r for r in rows(printed.path)}
    assert stored[first.sheet_id].status == "duplicate"
    assert stored[first.sheet_id].reasons == ["rescanned"]
    assert "读取完整" in (stored[first.sheet_id].reason or "")
    assert stored[second.sheet_id].status == "counted"
    from huanjie_desktop.app.verify import verify_file

    with open_election_file(printed.path, "测试员") as db:
        assert verify_file(db).ok


def test_scan_says_a_front_is_held_for_writing_on_its_back_not_for_its_serial(
    printed: Printed, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The text output held a front for the writing on the page after it (its back) with
    "p1 has the same serial as the page below; both are now held" — the serials differ and
    the back is no ballot. It says the page below is that sheet's back, with writing on it."""
    rng = np.random.default_rng(7)
    h, w = printed.pages["SY"][0].shape
    back = np.full((h, w), 248, np.uint8)
    corpus.write_name(back, (20 * PPM, 20 * PPM, 44.3 * PPM, 29 * PPM), PPM, rng)
    folder = tmp_path / "written"
    folder.mkdir()
    (folder / "0001.jpg").write_bytes(jpg(printed.pages["SY"][3]))
    (folder / "0002.jpg").write_bytes(jpg(back))
    capsys.readouterr()
    assert main(["--lang", "en", "scan", str(printed.path), str(folder), "--workers", "1"]) == 0
    err = capsys.readouterr().err
    assert (
        "note: the page below is the back of 0001.jpg p1 and has writing on it: 0001.jpg p1 is"
        " now held for review." in err
    ), err
    assert "same serial" not in err, err
    (folder / "0001.jpg").write_bytes(jpg(printed.pages["SY"][2]))
    (folder / "0002.jpg").write_bytes(jpg(np.rot90(np.rot90(back)).copy()))
    assert main(["scan", str(printed.path), str(folder), "--workers", "1"]) == 0
    err = capsys.readouterr().err
    assert "注意：下面这页是 0001.jpg p1 的背面，写有文字：0001.jpg p1 现在待审核。" in err, err
    assert "防伪码相同" not in err, err


def test_part_of_a_ballot_is_refused_and_counted_never_a_back_holding_its_neighbour(
    printed: Printed, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A scan that started late (the top with the code missing) was "writing on a blank
    back" and held the complete ballot before it for review; a sheet that jammed upside down
    (its foot, turned over) was a blank back, "not a missing ballot" — and the summary left
    both out of what was collected. Each is refused as part of a ballot, to be scanned again,
    and counted among the refused; the ballots around them count."""
    lay = printed.layouts["SY"]
    cut = marked(printed.pages["SY"][1], lay, {"c01": "circle", "c03": "cross"}, 2)
    jam = marked(printed.pages["SY"][3], lay, {"c02": "circle"}, 3)
    folder = tmp_path / "jammed"
    folder.mkdir()
    (folder / "0001.jpg").write_bytes(jpg(marked(printed.pages["SY"][0], lay, {"c01": "cross"})))
    (folder / "0002.jpg").write_bytes(jpg(np.ascontiguousarray(cut[round(100 * PPM) :])))
    (folder / "0003.jpg").write_bytes(jpg(printed.pages["SY"][2]))
    foot = jam[jam.shape[0] - round(120 * PPM) :][::-1, ::-1]
    (folder / "0004.jpg").write_bytes(jpg(np.ascontiguousarray(foot)))
    capsys.readouterr()
    assert main(["--lang", "en", "scan", str(printed.path), str(folder), "--workers", "1"]) == 0
    err = capsys.readouterr().err
    assert "4 pages: counted 2, review 0, rejected 2, duplicate 0" in err, err
    assert "back" not in err and "held" not in err, err
    assert err.count("only part of a ballot is in the image") == 2, err
    stored = {Path(r.source_file).name: r for r in rows(printed.path)}
    assert [stored[n].status for n in sorted(stored)] == [
        "counted",
        "rejected",
        "counted",
        "rejected",
    ]
    for name in ("0002.jpg", "0004.jpg"):
        assert stored[name].reasons == ["part_of_ballot"], stored[name].reasons
        assert "重新扫描" in (stored[name].reason or "")


def test_writing_on_a_blank_back_holds_its_front_for_a_person(
    printed: Printed,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A voter's name written small on the back of the ballot, or in its margin, was a
    "blank page: skipped, nothing to do" — and its front counted. Now the back is listed
    with the reason and its front (the page before it) is held for review; a back with the
    front's print showing through, a fold's creases or a little dust is still a blank back."""
    from PIL import Image

    rng = np.random.default_rng(5)
    fronts = [Image.fromarray(printed.pages["SY"][i]) for i in (0, 1, 2)]
    h, w = printed.pages["SY"][0].shape

    def back(
        name_at: tuple[float, float] | None,
        size: float = 9.0,
        front: tuple[str, int] | None = ("SY", 0),
    ) -> Image.Image:
        img = np.full((h, w), 248, np.uint8)
        if front is not None:
            # its front's print showing through the paper, mirrored and faint
            shown = printed.pages[front[0]][front[1]][:, ::-1].astype(np.float32)
            img = (248 - 0.12 * (255 - shown)).astype(np.uint8)
        cv2.line(img, (0, h // 2), (w - 1, h // 2 + 6), 150, 2)  # a fold's crease
        for _ in range(12):  # dust
            dx, dy = int(rng.integers(40, w - 40)), int(rng.integers(40, h - 40))
            cv2.circle(img, (dx, dy), 1, 60, -1)
        if name_at is not None:
            x, y = name_at
            box = (x * PPM, y * PPM, (x + size * 2.7) * PPM, (y + size) * PPM)
            corpus.write_name(img, box, PPM, rng)
        return Image.fromarray(img)

    folder = tmp_path / "duplex"
    folder.mkdir()
    pages = [
        fronts[0],
        back(None),
        fronts[1],
        back((150.0, 268.0), front=("SY", 1)),
        fronts[2],
        back(None, front=("SY", 2)),
    ]
    pages[0].save(folder / "scan.pdf", save_all=True, append_images=pages[1:], resolution=150)
    import huanjie_desktop.app.scan as scan_app

    # (three pages a batch: the front with writing on its back is counted in the first,
    # held in the second — the run's audit entries must still add up)
    monkeypatch.setattr(scan_app, "BATCH_PAGES", 3)
    monkeypatch.setattr(scan_app, "BATCH_SECONDS", 1e9)
    out = scan(printed, folder)
    monkeypatch.undo()
    got = {r.page: r for r in out}
    assert [got[p].reasons for p in (2, 4, 6)] == [
        ("blank_page",),
        ("writing_on_back",),
        ("blank_page",),
    ], [(r.page, r.reasons, r.scores.get("back_writing")) for r in out]
    assert got[4].held_too == (got[3].sheet_id,)
    # the run's audit entry says what the scan page says: the held front held, the backs
    # no rejected ballots
    with open_election_file(printed.path, "测试员") as db:
        details = [
            json.loads(r[0])
            for r in db.con.execute("SELECT detail FROM audit WHERE event = 'scan.batch'")
        ]
    mine = [x for x in details if "scan.pdf" in x["files"]]
    assert len(mine) == 2 and "held_for_review" in mine[1], mine
    total: dict[str, int] = {}
    for x in mine:  # (a run is written in batches: they add up, a front held later too)
        for k, v in x["counts"].items():
            total[k] = total.get(k, 0) + v
    assert {k: v for k, v in total.items() if v} == {"back": 3, "counted": 2, "review": 1}, mine
    assert [h for x in mine for h in x.get("held_for_review", [])] == [got[3].sheet_id]
    stored = {r.page: r for r in rows(printed.path)}
    assert (stored[1].status, stored[5].status) == ("counted", "counted")
    assert stored[3].status == "review" and "written_back" in stored[3].reasons
    assert "scan.pdf 第 4 页" in (stored[3].reason or "")
    # the review list at the desk says where the back is
    capsys.readouterr()
    assert main(["--lang", "en", "review", "list", str(printed.path)]) == 0
    assert "its back: scan.pdf page 4" in capsys.readouterr().out
    # the same back as a file of its own after its front's file: the same
    single = tmp_path / "single"
    single.mkdir()
    (single / "0001.jpg").write_bytes(jpg(printed.pages["SY"][3]))
    (single / "0002.jpg").write_bytes(jpg(np.asarray(back((20.0, 20.0), front=("SY", 3)))))
    # written large (too much ink for a blank page, and no squares): a back all the same
    (single / "0003.jpg").write_bytes(jpg(printed.pages["CO"][0]))
    (single / "0004.jpg").write_bytes(
        jpg(np.asarray(back((60.0, 120.0), size=24.0, front=("CO", 0))))
    )
    out = scan(printed, single)
    assert [r.reasons for r in out] == [(), ("writing_on_back",)] * 2, [
        (r.reasons, r.scores.get("dark_share")) for r in out
    ]
    assert out[1].held_too == (out[0].sheet_id,) and out[3].held_too == (out[2].sheet_id,)
    # Each held front finds its own back (for the review desk to show): the next page of its
    # file, or the next file in its folder — not a back of the same name and page elsewhere.
    from huanjie_desktop.app.scan import back_sheet

    other = tmp_path / "other"
    other.mkdir()
    # (no ballot showing through it: a back whose front is not there, not one fed face down)
    (other / "0004.jpg").write_bytes(jpg(np.asarray(back((30.0, 200.0), front=None))))
    scan(printed, other)
    with open_election_file(printed.path, "测试员") as db:
        found = {f: back_sheet(db, f) for f in (got[3].sheet_id, out[0].sheet_id, out[2].sheet_id)}
        assert back_sheet(db, got[1].sheet_id) is None  # (a front without a written back)
    assert [(b.source_file, b.page) if b else None for b in found.values()] == [
        (str(folder / "scan.pdf"), 4),
        (str(single / "0002.jpg"), 1),
        (str(single / "0004.jpg"), 1),
    ]


def test_files_cut_short_and_images_under_other_names(printed: Printed, tmp_path: Path) -> None:
    # A multi-page TIFF or PDF cut short (an incomplete copy) loses no page without a word;
    # an image saved as .jfif or .webp is read; another file in the folder is a refused page
    # on record; the system's own files are passed over.
    from PIL import Image

    folder = tmp_path / "batch"
    folder.mkdir()
    pages = [Image.fromarray(printed.pages["SY"][i]) for i in range(3)]
    whole = tmp_path / "three.tif"
    pages[0].save(whole, save_all=True, append_images=pages[1:], compression="tiff_lzw")
    data = whole.read_bytes()
    (folder / "cut.tif").write_bytes(data[: int(len(data) * 0.9)])
    pages[0].save(tmp_path / "three.pdf", save_all=True, append_images=pages[1:], resolution=150)
    pdf = (tmp_path / "three.pdf").read_bytes()
    (folder / "cut.pdf").write_bytes(pdf[: int(len(pdf) * 0.8)])
    deep = [  # 12 bits in 16
        (printed.pages[c][i].astype(np.uint16) * 16).astype(np.uint16)
        for c, i in (("SY", 3), ("CO", 0))
    ]
    ok = cv2.imwritemulti(str(folder / "deep.tiff"), deep)
    assert ok
    (folder / "photo.jfif").write_bytes(jpg(printed.pages["CO"][1]))
    ok, webp = cv2.imencode(".webp", printed.pages["CO"][2], [cv2.IMWRITE_WEBP_QUALITY, 95])
    assert ok
    (folder / "phone.webp").write_bytes(webp.tobytes())
    (folder / "minutes.docx").write_bytes(b"PK\x03\x04 not an image")
    (folder / "Thumbs.db").write_bytes(b"\x00" * 64)
    out = scan(printed, folder)
    got = {(Path(r.source_file).name, r.page): r for r in out}
    cut = sorted(p for name, p in got if name == "cut.tif")
    assert cut == [1, 2, 3]
    assert got[("cut.tif", 3)].reasons == ("truncated_file",)  # (the copy did not finish)
    assert "cut short" in json.dumps(got[("cut.tif", 3)].scores)
    assert {got[("cut.tif", p)].status for p in (1, 2)} == {SheetStatus.COUNTED}
    pdf_pages = sorted(p for name, p in got if name == "cut.pdf")
    assert len(pdf_pages) == 3  # each page tried, each kept on record
    assert got[("deep.tiff", 1)].status is SheetStatus.COUNTED
    assert got[("deep.tiff", 2)].status is SheetStatus.COUNTED
    assert got[("photo.jfif", 1)].status is SheetStatus.COUNTED
    assert got[("phone.webp", 1)].status is SheetStatus.COUNTED
    assert got[("minutes.docx", 1)].reasons == ("not_an_image",)
    assert not any(name == "Thumbs.db" for name, _ in got)


def test_odd_files_and_names_are_each_on_record(printed: Printed, tmp_path: Path) -> None:
    """What a USB stick and a shared folder bring besides plain images: every page is on
    record with a reason a counter can act on, and the batch goes on.
    - a name whose bytes are not UTF-8 (saved by a computer set to GBK) crashed the whole
      batch, storing nothing, again on every re-run; now read, its name shown in GB18030;
    - a loop of symbolic links crashed it too; a pipe in the folder hung it for ever;
    - a multi-page TIFF saved without an ending lost its pages after the first without a
      word; a PDF without one was "not an image";
    - an empty file, a page all black, one flat grey, a JPEG whose coded data is garbled
      (decoded one flat tone below) were "a blank back: skipped, not a missing ballot";
    - a PNG whose header says 20,000 × 20,000 pixels was decoded (7 GB in colour)."""
    from PIL import Image

    folder = tmp_path / "odd"
    folder.mkdir()
    page = printed.pages["SY"][0]
    gbk = os.fsencode(folder) + b"/" + "计票".encode("gbk") + b".png"
    Path(os.fsdecode(gbk)).write_bytes(png(page))
    (folder / "loopA").symlink_to(folder / "loopB")
    (folder / "loopB").symlink_to(folder / "loopA")
    os.mkfifo(folder / "pipe.png")
    pages = [Image.fromarray(printed.pages["SY"][i]) for i in (1, 2, 3)]
    pages[0].save(folder / "scan0001", format="TIFF", save_all=True, append_images=pages[1:])
    other = [Image.fromarray(printed.pages["CO"][i]) for i in (0, 1, 2)]
    other[0].save(folder / "scan0002.png", format="PDF", save_all=True, append_images=other[1:])
    (folder / "empty.png").write_bytes(b"")
    (folder / "black.png").write_bytes(png(np.zeros_like(page)))
    (folder / "grey.png").write_bytes(png(np.full_like(page, 128)))
    data = jpg(page)
    cut = bytearray(data)
    noise = np.random.default_rng(5).integers(0, 256, len(data) // 8 * 7 - 2, dtype=np.uint8)
    cut[len(data) - len(noise) - 2 : -2] = noise.tobytes()  # its data garbled, its end kept
    (folder / "broken.jpg").write_bytes(bytes(cut))
    (folder / "back.png").write_bytes(png(np.full_like(page, 245)))
    # (a header saying 20,000 × 20,000 — a few MB of PNG can be gigabytes decoded: never tried)
    ihdr = b"IHDR" + (20000).to_bytes(4, "big") * 2 + bytes([8, 2, 0, 0, 0])
    (folder / "huge.png").write_bytes(
        b"\x89PNG\r\n\x1a\n" + (13).to_bytes(4, "big") + ihdr + b"\0" * 4 + b"rest"
    )
    (folder / "gone.png").symlink_to(tmp_path / "no-such-file.png")
    # (a file named on its own and in its folder is read once)
    out = scan(printed, folder, folder / "empty.png")
    got = {(Path(r.source_file).name, r.page): r for r in out}
    assert got[("计票.png", 1)].status is SheetStatus.COUNTED, got.keys()
    assert got[("gone.png", 1)].reasons == ("unreadable_file",)  # (under its own name)
    assert got[("loopA", 1)].reasons == ("unreadable_file",)
    assert got[("pipe.png", 1)].reasons == ("unreadable_file",)
    assert [got[("scan0001", p)].status for p in (1, 2, 3)] == [SheetStatus.COUNTED] * 3
    assert [got[("scan0002.png", p)].status for p in (1, 2, 3)] == [SheetStatus.COUNTED] * 3
    assert got[("empty.png", 1)].reasons == ("empty_file",)
    for name in ("black.png", "grey.png"):
        assert got[(name, 1)].reasons == ("flat_page",), (name, got[(name, 1)].reasons)
    assert got[("broken.jpg", 1)].reasons == ("corrupt_file",)
    assert "Corrupt JPEG data" in got[("broken.jpg", 1)].scores["load"]
    assert got[("back.png", 1)].reasons == ("blank_page",)
    assert got[("huge.png", 1)].reasons == ("too_large",)
    assert "20000 × 20000" in got[("huge.png", 1)].scores["load"]
    stored = rows(printed.path)
    assert len(stored) == len(out) == 17
    assert any(r.source_file.endswith("/计票.png") for r in stored)


def test_blank_ballots_from_a_black_and_white_scan_are_pointed_out(
    printed: Printed, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # A scanner in black-and-white mode drops a coloured pen's strokes: ballots then read as
    # blank (valid, abstaining on everyone) without a doubt. Such ballots are named.
    lay = printed.layouts["SY"]
    folder = tmp_path / "bw"
    folder.mkdir()

    def bilevel(img: Gray) -> Gray:
        return np.where(img < 160, 0, 255).astype(np.uint8)

    (folder / "blank1.png").write_bytes(png(bilevel(printed.pages["SY"][0])))
    (folder / "blank2.png").write_bytes(png(bilevel(printed.pages["SY"][1])))
    marked_page = marked(printed.pages["SY"][2], lay, {"c01": "circle"}, 3)
    (folder / "marked.png").write_bytes(png(bilevel(marked_page)))
    (folder / "grey-blank.png").write_bytes(png(printed.pages["SY"][3]))
    capsys.readouterr()
    assert main(["--lang", "en", "scan", str(printed.path), str(folder), "--workers", "1"]) == 0
    err = capsys.readouterr().err
    assert "Note: 2 ballot(s) scanned in black and white were read with no mark at all" in err


def test_missing_path_and_cancel(
    printed: Printed, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with pytest.raises(ScanRefused):
        scan(printed, tmp_path / "nope")
    folder = tmp_path / "c"
    folder.mkdir()
    for i in range(4):
        (folder / f"{i}.png").write_bytes(png(printed.pages["SY"][i]))
    monkeypatch.setattr("huanjie_desktop.app.scan.BATCH_PAGES", 1)
    cancel = threading.Event()
    seen: list[PageResult] = []
    with open_election_file(printed.path, "测试员") as db:
        for r in scan_paths(db, [folder], workers=1, cancel=cancel):
            seen.append(r)
            cancel.set()
    assert len(seen) == 1
    assert len(rows(printed.path)) == len(seen)  # what was yielded is stored, nothing else


def test_bigtiff_links_and_float_samples(printed: Printed, tmp_path: Path) -> None:
    """A multi-page BigTIFF kept its first page only (its header was not taken for a TIFF's)
    — cut short, it lost the rest without a word; a folder linked into the one scanned was
    passed over without a word; a file and a link to it were counted as two sheets; a
    TIFF of floating-point samples (0 to 1) was read all black ("no registration")."""
    from PIL import Image

    folder = tmp_path / "formats"
    folder.mkdir()
    pages = [Image.fromarray(printed.pages["SY"][i]) for i in (0, 1, 2)]
    pages[0].save(folder / "big.tif", save_all=True, append_images=pages[1:], big_tiff=True)
    data = (folder / "big.tif").read_bytes()
    (tmp_path / "big-cut.tif").write_bytes(data[: len(data) * 2 // 3])
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "linked.png").write_bytes(png(printed.pages["CO"][0]))
    (folder / "batch2").symlink_to(elsewhere)
    (folder / "batch2-again").symlink_to(elsewhere)  # (the same folder twice: read once)
    (folder / "zz-link.png").symlink_to(folder / "batch2" / "linked.png")
    grey = printed.pages["CO"][1].astype(np.float32) / 255
    Image.fromarray(grey, mode="F").save(folder / "float.tif")
    out = scan(printed, folder)
    got = {(Path(r.source_file).name, r.page): r for r in out}
    assert [got[("big.tif", p)].status for p in (1, 2, 3)] == [SheetStatus.COUNTED] * 3, got
    assert got[("linked.png", 1)].status is SheetStatus.COUNTED
    assert [n for n, _ in got].count("linked.png") == 1 and ("zz-link.png", 1) not in got
    assert got[("float.tif", 1)].status is SheetStatus.COUNTED, got[("float.tif", 1)].reasons
    # cut short: the pages it holds (read already) and the loss on record
    cut = scan(printed, tmp_path / "big-cut.tif")
    assert [r.status for r in cut[:-1]] == [SheetStatus.DUPLICATE] * (len(cut) - 1), cut
    assert len(cut) >= 2 and cut[-1].reasons == ("truncated_file",), [r.reasons for r in cut]


def test_cli_json_says_again_a_page_held_by_a_later_one(
    printed: Printed, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """One sheet scanned twice in one run: the first page was printed as counted, then the
    second held both — the JSON said nothing more of the first, and a tool reading it took
    that sheet as counted. It is printed again, as it now stands, marked revised."""
    folder = tmp_path / "twice"
    folder.mkdir()
    page = marked(printed.pages["SY"][0], printed.layouts["SY"], {"c01": "circle"})
    (folder / "a.png").write_bytes(png(page))
    (folder / "b.jpg").write_bytes(jpg(page, 70))
    assert main(["scan", str(printed.path), str(folder), "--json", "--workers", "1"]) == 0
    lines = [json.loads(x) for x in capsys.readouterr().out.splitlines()]
    got = [(Path(x["file"]).name, x["status"], x["reasons"], x.get("revised")) for x in lines]
    assert got == [
        ("a.png", "counted", [], None),
        ("a.png", "review", ["serial_conflict"], True),
        ("b.jpg", "review", ["serial_conflict"], None),
    ], got
    assert lines[1]["sheet"] == lines[0]["sheet"] and lines[1]["ballot_valid"] is None
    # (the page holding it is no valid ballot either until a person decides: it said true)
    assert lines[2]["ballot_valid"] is None and lines[0]["ballot_valid"] is True


def test_cli_json_rerun_prints_each_stored_sheet_as_it_now_stands(
    printed: Printed, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Scanned again after review: a page already stored was printed with its stored status
    but the fresh machine reading — a sheet decided void showed "counted", "ballot_valid":
    null and its unclear mark; nothing said it was stored before, so a tool adding up the
    counted lines of two runs counted it twice. Each page is now printed as the election
    file holds it (as review decided it), marked already stored."""
    lay = printed.layouts["SY"]
    folder = tmp_path / "held"
    folder.mkdir()
    for i in range(3):  # (a ✓ is no ○ nor ×: held for a person)
        page = marked(printed.pages["SY"][i], lay, {"c01": "circle", "c02": "check"})
        (folder / f"{i + 1:03d}.png").write_bytes(png(page))
    assert main(["scan", str(printed.path), str(folder), "--json", "--workers", "1"]) == 0
    first = [json.loads(x) for x in capsys.readouterr().out.splitlines()]
    assert [x["status"] for x in first] == ["review", "review", "review"]
    assert all(x["marks"]["c02"] == "unclear" and x["ballot_valid"] is None for x in first)
    assert not any(x.get("already_stored") for x in first)
    void, valid, held = (x["sheet"] for x in first)
    f = str(printed.path)
    for args in (
        ["decide", f, void, "--void", "涂改无法辨认", "--by", "计票员甲"],
        ["confirm", f, void, "--by", "监票员乙"],
        ["decide", f, valid, "--mark", "c02=disagree", "--accept", "--by", "计票员甲"],
        ["confirm", f, valid, "--by", "监票员乙"],
    ):
        assert main(["review", *args]) == 0, capsys.readouterr()
    capsys.readouterr()
    assert main(["scan", f, str(folder), "--json", "--workers", "1"]) == 0
    out, err = capsys.readouterr()
    again = {x["sheet"]: x for x in (json.loads(line) for line in out.splitlines())}
    assert set(again) == {void, valid, held}
    stored = {r.id: r for r in rows(printed.path)}
    for sheet, x in again.items():
        if sheet == held:
            continue
        s = stored[sheet]
        assert x["already_stored"] is True
        assert x["status"] == s.status == "counted" and x["reasons"] == s.reasons
        assert x["ballot_valid"] is bool(s.final_valid)
        order = [c.code for c in lay.candidates]
        assert (
            "".join(
                {"agree": "A", "disagree": "D", "abstain": "N", "unclear": "?"}[x["marks"][c]]
                for c in order
            )
            == s.final_marks
        )
    assert again[void]["ballot_valid"] is False
    assert again[void]["decision"]["valid"] is False
    assert again[void]["decision"]["reason"] == "涂改无法辨认"
    assert again[valid]["ballot_valid"] is True
    assert again[valid]["marks"]["c01"] == "agree" and again[valid]["marks"]["c02"] == "disagree"
    assert again[valid]["decision"]["confirmed_by"] == "监票员乙"
    # (not decided yet: held, as read, no valid ballot — as the first run said)
    assert again[held]["already_stored"] is True and "decision" not in again[held]
    assert {k: again[held][k] for k in ("status", "ballot_valid", "marks", "writeins")} == {
        k: first[2][k] for k in ("status", "ballot_valid", "marks", "writeins")
    }
    assert err.count("已在文件中") == 3 and "其中 3 页此前已读入" in err
    # (what the tally counts: one valid ballot, one void — as printed)
    assert main(["tally", f, "--contest", "SY", "--json"]) == 0
    tally = json.loads(capsys.readouterr().out)
    assert (tally["valid_ballots"], tally["void_ballots"]) == (1, 1)


def test_cli_json_two_workers_and_exit_codes(
    printed: Printed, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    lay = printed.layouts["CO"]
    folder = tmp_path / "cli"
    folder.mkdir()
    (folder / "a.png").write_bytes(
        png(marked(printed.pages["CO"][0], lay, {"c01.agree": "circle"}))
    )
    (folder / "b.png").write_bytes(png(printed.pages["CO"][1]))
    (folder / "Thumbs.db").write_bytes(b"\0" * 16)  # passed over, and said so
    (folder / ".DS_Store").write_bytes(b"\0" * 16)
    code = main(
        [
            "scan",
            str(printed.path),
            str(folder),
            "--json",
            "--station",
            "A",
            "--overlay",
            str(tmp_path / "ov"),
        ]
    )
    assert code == 0
    out, err = capsys.readouterr()
    lines = [json.loads(x) for x in out.splitlines()]
    assert [x["status"] for x in lines] == ["counted", "counted"]
    assert lines[0]["marks"]["c01"] == "agree" and lines[0]["contest"] == "CO"
    assert lines[0]["writeins"] == [{"column": 1, "has_name": False, "mark": "abstain"}]
    assert set(lines[0]) >= {
        "file",
        "page",
        "status",
        "reason",
        "contest",
        "round",
        "serial",
        "ballot_valid",
        "marks",
        "writeins",
    }
    assert "计票 2" in err
    assert "另有 2 个系统或扫描软件自己的文件未读取" in err, err
    assert len(list((tmp_path / "ov").iterdir())) == 2
    assert {r.station for r in rows(printed.path)} == {"A"}
    assert main(["scan", str(tmp_path / "missing.huanjie"), str(folder)]) == 1


def test_killed_mid_run_counts_every_sheet_exactly_once(printed: Printed, tmp_path: Path) -> None:
    from tests.test_recognition import render

    lay = printed.layouts["SY"]
    folder = tmp_path / "kill"
    folder.mkdir()
    n = 48
    sheets = render(printed.pdfs["SY"], 300)  # full-size pages: a run of several seconds
    for i in range(n):
        img = marked(sheets[i % 4], lay, {"c01": "circle"}, seed=i, ppm=300 / 25.4)
        (folder / f"{i:03d}.jpg").write_bytes(jpg(img, 80))
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    cmd = [
        sys.executable,
        "-m",
        "huanjie_desktop.cli.main",
        "scan",
        str(printed.path),
        str(folder),
        "--workers",
        "2",
    ]
    proc = subprocess.Popen(
        cmd,
        cwd=REPO,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        start_new_session=True,
    )
    assert proc.stderr is not None
    # kill -9 once some pages are stored, in the middle of the run
    deadline = time.monotonic() + 60
    stored = 0
    while time.monotonic() < deadline and proc.poll() is None:
        line = proc.stderr.readline().decode("utf-8", "replace")
        if re.match(r"\s*\d+\s", line):  # "    12  计票  file p1": a committed page
            stored += 1
            if stored >= 1:
                break
    # (the scanning process alone, as a power button held down would: its workers go too
    # — left on, they waited for pages for ever, holding the terminal's output open)
    kids = Path(f"/proc/{proc.pid}/task/{proc.pid}/children")
    workers = [int(x) for x in kids.read_text().split()] if kids.exists() else []
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(timeout=30)
    proc.stderr.close()
    gone = time.monotonic() + 15
    while time.monotonic() < gone and any(_alive(w) for w in workers):
        time.sleep(0.2)
    assert not any(_alive(w) for w in workers), workers
    with contextlib.suppress(ProcessLookupError):
        os.killpg(proc.pid, signal.SIGKILL)
    partial = rows(printed.path)
    assert 0 < len(partial) < n, "the run should have been killed part-way"
    # again over the same folder: every page exactly once
    rerun = subprocess.run(cmd, cwd=REPO, env=env, capture_output=True, timeout=300, check=False)
    assert rerun.returncode == 0, rerun.stderr.decode()
    final = rows(printed.path)
    assert len(final) == n
    assert len({(r.source_file, r.page) for r in final}) == n
    # photos of the same 4 printed sheets: 4 sheets count, the others share their serials
    assert len({r.image_sha256 for r in final}) == n
    con = sqlite3.connect(printed.path)
    try:
        assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    finally:
        con.close()


_keep = shutil  # used by some environments' debugging helpers


def _alive(pid: int) -> bool:
    """Is the process still running (not gone, not a zombie waiting to be reaped)?"""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return False
    return "\nState:\tZ" not in status


_MEMORY = """
import ctypes, sys
import numpy as np
if sys.argv[1] == "kept":
    from huanjie_desktop.app.scan import prepare_reader_process
    prepare_reader_process()
class MallInfo2(ctypes.Structure):
    _fields_ = [(n, ctypes.c_size_t) for n in ("arena", "ordblks", "smblks", "hblks", "hblkhd",
                "usmblks", "fsmblks", "uordblks", "fordblks", "keepcost")]
libc = ctypes.CDLL(None)
libc.mallinfo2.restype = MallInfo2
page = np.ones(16_000_000, np.uint8)  # a decoded page's worth of memory
mapped = libc.mallinfo2().hblkhd  # bytes in blocks mapped apart (returned when freed)
del page
print(mapped, libc.mallinfo2().fordblks)  # ... and the freed memory the process kept
"""


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="glibc allocator settings")
def test_reader_process_keeps_freed_memory_for_the_next_page() -> None:
    # Left as Python starts it, a process maps each page-sized block apart and returns it
    # when freed (the next page faults it all in again); a reader process keeps it.
    def memory(mode: str) -> tuple[int, int]:
        run = subprocess.run(
            [sys.executable, "-c", _MEMORY, mode],
            capture_output=True,
            text=True,
            check=True,
            cwd=Path(__file__).resolve().parents[1],
        )
        mapped, kept = run.stdout.split()
        return int(mapped), int(kept)

    plain_mapped, plain_kept = memory("plain")
    mapped, kept = memory("kept")
    assert plain_mapped >= 16_000_000 and plain_kept < 16_000_000
    assert mapped < 16_000_000 and kept >= 16_000_000


def test_verify_finds_a_kept_image_replaced(
    printed: Printed, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The kept images are the evidence a review or a dispute looks at: one copied over
    another (a station's too, exported and imported) went unnoticed by verify."""
    folder = tmp_path / "two"
    folder.mkdir()
    (folder / "a.jpg").write_bytes(jpg(printed.pages["SY"][0]))
    (folder / "b.jpg").write_bytes(jpg(printed.pages["SY"][1]))
    out = scan(printed, folder)
    capsys.readouterr()
    assert main(["verify", str(printed.path)]) == 0
    assert "核对了 2 张保存的选票图像" in capsys.readouterr().out
    with open_election_file(printed.path, "测试员") as db:
        kept = [images_dir(db) / r.image_path for r in out]
    kept[1].write_bytes(kept[0].read_bytes())
    assert main(["verify", str(printed.path), "--lang", "en"]) == 1
    text = capsys.readouterr().out
    assert f"the kept image {out[1].image_path}" in text and f"serial {out[1].serial}" in text


def test_what_scanners_write_that_was_refused_or_read_twice(
    printed: Printed, tmp_path: Path
) -> None:
    """Found refused or read twice, all sound files: a TIFF with a thumbnail of its page
    (marked reduced-resolution: it was read as a second ballot, both held as 'same serial,
    different images'); 16-level grey (4 bits, which OpenCV does not decode: 'damaged');
    a JPEG with a phone's data after its end marker ('incomplete')."""
    import io
    import struct

    from PIL import Image, TiffImagePlugin

    folder = tmp_path / "odd"
    folder.mkdir()
    sheet = printed.pages["SY"]
    big = Image.fromarray(sheet[0])
    small = big.resize((big.width // 8, big.height // 8))
    marked_small = TiffImagePlugin.ImageFileDirectory_v2()
    marked_small[254] = 1  # NewSubfileType: a reduced-resolution copy of another image
    buf = io.BytesIO()
    with TiffImagePlugin.AppendingTiffWriter(buf, new=True) as tf:
        for im, info in ((big, {}), (small, {"tiffinfo": marked_small})):
            im.encoderinfo = {"compression": "tiff_lzw", **info}
            im.encoderconfig = ()
            TiffImagePlugin._save(im, tf, "x.tif")
            tf.newFrame()
    (folder / "1-with-thumbnail.tif").write_bytes(buf.getvalue())
    # 4-bit grey, two pixels a byte
    g = sheet[1]
    h, w = g.shape
    q = (g >> 4).astype(np.uint8)
    q = np.hstack([q, np.zeros((h, w % 2), np.uint8)])
    pixels = ((q[:, 0::2] << 4) | q[:, 1::2]).tobytes()
    tags = [(256, 4, w), (257, 4, h), (258, 3, 4), (259, 3, 1), (262, 3, 1), (273, 4, 0)]
    tags += [(277, 3, 1), (278, 4, h), (279, 4, len(pixels))]
    head = bytearray(b"II*\x00" + struct.pack("<I", 8) + struct.pack("<H", len(tags)))
    start = 8 + 2 + 12 * len(tags) + 4
    for tag, kind, value in tags:
        value = start if tag == 273 else value
        head += (
            struct.pack("<HHIHH", tag, kind, 1, value, 0)
            if kind == 3
            else struct.pack("<HHII", tag, kind, 1, value)
        )
    (folder / "2-sixteen-greys.tif").write_bytes(bytes(head) + struct.pack("<I", 0) + pixels)
    (folder / "3-phone.jpg").write_bytes(jpg(sheet[2]) + b"SEFH" + bytes(range(200)) + b"SEFT")
    # ... but a JPEG cut short is still one
    (folder / "4-cut.jpg").write_bytes(jpg(sheet[3])[:-3000])
    out = scan(printed, folder)
    got = [(Path(r.source_file).name, r.page, r.status.value, r.reasons) for r in out]
    assert got == [
        ("1-with-thumbnail.tif", 1, "counted", ()),
        ("2-sixteen-greys.tif", 1, "counted", ()),
        ("3-phone.jpg", 1, "counted", ()),
        ("4-cut.jpg", 1, "rejected", ("truncated_file",)),
    ], got


def seen_through(front: Gray, contrast: float, seed: int = 0, upside_down: bool = False) -> Gray:
    """The back of the sheet ``front``, as a scanner sees it: paper with the front's print
    showing through, mirrored (turned over side to side, or, ``upside_down``, top to bottom)
    and as dark as ``contrast`` of the print."""
    rng = np.random.default_rng(seed)
    shown = front[::-1, :] if upside_down else front[:, ::-1]
    blurred = cv2.GaussianBlur(shown.astype(np.float32), (0, 0), 1.2)
    img = 246 - contrast * (255 - blurred) + rng.normal(0, 2.0, front.shape)
    return np.asarray(np.clip(img, 0, 255), dtype=np.uint8)


@pytest.mark.parametrize("contrast", [0.15, 0.5])
def test_a_ballot_fed_face_down_is_refused_never_skipped_as_a_back(
    printed: Printed, tmp_path: Path, capsys: pytest.CaptureFixture[str], contrast: float
) -> None:
    """Scanning one side, a ballot fed face down gave its back, its front showing through
    the paper: "blank page (back of a sheet): skipped" (or, showing through strongly, "writing
    on a blank back", the ballot before it held) — a ballot not counted, and not missed
    until the count was checked against the ballots collected. Its front is neither the
    page before it nor the page after it: it is refused, to be scanned again face up, and
    listed with the refused sheets; its image is kept. The decision is the same whatever
    order the worker processes finish in."""
    lay = printed.layouts["SY"]
    sheets = [
        marked(printed.pages["SY"][i], lay, {"c01": "circle", "c02": "cross"}, seed=i)
        for i in range(4)
    ]
    folder = tmp_path / "simplex"
    folder.mkdir()
    (folder / "001.jpg").write_bytes(jpg(sheets[0]))
    (folder / "002.jpg").write_bytes(jpg(seen_through(sheets[1], contrast, upside_down=True)))
    (folder / "003.jpg").write_bytes(jpg(sheets[2]))
    # (the first page of its file, after another ballot's file; the page after it, another)
    from PIL import Image

    # (a sheet whose front is read nowhere: one read already shows whose back this is)
    Image.fromarray(seen_through(sheets[3], contrast, seed=1)).save(
        folder / "004.pdf", save_all=True, append_images=[Image.fromarray(sheets[1])]
    )
    assert main(["scan", str(printed.path), str(folder), "--workers", "2"]) == 0
    err = capsys.readouterr().err
    said = "选票可能反面朝上：请把这张选票正面朝上重新扫描"
    assert re.search(rf"拒收  002\.jpg p1  {said}", err), err
    assert re.search(rf"拒收  004\.pdf p1  {said}", err), err
    assert "共 5 页：计票 3，待审 0，拒收 2，重复 0" in err, err
    assert "注意" not in err and "背面（空白" not in err, err  # (no front held, no back)
    stored = {(Path(r.source_file).name, r.page): r for r in rows(printed.path)}
    for where in (("002.jpg", 1), ("004.pdf", 1)):
        r = stored[where]
        assert (r.status, r.reasons) == ("rejected", ["face_down"]), r
        assert r.image_path and r.serial is None
        shown = json.loads(r.scores)["show_through"]
        assert shown["back_of"] == ""
        with open_election_file(printed.path, "测试员") as db:
            assert (images_dir(db) / r.image_path).is_file()
    seen = json.loads(stored[("002.jpg", 1)].scores)["show_through"]["serial"]
    assert seen == printed.serials["SY"][1]
    assert [stored[w].status for w in (("001.jpg", 1), ("003.jpg", 1), ("004.pdf", 2))] == [
        "counted"
    ] * 3
    # in English too
    capsys.readouterr()
    again = tmp_path / "again"
    again.mkdir()
    (again / "001.jpg").write_bytes(jpg(seen_through(sheets[3], contrast, seed=2)))
    assert main(["--lang", "en", "scan", str(printed.path), str(again), "--workers", "1"]) == 0
    err = capsys.readouterr().err
    assert "rejected  001.jpg p1  a ballot fed face down, maybe: scan this sheet again face up" in (
        err
    ), err


def test_a_back_next_to_its_own_front_is_a_back_whichever_side_the_scanner_read_first(
    printed: Printed, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Scanning both sides, a sheet fed face down gives its back first, its front after it:
    the back shows that front through it (its serial read from the code seen through the
    paper), so it is a back skipped as ever — and, written on, it holds that front (the page
    after it), never the ballot before it. A back next to its own front stays a back across
    the batches a run is written in."""
    from PIL import Image

    from huanjie_desktop.app.scan import back_sheet

    lay = printed.layouts["SY"]
    sheets = [
        marked(printed.pages["SY"][i], lay, {"c01": "circle", "c03": "cross"}, seed=i)
        for i in range(4)
    ]
    rng = np.random.default_rng(9)
    written = seen_through(sheets[2], 0.12, seed=3)
    corpus.write_name(written, (40 * PPM, 250 * PPM, 64 * PPM, 259 * PPM), PPM, rng)
    pages = [
        sheets[0],
        seen_through(sheets[0], 0.12, seed=1),  # its back, after it
        seen_through(sheets[1], 0.12, seed=2, upside_down=True),  # fed face down: back first
        sheets[1],
        written,  # the same, written on
        sheets[2],
        sheets[3],
        seen_through(sheets[3], 0.12, seed=4),
    ]
    folder = tmp_path / "duplex"
    folder.mkdir()
    images = [Image.fromarray(p) for p in pages]
    images[0].save(folder / "scan.pdf", save_all=True, append_images=images[1:], resolution=150)
    import huanjie_desktop.app.scan as scan_app

    # (three pages a batch: the back fed first ends the first batch, its front opens the next)
    monkeypatch.setattr(scan_app, "BATCH_PAGES", 3)
    monkeypatch.setattr(scan_app, "BATCH_SECONDS", 1e9)
    out = scan(printed, folder)
    monkeypatch.undo()
    got = {r.page: r for r in out}
    assert [got[p].reasons for p in range(1, 9)] == [
        (),
        ("blank_page",),
        ("blank_page",),
        (),
        ("writing_on_back",),
        ("written_back",),
        (),
        ("blank_page",),
    ], [(r.page, r.reasons, r.scores.get("show_through")) for r in out]
    assert [got[p].scores["show_through"]["back_of"] for p in (2, 3, 5, 8)] == [
        "before",
        "after",
        "after",
        "before",
    ]
    assert not got[5].held_too and got[6].status is SheetStatus.REVIEW
    stored = {r.page: r for r in rows(printed.path)}
    assert [stored[p].status for p in (1, 4, 6, 7)] == ["counted", "counted", "review", "counted"]
    assert "scan.pdf 第 5 页" in (stored[6].reason or "")
    with open_election_file(printed.path, "测试员") as db:
        back = back_sheet(db, got[6].sheet_id)
    assert back is not None and back.page == 5


def test_a_back_whose_code_cannot_be_read_is_a_back_only_after_a_ballot(
    printed: Printed, tmp_path: Path
) -> None:
    """A ballot's squares seen through a back, its code too faint to read: the back of the
    ballot before it, if one is; with none before it (the first page, or after another
    back) it may be a ballot fed face down — refused, never skipped."""
    lay = printed.layouts["SY"]
    front = printed.pages["SY"][0].copy()
    x0, y0, x1, y1 = (round(v * PPM) for v in lay.qr)
    front[y0 - 4 : y1 + 4, x0 - 4 : x1 + 4] = 255  # (its code: not seen through)
    back = seen_through(front, 0.15)
    folder = tmp_path / "duplex"
    folder.mkdir()
    (folder / "001.jpg").write_bytes(jpg(back))  # first
    (folder / "002.jpg").write_bytes(jpg(printed.pages["SY"][0]))
    (folder / "003.jpg").write_bytes(jpg(back))  # after its front
    (folder / "004.jpg").write_bytes(jpg(seen_through(back, 0.0)))  # (a blank back)
    (folder / "005.jpg").write_bytes(jpg(seen_through(front, 0.15, seed=5)))  # after a back
    out = scan(printed, folder)
    assert [r.reasons for r in out] == [
        ("face_down",),
        (),
        ("blank_page",),
        ("blank_page",),
        ("face_down",),
    ], [(r.reasons, r.scores.get("show_through")) for r in out]
    assert out[0].scores["show_through"]["serial"] is None
    assert "show_through" not in out[3].scores


def test_a_duplex_scan_saved_a_file_a_page_keeps_each_back_with_its_front(
    printed: Printed, tmp_path: Path
) -> None:
    """A scanner saving each page as a file of its own, numbered without leading zeros:
    read in text order scan_10 came right after scan_1, a back beside another sheet's front,
    and was refused as a ballot fed face down; and a front refused for its code (smudged)
    made its own back a second refusal. Names are read in the order their numbers say, and a
    front refused without a serial still owns the back after it."""
    from huanjie_desktop.app.scan import scan_order

    assert sorted(["scan_10.jpg", "scan_2.jpg", "scan_1.jpg"], key=scan_order) == [
        "scan_1.jpg",
        "scan_2.jpg",
        "scan_10.jpg",
    ]
    assert sorted(["Scan (10).jpg", "Scan.jpg", "Scan (2).jpg"], key=scan_order) == [
        "Scan.jpg",
        "Scan (2).jpg",
        "Scan (10).jpg",
    ]
    lay = printed.layouts["SY"]
    fronts = [
        marked(printed.pages["SY"][i], lay, {"c01": "circle", "c02": "cross"}, seed=i)
        for i in range(4)
    ]
    x0, y0, x1, y1 = (round(v * PPM) for v in lay.qr)
    fronts[1][y0 + 20 : y1 - 20, x0 + 20 : x1 - 20] = 0  # (its code smudged: unreadable)
    folder = tmp_path / "duplex"
    folder.mkdir()
    numbers = [(1, 2), (3, 4), (5, 6), (9, 10)]  # (the last sheet's back: scan_10)
    for k, (f, b) in enumerate(numbers):
        (folder / f"scan_{f}.jpg").write_bytes(jpg(fronts[k]))
        (folder / f"scan_{b}.jpg").write_bytes(jpg(seen_through(fronts[k], 0.1, seed=k)))
    out = scan(printed, folder)
    got = {Path(r.source_file).name: r for r in out}
    order = [n for pair in numbers for n in pair]
    assert [Path(r.source_file).name for r in out] == [f"scan_{i}.jpg" for i in order]
    backs = [got[f"scan_{b}.jpg"].reasons for _, b in numbers]
    assert backs == [("blank_page",)] * 4, [
        (r.source_file, r.reasons, r.scores.get("show_through")) for r in out
    ]
    assert got["scan_3.jpg"].status is SheetStatus.REJECTED, got["scan_3.jpg"]
    assert [got[f"scan_{f}.jpg"].status for f in (1, 5, 9)] == [SheetStatus.COUNTED] * 3


def test_a_back_showing_a_ballot_read_already_is_its_back_wherever_it_comes(
    printed: Printed, tmp_path: Path
) -> None:
    """Fronts and backs saved apart (a scanner naming them Front_/Back_, two runs): a back
    showing through it a ballot whose front is on record is that ballot's back, skipped as
    ever — not a ballot fed face down."""
    lay = printed.layouts["SY"]
    fronts = [marked(printed.pages["SY"][i], lay, {"c01": "circle"}, seed=i) for i in range(2)]
    first, then = tmp_path / "fronts", tmp_path / "backs"
    first.mkdir()
    then.mkdir()
    for k, front in enumerate(fronts):
        (first / f"Front_{k + 1}.jpg").write_bytes(jpg(front))
        (then / f"Back_{k + 1}.jpg").write_bytes(jpg(seen_through(front, 0.12, seed=k)))
    assert [r.status for r in scan(printed, first)] == [SheetStatus.COUNTED] * 2
    out = scan(printed, then)
    assert [r.reasons for r in out] == [("blank_page",)] * 2, [
        (r.reasons, r.scores.get("show_through")) for r in out
    ]
    assert {r.scores["show_through"]["back_of"] for r in out} == {"read"}


def test_a_plain_copy_of_the_file_while_the_app_holds_it_open_has_the_scanned_ballots(
    printed: Printed, tmp_path: Path
) -> None:
    """The desktop app keeps its connections open all session, and the file is in WAL mode:
    what was scanned and checked in stayed in NAME.huanjie-wal, so the clerk's copy of the
    .huanjie file to a USB stick (the guide says to) had no ballots, and verify called it
    intact."""
    from huanjie_desktop.app.election import check_in

    gui = open_election_file(printed.path, "测试员")  # the GUI thread's (session.attach)
    worker = open_election_file(printed.path, "测试员")  # the worker thread's (_db_for)
    try:
        assert gui.con.execute("SELECT count(*) FROM sheets").fetchone()[0] == 0
        lay = printed.layouts["SY"]
        folder = tmp_path / "scans"
        folder.mkdir()
        for i, marks in enumerate(({"c01": "circle"}, {"c02": "cross"})):
            page = marked(printed.pages["SY"][i], lay, marks)
            (folder / f"{i:03d}.png").write_bytes(png(page))
        out = list(scan_paths(worker, [folder], workers=1))
        assert [r.status for r in out] == [SheetStatus.COUNTED, SheetStatus.COUNTED]
        codes = [str(r[0]) for r in worker.con.execute("SELECT code FROM people LIMIT 3")]
        before = gui.con.execute("SELECT count(*) FROM checkins").fetchone()[0]
        assert [o.status for o in check_in(worker, codes)].count("checked_in") >= 1
        checked_in = gui.con.execute("SELECT count(*) FROM checkins").fetchone()[0]
        assert checked_in > before
        audit = gui.con.execute("SELECT max(seq) FROM audit").fetchone()[0]
        # the USB stick: the .huanjie file alone, byte for byte, with the app still open
        stick = tmp_path / "usb" / "e.huanjie"
        stick.parent.mkdir()
        stick.write_bytes(printed.path.read_bytes())
        left_in_wal = Path(f"{printed.path}-wal").stat().st_size
    finally:
        worker.close()
        gui.close()
    con = sqlite3.connect(stick)
    try:
        counted = "SELECT count(*) FROM sheets WHERE status = 'counted'"
        assert con.execute(counted).fetchone()[0] == 2
        assert con.execute("SELECT count(*) FROM checkins").fetchone()[0] == checked_in
        assert con.execute("SELECT max(seq) FROM audit").fetchone()[0] == audit
    finally:
        con.close()
    assert main(["verify", str(stick)]) == 0
    # (and the -wal beside the open file holds nothing that could be laid over another
    # file, were the app killed and an older copy put back in its place by hand)
    assert left_in_wal == 0


def test_ctrl_c_during_json_scan_prints_every_page_it_stored(
    printed: Printed, tmp_path: Path
) -> None:
    """Ctrl-C (SIGINT to the terminal's process group) in `huanjie scan --json`: the pages the
    run stores on its way out are printed by it too — printed by no run (the next one says
    them "already_stored"), a tool adding up runs' new lines lost them."""
    lay = printed.layouts["SY"]
    folder = tmp_path / "ctrlc"
    folder.mkdir()
    # (enough pages that the run cannot finish in the moment between its first printed batch
    # and the Ctrl-C, on a quiet machine: with 60 it once did, and nothing was interrupted)
    n = 90
    for i in range(n):
        img = marked(printed.pages["SY"][i % 4], lay, {"c01": "circle"}, seed=i)
        (folder / f"{i:03d}.jpg").write_bytes(jpg(img, 80))
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    cmd = [sys.executable, "-m", "huanjie_desktop.cli.main", "scan", str(printed.path)]
    cmd += [str(folder), "--json", "--workers", "2"]
    proc = subprocess.Popen(
        cmd,
        cwd=REPO,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
        # (as a terminal starts a command: Ctrl-C raises KeyboardInterrupt)
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),  # noqa: PLW1509
    )
    assert proc.stdout is not None
    first = proc.stdout.readline()  # a first batch committed and printed
    assert first
    time.sleep(0.2)  # part-way through the next batch
    os.killpg(proc.pid, signal.SIGINT)
    # (read on through the same buffered pipe: `communicate` reads the pipe's descriptor and
    # would lose what `readline` has already taken into its buffer past the first line)
    out = proc.stdout.read()
    proc.stdout.close()
    proc.wait(timeout=60)
    assert proc.returncode == 130
    printed_ids = {json.loads(x)["sheet"] for x in [first, *out.splitlines()]}
    stored = {r.id for r in rows(printed.path)}
    assert 0 < len(stored) < n, "the run should have been stopped part-way"
    assert stored == printed_ids, len(stored - printed_ids)


def test_images_folder_that_cannot_be_written_stops_the_scan_with_its_cause(
    printed: Printed, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A page's image that cannot be saved in the images folder (full, read-only — here a
    file in the way of its sub-folder, which fails as root too): the scan stops at that page,
    listed with a reason naming the images folder and the system's error, exit 1 — not every
    following sheet refused "scan this page again"; run again with room, every page is read
    once and that page's refusal is replaced."""
    lay = printed.layouts["SY"]
    folder = tmp_path / "scans"
    folder.mkdir()
    data = [jpg(marked(printed.pages["SY"][i], lay, {"c01": "circle"}, seed=i)) for i in range(4)]
    earlier = {hashlib.sha256(b).hexdigest()[:2] for b in data[:2]}
    for seed in range(2, 40):  # (the third page's sub-folder must be its own: another mark)
        data[2] = jpg(marked(printed.pages["SY"][2], lay, {"c01": "circle"}, seed=seed))
        if hashlib.sha256(data[2]).hexdigest()[:2] not in earlier:
            break
    for i, b in enumerate(data):
        (folder / f"scan_{i + 1}.jpg").write_bytes(b)
    third = hashlib.sha256(data[2]).hexdigest()
    assert third[:2] not in earlier
    kept = images_dir_of(printed.path)
    kept.mkdir()
    (kept / third[:2]).write_bytes(b"in the way")  # (its page's image cannot be written)
    f = str(printed.path)
    assert main(["scan", f, str(folder), "--json", "--workers", "1"]) == 1
    out, err = capsys.readouterr()
    lines = [json.loads(x) for x in out.splitlines()]
    assert [x["file"].rsplit("/", 1)[-1] for x in lines] == [
        "scan_1.jpg",
        "scan_2.jpg",
        "scan_3.jpg",
    ]
    assert lines[2]["status"] == "rejected" and lines[2]["reasons"] == ["images_not_saved"]
    assert "图像文件夹" in lines[2]["reason"] and "重新扫描此页" not in lines[2]["reason"]
    assert f"扫描已停止：scan_3.jpg 第 1 页的图像无法存入图像文件夹 {kept}" in err, err
    assert "Errno" in err
    assert len(rows(printed.path)) == 3  # (the page listed, never dropped)
    (kept / third[:2]).unlink()
    assert main(["scan", f, str(folder), "--workers", "1"]) == 0
    final = rows(printed.path)
    assert len(final) == 4
    assert sorted(r.status for r in final) == ["counted"] * 4
    assert all((kept / r.image_path).exists() for r in final)


def test_folders_and_files_not_read_are_said_with_why(
    printed: Printed, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """What a scanned folder holds and a scan does not read is said, with why: a ZIP of scans
    (known by its first bytes: unpack it, not "not an image" to be ignored), a hidden folder
    and another election's images folder with ballots in them (skipped without a word), the
    marked-up pictures of --overlay saved inside the folder (read back as second images of
    every sheet, all held) — those too given as a file elsewhere. A folder named like an
    images folder with no election file beside it is read. Given twice, a folder's system
    files are counted once."""
    import zipfile

    lay = printed.layouts["SY"]
    page = [png(marked(printed.pages["SY"][i], lay, {"c01": "circle"}, seed=i)) for i in range(4)]
    scans = tmp_path / "scans"
    scans.mkdir()
    (scans / "001.png").write_bytes(page[0])
    (scans / "002.png").write_bytes(page[1])
    (scans / "Thumbs.db").write_bytes(b"\0" * 16)
    with zipfile.ZipFile(scans / "batch.zip", "w") as z:
        z.writestr("003.png", page[2])
    (scans / ".box").mkdir()
    (scans / ".box" / "004.png").write_bytes(page[3])
    (scans / "box2.images").mkdir()  # (no election file "box2" beside it: a folder of scans)
    (scans / "box2.images" / "005.png").write_bytes(page[2])
    (scans / "old.huanjie").write_bytes(b"SQLite format 3\0")  # (with Thumbs.db: 2 passed over)
    (scans / "old.huanjie.images" / "ab").mkdir(parents=True)
    (scans / "old.huanjie.images" / "ab" / "ab12.png").write_bytes(page[3])
    f = str(printed.path)
    overlay = scans / "overlay"
    assert main(["scan", f, str(scans), "--overlay", str(overlay), "--workers", "1"]) == 0
    err = capsys.readouterr().err
    assert sorted(Path(r.source_file).name for r in rows(printed.path)) == [
        "001.png",
        "002.png",
        "005.png",
    ]
    assert f"{scans / 'batch.zip'}：压缩文件，未读取：其中如有选票，请先解压" in err, err
    assert f"{scans / '.box'}：隐藏的文件夹" in err
    assert f"{scans / 'old.huanjie.images'}：另一个选举文件保存的选票图像" in err
    assert "不是图像" not in err
    pictures = sorted(overlay.iterdir())
    assert len(pictures) == 3
    # the folder scanned again (the next batch saved to it): the pictures are no ballots
    assert main(["--lang", "en", "scan", f, str(scans), str(scans), "--workers", "1"]) == 0
    err = capsys.readouterr().err
    for p in pictures:
        assert f"{p}: a marked-up picture this software drew (--overlay), not a scan" in err
    assert "2 file(s) of the system or the scanner software were passed over" in err, err
    assert len(rows(printed.path)) == 3
    assert {r.status for r in rows(printed.path)} == {"counted"}
    # the same run's overlay folder is said as such; a picture copied elsewhere is known too
    elsewhere = tmp_path / "elsewhere.jpg"
    shutil.copy(pictures[0], elsewhere)
    assert main(["scan", f, str(scans), str(elsewhere), "--overlay", str(overlay)]) == 0
    err = capsys.readouterr().err
    assert f"{overlay}：本次扫描存放标注图（--overlay）的文件夹，未读取" in err
    assert f"{elsewhere}：本软件画出的识别结果标注图" in err
    assert len(rows(printed.path)) == 3


def test_a_file_cut_short_is_said_in_words_without_the_decoders_own(
    printed: Printed, tmp_path: Path
) -> None:
    """A TIFF cut short (still being copied): refused in its place in the progress, without
    OpenCV's log lines (its pages counted in the scanning process) or Pillow's warnings in
    the middle of it."""
    folder = tmp_path / "cut"
    folder.mkdir()
    ok, enc = cv2.imencode(".tif", printed.pages["SY"][0])
    assert ok
    whole = bytes(enc.tobytes())
    (folder / "cut.tif").write_bytes(whole[: len(whole) // 2])
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    cmd = [sys.executable, "-m", "huanjie_desktop.cli.main", "scan", str(printed.path)]
    for workers in ("1", "2"):
        run = subprocess.run(
            [*cmd, str(folder), "--workers", workers],
            cwd=REPO,
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
        assert run.returncode == 0, run.stderr
        assert "cut.tif p1" in run.stderr
        assert "[ERROR" not in run.stderr and "Warning" not in run.stderr, run.stderr
