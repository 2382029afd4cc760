"""Import batches: the dry run's record, approval of large imports, the batch list.

Design of the approval: a dry run (or a refused commit) records a *pending*
batch holding the file's SHA-256 and a hash of the mapping and choices. A
verifikator or administrator approves that batch (``approve_import``). A
commit of the same file with the same mapping and choices then finds the
approved batch and goes ahead; a different file, or the same file mapped
differently, needs its own approval. A clerk who may approve (an
administrator) needs no separate approval.
"""

from __future__ import annotations

import hashlib
import json
from datetime import date, datetime, tzinfo

from sqlalchemy import select, text
from sqlalchemy.orm import Session

from models import ImportBatch, Setting
from models.base import utc_now
from models.enums import BatchStatus
from services.audit.trail import record_event
from services.core.context import ServiceContext
from services.core.errors import NotFoundError, SiRentanError
from services.core.office_time import office_zone, on_office_clock
from services.core.permissions import Permission
from services.core.unit_of_work import read_session, unit_of_work
from services.excel_import.types import (
    BatchInfo,
    ColumnMapping,
    ImportCounts,
    ImportOptions,
    SourceTable,
)
from services.settings.catalog import DEFAULTS

APPROVAL_THRESHOLD_KEY = "import.approval_threshold"
DEFAULT_APPROVAL_THRESHOLD = int(DEFAULTS[APPROVAL_THRESHOLD_KEY])

# Audit actions of imports (audit_log.action holds up to 20 characters).
ACTION_IMPORT = "import"
ACTION_APPROVE = "import_approve"
ACTION_UNDO = "import_undo"


def approval_threshold(session: Session) -> int:
    """Imports writing more rows than this need approval (setting import.approval_threshold)."""
    stored = session.get(Setting, APPROVAL_THRESHOLD_KEY)
    try:
        return int(stored.value) if stored is not None else DEFAULT_APPROVAL_THRESHOLD
    except ValueError:
        return DEFAULT_APPROVAL_THRESHOLD


def options_key(source: SourceTable, mapping: ColumnMapping, options: ImportOptions) -> str:
    return hashlib.sha256(_options_json(source, mapping, options).encode()).hexdigest()


def _options_json(source: SourceTable, mapping: ColumnMapping, options: ImportOptions) -> str:
    start = options.coverage_start
    return json.dumps(
        {
            "sheet": source.sheet_name,
            "header_row": source.header_row,
            "mapping": dict(sorted(mapping.columns.items())),
            "on_existing": options.on_existing.value,
            "default_funding": options.default_funding.value,
            "coverage_start": start.isoformat() if isinstance(start, date) else None,
        },
        sort_keys=True,
    )


def open_batch(session: Session, source: SourceTable, key: str) -> ImportBatch | None:
    """The latest pending or approved batch for this very file and run."""
    return session.scalars(
        select(ImportBatch)
        .where(
            ImportBatch.file_sha256 == source.sha256,
            ImportBatch.options_key == key,
            ImportBatch.status.in_([BatchStatus.PENDING, BatchStatus.APPROVED]),
        )
        .order_by(ImportBatch.id.desc())
        .limit(1)
    ).first()


def new_batch(
    source: SourceTable, mapping: ColumnMapping, options: ImportOptions, user_name: str | None
) -> ImportBatch:
    return ImportBatch(
        file_name=source.file_name[:255],
        file_sha256=source.sha256,
        sheet_name=source.sheet_name,
        options_key=options_key(source, mapping, options),
        options=_options_json(source, mapping, options),
        on_existing=options.on_existing,
        status=BatchStatus.PENDING,
        created_by=user_name,
        created_at=utc_now(),
    )


def set_counts(batch: ImportBatch, counts: ImportCounts, data_rows: int) -> None:
    batch.data_rows = data_rows
    batch.new_count = counts.new
    batch.update_count = counts.update
    batch.warning_count = counts.warning
    batch.rejected_count = counts.rejected
    batch.ignored_count = counts.ignored
    batch.inserted_count = batch.inserted_count or 0
    batch.updated_count = batch.updated_count or 0


def record_pending(
    ctx: ServiceContext,
    source: SourceTable,
    mapping: ColumnMapping,
    options: ImportOptions,
    counts: ImportCounts,
    needs_approval: bool,
) -> tuple[int, bool]:
    """Record (or refresh) the dry run's pending batch; returns its id and whether approved."""
    with unit_of_work(ctx) as session:
        key = options_key(source, mapping, options)
        batch = open_batch(session, source, key)
        if batch is None:
            batch = new_batch(source, mapping, options, ctx.user_name)
            session.add(batch)
        set_counts(batch, counts, counts.new + counts.update + counts.warning + counts.rejected)
        batch.needs_approval = needs_approval
        session.flush()
        return batch.id, batch.status is BatchStatus.APPROVED


def approve_import(ctx: ServiceContext, batch_id: int) -> BatchInfo:
    """A verifikator or administrator allows a large pending import to be committed."""
    ctx.require(Permission.APPROVE)
    with unit_of_work(ctx) as session:
        batch = _load(session, batch_id)
        if batch.status is not BatchStatus.PENDING:
            raise SiRentanError(
                f"Impor #{batch_id} ({batch.file_name}) tidak menunggu persetujuan "
                f"(statusnya {STATUS_LABELS[batch.status]})."
            )
        if ctx.is_sqlite:
            batch.status = BatchStatus.APPROVED
            batch.approved_at = utc_now()
            batch.approved_by = ctx.user_name
        else:
            # The database checks the approver's group and that they did not import it.
            session.execute(text("SELECT sirentan_approve_import(:id)"), {"id": batch.id})
            session.refresh(batch)
        record_event(
            session,
            ACTION_APPROVE,
            "import_batch",
            batch.id,
            f"Impor {batch.file_name} disetujui ({batch.data_rows} baris)",
            {"sha256": batch.file_sha256, "created_by": batch.created_by},
        )
        session.flush()
        return batch_info(batch, office_zone(session))


def list_batches(ctx: ServiceContext, limit: int = 100) -> list[BatchInfo]:
    """Latest batches first, for the import history and the approver's list."""
    _require_import_or_approve(ctx)
    with read_session(ctx) as session:
        batches = session.scalars(
            select(ImportBatch).order_by(ImportBatch.id.desc()).limit(limit)
        ).all()
        zone = office_zone(session)
        return [batch_info(b, zone) for b in batches]


def get_batch(ctx: ServiceContext, batch_id: int) -> BatchInfo:
    _require_import_or_approve(ctx)
    with read_session(ctx) as session:
        return batch_info(_load(session, batch_id), office_zone(session))


def _require_import_or_approve(ctx: ServiceContext) -> None:
    principal = ctx.require(Permission.READ_WORKERS)
    if not principal.can(Permission.APPROVE):
        ctx.require(Permission.IMPORT)


def _load(session: Session, batch_id: int) -> ImportBatch:
    batch = session.get(ImportBatch, batch_id)
    if batch is None:
        raise NotFoundError(f"Impor #{batch_id} tidak ditemukan.")
    return batch


STATUS_LABELS = {
    BatchStatus.PENDING: "menunggu persetujuan/pratinjau",
    BatchStatus.APPROVED: "disetujui, belum disimpan",
    BatchStatus.COMMITTED: "sudah disimpan",
    BatchStatus.UNDONE: "sudah dibatalkan",
}


def batch_info(batch: ImportBatch, zone: tzinfo) -> BatchInfo:
    """The batch, its moments on the office's clock (WIB/WITA/WIT)."""
    return BatchInfo(
        id=batch.id,
        file_name=batch.file_name,
        file_sha256=batch.file_sha256,
        sheet_name=batch.sheet_name,
        status=batch.status,
        on_existing=batch.on_existing,
        needs_approval=batch.needs_approval,
        counts=ImportCounts(
            batch.new_count,
            batch.update_count,
            batch.warning_count,
            batch.rejected_count,
            batch.ignored_count,
        ),
        inserted=batch.inserted_count,
        updated=batch.updated_count,
        created_at=_clock(batch.created_at, zone),
        created_by=batch.created_by,
        approved_by=batch.approved_by,
        committed_at=_clock(batch.committed_at, zone),
        committed_by=batch.committed_by,
        undone_at=_clock(batch.undone_at, zone),
        undone_by=batch.undone_by,
    )


def _clock(moment: datetime | None, zone: tzinfo) -> datetime | None:
    return on_office_clock(moment, zone) if moment is not None else None
