"""Tables and database plumbing. Nothing here imports Qt or opens a database at import time.

The table classes load on first use of any of them (``from models import Worker``), all
together, so every table is mapped and in ``Base.metadata`` before a query; ``make_engine``
loads them too. Until then importing ``models.enums`` or ``models.text_keys`` costs no
SQLAlchemy, so pure rules can read the stored codes.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
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

_ORM_MODULES = (
    "models.audit",
    "models.base",
    "models.card",
    "models.claim",
    "models.coverage",
    "models.document",
    "models.import_batch",
    "models.office_image",
    "models.premium",
    "models.region",
    "models.setting",
    "models.user",
    "models.worker",
)
_WHERE: dict[str, str] = {
    "AppUser": "models.user",
    "AuditEntry": "models.audit",
    "Base": "models.base",
    "BpjsList": "models.premium",
    "BpjsListEntry": "models.premium",
    "BudgetAllocation": "models.premium",
    "CardKey": "models.card",
    "CardPrint": "models.card",
    "CardPrintBatch": "models.card",
    "Claim": "models.claim",
    "ClaimAttachment": "models.claim",
    "ClaimBenefitRate": "models.claim",
    "ClaimChecklistItem": "models.claim",
    "ClaimDocument": "models.claim",
    "ClaimHeir": "models.claim",
    "ClaimStatusChange": "models.claim",
    "CoveragePeriod": "models.coverage",
    "DocumentFile": "models.document",
    "DocumentTemplate": "models.document",
    "Heir": "models.worker",
    "ImportBatch": "models.import_batch",
    "ImportBatchRow": "models.import_batch",
    "ImportColumnMap": "models.import_batch",
    "LetterCounter": "models.document",
    "Occupation": "models.worker",
    "OfficeImage": "models.office_image",
    "PremiumBill": "models.premium",
    "PremiumPayment": "models.premium",
    "PremiumRate": "models.premium",
    "Region": "models.region",
    "RegionCodeChange": "models.region",
    "RegisteredDocument": "models.document",
    "Setting": "models.setting",
    "Signatory": "models.document",
    "TwinReview": "models.import_batch",
    "UserKecamatan": "models.user",
    "Worker": "models.worker",
    "WorkerStatusEvent": "models.coverage",
}
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


def load_orm() -> None:
    """Every table class mapped (relationships, metadata, audit descriptions complete)."""
    for module in _ORM_MODULES:
        importlib.import_module(module)


def __getattr__(name: str) -> Any:
    if name not in _WHERE:
        raise AttributeError(f"module 'models' has no attribute {name!r}")
    load_orm()
    value = getattr(importlib.import_module(_WHERE[name]), name)
    globals()[name] = value
    return value
