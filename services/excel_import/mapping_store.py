"""Column mappings remembered per header signature, so the next file from the same
village (same headers in the same order) needs no correcting."""

from __future__ import annotations

import json

from sqlalchemy.orm import Session

from models import ImportColumnMap
from models.base import utc_now
from services.core.context import ServiceContext
from services.core.permissions import Permission
from services.core.unit_of_work import read_session, unit_of_work
from services.excel_import.headers import FIELD_LABELS, signature
from services.excel_import.types import ColumnMapping, SourceTable


def recall_mapping(ctx: ServiceContext, source: SourceTable) -> ColumnMapping | None:
    """The mapping last used for files with these headers, if any still fits."""
    ctx.require(Permission.IMPORT)
    with read_session(ctx) as session:
        stored = session.get(ImportColumnMap, signature(source.headers))
        text = stored.mapping if stored is not None else None
    if text is None:
        return None
    columns = {
        name: int(column)
        for name, column in json.loads(text).items()
        if name in FIELD_LABELS and 0 <= int(column) < source.width
    }
    return ColumnMapping(columns)


def mapping_for(ctx: ServiceContext, source: SourceTable) -> ColumnMapping:
    """The remembered mapping for these headers, else the one read from the header texts."""
    return recall_mapping(ctx, source) or source.suggested


def remember_mapping(ctx: ServiceContext, source: SourceTable, mapping: ColumnMapping) -> None:
    ctx.require(Permission.IMPORT)
    with unit_of_work(ctx) as session:
        store_mapping(session, source, mapping, ctx.user_name)


def store_mapping(
    session: Session, source: SourceTable, mapping: ColumnMapping, user_name: str | None
) -> None:
    key = signature(source.headers)
    stored = session.get(ImportColumnMap, key) or ImportColumnMap(signature=key)
    stored.headers = json.dumps(list(source.headers), ensure_ascii=False)
    stored.mapping = json.dumps(dict(sorted(mapping.columns.items())))
    stored.updated_at = utc_now()
    stored.updated_by = user_name
    session.add(stored)
