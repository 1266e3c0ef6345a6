"""报告单和确认: preview of a round's papers (计票结果报告单 with 当选名单, 清点到会人数,
发出收回选票, 当选人员结构), print or save them as PDF, and certify the round (freeze it) with
the names of those who sign, after a confirmation that lists what freezing means.

The preview is the PDF the report code makes, rasterised by poppler's ``pdftoppm`` on the
worker; making a preview is not recorded (nothing was printed). Printing and saving go
through ``counting.report``, which records each print in the audit log. Printing to a PDF
printer keeps the vector PDF (its text stays searchable); a real printer gets each page
rasterised at its resolution and painted on the worker, as the ballots page does.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, QTimer
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from huanjie_desktop.app import counting
from huanjie_desktop.domain.model import OfficialRole
from huanjie_desktop.gui import dialogs
from huanjie_desktop.gui.pages.ballots import paint_pdf, rasterise
from huanjie_desktop.gui.pages.base import (
    Page,
    PageRegistry,
    PageSpec,
    chosen_code,
    chosen_round,
    fill_contests,
    keep_round,
)
from huanjie_desktop.gui.session import CHECKINS, CONTESTS, COUNT, AppContext
from huanjie_desktop.gui.widgets import (
    Banner,
    Chip,
    EmptyState,
    MiddleElidedCombo,
    heading,
    hint,
    local_time,
)
from huanjie_desktop.gui.worker import JobContext
from huanjie_desktop.storage import repo
from huanjie_desktop.storage.db import ElectionDB

MM_PER_INCH = 25.4
PREVIEW_DPI_MIN = 60
PREVIEW_DPI_MAX = 110
PAPER_KINDS = ("tally", "attendance", "ballots", "composition")


def paper_label(kind: str) -> str:
    return {
        "tally": QCoreApplication.translate("PapersPage", "计票结果报告单和当选名单"),
        "attendance": QCoreApplication.translate("PapersPage", "清点到会人数报告单"),
        "ballots": QCoreApplication.translate("PapersPage", "发出和收回选票报告单"),
        "composition": QCoreApplication.translate("PapersPage", "当选人员结构"),
    }[kind]


def officials_of(db: ElectionDB, contest: str) -> dict[str, list[str]]:
    """The contest's scrutineers and counters by role (names), for the signature lines."""
    out: dict[str, list[str]] = {str(r): [] for r in OfficialRole}
    for o in repo.read_officials(db, contest):
        p = repo.read_person(db, o.person)
        out[str(o.role)].append(p.name if p else o.person)
    return out


def preview_pdf(
    db: ElectionDB, contest: str, number: int, kind: str, out: Path, operator: Any
) -> int:
    """The papers as `counting.report` prints them, without recording a print (a preview)."""
    from huanjie_desktop.reports import tally_pdf
    from huanjie_desktop.storage import ballots as box_store

    doc = counting.tally(db, contest, number, operator=operator)
    officials = officials_of(db, contest)
    papers: list[Any] = []
    if kind == "tally":
        papers = [tally_pdf.TallySheet(doc, officials), tally_pdf.ElectedList(doc, officials)]
    elif kind == "attendance":
        c = repo.read_contest(db, contest)
        rows = repo.round_attendance_units(db, c, number) if c else []
        papers = [tally_pdf.AttendanceSheet(doc, officials, rows)]
    elif kind == "ballots":
        boxes = [
            (b.box, b.station, b.issued, b.collected)
            for b in box_store.read_box_counts(db, contest, number)
        ]
        papers = [tally_pdf.BallotBoxSheet(doc, officials, boxes)]
    else:
        papers = [tally_pdf.CompositionSheet(doc, officials)]
    return tally_pdf.render(out, papers)


def print_report(
    db: ElectionDB, contest: str, number: int, kind: str, out: Path, operator: Any
) -> counting.ReportOutcome:
    """Print (record) the papers into ``out`` through the app layer."""
    return counting.report(
        db,
        contest,
        number,
        out,
        attendance=kind == "attendance",
        ballots=kind == "ballots",
        composition_sheet=kind == "composition",
        operator=operator,
    )


@dataclass(frozen=True)
class Preview:
    pages: list[bytes]  # PNG per page
    dpi: int
    kind: str
    status: str


class PapersPage(Page):
    topics = frozenset({COUNT, CONTESTS, CHECKINS})

    def __init__(self, ctx: AppContext) -> None:
        super().__init__(ctx)
        self._token = 0
        self.preview: Preview | None = None
        self.last_pdf: Path | None = None
        self.certified: counting.Certified | None = None
        self.doc: dict[str, Any] | None = None
        lay = QVBoxLayout(self)
        lay.setContentsMargins(16, 10, 16, 10)
        lay.setSpacing(8)
        top = QHBoxLayout()
        top.addWidget(heading(self.tr("报告单和确认"), 1.3))
        top.addSpacing(12)
        top.addWidget(QLabel(self.tr("选举事项")))
        self.contest = MiddleElidedCombo()
        self.contest.setMinimumWidth(300)
        self.contest.currentIndexChanged.connect(lambda _i: self._fill_rounds())
        top.addWidget(self.contest, 2)
        top.addWidget(QLabel(self.tr("轮次")))
        self.round = QComboBox()
        self.round.currentIndexChanged.connect(lambda _i: self.show_round())
        top.addWidget(self.round)
        self.status_chip = Chip("", "neutral")
        top.addWidget(self.status_chip)
        top.addStretch(1)
        lay.addLayout(top)

        self.split = QSplitter(Qt.Orientation.Horizontal)
        left = QWidget()
        ll = QVBoxLayout(left)
        ll.setContentsMargins(0, 0, 6, 0)
        self.info = hint("")
        ll.addWidget(self.info)
        self.scroller = QScrollArea()
        self.scroller.setStyleSheet("QScrollArea { background: #8a8a8a; }")
        self.scroller.setWidgetResizable(True)
        self.pages_box = QWidget()
        self.pages_box.setStyleSheet("background: #8a8a8a;")
        self.pages_layout = QVBoxLayout(self.pages_box)
        self.pages_layout.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        self.pages_layout.setSpacing(12)
        self.placeholder = QLabel(self.tr("正在生成预览…"))
        self.placeholder.setStyleSheet("color: white; padding: 12px;")
        self.placeholder.setWordWrap(True)
        self.pages_layout.addWidget(self.placeholder)
        self.scroller.setWidget(self.pages_box)
        ll.addWidget(self.scroller, 1)
        self.split.addWidget(left)

        right = QWidget()
        rl = QVBoxLayout(right)
        rl.setContentsMargins(6, 0, 0, 0)
        papers_box = QGroupBox(self.tr("报告单"))
        pl = QVBoxLayout(papers_box)
        self.kind = QComboBox()
        for k in PAPER_KINDS:
            self.kind.addItem(paper_label(k), k)
        self.kind.currentIndexChanged.connect(lambda _i: self.schedule_preview())
        pl.addWidget(self.kind)
        buttons = QHBoxLayout()
        self.print_button = QPushButton(self.tr("打印…"))
        self.print_button.setMinimumHeight(36)
        self.print_button.clicked.connect(self.print_dialog)
        self.pdf_button = QPushButton(self.tr("另存为 PDF…"))
        self.pdf_button.setMinimumHeight(36)
        self.pdf_button.clicked.connect(self.ask_save_pdf)
        buttons.addWidget(self.print_button)
        buttons.addWidget(self.pdf_button)
        pl.addLayout(buttons)
        pl.addWidget(
            hint(
                self.tr(
                    "确认前打印的报告单标有“临时”或“未确认”字样；确认后打印的印有结果的数字摘要和二维码，"
                    "可在“审计日志”中用“核验”查出任何改动。每次打印都记入审计日志。"
                )
            )
        )
        rl.addWidget(papers_box)

        cert_box = QGroupBox(self.tr("确认结果（冻结本轮）"))
        cl = QVBoxLayout(cert_box)
        self.cert_state = QLabel()
        self.cert_state.setWordWrap(True)
        cl.addWidget(self.cert_state)
        cl.addWidget(QLabel(self.tr("签名确认的人（总监票人、监票人，用顿号分隔）")))
        self.signers = QLineEdit()
        self.signers.setPlaceholderText(self.tr("如：罗兰、马超"))
        cl.addWidget(self.signers)
        self.certify_button = QPushButton(self.tr("确认并冻结结果…"))
        self.certify_button.setMinimumHeight(40)
        self.certify_button.setStyleSheet(
            "QPushButton:enabled { color: white; background: #b8352b; font-weight: bold;"
            " border-radius: 4px; padding: 6px 12px; }"
        )
        self.certify_button.clicked.connect(self.ask_certify)
        cl.addWidget(self.certify_button)
        rl.addWidget(cert_box)
        self.banner = Banner()
        rl.addWidget(self.banner)
        rl.addStretch(1)
        self.split.addWidget(right)
        self.split.setStretchFactor(0, 3)
        self.split.setStretchFactor(1, 2)
        lay.addWidget(self.split, 1)
        self.empty = EmptyState(
            self.tr("还没有选举事项"), self.tr("先在“选举事项和候选人”中添加选举事项。")
        )
        lay.addWidget(self.empty, 1)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(150)
        self._timer.timeout.connect(self.render_preview)
        self._sized = False

    # --- data -----------------------------------------------------------------------------------

    def refresh(self) -> None:
        db = self.ctx.db
        contests = repo.read_contests(db)
        fill_contests(self.contest, contests)
        self.split.setVisible(bool(contests))
        self.empty.setVisible(not contests)
        self._fill_rounds()

    def contest_code(self) -> str | None:
        return chosen_code(self.contest)

    def round_number(self) -> int | None:
        return chosen_round(self.round)

    def paper_kind(self) -> str:
        return str(self.kind.currentData() or "tally")

    def _fill_rounds(self) -> None:
        code = self.contest_code()
        keep = self.round.currentData()
        self.round.blockSignals(True)
        before = self.round.count()
        self.round.clear()
        if code is not None and self.ctx.session is not None:
            rounds = repo.read_rounds(self.ctx.db, code)
            for r in rounds:
                self.round.addItem(self.tr("第 {n} 轮").format(n=r.number), r.number)
            keep_round(self.round, keep, before)
            officials = officials_of(self.ctx.db, code)
            names = officials["chief_scrutineer"] + officials["scrutineer"]
            self.signers.setText("、".join(names))
        self.round.blockSignals(False)
        self.show_round()

    def show_round(self) -> None:
        code, number = self.contest_code(), self.round_number()
        if code is None or number is None or self.ctx.session is None:
            return
        try:
            doc = counting.tally(self.ctx.db, code, number, operator=self.ctx.account)
        except Exception as exc:  # not signed in, or records that do not fit: say so
            self.doc = None
            self.cert_state.setText(self.ctx.describe(exc))
            self.certify_button.setEnabled(False)
            self.status_chip.set("", "neutral")
            return
        self.doc = doc
        status = str(doc.get("status", ""))
        station = str(doc.get("station") or "")
        if station and status != "certified":
            # A station laptop holds no check-ins: its tally's "void, no quorum" is not the
            # round's, and certifying is refused there (`accounts.require`) — said before
            # anyone is asked the irreversible question.
            self.status_chip.set(self.tr("分团计票（以主机为准）"), "warn")
            self.cert_state.setText(
                self.tr(
                    "这是分团计票机（{station}）：本机只有本分团的票箱和选票，没有报到记录。"
                    "本轮是否有效、谁当选，以及确认并冻结结果，都在主机合并各分团的结果包之后进行。"
                ).format(station=station)
            )
            self.certify_button.setEnabled(False)
            self.signers.setEnabled(False)
        elif status == "certified":
            cert = doc.get("certification", {})
            self.status_chip.set(self.tr("已确认（冻结）"), "ok")
            self.cert_state.setText(
                self.tr("已于 {at} 由 {who} 确认冻结。\n数字摘要：{digest}").format(
                    at=local_time(str(cert.get("at", "")), with_date=True),
                    who="、".join(cert.get("by", [])),
                    digest=doc.get("digest_short", ""),
                )
            )
            self.certify_button.setEnabled(False)
            self.signers.setText("、".join(cert.get("by", [])))
            self.signers.setEnabled(False)
        elif status == "provisional":
            self.status_chip.set(self.tr("临时结果"), "warn")
            why = []
            if "pending_review" in doc.get("reasons", []):
                why.append(
                    self.tr("还有 {n} 张选票待审核或待确认").format(n=doc.get("pending_review"))
                )
            if "box_counts_missing" in doc.get("reasons", []):
                why.append(self.tr("尚未登记发出和收回张数"))
            if "sheets_differ_from_collected" in doc.get("reasons", []):
                why.append(self.tr("计入的选票张数与收回张数不一致"))
            if "serial_counted_twice" in doc.get("reasons", []):
                why.append(self.tr("有防伪码相同的两张选票都已计入"))
            if "nothing_collected" in doc.get("reasons", []):
                why.append(self.tr("登记的收回票数为 0"))
            waiting = list(
                dict.fromkeys(
                    str(x)
                    for x in [
                        *(doc.get("stations_silent") or []),
                        *(doc.get("stations_unfinished") or []),
                    ]
                )
            )
            if "stations_waiting" in doc.get("reasons", []):
                why.append(
                    self.tr("分团计票机“{names}”还没有交来这一轮计完的计票结果").format(
                        names="、".join(waiting)
                    )
                )
            sep = "; " if self.ctx.lang == "en" else "；"
            self.cert_state.setText(
                self.tr("结果尚未确定，还不能确认：{why}。").format(why=sep.join(why))
            )
            # (waiting for a station laptop alone: certifying asks whether to go on without
            # it — for a laptop that cannot be used any more, by the chief scrutineer's word)
            self.certify_button.setEnabled(doc.get("reasons") == ["stations_waiting"])
            self.signers.setEnabled(True)
        else:
            void = status == "void"
            self.status_chip.set(
                self.tr("本轮无效") if void else self.tr("最终结果（待确认）"),
                "bad" if void else "info",
            )
            self.cert_state.setText(
                self.tr("本轮投票无效：确认后记录为无效（保留记录），然后须重新投票。")
                if void
                else self.tr("结果已确定。核对报告单无误后，由监票人签名确认并冻结。")
            )
            self.certify_button.setEnabled(True)
            self.signers.setEnabled(True)
        self.schedule_preview()

    # --- preview ----------------------------------------------------------------------------------

    def schedule_preview(self) -> None:
        self._timer.start()

    def _dpi(self) -> int:
        bar = self.scroller.verticalScrollBar().sizeHint().width()
        width = self.scroller.width() - bar - 2 * self.scroller.frameWidth() - 40
        return max(PREVIEW_DPI_MIN, min(PREVIEW_DPI_MAX, int(width / (210 / MM_PER_INCH))))

    def render_preview(self) -> None:
        code, number = self.contest_code(), self.round_number()
        if code is None or number is None or self.ctx.session is None:
            return
        if not self.ctx.worker.accepting:
            return
        self._token += 1
        token = self._token
        dpi, kind, op = self._dpi(), self.paper_kind(), self.ctx.account
        status = str((self.doc or {}).get("status", ""))

        def work(jc: JobContext) -> Preview:
            with tempfile.TemporaryDirectory(prefix="huanjie-papers-") as tmp:
                pdf = Path(tmp) / "papers.pdf"
                pages = preview_pdf(jc.db, code, number, kind, pdf, op)
                jc.check_cancelled()
                images = rasterise(pdf, dpi, 1, pages, Path(tmp))
                return Preview([p.read_bytes() for p in images], dpi, kind, status)

        def done(result: object) -> None:
            if token == self._token and isinstance(result, Preview):
                self.show_preview(result)

        def failed(exc: BaseException) -> None:
            if token == self._token:
                self._clear_pages()
                self.placeholder.setText(self.ctx.describe(exc))
                self.placeholder.show()

        self.placeholder.setText(self.tr("正在生成预览…"))
        self.ctx.submit("papers.preview", work, on_success=done, on_error=failed)

    def _clear_pages(self) -> None:
        while self.pages_layout.count() > 1:
            taken = self.pages_layout.takeAt(1)
            w = taken.widget() if taken is not None else None
            if w is not None:
                w.deleteLater()

    def show_preview(self, preview: Preview) -> None:
        self.preview = preview
        self._clear_pages()
        self.placeholder.hide()
        for png in preview.pages:
            label = QLabel()
            label.setPixmap(QPixmap.fromImage(QImage.fromData(png)))
            label.setStyleSheet("background: white;")
            self.pages_layout.addWidget(label)
        self.info.setText(
            self.tr("预览：{what}，共 {n} 页 · 这是打印出来的样子").format(
                what=paper_label(preview.kind), n=len(preview.pages)
            )
        )

    # --- print and save ---------------------------------------------------------------------------

    def _default_pdf(self) -> Path:
        code, number = self.contest_code() or "result", self.round_number() or 1
        base = self.ctx.path.parent if self.ctx.path else Path.home()
        name = f"{code}-{self.tr('第{n}轮').format(n=number)}-{paper_label(self.paper_kind())}.pdf"
        return base / name

    def ask_save_pdf(self) -> None:
        chosen, _ = QFileDialog.getSaveFileName(
            self, self.tr("报告单另存为 PDF"), str(self._default_pdf()), self.tr("PDF 文件 (*.pdf)")
        )
        if chosen:
            self.save_pdf(dialogs.saved_as(chosen, ".pdf"))

    def save_pdf(self, out: Path) -> None:
        code, number = self.contest_code(), self.round_number()
        if code is None or number is None:
            return
        kind, op = self.paper_kind(), self.ctx.account

        def work(db: ElectionDB) -> counting.ReportOutcome:
            return print_report(db, code, number, kind, out, op)

        self.ctx.run(
            "papers.save",
            work,
            topics={COUNT},
            on_success=self._printed,
            on_error=self._failed,
            progress_title=self.tr("正在生成报告单"),
        )

    def print_dialog(self) -> None:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setDocName(self._default_pdf().stem)
        dialog = QPrintDialog(printer, self)
        dialog.setWindowTitle(self.tr("打印报告单"))
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        self.print_to(printer)

    def print_to(self, printer: QPrinter) -> None:
        """Print the papers on ``printer`` (on the worker; the printer belongs to the job)."""
        code, number = self.contest_code(), self.round_number()
        if code is None or number is None:
            return
        kind, op = self.paper_kind(), self.ctx.account
        to_pdf = printer.outputFormat() == QPrinter.OutputFormat.PdfFormat and bool(
            printer.outputFileName()
        )
        target = Path(printer.outputFileName()) if to_pdf else None

        def work(jc: JobContext) -> counting.ReportOutcome:
            with tempfile.TemporaryDirectory(prefix="huanjie-print-") as tmp:
                pdf = Path(tmp) / "papers.pdf"
                result = print_report(jc.db, code, number, kind, pdf, op)
                if target is not None:  # "print to PDF": keep the vector PDF
                    shutil.copyfile(pdf, target)
                    return counting.ReportOutcome(
                        target, result.papers, result.pages, result.status
                    )
                paint_pdf(
                    jc,
                    printer,
                    pdf,
                    result.pages,
                    Path(tmp),
                    (
                        "无法开始打印：请检查打印机是否连接、是否有纸，然后再打印一次。",
                        "could not start printing: check the printer and print again.",
                    ),
                )
                return result

        self.ctx.submit(
            "papers.print",
            work,
            topics={COUNT},
            on_success=self._printed,
            on_error=self._failed,
            progress_title=self.tr("正在打印报告单"),
        )

    def _printed(self, result: object) -> None:
        if not isinstance(result, counting.ReportOutcome):
            return
        self.last_pdf = result.path
        state = {
            "certified": self.tr("已确认"),
            "final": self.tr("未确认"),
            "provisional": self.tr("临时"),
            "void": self.tr("无效"),
        }.get(result.status, result.status)
        if (self.doc or {}).get("station"):
            state = self.tr("分团计票")  # (its tally's "void" is no verdict: see `show_round`)
        self.banner.show_message(
            self.tr("✓ 已打印 {n} 页（{state}）：{path}").format(
                n=result.pages, state=state, path=result.path
            ),
            "ok",
        )

    def _failed(self, exc: BaseException) -> None:
        self.banner.show_message("✗ " + self.ctx.describe(exc), "bad")

    # --- certify ----------------------------------------------------------------------------------

    def ask_certify(self) -> None:
        code, number = self.contest_code(), self.round_number()
        if code is None or number is None or self.doc is None:
            return
        names = counting.split_names(self.signers.text())
        if not names:
            self.banner.show_message(
                self.tr("请填写签名确认的人的姓名（总监票人、监票人）。"), "bad"
            )
            self.signers.setFocus()
            return
        title = str(self.doc.get("title", code))
        void = self.doc.get("status") == "void"
        text = self.tr(
            "确认 {title} 第 {n} 轮的结果并冻结？\n\n"
            "确认后：\n"
            "· 本轮不能再扫描选票、审核、登记发出/收回张数或修改任何记录；\n"
            "· 报告单上印出结果的数字摘要和二维码，任何改动都能被“核验”查出；\n"
            "· 此操作不能撤销。如发现错误，只能按规定重新投票。\n\n"
            "签名确认：{names}"
        ).format(title=title, n=number, names="、".join(names))
        if void:
            text += "\n\n" + self.tr("本轮投票无效：将记录为无效（保留记录），之后须重新投票。")
        if not dialogs.confirm(self, self.tr("确认并冻结结果"), text):
            return
        self.certify(names)

    def certify(self, names: list[str], without: Sequence[str] = ()) -> None:
        code, number = self.contest_code(), self.round_number()
        if code is None or number is None:
            return
        op = self.ctx.account

        def work(db: ElectionDB) -> counting.Certified:
            return counting.certify(
                db, code, number, names, operator=op, without_stations=list(without)
            )

        def failed(exc: BaseException) -> None:
            if isinstance(exc, counting.StationsNotReported) and not without:
                # A station laptop has not sent its count (nothing, or a package exported
                # part-way): certify without it only by a decision taken here, in so many
                # words (recorded in the audit log).
                text = self.tr(
                    "分团计票机“{stations}”还没有交来这一轮计完的计票结果（没有交来，或最近的结果包"
                    "没有声明计票完毕）。\n\n"
                    "结果冻结之后，它的结果包会被拒收，那里计的选票就计不进来了。"
                    "通常应先在该计票机上计完后加 --done 导出结果包（没有计票也这样导出一个），"
                    "在本机导入（huanjie results import）。\n\n"
                    "只有该计票机确实没有参与本轮计票或已无法使用，并经总监票人同意，"
                    "才不等它的结果包而确认（只计已收到的，记入审计日志）。现在不等它，确认并冻结？"
                ).format(stations="、".join(exc.stations))
                if dialogs.confirm(self, self.tr("有分团计票机未交结果"), text):
                    self.certify(names, exc.stations)
                    return
            self._failed(exc)

        def done(result: object) -> None:
            if not isinstance(result, counting.Certified):
                return
            self.certified = result
            if result.status == "certified":
                self.banner.show_message(
                    self.tr("✓ 已确认并冻结。数字摘要 {digest}，请打印报告单签名。").format(
                        digest=result.digest_short
                    ),
                    "ok",
                )
            else:
                self.banner.show_message(
                    self.tr("本轮已记录为无效。请到“计票结果”开启重新投票。"), "warn"
                )

        self.ctx.run("round.certify", work, topics={COUNT}, on_success=done, on_error=failed)

    # --- screen -----------------------------------------------------------------------------------

    def showEvent(self, event: Any) -> None:
        if not self._sized:
            self._sized = True
            total = max(self.width(), 900)
            self.split.setSizes([int(total * 0.6), int(total * 0.4)])
        super().showEvent(event)

    def prepare_screenshot(self) -> None:
        """For `make screenshots`: a contest that has been counted, its preview rendered."""
        if self.ctx.session is not None:
            from huanjie_desktop.storage.sheets import list_sheets

            counted = {s.contest for s in list_sheets(self.ctx.db, status="counted") if s.contest}
            for i in range(self.contest.count()):
                if self.contest.itemData(i) in counted:
                    self.contest.setCurrentIndex(i)
                    break
        self._timer.stop()
        self.render_preview()


def register(pages: PageRegistry) -> None:
    pages.add(
        PageSpec(
            "count.papers",
            "count",
            lambda: QCoreApplication.translate("pages", "报告单和确认"),
            PapersPage,
            order=50,
        )
    )
