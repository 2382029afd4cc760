"""Two clerks of one office on one SQLite file, each in a real process of their own.

Every writing transaction begins IMMEDIATE, so a clerk who saves while another
writes waits for the busy timeout instead of being refused at once. A third
connection here holds the write lock and commits a change while both clerks
start: a deferred transaction that had read before that commit could never
write (SQLITE_BUSY at once, whatever the timeout), an immediate one just waits.
"""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from sqlalchemy.engine import make_url

from models.enums import Role
from services.accounts.auth import authenticate
from services.accounts.service import NewUser, create_user
from services.core.context import ServiceContext
from services.workers.regions import RegionDirectory
from services.workers.service import WorkerService
from tests.factories import worker_input
from tests.present import present
from tests.ui.import_files import big_list

ROOT = Path(__file__).resolve().parents[2]
PASSWORD = "rahasia-kantor-1"
HOLD_S = 1.0


def _start(job: str, url: str, *args: object) -> subprocess.Popen[str]:
    command = [sys.executable, "-m", "tests.integration.two_clerks_job", job, url]
    return subprocess.Popen(
        [*command, *map(str, args)],
        cwd=ROOT,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _result(process: subprocess.Popen[str]) -> dict[str, Any]:  # the clerk's JSON report
    out, err = process.communicate(timeout=180)
    assert process.returncode == 0, err[-3000:]
    return json.loads(out.strip().splitlines()[-1])


def _hold_write_lock(url: str, clerks: list[subprocess.Popen[str]]) -> None:
    """Once every clerk is ready (started, connected, its work prepared): take the write
    lock, tell them all to go, and commit a change after they began.

    Told when they are ready rather than given a start time far enough ahead for the
    slowest start-up: no clerk starts late, and none waits seconds for a clock."""
    for clerk in clerks:
        assert clerk.stdout is not None
        line = clerk.stdout.readline()
        assert line.strip() == "ready", f"a clerk did not start: {line!r}"
    connection = sqlite3.connect(present(make_url(url).database), isolation_level=None)
    connection.execute("CREATE TABLE IF NOT EXISTS lock_holder (n INTEGER)")
    connection.execute("BEGIN IMMEDIATE")
    connection.execute("INSERT INTO lock_holder VALUES (1)")
    for clerk in clerks:
        assert clerk.stdin is not None
        clerk.stdin.write("go\n")
        clerk.stdin.flush()
    time.sleep(HOLD_S)
    connection.execute("COMMIT")
    connection.close()


def _admins(ctx: ServiceContext, *names: str) -> None:
    """Administrators who may sign in at once (no temporary password)."""
    bare = ServiceContext.for_engine(ctx.engine)
    for name in names:
        create_user(bare, NewUser(name, name, Role.ADMIN, PASSWORD, must_change_password=False))
        bare.principal = bare.principal or authenticate(bare, name, PASSWORD)


def _two_workers(ctx: ServiceContext) -> list[tuple[int, int]]:
    service = WorkerService(ctx, RegionDirectory(ctx))
    saved = [service.create(worker_input(serial)).worker for serial in (1, 2)]
    return [(w.id, w.version) for w in saved]


def test_saves_of_different_workers_both_succeed(
    sqlite_ctx: ServiceContext, sqlite_url: str
) -> None:
    (first, v1), (second, v2) = _two_workers(sqlite_ctx)
    clerks = [
        _start("save-worker", sqlite_url, first, v1, 1),
        _start("save-worker", sqlite_url, second, v2, 2),
    ]
    _hold_write_lock(sqlite_url, clerks)
    results = [_result(c) for c in clerks]
    assert results == [{"done": 1, "refused": []}] * 2


def test_saves_of_the_same_worker_give_the_conflict_message(
    sqlite_ctx: ServiceContext, sqlite_url: str
) -> None:
    (worker, version), _ = _two_workers(sqlite_ctx)
    clerks = [_start("save-worker", sqlite_url, worker, version, 1) for _ in range(2)]
    _hold_write_lock(sqlite_url, clerks)
    results = [_result(c) for c in clerks]
    assert sorted(r["done"] for r in results) == [0, 1]
    refusal = next(r["refused"][0] for r in results if r["refused"])
    assert refusal[0] == "ConflictError", refusal


def test_two_clerks_signing_in_at_once_both_get_in(
    sqlite_ctx: ServiceContext, sqlite_url: str
) -> None:
    _admins(sqlite_ctx, "admin1", "admin2")
    clerks = [
        _start("sign-in", sqlite_url, "--repeat=5", name, PASSWORD) for name in ("admin1", "admin2")
    ]
    _hold_write_lock(sqlite_url, clerks)
    assert [_result(c) for c in clerks] == [{"done": 5, "refused": []}] * 2


def test_two_imports_at_once_both_succeed(
    sqlite_ctx: ServiceContext, sqlite_url: str, tmp_path: Path
) -> None:
    _admins(sqlite_ctx, "admin1")
    files = [big_list(tmp_path / f"desa{n}.xlsx", 300, start=1 + n * 1000) for n in (0, 1)]
    env = {**os.environ, "SIRENTAN_PASSWORD": PASSWORD, "SIRENTAN_HOME": str(tmp_path / "home")}
    command = [sys.executable, "main.py", "--database", sqlite_url, "import-workers"]
    imports = [
        subprocess.Popen(
            [*command, str(f), "--user", "admin1"],
            cwd=ROOT,
            env=env,
            text=True,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        for f in files
    ]
    outputs = [p.communicate(timeout=300) for p in imports]
    assert [p.returncode for p in imports] == [0, 0], [o[1][-2000:] for o in outputs]
    assert all("300 peserta baru" in out for out, _ in outputs), outputs
