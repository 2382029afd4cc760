"""The coverage history: periods, status events, and the one answer to "covered on D"."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from models import CoveragePeriod, Worker
from models.enums import CoverageSource, FundingSource, WorkerStatus
from services import coverage_history as ch
from services.core.context import ServiceContext
from services.core.errors import ValidationError
from services.core.unit_of_work import unit_of_work
from services.workers.service import WorkerService
from tests.factories import worker_input

JUL7, DEC31 = date(2025, 7, 7), date(2025, 12, 31)


def _sql_covered(session: Session, worker_id: int, day: date) -> bool:
    return bool(session.scalar(select(ch.covered_on(Worker.id, day)).where(Worker.id == worker_id)))


def _agree(ctx: ServiceContext, worker_id: int, days: list[date]) -> list[bool]:
    """Covered on each day, after checking that SQL and Python say the same."""
    with unit_of_work(ctx) as session:
        answers = []
        for day in days:
            fact = ch.coverage_on(session, worker_id, day)
            assert fact.covered == _sql_covered(session, worker_id, day), day
            answers.append(fact.covered)
        return answers


def test_a_worker_without_dates_is_not_yet_covered(
    ctx: ServiceContext, workers: WorkerService
) -> None:
    created = workers.create(worker_input(1, coverage_start=None, coverage_end=None)).worker
    assert workers.coverage_history(created.id).periods == ()
    with unit_of_work(ctx) as session:
        fact = ch.coverage_on(session, created.id, date(2025, 8, 1))
    assert not fact.covered and not fact.has_periods
    assert fact.reason == "Belum terlindungi: belum ada periode kepesertaan."
    assert _agree(ctx, created.id, [date(2025, 8, 1)]) == [False]


def test_the_form_dates_open_a_clerk_period(ctx: ServiceContext, workers: WorkerService) -> None:
    created = workers.create(worker_input(1)).worker
    (period,) = workers.coverage_history(created.id).periods
    assert (period.start_date, period.end_date, period.source) == (JUL7, DEC31, "clerk")
    with unit_of_work(ctx) as session:
        fact = ch.coverage_on(session, created.id, date(2025, 8, 1))
        before = ch.coverage_on(session, created.id, date(2025, 7, 6))
        after = ch.coverage_on(session, created.id, date(2026, 1, 1))
    assert fact.covered and fact.funding is FundingSource.APBD_KABUPATEN
    assert fact.reason == "Terlindungi JKK dan JKM s.d. 31 Desember 2025 (APBD Kabupaten)."
    assert before.reason == "Belum terlindungi: kepesertaan mulai 7 Juli 2025."
    assert after.reason == "Tidak terlindungi: kepesertaan berakhir 31 Desember 2025."
    days = [JUL7 - timedelta(1), JUL7, DEC31, DEC31 + timedelta(1)]
    assert _agree(ctx, created.id, days) == [False, True, True, False]
    # Editing the form's dates changes that period, never adds a second one.
    changed = workers.update(
        created.id, replace(created.to_input(), coverage_end=date(2026, 6, 30)), created.version
    ).worker
    (period,) = workers.coverage_history(created.id).periods
    assert period.end_date == date(2026, 6, 30) == changed.coverage_end


def test_inactivation_cuts_reactivation_reopens_cancellation_restores(
    ctx: ServiceContext, workers: WorkerService
) -> None:
    w = workers.create(worker_input(1)).worker
    today = date(2026, 1, 15)
    w = workers.change_status(w.id, WorkerStatus.INACTIVE, w.version, "pindah", date(2025, 9, 1))
    assert w.coverage_end == date(2025, 9, 1)
    assert _agree(ctx, w.id, [date(2025, 9, 1), date(2025, 9, 2)]) == [True, False]
    with unit_of_work(ctx) as session:
        gone = ch.coverage_on(session, w.id, date(2025, 10, 1))
    assert gone.reason == "Tidak terlindungi: nonaktif sejak 1 September 2025 (pindah)."
    assert gone.status is WorkerStatus.INACTIVE and gone.status_since == date(2025, 9, 1)

    w = workers.change_status(
        w.id, WorkerStatus.ACTIVE, w.version, status_date=date(2025, 11, 1), today=today
    )
    first, second = workers.coverage_history(w.id).periods
    assert (first.end_date, first.planned_end) == (date(2025, 9, 1), DEC31)
    assert (second.start_date, second.end_date, second.source) == (
        date(2025, 11, 1),
        DEC31,
        "status",
    )
    assert _agree(ctx, w.id, [date(2025, 10, 31), date(2025, 11, 1)]) == [False, True]

    events = workers.coverage_history(w.id).events
    with pytest.raises(ValidationError) as caught:
        workers.cancel_status(w.id, events[0].id, "keliru", w.version)
    assert caught.value.problems[0].code == "status_event_not_latest"
    w = workers.cancel_status(w.id, events[1].id, "keliru", w.version)
    assert len(workers.coverage_history(w.id).periods) == 1
    w = workers.cancel_status(w.id, events[0].id, "keliru", w.version)
    (period,) = workers.coverage_history(w.id).periods
    assert (period.end_date, period.planned_end, period.ended_by_event_id) == (DEC31, None, None)
    assert w.status is WorkerStatus.ACTIVE and w.coverage_end == DEC31
    assert all(e.cancelled for e in workers.coverage_history(w.id).events)
    assert _agree(ctx, w.id, [date(2025, 10, 1)]) == [True]


def test_reactivation_resumes_what_the_inactivation_ended_and_no_earlier_than_planned(
    ctx: ServiceContext, workers: WorkerService
) -> None:
    """The period in force on the inactivation day resumes from the reactivation day;
    periods planned to start later come back as planned, from their own start (a plan
    for February does not cover January because the worker came back in January)."""
    today = date(2026, 6, 1)
    w = workers.create(
        worker_input(1, coverage_start=date(2025, 7, 2), coverage_end=date(2025, 9, 20))
    ).worker
    later = workers.create(worker_input(2, coverage_start=None, coverage_end=None)).worker
    with unit_of_work(ctx) as session:
        for worker_id in (w.id, later.id):
            worker = session.get(Worker, worker_id)
            assert worker is not None
            if worker_id == later.id:
                ch.open_period(session, worker, date(2025, 2, 18), date(2025, 6, 17))
            ch.open_period(session, worker, date(2025, 9, 21), date(2026, 2, 12))
            day = date(2025, 8, 25) if worker_id == w.id else date(2025, 1, 1)
            ch.record_status(session, worker, WorkerStatus.INACTIVE, day, "pindah", today=today)
            ch.record_status(
                session, worker, WorkerStatus.ACTIVE, day + timedelta(1), None, today=today
            )
    resumed = sorted(
        (p.start_date, p.end_date)
        for p in workers.coverage_history(w.id).periods
        if p.end_date is None or p.end_date >= p.start_date
    )
    assert resumed == [
        (date(2025, 7, 2), date(2025, 8, 25)),
        (date(2025, 8, 26), date(2025, 9, 20)),
        (date(2025, 9, 21), date(2026, 2, 12)),
    ]
    assert _agree(ctx, w.id, [date(2025, 8, 26), date(2025, 9, 21), date(2026, 2, 13)]) == [
        True,
        True,
        False,
    ]
    # Nothing was in force on 1 January 2025: the plans come back from their own starts.
    days = [date(2025, 1, 2), date(2025, 2, 18), date(2025, 7, 1), date(2025, 10, 1)]
    assert _agree(ctx, later.id, days) == [False, True, False, True]


def test_a_worker_is_covered_on_the_day_they_die(
    ctx: ServiceContext, workers: WorkerService
) -> None:
    w = workers.create(worker_input(1)).worker
    w = workers.change_status(w.id, WorkerStatus.DECEASED, w.version, status_date=date(2025, 10, 5))
    assert _agree(ctx, w.id, [date(2025, 10, 5), date(2025, 10, 6)]) == [True, False]
    with unit_of_work(ctx) as session:
        fact = ch.coverage_on(session, w.id, date(2025, 10, 6))
        worker = session.get(Worker, w.id)
        assert worker is not None
        with pytest.raises(ValidationError) as caught:
            ch.open_period(session, worker, date(2025, 11, 1), actor="petugas1")
    assert fact.reason == "Tidak terlindungi: meninggal sejak 5 Oktober 2025."
    assert caught.value.problems[0].code == "coverage_after_status"
    assert "MARIA GORETI TAEK B" in caught.value.message


def test_overlapping_or_reversed_periods_are_refused(
    ctx: ServiceContext, workers: WorkerService
) -> None:
    w = workers.create(worker_input(1)).worker
    with unit_of_work(ctx) as session:
        worker = session.get(Worker, w.id)
        assert worker is not None
        with pytest.raises(ValidationError) as overlap:
            ch.open_period(session, worker, date(2025, 12, 1), date(2026, 12, 31))
        with pytest.raises(ValidationError) as order:
            ch.open_period(session, worker, date(2026, 12, 31), date(2026, 1, 1))
    problem = overlap.value.problems[0]
    assert (problem.code, problem.field) == ("coverage_overlap", "coverage_start")
    assert "7 Juli 2025 s.d. 31 Desember 2025" in problem.text
    assert "NIK 5303055207850001" in overlap.value.message
    assert order.value.problems[0].field == "coverage_end"


def test_a_change_of_funding_mid_month_leaves_no_gap(
    ctx: ServiceContext, workers: WorkerService
) -> None:
    w = workers.create(worker_input(1, funding=FundingSource.DANA_DESA, coverage_end=None)).worker
    with unit_of_work(ctx) as session:
        worker = session.get(Worker, w.id)
        assert worker is not None
        period = session.scalars(select(CoveragePeriod)).one()
        ch.end_period(session, worker, period, date(2026, 3, 14))
        ch.open_period(
            session,
            worker,
            date(2026, 3, 15),
            funding=FundingSource.APBD_KABUPATEN,
            source=CoverageSource.BPJS,
            source_ref="list 1",
        )
    march = (date(2026, 3, 1), date(2026, 3, 31))
    with unit_of_work(ctx) as session:
        row = session.execute(
            select(
                ch.covered_throughout(Worker.id, *march),
                ch.covered_between(Worker.id, *march),
                ch.funding_in(Worker.id, *march),
                ch.funding_on(Worker.id, date(2026, 3, 14)),
                ch.kpj_on(Worker.id, date(2026, 3, 20)),
            ).where(Worker.id == w.id)
        ).one()
        gap = session.scalar(
            select(ch.covered_throughout(Worker.id, date(2025, 7, 1), date(2025, 7, 31)))
        )
    assert row == (True, True, "apbd_kab", "dana_desa", "00000000001")
    assert gap is False  # 1-6 July 2025 are not covered
    assert workers.get(w.id).funding is FundingSource.APBD_KABUPATEN  # the cache follows
