"""`python main.py claims …`, run as a clerk would, from opening a claim to its slip."""

from __future__ import annotations

import io
import json
import sqlite3
from contextlib import closing
from pathlib import Path

import pypdf

from tests.integration.claim_helpers import PDF
from tests.integration.cli_helpers import first_admin
from tests.integration.test_cli import as_admin


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
    # TTU's office clock, named as clerks read it after an hour.
    assert detail["zone"] == detail["eligibility"]["zone"] == row["zone"] == "WITA"

    slip = tmp_path / "kurang.pdf"
    printed = as_admin("claims", "slip", "1", "-o", str(slip), home=tmp_path)
    assert printed.returncode == 0, printed.stderr
    reader = pypdf.PdfReader(io.BytesIO(slip.read_bytes()))
    assert len(reader.pages) == 1
    assert "Laporan polisi" in (reader.pages[0].extract_text() or "")


def test_the_reference_tables_and_the_refresh_from_the_command_line(tmp_path: Path) -> None:
    first_admin(tmp_path)
    assert as_admin("demo-data", "--count", "3", "--seed", "7", home=tmp_path).returncode == 0
    found = as_admin("workers", "search", "5303", "--json", home=tmp_path)
    nik = json.loads(found.stdout)["rows"][0]["nik"]
    opened = as_admin(
        *("claims", "open", "--worker", nik, "--type", "jkm", "--date", "2025-09-01"),
        *("--place", "Desa Aplasi", "--cause", "Sakit"),
        home=tmp_path,
    )
    assert opened.returncode == 0, opened.stderr

    items = as_admin("claims", "checklist", "list", "--type", "jkm", home=tmp_path)
    assert "JKM    10  kartu_peserta          wajib       Kartu peserta" in items.stdout
    assert "[bila: pasangan]" in items.stdout
    added = as_admin(
        *("claims", "checklist", "set", "jkm", "surat_desa", "--label", "Surat pengantar desa"),
        *("--optional", "--condition", "meninggal"),
        home=tmp_path,
    )
    assert "Dokumen JKM surat_desa disimpan: Surat pengantar desa." in added.stdout
    retired = as_admin(
        "claims", "checklist", "set", "jkm", "surat_desa", "--inactive", home=tmp_path
    )
    assert retired.returncode == 0, retired.stderr
    rows = json.loads(as_admin("claims", "checklist", "list", "--json", home=tmp_path).stdout)
    new = next(r for r in rows if r["code"] == "surat_desa")
    assert (new["required"], new["active"], new["condition"], new["sort_order"]) == (
        False,
        False,
        "meninggal",
        120,
    )
    bad = as_admin("claims", "checklist", "set", "jkm", "baru", home=tmp_path)
    assert bad.returncode == 1 and "Nama wajib diisi." in bad.stderr

    raised = as_admin(
        *("claims", "rates", "set", "jkm_awal_pemakaman", "--valid-from", "2025-08-01"),
        *("--amount", "3000000"),
        home=tmp_path,
    )
    assert raised.returncode == 0, raised.stderr
    assert "berlaku 01-08-2025 s.d. sekarang disimpan: Jumlah tetap Rp3.000.000." in (raised.stdout)
    rates = as_admin("claims", "rates", "list", home=tmp_path).stdout
    assert "jkm_awal_pemakaman       02-12-2019 s.d. 25-02-2025" in rates
    # Permenaker 1/2025: the first three months pay the funeral cost alone.
    assert "jkm_awal_pemakaman       26-02-2025 s.d. 31-07-2025" in rates
    assert "Kali penghasilan dilaporkan × 48, min. Rp20.000.000" in rates
    listed = json.loads(as_admin("claims", "rates", "list", "--json", home=tmp_path).stdout)
    assert {"code": "jkm_awal_pemakaman", "valid_from": "2025-08-01"}.items() <= next(
        r for r in listed if r["valid_from"] == "2025-08-01"
    ).items()
    # Under three months of membership: the reduced benefit, with the new funeral amount.
    shown = json.loads(as_admin("claims", "show", "1", "--json", home=tmp_path).stdout)
    assert shown["benefit"]["total"] == 3_000_000
    assert _stored_estimate(tmp_path) == 3_000_000  # the rate change recomputed it

    with closing(sqlite3.connect(tmp_path / "sirentan.db")) as db, db:
        db.execute("UPDATE claim SET estimated_benefit = NULL")  # as before migration 0008
    refreshed = as_admin("claims", "refresh", home=tmp_path)
    assert refreshed.returncode == 0, refreshed.stderr
    assert "1 klaim diperbarui" in refreshed.stdout
    assert _stored_estimate(tmp_path) == 3_000_000


def _stored_estimate(home: Path) -> int | None:
    with closing(sqlite3.connect(home / "sirentan.db")) as db:
        return db.execute("SELECT estimated_benefit FROM claim WHERE id = 1").fetchone()[0]
