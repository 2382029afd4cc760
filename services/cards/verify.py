"""Checking a scanned card against the register: is it ours, is it the worker's current card
(a reprint replaces the earlier ones: their serials verify as "diganti"), and is the
worker covered today (the one coverage model, ``coverage_on``)?"""

from __future__ import annotations

from datetime import date

from sqlalchemy import select

from models import CardKey, CardPrint, Worker
from services.cards.qr_payload import IdKind, is_authentic, parse_payload
from services.cards.types import CardVerification
from services.core.context import ServiceContext
from services.core.office_time import office_date, office_today, office_zone
from services.core.permissions import Permission
from services.core.unit_of_work import read_session
from services.coverage_history import coverage_on
from services.text.formatting import long_date


def verify_card(ctx: ServiceContext, scanned: str, today: date | None = None) -> CardVerification:
    """The text a QR scanner typed (scanners act as keyboards) checked against this register."""
    ctx.require(Permission.SEE_FULL_IDENTITY)
    identity = parse_payload(scanned)
    if identity is None:
        return CardVerification(False, "Kode ini bukan kode kartu peserta SiRentan.")
    with read_session(ctx) as session:
        secret = session.scalars(select(CardKey.secret)).one()
        if not is_authentic(secret, identity):
            return CardVerification(
                False,
                "Kode pemeriksa tidak cocok: kartu ini tidak dibuat oleh register ini "
                "atau kodenya diubah. Periksa KTP pemegang kartu.",
            )
        column = Worker.kpj if identity.kind == IdKind.KPJ else Worker.nik
        stmt = select(Worker).where(column == identity.number)
        kecamatan = ctx.principal.kecamatan_codes if ctx.principal else frozenset()
        if kecamatan:
            stmt = stmt.where(Worker.kecamatan_code.in_(sorted(kecamatan)))
        worker = session.scalars(stmt).one_or_none()
        if worker is None:
            return CardVerification(
                False,
                "Kartu asli, tetapi pesertanya tidak ditemukan di register yang boleh Anda "
                "lihat (dihapus, nomornya diubah, atau di kecamatan lain). "
                "Cari peserta dengan NIK dari KTP.",
            )
        printed = session.scalars(
            select(CardPrint.printed_at)
            .where(CardPrint.worker_id == worker.id)
            .order_by(CardPrint.id)
        ).all()
        fact = coverage_on(session, worker.id, today or office_today(session))
        serial = identity.serial
        if serial is not None and serial > len(printed):
            return CardVerification(
                False,
                f"Kartu ke-{serial} {worker.full_name} tidak tercatat pernah dicetak (hanya "
                f"{len(printed)} kartu tercatat). Periksa KTP pemegang kartu.",
                worker.id,
                worker.full_name,
                fact.covered,
            )
        if serial is not None and serial < len(printed):
            latest = long_date(office_date(printed[-1], office_zone(session)))
            return CardVerification(
                False,
                f"DIGANTI: kartu ke-{serial} {worker.full_name} sudah diganti dengan kartu "
                f"ke-{len(printed)} (dicetak {latest}). Kartu ini tidak "
                f"berlaku lagi; tarik kartunya. {fact.reason}",
                worker.id,
                worker.full_name,
                fact.covered,
                replaced=True,
            )
        which = f" (kartu ke-{serial})" if serial is not None else " (kartu cetakan lama)"
        message = f"Kartu asli{which}: {worker.full_name}. {fact.reason}"
        return CardVerification(True, message, worker.id, worker.full_name, fact.covered)
