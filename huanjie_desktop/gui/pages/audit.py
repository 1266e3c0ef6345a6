"""审计日志: every recorded change (who, when, what), filters, and "verify this file"."""

from __future__ import annotations

import json
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
)

from huanjie_desktop.app.verify import VerifyReport, verify_file
from huanjie_desktop.domain.events import EVENTS
from huanjie_desktop.gui.pages.base import Page, PageRegistry, PageSpec
from huanjie_desktop.gui.session import ALL_TOPICS, AppContext
from huanjie_desktop.gui.widgets import Banner, heading, hint, local_time, refilter
from huanjie_desktop.recognition.reasons import REASONS
from huanjie_desktop.recognition.reasons import message as reason_message
from huanjie_desktop.storage import repo
from huanjie_desktop.storage.db import ElectionDB
from huanjie_desktop.storage.prepare_repo import AuditRow, read_audit

ModelIndex = QModelIndex | QPersistentModelIndex
EVENT_ROLE = Qt.ItemDataRole.UserRole + 30
OPERATOR_ROLE = Qt.ItemDataRole.UserRole + 31
SORT_ROLE = Qt.ItemDataRole.UserRole + 32


def event_label(event_id: str, lang: str) -> str:
    e = EVENTS.get(event_id)
    if e is None:
        return event_id
    return e.en if lang == "en" else e.zh


def _keys() -> dict[str, str]:
    return {
        "person": QCoreApplication.translate("audit", "代表"),
        "contest": QCoreApplication.translate("audit", "选举事项"),
        "code": QCoreApplication.translate("audit", "编号"),
        "name": QCoreApplication.translate("audit", "姓名"),
        "round": QCoreApplication.translate("audit", "轮次"),
        "count": QCoreApplication.translate("audit", "张数"),
        "candidate": QCoreApplication.translate("audit", "候选人"),
        "role": QCoreApplication.translate("audit", "职务"),
        "reason": QCoreApplication.translate("audit", "原因"),
        "file": QCoreApplication.translate("audit", "文件"),
        "source": QCoreApplication.translate("audit", "来源"),
        "new": QCoreApplication.translate("audit", "新增"),
        "test": QCoreApplication.translate("audit", "样票"),
        "from": QCoreApplication.translate("audit", "原位置"),
        "to": QCoreApplication.translate("audit", "新位置"),
        "title": QCoreApplication.translate("audit", "名称"),
        "seats": QCoreApplication.translate("audit", "应选"),
        "changed": QCoreApplication.translate("audit", "修改了"),
        "unit": QCoreApplication.translate("audit", "选举单位"),
        "serial": QCoreApplication.translate("audit", "防伪码"),
        "digest": QCoreApplication.translate("audit", "数字摘要"),
        "by": QCoreApplication.translate("audit", "经手人"),
        "decided_by": QCoreApplication.translate("audit", "决定人"),
        "decided": QCoreApplication.translate("audit", "决定"),
        "machine": QCoreApplication.translate("audit", "机器读数"),
        "decision": QCoreApplication.translate("audit", "决定编号"),
        "sheet": QCoreApplication.translate("audit", "选票"),
        "sheets": QCoreApplication.translate("audit", "选票"),
        "box": QCoreApplication.translate("audit", "票箱"),
        "issued": QCoreApplication.translate("audit", "发出"),
        "collected": QCoreApplication.translate("audit", "收回"),
        "station": QCoreApplication.translate("audit", "计票机"),
        "elected": QCoreApplication.translate("audit", "当选"),
        "reasons": QCoreApplication.translate("audit", "原因"),
        "marks": QCoreApplication.translate("audit", "标记"),
        "valid": QCoreApplication.translate("audit", "有效"),
        "writeins": QCoreApplication.translate("audit", "另选他人"),
        "illegible": QCoreApplication.translate("audit", "姓名无法辨认"),
        "accept": QCoreApplication.translate("audit", "其余按机器读数"),
        "expected": QCoreApplication.translate("audit", "应到"),
        "present": QCoreApplication.translate("audit", "实到"),
        "units": QCoreApplication.translate("audit", "各单位"),
        "change": QCoreApplication.translate("audit", "变更"),
        "papers": QCoreApplication.translate("audit", "报告单"),
        "run": QCoreApplication.translate("audit", "印制批次"),
        "serials_digest": QCoreApplication.translate("audit", "防伪码摘要"),
        "back": QCoreApplication.translate("audit", "选票背面"),
        "held_for_review": QCoreApplication.translate("audit", "因此转待审核"),
        "kept": QCoreApplication.translate("audit", "原文件保留为"),
        "pages": QCoreApplication.translate("audit", "页数"),
        "counts": QCoreApplication.translate("audit", "各类张数"),
        "files": QCoreApplication.translate("audit", "文件"),
        "label": QCoreApplication.translate("audit", "标签"),
        "kind": QCoreApplication.translate("audit", "类型"),
        "candidates": QCoreApplication.translate("audit", "候选人"),
        "duplicate_of": QCoreApplication.translate("audit", "重复于"),
        "undid_certified": QCoreApplication.translate("audit", "撤销的确认"),
        "void_reason": QCoreApplication.translate("audit", "作废理由"),
        "fingerprint": QCoreApplication.translate("audit", "定义指纹"),
        "paper": QCoreApplication.translate("audit", "纸张"),
        "counted": QCoreApplication.translate("audit", "计入"),
        "review": QCoreApplication.translate("audit", "待审核"),
        "rejected": QCoreApplication.translate("audit", "拒收"),
        "duplicate": QCoreApplication.translate("audit", "重复"),
        "done": QCoreApplication.translate("audit", "声明计票完毕的轮次"),
        "lost_here": QCoreApplication.translate("audit", "本机记录的、已不在文件中的"),
        "manual_entries": QCoreApplication.translate("audit", "手工录入"),
        "box_counts": QCoreApplication.translate("audit", "票箱张数"),
        "status": QCoreApplication.translate("audit", "状态"),
        "was": QCoreApplication.translate("audit", "原状态"),
    }


def _code_words() -> dict[str, str]:
    """Codes the log keeps under the keys of `CODED` (a sheet's state, a paper's kind, the
    app's note for a decision with none typed), in words."""
    return {
        "provisional": QCoreApplication.translate("audit", "暂定"),
        "final": QCoreApplication.translate("audit", "最终"),
        "certified": QCoreApplication.translate("audit", "已确认"),
        "void": QCoreApplication.translate("audit", "无效"),
        "counted": QCoreApplication.translate("audit", "已计入"),
        "review": QCoreApplication.translate("audit", "待审核"),
        "rejected": QCoreApplication.translate("audit", "拒收"),
        "duplicate": QCoreApplication.translate("audit", "重复"),
        "withdrawn": QCoreApplication.translate("audit", "已撤出计票"),
        "main": QCoreApplication.translate("audit", "本机（主计票机）"),
        "tally": QCoreApplication.translate("audit", "计票结果报告单"),
        "elected": QCoreApplication.translate("audit", "当选名单"),
        "accept": QCoreApplication.translate("audit", "按机器读数"),
        "duplicate_scan": QCoreApplication.translate("audit", "重复扫描"),
        "scan": QCoreApplication.translate("audit", "扫描"),
        "auto": QCoreApplication.translate("audit", "自动"),
    }


# (the keys whose values are codes, not names or notes a person typed: "reason" holds the
# app's codes — "accept", a recognition reason — or a typed note, shown as typed)
CODED = frozenset({"status", "was", "station", "papers", "reason", "reasons", "kind"})


def _value_words() -> dict[str, str]:
    """Values the log keeps as codes (a role, a kind of change), in words."""
    return {
        "chief_scrutineer": QCoreApplication.translate("audit", "总监票人"),
        "scrutineer": QCoreApplication.translate("audit", "监票人"),
        "counter": QCoreApplication.translate("audit", "计票人"),
        "admin": QCoreApplication.translate("audit", "管理员"),
        "added": QCoreApplication.translate("audit", "新增"),
        "removed": QCoreApplication.translate("audit", "删除"),
        "password": QCoreApplication.translate("audit", "更改密码"),
    }


def detail_text(
    detail: dict[str, Any],
    names: dict[str, str],
    keys: dict[str, str] | None = None,
    lang: str = "zh",
) -> str:
    """'代表：P0012 王小明  选举事项：WY' from an entry's detail (names looked up; the codes
    under `CODED` keys in words)."""
    labels = keys if keys is not None else {}
    codes = _code_words()

    def coded(value: Any) -> Any:
        if isinstance(value, str):
            if value in codes:
                return codes[value]
            return reason_message(value, lang) if value in REASONS else value
        if isinstance(value, list):
            return [coded(v) for v in value]
        return value

    def shown(value: Any, depth: int = 0) -> str:
        if isinstance(value, bool):
            return (
                QCoreApplication.translate("audit", "是")
                if value
                else QCoreApplication.translate("audit", "否")
            )
        if value is None or value in ([], {}):
            return "—"
        if isinstance(value, str | int | float):
            return str(value)
        if isinstance(value, list) and all(isinstance(v, str | int | float) for v in value):
            return (", " if lang == "en" else "、").join(str(v) for v in value)
        if isinstance(value, dict) and depth == 0:
            return "，".join(
                f"{labels.get(k, k)} {shown(coded(v) if k in CODED else v, 1)}"
                for k, v in value.items()
            )
        return json.dumps(value, ensure_ascii=False)

    words = _value_words()
    parts = []
    for key, value in detail.items():
        if key in CODED:
            value = coded(value)
        text = words.get(value, shown(value)) if isinstance(value, str) else shown(value)
        if key == "person" and isinstance(value, str) and value in names:
            text = f"{value} {names[value]}"
        parts.append(f"{labels.get(key, key)}：{text}")
    return "  ".join(parts)


class AuditModel(QAbstractTableModel):
    def __init__(self, lang: str) -> None:
        super().__init__()
        self.lang = lang
        self.rows: list[AuditRow] = []
        self.names: dict[str, str] = {}
        self.keys = _keys()
        self.texts: list[str] = []
        self.headers = [
            self.tr("序号"),
            self.tr("时间"),
            self.tr("操作员"),
            self.tr("事项"),
            self.tr("内容"),
        ]

    def load(self, rows: list[AuditRow], names: dict[str, str]) -> None:
        self.beginResetModel()
        self.rows = rows
        self.names = names
        self.texts = [detail_text(r.detail, names, self.keys, self.lang) for r in rows]
        self.endResetModel()

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.headers)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.headers[section]
        return None

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        r = self.rows[index.row()]
        col = index.column()
        if role == EVENT_ROLE:
            return r.event
        if role == OPERATOR_ROLE:
            return r.operator
        if role == SORT_ROLE:
            return r.seq if col == 0 else self.data(index)
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            values = [
                str(r.seq),
                local_time(r.at, with_date=True),
                r.operator,
                event_label(r.event, self.lang),
                self.texts[index.row()],
            ]
            return values[col]
        return None


class AuditFilter(QSortFilterProxyModel):
    def __init__(self) -> None:
        super().__init__()
        self.event_id: str | None = None
        self.operator: str | None = None
        self.text = ""
        self.setSortRole(SORT_ROLE)

    def update(self) -> None:
        refilter(self)

    def filterAcceptsRow(self, source_row: int, source_parent: ModelIndex) -> bool:
        model = self.sourceModel()
        assert isinstance(model, AuditModel)
        r = model.rows[source_row]
        if self.event_id is not None and r.event != self.event_id:
            return False
        if self.operator is not None and r.operator != self.operator:
            return False
        if self.text:
            hay = " ".join(
                (r.operator, r.event, event_label(r.event, model.lang), model.texts[source_row])
            )
            return self.text.lower() in hay.lower()
        return True


class AuditPage(Page):
    topics = ALL_TOPICS

    def __init__(self, ctx: AppContext) -> None:
        super().__init__(ctx)
        self.model = AuditModel(ctx.lang)
        self.proxy = AuditFilter()
        self.proxy.setSourceModel(self.model)
        self.report: VerifyReport | None = None
        lay = QVBoxLayout(self)
        lay.setContentsMargins(20, 16, 20, 16)
        top = QHBoxLayout()
        top.addWidget(heading(self.tr("审计日志")))
        top.addStretch(1)
        self.count = QLabel()
        top.addWidget(self.count)
        lay.addLayout(top)
        lay.addWidget(
            hint(
                self.tr(
                    "每一项修改都记在这里：谁、什么时间、做了什么。每条记录带有上一条的哈希值，"
                    "在软件之外删改任何一条都会被“校验此文件”发现。"
                )
            )
        )
        filters = QHBoxLayout()
        self.event_box = QComboBox()
        self.event_box.currentIndexChanged.connect(self._filters_changed)
        self.operator = QComboBox()
        self.operator.currentIndexChanged.connect(self._filters_changed)
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("查找内容（如姓名、编号、事项）"))
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self._filters_changed)
        filters.addWidget(self.event_box, 2)
        filters.addWidget(self.operator, 1)
        filters.addWidget(self.search, 3)
        self.verify_button = QPushButton(self.tr("校验此文件"))
        self.verify_button.setMinimumHeight(34)
        self.verify_button.clicked.connect(self.verify)
        filters.addWidget(self.verify_button)
        lay.addLayout(filters)
        self.result = Banner()
        lay.addWidget(self.result)
        self.view = QTableView()
        self.view.setModel(self.proxy)
        self.view.setSortingEnabled(True)
        self.view.sortByColumn(0, Qt.SortOrder.DescendingOrder)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setAlternatingRowColors(True)
        self.view.verticalHeader().setVisible(False)
        self.view.setWordWrap(False)
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        lay.addWidget(self.view, 1)

    def refresh(self) -> None:
        rows = read_audit(self.ctx.db)
        names = {p.code: p.name for p in repo.read_people(self.ctx.db)}
        self.model.load(rows, names)
        lang = self.ctx.lang
        keep_event, keep_op = self.event_box.currentData(), self.operator.currentData()
        for box in (self.event_box, self.operator):
            box.blockSignals(True)
            box.clear()
        self.event_box.addItem(self.tr("全部事项"), None)
        for event_id in sorted({r.event for r in rows}, key=lambda e: event_label(e, lang)):
            self.event_box.addItem(event_label(event_id, lang), event_id)
        self.operator.addItem(self.tr("全部操作员"), None)
        for op in sorted({r.operator for r in rows}):
            self.operator.addItem(op, op)
        self.event_box.setCurrentIndex(max(0, self.event_box.findData(keep_event)))
        self.operator.setCurrentIndex(max(0, self.operator.findData(keep_op)))
        for box in (self.event_box, self.operator):
            box.blockSignals(False)
        self._filters_changed()

    def _filters_changed(self, *_args: object) -> None:
        event = self.event_box.currentData()
        op = self.operator.currentData()
        self.proxy.event_id = str(event) if event else None
        self.proxy.operator = str(op) if op else None
        self.proxy.text = self.search.text().strip()
        self.proxy.update()
        self.count.setText(
            self.tr("共 {total} 条，显示 {shown} 条").format(
                total=self.model.rowCount(), shown=self.proxy.rowCount()
            )
        )

    def verify(self) -> None:
        def work(db: ElectionDB) -> VerifyReport:
            return verify_file(db)

        def done(result: object) -> None:
            assert isinstance(result, VerifyReport)
            self.report = result
            lang = "en" if self.ctx.lang == "en" else "zh"
            self.result.show_message("\n".join(result.lines(lang)), "ok" if result.ok else "bad")

        self.result.show_message(self.tr("正在校验…"), "info")
        self.ctx.run(
            "verify",
            work,
            on_success=done,
            on_error=lambda exc: self.result.show_message("✗ " + self.ctx.describe(exc), "bad"),
            progress_title=self.tr("正在校验选举文件"),
        )


def register(pages: PageRegistry) -> None:
    pages.add(
        PageSpec(
            "records.audit",
            "records",
            lambda: QCoreApplication.translate("pages", "审计日志"),
            AuditPage,
            order=90,
        )
    )
