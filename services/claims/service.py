"""Opening a claim, editing its event, choosing its heirs: one transaction each."""

from __future__ import annotations

from datetime import UTC, datetime, tzinfo

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from models import Claim, ClaimHeir, ClaimStatusChange, Worker
from models.base import utc_now
from models.enums import ClaimStatus, ClaimType, HeirRelation, JkkOutcome
from services.claims import records
from services.claims.conflicts import ClaimKey, DuplicateGuard, conflict_problems
from services.claims.death_record import sync_claim_death
from services.claims.detail import eligibility_of, is_death_claim, load_rates, read_detail
from services.claims.heirs_order import FROM_REGISTER
from services.claims.rules import ClaimRules, read_rules
from services.claims.types import ClaimCheck, ClaimDetail, ClaimHeirInput, ClaimInput
from services.claims.validation import (
    clean_heir,
    clean_input,
    event_problems,
    heir_problems,
)
from services.core.context import ServiceContext
from services.core.errors import NotFoundError, Problem, ValidationError
from services.core.follow import follow_now
from services.core.input_rules import err
from services.core.office_time import as_utc
from services.core.permissions import Permission
from services.core.unit_of_work import read_session, unit_of_work
from services.workers.validation import heir_field

_EVENT_FIELDS = tuple(name for name in ClaimInput.__dataclass_fields__ if name != "claim_type")


def check_claim(
    ctx: ServiceContext,
    worker_id: int,
    data: ClaimInput,
    claim_id: int | None = None,
    now: datetime | None = None,
) -> ClaimCheck:
    """Problems and eligibility while the clerk types; nothing is written."""
    ctx.require(Permission.CLAIMS)
    now = as_utc(now or datetime.now(UTC))
    with read_session(ctx) as session:
        rules = read_rules(session)
        cleaned = clean_input(data, rules.zone)
        worker = _worker(session, ctx, worker_id)
        submitted_on = None
        if claim_id is not None:
            submitted_on = session.scalar(select(Claim.submitted_on).where(Claim.id == claim_id))
        problems = _event_and_conflicts(session, worker, cleaned, claim_id, now, rules.zone)
        eligibility = None
        if cleaned.claim_type is not None and cleaned.event_date is not None:
            eligibility = eligibility_of(
                session, cleaned, worker, rules, now, submitted_on=submitted_on
            )
    return ClaimCheck(problems, eligibility)


def worker_heir_choices(ctx: ServiceContext, worker_id: int) -> list[ClaimHeirInput]:
    """The worker's heirs from the register, ready to pick for a claim."""
    ctx.require(Permission.CLAIMS)
    with read_session(ctx) as session:
        return _register_heirs(_worker(session, ctx, worker_id))


def open_claim(
    ctx: ServiceContext,
    worker_id: int,
    data: ClaimInput,
    heirs: list[ClaimHeirInput] | None = None,
    now: datetime | None = None,
) -> ClaimDetail:
    """A new claim in draft. ``heirs`` None: a death claim takes the worker's heirs."""
    ctx.require(Permission.CLAIMS)
    now = as_utc(now or datetime.now(UTC))
    with DuplicateGuard(ctx) as guard, unit_of_work(ctx) as session:
        rules, rates = read_rules(session), load_rates(session)
        cleaned = clean_input(data, rules.zone)
        worker = _worker(session, ctx, worker_id)
        if heirs is None:
            death = cleaned.claim_type is not None and is_death_claim(
                cleaned.claim_type, cleaned.jkk_outcome
            )
            heirs = _register_heirs(worker) if death else []
        chosen = [clean_heir(h) for h in heirs]
        problems = _event_and_conflicts(session, worker, cleaned, None, now, rules.zone)
        problems += _heir_problems(worker, chosen, now, rules.zone)
        record = f"klaim baru {worker.full_name} (NIK {worker.nik})"
        _refuse(problems, record)
        guard.watch(_key(worker, cleaned, None), record)
        claim = Claim(
            worker_id=worker.id,
            claim_type=cleaned.claim_type,
            status=ClaimStatus.DRAFT,
            status_since=now,
            created_by=ctx.user_name,
        )
        _apply_event(claim, cleaned, rules)
        claim.heirs = [_apply_heir(ClaimHeir(), h) for h in chosen]
        records.refresh_derived(session, claim, worker, rules, now, rates)
        records.touch(claim, ctx)
        session.add(claim)
        records.flush(session)
        session.add(
            ClaimStatusChange(
                claim_id=claim.id,
                from_status=None,
                to_status=ClaimStatus.DRAFT,
                changed_at=now,
                changed_by=ctx.user_name,
                note="Klaim dibuka",
            )
        )
        records.flush(session)
        return read_detail(session, ctx, claim.id, rules, now)


def update_claim(
    ctx: ServiceContext,
    claim_id: int,
    data: ClaimInput,
    expected_version: int,
    now: datetime | None = None,
) -> ClaimDetail:
    ctx.require(Permission.CLAIMS)
    now = as_utc(now or datetime.now(UTC))
    with DuplicateGuard(ctx) as guard, unit_of_work(ctx) as session:
        rules, rates = read_rules(session), load_rates(session)
        cleaned = clean_input(data, rules.zone)
        claim, worker = records.load_claim(session, ctx, claim_id, expected_version)
        records.refuse_locked(claim, worker)
        problems = _event_and_conflicts(session, worker, cleaned, claim.id, now, rules.zone)
        if cleaned.claim_type is not claim.claim_type:
            problems.append(
                err(
                    "claim_type_changed",
                    "claim_type",
                    "Jenis klaim tidak dapat diubah. Batalkan klaim ini dan buka klaim baru "
                    "dengan jenis yang benar.",
                )
            )
        _refuse(problems, records.label(claim, worker))
        guard.watch(_key(worker, cleaned, claim.id), records.label(claim, worker))
        _apply_event(claim, cleaned, rules)
        why = f"Tanggal meninggal atau akibat pada klaim #{claim.id} diubah"
        if sync_claim_death(session, ctx, claim, worker, now.astimezone(rules.zone).date(), why):
            follow_now(session, now)
        records.refresh_derived(session, claim, worker, rules, now, rates)
        records.touch(claim, ctx)
        records.flush(session)
        return read_detail(session, ctx, claim.id, rules, now)


def set_heirs(
    ctx: ServiceContext,
    claim_id: int,
    heirs: list[ClaimHeirInput],
    expected_version: int,
    now: datetime | None = None,
) -> ClaimDetail:
    """The claim's heirs as the list given: kept (by id), changed, added or removed."""
    ctx.require(Permission.CLAIMS)
    now = as_utc(now or datetime.now(UTC))
    chosen = [clean_heir(h) for h in heirs]
    with unit_of_work(ctx) as session:
        rules, rates = read_rules(session), load_rates(session)
        claim, worker = records.load_claim(session, ctx, claim_id, expected_version)
        records.refuse_locked(claim, worker)
        _refuse(_heir_problems(worker, chosen, now, rules.zone), records.label(claim, worker))
        existing = {h.id: h for h in claim.heirs}
        claim.heirs = [
            _apply_heir((existing.get(h.id) if h.id is not None else None) or ClaimHeir(), h)
            for h in chosen
        ]
        records.refresh_derived(session, claim, worker, rules, now, rates)
        records.touch(claim, ctx)
        records.flush(session)
        return read_detail(session, ctx, claim.id, rules, now)


# --- internals -----------------------------------------------------------------------------


def _worker(session: Session, ctx: ServiceContext, worker_id: int) -> Worker:
    worker = session.get(Worker, worker_id, options=[selectinload(Worker.heirs)])
    principal = ctx.principal
    if worker is None or (
        principal is not None and not principal.sees_kecamatan(worker.kecamatan_code)
    ):
        raise NotFoundError(
            f"Peserta dengan nomor data {worker_id} tidak ditemukan, atau di luar kecamatan "
            "akun Anda."
        )
    return worker


def _register_heirs(worker: Worker) -> list[ClaimHeirInput]:
    return [
        ClaimHeirInput(
            heir_id=h.id,
            full_name=h.full_name,
            relation=FROM_REGISTER[h.relation],
            nik=h.nik,
            birth_date=h.birth_date,
            phone=h.phone,
            bank_name=h.bank_name,
            bank_account_number=h.bank_account_number,
            bank_account_holder=h.bank_account_holder,
            married_at_death=True if h.relation is HeirRelation.SPOUSE else None,
        )
        for h in worker.heirs
    ]


def _refuse(problems: list[Problem], record: str) -> None:
    if any(p.is_error for p in problems):
        raise ValidationError(problems, record=record)


def _heir_problems(
    worker: Worker, heirs: list[ClaimHeirInput], now: datetime, zone: tzinfo
) -> list[Problem]:
    problems = heir_problems(heirs, worker.nik, now.astimezone(zone).date())
    known = {h.id for h in worker.heirs}
    for index, heir in enumerate(heirs):
        if heir.heir_id is not None and heir.heir_id not in known:
            problems.append(
                err(
                    "heir_not_of_worker",
                    heir_field(index, "heir_id"),
                    f"Ahli waris ke-{index + 1} bukan ahli waris {worker.full_name} di register; "
                    "pilih dari daftar ahli waris peserta atau tambahkan sebagai ahli waris baru.",
                )
            )
    return problems


def _event_and_conflicts(
    session: Session,
    worker: Worker,
    data: ClaimInput,
    claim_id: int | None,
    now: datetime,
    zone: tzinfo,
) -> list[Problem]:
    problems = event_problems(data, worker.birth_date, now, zone)
    if any(p.is_error for p in problems) or data.claim_type is None or data.event_date is None:
        return problems
    return problems + conflict_problems(session, worker, _key(worker, data, claim_id))


def _key(worker: Worker, data: ClaimInput, claim_id: int | None) -> ClaimKey:
    assert data.claim_type is not None and data.event_date is not None
    return ClaimKey(worker.id, data.claim_type, data.event_date, data.jkk_outcome, claim_id)


def _apply_event(claim: Claim, data: ClaimInput, rules: ClaimRules) -> None:
    for name in _EVENT_FIELDS:
        if name == "first_report_at":
            records.set_moment(claim, name, data.first_report_at)
        elif getattr(claim, name) != getattr(data, name):
            setattr(claim, name, getattr(data, name))
    if claim.claim_type is ClaimType.JKK and claim.jkk_outcome is None:
        claim.jkk_outcome = JkkOutcome.TREATMENT
    if claim.reported_income is None:
        claim.reported_income = rules.default_reported_income


def _apply_heir(row: ClaimHeir, data: ClaimHeirInput) -> ClaimHeir:
    for name in (
        "heir_id",
        "full_name",
        "relation",
        "nik",
        "birth_date",
        "phone",
        "address",
        "bank_name",
        "bank_account_number",
        "bank_account_holder",
        "education_level",
        "note",
        "married_at_death",
        "arranged_funeral",
    ):
        if getattr(row, name, None) != getattr(data, name):
            setattr(row, name, getattr(data, name))
    row.updated_at = utc_now()
    return row
