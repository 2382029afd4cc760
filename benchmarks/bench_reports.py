"""The dashboard and the five reports over a demo register with twelve months of money,
beside the bare SQL doing the same aggregates on the same database.

Set-up (timed, printed): twelve monthly BPJS bills for APBD Kabupaten (the last month
billed with a few workers too many), payments for all but the last two, the year's
allocations, and BPJS's participant list for the last billed month (a CSV of every
counted worker's NIK, 40 of them left out and 25 unknown NIKs added) imported for the
drill-down.

Measured, on the same database in the same run:

- ``dashboard(ctx)``: median of ``--repeat`` runs after a warm-up; target under 1 s;
- each report built and written to .xlsx and to PDF (``write_report``, audit record
  included): recap, village list (the largest village), premium (the billed month, with
  the drill-down), claims (this year), data quality; target under 5 s each. The lists of
  every village of the largest kecamatan in one file are measured too, as a batch of
  village reports without a target;
- beside each: the SQL the service sent, captured from the cursor and replayed through
  the bare driver (sqlite3 / psycopg) — what the database alone needs for the figures;
  and, as the floor of any register-wide figure, a bare ``count(*) ... GROUP BY funding``.

    python benchmarks/bench_reports.py [--rows 150000] [--seed 2025] [--pg] [--repeat 3]
"""

from __future__ import annotations

import argparse
import random
import statistics
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from _common import (
    WORK_DIR,
    BenchDatabase,
    demo_database,
    engine_kind,
    heading,
    line,
    ms,
    parse_args,
    python_version,
    ratio,
    secs,
    stopwatch,
    verdict,
)
from bench_search import BareDriver, StatementClock
from sqlalchemy import func, select

from models import Worker
from models.enums import FundingSource
from services.premiums import (
    AllocationInput,
    BillInput,
    Month,
    PaymentInput,
    premium_series,
    record_bill,
    record_payment,
    set_allocation,
)
from services.premiums.bpjs_list import import_bpjs_list
from services.premiums.coverage_sql import counted_in
from services.premiums.months import Period
from services.premiums.types import PartialMonthRule
from services.reports import ReportFilter, ReportKind, dashboard
from services.reports.service import write_report

DASHBOARD_TARGET_S = 1.0
REPORT_TARGET_S = 5.0
KAB = FundingSource.APBD_KABUPATEN
LEFT_OUT = 40
UNKNOWN = 25


@dataclass
class Timing:
    label: str
    total_s: float
    bare_s: float  # the service's SELECTs replayed through the bare driver, rows fetched
    note: str = ""
    # A village's list is the report a village head signs; a whole kecamatan at once is
    # a batch of such reports, measured but not held to the per-report target.
    targeted: bool = True


def _selects(clock: StatementClock) -> list[tuple[str, Any]]:
    return [
        (sql, params)
        for sql, params, _ in clock.log
        if sql.lstrip().upper().startswith(("SELECT", "WITH"))
    ]


def _timed(
    clock: StatementClock, driver: BareDriver, label: str, work: Callable[[], str]
) -> Timing:
    clock.log.clear()
    with stopwatch() as elapsed:
        note = work()
    total = elapsed()
    return Timing(label, total, driver.time_all(_selects(clock)), note)


# -- set-up ----------------------------------------------------------------------------


def _money(db: BenchDatabase, today: date) -> tuple[Month, int]:
    """Twelve billed months ending last month; returns that month and its bill id."""
    ctx = db.ctx
    last = Month.of(today).shift(-1)
    months = [last.shift(-i) for i in range(11, -1, -1)]
    series = {t.month: t.of(KAB) for t in premium_series(ctx, months)}
    bill_id = 0
    for index, month in enumerate(months):
        counted = series[month]
        extra = 25 if month == last else 0
        bill = record_bill(
            ctx,
            BillInput(
                month,
                KAB,
                f"TAG/{month.code}",
                month.last_day + timedelta(days=5),
                counted.workers + extra,
                counted.amount + extra * 16_800,
            ),
            today=today + timedelta(days=40),
        )
        bill_id = bill.id
        if index < len(months) - 2:
            record_payment(
                ctx,
                PaymentInput(
                    bill.id, month.last_day + timedelta(days=20), bill.amount, f"SP2D {index}"
                ),
                today=today + timedelta(days=60),
            )
    for year in sorted({m.year for m in months}):
        set_allocation(ctx, AllocationInput(year, KAB, 2_999_808_000, budget_code="5.1.02.01"))
    return last, bill_id


def _bpjs_list(db: BenchDatabase, month: Month, seed: int) -> Path:
    src = Worker.__table__
    with db.ctx.engine.connect() as conn:
        niks = list(
            conn.execute(
                select(src.c.nik).where(
                    src.c.funding == KAB, counted_in(src, month, PartialMonthRule.FULL)
                )
            ).scalars()
        )
    rng = random.Random(seed)
    for index in sorted(rng.sample(range(len(niks)), LEFT_OUT), reverse=True):
        niks.pop(index)
    niks += [f"53039901019{i:05d}" for i in range(UNKNOWN)]
    path = WORK_DIR / f"bpjs_list_{month.code}_{len(niks)}.csv"
    path.write_text("No;NIK;Nama\n" + "".join(f"{i};{n};PESERTA\n" for i, n in enumerate(niks, 1)))
    return path


def _largest(db: BenchDatabase) -> tuple[str, str]:
    with db.ctx.engine.connect() as conn:
        village = conn.execute(
            select(Worker.village_code).group_by(Worker.village_code).order_by(func.count().desc())
        ).first()
        kecamatan = conn.execute(
            select(Worker.kecamatan_code)
            .group_by(Worker.kecamatan_code)
            .order_by(func.count().desc())
        ).first()
    assert village is not None and kecamatan is not None
    return village[0], kecamatan[0]


# -- measuring -------------------------------------------------------------------------------


def main() -> int:
    args = _args()
    kind = engine_kind(args)
    heading(f"reports: {args.rows:,} workers, seed {args.seed}, Python {python_version()}")
    today = date.today()
    with demo_database(kind, "reports", args.rows, args.seed, args.fresh) as db:
        print(f"  engine: {db.label}", flush=True)
        with stopwatch() as elapsed:
            month, bill_id = _money(db, today)
        line("12 bills, 10 payments, allocations", secs(elapsed()))
        listing = _bpjs_list(db, month, args.seed)
        with stopwatch() as elapsed:
            imported = import_bpjs_list(db.ctx, bill_id, listing)
        line(
            f"import BPJS list ({imported.rows:,} rows)",
            secs(elapsed()),
            f"{imported.matched:,} matched",
        )
        village, kecamatan = _largest(db)
        clock = StatementClock(db)
        driver = BareDriver(db)
        try:
            board = _dashboard(db, clock, driver, args.repeat, today)
            reports = _reports(db, clock, driver, month, village, kecamatan, today)
            floor = min(
                driver.time("SELECT funding, count(*) FROM worker GROUP BY funding")
                for _ in range(args.repeat)
            )
        finally:
            driver.close()
    return _verdict(board, reports, floor)


def _dashboard(
    db: BenchDatabase, clock: StatementClock, driver: BareDriver, repeat: int, today: date
) -> list[Timing]:
    heading(f"dashboard(ctx) on {db.label} (after one warm-up)")
    dashboard(db.ctx, today)
    runs = []
    for _ in range(repeat):
        runs.append(
            _timed(
                clock,
                driver,
                "dashboard",
                lambda: f"{dashboard(db.ctx, today).active_total:,} active",
            )
        )
    for run in runs:
        line("dashboard", ms(run.total_s), f"its SQL bare {ms(run.bare_s)}")
    return runs


def _reports(
    db: BenchDatabase,
    clock: StatementClock,
    driver: BareDriver,
    month: Month,
    village: str,
    kecamatan: str,
    today: date,
) -> list[Timing]:
    cases: list[tuple[str, ReportKind, ReportFilter]] = [
        ("recap", ReportKind.RECAP, ReportFilter()),
        (
            "village list, largest village",
            ReportKind.VILLAGE_LIST,
            ReportFilter(village_code=village),
        ),
        (
            "village lists, a kecamatan (batch)",
            ReportKind.VILLAGE_LIST,
            ReportFilter(kecamatan_code=kecamatan),
        ),
        ("premium + drill-down", ReportKind.PREMIUM, ReportFilter(period=Period(month, month))),
        ("claims (this year)", ReportKind.CLAIMS, ReportFilter()),
        ("data quality", ReportKind.DATA_QUALITY, ReportFilter()),
    ]
    heading(f"reports on {db.label}: total, and the same SQL through the bare driver")
    timings = []
    folder = WORK_DIR / "report_output"
    folder.mkdir(parents=True, exist_ok=True)
    for label, kind, report_filter in cases:
        for suffix in (".xlsx", ".pdf"):
            path = folder / f"{kind.value}{suffix}"

            def work(
                kind: ReportKind = kind,
                report_filter: ReportFilter = report_filter,
                path: Path = path,
            ) -> str:
                result = write_report(db.ctx, kind, path, report_filter, today)
                unit = "pages" if path.suffix == ".pdf" else "sheets"
                size = path.stat().st_size / 1e6
                return f"{result.report.row_count:,} workers, {result.pages} {unit}, {size:.1f} MB"

            timing = _timed(clock, driver, f"{label} {suffix}", work)
            timing.targeted = "(batch)" not in label
            timings.append(timing)
            line(
                timing.label,
                secs(timing.total_s),
                f"SQL bare {secs(timing.bare_s)}; {timing.note}",
            )
    return timings


def _verdict(board: list[Timing], reports: list[Timing], floor: float) -> int:
    heading("verdict")
    median = statistics.median(r.total_s for r in board)
    bare = statistics.median(r.bare_s for r in board)
    ok = median < DASHBOARD_TARGET_S
    line("dashboard (median)", ms(median), f"{verdict(ok)} (< 1 s)")
    line("  its SQL replayed bare", ms(bare), f"service/bare {ratio(median, bare)}")
    line("  bare count(*) GROUP BY funding", ms(floor), f"service/floor {ratio(median, floor)}")
    for timing in reports:
        passed = timing.total_s < REPORT_TARGET_S
        against = f"/bare SQL {ratio(timing.total_s, timing.bare_s)}"
        if not timing.targeted:
            line(timing.label, secs(timing.total_s), f"(no target: a batch); {against}")
            continue
        ok = ok and passed
        line(timing.label, secs(timing.total_s), f"{verdict(passed)} (< 5 s); {against}")
    return 0 if ok else 1


def _args() -> argparse.Namespace:
    def repeat(parser: argparse.ArgumentParser) -> None:
        parser.add_argument("--repeat", type=int, default=3, help="timed dashboard runs")

    return parse_args(__doc__.splitlines()[0], extra=repeat)


if __name__ == "__main__":
    raise SystemExit(main())
