"""What every screen of the GUI gets: the open register's services and the event board."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from services.context import ServiceContext
from services.regions import RegionDirectory
from services.workers import WorkerService
from ui.gui.app_events import AppEvents


@dataclass(slots=True)
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
        return cls(ctx, regions, WorkerService(ctx, regions), AppEvents(), log_path)
