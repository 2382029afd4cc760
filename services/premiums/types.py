"""Plain data the premium services take and return (GUI, CLI, reports and tests alike).

Money is in whole rupiah (int). A ``Month`` is a calendar month (services.premiums.months).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from models.enums import FundingSource
from services.premiums.months import Month


class PartialMonthRule(StrEnum):
    """Setting ``premium.partial_month``: how a month counts for a worker covered part of it."""

    FULL = "full"  # any covered day counts the whole month
    NONE = "none"  # only a month covered from its first to its last day counts


@dataclass(frozen=True, slots=True)
class Area:
    """Which workers: a kecamatan or a village of it, and/or one funding source."""

    kecamatan_code: str | None = None
    village_code: str | None = None
    funding: FundingSource | None = None


# -- rates ----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Rate:
    """Per worker per month."""

    jkk: int
    jkm: int

    @property
    def total(self) -> int:
        return self.jkk + self.jkm


@dataclass(frozen=True, slots=True)
class RateRow:
    id: int
    funding: FundingSource
    valid_from: Month
    valid_until: Month | None  # the month before the next rate of this source; None: open
    rate: Rate
    note: str | None


@dataclass(frozen=True, slots=True)
class RateInput:
    funding: FundingSource
    valid_from: Month
    jkk: int
    jkm: int
    note: str | None = None


# -- the premium computed from the register ---------------------------------------


@dataclass(frozen=True, slots=True)
class PremiumLine:
    """Workers counted for the month in one kecamatan and funding source, and their premium."""

    kecamatan_code: str
    kecamatan_name: str
    funding: FundingSource
    workers: int
    rate: Rate

    @property
    def jkk(self) -> int:
        return self.workers * self.rate.jkk

    @property
    def jkm(self) -> int:
        return self.workers * self.rate.jkm

    @property
    def amount(self) -> int:
        return self.workers * self.rate.total


@dataclass(frozen=True, slots=True)
class FundingTotal:
    funding: FundingSource
    workers: int
    amount: int


@dataclass(frozen=True, slots=True)
class MonthlyPremium:
    month: Month
    rule: PartialMonthRule
    rule_text: str  # the rule in words, printed on every premium report
    lines: tuple[PremiumLine, ...]  # by kecamatan name, then funding source
    rates: tuple[tuple[FundingSource, Rate], ...]  # the rate each source pays this month
    scope_note: str | None = None  # set when the clerk sees only some kecamatan

    @property
    def workers(self) -> int:
        return sum(line.workers for line in self.lines)

    @property
    def amount(self) -> int:
        return sum(line.amount for line in self.lines)

    def by_funding(self) -> list[FundingTotal]:
        totals: dict[FundingSource, list[int]] = {}
        for line in self.lines:
            total = totals.setdefault(line.funding, [0, 0])
            total[0] += line.workers
            total[1] += line.amount
        return [FundingTotal(f, *totals[f]) for f in FundingSource if f in totals]


@dataclass(frozen=True, slots=True)
class MonthTotal:
    """One month of a series: workers counted and premium, per funding source."""

    month: Month
    by_funding: tuple[FundingTotal, ...]

    @property
    def workers(self) -> int:
        return sum(f.workers for f in self.by_funding)

    @property
    def amount(self) -> int:
        return sum(f.amount for f in self.by_funding)

    def of(self, funding: FundingSource) -> FundingTotal:
        found = next((f for f in self.by_funding if f.funding is funding), None)
        return found or FundingTotal(funding, 0, 0)


# -- bills and payments -------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class BillInput:
    month: Month
    funding: FundingSource
    bill_number: str
    bill_date: date
    workers_billed: int
    amount: int
    note: str | None = None


@dataclass(frozen=True, slots=True)
class BillRow:
    id: int
    month: Month
    funding: FundingSource
    bill_number: str
    bill_date: date
    workers_billed: int
    amount: int
    note: str | None
    paid: int  # sum of the payments recorded against it
    list_rows: int | None  # rows of BPJS's imported list; None: no list imported

    @property
    def unpaid(self) -> int:
        return self.amount - self.paid


@dataclass(frozen=True, slots=True)
class PaymentInput:
    bill_id: int
    paid_on: date
    amount: int
    reference: str  # SP2D number or bank transfer reference
    note: str | None = None


@dataclass(frozen=True, slots=True)
class PaymentRow:
    id: int
    bill_id: int
    bill_number: str
    month: Month
    funding: FundingSource
    paid_on: date
    amount: int
    reference: str
    note: str | None


# -- budget ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class AllocationInput:
    year: int
    funding: FundingSource
    amount: int
    budget_code: str | None = None
    note: str | None = None


@dataclass(frozen=True, slots=True)
class AllocationRow:
    id: int
    year: int
    funding: FundingSource
    amount: int
    budget_code: str | None
    note: str | None


@dataclass(frozen=True, slots=True)
class BudgetLine:
    """One funding source's year: allocation against paid, still owed, and still to come.

    ``outstanding``: months up to the current one, billed (or, without a bill, computed)
    minus paid. ``committed``: the months after the current one at today's count of
    covered workers and each month's rate. ``balance`` = allocation - projected
    (negative: a shortfall); None without an allocation.
    """

    funding: FundingSource
    allocation: int | None
    budget_code: str | None
    paid: int
    outstanding: int
    committed: int
    workers_today: int
    months_remaining: int

    @property
    def projected(self) -> int:
        return self.paid + self.outstanding + self.committed

    @property
    def balance(self) -> int | None:
        return None if self.allocation is None else self.allocation - self.projected

    @property
    def used_share(self) -> float | None:
        """Paid as a share of the allocation (0.0-1.0+), None without an allocation."""
        if not self.allocation:
            return None
        return self.paid / self.allocation


@dataclass(frozen=True, slots=True)
class BudgetStatus:
    year: int
    today: date
    lines: tuple[BudgetLine, ...]
    rule_text: str
    scope_note: str | None = None

    @property
    def allocation(self) -> int:
        return sum(line.allocation or 0 for line in self.lines)

    @property
    def paid(self) -> int:
        return sum(line.paid for line in self.lines)


# -- reconciliation ---------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class BillOwed:
    """One bill of a reconciliation line: what is still owed on it (or paid too much)."""

    bill_number: str
    amount: int
    paid: int

    @property
    def owed(self) -> int:
        return max(self.amount - self.paid, 0)

    @property
    def overpaid(self) -> int:
        return max(self.paid - self.amount, 0)


@dataclass(frozen=True, slots=True)
class ReconciliationLine:
    """One month and funding source: computed from the register, billed by BPJS, paid."""

    month: Month
    funding: FundingSource
    computed_workers: int
    computed_amount: int
    billed_workers: int | None  # None: no bill recorded
    billed_amount: int | None
    paid: int
    bill_ids: tuple[int, ...]
    lists_imported: int  # how many of the bills have BPJS's participant list
    bills: tuple[BillOwed, ...] = ()  # each bill with what is still owed on it

    @property
    def worker_difference(self) -> int | None:
        """Billed minus computed; positive: BPJS bills more workers than the register counts."""
        if self.billed_workers is None:
            return None
        return self.billed_workers - self.computed_workers

    @property
    def amount_difference(self) -> int | None:
        if self.billed_amount is None:
            return None
        return self.billed_amount - self.computed_amount

    @property
    def unpaid(self) -> int | None:
        """Still owed, the sum of each bill's rest."""
        if self.billed_amount is None:
            return None
        if self.bills:
            return sum(b.owed for b in self.bills)
        return self.billed_amount - self.paid


@dataclass(frozen=True, slots=True)
class Reconciliation:
    first: Month
    last: Month
    lines: tuple[ReconciliationLine, ...]  # by month, then funding source
    rule_text: str
    scope_note: str | None = None


class DifferenceKind(StrEnum):
    NOT_BILLED = "not_billed"  # counted by the register, absent from BPJS's list
    NOT_IN_REGISTER = "not_in_register"  # on the list, no worker with that NIK or KPJ
    NOT_COUNTED = "not_counted"  # on the list, in the register, but not counted that month
    BILLED_TWICE = "billed_twice"  # the same worker on more than one row


DIFFERENCE_LABELS = {
    DifferenceKind.NOT_BILLED: "Dihitung, tidak ada di daftar BPJS",
    DifferenceKind.NOT_IN_REGISTER: "Ditagih, tidak terdaftar",
    DifferenceKind.NOT_COUNTED: "Ditagih, tidak dihitung bulan ini",
    DifferenceKind.BILLED_TWICE: "Ditagih lebih dari sekali",
}


@dataclass(frozen=True, slots=True)
class DifferenceRow:
    kind: DifferenceKind
    worker_id: int | None
    nik: str | None
    kpj: str | None
    full_name: str | None
    kecamatan_name: str | None
    village_name: str | None
    list_row: int | None  # the row in BPJS's file
    reason: str


@dataclass(frozen=True, slots=True)
class Drilldown:
    """The workers behind a bill's difference, from BPJS's imported list."""

    bill: BillRow
    counted_workers: int
    list_rows: int
    matched_rows: int
    rows: tuple[DifferenceRow, ...]  # by kind, then name
    rule_text: str
    scope_note: str | None = None

    def of(self, kind: DifferenceKind) -> list[DifferenceRow]:
        return [r for r in self.rows if r.kind is kind]


@dataclass(frozen=True, slots=True)
class BpjsListResult:
    list_id: int
    bill_id: int
    rows: int
    matched: int
    unreadable_rows: tuple[int, ...]  # Excel row numbers without a readable NIK or KPJ
    replaced: bool  # an earlier list of the same bill was replaced
    # What the list's KPJ and TMT columns did to the register's coverage (bpjs_coverage.py).
    periods_opened: int = 0
    periods_moved: int = 0
    kpj_recorded: int = 0
    coverage_refused: tuple[str, ...] = ()
