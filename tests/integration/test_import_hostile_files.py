"""Workbooks built to hurt the reader: refused with a message naming the limit, never a crash."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from services.excel_import import ImportFileError, read_import_file
from services.excel_import.workbook_limits import MAX_COLUMNS, MAX_ROWS
from tests.hostile_files import HEADER_CELLS, far_cell_workbook, inline, workbook

ROOT = Path(__file__).resolve().parents[2]


def _refused(path: Path) -> str:
    with pytest.raises(ImportFileError) as caught:
        read_import_file(path)
    return caught.value.message


def test_a_value_at_the_last_cell_is_refused_in_a_process_that_survives(tmp_path: Path) -> None:
    # Run in a child: without the check calamine aborts the process (exit 134), which
    # would take the test run with it instead of failing one test.
    path = far_cell_workbook(tmp_path / "jauh.xlsx")
    script = (
        "import sys\n"
        "from services.excel_import import ImportFileError, read_import_file\n"
        "try:\n"
        "    read_import_file(sys.argv[1])\n"
        "except ImportFileError as e:\n"
        "    print(e.message)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script, str(path)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert "baris 1.048.576" in done.stdout and "XFD" in done.stdout
    assert "200.000 baris × 100 kolom" in done.stdout and 'Lembar "Daftar"' in done.stdout


def test_rows_and_columns_without_references_are_counted_as_calamine_places_them(
    tmp_path: Path,
) -> None:
    wide = "".join(f"<c><v>{n}</v></c>" for n in range(MAX_COLUMNS + 1))
    path = workbook(tmp_path / "lebar.xlsx", f"<row>{HEADER_CELLS}</row><row>{wide}</row>")
    assert f"kolom ke-{MAX_COLUMNS + 1}" in _refused(path)
    deep = f'<row r="1">{HEADER_CELLS}</row><row r="{MAX_ROWS}"><c><v>1</v></c></row><row/>'
    deep += "<row><c><v>2</v></c></row>"
    assert f"baris {MAX_ROWS + 2:,}".replace(",", ".") in _refused(
        workbook(tmp_path / "dalam.xlsx", deep)
    )


def test_a_sheet_at_an_odd_place_in_the_archive_is_checked_too(tmp_path: Path) -> None:
    rows = f'<row r="1">{HEADER_CELLS}</row><row r="5">{inline("ZZ5", "x")}</row>'
    path = workbook(tmp_path / "aneh.xlsx", rows, part="xl/lain/isi.xml")
    assert "kolom ZZ (kolom ke-702)" in _refused(path)


def test_a_list_at_the_limits_with_styled_empty_cells_far_away_is_read(tmp_path: Path) -> None:
    # Excel writes formatted empty cells; calamine skips them, so they must not refuse a list.
    rows = f'<row r="1">{HEADER_CELLS}</row><row r="2">{inline("A2", "5303")}'
    rows += f'{inline("CV2", "batas")}</row><row r="1048576"><c r="XFD1048576" s="1"/></row>'
    source = read_import_file(workbook(tmp_path / "rapi.xlsx", rows, dimension="A1:XFD1048576"))
    assert len(source.grid[0]) == MAX_COLUMNS and source.headers[:2] == ("NIK", "Nama Lengkap")


def test_a_compression_bomb_is_refused_before_reading(tmp_path: Path) -> None:
    filler = b"<!--" + b"0" * (30 * 1024 * 1024) + b"-->"
    path = workbook(
        tmp_path / "bom.xlsx", f"<row>{HEADER_CELLS}</row>", extra={"xl/sharedStrings.xml": filler}
    )
    assert path.stat().st_size < 200_000
    assert "membengkak" in _refused(path)


def test_a_csv_beyond_the_limits_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "lebar.csv"
    path.write_text(";".join(["NIK", "Nama"] + ["x"] * MAX_COLUMNS) + "\n", encoding="utf-8")
    assert "melebihi batas satu daftar peserta" in _refused(path)


def test_a_sheet_whose_xml_is_cut_off_is_damaged_not_a_crash(tmp_path: Path) -> None:
    path = tmp_path / "putus.xlsx"
    good = workbook(tmp_path / "utuh.xlsx", f"<row>{HEADER_CELLS}</row>")
    with zipfile.ZipFile(good) as source, zipfile.ZipFile(path, "w") as target:
        for info in source.infolist():
            data = source.read(info)
            if info.filename.endswith("sheet1.xml"):
                data = data[:-40]
            target.writestr(info, data)
    with pytest.raises(ImportFileError):
        read_import_file(path)
