"""`import-workers`, `import-batches`, `import-undo` and `export-workers` as a clerk runs them."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import openpyxl

from services.excel_import.reading import OLE2_MAGIC
from tests.integration.cli_helpers import first_admin
from tests.integration.test_cli import as_admin
from tests.integration.test_import_reading import save_workbook
from tests.integration.test_import_rows import HEADER as MESSY_HEADER
from tests.integration.test_import_rows import MESSY_ROWS, titled


def _messy(tmp_path: Path) -> Path:
    return save_workbook(tmp_path / "aplasi.xlsx", titled(MESSY_ROWS, MESSY_HEADER))


def test_dry_run_prints_exactly_the_json_shape_and_writes_nothing(tmp_path: Path) -> None:
    first_admin(tmp_path)
    ran = as_admin("import-workers", str(_messy(tmp_path)), "--dry-run", "--json", home=tmp_path)
    assert ran.returncode == 0, ran.stderr
    output = json.loads(ran.stdout)
    assert list(output) == ["counts", "rows"]
    assert list(output["counts"]) == ["new", "update", "warning", "rejected", "ignored"]
    assert output["counts"]["rejected"] == 7
    assert {tuple(r) for r in output["rows"]} == {("row", "status", "nik", "messages")}
    rejected = next(r for r in output["rows"] if r["row"] == 12)
    assert rejected["status"] == "rejected" and rejected["nik"] == "5.30305E+15"
    assert "format ilmiah Excel" in rejected["messages"][0]
    with sqlite3.connect(tmp_path / "sirentan.db") as conn:
        assert conn.execute("SELECT count(*) FROM worker").fetchone() == (0,)


def test_commit_with_rejected_rows_still_succeeds_and_writes_the_report(tmp_path: Path) -> None:
    first_admin(tmp_path)
    report = tmp_path / "hasil.xlsx"
    ran = as_admin("import-workers", str(_messy(tmp_path)), "--report", str(report), home=tmp_path)
    assert ran.returncode == 0, ran.stderr
    assert "Disimpan sebagai impor #" in ran.stdout and "10 peserta baru" in ran.stdout
    assert "Baris 12: Ditolak" in ran.stdout
    sheet = openpyxl.load_workbook(report).active
    header = [c.value for c in sheet[4]]
    assert header[:4] == ["Baris", "Status", "Keterangan", "No"]
    statuses = [sheet.cell(row=r, column=2).value for r in range(5, sheet.max_row + 1)]
    assert statuses[:7] == ["Ditolak"] * 7 and statuses[-1] == "Dilewati"
    assert sheet.freeze_panes == "D5"
    listing = as_admin("import-batches", home=tmp_path)
    assert "aplasi.xlsx" in listing.stdout and "sudah disimpan" in listing.stdout
    undone = as_admin("import-undo", "1", home=tmp_path)
    assert undone.returncode == 0, undone.stderr
    assert "10 peserta baru dihapus" in undone.stdout


def test_an_unreadable_file_exits_non_zero_with_the_reason(tmp_path: Path) -> None:
    first_admin(tmp_path)
    old = tmp_path / "lama.xls"
    old.write_bytes(OLE2_MAGIC + b"\x00" * 1024)
    ran = as_admin("import-workers", str(old), "--json", home=tmp_path)
    assert ran.returncode != 0
    assert "Excel lama (.xls" in ran.stderr and ran.stdout == ""


def test_export_command_writes_the_chosen_format(tmp_path: Path) -> None:
    first_admin(tmp_path)
    # Covered from the start of the year: BPJS's list names only workers covered today.
    imported = as_admin(
        "import-workers", str(_messy(tmp_path)), "--coverage-start", "2026-01-01", home=tmp_path
    )
    assert imported.returncode == 0, imported.stderr
    out = tmp_path / "bpjs.xlsx"
    ran = as_admin(
        "export-workers", "-o", str(out), "--format", "bpjs", "--kecamatan", "53.03.05",
        home=tmp_path,
    )  # fmt: skip
    assert ran.returncode == 0, ran.stderr
    assert "Daftar pendaftaran kolektif BPJS ditulis" in ran.stdout
    sheet = openpyxl.load_workbook(out).active
    assert sheet["A2"].value == "Saringan: Kecamatan Kota Kefamenanu"
    assert sheet["A4"].value == "NIK" and sheet["B4"].value == "NAMA"
    kecamatan = {sheet.cell(row=r, column=8).value for r in range(5, sheet.max_row + 1)}
    assert kecamatan == {"Kota Kefamenanu"}
