"""Spreadsheet imports: each run as a batch, the rows it wrote, remembered column
mappings, and the possible twins an import found for a clerk to review."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    BigInteger,
    Boolean,
    Date,
    DateTime,
    ForeignKey,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from models.base import Base, Timestamp, code_enum, number_text
from models.enums import BatchStatus, OnExisting, RowAction, TwinDecision

# Batch rows grow with every import (15,000 a run): a bigint on PostgreSQL;
# SQLite only makes INTEGER PRIMARY KEY an alias of the rowid.
RowId = BigInteger().with_variant(Integer(), "sqlite")


class ImportBatch(Base):
    __tablename__ = "import_batch"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    file_name: Mapped[str] = mapped_column(String(255))
    file_sha256: Mapped[str] = mapped_column(String(64), index=True)
    sheet_name: Mapped[str | None] = mapped_column(String(100))
    # Hash of the mapping and choices: an approval holds only for the same run.
    options_key: Mapped[str] = mapped_column(String(64))
    options: Mapped[str] = mapped_column(Text)
    on_existing: Mapped[OnExisting] = mapped_column(code_enum(OnExisting, "on_existing"))
    status: Mapped[BatchStatus] = mapped_column(code_enum(BatchStatus, "batch_status"))
    needs_approval: Mapped[bool] = mapped_column(Boolean, default=False)
    data_rows: Mapped[int] = mapped_column(Integer, default=0)
    new_count: Mapped[int] = mapped_column(Integer, default=0)
    update_count: Mapped[int] = mapped_column(Integer, default=0)
    warning_count: Mapped[int] = mapped_column(Integer, default=0)
    rejected_count: Mapped[int] = mapped_column(Integer, default=0)
    ignored_count: Mapped[int] = mapped_column(Integer, default=0)
    inserted_count: Mapped[int] = mapped_column(Integer, default=0)
    updated_count: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[Timestamp]
    created_by: Mapped[str | None] = mapped_column(String(64))
    approved_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    approved_by: Mapped[str | None] = mapped_column(String(64))
    committed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    committed_by: Mapped[str | None] = mapped_column(String(64))
    undone_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    undone_by: Mapped[str | None] = mapped_column(String(64))


class ImportBatchRow(Base):
    """A worker a committed batch inserted or updated, with what undo needs."""

    __tablename__ = "import_batch_row"

    id: Mapped[int] = mapped_column(RowId, primary_key=True, autoincrement=True)
    batch_id: Mapped[int] = mapped_column(
        ForeignKey("import_batch.id", ondelete="CASCADE"), index=True
    )
    row_number: Mapped[int] = mapped_column(Integer)
    # SET NULL: a later merge may remove the worker; undo then refuses, as it should.
    worker_id: Mapped[int | None] = mapped_column(
        ForeignKey("worker.id", ondelete="SET NULL"), index=True
    )
    nik: Mapped[str] = mapped_column(number_text(16))
    action: Mapped[RowAction] = mapped_column(code_enum(RowAction, "row_action"))
    # The worker's version and time right after the batch: any later change moves them.
    version_after: Mapped[int] = mapped_column(Integer)
    updated_at_after: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    # JSON {column: old value} of the columns an update changed; undo writes them back.
    before: Mapped[str | None] = mapped_column(Text)


class ImportColumnMap(Base):
    """A clerk's column mapping, reused the next time a file has the same headers."""

    __tablename__ = "import_column_map"

    signature: Mapped[str] = mapped_column(String(64), primary_key=True)
    headers: Mapped[str] = mapped_column(Text)
    mapping: Mapped[str] = mapped_column(Text)
    updated_at: Mapped[Timestamp]
    updated_by: Mapped[str | None] = mapped_column(String(64))


class TwinReview(Base):
    """Two NIKs with the same name, birth date and village: one person typed twice, or two?"""

    __tablename__ = "twin_review"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    # NIKs, name and date are kept as text so the decision stays readable after a merge.
    worker_id: Mapped[int | None] = mapped_column(
        ForeignKey("worker.id", ondelete="SET NULL"), index=True
    )
    other_worker_id: Mapped[int | None] = mapped_column(
        ForeignKey("worker.id", ondelete="SET NULL"), index=True
    )
    worker_nik: Mapped[str] = mapped_column(number_text(16))
    other_nik: Mapped[str] = mapped_column(number_text(16))
    full_name: Mapped[str] = mapped_column(String(120))
    birth_date: Mapped[date] = mapped_column(Date)
    village_code: Mapped[str] = mapped_column(String(13))
    batch_id: Mapped[int | None] = mapped_column(
        ForeignKey("import_batch.id", ondelete="SET NULL"), index=True
    )
    status: Mapped[TwinDecision] = mapped_column(
        code_enum(TwinDecision, "twin_status"), default=TwinDecision.OPEN
    )
    note: Mapped[str | None] = mapped_column(String(200))
    created_at: Mapped[Timestamp]
    created_by: Mapped[str | None] = mapped_column(String(64))
    decided_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    decided_by: Mapped[str | None] = mapped_column(String(64))

    __table_args__ = (UniqueConstraint("worker_nik", "other_nik"),)


__all__ = [
    "BatchStatus",
    "ImportBatch",
    "ImportBatchRow",
    "ImportColumnMap",
    "OnExisting",
    "RowAction",
    "TwinDecision",
    "TwinReview",
]
