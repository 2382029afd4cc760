"""Letters: preview, issue into the letter register, templates. The five kinds share one path."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from models.enums import DocumentKind, PageSize
from services.core.context import ServiceContext
from services.core.errors import Problem, ValidationError
from services.core.office_time import office_today_of
from services.core.permissions import Permission
from services.documents.letter_register import DocumentDraft, find_replaced, issue, preview
from services.documents.letterhead import letterhead_from_settings
from services.documents.letters import claim, heir_notice, membership, premium, registration
from services.documents.letters.common import LetterEnv, LetterType
from services.documents.letters.fields import LetterRequest
from services.documents.letters.layout import LetterFrame, LetterParts, render_letter
from services.documents.page import RenderedPdf
from services.documents.signatories import get_signatory, refuse_unfit_signatory
from services.documents.styles import esc
from services.documents.templates import (
    TemplateSpec,
    blocks,
    checked_sections,
    fill,
    lines,
    plain,
)
from services.documents.types import KIND_LABELS, IssuedDocument
from services.settings.catalog import where
from services.settings.office_images import office_images
from services.settings.store import SettingsService

LETTER_TYPES: dict[DocumentKind, LetterType] = {
    DocumentKind.REGISTRATION: registration.LETTER,
    DocumentKind.CLAIM: claim.LETTER,
    DocumentKind.MEMBERSHIP: membership.LETTER,
    DocumentKind.HEIR_NOTICE: heir_notice.LETTER,
    DocumentKind.PREMIUM: premium.LETTER,
}


def letter_templates() -> list[TemplateSpec]:
    return [t.spec for t in LETTER_TYPES.values()]


def issue_letter(
    ctx: ServiceContext, request: LetterRequest, *, placeholder_confirmed: bool = False
) -> IssuedDocument:
    """Number, render and record the letter; the PDF and its number come back.

    With the placeholder emblem still in the kop, only when ``placeholder_confirmed``."""
    return issue(ctx, prepare_letter(ctx, request), placeholder_confirmed=placeholder_confirmed)


def preview_letter(ctx: ServiceContext, request: LetterRequest) -> RenderedPdf:
    """The letter as it will be issued, marked as a preview; nothing is recorded."""
    return preview(prepare_letter(ctx, request))


def prepare_letter(ctx: ServiceContext, request: LetterRequest) -> DocumentDraft:
    ctx.require(Permission.LETTERS)
    letter = LETTER_TYPES[request.kind]
    settings = SettingsService(ctx).get_all()
    signatory = get_signatory(ctx, request.signatory_id)
    if not signatory.active:
        raise ValidationError(
            [
                Problem(
                    "signatory_inactive",
                    "signatory_id",
                    f"{signatory.name} sudah tidak aktif sebagai penandatangan. "
                    "Pilih penandatangan lain.",
                )
            ],
            record="surat",
        )
    refuse_unfit_signatory(signatory, office_today_of(ctx), record="surat")
    replaces = find_replaced(ctx, request.replaces_number, request.kind)
    sections = checked_sections(ctx, letter.spec)
    env = LetterEnv(settings, signatory, request.document_date, sections)
    composed = letter.compose(ctx, request.fields, env)
    values = {**env.common_values(), **composed.values}
    copies = (
        [esc(" ".join(c.split())) for c in request.copies if c.strip()]
        if request.copies is not None
        else lines(sections["tembusan"], values)
    )
    if signatory.regional_head:
        # The Bupati does not send himself a copy "as a report".
        own = settings["letterhead.regional_head_title"].strip().lower()
        copies = [c for c in copies if not c.lower().startswith(own)]
    subject_section = sections["judul"] if letter.statement else sections["hal"]
    parts = LetterParts(
        subject=fill(" ".join(subject_section.split()), values),
        addressee=lines(sections.get("kepada", ""), values),
        place=fill(" ".join(sections.get("di", "").split()), values),
        body=blocks(sections["isi"], values),
        copies=copies,
        attachment=composed.attachment,
        enclosure=composed.enclosure,
        statement_title=fill(subject_section.strip(), values) if letter.statement else "",
    )
    page_size = request.page_size or page_size_setting(settings)
    letterhead = letterhead_from_settings(settings, office_images(ctx))
    frame = LetterFrame(
        letterhead=letterhead,
        signatory=signatory,
        document_date=request.document_date,
        town=settings["district.capital"],
        sifat=request.sifat,
        page_size=page_size,
        author=f"{settings['office.name']} {settings['district.kabupaten_name']}",
        title=KIND_LABELS[request.kind],
        replaces=replaces,
    )
    addressee = (
        plain(sections.get("kepada", "").split("\n")[0], values) if not letter.statement else "-"
    )
    return DocumentDraft(
        kind=request.kind,
        document_date=request.document_date,
        subject=plain(subject_section, values),
        addressee=addressee,
        sifat=request.sifat,
        signatory_id=signatory.id,
        signatory_name=signatory.name,
        page_size=page_size,
        fields=request_fields(request),
        render=lambda number: render_letter(parts, frame, number),
        replaces=replaces,
        extra_audit={k: v for k, v in composed.audit.items() if v is not None},
        placeholder_emblem=letterhead.uses_placeholder(signatory.regional_head),
        regional_head=signatory.regional_head,
    )


def page_size_setting(settings: dict[str, str]) -> PageSize:
    value = settings["documents.page_size"].strip().lower()
    try:
        return PageSize(value)
    except ValueError:
        raise ValidationError(
            [
                Problem(
                    "page_size_setting",
                    "documents.page_size",
                    f"Ukuran kertas '{value}' tidak dikenal; pilih A4 atau F4 di "
                    f"{where('documents.page_size')}.",
                )
            ],
            record="pengaturan",
        ) from None


def request_fields(request: LetterRequest) -> dict[str, Any]:
    return {
        "kind": request.kind.value,
        "fields": asdict(request.fields),
        "signatory_id": request.signatory_id,
        "sifat": request.sifat.value,
        "page_size": request.page_size.value if request.page_size else None,
        "copies": list(request.copies) if request.copies is not None else None,
    }
