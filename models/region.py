"""Kemendagri administrative regions: province, kabupaten/kota, kecamatan, desa/kelurahan."""

from __future__ import annotations

from sqlalchemy import ForeignKey, Index, SmallInteger, String
from sqlalchemy.orm import Mapped, mapped_column

from models.base import REFERENCE, Base


class Region(Base):
    __tablename__ = "region"

    code: Mapped[str] = mapped_column(String(13), primary_key=True)
    name: Mapped[str] = mapped_column(String(100))
    # Lower case without spaces or punctuation, so "Nian" finds "N i a n".
    search_key: Mapped[str] = mapped_column(String(100))
    level: Mapped[int] = mapped_column(SmallInteger)
    parent_code: Mapped[str | None] = mapped_column(
        String(13), ForeignKey("region.code"), index=True
    )
    # "desa" or "kelurahan" for villages, else None.
    village_type: Mapped[str | None] = mapped_column(String(10))

    __table_args__ = (Index("ix_region_level_code", "level", "code"), {"info": REFERENCE})


class RegionCodeChange(Base):
    """Village codes retired by a later decree; old records may still carry them."""

    __tablename__ = "region_code_change"
    __table_args__ = ({"info": REFERENCE},)

    old_code: Mapped[str] = mapped_column(String(13), primary_key=True)
    old_name: Mapped[str] = mapped_column(String(100))
    new_code: Mapped[str] = mapped_column(String(13), ForeignKey("region.code"))
