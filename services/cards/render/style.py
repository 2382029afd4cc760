"""Colours, the logo and drawing helpers shared by the front, the back and the calibration page."""

from __future__ import annotations

import io
from datetime import date
from functools import lru_cache

from reportlab.lib.colors import Color
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas

from services.cards.render.fitting import Fitted
from services.cards.render.types import CardDesignError
from services.core.paths import RESOURCES_DIR
from services.text.formatting import long_date

NAVY = Color(24 / 255, 62 / 255, 112 / 255)
GOLD = Color(212 / 255, 160 / 255, 23 / 255)
INK = Color(0.08, 0.08, 0.1)
MUTED = Color(0.36, 0.38, 0.42)
RULE = Color(0.75, 0.78, 0.84)
WHITE = Color(1, 1, 1)

PLACEHOLDER_LOGO = RESOURCES_DIR / "images" / "card_logo_placeholder.png"

LEADING = 1.18  # line height as a multiple of the font size
CAP = 0.73  # DejaVu Sans cap height as a multiple of the font size


def logo_reader(content: bytes | None) -> ImageReader:
    """The stored logo, or the neutral placeholder; a clear message when it cannot be read."""
    try:
        return ImageReader(io.BytesIO(content) if content is not None else str(PLACEHOLDER_LOGO))
    except (OSError, ValueError) as exc:
        raise CardDesignError(
            "Logo kartu tidak dapat dibaca. Pilih lagi gambar PNG atau JPG di menu Pengaturan "
            "→ Pengaturan kantor → Kartu → “Logo kartu peserta”, atau hapus logo untuk memakai "
            "lambang daerah."
        ) from exc


def draw_fitted(
    canvas: Canvas, fitted: Fitted, x: float, top_baseline: float, align: str = "left"
) -> None:
    """Draw fitted lines downwards from the first baseline."""
    canvas.setFont(fitted.font, fitted.size)
    draw = {
        "left": canvas.drawString,
        "centre": canvas.drawCentredString,
        "right": canvas.drawRightString,
    }[align]
    for index, text in enumerate(fitted.lines):
        draw(x, top_baseline - index * fitted.size * LEADING, text)


@lru_cache(maxsize=4096)
def card_date(value: date) -> str:
    """``long_date`` remembered: a batch prints the same validity date thousands of times."""
    return long_date(value)
