"""Process start to Beranda and on to the worker list's first rows, 150,000 workers (SQLite).

Each measurement is a fresh ``python -c`` process under QT_QPA_PLATFORM=offscreen;
the clock runs in this script from spawning the process until the child prints
a line (PAINTED, READY), so interpreter start and every import are included.
The child also reports its peak resident memory (VmHWM) at READY.

- app: imports ui.gui.app, opens the register as a signed-in operator (the
  real entry point stops at the login dialog, which a script cannot type
  into), ``build_main_window(ctx)``, shows it and waits until Beranda (the
  dashboard, the first screen) has painted: PAINTED. Then, as a clerk going
  straight on to the workers, it switches to Peserta and waits
  (processEvents loop) until the worker table's model has rows and the first
  row's data has been read: READY. Beranda's figures are being read in the
  background meanwhile, as they are for the clerk;
- beranda: the same up to PAINTED, then the clerk stays on Beranda: READY
  when its figures (tiles) have arrived and painted;
- signin: the real entry point ``ui.gui.app.run_gui(url)`` (logging, the
  error hook, the launcher, the register opened and checked for accounts)
  until the sign-in dialog has painted: the very first screen, before the
  clerk types (the register copy has one account, as a register in use does);
- bare: QApplication + QMainWindow + QTableView over a plain table model
  holding all rows, read with sqlite3 from the same file: what "just show
  the table" costs with the bare libraries;
- bare200: the same with only the first 200 rows (one page): the floor set
  by the interpreter, Qt and sqlite3 alone.

Targets (the app's first rows): under 0.8 s and peak memory under 250 MB.

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

def _peak_rss_kb():
    # VmHWM, not ru_maxrss: Linux carries ru_maxrss over from the parent across
    # fork and exec, so a child of a large benchmark process would report the
    # parent's peak instead of its own.
    try:
        with open("/proc/self/status") as status:
            for text in status:
                if text.startswith("VmHWM:"):
                    return int(text.split()[1])
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss

def _marks():
    return " ".join(f"{k}={v:.3f}" for k, v in MARKS.items())

def _finish(text):
    # cpu: the process's CPU seconds (every thread), steadier than the wall clock
    # on a machine others are using.
    cpu = time.process_time()
    print(f"READY rss_kb={_peak_rss_kb()} cpu={cpu:.3f} {text} {_marks()}", flush=True)
    os._exit(0)

def _report(view):
    from PySide6.QtWidgets import QApplication
    model = view.model()
    first = model.data(model.index(0, 0))
    QApplication.processEvents()
    _mark("rows")
    _finish(f"model={type(model).__name__} rows={model.rowCount()} first={first!r}")

def _watch_paint(widget):
    # A flag set by the widget's next paint event (the offscreen platform paints too).
    from PySide6.QtCore import QEvent, QObject

    class Painted(QObject):
        seen = False

        def eventFilter(self, watched, event):
            if event.type() == QEvent.Type.Paint:
                self.seen = True
            return False

    painted = Painted(widget)
    widget.installEventFilter(painted)
    return painted

def _until(app, done, what, limit=30.0):
    deadline = time.perf_counter() + limit
    while time.perf_counter() < deadline:
        app.processEvents()
        if done():
            return
        time.sleep(0.0005)
    print(f"TIMEOUT {what}", flush=True)
    os._exit(3)

def _wait(app, widgets):
    found = []

    def shows_rows():
        found.append(_view_with_rows(widgets()))
        return found[-1] is not None

    _until(app, shows_rows, "no item view with rows")
    _report(found[-1])
"""

_SHOW_BERANDA = r"""
url = sys.argv[1]
from PySide6.QtWidgets import QApplication
app = QApplication(sys.argv[:1])
_mark("qt")
from ui.gui.window_setup import build_main_window
from services.core.bootstrap import open_register
_mark("imports")
from models.enums import Role
from services.core.permissions import Principal
ctx = open_register(url)
# As the signed-in clerk the login dialog would have made (it cannot be typed here).
ctx.principal = Principal(user_id=0, username="bench", full_name="Bench", role=Role.OPERATOR)
window = build_main_window(ctx)
_mark("built")
beranda = window.panel(window.section_titles()[0])
painted = _watch_paint(beranda)
window.show()
_mark("shown")
_until(app, lambda: painted.seen, "Beranda did not paint")
_mark("painted")
print(f"PAINTED {type(beranda).__name__} {_marks()}", flush=True)
"""

_APP = (
    _PROBE
    + _SHOW_BERANDA
    + r"""
# The clerk goes straight on to Peserta.
window.show_section("Peserta")
_wait(app, lambda: [window])
"""
)

_BERANDA = (
    _PROBE
    + _SHOW_BERANDA
    + r"""
# The clerk stays on Beranda until its figures have arrived and painted.
_until(app, lambda: beranda.figures is not None, "Beranda's figures did not arrive")
_mark("figures")
painted.seen = False
_until(app, lambda: painted.seen, "Beranda's figures did not paint")
_mark("figures_painted")
_finish(f"stamp={beranda.stamp.text()!r}")
"""
)

_SIGNIN = (
    _PROBE
    + r"""
url = sys.argv[1]
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QDialog
app = QApplication(sys.argv[:1])
_mark("qt")
import ui.gui.app as gui
_mark("imports")
shown = {}

def _look():
    # Runs in the sign-in dialog's own event loop: finish once it has painted.
    for top in QApplication.topLevelWidgets():
        if isinstance(top, QDialog) and top.isVisible():
            if top not in shown:
                shown[top] = _watch_paint(top)
            elif shown[top].seen:
                _mark("painted")
                _finish(f"dialog={type(top).__name__}")
    QTimer.singleShot(1, _look)

QTimer.singleShot(0, _look)
gui.run_gui(url)
print("TIMEOUT run_gui returned without a sign-in dialog", flush=True)
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
    wall_s: float  # to READY: the first rows (app, bare) or Beranda's figures (beranda)
    rss_mb: float
    cpu_s: float  # the child's CPU time to READY, all threads
    detail: str
    painted_s: float | None = None  # to PAINTED: Beranda's first paint


def _child_env(home: Path) -> dict[str, str]:
    env = dict(os.environ)
    env["QT_QPA_PLATFORM"] = "offscreen"
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    # Logs and per-workstation settings go to a throw-away home, not the user's.
    for name in ("HOME", "XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME"):
        env[name] = str(home / name.lower())
    env.pop("SIRENTAN_DATABASE_URL", None)
    # An installed app runs from .pyc files, and the warm-up launch is there to write
    # them: a shell's PYTHONDONTWRITEBYTECODE would have every launch compile the
    # app's modules from source again (about 0.1 s of CPU before the first rows).
    env.pop("PYTHONDONTWRITEBYTECODE", None)
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
    painted: float | None = None
    try:
        assert child.stdout is not None
        for text in child.stdout:
            if text.startswith("PAINTED"):
                painted = time.perf_counter() - start
            if text.startswith("READY"):
                wall = time.perf_counter() - start
                child.wait(timeout=CHILD_TIMEOUT_S)
                rss_kb = int(text.split("rss_kb=")[1].split()[0])
                cpu = float(text.split("cpu=")[1].split()[0])
                return Run(wall, rss_kb / 1024, cpu, text.strip(), painted)
            if text.startswith("TIMEOUT"):
                break
        child.wait(timeout=CHILD_TIMEOUT_S)
    except subprocess.TimeoutExpired:
        child.kill()
    stderr = child.stderr.read() if child.stderr else ""
    raise RuntimeError(f"child did not finish (exit {child.returncode}):\n{stderr[-3000:]}")


def _measure(label: str, code: str, argument: str, env: dict[str, str], runs: int) -> list[Run]:
    _launch(code, argument, env)  # warm-up: .pyc files and the page cache
    results = [_launch(code, argument, env) for _ in range(runs)]
    for run in results:
        painted = "" if run.painted_s is None else f"Beranda {secs(run.painted_s)}, "
        print(
            f"  {label}: {painted}{secs(run.wall_s)}, {run.rss_mb:.0f} MB  [{run.detail}]",
            flush=True,
        )
    return results


def _spread(values: list[float]) -> tuple[str, str]:
    """The median, and the range in brackets."""
    return secs(statistics.median(values)), f"[{min(values):.2f}-{max(values):.2f} s]"


def _add_account(url: str) -> None:
    """The sign-in dialog, not the first-administrator one: a register in use has accounts."""
    from models.enums import Role
    from services.accounts.service import NewUser, create_user
    from services.core.bootstrap import open_register

    ctx = open_register(url)
    try:
        create_user(ctx, NewUser("bench", "Bench", Role.ADMIN, "timor-tengah-utara"))
    finally:
        ctx.engine.dispose()


def _app_problem() -> str | None:
    path = ROOT / "ui" / "gui" / "window_setup.py"
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
            results["app"] = _measure("app", _APP, url, env, args.runs)
            results["beranda"] = _measure("beranda", _BERANDA, url, env, args.runs)
            _add_account(url)
            results["signin"] = _measure("signin", _SIGNIN, url, env, args.runs)
        results["bare"] = _measure("bare", _BARE, f"{database}|-1", env, args.runs)
        results["bare200"] = _measure("bare200", _BARE, f"{database}|200", env, args.runs)

    heading(f"results (median of {args.runs} launches; range in brackets)")
    bare = statistics.median(r.wall_s for r in results["bare"])
    floor = statistics.median(r.wall_s for r in results["bare200"])
    ok = True
    if "app" in results:
        app = results["app"]
        line(
            "run_gui: to the sign-in dialog painted",
            *_spread([r.wall_s for r in results["signin"]]),
        )
        painted = [r.painted_s for r in app + results["beranda"] if r.painted_s is not None]
        line("app: to Beranda painted", *_spread(painted))
        wall = statistics.median(r.wall_s for r in app)
        ok = wall < TARGET_S
        median, spread = _spread([r.wall_s for r in app])
        line(
            "app: to first rows (Beranda, then Peserta)",
            median,
            f"{spread} x{wall / bare:.2f} of bare, x{wall / floor:.2f} of floor"
            f"  {verdict(ok)} (< {TARGET_S} s)",
        )
        line(
            "app: CPU to first rows (steadier under load)",
            *_spread([r.cpu_s for r in app]),
        )
        line("beranda: to its figures painted", *_spread([r.wall_s for r in results["beranda"]]))
        memory = max(r.rss_mb for r in app + results["beranda"] + results["signin"])
        ok &= memory < TARGET_MB
        line(
            "app: peak memory",
            f"{memory:.0f} MB",
            f"{verdict(memory < TARGET_MB)} (< {TARGET_MB:.0f} MB)",
        )
    for label, title in (("bare", "all rows"), ("bare200", "first 200")):
        median, spread = _spread([r.wall_s for r in results[label]])
        line(f"bare QTableView, {title}: to first rows", median, spread)
        line(
            f"bare QTableView, {title}: CPU to first rows",
            *_spread([r.cpu_s for r in results[label]]),
        )
        line(
            f"bare QTableView, {title}: peak memory",
            f"{max(r.rss_mb for r in results[label]):.0f} MB",
        )
    if problem is not None:
        print(f"\nFAIL: {problem}", file=sys.stderr)
        return 2
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
