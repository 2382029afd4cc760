"""The worker form's coverage history as services: add, change, end and remove a period,
each one transaction, audited, refused in Indonesian naming the field; and what the
register answers afterwards (quick check, worker list filter, premium month)."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import replace
from datetime import date

import pytest
from sqlalchemy import select

from models import AuditEntry, CoveragePeriod
from models.enums import FundingSource, WorkerStatus
from services.core.context import ServiceContext
from services.core.errors import NotFoundError, ValidationError
from services.core.permissions import PermissionDeniedError
from services.core.unit_of_work import read_session
from services.coverage_history.clerk import latest_start
from services.premiums import monthly_premium
from services.premiums.months import Month
from services.workers.front_desk import check_coverage
from services.workers.service import WorkerService
from services.workers.types import PeriodInput, WorkerDetail, WorkerQuery
from tests.factories import worker_input
from tests.integration.premium_helpers import VIEWER

TODAY = date(2026, 1, 15)
APBD, DESA = FundingSource.APBD_KABUPATEN, FundingSource.DANA_DESA


def _refused(call: Callable[[], object]) -> tuple[str, str, str]:
    """The first problem of a refusal: its code, its field and its text."""
    with pytest.raises(ValidationError) as caught:
        call()
    problem = caught.value.problems[0]
    assert "MARIA GORETI TAEK" in caught.value.message.upper()  # names the record
    return problem.code, problem.field, problem.text


def _spans(workers: WorkerService, worker_id: int) -> list[tuple[date, date | None, str]]:
    return [
        (p.start_date, p.end_date, p.funding.value)
        for p in workers.coverage_history(worker_id).periods
    ]


def _premium_workers(ctx: ServiceContext, month: Month) -> dict[FundingSource, int]:
    return {t.funding: t.workers for t in monthly_premium(ctx, month).by_funding()}


def test_adding_ending_changing_and_removing_periods_moves_every_answer(
    ctx: ServiceContext, workers: WorkerService
) -> None:
    """One worker covered Jul–Dec 2025 (APBD); the clerk adds 2026 under Dana Desa, ends
    it in March, corrects its start, and removes it again: the quick check, the list's
    "covered on" filter and the premium month follow each step."""
    w = workers.create(worker_input(1)).worker
    feb = date(2026, 2, 10)
    assert not check_coverage(ctx, workers.regions, w.nik, today=feb).covered_today
    assert workers.count(WorkerQuery(covered_on=feb)) == 0
    assert _premium_workers(ctx, Month(2026, 2)) == {}

    w = workers.add_period(w.id, PeriodInput(date(2026, 1, 1), None, DESA, None), w.version, TODAY)
    assert _spans(workers, w.id) == [
        (date(2025, 7, 7), date(2025, 12, 31), "apbd_kab"),
        (date(2026, 1, 1), None, "dana_desa"),
    ]
    assert (w.coverage_start, w.coverage_end, w.funding) == (date(2026, 1, 1), None, DESA)
    answer = check_coverage(ctx, workers.regions, w.nik, today=feb)
    assert answer.covered_today and answer.funding is DESA
    assert workers.count(WorkerQuery(covered_on=feb)) == 1
    assert _premium_workers(ctx, Month(2026, 2)) == {DESA: 1}
    assert _premium_workers(ctx, Month(2025, 12)) == {APBD: 1}  # the earlier period kept

    latest = workers.coverage_history(w.id).periods[-1]
    w = workers.end_period(w.id, latest.id, date(2026, 3, 31), w.version)
    assert w.coverage_end == date(2026, 3, 31)
    april = date(2026, 4, 1)
    assert not check_coverage(ctx, workers.regions, w.nik, today=april).covered_today
    assert check_coverage(ctx, workers.regions, w.nik, today=date(2026, 3, 31)).covered_today
    assert workers.count(WorkerQuery(covered_on=april)) == 0
    assert _premium_workers(ctx, Month(2026, 4)) == {}
    assert _premium_workers(ctx, Month(2026, 3)) == {DESA: 1}

    w = workers.change_period(
        w.id, latest.id, PeriodInput(date(2026, 2, 1), date(2026, 3, 31), APBD, "11111111111"),
        w.version, TODAY,
    )  # fmt: skip
    assert _spans(workers, w.id)[-1] == (date(2026, 2, 1), date(2026, 3, 31), "apbd_kab")
    assert workers.coverage_history(w.id).periods[-1].kpj == "11111111111"
    assert workers.count(WorkerQuery(covered_on=date(2026, 1, 20))) == 0
    assert _premium_workers(ctx, Month(2026, 3)) == {APBD: 1}

    w = workers.remove_period(w.id, latest.id, "salah ketik tahun", w.version)
    assert _spans(workers, w.id) == [(date(2025, 7, 7), date(2025, 12, 31), "apbd_kab")]
    assert (w.coverage_start, w.coverage_end) == (date(2025, 7, 7), date(2025, 12, 31))
    assert not check_coverage(ctx, workers.regions, w.nik, today=feb).covered_today
    assert _premium_workers(ctx, Month(2026, 3)) == {}

    # Audited like other worker changes: each period's creation, change and deletion,
    # under the worker, the deletion with its reason.
    with read_session(ctx) as session:
        entries = session.scalars(
            select(AuditEntry)
            .where(AuditEntry.entity == "coverage_period", AuditEntry.entity_id == str(latest.id))
            .order_by(AuditEntry.id)
        ).all()
        assert [e.action for e in entries] == ["create", "update", "update", "delete"]
        assert {(e.parent_entity, e.parent_id) for e in entries} == {("worker", str(w.id))}
        assert "[dihapus: salah ketik tahun]" in (entries[-1].summary or "")
        assert json.loads(entries[1].changes or "{}")["end_date"] == [None, "2026-03-31"]


def test_bad_periods_are_refused_naming_the_field(
    ctx: ServiceContext, workers: WorkerService
) -> None:
    w = workers.create(worker_input(1)).worker
    first = workers.coverage_history(w.id).periods[0]

    code, field, text = _refused(
        lambda: workers.add_period(
            w.id, PeriodInput(date(2025, 12, 1), None, APBD), w.version, TODAY
        )
    )
    assert (code, field) == ("coverage_overlap", "coverage_start")
    assert text.startswith("Periode 1 Desember 2025 s.d. seterusnya bertumpang tindih dengan")

    code, field, text = _refused(
        lambda: workers.add_period(
            w.id, PeriodInput(date(2025, 5, 1), date(2025, 4, 30), APBD), w.version, TODAY
        )
    )
    assert (code, field) == ("coverage_order", "coverage_end")
    assert "Akhir kepesertaan (30 April 2025) sebelum mulai kepesertaan (1 Mei 2025)" in text

    assert latest_start(TODAY) == date(2026, 2, 28)
    code, field, text = _refused(
        lambda: workers.add_period(
            w.id, PeriodInput(date(2026, 3, 1), None, APBD), w.version, TODAY
        )
    )
    assert (code, field) == ("coverage_start_future", "coverage_start")
    assert text == (
        "Mulai kepesertaan 1 Maret 2026 terlalu jauh ke depan: paling lambat "
        "28 Februari 2026. Periksa tahunnya."
    )
    # The first of next month (a usual TMT) is accepted.
    workers.add_period(w.id, PeriodInput(date(2026, 2, 1), None, APBD), w.version, TODAY)
    w = workers.get(w.id)

    code, field, _text = _refused(
        lambda: workers.add_period(w.id, PeriodInput(None, None, APBD), w.version, TODAY)
    )
    assert (code, field) == ("coverage_start_empty", "coverage_start")
    code, field, _text = _refused(
        lambda: workers.change_period(
            w.id, first.id, PeriodInput(first.start_date, None, APBD, "12-34"), w.version, TODAY
        )
    )
    assert (code, field) == ("kpj_not_digits", "kpj")
    code, field, _text = _refused(
        lambda: workers.end_period(w.id, first.id, date(2025, 7, 1), w.version)
    )
    assert (code, field) == ("coverage_order", "coverage_end")
    code, field, text = _refused(lambda: workers.remove_period(w.id, first.id, "  ", w.version))
    assert (code, field, text) == (
        "coverage_remove_reason",
        "reason",
        "Alasan penghapusan periode wajib diisi.",
    )
    code, field, text = _refused(lambda: workers.remove_period(w.id, first.id, "x" * 51, w.version))
    assert text.startswith("Alasan penghapusan paling banyak 50 huruf; yang diisi 51.")
    with pytest.raises(NotFoundError, match="Periode kepesertaan nomor 999999"):
        workers.end_period(w.id, 999999, date(2025, 8, 1), w.version)
    # Nothing of the refused actions was kept.
    assert len(workers.coverage_history(w.id).periods) == 2


def test_a_period_action_checks_the_version_and_the_status(
    ctx: ServiceContext, workers: WorkerService
) -> None:
    from services.core.errors import ConflictError

    w = workers.create(worker_input(1)).worker
    stale = w.version
    w = workers.change_status(w.id, WorkerStatus.INACTIVE, w.version, "pindah", date(2025, 9, 1))
    period = workers.coverage_history(w.id).periods[0]
    with pytest.raises(ConflictError):
        workers.end_period(w.id, period.id, date(2025, 8, 1), stale)
    code, field, text = _refused(
        lambda: workers.add_period(
            w.id, PeriodInput(date(2025, 10, 1), None, APBD), w.version, TODAY
        )
    )
    assert (code, field) == ("coverage_after_status", "coverage_end")
    assert "nonaktif sejak 1 September 2025" in text
    # The period the inactivation cut is the status change's to undo, not the form's.
    code, _field, _text = _refused(
        lambda: workers.end_period(w.id, period.id, date(2025, 8, 1), w.version)
    )
    assert code == "coverage_cut_by_status"
    # A period that ends before the inactivation may still be added (an earlier one).
    w = workers.add_period(
        w.id, PeriodInput(date(2025, 1, 1), date(2025, 6, 30), DESA), w.version, TODAY
    )
    assert len(workers.coverage_history(w.id).periods) == 2


def test_only_clerks_who_edit_workers_change_periods(
    ctx: ServiceContext, workers: WorkerService
) -> None:
    w: WorkerDetail = workers.create(worker_input(1)).worker
    period = workers.coverage_history(w.id).periods[0]
    viewer = WorkerService(replace(ctx, principal=VIEWER))
    assert viewer.coverage_history(w.id).periods  # reading is allowed
    for call in (
        lambda: viewer.add_period(w.id, PeriodInput(date(2026, 1, 1), None, APBD), w.version),
        lambda: viewer.end_period(w.id, period.id, date(2025, 8, 1), w.version),
        lambda: viewer.remove_period(w.id, period.id, "salah", w.version),
    ):
        with pytest.raises(PermissionDeniedError):
            call()
    with read_session(ctx) as session:
        assert session.scalar(select(CoveragePeriod.end_date)) == date(2025, 12, 31)
