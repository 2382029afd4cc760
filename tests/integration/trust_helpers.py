"""Real accounts for trust tests: created through the service, signed in for real."""

from __future__ import annotations

from models.enums import Role
from services.accounts.auth import sign_in
from services.accounts.service import NewUser, create_user
from services.core.context import ServiceContext
from tests.conftest import clerk_name

PASSWORD = "timor-tengah-utara"


def first_admin(ctx: ServiceContext, url: str) -> ServiceContext:
    name = clerk_name("admin")
    create_user(ctx, NewUser(name, "Admin Kabupaten", Role.ADMIN, PASSWORD))
    return sign_in(url, name, PASSWORD)


def clerk(
    admin: ServiceContext, url: str, name: str, role: Role, kecamatan: list[str] | None = None
) -> ServiceContext:
    """A clerk signed in with their own (already changed) password."""
    username = clerk_name(name)
    create_user(
        admin,
        NewUser(
            username,
            name.title(),
            role,
            PASSWORD,
            kecamatan_codes=kecamatan or [],
            must_change_password=False,
        ),
    )
    return sign_in(url, username, PASSWORD)
