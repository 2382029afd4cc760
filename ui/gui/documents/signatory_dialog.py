"""One signatory: name, position, rank, NIP (checked by the service: its message shows under
the field), whom they sign for, and whether they are the regional head."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QGridLayout,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from services import documents as docs
from services.documents.nip import format_nip
from ui.gui.app_context import AppContext
from ui.gui.retry import FAILED, call_or_place, under_fields
from ui.gui.signals import emit
from ui.gui.widgets.dialog_buttons import accept_buttons
from ui.gui.widgets.field_rows import FieldRows
from ui.gui.widgets.notice_banner import NoticeBanner


class SignatoryDialog(QDialog):
    saved = Signal(object)  # SignatoryItem

    def __init__(
        self,
        app: AppContext,
        signatory: docs.SignatoryItem | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Tambah penandatangan" if signatory is None else "Ubah penandatangan")
        self._app = app
        self.signatory = signatory
        self.name = self._line(120, "Nama lengkap dengan gelar, mis. Simon Soge, S.Sos.")
        self.position = self._line(200, "mis. Kepala Dinas Tenaga Kerja dan Transmigrasi")
        self.rank = self._line(80, "mis. Pembina Utama Muda (IV/c)")
        self.nip = self._line(24, "18 angka, mis. 19680101 199003 1 005")
        self.on_behalf_of = self._line(200, "Kosong bila menandatangani atas nama sendiri")
        self.authority = self._line(300, "mis. Keputusan … Nomor … tentang Pengangkatan …")
        self.delegation = self._line(300, "Kepala Dinas: Keputusan Bupati … tentang Pelimpahan …")
        self.office_address = self._line(200, "Kosong: alamat kantor dinas dari pengaturan")
        self.regional_head = QCheckBox(
            "Kepala daerah (Bupati/Wakil Bupati): kop Bupati, tanda tangan tanpa NIP", self
        )
        self.banner = NoticeBanner(self)
        self.rows = FieldRows(self, QGridLayout())
        self._lay_out()
        if signatory is not None:
            self._fill(signatory)
        self.regional_head.toggled.connect(self._follow_head)
        self._follow_head()

    def value(self) -> docs.SignatoryInput:
        return docs.SignatoryInput(
            name=self.name.text(),
            position=self.position.text(),
            rank=self.rank.text() or None,
            nip=self.nip.text() or None,
            on_behalf_of=self.on_behalf_of.text() or None,
            regional_head=self.regional_head.isChecked(),
            active=self.signatory.active if self.signatory else True,
            authority=self.authority.text() or None,
            delegation=self.delegation.text() or None,
            office_address=self.office_address.text() or None,
        )

    def accept(self) -> None:
        ctx, data, known = self._app.ctx, self.value(), self.signatory
        item = call_or_place(
            self,
            self.banner,
            under_fields(self.rows, self.banner),
            lambda: (
                docs.add_signatory(ctx, data)
                if known is None
                else docs.update_signatory(ctx, known.id, data)
            ),
        )
        if item is FAILED:
            return
        emit(self.saved, item)
        super().accept()

    def _line(self, limit: int, placeholder: str) -> QLineEdit:
        edit = QLineEdit(self)
        edit.setMaxLength(limit)
        edit.setPlaceholderText(placeholder)
        return edit

    def _fill(self, s: docs.SignatoryItem) -> None:
        self.name.setText(s.name)
        self.position.setText(s.position)
        self.rank.setText(s.rank or "")
        self.nip.setText(format_nip(s.nip) if s.nip else "")
        self.on_behalf_of.setText(s.on_behalf_of or "")
        self.regional_head.setChecked(s.regional_head)
        self.authority.setText(s.authority or "")
        self.delegation.setText(s.delegation or "")
        self.office_address.setText(s.office_address or "")

    def _follow_head(self) -> None:
        head = self.regional_head.isChecked()
        self.nip.setPlaceholderText(
            "Tidak wajib untuk kepala daerah" if head else "18 angka, mis. 19680101 199003 1 005"
        )

    def _lay_out(self) -> None:
        rows = self.rows
        rows.add("Nama", self.name, "name")
        rows.add("Jabatan", self.position, "position")
        rows.add("Pangkat/golongan", self.rank, "rank")
        rows.add("NIP", self.nip, "nip")
        rows.add("Atas nama (a.n.)", self.on_behalf_of, "on_behalf_of")
        rows.add_note(
            "Isi jabatan atasan bila pejabat ini menandatangani untuk atasannya, mis. "
            "“Bupati Timor Tengah Utara” → dicetak “a.n. BUPATI TIMOR TENGAH UTARA”.",
        )
        rows.add_widget(self.regional_head)
        rows.add("Dasar kewenangan", self.authority, "authority")
        rows.add("Pelimpahan kewenangan", self.delegation, "delegation")
        rows.add("Alamat kantor", self.office_address, "office_address")
        rows.add_note(
            "Untuk perjanjian kerja sama: dasar kewenangan pejabat menandatangani (SK "
            "pengangkatan, pasal undang-undang) dan, bagi Kepala Dinas, keputusan Bupati yang "
            "melimpahkan kewenangan itu. Perjanjian tidak dapat diterbitkan tanpanya.",
        )
        buttons = accept_buttons(self, "Simpan")
        layout = QVBoxLayout(self)
        layout.addLayout(rows.layout)
        layout.addWidget(self.banner)
        layout.addStretch(1)
        layout.addWidget(buttons)
        self.resize(640, 560)
