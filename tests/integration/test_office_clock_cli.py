"""The command line shows moments on the office's clock (WIB/WITA/WIT), named, whatever the
workstation's own clock says."""

from __future__ import annotations

import re
import sqlite3
from datetime import datetime, timedelta
from pathlib import Path

from services.core.office_time import WIT
from tests.integration.cli_helpers import first_admin
from tests.integration.test_cli import ADMIN_PASSWORD, run_cli

# A workstation left on a far zone (UTC-3, POSIX spelling that Windows' C runtime reads too).
FAR_AWAY = {"TZ": "BRT3"}


def _admin(*args: str, home: Path) -> str:
    env = {"SIRENTAN_USER": "admin_satu", "SIRENTAN_PASSWORD": ADMIN_PASSWORD, **FAR_AWAY}
    done = run_cli(*args, home=home, env=env)
    assert done.returncode == 0, done.stderr
    return done.stdout


def _stored(home: Path, sql: str) -> datetime:
    """A moment as the register stored it (UTC, written without its zone by SQLite)."""
    (database,) = home.rglob("sirentan.db")
    with sqlite3.connect(database) as connection:
        value = connection.execute(sql).fetchone()[0]
    return datetime.fromisoformat(value)


def test_a_papua_office_reads_its_print_log_and_backups_in_wit(tmp_path: Path) -> None:
    first_admin(tmp_path)
    where = ("--capital", "Sentani", "--office-address", "Jl. Raya Sentani, Sentani")
    district = _admin("settings", "district", "91.03", *where, home=tmp_path)
    assert "Kabupaten Jayapura" in district
    _admin("demo-data", "--count", "5", "--seed", "3", home=tmp_path)
    _admin("print-cards", "--not-printed", "-o", str(tmp_path / "kartu.pdf"), home=tmp_path)

    printed = _stored(tmp_path, "SELECT created_at FROM card_print_batch")
    on_papua_clock = printed + timedelta(hours=9)
    batches = _admin("cards", "batches", home=tmp_path)
    assert f"{on_papua_clock:%d-%m-%Y %H.%M} WIT" in batches

    _admin("backup", "create", home=tmp_path)
    listed = _admin("backup", "list", home=tmp_path)
    shown = re.match(r"(\d\d-\d\d-\d{4} \d\d\.\d\d) WIT ", listed)
    assert shown, listed
    when = datetime.strptime(shown[1], "%d-%m-%Y %H.%M").replace(tzinfo=WIT)
    assert abs(datetime.now(WIT) - when) < timedelta(minutes=5)
