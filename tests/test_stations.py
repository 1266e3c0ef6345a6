"""Station packages, results packages and merging: real files, real zips, real keys."""

from __future__ import annotations

import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

from huanjie_desktop.app import counting, stations
from huanjie_desktop.app.accounts import NotAllowed, require
from huanjie_desktop.app.ballots import BallotRefused, record_box_count
from huanjie_desktop.app.scan import ScanRefused, scan_paths
from huanjie_desktop.app.stations import (
    DefinitionReadOnly,
    PackageRejected,
    assert_definition_editable,
    export_results,
    export_station,
    import_results,
    open_station_package,
    verify_station_records,
)
from huanjie_desktop.cli.main import main
from huanjie_desktop.domain import package as pk
from huanjie_desktop.storage import counting as count_store
from huanjie_desktop.storage import repo
from huanjie_desktop.storage.db import ElectionDB, ElectionFileError, open_election_file
from tests import station_rows as rows
from tests.defs import small_definition

ROOT = Path(__file__).resolve().parents[1]


@contextmanager
def refused(english: str) -> Iterator[None]:
    """Expect an ElectionFileError whose English message contains `english`."""
    with pytest.raises(ElectionFileError) as exc:
        yield
    assert english in exc.value.en, exc.value.en


def init_main(tmp_path: Path, stem: str = "main", **changes: Any) -> Path:
    d = small_definition()
    d["election"].update(changes)
    src = tmp_path / f"{stem}.json"
    src.write_text(json.dumps(d, ensure_ascii=False), encoding="utf-8")
    f = tmp_path / f"{stem}.huanjie"
    assert main(["init", str(f), "--from", str(src)]) == 0
    return f


def make_station(tmp_path: Path, main_file: Path, name: str) -> Path:
    pkg = tmp_path / f"station-{name}.zip"
    with open_election_file(main_file, "管理员") as db:
        export_station(db, name, pkg)
    f = tmp_path / f"{name}.huanjie"
    open_station_package(pkg, f, "分团管理员")
    return f


def export(station_file: Path, out: Path, images: bool = True, done: bool = True) -> Path:
    """The station's results package; ``done``: stating it has finished counting, as its
    last package does (``done=False``: one sent part-way)."""
    with open_election_file(station_file, "分团管理员") as db:
        export_results(db, out, images=images, done=done)
    return out


def do_import(main_file: Path, pkg: Path) -> stations.ImportResult:
    with open_election_file(main_file, "管理员") as db:
        return import_results(db, pkg)


def snapshot(path: Path) -> dict[str, int]:
    return {
        t: rows.count(path, t)
        for t in (
            "sheets",
            "decisions",
            "manual_entries",
            "box_counts",
            "station_audit",
            "imported_packages",
            "imported_records",
            "audit",
        )
    }


@pytest.fixture
def setup(tmp_path: Path) -> tuple[Path, Path, Path]:
    m = init_main(tmp_path)
    return m, make_station(tmp_path, m, "一团"), make_station(tmp_path, m, "二团")


def test_round_trip_cumulative_and_twice(
    setup: tuple[Path, Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    m, a, _b = setup
    with open_election_file(a, "计票人") as db:
        first = rows.add_sheets(db, 5)
        held = rows.add_sheets(db, 1, status="review", batch="b2.pdf")[0]
        dec = rows.decide(db, held.id, "AAADN")
        rows.manual_pair(db, "1", "AANNN")
        rows.set_box(db, "箱1", 10, 8)
    pkg1 = export(a, tmp_path / "r1.zip")

    capsys.readouterr()
    assert main(["results", "import", str(m), str(pkg1), "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["added"]["sheet"] == 6 and out["added"]["decision"] == 1
    assert out["added"]["manual_entry"] == 2 and out["added"]["box_count"] == 1
    assert out["already_imported"] is False
    with open_election_file(m, "x") as db:
        sheets = {r["id"]: dict(r) for r in db.con.execute("SELECT * FROM sheets")}
        # held here under the station's namespace
        assert set(sheets) == {f"一团/{s.id}" for s in [*first, held]}
        assert {s["station"] for s in sheets.values()} == {"一团"}
        # images came along, under the station's folder
        img = stations.images_dir(m) / sheets[f"一团/{first[0].id}"]["image_path"]
        assert img.read_bytes().startswith(b"image ")
        labels = {r[0] for r in db.con.execute("SELECT label FROM manual_entries")}
        assert labels == {"一团/1"}
        box = db.con.execute("SELECT station, issued, collected FROM box_counts").fetchone()
        assert tuple(box) == ("一团", 10, 8)
        assert verify_station_records(db) == []
        events = [r[0] for r in db.con.execute("SELECT event FROM audit")]
        assert "results.imported" in events and "backup.made" in events
        station_events = [
            r[0] for r in db.con.execute("SELECT event FROM station_audit ORDER BY seq")
        ]
        assert station_events[0] == "station.opened" and station_events[-1] == "results.exported"
        # station audit entries are not mixed into this file's own chain
        assert "scan.batch" not in events

    # the same package again: nothing added, and it says so
    before = snapshot(m)
    assert main(["results", "import", str(m), str(pkg1), "--json"]) == 0
    again = json.loads(capsys.readouterr().out)
    assert again["already_imported"] is True
    assert snapshot(m) == before

    # cumulative: scan more, confirm the decision, export again → only the new ones are added
    with open_election_file(a, "计票人") as db:
        more = rows.add_sheets(db, 3, batch="b3.pdf")
        rows.confirm(db, dec, held.id)
        # slot 2 of a hand-entered ballot entered again (as the counting desk does: upsert)
        db.con.execute(
            'UPDATE manual_entries SET content = \'{"marks":"AAAAA"}\', entered_at = ?'
            " WHERE entry_no = 2",
            (rows.utc_now(),),
        )
    pkg2 = export(a, tmp_path / "r2.zip", images=False)
    r2 = do_import(m, pkg2)
    assert r2.added.get("sheet") == 3 and r2.added.get("decision", 0) == 0
    assert r2.updated == {"sheet": 1, "decision": 1, "manual_entry": 1}
    assert r2.unchanged["sheet"] == 5  # the sixth was updated
    with open_election_file(m, "x") as db:
        status = db.con.execute(
            "SELECT status, final_marks FROM sheets WHERE id = ?", (f"一团/{held.id}",)
        ).fetchone()
        assert tuple(status) == ("counted", "AAADN")
        assert db.con.execute("SELECT count(*) FROM sheets").fetchone()[0] == 9
        ids = {r[0] for r in db.con.execute("SELECT id FROM sheets")}
        assert {f"一团/{s.id}" for s in more} <= ids
        content = db.con.execute("SELECT content FROM manual_entries WHERE entry_no = 2")
        assert json.loads(content.fetchone()[0]) == {"marks": "AAAAA"}
        assert verify_station_records(db) == []
    # the older package replayed after the newer one: nothing goes back
    older = do_import(m, pkg1)
    assert older.already_imported
    capsys.readouterr()
    assert main(["verify", str(m)]) == 0


def test_a_station_does_not_pronounce_on_the_round(
    setup: tuple[Path, Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    """A station's own tally said 实到 0 不符合到会人数要求 and 本轮投票无效 (its one box, no
    check-ins): the round is the main laptop's to judge, every station merged."""
    _, a, _ = setup
    with open_election_file(a, "计票人") as db:
        rows.add_sheets(db, 4)
        rows.set_box(db, "1", 3, 4)
    capsys.readouterr()
    assert main(["tally", str(a), "--contest", "WY"]) == 0
    out = capsys.readouterr().out
    assert "分团计票机（一团）" in out and "本分团：发出 3  收回 4" in out, out
    assert "本轮投票无效" not in out and "到会人数要求" not in out, out


def test_altered_byte_rejected_nothing_written(
    setup: tuple[Path, Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    m, a, _ = setup
    with open_election_file(a, "计票人") as db:
        rows.add_sheets(db, 4)
    pkg = export(a, tmp_path / "r.zip")
    before = snapshot(m)
    data = bytearray(pkg.read_bytes())
    for offset in (len(data) // 3, len(data) // 2, 40):
        bad = bytearray(data)
        bad[offset] ^= 0x01
        altered = tmp_path / f"bad{offset}.zip"
        altered.write_bytes(bytes(bad))
        capsys.readouterr()
        assert main(["results", "import", str(m), str(altered)]) == 1
        err = capsys.readouterr().err
        assert "未写入任何内容" in err
        assert snapshot(m) == before


def test_a_package_zipped_another_way_is_read_or_damaged_nothing_written(
    setup: tuple[Path, Path, Path], tmp_path: Path
) -> None:
    """Re-zipped by another tool: with bzip2 (which this program reads) it imports, its
    signature intact; with a method it cannot read (Zstandard, method 93) it is damaged,
    and nothing is written."""
    m, a, _ = setup
    with open_election_file(a, "计票人") as db:
        rows.add_sheets(db, 2)
    pkg = export(a, tmp_path / "r.zip")
    bz, zstd = tmp_path / "bz.zip", tmp_path / "zstd.zip"
    with zipfile.ZipFile(pkg) as z, zipfile.ZipFile(bz, "w", zipfile.ZIP_BZIP2) as w:
        for n in z.namelist():
            w.writestr(n, z.read(n))
    stored = tmp_path / "stored.zip"
    with zipfile.ZipFile(pkg) as z, zipfile.ZipFile(stored, "w", zipfile.ZIP_STORED) as w:
        for n in z.namelist():
            w.writestr(n, z.read(n))
    data = bytearray(stored.read_bytes())
    for sig, at in ((b"PK\x03\x04", 8), (b"PK\x01\x02", 10)):  # local and central headers
        i = data.find(sig)
        while i >= 0:
            data[i + at : i + at + 2] = (93).to_bytes(2, "little")
            i = data.find(sig, i + 4)
    zstd.write_bytes(bytes(data))
    # re-zipped by hand (zip -r): directory entries beside the files
    dirs = tmp_path / "dirs.zip"
    with zipfile.ZipFile(pkg) as z, zipfile.ZipFile(dirs, "w", zipfile.ZIP_DEFLATED) as w:
        w.writestr("images/", b"")
        for n in z.namelist():
            w.writestr(n, z.read(n))
    before = snapshot(m)
    with pytest.raises(PackageRejected) as exc:
        do_import(m, zstd)
    assert exc.value.problems[0].code == "damaged"
    assert snapshot(m) == before
    do_import(m, dirs)
    assert snapshot(m) != before
    assert do_import(m, bz).already_imported  # the same package, zipped another way


def _rewrite(pkg: Path, out: Path, change: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(pkg) as z, zipfile.ZipFile(out, "w") as w:
        for n in z.namelist():
            w.writestr(n, change.get(n, z.read(n)))
    return out


def test_record_edited_inside_a_valid_zip_rejected(
    setup: tuple[Path, Path, Path], tmp_path: Path
) -> None:
    m, a, _ = setup
    with open_election_file(a, "计票人") as db:
        rows.add_sheets(db, 3)
    pkg = export(a, tmp_path / "r.zip")
    with zipfile.ZipFile(pkg) as z:
        text = z.read("records/sheet.jsonl").decode()
    edited = _rewrite(
        pkg,
        tmp_path / "edited.zip",
        {"records/sheet.jsonl": text.replace("AANDN", "AAAAA").encode()},
    )
    before = snapshot(m)
    with pytest.raises(PackageRejected) as exc:
        do_import(m, edited)
    assert exc.value.problems[0].code == "file_altered"
    assert "records/sheet.jsonl" in exc.value.messages("en")[0]
    assert snapshot(m) == before


def _resign(pkg: Path, out: Path, replace_key: bool) -> Path:
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
    from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

    key = Ed25519PrivateKey.generate()
    with zipfile.ZipFile(pkg) as z:
        manifest = json.loads(z.read(pk.MANIFEST))
    if replace_key:
        manifest["station_public_key"] = (
            key.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw).hex()
        )
    raw = pk.manifest_bytes(manifest)
    return _rewrite(pkg, out, {pk.MANIFEST: raw, pk.SIGNATURE: key.sign(raw).hex().encode()})


@pytest.mark.parametrize("change", ["column", "round", "index"])
def test_a_validly_signed_package_in_another_form_is_refused_in_words(
    setup: tuple[Path, Path, Path], tmp_path: Path, change: str
) -> None:
    """A package signed with the station's own key whose records are not as this program
    writes them (another version's, say): a traceback before (unknown columns, a round
    that is no number, an index that is a list); now refused, nothing written."""
    import hashlib

    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    m, a, _ = setup
    with open_election_file(a, "计票人") as db:
        rows.add_sheets(db, 2)
    pkg = export(a, tmp_path / "r.zip")
    with zipfile.ZipFile(pkg) as z:
        files = {n: z.read(n) for n in z.namelist()}
    manifest = json.loads(files.pop(pk.MANIFEST))
    files.pop(pk.SIGNATURE)
    sheets = pk.decode_records(files[pk.Kind.SHEET.file])
    if change == "column":
        sheets[0]["added_in_a_later_version"] = 1
    elif change == "round":
        sheets[0]["round"] = "x"
    files[pk.Kind.SHEET.file] = pk.encode_records(sheets)
    manifest["index"]["sheet"] = {
        pk.record_key(pk.Kind.SHEET, r): pk.record_digest(pk.Kind.SHEET, r) for r in sheets
    }
    if change == "index":
        manifest["index"]["sheet"] = ["x"]
    manifest["files"] = {
        n: {"sha256": hashlib.sha256(d).hexdigest(), "size": len(d)}
        for n, d in sorted(files.items())
    }
    raw = pk.manifest_bytes(manifest)
    private = sqlite3.connect(a).execute("SELECT private_key FROM station_identity").fetchone()[0]
    files[pk.MANIFEST] = raw
    files[pk.SIGNATURE] = (
        Ed25519PrivateKey.from_private_bytes(bytes.fromhex(private)).sign(raw).hex().encode()
    )
    odd = tmp_path / "odd.zip"
    with zipfile.ZipFile(odd, "w") as w:
        for n, d in files.items():
            w.writestr(n, d)
    before = snapshot(m)
    with pytest.raises(PackageRejected) as exc:
        do_import(m, odd)
    assert exc.value.problems[0].code in ("records", "manifest", "file_altered"), exc.value.problems
    after = snapshot(m)
    after.pop("audit"), before.pop("audit")  # (a backup before the write is on record)
    assert after == before


def test_resigned_with_unknown_key_rejected(setup: tuple[Path, Path, Path], tmp_path: Path) -> None:
    m, a, _ = setup
    with open_election_file(a, "计票人") as db:
        rows.add_sheets(db, 2)
    pkg = export(a, tmp_path / "r.zip")
    before = snapshot(m)
    with pytest.raises(PackageRejected) as exc:
        do_import(m, _resign(pkg, tmp_path / "k1.zip", replace_key=True))
    assert exc.value.problems[0].code == "unknown_key"
    with pytest.raises(PackageRejected) as exc:
        do_import(m, _resign(pkg, tmp_path / "k2.zip", replace_key=False))
    assert exc.value.problems[0].code == "signature"
    assert snapshot(m) == before


def test_replayed_into_another_election_rejected(
    setup: tuple[Path, Path, Path], tmp_path: Path
) -> None:
    _m, a, _ = setup
    other = init_main(tmp_path, "other", name="中国共产党另一区第一次代表大会")
    with open_election_file(other, "x") as db:
        export_station(db, "一团", tmp_path / "other-station.zip")  # same station name there
    with open_election_file(a, "计票人") as db:
        rows.add_sheets(db, 2)
    pkg = export(a, tmp_path / "r.zip")
    before = snapshot(other)
    with pytest.raises(PackageRejected) as exc:
        do_import(other, pkg)
    assert exc.value.problems[0].code == "other_election"
    assert "另一区" in exc.value.messages("zh")[0]
    assert snapshot(other) == before
    # and the same definition in another file (same fingerprint) still does not know the key
    twin = init_main(tmp_path, "twin")
    with pytest.raises(PackageRejected) as exc:
        do_import(twin, pkg)
    assert exc.value.problems[0].code == "unknown_key"


def test_same_id_different_content_rejects_whole(
    setup: tuple[Path, Path, Path], tmp_path: Path
) -> None:
    m, a, _ = setup
    with open_election_file(a, "计票人") as db:
        s = rows.add_sheets(db, 3)
    do_import(m, export(a, tmp_path / "r1.zip"))
    # behind the app's back what a sheet counts as changes: the station refuses to export it
    with open_election_file(a, "计票人") as db:
        db.con.execute("UPDATE sheets SET final_marks = 'DDDDD' WHERE id = ?", (s[0].id,))
        rows.add_sheets(db, 2, batch="b2.pdf")
    with pytest.raises(ElectionFileError) as refused:
        export(a, tmp_path / "r2.zip")
    assert s[0].id in refused.value.en and "no confirmed review decision" in refused.value.en
    # ... and changed so that it agrees with itself, the main laptop refuses the package
    with open_election_file(a, "计票人") as db:
        db.con.execute("UPDATE sheets SET marks = 'DDDDD' WHERE id = ?", (s[0].id,))
    pkg = export(a, tmp_path / "r2.zip")
    before = snapshot(m)
    with pytest.raises(PackageRejected) as exc:
        do_import(m, pkg)
    assert [p.code for p in exc.value.problems] == ["conflict"]
    assert s[0].id in exc.value.messages("en")[0]
    assert snapshot(m) == before  # the two new sheets were not taken either


def test_same_local_ids_at_two_stations_do_not_collide(
    setup: tuple[Path, Path, Path], tmp_path: Path
) -> None:
    """Ids made from labels or file names are equal on two laptops; each keeps its own."""
    m, a, b = setup
    for f in (a, b):
        with open_election_file(f, "计票人") as db:
            rows.add_sheets(db, 1, image_seed=str(f))
            db.con.execute("UPDATE sheets SET id = 'manual:WY:1:A-001'")
            rows.manual_pair(db, "A-001", "AAAAA")
    do_import(m, export(a, tmp_path / "ra.zip"))
    r = do_import(m, export(b, tmp_path / "rb.zip"))
    assert r.added["sheet"] == 1 and r.added["manual_entry"] == 2
    with open_election_file(m, "x") as db:
        ids = sorted(x[0] for x in db.con.execute("SELECT id FROM sheets"))
        assert ids == ["一团/manual:WY:1:A-001", "二团/manual:WY:1:A-001"]
        assert verify_station_records(db) == []


def test_a_sheet_id_already_used_here_is_a_conflict() -> None:
    rec = {"id": "一团/x", "station": "一团", "marks": "AA", "status": "counted"}
    index = {"sheet": {"一团/x": pk.record_digest(pk.Kind.SHEET, rec)}}
    plan = pk.plan_merge({pk.Kind.SHEET: [rec]}, index, {}, True, foreign_sheet_ids={"一团/x"})
    assert [p.code for p in plan.problems] == ["conflict"]
    plan = pk.plan_merge({pk.Kind.SHEET: [rec]}, index, {}, True)
    assert [j.verdict for j in plan.judged] == [pk.Verdict.NEW]
    tampered = {**rec, "marks": "DD"}
    plan = pk.plan_merge({pk.Kind.SHEET: [tampered]}, index, {}, True)
    assert [p.code for p in plan.problems] == ["record_altered"]


def test_same_serial_from_two_stations_both_to_review(
    setup: tuple[Path, Path, Path], tmp_path: Path
) -> None:
    m, a, b = setup
    with open_election_file(a, "计票人") as db:
        sa = rows.add_sheets(db, 2, serials=["SERIAL0001", "SERIAL0002"], image_seed="a")
    with open_election_file(b, "计票人") as db:
        sb = rows.add_sheets(db, 2, serials=["SERIAL0001", "SERIAL0003"], image_seed="b")
    do_import(m, export(a, tmp_path / "ra.zip"))
    r = do_import(m, export(b, tmp_path / "rb.zip"))
    assert r.serial_conflicts == ["SERIAL0001"]
    with open_election_file(m, "x") as db:
        got = {
            row[0]: (row[1], json.loads(row[2]))
            for row in db.con.execute("SELECT id, status, reasons FROM sheets")
        }
        assert got[f"一团/{sa[0].id}"] == ("review", [pk.SERIAL_CONFLICT])
        assert got[f"二团/{sb[0].id}"] == ("review", [pk.SERIAL_CONFLICT])
        assert got[f"一团/{sa[1].id}"][0] == "counted"
        assert got[f"二团/{sb[1].id}"][0] == "counted"
        assert verify_station_records(db) == []
    # station A re-exports (its own state unchanged): the hold stays
    with open_election_file(a, "计票人") as db:
        rows.add_sheets(db, 1, batch="b9.pdf")
    do_import(m, export(a, tmp_path / "ra2.zip"))
    with open_election_file(m, "x") as db:
        st = db.con.execute(
            "SELECT status FROM sheets WHERE id = ?", (f"一团/{sa[0].id}",)
        ).fetchone()[0]
        assert st == "review"


def test_a_paper_scanned_at_one_station_and_entered_by_hand_at_another_is_held(
    tmp_path: Path,
) -> None:
    """Station 一团 scanned a paper; 二团 entered the same paper by hand under its printed
    serial. Merged, it counted twice (a hand-entered sheet kept the serial only in its
    label); now both are held for a person, in either order of import."""
    from huanjie_desktop.app.ballots import print_ballots

    m = init_main(tmp_path)
    with open_election_file(m, "管理员") as db:
        serial = print_ballots(db, "WY", 1, 2, tmp_path / "wy.pdf").serials[0]
    a, b = make_station(tmp_path, m, "一团"), make_station(tmp_path, m, "二团")
    with open_election_file(a, "计票人") as db:
        (sa,) = rows.add_sheets(db, 1, serials=[serial], image_seed="a")
    with open_election_file(b, "计票人") as db:
        for by in ("计票人甲", "计票人乙"):
            counting.manual_entry(db, "WY", 1, serial, {"c01": "agree"}, by=by)
    do_import(m, export(b, tmp_path / "rb.zip"))
    r = do_import(m, export(a, tmp_path / "ra.zip"))
    assert r.serial_conflicts == [serial]
    with open_election_file(m, "x") as db:
        held = dict(db.con.execute("SELECT id, status FROM sheets").fetchall())
        assert held[f"一团/{sa.id}"] == "review"
        assert held[f"二团/manual:WY:1:{serial}"] == "review", held
        assert counting.tally(db, "WY")["valid_ballots"] == 0


def test_a_name_nobody_can_read_entered_at_a_station_is_a_choice_here(tmp_path: Path) -> None:
    """A ballot entered by hand at a station with ○ above a name nobody can read: the
    flag travels in the package, and merged here the ballot chooses as many as it did
    there (three ○ and the name: four for three seats, void as a whole)."""
    m = init_main(tmp_path)
    a = make_station(tmp_path, m, "一团")
    three = {"c01": "agree", "c02": "agree", "c03": "agree", "w1": "agree"}
    with open_election_file(a, "计票人") as db:
        for by in ("计票人甲", "计票人乙"):
            over = counting.manual_entry(db, "WY", 1, "H-1", three, {1: "?"}, by=by)
            fits = counting.manual_entry(
                db, "WY", 1, "H-2", {"c01": "agree", "w1": "agree"}, {1: "?"}, by=by
            )
        assert over.status == fits.status == "counted"
    r = do_import(m, export(a, tmp_path / "ra.zip"))
    assert r.added["sheet"] == 2
    with open_election_file(m, "x") as db:
        doc = counting.tally(db, "WY")
        assert (doc["valid_ballots"], doc["void_ballots"]) == (1, 1), doc
        assert doc["writeins"] == [] and doc["writeins_illegible"] == 1
        finals = [
            json.loads(row[0])
            for row in db.con.execute("SELECT final_writeins FROM sheets ORDER BY id")
        ]
        assert [w[0].get("illegible") for w in finals] == [True, True]
        assert verify_station_records(db) == []


def test_a_results_package_never_overwrites_the_election_file_or_another_package(
    setup: tuple[Path, Path, Path], tmp_path: Path
) -> None:
    """`results export A.huanjie --out A.huanjie` replaced the station's election file with
    the package (no backup), and another station's package on a shared stick was
    overwritten without a word. Only this station's own earlier package is replaced."""
    _m, a, b = setup
    before = a.read_bytes()
    with refused("this laptop's election file itself"):
        export(a, a)
    assert a.read_bytes() == before
    theirs = export(b, tmp_path / "stick.zip")
    with refused("not a results package this station"):
        export(a, theirs)
    notes = tmp_path / "notes.txt"
    notes.write_text("计票记录", encoding="utf-8")
    with refused("not a results package this station"):
        export(a, notes)
    assert notes.read_text(encoding="utf-8") == "计票记录"
    mine = export(a, tmp_path / "a.zip")
    export(a, mine)  # a newer package of the same station replaces its older one


def test_a_sheet_spoiled_here_after_the_station_package_is_refused_on_import(
    setup: tuple[Path, Path, Path], tmp_path: Path
) -> None:
    """The main laptop records a printed sheet as spoiled (作废) after 一团's package was made;
    一团 scans it anyway: it is refused on import as the main laptop's own scanner refuses it
    (before, it counted)."""
    from huanjie_desktop.app.ballots import print_ballots, spoil

    m, a, _ = setup
    with open_election_file(m, "管理员") as db:
        serials = print_ballots(db, "WY", 1, 2, tmp_path / "b.pdf").serials
        spoil(db, serials[0], "印错")
    with open_election_file(a, "计票人") as db:
        got = rows.add_sheets(db, 2, serials=list(serials))
    do_import(m, export(a, tmp_path / "r.zip"))
    with open_election_file(m, "x") as db:
        status = {
            row[0]: (row[1], json.loads(row[2]))
            for row in db.con.execute("SELECT id, status, reasons FROM sheets")
        }
        assert status[f"一团/{got[0].id}"] == ("rejected", [pk.SPOILED_SERIAL])
        assert status[f"一团/{got[1].id}"][0] == "counted"
        assert verify_station_records(db) == []


def test_a_decision_here_overtaken_by_a_stations_confirmed_one_cannot_be_confirmed(
    setup: tuple[Path, Path, Path], tmp_path: Path
) -> None:
    """A held sheet of 一团 decided here but not yet confirmed; 一团 decides it otherwise and
    confirms, and its package comes in: the sheet counts by 一团's decision, and confirming
    the one made here is refused (before, it silently replaced 一团's)."""
    m, a, _ = setup
    with open_election_file(a, "计票人") as db:
        (sheet,) = rows.add_sheets(db, 1, status="review", marks="AANDN")
    do_import(m, export(a, tmp_path / "r1.zip"))
    with open_election_file(m, "管理员") as db:
        counting.decide(db, f"一团/{sheet.id}", accept=True, by="罗兰")
    with open_election_file(a, "计票人") as db:
        rows.confirm(db, rows.decide(db, sheet.id, "DANDN"), sheet.id)
    do_import(m, export(a, tmp_path / "r2.zip"))
    with open_election_file(m, "管理员") as db:
        with pytest.raises(counting.CountingRefused) as e:
            counting.confirm(db, f"一团/{sheet.id}", by="罗兰")
        assert "no longer applies" in e.value.en
        final = db.con.execute(
            "SELECT final_marks FROM sheets WHERE id = ?", (f"一团/{sheet.id}",)
        ).fetchone()[0]
        # (and it awaits nothing: the round could be certified — it said one was pending)
        assert counting.tally(db, "WY")["pending_review"] == 0
        assert verify_station_records(db) == []
    assert final == "DANDN"


def test_decisions_confirmed_at_a_station_are_listed_with_it_on_the_main_laptop(
    setup: tuple[Path, Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """一团 decides and confirms two held sheets, and one still waits; merged, the main
    laptop counts them — but its list of confirmed decisions (read from its own audit log)
    showed none of them, so the chief scrutineer could not look them over before
    certifying. Listed now with who decided, who confirmed, and the station; the one
    confirmed here too, without one; the one awaiting confirmation among those held."""
    m, a, _ = setup
    with open_election_file(a, "计票人") as db:
        sheets = rows.add_sheets(db, 3, status="review", marks="A?NDN")
        order = [k.code for k in repo.read_round(db, "WY", 1).candidates]  # type: ignore[union-attr]
        for s in sheets[:2]:
            counting.decide(db, s.id, {order[1]: "agree"}, accept=True, by="张华")
            counting.confirm(db, s.id, by="罗兰")
        counting.decide(db, sheets[2].id, {order[1]: "abstain"}, accept=True, by="张华")
    do_import(m, export(a, tmp_path / "r1.zip"))
    with open_election_file(m, "管理员") as db:
        mine = rows.add_sheets(db, 1, status="review", marks="A?NDN")[0]
        counting.decide(db, mine.id, {order[1]: "disagree"}, accept=True, by="张华")
        counting.confirm(db, mine.id, by="马超")
        done = counting.confirmed_list(db, "WY")
        held = counting.review_list(db, "WY")
    by_sheet = {i["sheet"]: i["decision"] for i in done}
    assert set(by_sheet) == {f"一团/{s.id}" for s in sheets[:2]} | {mine.id}, by_sheet
    for s in sheets[:2]:
        d = by_sheet[f"一团/{s.id}"]
        assert (d["station"], d["decided_by"], d["confirmed_by"]) == ("一团", "张华", "罗兰")
        assert d["marks"][order[1]] == "agree" and d["valid"]
    assert by_sheet[mine.id]["station"] is None and by_sheet[mine.id]["confirmed_by"] == "马超"
    assert [i["sheet"] for i in held] == [f"一团/{sheets[2].id}"]
    capsys.readouterr()
    assert main(["review", "list", str(m), "--contest", "WY", "--confirmed"]) == 0
    out = capsys.readouterr().out
    assert out.count("在分团计票机 一团 上") == 2 and "张华 决定，罗兰 确认" in out, out
    assert "张华 决定，马超 确认" in out and "已确认的审核决定 3 项" in out, out
    assert main(["review", "list", str(m), "--confirmed", "--json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert sum(1 for i in listed if i.get("done")) == 3 and len(listed) == 4


def test_a_stations_unconfirmed_decision_does_not_reopen_one_confirmed_here(
    setup: tuple[Path, Path, Path], tmp_path: Path
) -> None:
    """A held sheet of 一团 decided void and confirmed here; 一团 then only decides it (no
    confirmation) otherwise: the sheet counted as void and as awaiting review at once, and
    one scrutineer confirming 一团's decision here undid the confirmed one. Here's stands."""
    m, a, _ = setup
    with open_election_file(a, "计票人") as db:
        (sheet,) = rows.add_sheets(db, 1, status="review", marks="AANDN")
    do_import(m, export(a, tmp_path / "r1.zip"))
    with open_election_file(m, "管理员") as db:
        counting.decide(db, f"一团/{sheet.id}", void_reason="有记号", by="张华")
        counting.confirm(db, f"一团/{sheet.id}", by="罗兰")
        before = counting.tally(db, "WY")
    with open_election_file(a, "计票人") as db:
        rows.decide(db, sheet.id, "DANDN")
    do_import(m, export(a, tmp_path / "r2.zip"))
    with open_election_file(m, "管理员") as db:
        after = counting.tally(db, "WY")
        assert after["pending_review"] == 0 and after["void_ballots"] == before["void_ballots"]
        assert counting.review_list(db, "WY") == []
        assert verify_station_records(db) == []


def test_a_sheet_decided_here_and_at_its_station_is_no_tampering_and_goes_to_a_person(
    setup: tuple[Path, Path, Path], tmp_path: Path
) -> None:
    """Decided and confirmed here, then otherwise at 一团 and merged: the sheet keeps this
    file's decision, and `verify` took the station's (on record, not applied) for the one
    it counts by — a false alarm of a change behind the review."""
    from huanjie_desktop.app.verify import unexplained_readings

    m, a, _ = setup
    with open_election_file(a, "计票人") as db:
        (sheet,) = rows.add_sheets(db, 1, status="review", marks="AANDN")
    do_import(m, export(a, tmp_path / "r1.zip"))
    with open_election_file(m, "管理员") as db:
        order = [k.code for k in repo.read_round(db, "WY", 1).candidates]  # type: ignore[union-attr]
        here = {order[0]: "disagree"}  # (otherwise than the machine read it)
        counting.decide(db, f"一团/{sheet.id}", here, accept=True, by="罗兰")
        counting.confirm(db, f"一团/{sheet.id}", by="马超")
        ours = db.con.execute(
            "SELECT final_marks FROM sheets WHERE id = ?", (f"一团/{sheet.id}",)
        ).fetchone()[0]
    assert ours != "AANDN"
    with open_election_file(a, "计票人") as db:
        rows.confirm(db, rows.decide(db, sheet.id, "AADDN"), sheet.id)
    r = do_import(m, export(a, tmp_path / "r2.zip"))
    # Both settled it, differently: it was kept as decided here without a word (the
    # station's count and this one's then differ). Now it is held for a person again.
    assert r.kept_here >= 1 and r.disagreements == [f"一团/{sheet.id}"]
    with open_election_file(m, "管理员") as db:
        status, final, reasons = db.con.execute(
            "SELECT status, final_marks, reasons FROM sheets WHERE id = ?", (f"一团/{sheet.id}",)
        ).fetchone()
        assert (status, final) == ("review", None) and "station_disagrees" in reasons
        assert unexplained_readings(db) == []
        counting.decide(db, f"一团/{sheet.id}", here, accept=True, by="罗兰")
        counting.confirm(db, f"一团/{sheet.id}", by="马超")
        final = db.con.execute(
            "SELECT final_marks FROM sheets WHERE id = ?", (f"一团/{sheet.id}",)
        ).fetchone()[0]
        assert final == ours and unexplained_readings(db) == []


def test_a_station_put_back_to_a_backup_is_told_its_records_forked(
    setup: tuple[Path, Path, Path], tmp_path: Path
) -> None:
    """A station laptop whose file was put back to an earlier copy and counted on: its log
    forks from what it sent before. The refusal said "audit entry N was imported before
    with different content" once per entry, and to re-export — which cannot help."""
    import shutil

    m, a, _ = setup
    shutil.copy(a, tmp_path / "copy.huanjie")
    with open_election_file(a, "计票人") as db:
        rows.add_sheets(db, 1, image_seed="first")
    do_import(m, export(a, tmp_path / "r1.zip"))
    shutil.copy(tmp_path / "copy.huanjie", a)  # put back to the copy
    with open_election_file(a, "计票人") as db:
        rows.add_sheets(db, 1, image_seed="second")
    with pytest.raises(PackageRejected) as exc:
        do_import(m, export(a, tmp_path / "r2.zip"))
    forked = [p for p in exc.value.problems if p.code == "diverged"]
    assert len(forked) == 1 and "NAME-2" in forked[0].en, exc.value.problems


def test_a_station_restored_to_before_a_package_it_sent_is_told_at_once(
    setup: tuple[Path, Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Restored to a backup older than a results package it had sent, a station went on
    scanning and exporting without a word; only the main laptop's import said its records
    had forked, when all that work had to be done again under a new name."""
    from huanjie_desktop.app import backup as bk

    m, a, _ = setup
    with open_election_file(a, "计票人") as db:
        rows.add_sheets(db, 1, image_seed="first")
        early = bk.make_backup(db)
    do_import(m, export(a, tmp_path / "r1.zip"))
    with open_election_file(a, "计票人") as db:
        late = bk.make_backup(db)  # (after the package: restoring it forks nothing)
    capsys.readouterr()
    assert main(["restore", str(a), str(late), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["forked"] is False
    assert main(["--lang", "en", "restore", str(a), str(early)]) == 0
    said = capsys.readouterr().err
    assert "sent the main laptop a results package after this backup" in said, said
    assert "--station NAME-2" in said


def test_a_station_named_like_a_label_entered_here_is_refused(tmp_path: Path) -> None:
    """The main laptop hand-entered a ballot labelled "一团/1", then made station 一团: that
    station's own entry "1" came in as "一团/1" and its package was refused for good with the
    database's raw uniqueness error. The station gets another name instead."""
    m = init_main(tmp_path)
    with open_election_file(m, "管理员") as db:
        for by in ("计票人甲", "计票人乙"):
            counting.manual_entry(db, "WY", 1, "一团/1", {"c01": "agree"}, by=by)
        with refused("一团-2"):
            export_station(db, "一团", tmp_path / "s.zip")
    assert not (tmp_path / "s.zip").exists()


def test_same_image_from_two_stations_is_a_duplicate(
    setup: tuple[Path, Path, Path], tmp_path: Path
) -> None:
    m, a, b = setup
    for f in (a, b):
        with open_election_file(f, "计票人") as db:
            rows.add_sheets(db, 1, serials=["SAMEPAPER1"], image_seed="one scan")
    do_import(m, export(a, tmp_path / "ra.zip"))
    r = do_import(m, export(b, tmp_path / "rb.zip"))
    assert r.duplicates == 1 and r.serial_conflicts == []
    with open_election_file(m, "x") as db:
        st = sorted(r[0] for r in db.con.execute("SELECT status FROM sheets"))
        assert st == ["counted", "duplicate"]


def test_a_change_to_a_contest_the_station_never_counted_does_not_refuse_its_package(
    tmp_path: Path,
) -> None:
    """A candidate added on the main laptop to a contest nobody has voted in yet (allowed):
    every station's package was refused as counted "against the old definition" of it,
    though none of its records touched that contest. A change to a contest it counted in
    still refuses it."""
    from huanjie_desktop.app import prepare

    d = small_definition(candidates=8)
    jw = {**d["contests"][0], "code": "JW", "title": "中国共产党测试区纪律检查委员会委员"}
    jw["kind"] = "discipline"
    jw["candidates"] = [{"code": f"j{j + 1:02d}", "person": f"P{j + 6:03d}"} for j in range(4)]
    d["contests"][0]["candidates"] = d["contests"][0]["candidates"][:5]
    d["contests"].append(jw)
    src = tmp_path / "two.json"
    src.write_text(json.dumps(d, ensure_ascii=False), encoding="utf-8")
    m = tmp_path / "two.huanjie"
    assert main(["init", str(m), "--from", str(src)]) == 0
    a = make_station(tmp_path, m, "一团")
    with open_election_file(a, "计票人") as db:
        rows.add_sheets(db, 3)  # (WY round 1)
    pkg = export(a, tmp_path / "r.zip")
    other = tmp_path / "copy.huanjie"  # (the main file as it was, for the second case)
    shutil.copy(m, other)
    with open_election_file(m, "管理员") as db:
        prepare.add_candidate(db, "JW", person="P012")
    out = do_import(m, pkg)
    assert out.added.get("sheet") == 3
    assert any("unchanged" in en for _zh, en in out.notes), out.notes
    with open_election_file(other, "管理员") as db:
        prepare.add_candidate(db, "WY", person="P013")
    with pytest.raises(PackageRejected) as exc:
        do_import(other, pkg)
    assert [p.code for p in exc.value.problems] == ["definition_changed"], exc.value.problems


def test_station_definition_is_read_only(setup: tuple[Path, Path, Path]) -> None:
    m, a, _ = setup
    with open_election_file(a, "x") as db:
        assert db.meta("role") == "station" and db.meta("station_name") == "一团"
        with pytest.raises(DefinitionReadOnly):
            assert_definition_editable(db)
        for action in ("prepare", "certify", "import"):
            with pytest.raises(NotAllowed):
                require(db, None, action)
        require(db, None, "scan")
        # ID numbers stayed on the main laptop; the ballot key came along
        assert (
            db.con.execute("SELECT count(*) FROM people WHERE id_number != ''").fetchone()[0] == 0
        )
        station_key = db.meta("ballot_key")
    with open_election_file(m, "x") as db:
        assert_definition_editable(db)
        assert db.meta("ballot_key") == station_key
        with refused("only a station laptop"):
            export_results(db, m.with_name("nope.zip"))


def test_station_package_checks(tmp_path: Path) -> None:
    m = init_main(tmp_path)
    pkg = tmp_path / "s.zip"
    with open_election_file(m, "x") as db:
        r = export_station(db, "三团", pkg)
        with refused("already has a package"):
            export_station(db, "三团", tmp_path / "again.zip")
        export_station(db, "三团-2", tmp_path / "again.zip")  # a second laptop: a new name
        with refused("cannot be used"):
            export_station(db, "../x", tmp_path / "x.zip")
    with pytest.raises(PackageRejected) as exc:
        open_station_package(
            pkg, tmp_path / "w.huanjie", "x", expect_main_key="0000 0000 0000 0000"
        )
    assert exc.value.problems[0].code == "main_key"
    assert not (tmp_path / "w.huanjie").exists()
    bad = bytearray(pkg.read_bytes())
    bad[len(bad) // 2] ^= 0xFF
    (tmp_path / "bad.zip").write_bytes(bytes(bad))
    with pytest.raises(PackageRejected):
        open_station_package(tmp_path / "bad.zip", tmp_path / "w.huanjie", "x")
    assert not (tmp_path / "w.huanjie").exists()
    opened = open_station_package(pkg, tmp_path / "ok.huanjie", "x", expect_main_key=r.main_key)
    assert opened.station == "三团"


def test_certified_round_is_frozen(
    setup: tuple[Path, Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    m, a, _ = setup
    with open_election_file(a, "计票人") as db:
        rows.add_sheets(db, 2)
    pkg = export(a, tmp_path / "r.zip")
    with open_election_file(m, "x") as db:
        db.con.execute("UPDATE rounds SET status = 'certified'")
    with pytest.raises(PackageRejected) as exc:
        do_import(m, pkg)
    assert exc.value.problems[0].code == "certified"
    # the CLI's advice: not "export it again" (the same change is refused again)
    capsys.readouterr()
    assert main(["--lang", "en", "results", "import", str(m), str(pkg)]) != 0
    err = capsys.readouterr().err
    assert "new station name" in err and "export it again on the laptop" not in err, err


def test_a_round_the_next_was_opened_on_takes_no_late_package(
    setup: tuple[Path, Path, Path], tmp_path: Path
) -> None:
    """Main opened the tie re-vote on round 1's result; 一团 then entered two more round-1
    ballots and sent them: accepted, they broke the tie, round 1 elected a third person and
    the re-vote elected a fourth for three seats — both certified. Refused, as on main."""
    from tests.ballot_fixtures import add_round

    m, a, _ = setup
    with open_election_file(a, "计票人") as db:
        rows.add_sheets(db, 2)
    do_import(m, export(a, tmp_path / "r1.zip"))
    with open_election_file(m, "x") as db:
        add_round(db, "WY", "tie", 1, ["c01", "c02"])
    with open_election_file(a, "计票人") as db:
        rows.add_sheets(db, 2, batch="late.pdf")
    before = snapshot(m)
    with pytest.raises(PackageRejected) as exc:
        do_import(m, export(a, tmp_path / "r2.zip"))
    assert {p.code for p in exc.value.problems} == {"superseded"}, exc.value.problems
    assert "第 2 轮" in exc.value.problems[0].zh
    assert snapshot(m) == before


def test_a_station_made_after_a_round_was_certified_is_intact(tmp_path: Path) -> None:
    """A station package made for a later round after round 1 was certified carries round
    1's result and none of its sheets: verify on the new station file said the certified
    totals differ from the sheets ("do not sign or announce") before anything was done."""
    from huanjie_desktop.app.verify import verify_file
    from tests.sheet_rows import check_in

    m = init_main(tmp_path)
    with open_election_file(m, "管理员") as db:
        check_in(db)
        rows.add_sheets(db, 4, marks="AAADN")
        rows.set_box(db, "1", 4, 4)
        assert counting.certify(db, "WY", 1, "罗兰、马超").status == "certified"
    s = make_station(tmp_path, m, "三团")
    with open_election_file(s, "分团管理员") as db:
        report = verify_file(db)
        assert report.ok, report.lines("en")
    assert main(["--lang", "en", "status", str(s)]) == 0


def test_a_round_is_not_certified_while_a_station_has_sent_nothing(
    setup: tuple[Path, Path, Path], tmp_path: Path
) -> None:
    """Only 一团's package was imported, and the round certified without a word: 二团's
    package was then refused as frozen, its ballots shut out. Certifying now waits for
    every station laptop made from this file, or a recorded decision to go without one."""
    m, a, b = setup
    with open_election_file(a, "计票人") as db:
        rows.add_sheets(db, 2)
        rows.set_box(db, "1", 2, 2)
    with open_election_file(b, "计票人") as db:
        rows.add_sheets(db, 1, image_seed="b")
        rows.set_box(db, "2", 1, 1)
    do_import(m, export(a, tmp_path / "ra.zip"))
    with open_election_file(m, "总监票人") as db:
        with pytest.raises(counting.CountingRefused) as e:
            counting.certify(db, "WY", 1, "罗兰")
        assert "二团" in e.value.zh and "--without-station 二团" in e.value.zh
        assert "一团" not in e.value.zh
        with pytest.raises(counting.CountingRefused) as e:
            counting.certify(db, "WY", 1, "罗兰", without_stations=["三团"])
        assert "三团" in e.value.zh
    do_import(m, export(b, tmp_path / "rb.zip"))
    with open_election_file(m, "总监票人") as db:
        assert counting.tally(db, "WY")["valid_ballots"] == 3
        # (no longer refused for a station: the round's own state decides)
        try:
            counting.certify(db, "WY", 1, "罗兰")
        except counting.CountingRefused as exc:
            assert "分团计票机" not in exc.zh, exc.zh


def test_the_next_round_waits_for_every_station_and_the_tally_says_so(
    setup: tuple[Path, Path, Path], tmp_path: Path
) -> None:
    """Only 一团's package in, the tally said "final" and the next round opened: 二团's
    package was then refused for good (its round was superseded), its ballots lost. The
    tally warns of the silent station, and opening the next round waits for it, or for a
    recorded decision to go without it."""
    m, a, _b = setup
    with open_election_file(a, "计票人") as db:
        rows.add_sheets(db, 2)
        rows.set_box(db, "1", 2, 2)
    do_import(m, export(a, tmp_path / "ra.zip"))
    with open_election_file(m, "总监票人") as db:
        doc = counting.tally(db, "WY")
        assert "stations_silent" in doc["warnings"] and doc["stations_silent"] == ["二团"], doc
        kind = "supplementary" if doc["status"] == "final" else "rerun"
        proposal = counting.open_round(db, "WY", kind)
        assert any("二团" in zh for zh, _ in proposal.notes), proposal.notes
        with pytest.raises(counting.StationsNotReported) as e:
            counting.open_round(db, "WY", kind, confirm=True)
        assert "二团" in e.value.zh and "开启下一轮" in e.value.zh
        assert "--without-station 二团" in e.value.zh
        opened = counting.open_round(db, "WY", kind, confirm=True, without_stations=["二团"])
        assert opened.created
        (detail,) = [
            json.loads(r[0])
            for r in db.con.execute("SELECT detail FROM audit WHERE event = 'round.opened'")
        ]
        assert detail["without_stations"] == ["二团"]


def test_a_sheet_refused_at_the_station_for_a_round_it_does_not_know_blocks_nothing(
    setup: tuple[Path, Path, Path], tmp_path: Path
) -> None:
    """The main laptop opened round 2; a station made before it scanned a round-2 ballot and
    refused it there (no such round). Its packages were then refused for good as "the
    definition of WY round 2 changed on this laptop" — nothing had: a refused sheet counts in
    no round."""
    m, a, b = setup
    with open_election_file(a, "计票人") as db:
        rows.add_sheets(db, 2)
        rows.set_box(db, "1", 2, 2)
    with open_election_file(b, "计票人") as db:
        rows.set_box(db, "2", 0, 0)
    do_import(m, export(a, tmp_path / "ra.zip"))
    do_import(m, export(b, tmp_path / "rb.zip"))
    with open_election_file(m, "总监票人") as db:
        doc = counting.tally(db, "WY")
        kind = "supplementary" if doc["status"] == "final" else "rerun"
        assert counting.open_round(db, "WY", kind, confirm=True).created
    with open_election_file(a, "计票人") as db:
        rows.add_sheets(db, 1, round_=2, status="rejected", image_seed="r2", batch="late.pdf")
    got = do_import(m, export(a, tmp_path / "ra2.zip"))
    assert got is not None


def test_a_station_that_took_no_part_is_left_out_by_a_recorded_decision(
    setup: tuple[Path, Path, Path], tmp_path: Path
) -> None:
    m, a, _b = setup
    with open_election_file(a, "计票人") as db:
        rows.add_sheets(db, 2)
        rows.set_box(db, "1", 2, 2)
    do_import(m, export(a, tmp_path / "ra.zip"))
    with open_election_file(m, "总监票人") as db:
        done = counting.certify(db, "WY", 1, "罗兰", without_stations=["二团"])
        (detail,) = [
            json.loads(r[0])
            for r in db.con.execute(
                "SELECT detail FROM audit WHERE event IN ('round.certified', 'round.voided')"
            )
        ]
        assert detail["without_stations"] == ["二团"] and done.digest
        # (the frozen result does not go on saying 二团 has sent nothing: left out by decision)
        doc = counting.tally(db, "WY")
        assert "stations_silent" not in doc["warnings"] and not doc.get("stations_silent")


def test_a_void_round_is_frozen(setup: tuple[Path, Path, Path], tmp_path: Path) -> None:
    m, a, _ = setup
    with open_election_file(a, "计票人") as db:
        rows.add_sheets(db, 2)
    pkg = export(a, tmp_path / "r.zip")
    with open_election_file(m, "x") as db:
        db.con.execute("UPDATE rounds SET status = 'void'")
    before = snapshot(m)
    with pytest.raises(PackageRejected) as exc:
        do_import(m, pkg)
    assert exc.value.problems[0].code == "void"
    assert snapshot(m) == before


def test_the_main_laptop_does_not_write_as_a_station_with_its_own_laptop(
    setup: tuple[Path, Path, Path], tmp_path: Path
) -> None:
    """Scanned, counted or entered by hand on the main laptop under 一团's name, a paper
    would count twice when 一团's package brings it (or its package would clash): refused,
    naming the way to do it. Under another name it is the main laptop's own."""
    m, a, _ = setup
    with open_election_file(m, "管理员") as db:
        with pytest.raises(BallotRefused) as box_exc:
            record_box_count(db, "WY", None, "1", 10, None, station="一团")
        assert "has its own laptop" in box_exc.value.en
        with pytest.raises(ScanRefused) as scan_exc:
            scan_paths(db, [tmp_path], station="一团")
        assert "一团-主机" in scan_exc.value.zh
        with pytest.raises(counting.CountingRefused) as manual_exc:
            counting.manual_entry(db, "WY", 1, "一团/X-2", {}, by="吴芳")
        assert "has its own laptop" in manual_exc.value.en
        record_box_count(db, "WY", None, "1", 10, None, station="一团-主机")
    with open_election_file(a, "计票人") as db:  # a station writes under its own name only
        with pytest.raises(BallotRefused) as box_exc:
            record_box_count(db, "WY", None, "1", 10, None, station="二团")
        assert "一团" in box_exc.value.zh
        record_box_count(db, "WY", None, "1", 10, None)


def test_verify_notices_edits_outside_the_app(
    setup: tuple[Path, Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    m, a, _ = setup
    with open_election_file(a, "计票人") as db:
        s = rows.add_sheets(db, 3)
        rows.set_box(db, "箱1", 5, 3)
        rows.manual_pair(db, "7", "NNNNN")
    do_import(m, export(a, tmp_path / "r.zip"))
    con = sqlite3.connect(str(m))
    con.execute("UPDATE manual_entries SET content = '{}' WHERE entry_no = 1")
    con.execute("UPDATE sheets SET marks = 'DDDDD' WHERE id = ?", (f"一团/{s[1].id}",))
    con.execute("UPDATE box_counts SET collected = 2")
    con.execute("DROP TRIGGER station_audit_no_update")
    con.execute("UPDATE station_audit SET detail = '{}' WHERE seq = 2")
    con.commit()
    con.close()
    with open_election_file(m, "x") as db:
        problems = [en for _zh, en in verify_station_records(db)]
    assert any("audit" in p for p in problems)
    assert any(s[1].id in p for p in problems)
    assert any("box count" in p for p in problems)
    assert any("manual entry" in p for p in problems)
    # a station whose definition was edited behind the app's back refuses to export
    con = sqlite3.connect(str(a))
    con.execute("UPDATE candidates SET name = '改名' WHERE code = 'c01'")
    con.commit()
    con.close()
    with open_election_file(a, "x") as db:
        assert verify_station_records(db)
        with refused("fingerprint mismatch"):
            export_results(db, tmp_path / "r2.zip")


def test_verify_notices_a_station_record_deleted_with_its_import_row(
    setup: tuple[Path, Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A merged ballot deleted with sqlite3 together with its row in imported_records left
    nothing to compare: verify said the file was intact, one valid vote fewer. The signed
    package kept in the file lists it; a package deleted too is in the audit log."""
    m, a, _ = setup
    with open_election_file(a, "计票人") as db:
        s = rows.add_sheets(db, 3)
    do_import(m, export(a, tmp_path / "r.zip"))
    gone = f"一团/{s[1].id}"
    con = sqlite3.connect(str(m))
    con.execute("DELETE FROM sheets WHERE id = ?", (gone,))
    con.execute("DELETE FROM imported_records WHERE local_id = ?", (gone,))
    con.commit()
    with open_election_file(m, "x") as db:
        problems = [en for _zh, en in verify_station_records(db)]
    assert any(s[1].id in p and "deleted" in p for p in problems), problems
    capsys.readouterr()
    assert main(["verify", str(m)]) != 0
    # the package's record gone as well: the audit log still says it was imported
    con.execute("DELETE FROM imported_packages")
    con.commit()
    con.close()
    with open_election_file(m, "x") as db:
        problems = [en for _zh, en in verify_station_records(db)]
    assert any("no longer in this file" in p for p in problems), problems


def test_reconcile(
    setup: tuple[Path, Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    m, a, b = setup
    with open_election_file(a, "计票人") as db:
        rows.add_sheets(db, 3)
        rows.add_sheets(db, 1, status="review", batch="b2.pdf")
        rows.set_box(db, "箱1", 5, 4)
    with open_election_file(b, "计票人") as db:
        rows.add_sheets(db, 2)
        rows.set_box(db, "箱2", 3, 3)
    do_import(m, export(a, tmp_path / "ra.zip"))
    do_import(m, export(b, tmp_path / "rb.zip"))
    capsys.readouterr()
    assert main(["results", "reconcile", str(m), "--json", "--lang", "en"]) == 0
    data = json.loads(capsys.readouterr().out)["rows"]
    by = {r["station"]: r for r in data}
    assert by["一团"]["issued"] == 5 and by["一团"]["collected"] == 4
    assert by["一团"]["scanned"] == 4 and by["一团"]["sheets"]["review"] == 1
    assert by["一团"]["problems"] == ["1 sheets awaiting review"]
    assert (
        by["二团"]["scanned"] == 3 - 1
        and "2 sheets scanned but 3 collected" in by["二团"]["problems"]
    )
    assert main(["results", "reconcile", str(m)]) == 0
    assert "箱2" in capsys.readouterr().out


def test_reconcile_counts_hand_entries_with_the_laptops_own_boxes(
    setup: tuple[Path, Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Ballots entered by hand on the main laptop are stored under station "manual":
    reconcile showed them in a row of their own and warned of the main laptop's box
    ("0 sheets scanned but 3 collected"; 2 scanned + 1 damaged sheet entered by hand: "2
    sheets scanned but 3 collected") while the tally was consistent. Now they count with
    the laptop's own box, said so, on the main laptop and on a station laptop alike; a
    real shortfall is still warned."""
    m, a, _ = setup
    with open_election_file(m, "计票人") as db:
        rows.add_sheets(db, 2)
        rows.set_box(db, "1", 3, 3)
        for by in ("计票人甲", "计票人乙"):
            counting.manual_entry(db, "WY", 1, "H-1", {"c01": "agree"}, by=by)
    with open_election_file(a, "计票人") as db:
        rows.add_sheets(db, 1)
        rows.set_box(db, "箱1", 2, 2)
        for by in ("计票人甲", "计票人乙"):
            counting.manual_entry(db, "WY", 1, "H-1", {"c02": "agree"}, by=by)
        by_station = {r.station: r for r in stations.reconcile(db)}
        assert set(by_station) == {"一团"}, by_station
        assert by_station["一团"].problems == [] and by_station["一团"].hand_entered == 1
    do_import(m, export(a, tmp_path / "ra.zip"))
    capsys.readouterr()
    assert main(["results", "reconcile", str(m), "--json", "--lang", "en"]) == 0
    got = {r["station"]: r for r in json.loads(capsys.readouterr().out)["rows"]}
    assert "manual" not in got, got
    assert (got["main"]["scanned"], got["main"]["hand_entered"]) == (3, 1)
    assert got["main"]["problems"] == [], got["main"]
    said = "2 sheets scanned + 1 entered by hand: as many as the 3 collected"
    assert got["main"]["notes"] == [said]
    assert (got["一团"]["scanned"], got["一团"]["hand_entered"], got["一团"]["problems"]) == (
        2,
        1,
        [],
    )
    assert main(["results", "reconcile", str(m)]) == 0
    out = capsys.readouterr().out
    assert "扫描 2 张 + 手工录入 1 张，与收回 3 张相符" in out and "不一致" not in out, out
    # a sheet collected and neither scanned nor entered: still warned
    with open_election_file(m, "计票人") as db:
        rows.set_box(db, "1", 4, 4)
        (main_row,) = [r for r in stations.reconcile(db) if r.station == "main"]
    assert main_row.problems == [
        (
            "扫描 2 张 + 手工录入 1 张，收回 4 张，不一致",
            "2 sheets scanned + 1 entered by hand but 4 collected",
        )
    ]


def test_sigkill_mid_import_then_rerun(tmp_path: Path) -> None:
    m = init_main(tmp_path)
    a = make_station(tmp_path, m, "一团")
    n = 6000
    with open_election_file(a, "计票人") as db:
        rows.add_sheets(db, n, images=False)
    pkg = export(a, tmp_path / "big.zip", images=False)
    cmd = [sys.executable, "-m", "huanjie_desktop.cli.main", "results", "import", str(m), str(pkg)]
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    wal = Path(str(m) + "-wal")
    backups = m.with_name(m.name + ".backups")
    proc = subprocess.Popen(
        cmd, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    killed = False
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and proc.poll() is None:
        # the automatic backup is made just before the import transaction begins; once the
        # write-ahead log grows, the transaction is writing
        started = backups.is_dir() and any("before-import" in f.name for f in backups.iterdir())
        if started and wal.exists() and wal.stat().st_size > 512 * 1024:
            proc.send_signal(signal.SIGKILL)
            killed = True
            break
        time.sleep(0.005)
    proc.wait(timeout=30)
    assert killed and proc.returncode == -signal.SIGKILL, proc.stderr.read() if proc.stderr else ""
    assert proc.stderr is not None
    proc.stderr.close()
    # all or nothing: an interrupted transaction leaves no trace (on a very fast machine the
    # kill may land after the commit: then everything is there, once)
    after_kill = (rows.count(m, "sheets"), rows.count(m, "imported_packages"))
    assert after_kill in ((0, 0), (n, 1))
    done = subprocess.run(
        [*cmd, "--json"], cwd=ROOT, env=env, capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
    rerun = json.loads(done.stdout)
    if after_kill == (0, 0):
        assert rerun["added"]["sheet"] == n
    else:
        assert rerun["already_imported"] is True
    assert do_import(m, pkg).already_imported
    assert rows.count(m, "sheets") == n
    assert rows.count(m, "imported_records", "kind = 'sheet'") == n
    con = sqlite3.connect(str(m))
    assert con.execute("SELECT count(DISTINCT id) FROM sheets").fetchone()[0] == n
    con.close()


def test_page_read_again_after_an_internal_error_replaces_the_rejected_row(
    setup: tuple[Path, Path, Path], tmp_path: Path
) -> None:
    m, a, _ = setup
    with open_election_file(a, "计票人") as db:
        (s,) = rows.add_sheets(db, 1)
        db.con.execute(
            "UPDATE sheets SET status = 'rejected', reasons = '[\"internal_error\"]',"
            " marks = NULL, final_marks = NULL, final_valid = NULL, serial = NULL"
        )
    do_import(m, export(a, tmp_path / "r1.zip"))
    with open_election_file(a, "计票人") as db:  # the scanner's replace_failed: same id
        db.con.execute(
            "UPDATE sheets SET status = 'counted', reasons = '[]', marks = 'AANDN',"
            " final_marks = 'AANDN', final_valid = 1, serial = 'SERIALX001'"
        )
    r = do_import(m, export(a, tmp_path / "r2.zip"))
    assert r.updated == {"sheet": 1}
    with open_election_file(m, "x") as db:
        row = db.con.execute("SELECT status, marks, serial FROM sheets").fetchone()
        assert tuple(row) == ("counted", "AANDN", "SERIALX001")
        assert verify_station_records(db) == []
    # any other change of what was read is still a conflict
    with open_election_file(a, "计票人") as db:
        db.con.execute("UPDATE sheets SET marks = 'DDDDD', final_marks = 'DDDDD'")
    with pytest.raises(PackageRejected) as exc:
        do_import(m, export(a, tmp_path / "r3.zip"))
    assert exc.value.problems[0].code == "conflict"
    assert s.id in exc.value.messages("en")[0]


def test_the_same_package_imported_from_two_windows_at_once(
    setup: tuple[Path, Path, Path], tmp_path: Path
) -> None:
    """Another connection imports while this one is between planning and writing."""
    m, a, _ = setup
    with open_election_file(a, "计票人") as db:
        rows.add_sheets(db, 3)
    pkg = export(a, tmp_path / "r.zip")

    def meanwhile() -> bool:
        with open_election_file(m, "GUI") as other:
            assert import_results(other, pkg).added["sheet"] == 3
        return False  # not cancelled

    with open_election_file(m, "CLI") as db:
        r = import_results(db, pkg, cancel=meanwhile)
    assert r.already_imported
    assert rows.count(m, "sheets") == 3 and rows.count(m, "imported_packages") == 1


def test_a_full_disk_while_importing_is_not_a_damaged_package(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Writing a package's images on a nearly full disk said "package damaged or altered:
    export it again" — it was this laptop's disk, and the same zip imported once freed."""
    import errno
    import hashlib
    import io
    import zipfile

    from huanjie_desktop.app import stations as st

    data = b"\xff\xd8 an image"
    pkg = tmp_path / "r1.zip"
    with zipfile.ZipFile(pkg, "w") as z:
        z.writestr("images/a.jpg", data)
    entry = {"images/a.jpg": (hashlib.sha256(data).hexdigest(), len(data))}
    package = st._Zip(pkg, b"", "", {}, entry)

    class Full(io.RawIOBase):
        def writable(self) -> bool:
            return True

        def write(self, _b: object) -> int:
            raise OSError(errno.ENOSPC, "No space left on device")

    real_open = Path.open

    def full_disk(self: Path, mode: str = "r", *a: Any, **k: Any) -> Any:
        return Full() if self.name.endswith(".part") else real_open(self, mode, *a, **k)

    monkeypatch.setattr(Path, "open", full_disk)
    with pytest.raises(st.PackageRejected) as e:
        st._extract(package, "images/a.jpg", tmp_path / "a.jpg")
    assert [p.code for p in e.value.problems] == ["cannot_write"]
    assert "磁盘已满" in e.value.messages("zh")[0] and "damaged" not in str(e.value)
    monkeypatch.setattr(Path, "open", real_open)
    st._extract(package, "images/a.jpg", tmp_path / "a.jpg")  # room made: it imports
    assert (tmp_path / "a.jpg").read_bytes() == data


def _as_an_older_version_exported(pkg: Path, station_file: Path, out: Path, picture: bytes) -> Path:
    """The package a station exporting without the image check would have made after a
    picture was put in place of the first sheet's kept image: signed with its own key."""
    import hashlib

    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    with zipfile.ZipFile(pkg) as z:
        files = {n: z.read(n) for n in z.namelist()}
    manifest = json.loads(files.pop(pk.MANIFEST))
    files.pop(pk.SIGNATURE)
    sheets = pk.decode_records(files[pk.Kind.SHEET.file])
    files.pop(sheets[0]["_image"])
    sheets[0]["_image"] = f"images/{hashlib.sha256(picture).hexdigest()}.png"
    files[sheets[0]["_image"]] = picture
    files[pk.Kind.SHEET.file] = pk.encode_records(sheets)
    manifest["index"]["sheet"] = {
        pk.record_key(pk.Kind.SHEET, r): pk.record_digest(pk.Kind.SHEET, r) for r in sheets
    }
    manifest["files"] = {
        n: {"sha256": hashlib.sha256(d).hexdigest(), "size": len(d)}
        for n, d in sorted(files.items())
    }
    raw = pk.manifest_bytes(manifest)
    con = sqlite3.connect(station_file)
    private = con.execute("SELECT private_key FROM station_identity").fetchone()[0]
    con.close()
    files[pk.MANIFEST] = raw
    files[pk.SIGNATURE] = (
        Ed25519PrivateKey.from_private_bytes(bytes.fromhex(private)).sign(raw).hex().encode()
    )
    with zipfile.ZipFile(out, "w") as w:
        for n, d in files.items():
            w.writestr(n, d)
    return out


def test_a_replaced_ballot_image_stops_certify_the_papers_an_export_and_an_import(
    setup: tuple[Path, Path, Path], tmp_path: Path
) -> None:
    """A kept ballot image swapped for another picture: `verify` named it, yet certify and
    the papers went ahead, a station exported the substitute with --images and the main
    laptop imported it (stored as the image reviewed and disputed)."""
    from huanjie_desktop.app.verify import verify_file

    m, a, _b = setup
    with open_election_file(a, "计票人") as db:
        rows.add_sheets(db, 2)
        rows.set_box(db, "1", 2, 2)
    good = export(a, tmp_path / "good.zip")
    kept = stations.images_dir(a) / "batch1.pdf-00001.png"
    original = kept.read_bytes()
    kept.write_bytes(b"another ballot's picture")
    with open_election_file(a, "计票人") as db:
        for images in (True, False):
            with refused("not the image scanned"):
                export_results(db, tmp_path / f"r-{images}.zip", images=images)
    older = _as_an_older_version_exported(good, a, tmp_path / "older.zip", b"another picture")
    before = snapshot(m)
    with pytest.raises(PackageRejected) as exc:
        do_import(m, older)
    assert exc.value.problems[0].code == "image_replaced", exc.value.problems
    assert "replaced or altered on the station laptop" in exc.value.messages("en")[0]
    after = snapshot(m)
    after.pop("audit"), before.pop("audit")  # (the backup before the import is on record)
    assert after == before
    kept.write_bytes(original)
    do_import(m, good)
    (main_image,) = (stations.images_dir(m) / "stations" / "一团").glob(f"{hashlib_of(original)}*")
    main_image.write_bytes(b"another ballot's picture")
    with open_election_file(m, "总监票人") as db:
        assert not verify_file(db).ok
        counting.tally(db, "WY")  # (the tally goes on: it reads no image)
        for act in (
            lambda: counting.certify(db, "WY", 1, "罗兰", without_stations=["二团"]),
            lambda: counting.report(db, "WY", 1, tmp_path / "papers.pdf"),
        ):
            with pytest.raises(counting.FileAltered) as e:
                act()
            assert "is not the image scanned" in e.value.en and "不是扫描时的图像" in e.value.zh


def hashlib_of(data: bytes) -> str:
    import hashlib

    return hashlib.sha256(data).hexdigest()


def test_the_tallys_words_name_the_station_that_sent_nothing(
    setup: tuple[Path, Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The text tally said "a station laptop has sent no results package yet" without
    saying which (its --json listed them); guide §8: the results say which."""
    m, a, _b = setup
    with open_election_file(a, "计票人") as db:
        rows.add_sheets(db, 2)
        rows.set_box(db, "1", 2, 2)
    do_import(m, export(a, tmp_path / "ra.zip"))
    capsys.readouterr()
    assert main(["--lang", "en", "tally", str(m), "--contest", "WY"]) == 0
    out = capsys.readouterr().out
    assert "station laptop(s) 二团 have sent nothing of this round yet" in out, out
    assert main(["tally", str(m), "--contest", "WY"]) == 0
    assert "分团计票机 二团 还没有交来这一轮的计票结果" in capsys.readouterr().out


@pytest.mark.parametrize("order", ["station_first", "here_first"])
def test_a_stations_decision_confirmed_later_replaces_one_waiting_here_in_either_order(
    setup: tuple[Path, Path, Path],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    order: str,
) -> None:
    """A held sheet of 一团 decided at 一团 and here, neither confirmed; 一团 then confirms
    its decision and sends its package. When 一团's (unconfirmed) decision had come in
    before the one here was made, the sheet took 一团's marks while 一团's decision stayed
    set aside and the one here still waited: `verify` cried tampering ("no confirmed review
    decision says so") and the tally held the sheet pending. In either order now, the
    station's confirmed decision replaces the one waiting here, recorded so."""
    m, a, _ = setup
    sid = ""
    with open_election_file(a, "计票人") as db:
        (sheet,) = rows.add_sheets(db, 1, status="review", marks="AANDN")
        sid = f"一团/{sheet.id}"
        if order == "station_first":
            theirs = rows.decide(db, sheet.id, "DANDN")
    do_import(m, export(a, tmp_path / "r1.zip"))
    with open_election_file(m, "管理员") as db:
        mine = counting.decide(db, sid, accept=True, by="罗兰").decision
    with open_election_file(a, "计票人") as db:
        if order == "here_first":
            theirs = rows.decide(db, sheet.id, "DANDN")
        rows.confirm(db, theirs, sheet.id)
    export(a, tmp_path / "r2.zip")
    capsys.readouterr()
    assert main(["--lang", "en", "results", "import", str(m), str(tmp_path / "r2.zip")]) == 0
    err = capsys.readouterr().err
    assert "the station's confirmed decision replaced it" in err and sid in err, err
    assert "this laptop's outcome was kept" not in err
    with open_election_file(m, "管理员") as db:
        status, final = db.con.execute(
            "SELECT status, final_marks FROM sheets WHERE id = ?", (sid,)
        ).fetchone()
        assert (status, final) == ("counted", "DANDN")
        by = {d.decided_by: d for d in count_store.decisions_for(db, sid)}
        assert by["监票人甲"].confirmed_by and not by["监票人甲"].superseded
        assert by["罗兰"].superseded and by["罗兰"].confirmed_by is None
        assert counting.tally(db, "WY")["pending_review"] == 0
        assert counting.review_list(db, "WY") == []
        with pytest.raises(counting.CountingRefused) as e:
            counting.confirm(db, sid, by="马超")
        assert "no longer applies" in e.value.en
        logged = [
            json.loads(r[0])
            for r in db.con.execute("SELECT detail FROM audit WHERE event = 'results.imported'")
        ]
        assert logged[-1]["superseded_here"] == [{"sheet": sid, "decision": mine}]
    assert main(["--lang", "en", "verify", str(m)]) == 0, capsys.readouterr().out


def test_a_stations_decision_confirmed_later_does_not_undo_one_confirmed_here(
    setup: tuple[Path, Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The other outcome of the same order: 一团's unconfirmed decision came in, the one
    made here was confirmed here, then 一团 confirms its own, otherwise: this file's outcome
    is not silently replaced (nor kept half: the sheet goes to a person, both on record),
    and `verify` stays clean."""
    m, a, _ = setup
    with open_election_file(a, "计票人") as db:
        (sheet,) = rows.add_sheets(db, 1, status="review", marks="AANDN")
        theirs = rows.decide(db, sheet.id, "DANDN")
    sid = f"一团/{sheet.id}"
    do_import(m, export(a, tmp_path / "r1.zip"))
    with open_election_file(m, "管理员") as db:
        counting.decide(db, sid, accept=True, by="罗兰")
        counting.confirm(db, sid, by="马超")
    with open_election_file(a, "计票人") as db:
        rows.confirm(db, theirs, sheet.id)
    r = do_import(m, export(a, tmp_path / "r2.zip"))
    assert r.superseded_here == [] and r.disagreements == [sid]
    with open_election_file(m, "管理员") as db:
        status, final = db.con.execute(
            "SELECT status, final_marks FROM sheets WHERE id = ?", (sid,)
        ).fetchone()
        assert (status, final) == ("review", None)
        by = {d.decided_by: d for d in count_store.decisions_for(db, sid)}
        assert by["罗兰"].confirmed_by == "马超" and not by["罗兰"].superseded
    capsys.readouterr()
    assert main(["--lang", "en", "verify", str(m)]) == 0, capsys.readouterr().out


@pytest.mark.parametrize("crashed_last", [False, True])
def test_a_box_reported_by_a_station_and_its_replacement_is_named_and_resolved_on_record(
    setup: tuple[Path, Path, Path],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    crashed_last: bool,
) -> None:
    """一团 sends half of its box 箱1 (issued 4, collected 4) and crashes; its replacement
    一团-2 counts the other half and records 箱1 again. The totals held the box twice (8 for
    4 ballots), certify said to "check the collected number entered" — which the main
    laptop may not change — and nothing said one box came from two stations. Now the
    import, the tally, reconcile and certify name the box, both stations and their figures,
    and the chief scrutineer takes one report, recorded; either order of the packages."""
    m, a, b = setup
    a2 = make_station(tmp_path, m, "一团-2")
    for u in ("U01", "U02"):
        assert main(["checkin", str(m), "--unit", u, "--all"]) == 0
    with open_election_file(a, "计票人") as db:
        rows.add_sheets(db, 2)
        rows.set_box(db, "箱1", 4, 4)
    with open_election_file(a2, "计票人") as db:
        rows.add_sheets(db, 2, image_seed="a2")
        rows.set_box(db, "箱1", 4, 4)
    with open_election_file(b, "计票人") as db:
        rows.add_sheets(db, 1, image_seed="b")
        rows.set_box(db, "箱2", 1, 1)
    packages = [export(a, tmp_path / "ra.zip"), export(a2, tmp_path / "ra2.zip")]
    if crashed_last:
        packages.reverse()
    do_import(m, export(b, tmp_path / "rb.zip"))
    do_import(m, packages[0])
    capsys.readouterr()
    assert main(["--lang", "en", "results", "import", str(m), str(packages[1])]) == 0
    err = capsys.readouterr().err
    said = "box '箱1' was reported by 2 stations: 一团 (issued 4, collected 4); 一团-2 (issued 4, collected 4)"
    assert said in err and "box-resolve" in err and "--take" in err, err

    with open_election_file(m, "总监票人") as db:
        t = counting.tally(db, "WY")
        assert t["status"] == "provisional" and "box_reported_twice" in t["reasons"], t
        assert "sheets_differ_from_collected" not in t["reasons"]
        assert [r["station"] for r in t["boxes_twice"][0]["reports"]] == ["一团", "一团-2"]
        with pytest.raises(counting.CountingRefused) as e:
            counting.certify(db, "WY", 1, "罗兰")
        assert said in e.value.en and "--take" in e.value.en, e.value.en
        assert "箱1" in e.value.zh and "一团-2（发出 4，收回 4）" in e.value.zh
    assert main(["--lang", "en", "tally", str(m), "--contest", "WY"]) == 0
    assert said in capsys.readouterr().out
    assert main(["--lang", "en", "results", "reconcile", str(m)]) == 0
    assert said in capsys.readouterr().out

    # Only a report that exists, of a box reported twice, and by someone named.
    for args, words in (
        (["--box", "箱1", "--take", "三团"], "no report from station '三团'"),
        (["--box", "箱2", "--take", "二团"], "one report only"),
    ):
        assert (
            main(
                [
                    "--lang",
                    "en",
                    "ballots",
                    "box-resolve",
                    str(m),
                    "--contest",
                    "WY",
                    "--by",
                    "罗兰",
                    *args,
                ]
            )
            == 1
        )
        assert words in capsys.readouterr().err
    assert (
        main(
            [
                "--lang",
                "en",
                "ballots",
                "box-resolve",
                str(m),
                "--contest",
                "WY",
                "--box",
                "箱1",
                "--take",
                "一团-2",
                "--by",
                "罗兰",
                "--reason",
                "清点单",
            ]
        )
        == 0
    )
    out = capsys.readouterr().out
    assert "box 箱1 (一团): issued 4, collected 4 — set aside, not counted" in out, out
    assert "total: issued 5, collected 5" in out
    with open_election_file(m, "总监票人") as db:
        t = counting.tally(db, "WY")
        assert "box_reported_twice" not in t["reasons"] and "boxes_twice" not in t
        assert (t["issued"], t["collected"], t["valid_ballots"]) == (5, 5, 5)
        logged = [
            json.loads(r[0])
            for r in db.con.execute("SELECT detail FROM audit WHERE event = 'boxes.resolved'")
        ]
        assert logged == [
            {
                "contest": "WY",
                "round": 1,
                "box": "箱1",
                "take": "一团-2",
                "set_aside": ["一团"],
                "reports": [
                    {"station": "一团", "issued": 4, "collected": 4},
                    {"station": "一团-2", "issued": 4, "collected": 4},
                ],
                "by": "罗兰",
                "reason": "清点单",
            }
        ]
        reconciled = {r.station: r for r in stations.reconcile(db)}
        assert reconciled["一团"].boxes[0].state == "set_aside"
        assert reconciled["一团"].collected is None and reconciled["一团-2"].collected == 4
        counting.certify(db, "WY", 1, "罗兰")
    capsys.readouterr()
    assert main(["--lang", "en", "verify", str(m)]) == 0, capsys.readouterr().out


def test_two_boxes_under_one_label_both_count_once_said_so(
    setup: tuple[Path, Path, Path], tmp_path: Path
) -> None:
    """Two stations that each label their own box "1": both count, once a person says they
    are two boxes; a third station reporting "1" afterwards opens the question again."""
    m, a, b = setup
    for u in ("U01", "U02"):
        assert main(["checkin", str(m), "--unit", u, "--all"]) == 0
    with open_election_file(a, "计票人") as db:
        rows.add_sheets(db, 2)
        rows.set_box(db, "1", 2, 2)
    with open_election_file(b, "计票人") as db:
        rows.add_sheets(db, 3, image_seed="b")
        rows.set_box(db, "1", 3, 3)
    do_import(m, export(a, tmp_path / "ra.zip"))
    r = do_import(m, export(b, tmp_path / "rb.zip"))
    assert [(c, n, t.box) for c, n, t in r.boxes_twice] == [("WY", 1, "1")]
    with open_election_file(m, "总监票人") as db:
        from huanjie_desktop.app.ballots import resolve_box

        done = resolve_box(db, "WY", 1, "1", None, "罗兰")
        assert done.set_aside == () and (done.totals.issued, done.totals.collected) == (5, 5)
        t = counting.tally(db, "WY")
        assert t["status"] == "final" and (t["issued"], t["collected"]) == (5, 5), t
    c = make_station(tmp_path, m, "三团")
    with open_election_file(c, "计票人") as db:
        rows.set_box(db, "1", 1, 1)
    r = do_import(m, export(c, tmp_path / "rc.zip"))
    assert [t.reports for _, _, t in r.boxes_twice] == [
        (("一团", 2, 2), ("三团", 1, 1), ("二团", 3, 3))
    ]
    with open_election_file(m, "总监票人") as db:
        assert "box_reported_twice" in counting.tally(db, "WY")["reasons"]


def test_a_package_made_before_counting_does_not_report_the_round(
    setup: tuple[Path, Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """二团 exported a results package before counting anything (to test the stick) and the
    main laptop imported it; 一团's package came in with its box: the tally said "final" with
    no warning, reconcile had no row for 二团 and the round was certified with half the
    ballots — 二团's real package then bounced off the frozen round. A station reports a
    round only with something of it in its latest package (or a statement that it is done)."""
    m, a, b = setup
    capsys.readouterr()
    assert (
        main(["--lang", "en", "results", "export", str(b), "--out", str(tmp_path / "b0.zip")]) == 0
    )
    said = capsys.readouterr()
    assert "holds no sheet, hand entry or box count of WY/1" in said.err, said
    assert main(["--lang", "en", "results", "import", str(m), str(tmp_path / "b0.zip")]) == 0
    said = capsys.readouterr()
    assert "still wait for station '二团'" in said.err, said
    with open_election_file(a, "计票人") as db:
        rows.add_sheets(db, 2)
        rows.set_box(db, "一团箱", 2, 2)
    with open_election_file(b, "计票人") as db:
        rows.add_sheets(db, 2, image_seed="b")
        rows.set_box(db, "二团箱", 2, 2)
    do_import(m, export(a, tmp_path / "a1.zip"))

    capsys.readouterr()
    assert main(["--lang", "en", "tally", str(m), "--contest", "WY", "--json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc["stations_silent"] == ["二团"] and "stations_silent" in doc["warnings"], doc
    assert main(["--lang", "en", "results", "reconcile", str(m), "--json"]) == 0
    recon = json.loads(capsys.readouterr().out)["rows"]
    (row,) = [r for r in recon if r["station"] == "二团"]
    assert row["silent"] and row["contest"] == "WY" and row["round"] == 1, row
    assert "nothing of this round received: 1 results package(s) received" in row["problems"][0]
    assert "(0 sheets, 0 manual entries, 0 box counts in all)" in row["problems"][0]
    assert main(["--lang", "en", "results", "reconcile", str(m)]) == 0
    assert "二团" in capsys.readouterr().out
    assert (
        main(["--lang", "en", "certify", str(m), "--contest", "WY", "--round", "1", "--by", "罗兰"])
        != 0
    )
    err = capsys.readouterr().err
    assert "station laptop(s) 二团 have sent nothing of WY round 1 yet" in err, err
    with open_election_file(m, "总监票人") as db:
        doc2 = counting.tally(db, "WY")
        kind = "supplementary" if doc2["status"] == "final" else "rerun"
        with pytest.raises(counting.StationsNotReported) as e:
            counting.open_round(db, "WY", kind, confirm=True)
        assert e.value.stations == ["二团"]

    # 二团's real package: the round has heard from it, and counts its ballots
    do_import(m, export(b, tmp_path / "b1.zip"))
    with open_election_file(m, "总监票人") as db:
        doc = counting.tally(db, "WY")
        assert doc["valid_ballots"] == 4 and not doc["stations_silent"], doc
        assert stations.silent_stations(db, "WY", 1) == []


def test_a_station_that_had_no_ballots_of_a_round_says_so_with_done(
    setup: tuple[Path, Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A station with nothing of a round: its package states it has finished counting
    (results export --done); the round no longer waits for it, and reconcile says why. A
    later package without the statement and still with nothing of the round: waited for
    again (its latest package is what counts)."""
    m, a, b = setup
    with open_election_file(a, "计票人") as db:
        rows.add_sheets(db, 2)
        rows.set_box(db, "一团箱", 2, 2)
    do_import(m, export(a, tmp_path / "a1.zip"))
    capsys.readouterr()
    out = tmp_path / "b-done.zip"
    assert (
        main(["--lang", "en", "results", "export", str(b), "--out", str(out), "--done", "--json"])
        == 0
    )
    said = json.loads(capsys.readouterr().out)
    assert said["done"] is True and said["rounds"]["WY/1"] == {
        "sheet": 0,
        "manual_entry": 0,
        "box_count": 0,
    }, said
    do_import(m, out)
    with open_election_file(m, "总监票人") as db:
        assert stations.silent_stations(db, "WY", 1) == []
        recon = {r.station: r for r in stations.reconcile(db)}
        assert not recon["二团"].silent and recon["二团"].notes, recon
        (detail,) = [
            json.loads(r[0])
            for r in db.con.execute(
                "SELECT detail FROM station_audit"
                " WHERE event = 'results.exported' AND station = '二团'"
            )
        ]
        assert detail["done"] == ["WY/1"]
    do_import(m, export(b, tmp_path / "b-again.zip", done=False))
    with open_election_file(m, "总监票人") as db:
        assert stations.silent_stations(db, "WY", 1) == ["二团"]
        with pytest.raises(counting.StationsNotReported):
            counting.certify(db, "WY", 1, "罗兰")


def test_a_stick_test_done_package_from_a_clock_ahead_does_not_speak_for_the_round(
    setup: tuple[Path, Path, Path],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """二团's laptop clock is 8 hours ahead (set to the wrong time zone). Before voting it
    exported a package with --done to test the stick; the main laptop imported it only after
    一团's package brought the round's first ballots. Dated after voting began by that clock,
    its --done was taken to say 二团 had no ballots of WY: "final", certified, and 二团's real
    package then refused as of a frozen round — its ballots lost. A package dated later than
    its import here (a clock shown ahead) speaks for no round it holds nothing of: import,
    reconcile and tally say why; with the clock set right, its package with --done is all
    it takes."""
    import datetime as dt

    from huanjie_desktop.storage import db as db_module

    m, a, b = setup
    real = db_module.utc_now

    def ahead() -> str:
        at = dt.datetime.now(dt.UTC) + dt.timedelta(hours=8)
        return at.isoformat(timespec="milliseconds").replace("+00:00", "Z")

    def station_clock(clock: Any) -> None:
        for module in (db_module, stations, rows):
            monkeypatch.setattr(module, "utc_now", clock)

    station_clock(ahead)
    stick = export(b, tmp_path / "b-stick.zip")  # (before voting: testing the stick)
    station_clock(real)
    with open_election_file(a, "计票人") as db:
        rows.add_sheets(db, 2)
        rows.set_box(db, "一团箱", 2, 2)
    do_import(m, export(a, tmp_path / "a1.zip"))
    capsys.readouterr()
    assert main(["--lang", "en", "results", "import", str(m), str(stick)]) == 0
    said = capsys.readouterr().err
    assert "that laptop's clock is ahead" in said and "still wait for station '二团'" in said, said
    with open_election_file(m, "总监票人") as db:
        assert stations.silent_stations(db, "WY", 1) == ["二团"]
        assert stations.clock_ahead_stations(db, "WY", 1) == ["二团"]
        recon = {r.station: r for r in stations.reconcile(db)}
        assert recon["二团"].silent, recon
        assert "that laptop's clock is ahead of this one's" in recon["二团"].problems[0][1]
        assert "时钟比本机快" in recon["二团"].problems[0][0]
        with pytest.raises(counting.StationsNotReported):
            counting.certify(db, "WY", 1, "罗兰")
    assert main(["--lang", "en", "tally", str(m), "--contest", "WY"]) == 0
    out = capsys.readouterr()
    assert "that laptop's clock is ahead" in out.out + out.err, out
    assert main(["tally", str(m), "--contest", "WY", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["stations_clock_ahead"] == ["二团"]

    # the clock set right, 二团 counts and exports with --done: its ballots are in
    with open_election_file(b, "计票人") as db:
        rows.add_sheets(db, 2, image_seed="b")
        rows.set_box(db, "二团箱", 2, 2)
    do_import(m, export(b, tmp_path / "b1.zip"))
    with open_election_file(m, "总监票人") as db:
        doc = counting.tally(db, "WY")
        assert doc["valid_ballots"] == 4 and not doc["stations_silent"], doc
        counting.certify(db, "WY", 1, "罗兰")


def test_an_election_file_given_for_a_package_is_said_to_be_one(
    setup: tuple[Path, Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A station's election file given to ``results import`` (or the main file to ``station
    open``) was "damaged or altered … not an intact zip file": the clerk went looking for a
    broken stick. It is said to be an election file, with the command that makes the
    package; nothing is written."""
    m, a, _b = setup
    before = snapshot(m)
    capsys.readouterr()
    assert main(["--lang", "en", "results", "import", str(m), str(a)]) == 1
    err = capsys.readouterr().err
    assert f"{a.name} is an election file (or a backup of one), not a results package" in err
    assert "run huanjie results export on that station laptop" in err, err
    assert "damaged" not in err and "intact zip" not in err, err
    assert snapshot(m) == before
    assert main(["results", "import", str(m), str(a)]) == 1
    assert "是一个选举文件（或其备份），不是结果包" in capsys.readouterr().err
    target = tmp_path / "new-station.huanjie"
    assert main(["--lang", "en", "station", "open", str(m), str(target)]) == 1
    err = capsys.readouterr().err
    assert "is an election file (or a backup of one), not a station package" in err, err
    assert not target.exists()


def test_a_done_export_with_nothing_of_a_round_does_not_promise_the_main_laptop_stops_waiting(
    setup: tuple[Path, Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A package exported with --done before voting (testing the stick) said at the station
    "WY/1 had no ballots here; the main laptop does not wait for it" — while the main laptop
    rightly kept waiting (made before voting began). The export says when it speaks."""
    _m, _a, b = setup
    said = {}
    for lang in ("en", "zh"):
        capsys.readouterr()
        out = str(tmp_path / f"b-{lang}.zip")
        assert main(["--lang", lang, "results", "export", str(b), "--out", out, "--done"]) == 0
        said[lang] = capsys.readouterr().out
    assert "does not wait" not in said["en"] and "主机不再等它" not in said["zh"], said
    assert "only for a package made after the round's voting began" in said["en"], said
    assert "只有在这一轮开始投票之后导出的包" in said["zh"], said


def test_a_done_package_with_nothing_of_a_round_from_a_clock_set_right_still_speaks(
    setup: tuple[Path, Path, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """二团's clock was 8 hours ahead when its package was opened, and set right before it
    exported its finished count — with no ballots of WY there: the remedy the import asks for
    works (its times since opening are not taken to say when it was made)."""
    import datetime as dt

    from huanjie_desktop.storage import db as db_module

    m, a, _b = setup
    real = db_module.utc_now

    def ahead() -> str:
        at = dt.datetime.now(dt.UTC) + dt.timedelta(hours=8)
        return at.isoformat(timespec="milliseconds").replace("+00:00", "Z")

    with open_election_file(m, "管理员") as db:
        export_station(db, "三团", tmp_path / "station-三团.zip")
    for module in (db_module, stations, rows):
        monkeypatch.setattr(module, "utc_now", ahead)
    c = tmp_path / "三团.huanjie"
    open_station_package(tmp_path / "station-三团.zip", c, "分团管理员")
    for module in (db_module, stations, rows):
        monkeypatch.setattr(module, "utc_now", real)
    with open_election_file(a, "计票人") as db:
        rows.add_sheets(db, 2)
        rows.set_box(db, "一团箱", 2, 2)
    do_import(m, export(a, tmp_path / "a1.zip"))
    time.sleep(0.01)
    do_import(m, export(c, tmp_path / "c1.zip"))
    with open_election_file(m, "总监票人") as db:
        assert "三团" not in stations.silent_stations(db, "WY", 1)
        assert stations.clock_ahead_stations(db, "WY", 1) == []


def test_a_package_of_an_older_version_still_imports_and_reports_by_its_records(
    setup: tuple[Path, Path, Path], tmp_path: Path
) -> None:
    """A package from a version before rounds_held/done (its manifest has neither): it
    imports, and a round it carries records of has heard from the station."""
    m, a, _b = setup
    with open_election_file(a, "计票人") as db:
        rows.add_sheets(db, 2)
        rows.set_box(db, "一团箱", 2, 2)
        ident = db.con.execute("SELECT private_key FROM station_identity").fetchone()[0]
    new = export(a, tmp_path / "a1.zip")
    old = tmp_path / "a1-old.zip"
    with zipfile.ZipFile(new) as zin:
        manifest = json.loads(zin.read("manifest.json"))
        del manifest["rounds_held"], manifest["done"]
        raw = pk.manifest_bytes(manifest)
        with zipfile.ZipFile(old, "w") as zout:
            for item in zin.infolist():
                data = zin.read(item)
                if item.filename == "manifest.json":
                    data = raw
                elif item.filename == "manifest.sig":
                    # (signed with the station's own key, as the older version signed it)
                    data = stations._sign(ident, raw).encode()
                zout.writestr(item, data)
    got = do_import(m, old)
    assert got.added["sheet"] == 2
    with open_election_file(m, "总监票人") as db:
        assert stations.silent_stations(db, "WY", 1) == ["二团"]


def test_two_delegations_entering_their_box_unnamed_are_two_boxes(
    setup: tuple[Path, Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Two delegations each entered their box with the CLI default (--box 1): the main
    laptop took it for one box reported twice, and advised --take first — dropping one
    delegation's real box. A station laptop's unnamed box is now "<station>-1"; two "1"s
    (from stations of an older version) are advised --both first."""
    m, a, b = setup
    for station, n in ((a, 2), (b, 3)):
        for which in ("issued", "collected"):
            assert main(["ballots", which, str(station), "--contest", "WY", str(n)]) == 0
    capsys.readouterr()
    with open_election_file(a, "计票人") as db:
        rows.add_sheets(db, 2)
    with open_election_file(b, "计票人") as db:
        rows.add_sheets(db, 3, image_seed="b")
    do_import(m, export(a, tmp_path / "ra.zip"))
    r = do_import(m, export(b, tmp_path / "rb.zip"))
    assert r.boxes_twice == []
    with open_election_file(m, "总监票人") as db:
        boxes = sorted(
            tuple(x)
            for x in db.con.execute("SELECT station, box, issued, collected FROM box_counts")
        )
        assert boxes == [("一团", "一团-1", 2, 2), ("二团", "二团-1", 3, 3)]
        t = counting.tally(db, "WY")
        assert "box_reported_twice" not in t["reasons"] and (t["issued"], t["collected"]) == (5, 5)

    # (the main laptop's own unnamed box stays "1"; a station that entered "1" before this
    # default goes on with it, not with a second box)
    m2 = init_main(tmp_path, "m2")
    assert main(["ballots", "issued", str(m2), "--contest", "WY", "4"]) == 0
    with open_election_file(m2, "x") as db:
        assert [r[0] for r in db.con.execute("SELECT box FROM box_counts")] == ["1"]
    c = make_station(tmp_path, m2, "三团")
    with open_election_file(c, "计票人") as db:
        rows.set_box(db, "1", 4, 0)
    assert main(["ballots", "collected", str(c), "--contest", "WY", "4"]) == 0
    with open_election_file(c, "x") as db:
        assert [
            tuple(r) for r in db.con.execute("SELECT box, issued, collected FROM box_counts")
        ] == [("1", 4, 4)]


def test_two_stations_box_1_is_advised_as_two_boxes_first(
    setup: tuple[Path, Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    m, a, b = setup
    for station, box in ((a, "1"), (b, "1")):
        with open_election_file(station, "计票人") as db:
            rows.set_box(db, box, 2, 2)
            rows.set_box(db, "箱3", 1, 1)
    do_import(m, export(a, tmp_path / "ra.zip"))
    capsys.readouterr()
    assert (
        main(
            [
                "--lang",
                "en",
                "results",
                "import",
                str(m),
                str(export(b, tmp_path / "rb.zip")),
                "--json",
            ]
        )
        == 0
    )
    doc = json.loads(capsys.readouterr().out)
    advice = {t["box"]: t["advice"] for t in doc["boxes_twice"]}
    # the default name: two boxes most likely, --both said first
    assert "the name the program gave a box when none was typed" in advice["1"], advice
    assert advice["1"].index("--both") < advice["1"].index("--take"), advice
    # a name typed alike on two laptops: one box entered twice most likely, --take first
    assert advice["箱3"].index("--take") < advice["箱3"].index("--both"), advice
    assert main(["--lang", "en", "results", "reconcile", str(m)]) == 0
    out = capsys.readouterr().out
    line = next(x for x in out.splitlines() if "box '1' was reported" in x)
    assert line.index("--both") < line.index("--take"), line


def test_a_round_opened_after_the_station_packages_does_not_wait_for_them(
    setup: tuple[Path, Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Round 1 counted on 一团 and 二团 (both --done) and certified; the 另行选举 round 2
    counted on the main laptop alone. Certifying round 2 waited for 一团 and 二团 and told
    them to export with --done — but their packages, made for round 1, never knew round 2
    (their import then said round 2 "still waits"), and only --without-station, meant for a
    broken laptop, let it through. A station made after round 2 was opened is waited for."""
    from tests.sheet_rows import check_in

    m, a, b = setup
    with open_election_file(m, "管理员") as db:
        check_in(db)
    for f, seed in ((a, "a"), (b, "b")):
        with open_election_file(f, "计票人") as db:
            rows.add_sheets(db, 2, marks="ANNNN", image_seed=seed)
            rows.set_box(db, f"{f.stem}箱", 2, 2)
            export_results(db, tmp_path / f"{f.stem}.zip", done=True)
        do_import(m, tmp_path / f"{f.stem}.zip")
    with open_election_file(m, "总监票人") as db:
        assert counting.certify(db, "WY", 1, "罗兰").status == "certified"
        assert counting.open_round(db, "WY", "supplementary", confirm=True).created
        two = counting.tally(db, "WY", 2)
        rows.add_sheets(db, 2, round_=2, marks="N" * len(two["candidates"]), batch="r2.pdf")
        rows.set_box(db, "1", 2, 2, round_=2)
        assert stations.silent_stations(db, "WY", 2) == []
        assert stations.stations_without_round(db, "WY", 2) == ["一团", "二团"]
        doc = counting.tally(db, "WY", 2)
        assert "stations_silent" not in doc["warnings"] and not doc["stations_silent"], doc
        recon = {(r.station, r.round): r for r in stations.reconcile(db)}
        for name in ("一团", "二团"):
            row = recon[(name, 2)]
            assert not row.silent and not row.problems, row
            assert any("before round 2 was opened" in en for _, en in row.notes), row.notes
    capsys.readouterr()
    assert main(["--lang", "en", "results", "reconcile", str(m)]) == 0
    assert "cannot count this round, and the round does not wait" in capsys.readouterr().out
    # (a station made once round 2 is open has it: the round waits for it, as for round 1's)
    c = make_station(tmp_path, m, "三团")
    with open_election_file(m, "总监票人") as db:
        assert stations.silent_stations(db, "WY", 2) == ["三团"]
        with pytest.raises(counting.StationsNotReported) as e:
            counting.certify(db, "WY", 2, "罗兰")
        assert e.value.stations == ["三团"], e.value.zh
    with open_election_file(c, "分团管理员") as db:
        export_results(db, tmp_path / "c.zip", done=True)
    do_import(m, tmp_path / "c.zip")
    capsys.readouterr()
    assert main(["certify", str(m), "--contest", "WY", "--round", "2", "--by", "罗兰"]) == 0, (
        capsys.readouterr()
    )


def test_a_ballot_entered_by_hand_is_no_missing_image(
    setup: tuple[Path, Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A torn paper entered by hand twice on 一团 (it never had an image): `results export
    --images` said "1 sheet's image file was not found", and after the import verify on the
    main laptop counted it as an image not in the images folder ("normal when the election
    file was copied without its .images folder"). A scanned image really gone is still said."""
    from huanjie_desktop.app.verify import verify_file

    m, a, _ = setup
    with open_election_file(a, "计票人") as db:
        scanned = rows.add_sheets(db, 2)
        for by in ("计票人甲", "计票人乙"):
            counting.manual_entry(db, "WY", 1, "箱1-撕破", {"c01": "agree"}, by=by)
        assert (
            db.con.execute("SELECT count(*) FROM sheets WHERE source = 'manual'").fetchone()[0] == 1
        )
    capsys.readouterr()
    out = tmp_path / "a.zip"
    assert main(["--lang", "en", "results", "export", str(a), "--out", str(out), "--images"]) == 0
    said = capsys.readouterr()
    assert "were not found" not in said.out + said.err, said
    do_import(m, out)
    with open_election_file(m, "x") as db:
        report = verify_file(db)
        assert report.ok, report.lines("en")
        assert "2 kept ballot images checked" in [n for _, n in report.notes], report.notes
        (path,) = db.con.execute("SELECT image_path FROM sheets WHERE source = 'manual'").fetchone()
        assert path == "", path
        # (a file that imported it before: a path to an image that never existed)
        with db.transaction() as con:
            con.execute(
                "UPDATE sheets SET image_path = 'stations/一团/' || image_sha256"
                " WHERE source = 'manual'"
            )
        again = verify_file(db)
        assert again.ok and ("2 kept ballot images checked" in [n for _, n in again.notes]), (
            again.notes
        )
    # (an image a scanned sheet had, gone from the station's folder: still said)
    (stations.images_dir(a) / "batch1.pdf-00001.png").unlink()
    assert scanned
    again_out = tmp_path / "b.zip"
    assert (
        main(["--lang", "en", "results", "export", str(a), "--out", str(again_out), "--images"])
        == 0
    )
    said = capsys.readouterr()
    assert "the image files of 1 sheets were not found" in said.out + said.err, said


def test_a_stations_tally_is_provisional_and_checks_its_own_boxes(
    setup: tuple[Path, Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    """On a station laptop (no check-ins there) `tally --json` said "status": "void",
    "reasons": ["quorum_not_met"] for a sound round; and a paper of the other delegation fed
    in — 7 sheets counted against 6 collected — passed without a word there (the quorum had
    voided the round before the sheets were compared with the boxes). The main laptop said
    it only once the package was imported."""
    m, a, _ = setup
    with open_election_file(a, "计票人") as db:
        rows.add_sheets(db, 7)
        rows.set_box(db, "1", 6, 6)
    capsys.readouterr()
    assert main(["--lang", "en", "tally", str(a), "--contest", "WY", "--json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc["status"] == "provisional" and doc["station"] == "一团", doc
    assert doc["reasons"] == ["station_count", "sheets_differ_from_collected"], doc
    assert doc["quorum_met"] is None and doc["certified"] is False and not doc["elected"], doc
    assert main(["tally", str(a), "--contest", "WY"]) == 0
    out = capsys.readouterr().out
    assert "注意（本分团）：计入的选票张数与收回票数不一致" in out, out
    assert "本轮投票无效" not in out and "到会人数" not in out.split("分团计票机")[0], out
    # (its sheets matching its boxes: nothing to check there, and still not final)
    with open_election_file(a, "计票人") as db:
        rows.set_box(db, "1", 7, 7)
    assert main(["--lang", "en", "tally", str(a), "--contest", "WY", "--json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert (doc["status"], doc["reasons"]) == ("provisional", ["station_count"]), doc
    assert main(["tally", str(a), "--contest", "WY"]) == 0
    assert "注意（本分团）" not in capsys.readouterr().out
    # (the main laptop, which holds the check-ins, judges the quorum as before)
    do_import(m, export(a, m.parent / "a.zip"))
    assert main(["--lang", "en", "tally", str(m), "--contest", "WY", "--json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc["status"] == "void" and "quorum_not_met" in doc["reasons"], doc
    assert "station" not in doc and doc["quorum_met"] is False, doc


def test_times_are_said_in_local_time_and_status_shows_the_round_under_way(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Exporting a station's package again was refused with a raw UTC timestamp
    ("made 2026-11-30T09:05:02.760Z"), unlike the rest of the CLI; and `huanjie status` went
    on showing round 1's seats and candidates while 另行选举 round 2 was open."""
    from huanjie_desktop.storage import stations_repo
    from huanjie_desktop.storage.db import wall_clock
    from tests.sheet_rows import check_in

    monkeypatch.setenv("TZ", "Asia/Shanghai")
    time.tzset()
    try:
        m = init_main(tmp_path)
        make_station(tmp_path, m, "一团")
        with open_election_file(m, "x") as db:
            (made,) = [k.registered_at for k in stations_repo.read_keys(db, "一团")]
        local = wall_clock(made)
        assert local != made and "T" not in local, (local, made)
        capsys.readouterr()
        again = ["station", "export", str(m), "--station", "一团", "--out", str(tmp_path / "x.zip")]
        assert main(["--lang", "en", *again]) != 0
        err = capsys.readouterr().err
        assert f"(made {local})" in err and made not in err, err
        assert "Ballots printed after its package need no new one" in err, err
        assert main(["station", "list", str(m)]) == 0
        out = capsys.readouterr().out
        assert f"登记于 {local}" in out and made not in out, out
    finally:
        monkeypatch.undo()
        time.tzset()

    with open_election_file(m, "总监票人") as db:
        check_in(db)
        rows.add_sheets(db, 4, marks="ANNNN")
        rows.set_box(db, "1", 4, 4)
        counting.certify(db, "WY", 1, "罗兰", without_stations=["一团"])
        proposal = counting.open_round(
            db,
            "WY",
            "supplementary",
            confirm=True,
            candidates=["c02", "c03", "c04"],
            seats_decided=2,
            decision="主席团第三次会议决定",
        )
        assert proposal.created
    capsys.readouterr()
    assert main(["status", str(m)]) == 0
    (line,) = [x for x in capsys.readouterr().out.splitlines() if x.startswith("WY")]
    assert line.split()[1:5] == ["2", "3", "1", "50.0%"], line
    assert "第 2 轮另行选举；第 1 轮应选 3、候选 5" in line, line
    assert main(["status", str(m), "--json"]) == 0
    (wy,) = json.loads(capsys.readouterr().out)["contests"]
    assert (wy["seats"], wy["candidates"]) == (3, 5), wy  # (the formal list's, as before)
    assert wy["open_round"] == {"round": 2, "kind": "supplementary", "seats": 2, "candidates": 3}


def test_ballots_printed_after_the_station_packages_count_there_through_review(
    tmp_path: Path,
) -> None:
    """The guide said "if more must be printed, export the station packages again": a
    package is made once per name (one name, one laptop) and exporting 一团's again is
    refused. What works, and what the guide now says: the station holds each ballot printed
    later for review ("serial not printed from this file"); checked, decided and confirmed
    there, it counts, and the main laptop takes it with the station's package."""
    import cv2

    from huanjie_desktop.app.ballots import print_ballots
    from huanjie_desktop.domain.model import SheetStatus
    from tests.test_recognition import render

    m = init_main(tmp_path)
    with open_election_file(m, "管理员") as db:
        print_ballots(db, "WY", 1, 1, tmp_path / "first.pdf")
    a = make_station(tmp_path, m, "一团")
    with open_election_file(m, "管理员") as db:
        later = print_ballots(db, "WY", 1, 1, tmp_path / "later.pdf").serials[0]
        with refused("already has a package"):
            export_station(db, "一团", tmp_path / "again.zip")
    folder = tmp_path / "scans"
    folder.mkdir()
    for name in ("first", "later"):
        (page,) = render(tmp_path / f"{name}.pdf")
        cv2.imwrite(str(folder / f"{name}.png"), page)
    with open_election_file(a, "计票人") as db:
        got = {Path(r.source_file).stem: r for r in scan_paths(db, [folder], workers=1)}
        assert got["first"].status is SheetStatus.COUNTED, got["first"]
        assert got["later"].status is SheetStatus.REVIEW, got["later"]
        assert got["later"].reasons == ("unknown_serial",) and got["later"].serial == later
        sheet = got["later"].sheet_id
        counting.decide(db, sheet, accept=True, by="罗兰", reason="主机加印的选票")
        counting.confirm(db, sheet, by="马超")
        rows.set_box(db, "1", 2, 2)
    do_import(m, export(a, tmp_path / "a.zip"))
    with open_election_file(m, "x") as db:
        doc = counting.tally(db, "WY")
        assert (doc["valid_ballots"], doc["pending_review"]) == (2, 0), doc
    for lang, gone in (
        ("en", "export the station packages again"),
        ("zh", "如需加印，请重新导出分团包"),
    ):
        guide = (ROOT / "docs" / f"guide.{lang}.md").read_text(encoding="utf-8")
        assert gone not in guide and "huanjie ballots runs" in guide, lang


def _attendance_entries(db: ElectionDB) -> list[dict[str, Any]]:
    return [
        json.loads(r[0])
        for r in db.con.execute("SELECT detail FROM audit WHERE event = 'round.attendance'")
    ]


def test_a_check_in_after_voting_began_at_a_station_is_not_of_that_round(
    setup: tuple[Path, Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """10 of 20 checked in (exactly half: no quorum) when 二团 records its box; then two
    latecomers check in on the main laptop and one of the ten is undone, the main laptop
    records its own box, and 一团 begins later still. The round said 实到 11, quorum met,
    final: its attendance was fixed when a ballot record first reached this file. It is as
    of the earliest record of the round at any laptop now — 10, the two latecomers named at
    the import and the undone one still counted."""
    m, a, b = setup
    assert main(["checkin", str(m), "--unit", "U01", "--all"]) == 0
    with open_election_file(b, "计票人") as db:
        record_box_count(db, "WY", None, "二团箱", 5, None)
    time.sleep(0.01)
    capsys.readouterr()
    assert main(["--lang", "en", "checkin", str(m), "--person", "P002", "P004"]) == 0
    said = capsys.readouterr()
    assert "present 12" in said.out, said.out
    # (the main laptop cannot know voting has begun at a station: it says it may have)
    assert "station laptop(s) 一团, 二团 count WY round 1: if voting has begun there" in said.err
    assert main(["checkin", str(m), "--person", "P001", "--undo"]) == 0
    with open_election_file(m, "计票人") as db:
        record_box_count(db, "WY", None, "主机箱", 3, 3)
        assert repo.round_attendance(db, "WY", 1) == (20, 11)
    time.sleep(0.01)
    with open_election_file(a, "计票人") as db:
        record_box_count(db, "WY", None, "一团箱", 2, 2)
        rows.add_sheets(db, 2)

    # 一团 began after the main laptop's own box: the attendance fixed then stands
    got = do_import(m, export(a, tmp_path / "a.zip"))
    assert not [n for n in got.notes if "when voting began" in n[1]], got.notes
    with open_election_file(m, "计票人") as db:
        assert repo.round_attendance(db, "WY", 1) == (20, 11)

    # 二团 began before it: the round's attendance is as of 二团's first record
    got = do_import(m, export(b, tmp_path / "b.zip"))
    (zh, en) = next(n for n in got.notes if "when voting began" in n[1])
    assert "station '二团''s first record of the round" in en and "present 10" in en, en
    assert "fixed here before as of a later record: expected 20, present 11" in en, en
    assert "2 checked in here after it (P002, P004): not counted in round 1" in en, en
    assert "1 check-in(s) undone here after it (P001): still counted in round 1" in en, en
    assert "此后本机又报到了 2 人" in zh and "（P002）" in zh, zh
    with open_election_file(m, "总监票人") as db:
        t = counting.tally(db, "WY")
        assert (t["expected"], t["present"], t["quorum_met"]) == (20, 10, False), t
        assert "quorum_not_met" in t["reasons"], t
        wy = repo.read_contest(db, "WY")
        assert wy is not None
        assert repo.round_attendance_units(db, wy, 1) == [
            ("U01", "第一代表团", 10, 10),
            ("U02", "第二代表团", 10, 0),
        ]
        (detail,) = [d for d in _attendance_entries(db) if d.get("station") == "二团"]
        assert detail["present"] == 10 and detail["before"] == [20, 11] and detail["as_of"]
        # (check-ins now are unchanged: 11, the next round's to fix)
        assert repo.expected_present(db, wy) == (20, 11)
    # a package of 二团 again moves nothing: its first record is the same
    with open_election_file(b, "计票人") as db:
        record_box_count(db, "WY", None, "二团箱", None, 5)
    got = do_import(m, export(b, tmp_path / "b2.zip"))
    assert not [n for n in got.notes if "when voting began" in n[1]], got.notes
    with open_election_file(m, "总监票人") as db:
        assert len(_attendance_entries(db)) == 2


@pytest.mark.parametrize("skew", ["ahead", "behind"])
def test_a_station_clock_found_wrong_is_said_and_placed_as_late_as_it_can_be(
    setup: tuple[Path, Path, Path],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    skew: str,
) -> None:
    """The station's times are its own clock's. One shown wrong — it opened its package
    before this laptop made it (behind), or exported its results after this laptop's now
    (ahead), 8 hours off like a laptop set to the wrong time zone — places voting's start
    between the stick's two transfers on this clock: the latest is taken, and the import
    says so and names who checked in meanwhile (counted: taking the earliest dropped everyone
    checked in between the package's making, often the evening before, and voting — a sound
    round void with no way back)."""
    import datetime as dt

    from huanjie_desktop.storage import db as db_module

    m, _a, _b = setup
    assert main(["checkin", str(m), "--unit", "U01", "--all"]) == 0
    with open_election_file(m, "管理员") as db:
        export_station(db, "一团-2", tmp_path / "p.zip")
    hours = dt.timedelta(hours=8 if skew == "ahead" else -8)
    real = db_module.utc_now

    def skewed() -> str:
        at = dt.datetime.now(dt.UTC) + hours
        return at.isoformat(timespec="milliseconds").replace("+00:00", "Z")

    def station_clock(clock: Any) -> None:
        for module in (db_module, stations, rows):
            monkeypatch.setattr(module, "utc_now", clock)

    station_clock(skewed)
    a = tmp_path / "一团-2.huanjie"
    open_station_package(tmp_path / "p.zip", a, "分团管理员")
    began = time.monotonic()
    with open_election_file(a, "计票人") as db:
        rows.set_box(db, "箱", 4, 4)
        rows.add_sheets(db, 4)
    station_clock(real)
    time.sleep(0.01)
    assert main(["checkin", str(m), "--person", "P002"]) == 0  # after the vote began
    between = time.monotonic() - began
    station_clock(skewed)
    pkg = export(a, tmp_path / "a.zip")
    station_clock(real)
    # (the stick carried back — longer than from the vote's start to P002's check-in, as
    # on the day: else P002 may fall after the latest moment the window allows, which on a
    # busy machine it did)
    time.sleep(between + 0.05)
    got = do_import(m, pkg)
    (zh, en) = next(n for n in got.notes if "when voting began" in n[1])
    side = "ahead of" if skew == "ahead" else "behind"
    assert f"station '一团-2''s clock is {side} this laptop's by 8 h at least" in en, en
    assert "can only be placed between" in en and "present 11" in en, en
    assert "checked in here after it" not in en, en
    assert "1 checked in (or were undone) within that span (P002): taken as checked in" in en
    assert ("比本机快" if skew == "ahead" else "比本机慢") in zh and "李娜（P002）" in zh, zh
    with open_election_file(m, "总监票人") as db:
        assert repo.round_attendance(db, "WY", 1) == (20, 11)
        (detail,) = _attendance_entries(db)
        moment = repo.instant(detail["as_of"])
        assert moment is not None
        # (on this clock, within the stick's transfers of the truth: not 8 hours off)
        assert abs(moment - dt.datetime.now(dt.UTC)) < dt.timedelta(minutes=5)


def test_a_package_sent_part_way_keeps_the_round_from_being_certified(
    setup: tuple[Path, Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """一团 sent a package after its first box (to let the main laptop see progress), then
    counted box 2 and never sent it; 二团 sent everything with --done. The main laptop showed
    issued 5, collected 5 against the boxes it had, said "final" and certified: 一团's second
    box was lost without a word. A station's records of a round are its count only once a
    package of it states it has finished counting (--done): until then the tally, papers,
    reconcile and import say so, and certify and the next round wait — or go on without it
    by a recorded decision. Its package with --done is then all it takes."""
    m, a, b = setup
    for u in ("U01", "U02"):
        assert main(["checkin", str(m), "--unit", u, "--all"]) == 0
    with open_election_file(a, "计票人") as db:
        rows.set_box(db, "箱1", 3, 3)
        rows.add_sheets(db, 3, batch="box1.pdf")
    capsys.readouterr()
    part = tmp_path / "a-part.zip"
    assert main(["--lang", "en", "results", "export", str(a), "--out", str(part)]) == 0
    err = capsys.readouterr().err
    assert "not stated finished (no --done): on the main laptop WY/1 wait" in err, err
    assert main(["--lang", "en", "results", "import", str(m), str(part)]) == 0
    err = capsys.readouterr().err
    assert "does not state that the station has finished counting" in err, err
    assert "WY/1 still wait, before they can be certified, for station '一团'" in err, err
    with open_election_file(a, "计票人") as db:
        rows.set_box(db, "箱2", 3, 3)
        rows.add_sheets(db, 3, batch="box2.pdf", image_seed="box2")
    with open_election_file(b, "计票人") as db:
        rows.set_box(db, "二团箱", 2, 2)
        rows.add_sheets(db, 2, image_seed="b")
    do_import(m, export(b, tmp_path / "b.zip"))

    with open_election_file(m, "总监票人") as db:
        doc = counting.tally(db, "WY")
        assert doc["collected"] == 5 and doc["stations_unfinished"] == ["一团"], doc
        # (it said "final" here: a station still out keeps the round provisional)
        assert doc["status"] == "provisional" and doc["present"] == 20, doc
        assert doc["reasons"] == ["stations_waiting"] and not doc["elected"], doc
        assert "stations_unfinished" in doc["warnings"] and not doc["stations_silent"], doc
        assert stations.silent_stations(db, "WY", 1) == []
        assert stations.unfinished_stations(db, "WY", 1) == ["一团"]
        with pytest.raises(counting.StationsNotReported) as e:
            counting.certify(db, "WY", 1, "罗兰")
        assert e.value.stations == ["一团"]
        assert "sent WY round 1 part-way" in e.value.en and "--done" in e.value.en, e.value.en
        assert "--without-station 一团" in e.value.zh and "中途导出" in e.value.zh, e.value.zh
        assert "二团" not in e.value.zh
        kind = "supplementary"
        proposal = counting.open_round(db, "WY", kind)
        assert any("一团" in zh and "中途" in zh for zh, _ in proposal.notes), proposal.notes
        with pytest.raises(counting.StationsNotReported):
            counting.open_round(db, "WY", kind, confirm=True)
        recon = {r.station: r for r in stations.reconcile(db)}
        assert recon["一团"].unfinished and not recon["二团"].unfinished
        assert any("a count in progress" in en for _, en in recon["一团"].problems)
        # the result paper says it too
        from huanjie_desktop.reports.tally_pdf import TallySheet

        said = " ".join(TallySheet(doc, {}).conclusion())
        assert "分团计票机 一团 交来的是中途的计票结果" in said, said
    assert main(["--lang", "en", "tally", str(m), "--contest", "WY"]) == 0
    assert "station laptop(s) 一团 sent this round part-way" in capsys.readouterr().out
    assert main(["--lang", "en", "results", "reconcile", str(m), "--json"]) == 0
    (row,) = [r for r in json.loads(capsys.readouterr().out)["rows"] if r["station"] == "一团"]
    assert row["unfinished"] and not row["silent"], row

    # certifying without it is a recorded decision (in a copy: the real flow goes on below)
    copy = tmp_path / "copy.huanjie"
    shutil.copy(m, copy)
    with open_election_file(copy, "总监票人") as db:
        done = counting.certify(db, "WY", 1, "罗兰", without_stations=["一团"])
        assert done.status == "certified" and done.digest
        (detail,) = [
            json.loads(r[0])
            for r in db.con.execute(
                "SELECT detail FROM audit WHERE event IN ('round.certified', 'round.voided')"
            )
        ]
        assert detail["without_stations"] == ["一团"]
        assert "stations_unfinished" not in counting.tally(db, "WY")["warnings"]

    # 一团 finishes and exports with --done, as its last package: certify needs nothing more
    capsys.readouterr()
    last = tmp_path / "a-done.zip"
    assert main(["results", "export", str(a), "--out", str(last), "--done"]) == 0
    assert "没有声明计票完毕" not in capsys.readouterr().err
    got = do_import(m, last)
    assert not [n for n in got.notes if "finished counting" in n[1]], got.notes
    with open_election_file(m, "总监票人") as db:
        doc = counting.tally(db, "WY")
        assert doc["collected"] == 8 and doc["valid_ballots"] == 8, doc
        assert not doc["stations_unfinished"] and "stations_unfinished" not in doc["warnings"]
        assert counting.certify(db, "WY", 1, "罗兰").status == "certified"


# --- papers taken out of the count (review withdraw) on one laptop, settled on the other -------

CHIEF, SCRUTINEER = "罗兰", "马超"  # 总监票人 and 监票人 of small_definition's WY


def _withdraw(f: Path, sheet: str, reason: str = "不是本轮的选票") -> None:
    """Two scrutineers take a sheet out of the count."""
    with open_election_file(f, "监票人") as db:
        counting.withdraw(db, "WY", 1, sheet=sheet, reason=reason, by=SCRUTINEER)
        counting.confirm_withdrawal(db, "WY", 1, sheet=sheet, by=CHIEF)


def _status(f: Path, sheet: str) -> tuple[str, list[str]]:
    with open_election_file(f, "x") as db:
        status, reasons = db.con.execute(
            "SELECT status, reasons FROM sheets WHERE id = ?", (sheet,)
        ).fetchone()
    return str(status), json.loads(reasons)


def test_a_paper_withdrawn_on_one_laptop_and_scanned_on_the_other_is_held(
    setup: tuple[Path, Path, Path], tmp_path: Path
) -> None:
    """Paper P taken out of the count at 一团 and fed again on the main laptop; paper Q
    taken out here and scanned at 一团 too. Merged, the second image of each counted at once
    (a withdrawn sheet was no sheet a serial could clash with): now it is held for a person,
    the withdrawn one stays out, and the import names the serials."""
    m, a, _ = setup
    with open_election_file(a, "计票人") as db:
        p_there, q_there = rows.add_sheets(
            db, 2, serials=["SERIALP001", "SERIALQ001"], image_seed="a"
        )
    with open_election_file(m, "计票人") as db:
        p_here, q_here = rows.add_sheets(
            db, 2, serials=["SERIALP001", "SERIALQ001"], image_seed="m"
        )
    _withdraw(a, p_there.id)
    _withdraw(m, q_here.id)
    r = do_import(m, export(a, tmp_path / "r.zip"))
    assert sorted(r.serial_conflicts) == ["SERIALP001", "SERIALQ001"]
    assert any("SERIALP001" in en and "stays out" in en for _, en in r.notes), r.notes
    assert _status(m, p_here.id) == ("review", [pk.SERIAL_CONFLICT])
    assert _status(m, f"一团/{p_there.id}")[0] == "duplicate"
    assert _status(m, f"一团/{q_there.id}") == ("review", [pk.SERIAL_CONFLICT])
    assert _status(m, q_here.id)[0] == "duplicate"
    with open_election_file(m, "x") as db:
        doc = counting.tally(db, "WY")
        assert (doc["valid_ballots"], doc["pending_review"]) == (0, 2)
        assert sorted(w["state"] for w in doc["withdrawn"]) == ["withdrawn", "withdrawn"]
        assert verify_station_records(db) == []


def test_a_withdrawal_one_laptop_settled_otherwise_goes_back_to_review(
    setup: tuple[Path, Path, Path], tmp_path: Path
) -> None:
    """A withdrawal proposed at 一团 and confirmed here, which 一团 then dropped (put back,
    confirmed there); and the mirror, a sheet taken out here that 一团 took out and put back.
    Merged, each stayed out here while listed as "restored" — neither put back nor
    decidable: a ballot lost, the round stuck. Now each goes back to review with both
    outcomes, the import says so, and a person settles it."""
    m, a, _ = setup
    with open_election_file(a, "计票人") as db:
        y, z = rows.add_sheets(db, 2)
        counting.withdraw(db, "WY", 1, sheet=y.id, reason="非本轮", by=SCRUTINEER)
    do_import(m, export(a, tmp_path / "r1.zip", done=False))
    with open_election_file(m, "监票人") as db:
        counting.confirm_withdrawal(db, "WY", 1, sheet=f"一团/{y.id}", by=CHIEF)
    _withdraw(m, f"一团/{z.id}", reason="多出的一张")
    with open_election_file(a, "监票人") as db:
        counting.restore(db, "WY", 1, sheet=y.id, reason="看错了", by=SCRUTINEER)
        counting.confirm_withdrawal(db, "WY", 1, sheet=y.id, by=CHIEF)
        counting.withdraw(db, "WY", 1, sheet=z.id, reason="x", by=SCRUTINEER)
        counting.confirm_withdrawal(db, "WY", 1, sheet=z.id, by=CHIEF)
        counting.restore(db, "WY", 1, sheet=z.id, reason="y", by=SCRUTINEER)
        counting.confirm_withdrawal(db, "WY", 1, sheet=z.id, by=CHIEF)
        assert counting.tally(db, "WY")["valid_ballots"] == 2
    r = do_import(m, export(a, tmp_path / "r2.zip"))
    assert sorted(r.disagreements) == sorted([f"一团/{y.id}", f"一团/{z.id}"])
    said = " ".join(en for _, en in r.notes)
    assert "here taken out of the count (非本轮" in said and "多出的一张" in said, said
    for sheet in (y, z):
        assert _status(m, f"一团/{sheet.id}") == ("review", ["station_disagrees"])
    with open_election_file(m, "监票人") as db:
        held = {i["sheet"]: i for i in counting.review_list(db)}
        assert set(held) == {f"一团/{y.id}", f"一团/{z.id}"}
        listed = {(w["sheet"], w["state"]) for w in counting.withdrawn_list(db)}
        assert (f"一团/{y.id}", "held") in listed and (f"一团/{z.id}", "held") in listed
        assert counting.tally(db, "WY")["pending_review"] == 2
        # a person settles each: one counts, one is taken out again
        counting.decide(db, f"一团/{y.id}", accept=True, by="郭红")
        counting.confirm(db, f"一团/{y.id}", by=SCRUTINEER)
        _ = counting.withdraw(db, "WY", 1, sheet=f"一团/{z.id}", reason="确是多出的", by=SCRUTINEER)
        counting.confirm_withdrawal(db, "WY", 1, sheet=f"一团/{z.id}", by=CHIEF)
        doc = counting.tally(db, "WY")
        assert (doc["valid_ballots"], doc["pending_review"]) == (1, 0)
        assert [(w["sheet"], w["state"]) for w in doc["withdrawn"]] == [
            (f"一团/{z.id}", "withdrawn")
        ]
        assert verify_station_records(db) == []
    # the station sends the same again: nothing is held again
    again = do_import(m, export(a, tmp_path / "r3.zip"))
    assert again.disagreements == []


def test_a_sheet_counted_here_and_withdrawn_at_its_station_goes_back_to_review(
    setup: tuple[Path, Path, Path], tmp_path: Path
) -> None:
    """A sheet 一团 held, decided and confirmed here; 一团 meanwhile took it out of the
    count. Merged, it counted here while the result listed it "taken out of the count":
    now it goes back to review with both outcomes."""
    m, a, _ = setup
    with open_election_file(a, "计票人") as db:
        (s,) = rows.add_sheets(db, 1, status="review", marks="AANDN")
    do_import(m, export(a, tmp_path / "r1.zip", done=False))
    with open_election_file(m, "监票人") as db:
        counting.decide(db, f"一团/{s.id}", accept=True, by="郭红")
        counting.confirm(db, f"一团/{s.id}", by=SCRUTINEER)
        assert counting.tally(db, "WY")["valid_ballots"] == 1
    _withdraw(a, s.id)
    r = do_import(m, export(a, tmp_path / "r2.zip"))
    assert r.disagreements == [f"一团/{s.id}"]
    assert any("taken out of the count (不是本轮的选票" in en for _, en in r.notes), r.notes
    status, reasons = _status(m, f"一团/{s.id}")
    assert status == "review" and "station_disagrees" in reasons
    with open_election_file(m, "x") as db:
        doc = counting.tally(db, "WY")
        assert (doc["valid_ballots"], doc["pending_review"]) == (0, 1)
        assert [w["state"] for w in doc["withdrawn"]] == ["held"]
    # A person decides it counts: the station's withdrawal is settled otherwise — no longer
    # listed as out of the count (the result paper printed it "taken out" while it counted).
    with open_election_file(m, "监票人") as db:
        counting.decide(db, f"一团/{s.id}", accept=True, by="郭红")
        counting.confirm(db, f"一团/{s.id}", by=SCRUTINEER)
        doc = counting.tally(db, "WY")
        assert (doc["valid_ballots"], doc["pending_review"]) == (1, 0)
        assert not doc.get("withdrawn"), doc.get("withdrawn")
        (w,) = counting.withdrawn_list(db)
        assert (w["state"], w["restored_by"]) == ("restored", "郭红"), w


def test_a_label_withdrawn_here_entered_again_at_its_station_is_held(
    setup: tuple[Path, Path, Path], tmp_path: Path
) -> None:
    """一团's A-002, entered once (the paper entered again as A-02), taken out here; 一团's
    second clerk, never told, enters A-002 as well. Merged, it counted: one paper twice,
    A-002 still listed as taken out. Now the sheet is held, the import names the label,
    and a scrutineer takes it out — or decides it and puts the label back."""
    m, a, _ = setup
    with open_election_file(a, "计票人") as db:
        for who in ("计票甲", "计票乙"):
            counting.manual_entry(db, "WY", 1, "A-001", {"c01": "agree"}, by=who)
            counting.manual_entry(db, "WY", 1, "A-02", {"c02": "agree"}, by=who)
        counting.manual_entry(db, "WY", 1, "A-002", {"c02": "agree"}, by="计票甲")
    do_import(m, export(a, tmp_path / "r1.zip", done=False))
    with open_election_file(m, "监票人") as db:
        counting.withdraw(db, "WY", 1, label="一团/A-002", reason="已按 A-02 录入", by=SCRUTINEER)
        counting.confirm_withdrawal(db, "WY", 1, label="一团/A-002", by=CHIEF)
    with open_election_file(a, "计票人") as db:
        counting.manual_entry(db, "WY", 1, "A-002", {"c02": "agree"}, by="计票乙")
    r = do_import(m, export(a, tmp_path / "r2.zip"))
    sheet = "一团/manual:WY:1:A-002"
    assert _status(m, sheet) == ("review", ["label_withdrawn"])
    assert r.withdrawn_labels == ["一团/A-002"]
    assert r.to_json("en")["withdrawn_labels"] == ["一团/A-002"]
    with open_election_file(m, "x") as db:
        doc = counting.tally(db, "WY")
        assert (doc["valid_ballots"], doc["pending_review"]) == (2, 1)
    keep = tmp_path / "kept.huanjie"
    shutil.copy(m, keep)
    with open_election_file(m, "监票人") as db:  # the paper counts as A-02: this one out
        counting.withdraw(db, "WY", 1, label="一团/A-002", reason="同一张纸", by=SCRUTINEER)
        counting.confirm_withdrawal(db, "WY", 1, label="一团/A-002", by=CHIEF)
        doc = counting.tally(db, "WY")
        assert (doc["valid_ballots"], doc["pending_review"]) == (2, 0)
    with open_election_file(keep, "监票人") as db:  # taking it out was the mistake
        counting.decide(db, sheet, accept=True, by="郭红")
        counting.confirm(db, sheet, by=SCRUTINEER)
        counting.restore(db, "WY", 1, label="一团/A-002", reason="撤错了", by=SCRUTINEER)
        doc = counting.tally(db, "WY")
        assert (doc["valid_ballots"], doc["pending_review"], doc.get("withdrawn")) == (3, 0, None)


def _label_held_here(setup: tuple[Path, Path, Path], tmp_path: Path) -> tuple[Path, str]:
    """一团's A-002 entered once, taken out here, then entered again at 一团 and imported:
    its sheet is held here (label_withdrawn). The main file and the sheet."""
    m, a, _ = setup
    with open_election_file(a, "计票人") as db:
        for who in ("计票甲", "计票乙"):
            counting.manual_entry(db, "WY", 1, "A-001", {"c01": "agree"}, by=who)
            counting.manual_entry(db, "WY", 1, "A-02", {"c02": "agree"}, by=who)
        counting.manual_entry(db, "WY", 1, "A-002", {"c02": "agree"}, by="计票甲")
    do_import(m, export(a, tmp_path / "r1.zip", done=False))
    with open_election_file(m, "监票人") as db:
        counting.withdraw(db, "WY", 1, label="一团/A-002", reason="已按 A-02 录入", by=SCRUTINEER)
        counting.confirm_withdrawal(db, "WY", 1, label="一团/A-002", by=CHIEF)
    with open_election_file(a, "计票人") as db:
        counting.manual_entry(db, "WY", 1, "A-002", {"c02": "agree"}, by="计票乙")
    do_import(m, export(a, tmp_path / "r2.zip"))
    sheet = "一团/manual:WY:1:A-002"
    assert _status(m, sheet) == ("review", ["label_withdrawn"])
    return m, sheet


def test_a_label_taken_out_and_then_its_sheet_are_one_paper_listed_once(
    setup: tuple[Path, Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A-002 taken out here as entered once, its second entry made at 一团 since, and its
    sheet taken out too: one paper, listed twice — by `review withdrawn` and under the
    result — as "hand entry 一团/A-002" and "hand entry A-002". Now once, as its sheet,
    by the label the main laptop knows it by, the label's withdrawal kept with it."""
    m, sheet = _label_held_here(setup, tmp_path)
    with open_election_file(m, "监票人") as db:
        counting.withdraw(db, "WY", 1, label="一团/A-002", reason="同一张纸", by=SCRUTINEER)
        counting.confirm_withdrawal(db, "WY", 1, label="一团/A-002", by=CHIEF)
        listed = counting.withdrawn_list(db, "WY")
        assert [(w["label"], w["sheet"], w["state"]) for w in listed] == [
            ("一团/A-002", sheet, "withdrawn")
        ]
        (earlier,) = listed[0]["label_withdrawals"]
        assert (earlier["reason"], earlier["state"]) == ("已按 A-02 录入", "withdrawn")
        doc = counting.tally(db, "WY")
        assert [(w["label"], w["sheet"]) for w in doc["withdrawn"]] == [("一团/A-002", sheet)]
    capsys.readouterr()
    assert main(["--lang", "en", "review", "withdrawn", str(m)]) == 0
    out = capsys.readouterr().out
    assert out.count("A-002") == 1 and "1 in all" in out, out


def test_a_label_put_back_that_has_its_sheet_is_said_as_it_stands(
    setup: tuple[Path, Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A label taken out here whose second entry 一团 made since, put back (--restore): the
    command said it "awaits its second entry again" — it has both, its sheet held for
    review, or counted once decided. Now it says which."""
    m, sheet = _label_held_here(setup, tmp_path)
    decided = tmp_path / "decided.huanjie"
    shutil.copy(m, decided)
    restore = ["--lang", "en", "review", "withdraw", "--contest", "WY", "--label", "一团/A-002"]
    restore += ["--restore", "--reason", "撤错了", "--by", SCRUTINEER]
    capsys.readouterr()
    assert main([*restore[:4], str(m), *restore[4:]]) == 0
    out = capsys.readouterr().out
    assert "second entry again" not in out and f"sheet {sheet} is held for review" in out, out
    with open_election_file(decided, "监票人") as db:
        counting.decide(db, sheet, accept=True, by="郭红")
        counting.confirm(db, sheet, by=SCRUTINEER)
    assert main([*restore[:4], str(decided), *restore[4:]]) == 0
    out = capsys.readouterr().out
    assert "second entry again" not in out and f"counts as sheet {sheet}" in out, out
    with open_election_file(decided, "x") as db:
        assert counting.tally(db, "WY")["valid_ballots"] == 3


def test_withdrawals_put_back_before_a_sheet_was_held_stay_put_back(
    setup: tuple[Path, Path, Path], tmp_path: Path
) -> None:
    """A sheet taken out here and put back (both confirmed), taken out again, while 一团
    counted it: held, every confirmed withdrawal of it was listed "held" — the one put back
    long before too. Now that one is "restored", the last "held"."""
    m, a, _ = setup
    with open_election_file(a, "计票人") as db:
        (s,) = rows.add_sheets(db, 1, status="review", marks="AANDN")
    do_import(m, export(a, tmp_path / "r1.zip", done=False))
    sheet = f"一团/{s.id}"
    _withdraw(m, sheet, reason="第一次")
    with open_election_file(m, "监票人") as db:
        counting.restore(db, "WY", 1, sheet=sheet, reason="撤错了", by=SCRUTINEER)
        counting.confirm_withdrawal(db, "WY", 1, sheet=sheet, by=CHIEF)
    _withdraw(m, sheet, reason="第二次")
    with open_election_file(a, "监票人") as db:
        counting.decide(db, s.id, accept=True, by="郭红")
        counting.confirm(db, s.id, by=SCRUTINEER)
    r = do_import(m, export(a, tmp_path / "r2.zip"))
    assert r.disagreements == [sheet]
    with open_election_file(m, "x") as db:
        listed = [(w["reason"], w["state"]) for w in counting.withdrawn_list(db, "WY")]
        assert listed == [("第一次", "restored"), ("第二次", "held")], listed
        assert [w["state"] for w in counting.tally(db, "WY")["withdrawn"]] == ["held"]


# --- a station laptop still out: provisional, nobody elected ----------------------------------


def test_a_station_still_out_keeps_the_round_provisional_and_nobody_elected(
    setup: tuple[Path, Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """二团 had sent nothing (later: a package without --done whose box happened to balance),
    12 of 12 ballots in from 一团: the tally said "final" with two people elected, the text
    tally "status: final", the result paper 最终结果 — only a warning named 二团, and a tired
    room could announce it. While a station laptop is out the round is provisional (reason
    ``stations_waiting``, said in words: which station, what to do), nobody is elected; a
    recorded decision to certify without it still certifies; the station's own tally is a
    station's count as before."""
    m, a, b = setup
    for u in ("U01", "U02"):
        assert main(["checkin", str(m), "--unit", u, "--all"]) == 0
    with open_election_file(a, "计票人") as db:
        rows.set_box(db, "箱1", 12, 12)
        rows.add_sheets(db, 12)
    do_import(m, export(a, tmp_path / "a.zip"))

    def tally_json(f: Path) -> dict[str, Any]:
        capsys.readouterr()
        assert main(["--lang", "en", "tally", str(f), "--contest", "WY", "--json"]) == 0
        out: dict[str, Any] = json.loads(capsys.readouterr().out)
        return out

    doc = tally_json(m)
    assert doc["status"] == "provisional" and "stations_waiting" in doc["reasons"], doc
    assert doc["elected"] == [] and doc["valid_ballots"] == 12, doc
    # (the keys other tools read stay)
    assert "stations_silent" in doc["warnings"] and doc["stations_silent"] == ["二团"], doc
    assert main(["--lang", "en", "tally", str(m), "--contest", "WY"]) == 0
    out = capsys.readouterr().out
    assert "status: provisional (stations_waiting)" in out, out
    assert "still waits for the count of station laptop(s) 二团" in out, out
    assert "--without-station 二团" in out and "huanjie results import" in out, out
    assert main(["tally", str(m), "--contest", "WY"]) == 0
    out = capsys.readouterr().out
    assert "状态：未确认（临时结果）" in out and "本轮还在等分团计票机 二团" in out, out
    from huanjie_desktop.reports.tally_pdf import TallySheet

    said = " ".join(TallySheet(doc, {}).conclusion())
    assert "暂不宣布当选" in said and "本轮还在等分团计票机 二团" in said, said
    assert "--without-station 二团" in said, said

    # a package without --done whose box balances: still out
    with open_election_file(b, "计票人") as db:
        rows.set_box(db, "二团箱", 2, 2)
        rows.add_sheets(db, 2, image_seed="b")
    do_import(m, export(b, tmp_path / "b-part.zip", done=False))
    doc = tally_json(m)
    assert doc["collected"] == 14 and doc["valid_ballots"] == 14, doc
    assert doc["status"] == "provisional" and doc["reasons"] == ["stations_waiting"], doc
    assert doc["elected"] == [] and doc["stations_unfinished"] == ["二团"], doc

    # the station laptop's own tally: a station's count, nothing waited for there
    own = tally_json(b)
    assert own["reasons"][0] == "station_count" and "stations_waiting" not in own["reasons"]

    # certifying without it (a recorded decision) still certifies, with those elected
    copy = tmp_path / "copy.huanjie"
    shutil.copy(m, copy)
    assert main(["--lang", "en", "certify", str(copy), "--contest", "WY", "--round", "1",
                 "--by", "罗兰", "--without-station", "二团"]) == 0  # fmt: skip
    doc = tally_json(copy)
    assert doc["certification"]["without_stations"] == ["二团"], doc
    assert doc["status"] == "final" and len(doc["elected"]) == 2, doc

    # its package with --done: final, those elected
    do_import(m, export(b, tmp_path / "b-done.zip"))
    doc = tally_json(m)
    assert doc["status"] == "final" and doc["reasons"] == [] and len(doc["elected"]) == 2, doc


def test_a_package_of_a_station_certified_without_says_so(
    setup: tuple[Path, Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The round was certified --without-station 一团; 一团's package then came: it was
    refused with "The station changed a round frozen here" and advice to export under a new
    station name. It says the round was certified without that station (when, by whom), that
    its ballots are not in that round's result, and that nothing is left to do for it."""
    m, a, b = setup
    with open_election_file(a, "计票人") as db:
        rows.set_box(db, "1", 3, 3)
        rows.add_sheets(db, 3)
    with open_election_file(b, "计票人") as db:
        rows.set_box(db, "2", 2, 2)
        rows.add_sheets(db, 2, image_seed="b")
    do_import(m, export(b, tmp_path / "b.zip"))
    pkg = export(a, tmp_path / "a.zip")
    assert main(["certify", str(m), "--contest", "WY", "--round", "1", "--by", "罗兰",
                 "--without-station", "一团"]) == 0  # fmt: skip
    before = snapshot(m)
    capsys.readouterr()
    assert main(["--lang", "en", "results", "import", str(m), str(pkg)]) != 0
    err = capsys.readouterr().err
    assert "WY round 1 was certified and frozen on" in err and "by 罗兰" in err, err
    assert "without station laptop 一团" in err and "the 3 ballot(s)" in err, err
    assert "nothing can be done for it" in err and "ballot papers" in err, err
    assert "changed a round frozen here" not in err and "NEW-NAME" not in err, err
    assert "cannot be added." not in err, err  # (said once for the round, not per record)
    assert snapshot(m) == before
    assert main(["results", "import", str(m), str(pkg)]) != 0
    err = capsys.readouterr().err
    assert "确认时决定不等分团计票机“一团”" in err and "3 张选票不在该轮的结果中" in err, err


def _printed_pages(tmp_path: Path, m: Path, count: int) -> tuple[list[Path], list[str]]:
    """``count`` WY round 1 ballots printed from ``m``, each rendered unmarked to a PNG."""
    import cv2

    from huanjie_desktop.app.ballots import print_ballots
    from tests.test_recognition import render

    with open_election_file(m, "管理员") as db:
        serials = list(print_ballots(db, "WY", 1, count, tmp_path / "b.pdf").serials)
    pngs = []
    for n, page in enumerate(render(tmp_path / "b.pdf"), start=1):
        png = tmp_path / f"p{n}.png"
        cv2.imwrite(str(png), page)
        pngs.append(png)
    return pngs, serials


def test_a_candidate_added_and_put_back_after_an_old_ballot_was_refused_here(
    tmp_path: Path,
) -> None:
    """Ballots printed, 一团's package made, then a candidate added on the main laptop: 一团's
    results are refused ("put the change back as it was … and import again"). The main
    laptop had meanwhile scanned one of its own old ballots — refused, its code carrying the
    old definition. That refusal is no counting begun: the candidate can be taken off again
    (it was refused: "counting has started"), the old ballot scanned again is read afresh
    and counts (it was "already stored", rejected), and 一团's package is taken."""
    from huanjie_desktop.app import prepare
    from huanjie_desktop.domain.model import SheetStatus

    m = init_main(tmp_path)
    (mine, theirs), _ = _printed_pages(tmp_path, m, 2)
    a = make_station(tmp_path, m, "一团")
    with open_election_file(a, "计票人") as db:
        (got,) = scan_paths(db, [theirs], workers=1)
        assert got.status is SheetStatus.COUNTED, got
        rows.set_box(db, "一团箱", 1, 1)
    pkg = export(a, tmp_path / "a.zip")
    with open_election_file(m, "管理员") as db:
        added = prepare.add_candidate(db, "WY", person="P013")
    with pytest.raises(PackageRejected) as exc:
        do_import(m, pkg)
    assert [p.code for p in exc.value.problems] == ["definition_changed"]
    with open_election_file(m, "计票人") as db:
        (old,) = scan_paths(db, [mine], workers=1)
        assert old.status is SheetStatus.REJECTED and old.reasons == ("wrong_fingerprint",)
    with open_election_file(m, "管理员") as db:
        prepare.delete_candidate(db, "WY", added.code)  # (refused before: counting started)
    with open_election_file(m, "计票人") as db:
        (again,) = scan_paths(db, [mine], workers=1)
        assert not again.already_stored, again
        assert again.status is SheetStatus.COUNTED, again
        assert db.con.execute("SELECT count(*) FROM sheets").fetchone()[0] == 1
        rows.set_box(db, "主机箱", 1, 1)
        # the same page read again, still of this definition: the stored reading stands
        (same,) = scan_paths(db, [mine], workers=1)
        assert same.already_stored and same.status is SheetStatus.COUNTED
    assert do_import(m, pkg).added.get("sheet") == 1
    with open_election_file(m, "x") as db:
        assert counting.tally(db, "WY")["valid_ballots"] == 2


def test_an_old_ballot_refused_stays_refused_while_the_definition_differs(
    tmp_path: Path,
) -> None:
    """Scanned again with the added candidate still on the list, an old ballot's refusal is
    the one stored (not read as new each time); a candidate still cannot be added once a
    sheet counts or waits for review."""
    from huanjie_desktop.app import prepare
    from huanjie_desktop.domain.definition import DefinitionRefused
    from huanjie_desktop.domain.model import SheetStatus

    m = init_main(tmp_path)
    (first, second), _ = _printed_pages(tmp_path, m, 2)
    with open_election_file(m, "管理员") as db:
        added = prepare.add_candidate(db, "WY", person="P013")
    with open_election_file(m, "计票人") as db:
        (r1,) = scan_paths(db, [first], workers=1)
        (r2,) = scan_paths(db, [first], workers=1)
        assert r1.status is r2.status is SheetStatus.REJECTED
        assert r2.already_stored and r2.sheet_id == r1.sheet_id
    with open_election_file(m, "管理员") as db:
        prepare.delete_candidate(db, "WY", added.code)
    with open_election_file(m, "计票人") as db:
        (r3,) = scan_paths(db, [second], workers=1)
        assert r3.status is SheetStatus.COUNTED
    with open_election_file(m, "管理员") as db, pytest.raises(DefinitionRefused) as exc:
        prepare.add_candidate(db, "WY", person="P013")
    assert [p.code for p in exc.value.problems] == ["counting"]


@pytest.mark.parametrize("name", ["manual", " Manual ", "MANUAL", "main", " Main"])
def test_a_station_is_not_named_as_this_laptops_own_records(tmp_path: Path, name: str) -> None:
    """The main laptop's hand entries are stored under station "manual" (its scans under
    "main"): a station so named would be merged with them — main's hand entry credited to
    it, its silence unseen. Refused, in any case and with spaces around."""
    m = init_main(tmp_path)
    with open_election_file(m, "管理员") as db, refused("not 'main' or 'manual'"):
        export_station(db, name, tmp_path / "x.zip")
    assert not (tmp_path / "x.zip").exists()


def test_a_ballot_entered_by_hand_here_and_scanned_at_a_station_is_said_so(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """One paper entered by hand (by its serial) on the main laptop and scanned at 一团: both
    held for review — as the same serial twice, not as "different images (a photocopy, or
    scanned twice)": a hand entry has no image. The codes (and the JSON) stay as they were."""
    m = init_main(tmp_path)
    (page,), (serial,) = _printed_pages(tmp_path, m, 1)
    a = make_station(tmp_path, m, "一团")
    with open_election_file(a, "计票人") as db:
        (got,) = scan_paths(db, [page], workers=1)
        assert got.serial == serial
    for by in ("甲", "乙"):
        argv = ["manual", str(m), "--contest", "WY", "--serial", serial, "--mark", "c01=agree"]
        assert main([*argv, "--by", by]) == 0
    do_import(m, export(a, tmp_path / "a.zip"))
    capsys.readouterr()
    assert main(["--lang", "en", "review", "list", str(m)]) == 0
    out = capsys.readouterr().out
    assert out.count("serial_conflict") == 2, out
    assert "photocopy" not in out, out
    assert out.count("this serial was entered by hand and also scanned") == 2, out
    assert main(["review", "list", str(m), "--json"]) == 0
    items = json.loads(capsys.readouterr().out)
    assert [i["reasons"] for i in items] == [["serial_conflict"]] * 2


def test_a_ballot_entered_by_hand_then_scanned_on_one_laptop_is_said_so(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The same on one laptop: entered by hand by its serial, then the paper scanned."""
    m = init_main(tmp_path)
    (page,), (serial,) = _printed_pages(tmp_path, m, 1)
    for by in ("甲", "乙"):
        argv = ["manual", str(m), "--contest", "WY", "--serial", serial, "--mark", "c01=agree"]
        assert main([*argv, "--by", by]) == 0
    with open_election_file(m, "计票人") as db:
        (got,) = scan_paths(db, [page], workers=1)
        assert got.reasons == ("serial_conflict",), got
    capsys.readouterr()
    assert main(["review", "list", str(m)]) == 0
    out = capsys.readouterr().out
    assert out.count("既有手工录入、又有扫描") == 2 and "复印件" not in out, out
    # (the hand entry's marks are what a person entered, not a machine's reading)
    assert out.count("手工录入：c01=") == 1 and out.count("机器读数：c01=") == 1, out
    assert main(["review", "list", str(m), "--json"]) == 0
    items = json.loads(capsys.readouterr().out)
    assert sorted(i["source"] for i in items) == ["manual", "scan"], items
