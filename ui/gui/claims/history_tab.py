"""Riwayat: every status change with who, when and why, and what the steps recorded
(the letter to BPJS, the decision, the payment)."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from models.enums import ClaimStatus
from services.claims import ClaimDetail, HistoryEntry
from services.claims.labels import CLAIM_STATUS
from services.text.formatting import long_date
from ui.gui.claims.claim_texts import money_text
from ui.gui.formats import moment_text
from ui.gui.widgets.record_table import Column, RecordTableModel, RecordTableView


def _step(entry: HistoryEntry) -> str:
    target = CLAIM_STATUS[entry.to_status]
    if entry.from_status is None:
        return f"Dibuka: {target}"
    arrow = "↩ mundur ke" if entry.step_back else "→"
    return f"{CLAIM_STATUS[entry.from_status]} {arrow} {target}"


HISTORY_COLUMNS: tuple[Column[HistoryEntry], ...] = (
    Column("Waktu", lambda h: moment_text(h.at, h.zone)),
    Column("Oleh", lambda h: h.by or "-"),
    Column("Langkah", _step),
    Column("Catatan / alasan", lambda h: h.note or ""),
)


def record_html(detail: ClaimDetail) -> str:
    """What the steps so far recorded, one line each."""
    opened = moment_text(detail.created_at, detail.zone)
    lines = [f"Dibuka {opened} oleh {escape(detail.created_by or '-')}."]
    if detail.submitted_on:
        letter = escape(detail.letter_number or "-")
        lines.append(
            f"Diajukan ke BPJS {long_date(detail.submitted_on)} dengan surat No. {letter} "
            f"tanggal {long_date(detail.letter_date)}."
        )
    if detail.decided_on:
        note = f": {escape(detail.decision_note)}" if detail.decision_note else ""
        decision = "Ditolak" if detail.status is ClaimStatus.REJECTED else "Disetujui"
        lines.append(f"{decision} BPJS {long_date(detail.decided_on)}{note}.")
    if detail.paid_on:
        account = " ".join(
            escape(p) for p in (detail.paid_bank_name, detail.paid_account_number) if p
        )
        holder = f" a.n. {escape(detail.paid_account_holder)}" if detail.paid_account_holder else ""
        lines.append(
            f"Dibayar {long_date(detail.paid_on)}: <b>{money_text(detail.paid_amount)}</b> "
            f"kepada {escape(detail.paid_to_name or '-')}"
            + (f", rekening {account}{holder}" if account else "")
            + "."
        )
    return "<br>".join(lines)


class ClaimHistoryTab(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.record = QLabel(self)
        self.record.setWordWrap(True)
        self.record.setTextFormat(Qt.TextFormat.RichText)
        self.record.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.model: RecordTableModel = RecordTableModel(HISTORY_COLUMNS, parent=self)
        self.table = RecordTableView(self.model, self)
        layout = QVBoxLayout(self)
        layout.addWidget(self.record)
        layout.addWidget(self.table, 1)

    def show_detail(self, detail: ClaimDetail) -> None:
        self.record.setText(record_html(detail))
        # Newest on top, as in every other history of the app.
        self.model.set_rows(list(reversed(detail.history)))
