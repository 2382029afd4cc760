"""Whole numbers in Indonesian words (terbilang), by the rules of official documents.

Hand-written on purpose: Babel, the project's locale library, has no number
spell-out (no CLDR RBNF rules), and twenty lines do not justify a new
dependency that would still have to be checked against these rules. The rules
(domain README, section 8): "se-" stands for one before puluh, belas, ratus
and ribu wherever that group stands (sepuluh, sebelas, seratus, seribu, and
"dua juta seribu"), but one million and up say "satu" (satu juta, satu
miliar, satu triliun); the spelling is "miliar", never "milyar".
"""

from __future__ import annotations

_UNITS = (
    "nol",
    "satu",
    "dua",
    "tiga",
    "empat",
    "lima",
    "enam",
    "tujuh",
    "delapan",
    "sembilan",
)
# Index i names the group 1000**i.
SCALES = ("", "ribu", "juta", "miliar", "triliun")
LIMIT = 1000 ** len(SCALES)


def _below_thousand(n: int) -> list[str]:
    words: list[str] = []
    hundreds, rest = divmod(n, 100)
    if hundreds == 1:
        words.append("seratus")
    elif hundreds:
        words += [_UNITS[hundreds], "ratus"]
    tens, ones = divmod(rest, 10)
    if tens == 1:
        words.append(
            "sepuluh" if ones == 0 else "sebelas" if ones == 1 else f"{_UNITS[ones]} belas"
        )
        return words
    if tens:
        words += [_UNITS[tens], "puluh"]
    if ones:
        words.append(_UNITS[ones])
    return words


def terbilang(n: int) -> str:
    """``2_999_808_000`` → "dua miliar sembilan ratus sembilan puluh sembilan juta
    delapan ratus delapan ribu"; lower case, single spaces, below 10**15."""
    if isinstance(n, bool) or not isinstance(n, int):
        raise TypeError(f"terbilang needs an int, not {type(n).__name__}")
    if n < 0:
        return f"minus {terbilang(-n)}"
    if n >= LIMIT:
        raise ValueError(f"{n} is beyond {SCALES[-1]}s")
    if n == 0:
        return _UNITS[0]
    words: list[str] = []
    for index in range(len(SCALES) - 1, -1, -1):
        group = (n // 1000**index) % 1000
        if not group:
            continue
        if index == 1 and group == 1:
            words.append("seribu")
            continue
        words += _below_thousand(group)
        if SCALES[index]:
            words.append(SCALES[index])
    return " ".join(words)
