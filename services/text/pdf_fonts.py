"""The TrueType fonts every SiRentan PDF embeds.

ReportLab's built-in Helvetica is not embedded and only knows Latin-1, so a
name such as "Ma'ruf" or "Ngürah" would print differently from PC to PC. The
DejaVu fonts ship in resources/fonts (licence beside them) and are loaded into
ReportLab once per process under stable names.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from services.core.paths import RESOURCES_DIR

FONTS_DIR = RESOURCES_DIR / "fonts"


@dataclass(frozen=True, slots=True)
class FontSet:
    regular: str
    bold: str
    italic: str
    bold_italic: str
    condensed: str
    condensed_bold: str


SANS = FontSet(
    regular="SiRentanSans",
    bold="SiRentanSans-Bold",
    italic="SiRentanSans-Oblique",
    bold_italic="SiRentanSans-BoldOblique",
    condensed="SiRentanSansCondensed",
    condensed_bold="SiRentanSansCondensed-Bold",
)

_FILES = {
    SANS.regular: "DejaVuSans.ttf",
    SANS.bold: "DejaVuSans-Bold.ttf",
    SANS.italic: "DejaVuSans-Oblique.ttf",
    SANS.bold_italic: "DejaVuSans-BoldOblique.ttf",
    SANS.condensed: "DejaVuSansCondensed.ttf",
    SANS.condensed_bold: "DejaVuSansCondensed-Bold.ttf",
}


@cache
def load_fonts() -> FontSet:
    """Load the fonts into ReportLab (once per process) and return their names."""
    for name, file_name in _FILES.items():
        pdfmetrics.registerFont(TTFont(name, str(FONTS_DIR / file_name)))
    # Lets Platypus paragraphs use <b> and <i> with the embedded family.
    for family, (regular, bold) in {
        SANS.regular: (SANS.regular, SANS.bold),
        SANS.condensed: (SANS.condensed, SANS.condensed_bold),
    }.items():
        addMapping(family, 0, 0, regular)
        addMapping(family, 1, 0, bold)
        italic = SANS.italic if family == SANS.regular else regular
        bold_italic = SANS.bold_italic if family == SANS.regular else bold
        addMapping(family, 0, 1, italic)
        addMapping(family, 1, 1, bold_italic)
    return SANS
