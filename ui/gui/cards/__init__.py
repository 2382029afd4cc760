"""Participant cards in the GUI: the print dialog with its in-app PDF preview, the Kartu
section (print log, hand-over, card check, printer calibration)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from ui.gui.app_context import AppContext


def cards_section(app: AppContext) -> QWidget:
    # Imported when first shown: the PDF viewer and printing modules cost start-up time.
    from ui.gui.cards.cards_panel import CardsPanel

    return CardsPanel(app)
