"""Coverage questions over a register with a coverage history, beside the bare driver
replaying the very SQL the services sent.

Set-up (untimed): a demo register (cached SQLite file, or a temporary PostgreSQL
database; demo-data writes one or two periods per worker and the status events), then
earlier periods added in bulk so each worker has 1 to 4 periods (about 2.5 on average),
each a year long with another funding source.

Measured ``--repeat`` times each, after one warm-up call:

1. the quick check (``check_coverage``) of a random NIK or KPJ on a random day;
2. the worker search: a name, a NIK prefix (p95 < 10 ms), and the list filtered on
   "covered today" (its first page and exact count; target < 1 s, as Beranda's bar it
   drills down from);
3. Beranda (``dashboard``);
4. a premium month (``monthly_premium``).

Beside each: the statements the service sent, captured from the cursor and replayed
through sqlite3 or psycopg (the gap is SQLAlchemy and the Python around it).
Targets: quick check p95 < 10 ms, search p95 < 10 ms, Beranda < 1 s, premium month < 1 s.

    python benchmarks/bench_coverage.py [--rows 150000] [--pg] [--repeat 30]
"""

from __future__ import annotations

import argparse
import random
import sqlite3
import time
from collections.abc import Callable
from datetime import UTC, date, datetime
from typing import Any

import psycopg
from _common import (
    BenchDatabase,
    demo_database,
    engine_kind,
    heading,
    line,
    ms,
    parse_args,
    pg_dsn,
    python_version,
    ratio,
    summary,
    verdict,
)
from sqlalchemy import event, func, insert, select

from models import CoveragePeriod, Worker
from models.database import PG_SESSION_SETTINGS
from models.enums import CoverageSource, FundingSource
from services.premiums import monthly_premium
from services.premiums.months import Month
from services.reports.dashboard import dashboard
from services.workers.front_desk import check_coverage
from services.workers.regions import RegionDirectory
from services.workers.service import WorkerService
from services.workers.types import WorkerQuery

TARGET_CHECK_S = 0.010
TARGET_SEARCH_S = 0.010
TARGET_DASHBOARD_S = 1.0
TARGET_PREMIUM_S = 1.0
TODAY = date(2026, 3, 16)
FUNDINGS = list(FundingSource)


def _extra(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--repeat", type=int, default=30, help="timed calls per measure")


def _history(db: BenchDatabase, seed: int) -> tuple[int, float]:
    """Earlier periods in bulk: 0-3 more per worker, back to back before the first one."""
    rng = random.Random(seed)
    now = datetime.now(UTC)
    with db.ctx.engine.begin() as conn:
        firsts = conn.execute(
            select(CoveragePeriod.worker_id, func.min(CoveragePeriod.start_date)).group_by(
                CoveragePeriod.worker_id
            )
        ).all()
        rows = []
        for worker_id, first in firsts:
            for back in range(1, rng.choice((0, 0, 1, 2, 3)) + 1):
                start = date(first.year - back, first.month, min(first.day, 28))
                end = date(first.year - back + 1, first.month, min(first.day, 28))
                rows.append(
                    {
                        "worker_id": worker_id,
                        "start_date": start,
                        "end_date": date.fromordinal(end.toordinal() - 1),
                        "funding": rng.choice(FUNDINGS),
                        "kpj": None,
                        "source": CoverageSource.MIGRATION,
                        "created_at": now,
                        "updated_at": now,
                    }
                )
        for part in range(0, len(rows), 10_000):
            conn.execute(insert(CoveragePeriod.__table__), rows[part : part + 10_000])
        total = conn.scalar(select(func.count()).select_from(CoveragePeriod))
        workers = conn.scalar(select(func.count()).select_from(Worker))
    if db.kind == "postgresql":
        with psycopg.connect(pg_dsn(db.url), autocommit=True) as pg:
            pg.execute("VACUUM ANALYZE coverage_period, worker_status_event")
    return int(total or 0), (total or 0) / max(workers or 1, 1)


class Capture:
    """The statements a service call sends, for the bare replay."""

    def __init__(self, db: BenchDatabase) -> None:
        self.statements: list[tuple[str, Any]] = []
        self.on = False
        event.listen(db.ctx.engine, "before_cursor_execute", self._seen)

    def _seen(self, _conn: Any, _cursor: Any, statement: str, params: Any, *_: Any) -> None:
        if self.on and statement.strip().upper() not in ("BEGIN", "COMMIT", "ROLLBACK"):
            self.statements.append((statement, params))

    def take(self, call: Callable[[], object]) -> list[tuple[str, Any]]:
        self.statements, self.on = [], True
        call()
        self.on = False
        return self.statements


def _bare(db: BenchDatabase) -> Callable[[list[tuple[str, Any]]], None]:
    if db.kind == "sqlite":
        conn = sqlite3.connect(str(db.path))

        def run_sqlite(statements: list[tuple[str, Any]]) -> None:
            for statement, params in statements:
                conn.execute(statement, params).fetchall()
            conn.commit()

        return run_sqlite
    # The same server settings as the service's sessions (no JIT, work_mem).
    options = " ".join(f"-c {k}={v}" for k, v in PG_SESSION_SETTINGS.items())
    pg = psycopg.connect(pg_dsn(db.url), options=options)

    def run_pg(statements: list[tuple[str, Any]]) -> None:
        with pg.cursor() as cursor:
            for statement, params in statements:
                cursor.execute(statement, params)
                if cursor.description is not None:
                    cursor.fetchall()
        pg.commit()

    return run_pg


def _time(calls: list[Callable[[], object]]) -> list[float]:
    calls[0]()  # warm-up: first queries, caches
    samples = []
    for call in calls:
        start = time.perf_counter()
        call()
        samples.append(time.perf_counter() - start)
    return samples


def _report(name: str, service: list[float], bare: list[float], target: float) -> bool:
    median, p95, worst = summary(service)
    bare_median, bare_p95, _ = summary(bare)
    ok = p95 < target
    line(f"{name}: service median / p95 / max", f"{ms(median)} / {ms(p95)} / {ms(worst)}")
    line(
        f"{name}: bare driver, same SQL (median / p95)",
        f"{ms(bare_median)} / {ms(bare_p95)}",
        ratio(median, bare_median),
    )
    line(f"{name}: target p95 < {ms(target)}", verdict(ok))
    return ok


def main() -> int:
    args = parse_args(__doc__.splitlines()[0], extra=_extra)
    kind = engine_kind(args)
    heading(f"Coverage on {kind}, {args.rows:,} workers, Python {python_version()}")
    with demo_database(kind, "coverage", args.rows, args.seed, args.fresh) as db:
        periods, per_worker = _history(db, args.seed)
        line("coverage periods / per worker", f"{periods:,} / {per_worker:.2f}")
        rng = random.Random(args.seed)
        with db.ctx.session_factory() as session:
            numbers = [
                nik if kpj is None or rng.random() < 0.5 else kpj
                for nik, kpj in session.execute(
                    select(Worker.nik, Worker.kpj).order_by(func.random()).limit(args.repeat * 2)
                )
            ]
        regions = RegionDirectory(db.ctx)
        regions.national_kecamatan_codes  # noqa: B018 - loaded once per desk, not per check
        workers = WorkerService(db.ctx, regions)
        capture = Capture(db)
        bare = _bare(db)

        def days() -> date:
            return date.fromordinal(TODAY.toordinal() - rng.randint(0, 900))

        def check(number: str) -> Callable[[], object]:
            day = days()
            return lambda: check_coverage(db.ctx, regions, number, day)

        def search(query: WorkerQuery) -> Callable[[], object]:
            return lambda: workers.search(query)

        month = Month.of(TODAY)
        measures: list[tuple[str, list[Callable[[], object]], float]] = [
            ("quick check", [check(n) for n in numbers[: args.repeat]], TARGET_CHECK_S),
            (
                "search name",
                [search(WorkerQuery(text=t)) for t in ["yohanes", "maria taek", "kefi"] * 10][
                    : args.repeat
                ],
                TARGET_SEARCH_S,
            ),
            (
                "search NIK prefix",
                [search(WorkerQuery(text=n[:8])) for n in numbers[: args.repeat]],
                TARGET_SEARCH_S,
            ),
            (
                "list covered today",
                [search(WorkerQuery(covered_on=TODAY))] * min(args.repeat, 5),
                TARGET_DASHBOARD_S,
            ),
            (
                "Beranda",
                [lambda: dashboard(db.ctx, TODAY, regions)] * min(args.repeat, 5),
                TARGET_DASHBOARD_S,
            ),
            (
                "premium month",
                [lambda: monthly_premium(db.ctx, month, regions=regions)] * min(args.repeat, 5),
                TARGET_PREMIUM_S,
            ),
        ]
        results = []
        for name, calls, target in measures:
            statements = [capture.take(call) for call in calls]
            service = _time(calls)
            replay = _time([lambda s=s: bare(s) for s in statements])
            results.append(_report(name, service, replay, target))
        board = dashboard(db.ctx, TODAY, regions)
        premium = monthly_premium(db.ctx, month, regions=regions)
        line("covered today (Beranda)", f"{board.active_total:,}")
        line(
            f"premium {month.label}: workers",
            f"{sum(t.workers for t in premium.by_funding()):,}",
        )
    return 0 if all(results) else 1


if __name__ == "__main__":
    raise SystemExit(main())
