"""Claims in the GUI: the Klaim section (list, counts, filters), the claim dialog with its
tabs (event, eligibility, heirs, documents, benefit, history) and status steps, and the
worker form's Klaim tab. Every job is a call of ``services.claims``."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from ui.gui.app_context import AppContext


def claims_section(app: AppContext) -> QWidget:
    # Imported when first shown: the claim dialog and PDF viewer cost start-up time.
    from ui.gui.claims.claims_panel import ClaimsPanel

    return ClaimsPanel(app)
