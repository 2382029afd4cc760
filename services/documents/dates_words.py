"""Dates the way Indonesian official documents write them.

Day and month names come from Babel's ``id_ID`` data (Senin … Minggu, Januari
… Desember; the tests pin them); numbers in words from ``terbilang``.
"""

from __future__ import annotations

from datetime import date

from babel.dates import format_date

from services.text.formatting import LOCALE, long_date
from services.text.terbilang import terbilang

_ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII")


def place_and_date(place: str, day: date) -> str:
    """ "Kefamenanu, 7 Juli 2025" (no leading zero), the line above a letter."""
    return f"{place}, {long_date(day)}"


def day_name(day: date) -> str:
    return format_date(day, "EEEE", locale=LOCALE)


def month_name(day: date) -> str:
    return format_date(day, "MMMM", locale=LOCALE)


def month_year(day: date) -> str:
    """ "Juli 2025", a billing period."""
    return format_date(day, "MMMM y", locale=LOCALE)


def date_in_words(day: date) -> str:
    """ "Senin tanggal tujuh bulan Juli tahun dua ribu dua puluh lima", for an agreement's
    opening ("Pada hari ini …")."""
    return (
        f"{day_name(day)} tanggal {terbilang(day.day)} bulan {month_name(day)} "
        f"tahun {terbilang(day.year)}"
    )


def roman_month(month: int) -> str:
    """ "VII" for July: the month in letter numbers."""
    if not 1 <= month <= 12:
        raise ValueError(f"month {month} out of range")
    return _ROMAN[month - 1]


def month_start_after(day: date, months: int) -> date:
    """The first day of the month ``months`` after ``day``'s month."""
    index = day.year * 12 + day.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)
