"""A PDF shown inside the app (Qt's PDF viewer): all pages one under another, with zoom."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QFile, QIODevice, Qt
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from services.core.errors import SiRentanError
from ui.gui.widgets.flow_layout import FlowLayout, spacer

ZOOM_STEP = 1.25
POINTS_PER_INCH = 72
MIN_ZOOM, MAX_ZOOM = 0.25, 6.0


class PdfViewer(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document = QPdfDocument(self)
        self.view = QPdfView(self)
        self.view.setDocument(self.document)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.view.setPageSpacing(12)
        self.view.setStyleSheet("QPdfView { background: #8a8f96; }")
        self.pages = QLabel(self)
        self.zoom_out_button = QPushButton("−", self)
        self.zoom_label = QLabel(self)
        self.zoom_in_button = QPushButton("+", self)
        self.fit_width_button = QPushButton("Lebar halaman", self)
        self.fit_page_button = QPushButton("Satu halaman utuh", self)
        self.path: Path | None = None
        self._file: QFile | None = None
        # How a newly loaded document is shown.
        self.initial_zoom = QPdfView.ZoomMode.FitToWidth
        self._lay_out()
        self._connect()
        self._show_zoom()

    def load(self, path: Path) -> None:
        """Show the PDF at `path`; a file Qt cannot read is said in Indonesian."""
        self.close_document()
        # Through a file of our own: QPdfDocument.close() keeps a file it opened itself
        # open until the next load, and Windows cannot delete an open file, so the
        # preview folders (names, NIKs) stayed behind in %TEMP%.
        file = QFile(str(path), self.document)
        if not file.open(QIODevice.OpenModeFlag.ReadOnly):
            file.deleteLater()
            raise SiRentanError(
                f"Berkas PDF {path.name} tidak dapat dibuka untuk pratinjau ({file.errorString()})."
            )
        self._file = file
        self.document.load(file)  # a file on disk loads at once
        error = self.document.error()
        if error != QPdfDocument.Error.None_:
            self.close_document()
            raise SiRentanError(
                f"Berkas PDF {path.name} tidak dapat dibuka untuk pratinjau ({error.name})."
            )
        self.path = path
        self.pages.setText(f"{self.document.pageCount()} halaman")
        self.view.setZoomMode(self.initial_zoom)
        self._show_zoom()

    def close_document(self) -> None:
        """Let go of the file (Windows cannot delete a file that is still open)."""
        self.document.close()
        if self._file is not None:
            self._file.close()
            self._file.deleteLater()
            self._file = None
        self.path = None
        self.pages.clear()

    @property
    def page_count(self) -> int:
        return self.document.pageCount()

    def zoom_in(self) -> None:
        self._set_zoom(self.effective_zoom() * ZOOM_STEP)

    def zoom_out(self) -> None:
        self._set_zoom(self.effective_zoom() / ZOOM_STEP)

    def effective_zoom(self) -> float:
        """The zoom the clerk sees; in the fit modes QPdfView keeps its factor at 1."""
        mode = self.view.zoomMode()
        if mode == QPdfView.ZoomMode.Custom or self.document.pageCount() == 0:
            return self.view.zoomFactor()
        # As QPdfView lays pages out: points at the screen's logical dpi, inside the margins.
        page = self.document.pagePointSize(0) * (self.view.logicalDpiX() / POINTS_PER_INCH)
        margins = self.view.documentMargins()
        viewport = self.view.viewport()
        across = (viewport.width() - margins.left() - margins.right()) / page.width()
        if mode == QPdfView.ZoomMode.FitToWidth:
            return across
        down = (viewport.height() - margins.top() - margins.bottom()) / page.height()
        return min(across, down)

    def _set_zoom(self, factor: float) -> None:
        self.view.setZoomMode(QPdfView.ZoomMode.Custom)
        self.view.setZoomFactor(max(MIN_ZOOM, min(MAX_ZOOM, factor)))
        self._show_zoom()

    def _fit(self, mode: QPdfView.ZoomMode) -> None:
        self.view.setZoomMode(mode)
        self._show_zoom()

    def _show_zoom(self) -> None:
        mode = self.view.zoomMode()
        if mode == QPdfView.ZoomMode.FitToWidth:
            self.zoom_label.setText("selebar jendela")
        elif mode == QPdfView.ZoomMode.FitInView:
            self.zoom_label.setText("satu halaman")
        else:
            self.zoom_label.setText(f"{round(self.view.zoomFactor() * 100)} %")

    def _lay_out(self) -> None:
        for button, tip in (
            (self.zoom_out_button, "Perkecil"),
            (self.zoom_in_button, "Perbesar"),
            (self.fit_width_button, "Halaman selebar jendela"),
            (self.fit_page_button, "Satu halaman utuh terlihat"),
        ):
            button.setToolTip(tip)
            button.setAutoDefault(False)
        for button in (self.zoom_out_button, self.zoom_in_button):
            button.setFixedWidth(button.fontMetrics().horizontalAdvance("M") * 3)
        self.zoom_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.zoom_label.setMinimumWidth(self.fontMetrics().horizontalAdvance("selebar jendela "))
        zoom = QWidget(self)
        zoom_row = QHBoxLayout(zoom)
        zoom_row.setContentsMargins(0, 0, 0, 0)
        zoom_row.addWidget(QLabel("Perbesaran:", zoom))
        zoom_row.addWidget(self.zoom_out_button)
        zoom_row.addWidget(self.zoom_label)
        zoom_row.addWidget(self.zoom_in_button)
        # Wraps beside a narrow preview (a form next to it on a 1024-pixel screen).
        bar = FlowLayout()
        bar.addWidget(self.pages)
        bar.addWidget(spacer(self))
        bar.addWidget(zoom)
        bar.addWidget(self.fit_width_button)
        bar.addWidget(self.fit_page_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(bar)
        layout.addWidget(self.view, 1)

    def _connect(self) -> None:
        self.zoom_in_button.clicked.connect(self.zoom_in)
        self.zoom_out_button.clicked.connect(self.zoom_out)
        self.fit_width_button.clicked.connect(lambda: self._fit(QPdfView.ZoomMode.FitToWidth))
        self.fit_page_button.clicked.connect(lambda: self._fit(QPdfView.ZoomMode.FitInView))
