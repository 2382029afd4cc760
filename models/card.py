"""Participant cards: each print run is a batch; each card printed moves printed → handed over."""

from __future__ import annotations

from datetime import date

from sqlalchemy import Boolean, Date, ForeignKey, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from models.base import REFERENCE, Base, Timestamp, code_enum
from models.enums import CardLayout, CardStatus, PrintKind, Recipient, ReprintReason


class CardPrintBatch(Base):
    __tablename__ = "card_print_batch"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    created_at: Mapped[Timestamp]
    created_by: Mapped[str | None] = mapped_column(String(64))
    workstation: Mapped[str | None] = mapped_column(String(64))
    # What the clerk asked for, in words ("Desa Naiola", "12 peserta terpilih").
    selection: Mapped[str] = mapped_column(String(200))
    layout: Mapped[CardLayout] = mapped_column(code_enum(CardLayout, "card_layout"))
    backs: Mapped[bool] = mapped_column(Boolean)
    start_position: Mapped[int] = mapped_column(Integer)
    card_count: Mapped[int] = mapped_column(Integer)
    reprint_count: Mapped[int] = mapped_column(Integer)
    skipped_count: Mapped[int] = mapped_column(Integer)
    page_count: Mapped[int] = mapped_column(Integer)
    pdf_sha256: Mapped[str] = mapped_column(String(64))


class CardPrint(Base):
    __tablename__ = "card_print"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    batch_id: Mapped[int] = mapped_column(
        ForeignKey("card_print_batch.id", ondelete="CASCADE"), index=True
    )
    worker_id: Mapped[int] = mapped_column(ForeignKey("worker.id", ondelete="CASCADE"))
    kind: Mapped[PrintKind] = mapped_column(code_enum(PrintKind, "print_kind"))
    reprint_reason: Mapped[ReprintReason | None] = mapped_column(
        code_enum(ReprintReason, "reprint_reason")
    )
    status: Mapped[CardStatus] = mapped_column(code_enum(CardStatus, "card_status"))
    printed_at: Mapped[Timestamp]
    handed_over_on: Mapped[date | None] = mapped_column(Date)
    recipient: Mapped[Recipient | None] = mapped_column(code_enum(Recipient, "recipient"))
    recipient_name: Mapped[str | None] = mapped_column(String(120))
    handed_over_by: Mapped[str | None] = mapped_column(String(64))
    note: Mapped[str | None] = mapped_column(String(200))

    __table_args__ = (Index("ix_card_print_worker_status", "worker_id", "status"),)


class CardKey(Base):
    """The register's secret for the check value in the cards' QR codes (one row)."""

    __tablename__ = "card_key"
    __table_args__ = ({"info": REFERENCE},)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    secret: Mapped[str] = mapped_column(String(64))


__all__ = [
    "CardKey",
    "CardLayout",
    "CardPrint",
    "CardPrintBatch",
    "CardStatus",
    "PrintKind",
    "Recipient",
    "ReprintReason",
]
