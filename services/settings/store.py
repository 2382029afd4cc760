"""Office-wide settings stored in the database, with the district's defaults."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timezone

from sqlalchemy import select
from sqlalchemy.orm import Session

from models import Setting
from models.base import utc_now
from services.core.context import ServiceContext
from services.core.errors import NotFoundError, Problem, ValidationError
from services.core.office_time import office_zone, office_zone_of, on_office_clock
from services.core.permissions import Permission
from services.core.unit_of_work import read_session, unit_of_work
from services.settings.catalog import CATALOG, DEFAULTS, SPECS, SettingSpec, normalize, problem
from services.settings.office_images import ImageKind, ImageUpload, store_image_in

# The defaults, labels and checks of every setting live in services/settings/catalog.py.
__all__ = ["DEFAULTS", "SettingEntry", "SettingsService"]


@dataclass(frozen=True, slots=True)
class SettingEntry:
    """A setting as the Pengaturan screen and ``settings list`` show it."""

    spec: SettingSpec
    value: str
    is_default: bool
    updated_at: datetime | None
    updated_by: str | None


class SettingsService:
    def __init__(self, ctx: ServiceContext) -> None:
        self._ctx = ctx

    def get(self, key: str) -> str:
        with read_session(self._ctx) as session:
            setting = session.get(Setting, key)
        if setting is not None:
            return setting.value
        if key in DEFAULTS:
            return DEFAULTS[key]
        raise NotFoundError(f"Pengaturan '{key}' tidak ditemukan.")

    def office_zone(self) -> timezone:
        """The office's clock (WIB, WITA or WIT by the district's province)."""
        return office_zone_of(self._ctx)

    def get_all(self) -> dict[str, str]:
        values = dict(DEFAULTS)
        with read_session(self._ctx) as session:
            values.update({s.key: s.value for s in session.scalars(select(Setting))})
        return values

    def entries(self) -> list[SettingEntry]:
        """Every setting of the catalogue with its value, in the catalogue's order."""
        with read_session(self._ctx) as session:
            stored = {s.key: s for s in session.scalars(select(Setting))}
            zone = office_zone(session)
        result = []
        for item in CATALOG:
            row = stored.get(item.key)
            result.append(
                SettingEntry(
                    spec=item,
                    value=row.value if row is not None else item.default,
                    is_default=row is None,
                    # On the office's clock (WIB/WITA/WIT), as every moment a clerk reads.
                    updated_at=on_office_clock(row.updated_at, zone)
                    if row is not None and row.updated_at is not None
                    else None,
                    updated_by=row.updated_by if row is not None else None,
                )
            )
        return result

    @staticmethod
    def check(values: dict[str, str]) -> list[Problem]:
        """What is wrong with these values, one problem per setting (the form shows them)."""
        return [p for key, value in values.items() if (p := problem(key, value)) is not None]

    def set(self, key: str, value: str) -> None:
        self.set_many({key: value})

    def set_many(self, values: dict[str, str]) -> None:
        """Check every value, then store them all in one audited transaction (or none)."""
        self._ctx.require(Permission.MANAGE_SETTINGS)
        refuse_managed(values)
        with unit_of_work(self._ctx) as session:
            store_settings(session, self._ctx, values)

    def save(
        self, values: dict[str, str], images: dict[ImageKind, ImageUpload | None] | None = None
    ) -> None:
        """The Pengaturan screen's Simpan: values and images in one audited transaction.

        An image given as None goes back to the placeholder."""
        self._ctx.require(Permission.MANAGE_SETTINGS)
        refuse_managed(values)
        with unit_of_work(self._ctx) as session:
            if values:
                store_settings(session, self._ctx, values)
            for kind, upload in (images or {}).items():
                content = upload.content if upload is not None else None
                name = upload.file_name if upload is not None else ""
                store_image_in(session, self._ctx, kind, content, name)

    def reset(self, keys: list[str]) -> None:
        """Back to the default: the stored rows are deleted (and the deletion audited)."""
        self._ctx.require(Permission.MANAGE_SETTINGS)
        unknown = [k for k in keys if k not in SPECS]
        if unknown:
            raise NotFoundError(f"Pengaturan '{unknown[0]}' tidak dikenal.")
        refuse_managed(dict.fromkeys(keys, ""))
        with unit_of_work(self._ctx) as session:
            for key in keys:
                row = session.get(Setting, key)
                if row is not None:
                    session.delete(row)


def refuse_managed(values: dict[str, str]) -> None:
    managed = [SPECS[k] for k in values if k in SPECS and SPECS[k].managed]
    if managed:
        raise ValidationError(
            [
                Problem(
                    "setting_managed",
                    item.key,
                    f"“{item.label}” mengikuti wilayah kantor: ubah lewat menu Pengaturan → "
                    "Wilayah kantor (atau perintah settings district KODE).",
                )
                for item in managed
            ],
            record="pengaturan",
        )


def store_settings(session: Session, ctx: ServiceContext, values: dict[str, str]) -> None:
    """Checked and normalised values into the caller's transaction (the database audits)."""
    problems = SettingsService.check(values)
    if problems:
        raise ValidationError(problems, record="pengaturan")
    for key, value in values.items():
        setting = session.get(Setting, key) or Setting(key=key)
        setting.value = normalize(key, value)
        setting.updated_at = utc_now()
        setting.updated_by = ctx.user_name
        session.add(setting)
