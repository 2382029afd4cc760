"""Reading typed values out of the document forms, and back from a letter register line's stored
request (JSON: dates as "2025-07-07", amounts as "10000") when a correction starts."""

from __future__ import annotations

from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from PySide6.QtWidgets import QLineEdit

from services.core.errors import Problem
from services.text.figures import thousands
from ui.gui.widgets.date_field import DateField


def required_date(field: DateField, name: str, label: str, problems: list[Problem]) -> date | None:
    """The date typed, or a problem naming the field when it is missing or no date."""
    problem = field.problem(name, label)
    if problem is not None:
        problems.append(problem)
        return None
    value = field.value()
    if value is None:
        problems.append(Problem(f"{name}_empty", name, f"{label} wajib diisi."))
    return value


def optional_date(field: DateField, name: str, label: str, problems: list[Problem]) -> date | None:
    problem = field.problem(name, label)
    if problem is not None:
        problems.append(problem)
    return field.value()


def money(edit: QLineEdit, name: str, label: str, problems: list[Problem]) -> Decimal | None:
    """Whole rupiah typed as "10000", "10.000" or "Rp10.000"; empty gives None (the default)."""
    text = edit.text().strip().removeprefix("Rp").removeprefix("rp").strip()
    if not text:
        return None
    cleaned = text.removesuffix(",00").replace(".", "")
    try:
        value = Decimal(cleaned)
    except InvalidOperation:
        value = Decimal(-1)
    if value < 0 or value != value.to_integral_value():
        problems.append(
            Problem(
                f"{name}_invalid",
                name,
                f'{label} "{text}" bukan jumlah rupiah utuh; tulis angka, misalnya 10000.',
            )
        )
        return None
    return value


def money_text(value: Decimal | None) -> str:
    """ "10.000" for an amount field, "" for none."""
    if value is None:
        return ""
    return thousands(int(value))


def stored_date(value: Any) -> date | None:
    return date.fromisoformat(str(value)[:10]) if value else None


def stored_amount(value: Any) -> Decimal | None:
    return Decimal(str(value)) if value not in (None, "") else None


def stored_text(data: dict[str, Any], key: str) -> str:
    value = data.get(key)
    return "" if value is None else str(value)
