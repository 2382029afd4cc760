"""Covered workers (peserta), their heirs (ahli waris) and occupations."""

from __future__ import annotations

from datetime import date

from sqlalchemy import (
    CheckConstraint,
    Date,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from models.base import REFERENCE, Base, Digits16, Timestamp, code_enum, number_text
from models.enums import FundingSource, Gender, HeirRelation, WorkerStatus


class Occupation(Base):
    __tablename__ = "occupation"
    __table_args__ = ({"info": REFERENCE},)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    code: Mapped[str] = mapped_column(String(32), unique=True)
    name: Mapped[str] = mapped_column(String(64))
    sort_order: Mapped[int] = mapped_column(Integer, default=0)


class Worker(Base):
    __tablename__ = "worker"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    nik: Mapped[Digits16] = mapped_column(unique=True)
    kk_number: Mapped[str | None] = mapped_column(String(16))
    full_name: Mapped[str] = mapped_column(String(120))
    # Case- and accent-folded name, the column every name search runs on.
    name_key: Mapped[str] = mapped_column(String(120), index=True)
    # The name as it sounds (models.text_keys.name_phonetic): finds "Yohana" for "Johana".
    name_phonetic: Mapped[str] = mapped_column(String(160), default="", server_default="")
    birth_place: Mapped[str | None] = mapped_column(String(80))
    birth_date: Mapped[date] = mapped_column(Date)
    gender: Mapped[Gender] = mapped_column(code_enum(Gender, "gender"))
    address: Mapped[str | None] = mapped_column(String(200))
    rt: Mapped[str | None] = mapped_column(String(3))
    rw: Mapped[str | None] = mapped_column(String(3))
    village_code: Mapped[str] = mapped_column(String(13), ForeignKey("region.code"))
    # Kept beside the village so the most used filter needs no join.
    kecamatan_code: Mapped[str] = mapped_column(String(8), ForeignKey("region.code"))
    occupation_id: Mapped[int] = mapped_column(ForeignKey("occupation.id"))
    phone: Mapped[str | None] = mapped_column(String(20))
    kpj: Mapped[str | None] = mapped_column(number_text(20), unique=True)
    funding: Mapped[FundingSource] = mapped_column(code_enum(FundingSource, "funding"))
    coverage_start: Mapped[date | None] = mapped_column(Date)
    coverage_end: Mapped[date | None] = mapped_column(Date)
    status: Mapped[WorkerStatus] = mapped_column(
        code_enum(WorkerStatus, "status"), default=WorkerStatus.ACTIVE
    )
    status_reason: Mapped[str | None] = mapped_column(String(200))
    status_date: Mapped[date | None] = mapped_column(Date)
    notes: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[Timestamp]
    created_by: Mapped[str | None] = mapped_column(String(64))
    updated_at: Mapped[Timestamp]
    updated_by: Mapped[str | None] = mapped_column(String(64))
    version: Mapped[int] = mapped_column(Integer, default=1)

    heirs: Mapped[list[Heir]] = relationship(
        back_populates="worker",
        cascade="all, delete-orphan",
        order_by="Heir.id",
    )

    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012
    __table_args__ = (
        CheckConstraint(
            "coverage_end IS NULL OR coverage_start IS NULL OR coverage_end >= coverage_start",
            name="coverage_order",
        ),
        Index("ix_worker_kecamatan_village", "kecamatan_code", "village_code"),
        Index("ix_worker_status_funding", "status", "funding"),
        # A name search sorts its matches by name from this index alone (migration 0019).
        Index("ix_worker_id_name_key", "id", "name_key"),
    )


class Heir(Base):
    __tablename__ = "heir"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    worker_id: Mapped[int] = mapped_column(ForeignKey("worker.id", ondelete="CASCADE"), index=True)
    full_name: Mapped[str] = mapped_column(String(120))
    nik: Mapped[str | None] = mapped_column(String(16))
    relation: Mapped[HeirRelation] = mapped_column(code_enum(HeirRelation, "relation"))
    birth_date: Mapped[date | None] = mapped_column(Date)
    phone: Mapped[str | None] = mapped_column(String(20))
    bank_name: Mapped[str | None] = mapped_column(String(60))
    bank_account_number: Mapped[str | None] = mapped_column(String(30))
    bank_account_holder: Mapped[str | None] = mapped_column(String(120))
    created_at: Mapped[Timestamp]
    updated_at: Mapped[Timestamp]

    worker: Mapped[Worker] = relationship(back_populates="heirs")


__all__ = ["Heir", "Occupation", "Worker"]
