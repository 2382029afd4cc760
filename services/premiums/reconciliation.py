"""Computed vs billed vs paid, per month and funding source; and, once BPJS's list of
billed participants is imported for a bill, the workers behind the difference."""

from __future__ import annotations

from typing import Any

from sqlalchemy import and_, exists, func, not_, select
from sqlalchemy.orm import Session

import services.workers.search as worker_search
from models.enums import FundingSource, WorkerStatus
from models.premium import BpjsList, BpjsListEntry
from services.core.context import ServiceContext
from services.core.errors import NotFoundError
from services.core.permissions import Permission
from services.core.unit_of_work import read_session
from services.premiums.computation import (
    area_conditions,
    count_months,
    partial_month_rule,
    scope_note,
    totals,
)
from services.premiums.coverage_sql import RULE_TEXT, counted_under
from services.premiums.ledger import bills_in, get_bill
from services.premiums.months import Month, months_between
from services.premiums.rates import RateTable
from services.premiums.types import (
    Area,
    BillOwed,
    BillRow,
    DifferenceKind,
    DifferenceRow,
    Drilldown,
    PartialMonthRule,
    Reconciliation,
    ReconciliationLine,
)
from services.text.formatting import long_date
from services.text.labels import FUNDING, WORKER_STATUS
from services.workers.regions import RegionDirectory

_WORKER_COLUMNS = (
    "id",
    "nik",
    "kpj",
    "full_name",
    "name_key",
    "kecamatan_code",
    "village_code",
    "funding",
    "status",
    "status_date",
    "coverage_start",
    "coverage_end",
)


def reconcile(
    ctx: ServiceContext,
    first: Month,
    last: Month | None = None,
    funding: FundingSource | None = None,
    regions: RegionDirectory | None = None,
) -> Reconciliation:
    """A line per month from ``first`` to ``last`` and per funding source with workers or bills."""
    ctx.require(Permission.READ_WORKERS)
    last = last or first
    months = months_between(first, last)
    rule = partial_month_rule(ctx)
    scope = worker_search.Scope.of(ctx.principal)
    with read_session(ctx) as session:
        conditions = area_conditions(session, Area(), scope)
        counts = count_months(session, scope.source, conditions, months, rule, funding)
        computed = {t.month: t for t in totals(counts, RateTable.load(session))}
        bills = bills_in(session, first, last, funding)
    lines = []
    for month in months:
        for source in FundingSource:
            if funding is not None and source is not funding:
                continue
            own = [b for b in bills if b.month == month and b.funding is source]
            mine = computed[month].of(source)
            if not own and not mine.workers:
                continue
            lines.append(
                ReconciliationLine(
                    month=month,
                    funding=source,
                    computed_workers=mine.workers,
                    computed_amount=mine.amount,
                    billed_workers=sum(b.workers_billed for b in own) if own else None,
                    billed_amount=sum(b.amount for b in own) if own else None,
                    paid=sum(b.paid for b in own),
                    bill_ids=tuple(b.id for b in own),
                    lists_imported=sum(1 for b in own if b.list_rows is not None),
                    bills=tuple(BillOwed(b.bill_number, b.amount, b.paid) for b in own),
                )
            )
    return Reconciliation(first, last, tuple(lines), RULE_TEXT[rule], scope_note(ctx, regions))


def drilldown(
    ctx: ServiceContext, bill_id: int, regions: RegionDirectory | None = None
) -> Drilldown:
    """The workers behind a bill's difference: needs BPJS's list imported for the bill."""
    ctx.require(Permission.SEE_FULL_IDENTITY)
    bill = get_bill(ctx, bill_id)
    regions = regions or RegionDirectory(ctx)
    rule = partial_month_rule(ctx)
    scope = worker_search.Scope.of(ctx.principal)
    with read_session(ctx) as session:
        list_id = session.scalar(select(BpjsList.id).where(BpjsList.bill_id == bill.id))
        if list_id is None:
            raise NotFoundError(
                f"Daftar peserta dari BPJS untuk tagihan {bill.bill_number} belum diimpor. "
                "Impor berkas Excel daftar peserta tertagih dulu."
            )
        finder = _Differences(session, scope, bill, list_id, rule, regions)
        counted = finder.counted()
        rows = finder.not_billed() + finder.not_in_register() + finder.not_counted()
        rows += finder.billed_twice()
        list_rows, matched = finder.list_size()
    return Drilldown(
        bill=bill,
        counted_workers=counted,
        list_rows=list_rows,
        matched_rows=matched,
        rows=tuple(rows),
        rule_text=RULE_TEXT[rule],
        scope_note=scope_note(ctx, regions),
    )


class _Differences:
    def __init__(
        self,
        session: Session,
        scope: worker_search.Scope,
        bill: BillRow,
        list_id: int,
        rule: PartialMonthRule,
        regions: RegionDirectory,
    ) -> None:
        self._session = session
        self._regions = regions
        self._src = scope.source
        self._bill = bill
        self._list_id = list_id
        self._rule = rule
        self._visible = area_conditions(session, Area(), scope)
        self._counted = and_(
            *self._visible, counted_under(self._src, bill.month, rule, bill.funding)
        )

    def counted(self) -> int:
        statement = select(func.count()).select_from(self._src).where(self._counted)
        return int(self._session.scalar(statement) or 0)

    def list_size(self) -> tuple[int, int]:
        e = BpjsListEntry
        row = self._session.execute(
            select(func.count(), func.count(e.worker_id)).where(e.list_id == self._list_id)
        ).one()
        return int(row[0]), int(row[1])

    def not_billed(self) -> list[DifferenceRow]:
        src, e = self._src, BpjsListEntry
        on_list = exists().where(e.list_id == self._list_id, e.worker_id == src.c.id)
        rows = self._session.execute(
            select(*(src.c[n] for n in _WORKER_COLUMNS))
            .where(self._counted, not_(on_list))
            .order_by(src.c.name_key, src.c.id)
        ).all()
        reason = f"Terlindungi bulan {self._bill.month.label} tetapi tidak ada di daftar BPJS."
        return [self._worker_row(DifferenceKind.NOT_BILLED, r, None, reason) for r in rows]

    def not_in_register(self) -> list[DifferenceRow]:
        e = BpjsListEntry
        rows = self._session.execute(
            select(e.row_number, e.nik, e.kpj, e.full_name)
            .where(e.list_id == self._list_id, e.worker_id.is_(None))
            .order_by(e.row_number)
        ).all()
        return [
            DifferenceRow(
                kind=DifferenceKind.NOT_IN_REGISTER,
                worker_id=None,
                nik=r.nik,
                kpj=r.kpj,
                full_name=r.full_name,
                kecamatan_name=None,
                village_name=None,
                list_row=r.row_number,
                reason=(
                    "NIK/KPJ tidak ditemukan di register."
                    if r.nik or r.kpj
                    else "Baris tanpa NIK atau KPJ yang terbaca."
                ),
            )
            for r in rows
        ]

    def not_counted(self) -> list[DifferenceRow]:
        src, e = self._src, BpjsListEntry
        rows = self._session.execute(
            select(e.row_number, *(src.c[n] for n in _WORKER_COLUMNS))
            .join(src, src.c.id == e.worker_id)
            .where(e.list_id == self._list_id, *self._visible, not_(self._counted))
            .order_by(src.c.name_key, e.row_number)
        ).all()
        return [
            self._worker_row(DifferenceKind.NOT_COUNTED, r, r.row_number, self._why_not(r))
            for r in rows
        ]

    def billed_twice(self) -> list[DifferenceRow]:
        src, e = self._src, BpjsListEntry
        first_rows = (
            select(e.worker_id, func.min(e.row_number).label("first_row"))
            .where(e.list_id == self._list_id, e.worker_id.is_not(None))
            .group_by(e.worker_id)
            .having(func.count() > 1)
            .subquery()
        )
        rows = self._session.execute(
            select(e.row_number, first_rows.c.first_row, *(src.c[n] for n in _WORKER_COLUMNS))
            .join(first_rows, first_rows.c.worker_id == e.worker_id)
            .join(src, src.c.id == e.worker_id)
            .where(
                e.list_id == self._list_id, e.row_number != first_rows.c.first_row, *self._visible
            )
            .order_by(src.c.name_key, e.row_number)
        ).all()
        return [
            self._worker_row(
                DifferenceKind.BILLED_TWICE,
                r,
                r.row_number,
                f"Sudah tercantum di baris {r.first_row} daftar BPJS.",
            )
            for r in rows
        ]

    def _why_not(self, w: Any) -> str:
        month, rule = self._bill.month, self._rule
        if w.funding != self._bill.funding:
            return (
                f"Sumber dana di register {FUNDING[FundingSource(w.funding)]}, bukan "
                f"{FUNDING[self._bill.funding]}."
            )
        status = WorkerStatus(w.status)
        if status is not WorkerStatus.ACTIVE and w.status_date and w.status_date < month.first_day:
            return f"Status {WORKER_STATUS[status].lower()} sejak {long_date(w.status_date)}."
        if w.coverage_start and w.coverage_start > month.last_day:
            return f"Kepesertaan baru mulai {long_date(w.coverage_start)}."
        if w.coverage_end and w.coverage_end < month.first_day:
            return f"Kepesertaan berakhir {long_date(w.coverage_end)}."
        ended = w.status_date if status is not WorkerStatus.ACTIVE else w.coverage_end
        if rule is PartialMonthRule.NONE:
            return (
                "Terlindungi hanya sebagian bulan (mulai "
                f"{long_date(w.coverage_start)}, berakhir {long_date(ended)}); menurut aturan "
                "tengah bulan tidak dihitung."
            )
        return "Tidak terlindungi pada bulan itu."

    def _worker_row(
        self, kind: DifferenceKind, w: Any, list_row: int | None, reason: str
    ) -> DifferenceRow:
        return DifferenceRow(
            kind=kind,
            worker_id=w.id,
            nik=w.nik,
            kpj=w.kpj,
            full_name=w.full_name,
            kecamatan_name=self._regions.name(w.kecamatan_code),
            village_name=self._regions.name(w.village_code),
            list_row=list_row,
            reason=reason,
        )
