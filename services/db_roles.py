"""PostgreSQL login roles for clerks: the database itself enforces what each role may do.

Each clerk signs in to PostgreSQL with their own login role, a member of one
group role whose grants the migrations set. Role names and passwords are
quoted by psycopg's SQL composition, never pasted into SQL text. psycopg is imported
in the functions that use it: a SQLite register never needs it, and every start-up
imports this module for the sign-in.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy.orm import Session

from models.enums import Role
from services.errors import SiRentanError

if TYPE_CHECKING:
    from psycopg import sql

GROUP_OF = {
    Role.ADMIN: "sirentan_admin",
    Role.OPERATOR: "sirentan_operator",
    Role.VERIFIKATOR: "sirentan_verifikator",
    Role.VIEWER: "sirentan_viewer",
}


# SQLSTATE undefined_object: ALTER ROLE on a login role that does not exist.
_UNDEFINED_OBJECT = "42704"


class MissingLoginRoleError(SiRentanError):
    """The account is in the register but its PostgreSQL login role is not on the server."""


def _execute(session: Session, statement: sql.Composable, username: str = "") -> None:
    import psycopg

    cursor = session.connection().connection.dbapi_connection.cursor()  # type: ignore[union-attr]
    try:
        cursor.execute(statement)
    except psycopg.Error as error:
        if error.sqlstate == _UNDEFINED_OBJECT and username:
            raise MissingLoginRoleError(
                f"Akun {username[:40]} tidak punya login PostgreSQL di server ini (mungkin "
                "basis data dipindah ke server lain). Atur ulang kata sandinya dengan "
                f"'python main.py users reset-password {username[:40]}' untuk membuat loginnya "
                "lagi."
            ) from None
        raise
    finally:
        cursor.close()


def role_exists(session: Session, username: str) -> bool:
    from sqlalchemy import text

    found = session.execute(
        text("SELECT 1 FROM pg_roles WHERE rolname = :name"), {"name": username}
    )
    return found.first() is not None


def create_login_role(session: Session, username: str, password: str, role: Role) -> None:
    from psycopg import sql

    # Administrators create the other clerks' roles, which needs CREATEROLE.
    options = sql.SQL("LOGIN CREATEROLE" if role is Role.ADMIN else "LOGIN")
    if role_exists(session, username):
        _execute(
            session,
            sql.SQL("ALTER ROLE {} {} PASSWORD {}").format(
                sql.Identifier(username), options, sql.Literal(password)
            ),
        )
    else:
        _execute(
            session,
            sql.SQL("CREATE ROLE {} {} PASSWORD {}").format(
                sql.Identifier(username), options, sql.Literal(password)
            ),
        )
    set_group(session, username, role)


def set_group(session: Session, username: str, role: Role) -> None:
    from psycopg import sql

    for group in GROUP_OF.values():
        _execute(
            session,
            sql.SQL("REVOKE {} FROM {}").format(sql.Identifier(group), sql.Identifier(username)),
            username,
        )
    _execute(
        session,
        sql.SQL("GRANT {} TO {}").format(sql.Identifier(GROUP_OF[role]), sql.Identifier(username)),
        username,
    )
    createrole = "CREATEROLE" if role is Role.ADMIN else "NOCREATEROLE"
    _execute(
        session,
        sql.SQL("ALTER ROLE {} " + createrole).format(sql.Identifier(username)),
    )


def set_password(session: Session, username: str, password: str, role: Role) -> None:
    """A new password; a login role missing on this server is made again with it."""
    from psycopg import sql

    if not role_exists(session, username):
        create_login_role(session, username, password, role)
        return
    _execute(
        session,
        sql.SQL("ALTER ROLE {} PASSWORD {}").format(
            sql.Identifier(username), sql.Literal(password)
        ),
    )


def set_login_allowed(session: Session, username: str, allowed: bool) -> None:
    """Allow or block the login; blocking a login role that does not exist needs nothing."""
    from psycopg import sql

    if not allowed and not role_exists(session, username):
        return
    _execute(
        session,
        sql.SQL("ALTER ROLE {} " + ("LOGIN" if allowed else "NOLOGIN")).format(
            sql.Identifier(username)
        ),
        username,
    )
