"""Iuran & anggaran: the monthly premium computed from the register, BPJS bills and payments,
their reconciliation with BPJS's billed list, the year's budget and the rates
(services.premiums). Clerks with the PREMIUMS permission record; everyone else reads."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from ui.gui.app_context import AppContext


def premiums_section(app: AppContext) -> QWidget:
    from ui.gui.premiums.premiums_panel import PremiumsPanel

    return PremiumsPanel(app)
