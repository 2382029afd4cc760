"""Indonesian labels for stored codes, in one place for the GUI, CLI and documents."""

from __future__ import annotations

from models.enums import (
    CardLayout,
    CardStatus,
    FundingSource,
    Gender,
    HeirRelation,
    ImageKind,
    Recipient,
    ReprintReason,
    WorkerStatus,
)

GENDER = {Gender.MALE: "Laki-laki", Gender.FEMALE: "Perempuan"}

WORKER_STATUS = {
    WorkerStatus.ACTIVE: "Aktif",
    WorkerStatus.INACTIVE: "Nonaktif",
    WorkerStatus.DECEASED: "Meninggal",
}

FUNDING = {
    FundingSource.APBD_KABUPATEN: "APBD Kabupaten",
    FundingSource.APBD_PROVINSI: "APBD Provinsi",
    FundingSource.DANA_DESA: "Dana Desa",
    FundingSource.MANDIRI: "Mandiri",
}

HEIR_RELATION = {
    HeirRelation.SPOUSE: "Suami/Istri",
    HeirRelation.CHILD: "Anak",
    HeirRelation.PARENT: "Orang tua",
    HeirRelation.SIBLING: "Saudara",
    HeirRelation.OTHER: "Lainnya",
}

# Field names as the clerk sees them, for messages that name the field.
WORKER_FIELDS = {
    "nik": "NIK",
    "kk_number": "No. KK",
    "full_name": "Nama lengkap",
    "birth_place": "Tempat lahir",
    "birth_date": "Tanggal lahir",
    "gender": "Jenis kelamin",
    "address": "Alamat",
    "rt": "RT",
    "rw": "RW",
    "village_code": "Desa/Kelurahan",
    "occupation_code": "Pekerjaan",
    "phone": "No. HP",
    "kpj": "No. KPJ",
    "funding": "Sumber dana",
    "coverage_start": "Mulai kepesertaan",
    "coverage_end": "Akhir kepesertaan",
    "status": "Status",
    "status_reason": "Alasan status",
    "status_date": "Tanggal status",
    "notes": "Catatan",
}

REPRINT_REASON = {
    ReprintReason.LOST: "Hilang",
    ReprintReason.DAMAGED: "Rusak",
    ReprintReason.CORRECTED: "Data diperbaiki",
}

CARD_STATUS = {
    CardStatus.PRINTED: "Dicetak, belum diserahkan",
    CardStatus.HANDED_OVER: "Sudah diserahkan",
    CardStatus.SUPERSEDED: "Diganti cetak ulang",
}

RECIPIENT = {Recipient.WORKER: "Peserta sendiri", Recipient.VILLAGE_OFFICE: "Kantor desa"}

CARD_LAYOUT = {CardLayout.A4: "Lembar A4 (10 kartu)", CardLayout.CR80: "Printer kartu PVC (CR80)"}

IMAGE_TITLES = {
    ImageKind.EMBLEM: "Lambang daerah (kop surat)",
    ImageKind.REGIONAL_HEAD: "Lambang kop kepala daerah",
    ImageKind.CARD_LOGO: "Logo kartu peserta",
}

# The condition codes of a claim's checklist item (services/claims/checklist.py) and of a
# benefit table row (services/claims/benefits.py).
CHECKLIST_CONDITIONS = {
    "meninggal": "peserta meninggal dunia",
    "pasangan": "ahli waris suami/istri",
    "beasiswa": "ada anak penerima beasiswa",
    "npwp": "manfaat di atas batas NPWP",
    "lalu_lintas": "kecelakaan lalu lintas",
}
BENEFIT_CONDITIONS = {
    "jkm_penuh": "JKM, masa kepesertaan cukup",
    "jkm_awal": "JKM, masa kepesertaan baru beberapa bulan",
    "jkk": "setiap klaim JKK",
    "jkk_meninggal": "JKK, peserta meninggal",
    "jkk_cacat_total": "JKK, cacat total tetap",
    "jkk_cacat_sebagian": "JKK, cacat sebagian",
    "beasiswa": "tiap anak penerima beasiswa",
}
