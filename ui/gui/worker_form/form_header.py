"""The line above the form's tabs: whose record, its NIK, when and by whom it last changed."""

from __future__ import annotations

from datetime import tzinfo
from html import escape

from services.text.formatting import long_date
from services.workers.types import WorkerDetail
from ui.gui.formats import local_date

NEW_WORKER = "<b>Peserta baru</b> — isi sesuai KTP dan kartu BPJS."


def header_html(detail: WorkerDetail | None, read_only: bool, zone: tzinfo | None) -> str:
    """``zone``: the office's clock, whose calendar day the last change is shown on."""
    if detail is None:
        return NEW_WORKER
    changed = long_date(local_date(detail.updated_at, zone))
    by = f" oleh {escape(detail.updated_by)}" if detail.updated_by else ""
    # Said once at the top, so a reader is not left wondering why nothing can be typed.
    mode = " &nbsp;·&nbsp; <i>hanya baca</i>" if read_only else ""
    return (
        f"<b>{escape(detail.full_name)}</b> &nbsp;·&nbsp; NIK {escape(detail.nik)}"
        f" &nbsp;·&nbsp; <span style='color:#5f6368'>terakhir diubah {changed}{by}</span>"
        f"{mode}"
    )
