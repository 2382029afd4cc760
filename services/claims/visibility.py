"""What a clerk may read of a claim. A viewer's database role may select only the public
columns (migration 0006); the services read the same columns on SQLite, so both engines
show a viewer the same claim: no health details, free texts, heirs' NIKs or accounts.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Column

from services.core.context import ServiceContext

# Mirrors CLAIM_PUBLIC, CLAIM_HEIR_PUBLIC and CLAIM_DOCUMENT_PUBLIC in migration 0006
# (and estimated_benefit, granted in 0008; the heirs' married_at_death and arranged_funeral,
# granted in 0010).
CLAIM_PUBLIC = frozenset(
    [
        "id",
        "worker_id",
        "claim_type",
        "status",
        "status_since",
        "event_date",
        "event_time",
        "event_place",
        "accident_context",
        "traffic_accident",
        "jkk_outcome",
        "death_date",
        "reported_income",
        "first_report_at",
        "report_deadline_at",
        "eligible",
        "ineligible_reason",
        "estimated_benefit",
        "submitted_on",
        "letter_number",
        "letter_date",
        "decided_on",
        "paid_on",
        "paid_amount",
        "paid_to_name",
        "created_at",
        "created_by",
        "updated_at",
        "updated_by",
        "version",
    ]
)
HEIR_PUBLIC = frozenset(
    [
        "id",
        "claim_id",
        "heir_id",
        "full_name",
        "relation",
        "birth_date",
        "education_level",
        "married_at_death",
        "arranged_funeral",
        "created_at",
        "updated_at",
    ]
)
DOCUMENT_PUBLIC = frozenset(
    [
        "id",
        "claim_id",
        "item_code",
        "received",
        "received_on",
        "content_type",
        "file_size",
        "attached_at",
        "updated_at",
    ]
)


def columns(model: Any, public: frozenset[str], masked: bool) -> list[Column[Any]]:
    return [c for c in model.__table__.columns if not masked or c.name in public]


def value(row: Any, name: str) -> Any:
    """A column of a row read with ``columns`` (None when hidden from this clerk), or of a
    claim loaded whole for a write."""
    mapping = getattr(row, "_mapping", None)
    return getattr(row, name) if mapping is None else mapping.get(name)


def masked(ctx: ServiceContext) -> bool:
    return ctx.principal is not None and ctx.principal.masks_identity
