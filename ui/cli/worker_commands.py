"""`workers search`, `workers check` (and `workers period|status`: worker_period_commands)."""

from __future__ import annotations

import argparse
import json
from datetime import date
from typing import TYPE_CHECKING

from services.core.paths import command_prefix
from services.text.figures import thousands
from services.text.formatting import short_date
from services.text.labels import FUNDING, WORKER_STATUS
from ui.cli import worker_period_commands
from ui.cli.options import bounded_int, parse_cli_date
from ui.cli.signin import add_user_option, signed_in

if TYPE_CHECKING:
    from services.workers.types import CoverageResult, WorkerPage, WorkerRow


def add_commands(commands: argparse._SubParsersAction) -> None:
    workers = commands.add_parser("workers", help="register peserta")
    sub = workers.add_subparsers(dest="workers_command", metavar="PERINTAH", required=True)
    search = sub.add_parser("search", help="cari peserta menurut NIK/KPJ (awalan) atau nama")
    search.add_argument("text", metavar="TEKS")
    search.add_argument("--limit", type=bounded_int(1, 1000, "batas"), default=50)
    search.add_argument(
        "--hitung-semua",
        action="store_true",
        help="hitung jumlah tepat peserta yang cocok (bawaan: dihitung sampai batas yang "
        "dipakai daftar peserta saat mengetik, lebih dari itu ditulis 'lebih dari')",
    )
    search.add_argument("--json", action="store_true", help="keluaran JSON")
    add_user_option(search)
    search.set_defaults(handler=_search)
    check = sub.add_parser(
        "check", help="cek kepesertaan menurut NIK atau No. KPJ (hari ini atau --date)"
    )
    check.add_argument("number", metavar="NIK|KPJ")
    check.add_argument("--date", type=parse_cli_date, default=None, metavar="YYYY-MM-DD")
    check.add_argument("--json", action="store_true", help="keluaran JSON")
    add_user_option(check)
    check.set_defaults(handler=_check)
    worker_period_commands.add_commands(sub)


def _check(args: argparse.Namespace) -> int:
    """Exit 0 covered, 1 not covered, 2 not registered, 3 not a NIK or KPJ."""
    from services.workers.front_desk import check_coverage, period_words
    from services.workers.regions import RegionDirectory

    ctx = signed_in(args)
    result = check_coverage(ctx, RegionDirectory(ctx), args.number, args.date)
    if args.json:
        print(json.dumps(_check_json(result), indent=2, ensure_ascii=False))
    else:
        print(result.message)
        if result.invalid_number and not any(c.isdigit() for c in args.number):
            # A name, not a number: the front desk's way to the name search.
            print(f'Mencari menurut nama: {command_prefix()} workers search "{args.number}"')
        if result.found:
            lines = [
                ("Nama", result.full_name),
                ("NIK", result.nik),
                ("No. KPJ", result.kpj or "-"),
                ("Desa/Kel.", f"{result.village_name}, Kec. {result.kecamatan_name}"),
                ("Terlindungi", "ya" if result.covered_today else "tidak"),
                ("Status peserta", WORKER_STATUS[result.status] if result.status else "-"),
                ("Sumber dana", FUNDING[result.funding] if result.funding else "-"),
                ("Kepesertaan", period_words(result, short_date)),
            ]
            for label, value in lines:
                print(f"{label:<14} : {value}")
    if result.invalid_number:
        return 3
    if not result.found:
        return 2
    return 0 if result.covered_today else 1


def _check_json(r: CoverageResult) -> dict[str, object]:
    def iso(value: date | None) -> str | None:
        return value.isoformat() if value else None

    return {
        "query": r.query,
        "date": iso(r.day),
        "found": r.found,
        "valid_number": not r.invalid_number,
        "covered": r.covered_today,
        "message": r.message,
        "reason": r.reason,
        "worker_id": r.worker_id,
        "nik": r.nik,
        "kpj": r.kpj,
        "full_name": r.full_name,
        "village": r.village_name,
        "kecamatan": r.kecamatan_name,
        "status": r.status.value if r.status else None,
        "funding": r.funding.value if r.funding else None,
        "period_start": iso(r.coverage_start),
        "period_end": iso(r.coverage_end),
        "open_claim": r.open_claim,
        "deceased_on": iso(r.deceased_on),
    }


def _search(args: argparse.Namespace) -> int:
    from services.workers.service import WorkerService
    from services.workers.types import TYPING_COUNT_LIMIT, WorkerQuery

    ctx = signed_in(args)
    # Counted as the worker list counts while the clerk types, unless asked for all.
    limit = None if args.hitung_semua else TYPING_COUNT_LIMIT
    query = WorkerQuery(text=args.text, limit=args.limit, count_limit=limit)
    page = WorkerService(ctx).search(query)
    if args.json:
        # total_exact false: the search stopped counting, and more than total - 1 match.
        found = {"total": page.total, "total_exact": page.total_exact}
        print(json.dumps(found | {"rows": [_as_json(r) for r in page.rows]}, indent=2))
        return 0
    for row in page.rows:
        print(
            f"{row.nik}  {row.kpj or '-':<11}  {row.full_name:<32.32}  "
            f"{row.village_name:<20.20}  {WORKER_STATUS[row.status]:<9}  {FUNDING[row.funding]}"
        )
    print(_found_line(page))
    return 0


def _found_line(page: WorkerPage) -> str:
    """How many match, worded as the worker list words it ("lebih dari 5.000 peserta")."""
    shown = len(page.rows)
    if page.total == 0:
        return "Tidak ada peserta yang cocok dengan pencarian ini."
    if not page.total_exact:
        return (
            f"Lebih dari {thousands(page.total - 1)} peserta cocok, {thousands(shown)} "
            "ditampilkan. Jumlah tepatnya: tambahkan --hitung-semua."
        )
    listed = f", {thousands(shown)} ditampilkan." if shown < page.total else "."
    return f"{thousands(page.total)} peserta cocok{listed}"


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
