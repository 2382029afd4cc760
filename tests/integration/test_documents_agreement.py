"""The cooperation agreement (PKS): values in figures and words, the opening in words, the
parties, the articles from the editable template, signatures, the 24-kecamatan attachment."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from models.enums import FundingSource, Role
from services.context import ServiceContext
from services.demo_data import generate_demo_workers
from services.documents import (
    AgreementRequest,
    DocumentKind,
    PageSize,
    SecondParty,
    SignatoryItem,
    compute_agreement,
    issue_agreement,
    list_documents,
    load_template_by_key,
    preview_agreement,
    reset_template_by_key,
    save_template_by_key,
)
from services.errors import ValidationError
from services.permissions import Principal
from services.premiums import Month, RateInput, delete_rate, set_rate
from services.regions import RegionDirectory
from services.workers import WorkerService
from tests.factories import worker_input
from tests.integration.document_helpers import (
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


LAUNCH = date(2025, 7, 7)
BRANCH_HEAD = SecondParty(
    name="Maria Yosefina Bere",
    position="Kepala Kantor Cabang Atambua",
    npk="E123456",
    decree="Keputusan Direksi BPJS Ketenagakerjaan Nomor KEP/99/2024",
    address="Jl. Ahmad Yani, Atambua",
)


@pytest.fixture
def bupati(ctx: ServiceContext) -> SignatoryItem:
    return signatories(ctx)[1]


def request(signatory: SignatoryItem, **changes: object) -> AgreementRequest:
    values: dict[str, object] = {
        "signatory_id": signatory.id,
        "agreement_date": LAUNCH,
        "second_party": BRANCH_HEAD,
        "second_party_number": "PKS/01/KC-ATB/0725",
        "workers": 14_880,
        "budget_code": "5.1.02.01.01.0025",
    }
    return AgreementRequest(**(values | changes))  # type: ignore[arg-type]


def test_the_launch_agreement(ctx: ServiceContext, bupati: SignatoryItem, tmp_path: Path) -> None:
    issued = issue_agreement(ctx, request(bupati))
    texts = page_texts(issued.pdf)
    text = " ".join(texts)
    assert issued.number == "500.15/1/PKS/Nakertrans/VII/2025"
    expected = [
        "PERJANJIAN KERJA SAMA ANTARA PEMERINTAH KABUPATEN TIMOR TENGAH UTARA DENGAN BPJS "
        "KETENAGAKERJAAN KANTOR CABANG ATAMBUA TENTANG PELINDUNGAN JAMINAN SOSIAL",
        f"NOMOR: {issued.number}",
        "NOMOR: PKS/01/KC-ATB/0725",
        "Pada hari ini Senin tanggal tujuh bulan Juli tahun dua ribu dua puluh lima, bertempat "
        "di Kefamenanu",
        "Nama : Yosep Falentinus Delasalle Kebo",
        "selanjutnya disebut PIHAK PERTAMA",
        "NPK : E123456",
        "berdasarkan Keputusan Direksi BPJS Ketenagakerjaan Nomor KEP/99/2024",
        "selanjutnya disebut PIHAK KEDUA",
        "disebut PARA PIHAK",
        "Undang-Undang Nomor 40 Tahun 2004 tentang Sistem Jaminan Sosial Nasional",
        "Anggaran Pendapatan dan Belanja Daerah Tahun Anggaran 2025.",
        "Pasal 1 KETENTUAN UMUM",
        "Pasal 5 IURAN DAN NILAI PERJANJIAN",
        "Pasal 15 PENUTUP",
        "berjumlah 14.880 (empat belas ribu delapan ratus delapan puluh) orang",
        "iuran JKK sebesar Rp10.000,00 (sepuluh ribu rupiah)",
        "iuran JKM sebesar Rp6.800,00 (enam ribu delapan ratus rupiah)",
        "Rp16.800,00 (enam belas ribu delapan ratus rupiah)",
        "Rp249.984.000,00 (dua ratus empat puluh sembilan juta sembilan ratus delapan puluh "
        "empat ribu rupiah)",
        "untuk 12 (dua belas) bulan sebesar Rp2.999.808.000,00 (dua miliar sembilan ratus "
        "sembilan puluh sembilan juta delapan ratus delapan ribu rupiah)",
        "kode rekening 5.1.02.01.01.0025",
        "paling lambat tanggal 15 (lima belas) setiap bulan",
        "sejak tanggal 1 Juli 2025 sampai dengan tanggal 30 Juni 2026",
        "Pengadilan Negeri Kefamenanu",
        "rangkap 2 (dua) asli, masing-masing dibubuhi meterai",
        "(1) Maksud Perjanjian",
        "a. pendaftaran Peserta;",
        "PIHAK PERTAMA, BUPATI TIMOR TENGAH UTARA,",
        "PIHAK KEDUA, KEPALA KANTOR CABANG ATAMBUA,",
        "YOSEP FALENTINUS DELASALLE KEBO",
        "Maria Yosefina Bere",
        "LAMPIRAN PERJANJIAN KERJA SAMA",
        "REKAPITULASI PESERTA PEKERJA RENTAN PER KECAMATAN",
        "Jumlah peserta dalam Perjanjian: 14.880 (empat belas ribu delapan ratus delapan puluh) "
        "orang",
    ]
    for phrase in expected:
        assert phrase in text, phrase
    assert text.index("Pasal 1 ") < text.index("Pasal 2 ") < text.index("Pasal 15 ")
    total = len(texts)
    for number, page in enumerate(texts, start=1):
        assert f"Halaman {number} dari {total}" in page
        assert "Paraf:" in page
    attachment = " ".join(t for t in texts if "LAMPIRAN PERJANJIAN" in t)
    for kecamatan in RegionDirectory(ctx).kecamatan():
        assert kecamatan.name in attachment, kecamatan.name
    assert set(page_sizes_mm(issued.pdf)) == {(210, 297)}
    assert all(fonts(issued.pdf).values())
    assert metadata(issued.pdf)["/Author"] == (
        "Dinas Tenaga Kerja dan Transmigrasi Kabupaten Timor Tengah Utara"
    )
    entry = list_documents(ctx)[0]
    assert entry.kind is DocumentKind.AGREEMENT and entry.signatory_name == bupati.name
    pages = render_pages(issued.pdf, tmp_path, "pks")
    assert all(ink_fraction(p) > 0.002 for p in pages)


def test_workers_counted_from_the_register(ctx: ServiceContext, bupati: SignatoryItem) -> None:
    generate_demo_workers(ctx, 120, seed=11)
    WorkerService(ctx).create(worker_input(1, funding=FundingSource.MANDIRI))
    today = date.today()
    params = compute_agreement(ctx, request(bupati, workers=None, count_date=today, months=6))
    paid = params.by_funding[FundingSource.APBD_KABUPATEN]
    assert params.workers == params.register_workers == paid > 0
    assert params.by_funding[FundingSource.MANDIRI] >= 1
    assert len(params.by_kecamatan) == 24
    assert params.monthly_value == Decimal(16_800) * paid
    assert params.total_value == Decimal(16_800) * paid * 6
    assert (params.period_start, params.period_end) == (date(2025, 7, 1), date(2025, 12, 31))
    issued = issue_agreement(ctx, request(bupati, workers=None, count_date=today, months=6))
    text = pdf_text(issued.pdf)
    assert f"JUMLAH {paid:,}".replace(",", ".") in text
    assert "Jumlah peserta dalam Perjanjian" not in text  # counted, so nothing to explain
    # Before anyone was registered, nothing to count: the clerk is told to type the number.
    with pytest.raises(ValidationError) as caught:
        compute_agreement(ctx, request(bupati, workers=None, count_date=date(2020, 1, 1)))
    assert caught.value.problems[0].field == "workers"


def test_folio_and_preview(ctx: ServiceContext, bupati: SignatoryItem) -> None:
    rendered = preview_agreement(ctx, request(bupati, page_size=PageSize.F4))
    assert set(page_sizes_mm(rendered.data)) == {(215, 330)}
    assert "PRATINJAU" in pdf_text(rendered.data)
    assert list_documents(ctx) == []


def test_bad_parameters_are_named(ctx: ServiceContext, bupati: SignatoryItem) -> None:
    nameless = SecondParty("", "", "", "", "")
    with pytest.raises(ValidationError) as caught:
        compute_agreement(
            ctx, request(bupati, second_party=nameless, months=0, payment_due_day=31, workers=-1)
        )
    fields = {p.field for p in caught.value.problems}
    assert fields == {
        "second_party.name",
        "second_party.position",
        "months",
        "payment_due_day",
        "workers",
    }
    # The clerk is sent to the field by its label, never by the setting's key.
    name = next(p.text for p in caught.value.problems if p.field == "second_party.name")
    assert "menu Pengaturan → BPJS & PKS → “Nama kepala kantor cabang”" in name
    assert "bpjs.branch_head_name" not in caught.value.message


def test_the_articles_are_an_editable_template(ctx: ServiceContext, bupati: SignatoryItem) -> None:
    template = load_template_by_key(ctx, "agreement")
    assert template.is_default and "== PENUTUP" in template.text
    edited = template.text.replace(
        "== PERUBAHAN",
        "== SOSIALISASI\nPARA PIHAK melaksanakan sosialisasi di {kota} bagi {jumlah_peserta} "
        "orang peserta.\n\n== PERUBAHAN",
    )
    saved = save_template_by_key(ctx, "agreement", edited)
    assert not saved.is_default
    text = pdf_text(issue_agreement(ctx, request(bupati)).pdf)
    assert "Pasal 14 SOSIALISASI" in text and "Pasal 16 PENUTUP" in text
    assert "sosialisasi di Kefamenanu bagi 14.880 (empat belas ribu" in text
    with pytest.raises(ValidationError) as caught:
        save_template_by_key(ctx, "agreement", edited + "\n{nilai_kontrak}")
    assert "{nilai_kontrak}" in caught.value.message
    with pytest.raises(ValidationError):
        save_template_by_key(ctx, "agreement", "[pasal]\n== SATU")
    assert reset_template_by_key(ctx, "agreement").is_default
    assert load_template_by_key(ctx, "agreement").text == template.text


def test_the_amount_follows_the_premium_rates_table(
    ctx: ServiceContext, bupati: SignatoryItem
) -> None:
    admin = ServiceContext(
        ctx.engine, ctx.session_factory, Principal(0, "admin1", "Admin", Role.ADMIN)
    )
    raised = set_rate(
        admin, RateInput(FundingSource.APBD_KABUPATEN, Month(2025, 7), jkk=12_000, jkm=6_800)
    )
    try:
        params = compute_agreement(ctx, request(bupati, workers=100, months=12))
        assert params.monthly_value == 100 * 18_800
    finally:
        delete_rate(admin, raised.id)  # the rates table is reference data other tests read
    assert compute_agreement(ctx, request(bupati, workers=100)).monthly_value == 100 * 16_800
