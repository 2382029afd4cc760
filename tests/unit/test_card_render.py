"""Card PDFs read back with pypdf: pages, sizes, where each worker's card lands, fonts, errors."""

from __future__ import annotations

import io
from collections.abc import Iterator
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from pypdf import PageObject, PdfReader
from pypdf.generic import DictionaryObject
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from services.cards.render import (
    DEFAULT_ACCIDENT_STEPS,
    DEFAULT_DEATH_STEPS,
    CardData,
    CardDesign,
    CardDesignError,
    Layout,
    RenderResult,
    SheetOptions,
    render_cards,
)
from services.cards.render.fitting import fit_block
from services.cards.render.front import LEFT, NAME_ONE_LINE, NAME_TWO_LINES, RIGHT
from services.cards.render.geometry import CARD_H, CARD_W, MM, SLOTS, slot_origin
from services.cards.render.text import TextOperators
from services.core.errors import SiRentanError, ValidationError
from services.core.progress import CancelledError
from services.text.pdf_fonts import load_fonts

NAME_60 = "MARIA MAGDALENA FRANSISKA NDAPA LAWA KEWUAN DA SILVA GUTERRES"
NAME_90 = (
    "FRANSISKUS XAVERIUS BERNARDINUS ALOYSIUS DE ROSARIO DA COSTA PEREIRA NAI' LAKAAN BAUMATA OE"
)

DESIGN = CardDesign(
    district_name="Kabupaten Timor Tengah Utara",
    government_line="PEMERINTAH KABUPATEN TIMOR TENGAH UTARA",
    office_name="Dinas Tenaga Kerja dan Transmigrasi",
    programme_title="Jaminan Sosial Ketenagakerjaan — Pekerja Rentan",
    logo=None,
    office_address="Jl. Basuki Rahmat No. 5, Kefamenanu, Timor Tengah Utara, NTT 85613",
    office_phone="(0388) 31234",
    branch_name="BPJS Ketenagakerjaan KC Atambua",
    branch_phone="(0389) 21555",
    accident_steps=DEFAULT_ACCIDENT_STEPS,
    death_steps=DEFAULT_DEATH_STEPS,
    signer_position="Kepala Dinas Tenaga Kerja dan Transmigrasi",
    signer_name="SIMON SOGE",
    disclaimer="Kartu informasi Pemda; bukan kartu resmi BPJS Ketenagakerjaan",
)


def card(number: int, **changes: Any) -> CardData:
    data = CardData(
        worker_id=1000 + number,
        full_name=f"PEKERJA NOMOR {number} NAHAK",
        nik=f"5303{number:012d}",
        kpj=f"{25000000000 + number:011d}",
        birth_date=date(1980, 1 + number % 12, 1 + number % 28),
        village_name="Naiola",
        kecamatan_name="Bikomi Selatan",
        funding_label="APBD Kabupaten Timor Tengah Utara",
        programmes="JKK, JKM",
        valid_from=date(2025, 7, 7),
        valid_until=None,
        qr_payload=f"SIRENTAN1|K{25000000000 + number:011d}|ABCDEFGHJK",
    )
    return replace(data, **changes)


def cards(count: int) -> list[CardData]:
    return [card(number) for number in range(1, count + 1)]


def render(batch: list[CardData], **options: Any) -> tuple[PdfReader, RenderResult]:
    buffer = io.BytesIO()
    result = render_cards(batch, DESIGN, SheetOptions(**options), buffer)
    return PdfReader(io.BytesIO(buffer.getvalue())), result


def page_texts(page: PageObject) -> Iterator[tuple[str, float, float]]:
    """Each text run with its position (pypdf gives text inside forms in form space)."""
    runs: list[tuple[str, float, float]] = []

    def visit(text: str, cm: list[float], tm: list[float], *_: object) -> None:
        if text.strip():
            x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
            y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
            runs.append((text.strip(), x, y))

    page.extract_text(visitor_text=visit)
    return iter(runs)


def slot_at(x: float, y: float) -> int:
    for slot in range(1, SLOTS + 1):
        left, bottom = slot_origin(slot)
        if left <= x <= left + CARD_W and bottom <= y <= bottom + CARD_H:
            return slot
    raise AssertionError(f"text at ({x:.1f}, {y:.1f}) lies outside every card")


@pytest.mark.parametrize(
    ("count", "backs", "start", "pages"),
    [
        (1, False, 1, 1),
        (1, True, 1, 2),
        (10, False, 1, 1),
        (10, True, 1, 2),
        (11, False, 1, 2),
        (11, True, 1, 4),
        (23, False, 1, 3),
        (23, True, 1, 6),
        (7, False, 4, 1),
        (8, False, 4, 2),
        (23, True, 8, 6),
    ],
)
def test_a4_page_count(count: int, backs: bool, start: int, pages: int) -> None:
    reader, result = render(cards(count), backs=backs, start_position=start)
    assert len(reader.pages) == result.pages == pages
    assert result.cards == count


@pytest.mark.parametrize(
    ("count", "backs", "pages"), [(1, False, 1), (11, False, 11), (11, True, 22)]
)
def test_cr80_one_card_per_page(count: int, backs: bool, pages: int) -> None:
    reader, result = render(cards(count), layout=Layout.CR80, backs=backs)
    assert len(reader.pages) == result.pages == pages
    step = 2 if backs else 1
    assert result.placements == tuple(
        (1000 + n, 1 + (n - 1) * step, 1) for n in range(1, count + 1)
    )


def test_layout_may_be_given_as_its_value() -> None:
    reader, _ = render(cards(2), layout="cr80")
    assert len(reader.pages) == 2


@pytest.mark.parametrize(
    ("name", "lines", "smallest"),
    [
        ("YOHANES NAHAK", 1, NAME_ONE_LINE[0]),
        ("AGUSTINUS KORNELIS OEMATAN USBOKO TAEK", 1, NAME_ONE_LINE[1]),
        (NAME_60, 2, NAME_TWO_LINES[1]),
        (NAME_90, 2, NAME_TWO_LINES[1]),
    ],
)
def test_names_shrink_to_a_readable_size_then_wrap(name: str, lines: int, smallest: float) -> None:
    fonts = load_fonts()
    width = RIGHT - LEFT
    fitted = fit_block(
        name, width, (fonts.bold, fonts.condensed_bold), NAME_ONE_LINE, NAME_TWO_LINES
    )
    assert len(fitted.lines) == lines
    assert fitted.size >= smallest
    assert " ".join(fitted.lines) == name
    assert all(stringWidth(line, fitted.font, fitted.size) <= width for line in fitted.lines)


def test_a_name_no_one_can_print_is_cut_visibly() -> None:
    fonts = load_fonts()
    fitted = fit_block("W" * 120, RIGHT - LEFT, (fonts.bold,), NAME_ONE_LINE, NAME_TWO_LINES)
    assert fitted.lines[0].endswith("…")
    assert stringWidth(fitted.lines[0], fitted.font, fitted.size) <= RIGHT - LEFT


def test_page_sizes() -> None:
    a4, _ = render(cards(1))
    width, height = (float(v) for v in a4.pages[0].mediabox.upper_right)
    assert (round(width, 2), round(height, 2)) == (595.28, 841.89)
    cr80, _ = render(cards(1), layout=Layout.CR80, backs=True)
    for page in cr80.pages:
        width, height = (float(v) / MM for v in page.mediabox.upper_right)
        # ISO/IEC 7810 ID-1: 85.60 x 53.98 mm.
        assert width == pytest.approx(85.6, abs=0.05)
        assert height == pytest.approx(54.0, abs=0.05)


def test_each_card_is_on_its_page_in_its_slot() -> None:
    batch = cards(23)
    reader, result = render(batch, backs=True, start_position=3)
    expected = [(1, n) for n in range(3, 11)] + [(3, n) for n in range(1, 11)]
    expected += [(5, n) for n in range(1, 6)]
    assert [(page, slot) for _, page, slot in result.placements] == expected
    for data, (worker_id, page, slot) in zip(batch, result.placements, strict=True):
        assert worker_id == data.worker_id
        wanted = {data.full_name, data.nik, data.kpj}
        runs = page_texts(reader.pages[page - 1])
        found = {text: slot_at(x, y) for text, x, y in runs if text in wanted}
        assert found == dict.fromkeys(wanted, slot), (page, slot)
    # Back sheets carry no worker's data.
    for back in (2, 4, 6):
        text = reader.pages[back - 1].extract_text()
        assert "PETUNJUK BAGI PESERTA" in text
        assert not any(data.nik in text for data in batch)


def test_missing_kpj_apostrophes_and_latin_letters_print_as_given() -> None:
    batch = [
        card(1, kpj=None, qr_payload="SIRENTAN1|N5303000000000001|ABCDEFGHJK"),
        card(2, full_name="NGÜRAH MA'RUF", village_name="Oe'olo"),
        card(3, full_name="ŽOFIE ØSTERGÅRD ÇELİK ĐẶNG"),
    ]
    reader, _ = render(batch)
    text = reader.pages[0].extract_text()
    assert "belum terdaftar" in text
    assert "NGÜRAH MA'RUF" in text
    assert "Oe'olo / Bikomi Selatan" in text
    assert "ŽOFIE ØSTERGÅRD ÇELİK ĐẶNG" in text


def test_dates_and_validity_in_indonesian() -> None:
    batch = [
        card(1, birth_date=date(1979, 8, 17)),
        card(2, valid_until=date(2025, 12, 31)),
    ]
    text = render(batch)[0].pages[0].extract_text()
    assert "17 Agustus 1979" in text
    assert "mulai 7 Juli 2025, selama terdaftar" in text
    assert "7 Juli 2025 s.d. 31 Desember 2025" in text


@pytest.mark.parametrize("name", [NAME_60, NAME_90])
def test_long_names_are_printed_whole(name: str) -> None:
    assert len(name) >= 60
    reader, _ = render([card(1, full_name=name)])
    runs = [text for text, _, _ in page_texts(reader.pages[0])]
    # On one line, or wrapped onto two consecutive lines: never cut.
    pairs = [" ".join(runs[i : i + 2]) for i in range(len(runs) - 1)]
    assert name in runs + pairs


def test_only_embedded_dejavu_truetype_fonts() -> None:
    reader, _ = render([*cards(3), card(4, kpj=None)], backs=True)
    fonts = {}
    for page in reader.pages:
        resources = page["/Resources"]  # pypdf resolves indirect objects on lookup
        assert isinstance(resources, DictionaryObject)
        page_fonts = resources["/Font"]
        assert isinstance(page_fonts, DictionaryObject)
        for key, font in page_fonts.items():
            fonts[key] = font.get_object()
    assert len(fonts) >= 3  # regular, bold, italic at least
    for font in fonts.values():
        assert font["/Subtype"] == "/TrueType"
        assert "DejaVuSans" in font["/BaseFont"]
        assert "+" in font["/BaseFont"]  # a subset
        assert "/FontFile2" in font["/FontDescriptor"].get_object()


def test_offsets_move_every_card() -> None:
    plain, _ = render(cards(2))
    moved, _ = render(cards(2), offset_x_mm=2.0, offset_y_mm=1.5)
    before = {text: (x, y) for text, x, y in page_texts(plain.pages[0])}
    after = {text: (x, y) for text, x, y in page_texts(moved.pages[0])}
    for nik in (card(1).nik, card(2).nik):
        dx, dy = (a - b for a, b in zip(after[nik], before[nik], strict=True))
        assert dx / MM == pytest.approx(2.0, abs=0.01)
        assert dy / MM == pytest.approx(-1.5, abs=0.01)  # positive y moves down the sheet


def test_cancel_leaves_no_file(tmp_path: Path) -> None:
    out = tmp_path / "kartu.pdf"
    with pytest.raises(CancelledError) as raised:
        render_cards(cards(25), DESIGN, SheetOptions(), out, cancel=lambda: True)
    assert isinstance(raised.value, SiRentanError)
    assert list(tmp_path.iterdir()) == []
    stream = io.BytesIO()
    with pytest.raises(CancelledError):
        render_cards(cards(25), DESIGN, SheetOptions(), stream, cancel=lambda: True)
    assert stream.getvalue() == b""


def test_writes_to_a_path_and_reports_progress(tmp_path: Path) -> None:
    out = tmp_path / "kartu.pdf"
    calls: list[tuple[str, int, int]] = []
    result = render_cards(
        cards(23), DESIGN, SheetOptions(), out, progress=lambda *a: calls.append(a)
    )
    assert calls == [("Membuat kartu", n, 23) for n in (10, 20, 23)]
    assert len(PdfReader(out).pages) == result.pages == 3
    assert [p.name for p in tmp_path.iterdir()] == ["kartu.pdf"]


def test_progress_without_a_known_total() -> None:
    calls: list[tuple[str, int, int]] = []
    render_cards(
        (c for c in cards(12)),
        DESIGN,
        SheetOptions(layout=Layout.CR80),
        io.BytesIO(),
        progress=lambda *a: calls.append(a),
    )
    assert calls == [("Membuat kartu", 10, 0), ("Membuat kartu", 12, 0)]


@pytest.mark.parametrize("start", [0, 11])
def test_start_position_outside_the_sheet_is_refused(start: int) -> None:
    with pytest.raises(ValidationError) as raised:
        render(cards(1), start_position=start)
    assert "Posisi awal" in raised.value.message


def test_no_cards_is_refused_and_writes_nothing(tmp_path: Path) -> None:
    out = tmp_path / "kosong.pdf"
    with pytest.raises(ValidationError):
        render_cards([], DESIGN, SheetOptions(), out)
    assert not out.exists()


def test_unreadable_logo_is_a_clear_error(tmp_path: Path) -> None:
    design = replace(DESIGN, logo=b"\x89PNG\r\n\x1a\n rusak")
    with pytest.raises(CardDesignError) as raised:
        render_cards(cards(1), design, SheetOptions(), io.BytesIO())
    assert "Logo kartu tidak dapat dibaca" in raised.value.message


def test_configured_logo_is_embedded_once(tmp_path: Path) -> None:
    from PIL import Image

    logo = tmp_path / "logo.png"
    Image.new("RGB", (40, 50), (200, 30, 30)).save(logo)
    buffer = io.BytesIO()
    render_cards(cards(20), replace(DESIGN, logo=logo.read_bytes()), SheetOptions(), buffer)
    assert buffer.getvalue().count(b"/Subtype /Image") == 1


@pytest.mark.parametrize(
    "steps",
    [
        tuple("Langkah yang sangat panjang " * 6 for _ in range(6)),
        ("Ketenagakerjaan" * 12,),  # one word wider than the card
    ],
)
def test_back_text_too_long_is_refused(steps: tuple[str, ...]) -> None:
    with pytest.raises(CardDesignError) as raised:
        render_cards(
            cards(1), replace(DESIGN, accident_steps=steps), SheetOptions(backs=True), io.BytesIO()
        )
    assert "terlalu panjang" in raised.value.message


def test_default_steps_name_the_deadline_and_documents() -> None:
    accident = " ".join(DEFAULT_ACCIDENT_STEPS)
    death = " ".join(DEFAULT_DEATH_STEPS)
    assert "2 × 24 jam" in accident
    assert "laporan polisi" in accident
    assert "surat keterangan ahli waris" in death
    assert "buku tabungan" in death


def test_each_further_card_adds_little_to_the_file() -> None:
    sizes = []
    for count in (100, 200):
        buffer = io.BytesIO()
        render_cards(cards(count), DESIGN, SheetOptions(backs=True), buffer)
        sizes.append(len(buffer.getvalue()))
    # What all cards share (band, logo, back) is stored once; 14,880 cards must stay < 25 MB.
    assert (sizes[1] - sizes[0]) / 100 < 1200


def _sized_runs(page: PageObject) -> list[tuple[str, float]]:
    """Each text run with its size in points as printed (font size × text and page scale)."""
    runs: list[tuple[str, float]] = []

    def visit(text: str, cm: list[float], tm: list[float], _font: object, size: float) -> None:
        if text.strip():
            scale = (tm[0] ** 2 + tm[1] ** 2) ** 0.5 * (cm[0] ** 2 + cm[1] ** 2) ** 0.5
            runs.append((text.strip(), size * scale))

    page.extract_text(visitor_text=visit)
    return runs


@pytest.mark.parametrize(
    "disclaimer",
    [
        "Kartu informasi Pemda; bukan kartu resmi BPJS Ketenagakerjaan",
        "Kartu informasi Pemerintah Daerah; bukan kartu resmi BPJS Ketenagakerjaan.",
    ],
)
def test_the_disclaimer_is_at_least_6_pt(disclaimer: str) -> None:
    buffer = io.BytesIO()
    render_cards(
        cards(1), replace(DESIGN, disclaimer=disclaimer), SheetOptions(layout=Layout.CR80), buffer
    )
    page = PdfReader(io.BytesIO(buffer.getvalue())).pages[0]
    runs = [(t, s) for t, s in _sized_runs(page) if "BPJS" in t or "Pemda" in t or "Kartu" in t]
    printed = " ".join(t for t, _ in runs)
    assert "bukan kartu resmi" in printed
    assert runs and min(s for t, s in runs if t in disclaimer) >= 6.0 - 1e-6


def test_the_back_gives_bpjs_call_centre_175_when_the_office_has_no_phone() -> None:
    def back_text(design: CardDesign) -> str:
        buffer = io.BytesIO()
        render_cards(cards(1), design, SheetOptions(layout=Layout.CR80, backs=True), buffer)
        return PdfReader(io.BytesIO(buffer.getvalue())).pages[1].extract_text() or ""

    without = back_text(replace(DESIGN, office_phone="", branch_phone=""))
    assert "Layanan BPJS Ketenagakerjaan: 175" in without
    assert "Telp." not in without
    with_phone = back_text(DESIGN)
    assert "Telp. (0388) 31234" in with_phone and "175" not in with_phone


def test_text_operators_read_back_across_font_subsets() -> None:
    # Past 255 distinct characters ReportLab starts a second subset of the font: texts
    # wholly in the second one, and texts spread over both, must still read back.
    fonts = load_fonts()
    many = "".join(chr(code) for code in range(0x20, 0x7F)) + "".join(
        chr(code) for code in range(0xC0, 0x24F)
    )
    later = "".join(chr(code) for code in range(0x1E0, 0x1F0))
    texts = ["NIK 5303", many[:200], many[200:], later, many[-9:], "A" + later + "z", "NIK 5303"]
    buffer = io.BytesIO()
    canvas = Canvas(buffer, initialFontName=fonts.regular)
    text = TextOperators(canvas)
    ops = [text.show(fonts.regular, 4.0, 10, 800 - 10 * i, t) for i, t in enumerate(texts)]
    assert text.show(fonts.regular, 4.0, 10, 10, "") == ""
    canvas.addLiteral("BT\n" + "\n".join(ops) + "\nET")
    canvas.showPage()
    canvas.save()
    read = PdfReader(io.BytesIO(buffer.getvalue())).pages[0].extract_text()
    assert read.split("\n") == texts
