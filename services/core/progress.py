"""How a long service job reports progress and is stopped: one shape for every job.

A job takes ``progress(stage, done, total)`` and ``cancel()`` and calls both
between chunks (a sheet of cards, a thousand rows). ``stage`` is a short
Indonesian label for a progress bar; ``total`` 0 means "not known yet".
``cancel`` is asked, never told (e.g. ``threading.Event.is_set``), so a job
stops only where stopping leaves nothing half done, and says so with
:class:`CancelledError`.
"""

from __future__ import annotations

from collections.abc import Callable

from services.core.errors import SiRentanError

Progress = Callable[[str, int, int], None]
Cancel = Callable[[], bool]


class CancelledError(SiRentanError):
    """The clerk stopped the job; the message says what was (not) kept."""

    def __init__(self, message: str = "Dibatalkan; tidak ada yang diubah.") -> None:
        super().__init__(message)


def check_cancel(cancel: Cancel | None, message: str) -> None:
    """Raise :class:`CancelledError` with ``message`` when the clerk asked to stop."""
    if cancel is not None and cancel():
        raise CancelledError(message)
