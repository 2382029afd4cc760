"""The office's own images (the district emblem, the regional head's, the card logo), kept in
the database so every workstation prints the same kop and the same cards."""

from __future__ import annotations

from sqlalchemy import Integer, LargeBinary, String
from sqlalchemy.orm import Mapped, mapped_column

from models.base import Base, Timestamp

# kind → how the audit view names it
IMAGE_LABELS = {
    "lambang": "lambang daerah (kop surat)",
    "lambang_kepala_daerah": "lambang kop kepala daerah",
    "logo_kartu": "logo kartu peserta",
}


class OfficeImage(Base):
    __tablename__ = "office_image"

    kind: Mapped[str] = mapped_column(String(30), primary_key=True)
    file_name: Mapped[str] = mapped_column(String(255))
    media_type: Mapped[str] = mapped_column(String(20))  # image/png, image/jpeg
    width: Mapped[int] = mapped_column(Integer)
    height: Mapped[int] = mapped_column(Integer)
    size_bytes: Mapped[int] = mapped_column(Integer)
    sha256: Mapped[str] = mapped_column(String(64))
    # The audit trail records its size only (services/audit/trail.py); the hash names the content.
    content: Mapped[bytes] = mapped_column(LargeBinary)
    updated_at: Mapped[Timestamp]
    updated_by: Mapped[str | None] = mapped_column(String(64))

    def audit_describe(self) -> tuple[str, str | None, str | None, str]:
        return "office_image", None, None, IMAGE_LABELS.get(self.kind, self.kind)

    def __repr__(self) -> str:  # never the bytes
        return f"OfficeImage({self.kind!r})"
