"""The premium the register says is due: workers counted per month, times the month's rate.

Counting is the database's work (one scan with conditional sums per call, never
a worker row in Python); rates are a handful of rows multiplied here. Every
count goes through the clerk's scope (services.workers.search.Scope), so a clerk
limited to some kecamatan gets their kecamatan's figures, said so on reports.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from sqlalchemy import ColumnElement, Table, func, select
from sqlalchemy.orm import Session

import services.workers.search as worker_search
from models.enums import FundingSource
from services import coverage_history
from services.core.context import ServiceContext
from services.core.permissions import Permission
from services.core.unit_of_work import read_session
from services.premiums.coverage_sql import (
    RULE_KEY,
    RULE_TEXT,
    covered_on,
    funding_on,
    month_groups,
    months_counted,
    parse_rule,
    spread_over_months,
)
from services.premiums.months import Month
from services.premiums.rates import RateTable
from services.premiums.types import (
    Area,
    FundingTotal,
    MonthlyPremium,
    MonthTotal,
    PartialMonthRule,
    PremiumLine,
)
from services.settings.store import SettingsService
from services.workers.regions import RegionDirectory
from services.workers.types import WorkerQuery


def partial_month_rule(ctx: ServiceContext) -> PartialMonthRule:
    return parse_rule(SettingsService(ctx).get(RULE_KEY))


def area_conditions(
    session: Session, area: Area, scope: worker_search.Scope, day: date | None = None
) -> list[ColumnElement[bool]]:
    """The clerk's scope and the area, as the worker list would filter them. The area's
    funding source is the one on ``day`` (the coverage history's), or without a day the
    worker's current one; premium counts leave it out and filter each month's funding."""
    query = WorkerQuery(
        kecamatan_code=area.kecamatan_code,
        village_code=area.village_code,
        funding=area.funding,
        covered_on=day if area.funding else None,
    )
    conditions = worker_search.filters(session, query, scope)
    return conditions


def place_conditions(
    session: Session, area: Area, scope: worker_search.Scope
) -> list[ColumnElement[bool]]:
    """The clerk's scope and the area's kecamatan or village, without its funding source."""
    return worker_search.filters(
        session,
        WorkerQuery(kecamatan_code=area.kecamatan_code, village_code=area.village_code),
        scope,
    )


def scope_note(ctx: ServiceContext, regions: RegionDirectory | None = None) -> str | None:
    """Said on every figure of a clerk limited to some kecamatan."""
    principal = ctx.principal
    if principal is None or not principal.kecamatan_codes:
        return None
    regions = regions or RegionDirectory(ctx)
    names = ", ".join(regions.name(c) for c in sorted(principal.kecamatan_codes))
    return f"Hanya peserta di kecamatan yang boleh dilihat akun ini: {names}."


def count_months(
    session: Session,
    src: Table,
    conditions: list[ColumnElement[bool]],
    months: list[Month],
    rule: PartialMonthRule,
    funding: FundingSource | None = None,
) -> dict[Month, dict[FundingSource, int]]:
    """Workers counted in each month, per the funding source of that month, in one pass
    over the register's periods (``coverage_sql.month_groups``). ``conditions`` must not
    filter a funding source: give ``funding`` instead, which is the month's."""
    if not months:
        return {}
    months = sorted(months)
    p, rows_in_range, columns = month_groups(months, rule)
    where = [rows_in_range, *conditions] + ([p.c.funding == funding] if funding else [])
    # Without a condition on the worker (an unlimited clerk, no area) the periods alone
    # answer: one pass over ix_coverage_period_funding_span, no join.
    source = src.join(p, p.c.worker_id == src.c.id) if conditions else p
    rows = session.execute(
        select(*columns)
        .select_from(source)
        .where(*where)
        .group_by(p.c.funding, p.c.start_date, p.c.end_date)
    ).all()
    spread = spread_over_months(rows, months, rule)
    return {
        month: {FundingSource(f): n for f, n in by_funding.items()}
        for month, by_funding in zip(months, spread, strict=True)
    }


def count_covered_on(
    session: Session, src: Table, conditions: list[ColumnElement[bool]], day: date
) -> dict[FundingSource, int]:
    """Workers covered on ``day`` per the funding source of that day."""
    funding = funding_on(src, day)
    rows = session.execute(
        select(funding, func.count())
        .select_from(src)
        .where(*conditions, covered_on(src, day))
        .group_by(funding)
    ).all()
    return {FundingSource(f): int(n) for f, n in rows}


def totals(counts: dict[Month, dict[FundingSource, int]], rates: RateTable) -> list[MonthTotal]:
    """Counts turned into money with each month's rate."""
    result = []
    for month, by_funding in counts.items():
        lines = tuple(
            FundingTotal(f, by_funding[f], by_funding[f] * rates.require(f, month).total)
            for f in FundingSource
            if by_funding.get(f)
        )
        result.append(MonthTotal(month, lines))
    return result


def premium_series(
    ctx: ServiceContext, months: Iterable[Month], area: Area | None = None
) -> list[MonthTotal]:
    """Workers counted and premium per month and funding source (e.g. the 12 months of a year)."""
    ctx.require(Permission.READ_WORKERS)
    rule = partial_month_rule(ctx)
    scope = worker_search.Scope.of(ctx.principal)
    with read_session(ctx) as session:
        area = area or Area()
        conditions = place_conditions(session, area, scope)
        counts = count_months(
            session, scope.source, conditions, sorted(set(months)), rule, area.funding
        )
        return totals(counts, RateTable.load(session))


def monthly_premium(
    ctx: ServiceContext,
    month: Month,
    area: Area | None = None,
    regions: RegionDirectory | None = None,
) -> MonthlyPremium:
    """The month's premium per kecamatan and funding source, with the rule and the rates."""
    ctx.require(Permission.READ_WORKERS)
    regions = regions or RegionDirectory(ctx)
    rule = partial_month_rule(ctx)
    scope = worker_search.Scope.of(ctx.principal)
    src = scope.source
    area = area or Area()
    with read_session(ctx) as session:
        conditions = place_conditions(session, area, scope)
        p, rows_in_range, (counted,) = months_counted([month], rule)
        funding = [p.c.funding == area.funding] if area.funding else []
        # The whole register: read the month's periods first (see ``periods_first``).
        worker_id = p.c.worker_id if conditions else coverage_history.periods_first(p.c.worker_id)
        rows = session.execute(
            select(src.c.kecamatan_code, p.c.funding, func.count())
            .select_from(src.join(p, worker_id == src.c.id))
            .where(rows_in_range, *conditions, counted, *funding)
            .group_by(src.c.kecamatan_code, p.c.funding)
        ).all()
        rates = RateTable.load(session)
    lines = [
        PremiumLine(
            code,
            regions.name(code),
            FundingSource(funding),
            int(n),
            rates.require(FundingSource(funding), month),
        )
        for code, funding, n in rows
    ]
    order = list(FundingSource)
    lines.sort(key=lambda line: (line.kecamatan_name, order.index(line.funding)))
    used = {line.funding for line in lines} | ({area.funding} if area.funding else set())
    return MonthlyPremium(
        month=month,
        rule=rule,
        rule_text=RULE_TEXT[rule],
        lines=tuple(lines),
        rates=tuple((f, r) for f in order if f in used and (r := rates.rate(f, month))),
        scope_note=scope_note(ctx, regions),
    )
