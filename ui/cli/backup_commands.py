"""`backup create | list | restore FILE [--yes]`."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from services.core.errors import SiRentanError
from services.core.permissions import Permission
from services.text.figures import thousands
from ui.cli.signin import add_user_option, signed_in

if TYPE_CHECKING:
    from services.backup.service import BackupInfo


def add_commands(commands: argparse._SubParsersAction) -> None:
    backup = commands.add_parser("backup", help="cadangan basis data")
    sub = backup.add_subparsers(dest="backup_command", metavar="PERINTAH", required=True)

    create = sub.add_parser("create", help="buat cadangan sekarang dan periksa isinya")
    create.add_argument(
        "--folder", type=Path, metavar="FOLDER", help="folder tujuan (bawaan: pengaturan)"
    )
    add_user_option(create)
    create.set_defaults(handler=_create)

    listing = sub.add_parser("list", help="daftar cadangan, terbaru di atas")
    add_user_option(listing)
    listing.set_defaults(handler=_list)

    restore = sub.add_parser("restore", help="pulihkan basis data SQLite dari berkas cadangan")
    restore.add_argument("file", type=Path, metavar="BERKAS")
    restore.add_argument("--yes", action="store_true", help="jangan tanya konfirmasi")
    add_user_option(restore)
    restore.set_defaults(handler=_restore)


def _create(args: argparse.Namespace) -> int:
    from services.backup.service import create_backup

    info = create_backup(signed_in(args), args.folder)
    print(f"Cadangan dibuat dan diperiksa utuh: {info.path}")
    print(f"  {_size(info)}, {_counts(info)}")
    return 0


def _list(args: argparse.Namespace) -> int:
    from services.backup.service import list_backups
    from services.core.office_time import moment_text

    backups = list_backups(signed_in(args))
    if not backups:
        print("Belum ada cadangan.")
    for info in backups:
        when = moment_text(info.created_at)  # on the office's clock, with its name
        print(f"{when}  {_size(info):>9}  {_counts(info):<16} {info.path}")
    return 0


def _restore(args: argparse.Namespace) -> int:
    from services.backup.service import restore_backup, verify_backup

    ctx = signed_in(args)
    ctx.require(Permission.RESTORE_BACKUP)
    if ctx.is_sqlite:
        # Checked before asking: a clerk should not confirm a restore that cannot happen.
        verify_backup(args.file)
        live = Path(ctx.engine.url.database or "")
        question = (
            f"Pulihkan dari {args.file}? Basis data saat ini disimpan dulu sebagai "
            f"{live.name}.sebelum-pulih-<tanggal-jam> di {live.parent} [y/N] "
        )
        if not args.yes and not _confirmed(question):
            print("Tidak dipulihkan; basis data tidak diubah.")
            return 1
    aside = restore_backup(ctx, args.file)
    print(f"Basis data dipulihkan dari {args.file}.")
    print(f"Basis data sebelumnya disimpan sebagai {aside}")
    return 0


NEEDS_CONFIRMATION = (
    "Pemulihan perlu konfirmasi: jalankan perintah ini di terminal, atau tambahkan --yes."
)


def _confirmed(question: str) -> bool:
    if not sys.stdin.isatty():
        raise SiRentanError(NEEDS_CONFIRMATION)
    try:
        return input(question).strip().lower() in {"y", "ya", "yes"}
    except EOFError:
        # Nothing to read although "a terminal": Windows calls the NUL device one.
        raise SiRentanError(NEEDS_CONFIRMATION) from None


def _size(info: BackupInfo) -> str:
    return f"{info.size_bytes / 1_000_000:.1f} MB".replace(".", ",")


def _counts(info: BackupInfo) -> str:
    workers = info.counts.get("worker")
    return "-" if workers is None else f"{thousands(workers)} peserta"
