"""`premium ...` and `report ...` as a clerk runs them (SQLite)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import openpyxl
from pypdf import PdfReader

from tests.integration.cli_helpers import first_admin
from tests.integration.test_cli import as_admin


def test_bill_payment_budget_list_and_reconciliation(tmp_path: Path) -> None:
    first_admin(tmp_path)
    assert as_admin("demo-data", "--count", "60", "--seed", "4", home=tmp_path).returncode == 0
    shown = as_admin("premium", "show", "--period", "2025-08", home=tmp_path)
    assert shown.returncode == 0, shown.stderr
    assert "Iuran Agustus 2025. Peserta yang mulai atau berhenti" in shown.stdout
    added = as_admin(
        "premium", "bill-add", "--period", "2025-08", "--number", "TAG/08/2025",
        "--date", "05-09-2025", "--workers", "3", "--amount", "50.400", home=tmp_path,
    )  # fmt: skip
    assert added.returncode == 0, added.stderr
    assert "Tagihan #1 TAG/08/2025 (Agustus 2025) dicatat: Rp50.400,00." in added.stdout
    paid = as_admin(
        "premium", "pay", "--bill", "1", "--date", "2025-09-20", "--amount", "Rp50.400,00",
        "--reference", "SP2D 9/2025", home=tmp_path,
    )  # fmt: skip
    assert paid.returncode == 0, paid.stderr
    over = as_admin(
        "premium", "pay", "--bill", "1", "--date", "2025-09-21", "--amount", "1",
        "--reference", "SP2D 10/2025", home=tmp_path,
    )  # fmt: skip
    assert over.returncode == 1 and "melebihi sisa tagihan Rp0,00" in over.stderr
    budget = as_admin(
        "premium", "budget-set", "--year", "2025", "--funding", "apbd_kab",
        "--amount", "3000000000", "--code", "5.1.02", home=tmp_path,
    )  # fmt: skip
    assert "Pagu APBD Kabupaten 2025: Rp3.000.000.000,00." in budget.stdout
    with sqlite3.connect(tmp_path / "sirentan.db") as conn:
        niks = [n for (n,) in conn.execute("SELECT nik FROM worker ORDER BY id LIMIT 2")]
    listing = tmp_path / "bpjs.csv"
    listing.write_text(f"NIK;Nama\n{niks[0]};A\n{niks[1]};B\n5303050101900009;C\n")
    imported = as_admin("premium", "import-bpjs", "--bill", "1", str(listing), home=tmp_path)
    assert imported.returncode == 0, imported.stderr
    assert "3 baris, 2 cocok dengan register" in imported.stdout
    differences = as_admin("premium", "differences", "1", home=tmp_path)
    assert differences.returncode == 0, differences.stderr
    assert "Ditagih, tidak terdaftar baris 4: C NIK 5303050101900009" in differences.stdout
    recon = as_admin("premium", "reconcile", "--period", "2025-08", home=tmp_path)
    assert "Agustus 2025 APBD Kabupaten: dihitung" in recon.stdout
    assert "ditagih 3 / Rp50.400,00" in recon.stdout
    bills = as_admin("premium", "bills", "--year", "2025", home=tmp_path)
    assert "bayar #1 20-09-2025 SP2D 9/2025 Rp50.400,00" in bills.stdout
    assert "daftar 3" in bills.stdout
    status = as_admin("premium", "budget", "--year", "2025", home=tmp_path)
    assert "APBD Kabupaten: pagu Rp3.000.000.000,00; dibayar Rp50.400,00" in status.stdout


def test_reports_from_the_command_line(tmp_path: Path) -> None:
    first_admin(tmp_path)
    assert as_admin("demo-data", "--count", "40", "--seed", "9", home=tmp_path).returncode == 0
    recap = tmp_path / "rekap.xlsx"
    made = as_admin("report", "recap", "-o", str(recap), "--kecamatan", "53.03.05", home=tmp_path)
    assert made.returncode == 0, made.stderr
    assert f"ditulis ke {recap}: 2 lembar" in made.stdout
    sheet = openpyxl.load_workbook(recap).worksheets[0]
    assert sheet["A1"].value == "Rekapitulasi Kepesertaan per Kecamatan dan Desa"
    assert sheet["A3"].value == "Saringan: Kecamatan Kota Kefamenanu"
    pdf = tmp_path / "iuran.pdf"
    made = as_admin("report", "premium", "--period", "2025-08", "-o", str(pdf), home=tmp_path)
    assert made.returncode == 0, made.stderr
    assert "bulan Agustus 2025" in PdfReader(pdf).pages[0].extract_text()
    refused = as_admin("report", "village-list", "-o", str(tmp_path / "d.pdf"), home=tmp_path)
    assert refused.returncode == 1 and "Pilih desa/kelurahan" in refused.stderr
    wrong = as_admin("report", "recap", "--period", "agustus", "-o", "x.pdf", home=tmp_path)
    assert wrong.returncode == 1 and "tulis seperti 2026-07" in wrong.stderr
