"""One claim per event, one death per worker: the check that names the claim in the way,
and the same message when the database's unique indexes (migration 0008) refuse a
duplicate that another clerk saved in the same moment."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from models import Claim, Worker
from models.enums import ClaimType, JkkOutcome, WorkerStatus
from services.claims.detail import is_death_claim
from services.claims.labels import CLAIM_STATUS
from services.claims.types import VOIDED
from services.core.context import ServiceContext
from services.core.database_errors import is_unique_violation, pg_constraint_name
from services.core.errors import Problem, ValidationError
from services.core.input_rules import err
from services.core.unit_of_work import read_session
from services.text.formatting import long_date

SAME_EVENT_INDEX = "uq_claim_open_event"
ONE_DEATH_INDEX = "uq_claim_one_death"
# SQLite names the columns of a violated unique index, PostgreSQL the index itself.
_SQLITE_COLUMNS = {
    SAME_EVENT_INDEX: "claim.worker_id, claim.claim_type, claim.event_date",
    ONE_DEATH_INDEX: "claim.worker_id",
}


@dataclass(frozen=True, slots=True)
class ClaimKey:
    """What makes two claims the same: the worker, the type, the event, a death."""

    worker_id: int
    claim_type: ClaimType
    event_date: date
    jkk_outcome: JkkOutcome | None
    claim_id: int | None  # the claim being saved, None while it is new

    @classmethod
    def of(cls, claim: Claim) -> ClaimKey:
        return cls(claim.worker_id, claim.claim_type, claim.event_date, claim.jkk_outcome, claim.id)


def conflict_problems(session: Session, worker: Worker, key: ClaimKey) -> list[Problem]:
    """The other open claim this one would duplicate, if any (at most one problem)."""
    others = session.scalars(
        select(Claim).where(
            Claim.worker_id == key.worker_id,
            Claim.status.not_in(sorted(VOIDED)),
            *([Claim.id != key.claim_id] if key.claim_id is not None else []),
        )
    ).all()
    same_event = [
        c for c in others if c.claim_type is key.claim_type and c.event_date == key.event_date
    ]
    if same_event:
        return [_duplicate(same_event[0])]
    if is_death_claim(key.claim_type, key.jkk_outcome):
        deaths = [c for c in others if is_death_claim(c.claim_type, c.jkk_outcome)]
        if deaths:
            return [_second_death(deaths[0], worker)]
    return []


class DuplicateGuard:
    """Around a whole transaction (outside ``unit_of_work``): a duplicate the indexes
    refused becomes the message the check would have given. The check runs again in a
    fresh transaction, where the other clerk's claim is visible now that it is committed.

    The service calls ``watch`` once it knows what it is about to save."""

    def __init__(self, ctx: ServiceContext) -> None:
        self._ctx = ctx
        self._key: ClaimKey | None = None
        self._record = ""

    def watch(self, key: ClaimKey, record: str) -> None:
        self._key, self._record = key, record

    def __enter__(self) -> DuplicateGuard:
        return self

    def __exit__(self, kind: object, error: BaseException | None, trace: object) -> None:
        if not isinstance(error, IntegrityError) or self._key is None:
            return
        if violated_index(error) is None:
            return
        with read_session(self._ctx) as session:
            worker = session.get(Worker, self._key.worker_id)
            assert worker is not None  # a worker with claims is never deleted
            problems = conflict_problems(session, worker, self._key)
        if problems:
            raise ValidationError(problems, record=self._record) from error


def violated_index(error: IntegrityError) -> str | None:
    """Which of the claim indexes refused the write (None: another constraint)."""
    if not is_unique_violation(error):
        return None
    name = pg_constraint_name(error)
    if name is not None:
        return name if name in _SQLITE_COLUMNS else None
    # SQLite names no index: its message, in a fixed form, lists the index's columns.
    text = str(error.orig).strip()
    for index, columns in _SQLITE_COLUMNS.items():
        if text == f"UNIQUE constraint failed: {columns}":
            return index
    return None


def _duplicate(other: Claim) -> Problem:
    return err(
        "claim_duplicate",
        "event_date",
        f"Peserta ini sudah punya klaim {other.claim_type.upper()} #{other.id} untuk kejadian "
        f"{long_date(other.event_date)} (status {CLAIM_STATUS[other.status]}). Buka klaim itu; "
        "bila klaim itu keliru, batalkan dulu.",
    )


def _second_death(other: Claim, worker: Worker) -> Problem:
    number = f"{other.claim_type.upper()} #{other.id}"
    if worker.status is WorkerStatus.DECEASED:
        text = (
            f"Peserta ini sudah tercatat meninggal ({long_date(worker.status_date)}) melalui "
            f"klaim {number}. Satu kematian hanya satu klaim: buka klaim itu."
        )
    else:
        text = (
            f"Peserta ini sudah punya klaim kematian {number} (status "
            f"{CLAIM_STATUS[other.status]}). Satu kematian hanya satu klaim: buka klaim itu."
        )
    return err("death_already_claimed", "claim_type", text)
