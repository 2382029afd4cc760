"""What the card services take and give: plain dataclasses for the GUI, the CLI and tests."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from models.enums import CardLayout, CardStatus, PrintKind, Recipient, ReprintReason

A4_SLOTS = 10


@dataclass(frozen=True, slots=True)
class PrintRequest:
    """Whom to print for, and how. Give worker ids or NIKs, a village, a kecamatan or
    not_printed."""

    worker_ids: tuple[int, ...] = ()
    niks: tuple[str, ...] = ()
    village_code: str | None = None
    kecamatan_code: str | None = None
    # Only workers who never had a card (within the village or kecamatan when given).
    not_printed: bool = False
    # Workers who already have a card are printed again only with a reason.
    reprint_reason: ReprintReason | None = None
    layout: CardLayout = CardLayout.A4
    backs: bool = False
    start_position: int = 1


@dataclass(frozen=True, slots=True)
class SkippedWorker:
    worker_id: int
    full_name: str
    reason: str


@dataclass(frozen=True, slots=True)
class PrintPlan:
    request: PrintRequest
    selection_label: str
    worker_ids: tuple[int, ...]
    # Of worker_ids, those who already have a card: printed as reprints.
    reprint_ids: frozenset[int]
    skipped: tuple[SkippedWorker, ...]
    # Each printed card's serial in its QR, in worker_ids' order (prints so far + 1).
    serials: tuple[int, ...] = ()

    @property
    def notice(self) -> str:
        """The clerk-facing summary of who is left out and why ("" when nobody is)."""
        if not self.skipped:
            return ""
        by_reason: dict[str, int] = {}
        for worker in self.skipped:
            by_reason[worker.reason] = by_reason.get(worker.reason, 0) + 1
        parts = [f"{count} {reason}" for reason, count in by_reason.items()]
        return f"{len(self.skipped)} peserta tidak dicetak: " + "; ".join(parts) + "."


@dataclass(frozen=True, slots=True)
class PreparedPrint:
    """A rendered PDF not yet recorded: preview it, then confirm_print() when it is printed."""

    plan: PrintPlan
    pdf_path: Path
    pdf_sha256: str
    pages: int
    day: date  # the office's day the cards were prepared on (on the cards, in the file name)
    # worker id -> (page of the front, slot on that page)
    placements: dict[int, tuple[int, int]] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class PrintResult:
    batch_id: int
    cards: int
    reprints: int
    pages: int
    pdf_path: Path
    skipped: tuple[SkippedWorker, ...]
    notice: str


@dataclass(frozen=True, slots=True)
class PrintBatchInfo:
    id: int
    created_at: datetime
    created_by: str | None
    selection: str
    layout: CardLayout
    backs: bool
    card_count: int
    reprint_count: int
    skipped_count: int
    page_count: int
    handed_over_count: int


@dataclass(frozen=True, slots=True)
class CardRecord:
    """One printed card, for the hand-over list and the worker's card history."""

    id: int
    batch_id: int
    worker_id: int
    full_name: str
    village_name: str
    kind: PrintKind
    reprint_reason: ReprintReason | None
    status: CardStatus
    printed_at: datetime
    printed_by: str | None
    handed_over_on: date | None
    recipient: Recipient | None
    recipient_name: str | None
    handed_over_by: str | None
    note: str | None


@dataclass(frozen=True, slots=True)
class HandOver:
    card_ids: tuple[int, ...]
    on: date
    recipient: Recipient
    # The person who took the cards; for Recipient.WORKER empty means the worker.
    recipient_name: str = ""
    note: str = ""


@dataclass(frozen=True, slots=True)
class CardVerification:
    authentic: bool
    message: str
    worker_id: int | None = None
    full_name: str | None = None
    covered_today: bool | None = None
    replaced: bool = False  # a genuine card replaced by a later reprint ("diganti")
