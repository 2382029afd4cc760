"""Changes that reach many workers at once keep their open claims' stored flags right too:
an import that updates workers, its undo, and the office's ``claims.*`` settings."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from sqlalchemy import select

from models import Claim
from models.enums import OnExisting, Role
from services import claims
from services.core.context import ServiceContext
from services.core.permissions import Principal
from services.excel_import import ImportOptions, commit_import, read_import_file, undo_import
from services.settings.store import SettingsService
from tests.factories import worker_input
from tests.integration.claim_helpers import NOW, jkm, make_worker
from tests.integration.test_import_reading import save_workbook

ADMIN = Principal(user_id=0, username="admin1", full_name="Admin", role=Role.ADMIN)
HEADER = ["NIK", "Nama", "Tgl Lahir", "L/P", "Desa", "Kecamatan", "Pekerjaan", "Mulai kepesertaan"]


def _estimate(ctx: ServiceContext, claim_id: int) -> int | None:
    with ctx.session_factory() as session:
        return session.scalar(select(Claim.estimated_benefit).where(Claim.id == claim_id))


def test_an_import_update_and_its_undo_recompute_open_claims(
    ctx: ServiceContext, tmp_path: Path
) -> None:
    worker_id = make_worker(ctx)
    death = claims.open_claim(ctx, worker_id, jkm(), now=NOW)  # died 10 October 2025
    assert _estimate(ctx, death.id) == 42_000_000

    # The village's list says coverage began on 1 August: under three months at the death.
    data = worker_input(1)
    row = [data.nik, data.full_name, data.birth_date, "P", "Aplasi", "Kota Kefamenanu"]
    path = save_workbook(tmp_path / "desa.xlsx", [HEADER, [*row, "petani", date(2025, 8, 1)]])
    options = ImportOptions(on_existing=OnExisting.UPDATE)
    result = commit_import(ctx, read_import_file(path), options=options)
    assert result.batch_id is not None
    assert _estimate(ctx, death.id) == 10_000_000

    undo_import(ctx, result.batch_id)
    assert _estimate(ctx, death.id) == 42_000_000


def test_a_claims_setting_recomputes_open_claims(ctx: ServiceContext) -> None:
    worker_id = make_worker(ctx)  # covered from 7 July 2025
    death = claims.open_claim(ctx, worker_id, jkm(), now=NOW)
    assert _estimate(ctx, death.id) == 42_000_000

    # Three months and three days of membership fall short of a four-month minimum.
    settings = SettingsService(ServiceContext.for_engine(ctx.engine, principal=ADMIN))
    settings.set("claims.jkm_reduced_months", "4")
    assert _estimate(ctx, death.id) == 10_000_000
    settings.set("claims.jkm_reduced_months", "3")
    assert _estimate(ctx, death.id) == 42_000_000
