"""Two clerks on one database, and a database that is busy or gone."""

from __future__ import annotations

import logging
import sqlite3
from dataclasses import replace

import pytest
from sqlalchemy.engine import make_url

from models.database import make_engine
from services.core.context import ServiceContext
from services.core.errors import ConflictError, DatabaseUnavailableError
from services.workers.regions import RegionDirectory
from services.workers.service import WorkerService
from services.workers.types import WorkerQuery
from tests.conftest import OPERATOR
from tests.factories import worker_input
from tests.logfail import ExpectLog
from tests.present import present


def _second_clerk(ctx: ServiceContext, **engine_options: float) -> WorkerService:
    other = ServiceContext.for_engine(
        make_engine(ctx.engine.url.render_as_string(hide_password=False), **engine_options),
        principal=replace(OPERATOR, username="petugas2"),
    )
    return WorkerService(other, RegionDirectory(other))


def test_second_save_of_the_same_version_is_a_conflict(
    ctx: ServiceContext, workers: WorkerService
) -> None:
    opened = workers.create(worker_input(1)).worker
    clerk_b = _second_clerk(ctx)
    seen_by_b = clerk_b.get(opened.id)
    clerk_b.update(
        opened.id, replace(seen_by_b.to_input(), phone="081311112222"), seen_by_b.version
    )
    with pytest.raises(ConflictError) as caught:
        workers.update(opened.id, replace(opened.to_input(), address="Jl. Baru"), opened.version)
    assert "petugas2" in caught.value.message
    final = workers.get(opened.id)
    assert (final.phone, final.address) == ("081311112222", "Jl. Sonbai")
    assert final.updated_by == "petugas2"
    clerk_b._ctx.engine.dispose()


def test_locked_sqlite_file_gives_a_plain_message_and_stores_nothing(
    sqlite_ctx: ServiceContext, expect_log: ExpectLog
) -> None:
    path = make_url(str(sqlite_ctx.engine.url)).database
    blocker = sqlite3.connect(present(path), isolation_level=None)
    blocker.execute("BEGIN IMMEDIATE")  # another workstation holds the write lock
    try:
        impatient = _second_clerk(sqlite_ctx, busy_timeout_s=0.2)
        with (
            expect_log(logging.ERROR, "SQLite error 5 on"),
            pytest.raises(DatabaseUnavailableError) as caught,
        ):
            impatient.create(worker_input(1))
        assert "Data Anda belum disimpan" in caught.value.message
    finally:
        blocker.execute("ROLLBACK")
        blocker.close()
    assert WorkerService(sqlite_ctx).search(WorkerQuery()).total == 0


def test_unreachable_server_is_a_plain_message(expect_log: ExpectLog) -> None:
    ctx = ServiceContext.for_engine(make_engine("postgresql://nobody@127.0.0.1:1/none"))
    with (
        expect_log(logging.ERROR, "database unavailable (PostgreSQL: 127.0.0.1:1/none)"),
        pytest.raises(DatabaseUnavailableError) as caught,
    ):
        WorkerService(ctx)
    assert "tidak dapat dihubungi" in caught.value.message
    assert "nobody" not in caught.value.message


@pytest.mark.postgres
@pytest.mark.parametrize("database_url", ["postgresql"], indirect=True)
def test_a_dropped_server_connection_is_replaced_on_the_next_action(
    ctx: ServiceContext, workers: WorkerService
) -> None:
    created = workers.create(worker_input(1)).worker
    with ctx.engine.connect() as conn:
        pid = conn.exec_driver_sql("SELECT pg_backend_pid()").scalar()
    admin = make_engine(ctx.engine.url.set(database="postgres"), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.exec_driver_sql(f"SELECT pg_terminate_backend({int(present(pid))})")
    admin.dispose()
    # The pooled connection is dead; pre-ping notices and the clerk's action goes through.
    assert workers.get(created.id).nik == created.nik
