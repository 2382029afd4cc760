"""Data derived from workers kept right by the transaction that changes them, whoever writes.

The open claims store flags worked out from their worker's coverage, status and funding, the
benefit table and the ``claims.*`` settings (services/claims/refresh.py). Calling a refresh
after each write was left to every writer, and one forgot (the twin merge). Instead every
session of the app notes what it writes to the followed tables and, just before it commits,
refreshes what depends on them in the same transaction:

- ORM writes (``before_flush``) name their workers: only those workers' open claims;
- any other statement on a followed table (an import's or an undo's bulk statements, through
  ``session.execute`` or ``session.connection().execute``) cannot be read back to workers
  cheaply, so every open claim the clerk may see is refreshed (they are few);
- a ``claims.*`` setting or a benefit rate changed: every open claim the clerk may see.

A new worker row is not followed (it has no claims yet). Raw SQL text is not seen; the app
writes none to these tables. Sessions opened without a ServiceContext (``follow``) - tests'
own sessions, migrations - are left alone.

The refresh itself belongs to the claims, which import core: core calls the follower that
services/__init__.py (run before any services module) sets in core/followers.py, a function
that imports the claims only when a write needs them, so neither the start-up nor core
imports the claims package. A write noted with no follower set fails loudly.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any
from weakref import WeakSet

from sqlalchemy import event
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.orm import Session, SessionTransaction, UOWTransaction, sessionmaker
from sqlalchemy.sql.dml import Delete, Insert, Update

from services.core.followers import ServiceContext, current_follower

CHANGES_KEY = "sirentan.follow.changes"
CONTEXT_KEY = "sirentan.follow.context"
FOLLOWED_SETTINGS = "claims."
# By table name: the ORM classes are not imported, so importing this loads no tables.
WORKER, SETTING, BENEFIT_RATE = "worker", "setting", "claim_benefit_rate"
_WORKER_HISTORY = frozenset(("coverage_period", "worker_status_event"))
# Tables whose every change reaches claims; the worker table's inserts do not (see above).
_FOLLOWED_TABLES = frozenset((WORKER, SETTING, BENEFIT_RATE, *_WORKER_HISTORY))
_engines: WeakSet[Engine] = WeakSet()


@dataclass(slots=True)
class Changes:
    """What one transaction wrote that derived data follows."""

    worker_ids: set[int] = field(default_factory=set)
    everything: bool = False
    in_flush: bool = False

    def __bool__(self) -> bool:
        return self.everything or bool(self.worker_ids)


def install_follow(factory: sessionmaker[Session]) -> None:
    """Once per new factory (see install_audit for why no ``event.contains`` guard)."""
    event.listen(factory, "after_begin", _after_begin)
    event.listen(factory, "before_flush", _before_flush)
    event.listen(factory, "after_flush_postexec", _after_flush)
    # A failed flush ends in a rollback, not after_flush: a savepoint's (the twin merge's
    # try-delete) leaves the transaction going, and its later bulk statements must count.
    event.listen(factory, "after_soft_rollback", _after_flush)
    event.listen(factory, "before_commit", _before_commit)
    event.listen(factory, "after_transaction_end", _after_transaction_end)
    engine = factory.kw.get("bind")
    if isinstance(engine, Engine) and engine not in _engines:
        _engines.add(engine)
        event.listen(engine, "before_execute", _before_execute)


def follow(session: Session, ctx: ServiceContext) -> None:
    """This session's writes are followed, refreshed in the name and sight of ``ctx``."""
    session.info[CONTEXT_KEY] = ctx


def _changes(session: Session) -> Changes:
    changes = session.info.get(CHANGES_KEY)
    if changes is None:
        changes = session.info[CHANGES_KEY] = Changes()
    return changes


def _after_begin(session: Session, _transaction: SessionTransaction, conn: Connection) -> None:
    # The engine-level hook sees connections, not sessions: the connection carries the notes
    # of the session using it (a later user of the pooled connection replaces them).
    conn.info[CHANGES_KEY] = _changes(session)


def _before_flush(session: Session, _context: UOWTransaction, _instances: Any) -> None:
    changes = _changes(session)
    changes.in_flush = True
    for obj in (*session.new, *session.dirty, *session.deleted):
        table = getattr(obj, "__tablename__", None)
        if table == WORKER:
            if obj.id is not None and (obj in session.deleted or session.is_modified(obj)):
                changes.worker_ids.add(obj.id)
        elif table in _WORKER_HISTORY:
            worker_id = obj.worker_id if obj.worker_id is not None else obj.worker.id
            if worker_id is not None:
                changes.worker_ids.add(worker_id)
        elif table == SETTING:
            changes.everything |= obj.key.startswith(FOLLOWED_SETTINGS)
        elif table == BENEFIT_RATE:
            changes.everything = True


def _after_flush(session: Session, _context: object) -> None:
    changes = session.info.get(CHANGES_KEY)
    if changes is not None:
        changes.in_flush = False


def _before_execute(
    conn: Connection, statement: Any, _multiparams: Any, _params: Any, _options: Any
) -> None:
    changes = conn.info.get(CHANGES_KEY)
    if changes is None or changes.in_flush:
        return  # a flush's statements were read from its objects, more precisely
    if not isinstance(statement, Insert | Update | Delete):
        return
    name = getattr(statement.table, "name", None)  # a Table for the app's DML; a join has none
    new_worker = name == WORKER and isinstance(statement, Insert)
    if name in _FOLLOWED_TABLES and not new_worker:
        changes.everything = True


def follow_now(session: Session, now: datetime | None = None) -> None:
    """Refresh what follows the writes so far, before the commit would: for a writer that
    reads the derived data back in its own transaction (a claim step that records a death
    returns the claim as the worker's new status leaves it)."""
    ctx: ServiceContext | None = session.info.get(CONTEXT_KEY)
    if ctx is None:
        return
    session.flush()  # pending objects are noted by their flush
    changes = _changes(session)
    if not changes:
        return
    follower = current_follower()
    if follower is None:
        raise RuntimeError("followed tables written but no follower is set (services/__init__)")
    follower(session, ctx, changes.worker_ids, changes.everything, now)
    changes.worker_ids.clear()
    changes.everything = False


def _before_commit(session: Session) -> None:
    if not session.in_nested_transaction():
        follow_now(session)


def _after_transaction_end(session: Session, transaction: SessionTransaction) -> None:
    if transaction.parent is None:
        session.info.pop(CHANGES_KEY, None)
