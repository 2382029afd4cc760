"""Importing workers from clerks' spreadsheets (.xlsx, .csv): the one API the CLI and the
GUI wizard call.

The wizard's steps, each a plain call returning plain dataclasses:

1. ``read_import_file(path, sheet=None) -> SourceTable``: reads the file (no
   database), finds the header row; ``ImportFileError`` when it cannot.
   ``with_header_row(source, row)`` when the clerk points at another header.
2. ``mapping_for(ctx, source) -> ColumnMapping``: the remembered mapping for these
   headers, else the guessed one; the clerk corrects it with
   ``mapping.with_field(field, column)`` (``FIELD_LABELS`` names the fields,
   ``mapping_problems`` says what is missing).
3. ``dry_run(ctx, source, mapping, options, progress=, cancel=) -> ImportResult``:
   every row's status and reasons; records a pending batch.
4. ``write_report(result, source, path)``: the rows with status and reasons, .xlsx.
5. ``approve_import(ctx, batch_id)`` by a verifikator/administrator when
   ``result.needs_approval and not result.approved``.
6. ``commit_import(ctx, source, mapping, options, progress=, cancel=) -> ImportResult``:
   one transaction; ``ApprovalRequiredError`` / ``CancelledError``.
7. ``undo_import(ctx, batch_id)``, ``list_batches(ctx)``; the twin review list:
   ``list_twin_reviews``, ``mark_twins_different``, ``merge_twins``.

``progress(stage, done, total)`` is called between chunks; ``cancel()`` is asked
there too (pass ``threading.Event().is_set``) and stops the run with nothing kept.
"""

from services.excel_import.batches import approve_import, get_batch, list_batches
from services.excel_import.headers import FIELD_LABELS, mapping_problems
from services.excel_import.mapping_store import mapping_for, recall_mapping, remember_mapping
from services.excel_import.report import write_report
from services.excel_import.service import commit_import, dry_run
from services.excel_import.source import read_import_file, with_header_row
from services.excel_import.twins import list_twin_reviews, mark_twins_different, merge_twins
from services.excel_import.types import (
    STATUS_LABELS,
    ApprovalRequiredError,
    BatchInfo,
    ColumnMapping,
    FieldChange,
    ImportCounts,
    ImportFileError,
    ImportOptions,
    ImportResult,
    MappingError,
    RowResult,
    RowStatus,
    SourceTable,
    TwinPair,
    UndoResult,
)
from services.excel_import.undo import undo_import

__all__ = [
    "FIELD_LABELS",
    "STATUS_LABELS",
    "ApprovalRequiredError",
    "BatchInfo",
    "ColumnMapping",
    "FieldChange",
    "ImportCounts",
    "ImportFileError",
    "ImportOptions",
    "ImportResult",
    "MappingError",
    "RowResult",
    "RowStatus",
    "SourceTable",
    "TwinPair",
    "UndoResult",
    "approve_import",
    "commit_import",
    "dry_run",
    "get_batch",
    "list_batches",
    "list_twin_reviews",
    "mapping_for",
    "mapping_problems",
    "mark_twins_different",
    "merge_twins",
    "read_import_file",
    "recall_mapping",
    "remember_mapping",
    "undo_import",
    "with_header_row",
    "write_report",
]
