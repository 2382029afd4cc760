"""Valid inputs that tests change one field at a time."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import Any

from models.enums import FundingSource, Gender, HeirRelation
from services.workers.types import HeirInput, WorkerInput

# Desa Aplasi in Kota Kefamenanu (53.03.05); NIKs below are issued there.
VILLAGE = "53.03.05.1002"


def make_nik(birth: date, gender: Gender, serial: int, kecamatan: str = "530305") -> str:
    day = birth.day + (40 if gender is Gender.FEMALE else 0)
    return f"{kecamatan}{day:02d}{birth.month:02d}{birth.year % 100:02d}{serial:04d}"


def worker_input(serial: int = 1, **changes: Any) -> WorkerInput:
    birth = changes.pop("birth_date", date(1985, 7, 12))
    gender = changes.pop("gender", Gender.FEMALE)
    data = WorkerInput(
        nik=make_nik(birth, gender, serial),
        full_name=f"Maria Goreti Taek {serial}".replace(str(serial), "ABCDEFGHIJ"[serial % 10]),
        birth_date=birth,
        gender=gender,
        village_code=VILLAGE,
        occupation_code="petani",
        funding=FundingSource.APBD_KABUPATEN,
        birth_place="Kefamenanu",
        address="Jl. Sonbai",
        rt="1",
        rw="2",
        phone="081234567890",
        kpj=f"{serial:011d}",
        coverage_start=date(2025, 7, 7),
        coverage_end=date(2025, 12, 31),
        heirs=[HeirInput(full_name="Yohanes Taek", relation=HeirRelation.SPOUSE)],
    )
    return replace(data, **changes)
