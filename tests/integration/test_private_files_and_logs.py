"""No personal data in the log, error paths included; on Linux the register, its journal
files, backups and logs are readable by their owner only."""

from __future__ import annotations

import logging
import os
import stat
from collections.abc import Callable, Iterator
from logging.handlers import RotatingFileHandler
from pathlib import Path

import pytest
from sqlalchemy import text

from models.database import make_engine
from models.enums import HeirRelation
from services.core.context import ServiceContext
from services.core.logging_setup import configure_logging
from services.workers.service import WorkerService
from services.workers.types import HeirInput
from tests.factories import worker_input
from tests.logfail import ExpectLog
from ui.cli.main import _unexpected

LONG_ACCOUNT = "1234567890123456789012345678901"  # 31 digits: the column holds 30
HEIR = "Yohanes Bernardus Taek"

posix_only = pytest.mark.skipif(os.name != "posix", reason="file modes are POSIX")


@pytest.fixture
def log_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    monkeypatch.setenv("SIRENTAN_HOME", str(tmp_path / "home"))
    root = logging.getLogger()
    kept = [h for h in root.handlers if isinstance(h, RotatingFileHandler)]
    for handler in kept:
        root.removeHandler(handler)
    path = configure_logging()
    yield path
    for handler in [h for h in root.handlers if isinstance(h, RotatingFileHandler)]:
        root.removeHandler(handler)
        handler.close()
    for handler in kept:
        root.addHandler(handler)


def _fail_and_log(action: Callable[[], object], expect_log: ExpectLog) -> None:
    """What the CLI does with an unexpected error: log it whole (the file redacts it).

    The record holds the database's DETAIL with the NIK on purpose: declared personal.
    """
    with expect_log(logging.ERROR, "unexpected error", personal=True):
        try:
            action()
        except Exception:
            logging.getLogger("sirentan.test").exception("unexpected error")
        else:
            raise AssertionError("the action did not fail")


@pytest.mark.parametrize("database_url", ["sqlite", "postgresql"], indirect=True)
def test_failed_writes_leave_no_personal_data_in_the_log(
    ctx: ServiceContext, log_file: Path, expect_log: ExpectLog
) -> None:
    workers = WorkerService(ctx)
    heir = HeirInput(
        full_name=HEIR,
        relation=HeirRelation.SPOUSE,
        bank_name="BRI",
        bank_account_number=LONG_ACCOUNT,
        bank_account_holder=HEIR,
    )
    data = worker_input(1, heirs=[heir])
    if not ctx.is_sqlite:  # SQLite keeps any length; PostgreSQL refuses the 31 digits
        _fail_and_log(lambda: workers.create(data), expect_log)
    created = workers.create(worker_input(2)).worker
    # A duplicate key: the server's DETAIL names the NIK, SQLAlchemy the parameters.
    engine = make_engine(ctx.engine.url.render_as_string(hide_password=False))

    def duplicate() -> None:
        with engine.begin() as conn:
            conn.execute(
                text(
                    "INSERT INTO worker (nik, full_name, name_key, birth_date, gender, address, "
                    "village_code, kecamatan_code, occupation_id, funding, status, created_at, "
                    "updated_at, version) SELECT nik, full_name, name_key, birth_date, gender, "
                    "address, village_code, kecamatan_code, occupation_id, funding, status, "
                    "created_at, updated_at, 1 FROM worker WHERE id = :id"
                ),
                {"id": created.id},
            )

    _fail_and_log(duplicate, expect_log)
    engine.dispose()
    for handler in logging.getLogger().handlers:
        handler.flush()
    written = log_file.read_text(encoding="utf-8")
    assert "unexpected error" in written and "Traceback" in written
    for secret in (created.nik, data.nik, LONG_ACCOUNT, HEIR.upper(), HEIR, created.full_name):
        assert secret not in written, secret


@posix_only
def test_the_register_its_journal_and_the_log_are_private(
    tmp_path: Path, log_file: Path, expect_log: ExpectLog
) -> None:
    folder = tmp_path / "data"
    path = folder / "sirentan.db"
    engine = make_engine(f"sqlite:///{path}")
    with engine.begin() as conn:
        conn.exec_driver_sql("CREATE TABLE t (x)")
        conn.exec_driver_sql("INSERT INTO t VALUES (1)")
        for file in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
            assert stat.S_IMODE(file.stat().st_mode) == 0o600, file
    engine.dispose()
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    with expect_log(logging.WARNING, "a line"):  # the file is made on its first line
        logging.getLogger("sirentan.test").warning("a line")
    assert stat.S_IMODE(log_file.stat().st_mode) == 0o600
    assert stat.S_IMODE(log_file.parent.stat().st_mode) == 0o700


@posix_only
def test_an_existing_open_register_is_tightened(tmp_path: Path) -> None:
    folder = tmp_path / "old"
    folder.mkdir(mode=0o755)
    path = folder / "sirentan.db"
    path.write_bytes(b"")
    os.chmod(path, 0o644)
    os.chmod(folder, 0o755)
    make_engine(f"sqlite:///{path}").dispose()
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700


def test_the_cli_logs_an_unexpected_error_without_its_message(
    log_file: Path, expect_log: ExpectLog
) -> None:
    nik = "5303055207850002"
    # Not declared personal: the record itself must not hold the NIK, the file aside.
    with expect_log(logging.ERROR, "unexpected error in command cetak") as seen:
        try:
            raise KeyError(f"{nik} {HEIR}")
        except KeyError as error:
            assert _unexpected("cetak", error) == 2
    for handler in logging.getLogger().handlers:
        handler.flush()
    written = log_file.read_text(encoding="utf-8")
    assert "builtins.KeyError" in written and "test_private_files_and_logs.py" in written
    assert nik not in seen[0].getMessage() and HEIR not in written
