"""Command line: the same services the GUI calls, for scripts and the server room.

Nothing here imports Qt; `python main.py` with no command hands over to the GUI.
"""

from __future__ import annotations

import argparse
import logging
import re
import sys
from collections.abc import Callable
from types import ModuleType
from typing import NoReturn

from services.core.errors import SiRentanError
from services.core.file_output import disk_trouble
from services.core.local_config import resolve_database_url
from services.core.logging_setup import configure_logging, record_native_crashes
from services.core.paths import command_prefix
from ui.cli.argparse_words import speak_indonesian
from ui.cli.console import use_utf8_output
from ui.cli.options import EXCERPT_LIMIT, excerpt

log = logging.getLogger(__name__)

Handler = Callable[[argparse.Namespace], int]


def command_modules() -> tuple[ModuleType, ...]:
    """Each module adds its sub-commands through register(subparsers), in help order.

    Imported here, not at the top, so that opening the GUI loads none of their services
    (PDF, Excel); imported by name in the code, not from strings, so a frozen bundle
    (PyInstaller) sees and carries every one of them.
    """
    from ui.cli import (
        backup_commands,
        card_commands,
        claim_commands,
        db_commands,
        document_commands,
        export_commands,
        import_commands,
        premium_commands,
        report_commands,
        settings_commands,
        user_commands,
        worker_commands,
    )

    return (
        db_commands,
        worker_commands,
        user_commands,
        backup_commands,
        import_commands,
        export_commands,
        card_commands,
        claim_commands,
        premium_commands,
        report_commands,
        document_commands,
        settings_commands,
    )


class _Parser(argparse.ArgumentParser):
    """argparse's refusals with what was typed cut to a short excerpt (sub-commands
    inherit the class)."""

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        short = re.sub(
            rf"'([^']{{{EXCERPT_LIMIT + 1},}})'", lambda m: f"'{excerpt(m[1])}'", message
        )
        self.exit(2, f"{self.prog}: kesalahan: {short}\n")


def _base_parser(**options: object) -> argparse.ArgumentParser:
    speak_indonesian()
    parser = _Parser(
        prog=command_prefix(),
        description="SiRentan — Sistem Informasi Pekerja Rentan. Tanpa perintah: membuka aplikasi.",
        **options,  # type: ignore[arg-type]
    )
    parser.add_argument(
        "--database",
        metavar="URL",
        help="alamat basis data (bawaan: SIRENTAN_DATABASE_URL, pengaturan komputer ini, "
        "atau berkas SQLite di folder data pengguna)",
    )
    return parser


def build_parser() -> argparse.ArgumentParser:
    parser = _base_parser()
    commands = parser.add_subparsers(dest="command", metavar="PERINTAH")
    for module in command_modules():
        module.register(commands)
    return parser


def main() -> int:
    """The `sirentan` command of an installed package (same as `python main.py`)."""
    return run(sys.argv[1:])


def run(argv: list[str]) -> int:
    use_utf8_output()
    unreadable = next((i for i, a in enumerate(argv, start=1) if _undecodable(a)), None)
    if unreadable is not None:
        print(
            f"Argumen ke-{unreadable} memuat huruf yang tidak terbaca (bukan UTF-8). Ketik "
            "ulang perintahnya, atau ganti nama berkas/folder yang memuat huruf itu.",
            file=sys.stderr,
        )
        return 1
    # No command: straight to the GUI, without importing every command's services
    # (PDF, Excel) that the app's start-up time does not need.
    opening, rest = _base_parser(add_help=False).parse_known_args(argv)
    if not rest:
        from ui.gui.app import run_gui

        return run_gui(resolve_database_url(opening.database))
    args = build_parser().parse_args(argv)
    url = resolve_database_url(args.database)
    configure_logging()
    record_native_crashes()
    args.database_url = url
    handler: Handler = args.handler
    try:
        return handler(args)
    except SiRentanError as error:
        print(_short_quotes(error.message, argv), file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("Dibatalkan.", file=sys.stderr)
        return 130
    except OSError as error:
        disk = disk_trouble(error)
        if disk is None:
            return _unexpected(args.command)
        log.warning("disk trouble in command %s", args.command, exc_info=True)
        print(disk, file=sys.stderr)
        return 1
    except Exception:
        return _unexpected(args.command)


def _unexpected(command: str) -> int:
    path = configure_logging()
    log.exception("unexpected error in command %s", command)
    print(f"Terjadi kesalahan tak terduga. Rincian dicatat di {path}.", file=sys.stderr)
    return 2


def _undecodable(argument: str) -> bool:
    """Bytes that were not UTF-8 reach Python as lone surrogates (surrogateescape)."""
    return any("\udc80" <= ch <= "\udcff" for ch in argument)


def _short_quotes(message: str, argv: list[str]) -> str:
    """A message quotes what was typed at most as a short excerpt (a 100 kB name is not
    echoed back whole)."""
    for argument in sorted(set(argv), key=len, reverse=True):
        if len(argument) > EXCERPT_LIMIT:
            message = message.replace(argument, excerpt(argument))
    return message
