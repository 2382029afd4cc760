"""Was a month's premium of a funding source billed and paid? The one answer behind every
statement "Iuran dibayar dari APBD …" (a claim's eligibility, letters): such a sentence is
made only when that month's bill is recorded and paid in full; otherwise the statement
says what the register shows (not billed, paid in part).

Reads the bills and payments in the caller's session; no permission check of its own
(the callers check theirs).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from sqlalchemy.orm import Session

from models.enums import FundingSource
from services.premiums.ledger import bills_in
from services.premiums.months import Month
from services.text.labels import FUNDING
from services.text.money import rupiah


class PaidState(StrEnum):
    PAID = "lunas"
    PART = "sebagian"
    UNPAID = "belum_dibayar"
    NOT_BILLED = "belum_ditagih"
    SELF = "mandiri"  # the worker pays BPJS directly: no bill in the office's books


@dataclass(frozen=True, slots=True)
class MonthPaid:
    month: Month
    funding: FundingSource
    state: PaidState
    billed: int  # the month's bills of this source, in rupiah
    paid: int
    bill_numbers: tuple[str, ...]

    @property
    def statement(self) -> str:
        """The sentence a clerk may sign, in Indonesian."""
        source, month = FUNDING[self.funding], self.month.label
        numbers = ", ".join(self.bill_numbers)
        if self.state is PaidState.PAID:
            return f"Iuran bulan {month} dibayar dari {source} (tagihan {numbers}, lunas)."
        if self.state is PaidState.SELF:
            return (
                f"Iuran dibayar sendiri (mandiri): pastikan iuran bulan {month} sudah lunas "
                "di BPJS."
            )
        if self.state is PaidState.NOT_BILLED:
            return (
                f"Iuran bulan {month} ({source}) belum tercatat ditagih dan dibayar di "
                "SiRentan: periksa pembayarannya ke BPJS dan catat tagihannya (Iuran & "
                "anggaran)."
            )
        return (
            f"Iuran bulan {month} ({source}) baru dibayar {rupiah(self.paid)} dari tagihan "
            f"{rupiah(self.billed)} (tagihan {numbers}): pastikan ke BPJS bahwa "
            "kepesertaan bulan itu tetap aktif."
        )


def month_paid(session: Session, funding: FundingSource, day: date) -> MonthPaid:
    """The bills and payments of ``funding`` for the month of ``day``."""
    month = Month(day.year, day.month)
    if funding is FundingSource.MANDIRI:
        return MonthPaid(month, funding, PaidState.SELF, 0, 0, ())
    bills = bills_in(session, month, month, funding)
    billed = sum(b.amount for b in bills)
    paid = sum(b.paid for b in bills)
    if not bills:
        state = PaidState.NOT_BILLED
    elif all(b.paid >= b.amount for b in bills):
        state = PaidState.PAID
    else:
        state = PaidState.PART if paid else PaidState.UNPAID
    return MonthPaid(month, funding, state, billed, paid, tuple(b.bill_number for b in bills))
