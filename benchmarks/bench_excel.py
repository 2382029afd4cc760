"""Excel import and export against the bare readers and writer on the same files.

Files: 15,000 and 150,000 demo workers written as a village list would be
(14 columns: NIK as text, dates as dates). Figures, each in a fresh child
process so its peak memory is its own:

1. bare readers on the 15,000-row file: python-calamine, openpyxl read-only;
2. the import on an empty register: read_import_file + dry_run, then
   read_import_file + commit_import (one transaction), on SQLite and PostgreSQL;
3. the same for 150,000 rows (SQLite; PostgreSQL too with --pg-large);
4. export of the 15,000 imported workers (list format) beside a bare openpyxl
   write-only write of the very same cells (read back from that export, dates
   with the same number format).

Targets: 15,000 rows (dry run + commit) under 3 s on SQLite and 5 s on PostgreSQL,
peak memory under 300 MB; 150,000 rows under 30 s; export within 1.3x the bare write.

    python benchmarks/bench_excel.py [--no-pg] [--pg-large] [--repeat 3]
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import subprocess
import sys
import time
from datetime import date, datetime
from pathlib import Path
from typing import Any

from _common import (
    WORK_DIR,
    cached_sqlite_demo,
    empty_database,
    heading,
    line,
    python_version,
    ratio,
    secs,
    verdict,
)

SMALL, LARGE = 15_000, 150_000
SEED = 2025
IMPORT_SQLITE_S, IMPORT_PG_S, LARGE_S = 3.0, 5.0, 30.0
MEMORY_MB = 300.0
EXPORT_RATIO = 1.3
HEADER = [
    "NIK",
    "Nama Lengkap",
    "Tempat Lahir",
    "Tgl Lahir",
    "L/P",
    "Alamat",
    "RT",
    "RW",
    "Desa",
    "Kecamatan",
    "Pekerjaan",
    "No HP",
    "No. KK",
    "No. KPJ",
]


def _peak_mb() -> float:
    """This process's own peak (VmHWM starts again at exec; ru_maxrss keeps the parent's)."""
    try:
        for text in Path("/proc/self/status").read_text().splitlines():
            if text.startswith("VmHWM:"):
                return int(text.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


# -- the files ------------------------------------------------------------------------


def _village_list(rows: int) -> Path:
    """An .xlsx of ``rows`` demo workers (cached under WORK_DIR)."""
    path = WORK_DIR / f"import_{rows}_{SEED}.xlsx"
    if path.exists():
        return path
    import sqlite3

    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell

    database = cached_sqlite_demo(LARGE, SEED)
    conn = sqlite3.connect(database)
    regions = dict(conn.execute("SELECT code, name FROM region WHERE code LIKE '53.03.%'"))
    occupations = dict(conn.execute("SELECT id, name FROM occupation"))
    records = conn.execute(
        "SELECT nik, full_name, birth_place, birth_date, gender, address, rt, rw, village_code, "
        "kecamatan_code, occupation_id, phone, kk_number, kpj FROM worker ORDER BY id LIMIT ?",
        (rows,),
    ).fetchall()
    conn.close()
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Daftar")
    sheet.append(HEADER)
    for r in records:
        born = WriteOnlyCell(sheet, value=date.fromisoformat(r[3]))
        born.number_format = "dd-mm-yyyy"
        village, kecamatan, occupation = regions[r[8]], regions[r[9]], occupations[r[10]]
        sheet.append([*r[:3], born, *r[4:8], village, kecamatan, occupation, *r[11:]])
    scratch = path.with_suffix(".tmp.xlsx")
    workbook.save(scratch)
    scratch.replace(path)
    return path


# -- child processes: one measurement each ------------------------------------------------


def _child(args: list[str]) -> dict[str, Any]:
    command = [sys.executable, str(Path(__file__).resolve()), "--child", *args]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        print(done.stdout, done.stderr, file=sys.stderr)
        raise SystemExit(2)
    return json.loads(done.stdout.strip().splitlines()[-1])


def _bare_calamine(path: str) -> dict[str, Any]:
    import python_calamine

    start = time.perf_counter()
    workbook = python_calamine.CalamineWorkbook.from_path(path)
    rows = workbook.get_sheet_by_index(0).to_python(skip_empty_area=False)
    return {"seconds": time.perf_counter() - start, "rows": len(rows), "mb": _peak_mb()}


def _bare_openpyxl(path: str) -> dict[str, Any]:
    import openpyxl

    start = time.perf_counter()
    workbook = openpyxl.load_workbook(path, read_only=True)
    rows = list(workbook.active.iter_rows(values_only=True))
    workbook.close()
    return {"seconds": time.perf_counter() - start, "rows": len(rows), "mb": _peak_mb()}


def _import(path: str, kind: str, export: bool) -> dict[str, Any]:
    from services.excel_import import commit_import, dry_run, read_import_file
    from services.workers.regions import RegionDirectory

    figures: dict[str, Any] = {}
    with empty_database(kind, "excel") as db:
        regions = RegionDirectory(db.ctx)
        regions.national_kecamatan_codes  # noqa: B018 (loaded once per app session)
        start = time.perf_counter()
        source = read_import_file(path)
        figures["read"] = time.perf_counter() - start
        preview = dry_run(db.ctx, source, regions=regions)
        figures["dry_run"] = time.perf_counter() - start
        # The wizard's way: the same file read once, checked by the dry run, then committed.
        start = time.perf_counter()
        result = commit_import(db.ctx, source, regions=regions)
        figures["commit"] = time.perf_counter() - start
        figures["counts"] = result.counts.as_dict()
        figures["inserted"] = result.inserted
        figures["preview_rejected"] = preview.counts.rejected
        figures["mb"] = _peak_mb()
        if export:
            figures |= _export_pair(db.ctx)
    return figures


def _export_pair(ctx: Any) -> dict[str, Any]:
    from services.excel_export import ExportFormat, export_workers

    target = WORK_DIR / "export_list.xlsx"
    service, bare = [], []
    for _ in range(int(_REPEAT[0])):
        start = time.perf_counter()
        result = export_workers(ctx, target, fmt=ExportFormat.LIST)
        service.append(time.perf_counter() - start)
        bare.append(_bare_write(target))
    return {
        "export": statistics.median(service),
        "bare_write": statistics.median(bare),
        "export_rows": result.rows,
    }


def _bare_write(exported: Path) -> float:
    """openpyxl write-only writing the very cells of ``exported`` (dates formatted alike)."""
    import openpyxl
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell

    source = openpyxl.load_workbook(exported, read_only=True)
    rows = [list(r) for r in source.active.iter_rows(values_only=True)]
    source.close()
    target = WORK_DIR / "bare_write.xlsx"
    start = time.perf_counter()
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Daftar peserta")
    for values in rows:
        cells: list[Any] = []
        for value in values:
            if isinstance(value, datetime):
                cell = WriteOnlyCell(sheet, value=value.date())
                cell.number_format = "dd-mm-yyyy"
                cells.append(cell)
            else:
                cells.append(value)
        sheet.append(cells)
    workbook.save(target)
    return time.perf_counter() - start


_REPEAT = ["3"]


def child_main(argv: list[str]) -> int:
    what, path = argv[0], argv[1]
    if what == "calamine":
        figures = _bare_calamine(path)
    elif what == "openpyxl":
        figures = _bare_openpyxl(path)
    else:
        _REPEAT[0] = argv[3] if len(argv) > 3 else "3"
        figures = _import(path, argv[2], export=what == "import+export")
    print(json.dumps(figures))
    return 0


# -- the report -----------------------------------------------------------------------


def _import_lines(label: str, figures: dict[str, Any], target: float) -> bool:
    total = figures["dry_run"] + figures["commit"]
    line(f"{label}: read file", secs(figures["read"]))
    line(f"{label}: read + dry run", secs(figures["dry_run"]))
    line(f"{label}: commit, same source (one transaction)", secs(figures["commit"]))
    ok_time = total < target
    line(f"{label}: dry run + commit < {target:.0f} s", secs(total), verdict(ok_time))
    ok_memory = figures["mb"] < MEMORY_MB
    line(
        f"{label}: peak memory < {MEMORY_MB:.0f} MB", f"{figures['mb']:.0f} MB", verdict(ok_memory)
    )
    line(f"{label}: rows written", f"{figures['inserted']:,}", str(figures["counts"]))
    return ok_time and ok_memory


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--no-pg", action="store_true", help="SQLite only")
    parser.add_argument("--pg-large", action="store_true", help="150,000 rows on PostgreSQL too")
    parser.add_argument("--repeat", type=int, default=3, help="export runs (median)")
    args = parser.parse_args()
    heading(f"Excel import/export, Python {python_version()}")
    small, large = _village_list(SMALL), _village_list(LARGE)
    print(f"  files: {small} ({small.stat().st_size / 1e6:.1f} MB), {large}", flush=True)

    calamine = _child(["calamine", str(small)])
    bare_openpyxl = _child(["openpyxl", str(small)])
    sqlite = _child(["import+export", str(small), "sqlite", str(args.repeat)])
    postgres = None if args.no_pg else _child(["import", str(small), "postgresql"])
    huge = _child(["import", str(large), "sqlite"])
    huge_pg = _child(["import", str(large), "postgresql"]) if args.pg_large else None

    heading(f"bare readers, {SMALL:,} rows x {len(HEADER)} columns")
    line("python-calamine to_python", secs(calamine["seconds"]), f"{calamine['mb']:.0f} MB peak")
    line(
        "openpyxl read-only iter_rows",
        secs(bare_openpyxl["seconds"]),
        f"{bare_openpyxl['mb']:.0f} MB peak",
    )
    heading(f"import of {SMALL:,} rows into an empty register")
    ok = _import_lines("SQLite", sqlite, IMPORT_SQLITE_S)
    line("SQLite: read file / bare calamine", ratio(sqlite["read"], calamine["seconds"]))
    if postgres is not None:
        ok &= _import_lines("PostgreSQL", postgres, IMPORT_PG_S)
    heading(f"import of {LARGE:,} rows")
    for label, figures in (("SQLite", huge), ("PostgreSQL", huge_pg)):
        if figures is None:
            continue
        total = figures["dry_run"] + figures["commit"]
        line(f"{label}: read + dry run", secs(figures["dry_run"]))
        line(f"{label}: commit, same source", secs(figures["commit"]))
        line(f"{label}: dry run + commit < {LARGE_S:.0f} s", secs(total), verdict(total < LARGE_S))
        line(f"{label}: peak memory", f"{figures['mb']:.0f} MB")
        ok &= total < LARGE_S
    heading(f"export of {sqlite['export_rows']:,} workers (list), median of {args.repeat}")
    line("export_workers (query, scope, audit, file)", secs(sqlite["export"]))
    line("bare openpyxl write-only, same cells", secs(sqlite["bare_write"]))
    export_ratio = sqlite["export"] / sqlite["bare_write"]
    line(
        f"export / bare < {EXPORT_RATIO}",
        f"x{export_ratio:.2f}",
        verdict(export_ratio < EXPORT_RATIO),
    )
    ok &= export_ratio < EXPORT_RATIO
    return 0 if ok else 1


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        raise SystemExit(child_main(sys.argv[2:]))
    raise SystemExit(main())
