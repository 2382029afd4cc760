"""Beranda: the register at a glance, the first screen after sign-in.

The window paints first: the panel is a few labels until the figures arrive from a
background job (services.reports.dashboard, SQL aggregates only; its imports happen
there too), and Qt Charts is loaded only then. The figures are read again each time
Beranda is shown (the old ones stay on screen meanwhile), when a worker is saved while it
is shown, and with "Muat ulang".
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QPaintEvent, QShowEvent
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from models.enums import Gender
from services.core.errors import SiRentanError
from services.workers.types import AgeBand
from ui.gui.app_context import AppContext
from ui.gui.dashboard.tiles import TileBoard
from ui.gui.formats import moment_text
from ui.gui.signals import emit
from ui.gui.tasks import Tasks
from ui.gui.widgets.notice_banner import NoticeBanner, Tone

if TYPE_CHECKING:
    from services.reports.dashboard import Dashboard
    from ui.gui.dashboard.charts import DashboardCharts

LOADING = "Memuat angka…"


class DashboardPanel(QWidget):
    def __init__(self, app: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._app = app
        self.tasks = Tasks(self)
        self.figures: Dashboard | None = None
        self.loaded_at: datetime | None = None
        self.charts: DashboardCharts | None = None
        self.charts_behind = False  # figures arrived while hidden: charts drawn on show
        self.loading = False
        self._reload_after_paint = False
        self.stamp = QLabel(LOADING, self)
        self.reload_button = QPushButton("Muat ulang", self)
        self.banner = NoticeBanner(self)
        self.tiles = TileBoard(self)
        self.notes = QLabel(self)
        self._page = QWidget(self)
        self._lay_out()
        self.reload_button.clicked.connect(self.reload)
        app.events.workers_changed.connect(self._worker_saved)

    def reload(self) -> None:
        """Read the figures again in the background; the screen keeps the old ones meanwhile."""
        if self.loading:
            return
        self.loading = True
        self.reload_button.setEnabled(False)
        self.stamp.setText(LOADING)
        ctx, regions = self._app.ctx, self._app.regions

        def work() -> Dashboard:
            # Imported here, off the GUI thread: the report services are heavy to import.
            from services.reports.dashboard import dashboard

            return dashboard(ctx, regions=regions)

        self.tasks.run(work, self._show, self._failed, settle=self._settled)

    def open_workers(self, kind: str, key: str, label: str) -> None:
        """The worker list, filtered to a clicked bar's workers covered on the figures' day."""
        if kind == "kecamatan":
            self._open_worker_list(kecamatan_code=key)
        else:
            self._open_worker_list(occupation=(key, label))

    def open_gender_age(self, gender: str, band: int) -> None:
        """The worker list of one gender and age bar, ages counted on the figures' day."""
        self._open_worker_list(gender=Gender(gender), band=band)

    # -- internals ----------------------------------------------------------------------

    def _open_worker_list(
        self,
        kecamatan_code: str | None = None,
        occupation: tuple[str, str] | None = None,
        gender: Gender | None = None,
        band: int | None = None,
    ) -> None:
        from ui.gui.worker_list.worker_filter_bar import DrillDown

        # The bars counted workers covered, and of an age, on the figures' day.
        today = self._app.office_today()
        day = self.figures.today if self.figures else today
        age = AgeBand(band, day) if band is not None else None
        drill = DrillDown(occupation, covered_on=day, gender=gender, age_band=age, today=today)
        # The main window shows the list; the dashboard only says which workers.
        emit(self._app.events.worker_list_drill_requested, drill, kecamatan_code)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self.charts_behind and self.figures is not None:
            self.charts_behind = False
            self._charts().show_board(self.figures)
        # After this paint: the figures never hold up the window.
        self._reload_after_paint = True

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if self._reload_after_paint:
            self._reload_after_paint = False
            QTimer.singleShot(0, self, self._reload_if_shown)

    def _reload_if_shown(self) -> None:
        # A clerk who went straight on to another section: the figures wait for the next
        # show instead of taking the processor from the screen being opened.
        if self.isVisible():
            self.reload()

    def _worker_saved(self, _worker_id: int = 0) -> None:
        if self.isVisible():
            self.reload()

    def _show(self, board: Dashboard) -> None:
        self.loading = False
        self.reload_button.setEnabled(True)
        self.banner.clear_message()
        self.figures = board
        self.loaded_at = datetime.now(self._app.office_zone())  # the office's clock
        self.stamp.setText(f"Angka per {moment_text(self.loaded_at)}")
        self.tiles.show_board(board)
        # The charts (Qt Charts: about 0.1 s to load and lay out, on the GUI thread) wait
        # until Beranda is on screen, so a clerk who went straight on to Peserta is not
        # held up by them while the first rows arrive.
        self.charts_behind = not self.isVisible()
        if not self.charts_behind:
            self._charts().show_board(board)
        notes = [
            "Peserta terlindungi: punya periode kepesertaan yang mencakup hari ini.",
            "Garis iuran mengikuti aturan tengah bulan yang tertulis pada kotak Iuran bulan ini.",
        ]
        if board.scope_note:
            notes.insert(0, board.scope_note)
        self.notes.setText(" ".join(notes))

    def _failed(self, error: SiRentanError) -> None:
        self._settled()
        self.stamp.setText("Angka belum dapat dimuat")
        self.banner.show_message(
            f"{error.message} Tekan Muat ulang untuk mencoba lagi.", Tone.ERROR
        )

    def _settled(self) -> None:
        self.loading = False
        self.reload_button.setEnabled(True)

    def _charts(self) -> DashboardCharts:
        if self.charts is None:
            from ui.gui.dashboard.charts import DashboardCharts

            self.charts = DashboardCharts(self._page)
            self.charts.bar_chosen.connect(self.open_workers)
            self.charts.gender_age_chosen.connect(self.open_gender_age)
            layout = self._page.layout()
            assert isinstance(layout, QVBoxLayout)
            layout.insertWidget(layout.indexOf(self.notes), self.charts)
        return self.charts

    def _lay_out(self) -> None:
        title = QLabel("Beranda", self)
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        title.setFont(font)
        self.stamp.setStyleSheet("color: #4a5560;")
        self.reload_button.setToolTip("Baca angka terbaru dari basis data")
        self.notes.setWordWrap(True)
        self.notes.setStyleSheet("color: #4a5560;")
        top = QHBoxLayout()
        top.addWidget(title)
        top.addSpacing(12)
        top.addWidget(self.stamp)
        top.addStretch(1)
        top.addWidget(self.reload_button)
        page = QVBoxLayout(self._page)
        page.setContentsMargins(0, 0, 4, 0)
        page.setSpacing(8)
        page.addWidget(self.tiles)
        page.addWidget(self.notes)
        page.addStretch(1)
        scroll = QScrollArea(self)
        scroll.setWidget(self._page)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 4, 8, 8)
        layout.addLayout(top)
        layout.addWidget(self.banner)
        layout.addWidget(scroll, 1)
