"""`huanjie verify`: is this election file what the app wrote?

Checks the audit chain; that every sealed row (sheets, box counts, the roster, candidates,
the rounds and their ballot order, the contests' rules, check-ins, decisions, serials,
accounts…) still matches the seal the app wrote with it (a row changed with another tool
does not); that no sheet or check-in the audit log records has gone; that the records
imported from stations are as they came; that certified results still match their digests
and that stored totals equal what the sheet records give.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from huanjie_desktop.app import counting
from huanjie_desktop.app.stations import verify_station_records
from huanjie_desktop.storage import counting as count_store
from huanjie_desktop.storage.db import ElectionDB, seal_breaks, verify_audit_chain

MAX_LISTED = 20  # records changed outside the app listed one by one


@dataclass
class VerifyReport:
    ok: bool = True
    audit_entries: int = 0
    problems: list[tuple[str, str]] = field(default_factory=list)  # (zh, en)
    notes: list[tuple[str, str]] = field(default_factory=list)

    def fail(self, zh: str, en: str) -> None:
        self.ok = False
        self.problems.append((zh, en))

    def lines(self, lang: str) -> list[str]:
        pick = 1 if lang == "en" else 0
        out = [n[pick] for n in self.notes]
        out += [("✗ " + p[pick]) for p in self.problems]
        if self.ok:
            out.append(
                "✓ 文件完好，未发现软件之外的改动"
                if pick == 0
                else "✓ the file is intact: no change made outside the app was found"
            )
        else:
            out.append(
                "请交总监票人：不要签署或公布由这个文件打印的结果。用最近一份完好的备份核对"
                "（huanjie restore 会先核查备份），必要时用原票重新计票。"
                if pick == 0
                else "For the chief scrutineer: do not sign or announce results printed from"
                " this file. Compare with the latest sound backup (huanjie restore checks a"
                " backup first) and, if need be, count the paper ballots again."
            )
        return out

    def to_json(self, lang: str) -> dict[str, Any]:
        pick = 1 if lang == "en" else 0
        return {
            "ok": self.ok,
            "audit_entries": self.audit_entries,
            "problems": [p[pick] for p in self.problems],
            "notes": [n[pick] for n in self.notes],
        }


def unexplained_readings(db: ElectionDB) -> list[tuple[str, str]]:
    """Scanned sheets that count otherwise than the machine read them, with no confirmed
    review decision saying so: what counts was changed behind the review (zh, en)."""
    out: list[tuple[str, str]] = []
    rows = db.con.execute(
        "SELECT id, marks, ballot_valid, final_marks, final_valid, final_writeins"
        " FROM sheets WHERE status = 'counted' AND source = 'scan'"
        " AND (final_marks IS NOT marks OR final_valid IS NOT ballot_valid"
        " OR final_writeins != '[]') ORDER BY id"
    ).fetchall()
    for sid, marks, valid, final_marks, final_valid, final_writeins in rows:
        counted_writeins = json.loads(final_writeins or "[]")
        confirmed = [d for d in count_store.decisions_for(db, str(sid)) if d.confirmed_by]
        if not confirmed:
            # (write-ins counted without anyone's decision are as unexplained as marks)
            explained = final_marks == marks and final_valid == valid and not counted_writeins
        else:
            # (one of them: a station's decision merged in after this file had confirmed its
            # own is on record, not applied — the sheet counts by this file's)
            explained = any(
                str(d.decided.get("marks") or "") == (final_marks or "")
                and bool(d.decided.get("valid")) == bool(final_valid)
                and list(d.decided.get("writeins") or []) == counted_writeins
                for d in confirmed
            )
        if not explained:
            out.append(
                (
                    f"选票 {sid} 按“{final_marks}”计入，而机器读的是“{marks}”，却没有经确认的审核决定",
                    f"sheet {sid} counts as {final_marks!r} though the machine read {marks!r},"
                    " and no confirmed review decision says so",
                )
            )
    return out


def _chain_problem(db: ElectionDB) -> tuple[str, str] | None:
    brk = verify_audit_chain(db.con)
    if brk is None:
        return None
    return (
        f"审计日志：{brk.reason_zh}（第一处问题在第 {brk.seq} 条）",
        f"audit log: {brk.reason_en} (first problem at entry {brk.seq})",
    )


_SEALED = {
    "sheets": ("选票记录", "ballot sheet"),
    "box_counts": ("票箱发出收回记录", "box count"),
    "box_choices": (
        "两个分团都报来的票箱按哪一份计（票箱的发出收回）",
        "which report counts for a box two stations reported (its issued and collected)",
    ),
    "people": ("代表名单记录", "roster entry"),
    "candidates": ("候选人记录", "candidate"),
    "election": ("选举的名称和日期", "the election's name and date"),
    "units": ("选举单位", "electoral unit"),
    "contests": (
        "选举事项的规则（名额、当选基数、法定人数等）",
        "contest rules (seats, base, quorum…)",
    ),
    "rounds": ("轮次记录（名额、状态、冻结的结果）", "round (seats, status, frozen result)"),
    "round_candidates": (
        "选票上候选人的顺序（决定每个标记计给谁）",
        "ballot order of the candidates (whom each mark counts for)",
    ),
    "officials": ("监票人、计票人名单", "scrutineers and counters"),
    "checkins": ("报到记录（实到人数）", "check-in (the number present)"),
    "decisions": ("审核决定", "review decision"),
    "manual_entries": ("手工录入的选票", "ballot entered by hand"),
    "withdrawals": (
        "撤出计票的手工录入（只录入了一次的标签）",
        "hand entry taken out of the count (a label entered once)",
    ),
    "print_runs": ("选票印制记录", "ballot print run"),
    "serials": ("选票防伪码记录", "printed ballot serial"),
    "accounts": ("账户（角色和权限）", "account (role and rights)"),
}


def _sheet_words(db: ElectionDB, key: str) -> tuple[str, str]:
    """A ballot sheet as the counting room knows it: its serial, its scan file and page."""
    r = db.con.execute(
        "SELECT serial, source_file, page FROM sheets WHERE id = ?", (key,)
    ).fetchone()
    if r is None:
        return key, key
    name = Path(str(r["source_file"] or "")).name
    zh = f"（防伪码 {r['serial'] or '无'}，{name} 第 {r['page']} 页）"
    en = f" (serial {r['serial'] or 'none'}, {name} page {r['page']})"
    return key + zh, key + en


def _seal_problems(db: ElectionDB) -> list[tuple[str, str]]:
    """Rows whose contents no longer match the seal the app wrote (the first MAX_LISTED)."""
    breaks = seal_breaks(db.con)
    out = []
    for table, key in breaks[:MAX_LISTED]:
        zh, en = _SEALED.get(table, (table, table))
        key_zh, key_en = _sheet_words(db, key) if table == "sheets" else (key, key)
        out.append(
            (
                f"{zh} {key_zh} 在本软件之外被改动（其内容与软件写入时的封记不符）",
                f"{en} {key_en} was changed outside the app (its contents no longer match the"
                " seal the app wrote)",
            )
        )
    if len(breaks) > MAX_LISTED:
        more = len(breaks) - MAX_LISTED
        out.append(
            (
                f"另有 {more} 条记录在软件之外被改动",
                f"{more} more records were changed outside the app",
            )
        )
    return out


def missing_records(db: ElectionDB) -> list[tuple[str, str]]:
    """Rows the audit log says the app wrote and the file no longer holds (a seal shows a
    row changed, not one taken away): scanned sheets, and check-ins (实到), replayed."""
    out: list[tuple[str, str]] = []
    listed: list[str] = []
    present: dict[str, bool] = {}
    for event, detail in db.con.execute(
        "SELECT event, detail FROM audit WHERE event IN"
        " ('scan.batch', 'checkin.added', 'checkin.undone') ORDER BY seq"
    ):
        body = json.loads(detail or "{}")
        if event == "scan.batch":
            ids = body.get("sheets")
            listed += [str(x) for x in ids] if isinstance(ids, list) else []
        else:
            present[str(body.get("person"))] = event == "checkin.added"
    stored = {str(r[0]) for r in db.con.execute("SELECT id FROM sheets")}
    gone = [x for x in dict.fromkeys(listed) if x not in stored]
    for sheet in gone[:MAX_LISTED]:
        out.append(
            (
                f"选票记录 {sheet} 已在审计日志中登记为扫描入库，但文件中没有了（在本软件之外被删除）",
                f"ballot sheet {sheet} is in the audit log as scanned and stored, but the file"
                " no longer holds it (deleted outside the app)",
            )
        )
    if len(gone) > MAX_LISTED:
        out.append(
            (
                f"另有 {len(gone) - MAX_LISTED} 条选票记录被删除",
                f"{len(gone) - MAX_LISTED} more ballot sheets were deleted",
            )
        )
    out += _missing_decisions(db)
    rows = {str(r[0]) for r in db.con.execute("SELECT person FROM checkins")}
    logged = {p for p, on in present.items() if on}
    if rows != logged:
        lost, added = sorted(logged - rows), sorted(rows - logged)
        out.append(
            (
                "报到记录与审计日志不符（实到人数被改动）："
                + (f"日志中已报到而文件中没有：{'、'.join(lost[:10])}" if lost else "")
                + ("；" if lost and added else "")
                + (f"文件中有而日志中没有：{'、'.join(added[:10])}" if added else ""),
                "check-ins differ from the audit log (the number present was changed): "
                + (
                    f"checked in per the log, missing from the file: {', '.join(lost[:10])}"
                    if lost
                    else ""
                )
                + ("; " if lost and added else "")
                + (f"in the file, not in the log: {', '.join(added[:10])}" if added else ""),
            )
        )
    return out


def _missing_decisions(db: ElectionDB) -> list[tuple[str, str]]:
    """Review decisions this laptop's audit log records (decided, confirmed) that the file no
    longer holds: the app never deletes one, and a sheet whose decision was deleted counts (or
    is set aside as a duplicate scan) with nothing on record saying why."""
    held: dict[int, str] = {
        int(i): str(s) for i, s in db.con.execute("SELECT id, sheet FROM decisions")
    }
    on_sheet = set(held.values())
    gone: dict[tuple[int | None, str], None] = {}
    for (detail,) in db.con.execute(
        "SELECT detail FROM audit WHERE event IN ('review.decided', 'review.confirmed')"
        " ORDER BY seq"
    ):
        body = json.loads(detail or "{}")
        sheet = str(body.get("sheet", ""))
        number = body.get("decision")
        if isinstance(number, int):
            if held.get(number) != sheet:
                gone[(number, sheet)] = None
        elif sheet and sheet not in on_sheet:
            gone[(None, sheet)] = None
    out: list[tuple[str, str]] = []
    for number, sheet in list(gone)[:MAX_LISTED]:
        zh, en = _sheet_words(db, sheet)
        no = f" #{number}" if number is not None else ""
        out.append(
            (
                f"选票 {zh} 的审核决定{no}已在审计日志中登记，但文件中没有了（在本软件之外被删除）",
                f"review decision{no} on ballot sheet {en} is in the audit log, but the file no"
                " longer holds it (deleted outside the app)",
            )
        )
    if len(gone) > MAX_LISTED:
        more = len(gone) - MAX_LISTED
        out.append((f"另有 {more} 条审核决定被删除", f"{more} more review decisions were deleted"))
    return out


def integrity_problems(db: ElectionDB, *, images: bool = False) -> list[tuple[str, str]]:
    """What `verify` finds changed outside the app in this laptop's own records: the audit
    chain, the seals, counted readings no decision explains, and with ``images`` the kept
    ballot images replaced (each one read and hashed: for certifying, printing papers to sign
    and exporting, not for every tally) (zh, en); [] when none."""
    chain = _chain_problem(db)
    return (
        ([chain] if chain else [])
        + _seal_problems(db)
        + missing_records(db)
        + unexplained_readings(db)[:MAX_LISTED]
        + (image_problems(db)[0] if images else [])
    )


def image_problems(db: ElectionDB) -> tuple[list[tuple[str, str]], int, int]:
    """The kept ballot images that are not the images scanned (another file copied over one:
    the evidence a review or a dispute looks at), as problems; and how many were checked and
    how many are not in the images folder (a file copied without it)."""
    import hashlib

    folder = Path(str(db.path) + ".images")
    changed: list[tuple[str, str]] = []
    checked = absent = 0
    for sid, sha, rel in db.con.execute(
        # (a hand-entered ballot has no image; one brought by a station's package before
        # this was fixed had a path to a file that never existed)
        "SELECT id, image_sha256, image_path FROM sheets WHERE image_path IS NOT NULL"
        " AND image_path <> '' AND source <> 'manual' ORDER BY scanned_at, id"
    ):
        f = folder / str(rel)
        try:
            data = f.read_bytes()
        except OSError:
            absent += 1
            continue
        checked += 1
        if hashlib.sha256(data).hexdigest() != sha:
            zh, en = _sheet_words(db, str(sid))
            changed.append(
                (
                    f"选票记录 {zh} 保存的图像 {rel} 不是扫描时的图像（被替换或改动过）",
                    f"the kept image {rel} of ballot sheet {en} is not the image scanned"
                    " (replaced or altered)",
                )
            )
    shown = changed[:MAX_LISTED]
    if len(changed) > MAX_LISTED:
        more = len(changed) - MAX_LISTED
        shown.append((f"另有 {more} 张图像被替换", f"{more} more images were replaced"))
    return shown, checked, absent


def verify_file(db: ElectionDB, digest: str | None = None) -> VerifyReport:
    report = VerifyReport()
    report.audit_entries = int(db.con.execute("SELECT count(*) FROM audit").fetchone()[0])
    chain = _chain_problem(db)
    if chain is not None:
        report.fail(*chain)
    else:
        report.notes.append(
            (
                f"审计日志 {report.audit_entries} 条，哈希链完整",
                f"audit log: {report.audit_entries} entries, hash chain intact",
            )
        )
    for zh, en in _seal_problems(db) + missing_records(db):
        report.fail(zh, en)
    for zh, en in unexplained_readings(db)[:MAX_LISTED]:
        report.fail(zh, en)
    images, checked, absent = image_problems(db)
    for zh, en in images:
        report.fail(zh, en)
    if checked or absent:
        report.notes.append(
            (
                f"核对了 {checked} 张保存的选票图像"
                + (
                    f"；{absent} 张不在图像文件夹中（复制选举文件时没有一并复制 .images 文件夹则属正常）"
                    if absent
                    else ""
                ),
                f"{checked} kept ballot images checked"
                + (
                    f"; {absent} not in the images folder (as when the election file was"
                    " copied without its .images folder)"
                    if absent
                    else ""
                ),
            )
        )
    for zh, en in verify_station_records(db):
        report.fail(zh, en)
    for zh, en in counting.verify_results(db):
        report.fail(zh, en)
    if digest:
        found = counting.verify_digest(db, digest)
        if found.ok:
            report.notes.append((found.zh, found.en))
        else:
            report.fail(found.zh, found.en)
    return report
