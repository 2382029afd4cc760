"""Claim files: claims, their heirs, documents, scans and status history; the editable
document checklist and benefit table, seeded from PP 82/2019 and the domain notes.

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-24

On PostgreSQL, operators and administrators (Permission.CLAIMS) keep claim files; a
verifikator reads them and may take the verification step (the claim's status
columns and a history row); a viewer sees claims without health details, bank
accounts, heirs' NIKs or scans. Claims follow their worker's kecamatan limit
(row-level security), their heirs, documents, scans and history follow the claim.
Administrators edit the checklist and the benefit table.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

import sqlalchemy as sa
from alembic import op

from models.base import NAMING_CONVENTION

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

REFERENCE_TABLES = ("claim_checklist_item", "claim_benefit_rate")
CLAIM_TABLES = ("claim", "claim_heir", "claim_document", "claim_attachment", "claim_status_change")
NEW_TABLES = REFERENCE_TABLES + CLAIM_TABLES

CLAIM_STATUSES = [
    "draft",
    "berkas_lengkap",
    "diajukan",
    "disetujui",
    "ditolak",
    "dibayar",
    "selesai",
    "dibatalkan",
]
LEVELS = ["tk_sd", "smp", "sma", "pt"]


def _code_enum(name: str, values: list[str]) -> sa.Enum:
    return sa.Enum(*values, name=name, native_enum=False, create_constraint=True, length=16)


def _tables(meta: sa.MetaData) -> None:
    ts = sa.DateTime(timezone=True)
    # Only as targets of foreign keys; earlier migrations made the real tables.
    sa.Table("worker", meta, sa.Column("id", sa.Integer, primary_key=True))
    sa.Table("heir", meta, sa.Column("id", sa.Integer, primary_key=True))
    sa.Table(
        "claim_checklist_item",
        meta,
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("claim_type", _code_enum("claim_type", ["jkk", "jkm"]), nullable=False),
        sa.Column("code", sa.String(40), nullable=False),
        sa.Column("label", sa.String(200), nullable=False),
        sa.Column("hint", sa.String(300)),
        sa.Column("condition", sa.String(80), nullable=False),
        sa.Column("required", sa.Boolean, nullable=False),
        sa.Column("sort_order", sa.Integer, nullable=False),
        sa.Column("active", sa.Boolean, nullable=False),
        sa.Column("updated_at", ts, nullable=False),
        sa.Column("updated_by", sa.String(64)),
        sa.UniqueConstraint("claim_type", "code"),
    )
    sa.Table(
        "claim_benefit_rate",
        meta,
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("code", sa.String(40), nullable=False),
        sa.Column("label", sa.String(200), nullable=False),
        sa.Column("condition", sa.String(40), nullable=False),
        sa.Column(
            "basis",
            _code_enum(
                "benefit_basis",
                [
                    "tetap",
                    "kali_upah",
                    "per_tahun",
                    "per_bulan",
                    "paling_banyak",
                    "sesuai_kebutuhan",
                ],
            ),
            nullable=False,
        ),
        sa.Column("amount", sa.BigInteger),
        sa.Column("multiplier", sa.Integer),
        sa.Column("minimum", sa.BigInteger),
        sa.Column("education_level", _code_enum("education_level", LEVELS)),
        sa.Column("max_years", sa.Integer),
        sa.Column("valid_from", sa.Date, nullable=False),
        sa.Column("valid_to", sa.Date),
        sa.Column("sort_order", sa.Integer, nullable=False),
        sa.Column("updated_at", ts, nullable=False),
        sa.Column("updated_by", sa.String(64)),
        sa.UniqueConstraint("code", "valid_from"),
    )
    sa.Table(
        "claim",
        meta,
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("worker_id", sa.Integer, sa.ForeignKey("worker.id"), nullable=False, index=True),
        sa.Column("claim_type", _code_enum("claim_type", ["jkk", "jkm"]), nullable=False),
        sa.Column("status", _code_enum("claim_status", CLAIM_STATUSES), nullable=False, index=True),
        sa.Column("status_since", ts, nullable=False),
        sa.Column("event_date", sa.Date, nullable=False),
        sa.Column("event_time", sa.String(5)),
        sa.Column("event_place", sa.String(200)),
        sa.Column("description", sa.Text),
        sa.Column("accident_context", _code_enum("accident_context", ["kerja", "perjalanan"])),
        sa.Column("injuries", sa.Text),
        sa.Column("treatment_place", sa.String(200)),
        sa.Column("witnesses", sa.Text),
        sa.Column("traffic_accident", sa.Boolean, nullable=False),
        sa.Column("police_report_number", sa.String(60)),
        sa.Column(
            "jkk_outcome",
            _code_enum(
                "jkk_outcome",
                ["perawatan", "sembuh", "cacat_sebagian", "cacat_total", "meninggal"],
            ),
        ),
        sa.Column("disability_percent", sa.Integer),
        sa.Column("death_date", sa.Date),
        sa.Column("cause_of_death", sa.String(200)),
        sa.Column("reported_income", sa.BigInteger),
        sa.Column("first_report_at", ts),
        sa.Column("report_deadline_at", ts),
        sa.Column("eligible", sa.Boolean, nullable=False),
        sa.Column("ineligible_reason", sa.String(300)),
        sa.Column("submitted_on", sa.Date),
        sa.Column("letter_number", sa.String(80)),
        sa.Column("letter_date", sa.Date),
        sa.Column("decided_on", sa.Date),
        sa.Column("decision_note", sa.String(300)),
        sa.Column("paid_on", sa.Date),
        sa.Column("paid_amount", sa.BigInteger),
        sa.Column("paid_to_name", sa.String(120)),
        sa.Column("paid_bank_name", sa.String(60)),
        sa.Column("paid_account_number", sa.String(30)),
        sa.Column("paid_account_holder", sa.String(120)),
        sa.Column("notes", sa.Text),
        sa.Column("created_at", ts, nullable=False),
        sa.Column("created_by", sa.String(64)),
        sa.Column("updated_at", ts, nullable=False),
        sa.Column("updated_by", sa.String(64)),
        sa.Column("version", sa.Integer, nullable=False),
    )
    sa.Table(
        "claim_heir",
        meta,
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column(
            "claim_id",
            sa.Integer,
            sa.ForeignKey("claim.id", ondelete="CASCADE"),
            nullable=False,
            index=True,
        ),
        sa.Column("heir_id", sa.Integer, sa.ForeignKey("heir.id", ondelete="SET NULL"), index=True),
        sa.Column("full_name", sa.String(120), nullable=False),
        sa.Column("nik", sa.String(16)),
        sa.Column(
            "relation",
            _code_enum(
                "claim_heir_relation",
                [
                    "suami_istri",
                    "anak",
                    "orang_tua",
                    "cucu",
                    "kakek_nenek",
                    "saudara",
                    "mertua",
                    "wasiat",
                    "lainnya",
                ],
            ),
            nullable=False,
        ),
        sa.Column("birth_date", sa.Date),
        sa.Column("phone", sa.String(20)),
        sa.Column("address", sa.String(200)),
        sa.Column("bank_name", sa.String(60)),
        sa.Column("bank_account_number", sa.String(30)),
        sa.Column("bank_account_holder", sa.String(120)),
        sa.Column("education_level", _code_enum("education_level", LEVELS)),
        sa.Column("note", sa.String(200)),
        sa.Column("created_at", ts, nullable=False),
        sa.Column("updated_at", ts, nullable=False),
    )
    sa.Table(
        "claim_document",
        meta,
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column(
            "claim_id",
            sa.Integer,
            sa.ForeignKey("claim.id", ondelete="CASCADE"),
            nullable=False,
            index=True,
        ),
        sa.Column("item_code", sa.String(40), nullable=False),
        sa.Column("received", sa.Boolean, nullable=False),
        sa.Column("received_on", sa.Date),
        sa.Column("note", sa.String(300)),
        sa.Column("file_name", sa.String(255)),
        sa.Column("content_type", sa.String(40)),
        sa.Column("file_size", sa.Integer),
        sa.Column("file_sha256", sa.String(64)),
        sa.Column("attached_at", ts),
        sa.Column("attached_by", sa.String(64)),
        sa.Column("updated_at", ts, nullable=False),
        sa.Column("updated_by", sa.String(64)),
        sa.UniqueConstraint("claim_id", "item_code"),
    )
    sa.Table(
        "claim_attachment",
        meta,
        sa.Column(
            "document_id",
            sa.Integer,
            sa.ForeignKey("claim_document.id", ondelete="CASCADE"),
            primary_key=True,
            autoincrement=False,
        ),
        sa.Column("content", sa.LargeBinary, nullable=False),
    )
    sa.Table(
        "claim_status_change",
        meta,
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column(
            "claim_id",
            sa.Integer,
            sa.ForeignKey("claim.id", ondelete="CASCADE"),
            nullable=False,
            index=True,
        ),
        sa.Column("from_status", _code_enum("from_status", CLAIM_STATUSES)),
        sa.Column("to_status", _code_enum("to_status", CLAIM_STATUSES), nullable=False),
        sa.Column("step_back", sa.Boolean, nullable=False),
        sa.Column("changed_at", ts, nullable=False),
        sa.Column("changed_by", sa.String(64)),
        sa.Column("note", sa.String(300)),
    )


# --- seeds: the editable tables as the domain notes give them -------------------------

# (code, label, hint, condition, required)
_DEATH_PAPERS = [
    (
        "ktp_ahli_waris",
        "e-KTP ahli waris",
        "KTP elektronik ahli waris yang akan menerima uang, asli dan fotokopi.",
        "",
        True,
    ),
    (
        "akta_kematian",
        "Akta kematian atau surat keterangan kematian",
        "Akta kematian dari Dukcapil, atau surat keterangan kematian dari rumah sakit "
        "atau kantor desa/kelurahan.",
        "",
        True,
    ),
    (
        "surat_ahli_waris",
        "Surat keterangan ahli waris",
        "Dibuat oleh lurah atau kepala desa dan diketahui camat.",
        "",
        True,
    ),
    (
        "buku_nikah",
        "Buku nikah / akta perkawinan",
        "Diperlukan bila ahli warisnya suami atau istri.",
        "pasangan",
        True,
    ),
]
_CARD = (
    "kartu_peserta",
    "Kartu peserta BPJS Ketenagakerjaan",
    "Kartu peserta atau tampilan kartu digital (aplikasi JMO).",
    "",
    True,
)
_KK = (
    "kartu_keluarga",
    "Kartu Keluarga",
    "Kartu Keluarga yang memuat nama peserta dan ahli waris, asli dan fotokopi.",
    "",
    True,
)
_BANK = (
    "buku_tabungan",
    "Buku tabungan penerima",
    "Halaman depan buku tabungan atas nama penerima uang (misalnya Bank NTT).",
    "",
    True,
)
_NPWP = (
    "npwp",
    "NPWP penerima",
    "Diperlukan bila uang yang dibayar lebih dari Rp50.000.000.",
    "npwp",
    True,
)
_SCHOLARSHIP = [
    (
        "akta_lahir_anak",
        "Akta kelahiran anak penerima beasiswa",
        "Akta kelahiran tiap anak yang diajukan untuk beasiswa.",
        "beasiswa",
        True,
    ),
    (
        "bukti_sekolah",
        "Surat keterangan sekolah/kuliah anak",
        "Surat keterangan masih bersekolah atau kuliah dari sekolah/kampus tiap anak.",
        "beasiswa",
        True,
    ),
]

CHECKLIST = {
    "jkm": [
        _CARD,
        (
            "ktp_peserta",
            "e-KTP peserta yang meninggal",
            "KTP elektronik almarhum/almarhumah, asli dan fotokopi.",
            "",
            True,
        ),
        _DEATH_PAPERS[0],
        _DEATH_PAPERS[1],
        _KK,
        _DEATH_PAPERS[2],
        _DEATH_PAPERS[3],
        _BANK,
        _NPWP,
        *_SCHOLARSHIP,
    ],
    # BPJS has not published the BPU list: confirm with KC Atambua and edit.
    "jkk": [
        _CARD,
        ("ktp_peserta", "e-KTP peserta", "KTP elektronik peserta, asli dan fotokopi.", "", True),
        _KK,
        (
            "kronologi",
            "Kronologi kecelakaan",
            "Cerita kejadian kecelakaan, ditandatangani saksi dan diketahui RT atau kepala desa.",
            "",
            True,
        ),
        (
            "laporan_polisi",
            "Laporan polisi",
            "Diperlukan untuk kecelakaan lalu lintas.",
            "lalu_lintas",
            True,
        ),
        (
            "keterangan_dokter",
            "Surat keterangan dokter",
            "Dari dokter atau puskesmas/rumah sakit yang merawat.",
            "",
            True,
        ),
        (
            "kuitansi",
            "Kuitansi biaya berobat atau transportasi",
            "Bila ada biaya berobat atau transportasi yang dibayar sendiri.",
            "",
            False,
        ),
        _BANK,
        *[(c, lbl, h, ("meninggal " + cond).strip(), r) for c, lbl, h, cond, r in _DEATH_PAPERS],
        _NPWP,
        *_SCHOLARSHIP,
    ],
}

PP_82_2019 = date(2019, 12, 2)

# (code, label, condition, basis, amount, multiplier, minimum, level, max_years)
BENEFITS = [
    ("jkm_santunan_sekaligus", "Santunan kematian sekaligus", "jkm_penuh", "tetap", 20_000_000),
    (
        "jkm_santunan_berkala",
        "Santunan berkala (dibayar sekaligus)",
        "jkm_penuh",
        "tetap",
        12_000_000,
    ),
    ("jkm_biaya_pemakaman", "Biaya pemakaman", "jkm_penuh", "tetap", 10_000_000),
    (
        "jkm_awal_santunan",
        "Santunan kematian (kepesertaan < 3 bulan)",
        "jkm_awal",
        "tetap",
        8_000_000,
    ),
    (
        "jkm_awal_pemakaman",
        "Biaya pemakaman (kepesertaan < 3 bulan)",
        "jkm_awal",
        "tetap",
        2_000_000,
    ),
    (
        "jkk_santunan_kematian",
        "Santunan kematian karena kecelakaan kerja (48 × penghasilan)",
        "jkk_meninggal",
        "kali_upah",
        None,
        48,
        20_000_000,
    ),
    ("jkk_biaya_pemakaman", "Biaya pemakaman", "jkk_meninggal", "tetap", 10_000_000),
    (
        "jkk_santunan_berkala",
        "Santunan berkala (dibayar sekaligus)",
        "jkk_meninggal",
        "tetap",
        12_000_000,
    ),
    (
        "jkk_cacat_total",
        "Santunan cacat total tetap (56 × penghasilan)",
        "jkk_cacat_total",
        "kali_upah",
        None,
        56,
    ),
    (
        "jkk_cacat_sebagian",
        "Santunan cacat sebagian (80 × penghasilan × persentase cacat)",
        "jkk_cacat_sebagian",
        "kali_upah",
        None,
        80,
    ),
    ("jkk_perawatan", "Perawatan dan pengobatan sesuai kebutuhan medis", "jkk", "sesuai_kebutuhan"),
    (
        "jkk_stmb",
        "Santunan sementara tidak mampu bekerja (12 bulan pertama, lalu 50%)",
        "jkk",
        "per_bulan",
        None,
        1,
    ),
    (
        "jkk_homecare",
        "Perawatan di rumah (paling lama 1 tahun)",
        "jkk",
        "paling_banyak",
        20_000_000,
    ),
    ("jkk_angkutan_darat", "Angkutan darat/sungai", "jkk", "paling_banyak", 5_000_000),
    ("jkk_angkutan_laut", "Angkutan laut", "jkk", "paling_banyak", 2_000_000),
    ("jkk_angkutan_udara", "Angkutan udara", "jkk", "paling_banyak", 10_000_000),
    (
        "beasiswa_tk_sd",
        "Beasiswa TK–SD",
        "beasiswa",
        "per_tahun",
        1_500_000,
        None,
        None,
        "tk_sd",
        8,
    ),
    ("beasiswa_smp", "Beasiswa SMP", "beasiswa", "per_tahun", 2_000_000, None, None, "smp", 3),
    ("beasiswa_sma", "Beasiswa SMA", "beasiswa", "per_tahun", 3_000_000, None, None, "sma", 3),
    (
        "beasiswa_pt",
        "Beasiswa perguruan tinggi/pelatihan",
        "beasiswa",
        "per_tahun",
        12_000_000,
        None,
        None,
        "pt",
        5,
    ),
]


def _seed(meta: sa.MetaData) -> None:
    now = datetime.now(UTC)
    checklist = [
        {
            "claim_type": claim_type,
            "code": code,
            "label": label,
            "hint": hint,
            "condition": condition,
            "required": required,
            "sort_order": (index + 1) * 10,
            "active": True,
            "updated_at": now,
        }
        for claim_type, items in CHECKLIST.items()
        for index, (code, label, hint, condition, required) in enumerate(items)
    ]
    rates = []
    for index, row in enumerate(BENEFITS):
        code, label, condition, basis, *rest = row
        amount, multiplier, minimum, level, max_years = [*rest, None, None, None, None, None][:5]
        rates.append(
            {
                "code": code,
                "label": label,
                "condition": condition,
                "basis": basis,
                "amount": amount,
                "multiplier": multiplier,
                "minimum": minimum,
                "education_level": level,
                "max_years": max_years,
                "valid_from": PP_82_2019,
                "valid_to": None,
                "sort_order": (index + 1) * 10,
                "updated_at": now,
            }
        )
    for name, rows in (("claim_checklist_item", checklist), ("claim_benefit_rate", rates)):
        op.get_bind().execute(meta.tables[name].insert(), rows)


# --- PostgreSQL: grants and row-level security ----------------------------------------

WRITERS = "sirentan_admin, sirentan_operator"
GROUPS = "sirentan_admin, sirentan_operator, sirentan_verifikator, sirentan_viewer"

# What a viewer may read of a claim: no health details, free texts, or bank accounts.
CLAIM_PUBLIC = (
    "id, worker_id, claim_type, status, status_since, event_date, event_time, event_place, "
    "accident_context, traffic_accident, jkk_outcome, death_date, reported_income, "
    "first_report_at, report_deadline_at, eligible, ineligible_reason, submitted_on, "
    "letter_number, letter_date, decided_on, paid_on, paid_amount, paid_to_name, "
    "created_at, created_by, updated_at, updated_by, version"
)
CLAIM_HEIR_PUBLIC = (
    "id, claim_id, heir_id, full_name, relation, birth_date, education_level, "
    "created_at, updated_at"
)
CLAIM_DOCUMENT_PUBLIC = (
    "id, claim_id, item_code, received, received_on, content_type, file_size, attached_at, "
    "updated_at"
)
# The verification step: status columns only, plus the recomputed eligibility.
VERIFIER_CLAIM_UPDATE = (
    "status, status_since, eligible, ineligible_reason, report_deadline_at, "
    "updated_at, updated_by, version"
)


def _policy(table: str, parent: str, key: str, parent_key: str = "id") -> str:
    condition = f"EXISTS (SELECT 1 FROM {parent} p WHERE p.{parent_key} = {table}.{key})"
    return f"CREATE POLICY {table}_visible ON {table} USING ({condition}) WITH CHECK ({condition})"


POSTGRESQL = [
    *(f"ALTER TABLE {table} ENABLE ROW LEVEL SECURITY" for table in CLAIM_TABLES),
    _policy("claim", "worker", "worker_id"),
    _policy("claim_heir", "claim", "claim_id"),
    _policy("claim_document", "claim", "claim_id"),
    _policy("claim_status_change", "claim", "claim_id"),
    _policy("claim_attachment", "claim_document", "document_id"),
    f"GRANT SELECT ON claim_checklist_item, claim_benefit_rate TO {GROUPS}",
    "GRANT INSERT, UPDATE ON claim_checklist_item, claim_benefit_rate TO sirentan_admin",
    "GRANT USAGE ON SEQUENCE claim_checklist_item_id_seq, claim_benefit_rate_id_seq "
    "TO sirentan_admin",
    f"GRANT SELECT, INSERT, UPDATE ON claim, claim_document TO {WRITERS}",
    f"GRANT SELECT, INSERT, UPDATE, DELETE ON claim_heir, claim_attachment TO {WRITERS}",
    # History is written once and never edited.
    f"GRANT SELECT, INSERT ON claim_status_change TO {WRITERS}",
    "GRANT USAGE ON SEQUENCE claim_id_seq, claim_heir_id_seq, claim_document_id_seq, "
    f"claim_status_change_id_seq TO {WRITERS}",
    "GRANT SELECT ON claim, claim_heir, claim_document, claim_attachment, claim_status_change "
    "TO sirentan_verifikator",
    f"GRANT UPDATE ({VERIFIER_CLAIM_UPDATE}) ON claim TO sirentan_verifikator",
    "GRANT INSERT ON claim_status_change TO sirentan_verifikator",
    "GRANT USAGE ON SEQUENCE claim_status_change_id_seq TO sirentan_verifikator",
    f"GRANT SELECT ({CLAIM_PUBLIC}) ON claim TO sirentan_viewer",
    f"GRANT SELECT ({CLAIM_HEIR_PUBLIC}) ON claim_heir TO sirentan_viewer",
    f"GRANT SELECT ({CLAIM_DOCUMENT_PUBLIC}) ON claim_document TO sirentan_viewer",
    "GRANT SELECT ON claim_status_change TO sirentan_viewer",
]


def upgrade() -> None:
    bind = op.get_bind()
    meta = sa.MetaData(naming_convention=NAMING_CONVENTION)
    _tables(meta)
    meta.create_all(bind, tables=[meta.tables[name] for name in NEW_TABLES])
    _seed(meta)
    if bind.dialect.name == "postgresql":
        for statement in POSTGRESQL:
            op.execute(statement)


def downgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "postgresql":
        op.execute(f"REVOKE ALL ON {', '.join(NEW_TABLES)} FROM {GROUPS}")
    for table in reversed(NEW_TABLES):
        op.drop_table(table)
