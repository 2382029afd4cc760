"""A death documented in a claim ends the worker's coverage in the same transaction, on
SQLite and PostgreSQL: next month's premium and the front desk's answer change with the
death certificate's tick, and come back when it is un-ticked or the claim cancelled."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select

from models import WorkerStatusEvent
from models.enums import ClaimStatus as S
from models.enums import CoverageSource, WorkerStatus
from services import claims
from services.core.context import ServiceContext
from services.coverage_history import coverage_on
from services.premiums import monthly_premium
from services.premiums.months import Month
from services.workers.front_desk import check_coverage
from services.workers.service import WorkerService
from tests.integration.claim_helpers import NOW, TODAY, heir_with_account, jkm, make_worker, step

NOVEMBER = Month(2025, 11)
DIED = date(2025, 10, 10)


def front_desk(ctx: ServiceContext, worker_id: int) -> tuple[bool, str]:
    workers = WorkerService(ctx)
    nik = workers.get(worker_id).nik
    answer = check_coverage(ctx, workers.regions, nik, today=TODAY)
    return answer.covered_today, answer.message


def tick(ctx: ServiceContext, claim_id: int, received: bool) -> claims.ClaimDetail:
    update = claims.DocumentUpdate("akta_kematian", received, TODAY if received else None)
    return claims.update_document(ctx, claim_id, update, now=NOW)


def events(ctx: ServiceContext, worker_id: int) -> list[tuple[WorkerStatus, date, bool]]:
    with ctx.session_factory() as session:
        rows = session.scalars(
            select(WorkerStatusEvent)
            .where(WorkerStatusEvent.worker_id == worker_id)
            .order_by(WorkerStatusEvent.id)
        ).all()
        return [(e.status, e.effective_date, e.cancelled_at is None) for e in rows]


def test_the_death_certificate_ends_coverage_and_the_premium_at_once(ctx: ServiceContext) -> None:
    worker_id = make_worker(ctx, heirs=[heir_with_account()])
    detail = claims.open_claim(ctx, worker_id, jkm(DIED), now=NOW)
    assert monthly_premium(ctx, NOVEMBER).workers == 1
    assert front_desk(ctx, worker_id)[0]

    tick(ctx, detail.id, True)
    # One call, one transaction: the status, coverage, premium and front desk all follow.
    worker = WorkerService(ctx).get(worker_id)
    assert (worker.status, worker.status_date) == (WorkerStatus.DECEASED, DIED)
    assert monthly_premium(ctx, NOVEMBER).workers == 0
    assert monthly_premium(ctx, Month(2025, 10)).workers == 1  # covered on the day of death
    covered, message = front_desk(ctx, worker_id)
    assert not covered and "meninggal sejak 10 Oktober 2025" in message
    with ctx.session_factory() as session:
        assert coverage_on(session, worker_id, DIED).covered
        assert not coverage_on(session, worker_id, date(2025, 10, 11)).covered
        event = session.scalars(select(WorkerStatusEvent)).one()
        assert (event.source, event.source_ref) == (CoverageSource.CLAIM, str(detail.id))
    # The claim itself stays eligible: covered on the day of death.
    assert claims.get_claim(ctx, detail.id, now=NOW).eligibility.eligible

    # Un-ticking the certificate restores the coverage the death cut.
    tick(ctx, detail.id, False)
    assert WorkerService(ctx).get(worker_id).status is WorkerStatus.ACTIVE
    assert monthly_premium(ctx, NOVEMBER).workers == 1
    assert front_desk(ctx, worker_id)[0]
    assert events(ctx, worker_id) == [(WorkerStatus.DECEASED, DIED, False)]


def test_cancelling_the_claim_with_its_reason_restores_and_reopening_records_again(
    ctx: ServiceContext,
) -> None:
    worker_id = make_worker(ctx)
    detail = claims.open_claim(ctx, worker_id, jkm(DIED), now=NOW)
    detail = tick(ctx, detail.id, True)
    assert monthly_premium(ctx, NOVEMBER).workers == 0
    cancelled = step(ctx, detail, S.CANCELLED, note="Salah orang: yang meninggal kakaknya")
    assert WorkerService(ctx).get(worker_id).status is WorkerStatus.ACTIVE
    assert monthly_premium(ctx, NOVEMBER).workers == 1
    with ctx.session_factory() as session:
        event = session.scalars(select(WorkerStatusEvent)).one()
        assert event.cancel_reason is not None
        assert "Salah orang: yang meninggal kakaknya" in event.cancel_reason
    step(ctx, cancelled, S.DRAFT, note="Akta kematian ternyata benar")
    assert WorkerService(ctx).get(worker_id).status is WorkerStatus.DECEASED
    assert [e[2] for e in events(ctx, worker_id)] == [False, True]


def test_a_corrected_date_of_death_moves_the_status_event(ctx: ServiceContext) -> None:
    worker_id = make_worker(ctx)
    detail = tick(ctx, claims.open_claim(ctx, worker_id, jkm(DIED), now=NOW).id, True)
    corrected = jkm(date(2025, 10, 8))
    claims.update_claim(ctx, detail.id, corrected, detail.version, now=NOW)
    worker = WorkerService(ctx).get(worker_id)
    assert (worker.status, worker.status_date) == (WorkerStatus.DECEASED, date(2025, 10, 8))
    assert events(ctx, worker_id) == [
        (WorkerStatus.DECEASED, DIED, False),
        (WorkerStatus.DECEASED, date(2025, 10, 8), True),
    ]


def test_a_death_the_clerk_recorded_in_the_register_is_left_to_the_register(
    ctx: ServiceContext,
) -> None:
    worker_id = make_worker(ctx)
    workers = WorkerService(ctx)
    version = workers.get(worker_id).version
    workers.change_status(
        worker_id, WorkerStatus.DECEASED, version, "Laporan kepala desa", DIED, today=TODAY
    )
    assert monthly_premium(ctx, NOVEMBER).workers == 0
    assert not front_desk(ctx, worker_id)[0]
    detail = claims.open_claim(ctx, worker_id, jkm(DIED), now=NOW)
    detail = tick(ctx, detail.id, True)
    tick(ctx, detail.id, False)  # the claim recorded nothing of its own: nothing to undo
    assert WorkerService(ctx).get(worker_id).status is WorkerStatus.DECEASED
    assert [(e[0], e[2]) for e in events(ctx, worker_id)] == [(WorkerStatus.DECEASED, True)]
