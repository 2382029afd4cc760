"""Serahkan kartu: when, to whom (the worker or the village office), a note; all or none."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from models.enums import Recipient
from services.cards import CardRecord, HandOver, hand_over
from services.text.labels import RECIPIENT
from ui.gui.app_context import AppContext
from ui.gui.retry import FAILED, call_or_show
from ui.gui.widgets.date_field import DateField
from ui.gui.widgets.notice_banner import NoticeBanner, Tone

NAMES_SHOWN = 5


def cards_text(cards: Sequence[CardRecord]) -> str:
    names = ", ".join(c.full_name for c in cards[:NAMES_SHOWN])
    more = f" dan {len(cards) - NAMES_SHOWN} lainnya" if len(cards) > NAMES_SHOWN else ""
    return f"{len(cards)} kartu: {names}{more}."


class HandOverDialog(QDialog):
    def __init__(
        self, app: AppContext, cards: Sequence[CardRecord], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Serah terima kartu")
        self._app = app
        self.cards = list(cards)
        self.handed = 0
        self.on = DateField(self)
        self.on.set_value(app.office_today())
        self.recipients = {r: QRadioButton(label, self) for r, label in RECIPIENT.items()}
        self.name_label = QLabel(self)
        self.name = QLineEdit(self)
        self.note = QLineEdit(self)
        self.banner = NoticeBanner(self)
        self.ok_button = QPushButton("Catat serah terima", self)
        self.cancel_button = QPushButton("Batal", self)
        self._lay_out()
        self.recipients[Recipient.WORKER].setChecked(True)
        self._follow_recipient()

    def recipient(self) -> Recipient:
        return next(r for r, radio in self.recipients.items() if radio.isChecked())

    def submit(self) -> bool:
        """Record the hand-over; a refusal stays on screen with what to correct."""
        problem = self.on.problem("on", "Tanggal serah terima")
        on = self.on.value()
        if problem is not None or on is None:
            text = problem.text if problem else "Isi tanggal serah terima."
            self.banner.show_message(text, Tone.ERROR)
            return False
        request = HandOver(
            card_ids=tuple(c.id for c in self.cards),
            on=on,
            recipient=self.recipient(),
            recipient_name=self.name.text(),
            note=self.note.text(),
        )
        handed = call_or_show(self, self.banner, lambda: hand_over(self._app.ctx, request))
        if handed is FAILED:
            return False
        self.handed = handed
        self.accept()
        return True

    def _follow_recipient(self) -> None:
        if self.recipient() == Recipient.VILLAGE_OFFICE:
            self.name_label.setText("Nama petugas desa:")
            self.name.setPlaceholderText("wajib: siapa yang menerima di kantor desa")
        else:
            self.name_label.setText("Nama penerima:")
            self.name.setPlaceholderText("kosong: peserta sendiri")

    def _lay_out(self) -> None:
        what = QLabel(cards_text(self.cards), self)
        what.setWordWrap(True)
        group = QButtonGroup(self)
        who = QHBoxLayout()
        for radio in self.recipients.values():
            group.addButton(radio)
            who.addWidget(radio)
            radio.toggled.connect(lambda _checked: self._follow_recipient())
        who.addStretch(1)
        self.note.setPlaceholderText("boleh kosong, misalnya: diserahkan saat sosialisasi")
        self.note.setMaxLength(200)
        self.name.setMaxLength(120)
        form = QFormLayout()
        form.addRow("Tanggal:", self.on)
        form.addRow("Diterima oleh:", who)
        form.addRow(self.name_label, self.name)
        form.addRow("Catatan:", self.note)
        self.ok_button.setDefault(True)
        self.cancel_button.setAutoDefault(False)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.ok_button)
        buttons.addWidget(self.cancel_button)
        layout = QVBoxLayout(self)
        layout.addWidget(what)
        layout.addLayout(form)
        layout.addWidget(self.banner)
        layout.addLayout(buttons)
        self.ok_button.clicked.connect(self.submit)
        self.cancel_button.clicked.connect(self.reject)
        self.resize(520, self.sizeHint().height())
