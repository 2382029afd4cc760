"""How claims read on screen: flags, deadlines, the countdown, money and moments."""

from __future__ import annotations

from datetime import datetime, tzinfo

from models.enums import ClaimStatus
from services.claims import ClaimRow, DeadlineState
from services.claims.labels import CLAIM_STATUS, DEADLINE_STATE
from services.core.office_time import on_office_clock
from services.text.figures import rupiah_whole
from services.text.formatting import long_date
from ui.gui.formats import moment_text

# Colours for rows and labels; every one of them also comes with a symbol and words.
LATE_BACKGROUND = "#fdecea"
WAITING_BACKGROUND = "#fff4e0"
LATE_TEXT = "#b3261e"
WAITING_TEXT = "#8a5300"
OK_TEXT = "#1e6b34"
MUTED_TEXT = "#5f6368"

# Marks every system font can draw (hourglass and no-entry signs often cannot).
LATE_MARK = "⚠"

# Buttons of the workflow: forward steps as what happened, steps back as what they undo.
STEP_FORWARD = {
    ClaimStatus.COMPLETE: "Tandai berkas lengkap",
    ClaimStatus.SUBMITTED: "Ajukan ke BPJS…",
    ClaimStatus.APPROVED: "Disetujui BPJS…",
    ClaimStatus.REJECTED: "Ditolak BPJS…",
    ClaimStatus.PAID: "Sudah dibayar…",
    ClaimStatus.CLOSED: "Selesai…",
    ClaimStatus.CANCELLED: "Batalkan klaim…",
}


def step_back_text(target: ClaimStatus) -> str:
    return f"Kembalikan ke {CLAIM_STATUS[target]}…"


def local_text(moment: datetime, zone: tzinfo) -> str:
    """ "12 November 2025 pukul 08.30 WITA" on the office's clock (WIB, WITA or WIT)."""
    local = on_office_clock(moment, zone)
    return f"{long_date(local.date())} pukul {local:%H.%M} {local.tzname()}"


def duration_text(seconds: float) -> str:
    """ "1 hari 3 jam 12 menit"; under a day the seconds too, so the countdown visibly runs."""
    whole = max(0, int(seconds))
    days, rest = divmod(whole, 86_400)
    hours, rest = divmod(rest, 3_600)
    minutes, secs = divmod(rest, 60)
    if days:
        return f"{days} hari {hours} jam {minutes} menit"
    if hours:
        return f"{hours} jam {minutes} menit {secs} detik"
    return f"{minutes} menit {secs} detik"


def money_text(amount: int | None) -> str:
    return rupiah_whole(amount) if amount is not None else "-"


def attention_text(row: ClaimRow, waiting_days: int) -> str:
    """What needs doing about a claim, in words (the row's colour and sign only repeat it)."""
    parts = []
    if row.report_overdue:
        parts.append("Terlambat lapor tahap I")
    if row.waiting_documents:
        parts.append(f"Menunggu dokumen > {waiting_days} hari")
    if not row.eligible:
        parts.append("Tidak memenuhi syarat")
    return "; ".join(parts)


def deadline_column_text(row: ClaimRow) -> str:
    if row.deadline_state is DeadlineState.NOT_APPLICABLE:
        return "-"
    text = DEADLINE_STATE[row.deadline_state]
    if row.deadline_state is DeadlineState.RUNNING and row.report_deadline is not None:
        text += f" (s.d. {moment_text(row.report_deadline, row.zone)})"
    return text
