"""What an update would change in a registered worker, in words a clerk reads."""

from __future__ import annotations

from datetime import date
from enum import Enum
from typing import Any

from models.enums import FundingSource, Gender
from services.excel_import.row_check import CheckedRow
from services.excel_import.types import FieldChange
from services.text.labels import FUNDING, GENDER, WORKER_FIELDS
from services.workers.regions import RegionDirectory

# Compared in this order; name_key and kecamatan_code follow full_name and village_code.
COMPARED = (
    "full_name",
    "kk_number",
    "birth_place",
    "birth_date",
    "gender",
    "address",
    "rt",
    "rw",
    "village_code",
    "occupation_id",
    "phone",
    "kpj",
    "funding",
    "coverage_start",
)
_LABELS = WORKER_FIELDS | {"occupation_id": "Pekerjaan"}


def change_list(
    row: CheckedRow, registered: Any, regions: RegionDirectory, occupations: dict[int, str]
) -> list[FieldChange]:
    values = row.values or {}
    changes = []
    for name in COMPARED:
        if name not in row.given:
            continue
        new, old = values[name], getattr(registered, name)
        if _same(new, old):
            continue
        changes.append(
            FieldChange(
                name,
                _LABELS[name],
                _shown(name, old, regions, occupations),
                _shown(name, new, regions, occupations),
            )
        )
    return changes


def _same(new: Any, old: Any) -> bool:
    if isinstance(new, Enum) or isinstance(old, Enum):
        return _plain(new) == _plain(old)
    return new == old


def _plain(value: Any) -> Any:
    return value.value if isinstance(value, Enum) else value


def _shown(name: str, value: Any, regions: RegionDirectory, occupations: dict[int, str]) -> str:
    if value is None:
        return ""
    if name == "village_code":
        item = regions.get(value)
        return item.label if item else str(value)
    if name == "occupation_id":
        return occupations.get(value, str(value))
    if name == "gender":
        return GENDER[Gender(_plain(value))]
    if name == "funding":
        return FUNDING[FundingSource(_plain(value))]
    if isinstance(value, date):
        return value.strftime("%d-%m-%Y")
    return str(value)
