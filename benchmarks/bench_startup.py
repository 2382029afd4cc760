"""Process start to the worker list showing its first rows, on a 150,000-worker SQLite file.

Each measurement is a fresh ``python -c`` process under QT_QPA_PLATFORM=offscreen;
the clock runs in this script from spawning the process until the child says
the list has rows, so interpreter start and every import are included. The
child also reports its peak RSS (``ru_maxrss``) at that moment.

- app: imports ui.gui.app, opens the register as a signed-in operator (the
  real entry point stops at the login dialog, which a script cannot type
  into), ``build_main_window(ctx)``, shows it (Beranda, the dashboard, starts
  loading its figures in the background), switches to Peserta and waits
  (processEvents loop) until the worker table's model has rows and the first
  row's data has been read;
- bare: QApplication + QMainWindow + QTableView over a plain table model
  holding all rows, read with sqlite3 from the same file: what "just show
  the table" costs with the bare libraries;
- bare200: the same with only the first 200 rows (one page): the floor set
  by the interpreter, Qt and sqlite3 alone.

Targets: under 0.8 s and peak memory under 250 MB.

    python benchmarks/bench_startup.py [--rows 150000] [--runs 3]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from _common import (
    ROOT,
    WORK_DIR,
    cached_sqlite_demo,
    heading,
    line,
    parse_args,
    python_version,
    secs,
    verdict,
)

TARGET_S = 0.8
TARGET_MB = 250.0
CHILD_TIMEOUT_S = 60.0

# Shared by the children: find a visible item view whose model has rows, read
# its first cell (what painting does), report, and leave without tear-down.
_PROBE = r"""
import os, sys, time, resource
T0 = time.perf_counter()
MARKS = {}

def _mark(name):
    MARKS[name] = time.perf_counter() - T0

def _columns(model):
    from PySide6.QtCore import QModelIndex
    try:
        return model.columnCount(QModelIndex())
    except TypeError:  # list models hide columnCount
        return 1

def _view_with_rows(widgets):
    # The worker table, not a side list: a WorkerTableModel if there is one,
    # else any visible table of at least five columns.
    from PySide6.QtWidgets import QAbstractItemView
    found = []
    for top in widgets:
        if not top.isVisible():
            continue
        views = [top] if isinstance(top, QAbstractItemView) else []
        views += top.findChildren(QAbstractItemView)
        for view in views:
            model = view.model()
            if not view.isVisible() or model is None or _columns(model) < 5:
                continue
            workers = "Worker" in type(model).__name__
            found.append((not workers, view))
    found.sort(key=lambda item: item[0])
    for _, view in found:
        if view.model().rowCount() > 0:
            return view
    return None

def _report(view):
    from PySide6.QtWidgets import QApplication
    model = view.model()
    first = model.data(model.index(0, 0))
    QApplication.processEvents()
    _mark("rows")
    rss_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    marks = " ".join(f"{k}={v:.3f}" for k, v in MARKS.items())
    print(
        f"READY model={type(model).__name__} rows={model.rowCount()} rss_kb={rss_kb} "
        f"first={first!r} {marks}",
        flush=True,
    )
    os._exit(0)

def _wait(app, widgets, limit=30.0):
    deadline = time.perf_counter() + limit
    while time.perf_counter() < deadline:
        app.processEvents()
        view = _view_with_rows(widgets())
        if view is not None:
            _report(view)
        time.sleep(0.0005)
    print("TIMEOUT no item view with rows", flush=True)
    os._exit(3)
"""

_APP = (
    _PROBE
    + r"""
url = sys.argv[1]
from PySide6.QtWidgets import QApplication
app = QApplication(sys.argv[:1])
_mark("qt")
import ui.gui.app as gui
from services.bootstrap import open_register
_mark("imports")
from models.enums import Role
from services.permissions import Principal
ctx = open_register(url)
# As the signed-in clerk the login dialog would have made (it cannot be typed here).
ctx.principal = Principal(user_id=0, username="bench", full_name="Bench", role=Role.OPERATOR)
window = gui.build_main_window(ctx)
_mark("built")
window.show()
_mark("shown")
# Beranda is the first screen; the clerk goes straight on to Peserta.
window.show_section("Peserta")
_wait(app, lambda: [window])
"""
)

_BARE = (
    _PROBE
    + r"""
path, limit = sys.argv[1].split("|")
import sqlite3
from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
from PySide6.QtWidgets import QApplication, QMainWindow, QTableView
app = QApplication(sys.argv[:1])
_mark("qt")
conn = sqlite3.connect(path)
rows = conn.execute(
    "SELECT id, nik, kpj, full_name, gender, birth_date, village_code, kecamatan_code, "
    "occupation_id, funding, status, coverage_start, coverage_end FROM worker "
    "ORDER BY name_key, id LIMIT ?", (int(limit),)
).fetchall()
_mark("read")

class Rows(QAbstractTableModel):
    def rowCount(self, parent=QModelIndex()):
        return 0 if parent.isValid() else len(rows)

    def columnCount(self, parent=QModelIndex()):
        return 0 if parent.isValid() else 13

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.DisplayRole:
            value = rows[index.row()][index.column()]
            return "" if value is None else str(value)
        return None

window = QMainWindow()
view = QTableView()
view.setModel(Rows())
window.setCentralWidget(view)
window.resize(1280, 800)
_mark("built")
window.show()
_mark("shown")
_wait(app, lambda: [window])
"""
)


@dataclass
class Run:
    wall_s: float
    rss_mb: float
    detail: str


def _child_env(home: Path) -> dict[str, str]:
    env = dict(os.environ)
    env["QT_QPA_PLATFORM"] = "offscreen"
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    # Logs and per-workstation settings go to a throw-away home, not the user's.
    for name in ("HOME", "XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME"):
        env[name] = str(home / name.lower())
    env.pop("SIRENTAN_DATABASE_URL", None)
    return env


def _launch(code: str, argument: str, env: dict[str, str]) -> Run:
    start = time.perf_counter()
    child = subprocess.Popen(
        [sys.executable, "-c", code, argument],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
        cwd=str(ROOT),
    )
    try:
        assert child.stdout is not None
        for text in child.stdout:
            if text.startswith("READY"):
                wall = time.perf_counter() - start
                child.wait(timeout=CHILD_TIMEOUT_S)
                rss_kb = int(text.split("rss_kb=")[1].split()[0])
                return Run(wall, rss_kb / 1024, text.strip())
            if text.startswith("TIMEOUT"):
                break
        child.wait(timeout=CHILD_TIMEOUT_S)
    except subprocess.TimeoutExpired:
        child.kill()
    stderr = child.stderr.read() if child.stderr else ""
    raise RuntimeError(f"child did not show rows (exit {child.returncode}):\n{stderr[-3000:]}")


def _measure(label: str, code: str, argument: str, env: dict[str, str], runs: int) -> list[Run]:
    _launch(code, argument, env)  # warm-up: .pyc files and the page cache
    results = [_launch(code, argument, env) for _ in range(runs)]
    for run in results:
        print(f"  {label}: {secs(run.wall_s)}, {run.rss_mb:.0f} MB  [{run.detail}]", flush=True)
    return results


def _app_problem() -> str | None:
    path = ROOT / "ui" / "gui" / "app.py"
    if not path.exists():
        return f"{path} does not exist yet: the GUI start-up cannot be measured."
    source = path.read_text(encoding="utf-8")
    missing = [name for name in ("def build_main_window",) if name not in source]
    if missing:
        return f"{path} has no {' / '.join(m[4:] for m in missing)}: cannot measure start-up."
    return None


def main() -> int:
    def runs(parser: argparse.ArgumentParser) -> None:
        parser.add_argument("--runs", type=int, default=3, help="measured launches per variant")

    args = parse_args(__doc__.splitlines()[0], pg=False, extra=runs)
    heading(f"start-up: {args.rows:,} workers (SQLite), Python {python_version()}")
    cached = cached_sqlite_demo(args.rows, args.seed, args.fresh)
    problem = _app_problem()
    with tempfile.TemporaryDirectory(prefix="startup_", dir=WORK_DIR) as scratch:
        home = Path(scratch)
        database = home / "register.db"
        shutil.copyfile(cached, database)
        env = _child_env(home)
        url = f"sqlite:///{database}"
        results: dict[str, list[Run]] = {}
        if problem is None:
            results["app (build_main_window)"] = _measure("app", _APP, url, env, args.runs)
        results["bare QTableView, all rows"] = _measure(
            "bare", _BARE, f"{database}|-1", env, args.runs
        )
        results["bare QTableView, first 200"] = _measure(
            "bare200", _BARE, f"{database}|200", env, args.runs
        )

    heading(f"results (median of {args.runs} launches; max in brackets)")
    ok = True
    bare = statistics.median(r.wall_s for r in results["bare QTableView, all rows"])
    floor = statistics.median(r.wall_s for r in results["bare QTableView, first 200"])
    for label, runs_ in results.items():
        wall = statistics.median(r.wall_s for r in runs_)
        worst = max(r.wall_s for r in runs_)
        memory = max(r.rss_mb for r in runs_)
        is_app = not label.startswith("bare")
        note = f"[{secs(worst)}] x{wall / bare:.2f} of bare, x{wall / floor:.2f} of floor"
        if is_app:
            note += f"  {verdict(wall < TARGET_S)} (< {TARGET_S} s)"
            ok &= wall < TARGET_S and memory < TARGET_MB
        line(f"{label}: to first rows", secs(wall), note)
        mem_note = f"{verdict(memory < TARGET_MB)} (< {TARGET_MB:.0f} MB)" if is_app else ""
        line(f"{label}: peak RSS", f"{memory:.0f} MB", mem_note)
    if problem is not None:
        print(f"\nFAIL: {problem}", file=sys.stderr)
        return 2
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
