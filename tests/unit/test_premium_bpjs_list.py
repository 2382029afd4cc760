"""Reading BPJS's billed-participant list: header anywhere, numbers as Excel leaves them."""

from __future__ import annotations

from typing import Any

import pytest

from services.excel_import.reading import RawSheet
from services.excel_import.types import ImportFileError
from services.premiums.bpjs_list import read_list

NIK = "5303055207850001"


def test_rows_below_a_title_with_kpj_typed_as_numbers() -> None:
    grid: list[list[Any]] = [
        ["REKAP TAGIHAN", "", "", ""],
        ["", "", "", ""],
        ["No", "NIK", "Nomor KPJ", "Nama Tenaga Kerja"],
        [1.0, NIK, 2.0, "MARIA"],  # calamine gives numbers as floats
        [2.0, "5303 0552 0785 0002", "", "YOHANA"],  # spaces in a NIK typed as text
        [3.0, 5.30305520785e15, "", "EXCEL RUSAK"],  # a NIK Excel turned into a float
        ["", "", "", ""],
        ["", "", "", "Jumlah"],
    ]
    rows = read_list(RawSheet(grid), "tagihan.xlsx", 2026)
    assert [(e["row_number"], e["nik"], e["kpj"], e["full_name"]) for e in rows.entries] == [
        (4, NIK, "00000000002", "MARIA"),
        (5, "5303055207850002", None, "YOHANA"),
        (6, None, None, "EXCEL RUSAK"),
    ]
    assert rows.unreadable == [6]


def test_a_list_without_nik_or_kpj_is_refused() -> None:
    grid: list[list[Any]] = [["No", "Nama", "Alamat"], [1, "MARIA", "Kefa"]]
    with pytest.raises(ImportFileError) as caught:
        read_list(RawSheet(grid), "x.xlsx", 2026)
    assert "Kolom NIK atau No. KPJ tidak ditemukan di x.xlsx" in caught.value.message


def test_a_sheet_without_any_header_is_refused() -> None:
    with pytest.raises(ImportFileError) as caught:
        read_list(RawSheet([["a", "b"], ["c", "d"]]), "x.xlsx", 2026)
    assert "Baris judul kolom" in caught.value.message
