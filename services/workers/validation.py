"""Every rule a worker record must pass, reported all at once (errors and warnings)."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date
from typing import Protocol

from services.core.errors import Problem
from services.core.input_rules import clean_digits, clean_name, clean_text, err, warn
from services.workers.nik import check_kk_number, validate_nik
from services.workers.regions import RegionDirectory
from services.workers.types import HeirInput, WorkerInput

# Any letter (names such as JOSÉ or N'DUN exist) plus the punctuation names carry.
_NAME_CHARS = re.compile(r"^(?:[^\W\d_]|[ .,'`\-])+$")
_DIGITS = re.compile(r"^\d+$")
MIN_BIRTH_DATE = date(1900, 1, 1)
MIN_WORKING_AGE = 15
KPJ_LENGTH = 11


@dataclass(frozen=True, slots=True)
class CleanedWorker:
    """The input after normalisation, ready to store when ``problems`` holds no error."""

    data: WorkerInput
    problems: list[Problem]

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.is_error]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if not p.is_error]


def validate_worker(
    data: WorkerInput,
    regions: RegionDirectory,
    occupation_codes: set[str],
    today: date,
) -> CleanedWorker:
    problems: list[Problem] = []
    nik = validate_nik(
        data.nik,
        birth_date=data.birth_date,
        gender=data.gender.value if data.gender else None,
        known_kecamatan=regions.national_kecamatan_codes,
        home_kabupaten=regions.kabupaten_code,
        home_name=regions.kabupaten_name,
    )
    problems += nik.problems
    kk = check_kk_number(data.kk_number, nik=nik.value) if data.kk_number else None
    if kk is not None:
        problems += kk.problems
    cleaned = replace(
        data,
        nik=nik.value or "",
        kk_number=kk.value if kk else None,
        full_name=clean_name(data.full_name),
        birth_place=clean_text(data.birth_place),
        address=clean_text(data.address),
        rt=_pad_rt_rw(data.rt),
        rw=_pad_rt_rw(data.rw),
        phone=clean_digits(data.phone),
        kpj=clean_digits(data.kpj),
        notes=(data.notes or "").strip() or None,
    )
    problems += _name_problems(cleaned.full_name, "full_name", "Nama lengkap")
    problems += _birth_date_problems(cleaned.birth_date, today)
    problems += _choice_problems(cleaned, regions, occupation_codes)
    problems += _number_problems(cleaned)
    problems += _coverage_problems(cleaned)
    for index, heir in enumerate(cleaned.heirs):
        problems += validate_heir(heir, index, worker_nik=cleaned.nik, today=today)
    cleaned.heirs = [_clean_heir(h) for h in cleaned.heirs]
    return CleanedWorker(cleaned, problems)


def _pad_rt_rw(raw: str | None) -> str | None:
    value = clean_digits(raw)
    if value is None or not _DIGITS.match(value) or len(value) > 3:
        return value
    return value.zfill(3)


def _name_problems(name: str, field: str, label: str) -> list[Problem]:
    if not name:
        return [err("name_empty", field, f"{label} wajib diisi, sesuai KTP.")]
    if len(name) > 120:
        return [err("name_too_long", field, f"{label} terlalu panjang (maksimal 120 huruf).")]
    if not _NAME_CHARS.match(name):
        return [
            err(
                "name_chars",
                field,
                f"{label} hanya boleh berisi huruf, spasi, titik, koma, tanda petik dan tanda "
                "hubung; hapus angka atau tanda lain.",
            )
        ]
    return []


def _birth_date_problems(birth_date: date | None, today: date) -> list[Problem]:
    field = "birth_date"
    if birth_date is None:
        return [err("birth_date_empty", field, "Tanggal lahir wajib diisi, sesuai KTP.")]
    if birth_date > today:
        return [
            err(
                "birth_date_future",
                field,
                f"Tanggal lahir {birth_date:%d-%m-%Y} ada di masa depan; periksa tahunnya.",
            )
        ]
    if birth_date < MIN_BIRTH_DATE:
        return [
            err("birth_date_too_old", field, "Tanggal lahir sebelum tahun 1900; periksa tahunnya.")
        ]
    age = (
        today.year
        - birth_date.year
        - ((today.month, today.day) < (birth_date.month, birth_date.day))
    )
    if age < MIN_WORKING_AGE:
        return [
            warn(
                "birth_date_young",
                field,
                f"Umur peserta {age} tahun, di bawah usia kerja {MIN_WORKING_AGE} tahun; "
                "periksa tanggal lahir.",
            )
        ]
    return []


def _choice_problems(
    data: WorkerInput, regions: RegionDirectory, occupation_codes: set[str]
) -> list[Problem]:
    problems: list[Problem] = []
    if data.gender is None:
        problems.append(err("gender_empty", "gender", "Jenis kelamin wajib dipilih."))
    if not data.village_code:
        problems.append(
            err("village_empty", "village_code", "Desa/Kelurahan wajib dipilih dari daftar.")
        )
    elif not regions.is_village(data.village_code):
        problems.append(
            err(
                "village_unknown",
                "village_code",
                f"Kode desa {data.village_code} bukan desa/kelurahan di {regions.kabupaten_name}; "
                "pilih desa dari daftar.",
            )
        )
    if not data.occupation_code:
        problems.append(err("occupation_empty", "occupation_code", "Pekerjaan wajib dipilih."))
    elif data.occupation_code not in occupation_codes:
        problems.append(
            err(
                "occupation_unknown",
                "occupation_code",
                "Pekerjaan tidak dikenal; pilih dari daftar.",
            )
        )
    if data.funding is None:
        problems.append(err("funding_empty", "funding", "Sumber dana wajib dipilih."))
    return problems


def _number_problems(data: WorkerInput) -> list[Problem]:
    problems: list[Problem] = []
    if data.kpj is not None:
        if not _DIGITS.match(data.kpj):
            problems.append(err("kpj_not_digits", "kpj", "No. KPJ hanya boleh berisi angka."))
        elif len(data.kpj) != KPJ_LENGTH:
            problems.append(
                warn(
                    "kpj_length",
                    "kpj",
                    f"No. KPJ biasanya {KPJ_LENGTH} angka; yang diisi {len(data.kpj)} angka. "
                    "Periksa kartu BPJS.",
                )
            )
    if data.phone is not None:
        phone = data.phone.removeprefix("+")
        if not _DIGITS.match(phone):
            problems.append(err("phone_chars", "phone", "No. HP hanya boleh berisi angka."))
        elif not 8 <= len(phone) <= 15:
            problems.append(err("phone_length", "phone", "No. HP harus 8 sampai 15 angka."))
    for field, label in (("rt", "RT"), ("rw", "RW")):
        value = getattr(data, field)
        if value is not None and (not _DIGITS.match(value) or len(value) > 3):
            problems.append(err(f"{field}_format", field, f"{label} diisi 1 sampai 3 angka."))
    return problems


def _coverage_problems(data: WorkerInput) -> list[Problem]:
    if data.coverage_start and data.coverage_end and data.coverage_end < data.coverage_start:
        return [
            err(
                "coverage_order",
                "coverage_end",
                f"Akhir kepesertaan {data.coverage_end:%d-%m-%Y} sebelum mulai kepesertaan "
                f"{data.coverage_start:%d-%m-%Y}.",
            )
        ]
    return []


def heir_field(index: int, name: str) -> str:
    return f"heirs[{index}].{name}"


class HeirFacts(Protocol):
    """What the heir checks read: a register heir (HeirInput) or a claim's heir."""

    @property
    def full_name(self) -> str: ...
    @property
    def relation(self) -> object | None: ...
    @property
    def nik(self) -> str | None: ...
    @property
    def birth_date(self) -> date | None: ...
    @property
    def bank_account_number(self) -> str | None: ...


def validate_heir(heir: HeirFacts, index: int, worker_nik: str, today: date) -> list[Problem]:
    """The checks every heir passes, in the register and on a claim; messages name the heir
    by place and name ("Ahli waris ke-2 (MARIA BANO): ...")."""
    name = clean_name(heir.full_name)
    label = f"Ahli waris ke-{index + 1}" + (f" ({name})" if name else "")
    problems = _name_problems(name, heir_field(index, "full_name"), f"{label}: nama")
    if heir.relation is None:
        problems.append(
            err(
                "heir_relation_empty",
                heir_field(index, "relation"),
                f"{label}: hubungan dengan peserta wajib dipilih.",
            )
        )
    nik = clean_digits(heir.nik)
    if nik:
        result = validate_nik(
            nik,
            birth_date=heir.birth_date,
            home_kabupaten=None,
            field=heir_field(index, "nik"),
        )
        problems += [replace(p, text=f"{label}: {p.text}") for p in result.problems]
        if result.value and result.value == worker_nik:
            problems.append(
                err(
                    "heir_nik_is_worker",
                    heir_field(index, "nik"),
                    f"{label}: NIK sama dengan NIK peserta; isi NIK ahli waris sendiri.",
                )
            )
    if heir.birth_date and heir.birth_date > today:
        problems.append(
            err(
                "heir_birth_future",
                heir_field(index, "birth_date"),
                f"{label}: tanggal lahir di masa depan.",
            )
        )
    account = clean_digits(heir.bank_account_number)
    if account and not _DIGITS.match(account):
        problems.append(
            err(
                "heir_account_chars",
                heir_field(index, "bank_account_number"),
                f"{label}: nomor rekening hanya boleh berisi angka.",
            )
        )
    return problems


def _clean_heir(heir: HeirInput) -> HeirInput:
    nik = clean_digits(heir.nik)
    return replace(
        heir,
        full_name=clean_name(heir.full_name),
        nik=nik,
        phone=clean_digits(heir.phone),
        bank_name=clean_text(heir.bank_name),
        bank_account_number=clean_digits(heir.bank_account_number),
        bank_account_holder=clean_name(heir.bank_account_holder) or None,
    )
