"""What every service call needs: the database, who is acting, and from where."""

from __future__ import annotations

import socket
from dataclasses import dataclass, field

from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from models.database import is_sqlite, make_session_factory
from services.audit.trail import install_audit
from services.core.follow import install_follow
from services.core.permissions import Permission, PermissionDeniedError, Principal
from services.text.limits import install_text_limits


@dataclass(slots=True)
class ServiceContext:
    engine: Engine
    session_factory: sessionmaker[Session]
    principal: Principal | None = None
    workstation: str = field(default_factory=socket.gethostname)

    @classmethod
    def for_engine(cls, engine: Engine, principal: Principal | None = None) -> ServiceContext:
        factory = make_session_factory(engine)
        install_audit(factory)
        install_text_limits(factory)
        install_follow(factory)
        return cls(engine=engine, session_factory=factory, principal=principal)

    @property
    def user_name(self) -> str | None:
        return self.principal.username if self.principal else None

    def require(self, permission: Permission) -> Principal:
        """The signed-in clerk, if their role allows ``permission``; otherwise refused."""
        if self.principal is None:
            raise PermissionDeniedError("Silakan masuk dengan akun Anda terlebih dahulu.")
        self.principal.require(permission)
        return self.principal

    @property
    def is_sqlite(self) -> bool:
        return is_sqlite(self.engine.url)

    @property
    def database_label(self) -> str:
        """For the status bar and logs: the file path or the server, never a password."""
        if self.is_sqlite:
            return f"SQLite: {self.engine.url.database}"
        url = self.engine.url
        return f"PostgreSQL: {url.host or 'localhost'}:{url.port or 5432}/{url.database}"
