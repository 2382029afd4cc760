"""Office-wide settings stored in the database, with the district's defaults."""

from __future__ import annotations

from sqlalchemy import select

from models import Setting
from models.base import utc_now
from services.context import ServiceContext
from services.errors import NotFoundError
from services.permissions import Permission
from services.unit_of_work import read_session, unit_of_work

# Officials' names and office details change: they are settings, never constants.
DEFAULTS: dict[str, str] = {
    "district.kabupaten_code": "53.03",
    "district.kabupaten_name": "Kabupaten Timor Tengah Utara",
    "district.capital": "Kefamenanu",
    "district.province_name": "Nusa Tenggara Timur",
    "office.name": "Dinas Tenaga Kerja dan Transmigrasi",
    "office.address": "Jl. Basuki Rahmat, Kefamenanu",
    "office.phone": "",
    "office.email": "",
    "office.website": "",
    "office.postal_code": "85613",
    "bpjs.branch_name": "BPJS Ketenagakerjaan Kantor Cabang Atambua",
    # Empty: the "backups" folder in the workstation's data folder.
    "backup.folder": "",
    # How many backups of each kind stay in the folder; older ones are deleted.
    "backup.keep": "14",
}


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

    def get_all(self) -> dict[str, str]:
        values = dict(DEFAULTS)
        with read_session(self._ctx) as session:
            values.update({s.key: s.value for s in session.scalars(select(Setting))})
        return values

    def set(self, key: str, value: str) -> None:
        self.set_many({key: value})

    def set_many(self, values: dict[str, str]) -> None:
        self._ctx.require(Permission.MANAGE_SETTINGS)
        with unit_of_work(self._ctx) as session:
            for key, value in values.items():
                setting = session.get(Setting, key) or Setting(key=key)
                setting.value = value
                setting.updated_at = utc_now()
                setting.updated_by = self._ctx.user_name
                session.add(setting)
