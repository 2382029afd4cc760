"""Real processes killed with SIGKILL in the middle of their work: an import and a backup.

A clerk's PC loses power or a process is killed by the task manager; the register
must come back whole (all of an import or none of it) and a half-written backup
must never look like a good one. Each kill moment is watched on the files the
process writes; if the process finished before the moment came, the run is
repeated, and every wait is bounded.
"""

from __future__ import annotations

import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable
from contextlib import closing
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine

from models.database import make_engine
from models.enums import Role
from services.accounts.service import NewUser, create_user
from services.backup.service import SQLITE_NAME, create_backup, list_backups, verify_backup
from services.core.context import ServiceContext
from services.core.permissions import Principal
from services.workers.demo_data import generate_demo_workers

pytestmark = pytest.mark.skipif(
    not hasattr(signal, "SIGKILL"), reason="SIGKILL exists on POSIX systems only"
)

ROOT = Path(__file__).resolve().parents[2]
PASSWORD = "Kefamenanu-2026-aman"
ADMIN = Principal(user_id=1, username="admin_satu", full_name="Admin Satu", role=Role.ADMIN)
IMPORT_COUNT = 15_000
BIG_REGISTER = 50_000
# Demo workers made through the service; the rest are their copies written by SQLite itself.
GENERATED = 5_000
WAIT_S = 60.0
ATTEMPTS = 4


@pytest.fixture(scope="module")
def with_admin(sqlite_template: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A migrated register with its first administrator, made once for the module."""
    path = tmp_path_factory.mktemp("crash") / "with_admin.db"
    shutil.copyfile(sqlite_template, path)
    engine = make_engine(f"sqlite:///{path}")
    new = NewUser(username="admin_satu", full_name="Admin Satu", role=Role.ADMIN, password=PASSWORD)
    create_user(ServiceContext.for_engine(engine), new)
    _checkpoint(engine)
    return path


@pytest.fixture(scope="module")
def big_register(with_admin: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Large enough that a backup takes long enough to be killed in the middle.

    Some 120 MB, as 50,000 demo workers make it: 5,000 made by the demo generator, then
    copied nine times over (new NIK and KPJ, their coverage periods too) by INSERT … SELECT,
    with the register's own triggers (audit trail, name search) writing what they write
    for any new row. A quarter of the time of generating all 50,000 in Python.
    """
    path = tmp_path_factory.mktemp("crash") / "big.db"
    shutil.copyfile(with_admin, path)
    engine = make_engine(f"sqlite:///{path}")
    generate_demo_workers(ServiceContext.for_engine(engine, ADMIN), GENERATED, seed=8)
    engine.dispose()
    _copy_workers(path, BIG_REGISTER // GENERATED - 1)
    _checkpoint(make_engine(f"sqlite:///{path}"))
    return path


def _copy_workers(path: Path, times: int) -> None:
    """Every worker and coverage period copied ``times`` over; copy k of worker id i has
    NIK 9 followed by i + k·100000 (no real NIK begins with 9) and such a KPJ if it had one."""

    def columns(table: str, *leave_out: str) -> list[str]:
        info = conn.execute(f"PRAGMA table_info({table})").fetchall()
        return [row[1] for row in info if row[1] not in ("id", *leave_out)]

    with closing(sqlite3.connect(path)) as conn, conn:
        number = "printf('9%015d', {id} + :k * 100000)"
        kept = columns("worker", "nik", "kpj")
        worker = (
            f"INSERT INTO worker (nik, kpj, {', '.join(kept)}) "
            f"SELECT {number.format(id='id')}, CASE WHEN kpj IS NOT NULL "
            f"THEN printf('9%010d', id + :k * 100000) END, {', '.join(kept)} "
            "FROM worker WHERE nik NOT LIKE '9%'"
        )
        # The copies stand alone: no status event of the original opens or ends them.
        period = columns("coverage_period", "worker_id", "ended_by_event_id", "opened_by_event_id")
        periods = (
            f"INSERT INTO coverage_period (worker_id, {', '.join(period)}) "
            f"SELECT copy.id, {', '.join('p.' + c for c in period)} FROM coverage_period p "
            f"JOIN worker copy ON copy.nik = {number.format(id='p.worker_id')}"
        )
        for k in range(1, times + 1):
            conn.execute(worker, {"k": k})
            conn.execute(periods, {"k": k})


def _checkpoint(engine: Engine) -> None:
    # One self-contained file to copy: nothing left in the -wal.
    with engine.connect() as conn:
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    engine.dispose()


def _fresh_copy(template: Path, home: Path) -> Path:
    if home.exists():
        shutil.rmtree(home)
    home.mkdir(parents=True)
    live = home / "sirentan.db"
    shutil.copyfile(template, live)
    return live


def _start(home: Path, *args: str) -> subprocess.Popen[bytes]:
    env = {k: v for k, v in os.environ.items() if k != "SIRENTAN_DATABASE_URL"}
    env |= {"SIRENTAN_HOME": str(home), "SIRENTAN_PASSWORD": PASSWORD}
    command = [sys.executable, str(ROOT / "main.py"), "--database", f"sqlite:///{home}/sirentan.db"]
    return subprocess.Popen(
        [*command, *args, "--user", "admin_satu"],
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )


def _kill_when(process: subprocess.Popen[bytes], moment: Callable[[], bool]) -> bool:
    """SIGKILL the process once ``moment()`` holds; False when it finished first."""
    deadline = time.monotonic() + WAIT_S
    while process.poll() is None:
        if time.monotonic() > deadline:
            process.kill()
            process.wait()
            pytest.fail("the process neither reached the kill moment nor finished in time")
        if moment():
            os.kill(process.pid, signal.SIGKILL)
            break
        # Short enough to hit the backup's ~50 ms copy, long enough to leave it a CPU.
        time.sleep(0.0005)
    process.wait(timeout=WAIT_S)
    # A process that exited just before the signal is reaped with its own code.
    return process.returncode == -signal.SIGKILL


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except FileNotFoundError:
        return -1


def _query(path: Path, sql: str) -> list[tuple[Any, ...]]:
    with closing(sqlite3.connect(path)) as conn:
        return conn.execute(sql).fetchall()


def _counts(path: Path) -> dict[str, int]:
    tables = ("worker", "heir", "app_user", "user_kecamatan", "setting", "audit_log")
    return {t: int(_query(path, f"SELECT count(*) FROM {t}")[0][0]) for t in tables}


# --- an import killed in the middle ---------------------------------------------------

# The sign-in commits a few KB to the -wal; the import's one transaction then spills
# its pages there long before its commit (about 6 MB for 15,000 workers).
KILL_AT_WAL_BYTES = (512 * 1024, 2 * 1024 * 1024, 4 * 1024 * 1024)


def test_an_import_killed_midway_leaves_all_of_it_or_none(with_admin: Path, tmp_path: Path) -> None:
    outcomes = []
    for threshold in KILL_AT_WAL_BYTES:
        for _attempt in range(ATTEMPTS):
            live = _fresh_copy(with_admin, tmp_path / "import")
            wal = Path(f"{live}-wal")
            process = _start(live.parent, "demo-data", "--count", str(IMPORT_COUNT))

            def wal_reached(wal: Path = wal, t: int = threshold) -> bool:
                return _size(wal) >= t

            if _kill_when(process, wal_reached):
                break
        else:
            pytest.fail(f"the import always finished before its -wal reached {threshold} bytes")

        assert _query(live, "PRAGMA integrity_check") == [("ok",)]
        workers = _query(live, "SELECT count(*) FROM worker")[0][0]
        assert workers in (0, IMPORT_COUNT), f"killed at {threshold} bytes: {workers} workers"
        outcomes.append(workers)
    # The kill moments are meant to fall inside the transaction; at least one must have.
    assert 0 in outcomes


# --- a backup killed in the middle ----------------------------------------------------


def _partial(folder: Path) -> Path | None:
    found = list(folder.glob("sirentan-*.db.partial")) if folder.is_dir() else []
    return found[0] if found else None


def _while_copying(folder: Path, full_size: int) -> Callable[[], bool]:
    def moment() -> bool:
        partial = _partial(folder)
        return partial is not None and 0 < _size(partial) < full_size // 2

    return moment


def _while_checking(folder: Path, full_size: int) -> Callable[[], bool]:
    # The copy is complete and its journal gone: the integrity check is running.
    def moment() -> bool:
        partial = _partial(folder)
        if partial is None or _size(partial) < full_size:
            return False
        return not Path(f"{partial}-journal").exists()

    return moment


@pytest.mark.parametrize("phase", [_while_copying, _while_checking], ids=["copying", "checking"])
def test_a_backup_killed_midway_leaves_no_backup_that_looks_good(
    phase: Callable[[Path, int], Callable[[], bool]],
    big_register: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    home = tmp_path / "home"
    folder = home / "backups"
    for _attempt in range(ATTEMPTS):
        live = _fresh_copy(big_register, home)
        before = _counts(live)
        process = _start(home, "backup", "create")
        if _kill_when(process, phase(folder, live.stat().st_size)):
            break
    else:
        pytest.fail("the backup always finished before the kill moment")

    assert _query(live, "PRAGMA integrity_check") == [("ok",)]
    after = _counts(live)
    # Only the sign-in's own record was added; no backup was recorded.
    assert after == {**before, "audit_log": before["audit_log"] + 1}
    finished = [p for p in folder.iterdir() if SQLITE_NAME.match(p.name)]
    for path in finished:  # only if the kill came between the rename and the exit
        assert verify_backup(path).verified
    monkeypatch.setenv("SIRENTAN_HOME", str(home))
    ctx = ServiceContext.for_engine(make_engine(f"sqlite:///{live}"), ADMIN)
    try:
        again = create_backup(ctx)
        assert again.verified and again.counts["worker"] == BIG_REGISTER
        # The killed backup's .partial, if left, is never offered as a backup.
        assert [b.path for b in list_backups(ctx)] == [again.path, *finished]
    finally:
        ctx.engine.dispose()
