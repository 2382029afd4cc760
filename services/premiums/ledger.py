"""BPJS's bills (tagihan) and the payments made against them (SP2D or bank transfer)."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session

from models.base import utc_now
from models.enums import FundingSource
from models.premium import BpjsList, PremiumBill, PremiumPayment
from services.core.context import ServiceContext
from services.core.errors import NotFoundError, Problem, ReferencedError, ValidationError
from services.core.office_time import office_today
from services.core.permissions import Permission
from services.core.unit_of_work import read_session, unit_of_work
from services.premiums.months import Month
from services.premiums.types import BillInput, BillRow, PaymentInput, PaymentRow
from services.text.labels import FUNDING
from services.text.money import rupiah

MAX_TEXT = 60


# -- bills ---------------------------------------------------------------------------


def record_bill(ctx: ServiceContext, data: BillInput, today: date | None = None) -> BillRow:
    ctx.require(Permission.PREMIUMS)
    with unit_of_work(ctx) as session:
        _check_bill(session, data, None, today or office_today(session))
        bill = PremiumBill(created_by=ctx.user_name)
        _apply_bill(ctx, bill, data)
        session.add(bill)
        session.flush()
        return _bill_rows(session, _select_bills().where(PremiumBill.id == bill.id))[0]


def update_bill(
    ctx: ServiceContext, bill_id: int, data: BillInput, today: date | None = None
) -> BillRow:
    ctx.require(Permission.PREMIUMS)
    with unit_of_work(ctx) as session:
        bill = _load_bill(session, bill_id)
        _check_bill(session, data, bill_id, today or office_today(session))
        _apply_bill(ctx, bill, data)
        session.flush()
        return _bill_rows(session, _select_bills().where(PremiumBill.id == bill_id))[0]


def delete_bill(ctx: ServiceContext, bill_id: int) -> None:
    """A bill recorded by mistake; refused while payments are recorded against it."""
    ctx.require(Permission.PREMIUMS)
    with unit_of_work(ctx) as session:
        bill = _load_bill(session, bill_id)
        paid = session.scalar(
            select(func.count())
            .select_from(PremiumPayment)
            .where(PremiumPayment.bill_id == bill_id)
        )
        if paid:
            raise ReferencedError(
                f"Tagihan {bill.bill_number} sudah memiliki {paid} pembayaran; hapus "
                "pembayarannya dulu bila tagihan ini memang salah dicatat."
            )
        session.delete(bill)


def get_bill(ctx: ServiceContext, bill_id: int) -> BillRow:
    ctx.require(Permission.READ_WORKERS)
    with read_session(ctx) as session:
        rows = _bill_rows(session, _select_bills().where(PremiumBill.id == bill_id))
    if not rows:
        raise _bill_not_found(bill_id)
    return rows[0]


def list_bills(
    ctx: ServiceContext,
    first: Month | None = None,
    last: Month | None = None,
    funding: FundingSource | None = None,
) -> list[BillRow]:
    """Bills of the months from ``first`` to ``last`` (both optional), oldest first."""
    ctx.require(Permission.READ_WORKERS)
    with read_session(ctx) as session:
        return bills_in(session, first, last, funding)


def bills_in(
    session: Session,
    first: Month | None = None,
    last: Month | None = None,
    funding: FundingSource | None = None,
) -> list[BillRow]:
    statement = _select_bills()
    if first is not None:
        statement = statement.where(PremiumBill.period >= first.first_day)
    if last is not None:
        statement = statement.where(PremiumBill.period <= last.first_day)
    if funding is not None:
        statement = statement.where(PremiumBill.funding == funding)
    return _bill_rows(session, statement)


def _select_bills() -> Select[*tuple[Any, ...]]:
    paid = (
        select(func.coalesce(func.sum(PremiumPayment.amount), 0))
        .where(PremiumPayment.bill_id == PremiumBill.id)
        .scalar_subquery()
    )
    return (
        select(PremiumBill, paid.label("paid"), BpjsList.row_count)
        .outerjoin(BpjsList, BpjsList.bill_id == PremiumBill.id)
        .order_by(PremiumBill.period, PremiumBill.funding, PremiumBill.bill_date, PremiumBill.id)
    )


def _bill_rows(session: Session, statement: Select[*tuple[Any, ...]]) -> list[BillRow]:
    return [
        BillRow(
            id=b.id,
            month=Month.of(b.period),
            funding=b.funding,
            bill_number=b.bill_number,
            bill_date=b.bill_date,
            workers_billed=b.workers_billed,
            amount=b.amount,
            note=b.note,
            paid=int(paid),
            list_rows=rows,
        )
        for b, paid, rows in session.execute(statement)
    ]


def _check_bill(session: Session, data: BillInput, bill_id: int | None, today: date) -> None:
    problems = []
    number = data.bill_number.strip()
    if not number:
        problems.append(Problem("bill_number_empty", "bill_number", "Nomor tagihan wajib diisi."))
    elif len(number) > MAX_TEXT:
        problems.append(
            Problem("bill_number_long", "bill_number", f"Nomor tagihan paling panjang {MAX_TEXT}.")
        )
    else:
        other = session.scalar(
            select(PremiumBill.id).where(
                PremiumBill.funding == data.funding, PremiumBill.bill_number == number
            )
        )
        if other is not None and other != bill_id:
            problems.append(
                Problem(
                    "bill_number_duplicate",
                    "bill_number",
                    f"Tagihan nomor {number} untuk {FUNDING[data.funding]} sudah dicatat.",
                )
            )
    if data.bill_date > today:
        problems.append(
            Problem("bill_date_future", "bill_date", "Tanggal tagihan tidak boleh di masa depan.")
        )
    if data.workers_billed < 0:
        problems.append(
            Problem("workers_negative", "workers_billed", "Jumlah peserta tidak boleh negatif.")
        )
    if data.amount < 0:
        problems.append(Problem("amount_negative", "amount", "Jumlah tagihan tidak boleh negatif."))
    if problems:
        raise ValidationError(problems, record=f"tagihan {number or '(tanpa nomor)'}")


def _apply_bill(ctx: ServiceContext, bill: PremiumBill, data: BillInput) -> None:
    bill.period = data.month.first_day
    bill.funding = data.funding
    bill.bill_number = data.bill_number.strip()
    bill.bill_date = data.bill_date
    bill.workers_billed = data.workers_billed
    bill.amount = data.amount
    bill.note = (data.note or "").strip() or None
    bill.updated_at = utc_now()
    bill.updated_by = ctx.user_name


def _load_bill(session: Session, bill_id: int) -> PremiumBill:
    bill = session.get(PremiumBill, bill_id)
    if bill is None:
        raise _bill_not_found(bill_id)
    return bill


def _bill_not_found(bill_id: int) -> NotFoundError:
    return NotFoundError(f"Tagihan nomor data {bill_id} tidak ditemukan; mungkin sudah dihapus.")


# -- payments ------------------------------------------------------------------------


def record_payment(
    ctx: ServiceContext, data: PaymentInput, today: date | None = None
) -> PaymentRow:
    """A payment against a bill; more than the bill's unpaid rest is refused (a typing slip)."""
    ctx.require(Permission.PREMIUMS)
    with unit_of_work(ctx) as session:
        bill = _load_bill(session, data.bill_id)
        paid = session.scalar(
            select(func.coalesce(func.sum(PremiumPayment.amount), 0)).where(
                PremiumPayment.bill_id == bill.id
            )
        )
        _check_payment(data, bill, int(paid or 0), today or office_today(session))
        payment = PremiumPayment(
            bill_id=bill.id,
            paid_on=data.paid_on,
            amount=data.amount,
            reference=data.reference.strip(),
            note=(data.note or "").strip() or None,
            created_by=ctx.user_name,
        )
        session.add(payment)
        session.flush()
        return _payment_rows(session, _select_payments().where(PremiumPayment.id == payment.id))[0]


def delete_payment(ctx: ServiceContext, payment_id: int) -> None:
    ctx.require(Permission.PREMIUMS)
    with unit_of_work(ctx) as session:
        payment = session.get(PremiumPayment, payment_id)
        if payment is None:
            raise NotFoundError(f"Pembayaran nomor data {payment_id} tidak ditemukan.")
        session.delete(payment)


def list_payments(
    ctx: ServiceContext, first: Month | None = None, last: Month | None = None
) -> list[PaymentRow]:
    """Payments for the bills of the months from ``first`` to ``last``."""
    ctx.require(Permission.READ_WORKERS)
    statement = _select_payments()
    if first is not None:
        statement = statement.where(PremiumBill.period >= first.first_day)
    if last is not None:
        statement = statement.where(PremiumBill.period <= last.first_day)
    with read_session(ctx) as session:
        return _payment_rows(session, statement)


def _select_payments() -> Select[*tuple[Any, ...]]:
    return (
        select(PremiumPayment, PremiumBill.bill_number, PremiumBill.period, PremiumBill.funding)
        .join(PremiumBill, PremiumBill.id == PremiumPayment.bill_id)
        .order_by(PremiumPayment.paid_on, PremiumPayment.id)
    )


def _payment_rows(session: Session, statement: Select[*tuple[Any, ...]]) -> list[PaymentRow]:
    return [
        PaymentRow(
            id=p.id,
            bill_id=p.bill_id,
            bill_number=number,
            month=Month.of(period),
            funding=funding,
            paid_on=p.paid_on,
            amount=p.amount,
            reference=p.reference,
            note=p.note,
        )
        for p, number, period, funding in session.execute(statement)
    ]


def _check_payment(data: PaymentInput, bill: PremiumBill, paid: int, today: date) -> None:
    problems = []
    reference = data.reference.strip()
    if not reference:
        problems.append(
            Problem("reference_empty", "reference", "Nomor SP2D atau bukti transfer wajib diisi.")
        )
    elif len(reference) > MAX_TEXT:
        problems.append(
            Problem("reference_long", "reference", f"Nomor bukti paling panjang {MAX_TEXT}.")
        )
    if data.paid_on > today:
        problems.append(
            Problem("paid_on_future", "paid_on", "Tanggal bayar tidak boleh di masa depan.")
        )
    rest = bill.amount - paid
    if data.amount <= 0:
        problems.append(
            Problem("amount_not_positive", "amount", "Jumlah bayar harus lebih dari 0.")
        )
    elif data.amount > rest:
        problems.append(
            Problem(
                "amount_over_bill",
                "amount",
                f"Jumlah bayar {rupiah(data.amount)} melebihi sisa tagihan {rupiah(rest)}. "
                "Periksa angka yang diketik.",
            )
        )
    if problems:
        raise ValidationError(problems, record=f"pembayaran tagihan {bill.bill_number}")
