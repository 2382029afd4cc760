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

The same holds for the calendar: every default day ("today": the front desk's check, a
status or letter date, the month a premium form starts on, a report's state, a file name's
date) is the office's day, ``office_today``, never the workstation's ``date.today()``
(tests/unit/test_architecture.py refuses that outside this module). At 23.30 WITA a laptop
on Jakarta time already says the office's day; at 00.30 WITA it still says yesterday.

The zone is read once a minute per open register, not on every call: the front desk asks on
each lookup and the read costs about a tenth of a millisecond (a query, or a round trip on
PostgreSQL). A district written through this process drops what was kept at once, and the
session that wrote it reads its own value; one written from another workstation is seen
within a minute (``ZONE_KEPT_FOR``). The district is chosen at the set-up and hardly changes.
"""

from __future__ import annotations

import time
from datetime import UTC, date, datetime, timedelta, timezone, tzinfo
from typing import TYPE_CHECKING, Any
from weakref import WeakKeyDictionary

from sqlalchemy import Connection, Engine, event, select
from sqlalchemy.orm import Mapper, Session, object_session

from models import Setting
from services.settings.catalog import DEFAULTS

if TYPE_CHECKING:
    from services.core.context import ServiceContext

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


# How long a read of the district is trusted (see the module's docstring).
ZONE_KEPT_FOR = 60.0
# Per engine, not per database: each test (and each reopened register) has an engine of its
# own, so a register emptied and reused with another district is never answered from here.
_zones: WeakKeyDictionary[Engine, tuple[float, timezone]] = WeakKeyDictionary()
_WROTE_DISTRICT = "sirentan.office_time.wrote_district"


def office_zone(session: Session) -> timezone:
    """The office's zone, from the district chosen in the set-up (the catalogue's default
    district until then), read in the caller's transaction when not read in the last
    minute."""
    if session.info.get(_WROTE_DISTRICT):
        return _read_zone(session)  # its own district, not yet committed for anyone else
    bind = session.get_bind()
    engine = bind.engine if isinstance(bind, Connection) else bind
    kept = _zones.get(engine)
    now = time.monotonic()
    if kept is not None and now - kept[0] < ZONE_KEPT_FOR:
        return kept[1]
    zone = _read_zone(session)
    _zones[engine] = (now, zone)
    return zone


def office_zone_of(ctx: ServiceContext) -> timezone:
    """``office_zone`` for a caller without a session (the GUI, the CLI): a session is
    opened only when the zone is not known from the last minute."""
    kept = _zones.get(ctx.engine)
    if kept is not None and time.monotonic() - kept[0] < ZONE_KEPT_FOR:
        return kept[1]
    from services.core.unit_of_work import read_session  # it imports what imports this

    with read_session(ctx) as session:
        return office_zone(session)


def office_today(session: Session) -> date:
    """The office's calendar day now: every "today" of the services, in the caller's
    session (no query when the zone is known)."""
    return office_now(office_zone(session)).date()


def office_today_of(ctx: ServiceContext) -> date:
    """``office_today`` for the GUI and the CLI, which hold a context, not a session."""
    return office_now(office_zone_of(ctx)).date()


def office_now(zone: tzinfo) -> datetime:
    """Now, on the office's clock."""
    return datetime.now(zone)


def forget_office_zone() -> None:
    """Read the district again at the next ask (a district was written, or a test says so)."""
    _zones.clear()


def _read_zone(session: Session) -> timezone:
    # Not flushing the caller's pending changes: asking the day must not write them early.
    with session.no_autoflush:
        code = session.scalar(select(Setting.value).where(Setting.key == DISTRICT_KEY))
    return zone_of_region(code or DEFAULTS[DISTRICT_KEY])


def _district_written(_mapper: Mapper[Any], _conn: Connection, target: Setting) -> None:
    """Any ORM write of the district (the set-up, settings, a test) in this process."""
    if target.key != DISTRICT_KEY:
        return
    forget_office_zone()
    session = object_session(target)
    if session is not None and not session.info.get(_WROTE_DISTRICT):
        session.info[_WROTE_DISTRICT] = True
        # Another session may have read the old district between this flush and the commit.
        event.listen(session, "after_commit", _committed, once=True)
        event.listen(session, "after_rollback", _committed, once=True)


def _committed(session: Session) -> None:
    session.info.pop(_WROTE_DISTRICT, None)
    forget_office_zone()


for _kind in ("after_insert", "after_update", "after_delete"):
    event.listen(Setting, _kind, _district_written)
