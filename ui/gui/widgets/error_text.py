"""What the clerk reads when an import or export step fails: a title per kind of problem
(the services' messages already say what happened and what to do)."""

from __future__ import annotations

from pathlib import Path

from services.core.errors import (
    ConflictError,
    DatabaseUnavailableError,
    NotFoundError,
    SiRentanError,
    ValidationError,
)
from services.core.permissions import PermissionDeniedError
from services.core.progress import CancelledError
from services.excel_import import (
    ApprovalRequiredError,
    ImportFileError,
    MappingError,
)

_TITLES: tuple[tuple[type[SiRentanError], str], ...] = (
    (ImportFileError, "Berkas tidak dapat dibaca"),
    (MappingError, "Susunan kolom belum lengkap"),
    (ApprovalRequiredError, "Perlu persetujuan verifikator"),
    (CancelledError, "Dibatalkan"),
    (ValidationError, "Data belum benar"),
    (DatabaseUnavailableError, "Basis data tidak tersedia"),
    (PermissionDeniedError, "Tidak berwenang"),
    (ConflictError, "Tidak dapat dilakukan"),
    (NotFoundError, "Tidak ditemukan"),
)


def error_title(error: SiRentanError) -> str:
    return next((title for kind, title in _TITLES if isinstance(error, kind)), "Impor dan ekspor")


def unwritable(path: Path, error: OSError) -> SiRentanError:
    """A file the clerk chose cannot be written (most often: still open in Excel)."""
    if isinstance(error, PermissionError):
        reason = (
            "ditolak oleh sistem. Bila berkas itu sedang terbuka di Excel, tutup dulu; "
            "atau simpan di folder lain."
        )
    elif isinstance(error, FileNotFoundError):
        reason = "gagal karena foldernya tidak ada. Pilih folder lain."
    else:
        reason = "gagal (disk penuh atau tidak dapat ditulis). Pilih folder lain."
    return SiRentanError(f"Menyimpan {path.name} di {path.parent} {reason}")
