"""The one helper that runs long or writing operations off the GUI thread.

Every operation that changes an election file, and everything that may take more than a blink
(opening a file, imports, printing, rendering a preview, verifying), is a plain function
``fn(ctx: JobContext) -> result`` submitted to the :class:`Worker`. The worker owns ONE thread;
jobs run one after another, so database writes are serialized (Anki's rule). Results, errors
and progress come back to the GUI thread as Qt signals on a :class:`Job` handle.

NEVER TOUCH WIDGETS FROM THE WORKER: a job function runs on the worker thread; it may use
``ctx.db`` (the worker's own SQLite connection — one connection per thread), files and the app
layer, and report through ``ctx.progress``. Everything it wants shown goes back as its return
value (or an exception) and is shown by the slots connected to the job's signals, which run on
the GUI thread.
"""

from __future__ import annotations

import queue
import threading
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Qt, QThread, Signal, Slot

from huanjie_desktop.storage.db import ElectionDB, open_election_file

_PROGRESS_INTERVAL_S = 0.05  # at most 20 progress updates a second reach the GUI thread


class Cancelled(Exception):
    """The operator pressed Cancel; the job stopped at a safe point (nothing half-written)."""


class NoFileError(Exception):
    """A job asked for ``ctx.db`` but was submitted without an election file."""


@dataclass
class JobContext:
    """What a job function gets. It lives on the worker thread: never touch widgets here."""

    name: str
    cancel_event: threading.Event
    _report: Callable[[int, int, str], None]
    _open_db: Callable[[], ElectionDB]
    _db: ElectionDB | None = field(default=None, init=False)

    @property
    def db(self) -> ElectionDB:
        """The worker thread's own connection to the job's election file (opened lazily)."""
        if self._db is None:
            self._db = self._open_db()
        return self._db

    @property
    def cancelled(self) -> bool:
        return self.cancel_event.is_set()

    def check_cancelled(self) -> None:
        """Call between steps: raises :class:`Cancelled` when the operator pressed Cancel."""
        if self.cancel_event.is_set():
            raise Cancelled(self.name)

    def progress(self, done: int, total: int = 0, text: str = "") -> None:
        """Report progress (``total`` 0: unknown). Cheap to call often: it is throttled."""
        self._report(done, total, text)


JobFn = Callable[[JobContext], Any]


class Job(QObject):
    """The GUI thread's handle on one submitted job. Its signals arrive on the GUI thread.

    Exactly one of ``succeeded``, ``failed`` or ``cancelled`` is emitted, then ``finished``.
    """

    progress = Signal(int, int, str)
    succeeded = Signal(object)
    failed = Signal(object)  # the exception; ``error_details`` holds the traceback text
    cancelled = Signal()
    finished = Signal()

    def __init__(self, name: str, path: Path | None, operator: str, fn: JobFn) -> None:
        super().__init__()
        self.name = name
        self.path = path
        self.operator = operator
        self.fn = fn
        self.cancel_event = threading.Event()
        self.done = False
        self.result: Any = None
        self.error: BaseException | None = None
        self.error_details = ""
        self.was_cancelled = False

    def cancel(self) -> None:
        """Ask the job to stop at its next ``check_cancelled``; safe from the GUI thread."""
        self.cancel_event.set()


_STOP = object()


class _WorkerThread(QThread):
    """The thread itself. Its ``run`` loop is the only code that executes jobs."""

    def __init__(self, owner: Worker) -> None:
        super().__init__()
        self._owner = owner
        self.jobs: queue.Queue[Any] = queue.Queue()
        # Connections used by jobs; created, used and closed on this thread only.
        self._dbs: dict[Path, ElectionDB] = {}

    def run(self) -> None:
        try:
            while True:
                item = self.jobs.get()
                if item is _STOP:
                    return
                if isinstance(item, tuple):  # ("forget", path): close that file's connections
                    self._close(item[1])
                    continue
                self._run_job(item)
        finally:
            self._close(None)

    def _close(self, path: Path | None) -> None:
        for key in list(self._dbs):
            if path is None or key == path:
                self._dbs.pop(key).close()

    def _db_for(self, job: Job) -> ElectionDB:
        if job.path is None:
            raise NoFileError(job.name)
        key = job.path.resolve()
        db = self._dbs.get(key)
        if db is None:
            db = open_election_file(job.path, job.operator)
            self._dbs[key] = db
        db.operator = job.operator  # the audit log records who is at the desk now
        return db

    def _run_job(self, job: Job) -> None:
        owner = self._owner
        last = [0.0]

        def report(done: int, total: int, text: str) -> None:
            now = time.monotonic()
            if done >= total > 0 or now - last[0] >= _PROGRESS_INTERVAL_S:
                last[0] = now
                owner.job_event.emit(job, "progress", (done, total, text))

        ctx = JobContext(job.name, job.cancel_event, report, lambda: self._db_for(job))
        try:
            if job.cancel_event.is_set():
                raise Cancelled(job.name)
            result = job.fn(ctx)
        except Cancelled:
            self._rollback(ctx)
            owner.job_event.emit(job, "cancelled", None)
        except Exception as exc:  # every failure goes back to the GUI thread as a value
            self._rollback(ctx)
            owner.job_event.emit(job, "failed", (exc, traceback.format_exc()))
        else:
            owner.job_event.emit(job, "succeeded", result)

    @staticmethod
    def _rollback(ctx: JobContext) -> None:
        db = ctx._db
        if db is not None and db.con.in_transaction:
            db.con.execute("ROLLBACK")


class Worker(QObject):
    """Runs jobs one at a time on its own thread; see the module docstring for the rules."""

    job_event = Signal(object, str, object)  # emitted on the worker thread, delivered queued
    busy_changed = Signal(bool)
    job_started = Signal(object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pending: list[Job] = []  # submitted, not finished (kept alive here)
        self.job_event.connect(self._deliver, Qt.ConnectionType.QueuedConnection)
        self._thread = _WorkerThread(self)
        self._thread.setObjectName("huanjie-worker")
        self._thread.start()
        self._stopped = False

    def submit(self, name: str, fn: JobFn, *, path: Path | None = None, operator: str = "") -> Job:
        """Queue ``fn`` to run on the worker thread; returns the job's handle at once.

        ``path``: the election file whose connection ``ctx.db`` opens (the worker's own).
        ``operator``: the name the audit log records for what the job writes.
        """
        if self._stopped:
            raise RuntimeError("the worker was shut down")
        job = Job(name, path, operator, fn)
        was_idle = not self._pending
        self._pending.append(job)
        self._thread.jobs.put(job)
        if was_idle:
            self.busy_changed.emit(True)
        self.job_started.emit(job)
        return job

    def forget_file(self, path: Path) -> None:
        """Close the worker's connection to ``path`` (after the jobs queued before)."""
        if not self._stopped:
            self._thread.jobs.put(("forget", path.resolve()))

    @property
    def accepting(self) -> bool:
        """False once shut down: nothing more can be submitted."""
        return not self._stopped

    @property
    def busy(self) -> bool:
        return bool(self._pending)

    def pending(self) -> list[Job]:
        return list(self._pending)

    def cancel_all(self) -> None:
        for job in self._pending:
            job.cancel()

    def is_running(self) -> bool:
        return self._thread.isRunning()

    def shutdown(self, timeout_ms: int = 30000) -> bool:
        """Cancel what is queued, let the running job reach a safe point, stop the thread.

        Returns False if the thread did not stop in time (it is then left to finish).
        """
        if self._stopped:
            return True
        self._stopped = True
        self.cancel_all()
        self._thread.jobs.put(_STOP)
        return self._thread.wait(timeout_ms)

    @Slot(object, str, object)
    def _deliver(self, job: Job, kind: str, payload: Any) -> None:
        """Runs on the GUI thread: update the handle and emit its signals."""
        if kind == "progress":
            done, total, text = payload
            job.progress.emit(done, total, text)
            return
        job.done = True
        if kind == "succeeded":
            job.result = payload
            job.succeeded.emit(payload)
        elif kind == "failed":
            job.error, job.error_details = payload
            job.failed.emit(job.error)
        else:
            job.was_cancelled = True
            job.cancelled.emit()
        if job in self._pending:
            self._pending.remove(job)
        job.finished.emit()
        if not self._pending:
            self.busy_changed.emit(False)
