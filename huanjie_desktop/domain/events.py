"""Every audit event, declared once: id, and what it means (zh / en).

The storage layer refuses to log an event that is not declared here.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class EventType:
    id: str
    zh: str
    en: str


_ALL = [
    EventType("election.created", "创建选举文件", "election file created"),
    EventType("election.migrated", "选举文件升级", "election file upgraded"),
    EventType("election.edited", "修改选举基本信息", "election details edited"),
    EventType("unit.saved", "保存选举单位", "electoral unit saved"),
    EventType("person.saved", "保存代表信息", "roster entry saved"),
    EventType("person.deleted", "删除代表", "roster entry deleted"),
    EventType("roster.imported", "导入代表名单", "roster imported"),
    EventType("contest.saved", "保存选举事项", "contest saved"),
    EventType("candidate.saved", "保存候选人", "candidate saved"),
    EventType(
        "candidates.from_preselection",
        "以预选确定的正式候选人作为候选人",
        "candidates taken from a preselection's list",
    ),
    EventType("candidate.deleted", "删除候选人", "candidate deleted"),
    EventType("candidate.order_moved", "手工调整候选人顺序", "candidate order changed by hand"),
    EventType(
        "candidate.order_renamed",
        "改名后按姓氏笔画重排候选人",
        "candidate re-placed in stroke order after a change of name",
    ),
    EventType("official.saved", "指定监票人/计票人", "scrutineer or counter appointed"),
    EventType("official.removed", "撤销监票人/计票人", "scrutineer or counter removed"),
    EventType("checkin.added", "报到", "checked in"),
    EventType("checkin.undone", "撤销报到", "check-in undone"),
    EventType("ballots.printed", "印制选票", "ballots printed"),
    EventType("ballots.spoiled", "选票作废", "ballot sheet spoiled"),
    EventType("badges.printed", "印制代表证", "badges printed"),
    EventType("scan.batch", "扫描一批选票", "scan batch"),
    EventType("boxes.counted", "登记发出/收回票数", "issued/collected counts entered"),
    EventType(
        "boxes.resolved",
        "两个分团都报来的票箱：选定按哪一份计",
        "box reported by two stations: which report counts decided",
    ),
    EventType(
        "round.attendance",
        "本轮开始计票，应到、实到人数就此确定",
        "the round's ballots began to come in: its expected and present fixed",
    ),
    EventType("review.decided", "审核可疑选票", "doubtful sheet decided"),
    EventType("review.confirmed", "监票人确认审核", "decision confirmed by scrutineer"),
    EventType("manual.entered", "手工录入选票", "ballot entered by hand"),
    EventType(
        "manual.withdrawal_proposed",
        "提出撤出只录入了一次的手工录入（误录）",
        "a hand entry entered once proposed for taking out of the count (entered by mistake)",
    ),
    EventType(
        "manual.withdrawal_confirmed",
        "监票人确认撤出手工录入",
        "taking a hand entry out of the count confirmed by a scrutineer",
    ),
    EventType(
        "manual.withdrawal_restored",
        "撤出的手工录入恢复为待录入",
        "a hand entry taken out of the count put back (awaiting its second entry)",
    ),
    EventType("round.opened", "开启新一轮投票", "new round opened"),
    EventType(
        "round.order_moved",
        "手工调整后续轮次选票上的候选人顺序",
        "a later round's ballot order changed by hand",
    ),
    EventType("round.voided", "本轮投票无效", "round declared void"),
    EventType("contest.seats_reduced", "减少名额，不再另行选举", "seats reduced: no further round"),
    EventType("round.certified", "确认并冻结计票结果", "result certified and frozen"),
    EventType("report.printed", "打印报告单", "report printed"),
    EventType("export.xlsx", "导出Excel", "exported to Excel"),
    EventType("station.exported", "导出分团计票包", "station package exported"),
    EventType("station.opened", "打开分团计票包", "station package opened"),
    EventType("results.exported", "导出计票结果包", "results package exported"),
    EventType("results.imported", "导入计票结果包", "results package imported"),
    EventType("account.saved", "保存账户", "account saved"),
    EventType("account.login", "登录", "signed in"),
    EventType("account.login_failed", "登录失败", "sign-in failed"),
    EventType("backup.made", "备份", "backup made"),
    EventType("backup.restored", "从备份恢复", "restored from backup"),
]

EVENTS: dict[str, EventType] = {e.id: e for e in _ALL}


def event(event_id: str) -> EventType:
    """Look up a declared event; an undeclared id is a programming error."""
    try:
        return EVENTS[event_id]
    except KeyError:
        raise KeyError(f"audit event {event_id!r} is not declared in domain/events.py") from None
