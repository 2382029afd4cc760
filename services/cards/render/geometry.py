"""Where cards sit on paper: the ID-1 card, the A4 sheet of ten, its mirror for duplex backs.

All lengths are PDF points (1/72 inch) unless a name ends in ``_MM``.
"""

from __future__ import annotations

from reportlab.lib.pagesizes import A4
from reportlab.pdfgen.canvas import Canvas

MM = 72 / 25.4

# ISO/IEC 7810 ID-1, the size of a bank card and of the CR80 blanks card printers take.
CARD_W_MM, CARD_H_MM = 85.60, 53.98
CARD_W, CARD_H = CARD_W_MM * MM, CARD_H_MM * MM

PAGE_W, PAGE_H = A4
COLUMNS, ROWS = 2, 5
SLOTS = COLUMNS * ROWS
# Rows touch (one cut between them); the columns keep a gutter for the cut marks between them.
GUTTER = 10 * MM
SHEET_LEFT = (PAGE_W - COLUMNS * CARD_W - GUTTER) / 2
SHEET_TOP = (PAGE_H - ROWS * CARD_H) / 2  # distance from the top edge of the paper

MARK_GAP = 1.5 * MM  # cut marks stop short of the card so a clean cut leaves no ink on it
MARK_LEN = 5 * MM
MARK_WIDTH = 0.3


def slot_origin(slot: int, mirrored: bool = False) -> tuple[float, float]:
    """Lower-left corner of slot 1..10 (left to right, top to bottom).

    A back sheet printed long-edge duplex is flipped around the vertical axis,
    so the back of the card in column 1 must be drawn in column 2 of its row.
    """
    row, column = divmod(slot - 1, COLUMNS)
    if mirrored:
        column = COLUMNS - 1 - column
    x = SHEET_LEFT + column * (CARD_W + GUTTER)
    y = PAGE_H - SHEET_TOP - (row + 1) * CARD_H
    return x, y


def draw_cut_marks(canvas: Canvas) -> None:
    """Short lines outside the cards, in line with every card edge of the sheet."""
    canvas.saveState()
    canvas.setLineWidth(MARK_WIDTH)
    canvas.setStrokeGray(0)
    column_edges = []
    for column in range(COLUMNS):
        left = SHEET_LEFT + column * (CARD_W + GUTTER)
        column_edges += [left, left + CARD_W]
    bottom = PAGE_H - SHEET_TOP - ROWS * CARD_H
    top = PAGE_H - SHEET_TOP
    row_edges = [bottom + row * CARD_H for row in range(ROWS + 1)]
    left, right = column_edges[0], column_edges[-1]
    lines = []
    for x in column_edges:
        lines.append((x, top + MARK_GAP, x, top + MARK_GAP + MARK_LEN))
        lines.append((x, bottom - MARK_GAP, x, bottom - MARK_GAP - MARK_LEN))
    for y in row_edges:
        lines.append((left - MARK_GAP, y, left - MARK_GAP - MARK_LEN, y))
        lines.append((right + MARK_GAP, y, right + MARK_GAP + MARK_LEN, y))
        # Across the gutter, where two card corners face each other.
        lines.append((column_edges[1] + MARK_GAP, y, column_edges[2] - MARK_GAP, y))
    canvas.lines(lines)
    canvas.restoreState()
