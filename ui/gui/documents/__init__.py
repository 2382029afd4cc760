"""Official documents in the GUI: the outgoing-letter register (buku agenda surat keluar),
new letters, the cooperation agreement (PKS), signatories and the wording templates."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from ui.gui.app_context import AppContext


def documents_section(app: AppContext) -> QWidget:
    # Imported when first shown: the PDF viewer and the forms cost start-up time.
    from ui.gui.documents.documents_panel import DocumentsPanel

    return DocumentsPanel(app)
