"""Worker register: regions, occupations, workers, heirs, settings.

Revision ID: 0001
Revises:
Create Date: 2026-11-24

The tables are written out here rather than taken from the models, so this
migration stays what it was when later migrations change the models.
"""

from __future__ import annotations

import csv
from importlib.resources import files
from pathlib import Path

import sqlalchemy as sa
from alembic import op

from models.base import NAMING_CONVENTION
from models.text_keys import region_key

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

# The shipped package `resources` (wheel and frozen bundle alike), not the source tree.
RESOURCES = Path(str(files("resources") / "data"))

OCCUPATIONS = [
    ("petani", "Petani"),
    ("nelayan", "Nelayan"),
    ("peternak", "Peternak"),
    ("pedagang_kecil", "Pedagang kecil"),
    ("tukang_ojek", "Tukang ojek"),
    ("buruh_harian_lepas", "Buruh harian lepas"),
    ("perangkat_desa", "Perangkat desa"),
    ("rt_rw", "Ketua RT/RW"),
    ("lainnya", "Lainnya"),
]


def number_text(length: int) -> sa.String:
    # Identity numbers compare byte-wise on PostgreSQL (see models.base.number_text).
    return sa.String(length).with_variant(sa.String(length, collation="C"), "postgresql")


def _code_enum(name: str, values: list[str]) -> sa.Enum:
    return sa.Enum(*values, name=name, native_enum=False, create_constraint=True, length=16)


def _tables(meta: sa.MetaData) -> dict[str, sa.Table]:
    ts = sa.DateTime(timezone=True)
    region = sa.Table(
        "region",
        meta,
        sa.Column("code", sa.String(13), primary_key=True),
        sa.Column("name", sa.String(100), nullable=False),
        sa.Column("search_key", sa.String(100), nullable=False),
        sa.Column("level", sa.SmallInteger, nullable=False),
        sa.Column("parent_code", sa.String(13), sa.ForeignKey("region.code"), index=True),
        sa.Column("village_type", sa.String(10)),
        sa.Index("ix_region_level_code", "level", "code"),
    )
    change = sa.Table(
        "region_code_change",
        meta,
        sa.Column("old_code", sa.String(13), primary_key=True),
        sa.Column("old_name", sa.String(100), nullable=False),
        sa.Column("new_code", sa.String(13), sa.ForeignKey("region.code"), nullable=False),
    )
    occupation = sa.Table(
        "occupation",
        meta,
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("code", sa.String(32), nullable=False, unique=True),
        sa.Column("name", sa.String(64), nullable=False),
        sa.Column("sort_order", sa.Integer, nullable=False),
    )
    sa.Table(
        "setting",
        meta,
        sa.Column("key", sa.String(64), primary_key=True),
        sa.Column("value", sa.Text, nullable=False),
        sa.Column("updated_at", ts, nullable=False),
        sa.Column("updated_by", sa.String(64)),
    )
    sa.Table(
        "worker",
        meta,
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("nik", number_text(16), nullable=False, unique=True),
        sa.Column("kk_number", sa.String(16)),
        sa.Column("full_name", sa.String(120), nullable=False),
        sa.Column("name_key", sa.String(120), nullable=False, index=True),
        sa.Column("birth_place", sa.String(80)),
        sa.Column("birth_date", sa.Date, nullable=False),
        sa.Column("gender", _code_enum("gender", ["L", "P"]), nullable=False),
        sa.Column("address", sa.String(200)),
        sa.Column("rt", sa.String(3)),
        sa.Column("rw", sa.String(3)),
        sa.Column("village_code", sa.String(13), sa.ForeignKey("region.code"), nullable=False),
        sa.Column("kecamatan_code", sa.String(8), sa.ForeignKey("region.code"), nullable=False),
        sa.Column("occupation_id", sa.Integer, sa.ForeignKey("occupation.id"), nullable=False),
        sa.Column("phone", sa.String(20)),
        sa.Column("kpj", number_text(20), unique=True),
        sa.Column(
            "funding",
            _code_enum("funding", ["apbd_kab", "apbd_prov", "dana_desa", "mandiri"]),
            nullable=False,
        ),
        sa.Column("coverage_start", sa.Date),
        sa.Column("coverage_end", sa.Date),
        sa.Column(
            "status", _code_enum("status", ["aktif", "nonaktif", "meninggal"]), nullable=False
        ),
        sa.Column("status_reason", sa.String(200)),
        sa.Column("status_date", sa.Date),
        sa.Column("notes", sa.Text),
        sa.Column("created_at", ts, nullable=False),
        sa.Column("created_by", sa.String(64)),
        sa.Column("updated_at", ts, nullable=False),
        sa.Column("updated_by", sa.String(64)),
        sa.Column("version", sa.Integer, nullable=False),
        sa.CheckConstraint(
            "coverage_end IS NULL OR coverage_start IS NULL OR coverage_end >= coverage_start",
            name="coverage_order",
        ),
        sa.Index("ix_worker_kecamatan_village", "kecamatan_code", "village_code"),
        sa.Index("ix_worker_status_funding", "status", "funding"),
    )
    sa.Table(
        "heir",
        meta,
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column(
            "worker_id",
            sa.Integer,
            sa.ForeignKey("worker.id", ondelete="CASCADE"),
            nullable=False,
            index=True,
        ),
        sa.Column("full_name", sa.String(120), nullable=False),
        sa.Column("nik", sa.String(16)),
        sa.Column(
            "relation",
            _code_enum("relation", ["suami_istri", "anak", "orang_tua", "saudara", "lainnya"]),
            nullable=False,
        ),
        sa.Column("birth_date", sa.Date),
        sa.Column("phone", sa.String(20)),
        sa.Column("bank_name", sa.String(60)),
        sa.Column("bank_account_number", sa.String(30)),
        sa.Column("bank_account_holder", sa.String(120)),
        sa.Column("created_at", ts, nullable=False),
        sa.Column("updated_at", ts, nullable=False),
    )
    return {"region": region, "region_code_change": change, "occupation": occupation}


def _region_rows() -> list[dict[str, object]]:
    with (RESOURCES / "wilayah_indonesia.csv").open(encoding="utf-8", newline="") as f:
        rows = [_region_row(r["code"], r["name"]) for r in csv.DictReader(f)]
    # Parents first, so the self-reference holds on every insert.
    rows.sort(key=lambda r: (r["level"], r["code"]))
    return rows


def _region_row(code: str, name: str) -> dict[str, object]:
    parts = code.split(".")
    level = len(parts)
    village_type = None
    if level == 4:
        village_type = "kelurahan" if parts[3].startswith("1") else "desa"
    return {
        "code": code,
        "name": name,
        "search_key": region_key(name),
        "level": level,
        "parent_code": ".".join(parts[:-1]) or None,
        "village_type": village_type,
    }


def _code_change_rows() -> list[dict[str, object]]:
    path = RESOURCES / "ttu_desa_code_changes.csv"
    with path.open(encoding="utf-8", newline="") as f:
        return [
            {"old_code": r["old_code"], "old_name": r["old_name"], "new_code": r["new_code"]}
            for r in csv.DictReader(f)
        ]


def _create_name_search(bind: sa.Connection) -> None:
    if bind.dialect.name == "sqlite":
        for statement in SQLITE_NAME_SEARCH:
            op.execute(statement)
    else:
        op.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        op.execute(
            "CREATE INDEX ix_worker_name_key_trgm ON worker USING gin (name_key gin_trgm_ops)"
        )


# Trigram full-text index over the folded name, kept in step by triggers.
SQLITE_NAME_SEARCH = [
    "CREATE VIRTUAL TABLE worker_name_fts USING fts5("
    "name_key, content='worker', content_rowid='id', tokenize='trigram')",
    "CREATE TRIGGER worker_name_fts_ai AFTER INSERT ON worker BEGIN "
    "INSERT INTO worker_name_fts(rowid, name_key) VALUES (new.id, new.name_key); END",
    "CREATE TRIGGER worker_name_fts_ad AFTER DELETE ON worker BEGIN "
    "INSERT INTO worker_name_fts(worker_name_fts, rowid, name_key) "
    "VALUES ('delete', old.id, old.name_key); END",
    "CREATE TRIGGER worker_name_fts_au AFTER UPDATE OF name_key ON worker BEGIN "
    "INSERT INTO worker_name_fts(worker_name_fts, rowid, name_key) "
    "VALUES ('delete', old.id, old.name_key); "
    "INSERT INTO worker_name_fts(rowid, name_key) VALUES (new.id, new.name_key); END",
]


def upgrade() -> None:
    bind = op.get_bind()
    meta = sa.MetaData(naming_convention=NAMING_CONVENTION)
    tables = _tables(meta)
    meta.create_all(bind)
    _create_name_search(bind)
    op.bulk_insert(tables["region"], _region_rows())
    op.bulk_insert(tables["region_code_change"], _code_change_rows())
    op.bulk_insert(
        tables["occupation"],
        [
            {"id": i, "code": code, "name": name, "sort_order": i}
            for i, (code, name) in enumerate(OCCUPATIONS, start=1)
        ],
    )


def downgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "sqlite":
        op.execute("DROP TABLE IF EXISTS worker_name_fts")
    meta = sa.MetaData(naming_convention=NAMING_CONVENTION)
    _tables(meta)
    meta.drop_all(bind)
