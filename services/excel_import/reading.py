"""Reading a clerk's file into a grid of cells, or saying in Indonesian why it cannot be read.

The file's first bytes decide what it is, not its name: a workbook saved as
``.xls`` by an old Excel, a password-protected workbook (an encrypted OLE2
container even when it is called ``.xlsx``), a damaged zip, or a PDF renamed
to ``.csv`` each get their own message. Nothing here touches the database.

.xlsx goes through python-calamine, which keeps each cell's type: a date cell
arrives as a ``date``, a number as a ``float``, text as ``str`` (blank cells are
``""``). CSV cells are all text.
"""

from __future__ import annotations

import csv
import hashlib
import io
import zipfile
from collections import Counter
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from typing import Any

import python_calamine

from services.excel_import.types import ImportFileError
from services.excel_import.workbook_limits import (
    MAX_ROWS,
    check_file_size,
    check_grid_size,
    check_workbook,
)

OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGIC = b"PK\x03\x04"
# An Office file encrypted with a password is an OLE2 container holding these streams.
_ENCRYPTED_STREAMS = ("EncryptedPackage".encode("utf-16-le"), "EncryptionInfo".encode("utf-16-le"))
_CSV_DELIMITERS = (";", ",", "\t")
_SNIFF_LINES = 60
_SAVE_AS_XLSX = "Buka berkas di Excel, lalu simpan sebagai Excel Workbook (.xlsx) dan impor lagi."

# A merged range as calamine gives it: ((first row, first col), (last row, last col)), 0-based.
Merged = tuple[tuple[int, int], tuple[int, int]]


@dataclass(frozen=True, slots=True)
class RawSheet:
    grid: list[list[Any]]
    merged: list[Merged] = field(default_factory=list)


@dataclass(slots=True)
class RawFile:
    path: Path
    sha256: str
    kind: str  # "xlsx" or "csv"
    sheet_names: tuple[str, ...]
    _data: bytes = b""
    _sheets: dict[str, RawSheet] = field(default_factory=dict)

    def sheet(self, name: str | None) -> RawSheet:
        key = name or ""
        if key not in self._sheets:
            self._sheets[key] = _read_sheet(self, name)
        return self._sheets[key]


def open_file(path: Path) -> RawFile:
    """Read the file once (its hash is part of the import's record) and tell what it is."""
    data = _read_bytes(path)
    sha256 = hashlib.sha256(data).hexdigest()
    kind = _kind_of(data, path)
    names: tuple[str, ...] = ()
    if kind == "xlsx":
        names = _sheet_names(data, path)
    return RawFile(path, sha256, kind, names, data)


def _read_bytes(path: Path) -> bytes:
    try:
        if path.is_file():
            check_file_size(path, path.stat().st_size)
        data = path.read_bytes()
    except FileNotFoundError:
        raise ImportFileError(f"Berkas {path.name} tidak ditemukan.") from None
    except IsADirectoryError:
        raise ImportFileError(f"{path.name} adalah folder, bukan berkas.") from None
    except OSError as error:
        raise ImportFileError(
            f"Berkas {path.name} tidak dapat dibuka ({error.strerror}). Tutup berkas itu di "
            "Excel bila sedang terbuka, lalu coba lagi."
        ) from None
    if not data.strip():
        raise ImportFileError(f"Berkas {path.name} kosong; tidak ada data untuk diimpor.")
    return data


def _kind_of(data: bytes, path: Path) -> str:
    if data.startswith(OLE2_MAGIC):
        if any(stream in data for stream in _ENCRYPTED_STREAMS):
            raise ImportFileError(
                f"Berkas {path.name} dilindungi kata sandi, sehingga isinya tidak dapat dibaca. "
                "Buka di Excel dengan kata sandinya, hapus kata sandi (Berkas → Info → Lindungi "
                "Buku Kerja), simpan sebagai .xlsx, lalu impor lagi."
            )
        raise ImportFileError(
            f"Berkas {path.name} berformat Excel lama (.xls, Excel 97-2003), yang tidak diterima "
            f"karena NIK di dalamnya mudah rusak. {_SAVE_AS_XLSX}"
        )
    if data.startswith(ZIP_MAGIC):
        return _zip_kind(data, path)
    if _looks_binary(data):
        raise ImportFileError(
            f"Berkas {path.name} bukan lembar kerja Excel (.xlsx) atau CSV. Pilih berkas daftar "
            "peserta yang benar."
        )
    return "csv"


def _zip_kind(data: bytes, path: Path) -> str:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
            if "xl/workbook.xml" in names:
                # Before calamine ever sees it: a hostile sheet would abort the process.
                check_workbook(archive, path)
                return "xlsx"
    except (zipfile.BadZipFile, EOFError, ValueError, NotImplementedError):
        raise _damaged(path) from None
    raise ImportFileError(
        f"Berkas {path.name} bukan lembar kerja Excel (.xlsx); mungkin dokumen Word atau "
        f"lembar kerja program lain. {_SAVE_AS_XLSX}"
    )


def _looks_binary(data: bytes) -> bool:
    head = data[:4096]
    return b"\x00" in head or head.startswith((b"%PDF", b"\x89PNG", b"\xff\xd8\xff", b"GIF8"))


def _damaged(path: Path) -> ImportFileError:
    return ImportFileError(
        f"Berkas {path.name} rusak atau tidak lengkap sehingga tidak dapat dibaca. Minta "
        f"berkas aslinya lagi, atau buka di Excel dan simpan ulang sebagai .xlsx."
    )


# -- xlsx ------------------------------------------------------------------------


def _workbook(data: bytes, path: Path) -> python_calamine.CalamineWorkbook:
    try:
        return python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(data))
    except python_calamine.PasswordError:
        raise ImportFileError(
            f"Berkas {path.name} dilindungi kata sandi. Hapus kata sandinya di Excel, simpan, "
            "lalu impor lagi."
        ) from None
    except (python_calamine.CalamineError, ValueError, OSError):
        raise _damaged(path) from None
    except BaseException as error:
        raise _panic_or(error, path) from None


def _panic_or(error: BaseException, path: Path) -> BaseException:
    """A Rust panic inside calamine arrives as pyo3's PanicException, a BaseException:
    for the clerk it is a file calamine cannot read, not a reason to close the app."""
    if type(error).__name__ == "PanicException":
        return _damaged(path)
    return error


def _sheet_names(data: bytes, path: Path) -> tuple[str, ...]:
    workbook = _workbook(data, path)
    try:
        sheets = [
            m.name
            for m in workbook.sheets_metadata
            if m.typ == python_calamine.SheetTypeEnum.WorkSheet
            and m.visible == python_calamine.SheetVisibleEnum.Visible
        ]
    finally:
        workbook.close()
    if not sheets:
        raise ImportFileError(f"Berkas {path.name} tidak berisi lembar kerja yang dapat dibaca.")
    return tuple(sheets)


def _read_sheet(raw: RawFile, name: str | None) -> RawSheet:
    if raw.kind == "csv":
        return RawSheet(_csv_grid(raw._data, raw.path))
    sheet_name = name or raw.sheet_names[0]
    if sheet_name not in raw.sheet_names:
        raise ImportFileError(
            f'Lembar "{sheet_name}" tidak ada di berkas {raw.path.name}. Lembar yang ada: '
            + ", ".join(f'"{n}"' for n in raw.sheet_names)
            + "."
        )
    workbook = _workbook(raw._data, raw.path)
    try:
        sheet = workbook.get_sheet_by_name(sheet_name)
        # Not skipping empty rows keeps grid index + 1 equal to Excel's row number.
        grid = sheet.to_python(skip_empty_area=False)
        merged = list(sheet.merged_cell_ranges or [])
    except (python_calamine.CalamineError, ValueError):
        raise _damaged(raw.path) from None
    except BaseException as error:
        raise _panic_or(error, raw.path) from None
    finally:
        workbook.close()
    return RawSheet(grid, merged)


# -- csv -------------------------------------------------------------------------


def _decode(data: bytes) -> str:
    # utf-8-sig also reads UTF-8 without a BOM; Excel "CSV (Comma delimited)" on
    # an Indonesian Windows writes Windows-1252.
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def _csv_grid(data: bytes, path: Path) -> list[list[Any]]:
    text = _decode(data)
    delimiter = _delimiter(text)
    try:
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
        # One row past the limit is enough to refuse; the rest is never built.
        rows = list(islice(reader, MAX_ROWS + 1))
    except csv.Error:
        raise _damaged(path) from None
    width = max((len(r) for r in rows), default=0)
    check_grid_size(path, len(rows), width)
    if width < 2:
        raise ImportFileError(
            f"Berkas {path.name} tidak berbentuk tabel (kolom dipisah koma atau titik koma). "
            f"{_SAVE_AS_XLSX}"
        )
    return [[cell.strip() for cell in row] + [""] * (width - len(row)) for row in rows]


def _delimiter(text: str) -> str:
    """The separator that splits most lines into the same, largest number of fields."""
    lines = [line for line in text.splitlines()[:_SNIFF_LINES] if line.strip()]
    best, best_score = ",", (0, 0)
    for delimiter in _CSV_DELIMITERS:
        widths = [len(r) for r in csv.reader(lines, delimiter=delimiter)]
        common = Counter(w for w in widths if w > 1).most_common(1)
        if not common:
            continue
        width, lines_with_it = common[0]
        score = (lines_with_it, width)
        if score > best_score:
            best, best_score = delimiter, score
    return best
