"""Every place that says who is covered agrees with a plain-Python reference, on small
registers with random histories (periods, inactivation, death, reactivation,
cancellation) and random days, on both engines: the quick check, the worker list's
filter, Beranda's count, a premium month (count and funding), claims eligibility, the
village list a village head signs and BPJS's collective registration export."""

from __future__ import annotations

import itertools
import tempfile
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Any

import openpyxl
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import text

from models import Worker
from models.enums import FundingSource, WorkerStatus
from services import claims, coverage_history
from services.core.context import ServiceContext
from services.core.unit_of_work import unit_of_work
from services.excel_export import ExportFormat, export_workers
from services.premiums import monthly_premium, premium_series
from services.premiums.months import Month
from services.premiums.types import PartialMonthRule
from services.reports import ReportFilter, ReportKind
from services.reports.dashboard import dashboard
from services.reports.service import build_report
from services.workers.front_desk import check_coverage
from services.workers.service import WorkerService
from services.workers.types import WorkerQuery
from tests.factories import VILLAGE, worker_input
from tests.integration.claim_helpers import jkk
from tests.integration.premium_helpers import set_rule

FIRST = date(2025, 1, 1)
SPAN = 540  # days: January 2025 to June 2026
FAR = date(2027, 1, 1)  # "today" for recording, so every generated date is in the past
FUNDINGS = (FundingSource.APBD_KABUPATEN, FundingSource.DANA_DESA)
_serials = itertools.count(1)


@dataclass
class History:
    """What was done to one worker, and the reference answer computed from it alone."""

    periods: list[tuple[date, date | None, FundingSource]]
    event: tuple[WorkerStatus, date] | None = None
    reactivated: date | None = None
    cancel_last: bool = False
    worker_id: int = 0
    effective: list[tuple[date, date | None, FundingSource]] = field(default_factory=list)

    def settle(self) -> None:
        """The periods in force after the events, by the model's own rules in plain Python."""
        event, back = self.event, self.reactivated
        if self.cancel_last and back is not None:
            back = None
        elif self.cancel_last:
            event = None
        if event is None:
            self.effective = list(self.periods)
            return
        cut_day = event[1]
        kept: list[tuple[date, date | None, FundingSource]] = []
        # What the event ended: resumed or restored by a reactivation.
        ended: list[tuple[date, date | None, FundingSource]] = []
        for start, end, funding in self.periods:
            if end is not None and end < cut_day:
                kept.append((start, end, funding))
            elif start <= cut_day:
                kept.append((start, cut_day, funding))
                ended.append((start, end, funding))
            else:
                ended.append((start, end, funding))  # planned after the event: emptied
        if back is not None:
            for start, end, funding in ended:
                # Resumed from the reactivation day, or from its own planned start if later.
                begin = max(start, back)
                if end is None or end >= begin:
                    kept.append((begin, end, funding))
        self.effective = kept

    def covered(self, day: date) -> bool:
        return any(s <= day and (e is None or day <= e) for s, e, _ in self.effective)

    def funding_on(self, day: date) -> FundingSource | None:
        found = [f for s, e, f in self.effective if s <= day and (e is None or day <= e)]
        return found[0] if found else None

    def month_funding(self, month: Month) -> FundingSource | None:
        """Under the "full" rule: the latest period covering any day of the month."""
        touching = [
            (s, f)
            for s, e, f in self.effective
            if s <= month.last_day and (e is None or e >= month.first_day)
        ]
        return max(touching)[1] if touching else None

    def month_counted(self, month: Month, rule: PartialMonthRule) -> FundingSource | None:
        """The funding a month is counted under; under the "none" rule only a month covered
        on every day counts."""
        if rule is PartialMonthRule.NONE:
            days = (month.last_day - month.first_day).days + 1
            every_day = (month.first_day + timedelta(days=d) for d in range(days))
            if not all(self.covered(day) for day in every_day):
                return None
        return self.month_funding(month)


def _day(offset: int) -> date:
    return FIRST + timedelta(days=offset)


@st.composite
def histories(draw: st.DrawFn) -> History:
    count = draw(st.integers(0, 3))
    cursor = draw(st.integers(0, 120))
    periods: list[tuple[date, date | None, FundingSource]] = []
    for index in range(count):
        start = cursor
        last = index == count - 1 and draw(st.booleans())
        end = None if last else start + draw(st.integers(0, 150))
        periods.append(
            (_day(start), None if end is None else _day(end), draw(st.sampled_from(FUNDINGS)))
        )
        if end is None:
            break
        cursor = end + 1 + draw(st.integers(0, 60))  # 0: back to back (a change of funding)
    history = History(periods)
    kind = draw(st.sampled_from([None, WorkerStatus.INACTIVE, WorkerStatus.DECEASED]))
    if kind is not None:
        when = draw(st.integers(0, SPAN))
        history.event = (kind, _day(when))
        if kind is WorkerStatus.INACTIVE and draw(st.booleans()):
            history.reactivated = _day(when + draw(st.integers(1, 120)))
        history.cancel_last = draw(st.booleans())
    history.settle()
    return history


def _build(ctx: ServiceContext, history: History) -> None:
    serial = next(_serials)
    # No KPJ yet: BPJS's registration list then names the covered ones the district pays.
    data = worker_input(serial, coverage_start=None, coverage_end=None, kpj=None)
    workers = WorkerService(ctx)
    history.worker_id = workers.create(data).worker.id
    with unit_of_work(ctx) as session:
        worker = session.get(Worker, history.worker_id)
        assert worker is not None
        for start, end, funding in history.periods:
            coverage_history.open_period(session, worker, start, end, funding=funding)
        events = []
        if history.event is not None:
            status, when = history.event
            reason = "pindah" if status is WorkerStatus.INACTIVE else None
            events.append(
                coverage_history.record_status(
                    session, worker, status, when, reason, actor="uji", today=FAR
                )
            )
        if history.reactivated is not None:
            events.append(
                coverage_history.record_status(
                    session, worker, WorkerStatus.ACTIVE, history.reactivated, None, today=FAR
                )
            )
        if history.cancel_last and events:
            coverage_history.cancel_status_event(session, events[-1].id, "keliru", "uji")


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    new=st.lists(histories(), min_size=1, max_size=4),
    offsets=st.lists(st.integers(-10, SPAN + 30), min_size=1, max_size=3),
    rule=st.sampled_from(list(PartialMonthRule)),
)
def test_every_reader_agrees_with_the_reference(
    ctx: ServiceContext, new: list[History], offsets: list[int], rule: PartialMonthRule
) -> None:
    _clear(ctx)  # each example is a register of its own, so a failure shrinks to it
    set_rule(ctx, rule.value)
    REGISTER = new
    for history in new:
        _build(ctx, history)
    workers = WorkerService(ctx)
    for day in (_day(o) for o in offsets):
        expected = {h.worker_id for h in REGISTER if h.covered(day)}
        # The API and the one SQL expression.
        with unit_of_work(ctx) as session:
            for h in REGISTER:
                fact = coverage_history.coverage_on(session, h.worker_id, day)
                assert fact.covered == (h.worker_id in expected), (h, day)
        # The quick check, the worker list's filter, Beranda.
        for h in new:
            nik = workers.get(h.worker_id).nik
            answer = check_coverage(ctx, workers.regions, nik, today=day)
            assert answer.covered_today == (h.worker_id in expected), (h, day)
        assert workers.count(WorkerQuery(covered_on=day)) == len(expected)
        board = dashboard(ctx, today=day)
        assert board.active_total == len(expected)
        # The premium month: who is counted, under which funding source; Beranda's twelve
        # months and the premium series count the same (one pass over many months).
        month = Month.of(day)
        funded = _counted(REGISTER, month, rule)
        premium = monthly_premium(ctx, month)
        assert {t.funding: t.workers for t in premium.by_funding()} == funded, (month, rule)
        year = [point.month for point in board.per_month]
        assert [p.workers for p in board.per_month] == [
            sum(_counted(REGISTER, m, rule).values()) for m in year
        ], rule
        series = premium_series(ctx, year)
        assert [{t.funding: t.workers for t in s.by_funding} for s in series] == [
            _counted(REGISTER, m, rule) for m in year
        ], rule
        # The village list (its date) and BPJS's registration list (its date): by NIK.
        niks = {h.worker_id: workers.get(h.worker_id).nik for h in REGISTER}
        covered_niks = {niks[i] for i in expected}
        report = build_report(ctx, ReportKind.VILLAGE_LIST, ReportFilter(village_code=VILLAGE), day)
        listed = {row[2] for s in report.sections for t in s.tables for row in t.rows}
        assert listed == covered_niks, (REGISTER, day)
        to_register = {
            niks[h.worker_id]
            for h in REGISTER
            if h.funding_on(day) is FundingSource.APBD_KABUPATEN  # agreement.funding_sources
        }
        assert _bpjs_niks(ctx, day) == to_register, (REGISTER, day)
        # Claims eligibility on the event date.
        for h in new:
            check = claims.check_claim(
                ctx, h.worker_id, jkk(day), now=datetime(2027, 1, 1, tzinfo=UTC)
            )
            assert check.eligibility is not None
            codes = {c.code for c in check.eligibility.checks}
            assert ("coverage_active" in codes) == (h.worker_id in expected), (h, day, codes)


def _counted(register: list[History], month: Month, rule: PartialMonthRule) -> dict[Any, int]:
    funded: dict[Any, int] = {}
    for h in register:
        source = h.month_counted(month, rule)
        if source is not None:
            funded[source] = funded.get(source, 0) + 1
    return funded


def _bpjs_niks(ctx: ServiceContext, day: date) -> set[str]:
    """The NIKs in BPJS's collective registration export made on ``day``."""
    with tempfile.TemporaryDirectory() as folder:
        result = export_workers(
            ctx, f"{folder}/bpjs.xlsx", WorkerQuery(), ExportFormat.BPJS, today=day
        )
        sheet = openpyxl.load_workbook(result.path).worksheets[0]
        rows = list(sheet.iter_rows(values_only=True))
    first = next(i for i, row in enumerate(rows) if row[0] == "NIK")
    return {str(row[0]) for row in rows[first + 1 :]}


def _clear(ctx: ServiceContext) -> None:
    with ctx.engine.begin() as conn:
        for table in ("coverage_period", "worker_status_event", "heir", "worker"):
            conn.execute(text(f"DELETE FROM {table}"))
