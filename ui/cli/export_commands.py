"""`export-workers -o FILE.xlsx [--format list|bpjs|village|recap] [filters]`."""

from __future__ import annotations

import argparse
from pathlib import Path

from models.enums import ExportFormat, WorkerStatus
from ui.cli.options import parse_cli_date
from ui.cli.signin import add_user_option, signed_in


def add_commands(commands: argparse._SubParsersAction) -> None:
    export = commands.add_parser("export-workers", help="ekspor peserta ke berkas .xlsx")
    export.add_argument("-o", "--output", type=Path, required=True, metavar="BERKAS.xlsx")
    export.add_argument(
        "--format",
        choices=[f.value for f in ExportFormat],
        default=ExportFormat.LIST.value,
        help="list (daftar), bpjs (pendaftaran kolektif), village (per desa), recap (rekap)",
    )
    export.add_argument("--kecamatan", metavar="KODE", help="kode kecamatan, mis. 53.03.05")
    export.add_argument("--village", metavar="KODE", help="kode desa, mis. 53.03.05.1002")
    export.add_argument("--status", choices=[s.value for s in WorkerStatus])
    # The BPJS list and the surat pengantar pendaftaran take the same period and date.
    export.add_argument(
        "--from",
        dest="date_from",
        type=parse_cli_date,
        metavar="YYYY-MM-DD",
        help="bpjs: mulai dilindungi sejak (seperti surat pengantar pendaftaran)",
    )
    export.add_argument(
        "--to",
        dest="date_to",
        type=parse_cli_date,
        metavar="YYYY-MM-DD",
        help="bpjs: mulai dilindungi sampai dengan",
    )
    export.add_argument(
        "--date",
        type=parse_cli_date,
        metavar="YYYY-MM-DD",
        help="tanggal keadaan daftar (bawaan: hari ini)",
    )
    add_user_option(export)
    export.set_defaults(handler=_export)


def _export(args: argparse.Namespace) -> int:
    from services.excel_export import FORMAT_LABELS, export_workers
    from services.workers.types import WorkerQuery

    ctx = signed_in(args)
    query = WorkerQuery(
        kecamatan_code=args.kecamatan,
        village_code=args.village,
        status=WorkerStatus(args.status) if args.status else None,
    )
    fmt = ExportFormat(args.format)
    if (args.date_from is None) != (args.date_to is None) or (
        args.date_from is not None and fmt is not ExportFormat.BPJS
    ):
        raise SystemExit("--from dan --to diisi bersama, hanya untuk --format bpjs.")
    started = (args.date_from, args.date_to) if args.date_from is not None else None
    result = export_workers(ctx, args.output, query, fmt, today=args.date, started=started)
    label = FORMAT_LABELS[fmt]
    print(
        f"{label[0].upper()}{label[1:]} ditulis ke {result.path}: {result.rows} peserta, "
        f"{result.sheets} lembar."
    )
    return 0
