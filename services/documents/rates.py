"""Premium per worker per month (JKK, JKM) and the funding sources the district pays.

For now from the settings ``premium.jkk_monthly`` and ``premium.jkm_monthly``
(Rp10,000 and Rp6,800: the lowest income band, domain README section 2).
When the rates table of the premiums work (issue 8) exists, ``premium_rates``
is the one function to point at it: every document reads rates through here.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation

from models.enums import FundingSource
from services.errors import Problem, ValidationError


@dataclass(frozen=True, slots=True)
class PremiumRates:
    jkk: Decimal
    jkm: Decimal

    @property
    def total(self) -> Decimal:
        return self.jkk + self.jkm


def premium_rates(values: dict[str, str], on: date) -> PremiumRates:
    """The monthly rates in force on ``on`` (the settings have no validity dates yet)."""
    return PremiumRates(
        jkk=_amount(values, "premium.jkk_monthly", "iuran JKK"),
        jkm=_amount(values, "premium.jkm_monthly", "iuran JKM"),
    )


def paid_funding_sources(values: dict[str, str]) -> list[FundingSource]:
    key = "agreement.funding_sources"
    codes = [c.strip() for c in values[key].split(",") if c.strip()]
    known = {f.value for f in FundingSource}
    if not codes or any(c not in known for c in codes):
        raise ValidationError(
            [
                Problem(
                    "funding_setting",
                    key,
                    f"Pengaturan {key} ('{values[key]}') harus berisi kode sumber dana yang "
                    f"dipisah koma: {', '.join(sorted(known))}.",
                )
            ],
            record="pengaturan",
        )
    return [FundingSource(c) for c in codes]


def _amount(values: dict[str, str], key: str, label: str) -> Decimal:
    try:
        amount = Decimal(values[key].strip().replace(".", "").replace(",", "."))
    except InvalidOperation:
        amount = Decimal(-1)
    if amount < 0 or amount != amount.to_integral_value():
        raise ValidationError(
            [
                Problem(
                    "rate_setting",
                    key,
                    f"Besar {label} per orang per bulan di pengaturan {key} ('{values[key]}') "
                    "harus angka rupiah utuh, mis. 10000.",
                )
            ],
            record="pengaturan",
        )
    return amount
