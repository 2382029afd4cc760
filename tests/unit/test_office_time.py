"""Every province of the Kemendagri list has its clock: WIB, WITA or WIT."""

from __future__ import annotations

import csv
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from services.core.office_time import (
    WIB,
    WIT,
    WITA,
    as_utc,
    clock_text,
    moment_text,
    office_date,
    on_office_clock,
    zone_name,
    zone_of_region,
)

DATA = Path(__file__).resolve().parents[2] / "resources" / "data" / "wilayah_indonesia.csv"

# Keppres 41/1987, by province name as the decree spells them.
WIB_PROVINCES = {
    "Aceh", "Sumatera Utara", "Sumatera Barat", "Riau", "Jambi", "Sumatera Selatan",
    "Bengkulu", "Lampung", "Kepulauan Bangka Belitung", "Kepulauan Riau",
    "Daerah Khusus Ibukota Jakarta", "Jawa Barat", "Jawa Tengah",
    "Daerah Istimewa Yogyakarta", "Jawa Timur", "Banten", "Kalimantan Barat",
    "Kalimantan Tengah",
}  # fmt: skip
WIT_PROVINCES = {
    "Maluku", "Maluku Utara", "Papua", "Papua Barat", "Papua Selatan", "Papua Tengah",
    "Papua Pegunungan", "Papua Barat Daya",
}  # fmt: skip


def _provinces() -> list[tuple[str, str]]:
    with DATA.open(encoding="utf-8") as handle:
        return [
            (row["code"], row["name"]) for row in csv.DictReader(handle) if "." not in row["code"]
        ]


@pytest.mark.parametrize(("code", "name"), _provinces())
def test_each_province_has_its_zone(code: str, name: str) -> None:
    expected = WIB if name in WIB_PROVINCES else WIT if name in WIT_PROVINCES else WITA
    assert zone_of_region(code) is expected
    # A kabupaten or village code follows its province.
    assert zone_of_region(f"{code}.01.02.2001") is expected


def test_the_list_holds_all_38_provinces() -> None:
    names = {name for _, name in _provinces()}
    assert len(names) == 38
    assert names > WIB_PROVINCES | WIT_PROVINCES



def test_a_stored_moment_is_shown_on_the_offices_clock_with_its_name(
    workstation_far_away: None,
) -> None:
    naive = datetime(2026, 12, 7, 16, 30, 5)  # as SQLite hands a UTC moment back
    aware = naive.replace(tzinfo=UTC)
    assert moment_text(naive, WIT) == "08-12-2026 01.30 WIT"
    assert moment_text(aware, WIB) == "07-12-2026 23.30 WIB"
    assert moment_text(aware, WITA, seconds=True) == "08-12-2026 00.30.05 WITA"
    assert office_date(naive, WIB) == date(2026, 12, 7)
    assert office_date(naive, WITA) == date(2026, 12, 8)
    assert clock_text(naive, WIT) == "01.30 WIT"
    # A moment a service already put on the office's clock keeps it.
    assert moment_text(on_office_clock(naive, WITA)) == "08-12-2026 00.30 WITA"
    assert as_utc(naive) == aware and as_utc(on_office_clock(naive, WIT)) == aware


def test_the_office_clock_needs_no_time_zone_database() -> None:
    # Fixed offsets: Windows has no tz database and Indonesia keeps no summer time.
    for zone, hours in ((WIB, 7), (WITA, 8), (WIT, 9)):
        assert zone.utcoffset(None) == timedelta(hours=hours)
        assert zone_name(zone) == zone.tzname(None)
