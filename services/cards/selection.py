"""Which workers a print request covers, who of them is left out and why, and their card data.

A card is printed only for a worker covered on the print date with a KPJ, both read
from the one coverage model (``services.coverage_history``: ``covered_on``,
``kpj_on``, the covering period); the card's validity is that period. Everyone else
is listed with the reason. Each card's serial (the worker's prints so far + 1) goes
into its QR, so a replaced card verifies as replaced.

One query per request (no per-worker round trips): 14,880 cards are read in
well under a second on both engines.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, and_, exists, func, select
from sqlalchemy.orm import Session, aliased

from models import CardPrint, Region
from models.enums import CardStatus, FundingSource, WorkerStatus
from services.cards.types import PrintPlan, PrintRequest, SkippedWorker
from services.core.errors import Problem, ValidationError
from services.coverage_history import covered_on, covering, kpj_on, periods
from services.text.formatting import long_date
from services.text.labels import FUNDING
from services.workers.search import Scope

# Keeps every IN list under SQLite's and PostgreSQL's bound-parameter limits.
ID_CHUNK = 5000

# Cards that still stand for the worker: a superseded one was replaced before hand-over.
LIVE_CARD = (CardStatus.PRINTED, CardStatus.HANDED_OVER)


@dataclass(frozen=True, slots=True)
class CardSource:
    """One worker's row as the card needs it."""

    worker_id: int
    full_name: str
    nik: str
    kpj: str | None
    birth_date: date
    village_name: str
    kecamatan_name: str
    funding: FundingSource
    coverage_start: date | None  # the period covering the print date (the card's validity)
    coverage_end: date | None
    status: WorkerStatus
    has_card: bool
    covered: bool  # on the print date, by the coverage model
    prints: int  # cards printed for the worker so far (the next card's serial - 1)
    ever_covered: bool  # has any coverage period at all


def has_live_card(worker_id: Any) -> ColumnElement[bool]:
    return exists().where(and_(CardPrint.worker_id == worker_id, CardPrint.status.in_(LIVE_CARD)))


def _statement(scope: Scope, today: date) -> Any:
    src = scope.source
    village = aliased(Region)
    kecamatan = aliased(Region)
    period = periods()
    ever = periods()  # any period at all: "belum terlindungi" versus "tidak terlindungi"
    prints = select(func.count()).where(CardPrint.worker_id == src.c.id).scalar_subquery()
    stmt = (
        select(
            src.c.id,
            src.c.full_name,
            src.c.nik,
            kpj_on(src.c.id, today),
            src.c.birth_date,
            village.name,
            kecamatan.name,
            func.coalesce(period.c.funding, src.c.funding),
            period.c.start_date,
            period.c.end_date,
            src.c.status,
            has_live_card(src.c.id),
            covered_on(src.c.id, today),
            prints,
            exists().where(ever.c.worker_id == src.c.id),
        )
        .join(village, village.code == src.c.village_code)
        .join(kecamatan, kecamatan.code == src.c.kecamatan_code)
        .outerjoin(period, covering(period, src.c.id, today))
        .order_by(kecamatan.name, village.name, src.c.name_key, src.c.id)
    )
    if scope.kecamatan_codes:
        stmt = stmt.where(src.c.kecamatan_code.in_(sorted(scope.kecamatan_codes)))
    return stmt


def check_request(request: PrintRequest) -> None:
    problems = []
    chosen = (
        bool(request.worker_ids)
        + bool(request.niks)
        + bool(request.village_code or request.kecamatan_code)
    )
    if chosen == 0 and not request.not_printed:
        problems.append(
            Problem(
                "no_selection",
                "selection",
                "Pilih peserta, satu desa, satu kecamatan, atau 'belum pernah dicetak'.",
            )
        )
    if chosen > 1:
        problems.append(
            Problem(
                "two_selections",
                "selection",
                "Pilih peserta terpilih atau desa/kecamatan, tidak keduanya.",
            )
        )
    if not 1 <= request.start_position <= 10:
        problems.append(
            Problem(
                "start_position",
                "start_position",
                "Posisi awal harus 1 sampai 10 (kartu pertama yang masih kosong di lembar).",
            )
        )
    if problems:
        raise ValidationError(problems, record="Cetak kartu")


def read_sources(
    session: Session, request: PrintRequest, scope: Scope, today: date
) -> Iterator[CardSource]:
    stmt = _statement(scope, today)
    src = scope.source
    if request.village_code:
        stmt = stmt.where(src.c.village_code == request.village_code)
    elif request.kecamatan_code:
        stmt = stmt.where(src.c.kecamatan_code == request.kecamatan_code)
    if request.not_printed:
        stmt = stmt.where(~exists().where(CardPrint.worker_id == src.c.id))
    if request.worker_ids:
        yield from _in_given_order(session, stmt, src.c.id, request.worker_ids, 0)
    elif request.niks:
        yield from _in_given_order(session, stmt, src.c.nik, request.niks, 2)
    else:
        yield from (CardSource(*row) for row in session.execute(stmt))


def _in_given_order(
    session: Session, stmt: Any, column: Any, keys: Sequence[object], key_index: int
) -> Iterator[CardSource]:
    # The clerk's own order of selection is kept for selected workers.
    found: dict[object, CardSource] = {}
    wanted = list(dict.fromkeys(keys))
    for start in range(0, len(wanted), ID_CHUNK):
        for row in session.execute(stmt.where(column.in_(wanted[start : start + ID_CHUNK]))):
            found[row[key_index]] = CardSource(*row)
    unknown = [key for key in wanted if key not in found]
    if unknown and key_index == 2:
        raise ValidationError(
            [
                Problem(
                    "unknown_nik",
                    "nik",
                    f"NIK {nik} tidak terdaftar (atau di luar kecamatan Anda).",
                )
                for nik in unknown
            ],
            record="Cetak kartu",
        )
    yield from (found[key] for key in wanted if key in found)


def skip_reason(source: CardSource, request: PrintRequest, today: date) -> str | None:
    # Deceased or deactivated (even today, a day still covered): no new card.
    if source.status == WorkerStatus.DECEASED:
        return "meninggal"
    if source.status == WorkerStatus.INACTIVE:
        return "tidak aktif"
    if not source.covered:
        if not source.ever_covered:
            return "belum terlindungi: belum ada periode kepesertaan"
        return f"tidak terlindungi pada {long_date(today)}"
    if not source.kpj:
        return "belum punya No. KPJ dari BPJS (kartu dicetak sesudah nomornya ada)"
    if source.has_card and request.reprint_reason is None:
        return "sudah punya kartu (cetak ulang perlu alasan)"
    return None


def plan_from(
    request: PrintRequest, sources: Sequence[CardSource], label: str, today: date
) -> PrintPlan:
    printed: list[int] = []
    serials: list[int] = []
    reprints: set[int] = set()
    skipped: list[SkippedWorker] = []
    for source in sources:
        reason = skip_reason(source, request, today)
        if reason:
            skipped.append(SkippedWorker(source.worker_id, source.full_name, reason))
            continue
        printed.append(source.worker_id)
        serials.append(source.prints + 1)
        if source.has_card:
            reprints.add(source.worker_id)
    return PrintPlan(
        request, label, tuple(printed), frozenset(reprints), tuple(skipped), tuple(serials)
    )


def funding_label(source: CardSource, district_name: str, province_name: str) -> str:
    match source.funding:
        case FundingSource.APBD_KABUPATEN:
            return f"APBD {district_name}"
        case FundingSource.APBD_PROVINSI:
            return f"APBD Provinsi {province_name}"
        case FundingSource.DANA_DESA:
            return f"Dana Desa {source.village_name}"
    return FUNDING[source.funding]
