"""Dokumen: the checklist of papers for this claim. Tick what the family brought, note the
date and anything odd, attach a scan (stored in the database) and open it again, print
what is still missing for the family to take home."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import (
    QCheckBox,
    QFileDialog,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from services import claims
from services.claims import ClaimDetail, DocumentItem, DocumentUpdate
from services.core.errors import SiRentanError
from services.core.permissions import Permission
from ui.gui.claims.claim_keeper import ClaimKeeper
from ui.gui.claims.claim_table import stretch_column
from ui.gui.claims.document_table import DocumentTableModel, scan_text
from ui.gui.claims.scan_files import ScanFolder, open_with_system, scan_file_dialog
from ui.gui.claims.slip_dialog import SlipDialog
from ui.gui.formats import moment_text
from ui.gui.widgets.date_field import DateField
from ui.gui.widgets.notice_banner import NoticeBanner, Tone
from ui.gui.widgets.record_table import RecordTableView

Opener = Callable[[Path], bool]


class DocumentsTab(QWidget):
    def __init__(self, keeper: ClaimKeeper, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._keeper = keeper
        self.model = DocumentTableModel(self)
        self.table = RecordTableView(self.model, self)
        self.summary = QLabel(self)
        self.banner = NoticeBanner(self)
        self.slip_button = QPushButton("Cetak daftar kekurangan…", self)
        self.editor = QGroupBox("Dokumen terpilih", self)
        self.item_label = QLabel(self)
        self.received = QCheckBox("Sudah diterima (asli diperiksa)", self)
        self.received_on = DateField(self)
        self.note = QLineEdit(self)
        self.note.setPlaceholderText("mis. fotokopi saja, nama di KK berbeda ejaan")
        self.save_button = QPushButton("Simpan dokumen", self)
        self.scan_label = QLabel(self)
        self.attach_button = QPushButton("Lampirkan pindaian…", self)
        self.open_button = QPushButton("Buka pindaian", self)
        self.remove_scan_button = QPushButton("Hapus pindaian", self)
        # Tests answer these instead of the system's viewer.
        self.open_file: Opener = open_with_system
        self.scans = ScanFolder()
        self.opened: list[Path] = []
        self._lay_out()
        self._connect()
        self._show_item(None)

    def show_detail(self, detail: ClaimDetail) -> None:
        keep = self.current_item()
        self.model.editable = self._keeper.editable
        # What this claim needs first; the papers of other cases (greyed) below.
        self.model.set_rows(sorted(detail.documents, key=lambda d: not d.applicable))
        missing = detail.missing_documents
        required = [d for d in detail.documents if d.applicable and d.required]
        if missing:
            self.summary.setText(
                f"<b>Belum diterima: {len(missing)} dari {len(required)} dokumen wajib.</b> "
                "Centang dokumen yang sudah dibawa keluarga."
            )
        else:
            self.summary.setText(f"✔ Semua {len(required)} dokumen wajib sudah diterima.")
        self.slip_button.setVisible(self._keeper.app.can(Permission.CLAIMS))
        self.slip_button.setEnabled(bool(missing))
        codes = [d.item_code for d in self.model.rows()]
        row = codes.index(keep.item_code) if keep and keep.item_code in codes else None
        if row is not None:
            self.table.selectRow(row)
        self._show_item(self.current_item())

    def current_item(self) -> DocumentItem | None:
        row = self.table.selected_row()
        return self.model.record(row) if row is not None else None

    def select(self, item_code: str) -> None:
        codes = [d.item_code for d in self.model.rows()]
        self.table.selectRow(codes.index(item_code))

    # -- received, date, note -------------------------------------------------------------

    def save_item(self) -> bool:
        item = self.current_item()
        if item is None:
            return False
        problem = self.received_on.problem("received_on", "Tanggal terima")
        if problem is not None:
            self.banner.show_message(problem.text, Tone.ERROR)
            return False
        update = DocumentUpdate(
            item.item_code,
            self.received.isChecked(),
            self.received_on.value(),
            self.note.text().strip() or None,
        )
        return self._update(update)

    def _toggled(self, row: int, received: bool) -> None:
        item = self.model.record(row)
        if item is None:
            return
        self.table.selectRow(row)
        # The date stays when it was already received; a new tick means today.
        day = item.received_on if received else None
        self._update(DocumentUpdate(item.item_code, received, day, item.note))

    def _update(self, update: DocumentUpdate) -> bool:
        return self._keeper.try_store(
            lambda ctx, d: claims.update_document(ctx, d.id, update), self.banner
        )

    # -- scans ------------------------------------------------------------------------------

    def choose_scan(self) -> QFileDialog | None:
        """Qt's file dialog; the chosen file is attached when the clerk presses Lampirkan."""
        item = self.current_item()
        if item is None:
            return None
        dialog = scan_file_dialog(self)
        dialog.fileSelected.connect(lambda name: self.attach_scan(item.item_code, Path(name)))
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        return dialog

    def attach_scan(self, item_code: str, path: Path) -> bool:
        """Read the file and store it, in the background (a scan may be megabytes)."""
        self._set_busy(True, f"Menyimpan pindaian {path.name}…")
        started = self._keeper.store_later(
            lambda ctx, d: claims.attach_scan(ctx, d.id, item_code, path.name, _read(path)),
            self.banner,
            lambda: self._set_busy(False),
        )
        if not started:
            self._set_busy(False)
        return started

    def open_scan(self) -> bool:
        item = self.current_item()
        detail = self._keeper.detail
        if item is None or item.attachment is None or detail is None:
            return False
        ctx, claim_id, code = self._keeper.app.ctx, detail.id, item.item_code
        self._set_busy(True, "Membuka pindaian…")
        self._keeper.tasks.run(
            lambda: self.scans.write(claims.open_scan(ctx, claim_id, code)),
            self._scan_written,
            self.banner,
            settle=lambda: self._set_busy(False),
        )
        return True

    def remove_scan(self) -> bool:
        item = self.current_item()
        if item is None or item.attachment is None:
            return False
        box = QMessageBox(
            QMessageBox.Icon.Question,
            "Hapus pindaian",
            f"Hapus pindaian '{item.label}' dari basis data? Dokumen kertasnya tidak berubah.",
            parent=self,
        )
        remove = box.addButton("Hapus", QMessageBox.ButtonRole.AcceptRole)
        box.addButton("Batal", QMessageBox.ButtonRole.RejectRole)
        box.exec()
        if box.clickedButton() is not remove:
            return False
        code = item.item_code
        return self._keeper.try_store(
            lambda ctx, d: claims.remove_scan(ctx, d.id, code), self.banner
        )

    def _scan_written(self, path: Path) -> None:
        self._set_busy(False)
        self.opened.append(path)
        if not self.open_file(path):
            self.banner.show_message(
                f"Tidak ada aplikasi untuk membuka {path.name}. Pasang pembaca PDF atau "
                "penampil gambar, lalu coba lagi.",
                Tone.WARNING,
            )

    # -- the slip ---------------------------------------------------------------------------

    def print_slip(self) -> SlipDialog | None:
        detail = self._keeper.detail
        if detail is None:
            return None
        dialog = SlipDialog(self._keeper.app, detail, self)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        dialog.draw_slip()
        return dialog

    def cleanup(self) -> None:
        self.scans.cleanup()

    # -- internals --------------------------------------------------------------------------

    def _show_item(self, item: DocumentItem | None) -> None:
        editable = self._keeper.editable and item is not None
        busy = self._keeper.busy
        self.editor.setEnabled(item is not None)
        if item is None:
            self.item_label.setText(
                "Pilih satu dokumen di daftar untuk mengisi tanggal, catatan atau pindaiannya."
            )
            self.scan_label.clear()
        else:
            hint = f"<br><span style='color:#5f6368'>{item.hint}</span>" if item.hint else ""
            self.item_label.setText(f"<b>{item.label}</b>{hint}")
            self.received.setChecked(item.received)
            self.received_on.set_value(item.received_on)
            self.note.setText(item.note or "")
            scan = item.attachment
            attached = scan.attached_at if scan else None
            detail = self._keeper.detail
            zone = detail.zone if detail is not None else None
            when = f", dilampirkan {moment_text(attached, zone)}" if attached else ""
            self.scan_label.setText(
                f"Pindaian: {scan_text(scan)}{when}" if scan else "Pindaian: belum ada"
            )
        for widget in (self.received, self.received_on, self.note, self.save_button):
            widget.setEnabled(editable)
        has_scan = item is not None and item.attachment is not None
        self.attach_button.setVisible(self._keeper.editable)
        self.remove_scan_button.setVisible(self._keeper.editable)
        self.attach_button.setEnabled(editable and not busy)
        self.remove_scan_button.setEnabled(editable and has_scan and not busy)
        self.open_button.setVisible(self._keeper.app.can(Permission.SEE_FULL_IDENTITY))
        self.open_button.setEnabled(has_scan and not busy)

    def _set_busy(self, busy: bool, text: str = "") -> None:
        if busy:
            self.banner.show_message(text, Tone.INFO)
        elif self.banner.tone is Tone.INFO:
            self.banner.clear_message()
        self._show_item(self.current_item())

    def _lay_out(self) -> None:
        for button in (
            self.slip_button, self.save_button, self.attach_button, self.open_button,
            self.remove_scan_button,
        ):  # fmt: skip
            button.setAutoDefault(False)
        self.slip_button.setToolTip(
            "Satu halaman untuk keluarga: dokumen yang masih harus dibawa (PDF, dapat dicetak)"
        )
        stretch_column(self.table, 1)
        self.item_label.setWordWrap(True)
        self.summary.setWordWrap(True)
        self.received_on.setToolTip("Kosong: hari ini. Ketik hh-bb-tttt.")
        grid = QGridLayout(self.editor)
        grid.setColumnStretch(3, 1)
        grid.addWidget(self.item_label, 0, 0, 1, 5)
        grid.addWidget(self.received, 1, 0)
        grid.addWidget(QLabel("Tanggal terima:", self.editor), 1, 1)
        grid.addWidget(self.received_on, 1, 2)
        grid.addWidget(self.note, 1, 3)
        grid.addWidget(self.save_button, 1, 4)
        scans = QHBoxLayout()
        scans.addWidget(self.scan_label, 1)
        scans.addWidget(self.attach_button)
        scans.addWidget(self.open_button)
        scans.addWidget(self.remove_scan_button)
        grid.addLayout(scans, 2, 0, 1, 5)
        top = QHBoxLayout()
        top.addWidget(self.summary, 1)
        top.addWidget(self.slip_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.banner)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.editor)

    def _connect(self) -> None:
        self.model.toggled.connect(self._toggled)
        self.table.selectionModel().selectionChanged.connect(
            lambda *_: self._show_item(self.current_item())
        )
        self.save_button.clicked.connect(self.save_item)
        self.attach_button.clicked.connect(self.choose_scan)
        self.open_button.clicked.connect(self.open_scan)
        self.remove_scan_button.clicked.connect(self.remove_scan)
        self.slip_button.clicked.connect(self.print_slip)


def _read(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as error:
        raise SiRentanError(
            f"Berkas {path.name} tidak dapat dibaca: {error.strerror or error}. Periksa "
            "berkasnya, lalu lampirkan lagi."
        ) from error
