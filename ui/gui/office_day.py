"""The office's day for widgets that hold no AppContext (the date field's calendar, the month
and year pickers): that of the register the GUI opened last (``AppContext.create`` says
which) while its screens live, else that of the catalogue's default district, as
``office_zone`` before the set-up.

Screens that hold the AppContext ask it (``app.office_today()``); this is only for the
small widgets built in dozens of places, so that none falls back on the workstation's clock.
"""

from __future__ import annotations

import weakref
from datetime import date
from typing import Protocol

from services.core.errors import SiRentanError
from services.core.office_time import DISTRICT_KEY, office_now, zone_of_region
from services.settings.catalog import DEFAULTS


class OfficeClock(Protocol):
    """What the AppContext offers (not imported: it imports this module)."""

    def office_today(self) -> date: ...


# Weak: a closed window's register (its engine) is not kept alive for a widget's sake.
_register: list[weakref.ref[OfficeClock]] = []


def follow_register(app: OfficeClock) -> None:
    """The register whose office the widgets' "today" is from now on."""
    _register[:] = [weakref.ref(app)]


def office_today() -> date:
    app = _register[0]() if _register else None
    if app is not None:
        try:
            return app.office_today()
        except SiRentanError:
            # The register is away (its zone is kept for a minute only): a calendar still
            # opens, on the default district's day, and the screen says what is wrong.
            pass
    return office_now(zone_of_region(DEFAULTS[DISTRICT_KEY])).date()
