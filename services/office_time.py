"""The office's clock: Indonesia's three time zones, chosen by the district's province.

Times a clerk types (the hour of an accident, the first report) are on the office's own
clock, and the JKK report deadline (2 × 24 hours) counts from them; a Medan office types
WIB, a Kupang office WITA, a Jayapura office WIT. The zone follows the Kemendagri province
code of the district chosen in the set-up (Keppres 41/1987: Sumatera, Jawa, Kalimantan
Barat and Tengah are WIB; Bali, Nusa Tenggara, the rest of Kalimantan and Sulawesi WITA;
Maluku and Papua WIT). None of these zones keeps summer time.
"""

from __future__ import annotations

from datetime import timedelta, timezone

WIB = timezone(timedelta(hours=7), "WIB")
WITA = timezone(timedelta(hours=8), "WITA")
WIT = timezone(timedelta(hours=9), "WIT")

# Provinces on Kalimantan keep WIB in the west and centre only.
_WIB_KALIMANTAN = {"61", "62"}


def zone_of_region(code: str) -> timezone:
    """The zone of a province, kabupaten/kota or lower region code ("53.03" → WITA).

    Codes group the islands by their first digit (1 Sumatera, 3 Jawa, 5 Bali–Nusa Tenggara,
    6 Kalimantan, 7 Sulawesi, 8 Maluku, 9 Papua), so a province created later (Papua's
    93–96 in 2022) falls in its island's zone without a change here."""
    province = code.strip()[:2]
    island = province[:1]
    if island in ("1", "2", "3") or province in _WIB_KALIMANTAN:
        return WIB
    if island in ("8", "9"):
        return WIT
    return WITA


def zone_name(zone: timezone) -> str:
    """ "WIB", "WITA" or "WIT", as a clerk reads it after an hour."""
    return zone.tzname(None) or "WITA"
