"""The small pieces every input check shares: a problem (error or warning) and typed text
cleaned up. Pure functions, apart from the worker rules so claims, imports and settings
use them without importing the worker register (and what it reads)."""

from __future__ import annotations

import re

from services.core.errors import Problem, Severity

_SPACES = re.compile(r"\s+")


def err(code: str, field: str, text: str) -> Problem:
    return Problem(code, field, text, Severity.ERROR)


def warn(code: str, field: str, text: str) -> Problem:
    return Problem(code, field, text, Severity.WARNING)


def clean_name(raw: str | None) -> str:
    """As on the KTP: capitals, single spaces."""
    return _SPACES.sub(" ", (raw or "").strip()).upper()


def clean_digits(raw: str | None) -> str | None:
    """Drop the spaces, dots and dashes people type inside numbers; empty becomes None."""
    if raw is None:
        return None
    value = re.sub(r"[\s.\-']", "", str(raw))
    return value or None


def clean_text(raw: str | None) -> str | None:
    value = _SPACES.sub(" ", (raw or "").strip())
    return value or None
