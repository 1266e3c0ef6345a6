"""Operator accounts and rights: who may prepare, scan, decide, confirm and certify.

Accounts live in the election file (table ``accounts``), one per person, with a role:

====================  =========================================================
role                  who
====================  =========================================================
admin (管理员)         prepares the election, runs the laptops, manages accounts
counter (计票人)        scans and records review decisions
scrutineer (监票人)     scans, decides, confirms others' decisions
chief_scrutineer       everything a scrutineer does, has the final word on a
(总监票人)              doubtful ballot (overrule) and certifies the result
====================  =========================================================

Rights matrix (`RIGHTS`; enforced by `require`, so the CLI and the GUI obey the same rules):

==========  =====  =======  ==========  =====  ==========================================
action      admin  counter  scrutineer  chief  what it covers
==========  =====  =======  ==========  =====  ==========================================
prepare       ✓                                definition, roster, check-in, print ballots
scan          ✓      ✓          ✓         ✓    scan batches, box issued/collected counts
decide               ✓          ✓         ✓    record a decision on a doubtful sheet
confirm                         ✓         ✓    confirm another person's decision
overrule                                  ✓    change a decision already confirmed
certify                                   ✓    certify (freeze) a round's result
import        ✓                           ✓    import results packages
export        ✓                           ✓    station packages, results packages, Excel
accounts      ✓                                add accounts, reset others' passwords
backup        ✓      ✓          ✓         ✓    make a backup
restore       ✓                                replace the file with a backup
view          ✓      ✓          ✓         ✓    lists, reports, reconciliation
==========  =====  =======  ==========  =====  ==========================================

The admin is the technical operator, not an official: it may not decide doubtful ballots.
"A decision counts only once a *different* person confirms it" is a rule of the review use
case, not of this matrix. On a station laptop (meta 'role' = 'station') prepare, certify and
import are refused for everyone: the definition is the main laptop's and results are
certified where they are merged.

Single-desk mode: while a file has no account, nobody signs in and every action is allowed
(small assemblies, tests). The first account must be an admin; from then on every action
needs a `Session` from `authenticate`.

Passwords: scrypt (n=2**14, r=8, p=1, 16-byte random salt, 32-byte hash), stored as
``scrypt$n$r$p$salt$hash`` so the cost can be raised later. Five wrong passwords in a row
lock the account for five minutes; the count and the lock are stored in the file, and each
failure is audited (account.login_failed).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import secrets
from dataclasses import dataclass, field
from enum import StrEnum

from huanjie_desktop.storage import stations_repo as srepo
from huanjie_desktop.storage.db import ElectionDB, ElectionFileError, utc_now

SCRYPT_N = 2**14
SCRYPT_R = 8
SCRYPT_P = 1
MAX_FAILURES = 5
LOCK_MINUTES = 5
MIN_PASSWORD = 6


class Role(StrEnum):
    ADMIN = "admin"  # 管理员
    COUNTER = "counter"  # 计票人
    SCRUTINEER = "scrutineer"  # 监票人
    CHIEF_SCRUTINEER = "chief_scrutineer"  # 总监票人

    @property
    def zh(self) -> str:
        return {
            "admin": "管理员",
            "counter": "计票人",
            "scrutineer": "监票人",
            "chief_scrutineer": "总监票人",
        }[self.value]

    @property
    def en(self) -> str:
        """The role in words (not its key: 'chief scrutineer', not 'chief_scrutineer')."""
        return self.value.replace("_", " ")


class Action(StrEnum):
    PREPARE = "prepare"
    SCAN = "scan"
    DECIDE = "decide"
    CONFIRM = "confirm"
    OVERRULE = "overrule"
    CERTIFY = "certify"
    IMPORT = "import"
    EXPORT = "export"
    ACCOUNTS = "accounts"
    BACKUP = "backup"
    RESTORE = "restore"
    VIEW = "view"


_A, _C, _S, _H = Role.ADMIN, Role.COUNTER, Role.SCRUTINEER, Role.CHIEF_SCRUTINEER
RIGHTS: dict[Action, frozenset[Role]] = {
    Action.PREPARE: frozenset({_A}),
    Action.SCAN: frozenset({_A, _C, _S, _H}),
    Action.DECIDE: frozenset({_C, _S, _H}),
    Action.CONFIRM: frozenset({_S, _H}),
    Action.OVERRULE: frozenset({_H}),
    Action.CERTIFY: frozenset({_H}),
    Action.IMPORT: frozenset({_A, _H}),
    Action.EXPORT: frozenset({_A, _H}),
    Action.ACCOUNTS: frozenset({_A}),
    Action.BACKUP: frozenset({_A, _C, _S, _H}),
    Action.RESTORE: frozenset({_A}),
    Action.VIEW: frozenset({_A, _C, _S, _H}),
}
# Refused on a station laptop whoever asks (its accounts are the main laptop's, brought by
# its package: an account added there could act in anyone's name).
STATION_REFUSES = frozenset({Action.PREPARE, Action.CERTIFY, Action.IMPORT, Action.ACCOUNTS})

_ACTION_ZH = {
    Action.PREPARE: "准备选举（定义、名单、报到、印票）",
    Action.SCAN: "扫描选票",
    Action.DECIDE: "审核可疑选票",
    Action.CONFIRM: "确认审核决定",
    Action.OVERRULE: "改变已确认的审核决定",
    Action.CERTIFY: "确认并冻结计票结果",
    Action.IMPORT: "导入数据包",
    Action.EXPORT: "导出数据包",
    Action.ACCOUNTS: "管理账户",
    Action.BACKUP: "备份",
    Action.RESTORE: "从备份恢复",
    Action.VIEW: "查看",
}


class NotAllowed(ElectionFileError):
    """The operator may not do this (zh, en). A subclass of ElectionFileError so that
    commands which already report ElectionFileError report this too."""


class LoginFailed(ElectionFileError):
    """Wrong name or password, or the account is locked (zh, en); `locked_until` if locked."""

    def __init__(self, zh: str, en: str, locked_until: str | None = None) -> None:
        super().__init__(zh, en)
        self.locked_until = locked_until


def allowed(role: Role | str, action: Action | str) -> bool:
    return Role(role) in RIGHTS[Action(action)]


# Sessions carry a MAC made with a per-process key so that a Session cannot be made up by
# hand (by mistake) instead of through `authenticate`.
_SESSION_KEY = secrets.token_bytes(32)


def _proof(path: str, name: str, role: str, started_at: str) -> str:
    msg = "\x1f".join((path, name, role, started_at)).encode("utf-8")
    return hmac.new(_SESSION_KEY, msg, hashlib.sha256).hexdigest()


@dataclass(frozen=True)
class Session:
    """Who is working, as established by `authenticate`. The GUI keeps one per open file."""

    name: str
    role: Role
    started_at: str
    path: str = field(repr=False)
    proof: str = field(repr=False, compare=False)

    @property
    def label(self) -> str:
        return f"{self.name}（{self.role.zh}）"


@dataclass(frozen=True)
class AccountInfo:
    name: str
    role: Role
    locked_until: str | None
    failed_attempts: int
    created_at: str
    created_by: str

    def to_json(self) -> dict[str, object]:
        return {
            "name": self.name,
            "role": self.role.value,
            "locked_until": self.locked_until,
            "failed_attempts": self.failed_attempts,
            "created_at": self.created_at,
            "created_by": self.created_by,
        }


def has_accounts(db: ElectionDB) -> bool:
    """False: single-desk mode, everyone may do everything without signing in."""
    return srepo.count_accounts(db) > 0


# --- passwords ----------------------------------------------------------------------------


def hash_password(password: str, salt: bytes | None = None) -> str:
    salt = secrets.token_bytes(16) if salt is None else salt
    digest = hashlib.scrypt(
        password.encode("utf-8"), salt=salt, n=SCRYPT_N, r=SCRYPT_R, p=SCRYPT_P, dklen=32
    )
    return f"scrypt${SCRYPT_N}${SCRYPT_R}${SCRYPT_P}${salt.hex()}${digest.hex()}"


def check_password(password: str, stored: str) -> bool:
    try:
        scheme, n, r, p, salt, want = stored.split("$")
        if scheme != "scrypt":
            return False
        got = hashlib.scrypt(
            password.encode("utf-8"),
            salt=bytes.fromhex(salt),
            n=int(n),
            r=int(r),
            p=int(p),
            dklen=len(want) // 2,
        )
    except ValueError:
        return False
    return hmac.compare_digest(got.hex(), want)


class WeakPassword(NotAllowed):
    """A new password refused for itself (not for who asked): choose another."""


def _check_new_password(password: str) -> None:
    if len(password) < MIN_PASSWORD:
        raise WeakPassword(
            f"密码太短：至少 {MIN_PASSWORD} 个字符。请换一个更长的密码再试。",
            f"the password is too short: at least {MIN_PASSWORD} characters. Choose a longer"
            " one and try again.",
        )


# --- rights -------------------------------------------------------------------------------


def require(db: ElectionDB, operator: Session | None, action: Action | str) -> None:
    """Refuse (NotAllowed) unless `operator` may do `action` in this file.

    Single-desk mode (no account yet): everything is allowed, `operator` may be None.
    """
    act = Action(action)
    if db.meta("role") == "station" and act in STATION_REFUSES:
        raise NotAllowed(
            f"这是分团计票机（{db.meta('station_name')}）：不能在这里{_ACTION_ZH[act]}，请在主机上进行。",
            f"this is a station laptop ({db.meta('station_name')}): '{act.value}' is done on the main laptop.",
        )
    if not has_accounts(db):
        return
    if operator is None:
        raise NotAllowed(
            f"本选举文件已设账户：{_ACTION_ZH[act]}前请先登录（--operator 姓名）。",
            f"this election file has accounts: sign in first (--operator NAME) to {act.value}.",
        )
    path = str(db.path.resolve())
    if operator.path != path or not hmac.compare_digest(
        operator.proof, _proof(path, operator.name, operator.role.value, operator.started_at)
    ):
        raise NotAllowed(
            "登录信息无效：请重新登录。", "this sign-in is not valid here: sign in again."
        )
    acc = srepo.read_account(db, operator.name)
    if acc is None:
        raise NotAllowed(
            f"账户“{operator.name}”已不存在。", f"account {operator.name!r} no longer exists."
        )
    role = Role(acc.role)  # the current role, not the one at sign-in
    if role not in RIGHTS[act]:
        who = "、".join(r.zh for r in Role if r in RIGHTS[act])
        raise NotAllowed(
            f"{operator.name}（{role.zh}）无权{_ACTION_ZH[act]}：只有{who}可以。",
            f"{operator.name} ({role.en}) may not {act.value}: only the "
            + ", ".join(r.en for r in Role if r in RIGHTS[act])
            + ".",
        )


# --- sign-in ------------------------------------------------------------------------------


def _parse_time(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text.replace("Z", "+00:00"))


def _fmt_time(t: dt.datetime) -> str:
    return t.astimezone(dt.UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def authenticate(
    db: ElectionDB, name: str, password: str, now: dt.datetime | None = None
) -> Session:
    """Check a password; a `Session` on success, `LoginFailed` otherwise (audited)."""
    now = now or dt.datetime.now(dt.UTC)
    acc = srepo.read_account(db, name)
    wrong = LoginFailed("用户名或密码错误。", "wrong name or password.")
    if acc is None:
        check_password(password, hash_password("-"))  # same cost as a real check
        db.audit("account.login_failed", {"name": name, "reason": "unknown"}, operator=name)
        raise wrong
    if acc.locked_until and _parse_time(acc.locked_until) > now:
        db.audit("account.login_failed", {"name": name, "reason": "locked"}, operator=name)
        raise LoginFailed(
            f"账户“{name}”因连续 {MAX_FAILURES} 次密码错误已锁定，请于 {acc.locked_until}（UTC）之后再试，或请管理员重设密码。",
            f"account {name!r} is locked after {MAX_FAILURES} wrong passwords; try again after {acc.locked_until} (UTC) or ask an admin to reset it.",
            acc.locked_until,
        )
    if not check_password(password, acc.password_hash):
        failures = acc.failed_attempts + 1
        locked_until = None
        if failures >= MAX_FAILURES:
            locked_until = _fmt_time(now + dt.timedelta(minutes=LOCK_MINUTES))
            failures = 0
        with db.transaction() as con:
            srepo.set_failures(con, name, failures, locked_until)
            db.audit(
                "account.login_failed",
                {"name": name, "reason": "password", "locked_until": locked_until},
                operator=name,
            )
        if locked_until:
            raise LoginFailed(
                f"密码错误。账户“{name}”已连续 {MAX_FAILURES} 次输错，锁定 {LOCK_MINUTES} 分钟。",
                f"wrong password. Account {name!r} is now locked for {LOCK_MINUTES} minutes after {MAX_FAILURES} failures.",
                locked_until,
            )
        raise wrong
    started = utc_now()
    with db.transaction() as con:
        if acc.failed_attempts or acc.locked_until:
            srepo.set_failures(con, name, 0, None)
        db.audit("account.login", {"name": name, "role": acc.role}, operator=name)
    path = str(db.path.resolve())
    role = Role(acc.role)
    return Session(name, role, started, path, _proof(path, name, role.value, started))


# --- managing accounts --------------------------------------------------------------------


def add_account(
    db: ElectionDB, name: str, role: Role | str, password: str, operator: Session | None
) -> None:
    """Add an account. The first one must be an admin (it ends single-desk mode)."""
    require(db, operator, Action.ACCOUNTS)
    role = Role(role)
    name = name.strip()
    if not name:
        raise NotAllowed("账户名不能为空。", "the account name cannot be empty.")
    if not has_accounts(db) and role != Role.ADMIN:
        raise NotAllowed(
            "第一个账户必须是管理员（admin），否则以后无人能管理账户。",
            "the first account must be an admin, or nobody could manage accounts later.",
        )
    if srepo.read_account(db, name) is not None:
        raise NotAllowed(f"账户“{name}”已存在。", f"account {name!r} already exists.")
    from huanjie_desktop.domain.tally import normalise_name

    same = [
        a.name
        for a in srepo.read_accounts(db)
        if normalise_name(a.name).casefold() == normalise_name(name).casefold()
    ]
    if same:
        # one person, two accounts ('张三' and '张 三') could hold two roles, or confirm
        # their own decision under the other name
        raise NotAllowed(
            f"已有账户“{same[0]}”，与“{name}”是同一个姓名：一个人只能有一个账户。",
            f"account {same[0]!r} exists and {name!r} is the same name: one account per person.",
        )
    _check_new_password(password)
    hashed = hash_password(password)
    by = operator.name if operator else db.operator
    with db.transaction() as con:
        srepo.insert_account(con, name, role.value, hashed, by)
        db.audit("account.saved", {"name": name, "role": role.value, "change": "added"}, by)


def change_password(db: ElectionDB, name: str, new_password: str, operator: Session | None) -> None:
    """Set a new password: one's own, or anyone's by an admin (which also lifts a lock)."""
    acc = srepo.read_account(db, name)
    if acc is None:
        raise NotAllowed(f"账户“{name}”不存在。", f"account {name!r} does not exist.")
    if operator is None or operator.name != name:
        require(db, operator, Action.ACCOUNTS)
    else:
        require(db, operator, Action.VIEW)  # validates the session
    _check_new_password(new_password)
    hashed = hash_password(new_password)
    by = operator.name if operator else db.operator
    with db.transaction() as con:
        srepo.set_password(con, name, hashed)
        db.audit("account.saved", {"name": name, "change": "password"}, by)


def list_accounts(db: ElectionDB, operator: Session | None) -> list[AccountInfo]:
    require(db, operator, Action.VIEW)
    return [
        AccountInfo(
            a.name, Role(a.role), a.locked_until, a.failed_attempts, a.created_at, a.created_by
        )
        for a in srepo.read_accounts(db)
    ]
