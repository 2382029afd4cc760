"""Every change to an audited record leaves a row in audit_log, in the same transaction.

On PostgreSQL the database writes the trail: triggers on every audited table (migration
0012) record old and new values, the clerk's login role and the server's clock, whether the
change came from the app or a raw client. The app only passes the workstation (and, for the
database's owner, the clerk it signed in) as transaction settings, and records access events
(exports, prints, reveals) through the definer function ``sirentan_audit_event``.

On SQLite a flush listener reads SQLAlchemy's attribute history, so no service can forget to
audit; the file's permissions are the wall there.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import date, datetime, time
from enum import Enum
from typing import Any

from sqlalchemy import event, insert, inspect, text
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Session, SessionTransaction, sessionmaker

from models import AppUser, AuditEntry, Heir, Setting, UserKecamatan, Worker

ACTOR_KEY = "sirentan.actor"

# Bookkeeping columns say nothing a reader of the trail needs.
_SKIPPED = {
    "version", "updated_at", "updated_by", "created_at", "created_by", "name_key", "name_phonetic",
}  # fmt: skip
# Sign-in bookkeeping has its own events (login, login_failed, locked).
_SKIPPED |= {"failed_attempts", "locked_until", "last_login_at"}
# Secrets are recorded as changed, never with their value.
_SECRET = {"password_hash"}


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


def _entity(obj: object) -> tuple[str, str | None, str | None, str]:
    """Entity name, parent entity and id, and a short label of the record."""
    if isinstance(obj, Worker):
        return "worker", None, None, f"{obj.full_name} (NIK {mask_number(obj.nik)})"
    if isinstance(obj, Heir):
        return "heir", "worker", _str(obj.worker_id), f"ahli waris {obj.full_name}"
    if isinstance(obj, Setting):
        return "setting", None, None, obj.key
    if isinstance(obj, AppUser):
        return "user", None, None, obj.username
    if isinstance(obj, UserKecamatan):
        return "user_kecamatan", "user", _str(obj.user_id), obj.kecamatan_code
    # Later tables describe themselves: a method audit_describe() returning the same tuple.
    return obj.audit_describe()  # type: ignore[attr-defined]


AUDITED = (Worker, Heir, Setting, AppUser, UserKecamatan)


def _is_audited(obj: object) -> bool:
    return isinstance(obj, AUDITED) or hasattr(obj, "audit_describe")


def _order(obj: object) -> int:
    # Parents before children: a model's audit_order (default 0) after the core tables.
    if isinstance(obj, AUDITED):
        return AUDITED.index(type(obj))
    return len(AUDITED) + getattr(obj, "audit_order", 0)


def mask_number(number: str | None) -> str:
    """An identity number as a summary may carry it: first and last four digits."""
    if not number:
        return "-"
    return f"{number[:4]}********{number[-4:]}" if len(number) > 8 else "****"


def install_audit(factory: sessionmaker[Session]) -> None:
    """Once per new factory. No ``event.contains`` guard: SQLAlchemy keys it by ``id()``, and
    a new factory that reuses a freed one's id would be taken as listening already."""
    event.listen(factory, "after_flush", _after_flush)
    event.listen(factory, "after_begin", _after_begin)


def _is_postgresql(session: Session) -> bool:
    return session.get_bind().dialect.name == "postgresql"


def _after_begin(session: Session, _transaction: SessionTransaction, conn: Connection) -> None:
    """Tell the database's triggers the workstation and the clerk, for this transaction only."""
    if conn.dialect.name != "postgresql":
        return
    user_name, workstation = session.info.get(ACTOR_KEY, (None, None))
    conn.execute(
        text(
            "SELECT set_config('sirentan.user', :user_name, true), "
            "set_config('sirentan.workstation', :workstation, true)"
        ),
        {"user_name": user_name or "", "workstation": (workstation or "")[:100]},
    )


def set_note(session: Session, note: str) -> None:
    """A few words the database's triggers append to every summary of this transaction."""
    if _is_postgresql(session):
        session.execute(
            text("SELECT set_config('sirentan.note', :note, true)"), {"note": note[:60]}
        )


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
        insert(AuditEntry),
        [
            {
                "user_name": user_name,
                "workstation": workstation,
                "action": action,
                "entity": entity,
                "entity_id": _str(entity_id),
                "summary": summary,
                "changes": changes,
            }
        ],
    )


def _after_flush(session: Session, _context: object) -> None:
    if _is_postgresql(session):
        return  # the database's triggers write the trail
    rows = list(_rows(session))
    if rows:
        session.connection().execute(insert(AuditEntry.__table__), rows)


def _rows(session: Session) -> Iterable[dict[str, Any]]:
    user_name, workstation = session.info.get(ACTOR_KEY, (None, None))
    for kind, objects in (
        (Action.CREATE, session.new),
        (Action.UPDATE, session.dirty),
        (Action.DELETE, session.deleted),
    ):
        # Parents before children, so a worker's entry precedes its heirs'.
        audited = [o for o in objects if _is_audited(o)]
        for obj in sorted(audited, key=_order):
            changes = _changes(obj, kind)
            if kind == Action.UPDATE and not changes:
                continue
            entity, parent_entity, parent_id, label = _entity(obj)
            action = Action.STATUS if kind == Action.UPDATE and "status" in changes else kind
            yield {
                "user_name": user_name,
                "workstation": workstation,
                "action": action,
                "entity": entity,
                "entity_id": _identity(obj),
                "parent_entity": parent_entity,
                "parent_id": parent_id,
                "summary": label[:300],
                "changes": json.dumps(changes, default=_json_value, ensure_ascii=False),
            }


def _changes(obj: object, kind: str) -> dict[str, list[Any]]:
    state = inspect(obj)
    changes: dict[str, list[Any]] = {}
    for attr in state.mapper.column_attrs:
        name = attr.key
        if name in _SKIPPED:
            continue
        history = state.attrs[name].history
        if kind == Action.CREATE:
            old, new = None, _current(history)
        elif kind == Action.DELETE:
            old, new = _current(history), None
        elif history.has_changes():
            old = history.deleted[0] if history.deleted else None
            new = history.added[0] if history.added else None
        else:
            continue
        if (old is None and new is None) or old == new:
            continue
        if name in _SECRET:
            old, new = ("***" if old else None), "***"
        changes[name] = [_json_value(old), _json_value(new)]
    return changes


def _current(history: Any) -> Any:
    values = list(history.added or ()) + list(history.unchanged or ())
    return values[0] if values else None


def _identity(obj: object) -> str | None:
    # The identity key is set only after the flush; the primary key is there already.
    key = inspect(obj).mapper.primary_key_from_instance(obj)
    if any(part is None for part in key):
        return None
    return "/".join(str(part) for part in key)


def _str(value: object) -> str | None:
    return None if value is None else str(value)


def _json_value(value: Any) -> Any:
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    if isinstance(value, bytes):  # an image or a file: its size, never its bytes
        return f"{len(value):,} bita".replace(",", ".")
    return value
