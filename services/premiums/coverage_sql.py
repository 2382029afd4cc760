"""Who is covered when, for premiums and reports: the coverage history's expressions
(``services/coverage_history``) applied to the worker table or the viewers' masked view.

A worker is covered on the days of their coverage periods (a status change ends them;
a worker is covered on the day they die); a month is counted under the funding of the
latest period covering a day of it. Nothing here decides coverage on its own.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, Table, and_, case, func, literal

from services import coverage_history as history
from services.core.errors import SiRentanError
from services.premiums.months import Month
from services.premiums.types import PartialMonthRule
from services.settings.catalog import SPECS, where

RULE_KEY = "premium.partial_month"

RULE_TEXT = {
    PartialMonthRule.FULL: (
        "Peserta yang mulai atau berhenti di tengah bulan dihitung satu bulan penuh."
    ),
    PartialMonthRule.NONE: (
        "Peserta yang mulai atau berhenti di tengah bulan tidak dihitung untuk bulan itu; "
        "hanya yang terlindungi sepanjang bulan yang dihitung."
    ),
}


def covered_between(src: Table, first: date, last: date) -> ColumnElement[bool]:
    """Covered on at least one day from ``first`` to ``last``."""
    return history.covered_between(src.c.id, first, last)


def covered_throughout(src: Table, first: date, last: date) -> ColumnElement[bool]:
    """Covered on every day from ``first`` to ``last``."""
    return history.covered_throughout(src.c.id, first, last)


def covered_on(src: Table, day: date) -> ColumnElement[bool]:
    return history.covered_on(src.c.id, day)


def funding_on(src: Table, day: date) -> ColumnElement[Any]:
    """The funding source on ``day`` (NULL when not covered)."""
    return history.funding_on(src.c.id, day)


def counted_in(src: Table, month: Month, rule: PartialMonthRule) -> ColumnElement[bool]:
    """Whether a worker's premium is due for ``month`` under the partial-month rule."""
    if rule is PartialMonthRule.FULL:
        return covered_between(src, month.first_day, month.last_day)
    return covered_throughout(src, month.first_day, month.last_day)


def month_funding(src: Table, month: Month) -> ColumnElement[Any]:
    """The funding source a worker's month is counted under."""
    return history.funding_in(src.c.id, month.first_day, month.last_day)


def counted_under(
    src: Table, month: Month, rule: PartialMonthRule, funding: Any
) -> ColumnElement[bool]:
    """Counted in ``month`` under the funding source ``funding``."""
    return and_(counted_in(src, month, rule), month_funding(src, month) == funding)


def months_counted(months: list[Month], rule: PartialMonthRule) -> tuple[Any, Any, list[Any]]:
    """For a one-pass count of a few months over the periods: the periods alias ``p`` (join
    it on ``p.c.worker_id == src.c.id`` when filtering workers, group by
    ``p.c.funding``), the condition every row must meet, and per month the condition
    that a row is counted in it (agrees with ``counted_under``). For many months use
    ``month_groups``."""
    p = history.periods()
    first, last = months[0].first_day, months[-1].last_day
    rows = and_(history.real(p), p.c.start_date <= last, history.period_end(p) >= first)
    pick = history.represents if rule is PartialMonthRule.FULL else history.represents_throughout
    return p, rows, [pick(p, m.first_day, m.last_day) for m in months]


def month_groups(months: list[Month], rule: PartialMonthRule) -> tuple[Any, Any, list[Any]]:
    """For counting many months at once: the periods alias ``p``, the condition every row
    must meet, and the columns to select grouped by (funding, start, end) -- in that order,
    for ``spread_over_months`` (agrees with ``counted_under`` month by month)."""
    p = history.periods()
    first, last = months[0].first_day, months[-1].last_day
    rows = and_(history.real(p), p.c.start_date <= last, history.period_end(p) >= first)
    if rule is PartialMonthRule.FULL:
        flags = [func.count(case((history.ends_taken_over(p, last), 1))), literal(0)]
    else:
        flags = [literal(0), func.count(case((history.starts_joined(p, first), 1)))]
    columns = [p.c.funding, p.c.start_date, p.c.end_date, func.count(), *flags]
    return p, rows, columns


def spread_over_months(
    rows: Iterable[Any], months: list[Month], rule: PartialMonthRule
) -> list[dict[Any, int]]:
    """``month_groups``' rows turned into each month's count per funding."""
    return history.months_of_rows(
        rows,
        [(m.first_day, m.last_day) for m in months],
        throughout=rule is PartialMonthRule.NONE,
    )


def parse_rule(value: str) -> PartialMonthRule:
    try:
        return PartialMonthRule(value.strip().lower())
    except ValueError:
        raise SiRentanError(
            f"Pengaturan “{SPECS[RULE_KEY].label}” berisi '{value}'; pilih “Dihitung sebulan "
            f"penuh” atau “Tidak dihitung” di {where(RULE_KEY)} (atau minta administrator)."
        ) from None
