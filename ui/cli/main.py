"""Command line: the same services the GUI calls, for scripts and the server room.

Nothing here imports Qt; `python main.py` with no command hands over to the GUI.
"""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Callable

from services.errors import SiRentanError
from services.local_config import resolve_database_url
from services.logging_setup import configure_logging

log = logging.getLogger(__name__)

Handler = Callable[[argparse.Namespace], int]


def build_parser() -> argparse.ArgumentParser:
    from ui.cli import (
        backup_commands,
        db_commands,
        export_commands,
        import_commands,
        user_commands,
        worker_commands,
    )

    parser = argparse.ArgumentParser(
        prog="python main.py",
        description="SiRentan — Sistem Informasi Pekerja Rentan. Tanpa perintah: membuka aplikasi.",
    )
    parser.add_argument(
        "--database",
        metavar="URL",
        help="alamat basis data (bawaan: SIRENTAN_DATABASE_URL, pengaturan komputer ini, "
        "atau berkas SQLite di folder data pengguna)",
    )
    commands = parser.add_subparsers(dest="command", metavar="PERINTAH")
    db_commands.register(commands)
    worker_commands.register(commands)
    user_commands.register(commands)
    backup_commands.register(commands)
    import_commands.register(commands)
    export_commands.register(commands)
    return parser


def run(argv: list[str]) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    url = resolve_database_url(args.database)
    if args.command is None:
        from ui.gui.app import run_gui

        return run_gui(url)
    configure_logging()
    args.database_url = url
    handler: Handler = args.handler
    try:
        return handler(args)
    except SiRentanError as error:
        print(error.message, file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("Dibatalkan.", file=sys.stderr)
        return 130
    except Exception:
        path = configure_logging()
        log.exception("unexpected error in command %s", args.command)
        print(f"Terjadi kesalahan tak terduga. Rincian dicatat di {path}.", file=sys.stderr)
        return 2
