"""Cell values as clerks type them: dates, genders, funding, occupations, header names."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from models.enums import FundingSource, Gender
from services.excel_import import headers as h
from services.excel_import.occupations import OccupationMatcher
from services.excel_import.values import (
    parse_date,
    parse_funding,
    parse_gender,
    phone_text,
    split_place_date,
    split_rt_rw,
)
from services.workers.occupations import OccupationItem

JULY_12 = date(1985, 7, 12)
THIS_YEAR = 2026  # the office's year, which places two-digit years


@pytest.mark.parametrize(
    "value",
    [
        JULY_12,
        datetime(1985, 7, 12, 0, 0),
        31240.0,  # Excel's serial number for 12-07-1985
        "12-07-1985",
        "12/07/1985",
        "12.07.1985",
        "12-7-1985",
        "1985-07-12",
        "12 Juli 1985",
        "12 juli 1985",
        "12 Jul 1985",
        "12-Jul-1985",
        "12 JULI 1985",
        "'12-07-1985",
        "12071985",
        12071985.0,
    ],
)
def test_dates_are_read_in_every_usual_form(value: object) -> None:
    assert parse_date(value, "Tanggal lahir", THIS_YEAR) == (JULY_12, None)


@pytest.mark.parametrize(
    ("text", "month"),
    [
        ("Januari", 1),
        ("Jan", 1),
        ("Februari", 2),
        ("Feb", 2),
        ("Maret", 3),
        ("Mar", 3),
        ("April", 4),
        ("Apr", 4),
        ("Mei", 5),
        ("Juni", 6),
        ("Jun", 6),
        ("Juli", 7),
        ("Jul", 7),
        ("Agustus", 8),
        ("Agu", 8),
        ("Agus", 8),
        ("September", 9),
        ("Sep", 9),
        ("Oktober", 10),
        ("Okt", 10),
        ("November", 11),
        ("Nov", 11),
        ("Desember", 12),
        ("Des", 12),
    ],
)
def test_indonesian_month_names_full_and_short(text: str, month: int) -> None:
    assert parse_date(f"3 {text} 1990", "Tanggal lahir", THIS_YEAR) == (date(1990, month, 3), None)


@pytest.mark.parametrize("value", ["31-02-1985", "30 Februari 1985", "abc", "12 Juny 1985", 1.5])
def test_impossible_or_unreadable_dates_say_why(value: object) -> None:
    found, problem = parse_date(value, "Tanggal lahir", THIS_YEAR)
    assert found is None
    assert problem is not None and problem.startswith("Tanggal lahir")
    assert "31-12-1985 atau 31 Desember 1985" in problem


@pytest.mark.parametrize(("this_year", "year"), [(2026, 2026), (2025, 1926), (2100, 2026)])
def test_a_two_digit_year_is_the_latest_not_after_the_offices(this_year: int, year: int) -> None:
    assert parse_date("12-07-26", "Tanggal lahir", this_year) == (date(year, 7, 12), None)


def test_a_blank_date_is_no_date_and_no_problem() -> None:
    assert parse_date("  ", "Tanggal lahir", THIS_YEAR) == (None, None)


@pytest.mark.parametrize(
    ("value", "gender"),
    [
        ("L", Gender.MALE),
        ("l", Gender.MALE),
        ("LK", Gender.MALE),
        ("Laki-laki", Gender.MALE),
        ("LAKI LAKI", Gender.MALE),
        ("Pria", Gender.MALE),
        ("P", Gender.FEMALE),
        ("PR", Gender.FEMALE),
        ("Perempuan", Gender.FEMALE),
        ("wanita", Gender.FEMALE),
    ],
)
def test_genders(value: str, gender: Gender) -> None:
    assert parse_gender(value) == (gender, None)


def test_an_unknown_gender_is_refused_with_the_choices() -> None:
    found, problem = parse_gender("X")
    assert found is None and problem is not None and "isi L atau P" in problem


@pytest.mark.parametrize(
    ("value", "funding"),
    [
        ("APBD Kabupaten", FundingSource.APBD_KABUPATEN),
        ("APBD Kab.", FundingSource.APBD_KABUPATEN),
        ("APBD II", FundingSource.APBD_KABUPATEN),
        ("APBD Provinsi", FundingSource.APBD_PROVINSI),
        ("APBD Prov", FundingSource.APBD_PROVINSI),
        ("Dana Desa", FundingSource.DANA_DESA),
        ("DD", FundingSource.DANA_DESA),
        ("Mandiri", FundingSource.MANDIRI),
    ],
)
def test_funding_sources(value: str, funding: FundingSource) -> None:
    assert parse_funding(value) == (funding, None)


def test_place_and_date_in_one_column_are_split() -> None:
    assert split_place_date("Kefamenanu, 12-07-1985", THIS_YEAR) == ("Kefamenanu", "12-07-1985")
    assert split_place_date("Kefamenanu 12 Juli 1985", THIS_YEAR) == ("Kefamenanu", "12 Juli 1985")
    assert split_place_date(JULY_12, THIS_YEAR) == (None, JULY_12)


def test_rt_rw_in_one_column() -> None:
    assert split_rt_rw("001/002") == ("001", "002")
    assert split_rt_rw("RT 1 RW 3") == ("1", "3")


def test_a_mobile_number_stored_as_a_number_gets_its_leading_zero_back() -> None:
    assert phone_text(81234567890.0) == "081234567890"
    assert phone_text("081234567890") == "081234567890"


OCCUPATIONS = [
    OccupationItem(1, "petani", "Petani"),
    OccupationItem(2, "nelayan", "Nelayan"),
    OccupationItem(5, "tukang_ojek", "Tukang ojek"),
    OccupationItem(4, "pedagang_kecil", "Pedagang kecil"),
    OccupationItem(9, "lainnya", "Lainnya"),
]


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("tani", "petani"),
        ("Petani", "petani"),
        ("PETANI/PEKEBUN", "petani"),
        ("ojek", "tukang_ojek"),
        ("Tukang Ojek", "tukang_ojek"),
        ("pedagang", "pedagang_kecil"),
        ("Pedagang kecil", "pedagang_kecil"),
        ("nelayan", "nelayan"),
    ],
)
def test_occupation_variants(text: str, code: str) -> None:
    match = OccupationMatcher(OCCUPATIONS).match(text)
    assert (match.code, match.problem) == (code, None)


def test_an_unknown_occupation_becomes_lainnya_with_a_warning() -> None:
    match = OccupationMatcher(OCCUPATIONS).match("Guru honor")
    assert match.code == "lainnya"
    assert match.problem is not None and not match.problem.is_error
    assert "'Guru honor'" in match.problem.text


@pytest.mark.parametrize(
    ("label", "field"),
    [
        ("NIK", h.NIK),
        ("No. KTP", h.NIK),
        ("No. NIK", h.NIK),
        ("NIK Peserta", h.NIK),
        ("Nama", h.FULL_NAME),
        ("Nama Lengkap", h.FULL_NAME),
        ("NAMA LENGKAP (sesuai KTP)", h.FULL_NAME),
        ("Tgl Lahir", h.BIRTH_DATE),
        ("Tgl. Lahir", h.BIRTH_DATE),
        ("Tanggal Lahir", h.BIRTH_DATE),
        ("Tempat Lahir", h.BIRTH_PLACE),
        ("Tempat/Tgl Lahir", h.BIRTH_PLACE_DATE),
        ("L/P", h.GENDER),
        ("JK", h.GENDER),
        ("Jenis Kelamin", h.GENDER),
        ("Desa", h.VILLAGE),
        ("Kelurahan", h.VILLAGE),
        ("Desa/Kel", h.VILLAGE),
        ("Desa/Kelurahan", h.VILLAGE),
        ("Kec", h.KECAMATAN),
        ("Kec.", h.KECAMATAN),
        ("Kecamatan", h.KECAMATAN),
        ("Pekerjaan", h.OCCUPATION),
        ("No HP", h.PHONE),
        ("No. HP", h.PHONE),
        ("Telepon", h.PHONE),
        ("RT", h.RT),
        ("RW", h.RW),
        ("Alamat", h.ADDRESS),
        ("No. KK", h.KK_NUMBER),
        ("No. KPJ", h.KPJ),
        ("Sumber Dana", h.FUNDING),
        ("Kode Desa", h.VILLAGE_CODE),
    ],
)
def test_header_variants(label: str, field: str) -> None:
    assert h.field_of(label) == field


def test_a_title_is_no_header() -> None:
    assert h.field_of("DAFTAR PEKERJA RENTAN DESA BOKON") is None


def test_header_in_row_seven_below_a_merged_kop() -> None:
    grid: list[list[object]] = [
        ["PEMERINTAH KABUPATEN TIMOR TENGAH UTARA", "", "", ""],
        ["DAFTAR PEKERJA RENTAN", "", "", ""],
        ["Desa: Bokon", "", "Kecamatan: Miomaffo Timur", ""],
        ["", "", "", ""],
        ["", "", "", ""],
        ["", "", "", ""],
        ["No", "NIK", "Nama", "Tgl Lahir"],
        [1.0, "5303011207850001", "A", "12-07-1985"],
    ]
    guess = h.find_header(grid, [((0, 0), (0, 3)), ((1, 0), (1, 3))])
    assert guess is not None
    assert (guess.header_row, guess.data_start) == (6, 7)
    assert h.suggest_mapping(guess.headers).columns == {"nik": 1, "full_name": 2, "birth_date": 3}


def test_two_row_header_under_a_merged_cell() -> None:
    grid: list[list[object]] = [
        ["NIK", "Nama", "Tempat, Tgl Lahir", "", "Alamat", "", ""],
        ["", "", "Tempat", "Tgl", "Dusun", "Desa", "Kec"],
        ["5303011207850001", "A", "Kefa", "12-07-1985", "Oelbonak", "Bokon", "Miomaffo Timur"],
    ]
    merged = [((0, 0), (1, 0)), ((0, 1), (1, 1)), ((0, 2), (0, 3)), ((0, 4), (0, 6))]
    guess = h.find_header(grid, merged)
    assert guess is not None and guess.data_start == 2
    assert h.suggest_mapping(guess.headers).columns == {
        "nik": 0,
        "full_name": 1,
        "birth_place": 2,
        "birth_date": 3,
        "address": 4,
        "village": 5,
        "kecamatan": 6,
    }


def test_a_mapping_without_nik_or_village_is_refused_in_words() -> None:
    problems = h.mapping_problems(h.ColumnMapping({"full_name": 0, "birth_date": 1}), 3)
    assert "Pilih kolom yang berisi NIK." in problems
    assert "Pilih kolom yang berisi desa/kelurahan." in problems


def test_the_caller_corrects_a_mapping_one_field_at_a_time() -> None:
    mapping = h.ColumnMapping({"nik": 0, "full_name": 1})
    corrected = mapping.with_field("full_name", 2).with_field("village", 1)
    assert corrected.columns == {"nik": 0, "full_name": 2, "village": 1}
    assert corrected.with_field("nik", None).columns == {"full_name": 2, "village": 1}


@pytest.mark.parametrize("name", ["MARIA  GORETI", " yohanes taek ", "JOSÉ N'DUN", "T'EBA\tTIMUR"])
def test_the_importers_name_key_is_the_registers(name: str) -> None:
    from models.text_keys import name_key
    from services.excel_import.row_check import _name_key

    assert _name_key(name) == name_key(name)
