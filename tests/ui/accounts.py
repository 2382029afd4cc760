"""Real accounts for GUI tests: made through the services, signed in for real."""

from __future__ import annotations

from models.enums import Role
from services.accounts.auth import sign_in
from services.accounts.service import NewUser, create_user
from services.core.bootstrap import open_register
from services.core.context import ServiceContext
from tests.conftest import clerk_name

PASSWORD = "timor-tengah-utara"
NEW_PASSWORD = "kefamenanu-2025"


def make_first_admin(url: str, name: str = "admin") -> str:
    """The register's first account (an administrator); returns its user name."""
    username = clerk_name(name)
    boot = open_register(url)
    try:
        create_user(boot, NewUser(username, "Admin Kabupaten", Role.ADMIN, PASSWORD))
    finally:
        boot.engine.dispose()
    return username


def admin_session(url: str) -> ServiceContext:
    return sign_in(url, make_first_admin(url), PASSWORD)


def make_clerk(
    admin: ServiceContext,
    name: str,
    role: Role,
    full_name: str = "",
    must_change_password: bool = False,
    kecamatan: list[str] | None = None,
) -> str:
    username = clerk_name(name)
    new = NewUser(
        username,
        full_name or name.title(),
        role,
        PASSWORD,
        kecamatan_codes=kecamatan or [],
        must_change_password=must_change_password,
    )
    create_user(admin, new)
    return username


def clerk_session(admin: ServiceContext, url: str, name: str, role: Role) -> ServiceContext:
    return sign_in(url, make_clerk(admin, name, role), PASSWORD)
