"""Accounts, sign-in, lockout and role permissions, on SQLite and PostgreSQL."""

from __future__ import annotations

import base64
from datetime import timedelta

import pytest
from sqlalchemy import event, text

from models.base import utc_now
from models.enums import Role
from services.accounts.auth import LOCK_DURATION, MAX_FAILED_ATTEMPTS, authenticate, sign_in
from services.accounts.db_roles import SERVER_AUTHENTICATED
from services.accounts.scram import scram_verifier
from services.accounts.service import (
    NewUser,
    change_own_password,
    create_user,
    list_users,
    reset_password,
    update_user,
)
from services.core.context import ServiceContext
from services.core.errors import AuthenticationError, ValidationError
from services.core.permissions import PermissionDeniedError
from services.workers.service import WorkerService
from tests.conftest import clerk_name
from tests.factories import worker_input
from tests.integration.trust_helpers import PASSWORD, clerk, first_admin
from tests.present import present


def test_the_first_account_must_be_an_administrator(ctx: ServiceContext) -> None:
    with pytest.raises(ValidationError) as caught:
        create_user(ctx, NewUser(clerk_name("op"), "Operator", Role.OPERATOR, PASSWORD))
    assert "Akun pertama harus administrator" in caught.value.message


def test_bad_names_and_short_passwords_are_refused(ctx: ServiceContext) -> None:
    with pytest.raises(ValidationError) as caught:
        create_user(ctx, NewUser("Bad Name", "X", Role.ADMIN, PASSWORD))
    assert {p.code for p in caught.value.problems} == {"username_format"}
    with pytest.raises(ValidationError) as caught:
        create_user(ctx, NewUser(clerk_name("admin"), "Admin", Role.ADMIN, "pendek"))
    assert "minimal 8 karakter" in caught.value.message


def test_sign_in_and_the_lockout_after_five_failures(sqlite_ctx: ServiceContext) -> None:
    """SQLite's own check; on PostgreSQL the server authenticates (next test)."""
    ctx = sqlite_ctx
    database_url = str(ctx.engine.url)
    admin = first_admin(ctx, database_url)
    name = admin.user_name
    assert admin.principal is not None and admin.principal.role is Role.ADMIN
    for attempt in range(1, MAX_FAILED_ATTEMPTS):
        with pytest.raises(AuthenticationError) as caught:
            sign_in(database_url, name or "", "salah-kata-sandi")
        assert f"Sisa {MAX_FAILED_ATTEMPTS - attempt} kali" in caught.value.message
    with pytest.raises(AuthenticationError) as caught:
        sign_in(database_url, name or "", "salah-kata-sandi")
    assert "Akun dikunci sampai pukul" in caught.value.message
    with pytest.raises(AuthenticationError):
        sign_in(database_url, name or "", PASSWORD)  # right password, still locked
    later = utc_now() + LOCK_DURATION + timedelta(seconds=1)
    assert authenticate(ctx, name or "", PASSWORD, now=later).username == name


@pytest.mark.postgres
@pytest.mark.parametrize("database_url", ["postgresql"], indirect=True)
def test_postgresql_keeps_no_hash_and_the_server_gets_a_scram_verifier(
    ctx: ServiceContext, database_url: str
) -> None:
    admin = first_admin(ctx, database_url)
    with ctx.engine.connect() as conn:
        stored = conn.execute(
            text("SELECT password_hash FROM app_user WHERE username = :n"),
            {"n": admin.user_name},
        ).scalar()
        verifier = conn.execute(
            text("SELECT rolpassword FROM pg_authid WHERE rolname = :n"), {"n": admin.user_name}
        ).scalar()
    assert stored == SERVER_AUTHENTICATED
    # The verifier is the one computed from the password with the server's stored salt.
    assert verifier is not None and verifier.startswith("SCRAM-SHA-256$4096:")
    salt = base64.b64decode(verifier.split("$")[1].split(":")[1])
    assert verifier == scram_verifier(PASSWORD, salt)


@pytest.mark.postgres
@pytest.mark.parametrize("database_url", ["postgresql"], indirect=True)
def test_reset_password_recreates_a_missing_login_role_without_clear_text(
    ctx: ServiceContext, database_url: str
) -> None:
    """After a restore onto a new server the clerk's login role may be missing."""
    admin = first_admin(ctx, database_url)
    viewer = clerk(admin, database_url, "hilang", Role.VIEWER)
    name = viewer.user_name or ""
    viewer.engine.dispose()
    with ctx.engine.connect() as conn:
        conn.execute(text(f'DROP ROLE "{name}"'))
        conn.commit()
    sent: list[str] = []

    @event.listens_for(admin.engine, "before_cursor_execute")
    def _capture(_c: object, _cur: object, statement: str, params: object, *_: object) -> None:
        sent.append(f"{statement} {params!r}")

    info = next(u for u in list_users(admin) if u.username == name)
    reset_password(admin, info.id, "sementara-baru-9")
    assert sent and not any("sementara-baru-9" in s for s in sent)
    assert any("SCRAM-SHA-256$" in s for s in sent)
    with ctx.engine.connect() as conn:
        stored = conn.execute(
            text("SELECT rolpassword FROM pg_authid WHERE rolname = :n"), {"n": name}
        ).scalar()
        groups = set(
            conn.execute(
                text(
                    "SELECT g.rolname FROM pg_auth_members m JOIN pg_roles g ON g.oid = m.roleid "
                    "JOIN pg_roles u ON u.oid = m.member WHERE u.rolname = :n"
                ),
                {"n": name},
            ).scalars()
        )
    salt = base64.b64decode(present(stored).split("$")[1].split(":")[1])
    assert stored == scram_verifier("sementara-baru-9", salt)
    assert any(g.endswith("_viewer") for g in groups) and any(g.endswith("_clerk") for g in groups)
    again = sign_in(database_url, name, "sementara-baru-9")
    assert again.principal is not None and again.principal.must_change_password
    again.engine.dispose()


def test_unknown_user_and_wrong_password_read_the_same(
    ctx: ServiceContext, database_url: str
) -> None:
    first_admin(ctx, database_url)
    with pytest.raises(AuthenticationError) as unknown:
        authenticate(ctx, clerk_name("tidak_ada"), PASSWORD)
    assert unknown.value.message == "Nama pengguna atau kata sandi salah."


def test_temporary_password_must_be_changed_first(ctx: ServiceContext, database_url: str) -> None:
    admin = first_admin(ctx, database_url)
    name = clerk_name("baru")
    create_user(admin, NewUser(name, "Petugas Baru", Role.OPERATOR, "sementara-123"))
    fresh = sign_in(database_url, name, "sementara-123")
    with pytest.raises(PermissionDeniedError) as caught:
        WorkerService(fresh).create(worker_input(1))
    assert "harus mengganti kata sandi" in caught.value.message
    change_own_password(fresh, "sementara-123", "pilihan-sendiri-1")
    again = sign_in(database_url, name, "pilihan-sendiri-1")
    assert WorkerService(again).create(worker_input(1)).worker.created_by == name


def test_deactivated_account_cannot_sign_in(ctx: ServiceContext, database_url: str) -> None:
    admin = first_admin(ctx, database_url)
    viewer = clerk(admin, database_url, "pengamat", Role.VIEWER)
    info = next(u for u in list_users(admin) if u.username == viewer.user_name)
    update_user(admin, info.id, info.version, active=False)
    with pytest.raises(AuthenticationError) as caught:
        sign_in(database_url, viewer.user_name or "", PASSWORD)
    assert "dinonaktifkan" in caught.value.message or "salah" in caught.value.message


@pytest.mark.parametrize(
    ("role", "may_edit"),
    [(Role.VIEWER, False), (Role.VERIFIKATOR, False), (Role.OPERATOR, True), (Role.ADMIN, True)],
)
def test_who_may_edit_workers(
    ctx: ServiceContext, database_url: str, role: Role, may_edit: bool
) -> None:
    admin = first_admin(ctx, database_url)
    created = WorkerService(admin).create(worker_input(1)).worker
    acting = WorkerService(clerk(admin, database_url, f"r_{role.value}", role))
    data = created.to_input()
    data.address = "Jl. Diubah"
    if may_edit:
        assert acting.update(created.id, data, created.version).worker.address == "Jl. Diubah"
    else:
        with pytest.raises(PermissionDeniedError) as caught:
            acting.update(created.id, data, created.version)
        assert "tidak berwenang mengubah data peserta" in caught.value.message
        assert WorkerService(admin).get(created.id).address == "Jl. Sonbai"


def test_only_administrators_manage_accounts(ctx: ServiceContext, database_url: str) -> None:
    admin = first_admin(ctx, database_url)
    operator = clerk(admin, database_url, "operator", Role.OPERATOR)
    with pytest.raises(PermissionDeniedError):
        list_users(operator)
    with pytest.raises(PermissionDeniedError):
        create_user(operator, NewUser(clerk_name("x"), "X", Role.ADMIN, PASSWORD))
    assert {u.username for u in list_users(admin)} == {admin.user_name, operator.user_name}
