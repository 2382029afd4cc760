"""Every file the app writes for a clerk: whole or not at all, and only where a file belongs.

A file is written to a temporary name in the target's own folder (so the final
rename never crosses a disk), flushed to the disk, and renamed over the target
only when complete: a full disk or a crash leaves the old file or none, never
half a PDF. A target that is not a regular file (a folder, a device such as
``/dev/full``, a pipe) is refused before anything is written, even for root,
whose rename would otherwise replace the device node. What goes wrong on the
disk (full, read-only, no permission, the folder missing) becomes an Indonesian
message naming the file or folder.
"""

from __future__ import annotations

import contextlib
import errno
import io
import os
import stat
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO, Protocol

from services.core.errors import SiRentanError

TEMP_SUFFIX = ".tmp"


class OutputFileError(SiRentanError):
    """A file could not be written where the clerk asked; nothing was left behind."""


def check_target(path: Path | str) -> Path:
    """The real path the file will be written to; refused if it cannot be one.

    A symbolic link is followed (the file it names is replaced, not the link)."""
    target = Path(os.path.realpath(os.fspath(path)))
    folder = target.parent
    if not folder.is_dir():
        missing = _first_missing(folder)
        raise OutputFileError(
            f"Folder {missing} tidak ada, sehingga berkas {target.name} tidak dapat ditulis. "
            "Pilih folder yang ada (atau buat foldernya dulu), lalu coba lagi."
        )
    try:
        mode = target.stat().st_mode
    except FileNotFoundError:
        return target
    except OSError as error:
        raise write_error(error, target) from None
    if stat.S_ISDIR(mode):
        raise OutputFileError(
            f"{target} adalah folder. Tulis nama berkasnya juga, misalnya {target / 'hasil.pdf'}."
        )
    if not stat.S_ISREG(mode):
        raise OutputFileError(
            f"{target} bukan berkas biasa (perangkat atau saluran), sehingga tidak ditimpa. "
            "Pilih nama berkas di sebuah folder, lalu coba lagi."
        )
    return target


@contextmanager
def atomic_path(path: Path | str) -> Iterator[Path]:
    """A temporary path beside ``path`` to write to; renamed over ``path`` when the block
    ends normally, removed otherwise."""
    target = check_target(path)
    try:
        handle, name = tempfile.mkstemp(
            prefix=f".{target.name[:80]}.", suffix=TEMP_SUFFIX, dir=target.parent
        )
    except OSError as error:
        raise write_error(error, target) from None
    os.close(handle)
    scratch = Path(name)
    try:
        yield scratch
        _sync(scratch)
        check_target(target)  # still a place for a file after the (maybe long) writing
        os.replace(scratch, target)
        _sync_folder(target.parent)
    except OSError as error:
        raise write_error(error, target) from None
    finally:
        with contextlib.suppress(OSError):
            scratch.unlink(missing_ok=True)


def write_bytes_atomically(path: Path | str, data: bytes) -> Path:
    with atomic_path(path) as scratch:
        scratch.write_bytes(data)
    return check_target(path)


class _Saveable(Protocol):
    def save(self, filename: BinaryIO) -> None: ...


def save_workbook(workbook: _Saveable, path: Path) -> None:
    """An openpyxl workbook assembled in memory and then written to ``path``.

    openpyxl's own ZipFile on a path, when the disk fills, stays half-open and its
    ``__del__`` prints "Exception ignored … Traceback" later; in memory it cannot fail
    that way, and the one write to the disk raises a plain OSError."""
    buffer = io.BytesIO()
    workbook.save(buffer)
    with open(path, "wb") as handle:
        handle.write(buffer.getbuffer())


def write_error(error: OSError, target: Path) -> OutputFileError:
    """What went wrong on the disk, in the clerk's words; the caller adds what it means."""
    where = f"berkas {target.name} di folder {target.parent}"
    if error.errno in (errno.ENOSPC, errno.EDQUOT, errno.EFBIG):
        text = (
            f"Disk penuh: {where} tidak dapat ditulis. Kosongkan ruang disk atau pilih disk lain."
        )
    elif error.errno == errno.EROFS:
        text = f"Disk hanya dapat dibaca: {where} tidak dapat ditulis. Pilih folder lain."
    elif error.errno in (errno.EACCES, errno.EPERM):
        text = f"Tidak ada izin menulis {where}. Pilih folder lain atau minta izin tulis."
    elif error.errno == errno.ENOENT:
        text = f"Folder {target.parent} tidak ada lagi. Pilih folder yang ada."
    elif error.errno == errno.ENAMETOOLONG:
        text = f"Nama berkas {target.name[:60]}… terlalu panjang. Pakai nama yang lebih pendek."
    else:
        text = (
            f"{where[0].upper()}{where[1:]} tidak dapat ditulis ({error.strerror or error}). "
            "Periksa disk dan folder, lalu coba lagi."
        )
    return OutputFileError(text)


def disk_trouble(error: BaseException) -> str | None:
    """A clerk message for a disk failure that reached the top without being named on the
    way (a full disk, a read-only disk); None for anything else, which is a bug."""
    if isinstance(error, OSError) and error.errno in (errno.ENOSPC, errno.EDQUOT):
        return (
            "Disk penuh; pekerjaan terakhir belum tersimpan. Kosongkan ruang disk, lalu coba lagi."
        )
    if isinstance(error, OSError) and error.errno == errno.EROFS:
        return "Disk hanya dapat dibaca; pekerjaan terakhir belum tersimpan. Pilih folder lain."
    return None


def _first_missing(folder: Path) -> Path:
    """The highest folder of the path that does not exist: the one to create or correct."""
    missing = folder
    while not missing.parent.exists() and missing.parent != missing:
        missing = missing.parent
    return missing


def _sync(path: Path) -> None:
    with open(path, "rb+") as handle:
        os.fsync(handle.fileno())


def _sync_folder(folder: Path) -> None:
    # The rename itself reaches the disk only with the folder's entry; not possible on Windows.
    if os.name != "posix":
        return
    handle = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(handle)
    except OSError:
        pass
    finally:
        os.close(handle)
