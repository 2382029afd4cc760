"""The result of an import as a workbook: the clerk's own rows, each with its status and
reasons, rejected rows first, so the file can be corrected and imported again."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment
from openpyxl.utils import get_column_letter
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

import services.text.xlsx_cells as xlsx_cells
from services.core.file_output import atomic_path, save_workbook
from services.excel_import.types import (
    STATUS_LABELS,
    ImportResult,
    RowResult,
    RowStatus,
    SourceTable,
)
from services.text.formatting import long_date

DATE_FORMAT = "dd-mm-yyyy"
_ORDER = [RowStatus.REJECTED, RowStatus.WARNING, RowStatus.UPDATE, RowStatus.NEW, RowStatus.IGNORED]
# Whole numbers this long are identity or phone numbers: written as text, never as numbers.
_NUMBER_AS_TEXT = 10**9
_WRAP = Alignment(wrap_text=True, vertical="top")
_FIXED = ["Baris", "Status", "Keterangan"]


def write_report(result: ImportResult, source: SourceTable, path: Path | str) -> Path:
    path = Path(path)
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Hasil impor")
    headers = [h or get_column_letter(i + 1) for i, h in enumerate(source.headers)]
    _widths(sheet, len(headers))
    sheet.freeze_panes = "D5"
    sheet.append([xlsx_cells.cell(sheet, _title(result), bold=True)])
    sheet.append([xlsx_cells.cell(sheet, _summary(result))])
    sheet.append([])
    sheet.append(xlsx_cells.row(sheet, _FIXED + headers, bold=True))
    rows = sorted(result.rows, key=lambda r: (_ORDER.index(r.status), r.row))
    for row in rows:
        sheet.append(_line(sheet, row, source))
    last = get_column_letter(len(_FIXED) + len(headers))
    sheet.auto_filter.ref = f"A4:{last}{4 + len(rows)}"
    with atomic_path(path) as scratch:
        save_workbook(workbook, scratch)
    return path


def _widths(sheet: WriteOnlyWorksheet, original: int) -> None:
    for index, width in enumerate([7, 22, 70] + [18] * original, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width


def _title(result: ImportResult) -> str:
    where = f", lembar {result.sheet_name}" if result.sheet_name else ""
    state = "disimpan" if result.committed else "pratinjau, belum disimpan"
    return f"Hasil impor {result.file_name}{where} ({state}), {long_date(result.day)}"


def _summary(result: ImportResult) -> str:
    counts = result.counts
    return (
        f"Baru: {counts.new} · Sudah terdaftar: {counts.update} · Dengan catatan: "
        f"{counts.warning} · Ditolak: {counts.rejected} · Dilewati: {counts.ignored}"
    )


def _line(sheet: WriteOnlyWorksheet, row: RowResult, source: SourceTable) -> list[Any]:
    reasons = WriteOnlyCell(sheet, value="\n".join(row.messages))
    reasons.data_type = "s"  # a reason is never a formula, whatever it starts with
    reasons.alignment = _WRAP
    original = source.grid[row.grid_index] if row.grid_index < len(source.grid) else []
    return [row.row, STATUS_LABELS[row.status], reasons, *(_cell(sheet, v) for v in original)]


def _cell(sheet: WriteOnlyWorksheet, value: Any) -> Any:
    if isinstance(value, datetime | date):
        cell = WriteOnlyCell(sheet, value=value)
        cell.number_format = DATE_FORMAT
        return cell
    if isinstance(value, float) and value.is_integer():
        number = int(value)
        return str(number) if abs(number) >= _NUMBER_AS_TEXT else number
    if value == "":
        return None
    return xlsx_cells.cell(sheet, value)
