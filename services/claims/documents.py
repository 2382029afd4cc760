"""The claim's document checklist: marking items received, attaching and opening scans."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from models import Claim, ClaimChecklistItem, ClaimDocument, Worker
from models.base import utc_now
from services.claims import attachments, records
from services.claims.death_record import DEATH_CERTIFICATE, sync_claim_death
from services.claims.detail import read_detail
from services.claims.rules import read_rules
from services.claims.types import Attachment, ClaimDetail, DocumentUpdate
from services.core.context import ServiceContext
from services.core.errors import ValidationError
from services.core.follow import follow_now
from services.core.input_rules import clean_text, err
from services.core.office_time import as_utc
from services.core.permissions import Permission
from services.core.unit_of_work import read_session, unit_of_work
from services.text.formatting import long_date


def update_document(
    ctx: ServiceContext, claim_id: int, update: DocumentUpdate, now: datetime | None = None
) -> ClaimDetail:
    """Received or not, when, and a note. Not received clears the date."""
    ctx.require(Permission.CLAIMS)
    now = as_utc(now or datetime.now(UTC))
    with unit_of_work(ctx) as session:
        rules = read_rules(session)
        today = now.astimezone(rules.zone).date()
        claim, worker = records.load_claim(session, ctx, claim_id)
        records.refuse_locked(claim, worker)
        document = _document(session, claim, worker, update.item_code)
        received_on = (update.received_on or today) if update.received else None
        if received_on is not None and received_on > today:
            raise ValidationError(
                [
                    err(
                        "received_on_future",
                        "received_on",
                        f"Tanggal terima ({long_date(received_on)}) tidak boleh di masa depan.",
                    )
                ],
                record=records.label(claim, worker),
            )
        document.received = update.received
        document.received_on = received_on
        document.note = (clean_text(update.note) or "")[:300] or None
        _touch(document, ctx)
        if update.item_code == DEATH_CERTIFICATE:
            why = (
                f"Akta kematian pada klaim {claim.claim_type.upper()} #{claim.id} ditandai "
                "belum diterima"
            )
            if sync_claim_death(session, ctx, claim, worker, today, why):
                follow_now(session, now)
        records.flush(session)
        return read_detail(session, ctx, claim.id, rules, now)


def attach_scan(
    ctx: ServiceContext,
    claim_id: int,
    item_code: str,
    file_name: str,
    content: bytes,
    now: datetime | None = None,
) -> ClaimDetail:
    """Store a scan (PDF/JPG/PNG) for a checklist item, replacing any earlier one."""
    ctx.require(Permission.CLAIMS)
    now = as_utc(now or datetime.now(UTC))
    with unit_of_work(ctx) as session:
        rules = read_rules(session)
        problems, content_type = attachments.scan_problems(
            file_name, content, rules.attachment_max_bytes
        )
        claim, worker = records.load_claim(session, ctx, claim_id)
        records.refuse_locked(claim, worker)
        if problems:
            raise ValidationError(problems, record=_item_label(session, claim, worker, item_code))
        document = _document(session, claim, worker, item_code)
        records.flush(session)  # the scan's row refers to the document's id
        attachments.store(session, document, file_name, content, content_type, ctx.user_name)
        _touch(document, ctx)
        records.flush(session)
        return read_detail(session, ctx, claim.id, rules, now)


def remove_scan(
    ctx: ServiceContext, claim_id: int, item_code: str, now: datetime | None = None
) -> ClaimDetail:
    ctx.require(Permission.CLAIMS)
    now = as_utc(now or datetime.now(UTC))
    with unit_of_work(ctx) as session:
        rules = read_rules(session)
        claim, worker = records.load_claim(session, ctx, claim_id)
        records.refuse_locked(claim, worker)
        document = _document(session, claim, worker, item_code)
        attachments.remove(session, document)
        _touch(document, ctx)
        records.flush(session)
        return read_detail(session, ctx, claim.id, rules, now)


def open_scan(ctx: ServiceContext, claim_id: int, item_code: str) -> Attachment:
    """The scan exactly as stored; identity papers, so not for clerks who see NIKs masked."""
    ctx.require(Permission.READ_WORKERS)
    ctx.require(Permission.SEE_FULL_IDENTITY)
    with read_session(ctx) as session:
        claim, worker = records.load_claim(session, ctx, claim_id)
        record = _item_label(session, claim, worker, item_code)
        document = session.scalar(
            select(ClaimDocument).where(
                ClaimDocument.claim_id == claim.id, ClaimDocument.item_code == item_code
            )
        )
        if document is None:
            raise ValidationError(
                [err("scan_none", attachments.FIELD, "Dokumen ini belum punya pindaian.")],
                record=record,
            )
        content = attachments.load(session, document, record)
        return Attachment(
            file_name=document.file_name or item_code,
            content_type=document.content_type or "application/octet-stream",
            content=content,
            sha256=document.file_sha256 or "",
        )


def _item_label(session: Session, claim: Claim, worker: Worker, item_code: str) -> str:
    item = _checklist_item(session, claim, item_code)
    name = item.label if item else item_code
    return f"dokumen '{name}' pada {records.label(claim, worker)}"


def _checklist_item(session: Session, claim: Claim, item_code: str) -> ClaimChecklistItem | None:
    return session.scalar(
        select(ClaimChecklistItem).where(
            ClaimChecklistItem.claim_type == claim.claim_type, ClaimChecklistItem.code == item_code
        )
    )


def _document(session: Session, claim: Claim, worker: Worker, item_code: str) -> ClaimDocument:
    document = session.scalar(
        select(ClaimDocument).where(
            ClaimDocument.claim_id == claim.id, ClaimDocument.item_code == item_code
        )
    )
    if document is not None:
        return document
    if _checklist_item(session, claim, item_code) is None:
        codes = session.scalars(
            select(ClaimChecklistItem.code)
            .where(
                ClaimChecklistItem.claim_type == claim.claim_type,
                ClaimChecklistItem.active.is_(True),
            )
            .order_by(ClaimChecklistItem.sort_order)
        ).all()
        raise ValidationError(
            [
                err(
                    "document_unknown",
                    "item_code",
                    f"Dokumen '{item_code}' tidak ada di daftar dokumen klaim "
                    f"{claim.claim_type.upper()}. Pilih salah satu: {', '.join(codes)}.",
                )
            ],
            record=records.label(claim, worker),
        )
    document = ClaimDocument(claim_id=claim.id, item_code=item_code, received=False)
    session.add(document)
    return document


def _touch(document: ClaimDocument, ctx: ServiceContext) -> None:
    document.updated_at = utc_now()
    document.updated_by = ctx.user_name
