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


def _t(text: str) -> str:
    return QCoreApplication.translate("labels", text)


def kind_label(kind: ContestKind | str) -> str:
    return {
        "committee": _t("委员"),
        "alternate": _t("候补委员"),
        "discipline": _t("纪委委员"),
        "delegate": _t("代表"),
        "standing": _t("常委"),
        "secretary": _t("书记"),
        "deputy_secretary": _t("副书记"),
        "other": _t("其他"),
    }[str(kind)]


def method_label(method: Method | str) -> str:
    return {"competitive": _t("差额选举"), "uncontested": _t("等额选举")}[str(method)]


def style_label(style: BallotStyle | str) -> str:
    return {
        "symbol": _t("符号式（画 ○ ×）"),
        "columns": _t("分栏式（赞成/不赞成/弃权）"),
    }[str(style)]


def base_label(base: ThresholdBase | str) -> str:
    return {
        "expected": _t("应到会有选举权人数"),
        "present": _t("实到会有选举权人数"),
    }[str(base)]


def quorum_label(rule: QuorumRule | str) -> str:
    return {
        "half": _t("超过半数"),
        "two_thirds": _t("超过三分之二"),
        "four_fifths": _t("超过五分之四"),
    }[str(rule)]


def level_label(level: Level | str) -> str:
    return {"local": _t("地方党代会"), "basic": _t("基层党员大会")}[str(level)]


def role_label(role: OfficialRole | str) -> str:
    return {
        "chief_scrutineer": _t("总监票人"),
        "scrutineer": _t("监票人"),
        "counter": _t("计票人"),
    }[str(role)]
