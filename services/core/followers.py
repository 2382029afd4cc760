"""Who refreshes the data that follows a transaction's writes (services/core/follow.py).

Apart from the hooks and free of SQLAlchemy: services/__init__.py sets the follower, and it
runs before every services module, the pure rule modules too (tests/unit/test_architecture.py).
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import datetime
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

# The ServiceContext, typed loosely: core/context.py installs the hooks, so core/follow.py
# cannot import it back, even for type checking (an import circle).
ServiceContext = Any


class Follower(Protocol):
    def __call__(
        self,
        session: Session,
        ctx: ServiceContext,
        worker_ids: Collection[int],
        everything: bool,
        now: datetime | None,
    ) -> object: ...


_follower: Follower | None = None


def set_follower(follower: Follower) -> None:
    global _follower
    _follower = follower


def current_follower() -> Follower | None:
    return _follower
