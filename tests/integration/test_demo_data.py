"""Demo workers are records the real forms would accept, on both engines, run after run."""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

import services.workers.demo_data as demo_data
from models import Occupation, Worker
from models.database import make_engine
from models.enums import FundingSource, Role, WorkerStatus
from services.core.context import ServiceContext
from services.core.permissions import Principal
from services.settings.district import DistrictSetup, apply_district
from services.workers.demo_data import COASTAL_KECAMATAN, generate_demo_workers
from services.workers.nik import validate_nik
from services.workers.regions import RegionDirectory
from services.workers.service import WorkerService
from services.workers.types import WorkerQuery
from tests.conftest import OPERATOR

DISTRICT_ADMIN = Principal(user_id=0, username="admin1", full_name="Admin Satu", role=Role.ADMIN)


def _rows(ctx: ServiceContext) -> list[Any]:
    with ctx.engine.connect() as conn:
        return list(
            conn.execute(
                select(Worker.__table__, Occupation.code.label("occupation"))
                .join(Occupation, Occupation.id == Worker.occupation_id)
                .order_by(Worker.id)
            )
        )


def test_every_demo_worker_passes_every_check(ctx: ServiceContext) -> None:
    assert generate_demo_workers(ctx, 300) == 300
    regions = RegionDirectory(ctx)
    service = WorkerService(ctx, regions)
    rows = _rows(ctx)
    assert len(rows) == 300
    for row in rows:
        nik = validate_nik(
            row.nik,
            birth_date=row.birth_date,
            gender=row.gender,
            known_kecamatan=regions.national_kecamatan_codes,
            home_kabupaten=regions.kabupaten_code,
        )
        assert nik.problems == [], (row.nik, nik.problems)
        # The form's full check, duplicates included, as when a clerk reopens the record.
        assert service.check(service.get(row.id).to_input(), worker_id=row.id) == [], row.nik


def test_numbers_are_unique_and_villages_are_ttu_villages(ctx: ServiceContext) -> None:
    generate_demo_workers(ctx, 300)
    regions = RegionDirectory(ctx)
    rows = _rows(ctx)
    niks = [r.nik for r in rows]
    kpjs = [r.kpj for r in rows if r.kpj is not None]
    assert len(set(niks)) == len(niks)
    assert len(set(kpjs)) == len(kpjs) > 0
    assert all(len(k) == 11 and k.isdigit() for k in kpjs)
    for row in rows:
        village = regions.get(row.village_code)
        assert village is not None and regions.is_village(row.village_code)
        assert row.village_code.startswith("53.03.")
        assert row.kecamatan_code == village.parent_code
        assert row.nik[:6] == row.kecamatan_code.replace(".", "")
        assert row.full_name == row.full_name.upper()
        assert row.created_by == "demo" and row.version == 1


def test_running_twice_adds_without_collision(ctx: ServiceContext) -> None:
    generate_demo_workers(ctx, 300)
    # The same seed again draws the same people; serials and KPJs must step past them.
    assert generate_demo_workers(ctx, 300) == 300
    rows = _rows(ctx)
    assert len(rows) == 600
    assert len({r.nik for r in rows}) == 600
    kpjs = [r.kpj for r in rows if r.kpj is not None]
    assert len(set(kpjs)) == len(kpjs)
    service = WorkerService(ctx)
    for row in rows[300::37]:
        assert service.check(service.get(row.id).to_input(), worker_id=row.id) == []


def test_name_and_nik_search_find_demo_workers(ctx: ServiceContext) -> None:
    generate_demo_workers(ctx, 300)
    rows = _rows(ctx)
    service = WorkerService(ctx)
    target = rows[123]
    words = target.name_key.split()
    query = f"{words[-1]} {words[0]}"
    expected = [r for r in rows if all(w in r.name_key for w in query.split())]
    page = service.search(WorkerQuery(text=query, limit=100))
    assert page.total == len(expected)
    assert target.id in {r.id for r in page.rows}
    # A fragment from inside the family name, as clerks type it.
    fragment = words[-1][1:4] if len(words[-1]) >= 4 else words[-1]
    page = service.search(WorkerQuery(text=fragment, limit=1000))
    assert page.total == sum(fragment in r.name_key for r in rows)
    by_nik = service.search(WorkerQuery(text=target.nik))
    assert [r.id for r in by_nik.rows] == [target.id]


def test_mix_is_plausible(ctx: ServiceContext) -> None:
    generate_demo_workers(ctx, 3000, seed=7)
    rows = _rows(ctx)
    assert all(r.kecamatan_code in COASTAL_KECAMATAN for r in rows if r.occupation == "nelayan")
    for r in rows:
        official = r.occupation in ("perangkat_desa", "rt_rw")
        kelurahan = r.village_code.split(".")[3].startswith("1")
        assert (r.funding == FundingSource.DANA_DESA) == (official and not kelurahan), r
        assert 1955 <= r.birth_date.year <= 2007
        assert r.rt is None or (len(r.rt) == 3 and r.rt.isdigit())
        if r.status == WorkerStatus.ACTIVE:
            assert r.status_date is None and r.status_reason is None
        else:
            assert r.status_date is not None
            assert (r.status_reason is not None) == (r.status == WorkerStatus.INACTIVE)
    occupations = Counter(r.occupation for r in rows)
    assert occupations.most_common(1)[0][0] == "petani"
    women = sum(r.gender == "P" for r in rows) / len(rows)
    assert 0.45 < women < 0.55
    assert 0.70 < sum(r.kpj is not None for r in rows) / len(rows) < 0.80
    assert 0.55 < sum(r.phone is not None for r in rows) / len(rows) < 0.65
    assert 0.01 < sum(r.status == WorkerStatus.INACTIVE for r in rows) / len(rows) < 0.05
    # Names repeat, but no single full name dominates.
    names = Counter(r.full_name for r in rows)
    assert len(names) > len(rows) / 3
    assert names.most_common(1)[0][1] < len(rows) / 100


def test_same_seed_same_workers(sqlite_template: Path, tmp_path: Path) -> None:
    def draw(folder: str, seed: int) -> list[tuple[Any, ...]]:
        path = tmp_path / folder / "demo.db"
        path.parent.mkdir()
        path.write_bytes(sqlite_template.read_bytes())
        ctx = ServiceContext.for_engine(make_engine(f"sqlite:///{path}"), OPERATOR)
        try:
            generate_demo_workers(ctx, 200, seed=seed)
            return [(r.nik, r.full_name, r.village_code, r.kpj, r.phone) for r in _rows(ctx)]
        finally:
            ctx.engine.dispose()

    first = draw("a", 11)
    assert draw("b", 11) == first
    assert draw("c", 12) != first


def test_progress_is_reported_per_chunk(
    ctx: ServiceContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(demo_data, "CHUNK_SIZE", 5)
    seen: list[tuple[int, int]] = []
    assert generate_demo_workers(ctx, 12, progress=lambda done, total: seen.append((done, total)))
    assert seen == [(5, 12), (10, 12), (12, 12)]
    assert generate_demo_workers(ctx, 0) == 0
    assert len(_rows(ctx)) == 12


def test_demo_data_follows_any_district_kota_ambon(database_url: str) -> None:
    """Kota Ambon (81.71), far from TTU: its own kelurahan and desa, NIKs of its kecamatan,
    fishers on Teluk Ambon and in places named for the water, and every record clean."""
    admin = ServiceContext.for_engine(make_engine(database_url), principal=DISTRICT_ADMIN)
    try:
        apply_district(
            admin,
            DistrictSetup(
                kabupaten_code="81.71", office={"office.address": "Jl. Pattimura, Ambon"}
            ),
        )
        assert generate_demo_workers(admin, 600, seed=3) == 600
        regions = RegionDirectory(admin)
        assert regions.kabupaten_name == "Kota Ambon"
        names = {k.code: k.name for k in regions.kecamatan()}
        villages = {v.code: v.name for v in regions.villages()}
        service = WorkerService(admin, regions)
        rows = _rows(admin)
        assert {r.village_code for r in rows} <= set(villages)
        assert all(r.nik.startswith(r.kecamatan_code.replace(".", "")) for r in rows)
        assert all(r.nik.startswith("8171") for r in rows)
        fishers = [r for r in rows if r.occupation == "nelayan"]
        assert fishers, "Ambon's coast has fishers"
        assert "81.71.04" in {r.kecamatan_code for r in fishers}  # Teluk Ambon
        for row in fishers:
            assert demo_data.is_coastal(
                row.kecamatan_code, names[row.kecamatan_code], villages[row.village_code]
            ), row.village_code
        for row in rows[:60]:
            assert service.check(service.get(row.id).to_input(), worker_id=row.id) == [], row.nik
    finally:
        admin.engine.dispose()
