"""Backups and restore of an election file (SQLite online backup API).

- Folder: ``<file>.backups/`` beside the election file (``huanjie backup --to DIR`` writes a
  manual backup elsewhere).
- Names: ``<stem>-<YYYYmmdd-HHMMSS-ffffff>-<auto|manual>[-<reason>].huanjie``; a backup is
  itself an election file and opens as one.
- Automatic backups (`auto_backup`: after each scan batch, before each import) are rolling:
  the newest `AUTO_KEEP` are kept in the folder (newest by the history they hold, not by the
  clock). Manual ones, and the copy of the current
  file that `restore` keeps, are never deleted.
- A backup is written to ``*.part`` and renamed when complete, so a half-written backup
  never looks like one.
- `restore` checks that the backup is a sound election file (integrity check, audit chain)
  of the *same* election (same ballot key, same role and station) before it replaces
  anything, and keeps the current file as a manual backup first. On the main laptop it keeps
  the registrations of the stations made after the backup (and names them, with the stations
  whose results packages were imported since, to import again).
"""

from __future__ import annotations

import datetime as dt
import re
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from huanjie_desktop.app.accounts import Action, Session, require
from huanjie_desktop.app.oserrors import why_en, why_zh
from huanjie_desktop.storage import stations_repo as srepo
from huanjie_desktop.storage.db import (
    APP_ID,
    ElectionDB,
    ElectionFileError,
    disk_full,
    latest_version,
    open_election_file,
)

AUTO_KEEP = 20
_NAME = re.compile(r"-(\d{8}-\d{6}-\d{6})-(auto|manual)(?:-([A-Za-z0-9_.-]+))?\.huanjie$")


def backup_dir(path: Path) -> Path:
    return path.with_name(path.name + ".backups")


def _is_backup_of(backup: Path, path: Path) -> bool:
    """Is ``backup`` named as this program names the backups of ``path``?"""
    m = _NAME.search(backup.name)
    return m is not None and backup.name[: m.start()] == path.stem


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    kind: str  # "auto" | "manual"
    at: dt.datetime  # local time, from the name
    reason: str


def _slug(reason: str) -> str:
    return re.sub(r"[^A-Za-z0-9_.-]+", "-", reason).strip("-.")[:40]


def _target(folder: Path, path: Path, kind: str, reason: str) -> Path:
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S-%f")
    slug = _slug(reason)
    name = f"{path.stem}-{stamp}-{kind}{'-' + slug if slug else ''}.huanjie"
    target = folder / name
    n = 1
    while target.exists():  # two backups within the same microsecond
        n += 1
        target = folder / f"{path.stem}-{stamp}-{kind}-{slug or 'x'}{n}.huanjie"
    return target


class BackupDiskFull(ElectionFileError):
    """No room for the backup on its disk: the election file itself is sound (its own
    writes are undone whole when the disk is full), so it must never be restored — a restore
    would throw away sound work."""


def _no_room(db: ElectionDB, folder: Path, exc: BaseException) -> BackupDiskFull:
    # (it said "the election file is damaged, do not count in it, restore an earlier backup":
    # the counter following it threw away everything read since that backup)
    return BackupDiskFull(
        f"无法把备份写入 {folder}：{why_zh(exc)}，所以这次没有保存备份。选举文件 {db.path.name} 本身"
        f"完好，已保存的内容都在，不要从备份恢复。请在 {folder} 所在的磁盘上腾出空间（删除不需要的"
        f"文件），再运行 huanjie backup {db.path.name} 补做一份备份，然后继续计票。",
        f"cannot write the backup into {folder}: {why_en(exc)}, so no backup was saved this"
        f" time. The election file {db.path.name} itself is sound and holds everything saved:"
        f" do not restore it from a backup. Make room on the disk of {folder} (delete files"
        f" that are not needed), run huanjie backup {db.path.name} to make the backup, then go"
        " on counting.",
    )


def _make_folder(db: ElectionDB, folder: Path) -> None:
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        if disk_full(exc):
            raise _no_room(db, folder, exc) from exc
        raise


def _write(db: ElectionDB, target: Path, *, quick: bool = False, check: bool = True) -> None:
    if db.con.in_transaction:
        # The backup would contain the caller's uncommitted writes.
        raise RuntimeError("backup inside an open transaction")
    part = target.with_name(target.name + ".part")
    leftovers = (part, Path(f"{part}-wal"), Path(f"{part}-shm"))
    # A damaged file copies into a damaged backup: it said "backed up", and only a restore
    # found out, refusing it (the check restore makes; quick for the automatic ones, made
    # after every scan batch).
    check_with = None if not check else "quick_check" if quick else "integrity_check"
    try:
        part.unlink(missing_ok=True)
        damage = db.backup_to(part, check_with)
    except (sqlite3.DatabaseError, OSError) as exc:
        for leftover in leftovers:  # (a half-written copy takes room and looks like nothing)
            leftover.unlink(missing_ok=True)
        # A full disk is no damage: SQLite's SQLITE_FULL is a DatabaseError too.
        if disk_full(exc):
            raise _no_room(db, target.parent, exc) from exc
        if isinstance(exc, OSError):
            raise
        damage = str(exc)
    if damage is not None:
        for leftover in leftovers:
            leftover.unlink(missing_ok=True)
        raise ElectionFileError(
            f"选举文件 {db.path} 已损坏（{damage}），备份出来的也是坏的，所以没有保存这份备份。"
            f"请不要再用它计票：运行 huanjie verify {db.path.name}，并从以前完好的备份恢复"
            f"（huanjie restore 文件 备份，备份在 {backup_dir(db.path).name} 文件夹中，或用"
            " backup --to 复制到别处的那份），再报告总监票人。",
            f"the election file {db.path} is damaged ({damage}): a backup of it would be"
            " damaged too, so none was written. Do not go on counting in it: run huanjie"
            f" verify {db.path.name}, restore it from an earlier sound backup (huanjie restore"
            f" FILE BACKUP; its backups are in the folder {backup_dir(db.path).name}, or where"
            " backup --to copied one) and tell the chief scrutineer.",
        )
    try:
        part.replace(target)
    except OSError as exc:
        for leftover in leftovers:
            leftover.unlink(missing_ok=True)
        if disk_full(exc):
            raise _no_room(db, target.parent, exc) from exc
        raise


def list_backups(path: Path, folder: Path | None = None) -> list[BackupInfo]:
    """The backups in a folder (default: the file's own), oldest first."""
    folder = backup_dir(path) if folder is None else folder
    out = []
    if folder.is_dir():
        for f in folder.iterdir():
            m = _NAME.search(f.name)
            if m and f.is_file():
                at = dt.datetime.strptime(m.group(1), "%Y%m%d-%H%M%S-%f")
                out.append(BackupInfo(f, m.group(2), at, m.group(3) or ""))
    return sorted(out, key=lambda b: (b.at, b.path.name))


def make_backup(
    db: ElectionDB, to: Path | None = None, operator: Session | None = None, reason: str = ""
) -> Path:
    """A manual backup (never deleted by the rolling limit)."""
    require(db, operator, Action.BACKUP)
    folder = backup_dir(db.path) if to is None else to
    _make_folder(db, folder)
    target = _target(folder, db.path, "manual", reason)
    _write(db, target)
    db.audit(
        "backup.made",
        {"kind": "manual", "file": target.name, "folder": str(folder)},
        operator.name if operator else None,
    )
    return target


def auto_backup(db: ElectionDB, reason: str) -> Path:
    """An automatic backup into ``<file>.backups/``, keeping the newest AUTO_KEEP of them.

    Call it outside any transaction: after a scan batch is committed, before an import
    starts writing.
    """
    folder = backup_dir(db.path)
    _make_folder(db, folder)
    target = _target(folder, db.path, "auto", reason)
    _write(db, target, quick=True)
    # The oldest go: by how far each one's history goes, not by the time in its name (a
    # clock set back made the newest backup look the oldest, and it was deleted at once).
    autos = [b.path for b in list_backups(db.path) if b.kind == "auto" and b.path != target]
    autos.sort(key=lambda p: (srepo.history_length(p), p.name))
    for old in autos[: max(0, len(autos) + 1 - AUTO_KEEP)]:
        old.unlink(missing_ok=True)
    db.audit("backup.made", {"kind": "auto", "reason": reason, "file": target.name})
    return target


# --- restore ------------------------------------------------------------------------------


@dataclass(frozen=True)
class RestoreResult:
    path: Path
    backup: Path
    kept: Path  # the file as it was before, kept as a manual backup (or moved aside)
    audit_entries: int
    #: a station laptop put back to before a results package it sent: its records fork
    #: from what the main laptop has (`FORKED_ZH`, `FORKED_EN` say what to do)
    forked: bool = False
    #: on the main laptop: stations whose station package was made after the backup (their
    #: keys were kept: their packages import and certify waits for them)
    kept_stations: tuple[str, ...] = ()
    #: on the main laptop: stations whose results packages were imported after the backup
    #: (gone with the restore: import them again)
    reimport: tuple[str, ...] = ()
    #: what this laptop recorded itself after the backup, no longer in the file (still in
    #: ``kept``): sheets (scanned or entered by hand), hand-entered ballots still waiting
    #: for their second entry, box counts (gone, or back to the backup's figures)
    lost_here: tuple[int, int, int] = (0, 0, 0)

    def stations_note(self) -> tuple[str, str] | None:
        """What the clerk must know of the stations after a restore on the main laptop."""
        zh, en = [], []
        if self.kept_stations:
            names, names_en = _station_names(self.kept_stations)
            zh.append(
                f"注意：{names} 的分团包是在这份备份之后导出的。恢复时已保留它们的登记（密钥），"
                "它们的结果包照常导入，确认结果仍等它们交来结果包（或记录决定不等）。"
            )
            en.append(
                f"Note: the station packages of {names_en} were made after this backup. Their"
                " registrations (keys) were kept: their results packages import as before, and"
                " certifying still waits for them (or a recorded decision to go without)."
            )
        if self.reimport:
            names, names_en = _station_names(self.reimport)
            zh.append(
                f"注意：{names} 的结果包是在这份备份之后导入的，恢复后已不在文件中。请重新导入它们"
                "最新的结果包（huanjie results import），再核对和确认结果。"
            )
            en.append(
                f"Note: results packages of {names_en} were imported after this backup and are"
                " no longer in the file. Import their latest results packages again (huanjie"
                " results import) before reconciling and certifying."
            )
        sheets, manual, boxes = self.lost_here
        if sheets or manual or boxes:
            # (station packages were named to import again, but not this laptop's own
            # sheets and box counts recorded since the backup: they were simply gone)
            what = [
                (n, z, e)
                for n, z, e in (
                    (
                        sheets,
                        f"{sheets} 张选票（扫描或手工录入计入的）",
                        f"{sheets} sheet(s) (scanned or entered by hand)",
                    ),
                    (
                        manual,
                        f"{manual} 张只录入了一次的手工录入选票",
                        f"{manual} hand-entered ballot(s) entered once so far",
                    ),
                    (
                        boxes,
                        f"{boxes} 个票箱的发出/收回张数",
                        f"{boxes} box count(s) (issued/collected)",
                    ),
                )
                if n
            ]
            what_zh = "、".join(z for _, z, _ in what)
            what_en = ", ".join(e for _, _, e in what)
            zh.append(
                f"注意：本机自己在这份备份之后记录的 {what_zh} 已不在恢复后的文件中。它们仍在恢复前的文件"
                f" {self.kept} 中（已保留，未改动）：请对照它重新扫描这些选票、重新录入或登记"
                "（huanjie results reconcile 列出现在文件中有什么）。"
            )
            en.append(
                f"Note: {what_en} recorded on this laptop itself after this backup are no"
                f" longer in the file. They are still in the previous file, kept unchanged as"
                f" {self.kept}: scan those ballots, enter them or record the boxes again,"
                " checking against it (huanjie results reconcile shows what the file holds now)."
            )
        return ("\n".join(zh), "\n".join(en)) if zh else None


def _station_names(stations: tuple[str, ...]) -> tuple[str, str]:
    """Stations named in a note, in Chinese and in English."""
    return "、".join(f"“{s}”" for s in stations), ", ".join(repr(s) for s in stations)


FORKED_ZH = (
    "注意：这台分团计票机在这份备份之后已向主机交过结果包。恢复以后再计的选票与主机已有的记录分叉，"
    "主机会拒收它以后的结果包。请在主机上为它用新名称导出分团包（huanjie station export --station "
    "原名称-2），在新文件上继续计票；这份备份之后计过的选票，也请在新文件上重新扫描或录入。"
)
FORKED_EN = (
    "Note: this station laptop sent the main laptop a results package after this backup was"
    " made. Whatever is counted here from now on forks from the main laptop's records, and"
    " its next package will be refused. On the main laptop, export a station package for it"
    " under a new name (huanjie station export --station NAME-2) and go on counting in the new"
    " file; scan or enter again there the ballots counted since this backup."
)


def check_backup(backup: Path) -> tuple[str | None, str, str]:
    """Refuse a backup that is not a sound election file; its (ballot key, role, station)."""
    if not backup.is_file():
        raise ElectionFileError(f"找不到备份 {backup}。", f"backup {backup} not found.")
    facts = srepo.read_file_facts(backup)
    if facts is None or facts.app != APP_ID or not facts.intact:
        raise ElectionFileError(
            f"{backup} 不是有效的选举文件备份，或已损坏。",
            f"{backup} is not a valid election file backup, or it is damaged.",
        )
    if facts.version > latest_version():
        raise ElectionFileError(
            f"备份 {backup.name} 由更新版本的软件写入，请先升级软件。",
            f"backup {backup.name} was written by a newer version: update the software first.",
        )
    if facts.chain_break is not None:
        zh, en = facts.chain_break
        raise ElectionFileError(
            f"备份 {backup.name} 的审计日志不完整：{zh}。不能用它恢复。",
            f"the audit log of backup {backup.name} is broken: {en}. It cannot be restored.",
        )
    if facts.altered:
        raise ElectionFileError(
            f"备份 {backup.name} 中有 {facts.altered} 条记录在本软件之外被改动过（与软件写入时的封记不符），"
            "不能用它恢复。请改用另一份备份，并报告总监票人。",
            f"{facts.altered} records in backup {backup.name} were changed outside the app (they"
            " no longer match the seals the app wrote); it cannot be restored. Use another"
            " backup, and tell the chief scrutineer.",
        )
    return facts.identity


def restore(
    path: Path,
    backup: Path,
    operator_name: str,
    operator: Session | None = None,
    *,
    undo_certified: bool = False,
) -> RestoreResult:
    """Replace the election file at `path` with `backup`, keeping the current file first.

    If the current file cannot be opened at all (damaged), the backup must be one of its own
    (from its backup folder, or named as its backups are: one copied elsewhere with
    ``backup --to``); the damaged file is moved aside as ``<file>.damaged-<time>``.
    A backup older than a certified (or void-recorded) round of the current file would undo
    it: refused unless ``undo_certified`` (the current file is kept either way).
    """
    ident = check_backup(backup)
    try:
        db: ElectionDB | None = open_election_file(path, operator_name, migrate=False)
    except ElectionFileError:
        if not path.exists():
            raise
        # Nothing of the damaged file can be checked against the backup: it must be one of
        # this file's, from its own folder or copied elsewhere (backup --to keeps its name).
        if backup.resolve().parent == backup_dir(path).resolve() or _is_backup_of(backup, path):
            db = None
        else:
            raise ElectionFileError(
                f"{path.name} 已损坏，而 {backup.name} 看来不是它的备份（它的备份名以"
                f"“{path.stem}-”开头，放在 {backup_dir(path).name} 文件夹里，或用 backup --to"
                "复制到别处）。请选它自己的备份；未作任何改动。",
                f"{path.name} is damaged, and {backup.name} does not look like one of its"
                f" backups (their names begin with {path.stem + '-'!r}; they are in the folder"
                f" {backup_dir(path).name}, or copied elsewhere with backup --to). Choose one of"
                " its own backups; nothing was changed.",
            ) from None
    if db is None:
        return _restore_over_damaged(path, backup, operator_name)
    try:
        require(db, operator, Action.RESTORE)
        if srepo.file_identity(db.con) != ident:
            raise ElectionFileError(
                f"备份 {backup.name} 不是本选举文件的备份（属于另一场选举或另一台计票机），未作任何改动。",
                f"{backup.name} is not a backup of this election file (another election or another laptop); nothing was changed.",
            )
        lost = sorted(
            set(srepo.frozen_rounds_in(path).items()) - set(srepo.frozen_rounds_in(backup).items())
        )
        if lost and not undo_certified:
            which = "、".join(f"{c} 第 {n} 轮" for (c, n), _ in lost)
            which_en = ", ".join(f"{c} round {n}" for (c, n), _ in lost)
            raise ElectionFileError(
                f"备份 {backup.name} 比现在的文件旧：{which} 的结果在现在的文件中已确认（或记为无效），"
                "备份里却没有。恢复会撤销这些确认，未作任何改动。如确需恢复，请加 --undo-certified"
                "（现在的文件会保留在备份文件夹中）。",
                f"backup {backup.name} is older than this file: {which_en} certified (or recorded"
                " void) here are not so in the backup; restoring would undo that. Nothing was"
                " changed. If it must be restored, add --undo-certified (this file is kept in"
                " the backups folder).",
            )
        # (last: it is the one check that writes to the file, when it finds it alone)
        if not srepo.only_connection(db.con):
            raise ElectionFileError(
                f"{path.name} 正被另一个窗口或程序打开（可能正在扫描或导入）。恢复会让它写入的选票"
                "丢失而不自知，未作任何改动。请先关闭那个窗口、等扫描结束后再恢复。",
                f"{path.name} is open in another window or program (a scan or an import may be"
                " running); restoring now would lose what it writes without its knowing."
                " Nothing was changed. Close it, or let the scan finish, then restore.",
            )
        kept = _target(backup_dir(path), path, "manual", "before-restore")
        kept.parent.mkdir(parents=True, exist_ok=True)
        # (unchecked: a damaged file being restored is kept as it is, for whoever looks into it)
        _write(db, kept, check=False)
        station = db.meta("role") == "station"  # (stations.is_station: it imports this module)
        exported = srepo.last_seq_of(db, "results.exported") if station else 0
        keys = [] if station else srepo.read_keys(db)
        identity = None if station else srepo.read_identity(db)
        imported = [] if station else [(p.digest, p.station) for p in srepo.read_packages(db)]
        laptops = {k.name for k in keys if k.role == "station"}
        own_before = srepo.own_records(db, laptops)
        srepo.copy_file_into(backup, db.con)
        own_after = srepo.own_records(db, laptops)
        lost_sheets = own_before.sheets - own_after.sheets
        lost_here = (
            len(lost_sheets),
            # (a hand-entered ballot both entries agreed on is a sheet, counted above)
            sum(
                1
                for c, n, label in own_before.manual - own_after.manual
                if f"manual:{c}:{n}:{label}" not in lost_sheets
            ),
            len(own_before.boxes - own_after.boxes),
        )
        # A station put back to before a results package it sent: whatever it counts from
        # here forks from what the main laptop has, and its next package will be refused.
        forked = exported > srepo.last_seq(db)
        with db.transaction() as con:
            # The main laptop put back to before a station package it made: that station's
            # laptop exists and counts. Forgotten, its results package was refused as
            # signed by an unknown key and certify no longer waited for it, its ballots
            # shut out without a word. Its registration (and this laptop's own key, made
            # with the first station package) is kept.
            known = {k.public_key for k in srepo.read_keys(db)}
            put_back = [k for k in keys if k.public_key not in known]
            for k in put_back:
                srepo.put_back_key(con, k)
            if identity is not None and srepo.read_identity(db) is None:
                srepo.put_back_identity(con, identity)
            still = {p.digest for p in srepo.read_packages(db)}
            reimport = sorted({name for digest, name in imported if digest not in still})
            kept_stations = sorted({k.name for k in put_back if k.role == "station"})
            db.audit(
                "backup.restored",
                {
                    "from": backup.name,
                    "kept": kept.name,
                    "undid_certified": [f"{c}/{n}" for (c, n), _ in lost],
                    **({"kept_stations": kept_stations} if kept_stations else {}),
                    **({"packages_to_import_again": reimport} if reimport else {}),
                    **(
                        {
                            "lost_here": dict(
                                zip(
                                    ("sheets", "manual_entries", "box_counts"),
                                    lost_here,
                                    strict=True,
                                )
                            )
                        }
                        if any(lost_here)
                        else {}
                    ),
                },
                operator.name if operator else None,
            )
        entries = srepo.audit_count(db)
    finally:
        db.close()
    return RestoreResult(
        path, backup, kept, entries, forked, tuple(kept_stations), tuple(reimport), lost_here
    )


def _restore_over_damaged(path: Path, backup: Path, operator_name: str) -> RestoreResult:
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    aside = path.with_name(f"{path.name}.damaged-{stamp}")
    path.replace(aside)
    for suffix in ("-wal", "-shm"):
        side = Path(str(path) + suffix)
        if side.exists():
            side.replace(Path(str(aside) + suffix))
    srepo.copy_file_to(backup, path)
    with open_election_file(path, operator_name, migrate=False) as db:
        db.audit("backup.restored", {"from": backup.name, "damaged_file": aside.name})
        entries = srepo.audit_count(db)
    return RestoreResult(path, backup, aside, entries)
