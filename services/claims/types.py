"""Plain data passed between the claim services and their callers (GUI, CLI, tests)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, tzinfo
from enum import StrEnum

from models.enums import (
    FINISHED_STATUSES,
    VOIDED_STATUSES,
    AccidentContext,
    BenefitBasis,
    ClaimHeirRelation,
    ClaimStatus,
    ClaimType,
    DeadlineState,
    EducationLevel,
    FundingSource,
    Gender,
    JkkOutcome,
    WorkerStatus,
)
from services.core.errors import Problem

# Claims that no longer count against a second claim for the same event or death.
VOIDED = VOIDED_STATUSES
# A claim is "open" until it ends one way or another.
FINISHED = FINISHED_STATUSES


class CheckOutcome(StrEnum):
    OK = "ok"
    FAIL = "gagal"  # makes the claim ineligible
    WARN = "perhatian"  # eligible, but the clerk must look (reduced benefit, late report)
    INFO = "info"


# --- input ------------------------------------------------------------------------------


@dataclass(slots=True)
class ClaimInput:
    """The event as the clerk typed it; the service says what is wrong with it."""

    claim_type: ClaimType | None
    event_date: date | None
    event_place: str | None = None
    event_time: time | None = None
    # JKK: the accident
    accident_context: AccidentContext | None = None
    description: str | None = None
    injuries: str | None = None
    treatment_place: str | None = None
    witnesses: str | None = None
    traffic_accident: bool = False
    police_report_number: str | None = None
    jkk_outcome: JkkOutcome | None = None
    disability_percent: int | None = None
    death_date: date | None = None  # JKK when fatal; JKM uses event_date
    reported_income: int | None = None  # empty: the setting claims.default_reported_income
    first_report_at: datetime | None = None  # aware; naive means the office clock
    # JKM: the death
    cause_of_death: str | None = None
    notes: str | None = None


@dataclass(slots=True)
class ClaimHeirInput:
    full_name: str
    relation: ClaimHeirRelation | None
    nik: str | None = None
    birth_date: date | None = None
    phone: str | None = None
    address: str | None = None
    bank_name: str | None = None
    bank_account_number: str | None = None
    bank_account_holder: str | None = None
    education_level: EducationLevel | None = None  # children put up for the scholarship
    note: str | None = None
    heir_id: int | None = None  # the register's heir this one was picked from
    id: int | None = None  # set when editing a claim heir already stored
    # A spouse: still married to the worker at the death (empty: yes; False: divorced).
    married_at_death: bool | None = None
    # Arranged the funeral (paid the funeral cost when no heir is entitled).
    arranged_funeral: bool = False


@dataclass(slots=True)
class DocumentUpdate:
    item_code: str
    received: bool
    received_on: date | None = None  # empty while received: today
    note: str | None = None


@dataclass(slots=True)
class StatusChange:
    """One step of the workflow; which fields matter depends on ``target``."""

    target: ClaimStatus
    on: date | None = None  # the step's date; empty: today
    note: str | None = None  # required for a step back, a rejection, a cancellation
    letter_number: str | None = None  # diajukan: the recommendation letter
    letter_date: date | None = None
    amount: int | None = None  # dibayar
    recipient_heir_id: int | None = None  # dibayar: a claim heir; empty for the worker
    bank_name: str | None = None  # dibayar: empty takes the recipient's account
    account_number: str | None = None
    account_holder: str | None = None
    payment_reference: str | None = None  # dibayar: BPJS's reference of the transfer


@dataclass(slots=True)
class HolderOverride:
    """A verifikator's approval of paying into an account held under another name."""

    account_number: str | None
    account_holder: str | None
    reason: str | None  # what documents the difference (e.g. the bank's statement)


@dataclass(slots=True)
class ClaimQuery:
    status: ClaimStatus | None = None
    claim_type: ClaimType | None = None
    kecamatan_code: str | None = None
    deadline_state: DeadlineState | None = None
    worker_id: int | None = None
    waiting_documents_only: bool = False
    text: str = ""  # the worker's NIK/KPJ prefix or words of the name, as in the worker list
    limit: int = 200
    offset: int = 0


# --- results ----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class EligibilityCheck:
    code: str
    outcome: CheckOutcome
    text: str


@dataclass(frozen=True, slots=True)
class Eligibility:
    eligible: bool
    checks: tuple[EligibilityCheck, ...]
    membership_days: int | None
    reduced_benefit: bool  # JKM within the first months of membership
    scholarship_open: bool  # membership long enough for the scholarship
    report_deadline: datetime | None  # aware (UTC); the GUI counts down to it
    deadline_state: DeadlineState
    lapse_date: date | None  # the last day a claim may be filed
    zone: tzinfo  # the office's clock (WIB/WITA/WIT): the deadline is shown in it

    @property
    def reasons(self) -> list[str]:
        """Why the claim is not eligible (empty when it is)."""
        return [c.text for c in self.checks if c.outcome is CheckOutcome.FAIL]

    @property
    def warnings(self) -> list[str]:
        return [c.text for c in self.checks if c.outcome is CheckOutcome.WARN]


@dataclass(frozen=True, slots=True)
class ClaimCheck:
    """The live answer while the clerk types the event: problems and eligibility."""

    problems: list[Problem]
    eligibility: Eligibility | None


@dataclass(frozen=True, slots=True)
class WorkerSummary:
    id: int
    nik: str  # masked for clerks who see identities masked
    kpj: str | None
    full_name: str
    birth_date: date
    gender: Gender
    village_name: str
    kecamatan_code: str
    kecamatan_name: str
    funding: FundingSource
    status: WorkerStatus
    status_date: date | None
    coverage_start: date | None
    coverage_end: date | None


@dataclass(frozen=True, slots=True)
class HeirEntry:
    id: int
    heir_id: int | None
    full_name: str
    relation: ClaimHeirRelation
    priority: int  # 1 = first in the legal order
    entitled: bool  # in the highest group present
    nik: str | None  # None when hidden from the clerk
    birth_date: date | None
    phone: str | None
    address: str | None
    bank_name: str | None
    bank_account_number: str | None
    bank_account_holder: str | None
    education_level: EducationLevel | None
    note: str | None
    married_at_death: bool | None = None
    arranged_funeral: bool = False

    def to_input(self) -> ClaimHeirInput:
        return ClaimHeirInput(
            id=self.id,
            heir_id=self.heir_id,
            full_name=self.full_name,
            relation=self.relation,
            nik=self.nik,
            birth_date=self.birth_date,
            phone=self.phone,
            address=self.address,
            bank_name=self.bank_name,
            bank_account_number=self.bank_account_number,
            bank_account_holder=self.bank_account_holder,
            education_level=self.education_level,
            note=self.note,
            married_at_death=self.married_at_death,
            arranged_funeral=self.arranged_funeral,
        )


@dataclass(frozen=True, slots=True)
class AttachmentInfo:
    file_name: str | None  # None when hidden from the clerk
    content_type: str
    size: int
    sha256: str | None
    attached_at: datetime | None


@dataclass(frozen=True, slots=True)
class Attachment:
    """A scan read back from the database, byte for byte."""

    file_name: str
    content_type: str
    content: bytes
    sha256: str


@dataclass(frozen=True, slots=True)
class DocumentItem:
    item_code: str
    label: str
    hint: str | None
    required: bool  # required by the checklist when it applies
    applicable: bool  # its condition holds for this claim
    received: bool
    received_on: date | None
    note: str | None
    attachment: AttachmentInfo | None

    @property
    def missing(self) -> bool:
        return self.applicable and self.required and not self.received


@dataclass(frozen=True, slots=True)
class BenefitLine:
    code: str
    label: str
    basis: BenefitBasis
    amount: int | None  # None: no fixed figure (as needed, or a figure still unknown)
    counted: bool  # part of the one-off total
    detail: str  # how the figure came about, in Indonesian


@dataclass(frozen=True, slots=True)
class BenefitEstimate:
    lines: tuple[BenefitLine, ...]
    total: int  # the one-off amounts only
    rates_date: date  # the benefit table rows valid on this date were used
    notes: tuple[str, ...]
    # Always true: the app estimates, BPJS Ketenagakerjaan decides.
    is_estimate: bool = True
    label: str = "Perkiraan manfaat — besaran akhir ditetapkan BPJS Ketenagakerjaan"


@dataclass(frozen=True, slots=True)
class HolderOverrideInfo:
    account_number: str
    account_holder: str
    reason: str
    by: str | None
    at: datetime | None


@dataclass(frozen=True, slots=True)
class HistoryEntry:
    at: datetime
    by: str | None
    from_status: ClaimStatus | None
    to_status: ClaimStatus
    step_back: bool
    note: str | None
    zone: tzinfo  # the office's clock the moment is shown on


@dataclass(frozen=True, slots=True)
class ClaimDetail:
    id: int
    version: int
    claim_type: ClaimType
    status: ClaimStatus
    status_since: datetime
    event: ClaimInput  # the stored event, ready to edit and pass to update_claim
    worker: WorkerSummary
    eligibility: Eligibility
    heirs: tuple[HeirEntry, ...]  # in the legal order
    documents: tuple[DocumentItem, ...]
    benefit: BenefitEstimate
    history: tuple[HistoryEntry, ...]  # oldest first
    submitted_on: date | None
    letter_number: str | None
    letter_date: date | None
    decided_on: date | None
    decision_note: str | None
    paid_on: date | None
    paid_amount: int | None
    paid_to_name: str | None
    paid_bank_name: str | None
    paid_account_number: str | None
    paid_account_holder: str | None
    paid_reference: str | None
    paid_to_heir_id: int | None
    holder_override: HolderOverrideInfo | None  # a verifikator's approval, if any
    waiting_documents: bool  # a draft older than claims.waiting_documents_days
    report_overdue: bool  # JKK first report missing and its deadline passed
    next_steps: tuple[ClaimStatus, ...]  # what this clerk may move the claim to now
    identity_hidden: bool  # NIKs, accounts and health details withheld from this clerk
    created_at: datetime
    created_by: str | None
    zone: tzinfo  # the office's clock (WIB/WITA/WIT): moments are shown in it

    @property
    def missing_documents(self) -> list[DocumentItem]:
        return [d for d in self.documents if d.missing]


@dataclass(frozen=True, slots=True)
class ClaimRow:
    """One line of the claims list."""

    id: int
    claim_type: ClaimType
    status: ClaimStatus
    status_since: datetime
    worker_id: int
    worker_name: str
    worker_nik: str  # masked for clerks who see identities masked
    kecamatan_code: str
    kecamatan_name: str
    village_name: str
    event_date: date
    eligible: bool
    ineligible_reason: str | None
    deadline_state: DeadlineState
    report_deadline: datetime | None
    waiting_documents: bool
    report_overdue: bool
    created_at: datetime
    zone: tzinfo  # the office's clock (WIB/WITA/WIT): moments are shown in it


@dataclass(frozen=True, slots=True)
class ClaimPage:
    rows: list[ClaimRow]
    total: int
    # Every status under the query's other filters, for the tabs or chips above the list.
    counts_by_status: dict[ClaimStatus, int] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class RateRow:
    """A row of the benefit table (``claim_benefit_rate``) as the rules read it."""

    code: str
    label: str
    condition: str
    basis: BenefitBasis
    amount: int | None
    multiplier: int | None
    minimum: int | None
    education_level: EducationLevel | None
    max_years: int | None
    valid_from: date
    valid_to: date | None
    sort_order: int
    funeral: bool = False
    source: str | None = None
