"""Rules for NIK and No. KK, as a clerk or a spreadsheet would break them."""

from __future__ import annotations

import re
from datetime import date

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from services.core.errors import Problem, Severity
from services.workers.nik import (
    KK_DATE_INVALID,
    KK_EMPTY,
    KK_EXCEL_DAMAGED,
    KK_LENGTH,
    KK_NOT_DIGITS,
    KK_REGION_INVALID,
    KK_SAME_AS_NIK,
    NIK_BIRTHDATE_MISMATCH,
    NIK_DATE_INVALID,
    NIK_EMPTY,
    NIK_EXCEL_DAMAGED,
    NIK_FIELD,
    NIK_GENDER_MISMATCH,
    NIK_KECAMATAN_UNKNOWN,
    NIK_LENGTH,
    NIK_NOT_DIGITS,
    NIK_OUTSIDE_DISTRICT,
    NIK_SERIAL_ZERO,
    check_kk_number,
    check_nik,
    decode_nik,
    mask_nik,
    normalize_nik,
    validate_nik,
)

# A man born 12 July 1985, registered in kecamatan 53.03.05 (Kota Kefamenanu).
MAN = "5303051207850001"
# A woman born 12 July 1985 (day 12 + 40 = 52), same kecamatan.
WOMAN = "5303055207850002"
# A family card from 53.03.05, recorded 3 March 2015.
KK = "5303050303150004"


def codes(problems: list[Problem]) -> list[str]:
    return [p.code for p in problems]


def errors(problems: list[Problem]) -> list[str]:
    return [p.code for p in problems if p.severity is Severity.ERROR]


def day_month_yy(d: date) -> tuple[int, int, int]:
    return (d.day, d.month, d.year % 100)


def build_nik(kecamatan: str, born: date, gender: str, serial: int) -> str:
    day = born.day + 40 if gender == "P" else born.day
    return f"{kecamatan}{day:02d}{born.month:02d}{born.year % 100:02d}{serial:04d}"


kecamatan_codes = st.builds(
    lambda p, k, c: f"{p:02d}{k:02d}{c:02d}",
    st.integers(11, 99),
    st.integers(1, 99),
    st.integers(1, 99),
)
birth_dates = st.dates(date(1940, 1, 1), date(2010, 12, 31))
genders = st.sampled_from(["L", "P"])
serials = st.integers(1, 9999)
valid_niks = st.builds(build_nik, kecamatan_codes, birth_dates, genders, serials)


# --- normalisation of typed text ---------------------------------------------


def test_a_clean_nik_is_accepted_as_it_is() -> None:
    assert normalize_nik(MAN) == normalize_nik(f"  {MAN}  ")
    assert normalize_nik(MAN).value == MAN
    assert normalize_nik(MAN).problems == []


@pytest.mark.parametrize(
    "typed",
    [
        "5303 0512 0785 0001",
        "53.03.05.120785.0001",
        "5303-0512-0785-0001",
        "'5303051207850001",
        "\u20195303051207850001",
        "5303\u00a0051207850001",
    ],
)
def test_spaces_dots_dashes_and_a_leading_apostrophe_are_stripped(typed: str) -> None:
    result = normalize_nik(typed)
    assert result.value == MAN
    assert result.problems == []


@pytest.mark.parametrize("empty", [None, "", "   ", "'", " - . "])
def test_an_empty_nik_is_an_error(empty: str | None) -> None:
    result = normalize_nik(empty)
    assert result.value is None
    assert codes(result.problems) == [NIK_EMPTY]
    assert result.problems[0].is_error


def test_letters_in_a_nik_are_an_error_naming_the_character() -> None:
    result = normalize_nik("53030512O7850001")
    assert codes(result.problems) == [NIK_NOT_DIGITS]
    assert '"O"' in result.problems[0].text


def test_the_problem_carries_the_field_it_was_given() -> None:
    result = normalize_nik("abc", field="heir_nik")
    assert [p.field for p in result.problems] == ["heir_nik"]


# --- Excel damage ------------------------------------------------------------


def test_a_numeric_nik_with_a_nonzero_last_digit_survived_excel() -> None:
    result = normalize_nik(5303051207850001)
    assert result.value == MAN
    assert result.problems == []


def test_a_numeric_nik_ending_in_zero_may_have_lost_its_last_digit_to_excel() -> None:
    result = normalize_nik(5303051207850010)
    assert result.value == "5303051207850010"
    assert codes(result.problems) == [NIK_EXCEL_DAMAGED]
    assert "Teks" in result.problems[0].text


def test_a_float_nik_follows_the_same_rule_as_an_integer() -> None:
    assert normalize_nik(5303051207850001.0).problems == []
    assert codes(normalize_nik(5303051207850000.0).problems) == [NIK_EXCEL_DAMAGED]


def test_a_float_too_large_to_hold_every_digit_is_damaged() -> None:
    assert codes(normalize_nik(9101011207850002.0).problems) == [NIK_EXCEL_DAMAGED]


def test_a_boolean_cell_is_not_a_nik() -> None:
    assert codes(normalize_nik(True).problems) == [NIK_NOT_DIGITS]


def test_a_float_with_a_fraction_is_not_a_nik() -> None:
    assert codes(normalize_nik(530305120785.5).problems) == [NIK_NOT_DIGITS]


@pytest.mark.parametrize("shown", ["5.30305E+15", "5,30305E+15", "5.303051207850E+15", "5E15"])
def test_scientific_notation_means_excel_already_lost_digits(shown: str) -> None:
    result = normalize_nik(shown)
    assert codes(result.problems) == [NIK_EXCEL_DAMAGED]
    assert shown in result.problems[0].text


def test_a_number_printed_with_dot_zero_and_a_nonzero_last_digit_is_accepted() -> None:
    result = normalize_nik("5303051207850001.0")
    assert result.value == MAN
    assert result.problems == []


def test_a_number_printed_with_dot_zero_and_last_digit_zero_is_damaged() -> None:
    result = normalize_nik("5303051207850010.0")
    assert result.value == "5303051207850010"
    assert codes(result.problems) == [NIK_EXCEL_DAMAGED]


def test_typed_text_ending_in_zero_is_not_suspected_of_excel_damage() -> None:
    assert normalize_nik("'5303051207850010").problems == []


# --- check_nik: errors -------------------------------------------------------


def test_a_valid_nik_has_no_problems() -> None:
    assert check_nik(MAN) == []
    assert check_nik(WOMAN) == []


@pytest.mark.parametrize("nik", ["530305120785001", "53030512078500012"])
def test_a_nik_must_have_16_digits_and_the_message_says_how_many_were_typed(nik: str) -> None:
    problems = check_nik(nik)
    assert codes(problems) == [NIK_LENGTH]
    assert problems[0].text.startswith(f"NIK harus 16 angka; yang diisi {len(nik)} angka.")


def test_check_nik_rejects_non_digits() -> None:
    assert codes(check_nik("5303051207850OO1")) == [NIK_NOT_DIGITS]


def test_check_nik_reports_an_empty_string_as_empty() -> None:
    assert codes(check_nik("")) == [NIK_EMPTY]


def test_serial_0000_is_impossible() -> None:
    assert codes(check_nik("5303051207850000")) == [NIK_SERIAL_ZERO]


@pytest.mark.parametrize(
    ("date_part", "reason"),
    [
        ("000785", "tanggal 00"),
        ("320785", "tanggal 32"),
        ("400785", "tanggal 40"),
        ("720785", "tanggal 72"),
        ("120085", "bulan 00"),
        ("121385", "bulan 13"),
        ("310485", "31-04"),
        ("710485", "31-04"),
        ("300285", "30-02"),
        ("290285", "29 Februari"),
        ("690285", "29 Februari"),
    ],
)
def test_an_impossible_birth_date_part_is_an_error(date_part: str, reason: str) -> None:
    problems = check_nik(f"530305{date_part}0001")
    assert codes(problems) == [NIK_DATE_INVALID]
    assert reason in problems[0].text
    assert date_part in problems[0].text


@pytest.mark.parametrize("date_part", ["290284", "690200", "310185", "710185", "010100"])
def test_a_date_part_real_in_either_century_is_accepted(date_part: str) -> None:
    # 29-02-00 exists only in 2000 (1900 was not a leap year): one century is enough.
    assert check_nik(f"530305{date_part}0001") == []


def test_date_and_serial_errors_are_reported_together() -> None:
    assert codes(check_nik("5303053207850000")) == [NIK_SERIAL_ZERO, NIK_DATE_INVALID]


# --- check_nik: warnings -----------------------------------------------------


def test_an_unknown_kecamatan_code_is_a_warning_not_an_error() -> None:
    problems = check_nik("5303991207850001", known_kecamatan={"53.03.05"})
    assert codes(problems) == [NIK_KECAMATAN_UNKNOWN]
    assert problems[0].severity is Severity.WARNING
    assert "53.03.99" in problems[0].text


def test_a_known_kecamatan_code_gives_no_warning() -> None:
    assert check_nik(MAN, known_kecamatan={"53.03.05"}) == []


def test_the_kecamatan_check_is_skipped_without_a_list() -> None:
    assert check_nik("5303991207850001", known_kecamatan=None) == []


def test_a_nik_from_another_kabupaten_is_flagged_not_rejected() -> None:
    problems = check_nik("5301051207850001", home_kabupaten="53.03")
    assert codes(problems) == [NIK_OUTSIDE_DISTRICT]
    assert problems[0].severity is Severity.WARNING
    assert "53.01" in problems[0].text and "53.03" in problems[0].text


def test_the_home_kabupaten_is_configurable_and_may_be_written_without_a_dot() -> None:
    assert codes(check_nik(MAN, home_kabupaten="5301")) == [NIK_OUTSIDE_DISTRICT]
    assert check_nik("5301051207850001", home_kabupaten="53.01") == []


def test_no_home_kabupaten_skips_the_district_check() -> None:
    assert check_nik("1101051207850001", home_kabupaten=None) == []


def test_a_birth_date_different_from_the_nik_is_a_warning_naming_both() -> None:
    problems = check_nik(MAN, birth_date=date(1985, 7, 13))
    assert codes(problems) == [NIK_BIRTHDATE_MISMATCH]
    assert problems[0].severity is Severity.WARNING
    assert problems[0].text.startswith(
        "NIK menunjukkan tanggal lahir 12-07-85, sedangkan tanggal lahir yang diisi 13-07-1985"
    )


def test_a_matching_birth_date_gives_no_warning_in_either_century() -> None:
    assert check_nik(MAN, birth_date=date(1985, 7, 12)) == []
    assert check_nik(WOMAN, birth_date=date(1985, 7, 12)) == []


def test_a_different_birth_year_is_a_birth_date_warning() -> None:
    assert codes(check_nik(MAN, birth_date=date(1986, 7, 12))) == [NIK_BIRTHDATE_MISMATCH]


def test_a_woman_recorded_as_a_man_is_a_gender_warning() -> None:
    problems = check_nik(WOMAN, gender="L")
    assert codes(problems) == [NIK_GENDER_MISMATCH]
    assert problems[0].severity is Severity.WARNING
    assert problems[0].text.startswith(
        "NIK menunjukkan perempuan (tanggal +40), sedangkan jenis kelamin yang diisi laki-laki"
    )


def test_a_man_recorded_as_a_woman_is_a_gender_warning() -> None:
    problems = check_nik(MAN, gender="perempuan")
    assert codes(problems) == [NIK_GENDER_MISMATCH]
    assert "NIK menunjukkan laki-laki" in problems[0].text


@pytest.mark.parametrize("gender", ["P", "p", " perempuan ", "", "X"])
def test_a_matching_or_unrecognised_gender_gives_no_gender_warning(gender: str) -> None:
    assert check_nik(WOMAN, gender=gender) == []


def test_an_impossible_date_part_skips_birth_date_and_gender_comparisons() -> None:
    problems = check_nik("5303053207850001", birth_date=date(1990, 1, 1), gender="P")
    assert codes(problems) == [NIK_DATE_INVALID]


def test_region_warnings_still_come_with_a_date_error() -> None:
    problems = check_nik("5301053207850001", known_kecamatan=set(), home_kabupaten="53.03")
    assert codes(problems) == [NIK_DATE_INVALID, NIK_KECAMATAN_UNKNOWN, NIK_OUTSIDE_DISTRICT]


# --- decode_nik --------------------------------------------------------------


def test_decode_reads_region_birth_date_gender_and_serial() -> None:
    parts = decode_nik(WOMAN)
    assert parts is not None
    assert (parts.province_code, parts.kabupaten_code, parts.kecamatan_code) == (
        "53",
        "53.03",
        "53.03.05",
    )
    assert (parts.birth_day, parts.birth_month, parts.birth_yy) == (12, 7, 85)
    assert parts.gender == "P"
    assert parts.serial == "0002"
    assert parts.birth_date_candidates() == [date(1985, 7, 12), date(2085, 7, 12)]


def test_a_man_s_day_is_read_without_offset() -> None:
    parts = decode_nik(MAN)
    assert parts is not None
    assert (parts.birth_day, parts.gender) == (12, "L")


def test_birth_date_candidates_leave_out_a_century_where_the_date_does_not_exist() -> None:
    parts = decode_nik("5303056902000001")
    assert parts is not None
    assert parts.birth_date_candidates() == [date(2000, 2, 29)]


@pytest.mark.parametrize("nik", ["", "530305120785001", "530305120785000A", "5303053207850001"])
def test_decode_gives_none_for_a_malformed_nik_or_impossible_date(nik: str) -> None:
    assert decode_nik(nik) is None


# --- validate_nik ------------------------------------------------------------


def test_validate_normalises_then_checks_against_the_record() -> None:
    result = validate_nik("'5303 0552 0785 0002", birth_date=date(1985, 7, 12), gender="L")
    assert result.value == WOMAN
    assert codes(result.problems) == [NIK_GENDER_MISMATCH]


def test_validate_stops_at_a_normalisation_error() -> None:
    result = validate_nik(5301051207850010, gender="P")
    assert codes(result.problems) == [NIK_EXCEL_DAMAGED]


def test_validate_reports_length_for_a_short_number() -> None:
    result = validate_nik(530305120785001)
    assert codes(result.problems) == [NIK_LENGTH]


def test_validate_passes_the_field_to_every_problem() -> None:
    result = validate_nik("5301051207850001", gender="P", field="heir_nik", home_kabupaten="5303")
    assert codes(result.problems) == [NIK_OUTSIDE_DISTRICT, NIK_GENDER_MISMATCH]
    assert {p.field for p in result.problems} == {"heir_nik"}


def test_validate_uses_the_nik_field_by_default() -> None:
    assert validate_nik(None).problems[0].field == NIK_FIELD


# --- mask_nik ----------------------------------------------------------------


def test_mask_shows_only_the_first_and_last_four_digits() -> None:
    assert mask_nik(MAN) == "5303********0001"


def test_mask_hides_a_short_value_entirely() -> None:
    assert mask_nik("12345678") == "********"


# --- No. KK ------------------------------------------------------------------


def test_a_valid_kk_number_has_no_problems() -> None:
    result = check_kk_number(KK, nik=MAN)
    assert result.value == KK
    assert result.problems == []


def test_a_kk_number_is_cleaned_like_a_nik() -> None:
    assert check_kk_number("'5303 0503 0315 0004").value == KK


def test_an_empty_kk_number_is_an_error() -> None:
    assert codes(check_kk_number(None).problems) == [KK_EMPTY]


def test_a_kk_number_with_letters_is_an_error() -> None:
    assert codes(check_kk_number("53030503031500O4").problems) == [KK_NOT_DIGITS]


def test_a_kk_number_must_have_16_digits() -> None:
    result = check_kk_number("530305030315004")
    assert codes(result.problems) == [KK_LENGTH]
    assert result.problems[0].text.startswith("No. KK harus 16 angka; yang diisi 15 angka.")


@pytest.mark.parametrize("raw", [5303050303150010, "5.30305E+15", "5303050303150010.0"])
def test_a_kk_number_damaged_by_excel_is_an_error(raw: str | int) -> None:
    assert codes(check_kk_number(raw).problems) == [KK_EXCEL_DAMAGED]


def test_a_numeric_kk_number_with_a_nonzero_last_digit_is_accepted() -> None:
    assert check_kk_number(5303050303150004).problems == []


@pytest.mark.parametrize("kk", ["0003050303150004", "5300050303150004", "5303000303150004"])
def test_a_kk_region_part_of_00_is_impossible(kk: str) -> None:
    assert codes(check_kk_number(kk).problems) == [KK_REGION_INVALID]


@pytest.mark.parametrize("date_part", ["430315", "320115", "011315", "310415", "290215"])
def test_the_kk_recording_date_has_no_plus_40_and_must_exist(date_part: str) -> None:
    result = check_kk_number(f"530305{date_part}0004")
    assert codes(result.problems) == [KK_DATE_INVALID]
    assert date_part in result.problems[0].text


def test_a_kk_number_equal_to_the_nik_is_a_warning() -> None:
    result = check_kk_number(MAN, nik="5303 0512 0785 0001")
    assert codes(result.problems) == [KK_SAME_AS_NIK]
    assert result.problems[0].severity is Severity.WARNING
    assert result.problems[0].text == "No. KK sama dengan NIK; periksa apakah tertukar."


def test_kk_problems_carry_the_given_field() -> None:
    assert check_kk_number("x", field="heir_kk").problems[0].field == "heir_kk"


# --- properties --------------------------------------------------------------


@given(kecamatan_codes, birth_dates, genders, serials)
def test_any_well_formed_nik_passes_and_decodes_to_what_built_it(
    kecamatan: str, born: date, gender: str, serial: int
) -> None:
    nik = build_nik(kecamatan, born, gender, serial)
    assert errors(check_nik(nik, birth_date=born, gender=gender)) == []
    assert check_nik(nik, birth_date=born, gender=gender, home_kabupaten=None) == []
    parts = decode_nik(nik)
    assert parts is not None
    assert (parts.birth_day, parts.birth_month, parts.birth_yy) == (
        born.day,
        born.month,
        born.year % 100,
    )
    assert born in parts.birth_date_candidates()
    assert parts.gender == gender
    assert parts.kecamatan_code.replace(".", "") == kecamatan
    assert parts.serial == f"{serial:04d}"


@given(kecamatan_codes, birth_dates, genders, serials)
def test_the_other_gender_on_the_record_gives_a_gender_warning(
    kecamatan: str, born: date, gender: str, serial: int
) -> None:
    nik = build_nik(kecamatan, born, gender, serial)
    other = "P" if gender == "L" else "L"
    problems = check_nik(nik, birth_date=born, gender=other, home_kabupaten=None)
    assert codes(problems) == [NIK_GENDER_MISMATCH]


@given(kecamatan_codes, birth_dates, birth_dates, genders, serials)
def test_another_birth_date_on_the_record_gives_a_birth_date_warning(
    kecamatan: str, born: date, recorded: date, gender: str, serial: int
) -> None:
    assume(day_month_yy(born) != day_month_yy(recorded))
    nik = build_nik(kecamatan, born, gender, serial)
    problems = check_nik(nik, birth_date=recorded, gender=gender, home_kabupaten=None)
    assert codes(problems) == [NIK_BIRTHDATE_MISMATCH]


@given(kecamatan_codes, birth_dates, genders, serials)
def test_the_same_day_a_century_apart_agrees_with_the_nik(
    kecamatan: str, born: date, gender: str, serial: int
) -> None:
    # The NIK holds only yy, so a record saying 2085 instead of 1985 cannot be faulted by it.
    assume((born.month, born.day) != (2, 29))
    nik = build_nik(kecamatan, born, gender, serial)
    recorded = born.replace(year=born.year + 100)
    assert check_nik(nik, birth_date=recorded, gender=gender, home_kabupaten=None) == []


@given(st.text("0123456789").filter(lambda s: len(s) != 16 and s != ""))
def test_any_digit_string_not_16_long_is_a_length_error(digits: str) -> None:
    assert codes(check_nik(digits)) == [NIK_LENGTH]


@given(valid_niks, st.data())
def test_separators_and_an_apostrophe_prefix_do_not_change_the_value(
    nik: str, data: st.DataObject
) -> None:
    separators = st.sampled_from(["", "", " ", ".", "-", "  "])
    pieces = [c + data.draw(separators) for c in nik]
    prefix = data.draw(st.sampled_from(["", "'", " '", "' "]))
    typed = prefix + "".join(pieces)
    # "...001.0" is how a program prints a number, and is rightly read as one.
    assume(not re.fullmatch(r"[0-9]+\.0+", typed.strip().lstrip("'").strip()))
    result = normalize_nik(typed)
    assert result.value == nik
    assert result.problems == []


@given(valid_niks.filter(lambda n: not n.endswith("0")))
def test_a_number_with_a_nonzero_last_digit_is_accepted(nik: str) -> None:
    assert normalize_nik(int(nik)).problems == []


@given(valid_niks.map(lambda n: n[:-1] + "0"))
def test_a_number_with_last_digit_zero_is_rejected_as_damaged(nik: str) -> None:
    assert codes(normalize_nik(int(nik)).problems) == [NIK_EXCEL_DAMAGED]


@given(valid_niks)
def test_mask_keeps_16_characters_and_the_ends(nik: str) -> None:
    masked = mask_nik(nik)
    assert len(masked) == 16
    assert masked[:4] == nik[:4] and masked[-4:] == nik[-4:]
    assert masked[4:12] == "********"
