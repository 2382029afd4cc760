"""Helpers for working through thousands of rows: chunks, membership tests, cancelling."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from sqlalchemy import String, any_, bindparam
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Session
from sqlalchemy.types import ARRAY

from services.core.progress import Cancel
from services.core.progress import check_cancel as stop_if_asked
from services.excel_import.types import CANCELLED

CHUNK = 1000


def check_cancel(cancel: Cancel | None) -> None:
    stop_if_asked(cancel, CANCELLED)


def chunks(items: list[Any], size: int = CHUNK) -> Iterator[list[Any]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def member_of(column: Any, values: list[Any], on: Session | Connection) -> Any:
    """``column IN values``; on PostgreSQL one array parameter (= ANY), not one per value:
    rendering and sending a thousand parameters per chunk cost more than the query."""
    bind = on.get_bind() if isinstance(on, Session) else on
    if bind.dialect.name == "postgresql":
        return column == any_(bindparam(None, list(values), type_=ARRAY(String())))
    return column.in_(values)
