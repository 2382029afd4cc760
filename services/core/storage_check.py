"""Is the SQLite file on a network folder? SQLite's file locks are not reliable over
SMB/NFS and the like, and a register shared that way gets corrupted sooner or later.

The parsing is pure (mount tables and paths as text) so it can be tested on any
system; only network_storage_warning asks the running system.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path, PureWindowsPath

MOUNTINFO = Path("/proc/self/mountinfo")

NETWORK_FS_TYPES = frozenset(
    {
        "cifs",
        "smb3",
        "smbfs",
        "nfs",
        "nfs4",
        "fuse.sshfs",
        "sshfs",
        "9p",  # WSL's view of Windows drives and shares; its locks are unreliable too
        "davfs",
        "fuse.davfs2",
        "afs",
        "ncpfs",
        "coda",
        "ceph",
        "fuse.ceph",
        "glusterfs",
        "fuse.glusterfs",
        "lustre",
        "fuse.rclone",
        "fuse.s3fs",
        "fuse.gcsfuse",
    }
)
DRIVE_REMOTE = 4  # GetDriveTypeW's answer for a mapped network drive

WARNING = (
    "Berkas basis data ada di folder jaringan ({where}). Penguncian SQLite lewat jaringan "
    "tidak andal dan dapat merusak data; gunakan PostgreSQL untuk beberapa komputer."
)


@dataclass(frozen=True, slots=True)
class Mount:
    mount_point: str
    fs_type: str
    source: str


def parse_mountinfo(text: str) -> list[Mount]:
    """Mounts from /proc/self/mountinfo text, in the kernel's order (later ones on top)."""
    mounts = []
    for line in text.splitlines():
        fields = line.split()
        # Optional fields vary in number; " - " separates them from the fs type.
        if "-" not in fields[6:]:
            continue
        dash = fields.index("-", 6)
        if len(fields) < dash + 3:
            continue
        mounts.append(Mount(_unescape(fields[4]), fields[dash + 1], _unescape(fields[dash + 2])))
    return mounts


def mount_for(path: str, mounts: list[Mount]) -> Mount | None:
    """The mount holding ``path``: the longest mount point containing it, the last
    mounted one when several share a mount point (it hides the ones below)."""
    best: Mount | None = None
    for mount in mounts:
        if _contains(mount.mount_point, path) and (
            best is None or len(mount.mount_point) >= len(best.mount_point)
        ):
            best = mount
    return best


def network_location_linux(path: str, mountinfo_text: str) -> str | None:
    """The network mount holding ``path`` as "source, fs type", or None when local."""
    mount = mount_for(path, parse_mountinfo(mountinfo_text))
    if mount is None or mount.fs_type not in NETWORK_FS_TYPES:
        return None
    return f"{mount.source}, {mount.fs_type}"


def network_location_windows(path: str, drive_type: Callable[[str], int]) -> str | None:
    """The share or mapped drive holding ``path``, or None when local."""
    drive = PureWindowsPath(path).drive
    if drive.startswith(("\\\\?\\UNC\\", "\\\\.\\UNC\\")):
        return "\\\\" + drive[8:]
    if drive.startswith("\\\\") and not drive.startswith(("\\\\?\\", "\\\\.\\")):
        return drive
    letter = drive.removeprefix("\\\\?\\").removeprefix("\\\\.\\")
    if re.fullmatch(r"[A-Za-z]:", letter) and drive_type(f"{letter}\\") == DRIVE_REMOTE:
        return f"{letter.upper()} (drive jaringan)"
    return None


def network_storage_warning(path: Path) -> str | None:
    """An Indonesian warning when the SQLite file lives on a network folder, else None."""
    if sys.platform.startswith("linux"):
        where = _linux(path)
    elif sys.platform == "win32":
        where = network_location_windows(str(path.absolute()), _windows_drive_type)
    else:
        # macOS and others: no check; they are not the office's systems.
        where = None
    return WARNING.format(where=where) if where else None


def _linux(path: Path) -> str | None:
    try:
        text = MOUNTINFO.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return None
    return network_location_linux(str(_existing(path.expanduser().absolute())), text)


def _existing(path: Path) -> Path:
    # The file may not exist yet (first start); its folder decides where it will live.
    for candidate in (path, *path.parents):
        if candidate.exists():
            return candidate.resolve()
    return path


def _windows_drive_type(root: str) -> int:
    import ctypes

    # ctypes.windll exists on Windows only, and mypy checks for this platform.
    return int(ctypes.windll.kernel32.GetDriveTypeW(root))  # type: ignore[attr-defined]


def _contains(mount_point: str, path: str) -> bool:
    if mount_point == "/":
        return path.startswith("/")
    return path == mount_point or path.startswith(mount_point.rstrip("/") + "/")


def _unescape(field: str) -> str:
    # The kernel writes space, tab, newline and backslash in names as octal escapes.
    return re.sub(r"\\([0-7]{3})", lambda m: chr(int(m.group(1), 8)), field)
