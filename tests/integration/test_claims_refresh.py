"""Stored claim flags stay right: a change of the worker recomputes their open claims in the
same transaction (the benefit table: test_claims_reference.py); the lapse is worked out
when the list is read."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, timedelta

from sqlalchemy import update

from models import Claim
from models.enums import ClaimStatus, WorkerStatus
from services import claims
from services.core.context import ServiceContext
from services.workers.service import WorkerService
from tests.integration.claim_helpers import (
    NOW,
    TODAY,
    heir_with_account,
    jkk,
    jkm,
    make_worker,
    paid_jkm,
    receive_everything,
    set_setting,
    step,
)

S = ClaimStatus


def _stored(ctx: ServiceContext, claim_id: int) -> tuple[bool, str | None, int | None]:
    with ctx.session_factory() as session:
        claim = session.get(Claim, claim_id)
        assert claim is not None
        return claim.eligible, claim.ineligible_reason, claim.estimated_benefit


def _list_row(ctx: ServiceContext, claim_id: int, now: datetime = NOW) -> claims.ClaimRow:
    page = claims.list_claims(ctx, claims.ClaimQuery(), now=now)
    return next(r for r in page.rows if r.id == claim_id)


def test_editing_the_workers_coverage_recomputes_their_open_claims(
    ctx: ServiceContext, workers: WorkerService
) -> None:
    worker_id = make_worker(ctx)
    death = claims.open_claim(ctx, worker_id, jkm(), now=NOW)
    assert _stored(ctx, death.id) == (True, None, 42_000_000)

    # Coverage really began on 1 August: under three months at the death, the reduced benefit.
    current = workers.get(worker_id)
    later = replace(current.to_input(), coverage_start=date(2025, 8, 1))
    saved = workers.update(worker_id, later, current.version)
    assert _stored(ctx, death.id) == (True, None, 10_000_000)

    # Typed as a start after the death: not covered on that day, and every list says why.
    after = replace(later, coverage_start=date(2025, 10, 11))
    workers.update(worker_id, after, saved.worker.version)
    eligible, reason, _ = _stored(ctx, death.id)
    assert not eligible and "kepesertaan baru mulai 11 Oktober 2025" in (reason or "")
    row = _list_row(ctx, death.id)
    assert not row.eligible and row.ineligible_reason == reason
    # The claim's version moved with it, named after the clerk who edited the worker.
    assert claims.get_claim(ctx, death.id).version > death.version


def test_a_status_change_recomputes_open_claims_but_not_finished_ones(
    ctx: ServiceContext, workers: WorkerService
) -> None:
    worker_id = make_worker(ctx)
    accident = claims.open_claim(ctx, worker_id, jkk(), now=NOW)
    old = claims.open_claim(ctx, worker_id, jkk(date(2025, 10, 1)), now=NOW)
    step(ctx, old, S.CANCELLED, note="Dobel")
    version = workers.get(worker_id).version
    workers.change_status(
        worker_id, WorkerStatus.INACTIVE, version, "Pindah", date(2025, 9, 30), today=TODAY
    )
    eligible, reason, _ = _stored(ctx, accident.id)
    assert not eligible and "nonaktif sejak 30 September 2025" in (reason or "")
    assert _stored(ctx, old.id)[:2] == (True, None)  # a cancelled claim keeps its record

    # Reactivated today: covered again from today, not on the day of the accident.
    version = workers.get(worker_id).version
    workers.change_status(worker_id, WorkerStatus.ACTIVE, version, today=TODAY)
    assert _stored(ctx, accident.id)[0] is False
    # The inactivation was a mistake: cancelling it (after the reactivation) restores cover.
    version = workers.get(worker_id).version
    reactivation, inactivation = reversed(workers.coverage_history(worker_id).events)
    version = workers.cancel_status(worker_id, reactivation.id, "keliru", version).version
    workers.cancel_status(worker_id, inactivation.id, "keliru", version)
    assert _stored(ctx, accident.id)[:2] == (True, None)


def test_a_death_recorded_by_a_paid_claim_reaches_the_workers_other_claims(
    ctx: ServiceContext,
) -> None:
    worker_id = make_worker(ctx, heirs=[heir_with_account()])
    accident = claims.open_claim(ctx, worker_id, jkk(), now=NOW)  # 19 October
    paid_jkm(ctx, worker_id)  # died 10 October
    eligible, reason, _ = _stored(ctx, accident.id)
    assert not eligible
    assert "tercatat meninggal 10 Oktober 2025, sebelum tanggal kecelakaan" in (reason or "")


def test_refresh_fills_estimates_of_claims_from_before_the_upgrade(ctx: ServiceContext) -> None:
    death = claims.open_claim(ctx, make_worker(ctx, 1), jkm(), now=NOW)
    accident = claims.open_claim(ctx, make_worker(ctx, 2), jkk(), now=NOW)
    with ctx.session_factory.begin() as session:
        session.execute(update(Claim).values(estimated_benefit=None))
    assert claims.refresh_open_claims(ctx, now=NOW) == 1  # the JKK claim has no one-off sum
    assert _stored(ctx, death.id)[2] == 42_000_000
    assert _stored(ctx, accident.id)[2] is None
    assert claims.refresh_open_claims(ctx, now=NOW) == 0


def test_the_list_shows_a_lapse_reached_by_time_alone(ctx: ServiceContext) -> None:
    # The notes give no JKM lapse, so the default is none; this office has set one.
    set_setting(ctx, "claims.jkm_lapse_months", "24")
    draft = claims.open_claim(ctx, make_worker(ctx, 1), jkm(), now=NOW)
    filed = receive_everything(ctx, claims.open_claim(ctx, make_worker(ctx, 2), jkm(), now=NOW))
    filed = step(ctx, filed, S.COMPLETE)
    filed = step(ctx, filed, S.SUBMITTED, letter_number="500.15.14.2/8/Nakertrans/X/2025")
    two_years_on = NOW + timedelta(days=2 * 366)
    row = _list_row(ctx, draft.id, now=two_years_on)
    assert not row.eligible
    assert "Kedaluwarsa: klaim harus diajukan paling lambat 10 Oktober 2027" in (
        row.ineligible_reason or ""
    )
    detail = claims.get_claim(ctx, draft.id, now=two_years_on)
    assert detail.eligibility.reasons == [row.ineligible_reason]
    assert _stored(ctx, draft.id)[:2] == (True, None)  # reading writes nothing
    assert _list_row(ctx, draft.id).eligible
    # Filed in time: eligible however late the list is read.
    assert _list_row(ctx, filed.id, now=two_years_on).eligible
