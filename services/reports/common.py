"""What every report builder needs: the clerk's scope, names for codes, the filter in words."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import ColumnElement
from sqlalchemy.orm import Session

import services.workers.search as worker_search
from services.core.context import ServiceContext
from services.core.errors import SiRentanError
from services.premiums.computation import area_conditions, scope_note
from services.premiums.types import Area
from services.reports.model import ReportFilter
from services.settings.store import SettingsService
from services.text.formatting import long_date
from services.text.labels import FUNDING
from services.workers.occupations import list_occupations
from services.workers.regions import RegionDirectory


@dataclass
class ReportInputs:
    ctx: ServiceContext
    filter: ReportFilter
    today: date
    regions: RegionDirectory
    settings: dict[str, str]
    occupations: list[tuple[int, str]]  # (id, name) in the clerk's order
    scope: worker_search.Scope

    @classmethod
    def load(
        cls,
        ctx: ServiceContext,
        report_filter: ReportFilter,
        today: date,
        regions: RegionDirectory | None = None,
    ) -> ReportInputs:
        regions = regions or RegionDirectory(ctx)
        _check_codes(report_filter, regions)
        return cls(
            ctx=ctx,
            filter=report_filter,
            today=today,
            regions=regions,
            settings=SettingsService(ctx).get_all(),
            occupations=[(o.id, o.name) for o in list_occupations(ctx)],
            scope=worker_search.Scope.of(ctx.principal),
        )

    @property
    def area(self) -> Area:
        f = self.filter
        return Area(f.kecamatan_code, f.village_code, f.funding)

    def conditions(self, session: Session) -> list[ColumnElement[bool]]:
        return area_conditions(session, self.area, self.scope)

    @property
    def district(self) -> str:
        return self.settings.get("district.kabupaten_name") or self.regions.kabupaten_name

    def subtitle(self, when: str | None = None) -> tuple[str, ...]:
        """District and date (or period), then the filter and the clerk's limit, if any."""
        lines = [f"{self.district} — {when or f'keadaan {long_date(self.today)}'}"]
        described = self.described_filter()
        if described:
            lines.append(described)
        note = scope_note(self.ctx, self.regions)
        if note:
            lines.append(note)
        return tuple(lines)

    def described_filter(self) -> str:
        f = self.filter
        parts = []
        if f.village_code:
            village = self.regions.get(f.village_code)
            if village is None:
                parts.append(f.village_code)
            else:
                kecamatan = self.regions.name(village.parent_code or "")
                parts.append(f"{village.label}, Kecamatan {kecamatan}")
        elif f.kecamatan_code:
            parts.append(f"Kecamatan {self.regions.name(f.kecamatan_code)}")
        if f.funding:
            parts.append(f"Sumber dana {FUNDING[f.funding]}")
        return "Saringan: " + " · ".join(parts) if parts else ""

    def name(self, code: str) -> str:
        return self.regions.name(code)


def _check_codes(f: ReportFilter, regions: RegionDirectory) -> None:
    if f.kecamatan_code and f.kecamatan_code not in {k.code for k in regions.kecamatan()}:
        raise SiRentanError(
            f"Kecamatan dengan kode {f.kecamatan_code} tidak ada di {regions.kabupaten_name}; "
            "tulis kode seperti 53.03.05."
        )
    if f.village_code and not regions.is_village(f.village_code):
        raise SiRentanError(
            f"Desa/kelurahan dengan kode {f.village_code} tidak ada di {regions.kabupaten_name}; "
            "tulis kode seperti 53.03.05.1002."
        )
