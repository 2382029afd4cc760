"""The agreement's signatures: PIHAK PERTAMA and PIHAK KEDUA side by side, each over a
box for the duty stamp (meterai), and both parties' paraf boxes in every page's footer."""

from __future__ import annotations

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Paragraph, Spacer, Table

from services.documents.agreement.params import AgreementParams
from services.documents.agreement.particulars import blank
from services.documents.blocks import plain_table_style, signed_name
from services.documents.nip import format_nip
from services.documents.styles import esc, styles
from services.text.pdf_fonts import load_fonts


def _party_column(
    title: str, position: str, name: str, id_line: str, stamp: bool, regional_head: bool = False
) -> list[Flowable]:
    s = styles()
    # The name as the letters sign it (blocks.signed_name): the Bupati's in capitals.
    name_markup = signed_name(name, regional_head) if name.strip() else esc(blank("nama"))
    room: list[Flowable] = (
        [Spacer(0, 4 * mm), _StampBox(), Spacer(0, 4 * mm)] if stamp else [Spacer(0, 22 * mm)]
    )
    column: list[Flowable] = [
        Paragraph(f"<b>{title}</b>,", s.center),
        Paragraph(f"{esc(position.upper())},", s.center),
        *room,
        Paragraph(name_markup, s.center),
    ]
    if id_line:
        column.append(Paragraph(id_line, s.center))
    return column


def signatures(
    params: AgreementParams, width: float, above: str = "", stamps: bool = True
) -> list[Flowable]:
    """Both parties side by side; ``stamps``: the duty-stamp boxes (the agreement's own
    signatures only: its annex is part of it and carries no meterai of its own)."""
    first, second = params.first_party, params.second_party
    first_id = "" if first.regional_head or not first.nip else f"NIP {format_nip(first.nip)}"
    left = _party_column(
        "PIHAK PERTAMA", first.position, first.name, first_id, stamps, first.regional_head
    )
    right = _party_column(
        "PIHAK KEDUA",
        second.position,
        second.name,
        f"NPK {esc(second.npk)}" if second.npk else "",
        stamps,
    )
    table = Table([[left, right]], colWidths=[width / 2, width / 2])
    table.setStyle(plain_table_style())
    head: list[Flowable] = [Paragraph(above, styles().center), Spacer(0, 2 * mm)] if above else []
    # Kept together by the caller, with the closing article (never a nested KeepTogether:
    # it measures as endless and pushes the group to a new page).
    return [Spacer(0, 8 * mm), *head, table]


class _StampBox(Flowable):
    """A dashed square where the duty stamp (meterai) goes, signed across."""

    def __init__(self, size: float = 24 * mm) -> None:
        super().__init__()
        self.size = size

    def wrap(self, avail_width: float, _avail_height: float) -> tuple[float, float]:
        self._avail = avail_width
        return avail_width, self.size

    def draw(self) -> None:
        canvas = self.canv
        x = (self._avail - self.size) / 2
        canvas.saveState()
        canvas.setStrokeColor(colors.grey)
        canvas.setDash(2, 2)
        canvas.rect(x, 0, self.size, self.size)
        canvas.setFillColor(colors.grey)
        canvas.setFont(load_fonts().regular, 7)
        canvas.drawCentredString(x + self.size / 2, self.size / 2 - 2, "meterai")
        canvas.restoreState()


def paraf_boxes(canvas: Canvas, _page: int) -> None:
    """Initials of both parties on every page: two boxes bottom right."""
    width, _ = canvas._pagesize
    box_w, box_h = 21 * mm, 9 * mm
    right = width - 20 * mm
    bottom = 6 * mm
    canvas.saveState()
    canvas.setLineWidth(0.5)
    canvas.setFont(load_fonts().regular, 6)
    for index, label in enumerate(("PIHAK KEDUA", "PIHAK PERTAMA")):
        x = right - (index + 1) * box_w
        canvas.rect(x, bottom, box_w, box_h)
        canvas.drawCentredString(x + box_w / 2, bottom + box_h + 1.2 * mm, label)
    canvas.drawRightString(right - 2 * box_w - 2 * mm, bottom + box_h / 2 - 1, "Paraf:")
    canvas.restoreState()
