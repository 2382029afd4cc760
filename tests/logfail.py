"""A test fails when SiRentan logs a warning it did not expect, or a NIK-long number at all.

Modelled on qutebrowser's tests/helpers/logfail.py: a warning in the log is a defect or a
handled failure, and a test that provokes one on purpose says so, so that one logged by normal
operation is seen instead of scrolling past. Declare it with the `expect_log` fixture:

    with expect_log(logging.WARNING, "daily backup not made"):
        ...

(records at that level or above whose message holds the fragment; at least one must come)

or request `caplog` and assert on the records yourself (the test then owns its log).

Whatever the test declares, a record holding a run of 16 digits (a NIK, a No. KK) fails it:
personal data never goes to a log (the file's formatter redacts, but a record is also seen by
every other handler).

Each pytest process (every xdist worker) installs its own handler in `install`.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager

import pytest

# A NIK or No. KK: 16 digits not part of a longer number.
_SIXTEEN_DIGITS = re.compile(r"(?<!\d)\d{16}(?!\d)")
# SiRentan's own loggers (module names, and the crash logger's "sirentan.*"): their INFO
# records are checked for personal data too. Libraries stay at their level (SQLAlchemy at
# INFO would log every statement with its parameters).
_APP_LOGGERS = ("services", "models", "ui", "sirentan", "main")

# expect_log(level, fragment, personal=False)
ExpectLog = Callable[..., AbstractContextManager[list[logging.LogRecord]]]


class _Expectation:
    def __init__(self, level: int, fragment: str | re.Pattern[str], personal: bool) -> None:
        self.level = level
        self.fragment = fragment
        self.personal = personal
        self.matched: list[logging.LogRecord] = []

    def claims(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        if isinstance(self.fragment, str):
            found = self.fragment in message
        else:
            found = self.fragment.search(message) is not None
        if record.levelno >= self.level and found:
            self.matched.append(record)
            return True
        return False


class LogFailHandler(logging.Handler):
    """Keeps the current test's records: unexpected warnings and personal data."""

    def __init__(self) -> None:
        super().__init__(logging.NOTSET)
        self.unexpected: list[logging.LogRecord] = []
        self.personal: list[logging.LogRecord] = []
        self.expectations: list[_Expectation] = []

    def reset(self) -> None:
        self.unexpected, self.personal, self.expectations = [], [], []

    def emit(self, record: logging.LogRecord) -> None:
        claimed = [e for e in self.expectations if e.claims(record)]
        if _SIXTEEN_DIGITS.search(_full_text(record)) and not any(e.personal for e in claimed):
            self.personal.append(record)
        if record.levelno >= logging.WARNING and not claimed:
            self.unexpected.append(record)


def _full_text(record: logging.LogRecord) -> str:
    text = record.getMessage()
    if record.exc_info and record.exc_info[1] is not None:
        text += "\n" + logging.Formatter().formatException(record.exc_info)
    return text


_handler = LogFailHandler()


def install() -> None:
    """Called from pytest_configure in every process."""
    root = logging.getLogger()
    if _handler not in root.handlers:
        root.addHandler(_handler)
    for name in _APP_LOGGERS:
        logger = logging.getLogger(name)
        if logger.level == logging.NOTSET:
            logger.setLevel(logging.INFO)


def _describe(records: list[logging.LogRecord]) -> str:
    return "\n".join(
        f"  {r.levelname} {r.name} ({r.pathname}:{r.lineno}): {r.getMessage()[:300]}"
        for r in records
    )


@pytest.fixture(autouse=True)
def _logfail(request: pytest.FixtureRequest) -> Iterator[None]:
    _handler.reset()
    yield
    personal, unexpected = _handler.personal, _handler.unexpected
    _handler.reset()
    if personal:
        pytest.fail("a log record holds a 16-digit number (NIK/KK?):\n" + _describe(personal))
    # A test that asks for caplog reads its own log and answers for it.
    if unexpected and "caplog" not in request.fixturenames:
        pytest.fail(
            "unexpected warning in the log (declare it with expect_log if the test provokes "
            "it on purpose):\n" + _describe(unexpected)
        )


@pytest.fixture
def expect_log() -> ExpectLog:
    """`with expect_log(level, fragment):` — the block must log that, and may.

    Every record at `level` or above whose message holds `fragment` (a string, or a compiled
    pattern where one of two failures may come first) is declared; at least one must come.
    `personal=True` lets those records hold a NIK: only for a test proving the log file's
    redaction, which needs personal data in the record to prove anything.
    """

    @contextmanager
    def expecting(
        level: int, fragment: str | re.Pattern[str], personal: bool = False
    ) -> Iterator[list[logging.LogRecord]]:
        expectation = _Expectation(level, fragment, personal)
        _handler.expectations.append(expectation)
        try:
            yield expectation.matched
        finally:
            _handler.expectations.remove(expectation)
        if not expectation.matched:
            pytest.fail(f"expected a {logging.getLevelName(level)} log matching {fragment!r}")

    return expecting
