"""Reading clerks' files: value types through calamine, CSV encodings, files that are
no workbook at all. Also the workbook builders the other import tests use."""

from __future__ import annotations

import zipfile
from collections.abc import Sequence
from datetime import date, datetime
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from services.excel_import import ImportFileError, read_import_file
from services.excel_import.reading import OLE2_MAGIC

HEADER = ["No", "NIK", "Nama Lengkap", "Tgl Lahir", "L/P", "Desa", "Kecamatan", "Pekerjaan"]


def save_workbook(
    path: Path,
    rows: Sequence[Sequence[Any]],
    merged: Sequence[str] = (),
    text_columns: Sequence[int] = (),
    sheet: str = "Daftar",
) -> Path:
    """An .xlsx as a clerk would send it; ``text_columns`` (1-based) get Excel's "@" format."""
    workbook = openpyxl.Workbook()
    ws = workbook.active
    ws.title = sheet
    for row in rows:
        ws.append(list(row))
    for column in text_columns:
        for (cell,) in ws.iter_rows(min_col=column, max_col=column):
            cell.number_format = "@"
    for area in merged:
        ws.merge_cells(area)
    workbook.save(path)
    return path


def titled(rows: Sequence[Sequence[Any]], header: Sequence[str] = HEADER) -> list[list[Any]]:
    """The list below a kop of title rows, the header in row 7 as many villages send it."""
    return [
        ["PEMERINTAH KABUPATEN TIMOR TENGAH UTARA"],
        ["DAFTAR NAMA PEKERJA RENTAN PENERIMA BANTUAN IURAN BPJS KETENAGAKERJAAN"],
        ["DESA APLASI KECAMATAN KOTA KEFAMENANU"],
        ["TAHUN ANGGARAN 2025"],
        [],
        [],
        list(header),
        *(list(r) for r in rows),
    ]


# -- value types --------------------------------------------------------------------


def test_calamine_keeps_dates_numbers_and_text_apart(tmp_path: Path) -> None:
    rows: list[list[Any]] = [
        ["NIK", "Nama", "Tgl Lahir", "Jam", "No HP", "RT", "Desa"],
        [
            "5303055207850001",
            "MARIA",
            date(1985, 7, 12),
            datetime(2025, 7, 7, 9, 30),
            "081234567890",
            3,
            "Aplasi",
        ],
        [5303051207850002, "YOHANES", "12-07-1985", 0.5, 81234567890, 1.5, "Aplasi"],
    ]
    source = read_import_file(save_workbook(tmp_path / "jenis.xlsx", rows))
    first, second = source.grid[1], source.grid[2]
    assert first[0] == "5303055207850001" and isinstance(first[0], str)
    assert first[2] == date(1985, 7, 12) and type(first[2]) is date
    assert first[3] == datetime(2025, 7, 7, 9, 30)
    assert first[4] == "081234567890"  # text keeps its leading zero
    assert first[5] == 3 and isinstance(first[5], float)
    # A 16-digit number arrives whole (a float holds it exactly below 2**53).
    assert second[0] == 5303051207850002.0 and isinstance(second[0], float)
    assert second[3] == 0.5 and second[5] == 1.5
    assert source.header_row == 0 and source.data_start == 1


def test_header_found_in_row_seven_below_title_rows(tmp_path: Path) -> None:
    path = save_workbook(
        tmp_path / "desa.xlsx",
        titled([[1, "5303055207850001", "MARIA", "12-07-1985", "P", "Aplasi", "Kota", "tani"]]),
        merged=["A1:H1", "A2:H2", "A3:H3"],
    )
    source = read_import_file(path)
    assert (source.header_row, source.data_start) == (6, 7)
    assert source.suggested.columns["nik"] == 1 and source.suggested.columns["occupation"] == 7


def test_the_first_sheet_with_a_list_is_chosen_and_others_can_be_named(tmp_path: Path) -> None:
    workbook = openpyxl.Workbook()
    workbook.active.title = "Petunjuk"
    workbook.active.append(["Isi daftar di lembar berikut"])
    data = workbook.create_sheet("Data Peserta")
    data.append(["NIK", "Nama", "Desa"])
    path = tmp_path / "dua.xlsx"
    workbook.save(path)
    assert read_import_file(path).sheet_name == "Data Peserta"
    with pytest.raises(ImportFileError) as caught:
        read_import_file(path, sheet="Lembar3")
    assert '"Petunjuk", "Data Peserta"' in caught.value.message
    with pytest.raises(ImportFileError) as caught:
        read_import_file(path, sheet="Petunjuk")
    assert "Judul kolom daftar peserta tidak ditemukan" in caught.value.message


# -- CSV ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("encoding", "delimiter"),
    [("utf-8-sig", ","), ("utf-8", ";"), ("cp1252", ";"), ("cp1252", ",")],
)
def test_csv_in_the_encodings_and_separators_excel_writes(
    tmp_path: Path, encoding: str, delimiter: str
) -> None:
    lines = [
        "DAFTAR PEKERJA RENTAN",
        delimiter.join(["NIK", "Nama Lengkap", "Tgl Lahir", "Desa"]),
        delimiter.join(["5303055207850001", "JOSÉ N'DUN", "12/07/1985", "Aplasi"]),
    ]
    path = tmp_path / "daftar.csv"
    path.write_bytes("\r\n".join(lines).encode(encoding))
    source = read_import_file(path)
    assert source.kind == "csv" and source.header_row == 1
    assert source.grid[2][:2] == ["5303055207850001", "JOSÉ N'DUN"]


# -- files that cannot be read --------------------------------------------------------


def _refused(path: Path) -> str:
    with pytest.raises(ImportFileError) as caught:
        read_import_file(path)
    return caught.value.message


def test_old_xls_is_refused_with_advice(tmp_path: Path) -> None:
    path = tmp_path / "lama.xls"
    path.write_bytes(OLE2_MAGIC + b"\x00" * 504 + "Workbook".encode("utf-16-le") + b"\x00" * 512)
    assert ".xls" in _refused(path) and "Excel Workbook (.xlsx)" in _refused(path)


def test_password_protected_workbook_is_refused(tmp_path: Path) -> None:
    # Excel saves an encrypted .xlsx as an OLE2 container with these two streams.
    body = "EncryptionInfo".encode("utf-16-le") + b"\x00" * 64
    body += "EncryptedPackage".encode("utf-16-le") + b"\x00" * 64
    path = tmp_path / "rahasia.xlsx"
    path.write_bytes(OLE2_MAGIC + b"\x00" * 504 + body)
    assert "dilindungi kata sandi" in _refused(path)


def test_a_damaged_workbook_is_refused(tmp_path: Path) -> None:
    good = save_workbook(tmp_path / "utuh.xlsx", [["NIK", "Nama", "Desa"]])
    broken = tmp_path / "rusak.xlsx"
    broken.write_bytes(good.read_bytes()[: len(good.read_bytes()) // 2])
    assert "rusak atau tidak lengkap" in _refused(broken)


def test_a_zip_that_is_no_workbook_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "surat.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("word/document.xml", "<w:document/>")
    assert "bukan lembar kerja Excel" in _refused(path)


@pytest.mark.parametrize("content", [b"%PDF-1.7\n\x00\x01binary", b"\x89PNG\r\n\x1a\n\x00"])
def test_other_files_are_refused(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "daftar.csv"
    path.write_bytes(content)
    assert "bukan lembar kerja Excel (.xlsx) atau CSV" in _refused(path)


def test_empty_and_missing_files(tmp_path: Path) -> None:
    empty = tmp_path / "kosong.csv"
    empty.write_bytes(b"")
    assert "kosong" in _refused(empty)
    assert "tidak ditemukan" in _refused(tmp_path / "tidak-ada.xlsx")


def test_a_text_file_without_columns_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "catatan.csv"
    path.write_text("hanya catatan\ntanpa kolom\n", encoding="utf-8")
    assert "tidak berbentuk tabel" in _refused(path)
