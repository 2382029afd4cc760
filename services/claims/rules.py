"""The claims' office settings (services/settings.py DEFAULTS, keys ``claims.*``) as numbers."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta, timezone

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
    jkk_scholarship_needs_min_years: bool = True
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


def read_rules(session: Session) -> ClaimRules:
    values = settings_values(session)
    numbers = {name: _whole(values, key) for name, key in _INT_KEYS.items()}
    flag_key = "claims.jkk_scholarship_needs_min_years"
    flag = values[flag_key].strip().lower()
    if flag not in _YES | _NO:
        raise SiRentanError(
            f"Pengaturan {flag_key} berisi '{values[flag_key]}'; isi dengan 'ya' atau 'tidak'."
        )
    size_key = "claims.attachment_max_mb"
    return ClaimRules(
        **numbers,
        jkk_scholarship_needs_min_years=flag in _YES,
        attachment_max_bytes=_whole(values, size_key) * MEGABYTE,
    )


def _whole(values: dict[str, str], key: str) -> int:
    raw = values[key].strip().replace(".", "")
    if not raw.isdigit():
        raise SiRentanError(
            f"Pengaturan {key} berisi '{values[key]}'; isi dengan bilangan bulat "
            "(menu Pengaturan, atau minta administrator)."
        )
    return int(raw)
