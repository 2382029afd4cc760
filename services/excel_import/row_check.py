"""One spreadsheet row on its own: ignored, or the worker it describes and what is wrong.

Rows that are no workers (blank, "JUMLAH", the signature block under the
list, a repeated header, the "(1) (2) (3)" row) are ignored. Every other row
is normalised here and checked by the same rules as the form
(services.workers.validation), so an imported worker is one the form would
have accepted. Anything that needs the register (registered NIKs, twins) is
decided in classify.py.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

from models.enums import Gender
from models.text_keys import name_key, name_phonetic
from services.core.errors import Problem, Severity
from services.excel_import import headers as h
from services.excel_import.occupations import OccupationMatcher
from services.excel_import.types import ColumnMapping, ImportOptions
from services.excel_import.values import (
    as_text,
    is_blank,
    parse_date,
    parse_funding,
    parse_gender,
    phone_text,
    split_place_date,
    split_rt_rw,
)
from services.excel_import.villages import VillageMatcher
from services.workers import fields
from services.workers.nik import check_kk_number, decode_nik, normalize_nik
from services.workers.regions import RegionDirectory
from services.workers.types import WorkerInput
from services.workers.validation import validate_worker

_TOTAL = re.compile(r"^\s*(?:jumlah|total|sub\s*total|grand\s*total)\b", re.IGNORECASE)
_SIGNATURE = re.compile(
    r"^\s*(?:mengetahui|menyetujui|disahkan|dibuat oleh|diketahui|kepala desa|kepala dinas|"
    r"kepala kelurahan|lurah\b|camat\b|sekretaris desa|a\.?\s?n\.|ttd\b|tanda tangan|nip\b|"
    r"nip\.|petugas\b|pembuat daftar|ketua\b)",
    re.IGNORECASE,
)
# "Kefamenanu, 7 Juli 2025" / "Bokon, 07-07-2025": the place and date above a signature.
_PLACE_DATE = re.compile(r"^[A-Za-z][A-Za-z .'-]*,\s*\d{1,2}[\s\-/.]+\w+[\s\-/.]+\d{2,4}$")
_NUMBERING = re.compile(r"^\(?\d{1,2}\)?$")
_LONG_DIGITS = re.compile(r"\d{10,}")
_NIK_DIGITS = 16

# Worker columns an import can set, as they are named in the worker table.
WORKER_COLUMNS = fields.IMPORTED


@dataclass(slots=True)
class CheckedRow:
    index: int  # grid index; the Excel row is index + 1
    ignored: str | None = None  # why the row is no worker
    nik: str | None = None
    full_name: str | None = None
    kpj: str | None = None
    values: dict[str, Any] | None = None  # worker columns, when there is no error
    # Columns the row really gives: an update changes only these, never blanks them.
    given: frozenset[str] = frozenset()
    problems: list[Problem] = field(default_factory=list)

    @property
    def row(self) -> int:
        return self.index + 1

    @property
    def has_errors(self) -> bool:
        return any(p.is_error for p in self.problems)


@dataclass(slots=True)
class _Reading:
    """What the row's cells said, parsed; ``problems`` are this module's own findings."""

    problems: list[Problem] = field(default_factory=list)
    failed: set[str] = field(default_factory=set)  # worker fields with an own error
    given: set[str] = field(default_factory=set)


class RowChecker:
    def __init__(
        self,
        mapping: ColumnMapping,
        headers: tuple[str, ...],
        options: ImportOptions,
        regions: RegionDirectory,
        villages: VillageMatcher,
        occupations: OccupationMatcher,
        today: date,
    ) -> None:
        self._columns = dict(mapping.columns)
        self._header_keys = {c: h.header_key(headers[c]) for c in self._columns.values()}
        self._options = options
        self._regions = regions
        self._villages = villages
        self._occupations = occupations
        self._codes = set(occupations.ids)
        self.occupation_names = occupations.names
        self._today = today
        self._trailer = False  # below a total or signature row

    def check(self, index: int, row: list[Any], first: bool = False) -> CheckedRow:
        cells = {name: row[col] if col < len(row) else "" for name, col in self._columns.items()}
        ignored = self._ignored(cells, row, first)
        if ignored is not None:
            return CheckedRow(index, ignored=ignored, nik=as_text(cells.get(h.NIK)))
        return self._worker(index, cells)

    # -- rows that are no workers ---------------------------------------------------

    def _ignored(self, cells: dict[str, Any], row: list[Any], first: bool) -> str | None:
        # A row with something like a NIK is a worker, whatever else it holds.
        if _LONG_DIGITS.search(as_text(cells.get(h.NIK)) or ""):
            return None
        if not any(not is_blank(v) for v in cells.values()):
            return "Baris kosong."
        texts = [t for t in (as_text(v) for v in row) if t]
        if any(_TOTAL.match(t) for t in texts):
            self._trailer = True
            return "Baris jumlah/total, bukan data peserta."
        if any(_SIGNATURE.match(t) or _PLACE_DATE.match(t) for t in texts):
            self._trailer = True
            return "Bagian tanda tangan di bawah daftar, bukan data peserta."
        if self._trailer:
            return "Bagian penutup di bawah daftar (tanpa NIK), bukan data peserta."
        mapped = [as_text(v) for v in cells.values() if not is_blank(v)]
        if first and all(_NUMBERING.match(t or "") for t in mapped):
            return "Baris nomor kolom di bawah judul kolom."
        if all(h.header_key(cells[f]) == self._header_keys[c] for f, c in self._columns.items()):
            return "Judul kolom yang berulang."
        return None

    # -- a worker -------------------------------------------------------------------

    def _worker(self, index: int, cells: dict[str, Any]) -> CheckedRow:
        reading = _Reading()
        nik = self._nik(cells, reading)
        birth_place, birth_date = self._birth(cells, reading)
        gender = self._gender(cells, nik, reading)
        village = self._village(cells, reading)
        occupation = self._occupation(cells, reading)
        kk = self._kk(cells, nik, reading)
        rt, rw = self._rt_rw(cells, reading)
        data = WorkerInput(
            nik=nik or "",
            full_name=self._text(cells, h.FULL_NAME, reading, "full_name") or "",
            birth_date=birth_date,
            gender=gender,
            village_code=village.code if village else None,
            occupation_code=occupation,
            funding=self._funding(cells, reading),
            kk_number=kk,
            birth_place=birth_place,
            address=self._text(cells, h.ADDRESS, reading, "address"),
            rt=rt,
            rw=rw,
            phone=self._phone(cells, reading),
            kpj=self._text(cells, h.KPJ, reading, "kpj"),
            coverage_start=self._coverage_start(cells, reading),
        )
        cleaned = validate_worker(data, self._regions, self._codes, self._today)
        problems = reading.problems + [p for p in cleaned.problems if p.field not in reading.failed]
        problems.sort(key=lambda p: not p.is_error)
        result = CheckedRow(
            index,
            nik=nik or as_text(cells.get(h.NIK)),
            full_name=cleaned.data.full_name or None,
            kpj=cleaned.data.kpj,
            given=frozenset(reading.given),
            problems=problems,
        )
        if not result.has_errors:
            result.values = self._values(cleaned.data, village)
        return result

    def _values(self, data: WorkerInput, village: Any) -> dict[str, Any]:
        return {
            "nik": data.nik,
            "kk_number": data.kk_number,
            "full_name": data.full_name,
            "name_key": _name_key(data.full_name),
            "name_phonetic": name_phonetic(data.full_name),
            "birth_place": data.birth_place,
            "birth_date": data.birth_date,
            "gender": data.gender,
            "address": data.address,
            "rt": data.rt,
            "rw": data.rw,
            "village_code": village.code,
            "kecamatan_code": village.parent_code,
            "occupation_id": self._occupations.ids[data.occupation_code or ""],
            "phone": data.phone,
            "kpj": data.kpj,
            "funding": data.funding,
            "coverage_start": data.coverage_start,
        }

    def _text(self, cells: dict[str, Any], name: str, reading: _Reading, column: str) -> str | None:
        value = as_text(cells.get(name))
        if value is not None:
            reading.given.add(column)
        return value

    def _nik(self, cells: dict[str, Any], reading: _Reading) -> str | None:
        raw = cells.get(h.NIK)
        if raw.__class__ is str and len(raw) == _NIK_DIGITS and raw.isascii() and raw.isdigit():
            reading.given.add("nik")  # already clean: the common case, spared the rules
            return raw
        normalized = normalize_nik(raw)
        if normalized.has_errors:
            reading.problems += normalized.problems
            reading.failed.add("nik")
            return None
        reading.given.add("nik")
        return normalized.value

    def _birth(self, cells: dict[str, Any], reading: _Reading) -> tuple[str | None, date | None]:
        place = as_text(cells.get(h.BIRTH_PLACE))
        raw_date = cells.get(h.BIRTH_DATE)
        if h.BIRTH_PLACE_DATE in cells:
            joined_place, joined_date = split_place_date(
                cells[h.BIRTH_PLACE_DATE], self._today.year
            )
            place = place or joined_place
            raw_date = raw_date if not is_blank(raw_date) else joined_date
        if place:
            reading.given.add("birth_place")
        value, problem = parse_date(raw_date, "Tanggal lahir", self._today.year)
        if problem:
            reading.problems.append(Problem("birth_date_unreadable", "birth_date", problem))
            reading.failed.add("birth_date")
        elif value is not None:
            reading.given.add("birth_date")
        return place, value

    def _gender(self, cells: dict[str, Any], nik: str | None, reading: _Reading) -> Gender | None:
        value, problem = parse_gender(cells.get(h.GENDER))
        if problem:
            reading.problems.append(Problem("gender_unknown", "gender", problem))
            reading.failed.add("gender")
            return None
        if value is not None:
            reading.given.add("gender")
            return value
        parts = decode_nik(nik) if nik else None
        if parts is None:
            return None
        derived = Gender(parts.gender)
        text = f"Jenis kelamin kosong; diambil dari NIK ({derived.value})."
        reading.problems.append(Problem("gender_from_nik", "gender", text, Severity.WARNING))
        return derived

    def _village(self, cells: dict[str, Any], reading: _Reading) -> Any:
        match = self._villages.match(
            cells.get(h.VILLAGE), cells.get(h.KECAMATAN), cells.get(h.VILLAGE_CODE)
        )
        reading.problems += match.problems
        if match.village is None:
            reading.failed.add("village_code")
        else:
            reading.given.update(("village_code", "kecamatan_code"))
        return match.village

    def _occupation(self, cells: dict[str, Any], reading: _Reading) -> str:
        match = self._occupations.match(cells.get(h.OCCUPATION))
        if match.problem is not None:
            reading.problems.append(match.problem)
        else:
            # Only a recognised occupation replaces a registered one.
            reading.given.add("occupation_id")
        return match.code

    def _funding(self, cells: dict[str, Any], reading: _Reading) -> Any:
        value, problem = parse_funding(cells.get(h.FUNDING))
        if problem:
            reading.problems.append(Problem("funding_unknown", "funding", problem))
            reading.failed.add("funding")
            return self._options.default_funding
        if value is not None:
            reading.given.add("funding")
            return value
        return self._options.default_funding

    def _coverage_start(self, cells: dict[str, Any], reading: _Reading) -> date | None:
        value, problem = parse_date(
            cells.get(h.COVERAGE_START), "Mulai kepesertaan", self._today.year
        )
        if problem:
            reading.problems.append(Problem("coverage_unreadable", "coverage_start", problem))
            reading.failed.add("coverage_start")
            return None
        if value is not None:
            reading.given.add("coverage_start")
            return value
        return self._options.coverage_start

    def _kk(self, cells: dict[str, Any], nik: str | None, reading: _Reading) -> str | None:
        raw = cells.get(h.KK_NUMBER)
        if is_blank(raw):
            return None
        if not isinstance(raw, int | float):
            # Text is checked by validate_worker like a typed No. KK.
            reading.given.add("kk_number")
            return as_text(raw)
        checked = check_kk_number(raw, nik=nik)
        if checked.has_errors:
            reading.problems += [p for p in checked.problems if p.is_error]
            reading.failed.add("kk_number")
            return None
        reading.given.add("kk_number")
        return checked.value

    def _rt_rw(self, cells: dict[str, Any], reading: _Reading) -> tuple[str | None, str | None]:
        rt, rw = split_rt_rw(cells.get(h.RT_RW))
        rt = as_text(cells.get(h.RT)) or rt
        rw = as_text(cells.get(h.RW)) or rw
        reading.given.update(name for name, value in (("rt", rt), ("rw", rw)) if value)
        return rt, rw

    def _phone(self, cells: dict[str, Any], reading: _Reading) -> str | None:
        value = phone_text(cells.get(h.PHONE))
        if value is not None:
            reading.given.add("phone")
        return value


def _name_key(name: str) -> str:
    # Most names are plain ASCII, where folding accents changes nothing: spared per row.
    if name.isascii():
        return " ".join(name.lower().split())
    return name_key(name)


def without_values(row: CheckedRow, problem: Problem) -> CheckedRow:
    """The row refused for a reason found later (a duplicate, a registered KPJ)."""
    return replace(row, values=None, problems=[problem, *row.problems])
