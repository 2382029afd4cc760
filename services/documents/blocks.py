"""Building blocks shared by letters and the agreement: label tables ("Nomor : …"),
hanging-indent items, ruled data tables with a repeated header, the signature block."""

from __future__ import annotations

import re
from dataclasses import dataclass
from html import unescape

from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer, Table, TableStyle

from services.documents.nip import format_nip
from services.documents.styles import esc, styles
from services.documents.types import SignatoryItem

_TAG = re.compile(r"<[^>]+>")
_COLON_WIDTH = 4 * mm
_CELL_PADDING = 2
_HEADER_GREY = colors.Color(0.9, 0.9, 0.9)
_TOTAL_GREY = colors.Color(0.95, 0.95, 0.95)


@dataclass(frozen=True, slots=True)
class DataTable:
    """A ruled table: an attachment's list of participants, a recap per kecamatan."""

    headers: list[str]
    rows: list[list[str]]  # plain text
    widths: list[float]  # fractions of the available width, summing to 1
    align: list[str]  # per column: "LEFT", "CENTER" or "RIGHT"
    # Per column: may the text wrap (names, villages)? Others print as one line, faster.
    wrap: list[bool]
    total_row: list[str] | None = None


def strip_markup(text: str) -> str:
    return unescape(_TAG.sub("", text))


def plain_table_style(indent: float = 0) -> TableStyle:
    body = styles().left
    return TableStyle(
        [
            ("FONT", (0, 0), (-1, -1), body.fontName, body.fontSize, body.leading),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ("LEFTPADDING", (0, 0), (0, -1), indent),
            ("RIGHTPADDING", (0, 0), (-1, -1), 0),
            ("TOPPADDING", (0, 0), (-1, -1), 0),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
        ]
    )


def label_table(
    rows: list[tuple[str, str]],
    width: float,
    label_width: float | None = None,
    indent: float = 0,
    style: ParagraphStyle | None = None,
) -> Table:
    """ "Nomor : …" lines: label, colon, value, the values aligned. Without a label width
    the longest label sets it (at most 40 % of the width), after ``indent``."""
    style = style or styles().left
    if label_width is None:
        longest = max(
            stringWidth(strip_markup(label), style.fontName, style.fontSize) for label, _ in rows
        )
        label_width = min(longest + 2 * mm, 0.4 * width)
    label_width += indent
    data = [[Paragraph(label, style), ":", Paragraph(value, style)] for label, value in rows]
    table = Table(
        data,
        colWidths=[label_width, _COLON_WIDTH, width - label_width - _COLON_WIDTH],
        hAlign="LEFT",
    )
    table.setStyle(plain_table_style(indent))
    return table


def numbered(
    mark: str,
    text: str,
    left: float,
    mark_width: float = 7 * mm,
    after: float = 0.5 * mm,
    leading: float | None = None,
) -> Paragraph:
    """A hanging-indent item: "1." (or "(1)", "a.") then the text aligned under itself;
    in the body's type, on the body's leading unless ``leading`` says otherwise."""
    body = styles().body
    leading = body.leading if leading is None else leading
    style = body.clone(
        f"item_{left:.1f}_{mark_width:.1f}_{after:.1f}_{leading:.1f}",
        leftIndent=left + mark_width,
        bulletIndent=left,
        bulletFontName=body.fontName,
        bulletFontSize=body.fontSize,
        spaceAfter=after,
        leading=leading,
    )
    return Paragraph(text, style, bulletText=mark)


def signed_name(name: str, regional_head: bool) -> str:
    """The name under a signature, one form for letters and the PKS alike: the regional
    head's in bold capitals (the Bupati signs with the name only, as the kepala daerah's
    signature is written in Tata Naskah Dinas); an official's bold and underlined as the
    record writes it, over rank and NIP. The PKS comparition ("Nama : …") keeps the
    record's spelling: that is a particular, not the signature."""
    if regional_head:
        return f"<b>{esc(name.upper())}</b>"
    return f"<b><u>{esc(name)}</u></b>"


def signature_lines(signatory: SignatoryItem) -> list[Flowable]:
    """a.n., position in capitals, room to sign and stamp, name, rank, NIP; the regional
    head signs with the name only."""
    s = styles()
    lines: list[Flowable] = []
    if signatory.on_behalf_of:
        lines.append(Paragraph(f"a.n. {esc(signatory.on_behalf_of.upper())}", s.center))
    lines.append(Paragraph(f"{esc(signatory.position.upper())},", s.center))
    # Room for the signature and the stamp over it: 20 mm, as typed letters leave.
    lines.append(Spacer(0, 20 * mm))
    lines.append(Paragraph(signed_name(signatory.name, signatory.regional_head), s.center))
    if signatory.regional_head:
        return lines
    if signatory.rank:
        lines.append(Paragraph(esc(signatory.rank), s.center))
    if signatory.nip:
        lines.append(Paragraph(f"NIP {format_nip(signatory.nip)}", s.center))
    return lines


def signature_parts(signatory: SignatoryItem, width: float, above: str = "") -> list[Flowable]:
    """The signature on the right half of the page; ``above`` is an optional line over it
    (place and date of a statement or an attachment). To be kept together by the caller,
    with the paragraph before it: a KeepTogether nested in another measures as endless
    and pushes the whole group to a new page."""
    lines = signature_lines(signatory)
    if above:
        lines = [Paragraph(above, styles().center), *lines]
    column = signature_width(signatory, width)
    table = Table([["", lines]], colWidths=[width - column, column])
    table.setStyle(plain_table_style())
    return [Spacer(0, 2 * mm), table]


# The signature takes the right half of the text width, or up to this share of it when
# that keeps the position ("KEPALA DINAS TENAGA KERJA DAN TRANSMIGRASI,") on one line:
# a position broken over two lines costs a line that a letter's first page often lacks.
_SIGNATURE_MAX_SHARE = 0.62


def signature_width(signatory: SignatoryItem, width: float) -> float:
    """The signature column: half the text width, or as wide as its heading lines (the
    a.n. line, the position) need to stay on one line each, up to
    ``_SIGNATURE_MAX_SHARE``; a heading longer than that wraps in half the width."""
    style = styles().center
    heads = [f"{signatory.position.upper()},"]
    if signatory.on_behalf_of:
        heads.append(f"a.n. {signatory.on_behalf_of.upper()}")
    needed = max(stringWidth(h, style.fontName, style.fontSize) for h in heads) + 2 * mm
    if needed > width * _SIGNATURE_MAX_SHARE:
        return width * 0.5
    return max(needed, width * 0.5)


def signature_block(signatory: SignatoryItem, width: float, above: str = "") -> Flowable:
    """The signature kept in one piece."""
    return KeepTogether(signature_parts(signatory, width, above))


def data_table(spec: DataTable, width: float) -> Table:
    """A ruled table with a repeated header row, in condensed type."""
    s = styles()
    align_style = {"LEFT": s.cell, "CENTER": s.cell_center, "RIGHT": s.cell_right}
    column_styles = [align_style[align] for align in spec.align]
    # Text that fits its column prints as a plain string: a Paragraph per cell would cost
    # most of a 1,000-row attachment's time, yet only a few long names need wrapping.
    room = [w * width - 2 * _CELL_PADDING - 0.5 for w in spec.widths]

    def cells(row: list[str], bold: bool = False) -> list[object]:
        out: list[object] = []
        for value, style, wrap, fits in zip(row, column_styles, spec.wrap, room, strict=True):
            if bold:
                out.append(Paragraph(f"<b>{esc(value)}</b>", style))
            elif wrap and stringWidth(value, style.fontName, style.fontSize) > fits:
                out.append(Paragraph(esc(value), style))
            else:
                out.append(value)
        return out

    data: list[list[object]] = [[Paragraph(h, s.cell_head) for h in spec.headers]]
    data += [cells(row) for row in spec.rows]
    if spec.total_row is not None:
        data.append(cells(spec.total_row, bold=True))
    table = Table(data, colWidths=[w * width for w in spec.widths], repeatRows=1)
    commands: list[tuple[object, ...]] = [
        ("FONT", (0, 0), (-1, -1), s.cell.fontName, s.cell.fontSize, s.cell.leading),
        ("GRID", (0, 0), (-1, -1), 0.4, colors.black),
        ("BACKGROUND", (0, 0), (-1, 0), _HEADER_GREY),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("TOPPADDING", (0, 0), (-1, -1), 1.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
        ("LEFTPADDING", (0, 0), (-1, -1), _CELL_PADDING),
        ("RIGHTPADDING", (0, 0), (-1, -1), _CELL_PADDING),
    ]
    commands += [
        ("ALIGN", (column, 1), (column, -1), align) for column, align in enumerate(spec.align)
    ]
    if spec.total_row is not None:
        commands.append(("FONT", (0, -1), (-1, -1), s.cell_head.fontName, s.cell.fontSize))
        commands.append(("BACKGROUND", (0, -1), (-1, -1), _TOTAL_GREY))
    table.setStyle(TableStyle(commands))
    return table
