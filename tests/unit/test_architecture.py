"""The layers point one way: ui -> services -> models; Qt and SQL stay where they belong."""

from __future__ import annotations

import ast
import functools
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@functools.cache
def _tree(path: Path) -> ast.Module:
    """Each source file parsed once for all the checks below (parsing is their whole cost)."""
    return ast.parse(path.read_text(encoding="utf-8"))


def _imports(path: Path) -> set[str]:
    tree = _tree(path)
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


# -- the import graph -----------------------------------------------------------------------

PROJECT_PACKAGES = ("models", "services", "ui")


def _module_files() -> dict[str, Path]:
    """Every project module by dotted name (a package by its __init__)."""
    found: dict[str, Path] = {}
    for package in PROJECT_PACKAGES:
        for path in (ROOT / package).rglob("*.py"):
            if "migrations" in path.parts:
                continue  # Alembic loads migrations by path, never by import
            parts = list(path.relative_to(ROOT).with_suffix("").parts)
            if parts[-1] == "__init__":
                parts.pop()
            found[".".join(parts)] = path
    return found


@functools.cache
def _import_graph() -> dict[str, set[str]]:
    """Who imports whom among project modules: every import statement counts, the lazy ones
    inside functions and those under TYPE_CHECKING too (a circle hidden there is still one)."""
    modules = _module_files()

    def known(name: str) -> str | None:
        while name and name not in modules:
            name = name.rpartition(".")[0]
        return name or None

    graph: dict[str, set[str]] = {}
    for name, path in modules.items():
        targets: set[str] = set()
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        for node in ast.walk(_tree(path)):
            if isinstance(node, ast.Import):
                targets |= {t for a in node.names if (t := known(a.name))}
            elif isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:
                    anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                    base = ".".join([*anchor, *([node.module] if node.module else [])])
                for alias in node.names:
                    full = f"{base}.{alias.name}"
                    target = full if full in modules else known(base)
                    if target:
                        targets.add(target)
        targets.discard(name)
        graph[name] = targets
    return graph


def _circles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected groups of more than one module (Tarjan, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    circles: list[list[str]] = []
    for root in graph:
        if root in index:
            continue
        work = [(root, iter(sorted(graph[root])))]
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = len(index)
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph[child]))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                group = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    group.append(member)
                    if member == node:
                        break
                if len(group) > 1:
                    circles.append(sorted(group))
    return circles


def test_the_graph_sees_a_circle() -> None:
    """The check below can fail: two modules importing each other are found."""
    assert _circles({"a": {"b"}, "b": {"a"}, "c": {"a"}}) == [["a", "b"]]


def test_no_import_circles() -> None:
    graph = _import_graph()
    assert "services.claims.refresh" in graph["services.core.bootstrap"]  # lazy ones count
    assert _circles(graph) == []


def test_widgets_import_no_screen() -> None:
    """ui/gui/widgets/ holds what several screens share: it never imports a screen's folder."""
    screens = {p.name for p in (ROOT / "ui" / "gui").iterdir() if (p / "__init__.py").exists()}
    graph = _import_graph()
    offenders = {
        (name, target)
        for name, targets in graph.items()
        if name.startswith("ui.gui.widgets")
        for target in targets
        if target.split(".")[:2] == ["ui", "gui"]
        and len(target.split(".")) > 2
        and target.split(".")[2] in screens - {"widgets"}
    }
    assert offenders == set()


# Rules that are pure functions of their arguments: they read codes (models.enums), never
# the tables, so they load without SQLAlchemy (fast to import, tested without a database).
PURE_RULE_MODULES = [
    "models.enums",
    "services.core.errors",
    "services.core.input_rules",
    "services.core.permissions",
    "services.settings.catalog",
    "services.text.formatting",
    "services.text.labels",
    "services.text.money",
    "services.text.terbilang",
    "services.workers.nik",
]


@pytest.mark.parametrize("module", PURE_RULE_MODULES)
def test_pure_rule_modules_import_no_sqlalchemy(module: str) -> None:
    probe = (
        f"import sys, {module}\n"
        "loaded = sorted(m for m in sys.modules if m.split('.')[0] == 'sqlalchemy')\n"
        "print(len(loaded))"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert done.stdout.strip() == "0", f"{module} loads SQLAlchemy"


# What a command line module may import at its top: its parsers' words, codes and checks of
# typed values. Its handlers import their services when they run, so a command's --help and
# argparse's refusals answer without SQLAlchemy or a writer (tests/integration/test_cli.py
# runs them all and looks at what they loaded).
CLI_TOP_IMPORTS = (
    "models.enums",
    "services.core.errors",
    "services.core.file_output",
    "services.core.logging_setup",
    "services.core.paths",
    "services.core.permissions",
    "services.settings.catalog",
    "services.text",
    "ui.cli",
)


def test_command_modules_import_their_services_when_a_command_runs() -> None:
    found = []
    for path in _python_files("ui/cli"):
        for node in _tree(path).body:  # the module's top only; under TYPE_CHECKING is free
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                names = [node.module]
            else:
                continue
            found += [
                f"{path.relative_to(ROOT)}:{node.lineno} {name}"
                for name in names
                if name.split(".")[0] not in (*sys.stdlib_module_names, "__future__")
                and not any(name == ok or name.startswith(f"{ok}.") for ok in CLI_TOP_IMPORTS)
            ]
    assert found == [], "import these in the handler that uses them"


def test_every_emit_goes_through_signals_emit() -> None:
    """PySide6 6.12.0's emit() loses a reference to True (see ui/gui/signals.py)."""
    offenders = []
    for path in _python_files("ui"):
        if path == ROOT / "ui" / "gui" / "signals.py":
            continue
        for node in ast.walk(_tree(path)):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and node.func.attr == "emit"
            ):
                offenders.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert offenders == []


# -- the office's calendar --------------------------------------------------------------------

# The one module that may ask for a day or a moment on its own terms: every other "today" is
# the office's (services/core/office_time.py: office_today, office_today_of).
OFFICE_CLOCK = Path("services/core/office_time.py")


def _workstation_clock_calls(tree: ast.AST) -> list[int]:
    """Lines asking the workstation's calendar: ``date.today``, ``datetime.today``, a
    ``datetime.now()`` without a zone (also through ``datetime.`` / ``dt.``), and Qt's
    ``QDate.currentDate`` / ``QDateTime.currentDateTime``."""
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute):
            owner = node.value
            owner_name = owner.id if isinstance(owner, ast.Name) else getattr(owner, "attr", "")
            if node.attr == "today" and owner_name in ("date", "datetime"):
                found.append(node.lineno)  # called or handed on (default_factory=date.today)
            elif node.attr in ("currentDate", "currentDateTime") and owner_name in (
                "QDate",
                "QDateTime",
            ):
                found.append(node.lineno)
        elif (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr == "now"
            and isinstance(node.func.value, ast.Name | ast.Attribute)
            and (
                getattr(node.func.value, "id", None) == "datetime"
                or getattr(node.func.value, "attr", None) == "datetime"
            )
        ):
            zone = node.args[0] if node.args else next((k.value for k in node.keywords), None)
            if zone is None or (isinstance(zone, ast.Constant) and zone.value is None):
                found.append(node.lineno)
    return sorted(found)


def test_the_clock_check_sees_the_workstations_calendar() -> None:
    """The check below can fail: each way of asking the workstation's day is found."""
    source = "\n".join(
        [
            "date.today()",
            "datetime.date.today()",
            "datetime.today()",
            "datetime.now()",
            "datetime.datetime.now()",
            "datetime.now(tz=None)",
            "field(default_factory=date.today)",
            "QDate.currentDate()",
            "datetime.now(UTC)",  # a moment in UTC: allowed
            "datetime.now(zone)",  # on the office's clock: allowed
            "office_today(session)",
        ]
    )
    assert _workstation_clock_calls(ast.parse(source)) == [1, 2, 3, 4, 5, 6, 7, 8]


def test_every_today_is_the_offices() -> None:
    """No default day from the workstation's clock: a Kupang office whose laptop is on
    Jakarta time (or UTC-3) must still get its own day at 23.30 and 00.30."""
    files = [*_python_files("services"), *_python_files("ui"), ROOT / "main.py"]
    offenders = [
        f"{path.relative_to(ROOT)}:{line}"
        for path in files
        if path.relative_to(ROOT) != OFFICE_CLOCK
        for line in _workstation_clock_calls(_tree(path))
    ]
    assert offenders == []
