"""The office's day for widgets that hold no AppContext (the date field's calendar, the month
and year pickers): that of the register the GUI opened last (``AppContext.create`` says
which), else that of the catalogue's default district, as ``office_zone`` before the set-up.

Screens that hold the AppContext ask it (``app.office_today()``); this is only for the
small widgets built in dozens of places, so that none falls back on the workstation's clock.
"""

from __future__ import annotations

from datetime import date

from services.core.context import ServiceContext
from services.core.office_time import DISTRICT_KEY, office_now, office_today_of, zone_of_region
from services.settings.catalog import DEFAULTS

_register: list[ServiceContext] = []


def follow_register(ctx: ServiceContext) -> None:
    """The register whose office the widgets' "today" is from now on."""
    _register[:] = [ctx]


def office_today() -> date:
    if _register:
        return office_today_of(_register[0])
    return office_now(zone_of_region(DEFAULTS[DISTRICT_KEY])).date()
