"""What every page gets: the open election file, the operator, the worker, change notices.

The composition root (``gui.main``) makes one :class:`AppContext` and passes it down; nothing
here is global. The GUI thread has its own read connection to the open file (``ctx.db``);
every write goes through :meth:`AppContext.run`, which runs on the worker thread with the
worker's own connection (one SQLite connection per thread) and then tells the pages which
kinds of data changed.

Who is working: while the open file has no account (single-desk mode) the operator is just
a name. Once it has accounts, the operator signs in with a password (`sign_in`, run on the
worker); the resulting `accounts.Session` is ``ctx.account`` and pages pass it to the app
layer as ``operator=ctx.account`` inside their jobs, so the GUI obeys the same rights as the
CLI. An action the app layer refuses (NotAllowed) is shown in a dialog (``refused``).
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from PySide6.QtCore import QCoreApplication, QObject, QSettings, Signal

from huanjie_desktop.domain.definition import DefinitionRefused
from huanjie_desktop.domain.model import Election
from huanjie_desktop.gui.worker import Cancelled, Job, JobContext, JobFn, Worker
from huanjie_desktop.storage import repo
from huanjie_desktop.storage.db import ElectionDB, ElectionFileError, open_election_file

if TYPE_CHECKING:
    from huanjie_desktop.app.accounts import Session as Account

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
    refused = Signal(str, str)  # (title, message): the app layer refused the operator

    def __init__(
        self, worker: Worker, settings: QSettings, lang: str = "zh", operator: str = ""
    ) -> None:
        super().__init__()
        self.worker = worker
        self.settings = settings
        self.lang = lang
        self._operator = operator
        self.session: Session | None = None
        # The signed-in account for the open file (None: not signed in, or no accounts).
        self.account: Account | None = None

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
        if self.account is not None and self.account.name != self._operator:
            self.account = None  # someone else at the desk: they sign in themselves
        if self.session is not None:
            self.session.db.operator = self._operator
        self.operator_changed.emit(self._operator)

    def has_accounts(self) -> bool:
        """The open file has accounts: working on it needs a sign-in with a password."""
        from huanjie_desktop.app.accounts import has_accounts

        return self.session is not None and has_accounts(self.session.db)

    def needs_sign_in(self) -> bool:
        return self.account is None and self.has_accounts()

    def operator_label(self) -> str:
        """Who is working, as the status bar shows it: 王五（监票人）, or just the name."""
        if self.account is not None:
            return self.t(self.account.label, f"{self.account.name} ({self.account.role.en})")
        return self._operator

    def set_account(self, account: Account | None) -> None:
        """Keep the signed-in account (None: sign out); the operator becomes its name."""
        self.account = account
        if account is not None:
            self._operator = account.name
            if self.session is not None:
                self.session.db.operator = account.name
        self.operator_changed.emit(self._operator)

    def sign_in(
        self,
        name: str,
        password: str,
        *,
        on_success: Callable[[Any], None] | None = None,
        on_error: Callable[[BaseException], None] | None = None,
    ) -> Job:
        """Check ``name``'s password on the worker (failures are audited and count towards
        the lock-out); on success the account is kept and ``on_success(account)`` runs."""
        from huanjie_desktop.app.accounts import authenticate

        who = name.strip()

        def work(jc: JobContext) -> Any:
            return authenticate(jc.db, who, password)

        def signed_in(account: object) -> None:
            from huanjie_desktop.app.accounts import Session as AccountSession

            assert isinstance(account, AccountSession)
            self.set_account(account)
            if on_success is not None:
                on_success(account)

        return self.submit("sign-in", work, topics={AUDIT}, on_success=signed_in, on_error=on_error)

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
        db.settle_wait_ms = 0  # (the window never waits on the worker's readers to settle)
        self.session = Session(path, db, repo.read_election(db))
        if self.account is not None and self.account.path != str(path.resolve()):
            self.account = None
        self.remember_recent(path)
        self.file_changed.emit()

    def detach(self) -> None:
        if self.session is None:
            return
        self.worker.forget_file(self.session.path)
        self.session.db.close()
        self.session = None
        self.account = None  # a sign-in holds for one file
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
            from huanjie_desktop.app.accounts import NotAllowed

            assert isinstance(exc, BaseException)
            if isinstance(exc, NotAllowed):
                self.refused.emit(self.t("无权进行此操作", "Not allowed"), self.describe(exc))
            if on_error is not None:
                on_error(exc)
            elif not isinstance(exc, NotAllowed):
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
        from huanjie_desktop.app.accounts import NotAllowed

        if isinstance(exc, NotAllowed):
            if self.account is None and self.has_accounts():
                return self.t(
                    "本选举文件已设账户：请先在“操作员”菜单中登录（姓名和密码）。",
                    "This election file has accounts: sign in first (Operator menu, name"
                    " and password).",
                )
            what = exc.message(self.lang)
            station = self.session is not None and self.session.db.meta("role") == "station"
            if self.account is not None and not station:
                what += "\n" + self.t(
                    "请在“操作员”菜单中改由有此权限的人登录后再做。",
                    "Have someone with that right sign in (Operator menu) and do it again.",
                )
            return what
        if isinstance(exc, ElectionFileError):
            return exc.message(self.lang)
        if isinstance(exc, DefinitionRefused):
            # (a JSON path such as $.people is the command line's; a sheet and row is shown)
            return "\n".join(
                (p.message_en if self.lang == "en" else p.message_zh)
                if p.where.startswith("$")
                else p.message(self.lang)
                for p in exc.problems
                if not p.warning
            )
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
