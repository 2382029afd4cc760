"""Hostile workbooks built byte by byte for the tests (never shipped as files)."""

from __future__ import annotations

import zipfile
from pathlib import Path

_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/'
    'package/2006/content-types"><Default Extension="rels" ContentType="application/'
    'vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType='
    '"application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/'
    'vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName='
    '"/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.'
    'spreadsheetml.worksheet+xml"/></Types>'
)
_ROOT_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats'
    '.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.'
    'openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
    'Target="xl/workbook.xml"/></Relationships>'
)
_WORKBOOK = (
    '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/'
    'spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships"><sheets><sheet name="Daftar" sheetId="1" r:id="rId7"/></sheets></workbook>'
)
_WORKBOOK_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats'
    '.org/package/2006/relationships"><Relationship Target="{target}" Id="rId7" Type="http://'
    'schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet"/></Relationships>'
)
HEADER_CELLS = "".join(
    f'<c r="{col}1" t="inlineStr"><is><t>{text}</t></is></c>'
    for col, text in zip("ABC", ("NIK", "Nama Lengkap", "Desa"), strict=True)
)


def inline(ref: str, text: str) -> str:
    return f'<c r="{ref}" t="inlineStr"><is><t>{text}</t></is></c>'


def workbook(
    path: Path,
    sheet_data: str,
    *,
    dimension: str = "A1:C1",
    part: str = "xl/worksheets/sheet1.xml",
    extra: dict[str, bytes] | None = None,
) -> Path:
    """A minimal .xlsx whose only sheet ("Daftar") holds ``sheet_data`` as its rows."""
    sheet = (
        '<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats'
        f'.org/spreadsheetml/2006/main"><dimension ref="{dimension}"/><sheetData>{sheet_data}'
        "</sheetData></worksheet>"
    )
    target = "/" + part if not part.startswith("xl/worksheets/") else part[len("xl/") :]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", _CONTENT_TYPES)
        archive.writestr("_rels/.rels", _ROOT_RELS)
        archive.writestr("xl/workbook.xml", _WORKBOOK)
        archive.writestr("xl/_rels/workbook.xml.rels", _WORKBOOK_RELS.format(target=target))
        archive.writestr(part, sheet)
        for name, content in (extra or {}).items():
            archive.writestr(name, content)
    return path


def far_cell_workbook(path: Path) -> Path:
    """4 kB on disk; one value at XFD1048576 makes calamine ask for 512 GB and abort."""
    rows = f'<row r="1">{HEADER_CELLS}</row><row r="1048576">{inline("XFD1048576", "x")}</row>'
    return workbook(path, rows, dimension="A1:XFD1048576")
