"""Every change to an audited record leaves a row in audit_log, in the same transaction.

The database writes the trail on both engines: triggers on every audited table record old
and new values, the actor and the database's clock, whether the change came from the app or
another client (PostgreSQL: migration 0012, actor = the login role; SQLite: migration 0016,
actor = what the app gives its connection, see models.sqlite_audit). The app only tells the
database the clerk, the workstation and a note at each transaction's start, and records
access events (exports, prints, reveals, sign-ins) on purpose with ``record_event``.
"""

from __future__ import annotations

import json
from datetime import date, datetime, time
from enum import Enum
from typing import Any
from weakref import WeakSet

from sqlalchemy import TextClause, event, insert, text
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.orm import Session, SessionTransaction, sessionmaker

from models import AuditEntry
from models.sqlite_audit import NOW, set_session_actor
from services.text.figures import thousands

ACTOR_KEY = "sirentan.actor"


class Action:
    CREATE = "create"
    UPDATE = "update"
    DELETE = "delete"
    STATUS = "status"
    ACCESS = "access"
    EXPORT = "export"
    PRINT = "print"
    LOGIN = "login"
    LOGIN_FAILED = "login_failed"
    LOCKED = "locked"
    PASSWORD = "password"


# SQLite: the clerk a transaction's first write will name (see _name_the_writer).
_PENDING_ACTOR = "sirentan.pending_actor"
_WRITES = ("INSERT", "UPDATE", "DELETE", "REPLACE")
_sqlite_engines: WeakSet[Engine] = WeakSet()


def install_audit(factory: sessionmaker[Session]) -> None:
    """Once per new factory. No ``event.contains`` guard: SQLAlchemy keys it by ``id()``, and
    a new factory that reuses a freed one's id would be taken as listening already."""
    event.listen(factory, "after_begin", _after_begin)
    engine = factory.kw.get("bind")
    if not isinstance(engine, Engine) or engine.dialect.name != "sqlite":
        return
    if engine not in _sqlite_engines:
        _sqlite_engines.add(engine)
        event.listen(engine, "before_cursor_execute", _name_the_writer)


def _is_postgresql(session: Session) -> bool:
    return session.get_bind().dialect.name == "postgresql"


def _after_begin(session: Session, _transaction: SessionTransaction, conn: Connection) -> None:
    """Tell the database's triggers the workstation and the clerk, for this transaction only."""
    user_name, workstation = session.info.get(ACTOR_KEY, (None, None))
    if conn.dialect.name == "sqlite":
        # Named at the first write, not here: the name is a TEMP table's DDL, which a read's
        # rollback would undo, so setting it at every begin re-created it for every read.
        conn.info[_PENDING_ACTOR] = (user_name, workstation)
        return
    # Settings a service asked for before the transaction began ride in the same statement:
    # one round trip less on every search (a keystroke in the worker list).
    settings = session.info.pop(_SETTINGS_KEY, None) or {}
    conn.execute(
        _settings_statement(len(settings)),
        _settings_parameters(
            {"sirentan.user": user_name or "", "sirentan.workstation": (workstation or "")[:100]}
            | settings
        ),
    )


# Transaction-local settings a service wants sent when its transaction begins.
_SETTINGS_KEY = "sirentan.transaction_settings"
# One statement per number of extra settings, made once: names and values are bound.
_SETTINGS_STATEMENTS: dict[int, TextClause] = {}


def _settings_statement(extra: int) -> TextClause:
    statement = _SETTINGS_STATEMENTS.get(extra)
    if statement is None:
        calls = ", ".join(f"set_config(:n{i}, :v{i}, true)" for i in range(2 + extra))
        statement = _SETTINGS_STATEMENTS[extra] = text(f"SELECT {calls}")
    return statement


def _settings_parameters(settings: dict[str, str]) -> dict[str, str]:
    parameters: dict[str, str] = {}
    for i, (name, value) in enumerate(settings.items()):
        parameters[f"n{i}"] = name
        parameters[f"v{i}"] = value
    return parameters


def transaction_settings(session: Session, settings: dict[str, str]) -> None:
    """PostgreSQL settings for this transaction only (``SET LOCAL``).

    Sent with the clerk's name when the transaction begins, in one statement; when it has
    begun already, on their own. Nothing on SQLite."""
    if not _is_postgresql(session):
        return
    session.info[_SETTINGS_KEY] = dict(settings)
    session.connection()  # begins the transaction if it has not: _after_begin sends them
    pending = session.info.pop(_SETTINGS_KEY, None)
    if pending:
        calls = ", ".join(f"set_config(:n{i}, :v{i}, true)" for i in range(len(pending)))
        session.execute(text(f"SELECT {calls}"), _settings_parameters(pending))


def set_note(session: Session, note: str) -> None:
    """A few words appended to every summary of this transaction (by the database's
    triggers, on both engines)."""
    if _is_postgresql(session):
        session.execute(
            text("SELECT set_config('sirentan.note', :note, true)"), {"note": note[:60]}
        )
        return
    # SQLite: until the next transaction's first write resets it.
    connection = session.connection()
    connection.info.pop(_PENDING_ACTOR, None)
    user_name, workstation = session.info.get(ACTOR_KEY, (None, None))
    set_session_actor(connection, user_name, workstation, note[:60])


def _name_the_writer(conn: Connection, _cursor: Any, statement: str, *_args: Any) -> None:
    """Before a transaction's first write on SQLite: the clerk its triggers will name."""
    if _PENDING_ACTOR not in conn.info or not statement.lstrip()[:7].upper().startswith(_WRITES):
        return
    user_name, workstation = conn.info.pop(_PENDING_ACTOR)
    set_session_actor(conn, user_name, workstation, None)


def set_actor(session: Session, user_name: str | None, workstation: str | None) -> None:
    session.info[ACTOR_KEY] = (user_name, workstation)


def record_event(
    session: Session,
    action: str,
    entity: str,
    entity_id: object = None,
    summary: str | None = None,
    details: dict[str, Any] | None = None,
) -> None:
    """An access or export event: nothing changed, but someone saw or took data."""
    changes = json.dumps(details, default=_json_value) if details else None
    if _is_postgresql(session):
        # Clerks cannot write audit_log; the database stamps who and when.
        session.execute(
            text("SELECT sirentan_audit_event(:action, :entity, :entity_id, :summary, :changes)"),
            {
                "action": action,
                "entity": entity,
                "entity_id": _str(entity_id),
                "summary": summary,
                "changes": changes,
            },
        )
        return
    user_name, workstation = session.info.get(ACTOR_KEY, (None, None))
    session.execute(
        insert(AuditEntry.__table__).values(
            # The database's clock, as the triggers stamp their entries.
            at=text(NOW),
            user_name=user_name,
            workstation=workstation,
            action=action,
            entity=entity,
            entity_id=_str(entity_id),
            summary=summary,
            changes=changes,
        )
    )


def _str(value: object) -> str | None:
    return None if value is None else str(value)


def _json_value(value: Any) -> Any:
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    if isinstance(value, bytes):  # an image or a file: its size, never its bytes
        return f"{thousands(len(value))} bita"
    return value
