"""Finding workers fast: NIK/KPJ prefixes on B-tree indexes, names on a trigram index."""

from __future__ import annotations

import re
from typing import Any

from sqlalchemy import ColumnElement, Select, and_, func, literal_column, or_, select, text
from sqlalchemy.orm import Session, aliased

from models import Occupation, Region, Worker
from models.text_keys import name_key
from services.worker_types import SortKey, WorkerQuery

_DIGIT_QUERY = re.compile(r"^[\d\s.\-']+$")
MAX_PAGE = 1000


def digits_of(text: str) -> str:
    return re.sub(r"\D", "", text)


def is_number_query(text: str) -> bool:
    return bool(_DIGIT_QUERY.match(text.strip())) and bool(digits_of(text))


def prefix_range(column: Any, prefix: str) -> ColumnElement[bool]:
    # A range instead of LIKE 'p%': it uses the plain index on both engines,
    # whatever the PostgreSQL collation.
    return and_(column >= prefix, column < prefix + "\uffff")


def _escape_like(word: str) -> str:
    return word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def name_condition(session: Session, words: list[str]) -> ColumnElement[bool]:
    patterns = [f"%{_escape_like(w)}%" for w in words]
    if session.get_bind().dialect.name == "sqlite":
        # The FTS5 trigram table answers LIKE from its index (3+ letters).
        clauses = " AND ".join(f"name_key LIKE :w{i} ESCAPE '\\'" for i in range(len(words)))
        sub = text(f"SELECT rowid FROM worker_name_fts WHERE {clauses}").bindparams(
            **{f"w{i}": p for i, p in enumerate(patterns)}
        )
        return Worker.id.in_(sub.columns(literal_column("rowid")))
    return and_(*(Worker.name_key.like(p, escape="\\") for p in patterns))


def filters(session: Session, query: WorkerQuery) -> list[ColumnElement[bool]]:
    conditions: list[ColumnElement[bool]] = []
    raw = query.text.strip()
    if raw and is_number_query(raw):
        digits = digits_of(raw)
        conditions.append(or_(prefix_range(Worker.nik, digits), prefix_range(Worker.kpj, digits)))
    elif raw:
        words = name_key(raw).split()
        conditions.append(name_condition(session, words))
    if query.village_code:
        conditions.append(Worker.village_code == query.village_code)
    elif query.kecamatan_code:
        conditions.append(Worker.kecamatan_code == query.kecamatan_code)
    if query.status:
        conditions.append(Worker.status == query.status)
    if query.funding:
        conditions.append(Worker.funding == query.funding)
    if query.occupation_code:
        occupation_id = select(Occupation.id).where(Occupation.code == query.occupation_code)
        conditions.append(Worker.occupation_id == occupation_id.scalar_subquery())
    return conditions


def count_statement(conditions: list[ColumnElement[bool]]) -> Select[tuple[int]]:
    return select(func.count()).select_from(Worker).where(*conditions)


def rows_statement(query: WorkerQuery, conditions: list[ColumnElement[bool]]) -> Select[Any]:
    stmt = select(
        Worker.id,
        Worker.nik,
        Worker.kpj,
        Worker.full_name,
        Worker.gender,
        Worker.birth_date,
        Worker.village_code,
        Worker.kecamatan_code,
        Worker.occupation_id,
        Worker.funding,
        Worker.status,
        Worker.coverage_start,
        Worker.coverage_end,
    ).where(*conditions)
    stmt = _ordered(stmt, query)
    limit = max(1, min(query.limit, MAX_PAGE))
    return stmt.offset(max(0, query.offset)).limit(limit)


def _ordered(stmt: Select[Any], query: WorkerQuery) -> Select[Any]:
    key: Any
    if query.sort in (SortKey.VILLAGE, SortKey.KECAMATAN):
        region = aliased(Region)
        column = Worker.village_code if query.sort == SortKey.VILLAGE else Worker.kecamatan_code
        stmt = stmt.join(region, region.code == column)
        key = region.search_key
    elif query.sort == SortKey.OCCUPATION:
        stmt = stmt.join(Occupation, Occupation.id == Worker.occupation_id)
        key = Occupation.name
    else:
        key = {
            SortKey.NIK: Worker.nik,
            SortKey.KPJ: Worker.kpj,
            SortKey.BIRTH_DATE: Worker.birth_date,
            SortKey.FUNDING: Worker.funding,
            SortKey.STATUS: Worker.status,
            SortKey.COVERAGE_END: Worker.coverage_end,
        }.get(query.sort, Worker.name_key)
    direction = key.desc() if query.descending else key.asc()
    tie = Worker.id.desc() if query.descending else Worker.id.asc()
    # name_key then id keeps pages stable when names repeat.
    if key is Worker.name_key:
        return stmt.order_by(direction, tie)
    name = Worker.name_key.desc() if query.descending else Worker.name_key.asc()
    return stmt.order_by(direction, name, tie)
