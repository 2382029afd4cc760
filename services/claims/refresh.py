"""Keeping the stored flags of open claims right when what they follow changes: the
worker's coverage, status or funding (called by the worker service in its own
transaction), an import or its undo, the benefit table, or the office's ``claims.*``
settings (``refresh_open_claims``, ``python main.py claims refresh`` for everything).

What changes with the clock alone (the lapse of an unsubmitted claim, the JKK report
deadline) is not stored but worked out when the list is read (query.py)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import UTC, datetime

from sqlalchemy import Select, select
from sqlalchemy.orm import Session, selectinload

from models import Claim, Worker
from services.claims import records
from services.claims.detail import load_rates
from services.claims.rules import read_rules
from services.claims.types import FINISHED
from services.core.context import ServiceContext
from services.core.permissions import Permission
from services.core.unit_of_work import unit_of_work
from services.office_time import as_utc
from services.settings.store import follow_settings


def refresh_worker_claims(
    session: Session, ctx: ServiceContext, worker: Worker, now: datetime | None = None
) -> int:
    """The worker's open claims recomputed in the caller's transaction; how many changed."""
    claims = session.scalars(
        select(Claim)
        .where(Claim.worker_id == worker.id, Claim.status.not_in(sorted(FINISHED)))
        .options(selectinload(Claim.heirs))
    ).all()
    return _refresh(session, ctx, [(c, worker) for c in claims], now)


def refresh_claims_of_workers(
    session: Session, ctx: ServiceContext, worker_ids: Iterable[int], now: datetime | None = None
) -> int:
    """After a bulk change of many workers (an import, its undo): their open claims recomputed
    in the caller's transaction. Open claims are few, so they are read whole and matched here
    rather than sending thousands of ids to the database."""
    wanted = set(worker_ids)
    if not wanted:
        return 0
    pairs = [
        (claim, worker) for claim, worker in session.execute(_open_claims()) if worker.id in wanted
    ]
    return _refresh(session, ctx, pairs, now)


def refresh_open_claims(ctx: ServiceContext, now: datetime | None = None) -> int:
    """Every open claim this clerk may see, recomputed in one transaction; how many changed.
    The upgrade to 0008 runs the same refresh by itself (services/core/bootstrap.py)."""
    ctx.require(Permission.CLAIMS)
    with unit_of_work(ctx) as session:
        return refresh_visible_claims(session, ctx, now)


def refresh_visible_claims(
    session: Session, ctx: ServiceContext, now: datetime | None = None
) -> int:
    query = _open_claims()
    principal = ctx.principal
    if principal is not None and principal.kecamatan_codes:
        query = query.where(Worker.kecamatan_code.in_(sorted(principal.kecamatan_codes)))
    pairs = [(claim, worker) for claim, worker in session.execute(query)]
    return _refresh(session, ctx, pairs, now)


def _open_claims() -> Select[Claim, Worker]:
    # Bulk statements bypass the identity map: load the workers as they are now.
    return (
        select(Claim, Worker)
        .join(Worker, Worker.id == Claim.worker_id)
        .where(Claim.status.not_in(sorted(FINISHED)))
        .order_by(Claim.id)
        .options(selectinload(Claim.heirs))
        .execution_options(populate_existing=True)
    )


def _refresh(
    session: Session,
    ctx: ServiceContext,
    pairs: Sequence[tuple[Claim, Worker]],
    now: datetime | None,
) -> int:
    if not pairs:
        return 0
    now = as_utc(now or datetime.now(UTC))
    rules, rates = read_rules(session), load_rates(session)
    changed = 0
    for claim, worker in pairs:
        if records.refresh_derived(session, claim, worker, rules, now, rates):
            # Named, so a clerk whose save now meets a newer version is told by whom.
            records.touch(claim, ctx)
            changed += 1
    records.flush(session)
    return changed


# Open claims follow the claims.* settings in the transaction that changes them.
follow_settings("claims.", refresh_visible_claims)
