"""`export-workers -o FILE.xlsx [--format list|bpjs|village|recap] [filters]`."""

from __future__ import annotations

import argparse
from pathlib import Path

from models.enums import WorkerStatus
from services.excel_export import FORMAT_LABELS, ExportFormat, export_workers
from services.workers.types import WorkerQuery
from ui.cli.signin import add_user_option, signed_in


def register(commands: argparse._SubParsersAction) -> None:
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
    add_user_option(export)
    export.set_defaults(handler=_export)


def _export(args: argparse.Namespace) -> int:
    ctx = signed_in(args)
    query = WorkerQuery(
        kecamatan_code=args.kecamatan,
        village_code=args.village,
        status=WorkerStatus(args.status) if args.status else None,
    )
    fmt = ExportFormat(args.format)
    result = export_workers(ctx, args.output, query, fmt)
    label = FORMAT_LABELS[fmt]
    print(
        f"{label[0].upper()}{label[1:]} ditulis ke {result.path}: {result.rows} peserta, "
        f"{result.sheets} lembar."
    )
    return 0
