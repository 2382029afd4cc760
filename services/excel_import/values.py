"""Cell values as clerks type them, turned into what the register stores.

Each parser returns the value, or None with the reason in Indonesian. Dates
come as real Excel dates, as Excel serial numbers, or as text: dd-mm-yyyy,
dd/mm/yyyy, dd.mm.yyyy, yyyy-mm-dd, and "7 Juli 1985" with Indonesian (or
English) month names, full or short.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from typing import Any

from models.enums import FundingSource, Gender

# Excel counts days from 1899-12-30 (its 1900 leap-year bug included).
_EXCEL_EPOCH = date(1899, 12, 30)
_SERIAL_RANGE = (1, 80_000)  # 1900 to 2119

_MONTHS = {
    "januari": 1,
    "jan": 1,
    "january": 1,
    "februari": 2,
    "pebruari": 2,
    "feb": 2,
    "peb": 2,
    "february": 2,
    "maret": 3,
    "mar": 3,
    "march": 3,
    "april": 4,
    "apr": 4,
    "mei": 5,
    "may": 5,
    "juni": 6,
    "jun": 6,
    "june": 6,
    "juli": 7,
    "jul": 7,
    "july": 7,
    "agustus": 8,
    "agu": 8,
    "agus": 8,
    "agt": 8,
    "aug": 8,
    "august": 8,
    "september": 9,
    "sep": 9,
    "sept": 9,
    "oktober": 10,
    "okt": 10,
    "oct": 10,
    "october": 10,
    "november": 11,
    "nov": 11,
    "nopember": 11,
    "nop": 11,
    "desember": 12,
    "des": 12,
    "dec": 12,
    "december": 12,
}
_NUMERIC_DATE = re.compile(r"^(\d{1,2})\s*[-/.]\s*(\d{1,2})\s*[-/.]\s*(\d{2}|\d{4})$")
_ISO_DATE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T]\d{1,2}:\d{2}(?::\d{2})?)?$")
_WORDED_DATE = re.compile(r"^(\d{1,2})[\s\-/.]*([A-Za-z]+)\.?[\s\-/.,]*(\d{2}|\d{4})$")
_EIGHT_DIGITS = re.compile(r"^(\d{2})(\d{2})(\d{4})$")

_GENDERS = {
    "l": Gender.MALE,
    "lk": Gender.MALE,
    "laki": Gender.MALE,
    "lakilaki": Gender.MALE,
    "pria": Gender.MALE,
    "p": Gender.FEMALE,
    "pr": Gender.FEMALE,
    "perempuan": Gender.FEMALE,
    "wanita": Gender.FEMALE,
}

_FUNDING = {
    "apbdkabupaten": FundingSource.APBD_KABUPATEN,
    "apbdkab": FundingSource.APBD_KABUPATEN,
    "apbdii": FundingSource.APBD_KABUPATEN,
    "apbd2": FundingSource.APBD_KABUPATEN,
    "pemkab": FundingSource.APBD_KABUPATEN,
    "apbdkabttu": FundingSource.APBD_KABUPATEN,
    "apbdprovinsi": FundingSource.APBD_PROVINSI,
    "apbdprov": FundingSource.APBD_PROVINSI,
    "apbdi": FundingSource.APBD_PROVINSI,
    "apbd1": FundingSource.APBD_PROVINSI,
    "pemprov": FundingSource.APBD_PROVINSI,
    "apbdprovntt": FundingSource.APBD_PROVINSI,
    "danadesa": FundingSource.DANA_DESA,
    "dd": FundingSource.DANA_DESA,
    "add": FundingSource.DANA_DESA,
    "mandiri": FundingSource.MANDIRI,
    "sendiri": FundingSource.MANDIRI,
    "pribadi": FundingSource.MANDIRI,
}
_FUNDING |= {f.value.replace("_", ""): f for f in FundingSource}

_LETTERS = re.compile(r"[^a-z0-9]+")
_SPACES = re.compile(r"\s+")
DATE_ADVICE = "tulis seperti 31-12-1985 atau 31 Desember 1985"


def is_blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def as_text(value: Any) -> str | None:
    """A cell as text: whole numbers without ".0", dates as dd-mm-yyyy, blanks as None."""
    if value.__class__ is str:  # the common case, kept short: this runs for every cell
        text = " ".join(value.split())
        return text or None
    if value is None:
        return None
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime):
        return value.strftime("%d-%m-%Y")
    if isinstance(value, date):
        return value.strftime("%d-%m-%Y")
    return _SPACES.sub(" ", str(value).strip())


def _key(text: str) -> str:
    return _LETTERS.sub("", text.casefold())


def parse_date(value: Any, label: str, this_year: int) -> tuple[date | None, str | None]:
    """A real date, or None and why not (None, None for a blank cell). ``this_year``, the
    office's, places a two-digit year ("12-07-85")."""
    if is_blank(value):
        return None, None
    if isinstance(value, datetime):
        return value.date(), None
    if isinstance(value, date):
        return value, None
    if isinstance(value, bool):
        return None, _unreadable(label, value)
    if isinstance(value, int | float):
        return _from_number(value, label)
    return _from_text(str(value).strip(), label, this_year)


def _from_number(value: float, label: str) -> tuple[date | None, str | None]:
    if not float(value).is_integer():
        return None, _unreadable(label, value)
    number = int(value)
    # 12071985 typed into a number cell: ddmmyyyy.
    digits = _EIGHT_DIGITS.match(f"{number:08d}") if 1_000_000 <= number < 100_000_000 else None
    if digits:
        return _checked(int(digits[3]), int(digits[2]), int(digits[1]), label, number)
    if _SERIAL_RANGE[0] <= number <= _SERIAL_RANGE[1]:
        return _EXCEL_EPOCH + timedelta(days=number), None
    return None, _unreadable(label, value)


def _from_text(text: str, label: str, this_year: int) -> tuple[date | None, str | None]:
    text = text.lstrip("'").strip()
    match = _NUMERIC_DATE.match(text)
    if match:
        year = _full_year(match[3], this_year)
        return _checked(year, int(match[2]), int(match[1]), label, text)
    match = _ISO_DATE.match(text)
    if match:
        return _checked(int(match[1]), int(match[2]), int(match[3]), label, text)
    match = _WORDED_DATE.match(text)
    if match:
        month = _MONTHS.get(match[2].casefold())
        if month is None:
            return None, f"{label} '{text}': nama bulan '{match[2]}' tidak dikenal; {DATE_ADVICE}."
        return _checked(_full_year(match[3], this_year), month, int(match[1]), label, text)
    match = _EIGHT_DIGITS.match(text)
    if match:
        return _checked(int(match[3]), int(match[2]), int(match[1]), label, text)
    return None, _unreadable(label, text)


def _full_year(text: str, this_year: int) -> int:
    if len(text) == 4:
        return int(text)
    # Two digits: the most recent year not in the future (people, not contracts).
    year = 2000 + int(text)
    return year if year <= this_year else year - 100


def _checked(
    year: int, month: int, day: int, label: str, shown: Any
) -> tuple[date | None, str | None]:
    try:
        return date(year, month, day), None
    except ValueError:
        return None, f"{label} '{shown}' tidak ada dalam kalender; {DATE_ADVICE}."


def _unreadable(label: str, value: Any) -> str:
    return f"{label} '{value}' tidak dapat dibaca sebagai tanggal; {DATE_ADVICE}."


def parse_gender(value: Any) -> tuple[Gender | None, str | None]:
    if is_blank(value):
        return None, None
    text = as_text(value) or ""
    found = _GENDERS.get(_key(text))
    if found is None:
        return None, (f"Jenis kelamin '{text}' tidak dikenal; isi L atau P (Laki-laki/Perempuan).")
    return found, None


def parse_funding(value: Any) -> tuple[FundingSource | None, str | None]:
    if is_blank(value):
        return None, None
    text = as_text(value) or ""
    found = _FUNDING.get(_key(text))
    if found is None:
        return None, (
            f"Sumber dana '{text}' tidak dikenal; isi APBD Kabupaten, APBD Provinsi, "
            "Dana Desa atau Mandiri."
        )
    return found, None


def split_place_date(value: Any, this_year: int) -> tuple[str | None, Any]:
    """ "Kefamenanu, 12-07-1985" -> ("Kefamenanu", "12-07-1985"); a bare date stays a date."""
    if is_blank(value) or not isinstance(value, str):
        return None, value
    text = value.strip()
    if "," in text:
        place, _, when = text.rpartition(",")
        return place.strip() or None, when.strip()
    # "Kefamenanu 12-07-1985": the date is the last word(s) that parse.
    words = text.split()
    for start in range(1, len(words)):
        tail = " ".join(words[start:])
        if parse_date(tail, "", this_year)[0] is not None:
            return " ".join(words[:start]), tail
    return None, text


def split_rt_rw(value: Any) -> tuple[str | None, str | None]:
    """ "001/002", "1/2", "RT 1 RW 2" -> ("001", "002") as text; padding happens later."""
    text = as_text(value)
    if text is None:
        return None, None
    numbers = re.findall(r"\d+", text)
    if len(numbers) >= 2:
        return numbers[0], numbers[1]
    return (numbers[0] if numbers else text), None


def phone_text(value: Any) -> str | None:
    """Phone numbers typed as numbers lose their leading 0; mobile numbers get it back."""
    text = as_text(value)
    if text is None:
        return None
    if isinstance(value, int | float) and text.startswith("8") and 9 <= len(text) <= 13:
        return "0" + text
    return text
