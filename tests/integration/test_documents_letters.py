"""The five letters, issued on both engines and read back: numbers, names, dates, totals
and words in the text; the layout's parts; the register line; rendered pages not blank."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

import openpyxl
import pytest

from models.enums import FundingSource, Role, WorkerStatus
from services.core.context import ServiceContext
from services.core.errors import ValidationError
from services.core.permissions import PermissionDeniedError, Principal
from services.documents import (
    ClaimLetter,
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
from services.excel_export import ExportFormat, export_workers
from services.premiums import Month, monthly_premium, premium_series
from services.text.formatting import long_date
from services.text.money import rupiah
from services.workers.service import WorkerService
from services.workers.types import WorkerQuery
from tests.conftest import office_day_now
from tests.factories import worker_input
from tests.integration.document_helpers import (
    claim_fields,
    claim_worker,
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


TODAY = office_day_now()


@pytest.fixture(autouse=True)
def _office_day_as_the_test_starts() -> None:
    """The module's days read again as each test starts: a run that crosses the office's
    midnight (16.00 UTC for a WITA office) would otherwise compare the day the module was
    imported on with the app's, already the next one."""
    global TODAY
    TODAY = office_day_now()


OTHER_VILLAGE = "53.03.05.1001"


@pytest.fixture
def officials(ctx: ServiceContext) -> tuple[SignatoryItem, SignatoryItem]:
    return signatories(ctx)


def test_claim_letter_layout_and_contents(
    ctx: ServiceContext, officials: tuple[SignatoryItem, SignatoryItem], tmp_path: Path
) -> None:
    kadis, _ = officials
    worker = claim_worker(ctx)
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
        # The header counts what the body lists.
        "Lampiran : 3 (tiga) berkas",
        f"Hal : Permohonan Pembayaran Klaim JKM a.n. {worker.full_name}",
        "Yth. Kepala BPJS Ketenagakerjaan Kantor Cabang",
        "Atambua",
        "Jaminan Kematian (JKM)",
        "iurannya dibayarkan oleh Pemerintah Kabupaten Timor Tengah Utara",
        f"Nama peserta : {worker.full_name}",
        "NIK : 5303055207850001",
        "Nomor KPJ : 00000000001",
        "Pekerjaan : Petani",
        "Alamat : Jl. Sonbai, RT 001/RW 002, Kelurahan Aplasi, Kecamatan Kota Kefamenanu",
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
    assert "………" not in text and "belum diisi" not in text
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


def test_claim_letter_takes_the_participant_from_the_register(
    ctx: ServiceContext, officials: tuple[SignatoryItem, SignatoryItem]
) -> None:
    kadis, _ = officials
    on = date(2025, 8, 1)

    def refused(fields: ClaimLetter) -> ValidationError:
        with pytest.raises(ValidationError) as caught:
            issue_letter(ctx, LetterRequest(fields, kadis.id, on))
        return caught.value

    unknown = refused(claim_fields())
    assert unknown.problems[0].code == "worker_not_registered"
    assert "NIK 5303055207850001 tidak terdaftar di register" in unknown.message
    worker = claim_worker(ctx, funding=FundingSource.APBD_PROVINSI)
    other = refused(claim_fields(worker_name="Yohana Bria"))
    assert other.problems[0].field == "worker_name"
    assert f"tidak sama dengan nama pemilik NIK {worker.nik} di register" in other.message
    early = refused(claim_fields(event_date=date(2025, 7, 1)))
    assert early.problems[0].field == "event_date"
    assert "Tanggal meninggal (1 Juli 2025) sebelum kepesertaan" in early.message
    assert "dimulai (7 Juli 2025)" in early.message
    assert list_documents(ctx) == []
    # The name as the register writes it, whatever the case; the real payer.
    doc = issue_letter(
        ctx, LetterRequest(claim_fields(worker_name=worker.full_name.upper()), kadis.id, on)
    )
    text = pdf_text(doc.pdf)
    assert "iurannya dibayarkan oleh Pemerintah Provinsi Nusa Tenggara Timur" in text
    assert "Pemerintah Kabupaten Timor Tengah Utara, dengan data" not in text
    assert " : -" not in text.split("Nama pemohon")[0]


def test_letters_are_dated_in_order_and_not_in_the_future(
    ctx: ServiceContext, officials: tuple[SignatoryItem, SignatoryItem]
) -> None:
    kadis, _ = officials
    claim_worker(ctx)
    later = issue_letter(ctx, LetterRequest(claim_fields(), kadis.id, date(2025, 8, 5)))
    with pytest.raises(ValidationError) as caught:
        issue_letter(ctx, LetterRequest(claim_fields(), kadis.id, date(2025, 8, 1)))
    (problem,) = caught.value.problems
    assert problem.field == "document_date"
    assert (
        f"lebih awal daripada surat terakhir seri ini, Nomor {later.number} tanggal "
        "5 Agustus 2025" in problem.text
    )
    tomorrow = TODAY + timedelta(days=1)
    with pytest.raises(ValidationError) as caught:
        issue_letter(ctx, LetterRequest(claim_fields(), kadis.id, tomorrow))
    assert caught.value.problems[0].code == "date_future"
    assert "belum tiba" in caught.value.message
    # Refusals cost no number: the next letter follows the first.
    same_day = issue_letter(ctx, LetterRequest(claim_fields(), kadis.id, date(2025, 8, 5)))
    assert same_day.entry.sequence == later.entry.sequence + 1


def _workers(ctx: ServiceContext) -> list[int]:
    service = WorkerService(ctx)
    ids = [service.create(worker_input(i)).worker.id for i in range(1, 4)]
    ids.append(service.create(worker_input(4, village_code=OTHER_VILLAGE)).worker.id)
    return ids


def _new_workers(ctx: ServiceContext, start: date) -> list[int]:
    """Four workers covered from ``start``, open-ended, without a KPJ yet."""
    new = {"kpj": None, "coverage_start": start, "coverage_end": None}
    service = WorkerService(ctx)
    ids = [service.create(worker_input(i, **new)).worker.id for i in range(1, 4)]
    ids.append(service.create(worker_input(4, village_code=OTHER_VILLAGE, **new)).worker.id)
    return ids


def test_registration_letter_lists_new_participants(
    ctx: ServiceContext, officials: tuple[SignatoryItem, SignatoryItem], tmp_path: Path
) -> None:
    kadis, _ = officials
    start = TODAY - timedelta(days=3)
    listed = _new_workers(ctx, start)
    service = WorkerService(ctx)
    # Not to be registered: a KPJ already, paid by the province, coverage over, not started.
    service.create(worker_input(5, coverage_start=start, coverage_end=None))
    service.create(
        worker_input(
            6,
            kpj=None,
            coverage_start=start,
            coverage_end=None,
            funding=FundingSource.APBD_PROVINSI,
        )
    )
    service.create(worker_input(7, kpj=None, coverage_start=start, coverage_end=start))
    service.create(worker_input(8, kpj=None, coverage_start=TODAY, coverage_end=None))
    names = {service.get(i).full_name: service.get(i).nik for i in listed}
    period = RegistrationLetter(start, TODAY - timedelta(days=1))
    doc = issue_letter(ctx, LetterRequest(period, kadis.id, TODAY))
    texts = page_texts(doc.pdf)
    letter, attachment = texts[0], " ".join(texts[1:])
    assert "Lampiran : 1 (satu) berkas" in letter
    assert "sebanyak 4 (empat) orang" in letter
    assert (
        f"mulai dilindungi pada tanggal {long_date(start)} sampai dengan "
        f"{long_date(TODAY - timedelta(days=1))} dan belum memiliki nomor kepesertaan" in letter
    )
    assert "LAMPIRAN SURAT KEPALA DINAS TENAGA KERJA DAN TRANSMIGRASI" in attachment
    assert f"NOMOR : {doc.number}" in attachment
    for name, nik in names.items():
        assert name in attachment and nik in attachment
    for serial in (5, 6, 7, 8):
        assert worker_input(serial).nik not in attachment
    assert "Aplasi" in attachment and "Petani" in attachment
    assert "Jumlah: 4 (empat) orang." in attachment
    # Numbered as the tata naskah dinas numbers: the kop's page none, the others "- n -".
    assert "Halaman" not in " ".join(texts) and "- 1 -" not in texts[0]
    assert all(f"- {n} -" in text for n, text in enumerate(texts[1:], start=2))
    village_only = issue_letter(
        ctx,
        LetterRequest(replace(period, village_code=OTHER_VILLAGE), kadis.id, TODAY),
    )
    assert "sebanyak 1 (satu) orang" in pdf_text(village_only.pdf)
    render_pages(doc.pdf, tmp_path, "pengantar")
    # A period that ends after the letter's date is refused.
    with pytest.raises(ValidationError) as caught:
        issue_letter(
            ctx, LetterRequest(RegistrationLetter(start, TODAY), kadis.id, TODAY - timedelta(1))
        )
    assert "period_after_letter" in {p.code for p in caught.value.problems}


def test_the_bpjs_export_lists_whom_the_pengantar_lists(
    ctx: ServiceContext, officials: tuple[SignatoryItem, SignatoryItem], tmp_path: Path
) -> None:
    """The surat pengantar and BPJS's collective registration export are one selection
    (``needs_registering``): for the same period and date they name the same workers,
    and the export leaves out whoever has a KPJ, is paid by the province, or has ended."""
    kadis, _ = officials
    start = TODAY - timedelta(days=10)
    listed = set(_new_workers(ctx, start))
    service = WorkerService(ctx)
    service.create(worker_input(5, coverage_start=start, coverage_end=None))  # has a KPJ
    service.create(
        worker_input(
            6,
            kpj=None,
            coverage_start=start,
            coverage_end=None,
            funding=FundingSource.APBD_PROVINSI,
        )
    )
    service.create(worker_input(7, kpj=None, coverage_start=start, coverage_end=start))  # ended
    # Started before the period: neither names them for that period; the export without a
    # period does.
    early = service.create(
        worker_input(8, kpj=None, coverage_start=start - timedelta(days=5), coverage_end=None)
    ).worker.id
    period = (start, TODAY - timedelta(days=1))
    letter = preview_letter(ctx, LetterRequest(RegistrationLetter(*period), kadis.id, TODAY))
    in_letter = set(re.findall(r"\b53\d{14}\b", pdf_text(letter.data)))

    def exported(name: str, started: tuple[date, date] | None) -> set[str]:
        result = export_workers(
            ctx, tmp_path / name, WorkerQuery(), ExportFormat.BPJS, today=TODAY, started=started
        )
        sheet = openpyxl.load_workbook(result.path).worksheets[0]
        rows = list(sheet.iter_rows(values_only=True))
        first = next(i for i, row in enumerate(rows) if row[0] == "NIK")
        assert "perlu didaftarkan" in str(rows[0][0])
        return {str(row[0]) for row in rows[first + 1 :]}

    expected = {service.get(i).nik for i in listed}
    assert in_letter == expected
    assert exported("bpjs.xlsx", period) == in_letter
    assert exported("semua.xlsx", None) == expected | {service.get(early).nik}


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
    worker_id = WorkerService(ctx).create(worker_input(1, coverage_end=None)).worker.id
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
        "dibayarkan melalui APBD Kabupaten Timor Tengah Utara, dengan masa",
        "masa kepesertaan sejak 7 Juli 2025",
        "pada tanggal surat ini berstatus aktif dan terlindungi",
        "diberikan untuk persyaratan bantuan sosial",
        f"Kefamenanu, {long_date(TODAY)}",
    ):
        assert phrase in text, phrase
    # A statement: no addressee, no Hal block, no copies but the archive.
    assert "Yth." not in text and "Sifat :" not in text and "Tembusan" not in text
    assert doc.entry.subject == "SURAT KETERANGAN KEPESERTAAN"
    render_pages(doc.pdf, tmp_path, "keterangan")


@pytest.mark.parametrize(
    ("serial", "funding", "village", "paid_through"),
    [
        (11, FundingSource.MANDIRI, None, "melalui pembayaran mandiri oleh peserta sendiri,"),
        (12, FundingSource.DANA_DESA, "53.03.09.2010", "melalui Dana Desa Humusu Wini,"),
        (13, FundingSource.APBD_PROVINSI, None, "melalui APBD Provinsi Nusa Tenggara Timur,"),
    ],
)
def test_membership_statement_names_who_pays(
    ctx: ServiceContext,
    officials: tuple[SignatoryItem, SignatoryItem],
    serial: int,
    funding: FundingSource,
    village: str | None,
    paid_through: str,
) -> None:
    """The statement names whose budget pays: it once said "dibayarkan melalui Mandiri"
    for a worker who pays alone, and "melalui Dana Desa" without the village."""
    kadis, _ = officials
    extra = {"village_code": village} if village else {}
    worker_id = (
        WorkerService(ctx)
        .create(worker_input(serial, coverage_end=None, funding=funding, **extra))
        .worker.id
    )
    doc = issue_letter(ctx, LetterRequest(MembershipLetter(worker_id, "arsip"), kadis.id, TODAY))
    text = pdf_text(doc.pdf)
    assert f"iurannya dibayarkan {paid_through}" in text, text
    assert "melalui Mandiri" not in text and "Dana Desa Desa" not in text


def test_membership_statement_says_what_was_true_on_its_date(
    ctx: ServiceContext, officials: tuple[SignatoryItem, SignatoryItem]
) -> None:
    """Coverage that ended a year before the letter is never "aktif"; on a day inside it,
    it is."""
    kadis, _ = officials
    worker_id = WorkerService(ctx).create(worker_input(2)).worker.id  # to 31 December 2025
    ended = pdf_text(
        issue_letter(
            ctx, LetterRequest(MembershipLetter(worker_id, "arsip desa"), kadis.id, TODAY)
        ).pdf
    )
    assert "masa kepesertaan 7 Juli 2025 sampai dengan 31 Desember 2025" in ended
    assert (
        "pada tanggal surat ini tidak terlindungi karena masa kepesertaannya telah berakhir "
        "sejak 1 Januari 2026" in ended
    )
    assert "aktif" not in ended and "KPJ : -" not in ended
    # Deactivated after the coverage had ended: the end is the cause, the status said as
    # what it is (not "tidak aktif sejak …" as if that had ended the coverage).
    service = WorkerService(ctx)
    service.change_status(
        worker_id,
        WorkerStatus.INACTIVE,
        service.get(worker_id).version,
        reason="pindah",
        status_date=date(2026, 3, 1),
    )
    later = pdf_text(
        issue_letter(
            ctx, LetterRequest(MembershipLetter(worker_id, "arsip desa"), kadis.id, TODAY)
        ).pdf
    )
    assert (
        "tidak terlindungi karena masa kepesertaannya telah berakhir sejak 1 Januari 2026, "
        "dan berstatus tidak aktif sejak 1 Maret 2026" in later
    )
    WorkerService(ctx).create(worker_input(3, kpj=None, coverage_end=None))
    no_kpj = WorkerService(ctx).search(WorkerQuery(text=worker_input(3).nik)).rows[0].id
    with pytest.raises(ValidationError) as caught:
        issue_letter(ctx, LetterRequest(MembershipLetter(no_kpj, "x"), kadis.id, TODAY))
    assert caught.value.problems[0].field == "kpj"


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
    worker = claim_worker(ctx)  # a woman
    fields = HeirNoticeLetter(
        heir_name="Yohanes Taek",
        heir_address="Desa Aplasi, Kecamatan Kota Kefamenanu",
        death_date=date(2025, 7, 20),
        worker_id=worker.id,
        heir_nik="5303051203800002",  # a man's NIK (day 12)
    )
    doc = issue_letter(ctx, LetterRequest(fields, kadis.id, date(2025, 8, 1)))
    text = pdf_text(doc.pdf)
    for phrase in (
        "Yth. Sdr. Yohanes Taek",
        f"Ahli waris almarhumah {worker.full_name}",
        f"meninggalnya {worker.full_name} pada tanggal 20 Juli 2025",
        "Almarhumah tercatat sebagai peserta",
        "Nomor KPJ 00000000001",
        "dibayarkan oleh Pemerintah Kabupaten Timor Tengah Utara",
        "Sebagai ahli waris, Saudara berhak",
        "1. Kartu peserta BPJS Ketenagakerjaan almarhumah (bila ada)",
        "Surat keterangan ahli waris dari kepala desa/lurah yang diketahui camat",
        "7. Buku tabungan atas nama ahli waris",
        "Jl. Basuki Rahmat, Kefamenanu",
        "Tembusan: 1. Kepala BPJS Ketenagakerjaan Kantor Cabang Atambua; 2. Arsip.",
    ):
        assert phrase in text, phrase
    assert "Sdr./Sdri." not in text and "almarhum/almarhumah" not in text
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
    # The heir's sex must be known; a death before coverage began is refused.
    with pytest.raises(ValidationError) as caught:
        issue_letter(ctx, LetterRequest(replace(fields, heir_nik=""), kadis.id, date(2025, 8, 1)))
    assert caught.value.problems[0].field == "heir_nik"
    with pytest.raises(ValidationError) as caught:
        issue_letter(
            ctx,
            LetterRequest(replace(fields, death_date=date(2025, 7, 1)), kadis.id, date(2025, 8, 1)),
        )
    assert "sebelum kepesertaan" in caught.value.message


def test_premium_letter_signed_by_the_bupati_on_folio(
    ctx: ServiceContext, officials: tuple[SignatoryItem, SignatoryItem], tmp_path: Path
) -> None:
    _, bupati = officials
    _workers(ctx)
    WorkerService(ctx).create(worker_input(7, funding=FundingSource.MANDIRI))
    fields = PremiumLetter(date(2025, 7, 15), bill_number="B/123/2025", bill_date=date(2025, 7, 3))
    doc = issue_letter(
        ctx, LetterRequest(fields, bupati.id, date(2025, 7, 10), page_size=PageSize.F4)
    )
    text = pdf_text(doc.pdf)
    shown = monthly_premium(ctx, Month(2025, 7)).by_funding()
    kabupaten = next(f for f in shown if f.funding is FundingSource.APBD_KABUPATEN)
    assert kabupaten.workers == 4
    for phrase in (
        "BUPATI TIMOR TENGAH UTARA",
        "Pekerja Rentan Bulan Juli 2025",
        "Nomor B/123/2025 tanggal 3 Juli 2025",
        f"Jumlah peserta : {kabupaten.workers} orang",
        "Iuran JKK per orang per bulan : Rp10.000,00",
        "Iuran JKM per orang per bulan : Rp6.800,00",
        f"Jumlah iuran : {rupiah(kabupaten.amount)}",
        "(enam puluh tujuh ribu dua ratus rupiah)",
        "Lampiran : -",
    ):
        assert phrase in text, phrase
    # The Bupati's own kop, no office address; signs with the name only, in capitals as
    # the PKS signs it (blocks.signed_name); no copy to himself.
    assert bupati.name != bupati.name.upper() and bupati.name.upper() in text
    assert bupati.name not in text
    assert "DINAS TENAGA KERJA" not in text and "Jl. Basuki" not in text and "NIP" not in text
    assert "Bupati Timor Tengah Utara (sebagai laporan)" not in text
    assert set(page_sizes_mm(doc.pdf)) == {(215, 330)}
    render_pages(doc.pdf, tmp_path, "iuran")
    # A typed count that is not the premium module's is refused.
    with pytest.raises(ValidationError) as caught:
        issue_letter(
            ctx, LetterRequest(replace(fields, workers=14_880), bupati.id, date(2025, 7, 10))
        )
    assert "perhitungan iuran dari register (Juli 2025 4 orang)" in caught.value.message


def test_premium_letter_counts_the_register(
    ctx: ServiceContext, officials: tuple[SignatoryItem, SignatoryItem]
) -> None:
    kadis, _ = officials
    _workers(ctx)
    WorkerService(ctx).create(worker_input(7, funding=FundingSource.MANDIRI))
    WorkerService(ctx).create(worker_input(8, coverage_end=date(2025, 10, 31)))
    fields = PremiumLetter(date(2025, 10, 1), months=3)
    doc = issue_letter(ctx, LetterRequest(fields, kadis.id, date(2025, 10, 1)))
    texts = page_texts(doc.pdf)
    text = " ".join(texts)
    # Five paid by the district in October, four after (the self-paying one is not).
    months = [Month(2025, m) for m in (10, 11, 12)]
    series = premium_series(ctx, months)
    counted = [m.of(FundingSource.APBD_KABUPATEN) for m in series]
    assert [c.workers for c in counted] == [5, 4, 4]
    total = sum(c.amount for c in counted)
    assert "Jumlah peserta : 4 s.d. 5 orang" in text
    assert "Jumlah bulan : 3 (tiga) bulan" in text
    assert f"Jumlah iuran : {rupiah(total)}" in text and total == 13 * 16_800
    assert "Lampiran : 1 (satu) berkas" in texts[0]
    assert "RINCIAN IURAN PER BULAN" in text and "Oktober 2025 5" in text


def test_preview_is_marked_and_records_nothing(
    ctx: ServiceContext, officials: tuple[SignatoryItem, SignatoryItem]
) -> None:
    kadis, _ = officials
    claim_worker(ctx)
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
    limited = ServiceContext(
        sqlite_ctx.engine,
        sqlite_ctx.session_factory,
        Principal(5, "insana", "Petugas Insana", Role.OPERATOR, frozenset({"53.03.08"})),
    )
    with pytest.raises(ValidationError) as caught:
        issue_letter(limited, LetterRequest(RegistrationLetter(TODAY, TODAY), kadis.id, TODAY))
    assert caught.value.problems[0].code == "no_participants"
    _new_workers(sqlite_ctx, TODAY)
    with pytest.raises(ValidationError) as caught:
        issue_letter(limited, LetterRequest(RegistrationLetter(TODAY, TODAY), kadis.id, TODAY))
    assert caught.value.problems[0].code == "no_participants"


def test_the_closing_paragraph_stays_with_the_signature(
    ctx: ServiceContext, officials: tuple[SignatoryItem, SignatoryItem]
) -> None:
    """A list long enough to fill the first page: the signature never stands alone on the
    next one (the closing paragraph goes with it), and no page is left empty before it."""
    kadis, _ = officials
    claim_worker(ctx)
    for count in (6, 9, 12, 15):
        documents = tuple(f"Berkas persyaratan nomor {i} yang dilampirkan" for i in range(count))
        fields = claim_fields(documents=documents)
        doc = issue_letter(ctx, LetterRequest(fields, kadis.id, date(2025, 8, 1)))
        texts = page_texts(doc.pdf)
        signed = next(i for i, t in enumerate(texts) if "NIP 19680101" in t)
        assert "Demikian permohonan ini disampaikan" in texts[signed], count
        assert all("Berkas persyaratan" in t or "Demikian" in t for t in texts[: signed + 1])


def test_the_tembusan_stays_with_the_signature_across_the_page_boundary(
    ctx: ServiceContext, officials: tuple[SignatoryItem, SignatoryItem]
) -> None:
    """Heir notices whose list of documents grows one line at a time, around the point
    where the first page fills up: the closing paragraph, the signature and the tembusan
    are always on one page, so neither the signature nor the tembusan stands alone on
    the next one."""
    kadis, _ = officials
    worker = claim_worker(ctx)
    signed_on: set[int] = set()
    for count in range(6, 21):
        fields = HeirNoticeLetter(
            heir_name="Yohanes Taek",
            heir_address="Desa Aplasi, Kecamatan Kota Kefamenanu",
            death_date=date(2025, 7, 20),
            worker_id=worker.id,
            heir_nik="5303051203800002",
            documents=tuple(f"Berkas persyaratan nomor {i} yang dibawa" for i in range(count)),
        )
        doc = issue_letter(
            ctx,
            LetterRequest(
                fields,
                kadis.id,
                date(2025, 8, 1),
                page_size=PageSize.F4,  # room on page 1 for the shorter lists
                copies=("Camat Insana",),
            ),
        )
        texts = page_texts(doc.pdf)
        signed = next(i for i, t in enumerate(texts) if "NIP 19680101" in t)
        copies = next(i for i, t in enumerate(texts) if "Tembusan:" in t)
        assert copies == signed, (count, texts)
        assert "Demikian" in texts[signed], (count, texts)
        assert "Tembusan: 1. Camat Insana; 2. Arsip." in texts[signed], count
        # Whatever moved to the next page, the first page still carries the letter's body.
        assert "Berkas persyaratan nomor 0" in texts[0], count
        signed_on.add(signed)
    # The lengths cross the boundary: some letters sign on page 1, longer ones on page 2.
    assert signed_on == {0, 1}


def test_premium_letter_signs_on_its_first_page(
    ctx: ServiceContext, officials: tuple[SignatoryItem, SignatoryItem]
) -> None:
    """The usual one-month premium letter on A4, signed by the Kepala Dinas under the
    office's kop with the template's two copies: closing, signature and tembusan fit on
    the first page, so the letter is one page (it once put them alone on page 2)."""
    kadis, _ = officials
    _workers(ctx)
    fields = PremiumLetter(date(2025, 7, 15), bill_number="B/123/2025", bill_date=date(2025, 7, 3))
    doc = issue_letter(ctx, LetterRequest(fields, kadis.id, date(2025, 7, 10)))
    texts = page_texts(doc.pdf)
    assert len(texts) == 1, texts
    for phrase in ("Jumlah iuran", "Demikian disampaikan", "NIP 19680101", "Tembusan:", "Arsip."):
        assert phrase in texts[0], phrase


def test_heir_notice_on_a4_signs_on_page_1_and_a_longer_one_continues_on_a_numbered_page(
    ctx: ServiceContext, officials: tuple[SignatoryItem, SignatoryItem]
) -> None:
    """The heir notice with the template's seven documents on A4 is one page: the list set
    close under its introduction leaves room for the closing paragraph, signature and
    tembusan (they once went over to page 2, 9 pt short). Ten documents and they go
    over together to page 2, which is numbered "- 2 -" while page 1, under the kop,
    carries no number."""
    kadis, _ = officials
    worker = claim_worker(ctx)
    fields = HeirNoticeLetter(
        heir_name="Yohanes Taek",
        heir_address="Desa Aplasi, Kecamatan Kota Kefamenanu",
        death_date=date(2025, 7, 20),
        worker_id=worker.id,
        heir_nik="5303051203800002",
    )
    doc = issue_letter(ctx, LetterRequest(fields, kadis.id, date(2025, 8, 1)))
    texts = page_texts(doc.pdf)
    assert len(texts) == 1, texts
    for phrase in (
        "fotokopinya sebagai berikut: 1. Kartu peserta",
        "7. Buku tabungan atas nama ahli waris",
        "Demikian pemberitahuan ini disampaikan",
        "NIP 19680101",
        "Tembusan: 1. Kepala BPJS Ketenagakerjaan Kantor Cabang Atambua; 2. Arsip.",
    ):
        assert phrase in texts[0], phrase
    assert "Halaman" not in texts[0] and "- 1 -" not in texts[0]

    ten = tuple(f"Berkas persyaratan nomor {i} yang dibawa" for i in range(1, 11))
    longer = issue_letter(
        ctx, LetterRequest(replace(fields, documents=ten), kadis.id, date(2025, 8, 1))
    )
    first, *rest = page_texts(longer.pdf)
    assert len(rest) == 1, rest
    second = rest[0]
    assert "10. Berkas persyaratan nomor 10 yang dibawa" in first
    assert first.rstrip().endswith("Pengurusan klaim tidak dipungut biaya.")
    assert "- 1 -" not in first and "Halaman" not in first + second
    assert "- 2 -" in second
    body = second.replace("- 2 -", "").strip()
    assert body.startswith("Demikian pemberitahuan ini disampaikan"), body
    assert "KEPALA DINAS TENAGA KERJA DAN TRANSMIGRASI," in second
    assert body.endswith(
        "Tembusan: 1. Kepala BPJS Ketenagakerjaan Kantor Cabang Atambua; 2. Arsip."
    )
