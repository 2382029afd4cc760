"""Text fields have the same limits on both engines: the service names the field and the
limit before the database is asked, and SQLite's triggers refuse what PostgreSQL refuses."""

from __future__ import annotations

from dataclasses import replace

import pytest
from sqlalchemy import text

from models import Claim, Heir
from services import claims
from services.core.context import ServiceContext
from services.core.errors import ValidationError
from services.core.unit_of_work import unit_of_work
from services.text.limits import column_limits
from services.workers.service import WorkerService
from tests.factories import worker_input
from tests.integration.claim_helpers import NOW, heir_with_account, jkm, make_worker


def test_limits_come_from_the_models() -> None:
    assert column_limits(Claim)["event_place"] == 200
    assert column_limits(Heir)["bank_account_number"] == 30


def test_a_100_kb_claim_place_is_refused_naming_the_field(ctx: ServiceContext) -> None:
    worker = make_worker(ctx)
    with pytest.raises(ValidationError) as caught:
        claims.open_claim(ctx, worker, jkm(event_place="Desa Aplasi " * 9000), now=NOW)
    expected = (
        "Data klaim belum dapat disimpan:\n- Tempat kejadian paling banyak 200 karakter; "
        "yang diisi 107.999 karakter"
    )
    assert expected in caught.value.message
    assert len(caught.value.message) < 300


def test_a_5000_digit_bank_account_is_refused_naming_the_field(ctx: ServiceContext) -> None:
    heir = replace(heir_with_account(), bank_account_number="1" * 5000)
    with pytest.raises(ValidationError) as caught:
        WorkerService(ctx).create(worker_input(2, heirs=[heir]))
    assert "Nomor rekening paling banyak 30 karakter" in caught.value.message


def test_the_database_itself_refuses_a_too_long_text(ctx: ServiceContext) -> None:
    """Written past the services (a tool on the file, psql): SQLite's trigger like
    PostgreSQL's VARCHAR."""
    with pytest.raises(Exception) as caught, ctx.engine.begin() as conn:
        conn.execute(
            text("INSERT INTO letter_counter (series, year, last_number) VALUES (:s, 2025, 1)"),
            {"s": "x" * 33},
        )
    if ctx.is_sqlite:
        assert "sirentan_too_long" in str(caught.value)
    else:
        assert getattr(getattr(caught.value, "orig", None), "sqlstate", None) == "22001"
    with ctx.engine.begin() as conn:
        conn.execute(
            text("INSERT INTO letter_counter (series, year, last_number) VALUES (:s, 2025, 1)"),
            {"s": "x" * 32},
        )


def test_a_too_long_text_past_the_check_is_still_a_clerk_message(ctx: ServiceContext) -> None:
    """SQL written past the ORM (no flush check): SQLite's trigger and PostgreSQL's 22001
    give the same message."""
    with pytest.raises(ValidationError) as caught, unit_of_work(ctx) as session:
        session.execute(
            text("INSERT INTO letter_counter (series, year, last_number) VALUES (:s, 2025, 1)"),
            {"s": "x" * 33},
        )
    assert "Ada isian yang lebih panjang dari batasnya" in caught.value.message
