"""The JKK first-report deadline (2 × 24 hours after the accident) as a live countdown,
and "TERLAMBAT" in red once it has passed."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, tzinfo

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QLabel, QWidget

from services.claims import DeadlineState
from services.core.office_time import as_utc
from ui.gui.claims.claim_texts import (
    LATE_MARK,
    LATE_TEXT,
    OK_TEXT,
    WAITING_TEXT,
    duration_text,
    local_text,
)

TICK_MS = 1000


def _now() -> datetime:
    return datetime.now(UTC)


class DeadlineCountdown(QLabel):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        # Tests set the clock; the label reads it on every tick.
        self.clock: Callable[[], datetime] = _now
        self.state = DeadlineState.NOT_APPLICABLE
        self.timer = QTimer(self)
        self.timer.setInterval(TICK_MS)
        self.timer.timeout.connect(self.refresh)
        self._deadline: datetime | None = None
        self._reported: datetime | None = None
        self._zone: tzinfo = UTC
        self.hide()

    def set_deadline(
        self, deadline: datetime | None, reported: datetime | None, zone: tzinfo = UTC
    ) -> None:
        """``deadline`` None: not a JKK claim (or no accident date yet); ``zone`` the
        office's clock the moments are shown on."""
        self._zone = zone
        self._deadline = as_utc(deadline) if deadline else None
        self._reported = as_utc(reported) if reported else None
        self.refresh()

    def refresh(self) -> None:
        deadline, reported = self._deadline, self._reported
        if deadline is None:
            self._show(DeadlineState.NOT_APPLICABLE, "", "")
            return
        if reported is not None:
            on_time = reported <= deadline
            text = (
                f"✔ Laporan tahap I ke BPJS {self._local(reported)}: tepat waktu."
                if on_time
                else f"{LATE_MARK} Laporan tahap I ke BPJS {self._local(reported)}: TERLAMBAT "
                f"(batasnya {self._local(deadline)})."
            )
            state = DeadlineState.ON_TIME if on_time else DeadlineState.LATE
            self._show(state, text, OK_TEXT if on_time else LATE_TEXT)
            return
        left = (deadline - self.clock()).total_seconds()
        if left >= 0:
            text = (
                f"Sisa waktu lapor tahap I ke BPJS: {duration_text(left)} "
                f"(batas {self._local(deadline)})."
            )
            self._show(DeadlineState.RUNNING, text, WAITING_TEXT)
        else:
            text = (
                f"{LATE_MARK} TERLAMBAT: batas laporan tahap I ({self._local(deadline)}) "
                f"sudah lewat {duration_text(-left)}. Laporkan segera ke BPJS dan catat alasannya."
            )
            self._show(DeadlineState.LATE, text, LATE_TEXT)

    def _local(self, moment: datetime) -> str:
        return local_text(moment, self._zone)

    def _show(self, state: DeadlineState, text: str, color: str) -> None:
        self.state = state
        self.setText(text)
        self.setStyleSheet(f"QLabel {{ color:{color}; font-weight:bold; }}" if color else "")
        self.setVisible(bool(text))
        # Only a running deadline needs the clock; when it runs out the label turns red.
        if state is not DeadlineState.RUNNING:
            self.timer.stop()
        elif not self.timer.isActive():
            self.timer.start()
