"""Real databases for the tests: a SQLite file and a PostgreSQL database of their own.

The PostgreSQL leg runs against 127.0.0.1:5432 (override with SIRENTAN_TEST_PG_URL).
On CI (CI=true) an unreachable server fails the run; elsewhere those tests skip
with a message saying how to enable them.
"""

from __future__ import annotations

import contextlib
import gc
import os
import shutil
import time
import uuid
from collections.abc import Iterator
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import Engine, create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError, IntegrityError, OperationalError, ProgrammingError

from models import Base, schema
from models.database import make_engine
from models.enums import Role
from services.accounts import passwords
from services.core.context import ServiceContext
from services.core.permissions import Principal
from services.workers.regions import RegionDirectory
from services.workers.service import WorkerService
from tests import logfail
from tests.logfail import _logfail, expect_log  # noqa: F401  (fixtures for every test)

# Two offscreen screens, the sizes SiRentan must fit: an office laptop (1366×768, primary)
# and an old 1024×768 monitor beside it (tests/ui/test_gui_screen_fit.py uses both).
SCREENS = Path(__file__).parent / "ui" / "screens.json"
if os.name == "nt":
    # Qt cuts the platform's arguments at every ':', a drive letter's too ("C:\\..." ends the
    # test run at the first window): there the file is named from the working folder.
    SCREENS = Path(os.path.relpath(SCREENS))
    # Offscreen Qt on Windows looks for fonts in its own lib/fonts, which the wheel does not
    # ship (a warning that fails the first GUI test): the fonts SiRentan ships for its PDFs.
    os.environ.setdefault("QT_QPA_FONTDIR", str(Path(__file__).parents[1] / "resources" / "fonts"))
os.environ.setdefault("QT_QPA_PLATFORM", f"offscreen:configfile={SCREENS.as_posix()}")

PG_ADMIN_URL = os.environ.get(
    "SIRENTAN_TEST_PG_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"
)
# Every table but the reference tables the migrations seed (marked in models.base.REFERENCE).
DATA_TABLES = [t.name for t in Base.metadata.sorted_tables if not t.info.get("reference")]

# The clerk most tests act as; their own account rows are made where a test needs them.
OPERATOR = Principal(user_id=0, username="petugas1", full_name="Petugas Satu", role=Role.OPERATOR)


def _pg_admin_engine() -> Engine:
    return create_engine(PG_ADMIN_URL, isolation_level="AUTOCOMMIT")


def _require_postgres() -> Engine:
    engine = _pg_admin_engine()
    try:
        with engine.connect() as conn:
            conn.execute(text("SELECT 1"))
    except Exception as error:  # any failure to reach the server means the same here
        engine.dispose()
        message = (
            f"PostgreSQL not reachable at {make_url(PG_ADMIN_URL).render_as_string()}: "
            f"{type(error).__name__}. Start PostgreSQL or set SIRENTAN_TEST_PG_URL."
        )
        if os.environ.get("CI"):
            pytest.fail(message + " (CI requires the PostgreSQL tests)", pytrace=False)
        pytest.skip(message)
    return engine


GROUP_ROLES = ("sirentan_admin", "sirentan_operator", "sirentan_verifikator", "sirentan_viewer")
# Login roles made by tests carry this prefix, so they can be found and dropped. Each pytest
# process (every xdist worker) imports this module itself, so each has a prefix of its own:
# two workers never make or drop the same clerk.
TEST_ROLE_PREFIX = f"t{uuid.uuid4().hex[:6]}_"
# The roles on the server before this run began, kept by the process that ends last (the
# xdist controller, or pytest itself when not distributed).
_ROLES_BEFORE = pytest.StashKey[set[str] | None]()


def clerk_name(name: str) -> str:
    """A clerk's name unique to this test run (PostgreSQL roles are cluster-wide)."""
    return f"{TEST_ROLE_PREFIX}{name}"


def _is_xdist_worker(config: pytest.Config) -> bool:
    return hasattr(config, "workerinput")


def _server_roles() -> set[str] | None:
    """Every role on the server, or None when it cannot be reached."""
    engine = _pg_admin_engine()
    try:
        with engine.connect() as conn:
            return set(conn.execute(text("SELECT rolname FROM pg_roles")).scalars())
    except Exception:  # no server: the PostgreSQL tests skip (or fail on CI) on their own
        return None
    finally:
        engine.dispose()


def _create_group_roles() -> None:
    """The server-wide groups of migration 0002, made once before any worker migrates.

    0002 makes them "if not exists"; two workers (or two runs) migrating at the same moment
    would both see none and one would fail on the duplicate. Made here first, they exist.
    """
    engine = _pg_admin_engine()
    try:
        with engine.connect() as conn:
            for role in GROUP_ROLES:
                # There already, or made by another run at this very moment: either is fine.
                with contextlib.suppress(ProgrammingError, IntegrityError):
                    conn.execute(text(f'CREATE ROLE "{role}" NOLOGIN'))
    finally:
        engine.dispose()


class _RememberingHasher:
    """The product's own Argon2id hasher, each distinct hash and check worked out once per
    test process.

    One hash or check costs about 0.1 s of CPU (64 MiB, 3 passes, 4 lanes), and the tests
    make and sign in hundreds of accounts with the same few passwords. A hash remembered for
    a password is a real Argon2id hash with the product's parameters (a ``python main.py``
    child verifies it and sees no need to rehash), and a check remembered for a hash and a
    password gives what Argon2 gave: the same answer, or the same refusal raised anew.
    """

    def __init__(self, real: PasswordHasher) -> None:
        self.real = real
        self._hashes: dict[str | bytes, str] = {}
        self._checks: dict[tuple[str | bytes, str | bytes], bool | Exception] = {}

    def hash(self, password: str | bytes) -> str:
        if password not in self._hashes:
            self._hashes[password] = self.real.hash(password)
        return self._hashes[password]

    def verify(self, stored: str | bytes, password: str | bytes) -> bool:
        key = (stored, password)
        if key not in self._checks:
            try:
                self._checks[key] = self.real.verify(stored, password)
            except (VerificationError, InvalidHashError) as refusal:
                self._checks[key] = refusal
        outcome = self._checks[key]
        if isinstance(outcome, Exception):
            raise type(outcome)(*outcome.args)
        return outcome

    def check_needs_rehash(self, stored: str | bytes) -> bool:
        return self.real.check_needs_rehash(stored)


def pytest_configure(config: pytest.Config) -> None:
    logfail.install()  # in every process: each xdist worker logs to its own handler
    if not isinstance(passwords._hasher, _RememberingHasher):
        # A stand-in with PasswordHasher's methods, remembering the hashes it made.
        passwords._hasher = _RememberingHasher(passwords._hasher)  # type: ignore[assignment]
    if _is_xdist_worker(config):
        return
    before = _server_roles()
    config.stash[_ROLES_BEFORE] = before
    if before is not None:
        _create_group_roles()


def pytest_sessionfinish(session: pytest.Session) -> None:
    """A worker's last garbage collection done, and Hypothesis's gc timer gone, before the
    worker reports itself finished.

    Once every worker has reported, execnet gives each 5 s to return and then sends it a
    SIGINT. Under load a worker's end (pytest's own collection of a heap full of Qt and
    SQLAlchemy objects) can outlast that; the KeyboardInterrupt then landed inside
    Hypothesis's gc callback, which cannot raise, and was printed as an "Exception ignored
    in gc_callback" warning. With the collection done here the end is short, and a late
    interrupt meets no Python callback and is swallowed by execnet as meant.
    """
    if not _is_xdist_worker(session.config):
        return
    gc.callbacks[:] = [
        c for c in gc.callbacks if not getattr(c, "__module__", "").startswith("hypothesis.")
    ]
    gc.collect()


def pytest_unconfigure(config: pytest.Config) -> None:
    """After every worker has finished: drop the groups if this run made them.

    Only the process that sees the whole run does this: a worker dropping them while another
    still migrates a register would pull them from under it. Another run on the same server
    may still hold grants to them; PostgreSQL then refuses the drop and they stay.
    """
    before = config.stash.get(_ROLES_BEFORE, None)
    if _is_xdist_worker(config) or before is None:
        return
    engine = _pg_admin_engine()
    try:
        with engine.connect() as conn:
            for role in sorted(set(GROUP_ROLES) - before):
                # Refused while another run's database still grants it something.
                with contextlib.suppress(DBAPIError):
                    conn.execute(text(f'DROP ROLE IF EXISTS "{role}"'))
    except OperationalError:  # the server went away: nothing to clean up
        pass
    finally:
        engine.dispose()


@pytest.fixture(scope="session", autouse=True)
def _drop_roles_made_by_tests() -> Iterator[None]:
    """Clerks this process made are dropped after its tests (the groups: pytest_unconfigure),
    once the databases that granted them something are gone."""
    yield
    roles = _server_roles()
    if not roles:
        return
    engine = _pg_admin_engine()
    with engine.connect() as conn:
        for role in sorted(r for r in roles if r.startswith(TEST_ROLE_PREFIX)):
            conn.execute(text(f'DROP ROLE IF EXISTS "{role}"'))
    engine.dispose()


def create_pg_database() -> tuple[str, Engine]:
    """A fresh, empty PostgreSQL database; the caller drops it with drop_pg_database."""
    admin = _require_postgres()
    name = f"sirentan_test_{uuid.uuid4().hex[:12]}"
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    url = make_url(PG_ADMIN_URL).set(database=name).render_as_string(hide_password=False)
    return url, admin


def register_roles(url: str) -> list[str]:
    """The group and service roles migration 0012 made for this database (none before it)."""
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            if conn.execute(text("SELECT to_regclass('register_group')")).scalar() is None:
                return []
            return list(conn.execute(text("SELECT rolname FROM register_group")).scalars())
    finally:
        engine.dispose()


def drop_pg_database(url: str, admin: Engine) -> None:
    """Drop the test database and the roles of its own (they serve no other database).

    At once, not in a background thread: FORCE ends the connections a test left open, and
    left alive they count against the test clerks' 20-session limit in the next tests."""
    roles = register_roles(url)
    cleaner = _cleaners.pop(url, None)
    if cleaner is not None:
        cleaner.dispose()
    _drop_now(url, admin, roles)


def _drop_now(url: str, admin: Engine, roles: list[str]) -> None:
    name = make_url(url).database
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        for role in roles:
            conn.execute(text(f'DROP ROLE IF EXISTS "{role}"'))
    admin.dispose()


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A migrated SQLite file made once; each test gets its own copy."""
    path = tmp_path_factory.mktemp("template") / "template.db"
    engine = make_engine(f"sqlite:///{path}")
    schema.upgrade(engine)
    with engine.connect() as conn:
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    engine.dispose()
    return path


@pytest.fixture(scope="session")
def pg_url() -> Iterator[str]:
    url, admin = create_pg_database()
    engine = make_engine(url)
    schema.upgrade(engine)
    engine.dispose()
    yield url
    drop_pg_database(url, admin)


def _fresh_sqlite_url(template: Path, folder: Path) -> str:
    path = folder / "sirentan.db"
    # Copied by the kernel (sendfile), not read into Python and written back: a fifth of
    # the time for the 12 MB register, before each of several hundred SQLite tests.
    shutil.copyfile(template, path)
    return f"sqlite:///{path}"


# PostgreSQL-only tables holding register data (kept by triggers, not in the models).
_PG_ONLY_DATA_TABLES = ["worker_name_search"]
_RESTART_SEQUENCES = text(
    "SELECT setval(s.oid::regclass, 1, false) FROM pg_class s"
    " JOIN pg_depend d ON d.objid = s.oid AND d.deptype IN ('a', 'i')"
    " JOIN pg_class t ON t.oid = d.refobjid"
    " WHERE s.relkind = 'S' AND t.relname = ANY(:tables)"
)


# The sessions earlier tests' clerks left open on this database (their contexts were never
# disposed and wait for the garbage collector): ended, waiting up to a second for each, so
# the next test's clerk of the same name is not refused at its 20-session limit.
_END_EARLIER_CLERKS = text(
    "SELECT pg_terminate_backend(pid, 1000) FROM pg_stat_activity"
    " WHERE datname = current_database() AND pid <> pg_backend_pid()"
    " AND starts_with(usename, :prefix)"
)


# One engine per register for emptying it, kept for the process (or until the register is
# dropped): a new engine's first connection costs some 40 ms, before each PostgreSQL test.
_cleaners: dict[str, Engine] = {}


def _clear_pg_data(url: str) -> None:
    """Empty every data table and restart its ids, as TRUNCATE … RESTART IDENTITY would,
    in a few milliseconds: TRUNCATE makes new files for some 30 tables (about 0.2 s per
    test over hundreds of PostgreSQL tests). As the test superuser, with triggers and
    foreign keys off for this transaction (the audit table's append-only guard included);
    every table goes, so nothing is left pointing at a deleted row."""
    tables = [*_PG_ONLY_DATA_TABLES, *reversed(DATA_TABLES)]
    engine = _cleaners.get(url)
    if engine is None:
        engine = _cleaners[url] = make_engine(url)
    with engine.begin() as conn:
        conn.execute(_END_EARLIER_CLERKS, {"prefix": TEST_ROLE_PREFIX})
        conn.execute(text("SET LOCAL session_replication_role = replica"))
        for table in tables:
            conn.execute(text(f'DELETE FROM "{table}"'))
        conn.execute(_RESTART_SEQUENCES, {"tables": tables})


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A migrated, empty register on each engine."""
    if request.param == "sqlite":
        return _fresh_sqlite_url(request.getfixturevalue("sqlite_template"), tmp_path)
    url = request.getfixturevalue("pg_url")
    _clear_pg_data(url)
    return url


@pytest.fixture
def sqlite_url(sqlite_template: Path, tmp_path: Path) -> str:
    return _fresh_sqlite_url(sqlite_template, tmp_path)


@pytest.fixture
def ctx(database_url: str) -> Iterator[ServiceContext]:
    context = ServiceContext.for_engine(make_engine(database_url), principal=OPERATOR)
    yield context
    context.engine.dispose()


@pytest.fixture
def sqlite_ctx(sqlite_url: str) -> Iterator[ServiceContext]:
    context = ServiceContext.for_engine(make_engine(sqlite_url), principal=OPERATOR)
    yield context
    context.engine.dispose()


@pytest.fixture
def workers(ctx: ServiceContext) -> WorkerService:
    return WorkerService(ctx, RegionDirectory(ctx))


@pytest.fixture
def workstation_far_away(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The workstation's own clock on UTC-3, where the system allows it (not on Windows):
    what is shown on the office's clock must not follow it."""
    monkeypatch.setenv("TZ", "BRT3")
    if hasattr(time, "tzset"):
        time.tzset()
    yield
    monkeypatch.undo()
    if hasattr(time, "tzset"):
        time.tzset()


# The default district's clock (Timor Tengah Utara, WITA): the office's day in the tests.
OFFICE_OFFSET_HOURS = 8


def office_day_now() -> date:
    """The default district's (WITA) day now: what every default date of the app gives."""
    return datetime.now(timezone(timedelta(hours=OFFICE_OFFSET_HOURS))).date()


@pytest.fixture
def workstation_on_another_day(monkeypatch: pytest.MonkeyPatch) -> Iterator[date]:
    """The workstation's clock set so that its date is not the office's (WITA) date now,
    as a Kupang laptop left on Jakarta time is at 00.30 WITA; yields the office's day.

    The workstation is put at about 18.00 of the office's previous day: at office hour H it
    runs 6 + H hours behind, i.e. at UTC offset 2 - H, which stays inside POSIX's ±24 hours
    for every H (and leaves six hours before either date changes). Not on Windows, whose C
    runtime cannot move its clock this way (the test skips there)."""
    if not hasattr(time, "tzset"):
        pytest.skip("the workstation's clock can be moved only where time.tzset exists")
    office_hour = datetime.now(timezone(timedelta(hours=OFFICE_OFFSET_HOURS))).hour
    east = 2 - office_hour  # hours east of UTC
    # POSIX counts hours west of UTC: "UTC+3" is three hours behind it.
    monkeypatch.setenv("TZ", f"WST{-east:+d}")
    time.tzset()
    office = office_day_now()
    assert date.today() == office - timedelta(days=1), "the workstation's day must differ"
    yield office
    monkeypatch.undo()
    time.tzset()
