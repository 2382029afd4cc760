"""`db upgrade`, `db info` and `demo-data`."""

from __future__ import annotations

import argparse

from services.text.figures import thousands
from ui.cli.options import bounded_int
from ui.cli.signin import add_user_option, signed_in


def add_commands(commands: argparse._SubParsersAction) -> None:
    db = commands.add_parser("db", help="skema dan keterangan basis data")
    db_commands = db.add_subparsers(dest="db_command", metavar="PERINTAH", required=True)
    upgrade = db_commands.add_parser("upgrade", help="perbarui skema basis data ke versi ini")
    upgrade.set_defaults(handler=_upgrade)
    info = db_commands.add_parser("info", help="tampilkan basis data yang dipakai dan isinya")
    add_user_option(info)
    info.set_defaults(handler=_info)

    demo = commands.add_parser("demo-data", help="isi peserta contoh (sintetis) untuk latihan")
    demo.add_argument(
        "--count",
        type=bounded_int(1, 200_000, "jumlah"),
        default=1000,
        help="jumlah peserta (bawaan 1000)",
    )
    demo.add_argument(
        "--seed",
        type=bounded_int(0, 2**31, "benih"),
        default=2025,
        help="benih acak, agar dapat diulang",
    )
    add_user_option(demo)
    demo.set_defaults(handler=_demo_data)


def _upgrade(args: argparse.Namespace) -> int:
    from models.database import make_engine
    from services.core.bootstrap import upgrade_schema
    from services.core.context import ServiceContext

    ctx = ServiceContext.for_engine(make_engine(args.database_url))
    before, after = upgrade_schema(ctx)
    if before == after:
        print(f"Skema sudah terbaru (revisi {after}) di {ctx.database_label}.")
    else:
        print(f"Skema diperbarui dari {before or 'kosong'} ke {after} di {ctx.database_label}.")
    return 0


def _info(args: argparse.Namespace) -> int:
    from services.core.register_info import register_info

    ctx = signed_in(args)
    for label, value in register_info(ctx):
        print(f"{label:<22} {value}")
    return 0


def _demo_data(args: argparse.Namespace) -> int:
    from services.workers.demo_data import generate_demo_workers

    if args.count < 1:
        print("--count harus 1 atau lebih.")
        return 1
    ctx = signed_in(args)
    added = generate_demo_workers(ctx, args.count, seed=args.seed)
    print(f"{thousands(added)} peserta contoh ditambahkan ke {ctx.database_label}.")
    return 0
