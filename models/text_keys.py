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
