"""Open claims follow their workers by one hook on the session (services/core/follow.py),
not by calls each writer must remember: a writer that calls no refresh at all still leaves
the claims right. Each test first makes the stored estimate stale behind the app's back, so
only a refresh can bring it back; a worker the write did not reach keeps the stale value.
The writers with their own expectations: test_claims_refresh.py (worker edit, status),
test_claims_refresh_bulk.py (import, undo, settings), test_claims_reference.py (benefit
table), test_claims_death.py (a claim step that records a death)."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import exc as sa_exc
from sqlalchemy import select, update

from models import Claim, Setting, Worker
from models.enums import Gender, Role
from services import claims
from services.core.context import ServiceContext
from services.core.permissions import Principal
from services.core.unit_of_work import read_session, unit_of_work
from services.excel_import import commit_import, list_twin_reviews, merge_twins
from services.settings.store import SettingsService
from tests.factories import make_nik
from tests.integration.claim_helpers import NOW, jkm, make_worker
from tests.integration.test_import_commit import source_of

ADMIN = Principal(user_id=0, username="admin1", full_name="Admin", role=Role.ADMIN)
FULL = 42_000_000


def _estimate(ctx: ServiceContext, claim_id: int) -> int | None:
    with ctx.session_factory() as session:
        return session.scalar(select(Claim.estimated_benefit).where(Claim.id == claim_id))


def _make_stale(ctx: ServiceContext) -> None:
    with ctx.session_factory.begin() as session:  # not the app's session: nothing follows
        session.execute(update(Claim).values(estimated_benefit=None))


def _two_claims(ctx: ServiceContext) -> tuple[int, int, int]:
    """Two workers with an open death claim each, their estimates made stale."""
    first, second = make_worker(ctx, 1), make_worker(ctx, 2)
    one = claims.open_claim(ctx, first, jkm(), now=NOW).id
    other = claims.open_claim(ctx, second, jkm(), now=NOW).id
    _make_stale(ctx)
    return first, one, other


def test_an_orm_write_that_calls_no_refresh_refreshes_its_workers_claims(
    ctx: ServiceContext,
) -> None:
    worker_id, claim_id, other_id = _two_claims(ctx)
    with unit_of_work(ctx) as session:
        worker = session.get(Worker, worker_id)
        assert worker is not None
        worker.notes = "Pindah ke dusun sebelah"
    assert _estimate(ctx, claim_id) == FULL
    assert _estimate(ctx, other_id) is None  # only the worker written is followed


def test_a_bulk_statement_on_a_followed_table_refreshes_every_open_claim(
    ctx: ServiceContext,
) -> None:
    worker_id, claim_id, other_id = _two_claims(ctx)
    with unit_of_work(ctx) as session:
        statement = update(Worker).where(Worker.id == worker_id).values(notes="Pindah")
        session.connection().execute(statement)
    assert _estimate(ctx, claim_id) == FULL
    assert _estimate(ctx, other_id) == FULL  # a bulk write names no worker: all are redone


def test_a_failed_savepoint_does_not_hide_the_writes_after_it(ctx: ServiceContext) -> None:
    worker_id, _, other_id = _two_claims(ctx)
    with unit_of_work(ctx) as session:
        # As the twin merge tries a delete: the savepoint's flush fails, the work goes on.
        with pytest.raises(sa_exc.IntegrityError), session.begin_nested():
            session.add(Setting(key="office.name", value=None))
            session.flush()
        statement = update(Worker).where(Worker.id == worker_id).values(notes="Pindah")
        session.connection().execute(statement)
    assert _estimate(ctx, other_id) == FULL


def test_writes_elsewhere_and_reads_refresh_nothing(ctx: ServiceContext) -> None:
    _, claim_id, _ = _two_claims(ctx)
    with read_session(ctx) as session:
        session.get(Worker, 1)
    SettingsService(ServiceContext.for_engine(ctx.engine, principal=ADMIN)).set(
        "office.name", "Dinas Nakertrans"
    )
    assert _estimate(ctx, claim_id) is None


def test_resetting_a_claims_setting_refreshes_open_claims(ctx: ServiceContext) -> None:
    _, claim_id, other_id = _two_claims(ctx)
    settings = SettingsService(ServiceContext.for_engine(ctx.engine, principal=ADMIN))
    settings.set("claims.jkm_reduced_months", "4")
    assert _estimate(ctx, claim_id) == 10_000_000
    _make_stale(ctx)
    settings.reset(["claims.jkm_reduced_months"])
    assert _estimate(ctx, claim_id) == FULL and _estimate(ctx, other_id) == FULL


def test_merging_twins_refreshes_the_retired_workers_claims(
    ctx: ServiceContext, tmp_path: Path
) -> None:
    registered, claim_id, other_id = _two_claims(ctx)
    with ctx.session_factory() as session:
        worker = session.get(Worker, registered)
        assert worker is not None
        name, birth = worker.full_name, worker.birth_date
    twin = [make_nik(birth, Gender.FEMALE, 55), name, birth, "P", "Aplasi", "Kota Kefamenanu"]
    commit_import(ctx, source_of(tmp_path, [[*twin, "tani"]]))
    _make_stale(ctx)  # the import itself refreshed them
    [pair] = list_twin_reviews(ctx)
    newcomer = pair.worker_id if pair.other_worker_id == registered else pair.other_worker_id
    merge_twins(ctx, pair.id, newcomer or 0)  # the registered one has a claim: made inactive
    assert _estimate(ctx, claim_id) == FULL
    assert _estimate(ctx, other_id) is None
