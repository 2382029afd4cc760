"""`import-workers FILE`, `import-approve BATCH`, `import-undo BATCH`, `import-batches`."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from models.enums import FundingSource, OnExisting
from services.core.paths import command_prefix
from ui.cli.options import parse_cli_date, record_id
from ui.cli.signin import add_user_option, signed_in

if TYPE_CHECKING:
    from services.excel_import import ImportResult
    from services.excel_import.types import SourceTable


def add_commands(commands: argparse._SubParsersAction) -> None:
    run = commands.add_parser(
        "import-workers", help="impor peserta dari berkas .xlsx atau .csv (satu transaksi)"
    )
    run.add_argument("file", type=Path, metavar="BERKAS")
    run.add_argument(
        "--sheet", metavar="NAMA", help="nama lembar (bawaan: lembar pertama berisi daftar)"
    )
    run.add_argument(
        "--on-existing",
        choices=[o.value for o in OnExisting],
        default=OnExisting.SKIP.value,
        help="NIK yang sudah terdaftar: lewati (skip, bawaan) atau perbarui (update)",
    )
    run.add_argument(
        "--funding",
        choices=[f.value for f in FundingSource],
        default=FundingSource.APBD_KABUPATEN.value,
        help="sumber dana bila kolomnya tidak ada atau kosong (bawaan: apbd_kab)",
    )
    run.add_argument(
        "--coverage-start",
        type=parse_cli_date,
        metavar="YYYY-MM-DD",
        help="mulai kepesertaan bagi baris tanpa kolom Mulai kepesertaan/TMT "
        "(tanpa ini: peserta baru belum terlindungi)",
    )
    run.add_argument("--dry-run", action="store_true", help="periksa saja, jangan simpan")
    run.add_argument("--report", type=Path, metavar="HASIL.xlsx", help="tulis laporan per baris")
    run.add_argument("--json", action="store_true", help="keluaran JSON")
    add_user_option(run)
    run.set_defaults(handler=_import)

    approve = commands.add_parser("import-approve", help="setujui impor besar (verifikator/admin)")
    approve.add_argument("batch", type=record_id, metavar="NOMOR")
    add_user_option(approve)
    approve.set_defaults(handler=_approve)

    undo = commands.add_parser("import-undo", help="batalkan seluruh impor")
    undo.add_argument("batch", type=record_id, metavar="NOMOR")
    add_user_option(undo)
    undo.set_defaults(handler=_undo)

    batches = commands.add_parser("import-batches", help="daftar impor, terbaru di atas")
    add_user_option(batches)
    batches.set_defaults(handler=_batches)


def _import(args: argparse.Namespace) -> int:
    from services.excel_import import (
        ApprovalRequiredError,
        ImportOptions,
        commit_import,
        dry_run,
        read_import_file,
    )

    ctx = signed_in(args)
    source = read_import_file(args.file, args.sheet)
    options = ImportOptions(
        on_existing=OnExisting(args.on_existing),
        default_funding=FundingSource(args.funding),
        coverage_start=args.coverage_start,
    )
    refused: ApprovalRequiredError | None = None
    if args.dry_run:
        result = dry_run(ctx, source, options=options)
    else:
        try:
            result = commit_import(ctx, source, options=options)
        except ApprovalRequiredError as error:
            if error.result is None:
                raise
            refused, result = error, error.result
    _show(result, source, args)
    if refused is not None:
        print(refused.message, file=sys.stderr)
        return 1
    return 0


def _show(result: ImportResult, source: SourceTable, args: argparse.Namespace) -> None:
    from services.excel_import import STATUS_LABELS, RowStatus, write_report

    # Printed per row in the plain-text summary; new rows are only counted.
    listed = (RowStatus.REJECTED, RowStatus.WARNING, RowStatus.UPDATE)
    if args.report is not None:
        write_report(result, source, args.report)
    if args.json:
        print(json.dumps(_as_json(result), ensure_ascii=False, indent=2))
        return
    for row in result.rows:
        if row.status in listed:
            print(f"Baris {row.row}: {STATUS_LABELS[row.status]} ({row.nik or '-'})")
            for message in row.messages:
                print(f"  - {message}")
    counts = result.counts
    print(
        f"{result.file_name}: {counts.new} baru, {counts.update} sudah terdaftar, "
        f"{counts.warning} dengan catatan, {counts.rejected} ditolak, {counts.ignored} dilewati."
    )
    if result.committed:
        print(
            f"Disimpan sebagai impor #{result.batch_id}: {result.inserted} peserta baru, "
            f"{result.updated} diperbarui, {result.twins_recorded} pasangan data kembar dicatat."
        )
    elif args.dry_run:
        print(f"Pratinjau saja (impor #{result.batch_id}); belum ada yang disimpan.")
        if result.needs_approval and not result.approved:
            print(
                f"Impor ini perlu persetujuan verifikator: {command_prefix()} import-approve "
                f"{result.batch_id}"
            )
    if args.report is not None:
        print(f"Laporan per baris: {args.report}")


def _as_json(result: ImportResult) -> dict[str, object]:
    return {
        "counts": result.counts.as_dict(),
        "rows": [
            {"row": r.row, "status": r.status.value, "nik": r.nik, "messages": list(r.messages)}
            for r in result.rows
        ],
    }


def _approve(args: argparse.Namespace) -> int:
    from services.excel_import import approve_import

    info = approve_import(signed_in(args), args.batch)
    print(f"Impor #{info.id} ({info.file_name}) disetujui; operator dapat menyimpannya sekarang.")
    return 0


def _undo(args: argparse.Namespace) -> int:
    from services.excel_import import undo_import

    done = undo_import(signed_in(args), args.batch)
    print(
        f"Impor #{done.batch_id} dibatalkan: {done.deleted} peserta baru dihapus, "
        f"{done.restored} peserta dikembalikan ke data sebelumnya."
    )
    return 0


def _batches(args: argparse.Namespace) -> int:
    from services.core.office_time import moment_text
    from services.excel_import import list_batches
    from services.excel_import.batches import STATUS_LABELS as BATCH_STATUS

    batches = list_batches(signed_in(args))
    if not batches:
        print("Belum ada impor.")
    for b in batches:
        when = moment_text(b.created_at)  # on the office's clock, with its name
        print(
            f"#{b.id:<5} {when}  {b.created_by or '-':<12} {BATCH_STATUS[b.status]:<32} "
            f"{b.inserted:>6} baru {b.updated:>6} ubah  {b.file_name}"
        )
    return 0
