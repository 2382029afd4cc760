"""Tentang SiRentan: the version and which register is open, for a call to the helpdesk."""

from __future__ import annotations

from html import escape
from importlib.metadata import PackageNotFoundError, version

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from services.core.errors import SiRentanError
from ui.gui.app_context import AppContext


def app_version() -> str:
    try:
        return version("sirentan")
    except PackageNotFoundError:
        return "-"


class AboutDialog(QDialog):
    def __init__(self, app: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Tentang SiRentan")
        text = QLabel(self._html(app), self)
        text.setTextFormat(Qt.TextFormat.RichText)
        text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        buttons = QDialogButtonBox(self)
        buttons.addButton("Tutup", QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.accepted.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(text)
        layout.addWidget(buttons)

    def _html(self, app: AppContext) -> str:
        rows = "".join(
            f"<tr><td>{_indent(label)}</td><td>&nbsp;&nbsp;{escape(value)}</td></tr>"
            for label, value in self._facts(app)
        )
        return (
            "<h3>SiRentan — Sistem Informasi Pekerja Rentan</h3>"
            f"<p>Versi {escape(app_version())}<br>"
            "Pendataan pekerja rentan peserta BPJS Ketenagakerjaan</p>"
            f"<table>{rows}</table>"
        )

    def _facts(self, app: AppContext) -> list[tuple[str, str]]:
        from services.core.register_info import register_info

        try:
            return register_info(app.ctx)
        except SiRentanError as error:
            return [("Basis data", app.ctx.database_label), ("Keadaan", error.message)]


def _indent(label: str) -> str:
    """Keep the leading spaces that nest "Aktif" under "Peserta" (HTML would drop them)."""
    stripped = label.lstrip(" ")
    return "&nbsp;" * 2 * (len(label) - len(stripped)) + escape(stripped)
