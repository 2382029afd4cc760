"""The claims' office settings (keys ``claims.*`` of services/settings/catalog.py) as numbers."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timezone
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from models import Setting
from services.core.errors import SiRentanError
from services.core.office_time import zone_of_region
from services.settings.catalog import DEFAULTS, SPECS, where, whole, yes

MEGABYTE = 1024 * 1024


@dataclass(frozen=True, slots=True)
class ClaimRules:
    """The ``claims.*`` settings as numbers. No defaults of its own: ``ClaimRules.defaults()``
    reads the settings catalogue's, the one source of every default."""

    jkk_report_hours: int
    jkk_lapse_months: int
    jkm_lapse_months: int
    jkm_reduced_months: int
    scholarship_min_years: int
    jkk_scholarship_needs_min_years: bool
    jkk_scholarship_needs_min_years_from: date
    jkk_scholarship_total_disability: bool
    jkk_scholarship_total_disability_from: date
    npwp_required: bool
    scholarship_max_children: int
    scholarship_max_age: int
    scholarship_cap: int
    npwp_threshold: int
    default_reported_income: int
    waiting_documents_days: int
    attachment_max_bytes: int
    # The office's clock (WIB/WITA/WIT by the district's province): accident times are
    # typed in it and the JKK report deadline counts from them.
    zone: timezone

    @classmethod
    def defaults(cls) -> ClaimRules:
        return rules_from(DEFAULTS)


_INT_KEYS = {
    "jkk_report_hours": "claims.jkk_report_hours",
    "jkk_lapse_months": "claims.jkk_lapse_months",
    "jkm_lapse_months": "claims.jkm_lapse_months",
    "jkm_reduced_months": "claims.jkm_reduced_months",
    "scholarship_min_years": "claims.scholarship_min_years",
    "scholarship_max_children": "claims.scholarship_max_children",
    "scholarship_max_age": "claims.scholarship_max_age",
    "scholarship_cap": "claims.scholarship_cap",
    "npwp_threshold": "claims.npwp_threshold",
    "default_reported_income": "claims.default_reported_income",
    "waiting_documents_days": "claims.waiting_documents_days",
}
_FLAG_KEYS = {
    "jkk_scholarship_needs_min_years": "claims.jkk_scholarship_needs_min_years",
    "jkk_scholarship_total_disability": "claims.jkk_scholarship_total_disability",
    "npwp_required": "claims.npwp_required",
}
_DATE_KEYS = {
    "jkk_scholarship_needs_min_years_from": "claims.jkk_scholarship_needs_min_years_from",
    "jkk_scholarship_total_disability_from": "claims.jkk_scholarship_total_disability_from",
}


def settings_values(session: Session) -> dict[str, str]:
    """Every office setting, read in the caller's transaction (the defaults where unset)."""
    values = dict(DEFAULTS)
    values.update(
        {key: value for key, value in session.execute(select(Setting.key, Setting.value))}
    )
    return values


def read_rules(session: Session) -> ClaimRules:
    return rules_from(settings_values(session))


def rules_from(values: dict[str, str]) -> ClaimRules:
    # One keyword dict: mypy checks each ** separately against every field's type.
    fields: dict[str, Any] = {name: _whole(values, key) for name, key in _INT_KEYS.items()}
    fields |= {name: _flag(values, key) for name, key in _FLAG_KEYS.items()}
    fields |= {name: _date(values, key) for name, key in _DATE_KEYS.items()}
    size_key = "claims.attachment_max_mb"
    return ClaimRules(
        **fields,
        attachment_max_bytes=_whole(values, size_key) * MEGABYTE,
        zone=zone_of_region(values["district.kabupaten_code"]),
    )


def _flag(values: dict[str, str], key: str) -> bool:
    flag = yes(values[key])
    if flag is None:
        raise SiRentanError(
            f"Pengaturan “{SPECS[key].label}” berisi '{values[key]}'; isi dengan "
            f"'ya' atau 'tidak' ({where(key)}, atau minta administrator)."
        )
    return flag


def _date(values: dict[str, str], key: str) -> date:
    try:
        return date.fromisoformat(values[key].strip())
    except ValueError:
        raise SiRentanError(
            f"Pengaturan “{SPECS[key].label}” berisi '{values[key]}'; isi dengan tanggal "
            f"TTTT-BB-HH, mis. 2019-12-02 ({where(key)}, atau minta administrator)."
        ) from None


def _whole(values: dict[str, str], key: str) -> int:
    number = whole(values[key])
    if number is None:
        raise SiRentanError(
            f"Pengaturan “{SPECS[key].label}” berisi '{values[key]}'; isi dengan bilangan bulat "
            f"({where(key)}, atau minta administrator)."
        )
    return number
