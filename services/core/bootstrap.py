"""Opening the register: the engine, the schema check, and the service context."""

from __future__ import annotations

import logging

from sqlalchemy import exc as sa_exc
from sqlalchemy import text
from sqlalchemy.engine import URL

from models import schema
from models.database import is_sqlite, make_engine, redact_url
from models.schema import SchemaState
from services.core.context import ServiceContext
from services.core.database_address import parse_database_url
from services.core.errors import SchemaOutdatedError, SiRentanError
from services.core.paths import command_prefix

log = logging.getLogger(__name__)
# Revisions after which the open claims' stored flags are recomputed (see below): 0008 added
# claim.estimated_benefit; 0023 came with the JKK lapse default's change from 24 to 60 months.
# A change of a default the claims rules read (services/settings/catalog.py) is not a write
# that services/core/follow.py sees: it ships with a revision added here.
CLAIM_REFRESH_REVISIONS = ("0008", "0023")


def open_register(url: str | URL) -> ServiceContext:
    """Connect, bring a SQLite file up to date, and refuse a PostgreSQL schema that is not."""
    url = parse_database_url(url)
    try:
        engine = make_engine(url)
    except (sa_exc.ArgumentError, ValueError) as error:
        raise SiRentanError(
            f"Alamat basis data tidak dikenali: {redact_url_safely(url)}. "
            "Contoh: postgresql+psycopg://nama@server/sirentan atau sqlite:///C:/data/sirentan.db"
        ) from error
    ctx = ServiceContext.for_engine(engine)
    state = _state(ctx)
    if state is SchemaState.CURRENT:
        return ctx
    if state is SchemaState.NEWER:
        raise SchemaOutdatedError(
            "Basis data ini dibuat oleh versi SiRentan yang lebih baru. "
            "Pasang versi SiRentan terbaru di komputer ini."
        )
    if is_sqlite(url):
        log.info("migrating %s from state %s", ctx.database_label, state)
        upgrade_schema(ctx)
        return ctx
    raise SchemaOutdatedError(
        f"Skema basis data di {ctx.database_label} belum diperbarui untuk versi ini. "
        f"Minta administrator menjalankan: {command_prefix()} db upgrade"
    )


def upgrade_schema(ctx: ServiceContext) -> tuple[str | None, str | None]:
    """Bring the schema to this version's head; returns the revisions before and after."""
    try:
        refuse_other_encoding(ctx)
        before = schema.current_revision(ctx.engine)
        schema.upgrade(ctx.engine)
        after = schema.current_revision(ctx.engine)
        if before is not None and any(
            before < revision <= (after or "") for revision in CLAIM_REFRESH_REVISIONS
        ):
            _refresh_claims(ctx)
        return before, after
    except sa_exc.DBAPIError as error:
        raise _unreachable(ctx, error) from error


def refuse_other_encoding(ctx: ServiceContext) -> None:
    """A PostgreSQL register must be UTF8: names keep their letters (é, ñ), and the payment
    step's holder-name match normalises them in SQL (0022), which PostgreSQL does only in a
    UTF8 database. Refused before any migration runs, so nothing half-made is left."""
    if ctx.is_sqlite:
        return  # SQLite text is always Unicode
    with ctx.engine.connect() as conn:
        name, encoding = conn.execute(
            text(
                "SELECT current_database(), pg_encoding_to_char(encoding) FROM pg_database "
                "WHERE datname = current_database()"
            )
        ).one()
    if encoding != "UTF8":
        raise SiRentanError(
            f"Basis data “{name}” ({ctx.database_label}) memakai pengodean {encoding}, bukan "
            "UTF8: nama peserta dan ahli waris tidak dapat disimpan dan dicocokkan dengan "
            "benar, jadi skemanya tidak diperbarui. Minta administrator server membuat basis "
            f"data UTF8 dengan perintah SQL CREATE DATABASE \"{name}\" ENCODING 'UTF8' "
            "TEMPLATE template0; (ganti nama atau hapus dulu yang lama), lalu jalankan lagi: "
            f"{command_prefix()} db upgrade"
        )


def _refresh_claims(ctx: ServiceContext) -> None:
    """The open claims' stored flags recomputed once, in one audited transaction, under the
    rules of this version: a data step that needs the claims rules, which a frozen migration
    must not import. Run with the upgrade's login (the owner's on PostgreSQL), it sees
    every claim."""
    from services.claims.refresh import refresh_visible_claims
    from services.core.unit_of_work import unit_of_work

    with unit_of_work(ctx) as session:
        changed = refresh_visible_claims(session, ctx)
    log.info("open claims refreshed after the upgrade: %d changed", changed)


def _state(ctx: ServiceContext) -> SchemaState:
    try:
        return schema.schema_state(ctx.engine)
    except sa_exc.DBAPIError as error:
        raise _unreachable(ctx, error) from error


def _unreachable(ctx: ServiceContext, error: sa_exc.DBAPIError) -> SiRentanError:
    from services.core.unit_of_work import translate_operational_error

    return translate_operational_error(error, ctx)


def redact_url_safely(url: str | URL) -> str:
    try:
        return redact_url(url)
    except (sa_exc.ArgumentError, ValueError):
        return "(alamat tidak sah)"
