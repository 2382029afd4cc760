"""The paper sizes a document may be printed on, and the office's default (a setting)."""

from __future__ import annotations

from services import documents as docs
from services.core.context import ServiceContext
from services.settings.store import SettingsService

PAGE_SIZES = {docs.PageSize.A4: "A4 (210 × 297 mm)", docs.PageSize.F4: "F4 / folio (215 × 330 mm)"}


def page_size_default(ctx: ServiceContext) -> docs.PageSize:
    """documents.page_size; a value the app does not know falls back to A4 (the service
    says what is wrong with the setting when it renders)."""
    value = SettingsService(ctx).get("documents.page_size").strip().lower()
    return docs.PageSize(value) if value in set(docs.PageSize) else docs.PageSize.A4
