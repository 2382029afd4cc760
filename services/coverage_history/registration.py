"""Who needs registering with BPJS: THE selection behind both the surat pengantar
pendaftaran peserta baru and BPJS's collective registration export, so the letter and the
list sent with it name the same workers.

A worker needs registering on day D when a period covering D (``covering``: not ended,
inactive or deceased that day) is paid from one of the sources the district pays, has no
KPJ, and the worker has no KPJ from an earlier period either (BPJS gives a person one
KPJ for life); optionally that period began in the letter's period [first, last].
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import date
from typing import Any

from sqlalchemy import Alias, ColumnElement, literal, or_
from sqlalchemy.orm import QueryableAttribute

from models.enums import FundingSource
from services.coverage_history.sql import covering


def needs_registering(
    p: Alias,
    worker_id: ColumnElement[Any] | QueryableAttribute[Any],
    worker_kpj: ColumnElement[Any] | QueryableAttribute[Any],
    day: date,
    paid: Collection[FundingSource],
    started_from: date | None = None,
    started_to: date | None = None,
) -> list[ColumnElement[bool]]:
    """The conditions joining period ``p`` (``periods()``) to a worker who needs
    registering on ``day``; use them as the join's ON clause (each worker at most once:
    periods never overlap)."""
    conditions = [
        covering(p, worker_id, day),
        p.c.funding.in_([f.value for f in paid]) if paid else literal(False),
        p.c.kpj.is_(None),
        or_(worker_kpj.is_(None), worker_kpj == ""),
    ]
    if started_from is not None:
        conditions.append(p.c.start_date >= started_from)
    if started_to is not None:
        conditions.append(p.c.start_date <= started_to)
    return conditions
