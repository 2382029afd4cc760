"""Signing in: on SQLite the register's own check (Argon2, lockout); on PostgreSQL the
clerk's own database login, which the server authenticates (scram-sha-256), so the database
enforces the role and no password hash is kept in the register."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.engine import URL
from sqlalchemy.orm import Session, selectinload

from models import AppUser
from models.base import utc_now
from models.database import is_sqlite
from services.accounts.passwords import hash_password, needs_rehash, verify_password
from services.audit.trail import Action, record_event, set_actor
from services.core.bootstrap import open_register
from services.core.context import ServiceContext
from services.core.database_address import parse_database_url
from services.core.errors import AuthenticationError
from services.core.office_time import as_utc, clock_text, office_zone
from services.core.permissions import Principal
from services.core.unit_of_work import WRONG_CREDENTIALS, read_session, unit_of_work

MAX_FAILED_ATTEMPTS = 5
LOCK_DURATION = timedelta(minutes=5)


def sign_in(url: str | URL, username: str, password: str) -> ServiceContext:
    username = username.strip().lower()
    if not username or not password:
        raise AuthenticationError("Isi nama pengguna dan kata sandi.")
    url = parse_database_url(url)
    if not is_sqlite(url):
        url = url.set(username=username, password=password)
    ctx = open_register(url)
    try:
        ctx.principal = authenticate(ctx, username, password)
    except BaseException:
        ctx.engine.dispose()  # no pool left open behind a refused sign-in
        raise
    return ctx


def authenticate(
    ctx: ServiceContext, username: str, password: str, now: datetime | None = None
) -> Principal:
    """Check the password against the register; failures are counted and recorded."""
    now = now or utc_now()
    refusal: str | None = None
    # Checking the Argon2 hash is the slow part; it runs before the writing transaction,
    # which on SQLite holds the file's write lock that other clerks wait for.
    # On PostgreSQL the server checked the password at connect and no role reads the hash.
    stored: str | None = None
    if ctx.is_sqlite:
        with read_session(ctx) as session:
            stored = session.scalar(
                select(AppUser.password_hash).where(AppUser.username == username)
            )
    matches = stored is not None and verify_password(stored, password)
    with unit_of_work(ctx) as session:
        set_actor(session, username, ctx.workstation)
        user = session.scalars(
            select(AppUser)
            .where(AppUser.username == username)
            .options(selectinload(AppUser.kecamatan_limits))
        ).first()
        if user is None:
            refusal = WRONG_CREDENTIALS
        elif not user.active:
            record_event(session, Action.LOGIN_FAILED, "user", user.id, "akun nonaktif")
            refusal = f"Akun {username} sudah dinonaktifkan. Hubungi administrator."
        elif user.locked_until is not None and as_utc(user.locked_until) > now:
            record_event(session, Action.LOGIN_FAILED, "user", user.id, "akun terkunci")
            refusal = _locked_message(session, user.locked_until)
        elif ctx.is_sqlite and not (
            matches
            if user.password_hash == stored
            else verify_password(user.password_hash, password)  # changed meanwhile
        ):
            refusal = _count_failure(session, user, now)
        else:
            # On PostgreSQL the server checked the password when the clerk's own login
            # connected; the register keeps no hash of it (and a clerk cannot read one).
            _note_success(session, user, password if ctx.is_sqlite else None, now)
            principal = Principal(
                user_id=user.id,
                username=user.username,
                full_name=user.full_name,
                role=user.role,
                kecamatan_codes=frozenset(k.kecamatan_code for k in user.kecamatan_limits),
                must_change_password=user.must_change_password,
            )
    # Raised only after the block committed, so the failure count is kept.
    if refusal is not None:
        raise AuthenticationError(refusal)
    return principal


def _count_failure(session: Session, user: AppUser, now: datetime) -> str:
    user.failed_attempts += 1
    if user.failed_attempts >= MAX_FAILED_ATTEMPTS:
        user.failed_attempts = 0
        user.locked_until = now + LOCK_DURATION
        record_event(session, Action.LOCKED, "user", user.id, f"{MAX_FAILED_ATTEMPTS}x salah")
        return _locked_message(session, user.locked_until)
    record_event(session, Action.LOGIN_FAILED, "user", user.id, "kata sandi salah")
    left = MAX_FAILED_ATTEMPTS - user.failed_attempts
    return f"{WRONG_CREDENTIALS} Sisa {left} kali percobaan sebelum akun dikunci 5 menit."


def _note_success(session: Session, user: AppUser, password: str | None, now: datetime) -> None:
    if user.failed_attempts:
        user.failed_attempts = 0
    if user.locked_until is not None:
        user.locked_until = None
    user.last_login_at = now
    if password is not None and needs_rehash(user.password_hash):
        user.password_hash = hash_password(password)
    record_event(session, Action.LOGIN, "user", user.id, user.username)


def _locked_message(session: Session, until: datetime) -> str:
    local = clock_text(until, office_zone(session))  # "14.05 WITA", the office's clock
    return (
        f"Akun dikunci sampai pukul {local} karena {MAX_FAILED_ATTEMPTS} kali salah "
        "kata sandi. Coba lagi setelah itu, atau minta administrator mengatur ulang."
    )
