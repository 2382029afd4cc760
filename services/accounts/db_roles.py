"""PostgreSQL login roles for clerks: the database itself enforces what each role may do.

Each register has group roles of its own (named after its database, listed in the table
``register_group`` by migration 0012). Each clerk signs in with their own login role, a
member of one of them. Clerks hold no CREATEROLE: an administrator's account changes go
through ``sirentan_account_sync``, a definer function owned by the register's NOLOGIN
manager role, which reads the account's role and state from ``app_user`` and touches only
this register's logins. Passwords reach the server as SCRAM-SHA-256 verifiers computed here.
"""

from __future__ import annotations

from sqlalchemy import text
from sqlalchemy.orm import Session

from services.accounts.scram import scram_verifier

# What ``app_user.password_hash`` holds on PostgreSQL: the server keeps the password.
SERVER_AUTHENTICATED = "!postgresql"


def group_names(session: Session) -> dict[str, str]:
    """The register's own role names by kind (admin, operator, …, owner, manager, clerk)."""
    rows = session.execute(text("SELECT kind, rolname FROM register_group"))
    return {kind: rolname for kind, rolname in rows}


def role_exists(session: Session, username: str) -> bool:
    found = session.execute(
        text("SELECT 1 FROM pg_roles WHERE rolname = :name"), {"name": username}
    )
    return found.first() is not None


def sync_account(session: Session, username: str, password: str | None = None) -> None:
    """Bring the login role in line with the account row (group, LOGIN), creating it when it
    is missing; with a password, set it as a SCRAM verifier. The account row must be flushed."""
    verifier = scram_verifier(password) if password is not None else None
    session.execute(
        text("SELECT sirentan_account_sync(:name, :verifier)"),
        {"name": username, "verifier": verifier},
    )


def change_own_password(session: Session, password: str) -> None:
    """A clerk's own password change through the app: the new password and the cleared
    ``must_change_password`` in one call of the register's manager role (migration 0022)."""
    session.execute(
        text("SELECT sirentan_change_own_password(:verifier)"),
        {"verifier": scram_verifier(password)},
    )


def set_own_password(session: Session, password: str) -> None:
    """A clerk changes their own password (PostgreSQL lets every role do that)."""
    from psycopg import sql

    statement = sql.SQL("ALTER ROLE CURRENT_USER PASSWORD {}").format(
        sql.Literal(scram_verifier(password))
    )
    # A connection checked out of the pool always holds its DBAPI connection.
    cursor = session.connection().connection.dbapi_connection.cursor()  # type: ignore[union-attr]
    try:
        cursor.execute(statement)
    finally:
        cursor.close()
