"""Dates and numbers the Indonesian way, through Babel."""

from __future__ import annotations

from datetime import date
from functools import cache

from babel.dates import get_month_names

LOCALE = "id_ID"


@cache
def _months() -> dict[int, str]:
    # Loaded on first use, not at import: start-up need not read the locale data.
    names = get_month_names("wide", "format", locale=LOCALE)
    return {month: str(names[month]) for month in range(1, 13)}


def long_date(value: date | None) -> str:
    """ "7 Juli 2025" (no leading zero), or "-" when unknown."""
    if value is None:
        return "-"
    # Babel's "d MMMM y" spelled out with its month names: formatting through Babel parses
    # the pattern and the locale on every call, and a batch of cards writes thousands of
    # distinct birth dates.
    return f"{value.day} {_months()[value.month]} {value.year}"


def short_date(value: date | None) -> str:
    """ "07-07-2025", the form clerks type and read in tables."""
    if value is None:
        return ""
    return value.strftime("%d-%m-%Y")
