"""Every figure of the first screen after sign-in, from SQL aggregates only.

Two passes over the register answer it all: the workers covered today grouped by
funding source, kecamatan, occupation, gender and age band (a few thousand grouped
rows, summed up here into the tiles and bars), and the last twelve months counted
with conditional sums (the premium line; the current month is the premium tile).
The budget tile reads the small money tables; the card tile counts card prints by
status and the claim tile open claims by status (open and overdue as the claims
list means them: models.enums.FINISHED_STATUSES, services.claims.detail.report_overdue).

"Active" on the dashboard means covered today by a coverage period
(``services/coverage_history``), counted under that period's funding source; the
premium line counts each month under the month's funding, as the premium module does. A bar's
``key`` is the filter value for the worker list (kecamatan code, occupation code); a
gender and age bar carries its AgeBand, counted on the same day as the search counts it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import ColumnElement, Row, Table, and_, case, exists, func, select
from sqlalchemy.orm import Session

import services.workers.search as worker_search
from models import CardPrint, Claim, Occupation
from models.enums import (
    FINISHED_STATUSES,
    CardStatus,
    ClaimStatus,
    ClaimType,
    FundingSource,
    Gender,
)
from models.premium import BudgetAllocation, PremiumBill, PremiumPayment
from services import coverage_history
from services.core.context import ServiceContext
from services.core.office_time import office_today
from services.core.permissions import Permission
from services.core.unit_of_work import read_session
from services.coverage_history.sql import period_end
from services.premiums.computation import (
    area_conditions,
    count_months,
    partial_month_rule,
    scope_note,
    totals,
)
from services.premiums.coverage_sql import RULE_TEXT
from services.premiums.months import Month
from services.premiums.rates import RateTable
from services.premiums.types import Area, MonthTotal
from services.reports.optional import CardTiles, ClaimTiles
from services.workers.regions import RegionDirectory
from services.workers.types import AGE_BANDS, AgeBand, years_before

MONTHS_SHOWN = 12
# Open: not finished; a paid claim is still open until it is closed.
OPEN_CLAIMS = tuple(s for s in ClaimStatus if s not in FINISHED_STATUSES)
# Past the first report: a late report can no longer be made up for.
_REPORTING = tuple(s for s in OPEN_CLAIMS if s is not ClaimStatus.PAID)


@dataclass(frozen=True, slots=True)
class Bar:
    key: str  # the worker list's filter value (kecamatan code, occupation code)
    label: str
    count: int


@dataclass(frozen=True, slots=True)
class GenderAgeBar:
    age_band: AgeBand  # the worker list's filter, on the day the dashboard counts ages
    male: int
    female: int

    @property
    def band(self) -> str:  # "25–34", "< 25", "≥ 65"
        return self.age_band.label


@dataclass(frozen=True, slots=True)
class MonthPoint:
    month: Month
    workers: int  # counted for the premium (the partial-month rule applies)
    amount: int


@dataclass(frozen=True, slots=True)
class Dashboard:
    today: date
    active_by_funding: tuple[tuple[FundingSource, int], ...]
    joined_this_month: int  # coverage starting this month
    premium_workers: int  # this month, as the premium report counts them
    premium_amount: int
    budget_year: int
    budget_allocation: int  # this year's allocations, every funding source
    budget_paid: int  # paid for this year's months
    by_kecamatan: tuple[Bar, ...]
    by_occupation: tuple[Bar, ...]
    by_gender_age: tuple[GenderAgeBar, ...]
    per_month: tuple[MonthPoint, ...]  # the last 12 months, oldest first
    rule_text: str
    scope_note: str | None
    cards: CardTiles
    claims: ClaimTiles

    @property
    def active_total(self) -> int:
        return sum(n for _, n in self.active_by_funding)

    @property
    def budget_used_share(self) -> float | None:
        return self.budget_paid / self.budget_allocation if self.budget_allocation else None


def dashboard(
    ctx: ServiceContext,
    today: date | None = None,
    regions: RegionDirectory | None = None,
) -> Dashboard:
    ctx.require(Permission.READ_WORKERS)
    regions = regions or RegionDirectory(ctx)
    rule = partial_month_rule(ctx)
    scope = worker_search.Scope.of(ctx.principal)
    src = scope.source
    with read_session(ctx) as session:
        today = today or office_today(session)
        current = Month.of(today)
        months = [current.shift(-i) for i in range(MONTHS_SHOWN - 1, -1, -1)]
        # Band index by birth date: born on or before the date that makes one N years old
        # today.
        band = case(
            *(
                (src.c.birth_date <= years_before(today, low), index)
                for index, low in reversed(list(enumerate(AGE_BANDS)))
                if low
            ),
            else_=0,
        )
        conditions = area_conditions(session, Area(), scope)
        p = coverage_history.periods()
        grouped = session.execute(
            select(
                p.c.funding,
                src.c.kecamatan_code,
                src.c.occupation_id,
                src.c.gender,
                band,
                func.count(),
            )
            .select_from(src.join(p, coverage_history.covering(p, src.c.id, today)))
            .where(*conditions)
            .group_by(p.c.funding, src.c.kecamatan_code, src.c.occupation_id, src.c.gender, band)
        ).all()
        series = totals(
            count_months(session, src, conditions, months, rule), RateTable.load(session)
        )
        joined = session.scalar(
            select(func.count())
            .select_from(src)
            .where(*conditions, _first_covered_in(src, current))
        )
        occupations = session.execute(
            select(Occupation.id, Occupation.code, Occupation.name).order_by(
                Occupation.sort_order, Occupation.name
            )
        ).all()
        allocation, paid = _budget(session, today.year)
        cards = _card_tiles(session, src, conditions)
        claims = _claim_tiles(session, src, conditions, datetime.now(UTC))
    return _assemble(
        today,
        grouped,
        series,
        int(joined or 0),
        occupations,
        regions,
        (allocation, paid),
        cards,
        claims,
        RULE_TEXT[rule],
        scope_note(ctx, regions),
    )


def _budget(session: Session, year: int) -> tuple[int, int]:
    allocation = session.scalar(
        select(func.coalesce(func.sum(BudgetAllocation.amount), 0)).where(
            BudgetAllocation.year == year
        )
    )
    paid = session.scalar(
        select(func.coalesce(func.sum(PremiumPayment.amount), 0))
        .join(PremiumBill, PremiumBill.id == PremiumPayment.bill_id)
        .where(
            and_(PremiumBill.period >= date(year, 1, 1), PremiumBill.period <= date(year, 12, 1))
        )
    )
    return int(allocation or 0), int(paid or 0)


def _card_tiles(session: Session, src: Table, conditions: list[ColumnElement[bool]]) -> CardTiles:
    printed = CardPrint.status.in_([CardStatus.PRINTED, CardStatus.HANDED_OVER])
    row = session.execute(
        select(
            func.count(func.distinct(case((printed, CardPrint.worker_id)))),
            func.coalesce(func.sum(case((CardPrint.status == CardStatus.PRINTED, 1), else_=0)), 0),
        )
        .join(src, src.c.id == CardPrint.worker_id)
        .where(*conditions)
    ).one()
    return CardTiles(int(row[0] or 0), int(row[1] or 0))


def _claim_tiles(
    session: Session, src: Table, conditions: list[ColumnElement[bool]], now: datetime
) -> ClaimTiles:
    overdue = and_(
        Claim.claim_type == ClaimType.JKK,
        Claim.status.in_(_REPORTING),
        Claim.first_report_at.is_(None),
        Claim.report_deadline_at < now,
    )
    rows = session.execute(
        select(Claim.status, func.count(), func.coalesce(func.sum(case((overdue, 1), else_=0)), 0))
        .join(src, src.c.id == Claim.worker_id)
        .where(*conditions, Claim.status.in_(OPEN_CLAIMS))
        .group_by(Claim.status)
    ).all()
    found = {ClaimStatus(status): (int(n), int(late)) for status, n, late in rows}
    return ClaimTiles(
        tuple((s.value, found.get(s, (0, 0))[0]) for s in OPEN_CLAIMS),
        sum(late for _, late in found.values()),
    )


def _first_covered_in(src: Table, month: Month) -> ColumnElement[bool]:
    """New this month: the worker's first coverage period begins in ``month`` (an IN list
    built from the periods starting this month, a few hundred rows)."""
    p, q = coverage_history.periods(), coverage_history.periods()
    earlier = exists().where(
        q.c.worker_id == p.c.worker_id,
        q.c.start_date < month.first_day,
        period_end(q) >= q.c.start_date,
    )
    return src.c.id.in_(
        select(p.c.worker_id).where(
            p.c.start_date >= month.first_day,
            p.c.start_date <= month.last_day,
            period_end(p) >= p.c.start_date,
            ~earlier,
        )
    )


def _assemble(
    today: date,
    grouped: Sequence[Row[*tuple[Any, ...]]],
    series: list[MonthTotal],
    joined: int,
    occupations: Sequence[Row[*tuple[Any, ...]]],
    regions: RegionDirectory,
    budget: tuple[int, int],
    cards: CardTiles,
    claims: ClaimTiles,
    rule_text: str,
    note: str | None,
) -> Dashboard:
    by_funding: dict[FundingSource, int] = {}
    by_kecamatan: dict[str, int] = {}
    by_occupation: dict[int, int] = {}
    by_band = [[0, 0] for _ in AGE_BANDS]
    for funding, kecamatan, occupation, gender, band, count in grouped:
        by_funding[FundingSource(funding)] = by_funding.get(FundingSource(funding), 0) + count
        by_kecamatan[kecamatan] = by_kecamatan.get(kecamatan, 0) + count
        by_occupation[occupation] = by_occupation.get(occupation, 0) + count
        by_band[int(band)][0 if Gender(gender) is Gender.MALE else 1] += count
    this_month = series[-1]
    return Dashboard(
        today=today,
        active_by_funding=tuple((f, by_funding[f]) for f in FundingSource if f in by_funding),
        joined_this_month=joined,
        premium_workers=this_month.workers,
        premium_amount=this_month.amount,
        budget_year=today.year,
        budget_allocation=budget[0],
        budget_paid=budget[1],
        by_kecamatan=tuple(
            sorted(
                (Bar(code, regions.name(code), n) for code, n in by_kecamatan.items()),
                key=lambda b: b.label,
            )
        ),
        by_occupation=tuple(
            Bar(code, name, by_occupation[oid])
            for oid, code, name in occupations
            if oid in by_occupation
        ),
        by_gender_age=tuple(
            GenderAgeBar(AgeBand(index, today), male, female)
            for index, (male, female) in enumerate(by_band)
        ),
        per_month=tuple(MonthPoint(t.month, t.workers, t.amount) for t in series),
        rule_text=rule_text,
        scope_note=note,
        cards=cards,
        claims=claims,
    )
