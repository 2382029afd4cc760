"""Printing a previewed PDF at true size, checked on a QPrinter writing a PDF file."""

from __future__ import annotations

from pathlib import Path

import pypdfium2 as pdfium
import pytest
from PIL import Image
from pypdf import PdfReader
from PySide6.QtGui import QPageSize
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from pytestqt.qtbot import QtBot
from reportlab.pdfgen.canvas import Canvas

from services.cards import render_calibration_page
from services.cards.render import SheetOptions
from services.cards.render.geometry import CARD_H, CARD_W
from tests.ui.modal import ModalAnswers
from ui.gui.widgets.pdf_delivery import choose_printer
from ui.gui.widgets.pdf_printing import print_document

PRINTER_DPI = 300
SCALE = 4  # pages compared at 288 dpi
PX_PER_MM = 72 / 25.4 * SCALE
REACH = 30
# 0.26 mm: the printed page may differ by rounding; half a millimetre is 6 pixels.
TOLERANCE_PX = 3


def _pdf_printer(path: Path) -> QPrinter:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(path))
    printer.setResolution(PRINTER_DPI)
    return printer


def _open(path: Path) -> QPdfDocument:
    document = QPdfDocument()
    assert document.load(str(path)) == QPdfDocument.Error.None_
    return document


def _darkness(path: Path) -> tuple[bytes, bytes]:
    """Mean grey of each column and of each row of the first page."""
    image = pdfium.PdfDocument(path)[0].render(scale=SCALE).to_pil().convert("L")
    columns = image.resize((image.width, 1), Image.Resampling.BOX).tobytes()
    rows = image.resize((1, image.height), Image.Resampling.BOX).tobytes()
    return columns, rows


def _shift(original: bytes, printed: bytes, from_mm: float, to_mm: float) -> int:
    """How many pixels the stretch from_mm..to_mm moved between the two (0: in place)."""
    first, last = round(from_mm * PX_PER_MM), round(to_mm * PX_PER_MM)
    return min(
        range(-REACH, REACH + 1),
        key=lambda s: sum(abs(original[i] - printed[i + s]) for i in range(first, last)),
    )


def _assert_in_place(original: Path, printed: Path) -> None:
    """Near and far parts of the page line up: neither shifted nor scaled."""
    (columns, rows), (printed_columns, printed_rows) = _darkness(original), _darkness(printed)
    shifts = [
        _shift(columns, printed_columns, 5, 100),
        _shift(columns, printed_columns, 110, 205),
        _shift(rows, printed_rows, 5, 140),
        _shift(rows, printed_rows, 150, 290),
    ]
    assert all(abs(s) <= TOLERANCE_PX for s in shifts), shifts


def test_an_a4_page_comes_out_at_true_size_and_in_place(qtbot: QtBot, tmp_path: Path) -> None:
    source = tmp_path / "kalibrasi.pdf"
    render_calibration_page(SheetOptions(), source)
    printed = tmp_path / "dicetak.pdf"
    # A printer offered Letter paper still gets A4: the cards must not be scaled.
    printer = _pdf_printer(printed)
    printer.setPageSize(QPageSize(QPageSize.PageSizeId.Letter))

    assert print_document(_open(source), printer) == 1

    [page] = PdfReader(printed).pages
    assert (round(float(page.mediabox.width)), round(float(page.mediabox.height))) == (595, 842)
    _assert_in_place(source, printed)


def test_card_printer_pages_keep_their_size_and_the_page_range_is_honoured(
    qtbot: QtBot, tmp_path: Path
) -> None:
    source = tmp_path / "cr80.pdf"
    canvas = Canvas(str(source), pagesize=(CARD_W, CARD_H))
    for number in range(1, 6):
        canvas.drawString(20, 20, f"kartu {number}")
        canvas.showPage()
    canvas.save()
    printed = tmp_path / "dicetak.pdf"
    printer = _pdf_printer(printed)
    printer.setPrintRange(QPrinter.PrintRange.PageRange)
    printer.setFromTo(2, 4)

    assert print_document(_open(source), printer) == 3

    pages = PdfReader(printed).pages
    assert len(pages) == 3
    for page in pages:
        # Landscape 85.6 × 54 mm; Qt writes whole points.
        assert abs(float(page.mediabox.width) - CARD_W) <= 0.5
        assert abs(float(page.mediabox.height) - CARD_H) <= 0.5


def test_a_bigger_printer_resolution_is_drawn_without_scaling_the_page(
    qtbot: QtBot, tmp_path: Path
) -> None:
    source = tmp_path / "kalibrasi.pdf"
    render_calibration_page(SheetOptions(offset_x_mm=3, offset_y_mm=-2), source)
    printed = tmp_path / "dicetak.pdf"
    printer = _pdf_printer(printed)
    printer.setResolution(1200)  # above the render cap: drawn at 600 dpi, scaled to the device

    assert print_document(_open(source), printer) == 1

    _assert_in_place(source, printed)


def test_the_comparison_sees_half_a_millimetre(qtbot: QtBot, tmp_path: Path) -> None:
    source, moved = tmp_path / "a.pdf", tmp_path / "b.pdf"
    render_calibration_page(SheetOptions(), source)
    render_calibration_page(SheetOptions(offset_y_mm=0.5), moved)
    with pytest.raises(AssertionError):
        _assert_in_place(source, moved)


def test_what_the_print_dialog_chose_still_prints_the_documents_paper(
    qtbot: QtBot, tmp_path: Path
) -> None:
    source = tmp_path / "cr80.pdf"
    canvas = Canvas(str(source), pagesize=(CARD_W, CARD_H))
    canvas.drawString(20, 20, "kartu")
    canvas.showPage()
    canvas.save()
    document = _open(source)
    seen: list[QPrintDialog] = []

    def accept(dialog: QPrintDialog) -> None:
        seen.append(dialog)
        dialog.accept()

    answers = ModalAnswers().then(QPrintDialog, accept)

    # No window to be the dialog's parent here; Qt takes None for "none".
    printer = choose_printer(None, document, duplex=False)  # type: ignore[arg-type]

    answers.check()
    assert "100 %" in seen[0].windowTitle()
    assert printer is not None
    # The dialog may put its own paper in (here: no printer, Letter); printing puts CR80 back.
    printed = tmp_path / "dicetak.pdf"
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(printed))
    assert print_document(document, printer) == 1
    [page] = PdfReader(printed).pages
    assert abs(float(page.mediabox.width) - CARD_W) <= 0.5
    assert abs(float(page.mediabox.height) - CARD_H) <= 0.5
