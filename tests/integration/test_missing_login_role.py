"""An account whose PostgreSQL login role is gone from the server (a database moved to
another server): resetting its password makes the role again, deactivating needs none."""

from __future__ import annotations

import pytest
from sqlalchemy import text

from models.database import make_engine
from models.enums import Role
from services.accounts.auth import sign_in
from services.accounts.service import NewUser, create_user, list_users, reset_password, update_user
from services.core.context import ServiceContext
from tests.conftest import _clear_pg_data, _pg_admin_engine, clerk_name
from tests.integration.trust_helpers import PASSWORD, first_admin


@pytest.mark.postgres
def test_reset_password_and_deactivate_without_a_login_role(pg_url: str) -> None:
    _clear_pg_data(pg_url)
    database_url = pg_url
    ctx = ServiceContext.for_engine(make_engine(pg_url))
    admin = first_admin(ctx, database_url)
    names = [clerk_name(n) for n in ("hilang1", "hilang2")]
    for name in names:
        create_user(admin, NewUser(name, name, Role.OPERATOR, PASSWORD))
    server = _pg_admin_engine()
    with server.connect() as conn:
        for name in names:
            conn.execute(text(f'DROP ROLE "{name}"'))
    users = {u.username: u for u in list_users(admin)}

    reset_password(admin, users[names[0]].id, "kata-sandi-baru-1")
    clerk = sign_in(database_url, names[0], "kata-sandi-baru-1")
    assert clerk.principal is not None and clerk.principal.username == names[0]
    clerk.engine.dispose()

    second = users[names[1]]
    update_user(admin, second.id, second.version, active=False)
    assert not {u.username: u for u in list_users(admin)}[names[1]].active
    with server.connect() as conn:
        assert conn.execute(
            text("SELECT count(*) FROM pg_roles WHERE rolname = :n"), {"n": names[1]}
        ).scalar_one() == 0
    server.dispose()
    admin.engine.dispose()
    ctx.engine.dispose()
