"""The answer to "is this person covered today?", readable at a glance across the desk."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from services.text.formatting import long_date, short_date
from services.text.labels import FUNDING, WORKER_STATUS
from services.workers.front_desk import period_words
from services.workers.types import CoverageResult
from ui.gui.signals import emit

_GREEN = ("#e6f4ea", "#1e6b34", "#8fcf9f")
_RED = ("#fdecea", "#8c1d18", "#f1a9a3")
_GREY = ("#f1f3f4", "#3c4043", "#c8ccd0")


def verdict(result: CoverageResult) -> tuple[str, tuple[str, str, str]]:
    """The big word and its colours: green covered, red not covered, grey not registered."""
    if result.invalid_number:
        return "PERIKSA NOMOR", _GREY
    if not result.found:
        return "TIDAK TERDAFTAR", _GREY
    if result.covered_today:
        asked = result.day
        if asked is None or result.day_is_today:
            return "TERLINDUNGI HARI INI", _GREEN
        return f"TERLINDUNGI PADA {short_date(asked)}", _GREEN
    if result.not_yet_covered or not result.has_periods:
        return "BELUM TERLINDUNGI", _RED
    return "TIDAK TERLINDUNGI", _RED


class CoverageResultPanel(QFrame):
    open_requested = Signal(int)
    # "Daftarkan peserta" under TIDAK TERDAFTAR: the number looked up.
    register_requested = Signal(str)
    closed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("coverageResult")
        self.result: CoverageResult | None = None
        self.badge = QLabel(self)
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.details = QLabel(self)
        self.details.setTextFormat(Qt.TextFormat.RichText)
        self.details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.open_button = QPushButton("Buka data peserta", self)
        self.register_button = QPushButton("Daftarkan peserta", self)
        self.register_button.setToolTip("Buka formulir peserta baru dengan NIK ini sudah terisi")
        # Offered only to clerks who may add workers (the main window says so).
        self.can_register = False
        self.close_button = QToolButton(self)
        self.close_button.setText("✕")
        self.close_button.setToolTip("Tutup hasil (Esc)")
        self.close_button.setAutoRaise(True)
        self._lay_out()
        self.open_button.clicked.connect(self._open)
        self.register_button.clicked.connect(self._register)
        self.register_button.hide()
        self.close_button.clicked.connect(self.closed)
        self.hide()

    def show_result(self, result: CoverageResult) -> None:
        self.result = result
        word, colors = verdict(result)
        self._paint(colors)
        self.badge.setText(word)
        self.message.setText(result.message)
        self.details.setText(_details_html(result) if result.found else "")
        self.details.setVisible(result.found)
        self.open_button.setVisible(result.found and result.worker_id is not None)
        self.register_button.setVisible(self.can_register and word == "TIDAK TERDAFTAR")
        self._settle()

    def _settle(self) -> None:
        self.show()
        # Shrink at once when the details go away, not after the next layout pass.
        layout = self.layout()
        if layout is not None:
            layout.activate()
        self.updateGeometry()

    def show_failure(self, message: str) -> None:
        """The register could not be asked (e.g. the server is down): say so, not "unknown"."""
        self.result = None
        self._paint(_GREY)
        self.badge.setText("BELUM DAPAT DIPERIKSA")
        self.message.setText(message)
        self.details.hide()
        self.open_button.hide()
        self.register_button.hide()
        self._settle()

    def _paint(self, colors: tuple[str, str, str]) -> None:
        background, text, border = colors
        self.setStyleSheet(
            f"#coverageResult {{ background:{background}; border:1px solid {border};"
            " border-radius:6px; }"
            f" #coverageResult QLabel {{ color:{text}; background:transparent; }}"
        )

    def _lay_out(self) -> None:
        font = self.badge.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.35)
        self.badge.setFont(font)
        head = QHBoxLayout()
        head.addWidget(self.badge)
        head.addSpacing(12)
        head.addWidget(self.message, 1)
        head.addWidget(self.close_button, 0, Qt.AlignmentFlag.AlignTop)
        bottom = QGridLayout()
        bottom.addWidget(self.details, 0, 0)
        bottom.setColumnStretch(0, 1)
        bottom.addWidget(self.open_button, 0, 1, Qt.AlignmentFlag.AlignBottom)
        bottom.addWidget(self.register_button, 0, 2, Qt.AlignmentFlag.AlignBottom)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 8, 8, 10)
        layout.addLayout(head)
        layout.addLayout(bottom)

    def _open(self) -> None:
        if self.result is not None and self.result.worker_id is not None:
            emit(self.open_requested, self.result.worker_id)

    def _register(self) -> None:
        if self.result is not None:
            emit(self.register_requested, self.result.query)


def _details_html(result: CoverageResult) -> str:
    status = WORKER_STATUS[result.status] if result.status else "-"
    funding = FUNDING[result.funding] if result.funding else "-"
    cells = [
        ("Nama", f"<b>{_esc(result.full_name)}</b>"),
        ("NIK", _esc(result.nik)),
        ("No. KPJ", _esc(result.kpj) or "-"),
        ("Desa/Kel.", _esc(result.village_name)),
        ("Kecamatan", _esc(result.kecamatan_name)),
        ("Status peserta", status),
        ("Sumber dana", funding),
        ("Kepesertaan", period_words(result, long_date)),
    ]
    # Two label/value pairs per line keep the panel short enough to leave the list visible.
    rows = []
    for i in range(0, len(cells), 2):
        pairs = "".join(
            f'<td style="padding-right:6px">{label}:</td>'
            f'<td style="padding-right:24px">{value}</td>'
            for label, value in cells[i : i + 2]
        )
        rows.append(f"<tr>{pairs}</tr>")
    return f"<table>{''.join(rows)}</table>"


def _esc(text: str | None) -> str:
    return escape(text or "")
