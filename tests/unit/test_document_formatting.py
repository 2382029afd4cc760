"""Money and dates as official documents write them (domain file, section 8), through Babel
where Babel is right; these tests pin Babel's output so an update that changed it shows."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from babel.dates import format_date
from hypothesis import given
from hypothesis import strategies as st

from services.documents.dates_words import (
    date_in_words,
    day_name,
    month_start_after,
    month_year,
    place_and_date,
    roman_month,
)
from services.text.formatting import LOCALE, long_date
from services.text.money import (
    number,
    number_with_words,
    rupiah,
    rupiah_plain,
    rupiah_with_words,
    rupiah_words,
)


def test_the_programme_total_in_figures_and_words() -> None:
    total = 14_880 * 16_800 * 12
    assert rupiah(total) == "Rp2.999.808.000,00"
    assert rupiah_with_words(total) == (
        "Rp2.999.808.000,00 (dua miliar sembilan ratus sembilan puluh sembilan juta "
        "delapan ratus delapan ribu rupiah)"
    )


@pytest.mark.parametrize(
    ("amount", "figures"),
    [
        (0, "Rp0,00"),
        (6_800, "Rp6.800,00"),
        (10_000, "Rp10.000,00"),
        (249_984_000, "Rp249.984.000,00"),
        (Decimal("1234567.5"), "Rp1.234.567,50"),
        (-1_000, "-Rp1.000,00"),
    ],
)
def test_rupiah_figures(amount: Decimal | int, figures: str) -> None:
    assert rupiah(amount) == figures


@given(st.integers(min_value=0, max_value=10**14))
def test_rupiah_figures_are_grouped_by_dots_with_comma_cents(n: int) -> None:
    text = rupiah(n)
    assert text.startswith("Rp") and text.endswith(",00") and " " not in text
    digits = text[2:-3]
    groups = digits.split(".")
    assert int("".join(groups)) == n
    assert 1 <= len(groups[0]) <= 3 and all(len(g) == 3 for g in groups[1:])
    assert rupiah_plain(n) == text[2:]


def test_words_need_whole_rupiah() -> None:
    assert rupiah_words(Decimal("16800.00")) == "enam belas ribu delapan ratus rupiah"
    with pytest.raises(ValueError):
        rupiah_words(Decimal("0.50"))


def test_counts() -> None:
    assert number(14_880) == "14.880"
    assert number_with_words(12, "bulan") == "12 (dua belas) bulan"
    assert number_with_words(1, "berkas") == "1 (satu) berkas"


def test_the_launch_date() -> None:
    launch = date(2025, 7, 7)
    assert place_and_date("Kefamenanu", launch) == "Kefamenanu, 7 Juli 2025"
    assert day_name(launch) == "Senin"
    assert date_in_words(launch) == ("Senin tanggal tujuh bulan Juli tahun dua ribu dua puluh lima")
    assert month_year(launch) == "Juli 2025"


def test_day_and_month_names_from_babel() -> None:
    monday = date(2025, 7, 7)
    names = [day_name(monday + timedelta(days=i)) for i in range(7)]
    assert names == ["Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu"]
    months = [month_year(date(2025, m, 1)).split()[0] for m in range(1, 13)]
    assert months == [
        "Januari",
        "Februari",
        "Maret",
        "April",
        "Mei",
        "Juni",
        "Juli",
        "Agustus",
        "September",
        "Oktober",
        "November",
        "Desember",
    ]


def test_no_leading_zero_in_dates() -> None:
    assert place_and_date("Kefamenanu", date(2025, 1, 1)) == "Kefamenanu, 1 Januari 2025"


def test_dates_in_words_for_a_month_end() -> None:
    assert date_in_words(date(2025, 12, 31)) == (
        "Rabu tanggal tiga puluh satu bulan Desember tahun dua ribu dua puluh lima"
    )
    assert date_in_words(date(2026, 1, 11)) == (
        "Minggu tanggal sebelas bulan Januari tahun dua ribu dua puluh enam"
    )


def test_roman_months_and_month_arithmetic() -> None:
    assert [roman_month(m) for m in (1, 4, 7, 9, 12)] == ["I", "IV", "VII", "IX", "XII"]
    with pytest.raises(ValueError):
        roman_month(13)
    assert month_start_after(date(2025, 7, 7), 11) == date(2026, 6, 1)
    assert month_start_after(date(2025, 12, 31), 1) == date(2026, 1, 1)


@given(st.dates(min_value=date(1, 1, 1), max_value=date(9999, 12, 31)))
def test_long_date_writes_what_babel_writes(day: date) -> None:
    # long_date spells Babel's "d MMMM y" out for speed; it must not drift from Babel.
    assert long_date(day) == format_date(day, "d MMMM y", locale=LOCALE)


def test_long_date_examples() -> None:
    assert long_date(date(2025, 7, 7)) == "7 Juli 2025"
    assert long_date(date(1960, 12, 31)) == "31 Desember 1960"
    assert long_date(None) == "-"
