"""Merging station laptops' counts: a --done stated before a round began, a round's number
present fixed by a station's clock below its ballots, and one box's issued and collected
entered on two laptops (real election files, real packages, the real CLI and app)."""

from __future__ import annotations

import copy
import datetime as dt
import json
import time
from pathlib import Path
from typing import Any

import pytest

from huanjie_desktop.app import counting, stations
from huanjie_desktop.app.ballots import BallotRefused, record_box_count, resolve_box
from huanjie_desktop.app.stations import (
    export_results,
    export_station,
    import_results,
    open_station_package,
)
from huanjie_desktop.cli.main import main
from huanjie_desktop.storage.db import open_election_file
from tests import station_rows as rows
from tests.defs import small_definition


def init_main(tmp_path: Path, contests: tuple[str, ...] = ("WY",)) -> Path:
    d: dict[str, Any] = small_definition()
    first = d["contests"][0]
    d["contests"] = []
    for i, code in enumerate(contests):
        c = copy.deepcopy(first)
        c["code"] = code
        c["title"] = first["title"] + ("" if i == 0 else f"（{code}）")
        d["contests"].append(c)
    src = tmp_path / "main.json"
    src.write_text(json.dumps(d, ensure_ascii=False), encoding="utf-8")
    f = tmp_path / "main.huanjie"
    assert main(["init", str(f), "--from", str(src)]) == 0
    return f


def make_station(tmp_path: Path, main_file: Path, name: str) -> Path:
    pkg = tmp_path / f"station-{name}.zip"
    with open_election_file(main_file, "管理员") as db:
        export_station(db, name, pkg)
    f = tmp_path / f"{name}.huanjie"
    open_station_package(pkg, f, "分团管理员")
    return f


def count_box(
    f: Path, contest: str, box: str, n: int, seed: str, issued: bool = True, collected: bool = True
) -> None:
    """n sheets of a box scanned, and its issued/collected entered (the app's own entry)."""
    with open_election_file(f, "计票人") as db:
        if n and collected:
            rows.add_sheets(db, n, contest=contest, image_seed=seed, batch=f"{seed}.pdf")
        record_box_count(
            db,
            contest,
            None,
            box,
            issued=n if issued else None,
            collected=n if collected else None,
        )


def export(f: Path, out: Path, done: bool = True) -> Path:
    with open_election_file(f, "分团管理员") as db:
        export_results(db, out, images=True, done=done)
    return out


def do_import(main_file: Path, pkg: Path) -> stations.ImportResult:
    with open_election_file(main_file, "管理员") as db:
        return import_results(db, pkg)


def test_a_done_stated_before_a_round_began_does_not_speak_for_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """WY counted first: 一团 exports with --done (WY can then be certified). JW is voted
    afterwards; the main laptop counted its own JW box first. 一团's old --done, stated
    before JW's voting began, was taken as "一团 has no ballots of JW": JW was final, was
    certified, and 一团's JW package was then refused whole — its ballots shut out for
    good. Now JW waits for a package of 一团 made after JW began."""
    m = init_main(tmp_path, ("WY", "JW"))
    assert main(["checkin", str(m), "--unit", "U01", "--all"]) == 0
    assert main(["checkin", str(m), "--unit", "U02", "--all"]) == 0
    a = make_station(tmp_path, m, "一团")
    count_box(a, "WY", "箱一", 3, "a-wy")
    do_import(m, export(a, tmp_path / "a1.zip"))
    count_box(m, "WY", "箱三", 2, "m-wy")
    with open_election_file(m, "总监票人") as db:
        assert counting.tally(db, "WY")["status"] == "final"
        counting.certify(db, "WY", 1, "罗兰")
    # JW is voted now; the main laptop counts its box first
    count_box(m, "JW", "箱三", 2, "m-jw")
    with open_election_file(m, "总监票人") as db:
        doc = counting.tally(db, "JW")
        assert doc["stations_silent"] == ["一团"], doc
        assert "stations_silent" in doc["warnings"], doc
        with pytest.raises(counting.StationsNotReported):
            counting.certify(db, "JW", 1, "罗兰")
        (row,) = [r for r in stations.reconcile(db) if r.station == "一团" and r.contest == "JW"]
        assert row.silent and any(
            "before this round's voting began" in en for _, en in row.problems
        )
    capsys.readouterr()
    assert (
        main(["--lang", "en", "certify", str(m), "--contest", "JW", "--round", "1", "--by", "罗兰"])
        == 1
    )
    assert "have sent nothing of JW round 1" in capsys.readouterr().err
    # 一团 counts its JW box and sends it: JW is whole, and certifies
    count_box(a, "JW", "箱一", 3, "a-jw")
    do_import(m, export(a, tmp_path / "a2.zip"))
    with open_election_file(m, "总监票人") as db:
        doc = counting.tally(db, "JW")
        assert doc["status"] == "final" and not doc["stations_silent"], doc
        assert (doc["issued"], doc["collected"], doc["valid_ballots"]) == (5, 5, 5), doc
        counting.certify(db, "JW", 1, "罗兰")


def test_a_done_with_nothing_of_a_round_made_after_it_began_still_counts(
    tmp_path: Path,
) -> None:
    """A station that truly had no ballots of a round says so with --done once the round
    has begun: the round no longer waits for it (the guide's unused laptop)."""
    m = init_main(tmp_path)
    assert main(["checkin", str(m), "--unit", "U01", "--all"]) == 0
    assert main(["checkin", str(m), "--unit", "U02", "--all"]) == 0
    a = make_station(tmp_path, m, "一团")
    early = export(a, tmp_path / "a-early.zip")  # (before the vote: testing the stick)
    do_import(m, early)
    count_box(m, "WY", "箱三", 2, "m-wy")
    with open_election_file(m, "总监票人") as db:
        assert counting.tally(db, "WY")["stations_silent"] == ["一团"]
    time.sleep(0.01)
    do_import(m, export(a, tmp_path / "a-late.zip"))
    with open_election_file(m, "总监票人") as db:
        doc = counting.tally(db, "WY")
        assert doc["status"] == "final" and not doc["stations_silent"], doc
        counting.certify(db, "WY", 1, "罗兰")


def _late_checkins_scenario(tmp_path: Path) -> tuple[Path, str]:
    """8 of 20 checked in; 一团 and 二团 count their boxes (10 ballots issued and collected);
    then the other 12 check in on the main laptop — as a station clock behind placed the
    station's first record before the late check-ins — and the packages come in."""
    m = init_main(tmp_path)
    assert main(["checkin", str(m), "--person", *[f"P{i:03d}" for i in range(1, 9)]]) == 0
    a = make_station(tmp_path, m, "一团")
    b = make_station(tmp_path, m, "二团")
    count_box(a, "WY", "箱一", 6, "a")
    count_box(b, "WY", "箱二", 4, "b")
    time.sleep(0.01)
    assert main(["checkin", str(m), "--person", *[f"P{i:03d}" for i in range(9, 21)]]) == 0
    # (voting truly began after the late check-ins and before the packages came in: the
    # moment the meeting's record gives, on this laptop's clock, to the second)
    time.sleep(1.1)
    began = dt.datetime.now().strftime("%Y-%m-%d %H:%M:%S")
    time.sleep(1.1)
    pa, pb = export(a, tmp_path / "a.zip"), export(b, tmp_path / "b.zip")
    do_import(m, pa)
    do_import(m, pb)
    return m, began


def test_a_present_count_below_the_ballots_is_never_certified_void_on_a_station_clock(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The round's 实到 was taken at the station's first record: 8 present, quorum not met,
    status void — though 10 ballots were issued and collected (one to each voter present).
    Certify recorded the round void. Now it stays provisional (present_below_ballots) until
    the chief scrutineer settles when voting began, on this laptop's clock (audited)."""
    m, began = _late_checkins_scenario(tmp_path)
    with open_election_file(m, "总监票人") as db:
        doc = counting.tally(db, "WY")
        assert doc["present"] == 8 and doc["issued"] == doc["collected"] == 10, doc
        assert doc["status"] == "provisional", doc
        assert doc["reasons"][:2] == ["quorum_not_met", "present_below_ballots"], doc
    capsys.readouterr()
    assert (
        main(["--lang", "en", "certify", str(m), "--contest", "WY", "--round", "1", "--by", "罗兰"])
        == 1
    )
    err = capsys.readouterr().err
    assert "huanjie round attendance FILE --contest WY --round 1 --voting-began" in err, err
    with open_election_file(m, "总监票人") as db:
        assert counting.tally(db, "WY")["status"] == "provisional"  # (nothing recorded)
    assert (
        main(
            [
                "--lang",
                "en",
                "round",
                "attendance",
                str(m),
                "--contest",
                "WY",
                "--voting-began",
                began,
                "--by",
                "罗兰",
                "--reason",
                "会议记录：投票于此时开始",
            ]
        )
        == 0
    )
    out = capsys.readouterr().out
    assert "present 20 (was: expected 20, present 8)" in out, out
    with open_election_file(m, "总监票人") as db:
        doc = counting.tally(db, "WY")
        assert doc["present"] == 20 and doc["status"] == "final", doc
        (detail,) = [
            json.loads(r[0])
            for r in db.con.execute(
                "SELECT detail FROM audit WHERE event = 'round.attendance'"
                " AND json_extract(detail, '$.settled_by') IS NOT NULL"
            )
        ]
        assert detail["settled_by"] == "罗兰" and detail["present"] == 20, detail
        assert detail["reason"] == "会议记录：投票于此时开始" and detail["before"] == [20, 8]
        counting.certify(db, "WY", 1, "罗兰")


def test_only_a_scrutineer_who_is_no_candidate_settles_the_number_present(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The 实到 decides whether the round is valid: 王小明, a candidate of WY, and 吴敏, a
    delegate who is no official, may not settle it (a valid round could be made void, or a
    void one valid, by anyone typing a name); the chief scrutineer may."""
    m, began = _late_checkins_scenario(tmp_path)
    args = ["round", "attendance", str(m), "--contest", "WY", "--voting-began", began]
    capsys.readouterr()
    assert main(["--lang", "en", *args, "--by", "王小明"]) == 1
    err = capsys.readouterr().err
    assert "stands in" in err and "cannot settle the round's number present" in err, err
    assert main(["--lang", "en", *args, "--by", "吴敏"]) == 1
    err = capsys.readouterr().err
    assert "is not a scrutineer of this contest and cannot settle the round's number" in err, err
    assert main(["--lang", "zh", *args[:5], "--as-fixed", "--by", "吴敏"]) == 1
    assert "不是本选举事项的监票人，不能核定本轮的实到人数" in capsys.readouterr().err
    with open_election_file(m, "总监票人") as db:
        assert counting.tally(db, "WY")["present"] == 8
    assert main(["--lang", "en", *args, "--by", "罗兰"]) == 0
    with open_election_file(m, "总监票人") as db:
        assert counting.tally(db, "WY")["present"] == 20


def test_a_present_count_confirmed_as_fixed_lets_the_void_round_be_recorded(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Should 8 truly have been present, the chief scrutineer confirms the figure: the
    round is then void on it, and recorded so."""
    m, _ = _late_checkins_scenario(tmp_path)
    assert (
        main(["round", "attendance", str(m), "--contest", "WY", "--as-fixed", "--by", "罗兰"]) == 0
    )
    with open_election_file(m, "总监票人") as db:
        doc = counting.tally(db, "WY")
        assert doc["status"] == "void" and doc["reasons"] == ["quorum_not_met"], doc
        assert "issued_exceeds_present" in doc["warnings"]


def test_a_box_whose_issued_and_collected_come_from_two_laptops_is_one_box(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The chief scrutineer typed each box's issued on the main laptop; 一团 typed its box's
    collected. The import said "box reported twice", whose only advice (--take / --both)
    left the round at "box counts missing". The two halves are one box: counted so, said
    at the import and in reconcile, and recorded in the audit log."""
    m = init_main(tmp_path)
    assert main(["checkin", str(m), "--unit", "U01", "--all"]) == 0
    assert main(["checkin", str(m), "--unit", "U02", "--all"]) == 0
    a = make_station(tmp_path, m, "一团")
    assert main(["ballots", "issued", str(m), "3", "--contest", "WY", "--box", "箱一"]) == 0
    count_box(a, "WY", "箱一", 3, "a", issued=False)
    got = do_import(m, export(a, tmp_path / "a.zip"))
    assert got.boxes_twice == [] and got.boxes_combined == [
        ("WY", 1, "箱一", "main", 3, "一团", 3)
    ], got
    assert any("counted as one box" in en for _, en in got.notes), got.notes
    with open_election_file(m, "总监票人") as db:
        doc = counting.tally(db, "WY")
        assert (doc["issued"], doc["collected"]) == (3, 3), doc
        assert doc["status"] == "final" and "boxes_twice" not in doc, doc
        (row,) = [r for r in stations.reconcile(db) if r.station == "一团"]
        assert [b.state for b in row.boxes] == ["combined"], row
        (detail,) = [
            json.loads(r[0])
            for r in db.con.execute("SELECT detail FROM audit WHERE event = 'results.imported'")
        ]
        assert detail["boxes_combined"][0]["collected"] == {"station": "一团", "count": 3}
        with pytest.raises(BallotRefused) as e:
            resolve_box(db, "WY", 1, "箱一", "一团", "罗兰")
        assert "counted as one box, nothing to choose" in e.value.en
        counting.certify(db, "WY", 1, "罗兰")


def test_voting_cannot_be_settled_to_have_begun_after_the_rounds_first_ballot_record(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """One laptop, no stations: 8 of 20 present, the round's box counted (void: the quorum
    needs more than 10). Two more check in late; "voting began" settled at a moment after the
    box count made them present — the void round turned valid by late arrivals. The file
    records the first ballot record (its 收回: ballots were back by then): a later time, or
    one still to come, is refused; an earlier one (the point of the command: a clock that
    ran wrong) stands."""
    m = init_main(tmp_path)
    assert main(["checkin", str(m), "--person", *[f"P{i:03d}" for i in range(1, 9)]]) == 0
    time.sleep(1.1)
    early = dt.datetime.now().strftime("%Y-%m-%d %H:%M:%S")
    time.sleep(1.1)
    for what in ("issued", "collected"):
        assert main(["ballots", what, str(m), "--contest", "WY", "--box", "箱一", "8"]) == 0
    with open_election_file(m, "总监票人") as db:
        first = str(
            db.con.execute(
                "SELECT at FROM audit WHERE event = 'boxes.counted'"
                " AND json_extract(detail, '$.collected') IS NOT NULL ORDER BY seq"
            ).fetchone()[0]
        )
        assert counting.tally(db, "WY")["status"] == "void"
    time.sleep(1.1)
    assert main(["checkin", str(m), "--person", "P009", "P010", "P011"]) == 0
    time.sleep(1.1)
    capsys.readouterr()
    recorded = (
        dt.datetime.fromisoformat(first.replace("Z", "+00:00"))
        .astimezone()
        .strftime("%Y-%m-%d %H:%M:%S")
    )
    for began in (
        dt.datetime.now().strftime("%H:%M:%S"),
        (dt.datetime.now() + dt.timedelta(days=1)).strftime("%Y-%m-%d %H:%M"),
    ):
        args = ["round", "attendance", str(m), "--contest", "WY", "--voting-began", began]
        assert main(["--lang", "en", *args, "--by", "罗兰"]) == 1
        err = capsys.readouterr().err
        assert f"this file records the round's first ballot record at {recorded}" in err, err
        assert main(["--lang", "zh", *args, "--by", "罗兰"]) == 1
        assert f"晚于本文件记录的本轮第一份选票记录（{recorded}" in capsys.readouterr().err
    with open_election_file(m, "总监票人") as db:
        doc = counting.tally(db, "WY")
        assert doc["present"] == 8 and doc["status"] == "void", doc
        assert not db.con.execute(
            "SELECT 1 FROM audit WHERE json_extract(detail, '$.settled_by') IS NOT NULL"
        ).fetchall()
    # (an earlier time stands: voting began before the box was counted)
    args = ["round", "attendance", str(m), "--contest", "WY", "--voting-began", early]
    assert main(["--lang", "en", *args, "--by", "罗兰"]) == 0
    assert "present 8 (was: expected 20, present 8)" in capsys.readouterr().out
    with open_election_file(m, "总监票人") as db:
        assert counting.tally(db, "WY")["status"] == "void"


def test_voting_cannot_be_settled_to_begin_in_the_future(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Before any ballot record, a time still to come is refused all the same."""
    m = init_main(tmp_path)
    assert main(["checkin", str(m), "--person", *[f"P{i:03d}" for i in range(1, 12)]]) == 0
    later = (dt.datetime.now() + dt.timedelta(hours=2)).strftime("%Y-%m-%d %H:%M")
    args = ["round", "attendance", str(m), "--contest", "WY", "--voting-began", later]
    capsys.readouterr()
    assert main(["--lang", "en", *args, "--by", "罗兰"]) == 1
    err = capsys.readouterr().err
    assert f"voting cannot have begun at {later}:00: it is" in err and "now on this laptop" in err
    with open_election_file(m, "总监票人") as db:
        assert not db.con.execute("SELECT 1 FROM audit WHERE event = 'round.attendance'").fetchall()


def _issued_before_check_in_closed(
    tmp_path: Path, level: str = "local", first: int = 2, agree: int = 14
) -> tuple[Path, str]:
    """One laptop, no stations, 20 with the vote. ``first`` check in, and the clerk types
    box 箱一's 20 ballots issued as they go out — the round's 实到 is fixed then, at
    ``first``. The others check in; voting begins (the moment the meeting's record gives,
    to the second); 20 sheets come back (``agree`` of them for c01) and 收回 20 is typed.
    Returns the file and the moment voting began."""
    d: dict[str, Any] = small_definition(level=level)
    if level == "basic":
        d["contests"][0]["threshold_base"] = "present"
    src = tmp_path / "main.json"
    src.write_text(json.dumps(d, ensure_ascii=False), encoding="utf-8")
    m = tmp_path / "main.huanjie"
    assert main(["init", str(m), "--from", str(src)]) == 0
    people = [f"P{i:03d}" for i in range(1, 21)]
    assert main(["checkin", str(m), "--person", *people[:first]]) == 0
    time.sleep(1.1)
    assert main(["ballots", "issued", str(m), "--contest", "WY", "--box", "箱一", "20"]) == 0
    time.sleep(1.1)
    assert main(["checkin", str(m), "--person", *people[first:]]) == 0
    time.sleep(1.1)
    began = dt.datetime.now().strftime("%Y-%m-%d %H:%M:%S")
    time.sleep(1.1)
    with open_election_file(m, "计票人") as db:
        rows.add_sheets(db, agree, marks="ANNNN", image_seed="yes", batch="a.pdf")
        rows.add_sheets(db, 20 - agree, marks="NNNNN", image_seed="no", batch="b.pdf")
    assert main(["ballots", "collected", str(m), "--contest", "WY", "--box", "箱一", "20"]) == 0
    return m, began


def _tally(m: Path, capsys: pytest.CaptureFixture[str]) -> dict[str, Any]:
    capsys.readouterr()
    main(["tally", str(m), "--contest", "WY", "--json"])
    doc: dict[str, Any] = json.loads(capsys.readouterr().out)
    return doc


def test_a_box_count_typed_before_check_in_closed_never_voids_the_round_for_good(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Local congress, 应到 20: 2 had checked in when 发出 20 was typed, the other 18 after.
    The 实到 stayed at 2: the round was void ("quorum not met", a warning besides),
    certifiable so — a re-vote of a sound vote — and "voting began" could not be set
    later than that box count: no way back. Now the round is provisional (the 实到 below
    the ballots, what to do said at certify); the chief scrutineer may set voting's start
    after the box count, before the first ballot came back, with grounds (audited)."""
    m, began = _issued_before_check_in_closed(tmp_path)
    doc = _tally(m, capsys)
    assert (doc["present"], doc["issued"], doc["collected"]) == (2, 20, 20), doc
    assert doc["status"] == "provisional", doc
    assert doc["reasons"][:2] == ["quorum_not_met", "present_below_ballots"], doc
    by = ["--by", "罗兰"]
    assert main(["--lang", "en", "certify", str(m), "--contest", "WY", "--round", "1", *by]) == 1
    err = capsys.readouterr().err
    assert "most likely before check-in ended" in err, err
    assert "--contest WY --round 1 --voting-began HH:MM --by NAME --reason" in err, err
    args = ["round", "attendance", str(m), "--contest", "WY", "--round", "1"]
    # (after the first ballot came back: refused, the moment named)
    time.sleep(1.1)
    later = dt.datetime.now().strftime("%Y-%m-%d %H:%M:%S")
    assert main(["--lang", "en", *args, "--voting-began", later, "--by", "罗兰"]) == 1
    err = capsys.readouterr().err
    assert "this file records the round's first ballot record at" in err, err
    # (after the box count, before any ballot: only with grounds)
    assert main(["--lang", "en", *args, "--voting-began", began, "--by", "罗兰"]) == 1
    err = capsys.readouterr().err
    assert "typed before check-in closed may be corrected so, but only with --reason" in err
    assert _tally(m, capsys)["present"] == 2
    grounds = "发出张数在报到结束前登记，投票于此时开始，见会议记录"
    assert (
        main(["--lang", "en", *args, "--voting-began", began, "--by", "罗兰", "--reason", grounds])
        == 0
    )
    assert "present 20 (was: expected 20, present 2)" in capsys.readouterr().out
    doc = _tally(m, capsys)
    assert doc["present"] == 20 and doc["status"] == "final", doc
    assert doc["warnings"] == [], doc
    with open_election_file(m, "总监票人") as db:
        (detail,) = [
            json.loads(r[0])
            for r in db.con.execute(
                "SELECT detail FROM audit WHERE event = 'round.attendance'"
                " AND json_extract(detail, '$.settled_by') IS NOT NULL"
            )
        ]
        assert detail["reason"] == grounds and detail["before"] == [20, 2], detail
        assert detail["after_first_record"] and len(detail["present_since"]) == 18, detail
        assert detail["present_since"][0] == "P003", detail
    assert main(["certify", str(m), "--contest", "WY", "--round", "1", *by]) == 0


def test_a_base_of_those_present_fixed_before_check_in_closed_elects_nobody_on_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Basic level, base 实到: 19 checked in when 发出 20 was typed, the 20th a moment
    later; 20 ballots, c01 agreed on 10. On a base of 19 c01 was elected, final — with 10
    of the 20 who voted, not more than half. Now nothing is final until the chief
    scrutineer settles when voting began: then the base is 20 and c01 is not elected."""
    m, began = _issued_before_check_in_closed(tmp_path, level="basic", first=19, agree=10)
    doc = _tally(m, capsys)
    assert (doc["present"], doc["base"], doc["quorum_met"]) == (19, 19, True), doc
    assert doc["status"] == "provisional" and doc["reasons"] == ["present_below_ballots"], doc
    assert doc["elected"] == [], doc
    args = ["round", "attendance", str(m), "--contest", "WY", "--voting-began", began]
    assert main([*args, "--by", "罗兰", "--reason", "会议记录"]) == 0
    doc = _tally(m, capsys)
    assert (doc["present"], doc["base"], doc["status"]) == (20, 20, "final"), doc
    assert doc["elected"] == [], doc


def test_voting_cannot_be_settled_to_have_begun_before_those_the_ballots_went_to(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """2 checked in when 发出 20 was typed, 18 after; 20 collected: the round rightly waits
    (实到 2 below the ballots). The chief scrutineer gives a time before the 18 checked in
    (an HH:MM read at :00): it stood — 实到 2, the round void for want of quorum, a sound
    vote thrown away, the warning of more ballots than present gone. Now refused, saying
    how many were checked in then, the ballots, when 20 were, and --as-fixed."""
    m, began = _issued_before_check_in_closed(tmp_path)
    with open_election_file(m, "总监票人") as db:
        first, last = (
            str(r[0])
            for r in db.con.execute(
                "SELECT at FROM audit WHERE event = 'checkin.added' AND"
                " json_extract(detail, '$.person') IN ('P002', 'P020') ORDER BY seq"
            )
        )
    local = [
        dt.datetime.fromisoformat(t.replace("Z", "+00:00")).astimezone() for t in (first, last)
    ]
    early = (local[0] + dt.timedelta(seconds=1)).strftime("%Y-%m-%d %H:%M:%S")
    args = ["round", "attendance", str(m), "--contest", "WY", "--round", "1"]
    capsys.readouterr()
    assert main(["--lang", "en", *args, "--voting-began", early, "--by", "罗兰"]) == 1
    err = capsys.readouterr().err
    assert f"voting cannot have begun at {early}" in err, err
    assert "only 2 were checked in before it, and the round has 20 ballots issued and 20" in err
    assert f"20 were checked in only at {local[1]:%Y-%m-%d %H:%M:%S}" in err, err
    assert "--contest WY --round 1 --as-fixed --by NAME" in err, err
    assert main(["--lang", "zh", *args, "--voting-began", early, "--by", "罗兰"]) == 1
    assert "之前只有 2 人报到，而本轮发出 20 张、收回 20 张" in capsys.readouterr().err
    doc = _tally(m, capsys)
    assert (doc["present"], doc["status"]) == (2, "provisional"), doc
    assert "present_below_ballots" in doc["reasons"], doc
    assert "issued_exceeds_present" in doc["warnings"], doc
    with open_election_file(m, "总监票人") as db:
        assert not db.con.execute(
            "SELECT 1 FROM audit WHERE json_extract(detail, '$.settled_by') IS NOT NULL"
        ).fetchall()
    # (the time the meeting's record gives, after the last check-in: settled)
    grounds = ["--reason", "会议记录"]
    assert main([*args, "--voting-began", began, "--by", "罗兰", *grounds]) == 0
    assert _tally(m, capsys)["status"] == "final"
