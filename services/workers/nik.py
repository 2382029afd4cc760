"""NIK and No. KK: clean up what a clerk or a spreadsheet gave, then check it.

A NIK is ``PP KK CC DDMMYY SSSS``: the kecamatan that first registered the
person, the birth date (day + 40 for women) and a serial from 0001. It has no
check digit, so only its structure and its agreement with the rest of the
record can be checked. Codes that may simply be old (an unknown kecamatan, a
NIK from another kabupaten) are warnings: the NIK keeps the code of the office
that issued it, even after the person moves or the region is split.

Spreadsheets are the main source of damage: Excel keeps 15 significant digits,
so a NIK stored as a number loses its 16th digit. Anything that arrived as a
number is trusted only when that digit cannot have been lost.
"""

from __future__ import annotations

import math
import re
from collections.abc import Container
from dataclasses import dataclass
from datetime import date

from services.core.errors import Problem, Severity

NIK_FIELD = "nik"
KK_FIELD = "kk_number"

NIK_EMPTY = "nik_empty"
NIK_NOT_DIGITS = "nik_not_digits"
NIK_LENGTH = "nik_length"
NIK_EXCEL_DAMAGED = "nik_excel_damaged"
NIK_SERIAL_ZERO = "nik_serial_zero"
NIK_DATE_INVALID = "nik_date_invalid"
NIK_KECAMATAN_UNKNOWN = "nik_kecamatan_unknown"
NIK_OUTSIDE_DISTRICT = "nik_outside_district"
NIK_BIRTHDATE_MISMATCH = "nik_birthdate_mismatch"
NIK_GENDER_MISMATCH = "nik_gender_mismatch"

KK_EMPTY = "kk_empty"
KK_NOT_DIGITS = "kk_not_digits"
KK_LENGTH = "kk_length"
KK_EXCEL_DAMAGED = "kk_excel_damaged"
KK_REGION_INVALID = "kk_region_invalid"
KK_DATE_INVALID = "kk_date_invalid"
KK_SAME_AS_NIK = "kk_same_as_nik"

_DIGITS = 16
_FEMALE_OFFSET = 40
# A float holds every integer exactly only up to 2**53 (about 9.007e15); above
# that a 16-digit value may already have been rounded to a neighbour.
_FLOAT_EXACT_LIMIT = 2**53

_ALL_DIGITS = re.compile(r"[0-9]+")
_SCIENTIFIC = re.compile(r"[+-]?[0-9]+(?:[.,][0-9]+)?[eE][+-]?[0-9]+")
# "5303051207850001.0" is how Python, pandas or a CSV export print a number,
# so the value was numeric somewhere and the 15-digit rule applies to it.
_RENDERED_NUMBER = re.compile(r"([0-9]+)[.,]0+")
# Clerks group digits as they appear on the card; Word and Excel may turn a
# hyphen into a dash and a space into a non-breaking one.
_SEPARATORS = re.compile(r"[\s.\-\u2010-\u2015\u2212]")
# A leading apostrophe is Excel's marker for "this cell is text".
_TEXT_MARKERS = "'\u2018\u2019`"

_GENDER_WORDS = {"L": "laki-laki", "P": "perempuan"}
_GENDER_ALIASES = {"L": "L", "LAKI-LAKI": "L", "LAKI LAKI": "L", "P": "P", "PEREMPUAN": "P"}


@dataclass(frozen=True, slots=True)
class NikParts:
    """What a NIK says about its holder; ``birth_day`` is the real day (minus 40 for women)."""

    kecamatan_code: str
    kabupaten_code: str
    province_code: str
    birth_day: int
    birth_month: int
    birth_yy: int
    gender: str
    serial: str

    def birth_date_candidates(self) -> list[date]:
        """Real dates in 19yy and 20yy: the NIK does not say which century."""
        return _real_dates(self.birth_day, self.birth_month, self.birth_yy)


@dataclass(frozen=True, slots=True)
class NormalizedNik:
    """The cleaned value and what was wrong with it.

    ``value`` is 16 digits when all is well; otherwise it is the input with
    separators removed (so the form can show what was read), or None when empty.
    """

    value: str | None
    problems: list[Problem]

    @property
    def has_errors(self) -> bool:
        return any(p.is_error for p in self.problems)


@dataclass(frozen=True, slots=True)
class _Kind:
    """Wording and codes that differ between NIK and No. KK; the rules do not."""

    label: str
    document: str
    empty: str
    not_digits: str
    length: str
    excel_damaged: str


_NIK = _Kind("NIK", "KTP", NIK_EMPTY, NIK_NOT_DIGITS, NIK_LENGTH, NIK_EXCEL_DAMAGED)
_KK = _Kind("No. KK", "Kartu Keluarga", KK_EMPTY, KK_NOT_DIGITS, KK_LENGTH, KK_EXCEL_DAMAGED)


# --- normalisation -----------------------------------------------------------


def normalize_nik(raw: str | int | float | None, field: str = NIK_FIELD) -> NormalizedNik:
    """Turn typed, pasted or imported input into 16 digits, refusing Excel damage."""
    return _normalize(raw, _NIK, field)


def _normalize(raw: str | int | float | None, kind: _Kind, field: str) -> NormalizedNik:
    if raw is None:
        return _empty(kind, field)
    # bool is an int subclass; True is never a NIK.
    if isinstance(raw, bool):
        return _not_digits(str(raw), kind, field)
    if isinstance(raw, int):
        return _from_number(raw, kind, field)
    if isinstance(raw, float):
        return _from_float(raw, kind, field)
    return _from_text(str(raw), kind, field)


def _from_float(raw: float, kind: _Kind, field: str) -> NormalizedNik:
    if not math.isfinite(raw) or not raw.is_integer():
        return _not_digits(repr(raw), kind, field)
    if abs(raw) >= _FLOAT_EXACT_LIMIT:
        text = (
            f"{kind.label} terbaca sebagai angka yang terlalu besar untuk disimpan utuh, "
            f"sehingga angka terakhirnya bisa berubah. {_retype_advice(kind)}"
        )
        return NormalizedNik(str(int(raw)), [Problem(kind.excel_damaged, field, text)])
    return _from_number(int(raw), kind, field)


def _from_number(number: int, kind: _Kind, field: str) -> NormalizedNik:
    if number < 0:
        return _not_digits(str(number), kind, field)
    return _from_numeric_digits(str(number), kind, field)


def _from_numeric_digits(digits: str, kind: _Kind, field: str) -> NormalizedNik:
    # Excel cannot hold a 16th significant digit other than 0, so a final 0 on a
    # number is indistinguishable from a digit Excel threw away.
    if len(digits) == _DIGITS and digits.endswith("0"):
        text = (
            f"{kind.label} terbaca sebagai angka, bukan teks, dan angka terakhirnya 0; "
            f"kemungkinan angka terakhir itu dihapus Excel, yang hanya menyimpan 15 angka. "
            f"{_retype_advice(kind)}"
        )
        return NormalizedNik(digits, [Problem(kind.excel_damaged, field, text)])
    return NormalizedNik(digits, [])


def _from_text(raw: str, kind: _Kind, field: str) -> NormalizedNik:
    text = raw.strip().lstrip(_TEXT_MARKERS).strip()
    if _SCIENTIFIC.fullmatch(text):
        message = (
            f"{kind.label} tertulis {text} (format ilmiah Excel), sehingga sebagian "
            f"angkanya sudah hilang. {_retype_advice(kind)}"
        )
        return NormalizedNik(text, [Problem(kind.excel_damaged, field, message)])
    rendered = _RENDERED_NUMBER.fullmatch(text)
    if rendered:
        return _from_numeric_digits(rendered[1], kind, field)
    cleaned = _SEPARATORS.sub("", text)
    if not cleaned:
        return _empty(kind, field)
    if not _ALL_DIGITS.fullmatch(cleaned):
        return _not_digits(cleaned, kind, field)
    return NormalizedNik(cleaned, [])


def _retype_advice(kind: _Kind) -> str:
    return (
        f"Ubah format kolom {kind.label} menjadi Teks, lalu ketik ulang "
        f"{kind.label} sesuai {kind.document}."
    )


def _empty(kind: _Kind, field: str) -> NormalizedNik:
    return NormalizedNik(None, [_empty_problem(kind, field)])


def _not_digits(value: str, kind: _Kind, field: str) -> NormalizedNik:
    return NormalizedNik(value, [_not_digits_problem(value, kind, field)])


# --- problems shared by NIK and No. KK ---------------------------------------


def _empty_problem(kind: _Kind, field: str) -> Problem:
    text = f"{kind.label} wajib diisi; ketik {_DIGITS} angka {kind.label} sesuai {kind.document}."
    return Problem(kind.empty, field, text)


def _not_digits_problem(value: str, kind: _Kind, field: str) -> Problem:
    # Naming the offending characters lets the clerk find a typo such as O for 0.
    bad = ", ".join(f'"{c}"' for c in dict.fromkeys(value) if not _ALL_DIGITS.fullmatch(c))
    text = (
        f"{kind.label} hanya boleh berisi angka, tetapi berisi {bad}. "
        f"Perbaiki atau ketik ulang {kind.label} sesuai {kind.document}."
    )
    return Problem(kind.not_digits, field, text)


def _shape_problems(value: str, kind: _Kind, field: str) -> list[Problem]:
    """Errors that make every further check meaningless."""
    if not value:
        return [_empty_problem(kind, field)]
    if not _ALL_DIGITS.fullmatch(value):
        return [_not_digits_problem(value, kind, field)]
    if len(value) != _DIGITS:
        text = (
            f"{kind.label} harus {_DIGITS} angka; yang diisi {len(value)} angka. "
            f"Periksa angka yang terlewat atau berlebih dengan {kind.document}."
        )
        return [Problem(kind.length, field, text)]
    return []


def _real_dates(day: int, month: int, yy: int) -> list[date]:
    dates = []
    for century in (1900, 2000):
        try:
            dates.append(date(century + yy, month, day))
        except ValueError:
            continue
    return dates


def _date_fault(day: int, month: int, yy: int, *, female_offset: bool) -> str | None:
    """Why DD MM YY cannot be a date in either century, or None when it can."""
    real_day = day - _FEMALE_OFFSET if female_offset and day > _FEMALE_OFFSET else day
    if not 1 <= real_day <= 31:
        allowed = "01 sampai 31"
        if female_offset:
            allowed += " untuk laki-laki atau 41 sampai 71 untuk perempuan"
        return f"tanggal {day:02d} harus {allowed}"
    if not 1 <= month <= 12:
        return f"bulan {month:02d} harus 01 sampai 12"
    if _real_dates(real_day, month, yy):
        return None
    if (real_day, month) == (29, 2):
        return f"29 Februari hanya ada pada tahun kabisat, sedangkan tahun {yy:02d} bukan"
    return f"tanggal {real_day:02d}-{month:02d} tidak ada dalam kalender"


def _dotted(digits: str) -> str:
    return ".".join(digits[i : i + 2] for i in range(0, len(digits), 2))


# --- NIK ---------------------------------------------------------------------


def decode_nik(nik: str) -> NikParts | None:
    """Read region, birth date, gender and serial; None if the NIK cannot hold them."""
    if len(nik) != _DIGITS or not _ALL_DIGITS.fullmatch(nik):
        return None
    day, month, yy = int(nik[6:8]), int(nik[8:10]), int(nik[10:12])
    if _date_fault(day, month, yy, female_offset=True) is not None:
        return None
    female = day > _FEMALE_OFFSET
    return NikParts(
        kecamatan_code=_dotted(nik[:6]),
        kabupaten_code=_dotted(nik[:4]),
        province_code=nik[:2],
        birth_day=day - _FEMALE_OFFSET if female else day,
        birth_month=month,
        birth_yy=yy,
        gender="P" if female else "L",
        serial=nik[12:],
    )


def check_nik(
    nik: str,
    *,
    birth_date: date | None = None,
    gender: str | None = None,
    known_kecamatan: Container[str] | None = None,
    home_kabupaten: str | None = None,
    home_name: str | None = None,
    field: str = NIK_FIELD,
) -> list[Problem]:
    """Check a normalised NIK on its own and against the record it belongs to.

    ``known_kecamatan`` holds dotted codes ("53.03.05"); None skips that check,
    as does None for ``home_kabupaten`` (the office's district, from its settings; ``home_name``
    names it in the message), ``birth_date`` or ``gender``.
    """
    problems = _shape_problems(nik, _NIK, field)
    if problems:
        return problems
    if nik[12:] == "0000":
        problems.append(_serial_zero_problem(field))
    parts = decode_nik(nik)
    if parts is None:
        problems.append(_nik_date_problem(nik, field))
    problems += _region_warnings(nik, known_kecamatan, home_kabupaten, home_name, field)
    # With an impossible date part the NIK says nothing reliable about the person.
    if parts is not None:
        problems += _record_warnings(parts, birth_date, gender, field)
    return problems


def validate_nik(
    raw: str | int | float | None,
    *,
    birth_date: date | None = None,
    gender: str | None = None,
    known_kecamatan: Container[str] | None = None,
    home_kabupaten: str | None = None,
    home_name: str | None = None,
    field: str = NIK_FIELD,
) -> NormalizedNik:
    """Normalise and check in one go, for a form field or an import cell."""
    normalized = normalize_nik(raw, field)
    # Once the input itself is unusable, further findings would only repeat it.
    if normalized.value is None or normalized.has_errors:
        return normalized
    problems = check_nik(
        normalized.value,
        birth_date=birth_date,
        gender=gender,
        known_kecamatan=known_kecamatan,
        home_kabupaten=home_kabupaten,
        home_name=home_name,
        field=field,
    )
    return NormalizedNik(normalized.value, [*normalized.problems, *problems])


def mask_nik(nik: str) -> str:
    """Hide the birth date and region detail for lists and printouts: ``5303********0001``."""
    if len(nik) <= 8:
        return "*" * len(nik)
    return nik[:4] + "*" * (len(nik) - 8) + nik[-4:]


def _serial_zero_problem(field: str) -> Problem:
    text = (
        "Nomor urut pada NIK (4 angka terakhir) tidak mungkin 0000, karena nomor urut "
        "dimulai dari 0001. Periksa kembali NIK dengan KTP."
    )
    return Problem(NIK_SERIAL_ZERO, field, text)


def _nik_date_problem(nik: str, field: str) -> Problem:
    fault = _date_fault(int(nik[6:8]), int(nik[8:10]), int(nik[10:12]), female_offset=True)
    text = (
        f"Bagian tanggal lahir pada NIK (angka ke-7 sampai ke-12: {nik[6:12]}) tidak "
        f"mungkin: {fault}. Periksa kembali NIK dengan KTP."
    )
    return Problem(NIK_DATE_INVALID, field, text)


def _region_warnings(
    nik: str,
    known_kecamatan: Container[str] | None,
    home_kabupaten: str | None,
    home_name: str | None,
    field: str,
) -> list[Problem]:
    warnings = []
    kecamatan = _dotted(nik[:6])
    if known_kecamatan is not None and kecamatan not in known_kecamatan:
        text = (
            f"Kode kecamatan pada NIK ({kecamatan}) tidak ada dalam daftar wilayah. NIK lama "
            f"atau dari sebelum pemekaran wilayah bisa memakai kode lama; pastikan NIK "
            f"sudah sesuai KTP."
        )
        warnings.append(Problem(NIK_KECAMATAN_UNKNOWN, field, text, Severity.WARNING))
    home = home_kabupaten.replace(".", "") if home_kabupaten is not None else None
    if home is not None and nik[:4] != home:
        text = (
            f"NIK diterbitkan di luar {home_name or 'kabupaten/kota'} ({_dotted(home)}; kode "
            f"wilayah pada NIK "
            f"{_dotted(nik[:4])}). Sebagian program menolak peserta yang NIK-nya dari "
            f"kabupaten lain; pastikan peserta memenuhi syarat."
        )
        warnings.append(Problem(NIK_OUTSIDE_DISTRICT, field, text, Severity.WARNING))
    return warnings


def _record_warnings(
    parts: NikParts, birth_date: date | None, gender: str | None, field: str
) -> list[Problem]:
    warnings = [
        _birth_date_warning(parts, birth_date, field),
        _gender_warning(parts, gender, field),
    ]
    return [w for w in warnings if w is not None]


def _birth_date_warning(parts: NikParts, birth_date: date | None, field: str) -> Problem | None:
    if birth_date is None:
        return None
    # Only yy is in the NIK, so 1985 and 2085 both agree with "85".
    recorded = (birth_date.day, birth_date.month, birth_date.year % 100)
    if recorded == (parts.birth_day, parts.birth_month, parts.birth_yy):
        return None
    text = (
        f"NIK menunjukkan tanggal lahir {parts.birth_day:02d}-{parts.birth_month:02d}-"
        f"{parts.birth_yy:02d}, sedangkan tanggal lahir yang diisi {birth_date.day:02d}-"
        f"{birth_date.month:02d}-{birth_date.year:04d}. Periksa NIK dan tanggal lahir "
        f"dengan KTP."
    )
    return Problem(NIK_BIRTHDATE_MISMATCH, field, text, Severity.WARNING)


def _gender_warning(parts: NikParts, gender: str | None, field: str) -> Problem | None:
    recorded = _GENDER_ALIASES.get(gender.strip().upper()) if gender else None
    # An unrecognised value is the gender field's own problem, not the NIK's.
    if recorded is None or recorded == parts.gender:
        return None
    how = "tanggal +40" if parts.gender == "P" else "tanggal tanpa +40"
    text = (
        f"NIK menunjukkan {_GENDER_WORDS[parts.gender]} ({how}), sedangkan jenis kelamin "
        f"yang diisi {_GENDER_WORDS[recorded]}. Periksa NIK dan jenis kelamin dengan KTP."
    )
    return Problem(NIK_GENDER_MISMATCH, field, text, Severity.WARNING)


# --- No. KK ------------------------------------------------------------------


def check_kk_number(
    raw: str | int | float | None, *, nik: str | None = None, field: str = KK_FIELD
) -> NormalizedNik:
    """Normalise and check a family card number (region, recording date, serial)."""
    normalized = _normalize(raw, _KK, field)
    if normalized.value is None or normalized.has_errors:
        return normalized
    value = normalized.value
    problems = _shape_problems(value, _KK, field) or _kk_content_problems(value, nik, field)
    return NormalizedNik(value, problems)


def _kk_content_problems(kk: str, nik: str | None, field: str) -> list[Problem]:
    problems = []
    if "00" in (kk[0:2], kk[2:4], kk[4:6]):
        text = (
            f"Kode wilayah pada No. KK (6 angka pertama: {kk[:6]}) tidak mungkin, karena "
            f"kode provinsi, kabupaten dan kecamatan tidak pernah 00. Periksa kembali "
            f"No. KK dengan Kartu Keluarga."
        )
        problems.append(Problem(KK_REGION_INVALID, field, text))
    # The KK date is when the card was recorded, so women get no +40 here.
    fault = _date_fault(int(kk[6:8]), int(kk[8:10]), int(kk[10:12]), female_offset=False)
    if fault is not None:
        text = (
            f"Bagian tanggal pencatatan pada No. KK (angka ke-7 sampai ke-12: {kk[6:12]}) "
            f"tidak mungkin: {fault}. Periksa kembali No. KK dengan Kartu Keluarga."
        )
        problems.append(Problem(KK_DATE_INVALID, field, text))
    if nik is not None and normalize_nik(nik).value == kk:
        text = "No. KK sama dengan NIK; periksa apakah tertukar."
        problems.append(Problem(KK_SAME_AS_NIK, field, text, Severity.WARNING))
    return problems
