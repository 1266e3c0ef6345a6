"""Words for the rule settings shown in the interface (translated like every UI string)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from huanjie_desktop.domain.model import (
    BallotStyle,
    ContestKind,
    Level,
    Method,
    OfficialRole,
    QuorumRule,
    ThresholdBase,
)


def kind_label(kind: ContestKind | str) -> str:
    return {
        "committee": QCoreApplication.translate("labels", "委员"),
        "alternate": QCoreApplication.translate("labels", "候补委员"),
        "discipline": QCoreApplication.translate("labels", "纪委委员"),
        "delegate": QCoreApplication.translate("labels", "代表"),
        "standing": QCoreApplication.translate("labels", "常委"),
        "secretary": QCoreApplication.translate("labels", "书记"),
        "deputy_secretary": QCoreApplication.translate("labels", "副书记"),
        "other": QCoreApplication.translate("labels", "其他"),
    }[str(kind)]


def method_label(method: Method | str) -> str:
    return {
        "competitive": QCoreApplication.translate("labels", "差额选举"),
        "uncontested": QCoreApplication.translate("labels", "等额选举"),
    }[str(method)]


def style_label(style: BallotStyle | str) -> str:
    return {
        "symbol": QCoreApplication.translate("labels", "符号式（画 ○ ×）"),
        "columns": QCoreApplication.translate("labels", "分栏式（赞成/不赞成/弃权）"),
    }[str(style)]


def base_label(base: ThresholdBase | str) -> str:
    return {
        "expected": QCoreApplication.translate("labels", "应到会有选举权人数"),
        "present": QCoreApplication.translate("labels", "实到会有选举权人数"),
    }[str(base)]


def quorum_label(rule: QuorumRule | str, short: bool = False) -> str:
    """The quorum rule in words; ``short``: as a fraction (a narrow panel's column)."""
    if short:
        return {"half": "> 1/2", "two_thirds": "> 2/3", "four_fifths": "> 4/5"}[str(rule)]
    return {
        "half": QCoreApplication.translate("labels", "超过半数"),
        "two_thirds": QCoreApplication.translate("labels", "超过三分之二"),
        "four_fifths": QCoreApplication.translate("labels", "超过五分之四"),
    }[str(rule)]


def level_label(level: Level | str) -> str:
    return {
        "local": QCoreApplication.translate("labels", "地方党代会"),
        "basic": QCoreApplication.translate("labels", "基层党员大会"),
    }[str(level)]


def role_label(role: OfficialRole | str) -> str:
    return {
        "chief_scrutineer": QCoreApplication.translate("labels", "总监票人"),
        "scrutineer": QCoreApplication.translate("labels", "监票人"),
        "counter": QCoreApplication.translate("labels", "计票人"),
    }[str(role)]
