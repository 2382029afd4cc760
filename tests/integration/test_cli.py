"""The command line, run as a clerk or an administrator would run it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def run_cli(
    *args: str, home: Path, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    environment = {k: v for k, v in os.environ.items() if k != "SIRENTAN_DATABASE_URL"}
    environment |= {"SIRENTAN_HOME": str(home), **(env or {})}
    return subprocess.run(
        [sys.executable, str(ROOT / "main.py"), *args],
        capture_output=True,
        text=True,
        env=environment,
        timeout=120,
        check=False,
    )


def test_default_database_is_sqlite_in_the_data_folder(tmp_path: Path) -> None:
    result = run_cli("db", "info", home=tmp_path)
    assert result.returncode == 0, result.stderr
    assert f"SQLite: {tmp_path / 'sirentan.db'}" in result.stdout
    assert "Kabupaten Timor Tengah Utara (53.03)" in result.stdout


def test_demo_data_then_search_as_json(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'x.db'}"
    made = run_cli("--database", url, "demo-data", "--count", "50", home=tmp_path)
    assert made.returncode == 0, made.stderr
    assert "50 peserta contoh ditambahkan" in made.stdout
    found = run_cli("--database", url, "workers", "search", "5303", "--json", home=tmp_path)
    assert found.returncode == 0, found.stderr
    payload = json.loads(found.stdout)
    assert payload["total"] == 50 and len(payload["rows"]) == 50
    assert all(row["nik"].startswith("5303") for row in payload["rows"])


def test_environment_variable_chooses_the_database(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'env.db'}"
    result = run_cli("db", "info", home=tmp_path, env={"SIRENTAN_DATABASE_URL": url})
    assert result.returncode == 0, result.stderr
    assert str(tmp_path / "env.db") in result.stdout


def test_unreachable_server_exits_non_zero_without_password(tmp_path: Path) -> None:
    url = "postgresql+psycopg://petugas:rahasia@127.0.0.1:1/sirentan"
    result = run_cli("--database", url, "db", "info", home=tmp_path)
    assert result.returncode == 1
    assert "tidak dapat dihubungi" in result.stderr
    assert "rahasia" not in result.stderr + result.stdout
    assert "Traceback" not in result.stderr


@pytest.mark.postgres
def test_db_upgrade_on_postgresql(tmp_path: Path) -> None:
    from tests.conftest import create_pg_database, drop_pg_database

    url, admin = create_pg_database()
    try:
        refused = run_cli("--database", url, "workers", "search", "x", home=tmp_path)
        assert refused.returncode == 1 and "db upgrade" in refused.stderr
        upgraded = run_cli("--database", url, "db", "upgrade", home=tmp_path)
        assert upgraded.returncode == 0, upgraded.stderr
        assert "ke 0001" in upgraded.stdout
        again = run_cli("--database", url, "db", "upgrade", home=tmp_path)
        assert "sudah terbaru" in again.stdout
    finally:
        drop_pg_database(url, admin)
