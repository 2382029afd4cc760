"""Paying a death claim, on SQLite and PostgreSQL: from opening to *Dibayar* for each heir
situation, the refusals (wrong person, another holder, another amount) that leave the
claim as it was, and a verifikator's documented approval of another holder."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from models import AuditEntry, Claim, ClaimStatusChange
from models.database import make_engine
from models.enums import ClaimHeirRelation as R
from models.enums import ClaimStatus as S
from models.enums import Role
from services import claims
from services.core.context import ServiceContext
from services.core.errors import ValidationError
from services.core.permissions import PermissionDeniedError, Principal
from tests.conftest import OPERATOR
from tests.integration.claim_helpers import (
    NOW,
    TODAY,
    jkm,
    make_worker,
    receive_everything,
    set_setting,
    step,
)
from tests.integration.test_cli import as_admin, first_admin
from tests.present import present

REF = "JKM/KC-ATB/2025/000777"


def heir(name: str, relation: R, **extra: Any) -> claims.ClaimHeirInput:
    return claims.ClaimHeirInput(
        full_name=name,
        relation=relation,
        bank_name="Bank NTT",
        bank_account_number="00" + str(abs(hash(name)) % 10**8).zfill(8),
        bank_account_holder=name,
        **extra,
    )


def approved_claim(ctx: ServiceContext, heirs: list[claims.ClaimHeirInput]) -> claims.ClaimDetail:
    worker_id = make_worker(ctx)
    detail = claims.open_claim(ctx, worker_id, jkm(), heirs=heirs, now=NOW)
    detail = receive_everything(ctx, detail)
    detail = step(ctx, detail, S.COMPLETE)
    detail = step(ctx, detail, S.SUBMITTED, letter_number="500.15.14.2/9/Nakertrans/X/2025")
    return step(ctx, detail, S.APPROVED, on=TODAY)


def pay(ctx: ServiceContext, detail: claims.ClaimDetail, name: str, **fields: Any):
    recipient = next(h for h in detail.heirs if h.full_name == name)
    values: dict[str, object] = {
        "amount": detail.benefit.total,
        "recipient_heir_id": recipient.id,
        "payment_reference": REF,
    }
    values.update(fields)
    return step(ctx, detail, S.PAID, **values)


def snapshot(ctx: ServiceContext, claim_id: int) -> tuple[object, ...]:
    with ctx.session_factory() as session:
        claim = session.get(Claim, claim_id)
        assert claim is not None
        history = session.scalar(
            select(func.count())
            .select_from(ClaimStatusChange)
            .where(ClaimStatusChange.claim_id == claim_id)
        )
        audit = session.scalar(select(func.count()).select_from(AuditEntry))
        return (claim.status, claim.version, claim.paid_amount, claim.paid_to_name, history, audit)


def entitled(detail: claims.ClaimDetail) -> list[str]:
    return [h.full_name for h in detail.heirs if h.entitled]


def test_spouse_and_children_the_widow_is_paid_into_her_account(ctx: ServiceContext) -> None:
    detail = approved_claim(
        ctx,
        [heir("YOHANES TAEK", R.SPOUSE), heir("ANA TAEK", R.CHILD), heir("IBU BANO", R.PARENT)],
    )
    assert entitled(detail) == ["YOHANES TAEK", "ANA TAEK"]
    paid = pay(ctx, detail, "YOHANES TAEK", account_holder="Yohanis Taek")  # bank's spelling
    assert (paid.status, paid.paid_amount, paid.paid_to_name) == (
        S.PAID,
        42_000_000,
        "YOHANES TAEK",
    )
    assert (paid.paid_bank_name, paid.paid_account_holder, paid.paid_reference) == (
        "Bank NTT",
        "YOHANIS TAEK",
        REF,
    )


def test_parents_only_the_issues_payment_to_a_sibling_is_refused_and_nothing_changes(
    ctx: ServiceContext,
) -> None:
    detail = approved_claim(ctx, [heir("AGUSTINA BANO", R.PARENT), heir("PETRUS TAEK", R.SIBLING)])
    assert entitled(detail) == ["AGUSTINA BANO"]
    before = snapshot(ctx, detail.id)
    with pytest.raises(ValidationError) as refused:
        pay(ctx, detail, "PETRUS TAEK", amount=99_000_000, account_holder="ORANG LAIN")
    codes = {p.code for p in refused.value.problems}
    assert codes == {"recipient_not_entitled", "account_holder_mismatch", "amount_differs_note"}
    message = refused.value.message
    assert "PETRUS TAEK (Saudara kandung) tidak berhak menerima" in message
    assert "yang berhak adalah AGUSTINA BANO (Orang tua)" in message
    assert snapshot(ctx, detail.id) == before
    paid = pay(ctx, detail, "AGUSTINA BANO")
    assert (paid.status, paid.paid_to_name) == (S.PAID, "AGUSTINA BANO")


def test_siblings_only_a_sibling_is_paid(ctx: ServiceContext) -> None:
    detail = approved_claim(
        ctx, [heir("PETRUS TAEK", R.SIBLING), heir("MERTUA SERAN", R.PARENT_IN_LAW)]
    )
    assert entitled(detail) == ["PETRUS TAEK"]
    assert pay(ctx, detail, "PETRUS TAEK").paid_to_name == "PETRUS TAEK"


def test_a_divorced_spouse_is_no_heir_the_children_are_paid(ctx: ServiceContext) -> None:
    detail = approved_claim(
        ctx,
        [heir("YULIANA SERAN", R.SPOUSE, married_at_death=False), heir("ANA TAEK", R.CHILD)],
    )
    assert entitled(detail) == ["ANA TAEK"]
    former = next(h for h in detail.heirs if h.full_name == "YULIANA SERAN")
    assert former.married_at_death is False and not former.entitled
    # No marriage book is asked for a spouse who is no heir.
    assert not next(d for d in detail.documents if d.item_code == "buku_nikah").applicable
    before = snapshot(ctx, detail.id)
    with pytest.raises(ValidationError) as refused:
        pay(ctx, detail, "YULIANA SERAN")
    assert "sudah bercerai dari peserta" in refused.value.message
    assert snapshot(ctx, detail.id) == before
    assert pay(ctx, detail, "ANA TAEK").paid_to_name == "ANA TAEK"


def test_no_heir_the_funeral_cost_goes_to_whoever_arranged_the_funeral(
    ctx: ServiceContext,
) -> None:
    worker_id = make_worker(ctx)
    opened = claims.open_claim(ctx, worker_id, jkm(), heirs=[], now=NOW)
    opened = receive_everything(ctx, opened)
    with pytest.raises(ValidationError) as incomplete:
        step(ctx, opened, S.COMPLETE)
    assert "catat orang yang mengurus pemakaman" in incomplete.value.message
    neighbour = heir("KORNELIS NAHAK", R.OTHER, arranged_funeral=True)
    detail = claims.set_heirs(ctx, opened.id, [neighbour], opened.version, now=NOW)
    assert detail.benefit.total == 10_000_000
    assert [line.code for line in detail.benefit.lines] == ["jkm_biaya_pemakaman"]
    assert any("hanya biaya pemakaman" in note for note in detail.benefit.notes)
    detail = receive_everything(ctx, detail)
    detail = step(ctx, detail, S.COMPLETE)
    detail = step(ctx, detail, S.SUBMITTED, letter_number="500.15.14.2/10/Nakertrans/X/2025")
    detail = step(ctx, detail, S.APPROVED, on=TODAY)
    paid = pay(ctx, detail, "KORNELIS NAHAK")
    assert (paid.paid_amount, paid.paid_to_name) == (10_000_000, "KORNELIS NAHAK")


def test_another_amount_needs_a_note_and_a_holder_needs_a_verifikators_approval(
    ctx: ServiceContext,
) -> None:
    detail = approved_claim(ctx, [heir("ANA TAEK", R.CHILD)])
    guardian = {"account_number": "0077001122", "account_holder": "YOSEF BANO"}
    before = snapshot(ctx, detail.id)
    with pytest.raises(ValidationError) as refused:
        pay(ctx, detail, "ANA TAEK", amount=41_500_000, bank_name="Bank NTT", **guardian)
    assert {p.code for p in refused.value.problems} == {
        "amount_differs_note",
        "account_holder_mismatch",
    }
    assert "atas nama YOSEF BANO, bukan atas nama penerima ANA TAEK" in refused.value.message
    assert snapshot(ctx, detail.id) == before

    # The clerk cannot approve it; a verifikator can, with a documented reason.
    approval = claims.HolderOverride(
        "0077001122", "Yosef Bano", "Wali anak, surat perwalian PN Kefamenanu 12/2025"
    )
    with pytest.raises(PermissionDeniedError):
        claims.approve_holder(ctx, detail.id, approval, detail.version, now=NOW)
    verifier = replace(
        ctx, principal=Principal(user_id=0, username="verif1", full_name="V", role=Role.VERIFIKATOR)
    )
    with pytest.raises(ValidationError) as vague:
        claims.approve_holder(
            verifier, detail.id, replace(approval, reason="ok"), detail.version, now=NOW
        )
    assert "alasan dan dokumen" in vague.value.message
    detail = claims.approve_holder(verifier, detail.id, approval, detail.version, now=NOW)
    assert detail.holder_override is not None and detail.holder_override.by == "verif1"
    paid = pay(
        ctx,
        detail,
        "ANA TAEK",
        amount=41_500_000,
        bank_name="Bank NTT",
        note="BPJS memotong biaya transfer",
        **guardian,
    )
    assert (paid.paid_account_number, paid.paid_account_holder, paid.paid_amount) == (
        "0077001122",
        "YOSEF BANO",
        41_500_000,
    )
    with ctx.session_factory() as session:
        entries = session.scalars(
            select(AuditEntry).where(AuditEntry.entity == "claim", AuditEntry.user_name == "verif1")
        ).all()
    assert len(entries) == 1
    assert json.loads(present(entries[0].changes))["holder_override_holder"] == [None, "YOSEF BANO"]


def test_the_npwp_asks_for_a_document_only_when_the_office_turns_it_on(
    ctx: ServiceContext,
) -> None:
    worker_id = make_worker(ctx)
    detail = claims.open_claim(ctx, worker_id, jkm(), heirs=[heir("ANA TAEK", R.CHILD)], now=NOW)
    assert not next(d for d in detail.documents if d.item_code == "npwp").applicable
    set_setting(ctx, "claims.npwp_required", "ya")
    set_setting(ctx, "claims.npwp_threshold", "40000000")
    shown = claims.get_claim(ctx, detail.id, now=NOW)
    assert next(d for d in shown.documents if d.item_code == "npwp").applicable
    assert date(2025, 10, 10) == shown.event.event_date


def test_the_command_line_says_why_it_refuses_a_payment(tmp_path: Path) -> None:
    first_admin(tmp_path)
    engine = make_engine(f"sqlite:///{tmp_path / 'sirentan.db'}")
    ctx = ServiceContext.for_engine(engine, OPERATOR)
    try:
        detail = approved_claim(
            ctx, [heir("AGUSTINA BANO", R.PARENT), heir("PETRUS TAEK", R.SIBLING)]
        )
    finally:
        engine.dispose()
    sibling = next(h for h in detail.heirs if h.full_name == "PETRUS TAEK")
    parent = next(h for h in detail.heirs if h.full_name == "AGUSTINA BANO")
    number = str(detail.id)
    refused = as_admin(
        *("claims", "status", number, "dibayar", "--heir", str(sibling.id)),
        *("--amount", "99000000", "--bank", "Bank NTT", "--account", "0012345678"),
        *("--holder", "ORANG LAIN", "--reference", REF),
        home=tmp_path,
    )
    assert refused.returncode == 1
    assert "PETRUS TAEK (Saudara kandung) tidak berhak menerima" in refused.stderr
    assert "yang berhak adalah AGUSTINA BANO (Orang tua)" in refused.stderr
    assert "atas nama ORANG LAIN, bukan atas nama penerima PETRUS TAEK" in refused.stderr
    assert "Traceback" not in refused.stderr
    shown = as_admin("claims", "show", number, home=tmp_path).stdout
    assert "Disetujui" in shown and "Dibayar " not in shown
    paid = as_admin(
        *("claims", "status", number, "dibayar", "--heir", str(parent.id)),
        *("--amount", "42000000", "--reference", REF),
        home=tmp_path,
    )
    assert paid.returncode == 0, paid.stderr
    shown = as_admin("claims", "show", number, home=tmp_path).stdout
    assert f"kepada AGUSTINA BANO ke Bank NTT {parent.bank_account_number} a.n. AGUSTINA BANO" in (
        shown
    )
    assert f"ref. BPJS {REF}" in shown
