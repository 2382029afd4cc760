"""Printing a PDF at true size: every page drawn from the paper's corner at 100 %.

Cards must come out 85.6 × 54 mm and land in the slots of a half-used sheet,
so the printer gets the PDF's own paper size without margins, and each page is
rendered at the printer's resolution and drawn unscaled. A driver's "fit to
page" would shrink the cards; the calibration offsets already correct where
the printer puts the paper's corner.
"""

from __future__ import annotations

from PySide6.QtCore import QMarginsF, QRect, QRectF, QSize, QSizeF
from PySide6.QtGui import QPageLayout, QPageSize, QPainter
from PySide6.QtPdf import QPdfDocument, QPdfDocumentRenderOptions
from PySide6.QtPrintSupport import QPrinter

# Beyond this a page image costs more memory than any card printer can show.
MAX_RENDER_DPI = 600
# Pages are rendered in strips this tall, so an A4 page at 600 dpi never needs 140 MB at once.
BAND_PIXELS = 1024
POINTS_PER_INCH = 72

TRUE_SIZE_NOTE = (
    "Kartu dicetak dengan ukuran sebenarnya (skala 100 %). Di jendela printer jangan pilih "
    "“Sesuaikan dengan halaman” / “Fit to page”; ukuran kertas diatur mengikuti PDF."
)


class PrintFailedError(Exception):
    """The printer could not be opened (no printer, a driver fault)."""


def match_paper(printer: QPrinter, document: QPdfDocument, duplex: bool = False) -> None:
    """Give the printer the PDF's paper size, no margins, origin at the paper's corner."""
    size = document.pagePointSize(0)
    portrait = QSizeF(min(size.width(), size.height()), max(size.width(), size.height()))
    page_size = QPageSize(portrait, QPageSize.Unit.Point, "", QPageSize.SizeMatchPolicy.FuzzyMatch)
    orientation = (
        QPageLayout.Orientation.Landscape
        if size.width() > size.height()
        else QPageLayout.Orientation.Portrait
    )
    printer.setPageLayout(QPageLayout(page_size, orientation, QMarginsF(0, 0, 0, 0)))
    printer.setFullPage(True)
    if duplex:
        # The back sheets are mirrored for a flip around the long edge.
        printer.setDuplex(QPrinter.DuplexMode.DuplexLongSide)


def pages_to_print(printer: QPrinter, page_count: int) -> list[int]:
    """0-based page numbers, honouring a page range chosen in the print dialog."""
    first, last = 0, page_count - 1
    if printer.printRange() == QPrinter.PrintRange.PageRange and printer.fromPage() > 0:
        first = printer.fromPage() - 1
        last = min(last, max(printer.toPage(), printer.fromPage()) - 1)
    pages = list(range(first, last + 1))
    # Drivers that cannot make copies themselves get the pages again.
    copies = 1 if printer.supportsMultipleCopies() else max(1, printer.copyCount())
    return pages * copies


def print_document(document: QPdfDocument, printer: QPrinter) -> int:
    """Print the document's pages at true size; returns how many pages were sent."""
    match_paper(printer, document, printer.duplex() != QPrinter.DuplexMode.DuplexNone)
    pages = pages_to_print(printer, document.pageCount())
    painter = QPainter()
    if not pages or not painter.begin(printer):
        raise PrintFailedError("Printer tidak dapat dibuka.")
    try:
        for number, page in enumerate(pages):
            if number and not printer.newPage():
                raise PrintFailedError("Printer menolak halaman berikutnya.")
            _draw_page(painter, document, page, printer.resolution())
    finally:
        painter.end()
    return len(pages)


def _draw_page(painter: QPainter, document: QPdfDocument, page: int, device_dpi: int) -> None:
    points = document.pagePointSize(page)
    render_dpi = min(device_dpi, MAX_RENDER_DPI)
    pixels = QSize(
        round(points.width() * render_dpi / POINTS_PER_INCH),
        round(points.height() * render_dpi / POINTS_PER_INCH),
    )
    # Device units per rendered pixel: 1 unless the printer's resolution is above the cap.
    scale = device_dpi / render_dpi
    for top in range(0, pixels.height(), BAND_PIXELS):
        height = min(BAND_PIXELS, pixels.height() - top)
        options = QPdfDocumentRenderOptions()
        options.setScaledSize(pixels)
        options.setScaledClipRect(QRect(0, top, pixels.width(), height))
        band = document.render(page, QSize(pixels.width(), height), options)
        target = QRectF(0, top * scale, pixels.width() * scale, height * scale)
        painter.drawImage(target, band)
