"""Closed sets of values stored as short text codes (portable across engines)."""

from __future__ import annotations

from enum import IntEnum, StrEnum


class Gender(StrEnum):
    MALE = "L"
    FEMALE = "P"


class WorkerStatus(StrEnum):
    ACTIVE = "aktif"
    INACTIVE = "nonaktif"
    DECEASED = "meninggal"


class FundingSource(StrEnum):
    APBD_KABUPATEN = "apbd_kab"
    APBD_PROVINSI = "apbd_prov"
    DANA_DESA = "dana_desa"
    MANDIRI = "mandiri"


class CoverageSource(StrEnum):
    """Where a coverage period or a status event came from."""

    IMPORT = "import"
    BPJS = "bpjs"
    CLERK = "clerk"
    MIGRATION = "migration"
    STATUS = "status"  # a reactivation's period
    CLAIM = "claim"  # a death documented in a claim


class HeirRelation(StrEnum):
    SPOUSE = "suami_istri"
    CHILD = "anak"
    PARENT = "orang_tua"
    SIBLING = "saudara"
    OTHER = "lainnya"


class RegionLevel(IntEnum):
    PROVINCE = 1
    KABUPATEN = 2
    KECAMATAN = 3
    VILLAGE = 4


class Role(StrEnum):
    ADMIN = "admin"
    OPERATOR = "operator"
    VERIFIKATOR = "verifikator"
    VIEWER = "viewer"
