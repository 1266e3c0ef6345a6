"""选举单位: the electoral units, how many people each has, and their delegate cards."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from huanjie_desktop.app.prepare import save_unit
from huanjie_desktop.domain.definition import DefinitionRefused
from huanjie_desktop.domain.model import Unit
from huanjie_desktop.gui import dialogs
from huanjie_desktop.gui.pages.base import Page, PageRegistry, PageSpec
from huanjie_desktop.gui.session import CHECKINS, PEOPLE, UNITS, AppContext
from huanjie_desktop.gui.widgets import Banner, heading, hint
from huanjie_desktop.storage import prepare_repo
from huanjie_desktop.storage.db import ElectionDB


class UnitsPage(Page):
    topics = frozenset({UNITS, PEOPLE, CHECKINS})

    def __init__(self, ctx: AppContext) -> None:
        super().__init__(ctx)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(20, 16, 20, 16)
        lay.addWidget(heading(self.tr("选举单位")))
        lay.addWidget(
            hint(
                self.tr(
                    "选举单位是选出代表的单位（如代表团、镇、街道）。"
                    "选一行可修改名称；代表证上印有条码，报到时用扫描枪一扫即可。"
                )
            )
        )
        self.table = QTableWidget(0, 6)
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("编号"),
                self.tr("名称"),
                self.tr("名单人数"),
                self.tr("有选举权"),
                self.tr("已报到（有选举权）"),
                self.tr("已报到（全部）"),
            ]
        )
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.itemSelectionChanged.connect(self._selected)
        lay.addWidget(self.table, 1)

        row = QHBoxLayout()
        form_box = QGroupBox(self.tr("新增或修改选举单位"))
        form = QFormLayout(form_box)
        self.code = QLineEdit()
        self.code.setPlaceholderText(self.tr("如 U19（字母、数字）"))
        self.name = QLineEdit()
        self.name.setPlaceholderText(self.tr("如 第一代表团"))
        form.addRow(self.tr("编号"), self.code)
        form.addRow(self.tr("名称"), self.name)
        buttons = QHBoxLayout()
        self.new_button = QPushButton(self.tr("新增"))
        self.new_button.clicked.connect(self.start_new)
        self.save_button = QPushButton(self.tr("保存"))
        self.save_button.setDefault(True)
        self.save_button.clicked.connect(self.save)
        buttons.addWidget(self.new_button)
        buttons.addWidget(self.save_button)
        buttons.addStretch(1)
        form.addRow(buttons)
        row.addWidget(form_box, 3)
        badge_box = QGroupBox(self.tr("代表证（报到用）"))
        bl = QVBoxLayout(badge_box)
        bl.addWidget(hint(self.tr("每张 A4 纸印 10 张代表证，沿裁切线裁开。")))
        self.badges_unit = QPushButton(self.tr("打印所选单位的代表证…"))
        self.badges_unit.clicked.connect(lambda: self.print_badges(all_units=False))
        self.badges_all = QPushButton(self.tr("打印全部代表证…"))
        self.badges_all.clicked.connect(lambda: self.print_badges(all_units=True))
        bl.addWidget(self.badges_unit)
        bl.addWidget(self.badges_all)
        bl.addStretch(1)
        row.addWidget(badge_box, 2)
        lay.addLayout(row)
        self.banner = Banner()
        lay.addWidget(self.banner)
        self.is_new = True

    def refresh(self) -> None:
        rows = prepare_repo.attendance_by_unit(self.ctx.db)
        self.table.setRowCount(len(rows))
        for r, a in enumerate(rows):
            values = [
                a.code or "",
                a.name or self.tr("（未分配选举单位）"),
                str(a.people),
                str(a.voters),
                str(a.present_voters),
                str(a.present),
            ]
            for c, text in enumerate(values):
                item = QTableWidgetItem(text)
                if c >= 2:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                self.table.setItem(r, c, item)
        self.badges_unit.setEnabled(False)

    def _selected_code(self) -> str | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return None
        item = self.table.item(rows[0].row(), 0)
        return item.text() if item is not None and item.text() else None

    def _selected(self) -> None:
        code = self._selected_code()
        self.badges_unit.setEnabled(code is not None)
        if code is None:
            return
        name = self.table.item(self.table.currentRow(), 1)
        self.code.setText(code)
        self.code.setReadOnly(True)
        self.name.setText(name.text() if name is not None else "")
        self.is_new = False

    def start_new(self) -> None:
        self.table.clearSelection()
        self.code.setReadOnly(False)
        self.code.clear()
        self.name.clear()
        self.is_new = True
        self.code.setFocus()

    def save(self) -> None:
        unit = Unit(self.code.text().strip(), self.name.text().strip())
        is_new, op = self.is_new, self.ctx.account

        def work(db: ElectionDB) -> None:
            save_unit(db, unit, is_new=is_new, operator=op)

        def done(_r: object) -> None:
            self.banner.show_message(
                self.tr("✓ 已保存选举单位 {code} {name}").format(code=unit.code, name=unit.name),
                "ok",
            )
            self.is_new = False
            self.code.setReadOnly(True)

        def failed(exc: BaseException) -> None:
            text = self.ctx.describe(exc)
            if isinstance(exc, DefinitionRefused):
                text = " / ".join(self.ctx.t(p.message_zh, p.message_en) for p in exc.problems)
            self.banner.show_message("✗ " + text, "bad")

        self.ctx.run("unit.save", work, topics={UNITS}, on_success=done, on_error=failed)

    def print_badges(self, all_units: bool, out: Path | None = None) -> None:
        unit = None if all_units else self._selected_code()
        if not all_units and unit is None:
            return
        if out is None:
            base = self.ctx.path.parent if self.ctx.path else Path.home()
            default = base / (f"代表证-{unit}.pdf" if unit else "代表证-全部.pdf")
            chosen, _ = QFileDialog.getSaveFileName(
                self, self.tr("代表证保存为"), str(default), self.tr("PDF 文件 (*.pdf)")
            )
            if not chosen:
                return
            out = dialogs.saved_as(chosen, ".pdf")
        target, op = out, self.ctx.account

        def work(db: ElectionDB) -> int:
            from huanjie_desktop.app.ballots import print_badges

            return print_badges(db, unit, target, operator=op)

        def done(count: object) -> None:
            self.banner.show_message(
                self.tr("✓ 已生成代表证 {n} 张：{path}").format(n=count, path=target), "ok"
            )

        self.ctx.run(
            "badges",
            work,
            topics={UNITS},
            on_success=done,
            progress_title=self.tr("正在生成代表证"),
        )


def register(pages: PageRegistry) -> None:
    pages.add(
        PageSpec(
            "prep.units",
            "prep",
            lambda: QCoreApplication.translate("pages", "选举单位"),
            UnitsPage,
            order=20,
        )
    )
