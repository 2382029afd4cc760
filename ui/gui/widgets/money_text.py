"""Rupiah on screen: "Rp249.984.000" (whole rupiah, dots between thousands), read back alike.

Light on purpose (no Babel): the dashboard shows money on its first screen.
"""

from __future__ import annotations

import re

from services.text.figures import rupiah_whole, thousands

_TYPED = re.compile(r"^\s*(?:rp\.?)?\s*([\d.]+)(?:,0*)?\s*$", re.IGNORECASE)


def signed_rupiah(amount: int) -> str:
    """A difference: "+Rp16.800", "-Rp33.600" or "Rp0"."""
    return f"+{rupiah_whole(amount)}" if amount > 0 else rupiah_whole(amount)


def signed_count(value: int) -> str:
    return f"+{thousands(value)}" if value > 0 else f"-{thousands(-value)}" if value else "0"


def parse_rupiah(text: str) -> int | None:
    """ "249984000", "249.984.000", "Rp249.984.000,00"; None when it is no whole amount."""
    match = _TYPED.match(text)
    if match is None:
        return None
    digits = match[1].replace(".", "")
    return int(digits) if digits.isdigit() else None
