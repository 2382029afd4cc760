"""A report as a PDF (ReportLab, embedded DejaVu fonts): the office's kop (the one its
letters carry, services/documents/letterhead.py), the title, then each section's tables
with their header row repeated on every page, total rows in bold, and a footer with the
printing date and clerk and, when the document runs to several pages, "Halaman X dari Y".

A report whose sections are documents of their own (the village list: one per village,
for its head to sign) gives each section the kop, the title, its particulars
("Desa/Kelurahan : …"), a closing sentence and the signature, on pages numbered per
section.
"""

from __future__ import annotations

import heapq
from bisect import bisect_right
from collections.abc import Callable, Iterable
from datetime import date, datetime
from itertools import accumulate
from pathlib import Path
from typing import TYPE_CHECKING, Any
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.lib.utils import simpleSplit
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    Flowable,
    KeepTogether,
    LongTable,
    PageBreak,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    TableStyle,
)
from reportlab.platypus import Table as PdfTable

from services.reports.model import CellKind, Report, Section, Signature, Table
from services.settings.office_images import OfficeImages
from services.text.formatting import long_date, short_date
from services.text.money import number
from services.text.pdf_fonts import FontSet, load_fonts

if TYPE_CHECKING:
    from services.documents.letterhead import Letterhead

MARGIN = 12 * mm
BODY_SIZE = 7.5
MIN_SIZE = 5.5
HEADER_GREY = colors.Color(0.87, 0.87, 0.87)
TOTAL_GREY = colors.Color(0.94, 0.94, 0.94)
CELL_PADDING = 2.0
ROW_PADDING = 1.2
_NUMERIC = (CellKind.COUNT, CellKind.MONEY)
# Page width per unit of column weight: a table of few columns does not span the page.
WEIGHT_UNIT = 24 * mm


def write_pdf(
    report: Report,
    path: Path,
    settings: dict[str, str],
    printed_by: str | None,
    today: date,
    images: OfficeImages,
) -> int:
    """Write the PDF; returns the number of pages."""
    # Imported here: the documents package is not needed to show a report on screen.
    from services.documents.letterhead import letterhead_from_settings

    head = letterhead_from_settings(settings, images)
    fonts = load_fonts()
    page = landscape(A4) if report.landscape else A4
    printed = f"dicetak {long_date(today)}" + (f" oleh {printed_by}" if printed_by else "")
    doc = SimpleDocTemplate(
        str(path),
        pagesize=page,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN,
        bottomMargin=MARGIN + 4 * mm,
        title=report.title,
        author=settings.get("office.name", ""),
        subject=" · ".join(report.subtitle),
    )
    starts: list[tuple[int, str]] = []  # (first page, footer label) of each document
    story = _Story(fonts, doc.width, starts).build(report, head)
    if not starts:
        starts.append((1, report.title))
    pages: list[int] = []
    doc.build(story, canvasmaker=_numbered_canvas(fonts, printed, starts, pages))
    return pages[0] if pages else 0


class _Story:
    def __init__(self, fonts: FontSet, width: float, starts: list[tuple[int, str]]) -> None:
        self.fonts = fonts
        self.width = width
        self.starts = starts
        self.cell = ParagraphStyle(
            "cell", fontName=fonts.condensed, fontSize=BODY_SIZE, leading=BODY_SIZE * 1.2
        )
        self.centre = ParagraphStyle(
            "centre", fontName=fonts.regular, fontSize=9, leading=11, alignment=TA_CENTER
        )
        self.body = ParagraphStyle(
            "body", fontName=fonts.regular, fontSize=9.5, leading=12, alignment=TA_JUSTIFY
        )
        self.note = ParagraphStyle(
            "note", fontName=fonts.italic, fontSize=BODY_SIZE + 0.5, leading=10
        )
        self.heading = ParagraphStyle(
            "heading", fontName=fonts.bold, fontSize=10, leading=13, spaceBefore=6, spaceAfter=3
        )
        self.small_heading = ParagraphStyle(
            "small", fontName=fonts.bold, fontSize=8.5, leading=11, spaceBefore=4, spaceAfter=2
        )

    def build(self, report: Report, head: Letterhead) -> list[Flowable]:
        if report.document_per_section and report.sections:
            return self._documents(report, head)
        story = self._top(report, head)
        story += [Paragraph(escape(line), self.centre) for line in report.subtitle]
        story.append(Spacer(1, 3 * mm))
        story += [Paragraph(escape(note), self.note) for note in report.notes]
        for index, section in enumerate(report.sections):
            if section.new_page and index > 0:
                story.append(PageBreak())
            story += self._section(section)
        return story

    def _documents(self, report: Report, head: Letterhead) -> list[Flowable]:
        story: list[Flowable] = []
        for index, section in enumerate(report.sections):
            if index:
                story.append(PageBreak())
            label = f"{report.title} — {section.heading or index + 1}"
            story.append(_DocumentStart(self.starts, label))
            story += self._top(report, head)
            story.append(Spacer(1, 2 * mm))
            story.append(self._particulars(section.particulars))
            story.append(Spacer(1, 2 * mm))
            story += [Paragraph(escape(note), self.note) for note in report.notes]
            story.append(Spacer(1, 1.5 * mm))
            story += self._section(section, with_heading=False)
        return story

    def _top(self, report: Report, head: Letterhead) -> list[Flowable]:
        from services.documents.letterhead import office_kop

        title = ParagraphStyle(
            "title", parent=self.centre, fontName=self.fonts.bold, fontSize=12, leading=15
        )
        return [*office_kop(head, self.width), Paragraph(escape(report.title.upper()), title)]

    def _particulars(self, lines: tuple[tuple[str, str], ...]) -> Flowable:
        # Labels left-aligned in a column as wide as the longest ("Jumlah peserta
        # terlindungi" once wrapped in 42 mm, justified, its colon on the wrong line).
        label = ParagraphStyle("label", parent=self.body, alignment=TA_LEFT)
        longest = max(
            (stringWidth(text, label.fontName, label.fontSize) for text, _ in lines), default=0
        )
        # + the cell's right padding (6 pt) and a little room.
        label_width = min(max(42 * mm, longest + 6 + 2 * mm), 0.35 * self.width)
        rows = [
            [Paragraph(escape(text), label), ":", Paragraph(escape(value), self.body)]
            for text, value in lines
        ]
        table = PdfTable(
            rows,
            colWidths=[label_width, 4 * mm, self.width - label_width - 4 * mm],
            hAlign="LEFT",
        )
        table.setStyle(
            TableStyle(
                [
                    ("FONT", (0, 0), (-1, -1), self.fonts.regular, 9.5),
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("LEFTPADDING", (0, 0), (-1, -1), 0),
                    ("TOPPADDING", (0, 0), (-1, -1), 0.5),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 0.5),
                ]
            )
        )
        return table

    def _section(self, section: Section, with_heading: bool = True) -> list[Flowable]:
        parts: list[Flowable] = []
        if section.heading and with_heading:
            parts.append(Paragraph(escape(section.heading), self.heading))
        for table in section.tables:
            if len(section.tables) > 1 or (with_heading and not section.heading):
                parts.append(Paragraph(escape(table.name), self.small_heading))
            parts.append(self._table(table))
            if table.note:
                parts.append(Spacer(1, 1 * mm))
                parts.append(Paragraph(escape(table.note), self.note))
            parts.append(Spacer(1, 3 * mm))
        closing = [Paragraph(escape(section.closing), self.body)] if section.closing else []
        if section.signature is not None:
            parts.append(self._signature(section.signature, closing))
        else:
            parts += closing
        return parts

    def _table(self, table: Table) -> Flowable:
        texts = [[_text(v) for v in row] for row in table.rows]
        widths, size = self._widths(table, texts)
        leading = size * 1.2
        cell = ParagraphStyle("cell", parent=self.cell, fontSize=size, leading=leading)
        right = ParagraphStyle("right", parent=cell, alignment=TA_RIGHT)
        header = [
            Paragraph(f"<b>{escape(c.header)}</b>", right if c.kind in _NUMERIC else cell)
            for c in table.columns
        ]
        # Long values wrapped here into lines: plain strings draw far faster than paragraphs,
        # and their height is known without laying them out.
        wrap_width = [w - 2 * CELL_PADDING for w in widths]
        body = [
            [
                wrap_cell(text, self.fonts.condensed, size, wrap_width[i])
                if table.columns[i].wrap
                else text
                for i, text in enumerate(row)
            ]
            for row in texts
        ] or [["Tidak ada data."] + [""] * (len(table.columns) - 1)]
        padding = 2 * ROW_PADDING
        heights = [max(v.count("\n") + 1 for v in row) * leading + padding for row in body]
        base = [
            ("FONT", (0, 0), (-1, -1), self.fonts.condensed, size, leading),
            ("BACKGROUND", (0, 0), (-1, 0), HEADER_GREY),
            ("GRID", (0, 0), (-1, -1), 0.25, colors.grey),
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ("LEFTPADDING", (0, 0), (-1, -1), CELL_PADDING),
            ("RIGHTPADDING", (0, 0), (-1, -1), CELL_PADDING),
            ("TOPPADDING", (0, 0), (-1, -1), ROW_PADDING),
            ("BOTTOMPADDING", (0, 0), (-1, -1), ROW_PADDING),
        ]
        base += [
            ("ALIGN", (i, 1), (i, -1), "RIGHT")
            for i, c in enumerate(table.columns)
            if c.kind in _NUMERIC
        ]

        def part(first: int, last: int) -> LongTable:
            style = list(base)
            for row in table.total_rows:
                if first <= row < last:
                    at = row - first + 1
                    style.append(("FONT", (0, at), (-1, at), self.fonts.condensed_bold, size))
                    style.append(("BACKGROUND", (0, at), (-1, at), TOTAL_GREY))
            result = LongTable(
                [header, *body[first:last]], colWidths=widths, repeatRows=1, hAlign="LEFT"
            )
            result.setStyle(TableStyle(style))
            return result

        header_height = part(0, 0).wrap(sum(widths), self.width)[1]
        return _TableRun(part, heights, header_height, sum(widths))

    def _widths(self, table: Table, texts: list[list[str]]) -> tuple[list[float], float]:
        """Column widths and the font size. Widths go by weight, on at most the page width
        (a table of few columns stays narrow), but never narrower than the longest word of
        the header nor, unless the column may wrap, than its widest value (measured in bold:
        total rows are bold). When even that is wider than the page, the font shrinks."""
        columns = table.columns
        pad = 2 * CELL_PADDING + 1

        def width(text: str) -> float:
            return stringWidth(text, self.fonts.condensed_bold, BODY_SIZE)

        floor = []
        for index, column in enumerate(columns):
            needed = max(width(word) for word in column.header.split())
            if not column.wrap:
                needed = max(needed, max(map(width, _longest(row[index] for row in texts))))
            floor.append(needed + pad)
        if sum(floor) > self.width:
            scale = self.width / sum(floor)
            return [f * scale for f in floor], max(MIN_SIZE, BODY_SIZE * scale)
        available = min(self.width, max(sum(floor), sum(c.weight for c in columns) * WEIGHT_UNIT))
        fixed: set[int] = set()
        while True:
            free = available - sum(floor[i] for i in fixed)
            weight = sum(c.weight for i, c in enumerate(columns) if i not in fixed) or 1.0
            widths = [
                floor[i] if i in fixed else free * c.weight / weight for i, c in enumerate(columns)
            ]
            narrow = {i for i, w in enumerate(widths) if i not in fixed and w < floor[i]}
            if not narrow:
                return widths, BODY_SIZE
            fixed |= narrow

    def _signature(self, sign: Signature, closing: list[Flowable]) -> Flowable:
        style = ParagraphStyle("sign", parent=self.centre, fontSize=9.5, leading=12)
        name = f"<u><b>{escape(sign.name)}</b></u>" if sign.name else "(" + "." * 45 + ")"
        block = [
            [Paragraph(escape(sign.place_date), style)],
            [Paragraph(escape(sign.title), style)],
            [Spacer(1, 20 * mm)],
            [Paragraph(name, style)],
        ]
        inner = PdfTable(block, colWidths=[80 * mm])
        outer = PdfTable([["", inner]], colWidths=[self.width - 85 * mm, 85 * mm])
        outer.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP")]))
        # The closing sentence stays on the page of the signature it introduces.
        return KeepTogether([*closing, Spacer(1, 4 * mm), outer])


class _DocumentStart(Flowable):
    """Marks where a section's own document begins, for its footer and page numbers."""

    def __init__(self, starts: list[tuple[int, str]], label: str) -> None:
        super().__init__()
        self._starts = starts
        self._label = label

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        return 0, 0

    def draw(self) -> None:
        self._starts.append((self.canv.getPageNumber(), self._label))


class _TableRun(Flowable):
    """A table laid out page by page: each page gets a table of the rows that fit under the
    repeated header. Platypus's own split of a long table rebuilds the remaining rows for
    every page, which grows with the square of the length (a 500-page village list took
    minutes); here every row is placed once, by its height known in advance."""

    def __init__(
        self,
        part: Callable[[int, int], LongTable],
        heights: list[float],
        header: float,
        width: float,
        first: int = 0,
        ends: list[float] | None = None,
    ) -> None:
        super().__init__()
        self._part = part
        self._heights = heights
        self._header = header
        self._width = width
        self._first = first
        # ends[i]: the height of rows 0..i-1, so any run's height is one subtraction.
        self._ends = ends if ends is not None else [0.0, *accumulate(heights)]

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        # Measured, never built: building the rest of a long table for every page is what
        # this class avoids.
        self.width = self._width
        self.height = self._header + self._ends[-1] - self._ends[self._first]
        return self.width, self.height

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        room = availHeight - self._header + self._ends[self._first]
        last = bisect_right(self._ends, room) - 1  # rows first..last-1 fit
        if last <= self._first:
            return []
        rest = _TableRun(self._part, self._heights, self._header, self._width, last, self._ends)
        return [self._part(self._first, last), rest]

    def draw(self) -> None:
        table = self._part(self._first, len(self._heights))
        table.wrapOn(self.canv, self.width, self.height)
        table.drawOn(self.canv, 0, 0)


def wrap_cell(text: str, font: str, size: float, width: float) -> str:
    """A cell's text as lines that fit ``width``: broken at spaces, and a word longer than
    the column (a long name written without spaces) broken inside, so it never runs into
    the next column (the NIK beside a name)."""
    lines: list[str] = []
    for line in simpleSplit(text, font, size, width) or [""]:
        while len(line) > 1 and stringWidth(line, font, size) > width:
            fits = _fitting_prefix(line, font, size, width)
            lines.append(line[:fits])
            line = line[fits:]
        lines.append(line)
    return "\n".join(lines)


def _fitting_prefix(line: str, font: str, size: float, width: float) -> int:
    """How many characters of ``line`` fit ``width`` (at least one)."""
    low, high = 1, len(line)
    while low < high:
        middle = (low + high + 1) // 2
        if stringWidth(line[:middle], font, size) <= width:
            low = middle
        else:
            high = middle - 1
    return low


def _longest(texts: Iterable[str], keep: int = 20) -> list[str]:
    """The longest few distinct texts of a column: measuring each of 15,000 cells would cost
    more than drawing them, and the widest text is among the longest."""
    return heapq.nlargest(keep, set(texts), key=len) or [""]


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "ya" if value else "tidak"
    if isinstance(value, int):
        return number(value)
    if isinstance(value, datetime | date):
        return short_date(value)
    return str(value)


def _numbered_canvas(
    fonts: FontSet, printed: str, starts: list[tuple[int, str]], pages: list[int]
) -> type[Canvas]:
    """A canvas that holds its pages until the end, to print "Halaman X dari Y" on each
    page of a document longer than one page, counted within the document (``starts``:
    first page and label of each) it belongs to."""

    class NumberedCanvas(Canvas):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._saved: list[dict[str, Any]] = []

        def showPage(self) -> None:
            self._saved.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._saved)
            pages.append(total)
            firsts = [first for first, _ in starts]
            for state in self._saved:
                self.__dict__.update(state)
                which = max(0, bisect_right(firsts, self._pageNumber) - 1)
                first, label = starts[which]
                last = firsts[which + 1] - 1 if which + 1 < len(firsts) else total
                self._footer(f"{label} — {printed}", self._pageNumber - first + 1, last - first + 1)
                super().showPage()
            super().save()

        def _footer(self, text: str, number: int, count: int) -> None:
            width, _ = self._pagesize
            self.setFont(fonts.regular, 7)
            self.setFillColor(colors.dimgrey)
            self.drawString(MARGIN, 7 * mm, text)
            # A one-page document is not numbered: "Halaman 1 dari 1" tells the reader nothing.
            if count > 1:
                self.drawRightString(width - MARGIN, 7 * mm, f"Halaman {number} dari {count}")

    return NumberedCanvas
