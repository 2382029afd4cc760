"""The dashboard's figures against a hand-counted register (SQLite and PostgreSQL)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from sqlalchemy import func, select

from models import CardPrint, CardPrintBatch, Worker
from models.enums import CardLayout, CardStatus, FundingSource, Gender, PrintKind
from services.core.context import ServiceContext
from services.premiums import (
    AllocationInput,
    BillInput,
    Month,
    PaymentInput,
    record_bill,
    record_payment,
    set_allocation,
)
from services.premiums.coverage_sql import covered_on
from services.reports import dashboard
from services.reports.optional import CardTiles
from services.workers.demo_data import generate_demo_workers
from services.workers.service import WorkerService
from services.workers.types import AgeBand, WorkerQuery, years_before
from tests.factories import make_nik
from tests.integration.premium_helpers import VIEWER, add_worker, as_clerk, edge_register
from tests.integration.test_reports_money import _claim, _claims_table

TODAY = date(2026, 11, 24)
DAY = timedelta(days=1)
KAB = FundingSource.APBD_KABUPATEN


def test_dashboard_figures_by_hand(ctx: ServiceContext) -> None:
    edge = edge_register(ctx)
    add_worker(
        ctx,
        6,
        date(2025, 7, 7),
        funding=FundingSource.DANA_DESA,
        village_code="53.03.06.2001",
        occupation_code="nelayan",
        gender=Gender.MALE,
        nik=make_nik(date(1990, 1, 2), Gender.MALE, 6, "530306"),
        birth_date=date(1990, 1, 2),
    )
    add_worker(ctx, 8, date(2026, 11, 10), birth_date=date(2004, 3, 1))  # joined this month
    set_allocation(ctx, AllocationInput(2026, KAB, 1_000_000))
    bill = record_bill(ctx, BillInput(Month(2026, 10), KAB, "T-10", date(2026, 11, 2), 2, 33_600))
    record_payment(ctx, PaymentInput(bill.id, date(2026, 11, 20), 33_600, "SP2D 77"))
    with ctx.engine.begin() as conn:
        late = datetime.now(UTC) - timedelta(hours=1)
        conn.execute(
            _claims_table(ctx).insert(),
            [
                _claim(
                    edge.from_first, "jkk", "draft", date(2026, 11, 20), report_deadline_at=late
                ),
                _claim(edge.from_31st, "jkk", "diajukan", date(2026, 10, 1)),
                # Paid: still open until closed, but its first report is past caring.
                _claim(edge.province, "jkk", "dibayar", date(2026, 9, 1), report_deadline_at=late),
                _claim(edge.died_15_march, "jkm", "selesai", date(2025, 3, 15)),
            ],
        )
    _print_cards(
        ctx,
        [
            (edge.from_first, CardStatus.HANDED_OVER),
            (edge.from_31st, CardStatus.SUPERSEDED),
            (edge.from_31st, CardStatus.PRINTED),
            (edge.province, CardStatus.PRINTED),
        ],
    )

    board = dashboard(ctx, TODAY)
    # Covered on 24 November 2026: from 1 January, from 31 January (both APBD Kabupaten),
    # the province worker, the fisherman on Dana Desa, and the one who joined on 10 November.
    assert board.active_by_funding == (
        (FundingSource.APBD_KABUPATEN, 3),
        (FundingSource.APBD_PROVINSI, 1),
        (FundingSource.DANA_DESA, 1),
    )
    assert (board.active_total, board.joined_this_month) == (5, 1)
    assert (board.premium_workers, board.premium_amount) == (5, 5 * 16_800)
    assert [(b.key, b.count) for b in board.by_kecamatan] == [("53.03.06", 1), ("53.03.05", 4)]
    assert [(b.key, b.label, b.count) for b in board.by_occupation] == [
        ("petani", "Petani", 4),
        ("nelayan", "Nelayan", 1),
    ]
    bands = {b.band: (b.male, b.female) for b in board.by_gender_age}
    # Born 12 July 1985 (41), 2 January 1990 (36) and 1 March 2004 (22).
    assert bands == {
        "< 25": (0, 1),
        "25–34": (0, 0),
        "35–44": (2, 2),
        "45–54": (0, 0),
        "55–64": (0, 0),
        "≥ 65": (0, 0),
    }
    assert [p.month for p in board.per_month] == [Month(2025, 12).shift(i) for i in range(12)]
    assert [p.workers for p in board.per_month] == [4] * 11 + [5]
    assert board.per_month[0].amount == 4 * 16_800
    assert (board.budget_allocation, board.budget_paid) == (1_000_000, 33_600)
    assert board.budget_used_share == 33_600 / 1_000_000
    assert board.cards == CardTiles(workers_with_card=3, not_handed_over=2)
    assert board.claims.open_by_status == (
        ("draft", 1),
        ("berkas_lengkap", 0),
        ("diajukan", 1),
        ("disetujui", 0),
        ("dibayar", 1),
    )
    assert (board.claims.open_total, board.claims.overdue) == (3, 1)
    assert board.rule_text.startswith("Peserta yang mulai") and board.scope_note is None


def _print_cards(ctx: ServiceContext, cards: list[tuple[int, CardStatus]]) -> None:
    with ctx.session_factory.begin() as session:
        batch = CardPrintBatch(
            selection="uji",
            layout=CardLayout.A4,
            backs=True,
            start_position=1,
            card_count=len(cards),
            reprint_count=0,
            skipped_count=0,
            page_count=1,
            pdf_sha256="0" * 64,
        )
        session.add(batch)
        session.flush()
        session.add_all(
            CardPrint(batch_id=batch.id, worker_id=worker, kind=PrintKind.FIRST, status=status)
            for worker, status in cards
        )


def test_dashboard_totals_equal_sql_on_demo_data(ctx: ServiceContext) -> None:
    generate_demo_workers(ctx, 400, seed=3)
    board = dashboard(ctx, TODAY)
    src = Worker.__table__
    with ctx.session_factory() as session:
        covered = session.scalar(
            select(func.count()).select_from(src).where(covered_on(src, TODAY))
        )
    assert board.active_total == covered
    assert sum(b.count for b in board.by_kecamatan) == covered
    assert sum(b.count for b in board.by_occupation) == covered
    assert sum(b.male + b.female for b in board.by_gender_age) == covered
    viewer = dashboard(as_clerk(ctx, VIEWER), TODAY)
    assert viewer.active_total == covered and viewer.per_month == board.per_month


def test_every_bar_opens_as_many_workers_as_it_counts(ctx: ServiceContext) -> None:
    """The worker list filtered on a bar's key and the day finds exactly the bar's workers."""
    generate_demo_workers(ctx, 300, seed=5)
    # Birthdays on the edges of the bands: 25 today, 25 tomorrow, 65 today.
    for serial, born in (
        (901, years_before(TODAY, 25)),
        (902, years_before(TODAY, 25) + DAY),
        (903, years_before(TODAY, 65)),
    ):
        add_worker(
            ctx,
            serial,
            date(2026, 1, 1),
            nik=make_nik(born, Gender.FEMALE, serial, "530305"),
            birth_date=born,
            gender=Gender.FEMALE,
        )
    board = dashboard(ctx, TODAY)
    workers = WorkerService(ctx)

    def listed(query: WorkerQuery) -> int:
        return workers.search(query).total

    for bar in board.by_kecamatan:
        assert listed(WorkerQuery(kecamatan_code=bar.key, covered_on=TODAY)) == bar.count > 0
    for bar in board.by_occupation:
        assert listed(WorkerQuery(occupation_code=bar.key, covered_on=TODAY)) == bar.count > 0
    for age in board.by_gender_age:
        assert age.age_band.on == TODAY
        for gender, count in ((Gender.MALE, age.male), (Gender.FEMALE, age.female)):
            query = WorkerQuery(covered_on=TODAY, gender=gender, age_band=age.age_band)
            assert listed(query) == count
    bands = {b.band: b.female for b in board.by_gender_age}
    assert bands["< 25"] > 0 and bands["≥ 65"] > 0
    everyone = workers.search(WorkerQuery(kecamatan_code=board.by_kecamatan[0].key)).total
    assert everyone > board.by_kecamatan[0].count  # the demo register has ended coverage too


def test_an_age_band_counts_birthdays_on_its_edges(ctx: ServiceContext) -> None:
    born_25 = years_before(TODAY, 25)
    for serial, born in ((1, born_25), (2, born_25 + DAY), (3, born_25 - DAY)):
        add_worker(
            ctx,
            serial,
            date(2026, 1, 1),
            nik=make_nik(born, Gender.MALE, serial, "530305"),
            birth_date=born,
            gender=Gender.MALE,
        )
    workers = WorkerService(ctx)
    young, next_band = AgeBand(0, TODAY), AgeBand(1, TODAY)
    assert (young.label, next_band.label) == ("< 25", "25–34")
    # 25 today belongs to 25–34; 25 tomorrow is still under 25.
    assert workers.search(WorkerQuery(age_band=young)).total == 1
    assert workers.search(WorkerQuery(age_band=next_band)).total == 2
    assert workers.search(WorkerQuery(age_band=AgeBand(1, TODAY - DAY))).total == 1
    assert workers.search(WorkerQuery(gender=Gender.FEMALE, age_band=next_band)).total == 0
    board = dashboard(ctx, TODAY)
    assert [(b.male, b.female) for b in board.by_gender_age[:2]] == [(1, 0), (2, 0)]
