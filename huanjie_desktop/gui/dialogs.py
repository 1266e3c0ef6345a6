"""Dialogs the pages share: yes/no questions and the all-problems-at-once list.

Pages call ``dialogs.confirm(...)`` through the module so that tests can answer for the user.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from huanjie_desktop.domain.definition import FIELD_ZH
from huanjie_desktop.domain.model import Problem
from huanjie_desktop.gui.widgets import TONES

_SHEET_WHERE = re.compile(
    r"^工作表“(?P<sheet>[^”]+)”(?:\s*第(?P<row>\d+)行)?(?:\s*“(?P<field>[^”]+)”列)?"
)
_JSON_FIELD = re.compile(r"\.(?P<key>[a-z_]+)$")


def saved_as(chosen: str, suffix: str) -> Path:
    """The file a save dialog chose, with ``suffix`` ('.pdf') added when the name typed has
    none of its own (a clerk types 'result' and expects result.pdf)."""
    path = Path(chosen)
    return path if path.suffix.lower() == suffix else path.with_name(path.name + suffix)


def confirm(parent: QWidget | None, title: str, text: str) -> bool:
    """Ask a yes/no question; True when the user chose Yes."""
    answer = QMessageBox.question(
        parent,
        title,
        text,
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        QMessageBox.StandardButton.No,
    )
    return answer == QMessageBox.StandardButton.Yes


def split_where(where: str) -> tuple[str, str, str]:
    """'工作表“代表名单” 第4行 “身份证号码”列' → ('代表名单', '4', '身份证号码')."""
    m = _SHEET_WHERE.match(where)
    if m:
        return m.group("sheet"), m.group("row") or "", m.group("field") or ""
    j = _JSON_FIELD.search(where)
    if where.startswith("$") and j:
        return "", "", FIELD_ZH.get(j.group("key"), j.group("key"))
    return where, "", ""


class ProblemsDialog(QDialog):
    """Every problem at once: kind, sheet, row, field and what to do, one line each."""

    def __init__(
        self,
        title: str,
        intro: str,
        problems: Sequence[Problem],
        lang: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.problems = list(problems)
        self.resize(980, 520)
        lay = QVBoxLayout(self)
        head = QLabel(intro)
        head.setWordWrap(True)
        lay.addWidget(head)
        self.table = QTableWidget(len(self.problems), 5)
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("类型"),
                self.tr("工作表"),
                self.tr("行"),
                self.tr("列 / 项目"),
                self.tr("问题和改法"),
            ]
        )
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setWordWrap(True)
        ordered = sorted(self.problems, key=lambda p: p.warning)  # errors first
        for r, p in enumerate(ordered):
            sheet, row, field = split_where(p.where)
            kind = self.tr("提示") if p.warning else self.tr("错误")
            text = p.message_en if lang == "en" else p.message_zh
            for c, value in enumerate((kind, sheet, row, field, text)):
                item = QTableWidgetItem(value)
                if c == 0:
                    fg, bg = TONES["warn" if p.warning else "bad"]
                    item.setForeground(QColor(fg))
                    item.setBackground(QColor(bg))
                self.table.setItem(r, c, item)
        header = self.table.horizontalHeader()
        for c in range(4):
            header.setSectionResizeMode(c, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        self.table.resizeRowsToContents()
        self.table.setCurrentCell(-1, -1)
        lay.addWidget(self.table, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        copy = QPushButton(self.tr("复制全部问题"))
        copy.clicked.connect(self.copy_all)
        buttons.addButton(copy, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        buttons.accepted.connect(self.accept)
        lay.addWidget(buttons)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, False)

    def rows(self) -> list[tuple[str, str, str, str, str]]:
        """The table's text, row by row (kind, sheet, row, field, message)."""
        out = []
        for r in range(self.table.rowCount()):
            cells = [self.table.item(r, c) for c in range(5)]
            texts = [c.text() if c is not None else "" for c in cells]
            out.append((texts[0], texts[1], texts[2], texts[3], texts[4]))
        return out

    def copy_all(self) -> None:
        lines = ["\t".join(r) for r in self.rows()]
        QGuiApplication.clipboard().setText("\n".join(lines))
