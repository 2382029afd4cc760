"""The workers behind a reconciliation difference, from BPJS's imported list of billed
participants: counted but not billed, billed but unknown, billed but not counted, twice."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from services.core.errors import NotFoundError, SiRentanError
from services.premiums import DIFFERENCE_LABELS, DifferenceRow, Drilldown, drilldown
from ui.gui.app_context import AppContext
from ui.gui.formats import thousands
from ui.gui.signals import emit
from ui.gui.tasks import Tasks
from ui.gui.widgets.choice_combo import ChoiceCombo
from ui.gui.widgets.notice_banner import NoticeBanner, Tone
from ui.gui.widgets.record_table import Column, RecordTableModel, RecordTableView

ROW_COLUMNS: list[Column[DifferenceRow]] = [
    Column("Selisih", lambda r: DIFFERENCE_LABELS[r.kind]),
    Column("Nama", lambda r: r.full_name or ""),
    Column("NIK", lambda r: r.nik or ""),
    Column("No. KPJ", lambda r: r.kpj or ""),
    Column("Kecamatan", lambda r: r.kecamatan_name or ""),
    Column("Desa/kelurahan", lambda r: r.village_name or ""),
    Column("Baris daftar BPJS", lambda r: str(r.list_row or ""), numeric=True),
    Column("Keterangan", lambda r: r.reason),
]


class DrilldownDialog(QDialog):
    def __init__(
        self, app: AppContext, bill_ids: tuple[int, ...], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Peserta di balik selisih tagihan")
        self._app = app
        self.tasks = Tasks(self)
        self.found: list[Drilldown] = []
        self.bill = ChoiceCombo(self)
        self.summary = QLabel("Membandingkan daftar BPJS dengan register…", self)
        self.summary.setWordWrap(True)
        self.banner = NoticeBanner(self)
        self.rows = RecordTableModel(ROW_COLUMNS, parent=self)
        self.table = RecordTableView(self.rows, self)
        self.table.setToolTip("Klik dua kali peserta yang terdaftar untuk membuka datanya")
        buttons = QDialogButtonBox(self)
        buttons.addButton("Tutup", QDialogButtonBox.ButtonRole.RejectRole)
        buttons.rejected.connect(self.reject)
        self.bill_label = QLabel("Tagihan:", self)
        top = QHBoxLayout()
        top.addWidget(self.bill_label)
        top.addWidget(self.bill, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.summary)
        layout.addWidget(self.banner)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
        self.resize(1240, 600)
        self.bill_label.setVisible(False)
        self.bill.setVisible(False)
        self.bill.currentIndexChanged.connect(self._show_chosen)
        self.table.activated.connect(self._open_worker)
        ctx, regions = app.ctx, app.regions

        def work() -> list[Drilldown]:
            found = []
            for bill_id in bill_ids:
                try:
                    found.append(drilldown(ctx, bill_id, regions))
                except NotFoundError:
                    continue  # no list imported for this bill of the month
            return found

        self.tasks.run(work, self._loaded, self._failed)

    def _loaded(self, found: list[Drilldown]) -> None:
        self.found = found
        self.bill.set_choices(
            [(f"{d.bill.bill_number} ({d.bill.month.label})", i) for i, d in enumerate(found)],
            None,
        )
        self.bill_label.setVisible(len(found) > 1)
        self.bill.setVisible(len(found) > 1)
        self._show_chosen()

    def _show_chosen(self, _index: int = 0) -> None:
        index = self.bill.value()
        if index is None or not self.found:
            self.summary.setText("Belum ada daftar BPJS yang diimpor untuk tagihan ini.")
            return
        found = self.found[index]
        self.summary.setText(
            f"Tagihan {found.bill.bill_number} ({found.bill.month.label}): register menghitung "
            f"{thousands(found.counted_workers)} peserta; daftar BPJS {thousands(found.list_rows)} "
            f"baris, {thousands(found.matched_rows)} cocok dengan register. {found.rule_text}\n"
            + (
                " · ".join(
                    f"{label}: {thousands(len(found.of(kind)))}"
                    for kind, label in DIFFERENCE_LABELS.items()
                    if found.of(kind)
                )
                or "Tidak ada selisih: daftar BPJS sama dengan yang dihitung register."
            )
        )
        self.rows.set_rows(found.rows)

    def _failed(self, error: SiRentanError) -> None:
        self.summary.clear()
        self.banner.show_message(error.message, Tone.ERROR)

    def _open_worker(self, index: QModelIndex) -> None:
        row = self.rows.record(index.row())
        if row is not None and row.worker_id is not None:
            emit(self._app.events.open_worker_requested, row.worker_id)
