"""The typed fields of each letter, and the request that wraps them.

Other services (claims, premiums) and the GUI build these directly, e.g.
``issue_letter(ctx, LetterRequest(ClaimLetter(...), signatory_id=3,
document_date=office_today_of(ctx)))``. Fields that come from the register are given as
ids (the letter reads the worker itself); the rest are typed.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import ClassVar

from models.enums import ClaimProgramme, DocumentKind, PageSize, Sifat


@dataclass(frozen=True, slots=True)
class RegistrationLetter:
    """Surat pengantar pendaftaran: workers whose coverage began in a date range and who
    still need registering with BPJS (no KPJ, paid by the district, covered on the
    letter's date), optionally of one kecamatan or village."""

    KIND: ClassVar[DocumentKind] = DocumentKind.REGISTRATION

    registered_from: date
    registered_to: date
    kecamatan_code: str | None = None
    village_code: str | None = None


@dataclass(frozen=True, slots=True)
class ClaimLetter:
    """Surat permohonan/rekomendasi klaim: filled from a claim record
    (``services.claims.letter.claim_letter``), or typed for a claim not yet opened. With
    ``claim_id`` it must agree with that claim (``letters/claim.py`` refuses it otherwise)."""

    KIND: ClassVar[DocumentKind] = DocumentKind.CLAIM

    programme: ClaimProgramme
    worker_name: str
    worker_nik: str
    event_date: date  # date of death (JKM) or of the accident (JKK)
    claimant_name: str
    claimant_relation: str  # "Istri", "Anak kandung", "Peserta sendiri"
    # Kept so older stored requests still load; the letter prints the register's values.
    kpj: str = ""
    occupation: str = ""
    worker_address: str = ""
    event_description: str = ""  # cause of death, how the accident happened
    claimant_nik: str = ""
    claimant_address: str = ""
    claimant_phone: str = ""
    documents: tuple[str, ...] = ()  # the enclosed claim file, one entry per document
    worker_id: int | None = None  # the register's worker, when known
    claim_id: int | None = None  # the claim record, once claims exist


@dataclass(frozen=True, slots=True)
class MembershipLetter:
    """Surat keterangan kepesertaan for a worker of the register."""

    KIND: ClassVar[DocumentKind] = DocumentKind.MEMBERSHIP

    worker_id: int
    purpose: str  # "persyaratan pengajuan klaim", "keperluan administrasi desa"


@dataclass(frozen=True, slots=True)
class HeirNoticeLetter:
    """Surat pemberitahuan kepada ahli waris: what to bring and where to go."""

    KIND: ClassVar[DocumentKind] = DocumentKind.HEIR_NOTICE

    heir_name: str
    heir_address: str  # printed under "di –"
    death_date: date
    worker_id: int | None = None  # the deceased in the register (required)
    # Kept so older stored requests still load; the register's name and KPJ print.
    deceased_name: str = ""
    deceased_kpj: str = ""
    heir_nik: str = ""  # the heir's sex (Sdr./Sdri.); empty: the register's heir of that name
    documents: tuple[str, ...] = ()  # empty: the list in the template
    where: str = ""  # empty: the office, from the settings


@dataclass(frozen=True, slots=True)
class PremiumLetter:
    """Surat pembayaran iuran for a period of whole months."""

    KIND: ClassVar[DocumentKind] = DocumentKind.PREMIUM

    period_start: date  # any day of the first month
    months: int = 1
    workers: int | None = None  # None: counted in the register on the period's first day
    bill_number: str = ""  # BPJS's bill (surat tagihan), when there is one
    bill_date: date | None = None
    jkk_monthly: Decimal | None = None  # None: from the rates in force
    jkm_monthly: Decimal | None = None


LetterFields = (
    RegistrationLetter | ClaimLetter | MembershipLetter | HeirNoticeLetter | PremiumLetter
)


@dataclass(frozen=True, slots=True)
class LetterRequest:
    fields: LetterFields
    signatory_id: int
    document_date: date
    sifat: Sifat = Sifat.BIASA
    page_size: PageSize | None = None  # None: the office setting documents.page_size
    copies: tuple[str, ...] | None = None  # Tembusan; None: the template's; "Arsip" added
    replaces_number: str | None = None  # a correction names the letter it replaces

    @property
    def kind(self) -> DocumentKind:
        return self.fields.KIND
