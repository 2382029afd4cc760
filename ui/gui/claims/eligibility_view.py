"""Is the worker entitled on the event date, and why: a strip above every tab of the claim,
and the Kelayakan tab with every check and the first-report countdown."""

from __future__ import annotations

from datetime import datetime
from html import escape

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from services.claims import CheckOutcome, Eligibility
from services.claims.labels import CHECK_OUTCOME
from services.text.formatting import long_date
from ui.gui.claims.claim_texts import LATE_TEXT, MUTED_TEXT, OK_TEXT, WAITING_TEXT
from ui.gui.claims.countdown import DeadlineCountdown
from ui.gui.widgets.notice_banner import NoticeBanner, Tone

NO_DATE = "Kelayakan tampil di sini begitu tanggal kejadian diisi."

_MARKS = {
    CheckOutcome.OK: ("✔", OK_TEXT),
    CheckOutcome.FAIL: ("✖", LATE_TEXT),
    CheckOutcome.WARN: ("⚠", WAITING_TEXT),
    CheckOutcome.INFO: ("ℹ", MUTED_TEXT),
}


def verdict(eligibility: Eligibility) -> tuple[str, Tone]:
    """One sentence for the top of the claim, with the reasons when it is not eligible.
    The first-report deadline is left to the countdown shown with it."""
    warnings = [
        c.text
        for c in eligibility.checks
        if c.outcome is CheckOutcome.WARN and not c.code.startswith("report_")
    ]
    if not eligibility.eligible:
        reasons = " ".join(eligibility.reasons)
        return (
            f"✖ TIDAK MEMENUHI SYARAT: {reasons} Klaim tetap dapat dicatat; alasannya ikut "
            "tercatat.",
            Tone.ERROR,
        )
    if warnings:
        return "⚠ Memenuhi syarat, dengan catatan: " + " ".join(warnings), Tone.WARNING
    return "✔ Memenuhi syarat pada tanggal kejadian.", Tone.INFO


def checks_html(eligibility: Eligibility) -> str:
    rows = []
    for check in eligibility.checks:
        mark, color = _MARKS[check.outcome]
        rows.append(
            f'<tr><td style="color:{color}; padding-right:6px"><b>{mark} '
            f"{CHECK_OUTCOME[check.outcome]}</b></td><td>{escape(check.text)}</td></tr>"
        )
    return "<table cellspacing=4>" + "".join(rows) + "</table>"


class EligibilityStrip(QWidget):
    """Above the tabs: the verdict, and for JKK the countdown, whatever tab is open."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.verdict = NoticeBanner(self)
        self.countdown = DeadlineCountdown(self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(self.verdict)
        layout.addWidget(self.countdown)

    def show_eligibility(self, eligibility: Eligibility | None, reported: datetime | None) -> None:
        if eligibility is None:
            self.verdict.clear_message()
            self.countdown.set_deadline(None, None)
            return
        self.verdict.show_message(*verdict(eligibility))
        self.countdown.set_deadline(eligibility.report_deadline, reported, eligibility.zone)


class EligibilityTab(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.headline = NoticeBanner(self)
        self.checks = QLabel(NO_DATE, self)
        self.checks.setWordWrap(True)
        self.checks.setTextFormat(Qt.TextFormat.RichText)
        self.checks.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.countdown = DeadlineCountdown(self)
        self.facts = QLabel(self)
        self.facts.setWordWrap(True)
        self.facts.setStyleSheet(f"color:{MUTED_TEXT}")
        title = QLabel("<b>Pemeriksaan kelayakan pada tanggal kejadian</b>", self)
        layout = QVBoxLayout(self)
        layout.addWidget(self.headline)
        layout.addWidget(self.countdown)
        layout.addWidget(title)
        layout.addWidget(self.checks)
        layout.addWidget(self.facts)
        layout.addStretch(1)

    def show_eligibility(self, eligibility: Eligibility | None, reported: datetime | None) -> None:
        if eligibility is None:
            self.headline.clear_message()
            self.countdown.set_deadline(None, None)
            self.checks.setText(NO_DATE)
            self.facts.clear()
            return
        self.headline.show_message(*verdict(eligibility))
        self.countdown.set_deadline(eligibility.report_deadline, reported, eligibility.zone)
        self.checks.setText(checks_html(eligibility))
        self.facts.setText(_facts(eligibility))


def _facts(eligibility: Eligibility) -> str:
    parts = []
    if eligibility.membership_days is not None:
        days = eligibility.membership_days
        parts.append(f"Masa kepesertaan sampai tanggal kejadian: {days} hari.")
    if eligibility.lapse_date is not None:
        parts.append(f"Batas pengajuan klaim: {long_date(eligibility.lapse_date)}.")
    parts.append(
        "Hasil ini perkiraan menurut data peserta di SiRentan; BPJS Ketenagakerjaan yang "
        "memutuskan."
    )
    return " ".join(parts)
