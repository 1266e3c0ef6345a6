"""Commands: station export/open/list, results export/import/reconcile, account add/list/passwd,
backup, restore.

Signing in: `cli.common.open_session` (see there): no prompt while the file has no account;
otherwise ``--operator NAME`` with the password from HUANJIE_PASSWORD or a prompt.
"""

from __future__ import annotations

import getpass
import os
import sys
from pathlib import Path
from typing import Any

from huanjie_desktop.cli.common import (
    EXIT_OK,
    EXIT_REFUSED,
    Ctx,
    open_session,
    refuse,
    signed_in,
)
from huanjie_desktop.storage.db import ElectionFileError, open_election_file, wall_clock

login = open_session  # the helper's former name here


def _new_password(ctx: Ctx, first_account: bool) -> str:
    """The new password: HUANJIE_NEW_PASSWORD, HUANJIE_PASSWORD for the very first account,
    the first line of stdin when it is not a terminal, or a prompt typed twice."""
    env = os.environ.get("HUANJIE_NEW_PASSWORD")
    if env is None and first_account:
        env = os.environ.get("HUANJIE_PASSWORD")
    if env is not None:
        return env
    if not sys.stdin.isatty():
        line = sys.stdin.readline().rstrip("\r\n")
        if not line:
            refuse(
                ctx.t(
                    "没有给出新账户的密码：请设置环境变量 HUANJIE_NEW_PASSWORD，或从标准输入给出一行密码。",
                    "no password was given for the account: set HUANJIE_NEW_PASSWORD, or give"
                    " it as one line on standard input.",
                )
            )
        return line
    one = getpass.getpass(ctx.t("新密码：", "new password: "))
    two = getpass.getpass(ctx.t("再输一次：", "again: "))
    if one != two:
        refuse(ctx.t("两次输入的密码不一致。", "the two passwords differ."))
    return one


def _rejected(ctx: Ctx, exc: Any) -> int:
    messages: list[str] = exc.messages(ctx.lang)
    if getattr(ctx.args, "json", False):
        ctx.json({"ok": False, "problems": messages})
    else:
        name = getattr(ctx.args, "package", "") or ""
        ctx.err(
            ctx.t(
                f"数据包 {name} 被拒绝，未写入任何内容：",
                f"The package {name} was refused; nothing of it was written:",
            )
        )
        for m in messages:
            ctx.err("  ✗ " + m)
        codes = {str(getattr(p, "code", "")) for p in getattr(exc, "problems", [])}
        if codes == {"certified_without_station"}:
            # (a round certified without this station by decision: the refusal says what
            # its ballots are, and that nothing is left to do for that round)
            ctx.err(ctx.t("选举文件没有改动。", "The election file is unchanged."))
        elif codes and codes <= {"certified", "void", "superseded", "certified_without_station"}:
            # (exporting again sends the same change to a frozen round: it cannot help)
            ctx.err(
                ctx.t(
                    "选举文件没有改动。分团计票机改动了主机上已冻结的轮次，重新导出也一样会被拒绝。"
                    "请交总监票人决定：这些改动不计入时，在主机上用新的分团名称重新导出分团包"
                    "（huanjie station export … --station 新名称），在新的分团文件上继续其他事项。",
                    "The election file is unchanged. The station changed a round frozen here;"
                    " exporting again is refused the same way. For the chief scrutineer: if"
                    " those changes are not to count, export a station package under a new"
                    " station name here (huanjie station export … --station NEW-NAME) and go on"
                    " with the other contests in that new station file.",
                )
            )
        elif codes in ({"cannot_write"}, {"election_file"}):
            # (nothing damaged: the refusal already says what to do)
            ctx.err(ctx.t("选举文件没有改动。", "The election file is unchanged."))
        else:
            ctx.err(
                ctx.t(
                    "选举文件没有改动。请核对是否选对了文件；包损坏或被改动的，在原来的计票机上重新导出，"
                    "重新复制后再导入。",
                    "The election file is unchanged. Check that this is the right file; if the"
                    " package is damaged or was changed, export it again on the laptop that made"
                    " it, copy it again and import that.",
                )
            )
    return EXIT_REFUSED


# --- parsers ------------------------------------------------------------------------------


def register(sub: Any) -> None:
    p = sub.add_parser("station", help="分团计票包 / station packages for sub-delegations")
    s = p.add_subparsers(dest="station_command", metavar="ACTION", required=True)
    q = s.add_parser("export", help="为一个分团导出分团包（主机）/ make a station package")
    q.add_argument("file", metavar="FILE")
    q.add_argument("--station", required=True, metavar="NAME", help="分团名称 / station name")
    q.add_argument("--out", required=True, metavar="PKG")
    q.add_argument("--json", action="store_true")
    q.set_defaults(func=run_station_export)
    q = s.add_parser("open", help="由分团包新建分团选举文件（分团机）/ open a station package")
    q.add_argument("package", metavar="PKG")
    q.add_argument("file", metavar="FILE.huanjie")
    q.add_argument(
        "--expect-key", metavar="FP", help="the main laptop's key fingerprint shown at export"
    )
    q.add_argument("--json", action="store_true")
    q.set_defaults(func=run_station_open)
    q = s.add_parser("list", help="已登记的分团 / registered stations")
    q.add_argument("file", metavar="FILE")
    q.add_argument("--json", action="store_true")
    q.set_defaults(func=run_station_list)

    p = sub.add_parser("results", help="分团计票结果包 / results packages")
    s = p.add_subparsers(dest="results_command", metavar="ACTION", required=True)
    q = s.add_parser("export", help="导出本分团的计票结果（分团机）/ export this station's results")
    q.add_argument("file", metavar="FILE")
    q.add_argument("--out", required=True, metavar="PKG")
    q.add_argument("--images", action="store_true", help="include the page images")
    q.add_argument(
        "--done",
        action="store_true",
        help="本分团已计票完毕：主机据此确认（包里没有记录的轮次，投票开始后导出的才算没有选票）/ this"
        " station has finished counting: the main laptop certifies on it (a round it has"
        " nothing of had no ballots here — if the package was made after that round's voting"
        " began)",
    )
    q.add_argument("--json", action="store_true")
    q.set_defaults(func=run_results_export)
    q = s.add_parser("import", help="导入分团计票结果（主机）/ import a station's results")
    q.add_argument("file", metavar="FILE")
    q.add_argument("package", metavar="PKG")
    q.add_argument("--json", action="store_true")
    q.set_defaults(func=run_results_import)
    q = s.add_parser("reconcile", help="各分团、各票箱核对 / per-station, per-box reconciliation")
    q.add_argument("file", metavar="FILE")
    q.add_argument("--json", action="store_true")
    q.set_defaults(func=run_reconcile)

    p = sub.add_parser("account", help="账户与权限 / accounts and rights")
    s = p.add_subparsers(dest="account_command", metavar="ACTION", required=True)
    q = s.add_parser(
        "add",
        help="新增账户；密码取自标准输入或 HUANJIE_NEW_PASSWORD / add an account (password from stdin)",
    )
    q.add_argument("file", metavar="FILE")
    q.add_argument("--name", required=True)
    q.add_argument(
        "--role", required=True, choices=["admin", "counter", "scrutineer", "chief_scrutineer"]
    )
    q.set_defaults(func=run_account_add)
    q = s.add_parser("list", help="列出账户 / list accounts")
    q.add_argument("file", metavar="FILE")
    q.add_argument("--json", action="store_true")
    q.set_defaults(func=run_account_list)
    q = s.add_parser("passwd", help="修改密码（管理员可重设他人密码并解锁）/ change a password")
    q.add_argument("file", metavar="FILE")
    q.add_argument("--name", help="whose password (default: the operator's own)")
    q.set_defaults(func=run_account_passwd)

    p = sub.add_parser("backup", help="备份选举文件 / back up an election file")
    p.add_argument("file", metavar="FILE")
    p.add_argument("--to", metavar="DIR", help="folder (default: FILE.backups/)")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=run_backup)
    p = sub.add_parser("restore", help="从备份恢复 / restore an election file from a backup")
    p.add_argument("file", metavar="FILE")
    p.add_argument("backup", metavar="BACKUP")
    p.add_argument(
        "--undo-certified",
        action="store_true",
        help="备份早于已确认的结果时仍然恢复 / restore even if it undoes certified results",
    )
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=run_restore)


# --- station ------------------------------------------------------------------------------


def run_station_export(ctx: Ctx) -> int:
    from huanjie_desktop.app.stations import export_station

    a = ctx.args
    with signed_in(ctx, a.file) as (db, session):
        r = export_station(db, a.station, Path(a.out), session)
    if a.json:
        ctx.json(
            {
                "ok": True,
                "package": str(r.path),
                "station": r.station,
                "station_key": r.station_key,
                "main_key": r.main_key,
                "election_fingerprint": r.election_fingerprint,
                "digest": r.digest,
            }
        )
        return EXIT_OK
    ctx.out(
        ctx.t(
            f"已为分团“{r.station}”导出分团包 {r.path}",
            f"Station package for {r.station!r} written to {r.path}",
        )
    )
    ctx.out(ctx.t(f"  主机密钥指纹：{r.main_key}", f"  main key fingerprint:    {r.main_key}"))
    ctx.out(
        ctx.t(f"  分团密钥指纹：{r.station_key}", f"  station key fingerprint: {r.station_key}")
    )
    ctx.out(
        ctx.t(
            "  分团包内含选票密钥和分团签名密钥：请像票箱一样保管U盘。分团机上运行：",
            "  The package holds the ballot key and the station's signing key: guard the stick like a ballot box. On the station laptop run:",
        )
    )
    ctx.out(f'  huanjie station open {r.path.name} FILE.huanjie --expect-key "{r.main_key}"')
    return EXIT_OK


def run_station_open(ctx: Ctx) -> int:
    from huanjie_desktop.app.stations import PackageRejected, open_station_package

    a = ctx.args
    try:
        r = open_station_package(Path(a.package), Path(a.file), ctx.operator, a.expect_key)
    except PackageRejected as exc:
        return _rejected(ctx, exc)
    except ElectionFileError as exc:
        refuse(exc.message(ctx.lang))
    if a.json:
        ctx.json(
            {
                "ok": True,
                "file": str(r.path),
                "station": r.station,
                "main_key": r.main_key,
                "election_fingerprint": r.election_fingerprint,
            }
        )
        return EXIT_OK
    ctx.out(
        ctx.t(
            f"已创建分团“{r.station}”的选举文件 {r.path}（{r.election}；选举定义只读）。",
            f"Created station {r.station!r}'s election file {r.path} ({r.election}; the definition is read-only).",
        )
    )
    ctx.out(
        ctx.t(
            f"  主机密钥指纹：{r.main_key}（请与主机导出时显示的核对）",
            f"  main key fingerprint: {r.main_key} (compare with the one shown at export)",
        )
    )
    return EXIT_OK


def run_station_list(ctx: Ctx) -> int:
    from huanjie_desktop.app.stations import list_stations

    with signed_in(ctx, ctx.args.file) as (db, session):
        rows = list_stations(db, session)
    if ctx.args.json:
        ctx.json({"stations": [r.to_json() for r in rows]})
        return EXIT_OK
    if not rows:
        ctx.out(ctx.t("尚未导出任何分团包。", "No station package made yet."))
    for r in rows:
        state = ctx.t("已作废", "revoked") if r.revoked else ""
        made = wall_clock(r.registered_at)  # (--json keeps the stored UTC time)
        ctx.out(
            ctx.t(
                f"{r.name:<10} 密钥 {r.key}  登记于 {made}  已导入 {r.packages_imported} 个结果包 {state}",
                f"{r.name:<10} key {r.key}  registered {made}  {r.packages_imported} packages imported {state}",
            )
        )
    return EXIT_OK


# --- results ------------------------------------------------------------------------------


def run_results_export(ctx: Ctx) -> int:
    from huanjie_desktop.app.stations import export_results

    a = ctx.args
    with signed_in(ctx, a.file) as (db, session):
        r = export_results(db, Path(a.out), images=a.images, operator=session, done=a.done)
    empty = [label for label, held in r.rounds.items() if not any(held.values())]
    if a.json:
        ctx.json(
            {
                "ok": True,
                "package": str(r.path),
                "station": r.station,
                "records": r.counts,
                "rounds": r.rounds,
                "done": r.done,
                "images": r.images,
                "missing_images": r.missing_images,
                "digest": r.digest,
            }
        )
        return EXIT_OK
    c = r.counts
    ctx.out(
        ctx.t(
            f"已导出分团“{r.station}”的计票结果包 {r.path}：选票记录 {c['sheet']}，审核决定 {c['decision']}，手工录入 {c['manual_entry']}，票箱 {c['box_count']}，图像 {r.images}。",
            f"Station {r.station!r}'s results written to {r.path}: {c['sheet']} sheets, {c['decision']} decisions, "
            f"{c['manual_entry']} manual entries, {c['box_count']} box counts, {r.images} images.",
        )
    )
    for label, held in r.rounds.items():
        if any(held.values()):
            ctx.out(
                ctx.t(
                    f"  {label}：选票 {held['sheet']}，手工录入 {held['manual_entry']}，票箱 {held['box_count']}",
                    f"  {label}: {held['sheet']} sheets, {held['manual_entry']} hand-entered, {held['box_count']} box counts",
                )
            )
    if empty and r.done:
        ctx.out(
            ctx.t(
                f"  已声明本分团计票完毕：这个包里没有 {'、'.join(empty)} 的选票、手工录入或票箱数。"
                "只有在这一轮开始投票之后导出的包，主机才把它当作本分团没有这一轮的选票、不再等它；"
                "投票之前导出的（例如试 U 盘），主机仍会等待，计完票后要再加 --done 导出一次。",
                f"  Stated that this station has finished counting: this package holds no"
                f" sheet, hand entry or box count of {', '.join(empty)}. The main laptop takes"
                " that as no ballots of a round here, and stops waiting, only for a package made"
                " after the round's voting began; one made before (to test the stick, say) still"
                " leaves it waiting — export again with --done once counted.",
            )
        )
    elif empty:
        ctx.err(
            ctx.t(
                f"  [提示] 这个包里没有 {'、'.join(empty)} 的选票、手工录入或票箱数：主机上这些轮次会继续等待本分团"
                "（不能确认结果、不能开启下一轮）。计完票后再导出一次；本分团确实没有这些轮次的选票的，"
                "导出时加 --done（声明计票完毕）。",
                f"  [note] this package holds no sheet, hand entry or box count of"
                f" {', '.join(empty)}: the main laptop goes on waiting for this station there"
                " (no certifying, no next round). Export again once counted; if this station"
                " has no ballots of those rounds, export with --done (it has finished counting).",
            )
        )
    partial = [label for label, held in r.rounds.items() if any(held.values())]
    if partial and not r.done:
        # (a package sent part-way is no count: the main laptop cannot certify those rounds
        # on it — the ballots counted here after it would be shut out)
        ctx.err(
            ctx.t(
                f"  [提示] 没有声明计票完毕（没有加 --done）：主机上 {'、'.join(partial)} 要等本分团计完后"
                "再导出的结果包才能确认。本分团计完全部选票后，请加 --done 再导出一次：huanjie results"
                " export … --done。",
                f"  [note] not stated finished (no --done): on the main laptop"
                f" {', '.join(partial)} wait for this station's package made once it has"
                " counted before they can be certified. When every ballot here is counted,"
                " export again with --done: huanjie results export … --done.",
            )
        )
    elif r.done and not empty:
        ctx.out(
            ctx.t(
                "  已声明本分团计票完毕（--done）。此后如再计票、再导出，请同样加 --done。",
                "  Stated that this station has finished counting (--done). Should it count"
                " more and export again, add --done again.",
            )
        )
    if r.missing_images:
        ctx.err(
            ctx.t(
                f"  [提示] {r.missing_images} 张选票的图像文件找不到，未放入包中。",
                f"  [warning] the image files of {r.missing_images} sheets were not found and are not in the package.",
            )
        )
    return EXIT_OK


def run_results_import(ctx: Ctx) -> int:
    from huanjie_desktop.app.stations import PackageRejected, import_results

    a = ctx.args
    with signed_in(ctx, a.file) as (db, session):
        try:
            r = import_results(db, Path(a.package), session)
        except PackageRejected as exc:
            return _rejected(ctx, exc)
    if a.json:
        ctx.json(r.to_json(ctx.lang))
        return EXIT_OK
    for zh, en in r.notes:
        ctx.err(ctx.t("  [提示] ", "  [note] ") + ctx.t(zh, en))
    if r.already_imported:
        ctx.out(
            ctx.t(
                f"这个结果包（分团“{r.station}”）已于 {wall_clock(r.imported_at or '')} 导入过：未新增任何内容。",
                f"This package (station {r.station!r}) was already imported on {wall_clock(r.imported_at or '')}: nothing added.",
            )
        )
        return EXIT_OK
    add = r.added
    ctx.out(
        ctx.t(
            f"已导入分团“{r.station}”的结果包：新增选票记录 {add.get('sheet', 0)}，审核决定 {add.get('decision', 0)}，"
            f"手工录入 {add.get('manual_entry', 0)}，票箱 {add.get('box_count', 0)}，审计日志 {add.get('audit', 0)} 条；"
            f"更新 {sum(r.updated.values())}，此前已有 {sum(r.unchanged.values())}。",
            f"Imported station {r.station!r}'s package: new {add.get('sheet', 0)} sheets, {add.get('decision', 0)} decisions, "
            f"{add.get('manual_entry', 0)} manual entries, {add.get('box_count', 0)} box counts, {add.get('audit', 0)} audit entries; "
            f"{sum(r.updated.values())} updated, {sum(r.unchanged.values())} already here.",
        )
    )
    if not r.added_total and not r.updated:
        ctx.out(ctx.t("  没有新内容。", "  Nothing new."))
    if r.serial_conflicts:
        ctx.err(
            ctx.t(
                f"  [待审核] {len(r.serial_conflicts)} 个选票编号同时出现在两个分团（图像不同）：两张都已转入审核：{'、'.join(r.serial_conflicts[:10])}",
                f"  [review] {len(r.serial_conflicts)} serials came from two stations on different images; both sheets went to review: {', '.join(r.serial_conflicts[:10])}",
            )
        )
    if r.duplicates:
        ctx.err(
            ctx.t(
                f"  [重复] {r.duplicates} 张选票的图像与其他分团的完全相同，记为重复，不计票。",
                f"  [duplicate] {r.duplicates} sheets have the same image as another station's: marked duplicate, not counted.",
            )
        )
    if r.disagreements:
        ctx.err(
            ctx.t(
                f"  [审核] {len(r.disagreements)} 张选票本机和分团都已认定，但认定不同：已暂停计入，"
                f"请在“审核”中重新决定：{', '.join(r.disagreements[:10])}",
                f"  [review] {len(r.disagreements)} sheets were settled both here and at the station,"
                f" differently: held from the count; decide again in Review: {', '.join(r.disagreements[:10])}",
            )
        )
    if r.withdrawn_labels:
        shown = ", ".join(r.withdrawn_labels[:10])
        ctx.err(
            ctx.t(
                f"  [审核] {len(r.withdrawn_labels)} 张手工录入的选票，其标签已在本机撤出计票，分团随后又录入了"
                f"第二次：已暂停计入，请监票人核对原票（已在另一个标签下录入的，用 huanjie review withdraw"
                f" --label 标签 撤出；撤出有误的，决定后用 --restore 恢复标签）：{'、'.join(r.withdrawn_labels[:10])}",
                f"  [review] {len(r.withdrawn_labels)} hand-entered ballots whose label was taken"
                " out of the count here were entered a second time at the station since: held"
                " from the count; a scrutineer checks the paper (entered under another label:"
                " huanjie review withdraw --label LABEL; taken out by mistake: decide it, then"
                f" put the label back with --restore): {shown}",
            )
        )
    for contest, rnd, twice in r.boxes_twice:
        zh, en = twice.advice(contest, rnd)
        ctx.err(
            ctx.t(
                f"  [票箱] {contest} 第 {rnd} 轮：" + zh.replace("FILE", str(a.file)),
                f"  [box] {contest} round {rnd}: " + en.replace("FILE", str(a.file)),
            )
        )
    if r.superseded_here:
        ctx.err(
            ctx.t(
                f"  [审核] {len(r.superseded_here)} 张选票本机的审核决定尚待确认，已由分团确认过的决定取代"
                f"（已记入审计日志），按分团的决定计入：{', '.join(r.superseded_here[:10])}。"
                "如仍有不同意见，请重新作出决定（须有改判权限）。",
                f"  [review] {len(r.superseded_here)} sheets had a decision here still awaiting"
                " confirmation: the station's confirmed decision replaced it (recorded in the"
                f" audit log) and they count by it: {', '.join(r.superseded_here[:10])}."
                " If you still disagree, decide again (overrule).",
            )
        )
    quiet = r.kept_here - len(r.disagreements)
    if quiet > 0:
        ctx.err(
            ctx.t(
                f"  [提示] {quiet} 条记录已在本机审核，保留本机的结果，未采用分团后来的状态。",
                f"  [note] {quiet} records were reviewed here; this laptop's outcome was kept over the station's later state.",
            )
        )
    return EXIT_OK


def run_reconcile(ctx: Ctx) -> int:
    from huanjie_desktop.app.stations import reconcile

    with signed_in(ctx, ctx.args.file) as (db, session):
        rows = reconcile(db, session)
    if ctx.args.json:
        ctx.json({"rows": [r.to_json(ctx.lang) for r in rows]})
        return EXIT_OK
    ctx.out(
        ctx.t(
            "分团        事项    轮次  发出  收回  扫描  手工  计入  待审  废弃  重复",
            "station     contest round issued collected scanned by-hand counted review rejected dup",
        )
    )

    def num(v: int | None) -> str:
        return "-" if v is None else str(v)

    for r in rows:
        s = r.sheets
        ctx.out(
            f"{r.station:<10} {r.contest or '?':<7} {num(r.round):>4} {num(r.issued):>5} {num(r.collected):>5}"
            f" {r.scanned - r.hand_entered:>5} {r.hand_entered:>5} {s.get('counted', 0):>5} {s.get('review', 0):>5} {s.get('rejected', 0):>5} {s.get('duplicate', 0):>5}"
        )
        for b in r.boxes:
            aside = (
                ctx.t(
                    f"（搁置，不计：按 {b.taken} 报来的计，{b.decided_by} 决定）",
                    f" (set aside, not counted: {b.taken}'s report counts, decided by {b.decided_by})",
                )
                if b.state == "set_aside"
                else ctx.t("（另一分团也报了这个票箱）", " (reported by another station too)")
                if b.state == "twice"
                else ""
            )
            ctx.out(
                ctx.t(
                    f"    票箱 {b.box}: 发出 {num(b.issued)} 收回 {num(b.collected)}{aside}",
                    f"    box {b.box}: issued {num(b.issued)} collected {num(b.collected)}{aside}",
                )
            )
        for zh, en in r.problems:
            ctx.out("    ⚠ " + ctx.t(zh, en))
        for zh, en in r.notes:
            ctx.out("    · " + ctx.t(zh, en))
    return EXIT_OK


# --- accounts -----------------------------------------------------------------------------


def run_account_add(ctx: Ctx) -> int:
    from huanjie_desktop.app import accounts

    a = ctx.args
    with signed_in(ctx, a.file) as (db, session):
        first = not accounts.has_accounts(db)
        password = _new_password(ctx, first)
        accounts.add_account(db, a.name, a.role, password, session)
    role = accounts.Role(a.role)
    ctx.out(ctx.t(f"已新增账户 {a.name}（{role.zh}）。", f"Account {a.name} ({role.value}) added."))
    if first:
        ctx.out(
            ctx.t(
                "这是第一个账户：从现在起，每个操作都要用 --operator 姓名 登录。",
                "This is the first account: from now on every command signs in with --operator NAME.",
            )
        )
    return EXIT_OK


def run_account_list(ctx: Ctx) -> int:
    from huanjie_desktop.app import accounts

    with signed_in(ctx, ctx.args.file) as (db, session):
        rows = accounts.list_accounts(db, session)
    if ctx.args.json:
        ctx.json({"single_desk": not rows, "accounts": [r.to_json() for r in rows]})
        return EXIT_OK
    if not rows:
        ctx.out(
            ctx.t(
                "尚无账户：单机模式，任何人可做任何操作。",
                "No accounts: single-desk mode, anyone may do anything.",
            )
        )
    for r in rows:
        lock = (
            ctx.t(f"  锁定至 {r.locked_until}", f"  locked until {r.locked_until}")
            if r.locked_until
            else ""
        )
        ctx.out(f"{r.name:<12} {ctx.t(r.role.zh, r.role.value):<16}{lock}")
    return EXIT_OK


def run_account_passwd(ctx: Ctx) -> int:
    from huanjie_desktop.app import accounts

    a = ctx.args
    with signed_in(ctx, a.file) as (db, session):
        name = a.name or (session.name if session else ctx.operator)
        password = _new_password(ctx, False)
        accounts.change_password(db, name, password, session)
    ctx.out(ctx.t(f"已修改 {name} 的密码。", f"Password of {name} changed."))
    return EXIT_OK


# --- backups ------------------------------------------------------------------------------


def run_backup(ctx: Ctx) -> int:
    from huanjie_desktop.app.backup import make_backup

    a = ctx.args
    with signed_in(ctx, a.file) as (db, session):
        target = make_backup(db, Path(a.to) if a.to else None, session)
    if a.json:
        ctx.json({"ok": True, "backup": str(target)})
    else:
        ctx.out(ctx.t(f"已备份到 {target}", f"Backed up to {target}"))
    return EXIT_OK


def run_restore(ctx: Ctx) -> int:
    from huanjie_desktop.app.backup import FORKED_EN, FORKED_ZH, restore

    a = ctx.args
    path = Path(a.file)
    session = None
    try:
        with open_election_file(path, ctx.operator, migrate=False) as db:
            session = open_session(ctx, db)
    except ElectionFileError:
        pass  # a damaged file: restore() decides whether this backup may replace it
    try:
        r = restore(path, Path(a.backup), ctx.operator, session, undo_certified=a.undo_certified)
    except ElectionFileError as exc:
        refuse(exc.message(ctx.lang))
    if a.json:
        ctx.json(
            {
                "ok": True,
                "file": str(r.path),
                "backup": str(r.backup),
                "kept": str(r.kept),
                "forked": r.forked,
                "kept_stations": list(r.kept_stations),
                "import_again": list(r.reimport),
                "lost_here": dict(
                    zip(("sheets", "manual_entries", "box_counts"), r.lost_here, strict=True)
                ),
            }
        )
    else:
        ctx.out(
            ctx.t(
                f"已从 {r.backup.name} 恢复 {r.path}；原文件保留为 {r.kept}。",
                f"Restored {r.path} from {r.backup.name}; the previous file is kept as {r.kept}.",
            )
        )
    if r.forked:
        ctx.err(ctx.t(FORKED_ZH, FORKED_EN))
    note = r.stations_note()
    if note is not None:
        ctx.err(ctx.t(*note))
    return EXIT_OK
