"""One transaction per user action, and database failures turned into clerk messages."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import exc as sa_exc
from sqlalchemy.orm import Session

from services.audit import set_actor
from services.context import ServiceContext
from services.errors import AuthenticationError, DatabaseUnavailableError, SiRentanError
from services.permissions import PermissionDeniedError

log = logging.getLogger(__name__)

# The same words for a wrong name and a wrong password: no hint which one exists.
WRONG_CREDENTIALS = "Nama pengguna atau kata sandi salah."


@contextmanager
def unit_of_work(ctx: ServiceContext) -> Iterator[Session]:
    """Commit when the block ends normally; otherwise nothing of it is kept."""
    session = ctx.session_factory()
    set_actor(session, ctx.user_name, ctx.workstation)
    try:
        yield session
        session.commit()
    except SiRentanError:
        _rollback_quietly(session)
        raise
    except sa_exc.OperationalError as error:
        _rollback_quietly(session)
        raise translate_operational_error(error, ctx) from error
    except sa_exc.ProgrammingError as error:
        _rollback_quietly(session)
        if "permission denied" not in str(error.orig).lower():
            raise
        # The database's own grants refused what the app would have allowed.
        log.warning("database refused an action for %s", ctx.user_name)
        raise PermissionDeniedError(
            "Basis data menolak tindakan ini untuk akun Anda. Hubungi administrator."
        ) from error
    except BaseException:
        _rollback_quietly(session)
        raise
    finally:
        session.close()


@contextmanager
def read_session(ctx: ServiceContext) -> Iterator[Session]:
    """A session for reads; failures to reach the database still become clerk messages."""
    with unit_of_work(ctx) as session:
        yield session


def _rollback_quietly(session: Session) -> None:
    try:
        session.rollback()
    except sa_exc.SQLAlchemyError:
        # The connection may be gone already; the original error is what matters.
        log.warning("rollback failed after an error", exc_info=True)


def translate_operational_error(
    error: sa_exc.OperationalError, ctx: ServiceContext
) -> SiRentanError:
    text = str(error.orig).lower() if error.orig is not None else str(error).lower()
    if "password authentication failed" in text or ("role" in text and "does not exist" in text):
        return AuthenticationError(WRONG_CREDENTIALS)
    if "not permitted to log in" in text:
        return AuthenticationError("Akun ini sudah dinonaktifkan. Hubungi administrator.")
    log.error("database unavailable (%s): %s", ctx.database_label, type(error.orig).__name__)
    if "locked" in text or "busy" in text:
        return DatabaseUnavailableError(
            "Basis data sedang dipakai menulis oleh komputer lain terlalu lama. "
            "Data Anda belum disimpan dan masih ada di layar; coba simpan lagi sebentar lagi."
        )
    if "readonly" in text or "read-only" in text:
        return DatabaseUnavailableError(
            "Berkas basis data hanya dapat dibaca. Periksa izin berkas atau folder, lalu coba lagi."
        )
    if "unable to open" in text or "disk" in text:
        return DatabaseUnavailableError(
            "Berkas basis data tidak dapat dibuka atau disk penuh. "
            "Periksa folder data dan ruang disk, lalu coba lagi."
        )
    return DatabaseUnavailableError(
        f"Server basis data tidak dapat dihubungi ({ctx.database_label}). "
        "Periksa jaringan atau hubungi administrator, lalu coba lagi."
    )
