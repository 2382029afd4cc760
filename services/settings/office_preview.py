"""Previews of the kop and of a card from settings not yet saved, for the Pengaturan screen.

Drawn by the same code that prints letters and cards (``office_kop``, ``render_cards``), so
what the administrator sees while typing is what the documents will carry.
"""

from __future__ import annotations

import io
from datetime import date

from reportlab.lib.units import mm
from reportlab.platypus import SimpleDocTemplate

from models.enums import CardLayout
from services.cards.design import design_from
from services.cards.render import CardData, SheetOptions, render_cards
from services.documents.letterhead import letterhead_from_settings, office_kop
from services.settings.catalog import DEFAULTS
from services.settings.office_images import OfficeImages

KOP_PAGE = (210 * mm, 52 * mm)
_MARGIN = 18 * mm


def kop_preview(values: dict[str, str], images: OfficeImages) -> bytes:
    """The office's kop alone, on a strip as wide as an A4 page."""
    settings = DEFAULTS | values
    head = letterhead_from_settings(settings, images)
    out = io.BytesIO()
    page = SimpleDocTemplate(
        out,
        pagesize=KOP_PAGE,
        leftMargin=_MARGIN,
        rightMargin=_MARGIN,
        topMargin=8 * mm,
        bottomMargin=2 * mm,
        title="Pratinjau kop",
    )
    page.build(office_kop(head, KOP_PAGE[0] - 2 * _MARGIN))
    return out.getvalue()


def card_preview(values: dict[str, str], images: OfficeImages, today: date) -> bytes:
    """One example card, front and back (CR80 pages), in the office's design."""
    settings = DEFAULTS | values
    district = settings["district.kabupaten_name"]
    sample = CardData(
        worker_id=0,
        full_name="MARIA GORETI CONTOH",
        nik="0000000000000000",
        kpj="00000000000",
        birth_date=date(1985, 7, 12),
        village_name="Desa Contoh",
        kecamatan_name="Kecamatan Contoh",
        funding_label=f"APBD {district}",
        programmes="JKK, JKM",
        valid_from=today,
        valid_until=None,
        qr_payload="SIRENTAN1|CONTOH",
    )
    out = io.BytesIO()
    options = SheetOptions(layout=CardLayout.CR80, backs=True)
    render_cards([sample], design_from(settings, images), options, out)
    return out.getvalue()
