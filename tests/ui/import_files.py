"""Village lists as clerks receive them, written as real .xlsx files for GUI tests."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any

import openpyxl

from models.enums import Gender
from services.workers.types import WorkerDetail
from tests.factories import make_nik

HEADER = ["No", "NIK", "Nama Lengkap", "Tgl Lahir", "L/P", "Desa/Kel", "Kec", "Pekerjaan", "Kontak"]
HEADER_ROW = 7  # as Excel numbers it
YOSEF_NIK = make_nik(date(1980, 3, 4), Gender.MALE, 11)
ANA_NIK = make_nik(date(1990, 3, 12), Gender.FEMALE, 12)
SHORT_NIK = "5303051203"
# Excel turned a 16-digit NIK into a number and lost its last digits.
DAMAGED_NIK = 5303054101700000.0
NEW_PHONE = "081311122233"


def save(path: Path, rows: Sequence[Sequence[Any]], merged: Sequence[str] = ()) -> Path:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "Daftar"
    for row in rows:
        sheet.append(list(row))
    for area in merged:
        sheet.merge_cells(area)
    workbook.save(path)
    return path


def kop() -> list[list[Any]]:
    """The title block above the list (the header then sits on row 7)."""
    return [
        ["PEMERINTAH KABUPATEN TIMOR TENGAH UTARA"],
        ["DAFTAR NAMA PEKERJA RENTAN PENERIMA BANTUAN IURAN BPJS KETENAGAKERJAAN"],
        ["DESA APLASI KECAMATAN KOTA KEFAMENANU"],
        ["TAHUN ANGGARAN 2026"],
        [],
        [],
    ]


def person(
    number: int, nik: Any, name: str, birth: Any, gender: str, occupation: str = "petani"
) -> list[Any]:
    return [number, nik, name, birth, gender, "Desa Aplasi", "KOTA KEFAMENANU", occupation, ""]


def messy_list(path: Path, registered: WorkerDetail) -> Path:
    """Two new persons, one update of ``registered``, three rejected rows, a footer."""
    update = person(
        5,
        registered.nik,
        registered.full_name,
        registered.birth_date,
        "P",
        occupation="nelayan",
    )
    update[-1] = NEW_PHONE
    rows = [
        *kop(),
        HEADER,
        person(
            1,
            f"{YOSEF_NIK[:4]} {YOSEF_NIK[4:8]} {YOSEF_NIK[8:12]} {YOSEF_NIK[12:]}",
            "yosef  bere",
            date(1980, 3, 4),
            "L",
        ),
        person(2, f"'{ANA_NIK}", "Ana Abi", "12-03-1990", "P"),
        person(3, SHORT_NIK, "Maria Nahak", "01/01/1970", "P"),
        person(4, YOSEF_NIK, "Yosef Bere", date(1980, 3, 4), "L"),
        update,
        person(6, DAMAGED_NIK, "Petrus Taek", date(1970, 1, 1), "L"),
        ["JUMLAH", None, "6 orang"],
        [],
        [None, None, None, None, None, None, "Kefamenanu, 7 Januari 2026"],
        [None, None, None, None, None, None, "Kepala Desa Aplasi"],
    ]
    return save(path, rows, merged=["A1:I1", "A2:I2", "A3:I3"])


def letters(number: int) -> str:
    """A name part unique to ``number`` (names hold no digits)."""
    text = ""
    while True:
        number, rest = divmod(number, 26)
        text += chr(65 + rest)
        if not number:
            return text


def big_list(path: Path, count: int, start: int = 1) -> Path:
    """``count`` valid new persons below the kop."""
    rows: list[list[Any]] = [*kop(), HEADER]
    for i in range(start, start + count):
        birth = date(1960 + i % 40, 1 + i % 12, 1 + i % 28)
        nik = make_nik(birth, Gender.MALE, 1 + i // 480)
        rows.append(person(i, nik, f"Peserta {letters(i)}", birth, "L"))
    return save(path, rows)
