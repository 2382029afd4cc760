"""The Impor section: the import wizard, the batch history, the twin review list."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from ui.gui.app_context import AppContext


def import_panel(app: AppContext) -> QWidget:
    # Imported when first shown: start-up time counts, and many clerks never import.
    from ui.gui.excel_import.import_panel import ImportPanel

    return ImportPanel(app)
