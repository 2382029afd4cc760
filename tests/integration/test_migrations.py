"""One migration history that builds the same schema as the models on both engines."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import func, select

from models import Base, Occupation, Region, schema
from models.database import make_engine
from models.schema import SchemaState
from services.core.bootstrap import open_register
from services.core.context import ServiceContext
from services.core.errors import SchemaOutdatedError
from tests.conftest import create_pg_database, drop_pg_database

# Engine-specific structures that the models do not describe: the name search's, and the
# partial indexes against duplicate claims (models/claim.py says why).
ENGINE_OBJECTS = {
    "worker_name_fts",
    "ix_worker_name_key_trgm",
    "worker_phonetic_fts",
    "ix_worker_name_phonetic_trgm",
    "uq_claim_open_event",
    "uq_claim_one_death",
    "register_group",  # PostgreSQL only (0012): the names of the register's own roles
    "worker_name_search",  # PostgreSQL only (0021): the name search's narrow copy
}


def _ignore_engine_objects(obj: object, name: str | None, *_: object) -> bool:
    fts_parts = ("worker_name_fts_", "worker_phonetic_fts_")
    return not (name and (name in ENGINE_OBJECTS or name.startswith(fts_parts)))


def test_head_constant_matches_alembic() -> None:
    assert schema.alembic_head() == schema.HEAD_REVISION


def test_migrated_schema_matches_the_models(ctx: ServiceContext) -> None:
    with ctx.engine.connect() as conn:
        migration = MigrationContext.configure(
            conn, opts={"compare_type": True, "include_object": _ignore_engine_objects}
        )
        assert compare_metadata(migration, Base.metadata) == []


def test_reference_data_is_seeded(ctx: ServiceContext) -> None:
    with ctx.session_factory() as session:
        assert session.scalar(select(func.count()).select_from(Region)) == 91_599
        ttu = session.get(Region, "53.03")
        assert ttu is not None and ttu.name == "Kabupaten Timor Tengah Utara"
        nian = session.scalars(select(Region).where(Region.search_key == "nian")).one()
        assert nian.name == "N i a n" and nian.village_type == "desa"
        codes = session.scalars(select(Occupation.code).order_by(Occupation.sort_order)).all()
        assert codes[0] == "petani" and codes[-1] == "lainnya" and len(codes) == 9


@pytest.fixture
def empty_pg_url() -> Iterator[str]:
    url, admin = create_pg_database()
    yield url
    drop_pg_database(url, admin)


@pytest.mark.postgres
def test_app_refuses_an_unmigrated_postgresql_database(empty_pg_url: str) -> None:
    with pytest.raises(SchemaOutdatedError) as caught:
        open_register(empty_pg_url)
    assert "python main.py db upgrade" in caught.value.message
    engine = make_engine(empty_pg_url)
    schema.upgrade(engine)
    assert schema.schema_state(engine) is SchemaState.CURRENT
    engine.dispose()
    open_register(empty_pg_url).engine.dispose()


def test_sqlite_file_is_migrated_when_opened(tmp_path) -> None:
    ctx = open_register(f"sqlite:///{tmp_path / 'baru' / 'sirentan.db'}")
    assert schema.schema_state(ctx.engine) is SchemaState.CURRENT
    ctx.engine.dispose()


def test_a_newer_schema_is_refused(sqlite_ctx: ServiceContext) -> None:
    with sqlite_ctx.engine.begin() as conn:
        conn.exec_driver_sql("UPDATE alembic_version SET version_num = '9999'")
    with pytest.raises(SchemaOutdatedError) as caught:
        open_register(str(sqlite_ctx.engine.url))
    assert "versi SiRentan yang lebih baru" in caught.value.message


def test_downgrade_and_upgrade_again(sqlite_ctx: ServiceContext) -> None:
    from alembic import command

    config = schema._alembic_config()
    with sqlite_ctx.engine.begin() as conn:
        config.attributes["connection"] = conn
        command.downgrade(config, "base")
    assert schema.schema_state(sqlite_ctx.engine) is SchemaState.EMPTY
    schema.upgrade(sqlite_ctx.engine)
    assert schema.schema_state(sqlite_ctx.engine) is SchemaState.CURRENT
