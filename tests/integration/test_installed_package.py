"""SiRentan installed the way an office gets it: a wheel outside the source tree,
output piped into files, a native crash, the command name in messages."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from services.core.paths import FROZEN_CLI_NAME, command_prefix

ROOT = Path(__file__).resolve().parents[2]


def _environment(home: Path, **extra: str) -> dict[str, str]:
    drop = {"SIRENTAN_DATABASE_URL", "SIRENTAN_USER", "SIRENTAN_PASSWORD", "PYTHONPATH"}
    environment = {k: v for k, v in os.environ.items() if k not in drop}
    return environment | {"SIRENTAN_HOME": str(home), **extra}


def _run(args: list[str], home: Path, cwd: Path, **extra: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        args,
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=_environment(home, **extra),
        cwd=cwd,
        timeout=300,
        check=False,
        stdin=subprocess.DEVNULL,
    )


def test_a_wheel_installed_outside_the_source_tree_runs_its_commands(tmp_path: Path) -> None:
    # From a copy without environments and build outputs: setuptools lists every file it sees.
    source = tmp_path / "source"
    skipped = (".venv", ".git", "build", "dist", "*.egg-info", "__pycache__", ".*_cache")
    shutil.copytree(ROOT, source, ignore=shutil.ignore_patterns(*skipped, ".hypothesis"))
    wheels = tmp_path / "wheels"
    built = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", str(wheels), str(source)],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert built.returncode == 0, built.stderr
    wheel = next(wheels.glob("sirentan-*.whl"))
    # Imported here: the embeddable Windows CPython that runs this file's other tests
    # (packaging/windows/windows-tests.txt) has no venv module.
    import venv

    target = tmp_path / "venv"
    # No pip of its own (ensurepip costs some 5 s): the test run's pip installs into it.
    venv.create(target, with_pip=False)
    bin_dir = target / ("Scripts" if sys.platform == "win32" else "bin")
    python = bin_dir / "python"
    # The dependencies come from the test run's own environment (a .pth line adds its
    # folder, not its editable install of SiRentan); SiRentan itself only from the wheel.
    site = subprocess.run(
        [python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    deps = next(p for p in map(Path, sys.path) if (p / "sqlalchemy").is_dir())
    (Path(site) / "deps.pth").write_text(f"{deps}\n", encoding="utf-8")
    pip = [sys.executable, "-m", "pip", "--python", str(python)]
    installed = subprocess.run(
        [*pip, "install", "-q", "--no-deps", "--no-index", str(wheel)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert installed.returncode == 0, installed.stderr
    home, elsewhere = tmp_path / "home", tmp_path / "elsewhere"
    elsewhere.mkdir()
    sirentan = str(bin_dir / "sirentan")

    where = _run(
        [str(python), "-c", "import resources, models; print(models.__file__)"], home, elsewhere
    )
    upgrade = _run([sirentan, "db", "upgrade"], home, elsewhere)
    user = _run(
        [
            sirentan,
            "users",
            "create",
            "--name",
            "admin_satu",
            "--role",
            "admin",
            "--full-name",
            "Admin Satu",
        ],
        home,
        elsewhere,
        SIRENTAN_NEW_PASSWORD="Kefamenanu-2026-aman",
    )
    signed = {"SIRENTAN_USER": "admin_satu", "SIRENTAN_PASSWORD": "Kefamenanu-2026-aman"}
    demo = _run([sirentan, "demo-data", "--count", "20"], home, elsewhere, **signed)
    backup = _run([sirentan, "backup", "create"], home, elsewhere, **signed)
    helptext = _run([sirentan, "--help"], home, elsewhere)

    assert Path(where.stdout.strip()).is_relative_to(site), where.stdout + where.stderr
    assert upgrade.returncode == 0, upgrade.stdout + upgrade.stderr
    assert user.returncode == 0, user.stdout + user.stderr
    assert demo.returncode == 0, demo.stdout + demo.stderr
    assert backup.returncode == 0, backup.stdout + backup.stderr
    assert list((home / "backups").glob("sirentan-*.db"))
    # Its messages name the command it was started with.
    assert helptext.stdout.startswith("cara pakai: sirentan "), helptext.stdout


def test_output_piped_into_a_narrow_encoding_is_written_in_utf8(tmp_path: Path) -> None:
    # Windows writes a pipe in its ANSI code page; ASCII is narrower still (no "—").
    shown = subprocess.run(
        [sys.executable, str(ROOT / "main.py"), "--help"],
        capture_output=True,
        env=_environment(tmp_path, PYTHONIOENCODING="ascii"),
        timeout=120,
        check=False,
    )

    assert shown.returncode == 0, shown.stderr.decode("utf-8", "replace")
    assert "SiRentan — Sistem Informasi Pekerja Rentan" in shown.stdout.decode("utf-8")


def test_a_native_crash_leaves_its_stacks_in_the_log_folder(tmp_path: Path) -> None:
    crash = (
        "from services.core.logging_setup import record_native_crashes\n"
        "import faulthandler\n"
        "print(record_native_crashes())\n"
        "faulthandler._sigsegv()\n"
    )
    died = _run([sys.executable, "-c", crash], tmp_path, ROOT)

    assert died.returncode != 0
    path = Path(died.stdout.strip())
    assert path == tmp_path / "logs" / "sirentan-crash.log"
    assert "Fatal Python error" in path.read_text(encoding="utf-8")
    if os.name == "posix":  # the stacks may hold a record's values: this account's only
        assert path.stat().st_mode & 0o777 == 0o600


def test_messages_name_the_program_a_clerk_really_starts(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    assert command_prefix() == "python main.py"  # a source tree
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "platform", "win32")
    assert command_prefix() == FROZEN_CLI_NAME == "sirentan-cli"  # beside SiRentan.exe
    monkeypatch.setattr(sys, "platform", "linux")
    monkeypatch.setattr(sys, "executable", "/opt/SiRentan-0.1.0/sirentan")
    assert command_prefix() == "sirentan"  # the Linux bundle's one program


def test_the_shipped_files_are_found_in_a_frozen_bundle_too(tmp_path: Path) -> None:
    from importlib.resources import files
    from importlib.resources.readers import MultiplexedPath

    from services.core.paths import RESOURCES_DIR, resources_folder

    shipped = Path(str(files("resources").joinpath("data"))).parent
    # What PyInstaller's reader hands out for a package folder of the bundle.
    frozen = MultiplexedPath(shipped)

    assert resources_folder(frozen) == shipped == RESOURCES_DIR
    assert (resources_folder(frozen) / "fonts" / "DejaVuSans.ttf").is_file()
