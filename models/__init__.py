"""Tables and database plumbing. Nothing here imports Qt or opens a database at import time."""

from models.audit import AuditEntry
from models.base import Base
from models.card import CardKey, CardPrint, CardPrintBatch
from models.claim import (
    Claim,
    ClaimAttachment,
    ClaimBenefitRate,
    ClaimChecklistItem,
    ClaimDocument,
    ClaimHeir,
    ClaimStatusChange,
)
from models.coverage import CoveragePeriod, WorkerStatusEvent
from models.document import (
    DocumentFile,
    DocumentTemplate,
    LetterCounter,
    RegisteredDocument,
    Signatory,
)
from models.import_batch import ImportBatch, ImportBatchRow, ImportColumnMap, TwinReview
from models.office_image import OfficeImage
from models.premium import (
    BpjsList,
    BpjsListEntry,
    BudgetAllocation,
    PremiumBill,
    PremiumPayment,
    PremiumRate,
)
from models.region import Region, RegionCodeChange
from models.setting import Setting
from models.user import AppUser, UserKecamatan
from models.worker import Heir, Occupation, Worker

__all__ = [
    "AppUser",
    "AuditEntry",
    "Base",
    "BpjsList",
    "BpjsListEntry",
    "BudgetAllocation",
    "CardKey",
    "CardPrint",
    "CardPrintBatch",
    "Claim",
    "ClaimAttachment",
    "ClaimBenefitRate",
    "ClaimChecklistItem",
    "ClaimDocument",
    "ClaimHeir",
    "ClaimStatusChange",
    "CoveragePeriod",
    "DocumentFile",
    "DocumentTemplate",
    "Heir",
    "ImportBatch",
    "ImportBatchRow",
    "ImportColumnMap",
    "LetterCounter",
    "Occupation",
    "OfficeImage",
    "PremiumBill",
    "PremiumPayment",
    "PremiumRate",
    "Region",
    "RegionCodeChange",
    "RegisteredDocument",
    "Setting",
    "Signatory",
    "TwinReview",
    "UserKecamatan",
    "Worker",
    "WorkerStatusEvent",
]
