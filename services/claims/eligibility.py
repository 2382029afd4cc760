"""Is the claim eligible on the event date, and why (pure rules, no database).

Coverage, its funding and the status on the event date are the coverage history's
(``services.coverage_history.coverage_on``, read by ``detail.claim_coverage``): the
worker is covered when a coverage period covers the event date (a status change ends
the periods on its day, so a worker is covered on the day they are deactivated or die).
The membership length is counted from the first day of the unbroken coverage up to the
event, in calendar months: a death on the day three months after that start is no
longer "under three months"; the scholarship opens on the day three years after it.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, tzinfo

from models.enums import ClaimType, FundingSource, WorkerStatus
from services.claims.rules import ClaimRules
from services.claims.types import CheckOutcome, DeadlineState, Eligibility, EligibilityCheck
from services.core.office_time import as_utc, on_office_clock
from services.text.formatting import long_date
from services.text.labels import FUNDING


@dataclass(frozen=True, slots=True)
class CoverageFacts:
    """The worker's coverage on the event date (from the coverage history) and their
    status now."""

    covered: bool  # a coverage period covers the event date
    coverage_start: date | None  # first day of the unbroken coverage up to the event
    coverage_end: date | None  # last day of the period covering the event (None: open)
    status: WorkerStatus  # the worker's status now
    status_date: date | None
    funding: FundingSource | None  # the funding source on the event date
    has_periods: bool = True
    next_start: date | None = None  # when not covered: a later period's first day
    last_end: date | None = None  # when not covered: the last covered day before


@dataclass(frozen=True, slots=True)
class ClaimFacts:
    claim_type: ClaimType
    event_date: date
    event_time: time | None
    first_report_at: datetime | None
    filed_on: date  # submitted to BPJS on, or today while not yet submitted
    death_claim: bool  # JKM, or JKK with a fatal outcome
    total_disability: bool = False  # JKK with total permanent disability (cacat total tetap)


def add_months(day: date, months: int) -> date:
    """The same day ``months`` later; the month's last day when it is shorter (31 Jan + 1)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def whole_months(start: date, end: date) -> int:
    months = (end.year - start.year) * 12 + end.month - start.month
    return months - 1 if add_months(start, months) > end else months


def report_deadline(
    event_date: date, event_time: time | None, hours: int, zone: tzinfo
) -> datetime:
    """The first-report deadline in UTC. An unknown time counts from the start of the day,
    so the countdown never promises more time than there is. ``zone`` is the office's clock,
    the one the accident's hour was typed on (WIB, WITA or WIT)."""
    start = datetime.combine(event_date, event_time or time(0, 0), tzinfo=zone)
    return (start + timedelta(hours=hours)).astimezone(UTC)


def deadline_state(
    deadline: datetime | None, first_report_at: datetime | None, now: datetime
) -> DeadlineState:
    if deadline is None:
        return DeadlineState.NOT_APPLICABLE
    deadline = as_utc(deadline)
    if first_report_at is not None:
        on_time = as_utc(first_report_at) <= deadline
        return DeadlineState.ON_TIME if on_time else DeadlineState.LATE
    return DeadlineState.RUNNING if as_utc(now) <= deadline else DeadlineState.LATE


def assess(
    facts: ClaimFacts,
    worker: CoverageFacts,
    rules: ClaimRules,
    now: datetime,
    premium: tuple[bool, str] | None = None,
) -> Eligibility:
    """``premium``: whether the event month's premium is recorded paid, and the statement
    (services/premiums/month_paid.py); without it the funding is only named."""
    funding = _funding(worker) if premium is None else _premium(*premium)
    checks = [_coverage(facts.event_date, worker), *_status(facts, worker), funding]
    start = worker.coverage_start
    membership_days = None
    reduced = scholarship = False
    if worker.covered and start is not None and facts.event_date >= start:
        membership_days = (facts.event_date - start).days
        if facts.claim_type is ClaimType.JKM:
            reduced = facts.event_date < add_months(start, rules.jkm_reduced_months)
            checks.append(_membership(facts.event_date, start, reduced, rules))
        if facts.death_claim or facts.total_disability:
            long_enough = facts.event_date >= add_months(start, 12 * rules.scholarship_min_years)
            scholarship, check = scholarship_rule(facts, long_enough, rules)
            if check is not None:
                checks.append(check)
    deadline = None
    state = DeadlineState.NOT_APPLICABLE
    if facts.claim_type is ClaimType.JKK:
        deadline = report_deadline(
            facts.event_date, facts.event_time, rules.jkk_report_hours, rules.zone
        )
        state = deadline_state(deadline, facts.first_report_at, now)
        checks.append(_deadline_check(deadline, state, facts, rules, now))
    lapse_date, lapse = lapse_check(facts.claim_type, facts.event_date, facts.filed_on, rules)
    if lapse is not None:
        checks.append(lapse)
    return Eligibility(
        eligible=all(c.outcome is not CheckOutcome.FAIL for c in checks),
        checks=tuple(checks),
        membership_days=membership_days,
        reduced_benefit=reduced,
        scholarship_open=scholarship,
        report_deadline=deadline,
        deadline_state=state,
        lapse_date=lapse_date,
        zone=rules.zone,
    )


def _coverage(event: date, worker: CoverageFacts) -> EligibilityCheck:
    on = long_date(event)
    if worker.covered:
        until = long_date(worker.coverage_end) if worker.coverage_end else "sekarang"
        return EligibilityCheck(
            "coverage_active",
            CheckOutcome.OK,
            f"Kepesertaan aktif pada {on} (periode {long_date(worker.coverage_start)} s.d. "
            f"{until}).",
        )
    if not worker.has_periods:
        return EligibilityCheck(
            "coverage_unknown",
            CheckOutcome.FAIL,
            f"Belum terlindungi pada {on}: belum ada periode kepesertaan; lengkapi dulu "
            "data peserta.",
        )
    if worker.last_end is None:
        return EligibilityCheck(
            "coverage_not_started",
            CheckOutcome.FAIL,
            f"Belum terlindungi pada {on}: kepesertaan baru mulai {long_date(worker.next_start)}.",
        )
    return EligibilityCheck(
        "coverage_ended",
        CheckOutcome.FAIL,
        f"Tidak terlindungi pada {on}: kepesertaan berakhir {long_date(worker.last_end)}.",
    )


def _status(facts: ClaimFacts, worker: CoverageFacts) -> list[EligibilityCheck]:
    since = worker.status_date
    if worker.status is WorkerStatus.INACTIVE:
        # Covered on the day of the change itself: the periods end on it.
        if since is not None and since >= facts.event_date:
            return [
                EligibilityCheck(
                    "status_inactive_later",
                    CheckOutcome.INFO,
                    f"Peserta dinonaktifkan {long_date(since)}, pada atau sesudah tanggal "
                    "kejadian.",
                )
            ]
        return [
            EligibilityCheck(
                "status_inactive",
                CheckOutcome.FAIL,
                f"Peserta berstatus nonaktif sejak {long_date(since)}, sebelum tanggal kejadian.",
            )
        ]
    if worker.status is WorkerStatus.DECEASED and since is not None:
        if facts.claim_type is ClaimType.JKK and since < facts.event_date:
            return [
                EligibilityCheck(
                    "status_dead_before",
                    CheckOutcome.FAIL,
                    f"Peserta tercatat meninggal {long_date(since)}, sebelum tanggal kecelakaan.",
                )
            ]
        if facts.claim_type is ClaimType.JKM and since != facts.event_date:
            return [
                EligibilityCheck(
                    "status_death_date_differs",
                    CheckOutcome.WARN,
                    f"Data peserta mencatat meninggal {long_date(since)}, berbeda dengan tanggal "
                    "kematian di klaim ini; periksa akta kematian dan betulkan yang keliru.",
                )
            ]
    return []


def _funding(worker: CoverageFacts) -> EligibilityCheck:
    if worker.funding is None:
        return EligibilityCheck(
            "funding_none", CheckOutcome.INFO, "Tidak ada iuran yang membiayai tanggal kejadian."
        )
    if worker.funding is FundingSource.MANDIRI:
        return EligibilityCheck(
            "funding_self",
            CheckOutcome.WARN,
            "Iuran dibayar sendiri (mandiri): pastikan iuran bulan kejadian sudah lunas.",
        )
    return EligibilityCheck(
        "funding", CheckOutcome.INFO, f"Iuran dibayar dari {FUNDING[worker.funding]}."
    )


def _premium(paid: bool, statement: str) -> EligibilityCheck:
    return EligibilityCheck("funding", CheckOutcome.INFO if paid else CheckOutcome.WARN, statement)


def _membership_text(start: date, event: date) -> str:
    months = whole_months(start, event)
    if months == 0:
        return f"{(event - start).days} hari"
    years, rest = divmod(months, 12)
    parts = [f"{years} tahun"] if years else []
    return " ".join([*parts, f"{rest} bulan"] if rest else parts)


def _membership(event: date, start: date, reduced: bool, rules: ClaimRules) -> EligibilityCheck:
    length = _membership_text(start, event)
    if reduced:
        return EligibilityCheck(
            "membership_short",
            CheckOutcome.WARN,
            f"Masa kepesertaan baru {length} (kurang dari {rules.jkm_reduced_months} bulan): "
            "manfaat JKM dikurangi.",
        )
    return EligibilityCheck(
        "membership", CheckOutcome.OK, f"Masa kepesertaan {length}: manfaat JKM penuh."
    )


def scholarship_rule(
    facts: ClaimFacts, long_enough: bool, rules: ClaimRules
) -> tuple[bool, EligibilityCheck | None]:
    """Does the claim open the children's scholarship? JKM after the minimum membership
    (PP 82/2019 Pasal 34); JKK death, and JKK total permanent disability when the setting
    says so, without it unless claims.jkk_scholarship_needs_min_years; each JKK rule only
    for events from its setting's start date (before it the app holds no rule)."""
    if facts.claim_type is ClaimType.JKM:
        return long_enough, _scholarship(long_enough, True, rules)
    if facts.total_disability and not facts.death_claim:
        since = rules.jkk_scholarship_total_disability_from
        if not rules.jkk_scholarship_total_disability:
            return False, None
        if facts.event_date < since:
            return False, _no_rule(since)
    since = rules.jkk_scholarship_needs_min_years_from
    if facts.event_date < since:
        return False, _no_rule(since)
    needs_years = rules.jkk_scholarship_needs_min_years
    open_ = long_enough or not needs_years
    return open_, _scholarship(open_, needs_years, rules)


def _no_rule(since: date) -> EligibilityCheck:
    return EligibilityCheck(
        "scholarship_rule_unknown",
        CheckOutcome.INFO,
        f"Aturan beasiswa JKK untuk kejadian sebelum {long_date(since)} tidak dimuat di "
        "Pengaturan; tanyakan hak beasiswa anak ke BPJS Ketenagakerjaan.",
    )


def _scholarship(open_: bool, needs_years: bool, rules: ClaimRules) -> EligibilityCheck:
    years = rules.scholarship_min_years
    if not needs_years:
        text = "Beasiswa anak dapat diajukan (untuk JKK tanpa syarat masa kepesertaan)."
    elif open_:
        text = f"Masa kepesertaan {years} tahun atau lebih: beasiswa anak dapat diajukan."
    else:
        text = f"Masa kepesertaan kurang dari {years} tahun: belum ada hak beasiswa anak."
    return EligibilityCheck("scholarship", CheckOutcome.INFO, text)


def _local(moment: datetime, zone: tzinfo) -> str:
    local = on_office_clock(moment, zone)
    return f"{long_date(local.date())} pukul {local:%H.%M} {local.tzname()}"


def _deadline_check(
    deadline: datetime,
    state: DeadlineState,
    facts: ClaimFacts,
    rules: ClaimRules,
    now: datetime,
) -> EligibilityCheck:
    limit = f"{rules.jkk_report_hours} jam"
    zone = rules.zone
    unknown_time = " (jam kejadian belum diisi: dihitung dari pukul 00.00)"
    suffix = unknown_time if facts.event_time is None else ""
    if state is DeadlineState.ON_TIME:
        assert facts.first_report_at is not None
        reported = _local(facts.first_report_at, zone)
        text = f"Laporan tahap I {reported}: tepat waktu (batas {limit})."
        return EligibilityCheck("report_on_time", CheckOutcome.OK, text)
    if state is DeadlineState.LATE and facts.first_report_at is not None:
        text = (
            f"Laporan tahap I {_local(facts.first_report_at, zone)}: terlambat, batasnya "
            f"{_local(deadline, zone)}{suffix}."
        )
        return EligibilityCheck("report_late", CheckOutcome.WARN, text)
    if state is DeadlineState.LATE:
        text = (
            f"Terlambat: batas laporan tahap I ({limit}) sudah lewat pada {_local(deadline, zone)}"
            f"{suffix}. Laporkan segera ke BPJS dan catat alasannya."
        )
        return EligibilityCheck("report_overdue", CheckOutcome.WARN, text)
    left = as_utc(deadline) - as_utc(now)
    hours = int(left.total_seconds() // 3600)
    text = f"Laporkan ke BPJS paling lambat {_local(deadline, zone)} (sisa {hours} jam){suffix}."
    return EligibilityCheck("report_due", CheckOutcome.WARN, text)


def lapse_check(
    claim_type: ClaimType, event_date: date, filed_on: date, rules: ClaimRules
) -> tuple[date | None, EligibilityCheck | None]:
    """The last day to file, and whether the claim (filed, or filed today) is past it;
    (None, None) when the office knows no lapse for the programme (0 months). The domain
    notes give one for JKK only ("about 2 years", likely): a JKM lapse is not stated until
    the office sets one, rather than telling an heir a date nobody has confirmed."""
    months = rules.jkk_lapse_months if claim_type is ClaimType.JKK else rules.jkm_lapse_months
    if months <= 0:
        return None, None
    lapse_date = add_months(event_date, months)
    return lapse_date, _lapse(lapse_date, filed_on, months)


def _lapse(lapse_date: date, filed_on: date, months: int) -> EligibilityCheck:
    if filed_on > lapse_date:
        return EligibilityCheck(
            "lapsed",
            CheckOutcome.FAIL,
            f"Kedaluwarsa: klaim harus diajukan paling lambat {long_date(lapse_date)} "
            f"({months} bulan sesudah kejadian).",
        )
    return EligibilityCheck(
        "lapse_date",
        CheckOutcome.INFO,
        f"Klaim harus diajukan ke BPJS paling lambat {long_date(lapse_date)}.",
    )
