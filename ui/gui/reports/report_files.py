"""Where a report goes: a default file name, Qt's own save dialog, and the private folder
the in-app previews are written to."""

from __future__ import annotations

import re
import tempfile
from collections.abc import Callable
from datetime import date
from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QWidget

from services.reports import ReportFilter, ReportKind

FILE_STEMS = {
    ReportKind.RECAP: "rekap-kepesertaan",
    ReportKind.VILLAGE_LIST: "daftar-peserta-desa",
    ReportKind.PREMIUM: "laporan-iuran",
    ReportKind.CLAIMS: "laporan-klaim",
    ReportKind.DATA_QUALITY: "mutu-data-peserta",
}
FILTERS = {".xlsx": "Buku kerja Excel (*.xlsx)", ".pdf": "Dokumen PDF (*.pdf)"}

AskPath = Callable[[QWidget, Path, str], Path | None]


def default_name(
    kind: ReportKind, report_filter: ReportFilter, place: str | None, suffix: str, today: date
) -> str:
    """ "daftar-peserta-desa-aplasi-20261124.pdf", "laporan-iuran-2026-11-20261124.xlsx"."""
    parts = [FILE_STEMS[kind]]
    if place:
        parts.append(re.sub(r"[^a-z0-9]+", "-", place.lower()).strip("-"))
    period = report_filter.period
    if period is not None:
        parts.append(period.first.code if period.first == period.last else str(period.first.year))
    parts.append(f"{today:%Y%m%d}")
    return "-".join(p for p in parts if p) + suffix


def ask_report_path(parent: QWidget, suggested: Path, suffix: str) -> Path | None:
    """Qt's own dialog (the same on every desktop), starting at the suggested name."""
    dialog = QFileDialog(parent, "Simpan laporan", str(suggested), FILTERS[suffix])
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    dialog.setDefaultSuffix(suffix.lstrip("."))
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
    if not dialog.exec() or not dialog.selectedFiles():
        return None
    path = Path(dialog.selectedFiles()[0])
    return path if path.suffix.lower() == suffix else path.with_suffix(suffix)


class PreviewFolder:
    """A private temporary folder (previews name people); each preview gets a new name, as
    Windows cannot overwrite a file the viewer still holds."""

    def __init__(self) -> None:
        self._folder = tempfile.TemporaryDirectory(
            prefix="sirentan-laporan-", ignore_cleanup_errors=True
        )
        self._serial = 0

    def next_path(self) -> Path:
        self._serial += 1
        return Path(self._folder.name) / f"pratinjau-{self._serial}.pdf"

    def cleanup(self) -> None:
        self._folder.cleanup()
