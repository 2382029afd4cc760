"""`python main.py claims …`, run as a clerk would, from opening a claim to its slip."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pypdf

from tests.integration.claim_helpers import PDF
from tests.integration.test_cli import as_admin, first_admin


def test_a_claim_from_the_command_line(tmp_path: Path) -> None:
    first_admin(tmp_path)
    assert as_admin("demo-data", "--count", "3", "--seed", "7", home=tmp_path).returncode == 0
    found = as_admin("workers", "search", "5303", "--json", home=tmp_path)
    nik = json.loads(found.stdout)["rows"][0]["nik"]

    opened = as_admin(
        *("claims", "open", "--worker", nik, "--type", "jkk", "--date", "2025-09-01"),
        *("--time", "08:30", "--place", "Jalan Kefa–Atambua", "--context", "perjalanan"),
        *("--what", "Ditabrak sepeda motor", "--traffic"),
        home=tmp_path,
    )
    assert opened.returncode == 0, opened.stderr
    assert "Klaim #1 dibuka (JKK (kecelakaan kerja), draf)." in opened.stdout
    assert "Perhatian: Kecelakaan lalu lintas: catat nomor laporan polisi" in opened.stdout
    assert "Laporan tahap I: Terlambat." in opened.stdout

    scan = tmp_path / "kartu.pdf"
    scan.write_bytes(PDF)
    doc = as_admin(
        "claims", "doc", "1", "kartu_peserta", "--received", "--scan", str(scan), home=tmp_path
    )
    assert doc.returncode == 0, doc.stderr
    copy = tmp_path / "salinan.pdf"
    saved = as_admin("claims", "doc", "1", "kartu_peserta", "--save-scan", str(copy), home=tmp_path)
    assert saved.returncode == 0, saved.stderr
    assert copy.read_bytes() == PDF
    noted = as_admin(
        "claims", "doc", "1", "kartu_peserta", "--note", "asli sudah dilihat", home=tmp_path
    )
    assert "Belum diterima: 6." in noted.stdout  # of 7: a note leaves the item received

    skipped = as_admin("claims", "status", "1", "diajukan", "--letter-number", "1", home=tmp_path)
    assert skipped.returncode == 1
    assert "tidak dapat diubah langsung menjadi Diajukan ke BPJS" in skipped.stderr

    heir = as_admin(
        *("claims", "heir", "1", "--name", "Ana Nitbani", "--relation", "anak"), home=tmp_path
    )
    assert "ANA NITBANI — Anak, urutan 1, berhak" in heir.stdout

    listed = json.loads(as_admin("claims", "list", "--json", home=tmp_path).stdout)
    assert (listed["total"], listed["counts"]["draft"]) == (1, 1)
    row = listed["rows"][0]
    assert (row["claim_type"], row["deadline_state"], row["report_overdue"]) == (
        "jkk",
        "terlambat",
        True,
    )
    late = as_admin("claims", "list", "--deadline", "terlambat", home=tmp_path)
    assert "#1     JKK  Draf" in late.stdout and "TERLAMBAT" in late.stdout
    assert "1 klaim. Per status: Draf 1." in late.stdout

    shown = as_admin("claims", "show", "1", home=tmp_path)
    assert "[x] kartu_peserta: Kartu peserta BPJS Ketenagakerjaan [pindaian]" in shown.stdout
    assert "[ ] laporan_polisi: Laporan polisi" in shown.stdout
    assert "Perkiraan manfaat — besaran akhir ditetapkan BPJS Ketenagakerjaan:" in shown.stdout
    detail = json.loads(as_admin("claims", "show", "1", "--json", home=tmp_path).stdout)
    assert detail["event"]["event_time"] == "08:30:00"
    assert detail["eligibility"]["deadline_state"] == "terlambat"

    slip = tmp_path / "kurang.pdf"
    printed = as_admin("claims", "slip", "1", "-o", str(slip), home=tmp_path)
    assert printed.returncode == 0, printed.stderr
    reader = pypdf.PdfReader(io.BytesIO(slip.read_bytes()))
    assert len(reader.pages) == 1
    assert "Laporan polisi" in (reader.pages[0].extract_text() or "")
