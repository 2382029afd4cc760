"""The benefit table exactly as migration 0006 seeds it, for tests without a database."""

from __future__ import annotations

import importlib.util
from pathlib import Path

from models.enums import BenefitBasis, EducationLevel
from services.claims.types import RateRow

_MIGRATION = Path(__file__).resolve().parents[2] / "models/migrations/versions/0006_claims.py"


def _seeded() -> list[RateRow]:
    spec = importlib.util.spec_from_file_location("claims_migration", _MIGRATION)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    rows = []
    for index, row in enumerate(module.BENEFITS):
        code, label, condition, basis, *rest = row
        amount, multiplier, minimum, level, max_years = [*rest, None, None, None, None, None][:5]
        rows.append(
            RateRow(
                code=code,
                label=label,
                condition=condition,
                basis=BenefitBasis(basis),
                amount=amount,
                multiplier=multiplier,
                minimum=minimum,
                education_level=EducationLevel(level) if level else None,
                max_years=max_years,
                valid_from=module.PP_82_2019,
                valid_to=None,
                sort_order=(index + 1) * 10,
            )
        )
    return rows


SEEDED_RATES = _seeded()
