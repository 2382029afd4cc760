"""The clerk's words for what the audit trail stores: tables, columns and coded values.

The trail keeps column names and codes as stored ("claim_type", "status_since",
"jkm"); the audit view, the history tabs and the audit export show these labels
instead. A column with no label here is shown with its name made readable, never
with an underscore.
"""

from __future__ import annotations

import re
from datetime import datetime, tzinfo
from typing import Any

from services.claims.labels import (
    ACCIDENT_CONTEXT,
    CLAIM_FIELDS,
    CLAIM_STATUS,
    CLAIM_TYPE,
    EDUCATION_LEVEL,
    JKK_OUTCOME,
)
from services.core.office_time import moment_text
from services.core.permissions import ROLE_LABELS
from services.documents.types import KIND_LABELS, SIFAT_LABELS, STATUS_LABELS
from services.text.labels import (
    CARD_LAYOUT,
    FUNDING,
    GENDER,
    HEIR_RELATION,
    RECIPIENT,
    REPRINT_REASON,
    WORKER_FIELDS,
    WORKER_STATUS,
)

_ISO_MOMENT = re.compile(r"^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}")

# Tables whose rows the trail names, beyond services.audit.query.ENTITY_LABELS.
MORE_ENTITIES = {
    "card_batch": "Cetakan kartu",
    "card_print_batch": "Cetakan kartu",
    "card_print": "Kartu peserta",
    "card_key": "Kunci kartu",
    "claim_attachment": "Pindaian dokumen klaim",
    "claim_status_change": "Riwayat status klaim",
    "document_file": "Berkas surat",
    "letter_counter": "Penomoran surat",
    "bpjs_list_entry": "Baris daftar tertagih BPJS",
    "import_column_map": "Pemetaan kolom impor",
    "occupation": "Pekerjaan",
    "region": "Wilayah",
    # Written by the database's triggers on both engines (migrations 0012, 0014, 0016).
    "coverage_period": "Periode kepesertaan",
    "worker_status_event": "Riwayat status peserta",
    "import_batch_row": "Baris impor",
    "office_image": "Gambar kantor",
}

FIELD_LABELS: dict[str, str] = {
    **WORKER_FIELDS,
    **CLAIM_FIELDS,
    "kecamatan_code": "Kecamatan",
    "occupation_id": "Pekerjaan",
    "relation": "Hubungan",
    "bank_name": "Nama bank",
    "bank_account_number": "No. rekening",
    "bank_account_holder": "Atas nama rekening",
    "username": "Nama pengguna",
    "role": "Peran",
    "active": "Aktif",
    "password_hash": "Kata sandi",
    "must_change_password": "Wajib ganti kata sandi",
    "key": "Pengaturan",
    "value": "Nilai",
    # claims
    "status_since": "Status sejak",
    "status_at": "Waktu status",
    "status_by": "Status oleh",
    "from_status": "Dari status",
    "to_status": "Ke status",
    "note": "Catatan",
    "eligible": "Memenuhi syarat",
    "ineligible_reason": "Alasan tidak memenuhi syarat",
    "estimated_benefit": "Perkiraan manfaat",
    "report_deadline_at": "Batas laporan tahap I",
    "letter_number": "Nomor surat",
    "letter_date": "Tanggal surat",
    "submitted_on": "Tanggal diajukan",
    "decided_on": "Tanggal keputusan",
    "decision_note": "Catatan keputusan",
    "paid_on": "Tanggal dibayar",
    "paid_amount": "Jumlah dibayar",
    "paid_to_name": "Dibayar kepada",
    "paid_bank_name": "Bank pembayaran",
    "paid_account_number": "No. rekening pembayaran",
    "paid_account_holder": "Atas nama rekening pembayaran",
    "item_code": "Dokumen",
    "received": "Diterima",
    "received_on": "Tanggal diterima",
    "education_level": "Jenjang pendidikan",
    "step_back": "Langkah mundur",
    "file_name": "Nama berkas",
    "file_size": "Ukuran berkas",
    "content_type": "Jenis berkas",
    "sha256": "Sidik berkas (SHA-256)",
    "label": "Nama",
    "hint": "Petunjuk",
    "condition": "Syarat",
    "required": "Wajib",
    "sort_order": "Urutan",
    "code": "Kode",
    "basis": "Dasar perhitungan",
    "amount": "Jumlah",
    "multiplier": "Pengali",
    "minimum": "Paling sedikit",
    "level": "Jenjang",
    "max_years": "Paling lama (tahun)",
    "valid_from": "Berlaku mulai",
    "valid_to": "Berlaku sampai",
    "jkk": "JKK",
    "jkm": "JKM",
    # letters and the agreement
    "number": "Nomor",
    "series": "Seri nomor",
    "sequence": "Urutan nomor",
    "year": "Tahun",
    "kind": "Jenis",
    "sifat": "Sifat",
    "subject": "Hal",
    "addressee": "Tujuan",
    "document_date": "Tanggal surat",
    "signatory_id": "Penandatangan",
    "signatory_name": "Penandatangan",
    "regional_head": "Kepala daerah (Bupati)",
    "name": "Nama",
    "position": "Jabatan",
    "rank": "Pangkat/golongan",
    "nip": "NIP",
    "on_behalf_of": "Atas nama (a.n.)",
    "replaces_id": "Mengganti surat",
    "page_count": "Jumlah halaman",
    "page_size": "Ukuran kertas",
    "pdf_sha256": "Sidik PDF (SHA-256)",
    "body": "Isi",
    "content": "Isi",
    "fields": "Isian",
    "reason": "Alasan",
    # cards
    "card_count": "Jumlah kartu",
    "skipped_count": "Dilewati",
    "layout": "Tata letak",
    "backs": "Dengan sisi belakang",
    "start_position": "Mulai di posisi",
    "reprint_reason": "Alasan cetak ulang",
    "reprint_count": "Cetak ulang ke-",
    "printed_at": "Waktu cetak",
    "handed_over_on": "Tanggal serah terima",
    "handed_over_by": "Diserahkan oleh",
    "recipient": "Penerima",
    "recipient_name": "Nama penerima",
    "selection": "Pilihan",
    # premiums
    "period": "Periode",
    "bill_number": "No. tagihan",
    "bill_date": "Tanggal tagihan",
    "workers_billed": "Peserta ditagih",
    "budget_code": "Kode anggaran",
    "reference": "Referensi",
    "bill_id": "Tagihan",
    # imports
    "new_count": "Baru",
    "update_count": "Diperbarui",
    "updated_count": "Diperbarui",
    "inserted_count": "Ditambahkan",
    "warning_count": "Dengan catatan",
    "rejected_count": "Ditolak",
    "ignored_count": "Diabaikan",
    "unreadable_count": "Tak terbaca",
    "row_count": "Jumlah baris",
    "data_rows": "Baris data",
    "sheet_name": "Lembar",
    "file_sha256": "Sidik berkas (SHA-256)",
    "on_existing": "Bila sudah terdaftar",
    "needs_approval": "Perlu persetujuan",
    "approved_at": "Disetujui pada",
    "approved_by": "Disetujui oleh",
    "committed_at": "Disimpan pada",
    "committed_by": "Disimpan oleh",
    "undone_at": "Dibatalkan pada",
    "undone_by": "Dibatalkan oleh",
    "decided_at": "Diputuskan pada",
    "decided_by": "Diputuskan oleh",
    "other_nik": "NIK lain",
    "other_worker_id": "Peserta lain",
    "decision": "Keputusan",
    "created_at": "Dibuat pada",
    "updated_at": "Diubah pada",
    "changed_at": "Diubah pada",
    "changed_by": "Diubah oleh",
    "attached_at": "Dilampirkan pada",
    "attached_by": "Dilampirkan oleh",
    # coverage periods and status events
    "start_date": "Mulai",
    "end_date": "Berakhir",
    "planned_end": "Rencana berakhir",
    "ended_by_event_id": "Diakhiri oleh peristiwa",
    "source": "Sumber",
    "source_ref": "Rujukan sumber",
    "effective_date": "Tanggal berlaku",
    "cancelled_at": "Dibatalkan pada",
    "cancelled_by": "Dibatalkan oleh",
    "cancel_reason": "Alasan pembatalan",
    # office images
    "media_type": "Jenis gambar",
    "width": "Lebar (piksel)",
    "height": "Tinggi (piksel)",
    "size_bytes": "Ukuran (bita)",
}

# Coded values per column, as the forms name them.
_CODES: dict[str, dict[Any, str]] = {
    "gender": {g.value: label for g, label in GENDER.items()},
    "funding": {f.value: label for f, label in FUNDING.items()},
    "relation": {r.value: label for r, label in HEIR_RELATION.items()},
    "role": {r.value: label for r, label in ROLE_LABELS.items()},
    "claim_type": {t.value: label for t, label in CLAIM_TYPE.items()},
    "from_status": {s.value: label for s, label in CLAIM_STATUS.items()},
    "to_status": {s.value: label for s, label in CLAIM_STATUS.items()},
    "jkk_outcome": {o.value: label for o, label in JKK_OUTCOME.items()},
    "accident_context": {c.value: label for c, label in ACCIDENT_CONTEXT.items()},
    "education_level": {e.value: label for e, label in EDUCATION_LEVEL.items()},
    "kind": {k.value: label for k, label in KIND_LABELS.items()},
    "sifat": {s.value: label for s, label in SIFAT_LABELS.items()},
    "reprint_reason": {r.value: label for r, label in REPRINT_REASON.items()},
    "recipient": {r.value: label for r, label in RECIPIENT.items()},
    "layout": {layout.value: label for layout, label in CARD_LAYOUT.items()},
    "source": {
        "import": "Impor Excel",
        "bpjs": "BPJS",
        "clerk": "Petugas",
        "migration": "Pemindahan data lama",
        "status": "Perubahan status",
        "claim": "Klaim",
    },
}
# "status" means a different list on each table.
_STATUS_BY_ENTITY: dict[str, dict[Any, str]] = {
    "worker": {s.value: label for s, label in WORKER_STATUS.items()},
    "claim": {s.value: label for s, label in CLAIM_STATUS.items()},
    "issued_document": {s.value: label for s, label in STATUS_LABELS.items()},
    "worker_status_event": {s.value: label for s, label in WORKER_STATUS.items()},
}


def field_label(name: str) -> str:
    """A column as the clerk calls it ("status_since" → "Status sejak")."""
    if name in FIELD_LABELS:
        return FIELD_LABELS[name]
    return name.replace("_", " ").capitalize()


def coded_value(entity: str, name: str, value: Any) -> str | None:
    """The label of a coded value, or None when the column holds no code."""
    codes = _STATUS_BY_ENTITY.get(entity) if name == "status" else _CODES.get(name)
    if codes is None:
        return None
    return codes.get(value, str(value))


def local_moment(value: str, zone: tzinfo) -> str | None:
    """An ISO timestamp (stored in UTC) as a clerk reads it, on the office's clock:
    "07-12-2026 08.22 WITA". SQLite's triggers write the moment as stored, with a space
    ("2026-12-07 00:22:42.112593"), Python and PostgreSQL with a "T" and the offset."""
    if not _ISO_MOMENT.match(value):
        return None
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        return None
    return moment_text(moment, zone)
