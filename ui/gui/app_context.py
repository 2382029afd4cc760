"""What every screen of the GUI gets: the open register's services and the event board."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, tzinfo
from pathlib import Path

from services.core.context import ServiceContext
from services.core.office_time import office_today_of
from services.core.permissions import Permission, Principal
from services.settings.store import SettingsService
from services.workers.regions import RegionDirectory
from services.workers.service import WorkerService
from ui.gui.app_events import AppEvents
from ui.gui.office_day import follow_register


@dataclass(slots=True, weakref_slot=True)
class AppContext:
    ctx: ServiceContext
    regions: RegionDirectory
    workers: WorkerService
    events: AppEvents
    log_path: Path | None = None

    @classmethod
    def create(cls, ctx: ServiceContext, log_path: Path | None = None) -> AppContext:
        # Regions are loaded once here and shared, so no screen queries them again.
        regions = RegionDirectory(ctx)
        app = cls(ctx, regions, WorkerService(ctx, regions), AppEvents(), log_path)
        follow_register(app)  # the date and month widgets' "today"
        return app

    @property
    def principal(self) -> Principal | None:
        return self.ctx.principal

    def can(self, permission: Permission) -> bool:
        """Whether to offer an action; the service still checks when it is used."""
        principal = self.ctx.principal
        return principal is not None and principal.can(permission)

    def office_zone(self) -> tzinfo:
        """The office's clock (WIB/WITA/WIT), read when asked: the district may change."""
        return SettingsService(self.ctx).office_zone()

    def office_today(self) -> date:
        """The office's day: the default of every date and month a screen offers."""
        return office_today_of(self.ctx)

    @property
    def masks_identity(self) -> bool:
        principal = self.ctx.principal
        return principal is None or principal.masks_identity
