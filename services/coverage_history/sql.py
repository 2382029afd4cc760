"""Who is covered when, as SQL over a worker id column: THE expression every count uses.

Periods never overlap (``periods.py`` refuses it) and a status change cuts them, so
"covered on D" is one EXISTS reading ``ix_coverage_period_worker_span`` alone. Each
call makes its own anonymous alias, so the expressions nest and combine freely.
``day``, ``first`` and ``last`` are dates or date columns (a claim's event date).
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence
from datetime import date
from typing import Any, cast

from sqlalchemy import ColumnElement, Date, and_, func, literal, or_, select
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.orm import QueryableAttribute
from sqlalchemy.sql.expression import FunctionElement
from sqlalchemy.sql.selectable import Alias

from models import CoveragePeriod

# An open end as a far-away date: each condition stays two plain comparisons.
LATEST = date(9999, 12, 31)

DayLike = date | ColumnElement[Any]
# A worker's id as SQL: a table's column (``src.c.id``) or the mapped attribute (``Worker.id``).
WorkerIdLike = ColumnElement[Any] | QueryableAttribute[Any]


class next_day(FunctionElement[date]):
    """The day after a date column, on both engines."""

    type = Date()
    inherit_cache = True


@compiles(next_day, "sqlite")
def _next_day_sqlite(element: next_day, compiler: Any, **kw: Any) -> str:
    return f"date({compiler.process(element.clauses, **kw)}, '+1 day')"


@compiles(next_day)
def _next_day_default(element: next_day, compiler: Any, **kw: Any) -> str:
    return f"({compiler.process(element.clauses, **kw)} + 1)"


class periods_first(FunctionElement[Any]):
    """A period's worker column in a join the planner should drive from the periods:
    SQLite's planner, without statistics, walks every worker and probes the periods by
    worker (150,000 probes for a month's ~100,000 covered workers); a unary ``+`` keeps it
    from probing that index, so it reads the month's periods in one pass over
    ``ix_coverage_period_funding_span`` and looks each worker up by id. Only for
    whole-register counts: with a kecamatan filter, walking the few workers is better.
    PostgreSQL plans the join on statistics and gets the column as is."""

    inherit_cache = True


@compiles(periods_first, "sqlite")
def _periods_first_sqlite(element: periods_first, compiler: Any, **kw: Any) -> str:
    return f"+{compiler.process(element.clauses, **kw)}"


@compiles(periods_first)
def _periods_first_default(element: periods_first, compiler: Any, **kw: Any) -> str:
    return compiler.process(element.clauses, **kw)


class month_start(FunctionElement[date]):
    """The first day of a date column's month, on both engines."""

    type = Date()
    inherit_cache = True


@compiles(month_start, "sqlite")
def _month_start_sqlite(element: month_start, compiler: Any, **kw: Any) -> str:
    return f"date({compiler.process(element.clauses, **kw)}, 'start of month')"


@compiles(month_start)
def _month_start_default(element: month_start, compiler: Any, **kw: Any) -> str:
    # On a timestamp without time zone: the session's time zone cannot move the day.
    column = compiler.process(element.clauses, **kw)
    return f"CAST(date_trunc('month', CAST({column} AS TIMESTAMP)) AS DATE)"


class month_end(FunctionElement[date]):
    """The last day of a date column's month, on both engines."""

    type = Date()
    inherit_cache = True


@compiles(month_end, "sqlite")
def _month_end_sqlite(element: month_end, compiler: Any, **kw: Any) -> str:
    column = compiler.process(element.clauses, **kw)
    return f"date({column}, 'start of month', '+1 month', '-1 day')"


@compiles(month_end)
def _month_end_default(element: month_end, compiler: Any, **kw: Any) -> str:
    column = compiler.process(element.clauses, **kw)
    return (
        f"CAST(date_trunc('month', CAST({column} AS TIMESTAMP)) + interval '1 month - 1 day' "
        "AS DATE)"
    )


def periods() -> Alias:
    """A fresh alias of the periods table."""
    # Table.alias() makes an Alias; SQLAlchemy annotates it as the wider NamedFromClause.
    return cast(Alias, CoveragePeriod.__table__.alias())


def period_end(p: Alias) -> ColumnElement[Any]:
    """The last covered day of a period, open ends as 9999-12-31."""
    return func.coalesce(p.c.end_date, literal(LATEST, Date))


def _day(value: DayLike) -> ColumnElement[Any]:
    return literal(value, Date) if isinstance(value, date) else value


def _exists(p: Alias, *conditions: ColumnElement[bool]) -> ColumnElement[bool]:
    """EXISTS over ``p`` correlated to every other table, however deeply it is nested
    (auto-correlation only looks at the enclosing SELECT)."""
    return select(literal(1)).where(*conditions).correlate_except(p).exists()


def covering(p: Alias, worker_id: WorkerIdLike, day: DayLike) -> ColumnElement[bool]:
    """The condition "period ``p`` of this worker covers ``day``" (for joins)."""
    d = _day(day)
    return and_(p.c.worker_id == worker_id, p.c.start_date <= d, period_end(p) >= d)


def covered_on(worker_id: WorkerIdLike, day: DayLike) -> ColumnElement[bool]:
    """Covered on ``day`` (the day a status change takes effect is still covered)."""
    p = periods()
    return _exists(p, covering(p, worker_id, day))


def covered_on_many(worker_id: WorkerIdLike, day: DayLike) -> ColumnElement[bool]:
    """``covered_on`` for filters over many workers: the same condition as one IN list of
    covered workers, which SQLite builds by one pass over the index instead of one
    probe per worker (five times faster on a whole register; for a handful of workers
    use ``covered_on``). PostgreSQL plans both as the same semi-join."""
    p = periods()
    d = _day(day)
    return worker_id.in_(select(p.c.worker_id).where(p.c.start_date <= d, period_end(p) >= d))


def covered_between(worker_id: WorkerIdLike, first: DayLike, last: DayLike) -> ColumnElement[bool]:
    """Covered on at least one day from ``first`` to ``last``."""
    p = periods()
    return _exists(
        p,
        p.c.worker_id == worker_id,
        p.c.start_date <= _day(last),
        period_end(p) >= _day(first),
        period_end(p) >= p.c.start_date,  # an emptied period covers no day
    )


def covered_throughout(
    worker_id: WorkerIdLike, first: DayLike, last: DayLike
) -> ColumnElement[bool]:
    """Covered on every day from ``first`` to ``last``: covered on ``first``, and every
    period ending inside the span is followed the next day by another (a change of
    funding mid-month leaves no gap)."""
    p, q = periods(), periods()
    lo, hi = _day(first), _day(last)
    gap_after = and_(
        p.c.worker_id == worker_id,
        p.c.start_date <= hi,
        p.c.end_date >= lo,
        p.c.end_date >= p.c.start_date,  # an emptied period is no coverage at all
        p.c.end_date < hi,
        ~_exists(
            q,
            q.c.worker_id == worker_id,
            q.c.start_date <= next_day(p.c.end_date),
            period_end(q) > p.c.end_date,
        ),
    )
    return and_(covered_on(worker_id, lo), ~_exists(p, gap_after))


def funding_on(worker_id: WorkerIdLike, day: DayLike) -> ColumnElement[Any]:
    """The funding source of the period covering ``day`` (NULL when not covered)."""
    p = periods()
    return (
        select(p.c.funding)
        .where(covering(p, worker_id, day))
        .correlate_except(p)
        .limit(1)
        .scalar_subquery()
    )


def kpj_on(worker_id: WorkerIdLike, day: DayLike) -> ColumnElement[Any]:
    """The KPJ recorded on the period covering ``day`` (NULL when not covered or none)."""
    p = periods()
    return (
        select(p.c.kpj)
        .where(covering(p, worker_id, day))
        .correlate_except(p)
        .limit(1)
        .scalar_subquery()
    )


def funding_in(worker_id: WorkerIdLike, first: DayLike, last: DayLike) -> ColumnElement[Any]:
    """The funding source a span (a premium month) is counted under: that of the latest
    period covering any of its days."""
    p = periods()
    return (
        select(p.c.funding)
        .where(
            p.c.worker_id == worker_id,
            p.c.start_date <= _day(last),
            period_end(p) >= _day(first),
            period_end(p) >= p.c.start_date,
        )
        .correlate_except(p)
        .order_by(p.c.start_date.desc())
        .limit(1)
        .scalar_subquery()
    )


def real(p: Alias) -> ColumnElement[bool]:
    """Period ``p`` covers at least one day (not emptied by a status change)."""
    return period_end(p) >= p.c.start_date


def represents(p: Alias, first: date, last: date) -> ColumnElement[bool]:
    """Period ``p`` is its worker's counted period for the span: it covers a day of it and
    no later period starts within it -- the period ``funding_in`` reads. Counting
    ``p``'s rows under this condition counts each covered worker once, in one pass over
    the periods; the inner EXISTS runs only for periods ending inside the span."""
    lo, hi = _day(first), _day(last)
    q = periods()
    later_in_span = _exists(
        q,
        q.c.worker_id == p.c.worker_id,
        q.c.start_date > p.c.start_date,
        q.c.start_date <= hi,
        real(q),
    )
    return and_(
        p.c.start_date <= hi,
        period_end(p) >= lo,
        or_(period_end(p) >= hi, ~later_in_span),
    )


def represents_throughout(p: Alias, first: date, last: date) -> ColumnElement[bool]:
    """``represents`` and the worker covered on every day of the span: the counted period
    reaches the span's end, and the days before it began are covered too."""
    lo, hi = _day(first), _day(last)
    return and_(
        represents(p, first, last),
        period_end(p) >= hi,
        or_(p.c.start_date <= lo, covered_throughout(p.c.worker_id, lo, p.c.start_date)),
    )


# -- many months in one pass: the periods grouped by funding and dates ----------------
#
# ``represents`` evaluated for twelve months is twelve conditions on every period row,
# the most expensive part of Beranda. A period's counted months are a run, though: every
# month from its first to its last, except that its last month may go to a later period
# (``represents``: a later period starts in it) and, under the "none" rule, its first and
# last months count only when covered throughout. So the database groups the periods by
# (funding, start, end) -- in the order of ``ix_coverage_period_funding_span``, no sort --
# with two counts that only the database can answer (``ends_taken_over``,
# ``starts_joined``), and ``months_of_rows`` spreads each group over its months. The
# result is the same as counting ``represents`` / ``represents_throughout`` per month
# (the property tests compare them).


def ends_taken_over(p: Alias, last: date) -> ColumnElement[bool]:
    """Period ``p`` ends inside a month of the window before that month's last day and a
    later period of its worker starts by then: ``represents`` gives that month to the
    later period."""
    q = periods()
    return and_(
        p.c.end_date <= _day(last),
        p.c.end_date < month_end(p.c.end_date),
        _exists(
            q,
            q.c.worker_id == p.c.worker_id,
            q.c.start_date > p.c.start_date,
            q.c.start_date <= month_end(p.c.end_date),
            real(q),
        ),
    )


def starts_joined(p: Alias, first: date) -> ColumnElement[bool]:
    """Period ``p`` starts inside the window after its month's first day and the days of
    that month before it are covered (``represents_throughout``'s question for that month)."""
    lo = month_start(p.c.start_date)
    return and_(
        p.c.start_date >= _day(first),
        p.c.start_date > lo,
        covered_throughout(p.c.worker_id, lo, p.c.start_date),
    )


def months_of_rows(
    rows: Iterable[tuple[Any, date, date | None, int, int, int]],
    months: Sequence[tuple[date, date]],
    throughout: bool,
) -> list[dict[Any, int]]:
    """Per month (first day, last day; sorted), the periods counted in it per funding, from
    rows (funding, start, end, periods, of them ``ends_taken_over``, of them
    ``starts_joined``). ``throughout``: the "none" rule (``represents_throughout``)."""
    # Each group adds its count to a run of months (a difference array per funding,
    # summed at the end), corrected on its first and last month: one step per group,
    # not one per month (Beranda has thousands of groups).
    firsts = [m_first for m_first, _ in months]
    lasts = [m_last for _, m_last in months]
    steps: dict[Any, list[int]] = {}
    for funding, start, end, n, taken_over, joined in rows:
        end = end or LATEST
        first = bisect_left(lasts, start)  # the first month ending on or after the start
        last = bisect_right(firsts, end) - 1  # the last month beginning by the end
        if first > last:
            continue
        step = steps.setdefault(funding, [0] * (len(months) + 1))
        step[first] += n
        step[last + 1] -= n
        ends_inside = end < lasts[last]
        if ends_inside:  # the period's last month, ended inside it
            counted = 0 if throughout else n - taken_over
            step[last] += counted - n
            step[last + 1] -= counted - n
        if throughout and start > firsts[first] and not (ends_inside and first == last):
            step[first] += joined - n
            step[first + 1] -= joined - n
    counts: list[dict[Any, int]] = [{} for _ in months]
    for funding, step in steps.items():
        running = 0
        for index in range(len(months)):
            running += step[index]
            if running:
                counts[index][funding] = running
    return counts
