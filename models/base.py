"""Declarative base shared by every table, with named constraints from the start.

Named constraints let Alembic's batch mode alter SQLite tables and drop the
same constraint on PostgreSQL with one migration history.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated

from sqlalchemy import DateTime, MetaData, String
from sqlalchemy.orm import DeclarativeBase, mapped_column

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def utc_now() -> datetime:
    return datetime.now(UTC)


# Identity numbers are text: NIK, KK, KPJ and phone numbers can start with 0
# and exceed what a float keeps, so they are never stored as integers.
Digits16 = Annotated[str, mapped_column(String(16))]
Timestamp = Annotated[datetime, mapped_column(DateTime(timezone=True), default=utc_now)]


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)
