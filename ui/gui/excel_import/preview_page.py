"""Step 3: what the import would do, row by row, before anything is written."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from models.enums import OnExisting
from services.excel_import import STATUS_LABELS, ImportResult, RowStatus
from ui.gui.excel_import.row_model import COLUMNS, REASONS, ImportRowModel, detail_text
from ui.gui.formats import thousands
from ui.gui.signals import emit
from ui.gui.widgets.notice_banner import NoticeBanner, Tone

ALL = "Semua"
HINT = (
    "Baris yang ditolak tidak disimpan: simpan laporan .xlsx, kirim ke desa untuk diperbaiki, "
    "lalu impor lagi berkas yang sudah diperbaiki."
)
_CHECKED = (
    "QPushButton:checked { background:#cfe0fa; border:1px solid #5b8fd9; border-radius:3px; "
    "color:#123a75; padding:3px 8px; }"
)
_WIDTHS = {"Baris": "99999", "NIK": "5303055207850001", "Nama": "MARGARETHA IMAKULATA TAOLIN BERE"}


def result_summary(result: ImportResult) -> str:
    sheet = f", lembar {result.sheet_name}" if result.sheet_name else ""
    counts = result.counts
    data = counts.new + counts.update + counts.warning + counts.rejected
    return (
        f"<b>{escape(result.file_name)}{escape(sheet)}</b>: {thousands(data)} baris data "
        f"diperiksa, <b>{thousands(result.to_write)} baris akan disimpan</b>. Belum ada yang "
        "disimpan."
    )


class PreviewPage(QWidget):
    on_existing_changed = Signal(object)  # OnExisting
    report_requested = Signal()
    approval_check_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.result: ImportResult | None = None
        self.summary = QLabel(self)
        self.filters = QButtonGroup(self)
        self.filter_buttons: dict[RowStatus | None, QPushButton] = {}
        self.skip_existing = QRadioButton("lewati (data terdaftar tetap)", self)
        self.update_existing = QRadioButton("perbarui dengan isi berkas", self)
        self.model = ImportRowModel(self)
        self.table = QTableView(self)
        self.detail = QPlainTextEdit(self)
        self.approval = NoticeBanner(self)
        self.check_approval_button = QPushButton("Periksa persetujuan", self)
        self.report_button = QPushButton("Simpan laporan .xlsx…", self)
        self._lay_out()
        self._connect()

    def show_result(self, result: ImportResult) -> None:
        self.result = result
        self.summary.setText(result_summary(result))
        counts = result.counts.as_dict()
        self.filter_buttons[None].setText(f"{ALL} ({thousands(len(result.rows))})")
        for status in RowStatus:
            self.filter_buttons[status].setText(
                f"{STATUS_LABELS[status]} ({thousands(counts[status.value])})"
            )
        chosen = (
            self.skip_existing
            if result.options.on_existing is OnExisting.SKIP
            else self.update_existing
        )
        chosen.setChecked(True)
        self.model.show_result(result.rows)
        self._show_selected()
        self._show_approval(result)

    def show_status(self, status: RowStatus | None) -> None:
        self.filter_buttons[status].setChecked(True)
        self.model.set_status(status)
        self._show_selected()

    def waiting_for_approval(self) -> bool:
        result = self.result
        return result is not None and result.needs_approval and not result.approved

    def _show_approval(self, result: ImportResult) -> None:
        waiting = self.waiting_for_approval()
        self.check_approval_button.setVisible(waiting)
        if waiting:
            self.approval.show_message(
                f"Impor ini akan menyimpan {thousands(result.to_write)} baris, lebih dari batas "
                f"{thousands(result.approval_threshold)} baris, sehingga perlu persetujuan "
                f"verifikator atau administrator sebelum disimpan. Pratinjau ini dicatat sebagai "
                f"impor #{result.batch_id}. Minta verifikator membuka bagian Impor dan menekan "
                "Setujui pada impor itu, lalu tekan Periksa persetujuan.",
                Tone.WARNING,
            )
        elif result.needs_approval:
            self.approval.show_message(
                f"Impor besar ini (#{result.batch_id}) sudah disetujui; dapat disimpan.", Tone.INFO
            )
        elif result.to_write == 0:
            self.approval.show_message("Tidak ada baris yang dapat disimpan.", Tone.WARNING)
        else:
            self.approval.clear_message()

    def _show_selected(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        row = self.model.record(rows[0].row()) if rows else None
        self.detail.setPlainText(detail_text(row) if row else "")

    def _lay_out(self) -> None:
        self.summary.setWordWrap(True)
        hint = QLabel(HINT, self)
        hint.setWordWrap(True)
        hint.setStyleSheet("color:#5f6368")
        filters = QHBoxLayout()
        filters.addWidget(QLabel("Tampilkan:", self))
        for status in (None, *RowStatus):
            button = QPushButton(self)
            button.setCheckable(True)
            button.setStyleSheet(_CHECKED)
            self.filters.addButton(button)
            self.filter_buttons[status] = button
            filters.addWidget(button)
        filters.addStretch(1)
        self.filter_buttons[None].setChecked(True)
        existing = QHBoxLayout()
        existing.addWidget(QLabel("NIK yang sudah terdaftar:", self))
        existing.addWidget(self.skip_existing)
        existing.addWidget(self.update_existing)
        existing.addStretch(1)
        existing.addWidget(self.report_button)
        self.skip_existing.setChecked(True)
        self.update_existing.setToolTip(
            "Data terdaftar diganti dengan isi berkas; perubahannya tercatat"
        )
        self.report_button.setToolTip(
            "Semua baris berkas dengan status dan keterangannya, yang ditolak paling atas, "
            "untuk dikirim kembali ke desa"
        )
        self._set_up_table()
        self.detail.setReadOnly(True)
        self.detail.setPlaceholderText("Pilih satu baris untuk melihat semua keterangannya.")
        split = QSplitter(Qt.Orientation.Vertical, self)
        split.addWidget(self.table)
        split.addWidget(self.detail)
        split.setStretchFactor(0, 4)
        split.setStretchFactor(1, 1)
        approval = QHBoxLayout()
        approval.addWidget(self.approval, 1)
        approval.addWidget(self.check_approval_button)
        self.check_approval_button.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.summary)
        layout.addWidget(hint)
        layout.addLayout(filters)
        layout.addLayout(existing)
        layout.addWidget(split, 1)
        layout.addLayout(approval)

    def _set_up_table(self) -> None:
        table = self.table
        table.setModel(self.model)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setAlternatingRowColors(True)
        table.setWordWrap(False)
        rows = table.verticalHeader()
        rows.hide()
        # Fixed heights: 15,000 rows are placed without measuring any.
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setDefaultSectionSize(table.fontMetrics().height() + 8)
        metrics = table.fontMetrics()
        for column, title in enumerate(COLUMNS[:REASONS]):
            sample = _WIDTHS.get(title, STATUS_LABELS[RowStatus.WARNING])
            table.setColumnWidth(column, metrics.horizontalAdvance(sample) + 16)
        header = table.horizontalHeader()
        header.setStretchLastSection(True)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)

    def _connect(self) -> None:
        for status, button in self.filter_buttons.items():
            button.clicked.connect(lambda _c=False, s=status: self.show_status(s))
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._show_selected())
        self.skip_existing.toggled.connect(self._existing_toggled)
        self.report_button.clicked.connect(lambda: emit(self.report_requested))
        self.check_approval_button.clicked.connect(lambda: emit(self.approval_check_requested))

    def _existing_toggled(self, skip: bool) -> None:
        # Only the clerk's clicks count: show_result sets the buttons to the run's choice.
        if self.result is None or self.signalsBlocked():
            return
        choice = OnExisting.SKIP if skip else OnExisting.UPDATE
        if choice is not self.result.options.on_existing:
            emit(self.on_existing_changed, choice)
