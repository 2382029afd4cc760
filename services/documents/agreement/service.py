"""The cooperation agreement: compute its values, preview it, issue it into the letter register."""

from __future__ import annotations

from dataclasses import asdict
from datetime import date
from typing import Any

from models.enums import DocumentKind, Sifat
from services.core.context import ServiceContext
from services.core.errors import Problem, ValidationError
from services.core.office_time import office_today_of
from services.core.permissions import Permission
from services.documents.agreement.params import AgreementParams, AgreementRequest, SecondParty
from services.documents.agreement.particulars import blank, or_blank
from services.documents.agreement.pdf import AgreementText, render_agreement, running_title
from services.documents.agreement.resolve import (
    resolve,
    second_party_from_settings,
    template_legal_bases,
)
from services.documents.agreement.template import SPEC, article_reference
from services.documents.dates_words import month_start_after, month_year
from services.documents.letter_register import DocumentDraft, find_replaced, issue, preview
from services.documents.letterhead import letterhead_from_settings
from services.documents.letters.service import page_size_setting
from services.documents.page import RenderedPdf
from services.documents.signatories import get_signatory, signing_problems
from services.documents.templates import blocks, checked_sections, fill, plain
from services.documents.types import IssuedDocument
from services.settings.office_images import office_images
from services.settings.store import SettingsService
from services.text.formatting import long_date
from services.text.money import number_with_words, rupiah_with_words


def compute_agreement(ctx: ServiceContext, request: AgreementRequest) -> AgreementParams:
    """The parameters with every default filled in: counts, rates, values (for a form)."""
    ctx.require(Permission.LETTERS)
    settings = SettingsService(ctx).get_all()
    return _resolve(ctx, request, settings)


def default_second_party(ctx: ServiceContext) -> SecondParty:
    """PIHAK KEDUA as the settings describe the branch head (a form starts from it)."""
    ctx.require(Permission.READ_WORKERS)
    return second_party_from_settings(SettingsService(ctx).get_all())


def default_legal_bases(ctx: ServiceContext) -> list[str]:
    """The template's legal bases, placeholders kept (a form starts from them)."""
    ctx.require(Permission.READ_WORKERS)
    return template_legal_bases(ctx)


def preview_agreement(ctx: ServiceContext, request: AgreementRequest) -> RenderedPdf:
    return preview(prepare_agreement(ctx, request))


def issue_agreement(
    ctx: ServiceContext, request: AgreementRequest, *, placeholder_confirmed: bool = False
) -> IssuedDocument:
    """Number (PIHAK PERTAMA's number, from the letter register), render and record; refused,
    before a number is taken, while a required particular is missing; with the
    placeholder emblem still in the kop, only when ``placeholder_confirmed``."""
    ctx.require(Permission.LETTERS)
    settings = SettingsService(ctx).get_all()
    params = _resolve(ctx, request, settings)
    # The preview marks a missing particular as a blank; the issue refuses it, and a
    # PIHAK PERTAMA whose record lacks the NIP or rank a civil servant signs over.
    missing = params.missing + signing_problems(params.first_party, office_today_of(ctx))
    if missing:
        raise ValidationError(missing, record="perjanjian kerja sama")
    return issue(
        ctx, _draft(ctx, request, settings, params), placeholder_confirmed=placeholder_confirmed
    )


def prepare_agreement(ctx: ServiceContext, request: AgreementRequest) -> DocumentDraft:
    ctx.require(Permission.LETTERS)
    settings = SettingsService(ctx).get_all()
    return _draft(ctx, request, settings, _resolve(ctx, request, settings))


def _draft(
    ctx: ServiceContext,
    request: AgreementRequest,
    settings: dict[str, str],
    params: AgreementParams,
) -> DocumentDraft:
    replaces = find_replaced(ctx, request.replaces_number, DocumentKind.AGREEMENT)
    sections = checked_sections(ctx, SPEC)
    values = {
        **template_values(params, settings),
        "pasal_jangka_waktu": article_reference(sections["pasal"], "JANGKA WAKTU"),
    }
    text = AgreementText(
        subject=fill(" ".join(sections["tentang"].split()), values),
        recitals=blocks(sections["pertimbangan"], values),
        articles=blocks(sections["pasal"], values),
        legal_bases=[_fill_basis(basis, values) for basis in params.legal_bases],
    )
    district = settings["district.kabupaten_name"]
    branch = settings["bpjs.branch_name"]
    letterhead = letterhead_from_settings(settings, office_images(ctx))
    author = f"{settings['office.name']} {district}"
    subject = running_title(plain(sections["tentang"], values))

    def render(number: str | None) -> RenderedPdf:
        return render_agreement(params, text, letterhead, district, branch, author, number)

    return DocumentDraft(
        kind=DocumentKind.AGREEMENT,
        document_date=request.agreement_date,
        subject=f"Perjanjian Kerja Sama tentang {subject}",
        addressee=f"{params.second_party.name}, {branch}",
        sifat=Sifat.PENTING,
        signatory_id=params.first_party.id,
        signatory_name=params.first_party.name,
        page_size=params.page_size,
        fields=_fields(request, params),
        render=render,
        replaces=replaces,
        extra_audit={"workers": params.workers, "total": str(params.total_value)},
        placeholder_emblem=letterhead.uses_placeholder(regional_head=False),
    )


def _regulation_number(typed: str) -> str:
    """The regulation's number without a leading "Nomor", which the setting's own example
    ("Nomor 12 Tahun 2024") includes and the sentence already says."""
    text = typed.strip()
    return text[len("nomor") :].strip() if text.lower().startswith("nomor ") else text


def template_values(params: AgreementParams, settings: dict[str, str]) -> dict[str, str]:
    """The placeholders' values; a missing particular prints as a marked blank (only a
    preview can have one: issuing refuses first)."""
    district = settings["district.kabupaten_name"]
    first_year = params.period_start.year
    regulation = (
        f"Peraturan Daerah {district} Nomor {_regulation_number(params.apbd_regulation)} "
        "tentang Anggaran "
        f"Pendapatan dan Belanja Daerah Tahun Anggaran {first_year}"
        if params.apbd_regulation
        else f"Peraturan Daerah {district} "
        + blank("Nomor … Tahun …")
        + f" tentang Anggaran Pendapatan dan Belanja Daerah Tahun Anggaran {first_year}"
    )
    first_due, due_month = _first_due(params, settings)
    return {
        "kabupaten": district,
        "kabupaten_kapital": district.upper(),
        "cabang_bpjs": settings["bpjs.branch_name"],
        "kota": params.place,
        "jumlah_peserta": number_with_words(params.workers),
        "iuran_jkk": rupiah_with_words(params.jkk_monthly),
        "iuran_jkm": rupiah_with_words(params.jkm_monthly),
        "iuran_per_orang": rupiah_with_words(params.premium_per_worker),
        "nilai_bulanan": rupiah_with_words(params.monthly_value),
        "nilai_total": rupiah_with_words(params.total_value),
        "jumlah_bulan": number_with_words(params.months),
        "masa_mulai": long_date(params.period_start),
        "masa_akhir": long_date(params.period_end),
        "tahun_anggaran": str(first_year),
        "kode_rekening": or_blank(params.budget_code, "kode rekening"),
        "pembebanan_anggaran": charged_to(params, district, settings["office.name"]),
        "penghasilan_dilaporkan": rupiah_with_words(params.reported_income),
        "tanggal_jatuh_tempo": number_with_words(params.payment_due_day),
        "bulan_jatuh_tempo": due_month,
        "bulan_pertama": month_year(params.period_start),
        "jatuh_tempo_pertama": long_date(first_due),
        "rekening_bpjs": or_blank(params.bpjs_account, "nomor rekening BPJS Ketenagakerjaan"),
        "alamat_pihak_pertama": params.first_party_address,
        "alamat_pihak_kedua": or_blank(params.second_party.address, "alamat PIHAK KEDUA"),
        "perda_apbd": regulation,
        "pengadilan": params.court,
    }


def charged_to(params: AgreementParams, district: str, office: str) -> str:
    """Which APBD pays: one budget year, or each year's amount charged to that year's APBD
    with the DPRD's approval of the commitment beyond the first year."""
    code = or_blank(params.budget_code, "kode rekening")
    apbd = f"Anggaran Pendapatan dan Belanja Daerah {district}"
    if not params.multi_year:
        year = params.budget_years[0].year
        return (
            f"{apbd} Tahun Anggaran {year} pada Dokumen Pelaksanaan Anggaran {office}, "
            f"kode rekening {code}"
        )
    parts = [
        f"Tahun Anggaran {y.year} untuk {number_with_words(y.months)} bulan sebesar "
        f"{rupiah_with_words(y.amount)}"
        for y in params.budget_years
    ]
    listed = "; ".join(parts[:-1]) + "; dan " + parts[-1]
    return (
        f"{apbd} tahun anggaran masing-masing, yaitu {listed}, pada Dokumen Pelaksanaan "
        f"Anggaran {office}, kode rekening {code}; pembebanan pada tahun anggaran sesudah "
        f"Tahun Anggaran {params.budget_years[0].year} dilaksanakan setelah mendapat "
        "persetujuan Dewan Perwakilan Rakyat Daerah atas komitmen tahun jamak dan dianggarkan "
        "dalam Peraturan Daerah tentang Anggaran Pendapatan dan Belanja Daerah tahun anggaran "
        "yang bersangkutan"
    )


def _first_due(params: AgreementParams, settings: dict[str, str]) -> tuple[date, str]:
    """The first month's due date and how the due month is named."""
    following = settings["agreement.payment_due_month"].strip().lower() == "berikutnya"
    month = params.period_start.replace(day=1)
    due_month = month_start_after(month, 1) if following else month
    due = due_month.replace(day=params.payment_due_day)
    if due < params.agreement_date:
        due = month_start_after(due, 1).replace(day=params.payment_due_day)
    return due, "bulan berikutnya" if following else "bulan yang bersangkutan"


def _fill_basis(basis: str, values: dict[str, str]) -> str:
    """A legal basis line, placeholders filled ({tahun} as the first budget year)."""
    try:
        return fill(basis, values | {"tahun": values["tahun_anggaran"]})
    except (KeyError, ValueError, IndexError):
        raise ValidationError(
            [
                Problem(
                    "legal_basis_placeholder",
                    "legal_bases",
                    f"Dasar hukum '{basis}' memuat isian yang tidak dikenal atau kurung "
                    "kurawal yang tidak berpasangan. Isian yang dapat dipakai: {tahun_anggaran}, "
                    "{perda_apbd}, {kabupaten}.",
                )
            ],
            record="perjanjian kerja sama",
        ) from None


def _resolve(
    ctx: ServiceContext, request: AgreementRequest, settings: dict[str, str]
) -> AgreementParams:
    first_party = get_signatory(ctx, request.signatory_id)
    if not first_party.active:
        raise ValidationError(
            [
                Problem(
                    "signatory_inactive",
                    "signatory_id",
                    f"{first_party.name} sudah tidak aktif sebagai penandatangan. "
                    "Pilih PIHAK PERTAMA yang lain.",
                )
            ],
            record="perjanjian kerja sama",
        )
    return resolve(ctx, request, settings, first_party, page_size_setting(settings))


def _fields(request: AgreementRequest, params: AgreementParams) -> dict[str, Any]:
    """The request as typed, and the term and BPJS account it printed: a premium letter
    cites the agreement whose term covers its months and pays into its account
    (in_force.py), whatever the settings say later."""
    return {
        "kind": DocumentKind.AGREEMENT.value,
        **asdict(request),
        "term_start": params.period_start.isoformat(),
        "term_end": params.period_end.isoformat(),
        "printed_bpjs_account": " ".join(params.bpjs_account.split()),
    }
