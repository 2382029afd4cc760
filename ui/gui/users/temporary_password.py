"""Temporary passwords an administrator reads out or writes down for a clerk."""

from __future__ import annotations

import secrets

# No 0/O, 1/l/I: the clerk types what they were told or handed on paper.
_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"
GROUPS = 3
GROUP_LENGTH = 4


def temporary_password() -> str:
    """ "kq7m-x2pa-9dtr": 12 random characters, in groups that are easy to read aloud."""
    return "-".join(
        "".join(secrets.choice(_ALPHABET) for _ in range(GROUP_LENGTH)) for _ in range(GROUPS)
    )
