"""Declarative base shared by every table, with named constraints from the start.

Named constraints let Alembic's batch mode alter SQLite tables and drop the
same constraint on PostgreSQL with one migration history.
"""

from __future__ import annotations

from datetime import UTC, datetime
from enum import Enum as PyEnum
from typing import TYPE_CHECKING, Annotated, ClassVar

from sqlalchemy import DateTime, Enum, MetaData, String, Table
from sqlalchemy.orm import DeclarativeBase, mapped_column

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


# Table info for tables the migrations seed with reference data (regions,
# occupations, rate tables): the tests' cleanup between tests leaves them alone.
REFERENCE = {"reference": True}


def utc_now() -> datetime:
    return datetime.now(UTC)


def number_text(length: int) -> String:
    """Identity numbers (NIK, KPJ) as text: they can start with 0 and exceed what a
    float keeps. On PostgreSQL the "C" collation makes their prefix ranges byte
    comparisons, which the search's range counts need to be fast."""
    return String(length).with_variant(String(length, collation="C"), "postgresql")


Digits16 = Annotated[str, mapped_column(number_text(16))]
Timestamp = Annotated[datetime, mapped_column(DateTime(timezone=True), default=utc_now)]


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    if TYPE_CHECKING:
        # Every model here is mapped to a real Table (no mapped selects), so say so:
        # SQLAlchemy's own annotation is the wider FromClause.
        __table__: ClassVar[Table]


def code_enum(enum_cls: type[PyEnum], name: str) -> Enum:
    # Stored as the enum's value in a VARCHAR with a CHECK constraint: no native
    # PostgreSQL enum types to migrate, the same column on both engines.
    return Enum(
        enum_cls,
        name=name,
        native_enum=False,
        create_constraint=True,
        length=16,
        values_callable=lambda e: [m.value for m in e],
        validate_strings=True,
    )
