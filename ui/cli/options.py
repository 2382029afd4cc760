"""Option values typed on the command line: dates, bounded numbers, and what messages quote.

Every option that takes a date parses it here, so ``--date 2025-02-30`` answers
the same Indonesian sentence on every command ("tanggal 30-02-2025 tidak ada").
Numbers have bounds that fit the register, so ``--limit -1`` or a count of
eleven digits is refused instead of running without end. A message quotes at
most a short excerpt of what was typed.
"""

from __future__ import annotations

import argparse
import re
from collections.abc import Callable
from datetime import date, datetime, time

from services.text.figures import thousands

EXCERPT_LIMIT = 40
# Row ids are 32-bit integers on PostgreSQL; a larger number can name no record.
MAX_ID = 2_147_483_647
# Rupiah amounts: far above any district budget, inside a 64-bit column.
MAX_RUPIAH = 10**15

_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_DAY_FIRST = re.compile(r"(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})")


def excerpt(text: str, limit: int = EXCERPT_LIMIT) -> str:
    """What the clerk typed, cut to a readable length and without unprintable characters."""
    clean = "".join(ch if ch.isprintable() else "?" for ch in text)
    return clean if len(clean) <= limit else clean[: limit - 1] + "…"


def parse_cli_date(text: str) -> date:
    """YYYY-MM-DD or DD-MM-YYYY (also with / or .); an impossible day is named as such."""
    stripped = text.strip()
    iso, day_first = _ISO.fullmatch(stripped), _DAY_FIRST.fullmatch(stripped)
    if iso:
        year, month, day = (int(g) for g in iso.groups())
    elif day_first:
        day, month, year = (int(g) for g in day_first.groups())
    else:
        raise argparse.ArgumentTypeError(
            f"tanggal '{excerpt(text)}' tidak dikenali; tulis YYYY-MM-DD atau DD-MM-YYYY, "
            "misalnya 2025-07-31 atau 31-07-2025"
        )
    try:
        return date(year, month, day)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"tanggal {day:02d}-{month:02d}-{year:04d} tidak ada; periksa hari dan bulannya"
        ) from None


def parse_cli_time(text: str) -> time:
    """JJ:MM, a clock time of the office."""
    try:
        return datetime.strptime(text.strip(), "%H:%M").time()
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"jam '{excerpt(text)}' tidak dikenali; tulis JJ:MM"
        ) from None


def parse_cli_moment(text: str) -> datetime:
    """A date as parse_cli_date reads it, a space, and JJ:MM."""
    day, _, clock = text.strip().rpartition(" ")
    if not day:
        raise argparse.ArgumentTypeError(
            f"'{excerpt(text)}' tidak dikenali; tulis 'YYYY-MM-DD JJ:MM'"
        )
    return datetime.combine(parse_cli_date(day), parse_cli_time(clock))


def bounded_int(low: int, high: int, what: str = "angka") -> Callable[[str], int]:
    """An argparse type: a whole number from ``low`` to ``high``."""

    def parse(text: str) -> int:
        try:
            value = int(text.strip().replace(".", "").replace("_", ""))
        except ValueError:
            raise argparse.ArgumentTypeError(
                f"{what} '{excerpt(text)}' bukan bilangan bulat"
            ) from None
        if not low <= value <= high:
            raise argparse.ArgumentTypeError(
                f"{what} {excerpt(text)} di luar batas: {thousands(low)} sampai {thousands(high)}"
            )
        return value

    parse.__name__ = what  # argparse names the type in its own messages
    return parse


record_id = bounded_int(1, MAX_ID, "nomor")
year = bounded_int(2000, 2100, "tahun")
