"""The front of the card.

Everything the cards of a batch share (band, logo, headings, field labels,
disclaimer) is drawn once into a form XObject; each card adds only its own
values and QR code on top. Coordinates are points from the card's lower-left
corner.
"""

from __future__ import annotations

from reportlab.pdfgen.canvas import Canvas

from services.cards.render.fitting import Fitted, fit_block, fit_line
from services.cards.render.geometry import CARD_H, CARD_W, MM
from services.cards.render.qr import qr_operators
from services.cards.render.style import (
    CAP,
    GOLD,
    INK,
    LEADING,
    MUTED,
    NAVY,
    RULE,
    WHITE,
    card_date,
    draw_fitted,
    logo_reader,
)
from services.cards.render.text import TextOperators, text_width
from services.cards.render.types import CardData, CardDesign
from services.text.pdf_fonts import FontSet

FRONT_FORM = "SiRentanCardFront"

LEFT, RIGHT = 4.0 * MM, CARD_W - 4.0 * MM
BAND_X, BAND_Y, BAND_H = 2.0 * MM, 41.6 * MM, 10.4 * MM
BAND_TEXT_X = 12.4 * MM
TITLE_Y = 37.4 * MM
PROGRAMME_Y = 34.5 * MM
FUNDING_Y = 31.9 * MM
FUNDING_PREFIX = "Iuran dibayar oleh: "
FUNDING_SIZE = 5.2
# The name gets the full width: one line of 9.5 to 7 pt, else two lines of 7.4 to 5.5 pt.
NAME_TOP, NAME_BOTTOM = 30.2 * MM, 24.4 * MM
RULE_Y = 23.4 * MM
NAME_ONE_LINE = (9.5, 7.0)
NAME_TWO_LINES = (7.4, 5.5)
FIELD_LABELS = ("NIK", "No. KPJ", "Tgl. Lahir", "Desa / Kec.", "Program", "Berlaku")
# Rows a little closer than before, so a two-line 6 pt disclaimer fits under them.
FIELD_TOP, FIELD_STEP = 21.5 * MM, 2.62 * MM
VALUE_X = 18.6 * MM
LABEL_SIZE = 5.0
VALUE_SIZES = (6.2, 5.0)
# The QR box holds the symbol and its quiet zone; nothing else is drawn inside it.
QR_BOX = 17.4 * MM
QR_X, QR_Y = RIGHT - QR_BOX + 1.0 * MM, 4.6 * MM
VALUE_RIGHT = QR_X - 0.8 * MM
FOOT_Y = 2.3 * MM  # disclaimer on the left, QR caption under the code
NO_KPJ = "belum terdaftar"
# The disclaimer never under 6 pt (issue 13): one line of 6.5-6, else two of 6.
DISCLAIMER_ONE_LINE = (6.5, 6.0)
DISCLAIMER_TWO_LINES = (6.0, 6.0)
INK_FILL = f"{INK.red:.3f} {INK.green:.3f} {INK.blue:.3f} rg"
UNTIL_REGISTERED = "selama terdaftar"


def define_front_form(canvas: Canvas, design: CardDesign, fonts: FontSet) -> None:
    canvas.beginForm(FRONT_FORM, 0, 0, CARD_W, CARD_H)
    _band(canvas, design, fonts)
    canvas.setFillColor(NAVY)
    canvas.setFont(fonts.bold, 8.4)
    canvas.drawString(LEFT, TITLE_Y, "KARTU PESERTA")
    canvas.setFillColor(INK)
    title = fit_line(
        design.programme_title, RIGHT - LEFT, (fonts.bold, fonts.condensed_bold), 6.0, 4.6
    )
    draw_fitted(canvas, title, LEFT, PROGRAMME_Y)
    canvas.setFillColor(MUTED)
    canvas.setFont(fonts.regular, FUNDING_SIZE)
    canvas.drawString(LEFT, FUNDING_Y, FUNDING_PREFIX)
    canvas.setStrokeColor(RULE)
    canvas.setLineWidth(0.4)
    canvas.line(LEFT, RULE_Y, RIGHT, RULE_Y)
    canvas.setFont(fonts.regular, LABEL_SIZE)
    for index, label in enumerate(FIELD_LABELS):
        canvas.drawString(LEFT, FIELD_TOP - index * FIELD_STEP, label)
        canvas.drawString(VALUE_X - 1.6 * MM, FIELD_TOP - index * FIELD_STEP, ":")
    canvas.setFont(fonts.regular, 4.0)
    canvas.drawCentredString(QR_X + QR_BOX / 2, FOOT_Y, "Pindai untuk verifikasi")
    # The card is not BPJS's own: said legibly, upright, in ink, at 6 pt at least (one or
    # two lines ending on the caption's baseline).
    canvas.setFillColor(INK)
    disclaimer = fit_block(
        design.disclaimer,
        QR_X - 0.8 * MM - LEFT,
        (fonts.regular, fonts.condensed),
        DISCLAIMER_ONE_LINE,
        DISCLAIMER_TWO_LINES,
    )
    first = FOOT_Y + (len(disclaimer.lines) - 1) * disclaimer.size * LEADING
    draw_fitted(canvas, disclaimer, LEFT, first)
    canvas.endForm()


def _band(canvas: Canvas, design: CardDesign, fonts: FontSet) -> None:
    band_w = CARD_W - 2 * BAND_X
    canvas.setFillColor(NAVY)
    canvas.roundRect(BAND_X, BAND_Y, band_w, BAND_H, 1.6 * MM, stroke=0, fill=1)
    canvas.setFillColor(GOLD)
    canvas.rect(BAND_X, BAND_Y - 0.7 * MM, band_w, 0.45 * MM, stroke=0, fill=1)
    logo = logo_reader(design.logo)
    logo_w, logo_h = logo.getSize()
    height = BAND_H - 1.4 * MM
    width = min(height * logo_w / logo_h, BAND_TEXT_X - BAND_X - 2.0 * MM)
    height = width * logo_h / logo_w
    canvas.drawImage(
        logo,
        BAND_X + 1.2 * MM,
        BAND_Y + (BAND_H - height) / 2,
        width,
        height,
        mask="auto",
    )
    room = BAND_X + band_w - 1.6 * MM - BAND_TEXT_X
    canvas.setFillColor(WHITE)
    government = fit_line(
        design.government_line, room, (fonts.bold, fonts.condensed_bold), 6.8, 4.6
    )
    draw_fitted(canvas, government, BAND_TEXT_X, BAND_Y + 6.0 * MM)
    office = fit_line(design.office_name, room, (fonts.regular, fonts.condensed), 6.2, 4.6)
    draw_fitted(canvas, office, BAND_TEXT_X, BAND_Y + 2.6 * MM)


def draw_front(
    canvas: Canvas, card: CardData, fonts: FontSet, text: TextOperators, x: float, y: float
) -> None:
    """The card's front with its lower-left corner at (x, y): the shared form, then this
    worker's values and QR code, written as operators (see text.py for why)."""
    canvas.addLiteral(f"q 1 0 0 1 {x:.3f} {y:.3f} cm")
    canvas.doForm(FRONT_FORM)
    ops = ["BT", INK_FILL]
    funding_x = LEFT + text_width(FUNDING_PREFIX, fonts.regular) * FUNDING_SIZE
    funding = fit_line(
        card.funding_label, RIGHT - funding_x, (fonts.bold, fonts.condensed_bold), 5.2, 4.2
    )
    ops += _lines(text, funding, funding_x, FUNDING_Y)
    ops += _name(text, card.full_name, fonts)
    plain, strong = (fonts.regular, fonts.condensed), (fonts.bold, fonts.condensed_bold)
    values = (
        (card.nik, strong),
        (card.kpj, strong) if card.kpj else (NO_KPJ, (fonts.italic, fonts.condensed)),
        (card_date(card.birth_date), plain),
        (f"{card.village_name} / {card.kecamatan_name}", plain),
        (card.programmes, plain),
        (_validity(card), plain),
    )
    width = VALUE_RIGHT - VALUE_X
    for index, (value, faces) in enumerate(values):
        fitted = fit_line(value, width, faces, *VALUE_SIZES)
        ops += _lines(text, fitted, VALUE_X, FIELD_TOP - index * FIELD_STEP)
    ops.append("ET")
    ops.append(qr_operators(card.qr_payload, QR_X, QR_Y, QR_BOX))
    ops.append("Q")
    canvas.addLiteral("\n".join(ops))


def _lines(text: TextOperators, fitted: Fitted, x: float, first_baseline: float) -> list[str]:
    step = fitted.size * LEADING
    return [
        text.show(fitted.font, fitted.size, x, first_baseline - index * step, line)
        for index, line in enumerate(fitted.lines)
    ]


def _name(text: TextOperators, name: str, fonts: FontSet) -> list[str]:
    fitted = fit_block(
        name, RIGHT - LEFT, (fonts.bold, fonts.condensed_bold), NAME_ONE_LINE, NAME_TWO_LINES
    )
    # Centre the block vertically in the name area, measured on the capitals.
    cap = CAP * fitted.size
    block = cap + (len(fitted.lines) - 1) * fitted.size * LEADING
    first_baseline = NAME_BOTTOM + (NAME_TOP - NAME_BOTTOM + block) / 2 - cap
    return _lines(text, fitted, LEFT, first_baseline)


def _validity(card: CardData) -> str:
    start = card_date(card.valid_from)
    if card.valid_until is None:
        return f"mulai {start}, {UNTIL_REGISTERED}"
    return f"{start} s.d. {card_date(card.valid_until)}"
