"""How a backup reads in the list: when, which file, how big, what it holds."""

from __future__ import annotations

from services.backup.service import BackupInfo
from ui.gui.formats import local_time, thousands

HEADERS = ("Waktu", "Berkas", "Ukuran", "Isi")
_UNITS = ("bita", "KB", "MB", "GB")


def file_size(size: int) -> str:
    """ "1,4 MB": Indonesian writes the decimal comma."""
    value, unit = float(size), 0
    while value >= 1024 and unit < len(_UNITS) - 1:
        value, unit = value / 1024, unit + 1
    text = f"{value:.0f}" if unit == 0 else f"{value:.1f}".replace(".", ",")
    return f"{text} {_UNITS[unit]}"


def contents(info: BackupInfo) -> str:
    if not info.counts:
        return "cadangan PostgreSQL" if info.is_postgresql_dump else "-"
    parts = [f"{thousands(info.counts.get('worker', 0))} peserta"]
    if "app_user" in info.counts:
        parts.append(f"{thousands(info.counts['app_user'])} akun")
    return ", ".join(parts)


def cells(info: BackupInfo) -> tuple[str, str, str, str]:
    return (local_time(info.created_at), info.path.name, file_size(info.size_bytes), contents(info))
