"""Reading claims: one claim whole, and the claims list with its filters and counts."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import ColumnElement, Select, and_, func, or_, select
from sqlalchemy.orm import Session, aliased

from models import Claim, Region
from models.enums import ClaimStatus, ClaimType
from services.claims.detail import (
    deadline_of,
    read_detail,
    report_overdue,
    waiting_documents,
)
from services.claims.eligibility import lapse_check
from services.claims.rules import ClaimRules, read_rules
from services.claims.types import (
    CheckOutcome,
    ClaimDetail,
    ClaimPage,
    ClaimQuery,
    ClaimRow,
    DeadlineState,
)
from services.core.context import ServiceContext
from services.core.office_time import as_utc
from services.core.permissions import Permission
from services.core.unit_of_work import read_session
from services.workers.search import Scope, filters
from services.workers.types import WorkerQuery

MAX_ROWS = 1000
# The list's own columns: all of them public (migration 0006), so viewers read the same.
_LIST_COLUMNS = (
    Claim.id,
    Claim.claim_type,
    Claim.status,
    Claim.status_since,
    Claim.worker_id,
    Claim.event_date,
    Claim.eligible,
    Claim.ineligible_reason,
    Claim.submitted_on,
    Claim.report_deadline_at,
    Claim.first_report_at,
    Claim.created_at,
)


def get_claim(ctx: ServiceContext, claim_id: int, now: datetime | None = None) -> ClaimDetail:
    ctx.require(Permission.READ_WORKERS)
    with read_session(ctx) as session:
        rules = read_rules(session)
        return read_detail(session, ctx, claim_id, rules, now or datetime.now(UTC))


def list_claims(
    ctx: ServiceContext, query: ClaimQuery | None = None, now: datetime | None = None
) -> ClaimPage:
    """Newest first; ``counts_by_status`` counts every status under the other filters."""
    ctx.require(Permission.READ_WORKERS)
    query = query or ClaimQuery()
    now = as_utc(now or datetime.now(UTC))
    with read_session(ctx) as session:
        rules = read_rules(session)
        counted, page = _statements(session, query, Scope.of(ctx.principal), rules, now)
        counts: dict[ClaimStatus, int] = {status: n for status, n in session.execute(counted)}
        rows = session.execute(page).all()
    total = counts.get(query.status, 0) if query.status else sum(counts.values())
    return ClaimPage(
        rows=[_row(r, rules, now) for r in rows],
        total=total,
        counts_by_status={status: counts.get(status, 0) for status in ClaimStatus},
    )


def _statements(
    session: Session, query: ClaimQuery, scope: Scope, rules: ClaimRules, now: datetime
) -> tuple[Select[*tuple[Any, ...]], Select[*tuple[Any, ...]]]:
    """The counts per status (every status) and the page (the status filter too)."""
    src = scope.source
    conditions = _conditions(query, scope, src, rules.waiting_documents_days, now)
    if query.text.strip():
        # The worker list's own search; the kecamatan limits are already in ``conditions``.
        text_only = replace(scope, kecamatan_codes=frozenset())
        conditions += filters(session, WorkerQuery(text=query.text), text_only)
    # The counts need no region names: joining those would cost more than the counting.
    counted = (
        select(Claim.status, func.count())
        .join(src, src.c.id == Claim.worker_id)
        .where(*conditions)
        .group_by(Claim.status)
    )
    if query.status is not None:
        conditions.append(Claim.status == query.status)
    village, kecamatan = aliased(Region), aliased(Region)
    page = (
        select(
            *_LIST_COLUMNS,
            src.c.full_name,
            src.c.nik,
            src.c.kecamatan_code,
            village.name.label("village_name"),
            kecamatan.name.label("kecamatan_name"),
        )
        .join(src, src.c.id == Claim.worker_id)
        .join(village, village.code == src.c.village_code)
        .join(kecamatan, kecamatan.code == src.c.kecamatan_code)
        .where(*conditions)
        .order_by(Claim.id.desc())
        .limit(min(query.limit, MAX_ROWS))
        .offset(query.offset)
    )
    return counted, page


def _conditions(
    query: ClaimQuery, scope: Scope, src: Any, waiting_days: int, now: datetime
) -> list[ColumnElement[bool]]:
    conditions: list[ColumnElement[bool]] = []
    if scope.kecamatan_codes:
        conditions.append(src.c.kecamatan_code.in_(sorted(scope.kecamatan_codes)))
    if query.kecamatan_code:
        conditions.append(src.c.kecamatan_code == query.kecamatan_code)
    if query.claim_type is not None:
        conditions.append(Claim.claim_type == query.claim_type)
    if query.worker_id is not None:
        conditions.append(Claim.worker_id == query.worker_id)
    if query.deadline_state is not None:
        conditions.append(_deadline_condition(query.deadline_state, now))
    if query.waiting_documents_only:
        conditions.append(
            and_(
                Claim.status == ClaimStatus.DRAFT,
                Claim.status_since < now - timedelta(days=waiting_days),
            )
        )
    return conditions


def _deadline_condition(state: DeadlineState, now: datetime) -> ColumnElement[bool]:
    if state is DeadlineState.NOT_APPLICABLE:
        return Claim.claim_type != ClaimType.JKK
    deadline, reported = Claim.report_deadline_at, Claim.first_report_at
    jkk = Claim.claim_type == ClaimType.JKK
    if state is DeadlineState.RUNNING:
        return and_(jkk, reported.is_(None), deadline >= now)
    if state is DeadlineState.ON_TIME:
        return and_(jkk, reported <= deadline)
    return and_(jkk, or_(and_(reported.is_(None), deadline < now), reported > deadline))


def _flags_now(r: Any, rules: ClaimRules, now: datetime) -> tuple[bool, str | None]:
    """The stored flags, with the lapse a claim not yet filed reaches by time alone (the
    stored ones were right when the claim was last written; refresh.py keeps the rest)."""
    if r.submitted_on is not None:
        return r.eligible, r.ineligible_reason
    today = now.astimezone(rules.zone).date()
    _, lapse = lapse_check(r.claim_type, r.event_date, today, rules)
    reason = r.ineligible_reason or ""
    if lapse is None or lapse.outcome is not CheckOutcome.FAIL or lapse.text in reason:
        return r.eligible, r.ineligible_reason
    return False, "; ".join(filter(None, [reason, lapse.text]))


def _row(r: Any, rules: ClaimRules, now: datetime) -> ClaimRow:
    state = deadline_of(r.claim_type, r.report_deadline_at, r.first_report_at, now)
    eligible, reason = _flags_now(r, rules, now)
    return ClaimRow(
        id=r.id,
        claim_type=r.claim_type,
        status=r.status,
        status_since=as_utc(r.status_since),
        worker_id=r.worker_id,
        worker_name=r.full_name,
        worker_nik=r.nik,
        kecamatan_code=r.kecamatan_code,
        kecamatan_name=r.kecamatan_name,
        village_name=r.village_name,
        event_date=r.event_date,
        eligible=eligible,
        ineligible_reason=reason,
        deadline_state=state,
        report_deadline=as_utc(r.report_deadline_at) if r.report_deadline_at else None,
        waiting_documents=waiting_documents(r.status, r.status_since, rules, now),
        report_overdue=report_overdue(r.status, state, r.first_report_at),
        created_at=as_utc(r.created_at),
        zone=rules.zone,
    )
