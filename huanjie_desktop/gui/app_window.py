"""The main window: one election file, navigation on the left, the pages on the right.

Pages come from a :class:`~huanjie_desktop.gui.pages.base.PageRegistry` filled by the page
modules (see ``gui/pages/__init__.py``); the window knows none of them by name.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QByteArray, QSize, Qt, QTimer
from PySide6.QtGui import QAction, QCloseEvent, QFont, QIcon, QKeySequence
from PySide6.QtWidgets import (
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QProgressBar,
    QProgressDialog,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from huanjie_desktop.domain.definition import DefinitionRefused
from huanjie_desktop.domain.model import Problem
from huanjie_desktop.gui import dialogs
from huanjie_desktop.gui.dialogs import ProblemsDialog
from huanjie_desktop.gui.fonts import scaled
from huanjie_desktop.gui.operator_dialog import OperatorDialog, ask_operator
from huanjie_desktop.gui.pages.base import Page, PageRegistry, section_title
from huanjie_desktop.gui.session import AppContext
from huanjie_desktop.gui.widgets import EmptyState, heading, hint
from huanjie_desktop.gui.worker import Job, JobContext
from huanjie_desktop.paths import resources_dir

KEY_ROLE = Qt.ItemDataRole.UserRole + 1
FILE_FILTER_KEY = "huanjie"


class Welcome(QWidget):
    """What the window shows when no election file is open."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__()
        self.window_ = window
        lay = QVBoxLayout(self)
        brand = QHBoxLayout()
        brand.addStretch(1)
        icon = resources_dir() / "icons" / "huanjie-64.png"
        if icon.exists():
            logo = QLabel()
            logo.setPixmap(QIcon(str(icon)).pixmap(56, 56))
            brand.addWidget(logo)
        name = QLabel(self.tr("换届计票"))
        name.setFont(scaled(self.font(), 2.2, bold=True))
        name.setStyleSheet("color: #b8352b;")
        brand.addWidget(name)
        brand.addStretch(1)
        lay.addSpacing(24)
        lay.addLayout(brand)
        tagline = hint(self.tr("党的代表大会和党员大会选举计票 · 离线使用，不连接任何网络"))
        tagline.setAlignment(Qt.AlignmentFlag.AlignCenter)
        lay.addWidget(tagline)
        self.empty = EmptyState(
            self.tr("尚未打开选举文件"),
            self.tr(
                "一次选举保存为一个选举文件（.huanjie）。打开已有的选举文件，"
                "或由填好的 Excel 定义表新建一个。\n"
                "第一次使用：先“写出空白 Excel 定义表”，按表中的“填写说明”填好，再“由 Excel 新建”。"
            ),
        )
        self.empty.add_button(self.tr("打开选举文件…"), window.ask_open_file)
        self.empty.add_button(self.tr("由 Excel 定义表新建…"), window.ask_new_from_workbook)
        self.empty.add_button(self.tr("写出空白 Excel 定义表…"), window.ask_write_template)
        lay.addWidget(self.empty, 3)
        self.recent_title = heading(self.tr("最近打开"), 1.15)
        self.recent = QListWidget()
        self.recent.setMaximumWidth(900)
        self.recent.itemActivated.connect(self._open_recent)
        box = QVBoxLayout()
        box.addWidget(self.recent_title)
        box.addWidget(hint(self.tr("双击打开。")))
        box.addWidget(self.recent)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addLayout(box, 4)
        row.addStretch(1)
        lay.addLayout(row, 2)

    def refresh(self) -> None:
        self.recent.clear()
        files = self.window_.ctx.recent_files()
        for path in files:
            item = QListWidgetItem(f"{path.name}    —    {path.parent}")
            item.setData(KEY_ROLE, str(path))
            if not path.exists():
                item.setText(item.text() + self.tr("（文件已不在）"))
                item.setForeground(Qt.GlobalColor.gray)
            self.recent.addItem(item)
        self.recent_title.setVisible(bool(files))
        self.recent.setVisible(bool(files))

    def _open_recent(self, item: QListWidgetItem) -> None:
        self.window_.open_file(Path(str(item.data(KEY_ROLE))))


class MainWindow(QMainWindow):
    def __init__(self, ctx: AppContext, registry: PageRegistry) -> None:
        super().__init__()
        self.ctx = ctx
        self.registry = registry
        self.pages: dict[str, Page] = {}
        self._nav_items: dict[str, QListWidgetItem] = {}
        self.last_message: QMessageBox | None = None
        self.last_problems: ProblemsDialog | None = None
        self.last_sign_in: OperatorDialog | None = None
        self._progress: dict[int, QProgressDialog] = {}
        icon = resources_dir() / "icons" / "huanjie.png"
        if icon.exists():
            self.setWindowIcon(QIcon(str(icon)))
        self.resize(1366, 768)
        self.setMinimumSize(QSize(1024, 640))

        self.central = QStackedWidget()
        self.welcome = Welcome(self)
        self.central.addWidget(self.welcome)
        self.workspace = QSplitter(Qt.Orientation.Horizontal)
        self.nav = QListWidget()
        self.nav.setObjectName("Navigation")
        self.nav.setMinimumWidth(190)
        self.nav.setMaximumWidth(280)
        self.nav.setStyleSheet(
            "QListWidget#Navigation { background: #f4f1ec; border: none; padding-top: 6px;"
            " outline: 0; }"
            "QListWidget#Navigation::item { padding: 9px 14px; }"
            "QListWidget#Navigation::item:selected { background: #b8352b; color: white; }"
        )
        self.nav.currentItemChanged.connect(self._nav_changed)
        self.stack = QStackedWidget()
        self.workspace.addWidget(self.nav)
        self.workspace.addWidget(self.stack)
        self.workspace.setStretchFactor(1, 1)
        self.workspace.setCollapsible(0, False)
        self.workspace.setSizes([220, 1146])
        self.central.addWidget(self.workspace)
        self.setCentralWidget(self.central)
        self._build_navigation()
        self._build_menus()
        self._build_status_bar()

        ctx.file_changed.connect(self._file_changed)
        ctx.operator_changed.connect(lambda _name: self._update_title())
        ctx.page_requested.connect(self.show_page)
        ctx.error.connect(self.show_error)
        ctx.refused.connect(self.show_error)
        ctx.long_job.connect(self._show_progress)
        ctx.worker.busy_changed.connect(self._busy_changed)
        geometry = ctx.settings.value("window/geometry")
        if isinstance(geometry, QByteArray):
            self.restoreGeometry(geometry)
        self._file_changed()

    # --- building ----------------------------------------------------------------------------

    def _build_navigation(self) -> None:
        section = None
        for spec in self.registry.specs():
            if spec.section != section:
                section = spec.section
                head = QListWidgetItem(section_title(section))
                head.setFlags(Qt.ItemFlag.NoItemFlags)
                font = QFont(self.font())
                font.setBold(True)
                font.setPointSizeF(font.pointSizeF() * 0.95)
                head.setFont(font)
                head.setForeground(Qt.GlobalColor.darkGray)
                self.nav.addItem(head)
            item = QListWidgetItem("  " + spec.title())
            item.setData(KEY_ROLE, spec.key)
            self.nav.addItem(item)
            self._nav_items[spec.key] = item
        # (as wide as its longest entry in the language shown, its padding included: in
        # English at 1024 px 'Contests and candidates' ran under a horizontal scroll bar)
        self.nav.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        widest = max(
            (
                self.nav.fontMetrics().horizontalAdvance(self.nav.item(i).text())
                for i in range(self.nav.count())
            ),
            default=0,
        )
        self.nav.setMinimumWidth(max(190, min(280, widest + 2 * 14 + 12)))

    def _build_menus(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu(self.tr("文件(&F)"))
        self.act_new = QAction(self.tr("由 Excel 定义表新建…"), self)
        self.act_new.setShortcut(QKeySequence.StandardKey.New)
        self.act_new.triggered.connect(self.ask_new_from_workbook)
        self.act_open = QAction(self.tr("打开选举文件…"), self)
        self.act_open.setShortcut(QKeySequence.StandardKey.Open)
        self.act_open.triggered.connect(self.ask_open_file)
        self.recent_menu = file_menu.addMenu(self.tr("最近打开"))
        self.recent_menu.aboutToShow.connect(self._fill_recent_menu)
        self.act_template = QAction(self.tr("写出空白 Excel 定义表…"), self)
        self.act_template.triggered.connect(self.ask_write_template)
        self.act_close = QAction(self.tr("关闭选举文件"), self)
        self.act_close.setShortcut(QKeySequence.StandardKey.Close)
        self.act_close.triggered.connect(self.close_file)
        self.act_quit = QAction(self.tr("退出"), self)
        self.act_quit.setShortcut(QKeySequence.StandardKey.Quit)
        self.act_quit.triggered.connect(self.close)
        file_menu.insertAction(self.recent_menu.menuAction(), self.act_new)
        file_menu.insertAction(self.recent_menu.menuAction(), self.act_open)
        file_menu.addSeparator()
        file_menu.addAction(self.act_template)
        file_menu.addSeparator()
        file_menu.addAction(self.act_close)
        file_menu.addAction(self.act_quit)
        op_menu = bar.addMenu(self.tr("操作员(&O)"))
        self.act_operator = QAction(self.tr("更换操作员…"), self)
        self.act_operator.triggered.connect(self.change_operator)
        op_menu.addAction(self.act_operator)
        help_menu = bar.addMenu(self.tr("帮助(&H)"))
        about = QAction(self.tr("关于换届计票"), self)
        about.triggered.connect(self._about)
        help_menu.addAction(about)

    def _build_status_bar(self) -> None:
        bar = self.statusBar()
        self.file_label = QLabel()
        self.file_label.setStyleSheet("color: #555555;")
        bar.addWidget(self.file_label, 1)
        self.busy_label = QLabel()
        self.busy_bar = QProgressBar()
        self.busy_bar.setRange(0, 0)
        self.busy_bar.setMaximumWidth(120)
        self.busy_bar.setMaximumHeight(14)
        self.busy_cancel = QPushButton(self.tr("取消"))
        self.busy_cancel.clicked.connect(self.ctx.worker.cancel_all)
        for w in (self.busy_label, self.busy_bar, self.busy_cancel):
            bar.addPermanentWidget(w)
            w.hide()
        self.operator_button = QPushButton()
        self.operator_button.setFlat(True)
        self.operator_button.setToolTip(self.tr("点击更换操作员"))
        self.operator_button.clicked.connect(self.change_operator)
        bar.addPermanentWidget(self.operator_button)

    # --- pages --------------------------------------------------------------------------------

    def page(self, key: str) -> Page:
        """The page with ``key``, built on first use (does not switch to it)."""
        existing = self.pages.get(key)
        if existing is not None:
            return existing
        spec = self.registry.get(key)
        if spec is None:
            raise KeyError(f"no page {key!r}")
        built = spec.factory(self.ctx)
        self.pages[key] = built
        self.stack.addWidget(built)
        return built

    def _may_leave_pages(self) -> bool:
        """Nothing unsaved on any page, or the person chose to drop it."""
        return all(p.may_leave() for p in self.pages.values())

    def show_page(self, key: str) -> Page:
        """Switch to the page with ``key`` and return it (the page shown, when what is
        unsaved on it is kept: then it stays)."""
        current = self.stack.currentWidget()
        leaving = isinstance(current, Page) and self.pages.get(key) is not current
        if leaving and isinstance(current, Page) and not current.may_leave():
            self._select_nav(self.current_page_key())
            return current
        built = self.page(key)
        self.stack.setCurrentWidget(built)
        if self.nav.currentItem() is not self._nav_items.get(key):
            self._select_nav(key)
        built.refresh_if_needed()
        return built

    def _select_nav(self, key: str | None) -> None:
        item = self._nav_items.get(key or "")
        if item is not None:
            self.nav.blockSignals(True)
            self.nav.setCurrentItem(item)
            item.setSelected(True)
            self.nav.blockSignals(False)

    def current_page_key(self) -> str | None:
        current = self.stack.currentWidget()
        for key, p in self.pages.items():
            if p is current:
                return key
        return None

    def _nav_changed(self, item: QListWidgetItem | None, _prev: QListWidgetItem | None) -> None:
        if item is None:
            return
        key = item.data(KEY_ROLE)
        if isinstance(key, str):
            self.show_page(key)

    # --- files --------------------------------------------------------------------------------

    def ask_open_file(self) -> None:
        self.open_file()

    def ask_new_from_workbook(self) -> None:
        self.new_from_workbook()

    def ask_write_template(self) -> None:
        self.write_template()

    def open_file(self, path: Path | None = None) -> Job | None:
        """Open an election file (asks for it when ``path`` is None); the worker opens and,
        if needed, upgrades it first, then the window attaches its own read connection."""
        if path is None:
            start = str(self.ctx.path.parent) if self.ctx.path else str(Path.home())
            chosen, _ = QFileDialog.getOpenFileName(
                self, self.tr("打开选举文件"), start, self.tr("选举文件 (*.huanjie);;所有文件 (*)")
            )
            if not chosen:
                return None
            path = Path(chosen)
        target = path

        def opener(jc: JobContext) -> str:
            return jc.db.path.name  # opening in the worker runs any upgrade (after a backup)

        def opened(_name: object) -> None:
            try:
                self.ctx.attach(target)
            except Exception as exc:  # a damaged file: say so in words
                self.show_error(self.tr("无法打开选举文件"), self.ctx.describe(exc))
                return
            if self.ctx.needs_sign_in():
                self.sign_in()

        def failed(exc: BaseException) -> None:
            if not target.exists():
                self.ctx.forget_recent(target)
                self.welcome.refresh()
            self.show_error(self.tr("无法打开选举文件"), self.ctx.describe(exc))

        self.ctx.detach()
        job = self.ctx.worker.submit("open", opener, path=target, operator=self.ctx.operator)
        job.succeeded.connect(opened)
        job.failed.connect(failed)
        return job

    def close_file(self) -> None:
        if not self._may_leave_pages():
            return
        self.ctx.detach()

    def new_from_workbook(
        self, workbook: Path | None = None, target: Path | None = None
    ) -> Job | None:
        """Create an election file from a filled-in definition workbook (all problems at once)."""
        if workbook is None:
            chosen, _ = QFileDialog.getOpenFileName(
                self,
                self.tr("选择填好的 Excel 定义表"),
                str(Path.home()),
                self.tr("Excel 工作簿 (*.xlsx *.xlsm)"),
            )
            if not chosen:
                return None
            workbook = Path(chosen)
        if target is None:
            chosen, _ = QFileDialog.getSaveFileName(
                self,
                self.tr("新选举文件保存为"),
                str(workbook.with_suffix(".huanjie")),
                self.tr("选举文件 (*.huanjie)"),
            )
            if not chosen:
                return None
            target = Path(chosen)
            if target.suffix != ".huanjie":
                target = target.with_suffix(".huanjie")
        source, out, operator = workbook, target, self.ctx.operator

        def create(jc: JobContext) -> object:
            from huanjie_desktop.app.election import init_election

            jc.progress(0, 0, self.tr("正在检查定义表…"))
            return init_election(out, source, operator)

        def created(result: object) -> None:
            from huanjie_desktop.app.election import InitResult

            assert isinstance(result, InitResult)
            if result.warnings:
                self.show_problems(
                    self.tr("已新建选举文件：请核对以下提示"),
                    self.tr("选举文件已创建。下面的提示不妨碍使用，但请逐条核对。"),
                    result.warnings,
                )
            self.open_file(out)

        def failed(exc: BaseException) -> None:
            if isinstance(exc, DefinitionRefused):
                self.show_definition_problems(exc.problems)
            else:
                self.show_error(self.tr("未能新建选举文件"), self.ctx.describe(exc))

        job = self.ctx.worker.submit("init", create, operator=operator)
        job.succeeded.connect(created)
        job.failed.connect(failed)
        self._show_progress(job, self.tr("正在新建选举文件"))
        return job

    def write_template(self, out: Path | None = None) -> Job | None:
        if out is None:
            chosen, _ = QFileDialog.getSaveFileName(
                self,
                self.tr("保存空白 Excel 定义表"),
                str(Path.home() / "选举定义表.xlsx"),
                self.tr("Excel 工作簿 (*.xlsx)"),
            )
            if not chosen:
                return None
            out = dialogs.saved_as(chosen, ".xlsx")
        target = out

        def write(_jc: JobContext) -> None:
            from huanjie_desktop.reports.workbook import write_template

            write_template(target)

        job = self.ctx.worker.submit("template", write, operator=self.ctx.operator)
        job.succeeded.connect(
            lambda _r: self.statusBar().showMessage(
                self.tr("已写出空白定义表：{path}").format(path=target), 10000
            )
        )
        job.failed.connect(
            lambda exc: self.show_error(self.tr("未能写出定义表"), self.ctx.describe(exc))
        )
        return job

    def _fill_recent_menu(self) -> None:
        self.recent_menu.clear()
        files = self.ctx.recent_files()
        if not files:
            none = self.recent_menu.addAction(self.tr("（没有）"))
            none.setEnabled(False)
        for path in files:
            action = self.recent_menu.addAction(f"{path.name} — {path.parent}")
            action.triggered.connect(lambda _c=False, p=path: self.open_file(p))

    def _file_changed(self) -> None:
        has_file = self.ctx.session is not None
        self.central.setCurrentWidget(self.workspace if has_file else self.welcome)
        self.act_close.setEnabled(has_file)
        if not has_file:
            self.welcome.refresh()
        elif self.current_page_key() is None and self.registry.specs():
            self.show_page(self.registry.specs()[0].key)
        self._update_title()

    def _update_title(self) -> None:
        app_name = self.tr("换届计票")
        operator = self.ctx.operator_label() or self.tr("（未填写）")
        if self.ctx.needs_sign_in():
            operator = self.tr("未登录（点击登录）")
        parts = [app_name]
        session = self.ctx.session
        if session is not None:
            parts.insert(0, f"{session.election.name} — {session.path.name}")
            self.file_label.setText(str(session.path))
        else:
            self.file_label.setText(self.tr("尚未打开选举文件"))
        parts.append(self.tr("操作员：{name}").format(name=operator))
        self.setWindowTitle(" — ".join(parts))
        self.operator_button.setText(self.tr("操作员：{name}").format(name=operator))

    # --- operator, messages, progress -----------------------------------------------------------

    def change_operator(self) -> None:
        if self.ctx.has_accounts():
            self.sign_in()
            return
        name = ask_operator(self.ctx.settings, self.ctx.operator, self)
        if name:
            self.ctx.set_operator(name)

    def sign_in(self) -> OperatorDialog:
        """The file has accounts: ask name and password (window-modal, not blocking)."""
        dialog = OperatorDialog(self.ctx.settings, self.ctx.operator, self, ctx=self.ctx)
        dialog.open()
        self.last_sign_in = dialog
        return dialog

    def show_error(self, title: str, message: str) -> QMessageBox:
        """A non-blocking message box (the window stays usable behind it)."""
        box = QMessageBox(
            QMessageBox.Icon.Warning, title, message, QMessageBox.StandardButton.Ok, self
        )
        box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        box.open()
        self.last_message = box
        return box

    def show_problems(self, title: str, intro: str, problems: Sequence[Problem]) -> ProblemsDialog:
        dialog = ProblemsDialog(title, intro, problems, self.ctx.lang, self)
        dialog.open()
        self.last_problems = dialog
        return dialog

    def show_definition_problems(self, problems: Sequence[Problem]) -> ProblemsDialog:
        """A definition workbook was refused: every problem, with sheet, row and column."""
        errors = [p for p in problems if not p.warning]
        return self.show_problems(
            self.tr("定义表有问题，未创建选举文件"),
            self.tr(
                "定义表中有 {n} 处错误，选举文件没有创建。请在 Excel 中逐条改正，保存后再新建一次。"
            ).format(n=len(errors)),
            problems,
        )

    def _show_progress(self, job: Job, title: str) -> None:
        dialog = QProgressDialog(title, self.tr("取消"), 0, 0, self)
        dialog.setWindowTitle(title)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(400)  # quick jobs never flash a dialog
        dialog.setAutoClose(False)
        dialog.setAutoReset(False)
        dialog.canceled.connect(job.cancel)
        key = id(job)
        self._progress[key] = dialog

        def step(done: int, total: int, text: str) -> None:
            dialog.setMaximum(max(total, 0))
            dialog.setValue(min(done, total) if total > 0 else 0)
            if text:
                dialog.setLabelText(text)

        def finished() -> None:
            dialog.reset()
            dialog.hide()
            dialog.deleteLater()
            self._progress.pop(key, None)

        job.progress.connect(step)
        job.finished.connect(finished)

    def _busy_changed(self, busy: bool) -> None:
        # Show the status-bar activity only for work that lasts: quick jobs stay silent.
        if busy:
            QTimer.singleShot(300, self._show_busy_if_still)
        else:
            for w in (self.busy_label, self.busy_bar, self.busy_cancel):
                w.hide()

    def _job_words(self, name: str) -> str:
        """What a background job is doing, in words (its name is for the program)."""
        words = {
            "scan": self.tr("扫描选票"),
            "review": self.tr("审核"),
            "ballots": self.tr("选票"),
            "badges": self.tr("代表证"),
            "boxes": self.tr("发出和收回"),
            "checkin": self.tr("报到"),
            "papers": self.tr("报告单"),
            "round": self.tr("计票结果"),
            "count": self.tr("计票结果"),
            "verify": self.tr("校验文件"),
            "roster": self.tr("代表名单"),
            "person": self.tr("代表名单"),
            "unit": self.tr("选举单位"),
            "contest": self.tr("选举事项和候选人"),
            "candidate": self.tr("选举事项和候选人"),
            "official": self.tr("选举事项和候选人"),
            "open": self.tr("打开选举文件"),
            "init": self.tr("新建选举"),
        }
        return words.get(name.split(".", maxsplit=1)[0], self.tr("后台任务"))

    def _show_busy_if_still(self) -> None:
        if self.ctx.worker.busy:
            names = "、".join(
                dict.fromkeys(self._job_words(j.name) for j in self.ctx.worker.pending()[:2])
            )
            self.busy_label.setText(self.tr("正在处理：{what}").format(what=names))
            for w in (self.busy_label, self.busy_bar, self.busy_cancel):
                w.show()

    def _about(self) -> None:
        box = QMessageBox(
            QMessageBox.Icon.Information,
            self.tr("关于换届计票"),
            self.tr(
                "换届计票：党的代表大会和党员大会选举的离线计票软件。\n"
                "不连接任何网络；所有修改都记入防篡改的审计日志。"
            ),
            QMessageBox.StandardButton.Ok,
            self,
        )
        box.open()
        self.last_message = box

    # --- closing --------------------------------------------------------------------------------

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.ctx.session is not None and not self._may_leave_pages():
            event.ignore()
            return
        self.ctx.settings.setValue("window/geometry", self.saveGeometry())
        self.ctx.worker.shutdown()
        self.ctx.detach()
        super().closeEvent(event)


def separator() -> QFrame:
    line = QFrame()
    line.setFrameShape(QFrame.Shape.HLine)
    line.setStyleSheet("color: #dddddd;")
    return line
