"""Who is at the desk: asked at start, shown in the title bar, recorded in the audit log.

Without accounts in the open file the dialog asks only a name. When the file has accounts
(`OperatorDialog(..., ctx=ctx)` with ``ctx.has_accounts()``) it asks name and password and
signs in through ``ctx.sign_in`` (on the worker); a wrong password or a locked account is
said in the dialog, which stays open; on success the account is kept in the context.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from huanjie_desktop.gui.fonts import scaled

if TYPE_CHECKING:
    from huanjie_desktop.gui.session import AppContext

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
    """Asks the operator's name (and, for a file with accounts, the password); OK stays
    disabled until what is needed is typed."""

    def __init__(
        self,
        settings: QSettings,
        current: str = "",
        parent: QWidget | None = None,
        *,
        ctx: AppContext | None = None,
        heading: str = "",
        note: str = "",
    ) -> None:
        """``heading``, ``note``: what the dialog asks, and why, when it is asked for a
        purpose of its own (a scrutineer taking the desk to confirm a decision)."""
        super().__init__(parent)
        self.settings = settings
        self.ctx = ctx
        self.with_password = ctx is not None and ctx.has_accounts()
        self.signing_in = False
        self.setWindowTitle(self.tr("登录") if self.with_password else self.tr("操作员"))
        self.setMinimumWidth(460)
        lay = QVBoxLayout(self)
        title = QLabel(
            heading
            or (
                self.tr("请输入您的账户名和密码")
                if self.with_password
                else self.tr("请输入您的姓名")
            )
        )
        title.setFont(scaled(title.font(), 1.3, bold=True))
        lay.addWidget(title)
        why = QLabel(
            note
            or (
                self.tr(
                    "本选举文件已设账户：谁可以准备选举、扫描、审核、确认审核决定和确认计票结果，"
                    "由账户的角色决定。您的姓名会写入审计日志。换人操作时，请在“操作员”菜单中重新登录。"
                )
                if self.with_password
                else self.tr(
                    "您的姓名会写入审计日志：每一项修改、报到和打印都会记下是谁做的。"
                    "换人操作时，请在“操作员”菜单中更换。"
                )
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
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setPlaceholderText(self.tr("密码"))
        self.password.setMinimumHeight(36)
        self.password.textChanged.connect(self._update)
        self.password.setVisible(self.with_password)
        lay.addWidget(self.password)
        self.problem = QLabel()
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet("color: #b8352b;")
        self.problem.hide()
        lay.addWidget(self.problem)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        lay.addWidget(self.buttons)
        if self.with_password and current:
            self.password.setFocus()
        self._update()

    def _update(self) -> None:
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        if ok is not None:
            ready = bool(self.operator()) and (not self.with_password or bool(self.password.text()))
            ok.setEnabled(ready and not self.signing_in)

    def operator(self) -> str:
        return self.name.currentText().strip()

    def accept(self) -> None:
        if not self.operator():
            return
        if not self.with_password or self.ctx is None:
            remember_operator(self.settings, self.operator())
            super().accept()
            return
        if self.signing_in or not self.password.text():
            return
        self.signing_in = True
        self.problem.hide()
        self._update()
        self.ctx.sign_in(
            self.operator(),
            self.password.text(),
            on_success=self._signed_in,
            on_error=self._refused,
        )

    def _signed_in(self, _account: object) -> None:
        self.signing_in = False
        self.password.clear()
        remember_operator(self.settings, self.operator())
        super().accept()

    def _refused(self, exc: BaseException) -> None:
        self.signing_in = False
        assert self.ctx is not None
        self.problem.setText("✗ " + self.ctx.describe(exc))
        self.problem.show()
        self.password.clear()
        self.password.setFocus()
        self._update()


def ask_operator(settings: QSettings, current: str = "", parent: QWidget | None = None) -> str:
    """Show the dialog; the name typed, or "" if the user cancelled."""
    dialog = OperatorDialog(settings, current, parent)
    if dialog.exec() == QDialog.DialogCode.Accepted:
        return dialog.operator()
    return ""
