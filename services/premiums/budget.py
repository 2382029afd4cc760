"""The year's APBD allocation (pagu) per funding source, and how far it will go.

For each source: paid so far for the year's months; still owed for the months up to
the current one (billed, or computed where no bill was recorded yet, minus paid);
committed for the months after it at today's count of covered workers and each
month's rate; and the allocation minus all three (a negative balance: a shortfall).
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import select

import services.workers.search as worker_search
from models.base import utc_now
from models.enums import FundingSource
from models.premium import BudgetAllocation
from services.core.context import ServiceContext
from services.core.errors import Problem, ValidationError
from services.core.office_time import office_today
from services.core.permissions import Permission
from services.core.unit_of_work import read_session, unit_of_work
from services.premiums.computation import (
    area_conditions,
    count_covered_on,
    count_months,
    partial_month_rule,
    scope_note,
    totals,
)
from services.premiums.coverage_sql import RULE_TEXT
from services.premiums.ledger import bills_in
from services.premiums.months import Month, months_of_year
from services.premiums.rates import RateTable
from services.premiums.types import (
    AllocationInput,
    AllocationRow,
    Area,
    BillRow,
    BudgetLine,
    BudgetStatus,
    MonthTotal,
)
from services.text.labels import FUNDING
from services.workers.regions import RegionDirectory

MAX_CODE = 60
# Workers who pay their own premium: no office budget unless an allocation says otherwise.
SELF_PAID = frozenset({FundingSource.MANDIRI})


def set_allocation(ctx: ServiceContext, data: AllocationInput) -> AllocationRow:
    """The allocation of ``data.year`` for one source: new, or changed (APBD Perubahan)."""
    ctx.require(Permission.PREMIUMS)
    problems = []
    if not 2000 <= data.year <= 2999:
        problems.append(
            Problem("year_range", "year", f"Tahun anggaran {data.year} tidak masuk akal.")
        )
    if data.amount < 0:
        problems.append(Problem("amount_negative", "amount", "Pagu tidak boleh negatif."))
    code = (data.budget_code or "").strip() or None
    if code and len(code) > MAX_CODE:
        problems.append(
            Problem("budget_code_long", "budget_code", f"Kode rekening paling panjang {MAX_CODE}.")
        )
    if problems:
        raise ValidationError(problems, record=f"pagu {FUNDING[data.funding]} {data.year}")
    with unit_of_work(ctx) as session:
        allocation = session.scalars(
            select(BudgetAllocation).where(
                BudgetAllocation.year == data.year, BudgetAllocation.funding == data.funding
            )
        ).first() or BudgetAllocation(year=data.year, funding=data.funding)
        allocation.amount = data.amount
        allocation.budget_code = code
        allocation.note = (data.note or "").strip() or None
        allocation.updated_at = utc_now()
        allocation.updated_by = ctx.user_name
        session.add(allocation)
        session.flush()
        return _row(allocation)


def list_allocations(ctx: ServiceContext, year: int) -> list[AllocationRow]:
    ctx.require(Permission.READ_WORKERS)
    with read_session(ctx) as session:
        found = session.scalars(select(BudgetAllocation).where(BudgetAllocation.year == year))
        rows = [_row(a) for a in found]
    order = list(FundingSource)
    return sorted(rows, key=lambda r: order.index(r.funding))


def _row(a: BudgetAllocation) -> AllocationRow:
    return AllocationRow(a.id, a.year, a.funding, a.amount, a.budget_code, a.note)


def budget_status(
    ctx: ServiceContext,
    year: int | None = None,
    today: date | None = None,
    regions: RegionDirectory | None = None,
) -> BudgetStatus:
    """Each funding source with an allocation, bills, or (unless self-paid) covered workers."""
    ctx.require(Permission.READ_WORKERS)
    rule = partial_month_rule(ctx)
    scope = worker_search.Scope.of(ctx.principal)
    with read_session(ctx) as session:
        today = today or office_today(session)
        year = year or today.year
        months = months_of_year(year)
        current = Month.of(today)
        past = [m for m in months if m <= current]
        ahead = [m for m in months if m > current]
        conditions = area_conditions(session, Area(), scope)
        rates = RateTable.load(session)
        computed = totals(count_months(session, scope.source, conditions, past, rule), rates)
        workers_today = count_covered_on(session, scope.source, conditions, today)
        bills = bills_in(session, months[0], months[-1])
        allocations = {
            a.funding: a
            for a in session.scalars(select(BudgetAllocation).where(BudgetAllocation.year == year))
        }
    lines = []
    for funding in FundingSource:
        allocation = allocations.get(funding)
        own_bills = [b for b in bills if b.funding is funding]
        count = workers_today.get(funding, 0)
        if allocation is None and not own_bills and (not count or funding in SELF_PAID):
            continue
        committed = sum(count * rates.require(funding, m).total for m in ahead) if count else 0
        lines.append(
            BudgetLine(
                funding=funding,
                allocation=allocation.amount if allocation else None,
                budget_code=allocation.budget_code if allocation else None,
                paid=sum(b.paid for b in own_bills),
                outstanding=_outstanding(funding, past, computed, own_bills),
                committed=committed,
                workers_today=count,
                months_remaining=len(ahead),
            )
        )
    return BudgetStatus(year, today, tuple(lines), RULE_TEXT[rule], scope_note(ctx, regions))


def _outstanding(
    funding: FundingSource, past: list[Month], computed: list[MonthTotal], bills: list[BillRow]
) -> int:
    """Per past month: the bills' unpaid rest, or the computed premium when nothing was billed."""
    owed = 0
    by_month = {t.month: t.of(funding).amount for t in computed}
    for month in past:
        billed = [b for b in bills if b.month == month]
        if billed:
            owed += sum(max(0, b.unpaid) for b in billed)
        else:
            owed += by_month.get(month, 0)
    return owed
