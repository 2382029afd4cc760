"""Finding workers fast: NIK/KPJ prefixes on B-tree ranges, names on a trigram index.

A search counts its matches up to a cap (exactly when there are fewer): a
clerk typing "5303" or "mar" needs the first page now, not the exact size of
half the register. The page is then read one of two ways: matches within the
cap are sorted; more are found by walking the name index in order, which
meets a page of them long before its end.

SQLite, when the name is the only condition (the worker list's usual search):
a few matches (most full names) are read as ids from the trigram index and
their rows fetched by id; more are counted from the trigram index alone and
sorted from the small (id, name_key) index, never from the wide worker rows.
The other spellings of a name ("johana" for "YOHANA") are one look-up in the
phonetic index, the matches as typed left out by their ids. PostgreSQL, when
the name is the only condition: the same one statement reads the matches from
worker_name_search (0021), a narrow copy of the names kept by triggers, since
PostgreSQL rechecks every trigram candidate on its row and the worker rows are
wide. Otherwise (filters beside the name) the matches are read once in one
statement that counts them and, when they are within the cap, sorts the page.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Any

from sqlalchemy import (
    ColumnClause,
    ColumnElement,
    Row,
    Select,
    Table,
    and_,
    bindparam,
    column,
    exists,
    false,
    func,
    literal_column,
    or_,
    select,
    table,
    text,
    true,
)
from sqlalchemy.orm import Session, aliased
from sqlalchemy.sql.expression import TableClause

from models import CardPrint, Occupation, Region, Worker
from models.enums import CardStatus
from models.text_keys import name_key, name_phonetic
from models.views import worker_masked
from services.audit.trail import transaction_settings
from services.core.permissions import Principal
from services.workers.types import AgeBand, CardFilter, SortKey, WorkerQuery

_DIGIT_QUERY = re.compile(r"^[\d\s.\-']+$")
MAX_PAGE = 1000
# FTS5's trigram index knows nothing shorter than three letters.
FTS_MIN_WORD = 3
_NAME_SORT = {SortKey.NAME, ""}
_PLAIN_WORDS = re.compile(r"[a-z0-9 ]+")
# Other spellings of a name are looked for when its exact matches are fewer than this.
SPELLING_BELOW = 100


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


def name_condition(
    session: Session, words: list[str], src: TableClause, phonetic: bool = False
) -> ColumnElement[bool]:
    """Every word inside the folded name (or, ``phonetic``, inside the name as it sounds)."""
    column = src.c.name_phonetic if phonetic else src.c.name_key
    fts = "worker_phonetic_fts" if phonetic else "worker_name_fts"
    if session.get_bind().dialect.name != "sqlite":
        return and_(*(column.like(f"%{_escape_like(w)}%", escape="\\") for w in words))
    conditions: list[ColumnElement[bool]] = []
    indexed = [w for w in words if len(w) >= FTS_MIN_WORD]
    if indexed:
        # MATCH, not LIKE: SQLite never hands FTS5 a LIKE with an ESCAPE clause and
        # would read every name from the worker table instead (~50 ms on 150,000).
        sub = text(f"SELECT rowid FROM {fts} WHERE {fts} MATCH :fts")
        # Unique: the name and its sound are both matched in one statement.
        sub = sub.bindparams(bindparam("fts", _fts_phrases(indexed), unique=True))
        conditions.append(src.c.id.in_(sub.columns(literal_column("rowid"))))
    # Shorter words: a literal substring test, so % and _ mean themselves.
    conditions += [func.instr(column, w) > 0 for w in words if len(w) < FTS_MIN_WORD]
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
    if query.funding and not query.covered_on:
        # The funding of the worker's current period (the cache the history keeps).
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
        # Imported here: not needed to show the list at start-up.
        from services.coverage_history import covered_on_many, funding_on

        conditions.append(covered_on_many(src.c.id, query.covered_on))
        if query.funding:
            # Funded on that day by the source asked for (a dashboard bar's drill-down).
            conditions.append(funding_on(src.c.id, query.covered_on) == query.funding)
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
    return or_(*_number_parts(session, digits, scope))


def _number_parts(
    session: Session, digits: str, scope: Scope
) -> tuple[ColumnElement[bool], ColumnElement[bool]]:
    """The NIK condition and the KPJ condition of a number search."""
    src = scope.source
    if scope.whole_nik_only:
        return _whole_nik(session, digits, src), prefix_range(src.c.kpj, digits)
    return prefix_range(src.c.nik, digits), prefix_range(src.c.kpj, digits)


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


# For this transaction only. Starting parallel workers costs more (2-3 ms) than
# these queries take. The best plan depends on the values (a 4-digit prefix
# matches half the register, a 12-digit one a handful), so a statement psycopg
# has prepared must not fall back to one generic plan for all of them.
_PG_SEARCH_SETTINGS = {
    "max_parallel_workers_per_gather": "0",
    "plan_cache_mode": "force_custom_plan",
}


def search(
    session: Session, query: WorkerQuery, scope: Scope
) -> tuple[list[Row[*tuple[Any, ...]]], int, bool]:
    """The requested page, the number of matches, and whether that number is exact.

    A name also finds its other spellings ("johana" finds "YOHANA"): those matches come
    after the exact ones, in the same order, when the exact ones are few (fewer than
    SPELLING_BELOW): a name typed as on the KTP finds its many matches at once, and
    the other spellings cost a second index look-up only when they can help.
    """
    rows, total, exact, found = _search_as_typed(session, query, scope)
    raw = query.text.strip()
    if (
        not raw
        or is_number_query(raw)
        or not exact
        or total >= SPELLING_BELOW
        or "name_phonetic" not in scope.source.c
    ):
        return rows, total, exact
    return _with_other_spellings(session, query, scope, rows, total, found)


def _with_other_spellings(
    session: Session,
    query: WorkerQuery,
    scope: Scope,
    rows: list[Row[*tuple[Any, ...]]],
    total: int,
    found: list[int] | None,
) -> tuple[list[Row[*tuple[Any, ...]]], int, bool]:
    """``found``: the ids of every match as typed, when the search has them (SQLite, name alone)."""
    typed = name_key(query.text)
    sounds = name_phonetic(typed).split()
    # Punctuation typed means itself ("_a"); only plain words are heard as they sound.
    if not sounds or _PLAIN_WORDS.fullmatch(typed) is None:
        return rows, total, True
    cap = query.count_limit
    room = None if cap is None else cap - total
    if room is not None and room <= 0:
        return rows, total, True
    page, start = _page_size(query), max(0, query.offset)
    wanted = len(rows) < page and start + page > total
    rest = replace(query, offset=max(0, start - total), limit=page - len(rows))
    if found is not None and all(len(w) >= FTS_MIN_WORD for w in sounds):
        # One trigram look-up, the matches as typed left out by id, sorted from the
        # (id, name_key) index: no second look-up of the words as typed.
        src = scope.source
        matches = _sounds_alike(_fts_phrases(sounds), found, room)
        more, others = _count_and_page(session, rest, matches, src, wanted)
        if wanted and room is not None and others > room:
            sound = name_condition(session, sounds, src, phonetic=True)
            more = _page_over_cap(session, rest, [sound, src.c.id.not_in(found)], src, more)
        return rows + more, total + others, room is None or others <= room
    src = scope.source
    postgres = session.get_bind().dialect.name == "postgresql"
    shape = _narrow_shape(session, query, scope) if postgres and wanted else None
    if shape is not None and query.sort in _NAME_SORT:
        # PostgreSQL, the name alone: made once per shape, like the matches as typed.
        statement = _spelling_statement(shape, len(sounds), len(typed.split()), room is not None)
        parameters = _like_parameters("s", sounds) | _like_parameters("t", typed.split())
        parameters |= {"page_offset": max(0, rest.offset), "page_size": _page_size(rest)}
        if room is not None:
            parameters["cap"] = room + 1
        if shape.kecamatan:
            parameters["kecamatan"] = sorted(scope.kecamatan_codes)
        more, others = _page_and_total(session.execute(statement, parameters).all())
        if room is not None and others > room:
            conditions = [
                *filters(session, replace(query, text=""), scope),
                name_condition(session, sounds, src, phonetic=True),
                ~_as_typed(session, typed.split(), src),
            ]
            more = _page_over_cap(session, rest, conditions, src, more)
        return rows + more, total + others, room is None or others <= room
    conditions = [
        *filters(session, replace(query, text=""), scope),
        name_condition(session, sounds, src, phonetic=True),
        ~_as_typed(session, typed.split(), src),
    ]
    if query.sort in _NAME_SORT:
        # Counted and the page sorted in one statement: one look-up in the phonetic index.
        matches = select(src.c.id, src.c.name_key).where(*conditions)
        matches = matches.limit(None if room is None else room + 1)
        more, others = _count_and_page(session, rest, matches, src, wanted)
        if wanted and room is not None and others > room:
            more = _page_over_cap(session, rest, conditions, src, more)
        return rows + more, total + others, room is None or others <= room
    others, exact = count(session, conditions, room, src)
    if others == 0:
        return rows, total, True
    if wanted:
        rows = rows + list(session.execute(rows_statement(rest, conditions, src)).all())
    return rows, total + others, exact


def _page_over_cap(
    session: Session,
    query: WorkerQuery,
    conditions: list[ColumnElement[bool]],
    src: Table,
    some: list[Row[*tuple[Any, ...]]],
) -> list[Row[*tuple[Any, ...]]]:
    """The true page when the matches were more than the cap, from ``some``: the page of
    the first cap + 1 of them, which ends at or after the true page's end.

    With that name as a bound, the engine combines the name index with the match
    condition instead of sorting every match; a short page of some gives no bound,
    and the name index is walked (over the cap the matches are dense).
    """
    if len(some) == _page_size(query):
        bound = some[-1].page_name
        by_name = src.c.name_key >= bound if query.descending else src.c.name_key <= bound
        statement = rows_statement(query, [*conditions, by_name], src)
    else:
        statement = rows_statement(query, conditions, src, walk_name_index=True)
    return list(session.execute(statement).all())


def _as_typed(session: Session, words: list[str], src: Table) -> ColumnElement[bool]:
    """Every word inside the folded name, tested on the row itself.

    Used to leave the matches as typed out of the other spellings: on rows the trigram
    index has already found, a substring test costs less than a second index look-up.
    """
    if session.get_bind().dialect.name != "sqlite":
        return name_condition(session, words, src)
    return and_(*(func.instr(src.c.name_key, w) > 0 for w in words))


# The worker table named with its (id, name_key) index: SQLite's planner (no ANALYZE)
# would read each match's whole row instead, several times slower on a 5,000-match sort.
_BY_NAME_INDEX = "worker INDEXED BY ix_worker_id_name_key"


def _sounds_alike(sounds: str, found: list[int], room: int | None) -> Any:
    """(id, name_key) of the workers whose name sounds as typed, the matches as typed left out."""
    sql = (
        f"SELECT id, name_key FROM {_BY_NAME_INDEX} WHERE id IN "
        "(SELECT rowid FROM worker_phonetic_fts WHERE worker_phonetic_fts MATCH :sounds) "
        "AND id NOT IN :found LIMIT :n"
    )
    # Fewer than SPELLING_BELOW ids: one bound parameter each.
    statement = text(sql).bindparams(
        bindparam("found", value=found, expanding=True),
        sounds=sounds,
        n=-1 if room is None else room + 1,
    )
    return statement.columns(column("id"), column("name_key"))


def _search_as_typed(
    session: Session, query: WorkerQuery, scope: Scope
) -> tuple[list[Row[*tuple[Any, ...]]], int, bool, list[int] | None]:
    """The matches of the name as typed (or of the number), and their ids when known."""
    postgres = session.get_bind().dialect.name == "postgresql"
    if postgres:
        # Sent with the clerk's name as the transaction begins: no round trip of their own.
        transaction_settings(session, _PG_SEARCH_SETTINGS)
    raw = query.text.strip()
    cap = query.count_limit if raw else None
    if (
        postgres
        and cap is not None
        and query.sort in _NAME_SORT
        and not is_number_query(raw)
        and (narrow := _narrow_shape(session, query, scope)) is not None
    ):
        # The worker list's usual search: its statements are made once per shape.
        return _narrow_name_search(session, query, scope, narrow, cap)
    conditions = filters(session, query, scope)
    # Number prefixes are counted from their indexes alone, cheaper than any name.
    if cap is not None and postgres and is_number_query(raw):
        total, exact = _count_number_matches(session, query, scope, cap)
        walk = not exact
    elif (
        query.sort in _NAME_SORT
        and not is_number_query(raw)
        and (match := _name_match_alone(session, query, conditions))
    ):
        return _name_alone(session, query, scope.source, match, conditions)
    elif cap is None or query.sort not in _NAME_SORT or is_number_query(raw):
        total, exact = count(session, conditions, cap, scope.source)
        walk = not exact
    else:
        rows, total = _count_with_sorted_page(session, query, conditions, cap, scope.source)
        if total <= cap:
            return rows, total, True, None
        exact, walk = False, True
        if len(rows) == _page_size(query):
            # The page of the first cap + 1 matches ends at or after the true page's
            # end: with the name as a bound, the engine combines the name index and
            # the trigram index, instead of walking the name index from its start
            # (slow when the matches lie far along it, a first name like "siska").
            bound = rows[-1].page_name
            src = scope.source
            by_name = src.c.name_key >= bound if query.descending else src.c.name_key <= bound
            conditions, walk = [*conditions, by_name], False
    if total == 0:
        return [], 0, True, None
    statement = rows_statement(query, conditions, scope.source, walk_name_index=walk)
    return list(session.execute(statement).all()), total, exact, None


# PostgreSQL (migration 0021): id, kecamatan_code and name_key of every worker, kept by
# triggers on worker and limited by the same row-level security.
_NARROW = table("worker_name_search", column("id"), column("kecamatan_code"), column("name_key"))


@dataclass(frozen=True, slots=True)
class _NarrowShape:
    """What decides the statements of a name search on the narrow copy: made once each."""

    source: Table
    words: int
    kecamatan: bool
    descending: bool


def _narrow_shape(session: Session, query: WorkerQuery, scope: Scope) -> _NarrowShape | None:
    """The shape of the name search on the narrow copy, when the name (and the clerk's
    kecamatan limit) is the search's only condition; None otherwise (PostgreSQL)."""
    if filters(session, replace(query, text=""), replace(scope, kecamatan_codes=frozenset())):
        return None
    words = name_key(query.text).split()
    if not words:
        return None
    return _NarrowShape(scope.source, len(words), bool(scope.kecamatan_codes), query.descending)


@dataclass(frozen=True, slots=True)
class _NarrowStatements:
    first: Select[*tuple[Any, ...]]  # counts the first cap + 1 matches and sorts their page
    bounded: Select[*tuple[Any, ...]]  # the true page, given the name the first page ends on


@lru_cache(maxsize=32)
def _narrow_statements(shape: _NarrowShape) -> _NarrowStatements:
    """Built and compiled once: building the statement cost more client time than the
    server takes to run it. Bound: the words (w0, w1, ...), the kecamatan codes
    (kecamatan), the cap + 1 (cap), the page (page_offset, page_size) and the bound."""
    name = _NARROW.c.name_key
    narrow: list[ColumnElement[bool]] = [
        name.like(bindparam(f"w{i}"), escape="\\") for i in range(shape.words)
    ]
    if shape.kecamatan:
        narrow.append(_NARROW.c.kecamatan_code.in_(bindparam("kecamatan", expanding=True)))
    matches = select(_NARROW.c.id, name).where(*narrow).limit(bindparam("cap"))
    by_name = name >= bindparam("bound") if shape.descending else name <= bindparam("bound")
    bounded = select(_NARROW.c.id, name).where(*narrow, by_name)
    return _NarrowStatements(
        _count_and_page_statement(matches, shape.source, shape.descending),
        _count_and_page_statement(bounded, shape.source, shape.descending),
    )


@lru_cache(maxsize=32)
def _spelling_statement(
    shape: _NarrowShape, sounds: int, typed: int, capped: bool
) -> Select[*tuple[Any, ...]]:
    """The other spellings of a name searched alone, counted and their page sorted, in one
    statement made once (PostgreSQL). Bound: the sounds (s0, ...), the words as typed
    (t0, ...), the kecamatan codes (kecamatan), the room + 1 (cap) and the page."""
    src = shape.source
    conditions: list[ColumnElement[bool]] = []
    if shape.kecamatan:
        conditions.append(src.c.kecamatan_code.in_(bindparam("kecamatan", expanding=True)))
    conditions += [src.c.name_phonetic.like(bindparam(f"s{i}"), escape="\\") for i in range(sounds)]
    as_typed = [src.c.name_key.like(bindparam(f"t{i}"), escape="\\") for i in range(typed)]
    conditions.append(~and_(*as_typed))
    matches = select(src.c.id, src.c.name_key).where(*conditions)
    if capped:
        matches = matches.limit(bindparam("cap"))
    return _count_and_page_statement(matches, src, shape.descending)


def _like_parameters(prefix: str, words: list[str]) -> dict[str, Any]:
    """Each word as a bound LIKE '%word%' pattern: prefix0, prefix1, ..."""
    return {f"{prefix}{i}": f"%{_escape_like(w)}%" for i, w in enumerate(words)}


def _narrow_name_search(
    session: Session,
    query: WorkerQuery,
    scope: Scope,
    shape: _NarrowShape,
    cap: int,
) -> tuple[list[Row[*tuple[Any, ...]]], int, bool, list[int] | None]:
    """A name search with no other condition, in name order (PostgreSQL).

    The matches are counted (up to the cap) and sorted from the narrow copy of the
    names, whose pages are a fifth of the worker table's: PostgreSQL rechecks each
    trigram candidate on its row, and there the rows are small. Only the page's workers
    are read in full. Beyond the cap, the page of the first cap + 1 matches gives a
    name bound for the true page, which is then sorted from the copy too.
    """
    statements = _narrow_statements(shape)
    words = name_key(query.text).split()
    parameters = _like_parameters("w", words)
    parameters |= {"cap": cap + 1, "page_offset": max(0, query.offset)}
    parameters["page_size"] = _page_size(query)
    if shape.kecamatan:
        parameters["kecamatan"] = sorted(scope.kecamatan_codes)
    rows, total = _page_and_total(session.execute(statements.first, parameters).all())
    if total <= cap:
        return rows, total, True, None
    if len(rows) == _page_size(query):
        parameters["bound"] = rows[-1].page_name
        rows, _ = _page_and_total(session.execute(statements.bounded, parameters).all())
        return rows, total, False, None
    conditions = filters(session, query, scope)
    statement = rows_statement(query, conditions, scope.source, walk_name_index=True)
    return list(session.execute(statement).all()), total, False, None


def _name_alone(
    session: Session,
    query: WorkerQuery,
    src: Table,
    match: str,
    conditions: list[ColumnElement[bool]],
) -> tuple[list[Row[*tuple[Any, ...]]], int, bool, list[int] | None]:
    """A name search with no other condition, in name order (SQLite).

    Few matches (most full names) are read as ids from the trigram index, then their
    rows by id: the ids also serve the other spellings, which need not look the words
    up again. More are counted from the trigram index alone (up to the cap), and the
    page is sorted from the (id, name_key) index; beyond the cap the matches are
    dense enough that walking the name index meets the page early.
    """
    few = session.scalars(_FEW_IDS, {"fts": match, "n": SPELLING_BELOW}).all()
    cap = query.count_limit
    page = {"page_offset": max(0, query.offset), "page_size": _page_size(query)}
    if len(few) < SPELLING_BELOW and (cap is None or len(few) <= cap):
        if not few:
            return [], 0, True, []
        by_ids = _name_alone_statements(src, query.descending).by_ids
        rows = session.execute(by_ids, {"ids": list(few), **page}).all()
        return list(rows), len(few), True, list(few)
    total = len(few) if len(few) < SPELLING_BELOW else _fts_count(session, match, cap)
    if cap is not None:
        total = min(total, cap + 1)
    exact = cap is None or total <= cap
    if exact:
        # The page's ids in name order, from the small index; then their rows.
        on_page = _name_alone_statements(src, query.descending).on_page
        rows = session.execute(on_page, {"fts": match, **page}).all()
        return list(rows), total, exact, None
    statement = rows_statement(query, conditions, src, walk_name_index=True)
    return list(session.execute(statement).all()), total, exact, None


_FEW_IDS = text("SELECT rowid FROM worker_name_fts WHERE worker_name_fts MATCH :fts LIMIT :n")


@dataclass(frozen=True, slots=True)
class _NameAloneStatements:
    by_ids: Select[*tuple[Any, ...]]  # the rows of a few ids (bound: ids), sorted by name
    on_page: Select[*tuple[Any, ...]]  # the page's ids sorted from the small index (bound: fts)


@lru_cache(maxsize=8)
def _name_alone_statements(src: Table, descending: bool) -> _NameAloneStatements:
    """Built once (SQLite): building them cost more client time than the page's look-up.
    Bound besides: page_offset and page_size."""
    query = WorkerQuery(sort=SortKey.NAME, descending=descending)
    by_ids = rows_statement(query, [src.c.id.in_(bindparam("ids", expanding=True))], src)
    direction = "DESC" if descending else "ASC"
    ordered = text(
        f"SELECT id FROM {_BY_NAME_INDEX} WHERE id IN (SELECT rowid FROM "
        "worker_name_fts WHERE worker_name_fts MATCH :fts) "
        f"ORDER BY name_key {direction}, id {direction} LIMIT :page_size OFFSET :page_offset"
    )
    on_page = rows_statement(query, [src.c.id.in_(ordered.columns(column("id")))], src)
    return _NameAloneStatements(
        by_ids.offset(bindparam("page_offset")).limit(bindparam("page_size")),
        # The offset is the ordered ids' own.
        on_page.limit(bindparam("page_size")),
    )


def _count_number_matches(
    session: Session, query: WorkerQuery, scope: Scope, cap: int
) -> tuple[int, bool]:
    """A NIK/KPJ prefix's matches up to the cap, on PostgreSQL: (count, exact).

    Counted as the NIK matches plus the KPJ matches that are not NIK matches, so
    that each part is read from its own index alone; the OR of both visits the
    table for every match (~4 ms for 5,000).
    """
    by_nik, by_kpj = _number_parts(session, digits_of(query.text), scope)
    others = filters(session, replace(query, text=""), scope)
    src = scope.source

    def capped(*where: ColumnElement[bool]) -> Any:
        one: ColumnClause[Any] = literal_column("1")
        found = select(one).select_from(src).where(*where, *others).limit(cap + 1).subquery()
        return select(func.count()).select_from(found).scalar_subquery()

    both = session.scalar(select(capped(by_nik) + capped(by_kpj, ~by_nik))) or 0
    found = min(both, cap + 1)
    return found, found <= cap


def _name_match_alone(
    session: Session, query: WorkerQuery, conditions: list[ColumnElement[bool]]
) -> str | None:
    """The FTS5 query when the name words are the search's only condition (SQLite)."""
    if session.get_bind().dialect.name != "sqlite" or len(conditions) != 1:
        return None
    words = name_key(query.text).split()
    if not words or any(len(w) < FTS_MIN_WORD for w in words):
        return None
    return _fts_phrases(words)


def _fts_count(session: Session, match: str, cap: int | None) -> int:
    """Matches up to cap + 1, read from the trigram index alone.

    The index holds one row per worker (its rowid is the worker's id), so on
    SQLite, where no row-level limit applies, its count is the search's count,
    without a look-up in the worker table per match.
    """
    found = session.scalar(_FTS_COUNT, {"fts": match, "n": -1 if cap is None else cap + 1})
    return found or 0


_FTS_COUNT = text(
    "SELECT count(*) FROM (SELECT rowid FROM worker_name_fts "
    "WHERE worker_name_fts MATCH :fts LIMIT :n)"
)


def _count_with_sorted_page(
    session: Session,
    query: WorkerQuery,
    conditions: list[ColumnElement[bool]],
    cap: int,
    src: Table,
) -> tuple[list[Row[*tuple[Any, ...]]], int]:
    """Matches counted up to cap + 1, and the page of those matches.

    One statement: the matches (id and name) are read once, through their own
    index, then counted and sorted; only the page's rows are read in full.
    Within the cap that is the search's page; beyond it, a page of some of them.
    """
    matches = select(src.c.id, src.c.name_key).where(*conditions).limit(cap + 1)
    return _count_and_page(session, query, matches, src)


def _count_and_page(
    session: Session,
    query: WorkerQuery,
    matches_of: Any,
    src: Table,
    wanted: bool = True,
) -> tuple[list[Row[*tuple[Any, ...]]], int]:
    """The matches (id, name_key) counted, and, when ``wanted``, their page in name order."""
    if not wanted:
        matches = matches_of.cte("matches").prefix_with("MATERIALIZED")
        total = select(func.count().label("total")).select_from(matches).subquery("total")
        return [], session.scalar(select(total.c.total)) or 0
    statement = _count_and_page_statement(matches_of, src, query.descending)
    page = {"page_offset": max(0, query.offset), "page_size": _page_size(query)}
    return _page_and_total(session.execute(statement, page).all())


def _count_and_page_statement(
    matches_of: Any, src: Table, descending: bool
) -> Select[*tuple[Any, ...]]:
    """One statement: the matches (id, name_key) counted, and their page in name order
    (bound: page_offset, page_size). Its rows: ROW_COLUMNS, page_name, then total."""
    matches = matches_of.cte("matches").prefix_with("MATERIALIZED")
    total = select(func.count().label("total")).select_from(matches).subquery("total")
    order = (matches.c.name_key, matches.c.id)
    page = (
        select(*order)
        .order_by(*(c.desc() if descending else c.asc() for c in order))
        .offset(bindparam("page_offset"))
        .limit(bindparam("page_size"))
        .subquery("page")
    )
    rows = page.join(src, src.c.id == page.c.id)
    page_order = (page.c.name_key, page.c.id)
    columns = (*(src.c[name] for name in ROW_COLUMNS), page.c.name_key.label("page_name"))
    return (
        # ROW_COLUMNS first, as in rows_statement: the service reads a page's rows by position.
        select(*columns, total.c.total)
        .select_from(total.outerjoin(rows, true()))
        .order_by(*(c.desc() if descending else c.asc() for c in page_order))
    )


def _page_and_total(
    result: Sequence[Row[*tuple[Any, ...]]],
) -> tuple[list[Row[*tuple[Any, ...]]], int]:
    # One row with no worker when the page is empty.
    return [r for r in result if r.id is not None], result[0].total


def _page_size(query: WorkerQuery) -> int:
    return max(1, min(query.limit, MAX_PAGE))


# Every page row starts with these, in this order (the service reads them by position).
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
) -> Select[*tuple[Any, ...]]:
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
    return stmt.offset(max(0, query.offset)).limit(_page_size(query))


def _ordered(
    stmt: Select[*tuple[Any, ...]], query: WorkerQuery, src: Table, sort_matches: bool
) -> Select[*tuple[Any, ...]]:
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
