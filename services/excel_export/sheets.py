"""Writing one worksheet of an export: a title row, a frozen bold header with an
autofilter, columns as wide as their contents, dates as dates, and every text
that starts like a formula (= + - @) kept as text."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date, datetime
from typing import Any

from openpyxl.cell import WriteOnlyCell
from openpyxl.utils import get_column_letter
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

import services.text.xlsx_cells as xlsx_cells
from services.reports.xlsx import DATE_FORMAT, column_widths

_FORMULA_STARTS = ("=", "+", "-", "@")


def write_table(
    sheet: WriteOnlyWorksheet,
    titles: Sequence[str],
    headers: Sequence[str],
    rows: Sequence[Sequence[Any]],
    progress: Callable[[int], None] | None = None,
) -> None:
    """``titles`` above the header; ``rows`` of plain values (str, int, date, None)."""
    for index, width in enumerate(column_widths(headers, rows), start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    header_row = len(titles) + 2
    sheet.freeze_panes = f"A{header_row + 1}"
    for title in titles:
        sheet.append([xlsx_cells.cell(sheet, title, bold=True)])
    sheet.append([])
    sheet.append(xlsx_cells.row(sheet, list(headers), bold=True))
    append = sheet.append
    dates = _DateCells(sheet)
    for number, values in enumerate(rows, start=1):
        append([_cell(sheet, v, i, dates) for i, v in enumerate(values)])
        if progress is not None and number % 1000 == 0:
            progress(number)
    last = get_column_letter(max(1, len(headers)))
    sheet.auto_filter.ref = f"A{header_row}:{last}{header_row + len(rows)}"


class _DateCells:
    """One formatted date cell per column, reused row after row.

    A write-only sheet writes each appended row at once, so a cell object is free
    again after its row; styling a fresh cell for every date would cost a style
    lookup per cell.
    """

    def __init__(self, sheet: WriteOnlyWorksheet) -> None:
        self._sheet = sheet
        self._cells: dict[int, WriteOnlyCell] = {}

    def holding(self, column: int, value: date) -> WriteOnlyCell:
        cell = self._cells.get(column)
        if cell is None:
            cell = self._cells[column] = WriteOnlyCell(self._sheet, value=value)
            cell.number_format = DATE_FORMAT
        else:
            cell.value = value
        return cell


def _cell(sheet: WriteOnlyWorksheet, value: Any, column: int, dates: _DateCells) -> Any:
    kind = value.__class__
    if kind is str:
        return xlsx_cells.cell(sheet, value) if value.startswith(_FORMULA_STARTS) else value
    if kind is date or kind is datetime:
        return dates.holding(column, value)
    return value
