"""The coverage line of the front desk's answer (GUI panel and `workers check`)."""

from __future__ import annotations

from datetime import date
from typing import Any

from services.text.formatting import long_date, short_date
from services.workers.front_desk import period_words
from services.workers.types import CoverageResult


def _result(**fields: Any) -> CoverageResult:
    return CoverageResult(found=True, query="5303010101800001", message="", **fields)


def test_a_period_in_force_reads_from_start_to_end_or_onwards() -> None:
    assert period_words(_result(coverage_start=date(2026, 1, 1)), short_date) == (
        "01-01-2026 s.d. seterusnya"
    )
    closed = _result(coverage_start=date(2026, 1, 1), coverage_end=date(2026, 12, 31))
    assert period_words(closed, long_date) == "1 Januari 2026 s.d. 31 Desember 2026"


def test_without_a_period_in_force_it_says_when_coverage_ended_or_begins() -> None:
    ended = _result(last_end=date(2025, 12, 31))
    assert period_words(ended, long_date) == "berakhir 31 Desember 2025"
    planned = _result(next_start=date(2027, 3, 1))
    assert period_words(planned, short_date) == "mulai 01-03-2027"
    gap = _result(last_end=date(2025, 12, 31), next_start=date(2027, 3, 1))
    assert period_words(gap, short_date) == "berakhir 31-12-2025, mulai lagi 01-03-2027"
    assert period_words(_result(), short_date) == "belum ada periode kepesertaan"
