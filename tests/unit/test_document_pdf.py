"""The page every document is laid on: sizes, page numbers, metadata, embedded fonts."""

from __future__ import annotations

from reportlab.platypus import Paragraph

from models.enums import PageSize
from services.documents.page import DocumentInfo, render_pdf
from services.documents.styles import styles
from tests.integration.document_helpers import fonts, metadata, page_sizes_mm, page_texts

INFO = DocumentInfo(title="Surat Uji", author="Dinas Tenaga Kerja dan Transmigrasi", subject="Hal")


def _story(paragraphs: int) -> list[Paragraph]:
    text = "Kalimat isi surat dengan huruf ñ, é dan ü yang dicetak sama di setiap komputer. " * 6
    return [Paragraph(text, styles().body) for _ in range(paragraphs)]


def test_a4_and_f4_sizes() -> None:
    a4 = render_pdf(_story(80), PageSize.A4, INFO)
    f4 = render_pdf(_story(80), PageSize.F4, INFO)
    assert set(page_sizes_mm(a4.data)) == {(210, 297)}
    assert set(page_sizes_mm(f4.data)) == {(215, 330)}
    assert f4.page_count < a4.page_count  # a folio page holds more


def test_pages_numbered_only_when_there_are_several() -> None:
    many = render_pdf(_story(40), PageSize.A4, INFO)
    texts = page_texts(many.data)
    assert many.page_count == len(texts) > 1
    for number, text in enumerate(texts, start=1):
        assert f"Halaman {number} dari {many.page_count}" in text
    single = render_pdf(_story(1), PageSize.A4, INFO)
    assert single.page_count == 1 and "Halaman" not in page_texts(single.data)[0]


def test_metadata_names_the_office() -> None:
    meta = metadata(render_pdf(_story(1), PageSize.A4, INFO).data)
    assert meta["/Title"] == "Surat Uji"
    assert meta["/Author"] == "Dinas Tenaga Kerja dan Transmigrasi"
    assert meta["/Subject"] == "Hal"


def test_every_font_is_embedded() -> None:
    used = fonts(render_pdf(_story(2), PageSize.A4, INFO).data)
    assert used and all(used.values()), used
    assert all("DejaVuSans" in name for name in used), used
