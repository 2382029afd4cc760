"""The office's clock: Indonesia's three time zones, chosen by the district's province.

Times a clerk types (the hour of an accident, the first report) are on the office's own
clock, and the JKK report deadline (2 × 24 hours) counts from them; a Medan office types
WIB, a Kupang office WITA, a Jayapura office WIT. The zone follows the Kemendagri province
code of the district chosen in the set-up (Keppres 41/1987: Sumatera, Jawa, Kalimantan
Barat and Tengah are WIB; Bali, Nusa Tenggara, the rest of Kalimantan and Sulawesi WITA;
Maluku and Papua WIT). None of these zones keeps summer time.

Every moment is stored in UTC, and every moment a clerk reads (the audit view, the card
print log, the letter register, the import history, the backups, the CLI) is shown on the
office's clock with the zone's name, whatever the workstation's own clock says: a laptop
left on Jakarta time in a Kupang office still shows WITA. The zones are fixed offsets, so
no time zone database is needed (Windows has none).
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone, tzinfo

from sqlalchemy import select
from sqlalchemy.orm import Session

from models import Setting
from services.settings.catalog import DEFAULTS

WIB = timezone(timedelta(hours=7), "WIB")
WITA = timezone(timedelta(hours=8), "WITA")
WIT = timezone(timedelta(hours=9), "WIT")

# Provinces on Kalimantan keep WIB in the west and centre only.
_WIB_KALIMANTAN = {"61", "62"}


def zone_of_region(code: str) -> timezone:
    """The zone of a province, kabupaten/kota or lower region code ("53.03" → WITA).

    Codes group the islands by their first digit (1 Sumatera, 3 Jawa, 5 Bali–Nusa Tenggara,
    6 Kalimantan, 7 Sulawesi, 8 Maluku, 9 Papua), so a province created later (Papua's
    93–96 in 2022) falls in its island's zone without a change here."""
    province = code.strip()[:2]
    island = province[:1]
    if island in ("1", "2", "3") or province in _WIB_KALIMANTAN:
        return WIB
    if island in ("8", "9"):
        return WIT
    return WITA


def zone_name(zone: tzinfo) -> str:
    """ "WIB", "WITA" or "WIT", as a clerk reads it after an hour."""
    return zone.tzname(None) or "WITA"


DISTRICT_KEY = "district.kabupaten_code"


def as_utc(moment: datetime) -> datetime:
    """A stored moment made aware: SQLite hands a ``DateTime(timezone=True)`` back without
    its zone, and every moment is written in UTC."""
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def on_office_clock(moment: datetime, zone: tzinfo) -> datetime:
    """A stored moment (UTC, aware or not) as the office's local time in ``zone``."""
    return as_utc(moment).astimezone(zone)


def office_date(moment: datetime, zone: tzinfo) -> date:
    """The office's calendar day of a stored moment."""
    return on_office_clock(moment, zone).date()


def moment_text(moment: datetime, zone: tzinfo | None = None, seconds: bool = False) -> str:
    """ "07-12-2026 15.42 WITA": a moment on the office's clock, with the zone's name.

    Without ``zone`` the moment is shown on its own clock (``shown_on``)."""
    local = shown_on(moment, zone)
    shown = local.strftime("%d-%m-%Y %H.%M.%S" if seconds else "%d-%m-%Y %H.%M")
    return f"{shown} {local.tzname() or 'UTC'}"


def clock_text(moment: datetime, zone: tzinfo | None = None) -> str:
    """ "15.42 WITA": the hour alone, on the office's clock."""
    local = shown_on(moment, zone)
    return f"{local:%H.%M} {local.tzname() or 'UTC'}"


def shown_on(moment: datetime, zone: tzinfo | None = None) -> datetime:
    """The moment on ``zone``'s clock, or on its own when none is given (the services hand
    moments out on the office's clock; a naive one is a stored UTC moment)."""
    if zone is not None:
        return on_office_clock(moment, zone)
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


def office_zone(session: Session) -> timezone:
    """The office's zone, from the district chosen in the set-up (the catalogue's default
    district until then), read in the caller's transaction."""
    code = session.scalar(select(Setting.value).where(Setting.key == DISTRICT_KEY))
    return zone_of_region(code or DEFAULTS[DISTRICT_KEY])
