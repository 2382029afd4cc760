"""The five letters, issued on both engines and read back: numbers, names, dates, totals
and words in the text; the layout's parts; the register line; rendered pages not blank."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

import pytest

from models.enums import FundingSource, Role
from services.context import ServiceContext
from services.documents import (
    DocumentKind,
    HeirNoticeLetter,
    LetterRequest,
    MembershipLetter,
    PageSize,
    PremiumLetter,
    RegistrationLetter,
    Sifat,
    SignatoryItem,
    issue_letter,
    list_documents,
    preview_letter,
    set_signatory_active,
)
from services.documents.dates_words import add_months
from services.errors import ValidationError
from services.formatting import long_date
from services.permissions import PermissionDeniedError, Principal
from services.worker_types import WorkerQuery
from services.workers import WorkerService
from tests.factories import worker_input
from tests.integration.document_helpers import (
    claim_fields,
    fonts,
    ink_fraction,
    metadata,
    page_sizes_mm,
    page_texts,
    pdf_text,
    render_pages,
    signatories,
    store_emblem_for,
)


@pytest.fixture(autouse=True)
def _office_emblem(request: pytest.FixtureRequest) -> None:
    """The office has stored its emblem, so documents here are issued without the placeholder."""
    store_emblem_for(request)


TODAY = date.today()
OTHER_VILLAGE = "53.03.05.1001"


@pytest.fixture
def officials(ctx: ServiceContext) -> tuple[SignatoryItem, SignatoryItem]:
    return signatories(ctx)


def test_claim_letter_layout_and_contents(
    ctx: ServiceContext, officials: tuple[SignatoryItem, SignatoryItem], tmp_path: Path
) -> None:
    kadis, _ = officials
    request = LetterRequest(claim_fields(), kadis.id, date(2025, 8, 1), sifat=Sifat.SEGERA)
    doc = issue_letter(ctx, request)
    text = pdf_text(doc.pdf)
    assert doc.number == "500.15.14.2/1/Nakertrans/VIII/2025"
    expected = [
        "PEMERINTAH KABUPATEN TIMOR TENGAH UTARA",
        "DINAS TENAGA KERJA DAN TRANSMIGRASI",
        "KEFAMENANU",
        "Kode Pos 85613",
        "Kefamenanu, 1 Agustus 2025",
        f"Nomor : {doc.number}",
        "Sifat : Segera",
        "Lampiran : 1 (satu) berkas",
        "Hal : Permohonan Pembayaran Klaim JKM a.n. Maria Goreti Taek",
        "Yth. Kepala BPJS Ketenagakerjaan Kantor Cabang",
        "Atambua",
        "Jaminan Kematian (JKM)",
        "NIK : 5303055207850001",
        "Nomor KPJ : 25012345678",
        "Tanggal meninggal : 20 Juli 2025",
        "Hubungan dengan peserta : Suami",
        "3 (tiga) berkas persyaratan",
        "1. Akta kematian",
        "3. Buku tabungan ahli waris",
        "KEPALA DINAS TENAGA KERJA DAN",
        "Simon Soge, S.Sos.",
        "Pembina Utama Muda (IV/c)",
        "NIP 19680101 199003 1 005",
        "Tembusan: 1. Bupati Timor Tengah Utara (sebagai laporan); 2. Arsip.",
    ]
    for phrase in expected:
        assert phrase in text, phrase
    assert text.index("Nomor :") < text.index("Yth.") < text.index("Bersama ini")
    assert text.index("Bersama ini") < text.index("NIP 1968") < text.index("Tembusan")
    assert "di –" in text or "di -" in text
    assert all(fonts(doc.pdf).values()), fonts(doc.pdf)
    meta = metadata(doc.pdf)
    assert meta["/Author"] == "Dinas Tenaga Kerja dan Transmigrasi Kabupaten Timor Tengah Utara"
    assert doc.number in meta["/Title"]
    entry = doc.entry
    assert (entry.kind, entry.sifat, entry.signatory_name) == (
        DocumentKind.CLAIM,
        Sifat.SEGERA,
        "Simon Soge, S.Sos.",
    )
    assert entry.addressee == "Kepala BPJS Ketenagakerjaan Kantor Cabang Atambua"
    pages = render_pages(doc.pdf, tmp_path, "klaim")
    assert all(ink_fraction(p) > 0.002 for p in pages)


def test_claim_letter_refuses_bad_input_naming_fields(
    ctx: ServiceContext, officials: tuple[SignatoryItem, SignatoryItem]
) -> None:
    kadis, _ = officials
    bad = claim_fields(worker_nik="53030552078500", claimant_name=" ", documents=())
    with pytest.raises(ValidationError) as caught:
        issue_letter(ctx, LetterRequest(bad, kadis.id, date(2025, 8, 1)))
    fields = {p.field for p in caught.value.problems}
    assert fields == {"worker_nik", "claimant_name", "documents"}
    assert "NIK peserta: NIK harus 16 angka" in caught.value.message
    assert list_documents(ctx) == []  # nothing numbered, nothing recorded


def _workers(ctx: ServiceContext) -> list[int]:
    service = WorkerService(ctx)
    ids = [service.create(worker_input(i)).worker.id for i in range(1, 4)]
    ids.append(service.create(worker_input(4, village_code=OTHER_VILLAGE)).worker.id)
    return ids


def test_registration_letter_lists_new_participants(
    ctx: ServiceContext, officials: tuple[SignatoryItem, SignatoryItem], tmp_path: Path
) -> None:
    kadis, _ = officials
    _workers(ctx)
    rows = WorkerService(ctx).search(WorkerQuery()).rows
    doc = issue_letter(ctx, LetterRequest(RegistrationLetter(TODAY, TODAY), kadis.id, TODAY))
    texts = page_texts(doc.pdf)
    letter, attachment = texts[0], " ".join(texts[1:])
    assert "Lampiran : 1 (satu) berkas" in letter
    assert "sebanyak 4 (empat) orang" in letter
    assert f"tercatat pada tanggal {long_date(TODAY)} sampai dengan {long_date(TODAY)}" in letter
    assert "LAMPIRAN SURAT KEPALA DINAS TENAGA KERJA DAN TRANSMIGRASI" in attachment
    assert f"NOMOR : {doc.number}" in attachment
    for row in rows:
        assert row.full_name in attachment and row.nik in attachment
    assert "Aplasi" in attachment and "Petani" in attachment
    assert "Jumlah: 4 (empat) orang." in attachment
    assert f"Halaman 1 dari {len(texts)}" in texts[0]
    village_only = issue_letter(
        ctx,
        LetterRequest(
            RegistrationLetter(TODAY, TODAY, village_code=OTHER_VILLAGE), kadis.id, TODAY
        ),
    )
    assert "sebanyak 1 (satu) orang" in pdf_text(village_only.pdf)
    render_pages(doc.pdf, tmp_path, "pengantar")


def test_registration_letter_needs_participants(
    ctx: ServiceContext, officials: tuple[SignatoryItem, SignatoryItem]
) -> None:
    kadis, _ = officials
    past = TODAY - timedelta(days=30)
    with pytest.raises(ValidationError) as caught:
        issue_letter(ctx, LetterRequest(RegistrationLetter(past, past), kadis.id, TODAY))
    assert caught.value.problems[0].code == "no_participants"
    backwards = RegistrationLetter(TODAY, past, village_code="53.03.99.9999")
    with pytest.raises(ValidationError) as caught:
        issue_letter(ctx, LetterRequest(backwards, kadis.id, TODAY))
    assert {p.field for p in caught.value.problems} == {"registered_to", "village_code"}


def test_membership_statement(
    ctx: ServiceContext, officials: tuple[SignatoryItem, SignatoryItem], tmp_path: Path
) -> None:
    kadis, _ = officials
    worker_id = _workers(ctx)[0]
    worker = WorkerService(ctx).get(worker_id)
    request = LetterRequest(
        MembershipLetter(worker_id, "persyaratan bantuan sosial"), kadis.id, TODAY
    )
    doc = issue_letter(ctx, request)
    text = pdf_text(doc.pdf)
    for phrase in (
        "SURAT KETERANGAN KEPESERTAAN",
        f"Nomor: {doc.number}",
        "Yang bertanda tangan di bawah ini",
        "NIP : 19680101 199003 1 005",
        f"Nama : {worker.full_name}",
        f"NIK : {worker.nik}",
        f"Nomor KPJ : {worker.kpj}",
        "Tempat/tanggal lahir : Kefamenanu, 12 Juli 1985",
        "Kelurahan Aplasi, Kecamatan Kota Kefamenanu",
        "dibayarkan melalui APBD Kabupaten",
        "masa kepesertaan 7 Juli 2025 sampai dengan 31 Desember 2025",
        "berstatus aktif",
        "diberikan untuk persyaratan bantuan sosial",
        f"Kefamenanu, {long_date(TODAY)}",
    ):
        assert phrase in text, phrase
    # A statement: no addressee, no Hal block, no copies but the archive.
    assert "Yth." not in text and "Sifat :" not in text and "Tembusan" not in text
    assert doc.entry.subject == "SURAT KETERANGAN KEPESERTAAN"
    render_pages(doc.pdf, tmp_path, "keterangan")


def test_membership_statement_needs_a_coverage_start(
    ctx: ServiceContext, officials: tuple[SignatoryItem, SignatoryItem]
) -> None:
    kadis, _ = officials
    created = WorkerService(ctx).create(worker_input(9, coverage_start=None, coverage_end=None))
    with pytest.raises(ValidationError) as caught:
        issue_letter(ctx, LetterRequest(MembershipLetter(created.worker.id, "x"), kadis.id, TODAY))
    assert caught.value.problems[0].field == "coverage_start"


def test_heir_notice_lists_what_to_bring(
    ctx: ServiceContext, officials: tuple[SignatoryItem, SignatoryItem], tmp_path: Path
) -> None:
    kadis, _ = officials
    fields = HeirNoticeLetter(
        heir_name="Yohanes Taek",
        heir_address="Desa Aplasi, Kecamatan Kota Kefamenanu",
        death_date=date(2025, 7, 20),
        deceased_name="Maria Goreti Taek",
        deceased_kpj="25012345678",
    )
    doc = issue_letter(ctx, LetterRequest(fields, kadis.id, date(2025, 8, 1)))
    text = pdf_text(doc.pdf)
    for phrase in (
        "Yth. Sdr./Sdri. Yohanes Taek",
        "Ahli waris almarhum/almarhumah Maria Goreti Taek",
        "meninggalnya Maria Goreti Taek pada tanggal 20 Juli 2025",
        "Nomor KPJ 25012345678",
        "1. Kartu peserta BPJS Ketenagakerjaan",
        "Surat keterangan ahli waris dari kepala desa/lurah yang diketahui camat",
        "7. Buku tabungan atas nama ahli waris",
        "Jl. Basuki Rahmat, Kefamenanu",
        "Tembusan: 1. Kepala BPJS Ketenagakerjaan Kantor Cabang Atambua; 2. Arsip.",
    ):
        assert phrase in text, phrase
    typed = issue_letter(
        ctx,
        LetterRequest(
            replace(fields, documents=("KTP", "KK"), where="Kantor Camat Insana"),
            kadis.id,
            date(2025, 8, 1),
            copies=("Camat Insana",),
        ),
    )
    typed_text = pdf_text(typed.pdf)
    assert "1. KTP" in typed_text and "2. KK" in typed_text and "3. Akta" not in typed_text
    assert "dibawa ke Kantor Camat Insana" in typed_text
    assert "Tembusan: 1. Camat Insana; 2. Arsip." in typed_text
    render_pages(doc.pdf, tmp_path, "ahli_waris")


def test_premium_letter_signed_by_the_bupati_on_folio(
    ctx: ServiceContext, officials: tuple[SignatoryItem, SignatoryItem], tmp_path: Path
) -> None:
    _, bupati = officials
    fields = PremiumLetter(
        date(2025, 7, 15), workers=14_880, bill_number="B/123/2025", bill_date=date(2025, 7, 3)
    )
    doc = issue_letter(
        ctx, LetterRequest(fields, bupati.id, date(2025, 7, 10), page_size=PageSize.F4)
    )
    text = pdf_text(doc.pdf)
    for phrase in (
        "BUPATI TIMOR TENGAH UTARA",
        "Pekerja Rentan Bulan Juli 2025",
        "Nomor B/123/2025 tanggal 3 Juli 2025",
        "Jumlah peserta : 14.880 orang",
        "Iuran JKK per orang per bulan : Rp10.000,00",
        "Iuran JKM per orang per bulan : Rp6.800,00",
        "Jumlah iuran : Rp249.984.000,00",
        "(dua ratus empat puluh sembilan juta sembilan ratus delapan puluh empat ribu rupiah)",
        "YOSEP FALENTINUS DELASALLE KEBO",
    ):
        assert phrase in text, phrase
    # The Bupati's own kop, no office address; signs with the name only; no copy to himself.
    assert "DINAS TENAGA KERJA" not in text and "Jl. Basuki" not in text and "NIP" not in text
    assert "Bupati Timor Tengah Utara (sebagai laporan)" not in text
    assert set(page_sizes_mm(doc.pdf)) == {(215, 330)}
    render_pages(doc.pdf, tmp_path, "iuran")


def test_premium_letter_counts_the_register(
    ctx: ServiceContext, officials: tuple[SignatoryItem, SignatoryItem]
) -> None:
    kadis, _ = officials
    _workers(ctx)
    WorkerService(ctx).create(worker_input(7, funding=FundingSource.MANDIRI))
    # Counted on the period's first day: next month, when today's workers are in.
    next_month = add_months(TODAY, 1)
    fields = PremiumLetter(next_month, months=3)
    doc = issue_letter(ctx, LetterRequest(fields, kadis.id, next_month))
    text = pdf_text(doc.pdf)
    # Four paid by the district (the self-paying one is not): 4 × 16,800 × 3.
    assert "Jumlah peserta : 4 orang" in text
    assert "Jumlah bulan : 3 (tiga) bulan" in text
    assert "Jumlah iuran : Rp201.600,00" in text
    assert "(dua ratus satu ribu enam ratus rupiah)" in text


def test_preview_is_marked_and_records_nothing(
    ctx: ServiceContext, officials: tuple[SignatoryItem, SignatoryItem]
) -> None:
    kadis, _ = officials
    rendered = preview_letter(ctx, LetterRequest(claim_fields(), kadis.id, date(2025, 8, 1)))
    text = pdf_text(rendered.data)
    assert "PRATINJAU" in text and "(diberikan saat diterbitkan)" in text
    assert list_documents(ctx) == []


def test_inactive_signatory_and_permissions(
    ctx: ServiceContext, officials: tuple[SignatoryItem, SignatoryItem]
) -> None:
    kadis, _ = officials
    set_signatory_active(ctx, kadis.id, False)
    with pytest.raises(ValidationError) as caught:
        issue_letter(ctx, LetterRequest(claim_fields(), kadis.id, date(2025, 8, 1)))
    assert caught.value.problems[0].field == "signatory_id"
    viewer = ServiceContext(
        ctx.engine, ctx.session_factory, Principal(9, "lihat", "Pengamat", Role.VIEWER)
    )
    with pytest.raises(PermissionDeniedError):
        issue_letter(viewer, LetterRequest(claim_fields(), kadis.id, date(2025, 8, 1)))


def test_kecamatan_limit_applies_to_the_attachment(
    sqlite_ctx: ServiceContext,
) -> None:
    kadis, _ = signatories(sqlite_ctx)
    _workers(sqlite_ctx)
    limited = ServiceContext(
        sqlite_ctx.engine,
        sqlite_ctx.session_factory,
        Principal(5, "insana", "Petugas Insana", Role.OPERATOR, frozenset({"53.03.08"})),
    )
    with pytest.raises(ValidationError) as caught:
        issue_letter(limited, LetterRequest(RegistrationLetter(TODAY, TODAY), kadis.id, TODAY))
    assert caught.value.problems[0].code == "no_participants"
