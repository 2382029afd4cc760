"""The front-desk question: is the person with this NIK or KPJ covered on a day (today)?

The answer is ``services.coverage_history.coverage_on``, the one answer every list,
count and document gives, with its reason in words; an open claim and a recorded
death are mentioned. A number that cannot be a NIK or a KPJ gets "Periksa nomor"
saying what is wrong, never "tidak terdaftar".
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from sqlalchemy import bindparam, select
from sqlalchemy.orm import Session

from models import Claim
from models.enums import ClaimStatus, WorkerStatus
from services import coverage_history
from services.core.context import ServiceContext
from services.core.office_time import office_today, office_today_of
from services.core.permissions import Permission
from services.core.unit_of_work import read_session
from services.text.formatting import long_date
from services.workers.nik import check_nik
from services.workers.regions import RegionDirectory
from services.workers.search import Scope, digits_of, exact_number_condition, filters
from services.workers.types import CoverageResult, WorkerQuery

NIK_LENGTH = 16
KPJ_LENGTH = 11
ASK = "Ketik NIK (16 angka) atau No. KPJ (11 angka) peserta, lalu tekan Enter."
# Claims still on their way: the desk should know before telling someone anything.
_CLOSED_CLAIMS = (ClaimStatus.CLOSED, ClaimStatus.CANCELLED, ClaimStatus.REJECTED)
_OPEN_CLAIM = (
    select(Claim.claim_type, Claim.status, Claim.event_date)
    .where(Claim.worker_id == bindparam("wid"), Claim.status.not_in(_CLOSED_CLAIMS))
    .order_by(Claim.event_date.desc(), Claim.id.desc())
    .limit(1)
)


def number_fault(number: str, regions: RegionDirectory) -> str | None:
    """Why ``number`` (digits only) can be neither a NIK nor a KPJ; None when it can."""
    if len(number) == KPJ_LENGTH:
        return None
    if len(number) != NIK_LENGTH:
        return (
            f"{number} berisi {len(number)} angka; NIK berisi 16 angka dan No. KPJ 11 angka. "
            "Periksa kembali nomor pada KTP atau kartu peserta."
        )
    problems = check_nik(
        number, known_kecamatan=regions.national_kecamatan_codes, home_kabupaten=None
    )
    if problems:
        return problems[0].text
    return None


def check_coverage(
    ctx: ServiceContext, regions: RegionDirectory, text: str, today: date | None = None
) -> CoverageResult:
    """Covered on ``today`` (default: the office's day; any day may be asked)."""
    number = digits_of(text)
    if not number:
        day = today or office_today_of(ctx)
        return CoverageResult(found=False, query=text, message=ASK, day=day, invalid_number=True)
    fault = number_fault(number, regions)
    if fault is not None:
        return CoverageResult(
            found=False,
            query=number,
            message=f"Periksa nomor: {fault}",
            day=today or office_today_of(ctx),
            invalid_number=True,
        )
    ctx.require(Permission.READ_WORKERS)
    scope = Scope.of(ctx.principal)
    src = scope.source
    with read_session(ctx) as session:
        # In the lookup's own session: no second one, and no query once the zone is known.
        office_day = office_today(session)
        day = today or office_day
        conditions = filters(session, WorkerQuery(), scope)
        worker = session.execute(
            select(src).where(exact_number_condition(session, number, scope), *conditions).limit(1)
        ).first()
        if worker is None:
            kind = "NIK" if len(number) == NIK_LENGTH else "No. KPJ"
            return CoverageResult(
                found=False,
                query=number,
                message=f"{kind} {number} tidak terdaftar sebagai peserta.",
                day=day,
            )
        fact = coverage_history.coverage_on(session, worker.id, day)
        claim = _open_claim(session, worker.id)
    notes = [fact.reason]
    if worker.status is WorkerStatus.DECEASED and fact.status is not WorkerStatus.DECEASED:
        notes.append(f"Tercatat meninggal {long_date(worker.status_date)}.")
    if claim is not None:
        notes.append(claim)
    return CoverageResult(
        found=True,
        query=number,
        message=" ".join(notes),
        worker_id=worker.id,
        nik=worker.nik,
        kpj=fact.kpj or worker.kpj,
        full_name=worker.full_name,
        village_name=regions.name(worker.village_code),
        kecamatan_name=regions.name(worker.kecamatan_code),
        status=fact.status,
        funding=fact.funding,
        coverage_start=fact.period_start,
        coverage_end=fact.period_end,
        last_end=fact.last_end,
        next_start=fact.next_start,
        covered_today=fact.covered,
        day=day,
        day_is_today=day == office_day,
        reason=fact.reason,
        not_yet_covered=not fact.covered and fact.next_start is not None and not fact.last_end,
        has_periods=fact.has_periods,
        open_claim=claim,
        deceased_on=worker.status_date if worker.status is WorkerStatus.DECEASED else None,
    )


def _open_claim(session: Session, worker_id: int) -> str | None:
    """One sentence about the worker's newest claim still in progress, if any."""
    from services.claims.labels import CLAIM_STATUS  # claims stay out of the start-up

    row = session.execute(_OPEN_CLAIM, {"wid": worker_id}).first()
    if row is None:
        return None
    event = long_date(row.event_date)
    status = CLAIM_STATUS[row.status].lower()
    kind = str(row.claim_type).upper()
    return f"Ada klaim {kind} yang masih berjalan (kejadian {event}, status {status})."


def period_words(result: CoverageResult, day_text: Callable[[date], str]) -> str:
    """The coverage line under the verdict: the period in force on the day asked, or, when
    none is, when the last one ended and when a planned one begins (never a bare "-" beside
    "Status aktif", which read as covered)."""
    if result.coverage_start is not None:
        end = day_text(result.coverage_end) if result.coverage_end else "seterusnya"
        return f"{day_text(result.coverage_start)} s.d. {end}"
    parts = []
    if result.last_end is not None:
        parts.append(f"berakhir {day_text(result.last_end)}")
    if result.next_start is not None:
        again = " lagi" if parts else ""
        parts.append(f"mulai{again} {day_text(result.next_start)}")
    return ", ".join(parts) or "belum ada periode kepesertaan"
