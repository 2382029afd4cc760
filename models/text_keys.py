"""Folded forms of names, so searches ignore case, accents, spacing and punctuation."""

from __future__ import annotations

import re
import unicodedata

_NOT_ALNUM = re.compile(r"[^0-9a-z]+")
_SPACES = re.compile(r"\s+")


def _strip_accents(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def name_key(text: str) -> str:
    """Person names: accents and case folded, single spaces kept ("maria s" still matches)."""
    return _SPACES.sub(" ", _strip_accents(text).casefold()).strip()


def region_key(text: str) -> str:
    """Region names: only letters and digits, so "N i a n" and "Nian" are one key."""
    return _NOT_ALNUM.sub("", _strip_accents(text).casefold())


# Indonesian spellings of one name vary: old and new spelling (Djoko/Joko, Tjahja/Cahya,
# Soekarno/Sukarno), Dutch and Portuguese forms (Yoseph/Josef, Christina/Kristina,
# Cornelis/Kornelis), doubled letters (Yohanna/Yohana). The phonetic key folds them to one
# form, applied in this order (the migration 0015 keeps a frozen copy; keep both alike).
_PHONETIC_STEPS: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern), replacement)
    for pattern, replacement in (
        (r"[^a-z0-9]+", " "),
        (r"dj", "j"),
        (r"tj", "c"),
        (r"sj", "sy"),
        (r"nj", "ny"),
        (r"oe", "u"),
        (r"sch", "s"),
        (r"ch", "k"),
        (r"ph", "f"),
        (r"th", "t"),
        (r"kh", "k"),
        (r"gh", "g"),
        (r"j", "y"),
        (r"c(?=[aoulr]|$)", "k"),
        (r"c", "s"),
        (r"q", "k"),
        (r"x", "ks"),
        (r"v", "f"),
        (r"z", "s"),
        (r"(?<=[aeiou])h\b", ""),
        (r"([a-z])\1+", r"\1"),
        (r" +", " "),
    )
)


def name_phonetic(text: str) -> str:
    """Person names as they sound: "Johana", "Yohanna" and "YOHANA" give one key."""
    key = name_key(text)
    for pattern, replacement in _PHONETIC_STEPS:
        key = pattern.sub(replacement, key)
    return key.strip()
