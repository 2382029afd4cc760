"""Reading the audit trail: a record's history, the administrators' audit view, its export."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field, replace
from datetime import date, datetime, time, timedelta, tzinfo
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from sqlalchemy import Table, and_, or_, select

import services.text.xlsx_cells as xlsx_cells
from models import AuditEntry
from models.views import audit_log_masked
from services.audit.labels import MORE_ENTITIES, coded_value, field_label, local_moment
from services.audit.trail import Action, record_event
from services.core.context import ServiceContext
from services.core.file_output import atomic_path, save_workbook
from services.core.office_time import WITA, office_zone, on_office_clock, zone_name
from services.core.permissions import Permission
from services.core.unit_of_work import read_session, unit_of_work
from services.documents.types import KIND_LABELS
from services.settings.catalog import SPECS
from services.text.labels import FUNDING

MAX_ROWS = 5000

ACTION_LABELS = {
    Action.CREATE: "Tambah",
    Action.UPDATE: "Ubah",
    Action.DELETE: "Hapus",
    Action.STATUS: "Ubah status",
    Action.ACCESS: "Akses data",
    Action.EXPORT: "Ekspor",
    Action.PRINT: "Cetak",
    Action.LOGIN: "Masuk",
    Action.LOGIN_FAILED: "Gagal masuk",
    Action.LOCKED: "Akun dikunci",
    Action.PASSWORD: "Ganti kata sandi",
    "backup": "Cadangan",
    "restore": "Pemulihan",
    "import": "Impor",
    "import_approve": "Setujui impor",
    "import_undo": "Batalkan impor",
    "merge": "Gabung data ganda",
    "twin_different": "Bukan orang yang sama",
}

ENTITY_LABELS = {
    "worker": "Peserta",
    "heir": "Ahli waris",
    "setting": "Pengaturan",
    "user": "Akun",
    "user_kecamatan": "Batas kecamatan akun",
    "audit_log": "Jejak audit",
    "database": "Basis data",
    "import_batch": "Impor Excel",
    "twin_review": "Kemungkinan data ganda",
    "claim": "Klaim",
    "claim_heir": "Ahli waris klaim",
    "claim_document": "Dokumen klaim",
    "claim_checklist_item": "Daftar dokumen klaim",
    "claim_benefit_rate": "Tabel manfaat klaim",
    "premium_rate": "Tarif iuran",
    "premium_bill": "Tagihan iuran BPJS",
    "premium_payment": "Pembayaran iuran",
    "budget_allocation": "Pagu anggaran iuran",
    "bpjs_list": "Daftar peserta tertagih BPJS",
    "report": "Laporan",
    "signatory": "Penandatangan",
    "issued_document": "Buku agenda surat keluar",
    "document_template": "Templat surat",
    **MORE_ENTITIES,
}


@dataclass(frozen=True, slots=True)
class AuditRow:
    id: int
    at: datetime
    user_name: str | None
    workstation: str | None
    action: str
    entity: str
    entity_id: str | None
    summary: str | None
    # field -> (old, new), values as stored (ISO dates, codes)
    changes: dict[str, tuple[Any, Any]]
    # The office's clock (WIB/WITA/WIT): ``at`` is on it, and so are the moments in changes.
    zone: tzinfo = WITA

    @property
    def action_label(self) -> str:
        return ACTION_LABELS.get(self.action, self.action)

    @property
    def entity_label(self) -> str:
        return ENTITY_LABELS.get(self.entity, self.entity)


@dataclass(slots=True)
class AuditFilter:
    date_from: date | None = None
    date_to: date | None = None
    user_name: str | None = None
    action: str | None = None
    entity: str | None = None
    entity_id: str | None = None
    text: str | None = None  # in the record's label
    limit: int = MAX_ROWS
    actions: list[str] = field(default_factory=list)


def worker_history(ctx: ServiceContext, worker_id: int) -> list[AuditRow]:
    """Every entry about a worker and their heirs, newest first (the form's history tab)."""
    ctx.require(Permission.READ_WORKERS)
    key = str(worker_id)
    source = _source(ctx)
    condition = or_(
        and_(source.c.entity == "worker", source.c.entity_id == key),
        and_(source.c.parent_entity == "worker", source.c.parent_id == key),
    )
    with read_session(ctx) as session:
        entries = session.execute(
            select(source).where(condition).order_by(source.c.id.desc()).limit(MAX_ROWS)
        ).all()
        zone = office_zone(session)
        rows = [_row(e, zone) for e in entries]
    if ctx.principal is not None and ctx.principal.masks_identity:
        return [_masked(r) for r in rows]
    return rows


def search_audit(ctx: ServiceContext, criteria: AuditFilter) -> list[AuditRow]:
    ctx.require(Permission.READ_AUDIT)
    with read_session(ctx) as session:
        zone = office_zone(session)
        statement = select(AuditEntry).where(*_conditions(criteria, zone))
        entries = session.scalars(
            statement.order_by(AuditEntry.id.desc()).limit(min(criteria.limit, MAX_ROWS))
        ).all()
        return [_row(e, zone) for e in entries]


def export_audit(ctx: ServiceContext, criteria: AuditFilter, path: Path) -> int:
    """The filtered trail as .xlsx; the export itself is recorded. Returns the row count."""
    rows = search_audit(ctx, criteria)
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Jejak audit")
    # The times are on the office's clock; the header names it ("Waktu (WITA)").
    when = f"Waktu ({zone_name(rows[0].zone)})" if rows else "Waktu"
    header = [when, "Pengguna", "Komputer", "Tindakan", "Data", "No. data", "Keterangan"]
    sheet.freeze_panes = "A2"
    sheet.append(xlsx_cells.row(sheet, [*header, "Perubahan"], bold=True))
    for entry in rows:
        values = [
            entry.at.replace(tzinfo=None),  # already on the office's clock (its header says which)
            entry.user_name,
            entry.workstation,
            entry.action_label,
            entry.entity_label,
            entry.entity_id,
            readable_summary(entry.entity, entry.summary),
            _changes_text(entry.entity, entry.changes, entry.zone),
        ]
        sheet.append(xlsx_cells.row(sheet, values))
    with atomic_path(path) as scratch:
        save_workbook(workbook, scratch)
        with unit_of_work(ctx) as session:
            summary = f"{len(rows)} baris ke {path.name}"
            record_event(session, Action.EXPORT, "audit_log", None, summary)
    return len(rows)


def _source(ctx: ServiceContext) -> Table:
    """On PostgreSQL only administrators read the trail whole; everyone else reads the
    database's masked view (identity and bank numbers masked, their kecamatan only)."""
    if ctx.is_sqlite or (ctx.principal is not None and ctx.principal.can(Permission.READ_AUDIT)):
        return AuditEntry.__table__
    return audit_log_masked


def _conditions(c: AuditFilter, zone: tzinfo) -> list[Any]:
    conditions: list[Any] = []
    if c.date_from:
        conditions.append(AuditEntry.at >= _utc_start(c.date_from, zone))
    if c.date_to:
        conditions.append(AuditEntry.at < _utc_start(c.date_to + timedelta(days=1), zone))
    if c.user_name:
        conditions.append(AuditEntry.user_name == c.user_name)
    if c.action:
        conditions.append(AuditEntry.action == c.action)
    if c.actions:
        conditions.append(AuditEntry.action.in_(c.actions))
    if c.entity:
        conditions.append(AuditEntry.entity == c.entity)
    if c.entity_id:
        conditions.append(AuditEntry.entity_id == c.entity_id)
    if c.text:
        conditions.append(AuditEntry.summary.ilike(f"%{c.text}%"))
    return conditions


def _utc_start(day: date, zone: tzinfo) -> datetime:
    # The clerk means the office's calendar day.
    return datetime.combine(day, time.min, tzinfo=zone)


def _row(entry: Any, zone: tzinfo) -> AuditRow:
    changes = json.loads(entry.changes) if entry.changes else {}
    pairs = {k: (v[0], v[1]) for k, v in changes.items() if isinstance(v, list) and len(v) == 2}
    return AuditRow(
        id=entry.id,
        at=on_office_clock(entry.at, zone),
        user_name=entry.user_name,
        workstation=entry.workstation,
        action=entry.action,
        entity=entry.entity,
        entity_id=entry.entity_id,
        summary=entry.summary,
        changes=pairs,
        zone=zone,
    )


_LONG_NUMBER = re.compile(r"\b(\d{4})\d{4,}(\d{4})\b")
# What the database's triggers write for a row they have no words for: "coverage_period #1".
_RAW_ROW = re.compile(r"^([a-z_]+) #(\S+)$")
_ISO_DAY = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")
# Codes the triggers put in a row's label, by table: the clerk reads their labels.
_SUMMARY_CODES: dict[str, dict[str, str]] = {
    "premium_rate": {str(code): label for code, label in FUNDING.items()},
    "budget_allocation": {str(code): label for code, label in FUNDING.items()},
    "issued_document": {str(code): label for code, label in KIND_LABELS.items()},
}


def readable_summary(entity: str, summary: str | None) -> str:
    """The row's label the trail stores, in the clerk's words: a table's name, a setting's
    key, a code or an ISO date written by the database's triggers (both engines) become
    "Periode kepesertaan #1", “Kode kabupaten/kota”, "APBD Kabupaten", "01-01-2026"."""
    if not summary:
        return ""
    raw = _RAW_ROW.match(summary)
    if raw and raw[1] == entity:
        return f"{ENTITY_LABELS.get(entity) or field_label(entity)} #{raw[2]}"
    if entity == "setting" and summary in SPECS:
        return f"Pengaturan “{SPECS[summary].label}”"
    codes = _SUMMARY_CODES.get(entity)
    if codes:
        summary = " ".join(codes.get(word, word) for word in summary.split(" "))
    return _ISO_DAY.sub(lambda m: f"{m[3]}-{m[2]}-{m[1]}", summary)


def _mask_text(value: Any) -> Any:
    """NIK, No. KK and account numbers in a viewer's history: first and last 4 digits."""
    if not isinstance(value, str):
        return value
    return _LONG_NUMBER.sub(lambda m: m.group(1) + "********" + m.group(2), value)


def _masked(row: AuditRow) -> AuditRow:
    changes = {k: (_mask_text(old), _mask_text(new)) for k, (old, new) in row.changes.items()}
    return replace(row, summary=_mask_text(row.summary), changes=changes)


def _changes_text(entity: str, changes: dict[str, tuple[Any, Any]], zone: tzinfo) -> str:
    return "; ".join(
        f"{field_label(k)}: {_value(entity, k, old, zone)} → {_value(entity, k, new, zone)}"
        for k, (old, new) in changes.items()
    )


def _value(entity: str, name: str, value: Any, zone: tzinfo) -> str:
    if value is None or value == "":
        return "-"
    coded = coded_value(entity, name, value)
    if coded is not None:
        return coded
    if isinstance(value, str):
        return local_moment(value, zone) or value
    return str(value)
