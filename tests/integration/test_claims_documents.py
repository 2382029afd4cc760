"""The claim's checklist, its scans (stored in the database, read back byte for byte on both
engines) and the "what is still missing" slip, parsed from its PDF."""

from __future__ import annotations

import hashlib
import io
import os
from datetime import date
from pathlib import Path

import pypdf
import pypdfium2 as pdfium
import pytest
from sqlalchemy import func, select

from models import AuditEntry, ClaimAttachment, ClaimDocument
from models.enums import ClaimHeirRelation
from services import claims
from services.claims.missing_slip import write_missing_slip
from services.core.context import ServiceContext
from services.core.errors import ValidationError
from tests.integration.claim_helpers import NOW, PDF, TODAY, jkk, jkm, make_worker, set_setting

PNG = b"\x89PNG\r\n\x1a\n" + os.urandom(300_000)
JPG = b"\xff\xd8\xff\xe1" + bytes(range(256)) * 1000 + b"\x00\x00\xff\xd9"


@pytest.fixture
def claim(ctx: ServiceContext) -> claims.ClaimDetail:
    return claims.open_claim(ctx, make_worker(ctx), jkm(), now=NOW)


def test_scans_are_read_back_byte_for_byte(ctx: ServiceContext, claim: claims.ClaimDetail) -> None:
    for item, name, content in (
        ("akta_kematian", "akta.pdf", PDF),
        ("kartu_keluarga", "C:\\Pindaian\\KK keluarga.png", PNG),
        ("ktp_peserta", "ktp.JPG", JPG),
    ):
        detail = claims.attach_scan(ctx, claim.id, item, name, content, now=NOW)
        info = next(d for d in detail.documents if d.item_code == item).attachment
        assert info is not None and info.size == len(content)
        assert info.sha256 == hashlib.sha256(content).hexdigest()
        scan = claims.open_scan(ctx, claim.id, item)
        assert scan.content == content
        assert scan.sha256 == info.sha256
    assert claims.open_scan(ctx, claim.id, "kartu_keluarga").file_name == "KK keluarga.png"
    assert claims.open_scan(ctx, claim.id, "ktp_peserta").content_type == "image/jpeg"
    # A scan does not by itself mark the paper received: the clerk checks the original.
    assert not next(d for d in detail.documents if d.item_code == "akta_kematian").received


def test_replacing_and_removing_a_scan(ctx: ServiceContext, claim: claims.ClaimDetail) -> None:
    claims.attach_scan(ctx, claim.id, "akta_kematian", "akta.pdf", PDF, now=NOW)
    claims.attach_scan(ctx, claim.id, "akta_kematian", "akta-baru.png", PNG, now=NOW)
    assert claims.open_scan(ctx, claim.id, "akta_kematian").content == PNG
    detail = claims.remove_scan(ctx, claim.id, "akta_kematian", now=NOW)
    assert next(d for d in detail.documents if d.item_code == "akta_kematian").attachment is None
    with ctx.session_factory() as session:
        assert session.scalar(select(func.count()).select_from(ClaimAttachment)) == 0
    with pytest.raises(ValidationError) as caught:
        claims.open_scan(ctx, claim.id, "akta_kematian")
    assert "belum punya pindaian" in caught.value.message


@pytest.mark.parametrize(
    ("name", "content", "code", "text"),
    [
        ("akta.pdf", b"", "scan_empty", "Berkas akta.pdf kosong (0 bita)."),
        ("akta.pdf", PNG, "scan_signature", "berakhiran .pdf tetapi isinya PNG"),
        ("akta.png", PDF, "scan_signature", "berakhiran .png tetapi isinya PDF"),
        ("akta.docx", PDF, "scan_type", "bukan PDF, JPG atau PNG"),
        ("akta.pdf", b"%PDF-" + bytes(1024 * 1024), "scan_too_large", "melebihi batas 1 MB"),
    ],
)
def test_bad_scans_are_refused_with_a_clear_message_and_nothing_changes(
    ctx: ServiceContext,
    claim: claims.ClaimDetail,
    name: str,
    content: bytes,
    code: str,
    text: str,
) -> None:
    set_setting(ctx, "claims.attachment_max_mb", "1")
    claims.attach_scan(ctx, claim.id, "akta_kematian", "lama.pdf", PDF, now=NOW)
    with pytest.raises(ValidationError) as caught:
        claims.attach_scan(ctx, claim.id, "akta_kematian", name, content, now=NOW)
    assert [p.code for p in caught.value.problems] == [code]
    assert text in caught.value.message
    assert f"dokumen 'Akta kematian atau surat keterangan kematian' pada klaim JKM #{claim.id}" in (
        caught.value.message
    )
    assert claims.open_scan(ctx, claim.id, "akta_kematian").content == PDF


def test_an_unknown_checklist_item_is_refused(
    ctx: ServiceContext, claim: claims.ClaimDetail
) -> None:
    with pytest.raises(ValidationError) as caught:
        claims.update_document(ctx, claim.id, claims.DocumentUpdate("laporan_polisi", True))
    assert "Dokumen 'laporan_polisi' tidak ada di daftar dokumen klaim JKM" in (
        caught.value.message
    )
    assert "kartu_peserta, ktp_peserta" in caught.value.message
    with ctx.session_factory() as session:
        assert session.scalar(select(func.count()).select_from(ClaimDocument)) == 0


def test_received_items_keep_date_and_note_and_unreceiving_clears_the_date(
    ctx: ServiceContext, claim: claims.ClaimDetail
) -> None:
    update = claims.DocumentUpdate("kartu_keluarga", True, TODAY, "  fotokopi   dilegalisir ")
    detail = claims.update_document(ctx, claim.id, update, now=NOW)
    item = next(d for d in detail.documents if d.item_code == "kartu_keluarga")
    assert (item.received, item.received_on, item.note) == (True, TODAY, "fotokopi dilegalisir")
    detail = claims.update_document(
        ctx, claim.id, claims.DocumentUpdate("kartu_keluarga", False), now=NOW
    )
    item = next(d for d in detail.documents if d.item_code == "kartu_keluarga")
    assert (item.received, item.received_on, item.missing) == (False, None, True)


def test_the_checklist_follows_the_claim(ctx: ServiceContext) -> None:
    worker_id = make_worker(ctx)
    accident = claims.open_claim(ctx, worker_id, jkk(traffic_accident=True), now=NOW)
    applicable = {d.item_code for d in accident.documents if d.applicable}
    assert "laporan_polisi" in applicable
    assert not applicable & {"akta_kematian", "surat_ahli_waris", "npwp"}
    optional = next(d for d in accident.documents if d.item_code == "kuitansi")
    assert optional.applicable and not optional.required and not optional.missing
    death = claims.open_claim(ctx, make_worker(ctx, 2), jkm(), heirs=[], now=NOW)
    assert not next(d for d in death.documents if d.item_code == "buku_nikah").applicable
    child = claims.ClaimHeirInput("ANAK", ClaimHeirRelation.CHILD)
    death = claims.set_heirs(ctx, death.id, [child], death.version, now=NOW)
    assert not next(d for d in death.documents if d.item_code == "buku_nikah").applicable
    spouse = claims.ClaimHeirInput("ISTRI", ClaimHeirRelation.SPOUSE)
    death = claims.set_heirs(ctx, death.id, [child, spouse], death.version, now=NOW)
    assert next(d for d in death.documents if d.item_code == "buku_nikah").missing


def _pdf_text(path: Path) -> tuple[pypdf.PdfReader, str]:
    reader = pypdf.PdfReader(io.BytesIO(path.read_bytes()))
    return reader, " ".join((page.extract_text() or "") for page in reader.pages)


def test_the_missing_documents_slip(
    ctx: ServiceContext, claim: claims.ClaimDetail, tmp_path: Path
) -> None:
    claims.update_document(ctx, claim.id, claims.DocumentUpdate("kartu_peserta", True), now=NOW)
    path = write_missing_slip(ctx, claim.id, tmp_path / "kurang.pdf", now=NOW)
    reader, text = _pdf_text(path)
    assert len(reader.pages) == 1
    width, height = (float(v) for v in reader.pages[0].mediabox[2:])
    assert (round(width), round(height)) == (595, 842)  # A4
    words = " ".join(text.split())
    for expected in (
        "DAFTAR BERKAS YANG MASIH KURANG",
        f"Klaim JKM (kematian) nomor {claim.id}",
        "MARIA GORETI TAEK B",
        "00000000001",
        "10 Oktober 2025",
        "YOHANES TAEK",
        "Akta kematian atau surat keterangan kematian",
        "Buku nikah / akta perkawinan",
        "Diperlukan bila ahli warisnya suami atau istri.",
        "Sudah kami terima: Kartu peserta BPJS Ketenagakerjaan.",
        # The seeded hint says "almarhum/almarhumah"; the slip says which.
        "KTP elektronik almarhumah, asli dan fotokopi.",
    ):
        assert expected in words, expected
    assert "almarhum/" not in words
    # The domain notes give no lapse for JKM: the slip states none (no "2 years").
    assert "hangus" not in words and "paling lambat" not in words
    assert "NPWP" not in words and claim.worker.nik not in words
    assert words.count("☐") == len(claim.missing_documents) - 1
    # Rendered, the page has ink on it (pdfium, as the GUI's preview draws it).
    image = pdfium.PdfDocument(str(path))[0].render(scale=1).to_pil().convert("L")
    assert image.getextrema()[0] < 50
    with ctx.session_factory() as session:
        printed = session.scalars(select(AuditEntry).where(AuditEntry.action == "print")).one()
    assert (printed.entity, printed.entity_id) == ("claim", str(claim.id))


def test_the_slip_states_the_lapse_the_office_knows(
    ctx: ServiceContext, claim: claims.ClaimDetail, tmp_path: Path
) -> None:
    """JKK: 5 years since the accident (PP 82/2019 Pasal 26, the setting's default) is
    printed as a date; JKM gets a date only once the office has set a lapse for it."""
    accident = claims.open_claim(ctx, make_worker(ctx, 2), jkk(), now=NOW)
    _, text = _pdf_text(write_missing_slip(ctx, accident.id, tmp_path / "jkk.pdf", now=NOW))
    words = " ".join(text.split())
    assert "harus diajukan paling lambat 19 Oktober 2030" in words
    set_setting(ctx, "claims.jkm_lapse_months", "24")
    _, text = _pdf_text(write_missing_slip(ctx, claim.id, tmp_path / "jkm.pdf", now=NOW))
    assert "harus diajukan paling lambat 10 Oktober 2027" in " ".join(text.split())


def test_the_slip_of_a_complete_file_says_so(
    ctx: ServiceContext, claim: claims.ClaimDetail, tmp_path: Path
) -> None:
    for item in claim.missing_documents:
        claims.update_document(ctx, claim.id, claims.DocumentUpdate(item.item_code, True), now=NOW)
    path = write_missing_slip(ctx, claim.id, tmp_path / "lengkap.pdf", now=NOW)
    _, text = _pdf_text(path)
    assert "Semua dokumen yang diperlukan sudah kami terima" in " ".join(text.split())


def test_the_slip_tells_the_family_when_the_claim_looks_ineligible(
    ctx: ServiceContext, tmp_path: Path
) -> None:
    worker_id = make_worker(ctx, coverage_end=date(2025, 9, 30))
    detail = claims.open_claim(ctx, worker_id, jkm(), now=NOW)
    path = write_missing_slip(ctx, detail.id, tmp_path / "kurang.pdf", now=NOW)
    words = " ".join(_pdf_text(path)[1].split())
    assert (
        "Perhatian: Tidak terlindungi pada 10 Oktober 2025: kepesertaan berakhir "
        "30 September 2025. Keputusan akhir ada pada BPJS Ketenagakerjaan." in words
    )
