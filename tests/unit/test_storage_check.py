"""A register on a network folder is flagged: SQLite's locks are not reliable there."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from services.core.storage_check import (
    DRIVE_REMOTE,
    network_location_linux,
    network_location_windows,
    network_storage_warning,
    parse_mountinfo,
)

# Shaped like a Debian office PC's /proc/self/mountinfo, with shares mounted over SMB,
# NFS and SSH, a folder name with a space, and a local disk mounted below a share.
MOUNTINFO = r"""
22 28 0:21 / /proc rw,nosuid,nodev,noexec,relatime shared:12 - proc proc rw
28 1 8:1 / / rw,relatime shared:1 - ext4 /dev/sda1 rw,errors=remount-ro
30 28 8:2 / /home rw,relatime shared:2 - ext4 /dev/sda2 rw
41 30 0:45 / /home/kantor/Kantor\040Bersama rw,relatime shared:30 - cifs //nas-dinas/data rw
42 28 0:46 / /mnt/arsip rw,relatime shared:31 - nfs4 nas-dinas:/arsip rw,vers=4.2
43 42 8:17 / /mnt/arsip/lokal rw,relatime shared:32 - ext4 /dev/sdb1 rw
44 28 0:47 / /mnt/laptop rw,nosuid,nodev,relatime shared:33 - fuse.sshfs kantor@laptop: rw
45 28 0:48 / /media/usb rw,relatime - vfat /dev/sdc1 rw
46 28 0:49 / /mnt/c rw,noatime - 9p drvfs rw,aname=drvfs;path=C:\
"""


def test_parse_mountinfo_reads_mount_point_type_and_source() -> None:
    mounts = parse_mountinfo(MOUNTINFO)
    share = next(m for m in mounts if m.fs_type == "cifs")
    assert share.mount_point == "/home/kantor/Kantor Bersama"
    assert share.source == "//nas-dinas/data"
    assert [m.fs_type for m in mounts][:3] == ["proc", "ext4", "ext4"]


def test_parse_mountinfo_skips_lines_it_cannot_read() -> None:
    assert parse_mountinfo("\nnot a mount line\n28 1 8:1 / / rw\n") == []


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("/home/kantor/Kantor Bersama/sirentan.db", "//nas-dinas/data, cifs"),
        ("/mnt/arsip/2026/sirentan.db", "nas-dinas:/arsip, nfs4"),
        ("/mnt/laptop/sirentan.db", "kantor@laptop:, fuse.sshfs"),
        ("/mnt/c/Users/kantor/sirentan.db", "drvfs, 9p"),
    ],
)
def test_a_file_on_a_network_mount_is_flagged(path: str, expected: str) -> None:
    assert network_location_linux(path, MOUNTINFO) == expected


@pytest.mark.parametrize(
    "path",
    [
        "/home/kantor/.local/share/SiRentan/sirentan.db",
        "/home/kantor/Kantor Bersama2/sirentan.db",  # a sibling name, not the share
        "/mnt/arsip/lokal/sirentan.db",  # a local disk mounted below the share
        "/media/usb/sirentan.db",
        "/sirentan.db",
    ],
)
def test_a_file_on_a_local_disk_is_not_flagged(path: str) -> None:
    assert network_location_linux(path, MOUNTINFO) is None


def test_the_last_mount_on_a_mount_point_wins() -> None:
    stacked = MOUNTINFO + "50 28 0:50 / /mnt/arsip rw - ext4 /dev/sdd1 rw\n"
    assert network_location_linux("/mnt/arsip/sirentan.db", stacked) is None


def _drive_types(remote: set[str]) -> Callable[[str], int]:
    return lambda root: DRIVE_REMOTE if root[0].upper() in remote else 3


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        (r"\\nas-dinas\data\sirentan.db", r"\\nas-dinas\data"),
        (r"\\?\UNC\nas-dinas\data\sirentan.db", r"\\nas-dinas\data"),
        (r"Z:\SiRentan\sirentan.db", "Z: (drive jaringan)"),
        (r"\\?\z:\SiRentan\sirentan.db", "Z: (drive jaringan)"),
        (r"C:\Users\kantor\AppData\Local\SiRentan\sirentan.db", None),
        (r"\\?\C:\SiRentan\sirentan.db", None),
    ],
)
def test_windows_shares_and_mapped_drives_are_flagged(path: str, expected: str | None) -> None:
    assert network_location_windows(path, _drive_types({"Z"})) == expected


def test_the_warning_on_this_machine_is_none_for_a_local_temp_folder(tmp_path: Path) -> None:
    # The test machine keeps its temporary files on a local disk.
    assert network_storage_warning(tmp_path / "belum-ada" / "sirentan.db") is None


def test_the_warning_names_the_share_and_suggests_postgresql(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    import services.core.storage_check as storage_check

    sample = tmp_path / "mountinfo"
    sample.write_text(MOUNTINFO + f"60 28 0:60 / {tmp_path} rw - cifs //nas/x rw\n")
    monkeypatch.setattr(storage_check, "MOUNTINFO", sample)
    monkeypatch.setattr(storage_check.sys, "platform", "linux")
    warning = network_storage_warning(tmp_path / "sirentan.db")
    assert warning is not None
    assert "folder jaringan (//nas/x, cifs)" in warning
    assert "gunakan PostgreSQL untuk beberapa komputer" in warning
