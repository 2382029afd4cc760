"""Beranda, the first screen after sign-in: tiles and charts of the register, the premium
and the budget (services.reports.dashboard), loaded in the background."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from ui.gui.app_context import AppContext


def dashboard_section(app: AppContext) -> QWidget:
    from ui.gui.dashboard.dashboard_panel import DashboardPanel

    return DashboardPanel(app)
