"""Report 1: workers per kecamatan and village, by status, and the ones covered on the
report's day (services/coverage_history) by gender, occupation and that day's funding
source. One grouped pass over the register; kecamatan and district totals are sums of
the village rows, so every level adds up.

The worker list's recap export (services/excel_export/recap.py) is this report too,
counted over the list's filters on screen instead of the report's."""

from __future__ import annotations

from datetime import date
from typing import Any, Protocol

from sqlalchemy import ColumnElement, case, func, select
from sqlalchemy.orm import Session

import services.workers.search as worker_search
from models.enums import FundingSource, Gender, WorkerStatus
from services import coverage_history
from services.core.context import ServiceContext
from services.core.unit_of_work import read_session
from services.reports.model import (
    REPORT_TITLES,
    CellKind,
    Column,
    Report,
    ReportKind,
    Section,
    Table,
)
from services.text.labels import FUNDING, GENDER, WORKER_STATUS

GENDERS = (Gender.MALE, Gender.FEMALE)


class RecapInputs(Protocol):
    """What the recap counts over: the report's ``ReportInputs``, or the worker list's
    filters for its export (any condition list on the clerk's scope)."""

    @property
    def ctx(self) -> ServiceContext: ...
    @property
    def today(self) -> date: ...
    @property
    def occupations(self) -> list[tuple[int, str]]: ...  # (id, name) in the clerk's order
    @property
    def scope(self) -> worker_search.Scope: ...
    def conditions(self, session: Session) -> list[ColumnElement[bool]]: ...
    def name(self, code: str) -> str: ...
    def subtitle(self) -> tuple[str, ...]: ...


def build_recap(inputs: RecapInputs) -> Report:
    src = inputs.scope.source
    # The period covering the report's day, if any (services/coverage_history):
    # "Terlindungi" counts the workers it covers, and gender, occupation and funding
    # (that period's) break them down, as Beranda does; the status columns count the
    # register's current status.
    p = coverage_history.periods()
    covered = p.c.id.is_not(None)

    def count_if(condition: ColumnElement[bool]) -> Any:
        return func.coalesce(func.sum(case((condition, 1), else_=0)), 0)

    measures = [
        func.count(),
        *(count_if(src.c.status == s) for s in WorkerStatus),
        count_if(covered),
        *(count_if(covered & (src.c.gender == g)) for g in GENDERS),
        *(count_if(covered & (src.c.occupation_id == i)) for i, _ in inputs.occupations),
        *(count_if(p.c.funding == f) for f in FundingSource),
    ]
    with read_session(inputs.ctx) as session:
        rows = session.execute(
            select(src.c.kecamatan_code, src.c.village_code, *measures)
            .select_from(src.outerjoin(p, coverage_history.covering(p, src.c.id, inputs.today)))
            .where(*inputs.conditions(session))
            .group_by(src.c.kecamatan_code, src.c.village_code)
        ).all()
    villages = sorted(
        ((inputs.name(r[0]), inputs.name(r[1]), [int(v) for v in r[2:]]) for r in rows),
        key=lambda v: (v[0], v[1]),
    )
    districts: dict[str, list[int]] = {}
    for kecamatan, _, values in villages:
        districts[kecamatan] = _add(districts.get(kecamatan), values)
    total = [sum(col) for col in zip(*(v for *_, v in villages), strict=True)] or [0] * len(
        measures
    )
    counts = _count_columns(inputs)
    by_kecamatan = Table(
        "Per kecamatan",
        (Column("Kecamatan", weight=2.2), *counts),
        (*((k, *v) for k, v in districts.items()), ("JUMLAH", *total)),
        total_rows=frozenset({len(districts)}),
    )
    by_village = Table(
        "Per desa",
        (Column("Kecamatan", weight=2.0), Column("Desa/Kelurahan", weight=2.2), *counts),
        (*((k, d, *v) for k, d, v in villages), ("JUMLAH", "", *total)),
        total_rows=frozenset({len(villages)}),
    )
    return Report(
        kind=ReportKind.RECAP,
        title=REPORT_TITLES[ReportKind.RECAP],
        subtitle=inputs.subtitle(),
        sections=(
            Section("Rekap per kecamatan", (by_kecamatan,)),
            Section("Rekap per desa/kelurahan", (by_village,), new_page=True),
        ),
        notes=(
            "Jumlah: semua peserta terdaftar; Aktif, Nonaktif, Meninggal: status saat ini. "
            "Terlindungi: punya periode kepesertaan yang mencakup tanggal laporan.",
            "Jenis kelamin, pekerjaan dan sumber dana (pada tanggal laporan) dihitung dari "
            "peserta yang terlindungi.",
        ),
        row_count=total[0],
    )


def _count_columns(inputs: RecapInputs) -> list[Column]:
    return [
        Column("Jumlah", CellKind.COUNT, 1.1),
        *(Column(WORKER_STATUS[s], CellKind.COUNT) for s in WorkerStatus),
        Column("Terlindungi", CellKind.COUNT, 1.1),
        *(Column(GENDER[g], CellKind.COUNT) for g in GENDERS),
        *(Column(name, CellKind.COUNT) for _, name in inputs.occupations),
        *(Column(FUNDING[f], CellKind.COUNT) for f in FundingSource),
    ]


def _add(total: list[int] | None, values: list[int]) -> list[int]:
    if total is None:
        return list(values)
    return [a + b for a, b in zip(total, values, strict=True)]
