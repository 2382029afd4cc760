"""Exporting the worker list to .xlsx: the list as filtered on screen, BPJS's collective
registration list, one list per village for the village heads, and the recap, which is
report 1 counted over the list's filters (recap.py).

Rows are read through the clerk's scope (services.workers.search.Scope): a clerk
limited to some kecamatan exports only those, and a role that sees NIKs masked
exports them masked. Every export is recorded in the audit trail with its
filter and row count; the file appears only once that record is written.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from sqlalchemy import ColumnElement, and_, func, select
from sqlalchemy.orm import Session

import services.workers.search as worker_search
from models.enums import ExportFormat
from services import coverage_history
from services.audit.trail import Action, record_event
from services.core.context import ServiceContext
from services.core.file_output import atomic_path, check_target, save_workbook
from services.core.office_time import office_today_of
from services.core.permissions import Permission, Principal
from services.core.progress import Cancel, Progress, check_cancel
from services.core.unit_of_work import read_session, unit_of_work
from services.documents.rates import paid_funding_sources
from services.excel_export import columns as cols
from services.excel_export.recap import ListRecapInputs
from services.excel_export.sheets import write_table
from services.premiums.computation import scope_note
from services.reports.recap import build_recap
from services.reports.xlsx import sheet_title, write_xlsx
from services.settings.catalog import where
from services.settings.store import SettingsService
from services.text.formatting import long_date
from services.text.labels import FUNDING, WORKER_STATUS
from services.workers import fields
from services.workers.occupations import list_occupations
from services.workers.regions import RegionDirectory
from services.workers.types import WorkerQuery

# (stage, done, total), as for imports.
STAGE_WRITE = "Menulis berkas"

_ROW_COLUMNS = fields.EXPORTED


FORMAT_LABELS = {
    ExportFormat.LIST: "daftar peserta",
    ExportFormat.BPJS: "daftar pendaftaran kolektif BPJS",
    ExportFormat.VILLAGE: "daftar per desa",
    ExportFormat.RECAP: "rekap per kecamatan dan desa",
}


CANCELLED = "Ekspor dibatalkan; berkas tidak dibuat."


@dataclass(frozen=True, slots=True)
class ExportResult:
    path: Path
    format: ExportFormat
    rows: int  # workers exported (for the recap: workers counted)
    sheets: int  # the recap has two, per kecamatan and per village


def export_workers(
    ctx: ServiceContext,
    path: Path | str,
    query: WorkerQuery | None = None,
    fmt: ExportFormat = ExportFormat.LIST,
    *,
    progress: Progress | None = None,
    cancel: Cancel | None = None,
    today: date | None = None,
    started: tuple[date, date] | None = None,
) -> ExportResult:
    """Write the export to ``path`` (.xlsx) and record it in the audit trail. The BPJS
    registration list names who needs registering on the day (whose period began in
    ``started``, when given): the same workers as the surat pengantar pendaftaran."""
    principal = ctx.require(Permission.EXPORT)
    return write_export(
        ctx, principal, Path(path), query or WorkerQuery(), fmt, progress, cancel, today, started
    )


def write_export(
    ctx: ServiceContext,
    principal: Principal | None,
    path: Path,
    query: WorkerQuery,
    fmt: ExportFormat,
    progress: Progress | None = None,
    cancel: Cancel | None = None,
    today: date | None = None,
    started: tuple[date, date] | None = None,
) -> ExportResult:
    """The export as ``principal`` may see it; export_workers checks the permission first."""
    fmt = ExportFormat(fmt)
    day = today or office_today_of(ctx)
    writer = _Writer(ctx, principal, query, fmt, day, progress, cancel, started)
    check_target(path)  # a folder, a device or a missing folder is refused before the work
    with atomic_path(path) as scratch:
        rows, sheets = writer.write(scratch)
        with unit_of_work(ctx) as session:
            record_event(
                session,
                Action.EXPORT,
                "worker",
                None,
                f"Ekspor {FORMAT_LABELS[fmt]} ({rows} peserta) ke {path.name}"[:300],
                {
                    "format": fmt.value,
                    "filter": _filter_dict(query),
                    "rows": rows,
                    "file": path.name,
                },
            )
    return ExportResult(path, fmt, rows, sheets)


def _filter_dict(query: WorkerQuery) -> dict[str, Any]:
    values = {
        "text": query.text or None,
        "kecamatan_code": query.kecamatan_code,
        "village_code": query.village_code,
        "status": query.status.value if query.status else None,
        "funding": query.funding.value if query.funding else None,
        "occupation_code": query.occupation_code,
    }
    return {k: v for k, v in values.items() if v}


class _Writer:
    def __init__(
        self,
        ctx: ServiceContext,
        principal: Principal | None,
        query: WorkerQuery,
        fmt: ExportFormat,
        today: date,
        progress: Progress | None,
        cancel: Cancel | None,
        started: tuple[date, date] | None = None,
    ) -> None:
        self._ctx = ctx
        self._started = started
        self._scope = worker_search.Scope.of(principal)
        self._query = query
        self._fmt = fmt
        self._today = today
        self._progress = progress
        self._cancel = cancel
        self._row_total = 0
        self._regions = RegionDirectory(ctx)
        occupations = list_occupations(ctx)
        self._occupations = [(o.id, o.name) for o in occupations]
        self._occupation_names = {o.code: o.name for o in occupations}
        self._settings = SettingsService(ctx).get_all()
        names = {k.code: k.name for k in self._regions.kecamatan()}
        names |= {v.code: v.name for v in self._regions.villages()}
        self._lookups = cols.Lookups(
            names,
            dict(self._occupations),
            self._settings[cols.BPJS_PROGRAM_KEY],
        )

    def write(self, path: Path) -> tuple[int, int]:
        if self._fmt is ExportFormat.RECAP:
            return self._recap(path)
        workbook = Workbook(write_only=True)
        try:
            with read_session(self._ctx) as session:
                rows = self._rows(session, self._conditions(session))
            self._row_total = len(rows)
            sheets = self._lists(workbook, rows)
            self._check_cancel()
        except BaseException:
            _discard(workbook)
            raise
        save_workbook(workbook, path)
        return len(rows), sheets

    # -- reading ----------------------------------------------------------------------

    def _conditions(self, session: Session) -> list[ColumnElement[bool]]:
        query = self._query
        if self._fmt is ExportFormat.BPJS:
            # Covered on the day, and a funding filter is that day's funding.
            query = replace(query, covered_on=self._day)
        return worker_search.filters(session, query, self._scope)

    @property
    def _day(self) -> date:
        """The day a BPJS registration list is about: the list's "covered on" day, else
        the export's date."""
        return self._query.covered_on or self._today

    def _rows(self, session: Session, conditions: list[ColumnElement[bool]]) -> list[Any]:
        src = self._scope.source
        columns: list[Any] = [src.c[name] for name in _ROW_COLUMNS]
        source: Any = src
        if self._fmt is ExportFormat.BPJS:
            # Registering with BPJS is for workers who need it on the day: the one
            # selection the surat pengantar pendaftaran lists too (covered that day by a
            # period the district pays, no KPJ yet), with that period's funding and dates
            # (services/coverage_history), not the row's cache; periods never overlap, so
            # the join gives each worker once.
            p = coverage_history.periods()
            by_period = {
                "kpj": func.coalesce(p.c.kpj, src.c.kpj),
                "funding": p.c.funding,
                "coverage_start": p.c.start_date,
                "coverage_end": p.c.end_date,
            }
            columns = [
                by_period[name].label(name) if name in by_period else src.c[name]
                for name in _ROW_COLUMNS
            ]
            first, last = self._started or (None, None)
            joined = coverage_history.needs_registering(
                p,
                src.c.id,
                src.c.kpj,
                self._day,
                paid_funding_sources(self._settings),
                first,
                last,
            )
            source = src.join(p, and_(*joined))
        statement = select(*columns).select_from(source)
        statement = statement.where(*conditions).order_by(
            src.c.kecamatan_code, src.c.village_code, src.c.name_key, src.c.id
        )
        return list(session.execute(statement))

    # -- writing ----------------------------------------------------------------------

    def _lists(self, workbook: Workbook, rows: list[Any]) -> int:
        if self._fmt is ExportFormat.VILLAGE:
            return self._per_village(workbook, rows)
        if self._fmt is ExportFormat.BPJS:
            setting = self._settings.get(cols.BPJS_COLUMNS_KEY)
            chosen = cols.bpjs_columns(setting, where(cols.BPJS_COLUMNS_KEY))
            title = "Daftar Pendaftaran Kolektif Peserta BPJS Ketenagakerjaan (BPU)"
            name = "Pendaftaran BPJS"
        else:
            chosen = cols.columns(cols.LIST_COLUMNS)
            title = "Daftar Peserta BPJS Ketenagakerjaan Pekerja Rentan"
            name = "Daftar peserta"
        self._table(workbook, name, self._titles(title), chosen, rows, numbered=False)
        return 1

    def _per_village(self, workbook: Workbook, rows: list[Any]) -> int:
        groups: dict[str, list[Any]] = {}
        for row in rows:
            groups.setdefault(row.village_code, []).append(row)
        chosen = cols.columns(cols.VILLAGE_COLUMNS)
        taken: set[str] = set()
        done = 0
        for code, members in groups.items():
            village = self._regions.get(code)
            label = village.label if village else code
            district = self._regions.name(village.parent_code or "") if village else ""
            title = f"Daftar Peserta Pekerja Rentan {label}, Kecamatan {district}"
            self._table(
                workbook,
                sheet_title(label, taken),
                self._titles(title),
                chosen,
                members,
                True,
                done,
            )
            done += len(members)
        if not groups:
            self._table(
                workbook, "Daftar per desa", self._titles("Daftar Peserta"), chosen, [], True
            )
        return max(1, len(groups))

    def _recap(self, path: Path) -> tuple[int, int]:
        """Report 1 over the list's filters: the same counts, columns and sheets."""
        lines = [f"{self._district} — keadaan {long_date(self._today)}"]
        lines += [self._described_filter(), scope_note(self._ctx, self._regions) or ""]
        inputs = ListRecapInputs(
            self._ctx,
            self._scope,
            self._query,
            self._today,
            self._occupations,
            self._regions,
            tuple(line for line in lines if line),
        )
        report = build_recap(inputs)
        self._check_cancel()
        return report.row_count, write_xlsx(report, path)

    def _table(
        self,
        workbook: Workbook,
        name: str,
        titles: list[str],
        chosen: list[cols.Column],
        rows: list[Any],
        numbered: bool,
        offset: int = 0,
    ) -> None:
        lookups = self._lookups
        getters = [c.get for c in chosen]
        values = [[get(r, lookups) for get in getters] for r in rows]
        headers = [c.header for c in chosen]
        if numbered:
            headers = ["No", *headers]
            values = [[n, *v] for n, v in enumerate(values, start=1)]
        sheet = workbook.create_sheet(name)
        write_table(sheet, titles, headers, values, lambda done: self._step(offset + done))

    @property
    def _district(self) -> str:
        return self._settings.get("district.kabupaten_name") or self._regions.kabupaten_name

    def _titles(self, title: str) -> list[str]:
        lines = [f"{title} — {self._district}, keadaan {long_date(self._today)}"]
        if self._fmt is ExportFormat.BPJS:
            # One title line (the header row stays where BPJS's form has it): who is in it.
            paid = ", ".join(FUNDING[f] for f in paid_funding_sources(self._settings))
            what = f"perlu didaftarkan: terlindungi, dibayar dari {paid}, belum memiliki KPJ"
            if self._started:
                first, last = self._started
                what += f", mulai dilindungi {long_date(first)} s.d. {long_date(last)}"
            lines[0] += f" — {what}"
        described = self._described_filter()
        if described:
            lines.append(described)
        return lines

    def _described_filter(self) -> str:
        q = self._query
        parts = []
        if q.village_code:
            parts.append(f"Desa/Kelurahan {self._regions.name(q.village_code)}")
        elif q.kecamatan_code:
            parts.append(f"Kecamatan {self._regions.name(q.kecamatan_code)}")
        if q.status:
            parts.append(f"Status {WORKER_STATUS[q.status]}")
        if q.funding:
            parts.append(f"Sumber dana {FUNDING[q.funding]}")
        if q.occupation_code:
            name = self._occupation_names.get(q.occupation_code, q.occupation_code)
            parts.append(f"Pekerjaan {name}")
        if q.text.strip():
            parts.append(f'Pencarian "{q.text.strip()}"')
        return "Saringan: " + " · ".join(parts) if parts else ""

    def _step(self, done: int) -> None:
        self._check_cancel()
        if self._progress is not None:
            self._progress(STAGE_WRITE, done, self._row_total)

    def _check_cancel(self) -> None:
        check_cancel(self._cancel, CANCELLED)


def _discard(workbook: Workbook) -> None:
    """Finish and delete the half-written sheets' temporary files of an abandoned export."""
    for sheet in workbook.worksheets:
        try:
            sheet.close()
            sheet._writer.cleanup()
        except Exception:  # already closed or never started: nothing left to clean
            continue
