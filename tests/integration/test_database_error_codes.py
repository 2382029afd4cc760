"""Database failures are told apart by code, never by their (localised, versioned) message:
SQLite's extended result codes and PostgreSQL's SQLSTATEs (services/core/database_errors.py,
unit_of_work.translate_database_error). Each mapped failure is made for real here, on the
engine that has it, and must reach the clerk as the message for it."""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from sqlalchemy import exc as sa_exc
from sqlalchemy import insert, text
from sqlalchemy.engine import make_url

from models import Setting
from models.database import make_engine
from models.enums import Role
from services.core.context import ServiceContext
from services.core.database_errors import (
    PG_INSUFFICIENT_PRIVILEGE,
    PG_LOCK_NOT_AVAILABLE,
    PG_NUMERIC_OUT_OF_RANGE,
    PG_QUERY_CANCELED,
    PG_UNIQUE_VIOLATION,
    SQLITE_BUSY,
    SQLITE_CONSTRAINT_PRIMARYKEY,
    SQLITE_READONLY,
    is_unique_violation,
    sqlite_code,
    sqlite_extended_code,
    sqlstate,
)
from services.core.errors import DatabaseUnavailableError, ValidationError
from services.core.permissions import PermissionDeniedError
from services.core.unit_of_work import translate_database_error, unit_of_work
from tests.conftest import OPERATOR
from tests.integration.trust_helpers import clerk, first_admin
from tests.logfail import ExpectLog

pg_only = pytest.mark.parametrize(
    "database_url", [pytest.param("postgresql", marks=pytest.mark.postgres)], indirect=True
)
sqlite_only = pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)


def _cause(error: BaseException) -> BaseException:
    """The database's own error under the clerk's message."""
    assert error.__cause__ is not None
    return error.__cause__


def _setting_twice(ctx: ServiceContext) -> sa_exc.IntegrityError:
    row = {"key": "office.name", "value": "Dinas"}
    with pytest.raises(sa_exc.IntegrityError) as caught, ctx.engine.begin() as conn:
        conn.execute(insert(Setting.__table__), row)
        conn.execute(insert(Setting.__table__), row)
    return caught.value


def test_a_unique_clash_is_known_by_its_code(ctx: ServiceContext) -> None:
    error = _setting_twice(ctx)
    assert is_unique_violation(error)
    if ctx.is_sqlite:
        assert sqlite_extended_code(error) == SQLITE_CONSTRAINT_PRIMARYKEY
    else:
        assert sqlstate(error) == PG_UNIQUE_VIOLATION
    # The services turn their own constraints into messages: not translated here.
    assert translate_database_error(error, ctx) is None


def test_a_not_null_refusal_is_no_unique_clash(ctx: ServiceContext) -> None:
    with pytest.raises(sa_exc.IntegrityError) as caught, ctx.engine.begin() as conn:
        conn.execute(insert(Setting.__table__), {"key": "office.name", "value": None})
    assert not is_unique_violation(caught.value)
    assert translate_database_error(caught.value, ctx) is None


@contextmanager
def _sqlite_write_lock(url: str) -> Iterator[None]:
    holder = sqlite3.connect(make_url(url).database or "", isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        yield
    finally:
        holder.execute("ROLLBACK")
        holder.close()


@sqlite_only
def test_sqlite_busy_past_the_timeout_is_the_busy_message(
    database_url: str, expect_log: ExpectLog
) -> None:
    waiting = ServiceContext.for_engine(make_engine(database_url, busy_timeout_s=0.1), OPERATOR)
    try:
        with (
            expect_log(logging.ERROR, "SQLite error 5 on"),
            _sqlite_write_lock(database_url),
            pytest.raises(DatabaseUnavailableError) as caught,
            unit_of_work(waiting) as session,
        ):
            session.execute(text("DELETE FROM setting"))
        assert sqlite_code(_cause(caught.value)) == SQLITE_BUSY
        assert "dipakai menulis oleh komputer lain" in str(caught.value)
    finally:
        waiting.engine.dispose()


@sqlite_only
def test_sqlite_read_only_is_named(ctx: ServiceContext, expect_log: ExpectLog) -> None:
    with (
        expect_log(logging.ERROR, "SQLite error 8 on"),
        pytest.raises(DatabaseUnavailableError) as caught,
        unit_of_work(ctx) as session,
    ):
        session.execute(text("PRAGMA query_only = ON"))
        try:
            session.execute(text("DELETE FROM setting"))
        finally:
            session.execute(text("PRAGMA query_only = OFF"))
    assert sqlite_code(_cause(caught.value)) == SQLITE_READONLY
    assert "hanya dapat dibaca" in str(caught.value)


@pg_only
def test_postgresql_lock_wait_is_the_lock_message(
    ctx: ServiceContext, expect_log: ExpectLog
) -> None:
    with ctx.engine.connect() as holder, expect_log(logging.WARNING, "lock wait"):
        holder.execute(text("LOCK TABLE setting IN ACCESS EXCLUSIVE MODE"))
        with pytest.raises(DatabaseUnavailableError) as caught, unit_of_work(ctx) as session:
            session.execute(text("SET LOCAL lock_timeout = '100ms'"))
            session.execute(text("DELETE FROM setting"))
        holder.rollback()
    assert sqlstate(_cause(caught.value)) == PG_LOCK_NOT_AVAILABLE
    assert "Workstation lain sedang menyimpan" in str(caught.value)


@pg_only
def test_postgresql_statement_timeout_is_the_lock_message(
    ctx: ServiceContext, expect_log: ExpectLog
) -> None:
    with (
        expect_log(logging.WARNING, "statement timeout (57014)"),
        pytest.raises(DatabaseUnavailableError) as caught,
        unit_of_work(ctx) as session,
    ):
        session.execute(text("SET LOCAL statement_timeout = '50ms'"))
        session.execute(text("SELECT pg_sleep(2)"))
    assert sqlstate(_cause(caught.value)) == PG_QUERY_CANCELED
    assert "Workstation lain sedang menyimpan" in str(caught.value)


@pg_only
def test_postgresql_number_out_of_range_is_a_clerk_problem(ctx: ServiceContext) -> None:
    with pytest.raises(ValidationError) as caught, unit_of_work(ctx) as session:
        session.execute(text("SELECT CAST(2147483647 AS integer) + 1"))
    assert sqlstate(_cause(caught.value)) == PG_NUMERIC_OUT_OF_RANGE
    assert caught.value.problems[0].code == "out_of_range"


@pg_only
def test_postgresql_refuses_a_clerk_role_by_sqlstate(
    ctx: ServiceContext, database_url: str, expect_log: ExpectLog
) -> None:
    admin = first_admin(ctx, database_url)
    viewer = clerk(admin, database_url, "pengamat", Role.VIEWER)
    try:
        with (
            expect_log(logging.WARNING, "database refused an action"),
            pytest.raises(PermissionDeniedError) as caught,
            unit_of_work(viewer) as session,
        ):
            session.execute(text("DELETE FROM audit_log"))
        assert sqlstate(_cause(caught.value)) == PG_INSUFFICIENT_PRIVILEGE
        assert "menolak tindakan ini untuk akun Anda" in str(caught.value)
    finally:
        viewer.engine.dispose()
        admin.engine.dispose()
