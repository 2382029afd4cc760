"""What the database's audit triggers cost: demo data and a 15,000-row import on SQLite.

Run once on a checkout without the triggers and once with them (each with its own
SIRENTAN_BENCH_DIR, so the migrated template is its own), and compare the two runs:

    SIRENTAN_BENCH_DIR=/tmp/b_before python benchmarks/bench_audit.py [--rows 15000]

Figures: generate_demo_workers for --rows workers; the same workers written as a village
list .xlsx, then read + dry run + commit_import into an empty register; the audit entries
each left behind.
"""

from __future__ import annotations

import sqlite3
import time
from datetime import date
from pathlib import Path

from _common import WORK_DIR, empty_database, heading, line, parse_args, secs

from services.workers.demo_data import generate_demo_workers

HEADER = [
    "NIK", "Nama Lengkap", "Tempat Lahir", "Tgl Lahir", "L/P", "Alamat", "RT", "RW", "Desa",
    "Kecamatan", "Pekerjaan", "No HP", "No. KK", "No. KPJ",
]  # fmt: skip


def _village_list(database: Path, target: Path) -> None:
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell

    conn = sqlite3.connect(database)
    regions = dict(conn.execute("SELECT code, name FROM region"))
    occupations = dict(conn.execute("SELECT id, name FROM occupation"))
    records = conn.execute(
        "SELECT nik, full_name, birth_place, birth_date, gender, address, rt, rw, village_code, "
        "kecamatan_code, occupation_id, phone, kk_number, kpj FROM worker ORDER BY id"
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
    workbook.save(target)


def _audit_rows(path: Path) -> int:
    conn = sqlite3.connect(path)
    try:
        return conn.execute("SELECT count(*) FROM audit_log").fetchone()[0]
    finally:
        conn.close()


def main() -> int:
    from services.excel_import import commit_import, dry_run, read_import_file
    from services.workers.regions import RegionDirectory

    args = parse_args(__doc__.splitlines()[0], pg=False)
    rows = args.rows
    heading(f"audit cost on SQLite: {rows:,} workers")
    target = WORK_DIR / f"audit_list_{rows}.xlsx"
    with empty_database("sqlite", "audit_demo") as db:
        start = time.perf_counter()
        generate_demo_workers(db.ctx, rows, seed=args.seed)
        demo_s = time.perf_counter() - start
        assert db.path is not None
        demo_entries = _audit_rows(db.path)
        _village_list(db.path, target)
    with empty_database("sqlite", "audit_import") as db:
        regions = RegionDirectory(db.ctx)
        source = read_import_file(target)
        dry_run(db.ctx, source, regions=regions)
        start = time.perf_counter()
        result = commit_import(db.ctx, source, regions=regions)
        commit_s = time.perf_counter() - start
        assert db.path is not None
        import_entries = _audit_rows(db.path)
    line("generate_demo_workers", secs(demo_s), f"{demo_entries:,} audit entries")
    line("commit_import (one transaction)", secs(commit_s), f"{import_entries:,} audit entries")
    line("rows inserted by the import", f"{result.inserted:,}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
