"""The one way the GUI runs slow work: off the GUI thread, answered on it, one failure path.

Like Anki's ``aqt.operations``, a call site is one line::

    self.tasks.run(lambda: list_claims(ctx, query), self._loaded, self.banner)
    self.tasks.run_cancellable("Memeriksa", lambda progress, cancel: ..., done, failed)

- Every screen owns a :class:`Tasks` (a child QObject): its jobs run one at a time, so a
  slow database is not asked twice at once by one screen, on one pool shared by the app
  (idle threads expire; nothing is created per screen beyond a queue).
- ``run_cancellable`` hands the job the services' ``progress(stage, done, total)`` and
  ``cancel()`` (services.core.progress); ``progressed``/``busy_changed`` feed a
  :class:`~ui.gui.widgets.progress_strip.ProgressStrip`, whose "Batal" calls ``cancel``.
- Failure: a database that is away asks "Coba lagi" and runs the same job again (unless the
  call site says ``retry=False``, e.g. when the screen offers its own way to reload); any
  other expected error goes to ``failed`` (a callable, or a banner that shows its Indonesian
  message); a bug goes to the application's error hook, which logs types and lines, never
  messages, and apologises in Indonesian. No traceback reaches the clerk.
- A job whose screen was deleted before it finished is dropped on arrival: nothing of the
  closed window is touched.

Services open a session per call and the engine is shared safely between threads, so a call
may run in the pool as it is. Widgets are touched only in the callbacks, on the GUI thread.
"""

from __future__ import annotations

import sys
import threading
import time
from collections import deque
from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import QCoreApplication, QObject, QRunnable, QThreadPool, Signal
from PySide6.QtWidgets import QWidget

from services.core.errors import DatabaseUnavailableError, SiRentanError
from services.core.progress import Cancel, CancelledError, Progress
from ui.gui.retry import ask_retry
from ui.gui.signals import emit
from ui.gui.widgets.notice_banner import NoticeBanner, Tone

Done = Callable[[Any], None]
Failed = Callable[[SiRentanError], None]
Settle = Callable[[], None]
# A cancellable job gets the progress and cancel callbacks the services take.
CancellableWork = Callable[[Progress, Cancel], Any]

# Threads beyond this wait for a free one; a queue uses at most one at a time.
MAX_THREADS = 16
IDLE_THREAD_MS = 30_000
# Progress reaches the screen at most this often (and always at a new stage or the end):
# a service may report every sheet or chunk, far faster than anyone reads a bar.
PROGRESS_EVERY_S = 0.1


def _nothing() -> None:
    pass


class _Relay(QObject):
    """Lives on the GUI thread for the application's life, so a pool thread can always
    emit on it: emitting on a screen's own object could meet it half deleted."""

    finished = Signal(object, object, object)  # job, result, error
    progressed = Signal(object, str, int, int)  # job, stage, done, total

    def __init__(self, parent: QObject | None) -> None:
        super().__init__(parent)
        # Slots of this object, so Qt queues them to its (the GUI) thread.
        self.finished.connect(self._finished)
        self.progressed.connect(self._progressed)

    def _finished(self, job: _Job, result: Any, error: BaseException | None) -> None:
        if shiboken6.isValid(job.tasks):
            job.tasks._deliver(job, result, error)

    def _progressed(self, job: _Job, stage: str, done: int, total: int) -> None:
        if shiboken6.isValid(job.tasks) and job is job.tasks._current:
            emit(job.tasks.progressed, stage, done, total)


_shared: tuple[QThreadPool, _Relay] | None = None


def _pool_and_relay() -> tuple[QThreadPool, _Relay]:
    """The application's pool and relay, made on first use (on the GUI thread)."""
    global _shared
    if _shared is None or not shiboken6.isValid(_shared[1]):
        app = QCoreApplication.instance()
        pool = QThreadPool(app)
        pool.setMaxThreadCount(MAX_THREADS)
        pool.setExpiryTimeout(IDLE_THREAD_MS)
        _shared = (pool, _Relay(app))
    return _shared


def wait_for_all(msecs: int = -1) -> bool:
    """Block until every job of every screen has ended (sign-out, quit, end of a test):
    Qt must not delete a screen while a job of its is still running."""
    return _shared is None or _shared[0].waitForDone(msecs)


class _Job:
    def __init__(
        self,
        tasks: Tasks,
        work: Callable[[_Job], Any],
        done: Done,
        failed: Failed,
        settle: Settle,
        wanted: Callable[[], bool],
        retry: bool,
    ) -> None:
        self.tasks, self.work, self.done, self.failed = tasks, work, done, failed
        self.settle, self.wanted, self.retry = settle, wanted, retry
        self.stop = threading.Event()
        self.relay = _pool_and_relay()[1]
        self._shown: tuple[str, float] | None = None  # last stage shown, and when

    def execute(self) -> None:
        """On a pool thread."""
        if not self.wanted():
            return  # the clerk moved on before the job's turn came
        try:
            result, error = self.work(self), None
        except BaseException as caught:  # handed to the GUI thread, never lost here
            result, error = None, caught
        emit(self.relay.finished, self, result, error)

    def report(self, stage: str, done: int, total: int) -> None:
        """The services' ``progress``, called on the pool thread."""
        now = time.monotonic()
        shown = self._shown
        at_end = 0 < total <= done
        recent = shown is not None and shown[0] == stage and now - shown[1] < PROGRESS_EVERY_S
        if recent and not at_end:
            return
        self._shown = (stage, now)
        emit(self.relay.progressed, self, stage, done, total)


class _Line(QRunnable):
    """Runs a queue's jobs in order on one pool thread, then ends."""

    def __init__(self, tasks: Tasks) -> None:
        super().__init__()
        self._tasks = tasks

    def run(self) -> None:
        while (job := self._tasks._next()) is not None:
            job.execute()


class Tasks(QObject):
    """The slow jobs of one screen (its parent), one at a time."""

    progressed = Signal(str, int, int)  # stage, done, total (total 0: not known yet)
    busy_changed = Signal(bool)  # a cancellable job started or ended

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._lock = threading.Lock()
        self._idle = threading.Condition(self._lock)
        self._pending: deque[_Job] = deque()
        self._running = False
        self._current: _Job | None = None  # the cancellable job the strip follows
        self.busy = False

    def run(
        self,
        work: Callable[[], Any],
        done: Done,
        failed: Failed | NoticeBanner,
        *,
        settle: Settle = _nothing,
        wanted: Callable[[], bool] = lambda: True,
        retry: bool = True,
    ) -> None:
        """``work()`` in the background, then ``done(result)`` on the GUI thread.

        ``failed`` gets an expected error (or is a banner that shows it). ``settle`` runs
        first whatever the outcome (result, error, bug), so the caller gives the clerk
        their buttons back in one place. ``wanted`` is asked on the pool thread just
        before the job starts (plain values only)."""
        self._queue(_Job(self, lambda _job: work(), done, _failure(failed), settle, wanted, retry))

    def run_cancellable(
        self,
        stage: str,
        work: CancellableWork,
        done: Done,
        failed: Failed | NoticeBanner,
        *,
        retry: bool = True,
    ) -> None:
        """``work(progress, cancel)``; the screen is busy until it ends (``busy_changed``)."""

        def call(job: _Job) -> Any:
            return work(job.report, job.stop.is_set)

        job = _Job(self, call, done, _failure(failed), _nothing, lambda: True, retry)
        self._current = job
        self._set_busy(True)
        emit(self.progressed, stage, 0, 0)
        self._queue(job)

    def cancel(self) -> None:
        """Ask the running cancellable job to stop at its next check."""
        if self._current is not None:
            self._current.stop.set()

    @property
    def cancelling(self) -> bool:
        return self.busy and self._current is not None and self._current.stop.is_set()

    def wait(self, msecs: int = -1) -> bool:
        """Block until this screen's queue is empty (closing the screen, tests)."""
        with self._idle:
            return self._idle.wait_for(
                lambda: not self._running, None if msecs < 0 else msecs / 1000
            )

    # -- pool side -------------------------------------------------------------------------

    def _queue(self, job: _Job) -> None:
        with self._lock:
            self._pending.append(job)
            if self._running:
                return
            self._running = True
        _pool_and_relay()[0].start(_Line(self))

    def _next(self) -> _Job | None:
        with self._lock:
            if self._pending:
                return self._pending.popleft()
            self._running = False
            self._idle.notify_all()
            return None

    # -- GUI side --------------------------------------------------------------------------

    def _deliver(self, job: _Job, result: Any, error: BaseException | None) -> None:
        if (
            isinstance(error, DatabaseUnavailableError)
            and job.retry
            and ask_retry(self._window(), error)
        ):
            job.stop.clear()
            self._queue(job)  # the same job again; the screen stays busy
            return
        self._end(job)
        job.settle()
        if error is None:
            job.done(result)
        elif isinstance(error, SiRentanError):
            job.failed(error)
        else:
            # A bug: the application's hook logs its stack (types and lines, no messages,
            # since they may carry a NIK) and apologises in Indonesian.
            sys.excepthook(type(error), error, error.__traceback__)

    def _end(self, job: _Job) -> None:
        if job is self._current:
            self._current = None
            self._set_busy(False)

    def _set_busy(self, busy: bool) -> None:
        if busy != self.busy:
            self.busy = busy
            emit(self.busy_changed, busy)

    def _window(self) -> QWidget | None:
        owner = self.parent()
        return owner.window() if isinstance(owner, QWidget) else None


def _failure(failed: Failed | NoticeBanner) -> Failed:
    if isinstance(failed, NoticeBanner):
        return lambda error: show_failure(failed, error)
    return failed


def show_failure(banner: NoticeBanner, error: SiRentanError) -> None:
    """An expected error in a banner: a stop the clerk asked for is news, not a fault."""
    banner.show_message(
        error.message, Tone.INFO if isinstance(error, CancelledError) else Tone.ERROR
    )
