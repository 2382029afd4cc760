"""What every service call needs: the database and who is acting from where."""

from __future__ import annotations

import socket
from dataclasses import dataclass, field

from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from models.database import is_sqlite, make_session_factory, redact_url


@dataclass(slots=True)
class ServiceContext:
    engine: Engine
    session_factory: sessionmaker[Session]
    user_name: str | None = None
    workstation: str = field(default_factory=socket.gethostname)

    @classmethod
    def for_engine(cls, engine: Engine, user_name: str | None = None) -> ServiceContext:
        return cls(engine=engine, session_factory=make_session_factory(engine), user_name=user_name)

    @property
    def database_label(self) -> str:
        """For the status bar and logs: the file path or the server, never a password."""
        if is_sqlite(self.engine.url):
            return f"SQLite: {self.engine.url.database}"
        url = self.engine.url
        return f"PostgreSQL: {url.host or 'localhost'}:{url.port or 5432}/{url.database}"

    @property
    def redacted_url(self) -> str:
        return redact_url(self.engine.url)
