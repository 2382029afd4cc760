"""Cells for exported workbooks: text stays text, so no export can carry a formula."""

from __future__ import annotations

from typing import Any

from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

_FORMULA_STARTS = ("=", "+", "-", "@")
BOLD = Font(bold=True)


def cell(sheet: WriteOnlyWorksheet, value: Any, bold: bool = False) -> WriteOnlyCell:
    result = WriteOnlyCell(sheet, value=value)
    if isinstance(value, str) and value.startswith(_FORMULA_STARTS):
        # openpyxl would store "=..." as a formula; Excel would run it.
        result.data_type = "s"
    if bold:
        result.font = BOLD
    return result


def row(sheet: WriteOnlyWorksheet, values: list[Any], bold: bool = False) -> list[WriteOnlyCell]:
    return [cell(sheet, v, bold) for v in values]
