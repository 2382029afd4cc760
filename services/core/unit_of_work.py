"""One transaction per user action, and database failures turned into clerk messages."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import exc as sa_exc
from sqlalchemy.orm import Session

from models.database import WRITE_OPTION
from services.audit.trail import set_actor
from services.core.context import ServiceContext
from services.core.database_errors import (
    PG_DISK_FULL,
    PG_IDLE_IN_TRANSACTION_TIMEOUT,
    PG_INSUFFICIENT_PRIVILEGE,
    PG_INVALID_AUTHORIZATION,
    PG_INVALID_PASSWORD,
    PG_LOCK_NOT_AVAILABLE,
    PG_NUMERIC_OUT_OF_RANGE,
    PG_QUERY_CANCELED,
    PG_STRING_TOO_LONG,
    PG_UNKNOWN_DATABASE,
    SQLITE_BUSY,
    SQLITE_CANTOPEN,
    SQLITE_CONSTRAINT_TRIGGER,
    SQLITE_CORRUPT,
    SQLITE_FULL,
    SQLITE_LOCKED,
    SQLITE_NOTADB,
    SQLITE_READONLY,
    SQLITE_TOOBIG,
    TOO_LONG_MARKER,
    sqlite_code,
    sqlite_extended_code,
    sqlstate,
)
from services.core.errors import (
    AuthenticationError,
    DatabaseUnavailableError,
    Problem,
    SiRentanError,
    ValidationError,
)
from services.core.follow import follow
from services.core.permissions import PermissionDeniedError

log = logging.getLogger(__name__)

# The same words for a wrong name and a wrong password: no hint which one exists.
WRONG_CREDENTIALS = "Nama pengguna atau kata sandi salah."


@contextmanager
def unit_of_work(ctx: ServiceContext) -> Iterator[Session]:
    """Commit when the block ends normally; otherwise nothing of it is kept.

    On SQLite the transaction takes the write lock when it begins (BEGIN IMMEDIATE),
    so a clerk saving while another writes waits for the busy timeout instead of
    being refused at once."""
    with _transaction(ctx, read_only=False) as session:
        yield session


@contextmanager
def read_session(ctx: ServiceContext) -> Iterator[Session]:
    """A session for reads; failures to reach the database still become clerk messages.

    On SQLite it begins deferred: reads never wait for another clerk's write. It never
    commits: closing it hands the connection back, whose transaction the pool rolls back,
    and the objects read keep their loaded values (a rollback would expire them)."""
    with _transaction(ctx, read_only=True) as session:
        yield session


@contextmanager
def _transaction(ctx: ServiceContext, *, read_only: bool) -> Iterator[Session]:
    session = ctx.session_factory()
    set_actor(session, ctx.user_name, ctx.workstation)
    try:
        if not read_only:
            follow(session, ctx)  # claims follow what this transaction writes (core/follow)
            session.connection(execution_options={WRITE_OPTION: True})
        yield session
        if read_only:
            _refuse_changes(session)  # closing below ends the read: nothing is committed
        else:
            session.commit()
    except SiRentanError:
        _rollback_quietly(session)
        raise
    except sa_exc.DBAPIError as error:
        _rollback_quietly(session)
        translated = translate_database_error(error, ctx)
        if translated is None:
            raise
        raise translated from error
    except BaseException:
        _rollback_quietly(session)
        raise
    finally:
        session.close()


def _refuse_changes(session: Session) -> None:
    """A change made inside a read would be lost silently: say so (a programming error)."""
    changed = session.new or session.deleted or any(session.is_modified(o) for o in session.dirty)
    if changed:
        raise RuntimeError("changes made in a read_session; write with unit_of_work")


def _rollback_quietly(session: Session) -> None:
    try:
        session.rollback()
    except sa_exc.SQLAlchemyError:
        # The connection may be gone already; the original error is what matters.
        log.warning("rollback failed after an error", exc_info=True)


def translate_operational_error(error: sa_exc.DBAPIError, ctx: ServiceContext) -> SiRentanError:
    """A failure to reach or use the database, as a clerk message (never None)."""
    translated = translate_database_error(error, ctx)
    return translated or _unreachable(error, ctx)


def translate_database_error(error: sa_exc.DBAPIError, ctx: ServiceContext) -> SiRentanError | None:
    """What a clerk can do about a database failure; None for a failure that is a bug.

    SQLite's result codes and PostgreSQL's SQLSTATEs decide; the message text is
    read only for connection failures, which psycopg reports without a SQLSTATE."""
    if isinstance(error, sa_exc.IntegrityError):
        if sqlite_extended_code(error) == SQLITE_CONSTRAINT_TRIGGER and TOO_LONG_MARKER in str(
            error.orig
        ):
            # Migration 0013's trigger: a write the services' own check did not see.
            return ValidationError([_TOO_LONG])
        return None  # the services turn their own constraints into messages
    code, state = sqlite_code(error), sqlstate(error)
    if code is not None and (code in _SQLITE_KNOWN or isinstance(error, sa_exc.OperationalError)):
        return _sqlite_error(code, ctx)
    if state is not None:
        found = _postgresql_error(state, error, ctx)
        if found is not None:
            return found
    if isinstance(error, sa_exc.OperationalError):
        return _unreachable(error, ctx)
    return None


_SQLITE_KNOWN = frozenset(
    (
        SQLITE_BUSY,
        SQLITE_LOCKED,
        SQLITE_READONLY,
        SQLITE_CORRUPT,
        SQLITE_NOTADB,
        SQLITE_FULL,
        SQLITE_CANTOPEN,
        SQLITE_TOOBIG,
    )
)
# Past the services' own check (text_limits names the field): the same words on both engines.
_TOO_LONG = Problem(
    "too_long",
    "",
    "Ada isian yang lebih panjang dari batasnya. Perpendek isian yang panjang (nama, alamat, "
    "tempat, keterangan), lalu simpan lagi.",
)
_BUSY = (
    "Basis data sedang dipakai menulis oleh komputer lain terlalu lama. "
    "Data Anda belum disimpan dan masih ada di layar; coba simpan lagi sebentar lagi."
)
_LOCK_WAIT = (
    "Workstation lain sedang menyimpan data yang sama; coba lagi. Data Anda belum disimpan "
    "dan masih ada di layar."
)


def _sqlite_error(code: int, ctx: ServiceContext) -> SiRentanError:
    path = ctx.engine.url.database or ""
    log.error("SQLite error %d on %s", code, ctx.database_label)
    if code in (SQLITE_BUSY, SQLITE_LOCKED):
        return DatabaseUnavailableError(_BUSY)
    if code == SQLITE_READONLY:
        return DatabaseUnavailableError(
            "Berkas basis data hanya dapat dibaca. Periksa izin berkas atau folder, lalu coba lagi."
        )
    if code in (SQLITE_CORRUPT, SQLITE_NOTADB):
        return DatabaseUnavailableError(
            f"Berkas basis data {path} rusak atau bukan basis data SiRentan. Jangan dipakai "
            "lagi: minta administrator memulihkannya dari cadangan (Berkas → Cadangan data → "
            "Pulihkan, atau python main.py backup restore BERKAS)."
        )
    if code == SQLITE_FULL:
        return DatabaseUnavailableError(
            f"Disk tempat berkas basis data {path} penuh; data belum disimpan. Kosongkan ruang "
            "disk, lalu coba lagi."
        )
    if code == SQLITE_CANTOPEN:
        return DatabaseUnavailableError(
            f"Berkas basis data {path} tidak dapat dibuka: foldernya tidak ada atau tidak boleh "
            "ditulis. Periksa folder data, lalu coba lagi."
        )
    if code == SQLITE_TOOBIG:
        return DatabaseUnavailableError(
            "Isian terlalu besar untuk disimpan. Perpendek isian yang panjang, lalu simpan lagi."
        )
    return DatabaseUnavailableError(
        f"Berkas basis data {path} tidak dapat dipakai saat ini (kode SQLite {code}). Periksa "
        "disk dan folder data, lalu coba lagi."
    )


def _postgresql_error(
    state: str, error: sa_exc.DBAPIError, ctx: ServiceContext
) -> SiRentanError | None:
    if state in (PG_INVALID_PASSWORD, PG_INVALID_AUTHORIZATION):
        return AuthenticationError(WRONG_CREDENTIALS)
    if state in (PG_LOCK_NOT_AVAILABLE, PG_QUERY_CANCELED):
        log.warning("lock wait or statement timeout (%s) on %s", state, ctx.database_label)
        return DatabaseUnavailableError(_LOCK_WAIT)
    if state == PG_IDLE_IN_TRANSACTION_TIMEOUT:
        return DatabaseUnavailableError(
            "Sambungan ke server diputus karena terlalu lama diam di tengah penyimpanan. Data "
            "Anda belum disimpan; coba simpan lagi."
        )
    if state == PG_STRING_TOO_LONG:
        return ValidationError([_TOO_LONG])
    if state == PG_NUMERIC_OUT_OF_RANGE:
        return ValidationError(
            [
                Problem(
                    "out_of_range",
                    "",
                    "Ada angka yang terlalu besar untuk basis data. "
                    "Periksa jumlah dan nomor yang diisi.",
                )
            ]
        )
    if state == PG_UNKNOWN_DATABASE:
        return DatabaseUnavailableError(
            f"Basis data {ctx.engine.url.database} tidak ada di server "
            f"{ctx.engine.url.host or 'localhost'}. Periksa nama basis data pada alamatnya."
        )
    if state == PG_DISK_FULL:
        return DatabaseUnavailableError(
            "Disk server basis data penuh; data belum disimpan. Hubungi administrator server."
        )
    if state == PG_INSUFFICIENT_PRIVILEGE:
        log.warning("database refused an action for %s", ctx.user_name)
        return PermissionDeniedError(
            "Basis data menolak tindakan ini untuk akun Anda. Hubungi administrator."
        )
    return None


def _unreachable(error: sa_exc.DBAPIError, ctx: ServiceContext) -> SiRentanError:
    if ctx.is_sqlite:
        code = sqlite_code(error)
        return _sqlite_error(code if code is not None else 0, ctx)
    # psycopg reports a refused connection without a SQLSTATE: its text is all there is.
    text = str(error.orig).lower() if error.orig is not None else str(error).lower()
    if "password authentication failed" in text or ("role" in text and "does not exist" in text):
        return AuthenticationError(WRONG_CREDENTIALS)
    if "not permitted to log in" in text:
        return AuthenticationError("Akun ini sudah dinonaktifkan. Hubungi administrator.")
    if "database" in text and "does not exist" in text:
        unknown = _postgresql_error(PG_UNKNOWN_DATABASE, error, ctx)
        if unknown is not None:
            return unknown
    log.error("database unavailable (%s): %s", ctx.database_label, type(error.orig).__name__)
    return DatabaseUnavailableError(
        f"Server basis data tidak dapat dihubungi ({ctx.database_label}). "
        "Periksa jaringan atau hubungi administrator, lalu coba lagi."
    )
