"""What every page gets: the open election file, the operator, the worker, change notices.

The composition root (``gui.main``) makes one :class:`AppContext` and passes it down; nothing
here is global. The GUI thread has its own read connection to the open file (``ctx.db``);
every write goes through :meth:`AppContext.run`, which runs on the worker thread with the
worker's own connection (one SQLite connection per thread) and then tells the pages which
kinds of data changed.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from PySide6.QtCore import QCoreApplication, QObject, QSettings, Signal

from huanjie_desktop.domain.definition import DefinitionRefused
from huanjie_desktop.domain.model import Election
from huanjie_desktop.gui.worker import Cancelled, Job, JobContext, JobFn, Worker
from huanjie_desktop.storage import repo
from huanjie_desktop.storage.db import ElectionDB, ElectionFileError, open_election_file

T = TypeVar("T")

# Topics a job can announce as changed; pages refresh when one they show is touched.
PEOPLE = "people"
UNITS = "units"
CONTESTS = "contests"
CHECKINS = "checkins"
BALLOTS = "ballots"
AUDIT = "audit"
COUNT = "count"  # scans, review, results (the counting-room pages)
ALL_TOPICS = frozenset({PEOPLE, UNITS, CONTESTS, CHECKINS, BALLOTS, AUDIT, COUNT})

RECENT_KEY = "recent_files"
MAX_RECENT = 8


@dataclass
class Session:
    """One open election file as the GUI thread sees it."""

    path: Path
    db: ElectionDB  # the GUI thread's own connection: reads only
    election: Election


class AppContext(QObject):
    """The open file, the operator, the worker and the language, passed to every page."""

    file_changed = Signal()  # a file was opened or closed
    data_changed = Signal(object)  # frozenset[str] of topics
    operator_changed = Signal(str)
    page_requested = Signal(str)  # a page key: show that page
    long_job = Signal(object, str)  # (job, title): show progress with a Cancel button
    error = Signal(str, str)  # (title, message) for the window to show

    def __init__(
        self, worker: Worker, settings: QSettings, lang: str = "zh", operator: str = ""
    ) -> None:
        super().__init__()
        self.worker = worker
        self.settings = settings
        self.lang = lang
        self._operator = operator
        self.session: Session | None = None

    # --- language ------------------------------------------------------------------------

    def t(self, zh: str, en: str) -> str:
        """Pick an app-layer message (they come as zh/en pairs) in the user's language."""
        return en if self.lang == "en" else zh

    # --- operator ------------------------------------------------------------------------

    @property
    def operator(self) -> str:
        return self._operator

    def set_operator(self, name: str) -> None:
        self._operator = name.strip()
        if self.session is not None:
            self.session.db.operator = self._operator
        self.operator_changed.emit(self._operator)

    # --- the open file ---------------------------------------------------------------------

    @property
    def db(self) -> ElectionDB:
        if self.session is None:
            raise RuntimeError("no election file is open")
        return self.session.db

    @property
    def path(self) -> Path | None:
        return None if self.session is None else self.session.path

    def attach(self, path: Path) -> None:
        """Open the GUI thread's read connection to ``path`` (the worker already opened and,
        if needed, upgraded the file)."""
        self.detach()
        db = open_election_file(path, self._operator, migrate=False)
        self.session = Session(path, db, repo.read_election(db))
        self.remember_recent(path)
        self.file_changed.emit()

    def detach(self) -> None:
        if self.session is None:
            return
        self.worker.forget_file(self.session.path)
        self.session.db.close()
        self.session = None
        self.file_changed.emit()

    def reload_election(self) -> None:
        if self.session is not None:
            self.session.election = repo.read_election(self.session.db)

    # --- recent files ----------------------------------------------------------------------

    def recent_files(self) -> list[Path]:
        raw: Any = self.settings.value(RECENT_KEY, [])
        items = [raw] if isinstance(raw, str) else list(raw or [])
        return [Path(str(p)) for p in items if str(p)]

    def remember_recent(self, path: Path) -> None:
        p = str(path.resolve())
        items = [str(x) for x in self.recent_files() if str(x) != p]
        self.settings.setValue(RECENT_KEY, [p, *items][:MAX_RECENT])
        self.settings.sync()

    def forget_recent(self, path: Path) -> None:
        p = str(path.resolve())
        self.settings.setValue(RECENT_KEY, [str(x) for x in self.recent_files() if str(x) != p])

    # --- running operations ------------------------------------------------------------------

    def submit(
        self,
        name: str,
        fn: JobFn,
        *,
        with_file: bool = True,
        topics: Iterable[str] = (),
        on_success: Callable[[Any], None] | None = None,
        on_error: Callable[[BaseException], None] | None = None,
        progress_title: str | None = None,
    ) -> Job:
        """Run ``fn(ctx: JobContext)`` on the worker. When it succeeds, pages showing
        ``topics`` refresh, then ``on_success(result)`` runs on the GUI thread. Errors go to
        ``on_error`` or, by default, to the window's error message."""
        job = self.worker.submit(
            name, fn, path=self.path if with_file else None, operator=self._operator
        )
        changed = frozenset(topics)

        def succeeded(result: object) -> None:
            if changed:
                self.data_changed.emit(changed | {AUDIT})
            if on_success is not None:
                on_success(result)

        def failed(exc: object) -> None:
            assert isinstance(exc, BaseException)
            if on_error is not None:
                on_error(exc)
            else:
                self.error.emit(self.t("操作未完成", "Not done"), self.describe(exc, job))

        job.succeeded.connect(succeeded)
        job.failed.connect(failed)
        if progress_title:
            self.long_job.emit(job, progress_title)
        return job

    def run(
        self,
        name: str,
        fn: Callable[[ElectionDB], Any],
        *,
        topics: Iterable[str] = (),
        on_success: Callable[[Any], None] | None = None,
        on_error: Callable[[BaseException], None] | None = None,
        progress_title: str | None = None,
    ) -> Job:
        """Run ``fn(db)`` on the worker with the worker's own connection to the open file."""

        def job_fn(jc: JobContext) -> Any:
            return fn(jc.db)

        return self.submit(
            name,
            job_fn,
            topics=topics,
            on_success=on_success,
            on_error=on_error,
            progress_title=progress_title,
        )

    def describe(self, exc: BaseException, job: Job | None = None) -> str:
        """An error in words a clerk understands, with what to do next."""
        if isinstance(exc, ElectionFileError):
            return exc.message(self.lang)
        if isinstance(exc, DefinitionRefused):
            return "\n".join(p.message(self.lang) for p in exc.problems if not p.warning)
        if isinstance(exc, Cancelled):
            return self.t("已取消，未做任何改动。", "Cancelled; nothing was changed.")
        zh_en = getattr(exc, "zh", None), getattr(exc, "en", None)
        if isinstance(zh_en[0], str) and isinstance(zh_en[1], str):
            return self.t(zh_en[0], zh_en[1])
        detail = f"{type(exc).__name__}: {exc}"
        if job is not None and job.error_details:
            sys.stderr.write(job.error_details)
        return QCoreApplication.translate(
            "AppContext",
            "发生了意外错误，操作没有完成，选举文件未被改动。\n"
            "请把下面这行告诉技术支持人员：\n{detail}",
        ).format(detail=detail)
