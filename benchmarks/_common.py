"""Set-up shared by the benchmark scripts: throw-away databases, demo rows, verdicts.

Benchmarks are scripts, not tests: they print figures beside the bare library
doing the same work on the same data in the same run, so a slow machine shows
up in both columns and the ratio still means something.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import shutil
import statistics
import sys
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# Run as `python benchmarks/x.py` from anywhere: the project root must be importable.
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import psycopg  # noqa: E402
from sqlalchemy.engine import make_url  # noqa: E402

from models import schema  # noqa: E402
from models.database import make_engine  # noqa: E402
from models.enums import Role  # noqa: E402
from services.core.context import ServiceContext  # noqa: E402
from services.core.permissions import Principal  # noqa: E402
from services.workers.demo_data import generate_demo_workers  # noqa: E402

# The benchmarks act as an administrator: no kecamatan limit, nothing masked.
BENCH_CLERK = Principal(user_id=0, username="bench", full_name="Benchmark", role=Role.ADMIN)

WORK_DIR = Path(os.environ.get("SIRENTAN_BENCH_DIR", "/tmp/sirentan_bench"))
PG_ADMIN_URL = os.environ.get(
    "SIRENTAN_BENCH_PG_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"
)
DEFAULT_ROWS = 150_000
DEFAULT_SEED = 2025


def parse_args(
    description: str,
    *,
    pg: bool = True,
    extra: Callable[[argparse.ArgumentParser], None] | None = None,
) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--rows", type=int, default=DEFAULT_ROWS, help="workers in the register")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED, help="demo data seed")
    if pg:
        parser.add_argument(
            "--pg", action="store_true", help="run on a temporary PostgreSQL database"
        )
    parser.add_argument(
        "--fresh",
        action="store_true",
        help="rebuild the cached SQLite demo database instead of reusing it",
    )
    if extra is not None:
        extra(parser)
    args = parser.parse_args()
    if not pg:
        args.pg = False
    return args


# -- output ---------------------------------------------------------------------


def verdict(ok: bool) -> str:
    return "PASS" if ok else "FAIL"


def heading(text: str) -> None:
    print(f"\n== {text}", flush=True)


def line(label: str, value: str, note: str = "") -> None:
    print(f"  {label:<44} {value:>14}  {note}".rstrip(), flush=True)


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.2f} ms"


def secs(seconds: float) -> str:
    return f"{seconds:.2f} s"


def ratio(a: float, b: float) -> str:
    return f"x{a / b:.2f}" if b > 0 else "n/a"


def percentile(values: list[float], pct: float) -> float:
    """Nearest-rank percentile: with 30 samples p95 is the 29th, not an interpolation."""
    ordered = sorted(values)
    rank = max(1, min(len(ordered), round(pct / 100 * len(ordered) + 0.5)))
    return ordered[rank - 1]


def summary(values: list[float]) -> tuple[float, float, float]:
    return statistics.median(values), percentile(values, 95), max(values)


@contextmanager
def stopwatch() -> Iterator[Callable[[], float]]:
    """``with stopwatch() as elapsed: ...`` then ``elapsed()`` is the block's seconds."""
    start = time.perf_counter()
    end: list[float] = []
    yield lambda: (end[0] if end else time.perf_counter()) - start
    end.append(time.perf_counter())


# -- databases ------------------------------------------------------------------


@dataclass
class BenchDatabase:
    kind: str  # "sqlite" or "postgresql"
    url: str
    ctx: ServiceContext
    path: Path | None = None  # the SQLite file

    @property
    def label(self) -> str:
        return "SQLite" if self.kind == "sqlite" else "PostgreSQL"

    def close(self) -> None:
        self.ctx.engine.dispose()


def _sqlite_template() -> Path:
    """A migrated, empty SQLite file made once per schema revision and copied for each run."""
    WORK_DIR.mkdir(parents=True, exist_ok=True)
    path = WORK_DIR / f"template_{schema.HEAD_REVISION}.db"
    if not path.exists():
        scratch = path.with_suffix(f".{os.getpid()}.tmp")
        engine = make_engine(f"sqlite:///{scratch}")
        schema.upgrade(engine)
        _checkpoint(engine)
        engine.dispose()
        scratch.replace(path)
    return path


def _checkpoint(engine: object) -> None:
    # Fold the WAL into the main file so a plain file copy is the whole database.
    with engine.connect() as conn:  # type: ignore[attr-defined]
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")


def _remove_sqlite(path: Path) -> None:
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)


def _pg_connect_admin() -> psycopg.Connection:
    url = make_url(PG_ADMIN_URL)
    return psycopg.connect(
        host=url.host,
        port=url.port or 5432,
        user=url.username,
        password=url.password,
        dbname=url.database or "postgres",
        autocommit=True,
    )


def pg_dsn(url: str) -> str:
    """A libpq connection string for psycopg from a SQLAlchemy URL."""
    parsed = make_url(url)
    parts = [f"host={parsed.host}", f"port={parsed.port or 5432}", f"dbname={parsed.database}"]
    if parsed.username:
        parts.append(f"user={parsed.username}")
    if parsed.password:
        parts.append(f"password={parsed.password}")
    return " ".join(parts)


@contextmanager
def empty_database(kind: str, label: str) -> Iterator[BenchDatabase]:
    """A migrated register with no workers, removed (SQLite) or dropped (PostgreSQL) after."""
    if kind == "sqlite":
        path = WORK_DIR / f"{label}_{os.getpid()}_{uuid.uuid4().hex[:6]}.db"
        shutil.copyfile(_sqlite_template(), path)
        url = f"sqlite:///{path}"
        db = BenchDatabase(
            kind, url, ServiceContext.for_engine(make_engine(url), BENCH_CLERK), path
        )
        try:
            yield db
        finally:
            db.close()
            _remove_sqlite(path)
        return
    name = f"bench_{label}_{uuid.uuid4().hex[:8]}"
    with _pg_connect_admin() as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    url = make_url(PG_ADMIN_URL).set(database=name).render_as_string(hide_password=False)
    db = BenchDatabase(kind, url, ServiceContext.for_engine(make_engine(url), BENCH_CLERK))
    try:
        with stopwatch() as elapsed:
            schema.upgrade(db.ctx.engine)
        print(f"  (created PostgreSQL database {name}, migrated in {secs(elapsed())})", flush=True)
        yield db
    finally:
        db.close()
        with _pg_connect_admin() as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        print(f"  (dropped PostgreSQL database {name})", flush=True)


def _progress(label: str) -> Callable[[int, int], None]:
    start = time.perf_counter()
    step = {"next": 0.0}

    def report(done: int, total: int) -> None:
        elapsed = time.perf_counter() - start
        if elapsed >= step["next"] or done == total:
            step["next"] = elapsed + 5.0
            print(f"  ... {label}: {done:,}/{total:,} rows after {secs(elapsed)}", flush=True)

    return report


def _demo_fingerprint() -> str:
    # The cached file is only valid for the generator and schema that made it.
    source = (ROOT / "services" / "workers" / "demo_data.py").read_bytes()
    for migration in sorted((ROOT / "models" / "migrations" / "versions").glob("*.py")):
        source += migration.read_bytes()
    return hashlib.sha256(source).hexdigest()[:10]


@contextmanager
def demo_database(
    kind: str, label: str, rows: int, seed: int, fresh: bool = False
) -> Iterator[BenchDatabase]:
    """A register holding ``rows`` demo workers.

    SQLite: a cached file under WORK_DIR, copied so the benchmark may write to
    it; rebuilding 150,000 rows on every run would only repeat bench_demo_data.
    PostgreSQL: a temporary database filled in this run, then dropped.
    """
    if kind == "postgresql":
        with empty_database(kind, label) as db:
            with stopwatch() as elapsed:
                generate_demo_workers(db.ctx, rows, seed=seed, progress=_progress("demo data"))
            print(f"  (filled {rows:,} demo workers in {secs(elapsed())})", flush=True)
            with psycopg.connect(pg_dsn(db.url), autocommit=True) as conn:
                # Fresh statistics, as autovacuum would have them on a register in use
                # (the name search's copy, 0021, was filled by triggers just now).
                conn.execute("VACUUM ANALYZE worker")
                conn.execute("VACUUM ANALYZE worker_name_search")
            yield db
        return
    cached = WORK_DIR / f"demo_{rows}_{seed}_{_demo_fingerprint()}.db"
    if fresh:
        _remove_sqlite(cached)
    if not cached.exists():
        with empty_database("sqlite", "cache") as db:
            with stopwatch() as elapsed:
                generate_demo_workers(db.ctx, rows, seed=seed, progress=_progress("demo data"))
            print(f"  (filled {rows:,} demo workers in {secs(elapsed())})", flush=True)
            # No ANALYZE: the app never runs it, so the planner works as on a clerk's PC.
            _checkpoint(db.ctx.engine)
            db.close()
            assert db.path is not None
            shutil.copyfile(db.path, cached)
    else:
        print(f"  (reusing cached {cached}; --fresh rebuilds it)", flush=True)
    path = WORK_DIR / f"{label}_{os.getpid()}_{uuid.uuid4().hex[:6]}.db"
    shutil.copyfile(cached, path)
    url = f"sqlite:///{path}"
    db = BenchDatabase(
        "sqlite", url, ServiceContext.for_engine(make_engine(url), BENCH_CLERK), path
    )
    try:
        yield db
    finally:
        db.close()
        _remove_sqlite(path)


def cached_sqlite_demo(rows: int, seed: int, fresh: bool = False) -> Path:
    """Path of the cached SQLite demo register (built if needed), for read-only use."""
    with demo_database("sqlite", "probe", rows, seed, fresh):
        pass
    return WORK_DIR / f"demo_{rows}_{seed}_{_demo_fingerprint()}.db"


def engine_kind(args: argparse.Namespace) -> str:
    return "postgresql" if args.pg else "sqlite"


def python_version() -> str:
    return sys.version.split()[0]
