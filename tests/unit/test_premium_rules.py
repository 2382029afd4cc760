"""Months, periods, rate validity and the derived figures of budget and reconciliation lines."""

from __future__ import annotations

from datetime import date

import pytest

from models.enums import FundingSource
from services.core.errors import SiRentanError
from services.premiums.months import Month, Period, months_between
from services.premiums.rates import RateTable
from services.premiums.types import BudgetLine, Rate, RateRow, ReconciliationLine
from services.workers.types import AGE_BANDS, AgeBand

KAB = FundingSource.APBD_KABUPATEN
PROV = FundingSource.APBD_PROVINSI


def test_months_parse_shift_and_name_themselves() -> None:
    assert Month.parse("2026-07") == Month.parse(" 2026/7 ") == Month(2026, 7)
    assert Month(2024, 2).last_day == date(2024, 2, 29)
    assert Month(2025, 2).last_day == date(2025, 2, 28)
    assert Month(2025, 12).shift(1) == Month(2026, 1)
    assert Month(2025, 1).shift(-1) == Month(2024, 12)
    assert Month(2025, 7).label == "Juli 2025" and Month(2025, 7).code == "2025-07"
    assert months_between(Month(2025, 11), Month(2026, 2)) == [
        Month(2025, 11),
        Month(2025, 12),
        Month(2026, 1),
        Month(2026, 2),
    ]
    for bad in ("2026-13", "juli", "", "26-07"):
        with pytest.raises(SiRentanError):
            Month.parse(bad)


def test_periods_are_a_month_or_a_year() -> None:
    assert Period.parse("2026") == Period(Month(2026, 1), Month(2026, 12))
    assert Period.parse("2026-03") == Period(Month(2026, 3), Month(2026, 3))
    assert Period.parse("2026").label == "Tahun 2026"
    assert Period.parse("2026-03").label == "Maret 2026"
    assert Period(Month(2026, 1), Month(2026, 6)).label == "Januari 2026 s.d. Juni 2026"


def _row(funding: FundingSource, start: Month, jkk: int) -> RateRow:
    return RateRow(0, funding, start, None, Rate(jkk, 6_800), None)


def test_a_rate_runs_until_the_next_of_its_own_source() -> None:
    table = RateTable([_row(KAB, Month(2025, 7), 12_000), _row(KAB, Month(2021, 4), 10_000)])
    assert table.rate(KAB, Month(2025, 6)) == Rate(10_000, 6_800)
    assert table.rate(KAB, Month(2025, 7)) == Rate(12_000, 6_800)
    assert table.rate(KAB, Month(2030, 1)) == Rate(12_000, 6_800)
    assert table.rate(KAB, Month(2021, 3)) is None
    assert table.rate(PROV, Month(2025, 7)) is None
    with pytest.raises(SiRentanError) as caught:
        table.require(PROV, Month(2025, 7))
    assert "APBD Provinsi untuk bulan Juli 2025 belum ada" in caught.value.message


def test_budget_line_projection_and_balance() -> None:
    line = BudgetLine(
        KAB,
        1_000,
        "5.1",
        paid=300,
        outstanding=100,
        committed=700,
        workers_today=1,
        months_remaining=2,
    )
    assert (line.projected, line.balance, line.used_share) == (1_100, -100, 0.3)
    unfunded = BudgetLine(PROV, None, None, 0, 50, 50, 1, 1)
    assert unfunded.balance is None and unfunded.used_share is None


def test_reconciliation_line_differences() -> None:
    billed = ReconciliationLine(Month(2025, 1), KAB, 4, 67_200, 6, 100_800, 50_000, (1,), 0)
    assert (billed.worker_difference, billed.amount_difference, billed.unpaid) == (
        2,
        33_600,
        50_800,
    )
    unbilled = ReconciliationLine(Month(2025, 1), KAB, 4, 67_200, None, None, 0, (), 0)
    assert (unbilled.worker_difference, unbilled.amount_difference, unbilled.unpaid) == (
        None,
        None,
        None,
    )


def test_age_bands_cover_every_age_once() -> None:
    labels = [AgeBand(index, date.min).label for index in range(len(AGE_BANDS))]
    assert labels == ["< 25", "25–34", "35–44", "45–54", "55–64", "≥ 65"]
