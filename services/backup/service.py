"""Backups of the register: SQLite copies made with SQLite's online backup API, and
``pg_dump`` archives of a shared PostgreSQL database.

A backup is written under a temporary ``.partial`` name and gets its final name
only after it was checked (integrity, and the same row counts as the source at
the moment of the copy), so a crash or a power cut never leaves a file that
looks like a good backup. No Qt here: the GUI calls these on a background thread.
"""

from __future__ import annotations

import errno
import logging
import os
import re
import shutil
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, timedelta, tzinfo
from pathlib import Path

try:  # POSIX: a running backup holds a lock on its .partial (see _hold)
    import fcntl
except ImportError:  # Windows
    fcntl = None  # type: ignore[assignment]

from sqlalchemy import Connection, create_engine, text
from sqlalchemy import exc as sa_exc
from sqlalchemy.engine import URL

import services.core.paths as paths
from models import schema
from models.database import SQLITE_BUSY_TIMEOUT_S
from services.audit.trail import record_event
from services.core.bootstrap import upgrade_schema
from services.core.context import ServiceContext
from services.core.database_errors import (
    SQLITE_CANTOPEN,
    SQLITE_CORRUPT,
    SQLITE_FULL,
    SQLITE_NOTADB,
    SQLITE_READONLY,
    sqlite_code,
)
from services.core.errors import DatabaseUnavailableError, SiRentanError
from services.core.file_output import write_error
from services.core.office_time import office_date, office_now, on_office_clock
from services.core.permissions import Permission, PermissionDeniedError
from services.core.unit_of_work import translate_operational_error, unit_of_work
from services.settings.catalog import where
from services.settings.store import DEFAULTS, SettingsService

log = logging.getLogger(__name__)

COUNTED_TABLES = ("worker", "heir", "app_user", "user_kecamatan", "setting", "audit_log")
PARTIAL_SUFFIX = ".partial"
STAMP_FORMAT = "%Y%m%d-%H%M%S"
# A second backup within the same second gets "-2", a third "-3", and so on.
SQLITE_NAME = re.compile(r"^sirentan-(?P<stamp>\d{8}-\d{6})(?:-(?P<n>\d+))?\.db$")
DUMP_NAME = re.compile(r"^sirentan-(?P<db>.+)-(?P<stamp>\d{8}-\d{6})(?:-(?P<n>\d+))?\.dump$")
# Younger .partial files may belong to a backup still being written by another window.
STALE_PARTIAL = timedelta(hours=1)
BACKUP_ACTION = "backup"
RESTORE_ACTION = "restore"
_SQLITE_MAGIC = b"SQLite format 3\x00"
_DUMP_MAGIC = b"PGDMP"

PG_DUMP_MISSING = (
    "Program pg_dump tidak ditemukan di komputer ini, sehingga cadangan basis data "
    "PostgreSQL tidak dapat dibuat. Pasang alat klien PostgreSQL (Debian/Ubuntu: "
    "sudo apt-get install postgresql-client; Windows: Command Line Tools dari penginstal "
    "PostgreSQL) dengan versi yang sama atau lebih baru dari server, atau minta "
    "administrator server membuat cadangan."
)


@dataclass(frozen=True, slots=True)
class BackupInfo:
    """One backup file. ``verified`` is True only when this call checked it in full
    (create_backup, verify_backup); list_backups reads names, sizes and counts only."""

    path: Path
    created_at: datetime
    size_bytes: int
    verified: bool
    counts: dict[str, int]  # rows per main table; empty when unknown (PostgreSQL dumps)

    @property
    def is_postgresql_dump(self) -> bool:
        return self.path.suffix == ".dump"


def backup_folder(ctx: ServiceContext) -> Path:
    """The ``backup.folder`` setting; empty means ``backups`` in the data folder."""
    configured = SettingsService(ctx).get("backup.folder").strip()
    if not configured:
        return paths.data_dir() / "backups"
    folder = Path(configured).expanduser()
    return folder if folder.is_absolute() else paths.data_dir() / folder


def create_backup(ctx: ServiceContext, folder: Path | None = None) -> BackupInfo:
    """Write, check and keep a backup; older ones beyond ``backup.keep`` are deleted."""
    ctx.require(Permission.BACKUP)
    target = folder or backup_folder(ctx)
    _make_folder(target)
    _remove_stale_partials(target)
    try:
        info = _sqlite_backup(ctx, target) if ctx.is_sqlite else _postgresql_backup(ctx, target)
    except OSError as error:
        raise _copy_failed(target, error) from error
    _prune(info.path, _keep(ctx))
    with unit_of_work(ctx) as session:
        # The file name goes in the summary: entity ids are too short for it.
        record_event(session, BACKUP_ACTION, "database", None, _summary(info)[:300])
    log.info("backup written: %s (%d bytes)", info.path, info.size_bytes)
    return replace(info, created_at=on_office_clock(info.created_at, _zone(ctx)))


def list_backups(ctx: ServiceContext) -> list[BackupInfo]:
    """Finished backups of both kinds in the backup folder, newest first."""
    ctx.require(Permission.BACKUP)
    zone = _zone(ctx)
    return [
        BackupInfo(
            path, on_office_clock(created, zone), path.stat().st_size, False, _quick_counts(path)
        )
        for path, created in _scan(backup_folder(ctx))
    ]


def _zone(ctx: ServiceContext) -> tzinfo:
    """The office's clock: a backup's time is shown on it. (Names keep the workstation's
    own clock, which wrote them and reads them back.)"""
    return SettingsService(ctx).office_zone()


def verify_backup(path: Path) -> BackupInfo:
    """Check a backup file in full; a damaged or foreign file raises SiRentanError."""
    if not path.is_file():
        raise SiRentanError(f"Berkas cadangan {path} tidak ditemukan.")
    with path.open("rb") as file:
        head = file.read(len(_SQLITE_MAGIC))
    if head.startswith(_DUMP_MAGIC):
        verified, counts = _check_dump(path), {}
    elif head == _SQLITE_MAGIC:
        verified, counts = True, _check_sqlite(path)
    else:
        raise _broken(path, "bukan berkas basis data")
    return BackupInfo(path, _created_at(path), path.stat().st_size, verified, counts)


def restore_backup(ctx: ServiceContext, path: Path) -> Path:
    """Replace the SQLite register with a checked backup; returns where the current
    file (with its -wal and -shm) was kept aside.

    ``ctx.engine`` is disposed, and the accounts are now the backup's: the caller
    must reopen the register (``open_register``/``sign_in``) before anything else.
    On PostgreSQL this refuses and says how the server administrator restores.
    """
    ctx.require(Permission.RESTORE_BACKUP)
    if not ctx.is_sqlite:
        raise _postgresql_restore_refusal(ctx.engine.url, path)
    info = verify_backup(path)
    if info.is_postgresql_dump or _backup_is_newer(path):
        raise SiRentanError(
            f"Berkas {path.name} bukan cadangan SQLite dari versi SiRentan ini atau yang "
            "lebih lama; tidak dapat dipulihkan di sini."
        )
    live = _live_path(ctx)
    if path.resolve() == live.resolve():
        raise SiRentanError("Berkas itu adalah basis data yang sedang dipakai.")
    ctx.engine.dispose()
    aside = _keep_aside(live)
    _copy_into(path, live, info.counts)
    _finish_restore(ctx, path, aside)
    log.info("register restored from %s; previous file kept as %s", path, aside)
    return aside


def daily_backup_if_due(ctx: ServiceContext, today: date | None = None) -> BackupInfo | None:
    """The first start of a day makes that day's backup of a SQLite register.

    A shared PostgreSQL server is backed up by its administrator, and a clerk
    without the backup right does not trigger one: both return None.
    """
    try:
        ctx.require(Permission.BACKUP)
    except PermissionDeniedError:
        return None
    if not ctx.is_sqlite:
        return None
    zone = _zone(ctx)
    today = today or office_now(zone).date()
    folder = backup_folder(ctx)
    # The names are on the workstation's clock; the day that counts is the office's.
    if any(p.suffix == ".db" and office_date(when, zone) == today for p, when in _scan(folder)):
        return None
    return create_backup(ctx, folder)


# --- SQLite -------------------------------------------------------------------------


def _sqlite_backup(ctx: ServiceContext, folder: Path) -> BackupInfo:
    live = _live_path(ctx)
    if not live.is_file():
        raise SiRentanError(f"Berkas basis data {live} tidak ditemukan.")
    final, partial = _claim(folder, f"sirentan-{_stamp()}", ".db")
    with _removed_on_failure(partial):
        try:
            counts = _snapshot_copy(live, partial)
        except sqlite3.Error as error:
            if sqlite_code(error) in (SQLITE_CORRUPT, SQLITE_NOTADB):
                raise _register_damaged(live) from error
            raise _copy_failed(folder, error) from error
        try:
            checked = _check_sqlite(partial)
        except SiRentanError as error:
            # The copy is the register page for page: a damaged copy of a register that
            # is itself damaged blames the register, not the backup file.
            if not _intact(live):
                raise _register_damaged(live) from error
            raise
        if checked != counts:
            raise SiRentanError(
                "Cadangan tidak sama dengan basis data saat disalin; cadangan dibuang. Coba lagi."
            )
        _publish(partial, final)
    return BackupInfo(final, _created_at(final), final.stat().st_size, True, counts)


def _snapshot_copy(live: Path, partial: Path) -> dict[str, int]:
    """Copy with SQLite's backup API; the counts come from the very snapshot copied."""
    with closing(_connect(live)) as source:
        # An open read transaction pins one snapshot: clerks keep saving (WAL), but
        # neither the counts nor the copied pages see commits made after it began.
        source.execute("BEGIN")
        counts = _counts(source)
        with closing(sqlite3.connect(partial, isolation_level=None)) as target:
            source.backup(target)
            # The copy of a WAL file is a WAL file; a backup should be one file to carry.
            target.execute("PRAGMA journal_mode=DELETE")
        source.execute("ROLLBACK")
    return counts


def _check_sqlite(path: Path) -> dict[str, int]:
    try:
        with closing(sqlite3.connect(_read_only_uri(path), uri=True)) as conn:
            result = [row[0] for row in conn.execute("PRAGMA integrity_check")]
            if result != ["ok"]:
                raise _broken(path, result[0])
            counts = _counts(conn)
    except sqlite3.Error as error:
        raise _broken(path, str(error)) from error
    if "worker" not in counts:
        raise _broken(path, "bukan basis data SiRentan")
    return counts


def _quick_counts(path: Path) -> dict[str, int]:
    if path.suffix != ".db":
        return {}
    try:
        with closing(sqlite3.connect(_read_only_uri(path), uri=True)) as conn:
            return _counts(conn)
    except sqlite3.Error:
        # A damaged file still belongs in the list; verify_backup says what is wrong.
        return {}


def _counts(conn: sqlite3.Connection) -> dict[str, int]:
    present = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    return {
        table: conn.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0]
        for table in COUNTED_TABLES
        if table in present
    }


def _backup_is_newer(path: Path) -> bool:
    uri = _read_only_uri(path)
    engine = create_engine("sqlite://", creator=lambda: sqlite3.connect(uri, uri=True))
    try:
        return schema.schema_state(engine) is schema.SchemaState.NEWER
    finally:
        engine.dispose()


def _keep_aside(live: Path) -> Path:
    """Copy the current file as it is, even when damaged: the clerk may still need it."""
    aside = _free_name(live.with_name(f"{live.name}.sebelum-pulih-{_stamp()}"))
    with _writers_held(live):
        # The -wal holds committed data not yet in the main file; the copy keeps the
        # pair together under names SQLite pairs again when the aside file is opened.
        try:
            for suffix in ("", "-wal", "-shm"):
                source = Path(f"{live}{suffix}")
                if source.exists():
                    _copy_durably(source, Path(f"{aside}{suffix}"))
        except OSError as error:
            for suffix in ("", "-wal", "-shm"):
                Path(f"{aside}{suffix}").unlink(missing_ok=True)
            raise SiRentanError(
                f"Basis data saat ini tidak dapat disimpan dulu di {live.parent} "
                f"({error.strerror}); pemulihan dibatalkan dan tidak ada yang diubah."
            ) from error
    return aside


@contextmanager
def _writers_held(live: Path) -> Iterator[None]:
    """Hold the write lock so no other window commits while the files are copied."""
    conn = _connect(live)
    try:
        conn.execute("BEGIN IMMEDIATE")
    except sqlite3.OperationalError as error:
        conn.close()
        raise _busy(error) from error
    except sqlite3.DatabaseError:
        # A file too damaged to lock is not being written by anyone either.
        log.warning("current database cannot be locked before restore", exc_info=True)
    try:
        yield
    finally:
        conn.close()


def _copy_into(backup: Path, live: Path, expected: dict[str, int]) -> None:
    """Write the backup into the live file through SQLite, never as a raw file copy
    over an open WAL database."""
    with closing(sqlite3.connect(_read_only_uri(backup), uri=True)) as source:
        try:
            _backup_into(source, live)
        except sqlite3.OperationalError as error:
            raise _busy(error) from error
        except sqlite3.DatabaseError:
            # Too damaged to be written page by page; it is kept aside, so start afresh.
            log.warning("current database unwritable, replacing the file", exc_info=True)
            for suffix in ("", "-wal", "-shm"):
                Path(f"{live}{suffix}").unlink(missing_ok=True)
            _backup_into(source, live)
    with closing(_connect(live)) as conn:
        if _counts(conn) != expected:
            raise SiRentanError(
                "Pemulihan tidak lengkap. Basis data sebelumnya tetap tersimpan di folder "
                f"{live.parent}."
            )


def _backup_into(source: sqlite3.Connection, live: Path) -> None:
    with closing(_connect(live)) as target:
        source.backup(target)
        # The app runs in WAL mode; backups are rollback-journal files.
        target.execute("PRAGMA journal_mode=WAL")


def _finish_restore(ctx: ServiceContext, backup: Path, aside: Path) -> None:
    if schema.schema_state(ctx.engine) is schema.SchemaState.OUTDATED:
        upgrade_schema(ctx)
    summary = f"Dipulihkan dari {backup.name}; basis data sebelumnya disimpan sebagai {aside.name}"
    with unit_of_work(ctx) as session:
        record_event(session, RESTORE_ACTION, "database", None, summary[:300])
    ctx.engine.dispose()


def _connect(path: Path) -> sqlite3.Connection:
    return sqlite3.connect(path, timeout=SQLITE_BUSY_TIMEOUT_S, isolation_level=None)


def _read_only_uri(path: Path) -> str:
    return f"{path.absolute().as_uri()}?mode=ro"


def _live_path(ctx: ServiceContext) -> Path:
    database = ctx.engine.url.database
    if not database or database == ":memory:":
        raise SiRentanError("Basis data ini tidak tersimpan di berkas; tidak ada yang dicadangkan.")
    return Path(database).expanduser().absolute()


# --- PostgreSQL ---------------------------------------------------------------------


def _postgresql_backup(ctx: ServiceContext, folder: Path) -> BackupInfo:
    pg_dump = _pg_tool("pg_dump")
    if pg_dump is None:
        raise SiRentanError(PG_DUMP_MISSING)
    url = ctx.engine.url
    database = re.sub(r"[^A-Za-z0-9_.]", "_", url.database or "postgres")
    final, partial = _claim(folder, f"sirentan-{database}-{_stamp()}", ".dump")
    with _removed_on_failure(partial):
        try:
            with ctx.engine.connect() as conn:
                counts = _dump_in_snapshot(conn, [pg_dump, f"--file={partial}"], url)
        except sa_exc.DBAPIError as error:
            raise translate_operational_error(error, ctx) from error
        _check_dump(partial)
        _publish(partial, final)
    return BackupInfo(final, _created_at(final), final.stat().st_size, True, counts)


def _dump_in_snapshot(conn: Connection, command: list[str], url: URL) -> dict[str, int]:
    """Count rows and run pg_dump on one exported snapshot, so the counts describe the dump."""
    conn = conn.execution_options(isolation_level="REPEATABLE READ")
    with conn.begin():
        counts = {
            table: conn.execute(text(f"SELECT count(*) FROM {table}")).scalar_one()
            for table in COUNTED_TABLES
        }
        snapshot = conn.execute(text("SELECT pg_export_snapshot()")).scalar_one()
        _run_pg(
            [*command, "--format=custom", f"--snapshot={snapshot}", *_pg_connection_args(url)],
            url,
        )
    return counts


def _pg_connection_args(url: URL) -> list[str]:
    # --no-password: a missing password must fail, not wait for a prompt nobody sees.
    args = ["--no-password"]
    if url.host:
        args.append(f"--host={url.host}")
    if url.port:
        args.append(f"--port={url.port}")
    if url.username:
        args.append(f"--username={url.username}")
    return [*args, f"--dbname={url.database or 'postgres'}"]


def _run_pg(command: list[str], url: URL) -> None:
    # The password travels in the environment only: never on a command line or in a log.
    env = dict(os.environ, PGCONNECT_TIMEOUT="10")
    if url.password:
        env["PGPASSWORD"] = str(url.password)
    sslmode = url.query.get("sslmode")
    if isinstance(sslmode, str):
        env["PGSSLMODE"] = sslmode
    result = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        log.error("%s failed: %s", Path(command[0]).name, result.stderr.strip())
        raise _pg_dump_failed(result.stderr)


def _pg_dump_failed(stderr: str) -> SiRentanError:
    lowered = stderr.lower()
    if "permission denied" in lowered or "row-level security" in lowered:
        return SiRentanError(
            "Akun basis data ini tidak berhak membaca seluruh isi basis data untuk dicadangkan. "
            "Minta administrator server membuat cadangan dengan pg_dump sebagai pemilik "
            "basis data."
        )
    if "version mismatch" in lowered:
        return SiRentanError(
            "pg_dump di komputer ini lebih lama dari server PostgreSQL. Pasang postgresql-client "
            "dengan versi server, atau minta administrator server membuat cadangan."
        )
    last = stderr.strip().splitlines()[-1] if stderr.strip() else "tanpa keterangan"
    return SiRentanError(f"Cadangan PostgreSQL gagal dibuat ({last}).")


def _check_dump(path: Path) -> bool:
    """pg_restore reads the whole archive when it is installed; otherwise only the header."""
    with path.open("rb") as file:
        if file.read(len(_DUMP_MAGIC)) != _DUMP_MAGIC:
            raise _broken(path, "bukan arsip pg_dump")
    pg_restore = _pg_tool("pg_restore")
    if pg_restore is None:
        return False
    for args in (["--list"], [f"--file={os.devnull}"]):
        # --list reads the table of contents; writing the SQL to nowhere reads every block.
        result = subprocess.run(
            [pg_restore, *args, str(path)], capture_output=True, text=True, check=False
        )
        if result.returncode != 0:
            lines = result.stderr.strip().splitlines()
            raise _broken(path, lines[-1] if lines else "pg_restore gagal")
    return True


def _pg_tool(name: str) -> str | None:
    found = shutil.which(name)
    if found or sys.platform != "win32":
        return found
    # The Windows installer does not put its tools on PATH; take the newest installed.
    root = Path(os.environ.get("PROGRAMFILES", r"C:\Program Files")) / "PostgreSQL"
    candidates = sorted(
        root.glob(f"*/bin/{name}.exe"),
        key=lambda p: [int(part) for part in re.findall(r"\d+", p.parent.parent.name)],
    )
    return str(candidates[-1]) if candidates else None


def _postgresql_restore_refusal(url: URL, path: Path) -> SiRentanError:
    command = (
        f"pg_restore --clean --if-exists --single-transaction --host={url.host or 'localhost'} "
        f'--port={url.port or 5432} --username=postgres --dbname={url.database} "{path}"'
    )
    return SiRentanError(
        "Basis data PostgreSQL dipakai bersama oleh beberapa komputer, jadi SiRentan tidak "
        "memulihkannya sendiri. Minta administrator server menutup SiRentan di semua "
        f"komputer, lalu memulihkan dengan:\n  {command}"
    )


# --- files --------------------------------------------------------------------------


def _claim(folder: Path, stem: str, suffix: str) -> tuple[Path, Path]:
    """A new final name and its .partial, created exclusively so that two backups
    started in the same second never write into one file."""
    # Above every number in use: a name freed by pruning must not come back, or the
    # newest backup would sort as the oldest of its second.
    same_second = re.compile(rf"^{re.escape(stem)}(?:-(\d+))?{re.escape(suffix)}")
    used = [int(m[1] or 1) for p in folder.iterdir() if (m := same_second.match(p.name))]
    first = max(used, default=0) + 1
    for number in range(first, first + 100):
        name = f"{stem}{suffix}" if number == 1 else f"{stem}-{number}{suffix}"
        final, partial = folder / name, folder / f"{name}{PARTIAL_SUFFIX}"
        if final.exists():
            continue
        try:
            # Owner-only: a backup holds every NIK and bank account of the register.
            descriptor = os.open(partial, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
        except FileExistsError:
            continue
        _hold(partial, descriptor)
        return final, partial
    raise SiRentanError(f"Terlalu banyak cadangan dengan nama {stem} di {folder}.")


@contextmanager
def _removed_on_failure(partial: Path) -> Iterator[None]:
    try:
        yield
    except BaseException:
        for leftover in (partial, Path(f"{partial}-journal")):
            leftover.unlink(missing_ok=True)
        raise
    finally:
        _release(partial)


# A backup being written holds an exclusive flock on its .partial for as long as it runs,
# so the next backup tells a leftover of a killed one (lock free) from one in progress
# in another window (lock held) and cleans the leftovers at once; without flock
# (Windows) only leftovers older than STALE_PARTIAL are removed.
_IN_PROGRESS: dict[Path, int] = {}


def _hold(partial: Path, descriptor: int) -> None:
    if fcntl is None:
        # Windows: no lock to hold, and a handle left open would forbid the .partial's
        # rename to its final name (and its removal after a failure); the exclusive
        # create has claimed the name already.
        os.close(descriptor)
        return
    fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
    _IN_PROGRESS[partial] = descriptor


def _release(partial: Path) -> None:
    descriptor = _IN_PROGRESS.pop(partial, None)
    if descriptor is not None:
        os.close(descriptor)


def _abandoned(leftover: Path, limit: float) -> bool:
    if fcntl is None:
        return leftover.stat().st_mtime < limit
    descriptor = os.open(leftover, os.O_RDONLY)
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    finally:
        os.close(descriptor)
    return True


def _publish(partial: Path, final: Path) -> None:
    """Give the checked file its final name; only now does it look like a backup."""
    _flush_to_disk(partial)
    os.replace(partial, final)
    _sync_folder(final.parent)


def _sync_folder(folder: Path) -> None:
    # The rename itself must reach the disk, or a power cut could undo it (POSIX only).
    if os.name != "posix":
        return
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def _copy_durably(source: Path, target: Path) -> None:
    shutil.copyfile(source, target)
    _flush_to_disk(target)


def _flush_to_disk(path: Path) -> None:
    # Opened for writing (nothing is written): Windows' fsync (_commit) refuses a
    # read-only handle with PermissionError, which made every backup fail there.
    with path.open("r+b") as file:
        os.fsync(file.fileno())


def _free_name(path: Path) -> Path:
    candidate, number = path, 1
    while Path(f"{candidate}").exists() or Path(f"{candidate}-wal").exists():
        number += 1
        candidate = path.with_name(f"{path.name}-{number}")
    return candidate


def _make_folder(folder: Path) -> None:
    if folder.exists() and not folder.is_dir():
        raise SiRentanError(
            f"{folder} bukan folder (berkas atau perangkat), sehingga tidak dapat menampung "
            "cadangan. Pilih folder lain."
        )
    try:
        # A folder the app makes is private (0700 on Linux); a chosen share keeps its own.
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    except OSError as error:
        reason = write_error(error, folder / "cadangan").message
        raise SiRentanError(
            f"Folder cadangan {folder} tidak dapat dibuat. {reason} "
            f"Folder cadangan diatur di {where('backup.folder')}."
        ) from error


def _remove_stale_partials(folder: Path) -> None:
    """Leftovers of killed backups: the .partial and SQLite's -journal beside it."""
    limit = time.time() - STALE_PARTIAL.total_seconds()
    for leftover in folder.glob(f"sirentan-*{PARTIAL_SUFFIX}"):
        try:
            if _abandoned(leftover, limit):
                Path(f"{leftover}-journal").unlink(missing_ok=True)
                leftover.unlink()
        except OSError:
            log.warning("cannot remove leftover %s", leftover, exc_info=True)
    for journal in folder.glob(f"sirentan-*{PARTIAL_SUFFIX}-journal"):
        partial = journal.with_name(journal.name.removesuffix("-journal"))
        if not partial.exists():
            journal.unlink(missing_ok=True)


def _scan(folder: Path) -> list[tuple[Path, datetime]]:
    """Finished backups (by their names only), newest first."""
    if not folder.is_dir():
        return []
    found = [
        (path, _created_at(path))
        for path in folder.iterdir()
        if _name_match(path) and path.is_file()
    ]
    return sorted(found, key=lambda item: (item[1], _sequence(item[0])), reverse=True)


def _prune(newest: Path, keep: int) -> None:
    family = [path for path, _ in _scan(newest.parent) if _family(path) == _family(newest)]
    for old in family[keep:]:
        if old == newest:
            continue
        try:
            old.unlink()
            log.info("old backup removed: %s", old)
        except OSError:
            log.warning("cannot remove old backup %s", old, exc_info=True)


def _family(path: Path) -> str:
    """SQLite backups form one family; PostgreSQL dumps one per database."""
    match = DUMP_NAME.match(path.name)
    return f"dump:{match['db']}" if match else "sqlite"


def _keep(ctx: ServiceContext) -> int:
    value = SettingsService(ctx).get("backup.keep").strip()
    return int(value) if value.isdigit() and int(value) >= 1 else int(DEFAULTS["backup.keep"])


def _created_at(path: Path) -> datetime:
    match = _name_match(path)
    if match:
        return datetime.strptime(match["stamp"], STAMP_FORMAT).astimezone()
    return datetime.fromtimestamp(path.stat().st_mtime).astimezone()


def _name_match(path: Path) -> re.Match[str] | None:
    return SQLITE_NAME.match(path.name) or DUMP_NAME.match(path.name)


def _sequence(path: Path) -> int:
    match = _name_match(path)
    return int(match["n"]) if match and match["n"] else 1


def _stamp() -> str:
    # The workstation's own clock, as _created_at reads it back (see _zone).
    return datetime.now(UTC).astimezone().strftime(STAMP_FORMAT)


def _summary(info: BackupInfo) -> str:
    workers = info.counts.get("worker")
    return f"Cadangan {info.path.name}" + (f" ({workers} peserta)" if workers is not None else "")


def _broken(path: Path, detail: object) -> SiRentanError:
    # SQLite's own report (English, up to thousands of lines) goes to the log only.
    log.warning("backup file %s failed its check: %.500s", path.name, detail)
    return SiRentanError(
        f"Berkas cadangan {path.name} rusak atau bukan cadangan SiRentan; berkas ini tidak "
        "dapat dipakai."
    )


def _intact(live: Path) -> bool:
    try:
        with closing(sqlite3.connect(_read_only_uri(live), uri=True)) as conn:
            return [row[0] for row in conn.execute("PRAGMA quick_check")] == ["ok"]
    except sqlite3.Error:
        return False


def _register_damaged(live: Path) -> SiRentanError:
    return SiRentanError(
        f"Basis data {live.name} sendiri rusak (pemeriksaan SQLite menemukan halaman yang "
        "rusak), sehingga cadangannya tidak dibuat. Jangan menambah data dulu; minta "
        "administrator memulihkan cadangan baik yang terakhir (Berkas → Cadangan data → "
        "Pulihkan)."
    )


def _busy(error: sqlite3.Error) -> SiRentanError:
    return DatabaseUnavailableError(
        "Basis data sedang dipakai oleh jendela SiRentan lain atau tidak dapat ditulis "
        f"({error}). Tutup SiRentan di jendela lain, lalu coba lagi."
    )


def _copy_failed(folder: Path, error: sqlite3.Error | OSError) -> SiRentanError:
    code = sqlite_code(error) if isinstance(error, sqlite3.Error) else None
    number = error.errno if isinstance(error, OSError) else None
    if code == SQLITE_FULL or number in (errno.ENOSPC, errno.EDQUOT):
        reason = "disk penuh"
    elif code in (SQLITE_READONLY, SQLITE_CANTOPEN) or number in (errno.EACCES, errno.EPERM):
        reason = "folder tidak boleh ditulis"
    elif number == errno.EROFS:
        reason = "disk hanya dapat dibaca"
    else:
        reason = "kesalahan disk"
    log.warning("backup copy failed in %s: %s", folder, error)
    return SiRentanError(
        f"Cadangan tidak dapat ditulis ke {folder}: {reason}. "
        "Periksa ruang disk dan izin folder, lalu coba lagi."
    )
