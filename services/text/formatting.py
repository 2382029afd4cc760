"""Dates and numbers the Indonesian way, through Babel."""

from __future__ import annotations

from datetime import date

from babel.dates import format_date

LOCALE = "id_ID"


def long_date(value: date | None) -> str:
    """ "7 Juli 2025" (no leading zero), or "-" when unknown."""
    if value is None:
        return "-"
    return format_date(value, "d MMMM y", locale=LOCALE)


def short_date(value: date | None) -> str:
    """ "07-07-2025", the form clerks type and read in tables."""
    if value is None:
        return ""
    return value.strftime("%d-%m-%Y")
