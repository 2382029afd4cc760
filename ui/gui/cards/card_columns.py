"""How print batches and cards read in tables: the print log, the hand-over list, a
worker's card history."""

from __future__ import annotations

from models.enums import PrintKind
from services.cards import CardRecord, PrintBatchInfo
from services.text.labels import CARD_LAYOUT, CARD_STATUS, RECIPIENT, REPRINT_REASON
from ui.gui.formats import moment_text, thousands
from ui.gui.widgets.date_field import format_date
from ui.gui.widgets.record_table import Column


def kind_text(card: CardRecord) -> str:
    if card.kind == PrintKind.FIRST:
        return "Cetak pertama"
    reason = REPRINT_REASON[card.reprint_reason] if card.reprint_reason else "tanpa alasan"
    return f"Cetak ulang ({reason.lower()})"


def handed_over_text(card: CardRecord) -> str:
    if card.handed_over_on is None or card.recipient is None:
        return ""
    to = RECIPIENT[card.recipient]
    name = f": {card.recipient_name}" if card.recipient_name else ""
    return f"{format_date(card.handed_over_on)} kepada {to.lower()}{name}"


def handed_over_tooltip(card: CardRecord) -> str | None:
    text = handed_over_text(card)
    if not text:
        return None
    by = f"\nDicatat oleh {card.handed_over_by}" if card.handed_over_by else ""
    note = f"\nCatatan: {card.note}" if card.note else ""
    return text + by + note


def _batch_paper(batch: PrintBatchInfo) -> str:
    return CARD_LAYOUT[batch.layout] + (", bolak-balik" if batch.backs else "")


BATCH_COLUMNS: tuple[Column[PrintBatchInfo], ...] = (
    Column("No.", lambda b: f"#{b.id}", numeric=True),
    Column("Waktu cetak", lambda b: moment_text(b.created_at)),
    Column("Petugas", lambda b: b.created_by or "-"),
    Column("Pilihan", lambda b: b.selection),
    Column("Kartu", lambda b: thousands(b.card_count), numeric=True),
    Column("Cetak ulang", lambda b: thousands(b.reprint_count), numeric=True),
    Column("Dilewati", lambda b: thousands(b.skipped_count), numeric=True),
    Column("Diserahkan", lambda b: f"{thousands(b.handed_over_count)} / {thousands(b.card_count)}"),
    Column("Kertas", _batch_paper),
)

PENDING_COLUMNS: tuple[Column[CardRecord], ...] = (
    Column("Nama peserta", lambda c: c.full_name),
    Column("Desa/kelurahan", lambda c: c.village_name),
    Column("Cetakan", lambda c: f"#{c.batch_id}", numeric=True),
    Column("Dicetak", lambda c: moment_text(c.printed_at)),
    Column("Jenis", kind_text),
    Column("Status", lambda c: CARD_STATUS[c.status]),
)

HISTORY_COLUMNS: tuple[Column[CardRecord], ...] = (
    Column("Dicetak", lambda c: moment_text(c.printed_at)),
    Column("Oleh", lambda c: c.printed_by or "-"),
    Column("Cetakan", lambda c: f"#{c.batch_id}", numeric=True),
    Column("Jenis", kind_text),
    Column("Status", lambda c: CARD_STATUS[c.status]),
    Column("Diserahkan", handed_over_text, tooltip=handed_over_tooltip),
)
