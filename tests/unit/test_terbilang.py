"""Amounts in words (terbilang) by the rules of the domain file, section 8, checked on the
examples and over the whole range by reading the words back into a number."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from services.text.terbilang import LIMIT, terbilang

UNITS = {
    "satu": 1,
    "dua": 2,
    "tiga": 3,
    "empat": 4,
    "lima": 5,
    "enam": 6,
    "tujuh": 7,
    "delapan": 8,
    "sembilan": 9,
}
SCALES = {"ribu": 10**3, "juta": 10**6, "miliar": 10**9, "triliun": 10**12}
SE = {"sepuluh": 10, "sebelas": 11, "seratus": 100}


def read_back(words: str) -> int:
    """The number the words say; refuses any spelling the rules do not allow."""
    if words == "nol":
        return 0
    total, group, digit, last_scale = 0, 0, None, None
    stage = 0  # within a group: 0 nothing, 1 after hundreds, 2 after tens, 3 after units

    def close_group(scale: int) -> None:
        nonlocal total, group, digit, last_scale, stage
        if digit is not None:
            group += digit
            digit = None
        assert 0 < group < 1000, words
        assert last_scale is None or scale < last_scale, f"scales out of order: {words}"
        if scale == 1000:
            assert group != 1, f"'satu ribu' must be 'seribu': {words}"
        total += group * scale
        group, stage, last_scale = 0, 0, scale

    for token in words.split():
        if token in UNITS:
            assert digit is None and stage < 3, words
            digit = UNITS[token]
        elif token in ("puluh", "belas", "ratus"):
            assert digit is not None and digit > 1, f"'satu {token}' must be 'se{token}': {words}"
            if token == "ratus":
                assert stage == 0, words
                group, stage = digit * 100, 1
            else:
                assert stage <= 1, words
                group += digit * 10 if token == "puluh" else 10 + digit
                stage = 2 if token == "puluh" else 3
            digit = None
        elif token in SE:
            assert digit is None, words
            assert (token == "seratus" and stage == 0) or (token != "seratus" and stage <= 1)
            group += SE[token]
            stage = {"seratus": 1, "sepuluh": 3, "sebelas": 3}[token]
        elif token == "seribu":
            assert digit is None and group == 0, f"'seribu' stands alone: {words}"
            assert last_scale is None or last_scale > 1000, words
            total += 1000
            last_scale, stage = 1000, 0
        elif token in SCALES:
            close_group(SCALES[token])
        else:
            raise AssertionError(f"unknown word {token!r} in {words!r}")
    if digit is not None:
        group += digit
    return total + group


@pytest.mark.parametrize(
    ("number", "words"),
    [
        (0, "nol"),
        (1, "satu"),
        (10, "sepuluh"),
        (11, "sebelas"),
        (12, "dua belas"),
        (19, "sembilan belas"),
        (20, "dua puluh"),
        (21, "dua puluh satu"),
        (100, "seratus"),
        (101, "seratus satu"),
        (110, "seratus sepuluh"),
        (111, "seratus sebelas"),
        (999, "sembilan ratus sembilan puluh sembilan"),
        (1_000, "seribu"),
        (1_001, "seribu satu"),
        (1_100, "seribu seratus"),
        (10_000, "sepuluh ribu"),
        (11_000, "sebelas ribu"),
        (21_000, "dua puluh satu ribu"),
        (100_000, "seratus ribu"),
        (101_000, "seratus satu ribu"),
        (1_000_000, "satu juta"),
        (1_001_000, "satu juta seribu"),
        (2_001_000, "dua juta seribu"),
        (10_000_000, "sepuluh juta"),
        (100_000_000, "seratus juta"),
        (1_000_000_000, "satu miliar"),
        (1_000_001_000, "satu miliar seribu"),
        (1_000_000_000_000, "satu triliun"),
        (1_000_000_001_000, "satu triliun seribu"),
        (14_880, "empat belas ribu delapan ratus delapan puluh"),
        (16_800, "enam belas ribu delapan ratus"),
        (
            249_984_000,
            "dua ratus empat puluh sembilan juta sembilan ratus delapan puluh empat ribu",
        ),
        (
            2_999_808_000,
            "dua miliar sembilan ratus sembilan puluh sembilan juta delapan ratus delapan ribu",
        ),
        (2025, "dua ribu dua puluh lima"),
        (42_000_000, "empat puluh dua juta"),
        (-5, "minus lima"),
    ],
)
def test_examples(number: int, words: str) -> None:
    assert terbilang(number) == words


@given(st.integers(min_value=0, max_value=LIMIT - 1))
def test_words_read_back_to_the_number(n: int) -> None:
    assert read_back(terbilang(n)) == n


@given(st.integers(min_value=0, max_value=LIMIT - 1))
def test_spelling_rules_hold_everywhere(n: int) -> None:
    words = terbilang(n)
    assert words == words.lower() and "  " not in words and words == words.strip()
    assert "milyar" not in words
    # se- before puluh, belas, ratus and a lone thousand; "satu" before the larger scales.
    assert not re.search(r"\bsatu (puluh|belas|ratus)\b", words)
    assert not re.search(r"(^|juta |miliar |triliun )satu ribu\b", words)
    assert not re.search(r"\bse(juta|miliar|triliun)\b", words)


@given(st.integers(min_value=0, max_value=999).map(lambda g: g * 1000 + 1_000_000 * 7))
def test_thousands_group_of_one_is_seribu_after_millions(n: int) -> None:
    words = terbilang(n)
    if (n // 1000) % 1000 == 1:
        assert words.endswith("juta seribu")


@pytest.mark.parametrize("bad", [LIMIT, 10**20])
def test_beyond_triliun_is_refused(bad: int) -> None:
    with pytest.raises(ValueError):
        terbilang(bad)


@pytest.mark.parametrize("bad", [1.5, "12", True])
def test_only_integers(bad: object) -> None:
    with pytest.raises(TypeError):
        terbilang(bad)  # type: ignore[arg-type]  # a wrong type on purpose: it is refused


def test_the_reader_refuses_wrong_spellings() -> None:
    # The property tests are only as good as the reader: it must catch each broken rule.
    wrong_spellings = (
        "satu ribu",
        "satu ratus",
        "satu puluh",
        "satu belas",
        "dua juta satu ribu",
        "seribu juta",
        "dua ribu tiga juta",
        "dua puluh sebelas",
        "tiga dua",
    )
    for wrong in wrong_spellings:
        with pytest.raises(AssertionError):
            read_back(wrong)
