"""`python main.py agreement|letter|letters|signatories`, run as a clerk would: the same
register as the GUI, numbers, reprints, cancellations and template edits included."""

from __future__ import annotations

import json
from pathlib import Path

from models.database import make_engine
from models.enums import Gender
from services.core.context import ServiceContext
from tests.conftest import OPERATOR, office_day_now
from tests.integration.cli_helpers import first_admin
from tests.integration.document_helpers import (
    KADIS_NIP,
    claim_worker,
    emblem_png,
    image_sizes,
    pdf_text,
)
from tests.integration.test_cli import as_admin


def _ok(*args: str, home: Path) -> str:
    result = as_admin(*args, home=home)
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_agreement_and_letters_from_the_command_line(tmp_path: Path) -> None:
    first_admin(tmp_path)
    kadis = _ok(
        *("signatories", "add", "--name", "Simon Soge", "--position", "Kepala Dinas Tenaga Kerja"),
        *("--rank", "Pembina Utama Muda (IV/c)", "--nip", KADIS_NIP),
        home=tmp_path,
    )
    assert "dicatat dengan ID 1" in kadis
    bad = as_admin(
        "signatories", "add", "--name", "X", "--position", "Y", "--nip", "123", home=tmp_path
    )
    assert bad.returncode == 1 and "NIP penandatangan harus 18 angka" in bad.stderr
    _ok(
        *("signatories", "add", "--name", "Yosep Falentinus Delasalle Kebo"),
        *("--position", "Bupati Timor Tengah Utara", "--regional-head"),
        home=tmp_path,
    )
    _ok("demo-data", "--count", "20", "--seed", "4", home=tmp_path)

    pks = tmp_path / "pks.pdf"
    agreement = (
        *("agreement", "-o", str(pks), "--count-date", office_day_now().isoformat()),
        *("--date", "2025-07-07", "--bpjs-head", "Maria Yosefina Bere", "--bpjs-npk", "E1"),
        *("--bpjs-decree", "Keputusan Direksi Nomor KEP/1/2025", "--bpjs-number", "PKS/1/2025"),
        *("--budget-code", "5.1.02", "--apbd-regulation", "12 Tahun 2024"),
        *("--bpjs-account", "Bank NTT 001.01.02.003456-7"),
    )
    missing = as_admin(*agreement, home=tmp_path)
    assert missing.returncode == 1 and "Dasar kewenangan Yosep" in missing.stderr
    _ok("signatories", "set", "2", "--authority", "Keputusan Mendagri Nomor 1", home=tmp_path)
    # No emblem stored yet: issuing with the placeholder needs its own confirmation.
    refused = as_admin(*agreement, home=tmp_path)
    assert refused.returncode == 1 and "masih memakai lambang contoh" in refused.stderr
    assert "--confirm-placeholder" in refused.stderr and not pks.exists()
    made = _ok(*agreement, "--confirm-placeholder", home=tmp_path)
    assert "Perjanjian Kerja Sama nomor 500.15/1/PKS/Nakertrans/VII/2025" in made
    assert "× Rp16.800,00 × 6 bulan = Rp" in made
    text = pdf_text(pks.read_bytes())
    assert "berdasarkan Keputusan Mendagri Nomor 1, untuk dan atas nama" in text

    emblem = tmp_path / "lambang.png"
    emblem.write_bytes(emblem_png())
    stored = _ok("settings", "emblem", str(emblem), home=tmp_path)
    assert "Lambang daerah (kop surat) disimpan: lambang.png, 240 × 300 piksel" in stored

    # The claim letters' workers, registered (a letter about a worker needs one).
    ctx = ServiceContext.for_engine(make_engine(f"sqlite:///{tmp_path / 'sirentan.db'}"), OPERATOR)
    claim_worker(ctx)
    claim_worker(ctx, 2, gender=Gender.MALE, full_name="Petrus Bria")
    ctx.engine.dispose()
    unknown = as_admin(
        *("letter", "klaim", "--program", "jkm", "--worker-nik", "5303055207850009"),
        *("--event-date", "2025-07-20", "--claimant-name", "Y", "--claimant-relation", "Suami"),
        *("--document", "Akta", "--date", "2025-08-01", "--signatory", "1"),
        *("-o", str(tmp_path / "x.pdf")),
        home=tmp_path,
    )
    assert unknown.returncode == 1 and "tidak terdaftar di register" in unknown.stderr
    claim = tmp_path / "klaim.pdf"
    _ok(
        *("letter", "klaim", "--program", "jkm"),
        *("--worker-nik", "5303055207850001", "--event-date", "2025-07-20"),
        *("--claimant-name", "Yohanes Taek", "--claimant-relation", "Suami"),
        *("--document", "Akta kematian", "--document", "Kartu Keluarga"),
        *("--date", "2025-08-01", "--signatory", "1", "-o", str(claim)),
        home=tmp_path,
    )
    number = "500.15.14.2/1/Nakertrans/VIII/2025"
    assert f"Nomor : {number}" in pdf_text(claim.read_bytes())
    assert (240, 300) in image_sizes(claim.read_bytes())  # the stored emblem, not the placeholder

    again = tmp_path / "ulang.pdf"
    _ok("letters", "reprint", number, "-o", str(again), home=tmp_path)
    assert again.read_bytes() == claim.read_bytes()
    _ok("letters", "cancel", number, "--reason", "Salah nama ahli waris", home=tmp_path)
    listed = json.loads(_ok("letters", "list", "--json", home=tmp_path))
    assert [(e["number"], e["status"]) for e in listed] == [
        ("500.15/1/PKS/Nakertrans/VII/2025", "terbit"),
        (number, "batal"),
    ]
    assert listed[1]["status_reason"] == "Salah nama ahli waris"

    template = tmp_path / "klaim.txt"
    template.write_text(
        _ok("letters", "template", "show", "letter.klaim", home=tmp_path).replace(
            "Demikian permohonan", "Atas bantuan Bapak/Ibu, demikian permohonan"
        ),
        encoding="utf-8",
    )
    _ok("letters", "template", "set", "letter.klaim", str(template), home=tmp_path)
    second = tmp_path / "klaim2.pdf"
    claim_args = (
        *("letter", "klaim", "--program", "jkk", "--worker-name", "PETRUS BRIA"),
        *("--worker-nik", "5303051207850002", "--event-date", "2025-07-21"),
        *("--claimant-name", "Petrus Bria", "--claimant-relation", "Peserta sendiri"),
        *("--document", "Laporan kecelakaan", "--signatory", "1", "-o", str(second)),
    )
    # A cancelled letter cannot be corrected; a new one uses the edited wording.
    refused = as_admin(*claim_args, "--replaces", number, home=tmp_path)
    assert refused.returncode == 1 and "tidak dapat diralat" in refused.stderr
    _ok(*claim_args, "--date", "2025-08-02", "--preview", home=tmp_path)
    text = pdf_text(second.read_bytes())
    assert "Atas bantuan Bapak/Ibu, demikian permohonan" in text and "PRATINJAU" in text


def test_letter_needs_a_signatory_choice(tmp_path: Path) -> None:
    first_admin(tmp_path)
    result = as_admin(
        *("letter", "iuran", "--period", "2025-07", "--workers", "5"),
        *("-o", str(tmp_path / "x.pdf")),
        home=tmp_path,
    )
    assert result.returncode == 1
    assert "Sebutkan penandatangan dengan --signatory ID" in result.stderr
