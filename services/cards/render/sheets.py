"""Cards onto pages: A4 sheets of ten (with mirrored back sheets), or one card per CR80 page."""

from __future__ import annotations

from collections.abc import Iterable, Sized
from pathlib import Path
from typing import BinaryIO

from reportlab.pdfgen.canvas import Canvas

from services.cards.render.back import BACK_FORM, define_back_form
from services.cards.render.front import define_front_form, draw_front
from services.cards.render.geometry import (
    CARD_H,
    CARD_W,
    MM,
    PAGE_H,
    PAGE_W,
    SLOTS,
    draw_cut_marks,
    slot_origin,
)
from services.cards.render.output import pdf_canvas, save
from services.cards.render.text import TextOperators
from services.cards.render.types import (
    CardData,
    CardDesign,
    Layout,
    RenderResult,
    SheetOptions,
)
from services.core.errors import Problem, ValidationError
from services.core.progress import Cancel, Progress, check_cancel
from services.text.pdf_fonts import FontSet, load_fonts

CUT_MARKS_FORM = "SiRentanCutMarks"
CR80_REPORT_EVERY = 10  # CR80 pages are tiny: report and check for cancel every ten cards

STAGE = "Membuat kartu"
CANCELLED = "Pencetakan kartu dibatalkan; berkas PDF tidak dibuat."


def check_options(options: SheetOptions) -> None:
    if not 1 <= options.start_position <= SLOTS:
        raise ValidationError(
            [
                Problem(
                    "start_position",
                    "start_position",
                    f"Posisi awal harus antara 1 dan {SLOTS} (kartu pertama yang masih kosong "
                    "pada lembar A4).",
                )
            ],
            record="Cetak kartu",
        )


def render_cards(
    cards: Iterable[CardData],
    design: CardDesign,
    options: SheetOptions,
    out: Path | BinaryIO,
    progress: Progress | None = None,
    total: int | None = None,
    cancel: Cancel | None = None,
) -> RenderResult:
    """Draw the cards into one PDF at ``out``.

    ``progress(STAGE, done, total)`` is called after every sheet (A4) or every ten cards
    (CR80); ``total`` is the given one, else ``len(cards)`` when it has one, else 0.
    When ``cancel()`` turns true, CancelledError is raised and nothing is written.
    """
    check_options(options)
    fonts = load_fonts()
    if total is None:
        total = len(cards) if isinstance(cards, Sized) else 0
    # Any str enum with the same values will do (the card model keeps its own).
    a4 = Layout(options.layout) is Layout.A4
    pagesize = (PAGE_W, PAGE_H) if a4 else (CARD_W, CARD_H)
    title = f"Kartu Peserta Pekerja Rentan — {design.district_name}"
    with pdf_canvas(out, pagesize, title, fonts.regular) as canvas:
        define_front_form(canvas, design, fonts)
        if options.backs:
            define_back_form(canvas, design, fonts)
        writer = _A4Writer if a4 else _CR80Writer
        result = writer(canvas, options, fonts, progress, total, cancel).write(cards)
        if result.cards == 0:
            raise ValidationError(
                [Problem("no_cards", "cards", "Tidak ada kartu untuk dicetak.")],
                record="Cetak kartu",
            )
        save(canvas)
    return result


class _Writer:
    def __init__(
        self,
        canvas: Canvas,
        options: SheetOptions,
        fonts: FontSet,
        progress: Progress | None,
        total: int,
        cancel: Cancel | None,
    ) -> None:
        self.canvas = canvas
        self.options = options
        self.fonts = fonts
        self.progress = progress
        self.total = total
        self.cancel = cancel
        self.pages = 0
        self.text = TextOperators(canvas)
        self.placements: list[tuple[int, int, int]] = []

    def begin_page(self) -> None:
        # Printer calibration: x to the right, y downwards, as the clerk measured it.
        self.canvas.translate(self.options.offset_x_mm * MM, -self.options.offset_y_mm * MM)

    def end_page(self) -> None:
        self.canvas.showPage()
        self.pages += 1

    def card_at(self, card: CardData, x: float, y: float) -> None:
        draw_front(self.canvas, card, self.fonts, self.text, x, y)

    def back_at(self, x: float, y: float) -> None:
        canvas = self.canvas
        canvas.saveState()
        canvas.translate(x, y)
        canvas.doForm(BACK_FORM)
        canvas.restoreState()

    def report(self) -> None:
        check_cancel(self.cancel, CANCELLED)
        if self.progress is not None:
            self.progress(STAGE, len(self.placements), self.total)

    def result(self) -> RenderResult:
        return RenderResult(self.pages, len(self.placements), tuple(self.placements))


class _A4Writer(_Writer):
    def write(self, cards: Iterable[CardData]) -> RenderResult:
        if self.options.cut_marks:
            self._define_cut_marks()
        on_sheet: list[int] = []
        slot = self.options.start_position - 1
        for card in cards:
            if not on_sheet:
                self._begin_front()
            slot += 1
            self.card_at(card, *slot_origin(slot))
            self.placements.append((card.worker_id, self.pages + 1, slot))
            on_sheet.append(slot)
            if slot == SLOTS:
                self._finish_sheet(on_sheet)
                on_sheet, slot = [], 0
        if on_sheet:
            self._finish_sheet(on_sheet)
        return self.result()

    def _define_cut_marks(self) -> None:
        self.canvas.beginForm(CUT_MARKS_FORM)
        draw_cut_marks(self.canvas)
        self.canvas.endForm()

    def _begin_front(self) -> None:
        self.begin_page()
        if self.options.cut_marks:
            self.canvas.doForm(CUT_MARKS_FORM)

    def _finish_sheet(self, slots: list[int]) -> None:
        self.end_page()
        if self.options.backs:
            # Only behind the cards printed now: the other slots of a partly used
            # sheet already have their backs.
            self.begin_page()
            for slot in slots:
                self.back_at(*slot_origin(slot, mirrored=True))
            self.end_page()
        self.report()


class _CR80Writer(_Writer):
    def write(self, cards: Iterable[CardData]) -> RenderResult:
        for card in cards:
            self.begin_page()
            self.card_at(card, 0, 0)
            self.placements.append((card.worker_id, self.pages + 1, 1))
            self.end_page()
            if self.options.backs:
                self.begin_page()
                self.back_at(0, 0)
                self.end_page()
            if len(self.placements) % CR80_REPORT_EVERY == 0:
                self.report()
        if len(self.placements) % CR80_REPORT_EVERY:
            self.report()
        return self.result()
