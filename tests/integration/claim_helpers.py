"""Claims for the integration tests: a fixed clock, workers, and claims brought to a status."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, time
from typing import Any

from models import Setting
from models.enums import AccidentContext, ClaimStatus, ClaimType, HeirRelation
from services import claims
from services.core.context import ServiceContext
from services.workers.service import WorkerService
from services.workers.types import HeirInput
from tests.factories import worker_input

# 10.00 WITA on 20 October 2025: every claim test runs on this clock.
NOW = datetime(2025, 10, 20, 2, 0, tzinfo=UTC)
TODAY = date(2025, 10, 20)
REFERENCE = "JKM/KC-ATB/2025/000123"
PDF = b"%PDF-1.4\n" + bytes(range(256)) * 8 + b"\n%%EOF\n"


def make_worker(ctx: ServiceContext, serial: int = 1, **changes: Any) -> int:
    return WorkerService(ctx).create(worker_input(serial, **changes)).worker.id


def jkm(event: date = date(2025, 10, 10), **changes: Any) -> claims.ClaimInput:
    data = claims.ClaimInput(
        ClaimType.JKM, event, event_place="Desa Aplasi", cause_of_death="Sakit"
    )
    return replace(data, **changes)


def jkk(event: date = date(2025, 10, 19), **changes: Any) -> claims.ClaimInput:
    data = claims.ClaimInput(
        ClaimType.JKK,
        event,
        event_place="Kebun jagung, Desa Aplasi",
        event_time=time(8, 30),
        accident_context=AccidentContext.WORK,
        description="Terjatuh dari pohon asam",
        injuries="Patah kaki kiri",
        treatment_place="RSUD Kefamenanu",
    )
    return replace(data, **changes)


def heir_with_account(name: str = "YOHANES TAEK") -> HeirInput:
    return HeirInput(
        full_name=name,
        relation=HeirRelation.SPOUSE,
        bank_name="Bank NTT",
        bank_account_number="0012345678",
        bank_account_holder=name,
    )


def receive_everything(ctx: ServiceContext, detail: claims.ClaimDetail) -> claims.ClaimDetail:
    for item in detail.missing_documents:
        detail = claims.update_document(
            ctx, detail.id, claims.DocumentUpdate(item.item_code, True, TODAY), now=NOW
        )
    return detail


def step(
    ctx: ServiceContext, detail: claims.ClaimDetail, target: ClaimStatus, **fields: Any
) -> claims.ClaimDetail:
    change = claims.StatusChange(target, **fields)
    return claims.change_status(ctx, detail.id, change, detail.version, now=NOW)


def paid_jkm(ctx: ServiceContext, worker_id: int) -> claims.ClaimDetail:
    """A JKM claim taken through every step to paid."""
    detail = claims.open_claim(ctx, worker_id, jkm(), now=NOW)
    detail = receive_everything(ctx, detail)
    detail = step(ctx, detail, ClaimStatus.COMPLETE)
    detail = step(
        ctx, detail, ClaimStatus.SUBMITTED, letter_number="500.15.14.2/7/Nakertrans/X/2025"
    )
    detail = step(ctx, detail, ClaimStatus.APPROVED, on=TODAY)
    heir = detail.heirs[0]
    return step(
        ctx,
        detail,
        ClaimStatus.PAID,
        amount=42_000_000,
        recipient_heir_id=heir.id,
        payment_reference=REFERENCE,
    )


def set_setting(ctx: ServiceContext, key: str, value: str) -> None:
    """An office setting as an administrator would have saved it."""
    with ctx.session_factory.begin() as session:
        session.merge(Setting(key=key, value=value))
