"""Manfaat: what the family may expect, from the editable benefit table. Always labelled an
estimate: BPJS Ketenagakerjaan decides the amount."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from services.claims import BenefitLine, ClaimDetail
from services.claims.labels import BENEFIT_BASIS
from services.text.figures import rupiah_whole
from services.text.formatting import long_date
from ui.gui.claims.claim_table import stretch_column
from ui.gui.widgets.notice_banner import NoticeBanner, Tone
from ui.gui.widgets.record_table import Column, RecordTableModel, RecordTableView

ESTIMATE_TITLE = "Perkiraan — BPJS Ketenagakerjaan yang menetapkan"


def _amount(line: BenefitLine) -> str:
    return rupiah_whole(line.amount) if line.amount is not None else "-"


BENEFIT_COLUMNS: tuple[Column[BenefitLine], ...] = (
    Column("Manfaat", lambda b: b.label),
    Column("Dasar", lambda b: BENEFIT_BASIS[b.basis]),
    Column("Perkiraan", _amount, numeric=True),
    Column("Masuk jumlah", lambda b: "ya" if b.counted else "tidak"),
    Column("Keterangan", lambda b: b.detail),
)


class BenefitTab(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = NoticeBanner(self)
        self.model: RecordTableModel = RecordTableModel(BENEFIT_COLUMNS, parent=self)
        self.table = RecordTableView(self.model, self)
        stretch_column(self.table, 0)
        self.total = QLabel(self)
        self.total.setTextFormat(Qt.TextFormat.RichText)
        self.notes = QLabel(self)
        self.notes.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.total)
        layout.addWidget(self.notes)

    def show_detail(self, detail: ClaimDetail) -> None:
        benefit = detail.benefit
        self.title.show_message(
            f"{ESTIMATE_TITLE}. Dihitung dari tabel manfaat yang berlaku pada "
            f"{long_date(benefit.rates_date)} dan data klaim ini; jumlah yang dibayar "
            "ditetapkan BPJS Ketenagakerjaan.",
            Tone.WARNING,
        )
        self.model.set_rows(benefit.lines)
        self.total.setText(
            f"<span style='font-size:large'>Jumlah sekaligus (perkiraan): "
            f"<b>{rupiah_whole(benefit.total)}</b></span>"
        )
        notes = list(benefit.notes)
        if not detail.eligibility.eligible:
            reasons = " ".join(detail.eligibility.reasons)
            notes.insert(0, f"Klaim ini tidak memenuhi syarat: {reasons}")
        self.notes.setText("\n".join(f"• {n}" for n in notes))
        self.notes.setVisible(bool(notes))
