"""Backups and restore: SQLite backup API, rolling automatic backups, same-election checks."""

from __future__ import annotations

import errno
import json
import shutil
import sqlite3
from pathlib import Path
from typing import Any

import cv2
import pytest

from huanjie_desktop.app import backup as bk
from huanjie_desktop.app.accounts import Role, add_account, authenticate
from huanjie_desktop.cli.main import main
from huanjie_desktop.storage import stations_repo as srepo
from huanjie_desktop.storage.db import ElectionFileError, open_election_file, verify_audit_chain
from tests import station_rows as rows
from tests.test_recognition import print_all
from tests.test_stations import init_main


def checkins(path: Path) -> int:
    return rows.count(path, "checkins")


def test_backup_restore_round_trip(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    f = init_main(tmp_path)
    assert main(["checkin", str(f), "--person", "P001"]) == 0
    capsys.readouterr()
    assert main(["backup", str(f), "--json"]) == 0
    saved = Path(json.loads(capsys.readouterr().out)["backup"])
    assert saved.parent == f.with_name(f.name + ".backups") and saved.name.endswith(
        "-manual.huanjie"
    )
    assert main(["checkin", str(f), "--person", "P002", "P003"]) == 0
    assert checkins(f) == 3
    capsys.readouterr()
    assert main(["restore", str(f), str(saved), "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert checkins(f) == 1
    kept = Path(out["kept"])
    assert checkins(kept) == 3  # the file as it was is kept
    with open_election_file(f, "x") as db:
        assert verify_audit_chain(db.con) is None
        events = [r[0] for r in db.con.execute("SELECT event FROM audit")]
        assert events[-1] == "backup.restored"
    assert main(["verify", str(f)]) == 0


def test_backup_to_another_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    f = init_main(tmp_path)
    usb = tmp_path / "usb"
    assert main(["backup", str(f), "--to", str(usb)]) == 0
    (saved,) = usb.iterdir()
    bk.check_backup(saved)


def test_rolling_limit_keeps_manual_ones(tmp_path: Path) -> None:
    f = init_main(tmp_path)
    with open_election_file(f, "x") as db:
        manual = bk.make_backup(db, reason="before-vote")
        made = [bk.auto_backup(db, f"batch {i}") for i in range(bk.AUTO_KEEP + 3)]
    found = bk.list_backups(f)
    autos = [b.path for b in found if b.kind == "auto"]
    assert autos == made[-bk.AUTO_KEEP :]
    assert [b.path for b in found if b.kind == "manual"] == [manual]
    assert not any(p.name.endswith(".part") for p in bk.backup_dir(f).iterdir())


def test_restore_refuses_other_elections_and_junk(tmp_path: Path) -> None:
    f = init_main(tmp_path)
    twin = init_main(tmp_path, "twin")  # same definition, another election file
    with open_election_file(twin, "x") as db:
        other = bk.make_backup(db)
    before = f.read_bytes()
    with pytest.raises(ElectionFileError) as exc:
        bk.restore(f, other, "x")
    assert "not a backup of this election" in exc.value.en
    junk = tmp_path / "junk.huanjie"
    junk.write_bytes(b"SQLite format 3\x00" + b"\x00" * 200)
    with pytest.raises(ElectionFileError):
        bk.restore(f, junk, "x")
    assert f.read_bytes() == before


def test_restore_needs_the_right_to_and_checks_the_backup_chain(tmp_path: Path) -> None:
    import sqlite3

    f = init_main(tmp_path)
    with open_election_file(f, "x") as db:
        saved = bk.make_backup(db)
        add_account(db, "admin", Role.ADMIN, "admin pw", None)
        add_account(db, "计票人", Role.COUNTER, "counter pw", authenticate(db, "admin", "admin pw"))
        counter = authenticate(db, "计票人", "counter pw")
    with pytest.raises(ElectionFileError) as exc:
        bk.restore(f, saved, "计票人", counter)
    assert "may not restore" in exc.value.en
    con = sqlite3.connect(str(saved))
    con.execute("DROP TRIGGER audit_no_update")
    con.execute("UPDATE audit SET detail = '{}' WHERE seq = 1")
    con.commit()
    con.close()
    with pytest.raises(ElectionFileError) as exc:
        bk.check_backup(saved)
    assert "audit log" in exc.value.en


def test_a_backup_with_records_changed_outside_the_app_is_not_restored(
    tmp_path: Path,
) -> None:
    """A backup whose rows were edited with sqlite3 (their seals stale) was restored —
    "restored, exit 0" — and only a later verify said so."""
    import sqlite3

    f = init_main(tmp_path)
    with open_election_file(f, "x") as db:
        saved = bk.make_backup(db)
    bk.check_backup(saved)  # as the app wrote it: sound
    con = sqlite3.connect(str(saved))
    con.execute("UPDATE contests SET seats = seats + 1")
    con.commit()
    con.close()
    with pytest.raises(ElectionFileError) as exc:
        bk.restore(f, saved, "x")
    assert "changed outside the app" in exc.value.en and "另一份备份" in exc.value.zh


def test_restore_over_a_damaged_file(tmp_path: Path) -> None:
    f = init_main(tmp_path)
    with open_election_file(f, "x") as db:
        saved = bk.auto_backup(db, "after batch")
    f.write_bytes(b"this is not a database any more" * 100)
    r = bk.restore(f, saved, "x")
    assert r.kept.name.startswith(f.name + ".damaged-")
    with open_election_file(f, "x") as db:
        assert verify_audit_chain(db.con) is None
    # from elsewhere than the file's own backup folder: refused, the file is left alone
    f.write_bytes(b"broken again")
    stranger = tmp_path / "elsewhere.huanjie"
    stranger.write_bytes(saved.read_bytes())
    with pytest.raises(ElectionFileError) as exc:
        bk.restore(f, stranger, "x")
    assert "does not look like one of its backups" in exc.value.en, exc.value.en
    assert f.read_bytes() == b"broken again"
    # ... but one of its own copied to a stick with backup --to is its own: it was refused
    # with "restore it from a backup (huanjie restore)", the command just given
    shutil.copy(saved, tmp_path / "copy.huanjie")
    with open_election_file(tmp_path / "copy.huanjie", "x") as db:
        on_stick = bk.make_backup(db, to=tmp_path / "usb")
    on_stick = on_stick.rename(on_stick.with_name(on_stick.name.replace("copy-", f"{f.stem}-")))
    whole = saved.read_bytes()
    f.write_bytes(whole[: len(whole) // 2])  # (cut short: a stick pulled while copying)
    with pytest.raises(ElectionFileError) as exc:
        open_election_file(f, "x")
    assert f"{f.name}.backups" in exc.value.en and "backup --to" in exc.value.en
    r = bk.restore(f, on_stick, "x")
    with open_election_file(f, "x") as db:
        assert verify_audit_chain(db.con) is None


def test_no_backup_inside_a_transaction(tmp_path: Path) -> None:
    f = init_main(tmp_path)
    with open_election_file(f, "x") as db, db.transaction(), pytest.raises(RuntimeError):
        bk.auto_backup(db, "x")


def test_restore_refuses_to_undo_a_certified_result_unless_told(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    f = init_main(tmp_path)
    capsys.readouterr()
    assert main(["backup", str(f), "--json"]) == 0
    saved = Path(json.loads(capsys.readouterr().out)["backup"])
    with open_election_file(f, "x") as db:  # (as certify leaves it)
        db.con.execute("UPDATE rounds SET status = 'certified', result_digest = 'ab12' ")
    assert main(["--lang", "en", "restore", str(f), str(saved)]) == 1
    err = capsys.readouterr().err
    assert "older than this file" in err and "--undo-certified" in err
    assert rows.count(f, "rounds", "status = 'certified'") >= 1  # nothing changed
    assert main(["restore", str(f), str(saved), "--undo-certified"]) == 0
    assert rows.count(f, "rounds", "status = 'certified'") == 0
    with open_election_file(f, "x") as db:
        detail = db.con.execute("SELECT detail FROM audit ORDER BY seq DESC LIMIT 1").fetchone()[0]
    assert "undid_certified" in detail


def test_a_clock_set_back_does_not_delete_the_newest_backup(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Rolling backups kept the newest by the time in their names: after the laptop's clock
    was set back, each new backup had the oldest name and was deleted as soon as made."""
    f = init_main(tmp_path)
    with open_election_file(f, "x") as db:
        for _ in range(bk.AUTO_KEEP):
            bk.auto_backup(db, "scan")
        real = bk._target

        def a_day_earlier(folder: Path, path: Path, kind: str, reason: str) -> Path:
            made = real(folder, path, kind, reason)
            return made.with_name(f"{path.stem}-20000101-000000-000000-{kind}-{reason}.huanjie")

        monkeypatch.setattr(bk, "_target", a_day_earlier)
        newest = bk.auto_backup(db, "scan")
        entries = srepo.audit_count(db)
    autos = [b.path for b in bk.list_backups(f) if b.kind == "auto"]
    assert newest in autos and len(autos) == bk.AUTO_KEEP
    assert srepo.history_length(newest) == entries - 1  # all but its own "backup made"


def test_no_restore_while_another_program_has_the_file_open(tmp_path: Path) -> None:
    """A restore while a scan was writing to the file: both said done, and the ballots the
    scan stored before the restore were gone without a word."""
    f = init_main(tmp_path)
    with open_election_file(f, "x") as db:
        saved = bk.make_backup(db)
    scanning = open_election_file(f, "扫描员")  # another window, a scan running
    try:
        before = f.read_bytes()
        with pytest.raises(ElectionFileError) as exc:
            bk.restore(f, saved, "x")
        assert "another window or program" in exc.value.en and "正被另一个窗口" in exc.value.zh
        assert f.read_bytes() == before
    finally:
        scanning.close()
    assert bk.restore(f, saved, "x").backup == saved  # alone with it: restored
    with open_election_file(f, "x") as db:  # and still a WAL file, as the app keeps it
        assert db.con.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_restoring_the_main_laptop_keeps_the_stations_made_after_the_backup(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The main laptop put back to a backup made between two station exports forgot the
    second station without a word: its results package was refused as signed by an unknown
    key, and certify froze the round without its ballots, no --without-station asked."""
    from huanjie_desktop.app import counting
    from tests.test_stations import export, make_station

    m = init_main(tmp_path)
    a = make_station(tmp_path, m, "一团")
    with open_election_file(m, "x") as db:
        saved = bk.make_backup(db)
    b = make_station(tmp_path, m, "二团")
    with open_election_file(a, "计票人") as db:
        rows.add_sheets(db, 2)
        rows.set_box(db, "1", 2, 2)
    with open_election_file(b, "计票人") as db:
        rows.add_sheets(db, 1, image_seed="b")
        rows.set_box(db, "2", 1, 1)
    assert main(["results", "import", str(m), str(export(a, tmp_path / "ra.zip"))]) == 0
    capsys.readouterr()
    assert main(["--lang", "en", "restore", str(m), str(saved)]) == 0
    said = capsys.readouterr().err
    assert "'二团' were made after this backup" in said, said
    assert "'一团' were imported after this backup" in said and "import" in said
    assert main(["restore", str(m), str(saved), "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["kept_stations"] == ["二团"] and out["import_again"] == []
    with open_election_file(m, "x") as db:
        detail = json.loads(
            db.con.execute("SELECT detail FROM audit ORDER BY seq DESC LIMIT 1").fetchone()[0]
        )
        assert detail["kept_stations"] == ["二团"]
        assert [k.name for k in srepo.read_keys(db) if k.role == "station"] == ["一团", "二团"]
    assert main(["results", "import", str(m), str(export(a, tmp_path / "ra2.zip"))]) == 0
    with open_election_file(m, "总监票人") as db:
        with pytest.raises(counting.CountingRefused) as e:
            counting.certify(db, "WY", 1, "罗兰")
        assert "二团" in e.value.zh
    assert main(["results", "import", str(m), str(export(b, tmp_path / "rb.zip"))]) == 0
    with open_election_file(m, "x") as db:
        assert counting.tally(db, "WY")["valid_ballots"] == 3
    assert main(["verify", str(m)]) == 0


def test_a_restore_says_what_this_laptop_recorded_itself_since_the_backup(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """After restoring the main laptop, the stations' packages to import again were named,
    but not the sheets and box counts this laptop had recorded itself since the backup:
    they were simply gone. They are counted now, and where the old file is kept is said."""
    from huanjie_desktop.app import counting
    from tests.test_stations import export, make_station

    m = init_main(tmp_path)
    a = make_station(tmp_path, m, "一团")
    with open_election_file(m, "x") as db:
        rows.set_box(db, "主机箱", 5, 0)
        saved = bk.make_backup(db)
        rows.add_sheets(db, 3)
        rows.set_box(db, "主机箱", 5, 5)  # (changed since: back to 5/0 after the restore)
        rows.set_box(db, "主机箱2", 1, 1)
        counting.manual_entry(db, "WY", 1, "H-1", {"c01": "agree"}, by="甲")
    with open_election_file(a, "计票人") as db:
        rows.add_sheets(db, 2, image_seed="a")
        rows.set_box(db, "一团箱", 2, 2)
    assert main(["results", "import", str(m), str(export(a, tmp_path / "ra.zip"))]) == 0
    capsys.readouterr()
    assert main(["--lang", "en", "restore", str(m), str(saved)]) == 0
    said = capsys.readouterr().err
    assert "'一团' were imported after this backup" in said, said
    assert (
        "Note: 3 sheet(s) (scanned or entered by hand), 1 hand-entered ballot(s) entered once"
        " so far, 2 box count(s) (issued/collected) recorded on this laptop itself after this"
        " backup are no longer in the file." in said
    ), said
    kept = said.split("kept unchanged as ")[1].split(": scan those ballots")[0]
    assert rows.count(Path(kept), "sheets", "station = 'main'") == 3, kept
    detail = json.loads(rows_last_audit(m, "backup.restored"))
    assert detail["lost_here"] == {"sheets": 3, "manual_entries": 1, "box_counts": 2}

    # a station laptop put back too: its own sheets are named the same way
    with open_election_file(a, "x") as db:
        early = bk.make_backup(db)
        rows.add_sheets(db, 1, image_seed="later")
    capsys.readouterr()
    assert main(["restore", str(a), str(early), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["lost_here"] == {
        "sheets": 1,
        "manual_entries": 0,
        "box_counts": 0,
    }


def rows_last_audit(path: Path, event: str) -> str:
    with open_election_file(path, "x") as db:
        return str(
            db.con.execute(
                "SELECT detail FROM audit WHERE event = ? ORDER BY seq DESC LIMIT 1", (event,)
            ).fetchone()[0]
        )


def _damage_table(path: Path, table: str) -> None:
    """Garbage over the first page of a table, as a failing disk leaves it."""
    import sqlite3

    con = sqlite3.connect(path)
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    size = con.execute("PRAGMA page_size").fetchone()[0]
    root = con.execute("SELECT rootpage FROM sqlite_master WHERE name = ?", (table,)).fetchone()[0]
    con.close()
    data = bytearray(path.read_bytes())
    start = (root - 1) * size
    data[start + 8 : start + size] = bytes((i * 37 + 11) % 256 for i in range(size - 8))
    path.write_bytes(bytes(data))


def test_a_damaged_file_is_not_backed_up_as_if_sound(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`huanjie backup` of a damaged election file said "Backed up" and wrote a malformed
    copy, found out only when a restore refused it."""
    f = init_main(tmp_path)
    assert main(["checkin", str(f), "--person", "P001", "P002", "P003"]) == 0
    _damage_table(f, "people")
    capsys.readouterr()
    assert main(["--lang", "en", "backup", str(f)]) == 1
    err = capsys.readouterr().err
    assert f"the election file {f} is damaged" in err and "none was written" in err, err
    assert "huanjie restore" in err
    assert not [p for p in bk.backup_dir(f).glob("*") if p.is_file()]
    with open_election_file(f, "x") as db, pytest.raises(ElectionFileError) as exc:
        bk.auto_backup(db, "scan")
    assert "已损坏" in exc.value.zh and "没有保存这份备份" in exc.value.zh
    assert not [p for p in bk.backup_dir(f).glob("*") if p.is_file()]


def test_a_copy_put_back_by_hand_after_a_crash_is_not_mixed_with_the_crashed_sessions_work(
    tmp_path: Path,
) -> None:
    """The app killed while it had the file open leaves NAME.huanjie-wal; the clerk then copies
    the stick's earlier copy over NAME.huanjie by hand. SQLite laid the -wal's pages over that
    copy: it opened with the check-ins made after it was taken, and verify called it intact."""
    import signal
    import sqlite3
    import subprocess
    import sys

    f = init_main(tmp_path)
    stick = tmp_path / "stick.huanjie"
    shutil.copy(f, stick)  # the copy on the stick, made before the check-ins
    holder = subprocess.Popen(  # the desktop app, holding the file open
        [
            sys.executable,
            "-c",
            "import sys, time\n"
            "from pathlib import Path\n"
            "from huanjie_desktop.storage.db import open_election_file\n"
            "db = open_election_file(Path(sys.argv[1]), 'x')\n"
            "db.con.execute('SELECT 1').fetchone()\n"
            "print('open', flush=True)\n"
            "time.sleep(600)\n",
            str(f),
        ],
        stdout=subprocess.PIPE,
        text=True,
        cwd=Path(__file__).resolve().parent.parent,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "open"
        assert main(["checkin", str(f), "--person", "P001", "P002", "P003"]) == 0
    finally:
        holder.send_signal(signal.SIGKILL)
        holder.wait()
        if holder.stdout is not None:
            holder.stdout.close()
    shutil.copy(stick, f)  # put back by hand, the killed app's -wal and -shm still beside it
    con = sqlite3.connect(f)
    try:
        assert con.execute("SELECT count(*) FROM checkins").fetchone()[0] == 0
    finally:
        con.close()
    assert main(["verify", str(f)]) == 0


def _backups_disk_full(monkeypatch: pytest.MonkeyPatch, pages: int = 4) -> None:
    """The disk the backups go to has room for ``pages`` database pages: SQLite itself then
    fails the copy with SQLITE_FULL ("database or disk is full"), as on a full disk."""
    connect = sqlite3.connect

    def small_disk(target: Any, *args: Any, **kwargs: Any) -> sqlite3.Connection:
        con: sqlite3.Connection = connect(target, *args, **kwargs)
        if str(target).endswith(".huanjie.part"):
            con.execute(f"PRAGMA max_page_count = {pages}")
        return con

    monkeypatch.setattr(sqlite3, "connect", small_disk)


def test_a_full_disk_during_the_backup_after_a_scan_is_no_damage(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Real sheets scanned into a real file, then no room for the automatic backup. It said
    the election file was damaged: "do not count in it, restore an earlier backup" —
    following it threw away the sound work since that backup."""
    printed = print_all(tmp_path / "print", sheets=2)
    folder = tmp_path / "scans"
    folder.mkdir()
    for i, page in enumerate(printed.pages["SY"]):
        ok, enc = cv2.imencode(".png", page)
        assert ok
        (folder / f"{i:03d}.png").write_bytes(enc.tobytes())
    f = printed.path
    backups = bk.backup_dir(f)
    _backups_disk_full(monkeypatch)
    capsys.readouterr()
    assert main(["--lang", "en", "scan", str(f), str(folder), "--workers", "1"]) == 1
    err = capsys.readouterr().err
    assert "the disk is full" in err and str(backups) in err, err
    assert "itself is sound" in err and "do not restore it" in err, err
    assert "is damaged" not in err and "earlier sound backup" not in err, err
    assert list(backups.iterdir()) == []  # no half-written copy left taking room
    monkeypatch.undo()
    assert rows.count(f, "sheets") == 2  # what was read is in the file
    assert main(["verify", str(f)]) == 0  # and the file is sound
    capsys.readouterr()
    # in Chinese too; made by hand once there is room
    with open_election_file(f, "x") as db:
        _backups_disk_full(monkeypatch)
        with pytest.raises(bk.BackupDiskFull) as full:
            bk.make_backup(db)
        monkeypatch.undo()
        assert "磁盘已满" in full.value.zh and "不要从备份恢复" in full.value.zh
        assert "已损坏" not in full.value.zh
        bk.check_backup(bk.make_backup(db))


def test_no_room_for_the_backups_folder_is_no_damage_either(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    f = init_main(tmp_path)

    def no_room(self: Path, *args: Any, **kwargs: Any) -> None:
        raise OSError(errno.ENOSPC, "No space left on device", str(self))

    with open_election_file(f, "x") as db:
        monkeypatch.setattr(Path, "mkdir", no_room)
        with pytest.raises(bk.BackupDiskFull) as full:
            bk.auto_backup(db, "scan")
    assert "the disk is full" not in full.value.zh and "磁盘已满" in full.value.zh
    assert "No space left on device" in full.value.en and "do not restore" in full.value.en
