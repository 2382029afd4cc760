"""Reading one claim whole: the rows as this clerk may see them (visibility.py) and what
follows from them (eligibility, heirs in order, checklist, benefit estimate, flags)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, aliased

from models import (
    Claim,
    ClaimBenefitRate,
    ClaimChecklistItem,
    ClaimDocument,
    ClaimHeir,
    ClaimStatusChange,
    Region,
)
from models.enums import ClaimHeirRelation, ClaimStatus, ClaimType, JkkOutcome
from services import coverage_history
from services.claims import checklist, heirs_order
from services.claims.benefits import BenefitFacts, Child, estimate
from services.claims.checklist import ChecklistFacts, ChecklistRow, DocumentState
from services.claims.eligibility import (
    ClaimFacts,
    CoverageFacts,
    as_utc,
    assess,
    deadline_state,
)
from services.claims.rules import ClaimRules
from services.claims.types import (
    FINISHED,
    AttachmentInfo,
    BenefitEstimate,
    ClaimDetail,
    ClaimInput,
    DeadlineState,
    Eligibility,
    HeirEntry,
    HistoryEntry,
    HolderOverrideInfo,
    RateRow,
    WorkerSummary,
)
from services.claims.visibility import (
    CLAIM_PUBLIC,
    DOCUMENT_PUBLIC,
    HEIR_PUBLIC,
    columns,
    masked,
    value,
)
from services.claims.workflow import next_steps
from services.core.context import ServiceContext
from services.core.errors import NotFoundError
from services.workers.search import Scope

# A claim still in progress: its first report can still be late, its file still waited for.
_PAST_REPORTING = FINISHED | {ClaimStatus.PAID}


def record_label(claim_type: ClaimType, claim_id: int | None, worker_name: str) -> str:
    number = f" #{claim_id}" if claim_id else ""
    return f"klaim {claim_type.upper()}{number} {worker_name}"


# --- facts from rows (ORM objects or Core rows alike) ---------------------------------------


def claim_coverage(session: Session, worker: Any, event_date: date) -> CoverageFacts:
    """The worker's coverage, funding and status on the event date, from the coverage
    history (``services.coverage_history``), plus their status now."""
    # No autoflush: a claim being edited is written once, with all its changes together.
    with session.no_autoflush:
        periods = coverage_history.periods_of(session, worker.id)
        events = coverage_history.events_of(session, worker.id)
    fact = coverage_history.fact_from(worker.id, event_date, periods, events)
    return CoverageFacts(
        covered=fact.covered,
        coverage_start=_unbroken_start(periods, fact.period_start),
        coverage_end=fact.period_end,
        status=worker.status,
        status_date=worker.status_date,
        funding=fact.funding,
        has_periods=fact.has_periods,
        next_start=fact.next_start,
        last_end=fact.last_end,
    )


def _unbroken_start(
    periods: Sequence[coverage_history.PeriodInfo], start: date | None
) -> date | None:
    """The first day of the run of back-to-back periods that ends with the one starting on
    ``start`` (a change of funding does not restart the membership)."""
    if start is None:
        return None
    ends = {p.end_date: p.start_date for p in periods if not p.empty and p.end_date}
    while (earlier := ends.get(start - timedelta(days=1))) is not None:
        start = earlier
    return start


def is_death_claim(claim_type: ClaimType, outcome: JkkOutcome | None) -> bool:
    return claim_type is ClaimType.JKM or outcome is JkkOutcome.DEATH


def eligibility_of(
    session: Session,
    claim: Any,
    worker: Any,
    rules: ClaimRules,
    now: datetime,
    *,
    submitted_on: date | None,
    premium: tuple[bool, str] | None = None,
) -> Eligibility:
    facts = ClaimFacts(
        claim_type=claim.claim_type,
        event_date=claim.event_date,
        event_time=claim.event_time,
        first_report_at=as_utc(claim.first_report_at) if claim.first_report_at else None,
        filed_on=submitted_on or now.astimezone(rules.zone).date(),
        death_claim=is_death_claim(claim.claim_type, claim.jkk_outcome),
        total_disability=claim.jkk_outcome is JkkOutcome.TOTAL_DISABILITY,
    )
    return assess(facts, claim_coverage(session, worker, claim.event_date), rules, now, premium)


def premium_statement(
    session: Session, worker_id: int, day: date, funding: Any
) -> tuple[bool, str]:
    """Was the event month's premium paid? Funding as on that day (the coverage history)."""
    from services.coverage_history import coverage_on
    from services.premiums.month_paid import PaidState, month_paid

    source = coverage_on(session, worker_id, day).funding or funding
    paid = month_paid(session, source, day)
    return paid.state is PaidState.PAID, paid.statement


def waiting_documents(
    status: ClaimStatus, since: datetime, rules: ClaimRules, now: datetime
) -> bool:
    limit = timedelta(days=rules.waiting_documents_days)
    return status is ClaimStatus.DRAFT and as_utc(now) - as_utc(since) > limit


def report_overdue(status: ClaimStatus, state: DeadlineState, first_report: Any) -> bool:
    return state is DeadlineState.LATE and first_report is None and status not in _PAST_REPORTING


# --- loading -------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Reference:
    checklist: list[ChecklistRow]
    rates: list[RateRow]


def load_checklist(session: Session, claim_type: ClaimType) -> list[ChecklistRow]:
    items = session.scalars(
        select(ClaimChecklistItem).where(ClaimChecklistItem.claim_type == claim_type)
    )
    return [_plain(ChecklistRow, i) for i in items]


def load_rates(session: Session) -> list[RateRow]:
    return [_plain(RateRow, r) for r in session.scalars(select(ClaimBenefitRate))]


def _plain(kind: Any, row: object) -> Any:
    # The reference dataclasses name their fields after the table's columns.
    return kind(**{name: getattr(row, name) for name in kind.__dataclass_fields__})


def load_worker_row(session: Session, ctx: ServiceContext, worker_id: int) -> Any | None:
    """The worker as this clerk may see them (masked NIK for viewers), with region names."""
    scope = Scope.of(ctx.principal)
    src = scope.source
    village, kecamatan = aliased(Region), aliased(Region)
    query = (
        select(src, village.name.label("village_name"), kecamatan.name.label("kecamatan_name"))
        .join(village, village.code == src.c.village_code)
        .join(kecamatan, kecamatan.code == src.c.kecamatan_code)
        .where(src.c.id == worker_id)
    )
    if scope.kecamatan_codes:
        query = query.where(src.c.kecamatan_code.in_(sorted(scope.kecamatan_codes)))
    return session.execute(query).first()


def not_found(claim_id: int) -> NotFoundError:
    return NotFoundError(
        f"Klaim nomor {claim_id} tidak ditemukan, atau pesertanya di luar kecamatan akun Anda."
    )


def read_detail(
    session: Session, ctx: ServiceContext, claim_id: int, rules: ClaimRules, now: datetime
) -> ClaimDetail:
    hide = masked(ctx)
    claim = session.execute(
        select(*columns(Claim, CLAIM_PUBLIC, hide)).where(Claim.id == claim_id)
    ).first()
    if claim is None:
        raise not_found(claim_id)
    worker = load_worker_row(session, ctx, claim.worker_id)
    if worker is None:
        raise not_found(claim_id)
    heir_rows = session.execute(
        select(*columns(ClaimHeir, HEIR_PUBLIC, hide)).where(ClaimHeir.claim_id == claim_id)
    ).all()
    document_rows = session.execute(
        select(*columns(ClaimDocument, DOCUMENT_PUBLIC, hide)).where(
            ClaimDocument.claim_id == claim_id
        )
    ).all()
    history = session.scalars(
        select(ClaimStatusChange)
        .where(ClaimStatusChange.claim_id == claim_id)
        .order_by(ClaimStatusChange.id)
    ).all()
    reference = Reference(load_checklist(session, claim.claim_type), load_rates(session))
    premium = premium_statement(session, worker.id, claim.event_date, worker.funding)
    eligibility = eligibility_of(
        session, claim, worker, rules, now, submitted_on=claim.submitted_on, premium=premium
    )
    return _compose(
        ctx, claim, worker, heir_rows, document_rows, history, reference, rules, now, eligibility
    )


# --- composing -----------------------------------------------------------------------------


def heir_entries(rows: Sequence[Any]) -> list[HeirEntry]:
    return [
        HeirEntry(
            id=r.id,
            heir_id=r.heir_id,
            full_name=r.full_name,
            relation=r.relation,
            priority=heirs_order.rank(r),
            entitled=heirs_order.is_entitled(r, rows),
            nik=value(r, "nik"),
            birth_date=r.birth_date,
            phone=value(r, "phone"),
            address=value(r, "address"),
            bank_name=value(r, "bank_name"),
            bank_account_number=value(r, "bank_account_number"),
            bank_account_holder=value(r, "bank_account_holder"),
            education_level=r.education_level,
            note=value(r, "note"),
            married_at_death=r.married_at_death,
            arranged_funeral=bool(r.arranged_funeral),
        )
        for r in heirs_order.ordered(rows)
    ]


def benefit_of(
    claim: Any,
    eligibility: Eligibility,
    heirs: Sequence[HeirEntry | ClaimHeir],
    rates: Sequence[RateRow],
    rules: ClaimRules,
) -> BenefitEstimate:
    children = tuple(
        Child(h.full_name, h.education_level, h.birth_date)
        for h in heirs
        if h.relation is ClaimHeirRelation.CHILD and h.education_level is not None
    )
    death = is_death_claim(claim.claim_type, claim.jkk_outcome)
    facts = BenefitFacts(
        claim_type=claim.claim_type,
        event_date=claim.event_date,
        jkk_outcome=claim.jkk_outcome,
        reduced=eligibility.reduced_benefit,
        scholarship_open=eligibility.scholarship_open,
        reported_income=claim.reported_income or rules.default_reported_income,
        disability_percent=value(claim, "disability_percent"),
        children=children,
        scholarship_case=(
            claim.jkk_outcome is JkkOutcome.TOTAL_DISABILITY
            and rules.jkk_scholarship_total_disability
        ),
        funeral_only=death and funeral_route(heirs),
    )
    return estimate(rates, facts, rules)


def funeral_route(heirs: Sequence[Any]) -> bool:
    """No entitled heir, and someone recorded as having arranged the funeral."""
    return heirs_order.entitled_priority(heirs) is None and any(h.arranged_funeral for h in heirs)


def checklist_facts(
    claim: Any, heirs: Sequence[HeirEntry], benefit: BenefitEstimate, rules: ClaimRules
) -> ChecklistFacts:
    return ChecklistFacts(
        death=is_death_claim(claim.claim_type, claim.jkk_outcome),
        spouse_heir=any(
            h.relation is ClaimHeirRelation.SPOUSE and not heirs_order.divorced(h) for h in heirs
        ),
        scholarship=any(line.code.startswith("beasiswa") for line in benefit.lines),
        above_npwp=rules.npwp_required and benefit.total > rules.npwp_threshold,
        traffic=bool(claim.traffic_accident),
    )


def document_state(row: Any) -> DocumentState:
    size = value(row, "file_size")
    attachment = None
    if size is not None:
        attachment = AttachmentInfo(
            file_name=value(row, "file_name"),
            content_type=row.content_type,
            size=size,
            sha256=value(row, "file_sha256"),
            attached_at=row.attached_at,
        )
    return DocumentState(
        row.item_code, row.received, row.received_on, value(row, "note"), attachment
    )


def _event(claim: Any) -> ClaimInput:
    fields = ClaimInput.__dataclass_fields__
    data = {name: value(claim, name) for name in fields}
    data["traffic_accident"] = bool(data["traffic_accident"])
    if data["first_report_at"] is not None:
        # Aware: a naive moment handed back to update_claim would be read on the office clock.
        data["first_report_at"] = as_utc(data["first_report_at"])
    return ClaimInput(**data)


def _worker_summary(worker: Any) -> WorkerSummary:
    return WorkerSummary(
        id=worker.id,
        nik=worker.nik,
        kpj=worker.kpj,
        full_name=worker.full_name,
        birth_date=worker.birth_date,
        gender=worker.gender,
        village_name=worker.village_name,
        kecamatan_code=worker.kecamatan_code,
        kecamatan_name=worker.kecamatan_name,
        funding=worker.funding,
        status=worker.status,
        status_date=worker.status_date,
        coverage_start=worker.coverage_start,
        coverage_end=worker.coverage_end,
    )


def _compose(
    ctx: ServiceContext,
    claim: Any,
    worker: Any,
    heir_rows: Sequence[Any],
    document_rows: Sequence[Any],
    history: Sequence[ClaimStatusChange],
    reference: Reference,
    rules: ClaimRules,
    now: datetime,
    eligibility: Eligibility,
) -> ClaimDetail:
    heirs = heir_entries(heir_rows)
    benefit = benefit_of(claim, eligibility, heirs, reference.rates, rules)
    states = {r.item_code: document_state(r) for r in document_rows}
    facts = checklist_facts(claim, heirs, benefit, rules)
    documents = checklist.build(reference.checklist, states, facts)
    state = eligibility.deadline_state
    return ClaimDetail(
        id=claim.id,
        version=claim.version,
        claim_type=claim.claim_type,
        status=claim.status,
        status_since=as_utc(claim.status_since),
        event=_event(claim),
        worker=_worker_summary(worker),
        eligibility=eligibility,
        heirs=tuple(heirs),
        documents=tuple(documents),
        benefit=benefit,
        history=tuple(
            HistoryEntry(
                as_utc(h.changed_at),
                h.changed_by,
                h.from_status,
                h.to_status,
                h.step_back,
                h.note,
                rules.zone,
            )
            for h in history
        ),
        submitted_on=claim.submitted_on,
        letter_number=claim.letter_number,
        letter_date=claim.letter_date,
        decided_on=claim.decided_on,
        decision_note=value(claim, "decision_note"),
        paid_on=claim.paid_on,
        paid_amount=claim.paid_amount,
        paid_to_name=claim.paid_to_name,
        paid_bank_name=value(claim, "paid_bank_name"),
        paid_account_number=value(claim, "paid_account_number"),
        paid_account_holder=value(claim, "paid_account_holder"),
        paid_reference=value(claim, "paid_reference"),
        paid_to_heir_id=value(claim, "paid_to_heir_id"),
        holder_override=_holder_override(claim),
        waiting_documents=waiting_documents(claim.status, claim.status_since, rules, now),
        report_overdue=report_overdue(claim.status, state, claim.first_report_at),
        next_steps=next_steps(claim.status, ctx.principal),
        identity_hidden=masked(ctx),
        created_at=as_utc(claim.created_at),
        created_by=claim.created_by,
        zone=rules.zone,
    )


def _holder_override(claim: Any) -> HolderOverrideInfo | None:
    account = value(claim, "holder_override_account")
    if not account:
        return None
    at = value(claim, "holder_override_at")
    return HolderOverrideInfo(
        account_number=account,
        account_holder=value(claim, "holder_override_holder") or "",
        reason=value(claim, "holder_override_reason") or "",
        by=value(claim, "holder_override_by"),
        at=as_utc(at) if at else None,
    )


def deadline_of(
    claim_type: ClaimType, deadline: Any, first_report: Any, now: datetime
) -> DeadlineState:
    if claim_type is not ClaimType.JKK:
        return DeadlineState.NOT_APPLICABLE
    return deadline_state(deadline, first_report, now)
