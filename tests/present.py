"""``present``: a value a test relies on being there, checked rather than assumed.

Services, ORM lookups and raw cursors type many answers as ``X | None`` (a row that may be
missing, a column that may be NULL). Where a test's own set-up guarantees the value, the
test says so with this check: a missing value then fails the test by name instead of as an
AttributeError further on, and the type checker knows the value is an ``X``.
"""

from __future__ import annotations

from typing import TypeVar

T = TypeVar("T")


def present(value: T | None, what: str = "value") -> T:
    assert value is not None, f"expected a {what}, got None"
    return value
