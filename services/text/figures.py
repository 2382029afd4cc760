"""Counts and whole rupiah as screens show them: "12.345", "Rp42.000.000".

Light on purpose (no Babel): the dashboard and the worker list show them on their first
screen. Official documents write rupiah with two decimals and in words (``money.py``).
"""

from __future__ import annotations


def thousands(value: int) -> str:
    """12345 -> "12.345" (Indonesian uses the dot to group thousands)."""
    return f"{value:,}".replace(",", ".")


def rupiah_whole(amount: int) -> str:
    """249984000 -> "Rp249.984.000"; a negative amount keeps its sign in front."""
    sign = "-" if amount < 0 else ""
    return f"{sign}Rp{thousands(abs(amount))}"
