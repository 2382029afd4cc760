"""Premium per worker per month (JKK, JKM) and the funding sources the district pays.

Rates come from the premiums rates table (issue 8, ``services.premiums``), the
same figures the monthly premium and the bills use; every document reads
rates through ``premium_rates``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from models.enums import FundingSource
from services.core.context import ServiceContext
from services.core.errors import Problem, ValidationError
from services.settings.catalog import SPECS, where


@dataclass(frozen=True, slots=True)
class PremiumRates:
    jkk: Decimal
    jkm: Decimal

    @property
    def total(self) -> Decimal:
        return self.jkk + self.jkm


def premium_rates(
    ctx: ServiceContext, on: date, funding: FundingSource = FundingSource.APBD_KABUPATEN
) -> PremiumRates:
    """The monthly rates in force on ``on`` for the district's own budget."""
    # Imported here: services.premiums formats money with services.text.money.
    from services.premiums.rates import rate_on

    rate = rate_on(ctx, funding, on)
    return PremiumRates(jkk=Decimal(rate.jkk), jkm=Decimal(rate.jkm))


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
                    f"{SPECS[key].label} ('{values[key]}', {where(key)}) harus berisi kode "
                    "sumber dana yang "
                    f"dipisah koma: {', '.join(sorted(known))}.",
                )
            ],
            record="pengaturan",
        )
    return [FundingSource(c) for c in codes]
