"""How numbers and moments read on screen: the Indonesian way, without loading Babel for a
count. Moments come from services/office_time.py, the one place that puts a stored UTC
moment on the office's clock (WIB/WITA/WIT) with the zone's name."""

from __future__ import annotations

from datetime import date, datetime, tzinfo

from services.core.office_time import moment_text, shown_on
from services.text.figures import thousands

__all__ = ["count_label", "local_date", "local_time", "moment_text", "thousands"]


def count_label(value: int, noun: str = "peserta") -> str:
    return f"{thousands(value)} {noun}"


def local_date(moment: datetime, zone: tzinfo | None = None) -> date:
    """The office's calendar day of a moment: on ``zone``'s clock, else on the moment's own
    (the services hand moments out on the office's clock)."""
    return shown_on(moment, zone).date()


def local_time(moment: datetime, zone: tzinfo | None = None) -> str:
    """ "24-11-2026 19.04.05 WITA": to the second, as the audit trail is read."""
    return moment_text(moment, zone, seconds=True)
