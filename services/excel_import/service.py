"""The two steps of an import: the dry run (nothing written but its record) and the commit
(all accepted rows or nothing, in one transaction)."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from datetime import date

from sqlalchemy import exc as sa_exc

from models.base import utc_now
from models.enums import BatchStatus
from services.audit.trail import record_event
from services.core.context import ServiceContext
from services.core.errors import SiRentanError
from services.core.paths import command_prefix
from services.core.permissions import Permission
from services.core.progress import Cancel, Progress
from services.core.unit_of_work import read_session, unit_of_work
from services.excel_import.batches import (
    ACTION_IMPORT,
    approval_threshold,
    new_batch,
    open_batch,
    options_key,
    record_pending,
    set_counts,
)
from services.excel_import.classify import Plan, classify
from services.excel_import.commit import BatchWriter
from services.excel_import.headers import mapping_problems
from services.excel_import.mapping_store import mapping_for, store_mapping
from services.excel_import.types import (
    ApprovalRequiredError,
    ColumnMapping,
    ImportCounts,
    ImportOptions,
    ImportResult,
    MappingError,
    SourceTable,
)
from services.text.figures import thousands
from services.workers.regions import RegionDirectory


@contextmanager
def _bulk_work() -> Iterator[None]:
    """No cyclic garbage collection while rows are checked and written.

    An import holds hundreds of thousands of small objects; each full collection
    walks them all again (about a quarter of a 150,000-row import's time). Nothing
    here makes reference cycles worth collecting before the call ends.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


class _NeedsApproval(Exception):
    def __init__(self, plan: Plan, threshold: int) -> None:
        super().__init__("approval needed")
        self.plan = plan
        self.threshold = threshold


def dry_run(
    ctx: ServiceContext,
    source: SourceTable,
    mapping: ColumnMapping | None = None,
    options: ImportOptions | None = None,
    *,
    regions: RegionDirectory | None = None,
    progress: Progress | None = None,
    cancel: Cancel | None = None,
    today: date | None = None,
) -> ImportResult:
    """Every row's status and reasons, as a commit would decide them now.

    Writes no worker; records (or refreshes) a pending batch so that a large
    import can be approved before it is committed.
    """
    principal = ctx.require(Permission.IMPORT)
    options = options or ImportOptions()
    mapping = _usable_mapping(ctx, source, mapping)
    regions = regions or RegionDirectory(ctx)
    with _bulk_work(), read_session(ctx) as session:
        plan = classify(
            session, source, mapping, options, principal, regions, progress, cancel, today
        )
        threshold = approval_threshold(session)
    counts = ImportCounts.of(plan.results)
    needs = plan.to_write > threshold
    batch_id, approved = record_pending(ctx, source, mapping, options, counts, needs)
    approved = approved or principal.can(Permission.APPROVE)
    return _result(source, mapping, options, plan, threshold, approved, batch_id)


def commit_import(
    ctx: ServiceContext,
    source: SourceTable,
    mapping: ColumnMapping | None = None,
    options: ImportOptions | None = None,
    *,
    regions: RegionDirectory | None = None,
    progress: Progress | None = None,
    cancel: Cancel | None = None,
    today: date | None = None,
) -> ImportResult:
    """Write every accepted row in one transaction, or nothing at all.

    Rows are classified again inside the transaction, so what is written is
    what the register holds now. Raises ApprovalRequiredError for a large
    import nobody approved, CancelledError (services.core.progress) when ``cancel`` says so.
    """
    principal = ctx.require(Permission.IMPORT)
    options = options or ImportOptions()
    mapping = _usable_mapping(ctx, source, mapping)
    regions = regions or RegionDirectory(ctx)
    key = options_key(source, mapping, options)
    try:
        with _bulk_work(), unit_of_work(ctx) as session:
            plan = classify(
                session, source, mapping, options, principal, regions, progress, cancel, today
            )
            threshold = approval_threshold(session)
            batch = open_batch(session, source, key)
            approved = principal.can(Permission.APPROVE) or (
                batch is not None and batch.status is BatchStatus.APPROVED
            )
            if plan.to_write > threshold and not approved:
                raise _NeedsApproval(plan, threshold)
            if batch is None:
                batch = new_batch(source, mapping, options, ctx.user_name)
                session.add(batch)
            counts = ImportCounts.of(plan.results)
            set_counts(batch, counts, _data_rows(counts))
            batch.needs_approval = plan.to_write > threshold
            session.flush()
            now = utc_now()
            inserted, updated, twins = BatchWriter(session, batch, now, progress, cancel).write(
                plan
            )
            batch.status = BatchStatus.COMMITTED
            batch.inserted_count, batch.updated_count = inserted, updated
            batch.committed_at, batch.committed_by = now, ctx.user_name
            store_mapping(session, source, mapping, ctx.user_name)
            record_event(
                session,
                ACTION_IMPORT,
                "import_batch",
                batch.id,
                f"Impor {source.file_name}: {inserted} baru, {updated} diperbarui"[:300],
                {
                    "sha256": source.sha256,
                    "counts": counts.as_dict(),
                    "on_existing": options.on_existing.value,
                },
            )
            batch_id = batch.id
    except _NeedsApproval as waiting:
        raise _approval_error(ctx, source, mapping, options, waiting) from None
    except sa_exc.IntegrityError as error:
        raise SiRentanError(
            "Data peserta berubah selama impor (misalnya NIK atau No. KPJ yang sama baru saja "
            "didaftarkan di komputer lain). Tidak ada yang disimpan; jalankan impor sekali lagi."
        ) from error
    result = _result(source, mapping, options, plan, threshold, True, batch_id)
    return _with_writes(result, inserted, updated, twins)


def _approval_error(
    ctx: ServiceContext,
    source: SourceTable,
    mapping: ColumnMapping,
    options: ImportOptions,
    waiting: _NeedsApproval,
) -> ApprovalRequiredError:
    counts = ImportCounts.of(waiting.plan.results)
    batch_id, _ = record_pending(ctx, source, mapping, options, counts, True)
    result = _result(source, mapping, options, waiting.plan, waiting.threshold, False, batch_id)
    message = (
        f"Impor ini akan menyimpan {thousands(waiting.plan.to_write)} baris, lebih dari batas "
        f"{thousands(waiting.threshold)} baris, sehingga perlu persetujuan verifikator atau "
        f"administrator. Pratinjaunya dicatat sebagai impor #{batch_id}; minta verifikator "
        f"menyetujuinya ({command_prefix()} import-approve {batch_id}), lalu jalankan impor yang "
        "sama sekali lagi. Belum ada data yang disimpan."
    )
    return ApprovalRequiredError(message, batch_id, result)


def _usable_mapping(
    ctx: ServiceContext, source: SourceTable, mapping: ColumnMapping | None
) -> ColumnMapping:
    mapping = mapping if mapping is not None else mapping_for(ctx, source)
    problems = mapping_problems(mapping, source.width)
    if problems:
        raise MappingError(problems)
    return mapping


def _data_rows(counts: ImportCounts) -> int:
    return counts.new + counts.update + counts.warning + counts.rejected


def _result(
    source: SourceTable,
    mapping: ColumnMapping,
    options: ImportOptions,
    plan: Plan,
    threshold: int,
    approved: bool,
    batch_id: int | None,
) -> ImportResult:
    return ImportResult(
        file_name=source.file_name,
        sha256=source.sha256,
        sheet_name=source.sheet_name,
        options=options,
        mapping=mapping,
        rows=tuple(plan.results),
        counts=ImportCounts.of(plan.results),
        to_write=plan.to_write,
        approval_threshold=threshold,
        needs_approval=plan.to_write > threshold,
        approved=approved,
        batch_id=batch_id,
        day=plan.day,
    )


def _with_writes(result: ImportResult, inserted: int, updated: int, twins: int) -> ImportResult:
    return replace(result, committed=True, inserted=inserted, updated=updated, twins_recorded=twins)
