"""How numbers read on screen: the Indonesian way, without loading Babel for a count."""

from __future__ import annotations

from datetime import UTC, date, datetime, tzinfo

from services.text.figures import thousands

__all__ = ["count_label", "local_date", "local_time", "moment_text", "thousands"]


def count_label(value: int, noun: str = "peserta") -> str:
    return f"{thousands(value)} {noun}"


def local_date(moment: datetime) -> date:
    """The clerk's calendar day of a stored timestamp (kept in UTC; SQLite drops the zone)."""
    aware = moment if moment.tzinfo else moment.replace(tzinfo=UTC)
    return aware.astimezone().date()


def moment_text(moment: datetime, zone: tzinfo | None = None) -> str:
    """A stored timestamp as "12-11-2025 09.30" (stored in UTC; SQLite drops the zone), on
    ``zone``'s clock, or the clerk's own when none is given."""
    aware = moment if moment.tzinfo else moment.replace(tzinfo=UTC)
    return aware.astimezone(zone).strftime("%d-%m-%Y %H.%M")


def local_time(moment: datetime) -> str:
    """ "24-11-2026 19.04" in the clerk's own zone, the way Indonesian clocks are written."""
    return moment.astimezone().strftime("%d-%m-%Y %H.%M.%S")
