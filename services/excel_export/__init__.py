"""Exports of the worker register to .xlsx (list, BPJS collective registration, per village,
recap). The GUI and the CLI call ``export_workers``; see service.py."""

from services.excel_export.columns import BPJS_COLUMNS_KEY, BPJS_PROGRAM_KEY, DEFAULT_BPJS_COLUMNS
from services.excel_export.service import (
    FORMAT_LABELS,
    ExportFormat,
    ExportResult,
    export_workers,
)

__all__ = [
    "BPJS_COLUMNS_KEY",
    "BPJS_PROGRAM_KEY",
    "DEFAULT_BPJS_COLUMNS",
    "FORMAT_LABELS",
    "ExportFormat",
    "ExportResult",
    "export_workers",
]
