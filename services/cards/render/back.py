"""The back of the card: what to do after an accident or a death, whom to call, who signed.

The back is the same on every card of a batch, so it is drawn once as a form
XObject. The office edits the steps in the settings; text that no longer fits
even at the smallest readable size is refused with a message, never cut off.
"""

from __future__ import annotations

from dataclasses import dataclass

from reportlab.lib.colors import Color
from reportlab.lib.utils import simpleSplit
from reportlab.pdfgen.canvas import Canvas

from services.cards.render.fitting import fit_line
from services.cards.render.geometry import CARD_H, CARD_W, MM
from services.cards.render.style import CAP, INK, LEADING, MUTED, NAVY, RULE, WHITE, draw_fitted
from services.cards.render.text import text_width
from services.cards.render.types import CardDesign, CardDesignError
from services.settings.catalog import SPECS, where
from services.text.pdf_fonts import FontSet

BACK_FORM = "SiRentanCardBack"

LEFT, RIGHT = 4.0 * MM, CARD_W - 4.0 * MM
STRIP_Y, STRIP_H = 47.6 * MM, 4.4 * MM
HEADING = "PETUNJUK BAGI PESERTA DAN KELUARGA"
ACCIDENT_HEADING = "Bila terjadi kecelakaan kerja"
DEATH_HEADING = "Bila peserta meninggal dunia"
STEPS_TOP, STEPS_BOTTOM = 46.2 * MM, 16.6 * MM
RULE_Y = 15.8 * MM
SIGN_LEFT = 57.0 * MM
CONTACT_TOP, CONTACT_BOTTOM = 14.0 * MM, 2.0 * MM
# Largest first; below 4.2 pt a printed card is no longer readable without a loupe.
STEP_SIZES = tuple(s / 10 for s in range(54, 41, -2))
CONTACT_SIZES = tuple(s / 10 for s in range(50, 39, -2))
NUMBER_INDENT = 2.6 * MM
SECTION_GAP = 0.9 * MM


@dataclass(frozen=True, slots=True)
class _Row:
    """One printed line: pieces of (indent, text) in one font and colour."""

    pieces: tuple[tuple[float, str], ...]
    font: str
    colour: Color = INK
    gap_before: float = 0.0


def define_back_form(canvas: Canvas, design: CardDesign, fonts: FontSet) -> None:
    canvas.beginForm(BACK_FORM, 0, 0, CARD_W, CARD_H)
    canvas.setFillColor(NAVY)
    canvas.roundRect(2.0 * MM, STRIP_Y, CARD_W - 4.0 * MM, STRIP_H, 1.4 * MM, stroke=0, fill=1)
    canvas.setFillColor(WHITE)
    heading = fit_line(HEADING, RIGHT - LEFT, (fonts.bold, fonts.condensed_bold), 6.0, 4.6)
    draw_fitted(canvas, heading, CARD_W / 2, STRIP_Y + 1.35 * MM, align="centre")
    _steps(canvas, design, fonts)
    canvas.setStrokeColor(RULE)
    canvas.setLineWidth(0.4)
    canvas.line(LEFT, RULE_Y, RIGHT, RULE_Y)
    _contacts(canvas, design, fonts)
    _signature(canvas, design, fonts)
    canvas.endForm()


def _steps(canvas: Canvas, design: CardDesign, fonts: FontSet) -> None:
    sections = ((ACCIDENT_HEADING, design.accident_steps), (DEATH_HEADING, design.death_steps))
    for size in STEP_SIZES:
        rows = []
        for number, (heading, steps) in enumerate(sections):
            gap = SECTION_GAP if number else 0.0
            rows.append(_Row(((0.0, heading),), fonts.bold, NAVY, gap))
            rows += _numbered(steps, fonts.regular, size, RIGHT - LEFT)
        if _fits(rows, size, STEPS_TOP - STEPS_BOTTOM, RIGHT - LEFT):
            _draw_rows(canvas, rows, size, LEFT, STEPS_TOP - size * CAP)
            return
    raise CardDesignError(
        "Petunjuk kecelakaan dan kematian di balik kartu terlalu panjang untuk dicetak. "
        f"Persingkat langkah-langkahnya di {where('cards.accident_steps')} dan "
        f"“{SPECS['cards.death_steps'].label}”."
    )


def _numbered(steps: tuple[str, ...], font: str, size: float, width: float) -> list[_Row]:
    rows = []
    for number, step in enumerate(steps, start=1):
        wrapped = simpleSplit(step, font, size, width - NUMBER_INDENT) or [""]
        rows.append(_Row(((0.0, f"{number}."), (NUMBER_INDENT, wrapped[0])), font))
        rows += [_Row(((NUMBER_INDENT, text),), font) for text in wrapped[1:]]
    return rows


def _fits(rows: list[_Row], size: float, height: float, width: float) -> bool:
    """The rows fit the box: not too many, and no word wider than the line."""
    total = len(rows) * size * LEADING + sum(row.gap_before for row in rows)
    widest = max(
        (indent + text_width(text, row.font) * size for row in rows for indent, text in row.pieces),
        default=0.0,
    )
    return total <= height and widest <= width


def _draw_rows(
    canvas: Canvas, rows: list[_Row], size: float, x: float, first_baseline: float
) -> None:
    y = first_baseline + size * LEADING
    for row in rows:
        y -= size * LEADING + row.gap_before
        canvas.setFillColor(row.colour)
        canvas.setFont(row.font, size)
        for indent, text in row.pieces:
            canvas.drawString(x + indent, y, text)


# BPJS Ketenagakerjaan's national call centre: the number a holder can always ring.
BPJS_CALL_CENTRE = "175"


def _phone(number: str) -> str:
    return f"Telp. {number.strip()}" if number.strip() else ""


def _call_centre(design: CardDesign) -> str:
    """With no office phone, the holder still gets a number to call: BPJS's 175."""
    if design.office_phone.strip():
        return ""
    return f"Layanan BPJS Ketenagakerjaan: {BPJS_CALL_CENTRE}"


def _contacts(canvas: Canvas, design: CardDesign, fonts: FontSet) -> None:
    width = SIGN_LEFT - 2.0 * MM - LEFT
    # A phone line only where the settings give a number: "Telp." alone helps nobody.
    blocks = tuple(
        block
        for block in (
            (design.office_name, fonts.bold, 0.0),
            (design.office_address, fonts.regular, 0.0),
            (_phone(design.office_phone), fonts.regular, 0.0),
            (design.branch_name, fonts.bold, SECTION_GAP / 2),
            (_phone(design.branch_phone), fonts.regular, 0.0),
            (_call_centre(design), fonts.bold, 0.0),
        )
        if block[0]
    )
    for size in CONTACT_SIZES:
        rows = [
            _Row(((0.0, text),), font, INK, gap if index == 0 else 0.0)
            for block, font, gap in blocks
            for index, text in enumerate(simpleSplit(block, font, size, width))
        ]
        if _fits(rows, size, CONTACT_TOP - CONTACT_BOTTOM, width):
            _draw_rows(canvas, rows, size, LEFT, CONTACT_TOP - size * CAP)
            return
    raise CardDesignError(
        "Alamat dan telepon kantor di balik kartu terlalu panjang untuk dicetak. "
        f"Persingkat alamat kantor di {where('office.address')}."
    )


def _signature(canvas: Canvas, design: CardDesign, fonts: FontSet) -> None:
    width = RIGHT - SIGN_LEFT
    centre = SIGN_LEFT + width / 2
    canvas.setFillColor(INK)
    size = 4.6
    position = simpleSplit(design.signer_position, fonts.regular, size, width)
    rows = [_Row(((0.0, text),), fonts.regular) for text in position]
    if not _fits(rows, size, 3 * size * LEADING, width):
        raise CardDesignError(
            "Jabatan penanda tangan kartu terlalu panjang (lebih dari tiga baris). "
            f"Persingkat di {where('cards.signer_position')}."
        )
    canvas.setFont(fonts.regular, size)
    for index, text in enumerate(position):
        canvas.drawCentredString(centre, CONTACT_TOP - size * CAP - index * size * LEADING, text)
    canvas.setStrokeColor(MUTED)
    canvas.setLineWidth(0.4)
    canvas.line(SIGN_LEFT + 1.0 * MM, 5.6 * MM, RIGHT - 1.0 * MM, 5.6 * MM)
    name = fit_line(design.signer_name, width, (fonts.bold, fonts.condensed_bold), 5.0, 3.8)
    draw_fitted(canvas, name, centre, 3.4 * MM, align="centre")
