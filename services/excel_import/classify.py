"""Every row of the file against the register: new, update, warning, rejected or ignored.

Runs inside the caller's transaction, so a commit writes exactly what it
classified. The register is read in chunks by NIK, KPJ and name, never whole.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from models import Occupation, RegionCodeChange, TwinReview, Worker
from models.enums import OnExisting, TwinDecision
from services.core.errors import Problem
from services.core.office_time import office_today
from services.core.permissions import Principal
from services.core.progress import Cancel, Progress
from services.excel_import.bulk import CHUNK, check_cancel, chunks, member_of
from services.excel_import.occupations import OccupationMatcher
from services.excel_import.row_check import WORKER_COLUMNS, CheckedRow, RowChecker, without_values
from services.excel_import.types import (
    ColumnMapping,
    FieldChange,
    ImportOptions,
    RowResult,
    RowStatus,
    SourceTable,
)
from services.excel_import.update_diff import change_list
from services.excel_import.villages import CodeChange, VillageMatcher
from services.workers.occupations import OccupationItem
from services.workers.regions import RegionDirectory

STAGE_CHECK = "Memeriksa baris"
_EXISTING_COLUMNS = ("id", "version", *WORKER_COLUMNS)


@dataclass(frozen=True, slots=True)
class PlannedUpdate:
    row: int
    worker_id: int
    version: int
    nik: str
    label: str
    new: dict[str, Any]  # only the columns that change
    old: dict[str, Any]


@dataclass(frozen=True, slots=True)
class PlannedTwin:
    nik: str
    other_nik: str
    full_name: str
    birth_date: date
    village_code: str


@dataclass(slots=True)
class Plan:
    # The office's day the rows were checked against (no birth or start after it).
    day: date
    results: list[RowResult] = field(default_factory=list)
    inserts: list[tuple[int, dict[str, Any]]] = field(default_factory=list)
    updates: list[PlannedUpdate] = field(default_factory=list)
    twins: list[PlannedTwin] = field(default_factory=list)

    @property
    def to_write(self) -> int:
        return len(self.inserts) + len(self.updates)


def classify(
    session: Session,
    source: SourceTable,
    mapping: ColumnMapping,
    options: ImportOptions,
    principal: Principal | None,
    regions: RegionDirectory,
    progress: Progress | None = None,
    cancel: Cancel | None = None,
    today: date | None = None,
) -> Plan:
    today = today or office_today(session)
    checker = _checker(session, source, mapping, options, regions, today)
    key = (
        source.header_row,
        source.data_start,
        tuple(sorted(mapping.columns.items())),
        options,
        today,
        regions.kabupaten_code,
        tuple(sorted(checker.occupation_names.items())),
    )
    rows = source.checked.get(key)
    if rows is None:
        rows = _check_rows(checker, source, progress, cancel)
        # One entry only: a corrected mapping replaces what the old one found.
        source.checked.clear()
        source.checked[key] = rows
    elif progress is not None:
        progress(STAGE_CHECK, len(rows), len(rows))
    plan = _Classifier(
        session, options, principal, regions, checker.occupation_names, list(rows), today
    ).plan()
    return plan


def _checker(
    session: Session,
    source: SourceTable,
    mapping: ColumnMapping,
    options: ImportOptions,
    regions: RegionDirectory,
    today: date,
) -> RowChecker:
    occupations = [
        OccupationItem(*row)
        for row in session.execute(select(Occupation.id, Occupation.code, Occupation.name))
    ]
    changes = [
        CodeChange(*row)
        for row in session.execute(
            select(RegionCodeChange.old_code, RegionCodeChange.old_name, RegionCodeChange.new_code)
        )
    ]
    return RowChecker(
        mapping,
        source.headers,
        options,
        regions,
        VillageMatcher(regions, changes),
        OccupationMatcher(occupations),
        today,
    )


def _check_rows(
    checker: RowChecker, source: SourceTable, progress: Progress | None, cancel: Cancel | None
) -> list[CheckedRow]:
    grid = source.grid
    total = max(0, len(grid) - source.data_start)
    checked = []
    for done, index in enumerate(range(source.data_start, len(grid))):
        if done % CHUNK == 0:
            check_cancel(cancel)
            if progress is not None:
                progress(STAGE_CHECK, done, total)
        checked.append(checker.check(index, grid[index], first=index == source.data_start))
    if progress is not None:
        progress(STAGE_CHECK, total, total)
    return checked


class _Classifier:
    def __init__(
        self,
        session: Session,
        options: ImportOptions,
        principal: Principal | None,
        regions: RegionDirectory,
        occupation_names: dict[int, str],
        rows: list[CheckedRow],
        today: date,
    ) -> None:
        self._occupation_names = occupation_names
        self._session = session
        self._options = options
        self._principal = principal
        self._regions = regions
        self._rows = rows
        self._plan = Plan(today)
        self._notes: dict[int, list[str]] = {}
        self._twin_of: dict[int, str] = {}

    def plan(self) -> Plan:
        self._refuse_repeats("nik", "NIK")
        self._refuse_repeats("kpj", "No. KPJ")
        existing = self._existing_by_nik()
        self._refuse_taken_kpj()
        self._refuse_out_of_scope(existing)
        self._find_twins(existing)
        for position, row in enumerate(self._rows):
            registered = existing.get(row.nik or "") if row.values is not None else None
            self._plan.results.append(self._result(position, row, registered))
        return self._plan

    # -- refusals -------------------------------------------------------------------

    def _refuse_repeats(self, attribute: str, label: str) -> None:
        first: dict[str, int] = {}
        for position, row in enumerate(self._rows):
            value = getattr(row, attribute)
            if row.ignored is not None or not value:
                continue
            if value not in first:
                first[value] = row.row
                continue
            text = (
                f"{label} {value} sudah ada di baris {first[value]} berkas ini; baris ini ditolak."
            )
            self._rows[position] = without_values(
                row, Problem(f"{attribute}_repeated", attribute, text)
            )

    def _existing_by_nik(self) -> dict[str, Any]:
        niks = [r.nik for r in self._rows if r.values is not None and r.nik]
        columns = [Worker.__table__.c[name] for name in _EXISTING_COLUMNS]
        found: dict[str, Any] = {}
        for part in chunks(niks):
            for row in self._session.execute(
                select(*columns).where(member_of(Worker.nik, part, self._session))
            ):
                found[row.nik] = row
        return found

    def _refuse_taken_kpj(self) -> None:
        wanted = {r.kpj: i for i, r in enumerate(self._rows) if r.values is not None and r.kpj}
        table = Worker.__table__
        for part in chunks(list(wanted)):
            statement = select(table.c.kpj, table.c.nik, table.c.full_name).where(
                member_of(table.c.kpj, part, self._session)
            )
            for kpj, nik, name in self._session.execute(statement):
                position = wanted[kpj]
                row = self._rows[position]
                if nik == row.nik:
                    continue
                text = f"No. KPJ {kpj} sudah terdaftar atas nama {name} (NIK {nik})."
                self._rows[position] = without_values(row, Problem("kpj_taken", "kpj", text))

    def _refuse_out_of_scope(self, existing: dict[str, Any]) -> None:
        principal = self._principal
        if principal is None or not principal.kecamatan_codes:
            return
        allowed = ", ".join(self._regions.name(c) for c in sorted(principal.kecamatan_codes))
        for position, row in enumerate(self._rows):
            if row.values is None:
                continue
            registered = existing.get(row.nik or "")
            codes = [row.values["kecamatan_code"]]
            codes += [registered.kecamatan_code] if registered is not None else []
            outside = [c for c in codes if not principal.sees_kecamatan(c)]
            if outside:
                text = (
                    f"Akun Anda hanya untuk Kecamatan {allowed}; peserta ini di Kecamatan "
                    f"{self._regions.name(outside[0])}."
                )
                problem = Problem("village_out_of_scope", "village_code", text)
                self._rows[position] = without_values(row, problem)

    # -- twins ----------------------------------------------------------------------

    def _find_twins(self, existing: dict[str, Any]) -> None:
        accepted = [
            (i, r, r.values)
            for i, r in enumerate(self._rows)
            if r.values is not None and r.nik not in existing
        ]
        different = self._decided_different()
        registered = self._registered_by_key({v["name_key"] for _, _, v in accepted})
        seen: dict[tuple[Any, ...], CheckedRow] = {}
        for position, row, values in accepted:
            key = _twin_key(values)
            other = registered.get(key)
            where = "sudah terdaftar"
            if other is None or other.nik == row.nik:
                other, where = seen.get(key), ""
                if other is not None:
                    where = f"baris {other.row} berkas ini"
            seen.setdefault(key, row)
            if other is None or frozenset((row.nik, other.nik)) in different:
                continue
            self._mark_twin(position, row, other.nik or "", other.full_name or "", where)

    def _mark_twin(
        self, position: int, row: CheckedRow, other_nik: str, name: str, where: str
    ) -> None:
        values = row.values or {}
        self._twin_of[position] = other_nik
        self._notes.setdefault(position, []).append(
            f"Kemungkinan orang yang sama dengan NIK {other_nik} ({name}, {where}): nama, "
            "tanggal lahir dan desa sama. Pasangan ini dicatat di daftar periksa data kembar."
        )
        self._plan.twins.append(
            PlannedTwin(
                row.nik or "",
                other_nik,
                values["full_name"],
                values["birth_date"],
                values["village_code"],
            )
        )

    def _registered_by_key(self, keys: set[str]) -> dict[tuple[Any, ...], Any]:
        table = Worker.__table__
        columns = (
            table.c.nik,
            table.c.full_name,
            table.c.name_key,
            table.c.birth_date,
            table.c.village_code,
        )
        found: dict[tuple[Any, ...], Any] = {}
        for part in chunks(sorted(keys)):
            for row in self._session.execute(
                select(*columns).where(member_of(table.c.name_key, part, self._session))
            ):
                found.setdefault((row.name_key, row.birth_date, row.village_code), row)
        return found

    def _decided_different(self) -> set[frozenset[str]]:
        statement = select(TwinReview.worker_nik, TwinReview.other_nik).where(
            TwinReview.status == TwinDecision.DIFFERENT
        )
        return {frozenset(pair) for pair in self._session.execute(statement)}

    # -- the verdict ----------------------------------------------------------------

    def _result(self, position: int, row: CheckedRow, registered: Any) -> RowResult:
        texts = [p.text for p in row.problems]
        if row.ignored is not None:
            return self._make(row, RowStatus.IGNORED, [row.ignored])
        if row.values is None:
            return self._make(row, RowStatus.REJECTED, texts)
        if registered is not None:
            return self._update(row, registered, texts)
        notes = self._notes.get(position, [])
        status = RowStatus.WARNING if texts or notes else RowStatus.NEW
        self._plan.inserts.append((row.row, row.values))
        return self._make(row, status, texts + notes, twin=self._twin_of.get(position))

    def _update(self, row: CheckedRow, registered: Any, texts: list[str]) -> RowResult:
        changes = change_list(row, registered, self._regions, self._occupation_names)
        label = f"{registered.full_name} (NIK {registered.nik})"
        if not changes:
            note = (
                f"NIK sudah terdaftar atas nama {registered.full_name}; datanya sama, tidak diubah."
            )
        elif self._options.on_existing is OnExisting.SKIP:
            note = (
                f"NIK sudah terdaftar atas nama {registered.full_name}; dilewati "
                "(pilihan: lewati). Yang berbeda: " + "; ".join(c.text for c in changes) + "."
            )
        else:
            note = (
                f"NIK sudah terdaftar atas nama {registered.full_name}; akan diperbarui: "
                + "; ".join(c.text for c in changes)
                + "."
            )
            new = {c.field: (row.values or {})[c.field] for c in changes}
            new |= _followers(new, row.values or {})
            self._plan.updates.append(
                PlannedUpdate(
                    row.row,
                    registered.id,
                    registered.version,
                    registered.nik,
                    label,
                    new,
                    {name: getattr(registered, name) for name in new},
                )
            )
        return self._make(
            row, RowStatus.UPDATE, [note, *texts], changes=changes, worker_id=registered.id
        )

    def _make(
        self,
        row: CheckedRow,
        status: RowStatus,
        messages: Iterable[str],
        changes: list[FieldChange] | None = None,
        worker_id: int | None = None,
        twin: str | None = None,
    ) -> RowResult:
        return RowResult(
            row=row.row,
            status=status,
            nik=row.nik,
            full_name=row.full_name,
            messages=tuple(messages),
            changes=tuple(changes or ()),
            worker_id=worker_id,
            twin_nik=twin,
            grid_index=row.index,
        )


def _twin_key(values: dict[str, Any]) -> tuple[Any, ...]:
    return (values["name_key"], values["birth_date"], values["village_code"])


def _followers(new: dict[str, Any], values: dict[str, Any]) -> dict[str, Any]:
    """Columns stored beside a changed one: the name's search key, the village's kecamatan."""
    extra = {}
    if "full_name" in new:
        extra["name_key"] = values["name_key"]
        extra["name_phonetic"] = values["name_phonetic"]
    if "village_code" in new:
        extra["kecamatan_code"] = values["kecamatan_code"]
    return extra
