"""Who is at the desk: asked at start, shown in the title bar, recorded in the audit log."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from huanjie_desktop.gui.fonts import scaled

OPERATORS_KEY = "operators"
MAX_NAMES = 10


def known_operators(settings: QSettings) -> list[str]:
    raw: Any = settings.value(OPERATORS_KEY, [])
    items = [raw] if isinstance(raw, str) else list(raw or [])
    return [str(x) for x in items if str(x).strip()]


def remember_operator(settings: QSettings, name: str) -> None:
    names = [name, *[n for n in known_operators(settings) if n != name]][:MAX_NAMES]
    settings.setValue(OPERATORS_KEY, names)
    settings.sync()


class OperatorDialog(QDialog):
    """Asks the operator's name; OK stays disabled until a name is typed."""

    def __init__(
        self, settings: QSettings, current: str = "", parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.settings = settings
        self.setWindowTitle(self.tr("操作员"))
        self.setMinimumWidth(460)
        lay = QVBoxLayout(self)
        title = QLabel(self.tr("请输入您的姓名"))
        title.setFont(scaled(title.font(), 1.3, bold=True))
        lay.addWidget(title)
        why = QLabel(
            self.tr(
                "您的姓名会写入审计日志：每一项修改、报到和打印都会记下是谁做的。"
                "换人操作时，请在“操作员”菜单中更换。"
            )
        )
        why.setWordWrap(True)
        lay.addWidget(why)
        self.name = QComboBox()
        self.name.setEditable(True)
        self.name.addItems(known_operators(settings))
        self.name.setCurrentText(current)
        line = self.name.lineEdit()
        if line is not None:
            line.setPlaceholderText(self.tr("例如：王小明"))
            line.textChanged.connect(self._update)
        self.name.setMinimumHeight(36)
        lay.addWidget(self.name)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        lay.addWidget(self.buttons)
        self._update()

    def _update(self) -> None:
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        if ok is not None:
            ok.setEnabled(bool(self.operator()))

    def operator(self) -> str:
        return self.name.currentText().strip()

    def accept(self) -> None:
        if not self.operator():
            return
        remember_operator(self.settings, self.operator())
        super().accept()


def ask_operator(settings: QSettings, current: str = "", parent: QWidget | None = None) -> str:
    """Show the dialog; the name typed, or "" if the user cancelled."""
    dialog = OperatorDialog(settings, current, parent)
    if dialog.exec() == QDialog.DialogCode.Accepted:
        return dialog.operator()
    return ""
