"""Claim files (klaim JKK and JKM): the claim, its heirs, documents, scans and status history,
and the two editable reference tables the claims work from (document checklist, benefits).

A claim belongs to a worker and follows the worker's kecamatan limits (row-level
security on PostgreSQL). Scans live in their own table so that lists and the audit
trail never carry the file bytes; the document row keeps the scan's SHA-256.
"""

from __future__ import annotations

from datetime import date, datetime, time

from sqlalchemy import (
    BigInteger,
    Boolean,
    Date,
    DateTime,
    ForeignKey,
    Integer,
    LargeBinary,
    String,
    Text,
    Time,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from models.base import REFERENCE, Base, Timestamp, code_enum
from models.enums import (
    VOIDED_STATUSES,
    AccidentContext,
    BenefitBasis,
    ClaimHeirRelation,
    ClaimStatus,
    ClaimType,
    EducationLevel,
    JkkOutcome,
)


class Claim(Base):
    __tablename__ = "claim"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    # No cascade: a worker with claims cannot be deleted (the worker service says so).
    worker_id: Mapped[int] = mapped_column(ForeignKey("worker.id"), index=True)
    claim_type: Mapped[ClaimType] = mapped_column(code_enum(ClaimType, "claim_type"))
    status: Mapped[ClaimStatus] = mapped_column(
        code_enum(ClaimStatus, "claim_status"), default=ClaimStatus.DRAFT, index=True
    )
    status_since: Mapped[Timestamp]
    # The event: the accident (JKK) or the death (JKM).
    event_date: Mapped[date] = mapped_column(Date)
    # WITA, like every time a clerk types.
    event_time: Mapped[time | None] = mapped_column(Time)
    event_place: Mapped[str | None] = mapped_column(String(200))
    description: Mapped[str | None] = mapped_column(Text)
    accident_context: Mapped[AccidentContext | None] = mapped_column(
        code_enum(AccidentContext, "accident_context")
    )
    injuries: Mapped[str | None] = mapped_column(Text)
    treatment_place: Mapped[str | None] = mapped_column(String(200))
    witnesses: Mapped[str | None] = mapped_column(Text)
    traffic_accident: Mapped[bool] = mapped_column(Boolean, default=False)
    police_report_number: Mapped[str | None] = mapped_column(String(60))
    jkk_outcome: Mapped[JkkOutcome | None] = mapped_column(code_enum(JkkOutcome, "jkk_outcome"))
    disability_percent: Mapped[int | None] = mapped_column(Integer)
    # JKM: the event date; JKK: when the accident proved fatal.
    death_date: Mapped[date | None] = mapped_column(Date)
    cause_of_death: Mapped[str | None] = mapped_column(String(200))
    reported_income: Mapped[int | None] = mapped_column(BigInteger)
    # The first report to BPJS ("tahap I") and its deadline, kept in UTC so lists filter on it.
    first_report_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    report_deadline_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    # Eligibility as last computed, for lists; the claim view recomputes it.
    eligible: Mapped[bool] = mapped_column(Boolean, default=True)
    ineligible_reason: Mapped[str | None] = mapped_column(String(300))
    # The benefit estimate's one-off total in rupiah as last computed, for reports;
    # NULL when no one-off amount can be estimated (services/claims/records.py).
    estimated_benefit: Mapped[int | None] = mapped_column(BigInteger)
    submitted_on: Mapped[date | None] = mapped_column(Date)
    # The recommendation letter from the letter register (services/documents).
    letter_number: Mapped[str | None] = mapped_column(String(80))
    letter_date: Mapped[date | None] = mapped_column(Date)
    decided_on: Mapped[date | None] = mapped_column(Date)
    decision_note: Mapped[str | None] = mapped_column(String(300))
    paid_on: Mapped[date | None] = mapped_column(Date)
    paid_amount: Mapped[int | None] = mapped_column(BigInteger)
    paid_to_name: Mapped[str | None] = mapped_column(String(120))
    paid_bank_name: Mapped[str | None] = mapped_column(String(60))
    paid_account_number: Mapped[str | None] = mapped_column(String(30))
    paid_account_holder: Mapped[str | None] = mapped_column(String(120))
    # BPJS's reference of the transfer, and the claim heir paid (services/claims/payment.py).
    paid_reference: Mapped[str | None] = mapped_column(String(80))
    paid_to_heir_id: Mapped[int | None] = mapped_column(Integer)
    # A verifikator's documented approval of paying into an account held under another
    # name than the recipient's: for this account number and holder only.
    holder_override_account: Mapped[str | None] = mapped_column(String(30))
    holder_override_holder: Mapped[str | None] = mapped_column(String(120))
    holder_override_reason: Mapped[str | None] = mapped_column(String(300))
    holder_override_by: Mapped[str | None] = mapped_column(String(64))
    holder_override_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    notes: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[Timestamp]
    created_by: Mapped[str | None] = mapped_column(String(64))
    updated_at: Mapped[Timestamp]
    updated_by: Mapped[str | None] = mapped_column(String(64))
    version: Mapped[int] = mapped_column(Integer, default=1)

    heirs: Mapped[list[ClaimHeir]] = relationship(
        back_populates="claim", cascade="all, delete-orphan", order_by="ClaimHeir.id"
    )

    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012


# Migration 0008 adds two unique partial indexes, uq_claim_open_event (worker, type, event
# date) and uq_claim_one_death (worker), both over claims not in VOIDED_STATUSES; the
# services check first and say which claim is in the way, the indexes refuse the same
# duplicate when two clerks save it at the same moment. They are not declared here: the
# partial-index options load both SQL dialects whenever the models are imported, which
# every start of the app would pay for.


class ClaimHeir(Base):
    __tablename__ = "claim_heir"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    claim_id: Mapped[int] = mapped_column(ForeignKey("claim.id", ondelete="CASCADE"), index=True)
    # The register's heir this one was picked from, if any.
    heir_id: Mapped[int | None] = mapped_column(
        ForeignKey("heir.id", ondelete="SET NULL"), index=True
    )
    full_name: Mapped[str] = mapped_column(String(120))
    nik: Mapped[str | None] = mapped_column(String(16))
    relation: Mapped[ClaimHeirRelation] = mapped_column(
        code_enum(ClaimHeirRelation, "claim_heir_relation")
    )
    birth_date: Mapped[date | None] = mapped_column(Date)
    phone: Mapped[str | None] = mapped_column(String(20))
    address: Mapped[str | None] = mapped_column(String(200))
    bank_name: Mapped[str | None] = mapped_column(String(60))
    bank_account_number: Mapped[str | None] = mapped_column(String(30))
    bank_account_holder: Mapped[str | None] = mapped_column(String(120))
    education_level: Mapped[EducationLevel | None] = mapped_column(
        code_enum(EducationLevel, "education_level")
    )
    note: Mapped[str | None] = mapped_column(String(200))
    # A spouse: still married to the worker at the death (a divorced one inherits nothing).
    married_at_death: Mapped[bool | None] = mapped_column(Boolean)
    # Arranged the funeral: with no entitled heir, the funeral benefit is paid to them.
    arranged_funeral: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[Timestamp]
    updated_at: Mapped[Timestamp]

    claim: Mapped[Claim] = relationship(back_populates="heirs")


class ClaimDocument(Base):
    """A checklist item's state on one claim; the item itself is in claim_checklist_item."""

    __tablename__ = "claim_document"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    claim_id: Mapped[int] = mapped_column(ForeignKey("claim.id", ondelete="CASCADE"), index=True)
    item_code: Mapped[str] = mapped_column(String(40))
    received: Mapped[bool] = mapped_column(Boolean, default=False)
    received_on: Mapped[date | None] = mapped_column(Date)
    note: Mapped[str | None] = mapped_column(String(300))
    file_name: Mapped[str | None] = mapped_column(String(255))
    content_type: Mapped[str | None] = mapped_column(String(40))
    file_size: Mapped[int | None] = mapped_column(Integer)
    file_sha256: Mapped[str | None] = mapped_column(String(64))
    attached_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    attached_by: Mapped[str | None] = mapped_column(String(64))
    updated_at: Mapped[Timestamp]
    updated_by: Mapped[str | None] = mapped_column(String(64))

    __table_args__ = (UniqueConstraint("claim_id", "item_code"),)


class ClaimAttachment(Base):
    """The bytes of a document's scan; not audited itself (the document row carries its hash)."""

    __tablename__ = "claim_attachment"

    document_id: Mapped[int] = mapped_column(
        ForeignKey("claim_document.id", ondelete="CASCADE"), primary_key=True
    )
    content: Mapped[bytes] = mapped_column(LargeBinary)


class ClaimStatusChange(Base):
    """The claim's own history: every status change with who, when and why. Append-only."""

    __tablename__ = "claim_status_change"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    claim_id: Mapped[int] = mapped_column(ForeignKey("claim.id", ondelete="CASCADE"), index=True)
    from_status: Mapped[ClaimStatus | None] = mapped_column(code_enum(ClaimStatus, "from_status"))
    to_status: Mapped[ClaimStatus] = mapped_column(code_enum(ClaimStatus, "to_status"))
    step_back: Mapped[bool] = mapped_column(Boolean, default=False)
    changed_at: Mapped[Timestamp]
    changed_by: Mapped[str | None] = mapped_column(String(64))
    note: Mapped[str | None] = mapped_column(String(300))


class ClaimChecklistItem(Base):
    """Editable: which documents a claim type needs, and when (``condition``)."""

    __tablename__ = "claim_checklist_item"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    claim_type: Mapped[ClaimType] = mapped_column(code_enum(ClaimType, "claim_type"))
    code: Mapped[str] = mapped_column(String(40))
    label: Mapped[str] = mapped_column(String(200))
    # Plain words for the family's "what is still missing" slip.
    hint: Mapped[str | None] = mapped_column(String(300))
    # Space-separated condition codes that must all hold (services/claims/checklist.py).
    condition: Mapped[str] = mapped_column(String(80), default="")
    required: Mapped[bool] = mapped_column(Boolean, default=True)
    sort_order: Mapped[int] = mapped_column(Integer, default=0)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    updated_at: Mapped[Timestamp]
    updated_by: Mapped[str | None] = mapped_column(String(64))

    __table_args__ = (UniqueConstraint("claim_type", "code"), {"info": REFERENCE})


class ClaimBenefitRate(Base):
    """Editable: benefit amounts with validity dates; the app estimates, BPJS decides."""

    __tablename__ = "claim_benefit_rate"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    code: Mapped[str] = mapped_column(String(40))
    label: Mapped[str] = mapped_column(String(200))
    # Which claims the line applies to (services/claims/benefits.py lists the codes).
    condition: Mapped[str] = mapped_column(String(40))
    basis: Mapped[BenefitBasis] = mapped_column(code_enum(BenefitBasis, "benefit_basis"))
    amount: Mapped[int | None] = mapped_column(BigInteger)
    multiplier: Mapped[int | None] = mapped_column(Integer)
    minimum: Mapped[int | None] = mapped_column(BigInteger)
    education_level: Mapped[EducationLevel | None] = mapped_column(
        code_enum(EducationLevel, "education_level")
    )
    max_years: Mapped[int | None] = mapped_column(Integer)
    valid_from: Mapped[date] = mapped_column(Date)
    valid_to: Mapped[date | None] = mapped_column(Date)
    sort_order: Mapped[int] = mapped_column(Integer, default=0)
    # The funeral cost: the one line paid to whoever arranged the funeral when no heir is left.
    funeral: Mapped[bool] = mapped_column(Boolean, default=False)
    # The regulation the row comes from, shown with it.
    source: Mapped[str | None] = mapped_column(String(200))
    updated_at: Mapped[Timestamp]
    updated_by: Mapped[str | None] = mapped_column(String(64))

    __table_args__ = (UniqueConstraint("code", "valid_from"), {"info": REFERENCE})


__all__ = [
    "VOIDED_STATUSES",
    "AccidentContext",
    "BenefitBasis",
    "Claim",
    "ClaimAttachment",
    "ClaimBenefitRate",
    "ClaimChecklistItem",
    "ClaimDocument",
    "ClaimHeir",
    "ClaimHeirRelation",
    "ClaimStatus",
    "ClaimStatusChange",
    "ClaimType",
    "EducationLevel",
    "JkkOutcome",
]
