"""Integration tests: the migrated SQLite template made known to the CLI helpers."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.integration import test_cli


@pytest.fixture(scope="session", autouse=True)
def _cli_template(sqlite_template: Path) -> None:
    """The CLI tests' default registers start as copies of this process's template."""
    test_cli.TEMPLATE[:] = [sqlite_template]
