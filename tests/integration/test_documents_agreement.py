"""The cooperation agreement (PKS): values in figures and words, the opening in words, the
parties, the articles from the editable template, signatures, the 24-kecamatan attachment."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from models import Worker
from models.enums import FundingSource, Role
from services.core.context import ServiceContext
from services.core.errors import ValidationError
from services.core.permissions import Principal
from services.coverage_history import covered_on, funding_on
from services.documents import (
    AgreementRequest,
    DocumentKind,
    LetterRequest,
    PageSize,
    SecondParty,
    SignatoryInput,
    SignatoryItem,
    cancel_document,
    compute_agreement,
    issue_agreement,
    issue_letter,
    list_documents,
    load_template_by_key,
    preview_agreement,
    reset_template_by_key,
    save_template_by_key,
    update_signatory,
)
from services.documents.letters.fields import PremiumLetter
from services.documents.register_reads import counts_on
from services.premiums import Month, RateInput, delete_rate, set_rate
from services.settings.store import SettingsService
from services.text.formatting import long_date
from services.text.money import number, number_with_words, rupiah_plain, rupiah_with_words
from services.workers.demo_data import generate_demo_workers
from services.workers.regions import RegionDirectory
from services.workers.service import WorkerService
from tests.conftest import office_day_now
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


BUPATI_AUTHORITY = (
    "Keputusan Menteri Dalam Negeri Nomor 100.2.1.3-1234 Tahun 2025 tentang Pengesahan "
    "Pengangkatan Bupati Timor Tengah Utara dan Pasal 65 ayat (1) huruf e Undang-Undang Nomor "
    "23 Tahun 2014 tentang Pemerintahan Daerah"
)


@pytest.fixture
def bupati(ctx: ServiceContext) -> SignatoryItem:
    return with_authority(ctx, signatories(ctx)[1], BUPATI_AUTHORITY)


def with_authority(
    ctx: ServiceContext, s: SignatoryItem, authority: str, delegation: str | None = None
) -> SignatoryItem:
    data = SignatoryInput(
        name=s.name,
        position=s.position,
        rank=s.rank,
        nip=s.nip,
        on_behalf_of=s.on_behalf_of,
        regional_head=s.regional_head,
        authority=authority,
        delegation=delegation,
    )
    return update_signatory(ctx, s.id, data)


def registered(ctx: ServiceContext, count: int) -> date:
    """``count`` workers in the register; the day they count on."""
    generate_demo_workers(ctx, count, seed=5)
    return office_day_now()


def request(signatory: SignatoryItem, **changes: Any) -> AgreementRequest:
    values: dict[str, Any] = {
        "signatory_id": signatory.id,
        "agreement_date": LAUNCH,
        "second_party": BRANCH_HEAD,
        "second_party_number": "PKS/01/KC-ATB/0725",
        "workers": None,
        "budget_code": "5.1.02.01.01.0025",
        "bpjs_account": "Bank NTT 001.01.02.003456-7 a.n. BPJS Ketenagakerjaan KC Atambua",
        "apbd_regulation": "12 Tahun 2024",
    }
    return AgreementRequest(**(values | changes))


def test_the_launch_agreement(ctx: ServiceContext, bupati: SignatoryItem, tmp_path: Path) -> None:
    counted_on = registered(ctx, 40)
    params = compute_agreement(ctx, request(bupati, count_date=counted_on))
    n = params.workers
    assert n == params.register_workers > 0 and params.missing == []
    issued = issue_agreement(ctx, request(bupati, count_date=counted_on))
    texts = page_texts(issued.pdf)
    text = " ".join(texts)
    assert issued.number == "500.15/1/PKS/Nakertrans/VII/2025"
    monthly = n * 16_800
    expected = [
        "PERJANJIAN KERJA SAMA ANTARA PEMERINTAH KABUPATEN TIMOR TENGAH UTARA DENGAN BPJS "
        "KETENAGAKERJAAN KANTOR CABANG ATAMBUA TENTANG PELINDUNGAN JAMINAN SOSIAL",
        f"NOMOR: {issued.number}",
        "NOMOR: PKS/01/KC-ATB/0725",
        "Pada hari ini Senin tanggal tujuh bulan Juli tahun dua ribu dua puluh lima, bertempat "
        "di Kefamenanu",
        "Nama : Yosep Falentinus Delasalle Kebo",
        "Alamat : Kantor Bupati Timor Tengah Utara, Kefamenanu",
        f"selaku Bupati Timor Tengah Utara berdasarkan {BUPATI_AUTHORITY}, untuk dan atas nama "
        "Pemerintah Kabupaten Timor Tengah Utara, selanjutnya disebut PIHAK PERTAMA",
        "NPK : E123456",
        "berdasarkan Keputusan Direksi BPJS Ketenagakerjaan Nomor KEP/99/2024",
        "selanjutnya disebut PIHAK KEDUA",
        "disebut PARA PIHAK",
        # Dasar hukum with the amendment chains and the APBD regulation's number.
        "Undang-Undang Nomor 17 Tahun 2003 tentang Keuangan Negara",
        "Undang-Undang Nomor 40 Tahun 2004 tentang Sistem Jaminan Sosial Nasional sebagaimana "
        "telah diubah dengan Undang-Undang Nomor 4 Tahun 2023 tentang Pengembangan dan "
        "Penguatan Sektor Keuangan dan Undang-Undang Nomor 6 Tahun 2023",
        "Undang-Undang Nomor 24 Tahun 2011 tentang Badan Penyelenggara Jaminan Sosial "
        "sebagaimana telah diubah dengan Undang-Undang Nomor 4 Tahun 2023",
        "Peraturan Pemerintah Nomor 44 Tahun 2015 tentang Penyelenggaraan Program Jaminan "
        "Kecelakaan Kerja dan Jaminan Kematian sebagaimana telah beberapa kali diubah terakhir "
        "dengan Peraturan Pemerintah Nomor 49 Tahun 2023",
        "Peraturan Daerah Kabupaten Timor Tengah Utara Nomor 12 Tahun 2024 tentang Anggaran "
        "Pendapatan dan Belanja Daerah Tahun Anggaran 2025.",
        "Pasal 1 KETENTUAN UMUM",
        "Pasal 5 IURAN DAN NILAI PERJANJIAN",
        "Pasal 17 PENUTUP",
        f"berjumlah {number_with_words(n)} orang",
        "Penghasilan yang Dilaporkan sebesar Rp1.000.000,00 (satu juta rupiah) per bulan",
        "iuran JKK sebesar Rp10.000,00 (sepuluh ribu rupiah)",
        "iuran JKM sebesar Rp6.800,00 (enam ribu delapan ratus rupiah)",
        "Rp16.800,00 (enam belas ribu delapan ratus rupiah)",
        f"setiap bulan sebesar {rupiah_with_words(monthly)}",
        f"untuk 6 (enam) bulan sebesar {rupiah_with_words(monthly * 6)}",
        "dibebankan pada Anggaran Pendapatan dan Belanja Daerah Kabupaten Timor Tengah Utara "
        "Tahun Anggaran 2025 pada Dokumen Pelaksanaan Anggaran Dinas Tenaga Kerja dan "
        "Transmigrasi, kode rekening 5.1.02.01.01.0025",
        "paling lambat tanggal 15 (lima belas) bulan yang bersangkutan; Iuran bulan Juli 2025 "
        "dibayar paling lambat tanggal 15 Juli 2025",
        "transfer ke rekening PIHAK KEDUA Bank NTT 001.01.02.003456-7",
        "sejak tanggal 7 Juli 2025 sampai dengan tanggal 31 Desember 2025",
        "Pasal 12 PENGAKHIRAN",
        "paling lambat 30 (tiga puluh) hari sebelumnya",
        "bukan merupakan keadaan kahar",
        "Pasal 14 PEMBERITAHUAN",
        "PIHAK KEDUA: Jl. Ahmad Yani, Atambua",
        "Pengadilan Negeri Kefamenanu",
        "diatur dalam adendum",
        "masing-masing bermeterai Rp10.000,00 (sepuluh ribu rupiah) sesuai dengan Undang-Undang "
        "Nomor 10 Tahun 2020 tentang Bea Meterai",
        "mulai berlaku sejak tanggal 7 Juli 2025.",
        "(1) Maksud Perjanjian",
        "a. pendaftaran Peserta;",
        "PIHAK PERTAMA, BUPATI TIMOR TENGAH UTARA,",
        "PIHAK KEDUA, KEPALA KANTOR CABANG ATAMBUA,",
        # Under the signature the Bupati's name in capitals, as his letters sign it;
        # the branch head's as the record writes it.
        "YOSEP FALENTINUS DELASALLE KEBO",
        "Maria Yosefina Bere",
        "LAMPIRAN PERJANJIAN KERJA SAMA",
        "REKAPITULASI PESERTA PEKERJA RENTAN PER KECAMATAN",
        f"JUMLAH {number(n)}",
    ]
    for phrase in expected:
        assert phrase in text, phrase
    signed = text[text.index("PIHAK PERTAMA, BUPATI") : text.index("LAMPIRAN PERJANJIAN")]
    assert "Yosep" not in signed and "YOSEP FALENTINUS DELASALLE KEBO" in signed
    for outdated in ("addendum", "meterai cukup", "kebijakan pemerintah di bidang keuangan"):
        assert outdated not in text, outdated
    assert "………" not in text and "belum diisi" not in text
    assert text.index("Pasal 1 ") < text.index("Pasal 2 ") < text.index("Pasal 17 ")
    # A cross-reference names the article by its number, not "pasal tentang jangka waktu".
    assert "Pasal 11 JANGKA WAKTU" in text
    assert "jangka waktu sebagaimana dimaksud dalam Pasal 11 berakhir" in text
    assert "pasal tentang" not in text
    total = len(texts)
    for index, page in enumerate(texts, start=1):
        assert f"Halaman {index} dari {total}" in page
        assert "Paraf:" in page
    # The signatures share their page with the closing article; the annex has no meterai.
    signed_page = next(i for i, t in enumerate(texts) if "PIHAK PERTAMA, BUPATI" in t)
    assert "Pasal 17 PENUTUP" in texts[signed_page] and "mulai berlaku sejak" in texts[signed_page]
    attachment = " ".join(t for t in texts if "LAMPIRAN PERJANJIAN" in t)
    assert "meterai" not in attachment and "meterai" in texts[signed_page]
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


def test_a_term_over_two_budget_years(ctx: ServiceContext, bupati: SignatoryItem) -> None:
    counted_on = registered(ctx, 12)
    params = compute_agreement(ctx, request(bupati, count_date=counted_on, months=18))
    n = params.workers
    assert [(y.year, y.months) for y in params.budget_years] == [(2025, 6), (2026, 12)]
    assert params.total_value == n * 16_800 * 18 and params.months == 18
    assert (params.period_start, params.period_end) == (LAUNCH, date(2026, 12, 31))
    text = pdf_text(issue_agreement(ctx, request(bupati, count_date=counted_on, months=18)).pdf)
    for phrase in (
        f"Tahun Anggaran 2025 untuk 6 (enam) bulan sebesar {rupiah_with_words(n * 16_800 * 6)}",
        f"Tahun Anggaran 2026 untuk 12 (dua belas) bulan sebesar "
        f"{rupiah_with_words(n * 16_800 * 12)}",
        "setelah mendapat persetujuan Dewan Perwakilan Rakyat Daerah atas komitmen tahun jamak",
        "sejak tanggal 7 Juli 2025 sampai dengan tanggal 31 Desember 2026",
    ):
        assert phrase in text, phrase


def _annex(pdf: bytes) -> str:
    """The attachment's pages as one text (whitespace collapsed)."""
    pages = page_texts(pdf)
    first = next(i for i, t in enumerate(pages) if "LAMPIRAN PERJANJIAN KERJA SAMA" in t)
    return " ".join(pages[first:])


@pytest.mark.parametrize(
    ("months", "years", "jkk"),
    [
        (18, [(2025, 6), (2026, 12)], Decimal(10_000)),
        (36, [(2025, 6), (2026, 12), (2027, 12), (2028, 6)], Decimal(10_000)),
        # Amounts as wide as 15,000 workers' give (billions per year).
        (36, [(2025, 6), (2026, 12), (2027, 12), (2028, 6)], Decimal(6_000_000)),
    ],
)
def test_a_multi_year_annex_shows_each_budget_years_amount(
    ctx: ServiceContext,
    bupati: SignatoryItem,
    tmp_path: Path,
    months: int,
    years: list[tuple[int, int]],
    jkk: Decimal,
) -> None:
    """The annex of a term over several budget years: per kecamatan a column for each
    year's premium, and a table of each year's amount charged to that year's APBD, the
    same amounts the body states, adding up to the value of the agreement."""
    counted_on = registered(ctx, 40)
    asked = request(bupati, count_date=counted_on, months=months, jkk_monthly=jkk)
    params = compute_agreement(ctx, asked)
    n = params.workers
    assert [(y.year, y.months) for y in params.budget_years] == years
    issued = issue_agreement(ctx, asked)
    body = pdf_text(issued.pdf).split("LAMPIRAN PERJANJIAN KERJA SAMA")[0]
    annex = _annex(issued.pdf)
    monthly = n * params.premium_per_worker
    per_year = []
    for year, count in years:
        amount = monthly * count
        per_year.append(amount)
        # The body charges the year's amount to that year's APBD ...
        assert (
            f"Tahun Anggaran {year} untuk {number_with_words(count)} bulan sebesar "
            f"{rupiah_with_words(amount)}" in body
        ), year
        # ... and the annex says the same: a column per year, and the year's line.
        assert f"TA {year} ({count} bulan) (Rp)" in annex, year
        first = max(params.period_start, date(year, 1, 1))
        last = min(params.period_end, date(year, 12, 31))
        assert (
            f"{year} {long_date(first)} s.d. {long_date(last)} {count} {rupiah_plain(amount)} "
            f"APBD Kabupaten Timor Tengah Utara TA {year}" in annex
        ), (year, annex)
    total = " ".join(rupiah_plain(a) for a in per_year)
    # The monthly column gives way only when four years' amounts leave no room.
    assert f"JUMLAH {number(n)} {rupiah_plain(monthly)} {total}" in annex or (
        jkk > 10_000 and f"JUMLAH {number(n)} {total}" in annex
    )
    assert f"JUMLAH {months} {rupiah_plain(sum(per_year))}" in annex
    assert sum(per_year) == params.total_value
    assert f"sebesar {rupiah_with_words(params.total_value)}" in body
    assert "dibebankan pada Anggaran Pendapatan dan Belanja Daerah tahun anggaran yang" in annex, (
        annex
    )
    # No single total column for the whole term.
    assert f"Iuran {months} Bulan" not in annex
    pages = render_pages(issued.pdf, tmp_path, f"pks_{months}_{jkk}")
    assert all(ink_fraction(p) > 0.002 for p in pages)


def test_a_one_year_annex_keeps_one_column_for_the_term(
    ctx: ServiceContext, bupati: SignatoryItem
) -> None:
    counted_on = registered(ctx, 12)
    issued = issue_agreement(ctx, request(bupati, count_date=counted_on))
    n = compute_agreement(ctx, request(bupati, count_date=counted_on)).workers
    annex = _annex(issued.pdf)
    assert "Iuran 6 Bulan (Rp)" in annex and "TA 2025 (" not in annex
    assert f"JUMLAH {number(n)} {rupiah_plain(n * 16_800)} {rupiah_plain(n * 16_800 * 6)}" in annex
    assert "NILAI PERJANJIAN PER TAHUN ANGGARAN" not in annex


def test_particulars_must_be_filled_before_a_number(
    ctx: ServiceContext, bupati: SignatoryItem
) -> None:
    counted_on = registered(ctx, 8)
    blank_party = SecondParty("Maria Yosefina Bere", "Kepala Kantor Cabang Atambua", "", "", "")
    incomplete = request(
        bupati,
        count_date=counted_on,
        second_party=blank_party,
        second_party_number="",
        budget_code="",
        bpjs_account="",
        apbd_regulation="",
    )
    preview = pdf_text(preview_agreement(ctx, incomplete).data)
    for mark in (
        "NOMOR: [belum diisi: nomor pihak BPJS]",
        "NPK : [belum diisi: NPK]",
        "kode rekening [belum diisi: kode rekening]",
        "rekening PIHAK KEDUA [belum diisi: nomor rekening BPJS Ketenagakerjaan]",
        "Peraturan Daerah Kabupaten Timor Tengah Utara [belum diisi: Nomor … Tahun …]",
    ):
        assert mark in preview, mark
    with pytest.raises(ValidationError) as caught:
        issue_agreement(ctx, incomplete)
    fields = {p.field for p in caught.value.problems}
    assert fields == {
        "second_party.npk",
        "second_party.decree",
        "second_party.address",
        "second_party_number",
        "budget_code",
        "apbd_regulation",
        "bpjs_account",
    }
    assert "NPK PIHAK KEDUA belum diisi" in caught.value.message
    assert list_documents(ctx) == []
    # No number was spent: the complete agreement is the first of its series.
    issued = issue_agreement(ctx, request(bupati, count_date=counted_on))
    assert issued.number == "500.15/1/PKS/Nakertrans/VII/2025"


def test_a_kepala_dinas_signs_by_delegation_at_his_office(ctx: ServiceContext) -> None:
    counted_on = registered(ctx, 8)
    kadis = signatories(ctx)[0]
    with pytest.raises(ValidationError) as caught:
        issue_agreement(ctx, request(kadis, count_date=counted_on))
    assert {p.code for p in caught.value.problems} == {
        "first_party_authority",
        "first_party_delegation",
    }
    kadis = with_authority(
        ctx,
        kadis,
        "Keputusan Bupati Timor Tengah Utara Nomor 821.2/45/BKPSDM/2024 tentang Pengangkatan "
        "Kepala Dinas Tenaga Kerja dan Transmigrasi",
        "Keputusan Bupati Timor Tengah Utara Nomor 100.3.3/77/HK/2025 tentang Pelimpahan "
        "Kewenangan Penandatanganan Perjanjian Kerja Sama",
    )
    text = pdf_text(issue_agreement(ctx, request(kadis, count_date=counted_on)).pdf)
    assert "Alamat : Kantor Dinas Tenaga Kerja dan Transmigrasi, Jl. Basuki Rahmat" in text
    assert "Kantor Bupati" not in text
    assert (
        "selaku Kepala Dinas Tenaga Kerja dan Transmigrasi dan Pengguna Anggaran berdasarkan "
        "Keputusan Bupati Timor Tengah Utara Nomor 821.2/45/BKPSDM/2024" in text
    )
    assert (
        "berdasarkan pelimpahan kewenangan dengan Keputusan Bupati Timor Tengah Utara Nomor "
        "100.3.3/77/HK/2025" in text
    )


def test_the_annex_adds_up_to_the_body(ctx: ServiceContext, bupati: SignatoryItem) -> None:
    counted_on = registered(ctx, 10)
    counted = compute_agreement(ctx, request(bupati, count_date=counted_on)).workers
    typed = request(bupati, count_date=counted_on, workers=counted + 3)
    preview = pdf_text(preview_agreement(ctx, typed).data)
    assert "[belum diisi: lampiran tidak sama dengan batang tubuh]" in preview
    with pytest.raises(ValidationError) as caught:
        issue_agreement(ctx, typed)
    (problem,) = caught.value.problems
    assert problem.field == "workers"
    assert f"({number(counted + 3)} orang) lebih banyak 3 orang daripada lampiran" in problem.text
    assert f"menghitung {number(counted)} orang terlindungi" in problem.text
    same = issue_agreement(ctx, request(bupati, count_date=counted_on, workers=counted))
    assert f"JUMLAH {number(counted)}" in pdf_text(same.pdf)


def test_the_annex_counts_who_is_covered_on_the_agreement_date(
    ctx: ServiceContext, bupati: SignatoryItem
) -> None:
    """Counted on the agreement's own day from the coverage history (not from when workers
    were typed in): the annex's rows add up to the body, by the day's funding source."""
    generate_demo_workers(ctx, 60, seed=21)
    params = compute_agreement(ctx, request(bupati))  # counted on 7 July 2025
    funding = funding_on(Worker.id, LAUNCH)  # one expression, selected and grouped
    with ctx.session_factory() as session:
        covered = session.execute(
            select(funding, func.count())
            .select_from(Worker)
            .where(covered_on(Worker.id, LAUNCH))
            .group_by(funding)
        ).all()
    by_source = {FundingSource(f): n for f, n in covered}
    assert params.count_date == LAUNCH
    assert params.workers == params.register_workers == by_source[FundingSource.APBD_KABUPATEN]
    assert params.by_funding == by_source
    assert params.missing == []
    text = pdf_text(issue_agreement(ctx, request(bupati)).pdf)
    assert f"berjumlah {number_with_words(params.workers)} orang" in text
    assert f"JUMLAH {number(params.workers)}" in text


def test_workers_counted_from_the_register(ctx: ServiceContext, bupati: SignatoryItem) -> None:
    generate_demo_workers(ctx, 120, seed=11)
    WorkerService(ctx).create(worker_input(1, funding=FundingSource.MANDIRI))
    today = office_day_now()
    params = compute_agreement(ctx, request(bupati, count_date=today, months=6))
    paid = params.by_funding[FundingSource.APBD_KABUPATEN]
    assert params.workers == params.register_workers == paid > 0
    assert params.by_funding[FundingSource.MANDIRI] >= 1
    assert len(params.by_kecamatan) == 24
    assert params.monthly_value == Decimal(16_800) * paid
    assert params.total_value == Decimal(16_800) * paid * 6
    assert (params.period_start, params.period_end) == (LAUNCH, date(2025, 12, 31))
    issued = issue_agreement(ctx, request(bupati, count_date=today, months=6))
    text = pdf_text(issued.pdf)
    assert f"JUMLAH {paid:,}".replace(",", ".") in text
    # Nobody covered on the count date: nothing to agree on.
    with pytest.raises(ValidationError) as caught:
        compute_agreement(ctx, request(bupati, count_date=date(2020, 1, 1)))
    assert caught.value.problems[0].field == "workers"


def test_folio_and_preview(ctx: ServiceContext, bupati: SignatoryItem) -> None:
    counted_on = registered(ctx, 5)
    rendered = preview_agreement(ctx, request(bupati, count_date=counted_on, page_size=PageSize.F4))
    assert set(page_sizes_mm(rendered.data)) == {(215, 330)}
    assert "PRATINJAU" in pdf_text(rendered.data)
    assert list_documents(ctx) == []


def test_the_apbd_regulation_may_be_typed_with_its_nomor(
    ctx: ServiceContext, bupati: SignatoryItem
) -> None:
    """The setting's example is "Nomor 12 Tahun 2024": typed so, the dasar hukum does not
    say "Nomor Nomor"."""
    counted_on = registered(ctx, 5)
    typed = request(bupati, count_date=counted_on, apbd_regulation="Nomor 12 Tahun 2024")
    text = pdf_text(preview_agreement(ctx, typed).data)
    assert "Timor Tengah Utara Nomor 12 Tahun 2024 tentang Anggaran" in text
    assert "Nomor Nomor" not in text


def test_the_apbd_regulation_must_be_the_budget_years(
    ctx: ServiceContext, bupati: SignatoryItem
) -> None:
    """TA 2025's APBD is a Perda of 2024 (or of 2025 for the APBD Perubahan): a Perda of
    another year, or one without its year, is refused by name and gets no number."""
    counted_on = registered(ctx, 5)
    for typed, year in (("Nomor 12 Tahun 2026", "2026"), ("Nomor 3 Tahun 2023", "2023")):
        bad = request(bupati, count_date=counted_on, apbd_regulation=typed)
        with pytest.raises(ValidationError) as caught:
            issue_agreement(ctx, bad)
        [problem] = caught.value.problems
        assert problem.field == "apbd_regulation"
        assert problem.text.startswith(f"Nomor Perda APBD '{typed}' tidak sesuai")
        assert "Tahun Anggaran 2025" in problem.text and f"bukan {year}" in problem.text
    yearless = request(bupati, count_date=counted_on, apbd_regulation="12")
    assert [p.code for p in compute_agreement(ctx, yearless).missing] == ["apbd_regulation_year"]
    assert list_documents(ctx) == []
    amended = request(bupati, count_date=counted_on, apbd_regulation="Nomor 5 Tahun 2025")
    text = pdf_text(issue_agreement(ctx, amended).pdf)
    assert "Timor Tengah Utara Nomor 5 Tahun 2025 tentang Anggaran" in text


def test_the_premium_letter_cites_the_agreement_it_bills_under(
    ctx: ServiceContext, bupati: SignatoryItem, tmp_path: Path
) -> None:
    """A month inside a registered PKS's term: the letter cites both its numbers and its
    date, after the bill when there is one, and pays into the account the PKS printed,
    whatever the setting says since. Before any PKS, after its term, or once it is
    cancelled, the letter cites no number: it names the agreement without one, or only
    the bill, and pays into the setting's account."""
    kadis = signatories(ctx)[0]
    admin = ServiceContext(
        ctx.engine, ctx.session_factory, Principal(0, "admin1", "Admin Satu", Role.ADMIN)
    )
    printed = "Bank NTT 001.01.02.000111-1 a.n. BPJS Ketenagakerjaan KC Atambua"
    changed = "Bank BRI 0123-01-000222-30-2 a.n. BPJS Ketenagakerjaan KC Atambua"
    SettingsService(admin).set_many({"premium.bpjs_account": printed})
    service = WorkerService(ctx)
    for serial in (1, 2, 3):
        service.create(worker_input(serial))
    service.create(worker_input(4, coverage_end=date(2026, 12, 31)))

    def letter(start: date, on: date, **bill: Any) -> str:
        fields = PremiumLetter(start, **bill)
        return pdf_text(issue_letter(ctx, LetterRequest(fields, kadis.id, on)).pdf)

    generic = (
        "Menindaklanjuti Perjanjian Kerja Sama antara Pemerintah Kabupaten Timor Tengah Utara "
        "dan BPJS Ketenagakerjaan Kantor Cabang Atambua, bersama ini"
    )
    assert generic in letter(date(2025, 7, 1), date(2025, 7, 5))  # none issued yet
    pks = issue_agreement(ctx, request(bupati, count_date=LAUNCH, bpjs_account=None))
    assert f"transfer ke rekening PIHAK KEDUA {printed}" in pdf_text(pks.pdf)
    SettingsService(admin).set_many({"premium.bpjs_account": changed})
    cited = (
        "Perjanjian Kerja Sama antara Pemerintah Kabupaten Timor Tengah Utara dan BPJS "
        f"Ketenagakerjaan Kantor Cabang Atambua Nomor {pks.number} dan Nomor "
        "PKS/01/KC-ATB/0725 tanggal 7 Juli 2025"
    )
    july = letter(date(2025, 7, 1), date(2025, 7, 10))
    assert f"Menindaklanjuti {cited}, bersama ini" in july
    assert f"transfer ke rekening {printed}." in july and changed not in july
    billed = letter(
        date(2025, 8, 1), date(2025, 8, 5), bill_number="B/9/2025", bill_date=date(2025, 8, 1)
    )
    assert (
        "Menindaklanjuti surat tagihan BPJS Ketenagakerjaan Kantor Cabang Atambua Nomor "
        f"B/9/2025 tanggal 1 Agustus 2025 berdasarkan {cited}, bersama ini"
    ) in billed
    september = LetterRequest(PremiumLetter(date(2025, 9, 1)), kadis.id, date(2025, 9, 2))
    render_pages(issue_letter(ctx, september).pdf, tmp_path, "iuran_pks")
    assert cited in letter(date(2025, 10, 1), date(2025, 10, 2))
    # The term ends on 31 December 2025: January 2026 is billed under no registered PKS.
    after = letter(date(2026, 1, 1), date(2026, 1, 5), bill_number="B/1/2026")
    assert pks.number not in after and "Perjanjian Kerja Sama" not in after
    assert f"transfer ke rekening {changed}." in after
    # Cancelled, it is cited no more, even for a month in its term.
    cancel_document(ctx, pks.number, "Salah ketik")
    late = letter(date(2025, 10, 1), date(2026, 1, 6))
    assert pks.number not in late and generic in late


def test_bad_parameters_are_named(ctx: ServiceContext, bupati: SignatoryItem) -> None:
    nameless = SecondParty("", "", "", "", "")
    with pytest.raises(ValidationError) as caught:
        compute_agreement(
            ctx,
            request(
                bupati,
                second_party=nameless,
                months=0,
                payment_due_day=31,
                workers=-1,
                period_start=date(2025, 7, 1),
            ),
        )
    fields = {p.field for p in caught.value.problems}
    assert fields == {
        "second_party.position",
        "months",
        "payment_due_day",
        "workers",
        "period_start",
    }
    starts = next(p for p in caught.value.problems if p.field == "period_start")
    assert "sebelum perjanjian ditandatangani (7 Juli 2025)" in starts.text
    # The clerk is sent to the field by its label, never by the setting's key.
    position = next(p.text for p in caught.value.problems if p.field == "second_party.position")
    assert (
        "menu Pengaturan → Pengaturan kantor → BPJS & PKS → “Jabatan kepala kantor cabang”"
        in position
    )
    assert "bpjs.branch_head_position" not in caught.value.message


def test_the_articles_are_an_editable_template(ctx: ServiceContext, bupati: SignatoryItem) -> None:
    template = load_template_by_key(ctx, "agreement")
    assert template.is_default and "== PENUTUP" in template.text
    edited = template.text.replace(
        "== PERUBAHAN",
        "== SOSIALISASI\nPARA PIHAK melaksanakan sosialisasi di {kota} bagi {jumlah_peserta} "
        "orang peserta.\n\n== PERUBAHAN",
    )
    edited = edited.replace(
        "- Undang-Undang Nomor 10 Tahun 2020 tentang Bea Meterai\n",
        "- Peraturan Bupati Timor Tengah Utara Nomor 7 Tahun {tahun_anggaran} tentang Pekerja "
        "Rentan\n",
    )
    saved = save_template_by_key(ctx, "agreement", edited)
    assert not saved.is_default
    counted_on = registered(ctx, 6)
    params = compute_agreement(ctx, request(bupati, count_date=counted_on))
    text = pdf_text(issue_agreement(ctx, request(bupati, count_date=counted_on)).pdf)
    assert "Pasal 16 SOSIALISASI" in text and "Pasal 18 PENUTUP" in text
    assert f"sosialisasi di Kefamenanu bagi {number_with_words(params.workers)} orang" in text
    assert "Peraturan Bupati Timor Tengah Utara Nomor 7 Tahun 2025 tentang Pekerja Rentan;" in text
    assert "Bea Meterai;" not in text
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


def test_a_stored_template_without_legal_bases_takes_the_default(
    ctx: ServiceContext, bupati: SignatoryItem
) -> None:
    """An office's copy saved before [dasar_hukum] existed still issues, with the defaults."""
    old = load_template_by_key(ctx, "agreement").text
    start = old.index("[dasar_hukum]")
    save_template_by_key(ctx, "agreement", old[:start] + old[old.index("[pasal]") :])
    counted_on = registered(ctx, 4)
    text = pdf_text(issue_agreement(ctx, request(bupati, count_date=counted_on)).pdf)
    assert "Undang-Undang Nomor 17 Tahun 2003 tentang Keuangan Negara" in text


def test_a_kecamatan_clerk_counts_only_their_kecamatan(sqlite_ctx: ServiceContext) -> None:
    generate_demo_workers(sqlite_ctx, 80, seed=21)
    principal = Principal(5, "insana", "Petugas Insana", Role.OPERATOR, frozenset({"53.03.08"}))
    with sqlite_ctx.session_factory() as session:
        everyone = counts_on(session, None, LAUNCH)
        theirs = counts_on(session, principal, LAUNCH)
    assert theirs and theirs == {k: n for k, n in everyone.items() if k[0] == "53.03.08"}
