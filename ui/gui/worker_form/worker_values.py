"""One field of a worker input as the clerk reads it: labels for codes, dd-mm-yyyy dates."""

from __future__ import annotations

from datetime import date
from enum import Enum
from typing import Any

from services.text.labels import FUNDING, GENDER, HEIR_RELATION, WORKER_FIELDS
from services.workers.types import HeirInput
from ui.gui.app_context import AppContext

FIELD_LABELS = {**WORKER_FIELDS, "heirs": "Ahli waris"}
EMPTY = "(kosong)"


def field_label(name: str) -> str:
    return FIELD_LABELS.get(name, name)


def field_value(app: AppContext, name: str, value: Any) -> str:
    if value is None or value == "" or value == []:
        return EMPTY
    if name == "heirs":
        return "; ".join(_heir(h) for h in value)
    if name == "village_code":
        item = app.regions.get(value)
        return item.label if item else str(value)
    if name == "occupation_code":
        return next((o.name for o in app.workers.occupations() if o.code == value), str(value))
    if isinstance(value, date):
        return value.strftime("%d-%m-%Y")
    labels: dict[Any, str] = {**GENDER, **FUNDING}
    if isinstance(value, Enum):
        return labels.get(value, str(value.value))
    return str(value)


def _heir(heir: HeirInput) -> str:
    relation = HEIR_RELATION.get(heir.relation) if heir.relation else None
    return f"{heir.full_name} ({relation})" if relation else heir.full_name
