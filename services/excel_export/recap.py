"""The recap sheet: workers counted by kecamatan and village, by status, gender and
occupation, all counted by the database (conditional SUMs), never row by row here."""

from __future__ import annotations

from typing import Any

from sqlalchemy import ColumnElement, Table, case, func, select
from sqlalchemy.orm import Session

from models.enums import Gender, WorkerStatus
from services.labels import GENDER, WORKER_STATUS

STATUSES = list(WorkerStatus)
GENDERS = [Gender.MALE, Gender.FEMALE]


def recap_headers(occupations: list[tuple[int, str]]) -> list[str]:
    return [
        "Kecamatan",
        "Desa/Kelurahan",
        "Jumlah",
        *(WORKER_STATUS[s] for s in STATUSES),
        *(GENDER[g] for g in GENDERS),
        *(name for _, name in occupations),
    ]


def _measures(src: Table, occupations: list[tuple[int, str]]) -> list[Any]:
    def count_if(condition: ColumnElement[bool]) -> Any:
        return func.coalesce(func.sum(case((condition, 1), else_=0)), 0)

    return [
        func.count(),
        *(count_if(src.c.status == s) for s in STATUSES),
        *(count_if(src.c.gender == g) for g in GENDERS),
        *(count_if(src.c.occupation_id == i) for i, _ in occupations),
    ]


def recap_rows(
    session: Session,
    src: Table,
    conditions: list[ColumnElement[bool]],
    occupations: list[tuple[int, str]],
    names: dict[str, str],
) -> tuple[list[list[Any]], set[int]]:
    """Village rows with a subtotal after each kecamatan and a grand total; the bold rows."""
    measures = _measures(src, occupations)
    villages = session.execute(
        select(src.c.kecamatan_code, src.c.village_code, *measures)
        .where(*conditions)
        .group_by(src.c.kecamatan_code, src.c.village_code)
    ).all()
    districts = {
        row[0]: list(row[1:])
        for row in session.execute(
            select(src.c.kecamatan_code, *measures)
            .where(*conditions)
            .group_by(src.c.kecamatan_code)
        )
    }
    total = list(session.execute(select(*measures).where(*conditions)).one())
    by_district: dict[str, list[Any]] = {}
    for row in villages:
        by_district.setdefault(row[0], []).append(row)
    rows: list[list[Any]] = []
    bold: set[int] = set()
    for code in sorted(by_district, key=lambda c: names.get(c, c)):
        name = names.get(code, code)
        for row in sorted(by_district[code], key=lambda r: names.get(r[1], r[1])):
            rows.append([name, names.get(row[1], row[1]), *(int(v) for v in row[2:])])
        rows.append([f"Jumlah Kecamatan {name}", None, *(int(v) for v in districts[code])])
        bold.add(len(rows))
    rows.append(["JUMLAH SELURUHNYA", None, *(int(v) for v in total)])
    bold.add(len(rows))
    return rows, bold
