"""Beranda's charts (Qt Charts): workers by kecamatan, by occupation and by gender and age
band (click a bar for the worker list), and workers and premium over twelve months.

Imported once the first figures arrive, so Qt Charts costs nothing before the first paint.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from html import escape
from typing import TYPE_CHECKING

from PySide6.QtCharts import (
    QBarCategoryAxis,
    QBarSet,
    QChart,
    QChartView,
    QHorizontalBarSeries,
    QLineSeries,
    QValueAxis,
)
from PySide6.QtCore import QMargins, Qt, Signal
from PySide6.QtGui import QColor, QFont, QPainter, QPen
from PySide6.QtWidgets import QGridLayout, QWidget

from models.enums import Gender
from services.text.labels import GENDER
from ui.gui.signals import emit

if TYPE_CHECKING:
    from services.reports.dashboard import Bar, Dashboard

BLUE = QColor("#3b6fb6")
ROSE = QColor("#d0607a")
GREEN = QColor("#2e8b57")
ORANGE = QColor("#e08a1e")
TEXT = QColor("#1f2933")
BAR_PIXELS = 19  # per category of a horizontal bar chart
MONTH_ABBREVIATIONS = (
    "Jan",
    "Feb",
    "Mar",
    "Apr",
    "Mei",
    "Jun",
    "Jul",
    "Agu",
    "Sep",
    "Okt",
    "Nov",
    "Des",
)


def _chart(title: str) -> QChart:
    chart = QChart()
    chart.setTitle(title)
    font = QFont(chart.titleFont())
    font.setBold(True)
    font.setPointSizeF(font.pointSizeF() * 1.1)
    chart.setTitleFont(font)
    chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
    chart.setLocalizeNumbers(True)  # 12.345, the Indonesian way
    chart.setMargins(QMargins(4, 4, 8, 4))
    chart.setBackgroundRoundness(4)
    return chart


def _view(chart: QChart, parent: QWidget) -> QChartView:
    view = QChartView(chart, parent)
    view.setRenderHint(QPainter.RenderHint.Antialiasing)
    return view


def _clear(chart: QChart) -> None:
    chart.removeAllSeries()
    for axis in chart.axes():
        chart.removeAxis(axis)


def _count_axis(top: int) -> QValueAxis:
    axis = QValueAxis()
    axis.setLabelFormat("%.0f")  # localized: "%d" draws nothing
    # Room for the value labels at the bar ends; at least 0–4, so five ticks fall on whole
    # numbers (a range of 0–1 labelled "0 0 1 1 1").
    axis.setRange(0, max(top * 1.12, 4))
    axis.setTickCount(5)
    axis.applyNiceNumbers()
    return axis


class DashboardCharts(QWidget):
    # A bar was clicked: "kecamatan" or "occupation", its key (code) and label.
    bar_chosen = Signal(str, str, str)
    # A gender and age bar was clicked: the gender's value and the band's index.
    gender_age_chosen = Signal(str, int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.kecamatan_chart = _chart("Peserta terlindungi per kecamatan (klik batang: daftar)")
        self.occupation_chart = _chart("Per pekerjaan (klik batang: daftar)")
        self.gender_chart = _chart("Per jenis kelamin dan umur, tahun (klik batang: daftar)")
        self.trend_chart = _chart("Peserta dihitung dan iuran, 12 bulan terakhir")
        self.kecamatan_view = _view(self.kecamatan_chart, self)
        self.occupation_view = _view(self.occupation_chart, self)
        self.gender_view = _view(self.gender_chart, self)
        self.trend_view = _view(self.trend_chart, self)
        # The bars in the order drawn, so a clicked index finds its key.
        self.kecamatan_bars: list[Bar] = []
        self.occupation_bars: list[Bar] = []
        layout = QGridLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(8)
        layout.addWidget(self.kecamatan_view, 0, 0, 2, 1)
        layout.addWidget(self.occupation_view, 0, 1)
        layout.addWidget(self.gender_view, 1, 1)
        layout.addWidget(self.trend_view, 2, 0, 1, 2)
        layout.setColumnStretch(0, 1)
        layout.setColumnStretch(1, 1)
        self.trend_view.setMinimumHeight(300)

    def show_board(self, board: Dashboard) -> None:
        self.kecamatan_bars = self._fill_bars(
            self.kecamatan_chart, board.by_kecamatan, BLUE, self.open_kecamatan
        )
        self.occupation_bars = self._fill_bars(
            self.occupation_chart, board.by_occupation, GREEN, self.open_occupation
        )
        rows = max(len(self.kecamatan_bars), 2 * len(self.occupation_bars), 8)
        self.kecamatan_view.setMinimumHeight(rows * BAR_PIXELS + 90)
        self.occupation_view.setMinimumHeight(max(len(self.occupation_bars), 4) * BAR_PIXELS + 80)
        self.gender_view.setMinimumHeight(2 * len(board.by_gender_age) * BAR_PIXELS + 110)
        self._fill_gender(board)
        self._fill_trend(board)

    # -- the bar slots (QBarSet.clicked gives the bar's index) ---------------------------

    def open_kecamatan(self, index: int) -> None:
        bar = self.kecamatan_bars[index]
        emit(self.bar_chosen, "kecamatan", bar.key, bar.label)

    def open_occupation(self, index: int) -> None:
        bar = self.occupation_bars[index]
        emit(self.bar_chosen, "occupation", bar.key, bar.label)

    def open_men(self, index: int) -> None:
        emit(self.gender_age_chosen, Gender.MALE.value, index)

    def open_women(self, index: int) -> None:
        emit(self.gender_age_chosen, Gender.FEMALE.value, index)

    # -- filling -----------------------------------------------------------------------

    def _fill_bars(
        self,
        chart: QChart,
        bars: Sequence[Bar],
        colour: QColor,
        slot: Callable[[int], None],
    ) -> list[Bar]:
        _clear(chart)
        # Qt draws the first category at the bottom: ascending counts put the largest on top.
        drawn = sorted(bars, key=lambda b: (b.count, b.label), reverse=False)
        counts = QBarSet("Peserta")
        counts.append([b.count for b in drawn])
        counts.setColor(colour)
        counts.setBorderColor(colour)
        counts.setLabelColor(TEXT)
        counts.clicked.connect(slot)
        series = QHorizontalBarSeries()
        series.append(counts)
        series.setBarWidth(0.75)
        series.setLabelsVisible(True)
        series.setLabelsPosition(QHorizontalBarSeries.LabelsPosition.LabelsOutsideEnd)
        chart.addSeries(series)
        names = QBarCategoryAxis()
        names.append([escape(b.label) for b in drawn] or ["–"])
        names.setTruncateLabels(False)  # a kecamatan's name is the point of the bar
        values = _count_axis(max((b.count for b in drawn), default=0))
        chart.addAxis(names, Qt.AlignmentFlag.AlignLeft)
        chart.addAxis(values, Qt.AlignmentFlag.AlignBottom)
        series.attachAxis(names)
        series.attachAxis(values)
        chart.legend().hide()
        return drawn

    def _fill_gender(self, board: Dashboard) -> None:
        chart = self.gender_chart
        _clear(chart)
        male, female = QBarSet(GENDER[Gender.MALE]), QBarSet(GENDER[Gender.FEMALE])
        male.append([b.male for b in board.by_gender_age])
        female.append([b.female for b in board.by_gender_age])
        for bar_set, colour, slot in ((male, BLUE, self.open_men), (female, ROSE, self.open_women)):
            bar_set.setLabelColor(TEXT)
            bar_set.setColor(colour)
            bar_set.setBorderColor(colour)
            bar_set.clicked.connect(slot)
        # Side by side, the pair's value labels would run into each other once counts
        # reach thousands; lying down, each bar has its own line for its number.
        series = QHorizontalBarSeries()
        series.append(male)
        series.append(female)
        series.setBarWidth(0.8)
        series.setLabelsVisible(True)
        series.setLabelsPosition(QHorizontalBarSeries.LabelsPosition.LabelsOutsideEnd)
        chart.addSeries(series)
        bands = QBarCategoryAxis()
        # Axis labels are rich text: "< 25" would vanish as a broken tag. The youngest
        # band is drawn at the bottom, as in a population pyramid.
        bands.append([escape(b.band) for b in board.by_gender_age])
        top = max((max(b.male, b.female) for b in board.by_gender_age), default=0)
        values = _count_axis(top)
        chart.addAxis(bands, Qt.AlignmentFlag.AlignLeft)
        chart.addAxis(values, Qt.AlignmentFlag.AlignBottom)
        series.attachAxis(bands)
        series.attachAxis(values)
        chart.legend().show()
        chart.legend().setAlignment(Qt.AlignmentFlag.AlignTop)

    def _fill_trend(self, board: Dashboard) -> None:
        chart = self.trend_chart
        _clear(chart)
        points = board.per_month
        workers = QLineSeries()
        workers.setName("Peserta dihitung (kiri)")
        premium = QLineSeries()
        premium.setName("Iuran, juta rupiah (kanan)")
        for index, point in enumerate(points):
            workers.append(index, point.workers)
            premium.append(index, point.amount / 1_000_000)
        for series, colour in ((workers, BLUE), (premium, ORANGE)):
            series.setPen(QPen(colour, 2.5))
            series.setPointsVisible(True)
            chart.addSeries(series)
        months = QBarCategoryAxis()
        months.append(
            [f"{MONTH_ABBREVIATIONS[p.month.month - 1]} {p.month.year % 100:02d}" for p in points]
        )
        counts = _count_axis(max((p.workers for p in points), default=0))
        money = QValueAxis()
        money.setLabelFormat("%.1f")
        money.setRange(0, max((p.amount for p in points), default=0) / 1_000_000 * 1.12 or 1)
        money.setTickCount(5)
        money.applyNiceNumbers()
        chart.addAxis(months, Qt.AlignmentFlag.AlignBottom)
        chart.addAxis(counts, Qt.AlignmentFlag.AlignLeft)
        chart.addAxis(money, Qt.AlignmentFlag.AlignRight)
        for series, axis in ((workers, counts), (premium, money)):
            series.attachAxis(months)
            series.attachAxis(axis)
        counts.setLabelsColor(BLUE)
        money.setLabelsColor(ORANGE)
        chart.legend().show()
        chart.legend().setAlignment(Qt.AlignmentFlag.AlignTop)
