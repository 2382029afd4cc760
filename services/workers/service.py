"""The worker register: every clerk action on a worker is one call here, one transaction."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from operator import itemgetter
from typing import Any

from sqlalchemy import exc as sa_exc
from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload
from sqlalchemy.orm.exc import StaleDataError

import services.workers.search as worker_search
from models import CoveragePeriod, Heir, Occupation, Worker
from models.base import utc_now
from models.enums import CoverageSource, WorkerStatus
from models.text_keys import name_key, name_phonetic
from services import coverage_history
from services.audit.trail import Action, record_event, set_note
from services.core.context import ServiceContext
from services.core.database_errors import is_unique_violation
from services.core.errors import (
    ConflictError,
    NotFoundError,
    Problem,
    ReferencedError,
    ValidationError,
)
from services.core.input_rules import err
from services.core.office_time import office_today, office_today_of
from services.core.permissions import Permission
from services.core.unit_of_work import read_session, unit_of_work
from services.coverage_history import clerk
from services.workers import fields
from services.workers.occupations import OccupationItem, list_occupations
from services.workers.regions import RegionDirectory
from services.workers.types import (
    CoverageHistory,
    HeirDetail,
    HeirInput,
    PeriodInput,
    SaveResult,
    WorkerDetail,
    WorkerInput,
    WorkerPage,
    WorkerQuery,
    WorkerRow,
)
from services.workers.validation import validate_worker


class WorkerService:
    def __init__(self, ctx: ServiceContext, regions: RegionDirectory | None = None) -> None:
        self._ctx = ctx
        self.regions = regions or RegionDirectory(ctx)
        self._occupations: list[OccupationItem] | None = None
        self._occupation_by_id: dict[int, str] | None = None

    def office_today(self) -> date:
        """The office's day (screens holding only this service take their default dates
        from it)."""
        return office_today_of(self._ctx)

    # -- reference data -------------------------------------------------------

    def occupations(self) -> list[OccupationItem]:
        if self._occupations is None:
            self._occupations = list_occupations(self._ctx)
        return self._occupations

    # -- checks ---------------------------------------------------------------

    def check(self, data: WorkerInput, worker_id: int | None = None) -> list[Problem]:
        """Every problem with the input, as the form shows it while the clerk types."""
        self._ctx.require(Permission.EDIT_WORKERS)
        with read_session(self._ctx) as session:
            cleaned = self._validate(data, session)
            return cleaned.problems + self._duplicate_problems(session, cleaned.data, worker_id)

    # -- reads ----------------------------------------------------------------

    def get(self, worker_id: int) -> WorkerDetail:
        principal = self._ctx.require(Permission.READ_WORKERS)
        with read_session(self._ctx) as session:
            if principal.masks_identity:
                return self._masked_detail(session, worker_id)
            worker = self._load(session, worker_id)
            return self._detail(worker, worker.heirs)

    def coverage_history(self, worker_id: int) -> CoverageHistory:
        """The worker's coverage periods and status events, oldest first."""
        self._ctx.require(Permission.READ_WORKERS)
        with read_session(self._ctx) as session:
            if self._ctx.principal is not None and self._ctx.principal.masks_identity:
                self._masked_detail(session, worker_id)  # visible to this clerk at all?
            else:
                self._load(session, worker_id)
            return CoverageHistory(
                tuple(coverage_history.periods_of(session, worker_id)),
                tuple(coverage_history.events_of(session, worker_id)),
            )

    def search(self, query: WorkerQuery) -> WorkerPage:
        self._ctx.require(Permission.READ_WORKERS)
        with read_session(self._ctx) as session:
            rows, total, exact = worker_search.search(session, query, self._scope())
            day = office_today(session)  # no query once the zone is known
        return WorkerPage(self._page_rows(rows), total, exact, day)

    def count(self, query: WorkerQuery) -> int:
        """The exact number of matches, however many."""
        self._ctx.require(Permission.READ_WORKERS)
        scope = self._scope()
        with read_session(self._ctx) as session:
            conditions = worker_search.filters(session, query, scope)
            return worker_search.count(session, conditions, None, scope.source)[0]

    def reveal_identity(self, worker_id: int) -> tuple[str, str | None]:
        """The whole NIK and No. KK; when the clerk normally sees them masked, recorded."""
        principal = self._ctx.require(Permission.READ_WORKERS)
        with unit_of_work(self._ctx) as session:
            if principal.masks_identity and not self._ctx.is_sqlite:
                # The database records the access itself; the viewer's role cannot skip it.
                row = session.execute(
                    select(
                        func.sirentan_reveal_identity(
                            worker_id, self._ctx.workstation
                        ).table_valued("nik", "kk_number")
                    )
                ).first()
                if row is None:
                    raise self._not_found(worker_id)
                return row.nik, row.kk_number
            worker = self._load(session, worker_id)
            if principal.masks_identity:
                record_event(session, Action.ACCESS, "worker", worker.id, "NIK dibuka")
            return worker.nik, worker.kk_number

    # -- writes ---------------------------------------------------------------

    def create(self, data: WorkerInput) -> SaveResult:
        self._ctx.require(Permission.EDIT_WORKERS)
        with unit_of_work(self._ctx) as session:
            cleaned = self._validate(data, session)
            self._refuse(session, cleaned.data, cleaned.problems, worker_id=None)
            worker = Worker(status=WorkerStatus.ACTIVE, created_by=self._ctx.user_name)
            self._apply(session, worker, cleaned.data)
            # The cache of the period opened below, so the new row is written once.
            worker.coverage_start = cleaned.data.coverage_start
            worker.coverage_end = cleaned.data.coverage_end if worker.coverage_start else None
            session.add(worker)
            self._flush(session, cleaned.data)
            self._save_current_period(session, worker, cleaned.data)
            detail = self._detail(worker, worker.heirs)
        return SaveResult(detail, cleaned.warnings)

    def update(self, worker_id: int, data: WorkerInput, expected_version: int) -> SaveResult:
        self._ctx.require(Permission.EDIT_WORKERS)
        with unit_of_work(self._ctx) as session:
            cleaned = self._validate(data, session)
            worker = self._load(session, worker_id, expected_version)
            self._refuse(session, cleaned.data, cleaned.problems, worker_id=worker_id)
            self._apply(session, worker, cleaned.data)
            self._flush(session, cleaned.data, worker_id)
            self._save_current_period(session, worker, cleaned.data)
            self._flush(session, None)  # the period's cache moves the version the form gets
            detail = self._detail(worker, worker.heirs)
        return SaveResult(detail, cleaned.warnings)

    def change_status(
        self,
        worker_id: int,
        status: WorkerStatus,
        expected_version: int,
        reason: str | None = None,
        status_date: date | None = None,
        today: date | None = None,
    ) -> WorkerDetail:
        """A status change through the coverage history (``record_status``): periods
        follow it. Reactivation without a date takes effect today (the office's day)."""
        self._ctx.require(Permission.EDIT_WORKERS)
        with unit_of_work(self._ctx) as session:
            today = today or office_today(session)
            if status is WorkerStatus.ACTIVE and status_date is None:
                status_date = today
            worker = self._load(session, worker_id, expected_version)
            coverage_history.record_status(
                session,
                worker,
                status,
                status_date,
                reason,
                CoverageSource.CLERK,
                self._ctx.user_name,
                today=today,
            )
            self._flush(session, None)
            return self._detail(worker, worker.heirs)

    def cancel_status(
        self, worker_id: int, event_id: int, reason: str, expected_version: int
    ) -> WorkerDetail:
        """Cancel the worker's latest status change (entered by mistake); coverage returns."""
        self._ctx.require(Permission.EDIT_WORKERS)
        with unit_of_work(self._ctx) as session:
            worker = self._load(session, worker_id, expected_version)
            coverage_history.cancel_status_event(
                session, event_id, reason, self._ctx.user_name, worker=worker
            )
            self._flush(session, None)
            return self._detail(worker, worker.heirs)

    # -- coverage periods: each one transaction, audited, the worker's version checked -----

    def add_period(
        self, worker_id: int, period: PeriodInput, expected_version: int, today: date | None = None
    ) -> WorkerDetail:
        """A clerk's new period (a worker's earlier or next coverage)."""
        self._ctx.require(Permission.EDIT_WORKERS)
        with unit_of_work(self._ctx) as session:
            worker = self._load(session, worker_id, expected_version)
            kpj = (period.kpj or "").strip() or None
            day = today or office_today(session)
            clerk.check_period(worker, period.start, period.end, kpj, day)
            coverage_history.open_period(
                session, worker, period.start, period.end,
                funding=period.funding, kpj=kpj, actor=self._ctx.user_name,
            )  # fmt: skip
            return self._after_coverage_change(session, worker)

    def change_period(
        self,
        worker_id: int,
        period_id: int,
        period: PeriodInput,
        expected_version: int,
        today: date | None = None,
    ) -> WorkerDetail:
        """Correct one period's dates, funding or KPJ."""
        self._ctx.require(Permission.EDIT_WORKERS)
        with unit_of_work(self._ctx) as session:
            worker = self._load(session, worker_id, expected_version)
            stored = self._period(session, worker, period_id)
            kpj = (period.kpj or "").strip() or None
            moved = period.start != stored.start_date
            day = today or office_today(session)
            clerk.check_period(worker, period.start, period.end, kpj, day, new=moved)
            coverage_history.change_period(
                session, worker, stored, start=period.start, end=period.end,
                funding=period.funding, kpj=kpj, actor=self._ctx.user_name,
            )  # fmt: skip
            return self._after_coverage_change(session, worker)

    def end_period(
        self, worker_id: int, period_id: int, end: date | None, expected_version: int
    ) -> WorkerDetail:
        """End a period on ``end``, its last covered day."""
        self._ctx.require(Permission.EDIT_WORKERS)
        with unit_of_work(self._ctx) as session:
            worker = self._load(session, worker_id, expected_version)
            stored = self._period(session, worker, period_id)
            if end is None:
                raise ValidationError(
                    [
                        err(
                            "coverage_end_empty",
                            "coverage_end",
                            "Tanggal akhir periode wajib diisi.",
                        )
                    ],
                    record=_record_label(worker),
                )
            coverage_history.end_period(session, worker, stored, end, self._ctx.user_name)
            return self._after_coverage_change(session, worker)

    def remove_period(
        self, worker_id: int, period_id: int, reason: str | None, expected_version: int
    ) -> WorkerDetail:
        """Delete a period entered by mistake; the reason goes into the audit trail."""
        self._ctx.require(Permission.EDIT_WORKERS)
        with unit_of_work(self._ctx) as session:
            worker = self._load(session, worker_id, expected_version)
            stored = self._period(session, worker, period_id)
            set_note(session, f"dihapus: {clerk.removal_reason(worker, reason)}")
            coverage_history.remove_period(session, worker, stored, self._ctx.user_name)
            return self._after_coverage_change(session, worker)

    def delete(self, worker_id: int, expected_version: int) -> None:
        self._ctx.require(Permission.EDIT_WORKERS)
        with unit_of_work(self._ctx) as session:
            worker = self._load(session, worker_id, expected_version)
            label = _record_label(worker)
            session.delete(worker)
            try:
                session.flush()
            except sa_exc.IntegrityError as error:
                raise ReferencedError(
                    f"Peserta {label} tidak dapat dihapus karena masih dipakai oleh data lain "
                    "(misalnya klaim atau kartu). Ubah statusnya menjadi nonaktif."
                ) from error

    # -- internals --------------------------------------------------------------

    def _period(self, session: Session, worker: Worker, period_id: int) -> CoveragePeriod:
        period = session.get(CoveragePeriod, period_id)
        if period is None or period.worker_id != worker.id:
            raise NotFoundError(
                f"Periode kepesertaan nomor {period_id} milik {_record_label(worker)} tidak "
                "ditemukan; mungkin sudah diubah atau dihapus. Muat ulang data peserta."
            )
        return period

    def _after_coverage_change(self, session: Session, worker: Worker) -> WorkerDetail:
        # The worker row changes too (its cache, and its version): a form still open
        # elsewhere is told to reload rather than write back old dates.
        self._touch(worker)
        self._flush(session, None)
        return self._detail(worker, worker.heirs)

    def _validate(self, data: WorkerInput, session: Session):
        codes = {o.code for o in self.occupations()}
        return validate_worker(data, self.regions, codes, office_today(session))

    def _refuse(
        self, session: Session, data: WorkerInput, problems: list[Problem], worker_id: int | None
    ) -> None:
        problems = problems + self._duplicate_problems(session, data, worker_id)
        problems += self._scope_problems(data)
        if any(p.is_error for p in problems):
            raise ValidationError(problems, record=_input_label(data))

    def _duplicate_problems(
        self, session: Session, data: WorkerInput, worker_id: int | None
    ) -> list[Problem]:
        problems = []
        for field, label, value in (("nik", "NIK", data.nik), ("kpj", "No. KPJ", data.kpj)):
            if not value:
                continue
            column = getattr(Worker, field)
            other = session.execute(
                select(Worker.id, Worker.full_name, Worker.village_code).where(column == value)
            ).first()
            if other is not None and other.id != worker_id:
                problems.append(
                    err(
                        f"{field}_duplicate",
                        field,
                        f"{label} {value} sudah terdaftar atas nama {other.full_name} "
                        f"({self._village_label(other.village_code)}). "
                        "Buka data itu bila orangnya sama.",
                    )
                )
        return problems

    def _scope(self) -> worker_search.Scope:
        return worker_search.Scope.of(self._ctx.principal)

    def _scope_problems(self, data: WorkerInput) -> list[Problem]:
        principal = self._ctx.principal
        village = self.regions.get(data.village_code or "")
        if principal is None or village is None or village.parent_code is None:
            return []
        if principal.sees_kecamatan(village.parent_code):
            return []
        allowed = ", ".join(self.regions.name(c) for c in sorted(principal.kecamatan_codes))
        return [
            err(
                "village_out_of_scope",
                "village_code",
                f"Akun Anda hanya untuk Kecamatan {allowed}; "
                f"{village.label} ada di Kecamatan {self.regions.name(village.parent_code)}.",
            )
        ]

    def _visible(self, kecamatan_code: str) -> bool:
        principal = self._ctx.principal
        return principal is None or principal.sees_kecamatan(kecamatan_code)

    def _not_found(self, worker_id: int) -> NotFoundError:
        return NotFoundError(
            f"Peserta dengan nomor data {worker_id} tidak ditemukan; mungkin sudah dihapus."
        )

    def _village_label(self, code: str) -> str:
        village = self.regions.get(code)
        return village.label if village else code

    def _load(
        self, session: Session, worker_id: int, expected_version: int | None = None
    ) -> Worker:
        worker = session.get(Worker, worker_id, options=[selectinload(Worker.heirs)])
        if worker is None or not self._visible(worker.kecamatan_code):
            raise self._not_found(worker_id)
        if expected_version is not None and worker.version != expected_version:
            raise ConflictError(
                f"Data peserta {_record_label(worker)} sudah diubah oleh "
                f"{worker.updated_by or 'pengguna lain'} setelah Anda membukanya. "
                "Muat ulang untuk melihat perubahan itu sebelum menyimpan.",
                current=self._detail(worker, worker.heirs),
            )
        return worker

    def _apply(self, session: Session, worker: Worker, data: WorkerInput) -> None:
        occupation_id = session.scalar(
            select(Occupation.id).where(Occupation.code == data.occupation_code)
        )
        village = self.regions.get(data.village_code or "")
        assert village is not None and village.parent_code is not None  # validated above
        assert occupation_id is not None  # validated above: the code is in the list
        # Validated above too: the typed fields a row needs are set (no None reaches the row).
        for name in (*fields.TYPED, fields.NOTES):
            setattr(worker, name, getattr(data, name))
        worker.name_key = name_key(data.full_name)
        worker.name_phonetic = name_phonetic(data.full_name)
        worker.village_code = village.code
        worker.kecamatan_code = village.parent_code
        worker.occupation_id = occupation_id
        _apply_heirs(worker, data.heirs)
        self._touch(worker)

    def _save_current_period(self, session: Session, worker: Worker, data: WorkerInput) -> None:
        """The form's two dates are the worker's latest period: opened, changed or removed
        through the coverage history (never written on the worker row directly)."""
        actor = self._ctx.user_name
        start, end = data.coverage_start, data.coverage_end
        latest = coverage_history.latest_period(session, worker.id)
        if latest is not None and (latest.start_date, latest.end_date) == (start, end):
            return
        cut = latest is not None and latest.ended_by_event_id is not None
        # A period cut by a status change: its dates belong to that change, not to the form.
        if (
            latest is not None
            and cut
            and (start is None or (latest.start_date, latest.planned_end) == (start, end))
        ):
            return
        if start is None and end is None:
            if latest is not None:
                coverage_history.remove_period(session, worker, latest, actor)
            return
        if start is None:
            raise ValidationError(
                [
                    err(
                        "coverage_start_empty",
                        "coverage_start",
                        "Mulai kepesertaan wajib diisi bila akhir kepesertaan diisi.",
                    )
                ],
                record=_record_label(worker),
            )
        if latest is None or cut:
            coverage_history.open_period(
                session, worker, start, end, funding=data.funding, kpj=data.kpj, actor=actor
            )
        else:
            coverage_history.change_period(
                session,
                worker,
                latest,
                start=start,
                end=end,
                funding=data.funding,
                kpj=data.kpj,
                actor=actor,
            )

    def _touch(self, worker: Worker) -> None:
        worker.updated_at = utc_now()
        worker.updated_by = self._ctx.user_name

    def _flush(
        self, session: Session, data: WorkerInput | None, worker_id: int | None = None
    ) -> None:
        try:
            session.flush()
        except StaleDataError as error:
            raise ConflictError(
                "Data peserta ini baru saja diubah oleh pengguna lain. "
                "Muat ulang untuk melihat perubahan itu sebelum menyimpan."
            ) from error
        except sa_exc.IntegrityError as error:
            if data is None or not is_unique_violation(error):
                raise  # not a clerk's clash: unit_of_work reports it as the fault it is
            # Another clerk saved the same NIK or KPJ between our check and our write. The
            # register says which (the error's wording differs by engine and version).
            field = "kpj" if self._kpj_taken(data, worker_id) else "nik"
            label = "No. KPJ" if field == "kpj" else "NIK"
            raise ValidationError(
                [
                    err(
                        f"{field}_duplicate",
                        field,
                        f"{label} ini baru saja didaftarkan oleh pengguna lain.",
                    )
                ],
                record=_input_label(data),
            ) from error

    def _kpj_taken(self, data: WorkerInput, worker_id: int | None) -> bool:
        """Another worker holds this KPJ: read in a fresh session (this one has failed)."""
        if not data.kpj:
            return False
        with read_session(self._ctx) as other:
            holder = other.scalar(select(Worker.id).where(Worker.kpj == data.kpj).limit(1))
        return holder is not None and holder != worker_id

    def _page_rows(self, rows: Sequence[Any]) -> list[WorkerRow]:
        """A search's rows (ROW_COLUMNS first, by position): a hundred on every keystroke,
        so each is read by index, not by name, and the names looked up, not scanned for."""
        region = self.regions.name
        occupation = self._occupation_names().get
        page = []
        for r in rows:
            values = _PAGE_ROW(r)
            page.append(
                WorkerRow(
                    **dict(zip(fields.ROW, values, strict=False)),
                    village_name=region(values[_PLACE_AT]),
                    kecamatan_name=region(values[_PLACE_AT + 1]),
                    occupation_name=occupation(values[_PLACE_AT + 2], ""),
                )
            )
        return page

    def _occupation_names(self) -> dict[int, str]:
        if self._occupation_by_id is None:
            self._occupation_by_id = {o.id: o.name for o in self.occupations()}
        return self._occupation_by_id

    def _masked_detail(self, session: Session, worker_id: int) -> WorkerDetail:
        scope = self._scope()
        src = scope.source
        row = session.execute(
            select(src).where(
                src.c.id == worker_id, *worker_search.filters(session, WorkerQuery(), scope)
            )
        ).first()
        if row is None:
            raise self._not_found(worker_id)
        heirs = session.execute(
            select(*(Heir.__table__.c[name] for name in HEIR_PUBLIC_COLUMNS))
            .where(Heir.worker_id == worker_id)
            .order_by(Heir.id)
        ).all()
        return self._detail(row, heirs)

    def _detail(self, w: Any, heirs: Sequence[Any]) -> WorkerDetail:
        occupation = next(o for o in self.occupations() if o.id == w.occupation_id)
        return WorkerDetail(
            **{name: getattr(w, name) for name in fields.DETAIL},
            village_name=self.regions.name(w.village_code),
            kecamatan_name=self.regions.name(w.kecamatan_code),
            occupation_code=occupation.code,
            occupation_name=occupation.name,
            heirs=tuple(_heir_detail(h) for h in heirs),
        )


def _apply_heirs(worker: Worker, heirs: list[HeirInput]) -> None:
    existing = {h.id: h for h in worker.heirs}
    kept: list[Heir] = []
    for data in heirs:
        heir = existing.get(data.id) if data.id is not None else None
        heir = heir or Heir()
        heir.full_name = data.full_name
        heir.relation = data.relation  # type: ignore[assignment]  # validation refused a None
        heir.nik = data.nik
        heir.birth_date = data.birth_date
        heir.phone = data.phone
        heir.bank_name = data.bank_name
        heir.bank_account_number = data.bank_account_number
        heir.bank_account_holder = data.bank_account_holder
        heir.updated_at = utc_now()
        kept.append(heir)
    worker.heirs = kept


# What a viewer may read of an heir: no NIK, no bank account.
# Where WorkerRow's values sit in a search row: its own fields, then the village,
# kecamatan and occupation codes whose names it shows.
_PAGE_ROW = itemgetter(
    *(
        worker_search.ROW_COLUMNS.index(name)
        for name in (*fields.ROW, "village_code", "kecamatan_code", "occupation_id")
    )
)
_PLACE_AT = len(fields.ROW)
HEIR_PUBLIC_COLUMNS = ("id", "full_name", "relation", "birth_date", "phone")


def _heir_detail(h: Any) -> HeirDetail:
    return HeirDetail(
        id=h.id,
        full_name=h.full_name,
        relation=h.relation,
        nik=getattr(h, "nik", None),
        birth_date=h.birth_date,
        phone=h.phone,
        bank_name=getattr(h, "bank_name", None),
        bank_account_number=getattr(h, "bank_account_number", None),
        bank_account_holder=getattr(h, "bank_account_holder", None),
    )


def _record_label(worker: Worker) -> str:
    return f"{worker.full_name} (NIK {worker.nik})"


def _input_label(data: WorkerInput) -> str:
    name = data.full_name or "tanpa nama"
    return f"{name} (NIK {data.nik})" if data.nik else name
