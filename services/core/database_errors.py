"""Database failures a clerk can act on, recognised by SQLite error codes and PostgreSQL
SQLSTATEs (never by the wording of a message, which changes with versions and locales)."""

from __future__ import annotations

from typing import Any

# SQLite primary result codes (the low byte of an extended code).
SQLITE_BUSY = 5
SQLITE_LOCKED = 6
SQLITE_READONLY = 8
SQLITE_IOERR = 10
SQLITE_CORRUPT = 11
SQLITE_FULL = 13
SQLITE_CANTOPEN = 14
SQLITE_CONSTRAINT = 19
SQLITE_TOOBIG = 18
SQLITE_NOTADB = 26

# SQLite extended result codes (sqlite3's exceptions carry them since Python 3.11).
SQLITE_CONSTRAINT_PRIMARYKEY = 1555
SQLITE_CONSTRAINT_TRIGGER = 1811  # RAISE(ABORT, ...) in a trigger
SQLITE_CONSTRAINT_UNIQUE = 2067

# PostgreSQL SQLSTATEs.
PG_UNIQUE_VIOLATION = "23505"
PG_STRING_TOO_LONG = "22001"
PG_NUMERIC_OUT_OF_RANGE = "22003"
PG_LOCK_NOT_AVAILABLE = "55P03"
PG_IDLE_IN_TRANSACTION_TIMEOUT = "25P03"
PG_QUERY_CANCELED = "57014"
PG_UNKNOWN_DATABASE = "3D000"
PG_INVALID_PASSWORD = "28P01"
PG_INVALID_AUTHORIZATION = "28000"
PG_UNDEFINED_OBJECT = "42704"  # e.g. a login role that does not exist
PG_DISK_FULL = "53100"
PG_INSUFFICIENT_PRIVILEGE = "42501"


def sqlite_code(error: BaseException) -> int | None:
    """The primary SQLite result code of a failed statement, if it came from SQLite."""
    original: Any = getattr(error, "orig", error)
    code = getattr(original, "sqlite_errorcode", None)
    return code & 0xFF if isinstance(code, int) else None


def sqlite_extended_code(error: BaseException) -> int | None:
    """The extended SQLite result code (e.g. 2067, a UNIQUE constraint), if from SQLite."""
    original: Any = getattr(error, "orig", error)
    code = getattr(original, "sqlite_errorcode", None)
    return code if isinstance(code, int) else None


def is_unique_violation(error: BaseException) -> bool:
    """A UNIQUE constraint or index refused the write, on either engine."""
    return sqlite_extended_code(error) in (
        SQLITE_CONSTRAINT_UNIQUE,
        SQLITE_CONSTRAINT_PRIMARYKEY,
    ) or sqlstate(error) == PG_UNIQUE_VIOLATION


def sqlstate(error: BaseException) -> str | None:
    """The SQLSTATE of a failed PostgreSQL statement, if the server sent one."""
    original: Any = getattr(error, "orig", error)
    state = getattr(original, "sqlstate", None)
    return state if isinstance(state, str) else None


def pg_constraint_name(error: BaseException) -> str | None:
    """The constraint (or unique index) PostgreSQL named as refusing a write, if any.

    SQLite names none: its message lists the columns, which is all a caller can read there."""
    original: Any = getattr(error, "orig", error)
    name = getattr(getattr(original, "diag", None), "constraint_name", None)
    return name if isinstance(name, str) else None

# How migration 0013's length triggers begin their message (our own words, not SQLite's).
TOO_LONG_MARKER = "sirentan_too_long"
