"""Backups and restores on real SQLite files and a real PostgreSQL database."""

from __future__ import annotations

import hashlib
import logging
import os
import re
import shutil
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import closing
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy.engine import make_url

from models import schema
from models.database import make_engine
from models.enums import Role
from services.accounts.auth import sign_in
from services.accounts.service import NewUser, create_user
from services.backup.service import (
    STALE_PARTIAL,
    backup_folder,
    create_backup,
    daily_backup_if_due,
    list_backups,
    restore_backup,
    verify_backup,
)
from services.core.context import ServiceContext
from services.core.errors import SiRentanError
from services.core.permissions import PermissionDeniedError, Principal
from services.settings.store import SettingsService
from services.workers.demo_data import generate_demo_workers
from services.workers.service import WorkerService
from services.workers.types import WorkerQuery
from tests.conftest import create_pg_database, drop_pg_database, office_day_now
from tests.factories import worker_input
from tests.integration.test_cli import run_cli
from tests.logfail import ExpectLog
from tests.present import present

ROOT = Path(__file__).resolve().parents[2]
PASSWORD = "Kefamenanu-2026-aman"


def principal(role: Role, username: str) -> Principal:
    return Principal(user_id=1, username=username, full_name=username.title(), role=role)


ADMIN = principal(Role.ADMIN, "admin_satu")
OPERATOR = principal(Role.OPERATOR, "petugas_satu")
VERIFIKATOR = principal(Role.VERIFIKATOR, "verifikator_satu")
VIEWER = principal(Role.VIEWER, "pengamat_satu")


def acting(ctx: ServiceContext, who: Principal) -> ServiceContext:
    return ServiceContext(ctx.engine, ctx.session_factory, who)


@pytest.fixture(autouse=True)
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    # Backups go to the data folder by default: never the real one of whoever runs the tests.
    folder = tmp_path / "home"
    monkeypatch.setenv("SIRENTAN_HOME", str(folder))
    return folder


@pytest.fixture
def admin(sqlite_ctx: ServiceContext) -> ServiceContext:
    """A register with accounts, workers, heirs, settings and an audit trail."""
    ctx = acting(sqlite_ctx, ADMIN)
    new = NewUser(username="admin_satu", full_name="Admin Satu", role=Role.ADMIN, password=PASSWORD)
    create_user(ctx, new)
    generate_demo_workers(ctx, 300, seed=11)
    WorkerService(ctx).create(worker_input(1))
    SettingsService(ctx).set("office.phone", "0388-31234")
    return ctx


def live_path(ctx: ServiceContext) -> Path:
    return Path(ctx.engine.url.database or "")


def fingerprint(path: Path) -> dict[str, str]:
    """sha256 of every table's rows (sorted), so two files compare row for row."""
    with closing(sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)) as conn:
        tables = [
            row[0]
            for row in conn.execute(
                "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%'"
            )
        ]
        return {table: _digest(conn, table) for table in sorted(tables)}


def _digest(conn: sqlite3.Connection, table: str) -> str:
    rows = sorted(repr(row) for row in conn.execute(f'SELECT * FROM "{table}"'))
    return hashlib.sha256("\n".join(rows).encode()).hexdigest()


def rows(path: Path, sql: str) -> list[tuple[object, ...]]:
    with closing(sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)) as conn:
        return conn.execute(sql).fetchall()


def integrity(path: Path) -> str:
    return str(rows(path, "PRAGMA integrity_check")[0][0])


def backup_files(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.glob("sirentan-*.db"))


# --- SQLite: backup and restore -------------------------------------------------------


@pytest.fixture
def windows_fsync(monkeypatch: pytest.MonkeyPatch) -> None:
    """os.fsync with Windows' rule on every system: only a handle open for writing.

    Windows' fsync (_commit) fails with PermissionError on a read-only handle, which
    made every backup and restore fail there; Linux syncs any descriptor.
    """
    if sys.platform == "win32":
        return  # the real rule applies
    import fcntl
    import stat

    real_fsync = os.fsync

    def fsync(fd: int) -> None:
        # A folder is synced read-only on POSIX; Windows skips that step.
        a_file = not stat.S_ISDIR(os.fstat(fd).st_mode)
        if a_file and fcntl.fcntl(fd, fcntl.F_GETFL) & os.O_ACCMODE == os.O_RDONLY:
            raise PermissionError(13, "Permission denied (read-only handle, as on Windows)")
        real_fsync(fd)

    monkeypatch.setattr(os, "fsync", fsync)


def test_backups_and_restores_sync_files_the_way_windows_allows(
    admin: ServiceContext, windows_fsync: None
) -> None:
    live = live_path(admin)
    before = fingerprint(live)

    info = create_backup(admin)
    restore_backup(admin, info.path)

    assert info.path.exists() and fingerprint(info.path) == before
    assert integrity(live) == "ok"


def test_a_restore_gives_back_every_row_of_the_backup(admin: ServiceContext, home: Path) -> None:
    live = live_path(admin)
    before = fingerprint(live)
    info = create_backup(admin)

    assert info.verified and info.path.parent == home / "backups"
    assert info.path.name.startswith("sirentan-") and info.path.suffix == ".db"
    assert info.counts["worker"] == 301 and info.counts["heir"] == 1
    assert info.counts["app_user"] == 1 and info.counts["setting"] == 1
    assert fingerprint(info.path) == before
    # After the copy the live register records that a backup was made.
    assert rows(live, "SELECT action, user_name FROM audit_log ORDER BY id DESC LIMIT 1") == [
        ("backup", "admin_satu")
    ]

    generate_demo_workers(admin, 40, seed=99)
    restore_backup(admin, info.path)

    after = fingerprint(live)
    trail = "SELECT id, at, user_name, action, entity, summary FROM audit_log ORDER BY id"
    audit_before, audit_after = rows(info.path, trail), rows(live, trail)
    assert {t: d for t, d in after.items() if t != "audit_log"} == {
        t: d for t, d in before.items() if t != "audit_log"
    }
    assert audit_after[: len(audit_before)] == audit_before
    assert [r[2:5] for r in audit_after[len(audit_before) :]] == [
        ("admin_satu", "restore", "database")
    ]
    assert integrity(live) == "ok"


def test_a_restore_keeps_the_current_file_aside_and_the_register_opens_again(
    admin: ServiceContext,
) -> None:
    live = live_path(admin)
    info = create_backup(admin)
    generate_demo_workers(admin, 40, seed=99)

    aside = restore_backup(admin, info.path)

    assert aside.parent == live.parent
    assert aside.name.startswith("sirentan.db.sebelum-pulih-")
    # The aside copy is the register as it was just before: with the 40 later workers.
    assert rows(aside, "SELECT count(*) FROM worker") == [(341,)]
    reopened = sign_in(f"sqlite:///{live}", "admin_satu", PASSWORD)
    try:
        assert WorkerService(reopened).count(WorkerQuery()) == 301
    finally:
        reopened.engine.dispose()


def test_a_restore_replaces_a_live_file_that_is_no_database_any_more(
    admin: ServiceContext, expect_log: ExpectLog
) -> None:
    live = live_path(admin)
    info = create_backup(admin)
    admin.engine.dispose()
    for suffix in ("-wal", "-shm"):
        Path(f"{live}{suffix}").unlink(missing_ok=True)
    damage = os.urandom(64 * 1024)
    live.write_bytes(damage)

    # The damaged file can be neither locked nor written first: said in the log, then replaced.
    with (
        expect_log(logging.WARNING, "current database cannot be locked"),
        expect_log(logging.WARNING, "current database unwritable"),
    ):
        aside = restore_backup(admin, info.path)

    assert aside.read_bytes() == damage
    assert integrity(live) == "ok"
    assert rows(live, "SELECT count(*) FROM worker") == [(301,)]


def test_a_broken_backup_is_refused_and_the_live_register_is_untouched(
    admin: ServiceContext, tmp_path: Path, expect_log: ExpectLog
) -> None:
    live = live_path(admin)
    good = create_backup(admin).path.read_bytes()
    before = fingerprint(live)
    broken = tmp_path / "rusak"
    broken.mkdir()
    samples = {
        "separuh.db": good[: len(good) // 2],
        "sampah.db": os.urandom(len(good) // 4),
        "tengah-rusak.db": good[:8192] + os.urandom(64 * 1024) + good[8192 + 64 * 1024 :],
    }
    for name, content in samples.items():
        (broken / name).write_bytes(content)
    with closing(sqlite3.connect(broken / "bukan-sirentan.db")) as other:
        other.execute("CREATE TABLE catatan (teks TEXT)")

    for path in sorted(broken.iterdir()):
        with expect_log(logging.WARNING, f"backup file {path.name} failed its check"):
            with pytest.raises(SiRentanError, match="rusak atau bukan cadangan SiRentan"):
                verify_backup(path)
            with pytest.raises(SiRentanError, match="rusak atau bukan cadangan SiRentan"):
                restore_backup(admin, path)

    assert fingerprint(live) == before
    assert list(live.parent.glob("*sebelum-pulih*")) == []


def test_a_backup_from_a_newer_sirentan_is_refused(admin: ServiceContext, tmp_path: Path) -> None:
    newer = tmp_path / "sirentan-20990101-000000.db"
    shutil.copyfile(create_backup(admin).path, newer)
    with closing(sqlite3.connect(newer)) as conn, conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999'")

    with pytest.raises(SiRentanError, match="bukan cadangan SQLite dari versi SiRentan ini"):
        restore_backup(admin, newer)
    assert list(live_path(admin).parent.glob("*sebelum-pulih*")) == []


def test_a_backup_from_an_older_sirentan_is_brought_up_to_date(
    admin: ServiceContext, tmp_path: Path
) -> None:
    from alembic import command
    from alembic.config import Config

    older = tmp_path / "sirentan-20250101-080000.db"
    engine = make_engine(f"sqlite:///{older}")
    config = Config()
    config.set_main_option("script_location", str(schema.MIGRATIONS_DIR))
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, "0001")
    with engine.connect() as conn:
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    engine.dispose()

    restore_backup(admin, older)

    live = live_path(admin)
    assert rows(live, "SELECT version_num FROM alembic_version") == [(schema.HEAD_REVISION,)]
    assert rows(live, "SELECT action FROM audit_log") == [("restore",)]


# --- listing, pruning, the daily backup ------------------------------------------------


def test_backups_are_listed_newest_first_even_within_one_second(admin: ServiceContext) -> None:
    made = [create_backup(admin) for _ in range(3)]

    listed = list_backups(admin)

    assert [b.path for b in listed] == [b.path for b in reversed(made)]
    assert len({b.path for b in made}) == 3
    assert all(b.counts["worker"] == 301 and not b.verified for b in listed)
    assert all(b.size_bytes == b.path.stat().st_size for b in listed)


def test_only_the_newest_backups_are_kept(admin: ServiceContext, home: Path) -> None:
    folder = home / "backups"
    folder.mkdir(parents=True)
    strangers = ["catatan.txt", "sirentan.db.sebelum-pulih-20260101-080000", "sirentan-x.db"]
    for name in strangers:
        (folder / name).write_text("bukan cadangan")
    SettingsService(admin).set("backup.keep", "3")

    made = [create_backup(admin).path for _ in range(5)]

    assert backup_files(folder) == sorted(["sirentan-x.db", *(p.name for p in made[-3:])])
    assert all((folder / name).exists() for name in strangers)


def test_the_backup_folder_comes_from_the_settings(
    admin: ServiceContext, home: Path, tmp_path: Path
) -> None:
    assert backup_folder(admin) == home / "backups"
    SettingsService(admin).set("backup.folder", str(tmp_path / "flashdisk"))

    info = create_backup(admin)

    assert info.path.parent == tmp_path / "flashdisk"
    assert [b.path for b in list_backups(admin)] == [info.path]


def test_the_daily_backup_is_made_once_a_day(admin: ServiceContext) -> None:
    today = office_day_now()
    first = daily_backup_if_due(admin, today)
    assert first is not None and first.verified

    assert daily_backup_if_due(admin, today) is None
    assert daily_backup_if_due(acting(admin, VIEWER), today + timedelta(days=1)) is None
    assert daily_backup_if_due(admin, today + timedelta(days=1)) is not None


# --- who may do what ------------------------------------------------------------------


@pytest.mark.parametrize("who", [VIEWER, VERIFIKATOR], ids=["viewer", "verifikator"])
def test_viewers_and_verifikators_may_not_make_or_list_backups(
    admin: ServiceContext, who: Principal
) -> None:
    clerk = acting(admin, who)
    with pytest.raises(PermissionDeniedError, match="membuat cadangan"):
        create_backup(clerk)
    with pytest.raises(PermissionDeniedError, match="membuat cadangan"):
        list_backups(clerk)


def test_an_operator_makes_backups_but_may_not_restore(admin: ServiceContext) -> None:
    operator = acting(admin, OPERATOR)
    info = create_backup(operator)
    live = live_path(admin)
    before = fingerprint(live)

    with pytest.raises(PermissionDeniedError, match="memulihkan basis data"):
        restore_backup(operator, info.path)

    assert fingerprint(live) == before
    assert list(live.parent.glob("*sebelum-pulih*")) == []


# --- the command line -----------------------------------------------------------------


def cli(*args: str, home: Path) -> subprocess.CompletedProcess[str]:
    # In-process as run_cli runs every command; its stdin is no terminal either, so a
    # restore must not wait for an answer.
    return run_cli(*args, home=home, env={"SIRENTAN_PASSWORD": PASSWORD})


def test_backup_commands_create_list_and_restore(tmp_path: Path, sqlite_template: Path) -> None:
    home = tmp_path / "cli"
    # The data folder's register, migrated already (that a first command migrates a new
    # file is test_cli's and test_migrations' point, not this one's).
    home.mkdir()
    shutil.copyfile(sqlite_template, home / "sirentan.db")
    first = cli("users", "create", "--name", "admin_satu", "--role", "admin", home=home)
    assert first.returncode == 0, first.stderr
    demo = cli("demo-data", "--count", "120", "--user", "admin_satu", home=home)
    assert demo.returncode == 0, demo.stderr

    made = cli("backup", "create", "--user", "admin_satu", home=home)
    assert made.returncode == 0, made.stderr
    assert "Cadangan dibuat dan diperiksa utuh" in made.stdout and "120 peserta" in made.stdout
    backup = next((home / "backups").glob("sirentan-*.db"))
    listed = cli("backup", "list", "--user", "admin_satu", home=home)
    assert listed.returncode == 0 and str(backup) in listed.stdout

    unconfirmed = cli("backup", "restore", str(backup), "--user", "admin_satu", home=home)
    assert unconfirmed.returncode == 1 and "--yes" in unconfirmed.stderr
    assert list(home.glob("*sebelum-pulih*")) == []

    restored = cli("backup", "restore", str(backup), "--yes", "--user", "admin_satu", home=home)
    assert restored.returncode == 0, restored.stderr
    assert "sirentan.db.sebelum-pulih-" in restored.stdout
    assert len(list(home.glob("sirentan.db.sebelum-pulih-*"))) >= 1
    assert rows(home / "sirentan.db", "SELECT count(*) FROM worker") == [(120,)]


# --- PostgreSQL -----------------------------------------------------------------------


@pytest.fixture(scope="module")
def pg_register() -> Iterator[str]:
    """One migrated PostgreSQL database with demo workers for this module's tests."""
    if shutil.which("pg_dump") is None:
        message = "pg_dump not installed: sudo apt-get install postgresql-client"
        if os.environ.get("CI"):
            pytest.fail(message + " (CI requires the PostgreSQL backup tests)", pytrace=False)
        pytest.skip(message)
    url, server = create_pg_database()
    engine = make_engine(url)
    try:
        schema.upgrade(engine)
        generate_demo_workers(ServiceContext.for_engine(engine, ADMIN), 250, seed=3)
        engine.dispose()
        yield url
    finally:
        engine.dispose()
        drop_pg_database(url, server)


@pytest.fixture
def pg_admin(pg_register: str) -> Iterator[ServiceContext]:
    ctx = ServiceContext.for_engine(make_engine(pg_register), ADMIN)
    yield ctx
    ctx.engine.dispose()


@pytest.mark.postgres
def test_postgresql_backup_is_a_checked_custom_format_dump(pg_admin: ServiceContext) -> None:
    info = create_backup(pg_admin)

    database = pg_admin.engine.url.database
    assert info.path.name.startswith(f"sirentan-{database}-") and info.path.suffix == ".dump"
    assert info.path.read_bytes()[:5] == b"PGDMP"
    assert info.verified and info.counts["worker"] == 250
    assert verify_backup(info.path).verified
    assert [b.path for b in list_backups(pg_admin)] == [info.path]
    assert list(info.path.parent.glob("*.partial*")) == []


@pytest.mark.postgres
def test_a_truncated_dump_is_refused(
    pg_admin: ServiceContext, tmp_path: Path, expect_log: ExpectLog
) -> None:
    content = create_backup(pg_admin).path.read_bytes()
    truncated = tmp_path / "sirentan-x-20260101-000000.dump"
    truncated.write_bytes(content[: len(content) - 200])
    with (
        expect_log(logging.WARNING, "failed its check"),
        pytest.raises(SiRentanError, match="rusak"),
    ):
        verify_backup(truncated)


@pytest.mark.postgres
def test_postgresql_is_restored_by_the_server_administrator(pg_admin: ServiceContext) -> None:
    info = create_backup(pg_admin)
    with pytest.raises(SiRentanError, match="pg_restore --clean") as refused:
        restore_backup(pg_admin, info.path)
    assert present(pg_admin.engine.url.database) in refused.value.message
    assert daily_backup_if_due(pg_admin) is None


@pytest.mark.postgres
def test_without_pg_dump_the_clerk_is_told_what_to_install(
    pg_admin: ServiceContext, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(SiRentanError, match="postgresql-client"):
        create_backup(pg_admin)
    assert not any((backup_folder(pg_admin)).glob("sirentan-*"))


def test_a_backup_of_a_damaged_register_blames_the_register_in_a_short_message(
    admin: ServiceContext, expect_log: ExpectLog
) -> None:
    live = live_path(admin)
    folder = create_backup(admin).path.parent
    admin.engine.dispose()
    with closing(sqlite3.connect(live)) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        page_size = conn.execute("PRAGMA page_size").fetchone()[0]
        pages = conn.execute("PRAGMA page_count").fetchone()[0]
    data = bytearray(live.read_bytes())
    # Scribble over pages in the back half: the file opens, its tables do not add up.
    for page in range(pages // 2, pages - 1, 3):
        data[page * page_size + 8 : page * page_size + 200] = b"\xa5" * 192
    live.write_bytes(bytes(data))
    # Logged as the backup's failed check or as SQLite's "corrupt" (11), whichever comes first.
    with (
        expect_log(logging.WARNING, re.compile(r"failed its check|SQLite error 11 on")),
        pytest.raises(SiRentanError) as caught,
    ):
        create_backup(admin)
    message = caught.value.message
    # Found while copying (the backup's check) or already on reading the settings.
    assert "sendiri rusak" in message or "rusak atau bukan basis data SiRentan" in message
    assert live.name in message and ".partial" not in message and len(message) < 400
    assert list(folder.glob("*.partial*")) == []


def test_leftovers_of_a_killed_backup_are_cleaned_at_the_next_one(admin: ServiceContext) -> None:
    folder = create_backup(admin).path.parent
    # What a backup killed a minute ago leaves: its .partial and SQLite's journal.
    leftover = folder / "sirentan-20260101-000000.db.partial"
    leftover.write_bytes(b"SQLite format 3\x00" + b"\x00" * 4000)
    Path(f"{leftover}-journal").write_bytes(b"\x00" * 512)
    if os.name == "nt":
        # No flock on Windows: there a leftover is known abandoned once older than this.
        old = time.time() - STALE_PARTIAL.total_seconds() - 60
        os.utime(leftover, (old, old))
    orphan_journal = folder / "sirentan-20260101-000001.db.partial-journal"
    orphan_journal.write_bytes(b"\x00" * 512)
    create_backup(admin)
    assert list(folder.glob("*.partial*")) == []


def test_a_backup_folder_that_is_a_device_is_refused(admin: ServiceContext) -> None:
    with pytest.raises(SiRentanError) as caught:
        create_backup(admin, Path("/dev/full"))
    assert f"{Path('/dev/full')} bukan folder" in caught.value.message  # \\dev\\full on Windows


Restored = tuple[list[int], int, list[tuple[object, ...]]]


def _restored_copy(dump: Path, *steps: list[str]) -> Restored:
    """Run pg_restore ``steps`` into a new database as the server administrator: the exit
    codes, the workers, and what is wrong there: the name-search copy's rows that differ
    from worker's (either way), PUBLIC creating large objects."""
    url, server = create_pg_database()
    target = make_url(url)
    codes = []
    try:
        for step in steps:
            done = subprocess.run(
                ["pg_restore", *step, "--no-password", f"--host={target.host}",
                 f"--port={target.port or 5432}", f"--username={target.username}",
                 f"--dbname={target.database}", str(dump)],
                capture_output=True, text=True, check=False,
            )  # fmt: skip
            codes.append(done.returncode)
        engine = make_engine(url)
        try:
            with engine.connect() as conn:
                differ = conn.exec_driver_sql(
                    "(SELECT id, kecamatan_code, name_key FROM worker EXCEPT ALL "
                    "SELECT id, kecamatan_code, name_key FROM worker_name_search) UNION ALL "
                    "(SELECT id, kecamatan_code, name_key FROM worker_name_search EXCEPT ALL "
                    "SELECT id, kecamatan_code, name_key FROM worker)"
                ).fetchall()
                workers = conn.exec_driver_sql("SELECT count(*) FROM worker").scalar_one()
                public_lo = conn.exec_driver_sql(
                    "SELECT has_function_privilege('public', 'lo_from_bytea(oid, bytea)', "
                    "'EXECUTE')"
                ).scalar_one()
        finally:
            engine.dispose()
    finally:
        # Its register_group names the original's roles: only the database is the copy's.
        with server.connect() as conn:
            conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{target.database}" WITH (FORCE)')
        server.dispose()
    problems: list[tuple[object, ...]] = [tuple(row) for row in differ]
    if public_lo:
        problems.append(("PUBLIC may create large objects",))
    return codes, workers, problems


@pytest.mark.postgres
def test_a_restored_dump_has_the_name_search_copy_of_its_workers(pg_admin: ServiceContext) -> None:
    """The copy 0021 keeps by triggers and 0022's closed doors survive the restores an
    administrator runs: the whole archive (triggers are made after the data), and schema
    then data with --disable-triggers. With the triggers on, a data-only load fails as a
    whole (every audited row recorded again collides with the restored trail) rather than
    leaving a copy that differs from worker."""
    dump = create_backup(pg_admin).path
    whole = ["--clean", "--if-exists", "--single-transaction", "--exit-on-error"]
    assert _restored_copy(dump, whole) == ([0], 250, [])
    schema_only = ["--schema-only", "--exit-on-error"]
    data_only = ["--data-only", "--single-transaction", "--exit-on-error"]
    assert _restored_copy(dump, schema_only, [*data_only, "--disable-triggers"]) == (
        [0, 0],
        250,
        [],
    )
    codes, workers, differ = _restored_copy(dump, schema_only, data_only)
    assert codes[0] == 0 and codes[1] != 0 and (workers, differ) == (0, [])
