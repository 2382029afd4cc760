"""Every province of the Kemendagri list has its clock: WIB, WITA or WIT."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from services.office_time import WIB, WIT, WITA, zone_of_region

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
