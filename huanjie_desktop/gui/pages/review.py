"""审核: the sheets the machine would not decide alone. For each: the doubtful boxes zoomed,
what the machine read and why, a decision made from the keyboard (1 赞成 / 2 不赞成 / 3 弃权 /
4 无法辨认 per candidate, W write-in name with roster completion, V void with a reason, Enter
to record), then the confirmation by a scrutineer — a different person: the app refuses the
one who decided, and the page says so. Every decision is listed with who and when.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QSize, QStringListModel, Qt, QTimer
from PySide6.QtGui import (
    QColor,
    QIcon,
    QImage,
    QKeyEvent,
    QPixmap,
    QResizeEvent,
    QShowEvent,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QCompleter,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListView,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from huanjie_desktop.app import counting
from huanjie_desktop.app.scan import back_of
from huanjie_desktop.gui import dialogs
from huanjie_desktop.gui.pages.base import Page, PageRegistry, PageSpec, fill_contests
from huanjie_desktop.gui.pages.scan import (
    PictureLabel,
    RoundContexts,
    SheetPicture,
    reason_message,
    render_back,
    render_sheet,
)
from huanjie_desktop.gui.session import CONTESTS, COUNT, PEOPLE, AppContext
from huanjie_desktop.gui.widgets import (
    TONES,
    Banner,
    Chip,
    EmptyState,
    MiddleElidedCombo,
    ReasonBox,
    heading,
    hint,
    local_time,
)
from huanjie_desktop.storage import counting as count_store
from huanjie_desktop.storage import repo
from huanjie_desktop.storage.db import ElectionDB
from huanjie_desktop.storage.sheets import review_reasons
from huanjie_desktop.storage.stations_repo import decision_stations

SHEET_ROLE = Qt.ItemDataRole.UserRole + 40
KEY_MARKS = {
    Qt.Key.Key_1: "agree",
    Qt.Key.Key_2: "disagree",
    Qt.Key.Key_3: "abstain",
    Qt.Key.Key_4: "unclear",
}
_MARK_OF = {"A": "agree", "D": "disagree", "N": "abstain", "?": "unclear"}
# (the notes the app records for a decision where none was typed: not shown as a note)
_ACCEPT = "accept"
_DUPLICATE_SCAN = "duplicate_scan"
_ROSTER_ENTRY = re.compile(r"^(?P<name>.+?)（(?P<code>[^（）]+?)[，,）]")


def mark_word(mark: str) -> str:
    return {
        "agree": QCoreApplication.translate("ReviewPage", "赞成 ○"),
        "disagree": QCoreApplication.translate("ReviewPage", "不赞成 ×"),
        "abstain": QCoreApplication.translate("ReviewPage", "弃权"),
        "unclear": QCoreApplication.translate("ReviewPage", "无法辨认"),
    }.get(mark, mark or "—")


def machine_word(mark: str) -> str:
    """What the machine read for a candidate."""
    if mark == "unclear":
        return QCoreApplication.translate("ReviewPage", "？看不清")
    return mark_word(mark)


def call_word(call: str) -> str:
    """One box as the machine saw it."""
    return {
        "empty": QCoreApplication.translate("ReviewPage", "空白"),
        "circle": QCoreApplication.translate("ReviewPage", "○ 圈"),
        "cross": QCoreApplication.translate("ReviewPage", "× 叉"),
        "mark": QCoreApplication.translate("ReviewPage", "其他符号（如 ✓ 或涂黑）"),
        "unclear": QCoreApplication.translate("ReviewPage", "看不清"),
    }.get(call, call)


def why_word(why: str) -> str:
    return {
        "faint": QCoreApplication.translate("ReviewPage", "笔迹太淡"),
        "dot": QCoreApplication.translate("ReviewPage", "只有一个点"),
        "fill": QCoreApplication.translate("ReviewPage", "框内涂满了"),
        "circle_crossed": QCoreApplication.translate("ReviewPage", "○ 上又画了 ×"),
        "tick_crossed": QCoreApplication.translate("ReviewPage", "✓ 上又画了 ×"),
        "outside": QCoreApplication.translate("ReviewPage", "符号画到了框外"),
        "line": QCoreApplication.translate("ReviewPage", "只有一条线"),
        "shape": QCoreApplication.translate("ReviewPage", "形状既不像 ○ 也不像 ×"),
        "place": QCoreApplication.translate("ReviewPage", "纸张变形，方框位置未能确认"),
        "hidden": QCoreApplication.translate(
            "ReviewPage", "方框被遮住，看不见（手指、贴纸、涂改液？）"
        ),
        "stain": QCoreApplication.translate(
            "ReviewPage", "方框在一片污渍里（茶水、咖啡？）：看到的可能是污渍的边"
        ),
        "traced": QCoreApplication.translate("ReviewPage", "框内空白，但方框的边被笔描过"),
        "paler": QCoreApplication.translate(
            "ReviewPage", "○ 或 × 旁边还有颜色较淡的笔迹（铅笔画的另一个符号？）"
        ),
        "finer": QCoreApplication.translate(
            "ReviewPage", "粗笔画的符号上（或旁边）还有细笔的笔画（改画？）"
        ),
        "altered": QCoreApplication.translate(
            "ReviewPage", "方框的边有一段被盖住（涂改液、修正带？）：符号可能是改画的"
        ),
    }.get(why, why)


def box_word(key: str) -> str:
    return {
        "agree": QCoreApplication.translate("ReviewPage", "赞成栏"),
        "disagree": QCoreApplication.translate("ReviewPage", "不赞成栏"),
        "abstain": QCoreApplication.translate("ReviewPage", "弃权栏"),
        "mark": "",
    }.get(key, key)


def explain_target(targets: dict[str, Any], prefix: str) -> tuple[str, str]:
    """(why in words, raw scores for the tooltip) for one candidate ("c01") or column ("w1")."""
    parts: list[str] = []
    raw: list[str] = []
    for key, score in sorted(targets.items()):
        target, _, box = key.partition(".")
        if target != prefix or not isinstance(score, dict):
            continue
        if box == "name":  # (a write-in's name box: said on its own row, 写有姓名)
            raw.append(f"{key}: " + json.dumps(score, ensure_ascii=False, sort_keys=True))
            continue
        label = box_word(box)
        text = call_word(str(score.get("call", "")))
        why = str(score.get("why", "") or "")
        if score.get("dark_band_mm"):  # not a pen line: a shadow or smear across the box
            text += QCoreApplication.translate(
                "ReviewPage", "（框上有一道深色带：阴影或污迹，请看原票）"
            )
        elif why:
            text += QCoreApplication.translate("ReviewPage", "（{why}）").format(why=why_word(why))
        if score.get("shadow") and score.get("call") not in ("empty", "circle", "cross"):
            # read again with a fold's shadow divided out, and still doubtful
            text += QCoreApplication.translate("ReviewPage", "（在折痕的阴影里）")
        ink = score.get("ink_mm2")
        if isinstance(ink, int | float) and ink > 0:
            text += QCoreApplication.translate("ReviewPage", "，墨迹 {ink:.1f} mm²").format(ink=ink)
        colon = QCoreApplication.translate("ReviewPage", "：")
        parts.append(f"{label}{colon}{text}" if label else text)
        raw.append(f"{key}: " + json.dumps(score, ensure_ascii=False, sort_keys=True))
    return QCoreApplication.translate("ReviewPage", "；").join(parts), "\n".join(raw)


@dataclass(frozen=True)
class _Draft:
    """The choices on screen for one sheet (what step one would record)."""

    keys: tuple[str, ...]
    decided: tuple[tuple[str, str], ...]
    chosen: frozenset[str]
    recorded: frozenset[str]
    void: bool
    void_reason: str
    duplicate: bool
    note: str
    names: tuple[tuple[int, str], ...]
    illegible: tuple[tuple[int, bool], ...]


@dataclass(frozen=True)
class Target:
    key: str  # candidate code, or "w1", "w2" for write-in columns
    label: str
    machine: str  # agree / disagree / abstain / unclear
    writein: bool = False
    has_name: bool | None = None


class ReviewPage(Page):
    topics = frozenset({COUNT, CONTESTS, PEOPLE})

    def __init__(self, ctx: AppContext) -> None:
        super().__init__(ctx)
        self.contexts = RoundContexts()
        self.items: list[dict[str, Any]] = []
        self.done_items: list[dict[str, Any]] = []
        self.current: dict[str, Any] | None = None
        #: the sheet just decided: the next refresh moves on to the next one waiting
        self._advance_after: str | None = None
        #: the sheet whose decision was just recorded with no other sheet waiting: an Enter
        #: pressed again on it, nothing changed, records nothing (it replaced the decision)
        self._recorded: str | None = None
        # the sheet the banner's "✓ 已记录" is about: once the desk works on another sheet,
        # it goes (it must not seem to say a decision on that sheet was recorded)
        self._said_for: str | None = None
        self.targets: list[Target] = []
        self.candidates: tuple[Any, ...] = ()
        self.machine_codes = ""  # the machine's read, one letter per candidate (A/D/N/?)
        # the candidates (and write-in columns) with a mark in their cell outside the box (a
        # name circled or struck through): what the box alone read is no reading of what the
        # voter meant — each is decided by a person, as a mark the machine could not read
        self.beside: set[str] = set()
        self.decided: dict[str, str] = {}
        # (the targets a person set here, by key: a mark the machine could not read and the
        # person also calls illegible, 4, is decided, not left open)
        self.chosen: set[str] = set()
        # the targets whose mark a recorded decision gave (every box of it: the app refuses a
        # decision that leaves a mark the machine could not read undecided), and who decided
        self.recorded: set[str] = set()
        self.recorded_by = ""
        self.picture: SheetPicture | None = None
        # the written back shown: the writing zoomed, the whole back, a caption
        self.back: tuple[QImage, QImage, str] | None = None
        self._token = 0
        self.name_edits: dict[int, QLineEdit] = {}
        # (a name written that nobody can read: a choice for the over-vote rule, no vote —
        # not the empty column an empty name field records)
        self.illegible_boxes: dict[int, QCheckBox] = {}
        self.roster_names: list[str] = []

        lay = QVBoxLayout(self)
        lay.setContentsMargins(16, 10, 16, 10)
        lay.setSpacing(8)
        # The header: the title, the contest and its counts, the withdraw button. In English
        # at 1024 px they did not fit one line — the title ran to three lines and the
        # checkbox and the button were cut at the right edge: too narrow for one line, the
        # contest and its counts go on a line of their own under the title (`_fit_header`).
        top = QHBoxLayout()
        self.title = heading(self.tr("审核存疑选票"), 1.3)
        top.addWidget(self.title)
        top.addSpacing(12)
        self.filters = QWidget()
        filters = QHBoxLayout(self.filters)
        filters.setContentsMargins(0, 0, 0, 0)
        filters.addWidget(QLabel(self.tr("选举事项")))
        self.contest = MiddleElidedCombo()
        # (long titles: the box shortens them rather than push the chips off a 1024 screen —
        # at 160 px the chip beside it was drawn over it in English)
        self.contest.setMinimumWidth(130)
        self.contest.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.contest.setMinimumContentsLength(10)
        self.contest.currentIndexChanged.connect(lambda _i: self.refresh())
        filters.addWidget(self.contest, 2)
        self.todo_chip = Chip("", "warn")
        self.confirm_chip = Chip("", "info")
        filters.addWidget(self.todo_chip)
        filters.addWidget(self.confirm_chip)
        self.show_done = QCheckBox(self.tr("也显示已确认的"))
        self.show_done.setToolTip(
            self.tr("已确认的决定，包括各分团计票机上作出并确认、随其计票结果导入本机的")
        )
        self.show_done.toggled.connect(lambda _on: self.refresh())
        filters.addWidget(self.show_done)
        filters.addStretch(1)
        top.addWidget(self.filters, 1)
        top.addStretch(0)  # (the button keeps its width when the filters go under the title)
        # (a paper that is no ballot of the round — this sheet, or a hand entry by its label:
        # proposed by a scrutineer, confirmed by another, in one dialog)
        self.withdraw_button = QPushButton(self.tr("撤出计票…"))
        self.withdraw_button.setToolTip(
            self.tr(
                "把这张选票（或误录的手工录入）撤出本轮计票：监票人写明理由提出，另一位监票人确认"
            )
        )
        self.withdraw_button.clicked.connect(self.open_withdraw)
        top.addWidget(self.withdraw_button)
        lay.addLayout(top)
        self.header_rows = (top, QHBoxLayout())
        lay.addLayout(self.header_rows[1])

        self.split = QSplitter(Qt.Orientation.Horizontal)
        # the queue
        left = QWidget()
        ll = QVBoxLayout(left)
        ll.setContentsMargins(0, 0, 6, 0)
        ll.addWidget(heading(self.tr("存疑的选票"), 1.05))
        self.queue = QListWidget()
        self.queue.setAlternatingRowColors(True)
        self.queue.setSpacing(1)
        self.queue.setWordWrap(True)
        self.queue.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        # (at 1024 px the list was squeezed to some 90 px, a scanner's file name cut to
        # "scan-0016…": it keeps the width of one, the picture beside it gives the width; a
        # longer name is shortened in the middle, its number kept, whole in the tooltip)
        self.queue.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        self.queue.setResizeMode(QListView.ResizeMode.Adjust)  # (its lines wrap anew)
        self.queue.setMinimumWidth(
            self.queue.fontMetrics().horizontalAdvance("scan-0000.jpg")
            + self.queue.verticalScrollBar().sizeHint().width()
            + 2 * self.queue.frameWidth()
            + 12
        )
        self.queue.currentItemChanged.connect(self._select)
        ll.addWidget(self.queue, 1)
        self.split.addWidget(left)
        # the picture
        middle = QWidget()
        ml = QVBoxLayout(middle)
        ml.setContentsMargins(6, 0, 6, 0)
        ml.setSpacing(4)
        self.sheet_title = heading("", 1.05)
        ml.addWidget(self.sheet_title)
        self.why = QLabel()
        self.why.setWordWrap(True)
        self.why.setStyleSheet(
            f"color: {TONES['warn'][0]}; background: {TONES['warn'][1]}; padding: 6px 10px;"
            " border-radius: 6px;"
        )
        # (a sheet held for writing on its back: its back, as scanned, beside the front)
        self.back_button = QPushButton(self.tr("看背面（B）"))
        self.back_button.setCheckable(True)
        self.back_button.setToolTip(self.tr("这张选票的背面写有文字：在正面和背面之间切换"))
        self.back_button.toggled.connect(self._show_back)
        self.back_button.setVisible(False)
        why_row = QHBoxLayout()
        why_row.setContentsMargins(0, 0, 0, 0)
        why_row.addWidget(self.why, 1)
        why_row.addWidget(self.back_button, 0, Qt.AlignmentFlag.AlignTop)
        ml.addLayout(why_row)
        pictures = QSplitter(Qt.Orientation.Vertical)
        self.focus = PictureLabel(self.tr("正在读取图像…"))
        self.focus.setToolTip(self.tr("存疑的框，放大显示（橙色框：机器看不清）"))
        self.page_image = PictureLabel("")
        self.page_image.setToolTip(self.tr("整张选票"))
        pictures.addWidget(self.focus)
        pictures.addWidget(self.page_image)
        pictures.setStretchFactor(0, 3)
        pictures.setStretchFactor(1, 2)
        ml.addWidget(pictures, 1)
        self.split.addWidget(middle)
        # the decision
        right = QWidget()
        rl = QVBoxLayout(right)
        rl.setContentsMargins(6, 0, 0, 0)
        rl.setSpacing(6)
        self.step1 = step1 = QGroupBox(self.tr("第一步：决定（计票人）"))
        s1 = QVBoxLayout(step1)
        s1.setSpacing(4)
        self.keys_hint = hint(
            self.tr(
                "↑↓ 选候选人，按 1 赞成、2 不赞成、3 弃权、4 无法辨认；"
                "W 填另选他人姓名；V 整张作废；回车 记录决定。"
            )
        )
        s1.addWidget(self.keys_hint)
        # (said while the decision chooses more than the seats: recording it voids the ballot)
        self.over_hint = QLabel()
        self.over_hint.setWordWrap(True)
        self.over_hint.setStyleSheet(
            f"color: {TONES['bad'][0]}; background: {TONES['bad'][1]}; padding: 4px 8px;"
            " border-radius: 4px;"
        )
        self.over_hint.setVisible(False)
        s1.addWidget(self.over_hint)
        self.seats: int | None = None
        self.table = QTableWidget(0, 4)
        self.table.setHorizontalHeaderLabels(
            [self.tr("原票"), self.tr("候选人"), self.tr("机器读出"), self.tr("决定")]
        )
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setIconSize(QSize(96, 48))
        self.table.setWordWrap(True)
        th = self.table.horizontalHeader()
        th.setSectionResizeMode(0, QHeaderView.ResizeMode.Fixed)
        self.table.setColumnWidth(0, 104)
        th.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        th.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        th.setSectionResizeMode(3, QHeaderView.ResizeMode.ResizeToContents)
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().lineSpacing() * 3 + 8)
        # (three lines at least; more when the machine's reading wraps further — at 1024 px
        # its last line was cut; a ballot's rows are few, measuring them is cheap)
        self._fit_timer = QTimer(self)
        self._fit_timer.setSingleShot(True)
        self._fit_timer.setInterval(0)
        self._fit_timer.timeout.connect(self._fit_rows)
        th.sectionResized.connect(lambda *_a: self._fit_timer.start())
        self.table.installEventFilter(self)
        self.table.setTabKeyNavigation(False)  # Tab leaves the table (to the buttons, the list)
        s1.addWidget(self.table, 1)
        self.writein_box = QWidget()
        self.writein_form = QFormLayout(self.writein_box)
        self.writein_form.setContentsMargins(0, 0, 0, 0)
        # (narrow — 1024 px — the name box goes under its label rather than shrink to a
        # few characters; see `_build_writein_fields`)
        self.writein_form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        s1.addWidget(self.writein_box)
        void_row = QHBoxLayout()
        self.void = QCheckBox(self.tr("整张作废（V）"))
        self.void.toggled.connect(self._void_toggled)
        self.void.toggled.connect(lambda _on: self._choice_changed())
        self.void.toggled.connect(lambda _on: self._show_over())
        void_row.addWidget(self.void)
        self.void_reason = ReasonBox(
            (
                ("有可识别投票人的记号", self.tr("有可识别投票人的记号")),
                ("所选人数多于应选名额", self.tr("所选人数多于应选名额")),
                ("不是本轮的正式选票", self.tr("不是本轮的正式选票")),
            ),
            self.tr("作废的理由（必填）"),
        )
        line = self.void_reason.lineEdit()
        if line is not None:
            line.returnPressed.connect(self.record)  # V, a reason, Enter: recorded
        void_row.addWidget(self.void_reason, 1)
        s1.addLayout(void_row)
        # (only for a sheet held because its serial is on another image as well)
        self.duplicate = QCheckBox(self.tr("同一张选票的重复扫描，不计（D）"))
        self.duplicate.toggled.connect(self._duplicate_toggled)
        self.duplicate.toggled.connect(lambda _on: self._choice_changed())
        s1.addWidget(self.duplicate)
        note_row = QHBoxLayout()
        self.note = QLineEdit()
        self.note.setPlaceholderText(self.tr("说明（可不填），如：对照原票，勾视为弃权"))
        self.note.returnPressed.connect(self.record)
        note_row.addWidget(self.note, 1)
        self.record_button = QPushButton(self.tr("记录决定（回车）"))
        self.record_button.setMinimumHeight(34)
        self.record_button.clicked.connect(self.record)
        note_row.addWidget(self.record_button)
        s1.addLayout(note_row)
        rl.addWidget(step1, 1)

        step2 = QGroupBox(self.tr("第二步：监票人确认（须另一人）"))
        s2 = QVBoxLayout(step2)
        s2.setSpacing(4)
        self.pending = QLabel()
        self.pending.setWordWrap(True)
        s2.addWidget(self.pending)
        c_row = QHBoxLayout()
        self.confirm_button = QPushButton()
        self.confirm_button.setMinimumHeight(34)
        self.confirm_button.clicked.connect(self._confirm_clicked)
        self.switch_button = QPushButton(self.tr("换人确认…"))
        self.switch_button.setMinimumHeight(34)
        self.switch_button.clicked.connect(self.switch_and_confirm)
        c_row.addWidget(self.confirm_button, 1)
        c_row.addWidget(self.switch_button)
        s2.addLayout(c_row)
        # After 换人确认… the scrutineer is at the desk for the confirmations that follow;
        # one click gives the desk back to whoever worked before (their decisions are not
        # recorded under the scrutineer's name, nor the scrutineer's under theirs).
        self.handed_from: tuple[str, Any] | None = None
        self.hand_back_button = QPushButton()
        self.hand_back_button.setMinimumHeight(30)
        self.hand_back_button.clicked.connect(self.hand_back)
        self.hand_back_button.hide()
        s2.addWidget(self.hand_back_button)
        rl.addWidget(step2)
        self.banner = Banner()
        rl.addWidget(self.banner)
        self.history_box = history_box = QGroupBox(self.tr("这张选票的全部决定"))
        hl = QVBoxLayout(history_box)
        self.history = QListWidget()
        self.history.setWordWrap(True)
        self.history.setMaximumHeight(self.fontMetrics().lineSpacing() * 5 + 12)
        self.history.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.history.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.history.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        hl.addWidget(self.history)
        self.no_history = hint(self.tr("还没有人作出决定。"))
        hl.addWidget(self.no_history)
        rl.addWidget(history_box)
        # (the decision table's four columns whole — at 1024 px the machine's reading was cut
        # to a character: the picture beside it gives the width)
        fm = self.fontMetrics()
        right.setMinimumWidth(
            104
            + fm.horizontalAdvance("另选他人 第1栏")
            + fm.horizontalAdvance("不赞成 ×")
            + fm.horizontalAdvance("○ 圈，墨迹 00.0")
            + 80
        )
        self.split.addWidget(right)
        self.split.setStretchFactor(0, 2)
        self.split.setStretchFactor(1, 4)
        self.split.setStretchFactor(2, 5)
        lay.addWidget(self.split, 1)

        self.empty = EmptyState(
            self.tr("没有待审核的选票"),
            self.tr("机器能确定的选票都已直接计入。扫描到有疑问的选票时，会出现在这里。"),
        )
        self.empty.add_button(self.tr("去扫描选票"), lambda: ctx.page_requested.emit("count.scan"))
        self.empty.add_button(
            self.tr("看计票结果"), lambda: ctx.page_requested.emit("count.results")
        )
        # (the last sheet confirmed, the page shows no sheet and its step two is gone: the
        # desk is given back from here — it stayed under the scrutineer's name)
        self.empty_hand_back = self.empty.add_button("", self.hand_back)
        self.empty_hand_back.hide()
        lay.addWidget(self.empty, 1)
        self.completer = QCompleter(self)
        self.completer.setModel(QStringListModel(self))
        self.completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self._sized = False
        self.last_dialog: QWidget | None = None
        ctx.file_changed.connect(self.contexts.clear)
        # Choices made on a sheet and not recorded yet (a mark decided, V and a reason, a
        # write-in name typed), by sheet: kept while the desk looks at another sheet — to
        # compare handwriting, say — and shown again on coming back. Dropped, they would
        # leave the machine's reading on screen, and Enter would record that instead.
        self.drafts: dict[str, _Draft] = {}
        # (the choices as the sheet was loaded — its recorded decision, or the machine's
        # reading: what differs from them is unrecorded)
        self._pristine: _Draft | None = None
        ctx.file_changed.connect(self._drop_drafts)
        ctx.operator_changed.connect(self._operator_changed)

    # --- data -----------------------------------------------------------------------------------

    def refresh(self) -> None:
        db = self.ctx.db
        self._fill_contests(db)
        code = self.contest.currentData()
        contest = str(code) if code else None
        self.items = counting.review_list(db, contest)
        self.done_items = self._confirmed(db, contest) if self.show_done.isChecked() else []
        people = repo.read_people(db)
        units = {u.code: u.name for u in repo.read_units(db)}
        self.roster_names = [
            f"{p.name}（{p.code}，{units.get(p.unit or '', '') or '—'}）" for p in people
        ]
        model = self.completer.model()
        if isinstance(model, QStringListModel):
            model.setStringList(self.roster_names)
        keep = self.current["sheet"] if self.current else None
        # (hand entries whose taking out awaits a second scrutineer: confirmed in the
        # withdrawal dialog — the queue lists sheets only)
        asked = sum(len(w[3]) for w in counting.hand_entries_waiting(db, contest))
        self.withdraw_button.setText(
            self.tr("撤出计票…（{n} 项待确认）").format(n=asked) if asked else self.tr("撤出计票…")
        )
        self._fill_queue(keep)

    def _fill_contests(self, db: ElectionDB) -> None:
        fill_contests(self.contest, repo.read_contests(db), (self.tr("全部选举事项"), ""))

    def _confirmed(self, db: ElectionDB, contest: str | None) -> list[dict[str, Any]]:
        """Sheets whose decision was confirmed, newest first: this laptop's, and the
        stations' merged in with their results (read from the decisions, not this file's
        audit log, which records only the confirmations made here)."""
        open_ids = {i["sheet"] for i in self.items}
        return [
            # ("decision": one awaiting confirmation; the confirmed one is "confirmed")
            {**item, "decision": None, "confirmed": item["decision"]}
            for item in counting.confirmed_list(db, contest)
            if item["sheet"] not in open_ids
        ]

    def _fill_queue(self, keep: str | None) -> None:
        todo = sum(1 for i in self.items if i["decision"] is None)
        waiting = len(self.items) - todo
        self.todo_chip.set(self.tr("待决定 {n} 张").format(n=todo), "warn" if todo else "ok")
        self.confirm_chip.set(
            self.tr("待确认 {n} 张").format(n=waiting), "info" if waiting else "neutral"
        )
        self._fit_header()  # (the counts' words are wider or narrower now)
        has_any = bool(self.items or self.done_items)
        self.split.setVisible(has_any)
        self.empty.setVisible(not has_any)
        self.queue.blockSignals(True)
        self.queue.clear()
        select = None
        for n, item in enumerate(self.items + self.done_items, start=1):
            text, tone = self._queue_text(n, item)
            entry = QListWidgetItem(text)
            # (the entry in full: its first line — the file — may be shortened to fit)
            entry.setToolTip(
                "\n".join(
                    [text.split("\n", 1)[0]]
                    + [reason_message(r, self.ctx.lang) for r in self._reasons(item)]
                    + [text.rsplit("\n", 1)[-1]]
                )
            )
            entry.setData(SHEET_ROLE, item["sheet"])
            entry.setForeground(QColor(TONES[tone][0]))
            self.queue.addItem(entry)
            if item["sheet"] == keep:
                select = entry
        self.queue.blockSignals(False)
        after, self._advance_after = self._advance_after, None
        ids = [str(i["sheet"]) for i in self.items]
        if after is not None and after in ids:
            # decided: on to the next sheet still waiting for a decision (from the top again)
            start = ids.index(after)
            order = list(range(start + 1, len(ids))) + list(range(start))
            nxt = next((k for k in order if self.items[k]["decision"] is None), None)
            if nxt is not None:
                select = self.queue.item(nxt)
            else:
                self._recorded = after
        if select is None and self.queue.count():
            select = self.queue.item(0)
        if select is not None:
            self.queue.setCurrentItem(select)
            self._select(select, None)
        else:
            self.current = None

    def _reasons(self, item: dict[str, Any]) -> list[str]:
        """The sheet's reason codes as words are chosen for them: a hand entry and a scan of
        one serial said so, not "different images" (`sheets.review_reasons`)."""
        return review_reasons(self.ctx.db.con, str(item["sheet"]), item.get("reasons") or [])

    def _queue_text(self, n: int, item: dict[str, Any]) -> tuple[str, str]:
        name = Path(str(item.get("file") or "")).name
        where = f"{item.get('contest') or '?'} · {name}"
        if item.get("page", 1) and int(item.get("page", 1)) > 1:
            where += self.tr(" 第{n}页").format(n=item["page"])
        # (each reason by its head, before its colon: the whole is shown beside the sheet and
        # in the entry's tooltip — in full, an entry ran to ten lines in a narrow list)
        why = ("; " if self.ctx.lang == "en" else "；").join(
            re.split(r"：|: ", reason_message(r, self.ctx.lang), maxsplit=1)[0]
            for r in self._reasons(item)
        )
        if item.get("done"):
            d = item.get("confirmed") or {}
            state = self.tr("已确认：{decider} 决定，{who} 确认（{time}）").format(
                decider=d.get("decided_by", ""),
                who=d.get("confirmed_by", ""),
                time=local_time(str(d.get("confirmed_at"))),
            )
            if d.get("station"):  # (decided and confirmed on a station's laptop)
                state = self.tr("分团计票机（{station}）").format(station=d["station"]) + state
            tone = "ok"
        elif item["decision"] is None:
            state = self.tr("待决定")
            tone = "warn"
        else:
            d = item["decision"]
            state = self.tr("已决定（{who} {time}），待确认").format(
                who=d["decided_by"], time=local_time(str(d["decided_at"]))
            )
            tone = "info"
        return f"{n}. {where}\n{why}\n{state}", tone

    def _sheet_name(self, item: dict[str, Any]) -> str:
        """A sheet as the queue names it: its file, and its page when past the first."""
        name = Path(str(item.get("file") or "")).name or str(item.get("sheet", ""))
        if item.get("page", 1) and int(item.get("page", 1)) > 1:
            name += self.tr(" 第{n}页").format(n=item["page"])
        return name

    def item_for(self, sheet: str) -> dict[str, Any] | None:
        return next((i for i in self.items + self.done_items if i["sheet"] == sheet), None)

    # --- one sheet ------------------------------------------------------------------------------

    def _select(self, entry: QListWidgetItem | None, _prev: QListWidgetItem | None) -> None:
        if entry is None or self.ctx.session is None:
            return
        item = self.item_for(str(entry.data(SHEET_ROLE)))
        if item is None:
            return
        same = self.current is not None and self.current["sheet"] == item["sheet"]
        if not same:
            self._recorded = None
            self._keep_draft()
        self.current = item
        self._load_sheet(item, keep_choices=same)
        if not same:
            self.banner.show_message("", "neutral")
            self._render(item)

    def _load_sheet(self, item: dict[str, Any], keep_choices: bool = False) -> None:
        db = self.ctx.db
        contest, number = item.get("contest"), item.get("round")
        c = repo.read_contest(db, str(contest)) if contest else None
        info = repo.read_round(db, str(contest), int(number)) if contest and number else None
        self.seats = info.seats if info is not None else None
        title = f"{c.title if c else contest} · " + self.tr("第 {n} 轮").format(n=number)
        self.sheet_title.setText(title)
        why = ("; " if self.ctx.lang == "en" else "；").join(
            reason_message(r, self.ctx.lang) for r in self._reasons(item)
        )
        if "written_back" in item.get("reasons", []):
            # (where its back is: the scan said so when it held this sheet)
            from huanjie_desktop.storage.sheets import get as stored_sheet

            held = stored_sheet(db.con, str(item["sheet"]))
            where = back_of(held.reason if held else None)
            if where and self.ctx.lang == "en":  # (stored as the scan said it: 'x.pdf 第 2 页')
                where = re.sub(r"^(.*) 第 (\d+) 页$", r"\1 page \2", where)
            if where:
                why += self.tr("（背面：{where}）").format(where=where)
        serial = item.get("serial")
        extra = self.tr("防伪码 {s}").format(s=serial) if serial else ""
        self.why.setText(
            self.tr("机器存疑的原因：{why}").format(why=why or "—")
            + (f"    {extra}" if extra else "")
        )
        from huanjie_desktop.storage.sheets import get

        stored = get(db.con, str(item["sheet"]))
        scores: dict[str, Any] = {}
        if stored is not None:
            try:
                scores = json.loads(stored.scores or "{}")
            except json.JSONDecodeError:
                scores = {}
        targets_scores = scores.get("targets", {}) if isinstance(scores, dict) else {}
        # candidates with a mark beside their boxes (a ○ round the name, a × over it)
        beside = set(scores.get("beside_boxes", {}) if isinstance(scores, dict) else {})
        self.beside = beside
        self.candidates = info.candidates if info is not None else ()
        self.machine_codes = (stored.marks or "") if stored is not None else ""
        machine_marks = {
            k.code: _MARK_OF.get(m, "unclear")
            for k, m in zip(self.candidates, self.machine_codes, strict=False)
        }
        targets: list[Target] = []
        if info is not None:
            for k in info.candidates:
                targets.append(Target(k.code, k.name, machine_marks.get(k.code, "unclear")))
        for w in item.get("writeins") or []:
            if not isinstance(w, dict):
                continue
            col = int(w.get("column", 0))
            has_name = w.get("has_name")
            mark = str(w.get("mark") or "abstain")
            if has_name is False and mark == "abstain" and f"w{col}" not in beside:
                continue  # an empty write-in column says nothing
            targets.append(
                Target(
                    f"w{col}",
                    self.tr("另选他人 第{n}栏").format(n=col),
                    mark,
                    writein=True,
                    has_name=has_name if isinstance(has_name, bool) else None,
                )
            )
        for key in sorted(beside - {t.key for t in targets}):
            # (a column the machine saw empty, with ink beside its box: decided as well)
            if re.fullmatch(r"w\d+", key):
                col = int(key[1:])
                label = self.tr("另选他人 第{n}栏").format(n=col)
                targets.append(Target(key, label, "abstain", writein=True, has_name=False))
        if not keep_choices or [t.key for t in targets] != [t.key for t in self.targets]:
            self.decided = {t.key: t.machine for t in targets}
            # (the confirmed decision, or one waiting to be confirmed: what it says is shown,
            # not the machine's reading — the scrutineer confirms what the table shows)
            shown = self._recorded_decision(item)
            marks = {} if shown is None else self._marks_of(shown.decided)
            self.decided.update(marks)
            # (each of its marks was decided: one the machine could not read either and the
            # person called illegible, 4, is their decision, not a box left open — unless
            # it voided the sheet or set it aside as another scan, deciding no box)
            decided_boxes = shown is not None and not (
                shown.decided.get("duplicate_of")
                or shown.decided.get("void_reason") not in (None, "", "over_vote")
            )
            # (and every mark beside a box: the app refuses a decision that does not say it)
            self.recorded = (
                set(marks) | {t.key for t in targets if t.key in beside} if decided_boxes else set()
            )
            self.recorded_by = shown.decided_by if shown is not None else ""
            self.chosen = set(self.recorded)
            self._build_writein_fields(targets)
            self.void.setChecked(False)
            self.duplicate.setChecked(False)
            self.void_reason.setCurrentIndex(-1)
            self.note.clear()
            if item.get("done") and shown is not None:
                self._show_confirmed_names(shown)
            self._pristine = self._capture()
            draft = self.drafts.get(str(item["sheet"]))
            if draft is not None and not item.get("done") and draft.keys == self._pristine.keys:
                self._restore(draft)
        self.targets = targets
        self.table.setRowCount(len(targets))
        for r, t in enumerate(targets):
            why_text, raw = explain_target(targets_scores, t.key)
            if t.writein:
                name_seen = {
                    True: self.tr("写有姓名"),
                    False: self.tr("未读到姓名"),
                    None: self.tr("姓名栏看不清"),
                }[t.has_name]
                sep = QCoreApplication.translate("ReviewPage", "；")
                why_text = f"{name_seen}{sep}{why_text}" if why_text else name_seen
            if t.key in beside:
                outside = self.tr("方格外有笔迹：请看原票")
                why_text = f"{why_text}\n{outside}" if why_text else outside
            cells = [
                "",
                t.label,
                machine_word(t.machine) + (f"\n{why_text}" if why_text else ""),
                "",
            ]
            for col, text in enumerate(cells):
                cell = QTableWidgetItem(text)
                if col == 2:
                    # (the words in full — a long reason is cut in the cell — then the scores)
                    cell.setToolTip(f"{text}\n\n{raw}" if raw else text)
                    if t.machine == "unclear" or t.key in beside:
                        cell.setForeground(QColor(TONES["warn"][0]))
                self.table.setItem(r, col, cell)
            self._show_decision(r)
        self._fit_timer.start()
        self._show_over()
        self._apply_crops()
        done = bool(item.get("done"))
        self.duplicate.setVisible("serial_conflict" in (item.get("reasons") or []))
        for w in (
            self.table,
            self.void,
            self.duplicate,
            self.note,
            self.record_button,
            self.writein_box,
        ):
            w.setEnabled(not done)
        self.void_reason.setEnabled(not done and self.void.isChecked())
        if self.table.rowCount():
            first = next(
                (
                    i
                    for i, t in enumerate(targets)
                    if t.machine == "unclear" or t.writein or t.key in beside
                ),
                0,
            )
            self.table.selectRow(first)
            self.table.scrollTo(self.table.model().index(first, 0))
        self._show_pending()
        self._show_history(str(item["sheet"]))
        if not done:
            self.table.setFocus()

    def _capture(self) -> _Draft:
        """The choices on screen for the sheet shown."""
        return _Draft(
            keys=tuple(sorted(self.decided)),
            decided=tuple(sorted(self.decided.items())),
            chosen=frozenset(self.chosen),
            recorded=frozenset(self.recorded),
            void=self.void.isChecked(),
            void_reason=self.void_reason.currentText(),
            duplicate=self.duplicate.isChecked(),
            note=self.note.text(),
            names=tuple((col, e.text()) for col, e in sorted(self.name_edits.items())),
            illegible=tuple(
                (col, b.isChecked()) for col, b in sorted(self.illegible_boxes.items())
            ),
        )

    def _restore(self, draft: _Draft) -> None:
        """Show the choices kept for the sheet just loaded (its widgets are built)."""
        self.decided = dict(draft.decided)
        self.chosen = set(draft.chosen)
        self.recorded = set(draft.recorded)
        for col, on in draft.illegible:
            if col in self.illegible_boxes:
                self.illegible_boxes[col].setChecked(on)
        for col, text in draft.names:
            if col in self.name_edits:
                self.name_edits[col].setText(text)
        self.note.setText(draft.note)
        self.duplicate.setChecked(draft.duplicate)
        self.void.setChecked(draft.void)
        self.void_reason.setEditText(draft.void_reason)

    def _unrecorded(self) -> bool:
        """Whether the sheet shown has choices on screen not recorded."""
        item = self.current
        if item is None or item.get("done") or self._pristine is None:
            return False
        return self._capture() != self._pristine

    def _keep_draft(self) -> None:
        """The desk leaves the sheet shown: its unrecorded choices are kept for it."""
        if self.current is None:
            return
        sheet = str(self.current["sheet"])
        if self._unrecorded():
            self.drafts[sheet] = self._capture()
        else:
            self.drafts.pop(sheet, None)

    def _drop_drafts(self) -> None:
        self.drafts.clear()
        self._pristine = None

    def unsaved(self) -> str | None:
        """Decisions chosen on screen and not recorded (Enter not pressed), by sheet."""
        names: list[str] = []
        shown = self._sheet_id() if self._unrecorded() else None
        for sheet in ([shown] if shown else []) + [s for s in self.drafts if s != shown]:
            item = self.item_for(sheet)
            if item is not None and not item.get("done"):
                names.append(self._sheet_name(item))
        if not names:
            return None
        sep = ", " if self.ctx.lang == "en" else "、"
        return self.tr("审核中没有记录的决定（{sheets}）").format(sheets=sep.join(names))

    def may_leave(self) -> bool:
        left = super().may_leave()
        if left and (self.drafts or self._unrecorded()):
            # (dropped: shown again, each sheet shows what is recorded)
            self.drafts.clear()
            if self.current is not None:
                self._load_sheet(self.current)
        return left

    def _recorded_decision(self, item: dict[str, Any]) -> count_store.Decision | None:
        """The confirmed decision the sheet of ``item`` counts by when it is done, else the
        one waiting to be confirmed (none: None)."""
        sheet = str(item["sheet"])
        if not item.get("done"):
            return count_store.open_decision(self.ctx.db, sheet)
        confirmed = [d for d in count_store.decisions_for(self.ctx.db, sheet) if d.confirmed_by]
        standing = (item.get("confirmed") or {}).get("id")
        return next(
            (d for d in confirmed if d.id == standing), confirmed[-1] if confirmed else None
        )

    def _marks_of(self, decided: dict[str, Any]) -> dict[str, str]:
        """A decision's marks (the app's ``decided`` JSON) by target key."""
        codes = str(decided.get("marks") or "")
        out = {
            k.code: _MARK_OF.get(m, "unclear") for k, m in zip(self.candidates, codes, strict=False)
        }
        for w in decided.get("writeins") or []:
            out[f"w{w.get('column')}"] = str(w.get("mark", "abstain"))
        return out

    def _show_confirmed_names(self, decision: count_store.Decision) -> None:
        for w in decision.decided.get("writeins") or []:
            edit = self.name_edits.get(int(w.get("column", 0)))
            if edit is not None:
                person = f"（{w['person']}）" if w.get("person") else ""
                edit.setText(f"{w.get('name') or ''}{person}")
            box = self.illegible_boxes.get(int(w.get("column", 0)))
            if box is not None:
                box.setChecked(bool(w.get("illegible")))

    def _build_writein_fields(self, targets: list[Target]) -> None:
        while self.writein_form.rowCount():
            self.writein_form.removeRow(0)
        self.name_edits = {}
        self.illegible_boxes = {}
        for t in targets:
            if not t.writein:
                continue
            col = int(t.key[1:])
            edit = QLineEdit()
            edit.setPlaceholderText(self.tr("原票上写的姓名（从名单中选择，或照写）"))
            # (a name with its note, "欧阳文忠（区委办）", readable as it is typed)
            edit.setMinimumWidth(self.fontMetrics().horizontalAdvance("欧阳文忠（区委办）") + 12)
            edit.setCompleter(self.completer)
            edit.returnPressed.connect(self._name_entered)
            edit.textEdited.connect(lambda _t: self._choice_changed())
            self.name_edits[col] = edit
            unread = QCheckBox(self.tr("姓名无法辨认"))
            unread.setToolTip(
                self.tr(
                    "写了姓名，但认不出是谁：不计任何人的票，但算作选了一人"
                    "（所选人数多于应选名额的，整张作废）。没有写姓名的不要勾选。"
                )
            )
            unread.toggled.connect(partial(self._illegible_toggled, edit))
            self.illegible_boxes[col] = unread
            row = QHBoxLayout()
            row.setContentsMargins(0, 0, 0, 0)
            row.addWidget(edit, 1)
            row.addWidget(unread)
            self.writein_form.addRow(self.tr("另选第{n}栏姓名（W）").format(n=col), row)
        self.writein_box.setVisible(bool(self.name_edits))

    def _illegible_toggled(self, edit: QLineEdit, on: bool) -> None:
        if on:
            edit.clear()
        edit.setEnabled(not on)
        self._choice_changed()
        self._show_over()

    def _name_entered(self) -> None:
        popup = self.completer.popup()
        if popup is not None and popup.isVisible():
            return  # Enter picked a name from the list
        self.record()

    def _show_decision(self, row: int) -> None:
        t = self.targets[row]
        mark = self.decided.get(t.key, t.machine)
        text = mark_word(mark)
        undecided = self._to_decide(t) and t.key not in self.chosen
        if undecided:
            text = self.tr("？请决定")
        cell = QTableWidgetItem(text)
        if t.key in self.recorded and self.recorded_by:
            cell.setToolTip(self.tr("{who} 的决定：{what}").format(who=self.recorded_by, what=text))
        changed = mark != t.machine
        tone = "warn" if mark == "unclear" or undecided else ("info" if changed else "neutral")
        cell.setForeground(QColor(TONES[tone][0]))
        if changed or mark == "unclear" or undecided:
            font = cell.font()
            font.setBold(True)
            cell.setFont(font)
        self.table.setItem(row, 3, cell)
        self._show_over()

    def _to_decide(self, t: Target) -> bool:
        """Whether ``t``'s mark is a person's to give, not the machine's to read: the
        machine could not read it, or there is a mark in its cell outside the box."""
        return t.machine == "unclear" or t.key in self.beside

    def _show_over(self) -> None:
        """Warn while the decision as it stands chooses more people than there are seats."""
        chosen = sum(
            1
            for t in self.targets
            if self.decided.get(t.key, t.machine) == "agree"
            and (
                not t.writein
                or t.has_name is not False
                or bool(self._writein_text(int(t.key[1:])))  # (a name the person found)
            )
        )
        over = self.seats is not None and chosen > self.seats and not self.void.isChecked()
        if over:
            self.over_hint.setText(
                self.tr(
                    "按现在的决定选了 {n} 名，多于应选 {seats} 名：记录后整张作废。"
                    "投票人划掉或改正了哪一位，请先按其意愿改过来。"
                ).format(n=chosen, seats=self.seats)
            )
        self.over_hint.setVisible(over)

    def _fit_rows(self) -> None:
        least = self.table.verticalHeader().defaultSectionSize()
        for r in range(self.table.rowCount()):
            self.table.setRowHeight(r, max(least, self.table.sizeHintForRow(r)))

    def _apply_crops(self) -> None:
        pic = self.picture
        for r, t in enumerate(self.targets):
            cell = self.table.item(r, 0)
            if cell is None:
                cell = QTableWidgetItem()
                self.table.setItem(r, 0, cell)
            image = pic.crops.get(t.key) if pic is not None and self.current else None
            if image is not None and pic is not None and pic.sheet == self._sheet_id():
                cell.setIcon(QIcon(QPixmap.fromImage(image)))
            else:
                cell.setIcon(QIcon())
        self._fit_timer.start()  # (a crop is as tall as two lines and more)

    def _sheet_id(self) -> str:
        return str(self.current["sheet"]) if self.current else ""

    def _render(self, item: dict[str, Any]) -> None:
        self._token += 1
        token = self._token
        self.picture = None
        self.back = None
        written_back = "written_back" in item.get("reasons", [])
        self.back_button.blockSignals(True)
        self.back_button.setChecked(False)
        self.back_button.blockSignals(False)
        self.back_button.setVisible(written_back)
        self.focus.set_image(None, self.tr("正在读取图像…"))
        self.page_image.set_image(None, "")
        contexts = self.contexts
        doubtful = [code for code, mark in (item.get("marks") or {}).items() if mark == "unclear"]
        sheet, image = str(item["sheet"]), str(item.get("image") or "")
        contest, number = item.get("contest"), item.get("round")

        def work(db: ElectionDB) -> SheetPicture:
            return render_sheet(
                db,
                sheet,
                image,
                str(contest) if contest else None,
                int(number) if number else None,
                contexts,
                doubtful=doubtful,
            )

        def done(result: object) -> None:
            if token != self._token or not isinstance(result, SheetPicture):
                return
            self.picture = result
            self._show_picture()
            self._apply_crops()

        def failed(exc: BaseException) -> None:
            if token == self._token:
                self.focus.set_image(
                    None,
                    self.tr("无法显示图像：{why}。请对照原票决定。").format(
                        why=self.ctx.describe(exc)
                    ),
                )

        self.ctx.run("review.picture", work, on_success=done, on_error=failed)

    def _show_picture(self) -> None:
        """The sheet's front (the doubtful part zoomed, the whole page below), or, the back
        button pressed, its back (the front's whole page below)."""
        pic = self.picture
        if self.back_button.isChecked():
            if self.back is None:
                self.focus.set_image(None, self.tr("正在读取背面的图像…"))
                self.page_image.setVisible(False)
                return
            zoomed, whole, caption = self.back
            self.focus.set_image(whole if zoomed.isNull() else zoomed, caption)
            self.focus.setToolTip(caption)
            # (the writing zoomed above, the whole back below)
            self.page_image.set_image(None if zoomed.isNull() else whole, "")
            self.page_image.setVisible(not zoomed.isNull())
            return
        self.focus.setToolTip(self.tr("存疑的框，放大显示（橙色框：机器看不清）"))
        if pic is None:
            return
        self.focus.set_image(pic.focus or pic.image, pic.note)
        self.page_image.set_image(pic.image if pic.focus else None, "")
        self.page_image.setVisible(pic.focus is not None)

    def _show_back(self, on: bool) -> None:
        """The back button pressed (``on``) or released: the back is read once per sheet."""
        self.back_button.setText(self.tr("看正面（B）") if on else self.tr("看背面（B）"))
        self._show_picture()
        if not on or self.back is not None or self.current is None:
            return
        token = self._token
        sheet = str(self.current["sheet"])

        def work(db: ElectionDB) -> tuple[QImage, QImage, str]:
            return render_back(db, sheet)

        def done(result: object) -> None:
            if token == self._token and isinstance(result, tuple):
                self.back = (result[0], result[1], str(result[2]))
                self._show_picture()

        def failed(exc: BaseException) -> None:
            if token == self._token:
                self.back = (
                    QImage(),
                    QImage(),
                    self.tr("无法显示图像：{why}。请对照原票决定。").format(
                        why=self.ctx.describe(exc)
                    ),
                )
                self._show_picture()

        self.ctx.run("review.back", work, on_success=done, on_error=failed)

    # --- keyboard ---------------------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.table and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            if self.handle_key(Qt.Key(event.key())):
                return True
        return super().eventFilter(watched, event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        # Keys that reach the page unhandled (the focus is on a button or the picture) still
        # decide; Enter from a text field has already recorded (QLineEdit passes it on).
        # Enter on step one's check boxes or its button records (D or V pressed, the table
        # is disabled and the focus is on a check box, which drops Enter); elsewhere (the
        # queue, step two) it is not taken for a decision.
        key = Qt.Key(event.key())
        focus = self.focusWidget()
        typing = isinstance(focus, QLineEdit | QComboBox)
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            if not typing and focus is not None and self.step1.isAncestorOf(focus):
                self.record()
                return
            super().keyPressEvent(event)
        elif typing or not self.handle_key(key):
            super().keyPressEvent(event)

    def handle_key(self, key: Qt.Key) -> bool:
        """The decision keys (the table has the focus, or nothing that takes text does)."""
        if key == Qt.Key.Key_B and self.current is not None and self.back_button.isVisible():
            self.back_button.toggle()
            return True
        if self.current is None or self.current.get("done"):
            return False
        if key in KEY_MARKS:
            self.set_mark(KEY_MARKS[key])
            return True
        if key == Qt.Key.Key_W:
            row = self.table.currentRow()
            target = self.targets[row] if 0 <= row < len(self.targets) else None
            col = int(target.key[1:]) if target is not None and target.writein else None
            edit = self.name_edits.get(col) if col else None
            edit = edit or next(iter(self.name_edits.values()), None)
            if edit is not None:
                edit.setFocus()
                edit.selectAll()
            return True
        if key == Qt.Key.Key_V:
            self.void.setChecked(not self.void.isChecked())
            return True
        if key == Qt.Key.Key_D and self.duplicate.isVisible():
            self.duplicate.setChecked(not self.duplicate.isChecked())
            return True
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.record()
            return True
        return False

    def set_mark(self, mark: str, row: int | None = None) -> None:
        """Decide the mark of the focused candidate (or ``row``), then go to the next one."""
        row = self.table.currentRow() if row is None else row
        if not 0 <= row < len(self.targets):
            return
        self.decided[self.targets[row].key] = mark
        self.chosen.add(self.targets[row].key)
        self.recorded.discard(self.targets[row].key)  # (now this person's)
        self._choice_changed()
        self._show_decision(row)
        nxt = next(
            (
                i
                for i in range(row + 1, len(self.targets))
                if self.decided.get(self.targets[i].key) == "unclear"
                or self._to_decide(self.targets[i])
                or self.targets[i].writein
            ),
            min(row + 1, len(self.targets) - 1),
        )
        self.table.selectRow(nxt)

    def _void_toggled(self, on: bool) -> None:
        self.void_reason.setEnabled(on)
        self.table.setEnabled(not on)
        self.writein_box.setEnabled(not on)
        if on:
            self.duplicate.setChecked(False)
            self.void_reason.setFocus()

    def _duplicate_toggled(self, on: bool) -> None:
        self.table.setEnabled(not on)
        self.writein_box.setEnabled(not on)
        if on:
            self.void.setChecked(False)
            # (the table disabled, the focus would go on to 整张作废: it stays here, where
            # Enter records and D or the space bar takes it back)
            self.duplicate.setFocus()
        elif self.duplicate.hasFocus() and self.table.isEnabled():
            self.table.setFocus()

    def _choice_changed(self) -> None:
        """The decision on screen changed: Enter records again, and a "✓ 已记录" said for
        another sheet goes."""
        self._recorded = None
        if self._said_for is not None and self._said_for != self._sheet_id():
            self._said_for = None
            self.banner.show_message("", "neutral")

    # --- actions ----------------------------------------------------------------------------------

    def record(self) -> None:
        """Record the decision (step 1) on the worker; the app layer checks it."""
        item = self.current
        if item is None or item.get("done"):
            return
        sheet = str(item["sheet"])
        if self._recorded == sheet and item.get("decision") is not None:
            self.banner.show_message(
                self.tr(
                    "这张选票的决定已经记录，正等待另一位监票人确认。要改动，请先改标记再记录。"
                ),
                "info",
            )
            return
        by = self.ctx.operator
        if not by:
            self.banner.show_message(
                self.tr("请先在“操作员”菜单中填写您的姓名，决定会记下是谁作出的。"), "bad"
            )
            return
        void_reason: str | None = None
        marks: dict[str, str] = {}
        writeins: dict[int, str] = {}
        duplicate = self.duplicate.isVisible() and self.duplicate.isChecked()
        if duplicate:
            pass  # another scan of a paper already here: nothing else to decide
        elif self.void.isChecked():
            void_reason = self.void_reason.reason()
            problem = self.void_reason.problem()
            if problem is not None:
                self.banner.show_message(problem, "bad")
                self.void_reason.setFocus()
                return
        else:
            left = [
                t.label
                for t in self.targets
                if t.key not in self.chosen
                and (
                    t.key in self.beside
                    or (
                        t.machine == "unclear"
                        and self.decided.get(t.key) == "unclear"
                        and not (t.writein and not self._writein_text(int(t.key[1:])))
                    )
                )
            ]
            if left:
                self.banner.show_message(
                    self.tr(
                        "还有 {n} 处标记没有决定：{names}。选中该行，按 1 赞成、2 不赞成、3 弃权；"
                        "确实无法辨认的按 4（该候选人按无有效标记计）。"
                    ).format(n=len(left), names="、".join(left)),
                    "warn",
                )
                return
            for t in self.targets:
                mark = self.decided.get(t.key, t.machine)
                # (a mark beside the box: said, though it be the machine's — the app
                # refuses it taken as read)
                if (
                    mark != t.machine
                    or (t.machine == "unclear" and not t.writein)
                    or t.key in self.beside
                ):
                    marks[t.key] = mark
            for col, _edit in self.name_edits.items():
                text = self._writein_text(col)
                target = next((t for t in self.targets if t.key == f"w{col}"), None)
                if text:
                    writeins[col] = text
                elif target is not None and target.has_name is not False:
                    mark = self.decided.get(target.key, target.machine)
                    # (an empty field records an empty column, which chooses nobody: a name
                    # written that cannot be read is the box beside it, a choice)
                    if mark in ("agree", "unclear") and not dialogs.confirm(
                        self,
                        self.tr("另选他人姓名"),
                        self.tr(
                            "另选他人第 {n} 栏写有姓名，但您没有填写。确实没有写姓名吗？"
                            "（选“是”按没有姓名记录；写了姓名但认不出的，选“否”后勾选"
                            "“姓名无法辨认”，或回去填写姓名）"
                        ).format(n=col),
                    ):
                        self.name_edits[col].setFocus()
                        return
                    writeins[col] = ""
        reason = self.note.text().strip()
        op = self.ctx.account
        named = self._sheet_name(item)

        def work(db: ElectionDB) -> counting.DecisionOutcome:
            return counting.decide(
                db,
                sheet,
                marks=marks,
                writeins=writeins,
                void_reason=void_reason,
                accept=void_reason is None and not duplicate,
                by=by,
                reason=reason,
                duplicate=duplicate,
                operator=op,
            )

        def done(result: object) -> None:
            if isinstance(result, counting.DecisionOutcome):
                # (the desk has moved on to the next sheet: the message names the one decided;
                # and says what confirming it does — a duplicate scan is then set aside, never
                # "counted", a voided ballot counted as void)
                if result.duplicate_of:
                    said = self.tr(
                        "✓ 已记录 {who} 对 {sheet} 的决定（重复扫描，不计）。"
                        "另一位监票人确认后，这一张作为重复扫描放在一边，不计入。"
                    )
                elif not result.valid:
                    said = self.tr(
                        "✓ 已记录 {who} 对 {sheet} 的决定（整张作废）。另一位监票人确认后，按废票计入。"
                    )
                else:
                    said = self.tr(
                        "✓ 已记录 {who} 对 {sheet} 的决定（有效票）。请另一位监票人确认后才计入。"
                    )
                self.banner.show_message(said.format(who=by, sheet=named), "ok")
                self._said_for = sheet

        def failed(exc: BaseException) -> None:
            self._advance_after = None
            if self._sheet_id() == sheet:
                self._pristine = before
            self.banner.show_message("✗ " + self.ctx.describe(exc), "bad")

        # (set now: the refresh that follows the decision comes before ``done``; what is
        # on screen is now recorded — refused, it is unrecorded again)
        self._advance_after = sheet
        before = self._pristine
        self._pristine = self._capture()
        self.drafts.pop(sheet, None)
        self.ctx.run("review.decide", work, topics={COUNT}, on_success=done, on_error=failed)

    def _writein_text(self, col: int) -> str:
        """What to record for a write-in column: a roster code when picked from the list."""
        edit = self.name_edits.get(col)
        if edit is None:
            return ""
        unread = self.illegible_boxes.get(col)
        if unread is not None and unread.isChecked():
            return "?"  # (counting.ILLEGIBLE_NAME: as `--writein N=?` says it)
        text = edit.text().strip()
        m = _ROSTER_ENTRY.match(text)
        if m and text in self.roster_names:
            return m.group("code")
        return text

    def _show_pending(self) -> None:
        item = self.current
        d = item.get("decision") if item else None
        operator = self.ctx.operator or self.tr("（未填写）")
        self.confirm_button.setText(self.tr("以 {who} 的名义确认").format(who=operator))
        if item is None or item.get("done"):
            d = (item or {}).get("confirmed") or {}
            said = self.tr("这张选票的决定已经确认，已计入。") if item is not None else ""
            if d.get("duplicate_of") or d.get("withdrawn"):
                # (set aside as another scan, or taken out: confirmed, it counts for nothing)
                said = self.tr("{decider} 决定，{who} 于 {time} 确认：放在一边，不计入。").format(
                    decider=d.get("decided_by", ""),
                    who=d.get("confirmed_by", ""),
                    time=local_time(str(d.get("confirmed_at") or ""), with_date=True),
                )
            elif d:
                said = self.tr("{decider} 决定，{who} 于 {time} 确认，已计入。").format(
                    decider=d.get("decided_by", ""),
                    who=d.get("confirmed_by", ""),
                    time=local_time(str(d.get("confirmed_at") or ""), with_date=True),
                )
            if d.get("station"):
                said += "\n" + self.tr(
                    "在分团计票机（{station}）上决定并确认，随该分团的计票结果导入本机。"
                ).format(station=d["station"])
            self.pending.setText(said)
            self.confirm_button.setEnabled(False)
            self.switch_button.setEnabled(False)
            return
        if d is None:
            self.pending.setText(self.tr("先由计票人作出决定，再由监票人确认。"))
            self.confirm_button.setEnabled(False)
            self.switch_button.setEnabled(False)
            return
        opened = count_store.open_decision(self.ctx.db, str(item["sheet"]))
        what = self._decision_words(opened.decided) if opened is not None else ""
        note = self._note_words(opened) if opened is not None else ""
        if note:
            # (the decider's note: for a paper taken out of the count, why — what the
            # confirming scrutineer must judge)
            what += self.tr("（说明：{note}）").format(note=note)
        self.pending.setText(
            self.tr("{who} 于 {time} 决定：{what}").format(
                who=d["decided_by"],
                time=local_time(str(d["decided_at"]), with_date=True),
                what=what,
            )
            + (
                "\n" + self.tr("您就是作出决定的人：请由另一位监票人点“换人确认…”。")
                if operator == d["decided_by"]
                else ""
            )
        )
        self.confirm_button.setEnabled(True)
        self.switch_button.setEnabled(True)

    def _note_words(self, d: count_store.Decision) -> str:
        """The decider's note in words, "" when it says nothing the decision does not: the
        app records a code where no note was typed ("accept", "duplicate_scan") and the void
        reason as the note of a void — codes are no words to show a scrutineer."""
        note = d.reason.strip()
        if note in (_ACCEPT, _DUPLICATE_SCAN, str(d.decided.get("void_reason") or "")):
            return ""
        return note

    def _decision_words(self, decided: dict[str, Any]) -> str:
        """A decision (the app's ``decided`` JSON) in words: what differs from the machine,
        and each mark the machine could not read that the person also called illegible."""
        if decided.get("duplicate_of"):
            return self.tr("同一张选票的重复扫描，不计")
        if decided.get("withdrawn"):
            # (a scrutineer's taking out: no reading of marks to show, "void" it is not)
            return self.tr("撤出计票：不是本轮的一张选票（误录、重复录入或多余的一张），不计")
        if decided.get("restored"):
            return self.tr("恢复：按撤出计票之前的情况计")
        if decided.get("void_reason") and decided.get("void_reason") != "over_vote":
            why = self.void_reason.shown(str(decided["void_reason"]))
            return self.tr("整张作废（{why}）").format(why=why)
        codes = str(decided.get("marks") or "")
        parts = []
        for i, k in enumerate(self.candidates):
            mine = self.machine_codes[i] if i < len(self.machine_codes) else "?"
            theirs = codes[i] if i < len(codes) else "?"
            # (a recorded decision decided every mark the machine could not read, and every
            # one with a mark beside its box: its '?' kept is the person's 无法辨认, the
            # machine's reading kept beside a circled name theirs — not "counted as read")
            if mine != theirs or mine == "?" or k.code in self.beside:
                # (what the machine read, in the machine's words: its "unclear" is no
                # decision of the counter's, 无法辨认)
                note = self.tr("（方格外有笔迹）") if k.code in self.beside else ""
                parts.append(
                    f"{k.name} {machine_word(_MARK_OF.get(mine, 'unclear'))}{note}"
                    f" → {mark_word(_MARK_OF.get(theirs, 'unclear'))}"
                )
        for w in decided.get("writeins") or []:
            who = str(w.get("name") or "") or (
                self.tr("（姓名无法辨认）") if w.get("illegible") else self.tr("（无姓名）")
            )
            if w.get("person"):
                who += f"（{w['person']}）"
            if w.get("candidate"):  # a printed candidate written in: their ○
                parts.append(
                    self.tr("另选第{n}栏：{who} 即本票候选人，计为其赞成").format(
                        n=w.get("column"), who=who
                    )
                )
                continue
            parts.append(
                self.tr("另选第{n}栏：{who} {mark}").format(
                    n=w.get("column"), who=who, mark=mark_word(str(w.get("mark", "")))
                )
            )
        if decided.get("void_reason") == "over_vote":
            parts.append(self.tr("所选多于应选名额，整张作废"))
        return "；".join(parts) or self.tr("按机器读出的计入")

    def _show_history(self, sheet: str) -> None:
        """Every decision on the sheet, newest first: what, who and when, who confirmed."""
        decisions = count_store.decisions_for(self.ctx.db, sheet)
        at_station = decision_stations(self.ctx.db) if decisions else {}
        self.history.clear()
        self.history.setVisible(bool(decisions))
        self.no_history.setVisible(not decisions)
        # (none yet, or the one open decision step 2 describes: the table keeps the room)
        self.history_box.setVisible(len(decisions) > 1 or any(d.confirmed_by for d in decisions))
        for n, d in reversed(list(enumerate(decisions, start=1))):
            what = self._decision_words(d.decided)
            note = self._note_words(d)
            if note:
                what += self.tr("（说明：{why}）").format(why=note)
            lines = [
                self.tr("{n}. {who} · {time} 决定：{what}").format(
                    n=n, who=d.decided_by, time=local_time(d.decided_at, with_date=True), what=what
                )
            ]
            if d.id in at_station:  # (made on a station's laptop, merged in with its results)
                lines.append(
                    self.tr("   在分团计票机（{station}）上").format(station=at_station[d.id])
                )
            if d.confirmed_by and (d.decided.get("duplicate_of") or d.decided.get("withdrawn")):
                lines.append(
                    self.tr("   ✓ {who} · {time} 确认：放在一边，不计入").format(
                        who=d.confirmed_by, time=local_time(d.confirmed_at or "", with_date=True)
                    )
                )
                tone = "ok"
            elif d.confirmed_by:
                lines.append(
                    self.tr("   ✓ {who} · {time} 确认，已计入").format(
                        who=d.confirmed_by, time=local_time(d.confirmed_at or "", with_date=True)
                    )
                )
                tone = "ok"
            elif d.superseded:
                lines.append(self.tr("   已被后来的决定取代"))
                tone = "neutral"
            else:
                lines.append(self.tr("   待监票人确认"))
                tone = "info"
            entry = QListWidgetItem("\n".join(lines))
            entry.setForeground(QColor(TONES[tone][0]))
            self.history.addItem(entry)

    def _confirm_clicked(self) -> None:
        self.confirm()  # (not connected directly: the click's "checked" is no operator)

    def confirm(self, revert_to: str | None = None) -> None:
        """Step 2: the operator at the desk confirms the open decision. ``revert_to``: the
        operator before someone took the desk to confirm; if the confirmation is refused,
        the desk goes back to them (the one refused does not stay the operator)."""
        item = self.current
        if item is None or item.get("done") or item.get("decision") is None:
            return
        sheet, by, op = str(item["sheet"]), self.ctx.operator, self.ctx.account
        shown = item["decision"].get("id") if isinstance(item["decision"], dict) else None

        def work(db: ElectionDB) -> counting.ConfirmOutcome:
            # (the decision on screen: one made meanwhile, at a station say, is not confirmed)
            return counting.confirm(db, sheet, by, operator=op, decision=shown)

        def done(result: object) -> None:
            if isinstance(result, counting.ConfirmOutcome):
                if result.duplicate:
                    said = self.tr(
                        "✓ {who} 已确认 {decider} 的决定：这一张是重复扫描，放在一边，不计入。"
                    )
                elif result.withdrawn:
                    said = self.tr(
                        "✓ {who} 已确认 {decider} 的决定：这一张撤出计票，不计入（记录保留，可以恢复）。"
                    )
                elif result.restored:
                    said = self.tr(
                        "✓ {who} 已确认 {decider} 的决定：这一张已恢复，按撤出前的情况计。"
                    )
                elif not result.valid:
                    said = self.tr("✓ {who} 已确认 {decider} 的决定：这张选票按废票计入。")
                else:
                    said = self.tr("✓ {who} 已确认 {decider} 的决定，这张选票已计入。")
                self.banner.show_message(
                    said.format(who=result.confirmed_by, decider=result.decided_by), "ok"
                )

        def failed(exc: BaseException) -> None:
            from huanjie_desktop.app.accounts import NotAllowed

            if revert_to is not None and revert_to != by:
                if self.handed_from is not None:
                    self.hand_back()  # (their account too, where the file has accounts)
                else:
                    self.ctx.set_operator(revert_to)
            # (one instruction: 换人确认…, not also "sign in from the Operator menu")
            said = (
                exc.message(self.ctx.lang)
                if isinstance(exc, NotAllowed) and self.ctx.account is not None
                else self.ctx.describe(exc)
            )
            # (who else should confirm only when it was refused for who confirmed: one
            # refused for what was decided, another person's confirmation will not mend)
            if isinstance(exc, NotAllowed | counting.WrongConfirmer):
                said += "\n" + self.tr(
                    "请由作出决定者以外的监票人确认：点“换人确认…”，填写监票人的姓名。"
                )
            self.banner.show_message("✗ " + said, "bad")

        self.ctx.run("review.confirm", work, topics={COUNT}, on_success=done, on_error=failed)

    def switch_and_confirm(self) -> None:
        """Another person (a scrutineer) takes the desk (signs in, where the file has
        accounts), then confirms. They stay at the desk for the confirmations that follow,
        as the title bar and the confirm button show, until "交还给 …" gives the desk back
        (`hand_back`); a confirmation refused gives it back at once."""
        from huanjie_desktop.gui.operator_dialog import OperatorDialog

        before = self.ctx.operator
        dialog = OperatorDialog(
            self.ctx.settings,
            "",
            self,
            ctx=self.ctx,
            heading=self.tr("请确认决定的监票人输入账户名和密码")
            if self.ctx.has_accounts()
            else self.tr("请确认决定的监票人输入姓名"),
            note=self.tr(
                "审核决定须由作出决定者以外的监票人确认，确认人的姓名记入审计日志。"
                "确认完毕，请点“交还给 {name}”，把操作员换回。"
            ).format(name=before or self.tr("原操作员")),
        )
        dialog.setWindowTitle(self.tr("换人确认"))
        handed = self.handed_from or (before, self.ctx.account)

        def accepted() -> None:
            if not dialog.with_password:
                self.ctx.set_operator(dialog.operator())
            if self.ctx.operator != handed[0]:
                self.handed_from = handed
            self._show_hand_back()
            self.confirm(revert_to=before)

        dialog.accepted.connect(accepted)
        dialog.open()
        self.last_dialog = dialog

    def open_withdraw(self) -> None:
        """The withdrawal dialog: on the sheet shown, or, with none, on the hand entries of
        the contest chosen (its latest round)."""
        from huanjie_desktop.gui.hand_entry import WithdrawDialog

        item = self.current
        sheet: str | None = None
        if item is not None and item.get("contest") and item.get("round"):
            contest, number = str(item["contest"]), int(item["round"])
            sheet = str(item["sheet"])
            # (named by the serial printed on it, as the paper in hand is — not the record's
            # id; a serial on two images names neither: then the id, which names this one)
            serial = str(item.get("serial") or "")
            if serial and "serial_conflict" not in (item.get("reasons") or []):
                sheet = serial
        else:
            code = self.contest.currentData()
            contests = [str(code)] if code else [c.code for c in repo.read_contests(self.ctx.db)]
            rounds = [r for c in contests[:1] for r in repo.read_rounds(self.ctx.db, c)]
            if not rounds:
                self.banner.show_message(self.tr("请先选择选举事项。"), "info")
                return
            contest, number = rounds[-1].contest, rounds[-1].number
        dialog = WithdrawDialog(self.ctx, contest, number, self, sheet=sheet)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.last_dialog = dialog
        dialog.open()

    def _operator_changed(self, _name: str) -> None:
        self._show_pending()
        self._show_hand_back()

    def hand_back(self) -> None:
        """Give the desk back to whoever worked before 换人确认… (their account, where the
        file has accounts: they signed in on this desk before the scrutineer took it)."""
        if self.handed_from is None:
            return
        name, account = self.handed_from
        self.handed_from = None
        if account is not None:
            self.ctx.set_account(account)
        else:
            self.ctx.set_operator(name)
        self._show_hand_back()
        self.banner.show_message(
            self.tr("操作员已换回 {name}。").format(name=self.ctx.operator), "info"
        )

    def _show_hand_back(self) -> None:
        handed = self.handed_from
        if handed is not None and self.ctx.operator == handed[0]:
            self.handed_from = handed = None  # (given back another way: the Operator menu)
        for button in (self.hand_back_button, self.empty_hand_back):
            button.setVisible(handed is not None)
            if handed is not None:
                button.setText(
                    self.tr("确认完毕：交还给 {name}").format(name=handed[0] or self.tr("原操作员"))
                )

    # --- screen -----------------------------------------------------------------------------------

    def prepare_screenshot(self) -> None:
        """For `make screenshots`: with nothing held, show the sheets already confirmed."""
        if not self.items and not self.show_done.isChecked():
            self.show_done.setChecked(True)

    def showEvent(self, event: QShowEvent) -> None:
        if not self._sized:
            self._sized = True
            total = max(self.width(), 900)
            self.split.setSizes([int(total * 0.2), int(total * 0.36), int(total * 0.44)])
        self._fit_header()
        super().showEvent(event)

    def resizeEvent(self, event: QResizeEvent) -> None:
        self._fit_header()
        super().resizeEvent(event)

    def _fit_header(self) -> None:
        """The contest and its counts beside the title when the whole header fits one line
        at its words' widths; under it, on a line of their own, when not."""
        top, below = self.header_rows
        lay = self.layout()
        assert lay is not None
        margins = lay.contentsMargins()
        spacing = max(top.spacing(), 0)
        title = self.title.fontMetrics().horizontalAdvance(self.title.text()) + 4
        need = (
            margins.left()
            + title
            + 12
            + self.filters.minimumSizeHint().width()
            + self.withdraw_button.sizeHint().width()
            + 3 * spacing
            + margins.right()
        )
        beside = top.indexOf(self.filters) >= 0
        if need <= self.width() and not beside:
            below.removeWidget(self.filters)
            top.insertWidget(2, self.filters, 1)
        elif need > self.width() and beside:
            top.removeWidget(self.filters)
            below.addWidget(self.filters, 1)


def register(pages: PageRegistry) -> None:
    pages.add(
        PageSpec(
            "count.review",
            "count",
            lambda: QCoreApplication.translate("pages", "审核"),
            ReviewPage,
            order=20,
        )
    )
