"""What an agreement must name before it gets a number: the parties' particulars, the
budget's code and regulation, BPJS's account, and an annex that adds up to the body.

The preview prints a marked blank where one is missing; issuing refuses with the whole
list, so a PKS is never numbered and frozen with "………" in it.
"""

from __future__ import annotations

import re
from datetime import date

from models.enums import FundingSource
from services.core.errors import Problem
from services.core.paths import command_prefix
from services.documents.agreement.params import SecondParty
from services.documents.types import SignatoryItem
from services.settings.catalog import where
from services.text.formatting import long_date
from services.text.labels import FUNDING
from services.text.money import number

RECORD = "perjanjian kerja sama"


def blank(what: str) -> str:
    """The mark a preview prints where a particular is missing."""
    return f"[belum diisi: {what}]"


def or_blank(value: str, what: str) -> str:
    return value.strip() or blank(what)


def party_problems(
    first: SignatoryItem,
    second: SecondParty,
    second_number: str,
) -> list[Problem]:
    problems: list[Problem] = []
    if not (first.authority or "").strip():
        problems.append(
            Problem(
                "first_party_authority",
                "signatory_id",
                f"Dasar kewenangan {first.name} menandatangani perjanjian belum diisi. Isi "
                "'Dasar kewenangan' pada data penandatangan (tab Penandatangan, atau "
                f"{command_prefix()} signatories set {first.id} --authority …).",
            )
        )
    if not first.regional_head and not (first.delegation or "").strip():
        problems.append(
            Problem(
                "first_party_delegation",
                "signatory_id",
                f"{first.name} bukan kepala daerah: perjanjian atas nama Pemerintah Daerah "
                "memerlukan keputusan Bupati yang melimpahkan kewenangannya. Isi 'Pelimpahan "
                "kewenangan' pada data penandatangan, atau pilih Bupati sebagai PIHAK PERTAMA.",
            )
        )
    for field, label, setting in (
        ("name", "Nama PIHAK KEDUA (kepala kantor cabang BPJS)", "bpjs.branch_head_name"),
        ("npk", "NPK PIHAK KEDUA", "bpjs.branch_head_npk"),
        ("decree", "Keputusan pengangkatan PIHAK KEDUA", "bpjs.branch_head_decree"),
        ("address", "Alamat PIHAK KEDUA", "bpjs.branch_address"),
    ):
        if not getattr(second, field).strip():
            problems.append(
                Problem(
                    f"second_party_{field}",
                    f"second_party.{field}",
                    f"{label} belum diisi. Isi di formulir atau di {where(setting)}.",
                )
            )
    if not second_number.strip():
        problems.append(
            Problem(
                "second_party_number",
                "second_party_number",
                "Nomor perjanjian dari pihak BPJS Ketenagakerjaan belum diisi. Minta nomornya "
                "kepada kantor cabang dan isi 'Nomor PIHAK KEDUA'.",
            )
        )
    return problems


def budget_problems(
    budget_code: str, apbd_regulation: str, account: str, first_year: int
) -> list[Problem]:
    problems: list[Problem] = []
    if not budget_code.strip():
        problems.append(
            Problem(
                "budget_code",
                "budget_code",
                "Kode rekening belanja (DPA) belum diisi. Isi di formulir atau di "
                f"{where('agreement.budget_code')}.",
            )
        )
    if not apbd_regulation.strip():
        problems.append(
            Problem(
                "apbd_regulation",
                "apbd_regulation",
                f"Nomor Peraturan Daerah tentang APBD Tahun Anggaran {first_year} belum diisi. "
                "Isi di formulir atau di "
                f"{where('agreement.apbd_regulation_number')} (mis. 'Nomor 12 Tahun 2024').",
            )
        )
    else:
        problems += _regulation_year_problems(apbd_regulation, first_year)
    if not account.strip():
        problems.append(
            Problem(
                "bpjs_account",
                "bpjs_account",
                "Rekening BPJS Ketenagakerjaan tujuan pembayaran iuran belum diisi. Isi di "
                f"formulir atau di {where('premium.bpjs_account')}.",
            )
        )
    return problems


_YEAR = re.compile(r"\btahun\s+(\d{4})\b", re.IGNORECASE)


def _regulation_year_problems(apbd_regulation: str, first_year: int) -> list[Problem]:
    """The APBD of budget year N is enacted in year N-1 (or in N, for an APBD Perubahan):
    a Perda of another year is not that budget's, so it is refused, not printed."""
    label = "Nomor Perda APBD"
    found = _YEAR.findall(apbd_regulation)
    if len(found) != 1:
        text = (
            f"{label} harus menyebut tahun Perda satu kali, mis. 'Nomor 12 Tahun "
            f"{first_year - 1}' untuk APBD Tahun Anggaran {first_year}."
        )
        return [Problem("apbd_regulation_year", "apbd_regulation", text)]
    year = int(found[0])
    if first_year - 1 <= year <= first_year:
        return []
    text = (
        f"{label} '{apbd_regulation.strip()}' tidak sesuai dengan Tahun Anggaran "
        f"{first_year}: Perda APBD Tahun Anggaran {first_year} ditetapkan pada tahun "
        f"{first_year - 1} (atau {first_year} untuk Perubahan APBD), bukan {year}."
    )
    return [Problem("apbd_regulation_year", "apbd_regulation", text)]


def annex_problem(typed: int, counted: int, count_date: date, paid: list[FundingSource]) -> Problem:
    """The body's typed count and the annex's count from the register differ."""
    difference = typed - counted
    side = "lebih banyak" if difference > 0 else "lebih sedikit"
    sources = ", ".join(FUNDING[f] for f in paid)
    return Problem(
        "annex_differs",
        "workers",
        f"Jumlah peserta yang diketik ({number(typed)} orang) {side} {number(abs(difference))} "
        f"orang daripada lampiran, yang menghitung {number(counted)} orang terlindungi pada "
        f"{long_date(count_date)} menurut register dengan iuran dari {sources}. Lampiran harus "
        "berjumlah sama dengan batang tubuh: kosongkan jumlah peserta agar dihitung dari "
        "register, atau lengkapi data kepesertaan di register lebih dulu.",
    )
