"""`print-cards` and `cards …`: participant cards from the command line."""

from __future__ import annotations

import argparse
from pathlib import Path

from models.enums import CardLayout, Recipient, ReprintReason
from services.text.formatting import long_date
from services.text.labels import CARD_STATUS
from ui.cli.options import bounded_int, parse_cli_date, record_id
from ui.cli.signin import add_user_option, signed_in


def add_commands(commands: argparse._SubParsersAction) -> None:
    _register_print(commands)
    cards = commands.add_parser("cards", help="log cetak, serah terima dan pemeriksaan kartu")
    sub = cards.add_subparsers(dest="cards_command", metavar="TINDAKAN", required=True)

    batches = sub.add_parser("batches", help="daftar cetak kartu, terbaru di atas")
    add_user_option(batches)
    batches.set_defaults(handler=_batches)

    pending = sub.add_parser("pending", help="kartu dicetak yang belum diserahkan")
    pending.add_argument("--batch", type=record_id, metavar="ID")
    pending.add_argument("--village", metavar="KODE")
    add_user_option(pending)
    pending.set_defaults(handler=_pending)

    handover = sub.add_parser("hand-over", help="catat serah terima kartu")
    which = handover.add_mutually_exclusive_group(required=True)
    which.add_argument("--card", type=record_id, nargs="+", metavar="ID", help="nomor kartu di log")
    which.add_argument("--batch", type=record_id, metavar="ID", help="semua kartu belum diserahkan")
    handover.add_argument("--to", choices=["worker", "desa"], required=True)
    handover.add_argument("--name", default="", help="nama penerima (wajib untuk desa)")
    handover.add_argument("--date", type=parse_cli_date, default=None, metavar="YYYY-MM-DD")
    add_user_option(handover)
    handover.set_defaults(handler=_hand_over)

    verify = sub.add_parser("verify", help="periksa teks QR kartu terhadap register")
    verify.add_argument("text", help="teks hasil pindai QR")
    add_user_option(verify)
    verify.set_defaults(handler=_verify)

    calibrate = sub.add_parser("calibration", help="halaman kalibrasi printer (penggaris mm)")
    calibrate.add_argument("-o", "--output", type=Path, required=True, metavar="BERKAS.pdf")
    calibrate.add_argument(
        "--x",
        type=float,
        help="simpan geser horizontal (mm) komputer ini",
    )
    calibrate.add_argument("--y", type=float, help="simpan geser vertikal (mm) komputer ini")
    calibrate.set_defaults(handler=_calibration)


def _register_print(commands: argparse._SubParsersAction) -> None:
    run = commands.add_parser("print-cards", help="cetak kartu peserta ke PDF (dicatat di log)")
    which = run.add_mutually_exclusive_group()
    which.add_argument("--village", metavar="KODE", help="kode desa, mis. 53.03.05.1002")
    which.add_argument("--kecamatan", metavar="KODE", help="kode kecamatan, mis. 53.03.05")
    which.add_argument("--nik", nargs="+", metavar="NIK", help="NIK peserta")
    run.add_argument("--not-printed", action="store_true", help="hanya yang belum pernah dicetak")
    run.add_argument("--layout", choices=[x.value for x in CardLayout], default="a4")
    run.add_argument("--backs", action="store_true", help="sertakan sisi belakang")
    run.add_argument(
        "--start",
        type=bounded_int(1, 10, "posisi awal"),
        default=1,
        metavar="N",
        help="posisi awal di lembar A4",
    )
    run.add_argument(
        "--reprint-reason",
        choices=[r.value for r in ReprintReason],
        help="cetak ulang kartu yang sudah ada: hilang, rusak, data_diperbaiki",
    )
    run.add_argument("-o", "--output", type=Path, required=True, metavar="BERKAS.pdf")
    add_user_option(run)
    run.set_defaults(handler=_print)


def _print(args: argparse.Namespace) -> int:
    from services.cards import PrintRequest, print_cards

    ctx = signed_in(args)
    request = PrintRequest(
        niks=tuple(args.nik or ()),
        village_code=args.village,
        kecamatan_code=args.kecamatan,
        not_printed=args.not_printed,
        reprint_reason=ReprintReason(args.reprint_reason) if args.reprint_reason else None,
        layout=CardLayout(args.layout),
        backs=args.backs,
        start_position=args.start,
    )
    result = print_cards(ctx, request, args.output)
    reprints = f" ({result.reprints} cetak ulang)" if result.reprints else ""
    print(
        f"{result.cards} kartu{reprints} di {result.pages} halaman ditulis ke {result.pdf_path}; "
        f"dicatat sebagai cetakan #{result.batch_id}."
    )
    if result.notice:
        print(result.notice)
    return 0


def _batches(args: argparse.Namespace) -> int:
    from services.cards import list_print_batches
    from services.core.office_time import moment_text

    for b in list_print_batches(signed_in(args)):
        when = moment_text(b.created_at)  # on the office's clock, with its name
        print(
            f"#{b.id:<5} {when}  {b.created_by or '-':<12} {b.card_count:>6} kartu  "
            f"{b.handed_over_count:>6} diserahkan  {b.selection}"
        )
    return 0


def _pending(args: argparse.Namespace) -> int:
    from services.cards import list_cards

    cards = list_cards(signed_in(args), batch_id=args.batch, village_code=args.village)
    for card in cards:
        print(
            f"{card.id:>7}  {card.full_name:<40} {card.village_name:<24} {CARD_STATUS[card.status]}"
        )
    print(f"{len(cards)} kartu belum diserahkan.")
    return 0


def _hand_over(args: argparse.Namespace) -> int:
    from services.cards import HandOver, hand_over, list_cards
    from services.core.office_time import office_today_of

    ctx = signed_in(args)
    ids = tuple(args.card or (c.id for c in list_cards(ctx, batch_id=args.batch)))
    recipient = Recipient.WORKER if args.to == "worker" else Recipient.VILLAGE_OFFICE
    on = args.date or office_today_of(ctx)
    count = hand_over(ctx, HandOver(ids, on, recipient, args.name))
    print(f"{count} kartu dicatat diserahkan pada {long_date(on)}.")
    return 0


def _verify(args: argparse.Namespace) -> int:
    from services.cards import verify_card

    result = verify_card(signed_in(args), args.text)
    print(result.message)
    return 0 if result.authentic else 1


def _calibration(args: argparse.Namespace) -> int:
    from services.cards import card_offsets, render_calibration_page, save_card_offsets
    from services.cards.render import SheetOptions

    if args.x is not None or args.y is not None:
        x, y = card_offsets()
        save_card_offsets(args.x if args.x is not None else x, args.y if args.y is not None else y)
    x, y = card_offsets()
    render_calibration_page(SheetOptions(offset_x_mm=x, offset_y_mm=y), args.output)
    print(f"Halaman kalibrasi (geser {x:g} mm, {y:g} mm) ditulis ke {args.output}.")
    return 0
