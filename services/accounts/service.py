"""Clerk accounts: created, changed and deactivated by administrators, never deleted."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import datetime, tzinfo

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload
from sqlalchemy.orm.attributes import set_committed_value

import services.accounts.db_roles as db_roles
from models import AppUser, UserKecamatan
from models.base import utc_now
from models.database import make_engine
from models.enums import Role
from services.accounts.passwords import check_new_password, hash_password, verify_password
from services.audit.trail import Action, record_event
from services.core.context import ServiceContext
from services.core.errors import ConflictError, NotFoundError, Problem, ValidationError
from services.core.office_time import office_zone, on_office_clock
from services.core.permissions import Permission, PermissionDeniedError
from services.core.unit_of_work import read_session, unit_of_work

# Also a PostgreSQL role name: lower case, no quoting surprises.
USERNAME = re.compile(r"^[a-z][a-z0-9_]{2,31}$")


@dataclass(slots=True)
class NewUser:
    username: str
    full_name: str
    role: Role
    password: str
    kecamatan_codes: list[str] = field(default_factory=list)
    # An administrator sets the first password; the clerk chooses their own.
    must_change_password: bool = True


@dataclass(frozen=True, slots=True)
class UserInfo:
    id: int
    username: str
    full_name: str
    role: Role
    active: bool
    kecamatan_codes: tuple[str, ...]
    must_change_password: bool
    locked_until: datetime | None
    last_login_at: datetime | None
    version: int


def count_users(ctx: ServiceContext) -> int:
    with read_session(ctx) as session:
        return session.scalar(select(func.count()).select_from(AppUser)) or 0


def create_user(ctx: ServiceContext, new: NewUser) -> UserInfo:
    """An administrator's job; the very first account (an administrator) needs no sign-in."""
    with unit_of_work(ctx) as session:
        first = not session.scalar(select(func.count()).select_from(AppUser))
        if first and new.role is not Role.ADMIN:
            raise ValidationError(
                [Problem("first_user_admin", "role", "Akun pertama harus administrator.")]
            )
        if not first:
            ctx.require(Permission.MANAGE_USERS)
        _check_new_user(session, new)
        user = AppUser(
            username=new.username,
            full_name=new.full_name.strip(),
            role=new.role,
            active=True,
            # On PostgreSQL the server authenticates: no hash of the password is kept.
            password_hash=(
                hash_password(new.password) if ctx.is_sqlite else db_roles.SERVER_AUTHENTICATED
            ),
            must_change_password=new.must_change_password and not first,
            failed_attempts=0,
            created_by=ctx.user_name,
            updated_by=ctx.user_name,
        )
        user.kecamatan_limits = [UserKecamatan(kecamatan_code=c) for c in new.kecamatan_codes]
        session.add(user)
        session.flush()
        if not ctx.is_sqlite:
            if db_roles.role_exists(session, new.username) and not _is_clerk_of_register(
                session, new.username
            ):
                raise ValidationError(
                    [
                        Problem(
                            "username_taken",
                            "username",
                            f"Nama pengguna {new.username} sudah dipakai di server basis data; "
                            "pilih nama lain.",
                        )
                    ],
                    record=f"akun {new.username}",
                )
            db_roles.sync_account(session, new.username, new.password)
        return _info(user, office_zone(session))


def list_users(ctx: ServiceContext) -> list[UserInfo]:
    ctx.require(Permission.MANAGE_USERS)
    with read_session(ctx) as session:
        users = session.scalars(
            select(AppUser)
            .options(selectinload(AppUser.kecamatan_limits))
            .order_by(AppUser.username)
        )
        zone = office_zone(session)
        return [_info(u, zone) for u in users]


def update_user(
    ctx: ServiceContext,
    user_id: int,
    expected_version: int,
    *,
    full_name: str | None = None,
    role: Role | None = None,
    kecamatan_codes: list[str] | None = None,
    active: bool | None = None,
) -> UserInfo:
    principal = ctx.require(Permission.MANAGE_USERS)
    with unit_of_work(ctx) as session:
        user = _load(session, user_id, expected_version)
        if user.id == principal.user_id and (active is False or role not in (None, Role.ADMIN)):
            raise PermissionDeniedError(
                "Anda tidak dapat menonaktifkan atau menurunkan peran akun Anda sendiri; "
                "minta administrator lain."
            )
        if full_name is not None:
            user.full_name = full_name.strip()
        if kecamatan_codes is not None:
            user.kecamatan_limits = [UserKecamatan(kecamatan_code=c) for c in kecamatan_codes]
        changes_login = (role is not None and role is not user.role) or (
            active is not None and active != user.active
        )
        if role is not None:
            user.role = role
        if active is not None:
            user.active = active
        _touch(user, ctx)
        session.flush()
        # The database reads the new role and state from the flushed row. A login role
        # missing from this server (a register moved) needs nothing to be blocked; it is
        # made again, with a new password, by a password reset.
        if (
            changes_login
            and not ctx.is_sqlite
            and (user.active or db_roles.role_exists(session, user.username))
        ):
            db_roles.sync_account(session, user.username)
        return _info(user, office_zone(session))


def reset_password(ctx: ServiceContext, user_id: int, new_password: str) -> None:
    """An administrator sets a temporary password; the clerk must change it at next sign-in."""
    ctx.require(Permission.MANAGE_USERS)
    with unit_of_work(ctx) as session:
        user = _load(session, user_id)
        check_new_password(new_password, user.username)
        _set_password(session, ctx, user, new_password, must_change=True)
        user.failed_attempts = 0
        user.locked_until = None


def change_own_password(ctx: ServiceContext, old_password: str, new_password: str) -> None:
    if ctx.principal is None:
        raise PermissionDeniedError("Silakan masuk dengan akun Anda terlebih dahulu.")
    with unit_of_work(ctx) as session:
        user = _load(session, ctx.principal.user_id)
        if not _old_password_matches(ctx, user, old_password):
            raise ValidationError(
                [Problem("password_wrong", "old_password", "Kata sandi lama salah.")],
                record=f"akun {user.username}",
            )
        check_new_password(new_password, user.username, field="new_password")
        if new_password == old_password:
            raise ValidationError(
                [Problem("password_same", "new_password", "Kata sandi baru harus berbeda.")],
                record=f"akun {user.username}",
            )
        _set_password(session, ctx, user, new_password, must_change=False)
    if not ctx.is_sqlite:
        # The open pool still holds the old password; new connections need the new one.
        old_engine = ctx.engine
        ctx.engine = make_engine(old_engine.url.set(password=new_password))
        ctx.session_factory.configure(bind=ctx.engine)
        old_engine.dispose()
    if ctx.principal is not None:
        ctx.principal = replace(ctx.principal, must_change_password=False)


def _old_password_matches(ctx: ServiceContext, user: AppUser, old_password: str) -> bool:
    if ctx.is_sqlite:
        return verify_password(user.password_hash, old_password)
    # The server checked the password this clerk signed in with; no hash is kept here.
    return bool(ctx.engine.url.password) and ctx.engine.url.password == old_password


def _set_password(
    session: Session, ctx: ServiceContext, user: AppUser, password: str, must_change: bool
) -> None:
    _touch(user, ctx)
    own = ctx.principal is not None and ctx.principal.user_id == user.id
    if ctx.is_sqlite:
        user.must_change_password = must_change
        user.password_hash = hash_password(password)
    elif own and not must_change and db_roles.role_exists(session, user.username):
        # Only the server's own password change clears the flag (migration 0022): the
        # clerk's group may not write the column, so the row is left to the function.
        session.flush()
        db_roles.change_own_password(session, password)
        set_committed_value(user, "must_change_password", False)
    else:
        user.must_change_password = must_change
        session.flush()
        if own and db_roles.role_exists(session, user.username):
            db_roles.set_own_password(session, password)
        else:
            # Creates the login role when it is missing (a register restored elsewhere).
            db_roles.sync_account(session, user.username, password)
    record_event(session, Action.PASSWORD, "user", user.id, summary=user.username)


def _is_clerk_of_register(session: Session, username: str) -> bool:
    """A login role left by an account of this register (e.g. restored), not someone else's."""
    from sqlalchemy import text

    clerk = db_roles.group_names(session)["clerk"]
    return bool(
        session.scalar(
            text(
                "SELECT pg_has_role(r.oid, :clerk, 'MEMBER') AND NOT r.rolsuper "
                "FROM pg_roles r WHERE r.rolname = :name"
            ),
            {"clerk": clerk, "name": username},
        )
    )


def _check_new_user(session: Session, new: NewUser) -> None:
    problems: list[Problem] = []
    if not USERNAME.match(new.username):
        problems.append(
            Problem(
                "username_format",
                "username",
                "Nama pengguna 3-32 karakter: huruf kecil, angka atau garis bawah, "
                "diawali huruf (contoh: maria_taek).",
            )
        )
    elif session.scalar(select(AppUser.id).where(AppUser.username == new.username)):
        problems.append(
            Problem("username_taken", "username", f"Nama pengguna {new.username} sudah dipakai.")
        )
    if not new.full_name.strip():
        problems.append(Problem("full_name_empty", "full_name", "Nama lengkap wajib diisi."))
    if problems:
        raise ValidationError(problems, record=f"akun {new.username}")
    check_new_password(new.password, new.username)


def _load(session: Session, user_id: int, expected_version: int | None = None) -> AppUser:
    user = session.get(AppUser, user_id, options=[selectinload(AppUser.kecamatan_limits)])
    if user is None:
        raise NotFoundError(f"Akun nomor {user_id} tidak ditemukan.")
    if expected_version is not None and user.version != expected_version:
        raise ConflictError(
            f"Akun {user.username} sudah diubah oleh {user.updated_by or 'pengguna lain'}. "
            "Muat ulang daftar akun."
        )
    return user


def _touch(user: AppUser, ctx: ServiceContext) -> None:
    user.updated_at = utc_now()
    user.updated_by = ctx.user_name


def _info(user: AppUser, zone: tzinfo) -> UserInfo:
    """The account, its moments on the office's clock (WIB/WITA/WIT)."""
    return UserInfo(
        id=user.id,
        username=user.username,
        full_name=user.full_name,
        role=user.role,
        active=user.active,
        kecamatan_codes=tuple(k.kecamatan_code for k in user.kecamatan_limits),
        must_change_password=user.must_change_password,
        locked_until=on_office_clock(user.locked_until, zone) if user.locked_until else None,
        last_login_at=on_office_clock(user.last_login_at, zone) if user.last_login_at else None,
        version=user.version,
    )
