"""Kecamatan limits in the services on both engines, and on PostgreSQL in the database
itself: a clerk with a database client can do no more than the app lets them."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import exc as sa_exc
from sqlalchemy import text

from models.enums import Gender, Role, WorkerStatus
from services.core.context import ServiceContext
from services.core.errors import NotFoundError, ValidationError
from services.workers.service import WorkerService
from services.workers.types import WorkerQuery
from tests.factories import make_nik, worker_input
from tests.integration.trust_helpers import clerk, first_admin

KOTA = "53.03.05"  # Kota Kefamenanu
BIBOKI_UTARA = "53.03.06"


@pytest.fixture
def two_kecamatan(ctx: ServiceContext, database_url: str) -> tuple[ServiceContext, int, int]:
    admin = first_admin(ctx, database_url)
    workers = WorkerService(admin)
    in_kota = workers.create(worker_input(1)).worker
    birth = in_kota.birth_date
    elsewhere = workers.create(
        worker_input(
            2,
            village_code="53.03.06.2001",
            nik=make_nik(birth, Gender.FEMALE, 2, "530306"),
        )
    ).worker
    return admin, in_kota.id, elsewhere.id


def test_a_kecamatan_clerk_sees_only_their_kecamatan(
    two_kecamatan: tuple[ServiceContext, int, int], database_url: str
) -> None:
    admin, in_kota, elsewhere = two_kecamatan
    local = WorkerService(clerk(admin, database_url, "kota", Role.OPERATOR, [KOTA]))
    page = local.search(WorkerQuery())
    assert (page.total, [r.id for r in page.rows]) == (1, [in_kota])
    with pytest.raises(NotFoundError):
        local.get(elsewhere)
    outside = worker_input(3, village_code="53.03.06.2001")
    with pytest.raises(ValidationError) as caught:
        local.create(outside)
    assert {p.code for p in caught.value.problems if p.is_error} == {"village_out_of_scope"}
    assert "hanya untuk Kecamatan Kota Kefamenanu" in caught.value.message


@pytest.mark.postgres
@pytest.mark.parametrize("database_url", ["postgresql"], indirect=True)
def test_row_level_security_limits_a_clerk_with_a_database_client(
    two_kecamatan: tuple[ServiceContext, int, int], database_url: str
) -> None:
    admin, _, elsewhere = two_kecamatan
    local = clerk(admin, database_url, "kota_sql", Role.OPERATOR, [KOTA])
    with local.engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM worker")).scalar() == 1
        assert conn.execute(text("SELECT count(*) FROM worker_masked")).scalar() == 1
        changed = conn.execute(
            text("UPDATE worker SET address = 'x' WHERE id = :id"), {"id": elsewhere}
        )
        assert changed.rowcount == 0
        conn.rollback()


@pytest.mark.postgres
@pytest.mark.parametrize("database_url", ["postgresql"], indirect=True)
def test_a_viewer_role_cannot_read_niks_or_change_anything(
    two_kecamatan: tuple[ServiceContext, int, int], database_url: str
) -> None:
    admin, in_kota, _ = two_kecamatan
    viewer = clerk(admin, database_url, "lihat_sql", Role.VIEWER)
    forbidden = [
        "SELECT nik FROM worker",
        "SELECT kk_number FROM worker",
        "SELECT bank_account_number FROM heir",
        "UPDATE worker SET address = 'x'",
        "DELETE FROM heir",
        "DELETE FROM audit_log",
        "UPDATE app_user SET role = 'admin'",
        # The trail is written by the database alone (migration 0012).
        "INSERT INTO audit_log (at, action, entity) VALUES (now(), 'access', 'worker')",
        "SELECT password_hash FROM app_user",
    ]
    for statement in forbidden:
        with pytest.raises(sa_exc.ProgrammingError) as caught, viewer.engine.begin() as conn:
            conn.execute(text(statement))
        assert "permission denied" in str(caught.value), statement
    with viewer.engine.begin() as conn:
        masked = conn.execute(
            text("SELECT nik FROM worker_masked WHERE id = :id"), {"id": in_kota}
        ).scalar()
        assert masked is not None and masked[4:12] == "********"


@pytest.mark.postgres
@pytest.mark.parametrize("database_url", ["postgresql"], indirect=True)
def test_an_operator_role_cannot_manage_accounts_or_settings(
    two_kecamatan: tuple[ServiceContext, int, int], database_url: str
) -> None:
    admin, _, _ = two_kecamatan
    operator = clerk(admin, database_url, "op_sql", Role.OPERATOR)
    for statement in (
        "INSERT INTO setting (key, value, updated_at) VALUES ('x', 'y', now())",
        "UPDATE app_user SET role = 'admin'",
        "DELETE FROM user_kecamatan",
    ):
        with pytest.raises(sa_exc.ProgrammingError) as caught, operator.engine.begin() as conn:
            conn.execute(text(statement))
        assert "permission denied" in str(caught.value), statement
    with operator.engine.connect() as conn:
        # Only their own account row is visible to them.
        assert conn.execute(text("SELECT count(*) FROM app_user")).scalar() == 1


@pytest.mark.postgres
@pytest.mark.parametrize("database_url", ["postgresql"], indirect=True)
def test_coverage_history_follows_the_kecamatan_limit_in_the_database(
    two_kecamatan: tuple[ServiceContext, int, int], database_url: str
) -> None:
    admin, in_kota, elsewhere = two_kecamatan
    WorkerService(admin).change_status(
        elsewhere,
        WorkerStatus.INACTIVE,
        WorkerService(admin).get(elsewhere).version,
        "pindah",
        date(2025, 9, 1),
    )
    local = clerk(admin, database_url, "kotacov", Role.OPERATOR, [KOTA])
    viewer = clerk(admin, database_url, "kotalihat", Role.VIEWER, [KOTA])
    for ctx in (local, viewer):
        with ctx.engine.connect() as conn:
            periods = conn.execute(text("SELECT worker_id FROM coverage_period")).scalars().all()
            events = conn.execute(text("SELECT worker_id FROM worker_status_event")).all()
        assert periods == [in_kota] and events == []
    with local.engine.begin() as conn, pytest.raises(sa_exc.ProgrammingError):
        conn.execute(
            text(
                "INSERT INTO coverage_period (worker_id, start_date, funding, source, "
                "created_at, updated_at) VALUES (:w, '2026-01-01', 'apbd_kab', 'clerk', "
                "now(), now())"
            ),
            {"w": elsewhere},
        )
    with viewer.engine.begin() as conn, pytest.raises(sa_exc.ProgrammingError):
        conn.execute(text("DELETE FROM coverage_period"))
