"""The claims list and the claim view over a demo register with many claims, beside the bare
driver replaying the very SQL the services sent.

Set-up (untimed): a demo register (cached SQLite file, or a temporary PostgreSQL
database) and ``--claims`` claims spread over its workers, inserted in bulk: a third
JKK with first-report deadlines around now, every status, two heirs, four documents
and a history row or three each.

Measured ``--repeat`` times each, after one warm-up call:

1. ``list_claims`` (first page of 200 rows plus the counts per status), as the
   claims section opens;
2. ``list_claims`` filtered on the deadline state "terlambat";
3. ``get_claim`` of a random claim (eligibility, heirs, checklist, estimate).

Beside each: the statements the service sent, captured from the cursor and replayed
through sqlite3 or psycopg; the gap is SQLAlchemy, the settings read and the rules.
Targets: list p95 under 100 ms, claim view p95 under 50 ms.

    python benchmarks/bench_claims.py [--rows 150000] [--claims 5000] [--pg] [--repeat 30]
"""

from __future__ import annotations

import argparse
import random
import sqlite3
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
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
from sqlalchemy import event, insert, select

from models import Claim, ClaimDocument, ClaimHeir, ClaimStatusChange, Worker
from models.enums import ClaimHeirRelation, ClaimStatus, ClaimType
from services import claims
from services.claims.eligibility import report_deadline

TARGET_LIST_S = 0.100
TARGET_VIEW_S = 0.050
NOW = datetime.now(UTC)
STATUSES = list(ClaimStatus)


def _extra(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--claims", type=int, default=5000, help="claims to spread over workers")
    parser.add_argument("--repeat", type=int, default=30, help="timed calls per measure")


def _fill(db: BenchDatabase, count: int, seed: int) -> list[int]:
    rng = random.Random(seed)
    with db.ctx.engine.begin() as conn:
        worker_ids = conn.execute(select(Worker.id)).scalars().all()
        chosen = rng.sample(list(worker_ids), min(count, len(worker_ids)))
        rows = []
        for worker_id in chosen:
            kind = ClaimType.JKK if rng.random() < 0.33 else ClaimType.JKM
            event_date = (NOW - timedelta(days=rng.randint(0, 400))).date()
            deadline = report_deadline(event_date, None, 48) if kind is ClaimType.JKK else None
            rows.append(
                {
                    "worker_id": worker_id,
                    "claim_type": kind,
                    "status": rng.choice(STATUSES),
                    "status_since": NOW - timedelta(days=rng.randint(0, 60)),
                    "event_date": event_date,
                    "event_place": "Desa",
                    "traffic_accident": False,
                    "reported_income": 1_000_000,
                    "report_deadline_at": deadline,
                    "eligible": rng.random() < 0.9,
                    "created_at": NOW,
                    "updated_at": NOW,
                    "version": 1,
                }
            )
        conn.execute(insert(Claim), rows)
        claim_ids = conn.execute(select(Claim.id)).scalars().all()
        conn.execute(
            insert(ClaimHeir),
            [
                {
                    "claim_id": cid,
                    "full_name": f"AHLI WARIS {n}",
                    "relation": relation,
                    "created_at": NOW,
                    "updated_at": NOW,
                }
                for cid in claim_ids
                for n, relation in enumerate((ClaimHeirRelation.SPOUSE, ClaimHeirRelation.CHILD))
            ],
        )
        conn.execute(
            insert(ClaimDocument),
            [
                {"claim_id": cid, "item_code": code, "received": True, "updated_at": NOW}
                for cid in claim_ids
                for code in ("kartu_peserta", "ktp_peserta", "kartu_keluarga", "buku_tabungan")
            ],
        )
        conn.execute(
            insert(ClaimStatusChange),
            [
                {
                    "claim_id": cid,
                    "to_status": ClaimStatus.DRAFT,
                    "step_back": False,
                    "changed_at": NOW,
                }
                for cid in claim_ids
                for _ in range(rng.randint(1, 3))
            ],
        )
    if db.kind == "postgresql":
        with psycopg.connect(pg_dsn(db.url), autocommit=True) as conn:
            conn.execute("VACUUM ANALYZE claim, claim_heir, claim_document, claim_status_change")
    return list(claim_ids)


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
    pg = psycopg.connect(pg_dsn(db.url))

    def run_pg(statements: list[tuple[str, Any]]) -> None:
        with pg.cursor() as cursor:
            for statement, params in statements:
                cursor.execute(statement, params)
                cursor.fetchall()
        pg.commit()

    return run_pg


def _time(call: Callable[[], object], repeat: int) -> list[float]:
    call()  # warm-up: first queries, caches
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        call()
        samples.append(time.perf_counter() - start)
    return samples


def _report(name: str, service: list[float], bare: list[float], target: float) -> bool:
    median, p95, worst = summary(service)
    bare_median = summary(bare)[0]
    ok = p95 < target
    line(f"{name}: service median / p95 / max", f"{ms(median)} / {ms(p95)} / {ms(worst)}")
    line(f"{name}: bare driver, same SQL (median)", ms(bare_median), ratio(median, bare_median))
    line(f"{name}: target p95 < {ms(target)}", verdict(ok))
    return ok


def main() -> int:
    args = parse_args(__doc__.splitlines()[0], extra=_extra)
    kind = engine_kind(args)
    heading(
        f"Claims on {kind}, {args.rows:,} workers, {args.claims:,} claims, "
        f"Python {python_version()}"
    )
    with demo_database(kind, "claims", args.rows, args.seed, args.fresh) as db:
        claim_ids = _fill(db, args.claims, args.seed)
        capture = Capture(db)
        bare = _bare(db)
        rng = random.Random(args.seed)
        late = claims.ClaimQuery(deadline_state=claims.DeadlineState.LATE)
        measures: list[tuple[str, Callable[[], object], float]] = [
            ("list", lambda: claims.list_claims(db.ctx), TARGET_LIST_S),
            ("list terlambat", lambda: claims.list_claims(db.ctx, late), TARGET_LIST_S),
            ("claim view", lambda: claims.get_claim(db.ctx, rng.choice(claim_ids)), TARGET_VIEW_S),
        ]
        results = []
        for name, call, target in measures:
            statements = capture.take(call)
            service = _time(call, args.repeat)
            replay = _time(lambda s=statements: bare(s), args.repeat)
            results.append(_report(name, service, replay, target))
        page = claims.list_claims(db.ctx)
        line("rows on the first page / total", f"{len(page.rows)} / {page.total:,}")
    return 0 if all(results) else 1


if __name__ == "__main__":
    raise SystemExit(main())
