"""A small register with hand-countable coverage, and clerks for the premium tests."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from typing import Any

import pytest
from sqlalchemy import text

from models.enums import FundingSource, Gender, Role, WorkerStatus
from services.core.context import ServiceContext
from services.core.permissions import Principal
from services.settings.store import SettingsService
from services.workers.service import WorkerService
from tests.factories import worker_input

ADMIN = Principal(user_id=0, username="admin1", full_name="Admin Satu", role=Role.ADMIN)
VIEWER = Principal(user_id=0, username="pengamat1", full_name="Pengamat", role=Role.VIEWER)

SEEDED_FROM = "2021-04-01"


def as_clerk(ctx: ServiceContext, principal: Principal) -> ServiceContext:
    return ServiceContext(ctx.engine, ctx.session_factory, principal)


@pytest.fixture
def restore_rates(ctx: ServiceContext) -> Iterator[None]:
    """Rates are reference data the cleanup keeps: put the seeded rows back after a test."""
    yield
    with ctx.engine.begin() as conn:
        conn.execute(
            text("DELETE FROM premium_rate WHERE valid_from <> :seeded"), {"seeded": SEEDED_FROM}
        )
        conn.execute(text("UPDATE premium_rate SET jkk = 10000, jkm = 6800"))


def set_rule(ctx: ServiceContext, rule: str) -> None:
    SettingsService(as_clerk(ctx, ADMIN)).set("premium.partial_month", rule)


@dataclass(frozen=True)
class Edge:
    """Worker ids of the edge-month register (see edge_register)."""

    from_first: int
    from_31st: int
    died_15_march: int
    ended_june: int
    province: int


def add_worker(
    ctx: ServiceContext,
    serial: int,
    start: date | None,
    end: date | None = None,
    funding: FundingSource = FundingSource.APBD_KABUPATEN,
    **changes: Any,
) -> int:
    data = worker_input(serial, coverage_start=start, coverage_end=end, funding=funding, **changes)
    return WorkerService(ctx).create(data).worker.id


def end_worker(ctx: ServiceContext, worker_id: int, status: WorkerStatus, day: date) -> None:
    service = WorkerService(ctx)
    version = service.get(worker_id).version
    service.change_status(worker_id, status, version, reason="pindah", status_date=day)


def edge_register(ctx: ServiceContext) -> Edge:
    """2025: joins on 1 January and on 31 January, a death on 15 March, coverage ending
    30 June (all APBD Kabupaten), and one APBD Provinsi worker from 1 January."""
    first = add_worker(ctx, 1, date(2025, 1, 1))
    late = add_worker(ctx, 2, date(2025, 1, 31))
    died = add_worker(ctx, 3, date(2025, 1, 1))
    end_worker(ctx, died, WorkerStatus.DECEASED, date(2025, 3, 15))
    ended = add_worker(ctx, 4, date(2024, 12, 1), date(2025, 6, 30))
    province = add_worker(
        ctx,
        5,
        date(2025, 1, 1),
        funding=FundingSource.APBD_PROVINSI,
        gender=Gender.MALE,
    )
    return Edge(first, late, died, ended, province)
