"""Names found despite spelling: "johana sanam" finds "YOHANA … SANAM", after exact matches."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any, TypedDict

import pytest
from alembic import command
from sqlalchemy import inspect, select, text

from models import Worker, schema
from models.database import make_engine
from models.enums import Gender, OnExisting
from models.text_keys import name_phonetic
from services.core.context import ServiceContext
from services.excel_import import ImportOptions, commit_import, undo_import
from services.workers.demo_data import generate_demo_workers
from services.workers.service import WorkerService
from services.workers.types import WorkerQuery
from tests.conftest import OPERATOR, create_pg_database, drop_pg_database
from tests.factories import make_nik, worker_input
from tests.integration.test_import_commit import source_of


@pytest.mark.parametrize(
    ("spellings"),
    [
        ("Johana", "Yohana", "YOHANNA"),
        ("Yosef", "Josef", "Yoseph"),
        ("Djoko", "Joko"),
        ("Tjahja", "Cahya"),
        ("Soekarno", "Sukarno"),
        ("Christina", "Kristina"),
        ("Philipus", "Filipus"),
        ("Goretti", "Goreti"),
        ("Cornelis", "Kornelis"),
    ],
)
def test_spellings_of_one_name_share_a_key(spellings: tuple[str, ...]) -> None:
    assert len({name_phonetic(s) for s in spellings}) == 1, spellings


def test_different_names_keep_different_keys() -> None:
    keys = {name_phonetic(n) for n in ("Maria", "Mario", "Yohanes", "Yohana", "Sanam", "Sanan")}
    assert len(keys) == 6


def _add(workers: WorkerService, serial: int, name: str) -> None:
    birth = date(1980 + serial, 3, 4)
    workers.create(
        worker_input(
            serial,
            full_name=name,
            birth_date=birth,
            gender=Gender.FEMALE,
            nik=make_nik(birth, Gender.FEMALE, serial),
            kpj=f"8{serial:010d}",
        )
    )


def names(workers: WorkerService, text: str, **query: Any) -> list[str]:
    page = workers.search(WorkerQuery(text=text, **query))
    return [r.full_name for r in page.rows]


def test_johana_finds_yohana_after_the_exact_matches(workers: WorkerService) -> None:
    for serial, name in enumerate(
        ["YOHANA MARIA SANAM", "JOHANA SANAM", "YOHANNA SANAM", "MARIA BANO", "YOHANES SANAM"],
        start=1,
    ):
        _add(workers, serial, name)
    page = workers.search(WorkerQuery(text="johana sanam"))
    found = [r.full_name for r in page.rows]
    assert found[0] == "JOHANA SANAM", "the exact spelling first"
    assert sorted(found[1:]) == ["YOHANA MARIA SANAM", "YOHANNA SANAM"]
    assert page.total == 3 and page.total_exact
    # Paged: the other spellings continue where the exact ones end.
    assert names(workers, "johana sanam", offset=1, limit=1) == [found[1]]
    assert names(workers, "johana sanam", offset=2, limit=5) == [found[2]]
    # A filter applies to the other spellings too.
    assert names(workers, "yohana", status="nonaktif") == []


def test_many_matches_page_in_name_order_then_the_other_spellings(
    workers: WorkerService,
) -> None:
    # 130 matches as typed: more than a few (read by id), fewer than the cap (sorted
    # from the name index); with a lower cap, walked. Three JOHANA come before them
    # when "johana" is typed.
    surnames = ["SANAM", "TAEK", "BANO", "KOLO", "ATOK", "BRIA", "NAHAK", "SERAN", "OEMATAN"]
    yohana = [f"YOHANA {surnames[(n * 7) % 9]} {surnames[n % 9]}" for n in range(130)]
    for serial, name in enumerate(yohana, start=1):
        _add_many(workers, serial, name)
    johana = ["JOHANA TAEK", "JOHANA BANO", "JOHANA ATOK"]
    for serial, name in enumerate(johana, start=200):
        _add_many(workers, serial, name)
    in_order = [name for _, name in sorted((n.casefold(), n) for n in yohana)]

    pages = [names(workers, "yohana", offset=n, limit=40) for n in range(0, 160, 40)]
    assert [name for page in pages for name in page] == in_order
    assert names(workers, "yohana", limit=7, descending=True) == in_order[::-1][:7]
    page = workers.search(WorkerQuery(text="yohana"))
    assert (page.total, page.total_exact) == (130, True)
    capped = workers.search(WorkerQuery(text="yohana", count_limit=120, limit=10))
    assert (capped.total, capped.total_exact) == (121, False)
    assert [r.full_name for r in capped.rows] == in_order[:10]

    both = workers.search(WorkerQuery(text="johana", limit=8))
    assert (both.total, both.total_exact) == (133, True)
    assert [r.full_name for r in both.rows] == sorted(johana) + in_order[:5]
    assert names(workers, "johana", offset=5, limit=3) == in_order[2:5]
    short = workers.search(WorkerQuery(text="johana", count_limit=50, limit=1))
    assert (short.total, short.total_exact) == (51, False)


def _add_many(workers: WorkerService, serial: int, name: str) -> None:
    birth = date(1960 + serial % 40, 3, 4)
    workers.create(
        worker_input(
            serial,
            full_name=name,
            birth_date=birth,
            gender=Gender.FEMALE,
            nik=make_nik(birth, Gender.FEMALE, serial),
            kpj=f"8{serial:010d}",
        )
    )


def test_the_key_follows_a_rename(workers: WorkerService) -> None:
    _add(workers, 1, "Djoko Kolo")
    [row] = workers.search(WorkerQuery(text="joko")).rows
    detail = workers.get(row.id)
    workers.update(detail.id, replace(detail.to_input(), full_name="Philipus Kolo"), detail.version)
    assert names(workers, "filipus") == ["PHILIPUS KOLO"]
    assert names(workers, "joko") == []


@pytest.fixture
def own_pg() -> Iterator[ServiceContext]:
    url, admin = create_pg_database()
    engine = make_engine(url)
    schema.upgrade(engine)
    engine.dispose()
    context = ServiceContext.for_engine(make_engine(url), principal=OPERATOR)
    yield context
    context.engine.dispose()
    drop_pg_database(url, admin)


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def own_database(request: pytest.FixtureRequest) -> ServiceContext:
    return request.getfixturevalue("sqlite_ctx" if request.param == "sqlite" else "own_pg")


def _migrate(ctx: ServiceContext, revision: str) -> None:
    config = schema._alembic_config()
    with ctx.engine.begin() as conn:
        config.attributes["connection"] = conn
        if revision == "head":
            command.upgrade(config, revision)
        else:
            command.downgrade(config, revision)


def test_the_migration_fills_the_key_of_existing_workers(own_database: ServiceContext) -> None:
    ctx = own_database
    workers = WorkerService(ctx)
    _add(workers, 1, "JOHANA SANAM")
    _add(workers, 2, "Soekarno Kolo")
    _migrate(ctx, "0014")  # the revision before this one
    with ctx.engine.connect() as conn:
        assert "name_phonetic" not in {c["name"] for c in inspect(conn).get_columns("worker")}
    _migrate(ctx, "head")
    with ctx.engine.connect() as conn:
        keys = dict(conn.execute(select(Worker.full_name, Worker.name_phonetic)).all())
    assert keys == {"JOHANA SANAM": "yohana sanam", "SOEKARNO KOLO": "sukarno kolo"}
    assert names(workers, "yohana") == ["JOHANA SANAM"]
    assert names(workers, "sukarno") == ["SOEKARNO KOLO"]


class _Wall(TypedDict):
    groups: dict[str, str]
    readers: dict[str, bool | None]  # Result.scalar() types a missing row as None
    options: list[str]
    grantees: set[str]
    trail: int | None


def _wall(ctx: ServiceContext) -> _Wall:
    """What 0012's wall says about the key: who reads it, the view's options and grantees."""
    with ctx.engine.connect() as conn:
        groups: dict[str, str] = dict(
            conn.execute(text("SELECT kind, rolname FROM register_group")).all()
        )
        has_key = "name_phonetic" in {c["name"] for c in inspect(conn).get_columns("worker")}
        readers: dict[str, bool | None] = {
            kind: has_key
            and conn.execute(
                text("SELECT has_column_privilege(:r, 'worker', 'name_phonetic', 'SELECT')"),
                {"r": groups[kind]},
            ).scalar()
            for kind in ("viewer", "operator")
        }
        options = conn.execute(
            text("SELECT reloptions FROM pg_class WHERE relname = 'worker_masked'")
        ).scalar()
        grantees = set(
            conn.execute(
                text(
                    "SELECT grantee FROM information_schema.role_table_grants "
                    "WHERE table_name = 'worker_masked' AND privilege_type = 'SELECT'"
                )
            ).scalars()
        )
        trail = conn.execute(
            text("SELECT count(*) FROM audit_log WHERE changes LIKE '%name_phonetic%'")
        ).scalar()
    return {"groups": groups, "readers": readers, "options": options or [],
            "grantees": grantees, "trail": trail}  # fmt: skip


@pytest.mark.postgres
def test_the_key_goes_to_the_registers_own_viewer_behind_the_barrier(
    own_pg: ServiceContext,
) -> None:
    ctx = own_pg
    workers = WorkerService(ctx)
    _add(workers, 1, "JOHANA SANAM")
    _add(workers, 2, "Soekarno Kolo")
    _migrate(ctx, "0014")  # then back up: the fill must not write the trail
    before = _wall(ctx)
    _migrate(ctx, "head")
    after = _wall(ctx)
    groups = after["groups"]
    assert isinstance(groups, dict)
    assert after["readers"] == {"viewer": True, "operator": True}
    assert "security_barrier=true" in after["options"]
    assert {groups[k] for k in ("admin", "operator", "verifikator", "viewer")} <= set(
        after["grantees"]
    )
    server_wide = {f"sirentan_{k}" for k in ("admin", "operator", "verifikator", "viewer")}
    assert not server_wide & set(after["grantees"])
    assert after["trail"] == 0, "neither the fill nor a later edit audits the key"
    detail = workers.get(_first_id(ctx))
    workers.update(detail.id, replace(detail.to_input(), full_name="Yohanna Sanam"), detail.version)
    assert _wall(ctx)["trail"] == 0
    _migrate(ctx, "0014")
    down = _wall(ctx)
    assert "security_barrier=true" in down["options"]
    assert down["grantees"] == before["grantees"]


def _first_id(ctx: ServiceContext) -> int:
    with ctx.engine.connect() as conn:
        first = conn.execute(select(Worker.id).order_by(Worker.id)).scalars().first()
    assert first is not None, "the register has workers"
    return first


def _keys_in_step(ctx: ServiceContext) -> list[tuple[str, str]]:
    with ctx.engine.connect() as conn:
        stored = conn.execute(select(Worker.full_name, Worker.name_phonetic)).all()
    return [(name, sound) for name, sound in stored if sound != name_phonetic(name)]


def test_an_import_and_its_update_and_undo_keep_the_key_in_step(
    ctx: ServiceContext, tmp_path: Path
) -> None:
    first = [[make_nik(date(1980, 5, 6), Gender.MALE, 7), "Djoko Tjahjono", date(1980, 5, 6),
              "L", "Aplasi", "Kota Kefamenanu", "tani"]]  # fmt: skip
    commit_import(ctx, source_of(tmp_path, first, "satu.xlsx"))
    assert names(WorkerService(ctx), "joko cahyono") == ["DJOKO TJAHJONO"]
    renamed = [[*first[0][:1], "Philipus Nahak", *first[0][2:]]]
    result = commit_import(
        ctx,
        source_of(tmp_path, renamed, "dua.xlsx"),
        options=ImportOptions(on_existing=OnExisting.UPDATE),
    )
    assert names(WorkerService(ctx), "filipus") == ["PHILIPUS NAHAK"]
    assert _keys_in_step(ctx) == []
    assert result.batch_id is not None
    undo_import(ctx, result.batch_id)
    assert _keys_in_step(ctx) == []
    assert names(WorkerService(ctx), "joko") == ["DJOKO TJAHJONO"]


def test_demo_data_carries_the_key(sqlite_ctx: ServiceContext) -> None:
    generate_demo_workers(sqlite_ctx, 200)
    assert _keys_in_step(sqlite_ctx) == []
