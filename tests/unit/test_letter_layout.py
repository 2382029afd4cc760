"""The letter's frame read back from the PDF: where the page numbers stand, the signature's
heading on one line, and an introduction ("… sebagai berikut:") never left at the foot
of a page whose list starts on the next one."""

from __future__ import annotations

import io
from dataclasses import replace
from datetime import date

import pypdfium2 as pdfium
import pytest

from models.enums import PageSize, Sifat
from services.documents.letterhead import Letterhead
from services.documents.letters.layout import LetterFrame, LetterParts, render_letter
from services.documents.templates import Block, BlockKind
from services.documents.types import SignatoryItem
from tests.integration.document_helpers import page_texts

KADIS = SignatoryItem(
    id=1,
    name="Simon Soge, S.Sos., M.Si.",
    position="Kepala Dinas Tenaga Kerja dan Transmigrasi",
    rank="Pembina Utama Muda (IV/c)",
    nip="196801011990031005",
    on_behalf_of=None,
    regional_head=False,
    active=True,
)
HEAD = Letterhead(
    government="PEMERINTAH KABUPATEN TIMOR TENGAH UTARA",
    office="DINAS TENAGA KERJA DAN TRANSMIGRASI",
    contact="Jl. Basuki Rahmat, Kefamenanu",
    town="KEFAMENANU",
    postal_code="85613",
    emblem=None,
    regional_head_title="BUPATI TIMOR TENGAH UTARA",
    regional_head_emblem=None,
)
INTRO = "Untuk itu mohon disiapkan dokumen asli beserta fotokopinya sebagai berikut:"
FILLER = (
    "Kalimat isi surat yang mengisi halaman pertama, cukup panjang untuk dibungkus menjadi "
    "beberapa baris rata kiri dan kanan pada lebar teks surat dinas."
)


def _frame(signatory: SignatoryItem = KADIS) -> LetterFrame:
    return LetterFrame(
        letterhead=HEAD,
        signatory=signatory,
        document_date=date(2025, 8, 1),
        town="Kefamenanu",
        sifat=Sifat.BIASA,
        page_size=PageSize.A4,
        author="Dinas Tenaga Kerja dan Transmigrasi",
        title="Surat Uji",
    )


def _parts(fillers: int, items: int = 4) -> LetterParts:
    body = [Block(BlockKind.PARAGRAPH, FILLER) for _ in range(fillers)]
    body.append(Block(BlockKind.PARAGRAPH, INTRO))
    body += [Block(BlockKind.ITEM, f"Berkas persyaratan nomor {i + 1}") for i in range(items)]
    body.append(Block(BlockKind.PARAGRAPH, "Demikian disampaikan untuk dapat ditindaklanjuti."))
    return LetterParts(
        subject="Hal Uji",
        addressee=["Kepala BPJS Ketenagakerjaan Kantor Cabang Atambua"],
        place="Atambua",
        body=body,
        copies=["Camat Insana"],
    )


def _lines(data: bytes) -> list[list[tuple[float, str]]]:
    """Per page, each text line with its distance from the page's top (points)."""
    pages: list[list[tuple[float, str]]] = []
    document = pdfium.PdfDocument(io.BytesIO(data))
    try:
        for page in document:
            text = page.get_textpage()
            height = page.get_height()
            found = []
            for index in range(text.count_rects()):
                left, bottom, right, top = text.get_rect(index)
                found.append((height - top, text.get_text_bounded(left, bottom, right, top)))
            pages.append(found)
    finally:
        document.close()
    return pages


def test_continuation_pages_numbered_at_the_top_first_page_not() -> None:
    pdf = render_letter(_parts(14, items=12), _frame(), "500.15/1/Nakertrans/VIII/2025")
    assert pdf.page_count == 2
    first, second = _lines(pdf.data)
    assert not any(text.strip() in ("- 1 -", "- 2 -") for _, text in first)
    assert all("Halaman" not in text for _, text in first + second)
    marks = [(top, text.strip()) for top, text in second if text.strip() == "- 2 -"]
    assert len(marks) == 1, second
    # Above everything else on the page, in the top margin (15 mm = 42.5 pt).
    assert marks[0][0] < 42.5 and all(
        top > marks[0][0] for top, t in second if t.strip() != "- 2 -"
    )
    single = render_letter(_parts(1), _frame(), "500.15/2/Nakertrans/VIII/2025")
    assert single.page_count == 1
    assert all(t.strip() != "- 1 -" and "Halaman" not in t for _, t in _lines(single.data)[0])


def test_the_position_stays_on_one_line_when_it_fits() -> None:
    pdf = render_letter(_parts(1), _frame(), "500.15/1/Nakertrans/VIII/2025")
    assert "KEPALA DINAS TENAGA KERJA DAN TRANSMIGRASI," in [
        t.strip() for _, t in _lines(pdf.data)[0]
    ]
    # A position too long even for the wider column wraps in the right half, as before.
    long_position = replace(
        KADIS,
        position="Kepala Dinas Tenaga Kerja, Transmigrasi, Koperasi dan Usaha Kecil Menengah",
    )
    wrapped = render_letter(_parts(1), _frame(long_position), "500.15/1/Nakertrans/VIII/2025")
    text = " ".join(page_texts(wrapped.data))
    assert "KEPALA DINAS TENAGA KERJA, TRANSMIGRASI, KOPERASI DAN USAHA KECIL MENENGAH," in text
    heading = [b for b in _boxes(wrapped.data) if "KOPERASI" in b[1] or "KEPALA DINAS" in b[1]]
    assert len(heading) >= 2, heading
    # The text runs from 25 mm to 190 mm: its right half starts at 107.5 mm (304.7 pt).
    assert all(left >= 304.7 for left, _ in heading), heading


def _boxes(data: bytes) -> list[tuple[float, str]]:
    """The first page's text runs with their left edges (points)."""
    document = pdfium.PdfDocument(io.BytesIO(data))
    try:
        text = document[0].get_textpage()
        boxes = []
        for index in range(text.count_rects()):
            left, bottom, right, top = text.get_rect(index)
            boxes.append((left, text.get_text_bounded(left, bottom, right, top)))
        return boxes
    finally:
        document.close()


@pytest.mark.parametrize("fillers", range(10, 19))
def test_an_introduction_goes_over_with_its_list(fillers: int) -> None:
    """Letters whose introduction to a list lands ever lower on page 1: wherever the page
    breaks, "sebagai berikut:" stands on the page of the list's first item."""
    pdf = render_letter(_parts(fillers), _frame(), "500.15/1/Nakertrans/VIII/2025")
    texts = page_texts(pdf.data)
    intro_page = next(i for i, t in enumerate(texts) if "sebagai berikut:" in t)
    first_item = next(i for i, t in enumerate(texts) if "1. Berkas persyaratan nomor 1" in t)
    assert intro_page == first_item, (fillers, texts)
    # The closing paragraph, the signature and the tembusan stay together as before.
    signed = next(i for i, t in enumerate(texts) if "NIP 19680101" in t)
    assert "Demikian" in texts[signed] and "Tembusan:" in texts[signed]
