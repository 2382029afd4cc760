"""The first administrator of a CLI test's default register, made on a migrated copy.

A command run without ``--database`` opens ``SIRENTAN_HOME/sirentan.db``; on a new file that
first command runs every migration (one to two seconds, in each of some twenty CLI tests).
Here the file is the process's migrated template, copied, before ``users create`` runs:
the command then finds a current, empty register, as it would on any day after the first.
That a first command migrates a new file is checked where that is the point
(test_cli.py's default-database test, test_migrations.py).
"""

from __future__ import annotations

import shutil
from pathlib import Path

from tests.integration import test_cli

# The migrated SQLite template of this test process (set by tests/integration/conftest.py).
TEMPLATE: list[Path] = []


def first_admin(home: Path, *database: str, user: str = "admin_satu") -> None:
    """test_cli.first_admin, on a copy of the migrated template when no database is named."""
    register = home / "sirentan.db"
    if not database and TEMPLATE and not register.exists():
        home.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(TEMPLATE[0], register)
    test_cli.first_admin(home, *database, user=user)
