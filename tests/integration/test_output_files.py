"""Files for clerks are written whole or not at all, and only where a file belongs.

Bad targets are made in the test (a folder, /dev/full, a FIFO, a missing folder);
a full disk is a 64 kB tmpfs filled to the last byte (mounting needs root).
"""

from __future__ import annotations

import errno
import os
import stat
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from services.core.context import ServiceContext
from services.core.file_output import OutputFileError, disk_trouble, write_bytes_atomically
from services.excel_export import export_workers
from services.reports.model import ReportKind
from services.reports.service import write_report
from tests.integration.document_helpers import KADIS_NIP
from tests.integration.test_cli import as_admin, first_admin
from tests.integration.test_documents_cli import _ok


@pytest.fixture
def full_disk(tmp_path: Path) -> Iterator[Path]:
    """A folder on a 64 kB tmpfs with no byte left."""
    mount = tmp_path / "penuh"
    mount.mkdir()
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(mount)],
        capture_output=True,
        check=False,
    )
    if done.returncode != 0:
        pytest.skip(f"a tmpfs cannot be mounted here (needs root): {done.stderr!r}")
    try:
        _fill(mount / "isi")
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], check=False)


def _fill(path: Path) -> None:
    """Write to ``path`` until the disk holds no more."""
    handle = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND)
    try:
        while True:
            os.write(handle, b"\0" * 512)
    except OSError:
        pass
    finally:
        os.close(handle)


def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name != "isi")


@pytest.mark.parametrize("kind", ["folder", "device", "fifo", "missing"])
def test_targets_that_are_no_place_for_a_file_are_refused(
    sqlite_ctx: ServiceContext, tmp_path: Path, kind: str
) -> None:
    if kind == "folder":
        target, expected = tmp_path, "adalah folder"
    elif kind == "device":
        target, expected = Path("/dev/full"), "bukan berkas biasa"
    elif kind == "fifo":
        target, expected = tmp_path / "pipa.xlsx", "bukan berkas biasa"
        os.mkfifo(target)
    else:
        target, expected = tmp_path / "tidak-ada" / "dalam" / "daftar.xlsx", "tidak-ada tidak ada"
    before = target.stat().st_mode if target.exists() else None
    with pytest.raises(OutputFileError) as caught:
        export_workers(sqlite_ctx, target)
    assert expected in caught.value.message
    assert (target.stat().st_mode if target.exists() else None) == before, "left as it was"
    if kind == "missing":
        assert str(tmp_path / "tidak-ada") in caught.value.message
    if kind == "device":
        assert stat.S_ISCHR(Path("/dev/full").stat().st_mode)


def test_a_symbolic_link_is_followed_not_replaced(tmp_path: Path) -> None:
    real = tmp_path / "asli.pdf"
    real.write_bytes(b"lama")
    link = tmp_path / "tautan.pdf"
    link.symlink_to(real)
    write_bytes_atomically(link, b"baru")
    assert link.is_symlink() and real.read_bytes() == b"baru"


def test_a_full_disk_leaves_the_old_file_and_no_scrap(full_disk: Path) -> None:
    os.remove(full_disk / "isi")
    old = full_disk / "laporan.pdf"
    old.write_bytes(b"versi lama")
    _fill(full_disk / "isi")
    with pytest.raises(OutputFileError) as caught:
        write_bytes_atomically(old, b"x" * 200_000)
    assert caught.value.message.startswith("Disk penuh")
    assert old.read_bytes() == b"versi lama"
    assert _leftovers(full_disk) == ["laporan.pdf"]


def test_export_and_report_onto_a_full_disk_are_named(
    sqlite_ctx: ServiceContext, full_disk: Path
) -> None:
    with pytest.raises(OutputFileError) as caught:
        export_workers(sqlite_ctx, full_disk / "daftar.xlsx")
    assert "Disk penuh" in caught.value.message and "daftar.xlsx" in caught.value.message
    with pytest.raises(OutputFileError) as caught:
        write_report(sqlite_ctx, ReportKind.RECAP, full_disk / "rekap.pdf")
    assert "Disk penuh" in caught.value.message
    assert _leftovers(full_disk) == []


def test_cli_export_to_a_full_disk_prints_one_message_and_no_traceback(
    tmp_path: Path, full_disk: Path
) -> None:
    first_admin(tmp_path)
    _ok("demo-data", "--count", "50", home=tmp_path)
    result = as_admin("export-workers", "-o", str(full_disk / "daftar.xlsx"), home=tmp_path)
    assert result.returncode == 1
    assert "Disk penuh" in result.stderr
    assert "Traceback" not in result.stderr and "Exception ignored" not in result.stderr
    assert "tak terduga" not in result.stderr
    cards = as_admin("cards", "calibration", "-o", str(full_disk / "kalibrasi.pdf"), home=tmp_path)
    assert cards.returncode == 1 and "Disk penuh" in cards.stderr, cards.stderr
    report = as_admin("report", "recap", "-o", str(full_disk / "rekap.xlsx"), home=tmp_path)
    assert report.returncode == 1 and "Disk penuh" in report.stderr, report.stderr
    assert "Exception ignored" not in cards.stderr + report.stderr
    assert _leftovers(full_disk) == []
    device = as_admin("export-workers", "-o", "/dev/full", home=tmp_path)
    assert device.returncode == 1 and "bukan berkas biasa" in device.stderr
    assert stat.S_ISCHR(Path("/dev/full").stat().st_mode)


def test_a_letter_whose_file_cannot_be_written_keeps_its_number(
    tmp_path: Path, full_disk: Path
) -> None:
    first_admin(tmp_path)
    _ok(
        *("signatories", "add", "--name", "Simon Soge", "--position", "Kepala Dinas"),
        *("--nip", KADIS_NIP, "--rank", "Pembina (IV/a)"),
        home=tmp_path,
    )
    _ok("demo-data", "--count", "40", "--seed", "3", home=tmp_path)  # July 2025's premium
    letter: tuple[str, ...] = ("letter", "iuran", "--period", "2025-07", "--signatory", "1")
    letter += ("--confirm-placeholder",)
    missing = as_admin(*letter, "-o", str(tmp_path / "tidak-ada" / "s.pdf"), home=tmp_path)
    assert missing.returncode == 1 and "tidak-ada tidak ada" in missing.stderr
    assert _ok("letters", "list", "--json", home=tmp_path).count('"number"') == 0

    result = as_admin(
        *letter, "--date", "2025-08-01", "-o", str(full_disk / "surat.pdf"), home=tmp_path
    )
    assert result.returncode == 1, result.stdout
    assert "sudah terbit dan tercatat di buku agenda" in result.stderr
    assert "Disk penuh" in result.stderr and "letters reprint" in result.stderr
    assert "Traceback" not in result.stderr and "tak terduga" not in result.stderr
    assert _leftovers(full_disk) == []
    listed = _ok("letters", "list", "--json", home=tmp_path)
    assert listed.count('"number"') == 1 and "/1/" in listed
    issued = listed.split('"number": "')[1].split('"')[0]
    assert f"letters reprint {issued} -o" in result.stderr
    again = tmp_path / "ulang.pdf"
    _ok("letters", "reprint", issued, "-o", str(again), home=tmp_path)
    assert again.read_bytes().startswith(b"%PDF")


def test_disk_trouble_reaching_the_top_is_named_and_other_errors_are_not() -> None:
    full = disk_trouble(OSError(errno.ENOSPC, "No space left on device"))
    assert full is not None and full.startswith("Disk penuh")
    assert disk_trouble(OSError(errno.EROFS, "Read-only file system")) is not None
    assert disk_trouble(OSError(errno.EBADF, "Bad file descriptor")) is None
    assert disk_trouble(ValueError("bug")) is None
