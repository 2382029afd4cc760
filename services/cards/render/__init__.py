"""Participant cards drawn into a PDF with ReportLab: pure functions, no database.

The card service (services/cards) chooses the workers, formats their data into
``CardData`` and calls ``render_cards``; the GUI and the CLI never call this
package directly.
"""

from services.cards.render.calibration import render_calibration_page
from services.cards.render.defaults import DEFAULT_ACCIDENT_STEPS, DEFAULT_DEATH_STEPS
from services.cards.render.sheets import render_cards
from services.cards.render.types import (
    CardData,
    CardDesign,
    CardDesignError,
    Layout,
    RenderResult,
    SheetOptions,
)

__all__ = [
    "DEFAULT_ACCIDENT_STEPS",
    "DEFAULT_DEATH_STEPS",
    "CardData",
    "CardDesign",
    "CardDesignError",
    "Layout",
    "RenderResult",
    "SheetOptions",
    "render_calibration_page",
    "render_cards",
]
