"""Official documents: signatories, the outgoing-letter register (buku agenda surat keluar),
the frozen PDFs it keeps, the yearly number counters and the editable templates."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    Boolean,
    Date,
    DateTime,
    ForeignKey,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from models.base import Base, Timestamp, code_enum, number_text
from models.enums import DocumentKind, DocumentStatus, PageSize, Sifat


class Signatory(Base):
    """An official who signs documents. Deactivated, never deleted: issued letters name them."""

    __tablename__ = "signatory"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(120))
    position: Mapped[str] = mapped_column(String(200))
    rank: Mapped[str | None] = mapped_column(String(80))
    nip: Mapped[str | None] = mapped_column(number_text(18))
    # The superior this official signs for ("a.n. Bupati Timor Tengah Utara"); None: own name.
    on_behalf_of: Mapped[str | None] = mapped_column(String(200))
    # The Bupati (or Wakil): the regional head's own letterhead, signs with the name only.
    regional_head: Mapped[bool] = mapped_column(Boolean, default=False)
    # What gives the authority to sign an agreement: the regional head's appointment and the
    # article of the law he acts under; a Kepala Dinas's delegation decree from the Bupati.
    authority: Mapped[str | None] = mapped_column(String(300))
    delegation: Mapped[str | None] = mapped_column(String(300))
    # The official's own office, printed as the party's address (None: the office setting).
    office_address: Mapped[str | None] = mapped_column(String(200))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[Timestamp]
    created_by: Mapped[str | None] = mapped_column(String(64))
    updated_at: Mapped[Timestamp]
    updated_by: Mapped[str | None] = mapped_column(String(64))


class LetterCounter(Base):
    """The last number given in a numbering series and year; locked while a letter is issued."""

    __tablename__ = "letter_counter"

    series: Mapped[str] = mapped_column(String(32), primary_key=True)
    year: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    last_number: Mapped[int] = mapped_column(Integer)


class RegisteredDocument(Base):
    """One line of the letter register. What was printed is frozen (triggers refuse changes to it);
    only the status may move: issued → cancelled, or issued → replaced by a correction."""

    __tablename__ = "issued_document"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    number: Mapped[str] = mapped_column(String(120), unique=True)
    series: Mapped[str] = mapped_column(String(32))
    year: Mapped[int] = mapped_column(Integer)
    sequence: Mapped[int] = mapped_column(Integer)
    kind: Mapped[DocumentKind] = mapped_column(code_enum(DocumentKind, "document_kind"))
    document_date: Mapped[date] = mapped_column(Date, index=True)
    subject: Mapped[str] = mapped_column(String(300))
    addressee: Mapped[str] = mapped_column(String(300))
    sifat: Mapped[Sifat] = mapped_column(code_enum(Sifat, "sifat"))
    signatory_id: Mapped[int | None] = mapped_column(ForeignKey("signatory.id"), index=True)
    signatory_name: Mapped[str] = mapped_column(String(120))
    page_size: Mapped[PageSize] = mapped_column(code_enum(PageSize, "page_size"))
    page_count: Mapped[int] = mapped_column(Integer)
    replaces_id: Mapped[int | None] = mapped_column(ForeignKey("issued_document.id"), index=True)
    # The request as typed (JSON), so a correction can start from it.
    fields: Mapped[str] = mapped_column(Text)
    sha256: Mapped[str] = mapped_column(String(64))
    status: Mapped[DocumentStatus] = mapped_column(
        code_enum(DocumentStatus, "document_status"), default=DocumentStatus.ISSUED
    )
    status_reason: Mapped[str | None] = mapped_column(String(300))
    status_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    status_by: Mapped[str | None] = mapped_column(String(64))
    created_at: Mapped[Timestamp]
    created_by: Mapped[str | None] = mapped_column(String(64))
    workstation: Mapped[str | None] = mapped_column(String(64))
    # The worker a letter is about (none for a PKS or a covering letter), so row-level
    # security keeps a kecamatan-limited clerk to their workers' letters. No foreign key:
    # the letter register keeps a letter after its worker's row is gone.
    worker_id: Mapped[int | None] = mapped_column(Integer, index=True)

    __table_args__ = (UniqueConstraint("series", "year", "sequence"),)


class DocumentFile(Base):
    """The PDF exactly as issued; a reprint hands these bytes back."""

    __tablename__ = "document_file"

    document_id: Mapped[int] = mapped_column(
        ForeignKey("issued_document.id"), primary_key=True, autoincrement=False
    )
    pdf: Mapped[bytes] = mapped_column(LargeBinary)


class DocumentTemplate(Base):
    """An edited template (agreement articles, a letter's wording); absent: the default in code."""

    __tablename__ = "document_template"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    body: Mapped[str] = mapped_column(Text)
    updated_at: Mapped[Timestamp]
    updated_by: Mapped[str | None] = mapped_column(String(64))


__all__ = [
    "DocumentFile",
    "DocumentKind",
    "DocumentStatus",
    "DocumentTemplate",
    "LetterCounter",
    "PageSize",
    "RegisteredDocument",
    "Sifat",
    "Signatory",
]
