"""Tables and database plumbing. Nothing here imports Qt or opens a database at import time."""

from models.audit import AuditEntry
from models.base import Base
from models.region import Region, RegionCodeChange
from models.setting import Setting
from models.user import AppUser, UserKecamatan
from models.worker import Heir, Occupation, Worker

__all__ = [
    "AppUser",
    "AuditEntry",
    "Base",
    "Heir",
    "Occupation",
    "Region",
    "RegionCodeChange",
    "Setting",
    "UserKecamatan",
    "Worker",
]
