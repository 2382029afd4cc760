"""The log check of tests/logfail.py sees what it must, and lets a declared warning through."""

from __future__ import annotations

import logging
import re
import sys

import pytest

from tests.logfail import ExpectLog, LogFailHandler

log = logging.getLogger("services.test_logfail")


def _record(level: int, message: str, *args: object) -> logging.LogRecord:
    return log.makeRecord(log.name, level, __file__, 1, message, args, None)


def test_a_warning_is_unexpected_and_info_is_not() -> None:
    handler = LogFailHandler()
    handler.emit(_record(logging.INFO, "register opened"))
    handler.emit(_record(logging.WARNING, "daily backup not made: %s", "OSError"))
    assert [r.getMessage() for r in handler.unexpected] == ["daily backup not made: OSError"]
    assert handler.personal == []


@pytest.mark.parametrize("level", [logging.DEBUG, logging.INFO, logging.ERROR])
def test_a_sixteen_digit_run_is_personal_at_any_level(level: int) -> None:
    handler = LogFailHandler()
    handler.emit(_record(level, "worker %s saved", "3201011203900001"))
    handler.emit(_record(level, "worker %s saved", "12345678901234567"))  # 17 digits: not a NIK
    handler.emit(_record(level, "rows 1234567890"))
    assert [r.getMessage() for r in handler.personal] == ["worker 3201011203900001 saved"]


def test_a_sixteen_digit_run_in_a_traceback_is_personal() -> None:
    handler = LogFailHandler()
    try:
        raise ValueError("NIK 3201011203900001 sudah terdaftar")
    except ValueError:
        record = log.makeRecord(log.name, logging.ERROR, __file__, 1, "failed", (), sys.exc_info())
    handler.emit(record)
    assert handler.personal == [record]


def test_expect_log_lets_the_declared_warning_through(expect_log: ExpectLog) -> None:
    with expect_log(logging.WARNING, "backup not made") as seen:
        log.warning("daily backup not made: %s", "OSError")
    assert len(seen) == 1


def test_expect_log_fails_when_nothing_was_logged(expect_log: ExpectLog) -> None:
    expecting = expect_log(logging.WARNING, "backup not made")
    with pytest.raises(pytest.fail.Exception, match="backup not made"), expecting:
        log.info("daily backup made")


def test_expect_log_takes_a_pattern_and_higher_levels(expect_log: ExpectLog) -> None:
    with expect_log(logging.WARNING, re.compile(r"failed its check|SQLite error 11")) as seen:
        log.error("SQLite error 11 on SQLite: register.db")
    assert [r.levelno for r in seen] == [logging.ERROR]


def test_only_a_record_declared_personal_may_hold_a_nik(expect_log: ExpectLog) -> None:
    from tests.logfail import _handler

    with expect_log(logging.ERROR, "unexpected error", personal=True):
        log.error("unexpected error: Key (nik)=(3201011203900001) already exists")
    assert _handler.personal == []
    with expect_log(logging.WARNING, "duplicate"):
        log.warning("duplicate NIK 3201011203900001")
    assert len(_handler.personal) == 1
    _handler.personal.clear()  # seen: this test's own record, not a leak
