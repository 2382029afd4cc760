"""The claims' office settings (services/settings.py DEFAULTS, keys ``claims.*``) as numbers."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta, timezone

from sqlalchemy import select
from sqlalchemy.orm import Session

from models import Setting
from services.errors import SiRentanError
from services.settings import DEFAULTS

# Kabupaten TTU keeps WITA (UTC+8) all year; accident times are typed in it.
WITA = timezone(timedelta(hours=8), "WITA")
MEGABYTE = 1024 * 1024


@dataclass(frozen=True, slots=True)
class ClaimRules:
    jkk_report_hours: int = 48
    jkk_lapse_months: int = 24
    jkm_lapse_months: int = 24
    jkm_reduced_months: int = 3
    scholarship_min_years: int = 3
    jkk_scholarship_needs_min_years: bool = False
    jkk_scholarship_needs_min_years_from: date = date(2019, 12, 2)
    jkk_scholarship_total_disability: bool = True
    jkk_scholarship_total_disability_from: date = date(2019, 12, 2)
    npwp_required: bool = False
    scholarship_max_children: int = 2
    scholarship_max_age: int = 23
    scholarship_cap: int = 174_000_000
    npwp_threshold: int = 50_000_000
    default_reported_income: int = 1_000_000
    waiting_documents_days: int = 14
    attachment_max_bytes: int = 5 * MEGABYTE


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
_YES = {"ya", "y", "yes", "true", "1"}
_NO = {"tidak", "t", "no", "false", "0"}


def settings_values(session: Session) -> dict[str, str]:
    """Every office setting, read in the caller's transaction (the defaults where unset)."""
    values = dict(DEFAULTS)
    values.update(
        {key: value for key, value in session.execute(select(Setting.key, Setting.value))}
    )
    return values


_FLAG_KEYS = {
    "jkk_scholarship_needs_min_years": "claims.jkk_scholarship_needs_min_years",
    "jkk_scholarship_total_disability": "claims.jkk_scholarship_total_disability",
    "npwp_required": "claims.npwp_required",
}
_DATE_KEYS = {
    "jkk_scholarship_needs_min_years_from": "claims.jkk_scholarship_needs_min_years_from",
    "jkk_scholarship_total_disability_from": "claims.jkk_scholarship_total_disability_from",
}


def read_rules(session: Session) -> ClaimRules:
    values = settings_values(session)
    numbers = {name: _whole(values, key) for name, key in _INT_KEYS.items()}
    flags = {name: _flag(values, key) for name, key in _FLAG_KEYS.items()}
    dates = {name: _date(values, key) for name, key in _DATE_KEYS.items()}
    size_key = "claims.attachment_max_mb"
    return ClaimRules(
        **numbers,
        **flags,
        **dates,
        attachment_max_bytes=_whole(values, size_key) * MEGABYTE,
    )


def _flag(values: dict[str, str], key: str) -> bool:
    flag = values[key].strip().lower()
    if flag not in _YES | _NO:
        raise SiRentanError(
            f"Pengaturan {key} berisi '{values[key]}'; isi dengan 'ya' atau 'tidak'."
        )
    return flag in _YES


def _date(values: dict[str, str], key: str) -> date:
    try:
        return date.fromisoformat(values[key].strip())
    except ValueError:
        raise SiRentanError(
            f"Pengaturan {key} berisi '{values[key]}'; isi dengan tanggal TTTT-BB-HH, "
            "mis. 2019-12-02 (menu Pengaturan, atau minta administrator)."
        ) from None


def _whole(values: dict[str, str], key: str) -> int:
    raw = values[key].strip().replace(".", "")
    if not raw.isdigit():
        raise SiRentanError(
            f"Pengaturan {key} berisi '{values[key]}'; isi dengan bilangan bulat "
            "(menu Pengaturan, atau minta administrator)."
        )
    return int(raw)
