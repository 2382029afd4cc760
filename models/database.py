"""Engines and sessions for the embedded SQLite file or a shared PostgreSQL server."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import URL, make_url
from sqlalchemy.orm import Session, sessionmaker

SQLITE_BUSY_TIMEOUT_S = 5.0
# Execution option a writing unit of work sets on its connection: its SQLite
# transaction begins IMMEDIATE. Others (reads, PRAGMAs, migrations) begin deferred,
# so reads never wait for another clerk's write.
WRITE_OPTION = "sirentan_write"


def normalize_url(url: str | URL) -> URL:
    """Accept plain ``postgresql://`` and ``sqlite:///`` URLs; always talk psycopg 3."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "postgresql" and parsed.drivername != "postgresql+psycopg":
        parsed = parsed.set(drivername="postgresql+psycopg")
    return parsed


def redact_url(url: str | URL) -> str:
    """The URL as it may appear in logs and on screen: never with the password."""
    return normalize_url(url).render_as_string(hide_password=True)


def is_sqlite(url: str | URL) -> bool:
    return make_url(url).get_backend_name() == "sqlite"


def sqlite_url_for(path: Path) -> str:
    return f"sqlite:///{path}"


def make_engine(
    url: str | URL, busy_timeout_s: float = SQLITE_BUSY_TIMEOUT_S, **kwargs: Any
) -> Engine:
    from models import load_orm  # every table mapped before the first session

    load_orm()
    parsed = normalize_url(url)
    if parsed.get_backend_name() == "sqlite":
        return _sqlite_engine(parsed, busy_timeout_s, **kwargs)
    return _postgresql_engine(parsed, **kwargs)


# A workstation that loses power or network mid-transaction must not hold its row
# locks (a worker being saved, a letter series' counter) for the two hours of the
# default TCP keepalive. The server probes an idle client after 20 s and gives up
# after 4 × 5 s more; a session left idle inside a transaction is ended after 60 s;
# a clerk waits at most 5 s for another's lock and then gets a message (SQLSTATE
# 55P03) instead of a frozen window. libpq's own keepalives let this side notice a
# dead server the same way.
PG_LOCK_TIMEOUT_MS = 5_000
PG_IDLE_IN_TRANSACTION_TIMEOUT_MS = 60_000
# No JIT: the register's largest statements (Beranda, a premium month over 150,000
# workers) run in a few hundred ms, and the planner's cost estimate of their correlated
# EXISTS made PostgreSQL spend 260 ms compiling a 500 ms query. A premium month's sort
# of 100,000 rows fits in 16 MB instead of going to disk.
PG_SESSION_SETTINGS = {
    "jit": "off",
    "work_mem": "16MB",
    "lock_timeout": PG_LOCK_TIMEOUT_MS,
    "idle_in_transaction_session_timeout": PG_IDLE_IN_TRANSACTION_TIMEOUT_MS,
    "tcp_keepalives_idle": 20,
    "tcp_keepalives_interval": 5,
    "tcp_keepalives_count": 4,
}
PG_CLIENT_KEEPALIVES = {
    "keepalives": 1,
    "keepalives_idle": 20,
    "keepalives_interval": 5,
    "keepalives_count": 4,
}


def _postgresql_engine(url: URL, **kwargs: Any) -> Engine:
    # Statement parameters (NIKs, names, bank accounts) never go into an error's text.
    kwargs.setdefault("hide_parameters", True)
    settings = " ".join(f"-c {name}={value}" for name, value in PG_SESSION_SETTINGS.items())
    given = url.query.get("options")
    options = f"{given} {settings}" if isinstance(given, str) and given else settings
    # The app speaks UTF-8 whatever the workstation's PGCLIENTENCODING says; a database in
    # another encoding then still connects (psycopg would hand SQL_ASCII text back as bytes,
    # which SQLAlchemy's first connect cannot read) and is refused by name on upgrade
    # (services/core/bootstrap.py).
    connect_args = {
        **PG_CLIENT_KEEPALIVES,
        "client_encoding": "UTF8",
        "options": options,
        **kwargs.pop("connect_args", {}),
    }
    url = url.difference_update_query(["options"])
    return create_engine(url, pool_pre_ping=True, connect_args=connect_args, **kwargs)


def _sqlite_engine(url: URL, busy_timeout_s: float, **kwargs: Any) -> Engine:
    if url.database and url.database != ":memory:":
        _private_register_file(Path(url.database).expanduser())
    kwargs.setdefault("hide_parameters", True)
    engine = create_engine(url, connect_args={"timeout": busy_timeout_s}, **kwargs)

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        _configure_sqlite_connection(dbapi_connection, busy_timeout_s)

    # pysqlite's own transaction handling defers BEGIN and would let two writers
    # both read a version and then race; emitting BEGIN ourselves keeps
    # SQLAlchemy's transaction boundaries exact. A writing unit of work takes the
    # write lock at its start (IMMEDIATE): a deferred transaction that read first
    # and then wants to write cannot wait for the lock (SQLite answers BUSY at once
    # instead of using the busy timeout), so two clerks of one office refused each other.
    event.listen(engine, "begin", _begin_sqlite)
    return engine


def _private_register_file(path: Path) -> None:
    """The register and its journal files readable by this account only (Linux: 0600 in a
    0700 folder). SQLite gives -wal and -shm the main file's mode when it creates them."""
    folder = path.parent
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    if os.name != "posix":
        return
    if folder.stat().st_uid == os.getuid():
        os.chmod(folder, 0o700)
    if not path.exists():
        os.close(os.open(path, os.O_CREAT | os.O_WRONLY, 0o600))
    for file in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
        if file.exists() and file.stat().st_uid == os.getuid():
            os.chmod(file, 0o600)
def _begin_sqlite(conn: Any) -> None:
    writes = conn.get_execution_options().get(WRITE_OPTION, False)
    conn.exec_driver_sql("BEGIN IMMEDIATE" if writes else "BEGIN")


def _configure_sqlite_connection(dbapi_connection: Any, busy_timeout_s: float) -> None:
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute(f"PRAGMA busy_timeout={int(busy_timeout_s * 1000)}")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def make_session_factory(engine: Engine) -> sessionmaker[Session]:
    # Results leave the session as plain dataclasses, but keeping loaded
    # attributes after commit spares a reload when a service builds them.
    return sessionmaker(engine, expire_on_commit=False)
