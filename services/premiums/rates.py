"""The rates table: JKK and JKM per worker per month for each funding source, each row
valid from the first day of a month until the next row of the same source."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from models.base import utc_now
from models.enums import FundingSource
from models.premium import PremiumRate
from services.core.context import ServiceContext
from services.core.errors import NotFoundError, Problem, SiRentanError, ValidationError
from services.core.permissions import Permission
from services.core.unit_of_work import read_session, unit_of_work
from services.premiums.months import Month
from services.premiums.types import Rate, RateInput, RateRow
from services.text.labels import FUNDING
from services.text.money import rupiah

# A worker's rate above this is a typing error, not a band (the top band gives ~Rp207,000 JKK).
MAX_RATE = 1_000_000


class RateTable:
    """Every rate row, loaded once per service call (a handful of rows)."""

    def __init__(self, rows: list[RateRow]) -> None:
        self.rows = sorted(rows, key=lambda r: (r.funding, r.valid_from))

    @classmethod
    def load(cls, session: Session) -> RateTable:
        records = session.execute(
            select(
                PremiumRate.id,
                PremiumRate.funding,
                PremiumRate.valid_from,
                PremiumRate.jkk,
                PremiumRate.jkm,
                PremiumRate.note,
            ).order_by(PremiumRate.funding, PremiumRate.valid_from)
        ).all()
        rows: list[RateRow] = []
        for index, r in enumerate(records):
            following = records[index + 1] if index + 1 < len(records) else None
            until = None
            if following is not None and following.funding == r.funding:
                until = Month.of(following.valid_from).shift(-1)
            rows.append(
                RateRow(r.id, r.funding, Month.of(r.valid_from), until, Rate(r.jkk, r.jkm), r.note)
            )
        return cls(rows)

    def rate(self, funding: FundingSource, month: Month) -> Rate | None:
        found = None
        for row in self.rows:
            if row.funding is funding and row.valid_from <= month:
                found = row.rate
        return found

    def require(self, funding: FundingSource, month: Month) -> Rate:
        rate = self.rate(funding, month)
        if rate is None:
            raise SiRentanError(
                f"Tarif iuran {FUNDING[funding]} untuk bulan {month.label} belum ada. "
                "Minta administrator mengisi tabel tarif iuran (premium rates)."
            )
        return rate


def list_rates(ctx: ServiceContext) -> list[RateRow]:
    ctx.require(Permission.READ_WORKERS)
    with read_session(ctx) as session:
        return RateTable.load(session).rows


def rate_on(ctx: ServiceContext, funding: FundingSource, day: date) -> Rate:
    """The rate in force on ``day`` (e.g. for the amount of an agreement)."""
    ctx.require(Permission.READ_WORKERS)
    with read_session(ctx) as session:
        return RateTable.load(session).require(funding, Month.of(day))


def set_rate(ctx: ServiceContext, data: RateInput) -> RateRow:
    """Add the rate from ``data.valid_from``, or change the one starting that month."""
    ctx.require(Permission.MANAGE_SETTINGS)
    problems = [
        Problem(f"{name}_range", name, f"Tarif {label} harus antara Rp0 dan {rupiah(MAX_RATE)}.")
        for name, label, value in (("jkk", "JKK", data.jkk), ("jkm", "JKM", data.jkm))
        if not 0 <= value <= MAX_RATE
    ]
    record = f"tarif {FUNDING[data.funding]} mulai {data.valid_from.label}"
    if problems:
        raise ValidationError(problems, record=record)
    with unit_of_work(ctx) as session:
        rate = session.scalars(
            select(PremiumRate).where(
                PremiumRate.funding == data.funding,
                PremiumRate.valid_from == data.valid_from.first_day,
            )
        ).first() or PremiumRate(funding=data.funding, valid_from=data.valid_from.first_day)
        rate.jkk = data.jkk
        rate.jkm = data.jkm
        rate.note = (data.note or "").strip() or None
        rate.updated_at = utc_now()
        rate.updated_by = ctx.user_name
        session.add(rate)
        session.flush()
        return next(r for r in RateTable.load(session).rows if r.id == rate.id)


def delete_rate(ctx: ServiceContext, rate_id: int) -> None:
    """Remove a rate row; the earlier row of the same source then runs on."""
    ctx.require(Permission.MANAGE_SETTINGS)
    with unit_of_work(ctx) as session:
        rate = session.get(PremiumRate, rate_id)
        if rate is None:
            raise NotFoundError(f"Tarif iuran nomor {rate_id} tidak ditemukan.")
        others = session.scalars(
            select(PremiumRate.id).where(
                PremiumRate.funding == rate.funding, PremiumRate.id != rate_id
            )
        ).first()
        if others is None:
            raise SiRentanError(
                f"Tarif {FUNDING[rate.funding]} ini satu-satunya untuk sumber dana itu dan "
                "tidak dapat dihapus; ubah nilainya saja."
            )
        session.delete(rate)
