"""Small widgets the pages share: big counters, status chips, banners, empty states."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QEvent, QObject, QSortFilterProxyModel, Qt
from PySide6.QtGui import QKeyEvent, QPaintEvent, QResizeEvent
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QStyle,
    QStyleOptionComboBox,
    QStylePainter,
    QTableWidget,
    QVBoxLayout,
    QWidget,
)

from huanjie_desktop.gui.fonts import scaled

# (text colour, background) per tone; colour is never the only signal: texts say it too.
TONES: dict[str, tuple[str, str]] = {
    "ok": ("#14632f", "#dff3e5"),
    "bad": ("#a1211a", "#fde4e1"),
    "warn": ("#7a4f00", "#fff1cc"),
    "info": ("#1d4f91", "#e3eefc"),
    "neutral": ("#333333", "#f1f1f1"),
}


def tone_style(tone: str, radius: int = 6, pad: str = "4px 10px") -> str:
    fg, bg = TONES.get(tone, TONES["neutral"])
    return f"color: {fg}; background: {bg}; border-radius: {radius}px; padding: {pad};"


class MiddleElidedCombo(QComboBox):
    """A chooser whose text, when the box is too narrow for it, is shortened in the middle
    (a contest's long title), so its end stays in view: the contest code in 「title（code）」.
    The whole text is in its tooltip and its list."""

    def shown_text(self) -> str:
        """The chosen text as the box shows it, shortened to fit."""
        opt = QStyleOptionComboBox()
        self.initStyleOption(opt)
        field = self.style().subControlRect(
            QStyle.ComplexControl.CC_ComboBox, opt, QStyle.SubControl.SC_ComboBoxEditField, self
        )
        return self.fontMetrics().elidedText(
            self.currentText(), Qt.TextElideMode.ElideMiddle, max(0, field.width() - 2)
        )

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QStylePainter(self)
        opt = QStyleOptionComboBox()
        self.initStyleOption(opt)
        painter.drawComplexControl(QStyle.ComplexControl.CC_ComboBox, opt)
        opt.currentText = self.shown_text()
        painter.drawControl(QStyle.ControlElement.CE_ComboBoxLabel, opt)
        # (filled with its signals blocked, it is told of its text here, as it is shown)
        if self.toolTip() != self.currentText():
            self.setToolTip(self.currentText())


class ReasonBox(QComboBox):
    """A reason to choose or type (整张作废的理由). ``offered``: (as recorded — in Chinese,
    as the record is kept —, as shown in the interface's language); one typed is kept as
    typed. Empty and disabled until asked for."""

    def __init__(self, offered: Sequence[tuple[str, str]], placeholder: str) -> None:
        super().__init__()
        self.setEditable(True)
        # (Enter records the decision: it does not add what was typed to the reasons offered)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        for recorded, shown in offered:
            self.addItem(shown, recorded)
        self.setCurrentIndex(-1)
        self.setEnabled(False)
        line = self.lineEdit()
        if line is not None:
            line.setPlaceholderText(placeholder)
            # (number keys pick the reasons offered: a counter deciding marks with 1–4 pressed
            # 1 here and recorded "1" as the reason a ballot was void)
            line.installEventFilter(self)
        self.setToolTip(
            self.tr("按 1–{n} 选择列出的理由，或写明其他理由").format(n=self.count())
            if self.count()
            else ""
        )

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.lineEdit() and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            if self._picked(event):
                return True
        return super().eventFilter(watched, event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        # (a key sent to the box itself — its focus — reaches the line without its filter)
        if not self._picked(event):
            super().keyPressEvent(event)

    def _picked(self, event: QKeyEvent) -> bool:
        """A number key pressed with nothing typed: the reason offered under it, chosen."""
        line = self.lineEdit()
        n = event.key() - Qt.Key.Key_0.value
        nothing_typed = line is not None and (
            not line.text().strip() or line.selectedText() == line.text()
        )
        plain = event.modifiers() in (
            Qt.KeyboardModifier.NoModifier,
            Qt.KeyboardModifier.KeypadModifier,
        )
        if 1 <= n <= self.count() and nothing_typed and plain:
            self.setCurrentIndex(n - 1)
            return True
        return False

    def problem(self) -> str | None:
        """Why the reason will not do (none given, or a typed one too short to say anything:
        a digit, one character), or None."""
        text = self.currentText().strip()
        if not text:
            return self.tr("请写明整张作废的理由。")
        if isinstance(self.itemData(self.findText(text)), str):
            return None  # (one offered)
        if len(text) < 2 or not any(ch.isalpha() for ch in text):
            return self.tr(
                "“{text}”不是理由：请从列出的理由中选择（按 1–{n}），或用文字写明理由。"
            ).format(text=text, n=self.count())
        return None

    def reason(self) -> str:
        """The reason as recorded: one offered in Chinese, one typed as typed ("" none)."""
        text = self.currentText().strip()
        offered = self.itemData(self.findText(text))
        return offered if isinstance(offered, str) and offered else text

    def shown(self, recorded: str) -> str:
        """A recorded reason in the interface's language (one offered), else as recorded."""
        for i in range(self.count()):
            if self.itemData(i) == recorded:
                return self.itemText(i)
        return recorded


class Chip(QLabel):
    """A short coloured status text, e.g. "✓ 已达到" / "✗ 未达到"."""

    def __init__(self, text: str = "", tone: str = "neutral", parent: QWidget | None = None):
        super().__init__(text, parent)
        self.tone = tone
        self.set_tone(tone)
        self.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)

    def set_tone(self, tone: str) -> None:
        self.tone = tone
        self.setStyleSheet(tone_style(tone, radius=10, pad="2px 10px"))

    def set(self, text: str, tone: str) -> None:
        self.setText(text)
        self.set_tone(tone)


class Banner(QLabel):
    """A full-width message line: what just happened, in a colour matching its meaning."""

    def __init__(self, parent: QWidget | None = None, factor: float = 1.0) -> None:
        super().__init__(parent)
        self.tone = "neutral"
        self.setWordWrap(True)
        if factor != 1.0:
            self.setFont(scaled(self.font(), factor, bold=True))
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.show_message("", "neutral")

    def show_message(self, text: str, tone: str) -> None:
        self.tone = tone
        self.setText(text)
        self.setStyleSheet(tone_style(tone, radius=8, pad="10px 14px"))
        self.setVisible(bool(text))


class BigNumber(QFrame):
    """A caption above a large number, for counters that must read from across the room."""

    def __init__(self, caption: str, factor: float = 3.2, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setObjectName("BigNumber")
        lay = QVBoxLayout(self)
        lay.setContentsMargins(16, 8, 16, 10)
        lay.setSpacing(0)
        self.caption = QLabel(caption)
        self.caption.setFont(scaled(self.font(), 1.15))
        self.caption.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.caption.setWordWrap(True)  # '应到（有选举权）' in two lines on a narrow screen
        self.value = QLabel("—")
        self._base = self.font()
        self.value.setFont(scaled(self._base, factor, bold=True))
        self.value.setAlignment(Qt.AlignmentFlag.AlignCenter)
        lay.addWidget(self.caption)
        lay.addWidget(self.value)
        self.set_tone("neutral")

    def set_value(self, value: int | str, tone: str | None = None) -> None:
        self.value.setText(str(value))
        if tone is not None:
            self.set_tone(tone)

    def set_scale(self, factor: float) -> None:
        """Make the number ``factor`` times the base font size."""
        self.value.setFont(scaled(self._base, factor, bold=True))

    def set_tone(self, tone: str) -> None:
        fg, bg = TONES.get(tone, TONES["neutral"])
        self.setStyleSheet(
            f"QFrame#BigNumber {{ background: {bg}; border: 1px solid #d0d0d0;"
            f" border-radius: 10px; }} QFrame#BigNumber QLabel {{ color: {fg};"
            " background: transparent; }"
        )


class EmptyState(QWidget):
    """A centred explanation of why there is nothing here, with the next steps as buttons."""

    def __init__(self, title: str, text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        lay = QVBoxLayout(self)
        lay.addStretch(1)
        self.title = QLabel(title)
        self.title.setFont(scaled(self.font(), 1.5, bold=True))
        self.title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.title.setWordWrap(True)
        lay.addWidget(self.title)
        self.text = QLabel(text)
        self.text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.text.setWordWrap(True)
        self.text.setStyleSheet("color: #555555;")
        lay.addWidget(self.text)
        self.buttons = QHBoxLayout()
        self.buttons.addStretch(1)
        self.buttons.addStretch(1)
        lay.addSpacing(12)
        lay.addLayout(self.buttons)
        lay.addStretch(2)

    def add_button(self, text: str, slot: Callable[[], None]) -> QPushButton:
        button = QPushButton(text)
        button.setMinimumHeight(40)
        button.setMinimumWidth(180)
        button.clicked.connect(slot)
        self.buttons.insertWidget(self.buttons.count() - 1, button)
        return button


def heading(text: str, factor: float = 1.35) -> QLabel:
    label = QLabel(text)
    label.setFont(scaled(label.font(), factor, bold=True))
    label.setWordWrap(True)
    return label


def hint(text: str) -> QLabel:
    """Grey explanatory text under a heading."""
    label = QLabel(text)
    label.setWordWrap(True)
    label.setStyleSheet("color: #5a5a5a;")
    return label


def short_contest_names(statuses: Sequence[Any]) -> list[str]:
    """A short name for each contest where space is short: its kind ('委员', '纪委委员'),
    with its code where two contests are of one kind; the title goes in a tooltip."""
    from huanjie_desktop.gui.labels import kind_label

    kinds = [str(s.kind) for s in statuses]
    return [
        kind_label(k) + (f" {s.code}" if kinds.count(k) > 1 else "")
        for s, k in zip(statuses, kinds, strict=True)
    ]


class ElidedLabel(QLabel):
    """A one-line label that shortens its text with "…" to fit (full text in the tooltip).

    Long contest titles differ at the end (…委员会委员 / …委员会候补委员), so the default
    elides on the left.
    """

    def __init__(
        self,
        text: str = "",
        mode: Qt.TextElideMode = Qt.TextElideMode.ElideLeft,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._full = ""
        self._mode = mode
        self.setMinimumWidth(60)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.set_full_text(text)

    def set_full_text(self, text: str) -> None:
        self._full = text
        self.setToolTip(text)
        self._elide()

    def full_text(self) -> str:
        return self._full

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._elide()

    def _elide(self) -> None:
        self.setText(self.fontMetrics().elidedText(self._full, self._mode, max(self.width(), 40)))


def fit_height(table: QTableWidget, max_rows: int = 12) -> None:
    """Make a short table exactly as tall as its rows (no empty band below the last row)."""
    rows = min(table.rowCount(), max_rows)
    height = table.horizontalHeader().height() + 2 * table.frameWidth() + 2
    height += sum(table.rowHeight(r) for r in range(rows))
    if table.rowCount() > max_rows:
        table.setMaximumHeight(16777215)
        table.setMinimumHeight(height)
    else:
        table.setFixedHeight(height)


def local_time(iso: str, with_date: bool = False) -> str:
    """An ISO-8601 UTC time from the file as the local wall-clock time ("09:12")."""
    try:
        at = dt.datetime.fromisoformat(iso.replace("Z", "+00:00"))
    except ValueError:
        return ""
    return at.astimezone().strftime("%Y-%m-%d %H:%M:%S" if with_date else "%H:%M")


def refilter(proxy: QSortFilterProxyModel) -> None:
    """Re-run a proxy's row filter (Qt ≥ 6.9 API where present; the older call otherwise)."""
    begin = getattr(proxy, "beginFilterChange", None)
    if callable(begin):
        begin()
        proxy.endFilterChange(QSortFilterProxyModel.Direction.Rows)
    else:  # Qt < 6.9
        proxy.invalidateRowsFilter()
