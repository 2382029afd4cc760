"""A report as an .xlsx workbook: one sheet per table, laid out like the register's
exports (services/excel_export/sheets.py: title rows, a frozen bold header with an
autofilter, columns as wide as their contents, formula-safe text), plus thousands
separators on counts and rupiah and bold total rows.

Column widths and sheet names, which the exports use too, live here: the exports import
this module (their recap is report 1), so it must not import theirs."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.utils import get_column_letter
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

import services.text.xlsx_cells as xlsx_cells
from services.core.file_output import save_workbook
from services.reports.model import CellKind, Report, Section, Table

NUMBER_FORMAT = "#,##0"
DATE_FORMAT = "dd-mm-yyyy"
DATE_WIDTH = 12
MIN_WIDTH = 6
MAX_WIDTH = 50


def column_widths(headers: Sequence[str], rows: Sequence[Sequence[Any]]) -> list[float]:
    """Each column as wide as its longest value (within MIN_WIDTH..MAX_WIDTH)."""
    widths = []
    for index, header in enumerate(headers):
        longest = len(header)
        column = [r[index] for r in rows]
        if any(isinstance(v, date) for v in column):
            longest = max(longest, DATE_WIDTH - 2)
        texts = [v if isinstance(v, str) else str(v) for v in column if v is not None]
        longest = max(longest, max(map(len, texts), default=0))
        widths.append(float(min(MAX_WIDTH, max(MIN_WIDTH, longest + 2))))
    return widths


def sheet_title(name: str, taken: set[str]) -> str:
    """A valid, unique worksheet name (31 characters, none of []:*?/\\)."""
    clean = "".join(" " if c in "[]:*?/\\" else c for c in name).strip()[:31] or "Lembar"
    title, number = clean, 2
    while title.lower() in taken:
        suffix = f" ({number})"
        title = clean[: 31 - len(suffix)] + suffix
        number += 1
    taken.add(title.lower())
    return title


def write_xlsx(report: Report, path: Path) -> int:
    """Write the workbook; returns the number of sheets."""
    workbook = Workbook(write_only=True)
    taken: set[str] = set()
    for section in report.sections:
        for table in section.tables:
            sheet = workbook.create_sheet(sheet_title(table.name, taken))
            _write_sheet(sheet, report, section, table)
    save_workbook(workbook, path)
    return len(taken)


def _write_sheet(sheet: WriteOnlyWorksheet, report: Report, section: Section, table: Table) -> None:
    titles = [report.title, *report.subtitle]
    if section.heading:
        titles.append(section.heading)
    titles += list(report.notes)
    for index, width in enumerate(column_widths(table.headers, table.rows), start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    header_row = len(titles) + 2
    sheet.freeze_panes = f"A{header_row + 1}"
    for number, title in enumerate(titles):
        sheet.append([xlsx_cells.cell(sheet, title, bold=number == 0)])
    sheet.append([])
    sheet.append(xlsx_cells.row(sheet, table.headers, bold=True))
    kinds = [c.kind for c in table.columns]
    formatted = _FormattedCells(sheet)
    for index, values in enumerate(table.rows):
        pairs = zip(values, kinds, strict=True)
        if index in table.total_rows:
            sheet.append([_cell(sheet, v, k, True) for v, k in pairs])
        else:
            sheet.append([formatted.cell(i, v, k) for i, (v, k) in enumerate(pairs)])
    last = get_column_letter(max(1, len(table.columns)))
    sheet.auto_filter.ref = f"A{header_row}:{last}{header_row + len(table.rows)}"
    if table.note:
        sheet.append([])
        sheet.append([xlsx_cells.cell(sheet, table.note)])
    if section.signature is not None:
        sign = section.signature
        sheet.append([])
        for text in (sign.place_date, sign.title, "", "", sign.name or "(" + "." * 40 + ")"):
            sheet.append([xlsx_cells.cell(sheet, text)])


class _FormattedCells:
    """One formatted cell per column, reused row after row (as excel_export does for dates):
    a write-only sheet writes a row when it is appended, so its cells are free again, and a
    fresh styled cell per number would cost a style look-up each."""

    def __init__(self, sheet: WriteOnlyWorksheet) -> None:
        self._sheet = sheet
        self._cells: dict[int, WriteOnlyCell] = {}

    def cell(self, column: int, value: Any, kind: CellKind) -> Any:
        numeric = kind in (CellKind.COUNT, CellKind.MONEY) and isinstance(value, int)
        if not numeric and not (kind is CellKind.DATE and isinstance(value, date)):
            return _cell(self._sheet, value, kind, False)
        cell = self._cells.get(column)
        if cell is None:
            cell = self._cells[column] = _cell(self._sheet, value, kind, False)
        cell.value = value
        return cell


def _cell(sheet: WriteOnlyWorksheet, value: Any, kind: CellKind, bold: bool) -> Any:
    if not bold and (value is None or kind is CellKind.TEXT):
        return xlsx_cells.cell(sheet, value) if isinstance(value, str) else value
    cell = xlsx_cells.cell(sheet, value, bold=bold)
    if isinstance(value, int) and kind in (CellKind.COUNT, CellKind.MONEY):
        cell.number_format = NUMBER_FORMAT
    elif kind is CellKind.DATE and value is not None:
        cell.number_format = DATE_FORMAT
    return cell
