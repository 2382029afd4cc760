"""A clerk's file as a table: the chosen sheet, its header row and a first column mapping."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from services.excel_import.headers import find_header, header_at, suggest_mapping
from services.excel_import.reading import RawFile, RawSheet, open_file
from services.excel_import.types import ImportFileError, SourceTable


def read_import_file(path: Path | str, sheet: str | None = None) -> SourceTable:
    """Read the file and find its list; raises ImportFileError (nothing changed) if it can't.

    Without ``sheet``, the first visible sheet that has a recognisable header is used.
    """
    path = Path(path)
    raw = open_file(path)
    name, data = _choose_sheet(raw, sheet)
    guess = find_header(data.grid, data.merged)
    if guess is None:
        raise ImportFileError(_no_header_message(path, name))
    return SourceTable(
        path=path,
        file_name=path.name,
        sha256=raw.sha256,
        kind=raw.kind,
        sheet_name=name,
        sheet_names=raw.sheet_names,
        grid=data.grid,
        header_row=guess.header_row,
        data_start=guess.data_start,
        headers=_padded(guess.headers, data.grid),
        suggested=suggest_mapping(guess.headers),
        merged=tuple(data.merged),
    )


def with_header_row(source: SourceTable, row: int) -> SourceTable:
    """The same sheet with the header the clerk pointed at (0-based grid index)."""
    if not 0 <= row < len(source.grid):
        raise ImportFileError(f"Baris {row + 1} tidak ada di lembar ini.")
    guess = header_at(source.grid, list(source.merged), row)
    return replace(
        source,
        header_row=guess.header_row,
        data_start=guess.data_start,
        headers=_padded(guess.headers, source.grid),
        suggested=suggest_mapping(guess.headers),
    )


def _choose_sheet(raw: RawFile, sheet: str | None) -> tuple[str | None, RawSheet]:
    if raw.kind == "csv" or sheet is not None:
        return sheet if raw.kind != "csv" else None, raw.sheet(sheet)
    for name in raw.sheet_names:
        data = raw.sheet(name)
        if find_header(data.grid, data.merged) is not None:
            return name, data
    first = raw.sheet_names[0]
    return first, raw.sheet(first)


def _padded(headers: tuple[str, ...], grid: list[list[object]]) -> tuple[str, ...]:
    width = max((len(r) for r in grid), default=0)
    return tuple(headers) + ("",) * (width - len(headers))


def _no_header_message(path: Path, sheet: str | None) -> str:
    where = f'lembar "{sheet}" berkas {path.name}' if sheet else f"berkas {path.name}"
    return (
        f"Judul kolom daftar peserta tidak ditemukan di {where} (dicari di 30 baris pertama). "
        "Pastikan ada baris judul kolom dengan NIK dan Nama, misalnya: NIK, Nama Lengkap, "
        "Tgl Lahir, L/P, Desa, Kecamatan, Pekerjaan."
    )
