"""Office-wide settings kept in the database so every workstation sees the same."""

from __future__ import annotations

from sqlalchemy import String, Text
from sqlalchemy.orm import Mapped, mapped_column

from models.base import Base, Timestamp


class Setting(Base):
    __tablename__ = "setting"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text)
    updated_at: Mapped[Timestamp]
    updated_by: Mapped[str | None] = mapped_column(String(64))

    def __repr__(self) -> str:  # values may be long; keys identify
        return f"Setting({self.key!r})"
