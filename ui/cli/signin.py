"""Who runs a command: --user (or SIRENTAN_USER), the password from SIRENTAN_PASSWORD or a prompt.

The services check every permission, so the command line obeys the same
roles as the app.
"""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from typing import TYPE_CHECKING

from services.core.errors import AuthenticationError, SiRentanError
from services.core.paths import command_prefix

if TYPE_CHECKING:
    from services.core.context import ServiceContext

ENV_USER = "SIRENTAN_USER"
ENV_PASSWORD = "SIRENTAN_PASSWORD"
ENV_NEW_PASSWORD = "SIRENTAN_NEW_PASSWORD"

NO_ACCOUNTS = (
    "Belum ada akun di basis data ini. Buat administrator pertama dengan:\n"
    f"  {command_prefix()} users create --name NAMA --role admin"
)


def add_user_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--user",
        metavar="NAMA",
        default=os.environ.get(ENV_USER),
        help=f"akun yang menjalankan perintah (bawaan: {ENV_USER}); kata sandi dari "
        f"{ENV_PASSWORD} atau ditanyakan",
    )


def signed_in(args: argparse.Namespace) -> ServiceContext:
    # Imported here, as in every command module: they load SQLAlchemy and the tables,
    # which a command's --help and argparse's refusals do not need.
    from services.accounts.auth import sign_in

    password = os.environ.get(ENV_PASSWORD)
    if (not args.user or not password) and _register_is_empty(args.database_url):
        raise SiRentanError(NO_ACCOUNTS)
    if not args.user:
        raise AuthenticationError(
            f"Sebutkan akun Anda: --user NAMA (atau {ENV_USER}); kata sandi dari "
            f"{ENV_PASSWORD} atau ditanyakan."
        )
    password = password or ask_password(f"Kata sandi {args.user}: ")
    try:
        return sign_in(args.database_url, args.user, password)
    except AuthenticationError:
        if _register_is_empty(args.database_url):
            raise SiRentanError(NO_ACCOUNTS) from None
        raise


def ask_password(prompt: str) -> str:
    if not sys.stdin.isatty():
        raise AuthenticationError(
            f"Kata sandi tidak dapat ditanyakan di sini; isi {ENV_PASSWORD} (atau "
            f"{ENV_NEW_PASSWORD} untuk kata sandi baru)."
        )
    return getpass.getpass(prompt)


def ask_new_password(prompt: str) -> str:
    from_env = os.environ.get(ENV_NEW_PASSWORD)
    if from_env:
        return from_env
    first = ask_password(prompt)
    if ask_password("Ulangi kata sandi: ") != first:
        raise SiRentanError("Kedua kata sandi tidak sama; tidak ada yang diubah.")
    return first


def _register_is_empty(url: str) -> bool:
    from services.accounts.service import count_users
    from services.core.bootstrap import open_register

    try:
        ctx = open_register(url)
        try:
            return count_users(ctx) == 0
        finally:
            ctx.engine.dispose()
    except SiRentanError:
        return False
