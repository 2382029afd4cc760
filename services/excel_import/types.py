"""Plain results of an import, for the CLI, the report and the GUI wizard alike."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import Any

from models.enums import BatchStatus, FundingSource, OnExisting
from services.core.errors import SiRentanError


class RowStatus(StrEnum):
    NEW = "new"
    UPDATE = "update"
    WARNING = "warning"
    REJECTED = "rejected"
    IGNORED = "ignored"


STATUS_LABELS = {
    RowStatus.NEW: "Baru",
    RowStatus.UPDATE: "Sudah terdaftar",
    RowStatus.WARNING: "Diterima dengan catatan",
    RowStatus.REJECTED: "Ditolak",
    RowStatus.IGNORED: "Dilewati",
}


class ImportFileError(SiRentanError):
    """The file cannot be read as a list of workers; nothing was changed."""


CANCELLED = "Impor dibatalkan; tidak ada data yang diubah."


class ApprovalRequiredError(SiRentanError):
    """A large import waits for a verifikator or administrator (see batches.approve_import)."""

    def __init__(self, message: str, batch_id: int, result: ImportResult | None = None) -> None:
        super().__init__(message)
        self.batch_id = batch_id
        # The classification that was refused, so the caller can still show or report it.
        self.result = result


class MappingError(SiRentanError):
    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        lines = "\n".join(f"- {p}" for p in problems)
        super().__init__(f"Susunan kolom belum dapat dipakai:\n{lines}")


@dataclass(frozen=True, slots=True)
class ImportOptions:
    on_existing: OnExisting = OnExisting.SKIP
    # For files without a funding column, or rows where it is blank.
    default_funding: FundingSource = FundingSource.APBD_KABUPATEN
    # Membership start for rows without their own date (None: left empty).
    coverage_start: date | None = None


@dataclass(frozen=True, slots=True)
class ColumnMapping:
    """Which sheet column (0-based) holds which field; the wizard may correct it."""

    columns: Mapping[str, int] = field(default_factory=dict)

    def with_field(self, name: str, column: int | None) -> ColumnMapping:
        """The mapping with ``name`` moved to ``column`` (None: not imported)."""
        columns = {f: c for f, c in self.columns.items() if f != name and c != column}
        if column is not None:
            columns[name] = column
        return ColumnMapping(columns)

    def column_of(self, name: str) -> int | None:
        return self.columns.get(name)


@dataclass(frozen=True, slots=True)
class SourceTable:
    """A sheet as read from the file: every cell from row 1, and where the list starts."""

    path: Path
    file_name: str
    sha256: str
    kind: str  # "xlsx" or "csv"
    sheet_name: str | None
    sheet_names: tuple[str, ...]
    grid: list[list[Any]]
    header_row: int  # 0-based index into grid
    data_start: int  # first row below the header (and its sub-header, if any)
    headers: tuple[str, ...]  # one label per column, merged and two-row headers resolved
    suggested: ColumnMapping
    # Merged ranges ((row, col), (row, col)), 0-based, for choosing another header row.
    merged: tuple[tuple[tuple[int, int], tuple[int, int]], ...] = ()
    # The rows as checked on their own (no register needed) for one mapping and set of
    # choices, so the commit after a dry run does not check them again.
    checked: dict[Any, Any] = field(default_factory=dict, compare=False, repr=False)

    @property
    def width(self) -> int:
        return len(self.headers)


@dataclass(frozen=True, slots=True)
class FieldChange:
    field: str
    label: str
    old: str
    new: str

    @property
    def text(self) -> str:
        return f"{self.label}: {self.old or '(kosong)'} → {self.new or '(kosong)'}"


@dataclass(frozen=True, slots=True)
class RowResult:
    row: int  # the sheet's row number as Excel shows it
    status: RowStatus
    nik: str | None
    full_name: str | None
    messages: tuple[str, ...] = ()
    changes: tuple[FieldChange, ...] = ()
    # The registered worker for an update, or the possible twin's NIK for a warning.
    worker_id: int | None = None
    twin_nik: str | None = None
    grid_index: int = 0


@dataclass(frozen=True, slots=True)
class ImportCounts:
    new: int = 0
    update: int = 0
    warning: int = 0
    rejected: int = 0
    ignored: int = 0

    @classmethod
    def of(cls, rows: list[RowResult] | tuple[RowResult, ...]) -> ImportCounts:
        tally = dict.fromkeys(RowStatus, 0)
        for row in rows:
            tally[row.status] += 1
        return cls(*(tally[s] for s in RowStatus))

    def as_dict(self) -> dict[str, int]:
        return {s.value: getattr(self, s.value) for s in RowStatus}


@dataclass(frozen=True, slots=True)
class ImportResult:
    """What a dry run would do, or what a commit did (``committed``)."""

    file_name: str
    sha256: str
    sheet_name: str | None
    options: ImportOptions
    mapping: ColumnMapping
    rows: tuple[RowResult, ...]
    counts: ImportCounts
    # Rows the commit writes: new and warning rows, and updates when the choice is update.
    to_write: int
    approval_threshold: int
    needs_approval: bool
    approved: bool
    batch_id: int | None
    day: date  # the office's day the rows were checked on (the report's date)
    committed: bool = False
    inserted: int = 0
    updated: int = 0
    twins_recorded: int = 0


@dataclass(frozen=True, slots=True)
class BatchInfo:
    id: int
    file_name: str
    file_sha256: str
    sheet_name: str | None
    status: BatchStatus
    on_existing: OnExisting
    needs_approval: bool
    counts: ImportCounts
    inserted: int
    updated: int
    created_at: Any
    created_by: str | None
    approved_by: str | None
    committed_at: Any
    committed_by: str | None
    undone_at: Any
    undone_by: str | None


@dataclass(frozen=True, slots=True)
class UndoResult:
    batch_id: int
    deleted: int
    restored: int


@dataclass(frozen=True, slots=True)
class TwinPair:
    """One entry of the review list of possible twins."""

    id: int
    worker_id: int | None
    worker_nik: str
    other_worker_id: int | None
    other_nik: str
    full_name: str
    birth_date: date
    village_code: str
    village_name: str
    batch_id: int | None
    status: str
    note: str | None
    decided_by: str | None
