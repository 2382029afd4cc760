"""Reading the documents back for the tests: text, page sizes, fonts, rendered pages."""

from __future__ import annotations

import io
from collections.abc import Mapping
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

import pypdf
import pypdfium2 as pdfium
import pytest
from PIL import Image
from reportlab.lib.units import mm

from services.core.context import ServiceContext
from services.documents import (
    ClaimLetter,
    ClaimProgramme,
    SignatoryInput,
    SignatoryItem,
    add_signatory,
)
from services.workers.service import WorkerService
from services.workers.types import WorkerDetail
from tests.factories import worker_input

KADIS_NIP = "196801011990031005"


def pdf_text(data: bytes) -> str:
    """All pages' text with whitespace collapsed, so line breaks do not split phrases."""
    reader = pypdf.PdfReader(io.BytesIO(data))
    return " ".join(" ".join(page.extract_text().split()) for page in reader.pages)


def page_texts(data: bytes) -> list[str]:
    reader = pypdf.PdfReader(io.BytesIO(data))
    return [" ".join(page.extract_text().split()) for page in reader.pages]


def page_sizes_mm(data: bytes) -> list[tuple[int, int]]:
    reader = pypdf.PdfReader(io.BytesIO(data))
    return [
        (round(float(p.mediabox.width) / mm), round(float(p.mediabox.height) / mm))
        for p in reader.pages
    ]


def metadata(data: bytes) -> dict[str, str]:
    info: Mapping[str, object] = pypdf.PdfReader(io.BytesIO(data)).metadata or {}
    return {key: str(value) for key, value in info.items()}


def fonts(data: bytes) -> dict[str, bool]:
    """Every font the pages use, and whether its program is embedded in the file."""
    reader = pypdf.PdfReader(io.BytesIO(data))
    found: dict[str, bool] = {}
    for page in reader.pages:
        resources = page.get("/Resources")
        if resources is None:
            continue
        for font in (resources.get_object().get("/Font") or {}).values():
            font = font.get_object()
            descriptor = font.get("/FontDescriptor")
            if descriptor is None and "/DescendantFonts" in font:
                descriptor = font["/DescendantFonts"][0].get_object().get("/FontDescriptor")
            embedded = descriptor is not None and any(
                key in descriptor.get_object() for key in ("/FontFile", "/FontFile2", "/FontFile3")
            )
            found[str(font["/BaseFont"])] = embedded
    return found


def render_pages(data: bytes, folder: Path, stem: str, scale: float = 1.2) -> list[Path]:
    """Each page as a PNG (pypdfium2), to look at and to check it is not blank."""
    folder.mkdir(parents=True, exist_ok=True)
    document = pdfium.PdfDocument(data)
    paths: list[Path] = []
    try:
        for index in range(len(document)):
            path = folder / f"{stem}_{index + 1}.png"
            document[index].render(scale=scale).to_pil().save(path)
            paths.append(path)
    finally:
        document.close()
    return paths


def ink_fraction(path: Path) -> float:
    """How much of a rendered page is not white: blank pages are near 0."""
    image = Image.open(path).convert("L")
    dark = sum(image.histogram()[:200])
    return dark / (image.width * image.height)


def signatories(ctx: ServiceContext) -> tuple[SignatoryItem, SignatoryItem]:
    """The Kepala Dinas (with NIP, rank) and the Bupati (name only)."""
    kadis = add_signatory(
        ctx,
        SignatoryInput(
            name="Simon Soge, S.Sos.",
            position="Kepala Dinas Tenaga Kerja dan Transmigrasi",
            rank="Pembina Utama Muda (IV/c)",
            nip=KADIS_NIP,
        ),
    )
    bupati = add_signatory(
        ctx,
        SignatoryInput(
            name="Yosep Falentinus Delasalle Kebo",
            position="Bupati Timor Tengah Utara",
            regional_head=True,
        ),
    )
    return kadis, bupati


def claim_worker(ctx: ServiceContext, serial: int = 1, **changes: Any) -> WorkerDetail:
    """The worker the claim letters are about: NIK 5303055207850001, covered from 7 July
    to 31 December 2025 by the APBD Kabupaten, KPJ 00000000001, a woman."""
    created = WorkerService(ctx).create(worker_input(serial, **changes))
    return WorkerService(ctx).get(created.worker.id)


def claim_fields(**changes: Any) -> ClaimLetter:
    """A JKM claim for ``claim_worker``'s NIK; the name comes from the register."""
    fields = ClaimLetter(
        programme=ClaimProgramme.JKM,
        worker_name="",
        worker_nik="5303055207850001",
        event_date=date(2025, 7, 20),
        claimant_name="Yohanes Taek",
        claimant_relation="Suami",
        kpj="25012345678",
        occupation="Petani",
        worker_address="Jl. Sonbai, Desa Aplasi",
        event_description="Sakit",
        claimant_nik="5303051203800002",
        claimant_phone="081234567890",
        documents=("Akta kematian", "Kartu Keluarga", "Buku tabungan ahli waris"),
    )
    return replace(fields, **changes)


def emblem_png(
    size: tuple[int, int] = (240, 300), colour: tuple[int, int, int] = (170, 25, 30)
) -> bytes:
    """A real PNG the size of a scanned district emblem, in one colour to find it on a page."""
    out = io.BytesIO()
    Image.new("RGB", size, colour).save(out, format="PNG")
    return out.getvalue()


def store_emblem(ctx: ServiceContext) -> None:
    """The office has stored its own emblem (test set-up, written straight to the table)."""
    from models import OfficeImage
    from services.settings.office_images import ImageKind, check_image

    content = emblem_png()
    facts = check_image(content, ImageKind.EMBLEM)
    with ctx.session_factory.begin() as session:
        session.merge(
            OfficeImage(
                kind=ImageKind.EMBLEM.value,
                file_name="lambang.png",
                media_type=facts.media_type,
                width=facts.width,
                height=facts.height,
                size_bytes=facts.size_bytes,
                sha256=facts.sha256,
                content=content,
            )
        )


def image_sizes(data: bytes) -> list[tuple[int, int]]:
    """Pixel sizes of the image XObjects drawn on every page (the emblems and logos; a
    card's QR code is an inline 1-bit mask, not an XObject, and is left out)."""
    reader = pypdf.PdfReader(io.BytesIO(data))
    sizes: list[tuple[int, int]] = []
    for page in reader.pages:
        _images_of(page, sizes)
    return sizes


def _images_of(holder: Any, sizes: list[tuple[int, int]]) -> None:
    resources = _resolved(holder.get("/Resources")) or {}
    for ref in (_resolved(resources.get("/XObject")) or {}).values():
        item = _resolved(ref)
        if item.get("/Subtype") == "/Image":
            sizes.append((int(item["/Width"]), int(item["/Height"])))
        elif item.get("/Subtype") == "/Form":
            _images_of(item, sizes)


def _resolved(value: Any) -> Any:
    return value.get_object() if hasattr(value, "get_object") else value


def store_emblem_for(request: pytest.FixtureRequest) -> None:
    """Store the emblem in the register the test itself uses (its ctx, or its database)."""
    for name in ("ctx", "sqlite_ctx"):
        if name in request.fixturenames:
            store_emblem(request.getfixturevalue(name))
            return
    for name in ("database_url", "sqlite_url"):
        if name in request.fixturenames:
            from models.database import make_engine

            context = ServiceContext.for_engine(make_engine(request.getfixturevalue(name)))
            try:
                store_emblem(context)
            finally:
                context.engine.dispose()
            return
