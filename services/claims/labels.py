"""Indonesian labels for the claims' stored codes, shared by the GUI, the CLI and the slip."""

from __future__ import annotations

from models.enums import (
    AccidentContext,
    BenefitBasis,
    ClaimHeirRelation,
    ClaimStatus,
    ClaimType,
    EducationLevel,
    JkkOutcome,
)
from services.claims.types import CheckOutcome, DeadlineState, RateRow
from services.text.figures import rupiah_whole

CLAIM_TYPE = {
    ClaimType.JKK: "JKK (kecelakaan kerja)",
    ClaimType.JKM: "JKM (kematian)",
}

CLAIM_STATUS = {
    ClaimStatus.DRAFT: "Draf",
    ClaimStatus.COMPLETE: "Berkas lengkap",
    ClaimStatus.SUBMITTED: "Diajukan ke BPJS",
    ClaimStatus.APPROVED: "Disetujui",
    ClaimStatus.REJECTED: "Ditolak",
    ClaimStatus.PAID: "Dibayar",
    ClaimStatus.CLOSED: "Selesai",
    ClaimStatus.CANCELLED: "Dibatalkan",
}

ACCIDENT_CONTEXT = {
    AccidentContext.WORK: "Saat bekerja",
    AccidentContext.COMMUTE: "Dalam perjalanan pergi/pulang kerja",
}

JKK_OUTCOME = {
    JkkOutcome.TREATMENT: "Masih dirawat",
    JkkOutcome.RECOVERED: "Sembuh",
    JkkOutcome.PARTIAL_DISABILITY: "Cacat sebagian",
    JkkOutcome.TOTAL_DISABILITY: "Cacat total tetap",
    JkkOutcome.DEATH: "Meninggal dunia",
}

HEIR_RELATION = {
    ClaimHeirRelation.SPOUSE: "Suami/Istri",
    ClaimHeirRelation.CHILD: "Anak",
    ClaimHeirRelation.PARENT: "Orang tua",
    ClaimHeirRelation.GRANDCHILD: "Cucu",
    ClaimHeirRelation.GRANDPARENT: "Kakek/Nenek",
    ClaimHeirRelation.SIBLING: "Saudara kandung",
    ClaimHeirRelation.PARENT_IN_LAW: "Mertua",
    ClaimHeirRelation.NAMED_IN_WILL: "Ditunjuk dalam wasiat",
    ClaimHeirRelation.OTHER: "Lainnya",
}

EDUCATION_LEVEL = {
    EducationLevel.TK_SD: "TK–SD",
    EducationLevel.SMP: "SMP",
    EducationLevel.SMA: "SMA",
    EducationLevel.HIGHER: "Perguruan tinggi/pelatihan",
}

DEADLINE_STATE = {
    DeadlineState.NOT_APPLICABLE: "-",
    DeadlineState.RUNNING: "Berjalan",
    DeadlineState.ON_TIME: "Tepat waktu",
    DeadlineState.LATE: "Terlambat",
}

CHECK_OUTCOME = {
    CheckOutcome.OK: "Ya",
    CheckOutcome.FAIL: "Tidak",
    CheckOutcome.WARN: "Perhatian",
    CheckOutcome.INFO: "Info",
}

BENEFIT_BASIS = {
    BenefitBasis.FIXED: "Jumlah tetap",
    BenefitBasis.INCOME_MULTIPLE: "Kali penghasilan dilaporkan",
    BenefitBasis.PER_YEAR: "Per tahun",
    BenefitBasis.MONTHLY_INCOME: "Per bulan",
    BenefitBasis.CEILING: "Paling banyak",
    BenefitBasis.AS_NEEDED: "Sesuai kebutuhan",
}

# Field names as the clerk sees them, for messages that name the field.
CLAIM_FIELDS = {
    "claim_type": "Jenis klaim",
    "event_date": "Tanggal kejadian",
    "event_time": "Jam kejadian",
    "event_place": "Tempat kejadian",
    "description": "Kronologi singkat",
    "accident_context": "Saat kejadian",
    "injuries": "Luka/cedera",
    "treatment_place": "Tempat perawatan",
    "witnesses": "Saksi",
    "traffic_accident": "Kecelakaan lalu lintas",
    "police_report_number": "No. laporan polisi",
    "jkk_outcome": "Keadaan akhir",
    "disability_percent": "Persentase cacat",
    "death_date": "Tanggal meninggal",
    "cause_of_death": "Sebab kematian",
    "reported_income": "Penghasilan dilaporkan",
    "first_report_at": "Laporan tahap I ke BPJS",
}


def rate_text(rate: RateRow) -> str:
    """A benefit table row's figure in words: how much, or on what it is counted."""
    basis = BENEFIT_BASIS[rate.basis]
    if rate.multiplier:
        floor = f", min. {rupiah_whole(rate.minimum)}" if rate.minimum else ""
        return f"{basis} × {rate.multiplier}{floor}"
    level = f" ({EDUCATION_LEVEL[rate.education_level]})" if rate.education_level else ""
    return f"{basis} {rupiah_whole(rate.amount)}{level}" if rate.amount else basis
