"""Finding workers by NIK/KPJ prefix, name words, and filters, paged and sorted."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from sqlalchemy import event, text

from models.enums import FundingSource, Gender, Role, WorkerStatus
from services.audit.trail import transaction_settings
from services.core.context import ServiceContext
from services.core.unit_of_work import read_session
from services.workers.service import WorkerService
from services.workers.types import SortKey, WorkerQuery
from tests.factories import make_nik, worker_input
from tests.integration.trust_helpers import clerk, first_admin

NAMES = ["Maria Goreti Taek", "Yohanes Kolo", "Agustinus Sanam", "Maria Bano", "José Fallo"]


@pytest.fixture
def five(workers: WorkerService) -> WorkerService:
    for serial, name in enumerate(NAMES, start=1):
        gender = Gender.FEMALE if name.startswith("Maria") else Gender.MALE
        birth = date(1980 + serial, 1, 10)
        village = "53.03.06.2001" if serial == 5 else "53.03.05.1002"
        kecamatan = "530306" if serial == 5 else "530305"
        workers.create(
            worker_input(
                serial,
                full_name=name,
                gender=gender,
                birth_date=birth,
                nik=make_nik(birth, gender, serial, kecamatan),
                village_code=village,
                funding=FundingSource.DANA_DESA if serial == 2 else FundingSource.APBD_KABUPATEN,
                kpj=f"9{serial:010d}",
            )
        )
    return workers


def names(workers: WorkerService, **query: Any) -> list[str]:
    return [r.full_name for r in workers.search(WorkerQuery(**query)).rows]


def test_name_substring_ignores_case(five: WorkerService) -> None:
    assert names(five, text="mari") == ["MARIA BANO", "MARIA GORETI TAEK"]
    assert names(five, text="ANAM") == ["AGUSTINUS SANAM"]


def test_name_search_ignores_accents(five: WorkerService) -> None:
    assert names(five, text="jose") == ["JOSÉ FALLO"]


def test_every_word_must_match_in_any_order(five: WorkerService) -> None:
    assert names(five, text="taek maria") == ["MARIA GORETI TAEK"]
    assert names(five, text="maria kolo") == []


def test_short_words_and_like_wildcards_are_literal(five: WorkerService) -> None:
    assert names(five, text="ko") == ["YOHANES KOLO"]
    assert names(five, text="%") == []
    assert names(five, text="_a") == []


def test_digits_search_nik_or_kpj_prefix(five: WorkerService) -> None:
    assert five.search(WorkerQuery(text="530305")).total == 4
    assert names(five, text="9000000000 3") == ["AGUSTINUS SANAM"]
    assert five.search(WorkerQuery(text="5399")).total == 0


def test_filters_combine(five: WorkerService) -> None:
    assert names(five, kecamatan_code="53.03.06") == ["JOSÉ FALLO"]
    assert names(five, funding=FundingSource.DANA_DESA) == ["YOHANES KOLO"]
    assert names(five, text="maria", village_code="53.03.05.1002", occupation_code="petani") == [
        "MARIA BANO",
        "MARIA GORETI TAEK",
    ]
    assert names(five, status=WorkerStatus.DECEASED) == []


def test_paging_reports_the_total_and_stable_pages(five: WorkerService) -> None:
    first = five.search(WorkerQuery(limit=2))
    second = five.search(WorkerQuery(limit=2, offset=2))
    third = five.search(WorkerQuery(limit=2, offset=4))
    assert first.total == second.total == 5
    seen = [r.full_name for r in first.rows + second.rows + third.rows]
    assert seen == sorted(n.upper() for n in NAMES)


def test_sort_by_birth_date_descending(five: WorkerService) -> None:
    rows = five.search(WorkerQuery(sort=SortKey.BIRTH_DATE, descending=True)).rows
    assert [r.birth_date.year for r in rows] == [1985, 1984, 1983, 1982, 1981]


def test_sort_by_village_name(five: WorkerService) -> None:
    rows = five.search(WorkerQuery(sort=SortKey.VILLAGE)).rows
    assert rows[0].village_name == "Aplasi"


def test_name_search_follows_a_rename(five: WorkerService) -> None:
    row = five.search(WorkerQuery(text="kolo")).rows[0]
    detail = five.get(row.id)
    data = detail.to_input()
    data.full_name = "Yohanes Nahak"
    five.update(row.id, data, detail.version)
    assert names(five, text="kolo") == []
    assert names(five, text="nahak") == ["YOHANES NAHAK"]


def test_text_search_counts_up_to_the_cap_then_says_more(five: WorkerService) -> None:
    capped = five.search(WorkerQuery(text="a", count_limit=2, limit=1))
    assert (capped.total, capped.total_exact) == (3, False)
    assert len(capped.rows) == 1
    exact = five.search(WorkerQuery(text="a", count_limit=None))
    assert (exact.total, exact.total_exact) == (5, True)
    assert five.count(WorkerQuery(text="a")) == 5


def test_page_is_the_same_whether_matches_are_sorted_or_walked(five: WorkerService) -> None:
    walked = five.search(WorkerQuery(text="a", count_limit=1))
    sorted_ = five.search(WorkerQuery(text="a", count_limit=None))
    assert [r.id for r in walked.rows] == [r.id for r in sorted_.rows]


def test_name_pages_and_totals_past_the_last_match(five: WorkerService) -> None:
    pages = [five.search(WorkerQuery(text="mar", limit=1, offset=n)) for n in range(3)]
    assert [[r.full_name for r in p.rows] for p in pages] == [
        ["MARIA BANO"],
        ["MARIA GORETI TAEK"],
        [],
    ]
    assert {(p.total, p.total_exact) for p in pages} == {(2, True)}
    assert names(five, text="mar", descending=True) == ["MARIA GORETI TAEK", "MARIA BANO"]


def test_filtered_name_search_over_the_cap_pages_through_every_match(
    five: WorkerService,
) -> None:
    # A filter beside the name: the matches are counted and sorted in one statement.
    # Over the cap, that page of some matches bounds the name of the true page's end.
    kota: dict[str, Any] = {"kecamatan_code": "53.03.05", "count_limit": 1, "limit": 1}
    capped = five.search(WorkerQuery(text="an", **kota))
    assert (capped.total, capped.total_exact) == (2, False)
    pages = [names(five, text="an", offset=n, **kota) for n in range(4)]
    assert pages == [["AGUSTINUS SANAM"], ["MARIA BANO"], ["YOHANES KOLO"], []]
    assert names(five, text="an", descending=True, **kota) == ["YOHANES KOLO"]
    # A page longer than the counted matches: no bound, the name index is walked.
    longer = {**kota, "limit": 5}
    assert names(five, text="an", **longer) == ["AGUSTINUS SANAM", "MARIA BANO", "YOHANES KOLO"]
    assert names(five, text="fallo", kecamatan_code="53.03.05") == []


def test_a_dense_page_is_walked_with_the_same_rows_as_sorted(five: WorkerService) -> None:
    # SQLite: two matches among five workers fill the first one-row page at once, so
    # it is walked along the name index; the second and the 100-row page are sorted.
    walked = [five.search(WorkerQuery(text="maria", limit=1, offset=n)).rows for n in range(2)]
    sorted_ = five.search(WorkerQuery(text="maria", limit=100)).rows
    assert [r.id for page in walked for r in page] == [r.id for r in sorted_]


def test_name_search_keeps_to_the_clerks_kecamatan(
    five: WorkerService, ctx: ServiceContext, database_url: str
) -> None:
    admin = first_admin(ctx, database_url)
    local = WorkerService(clerk(admin, database_url, "kota", Role.OPERATOR, ["53.03.05"]))
    assert names(local, text="fallo") == []
    assert local.search(WorkerQuery(text="fallo")).total == 0
    page = local.search(WorkerQuery(text="maria", count_limit=1, limit=1))
    assert (page.total, page.total_exact, page.rows[0].full_name) == (2, False, "MARIA BANO")
    assert local.search(WorkerQuery(text="530306")).total == 0
    assert local.search(WorkerQuery(text="5303")).total == 4
    assert names(five, text="fallo") == ["JOSÉ FALLO"]
    assert five.search(WorkerQuery(text="5303")).total == 5


def test_a_number_counts_each_worker_once_whether_nik_or_kpj_matches(
    five: WorkerService,
) -> None:
    def give_kpj(full_name: str, kpj: str) -> None:
        row = five.search(WorkerQuery(text=full_name)).rows[0]
        detail = five.get(row.id)
        data = detail.to_input()
        data.kpj = kpj
        five.update(row.id, data, detail.version)

    give_kpj("maria goreti", "5303050001")  # her NIK starts with 530305 too
    assert five.search(WorkerQuery(text="530305")).total == 4
    give_kpj("jose fallo", "5303059999")  # NIK in 530306, KPJ matches
    assert five.search(WorkerQuery(text="530305")).total == 5
    capped = five.search(WorkerQuery(text="530305", count_limit=3, limit=2))
    assert (capped.total, capped.total_exact, len(capped.rows)) == (4, False, 2)
    assert names(five, text="53030599") == ["JOSÉ FALLO"]


POSTGRESQL_ONLY = pytest.mark.parametrize(
    "database_url", [pytest.param("postgresql", marks=pytest.mark.postgres)], indirect=True
)


@POSTGRESQL_ONLY
def test_a_postgresql_search_sends_its_settings_with_the_clerks_name(
    five: WorkerService, ctx: ServiceContext
) -> None:
    """One set_config statement per search: the clerk's name (read by the audit triggers)
    and the search's planner settings, in the round trip that begins the transaction."""
    sent: list[tuple[str, dict[str, str]]] = []

    def record(_c: object, _cur: object, statement: str, parameters: Any, *_a: object) -> None:
        sent.append((statement, parameters))

    event.listen(ctx.engine, "before_cursor_execute", record)
    try:
        assert names(five, text="mari") == ["MARIA BANO", "MARIA GORETI TAEK"]
    finally:
        event.remove(ctx.engine, "before_cursor_execute", record)
    settings = [dict(p) for s, p in sent if "set_config" in s]
    assert len(settings) == 1, sent
    named = {settings[0][f"n{i}"]: settings[0][f"v{i}"] for i in range(len(settings[0]) // 2)}
    assert named == {
        "sirentan.user": "petugas1",
        "sirentan.workstation": ctx.workstation,
        "max_parallel_workers_per_gather": "0",
        "plan_cache_mode": "force_custom_plan",
    }


@POSTGRESQL_ONLY
def test_transaction_settings_hold_for_that_transaction_begun_or_not(
    ctx: ServiceContext,
) -> None:
    setting = text("SELECT current_setting('plan_cache_mode')")
    with read_session(ctx) as session:  # not begun: sent with the clerk's name
        transaction_settings(session, {"plan_cache_mode": "force_custom_plan"})
        assert session.scalar(setting) == "force_custom_plan"
        assert session.scalar(text("SELECT current_setting('sirentan.user')")) == "petugas1"
    with read_session(ctx) as session:  # begun already: sent on their own
        assert session.scalar(setting) == "auto"
        transaction_settings(session, {"plan_cache_mode": "force_generic_plan"})
        assert session.scalar(setting) == "force_generic_plan"
    with read_session(ctx) as session:
        assert session.scalar(setting) == "auto"
