"""Finding workers fast: NIK/KPJ prefixes on B-tree ranges, names on a trigram index.

A search counts its matches up to a cap (exactly when there are fewer): a
clerk typing "5303" or "mar" needs the first page now, not the exact size of
half the register. The page is then read one of two ways: few matches are
fetched through their own index and sorted; many are found by walking the
name index in order, which meets a page of them long before its end.
"""

from __future__ import annotations

import re
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Row,
    Select,
    and_,
    false,
    func,
    literal_column,
    or_,
    select,
    text,
)
from sqlalchemy.orm import Session, aliased

from models import Occupation, Region, Worker
from models.text_keys import name_key
from services.worker_types import SortKey, WorkerQuery

_DIGIT_QUERY = re.compile(r"^[\d\s.\-']+$")
MAX_PAGE = 1000
# FTS5's trigram index knows nothing shorter than three letters.
FTS_MIN_WORD = 3
_NAME_SORT = {SortKey.NAME, ""}


def digits_of(text: str) -> str:
    return re.sub(r"\D", "", text)


def is_number_query(text: str) -> bool:
    return bool(_DIGIT_QUERY.match(text.strip())) and bool(digits_of(text))


def prefix_range(column: Any, prefix: str) -> ColumnElement[bool]:
    # A range instead of LIKE 'p%': the plain index serves it on both engines.
    return and_(column >= prefix, column < prefix + "\uffff")


def _escape_like(word: str) -> str:
    return word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _fts_phrases(words: list[str]) -> str:
    """Each word a quoted FTS5 phrase: the trigram index matches it as a plain substring."""
    return " AND ".join('"' + w.replace('"', '""') + '"' for w in words)


def name_condition(session: Session, words: list[str]) -> ColumnElement[bool]:
    if session.get_bind().dialect.name != "sqlite":
        return and_(*(Worker.name_key.like(f"%{_escape_like(w)}%", escape="\\") for w in words))
    conditions: list[ColumnElement[bool]] = []
    indexed = [w for w in words if len(w) >= FTS_MIN_WORD]
    if indexed:
        # MATCH, not LIKE: SQLite never hands FTS5 a LIKE with an ESCAPE clause and
        # would read every name from the worker table instead (~50 ms on 150,000).
        sub = text("SELECT rowid FROM worker_name_fts WHERE worker_name_fts MATCH :fts")
        sub = sub.bindparams(fts=_fts_phrases(indexed))
        conditions.append(Worker.id.in_(sub.columns(literal_column("rowid"))))
    # Shorter words: a literal substring test, so % and _ mean themselves.
    conditions += [func.instr(Worker.name_key, w) > 0 for w in words if len(w) < FTS_MIN_WORD]
    return and_(*conditions)


def filters(session: Session, query: WorkerQuery) -> list[ColumnElement[bool]]:
    conditions: list[ColumnElement[bool]] = []
    raw = query.text.strip()
    if raw and is_number_query(raw):
        digits = digits_of(raw)
        conditions.append(or_(prefix_range(Worker.nik, digits), prefix_range(Worker.kpj, digits)))
    elif raw:
        conditions.append(name_condition(session, name_key(raw).split()))
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


def count(
    session: Session, conditions: list[ColumnElement[bool]], cap: int | None
) -> tuple[int, bool]:
    """Matches counted up to ``cap``: (count, exact). Above the cap the count is cap + 1."""
    if cap is None:
        return session.scalar(
            select(func.count()).select_from(Worker).where(*conditions)
        ) or 0, True
    capped = select(Worker.id).where(*conditions).limit(cap + 1).subquery()
    found = session.scalar(select(func.count()).select_from(capped)) or 0
    return found, found <= cap


def search(session: Session, query: WorkerQuery) -> tuple[list[Row[Any]], int, bool]:
    """The requested page, the number of matches, and whether that number is exact."""
    conditions = filters(session, query)
    if session.get_bind().dialect.name == "postgresql":
        # Starting parallel workers costs more (2-3 ms) than these queries take.
        session.execute(text("SET LOCAL max_parallel_workers_per_gather = 0"))
    cap = query.count_limit if query.text.strip() else None
    total, exact = count(session, conditions, cap)
    if total == 0:
        return [], 0, True
    many = not exact
    rows = session.execute(rows_statement(query, conditions, walk_name_index=many)).all()
    return list(rows), total, exact


def rows_statement(
    query: WorkerQuery, conditions: list[ColumnElement[bool]], walk_name_index: bool = False
) -> Select[Any]:
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
    )
    by_name = query.sort in _NAME_SORT
    if by_name and walk_name_index and conditions:
        # Inside coalesce() the conditions can use no index of their own, so the
        # engine walks the name index instead of sorting every match.
        stmt = stmt.where(func.coalesce(and_(*conditions), false()))
    else:
        stmt = stmt.where(*conditions)
    stmt = _ordered(stmt, query, sort_matches=by_name and not walk_name_index and bool(conditions))
    limit = max(1, min(query.limit, MAX_PAGE))
    return stmt.offset(max(0, query.offset)).limit(limit)


def _ordered(stmt: Select[Any], query: WorkerQuery, sort_matches: bool) -> Select[Any]:
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
    tie = Worker.id.desc() if query.descending else Worker.id.asc()
    if key is Worker.name_key:
        if sort_matches:
            # "|| ''" keeps the engine from walking the name index past rows that
            # never match (PostgreSQL guesses LIKE '%x%' matches far more than it does).
            key = Worker.name_key.op("||")(literal_column("''"))
        direction = key.desc() if query.descending else key.asc()
        return stmt.order_by(direction, tie)
    # name_key then id keeps pages stable when values repeat.
    direction = key.desc() if query.descending else key.asc()
    name = Worker.name_key.desc() if query.descending else Worker.name_key.asc()
    return stmt.order_by(direction, name, tie)
