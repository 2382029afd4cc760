"""The cooperation agreement: compute its values, preview it, issue it into the register."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from models.document import DocumentKind, Sifat
from services.context import ServiceContext
from services.documents.agreement.params import AgreementParams, AgreementRequest, SecondParty
from services.documents.agreement.pdf import AgreementText, render_agreement, running_title
from services.documents.agreement.resolve import resolve, second_party_from_settings
from services.documents.agreement.template import SPEC
from services.documents.letterhead import letterhead_from_settings
from services.documents.letters.service import page_size_setting
from services.documents.page import RenderedPdf
from services.documents.register import DocumentDraft, find_replaced, issue, preview
from services.documents.signatories import get_signatory
from services.documents.templates import blocks, checked_sections, fill, plain
from services.documents.types import IssuedDocument
from services.errors import Problem, ValidationError
from services.formatting import long_date
from services.money import number_with_words, rupiah_with_words
from services.office_images import office_images
from services.permissions import Permission
from services.settings import SettingsService


def compute_agreement(ctx: ServiceContext, request: AgreementRequest) -> AgreementParams:
    """The parameters with every default filled in: counts, rates, values (for a form)."""
    ctx.require(Permission.LETTERS)
    settings = SettingsService(ctx).get_all()
    return _resolve(ctx, request, settings)


def default_second_party(ctx: ServiceContext) -> SecondParty:
    """PIHAK KEDUA as the settings describe the branch head (a form starts from it)."""
    ctx.require(Permission.READ_WORKERS)
    return second_party_from_settings(SettingsService(ctx).get_all())


def preview_agreement(ctx: ServiceContext, request: AgreementRequest) -> RenderedPdf:
    return preview(prepare_agreement(ctx, request))


def issue_agreement(
    ctx: ServiceContext, request: AgreementRequest, *, placeholder_confirmed: bool = False
) -> IssuedDocument:
    """Number (PIHAK PERTAMA's number, from the register), render and record; with the
    placeholder emblem still in the kop, only when ``placeholder_confirmed``."""
    return issue(ctx, prepare_agreement(ctx, request), placeholder_confirmed=placeholder_confirmed)


def prepare_agreement(ctx: ServiceContext, request: AgreementRequest) -> DocumentDraft:
    ctx.require(Permission.LETTERS)
    settings = SettingsService(ctx).get_all()
    params = _resolve(ctx, request, settings)
    replaces = find_replaced(ctx, request.replaces_number, DocumentKind.AGREEMENT)
    sections = checked_sections(ctx, SPEC)
    values = template_values(params, settings)
    text = AgreementText(
        subject=fill(" ".join(sections["tentang"].split()), values),
        recitals=blocks(sections["pertimbangan"], values),
        articles=blocks(sections["pasal"], values),
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
        fields=_fields(request),
        render=render,
        replaces=replaces,
        extra_audit={"workers": params.workers, "total": str(params.total_value)},
        placeholder_emblem=letterhead.uses_placeholder(regional_head=False),
    )


def template_values(params: AgreementParams, settings: dict[str, str]) -> dict[str, str]:
    district = settings["district.kabupaten_name"]
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
        "tahun_anggaran": str(params.period_start.year),
        "kode_rekening": params.budget_code or "…………………",
        "tanggal_jatuh_tempo": number_with_words(params.payment_due_day),
        "pengadilan": params.court,
    }


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


def _fields(request: AgreementRequest) -> dict[str, Any]:
    return {"kind": DocumentKind.AGREEMENT.value, **asdict(request)}
