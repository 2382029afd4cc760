"""Official documents: signatories, the outgoing-letter register, frozen PDFs.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-24

The register keeps what was issued: triggers on both engines refuse any change
to a stored PDF and to the printed facts of a register line (its number, date,
kind, checksum); only its status may move (cancelled, replaced). On
PostgreSQL, holders of the LETTERS permission (administrators, operators)
issue letters, cancel them and keep signatories and templates; a verifikator
reads the register and the PDFs; a viewer reads the register without the typed
fields (names and NIKs of heirs) and without the PDFs.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from models.base import NAMING_CONVENTION

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

NEW_TABLES = (
    "signatory",
    "letter_counter",
    "issued_document",
    "document_file",
    "document_template",
)


def number_text(length: int) -> sa.String:
    # Identity numbers compare byte-wise on PostgreSQL (see models.base.number_text).
    return sa.String(length).with_variant(sa.String(length, collation="C"), "postgresql")


def _code_enum(name: str, values: list[str]) -> sa.Enum:
    return sa.Enum(*values, name=name, native_enum=False, create_constraint=True, length=16)


def _tables(meta: sa.MetaData) -> None:
    ts = sa.DateTime(timezone=True)
    sa.Table(
        "signatory",
        meta,
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("name", sa.String(120), nullable=False),
        sa.Column("position", sa.String(200), nullable=False),
        sa.Column("rank", sa.String(80)),
        sa.Column("nip", number_text(18)),
        sa.Column("on_behalf_of", sa.String(200)),
        sa.Column("regional_head", sa.Boolean, nullable=False),
        sa.Column("active", sa.Boolean, nullable=False),
        sa.Column("created_at", ts, nullable=False),
        sa.Column("created_by", sa.String(64)),
        sa.Column("updated_at", ts, nullable=False),
        sa.Column("updated_by", sa.String(64)),
    )
    sa.Table(
        "letter_counter",
        meta,
        sa.Column("series", sa.String(32), primary_key=True),
        sa.Column("year", sa.Integer, primary_key=True, autoincrement=False),
        sa.Column("last_number", sa.Integer, nullable=False),
    )
    sa.Table(
        "issued_document",
        meta,
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("number", sa.String(120), nullable=False, unique=True),
        sa.Column("series", sa.String(32), nullable=False),
        sa.Column("year", sa.Integer, nullable=False),
        sa.Column("sequence", sa.Integer, nullable=False),
        sa.Column(
            "kind",
            _code_enum(
                "document_kind",
                ["pengantar", "klaim", "keterangan", "ahli_waris", "iuran", "pks"],
            ),
            nullable=False,
        ),
        sa.Column("document_date", sa.Date, nullable=False, index=True),
        sa.Column("subject", sa.String(300), nullable=False),
        sa.Column("addressee", sa.String(300), nullable=False),
        sa.Column(
            "sifat", _code_enum("sifat", ["biasa", "penting", "segera", "rahasia"]), nullable=False
        ),
        sa.Column("signatory_id", sa.Integer, sa.ForeignKey("signatory.id"), index=True),
        sa.Column("signatory_name", sa.String(120), nullable=False),
        sa.Column("page_size", _code_enum("page_size", ["a4", "f4"]), nullable=False),
        sa.Column("page_count", sa.Integer, nullable=False),
        sa.Column("replaces_id", sa.Integer, sa.ForeignKey("issued_document.id"), index=True),
        sa.Column("fields", sa.Text, nullable=False),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column(
            "status",
            _code_enum("document_status", ["terbit", "batal", "diganti"]),
            nullable=False,
        ),
        sa.Column("status_reason", sa.String(300)),
        sa.Column("status_at", ts),
        sa.Column("status_by", sa.String(64)),
        sa.Column("created_at", ts, nullable=False),
        sa.Column("created_by", sa.String(64)),
        sa.Column("workstation", sa.String(64)),
        sa.UniqueConstraint("series", "year", "sequence"),
    )
    sa.Table(
        "document_file",
        meta,
        sa.Column(
            "document_id",
            sa.Integer,
            sa.ForeignKey("issued_document.id"),
            primary_key=True,
            autoincrement=False,
        ),
        sa.Column("pdf", sa.LargeBinary, nullable=False),
    )
    sa.Table(
        "document_template",
        meta,
        sa.Column("key", sa.String(64), primary_key=True),
        sa.Column("body", sa.Text, nullable=False),
        sa.Column("updated_at", ts, nullable=False),
        sa.Column("updated_by", sa.String(64)),
    )


# What was printed; the status columns are the only ones that may change.
FROZEN_COLUMNS = (
    "number, series, year, sequence, kind, document_date, subject, addressee, sifat, "
    "signatory_id, signatory_name, page_size, page_count, replaces_id, fields, sha256, "
    "created_at, created_by, workstation"
)
FROZEN = "issued documents are frozen; issue a correction instead"

SQLITE = [
    f"CREATE TRIGGER issued_document_frozen BEFORE UPDATE OF {FROZEN_COLUMNS} "
    f"ON issued_document BEGIN SELECT RAISE(ABORT, '{FROZEN}'); END",
    "CREATE TRIGGER issued_document_no_delete BEFORE DELETE ON issued_document "
    f"BEGIN SELECT RAISE(ABORT, '{FROZEN}'); END",
    "CREATE TRIGGER document_file_frozen BEFORE UPDATE ON document_file "
    f"BEGIN SELECT RAISE(ABORT, '{FROZEN}'); END",
    "CREATE TRIGGER document_file_no_delete BEFORE DELETE ON document_file "
    f"BEGIN SELECT RAISE(ABORT, '{FROZEN}'); END",
]

WRITERS = "sirentan_admin, sirentan_operator"
READERS = "sirentan_verifikator, sirentan_viewer"
VIEWER_COLUMNS = (
    "id, number, series, year, sequence, kind, document_date, subject, addressee, sifat, "
    "signatory_id, signatory_name, page_size, page_count, replaces_id, sha256, status, "
    "status_reason, status_at, status_by, created_at, created_by, workstation"
)

POSTGRESQL = [
    f"""CREATE FUNCTION sirentan_document_frozen() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN RAISE EXCEPTION '{FROZEN}'; END $$""",
    f"CREATE TRIGGER issued_document_frozen BEFORE UPDATE OF {FROZEN_COLUMNS} "
    "ON issued_document FOR EACH ROW EXECUTE FUNCTION sirentan_document_frozen()",
    "CREATE TRIGGER issued_document_no_delete BEFORE DELETE ON issued_document "
    "FOR EACH ROW EXECUTE FUNCTION sirentan_document_frozen()",
    "CREATE TRIGGER document_file_frozen BEFORE UPDATE OR DELETE ON document_file "
    "FOR EACH ROW EXECUTE FUNCTION sirentan_document_frozen()",
    f"GRANT SELECT, INSERT, UPDATE ON signatory, letter_counter TO {WRITERS}",
    f"GRANT SELECT, INSERT, UPDATE, DELETE ON document_template TO {WRITERS}",
    f"GRANT SELECT, INSERT ON issued_document, document_file TO {WRITERS}",
    f"GRANT UPDATE (status, status_reason, status_at, status_by) ON issued_document TO {WRITERS}",
    f"GRANT USAGE ON SEQUENCE signatory_id_seq, issued_document_id_seq TO {WRITERS}",
    f"GRANT SELECT ON signatory, document_template TO {READERS}",
    "GRANT SELECT ON issued_document, document_file TO sirentan_verifikator",
    f"GRANT SELECT ({VIEWER_COLUMNS}) ON issued_document TO sirentan_viewer",
]

GROUPS = "sirentan_admin, sirentan_operator, sirentan_verifikator, sirentan_viewer"


def upgrade() -> None:
    bind = op.get_bind()
    meta = sa.MetaData(naming_convention=NAMING_CONVENTION)
    _tables(meta)
    meta.create_all(bind, tables=[meta.tables[name] for name in NEW_TABLES])
    for statement in POSTGRESQL if bind.dialect.name == "postgresql" else SQLITE:
        op.execute(statement)


def downgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "postgresql":
        op.execute(f"REVOKE ALL ON {', '.join(NEW_TABLES)} FROM {GROUPS}")
    for table in reversed(NEW_TABLES):
        op.drop_table(table)
    if bind.dialect.name == "postgresql":
        op.execute("DROP FUNCTION sirentan_document_frozen()")
