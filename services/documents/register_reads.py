"""What documents read from the worker register: new participants, counts on a date.

Both honour the clerk's kecamatan limit (on PostgreSQL row-level security
enforces it too). Counting is done by the database, grouped, never row by row.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from sqlalchemy import ColumnElement, func, or_, select
from sqlalchemy.orm import Session

from models import Occupation, Worker
from models.enums import FundingSource, WorkerStatus
from services.permissions import Principal


@dataclass(frozen=True, slots=True)
class NewParticipant:
    full_name: str
    nik: str
    birth_date: date
    village_code: str
    kecamatan_code: str
    occupation: str


def utc_day_start(day: date) -> datetime:
    """The first moment of the clerk's own calendar day, in UTC (as timestamps are stored)."""
    return datetime.combine(day, time.min).astimezone().astimezone(UTC)


def _scope(principal: Principal | None) -> list[ColumnElement[bool]]:
    if principal is not None and principal.kecamatan_codes:
        return [Worker.kecamatan_code.in_(sorted(principal.kecamatan_codes))]
    return []


def new_participants(
    session: Session,
    principal: Principal | None,
    registered_from: date,
    registered_to: date,
    kecamatan_code: str | None = None,
    village_code: str | None = None,
) -> list[NewParticipant]:
    """Active workers entered in the register between the two days (inclusive)."""
    conditions = [
        Worker.created_at >= utc_day_start(registered_from),
        Worker.created_at < utc_day_start(registered_to + timedelta(days=1)),
        Worker.status == WorkerStatus.ACTIVE,
        *_scope(principal),
    ]
    if village_code:
        conditions.append(Worker.village_code == village_code)
    elif kecamatan_code:
        conditions.append(Worker.kecamatan_code == kecamatan_code)
    rows = session.execute(
        select(
            Worker.full_name,
            Worker.nik,
            Worker.birth_date,
            Worker.village_code,
            Worker.kecamatan_code,
            Occupation.name,
        )
        .join(Occupation, Occupation.id == Worker.occupation_id)
        .where(*conditions)
        .order_by(Worker.kecamatan_code, Worker.village_code, Worker.name_key, Worker.id)
    ).all()
    return [NewParticipant(*row) for row in rows]


def covered_on(day: date) -> list[ColumnElement[bool]]:
    """In the register on that day: entered by its end and not yet left (inactive or
    deceased only from the status date on; a status without a date counts from now)."""
    left_later = (Worker.status_date.is_not(None)) & (Worker.status_date > day)
    return [
        Worker.created_at < utc_day_start(day + timedelta(days=1)),
        or_(Worker.status == WorkerStatus.ACTIVE, left_later),
    ]


def counts_on(
    session: Session, principal: Principal | None, day: date
) -> dict[tuple[str, FundingSource], int]:
    """Workers in the register on ``day``, by (kecamatan code, funding source)."""
    rows: list[Any] = session.execute(
        select(Worker.kecamatan_code, Worker.funding, func.count())
        .where(*covered_on(day), *_scope(principal))
        .group_by(Worker.kecamatan_code, Worker.funding)
    ).all()
    return {(code, FundingSource(funding)): int(count) for code, funding, count in rows}
