"""What the sign-in dialog says about a database before it is opened (never a password)."""

from __future__ import annotations

from urllib.parse import unquote, urlsplit

DEFAULT_PORT = 5432


def is_sqlite_url(url: str) -> bool:
    return url.startswith("sqlite")


def database_label(url: str) -> str:
    """ "SQLite: /data/sirentan.db" or "PostgreSQL: server:5432/sirentan", as the status bar."""
    if is_sqlite_url(url):
        return f"SQLite: {url.split(':///', 1)[-1]}"
    parts = urlsplit(url)
    database = unquote(parts.path.lstrip("/"))
    return f"PostgreSQL: {parts.hostname or 'localhost'}:{parts.port or DEFAULT_PORT}/{database}"


def user_in_url(url: str) -> str:
    """The user a PostgreSQL address names, to fill in the sign-in name."""
    if is_sqlite_url(url):
        return ""
    return unquote(urlsplit(url).username or "")
