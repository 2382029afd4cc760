"""The layers point one way: ui -> services -> models; Qt and SQL stay where they belong."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
    return names


def _python_files(folder: str) -> list[Path]:
    return sorted((ROOT / folder).rglob("*.py"))


@pytest.mark.parametrize("folder", ["models", "services", "ui/cli"])
def test_no_qt_below_the_gui(folder: str) -> None:
    offenders = [p for p in _python_files(folder) if "PySide6" in _imports(p)]
    assert offenders == []


def test_models_do_not_import_services_or_ui() -> None:
    offenders = [p for p in _python_files("models") if _imports(p) & {"services", "ui"}]
    assert offenders == []


def test_services_do_not_import_ui() -> None:
    offenders = [p for p in _python_files("services") if "ui" in _imports(p)]
    assert offenders == []


def test_ui_builds_no_sql() -> None:
    offenders = [
        p for p in _python_files("ui") if _imports(p) & {"sqlalchemy", "sqlite3", "psycopg"}
    ]
    assert offenders == []
