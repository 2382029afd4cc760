"""Step 1: which file, which sheet, and where the column headers are."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from services.excel_import import SourceTable
from ui.gui.excel_import.grid_preview import ROWS_SHOWN, GridPreviewModel, cell_text
from ui.gui.formats import thousands
from ui.gui.signals import emit
from ui.gui.widgets.choice_combo import ChoiceCombo

_MIN_COLUMN = 48
_MAX_COLUMN = 320
FILE_FILTER = "Daftar peserta (*.xlsx *.csv);;Buku kerja Excel (*.xlsx);;CSV (*.csv)"


def ask_import_path(parent: QWidget, start: Path) -> Path | None:
    """The clerk's file, chosen in Qt's own dialog (the same on every workstation)."""
    dialog = QFileDialog(parent, "Pilih berkas daftar peserta", str(start), FILE_FILTER)
    dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptOpen)
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
    if not dialog.exec() or not dialog.selectedFiles():
        return None
    return Path(dialog.selectedFiles()[0])


class FilePage(QWidget):
    browse_requested = Signal()
    sheet_chosen = Signal(str)
    header_row_chosen = Signal(int)  # 0-based grid index

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.path = QLineEdit(self)
        self.browse_button = QPushButton("Pilih berkas…", self)
        self.summary = QLabel(self)
        self.sheet_label = QLabel("Lembar kerja:", self)
        self.sheet = ChoiceCombo(self)
        self.header_row = QSpinBox(self)
        self.placement = QWidget(self)  # sheet and header row: shown once a file is read
        self.grid_model = GridPreviewModel()
        self.grid = QTableView(self)
        self._lay_out()
        self._connect()
        self.show_source(None)

    def show_source(self, source: SourceTable | None) -> None:
        self.grid_model.set_source(source)
        self.placement.setVisible(source is not None)
        self.grid.setEnabled(source is not None)
        if source is None:
            self.sheet_label.hide()
            self.sheet.hide()
            self.summary.setText(
                "Pilih berkas Excel (.xlsx) atau CSV berisi daftar pekerja rentan. Baris judul "
                "di atas daftar, baris JUMLAH dan tanda tangan di bawahnya boleh tetap ada."
            )
            return
        self.path.setText(str(source.path))
        several = len(source.sheet_names) > 1
        self.sheet_label.setVisible(several)
        self.sheet.setVisible(several)
        self.sheet.blockSignals(True)
        self.sheet.set_choices([(n, n) for n in source.sheet_names], None)
        self.sheet.set_value(source.sheet_name)
        self.sheet.blockSignals(False)
        self.header_row.blockSignals(True)
        self.header_row.setRange(1, max(1, min(len(source.grid), ROWS_SHOWN)))
        self.header_row.setValue(source.header_row + 1)
        self.header_row.blockSignals(False)
        data_rows = max(0, len(source.grid) - source.data_start)
        self.summary.setText(
            f"Judul kolom ditemukan di baris {source.header_row + 1} (ditandai biru); "
            f"{thousands(data_rows)} baris di bawahnya akan diperiksa. Bila judul kolom ada "
            "di baris lain, ubah nomor barisnya."
        )
        self._fit_grid(source)
        self.grid.scrollTo(self.grid_model.index(source.header_row, 0))

    def _fit_grid(self, source: SourceTable) -> None:
        """Columns as wide as the header and the list need; title rows run across, as in Excel."""
        self.grid.clearSpans()
        metrics = self.grid.fontMetrics()
        shown = source.grid[: self.grid_model.rowCount()]
        for column in range(source.width):
            texts = [cell_text(r[column]) for r in shown[source.header_row :] if column < len(r)]
            widest = max((metrics.horizontalAdvance(t) for t in texts), default=0)
            self.grid.setColumnWidth(column, min(_MAX_COLUMN, max(_MIN_COLUMN, widest + 24)))
        for row, cells in enumerate(shown[: source.header_row]):
            if source.width > 1 and not any(cell_text(c) for c in cells[1:]):
                self.grid.setSpan(row, 0, 1, source.width)

    def _lay_out(self) -> None:
        self.path.setReadOnly(True)
        self.path.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        self.path.setPlaceholderText("Belum ada berkas dipilih")
        self.summary.setWordWrap(True)
        self.sheet.setMinimumContentsLength(24)
        self.sheet.setToolTip("Berkas ini punya beberapa lembar; pilih lembar berisi daftar")
        self.header_row.setToolTip("Nomor baris Excel yang berisi judul kolom (NIK, Nama, …)")
        self.grid.setModel(self.grid_model)
        self.grid.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.grid.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.grid.setWordWrap(False)
        self.grid.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        chooser = QHBoxLayout()
        chooser.addWidget(QLabel("Berkas:", self))
        chooser.addWidget(self.path, 1)
        chooser.addWidget(self.browse_button)
        where = QHBoxLayout(self.placement)
        where.setContentsMargins(0, 0, 0, 0)
        where.addWidget(QLabel("Judul kolom ada di baris:", self))
        where.addWidget(self.header_row)
        where.addSpacing(24)
        where.addWidget(self.sheet_label)
        where.addWidget(self.sheet)
        where.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(chooser)
        layout.addWidget(self.summary)
        layout.addWidget(self.placement)
        layout.addWidget(self.grid, 1)

    def _connect(self) -> None:
        self.browse_button.clicked.connect(lambda: emit(self.browse_requested))
        self.sheet.activated.connect(lambda _i: emit(self.sheet_chosen, self.sheet.value()))
        self.header_row.valueChanged.connect(lambda n: emit(self.header_row_chosen, n - 1))
