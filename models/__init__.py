"""Tables and database plumbing. Nothing here imports Qt or opens a database at import time."""

from models.audit import AuditEntry
from models.base import Base
from models.import_batch import ImportBatch, ImportBatchRow, ImportColumnMap, TwinReview
from models.region import Region, RegionCodeChange
from models.setting import Setting
from models.user import AppUser, UserKecamatan
from models.worker import Heir, Occupation, Worker

__all__ = [
    "AppUser",
    "AuditEntry",
    "Base",
    "Heir",
    "ImportBatch",
    "ImportBatchRow",
    "ImportColumnMap",
    "Occupation",
    "Region",
    "RegionCodeChange",
    "Setting",
    "TwinReview",
    "UserKecamatan",
    "Worker",
]
