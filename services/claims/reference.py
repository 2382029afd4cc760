"""The two editable tables the claims work from: the document checklist per claim type and
the benefit table with validity dates. Rows are saved by their key (claim type and code;
code and valid-from date); a row is retired by ``active=False`` or an end date, never
deleted, so older claims still find what applied to them."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from models import ClaimBenefitRate, ClaimChecklistItem
from models.base import utc_now
from models.enums import BenefitBasis, ClaimType
from services.claims import benefits, checklist
from services.claims.checklist import ChecklistRow
from services.claims.detail import load_checklist, load_rates
from services.claims.types import RateRow
from services.core.context import ServiceContext
from services.core.errors import Problem, ValidationError
from services.core.input_rules import clean_text, err
from services.core.permissions import Permission
from services.core.unit_of_work import read_session, unit_of_work
from services.text.formatting import long_date

_CODE = re.compile(r"^[a-z0-9_]{2,40}$")
_NEEDS_AMOUNT = {BenefitBasis.FIXED, BenefitBasis.CEILING, BenefitBasis.PER_YEAR}
_NEEDS_MULTIPLIER = {BenefitBasis.INCOME_MULTIPLE, BenefitBasis.MONTHLY_INCOME}


def list_checklist(ctx: ServiceContext, claim_type: ClaimType) -> list[ChecklistRow]:
    ctx.require(Permission.READ_WORKERS)
    with read_session(ctx) as session:
        rows = load_checklist(session, claim_type)
    return sorted(rows, key=lambda r: r.sort_order)


def list_benefit_rates(ctx: ServiceContext) -> list[RateRow]:
    ctx.require(Permission.READ_WORKERS)
    with read_session(ctx) as session:
        rows = load_rates(session)
    return sorted(rows, key=lambda r: (r.sort_order, r.valid_from))


def save_checklist_item(ctx: ServiceContext, item: ChecklistRow) -> ChecklistRow:
    ctx.require(Permission.MANAGE_SETTINGS)
    item = replace(
        item,
        code=item.code.strip(),
        label=clean_text(item.label) or "",
        hint=clean_text(item.hint),
        condition=" ".join(item.condition.split()),
    )
    problems = _code_problems(item.code) + _label_problems(item.label)
    unknown = checklist.unknown_conditions(item.condition)
    if unknown:
        problems.append(
            err(
                "condition_unknown",
                "condition",
                f"Syarat tidak dikenal: {', '.join(unknown)}. Gunakan: "
                f"{', '.join(checklist.CONDITIONS)} (atau kosong: selalu).",
            )
        )
    if problems:
        raise ValidationError(problems, record=f"dokumen klaim {item.code}")
    with unit_of_work(ctx) as session:
        row = session.scalar(
            select(ClaimChecklistItem).where(
                ClaimChecklistItem.claim_type == item.claim_type,
                ClaimChecklistItem.code == item.code,
            )
        ) or ClaimChecklistItem(claim_type=item.claim_type, code=item.code)
        for name in ("label", "hint", "condition", "required", "sort_order", "active"):
            setattr(row, name, getattr(item, name))
        row.updated_at = utc_now()
        row.updated_by = ctx.user_name
        session.add(row)
    return item


def save_benefit_rate(ctx: ServiceContext, rate: RateRow) -> RateRow:
    ctx.require(Permission.MANAGE_SETTINGS)
    rate = replace(rate, code=rate.code.strip(), label=clean_text(rate.label) or "")
    problems = _code_problems(rate.code) + _label_problems(rate.label) + _rate_problems(rate)
    if problems:
        raise ValidationError(problems, record=f"manfaat {rate.code}")
    with unit_of_work(ctx) as session:
        row = session.scalar(
            select(ClaimBenefitRate).where(
                ClaimBenefitRate.code == rate.code, ClaimBenefitRate.valid_from == rate.valid_from
            )
        ) or ClaimBenefitRate(code=rate.code, valid_from=rate.valid_from)
        _refuse_overlap(session, rate, ctx.user_name)
        for name in (
            "label",
            "condition",
            "basis",
            "amount",
            "multiplier",
            "minimum",
            "education_level",
            "max_years",
            "valid_to",
            "sort_order",
            "funeral",
            "source",
        ):
            setattr(row, name, getattr(rate, name))
        row.updated_at = utc_now()
        row.updated_by = ctx.user_name
        session.add(row)
        session.flush()
        # The open claims' stored estimates follow the table at the commit (core/follow.py).
    return rate


def _refuse_overlap(session: Session, rate: RateRow, user: str | None) -> None:
    """Two rows of one code valid on the same day would both be counted. A new row takes
    over from an earlier open-ended one (which then ends the day before); any other
    overlap is for the administrator to settle."""
    others = session.scalars(
        select(ClaimBenefitRate)
        .where(ClaimBenefitRate.code == rate.code, ClaimBenefitRate.valid_from != rate.valid_from)
        .order_by(ClaimBenefitRate.valid_from)
    ).all()
    for other in others:
        if other.valid_from < rate.valid_from and other.valid_to is None:
            other.valid_to = rate.valid_from - timedelta(days=1)
            other.updated_at = utc_now()
            other.updated_by = user
    clash = next((o for o in others if _overlaps(o, rate)), None)
    if clash is None:
        return
    until = long_date(clash.valid_to) if clash.valid_to else "seterusnya"
    raise ValidationError(
        [
            err(
                "validity_overlap",
                "valid_to" if clash.valid_from > rate.valid_from else "valid_from",
                f"Baris {rate.code} lain sudah berlaku {long_date(clash.valid_from)} s.d. "
                f"{until}; masa berlaku tidak boleh bertumpang. Ubah tanggal berlaku salah "
                "satunya.",
            )
        ],
        record=f"manfaat {rate.code}",
    )


def _overlaps(row: ClaimBenefitRate, rate: RateRow) -> bool:
    ends = [d for d in (row.valid_to, rate.valid_to) if d is not None]
    return max(row.valid_from, rate.valid_from) <= min(ends, default=date.max)


def _code_problems(code: str) -> list[Problem]:
    if _CODE.match(code):
        return []
    return [
        err(
            "code_invalid",
            "code",
            "Kode hanya huruf kecil, angka dan garis bawah (2–40 karakter), mis. akta_kematian.",
        )
    ]


def _label_problems(label: str) -> list[Problem]:
    return [] if label else [err("label_empty", "label", "Nama wajib diisi.")]


def _rate_problems(rate: RateRow) -> list[Problem]:
    problems = []
    if rate.condition not in benefits.CONDITIONS:
        problems.append(
            err(
                "condition_unknown",
                "condition",
                f"Syarat '{rate.condition}' tidak dikenal. Gunakan salah satu: "
                f"{', '.join(benefits.CONDITIONS)}.",
            )
        )
    if rate.basis in _NEEDS_AMOUNT and not (rate.amount and rate.amount > 0):
        problems.append(err("amount_empty", "amount", "Jumlah (Rp) wajib diisi, lebih dari 0."))
    if rate.basis in _NEEDS_MULTIPLIER and not (rate.multiplier and rate.multiplier > 0):
        problems.append(
            err("multiplier_empty", "multiplier", "Pengali penghasilan wajib diisi, lebih dari 0.")
        )
    if rate.basis is BenefitBasis.PER_YEAR and rate.education_level is None:
        problems.append(
            err("level_empty", "education_level", "Beasiswa per tahun perlu jenjang sekolah.")
        )
    if rate.valid_to is not None and rate.valid_to < rate.valid_from:
        problems.append(
            err(
                "validity_order",
                "valid_to",
                "Tanggal akhir berlaku tidak boleh sebelum tanggal mulai berlaku.",
            )
        )
    return problems
