"""Scans of claim documents: PDF, JPG or PNG, checked by their first bytes (the file
signature), not only by the name, and kept in the database with their SHA-256 so every
workstation on a shared database opens the same file."""

from __future__ import annotations

import hashlib
from pathlib import PurePath, PureWindowsPath

from sqlalchemy.orm import Session

from models.base import utc_now
from models.claim import ClaimAttachment, ClaimDocument
from services.core.errors import Problem, SiRentanError, ValidationError
from services.core.input_rules import err

# Extension -> (content type, what the file's first bytes must be, name for messages).
_KINDS = {
    "pdf": ("application/pdf", b"%PDF-", "PDF"),
    "png": ("image/png", b"\x89PNG\r\n\x1a\n", "PNG"),
    "jpg": ("image/jpeg", b"\xff\xd8\xff", "JPG"),
    "jpeg": ("image/jpeg", b"\xff\xd8\xff", "JPG"),
}
FIELD = "scan"


def sha256_hex(content: bytes) -> str:
    return hashlib.sha256(content).hexdigest()


def base_name(file_name: str) -> str:
    # Either separator: the GUI may hand over a Windows path.
    return PureWindowsPath(file_name).name


def _sniff(content: bytes) -> str | None:
    return next((name for _, magic, name in _KINDS.values() if content.startswith(magic)), None)


def scan_problems(file_name: str, content: bytes, max_bytes: int) -> tuple[list[Problem], str]:
    """Problems with a scan, and its content type when there are none."""
    name = base_name(file_name) or "tanpa nama"
    extension = PurePath(name).suffix.lower().lstrip(".")
    if extension not in _KINDS:
        return [
            err(
                "scan_type",
                FIELD,
                f"Berkas {name} bukan PDF, JPG atau PNG. Simpan hasil pindaian sebagai "
                "PDF, JPG atau PNG, lalu lampirkan lagi.",
            )
        ], ""
    if not content:
        return [
            err(
                "scan_empty",
                FIELD,
                f"Berkas {name} kosong (0 bita). Pindai ulang dokumennya, lalu lampirkan lagi.",
            )
        ], ""
    if len(content) > max_bytes:
        size, limit = len(content) / 1024 / 1024, max_bytes / 1024 / 1024
        return [
            err(
                "scan_too_large",
                FIELD,
                f"Berkas {name} berukuran {size:.1f} MB, melebihi batas {limit:.0f} MB. "
                "Pindai dengan resolusi lebih rendah (mis. 150 dpi) atau kecilkan berkasnya.",
            )
        ], ""
    content_type, magic, expected = _KINDS[extension]
    if not content.startswith(magic):
        actual = _sniff(content)
        what = f"isinya {actual}" if actual else f"isinya bukan {expected}"
        return [
            err(
                "scan_signature",
                FIELD,
                f"Berkas {name} berakhiran .{extension} tetapi {what}. Buka berkas itu untuk "
                "memeriksa, lalu simpan ulang dengan jenis yang benar.",
            )
        ], ""
    return [], content_type


def store(
    session: Session,
    document: ClaimDocument,
    file_name: str,
    content: bytes,
    content_type: str,
    user_name: str | None,
) -> None:
    """Put the scan in place of any earlier one; the document row carries its hash."""
    blob = session.get(ClaimAttachment, document.id)
    if blob is None:
        session.add(ClaimAttachment(document_id=document.id, content=content))
    else:
        blob.content = content
    document.file_name = base_name(file_name)[:255]
    document.content_type = content_type
    document.file_size = len(content)
    document.file_sha256 = sha256_hex(content)
    document.attached_at = utc_now()
    document.attached_by = user_name


def remove(session: Session, document: ClaimDocument) -> None:
    blob = session.get(ClaimAttachment, document.id)
    if blob is not None:
        session.delete(blob)
    document.file_name = document.content_type = document.file_sha256 = None
    document.file_size = None
    document.attached_at = None
    document.attached_by = None


def load(session: Session, document: ClaimDocument, record: str) -> bytes:
    """The scan's bytes, refused if they no longer match the hash stored with them."""
    blob = session.get(ClaimAttachment, document.id)
    if blob is None or document.file_sha256 is None:
        raise ValidationError(
            [err("scan_none", FIELD, "Dokumen ini belum punya pindaian; lampirkan dulu.")],
            record=record,
        )
    content = bytes(blob.content)
    if sha256_hex(content) != document.file_sha256:
        raise SiRentanError(
            f"Pindaian {document.file_name} pada {record} rusak (sidik SHA-256 tidak cocok). "
            "Lampirkan ulang dari dokumen aslinya."
        )
    return content
