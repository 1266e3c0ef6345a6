"""选票: live preview of a round's ballot (rendered from the real PDF), print or save as PDF,
print runs, test ballots (样票) and spoiled sheets (作废).

The preview is the ballot PDF the printing code makes, rasterised by poppler's ``pdftoppm``
on the worker. Printing through the system dialog rasterises each page at the printer's
resolution and paints it with QPainter on the worker (Qt allows painting on a QPrinter
outside the GUI thread); "save as PDF" keeps the vector PDF.
"""

from __future__ import annotations

import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QRectF, Qt, QTimer
from PySide6.QtGui import QImage, QPainter, QPixmap, QShowEvent
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from huanjie_desktop.app import prepare
from huanjie_desktop.gui import dialogs
from huanjie_desktop.gui.pages.base import (
    Page,
    PageRegistry,
    PageSpec,
    chosen_code,
    chosen_round,
    fill_contests,
    keep_round,
)
from huanjie_desktop.gui.session import BALLOTS, CONTESTS, AppContext
from huanjie_desktop.gui.widgets import Banner, EmptyState, heading, hint, local_time
from huanjie_desktop.gui.worker import JobContext
from huanjie_desktop.paths import find_tool, poppler_missing
from huanjie_desktop.storage import repo
from huanjie_desktop.storage.db import ElectionDB

MM_PER_INCH = 25.4
PREVIEW_DPI_MIN = 60
PREVIEW_DPI_MAX = 120
PRINT_BATCH = 10  # pages rasterised per pdftoppm call while printing


class RenderError(Exception):
    """pdftoppm is missing or failed: the message says what to do (zh, en)."""

    def __init__(self, zh: str, en: str) -> None:
        super().__init__(zh)
        self.zh = zh
        self.en = en


def pdftoppm() -> str:
    exe = find_tool("pdftoppm")
    if exe is None:
        zh, en = poppler_missing("pdftoppm")
        raise RenderError(
            "无法显示预览或直接打印：" + zh + "在此之前仍可“另存为 PDF”后用其他软件打印。",
            "No preview or direct printing: " + en + " Until then 'Save as PDF' still works.",
        )
    return exe


def rasterise(pdf: Path, dpi: int, first: int, last: int, folder: Path) -> list[Path]:
    """Pages ``first..last`` of ``pdf`` as PNG files at ``dpi`` (poppler's pdftoppm)."""
    prefix = folder / f"p{first}"
    args = [pdftoppm(), "-r", str(dpi), "-png", "-f", str(first), "-l", str(last)]
    if first == last:
        args.append("-singlefile")
    done = subprocess.run(
        [*args, str(pdf), str(prefix)], capture_output=True, text=True, check=False
    )
    if done.returncode != 0:
        raise RenderError(
            f"pdftoppm 无法渲染选票：{done.stderr.strip()[:200]}",
            f"pdftoppm could not render the ballot: {done.stderr.strip()[:200]}",
        )
    if first == last:
        return [prefix.with_suffix(".png")]
    return sorted(folder.glob(f"p{first}-*.png"))


def paint_pdf(
    jc: JobContext,
    printer: QPrinter,
    pdf: Path,
    pages: int,
    folder: Path,
    failed: tuple[str, str],
) -> None:
    """Rasterise ``pdf`` at the printer's resolution, a batch of pages at a time, and paint
    each page on ``printer``. Runs on the worker (painting on a QPrinter is allowed off the
    GUI thread); ``failed`` is the (zh, en) message when the printer cannot start."""
    dpi = max(150, min(600, printer.resolution()))
    painter = QPainter()
    if not painter.begin(printer):
        raise RenderError(*failed)
    try:
        for first in range(1, pages + 1, PRINT_BATCH):
            last = min(pages, first + PRINT_BATCH - 1)
            for i, png in enumerate(rasterise(pdf, dpi, first, last, folder)):
                jc.check_cancelled()
                if first + i > 1:
                    printer.newPage()
                page = printer.pageLayout().fullRectPixels(printer.resolution())
                painter.drawImage(QRectF(page), QImage(str(png)))
                png.unlink()
                jc.progress(first + i, pages, "")
    finally:
        painter.end()


@dataclass(frozen=True)
class PreviewImage:
    png: bytes
    preview: prepare.BallotPreview
    dpi: int


class BallotsPage(Page):
    topics = frozenset({CONTESTS, BALLOTS})

    def __init__(self, ctx: AppContext) -> None:
        super().__init__(ctx)
        self._token = 0
        self.preview_info: PreviewImage | None = None
        self.last_pdf: Path | None = None
        lay = QVBoxLayout(self)
        lay.setContentsMargins(16, 12, 16, 12)
        pick = QHBoxLayout()
        pick.addWidget(heading(self.tr("选票"), 1.3))
        pick.addSpacing(12)
        pick.addWidget(QLabel(self.tr("选举事项")))
        self.contest = QComboBox()
        self.contest.setMinimumWidth(320)
        self.contest.currentIndexChanged.connect(self._contest_changed)
        pick.addWidget(self.contest, 2)
        pick.addWidget(QLabel(self.tr("轮次")))
        self.round = QComboBox()
        self.round.currentIndexChanged.connect(lambda _i: self.schedule_preview())
        pick.addWidget(self.round)
        pick.addStretch(1)
        lay.addLayout(pick)

        split = QSplitter(Qt.Orientation.Horizontal)
        left = QWidget()
        ll = QVBoxLayout(left)
        ll.setContentsMargins(0, 0, 6, 0)
        self.info = hint("")
        ll.addWidget(self.info)
        self.scroller = QScrollArea()
        self.scroller.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        self.scroller.setStyleSheet("QScrollArea { background: #8a8a8a; }")
        self.image = QLabel(self.tr("正在生成预览…"))
        self.image.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.image.setStyleSheet("color: white; padding: 12px;")
        self.scroller.setWidget(self.image)
        self.scroller.setWidgetResizable(False)
        ll.addWidget(self.scroller, 1)
        split.addWidget(left)

        right = QWidget()
        rl = QVBoxLayout(right)
        rl.setContentsMargins(6, 0, 0, 0)
        print_box = QGroupBox(self.tr("印制选票"))
        pf = QFormLayout(print_box)
        self.count = QSpinBox()
        self._count_for: str | None = None  # the contest whose suggestion fills the count
        self.count.setRange(1, 20000)
        self.count.setSuffix(self.tr(" 张"))
        self.suggest = hint("")
        self.test = QCheckBox(self.tr("印样票（标有“样票 不计票”）"))
        self.test.setToolTip(self.tr("样票用于试印和培训：扫描时会被拒收，不计入正式计票。"))
        self._suggested = 0
        # (a few test sheets, then the real ballots: unticking brings the suggestion back)
        self.test.toggled.connect(self._test_toggled)
        pf.addRow(self.tr("张数"), self.count)
        pf.addRow("", self.suggest)
        pf.addRow("", self.test)
        buttons = QHBoxLayout()
        self.print_button = QPushButton(self.tr("打印…"))
        self.print_button.setMinimumHeight(36)
        self.print_button.clicked.connect(self.print_dialog)
        self.pdf_button = QPushButton(self.tr("另存为 PDF…"))
        self.pdf_button.setMinimumHeight(36)
        self.pdf_button.clicked.connect(self.ask_save_pdf)
        buttons.addWidget(self.print_button)
        buttons.addWidget(self.pdf_button)
        pf.addRow(buttons)
        pf.addRow(
            hint(
                self.tr(
                    "每次印制登记为一个批次（张数、时间、操作员、防伪码摘要），记入审计日志。"
                    "每张选票的防伪码随机生成，不与任何人对应。"
                )
            )
        )
        rl.addWidget(print_box)
        runs_box = QGroupBox(self.tr("已印制的批次"))
        rb = QVBoxLayout(runs_box)
        self.runs = QTableWidget(0, 7)
        self.runs.setHorizontalHeaderLabels(
            [
                self.tr("批次"),
                self.tr("轮次"),
                self.tr("张数"),
                self.tr("类型"),
                self.tr("已作废"),
                self.tr("时间"),
                self.tr("操作员"),
            ]
        )
        self.runs.verticalHeader().setVisible(False)
        self.runs.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.runs.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.runs.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.runs.horizontalHeader().setStretchLastSection(True)
        rb.addWidget(self.runs)
        self.no_runs = hint(self.tr("本事项还没有印制过选票。"))
        rb.addWidget(self.no_runs)
        rl.addWidget(runs_box, 1)
        spoil_box = QGroupBox(self.tr("登记作废票"))
        sf = QFormLayout(spoil_box)
        self.serial = QLineEdit()
        self.serial.setPlaceholderText(self.tr("选票二维码下方的 10 位防伪码"))
        self.reason = QLineEdit()
        self.reason.setPlaceholderText(self.tr("如：印刷污损、填写错误后换票"))
        self.spoil_button = QPushButton(self.tr("登记作废"))
        self.spoil_button.clicked.connect(self.spoil)
        sf.addRow(self.tr("防伪码"), self.serial)
        sf.addRow(self.tr("原因"), self.reason)
        sf.addRow(self.spoil_button)
        rl.addWidget(spoil_box)
        self.banner = Banner()
        rl.addWidget(self.banner)
        split.addWidget(right)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        lay.addWidget(split, 1)
        self.empty = EmptyState(
            self.tr("还没有可以印制的选举事项"),
            self.tr("先在“选举事项和候选人”中添加选举事项和候选人。"),
        )
        self.empty.add_button(
            self.tr("去添加选举事项"), lambda: ctx.page_requested.emit("prep.contests")
        )
        lay.addWidget(self.empty, 1)
        self._split = split
        self._sized = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(150)
        self._timer.timeout.connect(self.render_preview)

    def showEvent(self, event: QShowEvent) -> None:
        if not self._sized:
            self._sized = True
            total = max(self.width(), 800)
            self._split.setSizes([int(total * 0.56), int(total * 0.44)])
        super().showEvent(event)

    # --- data -----------------------------------------------------------------------------------

    def refresh(self) -> None:
        db = self.ctx.db
        contests = repo.read_contests(db)
        fill_contests(self.contest, contests)
        self._split.setVisible(bool(contests))
        self.empty.setVisible(not contests)
        if contests:
            self._contest_changed()

    def contest_code(self) -> str | None:
        return chosen_code(self.contest)

    def round_number(self) -> int | None:
        return chosen_round(self.round)

    def _contest_changed(self, _index: int = 0) -> None:
        code = self.contest_code()
        if code is None:
            return
        db = self.ctx.db
        rounds = repo.read_rounds(db, code)
        keep = self.round.currentData()
        self.round.blockSignals(True)
        before = self.round.count()
        self.round.clear()
        for r in rounds:
            self.round.addItem(self.tr("第 {n} 轮").format(n=r.number), r.number)
        keep_round(self.round, keep, before)
        self.round.blockSignals(False)
        c = repo.read_contest(db, code)
        if c is not None:
            expected, _present = repo.expected_present(db, c)
            spare = max(5, expected // 20)
            # the suggestion fills the count when another contest is chosen, not after every
            # print (a clerk reprinting 3 jammed sheets keeps the 3 typed)
            self._suggested = max(1, expected + spare)
            if self._count_for != code:
                self.count.setValue(self._suggested)
                self._count_for = code
            self.suggest.setText(
                self.tr("建议：应到 {e} 人，另加备用 {s} 张").format(e=expected, s=spare)
            )
        self._fill_runs(code)
        self.schedule_preview()

    def _test_toggled(self, on: bool) -> None:
        if not on and self._suggested and self.count.value() < self._suggested:
            self.count.setValue(self._suggested)

    def _fill_runs(self, code: str) -> None:
        from huanjie_desktop.app.ballots import print_runs

        runs = print_runs(self.ctx.db, code)
        self.runs.setRowCount(len(runs))
        self.runs.setVisible(bool(runs))
        self.no_runs.setVisible(not runs)
        for r, run in enumerate(reversed(runs)):
            cells = [
                str(run.id),
                str(run.round),
                str(run.count),
                self.tr("样票") if run.test else self.tr("正式"),
                str(run.spoiled),
                local_time(run.at, with_date=True)[:16],
                run.operator,
            ]
            for col, text in enumerate(cells):
                self.runs.setItem(r, col, QTableWidgetItem(text))

    # --- preview --------------------------------------------------------------------------------

    def schedule_preview(self) -> None:
        self._timer.start()

    def _dpi(self) -> int:
        bar = self.scroller.verticalScrollBar().sizeHint().width()
        width = self.scroller.width() - bar - 2 * self.scroller.frameWidth() - 28
        return max(PREVIEW_DPI_MIN, min(PREVIEW_DPI_MAX, int(width / (210 / MM_PER_INCH))))

    def render_preview(self) -> None:
        code, number = self.contest_code(), self.round_number()
        if code is None or self.ctx.session is None or not self.ctx.worker.accepting:
            return  # nothing to show, or the window is closing
        self._token += 1
        token = self._token
        dpi = self._dpi()

        def work(jc: JobContext) -> PreviewImage:
            with tempfile.TemporaryDirectory(prefix="huanjie-preview-") as tmp:
                pdf = Path(tmp) / "preview.pdf"
                info = prepare.ballot_preview_pdf(jc.db, code, number, pdf)
                jc.check_cancelled()
                png = rasterise(pdf, dpi, 1, 1, Path(tmp))[0]
                return PreviewImage(png.read_bytes(), info, dpi)

        def done(result: object) -> None:
            if token != self._token or not isinstance(result, PreviewImage):
                return  # a newer preview was asked for
            self.show_preview(result)

        def failed(exc: BaseException) -> None:
            if token != self._token:
                return
            self.preview_info = None
            self.image.setPixmap(QPixmap())
            self.image.setText(self.ctx.describe(exc))
            self.image.adjustSize()
            self.info.setText("")

        self.image.setText(self.tr("正在生成预览…"))
        self.ctx.submit("ballot.preview", work, on_success=done, on_error=failed)

    def show_preview(self, result: PreviewImage) -> None:
        self.preview_info = result
        image = QImage.fromData(result.png)
        self.image.setText("")
        self.image.setPixmap(QPixmap.fromImage(image))
        self.image.adjustSize()
        p = result.preview
        self.info.setText(
            self.tr(
                "预览：第 {n} 轮 · {paper} · 候选人 {k} 名 · 这是印出来的样子（预览中的二维码无效）"
            ).format(n=p.round, paper=p.paper, k=p.candidates)
        )

    # --- printing -------------------------------------------------------------------------------

    def _default_pdf(self) -> Path:
        code, number = self.contest_code() or "ballots", self.round_number() or 1
        kind = self.tr("样票") if self.test.isChecked() else self.tr("选票")
        base = self.ctx.path.parent if self.ctx.path else Path.home()
        return base / f"{code}-{self.tr('第{n}轮').format(n=number)}-{kind}.pdf"

    def ask_save_pdf(self) -> None:
        self.save_pdf()

    def save_pdf(self, out: Path | None = None) -> None:
        """Print the ballots into a PDF file (the run is recorded like any print)."""
        code, number = self.contest_code(), self.round_number()
        if code is None:
            return
        if out is None:
            chosen, _ = QFileDialog.getSaveFileName(
                self,
                self.tr("选票另存为 PDF"),
                str(self._default_pdf()),
                self.tr("PDF 文件 (*.pdf)"),
            )
            if not chosen:
                return
            out = dialogs.saved_as(chosen, ".pdf")
        target, count, test = out, self.count.value(), self.test.isChecked()
        making = self.tr("正在生成 {n} 张选票…").format(n=count)
        op = self.ctx.account

        def work(jc: JobContext) -> object:
            from huanjie_desktop.app.ballots import print_ballots

            jc.progress(0, 0, making)
            return print_ballots(jc.db, code, number, count, target, test=test, operator=op)

        self.ctx.submit(
            "ballots.print",
            work,
            topics={BALLOTS},
            on_success=self._printed,
            on_error=self._failed,
            progress_title=self.tr("正在印制选票"),
        )

    def print_dialog(self) -> None:
        """Choose a printer in the system dialog, then print on the worker."""
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setDocName(self._default_pdf().stem)
        # One ballot to a sheet: an office printer set to print on both sides by default
        # would put two ballots, two serials, on one sheet (a voter could vote twice).
        printer.setDuplex(QPrinter.DuplexMode.DuplexNone)
        dialog = QPrintDialog(printer, self)
        dialog.setWindowTitle(self.tr("打印选票"))
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        if printer.duplex() is not QPrinter.DuplexMode.DuplexNone and not dialogs.confirm(
            self,
            self.tr("双面打印"),
            self.tr(
                "打印机设成了双面打印：一张纸上会印两张选票（两个防伪码），一名代表可能投两次票。"
                "选票必须单面打印。仍要这样打印吗？"
            ),
        ):
            return
        self.print_to(printer)

    def print_to(self, printer: QPrinter) -> None:
        """Record the run, then rasterise each page at the printer's resolution and paint it.
        The printer object belongs to the job until it finishes."""
        code, number = self.contest_code(), self.round_number()
        if code is None:
            return
        count, test = self.count.value(), self.test.isChecked()
        op = self.ctx.account

        def work(jc: JobContext) -> object:
            from huanjie_desktop.app.ballots import print_ballots

            with tempfile.TemporaryDirectory(prefix="huanjie-print-") as tmp:
                pdf = Path(tmp) / "ballots.pdf"
                result = print_ballots(jc.db, code, number, count, pdf, test=test, operator=op)
                paint_pdf(
                    jc,
                    printer,
                    pdf,
                    count,
                    Path(tmp),
                    (
                        "无法开始打印：请检查打印机是否连接、是否有纸。批次已登记，未打印的选票不存在，可直接重新打印。",
                        "could not start printing: check the printer. The run is recorded; "
                        "sheets not printed do not exist, so simply print again.",
                    ),
                )
                return result

        self.ctx.submit(
            "ballots.print",
            work,
            topics={BALLOTS},
            on_success=self._printed,
            on_error=self._failed,
            progress_title=self.tr("正在打印选票"),
        )

    def _printed(self, result: object) -> None:
        from huanjie_desktop.app.ballots import PrintResult

        if not isinstance(result, PrintResult):
            return
        self.last_pdf = result.path
        kind = self.tr("样票") if result.test else self.tr("选票")
        self.banner.show_message(
            self.tr("✓ 已印制第 {n} 轮{kind} {count} 张（批次 {run}，{paper}）：{path}").format(
                n=result.round,
                kind=kind,
                count=result.count,
                run=result.run,
                paper=result.paper,
                path=result.path,
            ),
            "ok",
        )

    def _failed(self, exc: BaseException) -> None:
        self.banner.show_message("✗ " + self.ctx.describe(exc), "bad")

    def spoil(self) -> None:
        serial, reason = self.serial.text().strip(), self.reason.text().strip()
        if not serial:
            self.banner.show_message(self.tr("请输入选票上的防伪码。"), "warn")
            return
        op = self.ctx.account

        def work(db: ElectionDB) -> object:
            from huanjie_desktop.app.ballots import spoil

            return spoil(db, serial, reason, operator=op)

        def done(_r: object) -> None:
            self.serial.clear()
            self.reason.clear()
            self.banner.show_message(
                self.tr("✓ 已登记作废：{serial}。扫描到这张选票时将被拒收。").format(
                    serial=serial.upper()
                ),
                "ok",
            )

        self.ctx.run(
            "ballots.spoil", work, topics={BALLOTS}, on_success=done, on_error=self._failed
        )

    def prepare_screenshot(self) -> None:
        """Let the preview of the current size land before a screenshot is taken."""
        self._timer.stop()
        self.render_preview()


def register(pages: PageRegistry) -> None:
    pages.add(
        PageSpec(
            "prep.ballots",
            "prep",
            lambda: QCoreApplication.translate("pages", "选票"),
            BallotsPage,
            order=60,
        )
    )
