"""Finding workers fast: NIK/KPJ prefixes on B-tree ranges, names on a trigram index.

A search counts its matches up to a cap (exactly when there are fewer): a
clerk typing "5303" or "mar" needs the first page now, not the exact size of
half the register. The page is then read one of two ways: few matches are
fetched through their own index and sorted; many are found by walking the
name index in order, which meets a page of them long before its end.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Row,
    Select,
    Table,
    and_,
    exists,
    false,
    func,
    literal_column,
    or_,
    select,
    text,
)
from sqlalchemy.orm import Session, aliased

from models import CardPrint, Occupation, Region, Worker
from models.card import CardStatus
from models.text_keys import name_key
from models.views import worker_masked
from services.permissions import Principal
from services.worker_types import AgeBand, CardFilter, SortKey, WorkerQuery

_DIGIT_QUERY = re.compile(r"^[\d\s.\-']+$")
MAX_PAGE = 1000
# FTS5's trigram index knows nothing shorter than three letters.
FTS_MIN_WORD = 3
_NAME_SORT = {SortKey.NAME, ""}


@dataclass(frozen=True, slots=True)
class Scope:
    """Where a clerk's search looks: which rows, and through which columns."""

    source: Table
    kecamatan_codes: frozenset[str] = frozenset()
    # Viewers see NIKs masked: a NIK finds a worker only when typed whole.
    whole_nik_only: bool = False

    @classmethod
    def of(cls, principal: Principal | None) -> Scope:
        if principal is None:
            return cls(Worker.__table__)
        masked = principal.masks_identity
        return cls(
            worker_masked if masked else Worker.__table__,
            principal.kecamatan_codes,
            whole_nik_only=masked,
        )


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


def name_condition(session: Session, words: list[str], src: Table) -> ColumnElement[bool]:
    if session.get_bind().dialect.name != "sqlite":
        return and_(*(src.c.name_key.like(f"%{_escape_like(w)}%", escape="\\") for w in words))
    conditions: list[ColumnElement[bool]] = []
    indexed = [w for w in words if len(w) >= FTS_MIN_WORD]
    if indexed:
        # MATCH, not LIKE: SQLite never hands FTS5 a LIKE with an ESCAPE clause and
        # would read every name from the worker table instead (~50 ms on 150,000).
        sub = text("SELECT rowid FROM worker_name_fts WHERE worker_name_fts MATCH :fts")
        sub = sub.bindparams(fts=_fts_phrases(indexed))
        conditions.append(src.c.id.in_(sub.columns(literal_column("rowid"))))
    # Shorter words: a literal substring test, so % and _ mean themselves.
    conditions += [func.instr(src.c.name_key, w) > 0 for w in words if len(w) < FTS_MIN_WORD]
    return and_(*conditions)


def filters(session: Session, query: WorkerQuery, scope: Scope) -> list[ColumnElement[bool]]:
    src = scope.source
    conditions: list[ColumnElement[bool]] = []
    raw = query.text.strip()
    if raw and is_number_query(raw):
        conditions.append(_number_condition(session, digits_of(raw), scope))
    elif raw:
        conditions.append(name_condition(session, name_key(raw).split(), src))
    if scope.kecamatan_codes:
        conditions.append(src.c.kecamatan_code.in_(sorted(scope.kecamatan_codes)))
    if query.village_code:
        conditions.append(src.c.village_code == query.village_code)
    elif query.kecamatan_code:
        conditions.append(src.c.kecamatan_code == query.kecamatan_code)
    if query.status:
        conditions.append(src.c.status == query.status)
    if query.funding:
        conditions.append(src.c.funding == query.funding)
    if query.occupation_code:
        occupation_id = select(Occupation.id).where(Occupation.code == query.occupation_code)
        conditions.append(src.c.occupation_id == occupation_id.scalar_subquery())
    if query.card:
        conditions.append(card_condition(query.card, src))
    if query.gender:
        conditions.append(src.c.gender == query.gender)
    if query.age_band:
        conditions += age_band_conditions(query.age_band, src)
    if query.covered_on:
        # Imported here: the premium package is not needed to show the list at start-up.
        from services.premiums.coverage_sql import covered_on

        conditions.append(covered_on(src, query.covered_on))
    return conditions


def age_band_conditions(band: AgeBand, src: Table) -> list[ColumnElement[bool]]:
    conditions: list[ColumnElement[bool]] = []
    if band.born_on_or_before is not None:
        conditions.append(src.c.birth_date <= band.born_on_or_before)
    if band.born_after is not None:
        conditions.append(src.c.birth_date > band.born_after)
    return conditions


def card_condition(card: CardFilter, src: Table) -> ColumnElement[bool]:
    if card == CardFilter.NOT_PRINTED:
        return ~exists().where(CardPrint.worker_id == src.c.id)
    handed = card == CardFilter.HANDED_OVER
    status = CardStatus.HANDED_OVER if handed else CardStatus.PRINTED
    return exists().where(CardPrint.worker_id == src.c.id, CardPrint.status == status)


def _number_condition(session: Session, digits: str, scope: Scope) -> ColumnElement[bool]:
    src = scope.source
    by_kpj = prefix_range(src.c.kpj, digits)
    if not scope.whole_nik_only:
        return or_(prefix_range(src.c.nik, digits), by_kpj)
    return or_(_whole_nik(session, digits, src), by_kpj)


def exact_number_condition(session: Session, number: str, scope: Scope) -> ColumnElement[bool]:
    """The worker whose whole NIK or KPJ this is."""
    src = scope.source
    by_kpj = src.c.kpj == number
    if not scope.whole_nik_only:
        return or_(src.c.nik == number, by_kpj)
    return or_(_whole_nik(session, number, src), by_kpj)


def _whole_nik(session: Session, number: str, src: Table) -> ColumnElement[bool]:
    if session.get_bind().dialect.name == "postgresql":
        # The viewer's database role cannot read NIKs; this function matches whole ones.
        found = select(func.sirentan_find_worker(number).column_valued("worker_id"))
    else:
        found = select(Worker.id).where(Worker.nik == number)
    return src.c.id.in_(found)


def count(
    session: Session, conditions: list[ColumnElement[bool]], cap: int | None, src: Table
) -> tuple[int, bool]:
    """Matches counted up to ``cap``: (count, exact). Above the cap the count is cap + 1."""
    if cap is None:
        total = session.scalar(select(func.count()).select_from(src).where(*conditions))
        return total or 0, True
    capped = select(src.c.id).where(*conditions).limit(cap + 1).subquery()
    found = session.scalar(select(func.count()).select_from(capped)) or 0
    return found, found <= cap


def search(session: Session, query: WorkerQuery, scope: Scope) -> tuple[list[Row[Any]], int, bool]:
    """The requested page, the number of matches, and whether that number is exact."""
    conditions = filters(session, query, scope)
    if session.get_bind().dialect.name == "postgresql":
        # Starting parallel workers costs more (2-3 ms) than these queries take.
        session.execute(text("SET LOCAL max_parallel_workers_per_gather = 0"))
    cap = query.count_limit if query.text.strip() else None
    total, exact = count(session, conditions, cap, scope.source)
    if total == 0:
        return [], 0, True
    statement = rows_statement(query, conditions, scope.source, walk_name_index=not exact)
    rows = session.execute(statement).all()
    return list(rows), total, exact


ROW_COLUMNS = (
    "id",
    "nik",
    "kpj",
    "full_name",
    "gender",
    "birth_date",
    "village_code",
    "kecamatan_code",
    "occupation_id",
    "funding",
    "status",
    "coverage_start",
    "coverage_end",
)


def rows_statement(
    query: WorkerQuery,
    conditions: list[ColumnElement[bool]],
    src: Table,
    walk_name_index: bool = False,
) -> Select[Any]:
    stmt = select(*(src.c[name] for name in ROW_COLUMNS))
    by_name = query.sort in _NAME_SORT
    if by_name and walk_name_index and conditions:
        # Inside coalesce() the conditions can use no index of their own, so the
        # engine walks the name index instead of sorting every match.
        stmt = stmt.where(func.coalesce(and_(*conditions), false()))
    else:
        stmt = stmt.where(*conditions)
    sort_matches = by_name and not walk_name_index and bool(conditions)
    stmt = _ordered(stmt, query, src, sort_matches)
    limit = max(1, min(query.limit, MAX_PAGE))
    return stmt.offset(max(0, query.offset)).limit(limit)


def _ordered(stmt: Select[Any], query: WorkerQuery, src: Table, sort_matches: bool) -> Select[Any]:
    c = src.c
    key: Any
    if query.sort in (SortKey.VILLAGE, SortKey.KECAMATAN):
        region = aliased(Region)
        column = c.village_code if query.sort == SortKey.VILLAGE else c.kecamatan_code
        stmt = stmt.join(region, region.code == column)
        key = region.search_key
    elif query.sort == SortKey.OCCUPATION:
        stmt = stmt.join(Occupation, Occupation.id == c.occupation_id)
        key = Occupation.name
    else:
        key = {
            SortKey.NIK: c.nik,
            SortKey.KPJ: c.kpj,
            SortKey.BIRTH_DATE: c.birth_date,
            SortKey.FUNDING: c.funding,
            SortKey.STATUS: c.status,
            SortKey.COVERAGE_END: c.coverage_end,
        }.get(query.sort, c.name_key)
    tie = c.id.desc() if query.descending else c.id.asc()
    if key is c.name_key:
        if sort_matches:
            # "|| ''" keeps the engine from walking the name index past rows that
            # never match (PostgreSQL guesses LIKE '%x%' matches far more than it does).
            key = c.name_key.op("||")(literal_column("''"))
        direction = key.desc() if query.descending else key.asc()
        return stmt.order_by(direction, tie)
    # name_key then id keeps pages stable when values repeat.
    direction = key.desc() if query.descending else key.asc()
    name = c.name_key.desc() if query.descending else c.name_key.asc()
    return stmt.order_by(direction, name, tie)
