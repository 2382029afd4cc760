"""Laporan: the five reports of the register (services.reports) with a filter panel, saved as
Excel or PDF in the background, and previewed as PDF inside the app."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from ui.gui.app_context import AppContext


def reports_section(app: AppContext) -> QWidget:
    # Imported when first shown: ReportLab, openpyxl and the PDF viewer cost start-up time.
    from ui.gui.reports.reports_panel import ReportsPanel

    return ReportsPanel(app)
