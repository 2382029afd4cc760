"""NIP checks: 18 digits, the birth date, the appointment month, the gender digit, the serial."""

from __future__ import annotations

from datetime import date

import pytest

from services.documents.nip import (
    NIP_APPOINTMENT,
    NIP_BIRTH_DATE,
    NIP_GENDER,
    NIP_LENGTH,
    NIP_SERIAL,
    check_nip,
    format_nip,
    normalize_nip,
)

TODAY = date(2025, 7, 7)
GOOD = "196801011990031005"


def codes(nip: str) -> list[str]:
    return [p.code for p in check_nip(nip, today=TODAY)]


def test_a_sound_nip() -> None:
    assert check_nip(GOOD, today=TODAY) == []


def test_typed_as_printed() -> None:
    assert normalize_nip("19680101 199003 1 005") == GOOD
    assert check_nip("19680101 199003 1 005", today=TODAY) == []
    assert format_nip(GOOD) == "19680101 199003 1 005"


@pytest.mark.parametrize(
    ("nip", "code"),
    [
        ("19680101199003100", NIP_LENGTH),  # 17 digits
        ("1968010119900310055", NIP_LENGTH),
        ("19680101199003100A", NIP_LENGTH),
        ("196813011990031005", NIP_BIRTH_DATE),  # month 13
        ("196802301990031005", NIP_BIRTH_DATE),  # 30 February
        ("193001011950031005", NIP_BIRTH_DATE),  # before 1940
        ("196801011990131005", NIP_APPOINTMENT),  # month 13
        ("196801011980031005", NIP_APPOINTMENT),  # appointed aged 12
        ("196801012026011005", NIP_APPOINTMENT),  # in the future
        ("196801011990033005", NIP_GENDER),
        ("196801011990031000", NIP_SERIAL),
    ],
)
def test_each_fault_is_named(nip: str, code: str) -> None:
    problems = check_nip(nip, today=TODAY)
    assert [p.code for p in problems] == [code]
    assert all(p.field == "nip" and "NIP" in p.text for p in problems)


def test_messages_say_what_is_wrong() -> None:
    [problem] = check_nip("196813011990031005", today=TODAY, label="NIP penandatangan")
    assert problem.text.startswith("NIP penandatangan: 8 angka pertama (19681301)")
    [length] = check_nip("1234", today=TODAY)
    assert "18 angka" in length.text and "4 angka" in length.text


def test_several_faults_at_once() -> None:
    assert codes("196813011990133000") == [NIP_BIRTH_DATE, NIP_APPOINTMENT, NIP_GENDER, NIP_SERIAL]


def test_pppk_numbers_carry_a_code_instead_of_a_month() -> None:
    assert check_nip("199009132022212014", today=TODAY) == []
