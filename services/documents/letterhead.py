"""The letterhead (kop naskah dinas) from the office settings.

The office's kop: the district emblem on the left, centred lines
"PEMERINTAH KABUPATEN …", the office name in bold capitals, its address and
contacts ("Telepon", "Pos-el", "Laman" as Permendagri 1/2023 words them), the
town in capitals with the postal code, then a double rule (thick over thin).
Letters the Bupati signs use the regional head's own kop: the emblem centred
over "BUPATI …", no address.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from functools import cache

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, Image, Paragraph, Spacer, Table, TableStyle

from services.core.paths import RESOURCES_DIR
from services.documents.styles import esc, styles
from services.settings.office_images import OfficeImages

PLACEHOLDER_EMBLEM = RESOURCES_DIR / "images" / "kop_emblem_placeholder.png"
EMBLEM_HEIGHT = 24 * mm
_SIDE_COLUMN = 25 * mm
_MIN_KOP_SIZE = 9.0


@dataclass(frozen=True, slots=True)
class Letterhead:
    government: str  # "PEMERINTAH KABUPATEN TIMOR TENGAH UTARA"
    office: str  # "DINAS TENAGA KERJA DAN TRANSMIGRASI"
    contact: str  # address, telephone, e-mail, website on one or two lines
    town: str  # "KEFAMENANU"
    postal_code: str
    emblem: bytes | None  # None: the neutral placeholder
    regional_head_title: str  # "BUPATI TIMOR TENGAH UTARA"
    regional_head_emblem: bytes | None

    def uses_placeholder(self, regional_head: bool) -> bool:
        """Whether the kop printed for this signatory carries the placeholder emblem."""
        return (self.regional_head_emblem if regional_head else self.emblem) is None


def letterhead_from_settings(values: dict[str, str], images: OfficeImages) -> Letterhead:
    contact = [values["office.address"]]
    for label, key in (("Telepon", "office.phone"), ("Pos-el", "office.email")):
        if values[key].strip():
            contact.append(f"{label} {values[key].strip()}")
    if values["office.website"].strip():
        contact.append(f"Laman {values['office.website'].strip()}")
    return Letterhead(
        government=f"PEMERINTAH {values['district.kabupaten_name'].upper()}",
        office=values["office.name"].upper(),
        contact=", ".join(c for c in contact if c.strip()),
        town=values["district.capital"].upper(),
        postal_code=values["office.postal_code"].strip(),
        emblem=images.emblem,
        regional_head_title=values["letterhead.regional_head_title"].upper(),
        regional_head_emblem=images.regional_head_emblem,
    )


@cache
def _placeholder() -> bytes:
    return PLACEHOLDER_EMBLEM.read_bytes()


@cache
def _image_ratio(content: bytes) -> float:
    width, height = ImageReader(io.BytesIO(content)).getSize()
    return width / height


def emblem_image(content: bytes | None, height: float = EMBLEM_HEIGHT) -> Image:
    """The stored emblem (None: the placeholder) at the kop's height, its shape kept."""
    data = content if content is not None else _placeholder()
    return Image(io.BytesIO(data), width=height * _image_ratio(data), height=height)


class DoubleRule(Flowable):
    """The kop's closing rule: a thick line over a thin one."""

    def __init__(self, width: float) -> None:
        super().__init__()
        self.width = width
        self.height = 4.2

    def draw(self) -> None:
        canvas = self.canv
        canvas.setLineWidth(2.2)
        canvas.line(0, 3.2, self.width, 3.2)
        canvas.setLineWidth(0.6)
        canvas.line(0, 0.3, self.width, 0.3)


def _one_line(text: str, style: ParagraphStyle, width: float) -> Paragraph:
    """The line in its style's size, or smaller so a long office name keeps to one line."""
    natural = stringWidth(text, style.fontName, style.fontSize)
    if natural <= width:
        return Paragraph(esc(text), style)
    size = max(_MIN_KOP_SIZE, style.fontSize * width / natural * 0.995)
    fitted = ParagraphStyle(f"{style.name}_fit", parent=style, fontSize=size, leading=size * 1.2)
    return Paragraph(esc(text), fitted)


def office_kop(head: Letterhead, width: float) -> list[Flowable]:
    s = styles()
    middle = width - 2 * _SIDE_COLUMN
    town = Paragraph(f"<b>{esc(head.town)}</b>", s.kop_town)
    postal = Paragraph(f"Kode Pos {esc(head.postal_code)}" if head.postal_code else "", s.small)
    rows = [
        [emblem_image(head.emblem), _one_line(head.government, s.kop_government, middle), ""],
        ["", _one_line(head.office, s.kop_office, middle), ""],
        ["", Paragraph(esc(head.contact), s.kop_address), ""],
        ["", town, postal],
    ]
    table = Table(rows, colWidths=[_SIDE_COLUMN, middle, _SIDE_COLUMN])
    table.setStyle(
        TableStyle(
            [
                ("FONT", (0, 0), (-1, -1), s.small.fontName, s.small.fontSize),
                ("SPAN", (0, 0), (0, -1)),
                ("VALIGN", (0, 0), (0, -1), "MIDDLE"),
                ("ALIGN", (0, 0), (0, -1), "LEFT"),
                ("VALIGN", (1, 0), (-1, -1), "BOTTOM"),
                ("ALIGN", (2, -1), (2, -1), "RIGHT"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 0.5),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 0.5),
            ]
        )
    )
    return [table, Spacer(0, 2 * mm), DoubleRule(width), Spacer(0, 4 * mm)]


def regional_head_kop(head: Letterhead, width: float) -> list[Flowable]:
    image = emblem_image(head.regional_head_emblem, 22 * mm)
    image.hAlign = "CENTER"
    title = Paragraph(esc(head.regional_head_title), styles().kop_office)
    return [image, Spacer(0, 2 * mm), title, Spacer(0, 7 * mm)]
