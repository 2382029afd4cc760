"""Saving an issued document's PDF to a file the clerk chose.

The number is spent when the document is issued: the letter register line and the
original PDF are in the database. If the file then cannot be written (a full
disk, a folder that vanished), the number stays with the letter and the clerk
is told so, and how to save the same PDF again from the letter register.
"""

from __future__ import annotations

from pathlib import Path

from services.core.file_output import OutputFileError, check_target, write_bytes_atomically


class IssuedNotSavedError(OutputFileError):
    """The document is issued and kept in the letter register; only its file is missing."""


def check_destination(path: Path | str) -> Path:
    """Refuse a destination that cannot take the file before a number is spent on it."""
    return check_target(path)


def save_issued_pdf(number: str, pdf: bytes, path: Path | str) -> Path:
    try:
        return write_bytes_atomically(path, pdf)
    except OutputFileError as error:
        raise IssuedNotSavedError(
            f"Surat nomor {number} sudah terbit dan tercatat di buku agenda; nomor itu tetap "
            "miliknya dan PDF aslinya tersimpan di basis data. Hanya berkasnya yang belum "
            f"tertulis. {error.message} Simpan lagi dengan: python main.py letters reprint "
            f"{number} -o BERKAS.pdf (atau Surat & PKS → Buku agenda → Cetak ulang)."
        ) from error
