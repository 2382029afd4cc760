"""Rupiah and counts as official documents write them: figures through Babel, words here.

Babel's ``id_ID`` pattern gives the document form exactly (``Rp2.999.808.000,00``:
"." between thousands, "," before the cents, "Rp" touching the number); the
tests pin that, so a Babel update that changed it would be caught.
"""

from __future__ import annotations

from decimal import Decimal

from babel.numbers import format_currency, format_decimal

from services.text.formatting import LOCALE
from services.text.terbilang import terbilang

Amount = Decimal | int


def rupiah(amount: Amount) -> str:
    """``Rp2.999.808.000,00``, always with the two decimals official documents show."""
    return format_currency(
        Decimal(amount), "IDR", format="¤#,##0.00", locale=LOCALE, currency_digits=False
    )


def rupiah_plain(amount: Amount) -> str:
    """``2.999.808.000,00`` for table columns headed "(Rp)"."""
    return format_decimal(Decimal(amount), format="#,##0.00", locale=LOCALE)


def whole_rupiah(amount: Amount) -> int:
    value = Decimal(amount)
    if value != value.to_integral_value():
        raise ValueError(f"{value} is not a whole rupiah amount")
    return int(value)


def rupiah_words(amount: Amount) -> str:
    """ "dua miliar … delapan ribu rupiah": lower case, no "Rp", for the brackets."""
    return f"{terbilang(whole_rupiah(amount))} rupiah"


def rupiah_with_words(amount: Amount) -> str:
    """ "Rp2.999.808.000,00 (dua miliar … delapan ribu rupiah)"."""
    return f"{rupiah(amount)} ({rupiah_words(amount)})"


def number(n: int) -> str:
    """ "14.880": a count with the thousands separator."""
    return format_decimal(n, locale=LOCALE)


def number_with_words(n: int, unit: str = "") -> str:
    """ "14.880 (empat belas ribu delapan ratus delapan puluh) orang", "12 (dua belas) bulan"."""
    text = f"{number(n)} ({terbilang(n)})"
    return f"{text} {unit}" if unit else text
