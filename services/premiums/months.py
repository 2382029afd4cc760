"""Calendar months, the unit premiums are computed, billed and paid in."""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date

from babel.dates import get_month_names

from services.core.errors import SiRentanError
from services.text.formatting import LOCALE

# The same Babel data as every other date the app writes ("Juli 2025").
MONTH_NAMES = tuple(get_month_names("wide", locale=LOCALE)[m] for m in range(1, 13))
_TEXT = re.compile(r"^\s*(\d{4})\s*[-/.]\s*(\d{1,2})\s*$")


@dataclass(frozen=True, slots=True, order=True)
class Month:
    year: int
    month: int

    def __post_init__(self) -> None:
        if not 1 <= self.month <= 12 or not 1900 <= self.year <= 2999:
            raise SiRentanError(f"Bulan {self.year}-{self.month:02d} tidak ada.")

    @classmethod
    def of(cls, day: date) -> Month:
        return cls(day.year, day.month)

    @classmethod
    def parse(cls, text: str) -> Month:
        """ "2026-07" (also 2026/7, 2026.07); anything else is refused with the form to use."""
        match = _TEXT.match(text or "")
        if match is None:
            raise SiRentanError(f"Bulan '{text}' tidak dapat dibaca; tulis seperti 2026-07.")
        return cls(int(match[1]), int(match[2]))

    @property
    def first_day(self) -> date:
        return date(self.year, self.month, 1)

    @property
    def last_day(self) -> date:
        return date(self.year, self.month, calendar.monthrange(self.year, self.month)[1])

    def shift(self, months: int) -> Month:
        index = self.year * 12 + self.month - 1 + months
        return Month(index // 12, index % 12 + 1)

    @property
    def label(self) -> str:
        """ "Juli 2026"."""
        return f"{MONTH_NAMES[self.month - 1]} {self.year}"

    @property
    def code(self) -> str:
        """ "2026-07", as typed on the command line."""
        return f"{self.year:04d}-{self.month:02d}"

    def __str__(self) -> str:
        return self.code


def months_of_year(year: int) -> list[Month]:
    return [Month(year, m) for m in range(1, 13)]


def months_between(first: Month, last: Month) -> list[Month]:
    """Every month from ``first`` to ``last``, both included."""
    count = (last.year - first.year) * 12 + last.month - first.month
    return [first.shift(i) for i in range(count + 1)]


@dataclass(frozen=True, slots=True)
class Period:
    """A run of whole months, as a report asks for it: one month or one year."""

    first: Month
    last: Month

    @classmethod
    def parse(cls, text: str) -> Period:
        """ "2026-07" (that month) or "2026" (that year)."""
        value = (text or "").strip()
        if value.isdigit() and len(value) == 4:
            return cls.year(int(value))
        month = Month.parse(value)
        return cls(month, month)

    @classmethod
    def year(cls, year: int) -> Period:
        return cls(Month(year, 1), Month(year, 12))

    @property
    def label(self) -> str:
        """ "Juli 2026", "Tahun 2026" or "Januari 2026 s.d. Juni 2026"."""
        if self.first == self.last:
            return self.first.label
        if (self.first.month, self.last.month) == (1, 12) and self.first.year == self.last.year:
            return f"Tahun {self.first.year}"
        return f"{self.first.label} s.d. {self.last.label}"
