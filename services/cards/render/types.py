"""What the card renderer takes and gives back: plain values, no database, no Qt."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from models.enums import CardLayout
from services.core.errors import SiRentanError


@dataclass(frozen=True, slots=True)
class CardData:
    """One worker's card, already chosen and formatted by the card service."""

    worker_id: int
    full_name: str  # capitals; may be 90 characters and carry apostrophes or any Latin letter
    nik: str
    kpj: str | None  # None prints "belum terdaftar"
    birth_date: date
    village_name: str
    kecamatan_name: str
    funding_label: str  # "APBD Kabupaten Timor Tengah Utara", "Dana Desa Naiola", ...
    programmes: str  # "JKK, JKM"
    valid_from: date
    valid_until: date | None  # None: valid while the worker stays registered
    qr_payload: str  # opaque text for the QR code (identity and check value)


@dataclass(frozen=True, slots=True)
class CardDesign:
    """The office's card design, from the settings; the same for a whole batch."""

    district_name: str
    government_line: str
    office_name: str
    programme_title: str
    logo: bytes | None  # None: the neutral placeholder shipped in resources/images
    office_address: str
    office_phone: str
    branch_name: str
    branch_phone: str
    accident_steps: tuple[str, ...]
    death_steps: tuple[str, ...]
    signer_position: str
    signer_name: str
    disclaimer: str


# One layout enum for the print log (models) and the renderer.
Layout = CardLayout


@dataclass(frozen=True, slots=True)
class SheetOptions:
    """How the cards go onto paper.

    The offsets correct a printer that does not print where it is told:
    ``offset_x_mm`` > 0 moves everything to the right, ``offset_y_mm`` > 0
    moves everything down (towards the bottom edge of the sheet), as a clerk
    measures from the top-left corner of the paper.
    """

    layout: Layout = Layout.A4
    backs: bool = False  # A4: a mirrored back sheet after each front sheet; CR80: a back page
    start_position: int = 1  # A4: first free slot (1..10) of the first, partly used sheet
    offset_x_mm: float = 0.0
    offset_y_mm: float = 0.0
    cut_marks: bool = True


@dataclass(frozen=True, slots=True)
class RenderResult:
    pages: int
    cards: int
    # (worker_id, 1-based page number of the card's front, slot 1..10; always 1 on CR80)
    placements: tuple[tuple[int, int, int], ...]


class CardDesignError(SiRentanError):
    """The design cannot be drawn (for example the configured logo cannot be read)."""
