"""Keeping the stored flags of open claims right when what they follow changes: the
worker's coverage, status or funding, an import or its undo, the benefit table, or the
office's ``claims.*`` settings. No writer calls this: every transaction of the app refreshes
what it changed just before it commits (services/core/follow.py); ``refresh_open_claims``
(``python main.py claims refresh``) does it for everything.

What changes with the clock alone (the lapse of an unsubmitted claim, the JKK report
deadline) is not stored but worked out when the list is read (query.py)."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from datetime import UTC, datetime

from sqlalchemy import Select, select
from sqlalchemy.orm import Session, selectinload

from models import Claim, Worker
from services.claims import records
from services.claims.detail import load_rates
from services.claims.rules import read_rules
from services.claims.types import FINISHED
from services.core.context import ServiceContext
from services.core.office_time import as_utc
from services.core.permissions import Permission
from services.core.unit_of_work import unit_of_work


def refresh_after_changes(
    session: Session,
    ctx: ServiceContext,
    worker_ids: Collection[int],
    everything: bool,
    now: datetime | None = None,
) -> int:
    """What services/core/follow.py noted a transaction wrote: the open claims of these
    workers, or every open claim the clerk may see; how many changed."""
    if everything:
        return refresh_visible_claims(session, ctx, now)
    if not worker_ids:
        return 0
    if len(worker_ids) > _FEW_WORKERS:
        # Open claims are few: read whole and matched here rather than thousands of ids sent.
        pairs = [(c, w) for c, w in session.execute(_open_claims()) if w.id in worker_ids]
    else:
        query = _open_claims().where(Claim.worker_id.in_(sorted(worker_ids)))
        pairs = [(claim, worker) for claim, worker in session.execute(query)]
    return _refresh(session, ctx, pairs, now)


_FEW_WORKERS = 100


def refresh_open_claims(ctx: ServiceContext, now: datetime | None = None) -> int:
    """Every open claim this clerk may see, recomputed in one transaction; how many changed.
    An upgrade across a revision that changes what the flags are computed with (0008, 0023)
    runs the same refresh by itself (services/core/bootstrap.py)."""
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
