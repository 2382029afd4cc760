"""generate_demo_workers(N) against the bare driver inserting the very same rows.

Three figures on empty, migrated registers of the same engine (triggers and
indexes included, so the FTS5 triggers and the GIN trigram index cost the same):

1. the service: generate_demo_workers(ctx, N): drawing the rows in Python plus
   SQLAlchemy Core executemany, one transaction;
2. SQLAlchemy Core alone: the rows the service wrote, read back, inserted with
   ``insert(Worker.__table__)`` in chunks of the same size (no drawing);
3. bare driver: the same rows as plain tuples through sqlite3 ``executemany``
   or psycopg ``executemany``, same chunks, one transaction.

(1) - (2) is what drawing realistic rows costs; (2) / (3) is SQLAlchemy's share.

    python benchmarks/bench_demo_data.py [--rows 150000] [--pg]
"""

from __future__ import annotations

import sqlite3
from typing import Any

import psycopg
from _common import (
    BenchDatabase,
    empty_database,
    engine_kind,
    heading,
    line,
    parse_args,
    pg_dsn,
    python_version,
    ratio,
    secs,
    stopwatch,
    verdict,
)
from sqlalchemy import insert, select

from models import Worker
from services.workers.demo_data import CHUNK_SIZE, generate_demo_workers

TARGET_S = 60.0
COLUMNS = [c.name for c in Worker.__table__.columns if c.name != "id"]


def _chunks(rows: list[Any]) -> list[list[Any]]:
    return [rows[i : i + CHUNK_SIZE] for i in range(0, len(rows), CHUNK_SIZE)]


def _read_back_tuples(db: BenchDatabase) -> list[tuple[Any, ...]]:
    """The stored rows as the driver returns them: what a bare loader would hold."""
    sql = f"SELECT {', '.join(COLUMNS)} FROM worker ORDER BY id"
    if db.kind == "sqlite":
        assert db.path is not None
        conn = sqlite3.connect(db.path)
        try:
            return conn.execute(sql).fetchall()
        finally:
            conn.close()
    with psycopg.connect(pg_dsn(db.url)) as conn:
        return conn.execute(sql).fetchall()


def _read_back_dicts(db: BenchDatabase) -> list[dict[str, Any]]:
    """The stored rows as SQLAlchemy hands them back (enums, dates), ready to insert."""
    table = Worker.__table__
    with db.ctx.engine.connect() as conn:
        result = conn.execute(select(*(table.c[name] for name in COLUMNS)).order_by(table.c.id))
        return [dict(row._mapping) for row in result]


def _bare_insert(db: BenchDatabase, rows: list[tuple[Any, ...]]) -> float:
    names = ", ".join(COLUMNS)
    if db.kind == "sqlite":
        assert db.path is not None
        conn = sqlite3.connect(db.path, isolation_level=None)
        # The app's own connection settings, so only the library layer differs.
        conn.execute("PRAGMA foreign_keys=ON")
        conn.execute("PRAGMA synchronous=NORMAL")
        sql = f"INSERT INTO worker ({names}) VALUES ({', '.join('?' for _ in COLUMNS)})"
        try:
            with stopwatch() as elapsed:
                conn.execute("BEGIN")
                for chunk in _chunks(rows):
                    conn.executemany(sql, chunk)
                conn.execute("COMMIT")
            return elapsed()
        finally:
            conn.close()
    sql = f"INSERT INTO worker ({names}) VALUES ({', '.join('%s' for _ in COLUMNS)})"
    with psycopg.connect(pg_dsn(db.url)) as conn:
        with stopwatch() as elapsed, conn.transaction(), conn.cursor() as cursor:
            for chunk in _chunks(rows):
                cursor.executemany(sql, chunk)
        return elapsed()


def _core_insert(db: BenchDatabase, rows: list[dict[str, Any]]) -> float:
    statement = insert(Worker.__table__)
    with stopwatch() as elapsed, db.ctx.engine.begin() as conn:
        for chunk in _chunks(rows):
            conn.execute(statement, chunk)
    return elapsed()


def _count(db: BenchDatabase) -> int:
    with db.ctx.engine.connect() as conn:
        return conn.exec_driver_sql("SELECT count(*) FROM worker").scalar_one()


def main() -> int:
    args = parse_args(__doc__.splitlines()[0])
    kind = engine_kind(args)
    rows = args.rows
    heading(f"demo data: {rows:,} workers, seed {args.seed}, Python {python_version()}")
    with empty_database(kind, "demo") as db:
        print(f"  engine: {db.label}", flush=True)
        with stopwatch() as elapsed:
            generate_demo_workers(db.ctx, rows, seed=args.seed)
        service_s = elapsed()
        assert _count(db) == rows
        tuples = _read_back_tuples(db)
        dicts = _read_back_dicts(db)
    with empty_database(kind, "demo_core") as db:
        core_s = _core_insert(db, dicts)
        assert _count(db) == rows
    del dicts
    with empty_database(kind, "demo_bare") as db:
        bare_s = _bare_insert(db, tuples)
        assert _count(db) == rows
    driver = "sqlite3" if kind == "sqlite" else "psycopg"

    heading(f"results on {'SQLite' if kind == 'sqlite' else 'PostgreSQL'} ({rows:,} rows)")
    per_s = f"{rows / service_s:,.0f} rows/s"
    line("generate_demo_workers (draw + insert)", secs(service_s), per_s)
    line("SQLAlchemy Core insert, same rows", secs(core_s), f"{rows / core_s:,.0f} rows/s")
    line(f"bare {driver} executemany, same rows", secs(bare_s), f"{rows / bare_s:,.0f} rows/s")
    line("drawing the rows (service - Core)", secs(max(0.0, service_s - core_s)))
    line("service / bare", ratio(service_s, bare_s))
    line("Core / bare (SQLAlchemy's share)", ratio(core_s, bare_s))
    scaled = service_s * 150_000 / rows
    line(
        f"target: 150,000 rows < {TARGET_S:.0f} s",
        secs(scaled),
        f"{verdict(scaled < TARGET_S)}" + ("" if rows == 150_000 else " (scaled linearly)"),
    )
    return 0 if scaled < TARGET_S else 1


if __name__ == "__main__":
    raise SystemExit(main())
