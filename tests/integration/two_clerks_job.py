"""One clerk's work in its own process, for the tests of clerks sharing one SQLite file.

``python -m tests.integration.two_clerks_job JOB URL ARG…`` gets ready (imports, engine,
service), prints "ready", waits for a line on its standard input (the test's "go", given to
every clerk at once), does JOB and prints one JSON line: how many steps succeeded and the
class and message of every refusal.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable

from models.database import make_engine
from services.accounts.auth import authenticate
from services.core.context import ServiceContext
from services.core.errors import SiRentanError
from services.workers.regions import RegionDirectory
from services.workers.service import WorkerService
from tests.conftest import OPERATOR
from tests.factories import worker_input


def _save_worker(ctx: ServiceContext, args: list[str]) -> Callable[[], object]:
    worker_id, version, serial = int(args[0]), int(args[1]), int(args[2])
    service = WorkerService(ctx, RegionDirectory(ctx))
    data = worker_input(serial, phone=f"0812{serial:08d}")
    return lambda: service.update(worker_id, data, version)


def _sign_in(ctx: ServiceContext, args: list[str]) -> Callable[[], object]:
    return lambda: authenticate(ctx, args[0], args[1])


JOBS = {"save-worker": _save_worker, "sign-in": _sign_in}


def main(argv: list[str]) -> None:
    job, url, rest = argv[0], argv[1], argv[2:]
    repeat = 1
    if rest and rest[0].startswith("--repeat="):
        repeat, rest = int(rest[0].split("=", 1)[1]), rest[1:]
    ctx = ServiceContext.for_engine(make_engine(url), principal=OPERATOR)
    step = JOBS[job](ctx, rest)
    print("ready", flush=True)
    sys.stdin.readline()
    done, refused = 0, []
    for _ in range(repeat):
        try:
            step()
            done += 1
        except SiRentanError as error:
            refused.append([type(error).__name__, error.message])
    ctx.engine.dispose()
    print(json.dumps({"done": done, "refused": refused}))


if __name__ == "__main__":
    main(sys.argv[1:])
