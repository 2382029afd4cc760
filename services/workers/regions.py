"""The configured kabupaten's kecamatan and villages, and the national codes for NIK checks."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from sqlalchemy import select

from models import Region
from models.enums import RegionLevel
from services.core.context import ServiceContext
from services.core.unit_of_work import read_session
from services.settings.store import SettingsService


@dataclass(frozen=True, slots=True)
class RegionItem:
    code: str
    name: str
    parent_code: str | None
    village_type: str | None = None

    @property
    def label(self) -> str:
        """ "Desa Bokon" / "Kelurahan Kefa Tengah"; kecamatan keep their bare name."""
        if self.village_type:
            return f"{self.village_type.capitalize()} {self.name}"
        return self.name


class RegionDirectory:
    """Loaded once per open database: a few hundred rows the GUI and services reuse."""

    def __init__(self, ctx: ServiceContext) -> None:
        self._ctx = ctx
        self.kabupaten_code = SettingsService(ctx).get("district.kabupaten_code")
        with read_session(ctx) as session:
            rows = session.execute(
                select(Region.code, Region.name, Region.parent_code, Region.village_type)
                .where(Region.code.startswith(self.kabupaten_code + "."))
                .order_by(Region.name)
            ).all()
            kabupaten = session.get(Region, self.kabupaten_code)
        self.kabupaten_name = kabupaten.name if kabupaten else self.kabupaten_code
        items = [RegionItem(*row) for row in rows]
        self._kecamatan = [i for i in items if i.code.count(".") == 2]
        self._villages = [i for i in items if i.code.count(".") == 3]
        self._by_code = {i.code: i for i in items}

    def kecamatan(self) -> list[RegionItem]:
        return list(self._kecamatan)

    def villages(self, kecamatan_code: str | None = None) -> list[RegionItem]:
        if kecamatan_code is None:
            return list(self._villages)
        return [v for v in self._villages if v.parent_code == kecamatan_code]

    def get(self, code: str) -> RegionItem | None:
        return self._by_code.get(code)

    def name(self, code: str) -> str:
        item = self._by_code.get(code)
        return item.name if item else code

    def is_village(self, code: str) -> bool:
        item = self._by_code.get(code)
        return item is not None and item.code.count(".") == 3

    @cached_property
    def national_kecamatan_codes(self) -> frozenset[str]:
        """Every kecamatan code in Indonesia; a NIK may come from anywhere."""
        with read_session(self._ctx) as session:
            codes = session.scalars(
                select(Region.code).where(Region.level == RegionLevel.KECAMATAN)
            )
            return frozenset(codes)
