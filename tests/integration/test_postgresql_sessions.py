"""PostgreSQL sessions that die or wait: the engine's keepalives and timeouts.

A workstation that loses power keeps its session and row locks until the server
notices; the app's engine sets the server-side keepalives and ends sessions idle
inside a transaction, and a clerk who waits on another's lock longer than a few
seconds gets a message instead of a frozen window.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Iterator

import pytest
from sqlalchemy import text

from models.database import make_engine
from services.core.context import ServiceContext
from services.core.errors import DatabaseUnavailableError
from services.workers.regions import RegionDirectory
from services.workers.service import WorkerService
from tests.conftest import OPERATOR, _clear_pg_data
from tests.factories import worker_input
from tests.logfail import ExpectLog
from tests.present import present

pytestmark = pytest.mark.postgres


@pytest.fixture
def pg_ctx(pg_url: str) -> Iterator[ServiceContext]:
    _clear_pg_data(pg_url)
    context = ServiceContext.for_engine(make_engine(pg_url), principal=OPERATOR)
    yield context
    context.engine.dispose()


def test_every_session_carries_the_timeouts_and_keepalives(pg_ctx: ServiceContext) -> None:
    with pg_ctx.engine.connect() as conn:
        shown = {
            name: conn.execute(text(f"SHOW {name}")).scalar_one()
            for name in (
                "lock_timeout",
                "idle_in_transaction_session_timeout",
                "tcp_keepalives_idle",
                "tcp_keepalives_interval",
                "tcp_keepalives_count",
                "jit",
                "work_mem",
            )
        }
        keepalives = present(conn.connection.dbapi_connection).info.get_parameters()
    assert shown["lock_timeout"] == "5s"
    assert shown["idle_in_transaction_session_timeout"] == "1min"
    # Over a Unix socket the server keeps 0 (no TCP); the tests connect by TCP.
    assert (shown["tcp_keepalives_idle"], shown["tcp_keepalives_interval"]) == ("20", "5")
    assert shown["tcp_keepalives_count"] == "4"
    # Beranda's and a premium month's statements are not worth compiling.
    assert (shown["jit"], shown["work_mem"]) == ("off", "16MB")
    assert keepalives.get("keepalives_idle") == "20"


def test_a_clerk_waiting_on_a_lock_gets_a_message_after_a_few_seconds(
    pg_ctx: ServiceContext, pg_url: str, expect_log: ExpectLog
) -> None:
    service = WorkerService(pg_ctx, RegionDirectory(pg_ctx))
    saved = service.create(worker_input(1)).worker
    other = make_engine(pg_url)  # another workstation, in the middle of saving this worker
    with other.connect() as conn:
        conn.execute(text("SELECT id FROM worker WHERE id = :id FOR UPDATE"), {"id": saved.id})
        started = time.monotonic()
        with (
            expect_log(logging.WARNING, "lock wait or statement timeout"),
            pytest.raises(DatabaseUnavailableError) as caught,
        ):
            service.update(saved.id, worker_input(1, phone="081399988877"), saved.version)
        waited = time.monotonic() - started
        conn.rollback()
    other.dispose()
    assert "Workstation lain sedang menyimpan" in caught.value.message
    assert 4 <= waited < 20


def test_a_session_left_idle_in_a_transaction_frees_its_locks(
    pg_ctx: ServiceContext, pg_url: str
) -> None:
    service = WorkerService(pg_ctx, RegionDirectory(pg_ctx))
    saved = service.create(worker_input(2)).worker
    dead = make_engine(pg_url)
    conn = dead.connect()
    # The app's 60 s, shortened for the test: the workstation "dies" holding the lock.
    pid = conn.execute(text("SELECT pg_backend_pid()")).scalar_one()
    conn.execute(text("SET idle_in_transaction_session_timeout = '1s'"))
    conn.execute(text("SELECT id FROM worker WHERE id = :id FOR UPDATE"), {"id": saved.id})
    # The server ends the idle session (a bounded wait, not a fixed sleep): its row lock goes.
    deadline = time.monotonic() + 20
    while _session_alive(pg_ctx, pid) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not _session_alive(pg_ctx, pid), "the idle session was not ended by the server"
    result = service.update(saved.id, worker_input(2, phone="081399988866"), saved.version)
    assert result.worker.phone == "081399988866"
    conn.invalidate()
    dead.dispose()


def _session_alive(ctx: ServiceContext, pid: int) -> bool:
    with ctx.engine.connect() as conn:
        found = text("SELECT count(*) FROM pg_stat_activity WHERE pid = :pid")
        return bool(conn.execute(found, {"pid": pid}).scalar_one())
