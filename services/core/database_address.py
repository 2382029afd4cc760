"""Checking a database address before connecting: the kind, the form, and for SQLite the file.

Each predictable mistake gets its own message: a MySQL or unknown address, an
address that cannot be read, a path in a system folder (/proc, /sys, /dev), a
folder or a device where the file should be, a file that is not a SQLite
database at all (a workbook, a text file). Damage inside a real SQLite file is
found by SQLite itself and named by services.core.unit_of_work.
"""

from __future__ import annotations

import os
import re
import stat
from pathlib import Path

from sqlalchemy import exc as sa_exc
from sqlalchemy.engine import URL

from models.database import normalize_url
from services.core.errors import SiRentanError

SQLITE_HEADER = b"SQLite format 3\x00"
_SYSTEM_FOLDERS = ("/proc", "/sys", "/dev")
_HOST = re.compile(r"[A-Za-z0-9._-]+|\[[0-9A-Fa-f:.]+\]")
_EXAMPLES = "Contoh: postgresql://server/sirentan atau sqlite:///C:/data/sirentan.db"


class DatabaseAddressError(SiRentanError):
    """The address or the file named by it cannot be a SiRentan register."""


def parse_database_url(url: str | URL) -> URL:
    try:
        parsed = normalize_url(url)
        backend = parsed.get_backend_name()
    except (sa_exc.ArgumentError, ValueError, TypeError):
        raise DatabaseAddressError(
            f"Alamat basis data '{_scheme_only(url)}' tidak dapat dibaca. {_EXAMPLES}."
        ) from None
    if backend not in ("sqlite", "postgresql"):
        raise DatabaseAddressError(
            f"Basis data jenis {backend[:20]} tidak didukung. SiRentan memakai berkas SQLite "
            f"atau server PostgreSQL. {_EXAMPLES}."
        )
    if backend == "postgresql":
        if parsed.host and not _HOST.fullmatch(parsed.host):
            raise DatabaseAddressError(
                f"Nama server '{parsed.host[:40]}' pada alamat basis data tidak sah. {_EXAMPLES}."
            )
        return parsed
    check_sqlite_file(parsed.database)
    return parsed


def check_sqlite_file(database: str | None) -> None:
    """Refuse a path where no register can be: nothing is created or changed here."""
    if not database or database == ":memory:" or database.startswith("file:"):
        return
    path = Path(os.path.abspath(os.path.expanduser(database)))
    real = Path(os.path.realpath(path))
    if any(
        str(p) == f or str(p).startswith(f + "/") for p in (path, real) for f in _SYSTEM_FOLDERS
    ):
        raise DatabaseAddressError(
            f"{path} ada di folder sistem, bukan tempat berkas basis data. Pilih berkas "
            "sirentan.db di folder data."
        )
    try:
        mode = real.stat().st_mode
    except FileNotFoundError:
        return  # a new register is made there
    except OSError as error:
        raise DatabaseAddressError(
            f"Berkas basis data {path} tidak dapat dibuka ({error.strerror}). Periksa izin "
            "folder, lalu coba lagi."
        ) from None
    if stat.S_ISDIR(mode):
        raise DatabaseAddressError(
            f"{path} adalah folder. Sebutkan berkas basis datanya, misalnya {path / 'sirentan.db'}."
        )
    if not stat.S_ISREG(mode):
        raise DatabaseAddressError(f"{path} bukan berkas biasa, sehingga bukan basis data.")
    try:
        with open(real, "rb") as handle:
            head = handle.read(len(SQLITE_HEADER))
    except OSError as error:
        raise DatabaseAddressError(
            f"Berkas basis data {path} tidak dapat dibaca ({error.strerror}). Periksa izin "
            "berkasnya, lalu coba lagi."
        ) from None
    if head and head != SQLITE_HEADER:
        raise DatabaseAddressError(
            f"Berkas {path.name} bukan basis data SiRentan (bukan berkas SQLite); mungkin "
            "berkas lain yang diberi nama itu. Pilih berkas basis data yang benar, atau pulihkan "
            "dari cadangan."
        )


def _scheme_only(url: object) -> str:
    """Enough of an unreadable address to recognise it, never its password."""
    text = str(url)
    scheme = text.split("://", 1)[0] if "://" in text else text
    return "".join(ch if ch.isprintable() else "?" for ch in scheme[:30]) + (
        "://…" if "://" in text else ""
    )
