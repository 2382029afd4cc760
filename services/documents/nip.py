"""NIP, the 18-digit civil servant number a signature block prints.

``YYYYMMDD YYYYMM G NNN``: birth date, the month of appointment (TMT CPNS),
gender (1 man, 2 woman) and a serial from 001 (Peraturan Kepala BKN 43/2007).
PPPK staff (NI PPPK) carry a code in 21-29 where the month stands (21 PPPK, 24
part-time PPPK, as published examples show); accepted as such. There is
no check digit, so only the structure can be checked: a NIP that passes can
still belong to somebody else, one that fails is certainly mistyped.
"""

from __future__ import annotations

import re
from datetime import date

from services.core.errors import Problem

NIP_FIELD = "nip"
NIP_LENGTH = "nip_length"
NIP_BIRTH_DATE = "nip_birth_date"
NIP_APPOINTMENT = "nip_appointment"
NIP_GENDER = "nip_gender"
NIP_SERIAL = "nip_serial"

_PPPK_CODES = range(21, 30)
_SEPARATORS = re.compile(r"[\s.\-]")
# Nobody is appointed before 18 (CPNS minimum age); a little slack for the records.
_MIN_AGE_AT_APPOINTMENT = 17
_OLDEST_BIRTH_YEAR = 1940


def normalize_nip(raw: str) -> str:
    """The digits of a NIP typed as printed ("19680101 199003 1 005")."""
    return _SEPARATORS.sub("", raw or "")


def format_nip(nip: str) -> str:
    """ "19680101 199003 1 005", grouped as on the civil-service card."""
    return f"{nip[:8]} {nip[8:14]} {nip[14]} {nip[15:]}" if len(nip) == 18 else nip


def check_nip(raw: str, today: date, label: str = "NIP") -> list[Problem]:
    """Problems of a NIP, each naming the field and what is wrong; empty when it is sound
    (``today``: the office's day; no birth or appointment after it)."""
    nip = normalize_nip(raw)
    if not nip.isdigit() or len(nip) != 18:
        shown = f"{len(nip)} karakter" if not nip.isdigit() else f"{len(nip)} angka"
        return [
            Problem(
                NIP_LENGTH,
                NIP_FIELD,
                f"{label} harus 18 angka (mis. 19680101 199003 1 005); yang diisi {shown}.",
            )
        ]
    problems: list[Problem] = []
    birth = _date_or_none(int(nip[:4]), int(nip[4:6]), int(nip[6:8]))
    if birth is None or not _OLDEST_BIRTH_YEAR <= birth.year <= today.year:
        problems.append(
            Problem(
                NIP_BIRTH_DATE,
                NIP_FIELD,
                f"{label}: 8 angka pertama ({nip[:8]}) harus tanggal lahir yang sah "
                "(tahun, bulan, tanggal; mis. 19680101).",
            )
        )
    year, month = int(nip[8:12]), int(nip[12:14])
    pppk = month in _PPPK_CODES
    appointment_ok = (1 <= month <= 12 or pppk) and year <= today.year
    if birth is not None and year < birth.year + _MIN_AGE_AT_APPOINTMENT:
        appointment_ok = False
    if appointment_ok and not pppk and (year, month) > (today.year, today.month):
        appointment_ok = False
    if not appointment_ok:
        problems.append(
            Problem(
                NIP_APPOINTMENT,
                NIP_FIELD,
                f"{label}: angka ke-9 s.d. ke-14 ({nip[8:14]}) harus tahun dan bulan "
                "pengangkatan (TMT CPNS) yang sah, setelah umur 17 tahun dan tidak di masa depan.",
            )
        )
    if nip[14] not in "12":
        problems.append(
            Problem(
                NIP_GENDER,
                NIP_FIELD,
                f"{label}: angka ke-15 ({nip[14]}) harus 1 (laki-laki) atau 2 (perempuan).",
            )
        )
    if nip[15:] == "000":
        problems.append(
            Problem(
                NIP_SERIAL,
                NIP_FIELD,
                f"{label}: 3 angka terakhir adalah nomor urut dan tidak boleh 000.",
            )
        )
    return problems


def _date_or_none(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None
