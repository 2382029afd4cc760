"""Command line: the same services the GUI calls, for scripts and the server room.

Nothing here imports Qt; `python main.py` with no command hands over to the GUI.
"""

from __future__ import annotations

import argparse
import importlib
import logging
import re
import sys
from collections.abc import Callable
from types import ModuleType
from typing import NoReturn

from services.core.errors import SiRentanError
from services.core.file_output import disk_trouble
from services.core.logging_setup import configure_logging, record_native_crashes, safe_traceback
from services.core.paths import command_prefix
from ui.cli.argparse_words import speak_indonesian
from ui.cli.command_table import COMMAND_MODULES, COMMANDS, module_of
from ui.cli.console import use_utf8_output
from ui.cli.options import EXCERPT_LIMIT, excerpt

log = logging.getLogger(__name__)

Handler = Callable[[argparse.Namespace], int]
EVERY = "*"  # build_parser(EVERY): every command's full options


def command_modules() -> tuple[ModuleType, ...]:
    """Every command module, imported (tests, and the full parser)."""
    return tuple(importlib.import_module(name) for name in COMMAND_MODULES)


class _Parser(argparse.ArgumentParser):
    """argparse's refusals with what was typed cut to a short excerpt (sub-commands
    inherit the class)."""

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        short = re.sub(
            rf"'([^']{{{EXCERPT_LIMIT + 1},}})'", lambda m: f"'{excerpt(m[1])}'", message
        )
        self.exit(2, f"{self.prog}: kesalahan: {short}\n")


def _base_parser(*, add_help: bool = True) -> argparse.ArgumentParser:
    speak_indonesian()
    parser = _Parser(
        prog=command_prefix(),
        description="SiRentan — Sistem Informasi Pekerja Rentan. Tanpa perintah: membuka aplikasi.",
        add_help=add_help,
    )
    parser.add_argument(
        "--database",
        metavar="URL",
        help="alamat basis data (bawaan: SIRENTAN_DATABASE_URL, pengaturan komputer ini, "
        "atau berkas SQLite di folder data pengguna)",
    )
    return parser


def build_parser(command: str | None = EVERY) -> argparse.ArgumentParser:
    """Every command by name and help from the table; the full options of ``command``'s
    module alone (imported here), of none when None, of all with EVERY."""
    parser = _base_parser()
    commands = parser.add_subparsers(dest="command", metavar="PERINTAH")
    wanted = module_of(command) if command not in (None, EVERY) else None
    done: set[str] = set()
    for entry in COMMANDS:
        module = f"ui.cli.{entry.module}"
        if command == EVERY or module == wanted:
            if module not in done:
                importlib.import_module(module).add_commands(commands)
                done.add(module)
        else:
            # A stand-in: --help lists it, and what follows its name waits for the real one.
            commands.add_parser(entry.name, help=entry.help, add_help=False)
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

        return run_gui(_database_url(opening.database))
    # The command's name first, from the table alone (this answers --help and a
    # mistyped name); then its own module, imported only now, reads the rest.
    named, _ = build_parser(None).parse_known_args(argv)
    args = build_parser(named.command).parse_args(argv)
    url = _database_url(args.database)
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
            return _unexpected(args.command, error)
        log.warning("disk trouble in command %s\n%s", args.command, safe_traceback(error))
        print(disk, file=sys.stderr)
        return 1
    except Exception as error:
        return _unexpected(args.command, error)


def _database_url(option: str | None) -> str:
    # Imported here: it loads SQLAlchemy, which --help does not need.
    from services.core.local_config import resolve_database_url

    return resolve_database_url(option)


def _unexpected(command: str, error: BaseException) -> int:
    path = configure_logging()
    # The stack without messages, as the GUI's error hook logs it.
    log.error("unexpected error in command %s\n%s", command, safe_traceback(error))
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
