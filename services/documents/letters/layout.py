"""The layout of an official letter (surat dinas, Permendagri 1/2023) in Platypus.

Kop; place and date top right; Nomor, Sifat, Lampiran, Hal on the left; the
addressee ("Yth. …" / "di –" / place); the body, justified; the signature
block on the right (a.n., position in capitals, room for signature and stamp,
name bold and underlined, rank, NIP); Tembusan bottom left, "Arsip" last. The
first page carries no page number, each continuation page "- 2 -" at its top. An
attachment starts on its own page, headed with the letter's number, date and
subject, and is signed again. A statement (surat keterangan) has a centred
title and number instead of the Nomor/Hal block and no addressee.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, PageBreak, Paragraph, Spacer, Table

from models.enums import PageSize, Sifat
from services.documents.blocks import (
    DataTable,
    data_table,
    label_table,
    numbered,
    plain_table_style,
    signature_block,
    signature_parts,
    strip_markup,
)
from services.documents.dates_words import place_and_date
from services.documents.letter_register import Replaced
from services.documents.letterhead import Letterhead, office_kop, regional_head_kop
from services.documents.page import (
    DocumentInfo,
    PageNumbering,
    RenderedPdf,
    preview_mark,
    render_pdf,
    text_width,
)
from services.documents.styles import PARAGRAPH_INDENT, esc, styles
from services.documents.templates import Block, BlockKind
from services.documents.types import SIFAT_LABELS, SignatoryItem
from services.text.formatting import long_date
from services.text.money import number_with_words

UNNUMBERED = "(diberikan saat diterbitkan)"
PARAGRAPH_GAP = 2 * mm
# A list in the body (the documents to bring, those enclosed) is set closer than the
# paragraphs, in the same 11 pt type, and follows its introduction without a gap: its items
# are short lines read as one block, and the heir notice's seven documents on A4 then leave
# room on page 1 for the closing paragraph, the signature and the tembusan (on the body's
# 14 pt leading, with gaps on both sides, those went over to page 2).
LIST_LEADING = 13


@dataclass(frozen=True, slots=True)
class Attachment:
    """A table on its own pages after the letter (lampiran)."""

    title: str  # markup-safe; <br/> between lines
    table: DataTable
    note: str = ""  # markup-safe, under the table


@dataclass(frozen=True, slots=True)
class LetterParts:
    """What a letter type decides; the frame around it is the same for all."""

    subject: str  # markup-safe
    addressee: list[str]  # markup-safe lines after "Yth."
    place: str  # markup-safe, under "di –"
    body: list[Block]
    copies: list[str]  # markup-safe; "Arsip" is added last
    attachment: Attachment | None = None
    enclosure: str = ""  # Lampiran line when no attachment table, e.g. "1 (satu) berkas"
    statement_title: str = ""  # set: a surat keterangan with this title


@dataclass(frozen=True, slots=True)
class LetterFrame:
    letterhead: Letterhead
    signatory: SignatoryItem
    document_date: date
    town: str
    sifat: Sifat
    page_size: PageSize
    author: str
    title: str  # PDF metadata title
    replaces: Replaced | None = None


def render_letter(parts: LetterParts, frame: LetterFrame, number: str | None) -> RenderedPdf:
    """The letter with its number; without one, a preview marked on every page."""
    width = text_width(frame.page_size)
    kop = regional_head_kop if frame.signatory.regional_head else office_kop
    story: list[Flowable] = list(kop(frame.letterhead, width))
    dated = esc(place_and_date(frame.town, frame.document_date))
    if parts.statement_title:
        story += _statement_heading(parts, number)
    else:
        story += _letter_heading(parts, frame, dated, number, width)
    body = _body(parts.body, frame.replaces, width)
    # The closing paragraph, the signature and the tembusan share a page: a signature
    # alone on a page could be put under any text, and a tembusan alone on a page
    # could be attached to any letter.
    closing = _closing_start(body)
    story += body[:closing]
    signature = signature_parts(frame.signatory, width, dated if parts.statement_title else "")
    copies = _copies(parts.copies, optional=bool(parts.statement_title))
    story.append(KeepTogether([*body[closing:], *signature, *copies]))
    if parts.attachment is not None:
        story.append(PageBreak())
        story += _attachment(parts.attachment, parts.subject, frame, dated, number, width)
    info = DocumentInfo(
        title=f"{frame.title} {number}" if number else frame.title,
        author=frame.author,
        subject=strip_markup(parts.subject),
    )
    return render_pdf(
        story,
        frame.page_size,
        info,
        on_page=None if number else preview_mark,
        numbering=PageNumbering.CONTINUATION,
    )


def enclosure_text(parts: LetterParts) -> str:
    if parts.attachment is not None:
        return number_with_words(1, "berkas")
    return parts.enclosure or "-"


def _letter_heading(
    parts: LetterParts, frame: LetterFrame, dated: str, number: str | None, width: float
) -> list[Flowable]:
    s = styles()
    rows = [
        ("Nomor", esc(number or UNNUMBERED)),
        ("Sifat", SIFAT_LABELS[frame.sifat]),
        ("Lampiran", esc(enclosure_text(parts))),
        ("Hal", parts.subject),
    ]
    return [
        Paragraph(dated, s.right),
        Spacer(0, 3 * mm),
        label_table(rows, width * 0.8),
        Spacer(0, 4 * mm),
        _addressee(parts, width),
        Spacer(0, 4 * mm),
    ]


def _addressee(parts: LetterParts, width: float) -> Table:
    s = styles()
    indent = 9 * mm
    rows: list[list[object]] = [
        ["Yth." if index == 0 else "", Paragraph(line, s.left)]
        for index, line in enumerate(parts.addressee)
    ]
    rows += [["di –", ""], ["", Paragraph(parts.place, s.left)]]
    # Wide enough for "Kepala BPJS Ketenagakerjaan Kantor Cabang …" on one line.
    table = Table(rows, colWidths=[indent, width * 0.8 - indent], hAlign="LEFT")
    table.setStyle(plain_table_style())
    return table


def _statement_heading(parts: LetterParts, number: str | None) -> list[Flowable]:
    s = styles()
    return [
        Paragraph(f"<u>{parts.statement_title}</u>", s.title),
        Paragraph(f"Nomor: {esc(number or UNNUMBERED)}", s.center),
        Spacer(0, 8 * mm),
    ]


def _body(body: list[Block], replaces: Replaced | None, width: float) -> list[Flowable]:
    s = styles()
    story: list[Flowable] = []
    if replaces is not None:
        story.append(
            Paragraph(
                f"<i>Surat ini merupakan ralat dan menggantikan surat Nomor "
                f"{esc(replaces.number)} tanggal {long_date(replaces.document_date)}.</i>",
                s.body,
            )
        )
        story.append(Spacer(0, 3 * mm))
    rows: list[tuple[str, str]] = []
    item_number = 0
    for index, block in enumerate(body):
        if block.kind is not BlockKind.ROW and rows:
            story += [label_table(rows, width, None, PARAGRAPH_INDENT), Spacer(0, PARAGRAPH_GAP)]
            rows = []
        if block.kind is BlockKind.ROW:
            rows.append((block.text, block.value))
        elif block.kind is BlockKind.ITEM:
            item_number += 1
            item = numbered(
                f"{item_number}.", block.text, PARAGRAPH_INDENT, after=0, leading=LIST_LEADING
            )
            story.append(item)
        else:
            if item_number:
                story.append(Spacer(0, PARAGRAPH_GAP))
            item_number = 0
            next_kind = body[index + 1].kind if index + 1 < len(body) else None
            # "… sebagai berikut:" runs straight into its list, which ends with a paragraph's gap.
            gap = Spacer(0, 0 if next_kind is BlockKind.ITEM else PARAGRAPH_GAP)
            paragraph = Paragraph(block.text, s.body_indent)
            if next_kind in (BlockKind.ITEM, BlockKind.ROW):
                # "… sebagai berikut:" never ends a page whose list or particulars start
                # on the next one: it goes over with the first item (or the whole table).
                paragraph.keepWithNext = gap.keepWithNext = True
            story += [paragraph, gap]
    if rows:
        story += [label_table(rows, width, None, PARAGRAPH_INDENT), Spacer(0, PARAGRAPH_GAP)]
    return story


def _closing_start(body: list[Flowable]) -> int:
    """Where the body's last paragraph (or table) starts, with the spacers after it."""
    index = len(body)
    while index and isinstance(body[index - 1], Spacer):
        index -= 1
    return max(index - 1, 0)


def _copies(copies: list[str], optional: bool) -> list[Flowable]:
    """Tembusan, numbered, "Arsip" last; a statement without copies has none."""
    others = [c for c in copies if c.strip().rstrip(";.").lower() != "arsip"]
    if optional and not others:
        return []
    entries = [*others, "Arsip"]
    story: list[Flowable] = [Spacer(0, 3 * mm), Paragraph("Tembusan:", styles().left)]
    for index, entry in enumerate(entries, start=1):
        text = entry.rstrip(";. ") + ("." if index == len(entries) else ";")
        story.append(numbered(f"{index}.", text, 0, 6 * mm, after=0))
    return story


def _attachment(
    att: Attachment,
    subject: str,
    frame: LetterFrame,
    dated: str,
    number: str | None,
    width: float,
) -> list[Flowable]:
    s = styles()
    head: list[Flowable] = [
        Paragraph("LAMPIRAN", s.left),
        Paragraph(f"SURAT {esc(frame.signatory.position.upper())}", s.left),
        label_table(
            [
                ("NOMOR", esc(number or UNNUMBERED)),
                ("TANGGAL", long_date(frame.document_date)),
                ("HAL", subject),
            ],
            width * 0.55,
        ),
    ]
    head_table = Table([["", head]], colWidths=[width * 0.45, width * 0.55])
    head_table.setStyle(plain_table_style())
    story: list[Flowable] = [head_table, Spacer(0, 6 * mm), Paragraph(att.title, s.title)]
    story += [Spacer(0, 4 * mm), data_table(att.table, width)]
    if att.note:
        story += [Spacer(0, 2 * mm), Paragraph(att.note, s.small)]
    story += [Spacer(0, 6 * mm), signature_block(frame.signatory, width, dated)]
    return story
