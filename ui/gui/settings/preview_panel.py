"""The live preview beside the settings: the kop and a card, redrawn a moment after each change
from the values on screen (not yet saved), in the background."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QSize, Qt, QTimer
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtPdf import QPdfDocument
from PySide6.QtWidgets import QLabel, QScrollArea, QVBoxLayout, QWidget

from services.core.errors import SiRentanError
from services.settings.office_images import OfficeImages
from services.settings.office_preview import card_preview, kop_preview
from ui.gui.tasks import Tasks

Source = Callable[[], tuple[dict[str, str], OfficeImages]]
DELAY_MS = 400
WIDTH = 320


def pdf_images(data: bytes, width: int) -> list[QImage]:
    """Each page of a PDF drawn ``width`` pixels wide (QtPdf, as the app's viewer)."""
    document = QPdfDocument()
    buffer = QBuffer()
    buffer.setData(QByteArray(data))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    document.load(buffer)
    images = []
    for page in range(document.pageCount()):
        size = document.pagePointSize(page)
        height = round(size.height() * width / size.width())
        images.append(document.render(page, QSize(width, height)))
    document.close()
    return images


class PreviewPanel(QWidget):
    def __init__(
        self, source: Source, today: Callable[[], date], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._source = source
        self._today = today  # the office's day, printed on the sample card
        self.tasks = Tasks(self)
        self.kop = self._picture()
        self.front = self._picture()
        self.back = self._picture()
        self.status = QLabel("Menyiapkan pratinjau…", self)
        self.status.setWordWrap(True)
        self.rendered = 0  # how many previews were drawn (tests wait on it)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DELAY_MS)
        self._timer.timeout.connect(self._render)
        inner = QWidget(self)
        column = QVBoxLayout(inner)
        column.setContentsMargins(4, 4, 4, 4)
        for title, picture in (
            ("Kop surat", self.kop),
            ("Kartu peserta (muka)", self.front),
            ("Kartu peserta (balik)", self.back),
        ):
            column.addWidget(QLabel(f"<b>{title}</b>", inner))
            column.addWidget(picture)
        column.addWidget(self.status)
        column.addStretch(1)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(inner)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(QLabel("<b>Pratinjau</b> (isian belum disimpan)", self))
        layout.addWidget(scroll, 1)
        bar = scroll.verticalScrollBar().sizeHint().width()
        self.setFixedWidth(WIDTH + bar + 16)

    def refresh(self) -> None:
        """A moment after the last change, so typing does not draw every letter."""
        self._timer.start()

    def refresh_now(self) -> None:
        self._timer.stop()
        self._render()

    def _picture(self) -> QLabel:
        label = QLabel(self)
        label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        label.setStyleSheet("background:white; border:1px solid #ccc;")
        return label

    def _render(self) -> None:
        values, images = self._source()
        today = self._today()
        self.tasks.run(
            lambda: (kop_preview(values, images), card_preview(values, images, today)),
            self._show,
            self._failed,
        )

    def _show(self, result: tuple[bytes, bytes]) -> None:
        kop, cards = result
        (kop_image,) = pdf_images(kop, WIDTH)
        front, back = pdf_images(cards, WIDTH)
        for label, image in ((self.kop, kop_image), (self.front, front), (self.back, back)):
            label.setPixmap(QPixmap.fromImage(image))
        self.status.clear()
        self.rendered += 1

    def _failed(self, error: SiRentanError) -> None:
        self.status.setText(f"Pratinjau tidak dapat dibuat: {error.message}")
        self.status.setStyleSheet("color:#b3261e;")
        self.rendered += 1
