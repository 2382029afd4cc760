"""Every clerk action, grouped like ui/gui/ (each package's __init__ says what it holds).

Run before any services module is imported, so the one wiring that must never be missing is
made here: the open claims follow what every transaction writes (services/core/follow.py).
Only a light registry is imported here: the pure rule modules load without SQLAlchemy.
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import datetime
from typing import TYPE_CHECKING

from services.core.followers import set_follower

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from services.core.context import ServiceContext


def _refresh_open_claims(
    session: Session,
    ctx: ServiceContext,
    worker_ids: Collection[int],
    everything: bool,
    now: datetime | None,
) -> int:
    # Imported at the first followed write: the claims (slips, letters) stay out of the
    # start-up, and core, which the claims import, never imports them.
    from services.claims.refresh import refresh_after_changes

    return refresh_after_changes(session, ctx, worker_ids, everything, now)


set_follower(_refresh_open_claims)
