"""The office's images in the database: checked on the way in, printed on every kop and card.

Three images, each optional: the district emblem (``lambang``) on the office's kop, the
regional head's emblem on the kop of letters the Bupati/Wali Kota signs (else the district
emblem), and the card logo (else the district emblem). Where none is stored the neutral
placeholder of resources/images is printed, and issuing a numbered document with it asks
for an explicit confirmation (``services.documents.letter_register``).
"""

from __future__ import annotations

import hashlib
import io
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from models import OfficeImage
from models.base import utc_now
from models.enums import ImageKind
from services.core.context import ServiceContext
from services.core.errors import Problem, ValidationError
from services.core.permissions import Permission
from services.core.unit_of_work import read_session, unit_of_work
from services.text.labels import IMAGE_TITLES

MAX_BYTES = 2 * 1024 * 1024
# A 26 mm emblem printed at 200 dpi needs about 200 pixels; smaller ones print blurred.
MIN_PIXELS = 200
MAX_PIXELS = 6000
_PNG = b"\x89PNG\r\n\x1a\n"
_JPEG = b"\xff\xd8\xff"

IMAGE_HINTS = {
    ImageKind.EMBLEM: "Dicetak di kop setiap surat, PKS dan laporan.",
    ImageKind.REGIONAL_HEAD: "Kop surat yang ditandatangani kepala daerah; kosong: lambang daerah.",
    ImageKind.CARD_LOGO: "Di muka kartu peserta; kosong: lambang daerah.",
}


@dataclass(frozen=True, slots=True)
class ImageFacts:
    media_type: str
    width: int
    height: int
    size_bytes: int
    sha256: str


@dataclass(frozen=True, slots=True)
class ImageUpload:
    """An image file chosen on screen, not yet stored."""

    content: bytes
    file_name: str


@dataclass(frozen=True, slots=True)
class StoredImage:
    kind: ImageKind
    file_name: str
    facts: ImageFacts
    content: bytes
    updated_by: str | None


@dataclass(frozen=True, slots=True)
class OfficeImages:
    """What each place prints: stored bytes, or None for the placeholder."""

    emblem: bytes | None = None
    regional_head: bytes | None = None
    card_logo: bytes | None = None

    @property
    def regional_head_emblem(self) -> bytes | None:
        return self.regional_head or self.emblem

    @property
    def card_logo_or_emblem(self) -> bytes | None:
        return self.card_logo or self.emblem


def check_image(content: bytes, kind: ImageKind, file_name: str = "") -> ImageFacts:
    """The image's type, size and resolution, or a ValidationError saying what to fix."""
    title = IMAGE_TITLES[kind]
    shown = Path(file_name).name or "berkas"

    def refuse(code: str, text: str) -> ValidationError:
        return ValidationError([Problem(code, kind.value, text)], record=title.lower())

    if content.startswith(_PNG):
        media_type = "image/png"
    elif content.startswith(_JPEG):
        media_type = "image/jpeg"
    else:
        raise refuse(
            "image_type",
            f"{shown} bukan gambar PNG atau JPEG. Simpan lambang sebagai .png atau .jpg, "
            "lalu pilih lagi.",
        )
    if len(content) > MAX_BYTES:
        raise too_big(len(content), kind, shown)
    try:
        from reportlab.lib.utils import ImageReader  # the reader that will print it

        width, height = ImageReader(io.BytesIO(content)).getSize()
    except Exception:  # any decoding failure means the same to the clerk
        raise refuse(
            "image_broken", f"{shown} rusak atau tidak dapat dibaca sebagai gambar."
        ) from None
    if min(width, height) < MIN_PIXELS:
        raise refuse(
            "image_small",
            f"{shown} hanya {width} × {height} piksel; paling sedikit {MIN_PIXELS} piksel "
            "tiap sisi agar tidak kabur saat dicetak. Pilih gambar yang lebih besar.",
        )
    if max(width, height) > MAX_PIXELS:
        raise refuse(
            "image_huge",
            f"{shown} berukuran {width} × {height} piksel; paling banyak {MAX_PIXELS} "
            "piksel tiap sisi.",
        )
    return ImageFacts(media_type, width, height, len(content), hashlib.sha256(content).hexdigest())


def read_office_images(session: Session) -> OfficeImages:
    rows = {
        kind: content
        for kind, content in session.execute(select(OfficeImage.kind, OfficeImage.content))
    }
    return OfficeImages(
        emblem=rows.get(ImageKind.EMBLEM.value),
        regional_head=rows.get(ImageKind.REGIONAL_HEAD.value),
        card_logo=rows.get(ImageKind.CARD_LOGO.value),
    )


def office_images(ctx: ServiceContext) -> OfficeImages:
    with read_session(ctx) as session:
        return read_office_images(session)


def stored_images(ctx: ServiceContext) -> dict[ImageKind, StoredImage]:
    with read_session(ctx) as session:
        return {
            ImageKind(row.kind): StoredImage(
                ImageKind(row.kind),
                row.file_name,
                ImageFacts(row.media_type, row.width, row.height, row.size_bytes, row.sha256),
                row.content,
                row.updated_by,
            )
            for row in session.scalars(select(OfficeImage))
        }


def store_image_in(
    session: Session, ctx: ServiceContext, kind: ImageKind, content: bytes | None, file_name: str
) -> None:
    """Into the caller's transaction: checked and stored, or (None) removed; audited."""
    row = session.get(OfficeImage, kind.value)
    if content is None:
        if row is not None:
            session.delete(row)
        return
    facts = check_image(content, kind, file_name)
    row = row or OfficeImage(kind=kind.value)
    row.file_name = Path(file_name).name[:255] or f"{kind.value}.png"
    row.media_type = facts.media_type
    row.width, row.height = facts.width, facts.height
    row.size_bytes = facts.size_bytes
    row.sha256 = facts.sha256
    row.content = content
    row.updated_at = utc_now()
    row.updated_by = ctx.user_name
    session.add(row)


def store_image(ctx: ServiceContext, kind: ImageKind, path: Path | None) -> None:
    """Read an image file and store it (None: back to the placeholder)."""
    ctx.require(Permission.MANAGE_SETTINGS)
    content = read_image_file(path, kind) if path is not None else None
    with unit_of_work(ctx) as session:
        store_image_in(session, ctx, kind, content, path.name if path else "")


def too_big(size: int, kind: ImageKind, shown: str) -> ValidationError:
    megabytes = f"{size / 1024 / 1024:.1f}".replace(".", ",")
    text = (
        f"{shown} berukuran {megabytes} MB; paling besar {MAX_BYTES // 1024 // 1024} MB. "
        "Perkecil gambarnya lalu pilih lagi."
    )
    return ValidationError([Problem("image_size", kind.value, text)], IMAGE_TITLES[kind].lower())


def read_image_file(path: Path, kind: ImageKind) -> bytes:
    """The file's bytes; a file over the size limit is refused before it is read."""
    try:
        if path.stat().st_size > MAX_BYTES:
            raise too_big(path.stat().st_size, kind, path.name)
        return path.read_bytes()
    except OSError as error:
        raise ValidationError(
            [
                Problem(
                    "image_unreadable",
                    kind.value,
                    f"Berkas {path} tidak dapat dibaca ({error.strerror or error}).",
                )
            ],
            record=IMAGE_TITLES[kind].lower(),
        ) from error
