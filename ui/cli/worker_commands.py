"""`workers search`."""

from __future__ import annotations

import argparse
import json

from services.labels import FUNDING, WORKER_STATUS
from services.worker_types import WorkerQuery, WorkerRow
from services.workers import WorkerService
from ui.cli.options import bounded_int
from ui.cli.signin import add_user_option, signed_in


def register(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    workers = commands.add_parser("workers", help="register peserta")
    sub = workers.add_subparsers(dest="workers_command", metavar="PERINTAH", required=True)
    search = sub.add_parser("search", help="cari peserta menurut NIK/KPJ (awalan) atau nama")
    search.add_argument("text", metavar="TEKS")
    search.add_argument("--limit", type=bounded_int(1, 1000, "batas"), default=50)
    search.add_argument("--json", action="store_true", help="keluaran JSON")
    add_user_option(search)
    search.set_defaults(handler=_search)


def _search(args: argparse.Namespace) -> int:
    ctx = signed_in(args)
    page = WorkerService(ctx).search(WorkerQuery(text=args.text, limit=args.limit))
    if args.json:
        print(json.dumps({"total": page.total, "rows": [_as_json(r) for r in page.rows]}, indent=2))
        return 0
    for row in page.rows:
        print(
            f"{row.nik}  {row.kpj or '-':<11}  {row.full_name:<32.32}  "
            f"{row.village_name:<20.20}  {WORKER_STATUS[row.status]:<9}  {FUNDING[row.funding]}"
        )
    shown = len(page.rows)
    print(
        f"{page.total} peserta ditemukan"
        + (f", {shown} ditampilkan." if shown < page.total else ".")
    )
    return 0


def _as_json(row: WorkerRow) -> dict[str, object]:
    return {
        "id": row.id,
        "nik": row.nik,
        "kpj": row.kpj,
        "full_name": row.full_name,
        "gender": row.gender.value,
        "birth_date": row.birth_date.isoformat(),
        "village": row.village_name,
        "kecamatan": row.kecamatan_name,
        "occupation": row.occupation_name,
        "funding": row.funding.value,
        "status": row.status.value,
        "coverage_start": row.coverage_start.isoformat() if row.coverage_start else None,
        "coverage_end": row.coverage_end.isoformat() if row.coverage_end else None,
    }
