"""The page every official document is laid on: A4 or F4, margins, page numbers, metadata.

"Halaman 1 dari 3" needs the page count before the first page is finished, so
the canvas keeps each page's drawing until the end and numbers them all at
``save()`` (documents of one page carry no number). Letters number the way
the tata naskah dinas does instead: none on the first page, which carries the
kop, and "- 2 -" centred at the top of each continuation page
(``PageNumbering.CONTINUATION``). Callers may add their own furniture per page
(the agreement's paraf boxes) through ``on_page``.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from enum import Enum
from typing import Any

from reportlab.lib.colors import Color
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageTemplate

from models.enums import PageSize
from services.text.pdf_fonts import load_fonts

PAGE_SIZES: dict[PageSize, tuple[float, float]] = {
    PageSize.A4: A4,
    PageSize.F4: (215 * mm, 330 * mm),
}
PAGE_SIZE_LABELS = {PageSize.A4: "A4 (210 × 297 mm)", PageSize.F4: "F4/folio (215 × 330 mm)"}


@dataclass(frozen=True, slots=True)
class Margins:
    """Generous left margin for binding, as official documents are filed."""

    left: float = 25 * mm
    right: float = 20 * mm
    top: float = 15 * mm
    bottom: float = 22 * mm


@dataclass(frozen=True, slots=True)
class DocumentInfo:
    title: str
    author: str  # the office
    subject: str = ""


@dataclass(frozen=True, slots=True)
class RenderedPdf:
    data: bytes
    page_count: int


class PageNumbering(Enum):
    FOOTER = "footer"  # "Halaman n dari N" at the foot of every page of a longer document
    CONTINUATION = "continuation"  # "- n -" at the top of pages 2…N (official letters)


PageHook = Callable[[Canvas, int], None]  # (canvas, page number) on every page
PREVIEW_MARK = "PRATINJAU — BELUM BERNOMOR"


def preview_mark(canvas: Canvas, _page: int) -> None:
    """Across every page of a preview, so it is never taken for an issued document."""
    width, height = canvas._pagesize
    canvas.saveState()
    canvas.setFont(load_fonts().bold, 34)
    canvas.setFillColor(Color(0.8, 0.1, 0.1, alpha=0.18))
    canvas.translate(width / 2, height / 2)
    canvas.rotate(50)
    canvas.drawCentredString(0, 0, PREVIEW_MARK)
    canvas.restoreState()


def both(*hooks: PageHook | None) -> PageHook | None:
    """Several page hooks as one (None ones left out)."""
    present = [h for h in hooks if h is not None]
    if not present:
        return None

    def run(canvas: Canvas, page: int) -> None:
        for hook in present:
            hook(canvas, page)

    return run


DEFAULT_MARGINS = Margins()


def text_width(page_size: PageSize, margins: Margins = DEFAULT_MARGINS) -> float:
    return PAGE_SIZES[page_size][0] - margins.left - margins.right


def render_pdf(
    story: Sequence[Flowable],
    page_size: PageSize,
    info: DocumentInfo,
    *,
    margins: Margins = DEFAULT_MARGINS,
    on_page: PageHook | None = None,
    numbering: PageNumbering = PageNumbering.FOOTER,
) -> RenderedPdf:
    fonts = load_fonts()
    size = PAGE_SIZES[page_size]
    counted: list[int] = []

    class NumberedCanvas(Canvas):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._pages: list[dict[str, Any]] = []

        def showPage(self) -> None:
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._pages)
            counted.append(total)
            for number, state in enumerate(self._pages, start=1):
                self.__dict__.update(state)
                if on_page is not None:
                    on_page(self, number)
                if numbering is PageNumbering.CONTINUATION:
                    if number > 1:
                        # In the top margin, clear of the text frame and of the body's size.
                        self.setFont(fonts.regular, 11)
                        top = size[1] - margins.top / 2 - 4
                        self.drawCentredString(size[0] / 2, top, f"- {number} -")
                elif total > 1:
                    self.setFont(fonts.regular, 8)
                    self.drawCentredString(size[0] / 2, 10 * mm, f"Halaman {number} dari {total}")
                super().showPage()
            super().save()

    buffer = io.BytesIO()
    doc = BaseDocTemplate(
        buffer,
        pagesize=size,
        leftMargin=margins.left,
        rightMargin=margins.right,
        topMargin=margins.top,
        bottomMargin=margins.bottom,
        title=info.title,
        author=info.author,
        subject=info.subject,
        creator="SiRentan",
        lang="id-ID",
        # Else ReportLab starts each page in Helvetica: a font not embedded.
        initialFontName=fonts.regular,
    )
    frame = Frame(
        margins.left,
        margins.bottom,
        size[0] - margins.left - margins.right,
        size[1] - margins.top - margins.bottom,
        leftPadding=0,
        rightPadding=0,
        topPadding=0,
        bottomPadding=0,
        id="body",
    )
    doc.addPageTemplates([PageTemplate(id="page", frames=[frame])])
    doc.build(list(story), canvasmaker=NumberedCanvas)
    return RenderedPdf(buffer.getvalue(), counted[0])
