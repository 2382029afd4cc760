"""Beranda: the first screen, its figures against a hand-counted register, and a clicked bar
opening the worker list of exactly the workers it counts."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCharts import QAbstractBarSeries, QBarCategoryAxis, QBarSet, QChart, QXYSeries
from pytestqt.qtbot import QtBot

from models.enums import FundingSource, Gender
from services.core.context import ServiceContext
from services.premiums import Month
from services.workers.service import WorkerService
from services.workers.types import WorkerQuery, years_before
from tests.conftest import office_day_now
from tests.factories import make_nik
from tests.present import present
from tests.ui.helpers import covered_now, open_window
from ui.gui.app_context import AppContext
from ui.gui.dashboard.dashboard_panel import LOADING, DashboardPanel
from ui.gui.main_window import MainWindow
from ui.gui.signals import emit
from ui.gui.worker_list.worker_list_panel import WorkerListPanel

BERANDA = "Beranda"
KOTA = "53.03.05"
BIBOKI = "53.03.06"
BIBOKI_VILLAGE = "53.03.06.2001"
LOAD_MS = 15000


def _register(ctx: ServiceContext) -> WorkerService:
    """Kota Kefamenanu: three petani (one joined this month) and one whose coverage ended;
    Biboki Utara: a petani and a nelayan on Dana Desa; one worker not covered yet."""
    workers = WorkerService(ctx)
    today = office_day_now()
    last_month = Month.of(today).shift(-1).first_day
    for serial in (1, 2):
        workers.create(covered_now(serial, coverage_start=last_month))
    workers.create(covered_now(3, coverage_start=Month.of(today).first_day))
    workers.create(
        covered_now(4, coverage_start=date(2024, 1, 1), coverage_end=today - timedelta(days=1))
    )
    for serial, occupation, funding in (
        (5, "petani", FundingSource.APBD_KABUPATEN),
        (6, "nelayan", FundingSource.DANA_DESA),
    ):
        workers.create(
            covered_now(
                serial,
                coverage_start=last_month,
                village_code=BIBOKI_VILLAGE,
                nik=make_nik(date(1985, 7, 12), Gender.FEMALE, serial, "530306"),
                occupation_code=occupation,
                funding=funding,
            )
        )
    workers.create(
        covered_now(
            7, coverage_start=today + timedelta(days=400), coverage_end=today + timedelta(days=700)
        )
    )
    return workers


def _dashboard(qtbot: QtBot, window: MainWindow) -> DashboardPanel:
    panel = window.panel(BERANDA)
    assert isinstance(panel, DashboardPanel)
    qtbot.waitUntil(lambda: panel.figures is not None and not panel.loading, timeout=LOAD_MS)
    return panel


def _bar_sets(chart: QChart) -> list[QBarSet]:
    """The bar sets of a bar chart's one series (Qt types ``series()`` by their base)."""
    series = chart.series()[0]
    assert isinstance(series, QAbstractBarSeries)
    return series.barSets()


def _bars(panel: DashboardPanel) -> tuple[QBarSet, list[str]]:
    """The kecamatan chart's one bar set and its category labels, as drawn."""
    assert panel.charts is not None
    chart = panel.charts.kecamatan_chart
    bars = _bar_sets(chart)[0]
    axis = next(a for a in chart.axes() if isinstance(a, QBarCategoryAxis))
    return bars, axis.categories()


def test_beranda_is_the_first_screen_with_the_register_figures(
    qtbot: QtBot, ctx: ServiceContext
) -> None:
    workers = _register(ctx)
    window = open_window(qtbot, ctx)
    assert window.section_titles()[0] == BERANDA
    assert isinstance(window.stack.currentWidget(), DashboardPanel)
    panel = _dashboard(qtbot, window)
    assert panel.stamp.text().startswith("Angka per ")

    tiles = panel.tiles
    assert tiles.active.value.text() == "5"
    assert "APBD Kabupaten: <b>4</b>" in tiles.active.detail.text()
    assert "Dana Desa: <b>1</b>" in tiles.active.detail.text()
    assert tiles.joined.value.text() == "1"
    # The five, and the one whose coverage ended yesterday: a month covered in part counts
    # whole under the default rule; 6 × (JKK 10.000 + JKM 6.800).
    assert tiles.premium.value.text() == "Rp100.800"
    assert "6 peserta dihitung" in tiles.premium.detail.text()
    assert tiles.cards.value.text() == "0"
    assert tiles.claims.value.text() == "0"
    assert tiles.budget.value.text() == "–"
    assert "belum dicatat" in tiles.budget.detail.text()

    bars, labels = _bars(panel)
    # Ascending from the bottom: the larger kecamatan is drawn on top.
    assert labels == ["Biboki Utara", "Kota Kefamenanu"]
    assert [bars.at(i) for i in range(bars.count())] == [2, 3]
    assert panel.charts is not None
    assert [(b.key, b.count) for b in panel.charts.occupation_bars] == [
        ("nelayan", 1),
        ("petani", 4),
    ]
    trend = panel.charts.trend_chart.series()[0]
    assert isinstance(trend, QXYSeries)
    assert trend.at(trend.count() - 1).y() == 6

    workers.create(covered_now(8, coverage_start=office_day_now() - timedelta(days=3)))
    panel.reload_button.click()
    qtbot.waitUntil(lambda: tiles.active.value.text() == "6", timeout=LOAD_MS)
    assert not panel.loading and panel.reload_button.isEnabled()
    # A worker saved in the app while Beranda is shown: the figures follow by themselves.
    saved = workers.create(covered_now(9, coverage_start=office_day_now() - timedelta(days=3)))
    emit(window.app.events.workers_changed, saved.worker.id)
    qtbot.waitUntil(lambda: tiles.active.value.text() == "7", timeout=LOAD_MS)


def test_a_clicked_bar_opens_the_worker_list_of_its_workers(
    qtbot: QtBot, ctx: ServiceContext
) -> None:
    _register(ctx)
    window = open_window(qtbot, ctx)
    panel = _dashboard(qtbot, window)
    bars, labels = _bars(panel)

    emit(bars.clicked, labels.index("Kota Kefamenanu"))  # what a click on the bar sends
    listing = window.panel("Peserta")
    assert isinstance(listing, WorkerListPanel) and window.stack.currentWidget() is listing
    query = listing.filters.query()
    assert (query.kecamatan_code, query.covered_on) == (KOTA, present(panel.figures).today)
    # Four Kota workers are registered; the bar and the list count the three covered today.
    qtbot.waitUntil(lambda: listing.model.total == 3, timeout=LOAD_MS)
    assert listing.filters.kecamatan.value() == KOTA
    assert listing.filters.drill_chip.text().startswith("terlindungi hari ini")

    window.show_section(BERANDA)
    charts = panel.charts
    assert charts is not None
    occupation = _bar_sets(charts.occupation_chart)[0]
    emit(occupation.clicked, [b.key for b in charts.occupation_bars].index("nelayan"))
    assert window.stack.currentWidget() is listing
    qtbot.waitUntil(lambda: listing.model.total == 1, timeout=LOAD_MS)
    assert listing.filters.kecamatan.value() is None
    assert listing.filters.drill_chip.text().startswith("Pekerjaan: Nelayan · terlindungi")

    listing.filters.drill_chip.click()  # the chip removes the drill-down filter
    qtbot.waitUntil(lambda: listing.model.total == 7, timeout=LOAD_MS)
    assert listing.filters.drill_chip.isHidden()


def test_a_clicked_gender_and_age_bar_opens_its_workers(qtbot: QtBot, ctx: ServiceContext) -> None:
    workers = _register(ctx)
    young = years_before(office_day_now(), 20)
    workers.create(covered_now(8, birth_date=young, gender=Gender.MALE))
    window = open_window(qtbot, ctx)
    panel = _dashboard(qtbot, window)
    assert panel.charts is not None and panel.figures is not None
    men, women = _bar_sets(panel.charts.gender_chart)
    bands = panel.figures.by_gender_age
    women_band = next(i for i, b in enumerate(bands) if b.female)
    # Five women covered today, all born on 12 July 1985; one man of twenty.
    assert (bands[women_band].female, bands[0].male) == (5, 1)

    emit(men.clicked, 0)  # what a click on the men's "< 25" bar sends
    listing = window.panel("Peserta")
    assert isinstance(listing, WorkerListPanel) and window.stack.currentWidget() is listing
    query = listing.filters.query()
    assert (query.gender, query.age_band, query.covered_on) == (
        Gender.MALE,
        bands[0].age_band,
        panel.figures.today,
    )
    qtbot.waitUntil(lambda: listing.model.total == 1, timeout=LOAD_MS)
    chip = listing.filters.drill_chip
    assert chip.isVisible()
    assert chip.text() == "Laki-laki · umur < 25 tahun · terlindungi hari ini  ✕"

    window.show_section(BERANDA)
    emit(women.clicked, women_band)
    qtbot.waitUntil(lambda: listing.model.total == bands[women_band].female, timeout=LOAD_MS)
    assert listing.filters.query().gender is Gender.FEMALE
    assert f"Perempuan · umur {bands[women_band].band} tahun" in chip.text()

    listing.filters.reset_button.click()  # "Hapus filter" clears the bar's filters too
    qtbot.waitUntil(lambda: listing.model.total == 8, timeout=LOAD_MS)
    assert chip.isHidden() and listing.filters.query() == WorkerQuery()


def test_figures_that_arrive_while_beranda_is_hidden_are_charted_when_it_shows(
    qtbot: QtBot, ctx: ServiceContext
) -> None:
    """A clerk who went straight on to Peserta is not held up by Qt Charts: the charts are
    built when Beranda is shown, from the figures that arrived meanwhile."""
    _register(ctx)
    window = open_window(qtbot, ctx)
    window.show_section("Peserta")
    panel = window.panel(BERANDA)
    assert isinstance(panel, DashboardPanel) and not panel.isVisible()
    # Its own start-up read may still be running; one more read, finished while hidden.
    qtbot.waitUntil(lambda: not panel.loading, timeout=LOAD_MS)
    panel.figures = None
    panel.charts = None  # as if never drawn (the start-up read may have drawn them)
    panel.reload()
    qtbot.waitUntil(lambda: panel.figures is not None and not panel.loading, timeout=LOAD_MS)
    assert panel.charts is None and panel.charts_behind

    arrived = panel.loaded_at
    window.show_section(BERANDA)
    assert panel.charts is not None and not panel.charts_behind
    bars, names = _bars(panel)
    assert dict(zip(names, (bars.at(i) for i in range(bars.count())), strict=True))
    # Showing Beranda reads the figures afresh; let that read end before the register goes.
    qtbot.waitUntil(lambda: panel.loaded_at is not arrived and not panel.loading, timeout=LOAD_MS)


def test_beranda_left_before_it_painted_reads_its_figures_only_when_shown_again(
    qtbot: QtBot, sqlite_ctx: ServiceContext
) -> None:
    """The figures are read after Beranda's first paint, and only if it is still on screen:
    a clerk going straight on to Peserta does not share the processor with them."""
    panel = DashboardPanel(AppContext.create(sqlite_ctx))
    qtbot.addWidget(panel)
    panel.show()
    panel.hide()  # before the paint
    qtbot.wait(100)
    assert not panel.loading and panel.figures is None and panel.stamp.text() == LOADING
    panel.show()
    qtbot.waitUntil(lambda: panel.figures is not None and not panel.loading, timeout=LOAD_MS)
