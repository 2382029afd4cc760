"""The agreement laid out: title block with both numbers, the opening in words, the
parties, recitals and legal bases, numbered articles with their paragraphs (ayat), the
two-column signature table with room for the duty stamps, paraf boxes in every page's
footer, and the attachment with the workers per kecamatan."""

from __future__ import annotations

from dataclasses import dataclass

from reportlab.lib.units import mm
from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    KeepTogether,
    PageBreak,
    Paragraph,
    Spacer,
    Table,
)

from services.documents.agreement.attachment import attachment
from services.documents.agreement.params import AgreementParams
from services.documents.agreement.particulars import blank
from services.documents.agreement.signatures import paraf_boxes, signatures
from services.documents.blocks import (
    label_table,
    numbered,
    plain_table_style,
)
from services.documents.dates_words import date_in_words
from services.documents.letterhead import Letterhead, emblem_image
from services.documents.nip import format_nip
from services.documents.page import (
    DocumentInfo,
    RenderedPdf,
    both,
    preview_mark,
    render_pdf,
    text_width,
)
from services.documents.styles import esc, styles
from services.documents.templates import Block, BlockKind

_AYAT_MARK = 9 * mm
_ITEM_MARK = 6 * mm


@dataclass(frozen=True, slots=True)
class AgreementText:
    """The template's sections, placeholders filled, as blocks ready to lay out."""

    subject: str  # markup-safe, capitals
    recitals: list[Block]
    articles: list[Block]
    legal_bases: list[str]  # markup-safe, placeholders filled


def render_agreement(
    params: AgreementParams,
    text: AgreementText,
    letterhead: Letterhead,
    district: str,
    branch: str,
    author: str,
    doc_number: str | None,
) -> RenderedPdf:
    width = text_width(params.page_size)
    story: list[Flowable] = []
    story += _title(params, text, letterhead, district, branch, doc_number)
    story += _opening(params, district, branch)
    story += _recitals(text, width)
    body, closing = _articles(text.articles)
    story += body
    # The closing article and the signatures share a page: a signature block alone on a
    # page, with no article text, could be attached to any other agreement.
    story.append(KeepTogether([*closing, *signatures(params, width)]))
    story.append(PageBreak())
    story += attachment(params, doc_number, district, width)
    info = DocumentInfo(
        title=f"Perjanjian Kerja Sama {doc_number}" if doc_number else "Perjanjian Kerja Sama",
        author=author,
        subject=f"Perjanjian Kerja Sama tentang {text.subject}",
    )
    hook = both(paraf_boxes, None if doc_number else preview_mark)
    return render_pdf(story, params.page_size, info, on_page=hook)


def _title(
    params: AgreementParams,
    text: AgreementText,
    letterhead: Letterhead,
    district: str,
    branch: str,
    doc_number: str | None,
) -> list[Flowable]:
    s = styles()
    emblem = emblem_image(letterhead.emblem, 24 * mm)
    emblem.hAlign = "CENTER"
    lines = [
        "PERJANJIAN KERJA SAMA",
        "ANTARA",
        f"PEMERINTAH {esc(district.upper())}",
        "DENGAN",
        esc(branch.upper()),
        "TENTANG",
        text.subject,
    ]
    story: list[Flowable] = [emblem, Spacer(0, 4 * mm)]
    story += [Paragraph(line, s.title) for line in lines]
    story.append(Spacer(0, 4 * mm))
    first = esc(doc_number) if doc_number else "(diberikan saat diterbitkan)"
    second = esc(params.second_party_number) or marked_blank("nomor pihak BPJS")
    story.append(Paragraph(f"NOMOR: {first}", s.center))
    story.append(Paragraph(f"NOMOR: {second}", s.center))
    story.append(Spacer(0, 6 * mm))
    return story


def marked_blank(what: str) -> str:
    """A missing particular in a preview, in red so the clerk sees it."""
    return f'<font color="#c00000">{esc(blank(what))}</font>'


def _filled(value: str | None, what: str) -> str:
    text = " ".join((value or "").split())
    return esc(text) if text else marked_blank(what)


def _opening(params: AgreementParams, district: str, branch: str) -> list[Flowable]:
    s = styles()
    first = params.first_party
    second = params.second_party
    width = text_width(params.page_size)
    opening = (
        f"Pada hari ini {date_in_words(params.agreement_date)}, bertempat di "
        f"{esc(params.place)}, yang bertanda tangan di bawah ini:"
    )
    first_rows = [("Nama", f"<b>{esc(first.name)}</b>"), ("Jabatan", esc(first.position))]
    if first.nip and not first.regional_head:
        first_rows.append(("NIP", format_nip(first.nip)))
    first_rows.append(("Alamat", esc(params.first_party_address)))
    authority = _filled(first.authority, "dasar kewenangan")
    if first.regional_head:
        acting = (
            f"bertindak dalam jabatannya selaku {esc(first.position)} berdasarkan {authority}, "
            f"untuk dan atas nama Pemerintah {esc(district)}"
        )
    else:
        acting = (
            f"bertindak dalam jabatannya selaku {esc(first.position)} dan Pengguna Anggaran "
            f"berdasarkan {authority}, berdasarkan pelimpahan kewenangan dengan "
            f"{_filled(first.delegation, 'keputusan pelimpahan kewenangan dari Bupati')}, "
            f"untuk dan atas nama Pemerintah {esc(district)}"
        )
    second_rows = [
        ("Nama", f"<b>{_filled(second.name, 'nama kepala kantor cabang')}</b>"),
        ("Jabatan", esc(second.position)),
        ("NPK", _filled(second.npk, "NPK")),
        ("Alamat", _filled(second.address, "alamat")),
    ]
    decree = _filled(second.decree, "keputusan pengangkatan")
    return [
        Paragraph(opening, s.body),
        Spacer(0, 3 * mm),
        _party(
            "1.",
            first_rows,
            f"dalam hal ini {acting}, selanjutnya disebut <b>PIHAK PERTAMA</b>.",
            width,
        ),
        Spacer(0, 3 * mm),
        _party(
            "2.",
            second_rows,
            f"dalam hal ini bertindak dalam jabatannya berdasarkan {decree}, untuk dan atas nama "
            f"{esc(branch)}, selanjutnya disebut <b>PIHAK KEDUA</b>.",
            width,
        ),
        Spacer(0, 3 * mm),
        Paragraph(
            "<b>PIHAK PERTAMA</b> dan <b>PIHAK KEDUA</b> yang selanjutnya secara bersama-sama "
            "disebut <b>PARA PIHAK</b>, terlebih dahulu menerangkan hal-hal sebagai berikut:",
            s.body,
        ),
        Spacer(0, 2 * mm),
    ]


def _party(mark: str, rows: list[tuple[str, str]], closing: str, width: float) -> Table:
    """ "1. Nama : … / Jabatan : … / dalam hal ini …", the number hanging on the left."""
    inner = width - _ITEM_MARK
    content = [label_table(rows, inner), Paragraph(closing, styles().body)]
    table = Table([[mark, content]], colWidths=[_ITEM_MARK, inner])
    table.setStyle(plain_table_style())
    return table


_SMALL_WORDS = {"dan", "di", "bagi", "ke", "dari", "yang", "untuk", "atau", "dengan", "pada"}


def running_title(text: str) -> str:
    """ "PELINDUNGAN … BAGI PEKERJA RENTAN DI KABUPATEN …" as running text."""
    words = text.lower().split()
    return " ".join(
        w if (i and w in _SMALL_WORDS) else w[:1].upper() + w[1:] for i, w in enumerate(words)
    )


def _recitals(text: AgreementText, width: float) -> list[Flowable]:
    s = styles()
    story: list[Flowable] = []
    letters = iter("abcdefghijklmnopqrstuvwxyz")
    for block in text.recitals:
        if block.kind is BlockKind.ITEM:
            story.append(numbered(f"{next(letters)}.", block.text, 0, _ITEM_MARK))
        else:
            story.append(Paragraph(block.text, s.body))
    story += [
        Spacer(0, 2 * mm),
        Paragraph("dengan memperhatikan ketentuan peraturan perundang-undangan:", s.body),
    ]
    for index, basis in enumerate(text.legal_bases, start=1):
        end = "." if index == len(text.legal_bases) else ";"
        story.append(numbered(f"{index}.", basis.rstrip(";.") + end, 0, _ITEM_MARK))
    story += [
        Spacer(0, 2 * mm),
        Paragraph(
            "<b>PARA PIHAK</b> sepakat untuk mengadakan Perjanjian Kerja Sama tentang "
            f"{running_title(text.subject)}, yang selanjutnya disebut Perjanjian, dengan ketentuan "
            "sebagai berikut:",
            s.body,
        ),
    ]
    return story


def _articles(blocks: list[Block]) -> tuple[list[Flowable], list[Flowable]]:
    """Pasal n and its title centred; ayat (1), (2) … unless an article has only one;
    items a., b. … under the ayat or the paragraph before them. The last article comes
    back apart, to be kept with the signatures."""
    s = styles()
    story: list[Flowable] = []
    closing: list[Flowable] = []
    groups: list[list[Block]] = []
    for block in blocks:
        if block.kind is BlockKind.ARTICLE or not groups:
            groups.append([])
        groups[-1].append(block)
    article = 0
    for group in groups:
        head = group[0]
        body = group[1:] if head.kind is BlockKind.ARTICLE else group
        last = group is groups[-1]
        target = closing if last else story
        if head.kind is BlockKind.ARTICLE:
            article += 1
            if not last:
                target.append(CondPageBreak(40 * mm))
            target += [
                Spacer(0, 4 * mm),
                Paragraph(f"Pasal {article}", s.center_bold),
                Paragraph(head.text, s.center_bold),
                Spacer(0, 2 * mm),
            ]
        target += _article_body(body)
    return story, closing


def _article_body(body: list[Block]) -> list[Flowable]:
    s = styles()
    numbered_ayat = sum(1 for b in body if b.kind is BlockKind.AYAT) > 1
    story: list[Flowable] = []
    ayat = 0
    letters = iter("abcdefghijklmnopqrstuvwxyz")
    item_left = 0.0
    for block in body:
        if block.kind is BlockKind.AYAT:
            ayat += 1
            letters = iter("abcdefghijklmnopqrstuvwxyz")
            if numbered_ayat:
                story.append(numbered(f"({ayat})", block.text, 0, _AYAT_MARK))
                item_left = _AYAT_MARK
            else:
                story.append(Paragraph(block.text, s.body))
                item_left = 0.0
        elif block.kind is BlockKind.ITEM:
            story.append(numbered(f"{next(letters)}.", block.text, item_left, _ITEM_MARK))
        else:
            letters = iter("abcdefghijklmnopqrstuvwxyz")
            item_left = 0.0
            story.append(Paragraph(block.text, s.body))
            story.append(Spacer(0, 1 * mm))
    return story
