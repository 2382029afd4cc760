"""Clerk accounts. Deactivated, never deleted: the audit trail names them forever."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, DateTime, ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from models.base import Base, Timestamp, code_enum
from models.enums import Role


class AppUser(Base):
    __tablename__ = "app_user"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    # Also the PostgreSQL login role's name, hence the narrow alphabet (checked in services).
    username: Mapped[str] = mapped_column(String(32), unique=True)
    full_name: Mapped[str] = mapped_column(String(120))
    role: Mapped[Role] = mapped_column(code_enum(Role, "role"))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    # Deferred: only SQLite's sign-in reads it; on PostgreSQL no clerk may select it.
    password_hash: Mapped[str] = mapped_column(String(200), deferred=True)
    must_change_password: Mapped[bool] = mapped_column(Boolean, default=True)
    failed_attempts: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    last_login_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    created_at: Mapped[Timestamp]
    created_by: Mapped[str | None] = mapped_column(String(64))
    updated_at: Mapped[Timestamp]
    updated_by: Mapped[str | None] = mapped_column(String(64))
    version: Mapped[int] = mapped_column(Integer, default=1)

    kecamatan_limits: Mapped[list[UserKecamatan]] = relationship(
        cascade="all, delete-orphan", order_by="UserKecamatan.kecamatan_code"
    )

    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012


class UserKecamatan(Base):
    """An account limited to some kecamatan sees only their workers; none means all."""

    __tablename__ = "user_kecamatan"

    user_id: Mapped[int] = mapped_column(
        ForeignKey("app_user.id", ondelete="CASCADE"), primary_key=True
    )
    kecamatan_code: Mapped[str] = mapped_column(
        String(8), ForeignKey("region.code"), primary_key=True
    )
