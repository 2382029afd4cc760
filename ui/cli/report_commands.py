"""`report NAME [--period YYYY-MM|YYYY] [--kecamatan CODE] [--village CODE] [--funding F]
-o OUT.xlsx|OUT.pdf`."""

from __future__ import annotations

import argparse
from pathlib import Path

from models.enums import FundingSource, ReportKind
from services.text.money import number
from ui.cli.signin import add_user_option, signed_in

HELP = {
    ReportKind.RECAP: "rekap kepesertaan per kecamatan dan desa",
    ReportKind.VILLAGE_LIST: "daftar peserta per desa untuk ditandatangani kepala desa",
    ReportKind.PREMIUM: "iuran bulanan, rekonsiliasi tagihan, anggaran",
    ReportKind.CLAIMS: "klaim dalam satu periode",
    ReportKind.DATA_QUALITY: "mutu data: NIK, KPJ, desa, data ganda, ahli waris",
}


def add_commands(commands: argparse._SubParsersAction) -> None:
    report = commands.add_parser(
        "report",
        help="tulis laporan ke .xlsx atau .pdf",
        description="Laporan: "
        + "; ".join(f"{kind.value} = {text}" for kind, text in HELP.items())
        + ".",
    )
    report.add_argument("name", choices=[k.value for k in ReportKind], metavar="NAMA")
    report.add_argument("-o", "--output", type=Path, required=True, metavar="BERKAS.xlsx|.pdf")
    report.add_argument(
        "--period",
        metavar="YYYY-MM",
        help="bulan (2026-07) atau tahun (2026); bawaan: bulan ini (iuran), tahun ini (klaim)",
    )
    report.add_argument("--kecamatan", metavar="KODE", help="kode kecamatan, mis. 53.03.05")
    report.add_argument("--village", metavar="KODE", help="kode desa, mis. 53.03.05.1002")
    report.add_argument("--funding", choices=[f.value for f in FundingSource])
    add_user_option(report)
    report.set_defaults(handler=_report)


def _report(args: argparse.Namespace) -> int:
    from services.reports import Period, ReportFilter
    from services.reports.service import write_report

    ctx = signed_in(args)
    report_filter = ReportFilter(
        period=Period.parse(args.period) if args.period else None,
        kecamatan_code=args.kecamatan,
        village_code=args.village,
        funding=FundingSource(args.funding) if args.funding else None,
    )
    result = write_report(ctx, ReportKind(args.name), args.output, report_filter)
    unit = "halaman" if result.path.suffix.lower() == ".pdf" else "lembar"
    print(
        f"{result.report.title} ditulis ke {result.path}: {result.pages} {unit}, "
        f"{number(result.report.row_count)} {result.report.row_unit}."
    )
    return 0
