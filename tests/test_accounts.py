"""Accounts: scrypt hashes, lock-out, the rights matrix, and signing in through the CLI."""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from huanjie_desktop.app import accounts as acc
from huanjie_desktop.app.accounts import Action, LoginFailed, NotAllowed, Role, require
from huanjie_desktop.cli.main import main
from huanjie_desktop.storage.db import ElectionDB, open_election_file
from tests.test_stations import init_main

PW = "correct horse"


@pytest.fixture
def db(tmp_path: Path) -> Iterator[ElectionDB]:
    f = init_main(tmp_path)
    d = open_election_file(f, "管理员")
    yield d
    d.close()


def people(db: ElectionDB) -> dict[Role, acc.Session]:
    acc.add_account(db, "admin", Role.ADMIN, PW, None)
    admin = acc.authenticate(db, "admin", PW)
    names = {
        Role.COUNTER: "计票人甲",
        Role.SCRUTINEER: "监票人甲",
        Role.CHIEF_SCRUTINEER: "总监票人",
    }
    for role, name in names.items():
        acc.add_account(db, name, role, PW, admin)
    out = {Role.ADMIN: admin}
    for role, name in names.items():
        out[role] = acc.authenticate(db, name, PW)
    return out


def test_scrypt_hash_format_and_salt() -> None:
    h1 = acc.hash_password("秘密123")
    h2 = acc.hash_password("秘密123")
    assert h1 != h2  # random salt
    scheme, n, r, p, salt, digest = h1.split("$")
    assert (scheme, n, r, p) == ("scrypt", str(2**14), "8", "1")
    want = hashlib.scrypt(
        b"\xe7\xa7\x98\xe5\xaf\x86123", salt=bytes.fromhex(salt), n=2**14, r=8, p=1, dklen=32
    )
    assert digest == want.hex()
    assert acc.check_password("秘密123", h1) and not acc.check_password("秘密124", h1)
    assert not acc.check_password("x", "garbage")


def test_single_desk_until_the_first_account(db: ElectionDB) -> None:
    for action in Action:
        require(db, None, action)  # no accounts: everyone may do everything
    with pytest.raises(NotAllowed):
        acc.add_account(db, "计票人甲", Role.COUNTER, PW, None)  # first must be admin
    acc.add_account(db, "admin", Role.ADMIN, PW, None)
    with pytest.raises(NotAllowed):
        require(db, None, Action.SCAN)
    with pytest.raises(NotAllowed):
        acc.add_account(db, "other", Role.ADMIN, PW, None)
    with pytest.raises(NotAllowed):
        acc.add_account(db, "short", Role.COUNTER, "12345", acc.authenticate(db, "admin", PW))
    row = db.con.execute("SELECT password_hash FROM accounts").fetchone()[0]
    assert PW not in row and row.startswith("scrypt$")
    admin = acc.authenticate(db, "admin", PW)
    acc.add_account(db, "张三", Role.SCRUTINEER, PW, admin)
    with pytest.raises(NotAllowed) as e:  # one person, one account, however the name is spaced
        acc.add_account(db, "张 三", Role.CHIEF_SCRUTINEER, PW, admin)
    assert "one account per person" in e.value.en


def test_rights_matrix(db: ElectionDB) -> None:
    s = people(db)
    expected = {
        Action.PREPARE: {Role.ADMIN},
        Action.SCAN: set(Role),
        Action.DECIDE: {Role.COUNTER, Role.SCRUTINEER, Role.CHIEF_SCRUTINEER},
        Action.CONFIRM: {Role.SCRUTINEER, Role.CHIEF_SCRUTINEER},
        Action.OVERRULE: {Role.CHIEF_SCRUTINEER},
        Action.CERTIFY: {Role.CHIEF_SCRUTINEER},
        Action.IMPORT: {Role.ADMIN, Role.CHIEF_SCRUTINEER},
        Action.EXPORT: {Role.ADMIN, Role.CHIEF_SCRUTINEER},
        Action.ACCOUNTS: {Role.ADMIN},
        Action.RESTORE: {Role.ADMIN},
        Action.BACKUP: set(Role),
        Action.VIEW: set(Role),
    }
    assert set(expected) == set(Action)
    for action, roles in expected.items():
        for role, session in s.items():
            if role in roles:
                require(db, session, action)
            else:
                with pytest.raises(NotAllowed):
                    require(db, session, action.value)  # plain strings work too
    # a role change takes effect at once, sessions or not
    db.con.execute("UPDATE accounts SET role = 'counter' WHERE name = '总监票人'")
    with pytest.raises(NotAllowed):
        require(db, s[Role.CHIEF_SCRUTINEER], Action.CERTIFY)


def test_sessions_cannot_be_made_up(db: ElectionDB, tmp_path: Path) -> None:
    s = people(db)
    fake = dataclasses.replace(s[Role.COUNTER], role=Role.CHIEF_SCRUTINEER)
    with pytest.raises(NotAllowed):
        require(db, fake, Action.CERTIFY)
    forged = acc.Session(
        "总监票人", Role.CHIEF_SCRUTINEER, "2026-01-01T00:00:00Z", str(db.path), "0" * 64
    )
    with pytest.raises(NotAllowed):
        require(db, forged, Action.CERTIFY)
    other = init_main(tmp_path, "other")
    with open_election_file(other, "x") as db2:
        acc.add_account(db2, "admin", Role.ADMIN, PW, None)
        with pytest.raises(NotAllowed):  # a session of another file
            require(db2, s[Role.ADMIN], Action.PREPARE)


def test_lockout_after_five_failures(db: ElectionDB) -> None:
    acc.add_account(db, "admin", Role.ADMIN, PW, None)
    t0 = dt.datetime(2026, 7, 28, 9, 0, tzinfo=dt.UTC)
    for i in range(4):
        with pytest.raises(LoginFailed) as exc:
            acc.authenticate(db, "admin", "wrong", now=t0 + dt.timedelta(seconds=i))
        assert exc.value.locked_until is None
    with pytest.raises(LoginFailed) as exc:
        acc.authenticate(db, "admin", "wrong", now=t0 + dt.timedelta(seconds=5))
    assert exc.value.locked_until is not None
    # locked: even the right password is refused for five minutes
    with pytest.raises(LoginFailed) as exc:
        acc.authenticate(db, "admin", PW, now=t0 + dt.timedelta(minutes=4))
    assert "locked" in exc.value.en
    session = acc.authenticate(db, "admin", PW, now=t0 + dt.timedelta(minutes=5, seconds=6))
    assert session.role == Role.ADMIN
    events = [r[0] for r in db.con.execute("SELECT event FROM audit")]
    assert events.count("account.login_failed") == 6 and "account.login" in events
    row = db.con.execute("SELECT failed_attempts, locked_until FROM accounts").fetchone()
    assert tuple(row) == (0, None)
    with pytest.raises(LoginFailed):
        acc.authenticate(db, "nobody", PW)


def test_passwords_changed_by_self_or_admin(db: ElectionDB) -> None:
    s = people(db)
    acc.change_password(db, "计票人甲", "new secret", s[Role.COUNTER])
    acc.authenticate(db, "计票人甲", "new secret")
    with pytest.raises(NotAllowed):
        acc.change_password(db, "监票人甲", "new secret", s[Role.COUNTER])
    acc.change_password(db, "监票人甲", "reset by admin", s[Role.ADMIN])
    assert [a.name for a in acc.list_accounts(db, s[Role.COUNTER])] == sorted(
        ["admin", "计票人甲", "监票人甲", "总监票人"]
    )


def test_cli_accounts_and_sign_in(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    f = init_main(tmp_path)
    monkeypatch.setenv("HUANJIE_PASSWORD", PW)
    assert main(["account", "add", str(f), "--name", "admin", "--role", "admin"]) == 0
    # now every command signs in; the new account's password comes from HUANJIE_NEW_PASSWORD
    # (too short: said so, with no advice to sign in as someone else — the admin may)
    monkeypatch.setenv("HUANJIE_NEW_PASSWORD", "pw")
    capsys.readouterr()
    add = ["--operator", "admin", "account", "add", str(f), "--name", "乙", "--role", "counter"]
    assert main(add) != 0
    err = capsys.readouterr().err
    assert "密码太短" in err and "有此权限的人" not in err, err
    monkeypatch.setenv("HUANJIE_NEW_PASSWORD", "counter pw")
    assert (
        main(
            [
                "--operator",
                "admin",
                "account",
                "add",
                str(f),
                "--name",
                "计票人甲",
                "--role",
                "counter",
            ]
        )
        == 0
    )
    capsys.readouterr()
    assert main(["account", "list", str(f), "--json"]) == 1  # no --operator: login name fails
    assert "--operator" in capsys.readouterr().err
    assert main(["account", "list", str(f), "--json", "--operator", "admin"]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert {a["name"]: a["role"] for a in listed["accounts"]} == {
        "admin": "admin",
        "计票人甲": "counter",
    }
    # a counter may not export a station package; an admin may
    monkeypatch.setenv("HUANJIE_PASSWORD", "counter pw")
    out = tmp_path / "s.zip"
    cmd = ["station", "export", str(f), "--station", "一团", "--out", str(out)]
    assert main([*cmd, "--operator", "计票人甲", "--lang", "en"]) == 1
    assert "may not export" in capsys.readouterr().err and not out.exists()
    monkeypatch.setenv("HUANJIE_PASSWORD", PW)
    assert main([*cmd, "--operator", "admin"]) == 0
    # a wrong password is refused and counted
    monkeypatch.setenv("HUANJIE_PASSWORD", "nope")
    assert main(["account", "list", str(f), "--operator", "admin"]) == 1
    with open_election_file(f, "x") as db:
        assert (
            db.con.execute("SELECT failed_attempts FROM accounts WHERE name='admin'").fetchone()[0]
            == 1
        )
    # passwords are never taken from the command line
    with pytest.raises(SystemExit):
        main(["account", "add", str(f), "--name", "x", "--role", "admin", "--password", "x"])


@pytest.mark.parametrize("listing", [["review", "list"], ["review", "withdrawn"]])
def test_the_review_lists_sign_in_as_tally_does(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    listing: list[str],
) -> None:
    """``review list`` (and ``review withdrawn``) opened a file with accounts without signing
    in: a wrong password, or a name with no account, was shown the doubtful ballots and who
    decided what, where `tally` and every other command refused. They sign in, with the right
    to view, like `tally`."""
    f = init_main(tmp_path)
    monkeypatch.setenv("HUANJIE_PASSWORD", PW)
    monkeypatch.setenv("HUANJIE_NEW_PASSWORD", PW)
    assert main(["account", "add", str(f), "--name", "admin", "--role", "admin"]) == 0
    cmd = [*listing, str(f), "--json"]
    for who, password in (("admin", "wrong password"), ("nobody", PW)):
        monkeypatch.setenv("HUANJIE_PASSWORD", password)
        capsys.readouterr()
        assert main(["--lang", "en", "--operator", who, "tally", str(f), "--contest", "WY"]) == 1
        tally_said = capsys.readouterr().err
        assert main(["--lang", "en", "--operator", who, *cmd]) == 1, who
        said = capsys.readouterr()
        assert said.out == "" and said.err == tally_said, said
    monkeypatch.setenv("HUANJIE_PASSWORD", PW)
    assert main(["--operator", "admin", *cmd]) == 0
    assert json.loads(capsys.readouterr().out) == []
