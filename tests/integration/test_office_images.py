"""The office's emblem and logo: checked, stored in the database, printed on the kop, the PKS,
the reports and the cards; documents issued with the placeholder need a confirmation."""

from __future__ import annotations

import io
import json
import os
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from PIL import Image
from sqlalchemy import func, select, text

from models import AuditEntry, OfficeImage, RegisteredDocument
from models.database import make_engine
from models.enums import Role
from services.cards.design import design_from
from services.cards.render import SheetOptions, render_cards
from services.core.context import ServiceContext
from services.core.errors import ValidationError
from services.core.permissions import PermissionDeniedError, Principal
from services.documents import LetterRequest, issue_letter, preview_letter
from services.documents.letter_register import PlaceholderEmblemError
from services.reports import ReportKind
from services.reports.service import write_report
from services.settings.office_images import (
    MIN_PIXELS,
    ImageKind,
    check_image,
    office_images,
    store_image,
)
from services.settings.store import SettingsService
from tests.integration.document_helpers import (
    claim_fields,
    claim_worker,
    emblem_png,
    image_sizes,
    render_pages,
    signatories,
)
from tests.integration.trust_helpers import clerk, first_admin
from tests.present import present
from tests.unit.test_card_render import cards

ADMIN = Principal(user_id=0, username="admin1", full_name="Admin Satu", role=Role.ADMIN)
PLACEHOLDER_KOP = (240, 280)  # resources/images/kop_emblem_placeholder.png
PLACEHOLDER_CARD = (220, 260)  # resources/images/card_logo_placeholder.png
# Pages to look at go here when asked; otherwise into the test's own folder (a fixed shared
# folder would be written by two workers, or two runs, at once).
ARTIFACTS = os.environ.get("SIRENTAN_ARTIFACTS")


@pytest.fixture
def admin(database_url: str) -> Iterator[ServiceContext]:
    context = ServiceContext.for_engine(make_engine(database_url), principal=ADMIN)
    yield context
    context.engine.dispose()


def _file(folder: Path, name: str, content: bytes) -> Path:
    path = folder / name
    path.write_bytes(content)
    return path


def _jpeg(size: tuple[int, int]) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, (20, 90, 160)).save(out, format="JPEG")
    return out.getvalue()


def test_only_png_and_jpeg_of_a_printable_size_are_taken() -> None:
    assert check_image(_jpeg((300, 300)), ImageKind.CARD_LOGO).media_type == "image/jpeg"
    facts = check_image(emblem_png(), ImageKind.EMBLEM)
    assert (facts.media_type, facts.width, facts.height) == ("image/png", 240, 300)
    gif = io.BytesIO()
    Image.new("RGB", (300, 300)).save(gif, format="GIF")
    cases = {
        "bukan gambar PNG atau JPEG": gif.getvalue(),
        "rusak atau tidak dapat dibaca": b"\x89PNG\r\n\x1a\n" + b"\0" * 500,
        f"paling sedikit {MIN_PIXELS} piksel": emblem_png((120, 150)),
        "paling besar 2 MB": b"\x89PNG\r\n\x1a\n" + os.urandom(2 * 1024 * 1024),
    }
    for expected, content in cases.items():
        with pytest.raises(ValidationError) as caught:
            check_image(content, ImageKind.EMBLEM, "C:/Dokumen/lambang.png")
        assert expected in caught.value.message
        assert "lambang.png" in caught.value.message


def test_stored_images_are_audited_by_size_and_only_administrators_store_them(
    admin: ServiceContext, ctx: ServiceContext, tmp_path: Path
) -> None:
    path = _file(tmp_path, "lambang-ttu.png", emblem_png())
    with pytest.raises(PermissionDeniedError):
        store_image(ctx, ImageKind.EMBLEM, path)
    store_image(admin, ImageKind.EMBLEM, path)
    assert office_images(admin).emblem == path.read_bytes()
    with admin.session_factory() as session:
        entry = session.scalars(select(AuditEntry).where(AuditEntry.entity == "office_image")).one()
    changes = json.loads(present(entry.changes))
    assert entry.summary == "lambang daerah (kop surat)" and entry.user_name == "admin1"
    assert changes["file_name"] == [None, "lambang-ttu.png"]
    assert changes["content"] == [None, f"{len(path.read_bytes()):,} bita".replace(",", ".")]
    store_image(admin, ImageKind.EMBLEM, None)
    assert office_images(admin).emblem is None


@pytest.mark.postgres
def test_on_postgresql_an_operator_cannot_change_the_images(pg_url: str) -> None:
    bootstrap = ServiceContext.for_engine(make_engine(pg_url), principal=None)
    with bootstrap.session_factory.begin() as session:
        session.execute(text("DELETE FROM office_image"))
    admin = first_admin(bootstrap, pg_url)
    operator = clerk(admin, pg_url, "operator_lambang", Role.OPERATOR)
    try:
        with operator.engine.begin() as conn:
            assert conn.execute(select(func.count()).select_from(OfficeImage)).scalar() == 0
        with pytest.raises(Exception, match="permission denied"), operator.engine.begin() as conn:
            conn.execute(
                text(
                    "INSERT INTO office_image (kind, file_name, media_type, width, height, "
                    "size_bytes, sha256, content, updated_at) VALUES ('lambang', 'x.png', "
                    "'image/png', 1, 1, 1, 'x', '\\x00', now())"
                )
            )
    finally:
        for context in (operator, admin, bootstrap):
            context.engine.dispose()


def test_letters_reports_and_cards_print_the_stored_images(
    admin: ServiceContext, tmp_path: Path
) -> None:
    kadis, bupati = signatories(admin)
    claim_worker(admin)  # a letter about a worker needs the worker in the register
    day = date(2025, 8, 1)
    before = preview_letter(admin, LetterRequest(claim_fields(), kadis.id, day)).data
    assert image_sizes(before) == [PLACEHOLDER_KOP]

    store_image(admin, ImageKind.EMBLEM, _file(tmp_path, "lambang.png", emblem_png()))
    letter = issue_letter(admin, LetterRequest(claim_fields(), kadis.id, day))
    assert image_sizes(letter.pdf) == [(240, 300)]
    pages = Path(ARTIFACTS) / "office_images" if ARTIFACTS else tmp_path / "pages"
    render_pages(letter.pdf, pages, f"surat_lambang_{admin.engine.dialect.name}")
    # The Bupati's kop takes the district emblem until it has its own.
    by_bupati = LetterRequest(claim_fields(), bupati.id, day)
    assert image_sizes(preview_letter(admin, by_bupati).data) == [(240, 300)]
    garuda = _file(tmp_path, "garuda.png", emblem_png((260, 260), (200, 160, 20)))
    store_image(admin, ImageKind.REGIONAL_HEAD, garuda)
    assert image_sizes(preview_letter(admin, by_bupati).data) == [(260, 260)]

    report = tmp_path / "rekap.pdf"
    write_report(admin, ReportKind.RECAP, report, today=day)
    assert (240, 300) in image_sizes(report.read_bytes())

    settings = SettingsService(admin).get_all()
    card_pdf = io.BytesIO()
    render_cards(cards(1), design_from(settings, office_images(admin)), SheetOptions(), card_pdf)
    # No card logo yet: the card carries the district emblem, not the placeholder star.
    assert image_sizes(card_pdf.getvalue()) == [(240, 300)]
    store_image(admin, ImageKind.CARD_LOGO, _file(tmp_path, "logo.jpg", _jpeg((400, 300))))
    card_pdf = io.BytesIO()
    render_cards(cards(1), design_from(settings, office_images(admin)), SheetOptions(), card_pdf)
    assert image_sizes(card_pdf.getvalue()) == [(400, 300)]
    assert PLACEHOLDER_CARD not in image_sizes(card_pdf.getvalue())


def test_a_document_with_the_placeholder_emblem_needs_a_confirmation(
    admin: ServiceContext,
) -> None:
    kadis, _ = signatories(admin)
    claim_worker(admin)  # a letter about a worker needs the worker in the register
    request = LetterRequest(claim_fields(), kadis.id, date(2025, 8, 1))
    with pytest.raises(PlaceholderEmblemError) as caught:
        issue_letter(admin, request)
    assert (
        "Pengaturan → Pengaturan kantor → Kantor & kop → “Lambang daerah (kop surat)”"
        in caught.value.message
    )
    with admin.session_factory() as session:
        assert session.scalar(select(func.count()).select_from(RegisteredDocument)) == 0
    issued = issue_letter(admin, request, placeholder_confirmed=True)
    assert issued.entry.sequence == 1  # the refused attempt took no number
    assert image_sizes(issued.pdf) == [PLACEHOLDER_KOP]
