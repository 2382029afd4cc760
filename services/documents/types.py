"""What the document services take and give back: plain dataclasses, never ORM objects."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from models.enums import DocumentKind, DocumentStatus, PageSize, Sifat

KIND_LABELS = {
    DocumentKind.REGISTRATION: "Surat Pengantar Pendaftaran Peserta",
    DocumentKind.CLAIM: "Surat Permohonan/Rekomendasi Klaim",
    DocumentKind.MEMBERSHIP: "Surat Keterangan Kepesertaan",
    DocumentKind.HEIR_NOTICE: "Surat Pemberitahuan kepada Ahli Waris",
    DocumentKind.PREMIUM: "Surat Pembayaran Iuran",
    DocumentKind.AGREEMENT: "Perjanjian Kerja Sama",
}

SIFAT_LABELS = {
    Sifat.BIASA: "Biasa",
    Sifat.PENTING: "Penting",
    Sifat.SEGERA: "Segera",
    Sifat.RAHASIA: "Rahasia",
}

STATUS_LABELS = {
    DocumentStatus.ISSUED: "Terbit",
    DocumentStatus.CANCELLED: "Dibatalkan",
    DocumentStatus.REPLACED: "Diganti (ralat)",
}


@dataclass(frozen=True, slots=True)
class SignatoryInput:
    name: str
    position: str  # "Kepala Dinas Tenaga Kerja dan Transmigrasi"
    rank: str | None = None  # "Pembina Utama Muda (IV/c)"
    nip: str | None = None  # 18 digits; spaces allowed as printed
    on_behalf_of: str | None = None  # "Bupati Timor Tengah Utara" → "a.n. BUPATI …"
    regional_head: bool = False  # the Bupati: own kop, signs with the name only
    active: bool = True
    # "Keputusan Menteri Dalam Negeri Nomor … tentang Pengesahan Pengangkatan Bupati …"
    authority: str | None = None
    # A Kepala Dinas signing an agreement: the Bupati's decree delegating it to him.
    delegation: str | None = None
    office_address: str | None = None  # None: the office setting (office.address)


@dataclass(frozen=True, slots=True)
class SignatoryItem:
    id: int
    name: str
    position: str
    rank: str | None
    nip: str | None
    on_behalf_of: str | None
    regional_head: bool
    active: bool
    authority: str | None = None
    delegation: str | None = None
    office_address: str | None = None

    @property
    def label(self) -> str:
        """For choice lists: "Simon Soge — Kepala Dinas …"."""
        return f"{self.name} — {self.position}"


@dataclass(frozen=True, slots=True)
class DocumentEntry:
    """One line of the letter register (buku agenda surat keluar)."""

    id: int
    number: str
    year: int
    sequence: int  # in its series and year
    kind: DocumentKind
    document_date: date
    subject: str
    addressee: str
    sifat: Sifat
    signatory_name: str
    page_size: PageSize
    page_count: int
    sha256: str
    status: DocumentStatus
    status_reason: str | None
    status_at: datetime | None
    status_by: str | None
    replaces_number: str | None
    replaced_by_number: str | None
    created_at: datetime
    created_by: str | None

    @property
    def kind_label(self) -> str:
        return KIND_LABELS[self.kind]

    @property
    def status_label(self) -> str:
        return STATUS_LABELS[self.status]


@dataclass(frozen=True, slots=True)
class IssuedDocument:
    """A document as issued (or reprinted): its letter register line and the frozen PDF."""

    entry: DocumentEntry
    pdf: bytes

    @property
    def number(self) -> str:
        return self.entry.number

    @property
    def sha256(self) -> str:
        return self.entry.sha256


@dataclass(frozen=True, slots=True)
class DocumentQuery:
    year: int | None = None
    kind: DocumentKind | None = None
    status: DocumentStatus | None = None
    text: str = ""  # part of the number, subject or addressee
    limit: int = 1000
