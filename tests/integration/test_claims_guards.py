"""Migration 0008 on both engines: the stored estimate, the event time as a time, and the
unique indexes that refuse a duplicate claim even when two clerks save it together."""

from __future__ import annotations

import json
import threading
import time as clock
from collections.abc import Iterator
from dataclasses import replace
from datetime import datetime, time
from typing import Any

import pytest
from alembic import command
from sqlalchemy import func, select, text
from sqlalchemy.exc import IntegrityError

from models import AuditEntry, Claim, ClaimHeir, ClaimStatusChange, schema
from models.database import make_engine
from models.enums import ClaimStatus, ClaimType, JkkOutcome
from services import claims
from services.claims.conflicts import ONE_DEATH_INDEX, SAME_EVENT_INDEX, violated_index
from services.core.bootstrap import upgrade_schema
from services.core.context import ServiceContext
from services.core.errors import ValidationError
from tests.conftest import OPERATOR, create_pg_database, drop_pg_database
from tests.integration.claim_helpers import NOW, jkk, jkm, make_worker, set_setting, step
from tests.present import present

S = ClaimStatus


@pytest.fixture
def own_pg() -> Iterator[ServiceContext]:
    """A PostgreSQL register of its own: these tests migrate it down and up."""
    url, admin = create_pg_database()
    engine = make_engine(url)
    schema.upgrade(engine)
    engine.dispose()
    context = ServiceContext.for_engine(make_engine(url), principal=OPERATOR)
    yield context
    context.engine.dispose()
    drop_pg_database(url, admin)


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def own_database(request: pytest.FixtureRequest) -> ServiceContext:
    fixture = "sqlite_ctx" if request.param == "sqlite" else "own_pg"
    return request.getfixturevalue(fixture)


def _migrate(ctx: ServiceContext, revision: str) -> None:
    config = schema._alembic_config()
    with ctx.engine.begin() as conn:
        config.attributes["connection"] = conn
        if revision == "head":
            command.upgrade(config, revision)
        else:
            command.downgrade(config, revision)


def _counts(ctx: ServiceContext) -> tuple[int, int]:
    with ctx.engine.connect() as conn:
        heirs = conn.scalar(select(func.count()).select_from(ClaimHeir.__table__))
        history = conn.scalar(select(func.count()).select_from(ClaimStatusChange.__table__))
    return heirs or 0, history or 0


def test_event_times_survive_the_migration_and_nothing_else_is_lost(
    own_database: ServiceContext,
) -> None:
    ctx = own_database
    accident = claims.open_claim(ctx, make_worker(ctx, 1), jkk(), now=NOW)
    claims.open_claim(ctx, make_worker(ctx, 2), jkm(), now=NOW)  # takes the worker's heir
    no_time = claims.open_claim(ctx, make_worker(ctx, 3), jkk(event_time=None), now=NOW)
    before = _counts(ctx)
    assert before == (1, 3)

    _migrate(ctx, "0007")
    with ctx.engine.connect() as conn:
        stored: dict[int, str | None] = dict(
            conn.execute(text("SELECT id, event_time FROM claim")).all()
        )
    assert stored[accident.id] == "08:30" and stored[no_time.id] is None

    _migrate(ctx, "head")
    assert _counts(ctx) == before
    with ctx.session_factory() as session:
        assert session.get_one(Claim, accident.id).event_time == time(8, 30)
        assert session.get_one(Claim, no_time.id).event_time is None
    detail = claims.get_claim(ctx, accident.id, now=NOW)
    assert detail.event.event_time == time(8, 30)
    # The deadline still counts from 08.30 WITA: 48 hours later is 00.30 UTC two days on.
    assert detail.eligibility.report_deadline == datetime.fromisoformat("2025-10-21T00:30+00:00")


def test_the_upgrade_to_0008_fills_the_estimates_of_stored_claims(
    own_database: ServiceContext,
) -> None:
    ctx = own_database
    death = claims.open_claim(ctx, make_worker(ctx, 1), jkm(), now=NOW)
    _migrate(ctx, "0007")

    before, after = upgrade_schema(ServiceContext.for_engine(ctx.engine))
    assert (before, after) == ("0007", schema.alembic_head())
    with ctx.session_factory() as session:
        assert session.get_one(Claim, death.id).estimated_benefit == 42_000_000


def test_the_upgrade_to_0023_recomputes_claims_stored_under_an_older_lapse_default(
    own_database: ServiceContext,
) -> None:
    ctx = own_database
    death = claims.open_claim(ctx, make_worker(ctx, 1), jkm(), now=NOW)
    accident = claims.open_claim(ctx, make_worker(ctx, 2), jkk(), now=NOW)
    # Stored under a lapse of 12 months (the event was 10 and 19 October 2025): lapsed today.
    set_setting(ctx, "claims.jkm_lapse_months", "12")
    set_setting(ctx, "claims.jkk_lapse_months", "12")
    claims.refresh_open_claims(ctx)
    for claim_id in (death.id, accident.id):
        assert "Kedaluwarsa" in (_reason(ctx, claim_id) or "")
    # The defaults (JKM: no lapse; JKK: 60 months) now rule: a new version's, unwritten.
    with ctx.engine.begin() as conn:
        conn.execute(text("DELETE FROM setting WHERE key LIKE 'claims.%'"))
    _migrate(ctx, "0022")
    audited = _claim_audit_count(ctx)

    before, after = upgrade_schema(ServiceContext.for_engine(ctx.engine))
    assert (before, after) == ("0022", schema.alembic_head())
    assert _reason(ctx, death.id) is None
    assert "Kedaluwarsa" not in (_reason(ctx, accident.id) or "")
    with ctx.session_factory() as session:
        assert session.get_one(Claim, death.id).eligible
    # One entry per claim refreshed, as every refresh records.
    assert _claim_audit_count(ctx) == audited + 2


def _reason(ctx: ServiceContext, claim_id: int) -> str | None:
    with ctx.session_factory() as session:
        return session.get_one(Claim, claim_id).ineligible_reason


def _claim_audit_count(ctx: ServiceContext) -> int:
    with ctx.session_factory() as session:
        query = select(func.count()).select_from(AuditEntry).where(AuditEntry.entity == "claim")
        return session.scalar(query) or 0


def test_the_audit_trail_records_the_event_time(ctx: ServiceContext) -> None:
    detail = claims.open_claim(ctx, make_worker(ctx), jkk(), now=NOW)
    claims.update_claim(
        ctx, detail.id, replace(detail.event, event_time=time(9, 15)), detail.version, now=NOW
    )
    with ctx.session_factory() as session:
        entries = session.scalars(
            select(AuditEntry.changes)
            .where(AuditEntry.entity == "claim", AuditEntry.entity_id == str(detail.id))
            .order_by(AuditEntry.id)
        ).all()
    # Later entries of the same save (eligibility, estimate) follow the time's own.
    times = [
        c["event_time"] for c in (json.loads(present(e)) for e in entries) if "event_time" in c
    ]
    assert times == [[None, "08:30:00"], ["08:30:00", "09:15:00"]]


def test_the_estimate_total_is_stored_with_every_write(ctx: ServiceContext) -> None:
    death = claims.open_claim(ctx, make_worker(ctx, 1), jkm(), now=NOW)
    accident = claims.open_claim(ctx, make_worker(ctx, 2), jkk(), now=NOW)
    with ctx.session_factory() as session:
        assert session.get_one(Claim, death.id).estimated_benefit == 42_000_000
        # Care "as needed" and monthly payments: no one-off amount to estimate.
        assert session.get_one(Claim, accident.id).estimated_benefit is None
    fatal = replace(
        accident.event, jkk_outcome=JkkOutcome.DEATH, death_date=accident.event.event_date
    )
    accident = claims.update_claim(ctx, accident.id, fatal, accident.version, now=NOW)
    with ctx.session_factory() as session:
        stored = session.get_one(Claim, accident.id).estimated_benefit
    # 48 × Rp1,000,000 (above the Rp20,000,000 floor), the funeral and the periodic benefit.
    assert stored == accident.benefit.total == 48_000_000 + 10_000_000 + 12_000_000


def _claim_row(worker_id: int, claim_type: ClaimType, event_day, **fields: Any) -> Claim:
    return Claim(
        worker_id=worker_id,
        claim_type=claim_type,
        status=fields.pop("status", S.DRAFT),
        status_since=NOW,
        event_date=event_day,
        eligible=True,
        traffic_accident=False,
        **fields,
    )


def test_the_indexes_refuse_duplicates_written_past_the_service(ctx: ServiceContext) -> None:
    worker_id = make_worker(ctx)
    accident = claims.open_claim(ctx, worker_id, jkk(), now=NOW)
    day = present(accident.event.event_date)
    with ctx.session_factory() as session, pytest.raises(IntegrityError) as same_event:
        session.add(_claim_row(worker_id, ClaimType.JKK, day))
        session.flush()
    # Each engine says which index refused (PostgreSQL by name, SQLite by its columns).
    assert violated_index(same_event.value) == SAME_EVENT_INDEX
    # A cancelled or rejected claim does not count.
    with ctx.session_factory.begin() as session:
        session.add(_claim_row(worker_id, ClaimType.JKK, day, status=S.CANCELLED))
        session.add(_claim_row(worker_id, ClaimType.JKK, day, status=S.REJECTED))
    # One death per worker, whether JKM or a fatal JKK.
    with ctx.session_factory.begin() as session:
        session.add(_claim_row(worker_id, ClaimType.JKM, jkm().event_date))
    with ctx.session_factory() as session, pytest.raises(IntegrityError) as second_death:
        session.add(
            _claim_row(worker_id, ClaimType.JKK, day.replace(day=1), jkk_outcome=JkkOutcome.DEATH)
        )
        session.flush()
    assert violated_index(second_death.value) == ONE_DEATH_INDEX


def test_taking_up_a_cancelled_claim_that_was_replaced_is_refused(ctx: ServiceContext) -> None:
    worker_id = make_worker(ctx)
    first = claims.open_claim(ctx, worker_id, jkk(), now=NOW)
    first = step(ctx, first, S.CANCELLED, note="Salah tanggal")
    second = claims.open_claim(ctx, worker_id, jkk(), now=NOW)
    with pytest.raises(ValidationError) as caught:
        step(ctx, first, S.DRAFT, note="Dibuka lagi")
    assert caught.value.problems[0].code == "claim_duplicate"
    assert f"#{second.id}" in caught.value.problems[0].text
    assert claims.get_claim(ctx, first.id).status is S.CANCELLED


def _waiting_for_a_lock(ctx: ServiceContext) -> bool:
    with ctx.engine.connect() as conn:
        waiting = conn.scalar(
            text(
                "SELECT count(*) FROM pg_stat_activity "
                "WHERE datname = current_database() AND wait_event_type = 'Lock'"
            )
        )
    return bool(waiting)


# On this process's shared PostgreSQL register, emptied: the lock is released when the
# first clerk commits, and no other test uses that database meanwhile.
@pytest.mark.postgres
@pytest.mark.parametrize("database_url", ["postgresql"], indirect=True)
@pytest.mark.parametrize("second", ["same_event", "second_death"])
def test_two_clerks_saving_the_same_claim_at_once(ctx: ServiceContext, second: str) -> None:
    worker_id = make_worker(ctx)
    fatal = jkk(jkk_outcome=JkkOutcome.DEATH, death_date=jkk().event_date)
    data, racing = (jkm(), fatal) if second == "second_death" else (jkk(), jkk())
    outcome: list[BaseException | claims.ClaimDetail] = []

    def other_clerk() -> None:
        try:
            outcome.append(claims.open_claim(ctx, worker_id, racing, now=NOW))
        except BaseException as error:  # handed to the test thread
            outcome.append(error)

    first = ctx.session_factory()
    try:
        # The first clerk's claim is written but not yet committed: the second clerk's
        # check cannot see it, and the second insert waits on the unique index.
        row = _claim_row(worker_id, present(data.claim_type), data.event_date)
        first.add(row)
        first.flush()
        thread = threading.Thread(target=other_clerk)
        thread.start()
        deadline = clock.monotonic() + 20
        while not _waiting_for_a_lock(ctx) and clock.monotonic() < deadline:
            clock.sleep(0.05)
        assert _waiting_for_a_lock(ctx)
        first.commit()
        thread.join(20)
    finally:
        first.close()
    [error] = outcome
    assert isinstance(error, ValidationError)
    problem = error.problems[0]
    code = "death_already_claimed" if second == "second_death" else "claim_duplicate"
    assert problem.code == code and f"#{row.id}" in problem.text
    assert "Data klaim baru" in str(error)
    with ctx.session_factory() as session:
        assert session.scalar(select(func.count()).select_from(Claim)) == 1
