"""Claim files (klaim JKK and JKM) from the first report to the payment: the one API the CLI
and the GUI's claims section call. Every call takes a ``ServiceContext``, checks the
clerk's permission first, runs in one transaction and returns plain dataclasses
(``services/claims/types.py``); expected problems raise ``SiRentanError``s with an
Indonesian message (``ValidationError.problems`` name the field of each).

Reading (Permission.READ_WORKERS; viewers get NIKs masked and no bank accounts, health
details or scans; kecamatan limits apply):

- ``list_claims(ctx, ClaimQuery(status=, claim_type=, kecamatan_code=, deadline_state=,
  worker_id=, waiting_documents_only=, text=, limit=, offset=)) -> ClaimPage``: rows newest
  first (``text``: the worker's NIK/KPJ prefix or name words, as in the worker list),
  ``total`` and ``counts_by_status`` (under the other filters); each ``ClaimRow`` carries
  ``deadline_state``, ``report_deadline`` (UTC) and the flags ``report_overdue`` and
  ``waiting_documents`` (a draft older than ``claims.waiting_documents_days``).
- ``get_claim(ctx, claim_id) -> ClaimDetail``: the event (``detail.event`` is a
  ``ClaimInput`` ready to edit), the worker, ``eligibility`` (checks with reasons,
  ``report_deadline`` to count down to, ``deadline_state``), heirs in the legal order with
  ``entitled``, the checklist (``documents``, ``missing_documents``), the ``benefit``
  estimate (``BenefitEstimate.label`` says it is one), the status ``history``,
  ``next_steps`` this clerk may take, and ``version`` for the next write.

Writing (Permission.CLAIMS unless said otherwise; each returns the fresh ``ClaimDetail``):

- ``check_claim(ctx, worker_id, ClaimInput, claim_id=None) -> ClaimCheck``: problems and
  eligibility while the clerk types the event date; writes nothing.
- ``open_claim(ctx, worker_id, ClaimInput, heirs=None)``: a draft; ``heirs=None`` takes
  the worker's registered heirs for a death claim (``worker_heir_choices`` lists them).
- ``update_claim(ctx, claim_id, ClaimInput, expected_version)``;
  ``set_heirs(ctx, claim_id, [ClaimHeirInput], expected_version)``.
- ``update_document(ctx, claim_id, DocumentUpdate(item_code, received, received_on, note))``;
  ``attach_scan(ctx, claim_id, item_code, file_name, content)``, ``remove_scan(...)``;
  ``open_scan(ctx, claim_id, item_code) -> Attachment`` (Permission.SEE_FULL_IDENTITY).
- ``change_status(ctx, claim_id, StatusChange(target, on=, note=, letter_number=,
  letter_date=, amount=, recipient_heir_id=, bank_name=, account_number=,
  account_holder=, payment_reference=), expected_version)``: one workflow step
  (``workflow.py``); the verification step (draft ⇄ berkas lengkap) is open to
  Permission.APPROVE too. Paying follows ``payment.py``: an entitled heir (or, with none,
  whoever arranged the funeral, for the funeral cost), an account in their name, BPJS's
  reference, a note when the amount is not the estimate.
- ``approve_holder(ctx, claim_id, HolderOverride(account_number, account_holder, reason),
  expected_version)`` (Permission.APPROVE): a verifikator's documented approval of paying
  into an account held under another name.
  ``diajukan`` stores the recommendation letter's number and date (the letter itself is
  issued in the letter register, ``services/documents``; see ``claim_letter``).
- ``write_missing_slip(ctx, claim_id, path) -> Path``: the one-page "what is still
  missing" slip for the family (PDF); recorded as a print in the audit trail.
- ``claim_letter(ctx, claim_id, claimant_heir_id=None) -> ClaimLetter``: the
  recommendation letter's fields for ``services.documents.issue_letter``; its number and
  date then go to ``change_status(... StatusChange(SUBMITTED, letter_number=issued.number,
  letter_date=...))`` (``letter.py`` shows the three calls). The letter register refuses
  a letter bearing a claim's id whose worker, programme, day, claimant (one of the claim's
  heirs, or the injured worker) or documents (received ones only) are not the claim's
  (``letter_parties.claim_letter_facts`` is what it checks against).

``claim_letter`` and ``write_missing_slip`` are imported from their modules
(``services.claims.letter``, ``services.claims.missing_slip``), not from the package: they
load the letter register and ReportLab, and the dashboard, which reads
``services.claims.types`` while Beranda's first screen paints, must not.

The editable reference tables (Permission.MANAGE_SETTINGS to change):
``list_checklist(ctx, claim_type) -> [ChecklistRow]``, ``save_checklist_item(ctx,
ChecklistRow)`` (keyed by claim type and code; ``condition`` codes in ``checklist.py``),
``list_benefit_rates(ctx) -> [RateRow]``, ``save_benefit_rate(ctx, RateRow)`` (keyed by
code and ``valid_from``; ``condition`` codes in ``benefits.py``).

Stored flags: every write stores the claim's eligibility and its estimate's one-off total
(``Claim.estimated_benefit``, None when nothing one-off can be estimated); a change of
a transaction that writes a worker, their coverage or status, the benefit table or a
``claims.*`` setting recomputes the worker's or every open claim before it commits (one hook,
services/core/follow.py, so no writer can forget it); ``refresh_open_claims(ctx) -> int``
does it for every open claim (after the upgrade to migration 0008).
The list adds at read time what changes with the clock alone (the lapse, the deadline).

Settings (``services/settings/store.py``, keys ``claims.*``): attachment_max_mb,
jkk_report_hours, jkk_lapse_months, jkm_lapse_months, jkm_reduced_months,
scholarship_min_years, jkk_scholarship_needs_min_years (default no, with _from: the date
it applies from), jkk_scholarship_total_disability (default yes, with _from),
scholarship_max_children, scholarship_max_age, scholarship_cap, npwp_required (default
no: JKK/JKM benefits are no income, UU PPh Pasal 4 ayat (3) huruf e), npwp_threshold,
default_reported_income, waiting_documents_days. Labels for every code:
``services/claims/labels.py``.

Every call takes an optional ``now`` (aware datetime) so tests and the GUI's countdown
agree on the clock; dates typed by clerks are on the
office's clock (WIB, WITA or WIT by the district's province: services/office_time.py).
"""

from services.claims.checklist import ChecklistRow
from services.claims.documents import attach_scan, open_scan, remove_scan, update_document
from services.claims.query import get_claim, list_claims
from services.claims.reference import (
    list_benefit_rates,
    list_checklist,
    save_benefit_rate,
    save_checklist_item,
)
from services.claims.refresh import refresh_open_claims
from services.claims.service import (
    check_claim,
    open_claim,
    set_heirs,
    update_claim,
    worker_heir_choices,
)
from services.claims.status import approve_holder, change_status
from services.claims.types import (
    Attachment,
    AttachmentInfo,
    BenefitEstimate,
    BenefitLine,
    CheckOutcome,
    ClaimCheck,
    ClaimDetail,
    ClaimHeirInput,
    ClaimInput,
    ClaimPage,
    ClaimQuery,
    ClaimRow,
    DeadlineState,
    DocumentItem,
    DocumentUpdate,
    Eligibility,
    EligibilityCheck,
    HeirEntry,
    HistoryEntry,
    HolderOverride,
    HolderOverrideInfo,
    RateRow,
    StatusChange,
    WorkerSummary,
)

__all__ = [
    "Attachment",
    "AttachmentInfo",
    "BenefitEstimate",
    "BenefitLine",
    "CheckOutcome",
    "ChecklistRow",
    "ClaimCheck",
    "ClaimDetail",
    "ClaimHeirInput",
    "ClaimInput",
    "ClaimPage",
    "ClaimQuery",
    "ClaimRow",
    "DeadlineState",
    "DocumentItem",
    "DocumentUpdate",
    "Eligibility",
    "EligibilityCheck",
    "HeirEntry",
    "HistoryEntry",
    "HolderOverride",
    "HolderOverrideInfo",
    "RateRow",
    "StatusChange",
    "WorkerSummary",
    "approve_holder",
    "attach_scan",
    "change_status",
    "check_claim",
    "get_claim",
    "list_benefit_rates",
    "list_checklist",
    "list_claims",
    "open_claim",
    "open_scan",
    "refresh_open_claims",
    "remove_scan",
    "save_benefit_rate",
    "save_checklist_item",
    "set_heirs",
    "update_claim",
    "update_document",
    "worker_heir_choices",
]
