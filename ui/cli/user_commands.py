"""`users create | list | password | reset-password | deactivate | activate`."""

from __future__ import annotations

import argparse
import os
from typing import TYPE_CHECKING

from models.enums import Role
from services.core.errors import NotFoundError
from services.core.permissions import ROLE_LABELS
from ui.cli.signin import (
    ENV_PASSWORD,
    add_user_option,
    ask_new_password,
    ask_password,
    signed_in,
)

if TYPE_CHECKING:
    from services.accounts.service import UserInfo
    from services.core.context import ServiceContext


def add_commands(commands: argparse._SubParsersAction) -> None:
    users = commands.add_parser("users", help="akun petugas")
    sub = users.add_subparsers(dest="users_command", metavar="PERINTAH", required=True)

    create = sub.add_parser("create", help="buat akun (akun pertama: administrator)")
    create.add_argument("--name", required=True, metavar="NAMA", help="nama pengguna")
    create.add_argument("--role", required=True, choices=[r.value for r in Role])
    create.add_argument("--full-name", metavar="TEKS", help="nama lengkap (bawaan: --name)")
    create.add_argument(
        "--kecamatan", nargs="*", default=[], metavar="KODE", help="batasi ke kecamatan ini"
    )
    add_user_option(create)
    create.set_defaults(handler=_create)

    listing = sub.add_parser("list", help="daftar akun")
    add_user_option(listing)
    listing.set_defaults(handler=_list)

    password = sub.add_parser("password", help="ganti kata sandi Anda sendiri")
    add_user_option(password)
    password.set_defaults(handler=_password)

    for name, text in (
        ("reset-password", "atur kata sandi sementara untuk akun lain"),
        ("deactivate", "nonaktifkan akun (tidak pernah dihapus)"),
        ("activate", "aktifkan kembali akun"),
    ):
        command = sub.add_parser(name, help=text)
        command.add_argument("account", metavar="NAMA")
        add_user_option(command)
        command.set_defaults(handler=_admin_action, action=name)


def _create(args: argparse.Namespace) -> int:
    from services.accounts.service import NewUser, count_users, create_user
    from services.core.bootstrap import open_register

    bootstrap = open_register(args.database_url)
    if count_users(bootstrap) == 0:
        # The first administrator: whoever can open the database may create it.
        ctx = bootstrap
        password = os.environ.get(ENV_PASSWORD) or ask_new_password("Kata sandi baru: ")
    else:
        bootstrap.engine.dispose()
        ctx = signed_in(args)
        password = ask_new_password(f"Kata sandi baru untuk {args.name}: ")
    new = NewUser(
        username=args.name,
        full_name=args.full_name or args.name,
        role=Role(args.role),
        password=password,
        kecamatan_codes=list(args.kecamatan),
    )
    user = create_user(ctx, new)
    print(f"Akun {user.username} ({ROLE_LABELS[user.role]}) dibuat.")
    if user.must_change_password:
        print("Kata sandi ini sementara: petugas harus menggantinya saat pertama masuk.")
    return 0


def _list(args: argparse.Namespace) -> int:
    from services.accounts.service import list_users

    for user in list_users(signed_in(args)):
        print(_line(user))
    return 0


def _line(user: UserInfo) -> str:
    state = "aktif" if user.active else "nonaktif"
    limits = ",".join(user.kecamatan_codes) or "semua kecamatan"
    return f"{user.username:<20} {ROLE_LABELS[user.role]:<14} {state:<9} {limits}"


def _password(args: argparse.Namespace) -> int:
    from services.accounts.auth import sign_in
    from services.accounts.service import change_own_password

    old = os.environ.get(ENV_PASSWORD) or ask_password(f"Kata sandi lama {args.user}: ")
    ctx = sign_in(args.database_url, args.user or "", old)
    change_own_password(ctx, old, ask_new_password("Kata sandi baru: "))
    print("Kata sandi diganti.")
    return 0


def _admin_action(args: argparse.Namespace) -> int:
    from services.accounts.service import reset_password, update_user

    ctx = signed_in(args)
    user = _find(ctx, args.account)
    if args.action == "reset-password":
        reset_password(ctx, user.id, ask_new_password(f"Kata sandi sementara {user.username}: "))
        print(f"Kata sandi sementara {user.username} diatur; harus diganti saat masuk.")
    else:
        active = args.action == "activate"
        update_user(ctx, user.id, user.version, active=active)
        print(f"Akun {user.username} {'diaktifkan' if active else 'dinonaktifkan'}.")
    return 0


def _find(ctx: ServiceContext, username: str) -> UserInfo:
    from services.accounts.service import list_users

    for user in list_users(ctx):
        if user.username == username:
            return user
    raise NotFoundError(f"Akun {username} tidak ditemukan.")
