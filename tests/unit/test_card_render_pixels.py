"""Card PDFs rendered with pypdfium2: the QR codes scan, nothing leaves a card, backs are
mirrored, the calibration page moves with the offsets."""

from __future__ import annotations

import io
from dataclasses import replace
from pathlib import Path
from typing import Any

import pypdfium2 as pdfium
import pytest
import zxingcpp
from PIL import Image, ImageChops

from services.cards.render import Layout, SheetOptions, render_calibration_page, render_cards
from services.cards.render.geometry import CARD_H, CARD_W, MM, PAGE_H, SLOTS, slot_origin
from tests.present import present
from tests.unit.test_card_render import DESIGN, NAME_60, NAME_90, card, cards

PRINTER_DPI = 300


def pages(batch: list, dpi: int = PRINTER_DPI, **options: Any) -> list[Image.Image]:
    buffer = io.BytesIO()
    render_cards(batch, DESIGN, SheetOptions(**options), buffer)
    return rasterise(buffer.getvalue(), dpi)


def rasterise(pdf: bytes, dpi: int) -> list[Image.Image]:
    document = pdfium.PdfDocument(pdf)
    return [page.render(scale=dpi / 72).to_pil().convert("L") for page in document]


def ink(image: Image.Image) -> Image.Image:
    """White where anything darker than light grey was printed."""
    return image.point(lambda value: 255 if value < 200 else 0)


def slot_box(slot: int, dpi: int, mirrored: bool = False) -> tuple[int, int, int, int]:
    x, y = slot_origin(slot, mirrored)
    scale = dpi / 72
    top = PAGE_H - y - CARD_H
    return (
        round(x * scale),
        round(top * scale),
        round((x + CARD_W) * scale),
        round((top + CARD_H) * scale),
    )


def test_every_qr_code_on_a_sheet_scans_at_printer_resolution() -> None:
    batch = [*cards(9), card(10, kpj=None, qr_payload="SIRENTAN1|N5303000000000010|QWERTYUIOP")]
    (front,) = pages(batch)
    scanned = {result.text for result in zxingcpp.read_barcodes(front)}
    assert scanned == {data.qr_payload for data in batch}


def test_cr80_card_qr_code_scans() -> None:
    data = card(7, full_name=NAME_90, qr_payload="SIRENTAN1|K25000000007|ZXCVBNMASD")
    front, back = pages([data], layout=Layout.CR80, backs=True)
    assert [r.text for r in zxingcpp.read_barcodes(front)] == [data.qr_payload]
    assert ink(back).getbbox() is not None


@pytest.mark.parametrize(
    "data",
    [
        card(1, full_name=NAME_60),
        card(2, full_name=NAME_90),
        card(
            3,
            full_name="W" * 70,  # one word, the widest capital: shrunk, then cut with "…"
            village_name="Oe'olo Naibenu Tasinifu Manusasi Bijaepunu",
            kecamatan_name="Bikomi Nilulat Miomaffo Barat Tengah Selatan",
            funding_label="Dana Desa Oe'olo Naibenu Tasinifu Manusasi Bijaepunu Kecamatan Bikomi",
        ),
    ],
    ids=["60 characters", "90 characters", "everything too long"],
)
def test_nothing_leaves_the_card(data: object) -> None:
    dpi = 150
    (sheet,) = pages([data], dpi=dpi, cut_marks=False)
    left, top, right, bottom = present(ink(sheet).getbbox())
    box = slot_box(1, dpi)
    assert box[0] <= left and top >= box[1] and right <= box[2] and bottom <= box[3]


def test_cut_marks_lie_outside_every_card() -> None:
    dpi = 150
    (with_marks,) = pages(cards(1), dpi=dpi)
    (without,) = pages(cards(1), dpi=dpi, cut_marks=False)
    marks = ImageChops.subtract(ink(with_marks), ink(without))
    assert marks.getbbox() is not None
    for slot in range(1, SLOTS + 1):
        assert marks.crop(slot_box(slot, dpi)).getbbox() is None, slot
    # A mark in line with each of the four edges of the first card.
    left, top, right, bottom = slot_box(1, dpi)
    assert marks.crop((0, top - 1, left, top + 2)).getbbox() is not None
    assert marks.crop((0, bottom - 2, left, bottom + 1)).getbbox() is not None
    assert marks.crop((left - 1, 0, left + 2, top)).getbbox() is not None
    assert marks.crop((right - 2, 0, right + 1, top)).getbbox() is not None


def test_back_sheet_mirrors_the_columns_for_long_edge_duplex() -> None:
    dpi = 72
    front, back = pages(cards(3), dpi=dpi, backs=True, cut_marks=False)
    printed = {
        slot for slot in range(1, SLOTS + 1) if ink(front).crop(slot_box(slot, dpi)).getbbox()
    }
    backed = {slot for slot in range(1, SLOTS + 1) if ink(back).crop(slot_box(slot, dpi)).getbbox()}
    assert printed == {1, 2, 3}
    # Slot 1 (top left) is backed top right, slot 3 (second row left) second row right.
    assert backed == {2, 1, 4}
    for slot in printed:
        assert ink(back).crop(slot_box(slot, dpi, mirrored=True)).getbbox() is not None


def test_start_position_leaves_the_used_slots_blank() -> None:
    dpi = 72
    front, back = pages(cards(2), dpi=dpi, backs=True, start_position=9, cut_marks=False)
    printed = {
        slot for slot in range(1, SLOTS + 1) if ink(front).crop(slot_box(slot, dpi)).getbbox()
    }
    backed = {slot for slot in range(1, SLOTS + 1) if ink(back).crop(slot_box(slot, dpi)).getbbox()}
    assert printed == {9, 10}
    assert backed == {9, 10}


def _reference_lines(offset_x: float, offset_y: float) -> tuple[float, float]:
    """Millimetres from the paper's left and top edges to the calibration lines A."""
    dpi = 600
    buffer = io.BytesIO()
    render_calibration_page(SheetOptions(offset_x_mm=offset_x, offset_y_mm=offset_y), buffer)
    (page,) = rasterise(buffer.getvalue(), dpi)
    px = dpi / 25.4
    # Within these strips only the lines A are black: the grid is grey, the slots and the
    # labels lie outside them.
    band = page.crop((round(18.5 * px), round(26 * px), round(30 * px), round(40 * px)))
    column = present(ink(band.point(lambda v: 0 if v < 80 else 255)).getbbox())
    strip = page.crop((round(30 * px), round(15 * px), round(45 * px), round(30 * px)))
    row = present(ink(strip.point(lambda v: 0 if v < 80 else 255)).getbbox())
    x_mm = 18.5 + (column[0] + column[2]) / 2 / px
    y_mm = 15 + (row[1] + row[3]) / 2 / px
    return x_mm, y_mm


def test_calibration_lines_sit_where_labelled_and_move_with_the_offsets() -> None:
    x, y = _reference_lines(0, 0)
    assert x == pytest.approx(20, abs=0.1)
    assert y == pytest.approx(20, abs=0.1)
    moved_x, moved_y = _reference_lines(3.0, -2.0)
    assert moved_x - x == pytest.approx(3.0, abs=0.1)  # to the right
    assert moved_y - y == pytest.approx(-2.0, abs=0.1)  # negative: up


def test_calibration_page_is_a4_with_instructions() -> None:
    from pypdf import PdfReader

    buffer = io.BytesIO()
    render_calibration_page(SheetOptions(offset_x_mm=1.5, offset_y_mm=-0.5), buffer)
    reader = PdfReader(buffer)
    (page,) = reader.pages
    assert [round(float(v) / MM) for v in page.mediabox.upper_right] == [210, 297]
    text = page.extract_text()
    assert "isi geser horizontal/vertikal di Kartu → Kalibrasi printer" in text
    assert "horizontal +1,5 mm, vertikal −0,5 mm" in text


def test_offsets_move_the_cards_on_paper() -> None:
    dpi = 150
    (plain,) = pages([card(1)], dpi=dpi, cut_marks=False)
    (moved,) = pages([card(1)], dpi=dpi, cut_marks=False, offset_x_mm=4, offset_y_mm=3)
    before, after = present(ink(plain).getbbox()), present(ink(moved).getbbox())
    px = dpi / 25.4
    assert (after[0] - before[0]) / px == pytest.approx(4, abs=0.2)
    assert (after[1] - before[1]) / px == pytest.approx(3, abs=0.2)


def test_wider_logo_keeps_its_proportions(tmp_path: Path) -> None:
    logo = tmp_path / "lebar.png"
    Image.new("RGB", (300, 100), (0, 0, 0)).save(logo)
    buffer = io.BytesIO()
    render_cards(
        [card(1)],
        replace(DESIGN, logo=logo.read_bytes()),
        SheetOptions(layout=Layout.CR80),
        buffer,
    )
    (front,) = rasterise(buffer.getvalue(), 300)
    px = 300 / 25.4
    # The black logo is the only pure black in the band's left part.
    band = front.crop((0, 0, round(14 * px), round(12 * px))).point(lambda v: 255 if v < 20 else 0)
    left, top, right, bottom = present(band.getbbox())
    assert (right - left) / (bottom - top) == pytest.approx(3, rel=0.08)
