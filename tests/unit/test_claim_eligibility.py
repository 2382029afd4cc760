"""Eligibility on its edges: coverage dates, membership months and years, the JKK report
deadline and the lapse period (pure rules, no database)."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, time, timedelta

import pytest

from models.enums import ClaimType, FundingSource, WorkerStatus
from services.claims.eligibility import (
    ClaimFacts,
    CoverageFacts,
    add_months,
    assess,
    report_deadline,
    whole_months,
)
from services.claims.rules import ClaimRules, rules_from
from services.claims.types import CheckOutcome, DeadlineState
from services.core.office_time import WITA
from services.settings.catalog import DEFAULTS

RULES = ClaimRules.defaults()
EVENT = date(2025, 10, 7)
NOW = datetime(2025, 10, 8, 2, 0, tzinfo=UTC)
COVERED = CoverageFacts(
    covered=True,
    coverage_start=date(2025, 7, 7),
    coverage_end=date(2025, 12, 31),
    status=WorkerStatus.ACTIVE,
    status_date=None,
    funding=FundingSource.APBD_KABUPATEN,
)
# Not covered on the event date: what coverage_history says about the days around it.
ENDED = replace(COVERED, covered=False, coverage_start=None, coverage_end=None, funding=None)


def facts(claim_type: ClaimType = ClaimType.JKM, event: date = EVENT, **changes) -> ClaimFacts:
    base = ClaimFacts(
        claim_type=claim_type,
        event_date=event,
        event_time=None,
        first_report_at=None,
        filed_on=event,
        death_claim=claim_type is ClaimType.JKM,
    )
    return replace(base, **changes)


def codes(result) -> set[str]:
    return {c.code for c in result.checks}


def test_coverage_ending_the_day_before_the_death_is_not_covered() -> None:
    worker = replace(ENDED, last_end=EVENT - timedelta(days=1))
    result = assess(facts(), worker, RULES, NOW)
    assert not result.eligible
    assert "coverage_ended" in codes(result)
    assert result.reasons == [
        "Tidak terlindungi pada 7 Oktober 2025: kepesertaan berakhir 6 Oktober 2025."
    ]


def test_coverage_ending_on_the_day_of_death_still_covers_it() -> None:
    result = assess(facts(), replace(COVERED, coverage_end=EVENT), RULES, NOW)
    assert result.eligible and "coverage_active" in codes(result)


def test_coverage_starting_the_day_after_the_event_is_not_covered() -> None:
    worker = replace(ENDED, next_start=EVENT + timedelta(days=1))
    result = assess(facts(), worker, RULES, NOW)
    assert not result.eligible
    assert result.reasons == [
        "Belum terlindungi pada 7 Oktober 2025: kepesertaan baru mulai 8 Oktober 2025."
    ]
    assert result.membership_days is None


def test_coverage_starting_on_the_event_day_covers_it_with_the_reduced_benefit() -> None:
    result = assess(facts(), replace(COVERED, coverage_start=EVENT), RULES, NOW)
    assert result.eligible and result.reduced_benefit and result.membership_days == 0


def test_a_worker_without_a_coverage_period_is_not_eligible() -> None:
    result = assess(facts(), replace(ENDED, has_periods=False), RULES, NOW)
    assert not result.eligible and "coverage_unknown" in codes(result)
    assert result.reasons[0] == (
        "Belum terlindungi pada 7 Oktober 2025: belum ada periode kepesertaan; lengkapi dulu "
        "data peserta."
    )
    assert result.membership_days is None and not result.reduced_benefit


def test_death_exactly_three_months_after_the_start_gets_the_full_benefit() -> None:
    start = date(2025, 7, 7)
    assert add_months(start, 3) == EVENT
    result = assess(facts(), replace(COVERED, coverage_start=start), RULES, NOW)
    assert result.eligible and not result.reduced_benefit
    assert "membership" in codes(result)


def test_death_a_day_before_three_months_gets_the_reduced_benefit() -> None:
    result = assess(facts(event=EVENT - timedelta(days=1)), COVERED, RULES, NOW)
    assert result.eligible and result.reduced_benefit
    short = next(c for c in result.checks if c.code == "membership_short")
    assert short.outcome is CheckOutcome.WARN
    assert short.text == (
        "Masa kepesertaan baru 2 bulan (kurang dari 3 bulan): manfaat JKM dikurangi."
    )


def test_scholarship_opens_exactly_three_years_after_the_start() -> None:
    start = date(2022, 10, 7)
    worker = replace(COVERED, coverage_start=start)
    assert assess(facts(), worker, RULES, NOW).scholarship_open
    day_before = assess(facts(event=EVENT - timedelta(days=1)), worker, RULES, NOW)
    assert not day_before.scholarship_open


def test_jkk_scholarship_needs_no_three_years_by_default_unless_the_setting_says_so() -> None:
    worker = replace(COVERED, coverage_start=date(2025, 1, 1))
    fatal = facts(ClaimType.JKK, death_claim=True)
    result = assess(fatal, worker, RULES, NOW)
    assert result.scholarship_open
    assert "tanpa syarat masa kepesertaan" in next(
        c.text for c in result.checks if c.code == "scholarship"
    )
    strict = replace(RULES, jkk_scholarship_needs_min_years=True)
    assert not assess(fatal, worker, strict, NOW).scholarship_open
    # JKM keeps its three years whatever the JKK setting says.
    assert not assess(facts(ClaimType.JKM), worker, RULES, NOW).scholarship_open


def test_jkk_total_disability_opens_the_scholarship_from_the_settings_start_date() -> None:
    worker = replace(COVERED, coverage_start=date(2025, 1, 1))
    disabled = facts(ClaimType.JKK, total_disability=True)
    assert assess(disabled, worker, RULES, NOW).scholarship_open
    off = replace(RULES, jkk_scholarship_total_disability=False)
    result = assess(disabled, worker, off, NOW)
    assert not result.scholarship_open and "scholarship" not in codes(result)
    later = replace(RULES, jkk_scholarship_total_disability_from=date(2026, 1, 1))
    result = assess(disabled, worker, later, NOW)
    assert not result.scholarship_open
    assert "scholarship_rule_unknown" in codes(result)


def test_months_are_calendar_months_clamped_to_the_month_end() -> None:
    assert add_months(date(2025, 1, 31), 1) == date(2025, 2, 28)
    assert add_months(date(2024, 2, 29), 12) == date(2025, 2, 28)
    assert add_months(date(2025, 11, 30), 3) == date(2026, 2, 28)
    assert whole_months(date(2025, 1, 31), date(2025, 2, 28)) == 1
    assert whole_months(date(2025, 1, 31), date(2025, 2, 27)) == 0


def test_a_worker_deactivated_before_the_event_is_not_covered_but_on_or_after_it_is() -> None:
    before = replace(
        ENDED,
        status=WorkerStatus.INACTIVE,
        status_date=EVENT - timedelta(1),
        last_end=EVENT - timedelta(1),
    )
    assert not assess(facts(), before, RULES, NOW).eligible
    on_the_day = replace(COVERED, status=WorkerStatus.INACTIVE, status_date=EVENT)
    assert assess(facts(), on_the_day, RULES, NOW).eligible


def test_self_paid_workers_get_a_reminder_about_the_premium() -> None:
    worker = replace(COVERED, funding=FundingSource.MANDIRI)
    result = assess(facts(), worker, RULES, NOW)
    assert result.eligible
    assert any("mandiri" in text for text in result.warnings)


def test_jkk_deadline_is_two_times_24_hours_in_wita() -> None:
    deadline = report_deadline(date(2025, 10, 7), time(8, 30), 48, WITA)
    assert deadline == datetime(2025, 10, 9, 0, 30, tzinfo=UTC)  # 08.30 WITA two days later
    # An unknown time counts from the start of the day: never more time than there is.
    midnight = report_deadline(date(2025, 10, 7), None, 48, WITA)
    assert midnight == datetime(2025, 10, 8, 16, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("district", "zone", "utc_hour"),
    [
        ("12.71", "WIB", 1),  # Kota Medan: 08.30 WIB is 01.30 UTC
        ("53.03", "WITA", 0),  # Timor Tengah Utara: 08.30 WITA is 00.30 UTC
        ("91.71", "WIT", -1),  # Kota Jayapura: 08.30 WIT is 23.30 UTC the day before
    ],
)
def test_the_deadline_counts_on_the_district_clock(district: str, zone: str, utc_hour: int) -> None:
    """The accident's hour is typed on the office's clock; the district chooses it."""
    rules = rules_from(DEFAULTS | {"district.kabupaten_code": district})
    assert rules.zone.tzname(None) == zone
    accident = facts(ClaimType.JKK, event_time=time(8, 30))
    result = assess(accident, COVERED, rules, datetime(2025, 10, 10, tzinfo=UTC))
    expected = datetime(2025, 10, 9, 0, 30, tzinfo=UTC) + timedelta(hours=utc_hour)
    assert result.report_deadline == expected
    check = next(c for c in result.checks if c.code == "report_overdue")
    assert f"9 Oktober 2025 pukul 08.30 {zone}" in check.text


@pytest.mark.parametrize(
    ("reported", "now", "state"),
    [
        (None, datetime(2025, 10, 9, 0, 30, tzinfo=UTC), DeadlineState.RUNNING),
        (None, datetime(2025, 10, 9, 0, 31, tzinfo=UTC), DeadlineState.LATE),
        (datetime(2025, 10, 9, 0, 30, tzinfo=UTC), NOW, DeadlineState.ON_TIME),
        (datetime(2025, 10, 9, 0, 31, tzinfo=UTC), NOW, DeadlineState.LATE),
    ],
)
def test_jkk_deadline_states(reported, now, state) -> None:
    accident = facts(ClaimType.JKK, event_time=time(8, 30), first_report_at=reported)
    result = assess(accident, COVERED, RULES, now)
    assert result.deadline_state is state
    # A late report is a warning for the clerk, never a reason to refuse the claim.
    assert result.eligible


def test_the_overdue_text_says_terlambat_with_the_deadline() -> None:
    accident = facts(ClaimType.JKK, event_time=time(8, 30))
    late = assess(accident, COVERED, RULES, datetime(2025, 10, 10, tzinfo=UTC))
    check = next(c for c in late.checks if c.code == "report_overdue")
    assert check.text.startswith("Terlambat: batas laporan tahap I (48 jam) sudah lewat pada ")
    assert "9 Oktober 2025 pukul 08.30 WITA" in check.text
    running = assess(accident, COVERED, RULES, NOW)
    assert running.report_deadline == datetime(2025, 10, 9, 0, 30, tzinfo=UTC)


def test_jkm_has_no_report_deadline() -> None:
    result = assess(facts(), COVERED, RULES, NOW)
    assert result.deadline_state is DeadlineState.NOT_APPLICABLE
    assert result.report_deadline is None


def test_a_claim_filed_after_the_lapse_period_is_not_eligible() -> None:
    two_years = replace(RULES, jkk_lapse_months=24, jkm_lapse_months=24)  # an office's own
    for claim_type, rules in ((ClaimType.JKK, two_years), (ClaimType.JKM, two_years)):
        on_last_day = facts(claim_type, filed_on=date(2027, 10, 7))
        assert assess(on_last_day, COVERED, rules, NOW).eligible
        a_day_late = facts(claim_type, filed_on=date(2027, 10, 8))
        result = assess(a_day_late, COVERED, rules, NOW)
        assert not result.eligible
        assert result.lapse_date == date(2027, 10, 7)
        assert "lapsed" in codes(result)


def test_jkm_states_no_lapse_until_the_office_sets_one() -> None:
    """A lapse is known for JKK only (5 years since the accident, PP 82/2019 Pasal 26): by
    default a JKM claim has no last day, however late it is filed."""
    assert RULES.jkk_lapse_months == 60 and RULES.jkm_lapse_months == 0
    jkk = assess(facts(ClaimType.JKK, filed_on=date(2030, 10, 7)), COVERED, RULES, NOW)
    assert jkk.eligible and jkk.lapse_date == date(2030, 10, 7)  # not 2027: PP 44/2015
    result = assess(facts(filed_on=date(2035, 1, 1)), COVERED, RULES, NOW)
    assert result.lapse_date is None
    assert not {"lapsed", "lapse_date"} & codes(result)
