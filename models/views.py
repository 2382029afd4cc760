"""Views the migrations create, described for queries only (never created from here)."""

from __future__ import annotations

from sqlalchemy import Column, Date, DateTime, Integer, MetaData, String, Table, Text

from models.base import code_enum, number_text
from models.enums import FundingSource, Gender, WorkerStatus

view_metadata = MetaData()

# What a viewer may read of a worker: NIK and No. KK masked ("5303********0001"),
# and on PostgreSQL only the rows of the clerk's kecamatan.
worker_masked = Table(
    "worker_masked",
    view_metadata,
    Column("id", Integer, primary_key=True),
    Column("nik", number_text(16)),
    Column("kk_number", String(16)),
    Column("full_name", String(120)),
    Column("name_key", String(120)),
    Column("name_phonetic", String(160)),
    Column("birth_place", String(80)),
    Column("birth_date", Date),
    Column("gender", code_enum(Gender, "gender")),
    Column("address", String(200)),
    Column("rt", String(3)),
    Column("rw", String(3)),
    Column("village_code", String(13)),
    Column("kecamatan_code", String(8)),
    Column("occupation_id", Integer),
    Column("phone", String(20)),
    Column("kpj", number_text(20)),
    Column("funding", code_enum(FundingSource, "funding")),
    Column("coverage_start", Date),
    Column("coverage_end", Date),
    Column("status", code_enum(WorkerStatus, "status")),
    Column("status_reason", String(200)),
    Column("status_date", Date),
    Column("notes", Text),
    Column("created_at", DateTime(timezone=True)),
    Column("created_by", String(64)),
    Column("updated_at", DateTime(timezone=True)),
    Column("updated_by", String(64)),
    Column("version", Integer),
)


# The audit trail as non-administrators read it on PostgreSQL (migration 0012): NIK, No. KK
# and bank numbers in the changes masked, only entries about the clerk's kecamatan's workers
# when they are limited.
audit_log_masked = Table(
    "audit_log_masked",
    view_metadata,
    Column("id", Integer, primary_key=True),
    Column("at", DateTime(timezone=True)),
    Column("user_name", String(64)),
    Column("workstation", String(100)),
    Column("action", String(20)),
    Column("entity", String(30)),
    Column("entity_id", String(40)),
    Column("parent_entity", String(30)),
    Column("parent_id", String(40)),
    Column("summary", String(300)),
    Column("changes", Text),
)
