"""Start-up loads what the first screen needs and no more.

The main window is built in a fresh interpreter (a test process has long since
imported everything), with the sign-in's modules loaded as ``run_gui`` loads
them, and ``sys.modules`` is read at three moments: right after the window is
shown with Beranda, after Peserta is built as on the clerk's first click, and
after every section has been built. The first read comes before the event loop
runs, so Beranda's figures, which load in the background, cannot race it.

Beranda's background job imports the dashboard's service while the clerk's first
screens are painting; an import holds Python's lock, so what it loads stalls the
GUI thread. Its imports are read in a second fresh interpreter.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from importlib.util import find_spec
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

# Libraries that cost start-up time and belong to other screens' work: PDF,
# Excel, charts, printing, barcodes, schema migrations; and the PostgreSQL driver and
# SQL dialect, which a SQLite register never needs.
HEAVY = (
    "psycopg",
    "sqlalchemy.dialects.postgresql",
    "reportlab",
    "openpyxl",
    "python_calamine",
    "lxml",
    "zxingcpp",
    "alembic",
    "PySide6.QtCharts",
    "PySide6.QtPdf",
    "PySide6.QtPdfWidgets",
    "PySide6.QtPrintSupport",
)
# Each section's panel, and the service packages only other screens use.
OTHER_SCREENS = (
    "ui.gui.worker_list.worker_list_panel",
    "ui.gui.excel_import.import_panel",
    "ui.gui.cards.cards_panel",
    "ui.gui.claims.claims_panel",
    "ui.gui.documents.documents_panel",
    "ui.gui.reports.reports_panel",
    "ui.gui.premiums.premiums_panel",
    "ui.gui.users.users_panel",
    "ui.gui.audit.audit_panel",
    "services.claims",
    "services.documents",
    "services.excel_import",
    "services.reports",
)

# The service packages whose writers and readers load the libraries above; and the
# claims package, whose dataclasses alone cost about 0.1 s of CPU (the job counts open
# claims by models.enums.FINISHED_STATUSES instead).
HEAVY_SERVICES = ("services.documents", "services.excel_import", "services.claims")

_CHILD = r"""
import gc, json, os, sys
from PySide6.QtWidgets import QApplication

app = QApplication(sys.argv[:1])
from models.enums import Role
from services.core.bootstrap import open_register
from services.core.permissions import Principal
from ui.gui.window_setup import build_main_window
from ui.gui.launcher import Launcher  # what run_gui loads to sign the clerk in

ctx = open_register(sys.argv[1])
ctx.principal = Principal(user_id=0, username="uji", full_name="Uji", role=Role.ADMIN)
window = build_main_window(ctx)
window.show()
seen = {"first": sorted(sys.modules)}
# ui.gui.collector: loaded without the collector, what loaded frozen, the collector back on.
seen["collector"] = {"on": gc.isenabled(), "frozen": gc.get_freeze_count() > 10_000}
seen["current"] = type(window.stack.currentWidget()).__name__
window.panel("Peserta")
seen["peserta"] = sorted(sys.modules)
for title in window.section_titles():
    window.panel(title)
seen["all"] = sorted(sys.modules)
seen["titles"] = window.section_titles()
print(json.dumps(seen), flush=True)
os._exit(0)  # the panels' background jobs need no tidy end here
"""

# What Beranda's job imports (ui/gui/dashboard/dashboard_panel.py, DashboardPanel.reload).
_JOB = r"""
import json, sys
from services.reports.dashboard import dashboard
print(json.dumps(sorted(sys.modules)), flush=True)
"""


def _loaded(modules: list[str], names: tuple[str, ...]) -> list[str]:
    return [n for n in names if any(m == n or m.startswith(f"{n}.") for m in modules)]


def test_the_first_screen_loads_no_other_section_and_no_heavy_library(
    sqlite_url: str, tmp_path: Path
) -> None:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", HOME=str(tmp_path))
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    child = subprocess.run(
        [sys.executable, "-c", _CHILD, sqlite_url],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        timeout=120,
    )
    assert child.returncode == 0, child.stderr[-3000:]
    seen = json.loads(child.stdout.splitlines()[-1])
    assert seen["titles"][0] == "Beranda" and seen["current"] == "DashboardPanel"
    assert seen["collector"] == {"on": True, "frozen": True}
    assert _loaded(seen["first"], HEAVY + OTHER_SCREENS) == []
    assert _loaded(seen["peserta"], HEAVY) == []
    assert _loaded(seen["peserta"], OTHER_SCREENS) == ["ui.gui.worker_list.worker_list_panel"]
    # Every name above is a real module, and each panel one the app really loads: a
    # renamed one fails here instead of leaving the checks above looking for nothing.
    assert [n for n in HEAVY if find_spec(n) is None] == []
    assert _loaded(seen["all"], OTHER_SCREENS) == list(OTHER_SCREENS)


def test_the_dashboard_job_loads_no_heavy_library(tmp_path: Path) -> None:
    env = dict(os.environ, HOME=str(tmp_path))
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    child = subprocess.run(
        [sys.executable, "-c", _JOB],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        timeout=120,
    )
    assert child.returncode == 0, child.stderr[-3000:]
    modules = json.loads(child.stdout.splitlines()[-1])
    assert "services.reports.dashboard" in modules
    assert _loaded(modules, HEAVY + HEAVY_SERVICES) == []
    assert [n for n in HEAVY_SERVICES if find_spec(n) is None] == []
