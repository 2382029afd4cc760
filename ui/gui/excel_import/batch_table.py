"""Import batches as a table: file, when, who, counts and where each batch stands."""

from __future__ import annotations

from datetime import datetime

from models.enums import BatchStatus
from services.excel_import import BatchInfo
from ui.gui.formats import moment_text, thousands
from ui.gui.widgets.record_table import Column


def when(moment: datetime | None) -> str:
    """ "07-01-2026 09.30 WITA": the service gives the moment on the office's clock."""
    return moment_text(moment) if moment is not None else "-"


def waits_for_approval(batch: BatchInfo) -> bool:
    return batch.status is BatchStatus.PENDING and batch.needs_approval


def status_text(batch: BatchInfo) -> str:
    match batch.status:
        case BatchStatus.PENDING if batch.needs_approval:
            return "Menunggu persetujuan"
        case BatchStatus.PENDING:
            return "Pratinjau, belum disimpan"
        case BatchStatus.APPROVED:
            return f"Disetujui oleh {batch.approved_by or '-'}, belum disimpan"
        case BatchStatus.COMMITTED:
            return "Tersimpan"
        case BatchStatus.UNDONE:
            return f"Dibatalkan oleh {batch.undone_by or '-'}, {when(batch.undone_at)}"
    return str(batch.status)


def written_text(batch: BatchInfo) -> str:
    if batch.status not in (BatchStatus.COMMITTED, BatchStatus.UNDONE):
        return "-"
    return f"{thousands(batch.inserted)} baru, {thousands(batch.updated)} diubah"


BATCH_COLUMNS: tuple[Column[BatchInfo], ...] = (
    Column("No.", lambda b: f"#{b.id}"),
    Column("Berkas", lambda b: b.file_name + (f" ({b.sheet_name})" if b.sheet_name else "")),
    # A committed batch: when and by whom it was saved; otherwise its dry run.
    Column("Waktu", lambda b: when(b.committed_at or b.created_at)),
    Column("Petugas", lambda b: b.committed_by or b.created_by or "-"),
    # New rows with a note are new rows too: counted as the wizard counts them ("15 baru").
    Column("Baru", lambda b: thousands(b.counts.new + b.counts.warning), numeric=True),
    Column("Sudah terdaftar", lambda b: thousands(b.counts.update), numeric=True),
    Column("… dgn catatan", lambda b: thousands(b.counts.warning), numeric=True),
    Column("Ditolak", lambda b: thousands(b.counts.rejected), numeric=True),
    Column("Dilewati", lambda b: thousands(b.counts.ignored), numeric=True),
    Column("Disimpan", written_text),
    Column("Status", status_text),
)
