"""Checking an untrusted workbook's size before python-calamine sees it.

calamine turns a sheet into one dense rectangle from A1 to its last filled cell:
a 5 kB workbook with a single value at XFD1048576 asks it for 512 GB, and the
failed allocation aborts the whole process (the GUI with it), which no Python
``except`` can catch. So the archive is checked here first, cheaply and in
Python: every entry's size and compression ratio (zip bombs), then every
worksheet's XML streamed in chunks, following the row and cell positions the way
calamine does, so a sheet that reaches beyond a village list's size is refused
with a message naming the limit. Styled but empty cells are skipped because
calamine skips them too.
"""

from __future__ import annotations

import posixpath
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path

from services.excel_import.types import ImportFileError
from services.text.figures import thousands

# A village list has a few thousand rows and a few dozen columns; these leave ample room.
MAX_ROWS = 200_000
MAX_COLUMNS = 100
# The file as a whole, before it is read into memory at all.
MAX_FILE_BYTES = 200 * 1024 * 1024
# Uncompressed bytes of all the archive's parts together, and the ratio beyond
# which a large part is a compression bomb (real sheets compress 5-30 times).
MAX_UNCOMPRESSED_BYTES = 1024 * 1024 * 1024
MAX_RATIO = 100
RATIO_APPLIES_FROM = 20 * 1024 * 1024

_CHUNK = 1024 * 1024
_TAG = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?(row|c)\b([^>]*?)(/?)>")
_REF = re.compile(rb'(?:^|\s)r\s*=\s*["\']([A-Za-z]*)(\d*)["\']')
_ELEMENT = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?(sheet|Relationship)\b([^>]*)>")
_ATTRIBUTE = re.compile(rb'([\w.-]+(?::[\w.-]+)?)\s*=\s*["\']([^"\']*)["\']')
# workbook.xml and its relationships are small; a larger one is not read for names.
_MAX_METADATA_BYTES = 16 * 1024 * 1024
_RELS = "xl/_rels/workbook.xml.rels"


@dataclass(frozen=True, slots=True)
class SheetExtent:
    """How far a sheet's filled cells reach: the last row and column, both 1-based."""

    rows: int
    columns: int


def limits_text() -> str:
    return f"{thousands(MAX_ROWS)} baris × {MAX_COLUMNS} kolom"


def check_file_size(path: Path, size: int) -> None:
    if size > MAX_FILE_BYTES:
        raise ImportFileError(
            f"Berkas {path.name} terlalu besar ({size // (1024 * 1024)} MB; batasnya "
            f"{MAX_FILE_BYTES // (1024 * 1024)} MB). Simpan hanya daftar pesertanya ke berkas "
            "baru, lalu impor berkas itu."
        )


def check_grid_size(path: Path, rows: int, columns: int) -> None:
    """The same limits for a CSV, whose grid is built by Python."""
    if rows > MAX_ROWS or columns > MAX_COLUMNS:
        raise _too_large(path, None, SheetExtent(rows, columns))


def check_workbook(archive: zipfile.ZipFile, path: Path) -> None:
    """Refuse a workbook calamine could not read safely; raises ImportFileError."""
    _check_archive_sizes(archive, path)
    for part, sheet in _worksheet_parts(archive).items():
        extent = _sheet_extent(archive, part, path)
        if extent.rows > MAX_ROWS or extent.columns > MAX_COLUMNS:
            raise _too_large(path, sheet, extent)


def _check_archive_sizes(archive: zipfile.ZipFile, path: Path) -> None:
    total = 0
    for info in archive.infolist():
        total += info.file_size
        ratio = info.file_size / max(info.compress_size, 1)
        if total > MAX_UNCOMPRESSED_BYTES or (
            info.file_size > RATIO_APPLIES_FROM and ratio > MAX_RATIO
        ):
            raise ImportFileError(
                f"Berkas {path.name} tidak wajar: isinya membengkak menjadi lebih dari "
                f"{MAX_UNCOMPRESSED_BYTES // (1024 * 1024)} MB atau {MAX_RATIO} kali ukuran "
                "berkasnya, jauh melebihi sebuah daftar peserta. Berkas ini tidak dibaca; minta "
                "berkas aslinya lagi, atau salin daftarnya ke buku kerja baru di Excel."
            )


def _worksheet_parts(archive: zipfile.ZipFile) -> dict[str, str]:
    """Every worksheet part with the sheet name the clerk sees: those the workbook names,
    and whatever else lies in xl/worksheets/ (named after its part)."""
    names = set(archive.namelist())
    parts = {
        n: posixpath.basename(n)
        for n in names
        if n.startswith("xl/worksheets/") and n.endswith(".xml")
    }
    targets = {
        attrs.get("Id", ""): _resolve(attrs.get("Target", ""))
        for kind, attrs in _elements(archive, _RELS)
        if kind == "Relationship" and attrs.get("Type", "").endswith("/worksheet")
    }
    for kind, attrs in _elements(archive, "xl/workbook.xml"):
        part = targets.get(attrs.get("r:id", ""))
        if kind == "sheet" and part is not None:
            parts[part] = f'"{attrs.get("name", "")[:40]}"'
    parts.update({p: posixpath.basename(p) for p in targets.values() if p not in parts})
    return {part: sheet for part, sheet in sorted(parts.items()) if part in names}


def _elements(archive: zipfile.ZipFile, name: str) -> list[tuple[str, dict[str, str]]]:
    try:
        if archive.getinfo(name).file_size > _MAX_METADATA_BYTES:
            return []
        text = archive.read(name)
    except (KeyError, zipfile.BadZipFile, EOFError, ValueError, OSError):
        return []
    return [
        (
            kind.decode(),
            {
                k.decode("utf-8", "replace"): v.decode("utf-8", "replace")
                for k, v in _ATTRIBUTE.findall(body)
            },
        )
        for kind, body in _ELEMENT.findall(text)
    ]


def _resolve(target: str) -> str:
    if target.startswith("/"):
        return posixpath.normpath(target.lstrip("/"))
    return posixpath.normpath(posixpath.join("xl", target))


def _sheet_extent(archive: zipfile.ZipFile, name: str, path: Path) -> SheetExtent:
    """Follow rows and cells as calamine does: an ``r`` attribute places them, none means
    the next position; only cells with content count towards the extent."""
    row = col = 0
    last_row = last_col = 0
    tail = b""
    try:
        with archive.open(name) as stream:
            while chunk := stream.read(_CHUNK):
                text = tail + chunk
                cut = text.rfind(b"<")
                text, tail = (text[:cut], text[cut:]) if cut >= 0 else (text, b"")
                for match in _TAG.finditer(text):
                    kind, attributes, empty = match.groups()
                    ref = _REF.search(attributes)
                    if kind == b"row":
                        row = int(ref.group(2)) if ref and ref.group(2) else row + 1
                        col = 0
                        continue
                    col = _column_number(ref.group(1)) if ref and ref.group(1) else col + 1
                    if ref and ref.group(2):
                        row = int(ref.group(2))
                    if not empty:
                        last_row, last_col = max(last_row, row), max(last_col, col)
                if len(tail) > _CHUNK:  # a "tag" that never closes is no worksheet
                    raise zipfile.BadZipFile(name)
    except (zipfile.BadZipFile, EOFError, ValueError, OSError):
        raise ImportFileError(
            f"Berkas {path.name} rusak atau tidak lengkap sehingga tidak dapat dibaca. Minta "
            "berkas aslinya lagi, atau buka di Excel dan simpan ulang sebagai .xlsx."
        ) from None
    return SheetExtent(last_row, last_col)


def _column_number(letters: bytes) -> int:
    number = 0
    for letter in letters.upper():
        number = number * 26 + (letter - ord("A") + 1)
        if number > 1_000_000:  # no real column; stop before the int grows without end
            break
    return number


def _column_letters(number: int) -> str:
    letters = ""
    while number > 0:
        number, rest = divmod(number - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters or "A"


def _too_large(path: Path, sheet: str | None, extent: SheetExtent) -> ImportFileError:
    where = f"Lembar {sheet} di berkas {path.name}" if sheet else f"Berkas {path.name}"
    reach = f"sampai baris {thousands(extent.rows)}"
    if extent.columns <= 16384:
        reach += (
            f", kolom {_column_letters(extent.columns)} (kolom ke-{thousands(extent.columns)})"
        )
    else:
        reach += f", {thousands(extent.columns)} kolom"
    return ImportFileError(
        f"{where} terisi {reach}, melebihi batas satu daftar peserta: {limits_text()}. "
        "Hapus isi di bawah atau di kanan daftar (atau salin daftarnya saja ke lembar baru), "
        "simpan, lalu impor lagi."
    )
