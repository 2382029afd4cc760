"""The command line, run as a clerk or an administrator would run it."""

from __future__ import annotations

import argparse
import contextlib
import importlib
import io
import json
import logging
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from importlib.util import find_spec
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import create_engine, make_url, text

import ui.cli.main as cli_main
from models.schema import HEAD_REVISION
from services.text.figures import thousands
from services.workers.types import TYPING_COUNT_LIMIT
from tests.conftest import clerk_name, create_pg_database, drop_pg_database
from ui.cli.command_table import COMMANDS
from ui.cli.main import EVERY, build_parser, command_modules

ROOT = Path(__file__).resolve().parents[2]
ADMIN_PASSWORD = "kefamenanu-2025"


def run_cli(
    *args: str, home: Path, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """The command as a clerk types it, run inside this test process.

    `python main.py` costs a second or more of start-up per call (Python, SQLAlchemy, the
    command's services): run in-process through the same `run(argv)` main.py calls, a file of
    CLI tests is several times quicker. What only a real process shows (the entry point, exit
    codes, output through a pipe) is checked with `run_cli_process` by the tests marked so.
    """
    drop = {"SIRENTAN_DATABASE_URL", "SIRENTAN_USER", "SIRENTAN_PASSWORD", "SIRENTAN_NEW_PASSWORD"}
    environment = {k: v for k, v in os.environ.items() if k not in drop}
    environment |= {"SIRENTAN_HOME": str(home), **(env or {})}
    out, err = io.StringIO(), io.StringIO()
    with (
        _cli_process_state(environment),
        contextlib.redirect_stdout(out),
        contextlib.redirect_stderr(err),
    ):
        try:
            code = cli_main.run(list(args))
        except SystemExit as stop:  # argparse's --help and refusals
            code = _exit_code(stop, err)
    return subprocess.CompletedProcess(["main.py", *args], code, out.getvalue(), err.getvalue())


def run_cli_process(
    *args: str, home: Path, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """The command as its own `python main.py` process (what run_cli cannot show)."""
    drop = {"SIRENTAN_DATABASE_URL", "SIRENTAN_USER", "SIRENTAN_PASSWORD", "SIRENTAN_NEW_PASSWORD"}
    environment = {k: v for k, v in os.environ.items() if k not in drop}
    environment |= {"SIRENTAN_HOME": str(home), **(env or {})}
    return subprocess.run(
        [sys.executable, str(ROOT / "main.py"), *args],
        capture_output=True,
        encoding="utf-8",  # the CLI writes UTF-8 wherever its output goes (Windows too)
        env=environment,
        timeout=120,
        check=False,
        stdin=subprocess.DEVNULL,
    )


@contextlib.contextmanager
def _cli_process_state(environment: dict[str, str]) -> Iterator[None]:
    """What a process of its own would have fresh: its environment, no terminal on stdin
    (as stdin=DEVNULL: no prompt waits), and the log file configure_logging opens in this
    home (removed after, so the next command logs into its own home as a new process would)."""
    saved_env = dict(os.environ)
    root = logging.getLogger()
    saved_handlers, saved_level = list(root.handlers), root.level
    saved_stdin = sys.stdin
    os.environ.clear()
    os.environ.update(environment)
    _read_time_zone()  # a process reads TZ as it starts (a workstation far away)
    sys.stdin = io.StringIO("")
    try:
        yield
    finally:
        sys.stdin = saved_stdin
        os.environ.clear()
        os.environ.update(saved_env)
        _read_time_zone()
        for handler in [h for h in root.handlers if h not in saved_handlers]:
            root.removeHandler(handler)
            handler.close()
        root.setLevel(saved_level)


def _read_time_zone() -> None:
    if hasattr(time, "tzset"):  # not on Windows
        time.tzset()


def _exit_code(stop: SystemExit, err: io.StringIO) -> int:
    if stop.code is None or isinstance(stop.code, int):
        return stop.code or 0
    err.write(f"{stop.code}\n")  # sys.exit("message") prints it and exits with 1
    return 1


def as_admin(*args: str, home: Path, user: str = "admin_satu") -> subprocess.CompletedProcess[str]:
    return run_cli(
        *args, home=home, env={"SIRENTAN_USER": user, "SIRENTAN_PASSWORD": ADMIN_PASSWORD}
    )


# The migrated SQLite template of this test process (set by tests/integration/conftest.py).
TEMPLATE: list[Path] = []


def first_admin(home: Path, *database: str, user: str = "admin_satu") -> None:
    """The first administrator, through `users create`.

    A command run without ``--database`` opens ``SIRENTAN_HOME/sirentan.db``; on a new file
    it would first run every migration (one to two seconds, in some twenty CLI tests). So the
    file starts as a copy of the process's migrated template: the command finds a current,
    empty register, as on any day after the first. That a first command migrates a new file
    is checked where that is the point (the default-database test here, test_migrations.py).
    """
    register = home / "sirentan.db"
    if not database and TEMPLATE and not register.exists():
        home.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(TEMPLATE[0], register)
    made = run_cli(
        *database,
        "users",
        "create",
        "--name",
        user,
        "--role",
        "admin",
        home=home,
        env={"SIRENTAN_PASSWORD": ADMIN_PASSWORD},
    )
    assert made.returncode == 0, made.stderr
    assert f"Akun {user} (Administrator) dibuat." in made.stdout


def test_default_database_is_sqlite_in_the_data_folder(tmp_path: Path) -> None:
    """Through the real entry point, as their own processes: `python main.py` end to end."""
    made = run_cli_process(
        *("users", "create", "--name", "admin_satu", "--role", "admin"),
        home=tmp_path,
        env={"SIRENTAN_PASSWORD": ADMIN_PASSWORD},
    )
    assert made.returncode == 0, made.stderr
    assert "Akun admin_satu (Administrator) dibuat." in made.stdout
    result = run_cli_process(
        "db",
        "info",
        home=tmp_path,
        env={"SIRENTAN_USER": "admin_satu", "SIRENTAN_PASSWORD": ADMIN_PASSWORD},
    )
    assert result.returncode == 0, result.stderr
    assert f"SQLite: {tmp_path / 'sirentan.db'}" in result.stdout
    assert "Kabupaten Timor Tengah Utara (53.03)" in result.stdout


def test_commands_need_an_account(tmp_path: Path) -> None:
    empty = run_cli("workers", "search", "x", home=tmp_path, env={"SIRENTAN_USER": "siapa"})
    assert empty.returncode == 1
    assert "users create --name NAMA --role admin" in empty.stderr
    first_admin(tmp_path)
    anonymous = run_cli("workers", "search", "x", home=tmp_path)
    assert anonymous.returncode == 1 and "--user NAMA" in anonymous.stderr
    wrong = run_cli(
        "workers",
        "search",
        "x",
        home=tmp_path,
        env={"SIRENTAN_USER": "admin_satu", "SIRENTAN_PASSWORD": "salah-sekali"},
    )
    assert wrong.returncode == 1 and "Nama pengguna atau kata sandi salah" in wrong.stderr
    assert "Traceback" not in wrong.stderr


def test_a_viewer_cannot_add_demo_data(tmp_path: Path) -> None:
    first_admin(tmp_path)
    made = run_cli(
        "users",
        "create",
        "--name",
        "pengamat",
        "--role",
        "viewer",
        home=tmp_path,
        env={
            "SIRENTAN_USER": "admin_satu",
            "SIRENTAN_PASSWORD": ADMIN_PASSWORD,
            "SIRENTAN_NEW_PASSWORD": "sementara-1",
        },
    )
    assert made.returncode == 0, made.stderr
    env = {"SIRENTAN_USER": "pengamat", "SIRENTAN_PASSWORD": "sementara-1"}
    must_change = run_cli("demo-data", "--count", "5", home=tmp_path, env=env)
    assert must_change.returncode == 1 and "harus mengganti kata sandi" in must_change.stderr
    changed = run_cli(
        "users", "password", home=tmp_path, env=env | {"SIRENTAN_NEW_PASSWORD": "pilihan-saya-1"}
    )
    assert changed.returncode == 0, changed.stderr
    env["SIRENTAN_PASSWORD"] = "pilihan-saya-1"
    refused = run_cli("demo-data", "--count", "5", home=tmp_path, env=env)
    assert refused.returncode == 1
    assert "tidak berwenang mengubah data peserta" in refused.stderr


def test_demo_data_then_search_counts_as_the_list_does(tmp_path: Path) -> None:
    first_admin(tmp_path)
    made = as_admin("demo-data", "--count", str(TYPING_COUNT_LIMIT + 1), home=tmp_path)
    assert made.returncode == 0, made.stderr
    assert f"{thousands(TYPING_COUNT_LIMIT + 1)} peserta contoh ditambahkan" in made.stdout
    capped = as_admin("workers", "search", "5303", home=tmp_path)
    assert capped.returncode == 0, capped.stderr
    assert capped.stdout.splitlines()[-1] == (
        f"Lebih dari {thousands(TYPING_COUNT_LIMIT)} peserta cocok, 50 ditampilkan. "
        "Jumlah tepatnya: tambahkan --hitung-semua."
    )
    every = ("--hitung-semua", "--json", "--limit", "60")
    found = as_admin("workers", "search", "5303", *every, home=tmp_path)
    assert found.returncode == 0, found.stderr
    payload = json.loads(found.stdout)
    assert (payload["total"], payload["total_exact"], len(payload["rows"])) == (
        TYPING_COUNT_LIMIT + 1,
        True,
        60,
    )
    assert all(row["nik"].startswith("5303") for row in payload["rows"])


def test_environment_variable_chooses_the_database(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'env.db'}"
    first_admin(tmp_path, "--database", url)
    result = run_cli(
        "db",
        "info",
        home=tmp_path,
        env={
            "SIRENTAN_DATABASE_URL": url,
            "SIRENTAN_USER": "admin_satu",
            "SIRENTAN_PASSWORD": ADMIN_PASSWORD,
        },
    )
    assert result.returncode == 0, result.stderr
    assert str(tmp_path / "env.db") in result.stdout


def test_unreachable_server_exits_non_zero_without_password(tmp_path: Path) -> None:
    url = "postgresql+psycopg://petugas:rahasia@127.0.0.1:1/sirentan"
    result = run_cli_process("--database", url, "db", "upgrade", home=tmp_path)
    assert result.returncode == 1
    assert "tidak dapat dihubungi" in result.stderr
    assert "rahasia" not in result.stderr + result.stdout
    assert "Traceback" not in result.stderr


@pytest.mark.postgres
def test_postgresql_upgrade_first_admin_and_sign_in(tmp_path: Path) -> None:
    url, admin = create_pg_database()
    # A login role belongs to one register: not the "admin" other tests' registers use.
    name = clerk_name("cli_admin")
    try:
        upgraded = run_cli("--database", url, "db", "upgrade", home=tmp_path)
        assert upgraded.returncode == 0, upgraded.stderr
        assert f"ke {HEAD_REVISION}" in upgraded.stdout
        again = run_cli("--database", url, "db", "upgrade", home=tmp_path)
        assert "sudah terbaru" in again.stdout
        first_admin(tmp_path, "--database", url, user=name)
        info = as_admin("--database", url, "db", "info", home=tmp_path, user=name)
        assert info.returncode == 0, info.stderr
        assert f"Revisi skema           {HEAD_REVISION}" in info.stdout
    finally:
        drop_pg_database(url, admin)


@pytest.mark.postgres
def test_postgresql_upgrade_refuses_a_database_not_in_utf8(tmp_path: Path) -> None:
    url, admin = create_pg_database()
    name = make_url(url).database
    ascii_name = f"{name}_ascii"
    ascii_url = make_url(url).set(database=ascii_name).render_as_string(hide_password=False)
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE "{name}"'))  # only its name is borrowed
        conn.execute(
            text(
                f"CREATE DATABASE \"{ascii_name}\" ENCODING 'SQL_ASCII' LC_COLLATE 'C' "
                "LC_CTYPE 'C' TEMPLATE template0"
            )
        )
    try:
        result = run_cli("--database", ascii_url, "db", "upgrade", home=tmp_path)
        assert result.returncode == 1
        message = " ".join(result.stderr.split())
        assert f"Basis data “{ascii_name}”" in message or f"Basis data '{ascii_name}'" in message
        assert "pengodean SQL_ASCII, bukan UTF8" in message
        assert f"CREATE DATABASE \"{ascii_name}\" ENCODING 'UTF8' TEMPLATE template0" in message
        assert "Traceback" not in result.stderr and result.stdout == ""
        # Refused before any migration: nothing half-made to clean up.
        engine = create_engine(ascii_url, connect_args={"client_encoding": "UTF8"})
        with engine.connect() as conn:
            assert conn.execute(text("SELECT to_regclass('alembic_version')")).scalar() is None
        engine.dispose()
    finally:
        # Dropped here: the helper's reading of the register's roles expects UTF8. Roles of
        # its own exist only if it was wrongly upgraded (0012 names them after it).
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{ascii_name}" WITH (FORCE)'))
            own = text("SELECT rolname FROM pg_roles WHERE starts_with(rolname, :prefix)")
            for role in conn.execute(own, {"prefix": f"{ascii_name}_"}).scalars():
                conn.execute(text(f'DROP ROLE "{role}"'))
        admin.dispose()


@pytest.mark.postgres
def test_postgresql_refuses_an_old_schema(tmp_path: Path) -> None:
    url, admin = create_pg_database()
    try:
        refused = as_admin(
            "--database", url, "workers", "search", "x", home=tmp_path, user="postgres"
        )
        assert refused.returncode == 1 and "db upgrade" in refused.stderr
    finally:
        drop_pg_database(url, admin)


def test_every_command_module_is_in_the_explicit_list() -> None:
    """A frozen bundle carries only what packaging lists: each `*_commands` module is either
    in COMMAND_MODULES or imported by name by one that is (claims' and documents' parts)."""
    listed = command_modules()
    reached = {module.__name__ for module in listed}
    for module in listed:
        reached |= {
            value.__name__ for value in vars(module).values() if isinstance(value, type(module))
        }
    shipped = {f"ui.cli.{path.stem}" for path in (ROOT / "ui" / "cli").glob("*_commands.py")}
    for name in shipped:
        importlib.import_module(name)  # each one imports cleanly
    assert shipped - reached == set()
    spec = (ROOT / "packaging" / "sirentan.spec").read_text(encoding="utf-8")
    assert "hiddenimports += list(COMMAND_MODULES)" in spec


def _commands(parser: argparse.ArgumentParser) -> argparse._SubParsersAction[Any]:
    """The parser's sub-command action (argparse keeps it, and the help lines of its
    commands, only in private attributes)."""
    return next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))


def test_the_command_table_says_what_each_module_registers() -> None:
    """--help is answered from the table alone, so it must match the real commands."""
    real = _commands(build_parser(EVERY))
    registered = [(action.dest, action.help) for action in real._choices_actions]
    assert registered == [(c.name, c.help) for c in COMMANDS]
    for command in COMMANDS:  # its module is the one that registers it for real
        only = _commands(build_parser(command.name))
        assert "-h" in only.choices[command.name]._option_string_actions


# Libraries a command's --help must not wait for: Qt, and the PDF, Excel and barcode
# writers (only the commands that write such files load them, when they run).
_HEAVY = ("PySide6", "reportlab", "openpyxl", "python_calamine", "zxingcpp")


def test_help_and_a_command_load_only_what_they_use() -> None:
    """`python main.py --help` loads no SQLAlchemy, no Qt, no writer and no command module;
    a command's --help loads its own module only, and no library it does not run."""
    probe = (
        "import contextlib, io, json, runpy, sys\n"
        "sys.argv = ['main.py', *sys.argv[1:]]\n"
        "shown = io.StringIO()\n"
        "with contextlib.suppress(SystemExit), contextlib.redirect_stdout(shown):\n"
        "    runpy.run_path('main.py', run_name='__main__')\n"
        "print(json.dumps({'help': shown.getvalue(), 'modules': sorted(sys.modules)}))\n"
    )

    def loaded(*argv: str) -> tuple[str, list[str]]:
        done = subprocess.run(
            [sys.executable, "-c", probe, *argv], capture_output=True, text=True, cwd=ROOT
        )
        seen = json.loads(done.stdout.splitlines()[-1])
        return seen["help"], seen["modules"]

    def of(modules: list[str], names: tuple[str, ...]) -> list[str]:
        return [n for n in names if any(m == n or m.startswith(f"{n}.") for m in modules)]

    text, helped = loaded("--help")
    assert "PERINTAH" in text and "ui.cli.main" in helped
    assert of(helped, ("sqlalchemy", "models", *_HEAVY)) == []
    assert [m for m in helped if m.endswith("_commands")] == []
    text, workers = loaded("workers", "--help")
    assert "workers" in text and "ui.cli.worker_commands" in workers
    assert "ui.cli.card_commands" not in workers and of(workers, ("sqlalchemy", *_HEAVY)) == []
    # Every name above is a real module: a renamed one fails here instead of leaving
    # the checks above looking for nothing.
    assert [n for n in _HEAVY if find_spec(n) is None] == []


# One process walks every command and sub-command of the full parser (so it imports every
# command module), asks each for --help and gives each an option it does not have, then
# lists what it loaded. The handlers import their services when they run, not before.
_EVERY_HELP_PROBE = """
import argparse, contextlib, io, json, sys
from ui.cli.command_table import COMMANDS
from ui.cli.main import EVERY, build_parser, run

def below(parser, path):
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                yield [*path, name]
                yield from below(sub, [*path, name])

paths = list(below(build_parser(EVERY), []))
seen = []
for path in paths:
    codes = []
    for extra in ("--help", "--no-such-option"):
        out, err = io.StringIO(), io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                codes.append(run([*path, extra]))
            except SystemExit as stop:
                codes.append(stop.code)
        codes.append(out.getvalue() + err.getvalue())
    seen.append([path, *codes])
print(json.dumps({"seen": seen, "modules": sorted(sys.modules)}))
"""


def test_every_commands_help_and_refusal_load_no_services() -> None:
    """Each command's and sub-command's --help, and argparse's refusal of an unknown option,
    load no SQLAlchemy, no table, no service that reads the register, and no writer."""
    done = subprocess.run(
        [sys.executable, "-c", _EVERY_HELP_PROBE], capture_output=True, text=True, cwd=ROOT
    )
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout.splitlines()[-1])
    seen, modules = report["seen"], report["modules"]
    assert {tuple(s[0]) for s in seen} >= {
        *((c.name,) for c in COMMANDS),
        ("claims", "checklist", "set"),
        ("letter", "klaim"),
        ("workers", "period", "edit"),
    }
    for path, helped, shown, refused, refusal in seen:
        assert helped == 0 and f"{' '.join(path)} [-h]" in shown, path
        assert refused == 2 and "kesalahan" in refusal, path
    # models.enums (and the package's __init__, which maps its tables lazily) hold codes only.
    tables = [m for m in modules if m.startswith("models.") and m != "models.enums"]
    libraries = [m for m in modules if m.split(".")[0] in ("sqlalchemy", *_HEAVY)]
    assert tables == [] and libraries == []
