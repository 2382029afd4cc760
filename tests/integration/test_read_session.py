"""A read never writes: read_session ends without a commit, on SQLite and PostgreSQL."""

from __future__ import annotations

import pytest
from sqlalchemy import text

from models import Setting
from services.core.context import ServiceContext
from services.core.unit_of_work import read_session, unit_of_work

PROBE = "tidy.read_probe"


def _probes(ctx: ServiceContext) -> int:
    with read_session(ctx) as session:
        return session.scalar(text("SELECT count(*) FROM setting WHERE key = :k"), {"k": PROBE})


def test_a_statement_run_in_a_read_is_not_kept(ctx: ServiceContext) -> None:
    with read_session(ctx) as session:
        session.execute(
            text("INSERT INTO setting (key, value, updated_at) VALUES (:k, 'x', :t)"),
            {"k": PROBE, "t": "2026-01-01 00:00:00"},
        )
    assert _probes(ctx) == 0
    with unit_of_work(ctx) as session:  # the same statement in a write is kept
        session.execute(
            text("INSERT INTO setting (key, value, updated_at) VALUES (:k, 'x', :t)"),
            {"k": PROBE, "t": "2026-01-01 00:00:00"},
        )
    assert _probes(ctx) == 1


def test_a_change_made_in_a_read_is_refused_loudly(ctx: ServiceContext) -> None:
    with pytest.raises(RuntimeError, match="read_session"), read_session(ctx) as session:
        session.add(Setting(key=PROBE, value="x"))
    assert _probes(ctx) == 0


def test_objects_read_keep_their_values_after_the_read(ctx: ServiceContext) -> None:
    with unit_of_work(ctx) as session:
        session.add(Setting(key=PROBE, value="tersimpan"))
    with read_session(ctx) as session:
        stored = session.get(Setting, PROBE)
    assert stored is not None and stored.value == "tersimpan"
