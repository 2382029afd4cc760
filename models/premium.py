"""Premiums (iuran) and their money: rates, BPJS bills, payments, APBD allocations, and
the billed-participant lists BPJS sends with a bill."""

from __future__ import annotations

from datetime import date

from sqlalchemy import (
    BigInteger,
    CheckConstraint,
    Date,
    ForeignKey,
    Index,
    Integer,
    String,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from models.base import REFERENCE, Base, Timestamp, code_enum, number_text
from models.enums import FundingSource

# Rupiah amounts: a year's premium (about Rp3 billion) does not fit a 32-bit integer.
Money = BigInteger


class PremiumRate(Base):
    """JKK and JKM per worker per month for one funding source, from ``valid_from`` (the
    first day of a month) until the next rate of the same source; seeded by the migration."""

    __tablename__ = "premium_rate"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    funding: Mapped[FundingSource] = mapped_column(code_enum(FundingSource, "funding"))
    valid_from: Mapped[date] = mapped_column(Date)
    jkk: Mapped[int] = mapped_column(Integer)
    jkm: Mapped[int] = mapped_column(Integer)
    note: Mapped[str | None] = mapped_column(String(200))
    updated_at: Mapped[Timestamp]
    updated_by: Mapped[str | None] = mapped_column(String(64))

    __table_args__ = (
        UniqueConstraint("funding", "valid_from"),
        CheckConstraint("jkk >= 0 AND jkm >= 0", name="rate_not_negative"),
        {"info": REFERENCE},
    )


class PremiumBill(Base):
    """A bill (surat tagihan) from BPJS for one month and one funding source."""

    __tablename__ = "premium_bill"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    # The first day of the billed month.
    period: Mapped[date] = mapped_column(Date, index=True)
    funding: Mapped[FundingSource] = mapped_column(code_enum(FundingSource, "funding"))
    bill_number: Mapped[str] = mapped_column(String(60))
    bill_date: Mapped[date] = mapped_column(Date)
    workers_billed: Mapped[int] = mapped_column(Integer)
    amount: Mapped[int] = mapped_column(Money)
    note: Mapped[str | None] = mapped_column(String(200))
    created_at: Mapped[Timestamp]
    created_by: Mapped[str | None] = mapped_column(String(64))
    updated_at: Mapped[Timestamp]
    updated_by: Mapped[str | None] = mapped_column(String(64))

    __table_args__ = (
        UniqueConstraint("funding", "bill_number"),
        CheckConstraint("workers_billed >= 0 AND amount >= 0", name="bill_not_negative"),
    )


class PremiumPayment(Base):
    """Money paid against one bill: an SP2D or a bank transfer."""

    __tablename__ = "premium_payment"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    bill_id: Mapped[int] = mapped_column(ForeignKey("premium_bill.id"), index=True)
    paid_on: Mapped[date] = mapped_column(Date)
    amount: Mapped[int] = mapped_column(Money)
    reference: Mapped[str] = mapped_column(String(60))
    note: Mapped[str | None] = mapped_column(String(200))
    created_at: Mapped[Timestamp]
    created_by: Mapped[str | None] = mapped_column(String(64))

    __table_args__ = (CheckConstraint("amount > 0", name="payment_positive"),)


class BudgetAllocation(Base):
    """The year's APBD allocation (pagu) for the premiums of one funding source."""

    __tablename__ = "budget_allocation"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    year: Mapped[int] = mapped_column(Integer)
    funding: Mapped[FundingSource] = mapped_column(code_enum(FundingSource, "funding"))
    amount: Mapped[int] = mapped_column(Money)
    # Kode rekening of the budget line, as the finance office writes it.
    budget_code: Mapped[str | None] = mapped_column(String(60))
    note: Mapped[str | None] = mapped_column(String(200))
    updated_at: Mapped[Timestamp]
    updated_by: Mapped[str | None] = mapped_column(String(64))

    __table_args__ = (
        UniqueConstraint("year", "funding"),
        CheckConstraint("amount >= 0", name="allocation_not_negative"),
    )


class BpjsList(Base):
    """BPJS's list of the participants behind one bill, as imported from their Excel file."""

    __tablename__ = "bpjs_list"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    bill_id: Mapped[int] = mapped_column(
        ForeignKey("premium_bill.id", ondelete="CASCADE"), unique=True
    )
    file_name: Mapped[str] = mapped_column(String(255))
    file_sha256: Mapped[str] = mapped_column(String(64))
    sheet_name: Mapped[str | None] = mapped_column(String(100))
    row_count: Mapped[int] = mapped_column(Integer)
    unreadable_count: Mapped[int] = mapped_column(Integer)
    imported_at: Mapped[Timestamp]
    imported_by: Mapped[str | None] = mapped_column(String(64))


EntryId = BigInteger().with_variant(Integer(), "sqlite")


class BpjsListEntry(Base):
    """One billed participant; ``worker_id`` is the register's worker it names, if any."""

    __tablename__ = "bpjs_list_entry"

    id: Mapped[int] = mapped_column(EntryId, primary_key=True, autoincrement=True)
    list_id: Mapped[int] = mapped_column(ForeignKey("bpjs_list.id", ondelete="CASCADE"))
    row_number: Mapped[int] = mapped_column(Integer)
    nik: Mapped[str | None] = mapped_column(number_text(16))
    kpj: Mapped[str | None] = mapped_column(number_text(20))
    full_name: Mapped[str | None] = mapped_column(String(120))
    # TMT (tanggal mulai tertanggung): when BPJS's list gives it, it opens coverage periods.
    tmt: Mapped[date | None] = mapped_column(Date)
    worker_id: Mapped[int | None] = mapped_column(
        ForeignKey("worker.id", ondelete="SET NULL"), index=True
    )

    __table_args__ = (Index("ix_bpjs_list_entry_list_worker", "list_id", "worker_id"),)


__all__ = [
    "BpjsList",
    "BpjsListEntry",
    "BudgetAllocation",
    "PremiumBill",
    "PremiumPayment",
    "PremiumRate",
]
