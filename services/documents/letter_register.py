"""The outgoing-document register (buku agenda surat keluar) and its frozen PDFs.

Issuing is one transaction: the number is taken first (see ``numbering``), the
PDF rendered with it (ahead of the transaction with the expected number, so the
counter's lock is held only to write), and the register line, the PDF bytes with their
SHA-256 and the audit entry are written together. If anything fails, nothing
is kept and the number returns to the counter. What was issued never changes:
a reprint hands back the stored bytes (checked against their checksum), a
cancelled number stays in the register with its reason, and a correction is a
new document naming the one it replaces.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, tzinfo
from typing import Any, cast

from sqlalchemy import CursorResult, Select, or_, select, update
from sqlalchemy.orm import Session, aliased, defer

from models import DocumentFile, RegisteredDocument
from models.base import utc_now
from models.enums import DocumentKind, DocumentStatus, PageSize, Sifat
from services.audit.trail import Action, record_event
from services.core.context import ServiceContext
from services.core.errors import (
    ConflictError,
    NotFoundError,
    Problem,
    SiRentanError,
    ValidationError,
)
from services.core.office_time import office_today_of, office_zone, on_office_clock
from services.core.paths import command_prefix
from services.core.permissions import Permission
from services.core.unit_of_work import read_session, unit_of_work
from services.documents.numbering import expected_number, numbering_rule, take_number
from services.documents.page import RenderedPdf
from services.documents.types import (
    KIND_LABELS,
    STATUS_LABELS,
    DocumentEntry,
    DocumentQuery,
    IssuedDocument,
)
from services.settings.store import SettingsService
from services.text.formatting import long_date

ENTITY = "issued_document"
# The typed request may hold heirs' names and NIKs; viewers may not read that column
# (PostgreSQL grants), so register reads leave it out until a correction asks for it.
_WITHOUT_FIELDS = defer(RegisteredDocument.fields)
REASON_LIMIT = 300


@dataclass(frozen=True, slots=True)
class Replaced:
    """The document a correction replaces, as the correction prints it."""

    id: int
    number: str
    document_date: date


@dataclass(frozen=True, slots=True)
class DocumentDraft:
    """Everything about a document except its number, ready to render and record."""

    kind: DocumentKind
    document_date: date
    subject: str
    addressee: str
    sifat: Sifat
    signatory_id: int | None
    signatory_name: str
    page_size: PageSize
    # The request as typed, JSON-ready: a correction starts from it.
    fields: dict[str, Any]
    # number (None: a preview, not yet numbered) → the finished PDF
    render: Callable[[str | None], RenderedPdf]
    replaces: Replaced | None = None
    extra_audit: dict[str, Any] = field(default_factory=dict)
    # The kop carries the neutral placeholder emblem: issuing needs the clerk's confirmation.
    placeholder_emblem: bool = False
    # A letter the regional head signs: numbered under his unit code and series (numbering).
    regional_head: bool = False


class PlaceholderEmblemError(SiRentanError):
    """The document would be issued, numbered and frozen with the placeholder emblem."""

    def __init__(self) -> None:
        super().__init__(
            "Kop dokumen ini masih memakai lambang contoh, karena lambang daerah belum "
            "disimpan (menu Pengaturan → Pengaturan kantor → Kantor & kop → “Lambang daerah "
            "(kop surat)”). Dokumen "
            "yang diterbitkan tidak dapat diubah lagi. Simpan lambang daerah dulu, atau "
            "terbitkan dengan lambang contoh bila memang disengaja (baris perintah: "
            "--confirm-placeholder)."
        )


def issue(
    ctx: ServiceContext, draft: DocumentDraft, *, placeholder_confirmed: bool = False
) -> IssuedDocument:
    """Number, render and record the draft in one transaction.

    A draft whose kop carries the placeholder emblem is refused unless the clerk confirmed
    it (``placeholder_confirmed``): an issued document is frozen with its kop."""
    ctx.require(Permission.LETTERS)
    refuse_future(draft, office_today_of(ctx))
    if draft.placeholder_emblem and not placeholder_confirmed:
        raise PlaceholderEmblemError()
    rule = numbering_rule(SettingsService(ctx).get_all(), draft.kind, draft.regional_head)
    # Rendering is most of an issue's time, and the series' counter stays locked from
    # taking the number to the commit, so the PDF is rendered first with the number the
    # series will most likely give; the lock is then held only to write. Should another
    # clerk take that number meanwhile, the PDF is rendered again with the real one.
    with read_session(ctx) as session:
        expected = expected_number(session, rule, draft.document_date)
    ahead = draft.render(expected)
    with unit_of_work(ctx) as session:
        taken = take_number(session, rule, draft.document_date)
        # Checked with the series' counter locked: no letter of the series can be issued
        # in between, so the agenda stays in date order. A refusal gives the number back.
        refuse_out_of_order(session, taken.series, draft)
        if draft.replaces is not None:
            _mark_replaced(session, ctx, draft.replaces, taken.number)
        if session.scalar(select(RegisteredDocument.id).where(_number_is(taken.number))):
            raise ConflictError(
                f"Nomor {taken.number} sudah ada di buku agenda. Pola nomor jenis surat ini "
                f"({rule.pattern_key}) membuat nomor yang sama dengan jenis lain; minta "
                "administrator membedakan pola atau serinya."
            )
        rendered = ahead if taken.number == expected else draft.render(taken.number)
        digest = hashlib.sha256(rendered.data).hexdigest()
        row = RegisteredDocument(
            number=taken.number,
            series=taken.series,
            year=taken.year,
            sequence=taken.sequence,
            kind=draft.kind,
            document_date=draft.document_date,
            subject=draft.subject[:300],
            addressee=draft.addressee[:300],
            sifat=draft.sifat,
            signatory_id=draft.signatory_id,
            signatory_name=draft.signatory_name[:120],
            page_size=draft.page_size,
            page_count=rendered.page_count,
            replaces_id=draft.replaces.id if draft.replaces else None,
            fields=json.dumps(draft.fields, ensure_ascii=False, sort_keys=True, default=str),
            sha256=digest,
            status=DocumentStatus.ISSUED,
            created_by=ctx.user_name,
            workstation=ctx.workstation,
            worker_id=draft.extra_audit.get("worker_id"),
        )
        session.add(row)
        session.flush()
        session.add(DocumentFile(document_id=row.id, pdf=rendered.data))
        record_event(
            session,
            Action.PRINT,
            ENTITY,
            row.id,
            f"terbit {taken.number}",
            {"sha256": digest, "pages": rendered.page_count, **draft.extra_audit},
        )
        session.flush()
        return IssuedDocument(_entry(session, row), rendered.data)


def refuse_future(draft: DocumentDraft, today: date) -> None:
    """A letter certifies what is true on its date: it cannot be dated after ``today``, the
    office's day. (An agreement is numbered before its signing day, so it may be.)"""
    if draft.kind is not DocumentKind.AGREEMENT and draft.document_date > today:
        raise ValidationError(
            [
                Problem(
                    "date_future",
                    "document_date",
                    f"Tanggal surat {long_date(draft.document_date)} belum tiba (hari ini "
                    f"{long_date(today)}). Surat tidak dapat diberi tanggal yang akan datang; "
                    "terbitkan pada hari itu atau pakai tanggal hari ini.",
                )
            ],
            record=KIND_LABELS[draft.kind].lower(),
        )


def refuse_out_of_order(session: Session, series: str, draft: DocumentDraft) -> None:
    """Refused when a letter of the same series is already dated after this one."""
    later = session.execute(
        select(RegisteredDocument.number, RegisteredDocument.document_date)
        .where(
            RegisteredDocument.series == series,
            RegisteredDocument.document_date > draft.document_date,
        )
        .order_by(RegisteredDocument.document_date.desc(), RegisteredDocument.sequence.desc())
        .limit(1)
    ).first()
    if later is None:
        return
    number, dated = later
    raise ValidationError(
        [
            Problem(
                "date_before_last",
                "document_date",
                f"Tanggal surat {long_date(draft.document_date)} lebih awal daripada surat "
                f"terakhir seri ini, Nomor {number} tanggal {long_date(dated)}. Buku agenda "
                "mencatat surat menurut urutan tanggal, jadi nomor berikutnya tidak dapat "
                f"diberi tanggal mundur; pakai tanggal {long_date(dated)} atau sesudahnya.",
            )
        ],
        record=KIND_LABELS[draft.kind].lower(),
    )


def preview(draft: DocumentDraft) -> RenderedPdf:
    """The document as it will look, marked as a preview and without a number."""
    return draft.render(None)


def find_replaced(ctx: ServiceContext, number: str | None, kind: DocumentKind) -> Replaced | None:
    """The issued document a correction names; refused unless it is of the same kind and
    still in force."""
    if not number:
        return None
    with read_session(ctx) as session:
        row = _load(session, number)
        if row.kind is not kind:
            raise ValidationError(
                [
                    Problem(
                        "replaces_other_kind",
                        "replaces_number",
                        f"Surat {row.number} adalah {KIND_LABELS[row.kind]}; ralatnya harus "
                        f"berjenis sama, bukan {KIND_LABELS[kind]}.",
                    )
                ],
                record="ralat surat",
            )
        if row.status is not DocumentStatus.ISSUED:
            raise ValidationError(
                [
                    Problem(
                        "replaces_not_issued",
                        "replaces_number",
                        f"Surat {row.number} berstatus '{STATUS_LABELS[row.status]}' dan "
                        "tidak dapat diralat; hanya surat yang masih berlaku yang dapat diganti.",
                    )
                ],
                record="ralat surat",
            )
        return Replaced(row.id, row.number, row.document_date)


def list_documents(ctx: ServiceContext, query: DocumentQuery | None = None) -> list[DocumentEntry]:
    """The register, newest first, filtered by year, kind, status and text."""
    ctx.require(Permission.READ_WORKERS)
    query = query or DocumentQuery()
    stmt = select(RegisteredDocument).options(_WITHOUT_FIELDS)
    if query.year is not None:
        stmt = stmt.where(RegisteredDocument.year == query.year)
    if query.kind is not None:
        stmt = stmt.where(RegisteredDocument.kind == query.kind)
    if query.status is not None:
        stmt = stmt.where(RegisteredDocument.status == query.status)
    text = query.text.strip()
    if text:
        escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        stmt = stmt.where(
            or_(
                *(
                    column.ilike(f"%{escaped}%", escape="\\")
                    for column in (
                        RegisteredDocument.number,
                        RegisteredDocument.subject,
                        RegisteredDocument.addressee,
                    )
                )
            )
        )
    stmt = stmt.order_by(
        RegisteredDocument.year.desc(),
        RegisteredDocument.series,
        RegisteredDocument.sequence.desc(),
    ).limit(query.limit)
    with read_session(ctx) as session:
        return _entries(session, stmt)


def get_document(ctx: ServiceContext, number: str) -> DocumentEntry:
    ctx.require(Permission.READ_WORKERS)
    with read_session(ctx) as session:
        return _entry(session, _load(session, number))


def document_fields(ctx: ServiceContext, number: str) -> dict[str, Any]:
    """The request a document was issued from, to start a correction with."""
    ctx.require(Permission.LETTERS)
    with read_session(ctx) as session:
        row = _load(session, number)
        fields = session.scalar(
            select(RegisteredDocument.fields).where(RegisteredDocument.id == row.id)
        )
        return json.loads(fields) if fields else {}


def reprint(ctx: ServiceContext, number: str) -> IssuedDocument:
    """The stored PDF, byte for byte, after checking it against its checksum."""
    ctx.require(Permission.LETTERS)
    with unit_of_work(ctx) as session:
        row = _load(session, number)
        pdf = session.get(DocumentFile, row.id)
        if pdf is None or hashlib.sha256(pdf.pdf).hexdigest() != row.sha256:
            raise ConflictError(
                f"Berkas PDF surat {row.number} tidak cocok dengan sidik (SHA-256) yang dicatat "
                "saat terbit. Jangan dicetak; hubungi administrator untuk memeriksa basis data."
            )
        record_event(session, Action.PRINT, ENTITY, row.id, f"cetak ulang {row.number}")
        return IssuedDocument(_entry(session, row), pdf.pdf)


def cancel(ctx: ServiceContext, number: str, reason: str) -> DocumentEntry:
    """Mark an issued number cancelled; it stays in the register with the reason."""
    ctx.require(Permission.LETTERS)
    reason = " ".join(reason.split())
    if not reason or len(reason) > REASON_LIMIT:
        raise ValidationError(
            [
                Problem(
                    "reason_empty" if not reason else "reason_long",
                    "reason",
                    "Alasan pembatalan wajib diisi"
                    + ("." if not reason else f" dan paling banyak {REASON_LIMIT} huruf."),
                )
            ],
            record=f"surat {number}",
        )
    with unit_of_work(ctx) as session:
        row = _load(session, number)
        if row.status is not DocumentStatus.ISSUED:
            raise ConflictError(
                f"Surat {row.number} sudah berstatus '{STATUS_LABELS[row.status]}'; "
                "tidak dapat dibatalkan."
            )
        row.status = DocumentStatus.CANCELLED
        row.status_reason = reason
        row.status_at = utc_now()
        row.status_by = ctx.user_name
        session.flush()
        return _entry(session, row)


def _mark_replaced(
    session: Session, ctx: ServiceContext, replaced: Replaced, new_number: str
) -> None:
    # Conditional on the status: of two corrections of one letter, only one wins.
    result = session.execute(
        update(RegisteredDocument)
        .where(
            RegisteredDocument.id == replaced.id,
            RegisteredDocument.status == DocumentStatus.ISSUED,
        )
        .values(
            status=DocumentStatus.REPLACED,
            status_reason=f"diganti dengan surat nomor {new_number}",
            status_at=utc_now(),
            status_by=ctx.user_name,
        )
        .execution_options(synchronize_session=False)
    )
    if cast(CursorResult[Any], result).rowcount != 1:
        raise ConflictError(
            f"Surat {replaced.number} baru saja dibatalkan atau diralat oleh petugas lain. "
            "Muat ulang buku agenda dan periksa lagi."
        )
    record_event(
        session,
        Action.STATUS,
        ENTITY,
        replaced.id,
        f"{replaced.number} diganti dengan {new_number}",
        {"status": [DocumentStatus.ISSUED.value, DocumentStatus.REPLACED.value]},
    )


def _number_is(number: str) -> Any:
    return RegisteredDocument.number == number.strip()


def _load(session: Session, number: str) -> RegisteredDocument:
    stmt = select(RegisteredDocument).options(_WITHOUT_FIELDS).where(_number_is(number))
    row = session.scalars(stmt).one_or_none()
    if row is None:
        raise NotFoundError(
            f"Surat nomor {number.strip()} tidak ada di buku agenda. Periksa nomornya "
            f"({command_prefix()} letters list)."
        )
    return row


def _with_links(stmt: Select[*tuple[Any, ...]]) -> Select[*tuple[Any, ...]]:
    """The register rows with the numbers of the documents they replace and are replaced by."""
    older = aliased(RegisteredDocument)
    newer = aliased(RegisteredDocument)
    return (
        stmt.add_columns(older.number, newer.number)
        .outerjoin(older, older.id == RegisteredDocument.replaces_id)
        .outerjoin(newer, newer.replaces_id == RegisteredDocument.id)
    )


def _entries(session: Session, stmt: Select[*tuple[Any, ...]]) -> list[DocumentEntry]:
    zone = office_zone(session)
    return [
        _to_entry(row, replaces, replaced_by, zone)
        for row, replaces, replaced_by in session.execute(_with_links(stmt))
    ]


def _entry(session: Session, row: RegisteredDocument) -> DocumentEntry:
    stmt = _with_links(
        select(RegisteredDocument).options(_WITHOUT_FIELDS).where(RegisteredDocument.id == row.id)
    )
    _, replaces, replaced_by = session.execute(stmt).one()
    return _to_entry(row, replaces, replaced_by, office_zone(session))


def _to_entry(
    row: RegisteredDocument, replaces: str | None, replaced_by: str | None, zone: tzinfo
) -> DocumentEntry:
    """The register's entry, its moments on the office's clock (WIB/WITA/WIT)."""
    return DocumentEntry(
        id=row.id,
        number=row.number,
        year=row.year,
        sequence=row.sequence,
        kind=row.kind,
        document_date=row.document_date,
        subject=row.subject,
        addressee=row.addressee,
        sifat=row.sifat,
        signatory_name=row.signatory_name,
        page_size=row.page_size,
        page_count=row.page_count,
        sha256=row.sha256,
        status=row.status,
        status_reason=row.status_reason,
        status_at=on_office_clock(row.status_at, zone) if row.status_at else None,
        status_by=row.status_by,
        replaces_number=replaces,
        replaced_by_number=replaced_by,
        created_at=on_office_clock(row.created_at, zone),
        created_by=row.created_by,
    )
