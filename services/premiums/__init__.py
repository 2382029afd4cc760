"""Premiums (iuran JKK + JKM) and their budget: what the register says is due each month,
what BPJS billed, what the office paid, and how far the year's APBD allocation goes.

Every function takes a ``ServiceContext`` and checks the clerk's permission first;
reads need ``READ_WORKERS``, recording bills, payments, allocations and BPJS lists
needs ``PREMIUMS`` (operators, administrators), changing rates ``MANAGE_SETTINGS``
(administrators), the drill-down (names and NIKs) ``SEE_FULL_IDENTITY``. Results are
frozen dataclasses from ``services.premiums.types``; money is whole rupiah (int);
a month is a ``Month`` (``Month(2026, 7)``, ``Month.parse("2026-07")``).

Rates (``rates.py``)::

    list_rates(ctx) -> list[RateRow]              # with the derived valid_until month
    set_rate(ctx, RateInput(funding, valid_from: Month, jkk, jkm, note=None)) -> RateRow
    delete_rate(ctx, rate_id) -> None             # never the last rate of a source
    rate_on(ctx, funding, day: date) -> Rate      # e.g. the agreement's amount

The premium computed from the register (``computation.py``). A worker counts in a
month when covered in it (``coverage_sql.py``: coverage_start, coverage_end, and for
inactive/deceased workers the status date); the setting ``premium.partial_month``
("full" or "none") decides a month covered only in part, and ``rule_text`` says so::

    monthly_premium(ctx, month, area=None) -> MonthlyPremium   # per kecamatan x funding
    premium_series(ctx, months, area=None) -> list[MonthTotal] # per month x funding
    partial_month_rule(ctx) -> PartialMonthRule

``Area(kecamatan_code=None, village_code=None, funding=None)`` narrows the workers;
the clerk's kecamatan limit always applies (then ``scope_note`` says so).

Bills and payments (``ledger.py``)::

    record_bill(ctx, BillInput(month, funding, bill_number, bill_date, workers_billed,
                amount, note=None)) -> BillRow
    update_bill(ctx, bill_id, BillInput) -> BillRow
    delete_bill(ctx, bill_id) -> None             # refused while it has payments
    get_bill(ctx, bill_id) -> BillRow
    list_bills(ctx, first=None, last=None, funding=None) -> list[BillRow]
    record_payment(ctx, PaymentInput(bill_id, paid_on, amount, reference, note=None))
        -> PaymentRow                             # more than the unpaid rest is refused
    delete_payment(ctx, payment_id) -> None
    list_payments(ctx, first=None, last=None) -> list[PaymentRow]

Reconciliation (``reconciliation.py``) and BPJS's list (``bpjs_list.py``; imported from
``services.premiums.bpjs_list``, not re-exported here, as it loads the Excel readers)::

    reconcile(ctx, first: Month, last=None, funding=None) -> Reconciliation
        # per month and funding: computed vs billed vs paid, differences
    import_bpjs_list(ctx, bill_id, path, sheet=None) -> BpjsListResult
        # BPJS's Excel/CSV of billed participants (by NIK/KPJ); replaces an earlier one
    drilldown(ctx, bill_id) -> Drilldown
        # workers counted but not billed, billed but unknown, billed but not counted
        # (with the reason), billed twice

Budget (``budget.py``)::

    set_allocation(ctx, AllocationInput(year, funding, amount, budget_code=None,
                   note=None)) -> AllocationRow   # new, or changed (APBD Perubahan)
    list_allocations(ctx, year) -> list[AllocationRow]
    budget_status(ctx, year=None, today=None) -> BudgetStatus
        # per funding: allocation, paid, outstanding, committed at today's count,
        # projected, balance (negative: shortfall)
"""

from services.premiums.budget import budget_status, list_allocations, set_allocation
from services.premiums.computation import monthly_premium, partial_month_rule, premium_series
from services.premiums.ledger import (
    delete_bill,
    delete_payment,
    get_bill,
    list_bills,
    list_payments,
    record_bill,
    record_payment,
    update_bill,
)
from services.premiums.months import Month
from services.premiums.rates import delete_rate, list_rates, rate_on, set_rate
from services.premiums.reconciliation import drilldown, reconcile
from services.premiums.types import (
    DIFFERENCE_LABELS,
    AllocationInput,
    AllocationRow,
    Area,
    BillInput,
    BillRow,
    BpjsListResult,
    BudgetLine,
    BudgetStatus,
    DifferenceKind,
    DifferenceRow,
    Drilldown,
    FundingTotal,
    MonthlyPremium,
    MonthTotal,
    PartialMonthRule,
    PaymentInput,
    PaymentRow,
    PremiumLine,
    Rate,
    RateInput,
    RateRow,
    Reconciliation,
    ReconciliationLine,
)

__all__ = [
    "DIFFERENCE_LABELS",
    "AllocationInput",
    "AllocationRow",
    "Area",
    "BillInput",
    "BillRow",
    "BpjsListResult",
    "BudgetLine",
    "BudgetStatus",
    "DifferenceKind",
    "DifferenceRow",
    "Drilldown",
    "FundingTotal",
    "Month",
    "MonthTotal",
    "MonthlyPremium",
    "PartialMonthRule",
    "PaymentInput",
    "PaymentRow",
    "PremiumLine",
    "Rate",
    "RateInput",
    "RateRow",
    "Reconciliation",
    "ReconciliationLine",
    "budget_status",
    "delete_bill",
    "delete_payment",
    "delete_rate",
    "drilldown",
    "get_bill",
    "list_allocations",
    "list_bills",
    "list_payments",
    "list_rates",
    "monthly_premium",
    "partial_month_rule",
    "premium_series",
    "rate_on",
    "reconcile",
    "record_bill",
    "record_payment",
    "set_allocation",
    "set_rate",
    "update_bill",
]
