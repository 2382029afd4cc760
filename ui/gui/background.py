"""Slow service calls off the GUI thread, with the answer handed back on the GUI thread.

Services open a session per call and the engine is shared safely between
threads, so a call may run in the pool as it is. Widgets are touched only in
the callbacks, which Qt runs on the GUI thread.
"""

from __future__ import annotations

import contextlib
import weakref
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from services.core.errors import SiRentanError
from ui.gui.signals import emit

Done = Callable[[Any], None]
Failed = Callable[[SiRentanError], None]
Settle = Callable[[], None]


def _nothing() -> None:
    pass


# Every queue, so a closing window (and each GUI test) can let all running jobs end
# before Qt destroys their pools: a pool destroyed with a job still running blocks
# the GUI thread, and with it the job, on the interpreter lock.
_QUEUES: weakref.WeakSet[Background] = weakref.WeakSet()


def wait_for_all(msecs: int = -1) -> None:
    for queue in list(_QUEUES):
        # A queue whose widget is already gone took its pool with it.
        with contextlib.suppress(RuntimeError):
            queue.wait(msecs)


class _Relay(QObject):
    # Emitted from a pool thread; Qt queues it to the thread the relay lives in.
    finished = Signal(object, object, object, object)  # done, failed+settle, result, error


class _Job(QRunnable):
    def __init__(
        self,
        relay: _Relay,
        work: Callable[[], Any],
        done: Done,
        failed: tuple[Failed, Settle],
        wanted: Callable[[], bool],
    ) -> None:
        super().__init__()
        self._relay, self._work, self._done, self._failed = relay, work, done, failed
        self._wanted = wanted

    def run(self) -> None:
        if not self._wanted():
            return  # the clerk moved on before the job's turn came
        try:
            result, error = self._work(), None
        except BaseException as caught:  # handed to the GUI thread, never lost here
            result, error = None, caught
        emit(self._relay.finished, self._done, self._failed, result, error)


class Background(QObject):
    """One queue of jobs (one at a time, so a slow database is not asked twice at once)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._relay = _Relay(self)
        self._relay.finished.connect(self._deliver)
        _QUEUES.add(self)

    def submit(
        self,
        work: Callable[[], Any],
        done: Done,
        failed: Failed,
        wanted: Callable[[], bool] = lambda: True,
        settle: Settle = _nothing,
    ) -> None:
        """``settle`` runs before a bug is handed to the error hook, so the caller can
        give the clerk their buttons back; done and failed handle everything else."""
        self._pool.start(_Job(self._relay, work, done, (failed, settle), wanted))

    def wait(self, msecs: int = -1) -> bool:
        """Block until the queue is empty (closing the window, tests)."""
        return self._pool.waitForDone(msecs)

    def _deliver(
        self,
        done: Done,
        failed: tuple[Failed, Settle],
        result: Any,
        error: BaseException | None,
    ) -> None:
        if error is None:
            done(result)
        elif isinstance(error, SiRentanError):
            failed[0](error)
        else:
            failed[1]()
            raise error  # a bug: the global error hook logs it and apologises
