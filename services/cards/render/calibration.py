"""The printer calibration page: a millimetre ruler grid, drawn with the current offsets.

The clerk prints it, measures from the paper edges to the lines marked A,
and corrects the offsets in the settings until the lines sit where they are
labelled. The card slots of the A4 sheet are outlined so a half-used sheet
can be held against the light to check the fit.
"""

from __future__ import annotations

from pathlib import Path
from typing import BinaryIO

from reportlab.lib.utils import simpleSplit
from reportlab.pdfgen.canvas import Canvas

from services.cards.render.geometry import CARD_H, CARD_W, MM, PAGE_H, PAGE_W, SLOTS, slot_origin
from services.cards.render.output import pdf_canvas, save
from services.cards.render.style import INK, MUTED, NAVY, RULE, WHITE
from services.cards.render.types import SheetOptions
from services.text.pdf_fonts import FontSet, load_fonts

REFERENCE_MM = 20  # lines A: this far from the left and the top edge of the paper
FAR_X_MM, FAR_Y_MM = 190, 277  # lines B, to check the printer does not scale the page
RULER_MM = 9

INSTRUCTIONS = (
    "Cetak, ukur selisih, isi geser horizontal/vertikal di Kartu → Kalibrasi printer.",
    "1. Cetak halaman ini di kertas A4 dengan skala 100 % (matikan “Fit to page” / "
    "“Sesuaikan dengan halaman”).",
    f"2. Ukur dengan penggaris jarak tepi KIRI kertas ke garis tegak A, dan tepi ATAS "
    f"kertas ke garis datar A. Keduanya seharusnya {REFERENCE_MM} mm.",
    f"3. Geser baru = geser saat ini + ({REFERENCE_MM} − hasil ukur). Contoh: geser saat ini 0, "
    f"hasil ukur {REFERENCE_MM + 1},5 mm → isi −1,5.",
    "4. Isi geser horizontal dan vertikal di Kartu → Kalibrasi printer. Angka positif "
    "menggeser cetakan ke kanan / ke bawah.",
    "5. Cetak lagi halaman ini sampai kedua jarak tepat; lalu cetak kartu.",
    f"Jarak garis A ke garis B harus {FAR_X_MM - REFERENCE_MM} mm mendatar dan "
    f"{FAR_Y_MM - REFERENCE_MM} mm tegak; bila tidak, printer masih mengubah skala halaman.",
)


def render_calibration_page(options: SheetOptions, out: Path | BinaryIO) -> None:
    fonts = load_fonts()
    with pdf_canvas(out, (PAGE_W, PAGE_H), "Kalibrasi printer kartu", fonts.regular) as canvas:
        canvas.translate(options.offset_x_mm * MM, -options.offset_y_mm * MM)
        _grid(canvas)
        _slots(canvas, fonts)
        _rulers(canvas, fonts)
        _references(canvas, fonts)
        _instructions(canvas, options, fonts)
        canvas.showPage()
        save(canvas)


def _top(mm: float) -> float:
    """PDF y of a line ``mm`` below the top edge of the paper."""
    return PAGE_H - mm * MM


def _grid(canvas: Canvas) -> None:
    canvas.setStrokeColor(RULE)
    canvas.setLineWidth(0.25)
    xs = range(10, 210, 10)
    ys = range(10, 297, 10)
    canvas.lines([(x * MM, 0, x * MM, PAGE_H) for x in xs])
    canvas.lines([(0, _top(y), PAGE_W, _top(y)) for y in ys])


def _slots(canvas: Canvas, fonts: FontSet) -> None:
    canvas.setStrokeColor(NAVY)
    canvas.setLineWidth(0.5)
    canvas.setDash(2, 2)
    canvas.setFillColor(NAVY)
    canvas.setFont(fonts.regular, 7)
    for slot in range(1, SLOTS + 1):
        x, y = slot_origin(slot)
        canvas.rect(x, y, CARD_W, CARD_H, stroke=1, fill=0)
        canvas.drawRightString(x + CARD_W - 2 * MM, y + CARD_H - 4 * MM, f"Kartu {slot}")
    canvas.setDash()


def _rulers(canvas: Canvas, fonts: FontSet) -> None:
    """Ticks every millimetre along the top and the left edge, numbered every centimetre."""
    canvas.setFillColor(WHITE)
    canvas.rect(0, _top(RULER_MM), PAGE_W, RULER_MM * MM, stroke=0, fill=1)
    canvas.rect(0, 0, RULER_MM * MM, PAGE_H, stroke=0, fill=1)
    canvas.setStrokeColor(INK)
    canvas.setLineWidth(0.3)
    ticks = []
    for mm in range(1, 210):
        length = 4 if mm % 10 == 0 else 2.5 if mm % 5 == 0 else 1.5
        ticks.append((mm * MM, PAGE_H, mm * MM, _top(length)))
    for mm in range(1, 297):
        length = 4 if mm % 10 == 0 else 2.5 if mm % 5 == 0 else 1.5
        ticks.append((0, _top(mm), length * MM, _top(mm)))
    canvas.lines(ticks)
    canvas.setFillColor(INK)
    canvas.setFont(fonts.regular, 5.5)
    for mm in range(10, 210, 10):
        canvas.drawCentredString(mm * MM, _top(6.6), str(mm))
    for mm in range(10, 297, 10):
        canvas.drawString(4.6 * MM, _top(mm) - 2, str(mm))


def _references(canvas: Canvas, fonts: FontSet) -> None:
    canvas.setStrokeColor(INK)
    canvas.setLineWidth(0.6)
    a_x, a_y = REFERENCE_MM * MM, _top(REFERENCE_MM)
    b_x, b_y = FAR_X_MM * MM, _top(FAR_Y_MM)
    canvas.lines(
        [
            (a_x, _top(RULER_MM + 1), a_x, _top(45)),
            (RULER_MM * MM + MM, a_y, 48 * MM, a_y),
            (b_x, _top(250), b_x, _top(292)),
            (150 * MM, b_y, 205 * MM, b_y),
        ]
    )
    canvas.setFillColor(INK)
    canvas.setFont(fonts.bold, 9)
    canvas.drawString(a_x + 1.2 * MM, a_y - 4.5 * MM, "A")
    canvas.drawString(b_x - 4 * MM, b_y + 1.5 * MM, "B")
    canvas.setFont(fonts.regular, 6.5)
    canvas.drawString(49 * MM, a_y - 2, f"← garis datar A: {REFERENCE_MM} mm dari tepi atas")
    canvas.drawString(a_x - 3 * MM, _top(49), f"↑ garis tegak A: {REFERENCE_MM} mm dari tepi kiri")


def _instructions(canvas: Canvas, options: SheetOptions, fonts: FontSet) -> None:
    width, x = 150 * MM, 30 * MM
    size, leading = 7.5, 10.0
    body = [[*simpleSplit(text, fonts.regular, size, width), ""] for text in INSTRUCTIONS[1:]]
    rows = [line for paragraph in body for line in paragraph]
    top = _top(112)
    bottom = top - 30 - sum(leading if line else 2 for line in rows) - 26
    canvas.setFillColor(WHITE)
    canvas.setStrokeColor(NAVY)
    canvas.setLineWidth(0.8)
    canvas.rect(x - 5 * MM, bottom, width + 10 * MM, top - bottom + 7 * MM, fill=1)
    canvas.setFillColor(NAVY)
    canvas.setFont(fonts.bold, 12)
    canvas.drawString(x, top, "Halaman kalibrasi printer kartu")
    canvas.setFillColor(INK)
    canvas.setFont(fonts.bold, 8.5)
    canvas.drawString(x, top - 16, INSTRUCTIONS[0])
    canvas.setFont(fonts.regular, size)
    y = top - 30
    for line in rows:
        canvas.drawString(x, y, line)
        y -= leading if line else 2
    canvas.setFont(fonts.bold, 8.5)
    canvas.drawString(
        x,
        y - 6,
        f"Geser saat ini: horizontal {_signed(options.offset_x_mm)} mm, "
        f"vertikal {_signed(options.offset_y_mm)} mm.",
    )
    canvas.setFillColor(MUTED)
    canvas.setFont(fonts.regular, 6.5)
    canvas.drawString(x, y - 18, "Kotak putus-putus: letak 10 kartu pada lembar A4.")


def _signed(value: float) -> str:
    text = f"{value:+.1f}".replace(".", ",")
    return text.replace("-", "−")
