"""Paragraph styles of official documents, on the embedded DejaVu fonts.

One size for the body (11 pt, the nearest DejaVu equivalent of the 12 pt Arial
that offices type in), smaller type for the letterhead's address line and the
attachment tables (condensed, so long names stay on one line).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from xml.sax.saxutils import escape

from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm

from services.text.pdf_fonts import load_fonts

BODY_SIZE = 11
BODY_LEADING = 14
PARAGRAPH_INDENT = 12.5 * mm


@dataclass(frozen=True, slots=True)
class Styles:
    body: ParagraphStyle  # justified
    body_indent: ParagraphStyle  # justified, first line indented
    left: ParagraphStyle
    right: ParagraphStyle
    center: ParagraphStyle
    center_bold: ParagraphStyle
    title: ParagraphStyle
    small: ParagraphStyle
    cell: ParagraphStyle
    cell_center: ParagraphStyle
    cell_right: ParagraphStyle
    cell_head: ParagraphStyle
    kop_government: ParagraphStyle
    kop_office: ParagraphStyle
    kop_address: ParagraphStyle
    kop_town: ParagraphStyle


@cache
def styles() -> Styles:
    fonts = load_fonts()

    def style(name: str, **kw: object) -> ParagraphStyle:
        base = {
            "fontName": fonts.regular,
            "fontSize": BODY_SIZE,
            "leading": BODY_LEADING,
            "alignment": TA_LEFT,
        }
        return ParagraphStyle(name, **(base | kw))

    def cell(name: str, **kw: object) -> ParagraphStyle:
        return style(name, **({"fontName": fonts.condensed, "fontSize": 8.5, "leading": 10.5} | kw))

    return Styles(
        body=style("body", alignment=TA_JUSTIFY),
        body_indent=style("body_indent", alignment=TA_JUSTIFY, firstLineIndent=PARAGRAPH_INDENT),
        left=style("left"),
        right=style("right", alignment=TA_RIGHT),
        center=style("center", alignment=TA_CENTER),
        center_bold=style("center_bold", alignment=TA_CENTER, fontName=fonts.bold),
        title=style("title", alignment=TA_CENTER, fontName=fonts.bold, fontSize=12, leading=16),
        small=style("small", fontSize=8.5, leading=11),
        cell=cell("cell"),
        cell_center=cell("cell_center", alignment=TA_CENTER),
        cell_right=cell("cell_right", alignment=TA_RIGHT),
        cell_head=cell("cell_head", alignment=TA_CENTER, fontName=fonts.condensed_bold),
        kop_government=style("kop_gov", alignment=TA_CENTER, fontSize=13, leading=16),
        kop_office=style(
            "kop_office", alignment=TA_CENTER, fontName=fonts.bold, fontSize=14.5, leading=18
        ),
        kop_address=style("kop_address", alignment=TA_CENTER, fontSize=8.5, leading=11),
        kop_town=style("kop_town", alignment=TA_CENTER, fontName=fonts.bold, fontSize=10.5),
    )


def esc(text: str) -> str:
    """Text as Paragraph markup: a name like "Ana & Co <x>" prints as typed."""
    return escape(text)
