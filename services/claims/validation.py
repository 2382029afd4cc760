"""Every rule the event and the heirs of a claim must pass, reported all at once."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, tzinfo
from typing import Any

from models.enums import ClaimHeirRelation, ClaimType, JkkOutcome
from services.claims.types import ClaimHeirInput, ClaimInput
from services.core.errors import Problem
from services.core.input_rules import clean_digits, clean_name, clean_text, err, warn
from services.core.office_time import as_utc
from services.text.formatting import long_date
from services.workers.validation import validate_heir

_TEXTS = (
    "event_place",
    "description",
    "injuries",
    "treatment_place",
    "witnesses",
    "police_report_number",
    "cause_of_death",
    "notes",
)
_JKK_ONLY: dict[str, Any] = {
    "accident_context": None,
    "description": None,
    "injuries": None,
    "treatment_place": None,
    "witnesses": None,
    "traffic_accident": False,
    "police_report_number": None,
    "jkk_outcome": None,
    "disability_percent": None,
    "first_report_at": None,
}


def typed_on_office_clock(moment: datetime, zone: tzinfo) -> datetime:
    """A time typed without a zone is on the office's clock (WIB, WITA or WIT)."""
    return moment.replace(tzinfo=zone) if moment.tzinfo is None else moment


def clean_input(data: ClaimInput, zone: tzinfo) -> ClaimInput:
    texts: dict[str, Any] = {name: clean_text(getattr(data, name)) for name in _TEXTS}
    cleaned = replace(data, **texts)
    if cleaned.first_report_at is not None:
        cleaned.first_report_at = as_utc(typed_on_office_clock(cleaned.first_report_at, zone))
    if cleaned.claim_type is ClaimType.JKM:
        # A JKM claim is about the death itself; accident fields do not belong to it.
        cleaned = replace(cleaned, death_date=cleaned.event_date, **_JKK_ONLY)
    elif cleaned.claim_type is ClaimType.JKK:
        cleaned.cause_of_death = cleaned.cause_of_death if _fatal(cleaned) else None
        if not _fatal(cleaned):
            cleaned.death_date = None
        if not cleaned.traffic_accident:
            cleaned.police_report_number = None
    return cleaned


def _fatal(data: ClaimInput) -> bool:
    return data.jkk_outcome is JkkOutcome.DEATH


def event_problems(
    data: ClaimInput, birth_date: date, now: datetime, zone: tzinfo
) -> list[Problem]:
    today = now.astimezone(zone).date()
    if data.claim_type is None:
        return [
            err(
                "claim_type_empty",
                "claim_type",
                "Pilih jenis klaim: JKK (kecelakaan kerja) atau JKM (kematian).",
            )
        ]
    jkm = data.claim_type is ClaimType.JKM
    what = "meninggal" if jkm else "kecelakaan"
    problems = _event_date_problems(data.event_date, birth_date, today, what)
    if data.event_place is None:
        problems.append(
            err("event_place_empty", "event_place", f"Tempat {what} wajib diisi (desa/kecamatan).")
        )
    if jkm and data.cause_of_death is None:
        problems.append(
            warn(
                "cause_empty",
                "cause_of_death",
                "Sebab kematian belum diisi; salin dari akta atau surat keterangan kematian.",
            )
        )
    if not jkm and data.event_date is not None:
        problems += _accident_problems(data, today, now, zone)
    if data.reported_income is not None and data.reported_income <= 0:
        problems.append(
            err(
                "income_not_positive",
                "reported_income",
                "Penghasilan dilaporkan harus lebih dari Rp0 (kosongkan untuk nilai bawaan).",
            )
        )
    return problems


def _event_date_problems(event: date | None, birth: date, today: date, what: str) -> list[Problem]:
    if event is None:
        return [err("event_date_empty", "event_date", f"Tanggal {what} wajib diisi.")]
    if event > today:
        return [
            err(
                "event_date_future",
                "event_date",
                f"Tanggal {what} ({long_date(event)}) ada di masa depan. Periksa urutan "
                "hari-bulan-tahun.",
            )
        ]
    if event < birth:
        return [
            err(
                "event_before_birth",
                "event_date",
                f"Tanggal {what} ({long_date(event)}) sebelum tanggal lahir peserta "
                f"({long_date(birth)}). Periksa tanggalnya atau data peserta.",
            )
        ]
    return []


def _accident_problems(data: ClaimInput, today: date, now: datetime, zone: tzinfo) -> list[Problem]:
    assert data.event_date is not None
    problems = []
    if data.accident_context is None:
        problems.append(
            err(
                "context_empty",
                "accident_context",
                "Pilih kapan kecelakaan terjadi: saat bekerja atau dalam perjalanan kerja.",
            )
        )
    if data.description is None:
        problems.append(
            err("description_empty", "description", "Tuliskan singkat apa yang terjadi.")
        )
    if data.event_time is None:
        problems.append(
            warn(
                "event_time_empty",
                "event_time",
                "Jam kecelakaan belum diisi: batas laporan 2 × 24 jam dihitung dari pukul 00.00.",
            )
        )
    else:
        moment = datetime.combine(data.event_date, data.event_time, tzinfo=zone)
        if moment > now:
            problems.append(
                err("event_time_future", "event_time", "Jam kecelakaan ada di masa depan.")
            )
        if data.first_report_at is not None and data.first_report_at < moment:
            problems.append(
                err(
                    "report_before_event",
                    "first_report_at",
                    "Waktu laporan tahap I tidak boleh sebelum waktu kecelakaan.",
                )
            )
    if data.first_report_at is not None and data.first_report_at > now:
        problems.append(
            err(
                "report_future",
                "first_report_at",
                "Waktu laporan tahap I tidak boleh di masa depan.",
            )
        )
    if data.traffic_accident and data.police_report_number is None:
        problems.append(
            warn(
                "police_report_empty",
                "police_report_number",
                "Kecelakaan lalu lintas: catat nomor laporan polisi bila sudah ada.",
            )
        )
    if data.disability_percent is not None and not 0 < data.disability_percent <= 100:
        problems.append(
            err(
                "disability_range",
                "disability_percent",
                "Persentase cacat harus antara 1 dan 100.",
            )
        )
    if _fatal(data):
        problems += _death_date_problems(data.death_date, data.event_date, today)
    return problems


def _death_date_problems(death: date | None, accident: date, today: date) -> list[Problem]:
    if death is None:
        return [
            err(
                "death_date_empty",
                "death_date",
                "Peserta meninggal karena kecelakaan ini: isi tanggal meninggalnya.",
            )
        ]
    if death < accident or death > today:
        return [
            err(
                "death_date_range",
                "death_date",
                f"Tanggal meninggal ({long_date(death)}) harus antara tanggal kecelakaan "
                "dan hari ini.",
            )
        ]
    return []


# --- heirs --------------------------------------------------------------------------------


def clean_heir(heir: ClaimHeirInput) -> ClaimHeirInput:
    return replace(
        heir,
        full_name=clean_name(heir.full_name),
        nik=clean_digits(heir.nik),
        phone=clean_digits(heir.phone),
        address=clean_text(heir.address),
        bank_name=clean_text(heir.bank_name),
        bank_account_number=clean_digits(heir.bank_account_number),
        bank_account_holder=clean_name(heir.bank_account_holder) or None,
        note=clean_text(heir.note),
        # Only a spouse has a marriage to the worker; empty means still married.
        married_at_death=(
            heir.married_at_death is not False
            if heir.relation is ClaimHeirRelation.SPOUSE
            else None
        ),
        arranged_funeral=bool(heir.arranged_funeral),
    )


def heir_problems(heirs: list[ClaimHeirInput], worker_nik: str, today: date) -> list[Problem]:
    return [
        problem
        for index, heir in enumerate(heirs)
        for problem in validate_heir(heir, index, worker_nik, today)
    ]
