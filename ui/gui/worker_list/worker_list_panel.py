"""Peserta: find a worker among thousands, then open or add one."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from services.core.permissions import Permission
from services.workers.types import WorkerQuery
from ui.gui.app_context import AppContext
from ui.gui.excel_export.export_button import WorkerExportButton
from ui.gui.formats import count_label
from ui.gui.signals import emit
from ui.gui.tasks import Tasks
from ui.gui.widgets.flow_layout import FlowLayout, spacer
from ui.gui.widgets.notice_banner import NoticeBanner, Tone
from ui.gui.worker_list.worker_filter_bar import DrillDown, WorkerFilterBar
from ui.gui.worker_list.worker_table_model import WorkerTableModel
from ui.gui.worker_list.worker_table_view import WorkerTableView

COUNT_ALL = "Hitung semua"
COUNTING = "Menghitung…"


class WorkerListPanel(QWidget):
    def __init__(self, app: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._app = app
        self.tasks = Tasks(self)
        self.model = WorkerTableModel(app.workers, parent=self, tasks=self.tasks)
        self.filters = WorkerFilterBar(app.regions, self)
        self.table = WorkerTableView(self.model, self)
        self.count = QLabel(self)
        # Beside "lebih dari 5.000 peserta": the exact count, asked for (it can take a while).
        self.count_all_button = QPushButton(COUNT_ALL, self)
        self.banner = NoticeBanner(self)
        self.add_button = QPushButton("Tambah peserta", self)
        self.open_button = QPushButton("Buka", self)
        self.print_button = QPushButton("Cetak kartu…", self)
        self.export = WorkerExportButton(
            app, self._export_query, lambda: self.count.text(), self.banner, self
        )
        self._lay_out()
        self._connect()
        self.model.reload()

    # -- actions ------------------------------------------------------------------

    def reload(self, keep_worker: int | None = None) -> None:
        """Query again (after a save elsewhere) and keep the same worker selected."""
        keep = keep_worker if keep_worker is not None else self.selected_worker_id()
        self.model.reload()
        row = self.model.row_of(keep) if keep is not None else None
        if row is not None:
            self.table.select_row(row)

    def selected_worker_id(self) -> int | None:
        row = self.table.current_row()
        worker = self.model.worker_at(row) if row is not None else None
        return worker.id if worker else None

    def open_selected(self) -> None:
        worker_id = self.selected_worker_id()
        if worker_id is not None:
            emit(self._app.events.open_worker_requested, worker_id)

    def add_worker(self) -> None:
        emit(self._app.events.open_worker_requested, None)

    def count_all(self) -> None:
        """ "Hitung semua": the exact number of a search that counted only up to its cap."""
        self.model.count_all()

    def search_for(self, text: str) -> None:
        """Search the list for this text now (a name from the front desk), results focused."""
        self.filters.search.setText(text)
        self.filters.flush()
        self._focus_results()

    def show_filtered(self, drill: DrillDown, kecamatan_code: str | None = None) -> None:
        """The workers behind a dashboard bar: a kecamatan, an occupation or a gender and
        age band, covered on a day; every other filter is cleared."""
        self.filters.set_filters(drill, kecamatan_code)

    def selected_worker_ids(self) -> tuple[int, ...]:
        """The selected workers whose rows are loaded, in the list's order."""
        rows = sorted(index.row() for index in self.table.selectionModel().selectedRows())
        workers = (self.model.worker_at(row) for row in rows)
        return tuple(worker.id for worker in workers if worker is not None)

    def print_cards(self) -> QWidget:
        """The print dialog for the selected workers, or else for the region filtered."""
        from ui.gui.cards.cards_panel import open_print_dialog

        query = self.filters.query()
        dialog = open_print_dialog(
            self._app, self, self.selected_worker_ids(), query.kecamatan_code, query.village_code
        )
        dialog.recorded.connect(lambda _result: self.reload())
        return dialog

    # -- internals ----------------------------------------------------------------

    def _lay_out(self) -> None:
        title = QLabel("Daftar peserta", self)
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        title.setFont(font)
        # Looks like a link in the sentence it follows; a button, so Tab and Space reach it.
        self.count_all_button.setFlat(True)
        self.count_all_button.setCursor(Qt.CursorShape.PointingHandCursor)
        link = self.count_all_button.font()
        link.setUnderline(True)
        self.count_all_button.setFont(link)
        palette = self.count_all_button.palette()
        palette.setColor(QPalette.ColorRole.ButtonText, palette.color(QPalette.ColorRole.Link))
        self.count_all_button.setPalette(palette)
        self.count_all_button.setToolTip(
            "Pencarian ini hanya dihitung sampai batasnya agar daftar cepat tampil; "
            "klik untuk menghitung jumlah tepat peserta yang cocok"
        )
        self.count_all_button.hide()
        self.add_button.setDefault(False)
        self.add_button.setToolTip("Daftarkan pekerja rentan baru (Ctrl+N)")
        self.add_button.setShortcut("Ctrl+N")
        # Pengamat and verifikator read the register; only editors are offered to add.
        self.add_button.setVisible(self._app.can(Permission.EDIT_WORKERS))
        self.open_button.setToolTip("Buka data peserta yang dipilih (Enter atau klik dua kali)")
        self.open_button.setEnabled(False)
        self.print_button.setToolTip(
            "Cetak kartu peserta yang dipilih (Ctrl/Shift+klik untuk memilih beberapa), "
            "atau desa/kecamatan yang disaring"
        )
        self.print_button.setVisible(self._app.can(Permission.PRINT_CARDS))
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        # Wraps on a narrow screen: the buttons move under the title instead of off-screen.
        top = FlowLayout()
        top.addWidget(title)
        top.addWidget(self.count)
        top.addWidget(self.count_all_button)
        top.addWidget(self.filters.drill_chip)
        top.addWidget(spacer(self))
        top.addWidget(self.export)
        top.addWidget(self.print_button)
        top.addWidget(self.open_button)
        top.addWidget(self.add_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 4, 8, 8)
        layout.addLayout(top)
        layout.addWidget(self.filters)
        layout.addWidget(self.banner)
        layout.addWidget(self.table, 1)

    def _connect(self) -> None:
        self.filters.changed.connect(self._apply_filters)
        self.filters.submitted.connect(self._focus_results)
        self.model.total_changed.connect(self._show_total)
        self.model.load_failed.connect(lambda text: self.banner.show_message(text, Tone.ERROR))
        self.model.load_failed.connect(self._show_count_all)
        self.model.counting.connect(self._show_count_all)
        self.count_all_button.clicked.connect(self.count_all)
        self.model.modelReset.connect(lambda: self.open_button.setEnabled(False))
        self.table.activated.connect(self._open_index)
        self.table.selectionModel().selectionChanged.connect(
            lambda *_: self.open_button.setEnabled(self.selected_worker_id() is not None)
        )
        self.open_button.clicked.connect(self.open_selected)
        self.add_button.clicked.connect(self.add_worker)
        self.print_button.clicked.connect(self.print_cards)
        self._app.events.workers_changed.connect(self.reload)

    def _apply_filters(self) -> None:
        self.banner.clear_message()
        self.model.set_query(self.filters.query())

    def _export_query(self) -> WorkerQuery:
        """The search the list shows, with a search still being typed applied first."""
        self.filters.flush()
        return self.filters.query()

    def _show_total(self, total: int) -> None:
        searching = self.filters.query() != WorkerQuery()
        if total == 0 and searching:
            self.count.setText("Tidak ada peserta yang cocok dengan pencarian ini")
        elif not self.model.total_exact:
            # The search stopped counting at its cap: "Hitung semua", or scrolling to the
            # end, counts the rest.
            self.count.setText(f"lebih dari {count_label(total - 1)}")
        else:
            self.count.setText(count_label(total))
        self._show_count_all()

    def _show_count_all(self) -> None:
        button = self.count_all_button
        capped = not self.model.total_exact and self.model.total > 0
        if not capped and button.hasFocus():
            # Counted: the clerk's keyboard goes on to the rows just counted.
            self.table.setFocus(Qt.FocusReason.OtherFocusReason)
        button.setVisible(capped)
        button.setText(COUNTING if self.model.is_counting else COUNT_ALL)

    def _focus_results(self) -> None:
        # Enter with exactly one match opens it: the front desk's usual case.
        if self.model.total == 1 and self.model.total_exact:
            self.table.select_row(0)
            self.open_selected()
            return
        if self.model.total:
            self.table.setFocus(Qt.FocusReason.ShortcutFocusReason)
            self.table.select_row(0)

    def _open_index(self, index: QModelIndex) -> None:
        worker = self.model.worker_at(index.row())
        if worker is not None:
            emit(self._app.events.open_worker_requested, worker.id)
