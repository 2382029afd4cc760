"""Plain data passed between the worker services and their callers (GUI, CLI, tests)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum

from models.enums import FundingSource, Gender, HeirRelation, WorkerStatus
from services.core.errors import Problem
from services.coverage_history.facts import PeriodInfo, StatusEventInfo
from services.workers import fields


@dataclass(slots=True)
class HeirInput:
    full_name: str
    relation: HeirRelation | None
    nik: str | None = None
    birth_date: date | None = None
    phone: str | None = None
    bank_name: str | None = None
    bank_account_number: str | None = None
    bank_account_holder: str | None = None
    id: int | None = None  # set when editing an existing heir


@dataclass(slots=True)
class WorkerInput:
    """What a clerk typed; every field may be wrong, the service says which."""

    nik: str
    full_name: str
    birth_date: date | None
    gender: Gender | None
    village_code: str | None
    occupation_code: str | None
    funding: FundingSource | None
    kk_number: str | None = None
    birth_place: str | None = None
    address: str | None = None
    rt: str | None = None
    rw: str | None = None
    phone: str | None = None
    kpj: str | None = None
    coverage_start: date | None = None
    coverage_end: date | None = None
    notes: str | None = None
    heirs: list[HeirInput] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class HeirDetail:
    id: int
    full_name: str
    relation: HeirRelation
    nik: str | None
    birth_date: date | None
    phone: str | None
    bank_name: str | None
    bank_account_number: str | None
    bank_account_holder: str | None


@dataclass(frozen=True, slots=True)
class WorkerRow:
    """One line of the worker list."""

    id: int
    nik: str
    kpj: str | None
    full_name: str
    gender: Gender
    birth_date: date
    village_name: str
    kecamatan_name: str
    occupation_name: str
    funding: FundingSource
    status: WorkerStatus
    coverage_start: date | None
    coverage_end: date | None


@dataclass(frozen=True, slots=True)
class WorkerDetail:
    id: int
    version: int
    nik: str
    kk_number: str | None
    full_name: str
    birth_place: str | None
    birth_date: date
    gender: Gender
    address: str | None
    rt: str | None
    rw: str | None
    village_code: str
    village_name: str
    kecamatan_code: str
    kecamatan_name: str
    occupation_code: str
    occupation_name: str
    phone: str | None
    kpj: str | None
    funding: FundingSource
    coverage_start: date | None
    coverage_end: date | None
    status: WorkerStatus
    status_reason: str | None
    status_date: date | None
    notes: str | None
    created_at: datetime
    created_by: str | None
    updated_at: datetime
    updated_by: str | None
    heirs: tuple[HeirDetail, ...]

    def to_input(self) -> WorkerInput:
        """The record as an editable input, e.g. to change one field and save."""
        return WorkerInput(
            **{name: getattr(self, name) for name in fields.INPUT},
            heirs=[
                HeirInput(
                    id=h.id,
                    full_name=h.full_name,
                    relation=h.relation,
                    nik=h.nik,
                    birth_date=h.birth_date,
                    phone=h.phone,
                    bank_name=h.bank_name,
                    bank_account_number=h.bank_account_number,
                    bank_account_holder=h.bank_account_holder,
                )
                for h in self.heirs
            ],
        )


@dataclass(frozen=True, slots=True)
class PeriodInput:
    """One coverage period as a clerk enters it (``end`` None: open)."""

    start: date | None
    end: date | None
    funding: FundingSource
    kpj: str | None = None


@dataclass(frozen=True, slots=True)
class CoverageHistory:
    """A worker's coverage periods and status events (services/coverage_history)."""

    periods: tuple[PeriodInfo, ...]
    events: tuple[StatusEventInfo, ...]


@dataclass(frozen=True, slots=True)
class SaveResult:
    worker: WorkerDetail
    warnings: list[Problem]


class SortKey:
    NAME = "name"
    NIK = "nik"
    KPJ = "kpj"
    BIRTH_DATE = "birth_date"
    VILLAGE = "village"
    KECAMATAN = "kecamatan"
    OCCUPATION = "occupation"
    FUNDING = "funding"
    STATUS = "status"
    COVERAGE_END = "coverage_end"


class CardFilter(StrEnum):
    NOT_PRINTED = "belum_dicetak"
    PRINTED_NOT_HANDED_OVER = "belum_diserahkan"
    HANDED_OVER = "sudah_diserahkan"


CARD_FILTER_LABELS = {
    CardFilter.NOT_PRINTED: "Kartu belum dicetak",
    CardFilter.PRINTED_NOT_HANDED_OVER: "Kartu dicetak, belum diserahkan",
    CardFilter.HANDED_OVER: "Kartu sudah diserahkan",
}

# Lower bounds of the age bands (the dashboard's), in years; the last band is open.
AGE_BANDS = (0, 25, 35, 45, 55, 65)


def years_before(day: date, years: int) -> date:
    """The birth date that makes a person exactly ``years`` old on ``day``."""
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)


@dataclass(frozen=True, slots=True)
class AgeBand:
    """Workers whose age on ``on`` falls in band ``index`` of AGE_BANDS.

    Bounds are birth dates, so the search compares the indexed column with two dates
    and counts exactly the workers the dashboard's band counts.
    """

    index: int
    on: date

    @property
    def label(self) -> str:
        low = AGE_BANDS[self.index]
        if self.index == 0:
            return f"< {AGE_BANDS[1]}"
        if self.index == len(AGE_BANDS) - 1:
            return f"≥ {low}"
        return f"{low}–{AGE_BANDS[self.index + 1] - 1}"

    @property
    def born_on_or_before(self) -> date | None:
        low = AGE_BANDS[self.index]
        return years_before(self.on, low) if low else None

    @property
    def born_after(self) -> date | None:
        upper = self.index + 1
        return years_before(self.on, AGE_BANDS[upper]) if upper < len(AGE_BANDS) else None


# A text search counts its matches only this far while the clerk types ("lebih dari 5.000"):
# a clerk narrowing a search needs the first page, not how many thousands match. The exact
# count is on demand: WorkerService.count ("Hitung semua" in the list, `workers search
# --hitung-semua`). Not lower: up to the cap the page is sorted from the matches counted,
# beyond it from a walk of the name index bounded by them, which is slower when the matches
# are a few thousand (measured with 1,000: a name 3-8 p95 of 24 ms instead of 9 ms on
# SQLite, and no gain on PostgreSQL; benchmarks/bench_search.py).
TYPING_COUNT_LIMIT = 5000


@dataclass(slots=True)
class WorkerQuery:
    """Search text (NIK/KPJ prefix when it is digits, else words of the name) and filters."""

    text: str = ""
    kecamatan_code: str | None = None
    village_code: str | None = None
    status: WorkerStatus | None = None
    funding: FundingSource | None = None
    occupation_code: str | None = None
    card: CardFilter | None = None
    gender: Gender | None = None
    age_band: AgeBand | None = None
    # Covered on that day, as the dashboard and the premium count them.
    covered_on: date | None = None
    sort: str = SortKey.NAME
    descending: bool = False
    offset: int = 0
    limit: int = 100
    # Text searches count matches only up to this many (None: always exactly).
    count_limit: int | None = TYPING_COUNT_LIMIT


@dataclass(frozen=True, slots=True)
class WorkerPage:
    rows: list[WorkerRow]
    total: int
    # False when the search stopped counting at WorkerQuery.count_limit: "more than total".
    total_exact: bool = True
    # The office's day the page was read on: a period ended before it is shown ended.
    day: date | None = None


@dataclass(frozen=True, slots=True)
class CoverageResult:
    """Answer of the front-desk question: is this person covered today?"""

    found: bool
    query: str
    message: str  # one Indonesian sentence for the desk
    worker_id: int | None = None
    nik: str | None = None
    kpj: str | None = None
    full_name: str | None = None
    village_name: str | None = None
    kecamatan_name: str | None = None
    status: WorkerStatus | None = None
    funding: FundingSource | None = None
    coverage_start: date | None = None  # the period covering ``day``
    coverage_end: date | None = None
    last_end: date | None = None  # not covered: the last covered day before ``day``
    next_start: date | None = None  # not covered: a later period's first day
    covered_today: bool = False  # covered on ``day`` (today unless another day was asked)
    day: date | None = None
    day_is_today: bool = False  # ``day`` is the office's today ("TERLINDUNGI HARI INI")
    reason: str | None = None  # coverage_history's reason, without the notes
    invalid_number: bool = False  # neither a NIK nor a KPJ: "Periksa nomor"
    not_yet_covered: bool = False  # a period begins later, none before
    has_periods: bool = False
    open_claim: str | None = None  # a sentence about a claim in progress
    deceased_on: date | None = None
