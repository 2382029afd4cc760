"""Finding the header row of a clerk's list and telling which column holds what.

Village lists start anywhere: row 1, or row 7 below a kop with the title, the
village and the year, often with merged cells and a two-row header ("Tempat,
Tgl Lahir" over "Tempat" and "Tgl"). The header is the row, among the first
rows, whose cells name the most known fields; a row right below it that names
fields too is its sub-header.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass
from typing import Any

from services.excel_import.reading import Merged
from services.excel_import.types import ColumnMapping

HEADER_SEARCH_ROWS = 30

# Field names of the importer; the GUI shows FIELD_LABELS next to each column.
NIK = "nik"
FULL_NAME = "full_name"
BIRTH_PLACE = "birth_place"
BIRTH_DATE = "birth_date"
BIRTH_PLACE_DATE = "birth_place_date"
GENDER = "gender"
ADDRESS = "address"
RT = "rt"
RW = "rw"
RT_RW = "rt_rw"
VILLAGE = "village"
VILLAGE_CODE = "village_code"
KECAMATAN = "kecamatan"
OCCUPATION = "occupation"
PHONE = "phone"
KK_NUMBER = "kk_number"
KPJ = "kpj"
FUNDING = "funding"
COVERAGE_START = "coverage_start"

FIELD_LABELS: dict[str, str] = {
    NIK: "NIK",
    FULL_NAME: "Nama lengkap",
    BIRTH_PLACE: "Tempat lahir",
    BIRTH_DATE: "Tanggal lahir",
    BIRTH_PLACE_DATE: "Tempat, tanggal lahir",
    GENDER: "Jenis kelamin",
    ADDRESS: "Alamat",
    RT: "RT",
    RW: "RW",
    RT_RW: "RT/RW",
    VILLAGE: "Desa/Kelurahan",
    VILLAGE_CODE: "Kode desa",
    KECAMATAN: "Kecamatan",
    OCCUPATION: "Pekerjaan",
    PHONE: "No. HP",
    KK_NUMBER: "No. KK",
    KPJ: "No. KPJ",
    FUNDING: "Sumber dana",
    COVERAGE_START: "Mulai kepesertaan",
}

# Header texts as folded by header_key(): lower case, letters and digits only.
_ALIASES: dict[str, tuple[str, ...]] = {
    NIK: (
        "nik",
        "no nik",
        "nomor nik",
        "nik ktp",
        "no ktp",
        "nomor ktp",
        "no nik ktp",
        "nik e ktp",
        "nik peserta",
        "no induk kependudukan",
        "nomor induk kependudukan",
    ),
    FULL_NAME: (
        "nama",
        "nama lengkap",
        "nama peserta",
        "nama pekerja",
        "nama tenaga kerja",
        "nama sesuai ktp",
        "nama lengkap sesuai ktp",
        "nama lengkap peserta",
    ),
    BIRTH_PLACE: ("tempat lahir", "tmp lahir", "tpt lahir", "tmpt lahir", "tempat"),
    BIRTH_DATE: (
        "tanggal lahir",
        "tgl lahir",
        "tgl lhr",
        "tanggal lhr",
        "tgl",
        "tanggal",
        "tgl lahir dd mm yyyy",
        "tanggal lahir dd mm yyyy",
    ),
    BIRTH_PLACE_DATE: (
        "tempat tanggal lahir",
        "tempat tgl lahir",
        "tempat dan tanggal lahir",
        "tmp tgl lahir",
        "tempat tgl lhr",
        "ttl",
    ),
    GENDER: (
        "l p",
        "lp",
        "jk",
        "j k",
        "jenis kelamin",
        "jns kelamin",
        "jenis kelamin l p",
        "kelamin",
        "gender",
    ),
    ADDRESS: ("alamat", "alamat lengkap", "alamat rumah", "alamat sesuai ktp", "dusun", "jalan"),
    RT: ("rt",),
    RW: ("rw",),
    RT_RW: ("rt rw", "rt dan rw"),
    VILLAGE: (
        "desa",
        "kelurahan",
        "desa kel",
        "desa kelurahan",
        "kel desa",
        "kelurahan desa",
        "nama desa",
        "nama desa kelurahan",
        "desa kel domisili",
    ),
    VILLAGE_CODE: (
        "kode desa",
        "kode wilayah",
        "kode desa kel",
        "kode kelurahan",
        "kode desa kelurahan",
    ),
    KECAMATAN: ("kec", "kecamatan", "nama kecamatan"),
    OCCUPATION: ("pekerjaan", "jenis pekerjaan", "pekerjaan utama", "profesi", "mata pencaharian"),
    PHONE: (
        "no hp",
        "nomor hp",
        "hp",
        "no hp wa",
        "no wa",
        "telepon",
        "no telepon",
        "nomor telepon",
        "telp",
        "no telp",
        "no handphone",
        "handphone",
    ),
    KK_NUMBER: ("no kk", "nomor kk", "kk", "no kartu keluarga", "nomor kartu keluarga"),
    KPJ: ("no kpj", "nomor kpj", "kpj", "no peserta bpjs", "nomor peserta bpjs", "no kartu bpjs"),
    FUNDING: ("sumber dana", "sumber pendanaan", "sumber anggaran", "pembiayaan", "dana"),
    COVERAGE_START: (
        "tanggal mulai kepesertaan",
        "tgl mulai kepesertaan",
        "mulai kepesertaan",
        "tanggal kepesertaan",
        "tgl kepesertaan",
        "tmt",
        "tmt kepesertaan",
    ),
}
_BY_KEY = {alias: name for name, aliases in _ALIASES.items() for alias in aliases}
# Words that decorate a header without changing what it holds ("NIK Peserta", "Nama (sesuai KTP)").
_FILLER = {"peserta", "pekerja", "sesuai", "ktp", "yang", "bersangkutan"}
_NOT_ALNUM = re.compile(r"[^0-9a-z]+")
# A row under the header numbering the columns: "1 2 3 ..." or "(1) (2) (3) ...".
_COLUMN_NUMBER = re.compile(r"^\(?\d{1,2}\)?$")

REQUIRED_FIELDS = (NIK, FULL_NAME)


def header_key(value: Any) -> str:
    text = unicodedata.normalize("NFKD", str(value)).casefold()
    return " ".join(_NOT_ALNUM.sub(" ", text).split())


def field_of(label: str) -> str | None:
    """The field a header text names, or None."""
    key = header_key(label)
    if not key:
        return None
    found = _BY_KEY.get(key)
    if found is None:
        trimmed = " ".join(w for w in key.split() if w not in _FILLER)
        found = _BY_KEY.get(trimmed)
    return found


@dataclass(frozen=True, slots=True)
class HeaderGuess:
    header_row: int
    data_start: int
    headers: tuple[str, ...]


def find_header(grid: list[list[Any]], merged: list[Merged]) -> HeaderGuess | None:
    """The most likely header among the first rows, or None when no row names a field."""
    best_row, best_score = -1, 1
    for index in range(min(len(grid), HEADER_SEARCH_ROWS)):
        fields = {field_of(v) for v in _filled(grid, index, merged)}
        fields.discard(None)
        # Needs NIK or name: a kop that says "Desa ... Kecamatan ..." is not a header.
        if not fields & set(REQUIRED_FIELDS):
            continue
        if len(fields) > best_score:
            best_row, best_score = index, len(fields)
    if best_row < 0:
        return None
    return header_at(grid, merged, best_row)


def header_at(grid: list[list[Any]], merged: list[Merged], row: int) -> HeaderGuess:
    """Labels for a header at ``row`` (chosen by find_header or by the clerk)."""
    top = _filled(grid, row, merged)
    if row + 1 >= len(grid) or not _is_sub_header(
        top, grid[row + 1], _filled(grid, row + 1, merged)
    ):
        return HeaderGuess(row, row + 1, tuple(top))
    below = _filled(grid, row + 1, merged)
    return HeaderGuess(row, row + 2, tuple(_combine(t, b) for t, b in zip(top, below, strict=True)))


def _is_sub_header(top: list[str], raw_below: list[Any], below: list[str]) -> bool:
    """The row below names fields where the header above spans several columns or is blank.

    Data never passes: it holds numbers, dates or words that name no field.
    """
    if any(not isinstance(v, str) for v in raw_below):
        return False
    names_one = False
    for index, (upper, lower) in enumerate(zip(top, below, strict=True)):
        if not lower or lower == upper or _COLUMN_NUMBER.match(lower):
            continue
        if field_of(lower) is not None:
            names_one = True
        elif not _spans(top, index):
            return False
    return names_one


def _spans(top: list[str], index: int) -> bool:
    """Whether the header cell over ``index`` covers more than one column (merged)."""
    text = top[index]
    if not text:
        return True
    left = index > 0 and top[index - 1] == text
    right = index + 1 < len(top) and top[index + 1] == text
    return left or right


def _combine(upper: str, lower: str) -> str:
    if not lower or lower == upper or _COLUMN_NUMBER.match(lower):
        return upper
    if field_of(lower) is not None:
        return lower
    joined = f"{upper} {lower}".strip()
    return joined if field_of(joined) is not None or field_of(upper) is None else upper


def _filled(grid: list[list[Any]], index: int, merged: list[Merged]) -> list[str]:
    """Row ``index`` as text, each merged range's value repeated over the cells it covers."""
    values = [_text(v) for v in grid[index]]
    for (r1, c1), (r2, c2) in merged:
        if r1 <= index <= r2 and c1 < len(grid[r1]):
            origin = _text(grid[r1][c1])
            for col in range(c1, min(c2, len(values) - 1) + 1):
                values[col] = origin
    return values


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return " ".join(str(value).split())


def suggest_mapping(headers: tuple[str, ...]) -> ColumnMapping:
    """Each field to the first column whose header names it."""
    columns: dict[str, int] = {}
    for index, label in enumerate(headers):
        name = field_of(label)
        if name is not None and name not in columns:
            columns[name] = index
    return ColumnMapping(columns)


def signature(headers: tuple[str, ...]) -> str:
    """Same headers in the same order, same signature: the key of a remembered mapping."""
    joined = "\x1f".join(header_key(h) for h in headers).rstrip("\x1f")
    return hashlib.sha256(joined.encode("utf-8")).hexdigest()


def mapping_problems(mapping: ColumnMapping, width: int) -> list[str]:
    """What keeps a mapping from being used, in words for the clerk."""
    problems = []
    columns = mapping.columns
    for name, column in columns.items():
        if name not in FIELD_LABELS:
            problems.append(f"Isian '{name}' tidak dikenal.")
        elif not 0 <= column < width:
            problems.append(f"Kolom untuk {FIELD_LABELS[name]} tidak ada di lembar ini.")
    if NIK not in columns:
        problems.append("Pilih kolom yang berisi NIK.")
    if FULL_NAME not in columns:
        problems.append("Pilih kolom yang berisi nama lengkap.")
    if BIRTH_DATE not in columns and BIRTH_PLACE_DATE not in columns:
        problems.append("Pilih kolom yang berisi tanggal lahir.")
    if VILLAGE not in columns and VILLAGE_CODE not in columns:
        problems.append("Pilih kolom yang berisi desa/kelurahan.")
    used = list(columns.values())
    if len(used) != len(set(used)):
        problems.append("Satu kolom dipilih untuk dua isian; setiap kolom hanya untuk satu isian.")
    return problems
