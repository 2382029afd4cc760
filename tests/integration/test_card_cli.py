"""`print-cards` and `cards …` as a clerk runs them from a terminal."""

from __future__ import annotations

import json
from pathlib import Path

import pypdfium2 as pdfium
import zxingcpp
from pypdf import PdfReader

from tests.integration.cli_helpers import first_admin
from tests.integration.test_cli import as_admin


def test_print_hand_over_and_verify_from_the_command_line(tmp_path: Path) -> None:
    first_admin(tmp_path)
    seeded = as_admin("demo-data", "--count", "40", "--seed", "7", home=tmp_path)
    assert seeded.returncode == 0, seeded.stderr
    out = tmp_path / "kartu.pdf"

    printed = as_admin(
        "print-cards", "--not-printed", "--backs", "--start", "4", "-o", str(out), home=tmp_path
    )
    assert printed.returncode == 0, printed.stderr
    assert "dicatat sebagai cetakan #1" in printed.stdout
    cards = int(printed.stdout.split(" kartu")[0])
    assert 0 < cards <= 40
    fronts = -(-(cards + 3) // 10)  # the first sheet starts at card 4
    assert len(PdfReader(out).pages) == 2 * fronts

    again = as_admin("print-cards", "--not-printed", "-o", str(tmp_path / "x.pdf"), home=tmp_path)
    assert again.returncode == 1
    assert "Tidak ada" in again.stderr and not (tmp_path / "x.pdf").exists()

    batches = as_admin("cards", "batches", home=tmp_path)
    assert f"{cards} kartu" in batches.stdout and "belum pernah dicetak" in batches.stdout
    no_name = as_admin("cards", "hand-over", "--batch", "1", "--to", "desa", home=tmp_path)
    assert no_name.returncode == 1 and "nama petugas desa" in no_name.stderr
    handed = as_admin(
        "cards", "hand-over", "--batch", "1", "--to", "desa", "--name", "Yosef Abi", home=tmp_path
    )
    assert handed.returncode == 0, handed.stderr
    assert f"{cards} kartu dicatat diserahkan" in handed.stdout
    assert "0 kartu belum diserahkan" in as_admin("cards", "pending", home=tmp_path).stdout

    page = pdfium.PdfDocument(out)[0].render(scale=300 / 72).to_pil()
    payloads = [code.text for code in zxingcpp.read_barcodes(page)]
    assert payloads
    verified = as_admin("cards", "verify", payloads[0], home=tmp_path)
    assert verified.returncode == 0 and verified.stdout.startswith("Kartu asli")
    forged = as_admin("cards", "verify", payloads[0][:-2] + "ZZ", home=tmp_path)
    assert forged.returncode == 1


def test_calibration_is_saved_for_this_workstation(tmp_path: Path) -> None:
    first_admin(tmp_path)
    page = tmp_path / "kalibrasi.pdf"
    ran = as_admin(
        "cards", "calibration", "-o", str(page), "--x", "1.5", "--y", "-2", home=tmp_path
    )
    assert ran.returncode == 0, ran.stderr
    assert "geser 1.5 mm, -2 mm" in ran.stdout
    assert len(PdfReader(page).pages) == 1
    configs = list(tmp_path.rglob("workstation.json"))
    assert [json.loads(c.read_text())["card_offset_x_mm"] for c in configs] == [1.5]
    too_far = as_admin("cards", "calibration", "-o", str(page), "--x", "25", home=tmp_path)
    assert too_far.returncode == 1 and "Geser horizontal" in too_far.stderr
