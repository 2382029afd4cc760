"""Closed sets of values stored or typed as short text codes (portable across engines).

Loads no SQLAlchemy: pure rules read the stored codes here, and the command line's
parsers offer them as choices without loading the services (`--help` stays quick).
"""

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


# -- Claims --------------------------------------------------------------------------------


class ClaimType(StrEnum):
    JKK = "jkk"  # work accident, including the commute
    JKM = "jkm"  # death not caused by a work accident


class ClaimStatus(StrEnum):
    DRAFT = "draft"
    COMPLETE = "berkas_lengkap"
    SUBMITTED = "diajukan"
    APPROVED = "disetujui"
    REJECTED = "ditolak"
    PAID = "dibayar"
    CLOSED = "selesai"
    CANCELLED = "dibatalkan"


# Claims that no longer count against a second claim for the same event or death.
VOIDED_STATUSES = frozenset({ClaimStatus.CANCELLED, ClaimStatus.REJECTED})
# A claim is "open" until it ends one way or another. Here rather than in
# services/claims/types.py so that Beranda's background job can count open claims
# without importing the claims package (its dataclasses cost about 0.1 s of CPU
# while the clerk's first screens paint).
FINISHED_STATUSES = frozenset({ClaimStatus.CLOSED, ClaimStatus.CANCELLED, ClaimStatus.REJECTED})


class AccidentContext(StrEnum):
    WORK = "kerja"
    COMMUTE = "perjalanan"


class JkkOutcome(StrEnum):
    """What became of the injured worker (the second report, "tahap II")."""

    TREATMENT = "perawatan"
    RECOVERED = "sembuh"
    PARTIAL_DISABILITY = "cacat_sebagian"
    TOTAL_DISABILITY = "cacat_total"
    DEATH = "meninggal"


class ClaimHeirRelation(StrEnum):
    """Finer than the register's HeirRelation: the legal order of heirs needs these."""

    SPOUSE = "suami_istri"
    CHILD = "anak"
    PARENT = "orang_tua"
    GRANDCHILD = "cucu"
    GRANDPARENT = "kakek_nenek"
    SIBLING = "saudara"
    PARENT_IN_LAW = "mertua"
    NAMED_IN_WILL = "wasiat"
    OTHER = "lainnya"


class EducationLevel(StrEnum):
    TK_SD = "tk_sd"
    SMP = "smp"
    SMA = "sma"
    HIGHER = "pt"  # university or vocational training


class BenefitBasis(StrEnum):
    FIXED = "tetap"  # a fixed amount, part of the total
    INCOME_MULTIPLE = "kali_upah"  # multiplier × reported income, at least the minimum
    PER_YEAR = "per_tahun"  # scholarship per child and year
    MONTHLY_INCOME = "per_bulan"  # multiplier × reported income each month
    CEILING = "paling_banyak"  # paid as spent, up to the amount
    AS_NEEDED = "sesuai_kebutuhan"  # paid as needed, no ceiling


class DeadlineState(StrEnum):
    """The JKK first report (tahap I), due 2 × 24 hours after the accident."""

    NOT_APPLICABLE = "tidak_berlaku"  # JKM claims
    RUNNING = "berjalan"  # not reported yet, time left
    ON_TIME = "tepat_waktu"
    LATE = "terlambat"  # reported late, or not reported and the time is up


# -- Official documents --------------------------------------------------------------------


class DocumentKind(StrEnum):
    REGISTRATION = "pengantar"  # surat pengantar pendaftaran peserta baru
    CLAIM = "klaim"  # surat permohonan/rekomendasi klaim
    MEMBERSHIP = "keterangan"  # surat keterangan kepesertaan
    HEIR_NOTICE = "ahli_waris"  # surat pemberitahuan kepada ahli waris
    PREMIUM = "iuran"  # surat tagihan/pembayaran iuran
    AGREEMENT = "pks"  # perjanjian kerja sama


class Sifat(StrEnum):
    BIASA = "biasa"
    PENTING = "penting"
    SEGERA = "segera"
    RAHASIA = "rahasia"


class DocumentStatus(StrEnum):
    ISSUED = "terbit"
    CANCELLED = "batal"
    # A correction was issued in its place; the old number stays in the letter register.
    REPLACED = "diganti"


class PageSize(StrEnum):
    A4 = "a4"
    F4 = "f4"  # folio, 215 × 330 mm, common in Indonesian offices


class ClaimProgramme(StrEnum):
    JKM = "jkm"  # Jaminan Kematian
    JKK = "jkk"  # Jaminan Kecelakaan Kerja


class ExportFormat(StrEnum):
    LIST = "list"
    BPJS = "bpjs"
    VILLAGE = "village"
    RECAP = "recap"


# -- Spreadsheet imports -------------------------------------------------------------------


class BatchStatus(StrEnum):
    PENDING = "pending"  # recorded by a dry run, nothing written yet
    APPROVED = "approved"  # a verifikator/admin allowed the large import
    COMMITTED = "committed"
    UNDONE = "undone"


class OnExisting(StrEnum):
    """What an import does with a NIK that is already registered."""

    SKIP = "skip"
    UPDATE = "update"


class RowAction(StrEnum):
    INSERT = "insert"
    UPDATE = "update"


class TwinDecision(StrEnum):
    OPEN = "open"
    DIFFERENT = "different"  # two people after all
    MERGED = "merged"


# -- Participant cards ---------------------------------------------------------------------


class CardLayout(StrEnum):
    A4 = "a4"
    CR80 = "cr80"


class PrintKind(StrEnum):
    FIRST = "first"
    REPRINT = "reprint"


class ReprintReason(StrEnum):
    LOST = "hilang"
    DAMAGED = "rusak"
    CORRECTED = "data_diperbaiki"


class CardStatus(StrEnum):
    PRINTED = "printed"
    HANDED_OVER = "handed_over"
    # A card printed again before it was handed over: the new one replaces it.
    SUPERSEDED = "superseded"


class Recipient(StrEnum):
    WORKER = "worker"
    VILLAGE_OFFICE = "village_office"


# -- Reports and the office's images ---------------------------------------------------


class ReportKind(StrEnum):
    RECAP = "recap"  # 1. rekap kepesertaan per kecamatan and village
    VILLAGE_LIST = "village-list"  # 2. daftar peserta per desa, signed by the village head
    PREMIUM = "premium"  # 3. monthly premium, reconciliation, budget
    CLAIMS = "claims"  # 4. claims of a period
    DATA_QUALITY = "data-quality"  # 5. NIK warnings, missing KPJ, duplicates, ...


class ImageKind(StrEnum):
    EMBLEM = "lambang"
    REGIONAL_HEAD = "lambang_kepala_daerah"
    CARD_LOGO = "logo_kartu"
