"""Where the database schema stands, and bringing it to this version's head.

Alembic is imported only when a migration really runs: checking the revision
is one query, which keeps the app's start fast.
"""

from __future__ import annotations

from enum import StrEnum
from importlib.resources import files
from pathlib import Path

from sqlalchemy import Engine, inspect, text

# Must equal Alembic's head; tests/integration/test_migrations.py checks it.
HEAD_REVISION = "0024"
# Package data of `models` (wheel and frozen bundle alike); Alembic reads the scripts there.
MIGRATIONS_DIR = Path(str(files("models") / "migrations"))


class SchemaState(StrEnum):
    EMPTY = "empty"
    OUTDATED = "outdated"
    CURRENT = "current"
    NEWER = "newer"  # made by a newer SiRentan than this one


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        if not inspect(conn).has_table("alembic_version"):
            return None
        return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()


def schema_state(engine: Engine) -> SchemaState:
    revision = current_revision(engine)
    if revision is None:
        return SchemaState.EMPTY
    if revision == HEAD_REVISION:
        return SchemaState.CURRENT
    if revision in _known_revisions():
        return SchemaState.OUTDATED
    return SchemaState.NEWER


def upgrade(engine: Engine) -> None:
    from alembic import command

    with engine.begin() as conn:
        if conn.dialect.name == "postgresql":
            # An upgrade may wait for clerks' short transactions longer than the 5 s a
            # clerk's save waits (models.database); it is run once, by an administrator.
            conn.exec_driver_sql("SET LOCAL lock_timeout = '120s'")
        config = _alembic_config()
        config.attributes["connection"] = conn
        command.upgrade(config, "head")


def alembic_head() -> str | None:
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(_alembic_config()).get_current_head()


def _known_revisions() -> set[str]:
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(_alembic_config())
    return {rev.revision for rev in script.walk_revisions()}


def _alembic_config():
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    return config
